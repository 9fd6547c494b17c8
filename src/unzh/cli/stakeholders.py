"""``unzh stakeholders`` and ``unzh stakeholder-evidence``: stakeholder emphasis and its sentences as CSV.

    unzh stakeholders FILE [FILE …] [--by COL|none] [--lang zh|en|both] [--n-boot N] [--seed S]
                      [--rule strongest|first] [--actor ID …] [--lexicon PATH] [--verbs PATH]
    unzh stakeholder-evidence FILE [ACTOR] [--debate N] [--rule strongest|first]

``stakeholders`` prints one row per group and actor: mentions, characters,
mentions per 1,000 characters, paragraphs naming the actor and their share,
emphasis (mentions weighted by the strength of their sentence) and emphasis
per 1,000 characters, each with its bootstrap interval (``*_low``,
``*_high``), and the mean weight; see :mod:`unzh.textstat.emphasis`.
``stakeholder-evidence`` prints the sentences behind these numbers, aliases
marked 【】 (all actors when ACTOR is left out).  Bad input (an unknown
grouping column, actor or debate, a negative ``--n-boot``, a malformed
lexicon, ``--by debate`` on a text without debates) is a one-line error with exit status 2.  A
text without a body paragraph is valid input with nothing to count: the CSV header alone, a
one-line note on stderr, exit status 0.
"""
from __future__ import annotations

import sys

from unzh.errors import InputError

BY_CHOICES = ("debate", "section", "doc_id", "none")


def _coded(args):
    from unzh.cli.common import read_corpus_noting
    from unzh.textstat.stakeholders import code_stakeholders

    corpus = read_corpus_noting(args.file, args.command)
    return corpus.paragraphs, code_stakeholders(corpus.paragraphs, args.lexicon, args.verbs, rule=args.rule)


def cmd_stakeholders(args) -> None:
    from unzh.cli.common import emit
    from unzh.text.structure import default_grouping
    from unzh.textstat.emphasis import textstat_stakeholders
    from unzh.textstat.stakeholders import check_actor_ids

    if args.by is not None and args.by not in BY_CHOICES:
        raise InputError("--by", f"unknown grouping column {args.by!r} (use one of: {', '.join(BY_CHOICES)})")
    if args.n_boot < 0:
        raise InputError("--n-boot", f"must be 0 or more, got {args.n_boot}")
    paragraphs, coded = _coded(args)
    check_actor_ids(coded, args.actor or [])
    by = args.by or default_grouping(paragraphs)
    by = None if by == "none" else by
    where = ", ".join(map(str, args.file))
    if not len(coded):  # valid input with nothing to count: the header alone, exit status 0
        print(f"unzh stakeholders: {where}: no body paragraph (only headings, notes or footnotes): "
              "nothing to count", file=sys.stderr)
    elif by is not None and not coded[by].notna().any():  # the grouping asked for does not exist here
        raise InputError(where, f"no body paragraph has a {by}, so --by {by} gives no group "
                                "(use --by section, doc_id or none)")
    table = textstat_stakeholders(coded, by, n_boot=args.n_boot, seed=args.seed, lang=args.lang)
    if args.actor:
        table = table[table["actor_id"].isin(args.actor)]
    groups = table[by].nunique() if by else 1
    print(f"unzh stakeholders: {int(coded['n_mentions'].sum())} mentions in {len(coded)} sentences; {groups} group(s)"
          + (f" by {by!r}" if by else " (whole text)") + f"; intervals: {table.attrs['interval']}; "
          f"verb rule: {args.rule}", file=sys.stderr)
    emit(table)


def cmd_evidence(args) -> None:
    from unzh.cli.common import emit
    from unzh.textstat.stakeholders import stakeholder_evidence

    _, coded = _coded(args)
    if args.debate is not None:
        debates = sorted({int(d) for d in coded["debate"].dropna()})
        where = ", ".join(map(str, args.file))
        if not debates:
            raise InputError(where, "has no debates, so --debate cannot be used")
        if args.debate not in debates:
            raise InputError(where, f"has no debate {args.debate} (debates: {', '.join(map(str, debates))})")
        out = stakeholder_evidence(coded, args.actor, by="debate", group=args.debate)
    else:
        out = stakeholder_evidence(coded, args.actor)
    print(f"unzh stakeholder-evidence: {len(out)} sentence(s), {int(out['mentions'].sum())} mention(s), "
          f"emphasis {out['contribution'].sum():g}", file=sys.stderr)
    emit(out)


def _common(s) -> None:
    s.add_argument("--rule", choices=("strongest", "first"), default="strongest",
                   help="verb that grades a sentence: its strongest (default) or its first reporting verb")
    s.add_argument("--lexicon", default=None, metavar="PATH",
                   help="stakeholder lexicon (default data/lexicons/stakeholders.tsv)")
    s.add_argument("--verbs", default=None, metavar="PATH",
                   help="reporting-verb lexicon (default data/lexicons/reporting_verbs.tsv)")


def register(subparsers) -> None:
    """Add the ``stakeholders`` and ``stakeholder-evidence`` subcommands."""
    from unzh.textstat.emphasis import DEFAULT_N_BOOT, DEFAULT_SEED

    s = subparsers.add_parser("stakeholders", help="actor x group table: mentions, rate, paragraph share, "
                                                   "emphasis, with bootstrap intervals")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section, doc_id or none (default: debate if the text has debates, "
                        "doc_id for several files, else section)")
    s.add_argument("--lang", choices=("zh", "en", "both"), default="both", help="labels (default both)")
    s.add_argument("--n-boot", type=int, default=DEFAULT_N_BOOT, metavar="N",
                   help=f"bootstrap resamples of the paragraphs (default {DEFAULT_N_BOOT}; 0: no intervals)")
    s.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                   help=f"random seed of the bootstrap (default {DEFAULT_SEED})")
    s.add_argument("--actor", action="append", default=None, metavar="ID", help="only this actor (repeatable)")
    _common(s)
    s.set_defaults(func=cmd_stakeholders)

    s = subparsers.add_parser("stakeholder-evidence",
                              help="the sentences naming an actor, with verb, strength and aliases marked 【】")
    s.add_argument("file", nargs=1, metavar="FILE")
    s.add_argument("actor", nargs="?", default=None, metavar="ACTOR", help="actor id (default: every actor)")
    s.add_argument("--debate", type=int, default=None, metavar="N", help="only debate N")
    _common(s)
    s.set_defaults(func=cmd_evidence)

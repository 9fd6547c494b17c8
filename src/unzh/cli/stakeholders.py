"""``unzh stakeholders`` and ``unzh stakeholder-evidence``: stakeholder emphasis and its sentences as CSV.

    unzh stakeholders FILE [FILE …] [--by COLUMN|KIND|none] [--lang zh|en|both] [--n-boot N] [--seed S]
                      [--rule strongest|first] [--actor ID …] [--actors NAME|FILE …] [--verbs FILE …] [--dict FILE …]
    unzh stakeholder-evidence FILE [ACTOR] [--by COLUMN|KIND [--group VALUE]] [--debate N] [--rule strongest|first]

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
from unzh.text.words import plural


def _coded(args):
    """Read the file(s), choose the actor lexicon (``--actors``, else the shipped one that names actors
    in most body paragraphs, as the notebooks choose) and code the sentences."""
    from unzh.cli.common import dictionaries, note_choice, read_corpus_noting
    from unzh.lexicon.files import known_terms, load_lexicons
    from unzh.textstat.fit import choose_lexicon
    from unzh.textstat.stakeholders import code_stakeholders

    if args.actors:
        load_lexicons("actors", args.actors)  # bad lexicons fail before the documents are read
    verbs = load_lexicons("verbs", args.verbs)
    corpus = read_corpus_noting(args.file, args.command)
    paragraphs = corpus.paragraphs
    blockers = known_terms(dictionaries(args), load_lexicons("themes"))
    choice = choose_lexicon("actors", paragraphs, args.actors, blockers=blockers)
    note_choice(args, choice, "actor", "names", "--actors FILE")
    return paragraphs, code_stakeholders(paragraphs, choice.table, verbs, rule=args.rule, blockers=blockers)


def cmd_stakeholders(args) -> None:
    from unzh.cli.common import choose_grouping, emit, print_notes
    from unzh.text.structure import attach_grouping
    from unzh.textstat.emphasis import textstat_stakeholders
    from unzh.textstat.stakeholders import check_actor_ids

    if args.n_boot < 0:
        raise InputError("--n-boot", f"must be 0 or more, got {args.n_boot}")
    paragraphs, coded = _coded(args)
    check_actor_ids(coded, args.actor or [])
    paragraphs, by = choose_grouping(paragraphs, args.by, args.command)
    coded = attach_grouping(coded, paragraphs, by)
    where = ", ".join(map(str, args.file))
    if not len(coded):  # valid input with nothing to count: the header alone, exit status 0
        print(f"unzh stakeholders: {where}: no body paragraph (only headings, notes or footnotes): "
              "nothing to count", file=sys.stderr)
    table = textstat_stakeholders(coded, by, n_boot=args.n_boot, seed=args.seed, lang=args.lang)
    if args.actor:
        table = table[table["actor_id"].isin(args.actor)]
    groups = table[by].nunique() if by else 1
    print_notes(args)
    print(f"unzh stakeholders: {plural(int(coded['n_mentions'].sum()), 'mention')} in "
          f"{plural(len(coded), 'sentence')}; {groups} group(s)"
          + (f" by {by!r}" if by else " (whole text)") + f"; intervals: {table.attrs['interval']}; "
          f"verb rule: {args.rule}", file=sys.stderr)
    emit(table)


def cmd_evidence(args) -> None:
    from unzh.cli.common import emit, evidence_grouping, print_notes
    from unzh.text.structure import attach_grouping
    from unzh.textstat.stakeholders import stakeholder_evidence

    paragraphs, coded = _coded(args)
    paragraphs, by, group = evidence_grouping(paragraphs, args, ", ".join(map(str, args.file)))
    coded = attach_grouping(coded, paragraphs, by)
    out = stakeholder_evidence(coded, args.actor, by=by, group=group)
    print_notes(args)
    where = f" in {by} {group}" if group is not None else (f"; by {by!r}" if by else "")
    print(f"unzh stakeholder-evidence: {plural(len(out), 'sentence')}, {plural(int(out['mentions'].sum()), 'mention')}, "
          f"emphasis {out['contribution'].sum():g}{where}", file=sys.stderr)
    emit(out)


def _common(s) -> None:
    s.add_argument("--rule", choices=("strongest", "first"), default="strongest",
                   help="verb that grades a sentence: its strongest (default) or its first reporting verb")
    s.add_argument("--actors", "--lexicon", dest="actors", action="append", default=None, metavar="NAME|FILE",
                   help="actor lexicon: a shipped name (migration: data/lexicons/stakeholders.tsv; general: "
                        "actors_general.tsv) or a file; repeatable, stacked (a later file's actor replaces one with "
                        "its id); default: the shipped lexicon that names actors in most body paragraphs")
    s.add_argument("--verbs", action="append", default=None, metavar="FILE",
                   help="reporting-verb lexicon (default data/lexicons/reporting_verbs.tsv); repeatable, stacked")
    from unzh.cli.common import add_dictionary_options
    add_dictionary_options(s, stopwords=False)


def register(subparsers) -> None:
    """Add the ``stakeholders`` and ``stakeholder-evidence`` subcommands."""
    from unzh.textstat.emphasis import DEFAULT_N_BOOT, DEFAULT_SEED

    s = subparsers.add_parser("stakeholders", help="actor x group table: mentions, rate, paragraph share, "
                                                   "emphasis, with bootstrap intervals")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section, doc_id, unit_kind, path, a unit kind the text has (article, "
                        "goal, operative ...) or none (default: doc_id for several files, debate if the text "
                        "has debates, else section)")
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
    from unzh.cli.common import add_evidence_grouping_options
    add_evidence_grouping_options(s)
    _common(s)
    s.set_defaults(func=cmd_evidence)

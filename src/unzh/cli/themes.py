"""``unzh themes``, ``unzh cooc`` and ``unzh theme-evidence``: theme coverage, co-occurrence and evidence as CSV.

    unzh themes FILE [FILE …] [--by COLUMN|KIND|none] [--unit paragraph|sentence] [--lang zh|en|both] [--theme ID …]
    unzh cooc FILE [FILE …] [--unit paragraph|sentence] [--by COLUMN|KIND|none] [--debate N] [--min-count K] [--theme ID …]
    unzh theme-evidence FILE THEME [OTHER] [--by COLUMN|KIND [--group VALUE]] [--debate N] [--unit paragraph|sentence]

All three code the body paragraphs (or their sentences) with the theme
lexicon (``--themes NAME|FILE``, repeatable; ``--lexicon`` is the same option; default: the shipped
lexicon that codes most body paragraphs, :func:`unzh.textstat.fit.choose_theme_lexicon`; stderr
says which, and says when it codes under 20% of them), a theme term not being matched inside a
longer word of the dictionaries (``--dict``) or a longer actor alias; see
:mod:`unzh.textstat.themes` and :mod:`unzh.textstat.cooccurrence` for the definitions.
``cooc`` prints the pooled block (``group = all``: the units of all groups)
followed by one block per group; ``--debate N`` prints that debate alone.
Bad input (unknown theme id, a debate the document does not have, an unknown
grouping column, a negative ``--min-count``, a malformed lexicon) is a
one-line error with exit status 2.
"""
from __future__ import annotations

import sys

from unzh.errors import InputError
from unzh.text.words import plural


def choose_themes(args, paragraphs, command: str):
    """The theme lexicon of ``--themes`` (stacked), else the shipped one that fits best
    (:func:`unzh.textstat.fit.choose_lexicon`, as the notebooks choose); a note says which and the
    entries found, and one line each says where it does not fit (all documents, and in a corpus each
    document it codes under 20% of, naming the alternatives)."""
    from unzh.cli.common import dictionaries, note_choice
    from unzh.lexicon.files import known_terms
    from unzh.textstat.fit import choose_lexicon

    choice = choose_lexicon("themes", paragraphs, args.themes, blockers=known_terms(dictionaries(args)))
    note_choice(args, choice, "theme", "codes", "--themes FILE")
    return choice.table


def _coded(args, grouping: bool = True):
    """Read the file(s), code them; return (coded table, grouping column or None, paragraphs)."""
    from unzh.cli.common import choose_grouping, dictionaries, read_corpus_noting
    from unzh.lexicon.files import known_terms, load_lexicons
    from unzh.text.structure import attach_grouping
    from unzh.textstat.themes import check_theme_ids, code_themes

    if args.themes:
        load_lexicons("themes", args.themes)  # a bad lexicon fails before the documents are read
    corpus = read_corpus_noting(args.file, args.command)
    paragraphs = corpus.paragraphs
    themes = choose_themes(args, paragraphs, args.command)
    blockers = known_terms(dictionaries(args), load_lexicons("actors"))
    coded = code_themes(paragraphs, themes, unit=args.unit, blockers=blockers)
    check_theme_ids(coded, getattr(args, "theme", None) or [])
    by = None
    if grouping and getattr(args, "debate", None) is None:
        paragraphs, by = choose_grouping(corpus.paragraphs, args.by, args.command)
        coded = attach_grouping(coded, paragraphs, by)
    debate = getattr(args, "debate", None)
    if grouping and debate is not None:
        debates = sorted({int(d) for d in coded["debate"].dropna()})
        where = ", ".join(map(str, args.file))
        if not debates:
            raise InputError(where, "has no debates, so --debate cannot be used (try --by section)")
        if debate not in debates:
            raise InputError(where, f"has no debate {debate} (debates: {', '.join(map(str, debates))})")
        by = "debate"
    return coded, by, paragraphs


def cmd_themes(args) -> None:
    from unzh.cli.common import emit, print_notes
    from unzh.textstat.cooccurrence import textstat_themes

    coded, by, _ = _coded(args)
    table = textstat_themes(coded[coded[by].notna()] if by else coded, by, lang=args.lang)
    if args.theme:
        table = table[table["theme_id"].isin(args.theme)]
    groups = table[by].nunique() if by else 1
    print_notes(args)
    n_coded = sum(1 for found in coded["themes"] if found)
    print(f"unzh themes: {n_coded} of {plural(len(coded), args.unit)} coded with a theme; {groups} group(s)"
          + (f" by {by!r}" if by else " (whole text)"), file=sys.stderr)
    emit(table)


def cmd_cooc(args) -> None:
    from unzh.cli.common import emit, print_notes
    from unzh.textstat.cooccurrence import textstat_cooccurrence

    if args.min_count < 0:
        raise InputError("--min-count", f"must be 0 or more, got {args.min_count}")
    coded, by, _ = _coded(args)
    if args.debate is not None:
        coded = coded[coded["debate"] == args.debate]
    edges = textstat_cooccurrence(coded, by, include_all=args.debate is None, min_count=args.min_count,
                                  themes=args.theme or None, lang=args.lang)
    if args.debate is not None:
        edges = edges[edges["group"] == args.debate]
    print_notes(args)
    print(f"unzh cooc: unit {args.unit}; grouping {by or 'none'}; {len(edges)} pair row(s) with count >= "
          f"{args.min_count}", file=sys.stderr)
    emit(edges)


def cmd_evidence(args) -> None:
    from unzh.cli.common import emit, evidence_grouping, print_notes
    from unzh.text.structure import attach_grouping
    from unzh.textstat.themes import theme_evidence

    args.theme = [t for t in (args.theme_a, args.theme_b) if t]
    coded, _, paragraphs = _coded(args, grouping=False)
    paragraphs, by, group = evidence_grouping(paragraphs, args, ", ".join(map(str, args.file)))
    coded = attach_grouping(coded, paragraphs, by)
    out = theme_evidence(coded, args.theme_a, args.theme_b, by=by, group=group)
    print_notes(args)
    where = f" in {by} {group}" if group is not None else (f"; by {by!r}" if by else "")
    print(f"unzh theme-evidence: {len(out)} {args.unit}(s) coded with {' and '.join(args.theme)}{where}",
          file=sys.stderr)
    emit(out)


def _common(s, lang: bool = True) -> None:
    s.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph",
                   help="unit of coding: body paragraph (default) or sentence (split after 。！？；)")
    s.add_argument("--themes", "--lexicon", dest="themes", action="append", default=None, metavar="NAME|FILE",
                   help="theme lexicon: a shipped name (migration, human_rights, peace_security, "
                        "sustainable_development) or a file; repeatable, stacked (a later file's theme replaces "
                        "one with its id, others are added); default: the shipped lexicon that codes most body paragraphs")
    from unzh.cli.common import add_dictionary_options
    add_dictionary_options(s, stopwords=False)
    if lang:
        s.add_argument("--lang", choices=("zh", "en", "both"), default="both", help="labels (default both)")


def register(subparsers) -> None:
    """Add the ``themes``, ``cooc`` and ``theme-evidence`` subcommands."""
    s = subparsers.add_parser("themes", help="theme x group table: units coded with each theme and their share")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section, doc_id, unit_kind, path, a unit kind the text has (article, "
                        "goal, operative ...) or none (default: doc_id for several files, debate if the text "
                        "has debates, else section)")
    s.add_argument("--theme", action="append", default=None, metavar="ID", help="only this theme (repeatable)")
    _common(s)
    s.set_defaults(func=cmd_themes)

    s = subparsers.add_parser("cooc", help="theme co-occurrence edge list (count, Jaccard, lift, expected)")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group as for `unzh themes` (debate, section, doc_id, unit_kind, path, a unit kind, none)")
    s.add_argument("--debate", type=int, default=None, metavar="N", help="only debate N")
    s.add_argument("--min-count", type=int, default=1, metavar="K",
                   help="only pairs coded together in at least K units (default 1; 0 lists every pair)")
    s.add_argument("--theme", action="append", default=None, metavar="ID",
                   help="only pairs involving this theme (repeatable)")
    _common(s)
    s.set_defaults(func=cmd_cooc)

    s = subparsers.add_parser("theme-evidence",
                              help="the units coded with a theme (or a pair), matched terms marked 【】")
    s.add_argument("file", nargs=1, metavar="FILE")
    s.add_argument("theme_a", metavar="THEME")
    s.add_argument("theme_b", nargs="?", default=None, metavar="OTHER")
    from unzh.cli.common import add_evidence_grouping_options
    add_evidence_grouping_options(s)
    _common(s, lang=False)
    s.set_defaults(func=cmd_evidence)

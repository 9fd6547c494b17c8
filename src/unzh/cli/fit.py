"""``unzh fit``: how well each theme and actor lexicon fits each document, and the entries that occur.

    unzh fit FILE [FILE …] [--themes NAME|FILE …] [--actors NAME|FILE …] [--entries] [--dict FILE …]

Without ``--entries``: one row per (kind, document, lexicon) — every shipped theme and actor
lexicon, and the ones ``--themes`` / ``--actors`` name (stacked) — with the body paragraphs, those
the lexicon codes, their share, the lexicon's entries and the entries found (``|``-joined), and a
row per lexicon for all documents (``doc_id`` ``(all)``); ``chosen`` marks the lexicon
``themes``, ``stakeholders`` and the notebooks would use (:func:`unzh.textstat.fit.choose_lexicon`).
With ``--entries``: one row per (kind, document, entry found) of the chosen lexicons, with the
paragraphs it codes, its matches and the strings matched (:func:`unzh.textstat.fit.lexicon_entries`).
stderr says which lexicon is chosen and, one line each, where it does not fit (under 20% of the
body paragraphs of all documents, or of one document of a corpus), naming the alternatives.
"""
from __future__ import annotations

import pandas as pd


def cmd_fit(args) -> None:
    from unzh.cli.common import dictionaries, emit, note_choice, print_notes, read_corpus_noting
    from unzh.lexicon.files import known_terms, load_lexicons
    from unzh.textstat.fit import ENTRY_COLUMNS, FIT_COLUMNS, choose_lexicon, lexicon_entries

    for kind in ("themes", "actors"):  # bad lexicons fail before the documents are read
        if getattr(args, kind):
            load_lexicons(kind, getattr(args, kind))
    paragraphs = read_corpus_noting(args.file, "fit").paragraphs
    tables = []
    for kind, label, verb, own in (("themes", "theme", "codes", "--themes FILE"),
                                   ("actors", "actor", "names", "--actors FILE")):
        other = "actors" if kind == "themes" else "themes"
        blockers = known_terms(dictionaries(args), *([load_lexicons(other)] if kind == "actors" else []))
        choice = choose_lexicon(kind, paragraphs, getattr(args, kind), blockers=blockers)
        note_choice(args, choice, label, verb, own)
        if args.entries:
            found = lexicon_entries(paragraphs, choice.table, name=choice.name, blockers=blockers)
            tables.append(found.assign(kind=kind)[["kind", *ENTRY_COLUMNS]])
        else:
            fits = choice.per_document.assign(kind=kind, chosen=choice.per_document["lexicon"] == choice.name)
            tables.append(fits[["kind", "doc_id", "lexicon", "chosen", *FIT_COLUMNS[2:]]])
    print_notes(args)
    emit(pd.concat(tables, ignore_index=True))


def register(subparsers) -> None:
    """Add the ``fit`` subcommand."""
    from unzh.cli.common import add_dictionary_options
    s = subparsers.add_parser("fit", help="each theme and actor lexicon's fit to each document (share of body "
                                          "paragraphs coded, entries found) as CSV; --entries: the entries that occur")
    s.add_argument("file", nargs="+", metavar="FILE", help="documents or folders (several: one corpus)")
    s.add_argument("--themes", action="append", default=None, metavar="NAME|FILE",
                   help="a theme lexicon to measure beside the shipped ones (name or file; repeatable, stacked)")
    s.add_argument("--actors", action="append", default=None, metavar="NAME|FILE",
                   help="an actor lexicon to measure beside the shipped ones (name or file; repeatable, stacked)")
    s.add_argument("--entries", action="store_true",
                   help="instead: one row per entry of the chosen lexicons found in each document, with the "
                        "paragraphs it codes and the strings matched")
    add_dictionary_options(s, stopwords=False)
    s.set_defaults(func=cmd_fit)

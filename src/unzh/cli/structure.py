"""``unzh structure``: each document's coverage account as CSV on stdout.

    unzh structure FILE [FILE …]

One row per document (:data:`unzh.text.structure.COVERAGE_COLUMNS`): the layout
recognised, whether it fell back, and how the characters of the cleaned text split
into body paragraphs, headings, front matter, notes, footnotes, signatures and the
rest.  A document whose layout fell back, or with less than 60% of its characters in
body paragraphs, is named in one line on stderr (exit status 0: it is a finding, not
an error); so is a document whose long lines were cut at paragraph numbers.
"""
from __future__ import annotations


def cmd_structure(args) -> None:
    from unzh.cli.common import emit, note_coverage, read_corpus_noting

    corpus = read_corpus_noting(args.file, "structure", coverage=False)
    emit(note_coverage(corpus, "structure"))


def register(subparsers) -> None:
    """Add the ``structure`` subcommand."""
    s = subparsers.add_parser("structure", help="each document's layout and coverage account (characters in "
                                                "body, headings, front matter, notes, footnotes, signature) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE", help="documents or folders")
    s.set_defaults(func=cmd_structure)

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

import os
import sys
from pathlib import Path


def _shown(path: Path) -> str:
    """A file as the user would name it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.fspath(path)


def cmd_structure(args) -> None:
    from unzh.cli.common import emit
    from unzh.text.corpus import read_corpus
    from unzh.text.structure import coverage_warnings, structure_coverage

    corpus = read_corpus(args.file, strict=True)
    coverage = structure_coverage(corpus.paragraphs)
    files = {d.doc_id: _shown(d.raw.path) for d in corpus.documents}
    for line in coverage_warnings(coverage, files):
        print(f"unzh structure: {line}", file=sys.stderr)
    for r in coverage[coverage["split"]].itertuples():
        print(f"unzh structure: {files[r.doc_id]}: long lines without paragraph breaks were cut at "
              "paragraph numbers and headings", file=sys.stderr)
    emit(coverage)


def register(subparsers) -> None:
    """Add the ``structure`` subcommand."""
    s = subparsers.add_parser("structure", help="each document's layout and coverage account (characters in "
                                                "body, headings, front matter, notes, footnotes, signature) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE", help="documents or folders")
    s.set_defaults(func=cmd_structure)

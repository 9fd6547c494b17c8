"""``unzh freq`` and ``unzh keyness``: term frequencies and keyness as CSV on stdout.

    unzh freq FILE [FILE …] [--by debate|section|doc_id] [--top N]
    unzh keyness FILE [FILE …] [--by debate|section|doc_id] [--top N] [--min-paragraphs K] [--tfidf]

Both count the body paragraphs (:func:`unzh.text.structure.body`) with the
package's segmenter (user dictionary, stopwords removed).  Several files are
read as one corpus.  An unknown ``--by`` or a bad number is a one-line error
with exit status 2 (raised as :class:`unzh.errors.InputError`).
"""
from __future__ import annotations

import sys

from unzh.errors import InputError

BY_CHOICES = ("debate", "section", "doc_id")


def _tokens(args, command: str):
    from unzh.cli.common import read_corpus_noting, segment_paragraphs
    from unzh.text.structure import body, default_grouping

    corpus = read_corpus_noting(args.file, command)
    paragraphs = corpus.paragraphs
    return segment_paragraphs(body(paragraphs), args, command), default_grouping(paragraphs)


def _check(args) -> None:
    if args.by is not None and args.by not in BY_CHOICES:
        raise InputError("--by", f"unknown grouping column {args.by!r} (use one of: {', '.join(BY_CHOICES)})")
    if args.top is not None and args.top < 1:
        raise InputError("--top", f"must be a positive number, got {args.top}")
    if getattr(args, "min_paragraphs", 1) < 1:
        raise InputError("--min-paragraphs", f"must be at least 1, got {args.min_paragraphs}")


def _named(files, exc: InputError) -> InputError:
    """An error from a measure, re-labelled with the file(s) it is about."""
    return InputError(", ".join(map(str, files)), exc.problem) if exc.source is None else exc


def cmd_freq(args) -> None:
    from unzh.cli.common import corpus_counts, emit, uses_engine
    from unzh.textstat.frequency import term_frequency

    _check(args)
    if uses_engine(args):  # a corpus: counted document by document
        tokens, _ = corpus_counts(args, "freq", args.by)
    else:
        tokens, _ = _tokens(args, "freq")
    emit(term_frequency(tokens, by=args.by, top=args.top))


def cmd_keyness(args) -> None:
    from unzh.cli.common import corpus_counts, emit, uses_engine
    from unzh.textstat.keyness import key_terms, textstat_keyness, textstat_tfidf

    _check(args)
    # a corpus is counted document by document; its default grouping is doc_id when more than one
    # document is read (else the one document's own: counted from its token table)
    counted = uses_engine(args) and corpus_counts(args, "keyness", args.by or "doc_id",
                                                  need_documents=1 if args.by else 2)
    if counted:
        tokens, by = counted[0], args.by or "doc_id"
    else:
        tokens, default_by = _tokens(args, "keyness")
        by = args.by or default_by
    if args.tfidf:
        try:
            emit(textstat_tfidf(tokens, by, top=args.top))
        except InputError as exc:
            raise _named(args.file, exc) from None
        return
    try:
        table = textstat_keyness(tokens, by, min_paragraphs=args.min_paragraphs)
    except InputError as exc:
        raise _named(args.file, exc) from None
    if args.top is not None:
        table = key_terms(table, by, top=args.top, direction=args.direction)
    print(f"unzh keyness: {table[by].nunique()} group(s) by {by!r}, min {args.min_paragraphs} paragraph(s)",
          file=sys.stderr)
    emit(table)


def register(subparsers) -> None:
    """Add the ``freq`` and ``keyness`` subcommands."""
    from unzh.cli.common import add_scheduler_option, add_segmentation_options
    s = subparsers.add_parser("freq", help="term frequencies (count, rate per 1,000 tokens, paragraphs) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section or doc_id (default: the whole text)")
    s.add_argument("--top", type=int, default=None, metavar="N", help="only the N most frequent terms (per group)")
    add_segmentation_options(s)
    add_scheduler_option(s)
    s.set_defaults(func=cmd_freq)

    s = subparsers.add_parser("keyness", help="keyness of each group against the others (G2, p, log-ratio) as CSV")
    s.add_argument("file", nargs="+", metavar="FILE")
    s.add_argument("--by", default=None, metavar="COLUMN",
                   help="group by debate, section or doc_id (default: debate if the text has debates, "
                        "doc_id for several files, else section)")
    s.add_argument("--top", type=int, default=None, metavar="N",
                   help="only the N strongest terms per group that pass the paragraph guard (default: every term)")
    s.add_argument("--direction", choices=("positive", "negative", "both"), default="positive",
                   help="with --top: key terms (positive, default), under-used terms (negative) or both")
    s.add_argument("--min-paragraphs", type=int, default=2, metavar="K",
                   help="a term is key only if it occurs in at least K paragraphs of the group (default 2)")
    s.add_argument("--tfidf", action="store_true", help="print TF-IDF by group instead of keyness")
    add_segmentation_options(s)
    add_scheduler_option(s)
    s.set_defaults(func=cmd_keyness)

"""What every subcommand shares: CSV on stdout, the segmentation options, one-line notes on stderr.

May import everything below the front doors (unzh.text, unzh.segment, unzh.textstat, ...), lazily
inside functions so that ``unzh --help`` does not pay for pandas and jieba; never unzh.cli.main.
"""
from __future__ import annotations

import argparse
import sys
import warnings

import pandas as pd

from unzh.errors import InputError

EXIT_BAD_INPUT = 2


def emit(df: pd.DataFrame) -> None:
    """Write a table as CSV on stdout."""
    df.to_csv(sys.stdout, index=False, lineterminator="\n")


def _note_script(doc) -> None:
    if doc.script == "traditional":
        print(f"unzh: {doc.raw.path}: traditional script converted to simplified for analysis (OpenCC t2s); "
              "the column text_original keeps the original", file=sys.stderr)


def read_document_noting_script(path):
    """Read one document (a relative path from the current folder, as every path of the command line).

    Says on stderr when traditional script was converted for analysis.
    """
    from unzh import config
    from unzh.text.document import read_document
    doc = read_document(config.user_path(path))
    _note_script(doc)
    return doc


def read_corpus_noting(paths, command: str):
    """Read files and folders as one corpus (:func:`unzh.text.corpus.read_corpus`, strict for the files named).

    Every entry of a folder that is skipped, every id changed to keep ids unique and every
    traditional-script conversion gets a line on stderr.
    """
    from unzh.text.corpus import read_corpus
    corpus = read_corpus(paths, strict=True)
    for note in corpus.notes:
        print(f"unzh {command}: {note}", file=sys.stderr)
    for message in corpus.failed.values():
        print(f"unzh {command}: skipped {message}", file=sys.stderr)
    for doc in corpus.documents:
        _note_script(doc)
    return corpus


def add_segmentation_options(parser: argparse.ArgumentParser) -> None:
    """The options of every subcommand that segments: HMM, backend, workers, cache."""
    parser.add_argument("--hmm", action="store_true", help="let jieba's HMM guess unknown words (off by default)")
    parser.add_argument("--backend", choices=("jieba", "rjieba"), default="jieba",
                        help="segmentation backend: jieba (the reference, default) or rjieba (jieba-rs, faster; "
                             "any text on which it might differ from jieba is segmented by jieba)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: all cores for a large corpus, else 1)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the token cache")


def add_scheduler_option(parser: argparse.ArgumentParser) -> None:
    """``--scheduler``: for the subcommands that count a corpus document by document (:func:`corpus_counts`)."""
    parser.add_argument("--scheduler", default=None, metavar="WHERE",
                        help="where the documents of a corpus are counted: processes (a process pool, the "
                             "default), dask (a local Dask cluster), sync (this process) or a Dask scheduler's "
                             "address, tcp://HOST:PORT (default: $UNZH_SCHEDULER, else processes)")


def segment_paragraphs(paragraphs: pd.DataFrame, args, command: str) -> pd.DataFrame:
    """The token table of ``paragraphs`` with the options of :func:`add_segmentation_options`.

    Says on stderr which backend segmented what when it is not plain jieba (including a
    fall-back to jieba), and turns warnings into one line each.
    """
    from unzh.segment.segmenter import Segmenter, tokens_table
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"must be at least 1, got {args.workers}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tokens = tokens_table(paragraphs, Segmenter(hmm=args.hmm, backend=args.backend),
                              workers=args.workers, cache=not args.no_cache)
    prov = tokens.attrs.get("provenance", {})
    seg_info = prov.get("segmentation") or {}
    if args.backend != "jieba" and seg_info.get("message"):
        print(f"unzh {command}: {seg_info['message']}", file=sys.stderr)
    _print_warnings([str(w.message) for w in caught], command)
    return tokens


def _print_warnings(messages, command: str) -> None:
    for message in messages:
        if "segment" not in message and "jieba" not in message:
            print(f"unzh {command}: warning: {message}", file=sys.stderr)


def uses_engine(args) -> bool:
    """Whether the documents are counted by the map-reduce engine (:mod:`unzh.textstat.streaming`):
    for a corpus (more than one file, or a folder), or whenever ``--scheduler`` is given."""
    from unzh.text.corpus import expand_paths
    return bool(getattr(args, "scheduler", None)) or len(expand_paths(args.file)) > 1


def corpus_counts(args, command: str, by: str | None, need_documents: int = 1):
    """The dfm of the body paragraphs of ``args.file``, counted document by document (no token table).

    The same stderr lines as :func:`read_corpus_noting` and :func:`segment_paragraphs`.  Returns
    ``(dfm, number of documents read)``, or None (nothing printed) if fewer than ``need_documents``
    documents could be read.
    """
    from unzh.segment.segmenter import _message
    from unzh.textstat.streaming import corpus_dfm
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"must be at least 1, got {args.workers}")
    counts = corpus_dfm(args.file, by, hmm=args.hmm, backend=args.backend, cache=not args.no_cache, strict=True,
                        scheduler=args.scheduler, workers=args.workers)
    if len(counts.documents) < need_documents:
        return None
    for note in counts.notes:
        print(f"unzh {command}: {note}", file=sys.stderr)
    for message in counts.failed.values():
        print(f"unzh {command}: skipped {message}", file=sys.stderr)
    for doc in counts.documents:
        if doc.script == "traditional":
            print(f"unzh: {doc.path}: traditional script converted to simplified for analysis (OpenCC t2s); "
                  "the column text_original keeps the original", file=sys.stderr)
    if args.backend != "jieba":
        info = counts.segmentation()
        used = "jieba" if info.get("rjieba", 0) == 0 and info.get("paragraphs") else (
            "rjieba" if info.get("jieba", 0) == 0 else "rjieba+jieba")
        info.setdefault("verify", "sample")
        print(f"unzh {command}: {_message(args.backend, used, info)}", file=sys.stderr)
    _print_warnings([w for doc in counts.documents for w in doc.warnings], command)
    return counts.dfm, len(counts.documents)

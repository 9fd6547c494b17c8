"""The ``unzh`` command line: a thin layer over the package's functions.

``unzh SUBCOMMAND FILE …`` prints CSV on stdout and messages on stderr.  Every path, of
every subcommand and option (``--out``, ``--figures``, ``--processed``, ``--lexicon`` ...),
is taken as :func:`unzh.config.user_path` takes it: a relative path from the current folder.
Exit status: 0 success, 2 bad input (a one-line message naming the file and
the problem; no traceback; nothing written), 130 interrupted (Ctrl-C: one line, no traceback;
``unzh report`` leaves the previous run's notebooks, HTML and figures intact).
"""
from __future__ import annotations

import argparse
import os
import sys

from unzh.cli import fit, freq, stakeholders, structure, themes
from unzh.cli.common import (
    EXIT_BAD_INPUT,
    add_dictionary_options,
    add_segmentation_options,
    emit,
    read_document_noting_script,
    segment_paragraphs,
)
from unzh.errors import InputError


def cmd_paragraphs(args) -> None:
    emit(read_document_noting_script(args.file, "paragraphs").paragraphs)


def cmd_tokens(args) -> None:
    from unzh.cli.common import read_corpus_noting, reading_then_segmenting
    with reading_then_segmenting(args) as segmenter:
        if len(args.file) == 1 and not os.path.isdir(args.file[0]):
            paragraphs = read_document_noting_script(args.file[0], "tokens").paragraphs
        else:
            paragraphs = read_corpus_noting(args.file, "tokens").paragraphs
        df = segment_paragraphs(paragraphs, args, "tokens", segmenter)
    if not args.with_stopwords:
        df = df[~df["stop"]]
    emit(df)


def cmd_kwic(args) -> None:
    from unzh.textstat.concordance import kwic
    doc = read_document_noting_script(args.file, "kwic")
    out = kwic(doc.paragraphs, args.term, width=args.width)
    print(f"unzh kwic: {len(out)} occurrence(s) of {args.term!r} in {args.file}", file=sys.stderr)
    emit(out)


def cmd_report(args) -> None:
    from unzh.cli.common import dictionaries, stopword_files
    from unzh.report.notebooks import run_report
    lexicons = {"themes": args.themes, "actors": args.actors, "verbs": args.verbs, "glossaries": args.glossary}
    if args.dict or args.no_default_dict:
        lexicons["user_dicts"] = list(dictionaries(args))
    if args.stopwords or args.no_default_stopwords:
        lexicons["stopword_files"] = list(stopword_files(args))
    res = run_report(args.paths, args.out, figures_dir=args.figures, lang=args.lang,
                     backend=args.backend, progress=not args.quiet, processed_dir=args.processed,
                     lexicons=lexicons, excel=args.excel,
                     teaching={"unit": args.unit, "min_paragraphs": args.min_paragraphs,
                               "min_edge_count": args.min_edge_count, "min_pair_count": args.min_pair_count})
    for note in res.notes:
        print(f"unzh report: {note}", file=sys.stderr)
    for nb in res.executed:
        print(f"unzh report: wrote {nb}", file=sys.stderr)
    for name, err in res.notebook_errors.items():
        print(f"unzh report: notebook {name} failed: {err.splitlines()[0] if err else 'error'} "
              f"(see {args.out}/notebooks/{name})", file=sys.stderr)
    if res.notebook_errors:
        raise SystemExit(1)
    if res.failed:
        for msg in res.failed.values():
            print(f"unzh report: skipped {msg}", file=sys.stderr)
        print(f"unzh report: {len(res.documents)} document(s) analysed, {len(res.failed)} skipped", file=sys.stderr)
        raise SystemExit(1)
    print(f"unzh report: {len(res.documents)} document(s) analysed, 0 skipped", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="unzh", description="Text analysis of Chinese-language UN documents.")
    sub = p.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    s = sub.add_parser("paragraphs", help="the paragraph table as CSV")
    s.add_argument("file")
    s.set_defaults(func=cmd_paragraphs)

    s = sub.add_parser("tokens", help="the token table as CSV (stopwords dropped unless --with-stopwords)")
    s.add_argument("file", nargs="+", metavar="FILE", help="one or more documents (several: one corpus)")
    s.add_argument("--with-stopwords", action="store_true", help="keep stopwords (flagged in the 'stop' column)")
    add_segmentation_options(s)
    s.set_defaults(func=cmd_tokens)

    s = sub.add_parser("kwic", help="every occurrence of an exact string, with context")
    s.add_argument("file")
    s.add_argument("term")
    s.add_argument("--width", type=int, default=10, help="characters of context on each side (default 10)")
    s.set_defaults(func=cmd_kwic)

    s = sub.add_parser("report", help="run notebooks 01-04 on files or folders; write notebooks, HTML, figures, tables")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--out", required=True, help="output folder (notebooks/ and figures/ inside)")
    s.add_argument("--figures", default=None, help="folder for figures and tables (default OUT/figures)")
    s.add_argument("--processed", default=None,
                   help="folder for each document's cleaned text and paragraph table (default OUT/processed)")
    s.add_argument("--lang", choices=("zh", "en", "both"), default="both", help="label language")
    s.add_argument("--backend", choices=("jieba", "rjieba"), default="jieba", help="segmentation backend")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    add_dictionary_options(s)
    s.add_argument("--themes", action="append", default=None, metavar="NAME|FILE",
                   help="theme lexicon(s) for notebook 03 (shipped name or file; repeatable, stacked)")
    s.add_argument("--actors", action="append", default=None, metavar="NAME|FILE",
                   help="actor lexicon(s) for notebook 04 (shipped name or file; repeatable, stacked)")
    s.add_argument("--verbs", action="append", default=None, metavar="FILE",
                   help="reporting-verb lexicon(s) for notebook 04 (repeatable, stacked)")
    s.add_argument("--glossary", action="append", default=None, metavar="FILE",
                   help="an English glossary TSV (term, en, source) stacked on the shipped one for the charts' "
                        "labels; repeatable (a later file's entry wins); recorded with its hash")
    s.add_argument("--unit", choices=("paragraph", "sentence"), default=None,
                   help="what notebook 02's keyness guard counts (default: paragraph)")
    s.add_argument("--min-paragraphs", type=int, default=None, metavar="K",
                   help="notebook 02: a key term is in at least K units of its group (default 2)")
    s.add_argument("--min-edge-count", type=int, default=None, metavar="K",
                   help="notebook 03: a network edge joins themes coded together in at least K paragraphs (default 2)")
    s.add_argument("--min-pair-count", type=int, default=None, metavar="K",
                   help="notebook 03: pairs ranked and traced are found together in at least K paragraphs (default 3)")
    s.add_argument("--excel", action="store_true",
                   help="write the CSV tables with a UTF-8 byte-order mark, so that Excel on Windows reads them as "
                        "UTF-8 (default: plain UTF-8)")
    s.set_defaults(func=cmd_report)

    for module in _EXTENSIONS:
        module.register(sub)
    return p


#: Modules that add subcommands: each defines ``register(subparsers)``; its handlers
#: print CSV with :func:`emit` and raise :class:`unzh.errors.InputError` on bad input.
_EXTENSIONS = (freq, themes, stakeholders, structure, fit)


#: Exit status after Ctrl-C (128 + SIGINT), as a shell reports it.
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except InputError as exc:
        print(f"unzh: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # Ctrl-C: one line, the conventional status 128 + SIGINT
        print(f"unzh {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `unzh tokens f | head`
        sys.stderr.close()
        return 0
    except OSError as exc:  # an output that cannot be written (--out in a read-only folder, ...)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"unzh: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0



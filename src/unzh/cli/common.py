"""What every subcommand shares: CSV on stdout, the segmentation options, one-line notes on stderr.

May import everything below the front doors (unzh.text, unzh.segment, unzh.textstat, ...), lazily
inside functions so that ``unzh --help`` does not pay for pandas and jieba; never unzh.cli.main.
"""
from __future__ import annotations

import argparse
import functools
import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from unzh.errors import InputError, reader_warnings

EXIT_BAD_INPUT = 2


def emit(df: pd.DataFrame) -> None:
    """Write a table as CSV on stdout (what ``df.to_csv(index=False, lineterminator="\\n")`` writes)."""
    data = csv_bytes(df) if len(df) >= FAST_CSV_ROWS else None
    if data is None or not hasattr(sys.stdout, "buffer"):
        df.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


#: tables from this many rows are written by :func:`csv_bytes` (a token table of 5 MB of text has
#: over a million rows: pandas takes ~5 s to write it, Arrow ~0.3 s)
FAST_CSV_ROWS = 10_000


def csv_bytes(df: pd.DataFrame) -> bytes | None:
    """The UTF-8 bytes pandas' ``to_csv(index=False, lineterminator="\\n")`` writes, made column by
    column in Arrow, for a table of strings, categoricals, integers (nullable too) and booleans;
    None for a table with any other column (floats: pandas' own formatting is kept).

    pandas' rules: a missing value is empty, a boolean ``True``/``False``, a field holding a comma,
    a double quote or ``\\n`` is quoted, its quotes doubled (``csv.QUOTE_MINIMAL``, :func:`_quoted`).
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    if df.shape[1] < 2:
        return None  # (one column: the csv module quotes an empty field there)
    columns = []
    for name in df.columns:
        s = df[name]
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            if not pd.api.types.is_string_dtype(dtype.categories.dtype):
                return None
            categories = pa.array(dtype.categories.astype(str).tolist(), type=pa.string())
            codes = s.cat.codes.to_numpy()
            arr = categories.take(pa.array(codes, mask=codes < 0))
        elif pd.api.types.is_bool_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            arr = pc.if_else(pa.array(s.to_numpy()), "True", "False")
        elif pd.api.types.is_integer_dtype(dtype):
            arr = pa.array(s.array if isinstance(dtype, pd.api.extensions.ExtensionDtype) else s.to_numpy())
            arr = arr.cast(pa.string())
        elif isinstance(dtype, pd.StringDtype):
            arr = pa.array(s.array, type=pa.string()) if dtype.storage == "pyarrow" else None
            if arr is None:
                return None
        else:
            return None
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        arr = arr.cast(pa.large_string())
        columns.append(_quoted(pc.fill_null(arr, "") if arr.null_count else arr))
    header = ",".join(_quoted(pa.array([str(c)], type=pa.large_string()))[0].as_py() for c in df.columns)
    comma, newline, empty = (pa.scalar(x, type=pa.large_string()) for x in (",", "\n", ""))
    # the line end joined to the last field (a pass over one column, not over the whole lines)
    columns[-1] = pc.binary_join_element_wise(columns[-1], newline, empty)
    lines = pc.binary_join_element_wise(*columns, comma)
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:lines.offset + len(lines) + 1]
    body = lines.buffers()[2].to_pybytes()[offsets[0]:offsets[-1]] if len(lines) else b""
    return (header + "\n").encode("utf-8") + body


@functools.lru_cache(maxsize=1)
def _quoting() -> tuple[tuple[bytes, ...], str]:
    """What makes the csv module (pandas' writer) quote a field under ``lineterminator="\\n"``: a comma,
    a double quote, a newline, and since Python 3.13 a carriage return too (3.11 and 3.12 leave
    ``cr\\rx`` bare) — asked of this Python's csv module once; the characters as bytes, and as
    the character class Arrow's regex matches."""
    import csv
    import io
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["a\rb"])
    cr = buffer.getvalue().startswith('"')
    return (b",", b'"', b"\n", *((b"\r",) if cr else ())), '[,"\\n' + ("\\r" if cr else "") + "]"


def _quoted(arr):
    """A string column with csv.QUOTE_MINIMAL quoting as pandas writes it with ``lineterminator="\\n"``:
    a field with one of the characters of :func:`_quoting` is quoted, its quotes doubled."""
    import pyarrow.compute as pc
    special, pattern = _quoting()
    data = arr.buffers()[2]
    raw = data.to_pybytes() if data is not None else b""  # (copied once, then one C scan per character)
    if not any(raw.find(c) >= 0 for c in special):
        return arr
    needs = pc.match_substring_regex(arr, pattern)
    import pyarrow as pa
    quote, empty = pa.scalar('"', type=pa.large_string()), pa.scalar("", type=pa.large_string())
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(arr, '"', '""'), quote, empty)
    return pc.if_else(needs, quoted, arr)


def _note_script(doc) -> None:
    if doc.script == "traditional":
        print(f"unzh: {shown(doc.raw.path)}: traditional script converted to simplified for analysis (OpenCC t2s); "
              "the column text_original keeps the original", file=sys.stderr)


def read_document_noting_script(path, command: str | None = None):
    """Read one document (a relative path from the current folder, as every path of the command line).

    Says on stderr when traditional script was converted for analysis and, given the ``command``,
    when its structure is in doubt (:func:`note_coverage`).
    """
    from types import SimpleNamespace

    from unzh import config
    from unzh.text.document import read_document
    doc = read_document(config.user_path(path))
    _note_script(doc)
    if command:
        note_coverage(SimpleNamespace(paragraphs=doc.paragraphs, documents=[doc]), command)
    return doc


def shown(path) -> str:
    """A file as the user would name it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.fspath(path)


def note_coverage(corpus, command: str):
    """One line on stderr for each document whose layout fell back or whose body paragraphs hold
    less than 60% of its characters (:func:`unzh.text.structure.coverage_warnings`), and for each
    whose long lines were cut at paragraph numbers; returns the coverage account."""
    from unzh.text.structure import coverage_warnings, structure_coverage
    coverage = structure_coverage(corpus.paragraphs)
    files = {d.doc_id: shown(d.raw.path) for d in corpus.documents}
    for line in coverage_warnings(coverage, files):
        print(f"unzh {command}: {line}", file=sys.stderr)
    for r in coverage[coverage["split"]].itertuples():
        print(f"unzh {command}: {files[r.doc_id]}: long lines without paragraph breaks were cut at "
              "paragraph numbers and headings", file=sys.stderr)
    return coverage


def read_corpus_noting(paths, command: str, coverage: bool = True):
    """Read files and folders as one corpus (:func:`unzh.text.corpus.read_corpus`, strict for the files named).

    Every entry of a folder that is skipped, every id changed to keep ids unique, every
    traditional-script conversion and (``coverage``) every document whose structure is in doubt
    (:func:`note_coverage`) gets a line on stderr.  Skipped folder entries do not change the exit
    status (0): the rest is analysed, and the lines say what was left out.
    """
    from unzh.text.corpus import read_corpus
    corpus = read_corpus(paths, strict=True)
    for note in corpus.notes:
        print(f"unzh {command}: {note}", file=sys.stderr)
    for message in corpus.failed.values():
        print(f"unzh {command}: skipped {message}", file=sys.stderr)
    for doc in corpus.documents:
        _note_script(doc)
    if coverage and corpus.documents:
        note_coverage(corpus, command)
    return corpus


def choose_grouping(paragraphs: pd.DataFrame, by: str | None, command: str, default: bool = True):
    """The grouping of a subcommand: ``--by`` checked against what the text offers
    (:func:`unzh.text.structure.resolve_grouping`; ``none``: no grouping), else the unit that fits
    (:func:`unzh.text.structure.default_grouping`) or none (``default=False``).

    Returns ``(paragraphs, by)``, the paragraph table with a unit-kind column added when ``by`` is
    one (``--by article``).  Body paragraphs outside every group (the seed's annex introduction by
    debate, a preamble by article) are left out of grouped counts: one line on stderr says how many.
    """
    from unzh.text.structure import add_unit_grouping, body, default_grouping, resolve_grouping
    if by is None:
        by = default_grouping(paragraphs) if default else None
    else:
        by = resolve_grouping(paragraphs, by)
    if by is None:
        return paragraphs, None
    paragraphs = add_unit_grouping(paragraphs, by)
    outside = int(body(paragraphs)[by].isna().sum())
    if outside:
        print(f"unzh {command}: {outside} body paragraph(s) outside every {by} group left out of the "
              f"counts by {by!r}", file=sys.stderr)
    return paragraphs, by


def add_evidence_grouping_options(parser: argparse.ArgumentParser) -> None:
    """``--by``, ``--group`` and ``--debate N`` of the evidence subcommands (:func:`evidence_grouping`)."""
    parser.add_argument("--by", default=None, metavar="COLUMN",
                        help="group by debate, section, doc_id, unit_kind, path or a unit kind the text has (article, "
                             "goal, operative, preambular, item ...): with --group only that group's rows, without "
                             "it every row with its group in a column (default: no grouping)")
    parser.add_argument("--group", default=None, metavar="VALUE",
                        help="only the rows of this group of --by (as the grouping column prints it: 2, section_1, "
                             "3, 'op. para. 2 (a)' ...)")
    parser.add_argument("--debate", type=int, default=None, metavar="N", help="only debate N (= --by debate --group N)")


def evidence_grouping(paragraphs: pd.DataFrame, args, where: str):
    """The grouping of an evidence subcommand: ``(paragraphs with the grouping column, by, group)``.

    ``--debate N`` is ``--by debate --group N``; ``--by`` is checked as for every subcommand
    (:func:`unzh.text.structure.resolve_grouping`), ``--group`` against the groups the body
    paragraphs have (one-line :class:`InputError` listing them).  ``by`` None: the whole text;
    ``group`` None: every group.
    """
    from unzh.text.structure import add_unit_grouping, body, groups_in_order, resolve_grouping
    by, group = args.by, args.group
    if args.debate is not None:
        if by not in (None, "debate") or group is not None:
            raise InputError("--debate", "is short for --by debate --group N: give one or the other")
        debates = sorted({int(d) for d in body(paragraphs)["debate"].dropna()})
        if not debates:
            raise InputError(where, "has no debates, so --debate cannot be used (try --by section)")
        by, group = "debate", str(args.debate)
    if by is None or by == "none":
        if group is not None:
            raise InputError("--group", "needs --by (the grouping it is a group of)")
        return paragraphs, None, None
    by = resolve_grouping(paragraphs, by)
    paragraphs = add_unit_grouping(paragraphs, by)
    if group is None:
        return paragraphs, by, None
    values = groups_in_order(body(paragraphs)[by])
    found = [v for v in values if str(v) == group]
    if not found:
        listed = ", ".join(map(str, values)) or "none"
        raise InputError(where, f"has no debate {group} (debates: {listed})" if by == "debate" else
                         f"has no {by} group {group!r} ({by} groups: {listed})")
    return paragraphs, by, found[0]


def add_dictionary_options(parser: argparse.ArgumentParser, stopwords: bool = True) -> None:
    """``--dict FILE`` (repeatable: added after the shipped dictionaries), ``--no-default-dict``, and the same for stopwords."""
    parser.add_argument("--dict", action="append", default=None, metavar="FILE",
                        help="a user dictionary (WORD [FREQ] [TAG] lines) stacked after the shipped ones; repeatable, "
                             "a later file's entry replaces an earlier one's")
    parser.add_argument("--no-default-dict", action="store_true",
                        help="do not load the shipped dictionaries (only the --dict files; none: plain jieba)")
    if stopwords:
        parser.add_argument("--stopwords", action="append", default=None, metavar="FILE",
                            help="a stopword list (one word a line) added to the shipped ones; repeatable")
        parser.add_argument("--no-default-stopwords", action="store_true",
                            help="do not use the shipped stopword lists (only the --stopwords files)")


def dictionaries(args) -> tuple:
    """The user dictionaries the options name: the shipped ones (unless ``--no-default-dict``), then each ``--dict``."""
    from unzh import config
    shipped = () if getattr(args, "no_default_dict", False) else tuple(config.USER_DICTS)
    return shipped + tuple(config.user_path(f) for f in getattr(args, "dict", None) or ())


def stopword_files(args) -> tuple:
    """The stopword files the options name: the shipped ones (unless ``--no-default-stopwords``), then each ``--stopwords``."""
    from unzh import config
    shipped = () if getattr(args, "no_default_stopwords", False) else tuple(config.STOPWORD_FILES)
    return shipped + tuple(config.user_path(f) for f in getattr(args, "stopwords", None) or ())


def note_choice(args, choice, kind: str, verb: str, own: str) -> None:
    """Keep the lines that say which lexicon a subcommand uses and how well it fits
    (:class:`unzh.textstat.fit.Choice`): ``theme lexicon migration (chosen by fit; codes 75% of the body
    paragraphs)``, the entries found, and each warning of :meth:`Choice.warnings` (``own``: how to
    give one's own lexicon, ``--themes FILE``)."""
    what = "codes" if verb == "codes" else "names actors in"
    note(args, f"{kind} lexicon {choice.name} ({choice.how}; {what} {choice.share:.0%} of the body paragraphs)")
    found = choice.entries_found()
    if found:
        note(args, f"entries found ({len(found)} of {len(choice.table)}): {', '.join(found)}")
    for line in choice.warnings(own):
        note(args, line)


def note(args, line: str) -> None:
    """Keep a message for stderr, printed by :func:`print_notes` once the command has succeeded
    (an error stays the only line)."""
    if not hasattr(args, "notes"):
        args.notes = []
    args.notes.append(line)


def print_notes(args) -> None:
    for line in getattr(args, "notes", ()):
        print(f"unzh {args.command}: {line}", file=sys.stderr)


def add_segmentation_options(parser: argparse.ArgumentParser) -> None:
    """The options of every subcommand that segments: HMM, backend, workers, cache, dictionaries, stopwords."""
    add_dictionary_options(parser)
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


def segmenter_of(args):
    """The :class:`unzh.segment.segmenter.Segmenter` of the options of :func:`add_segmentation_options`."""
    from unzh.segment.segmenter import Segmenter
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"must be at least 1, got {args.workers}")
    return Segmenter(user_dict=dictionaries(args) or None, stopwords=stopword_files(args) or None,
                     hmm=args.hmm, backend=args.backend)


@contextmanager
def reading_then_segmenting(args):
    """The segmenter of the options, with what its rjieba sample will need started before the files
    are read (:func:`unzh.segment.segmenter.verification_started`): use it for the read and the
    :func:`segment_paragraphs` that follows."""
    from unzh.segment.segmenter import verification_started
    from unzh.text.corpus import expand_paths
    seg = segmenter_of(args)
    n_bytes = 0
    if seg.backend == "rjieba":
        try:
            for path in expand_paths(args.file):
                n_bytes += os.stat(path).st_size if os.path.isfile(path) else 0
        except (InputError, OSError):
            pass  # (the read says what is wrong)
    with verification_started(seg, n_bytes, args.workers):
        yield seg


def segment_paragraphs(paragraphs: pd.DataFrame, args, command: str, segmenter=None) -> pd.DataFrame:
    """The token table of ``paragraphs`` with the options of :func:`add_segmentation_options`
    (``segmenter``: theirs, made already by :func:`reading_then_segmenting`).

    Says on stderr which backend segmented what when it is not plain jieba (including a
    fall-back to jieba), and turns warnings into one line each.
    """
    from unzh.segment.segmenter import tokens_table
    segmenter = segmenter or segmenter_of(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tokens = tokens_table(paragraphs, segmenter,
                              workers=args.workers, cache=not args.no_cache)
    prov = tokens.attrs.get("provenance", {})
    seg_info = prov.get("segmentation") or {}
    if args.backend != "jieba" and seg_info.get("message"):
        print(f"unzh {command}: {seg_info['message']}", file=sys.stderr)
    _print_warnings(reader_warnings(caught), command)
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
            print(f"unzh: {shown(doc.path)}: traditional script converted to simplified for analysis (OpenCC t2s); "
                  "the column text_original keeps the original", file=sys.stderr)
    for doc in counts.documents:  # as note_coverage says it for a corpus read whole
        if doc.coverage_warning:
            print(f"unzh {command}: {shown(doc.path)}: {doc.coverage_warning}", file=sys.stderr)
    for doc in counts.documents:
        if doc.split:
            print(f"unzh {command}: {shown(doc.path)}: long lines without paragraph breaks were cut at "
                  "paragraph numbers and headings", file=sys.stderr)
    if args.backend != "jieba":
        info = counts.segmentation()
        used = "jieba" if info.get("rjieba", 0) == 0 and info.get("paragraphs") else (
            "rjieba" if info.get("jieba", 0) == 0 else "rjieba+jieba")
        info.setdefault("verify", "sample")
        print(f"unzh {command}: {_message(args.backend, used, info)}", file=sys.stderr)
    _print_warnings([w for doc in counts.documents for w in doc.warnings], command)
    return counts.dfm, len(counts.documents)

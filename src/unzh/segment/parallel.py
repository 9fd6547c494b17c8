"""Segment many texts, in batches, in this process or across worker processes.

The texts (a :class:`TextSource`: kept in Arrow and turned into Python strings batch by batch,
by the process that segments the batch) are cut into batches of whole paragraphs (about
``total / (16 × workers)`` characters each, so that the processes finish close together); each
batch is segmented by :func:`segment_batch` and encoded as compact numpy arrays (one row per
kept token) plus the batch's vocabulary; batches are returned in input order, so the result
does not depend on the number of workers.

With ``workers=N`` (N > 1), N processes segment: N - 1 worker processes claim batches one at a
time from the front of the list and this process claims them from the back, until the two
meet.  Nothing is handed out ahead, so every process stops within about one batch of the
others; this process would otherwise sit idle waiting.  On 2 cores, 2 workers are this process
and one child.

Workers are started by ``forkserver`` on Linux and the platform's default way elsewhere
(:func:`_context`), never forked from this process: by the time they start, this process has
threads (OpenBLAS starts its own when numpy is imported, pyarrow's allocator one when pandas
is), and a child forked from a multi-threaded process can deadlock on a lock one of them held
(Python 3.12+ warns about it; 3.14 no longer forks by default).  Each worker gets the texts
pickled once, loads the tokenizer itself (:func:`_init_worker`, about 1 s for jieba) and writes
its tokens to :class:`SharedTokens`, memory shared with this process, so only a few kilobytes
per batch come back.

:func:`map_forked` shares other corpus-scale work the same way (this process and worker
processes, runs of items from both ends): work whose inputs are large and whose results are
small, such as the bootstrap of hundreds of groups in :mod:`unzh.textstat.emphasis`.
"""
from __future__ import annotations

import functools
import itertools
import multiprocessing as mp
import multiprocessing.heap
import os
import sys
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace

import numpy as np

from unzh.segment.backends import BackendSpec, Cutter
from unzh.segment.tokens import SENTENCE_END, kept_mask

#: Batch size bounds, in characters.
MIN_BATCH_CHARS = 20_000
MAX_BATCH_CHARS = 1_000_000
#: Batches per process (fewer: less per-batch overhead; more: the processes finish closer together).
BATCHES_PER_WORKER = 16


def default_workers() -> int:
    """The machine's cores available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Batch:
    """One batch's kept tokens (arrays aligned by row) and what the backend did."""

    n_texts: int
    counts: np.ndarray     # int32: kept tokens per text (tokens come text by text, in order)
    sentence: np.ndarray   # int32: 1-based sentence within the text
    position: np.ndarray   # int32: 0-based index among the text's kept tokens
    start: np.ndarray      # int32: character offset in the text
    code: np.ndarray       # int32: index into vocab
    vocab: list[str]       # the batch's kept token types
    jieba: list[int] = field(default_factory=list)  # texts segmented by jieba
    guarded: int = 0
    verified: int = 0
    mismatches: list[int] = field(default_factory=list)


def _exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, out=out[1:])
    return out


def encode(token_lists: list[list[str]]) -> tuple:
    """Token lists -> (text, sentence, position, start, code) arrays of the kept tokens, and their vocab.

    The tokens are numbered by Arrow's dictionary encoding (codes in order of first appearance,
    no Python call per token); a property of a token type (length, kept, sentence end) comes from
    Arrow or NumPy over the types (:func:`unzh.segment.tokens.kept_mask`); per-text running counts
    are global running sums minus their value at the text's first token.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    flat = pa.array(list(itertools.chain.from_iterable(token_lists)), type=pa.string())
    encoded = flat.dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    types = encoded.dictionary
    type_len = pc.utf8_length(types).to_numpy(zero_copy_only=False).astype(np.int64)
    type_kept = kept_mask(types)
    type_end = pc.is_in(types, value_set=_sentence_end()).to_numpy(zero_copy_only=False)
    kept_at = np.flatnonzero(type_kept[codes])
    text = np.repeat(np.arange(len(token_lists), dtype=np.int32), counts)[kept_at]
    first = (np.cumsum(counts) - counts)[text]          # first token of each kept token's text
    chars = _exclusive_cumsum(type_len[codes])
    ends = _exclusive_cumsum(type_end[codes])
    start = (chars[kept_at] - chars[first]).astype(np.int32)
    sentence = (ends[kept_at] - ends[first] + 1).astype(np.int32)
    # kept tokens before the text's first token: running count of kept tokens per text (O(n))
    n_kept_before_text = _exclusive_cumsum(np.bincount(text, minlength=len(token_lists)))[text]
    position = (np.arange(len(kept_at), dtype=np.int64) - n_kept_before_text).astype(np.int32)
    renumber = (np.cumsum(type_kept) - 1).astype(np.int32)
    kept_types = types.filter(pa.array(type_kept)).to_pylist()
    return text, sentence, position, start, renumber[codes[kept_at]], kept_types


@functools.lru_cache(maxsize=1)
def _sentence_end():
    import pyarrow as pa
    return pa.array(sorted(SENTENCE_END), type=pa.string())


def segment_batch(cutter: Cutter, texts: list[str]) -> Batch:
    """Segment one batch and encode it."""
    token_lists, report = cutter.cut_many(texts)
    text, sentence, position, start, code, vocab = encode(token_lists)
    counts = np.bincount(text, minlength=len(texts)).astype(np.int32)
    return Batch(len(texts), counts, sentence, position, start, code, vocab, report.jieba, report.guarded,
                 report.verified, report.mismatches or [])


class TextSource:
    """The texts to segment, turned into Python strings a range at a time, by the process that
    segments them.

    Built from a pandas Series or a list.  Arrow-backed strings (pandas' default ``str``) stay in
    Arrow until a batch needs them: a worker process gets them pickled as Arrow buffers (a copy of
    the bytes, no Python strings) and converts its own batches, in parallel with this process; the
    lengths (characters) come from Arrow without converting anything.
    """

    def __init__(self, texts):
        import pandas as pd
        values = getattr(texts, "array", None)
        if isinstance(values, pd.arrays.ArrowStringArray):
            import pyarrow as pa
            import pyarrow.compute as pc
            arrow = pa.array(values)
            self._arrow = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
            self._list = None
            self.lengths = pc.utf8_length(self._arrow).to_numpy(zero_copy_only=False).astype(np.int64)
        else:
            self._arrow = None
            self._list = list(texts)
            self.lengths = np.fromiter(map(len, self._list), dtype=np.int64, count=len(self._list))

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i: int) -> str:
        return self._list[i] if self._arrow is None else self._arrow[i].as_py()

    def take(self, lo: int, hi: int) -> list[str]:
        """Texts ``lo`` to ``hi - 1``."""
        return self._list[lo:hi] if self._arrow is None else self._arrow.slice(lo, hi - lo).to_pylist()


def batch_bounds(lengths: np.ndarray, workers: int) -> list[tuple[int, int]]:
    """Consecutive runs ``(lo, hi)`` of whole texts of roughly equal size (``lengths``: characters per
    text): each run ends with the first text that brings it to the target size.  With one worker
    nothing is shared out: runs of :data:`MAX_BATCH_CHARS` (which only bound the memory a batch's
    token lists take), so that a document of a corpus is one batch."""
    ends = _exclusive_cumsum(np.asarray(lengths, dtype=np.int64))
    total, n = int(ends[-1]), len(lengths)
    if workers <= 1:
        target = MAX_BATCH_CHARS
    else:
        target = min(MAX_BATCH_CHARS, max(MIN_BATCH_CHARS, total // (BATCHES_PER_WORKER * workers) + 1))
    out, lo = [], 0
    while lo < n:
        hi = min(n, int(np.searchsorted(ends, ends[lo] + target, side="left")))
        out.append((lo, hi))
        lo = hi
    return out or [(0, 0)]


_CUTTER: Cutter | None = None
#: in a worker: what :func:`_init_worker` was given (the texts, their batches, the claims, the output)
_JOB: dict = {}


def _shared_buffer(size: int):
    """``size`` bytes of memory that worker processes share with this one, however they start: a
    block of multiprocessing's shared heap (a file in /dev/shm on Linux, unlinked at once), passed
    to a starting worker by file descriptor when pickled with it.  Not zero-filled by hand (the
    file is all zeros): pages take memory only once written."""
    return mp.heap.BufferWrapper(max(1, size))


def _views(buffer, length: int, dtypes: dict) -> dict[str, np.ndarray]:
    """Arrays of ``length`` elements (name -> dtype), one after the other in ``buffer``."""
    whole, out, at = buffer.create_memoryview(), {}, 0
    for name, d in dtypes.items():
        out[name] = np.frombuffer(whole, dtype=d, count=length, offset=at)
        at += length * np.dtype(d).itemsize
    return out


class SharedTokens:
    """The token arrays of the batches worker processes segment, in memory shared with them.

    Made before the workers start and passed to them (:func:`_shared_buffer`): a worker writes a
    batch's arrays in place and sends back only its vocabulary and report, a few kilobytes,
    instead of megabytes of pickled arrays that this process would have to read while it
    segments.  Batch *i* writes its tokens from its first text's character offset on: a token is
    at least one character, so no batch reaches the next one's region.
    """

    ARRAYS = ("sentence", "position", "start", "code")

    def __init__(self, lengths: np.ndarray):
        self.offset = _exclusive_cumsum(lengths)
        n = int(self.offset[-1])
        self._buffers = (_shared_buffer(4 * len(lengths)), _shared_buffer(4 * n * len(self.ARRAYS)))
        self._attach()

    def _attach(self) -> None:
        counts, tokens = self._buffers
        self.counts = _views(counts, len(self.offset) - 1, {"counts": np.int32})["counts"]
        self.arrays = _views(tokens, int(self.offset[-1]), dict.fromkeys(self.ARRAYS, np.int32))

    def __getstate__(self):  # to a starting worker: the shared buffers, not copies of the arrays
        return {"offset": self.offset, "_buffers": self._buffers}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._attach()

    def put(self, lo: int, hi: int, batch: Batch) -> tuple[int, Batch]:
        """Write a batch of texts ``lo:hi``; return its number of tokens and the batch without its arrays."""
        at, k = int(self.offset[lo]), len(batch.code)
        self.counts[lo:hi] = batch.counts
        for name, arr in self.arrays.items():
            arr[at:at + k] = getattr(batch, name)
        return k, replace(batch, counts=None, **dict.fromkeys(self.ARRAYS))

    def get(self, lo: int, hi: int, k: int, stub: Batch) -> Batch:
        """The batch of texts ``lo:hi`` with its ``k`` tokens (views of the shared arrays)."""
        at = int(self.offset[lo])
        return replace(stub, counts=self.counts[lo:hi], **{name: arr[at:at + k] for name, arr in self.arrays.items()})


def _init_worker(job: dict, spec: BackendSpec | None = None) -> None:
    global _CUTTER
    from threadpoolctl import threadpool_limits
    # the worker processes are the parallelism: one BLAS thread each (OpenBLAS's own threads would
    # compete with them), as this process runs what it shares (unzh.textstat.emphasis limits it)
    threadpool_limits(1, user_api="blas")
    _JOB.update(job)
    if spec is not None:
        _CUTTER = Cutter(spec)


#: claims of finished calls whose workers had not started: kept until they have (see :func:`_share`)
_LINGERING: list = []


def _claim(claims, from_back: bool) -> int | None:
    """The next part not yet claimed, from the front or the back; None when they have met."""
    with claims.get_lock():
        front, back = claims[0], claims[1]
        if front >= back:
            return None
        if from_back:
            claims[1] = back - 1
            return back - 1
        claims[0] = front + 1
        return front


def _work_claimed() -> list[tuple]:
    """In a worker: ``job["work"](i)`` for the parts claimed from the front until none is left."""
    work, claims = _JOB["work"], _JOB["claims"]
    return [(i, work(i)) for i in iter(lambda: _claim(claims, from_back=False), None)]


def _share(n_parts: int, workers: int, here, job: dict, spec: BackendSpec | None = None, check=None,
           receive=None) -> list | None:
    """``[here(i) for i in range(n_parts)]``, shared between ``workers - 1`` worker processes, which
    claim parts one at a time from the front and compute ``job["work"](i)``, and this process, which
    claims them from the back and computes ``here(i)``, until the two meet.  Nothing is handed out
    ahead, so every process stops within about one part of the others.

    ``job`` reaches the workers through :func:`_init_worker` (pickled once to each, so what it
    holds must pickle: module-level functions, :func:`functools.partial` of them); ``spec``: a
    tokenizer each worker loads.  ``receive(i, result)``: what a worker's result becomes here.
    ``check``: called once the workers are starting; if it returns False, nothing more is computed
    and None is returned.

    A worker takes about a second to start (imports, tokenizer); if this process has claimed every
    part by then, it returns without waiting for the workers, which find nothing left to claim.
    """
    _LINGERING[:] = [(c, fs) for c, fs in _LINGERING if not all(f.done() for f in fs)]
    ctx = _context()
    claims = ctx.Array("q", [0, n_parts])
    n_workers = min(workers - 1, n_parts - 1)
    pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx, initializer=_init_worker,
                               initargs=({**job, "claims": claims}, spec))
    try:
        futures = [pool.submit(_work_claimed) for _ in range(n_workers)]
        try:
            if check is not None and not check():
                return None
            out: list = [None] * n_parts
            for i in iter(lambda: _claim(claims, from_back=True), None):
                out[i] = here(i)
        finally:
            with claims.get_lock():  # the check failed, or an error here: the workers claim nothing more
                claims[1] = claims[0]
                claimed = claims[0]
            if claimed:  # their results are needed, and they are done with the claims before they are freed
                wait(futures)  # (a later call's claims may take the same memory)
            else:  # no worker has claimed a part, none will: the claims are kept until the workers have seen them
                _LINGERING.append((claims, futures))
        for f in futures if claimed else ():
            for i, result in f.result():
                out[i] = result if receive is None else receive(i, result)
    finally:
        pool.shutdown(wait=False)  # the workers have nothing left to do: not waiting for them to exit
    return out


def _segment_part(i: int):
    """In a worker: segment batch ``i``, write its arrays to the shared memory; its token count and
    the batch without its arrays."""
    lo, hi = _JOB["bounds"][i]
    return _JOB["out"].put(lo, hi, segment_batch(_CUTTER, _JOB["source"].take(lo, hi)))


def _context():
    """How worker processes start: ``forkserver`` on Linux, the platform's default elsewhere (spawn
    on macOS and Windows).  Never ``fork``: this process has threads by now (OpenBLAS's, from
    ``import numpy``; pyarrow's allocator's, from ``import pandas``), and a process forked from a
    multi-threaded one may deadlock (Python 3.12+ warns; 3.14 no longer forks by default).  The
    fork server is started (from a fresh interpreter) by the first call and kept for later ones."""
    return mp.get_context("forkserver" if sys.platform.startswith("linux") else None)


def segment_texts(texts, spec: BackendSpec, workers: int = 1, check=None) -> list[Batch] | None:
    """Segment ``texts`` (a :class:`TextSource`, a list or a Series of strings) with ``workers``
    processes, this one included; the batches in input order.

    With N > 1 workers, N - 1 worker processes claim batches from the front and this process
    claims them from the back, one at a time, until they meet: nothing is assigned ahead, so all
    finish within about one batch of each other.  The texts are pickled to each worker once; the
    workers write their tokens to :class:`SharedTokens`.

    ``check``: a function called in this process once the worker processes have started (so it
    overlaps with them); if it returns False, nothing more is segmented and None is returned.
    """
    source = texts if isinstance(texts, TextSource) else TextSource(texts)
    bounds = batch_bounds(source.lengths, workers)
    cutter = Cutter(spec)  # this process's tokenizer (each worker loads its own)
    if workers <= 1 or len(bounds) == 1:
        if check is not None and not check():
            return None
        return [segment_batch(cutter, source.take(lo, hi)) for lo, hi in bounds]
    shared = SharedTokens(source.lengths)
    job = {"source": source, "bounds": bounds, "out": shared, "work": _segment_part}
    return _share(len(bounds), workers, lambda i: segment_batch(cutter, source.take(*bounds[i])), job, spec,
                  check=check, receive=lambda i, r: shared.get(*bounds[i], *r))


def _run_items(fn, runs: list[tuple[int, int]], i: int) -> list:
    """``fn`` over run ``i``'s items."""
    lo, hi = runs[i]
    return [fn(k) for k in range(lo, hi)]


def map_forked(fn, n: int, workers: int = 1) -> list:
    """``[fn(i) for i in range(n)]``, shared among ``workers`` processes (this one included).

    For work whose inputs are large and whose results are small (the bootstrap of many groups):
    ``fn`` is pickled to each worker process once, with whatever it holds (so it must pickle: a
    module-level function or a :func:`functools.partial` of one, not a closure); only run indices
    are claimed and results come back.  The items are cut into runs of consecutive indices
    (:data:`BATCHES_PER_WORKER` per process), shared as :func:`segment_texts` shares its batches
    (:func:`_share`).  With ``workers <= 1`` everything runs here.  The results are the same
    either way, in order.  (The name is from when the workers were forked; see :func:`_context`.)
    """
    if workers <= 1 or n < 2:
        return [fn(i) for i in range(n)]
    k = min(n, BATCHES_PER_WORKER * workers)
    bounds = [n * j // k for j in range(k + 1)]
    work = functools.partial(_run_items, fn, list(zip(bounds, bounds[1:])))
    out = _share(k, workers, work, {"work": work})
    return [r for run in out for r in run]

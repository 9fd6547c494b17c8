"""Parallel segmentation: batches of whole paragraphs, results in input order, same for any number of workers."""
from __future__ import annotations

import os
import pickle
import time

import numpy as np
import pandas as pd
import pytest

from unzh.segment import parallel
from unzh.segment.parallel import TextSource, batch_bounds, encode
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.segment.tokens import _concat

_segment_part = parallel._segment_part


def _slow_segment_part(i):
    # a worker's batch, slowed down; module-level, so it is pickled to the worker by name
    time.sleep(0.05)
    return _segment_part(i)


class _WatchedContext:
    """parallel's start method, keeping the claims it makes: a test can wait until the worker
    process has claimed a batch (workers start in about a second: they load the tokenizer)."""

    def __init__(self, ctx):
        self.ctx, self.claims = ctx, []

    def __getattr__(self, name):
        return getattr(self.ctx, name)

    def Array(self, *args, **kwargs):
        self.claims.append(self.ctx.Array(*args, **kwargs))
        return self.claims[-1]

    def wait_for_the_worker(self):
        deadline = time.monotonic() + 60
        while self.claims[-1][0] == 0:
            assert time.monotonic() < deadline, "the worker process claimed nothing in 60 s"
            time.sleep(0.005)


@pytest.fixture
def watched(monkeypatch):
    ctx = _WatchedContext(parallel._context())
    monkeypatch.setattr(parallel, "_context", lambda: ctx)
    return ctx


def test_batches_are_consecutive_runs_of_whole_texts(monkeypatch):
    monkeypatch.setattr(parallel, "MAX_BATCH_CHARS", 10)
    lengths = np.array([4, 4, 4, 4, 4, 1])  # 21 characters, 1 worker: runs of MAX_BATCH_CHARS (10)
    assert batch_bounds(lengths, 1) == [(0, 3), (3, 6)]
    assert batch_bounds(np.array([4, 0, 6, 0, 10, 0, 3]), 1) == [(0, 3), (3, 5), (5, 7)]  # ends at 10 reached
    assert batch_bounds(np.array([], dtype=np.int64), 2) == [(0, 0)]
    # 2 workers share them out: 21 // (16 x 2) + 1 = 1 character, raised to MIN_BATCH_CHARS (5)
    monkeypatch.setattr(parallel, "MAX_BATCH_CHARS", 100)
    monkeypatch.setattr(parallel, "MIN_BATCH_CHARS", 5)
    assert batch_bounds(lengths, 2) == [(0, 2), (2, 4), (4, 6)]


@pytest.mark.parametrize("values", [["移徙者", "", "权利\n发展", "2006年"], None])
def test_text_source_from_a_list_or_arrow_strings(values, seed_paragraphs):
    texts = values or seed_paragraphs["text"].tolist()
    for source in (TextSource(texts), TextSource(pd.Series(texts, dtype="str")), TextSource(pd.Series(texts, dtype=object))):
        assert len(source) == len(texts) and source.lengths.tolist() == [len(t) for t in texts]
        assert source.take(0, len(texts)) == texts and source.take(1, 3) == texts[1:3] and source.take(2, 2) == []
        assert [source[i] for i in range(len(texts))] == texts


def test_encode_positions_sentences_and_offsets():
    # two texts; punctuation and numbers are dropped but still advance the character offset
    text, sentence, position, start, code, vocab = encode([["移徙者", "，", "权利", "。", "发展"], ["2006", "年", "移徙者"]])
    assert vocab == ["移徙者", "权利", "发展", "年"]
    assert text.tolist() == [0, 0, 0, 1, 1]
    assert sentence.tolist() == [1, 1, 2, 1, 1]
    assert position.tolist() == [0, 1, 2, 0, 1]
    assert start.tolist() == [0, 4, 7, 4, 5]
    assert [vocab[c] for c in code] == ["移徙者", "权利", "发展", "年", "移徙者"]


@pytest.fixture(scope="module")
def corpus(seed_paragraphs):
    """The seed's paragraphs 12 times over (distinct documents): ~70,000 characters, several batches."""
    parts = []
    for k in range(12):
        p = seed_paragraphs.copy()
        p["doc_id"] = f"doc{k:02d}"
        parts.append(p)
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_two_workers_give_the_one_worker_table(corpus, backend):
    assert len(batch_bounds(corpus["text"].str.len().to_numpy(), 2)) >= 3
    one = tokens_table(corpus, Segmenter(backend=backend), workers=1, cache=False)
    two = tokens_table(corpus, Segmenter(backend=backend), workers=2, cache=False)
    pd.testing.assert_frame_equal(one, two)
    assert two.attrs["provenance"]["workers"] == 2
    # stable order: documents and paragraphs in input order, positions ascending within a paragraph
    assert list(two["doc_id"].unique()) == [f"doc{k:02d}" for k in range(12)]
    first = two[two["doc_id"] == "doc00"]
    assert first["para_id"].is_monotonic_increasing
    assert (first.groupby("para_id")["position"].apply(lambda s: list(s) == list(range(len(s))))).all()
    # every copy of the seed segments the same
    assert (two.groupby("doc_id", observed=True).size() == len(first)).all()


def test_workers_must_be_positive(seed_paragraphs):
    with pytest.raises(ValueError, match="workers must be at least 1, not 0"):
        tokens_table(seed_paragraphs, Segmenter(), workers=0, cache=False)


def test_default_workers_is_the_cores_available():
    import os
    assert parallel.default_workers() == len(os.sched_getaffinity(0))


def test_a_sample_mismatch_with_two_workers_means_jieba_for_everything(corpus, monkeypatch):
    # the sample is checked while the worker process already segments; when it differs, that work is
    # dropped and jieba segments every paragraph (the stand-in cuts texts with 移徙 per character)
    from unzh.segment import backends
    from unzh.segment.segmenter import BackendFallbackWarning

    class Garbling:
        def cut(self, text, hmm):
            return list(text) if "移徙" in text else Segmenter().cut(text)

    monkeypatch.setattr(backends, "rjieba_tokenizer", lambda *a: Garbling())
    with pytest.warns(BackendFallbackWarning, match=f"jieba segmented all {len(corpus)} paragraphs"):
        two = tokens_table(corpus, Segmenter(backend="rjieba"), workers=2, cache=False)
    pd.testing.assert_frame_equal(two, tokens_table(corpus, Segmenter(), workers=1, cache=False))
    seg = two.attrs["provenance"]["segmentation"]
    assert (seg["jieba"], seg["rjieba"], seg["verified"] > 0, seg["mismatches"] > 0) == (len(corpus), 0, True, True)


def test_this_process_and_the_worker_share_the_batches(monkeypatch, watched):
    # two processes: the worker takes batches from the front, this one from the back; all come back in order
    monkeypatch.setattr(parallel, "MIN_BATCH_CHARS", 1)
    texts = [f"移徙者{k}权利" for k in range(40)]
    here = []
    original = parallel.segment_batch

    def spy(cutter, part):
        here.append(part[0])
        return original(cutter, part)

    monkeypatch.setattr(parallel, "segment_batch", spy)  # here only: the worker has its own module
    monkeypatch.setattr(parallel, "_segment_part", _slow_segment_part)  # the worker's batches take 0.05 s
    # this process starts once the worker has claimed its first batch
    out = parallel.segment_texts(texts, Segmenter(backend="jieba").spec, workers=2,
                                 check=lambda: watched.wait_for_the_worker() or True)
    parts = [texts[lo:hi] for lo, hi in batch_bounds(np.array([len(t) for t in texts]), 2)]
    assert len(out) == len(parts) > 2 and [b.n_texts for b in out] == [len(p) for p in parts]
    assert [b.vocab[b.code[0]] for b in out] == ["移徙者"] * len(parts)
    # `here` lists what this process segmented
    assert 0 < len(here) < len(parts)
    assert parts[-1][0] in here and parts[0][0] not in here
    # what this process segmented forms one run at the back: the two ends met once
    first = min(k for k, p in enumerate(parts) if p[0] in here)
    assert [p[0] for p in parts[first:]] == sorted(here, key=texts.index)


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_batches_from_each_start_method_are_the_same(monkeypatch, method):
    # forkserver (Linux) and spawn (macOS, Windows): the texts go to the workers pickled, their tokens
    # come back in shared memory; the result is the same as in one process
    import multiprocessing as mp
    monkeypatch.setattr(parallel, "MIN_BATCH_CHARS", 1)
    monkeypatch.setattr(parallel, "_context", lambda: mp.get_context(method))
    texts = [f"移徙者{k}的权利。发展" for k in range(30)]
    spec = Segmenter(backend="jieba").spec
    one = _concat(parallel.segment_texts(texts, spec, workers=1))
    batches = parallel.segment_texts(texts, spec, workers=2)
    assert len(batches) > 2 and all(b.code is not None for b in batches)
    two = _concat(batches)
    assert one.types == two.types == ["移徙者", "的", "权利", "发展"]
    for name in ("counts", "code", "sentence", "position", "start"):
        assert getattr(one, name).tolist() == getattr(two, name).tolist(), name


def test_a_call_right_after_a_failed_check_gets_every_batch(monkeypatch, watched):
    # the failed check stops the worker after its batch: a worker still claiming from the first call's
    # claims (whose shared memory the second call may reuse) would take the second call's batches
    monkeypatch.setattr(parallel, "MIN_BATCH_CHARS", 1)
    texts = [f"移徙者{k}权利" for k in range(40)]
    spec = Segmenter(backend="jieba").spec
    monkeypatch.setattr(parallel, "_segment_part", _slow_segment_part)  # in a batch when the check fails
    assert parallel.segment_texts(texts, spec, workers=2, check=lambda: watched.wait_for_the_worker() or False) is None
    out = parallel.segment_texts(texts, spec, workers=2)
    assert all(b is not None for b in out)
    assert _concat(out).counts.tolist() == [2] * 40


def test_this_process_does_not_wait_for_a_worker_that_has_claimed_nothing(monkeypatch, watched):
    # 40 short texts take this process milliseconds, a worker a second to start: it returns at once,
    # keeping its claims (closed) until the worker has seen them; a later call lets them go
    from concurrent.futures import wait
    monkeypatch.setattr(parallel, "MIN_BATCH_CHARS", 1)
    texts = [f"移徙者{k}权利" for k in range(40)]
    spec = Segmenter(backend="jieba").spec
    assert _concat(parallel.segment_texts(texts, spec, workers=2)).counts.tolist() == [2] * 40
    claims = watched.claims[-1]
    assert (claims[0], claims[1]) == (0, 0)  # every batch taken from the back, by this process
    lingering = [fs for c, fs in parallel._LINGERING if c is claims]
    assert len(lingering) == 1
    wait(lingering[0], timeout=60)  # the worker starts, finds nothing to claim and returns nothing
    assert [f.result() for f in lingering[0]] == [[]]
    parallel.segment_texts(texts[:2], spec, workers=2)
    assert all(c is not claims for c, _ in parallel._LINGERING)


def test_shared_tokens_regions_do_not_overlap():
    # each batch writes from its first text's character offset; a token is at least one character
    shared = parallel.SharedTokens(np.array([3, 2, 4]))
    spec = Segmenter(backend="jieba").spec
    texts = ["移徙者", "权利", "移徙者权"]
    cutter = parallel.Cutter(spec)
    put = [shared.put(lo, hi, parallel.segment_batch(cutter, texts[lo:hi])) for lo, hi in ((0, 2), (2, 3))]
    got = [shared.get(lo, hi, *p) for (lo, hi), p in zip(((0, 2), (2, 3)), put)]
    assert [g.vocab for g in got] == [["移徙者", "权利"], ["移徙者", "权"]]
    assert [g.counts.tolist() for g in got] == [[1, 1], [2]]
    assert [g.start.tolist() for g in got] == [[0, 0], [0, 3]]
    assert [g.code.tolist() for g in got] == [[0, 1], [0, 1]]
    assert put[0][1].code is None  # what a worker sends back: no arrays


def _square(i):
    return i, i * i


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("n", [0, 1, 2, 37])
def test_map_forked_gives_every_result_in_order(n, workers):
    assert parallel.map_forked(_square, n, workers) == [(i, i * i) for i in range(n)]


#: in this process only, the running test's watched context (a worker imports this module afresh: empty there)
_WATCHING: list = []


def _pid_once_the_worker_claimed(i):
    if _WATCHING:
        _WATCHING[0].wait_for_the_worker()
    time.sleep(0.01)
    return os.getpid()


def test_map_forked_shares_the_items_with_a_worker(watched):
    # this process computes its first item (from the back) once the worker has claimed one (from the front)
    _WATCHING.append(watched)
    try:
        pids = parallel.map_forked(_pid_once_the_worker_claimed, 32, 2)
    finally:
        _WATCHING.clear()
    assert len(pids) == 32 and os.getpid() in pids and len(set(pids)) == 2


def test_map_forked_wants_a_function_that_pickles():
    # the workers are not forked: a closure cannot reach them
    with pytest.raises((pickle.PicklingError, AttributeError), match="local object .*<lambda>"):  # 3.11-3.13 say it so
        parallel.map_forked(lambda i: i, 4, 2)

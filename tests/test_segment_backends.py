"""Segmentation backends: rjieba gives jieba's tokens, or jieba is used and the output says so."""
from __future__ import annotations

import random
import warnings

import pandas as pd
import pytest
from helpers import SEED

from unzh.segment import backends
from unzh.segment.backends import BackendSpec, Cutter, guard_reason, guarded
from unzh.segment.segmenter import BackendFallbackWarning, Segmenter, tokens_table
from unzh.text.document import read_document
from unzh.text.structure import body

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"

#: Lines that exercise what jieba and jieba-rs might treat differently: Latin, digits, the
#: characters jieba's block regex keeps (+ # & . _ % -), full-width forms, symbols, mixed scripts.
TRICKY = [
    "联合国开发计划署(开发署)和国际劳工组织(劳工组织)于2006年7月25-26日在墨西哥城举行会议。",
    "请发电子邮件至 migration-info@un.org 或访问 www.un.org/migration_2006 了解详情。",
    "C++ 和 C# 程序员的汇款增长了12.5%，约合 US$ 3.2 亿美元。",
    "《赫尔辛基进程》第 A/61/515 号文件；ＩＯＭ（国际移民组织）与 ILO 合作。",
    "移徙者、难民和寻求庇护者——包括妇女和儿童——享有人权！？",
    "AT&T 与 R&D 部门；e-mail 和 x.y 以及 a_b 是 HMM 会拆分的形式。",
    "第一条　人人生而自由。第二章 总则 1.1 范围 一、目的 ㈠ 定义",
    "全球化、发展与移徙：人口贩运和偷运移徙者问题专题辩论。",
    "123456 ７８９ 二〇〇六年 1/2 3.14 -5 +6 #7",
    "ABCdef 移徙Migration混合 text 文本 mixed。",
]


def _texts_of(path) -> list[str]:
    return body(read_document(path).paragraphs)["text"].tolist()


@pytest.fixture(scope="module")
def seed_texts():
    return read_document(SEED).paragraphs["text"].tolist()


@pytest.fixture(scope="module")
def mixed_texts(seed_texts):
    """The seed, every layout and corpus fixture, the tricky lines, and shuffled recombinations."""
    texts = list(seed_texts)
    for p in sorted((FIXTURES / "layouts").glob("*.txt")) + sorted((FIXTURES / "corpus").glob("[ab]_*.txt")):
        texts += _texts_of(p)
    texts += TRICKY
    rng = random.Random(2006)
    pool = "".join(texts)
    for _ in range(200):  # random spans across paragraph boundaries: cuts mid-word, odd starts
        i = rng.randrange(len(pool))
        texts.append(pool[i:i + rng.randrange(1, 120)])
    return texts


@pytest.mark.parametrize("hmm", [False, True])
def test_rjieba_gives_jiebas_tokens_on_the_seed(seed_texts, hmm):
    ref, fast = Segmenter(hmm=hmm), Segmenter(hmm=hmm, backend="rjieba", verify="none")
    assert [fast.cut(t) for t in seed_texts] == [ref.cut(t) for t in seed_texts]
    # and mostly not by falling back: without HMM no paragraph is guarded; with HMM the two
    # with a hyphen (伊比利亚-美洲, 欧洲-非洲) are, since jieba-rs's HMM may keep a-b whole
    assert guarded(seed_texts, hmm) == ([59, 60] if hmm else [])


@pytest.mark.parametrize("hmm", [False, True])
@pytest.mark.parametrize("user_dict", ["un", None])
def test_rjieba_raw_tokens_equal_jiebas_on_a_mixed_fixture(mixed_texts, hmm, user_dict):
    """The fast tokenizer itself (no guard) agrees with jieba on every text the guard lets through."""
    ref = Segmenter(hmm=hmm) if user_dict else Segmenter(user_dict=None, hmm=hmm)
    spec = ref.spec
    fast = backends.rjieba_tokenizer(spec.user_dict, spec.user_sha256, hmm)
    let_through = [t for t in mixed_texts if guard_reason(t, hmm) is None]
    # without HMM the guard stops only CJK extensions (none here); with HMM also + # & . _ % -,
    # and so every numbered paragraph, target and indicator of the layout fixtures (1. / 1.1 / 1.a)
    assert len(let_through) == len(mixed_texts) if not hmm else 0.6 * len(mixed_texts) < len(let_through) < len(mixed_texts)
    differ = [t for t in let_through if fast.cut(t, hmm) != ref.cut(t)]
    assert differ == []


@pytest.mark.parametrize("hmm", [False, True])
def test_segmenter_with_rjieba_equals_jieba_on_every_mixed_text(mixed_texts, hmm):
    """Guard included: every text, let through or not, gets jieba's tokens."""
    ref, fast = Segmenter(hmm=hmm), Segmenter(hmm=hmm, backend="rjieba", verify="none")
    texts = mixed_texts + ["移徙者\u3400权利", "\U00020000国际移徙", "兀\uF900移徙"]
    assert [fast.cut(t) for t in texts] == [ref.cut(t) for t in texts]


def test_table_from_rjieba_equals_table_from_jieba(seed_paragraphs):
    a = tokens_table(seed_paragraphs, Segmenter(), cache=False)
    b = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), cache=False)
    pd.testing.assert_frame_equal(a, b)
    seg = b.attrs["provenance"]["segmentation"]
    assert b.attrs["provenance"]["backend_used"] == "rjieba"
    assert (seg["paragraphs"], seg["rjieba"], seg["jieba"], seg["verified"], seg["mismatches"]) == (74, 74, 0, 74, 0)
    assert seg["message"] == "rjieba segmented 74 of 74 paragraphs; 74 compared with jieba (sample): identical"


def test_guard_sends_extension_ideographs_to_jieba():
    # U+3400 (CJK Extension A): jieba-rs counts it as Han, jieba does not
    text = "移徙者\u3400权利。国际移徙。"
    assert guard_reason(text, False).startswith("characters jieba-rs treats as Han")
    assert guard_reason("e-mail", True).startswith("with HMM") and guard_reason("e-mail", False) is None
    paragraphs = pd.DataFrame({"doc_id": ["d", "d"], "para_id": [1, 2], "section": ["s", "s"], "debate": [None, None],
                               "para_no": [1, 2], "kind": ["paragraph"] * 2, "text": [text, "国际移徙。"]})
    df = tokens_table(paragraphs, Segmenter(backend="rjieba"), cache=False)
    ref = tokens_table(paragraphs, Segmenter(), cache=False)
    pd.testing.assert_frame_equal(df, ref)
    seg = df.attrs["provenance"]["segmentation"]
    assert (seg["rjieba"], seg["jieba"], seg["guarded"]) == (1, 1, 1)
    assert df.attrs["provenance"]["backend_used"] == "rjieba+jieba"
    assert "jieba 1 (characters on which rjieba may differ)" in seg["message"]


class _Garbling:
    """A stand-in fast tokenizer that differs from jieba on texts containing 移徙 (cuts them per character)."""

    def cut(self, text, hmm):
        return list(text) if "移徙" in text else Segmenter().cut(text)


def test_sample_mismatch_falls_back_to_jieba_for_everything(seed_paragraphs, monkeypatch):
    monkeypatch.setattr(backends, "rjieba_tokenizer", lambda *a: _Garbling())
    with pytest.warns(BackendFallbackWarning, match="jieba segmented all 74 paragraphs"):
        df = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), cache=False)
    pd.testing.assert_frame_equal(df, tokens_table(seed_paragraphs, Segmenter(), cache=False))
    prov = df.attrs["provenance"]
    assert prov["backend_used"] == "jieba"
    assert prov["segmentation"]["jieba"] == 74 and prov["segmentation"]["rjieba"] == 0
    assert prov["segmentation"]["message"].startswith("rjieba differed from jieba on ")


def test_verify_all_uses_jiebas_tokens_where_they_differ(seed_paragraphs, monkeypatch):
    monkeypatch.setattr(backends, "rjieba_tokenizer", lambda *a: _Garbling())
    n_differ = int(seed_paragraphs["text"].str.contains("移徙").sum())
    with pytest.warns(BackendFallbackWarning, match=f"differed from jieba on {n_differ} of 74"):
        df = tokens_table(seed_paragraphs, Segmenter(backend="rjieba", verify="all"), cache=False)
    pd.testing.assert_frame_equal(df, tokens_table(seed_paragraphs, Segmenter(), cache=False))
    seg = df.attrs["provenance"]["segmentation"]
    assert (seg["verified"], seg["mismatches"], seg["jieba"], seg["rjieba"]) == (74, n_differ, n_differ, 74 - n_differ)


def test_a_user_dictionary_rjieba_cannot_express_means_jieba(tmp_path, seed_paragraphs):
    d = tmp_path / "zero.dict.txt"
    d.write_text("国际移徙 0\n移徙者 100 n\n", encoding="utf-8")
    with pytest.warns(BackendFallbackWarning, match="frequency-0 entry"):
        seg = Segmenter(user_dict=d, backend="rjieba")
        df = tokens_table(seed_paragraphs, seg, cache=False)
    pd.testing.assert_frame_equal(df, tokens_table(seed_paragraphs, Segmenter(user_dict=d), cache=False))
    assert df.attrs["provenance"]["backend_used"] == "jieba"
    assert "frequency-0 entry" in df.attrs["provenance"]["segmentation"]["message"]


def test_entry_by_entry_loading_equals_the_embedded_dictionary(seed_texts, monkeypatch):
    """VERIFIED_EMBEDDED: jieba-rs's embedded dictionary gives what loading dict.txt entry by entry gives."""
    spec = Segmenter().spec
    embedded = backends.rjieba_tokenizer(spec.user_dict, spec.user_sha256, False)
    monkeypatch.setattr(backends, "VERIFIED_EMBEDDED", set())
    backends.rjieba_tokenizer.cache_clear()
    try:
        loaded = backends.rjieba_tokenizer(spec.user_dict, spec.user_sha256, False)
        assert loaded is not embedded
        assert [loaded.cut(t, False) for t in seed_texts] == [embedded.cut(t, False) for t in seed_texts]
    finally:
        backends.rjieba_tokenizer.cache_clear()


def test_restricted_reference_equals_the_full_tokenizer(mixed_texts):
    spec = Segmenter().spec
    ref = backends.reference_for(mixed_texts[:50], spec.user_dict, spec.user_sha256)
    full = Segmenter()
    assert [ref(t, False) for t in mixed_texts[:50]] == [full.cut(t) for t in mixed_texts[:50]]


def test_unknown_backend_and_verify_mode_are_refused():
    with pytest.raises(ValueError, match="unknown segmentation backend 'pkuseg'"):
        Segmenter(backend="pkuseg")
    with pytest.raises(ValueError, match="unknown verify mode 'some'"):
        BackendSpec("rjieba", verify="some")


def test_jieba_cutter_is_the_reference():
    spec = Segmenter().spec
    out, report = Cutter(spec).cut_many(["国际移徙与发展。", "移徙者"])
    assert out == [Segmenter().cut("国际移徙与发展。"), Segmenter().cut("移徙者")]
    assert report.jieba == [0, 1]


def test_provenance_names_the_backend_and_version():
    p = Segmenter(backend="rjieba").provenance()
    assert p["backend"] == "rjieba" and p["backend_version"].startswith("rjieba 0.2.2 (jieba-rs ")
    assert Segmenter().provenance()["backend_version"] == "jieba 0.42.1"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Segmenter(backend="rjieba").cut("国际移徙")  # no fallback warning for an ordinary text


def test_dictionary_entries_are_resolved_once_and_then_read(tmp_path, monkeypatch):
    """A user entry without a frequency needs jieba's whole dictionary (~1.5 s); each later process reads
    the result from the cache folder, checked against its key and checksum."""
    import json

    from unzh import config
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    user = tmp_path / "u.dict.txt"
    user.write_text("移徙工人权利\n难民署 5 nt\n", encoding="utf-8")
    sha = __import__("hashlib").sha256(user.read_bytes()).hexdigest()
    backends.dictionary_entries.cache_clear()
    first = backends.dictionary_entries(str(user), sha)
    (cached,) = (tmp_path / "dictionary").glob("*.json")
    assert first.user_entries[1] == ("难民署", 5, "nt") and first.user_entries[0][1] > 0
    backends.dictionary_entries.cache_clear()  # a new process: no resolving, the file is read
    monkeypatch.setattr(backends, "_resolve_entries", lambda *a: pytest.fail("resolved again"))
    assert backends.dictionary_entries(str(user), sha) == first
    record = json.loads(cached.read_bytes())  # an altered file is not used
    record["entries"]["jieba_total"] += 1
    cached.write_text(json.dumps(record), encoding="utf-8")
    backends.dictionary_entries.cache_clear()
    with pytest.raises(pytest.fail.Exception):
        backends.dictionary_entries(str(user), sha)
    backends.dictionary_entries.cache_clear()


def test_the_sample_compared_in_another_process_gives_the_same_account(seed_paragraphs, monkeypatch):
    """A large corpus segmented in one process has its rjieba-jieba sample compared in another process,
    at the same time: the same paragraphs compared, the same verdict, the same tokens."""
    from unzh.segment import segmenter
    here = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), workers=1, cache=False)
    monkeypatch.setattr(segmenter, "VERIFY_ELSEWHERE_MIN_CHARS", 0)
    elsewhere = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), workers=1, cache=False)
    a, b = (t.attrs["provenance"]["segmentation"] for t in (here, elsewhere))
    assert a["verified"] == b["verified"] > 0 and a["mismatches"] == b["mismatches"] == 0
    assert a["message"] == b["message"]
    pd.testing.assert_frame_equal(here, elsewhere)


def test_a_difference_found_in_the_other_process_sends_everything_to_jieba(seed_paragraphs, monkeypatch):
    from unzh.segment import segmenter
    monkeypatch.setattr(segmenter, "VERIFY_ELSEWHERE_MIN_CHARS", 0)
    monkeypatch.setattr(segmenter, "_verify_elsewhere",
                        lambda texts, seg, budget, info, rows: lambda: info.update(fallback="differed") or False)
    with pytest.warns(BackendFallbackWarning, match="differed"):
        t = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), workers=1, cache=False)
    assert t.attrs["provenance"]["segmentation"]["rjieba"] == 0


def test_each_distinct_text_is_cut_once_per_process(monkeypatch):
    spec = BackendSpec("rjieba", verify="none", user_dict="memo-test-setting")  # a setting of its own
    calls = []
    cut = lambda t: calls.append(t) or list(t)  # noqa: E731
    texts = ["甲乙", "丙", "甲乙", "丙", "丁"]
    assert backends._memoized(spec, cut, texts) == [["甲", "乙"], ["丙"], ["甲", "乙"], ["丙"], ["丁"]]
    assert calls == ["甲乙", "丙", "丁"]
    backends._memoized(spec, cut, ["丁", "戊"])
    assert calls == ["甲乙", "丙", "丁", "戊"]
    monkeypatch.setattr(backends, "MEMO_CHARS", 0)  # beyond the limit: cut, not kept
    other = BackendSpec("rjieba", verify="none", user_dict="memo-test-setting-2")
    backends._memoized(other, cut, ["己", "己"])
    assert calls[-2:] == ["己", "己"]


def test_the_reference_process_started_ahead_is_the_one_that_compares(seed_paragraphs, monkeypatch):
    """A command starts the comparing process before it reads (``verification_started``): the sample is
    then compared there, with the same account and tokens as a process started when the sample is known."""
    from unzh.segment import segmenter
    monkeypatch.setattr(segmenter, "VERIFY_ELSEWHERE_MIN_CHARS", 0)
    fresh = tokens_table(seed_paragraphs, Segmenter(backend="rjieba"), workers=1, cache=False)
    seg = Segmenter(backend="rjieba")
    made = []
    monkeypatch.setattr(segmenter._ReferenceProcess, "__init__",
                        lambda self, spec, _init=segmenter._ReferenceProcess.__init__: made.append(spec) or _init(self, spec))
    with segmenter.verification_started(seg, n_bytes=3, workers=1):
        assert list(segmenter._STARTED) == [seg.spec] and len(made) == 1
        ahead = tokens_table(seed_paragraphs, seg, workers=1, cache=False)
        assert segmenter._STARTED == {} and len(made) == 1  # taken, not a second one started
    a, b = (t.attrs["provenance"]["segmentation"] for t in (fresh, ahead))
    assert a["verified"] == b["verified"] > 0 and b["mismatches"] == 0 and a["message"] == b["message"]
    pd.testing.assert_frame_equal(fresh, ahead)


def test_no_reference_process_where_the_sample_is_not_compared_elsewhere(monkeypatch):
    from unzh.segment import segmenter
    started = []
    monkeypatch.setattr(segmenter, "_ReferenceProcess", lambda spec: started.append(spec))
    big = 3 * segmenter.VERIFY_ELSEWHERE_MIN_CHARS
    for seg, n_bytes, workers in [(Segmenter(backend="jieba"), big, 1),                 # jieba: nothing to compare
                                  (Segmenter(backend="rjieba", verify="all"), big, 1),  # compared everywhere
                                  (Segmenter(backend="rjieba"), big - 3, 1),            # compared in this process
                                  (Segmenter(backend="rjieba"), big, 2)]:               # while the workers segment
        with segmenter.verification_started(seg, n_bytes, workers):
            assert segmenter._STARTED == {}
    assert started == []


def test_a_reference_process_not_used_is_stopped_on_every_exit(monkeypatch):
    from unzh.segment import segmenter
    stopped = []
    monkeypatch.setattr(segmenter._ReferenceProcess, "shutdown", lambda self, _s=segmenter._ReferenceProcess.shutdown:
                        stopped.append(self) or _s(self))
    seg = Segmenter(backend="rjieba")
    with pytest.raises(KeyError):
        with segmenter.verification_started(seg, 3 * segmenter.VERIFY_ELSEWHERE_MIN_CHARS, 1):
            proc = segmenter._STARTED[seg.spec]
            raise KeyError("a read that failed")
    assert stopped == [proc] and segmenter._STARTED == {}
    proc.pool.shutdown(wait=True)  # (its process has ended: shutdown(wait=False) had told it to)

"""Term frequencies on a hand-countable mini document (tests/fixtures/freq_mini.txt).

The fixture (one line per paragraph; blank lines between, as in the seed):

    (body, no debate)  移徙者，合作。
    专题辩论 1：人权
      para 3           移徙者，汇款，移徙者。
      para 4           移徙者，的，人权。          (的 is a stopword)
    专题辩论 2：汇款
      para 6           汇款，汇款，汇款，发展。
      para 7           人权，发展。

tests/fixtures/freq_mini_tokens.csv is its token table, written out by hand
(checked against the segmenter below).  Counted tokens (stopwords removed):
debate 1: 5 (移徙者 ×3, 汇款, 人权); debate 2: 6 (汇款 ×3, 发展 ×2, 人权);
the body paragraph: 2 (移徙者, 合作); whole text: 13.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unzh.errors import InputError, UnknownTermError
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.segment.tokens import TOKEN_COLUMNS
from unzh.text.document import read_document
from unzh.text.structure import body
from unzh.textstat.frequency import (
    FREQUENCY_COLUMNS,
    describe_top_terms,
    group_order,
    group_sizes,
    term_frequency,
    term_paragraphs,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "freq_mini.txt"


def hand_tokens() -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / "freq_mini_tokens.csv", dtype={"doc_id": str, "section": str, "token": str})
    for c in ("debate", "para_no"):
        df[c] = df[c].astype("Int64")
    df["stop"] = df["stop"].astype(bool)
    return df[TOKEN_COLUMNS]


@pytest.fixture
def tokens():
    return hand_tokens()


def rows(df: pd.DataFrame, cols) -> list[tuple]:
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def test_fixture_document_segments_to_the_hand_table():
    seg = tokens_table(body(read_document(MINI).paragraphs), Segmenter())
    hand = hand_tokens()
    cols = ["para_id", "section", "para_no", "token", "stop"]
    assert rows(seg, cols) == rows(hand, cols)
    assert seg["debate"].tolist() == hand["debate"].tolist()


def test_group_sizes(tokens):
    # debate 1: 6 kept tokens, minus the stopword 的 = 5, in paragraphs 3 and 4
    # debate 2: 6 tokens in paragraphs 6 and 7
    sizes = group_sizes(tokens, "debate")
    assert rows(sizes, ["debate", "n_tokens", "n_paragraphs"]) == [(1, 5, 2), (2, 6, 2)]
    # whole text: 2 + 5 + 6 = 13 tokens in 5 paragraphs
    assert rows(group_sizes(tokens), ["n_tokens", "n_paragraphs"]) == [(13, 5)]


def test_overall_counts_rates_and_document_frequency(tokens):
    f = term_frequency(tokens)
    assert list(f.columns) == FREQUENCY_COLUMNS
    # 汇款: 1 (para 3) + 3 (para 6) = 4, in 2 paragraphs;  移徙者: 1 (para 1) + 2 (para 3) + 1 (para 4) = 4,
    # in 3 paragraphs;  人权: paras 4 and 7;  发展: 2 in paras 6 and 7;  合作: 1 in para 1
    assert rows(f, ["term", "count", "doc_freq"]) == [
        ("汇款", 4, 2), ("移徙者", 4, 3), ("人权", 2, 2), ("发展", 2, 2), ("合作", 1, 1)]
    # rate per 1,000 counted tokens: 4 / 13 * 1000 = 307.6923…, 2 / 13 * 1000 = 153.8461…, 1 / 13 * 1000 = 76.923…
    rate = dict(zip(f["term"], f["rate_per_1000"]))
    assert rate["汇款"] == pytest.approx(4000 / 13) == pytest.approx(307.692307692)
    assert rate["人权"] == pytest.approx(153.846153846)
    assert rate["合作"] == pytest.approx(76.923076923)
    assert f["rate_per_1000"].sum() == pytest.approx(1000.0)


def test_ties_are_ordered_by_code_point(tokens):
    f = term_frequency(tokens)
    # counts 4, 4, 2, 2, 1; within a tie the smaller code point first:
    # 汇 U+6C47 < 移 U+79FB -> 汇款 before 移徙者;  人 U+4EBA < 发 U+53D1 -> 人权 before 发展
    assert f["term"].tolist() == ["汇款", "移徙者", "人权", "发展", "合作"]
    assert f["rank"].tolist() == [1, 2, 3, 4, 5]


def test_by_debate(tokens):
    f = term_frequency(tokens, by="debate")
    assert list(f.columns) == ["debate"] + FREQUENCY_COLUMNS
    # debate 1 (5 tokens): 移徙者 3 -> 600 per 1,000, paragraphs 3 and 4; 人权 1 -> 200; 汇款 1 -> 200
    # debate 2 (6 tokens): 汇款 3 -> 500, one paragraph (6); 发展 2 -> 333.33, paragraphs 6 and 7; 人权 1 -> 166.67
    assert rows(f, ["debate", "term", "count", "doc_freq", "rank"]) == [
        (1, "移徙者", 3, 2, 1), (1, "人权", 1, 1, 2), (1, "汇款", 1, 1, 3),
        (2, "汇款", 3, 1, 1), (2, "发展", 2, 2, 2), (2, "人权", 1, 1, 3),
    ]
    assert f["rate_per_1000"].tolist() == pytest.approx([600, 200, 200, 500, 1000 * 2 / 6, 1000 / 6])
    # the body paragraph (no debate) is in no group: 合作 never appears
    assert "合作" not in set(f["term"])
    assert f["debate"].dtype == tokens["debate"].dtype


def test_stopwords_never_appear(tokens):
    assert "的" in set(tokens["token"])
    for by in (None, "debate", "section", "doc_id"):
        assert "的" not in set(term_frequency(tokens, by=by)["term"])
    only_stop = tokens[tokens["stop"]]
    assert term_frequency(only_stop).empty


def test_top_keeps_the_first_n_per_group(tokens):
    f = term_frequency(tokens, by="debate", top=1)
    assert rows(f, ["debate", "term"]) == [(1, "移徙者"), (2, "汇款")]
    assert term_frequency(tokens, top=2)["term"].tolist() == ["汇款", "移徙者"]


def test_by_section_keeps_order_of_appearance(tokens):
    f = term_frequency(tokens, by="section")
    assert list(dict.fromkeys(f["section"])) == ["body", "debate_1", "debate_2"]
    assert group_order(tokens, "section") == ["body", "debate_1", "debate_2"]
    body_rows = f[f["section"] == "body"]
    # body: 移徙者 1, 合作 1 of 2 tokens -> 500 each; 合 U+5408 < 移 U+79FB
    assert rows(body_rows, ["term", "count", "rate_per_1000"]) == [("合作", 1, 500.0), ("移徙者", 1, 500.0)]


@pytest.mark.parametrize("by", ["para_id", "token", "nonsense"])
def test_unknown_grouping_is_an_input_error(tokens, by):
    with pytest.raises(UnknownTermError, match="unknown grouping column") as exc:
        term_frequency(tokens, by=by)
    assert isinstance(exc.value, InputError)
    assert "\n" not in str(exc.value)


def test_term_paragraphs_traces_counts_to_paragraphs(tokens):
    t = term_paragraphs(tokens, "移徙者")
    assert rows(t, ["para_id", "section", "para_no", "count"]) == [(1, "body", 1, 1), (3, "debate_1", 1, 2),
                                                                    (4, "debate_1", 2, 1)]
    assert t["count"].sum() == 4  # = its overall count
    t = term_paragraphs(tokens, "移徙者", by="debate")
    assert t["para_id"].tolist() == [3, 4]
    assert term_paragraphs(tokens, "的").empty  # stopwords are not counted


def test_describe_top_terms(tokens):
    f = term_frequency(tokens)
    assert describe_top_terms(f, n=2) == ("The most frequent terms are 汇款 (4×, 307.7 per 1,000 tokens, in 2 paragraphs), "
                                          "移徙者 (4×, 307.7 per 1,000 tokens, in 3 paragraphs).")
    fb = term_frequency(tokens, by="debate")
    assert describe_top_terms(fb, n=1, by="debate") == ("Debate 1: 移徙者 (3×, 600.0 per 1,000); "
                                                        "Debate 2: 汇款 (3×, 500.0 per 1,000).")


def test_seed_top_terms(seed_paragraphs):
    """On the seed: the terms and numbers the notebook's reading quotes."""
    tokens = tokens_table(body(seed_paragraphs), Segmenter())
    f = term_frequency(tokens)
    assert rows(f.head(5), ["term", "count", "doc_freq"]) == [
        ("移徙者", 41, 26), ("移徙", 31, 21), ("国际移徙", 30, 20), ("发展", 26, 19), ("强调", 23, 19)]
    assert rows(group_sizes(tokens, "debate"), ["debate", "n_paragraphs"]) == [(1, 14), (2, 10), (3, 9), (4, 9)]


def test_codes_reads_categorical_codes_and_factorizes_other_columns():
    import numpy as np

    from unzh.textstat.frequency import _codes
    cat = pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["b", "a", "c"]))
    codes, values = _codes(cat)
    assert codes.tolist() == [0, -1, 1, 0] and list(values) == ["b", "a", "c"]  # the categories, unused "c" included
    codes, values = _codes(pd.Series(["y", "x", None, "y"], dtype="str"))
    assert codes.tolist() == [0, 1, -1, 0] and list(values) == ["y", "x"]  # order of appearance
    codes, values = _codes(pd.Series([2, None, 1, 2], dtype="Int64"))
    assert codes.tolist() == [0, -1, 1, 0] and list(values) == [2, 1]
    assert isinstance(codes, np.ndarray)


def test_run_helpers():
    import numpy as np

    from unzh.lexicon.matcher import distinct_sorted as _distinct
    from unzh.lexicon.matcher import run_starts as _run_starts
    from unzh.textstat.frequency import _first_appearances, _run_lengths
    v = np.array([3, 3, -1, 1, 1, 1, 3, 0, 0])
    assert _run_starts(v).tolist() == [True, False, True, True, False, False, True, True, False]
    starts, lengths = _run_lengths(v)
    assert starts.tolist() == [0, 2, 3, 6, 7] and lengths.tolist() == [2, 1, 3, 1, 2]
    assert _first_appearances(v).tolist() == [3, 1, 0]  # -1 (missing) left out
    assert _distinct(np.array([5, 2, 5, 9, 2])).tolist() == [2, 5, 9]
    assert _run_starts(np.array([], dtype=np.int64)).tolist() == []
    assert _first_appearances(np.array([], dtype=np.int8)).tolist() == []


def test_combine_and_major_with_and_without_renumbering(monkeypatch):
    import numpy as np

    import unzh.textstat.frequency as F
    major, minor = np.array([2, 0, 2, 1]), np.array([7, 3, 1, 7])
    key, values, n = F._combine(major.copy(), 3, minor, 10)
    assert key.tolist() == [27, 3, 21, 17] and values is None and n == 10
    assert F._major(key, values, n).tolist() == [2, 0, 2, 1]
    monkeypatch.setattr(F, "_MAX_KEY", 20)  # 3 x 10 too large: minor renumbered (7, 3, 1 -> 0, 1, 2), 3 x 3 fits
    key, values, n = F._combine(major.copy(), 3, minor, 10)
    assert key.tolist() == [6, 1, 8, 3] and values is None and n == 3
    monkeypatch.setattr(F, "_MAX_KEY", 5)  # still too large: major renumbered too (2, 0, 1 -> 0, 1, 2)
    key, values, n = F._combine(major.copy(), 3, minor, 10)
    assert key.tolist() == [0, 4, 2, 6] and n == 3
    assert F._major(key, values, n).tolist() == [2, 0, 2, 1]  # the original values back


def test_paragraph_codes_number_doc_and_para_id_pairs():
    from unzh.textstat.frequency import _paragraph_codes
    t = pd.DataFrame({"doc_id": pd.Categorical(["b", "a", "b", None]), "para_id": [5, 5, 7, 6]})
    key, n = _paragraph_codes(t)
    # (doc code + 1) x (7 - 5 + 1) + para_id - 5;  codes: a = 0, b = 1, missing = -1
    assert key.tolist() == [6, 3, 8, 1] and n == 9


def test_grouping_positions_follow_group_order(tokens):
    from unzh.textstat.frequency import _Grouping
    g = _Grouping(tokens, "debate")
    assert g.code.tolist()[:3] == [-1, -1, 0] and g.n == 2 and g.position.tolist() == [0, 1]
    assert list(g.labels([1, 0, 1])) == [2, 1, 2] and g.labels([0]).dtype == tokens["debate"].dtype
    s = _Grouping(tokens, "section")  # order of appearance: body, debate_1, debate_2
    assert list(s.labels([0, 1, 2])) == ["body", "debate_1", "debate_2"]
    cat = tokens.astype({"debate": "category"})
    cat["debate"] = cat["debate"].cat.reorder_categories([2, 1])
    g = _Grouping(cat, "debate")  # debates sorted by value, whatever the categories' order
    assert g.position.tolist() == [1, 0] and list(g.labels([0, 1])) == [1, 2]
    assert _Grouping(tokens, None).n == 1


def test_term_counts_by_hand(tokens):
    from unzh.textstat.frequency import _TermCounts
    c = _TermCounts(tokens, "debate", paragraphs=True)
    got = [(int(g), c.terms[t], int(n), int(d)) for g, t, n, d in zip(c.group, c.term, c.count, c.doc_freq)]
    # pairs in (group, term code) order; terms numbered in order of appearance: 移徙者, 合作, 汇款, 的, 人权, 发展
    assert got == [(0, "移徙者", 3, 2), (0, "汇款", 1, 1), (0, "人权", 1, 1),
                   (1, "汇款", 3, 1), (1, "人权", 1, 1), (1, "发展", 2, 2)]
    assert c.n_tokens.tolist() == [5, 6] and c.n_paragraphs.tolist() == [2, 2] and c.any_counted
    overall = _TermCounts(tokens, None, paragraphs=True)
    assert overall.n_tokens.tolist() == [13] and overall.n_paragraphs.tolist() == [5]
    assert dict(zip(overall.terms.take(overall.term), overall.count.tolist())) == {
        "移徙者": 4, "合作": 1, "汇款": 4, "人权": 2, "发展": 2}
    # a missing token counts as a token of its group but is no term
    holed = tokens.copy()
    holed.loc[3, "token"] = None  # debate 1's 汇款
    h = _TermCounts(holed, "debate")
    assert h.n_tokens.tolist() == [5, 6] and (0, 2) not in set(zip(h.group.tolist(), h.term.tolist()))


def test_term_frequency_same_when_keys_are_renumbered(tokens, monkeypatch):
    import unzh.textstat.frequency as F
    from unzh.textstat.keyness import textstat_keyness
    want = {by: term_frequency(tokens, by) for by in ("debate", "section", None)}
    k = textstat_keyness(tokens, "debate")
    monkeypatch.setattr(F, "_MAX_KEY", 4)  # every key too large: the factorize fallbacks
    for by, w in want.items():
        pd.testing.assert_frame_equal(term_frequency(tokens, by), w, check_exact=True)
    pd.testing.assert_frame_equal(textstat_keyness(tokens, "debate"), k, check_exact=True)

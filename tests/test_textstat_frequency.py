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

from unzh.errors import InputError
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
    return df.assign(**{c: "" for c in TOKEN_COLUMNS if c not in df.columns})[TOKEN_COLUMNS]  # no unit columns: ""


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
    with pytest.raises(InputError, match="unknown grouping column") as exc:
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


def test_stopword_account_says_what_each_list_takes_out(tmp_path):
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.structure import body, paragraph_table
    from unzh.textstat.frequency import describe_stopwords, stopword_account
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("# list a\n和\n的\n", encoding="utf-8")
    b.write_text("的\n人民\n", encoding="utf-8")
    # 各国 和 人民 的 合作 | 人民 的 发展 和 人民 的 权利: 12 kept tokens; 和 ×2, 的 ×3, 人民 ×3 are stopwords, 4 counted
    p = body(paragraph_table("s", "各国和人民的合作。\n\n人民的发展和人民的权利。\n"))
    tokens = tokens_table(p, Segmenter(stopwords=[a, b]), cache=False)
    account = stopword_account(tokens, [a, b])
    assert account.to_dict("records") == [
        {"list": "a.txt", "entries": 2, "tokens_removed": 5, "only_this_list": 2, "words_only_this_list": "和 ×2"},
        {"list": "b.txt", "entries": 2, "tokens_removed": 6, "only_this_list": 3, "words_only_this_list": "人民 ×3"}]
    assert describe_stopwords(tokens, [a, b]) == [
        "12 tokens kept in the body paragraphs; 8 are stopwords, 4 are counted.",
        "a.txt (2 entries) removes 5 tokens (alone, it would leave 7 counted), 2 that no other list holds: 和 ×2.",
        "b.txt (2 entries) removes 6 tokens (alone, it would leave 6 counted), 3 that no other list holds: 人民 ×3."]


def test_the_seed_counts_1226_tokens_and_each_list_says_why(seed_paragraphs):
    """Issue 16: the seed's counted tokens went from 1,299 (the project's own list of that time) to 1,226 (the
    lists stacked: stopwords-iso and the project's); 人 is a stopword of stopwords-iso only."""
    from unzh import config
    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.structure import body
    from unzh.textstat.frequency import describe_stopwords, stopword_account
    tokens = tokens_table(body(seed_paragraphs), Segmenter())
    lines = describe_stopwords(tokens, config.STOPWORD_FILES)
    assert lines[0] == "2,110 tokens kept in the body paragraphs; 884 are stopwords, 1,226 are counted."
    iso, own = stopword_account(tokens, config.STOPWORD_FILES).to_dict("records")
    assert (iso["list"], own["list"]) == ("stopwords_iso_zh.txt", "stopwords_zh.txt")
    assert "人 ×1" in iso["words_only_this_list"].split("|") and own["words_only_this_list"].startswith("应 ×40|问题 ×33")
    # the project's list alone would leave 2,110 - 853 = 1,257 counted: stopwords-iso takes 31 more (及其 ×4, 个 ×3 …)
    assert lines[2].startswith("stopwords_zh.txt (275 entries) removes 853 tokens (alone, it would leave 1,257 counted)")

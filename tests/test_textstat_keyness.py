"""Keyness (signed G2, p, log-ratio, paragraph guard) and TF-IDF, checked against arithmetic done by hand.

Fixture: tests/fixtures/freq_mini_tokens.csv (see tests/test_textstat_frequency.py).
Debate 1 has c = 5 counted tokens (移徙者 3, 汇款 1, 人权 1) in paragraphs 3, 4;
debate 2 has 6 (汇款 3, 发展 2, 人权 1) in paragraphs 6, 7.  The body paragraph
(no debate) takes no part: each debate is compared with the other, N = 11.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from unzh.errors import InputError
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.segment.tokens import TOKEN_COLUMNS
from unzh.text.structure import body
from unzh.textstat.keyness import (
    G2_CRITICAL_05,
    KEYNESS_COLUMNS,
    TFIDF_COLUMNS,
    benjamini_hochberg,
    describe_keyness,
    key_terms,
    log_likelihood,
    log_ratio,
    textstat_keyness,
    textstat_tfidf,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tokens():
    df = pd.read_csv(FIXTURES / "freq_mini_tokens.csv", dtype={"doc_id": str, "section": str, "token": str})
    for c in ("debate", "para_no"):
        df[c] = df[c].astype("Int64")
    df["stop"] = df["stop"].astype(bool)
    return df.assign(**{c: "" for c in TOKEN_COLUMNS if c not in df.columns})[TOKEN_COLUMNS]  # no unit columns: ""


def row(k: pd.DataFrame, group, term) -> pd.Series:
    hit = k[(k["debate"] == group) & (k["term"] == term)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_columns_and_order(tokens):
    k = textstat_keyness(tokens, "debate")
    assert list(k.columns) == ["debate"] + KEYNESS_COLUMNS
    # every term of the two debates, for each debate (4 terms x 2), sorted by signed G2 within the debate
    assert k["debate"].tolist() == [1] * 4 + [2] * 4
    assert k[k["debate"] == 1]["term"].tolist() == ["移徙者", "人权", "汇款", "发展"]
    assert k[k["debate"] == 2]["term"].tolist() == ["发展", "汇款", "人权", "移徙者"]
    assert "合作" not in set(k["term"])  # only in the body paragraph, which belongs to no debate


def test_g2_p_and_log_ratio_by_hand(tokens):
    k = textstat_keyness(tokens, "debate")
    r = row(k, 1, "移徙者")
    # a = 3 (debate 1), b = 0 (debate 2), c = 5, d = 6, N = 11, a + b = 3
    assert (r["count"], r["count_rest"], r["n_tokens"], r["n_tokens_rest"]) == (3, 0, 5, 6)
    # observed O = (a, b, c-a, d-b) = (3, 0, 2, 6)
    # expected E = (5*3/11, 6*3/11, 5*8/11, 6*8/11) = (15/11, 18/11, 40/11, 48/11)
    # G2 = 2 * [3 ln(3/(15/11)) + 0 + 2 ln(2/(40/11)) + 6 ln(6/(48/11))]
    #    = 2 * [3 ln 2.2 + 2 ln 0.55 + 6 ln 1.375]
    #    = 2 * [2.365372 - 1.195674 + 1.910722] = 2 * 3.080420 = 6.160841
    assert r["g2"] == pytest.approx(6.160841, abs=1e-6)
    assert r["g2"] > G2_CRITICAL_05 == pytest.approx(3.841459, abs=1e-6)
    # p = P(chi2_1 >= 6.160841) = erfc(sqrt(6.160841 / 2)) = 0.0130609
    assert r["p_value"] == pytest.approx(0.0130609, abs=1e-7)
    assert r["p_value"] == pytest.approx(math.erfc(math.sqrt(r["g2"] / 2)))
    # log-ratio: b = 0, so k = 0.5 / min(5, 6) = 0.1 is added to both rates
    #   -> log2((3/5 + 0.1) / (0/6 + 0.1)) = log2(0.7 / 0.1) = log2(7) = 2.807355
    assert r["log_ratio"] == pytest.approx(2.807355, abs=1e-6)
    assert r["rate_per_1000"] == 600.0 and r["rate_rest_per_1000"] == 0.0
    # paragraphs: 3 and 4 of debate 1, none elsewhere
    assert (r["doc_freq"], r["doc_freq_rest"], r["n_paragraphs"], r["eligible"]) == (2, 0, 2, True)


def test_g2_second_term_and_sign(tokens):
    k = textstat_keyness(tokens, "debate")
    r = row(k, 2, "汇款")
    # a = 3, b = 1, c = 6, d = 5, a + b = 4;  O = (3, 1, 3, 4)
    # E = (6*4/11, 5*4/11, 6*7/11, 5*7/11) = (24/11, 20/11, 42/11, 35/11)
    # G2 = 2 * [3 ln(33/24) + 1 ln(11/20) + 3 ln(33/42) + 4 ln(44/35)]
    #    = 2 * [0.955361 - 0.597837 - 0.723486 + 0.915366] = 2 * 0.549404 = 1.098809
    assert r["g2"] == pytest.approx(1.098809, abs=1e-6)
    # log2((3/6) / (1/5)) = log2(2.5) = 1.321928 (no zero, no correction)
    assert r["log_ratio"] == pytest.approx(1.321928, abs=1e-6)
    # with two groups, debate 1 is the mirror image: same |G2|, negative sign, opposite log-ratio
    m = row(k, 1, "汇款")
    assert m["g2"] == pytest.approx(-1.098809, abs=1e-6)
    assert m["log_ratio"] == pytest.approx(-1.321928, abs=1e-6)
    assert m["p_value"] == pytest.approx(r["p_value"])


def test_zero_count_in_the_group(tokens):
    k = textstat_keyness(tokens, "debate")
    r = row(k, 1, "发展")
    # a = 0, b = 2, c = 5, d = 6: O = (0, 2, 5, 4), E = (10/11, 12/11, 45/11, 54/11)
    # G2 = -2 * [0 + 2 ln(22/12) + 5 ln(55/45) + 4 ln(44/54)] = -2 * [1.212272 + 1.003353 - 0.819178] = -2.792895
    assert r["g2"] == pytest.approx(-2.792895, abs=1e-6)
    # a = 0: k = 0.5 / min(5, 6) = 0.1 added to both rates: log2((0 + 0.1) / (2/6 + 0.1)) = log2(0.230769) = -2.115477
    assert r["log_ratio"] == pytest.approx(-2.115477, abs=1e-6)
    # under-use is guarded on the other side: 发展 is in 2 paragraphs of debate 2
    assert (r["doc_freq"], r["doc_freq_rest"], r["eligible"]) == (0, 2, True)


def test_g2_equals_scipy_log_likelihood_on_the_2x2_table():
    for a, b, c, d in [(3, 0, 5, 6), (3, 1, 6, 5), (6, 0, 288, 697), (18, 18, 288, 697), (1, 17, 288, 697)]:
        table = np.array([[a, b], [c - a, d - b]])
        g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert abs(log_likelihood(a, b, c, d)) == pytest.approx(g2, rel=1e-12)


def test_p_values_and_critical_value_are_scipy_stats_chi2_to_the_bit(tokens):
    # keyness takes them from scipy.special (chi2.sf / chi2.isf call the same functions)
    tab = textstat_keyness(tokens, "debate")
    g2 = tab["g2"].to_numpy(dtype=float)
    assert len(g2) == 8 and (g2 != 0).any()
    assert np.array_equal(tab["p_value"].to_numpy(dtype=float), chi2.sf(np.abs(g2), 1))
    assert G2_CRITICAL_05 == float(chi2.isf(0.05, 1))


def test_log_likelihood_and_log_ratio_are_vectorised():
    g = log_likelihood([3, 0, 2], [0, 2, 2], [5, 5, 10], [6, 6, 10])
    assert g[0] == pytest.approx(6.160841, abs=1e-6)
    assert g[1] < 0
    assert g[2] == 0.0  # same relative frequency: no keyness, no sign
    lr = log_ratio([0, 1, 0], [1, 0, 0], [10, 10, 10], [10, 10, 10])
    # k = 0.5/10 = 0.05 on both rates: log2(0.05/0.15) = -1.584963, log2(0.15/0.05) = +1.584963, log2(0.05/0.05) = 0
    assert lr.tolist() == pytest.approx([-1.584963, 1.584963, 0.0], abs=1e-6)
    # k = 0.25/10 = 0.025: log2(0.025 / 0.125) = log2(0.2) = -2.321928
    assert log_ratio([0], [1], [10], [10], correction=0.25)[0] == pytest.approx(-2.321928, abs=1e-6)


def test_log_ratio_always_has_the_sign_of_g2():
    # a term absent from a small group (c = 2) and once in d = 100 tokens: under-used (G2 < 0);
    # replacing only a = 0 by 0.5 would give log2((0.5/2) / (1/100)) = log2(25) = +4.64, the wrong sign
    assert log_likelihood(0, 1, 2, 100) < 0
    # here k = 0.5/2 = 0.25: log2(0.25 / (0.01 + 0.25)) = log2(0.961538) = -0.056584
    assert log_ratio(0, 1, 2, 100) == pytest.approx(-0.056584, abs=1e-6)
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 4, 500), rng.integers(0, 4, 500)
    c, d = rng.integers(4, 30, 500), rng.integers(4, 300, 500)
    g2, lr = log_likelihood(a, b, c, d), log_ratio(a, b, c, d)
    assert (np.sign(g2) == np.sign(np.round(lr, 12))).all()


def test_benjamini_hochberg_by_hand():
    # sorted p .01 .03 .04 .2, times m/rank = .04 .06 .0533 .2; running minimum from the top: .04 .0533 .0533 .2
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.2])
    assert q.tolist() == pytest.approx([0.04, 0.053333, 0.053333, 0.2], abs=1e-6)
    assert benjamini_hochberg([0.9, 0.95]).tolist() == [0.95, 0.95]


def test_q_values_within_each_group_over_its_eligible_terms(tokens):
    k = textstat_keyness(tokens, "debate")
    # debate 1's eligible terms: 移徙者 (p 0.013061) and 发展 (p 0.094687), so m = 2:
    # q(移徙者) = 0.013061 * 2 / 1 = 0.026122; q(发展) = min(0.094687 * 2 / 2, 1) = 0.094687
    assert row(k, 1, "移徙者")["q_value"] == pytest.approx(2 * row(k, 1, "移徙者")["p_value"])
    assert row(k, 1, "发展")["q_value"] == pytest.approx(row(k, 1, "发展")["p_value"])
    assert math.isnan(row(k, 2, "汇款")["q_value"])  # held back by the guard: not tested


def test_min_paragraph_guard(tokens):
    # 汇款 is 3 times in debate 2 but all in one paragraph (6): not key with the default guard of 2 paragraphs
    k = textstat_keyness(tokens, "debate")
    assert (row(k, 2, "汇款")["doc_freq"], row(k, 2, "汇款")["eligible"]) == (1, False)
    # 人权: one paragraph on each side, so never eligible at 2
    assert not row(k, 1, "人权")["eligible"] and not row(k, 2, "人权")["eligible"]
    assert key_terms(k, "debate", top=5)["term"].tolist() == ["移徙者", "发展"]
    # with the guard at 1 paragraph it becomes eligible (G2 and p unchanged: the guard only filters)
    k1 = textstat_keyness(tokens, "debate", min_paragraphs=1)
    assert bool(row(k1, 2, "汇款")["eligible"])
    assert row(k1, 2, "汇款")["g2"] == row(k, 2, "汇款")["g2"]
    assert key_terms(k1, "debate", top=5)["term"].tolist() == ["移徙者", "人权", "发展", "汇款"]
    # at 3 paragraphs nothing in this fixture qualifies
    assert key_terms(textstat_keyness(tokens, "debate", min_paragraphs=3), "debate", top=5).empty
    with pytest.raises(InputError, match="at least 1"):
        textstat_keyness(tokens, "debate", min_paragraphs=0)


def test_key_terms_directions_and_p_filter(tokens):
    k = textstat_keyness(tokens, "debate")
    both = key_terms(k, "debate", top=3, direction="both")
    assert [(r.debate, r.term) for r in both.itertuples()] == [(1, "移徙者"), (1, "发展"), (2, "发展"), (2, "移徙者")]
    neg = key_terms(k, "debate", top=3, direction="negative")
    assert (neg["g2"] < 0).all() and neg["term"].tolist() == ["发展", "移徙者"]
    assert key_terms(k, "debate", top=3, p_max=0.05)["term"].tolist() == ["移徙者"]  # p(发展) = 0.0947
    with pytest.raises(ValueError):
        key_terms(k, "debate", direction="up")


def test_keyness_needs_two_groups(tokens):
    with pytest.raises(InputError, match="need at least 2"):
        textstat_keyness(tokens, "doc_id")
    with pytest.raises(InputError, match="unknown grouping column"):
        textstat_keyness(tokens, "para_no")


def test_keyness_by_section_includes_the_body_group(tokens):
    k = textstat_keyness(tokens, "section")
    assert list(dict.fromkeys(k["section"])) == ["body", "debate_1", "debate_2"]
    r = k[(k["section"] == "body") & (k["term"] == "合作")].iloc[0]
    # 合作: a = 1 of c = 2 body tokens, b = 0 of d = 11; k = 0.5/2 = 0.25: log2((1/2 + 0.25) / 0.25) = log2(3)
    assert (r["count"], r["count_rest"], r["n_tokens"], r["n_tokens_rest"]) == (1, 0, 2, 11)
    assert r["log_ratio"] == pytest.approx(math.log2(3))


def test_tfidf_by_hand(tokens):
    t = textstat_tfidf(tokens, "debate")
    assert list(t.columns) == ["debate"] + TFIDF_COLUMNS
    got = {(r.debate, r.term): r for r in t.itertuples()}
    # G = 2 debates.  移徙者 only in debate 1: idf = log10(2/1) = 0.30103; tf = 3/5*1000 = 600; tfidf = 180.618
    r = got[(1, "移徙者")]
    assert (r.tf, r.groups_with_term) == (600.0, 1)
    assert r.idf == pytest.approx(0.30103, abs=1e-5) and r.tfidf == pytest.approx(180.618, abs=1e-3)
    # 发展 only in debate 2: tf = 2/6*1000 = 333.33; tfidf = 333.33 * 0.30103 = 100.343
    assert got[(2, "发展")].tfidf == pytest.approx(100.343, abs=1e-3)
    # 汇款 and 人权 are in both debates: idf = log10(2/2) = 0, tfidf = 0
    assert got[(2, "汇款")].tfidf == 0.0 and got[(1, "人权")].tfidf == 0.0
    # ranking within a debate: tfidf, then count, then term
    assert t[t["debate"] == 2]["term"].tolist() == ["发展", "汇款", "人权"]
    assert t[t["debate"] == 2]["rank"].tolist() == [1, 2, 3]
    assert textstat_tfidf(tokens, "debate", top=1)["term"].tolist() == ["移徙者", "发展"]


def test_describe_keyness(tokens):
    k = textstat_keyness(tokens, "debate")
    lines = describe_keyness(k, "debate", n=2, glosses={"移徙者": "Migrants"})
    assert lines == [
        "Debate 1: strongest key terms 移徙者 (Migrants; G2 = 6.2, q = 0.03, log-ratio +2.8, in 2 of 2 paragraphs); "
        "1 key term significant after the Benjamini–Hochberg correction (q ≤ 0.05).",
        "Debate 2 has no term that is key at p ≤ 0.05 in at least 2 paragraphs.",
    ]


def test_seed_strongest_key_terms(seed_paragraphs):
    """On the seed: the strongest key term of each debate.  Each is absent from the other debates
    (b = 0) and the debate is the smaller side, so LR = log2((a/c + 0.5/c) / (0.5/c)) = log2(2a + 1):
    保护 and 与会者 (a = 6) log2(13) = 3.7; 会议 and 讨论 (a = 5) log2(11) = 3.46."""
    tokens = tokens_table(body(seed_paragraphs), Segmenter())
    k = textstat_keyness(tokens, "debate")
    top = key_terms(k, "debate", top=1)
    got = [(r.debate, r.term, round(r.g2, 1), round(r.log_ratio, 2), r.doc_freq) for r in top.itertuples()]
    # the same terms since issue 16; G2 moved by 0.1-0.2 as the counted tokens changed (the stopwords-iso
    # list and the postpositions, the general UN dictionary): 14.8 -> 14.6, 16.3 -> 16.4, 16.7 -> 16.8
    assert got == [(1, "保护", 14.6, 3.70, 6), (2, "与会者", 16.4, 3.70, 6), (3, "会议", 13.7, 3.46, 3),
                   (4, "讨论", 16.8, 3.46, 4)]
    # 汇款 (remittances) is not key in debate 2: 2 vs 2 occurrences
    r = k[(k["debate"] == 2) & (k["term"] == "汇款")].iloc[0]
    assert (r["count"], r["count_rest"]) == (2, 2) and r["g2"] < G2_CRITICAL_05


def test_keyness_same_for_categorical_columns_in_any_category_order(tokens):
    """Counting reads categorical codes directly: the table must not depend on the categories' order."""
    want = textstat_keyness(tokens, "debate")
    cat = tokens.astype({"doc_id": "category", "section": "category", "token": "category"})
    cat["token"] = cat["token"].cat.reorder_categories(sorted(cat["token"].cat.categories, reverse=True))
    got = textstat_keyness(cat, "debate")
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got.attrs == want.attrs == {"min_paragraphs": 2, "unit": "paragraph"}
    by_section = textstat_keyness(cat.astype({"section": "str"}), "section")
    pd.testing.assert_frame_equal(textstat_keyness(cat, "section").astype({"section": "str"}), by_section,
                                  check_exact=True)


def test_a_group_of_stopwords_only_is_left_out_and_said(tokens):
    import warnings

    from unzh.textstat.frequency import empty_groups
    from unzh.textstat.keyness import groups_without_key_terms
    # debate 3: one paragraph whose only token is the stopword 的
    extra = tokens.iloc[[6]].assign(para_id=9, section="debate_3", debate=pd.array([3], dtype="Int64"), para_no=1)
    three = pd.concat([tokens, extra], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no rate per 0 tokens, no numpy RuntimeWarning
        k = textstat_keyness(three, "debate")
    assert k["debate"].unique().tolist() == [1, 2] and k.attrs["empty_groups"] == [3]
    pd.testing.assert_frame_equal(k, textstat_keyness(tokens, "debate"), check_exact=True)
    why = "no counted token: its body paragraphs hold only stopwords, numbers or punctuation"
    # debate 4 is expected (the text has it) but has no token row at all
    assert empty_groups(three, "debate", expected=[1, 2, 3, 4]) == {3: why, 4: why}
    assert empty_groups(three, None) == {}
    # key in each debate with 2 paragraphs: 移徙者 (paragraphs 3, 4), 发展 (6, 7); a guard of 3 leaves none
    assert groups_without_key_terms(k, "debate") == {}
    strict = textstat_keyness(tokens, "debate", min_paragraphs=3)
    assert groups_without_key_terms(strict, "debate") == {
        1: "it has 2 paragraphs, fewer than --min-paragraphs 3: no term can be key in it",
        2: "it has 2 paragraphs, fewer than --min-paragraphs 3: no term can be key in it"}
    with pytest.raises(InputError, match=r"gives 1 group\(s\) with a counted token \(3: none\), need at least 2"):
        textstat_keyness(three[three["debate"] != 2], "debate")


@pytest.mark.parametrize("by", ["debate", "section"])
def test_the_top_rows_computed_group_by_group_are_key_terms_of_the_whole_table(seed_tokens_for_selection, by):
    """textstat_keyness(top=...) keeps exactly the rows key_terms keeps of the full table (same values,
    same order), without building the table; q-values stay over each group's eligible terms."""
    from unzh.textstat.keyness import key_terms
    full = textstat_keyness(seed_tokens_for_selection, by)
    for top in (1, 5, None):
        for direction in ("positive", "negative", "both"):
            for p_max in (None, 0.05):
                want = key_terms(full, by, top=top, direction=direction, p_max=p_max)
                got = textstat_keyness(seed_tokens_for_selection, by, top=top, direction=direction, p_max=p_max)
                pd.testing.assert_frame_equal(got.reset_index(drop=True), want)
    top3 = textstat_keyness(seed_tokens_for_selection, by, top=3)
    assert (top3.groupby(by, observed=True).size() <= 3).all() and top3["eligible"].all() and (top3["g2"] > 0).all()
    from unzh import config
    from unzh.lexicon.files import known_terms
    compounds = known_terms(config.USER_DICTS)  # hidden heads by occurrences: the same selection
    pd.testing.assert_frame_equal(
        textstat_keyness(seed_tokens_for_selection, by, compounds=compounds, top=5, direction="both").reset_index(drop=True),
        key_terms(textstat_keyness(seed_tokens_for_selection, by, compounds=compounds), by, top=5, direction="both"))


@pytest.fixture(scope="module")
def seed_tokens_for_selection():
    from helpers import SEED

    from unzh.segment.segmenter import Segmenter, tokens_table
    from unzh.text.document import read_document
    from unzh.text.structure import body
    return tokens_table(body(read_document(SEED).paragraphs), Segmenter())

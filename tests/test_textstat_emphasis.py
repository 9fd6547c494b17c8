"""Stakeholder measures, bootstrap intervals, ranks and rhetorical profile (unzh.textstat.emphasis) on the hand-counted fixture.

The sentence-by-sentence coding of tests/fixtures/stakeholders_mini.txt is in
tests/test_textstat_stakeholders.py.  Per paragraph (mentions, with their weights):

    debate 1 (3 paragraphs, 21 + 25 + 19 = 65 characters)
        ¶1  migrants 1 (x3), migrant_workers 1 (x3), workers 1 (x2)
        ¶2  migrants 1 (x3), governments 1 (x3), destination 1 (x3, inherited from s1's 强调)
        ¶3  migrants 2 (x1: s1 has no verb and none before it; x3), destination 1 (x1)
    debate 2 (2 paragraphs, 13 + 18 = 31 characters)
        ¶1  states 1, governments 1, workers 1 (all x2, 认为)
        ¶2  migrant_workers 1, destination 1, migrants 1 (no verb: x none_weight = 1)

so in debate 1: migrants 4 mentions, 3 of 3 paragraphs, emphasis 3+3+1+3 = 10;
destination 2 mentions, 2 of 3 paragraphs, emphasis 3+1 = 4; migrant_workers
1 / 3; workers 1 / 2; governments 1 / 3; states 0.  In debate 2 every actor
has 1 mention in 1 of 2 paragraphs; emphasis 2 for states, governments and
workers, 1 for the others.  Rates are per 1,000 characters (of 65 and 31).
"""
from __future__ import annotations

import math
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unzh.errors import InputError
from unzh.text.document import read_document
from unzh.textstat.emphasis import (
    STAT_COLUMNS,
    bootstrap_intervals,
    compare_stats,
    describe_profile,
    describe_top,
    group_totals,
    paragraph_matrices,
    rhetorical_profile,
    stakeholder_ranks,
    textstat_stakeholders,
)
from unzh.textstat.stakeholders import code_stakeholders

FIXTURES = Path(__file__).parent / "fixtures"
ACTORS = FIXTURES / "stakeholders_mini_actors.tsv"
VERBS = FIXTURES / "stakeholders_mini_verbs.tsv"
IDS = ["migrants", "migrant_workers", "workers", "states", "governments", "destination"]


@pytest.fixture(scope="module")
def coded():
    return code_stakeholders(read_document(FIXTURES / "stakeholders_mini.txt").paragraphs, ACTORS, VERBS)


@pytest.fixture(scope="module")
def stats(coded):
    return textstat_stakeholders(coded, "debate", n_boot=2000, seed=7, lang="en")


def col(stats, debate, column):
    d = stats[stats["debate"] == debate].set_index("actor_id").loc[IDS]
    return d[column].tolist()


def test_paragraph_matrices(coded):
    paragraphs, M, E = paragraph_matrices(coded)
    assert paragraphs["para_chars"].tolist() == [8, 21, 25, 19, 13, 18]
    assert M.tolist() == [[1, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0], [1, 0, 0, 0, 1, 1], [2, 0, 0, 0, 0, 1],
                          [0, 0, 1, 1, 1, 0], [1, 1, 0, 0, 0, 1]]
    assert E.tolist() == [[3, 0, 0, 0, 0, 0], [3, 3, 2, 0, 0, 0], [3, 0, 0, 0, 3, 3], [4, 0, 0, 0, 0, 1],
                          [0, 0, 2, 2, 2, 0], [1, 1, 0, 0, 0, 1]]


def test_columns_and_counts(stats):
    assert list(stats.columns) == ["debate"] + STAT_COLUMNS
    assert stats["debate"].tolist() == [1] * 6 + [2] * 6
    assert col(stats, 1, "mentions") == [4, 1, 1, 0, 1, 2]
    assert col(stats, 2, "mentions") == [1, 1, 1, 1, 1, 1]
    assert col(stats, 1, "paragraphs_naming") == [3, 1, 1, 0, 1, 2]
    assert set(col(stats, 1, "paragraphs")) == {3} and set(col(stats, 2, "paragraphs")) == {2}
    assert set(col(stats, 1, "chars")) == {65} and set(col(stats, 2, "chars")) == {31}
    assert col(stats, 1, "label")[0] == "Migrants"
    assert col(stats, 1, "actor_group") == ["people"] * 3 + ["states"] * 3


def test_rates_shares_emphasis(stats):
    assert col(stats, 1, "rate") == pytest.approx([4000 / 65, 1000 / 65, 1000 / 65, 0, 1000 / 65, 2000 / 65])
    assert col(stats, 2, "rate") == pytest.approx([1000 / 31] * 6)
    assert col(stats, 1, "share") == pytest.approx([1, 1 / 3, 1 / 3, 0, 1 / 3, 2 / 3])
    assert col(stats, 2, "share") == pytest.approx([0.5] * 6)
    assert col(stats, 1, "emphasis") == [10, 3, 2, 0, 3, 4]
    assert col(stats, 2, "emphasis") == [1, 1, 2, 2, 2, 1]
    assert col(stats, 1, "emphasis_rate") == pytest.approx([10000 / 65, 3000 / 65, 2000 / 65, 0, 3000 / 65, 4000 / 65])
    mean = col(stats, 1, "mean_weight")
    assert mean[:3] == [2.5, 3, 2] and math.isnan(mean[3]) and mean[4:] == [3, 2]


def test_whole_text_and_sections(coded):
    whole = textstat_stakeholders(coded, None, n_boot=0)
    assert "debate" not in whole.columns
    m = whole.set_index("actor_id")
    assert (m.loc["migrants", "mentions"], m.loc["migrants", "emphasis"], m.loc["migrants", "chars"]) == (6, 14, 104)
    assert math.isnan(m.loc["migrants", "emphasis_low"])                  # n_boot=0: no intervals
    sections = textstat_stakeholders(coded, "section", n_boot=10)
    assert list(dict.fromkeys(sections["section"])) == ["body", "debate_1", "debate_2"]


def test_bootstrap_is_seeded_and_contains_the_estimate(coded, stats):
    again = textstat_stakeholders(coded, "debate", n_boot=2000, seed=7, lang="en")
    pd.testing.assert_frame_equal(stats, again)
    # with 2-3 paragraphs per group the 2,000-resample percentiles sit on the few possible values, so
    # compare another seed on few resamples, where the interpolated percentiles depend on the draws
    a, b = (textstat_stakeholders(coded, "debate", n_boot=25, seed=s) for s in (7, 8))
    assert not a[["emphasis_low", "emphasis_high", "rate_low", "rate_high"]].equals(
        b[["emphasis_low", "emphasis_high", "rate_low", "rate_high"]])
    for measure in ("rate", "share", "emphasis", "emphasis_rate"):
        assert (stats[f"{measure}_low"] <= stats[measure] + 1e-9).all(), measure
        assert (stats[measure] <= stats[f"{measure}_high"] + 1e-9).all(), measure
    # debate 1: every paragraph names migrants, so every resample does: share interval [1, 1];
    # emphasis per paragraph 3, 3, 4: a resample sums three of them, 9 … 12
    d1 = stats[(stats["debate"] == 1) & (stats["actor_id"] == "migrants")].iloc[0]
    assert (d1["share_low"], d1["share_high"]) == (1, 1)
    assert 9 <= d1["emphasis_low"] < 10 < d1["emphasis_high"] <= 12
    # debate 2, migrants: emphasis 0 or 1 per paragraph; a resample has 0 (p 1/4), 1 (1/2) or 2 (1/4)
    d2 = stats[(stats["debate"] == 2) & (stats["actor_id"] == "migrants")].iloc[0]
    assert (d2["emphasis_low"], d2["emphasis_high"]) == (0, 2)
    assert (d2["share_low"], d2["share_high"]) == (0, 1)
    assert stats.attrs["n_boot"] == 2000 and stats.attrs["seed"] == 7


def test_bootstrap_shared_among_processes_gives_the_same_numbers(coded):
    one = textstat_stakeholders(coded, "debate", n_boot=700, seed=7, workers=1)
    pd.testing.assert_frame_equal(one, textstat_stakeholders(coded, "debate", n_boot=700, seed=7, workers=2))
    pd.testing.assert_frame_equal(one, textstat_stakeholders(coded, "debate", n_boot=700, seed=7))  # default


def test_resamples_drawn_in_chunks_are_those_of_one_draw(monkeypatch):
    # 700 resamples of 40 paragraphs = 256 + 256 + 188: the intervals of one (700 x 40) draw
    from unzh.textstat import emphasis
    rng = np.random.default_rng(5)
    M = (rng.integers(0, 4, size=(40, 6)) * (rng.random((40, 6)) < 0.4)).astype(float)
    E, chars = M * rng.integers(1, 4, size=(40, 1)), rng.integers(20, 400, 40).astype(float)

    def intervals():
        return bootstrap_intervals(M, E, chars, n_boot=700, rng=np.random.default_rng([7, 1]))

    chunked = intervals()
    assert emphasis.RESAMPLE_CHUNK == 256
    assert len({float(x) for x in chunked["rate"][0]}) > 1  # interpolated percentiles: they depend on the draws
    for chunk in (700, 1, 97):
        monkeypatch.setattr(emphasis, "RESAMPLE_CHUNK", chunk)
        other = intervals()
        for m in chunked:
            assert np.array_equal(chunked[m][0], other[m][0]) and np.array_equal(chunked[m][1], other[m][1]), (chunk, m)
    monkeypatch.setattr(emphasis, "RESAMPLE_CHUNK", 700)
    other = bootstrap_intervals(M, E, chars, n_boot=700, rng=np.random.default_rng([7, 2]))  # other draws
    assert not np.array_equal(chunked["rate"][0], other["rate"][0])


def test_vectorised_bootstrap_equals_a_plain_loop(coded):
    paragraphs, M, E = paragraph_matrices(coded)
    chars = paragraphs["para_chars"].to_numpy(float)
    mask = (paragraphs["debate"] == 1).fillna(False).to_numpy(bool)
    m, e, ch = M[mask], E[mask], chars[mask]
    ci = bootstrap_intervals(m, e, ch, n_boot=300, rng=np.random.default_rng([7, zlib.crc32(b"1")]))
    draws = np.random.default_rng([7, zlib.crc32(b"1")]).integers(0, 3, size=(300, 3))
    loop = {"rate": [], "share": [], "emphasis": [], "emphasis_rate": []}
    for d in draws:
        mm, ee, cc = m[d].sum(0), e[d].sum(0), ch[d].sum()
        loop["rate"].append(1000 * mm / cc)
        loop["share"].append((m[d] > 0).sum(0) / 3)
        loop["emphasis"].append(ee)
        loop["emphasis_rate"].append(1000 * ee / cc)
    for measure, values in loop.items():
        low, high = np.quantile(np.array(values), [0.025, 0.975], axis=0)
        assert ci[measure][0] == pytest.approx(low) and ci[measure][1] == pytest.approx(high), measure
    # the group's own draws: the same intervals as textstat_stakeholders gives for debate 1
    s = textstat_stakeholders(coded, "debate", n_boot=300, seed=7)
    assert s[s["debate"] == 1]["emphasis_high"].tolist() == pytest.approx(list(ci["emphasis"][1]))


def test_bad_input(coded):
    with pytest.raises(InputError, match="unknown grouping column 'chapter'"):
        textstat_stakeholders(coded, "chapter")
    with pytest.raises(InputError, match="--n-boot"):
        textstat_stakeholders(coded, "debate", n_boot=-1)
    with pytest.raises(InputError, match="unknown grouping column"):
        rhetorical_profile(coded, "chapter")


def test_ranks(stats):
    r = stakeholder_ranks(stats, "debate", top=3)
    assert r[r["debate"] == 1][["actor_id", "rank"]].values.tolist() == [
        ["migrants", 1], ["governments", 3], ["destination", 2]]
    assert r[r["debate"] == 2][["actor_id", "rank"]].values.tolist() == [
        ["migrants", 4], ["governments", 1], ["destination", 4]]
    every = stakeholder_ranks(stats, "debate", top=None)
    d1 = every[every["debate"] == 1].set_index("actor_id")["rank"]
    # emphasis 12, 4, 3, 3, 2, 0: ties share the better rank; not named = no rank
    assert d1.drop("states").to_dict() == {"migrants": 1, "governments": 3, "destination": 2,
                                           "migrant_workers": 3, "workers": 5}
    assert pd.isna(d1["states"])
    # overall order: emphasis summed over debates (13, 5, 5, 4, 4, 2), ties in lexicon order
    assert every.drop_duplicates("actor_id")["actor_id"].tolist() == [
        "migrants", "governments", "destination", "migrant_workers", "workers", "states"]
    assert every["overall"].max() == 6


def test_rhetorical_profile(coded):
    p = rhetorical_profile(coded, "debate")
    assert p[["debate", "strength", "sentences", "own_verb", "total"]].values.tolist() == [
        [1, "strong", 4, 3, 6], [1, "medium", 1, 1, 6], [1, "weak", 0, 0, 6], [1, "none", 1, 0, 6],
        [2, "strong", 0, 0, 3], [2, "medium", 1, 1, 3], [2, "weak", 0, 0, 3], [2, "none", 2, 0, 3]]
    assert p.groupby("debate")["share"].sum().tolist() == pytest.approx([1, 1])
    assert describe_profile(p, "debate") == ["Debate 1: 6 sentences: 4 strong (67%), 1 medium (17%), 1 none (17%)",
                                             "Debate 2: 3 sentences: 1 medium (33%), 2 none (67%)"]


def test_compare_rules_and_describe(coded, stats):
    first = code_stakeholders(read_document(FIXTURES / "stakeholders_mini.txt").paragraphs, ACTORS, VERBS,
                              rule="first")
    diff = compare_stats(stats, textstat_stakeholders(first, "debate", n_boot=0, lang="en"), "debate")
    # debate 1 ¶2 s1 is weighted by 提到 (1) instead of 强调 (3): migrants and governments lose 2, and so does
    # destination in s2, which inherits s1's verb
    assert diff[["debate", "actor_id", "emphasis_a", "emphasis_b"]].values.tolist() == [
        [1, "migrants", 10, 8], [1, "governments", 3, 1], [1, "destination", 4, 2]]
    lines = describe_top(stats, "debate", n=1)
    assert lines[0].startswith("Debate 1, emphasis (per 1,000 characters): Migrants 153.8 [")
    assert lines[0].endswith("(4 mentions, 3/3 paragraphs)")
    # the same actors by mention rate: the line names its measure, so the two lists cannot be confused
    assert describe_top(stats, "debate", n=1, measure="rate")[0].startswith(
        "Debate 1, mention rate (mentions per 1,000 characters): Migrants ")
    assert describe_top(stats, "debate", n=1, names={1: "Chapter 1"})[0].startswith("Chapter 1, emphasis")


def test_group_totals(stats):
    t = group_totals(stats, "debate")
    # debate 1: people = migrants 4 + migrant_workers 1 + workers 1 mentions (emphasis 10 + 3 + 2),
    # states = governments 1 + destination 2 (3 + 4); debate 2: people 3 (1 + 1 + 2), states 3 (2 + 2 + 1)
    assert t[["debate", "actor_group", "mentions", "emphasis"]].values.tolist() == [
        [1, "people", 6, 15], [1, "states", 3, 7], [2, "people", 3, 4], [2, "states", 3, 5]]
    assert t["mention_share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0.5, 0.5])
    assert t["mean_weight"].tolist() == pytest.approx([15 / 6, 7 / 3, 4 / 3, 5 / 3])


# ---------------------------------------------------------------- the fast paths are bit for bit the plain ones
@pytest.mark.parametrize("n", [1, 2, 3, 10, 2000])
@pytest.mark.parametrize("level", [0.95, 0.5, 0.99])
def test_row_quantiles_equal_numpy_quantile_bit_for_bit(n, level):
    from unzh.textstat.emphasis import _row_quantiles
    rng = np.random.default_rng(n)
    q = [(1 - level) / 2, 1 - (1 - level) / 2]
    for values in (rng.random((7, n)) * 100, rng.integers(0, 4, size=(7, n)) / 3.0, np.zeros((2, n)),
                   rng.integers(-3, 4, size=(5, n)) * 1.0):  # negatives (and -0.0) take numpy's own path
        got, want = _row_quantiles(values, q), np.quantile(values, q, axis=1)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got.view(np.int64), want.view(np.int64))
    with_nan = rng.random((3, n))
    with_nan[1, 0] = np.nan
    assert np.array_equal(_row_quantiles(with_nan, q), np.quantile(with_nan, q, axis=1), equal_nan=True)


def test_resampled_sums_equal_four_double_products():
    from unzh.textstat.emphasis import _sums_of
    rng = np.random.default_rng(3)
    draws = rng.integers(0, 40, size=(500, 40))
    counts = np.stack([np.bincount(d, minlength=40) for d in draws])
    M = rng.integers(0, 3, size=(40, 5)) * (rng.random((40, 5)) < 0.3)
    for chars, E in [(rng.integers(10, 300, 40), M * 3.0),          # single precision is exact
                     (rng.integers(10, 300, 40) * 10_000, M * 3.0),  # double precision, one product
                     (rng.integers(10, 300, 40), M * 2.5)]:          # not whole numbers: four products
        chars = chars.astype(float)
        want = np.column_stack([counts.astype(float) @ x for x in (chars, M, M > 0, E)])
        for row_total in (float(counts.sum(axis=1).max()), 40.0):
            got = _sums_of(chars, M.astype(float), E, row_total)(counts)
            assert got.dtype == np.float64 and np.array_equal(got, want)


def test_describe_top_actor_heads_each_groups_evidence(coded):
    from unzh.textstat.emphasis import describe_top_actor
    s0 = textstat_stakeholders(coded, "debate", n_boot=0, lang="en")
    # debate 1: migrants, 4 mentions weighing 10 (the test above), the most emphasised; no resamples: no interval
    assert describe_top_actor(s0, "debate", 1) == "Debate 1: Migrants: 4 mentions, emphasis 10"
    assert describe_top_actor(s0, "debate", 1, names={1: "Chapter 1"}).startswith("Chapter 1: Migrants")
    # a group that names no actor has no "most emphasised" one (not the first actor of the lexicon, 0 mentions)
    silent = s0.assign(mentions=0, emphasis=0.0)
    assert describe_top_actor(silent, "debate", 2) == "Debate 2: no actor of the lexicon is named."
    # a tie on emphasis is said: the others with the top emphasis, named with their mentions
    d1 = s0[s0["debate"] == 1]
    top, other = d1.index[d1["label"] == "Migrants"][0], d1.index[d1["label"] != "Migrants"][0]
    tied = s0.copy()
    tied.loc[other, ["mentions", "emphasis"]] = [2, 10.0]
    label = tied.loc[other, "label"]
    assert describe_top_actor(tied, "debate", 1) == (
        f"Debate 1: Migrants: 4 mentions, emphasis 10; the same emphasis: {label} (2 mentions)")
    assert top != other


def test_an_actor_the_group_never_mentions_has_bounds_0_and_leaves_the_others_unchanged():
    """Actors absent from a group are not resampled (their sums are 0 in every resample): the bounds
    of the others are those of resampling them alone with the same stream, bit for bit, and the absent
    actors' bounds are exactly 0; a group naming no actor takes its draws all the same."""
    rng = np.random.default_rng(3)
    M = rng.integers(0, 3, size=(9, 2)).astype(float)
    E = M * 0.5
    chars = rng.integers(20, 90, size=9).astype(float)
    zero = np.zeros((9, 1))
    wide = bootstrap_intervals(np.hstack([zero, M, zero]), np.hstack([zero, E, zero]), chars, n_boot=500,
                               rng=np.random.default_rng([7, 3]))
    alone = bootstrap_intervals(M, E, chars, n_boot=500, rng=np.random.default_rng([7, 3]))
    for measure, (low, high) in wide.items():
        assert low.tolist()[0] == high.tolist()[0] == low.tolist()[3] == high.tolist()[3] == 0.0
        np.testing.assert_array_equal(low[1:3], alone[measure][0])
        np.testing.assert_array_equal(high[1:3], alone[measure][1])
    stream = np.random.default_rng([7, 4])
    none = bootstrap_intervals(np.zeros((9, 2)), np.zeros((9, 2)), chars, n_boot=500, rng=stream)
    assert all(v.tolist() == [0.0, 0.0] for pair in none.values() for v in pair)
    taken = np.random.default_rng([7, 4])
    taken.integers(0, 9, size=(256, 9)), taken.integers(0, 9, size=(244, 9))
    assert stream.integers(0, 10**9) == taken.integers(0, 10**9)

"""Theme measures (unzh.textstat.cooccurrence) with hand-counted values on the fixture described in tests/test_textstat_themes.py.

Paragraph units.  Debate 1 = P1 P2 P3 (N = 3), debate 2 = P4 P5 (N = 2); P0
belongs to no debate, so it only counts when there is no grouping.

    units coded      rights  labour  traffic  dev
    debate 1 (3)        3       1       2      1
    debate 2 (2)        1       2       0      1
    debates (5)         4       3       2      2
    whole text (6)      5       3       2      3      (+ P0: rights, dev)

Pairs over the 5 debate paragraphs (count = paragraphs with both;
J = count / (n_a + n_b - count); expected = n_a n_b / N; lift = count / expected):

    rights-labour   P2 P5  2   J 2/5 = 0.4     exp 4*3/5 = 2.4   lift 2/2.4 = 0.8333
    rights-traffic  P1 P3  2   J 2/4 = 0.5     exp 4*2/5 = 1.6   lift 1.25
    rights-dev      P2     1   J 1/5 = 0.2     exp 1.6           lift 0.625
    labour-traffic  -      0   J 0/5 = 0       exp 3*2/5 = 1.2   lift 0
    labour-dev      P2 P4  2   J 2/3           exp 1.2           lift 1.6667
    traffic-dev     -      0   J 0/4 = 0       exp 0.8           lift 0

Debate 1: rights-traffic 2 (J 2/3, exp 3*2/3 = 2, lift 1), labour-dev 1 (J 1/1 = 1, exp 1/3, lift 3).
Debate 2: rights-labour 1 (J 1/2, exp 1*2/2 = 1, lift 1), labour-dev 1 (J 1/2); traffic absent,
so rights-traffic has J 0/1 = 0 and lift undefined (expected 0).

Sentence units (8 sentences in the debates): rights 4, labour 3, traffic 2, dev 2;
rights-labour 2 (劳工权利； and 人权与劳动。), rights-traffic 1 (only 贩卖人口侵犯人权。),
labour-dev 0 (P2 and P4 put them in different sentences).
"""
from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from unzh.errors import InputError, UnknownTermError
from unzh.text.document import read_document
from unzh.textstat.cooccurrence import (
    EDGE_COLUMNS,
    cooccurrence_matrices,
    cooccurrence_matrix,
    describe_support,
    differing_pairs,
    graphml_bytes,
    save_graphml,
    strongest_pairs,
    textstat_cooccurrence,
    textstat_themes,
    theme_graph,
)
from unzh.textstat.themes import code_themes

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "themes_mini.txt"
LEXICON = FIXTURES / "themes_mini_lexicon.tsv"


@pytest.fixture(scope="module")
def coded():
    return code_themes(read_document(MINI).paragraphs, LEXICON)


@pytest.fixture(scope="module")
def in_debates(coded):
    return coded[coded["debate"].notna()]


def pair(edges, a, b, group="all"):
    row = edges[(edges["theme_a"] == a) & (edges["theme_b"] == b) & (edges["group"] == group)]
    assert len(row) == 1, (a, b, group)
    return row.iloc[0]


# ---------------------------------------------------------------- coverage
def test_theme_table_by_debate(coded):
    t = textstat_themes(coded, "debate", lang="en")
    assert list(t.columns) == ["debate", "theme_id", "label", "units_coded", "units", "share"]
    assert [tuple(r) for r in t[["debate", "theme_id", "units_coded", "units"]].itertuples(index=False)] == [
        (1, "rights", 3, 3), (1, "labour", 1, 3), (1, "traffic", 2, 3), (1, "dev", 1, 3),
        (2, "rights", 1, 2), (2, "labour", 2, 2), (2, "traffic", 0, 2), (2, "dev", 1, 2)]
    assert list(t["share"]) == pytest.approx([1, 1 / 3, 2 / 3, 1 / 3, 0.5, 1, 0, 0.5])
    assert t["label"].iloc[0] == "Human rights"


def test_theme_table_whole_text(coded):
    t = textstat_themes(coded)
    assert list(t.columns) == ["theme_id", "label", "units_coded", "units", "share"]
    assert list(t["units_coded"]) == [5, 3, 2, 3] and set(t["units"]) == {6}


# ---------------------------------------------------------------- edge list
def test_edge_list_pooled_over_the_debates(coded):
    e = textstat_cooccurrence(coded, "debate", include_all=True)
    assert list(e.columns) == EDGE_COLUMNS
    assert list(e["group"].drop_duplicates()) == ["all", 1, 2]
    assert len(e) == 3 * 6                                   # every pair in every block
    expected = {  # count, jaccard, expected, lift
        ("rights", "labour"): (2, 0.4, 2.4, 2 / 2.4),
        ("rights", "traffic"): (2, 0.5, 1.6, 1.25),
        ("rights", "dev"): (1, 0.2, 1.6, 0.625),
        ("labour", "traffic"): (0, 0.0, 1.2, 0.0),
        ("labour", "dev"): (2, 2 / 3, 1.2, 2 / 1.2),
        ("traffic", "dev"): (0, 0.0, 0.8, 0.0),
    }
    for (a, b), (count, jac, exp, lift) in expected.items():
        r = pair(e, a, b)
        assert (r["count"], r["n_units"], r["unit"]) == (count, 5, "paragraph")
        assert r["jaccard"] == pytest.approx(jac) and r["expected"] == pytest.approx(exp)
        assert r["lift"] == pytest.approx(lift)


def test_edge_list_per_debate(coded):
    e = textstat_cooccurrence(coded, "debate")
    assert "all" not in set(e["group"])
    r = pair(e, "rights", "traffic", 1)
    assert (r["count"], r["n_a"], r["n_b"], r["n_units"]) == (2, 3, 2, 3)
    assert r["jaccard"] == pytest.approx(2 / 3) and r["expected"] == pytest.approx(2) and r["lift"] == pytest.approx(1)
    r = pair(e, "labour", "dev", 1)
    assert r["jaccard"] == pytest.approx(1) and r["lift"] == pytest.approx(3)
    r = pair(e, "rights", "traffic", 2)                      # traffic absent from debate 2
    assert r["count"] == 0 and r["jaccard"] == 0 and r["expected"] == 0 and math.isnan(r["lift"])
    r = pair(e, "labour", "traffic", 2)
    assert r["jaccard"] == 0 and math.isnan(r["lift"])


def test_whole_text_includes_paragraphs_outside_groups(coded):
    e = textstat_cooccurrence(coded)                         # no grouping: all 6 body paragraphs
    r = pair(e, "rights", "dev")
    assert (r["count"], r["n_a"], r["n_b"], r["n_units"]) == (2, 5, 3, 6)   # P0 and P2
    assert r["jaccard"] == pytest.approx(2 / 6) and r["lift"] == pytest.approx(2 / 2.5)


def test_sentence_unit_differs_from_paragraph_unit():
    coded_s = code_themes(read_document(MINI).paragraphs, LEXICON, unit="sentence")
    e = textstat_cooccurrence(coded_s, "debate", include_all=True)
    r = pair(e, "rights", "labour")
    assert (r["count"], r["n_a"], r["n_b"], r["n_units"], r["unit"]) == (2, 4, 3, 8, "sentence")
    assert r["jaccard"] == pytest.approx(0.4) and r["expected"] == pytest.approx(1.5)
    assert r["lift"] == pytest.approx(2 / 1.5)
    assert pair(e, "rights", "traffic")["count"] == 1          # 2 at paragraph level
    assert pair(e, "labour", "dev")["count"] == 0              # 2 at paragraph level


def test_min_count_and_theme_filter(coded):
    e = textstat_cooccurrence(coded, "debate", include_all=True, min_count=2)
    assert [(r.theme_a, r.theme_b, r.group) for r in e.itertuples()] == [
        ("rights", "labour", "all"), ("rights", "traffic", "all"), ("labour", "dev", "all"),
        ("rights", "traffic", 1)]
    e = textstat_cooccurrence(coded, min_count=1, themes=["traffic"])
    assert [(r.theme_a, r.theme_b) for r in e.itertuples()] == [("rights", "traffic")]
    with pytest.raises(UnknownTermError):
        textstat_cooccurrence(coded, themes=["gender"])
    with pytest.raises(InputError, match="0 or more"):
        textstat_cooccurrence(coded, min_count=-1)
    with pytest.raises(InputError, match="unknown grouping column"):
        textstat_cooccurrence(coded, "speaker")


def test_strongest_pairs(in_debates):
    e = textstat_cooccurrence(in_debates)
    top = strongest_pairs(e, 3)
    # count 2 for three pairs; ties broken by Jaccard: labour-dev (2/3), rights-traffic (1/2), rights-labour (2/5)
    assert [(r.theme_a, r.theme_b) for r in top.itertuples()] == [
        ("labour", "dev"), ("rights", "traffic"), ("rights", "labour")]
    top = strongest_pairs(e, 1, "lift")
    assert (top["theme_a"].iloc[0], top["theme_b"].iloc[0]) == ("labour", "dev")


# ---------------------------------------------------------------- matrices
def test_count_matrices_per_debate_are_symmetric_with_coverage_on_the_diagonal(coded):
    mats = cooccurrence_matrices(coded, "debate")
    assert list(mats) == [1, 2]
    assert mats[1].to_numpy().tolist() == [[3, 1, 2, 1], [1, 1, 0, 1], [2, 0, 2, 0], [1, 1, 0, 1]]
    assert mats[2].to_numpy().tolist() == [[1, 1, 0, 0], [1, 2, 0, 1], [0, 0, 0, 0], [0, 1, 0, 1]]
    for m in mats.values():
        assert list(m.index) == list(m.columns) == ["rights", "labour", "traffic", "dev"]
        assert (m.to_numpy() == m.to_numpy().T).all()
    # the per-debate matrices add up to the matrix of the pooled debate paragraphs
    pooled = cooccurrence_matrix(coded[coded["debate"].notna()])
    assert (mats[1].to_numpy() + mats[2].to_numpy() == pooled.to_numpy()).all()


def test_jaccard_and_lift_matrices(in_debates):
    j = cooccurrence_matrix(in_debates, "jaccard").to_numpy()
    lift = cooccurrence_matrix(in_debates, "lift").to_numpy()
    assert np.allclose(j, j.T) and np.allclose(lift, lift.T)
    assert np.allclose(np.diag(j), 1)
    assert np.allclose(np.diag(lift), [5 / 4, 5 / 3, 5 / 2, 5 / 2])      # N / n_a
    assert j[0, 1] == pytest.approx(0.4) and lift[1, 3] == pytest.approx(2 / 1.2)
    with pytest.raises(InputError, match="unknown measure"):
        cooccurrence_matrix(in_debates, "pmi")


# ---------------------------------------------------------------- differing pairs
def test_differing_pairs(coded):
    d = differing_pairs(coded, "debate", min_count=2)
    # eligible: pooled count >= 2 -> rights-labour, rights-traffic, labour-dev
    assert [(r.theme_a, r.theme_b) for r in d.itertuples()] == [
        ("rights", "traffic"), ("labour", "dev"), ("rights", "labour")]
    assert list(d["range"]) == pytest.approx([2 / 3, 0.5, 1 / 6])
    first = d.iloc[0]
    assert (first["group_max"], first["group_min"], first["count_1"], first["count_2"]) == (1, 2, 2, 0)
    assert first["jaccard_1"] == pytest.approx(2 / 3) and first["jaccard_2"] == 0
    assert differing_pairs(coded, "debate", min_count=3).empty


# ---------------------------------------------------------------- graph
def test_theme_graph_and_graphml(in_debates, tmp_path):
    e = textstat_cooccurrence(in_debates)
    g = theme_graph(e, textstat_themes(in_debates, lang="en"), min_count=2,
                    labels_zh=in_debates.attrs["labels_zh"], labels_en=in_debates.attrs["labels_en"])
    assert list(g.nodes) == ["rights", "labour", "traffic", "dev"]
    assert sorted(g.edges) == [("labour", "dev"), ("rights", "labour"), ("rights", "traffic")]
    assert g.edges["labour", "dev"]["weight"] == pytest.approx(2 / 3)
    assert g.nodes["rights"]["units_coded"] == 4 and g.nodes["rights"]["label_zh"] == "人权"
    assert g.graph == {"unit": "paragraph", "weight": "jaccard", "min_count": 2, "n_units": 5}
    a = save_graphml(g, "net", tmp_path / "a")
    b = save_graphml(g, "net", tmp_path / "b")
    assert a.read_bytes() == b.read_bytes() == graphml_bytes(g)
    assert "人权".encode() in a.read_bytes()                     # Chinese as text, not &#…; references
    back = nx.read_graphml(a)
    assert sorted(back.edges) == sorted(g.edges) and back.edges["rights", "traffic"]["count"] == 2
    with pytest.raises(ValueError, match="one group"):
        theme_graph(textstat_cooccurrence(in_debates, "debate"), textstat_themes(in_debates))


def test_describe_support_says_what_the_links_rest_on_and_what_reaches_the_threshold():
    import pandas as pd
    def pooled(counts):
        return pd.DataFrame({"count": counts, "unit": ["paragraph"] * len(counts)})
    assert describe_support(pooled([0, 0, 0]), 3) == \
        "No two themes are found in the same paragraph: there is no link, and no evidence to print."
    assert describe_support(pooled([0, 1, 2, 0]), 3) == (
        "2 pairs of themes are found together, on 1 to 2 paragraphs each: none reaches min_pair_count = 3, "
        "so no pair is ranked and no evidence is printed (a lower min_pair_count shows the weaker links).")
    assert describe_support(pooled([1, 0]), 1) == (
        "1 pair of themes is found together, on 1 paragraph; 1 reaches min_pair_count = 1, and section 7 "
        "prints the paragraphs behind the strongest.")
    assert describe_support(pooled([5, 3, 2, 0]), 3) == (
        "3 pairs of themes are found together, on 2 to 5 paragraphs each; 2 reach min_pair_count = 3, and "
        "section 7 prints the paragraphs behind the strongest.")


def test_describe_support_agrees_with_the_pairs_ranked(coded):
    edges = textstat_cooccurrence(coded, "debate", include_all=True)
    pooled = edges[edges["group"] == "all"]
    for m in (1, 2, 3, 99):
        n = len(strongest_pairs(pooled, 1000, measure="jaccard", min_count=m))
        text = describe_support(pooled, m)
        assert (f"; {n} reach" in text) if n else ("none reaches" in text or "No two themes" in text), (m, text)


def test_describe_differences_states_the_rule_when_no_pair_is_ranked(coded):
    from unzh.textstat.cooccurrence import describe_differences
    diff = differing_pairs(coded, "debate", min_count=99)
    assert diff.empty
    assert describe_differences(diff) == ("No pair is found together in at least 99 paragraphs in all and in two "
                                          "groups or more: no pair to rank.")

"""The document-feature matrix (unzh.textstat.features.dfm) on a token table written out by hand.

One document ``d``, five paragraphs (``的`` is a stopword), in this order:

    para 0  intro     no debate  乙
    para 1  debate_2  debate 2   甲 乙 甲 的
    para 2  debate_2  debate 2   乙 丙
    para 3  debate_1  debate 1   甲 的 甲 甲
    para 4  debate_1  debate 1   的

Terms sort by code point: 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532 (not their order of appearance).
By debate (numeric order: 1, 2; the intro has no debate and is not counted):
    debate 1: 甲 3 (para 3)                              -> 3 tokens, 2 paragraphs (para 4: stopwords only)
    debate 2: 丙 1 (para 2), 乙 2 (paras 1, 2), 甲 2 (para 1) -> 5 tokens, 2 paragraphs
Whole text: 丙 1 (1 paragraph), 乙 3 (paras 0, 1, 2), 甲 5 (paras 1, 3) -> 9 tokens, 5 paragraphs.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from unzh.errors import InputError
from unzh.segment.tokens import TOKEN_COLUMNS
from unzh.textstat.features import ALL, Dfm, _codes, _distinct_rows, dfm
from unzh.textstat.frequency import group_sizes, term_frequency

PARAGRAPHS = [  # para_id, section, debate, tokens
    (0, "intro", None, "乙"),
    (1, "debate_2", 2, "甲乙甲的"),
    (2, "debate_2", 2, "乙丙"),
    (3, "debate_1", 1, "甲的甲甲"),
    (4, "debate_1", 1, "的"),
]


def hand_tokens() -> pd.DataFrame:
    rows = [("d", pid, section, debate, None, 1, i, i, t, t == "的")
            for pid, section, debate, text in PARAGRAPHS for i, t in enumerate(text)]
    df = pd.DataFrame(rows, columns=TOKEN_COLUMNS[:10]).assign(unit_kind="", unit="", path="")
    df = df.astype({"doc_id": "str", "section": "str", "token": "str", "debate": "Int64", "para_no": "Int64",
                    "sentence": "int32", "position": "int32", "start": "int32"})
    return df


def categorical(df: pd.DataFrame, **categories) -> pd.DataFrame:
    out = df.copy()
    for c in ("doc_id", "section", "token"):
        out[c] = pd.Categorical(out[c], categories=categories.get(c))
    return out


@pytest.fixture(params=[False, True], ids=["str", "categorical"])
def tokens(request):
    df = hand_tokens()
    return categorical(df) if request.param else df


def test_counts_and_paragraph_frequencies_by_debate(tokens):
    d = dfm(tokens, "debate")
    assert d.by == "debate" and d.shape == (2, 3)
    assert list(d.groups) == [1, 2] and d.groups.dtype == tokens["debate"].dtype
    assert list(d.terms) == ["丙", "乙", "甲"] and d.terms.dtype == tokens["token"].dtype
    assert d.counts.toarray().tolist() == [[0, 0, 3], [1, 2, 2]]
    assert d.doc_freq.toarray().tolist() == [[0, 0, 1], [1, 2, 1]]
    assert d.n_tokens.tolist() == [3, 5]
    assert d.n_paragraphs.tolist() == [2, 2]  # debate 1's para 4 has only a stopword: still a paragraph


def test_matrices_are_canonical_csr_with_one_pattern(tokens):
    d = dfm(tokens, "debate")
    for m in (d.counts, d.doc_freq):
        assert isinstance(m, sparse.csr_matrix) and m.dtype == np.int64 and m.has_sorted_indices
    assert d.counts.nnz == d.doc_freq.nnz == 4  # no stored zeros
    assert d.counts.indices.tolist() == d.doc_freq.indices.tolist() == [2, 0, 1, 2]
    assert d.counts.indptr.tolist() == d.doc_freq.indptr.tolist() == [0, 1, 4]


def test_without_by_one_group_for_every_row(tokens):
    d = dfm(tokens)
    assert d.by is None and list(d.groups) == [ALL] == ["all"] and d.group_column == "group"
    assert d.counts.toarray().tolist() == [[1, 3, 5]]
    assert d.doc_freq.toarray().tolist() == [[1, 3, 2]]
    assert d.n_tokens.tolist() == [9] and d.n_paragraphs.tolist() == [5]


def test_sections_keep_their_order_of_appearance(tokens):
    d = dfm(tokens, "section")
    assert list(d.groups) == ["intro", "debate_2", "debate_1"]
    assert d.counts.toarray().tolist() == [[0, 1, 0], [1, 2, 2], [0, 0, 3]]
    assert d.n_tokens.tolist() == [1, 5, 3] and d.n_paragraphs.tolist() == [1, 2, 2]


def test_categorical_terms_follow_the_categories_order():
    d = dfm(categorical(hand_tokens(), token=["甲", "的", "乙", "丙"]), "debate")
    assert list(d.terms) == ["甲", "乙", "丙"]  # 的 (only ever a stopword) has no column
    assert list(d.terms.categories) == ["甲", "的", "乙", "丙"]
    assert d.counts.toarray().tolist() == [[3, 0, 0], [2, 2, 1]]


def test_stopwords_are_not_counted(tokens):
    d = dfm(tokens, "debate")
    assert "的" not in set(d.terms)
    stop = tokens.assign(stop=True)
    s = dfm(stop, "debate")
    assert s.shape == (2, 0) and list(s.groups) == [1, 2]  # groups of stopwords only are still groups
    assert s.n_tokens.tolist() == [0, 0] and s.n_paragraphs.tolist() == [2, 2]


def test_empty_table(tokens):
    empty = tokens.iloc[:0]
    d = dfm(empty, "debate")
    assert d.shape == (0, 0) and len(d.groups) == 0 and d.groups.dtype == tokens["debate"].dtype
    assert d.n_tokens.tolist() == [] and d.n_paragraphs.tolist() == []
    assert d.to_frame().empty
    whole = dfm(empty)
    assert whole.shape == (1, 0) and whole.n_tokens.tolist() == [0] and whole.n_paragraphs.tolist() == [0]


@pytest.mark.parametrize("by", ["para_id", "token", "nonsense"])
def test_unknown_grouping_column(tokens, by):
    with pytest.raises(InputError, match=r"^--by: unknown grouping column .* \(use one of: debate, section, doc_id, unit_kind, path\)$") as exc:
        dfm(tokens, by)
    assert isinstance(exc.value, InputError) and "\n" not in str(exc.value)


def test_a_grouping_column_missing_from_the_table(tokens):
    with pytest.raises(InputError, match="unknown grouping column 'debate'"):
        dfm(tokens.drop(columns="debate"), "debate")


def test_to_frame_lists_the_nonzero_cells(tokens):
    f = dfm(tokens, "debate").to_frame()
    assert list(f.columns) == ["debate", "term", "count", "doc_freq"]
    assert [tuple(r) for r in f.itertuples(index=False)] == [
        (1, "甲", 3, 1), (2, "丙", 1, 1), (2, "乙", 2, 2), (2, "甲", 2, 1)]
    assert f["term"].dtype == tokens["token"].dtype
    assert dfm(tokens).to_frame()["group"].tolist() == ["all"] * 3


def test_total_and_group(tokens):
    d = dfm(tokens, "debate")
    t = d.total()  # the two debates added up (the intro is in neither)
    assert list(t.groups) == ["all"] and list(t.terms) == ["丙", "乙", "甲"]
    assert t.counts.toarray().tolist() == [[1, 2, 5]] and t.doc_freq.toarray().tolist() == [[1, 2, 2]]
    assert t.n_tokens.tolist() == [8] and t.n_paragraphs.tolist() == [4]
    two = d.group(2)
    assert list(two.groups) == [2] and two.counts.toarray().tolist() == [[1, 2, 2]]
    assert two.n_tokens.tolist() == [5] and two.n_paragraphs.tolist() == [2]
    assert d.group(2, 1).counts.toarray().tolist() == [[1, 2, 2], [0, 0, 3]]
    with pytest.raises(KeyError):
        d.group(3)
    assert repr(d) == "Dfm(by='debate': 2 groups x 3 terms, 8 tokens, 4 paragraphs)"


def test_a_missing_token_is_a_token_but_no_term():
    holed = hand_tokens()
    holed.loc[(holed["para_id"] == 2) & (holed["token"] == "丙"), "token"] = None
    d = dfm(holed, "debate")
    assert list(d.terms) == ["乙", "甲"] and d.counts.toarray().tolist() == [[0, 3], [2, 2]]
    assert d.n_tokens.tolist() == [3, 5]  # 5 still: the term totals are 4


def test_paragraphs_are_doc_and_para_id_pairs_counted_once_per_group():
    t = hand_tokens()
    t = pd.concat([t, t.assign(doc_id="e")], ignore_index=True)  # a second document, same para_ids
    t = t.sample(frac=1.0, random_state=0)  # rows of a paragraph no longer together
    d = dfm(t, "debate")
    assert d.counts.toarray().tolist() == [[0, 0, 6], [2, 4, 4]]
    assert d.doc_freq.toarray().tolist() == [[0, 0, 2], [2, 4, 2]]
    assert d.n_paragraphs.tolist() == [4, 4]
    # one paragraph split between two groups counts in each
    split = hand_tokens()
    split.loc[split["para_id"] == 2, "debate"] = 1
    split.loc[split["para_id"] == 2, "para_id"] = 1  # 乙丙 now in para 1, but in debate 1
    s = dfm(split, "debate")
    assert s.doc_freq.toarray().tolist() == [[1, 1, 1], [0, 1, 1]]
    assert s.n_paragraphs.tolist() == [3, 1]


def test_any_para_id_values(tokens):
    """Para ids far apart (near the int64 limits) give the same numbers: no key is combined from raw values."""
    want = dfm(tokens, "debate")
    big = tokens.assign(para_id=tokens["para_id"] * (2 ** 60) - 2 ** 62)
    got = dfm(big, "debate")
    for a, b in ((got.counts, want.counts), (got.doc_freq, want.doc_freq)):
        assert a.toarray().tolist() == b.toarray().tolist()
    assert got.n_paragraphs.tolist() == want.n_paragraphs.tolist() == [2, 2]


def test_sizes_only(tokens):
    d = dfm(tokens, "debate", terms=False)
    assert d.shape == (2, 0) and d.terms.dtype == tokens["token"].dtype
    assert d.n_tokens.tolist() == [3, 5] and d.n_paragraphs.tolist() == [2, 2]


def test_measures_read_the_dfm(tokens):
    d = dfm(tokens, "debate")
    f = term_frequency(tokens, "debate")
    cells = {(g, t): (c, p) for g, t, c, p in d.to_frame().itertuples(index=False)}
    assert {(g, t): (c, p) for g, t, c, p in f[["debate", "term", "count", "doc_freq"]].itertuples(index=False)} == cells
    s = group_sizes(tokens, "debate")
    assert s["n_tokens"].tolist() == d.n_tokens.tolist() and s["n_paragraphs"].tolist() == d.n_paragraphs.tolist()


def test_codes_reads_categorical_codes_and_factorizes_other_columns():
    cat = pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["b", "a", "c"]))
    codes, values = _codes(cat)
    assert codes.tolist() == [0, -1, 1, 0] and list(values) == ["b", "a", "c"]  # the categories, unused "c" included
    codes, values = _codes(pd.Series(["y", "x", None, "y"], dtype="str"))
    assert codes.tolist() == [0, 1, -1, 0] and list(values) == ["y", "x"]  # order of appearance
    codes, values = _codes(pd.Series([2, None, 1, 2], dtype="Int64"))
    assert codes.tolist() == [0, -1, 1, 0] and list(values) == [2, 1]
    assert isinstance(codes, np.ndarray)


def test_distinct_rows():
    a = np.array([2, 0, 2, 2, 0])
    b = np.array([2 ** 62, -5, 2 ** 62, 7, -5])  # a combined a * span + b would overflow
    code, n = _distinct_rows(a, b)
    assert code.tolist() == [0, 1, 0, 2, 1] and n == 3
    code, n = _distinct_rows(a, b, np.array([1, 1, 2, 1, 1]))
    assert code.tolist() == [0, 1, 2, 3, 1] and n == 4


def test_exported_from_the_package():
    import unzh.textstat.features  # the module is named apart from the function: importing it shadows nothing
    assert unzh.textstat.dfm is dfm and unzh.dfm is dfm and unzh.Dfm is Dfm


@pytest.mark.parametrize("name", ["layouts/convention.txt", "layouts/resolution_sc.txt", "layouts/goals.txt",
                                  "stakeholders_mini.txt"])
def test_dfm_of_the_compact_tokens_equals_the_dfm_of_the_table(name):
    """A document counted from its compact tokens (the corpus engine's way) gives the token table's dfm, cell by cell."""
    from unzh.segment.segmenter import Segmenter, encoded_tokens
    from unzh.segment.tokens import _table
    from unzh.text.document import read_document
    from unzh.text.structure import body
    from unzh.textstat.features import dfm_encoded
    seg = Segmenter()
    rows = body(read_document(Path(__file__).parent / "fixtures" / name).paragraphs)
    enc, _ = encoded_tokens(rows, seg, cache=False)
    table = _table(rows, enc, seg.stopword_set, True)
    for by in (None, "section", "debate", "doc_id", "unit_kind", "path"):
        a, b = dfm(table, by), dfm_encoded(rows, enc, seg.stopword_set, by)
        assert list(map(str, a.groups)) == list(map(str, b.groups))
        assert list(map(str, a.terms)) == list(map(str, b.terms))
        assert (a.counts != b.counts).nnz == 0 and (a.doc_freq != b.doc_freq).nnz == 0
        assert a.n_tokens.tolist() == b.n_tokens.tolist() and a.n_paragraphs.tolist() == b.n_paragraphs.tolist()
        assert a.groups.dtype == b.groups.dtype

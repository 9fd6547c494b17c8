"""Theme coding (unzh.textstat.themes): exact, hand-counted expectations on a tiny fixture; evidence checked on the seed.

The fixture document tests/fixtures/themes_mini.txt has six body paragraphs
(P0 outside any debate; P1-P3 in debate 1; P4-P5 in debate 2), coded with the
four themes of tests/fixtures/themes_mini_lexicon.tsv (lexicon order rights,
labour, traffic, dev; terms: rights 人权|权利, labour 劳动|劳工,
traffic 劳动剥削|贩卖人口, dev 经济|汇款):

    P0  人权和经济。                 rights, dev
    P1  保护人权。打击劳动剥削。     rights, traffic   (劳动 inside 劳动剥削 is NOT labour)
    P2  劳工权利；经济。             rights, labour, dev
    P3  贩卖人口侵犯人权。           rights, traffic
    P4  汇款促进经济。劳动条件。     labour, dev       (two dev terms, one unit)
    P5  人权与劳动。                 rights, labour

Sentences (split after 。；): P0 1, P1 2 (保护人权。| 打击劳动剥削。), P2 2 (劳工权利；| 经济。),
P3 1, P4 2 (汇款促进经济。| 劳动条件。), P5 1 — 9 sentences in all.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unzh.errors import InputError, LexiconError, UnknownTermError
from unzh.text.document import read_document
from unzh.textstat.themes import (
    CODED_COLUMNS,
    check_theme_ids,
    code_themes,
    coding_for_csv,
    theme_evidence,
    theme_ids,
    theme_labels,
    theme_presence,
)

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "themes_mini.txt"
LEXICON = FIXTURES / "themes_mini_lexicon.tsv"


@pytest.fixture(scope="module")
def mini_paragraphs():
    return read_document(MINI).paragraphs


@pytest.fixture(scope="module")
def coded(mini_paragraphs):
    return code_themes(mini_paragraphs, LEXICON)


@pytest.fixture(scope="module")
def coded_sentences(mini_paragraphs):
    return code_themes(mini_paragraphs, LEXICON, unit="sentence")


# ---------------------------------------------------------------- coding
def test_paragraph_coding(coded):
    assert list(coded["themes"]) == [
        ("rights", "dev"), ("rights", "traffic"), ("rights", "labour", "dev"),
        ("rights", "traffic"), ("labour", "dev"), ("rights", "labour")]
    assert list(coded["debate"].astype("object").where(coded["debate"].notna(), None)) == [None, 1, 1, 1, 2, 2]
    assert list(coded["para_no"]) == [1, 1, 2, 3, 1, 2]
    assert coded["sentence_no"].isna().all() and set(coded["unit"]) == {"paragraph"}
    # matched terms: distinct, in text order; matches counted with repeats
    assert coded["terms"].iloc[4] == ("汇款", "经济", "劳动")
    assert list(coded["n_matches"]) == [2, 2, 3, 2, 3, 2]


def test_longest_match_a_term_inside_a_longer_term_is_not_counted(coded):
    p1 = coded.iloc[1]
    assert p1["text"] == "保护人权。打击劳动剥削。"
    assert "劳动" in p1["text"]                      # the labour term is there as a string …
    assert "labour" not in p1["themes"]               # … but only inside 劳动剥削 (traffic)
    assert [(m.term, m.key) for m in p1["matches"]] == [("人权", "rights"), ("劳动剥削", "traffic")]


def test_sentence_coding(coded_sentences):
    c = coded_sentences
    assert len(c) == 9
    assert list(c["sentence_no"]) == [1, 1, 2, 1, 2, 1, 1, 2, 1]
    assert list(c["text"][1:3]) == ["保护人权。", "打击劳动剥削。"]
    assert list(c["themes"]) == [
        ("rights", "dev"), ("rights",), ("traffic",), ("rights", "labour"), ("dev",),
        ("rights", "traffic"), ("dev",), ("labour",), ("rights", "labour")]
    assert c.attrs["unit"] == "sentence"


def test_presence_matrix_and_attrs(coded):
    p = theme_presence(coded)
    assert list(p.columns) == ["rights", "labour", "traffic", "dev"]
    assert p.sum().to_dict() == {"rights": 5, "labour": 3, "traffic": 2, "dev": 3}
    # filtering keeps the full theme list (a theme absent from the subset is still a column)
    d2 = coded[coded["debate"] == 2]
    assert theme_ids(d2) == ["rights", "labour", "traffic", "dev"]
    assert theme_presence(d2)["traffic"].sum() == 0
    assert theme_labels(coded, "both")["rights"] == "人权 (Human rights)"
    assert theme_labels(coded, "en")["dev"] == "Development"
    assert len(coded.attrs["lexicon_sha256"]) == 64


def test_uncoded_units_are_kept(mini_paragraphs):
    lex = pd.DataFrame({"theme_id": ["x"], "label_zh": ["无"], "label_en": ["None"], "terms": [("不存在",)]})
    c = code_themes(mini_paragraphs, lex)
    assert len(c) == 6 and all(t == () for t in c["themes"])


def test_coding_for_csv(coded):
    flat = coding_for_csv(coded)
    assert "matches" not in flat.columns
    assert flat["themes"].iloc[2] == "rights|labour|dev"
    assert flat["terms"].iloc[1] == "人权|劳动剥削"


def test_unknown_unit_and_theme(mini_paragraphs, coded):
    with pytest.raises(InputError, match="unknown unit 'word'"):
        code_themes(mini_paragraphs, LEXICON, unit="word")
    with pytest.raises(UnknownTermError, match="unknown theme id 'gender'"):
        check_theme_ids(coded, ["rights", "gender"])


# ---------------------------------------------------------------- malformed lexicons
@pytest.mark.parametrize("body, expected", [
    ("rights\t人权\tHuman rights\t人权|权利\nlabour\t劳工\tLabour\t劳动|权利\n",
     ["line 3", "entry 'labour'", "'权利'", "already listed under 'rights'"]),
    ("rights\t人权\tHuman rights\n", ["line 2", "entry 'rights'", "expected 4"]),
    ("rights\t人权\tHuman rights\t人权||权利\n", ["line 2", "entry 'rights'", "empty term"]),
])
def test_malformed_lexicon_names_file_and_entry(tmp_path, mini_paragraphs, body, expected):
    path = tmp_path / "bad_themes.tsv"
    path.write_text("theme_id\tlabel_zh\tlabel_en\tterms\n" + body, encoding="utf-8")
    with pytest.raises(LexiconError) as exc:
        code_themes(mini_paragraphs, path)
    message = str(exc.value)
    assert "bad_themes.tsv" in message and "\n" not in message
    for part in expected:
        assert part in message


# ---------------------------------------------------------------- evidence
def test_evidence_for_a_pair_in_a_group(coded):
    ev = theme_evidence(coded, "rights", "traffic", by="debate", group=1)
    assert list(ev["para_no"]) == [1, 3]
    assert list(ev["text"]) == ["保护【人权】。打击【劳动剥削】。", "【贩卖人口】侵犯【人权】。"]
    assert list(ev["terms_a"]) == ["人权", "人权"] and list(ev["terms_b"]) == ["劳动剥削", "贩卖人口"]
    # other themes' terms are not marked
    ev = theme_evidence(coded, "labour", "dev")
    assert list(ev["text"]) == ["【劳工】权利；【经济】。", "【汇款】促进【经济】。【劳动】条件。"]


def test_evidence_for_one_theme_and_errors(coded):
    ev = theme_evidence(coded, "traffic")
    assert list(ev["debate"]) == [1, 1] and ev["terms_b"].eq("").all()
    assert theme_evidence(coded, "traffic", by="debate", group=2).empty
    with pytest.raises(UnknownTermError):
        theme_evidence(coded, "rights", "nope")
    with pytest.raises(InputError, match="no such group"):
        theme_evidence(coded, "rights", by="debate", group=7)


def test_every_seed_evidence_unit_contains_a_term_of_each_theme(seed_paragraphs):
    """For every pair found together, each evidence paragraph really contains a term of both themes."""
    from unzh.lexicon.files import load_themes
    from unzh.textstat.cooccurrence import textstat_cooccurrence

    themes = load_themes()
    terms = dict(zip(themes["theme_id"], themes["terms"]))
    for unit in ("paragraph", "sentence"):
        coded = code_themes(seed_paragraphs, themes, unit=unit)
        edges = textstat_cooccurrence(coded, "debate", include_all=True, min_count=1)
        assert len(edges) > 0
        for e in edges.itertuples():
            if e.group == "all":
                ev = theme_evidence(coded[coded["debate"].notna()], e.theme_a, e.theme_b)
            else:
                ev = theme_evidence(coded, e.theme_a, e.theme_b, by="debate", group=e.group)
            assert len(ev) == e.count, (unit, e.theme_a, e.theme_b, e.group)
            for marked in ev["text"]:
                text = marked.replace("【", "").replace("】", "")
                assert any(t in text for t in terms[e.theme_a]), (e.theme_a, text)
                assert any(t in text for t in terms[e.theme_b]), (e.theme_b, text)
                assert "【" in marked


def test_seed_paragraph_counts(seed_paragraphs):
    coded = code_themes(seed_paragraphs)
    assert len(coded) == 54                      # 3 letter + 9 introduction + 42 debate paragraphs
    assert coded.groupby("debate").size().to_dict() == {1: 14, 2: 10, 3: 9, 4: 9}
    # human rights: 9 of debate 1's 14 paragraphs; none of debate 2's
    hr = theme_presence(coded)["human_rights"].groupby(coded["debate"]).sum().to_dict()
    assert hr == {1: 9, 2: 0, 3: 2, 4: 2}


# ---------------------------------------------------------------- building the table
def test_theme_sets_as_bit_patterns_and_beyond_64_themes():
    import numpy as np

    from unzh.textstat.themes import _theme_sets
    # matches: unit 0 themes 4, 3, 4; unit 2 theme 3; units 1 and 3 none
    unit, rank = np.array([0, 0, 0, 2]), np.array([4, 3, 4, 3])
    few = _theme_sets(unit, rank, [f"t{i}" for i in range(5)], 4)
    assert few.tolist() == [("t3", "t4"), (), ("t3",), ()]
    many = _theme_sets(unit, rank + 62, [f"t{i}" for i in range(70)], 4)  # ranks 66, 65: no bit for them
    assert many.tolist() == [("t65", "t66"), (), ("t65",), ()]
    shared = _theme_sets(np.array([0, 1]), np.array([2, 2]), ["a", "b", "c"], 2)
    assert shared[0] == ("c",) and shared[0] is shared[1]
    assert _theme_sets(np.zeros(0, np.int64), np.zeros(0, np.intp), ["a"], 2).tolist() == [(), ()]


def test_columns_taken_from_the_paragraph_table_are_what_lists_would_give():
    import numpy as np

    from unzh.textstat.coding import column_like_list
    rows = np.array([2, 0, 0])
    columns = [
        pd.Series(["a", "b", None]),                      # str: taken
        pd.Series([None, None, None], dtype=pd.Series(["x"]).dtype),  # all missing: a list gives float64
        pd.Series(["a", "b", "c"], dtype=object),         # object strings: a list gives str
        pd.Series([1, 2, 3]), pd.Series([1.5, np.nan, 3.0]), pd.Series([True, False, True]),
        pd.Series([1, 2, 3], dtype="Int64"),              # a list gives int64
        pd.Series([1, 2, 3], dtype="int32"),              # a list gives int64
    ]
    for column in columns:
        for which in (rows, None):
            got = pd.Series(column_like_list(column, which))
            listed = column.tolist()
            expected = pd.Series(listed if which is None else [listed[i] for i in which])
            assert got.dtype == expected.dtype and got.equals(expected), column


def test_tables_without_units_and_units_without_sentences(mini_paragraphs):
    none = code_themes(mini_paragraphs, LEXICON, kinds=("no such kind",))
    assert len(none) == 0 and list(none.columns) == CODED_COLUMNS
    # what pandas makes of empty lists (as before the table was built from columns)
    assert none.dtypes.astype(str).tolist() == ["float64"] * 4 + ["Int64"] * 2 + ["float64", "Int64"] + ["float64"] * 6
    punctuation = mini_paragraphs.copy()
    punctuation.loc[punctuation["text"] == "人权和经济。", "text"] = "。；"  # P0: no sentence left
    sentences = code_themes(punctuation, LEXICON, unit="sentence")
    assert sentences["debate"].tolist() == [1] * 5 + [2] * 3  # 8 sentences: P1-P5 only
    assert sentences["para_no"].tolist() == [1, 1, 2, 2, 3, 1, 1, 2]
    assert sentences["sentence_no"].tolist() == [1, 2, 1, 2, 1, 1, 2, 1]
    assert sentences["themes"].tolist()[:2] == [("rights",), ("traffic",)]

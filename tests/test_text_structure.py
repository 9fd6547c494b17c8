"""Structure recovery on the seed (counted by hand from the raw file) and on a plain document."""
from __future__ import annotations

import pytest

from unzh.text.structure import (
    PARAGRAPH_COLUMNS,
    body,
    default_grouping,
    paragraph_table,
    section_label,
)


def test_columns(seed_paragraphs):
    assert list(seed_paragraphs.columns) == PARAGRAPH_COLUMNS
    assert seed_paragraphs["para_id"].tolist() == list(range(1, len(seed_paragraphs) + 1))


def test_bullet_paragraphs_per_debate(seed_paragraphs):
    b = body(seed_paragraphs)
    counts = b.groupby("debate").size().to_dict()
    assert counts == {1: 14, 2: 10, 3: 9, 4: 9}
    per_section = b.groupby("section", sort=False).size().to_dict()
    assert per_section == {"letter": 3, "annex_intro": 9, "debate_1": 14, "debate_2": 10, "debate_3": 9, "debate_4": 9}


def test_sections_in_order(seed_paragraphs):
    order = list(dict.fromkeys(seed_paragraphs["section"]))
    assert order == ["front_matter", "letter", "annex_intro", "debate_1", "debate_2", "debate_3",
                     "footnote", "debate_4", "closing"]
    assert seed_paragraphs.groupby("section", sort=False)["section_no"].first().tolist() == list(range(1, 10))


def test_debate_headings_and_titles(seed_paragraphs):
    h = seed_paragraphs[(seed_paragraphs["kind"] == "heading") & seed_paragraphs["debate"].notna()]
    assert h["debate"].tolist() == [1, 2, 3, 4]
    assert h["debate_title"].tolist()[1] == "国际移徙对经济和社会发展的影响。"
    assert h["debate_title"].tolist()[3] == "国际移徙与发展的多层面方面，包括汇款。"
    d2 = seed_paragraphs[seed_paragraphs["debate"] == 2]
    assert set(d2["debate_title"]) == {"国际移徙对经济和社会发展的影响。"}


def test_footnote_is_its_own_row_attached_to_debate_3(seed_paragraphs):
    fn = seed_paragraphs[seed_paragraphs["kind"] == "footnote"]
    assert len(fn) == 1
    row = fn.iloc[0]
    assert row["section"] == "footnote" and row["debate"] == 3
    assert row["text"].startswith("* 2006年7月1日至2日在冈比亚班珠尔")
    # it comes right after the paragraph carrying the * marker (debate 3, paragraph 9)
    prev = seed_paragraphs[seed_paragraphs["para_id"] == row["para_id"] - 1].iloc[0]
    assert (prev["debate"], prev["para_no"]) == (3, 9) and "，* 其中" in prev["text"]


def test_false_starts_are_inside_their_paragraphs(seed_paragraphs):
    intro9 = seed_paragraphs[(seed_paragraphs["section"] == "annex_intro") & (seed_paragraphs["para_no"] == 9)].iloc[0]
    assert "观点的多样性。因此，与会国也认为" in intro9["text"]
    d2p6 = seed_paragraphs[(seed_paragraphs["debate"] == 2) & (seed_paragraphs["para_no"] == 6)].iloc[0]
    assert "政策和方案。同时，建议" in d2p6["text"]
    assert not seed_paragraphs["text"].str.startswith(("多样性", "案。")).any()


def test_letter_signature_note_and_rule(seed_paragraphs):
    kinds = seed_paragraphs.groupby("kind").size().to_dict()
    # headings: 4 front-matter lines, the letter title, 3 annex title lines, 2 lead-in lines, 4 debate titles
    assert kinds == {"heading": 14, "paragraph": 54, "signature": 3, "note": 1, "footnote": 1, "rule": 1}
    sig = seed_paragraphs[seed_paragraphs["kind"] == "signature"]["text"].tolist()
    assert sig[-1] == "胡安·曼努埃尔·戈麦斯·罗夫莱多大使（签名）"
    assert seed_paragraphs.iloc[-1]["kind"] == "rule"


def test_raw_line_numbers(seed_paragraphs):
    d1p1 = seed_paragraphs[(seed_paragraphs["debate"] == 1) & (seed_paragraphs["para_no"] == 1)].iloc[0]
    assert (d1p1["line_start"], d1p1["line_end"]) == (107, 109)


def test_grouping_is_generic(seed_paragraphs):
    assert default_grouping(seed_paragraphs) == "debate"
    plain = paragraph_table("p", "第一段。\n第二段。\n")
    assert plain["section"].tolist() == ["body", "body"]
    assert plain["kind"].tolist() == ["paragraph", "paragraph"]
    assert plain["para_no"].tolist() == [1, 2]
    # one section is no grouping: the document is the group (debates, sections, then documents)
    assert default_grouping(plain) == "doc_id"


def test_section_labels():
    assert section_label("debate_2") == "Debate 2"
    assert section_label("debate_2", "zh") == "专题辩论 2"
    assert section_label("annex_intro") == "Annex: introduction"


def test_one_grouping_check_with_one_message():
    import pandas as pd

    from unzh.errors import InputError
    from unzh.text.structure import check_grouping, select_group
    t = pd.DataFrame({"debate": pd.array([1, 1, 2, None], dtype="Int64"), "doc_id": ["a", "a", "a", "a"], "x": [1, 2, 3, 4]})
    check_grouping(t, None)
    check_grouping(t, "debate")
    for bad in ("x", "section", "chapter"):  # a column that is no grouping, or one this table lacks
        with pytest.raises(InputError) as exc:
            check_grouping(t, bad)
        assert str(exc.value) == f"--by: unknown grouping column {bad!r} (use one of: debate, doc_id)"
    assert select_group(t, "debate", 2)["x"].tolist() == [3]
    assert select_group(t, None, 2)["x"].tolist() == [1, 2, 3, 4]
    with pytest.raises(InputError) as exc:
        select_group(t, "debate", 7)
    assert str(exc.value) == "debate 7: no such group (groups: 1, 2)"


def test_group_name():
    from unzh.text.structure import group_name
    assert group_name("debate", 2) == "Debate 2"
    assert group_name("debate", 2, "zh") == "专题辩论 2"
    assert group_name("section", "annex_intro") == "Annex: introduction"
    assert group_name("doc_id", "000_abc") == "000_abc"
    assert group_name(None, "all") == "all groups" and group_name("debate", "all", "zh") == "全部"

"""Structure recovery on the hand-made fixtures of common UN layouts (counted by hand from the files)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from unzh.text.document import read_document
from unzh.text.structure import body, default_grouping

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def summary(name):
    p = read_document(LAYOUTS / f"{name}.txt").paragraphs
    b = body(p)
    return p, b.groupby("section", sort=False).size().to_dict()


def test_resolution():
    p, per_section = summary("resolution")
    # 3 preambular paragraphs after the enacting formula "大会，", 4 numbered operative paragraphs
    assert per_section == {"preamble": 3, "operative": 4}
    assert p[p["kind"] == "heading"]["text"].tolist() == [
        "联合国大会", "第六十一届会议", "议程项目55（b）", "2006年12月20日大会决议（教学示例）", "61/208. 国际移徙与发展", "大会，"]
    assert p[p["section"] == "operative"]["text"].str[:2].tolist() == ["1.", "2.", "3.", "4."]
    assert default_grouping(p) == "section"


def test_declaration_with_articles():
    # each article is a unit: where articles are the top level, each is a section, and para_no
    # restarts in each, so evidence reads "art. 3, para. 1"
    p, per_section = summary("declaration")
    assert per_section == {"preamble": 3, "article_1": 1, "article_2": 1, "article_3": 1}
    assert p[(p["kind"] == "heading")]["text"].tolist() == ["移徙者权利宣言（教学示例）", "序言", "第一条", "第二条"]
    arts = p[p["section"].str.startswith("article_")]
    assert arts["kind"].tolist() == ["heading", "paragraph", "heading", "paragraph", "paragraph"]
    assert arts["para_no"].tolist() == [pd.NA, 1, pd.NA, 1, 1]
    assert default_grouping(p) == "section"


def test_chaptered_report():
    p, per_section = summary("chaptered")
    assert per_section == {"section_1": 2, "section_2": 3, "section_3": 1}
    titles = p.groupby("section", sort=False)["section_title"].first().to_dict()
    assert titles == {"front_matter": "", "section_1": "第一章导言", "section_2": "第二章移徙与发展", "section_3": "第三章结论和建议"}


def test_numbered_headings():
    p, per_section = summary("numbered")
    assert per_section == {"section_1": 1, "section_2": 3, "section_3": 1}
    h = p[p["kind"] == "heading"]
    assert h["text"].tolist() == ["国际移徙问题专家组会议报告（教学示例）", "一、导言", "二、讨论摘要", "1.1移徙与发展", "1.2人权", "三、建议"]
    # second-level headings stay inside their top-level section
    assert h["section"].tolist() == ["front_matter", "section_1", "section_2", "section_2", "section_2", "section_3"]


def test_traditional_script_is_converted_and_the_original_kept():
    doc = read_document(LAYOUTS / "traditional.txt")
    simp = read_document(LAYOUTS / "numbered.txt")
    assert doc.script == "traditional" and simp.script == "simplified"
    p = doc.paragraphs
    # same structure as the simplified text it was made from
    assert p[["section", "kind", "para_no"]].equals(simp.paragraphs[["section", "kind", "para_no"]])
    assert p.loc[5, "text"] == "与会者强调移徙者汇款的重要性。"
    assert p.loc[5, "text_original"] == "與會者強調移徙者匯款的重要性。"
    assert (simp.paragraphs["text"] == simp.paragraphs["text_original"]).all()


def test_unrecognised_text_falls_back_to_blank_line_paragraphs(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text("移徙者汇款很重要，各国应降低汇款费用。\n\n原籍国和目的地国应加强合作。\n\n民间社会也应参与。\n", encoding="utf-8")
    p = read_document(f).paragraphs
    assert p["section"].tolist() == ["body"] * 3
    assert p["kind"].tolist() == ["paragraph"] * 3
    assert p["para_no"].tolist() == [1, 2, 3]


@pytest.mark.parametrize("name", ["resolution", "declaration", "chaptered", "numbered", "traditional"])
def test_every_layout_keeps_its_wording(name):
    from unzh.text.clean import wording
    doc = read_document(LAYOUTS / f"{name}.txt")
    original = "\n".join(doc.paragraphs["text_original"])
    assert wording(doc.raw.text) == wording(original)

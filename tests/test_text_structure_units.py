"""The structure model on one hand-made fixture per UN layout: units, numbers, paths, kinds, layout
and the coverage account, each counted by hand from the fixture files (tests/fixtures/layouts)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from helpers import SEED, cli_run, csv_table

from unzh.text.clean import wording
from unzh.text.document import read_document
from unzh.text.structure import (
    COVERAGE_PARTS,
    body,
    cn_to_int,
    coverage_part,
    coverage_warnings,
    default_grouping,
    marker,
    paragraph_table,
    structure_coverage,
)

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
ALL_FIXTURES = sorted(LAYOUTS.glob("*.txt"))


def units(name):
    """(section, para_no, kind, unit_kind, unit, path) of every row, and the layout."""
    p = read_document(LAYOUTS / f"{name}.txt").paragraphs
    rows = [(r.section, None if pd.isna(r.para_no) else int(r.para_no), r.kind, r.unit_kind, r.unit, r.path)
            for r in p.itertuples()]
    assert p["layout"].nunique() == 1
    return rows, p["layout"].iloc[0]


def n_chars(name):
    """Characters of every row, whitespace excluded (as the coverage account counts them)."""
    return read_document(LAYOUTS / f"{name}.txt").paragraphs["n_chars"].tolist()


def coverage(name):
    c = structure_coverage(read_document(LAYOUTS / f"{name}.txt").paragraphs).iloc[0].to_dict()
    return {k: c[k] for k in ("layout", "fallback", "split", "rows", "body_paragraphs", "chars",
                              *[f"{p}_chars" for p in COVERAGE_PARTS])}


def test_security_council_resolution():
    # 安全理事会 opens the preamble without a comma; the adoption note (in the header, as in
    # Security Council resolutions) is a note, not an operative paragraph; ㈠ items are (一)
    rows, layout = units("resolution_sc")
    assert layout == "resolution"
    assert rows == [
        ("front_matter", None, "heading", "symbol", "S/RES/1674(2006)", ""),
        ("front_matter", None, "heading", "distribution", "", ""),
        ("front_matter", None, "heading", "date", "", ""),
        ("front_matter", None, "heading", "title", "1674(2006)", ""),
        ("front_matter", None, "note", "adoption", "", ""),
        ("preamble", None, "heading", "chapeau", "", ""),
        ("preamble", 1, "paragraph", "preambular", "", ""),
        ("preamble", 2, "paragraph", "preambular", "", ""),
        ("preamble", 3, "paragraph", "preambular", "", ""),
        ("preamble", 4, "paragraph", "preambular", "", ""),
        ("operative", 1, "paragraph", "operative", "1", ""),
        ("operative", 2, "paragraph", "operative", "2", ""),
        ("operative", 3, "paragraph", "item", "2(a)", "2"),
        ("operative", 4, "paragraph", "item", "2(b)", "2"),
        ("operative", 5, "paragraph", "operative", "3", ""),
        ("operative", 6, "paragraph", "item", "3(一)", "3"),
        ("operative", 7, "paragraph", "item", "3(二)", "3"),
        ("operative", 8, "paragraph", "operative", "4", ""),
    ]
    # 19+19+10+20 header lines, the adoption note 25, 安全理事会 5; 4 preambular + 4 operative + 4 items
    assert coverage("resolution_sc") == dict(
        layout="resolution", fallback=False, split=False, rows=18, body_paragraphs=12, chars=293,
        body_chars=195, heading_chars=5, front_matter_chars=68, note_chars=25, footnote_chars=0,
        signature_chars=0, other_chars=0)


def test_general_assembly_resolution_with_nested_items_and_adoption_note():
    rows, layout = units("resolution_ga")
    assert layout == "resolution"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("front_matter", None, "heading", "session", "", ""),
        ("front_matter", None, "heading", "agenda_item", "", ""),
        ("front_matter", None, "heading", "title", "61/209", ""),
        ("preamble", None, "heading", "chapeau", "", ""),
        ("preamble", 1, "paragraph", "preambular", "", ""),
        ("preamble", 2, "paragraph", "preambular", "", ""),
        ("preamble", 3, "paragraph", "preambular", "", ""),
        ("preamble", 4, "paragraph", "preambular", "", ""),
        ("operative", 1, "paragraph", "operative", "1", ""),
        ("operative", 2, "paragraph", "operative", "2", ""),
        ("operative", 3, "paragraph", "item", "2(a)", "2"),
        ("operative", 4, "paragraph", "item", "2(b)", "2"),
        ("operative", 5, "paragraph", "item", "2(b)(一)", "2/2(b)"),
        ("operative", 6, "paragraph", "item", "2(b)(二)", "2/2(b)"),
        ("operative", 7, "paragraph", "operative", "3", ""),
        ("closing", None, "note", "adoption", "", ""),  # 第83次全体会议
        ("closing", None, "note", "adoption", "", ""),  # 2006年12月20日, its date
    ]
    assert coverage("resolution_ga") == dict(
        layout="resolution", fallback=False, split=False, rows=18, body_paragraphs=11, chars=209,
        body_chars=148, heading_chars=3, front_matter_chars=39, note_chars=19, footnote_chars=0,
        signature_chars=0, other_chars=0)


def test_convention_chapters_articles_and_paragraphs_within_articles():
    rows, layout = units("convention")
    assert layout == "instrument"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("preamble", None, "heading", "preamble", "", ""),
        ("preamble", 1, "paragraph", "preambular", "", "序言"),
        ("preamble", 2, "paragraph", "preambular", "", "序言"),
        ("preamble", 3, "paragraph", "formula", "", "序言"),
        ("section_1", None, "heading", "chapter", "1", ""),
        ("section_1", None, "heading", "article", "1", "第一章"),
        ("section_1", 1, "paragraph", "paragraph", "1", "第一章/第一条"),
        ("section_1", 2, "paragraph", "paragraph", "2", "第一章/第一条"),
        ("section_1", 3, "paragraph", "item", "2(a)", "第一章/第一条/2"),
        ("section_1", 4, "paragraph", "item", "2(b)", "第一章/第一条/2"),
        ("section_1", None, "heading", "article", "2", "第一章"),  # 第二条 定义: a titled article
        ("section_1", 1, "paragraph", "paragraph", "", "第一章/第二条"),  # para_no restarts per article
        ("section_2", None, "heading", "chapter", "2", ""),
        ("section_2", None, "heading", "article", "3", "第二章"),
        ("section_2", 1, "paragraph", "paragraph", "1", "第二章/第三条"),
        ("section_2", 2, "paragraph", "paragraph", "2", "第二章/第三条"),  # "art. 3, para. 2"
        ("section_2", 1, "paragraph", "article", "4", "第二章"),  # an article on one line
    ]
    assert coverage("convention") == dict(
        layout="instrument", fallback=False, split=False, rows=18, body_paragraphs=11, chars=191,
        body_chars=151, heading_chars=26, front_matter_chars=14, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)
    p = read_document(LAYOUTS / "convention.txt").paragraphs
    art3_2 = p[(p["path"] == "第二章/第三条") & (p["unit"] == "2")].iloc[0]
    assert art3_2["text"] == "2. 任何移徙工人不应遭受酷刑。" and art3_2["para_no"] == 2


def test_report_header_headings_and_footnote():
    # 一. 导言 (with a period) is a section; A./B. subsections; a short "1. 汇款费用" followed by
    # paragraph 4 is a heading; the footnote after the rule is a footnote
    rows, layout = units("report")
    assert layout == "report"
    assert rows == [
        ("front_matter", None, "heading", "symbol", "A/61/515", ""),
        ("front_matter", None, "heading", "distribution", "", ""),
        ("front_matter", None, "heading", "date", "", ""),
        ("front_matter", None, "note", "original_language", "", ""),
        ("front_matter", None, "heading", "session", "", ""),
        ("front_matter", None, "heading", "agenda_item", "", ""),
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("section_1", None, "heading", "section", "一", ""),
        ("section_1", 1, "paragraph", "paragraph", "1", "一"),
        ("section_1", 2, "paragraph", "paragraph", "2", "一"),
        ("section_2", None, "heading", "section", "二", ""),
        ("section_2", None, "heading", "subsection", "A", "二"),
        ("section_2", 1, "paragraph", "paragraph", "3", "二/A"),
        ("section_2", None, "heading", "subsection", "B", "二"),
        ("section_2", None, "heading", "subsubsection", "1", "二/B"),
        ("section_2", 2, "paragraph", "paragraph", "4", "二/B/1"),
        ("closing", None, "rule", "rule", "", "二/B/1"),
        ("footnote", None, "footnote", "footnote", "1", "二/B/1"),
        ("section_3", None, "heading", "section", "三", ""),
        ("section_3", 1, "paragraph", "paragraph", "5", "三"),
        ("section_3", 2, "paragraph", "paragraph", "6", "三"),
    ]
    # header 11+16+11+7+9+13+6 = 73, 原文：英文 5; headings 4+7+7+4+6+4 = 32; paragraphs
    # 46+32+39+37+44+49 = 247; the rule 10, the footnote 22
    assert coverage("report") == dict(
        layout="report", fallback=False, split=False, rows=22, body_paragraphs=6, chars=389,
        body_chars=247, heading_chars=32, front_matter_chars=73, note_chars=5, footnote_chars=22,
        signature_chars=0, other_chars=10)


def test_goals_and_targets_are_units_and_targets_are_body():
    # the short targets (no final 。) and the lettered 1.a / 2.a are body units under their goal
    rows, layout = units("goals")
    assert layout == "hierarchical"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("section_1", None, "heading", "goal", "1", ""),
        ("section_1", 1, "paragraph", "target", "1.1", "目标1"),
        ("section_1", 2, "paragraph", "target", "1.2", "目标1"),
        ("section_1", 3, "paragraph", "target", "1.a", "目标1"),
        ("section_2", None, "heading", "goal", "2", ""),
        ("section_2", 1, "paragraph", "target", "2.1", "目标2"),
        ("section_2", 2, "paragraph", "target", "2.a", "目标2"),
    ]
    assert coverage("goals") == dict(
        layout="hierarchical", fallback=False, split=False, rows=8, body_paragraphs=5, chars=145,
        body_chars=95, heading_chars=32, front_matter_chars=18, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)
    p = read_document(LAYOUTS / "goals.txt").paragraphs
    assert default_grouping(p) == "section"


def test_indicator_list_one_per_line_without_goal_lines():
    # one entry per line, no blank lines, no final 。: every line is a body unit (none a heading)
    rows, layout = units("indicators")
    assert layout == "hierarchical"
    assert rows == [
        ("body", 1, "paragraph", "target", "1.1", ""),
        ("body", 2, "paragraph", "indicator", "1.1.1", "1.1"),
        ("body", 3, "paragraph", "target", "1.2", ""),
        ("body", 4, "paragraph", "indicator", "1.2.1", "1.2"),
        ("body", 5, "paragraph", "indicator", "1.2.2", "1.2"),
        ("body", 6, "paragraph", "target", "3.a", ""),
        ("body", 7, "paragraph", "indicator", "3.a.1", "3.a"),
    ]
    # characters, spaces excluded: 1.1 (3) + 到2030年， (7) + 14 = 24; 1.1.1 (5) + 11 = 16;
    # 3 + 7 + 10 = 20; 5 + 11 = 16; 5 + 14 = 19; 3.a (3) + 《烟草控制框架公约》 with 加强执行 (14) = 17;
    # 3.a.1 (5) + 15 (2) + 15 = 22: 134, all of it body
    assert n_chars("indicators") == [24, 16, 20, 16, 19, 17, 22]
    assert coverage("indicators") == dict(
        layout="hierarchical", fallback=False, split=False, rows=7, body_paragraphs=7, chars=134,
        body_chars=134, heading_chars=0, front_matter_chars=0, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)


RUNON_PIECES = [  # the one line of runon.txt, cut by hand where the paragraph breaks were lost
    "国际移徙与发展（教学示例）", "一. 导言",
    "1. 本报告根据大会第60/227号决议提交，概述国际移徙与发展的主要趋势，并提出供会员国审议的建议。",
    "2. 报告借鉴了会员国、联合国系统各实体和民间社会组织提交的资料，也参考了国际组织发布的最新统计数据和研究成果。",
    "二. 移徙与发展",
    "3. 全世界国际移徙者人数持续增长，移徙者汇款已成为许多发展中国家最重要的外部资金来源之一，其规模超过了官方发展援助。",
    "4. 与此同时，高技能人员外流对原籍国的卫生和教育部门造成了严重影响，一些国家的医生和护士大量流向发达国家，农村地区尤其缺乏合格的卫生工作者。",
    "5. 各国应当加强合作，降低汇款费用，并保护所有移徙者的人权，包括：",
    "（a）简化汇款程序，鼓励通过正规渠道汇款，提高汇款市场的透明度；",
    "（b）加强金融知识教育，使移徙者家庭能够更好地利用汇款进行储蓄和投资。",
    "三. 建议",
    "6. 会员国不妨考虑建立一个全球论坛，以便在联合国框架之外继续开展关于国际移徙与发展的对话，交流经验和最佳做法。",
    "7. 该论坛应由会员国主导，具有自愿和非正式的性质，并邀请民间社会和私营部门的代表参加，以便听取所有利益相关者的意见。",
]


def test_pdf_text_without_line_breaks_is_cut_at_numbers_and_headings():
    p = read_document(LAYOUTS / "runon.txt").paragraphs
    assert p["text"].tolist() == RUNON_PIECES
    assert set(p["line_start"]) == set(p["line_end"]) == {1}  # all from the one raw line
    rows, layout = units("runon")
    assert layout == "report"
    assert [r[3:] for r in rows] == [
        ("front_matter", "", ""), ("section", "一", ""), ("paragraph", "1", "一"), ("paragraph", "2", "一"),
        ("section", "二", ""), ("paragraph", "3", "二"), ("paragraph", "4", "二"), ("paragraph", "5", "二"),
        ("item", "5(a)", "二/5"), ("item", "5(b)", "二/5"), ("section", "三", ""), ("paragraph", "6", "三"),
        ("paragraph", "7", "三")]
    n = [len(re.sub(r"\s", "", t)) for t in RUNON_PIECES]
    assert coverage("runon") == dict(
        layout="report", fallback=False, split=True, rows=13, body_paragraphs=9, chars=sum(n),
        body_chars=sum(n) - n[0] - n[1] - n[4] - n[10], heading_chars=n[1] + n[4] + n[10],
        front_matter_chars=n[0], note_chars=0, footnote_chars=0, signature_chars=0, other_chars=0)


def test_lines_of_plain_text_fall_back_to_one_paragraph_per_line():
    rows, layout = units("plain_lines")
    assert layout == "fallback"
    assert rows == [("body", i, "paragraph", "paragraph", "", "") for i in (1, 2, 3)]
    # 移徙者汇款很重要，各国应降低汇款费用。 19, 原籍国和目的地国应加强合作。 14, 民间社会也应参与 8
    assert n_chars("plain_lines") == [19, 14, 8]
    assert coverage("plain_lines") == dict(
        layout="fallback", fallback=True, split=False, rows=3, body_paragraphs=3, chars=41,
        body_chars=41, heading_chars=0, front_matter_chars=0, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)
    c = structure_coverage(read_document(LAYOUTS / "plain_lines.txt").paragraphs)
    assert c["warning"].tolist() == ["no layout recognised, fell back to one paragraph per blank-line block or line"]


def test_short_lines_only_are_never_zero_body_paragraphs():
    # short title-like lines only: once all front-matter headings, and so 0 body paragraphs
    p = paragraph_table("list", "移徙者的人权\n汇款与发展\n人才流失\n")
    assert p["kind"].tolist() == ["paragraph"] * 3
    assert p["para_no"].tolist() == [1, 2, 3]
    assert p["layout"].tolist() == ["fallback"] * 3


def test_organ_name_alone_is_a_chapeau_only_before_a_preamble_or_operative_paragraph():
    header = paragraph_table("h", "大会\n\n第六十一届会议\n\n1. 本报告介绍主要趋势。\n")
    assert header["unit_kind"].tolist() == ["front_matter", "session", "paragraph"]
    sc = paragraph_table("r", "安全理事会\n\n1. 决定继续积极处理此案。\n")
    assert sc["unit_kind"].tolist() == ["chapeau", "operative"]


def test_declaration_preamble_formula_and_articles():
    rows, layout = units("declaration")
    assert layout == "instrument"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("preamble", None, "heading", "preamble", "", ""),
        ("preamble", 1, "paragraph", "preambular", "", "序言"),
        ("preamble", 2, "paragraph", "preambular", "", "序言"),
        ("preamble", 3, "paragraph", "formula", "", "序言"),  # 兹宣布如下： is body text
        ("article_1", None, "heading", "article", "1", ""),
        ("article_1", 1, "paragraph", "paragraph", "", "第一条"),
        ("article_2", None, "heading", "article", "2", ""),
        ("article_2", 1, "paragraph", "paragraph", "", "第二条"),
        ("article_3", 1, "paragraph", "article", "3", ""),  # 第三条 and its text on one line
    ]
    # 移徙者权利宣言（教学示例） 13; 序言 2; 鉴于所有移徙者均享有人权， 13; 鉴于原籍国、过境国和目的地国负有共同责任， 21;
    # 兹宣布如下： 6; 第一条 3; 所有移徙者，无论其移徙地位如何，均享有人权。 22; 第二条 3; 各国应保护移徙工人免受剥削。 14;
    # 第三条 (3) + 各国应与民间社会合作，促进移徙者融入社会。 (21) = 24
    assert n_chars("declaration") == [13, 2, 13, 21, 6, 3, 22, 3, 14, 24]
    assert coverage("declaration") == dict(
        layout="instrument", fallback=False, split=False, rows=10, body_paragraphs=6, chars=121,
        body_chars=100, heading_chars=8, front_matter_chars=13, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)


def test_report_with_chinese_sections_and_dotted_subsections():
    rows, layout = units("numbered")
    assert layout == "report"
    assert rows == NUMBERED_ROWS
    # 国际移徙问题专家组会议报告（教学示例） 19; 一、导言 4; 会议于2006年在纽约举行。 14; 二、讨论摘要 6; 1.1 移徙与发展 8;
    # 与会者强调移徙者汇款的重要性。 15; 与会者指出人才流失的影响。 13; 1.2 人权 5; 与会者强调保护移徙者人权。 13;
    # 三、建议 4; 各国应加强合作。 8.  Headings 4 + 6 + 8 + 5 + 4 = 27; body 14 + 15 + 13 + 13 + 8 = 63
    assert n_chars("numbered") == [19, 4, 14, 6, 8, 15, 13, 5, 13, 4, 8]
    assert coverage("numbered") == dict(
        layout="report", fallback=False, split=False, rows=11, body_paragraphs=5, chars=109,
        body_chars=63, heading_chars=27, front_matter_chars=19, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)


#: numbered.txt and traditional.txt (its text in traditional script) have the same structure
NUMBERED_ROWS = [
    ("front_matter", None, "heading", "front_matter", "", ""),
    ("section_1", None, "heading", "section", "一", ""),
    ("section_1", 1, "paragraph", "paragraph", "", "一"),
    ("section_2", None, "heading", "section", "二", ""),
    ("section_2", None, "heading", "subsection", "1.1", "二"),
    ("section_2", 1, "paragraph", "paragraph", "", "二/1.1"),
    ("section_2", 2, "paragraph", "paragraph", "", "二/1.1"),
    ("section_2", None, "heading", "subsection", "1.2", "二"),
    ("section_2", 3, "paragraph", "paragraph", "", "二/1.2"),
    ("section_3", None, "heading", "section", "三", ""),
    ("section_3", 1, "paragraph", "paragraph", "", "三"),
]


def test_traditional_script_report_has_the_structure_of_its_simplified_twin():
    rows, layout = units("traditional")
    assert layout == "report"
    assert rows == NUMBERED_ROWS
    # as numbered.txt but the title: 國際移徙問題專家組會議報告 (13) + （教學示例，繁體） (9) = 22
    assert n_chars("traditional") == [22, 4, 14, 6, 8, 15, 13, 5, 13, 4, 8]
    assert coverage("traditional") == dict(
        layout="report", fallback=False, split=False, rows=11, body_paragraphs=5, chars=112,
        body_chars=63, heading_chars=27, front_matter_chars=22, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)
    p = read_document(LAYOUTS / "traditional.txt").paragraphs
    assert p["text_original"].iloc[1] == "一、導言" and p["text"].iloc[1] == "一、导言"


def test_report_with_chapters_and_numbered_paragraphs():
    rows, layout = units("chaptered")
    assert layout == "report"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),
        ("section_1", None, "heading", "chapter", "1", ""),
        ("section_1", 1, "paragraph", "paragraph", "1", "第一章"),
        ("section_1", 2, "paragraph", "paragraph", "2", "第一章"),
        ("section_2", None, "heading", "chapter", "2", ""),
        ("section_2", 1, "paragraph", "paragraph", "3", "第二章"),
        ("section_2", 2, "paragraph", "paragraph", "4", "第二章"),
        ("section_2", 3, "paragraph", "paragraph", "5", "第二章"),
        ("section_3", None, "heading", "chapter", "3", ""),
        ("section_3", 1, "paragraph", "paragraph", "6", "第三章"),
    ]
    # 移徙与发展问题报告（教学示例） 15; 第一章 导言 5; 1. (2) + 18 = 20; 2. + 15 = 17; 第二章 移徙与发展 8;
    # 3. + 19 = 21; 4. + 14 = 16; 5. + 10 = 12; 第三章 结论和建议 8; 6. + 22 = 24
    assert n_chars("chaptered") == [15, 5, 20, 17, 8, 21, 16, 12, 8, 24]
    assert coverage("chaptered") == dict(
        layout="report", fallback=False, split=False, rows=10, body_paragraphs=6, chars=146,
        body_chars=110, heading_chars=21, front_matter_chars=15, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)


def test_general_assembly_resolution_with_header_lines():
    rows, layout = units("resolution")
    assert layout == "resolution"
    assert rows == [
        ("front_matter", None, "heading", "front_matter", "", ""),  # 联合国大会
        ("front_matter", None, "heading", "session", "", ""),
        ("front_matter", None, "heading", "agenda_item", "", ""),
        ("front_matter", None, "heading", "front_matter", "", ""),  # 2006年12月20日大会决议（教学示例）
        ("front_matter", None, "heading", "title", "61/208", ""),
        ("preamble", None, "heading", "chapeau", "", ""),
        ("preamble", 1, "paragraph", "preambular", "", ""),
        ("preamble", 2, "paragraph", "preambular", "", ""),
        ("preamble", 3, "paragraph", "preambular", "", ""),
        ("operative", 1, "paragraph", "operative", "1", ""),
        ("operative", 2, "paragraph", "operative", "2", ""),
        ("operative", 3, "paragraph", "operative", "3", ""),
        ("operative", 4, "paragraph", "operative", "4", ""),
    ]
    # 联合国大会 5; 第六十一届会议 7; 议程项目55（b） 9; 2006年12月20日 (11) + 大会决议 (4) + （教学示例） (6) = 21;
    # 61/208. (7) + 国际移徙与发展 (7) = 14; 大会， 3; preambular 18, 35, 23; operative 1. (2) + 19 = 21,
    # 2 + 28 = 30, 2 + 26 = 28, 2 + 17 = 19
    assert n_chars("resolution") == [5, 7, 9, 21, 14, 3, 18, 35, 23, 21, 30, 28, 19]
    assert coverage("resolution") == dict(
        layout="resolution", fallback=False, split=False, rows=13, body_paragraphs=7, chars=233,
        body_chars=174, heading_chars=3, front_matter_chars=56, note_chars=0, footnote_chars=0,
        signature_chars=0, other_chars=0)


def test_seed_units_and_coverage(seed_paragraphs):
    p = seed_paragraphs
    assert set(p["layout"]) == {"letter_annex"}
    d = p[p["unit_kind"] == "debate"]
    assert d["unit"].tolist() == ["1", "2", "3", "4"] and set(d["path"]) == {"附件"}
    b = body(p)
    assert b.groupby("path", sort=False).size().to_dict() == {
        "": 3, "附件": 9, "附件/专题辩论1": 14, "附件/专题辩论2": 10, "附件/专题辩论3": 9, "附件/专题辩论4": 9}
    assert set(b["unit"]) == {""} and set(b["unit_kind"]) == {"paragraph"}  # the bullets have no printed number
    assert p.loc[p["kind"] != "paragraph", "unit_kind"].value_counts().to_dict() == {
        "heading": 4, "debate": 4, "signature": 3, "front_matter": 2, "session": 1, "agenda_item": 1,
        "letter": 1, "annex": 1, "original_language": 1, "footnote": 1, "rule": 1}
    c = structure_coverage(p).iloc[0]
    # characters counted by the kinds of the seed's table: 54 bullet paragraphs, 14 headings
    # (4 of them the front matter), the note, the footnote, 3 signature lines, the rule
    assert (c["chars"], c["body_chars"], c["heading_chars"], c["front_matter_chars"], c["note_chars"],
            c["footnote_chars"], c["signature_chars"], c["other_chars"]) == (5050, 4601, 255, 71, 12, 60, 37, 14)
    assert c["warning"] == "" and not c["fallback"]


@pytest.mark.parametrize("path", [*ALL_FIXTURES, SEED], ids=lambda p: Path(p).stem)
def test_every_character_is_in_exactly_one_row(path):
    doc = read_document(path)
    p = doc.paragraphs
    # the rows' texts, concatenated, are the document's wording: nothing lost, nothing twice
    assert wording("".join(p["text_original"])) == wording(doc.raw.text)
    assert wording("".join(p["text"])) == wording(doc.cleaned_text)
    c = structure_coverage(p).iloc[0]
    assert c["chars"] == len(re.sub(r"\s", "", "".join(p["text"])))
    assert sum(c[f"{part}_chars"] for part in COVERAGE_PARTS) == c["chars"]
    assert coverage_part(p).isin(COVERAGE_PARTS).all()


def _clean_copy(doc, tmp_path):
    f = tmp_path / f"{doc.doc_id}.clean.txt"  # as report.notebooks.write_processed writes it
    f.write_text(doc.cleaned_text + "\n", encoding="utf-8")
    return f


BODY_COLUMNS = ["section", "debate", "para_no", "text", "unit_kind", "unit", "path"]


@pytest.mark.parametrize("path", [SEED, LAYOUTS / "convention.txt", LAYOUTS / "resolution_sc.txt"],
                         ids=lambda p: Path(p).stem)
def test_processed_clean_text_gives_the_same_body_paragraphs(path, tmp_path, capsys):
    doc = read_document(path)
    rc, out, err = cli_run(capsys, "paragraphs", str(_clean_copy(doc, tmp_path)))
    assert rc == 0, err
    again = pd.DataFrame(csv_table(out))
    want = body(doc.paragraphs)[BODY_COLUMNS].astype(object)
    want = want.where(want.notna(), "").astype(str).reset_index(drop=True)  # as CSV prints them
    got = again[again["kind"] == "paragraph"][BODY_COLUMNS].reset_index(drop=True)
    assert len(want) == len(got) > 0
    pd.testing.assert_frame_equal(got, want)


def test_default_grouping_picks_the_unit_that_fits(seed_paragraphs):
    def grouping(name):
        return default_grouping(read_document(LAYOUTS / f"{name}.txt").paragraphs)

    assert default_grouping(seed_paragraphs) == "debate"
    assert grouping("chaptered") == "section"  # chapters
    assert grouping("declaration") == "section"  # articles: article_1, article_2, article_3 (and the preamble)
    assert grouping("resolution") == "section"  # preamble, operative
    assert grouping("indicators") == "doc_id"  # one section: the document is the group
    both = pd.concat([read_document(LAYOUTS / "goals.txt").paragraphs, seed_paragraphs])
    assert default_grouping(both) == "doc_id"


def test_coverage_warnings_name_the_file():
    p = pd.concat([read_document(LAYOUTS / f"{n}.txt").paragraphs for n in ("plain_lines", "goals", "numbered")])
    c = structure_coverage(p)
    assert c["doc_id"].tolist() == ["plain_lines", "goals", "numbered"]
    assert coverage_warnings(c, {"numbered": "data/numbered.txt"}) == [
        "plain_lines: no layout recognised, fell back to one paragraph per blank-line block or line",
        "data/numbered.txt: only 58% of 109 characters are in body paragraphs (under 60%; see the coverage account)",
    ]


@pytest.mark.parametrize("printed,form,unit,label", [
    ("第十二条 定义", "article", "12", "第十二条"),
    ("第二十一条", "article", "21", "第二十一条"),
    ("第一百零一条", "article", "101", "第一百零一条"),
    ("第三章 结论", "chapter", "3", "第三章"),
    ("一. 导言", "cn_section", "一", "一"),
    ("十二、建议", "cn_section", "十二", "十二"),
    ("IV. 结论", "roman", "IV", "IV"),
    ("B. 汇款", "latin", "B", "B"),
    ("目标17. 加强执行手段", "goal", "17", "目标17"),
    ("17.19 到2030年", "dotted", "17.19", "17.19"),
    ("3.a 加强执行", "dotted", "3.a", "3.a"),
    ("3.a.1 流行率", "dotted", "3.a.1", "3.a.1"),
    ("5. 决定", "number", "5", "5"),
    ("（一）总体情况", "bracket", "(一)", "(一)"),
    ("㈢ 应执行", "bracket", "(三)", "(三)"),
])
def test_markers_normalise_the_printed_number(printed, form, unit, label):
    m = marker(printed)
    assert (m.form, m.unit, m.label) == (form, unit, label)


def test_not_markers():
    for text in ("2006年10月5日", "1.5%的人口", "A/61/515", "统一、协调", "61/208. 国际移徙与发展"):
        m = marker(text)
        assert m is None or m.form not in ("number", "dotted", "cn_section", "latin"), text
    assert cn_to_int("两") == 2 and cn_to_int("十") == 10 and cn_to_int("九十九") == 99


def test_describe_coverage_reads_the_account():
    from unzh.text.structure import describe_coverage, structure_coverage
    report = read_document(LAYOUTS / "report.txt").paragraphs
    # 389 characters: 247 in the 6 numbered paragraphs, 73 in the header block, 32 in the headings
    # 一./二./A./B./1./三., 22 in the footnote, 10 in the rule line, 5 in the original-language note
    assert describe_coverage(structure_coverage(report)) == [
        "report: layout report; 6 body paragraphs hold 247 of 389 characters (63%); the rest: front matter 73, "
        "headings 32, footnotes 22, other (rules) 10, notes 5."]
    plain = read_document(LAYOUTS / "plain_lines.txt").paragraphs
    assert describe_coverage(structure_coverage(plain)) == [
        "plain_lines: layout none recognised (fallback); 3 body paragraphs hold 41 of 41 characters (100%)."]

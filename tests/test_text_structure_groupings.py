"""Grouping by the structure model's units: `unit_grouping`, `groupings_of`, `--by article` and co.

Every expected value is counted by hand on the layout fixtures (tests/fixtures/layouts/).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import cli_run, csv_table

from unzh.errors import InputError
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.corpus import read_corpus
from unzh.text.document import read_document
from unzh.text.structure import (
    attach_grouping,
    body,
    group_labels,
    groupings_of,
    resolve_grouping,
    unit_grouping,
    unit_label,
)

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
NA = None


def paragraphs(name: str) -> pd.DataFrame:
    return read_document(LAYOUTS / f"{name}.txt").paragraphs


def values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


def test_articles_and_chapters_of_a_convention():
    p = paragraphs("convention")
    # rows: 0 title, 1 序言, 2-4 preamble (2 preambular + 兹协议如下), 5 第一章, 6 第一条, 7-8 its paras 1-2,
    # 9-10 items (a) (b), 11 第二条 定义, 12 its text, 13 第二章, 14 第三条, 15-16 its paras, 17 第四条 on one line
    assert values(unit_grouping(p, "article")) == [NA] * 6 + ["1"] * 5 + ["2", "2", NA, "3", "3", "3", "4"]
    assert values(unit_grouping(p, "chapter")) == [NA] * 5 + ["1"] * 8 + ["2"] * 5


def test_operative_paragraphs_of_a_resolution_take_their_items():
    p = paragraphs("resolution_sc")
    # rows 0-9: header, chapeau, 4 preambular paragraphs; 10 op. 1, 11 op. 2 + 12-13 its (a) (b),
    # 14 op. 3 + 15-16 its (一) (二), 17 op. 4
    assert values(unit_grouping(p, "operative")) == [NA] * 10 + ["1", "2", "2", "2", "3", "3", "3", "4"]


def test_body_unit_kinds_are_groups_named_by_their_citation():
    p = paragraphs("resolution_sc")
    # rows 6-9 the four preambular paragraphs, each its own group; items 2(a) 2(b) 3(一) 3(二) at rows 12-13, 15-16
    assert values(unit_grouping(p, "preambular")) == [NA] * 6 + [f"preambular para. {i}" for i in (1, 2, 3, 4)] + [NA] * 8
    assert values(unit_grouping(p, "item")) == [NA] * 12 + ["op. para. 2 (a)", "op. para. 2 (b)", NA,
                                                             "op. para. 3 (一)", "op. para. 3 (二)", NA]
    c = paragraphs("convention")
    # numbered paragraphs repeat their numbers across articles: art. 1 para. 1 and 2 (with its items (a), (b)
    # at rows 9-10), art. 3 para. 1 and 2; art. 2's unnumbered text (row 12) and art. 4 on one line (row 17)
    # are no numbered paragraph
    assert values(unit_grouping(c, "paragraph")) == [NA] * 7 + [
        "art. 1, para. 1", "art. 1, para. 2", "art. 1, para. 2", "art. 1, para. 2", NA, NA, NA, NA,
        "art. 3, para. 1", "art. 3, para. 2", NA]
    assert values(unit_grouping(c, "formula")) == [NA] * 4 + ["proclaiming formula"] + [NA] * 13
    assert group_labels(c.assign(paragraph=unit_grouping(c, "paragraph")), "paragraph", "both")["art. 3, para. 2"] \
        == "art. 3, para. 2"


def test_themes_by_preambular_paragraph_and_by_item(capsys):
    f = str(LAYOUTS / "resolution_sc.txt")
    rc, out, err = cli_run(capsys, "themes", f, "--by", "preambular", "--themes", "peace_security")
    assert rc == 0, err
    assert list(dict.fromkeys(r["preambular"] for r in csv_table(out))) == [f"preambular para. {i}" for i in (1, 2, 3, 4)]
    assert {r["units"] for r in csv_table(out)} == {"1"}  # each preambular paragraph is one unit
    # the 4 operative paragraphs and 4 items are in no preambular paragraph: said, not dropped silently
    assert "8 body paragraph(s) outside every preambular group left out of the counts by 'preambular'" in err
    rc, out, err = cli_run(capsys, "stakeholders", f, "--by", "item", "--n-boot", "0")
    assert rc == 0, err
    assert list(dict.fromkeys(r["item"] for r in csv_table(out))) == [
        "op. para. 2 (a)", "op. para. 2 (b)", "op. para. 3 (一)", "op. para. 3 (二)"]


def test_goals_and_targets():
    p = paragraphs("goals")
    assert values(unit_grouping(p, "goal")) == [NA, "1", "1", "1", "1", "2", "2", "2"]
    assert values(unit_grouping(p, "target")) == [NA, NA, "1.1", "1.2", "1.a", NA, "2.1", "2.a"]


@pytest.mark.parametrize("name, expected", [
    # numbered units (paragraph and item: numbered ones only), and the body kinds without numbers
    # (preambular, formula) wherever the text has one
    ("convention", ["section", "doc_id", "unit_kind", "path", "chapter", "article", "paragraph", "preambular",
                    "item", "formula"]),
    ("declaration", ["section", "doc_id", "unit_kind", "path", "article", "preambular", "formula"]),
    ("resolution_sc", ["section", "doc_id", "unit_kind", "path", "operative", "preambular", "item"]),
    ("goals", ["section", "doc_id", "unit_kind", "path", "goal", "target"]),
    ("report", ["section", "doc_id", "unit_kind", "path", "subsection", "subsubsection", "paragraph"]),
])
def test_the_groupings_a_text_offers(name, expected):
    assert groupings_of(paragraphs(name)) == expected


def test_resolve_grouping_names_what_the_text_offers():
    p = paragraphs("goals")
    assert resolve_grouping(p, "target") == "target" and resolve_grouping(p, "none") is None
    with pytest.raises(InputError, match=r"^--by: this text has no such unit 'article' \(use one of: section, "
                                         r"doc_id, unit_kind, path, goal, target\)$"):
        resolve_grouping(p, "article")
    with pytest.raises(InputError, match=r"unknown grouping column 'unit' \(numbers repeat across units"):
        resolve_grouping(p, "unit")
    with pytest.raises(InputError, match=r"unknown grouping column 'text'"):
        resolve_grouping(p, "text")


def test_in_a_corpus_units_keep_their_document():
    corpus = read_corpus([LAYOUTS / "declaration.txt", LAYOUTS / "convention.txt"])
    got = unit_grouping(corpus.paragraphs, "article")
    assert sorted(set(got.dropna())) == ["convention:1", "convention:2", "convention:3", "convention:4",
                                         "declaration:1", "declaration:2", "declaration:3"]
    assert unit_label("article", "convention:3", "en") == "convention · Art. 3"
    assert unit_label("article", "3", "zh") == "第3条"
    assert unit_label("target", "1.a", "en") == "Target 1.a"
    assert unit_label("unit_kind", "operative", "en") == "Operative paragraphs"


def test_tokens_carry_the_unit_columns_and_take_a_unit_grouping():
    p = paragraphs("convention")
    tokens = tokens_table(body(p), Segmenter(), cache=False)
    # 第四条 缔约国应保护移徙工人的家庭。: one row, unit_kind article, unit 4, path 第二章
    last = tokens[tokens["para_id"] == p["para_id"].iloc[17]]
    assert set(last["unit_kind"]) == {"article"} and set(last["unit"]) == {"4"} and set(last["path"]) == {"第二章"}
    grouped = attach_grouping(tokens, p, "article")
    assert grouped["article"].isna().sum() == len(tokens[tokens["section"] == "preamble"])
    assert sorted(grouped["article"].dropna().unique()) == ["1", "2", "3", "4"]
    labels = group_labels(grouped, "article", "both")
    assert labels == {"1": "第1条 (Art. 1)", "2": "第2条 (Art. 2)", "3": "第3条 (Art. 3)", "4": "第4条 (Art. 4)"}


def test_freq_by_article_and_by_chapter(capsys):
    f = str(LAYOUTS / "convention.txt")
    rc, out, err = cli_run(capsys, "freq", f, "--by", "article")
    assert rc == 0, err
    # 公约: art. 1 "本公约适用于…", "本公约不适用于…" (2); art. 2 "就本公约而言…" (1); none in arts 3, 4
    assert [(r["article"], r["count"], r["doc_freq"]) for r in csv_table(out) if r["term"] == "公约"] == [
        ("1", "2", "2"), ("2", "1", "1")]
    # the three preamble paragraphs are in no article: said, not dropped silently
    assert "unzh freq: 3 body paragraph(s) outside every article group left out of the counts by 'article'" in err
    rc, out, err = cli_run(capsys, "freq", f, "--by", "chapter")
    # 移徙工人: chapter 1 "…所有移徙工人。", "“移徙工人”指…" (2); chapter 2: 享有生命权, 不应遭受酷刑, 保护…的家庭 (3)
    assert [(r["chapter"], r["count"]) for r in csv_table(out) if r["term"] == "移徙工人"] == [("1", "2"), ("2", "3")]


def test_stakeholders_and_themes_by_a_unit_kind(capsys):
    rc, out, err = cli_run(capsys, "stakeholders", str(LAYOUTS / "resolution_sc.txt"), "--by", "operative",
                           "--n-boot", "0")
    assert rc == 0, err
    rows = csv_table(out)
    assert list(dict.fromkeys(r["operative"] for r in rows)) == ["1", "2", "3", "4"]
    # operative paragraph 2 is three rows (2 and its items (a), (b)); 3 likewise; 1 and 4 one each
    assert {r["operative"]: r["paragraphs"] for r in rows} == {"1": "1", "2": "3", "3": "3", "4": "1"}
    rc, out, err = cli_run(capsys, "themes", str(LAYOUTS / "goals.txt"), "--by", "goal")
    assert rc == 0, err
    assert {r["goal"]: r["units"] for r in csv_table(out)} == {"1": "3", "2": "2"}


def test_a_unit_the_text_lacks_is_a_one_line_error(capsys):
    rc, out, err = cli_run(capsys, "keyness", str(LAYOUTS / "goals.txt"), "--by", "article")
    assert rc == 2 and out == ""
    assert err == ("unzh: error: --by: this text has no such unit 'article' (use one of: section, doc_id, "
                   "unit_kind, path, goal, target)\n")

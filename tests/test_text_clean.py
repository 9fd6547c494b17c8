"""Cleaning repairs PDF artefacts and changes only whitespace, line breaks and bracket widths."""
from __future__ import annotations

from unzh.text.clean import blocks, clean_text, normalise, undouble, wording


def test_join_broken_lines_without_spaces_between_chinese():
    raw = " 强调应打击非法贩运移⏎\n\n徙者和贩卖人口。 \n\n".replace("⏎", "")
    assert clean_text(raw) == "强调应打击非法贩运移徙者和贩卖人口。"


def test_spaces_around_numbers_dropped_across_a_line_break():
    raw = " 会议于 7\n\n月 25 日和 26 日举行。 \n\n"
    assert clean_text(raw) == "会议于7月25日和26日举行。"


def test_brackets_unified_to_full_width():
    assert normalise("议程项目 55(b）和 67（b）") == "议程项目55（b）和67（b）"
    assert normalise("［原件：英文和西班牙文］") == "［原件：英文和西班牙文］"


def test_latin_words_keep_their_space():
    raw = " 芬兰代表 Anne\n\nSipilainen 女士主持。 \n\n"
    assert clean_text(raw) == "芬兰代表 Anne Sipilainen 女士主持。"


def test_page_break_false_start_is_joined():
    # a page break removes the blank line and leaves a line that starts with a space
    # but continues the previous sentence (the previous line did not end with a space)
    raw = (" 第一段在于其行动者观点的\n"
           " 多样性。因此，与会国也认为。 \n\n"
           " 第二段。 \n\n")
    assert clean_text(raw).split("\n") == ["第一段在于其行动者观点的多样性。因此，与会国也认为。", "第二段。"]


def test_real_paragraph_start_after_page_break_is_kept():
    raw = " 第一段。 \n\n 第二段。 \n  第三段。 \n\n"
    assert clean_text(raw).split("\n") == ["第一段。", "第二段。", "第三段。"]


def test_wrapped_title_ending_in_conjunction_is_joined():
    raw = "促进和保护人权：人权问题，包括增进人权和 \n\n基本自由切实享受的各种途径 \n\n"
    assert clean_text(raw) == "促进和保护人权：人权问题，包括增进人权和基本自由切实享受的各种途径"


def test_plain_text_one_paragraph_per_line_or_blank_line():
    raw = "第一段\n第二段，没有句号\n\n第三段。\n\n\n第四段"
    assert clean_text(raw).split("\n") == ["第一段", "第二段，没有句号", "第三段。", "第四段"]


def test_plain_hard_wrapped_text_is_joined():
    line = "移徙者汇款是许多原籍国的重要资金来源并且" # 20 characters, a wrapped line
    raw = "\n".join([line, line, "结束。", line, line, line + "。", "短段。"])
    assert clean_text(raw).split("\n") == [line * 2 + "结束。", line * 3 + "。", "短段。"]


def test_undouble_only_when_double_spaced():
    assert undouble(["a", "", "b", "", "c", ""]) == ["a", "b", "c"]
    assert undouble(["a", "b", "", "c"]) == ["a", "b", "", "c"]


def test_blocks_remember_raw_lines():
    bs = blocks(" 甲乙\n\n丙丁。 \n\n 戊。 \n\n")
    assert [(b.text, b.line_start, b.line_end, b.indent) for b in bs] == [("甲乙丙丁。", 1, 3, 1), ("戊。", 5, 5, 1)]


def test_seed_wording_preserved(seed_doc):
    assert wording(seed_doc.raw.text) == wording(seed_doc.cleaned_text)
    # and the artefacts are gone
    cleaned = seed_doc.cleaned_text
    assert "于7月25日和26日主持" in cleaned
    assert "55（b）和67（b）" in cleaned and "(" not in cleaned.replace("（", "")
    assert "行动者观点的多样性。因此" in cleaned
    assert "方案。同时，建议拟订补偿措施" in cleaned
    assert "\n\n" not in cleaned

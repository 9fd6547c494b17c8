"""Structure recovery: cleaned blocks → the paragraph table.

The paragraph table (a pandas DataFrame, one row per logical paragraph) has
these columns, in this order (:data:`PARAGRAPH_COLUMNS`):

=============  ===============================================================
doc_id         document id (file name without extension)
para_id        1-based position of the row in the document
section        section id: ``front_matter``, ``letter``, ``annex_intro``,
               ``debate_1`` …, ``footnote``, ``closing``; or ``body`` /
               ``section_N`` for documents without these landmarks
section_no     1-based order of the section in the document
section_title  the heading that opened the section (may be empty)
debate         debate number (nullable int) where there is one; a footnote
               carries the debate of the paragraph whose marker it explains
debate_title   the debate's title (empty outside debates)
para_no        number of the paragraph within its section, counting only
               rows of kind ``paragraph`` (nullable int)
kind           ``heading``, ``paragraph``, ``note``, ``signature``,
               ``footnote``, ``rule``
text           the cleaned text (see :mod:`unzh.text.clean`), in simplified script
text_original  the cleaned text in the document's own script (equal to
               ``text`` unless the document was traditional, see
               :mod:`unzh.text.script`)
n_chars        characters of ``text``, whitespace excluded
line_start     first raw line (1-based) of the paragraph in the source file
line_end       last raw line
=============  ===============================================================

Measures group by a column of this table (``debate`` here; ``section`` or
``doc_id`` for other documents) — see :func:`default_grouping`.
"""
from __future__ import annotations

import re

import pandas as pd

from unzh.errors import InputError
from unzh.text.clean import Block, blocks

PARAGRAPH_COLUMNS = [
    "doc_id", "para_id", "section", "section_no", "section_title", "debate", "debate_title",
    "para_no", "kind", "text", "text_original", "n_chars", "line_start", "line_end",
]
#: kinds that carry the report's substance; measures use these rows by default
BODY_KINDS = ("paragraph",)

DEBATE_RE = re.compile(r"^专题辩论\s*(\d+)\s*[：:]\s*(.*)$")
LETTER_TITLE_RE = re.compile(r"(给|致).{0,20}的(信|普通照会)$")
ANNEX_RE = re.compile(r"^(.{0,80}的)?附件[一二三四五六七八九十\d]*$")
FOOTNOTE_RE = re.compile(r"^[*＊]\s*\S")
FOOTNOTE_MARK_RE = re.compile(r"[*＊]")
RULE_RE = re.compile(r"^[-–—_－=\s]{4,}$")
NOTE_RE = re.compile(r"^［(原件|原文)")
SENTENCE_PUNCT = re.compile(r"[。！？；]")

SECTION_LABELS_EN = {
    "front_matter": "Front matter",
    "letter": "Letter",
    "annex_intro": "Annex: introduction",
    "footnote": "Footnote",
    "closing": "Closing",
    "body": "Body",
    "preamble": "Preamble",
    "operative": "Operative part",
    "articles": "Articles",
}


def starts_block(line: str) -> bool:
    """Lines that always begin a new block, whatever the previous line looked like."""
    return bool(DEBATE_RE.match(line) or FOOTNOTE_RE.match(line) or RULE_RE.match(line))


def section_label(section: str, lang: str = "en") -> str:
    """A human label for a section id ("debate_2" → "Debate 2" / "专题辩论 2")."""
    m = re.fullmatch(r"debate_(\d+)", section)
    if m:
        return f"专题辩论 {m.group(1)}" if lang == "zh" else f"Debate {m.group(1)}"
    m = re.fullmatch(r"section_(\d+)", section)
    if m:
        return f"第{m.group(1)}部分" if lang == "zh" else f"Section {m.group(1)}"
    zh = {"front_matter": "卷首", "letter": "信函", "annex_intro": "附件导言", "footnote": "脚注",
          "closing": "结尾", "body": "正文",
          "preamble": "序言部分", "operative": "执行部分", "articles": "条款"}
    return zh.get(section, section) if lang == "zh" else SECTION_LABELS_EN.get(section, section)


#: The value of the one group when a measure is not grouped (``by=None``).
ALL_GROUPS = "all"


def group_name(by: str | None, value, lang: str = "en") -> str:
    """A group's name in titles and sentences: "Debate 2" / "专题辩论 2", a section's label
    (:func:`section_label`), a document's id as it is; "all groups" without a grouping."""
    if by is None or value == ALL_GROUPS:
        return "全部" if lang == "zh" else "all groups"
    if by == "debate":
        return section_label(f"debate_{int(value)}", lang)
    if by == "section":
        return section_label(str(value), lang)
    return str(value)


def groups_in_order(values: pd.Series) -> list:
    """The distinct values of a grouping column in order of first appearance, empty values left out."""
    return [v for v in dict.fromkeys(values.tolist()) if not pd.isna(v)]  # a list: iterating a column is slow


#: The columns measures group by (a debate, a section, a document).
GROUP_COLUMNS = ("debate", "section", "doc_id")


def check_grouping(table: pd.DataFrame, by: str | None) -> None:
    """The one check of a grouping: None (no grouping) or a grouping column the table has.

    Raises :class:`InputError` ``--by: unknown grouping column 'x' (use one of: ...)``; the same
    message from every measure and every subcommand.
    """
    if by is None:
        return
    if by not in GROUP_COLUMNS or by not in table.columns:
        usable = [c for c in GROUP_COLUMNS if c in table.columns] or list(GROUP_COLUMNS)
        raise InputError("--by", f"unknown grouping column {by!r} (use one of: {', '.join(usable)})")


def select_group(table: pd.DataFrame, by: str | None, group) -> pd.DataFrame:
    """The rows of ``group`` in the grouping column ``by`` (all rows if ``by`` is None);
    :class:`InputError` for an unknown column or group."""
    if by is None:
        return table
    check_grouping(table, by)
    values = groups_in_order(table[by])
    if group not in values:
        raise InputError(f"{by} {group}", f"no such group (groups: {', '.join(map(str, values))})")
    return table[table[by] == group]


def group_labels(paragraphs: pd.DataFrame, by: str, lang: str = "en") -> dict:
    """A label for every value of the grouping column ``by`` ("debate", "section" or "doc_id").

    Debates: "Debate 2" / "专题辩论 2" / both.  Sections: their heading where
    they have one (e.g. "第二章移徙与发展"), else the section's generic label.
    Documents: the document id.  ``lang`` is "zh", "en" or "both".
    """
    def both(zh, en):
        return zh if lang == "zh" else en if lang == "en" else (zh if zh == en else f"{zh} ({en})")

    values = groups_in_order(paragraphs[by])
    if by == "debate":
        return {v: both(f"专题辩论 {int(v)}", f"Debate {int(v)}") for v in values}
    if by == "section":
        titles = paragraphs.groupby("section", sort=False, observed=True)["section_title"].first()
        out = {}
        for v in values:
            t = titles.get(v, "")
            out[v] = t if (t and v.startswith("section_")) else both(section_label(v, "zh"), section_label(v, "en"))
        return out
    return {v: str(v) for v in values}


def _is_heading_like(b: Block) -> bool:
    """Unbulleted, or short and without sentence punctuation: a title line rather than a paragraph."""
    return b.indent == 0 or (len(b.text) <= 40 and not SENTENCE_PUNCT.search(b.text))


def _short_title(text: str) -> bool:
    """A short line without sentence punctuation (a title, not a sentence)."""
    return len(text) <= 40 and not re.search(r"[。；！？]", text) and not text.endswith(("，", "："))


_CN_NUM = "一二三四五六七八九十百零〇两"
#: top-level headings: 第一章 …, 第一部分 …, 一、…, I. …, and short numbered titles "1. 导言"
L1_HEADING_RE = re.compile(rf"^(第[{_CN_NUM}\d]+[章部篇]分?|[{_CN_NUM}]+、|[IVX]+[\.．]\s)\s*(.*)$")
#: second-level headings: 1.1 …, （一）…, A. …
L2_HEADING_RE = re.compile(rf"^(\d+[\.．]\d+[\.．]?|[（(][{_CN_NUM}]+[）)]|[A-H][\.．]\s)\s*(.*)$")
NUMBERED_RE = re.compile(r"^(\d+)[\.．、]\s*(.+)$")
ARTICLE_RE = re.compile(rf"^第[{_CN_NUM}\d]+条\s*(.*)$")
ENACTING_RE = re.compile(r"^(大会|安全理事会|经济及社会理事会|人权理事会|.{1,12}(会议|理事会|委员会|大会))[，,]$")
PREAMBLE_RE = re.compile(r"^(序言|序文)$")


def _rows_un_letter(doc_id: str, bs: list[Block]) -> list[dict]:
    """Rows for the letter-with-annex layout (front matter, letter, annex, debates, footnote)."""
    rows: list[dict] = []
    has_letter = any(LETTER_TITLE_RE.search(b.text) for b in bs)
    section = "front_matter" if has_letter else "body"
    section_title, debate, debate_title = "", None, ""
    last_debate_with_mark = None
    for b in bs:
        kind = "paragraph"
        text = b.text
        m = DEBATE_RE.match(text)
        row_section, row_debate = section, debate
        if m:
            debate, debate_title = int(m.group(1)), m.group(2).strip()
            section, section_title = f"debate_{debate}", text
            row_section, row_debate, kind = section, debate, "heading"
        elif RULE_RE.match(text):
            row_section, row_debate, kind = "closing", None, "rule"
        elif FOOTNOTE_RE.match(text):
            row_section, kind = "footnote", "footnote"
            row_debate = last_debate_with_mark if last_debate_with_mark is not None else debate
        elif section in ("front_matter",) and LETTER_TITLE_RE.search(text):
            section, section_title, row_section, kind = "letter", text, "letter", "heading"
        elif section in ("front_matter", "letter", "body") and ANNEX_RE.match(text):
            section, section_title, row_section, kind = "annex_intro", text, "annex_intro", "heading"
        elif section == "front_matter":
            kind = "heading"
        elif section == "letter" and b.indent >= 4:
            kind = "signature"
        elif NOTE_RE.match(text):
            kind = "note"
        elif section != "body" and _is_heading_like(b):
            kind = "heading"
        if kind == "paragraph" and FOOTNOTE_MARK_RE.search(text):
            last_debate_with_mark = debate
        rows.append(dict(doc_id=doc_id, section=row_section, section_title=section_title if row_section == section else "",
                         debate=row_debate, debate_title=debate_title if row_debate is not None and row_debate == debate else "",
                         kind=kind, text=text, line_start=b.line_start, line_end=b.line_end))
    return rows


def _rows_generic(doc_id: str, bs: list[Block]) -> list[dict]:
    """Rows for documents without debates: resolutions, declarations, chaptered or numbered reports.

    Recognised: a title block at the top (front matter); an enacting formula
    ("大会，") or a 序言 heading opening the preamble; top-level headings
    (第一章, 一、, I., short "1. 导言") opening sections ``section_N``;
    second-level headings (1.1, （一）, A.) as headings inside the section;
    articles (第一条) and numbered paragraphs (1. …) as paragraphs — outside
    any chapter they form the ``articles`` or ``operative`` section.  What is
    not recognised stays a paragraph of the current section (``body``).
    """
    rows: list[dict] = []
    section, title, n_l1, seen_l1 = "front_matter", "", 0, False
    for b in bs:
        text, kind, row_section = b.text, "paragraph", None
        m_l1 = L1_HEADING_RE.match(text)
        m_num = NUMBERED_RE.match(text)
        if RULE_RE.match(text):
            kind, row_section = "rule", "closing"
        elif FOOTNOTE_RE.match(text):
            kind, row_section = "footnote", "footnote"
        elif ENACTING_RE.match(text) or PREAMBLE_RE.match(text):
            section, title, kind = "preamble", text, "heading"
        elif L2_HEADING_RE.match(text) and _short_title(text):
            kind = "heading"
        elif (m_l1 or m_num) and _short_title(text):
            n_l1 += 1
            seen_l1 = True
            section, title, kind = f"section_{n_l1}", text, "heading"
        elif ARTICLE_RE.match(text):
            if not seen_l1 and section != "articles":
                section, title = "articles", ""
            kind = "heading" if not ARTICLE_RE.match(text).group(1) else "paragraph"
        elif m_num:
            if not seen_l1 and section in ("front_matter", "preamble", "body"):
                section, title = "operative", ""
        elif section == "front_matter" and _short_title(text):
            kind = "heading"
        elif section == "front_matter":
            section, title = "body", ""
        rs = row_section or section
        rows.append(dict(doc_id=doc_id, section=rs, section_title=title if rs == section else "", debate=None,
                         debate_title="", kind=kind, text=text, line_start=b.line_start, line_end=b.line_end))
    return rows


def _has_debates(bs: list[Block]) -> bool:
    return any(DEBATE_RE.match(b.text) for b in bs)


def _is_un_letter(bs: list[Block]) -> bool:
    return any(LETTER_TITLE_RE.search(b.text) for b in bs)


def paragraph_table(doc_id: str, text: str, original: str | None = None) -> pd.DataFrame:
    """Recover the structure of a document's (raw, decoded) text as the paragraph table.

    Letters with an annex and thematic debates (the seed's layout) are read
    by landmarks; other documents by their headings and numbering; what is
    not recognised falls back to blank-line paragraphs in one ``body`` section.
    ``original``: the text in its own script when ``text`` is a converted
    (simplified) copy; it fills ``text_original`` block by block.
    """
    bs = blocks(text, starts_block=starts_block)
    if _has_debates(bs) or _is_un_letter(bs):
        rows = _rows_un_letter(doc_id, bs)
    else:
        rows = _rows_generic(doc_id, bs)
    texts = [r["text"] for r in rows]
    if original is not None:
        from unzh.text.script import to_simplified
        ob = blocks(original, starts_block=lambda line: starts_block(to_simplified(line)))
        if [b.line_start for b in ob] != [b.line_start for b in bs]:  # never expected: conversion keeps lines
            raise ValueError(f"{doc_id}: script conversion changed the paragraph structure")
        texts = [b.text for b in ob]
    for r, t in zip(rows, texts):
        r["text_original"] = t
    return _finish(rows)


def _finish(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=[c for c in PARAGRAPH_COLUMNS if c not in ("para_id", "section_no", "para_no", "n_chars")])
    if df["text_original"].isna().all():
        df["text_original"] = df["text"]
    df.insert(1, "para_id", range(1, len(df) + 1))
    order = list(dict.fromkeys(df["section"]))
    df.insert(3, "section_no", df["section"].map({s: i + 1 for i, s in enumerate(order)}))
    df["debate"] = df["debate"].astype("Int64")
    is_par = df["kind"].eq("paragraph")
    para_no = is_par.groupby(df["section"], observed=True).cumsum().where(is_par)
    df.insert(7, "para_no", para_no.astype("Int64"))
    df.insert(11, "n_chars", df["text"].str.replace(r"\s", "", regex=True).str.len())
    return df[PARAGRAPH_COLUMNS].reset_index(drop=True)


def default_grouping(paragraphs: pd.DataFrame) -> str:
    """The column measures should group by: ``doc_id`` for a corpus, ``debate`` where there are debates, else ``section``."""
    if paragraphs["doc_id"].nunique() > 1:
        return "doc_id"
    body = paragraphs[paragraphs["kind"].isin(BODY_KINDS)]
    if body["debate"].notna().any():
        return "debate"
    return "section"


def body(paragraphs: pd.DataFrame, kinds=BODY_KINDS) -> pd.DataFrame:
    """The rows measures count: paragraphs of the given kinds (by default bullet/body paragraphs)."""
    return paragraphs[paragraphs["kind"].isin(kinds)]

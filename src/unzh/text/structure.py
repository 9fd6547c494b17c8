"""Structure recovery: cleaned blocks → the paragraph table.

The paragraph table (a pandas DataFrame, one row per logical paragraph) has
these columns, in this order (:data:`PARAGRAPH_COLUMNS`):

=============  ===============================================================
doc_id         document id (file name without extension)
para_id        1-based position of the row in the document
section        section id: ``front_matter``, ``letter``, ``annex_intro``,
               ``debate_1`` …, ``footnote``, ``closing``; ``preamble`` and
               ``operative`` in resolutions; ``section_N`` (N-th top-level
               division: chapter, section, goal, annex) or ``article_N``
               (article N, where articles are the top level); ``articles``
               for one-line articles under no heading; ``body`` for text
               under no heading
section_no     1-based order of the section in the document
section_title  the heading that opened the section (may be empty)
debate         debate number (nullable int) where there is one; a footnote
               carries the debate of the paragraph whose marker it explains
debate_title   the debate's title (empty outside debates)
para_no        number of the paragraph within its section — within its
               article where there are articles — counting only rows of kind
               ``paragraph`` (nullable int)
kind           ``heading``, ``paragraph``, ``note``, ``signature``,
               ``footnote``, ``rule``
text           the cleaned text (see :mod:`unzh.text.clean`), in simplified script
text_original  the cleaned text in the document's own script (equal to
               ``text`` unless the document was traditional, see
               :mod:`unzh.text.script`)
n_chars        characters of ``text``, whitespace excluded
line_start     first raw line (1-based) of the paragraph in the source file
line_end       last raw line (a line split into several rows, see below,
               gives each of them the same line numbers)
unit_kind      what the row is in the document's grammar (:data:`UNIT_KINDS`)
unit           the row's own number as printed, normalised (empty if it has none)
path           the units above the row, outermost first, ``/``-separated
layout         the layout recognised for the document (:data:`LAYOUTS`)
=============  ===============================================================

**Units.** ``unit`` normalises the printed number: ``第三条`` → ``3``, ``第一章`` →
``1`` (Chinese numerals of 第…章/条/部分 become digits); a section ``一.`` or ``一、``
→ ``一``, ``I.`` → ``I``, ``A.`` → ``A``, ``（一）`` → ``(一)``; operative paragraph
``5.`` → ``5``; goal ``目标1.`` → ``1``; target ``1.1`` / ``3.a`` and indicator
``1.1.1`` as printed; a sub-item ``(a)`` of paragraph 5 → ``5(a)`` (its own
citation; nested ``5(a)(i)``), ``㈠`` → ``(一)``; footnote ``*`` or ``1``; a
resolution's number ``61/208``; a document symbol ``A/61/515``.  Unnumbered
paragraphs (the seed's bullets, preambular paragraphs) have an empty ``unit``
and are counted by ``para_no``.  ``path`` joins the printed labels of the
enclosing units: ``第一章/第三条``, ``附件/专题辩论1``, ``二/1.1``, ``目标1/1.1``
(for indicator ``1.1.1``), ``5`` (for item ``5(a)``).

Measures group by a column of this table (:data:`GROUP_COLUMNS`: ``debate``
for the seed; ``section`` or ``doc_id`` for other documents — see
:func:`default_grouping` — or a unit column) or by the units of one kind
(:data:`UNIT_GROUPINGS`: ``article``, ``goal``, ``target``, ``operative`` …, see
:func:`unit_grouping`); :func:`groupings_of` lists what a table offers.  How much of a
document is body text, and which layout was found, is :func:`structure_coverage`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from unzh.errors import InputError
from unzh.text.clean import Block, blocks, join_lines, normalise
from unzh.text.words import plural

PARAGRAPH_COLUMNS = [
    "doc_id", "para_id", "section", "section_no", "section_title", "debate", "debate_title",
    "para_no", "kind", "text", "text_original", "n_chars", "line_start", "line_end",
    "unit_kind", "unit", "path", "layout",
]
#: kinds that carry the report's substance; measures use these rows by default
BODY_KINDS = ("paragraph",)

#: values of ``unit_kind``: body units (kind ``paragraph``) and the others
UNIT_KINDS = {
    "paragraph": "a paragraph (numbered or not) that is no more specific unit",
    "preambular": "a preambular paragraph of a resolution or declaration",
    "formula": "a proclaiming formula ending the preamble (兹宣布如下：)",
    "operative": "a numbered operative paragraph of a resolution",
    "item": "a sub-item (a) / (一) / ㈠ of a paragraph",
    "article": "an article (第三条) — a heading, or the article's text when on one line",
    "target": "a target (1.1, 1.a) of a goal",
    "indicator": "an indicator (1.1.1) of a target",
    "debate": "a thematic debate's heading (专题辩论1：…)",
    "annex": "an annex heading",
    "part": "a part heading (第一部分)",
    "chapter": "a chapter heading (第一章)",
    "section": "a top-level numbered heading (一. / 一、 / I. / short 1.)",
    "subsection": "a second-level numbered heading (A. / （一） / 1.1)",
    "subsubsection": "a third-level numbered heading",
    "goal": "a goal heading (目标1. / 1. followed by its targets)",
    "preamble": "the heading 序言",
    "chapeau": "the enacting organ opening a resolution (大会， / 安全理事会)",
    "letter": "a letter's title line (…给秘书长的信)",
    "heading": "an unnumbered heading or title line",
    "front_matter": "a line of the front matter that is none of the following",
    "title": "a resolution's number and title (61/208. …)",
    "symbol": "the document symbol (A/61/515)",
    "distribution": "the distribution line (Distr.: General)",
    "date": "a date line of the header",
    "session": "the session line (第六十一届会议)",
    "agenda_item": "the agenda item line (议程项目55(b))",
    "original_language": "the original-language note (原文：英文 / ［原件：英文］)",
    "note": "another editorial note",
    "adoption": "the adoption note (2006年12月20日第83次全体会议)",
    "footnote": "a footnote",
    "signature": "a signature line",
    "rule": "a horizontal rule",
}
#: values of ``layout``
LAYOUTS = {
    "letter_annex": "a letter with an annex and thematic debates (the seed)",
    "resolution": "a resolution: chapeau, preambular and operative paragraphs, adoption note",
    "instrument": "a declaration, convention or charter: 序言, chapters, articles",
    "hierarchical": "goals, targets and indicators: 目标1. / 1.1 / 1.a / 1.1.1",
    "report": "a report: header block, numbered headings and paragraphs, footnotes",
    "fallback": "no layout recognised: one paragraph per blank-line block or line",
}
#: below this share of its characters in body paragraphs a document is announced
MIN_BODY_SHARE = 0.6

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


#: a line opening with a unit's number (1.1 / 1.a / 1.1.1, 目标1, 5. , 一、, 第三条 ) starts a block even
#: in hard-wrapped text: a goals or indicators list has no sentence end to break at.  Not items
#: ((a), ㈠): PDF text wraps inside a paragraph's inline items (the seed's "…；\n㈢ 应执行…")
STARTS_UNIT_RE = re.compile(
    r"^(\d{1,2}[.．](\d{1,2}|[a-z])([.．](\d{1,2}|[a-z]))?(?![\d%‰.．a-zA-Z])|目标\s*\d{1,2}\s*[.．:：]|"
    r"\d{1,3}[.．]\s|[一二三四五六七八九十]+[、．]|"
    r"第[一二三四五六七八九十百零〇\d]+[章条](\s|$))")


#: the first characters a line matched by :func:`starts_block` can have (besides decimal digits
#: and whitespace): a cheap test before the regular expressions
_STARTS_FIRST = frozenset("专*＊-–—_－=目第一二三四五六七八九十")


def starts_block(line: str) -> bool:
    """Lines that always begin a new block, whatever the previous line looked like."""
    c0 = line[:1]
    if not (c0 in _STARTS_FIRST or c0.isdecimal() or c0.isspace()):
        return False
    return bool(DEBATE_RE.match(line) or FOOTNOTE_RE.match(line) or RULE_RE.match(line)
                or STARTS_UNIT_RE.match(line))


def section_label(section: str, lang: str = "en") -> str:
    """A human label for a section id ("debate_2" → "Debate 2" / "专题辩论 2")."""
    m = re.fullmatch(r"debate_(\d+)", section)
    if m:
        return f"专题辩论 {m.group(1)}" if lang == "zh" else f"Debate {m.group(1)}"
    m = re.fullmatch(r"section_(\d+)", section)
    if m:
        return f"第{m.group(1)}部分" if lang == "zh" else f"Section {m.group(1)}"
    m = re.fullmatch(r"article_(\w+)", section)
    if m:
        return f"第{m.group(1)}条" if lang == "zh" else f"Article {m.group(1)}"
    zh = {"front_matter": "卷首", "letter": "信函", "annex_intro": "附件导言", "footnote": "脚注",
          "closing": "结尾", "body": "正文",
          "preamble": "序言部分", "operative": "执行部分", "articles": "条款"}
    return zh.get(section, section) if lang == "zh" else SECTION_LABELS_EN.get(section, section)


#: The value of the one group when a measure is not grouped (``by=None``).
ALL_GROUPS = "all"


def group_name(by: str | None, value, lang: str = "en", names=None) -> str:
    """A group's name in titles and sentences: ``names[value]`` where given (:func:`group_names`: the
    document's own "Chapter 2", as the charts name it), else "Debate 2" / "专题辩论 2", a section's
    label (:func:`section_label`), a document's id as it is; "all groups" without a grouping."""
    if names is not None and value in names:
        return str(names[value])
    if by is None or value == ALL_GROUPS:
        return "全部" if lang == "zh" else "all groups"
    if by == "debate":
        return section_label(f"debate_{int(value)}", lang)
    if by == "section":
        return section_label(str(value), lang)
    if by in UNIT_LABELS or by == "unit_kind":
        return unit_label(by, value, lang)
    return str(value)


#: How a unit of a :data:`UNIT_GROUPINGS` kind is named: (Chinese, English) patterns of its number
UNIT_LABELS = {
    "part": ("第{}部分", "Part {}"), "chapter": ("第{}章", "Chapter {}"), "subsection": ("{}", "Section {}"),
    "subsubsection": ("{}", "Section {}"), "article": ("第{}条", "Art. {}"), "goal": ("目标{}", "Goal {}"),
    "target": ("具体目标{}", "Target {}"), "indicator": ("指标{}", "Indicator {}"),
    "operative": ("执行部分第{}段", "Op. para. {}"), "annex": ("附件{}", "Annex {}"),
    # named by their citation (unit_grouping), in English whatever the language
    **{k: ("{}", "{}") for k in ("paragraph", "preambular", "item", "formula")},
}

#: unit kinds as group names (``--by unit_kind``)
UNIT_KIND_LABELS = {"paragraph": ("段落", "Paragraphs"), "preambular": ("序言部分段落", "Preambular paragraphs"),
                    "operative": ("执行部分段落", "Operative paragraphs"), "item": ("分项", "Sub-items"),
                    "formula": ("宣告语", "Proclaiming formula"), "article": ("条款", "Articles"),
                    "target": ("具体目标", "Targets"), "indicator": ("指标", "Indicators")}


def unit_label(by: str, value, lang: str = "en") -> str:
    """The name of a group of a unit grouping: ``unit_label("article", "3")`` → "Art. 3" / "第3条";
    in a corpus (``doc_id:unit``) the document id comes first ("a · Art. 3").  ``by="unit_kind"``
    names a kind ("Operative paragraphs" / "执行部分段落")."""
    text = str(value)
    if by == "unit_kind":
        zh, en = UNIT_KIND_LABELS.get(text, (text, text.replace("_", " ").capitalize()))
        return zh if lang == "zh" else en
    doc, sep, unit = text.rpartition(":")
    zh, en = UNIT_LABELS[by]
    name = (zh if lang == "zh" else en).format(unit)
    return f"{doc} · {name}" if sep else name


def groups_in_order(values: pd.Series) -> list:
    """The distinct values of a grouping column in order of first appearance, empty values left out."""
    return [v for v in dict.fromkeys(values.tolist()) if not pd.isna(v)]  # a list: iterating a column is slow


#: The columns measures group by: a debate, a section (chapter, goal, article …), a document, and
#: the unit columns of the structure model (``unit_kind``: preambular / operative / item …;
#: ``path``: the units above the row, e.g. ``第一章/第三条``).  ``unit`` alone is no grouping: its
#: numbers repeat across units (paragraph 1 of every article); group by a unit kind instead.
GROUP_COLUMNS = ("debate", "section", "doc_id", "unit_kind", "path")

#: Unit kinds a measure can also group by (``--by article``, ``--by goal``, ``--by preambular`` …):
#: each row belongs to the unit of that kind it lies in (see :func:`unit_grouping`); the column is
#: added on request.  Every numbered unit kind is one (headings and body units alike), and so is
#: every body unit kind (:data:`CITED_GROUPINGS`).  Not ``section`` and ``debate`` (they are columns:
#: ``--by section`` groups by the section column), nor the kinds of front matter, notes and headings
#: without numbers (chapeau, title, heading ...), which hold no body paragraph.
CITED_GROUPINGS = ("paragraph", "preambular", "item", "formula")
UNIT_GROUPINGS = ("part", "chapter", "subsection", "subsubsection", "article", "goal", "target",
                  "indicator", "operative", "annex", *CITED_GROUPINGS)
#: Of :data:`CITED_GROUPINGS`, the kinds whose units carry no printed number: every row of the kind is a unit.
#: (``paragraph`` and ``item`` group numbered paragraphs and items only; an unnumbered paragraph is no unit
#: of its own: group by ``section`` or ``path``.)
_UNNUMBERED_GROUPINGS = ("preambular", "formula")


def check_grouping(table: pd.DataFrame, by: str | None) -> None:
    """The one check of a grouping: None (no grouping) or a grouping column the table has
    (:data:`GROUP_COLUMNS`, or a :data:`UNIT_GROUPINGS` column added by :func:`add_unit_grouping`).

    Raises :class:`InputError` ``--by: unknown grouping column 'x' (use one of: ...)``; the same
    message from every measure and every subcommand.
    """
    if by is None:
        return
    if by not in (*GROUP_COLUMNS, *UNIT_GROUPINGS) or by not in table.columns:
        usable = [c for c in (*GROUP_COLUMNS, *UNIT_GROUPINGS) if c in table.columns] or list(GROUP_COLUMNS)
        raise InputError("--by", f"unknown grouping column {by!r} (use one of: {', '.join(usable)})")


def groupings_of(paragraphs: pd.DataFrame) -> list[str]:
    """The groupings ``--by`` accepts for this paragraph table: the :data:`GROUP_COLUMNS` it has
    with at least one value on a body row, then the :data:`UNIT_GROUPINGS` kinds it has a numbered
    unit of (a document with articles: ``article``; a goals list: ``goal``, ``target``)."""
    rows = paragraphs[paragraphs["kind"].isin(BODY_KINDS)]
    cols = [c for c in GROUP_COLUMNS if c in rows.columns
            and rows[c].replace("", pd.NA).notna().any()]
    units = paragraphs.loc[paragraphs["unit"].fillna("").astype(str) != "", "unit_kind"]
    present = set(rows["unit_kind"].dropna()) if "unit_kind" in rows.columns else set()
    kinds = [k for k in UNIT_GROUPINGS if (units == k).any() or (k in _UNNUMBERED_GROUPINGS and k in present)]
    return cols + kinds


def resolve_grouping(paragraphs: pd.DataFrame, by: str | None) -> str | None:
    """``by`` checked against :func:`groupings_of` (one-line :class:`InputError` naming the usable
    ones otherwise); ``None`` and ``"none"`` mean no grouping."""
    if by is None or by == "none":
        return None
    usable = groupings_of(paragraphs)
    if by not in usable:
        known = by in GROUP_COLUMNS or by in UNIT_GROUPINGS
        why = "this text has no such unit" if known else "unknown grouping column"
        hint = " (numbers repeat across units: use path or a unit kind)" if by == "unit" else ""
        raise InputError("--by", f"{why} {by!r}{hint} (use one of: {', '.join(usable) or 'none'})")
    return by


def unit_grouping(paragraphs: pd.DataFrame, kind: str) -> pd.Series:
    """For each row, the unit of kind ``kind`` it lies in: the ``unit`` of the nearest row above of
    that kind whose path the row's path continues (or the row's own unit if it is of that kind);
    missing (``<NA>``) for rows outside every such unit (a preamble before operative paragraph 1, a
    chapter heading between articles).  In a corpus the value is ``doc_id:unit``.

    Example: in a convention ``第一章 / 第一条 / 1. …`` the paragraphs of article 1 get ``"1"`` with
    ``kind="article"``; with ``kind="chapter"`` every row under chapter 1 gets ``"1"``.

    A :data:`CITED_GROUPINGS` kind (``paragraph``, ``preambular``, ``item``, ``formula``) is named by
    its unit's citation (:func:`unit_reference`: ``art. 3, para. 2``, ``preambular para. 2``,
    ``op. para. 2 (a)``), since its number repeats across units or is not printed; a numbered
    paragraph's items belong to it.
    """
    out = [pd.NA] * len(paragraphs)
    several = paragraphs["doc_id"].nunique() > 1
    kinds = paragraphs["unit_kind"].fillna("").astype(str).tolist()
    units = paragraphs["unit"].fillna("").astype(str).tolist()
    paths = paragraphs["path"].fillna("").astype(str).tolist()
    docs = paragraphs["doc_id"].astype(str).tolist()
    if kind in CITED_GROUPINGS:
        names = unit_references(paragraphs, with_document=False).tolist()
        if kind in _UNNUMBERED_GROUPINGS:
            units = [n if k == kind else u for n, k, u in zip(names, kinds, units)]
        else:
            units = [n if k == kind and u else "" for n, k, u in zip(names, kinds, units)]
    current = None  # (doc, path elements of the unit's row, value)
    for i, (doc, k, u, p) in enumerate(zip(docs, kinds, units, paths)):
        elems = p.split("/") if p else []
        if k == kind and u:
            current = (doc, elems, f"{doc}:{u}" if several else u)
            out[i] = current[2]
        elif current is not None and current[0] == doc and len(elems) > len(current[1]) \
                and elems[:len(current[1])] == current[1]:
            out[i] = current[2]
        else:
            current = None
    return pd.Series(pd.array(out, dtype="str"), index=paragraphs.index, name=kind)


def add_unit_grouping(paragraphs: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``paragraphs`` with the column ``by`` added when it is a :data:`UNIT_GROUPINGS` kind
    (:func:`unit_grouping`); unchanged otherwise."""
    if by not in UNIT_GROUPINGS or by in paragraphs.columns:
        return paragraphs
    return paragraphs.assign(**{by: unit_grouping(paragraphs, by)})


def attach_grouping(tokens: pd.DataFrame, paragraphs: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``tokens`` (or a coded table) with the grouping column ``by`` of their paragraph rows,
    matched by ``doc_id`` and ``para_id`` — a :data:`UNIT_GROUPINGS` kind, or a
    :data:`GROUP_COLUMNS` column the table lacks; unchanged when it is there already or ``by`` is None."""
    if by is None or by in tokens.columns or by not in (*GROUP_COLUMNS, *UNIT_GROUPINGS):
        return tokens
    paragraphs = add_unit_grouping(paragraphs, by)
    key = pd.MultiIndex.from_arrays([paragraphs["doc_id"].astype(str), paragraphs["para_id"]])
    at = key.get_indexer(pd.MultiIndex.from_arrays([tokens["doc_id"].astype(str), tokens["para_id"]]))
    values = paragraphs[by].array.take(at, allow_fill=True)
    return tokens.assign(**{by: pd.Categorical(values) if pd.api.types.is_string_dtype(values) else values})


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


#: where :func:`short_title` cuts a title: at the first of these marks (a clause's end)
TITLE_CUT_MARKS = "，。；：、！？,;:!?（(—"
#: :func:`short_title`'s limits: characters of a Chinese title, letters of a Latin one
TITLE_MAX_CJK = 12
TITLE_MAX_LATIN = 40
ELLIPSIS = "…"
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


#: a heading's own number before its title (kept whole by :func:`short_title`)
_TITLE_NUMBERING = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[编部分章节条款]\s*|[一二三四五六七八九十百]+[、.．]\s*|"
    r"[（(][一二三四五六七八九十\da-zA-Z]+[）)]\s*|[IVXLC]+[.．]\s+|[A-Z][.．]\s+|\d+(?:[.．]\d+)*[.．、]?\s+)")


def short_title(text: str, max_cjk: int = TITLE_MAX_CJK, max_latin: int = TITLE_MAX_LATIN) -> str:
    """A heading's title shortened for a chart label; an ellipsis marks what was cut.

    The rule: drop a final full stop; cut at the first clause mark of
    :data:`TITLE_CUT_MARKS` (，、：; …); then keep at most ``max_cjk``
    characters of a title with Chinese characters, or at most ``max_latin``
    characters of a Latin one, cut at the last space that fits.  Examples:
    "国际移徙与发展的多层面方面，包括汇款。" → "国际移徙与发展的多层面方…";
    "Effects of international migration on economic and social development"
    → "Effects of international migration on…"; "移徙与发展" stays as it is.  A leading
    number ("一、", "第三章 ", "（二）", "IV. ", "A. ") is kept and not counted, so that its own mark
    does not cut the title: "一、导言：背景与任务" → "一、导言…".
    """
    full = str(text).strip().rstrip("。.．")
    lead = _TITLE_NUMBERING.match(full)
    if lead and lead.end() == len(full):
        return full  # a number and nothing else
    prefix = lead.group(0) if lead and lead.end() < len(full) else ""  # "一、", "第三章 ", "A. ", "（二）"
    rest = full[len(prefix):]
    cut = rest
    for i, ch in enumerate(rest):
        if ch in TITLE_CUT_MARKS and i > 0:
            cut = rest[:i]
            break
    cut = cut.strip()
    if _CJK_RE.search(cut):
        if len(cut) > max_cjk:
            cut = cut[:max_cjk]
    elif len(cut) > max_latin:
        room = cut[:max_latin + 1]
        cut = room[:room.rfind(" ")] if " " in room.strip() else cut[:max_latin]
        cut = cut.rstrip(" ,;:-")
    return prefix + cut if prefix + cut == full else prefix + cut + ELLIPSIS


def title_key(text: str) -> str:
    """The form of a title that glossaries list: stripped, without its final full stop."""
    return str(text).strip().rstrip("。.．")


def _titled(name_zh: str, name_en: str, title, glosses, lang: str) -> str:
    """"专题辩论 2 · 国际移徙对经济和社会发展…" / "Debate 2 · Effects of international migration on…"; both on two lines."""
    title = "" if title is None or pd.isna(title) else title_key(title)
    if not title:
        zh, en = name_zh, name_en
        return zh if lang == "zh" else en if lang == "en" else (zh if zh == en else f"{zh} ({en})")
    zh = f"{name_zh} · {short_title(title)}"
    gloss = (glosses or {}).get(title)
    en = f"{name_en} · {short_title(gloss)}" if gloss else name_en
    return zh if lang == "zh" else en if lang == "en" else f"{zh}\n{en}"


_CN_NUM_CHARS = "一二三四五六七八九十百零〇两"
#: what a top-level heading calls its unit, by its own numbering: (pattern, English noun, Chinese noun)
_HEADING_KINDS = (
    (re.compile(rf"^第\s*[{_CN_NUM_CHARS}\d]+\s*章"), "chapter", "章"),
    (re.compile(rf"^第\s*[{_CN_NUM_CHARS}\d]+\s*(部分|篇|编)"), "part", "部分"),
    (re.compile(rf"^第\s*[{_CN_NUM_CHARS}\d]+\s*条"), "article", "条"),
    (re.compile(r"^目标\s*\d"), "goal", "目标"),
)
#: the number a heading prints: 第二章 → 二, 一、 → 一, IV. → IV, 3. → 3, 目标4 → 4
_HEADING_NUMBER = re.compile(rf"^(?:第\s*([{_CN_NUM_CHARS}\d]+)\s*(?:章|部分|篇|编|条)|目标\s*(\d+)|"
                             rf"([{_CN_NUM_CHARS}]+)\s*[、.．]|[（(]([{_CN_NUM_CHARS}]+)[）)]|([IVXLC]+)[.．]\s|"
                             r"([A-Z])[.．]\s|(\d+(?:[.．]\d+)*)[.．、]?\s)")

#: the name of a grouping's units, English and Chinese (singular), when the document does not say more
GROUP_NOUNS = {"debate": ("debate", "专题辩论"), "section": ("section", "部分"), "doc_id": ("document", "文件"),
               "unit_kind": ("kind of unit", "单位类型"), "path": ("unit", "单位"), "part": ("part", "部分"),
               "chapter": ("chapter", "章"), "subsection": ("section", "小节"), "subsubsection": ("section", "小节"),
               "article": ("article", "条"), "goal": ("goal", "目标"), "target": ("target", "具体目标"),
               "indicator": ("indicator", "指标"), "operative": ("operative paragraph", "执行段落"),
               "annex": ("annex", "附件")}


def heading_kind(title) -> tuple[str, str]:
    """What a top-level heading calls its unit: ("chapter", "章") for 第二章…, ("part", "部分") for
    第一部分…, ("article", "条"), ("goal", "目标"); ("section", "部分") for any other numbering (一、…, I. …)."""
    text = "" if title is None or pd.isna(title) else str(title).strip()
    for pattern, en, zh in _HEADING_KINDS:
        if pattern.match(text):
            return en, zh
    return "section", "部分"


def _heading_number(title) -> str | None:
    """The number a heading prints, as a reader cites it: 第二章 → "2", 一、 → "1", IV. → "IV", 目标4 → "4"."""
    m = _HEADING_NUMBER.match("" if title is None or pd.isna(title) else str(title).strip())
    if not m:
        return None
    value = next(g for g in m.groups() if g)
    return str(cn_to_int(value)) if value[0] in _CN_NUM_CHARS else value


def _numbered_sections(table: pd.DataFrame) -> dict:
    """``{section id: its heading}`` for the numbered sections (``section_N``, ``article_N``) of ``table``."""
    if "section_title" not in table.columns:
        return {}
    rows = table[["section", "section_title"]].copy()
    rows = rows[rows["section"].astype(str).str.match(r"(section|article)_") & rows["section_title"].notna()]
    rows = rows[rows["section_title"].astype(str).str.strip() != ""]
    return rows.groupby("section", sort=False, observed=True)["section_title"].first().to_dict()


def group_noun(table: pd.DataFrame, by: str | None, lang: str = "en") -> str:
    """What the groups of ``by`` are, as the document calls them (singular): "debate", "document",
    "article"; for ``by="section"``, the kind its numbered headings share ("chapter" for 第一章…,
    "part", "article", "goal"; "section" for 一、… or mixed kinds), and "part" for a resolution's
    preamble and operative part.  ``lang="zh"``: 专题辩论, 章, 部分 …"""
    if by is None:
        return "全文" if lang == "zh" else "text"
    if by == "section":
        kinds = {heading_kind(t) for t in _numbered_sections(table).values()}
        if len(kinds) == 1:
            en, zh = kinds.pop()
        elif not kinds and set(groups_in_order(body(table)["section"]) if "kind" in table.columns
                               else groups_in_order(table["section"])) <= {"preamble", "operative"}:
            en, zh = "part", "部分"
        else:
            en, zh = GROUP_NOUNS["section"]
        return zh if lang == "zh" else en
    en, zh = GROUP_NOUNS.get(by, (by, by))
    return zh if lang == "zh" else en


class GroupLabels(dict):
    """``{group: label}`` (:func:`group_labels`) that also knows what its groups are called:
    ``noun`` ("chapter") and ``noun_zh`` (章), from :func:`group_noun`."""

    noun: str = "group"
    noun_zh: str = "组"


def _capitalised(text: str) -> str:
    """A title's English with a capital first letter (the glossary keeps terms in lower case: "rights")."""
    return text[:1].upper() + text[1:]


def group_names(table: pd.DataFrame, by: str | None) -> GroupLabels:
    """The English name of every group of ``by``, as sentences and charts cite it: "Debate 2",
    "Chapter 2" (a section headed 第二章…), "Section 1" (一、…), "Preamble", "Art. 3", a document's
    id — the first part of every :func:`group_labels` label, without the heading's title."""
    return group_labels(table, by, "en")


def group_labels(paragraphs: pd.DataFrame, by: str, lang: str = "en", glosses=None) -> GroupLabels:
    """A label for every value of the grouping column ``by``, from the document's own headings.

    Debates: the number and the debate's title, shortened (:func:`short_title`):
    "专题辩论 2 · 国际移徙对经济和社会发展…"; in English "Debate 2 · " and the
    shortened English of the title where ``glosses`` (``{title: English}``,
    e.g. :func:`unzh.textplot.frequency.term_glosses`) has it, else "Debate 2"
    alone; ``lang="both"`` puts the Chinese and the English on two lines.
    A table without titles (a token table) gives "Debate 2" / "专题辩论 2" /
    "专题辩论 2 (Debate 2)"; a coded table's debate titles come from its
    ``section_title`` (the heading "专题辩论2：…").  Sections: a debate section as a debate; a
    numbered section its heading, shortened, in Chinese ("第二章权利", "一、关于保护移徙者人权…"),
    and in English its kind and number (:func:`heading_kind`) with the English of its title where
    the glossary has the heading or its title ("Chapter 2 · Rights"; "Section 1" without one);
    other sections their generic label ("Preamble").  Unit groupings: "Art. 3", "Target 1.a"
    (:func:`unit_label`).  Documents: the document id.  ``lang`` is "zh", "en" or "both".
    The result also carries the groups' noun (:class:`GroupLabels`).
    """
    out = GroupLabels(_group_labels(paragraphs, by, lang, glosses))
    out.noun, out.noun_zh = group_noun(paragraphs, by), group_noun(paragraphs, by, "zh")
    return out


def _group_labels(paragraphs: pd.DataFrame, by: str, lang: str, glosses) -> dict:
    def both(zh, en):
        return zh if lang == "zh" else en if lang == "en" else (zh if zh == en else f"{zh} ({en})")

    def first(column: str) -> dict:
        if column not in paragraphs.columns:
            return {}
        rows = paragraphs[[by, column]].copy()
        rows[column] = rows[column].fillna("").astype(str)
        rows = rows[rows[column].str.strip() != ""]
        return rows.groupby(by, sort=False, observed=True)[column].first().to_dict()

    values = groups_in_order(paragraphs[by])
    if by == "debate":
        titles = first("debate_title")
        if not titles:  # a coded table carries the heading (专题辩论1：…) in section_title
            headings = {v: DEBATE_RE.match(t.strip()) for v, t in first("section_title").items()}
            titles = {v: m.group(2) for v, m in headings.items() if m}
        return {v: _titled(f"专题辩论 {int(v)}", f"Debate {int(v)}", titles.get(v), glosses, lang) for v in values}
    if by == "section":
        titles = first("section_title")
        debate_titles = first("debate_title") if "debate" in paragraphs.columns else {}
        out = {}
        for v in values:
            t = titles.get(v, "")
            m = re.fullmatch(r"debate_(\d+)", str(v))
            if m:
                dt = debate_titles.get(v, "")
                dm = DEBATE_RE.match(t) if t else None
                out[v] = _titled(section_label(v, "zh"), section_label(v, "en"), dt or (dm.group(2) if dm else ""),
                                 glosses, lang)
            elif t and v.startswith(("section_", "article_")):
                key = title_key(t)
                number = _heading_number(key) or v.rpartition("_")[2]
                lead = _TITLE_NUMBERING.match(key)
                rest = key[lead.end():].strip() if lead else key
                name = f"{heading_kind(key)[0].capitalize()} {number}" if heading_kind(key)[0] != "article" \
                    else f"Art. {number}"
                gloss = (glosses or {}).get(key) or ((glosses or {}).get(rest) if rest else None)
                en = f"{name} · {_capitalised(short_title(gloss))}" if gloss else name
                zh = short_title(key)
                out[v] = zh if lang == "zh" else en if lang == "en" else f"{zh}\n{en}"
            else:
                out[v] = both(section_label(v, "zh"), section_label(v, "en"))
        return out
    if by in UNIT_LABELS or by == "unit_kind":
        return {v: both(unit_label(by, v, "zh"), unit_label(by, v, "en")) for v in values}
    return {v: str(v) for v in values}


# --------------------------------------------------------------------------------------------
# The grammar: numbering markers, header lines, notes
# --------------------------------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十百零〇两"
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ENCLOSED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"  # U+3220..3229: ㈠ = (一)

#: top-level headings: 第一章 …, 第一部分 …, 一、…, I. …, and short numbered titles "1. 导言"
L1_HEADING_RE = re.compile(rf"^(第[{_CN_NUM}\d]+[章部篇]分?|[{_CN_NUM}]+、|[IVX]+[\.．]\s)\s*(.*)$")
#: second-level headings: 1.1 …, （一）…, A. …
L2_HEADING_RE = re.compile(rf"^(\d+[\.．]\d+[\.．]?|[（(][{_CN_NUM}]+[）)]|[A-H][\.．]\s)\s*(.*)$")
NUMBERED_RE = re.compile(r"^(\d+)[\.．、]\s*(.+)$")
ARTICLE_RE = re.compile(rf"^第[{_CN_NUM}\d]+条\s*(.*)$")
#: the enacting organ opening a resolution, with or without its comma (安全理事会 has none)
ENACTING_RE = re.compile(r"^(大会|安全理事会|经济及社会理事会|人权理事会|托管理事会|.{1,12}(会议|理事会|委员会|大会))\s*[，,]?$")
PREAMBLE_RE = re.compile(r"^(序言|序文)$")
#: words opening a preambular paragraph (回顾, 又回顾, 重申, 注意到 …)
PREAMBULAR_RE = re.compile(
    r"^(又|还|并|再次|进一步|特别|深切|严重|深为|极为)?"
    r"(回顾|重申|强调|注意到|深信|认识到|确认|欢迎|表示关切|表示深切关切|深表关切|关切地|关切|铭记|考虑到|意识到|"
    r"申明|承认|鉴于|赞赏|满意地|遗憾地|痛惜|决心|希望|审议了|收到|念及|重视|相信|坚信|忆及|震惊|注意|肯定|"
    r"认为|谴责|表示赞赏|表示满意|感谢|赞扬|指出|确信|知悉|回顾其)")
FORMULA_RE = re.compile(r"(如下|宣布|宣告|协议|议定)[：:]$")
ADOPTION_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日)?.{0,20}?第\s*\d+\s*次(全体)?会议(通过)?[。.]?$")
SIGNED_RE = re.compile(r"[（(]签名[）)]")
SYMBOL_RE = re.compile(r"^(联合国|大会|安全理事会|经济及社会理事会|人权理事会)?\s*([A-Z]{1,3}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?:\s*[（(]\d{4}[）)])?)$")
DISTRIBUTION_RE = re.compile(r"Distr\.?\s*[:：]|^分发[：:]")
DATE_RE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|\d{1,2} [A-Z][a-z]+ \d{4})$")
ORIGINAL_RE = re.compile(r"^([［\[]?(原文|原件)\s*[：:]|(Chinese\s+)?Original\s*[:：])")
SESSION_RE = re.compile(rf"^第[{_CN_NUM}\d]+届(特别|紧急特别)?会议")
AGENDA_RE = re.compile(r"^(临时)?议程项目")
RES_TITLE_RE = re.compile(r"^(\d+/\d+|第\s*\d+\s*[（(]\d{4}[）)]\s*号决议)\s*[.．]?\s*(.*)$")
NUMBERED_FOOTNOTE_RE = re.compile(r"^(\d{1,3}|[*＊]+)(?![\d.．、)）/])\s*\S")

_PARTS_RE = re.compile(rf"^第\s*([{_CN_NUM}\d]+)\s*(部分|篇)\s*(.*)$")
_CHAPTER_RE = re.compile(rf"^第\s*([{_CN_NUM}\d]+)\s*章\s*(.*)$")
_ARTICLE_RE = re.compile(rf"^第\s*([{_CN_NUM}\d]+)\s*条\s*(.*)$")
_GOAL_RE = re.compile(r"^目标\s*(\d{1,2})\s*[.．:：]?\s*(.*)$")
_CN_SECTION_RE = re.compile(rf"^([{_CN_NUM}]+)\s*[、.．]\s*(.*)$")
_ROMAN_RE = re.compile(r"^([IVXL]+)\s*[.．]\s*(?![A-Za-z0-9/])(.*)$")
_LATIN_RE = re.compile(r"^([A-Z])\s*[.．]\s*(?![A-Za-z0-9/.])(.*)$")
_DOTTED_RE = re.compile(r"^(\d{1,2}[.．](?:\d{1,2}|[a-z])(?:[.．](?:\d{1,2}|[a-z]))?)[.．]?(?![\d%‰.．a-zA-Z])\s*(.*)$")
_NUMBER_RE = re.compile(r"^(\d{1,3})\s*[.．、](?![\d])\s*(.*)$")
_BRACKET_RE = re.compile(rf"^[（(]([a-z]{{1,4}}|[{_CN_NUM}]+|\d{{1,2}})[）)]\s*(.*)$")


def cn_to_int(s: str) -> int:
    """A Chinese (or Arabic) numeral as an int: 三 → 3, 十二 → 12, 二十一 → 21, 一百零一 → 101."""
    if s.isdigit():
        return int(s)
    total, num = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch == "百":
            total += (num or 1) * 100
            num = 0
    return total + num


@dataclass(frozen=True)
class Marker:
    """The numbering a block opens with: its form, its normalised number, its printed label."""

    form: str  # debate annex part chapter article goal preamble cn_section roman latin dotted number bracket
    unit: str
    label: str
    rest: str
    depth: int = 1  # components of a dotted number (1.1 → 2, 1.1.1 → 3)
    family: str = ""  # of a bracketed item: latin, roman, cn, digit


#: the first characters a marker can have (besides decimal digits; an annex heading has 附件 anywhere)
_MARKER_FIRST = frozenset("专序第目(（IVXLABCDEFGHIJKLMNOPQRSTUVWXYZ" + _CN_NUM + _ENCLOSED)


def marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text`` (None if it has none)."""
    t = text.strip()
    if not t or not (t[0] in _MARKER_FIRST or t[0].isdecimal() or "附件" in t):
        return None
    if m := DEBATE_RE.match(t):
        return Marker("debate", m.group(1), f"专题辩论{m.group(1)}", m.group(2))
    if ANNEX_RE.match(t):
        num = re.search(r"附件([一二三四五六七八九十\d]*)$", t).group(1)
        return Marker("annex", num, f"附件{num}", "")
    if PREAMBLE_RE.match(t):
        return Marker("preamble", "", t, "")
    if m := _PARTS_RE.match(t):
        return Marker("part", str(cn_to_int(m.group(1))), f"第{m.group(1)}{m.group(2)}", m.group(3))
    if m := _CHAPTER_RE.match(t):
        return Marker("chapter", str(cn_to_int(m.group(1))), f"第{m.group(1)}章", m.group(2))
    if m := _ARTICLE_RE.match(t):
        return Marker("article", str(cn_to_int(m.group(1))), f"第{m.group(1)}条", m.group(2))
    if m := _GOAL_RE.match(t):
        return Marker("goal", m.group(1), f"目标{m.group(1)}", m.group(2))
    if m := _DOTTED_RE.match(t):
        unit = m.group(1).replace("．", ".")
        return Marker("dotted", unit, unit, m.group(2), depth=unit.count(".") + 1)
    if m := _NUMBER_RE.match(t):
        return Marker("number", m.group(1), m.group(1), m.group(2))
    if m := _CN_SECTION_RE.match(t):
        return Marker("cn_section", m.group(1), m.group(1), m.group(2))
    if m := _ROMAN_RE.match(t):
        return Marker("roman", m.group(1), m.group(1), m.group(2))
    if m := _LATIN_RE.match(t):
        return Marker("latin", m.group(1), m.group(1), m.group(2))
    if m := _BRACKET_RE.match(t):
        u = m.group(1)
        fam = "digit" if u.isdigit() else "cn" if u[0] in _CN_NUM else "roman" if set(u) <= set("ivxl") else "latin"
        return Marker("bracket", f"({u})", f"({u})", m.group(2), family=fam)
    if t and t[0] in _ENCLOSED:
        u = "一二三四五六七八九十"[_ENCLOSED.index(t[0])]
        return Marker("bracket", f"({u})", f"({u})", t[1:].strip(), family="cn")
    return None


def _is_heading_like(b: Block) -> bool:
    """Unbulleted, or short and without sentence punctuation: a title line rather than a paragraph."""
    return b.indent == 0 or (len(b.text) <= 40 and not SENTENCE_PUNCT.search(b.text))


def _is_heading_like_unindented(text: str) -> bool:
    """Without indentation to tell bullets from titles (e.g. a processed ``*.clean.txt``): a short
    line without sentence punctuation, or a very short sentence without a comma (a lead-in
    such as "辩论内容摘要如下。")."""
    return (len(text) <= 40 and not SENTENCE_PUNCT.search(text)) or (len(text) <= 20 and "，" not in text)


def _short_title(text: str) -> bool:
    """A short line without sentence punctuation (a title, not a sentence)."""
    return len(text) <= 40 and not re.search(r"[。；！？]", text) and not text.endswith(("，", "："))


def _front_kind(text: str) -> tuple[str, str]:
    """(unit_kind, unit) of a front-matter line."""
    if m := SYMBOL_RE.match(text):
        return "symbol", re.sub(r"\s+", "", m.group(2)).translate(str.maketrans("（）", "()"))
    if DISTRIBUTION_RE.search(text):
        return "distribution", ""
    if DATE_RE.match(text):
        return "date", ""
    if SESSION_RE.match(text):
        return "session", ""
    if AGENDA_RE.match(text):
        return "agenda_item", ""
    if m := RES_TITLE_RE.match(text):
        return "title", re.sub(r"\s+|第|号决议", "", m.group(1)).translate(str.maketrans("（）", "()"))
    return "front_matter", ""


# --------------------------------------------------------------------------------------------
# Units and paths: one stack for every layout
# --------------------------------------------------------------------------------------------

def _next_text(bs: list[Block], i: int) -> str:
    return bs[i + 1].text if i + 1 < len(bs) else ""


def _enacting_length(text: str) -> int:
    """The length :data:`ENACTING_RE` allows at most 15 of: the text without a final comma and
    the whitespace before it (counted from the end: no copy of a long paragraph)."""
    n = len(text) - (1 if text.endswith(("，", ",")) else 0)
    while n and text[n - 1].isspace():
        n -= 1
    return n


#: first characters of the lines the special rows (rules, footnotes, notes) of :func:`_rows_generic` open with
_SPECIAL_FIRST = frozenset("-–—_－=*＊［[原CO")
_BODY_LEVEL = 100  # body units (numbered paragraphs, targets, items) nest below every heading


class _Units:
    """The stack of open units; a unit opening at level L closes those at L and below."""

    def __init__(self):
        self._stack: list[tuple[int, str, str]] = []  # (level, label, unit)
        self._path: str | None = ""  # path() of the stack as it is (None: to be joined again)

    @property
    def stack(self) -> list[tuple[int, str, str]]:
        self._path = None  # a caller may change it in place
        return self._stack

    @stack.setter
    def stack(self, value: list) -> None:
        self._stack, self._path = value, None

    def path(self, below: int | None = None) -> str:
        if below is None and self._path is not None:
            return self._path
        if not self._stack:
            return ""
        p = "/".join(lab for lev, lab, _ in self._stack if below is None or lev < below)
        if below is None:
            self._path = p
        return p

    def close(self, level: int) -> None:
        stack = self._stack
        if stack and stack[-1][0] >= level:
            self._path = None
            while stack and stack[-1][0] >= level:
                stack.pop()

    def open(self, level: int, label: str, unit: str = "") -> str:
        """Open a unit; return the path above it."""
        self.close(level)
        p = self.path()
        self._stack.append((level, label, unit))
        self._path = None
        return p

    def body_parent(self) -> str:
        """The unit of the innermost open body unit (e.g. "5" while in operative paragraph 5)."""
        for lev, _, unit in reversed(self._stack):
            if lev >= _BODY_LEVEL:
                return unit
        return ""


# --------------------------------------------------------------------------------------------
# The letter-with-annex layout (the seed)
# --------------------------------------------------------------------------------------------

def _rows_un_letter(doc_id: str, bs: list[Block]) -> list[dict]:
    """Rows for the letter-with-annex layout (front matter, letter, annex, debates, footnote).

    Where no block is indented (the bullets' lost indentation is the seed's cue for a body
    paragraph, gone in a ``*.clean.txt``), titles and signatures are told by their shape.
    """
    rows: list[dict] = []
    indented = any(b.indent > 0 for b in bs)
    has_letter = any(LETTER_TITLE_RE.search(b.text) for b in bs)
    section = "front_matter" if has_letter else "body"
    section_title, debate, debate_title = "", None, ""
    last_debate_with_mark = None
    units = _Units()
    letter_paragraphs = 0
    for b in bs:
        kind = "paragraph"
        text = b.text
        m = DEBATE_RE.match(text)
        row_section, row_debate = section, debate
        unit_kind, unit, path = "paragraph", "", None
        if m:
            debate, debate_title = int(m.group(1)), m.group(2).strip()
            section, section_title = f"debate_{debate}", text
            row_section, row_debate, kind = section, debate, "heading"
            unit_kind, unit = "debate", m.group(1)
            path = units.open(2, f"专题辩论{m.group(1)}", unit)
        elif RULE_RE.match(text):
            row_section, row_debate, kind = "closing", None, "rule"
            unit_kind = "rule"
        elif FOOTNOTE_RE.match(text):
            row_section, kind = "footnote", "footnote"
            row_debate = last_debate_with_mark if last_debate_with_mark is not None else debate
            unit_kind, unit = "footnote", FOOTNOTE_MARK_RE.match(text).group(0)
        elif section in ("front_matter",) and LETTER_TITLE_RE.search(text):
            section, section_title, row_section, kind = "letter", text, "letter", "heading"
            unit_kind = "letter"
        elif section in ("front_matter", "letter", "body") and ANNEX_RE.match(text):
            section, section_title, row_section, kind = "annex_intro", text, "annex_intro", "heading"
            mk = marker(text)
            unit_kind, unit = "annex", mk.unit
            path = units.open(1, mk.label, mk.unit)
        elif section == "front_matter":
            kind = "heading"
            unit_kind, unit = _front_kind(text)
        elif section == "letter" and (b.indent >= 4 if indented else letter_paragraphs > 0 and _short_title(text)):
            kind = "signature"
            unit_kind = "signature"
        elif NOTE_RE.match(text):
            kind = "note"
            unit_kind = "original_language" if ORIGINAL_RE.match(text) else "note"
        elif section != "body" and (_is_heading_like(b) if indented else _is_heading_like_unindented(text)):
            kind = "heading"
            unit_kind = "heading"
        if kind == "paragraph" and FOOTNOTE_MARK_RE.search(text):
            last_debate_with_mark = debate
        if kind == "paragraph" and section == "letter":
            letter_paragraphs += 1
        rows.append(dict(doc_id=doc_id, section=row_section, section_title=section_title if row_section == section else "",
                         debate=row_debate, debate_title=debate_title if row_debate is not None and row_debate == debate else "",
                         kind=kind, text=text, line_start=b.line_start, line_end=b.line_end,
                         unit_kind=unit_kind, unit=unit, path=units.path() if path is None else path))
    return rows


# --------------------------------------------------------------------------------------------
# Every other layout: headings and numbering
# --------------------------------------------------------------------------------------------

#: heading forms whose level is fixed; the others rank by first appearance, between chapter and article
_FIXED_RANK = {"annex": 0, "part": 1, "chapter": 2, "preamble": 2, "article": 9}


def _heading_decisions(bs: list[Block], marks: list[Marker | None]) -> list[bool]:
    """For each block: does its marker open a heading (True) or a body unit (False)?"""
    n = len(bs)

    def nxt(i):
        return marks[i + 1] if i + 1 < n else None

    out = []
    for i, (b, mk) in enumerate(zip(bs, marks)):
        text = b.text
        if mk is None:
            out.append(False)
            continue
        f = mk.form
        nm = nxt(i)
        has_next = i + 1 < n
        if f in ("debate", "annex", "part", "chapter", "preamble", "goal"):
            h = True
        elif f == "article":
            h = not mk.rest or _short_title(mk.rest)
        elif f in ("cn_section", "roman", "latin"):
            h = _short_title(text)
        elif f == "dotted":
            # a short 1.1 line is a heading when text comes under it, a body unit (a target,
            # an indicator) when its neighbours are numbered like it
            h = _short_title(text) and has_next and (nm is None or nm.form in ("number",))
        elif f == "number":
            # a short "1. 导言" is a heading when text, its own 1.1, or a paragraph numbered out of
            # its sequence (5. after the heading 1.) follows; a short operative "1." before "2." is not
            h = _short_title(text) and has_next and (
                nm is None or (nm.form == "dotted" and nm.unit.split(".")[0] == mk.unit)
                or (nm.form == "number" and int(nm.unit) != int(mk.unit) + 1))
        elif f == "bracket":
            pm = marks[i - 1] if i > 0 else None
            in_list = (pm is not None and pm.form == "bracket" and pm.family == mk.family) or \
                      (nm is not None and nm.form == "bracket" and nm.family == mk.family) or \
                      (i > 0 and bs[i - 1].text.endswith(("：", ":")))
            h = _short_title(text) and has_next and not in_list and (nm is None or nm.form == "number")
        else:
            h = False
        out.append(h)
    return out


def _is_hierarchical(marks, heads) -> bool:
    """Goals, targets and indicators: goal lines, or body units numbered 1.1 / 1.a / 1.1.1."""
    if any(m is not None and m.form == "goal" for m in marks):
        return True
    dotted = [m for m, h in zip(marks, heads) if m is not None and m.form == "dotted" and not h]
    if any(m.depth == 3 or re.search(r"[a-z]", m.unit) for m in dotted):
        return True
    others = sum(1 for m, h in zip(marks, heads) if not h and (m is None or m.form != "dotted"))
    return len(dotted) >= 3 and len(dotted) >= others


def _rows_generic(doc_id: str, bs: list[Block]) -> list[dict]:
    """Rows for documents without debates: resolutions, declarations, reports, goal lists.

    One grammar: a title block at the top (front matter, its header lines named); an
    enacting organ (大会， / 安全理事会), preambular opening words or 序言 opening the
    preamble; headings (第一部分, 第一章, 一. / 一、, I., A., （一）, short 1. / 1.1
    titles, 目标1.) whose levels rank by kind and first appearance — the top level opens
    the sections ``section_N`` (articles, where they are the top level, ``article_N``);
    body units: numbered paragraphs (operative after a preamble), targets and
    indicators, sub-items (a) / (一) / ㈠, articles written on one line; the adoption
    note, signatures, rules and the footnotes after a rule.  What is not recognised stays
    a paragraph of the current section (``body``).
    """
    marks = [marker(t) if (t := b.text) and (t[0] in _MARKER_FIRST or t[0].isdecimal() or "附件" in t) else None
             for b in bs]  # (marker's own first test, without a call for the plain paragraphs)
    heads = _heading_decisions(bs, marks)
    hier = _is_hierarchical(marks, heads)

    def form_key(mk: Marker) -> str:
        if mk.form == "number" and hier:
            return "goal"
        return f"dotted{mk.depth}" if mk.form == "dotted" else mk.form

    order: dict[str, int] = {}
    for mk, h in zip(marks, heads):
        if mk is not None and h:
            order.setdefault(form_key(mk), len(order))
    ranked = sorted(order, key=lambda k: (_FIXED_RANK.get(k, 3), order[k]))
    level = {k: i + 1 for i, k in enumerate(ranked)}
    generic = [k for k in ranked if k not in _FIXED_RANK and k != "goal"]
    top = next((k for k in ranked if k not in ("annex", "preamble")), None)
    if top is None and any(m is not None and m.form == "article" for m in marks):
        top = "article"  # articles written on one line, no heading above them

    rows: list[dict] = []
    units = _Units()
    section, title, n_top = "front_matter", "", 0
    in_footnotes = False
    seen_preamble = False
    items: list[str] = []  # open sub-item families under the current body unit
    item_units: list[str] = []
    article = ""  # label of the open article (para_no restarts in each)
    for i, (b, mk) in enumerate(zip(bs, marks)):
        text, kind, row_section = b.text, "paragraph", None
        unit_kind, unit, path = "paragraph", "", None
        # none of the branches up to the numbered ones can take a line that opens with none of
        # their first characters (a rule, footnote, note, date), is no short enacting organ (…会),
        # nor a short line with 会议 (an adoption note) or 签名 (a signature): skip their expressions
        plain = not (in_footnotes or text[0] in _SPECIAL_FIRST or text[0].isdecimal()
                     or ((len(text) <= 16 or text[15:-1].isspace()) and "会" in text and _enacting_length(text) <= 15)
                     or (len(text) <= 60 and ("会议" in text or "签名" in text)))
        if not plain and in_footnotes and NUMBERED_FOOTNOTE_RE.match(text):
            kind, row_section, unit_kind = "footnote", "footnote", "footnote"
            unit = NUMBERED_FOOTNOTE_RE.match(text).group(1)
            path = units.path(below=_BODY_LEVEL)
        elif not plain and RULE_RE.match(text):
            kind, row_section, unit_kind = "rule", "closing", "rule"
            in_footnotes = True
            path = units.path(below=_BODY_LEVEL)
        elif not plain and FOOTNOTE_RE.match(text):
            kind, row_section, unit_kind = "footnote", "footnote", "footnote"
            unit = FOOTNOTE_MARK_RE.match(text).group(0)
            path = units.path(below=_BODY_LEVEL)
        elif not plain and ENACTING_RE.match(text) and section in ("front_matter", "body") and (
                text.endswith(("，", ",")) or PREAMBULAR_RE.match(nb := _next_text(bs, i)) or _NUMBER_RE.match(nb)) \
                and not SESSION_RE.match(text):
            section, title, kind, unit_kind = "preamble", text, "heading", "chapeau"
            seen_preamble = True
            units.close(_BODY_LEVEL)
        elif not plain and (ORIGINAL_RE.match(text) or NOTE_RE.match(text)):
            kind = "note"
            unit_kind = "original_language" if ORIGINAL_RE.match(text) else "note"
            path = units.path(below=_BODY_LEVEL)
        elif not plain and ((ADOPTION_RE.match(text) and len(text) <= 60)
                            or (DATE_RE.match(text) and section != "front_matter")):
            # the adoption note (its date may be a line of its own, before or after it)
            kind = "note"
            unit_kind = "adoption" if ADOPTION_RE.match(text) or ADOPTION_RE.match(_next_text(bs, i)) or (
                rows and rows[-1]["unit_kind"] == "adoption") else "date"
            if section != "front_matter":
                row_section = "closing"
            path = units.path(below=_BODY_LEVEL)
        elif not plain and len(text) <= 60 and SIGNED_RE.search(text):
            kind, unit_kind = "signature", "signature"
            if section != "front_matter":
                row_section = "closing"
            path = units.path(below=_BODY_LEVEL)
        elif mk is not None and heads[i]:
            key = form_key(mk)
            lev = level[key]
            kind, unit = "heading", mk.unit
            items, item_units = [], []
            if mk.form == "preamble":
                section, title, unit_kind = "preamble", text, "preamble"
                seen_preamble = True
            elif key in ("annex", "part", "chapter", "article", "goal"):
                unit_kind = key
            elif key in generic:
                unit_kind = ("section", "subsection", "subsubsection")[min(generic.index(key), 2)]
            else:
                unit_kind = "heading"
            if key == "article":
                article = mk.label
            elif lev <= level.get("article", 99):
                article = ""
            if key != "preamble":  # the preamble is no container of what follows it
                units.stack = [e for e in units.stack if e[2] != "\x00preamble"]
            path = units.open(lev, mk.label, "\x00preamble" if key == "preamble" else mk.unit)
            if key == top or key == "annex":
                if key == "article":
                    section = f"article_{mk.unit}"
                else:
                    n_top += 1
                    section = f"section_{n_top}"
                title = text
        elif mk is not None and mk.form in ("dotted", "number", "article", "cn_section", "roman", "latin", "goal"):
            # a body unit with a number: numbered/operative paragraph, target, indicator, one-line article
            items, item_units = [], []
            unit = mk.unit
            if mk.form == "article":
                unit_kind = "article"
                article = mk.label
                if top == "article":
                    section, title = f"article_{mk.unit}", ""
                elif section in ("front_matter", "preamble", "body"):
                    section, title = "articles", ""
                path = units.open(level.get("article", 9), mk.label, mk.unit)
                units.stack.pop()  # the article is this row: nothing opens below it
            elif mk.form == "dotted" and hier:
                unit_kind = "target" if mk.depth == 2 else "indicator"
                lev = _BODY_LEVEL if mk.depth == 2 else _BODY_LEVEL + 1
                path = units.open(lev, mk.label, mk.unit)
            else:
                if mk.form == "number" and seen_preamble and section in ("preamble", "operative"):
                    section, title = "operative", ""
                    unit_kind = "operative"
                    units.stack = [e for e in units.stack if e[2] != "\x00preamble"]
                path = units.open(_BODY_LEVEL, mk.label, mk.unit)
            if section == "front_matter":
                section, title = "body", ""
        elif mk is not None and mk.form == "bracket":
            fam = mk.family
            if fam == "roman" and mk.unit == "(i)" and "latin" in items and item_units[items.index("latin")] == "(h)":
                fam = "latin"
            if fam in items:
                d = items.index(fam)
                del items[d:], item_units[d:]
            items.append(fam)
            item_units.append(mk.unit)
            units.close(_BODY_LEVEL + len(items))  # a sibling or a deeper item closes
            unit = units.body_parent() + mk.unit  # 5(a): paragraph 5's item (a); 5(a)(i) below it
            unit_kind = "item"
            path = units.open(_BODY_LEVEL + len(items), unit, unit)
            if section == "front_matter":
                section, title = "body", ""
        elif section == "front_matter" and _short_title(text):
            kind = "heading"
            unit_kind, unit = _front_kind(text)
        else:
            # an unnumbered paragraph
            items, item_units = [], []
            units.close(_BODY_LEVEL)
            if section in ("front_matter", "body") and text.endswith(("，", ",")) and PREAMBULAR_RE.match(text):
                section, title = "preamble", ""
                seen_preamble = True
            elif section == "front_matter":
                section, title = "body", ""
            if section == "preamble":
                unit_kind = "formula" if FORMULA_RE.search(text) else "preambular"
        if kind not in ("footnote", "rule"):
            in_footnotes = False
        rs = row_section or section
        same = rs == section
        rows.append({"doc_id": doc_id, "section": rs, "section_title": title if same else "", "debate": None,
                     "debate_title": "", "kind": kind, "text": text, "line_start": b.line_start,
                     "line_end": b.line_end, "unit_kind": unit_kind, "unit": unit,
                     "path": units.path() if path is None else path, "_article": article if same else ""})
    # short lines just before a "（签名）" line sign with it
    for i, r in enumerate(rows):
        if r["unit_kind"] == "signature":
            j = i - 1
            while j >= 0 and i - j <= 3 and rows[j]["kind"] == "paragraph" and rows[j]["unit"] == "" \
                    and _short_title(rows[j]["text"]):
                rows[j].update(kind="signature", unit_kind="signature", section=r["section"], section_title="")
                j -= 1
    return rows


# --------------------------------------------------------------------------------------------
# PDF text whose line breaks are gone
# --------------------------------------------------------------------------------------------

_RUNON_MIN = 400  # characters of a block before it is searched for lost paragraph breaks
_SPLIT_BEFORE = re.compile(
    rf"专题辩论\s*\d+\s*[：:]|第\s*[{_CN_NUM}\d]+\s*[章条]|第\s*[{_CN_NUM}\d]+\s*部分|目标\s*\d{{1,2}}\s*[.．]|"
    rf"\d{{1,2}}[.．](?:\d{{1,2}}|[a-z])(?:[.．](?:\d{{1,2}}|[a-z]))?(?![\d%‰.．a-zA-Z])|"
    rf"(?P<num>\d{{1,3}})[.．](?![\d])|[{_CN_NUM}]+\s*[、.．]\s*(?=\S)|[IVX]+[.．]\s|[A-H][.．]\s|"
    rf"[（(](?:[a-z]{{1,4}}|[{_CN_NUM}]+)[）)]|[{_ENCLOSED}]|"
    r"\d{4}年\d{1,2}月\d{1,2}日第\s*\d+\s*次(?:全体)?会议")
_SPLIT_PREAMBLE = re.compile(r"(?<=[，,])\s*(?=" + PREAMBULAR_RE.pattern[1:] + ")")


def _runon_cuts(text: str) -> list[int]:
    """Offsets where a line that lost its paragraph breaks should be cut: before paragraph
    numbers (in sequence), headings, items and the adoption note, each after the end of a
    sentence or a space; before preambular words after a comma, up to the first operative
    paragraph.  Empty unless the line is long and has at least three such places."""
    if len(text) < _RUNON_MIN:
        return []
    cuts, strong, last_num = [], 0, None
    for m in _SPLIT_BEFORE.finditer(text):
        p = m.start()
        if p == 0 or not (text[p - 1].isspace() or text[p - 1] in "。；：！？:;"):
            continue
        if m.group("num") is not None:
            n = int(m.group("num"))
            if last_num is not None and n != last_num + 1:
                continue
            last_num = n
        if not m.group(0).startswith(("(", "（")) and m.group(0)[0] not in _ENCLOSED:
            strong += 1
        cuts.append(p)
    if strong < 3:
        return []
    first_op = next((p for p in cuts if re.match(r"1[.．](?!\d)", text[p:])), len(text))
    if ENACTING_RE.match(text[:12].split("，")[0] + "，") or PREAMBULAR_RE.match(text):
        cuts += [m.end() for m in _SPLIT_PREAMBLE.finditer(text[:first_op])]
        if m := re.match(r"^(大会|安全理事会|经济及社会理事会|人权理事会)\s*[，,]?\s*", text):
            cuts.append(m.end())
    return sorted(set(c for c in cuts if 0 < c < len(text)))


def _split_runon(bs: list[Block], ob: list[Block] | None):
    """Split blocks that lost their line breaks (see :func:`_runon_cuts`); the original-script
    blocks ``ob`` are cut at the same offsets.  Returns (blocks, original blocks, split?)."""
    out, oout, split = [], [] if ob is not None else None, False
    for k, b in enumerate(bs):
        if len(b.raw) < _RUNON_MIN:  # (the joined lines are no longer than the raw ones)
            out.append(b)
            if ob is not None:
                oout.append(ob[k])
            continue
        joined = join_lines(b.raw.split("\n"))
        cuts = _runon_cuts(joined)
        o = ob[k] if ob is not None else None
        ojoined = join_lines(o.raw.split("\n")) if o is not None else None
        if cuts and (ojoined is None or len(ojoined) == len(joined)):
            split = True
            bounds = [0, *cuts, len(joined)]
            for s, e in zip(bounds, bounds[1:]):
                piece = normalise(joined[s:e])
                if piece:
                    out.append(replace(b, text=piece))
                    if o is not None:
                        oout.append(replace(o, text=normalise(ojoined[s:e])))
        else:
            out.append(b)
            if o is not None:
                oout.append(o)
    return out, oout, split


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------

def _has_debates(bs: list[Block]) -> bool:
    return any(b.text.startswith("专题辩论") and DEBATE_RE.match(b.text) for b in bs)


def _is_un_letter(bs: list[Block]) -> bool:
    return any(b.text.endswith(("信", "普通照会")) and LETTER_TITLE_RE.search(b.text) for b in bs)


def _layout(rows: list[dict], letter: bool) -> str:
    kinds = {r["unit_kind"] for r in rows}
    if letter:
        return "letter_annex"
    if "article" in kinds:
        return "instrument"
    if kinds & {"chapeau", "preambular", "operative", "adoption"}:
        return "resolution"
    if "preamble" in kinds:
        return "instrument"
    if kinds & {"goal", "target", "indicator"}:
        return "hierarchical"
    if kinds & {"part", "chapter", "section", "subsection", "subsubsection", "annex", "symbol", "distribution",
                "original_language", "footnote", "item"} or any(r["unit"] for r in rows if r["kind"] == "paragraph"):
        return "report"
    return "fallback"


def paragraph_table(doc_id: str, text: str, original: str | None = None) -> pd.DataFrame:
    """Recover the structure of a document's (raw, decoded) text as the paragraph table.

    Letters with an annex and thematic debates (the seed's layout) are read
    by landmarks; other documents by their headings and numbering; a long line
    that lost its paragraph breaks (PDF text) is first cut at its paragraph
    numbers and headings.  What is not recognised falls back to blank-line (or
    one-line) paragraphs in one ``body`` section: never to no body paragraph.
    ``original``: the text in its own script when ``text`` is a converted
    (simplified) copy; it fills ``text_original`` block by block.
    """
    bs = blocks(text, starts_block=starts_block)
    debates = "专题辩论" in text  # (cheap tests of the whole text before the blocks')
    letter_like = "信" in text or "普通照会" in text
    ob = None
    if original is not None:
        from unzh.text.script import to_simplified
        ob = blocks(original, starts_block=lambda line: starts_block(to_simplified(line)))
        if [b.line_start for b in ob] != [b.line_start for b in bs]:  # never expected: conversion keeps lines
            raise ValueError(f"{doc_id}: script conversion changed the paragraph structure")
    letter = (debates and _has_debates(bs)) or (letter_like and _is_un_letter(bs))
    split = False
    if not letter:
        bs, ob, split = _split_runon(bs, ob)
    rows = _rows_un_letter(doc_id, bs) if letter else _rows_generic(doc_id, bs)
    layout = _layout(rows, letter)
    if not any(r["kind"] == "paragraph" for r in rows):
        # nothing recognised as body: every block that is no note, rule or footnote is a paragraph
        for r in rows:
            if r["kind"] in ("heading", "signature"):
                r.update(kind="paragraph", section="body", section_title="", unit_kind="paragraph", unit="", path="")
        layout = "fallback"
    df = _finish(rows, layout, [b.text for b in ob] if ob is not None else None)
    df.attrs["structure"] = {"layout": layout, "split": split}
    return df


def _n_chars(texts: list[str]) -> np.ndarray:
    """Characters of each text, whitespace (``str.isspace``) excluded.  A text with no space that is
    all printable has none (every other whitespace character is unprintable), and most paragraphs
    are such: their length, without a scan by character (Arrow's regular-expression count took a
    fifth of the table's construction)."""
    return np.fromiter((len(t) if " " not in t and t.isprintable() else sum(map(len, t.split()))
                        for t in texts), np.int64, len(texts))


_STR = pd.StringDtype(na_value=np.nan)  # pandas' default string dtype, "str"


def _str_array(values) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")`` (None → missing), built from an Arrow array directly:
    2-3 times faster, and the paragraph table has eleven string columns.  ``values``: a list, or
    an Arrow ``large_string`` array."""
    import pyarrow as pa
    arr = values if isinstance(values, pa.Array) else pa.array(values, type=pa.large_string())
    try:
        return pd.arrays.ArrowStringArray(pa.chunked_array([arr]), dtype=_STR)
    except (TypeError, ValueError):  # another pandas' constructor
        return pd.array(arr, dtype="str")


def _finish(rows: list[dict], layout: str, originals: list[str] | None = None) -> pd.DataFrame:
    """The paragraph table of the rows (columns in :data:`PARAGRAPH_COLUMNS` order), built column
    by column: ``para_id``, ``section_no``, ``para_no`` and ``n_chars`` computed here; ``layout``
    for every row; ``originals``: ``text_original`` (the texts where None)."""
    keys = ("doc_id", "section", "section_title", "debate", "debate_title", "kind", "text", "line_start",
            "line_end", "unit_kind", "unit", "path")
    col = dict(zip(keys, zip(*map(itemgetter(*keys), rows)))) if rows else {k: () for k in keys}
    sections, kinds, texts = col["section"], col["kind"], col["text"]
    order: dict[str, int] = {}
    for sec in sections:
        if sec not in order:
            order[sec] = len(order) + 1
    # para_no: paragraphs counted within their section, and within their article where there are articles
    seen: dict[tuple, int] = {}
    n = len(rows)
    numbers = [0] * n  # (a list: setting a NumPy element costs five times as much)
    for i, (sec, kind, r) in enumerate(zip(sections, kinds, rows)):
        if kind == "paragraph":
            key = (sec, r.get("_article") or "")
            seen[key] = numbers[i] = seen.get(key, 0) + 1
    para_no = np.array(numbers, dtype=np.int64)
    is_par = para_no > 0
    debates = col["debate"]
    if any(d is not None for d in debates):
        debate = pd.array(debates, dtype="Int64")
    else:  # (no debate: the usual document)
        debate = pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))

    import pyarrow as pa
    text_arr = pa.array(texts, type=pa.large_string())

    def strings(values):
        return _str_array(["" if v is None else v for v in values])

    data = {
        "doc_id": _str_array(col["doc_id"]),
        "para_id": np.arange(1, len(rows) + 1, dtype=np.int64),
        "section": _str_array(sections),
        "section_no": np.array([order[sec] for sec in sections], dtype=np.int64),
        "section_title": _str_array(col["section_title"]),
        "debate": debate,
        "debate_title": _str_array(col["debate_title"]),
        "para_no": pd.arrays.IntegerArray(para_no, ~is_par),
        "kind": _str_array(kinds),
        "text": _str_array(text_arr),
        # (the texts' own Arrow array, shared: a bare pa.Array here costs pandas a conversion of
        # every string, a third of the whole table's construction)
        "text_original": _str_array(text_arr if originals is None else originals),
        "n_chars": _n_chars(texts),
        "line_start": np.array(col["line_start"], dtype=np.int64),
        "line_end": np.array(col["line_end"], dtype=np.int64),
        "unit_kind": strings(col["unit_kind"]),
        "unit": strings(col["unit"]),
        "path": strings(col["path"]),
        "layout": _str_array([layout] * len(rows)),
    }
    return pd.DataFrame(data, copy=False)  # (data holds PARAGRAPH_COLUMNS in order)


# --------------------------------------------------------------------------------------------
# Grouping, body rows, the coverage account
# --------------------------------------------------------------------------------------------

def default_grouping(paragraphs: pd.DataFrame) -> str:
    """The column measures should group by, the unit that fits: ``doc_id`` for a corpus;
    ``debate`` where there are debates; else ``section`` where the body paragraphs fall into
    more than one section (chapters, sections, goals, articles; a resolution's preamble
    and operative part); else ``doc_id`` (the document is one group)."""
    if paragraphs["doc_id"].nunique() > 1:
        return "doc_id"
    body = paragraphs[paragraphs["kind"].isin(BODY_KINDS)]
    if body["debate"].notna().any():
        return "debate"
    if body["section"].nunique() > 1:
        return "section"
    return "doc_id"


def body(paragraphs: pd.DataFrame, kinds=BODY_KINDS) -> pd.DataFrame:
    """The rows measures count: paragraphs of the given kinds (by default bullet/body paragraphs)."""
    return paragraphs[paragraphs["kind"].isin(kinds)]


#: the parts of the coverage account; every row is in exactly one
COVERAGE_PARTS = ("body", "heading", "front_matter", "note", "footnote", "signature", "other")
COVERAGE_COLUMNS = ["doc_id", "layout", "fallback", "split", "rows", "body_paragraphs", "chars",
                    *[f"{p}_chars" for p in COVERAGE_PARTS], "body_share", "warning"]


def coverage_part(paragraphs: pd.DataFrame) -> pd.Series:
    """Which part of the coverage account each row is in: ``body`` (kind paragraph),
    ``front_matter`` (the title lines of the front matter), ``heading``, ``note`` (notes,
    original-language and adoption notes), ``footnote``, ``signature``, ``other`` (rules)."""
    codes = _coverage_codes(paragraphs)
    return pd.Series(pd.array(np.array(COVERAGE_PARTS, dtype=object)[codes], dtype="str"),
                     index=paragraphs.index, name="kind")


_PART_OF_KIND = {"paragraph": 0, "heading": 1, "note": 3, "footnote": 4, "signature": 5}


def _coverage_codes(paragraphs: pd.DataFrame) -> np.ndarray:
    """:func:`coverage_part` as positions in :data:`COVERAGE_PARTS` (one dictionary look-up per row)."""
    kinds = paragraphs["kind"].tolist()
    sections = paragraphs["section"].tolist()
    other = COVERAGE_PARTS.index("other")
    front = COVERAGE_PARTS.index("front_matter")
    return np.fromiter((front if k == "heading" and s == "front_matter" else _PART_OF_KIND.get(k, other)
                        for k, s in zip(kinds, sections)), dtype=np.int64, count=len(kinds))


def structure_coverage(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The coverage account, one row per document (:data:`COVERAGE_COLUMNS`).

    ``chars`` is every non-whitespace character of the cleaned text; ``<part>_chars`` splits
    it over :data:`COVERAGE_PARTS` (they add up to ``chars``); ``body_share`` = body / chars.
    ``layout`` is the layout recognised, ``fallback`` whether none was (blank-line or
    one-line paragraphs), ``split`` whether long lines were cut at paragraph numbers and
    headings.  ``warning`` is one sentence when the layout fell back or less than
    :data:`MIN_BODY_SHARE` of the characters are body text, else empty; see
    :func:`coverage_warnings`.
    """
    paragraphs = paragraphs.reset_index(drop=True)  # a corpus' concatenated tables may repeat labels
    part = _coverage_codes(paragraphs)
    doc, docs = pd.factorize(paragraphs["doc_id"], sort=False)
    n_docs = len(docs)
    chars = paragraphs["n_chars"].to_numpy(np.int64)
    by_part = np.bincount(doc * len(COVERAGE_PARTS) + part, weights=chars,
                          minlength=n_docs * len(COVERAGE_PARTS)).astype(np.int64).reshape(n_docs, -1)
    rows = np.bincount(doc, minlength=n_docs)
    body_rows = np.bincount(doc[part == 0], minlength=n_docs)
    first = np.full(n_docs, len(paragraphs))
    np.minimum.at(first, doc, np.arange(len(paragraphs)))
    layouts = paragraphs["layout"].to_numpy(object)[first] if len(paragraphs) else []
    # a long line cut into several rows: rows sharing their lines
    line_key = (doc * (int(paragraphs["line_end"].max()) + 1 if len(paragraphs) else 1)
                + paragraphs["line_end"].to_numpy(np.int64)) * (int(paragraphs["line_start"].max()) + 1
                                                                if len(paragraphs) else 1) \
        + paragraphs["line_start"].to_numpy(np.int64)
    split_docs = set(docs[np.unique(doc[pd.Index(line_key).duplicated()])]) if len(paragraphs) else set()
    out = []
    for i, doc_id in enumerate(docs):
        total = int(by_part[i].sum())
        row = {"doc_id": doc_id, "layout": layouts[i], "fallback": layouts[i] == "fallback",
               "split": doc_id in split_docs, "rows": int(rows[i]), "body_paragraphs": int(body_rows[i]),
               "chars": total}
        for k, name in enumerate(COVERAGE_PARTS):
            row[f"{name}_chars"] = int(by_part[i, k])
        share = row["body_chars"] / total if total else 0.0
        row["body_share"] = round(share, 3)
        notes = []
        if row["fallback"]:
            notes.append("no layout recognised, fell back to one paragraph per blank-line block or line")
        if share < MIN_BODY_SHARE:
            notes.append(f"only {share:.0%} of {total} characters are in body paragraphs "
                         f"(under {MIN_BODY_SHARE:.0%}; see the coverage account)")
        row["warning"] = "; ".join(notes)
        out.append(row)
    return pd.DataFrame(out, columns=COVERAGE_COLUMNS)


def coverage_warnings(coverage: pd.DataFrame, files: dict | None = None) -> list[str]:
    """One line per document with a warning, naming its file (``files``: doc_id → path; the
    doc id where not given): ``"data/x.txt: only 41% of 2310 characters are in body ..."``."""
    files = files or {}
    return [f"{files.get(r.doc_id, r.doc_id)}: {r.warning}" for r in coverage.itertuples() if r.warning]


def describe_coverage(coverage: pd.DataFrame) -> list[str]:
    """One sentence per document, from its coverage account (:func:`structure_coverage`):
    ``"goals: layout hierarchical; 5 body paragraphs hold 95 of 145 characters (66%); the rest:
    headings 32, front matter 18."`` (parts with no characters left out, largest first)."""
    names = {"heading": "headings", "front_matter": "front matter", "note": "notes", "footnote": "footnotes",
             "signature": "signature", "other": "other (rules)"}
    lines = []
    for r in coverage.itertuples():
        rest = sorted(((getattr(r, f"{p}_chars"), names[p]) for p in COVERAGE_PARTS
                       if p != "body" and getattr(r, f"{p}_chars")), key=lambda t: -t[0])
        share = r.body_chars / r.chars if r.chars else 0.0
        layout = "none recognised (fallback)" if r.fallback else r.layout
        text = (f"{r.doc_id}: layout {layout}; {plural(int(r.body_paragraphs), 'body paragraph')} hold {r.body_chars} of "
                f"{r.chars} characters ({share:.0%})")
        lines.append(text + ("; the rest: " + ", ".join(f"{name} {n}" for n, name in rest) if rest else "") + ".")
    return lines


def _and(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe_sections(paragraphs: pd.DataFrame) -> list[str]:
    """One sentence per document on its sections, from the paragraph table: the body paragraphs
    of each section that has any (in order, named as the charts name them, :func:`group_names`),
    the section with most, and the rows that are not body text by kind (``"3 headings, 1 footnote"``;
    the headings of the front matter are its "front-matter lines", as :func:`coverage_part` counts them).
    The sections are called what the document calls them ("7 sections", "3 chapters") when they are
    all of one kind, else "parts" (a preamble and two chapters)."""

    lines = []
    for doc_id, g in paragraphs.groupby("doc_id", sort=False):
        b = g[g["kind"].isin(BODY_KINDS)]
        counts = b.groupby("section", sort=False).size()
        names = group_names(g, "section")
        numbered = set(_numbered_sections(g))
        noun = names.noun if counts.index.isin(list(numbered)).all() else "part"
        parts = [f"{n} in {names.get(s, s)}" for s, n in counts.items()]
        text = f"{doc_id}: {plural(len(b), 'body paragraph')} in {plural(len(counts), noun)}"
        if len(counts):
            text += " (" + ", ".join(parts) + ")"
        if len(counts) > 1:
            most = counts[counts == counts.max()]
            text += "; most: " + _and([names.get(s, s) for s in most.index])
        rest = g[~g["kind"].isin(BODY_KINDS)]
        # the title lines before the text are front matter, as the coverage account calls them
        other = rest["kind"].where(~(rest["kind"].eq("heading") & rest["section"].eq("front_matter")),
                                   "front-matter line").value_counts()
        if len(other):
            text += "; other rows: " + ", ".join(
                plural(int(n), k) for k, n in sorted(other.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(text + ".")
    return lines


def describe_grouping(paragraphs: pd.DataFrame, by: str | None) -> str:
    """What the grouped measures compare, in one sentence: ``"Grouped by chapter (column 'section'):
    3 groups: Preamble, Chapter 1, Chapter 2."``; the groups named as the charts name them
    (:func:`group_names`); ``by=None``: the text as one whole."""
    if by is None:
        return "Not grouped: the text is counted as one whole."
    names = group_names(add_unit_grouping(paragraphs, by)[lambda t: t["kind"].isin(BODY_KINDS)], by)
    many = "group" if len(names) == 1 else "groups"
    return (f"Grouped by {names.noun} (column {by!r}): {len(names)} {many}: "
            f"{', '.join(map(str, names.values()))}.")


def describe_outside(paragraphs: pd.DataFrame, by: str | None) -> str:
    """The body paragraphs no group of ``by`` holds, which grouped measures leave out, by section:
    ``"12 body paragraphs belong to no debate and are left out of the grouped measures (3 in Letter,
    9 in Annex: introduction)."``; ``"Every body paragraph belongs to a debate."`` when there are none.
    The groups are called what the document calls them (:func:`group_noun`: chapter, article …)."""

    if by is None:
        return "No grouping: every body paragraph is counted as one whole."
    b = body(add_unit_grouping(paragraphs, by))
    noun = group_noun(paragraphs, by)
    out = b[b[by].isna()]
    if not len(out):
        return f"Every body paragraph belongs to a {noun}."
    names = group_names(paragraphs, "section")
    parts = [f"{n} in {names.get(s, s)}" for s, n in out.groupby("section", sort=False).size().items()]
    verb = "belongs" if len(out) == 1 else "belong"
    return (f"{plural(len(out), 'body paragraph')} {verb} to no {noun} and {'is' if len(out) == 1 else 'are'} "
            f"left out of the grouped measures ({', '.join(parts)}).")


# ---------------------------------------------------------------- citations
# Citations: where a row of the paragraph table stands, as a reader cites it.
#
# One function for every front door — ``unzh kwic``, ``theme-evidence``, ``stakeholder-evidence``,
# the notebooks' evidence lines and the explorer — so that a place reads the same everywhere:
#
# =========================================  =====================================================
# row                                        citation
# =========================================  =====================================================
# paragraph 5 of debate 2 (the seed)         ``Debate 2 ¶5``
# paragraph 2 of article 3 (``2.``)          ``art. 3, para. 2``
# its item (b) (unit ``2(b)``)               ``art. 3, para. 2 (b)``
# an unnumbered paragraph of article 2       ``art. 2`` (``art. 2, ¶2`` where the article has several)
# article 4 on one line                      ``art. 4``
# operative paragraph 5, its item (a)        ``op. para. 5``, ``op. para. 5 (a)``
# the 2nd preambular paragraph               ``preambular para. 2``
# target 3.a, indicator 1.1.1                ``target 3.a``, ``indicator 1.1.1``
# numbered paragraph 5 of a report           ``para. 5`` (reports number paragraphs through the document)
# an unnumbered paragraph of a section       ``Section 二 ¶3`` (named by its heading; ``para_no``)
# a heading                                  ``Chapter 2 (heading)``, ``Debate 2 (heading)``
# a footnote                                 ``footnote *``
# front matter, notes, signature             ``Front matter, title``, ``Closing, adoption``
# =========================================  =====================================================
#
# Numbers of sub-items are written as UN documents print them in running text, with a space before
# each bracket (``paragraph 5 (a)``); the ``unit`` column keeps them without (``5(a)``).  In a corpus
# the document id comes first: ``a_resolution · op. para. 2``.

_CITE_ARTICLE = re.compile(r"^第\s*(.+?)\s*条$")
_CITE_BRACKET = re.compile(r"(?<=[^\s(])\(")
_CITE_NAMED = {"target": "target", "indicator": "indicator", "goal": "goal"}


def _missing(value) -> bool:
    """None, NaN or NA (a missing cell); a string never is."""
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _printed(unit: str) -> str:
    """``5(a)`` → ``5 (a)``, ``2(b)(一)`` → ``2 (b) (一)``."""
    return _CITE_BRACKET.sub(" (", unit)


@lru_cache(maxsize=1 << 12)
def _article_of(path: str) -> str | None:
    """The number of the innermost article in a path (``第一章/第三条`` → ``3``), else None."""
    for part in reversed(path.split("/")):
        m = _CITE_ARTICLE.match(part)
        if m:
            num = m.group(1)
            return num if num.isdigit() else str(cn_to_int(num))
    return None


def _heading_name(kind: str, unit: str, path: str, section: str, debate) -> str:
    """A heading's name: "Debate 2", "Chapter 2", "art. 3", "Goal 1", "Section 二", "Section 二/A"."""
    if kind == "debate" and not _missing(debate):
        return section_label(f"debate_{int(debate)}")
    if kind == "article" and unit:
        return f"art. {unit}"
    if kind in ("section", "subsection", "subsubsection") and unit:
        return f"Section {path}/{unit}" if path else f"Section {unit}"
    if kind in UNIT_LABELS and unit:
        return UNIT_LABELS[kind][1].format(unit)
    return section_label(section)


def unit_reference(row, with_document: bool = False, several_in_article: bool = False,
                   section_name: str | None = None) -> str:
    """Where one paragraph row stands, as a reader cites it (see the comment above).

    ``row``: a dict, a named tuple or a Series with the paragraph table's ``section, debate,
    para_no, kind, unit_kind, unit, path`` (missing ones count as empty; ``kind`` defaults to
    ``paragraph``).  ``with_document``: the document id first (a corpus).  ``several_in_article``:
    an unnumbered paragraph shares its article with others, so its ``para_no`` is added.
    ``section_name``: the name of the row's section from its own heading ("Section 二", "Chapter 2")
    for an unnumbered paragraph, instead of the section's ordinal label ("Section 2").
    :func:`unit_references` knows both from the table.

    >>> unit_reference({"unit_kind": "item", "unit": "5(a)", "path": "5"})
    'op. para. 5 (a)'
    >>> unit_reference({"unit_kind": "paragraph", "unit": "2", "path": "第二章/第三条", "para_no": 2})
    'art. 3, para. 2'
    >>> unit_reference({"debate": 2, "para_no": 5})
    'Debate 2 ¶5'
    """
    get = row.get if isinstance(row, dict) else (lambda k: getattr(row, k, None))
    values = [None if _missing(get(k)) else get(k) for k in _CITE_COLUMNS]
    ref = _cite(*_cite_args(*values[1:]), several_in_article, section_name)
    return f"{values[0]} · {ref}" if with_document else ref


#: the columns a citation reads, in the order of :func:`_cite_args` (after ``doc_id``)
_CITE_COLUMNS = ("doc_id", "debate", "para_no", "kind", "unit_kind", "unit", "path", "section")


def _cite_args(debate, para_no, kind, unit_kind, unit, path, section) -> tuple:
    return (None if debate is None else int(debate), None if para_no is None else int(para_no),
            "paragraph" if kind is None else str(kind), *("" if v is None else str(v) for v in (unit_kind, unit, path, section)))


@lru_cache(maxsize=1 << 16)
def _cite(debate, para_no, text_kind: str, kind: str, unit: str, path: str, section: str, several_in_article: bool,
          section_name: str | None) -> str:
    no = "" if para_no is None else f" ¶{para_no}"
    article = unit if kind == "article" and unit else _article_of(path)
    if text_kind == "footnote":
        return f"footnote {unit}" if unit else "footnote"
    if text_kind == "heading":
        return f"{_heading_name(kind, unit, path, section, debate)} (heading)"
    if text_kind != "paragraph":  # notes, signature lines, rules
        return f"{section_label(section)}, {(kind or text_kind).replace('_', ' ')}"
    if debate is not None:
        return f"{section_label(f'debate_{debate}')}{no}"
    if kind in _CITE_NAMED and unit:
        return f"{_CITE_NAMED[kind]} {unit}"
    if article:
        if kind == "article" or not (unit or several_in_article):
            return f"art. {article}"
        return f"art. {article}, para. {_printed(unit)}" if unit else f"art. {article},{no}"
    if unit and (kind == "operative" or kind == "item" and section in ("operative", "")):  # a resolution's
        return f"op. para. {_printed(unit)}"
    if kind == "preambular":
        return f"preambular para. {para_no}" if no else "preambular para."
    if kind == "formula":
        return "proclaiming formula"
    if unit:
        return f"para. {_printed(unit)}"
    if section == "body":
        return no.strip() or "body"
    return (section_name or section_label(section)) + no


def unit_references(paragraphs: pd.DataFrame, with_document: bool | None = None) -> pd.Series:
    """:func:`unit_reference` of every row of a paragraph table, indexed like it (the document id
    first when ``with_document``; by default when the table holds several documents)."""
    n = len(paragraphs)
    cols = {}
    for c in _CITE_COLUMNS:
        values = paragraphs[c].to_numpy(dtype=object) if c in paragraphs.columns else np.full(n, None, dtype=object)
        values[pd.isna(values)] = None
        cols[c] = values.tolist()
    docs = cols["doc_id"]
    several_docs = len(set(docs)) > 1 if with_document is None else with_document
    args = [_cite_args(*values) for values in zip(*(cols[c] for c in _CITE_COLUMNS[1:]))]
    # unnumbered body paragraphs that share an article: each cited with its ¶ number
    plain = [_plain_in_article(a) for a in args]
    shared: dict = {}
    for doc, a, is_plain in zip(docs, args, plain):
        if is_plain:
            shared[(doc, a[5])] = shared.get((doc, a[5]), 0) + 1
    # a numbered section is named by its own heading (Section 二, Chapter 2), as printed
    names: dict = {}
    for doc, a in zip(docs, args):
        key = (doc, a[6])
        if a[2] == "heading" and a[4] and key not in names and a[6].startswith(("section_", "article_")):
            names[key] = _heading_name(a[3], a[4], "", a[6], a[0])
    refs = [_cite(*a, is_plain and shared[(doc, a[5])] > 1, names.get((doc, a[6])))
            for doc, a, is_plain in zip(docs, args, plain)]
    if several_docs:
        refs = [f"{doc} · {ref}" for doc, ref in zip(docs, refs)]
    return pd.Series(refs, index=paragraphs.index, dtype="str", name="ref")


def _plain_in_article(a: tuple) -> bool:
    """An unnumbered body paragraph inside an article (cited by its ¶ number when it has siblings);
    ``a``: the arguments of :func:`_cite` (debate, para_no, kind, unit_kind, unit, path, section)."""
    debate, _, kind, unit_kind, unit, path, _ = a
    return kind == "paragraph" and not unit and unit_kind == "paragraph" and debate is None \
        and _article_of(path) is not None

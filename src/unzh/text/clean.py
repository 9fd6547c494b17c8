"""Cleaning PDF-extraction artefacts without changing the wording.

What changes: whitespace, line breaks and bracket widths — nothing else.
:func:`wording` strips exactly those, so ``wording(raw) == wording(cleaned)``
is the invariant the tests check (no word lost or altered).

The steps, in order:

1. **Undouble**: PDF extraction left a blank line after every line.  If most
   lines are followed by an empty line, that one empty line is removed.
2. **Blocks**: physical lines are grouped into logical paragraphs.  In
   PDF-extracted text a paragraph's last line ends with a space and a wrapped
   line does not, so a line that merely *starts* with a space after a line
   that did not end a paragraph (a page-break false start such as
   " 多样性。因此…") is a continuation, not a new paragraph.  Plain text uses
   blank lines and sentence-final punctuation instead.
3. **Join** the lines of a block without inserting spaces between Chinese
   characters (a space is kept only between two Latin letters or digits).
4. **Normalise**: drop spaces between Chinese text and numbers ("于 7 月" →
   "于7月"), collapse other runs of whitespace, unify round and square
   brackets to full width ("55(b）" → "55（b）").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Chinese characters, CJK punctuation, enclosed CJK (㈠), full-width forms.
CJK_CLASS = r"\u2e80-\u2fff\u3000-\u303f\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# a number, possibly with a bracketed item letter: 7, 2006, 55(b), 67（b）, 1.5
_NUM = r"[0-9][0-9.,]*(?:[（(][a-zA-Z0-9]{1,3}[）)])?"
_SPACE_BEFORE_NUM = re.compile(f"(?<=[{CJK_CLASS}])[ \t\u3000]+(?={_NUM})")
_SPACE_AFTER_NUM = re.compile(f"(?<=[0-9）)])[ \t\u3000]+(?=[{CJK_CLASS}])")
_SPACE_CJK_CJK = re.compile(f"(?<=[{CJK_CLASS}])[ \t\u3000]+(?=[{CJK_CLASS}])")
_WS_RUN = re.compile(r"[ \t\u3000\u00a0]+")

BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "［", "]": "］"})
_ASCII_BRACKET = re.compile(r"[()\[\]]")
#: A line ending in one of these cannot end a paragraph (a wrapped title such as
#: "…包括增进人权和 / 基本自由…").
CONTINUATION_END = set("，、：；和及与或的")
SENTENCE_END = set("。！？；：”」』")
_WHITESPACE = re.compile(r"\s+")
_PUNCTUATION = set("。，、；：！？…—”」』）》〉】,.;:!?)")


def wording(text: str) -> str:
    """The text with all whitespace removed and brackets unified: what cleaning must preserve."""
    return _WHITESPACE.sub("", text).translate(BRACKETS)


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def undouble(lines: list[str]) -> list[str]:
    """Remove the blank line PDF extraction put after every line, if the text is double-spaced."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return lines
    followed = sum(1 for i in nonblank if i + 1 < len(lines) and lines[i + 1] == "")
    if followed < 0.6 * len(nonblank):
        return lines
    out, i = [], 0
    while i < len(lines):
        out.append(lines[i])
        if lines[i] != "" and i + 1 < len(lines) and lines[i + 1] == "":
            i += 2
        else:
            i += 1
    return out


@dataclass(slots=True)
class Block:
    """A logical paragraph: its cleaned text and the raw lines (1-based, inclusive) it came from
    (not frozen, which would make building one three times slower: treat it as read-only)."""

    text: str
    line_start: int
    line_end: int
    indent: int  # leading spaces of its first raw line (a lost bullet leaves one)
    raw: str  # the raw lines joined with "\n", untouched


def uses_trailing_space_convention(lines: list[str]) -> bool:
    """True when paragraph-final lines end with a space (as in the PDF extractions)."""
    content = [ln for ln in lines if ln.strip()]
    ending = sum(1 for ln in content if ln != ln.rstrip())
    return len(content) > 0 and ending >= 0.2 * len(content)


def wrap_width(lines: list[str]) -> int | None:
    """The fixed line width of hard-wrapped plain text, or None if lines are paragraphs.

    Hard-wrapped text has many lines of (nearly) the same length: the most
    common length, if it is at least 15 characters and at least three lines and
    a quarter of the lines have it (±1).  Only lines followed by another line
    count: a line before a blank line (or the last) ends its paragraph whatever
    its length, so blank-line paragraphs of similar length are not taken for
    wrapped text.  And a wrap falls anywhere in a sentence: at least half of the
    lines of that length must end with no punctuation mark, so one paragraph per
    line of similar length ("回顾…，" / "1. …；", a processed ``*.clean.txt``) is
    not taken for wrapped text either.
    """
    stripped = [ln.strip() for ln, after in zip(lines, [*lines[1:], ""]) if ln.strip() and after.strip()]
    lengths = [len(ln) for ln in stripped]
    if len(lengths) < 4:
        return None
    hist = Counter(lengths)
    # the length with most lines within ±1 of it (the longest of equals)
    best = max(hist, key=lambda n: (hist[n - 1] + hist[n] + hist[n + 1], n))
    at_width = [ln for ln in stripped if abs(len(ln) - best) <= 1]
    mid_sentence = sum(1 for ln in at_width if ln[-1] not in _PUNCTUATION)
    if best >= 15 and len(at_width) >= max(3, len(lengths) / 4) and mid_sentence >= len(at_width) / 2:
        return best
    return None


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between Chinese characters, one space between Latin words."""
    out = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        if out and not is_cjk(out[-1]) and not is_cjk(piece[0]) and out[-1].isalnum() and piece[0].isalnum():
            out += " "
        out += piece
    return out


def normalise(text: str) -> str:
    """Whitespace and bracket normalisation inside one paragraph (wording unchanged)."""
    if " " in text or "\t" in text or "\u3000" in text or "\u00a0" in text:
        text = _WS_RUN.sub(" ", text)
    text = text.strip()
    if " " in text:  # (the three rules below only remove spaces: most Chinese paragraphs have none)
        text = _SPACE_BEFORE_NUM.sub("", text)
        text = _SPACE_AFTER_NUM.sub("", text)
        text = _SPACE_CJK_CJK.sub("", text)
    if ("(" in text or ")" in text or "[" in text or "]" in text) and _CJK_RE.search(text):
        text = text.translate(BRACKETS)
    return text


def blocks(text: str, starts_block=None) -> list[Block]:
    """Group the lines of ``text`` into cleaned logical paragraphs.

    ``starts_block(stripped_line) -> bool`` may force a line (a heading, a
    footnote, a numbered paragraph) to start a new block.
    """
    raw_lines = text.split("\n")
    pdf = uses_trailing_space_convention(raw_lines)
    # a blank line after every line is a PDF artefact only where paragraph ends are marked by a
    # trailing space; elsewhere blank lines are the paragraph separators
    kept = undouble(raw_lines) if pdf else raw_lines
    if kept is raw_lines:
        nums = range(1, len(raw_lines) + 1)
    else:  # map undoubled lines back to their 1-based raw numbers
        nums, j = [], 0
        for line in kept:
            while raw_lines[j] != line:
                j += 1
            nums.append(j + 1)
            j += 1
    width = wrap_width(kept)
    if kept is raw_lines and width is None:
        # neither PDF line ends nor hard-wrapped lines: every non-blank line is a paragraph of its
        # own (what the general loop below finds, without grouping)
        out = []
        for num, line in enumerate(raw_lines, start=1):
            stripped = line.strip()
            if not stripped:
                continue
            if (" " in stripped or "\t" in stripped or "\u3000" in stripped or "\u00a0" in stripped
                    or "(" in stripped or ")" in stripped or "[" in stripped or "]" in stripped):
                text_ = normalise(stripped)  # (otherwise it has nothing to change)
                if not text_:
                    continue
            else:
                text_ = stripped
            out.append(Block(text_, num, num, 0 if stripped is line else len(line) - len(line.lstrip(" \u3000")), line))
        return out
    groups: list[list[int]] = []
    # the previous line of this block (None after a blank line): its raw form, last non-space
    # character and stripped length
    prev_line, prev_end, prev_len = None, "", 0
    for idx, line in enumerate(kept):
        stripped = line.strip()
        if not stripped:
            prev_line = None
            continue
        if prev_line is None:
            new = True
        elif starts_block and starts_block(stripped):
            new = True
        elif pdf:
            new = prev_line[-1:].isspace() and prev_end not in CONTINUATION_END
        else:
            wrapped = width is not None and prev_len >= width - 1
            new = prev_end in SENTENCE_END or not wrapped
        if new:
            groups.append([idx])
        else:
            groups[-1].append(idx)
        prev_line, prev_end, prev_len = line, stripped[-1], len(stripped)
    out = []
    for g in groups:
        first = kept[g[0]]
        if len(g) == 1:
            text_ = normalise(first.strip())
        else:
            text_ = normalise(join_lines([kept[i] for i in g]))
        if not text_:
            continue
        start, end = nums[g[0]], nums[g[-1]]
        out.append(Block(text_, start, end, len(first) - len(first.lstrip(" \u3000")),
                         raw_lines[start - 1] if start == end else "\n".join(raw_lines[start - 1:end])))
    return out


def clean_text(text: str, starts_block=None) -> str:
    """The cleaned text: one logical paragraph per line."""
    return "\n".join(b.text for b in blocks(text, starts_block))

"""Keyword in context: every occurrence of an exact string in the cleaned text, with its citation."""
from __future__ import annotations

import re

import pandas as pd

from unzh.errors import UnknownTermError
from unzh.text.structure import unit_references

#: ``ref`` first: the place as a reader cites it (:func:`unzh.text.structure.unit_reference`)
KWIC_COLUMNS = ["ref", "doc_id", "para_id", "section", "debate", "para_no", "kind", "start", "left", "term", "right"]


def kwic(paragraphs: pd.DataFrame, term: str, width: int = 10) -> pd.DataFrame:
    """One row per (non-overlapping, left to right) occurrence of ``term`` in each paragraph's text.

    The number of rows equals ``sum(text.count(term))`` over the paragraphs.  ``ref`` cites the
    paragraph ("art. 3, para. 2", "op. para. 5 (a)", "Debate 2 ¶5"; the document id first in a
    corpus); ``left``/``right`` hold up to ``width`` characters of context within the paragraph.
    """
    if not term or not term.strip():
        raise UnknownTermError("kwic", "empty search term")
    if width < 0:
        raise UnknownTermError("kwic", f"--width must be >= 0, got {width}")
    pat = re.compile(re.escape(term))
    refs = unit_references(paragraphs).tolist()
    rows = []
    for ref, r in zip(refs, paragraphs.itertuples(index=False)):
        for m in pat.finditer(r.text):
            rows.append((ref, r.doc_id, r.para_id, r.section, r.debate, r.para_no, r.kind, m.start(),
                         r.text[max(0, m.start() - width):m.start()], term, r.text[m.end():m.end() + width]))
    df = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    for c in ("debate", "para_no"):
        df[c] = df[c].astype("Int64")
    return df


def kwic_with_refs(paragraphs: pd.DataFrame, term: str, width: int = 12) -> pd.DataFrame:
    """:func:`kwic` with the explorer's default width (12 characters each side)."""
    return kwic(paragraphs, term, width=width)

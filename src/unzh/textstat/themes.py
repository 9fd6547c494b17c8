"""Theme coding: which themes each paragraph or sentence contains, and the paragraphs behind every number.

A theme is a row of the theme lexicon (``data/lexicons/themes.tsv``, read by
:func:`unzh.lexicon.files.load_themes`): an id, a Chinese and an English label and
its terms.  A **unit** (a body paragraph, or a sentence of one) is *coded*
with a theme when at least one of the theme's terms is found in it.  Terms
are matched longest first without overlap (:mod:`unzh.lexicon.matcher`): in
"劳动剥削" only the trafficking term 劳动剥削 is found, never the labour term
劳动 inside it.  Sentences are the pieces of a paragraph split after
。！？； (:func:`unzh.lexicon.matcher.split_sentences`).

The **coded-unit table** returned by :func:`code_themes` has one row per unit
and these columns:

=============  ===============================================================
doc_id         document id
para_id        row of the paragraph in its document's paragraph table
section        section id (``debate_1``, ``annex_intro`` …)
section_title  the section's heading
debate         debate number (nullable int)
para_no        paragraph number within its section
sentence_no    sentence number within the paragraph (1-based; NA for
               paragraph units)
unit           ``"paragraph"`` or ``"sentence"``
text           the unit's text (the paragraph, or the sentence)
themes         tuple of the theme ids found, in lexicon order
terms          tuple of the distinct terms found, in order of first occurrence
n_matches      number of term matches (repeats counted)
matches        tuple of :class:`unzh.lexicon.matcher.Match` (positions in ``text``)
=============  ===============================================================

Its ``attrs`` record ``unit``, ``theme_ids`` (every theme of the lexicon, in
order, including those never found), ``labels_zh``/``labels_en`` and the
lexicon's ``lexicon_source`` and ``lexicon_sha256``; the measures in
:mod:`unzh.textstat.cooccurrence` read them, so filtering the table (e.g. to one
debate) keeps the full list of themes.

:func:`theme_evidence` answers "show me the paragraphs": for a theme, or a
pair of themes, optionally in one group, the units coded with it (both), the
matched terms of the themes asked for marked 【like this】.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from unzh.errors import InputError
from unzh.lexicon.files import check_ids, coded_ids, coded_labels, known_terms, load_stakeholders, load_themes, term_index
from unzh.lexicon.matcher import (
    TermMatcher,
    distinct_sorted,
    first_in_text,
    group_by_text,
    mark_terms,
    number_within,
    run_starts,
    split_sentences_each,
)
from unzh.text.structure import BODY_KINDS
from unzh.textstat.coding import (
    UNIT_COLUMNS,
    clipped,
    coded_rows,
    column_like_list,
    evidence_rows,
    lexicon_source,
    lexicon_table,
    object_column,
    str_dtype,
    unit_columns,
)
from unzh.textstat.units import UNITS

__all__ = [
    "CODED_COLUMNS",
    "UNITS",
    "check_theme_ids",
    "code_themes",
    "coding_for_csv",
    "format_evidence",
    "theme_evidence",
    "theme_ids",
    "theme_labels",
    "theme_matcher",
    "default_theme_blockers",
    "presence_array",
    "theme_presence",
]

#: separator of several themes or terms in one CSV cell (as in the lexicon files)
TERM_JOIN = "|"
CODED_COLUMNS = UNIT_COLUMNS + ["sentence_no", "unit", "text", "themes", "terms", "n_matches", "matches"]


def _themes_df(themes: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    return lexicon_table(themes, load_themes)


def default_theme_blockers() -> tuple[str, ...]:
    """The longer known terms a theme term is not matched inside: the user dictionaries' words and the actors' aliases."""
    return known_terms(None, load_stakeholders())


def theme_matcher(themes: pd.DataFrame | str | Path | None = None, blockers: Iterable[str] | None = None) -> TermMatcher:
    """A longest-match-first matcher mapping every theme term to its theme id.

    ``blockers``: longer known terms inside which no theme term is matched (default
    :func:`default_theme_blockers`; ``()`` for none).
    """
    df = _themes_df(themes)
    return TermMatcher(term_index(df, "theme_id", "terms"),
                       default_theme_blockers() if blockers is None else blockers)


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise InputError("--unit", f"unknown unit {unit!r} (use 'paragraph' or 'sentence')")


def code_themes(paragraphs: pd.DataFrame, themes: pd.DataFrame | str | Path | None = None,
                unit: str = "paragraph", kinds: Sequence[str] = BODY_KINDS,
                blockers: Iterable[str] | None = None) -> pd.DataFrame:
    """Code every body paragraph (``unit="paragraph"``) or sentence (``"sentence"``) with the themes it contains.

    ``paragraphs`` is a paragraph table (:mod:`unzh.text.structure`); only rows
    whose ``kind`` is in ``kinds`` (default: body paragraphs) are coded.
    ``themes`` is a :func:`unzh.lexicon.files.load_themes` table or the path of a
    theme lexicon (default: the project's).  Returns the coded-unit table
    described in the module docstring, one row per unit, uncoded units
    included (``themes == ()``).  ``blockers``: longer known terms inside which no theme term is
    matched (:class:`unzh.lexicon.matcher.TermMatcher`; default :func:`default_theme_blockers`:
    国际法 is not found inside the dictionary's 国际法院).
    """
    _check_unit(unit)
    df = _themes_df(themes)
    matcher = theme_matcher(df, blockers)
    ids = [str(t) for t in df["theme_id"]]
    order = {t: i for i, t in enumerate(ids)}
    # columns, not rows: the matches of all units found in one pass (TermMatcher.find_arrays), each
    # unit's themes and distinct terms from numpy arrays of them, the metadata taken from the paragraph
    # table's columns; equal tuples are one object (several times faster and leaner at corpus scale;
    # the same table)
    selected = coded_rows(paragraphs, kinds)
    by_sentence = unit == "sentence"
    if by_sentence:
        texts, counts = split_sentences_each(selected["text"].tolist())
        rows, sentence_no = number_within(counts)  # the paragraph of each sentence, its number there
    else:
        texts, rows, sentence_no = selected["text"].tolist(), None, None
    n = len(texts)
    if not n:  # no unit: the table pandas makes of empty lists, as it always was
        out = pd.DataFrame({c: [] for c in CODED_COLUMNS}, columns=CODED_COLUMNS)
        for col in ("debate", "para_no", "sentence_no"):
            out[col] = out[col].astype("Int64")
    else:
        hits = matcher.find_arrays(texts)
        key_rank = np.array([order[k] for k in hits.keys], dtype=np.intp)[hits.key_code]  # by term code
        found_themes = _theme_sets(hits.text, key_rank[hits.code], ids, n)
        first = first_in_text(hits.text, hits.code)
        found_terms = group_by_text(hits.term_of(hits.code[first]), hits.text[first], n)
        columns = unit_columns(selected, rows)
        columns.update({
            "sentence_no": (pd.arrays.IntegerArray(sentence_no.astype(np.int64), np.zeros(n, dtype=bool))
                            if by_sentence else pd.arrays.IntegerArray(np.zeros(n, np.int64), np.ones(n, bool))),
            "unit": pd.Series([unit]).array.take(np.zeros(n, dtype=np.intp)),
            "text": pd.Series(texts, dtype=str_dtype()).array if by_sentence else column_like_list(selected["text"], None),
            "themes": found_themes,
            "terms": object_column(found_terms),
            "n_matches": np.bincount(hits.text, minlength=n).astype(np.int64),
            "matches": object_column(hits.matches()),
        })
        out = pd.DataFrame(columns, columns=CODED_COLUMNS, copy=False)
        for col in ("debate", "para_no"):
            out[col] = out[col].astype("Int64")
    source, sha = lexicon_source(df)
    out.attrs = {
        "unit": unit, "theme_ids": ids,
        "labels_zh": dict(zip(ids, map(str, df["label_zh"]))),
        "labels_en": dict(zip(ids, map(str, df["label_en"]))),
        "lexicon_source": source,
        "lexicon_sha256": sha,
    }
    return out


def _theme_sets(unit: np.ndarray, rank: np.ndarray, ids: list[str], n: int) -> np.ndarray:
    """Object array: for each of ``n`` units, the tuple of the themes matched in it, in lexicon order.

    ``unit``/``rank``: the unit (ascending) and theme rank (index in ``ids``) of every match.  A
    unit's themes as a bit pattern; one tuple per distinct pattern, shared by every unit with it.
    """
    pairs = distinct_sorted(unit * len(ids) + rank)  # each unit's distinct themes, in lexicon order
    unit, rank = pairs // len(ids), pairs % len(ids)
    if len(ids) > 64:  # more themes than bits: the tuples from the sorted pairs
        return object_column(group_by_text(np.array(ids, dtype=object)[rank].tolist(), unit, n))
    out = np.empty(n, dtype=object)
    out.fill(())
    if len(pairs):
        first = np.flatnonzero(run_starts(unit))  # each unit's first pair
        bits = np.bitwise_or.reduceat(np.left_shift(np.uint64(1), rank.astype(np.uint64)), first)
        patterns, which = np.unique(bits, return_inverse=True)
        sets = object_column([tuple(t for r, t in enumerate(ids) if p >> r & 1) for p in patterns.tolist()])
        out[unit[first]] = sets[which]
    return out


def theme_ids(coded: pd.DataFrame) -> list[str]:
    """Every theme of the lexicon the table was coded with, in lexicon order."""
    return coded_ids(coded, "theme_ids", "theme", "code_themes")


def theme_labels(coded: pd.DataFrame, lang: str = "both") -> dict[str, str]:
    """Display labels by theme id: "人权", "Human rights" or "人权 (Human rights)" (``lang`` zh/en/both)."""
    return coded_labels(coded, theme_ids(coded), lang)


def check_theme_ids(coded: pd.DataFrame, wanted: Iterable[str]) -> list[str]:
    """Return ``wanted`` as a list; raise :class:`UnknownTermError` naming the first id the lexicon lacks."""
    return check_ids(theme_ids(coded), wanted, coded.attrs.get("lexicon_source") or "themes", "theme")


def theme_presence(coded: pd.DataFrame) -> pd.DataFrame:
    """Units x themes boolean matrix (index = the coded table's index, columns = every theme id)."""
    ids = theme_ids(coded)
    return pd.DataFrame(presence_array(coded, ids), index=coded.index, columns=ids, dtype=bool)


def presence_array(coded: pd.DataFrame, ids: list[str]) -> np.ndarray:
    """:func:`theme_presence` as a plain (units x ``ids``) bool array, built in one pass over ``themes``."""
    col = {t: j for j, t in enumerate(ids)}
    found = coded["themes"].tolist()
    rows = [i for i, f in enumerate(found) for t in f if t in col]
    cols = [col[t] for f in found for t in f if t in col]
    out = np.zeros((len(found), len(ids)), dtype=bool)
    out[rows, cols] = True
    return out


def coding_for_csv(coded: pd.DataFrame) -> pd.DataFrame:
    """The coded-unit table for a CSV file: themes and terms joined with ``|``, positions dropped."""
    out = coded.drop(columns=["matches"]).copy()
    out["themes"] = [TERM_JOIN.join(t) for t in coded["themes"]]
    out["terms"] = [TERM_JOIN.join(t) for t in coded["terms"]]
    return out



# ---------------------------------------------------------------- evidence
def theme_evidence(coded: pd.DataFrame, theme: str, other: str | None = None, *,
                   by: str | None = None, group=None, left: str = "【", right: str = "】") -> pd.DataFrame:
    """The units behind a number: those coded with ``theme`` (and with ``other``, if given).

    ``by``/``group`` restrict to one group (e.g. ``by="debate", group=2``); ``by`` alone keeps every
    unit and adds the grouping column after ``ref`` (empty for a unit outside every group).
    Returns one row per unit, in document order: ``ref, doc_id, section, debate,
    para_no, sentence_no, unit, terms_a, terms_b, text`` where ``ref`` cites the paragraph
    ("art. 3, para. 2", "Debate 2 ¶5": :func:`unzh.text.structure.unit_reference`), ``text`` has
    the matched terms of the theme(s) asked for wrapped in ``left``/``right``
    (other themes' terms are left unmarked) and ``terms_a``/``terms_b`` list
    the distinct terms found for each theme (``|``-joined).  Unknown theme ids
    raise :class:`UnknownTermError`; an unknown group, :class:`InputError`.
    """
    wanted = check_theme_ids(coded, [theme] + ([other] if other is not None else []))
    d = evidence_rows(coded, by, group)
    d = d[[all(t in found for t in wanted) for found in d["themes"]]]
    rows = []
    for r in d.itertuples(index=False):
        ms = [m for m in r.matches if m.key in wanted]
        rows.append({
            "ref": r.ref, **({by: getattr(r, by)} if by and group is None else {}), "doc_id": r.doc_id, "section": r.section, "debate": r.debate, "para_no": r.para_no,
            "sentence_no": r.sentence_no, "unit": r.unit,
            "terms_a": TERM_JOIN.join(dict.fromkeys(m.term for m in ms if m.key == wanted[0])),
            "terms_b": TERM_JOIN.join(dict.fromkeys(m.term for m in ms if m.key == wanted[-1])) if other else "",
            "text": mark_terms(r.text, ms, left, right),
        })
    out = pd.DataFrame(rows, columns=["ref", *([by] if by and group is None else []), "doc_id", "section", "debate",
                                      "para_no", "sentence_no", "unit", "terms_a", "terms_b", "text"])
    for col in ("debate", "para_no", "sentence_no"):
        out[col] = out[col].astype("Int64")
    out.attrs = {"theme_a": theme, "theme_b": other, "by": by, "group": group}
    return out


def format_evidence(ev: pd.DataFrame, max_chars: int | None = None) -> str:
    """A :func:`theme_evidence` table as lines "Debate 1 ¶4: …【人权】…", "art. 3, para. 2, sentence 1: …"
    (each place as its ``ref`` cites it; the document id first in a corpus)."""
    lines = []
    for r in ev.itertuples(index=False):
        where = r.ref + (f", sentence {r.sentence_no}" if not pd.isna(r.sentence_no) else "")
        text = clipped(r.text, max_chars)
        lines.append(f"{where}: {text}")
    return "\n".join(lines)

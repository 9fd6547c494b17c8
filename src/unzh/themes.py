"""Theme coding: which themes each paragraph or sentence contains, and the paragraphs behind every number.

A theme is a row of the theme lexicon (``data/lexicons/themes.tsv``, read by
:func:`unzh.lexicons.load_themes`): an id, a Chinese and an English label and
its terms.  A **unit** (a body paragraph, or a sentence of one) is *coded*
with a theme when at least one of the theme's terms is found in it.  Terms
are matched longest first without overlap (:mod:`unzh.matching`): in
"劳动剥削" only the trafficking term 劳动剥削 is found, never the labour term
劳动 inside it.  Sentences are the pieces of a paragraph split after
。！？； (:func:`unzh.matching.split_sentences`).

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
matches        tuple of :class:`unzh.matching.Match` (positions in ``text``)
=============  ===============================================================

Its ``attrs`` record ``unit``, ``theme_ids`` (every theme of the lexicon, in
order, including those never found), ``labels_zh``/``labels_en`` and the
lexicon's ``lexicon_source`` and ``lexicon_sha256``; the measures in
:mod:`unzh.cooccurrence` read them, so filtering the table (e.g. to one
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

from .errors import InputError
from .io_utils import sha256_file
from .lexicons import check_ids, coded_ids, coded_labels, load_themes, term_index
from .matching import TermMatcher, distinct_keys, distinct_terms, gc_paused, mark_terms, split_sentences
from .structure import BODY_KINDS, groups_in_order

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
    "presence_array",
    "theme_presence",
]

UNITS = ("paragraph", "sentence")
#: separator of several themes or terms in one CSV cell (as in the lexicon files)
TERM_JOIN = "|"
_META = ["doc_id", "para_id", "section", "section_title", "debate", "para_no"]
CODED_COLUMNS = _META + ["sentence_no", "unit", "text", "themes", "terms", "n_matches", "matches"]


def _themes_df(themes: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if themes is None or isinstance(themes, (str, Path)):
        return load_themes(themes)
    return themes


def theme_matcher(themes: pd.DataFrame | str | Path | None = None) -> TermMatcher:
    """A longest-match-first matcher mapping every theme term to its theme id."""
    df = _themes_df(themes)
    return TermMatcher(term_index(df, "theme_id", "terms"))


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise InputError("--unit", f"unknown unit {unit!r} (use 'paragraph' or 'sentence')")


@gc_paused()  # hundreds of thousands of matches: nothing cyclic for the collector to find
def code_themes(paragraphs: pd.DataFrame, themes: pd.DataFrame | str | Path | None = None,
                unit: str = "paragraph", kinds: Sequence[str] = BODY_KINDS) -> pd.DataFrame:
    """Code every body paragraph (``unit="paragraph"``) or sentence (``"sentence"``) with the themes it contains.

    ``paragraphs`` is a paragraph table (:mod:`unzh.structure`); only rows
    whose ``kind`` is in ``kinds`` (default: body paragraphs) are coded.
    ``themes`` is a :func:`unzh.lexicons.load_themes` table or the path of a
    theme lexicon (default: the project's).  Returns the coded-unit table
    described in the module docstring, one row per unit, uncoded units
    included (``themes == ()``).
    """
    _check_unit(unit)
    df = _themes_df(themes)
    matcher = theme_matcher(df)
    ids = [str(t) for t in df["theme_id"]]
    order = {t: i for i, t in enumerate(ids)}
    # one list per output column from plain lists of the needed input columns: no dict per unit,
    # no row objects, the terms of all units found in one pass (several times faster at corpus
    # scale; the same table)
    selected = paragraphs.loc[paragraphs["kind"].isin(kinds).to_numpy(dtype=bool), [*_META, "text"]]
    meta = [selected[c].tolist() for c in _META]
    by_sentence = unit == "sentence"
    paragraph_texts = selected["text"].tolist()
    if by_sentence:
        pieces = [split_sentences(p) for p in paragraph_texts]
        texts = [s for ss in pieces for s in ss]
        source = [i for i, ss in enumerate(pieces) for _ in ss]
        sentence_no = [no for ss in pieces for no in range(1, len(ss) + 1)]
    else:
        texts, sentence_no = paragraph_texts, [pd.NA] * len(paragraph_texts)
    rank = order.__getitem__
    matches = matcher.find_each(texts)
    found_themes = [tuple(sorted(distinct_keys(found), key=rank)) for found in matches]
    found_terms = list(map(distinct_terms, matches))
    n_matches = list(map(len, matches))
    # paragraph units: one unit per paragraph, the metadata lists as they are
    columns = {c: [values[i] for i in source] if by_sentence else values for c, values in zip(_META, meta)}
    columns.update({"sentence_no": sentence_no, "unit": [unit] * len(texts), "text": texts, "themes": found_themes,
                    "terms": found_terms, "n_matches": n_matches, "matches": matches})
    out = pd.DataFrame(columns, columns=CODED_COLUMNS)
    for col in ("debate", "para_no", "sentence_no"):
        out[col] = out[col].astype("Int64")
    source = df.attrs.get("source")
    out.attrs = {
        "unit": unit, "theme_ids": ids,
        "labels_zh": dict(zip(ids, map(str, df["label_zh"]))),
        "labels_en": dict(zip(ids, map(str, df["label_en"]))),
        "lexicon_source": str(source) if source else None,
        "lexicon_sha256": sha256_file(source) if source and Path(source).is_file() else None,
    }
    return out


# ---------------------------------------------------------------- reading the table
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

    ``by``/``group`` restrict to one group (e.g. ``by="debate", group=2``).
    Returns one row per unit, in document order: ``doc_id, section, debate,
    para_no, sentence_no, unit, terms_a, terms_b, text`` where ``text`` has
    the matched terms of the theme(s) asked for wrapped in ``left``/``right``
    (other themes' terms are left unmarked) and ``terms_a``/``terms_b`` list
    the distinct terms found for each theme (``|``-joined).  Unknown theme ids
    raise :class:`UnknownTermError`; an unknown group, :class:`InputError`.
    """
    wanted = check_theme_ids(coded, [theme] + ([other] if other is not None else []))
    d = coded
    if by is not None:
        if by not in coded.columns:
            raise InputError(by, f"no such grouping column (use one of: {', '.join(_META[:-1])})")
        values = groups_in_order(coded[by])
        if group not in values:
            raise InputError(f"{by} {group}", f"no such group (groups: {', '.join(map(str, values))})")
        d = d[d[by] == group]
    d = d[[all(t in found for t in wanted) for found in d["themes"]]]
    rows = []
    for r in d.itertuples(index=False):
        ms = [m for m in r.matches if m.key in wanted]
        rows.append({
            "doc_id": r.doc_id, "section": r.section, "debate": r.debate, "para_no": r.para_no,
            "sentence_no": r.sentence_no, "unit": r.unit,
            "terms_a": TERM_JOIN.join(dict.fromkeys(m.term for m in ms if m.key == wanted[0])),
            "terms_b": TERM_JOIN.join(dict.fromkeys(m.term for m in ms if m.key == wanted[-1])) if other else "",
            "text": mark_terms(r.text, ms, left, right),
        })
    out = pd.DataFrame(rows, columns=["doc_id", "section", "debate", "para_no", "sentence_no", "unit",
                                      "terms_a", "terms_b", "text"])
    for col in ("debate", "para_no", "sentence_no"):
        out[col] = out[col].astype("Int64")
    out.attrs = {"theme_a": theme, "theme_b": other, "by": by, "group": group}
    return out


def format_evidence(ev: pd.DataFrame, max_chars: int | None = None) -> str:
    """A :func:`theme_evidence` table as lines "debate 1 ¶4: …【人权】…" (document id added for a corpus)."""
    several = ev["doc_id"].nunique() > 1
    lines = []
    for r in ev.itertuples(index=False):
        where = f"debate {r.debate}" if not pd.isna(r.debate) else r.section
        where = f"{r.doc_id} {where}" if several else where
        where += f" ¶{r.para_no}" + (f" sentence {r.sentence_no}" if not pd.isna(r.sentence_no) else "")
        text = r.text if max_chars is None or len(r.text) <= max_chars else r.text[:max_chars] + "…"
        lines.append(f"{where}: {text}")
    return "\n".join(lines)

"""Lexicon fit: how much of a document a lexicon codes, and which shipped theme lexicon fits best.

A lexicon built for one area of UN work (migration, human rights ...) says little about a document
from another: a Security Council resolution coded with migration themes codes almost nothing.  The
**fit** of a lexicon to a document is the share of its body paragraphs in which at least one term
of the lexicon is found (longest match first, not inside a longer known term: the matcher of
:mod:`unzh.textstat.themes`), with the entries that occur.  Below :data:`FIT_THRESHOLD` the
command line and the notebooks say in one line that the lexicon does not fit, naming the
alternatives (:func:`fit_message`).  :func:`choose_theme_lexicon` picks, when the user names
none, the shipped theme lexicon that codes most body paragraphs.

May import: pandas, unzh.config, unzh.errors, unzh.lexicon, unzh.text.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.errors import LexiconError
from unzh.lexicon.files import known_terms, load_stakeholders, load_themes, read_tsv_lexicon, term_index
from unzh.lexicon.matcher import TermMatcher
from unzh.text.structure import BODY_KINDS

__all__ = ["FIT_COLUMNS", "FIT_THRESHOLD", "KEY_TERMS", "choose_theme_lexicon", "fit_ids", "fit_message", "key_term_lexicon",
           "lexicon_fit"]

#: below this share of body paragraphs coded, a lexicon is said not to fit the document
FIT_THRESHOLD = 0.2
FIT_COLUMNS = ["doc_id", "lexicon", "n_paragraphs", "n_coded", "share", "n_entries", "entries_found"]


def _load(lexicon: pd.DataFrame | str | Path) -> pd.DataFrame:
    """A loaded lexicon as it is; a file as themes if its header has ``theme_id``, else as actors."""
    if isinstance(lexicon, pd.DataFrame):
        return lexicon
    try:
        header = read_tsv_lexicon(lexicon, ()).columns
    except LexiconError:
        header = ()
    return load_themes(lexicon) if "theme_id" in header or "actor_id" not in header else load_stakeholders(lexicon)


def _index(df: pd.DataFrame) -> dict[str, str]:
    if "terms" in df.columns:
        return term_index(df, "theme_id", "terms")
    return term_index(df, "actor_id", "aliases")


def lexicon_fit(paragraphs: pd.DataFrame, lexicon: pd.DataFrame | str | Path, *, name: str | None = None,
                blockers: Iterable[str] | None = None, kinds: Sequence[str] = BODY_KINDS) -> pd.DataFrame:
    """One row per document: its body paragraphs, how many the lexicon codes, their share, the entries found.

    ``lexicon``: a loaded theme or actor table, or its file.  ``blockers``: longer known terms no
    term is matched inside (default: the user dictionaries' words).  ``entries_found`` lists the
    ids found, in lexicon order, joined by ``|``; ``share`` is 0.0 for a document without body paragraphs.
    """
    df = _load(lexicon)
    matcher = TermMatcher(_index(df), known_terms(None) if blockers is None else blockers)
    ids = [str(i) for i in df.iloc[:, 0]]
    label = name or str(df.attrs.get("source") and Path(df.attrs["source"]).stem or "lexicon")
    rows = []
    selected = paragraphs[paragraphs["kind"].isin(kinds)]
    for doc_id in pd.unique(paragraphs["doc_id"]):
        texts = selected.loc[selected["doc_id"] == doc_id, "text"].tolist()
        found = matcher.find_each(texts)
        coded = sum(1 for f in found if f)
        keys = {m.key for f in found for m in f}
        entries = [i for i in ids if i in keys]
        rows.append({"doc_id": doc_id, "lexicon": label, "n_paragraphs": len(texts), "n_coded": coded,
                     "share": coded / len(texts) if texts else 0.0, "n_entries": len(ids),
                     "entries_found": "|".join(entries)})
    return pd.DataFrame(rows, columns=FIT_COLUMNS)


def choose_theme_lexicon(paragraphs: pd.DataFrame, candidates: Mapping[str, str | Path] | None = None,
                         kinds: Sequence[str] = BODY_KINDS) -> tuple[str, pd.DataFrame]:
    """The name of the candidate theme lexicon that codes the largest share of all body paragraphs, and every fit.

    ``candidates``: name -> file (default :data:`unzh.config.THEME_LEXICONS`); ties go to the first
    named.  The table has one row per (document, lexicon) and a row per lexicon with ``doc_id``
    ``"(all)"`` for the whole corpus, on which the choice is made.
    """
    candidates = dict(config.THEME_LEXICONS if candidates is None else candidates)
    tables, best, best_share = [], None, -1.0
    for name, path in candidates.items():
        fit = lexicon_fit(paragraphs, path, name=name, kinds=kinds)
        n, coded = int(fit["n_paragraphs"].sum()), int(fit["n_coded"].sum())
        share = coded / n if n else 0.0
        found = {e for cell in fit["entries_found"] for e in cell.split("|") if e}
        ids = [i for i in fit_ids(path) if i in found]
        total = pd.DataFrame([{"doc_id": "(all)", "lexicon": name, "n_paragraphs": n, "n_coded": coded,
                               "share": share, "n_entries": int(fit["n_entries"].iloc[0]) if len(fit) else 0,
                               "entries_found": "|".join(ids)}], columns=FIT_COLUMNS)
        tables += [fit, total]
        if share > best_share:
            best, best_share = name, share
    return best, pd.concat(tables, ignore_index=True)


def fit_ids(lexicon: pd.DataFrame | str | Path) -> list[str]:
    """The entry ids of a lexicon, in order."""
    return [str(i) for i in _load(lexicon).iloc[:, 0]]


def fit_message(name: str, share: float, alternatives: Mapping[str, float] | None = None,
                threshold: float = FIT_THRESHOLD) -> str | None:
    """One line saying the lexicon ``name`` does not fit (``share`` < ``threshold``), or None if it fits.

    ``alternatives``: other lexicons' shares, named best first (those that fit better).
    >>> fit_message("migration", 0.05, {"peace_security": 0.6, "human_rights": 0.1})
    'lexicon migration codes 5% of the body paragraphs (below 20%): it does not fit this document; try peace_security (60%), human_rights (10%)'
    """
    if share >= threshold:
        return None
    line = f"lexicon {name} codes {share:.0%} of the body paragraphs (below {threshold:.0%}): it does not fit this document"
    better = sorted(((s, n) for n, s in (alternatives or {}).items() if n != name and s > share), key=lambda x: -x[0])
    if better:
        line += "; try " + ", ".join(f"{n} ({s:.0%})" for s, n in better)
    return line


#: how many of a document's own terms :func:`key_term_lexicon` takes by default
KEY_TERMS = 12


def key_term_lexicon(tokens: pd.DataFrame, by: str | None = None, top: int = KEY_TERMS,
                     min_paragraphs: int = 2) -> pd.DataFrame:
    """A theme table of the document's own key terms, one term per entry: the data-driven view when no
    theme lexicon fits (code it with :func:`unzh.textstat.themes.code_themes` and read its co-occurrence).

    With ``by`` (at least two groups): the ``top`` terms of largest positive G² over all groups that
    are key (p ≤ 0.05) in at least ``min_paragraphs`` paragraphs of their group
    (:func:`unzh.textstat.keyness.textstat_keyness`); without: the ``top`` most frequent counted terms
    found in at least ``min_paragraphs`` paragraphs.  Ids are ``k1``, ``k2`` ... in that order; both
    labels are the term; ``attrs["source"]`` says how the terms were chosen.
    """
    from unzh.textstat.frequency import term_frequency
    from unzh.textstat.keyness import G2_CRITICAL_05, textstat_keyness

    if by is not None:
        k = textstat_keyness(tokens, by, min_paragraphs=min_paragraphs)
        k = k[k["eligible"] & (k["g2"] >= G2_CRITICAL_05)].sort_values(["g2", "term"], ascending=[False, True],
                                                                         kind="mergesort")
        terms = list(dict.fromkeys(k["term"].astype(str)))[:top]
        how = f"up to {top} strongest key terms by {by} (G2 >= {G2_CRITICAL_05:.2f}, in >= {min_paragraphs} paragraphs)"
    else:
        f = term_frequency(tokens)
        f = f[f["doc_freq"] >= min_paragraphs]
        terms = f["term"].astype(str).head(top).tolist()
        how = f"up to {top} most frequent terms (in >= {min_paragraphs} paragraphs)"
    out = pd.DataFrame({"theme_id": [f"k{i}" for i in range(1, len(terms) + 1)], "label_zh": terms,
                        "label_en": terms, "terms": [(t,) for t in terms]})
    out.attrs["source"] = how
    return out

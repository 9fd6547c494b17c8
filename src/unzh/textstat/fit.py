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
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.errors import LexiconError
from unzh.lexicon.files import known_terms, load_lexicons, load_stakeholders, load_themes, read_tsv_lexicon, term_index
from unzh.lexicon.matcher import TermMatcher
from unzh.text.structure import BODY_KINDS

__all__ = ["ENTRY_COLUMNS", "FIT_COLUMNS", "FIT_THRESHOLD", "KEY_TERMS", "Choice", "choose_lexicon", "choose_theme_lexicon", "fit_ids",
           "fit_message", "key_term_lexicon", "lexicon_entries", "lexicon_fit"]

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


ENTRY_COLUMNS = ["doc_id", "lexicon", "entry_id", "label_en", "n_paragraphs", "n_matches", "terms"]


def lexicon_entries(paragraphs: pd.DataFrame, lexicon: pd.DataFrame | str | Path, *, name: str | None = None,
                    blockers: Iterable[str] | None = None, kinds: Sequence[str] = BODY_KINDS) -> pd.DataFrame:
    """The entries of a lexicon that occur in each document: one row per (document, entry found), in
    lexicon order, with the body paragraphs it codes, its matches and the strings matched (``|``-joined,
    in order of first occurrence) — what :func:`lexicon_fit`'s share rests on."""
    df = _load(lexicon)
    matcher = TermMatcher(_index(df), known_terms(None) if blockers is None else blockers)
    ids = [str(i) for i in df.iloc[:, 0]]
    labels = dict(zip(ids, map(str, df["label_en"]))) if "label_en" in df.columns else {}
    label = name or str(df.attrs.get("source") and Path(df.attrs["source"]).stem or "lexicon")
    selected = paragraphs[paragraphs["kind"].isin(kinds)]
    rows = []
    for doc_id in pd.unique(paragraphs["doc_id"]):
        found = matcher.find_each(selected.loc[selected["doc_id"] == doc_id, "text"].tolist())
        n_par, n_match, terms = {}, {}, {}
        for matches in found:
            for key in {m.key for m in matches}:
                n_par[key] = n_par.get(key, 0) + 1
            for m in matches:
                n_match[m.key] = n_match.get(m.key, 0) + 1
                terms.setdefault(m.key, {})[m.term] = None
        rows += [{"doc_id": doc_id, "lexicon": label, "entry_id": i, "label_en": labels.get(i, ""),
                  "n_paragraphs": n_par[i], "n_matches": n_match[i], "terms": "|".join(terms[i])}
                 for i in ids if i in n_par]
    return pd.DataFrame(rows, columns=ENTRY_COLUMNS)


def choose_theme_lexicon(paragraphs: pd.DataFrame, candidates: Mapping[str, str | Path] | None = None,
                         kinds: Sequence[str] = BODY_KINDS,
                         blockers: Iterable[str] | None = None) -> tuple[str, pd.DataFrame]:
    """The name of the candidate theme lexicon that codes the largest share of all body paragraphs, and every fit.

    ``candidates``: name -> file (default :data:`unzh.config.THEME_LEXICONS`); ties go to the first
    named.  The table has one row per (document, lexicon) and a row per lexicon with ``doc_id``
    ``"(all)"`` for the whole corpus, on which the choice is made.  Any kind of lexicon can be a
    candidate (:func:`choose_lexicon` passes the actor lexicons); ``blockers`` as for :func:`lexicon_fit`.
    """
    candidates = dict(config.THEME_LEXICONS if candidates is None else candidates)
    tables, best, best_share = [], None, -1.0
    for name, path in candidates.items():
        fit = lexicon_fit(paragraphs, path, name=name, kinds=kinds, blockers=blockers)
        n, coded = int(fit["n_paragraphs"].sum()), int(fit["n_coded"].sum())
        share = coded / n if n else 0.0
        ids = fit_ids(path)
        tables += [fit, _total(fit, name, ids)]
        if share > best_share:
            best, best_share = name, share
    return best, pd.concat(tables, ignore_index=True)


def _total(fit: pd.DataFrame, name: str, ids: list[str]) -> pd.DataFrame:
    """The ``"(all)"`` row of a :func:`lexicon_fit` table: its documents added up."""
    n, coded = int(fit["n_paragraphs"].sum()), int(fit["n_coded"].sum())
    found = {e for cell in fit["entries_found"] for e in cell.split("|") if e}
    return pd.DataFrame([{"doc_id": "(all)", "lexicon": name, "n_paragraphs": n, "n_coded": coded,
                          "share": coded / n if n else 0.0, "n_entries": len(ids),
                          "entries_found": "|".join(i for i in ids if i in found)}], columns=FIT_COLUMNS)


def fit_ids(lexicon: pd.DataFrame | str | Path) -> list[str]:
    """The entry ids of a lexicon, in order."""
    return [str(i) for i in _load(lexicon).iloc[:, 0]]


def fit_message(name: str, share: float, alternatives: Mapping[str, float] | None = None,
                threshold: float = FIT_THRESHOLD, own: str | None = None,
                what: str = "the body paragraphs") -> str | None:
    """One line saying the lexicon ``name`` does not fit (``share`` < ``threshold``), or None if it fits.

    ``alternatives``: other lexicons' shares; those that code more are named, best first.  When none
    does, the line says so, and ``own`` (how to give one's own lexicon: ``"--themes FILE"``, ``"the
    themes parameter"``) is suggested.  ``what``: the paragraphs the share is of.
    >>> fit_message("migration", 0.05, {"peace_security": 0.6, "human_rights": 0.1})
    'lexicon migration codes 5% of the body paragraphs (below 20%): it does not fit this document; try peace_security (60%), human_rights (10%)'
    >>> fit_message("migration", 0.0, {"human_rights": 0.0}, own="--themes FILE")
    'lexicon migration codes 0% of the body paragraphs (below 20%): it does not fit this document; no shipped lexicon codes any of them: give your own with --themes FILE'
    """
    if share >= threshold:
        return None
    line = f"lexicon {name} codes {share:.0%} of {what} (below {threshold:.0%}): it does not fit this document"
    others = {n: s for n, s in (alternatives or {}).items() if n != name}
    better = sorted(((s, n) for n, s in others.items() if s > share), key=lambda x: -x[0])
    if better:
        return line + "; try " + ", ".join(f"{n} ({s:.0%})" for s, n in better)
    if not others:
        return line + (f"; give your own with {own}" if own else "")
    if share == 0 and not any(others.values()):
        return line + "; no shipped lexicon codes any of them" + (f": give your own with {own}" if own else "")
    return line + "; no shipped lexicon codes more" + (f": give your own with {own}" if own else "")


@dataclass
class Choice:
    """The lexicon of one kind a run uses (:func:`choose_lexicon`): its table, name, how it was
    chosen (``"named"`` or ``"chosen by fit"``), the share of all body paragraphs it codes, every
    candidate's share (``shares``) and every candidate's fit per document (``per_document``: the
    rows of :func:`lexicon_fit`, and a ``"(all)"`` row per lexicon)."""

    table: pd.DataFrame
    name: str
    how: str
    share: float
    shares: dict = field(default_factory=dict)
    per_document: pd.DataFrame | None = None

    @property
    def fits(self) -> bool:
        return self.share >= FIT_THRESHOLD

    def warnings(self, own: str | None = None) -> list[str]:
        """The lines to say about fit: the one-line "does not fit" message for all documents, and in
        a corpus one line per document the lexicon codes under :data:`FIT_THRESHOLD` of, naming that
        document's alternatives (:func:`fit_message`; ``own``: how to give one's own lexicon)."""
        lines = []
        overall = fit_message(self.name, self.share, self.shares, own=own)
        if overall:
            lines.append(overall)
        docs = self.per_document
        if docs is None:
            return lines
        docs = docs[docs["doc_id"] != "(all)"]
        if docs["doc_id"].nunique() < 2:
            return lines
        for doc_id, rows in docs.groupby("doc_id", sort=False):
            mine = rows[rows["lexicon"] == self.name]
            if mine.empty:
                continue
            n = int(mine["n_paragraphs"].iloc[0])
            line = fit_message(self.name, float(mine["share"].iloc[0]), dict(zip(rows["lexicon"], rows["share"])),
                               own=own, what=f"its {n} body paragraph{'s' if n != 1 else ''}")
            if line:
                lines.append(f"document {doc_id}: {line}")
        return lines

    def entries_found(self) -> list[str]:
        """The ids of the entries found in the body paragraphs, in lexicon order."""
        if self.per_document is None:
            return []
        total = self.per_document[(self.per_document["doc_id"] == "(all)")
                                  & (self.per_document["lexicon"] == self.name)]
        return [e for e in (total["entries_found"].iloc[0].split("|") if len(total) else []) if e]

    def line(self, kind: str, own: str | None = None) -> str:
        """``"theme lexicon migration (chosen by fit: codes 78% of the body paragraphs)"``, the entries
        found, and the warnings of :meth:`warnings` ("WARNING: ..."), one a line."""
        text = f"{kind} lexicon {self.name} ({self.how}: codes {self.share:.0%} of the body paragraphs)"
        found = self.entries_found()
        if found:
            text += f"\nentries found ({len(found)} of {len(self.table)}): {', '.join(found)}"
        own = own or f"the {kind}s parameter"
        return "\n".join([text, *(f"WARNING: {w}" for w in self.warnings(own))])


def choose_lexicon(kind: str, paragraphs: pd.DataFrame, values: Sequence[str | Path] | None = None,
                   registry: Mapping[str, str | Path] | None = None, blockers: Iterable[str] | None = None,
                   kinds: Sequence[str] = BODY_KINDS) -> Choice:
    """The ``kind`` lexicon (``"themes"`` or ``"actors"``) of a run: the files or shipped names of
    ``values``, stacked (:func:`unzh.lexicon.files.load_lexicons`), else the shipped one that codes the
    most body paragraphs (:func:`choose_theme_lexicon` over ``registry``, default
    :data:`unzh.config.THEME_LEXICONS` / :data:`unzh.config.ACTOR_LEXICONS`).  The notebooks and the
    command line choose with this one function, so they choose alike.
    """
    if registry is None:
        registry = config.THEME_LEXICONS if kind == "themes" else config.ACTOR_LEXICONS
    best, fits = choose_theme_lexicon(paragraphs, registry, kinds=kinds, blockers=blockers)
    if values:
        table = load_lexicons(kind, values)
        name = "+".join(Path(str(v)).stem if Path(str(v)).suffix else str(v) for v in values)
        if name not in registry or len(values) > 1:
            fit = lexicon_fit(paragraphs, table, name=name, blockers=blockers, kinds=kinds)
            fits = pd.concat([fits, fit, _total(fit, name, fit_ids(table))], ignore_index=True)
        how = "named"
    else:
        table, name, how = load_lexicons(kind, [best]), best, "chosen by fit"
    total = fits[fits["doc_id"] == "(all)"]
    shares = dict(zip(total["lexicon"], total["share"]))
    return Choice(table, name, how, float(shares[name]), shares, fits)


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

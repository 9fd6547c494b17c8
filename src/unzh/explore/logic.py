"""The explorer's logic: state and tables, no widgets (tested headless).

:class:`Explorer` holds one document or corpus and the current :class:`Settings` (the what-if
toggles).  Every method returns a DataFrame; :meth:`Explorer.change` applies new settings and
returns a :class:`Change` with the diff tables of the top terms before and after.

What is recomputed, and what is not:

* the token table is segmented once per (user dictionary, backend) and kept in memory (the
  on-disk token cache of :mod:`unzh.segment.cache` is used as well, so a notebook that segmented
  the same text before makes even the first call fast).  The segmenter always flags the default
  stopword list, whatever list is chosen: the cache key stays the one the other notebooks use;
* a stopword list is applied by re-flagging the ``stop`` column of the kept table
  (``token.isin(stopwords)``): changing it, the unit or the minimum-paragraph threshold never
  segments again (:attr:`Explorer.segmentations` counts the real segmentations).

The unit (``paragraph`` or ``sentence``) decides what a "unit" is for the keyness guard (a term
is key only if it occurs in at least ``min_paragraphs`` units of the side that uses it more),
for the co-occurring terms, and for the theme coding.  Counts and rates do not depend on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from unzh import config
from unzh.errors import InputError
from unzh.lexicon.files import read_stopwords
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.corpus import read_corpus
from unzh.text.structure import (  # noqa: F401 (unit_reference: re-exported)
    body,
    default_grouping,
    group_name,
    group_names,
    unit_reference,
    unit_references,
)
from unzh.textstat.concordance import kwic_with_refs
from unzh.textstat.frequency import group_sizes, term_frequency
from unzh.textstat.keyness import key_terms, textstat_keyness
from unzh.textstat.stakeholders import actor_labels, code_stakeholders, stakeholder_evidence
from unzh.textstat.themes import code_themes, theme_evidence, theme_labels
from unzh.textstat.units import UNITS, sentence_units, unit_ids

STOPWORD_CHOICES = ("default", "none")  # or the path of a stopword file
#: Columns of :func:`diff_rankings` (after the group column, if any).
DIFF_COLUMNS = ["term", "change", "rank_before", "rank_after", "count_before", "count_after", "rank_move",
                "count_change"]
#: Columns of :func:`term_counts` (after the group column).
COUNT_COLUMNS = ["occurrences", "tokens", "inside_longer", "across_tokens", "n_tokens", "rate_per_1000"]
ALL = "all"


@dataclass(frozen=True)
class Settings:
    """The what-if toggles.

    ``dictionary``: True (the project's UN-terminology user dictionary), False (plain jieba) or the
    path of another user dictionary.  ``stopwords``: ``"default"`` (the project's list), ``"none"``
    or the path of a stopword file.  ``unit``: ``"paragraph"`` or ``"sentence"``.
    ``min_paragraphs``: the keyness guard (units, see the module docstring).  ``backend``:
    ``"jieba"`` or ``"rjieba"``.  ``top``: how many terms the rankings and their diffs show.
    """

    dictionary: bool | str | Path = True
    stopwords: str | Path = "default"
    unit: str = "paragraph"
    min_paragraphs: int = 2
    backend: str = "jieba"
    top: int = 20

    def __post_init__(self):
        if self.unit not in UNITS:
            raise InputError("unit", f"must be 'paragraph' or 'sentence', not {self.unit!r}")
        if int(self.min_paragraphs) < 1:
            raise InputError("min_paragraphs", f"must be at least 1, got {self.min_paragraphs}")
        if int(self.top) < 1:
            raise InputError("top", f"must be at least 1, got {self.top}")

    def user_dict(self) -> Path | None:
        if self.dictionary is True:
            return tuple(config.USER_DICTS)  # the shipped dictionaries, stacked as the segmenter reads them
        if self.dictionary is False or self.dictionary is None or self.dictionary == "":
            return None
        return config.user_path(self.dictionary)

    def stopword_file(self) -> Path | None:
        if str(self.stopwords) == "default":
            return tuple(config.STOPWORD_FILES)  # the shipped lists, read together
        if str(self.stopwords) == "none":
            return None
        return config.user_path(self.stopwords)


# ------------------------------------------------------------------ small functions, each tested

def term_counts(paragraphs: pd.DataFrame, tokens: pd.DataFrame, term: str, by: str | None = None) -> pd.DataFrame:
    """The three counts of ``term`` per group of ``by``, and overall (group ``"all"``).

    ``occurrences``: non-overlapping occurrences in the paragraphs' cleaned text (what
    :func:`unzh.textstat.concordance.kwic` lists); ``tokens``: tokens equal to the term (stopword
    or not); ``inside_longer``: its occurrences inside longer tokens (人权 in 国际人权标准);
    ``across_tokens``: the rest (occurrences across a token boundary, or in text that is not a
    token, such as numbers); ``n_tokens``: the group's counted tokens (non-stopwords, the rate's
    denominator, as in :func:`unzh.textstat.frequency.term_frequency`); ``rate_per_1000`` =
    1000 x tokens / n_tokens.  ``paragraphs`` are the rows ``tokens`` was segmented from.
    """
    if not term or not term.strip():
        raise InputError("term", "empty search term")
    group_col = by if by is not None else None
    occ = paragraphs["text"].str.count(re.escape(term)).to_numpy(dtype=np.int64)
    occ_groups = paragraphs[by] if by else pd.Series(ALL, index=paragraphs.index)
    tok = tokens["token"].astype("str")
    equal = (tok == term).to_numpy(dtype=bool)
    longer = tok.str.len().to_numpy() > len(term)
    inside = np.where(longer, tok.str.count(re.escape(term)).to_numpy(dtype=np.int64), 0)
    tok_groups = tokens[by] if by else pd.Series(ALL, index=tokens.index)
    counted = ~tokens["stop"].to_numpy(dtype=bool)
    order = _groups_in_order(paragraphs, by)
    rows = []
    for g in ([*order, ALL] if by else [ALL]):
        pm = np.ones(len(paragraphs), bool) if g == ALL else _mask(occ_groups, g)
        tm = np.ones(len(tokens), bool) if g == ALL else _mask(tok_groups, g)
        o, t, i = int(occ[pm].sum()), int(equal[tm].sum()), int(inside[tm].sum())
        n = int((counted & tm).sum())
        rows.append({**({group_col: g} if by else {"group": g}), "occurrences": o, "tokens": t, "inside_longer": i,
                     "across_tokens": o - t - i, "n_tokens": n, "rate_per_1000": 1000.0 * t / n if n else np.nan})
    return pd.DataFrame(rows, columns=[by or "group", *COUNT_COLUMNS])


def _groups_in_order(table: pd.DataFrame, by: str | None) -> list:
    """The groups of ``by`` in display order (as :func:`unzh.textstat.frequency.group_order`), as Python values."""
    if by is None:
        return []
    values = [v.item() if isinstance(v, np.generic) else v for v in table[by].dropna().tolist()]
    return sorted(set(values)) if by == "debate" else list(dict.fromkeys(values))


def _mask(values: pd.Series, group) -> np.ndarray:
    """Rows of ``group`` (a missing group value is no group's)."""
    return (values == group).to_numpy(dtype=bool, na_value=False)


def dispersion(paragraphs: pd.DataFrame, term: str, by: str | None = None) -> pd.DataFrame:
    """Where ``term`` falls: one row per paragraph in document order (``position`` 0, 1, …), its
    group, its reference (:func:`unit_reference`) and the term's occurrences in its text."""
    if not term or not term.strip():
        raise InputError("term", "empty search term")
    out = pd.DataFrame({
        "position": np.arange(len(paragraphs)),
        "doc_id": paragraphs["doc_id"].to_numpy(),
        "para_id": paragraphs["para_id"].to_numpy(),
        "group": paragraphs[by].to_numpy() if by else np.full(len(paragraphs), ALL, dtype=object),
        "ref": unit_references(paragraphs).to_numpy(),
        "occurrences": paragraphs["text"].str.count(re.escape(term)).to_numpy(dtype=np.int64),
    })
    return out


def neighbours(tokens: pd.DataFrame, term: str, unit: str = "paragraph", n: int = 10) -> pd.DataFrame:
    """The terms found most often in the same unit as ``term``.

    A unit "has" the term when one of its tokens equals or contains it.  Counted tokens only (no
    stopwords); tokens that contain the term are its carriers, not its neighbours, and are left
    out.  Columns ``term, units`` (units with both), ``share`` (of the units with ``term``),
    ``units_with_term``; sorted by units (descending), then term.
    """
    if not term or not term.strip():
        raise InputError("term", "empty search term")
    ids = unit_ids(tokens, unit)
    tok = tokens["token"].astype("str")
    carrier = tok.str.contains(term, regex=False).to_numpy(dtype=bool)
    with_term = np.unique(ids[carrier])
    counted = ~tokens["stop"].to_numpy(dtype=bool)
    pick = counted & ~carrier & np.isin(ids, with_term)
    pairs = pd.DataFrame({"term": tok.to_numpy()[pick], "unit": ids[pick]}).drop_duplicates()
    out = pairs.groupby("term", sort=False).size().rename("units").reset_index()
    out["share"] = out["units"] / len(with_term) if len(with_term) else np.nan
    out["units_with_term"] = len(with_term)
    out = out.sort_values(["units", "term"], ascending=[False, True], kind="mergesort").head(n)
    return out.reset_index(drop=True)


def diff_rankings(before: pd.DataFrame, after: pd.DataFrame, n: int, by: str | None = None) -> pd.DataFrame:
    """What changed in the top ``n`` between two rankings (columns ``[by,] term, count, rank``).

    One row per term in the top ``n`` of either side whose rank or count changed: ``change`` is
    ``entered`` (in the top ``n`` after only), ``left`` (before only), ``moved`` (another rank) or
    ``count changed`` (same rank).  ``rank_before``/``rank_after`` and the counts are taken from the
    whole ranking (missing: the term is not ranked at all on that side); ``rank_move`` =
    rank_before - rank_after (positive: up).  Sorted by group, then rank after, then rank before.
    """
    keys = [by] if by else []
    b = before[keys + ["term", "count", "rank"]].rename(columns={"count": "count_before", "rank": "rank_before"})
    a = after[keys + ["term", "count", "rank"]].rename(columns={"count": "count_after", "rank": "rank_after"})
    for t in (a, b):
        t["term"] = t["term"].astype("str")
        if by:
            t[by] = t[by].astype(object)
    m = b.merge(a, on=keys + ["term"], how="outer")
    in_b, in_a = m["rank_before"] <= n, m["rank_after"] <= n
    m = m[in_b.fillna(False) | in_a.fillna(False)].copy()
    in_b, in_a = (m["rank_before"] <= n).fillna(False), (m["rank_after"] <= n).fillna(False)
    change = np.where(in_a & ~in_b, "entered", np.where(in_b & ~in_a, "left",
                      np.where(m["rank_before"] != m["rank_after"], "moved",
                               np.where(m["count_before"] != m["count_after"], "count changed", ""))))
    m["change"] = change
    m = m[m["change"] != ""]
    for c in ("rank_before", "rank_after", "count_before", "count_after"):
        m[c] = m[c].astype("Int64")
    m["rank_move"] = m["rank_before"] - m["rank_after"]
    m["count_change"] = m["count_after"].fillna(0) - m["count_before"].fillna(0)
    sort_after = m["rank_after"].fillna(10**9)
    m = m.assign(_a=sort_after, _b=m["rank_before"].fillna(10**9))
    m = m.sort_values(keys + ["_a", "_b", "term"], kind="mergesort").drop(columns=["_a", "_b"])
    return m[keys + DIFF_COLUMNS].reset_index(drop=True)


# ------------------------------------------------------------------ the state object

@dataclass
class Change:
    """What :meth:`Explorer.change` did: the settings before and after, whether it segmented, and
    the diff tables (:func:`diff_rankings`) of the top terms overall and of the key terms per group."""

    before: Settings
    after: Settings
    changed: tuple
    segmented: bool
    frequency: pd.DataFrame
    keyness: pd.DataFrame | None


@dataclass
class Explorer:
    """One document or corpus under exploration, with the current settings.

    ``documents``: a path or a list of paths (files or folders), read with
    :func:`unzh.text.corpus.read_corpus`; ``by``: the grouping (default: the document's own,
    :func:`unzh.text.structure.default_grouping`).
    """

    documents: object
    by: str | None = None
    settings: Settings = field(default_factory=Settings)
    cache: bool = True
    segmentations: int = 0

    def __post_init__(self):
        paths = [self.documents] if isinstance(self.documents, (str, Path)) else list(self.documents)
        self.corpus = read_corpus([config.user_path(p) for p in paths])
        self.paragraphs = self.corpus.paragraphs
        self.body = body(self.paragraphs)
        if self.by is None:
            self.by = default_grouping(self.paragraphs)
        self._segmented: dict = {}
        self._coded: dict = {}
        self._stop_lists: dict = {}
        self._names = None  # the groups' names, computed on first use (group_name)

    # ---------------------------------------------------------- tokens
    def _segmented_table(self, s: Settings) -> pd.DataFrame:
        user_dict = s.user_dict()
        key = (str(user_dict) if user_dict else None, s.backend)
        if key not in self._segmented:
            seg = Segmenter(user_dict=user_dict, stopwords=tuple(config.STOPWORD_FILES), backend=s.backend)
            self._segmented[key] = tokens_table(self.body, seg, cache=self.cache)
            self.segmentations += 1
        return self._segmented[key]

    def stopword_set(self, s: Settings | None = None) -> frozenset:
        path = (s or self.settings).stopword_file()
        key = str(path) if path else None
        if key not in self._stop_lists:
            files = path if isinstance(path, tuple) else (path,) if path else ()
            self._stop_lists[key] = frozenset().union(*map(read_stopwords, files))
        return self._stop_lists[key]

    def tokens(self, s: Settings | None = None) -> pd.DataFrame:
        """The token table for the settings (default: the current ones): segmented once per
        dictionary and backend, the ``stop`` column flagged from the chosen stopword list."""
        s = s or self.settings
        table = self._segmented_table(s)
        stop = self.stopword_set(s)
        flags = table["token"].isin(list(stop)).to_numpy(dtype=bool) if stop else np.zeros(len(table), bool)
        out = table.assign(stop=flags)
        out.attrs = dict(table.attrs)
        return out

    def vocabulary(self) -> list[str]:
        """Every counted token type, most frequent first (the term box's completions)."""
        return [str(t) for t in term_frequency(self.tokens())["term"]]

    # ---------------------------------------------------------- the term
    def term_counts(self, term: str) -> pd.DataFrame:
        return term_counts(self.body, self.tokens(), term, self.by)

    def dispersion(self, term: str) -> pd.DataFrame:
        return dispersion(self.body, term, self.by)

    def kwic(self, term: str, width: int = 12) -> pd.DataFrame:
        return kwic_with_refs(self.body, term, width)

    def neighbours(self, term: str, n: int = 10) -> pd.DataFrame:
        return neighbours(self.tokens(), term, self.settings.unit, n)

    # ---------------------------------------------------------- rankings and their diffs
    def groups(self) -> list:
        return _groups_in_order(self.body, self.by)

    def group_name(self, group) -> str:
        """A group as the charts and the notebooks name it ("Debate 2", "Chapter 1", "Section 3":
        :func:`unzh.text.structure.group_names`), "all" for every group together."""
        if group is None or group == ALL or self.by is None:
            return group_name(self.by, ALL)
        if self._names is None:
            self._names = group_names(self.paragraphs, self.by)
        return group_name(self.by, group, names=self._names)

    def named_counts(self, term: str) -> pd.DataFrame:
        """:meth:`term_counts` with each group's name ("Debate 1") instead of its id (1), as the
        explorer shows it."""
        table = self.term_counts(term)
        key = self.by or "group"
        return table.assign(**{key: [ALL if g == ALL else self.group_name(g) for g in table[key]]}).rename(
            columns={key: "group"})

    def top_terms(self, s: Settings | None = None) -> pd.DataFrame:
        """The whole frequency ranking overall (``term, count, rate_per_1000, doc_freq, rank``)."""
        return term_frequency(self.tokens(s))

    def comparable(self) -> bool:
        return len(self.groups()) >= 2

    def keyness_ranking(self, s: Settings | None = None) -> pd.DataFrame | None:
        """Key terms of each group (positive G2, eligible under the guard), ranked within the group;
        None when there are fewer than two groups."""
        s = s or self.settings
        if not self.comparable():
            return None
        tk = self.tokens(s)
        if s.unit == "sentence":
            tk = sentence_units(tk)
        k = textstat_keyness(tk, self.by, min_paragraphs=int(s.min_paragraphs))
        top = key_terms(k, self.by, top=None, direction="positive")
        top["rank"] = top.groupby(self.by, sort=False).cumcount() + 1
        return top

    def change(self, **changes) -> Change:
        """Apply new settings (any :class:`Settings` field) and return what changed."""
        before = self.settings
        after = replace(before, **changes)
        changed = tuple(k for k in changes if getattr(before, k) != getattr(after, k))
        freq_b, key_b = self.top_terms(before), self.keyness_ranking(before)
        n_before = self.segmentations
        self.settings = after
        freq_a, key_a = self.top_terms(after), self.keyness_ranking(after)
        n = int(after.top)
        return Change(before, after, changed, self.segmentations > n_before,
                      diff_rankings(freq_b, freq_a, n),
                      diff_rankings(key_b, key_a, n, self.by) if key_a is not None else None)

    # ---------------------------------------------------------- click-through
    def group_paragraphs(self, group, term: str | None = None) -> pd.DataFrame:
        """The body paragraphs of a group (with ``term``: those containing it, with its count):
        ``ref, doc_id, para_id, occurrences, text``."""
        rows = self.body if group in (None, ALL) else self.body[_mask(self.body[self.by], group)]
        out = pd.DataFrame({"ref": unit_references(rows).to_numpy(), "doc_id": rows["doc_id"].to_numpy(),
                            "para_id": rows["para_id"].to_numpy(), "text": rows["text"].to_numpy()})
        if term:
            out.insert(3, "occurrences", rows["text"].str.count(re.escape(term)).to_numpy(dtype=np.int64))
            out = out[out["occurrences"] > 0]
        return out.reset_index(drop=True)

    def _themes_coded(self) -> pd.DataFrame:
        unit = self.settings.unit
        if ("themes", unit) not in self._coded:
            self._coded[("themes", unit)] = code_themes(self.paragraphs, unit=unit)
        return self._coded[("themes", unit)]

    def _grouped(self, coded: pd.DataFrame) -> pd.DataFrame:
        return coded[coded[self.by].notna()] if self.by in coded.columns else coded

    def theme_table(self) -> pd.DataFrame:
        """Units coded with each theme, per group (rows: themes; columns: groups; values: units)."""
        coded = self._grouped(self._themes_coded())
        groups = coded[self.by] if self.by in coded.columns else pd.Series(ALL, index=coded.index)
        present = pd.DataFrame([{"theme_id": t, "group": g} for g, ts in zip(groups, coded["themes"]) for t in ts],
                               columns=["theme_id", "group"])
        return self._pivot(present.groupby(["theme_id", "group"], sort=False).size(), theme_labels(coded, "en"),
                           coded, "theme")

    def _pivot(self, counts: pd.Series, labels: dict, coded: pd.DataFrame, name: str) -> pd.DataFrame:
        """``counts`` indexed by (lexicon id, group) as a table: one row per id found (lexicon order,
        labelled "id · label"), one column per group (named), zeros where none."""
        groups = _groups_in_order(coded, self.by) if self.by in coded.columns else [ALL]
        table = counts.unstack(fill_value=0) if len(counts) else pd.DataFrame(columns=groups)
        table = table.reindex(index=[k for k in labels if k in table.index], columns=groups, fill_value=0)
        table = table.astype("int64")
        table.index = pd.Index([f"{k} · {labels[k]}" for k in table.index], name=name)
        table.columns = [self.group_name(g) for g in table.columns]
        return table

    def theme_evidence(self, theme: str, group=None) -> pd.DataFrame:
        """The units behind a theme cell (:func:`unzh.textstat.themes.theme_evidence`)."""
        coded = self._grouped(self._themes_coded())
        g = None if group in (None, ALL) else group
        return theme_evidence(coded, theme.split(" · ")[0], by=self.by if g is not None else None, group=g)

    def _actors_coded(self) -> pd.DataFrame:
        if "actors" not in self._coded:
            self._coded["actors"] = code_stakeholders(self.paragraphs)
        return self._coded["actors"]

    def actor_table(self) -> pd.DataFrame:
        """Mentions of each actor per group (from the evidence rows, which add up to them)."""
        coded = self._grouped(self._actors_coded())
        ev = stakeholder_evidence(coded)
        ev = ev.assign(group=ev[self.by] if self.by in ev.columns else ALL)
        return self._pivot(ev.groupby(["actor_id", "group"], sort=False)["mentions"].sum(),
                           actor_labels(coded, "en"), coded, "actor")

    def actor_evidence(self, actor: str, group=None) -> pd.DataFrame:
        """The sentences behind an actor's number (:func:`unzh.textstat.stakeholders.stakeholder_evidence`)."""
        coded = self._grouped(self._actors_coded())
        g = None if group in (None, ALL) else group
        return stakeholder_evidence(coded, actor.split(" · ")[0], by=self.by if g is not None else None, group=g)

    def group_sizes(self) -> pd.DataFrame:
        return group_sizes(self.tokens(), self.by)


# ------------------------------------------------------------------ readings (the notebook's sentences)

def describe_term(counts: pd.DataFrame, term: str) -> str:
    """One sentence reading the overall row of a :func:`term_counts` table."""
    r = counts.iloc[-1]
    return (f"{term}: {r.occurrences} occurrences in the text; {r.tokens} as a token of its own, "
            f"{r.inside_longer} inside longer tokens, {r.across_tokens} across token boundaries"
            + (f"; {r.rate_per_1000:.1f} per 1,000 counted tokens." if r.tokens else "."))


def describe_change(change: Change, n: int = 5) -> str:
    """What a :class:`Change` did to the top terms: settings, whether it segmented, terms that
    entered and left the top N (the first ``n`` of each, with their ranks)."""
    what = ", ".join(f"{k} {getattr(change.before, k)} → {getattr(change.after, k)}" for k in change.changed) or "nothing"
    how = "segmented again" if change.segmented else "no new segmentation"
    parts = [f"{what} ({how})"]
    for label, table in (("top terms", change.frequency), ("key terms", change.keyness)):
        if table is None:
            continue
        entered = table[table["change"] == "entered"]
        left = table[table["change"] == "left"]
        group = table.columns[0] if table.columns[0] != "term" else None
        top = change.after.top
        bits = [f"{len(entered)} entered the {label} (top {top})"
                + (f": {_terms(entered, 'rank_after', group, n)}" if len(entered) else ""),
                f"{len(left)} left" + (f": {_terms(left, 'rank_before', group, n)}" if len(left) else ""),
                f"{int((table['change'] == 'moved').sum())} moved"]
        parts.append("; ".join(bits))
    return ". ".join(parts) + "."


def _terms(rows: pd.DataFrame, rank: str, group: str | None, n: int) -> str:
    """``"者 (#3), 国 (#4)"``: the first ``n`` terms of diff rows with their rank (group first, if any)."""
    return ", ".join((f"{r[group]}:" if group else "") + f"{r['term']} (#{r[rank]})" for _, r in rows.head(n).iterrows())

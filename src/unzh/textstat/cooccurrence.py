"""Theme measures on a coded-unit table (:func:`unzh.textstat.themes.code_themes`): coverage, co-occurrence, networks.

All counts are numbers of **units** (paragraphs, or sentences, as coded), never
of term occurrences: a paragraph that says 人权 five times counts once for
human rights.  For two themes *a* and *b* among the *N* units of a group:

* ``n_a`` = units coded with *a*; ``count`` = units coded with both;
* **Jaccard** = count / (n_a + n_b − count): the share of the units that
  mention either theme which mention both (0 = never together, 1 = always
  together); undefined (NaN) when neither theme occurs;
* **expected** = n_a · n_b / N: the number of units with both themes if the
  two were spread over the N units independently of each other (the mean of
  the hypergeometric distribution);
* **lift** = count / expected = N · count / (n_a · n_b): above 1, the themes
  meet more often than chance would have them meet; below 1, less; NaN when
  a theme does not occur.  With a few dozen units lift is unstable (two
  themes found once each, in the same paragraph of a 9-paragraph debate, have
  lift 9): read it with ``count``.

In a matrix the diagonal follows the same formulas with count(a, a) = n_a:
the units coded with the theme (count), 1 (Jaccard), N / n_a (lift).

Grouping: ``by`` names a column of the coded table (``debate``, ``section``,
``doc_id`` — see :func:`unzh.text.structure.default_grouping`); units whose group is
empty (e.g. the letter and introduction when grouping by debate) take no part
in grouped measures, and the pooled ``"all"`` rows of a grouped edge list are
computed on the same units as the groups.

Which pairs differ most between groups (:func:`differing_pairs`): for every
pair, its Jaccard in each group where at least one of the two themes occurs
(elsewhere it is undefined), and the range (max − min) across those groups;
only pairs found together in at least ``min_count`` units in all and defined
in at least two groups are ranked.  Jaccard rather than lift because it is
bounded (0-1) and does not explode for rare themes; the minimum support keeps
a single shared paragraph from topping the list.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from unzh.errors import InputError
from unzh.io_utils import atomic_write_bytes
from unzh.text.structure import ALL_GROUPS, check_grouping, group_name, groups_in_order
from unzh.text.words import plural
from unzh.textstat.themes import check_theme_ids, presence_array, theme_ids, theme_labels

__all__ = [
    "EDGE_COLUMNS",
    "MEASURES",
    "cooccurrence_matrices",
    "cooccurrence_matrix",
    "describe_coverage",
    "describe_differences",
    "describe_focus",
    "describe_hubs",
    "focus_theme",
    "nested_term_examples",
    "describe_pairs",
    "describe_support",
    "differing_pairs",
    "graphml_bytes",
    "groups_of",
    "save_graphml",
    "stack_matrices",
    "strongest_pairs",
    "textstat_cooccurrence",
    "textstat_themes",
    "theme_graph",
]

MEASURES = ("count", "jaccard", "lift")
EDGE_COLUMNS = ["theme_a", "theme_b", "label_a", "label_b", "count", "jaccard", "lift", "expected",
                "n_a", "n_b", "n_units", "unit", "group"]
ALL = ALL_GROUPS


# ---------------------------------------------------------------- groups
def groups_of(coded: pd.DataFrame, by: str) -> list:
    """The groups of column ``by`` in order of first appearance (empty values left out)."""
    check_grouping(coded, by)
    return groups_in_order(coded[by])


def _split(coded: pd.DataFrame, by: str | None) -> list[tuple[object, pd.DataFrame]]:
    if by is None:
        return [(ALL, coded)]
    return [(g, coded[coded[by] == g]) for g in groups_of(coded, by)]


def _group_presence(coded: pd.DataFrame, by: str | None, ids: list[str],
                    presence: np.ndarray | None = None) -> list[tuple[object, np.ndarray]]:
    """``[(group, presence rows of its units)]`` like :func:`_split`, from one presence matrix.

    The table is neither filtered nor copied per group (a copy per group also deep-copies
    ``attrs``); each group's rows keep their document order.
    """
    if presence is None:
        presence = presence_array(coded, ids).astype(np.int64)
    if by is None:
        return [(ALL, presence)]
    groups = groups_of(coded, by)
    codes, uniques = pd.factorize(coded[by])
    position = {u: i for i, u in enumerate(uniques)}
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return [(g, presence[order[bounds[position[g]]:bounds[position[g] + 1]]]) for g in groups]


# ---------------------------------------------------------------- coverage
def textstat_themes(coded: pd.DataFrame, by: str | None = None, lang: str = "both") -> pd.DataFrame:
    """Theme x group table: for every theme and group, the units coded and their share of the group's units.

    Columns: ``[by], theme_id, label, units_coded, units, share`` (``label``
    in ``lang``); every theme of the lexicon appears in every group, zeros
    included, in lexicon order within each group.  Without ``by``: one row per
    theme over all units.
    """
    ids = theme_ids(coded)
    labels = theme_labels(coded, lang)
    rows = []
    for g, p in _group_presence(coded, by, ids):
        counts = p.sum(axis=0)
        for j, t in enumerate(ids):
            n = int(counts[j])
            rows.append({**({by: g} if by else {}), "theme_id": t, "label": labels[t],
                         "units_coded": n, "units": len(p), "share": n / len(p) if len(p) else math.nan})
    out = pd.DataFrame(rows, columns=([by] if by else []) + ["theme_id", "label", "units_coded", "units", "share"])
    out.attrs = {"unit": coded.attrs.get("unit"), "by": by}
    return out


# ---------------------------------------------------------------- co-occurrence
def _counts(d: pd.DataFrame, ids: list[str]) -> tuple[np.ndarray, int]:
    return _pair_counts(presence_array(d, ids).astype(np.int64))


def _pair_counts(p: np.ndarray) -> tuple[np.ndarray, int]:
    """Units x themes 0/1 matrix -> (themes x themes units with both, number of units).

    The product is taken in floating point (BLAS; numpy has no fast integer product) and
    converted back: the counts are whole numbers far below 2**53, so they are exact.
    """
    return (p.T.astype(float) @ p.astype(float)).astype(p.dtype), len(p)


def _measure_matrix(c: np.ndarray, n_units: int, measure: str) -> np.ndarray:
    n = np.diag(c).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "count":
            return c.astype(float)
        if measure == "jaccard":
            union = n[:, None] + n[None, :] - c
            return np.where(union > 0, c / np.where(union > 0, union, 1), np.nan)
        expected = np.outer(n, n) / n_units if n_units else np.zeros_like(c, dtype=float)
        return np.where(expected > 0, c / np.where(expected > 0, expected, 1), np.nan)


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise InputError("--measure", f"unknown measure {measure!r} (use one of: {', '.join(MEASURES)})")


def cooccurrence_matrix(coded: pd.DataFrame, measure: str = "count") -> pd.DataFrame:
    """Themes x themes matrix over all units of ``coded`` (symmetric; diagonal: see the module docstring).

    ``measure`` is ``count`` (units coded with both themes; int), ``jaccard``
    or ``lift``.  Index and columns are every theme id, in lexicon order.
    """
    _check_measure(measure)
    ids = theme_ids(coded)
    c, n_units = _counts(coded, ids)
    m = _measure_matrix(c, n_units, measure)
    out = pd.DataFrame(c if measure == "count" else m, index=ids, columns=ids)
    out.index.name, out.columns.name = "theme", "theme"
    out.attrs = {"measure": measure, "n_units": n_units, "unit": coded.attrs.get("unit")}
    return out


def cooccurrence_matrices(coded: pd.DataFrame, by: str, measure: str = "count") -> dict:
    """One :func:`cooccurrence_matrix` per group of ``by``: ``{group: matrix}``, groups in document order."""
    return {g: cooccurrence_matrix(d, measure) for g, d in _split(coded, by)}


def _edges(p: np.ndarray, ids: list[str], labels: dict, unit, group) -> dict[str, list]:
    """The rows of one block of the edge list: every pair (a before b in lexicon order), as lists by column."""
    c, n_units = _pair_counts(p)
    jac = _measure_matrix(c, n_units, "jaccard")
    lift = _measure_matrix(c, n_units, "lift")
    i, j = np.triu_indices(len(ids), 1)  # the pairs in the order of itertools.combinations
    n = np.diag(c)
    n_a, n_b = n[i].tolist(), n[j].tolist()
    return {
        "theme_a": [ids[x] for x in i], "theme_b": [ids[x] for x in j],
        "label_a": [labels[ids[x]] for x in i], "label_b": [labels[ids[x]] for x in j],
        "count": c[i, j].tolist(), "jaccard": jac[i, j].tolist(), "lift": lift[i, j].tolist(),
        "expected": [a * b / n_units if n_units else math.nan for a, b in zip(n_a, n_b)],
        "n_a": n_a, "n_b": n_b, "n_units": [n_units] * len(i), "unit": [unit] * len(i), "group": [group] * len(i),
    }


def textstat_cooccurrence(coded: pd.DataFrame, by: str | None = None, *, include_all: bool = False,
                          min_count: int = 0, themes=None, lang: str = "both") -> pd.DataFrame:
    """Edge list: every pair of themes (a before b in lexicon order) with count, Jaccard, lift and expected.

    Without ``by``: one block over all units, ``group = "all"``.  With ``by``:
    one block per group (``group`` = the group's value), preceded, if
    ``include_all``, by the pooled block over the units of all groups.  Pairs
    found together in fewer than ``min_count`` units are dropped
    (``min_count=0`` keeps every pair).  ``themes`` (ids) keeps only pairs
    involving one of them.  Columns: :data:`EDGE_COLUMNS`.
    """
    if min_count < 0:
        raise InputError("--min-count", f"must be 0 or more, got {min_count}")
    ids = theme_ids(coded)
    labels = theme_labels(coded, lang)
    unit = coded.attrs.get("unit")
    presence = presence_array(coded, ids).astype(np.int64)
    blocks = _group_presence(coded, by, ids, presence)
    if by is not None and include_all:  # first, the pooled block: the units of all groups (document order)
        blocks.insert(0, (ALL, presence[coded[by].notna().to_numpy(dtype=bool)]))
    edges = [_edges(p, ids, labels, unit, g) for g, p in blocks]
    columns = {c: [v for e in edges for v in e[c]] for c in EDGE_COLUMNS}
    out = pd.DataFrame(columns if columns["theme_a"] else [], columns=EDGE_COLUMNS)  # no pair: as pandas types none
    out = out[out["count"] >= min_count]
    if themes is not None:
        keep = check_theme_ids(coded, themes)
        out = out[out["theme_a"].isin(keep) | out["theme_b"].isin(keep)]
    out = out.reset_index(drop=True)
    out.attrs = {"unit": unit, "by": by, "min_count": min_count}
    return out


def strongest_pairs(edges: pd.DataFrame, n: int = 5, measure: str = "count", min_count: int = 1) -> pd.DataFrame:
    """The ``n`` pairs with the highest ``measure`` among pairs found together in at least ``min_count`` units.

    Ties are broken by count, then Jaccard, then lexicon order (the edge list's order).
    """
    _check_measure(measure)
    d = edges[edges["count"] >= max(min_count, 1)]
    keys = list(dict.fromkeys([measure, "count", "jaccard"]))
    return d.sort_values(keys, ascending=False, kind="mergesort").head(n).reset_index(drop=True)


def differing_pairs(coded: pd.DataFrame, by: str, measure: str = "jaccard", min_count: int = 3,
                    lang: str = "both") -> pd.DataFrame:
    """Pairs whose association differs most between the groups of ``by`` (method: module docstring).

    One row per eligible pair, largest range first: ``theme_a, theme_b,
    label_a, label_b, count`` (units with both, pooled over the groups),
    ``groups`` (groups where the measure is defined), ``min, group_min, max,
    group_max, range``, then the measure and the count in each group
    (``<measure>_<group>``, ``count_<group>``).
    """
    _check_measure(measure)
    edges = textstat_cooccurrence(coded, by, include_all=True, lang=lang)
    pooled = edges[edges["group"] == ALL].set_index(["theme_a", "theme_b"])
    per = edges[edges["group"] != ALL]
    groups = groups_of(coded, by)
    # reindexed: a group (or pair) without any row in the edge list is a column (row) of NaN, not a KeyError
    value = per.pivot(index=["theme_a", "theme_b"], columns="group", values=measure).reindex(
        index=pooled.index, columns=groups)
    count = per.pivot(index=["theme_a", "theme_b"], columns="group", values="count").reindex(
        index=pooled.index, columns=groups).fillna(0)
    rows = []
    for key, row in pooled.iterrows():
        vals = value.loc[key].dropna()
        if row["count"] < min_count or len(vals) < 2:
            continue
        rows.append({
            "theme_a": key[0], "theme_b": key[1], "label_a": row["label_a"], "label_b": row["label_b"],
            "count": int(row["count"]), "groups": len(vals),
            "min": float(vals.min()), "group_min": vals.idxmin(), "max": float(vals.max()),
            "group_max": vals.idxmax(), "range": float(vals.max() - vals.min()),
            **{f"{measure}_{g}": float(value.loc[key, g]) for g in groups},
            **{f"count_{g}": int(count.loc[key, g]) for g in groups},
        })
    cols = ["theme_a", "theme_b", "label_a", "label_b", "count", "groups", "min", "group_min", "max",
            "group_max", "range"] + [f"{measure}_{g}" for g in groups] + [f"count_{g}" for g in groups]
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["range", "count"], ascending=False, kind="mergesort").reset_index(drop=True)
    out.attrs = {"measure": measure, "min_count": min_count, "by": by, "unit": coded.attrs.get("unit")}
    return out


# ---------------------------------------------------------------- network
def theme_graph(edges: pd.DataFrame, coverage: pd.DataFrame, *, min_count: int = 2,
                weight: str = "jaccard", labels_zh: dict | None = None, labels_en: dict | None = None):
    """A :class:`networkx.Graph` of the themes: one node per theme coded at least once, one edge per pair
    found together in at least ``min_count`` units.

    ``edges``: one block of :func:`textstat_cooccurrence` (a single group);
    ``coverage``: the matching :func:`textstat_themes` table without ``by``.
    Node attributes: ``label``, ``label_zh``, ``label_en`` (when given),
    ``units_coded``; edge attributes: ``count, jaccard, lift, expected`` and
    ``weight`` (= the chosen measure).  Nodes and edges are inserted in
    lexicon order, so the graph (and its GraphML) is the same on every run.
    Graph attributes record ``unit``, ``weight``, ``min_count`` and ``n_units``.
    """
    import networkx as nx

    if weight not in MEASURES:
        raise InputError("--weight", f"unknown edge weight {weight!r} (use one of: {', '.join(MEASURES)})")
    if edges["group"].nunique() > 1:
        raise ValueError("theme_graph needs the edges of one group; filter the edge list by its 'group' column")
    g = nx.Graph()
    n_units = int(coverage["units"].iloc[0]) if len(coverage) else 0
    g.graph.update({"unit": str(edges.attrs.get("unit") or coverage.attrs.get("unit") or ""),
                    "weight": weight, "min_count": int(min_count), "n_units": n_units})
    for r in coverage.itertuples(index=False):
        if r.units_coded > 0:
            attrs = {"label": str(r.label), "units_coded": int(r.units_coded)}
            if labels_zh:
                attrs["label_zh"] = str(labels_zh[r.theme_id])
            if labels_en:
                attrs["label_en"] = str(labels_en[r.theme_id])
            g.add_node(str(r.theme_id), **attrs)
    for r in edges[edges["count"] >= max(min_count, 1)].itertuples(index=False):
        g.add_edge(str(r.theme_a), str(r.theme_b), count=int(r.count), jaccard=float(r.jaccard),
                   lift=float(r.lift), expected=float(r.expected), weight=float(getattr(r, weight)))
    return g


def graphml_bytes(graph) -> bytes:
    """The graph as UTF-8 GraphML (Chinese labels as text; deterministic: keys and elements in insertion order)."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def save_graphml(graph, name: str, folder: str | Path) -> Path:
    """Write ``<folder>/<name>.graphml`` atomically (for Gephi, Cytoscape, networkx); return its path."""
    return atomic_write_bytes(Path(folder) / f"{name}.graphml", graphml_bytes(graph))


# ---------------------------------------------------------------- tables and readings
def stack_matrices(matrices: dict, by: str) -> pd.DataFrame:
    """Per-group matrices as one table: ``[by], theme, <theme ids…>`` (the table behind the heatmaps)."""
    parts = []
    for g, m in matrices.items():
        d = m.reset_index()
        d.insert(0, by, g)
        parts.append(d)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[by, "theme"])
    out.columns.name = None
    return out


def describe_coverage(table: pd.DataFrame, by: str, n: int = 2, names=None) -> list[str]:
    """One line per group of a :func:`textstat_themes` table: its ``n`` most covered themes with their
    numbers; groups named by ``names`` where given (:func:`unzh.text.structure.group_names`)."""
    lines = []
    for g, d in table.groupby(by, sort=False, observed=True):
        top = d.sort_values(["units_coded"], ascending=False, kind="mergesort").head(n)
        parts = [f"{r.label} {r.units_coded}/{r.units} ({r.share:.0%})" for r in top.itertuples() if r.units_coded]
        absent = int((d["units_coded"] == 0).sum())
        lines.append(f"{group_name(by, g, names=names)}: " + (", ".join(parts) or "no theme coded") +
                     f"; {absent} of {len(d)} themes absent")
    return lines


def describe_pairs(edges: pd.DataFrame, n: int = 3, measure: str = "count", min_count: int = 1) -> str:
    """A sentence naming the ``n`` strongest pairs of one edge-list block with count, Jaccard and lift."""
    top = strongest_pairs(edges, n, measure, min_count)
    if top.empty:
        return "No two themes occur in the same unit."
    unit = edges.attrs.get("unit") or str(edges["unit"].iloc[0])
    parts = [f"{r.label_a} + {r.label_b}: {r['count']} {unit}{'' if r['count'] == 1 else 's'}, Jaccard {r.jaccard:.2f}, lift {r.lift:.2f}"
             for _, r in top.iterrows()]
    return f"Strongest links by {measure} (of {int(edges['n_units'].iloc[0])} {unit}s): " + "; ".join(parts) + "."


def describe_support(pooled: pd.DataFrame, min_count: int) -> str:
    """How many units the pooled links rest on, and whether any reaches ``min_count`` (the support
    the ranked comparisons and the evidence of the strongest links ask): a sentence of notebook 03,
    true of the document in hand, also of one whose themes never meet."""
    unit = pooled.attrs.get("unit") or (str(pooled["unit"].iloc[0]) if len(pooled) else "paragraph")
    found = pooled[pooled["count"] > 0]
    if found.empty:
        return f"No two themes are found in the same {unit}: there is no link, and no evidence to print."
    counts = found["count"]
    lo, hi = int(counts.min()), int(counts.max())
    on = plural(lo, unit) if lo == hi else f"{lo} to {hi} {unit}s"
    head = (f"{plural(len(found), 'pair')} of themes {'is' if len(found) == 1 else 'are'} found together, "
            f"on {on}" + (" each" if len(found) > 1 else ""))
    strong = int((counts >= min_count).sum())
    if strong == 0:
        return (f"{head}: none reaches min_pair_count = {min_count}, so no pair is ranked and no evidence "
                f"is printed (a lower min_pair_count shows the weaker links).")
    return (f"{head}; {strong} reach{'es' if strong == 1 else ''} min_pair_count = {min_count}, and section 7 prints "
            f"the {unit}s behind the strongest.")


def describe_differences(diff: pd.DataFrame, n: int = 3, names=None) -> str:
    """A sentence naming the ``n`` pairs of a :func:`differing_pairs` table that differ most (groups
    named by ``names`` where given)."""
    if diff.empty:
        unit = diff.attrs.get("unit") or "unit"
        return (f"No pair is found together in at least {diff.attrs.get('min_count', 1)} {unit}s in all and in "
                "two groups or more: no pair to rank.")
    m, by = diff.attrs.get("measure", "jaccard"), diff.attrs.get("by")
    parts = [f"{r.label_a} + {r.label_b} ({m} {r.min:.2f} in {group_name(by, r.group_min, names=names)} to "
             f"{r.max:.2f} in {group_name(by, r.group_max, names=names)}; {r.count} units in all)"
             for r in diff.head(n).itertuples()]
    return "Largest differences: " + "; ".join(parts) + "."


# ---------------------------------------------------------------- what notebook 03 says in words
def describe_hubs(graph, n: int = 3) -> str:
    """The ``n`` themes of a :func:`theme_graph` with most edges, those with at least one: "Most
    connected: Human rights (3 edges), Security (2 edges)."; a graph without an edge says so
    (a theme with 0 edges is connected to nothing and is never listed)."""
    from unzh.text.words import plural

    degree = sorted(((t, k) for t, k in graph.degree if k > 0), key=lambda tk: -tk[1])[:n]
    if not degree:
        unit = graph.graph.get("unit") or "unit"
        return (f"No pair of themes is coded together in at least {plural(graph.graph.get('min_count'), unit)}: "
                "no theme is connected to another.")
    name = {t: graph.nodes[t].get("label_en") or graph.nodes[t].get("label", t) for t, _ in degree}
    return "Most connected: " + ", ".join(f"{name[t]} ({plural(k, 'edge')})" for t, k in degree) + "."


def focus_theme(coded: pd.DataFrame, prefer: str = "human_rights") -> str | None:
    """The theme notebook 03 follows through its co-occurrences: ``prefer`` where the lexicon has it
    and a unit is coded with it (the question the notebook starts from: what does human rights travel
    with?), else the lexicon's theme coded in most units (the first of equals, in lexicon order);
    None when no unit is coded with any theme."""
    ids = theme_ids(coded)
    counts = {t: 0 for t in ids}
    for themes in coded["themes"]:
        for t in themes:
            counts[t] += 1
    if counts.get(prefer, 0):
        return prefer
    best = max(ids, key=lambda t: counts[t], default=None)
    return best if best is not None and counts[best] else None


def nested_term_examples(themes: pd.DataFrame, n: int = 2, lang: str = "en") -> list[str]:
    """Examples of the longest-match rule from the theme lexicon ``themes`` itself: terms of one theme
    that contain a term of another theme, which is therefore not found inside them — "in 劳动剥削
    only the Trafficking term 劳动剥削 is found, not the Labour term 劳动 inside it" — the ``n``
    longest such terms (then in lexicon order).  Empty when no term of the lexicon holds another
    theme's term."""
    owner: dict[str, str] = {}
    labels = dict(zip(themes["theme_id"], themes["label_en" if lang == "en" else "label_zh"]))
    for tid, terms in zip(themes["theme_id"], themes["terms"]):
        for t in ([terms] if isinstance(terms, str) else terms):
            owner.setdefault(str(t), tid)
    found = []
    for order, (term, tid) in enumerate(owner.items()):
        inner = [(s, o) for s, o in owner.items() if s != term and s in term and o != tid]
        if inner:
            s, o = max(inner, key=lambda so: len(so[0]))
            found.append((-len(term), order, f"in {term} only the {labels[tid]} term {term} is found, not the "
                                             f"{labels[o]} term {s} inside it"))
    return [text for _, _, text in sorted(found)[:n]]


def describe_focus(coded: pd.DataFrame, by: str | None, focus: str, n: int = 3) -> str:
    """One sentence on the theme ``focus`` (:func:`focus_theme`) pooled over the groups of ``by``: in
    how many units it is coded, and the ``n`` themes it meets most, with count, Jaccard and lift —
    "Human rights is coded in 12 of 42 paragraphs; it meets Security in 5 (Jaccard 0.31, lift 1.90),
    …"; or that it meets no other theme."""
    from unzh.text.words import plural

    unit = coded.attrs.get("unit") or "paragraph"
    edges = textstat_cooccurrence(coded, by, include_all=True, themes=[focus], lang="en")
    pooled = edges[(edges["group"] == ALL_GROUPS) & (edges["count"] > 0)]
    pooled = pooled.assign(other=pooled["label_b"].where(pooled["theme_a"] == focus, pooled["label_a"]))
    top = pooled.sort_values(["count", "jaccard"], ascending=False, kind="stable").head(n)
    name = coded.attrs.get("labels_en", {}).get(focus, focus)
    n_focus = int(sum(focus in themes for themes in coded["themes"]))
    head = f"{name} is coded in {n_focus} of {plural(len(coded), unit)}"
    if top.empty:
        return head + " and meets no other theme in them."
    return head + "; it meets " + ", ".join(
        f"{r.other} in {r.count} (Jaccard {r.jaccard:.2f}, lift {r.lift:.2f})" for r in top.itertuples()) + "."

"""Figures for themes and their co-occurrence (notebook 03).  Each returns a Figure; nothing is written.

* :func:`textplot_theme_coverage` — theme x group heatmap: shade = share of
  the group's units coded with the theme, number = units coded.
* :func:`textplot_cooccurrence_heatmaps` — one co-occurrence matrix per
  group (lower triangle), all panels on **one** colour scale with one colour
  bar; axes carry theme numbers, explained by a key under the panels.
* :func:`textplot_theme_network` — themes on a circle (deterministic layout),
  edge width proportional to the edge measure, with a caption stating the
  unit, the measure and the threshold.

Themes are numbered in lexicon order (1 = first row of the lexicon) in every
figure, so a number means the same theme everywhere.  ``lang`` ("zh", "en",
"both") chooses the labels; ``source`` is the source line
(:func:`unzh.textplot.style.source_line_for`).
"""
from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from unzh.text.structure import group_labels
from unzh.textplot.frequency import _text_width, term_glosses
from unzh.textplot.layout import MIN_FONT_PT, columns_for, label_inches, wrap_label
from unzh.textplot.style import (
    COLUMN_WIDTH,
    SEQUENTIAL_CMAP,
    NoFigure,
    add_source_line,
    describe,
    ink_on,
    label,
    new_figure,
)
from unzh.textstat.cooccurrence import cooccurrence_matrices
from unzh.textstat.themes import theme_ids

__all__ = [
    "circle_positions",
    "network_caption",
    "numbered_theme_labels",
    "textplot_cooccurrence_heatmaps",
    "textplot_theme_coverage",
    "textplot_theme_network",
    "unit_noun",
]

_UNIT_NOUNS = {"paragraph": ("paragraph", "paragraphs"), "sentence": ("sentence", "sentences")}


def unit_noun(unit: str | None, plural: bool = True) -> str:
    """"paragraphs" / "sentences" (or singular) for captions."""
    one, many = _UNIT_NOUNS.get(unit or "paragraph", (str(unit), f"{unit}s"))
    return many if plural else one


def _theme_label(coded: pd.DataFrame, theme: str, lang: str, width: int | None = None) -> str:
    zh, en = coded.attrs["labels_zh"][theme], coded.attrs["labels_en"][theme]
    text = label(zh, en, lang)
    if width and len(text) > width:
        if lang == "both":
            return zh + "\n" + "\n".join(textwrap.wrap(f"({en})", width))
        return "\n".join(textwrap.wrap(text, width))
    return text


def numbered_theme_labels(coded: pd.DataFrame, lang: str = "both", width: int | None = None) -> dict[str, str]:
    """``{"human_rights": "1 人权 (Human rights)", …}``: lexicon number + label (wrapped at ``width`` characters)."""
    return {t: f"{i} {_theme_label(coded, t, lang, width)}" for i, t in enumerate(theme_ids(coded), start=1)}


def _group_titles(coded: pd.DataFrame, by: str, lang: str) -> dict:

    return group_labels(coded, by, lang, glosses=term_glosses())


def _key_entry(coded: pd.DataFrame, theme: str, number: int, lang: str, width: int = 62) -> str:
    """One key line "12 性别、妇女和儿童 (Gender, women and children)", the English on a second line if too wide."""
    zh, en = coded.attrs["labels_zh"][theme], coded.attrs["labels_en"][theme]
    text = f"{number} {label(zh, en, lang)}"
    if _text_width(text) <= width:
        return text
    if lang == "both":
        return f"{number} {zh}\n" + "\n".join(textwrap.wrap(f"({en})", width - 4, initial_indent="    ",
                                                              subsequent_indent="    "))
    return "\n".join(textwrap.wrap(text, width if lang == "en" else width // 2, subsequent_indent="    "))


def _discrete_greys(vmax: int):
    """A Greys colormap with one level per integer 0..vmax (0 = white) and its norm."""
    import matplotlib as mpl

    base = mpl.colormaps[SEQUENTIAL_CMAP]
    levels = [base(0.0)] + [base(0.25 + 0.7 * (k - 1) / max(vmax - 1, 1)) for k in range(1, vmax + 1)]
    cmap = ListedColormap(levels)
    return cmap, BoundaryNorm(np.arange(-0.5, vmax + 1.5), cmap.N)


# ---------------------------------------------------------------- coverage heatmap
def textplot_theme_coverage(table: pd.DataFrame, coded: pd.DataFrame, by: str, *, lang: str = "both",
                            source: str | None = None) -> Figure | NoFigure:
    """Theme x group heatmap from a grouped :func:`unzh.textstat.cooccurrence.textstat_themes` table.

    Shade: share of the group's units coded with the theme (0 = white, one
    scale for the whole chart, colour bar); number in each cell: units coded.
    Column heads give each group's number of units.  ``coded`` supplies the
    theme labels and group names.  No unit coded with any theme: a :class:`NoFigure`.
    """
    if not int(table["units_coded"].sum()):
        return NoFigure(f"no {unit_noun(coded.attrs.get('unit'), plural=False)} is coded with any theme of the lexicon")
    ids = theme_ids(coded)
    groups = list(dict.fromkeys(table[by]))
    share = table.pivot(index="theme_id", columns=by, values="share").loc[ids, groups]
    count = table.pivot(index="theme_id", columns=by, values="units_coded").loc[ids, groups]
    units = table.groupby(by, sort=False, observed=True)["units"].first()
    titles = _group_titles(coded, by, lang)
    noun = unit_noun(coded.attrs.get("unit"))
    row_labels = numbered_theme_labels(coded, lang, width=56)
    width = min(COLUMN_WIDTH, 3.6 + 0.75 * len(groups))
    # a column head fits its column: wrapped to the column's width, three lines at most
    column_in = max(width - label_inches(row_labels.values(), 6.5) - 0.9, 0.3) / max(len(groups), 1)
    head_cols = columns_for(column_in * 0.92, 6.5)
    fig, ax = new_figure(height=0.24 * len(ids) + 1.3, width=width)
    vmax = max(float(np.nanmax(share.to_numpy())) if share.size else 0.0, 0.05)
    norm = Normalize(0, vmax)
    im = ax.imshow(share.to_numpy(dtype=float), cmap=SEQUENTIAL_CMAP, norm=norm, aspect="auto",
                   interpolation="nearest")
    for i in range(len(ids)):
        for j in range(len(groups)):
            n = int(count.iat[i, j])
            ax.text(j, i, str(n), ha="center", va="center", fontsize=6.5,
                    color=ink_on(im.cmap(norm(share.iat[i, j]))) if n else "0.6")
    ax.set_yticks(range(len(ids)), [row_labels[t] for t in ids], fontsize=6.5)
    rotate = head_cols < 16  # narrow columns: heads turned upright, each line a column of its own
    heads = [wrap_label(titles[g].replace(" (", "\n(", 1), 30 if rotate else head_cols, 2 if rotate else 3)
             + f"\n{int(units[g])} {noun}" for g in groups]
    ax.set_xticks(range(len(groups)), heads, fontsize=6.5, rotation=90 if rotate else 0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    cbar = fig.colorbar(im, ax=ax, shrink=0.5, pad=0.02)
    cbar.set_label(f"share of the {titles.noun}'s {noun}", fontsize=7)
    cbar.ax.tick_params(labelsize=6.5)
    cbar.ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    fig.suptitle(label(f"各{titles.noun_zh}的主题", f"Themes by {titles.noun}", lang) +
                 f"\nnumber: {noun} coded with the theme; shade: their share of the {titles.noun}'s {noun}", fontsize=8)
    if source:
        add_source_line(fig, source)
    return describe(fig, f"The {noun} of each {titles.noun} coded with each theme, shaded by their share of the "
                         f"{titles.noun}'s {noun}")


# ---------------------------------------------------------------- co-occurrence heatmaps
def textplot_cooccurrence_heatmaps(coded: pd.DataFrame, by: str, *, lang: str = "both",
                                   source: str | None = None, ncols: int | None = None) -> Figure | NoFigure:
    """One co-occurrence heatmap per group of ``by``, all on one colour scale with one colour bar.

    Lower triangle of each group's :func:`unzh.textstat.cooccurrence.cooccurrence_matrix`
    (counts): the shade and number of an off-diagonal cell are the units
    coded with both themes (blank = 0), on a scale shared by every panel
    (0 … the largest off-diagonal count in any group); the diagonal (grey
    numbers, unshaded) gives the units coded with the theme.  Axes carry the themes'
    lexicon numbers; the key under the panels names them.  No two themes coded in the same unit
    in any group (every off-diagonal cell 0): a :class:`NoFigure`.
    """
    ids = theme_ids(coded)
    k = len(ids)
    mats = cooccurrence_matrices(coded, by, "count")
    groups = list(mats)
    if not groups:
        raise ValueError(f"no group of {by!r} has units to draw")
    off = [m.to_numpy()[np.tril_indices(k, -1)] for m in mats.values()]
    if not any(int(o.sum()) for o in off):
        return NoFigure(f"no two themes are coded in the same {unit_noun(coded.attrs.get('unit'), plural=False)}"
                        f" in any {_group_titles(coded, by, 'en').noun}: no co-occurrence to draw")
    vmax = max(1, max(int(o.max()) if o.size else 0 for o in off))
    cmap, norm = _discrete_greys(vmax)
    # two panels a row where a cell still holds a two-digit number at 6 pt (about 10 pt wide), else one
    ncols = ncols or (1 if len(groups) == 1 or (COLUMN_WIDTH - 0.6) / 2 * 72 / max(k, 1) < 10 else 2)
    nrows = math.ceil(len(groups) / ncols)
    panel = (COLUMN_WIDTH - 0.6) / ncols
    # the key's two columns each fit under one panel (the colour bar takes the right margin)
    key_width = columns_for(panel * 0.85, MIN_FONT_PT) if ncols > 1 else 62
    wrapped = [_key_entry(coded, t, i, lang, width=key_width) for i, t in enumerate(ids, start=1)]
    key_rows = math.ceil(k / 2)
    key_height = 0.105 * max(sum(w.count("\n") + 1 for w in wrapped[:key_rows]),
                             sum(w.count("\n") + 1 for w in wrapped[key_rows:])) + 0.15
    fig, axes = new_figure(nrows + 1, ncols, height=nrows * (panel + 0.25) + key_height + 0.7,
                           squeeze=False, gridspec_kw={"height_ratios": [panel + 0.25] * nrows + [key_height]})
    titles = _group_titles(coded, by, lang)
    noun = unit_noun(coded.attrs.get("unit"))
    img = None
    for n, g in enumerate(groups):
        ax = axes[n // ncols][n % ncols]
        m = mats[g].to_numpy()
        shown = np.where(np.tril(np.ones((k, k), bool), -1), m, np.nan)
        img = ax.imshow(shown, cmap=cmap, norm=norm, interpolation="nearest")
        for i in range(k):
            ax.text(i, i, str(int(m[i, i])), ha="center", va="center", fontsize=MIN_FONT_PT, color="0.35")
            for j in range(i):
                if m[i, j]:
                    ax.text(j, i, str(int(m[i, j])), ha="center", va="center", fontsize=MIN_FONT_PT,
                            color=ink_on(cmap(norm(m[i, j]))))
        ticks = range(k)
        ax.set_xticks(ticks, [str(i + 1) for i in ticks], fontsize=MIN_FONT_PT)
        ax.set_yticks(ticks, [str(i + 1) for i in ticks], fontsize=MIN_FONT_PT)
        ax.tick_params(length=1.5, pad=1)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(wrap_label(f"{titles[g]}: {len(coded[coded[by] == g])} {noun}", columns_for(panel * 0.95, 7.5), 2),
                     fontsize=7.5)
    for n in range(len(groups), nrows * ncols):
        axes[n // ncols][n % ncols].set_visible(False)
    # the key spans the bottom row
    for ax in axes[-1]:
        ax.set_axis_off()
    per_col = [wrapped[:key_rows], wrapped[key_rows:]]
    for c, lines in enumerate(per_col[:ncols] if ncols > 1 else [wrapped]):
        axes[-1][c].text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=MIN_FONT_PT,
                         transform=axes[-1][c].transAxes, linespacing=1.25)
    cbar = fig.colorbar(img, ax=[a for row in axes[:-1] for a in row], shrink=0.6, pad=0.02,
                        ticks=range(vmax + 1))
    cbar.set_label(f"{noun} coded with both themes (one scale for all panels)", fontsize=7)
    cbar.ax.tick_params(labelsize=6.5)
    fig.suptitle(label(f"各{titles.noun_zh}的主题共现", f"Theme co-occurrence by {titles.noun}", lang) +
                 f"\nunit: {unit_noun(coded.attrs.get('unit'), False)}; shade and number: {noun} coded with both "
                 f"themes (blank = 0)\ndiagonal (grey, unshaded): {noun} coded with the theme; "
                 "themes numbered as in the key", fontsize=7.5)
    if source:
        add_source_line(fig, source)
    return describe(fig, f"The {noun} coded with both themes of each pair of themes, one matrix per {titles.noun} "
                         "on one shade scale")


# ---------------------------------------------------------------- network
def network_caption(graph, n_pairs: int | None = None) -> str:
    """The caption the network prints: unit, number of units, edge measure and threshold."""
    g = graph.graph
    noun = unit_noun(g.get("unit"))
    pairs = f" ({graph.number_of_edges()} of {n_pairs} pairs)" if n_pairs is not None else ""
    return (f"Unit: {unit_noun(g.get('unit'), False)} ({g.get('n_units')} {noun}); edges: theme pairs coded "
            f"together in at least {g.get('min_count')} {noun}{pairs}; edge width ∝ {g.get('weight')}; "
            f"node area ∝ {noun} coded with the theme")


#: curvature of the network's edges (matplotlib ``arc3`` rad: control point offset / chord length)
_BEND = 0.18


def _label_spot(p1, p2, placed, min_gap: float = 0.09) -> tuple[float, float]:
    """Where to print an edge's count: the arc's middle, or the nearest point along it clear of earlier labels."""
    (x1, y1), (x2, y2) = p1, p2
    cx, cy = (x1 + x2) / 2 + _BEND * (y2 - y1), (y1 + y2) / 2 - _BEND * (x2 - x1)   # arc3 control point
    spot = None
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74):
        x = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t ** 2 * x2
        y = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t ** 2 * y2
        spot = spot or (x, y)
        if all(math.hypot(x - px, y - py) >= min_gap for px, py in placed):
            return x, y
    return spot


def circle_positions(nodes) -> dict:
    """Nodes on the unit circle, the first at 12 o'clock, then clockwise (a fixed, seed-free layout)."""
    n = len(nodes)
    return {v: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) for i, v in enumerate(nodes)}


def textplot_theme_network(graph, *, lang: str = "both", source: str | None = None, title: str | None = None,
                           n_pairs: int | None = None, labels_zh: dict | None = None,
                           labels_en: dict | None = None) -> Figure | NoFigure:
    """Draw a :func:`unzh.textstat.cooccurrence.theme_graph` on a circle (nodes in lexicon order; deterministic).

    Edges are slight arcs (so that none runs through a third node).  Edge width ∝ the graph's ``weight`` attribute (its name is in
    ``graph.graph["weight"]``), with the co-occurrence count printed on each
    edge; node area ∝ units coded; labels outside the circle.  The caption
    (:func:`network_caption`) states the unit, the measure and the threshold.  A graph without
    an edge (no pair of themes reaches the threshold): a :class:`NoFigure`.
    """
    if graph.number_of_edges() == 0:
        noun = unit_noun(graph.graph.get("unit"))
        return NoFigure(f"no pair of themes is coded together in at least {graph.graph.get('min_count')} {noun}: "
                        "no edge, so no network to draw")
    nodes = list(graph.nodes)
    pos = circle_positions(nodes)
    fig, ax = new_figure(height=COLUMN_WIDTH * 0.92, width=COLUMN_WIDTH)
    weights = [d["weight"] for _, _, d in graph.edges(data=True)]
    wmax = max(weights) if weights else 1.0
    scale = 5.0 / wmax if wmax > 0 else 1.0
    measure = graph.graph.get("weight", "weight")
    placed: list[tuple[float, float]] = []
    for a, b, d in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        # a slight arc, so that an edge never runs through a third node lying on its chord
        ax.add_patch(FancyArrowPatch((x1, y1), (x2, y2), arrowstyle="-", connectionstyle=f"arc3,rad={_BEND}",
                                     linewidth=d["weight"] * scale, color="0.35", alpha=0.85, zorder=1,
                                     shrinkA=0, shrinkB=0, capstyle="round"))
        mx, my = _label_spot((x1, y1), (x2, y2), placed)
        placed.append((mx, my))
        ax.text(mx, my, str(d["count"]), fontsize=MIN_FONT_PT, ha="center", va="center",
                zorder=3, bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85})
    units = np.array([graph.nodes[n]["units_coded"] for n in nodes], dtype=float)
    umax = units.max() if len(units) else 1.0
    xy = np.array([pos[n] for n in nodes]) if nodes else np.zeros((0, 2))
    ax.scatter(xy[:, 0], xy[:, 1], s=30 + 420 * units / umax, color="0.82", edgecolor="black",
               linewidth=0.6, zorder=2)
    for n, (x, y), u in zip(nodes, xy, units):
        zh = (labels_zh or {}).get(n, graph.nodes[n].get("label_zh", n))
        en = (labels_en or {}).get(n, graph.nodes[n].get("label_en"))
        text = label(zh, en, lang)
        if lang == "both" and en:
            text = zh + "\n" + "\n".join(textwrap.wrap(en, 24))
        elif len(text) > 24:
            text = "\n".join(textwrap.wrap(text, 24 if lang == "en" else 12))
        angle = math.atan2(y, x)
        r = 1.09
        ha = "left" if math.cos(angle) > 0.2 else "right" if math.cos(angle) < -0.2 else "center"
        va = "bottom" if math.sin(angle) > 0.5 else "top" if math.sin(angle) < -0.5 else "center"
        ax.text(r * math.cos(angle), r * math.sin(angle), f"{text}\n[{int(u)}]" if lang != "both" else f"{text} [{int(u)}]",
                ha=ha, va=va, fontsize=6, linespacing=1.1)
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.set_axis_off()
    samples = [v for v in (wmax / 4, wmax / 2, wmax) if v > 0]
    handles = [Line2D([], [], color="0.35", linewidth=v * scale, label=f"{measure} {v:.2f}") for v in samples]
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=6, handlelength=2.5, title="edge width",
                  title_fontsize=6)
    ax.set_title(title or label("主题网络", "Theme network", lang), fontsize=9)
    caption = network_caption(graph, n_pairs) + "; number on an edge: its count; [n]: units coded"
    fig.text(0.5, 0.035, "\n".join(textwrap.wrap(caption.replace("units coded", unit_noun(graph.graph.get("unit")) + " coded"), 125)),
             ha="center", va="bottom", fontsize=6)
    if source:
        add_source_line(fig, source)
    noun = unit_noun(graph.graph.get("unit"))
    return describe(fig, f"Network of the themes coded together in at least {graph.graph.get('min_count')} {noun}, "
                         f"edge width proportional to {'Jaccard' if measure == 'jaccard' else measure}")

"""Figures for stakeholder emphasis (notebook 04).  Each returns a Figure; nothing is written.

* :func:`textplot_stakeholder_heatmap` — actor x group heatmap: number =
  mentions, shade = mentions per 1,000 characters (groups differ in length).
* :func:`textplot_emphasis_intervals` — dot plot of emphasis per 1,000
  characters with its bootstrap interval, one panel per group, one x scale.
* :func:`textplot_rank_bump` — how the top actors' emphasis ranks move from
  group to group (bump chart; tied actors share a rank and are set side by side).
* :func:`textplot_rhetorical_profile` — stacked bars: share of each group's
  sentences that are strong / medium / weak / without reporting verb.

Actors are listed in lexicon order under their lexicon group (states,
international bodies, civil society and business, people); actors never
named in any group are left out (the CSV keeps them).  Inputs are the tables
of :mod:`unzh.textstat.emphasis`; ``lang`` ("zh", "en", "both") chooses the labels
(from the tables' ``attrs``, so a table built for one language can be drawn
in another); ``source`` is the source line.
"""
from __future__ import annotations

import itertools
import math
import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from unzh.lexicon.files import STAKEHOLDER_GROUPS
from unzh.text.structure import GroupLabels, group_labels, groups_in_order
from unzh.text.words import plural
from unzh.textplot.frequency import fit_label, term_glosses
from unzh.textplot.layout import MIN_FONT_PT, columns_for, label_inches, make_room_for_texts, text_width, wrap_label
from unzh.textplot.style import (
    COLUMN_WIDTH,
    HATCHES,
    LINESTYLES,
    MARKERS,
    PALETTE,
    SEQUENTIAL_CMAP,
    add_source_line,
    describe,
    ink_on,
    label,
    new_figure,
)
from unzh.textstat.stakeholders import STRENGTHS, rule_text

__all__ = [
    "GROUP_LABELS_ZH",
    "STRENGTH_LABELS_ZH",
    "textplot_emphasis_intervals",
    "textplot_rank_bump",
    "textplot_rhetorical_profile",
    "textplot_stakeholder_heatmap",
]

#: Chinese names of the stakeholder lexicon's groups (chart headings only)
GROUP_LABELS_ZH = {"states": "国家", "international bodies": "国际机构",
                   "civil society and business": "民间社会和工商界", "people": "人群"}
#: Chinese names of the sentence strengths (chart legends only)
STRENGTH_LABELS_ZH = {"strong": "强", "medium": "中", "weak": "弱", "none": "无报告动词"}
_STRENGTH_EN = {"strong": "strong", "medium": "medium", "weak": "weak", "none": "no reporting verb"}


def _titles(df: pd.DataFrame, by: str | None, lang: str, coded: pd.DataFrame | None) -> GroupLabels:
    """The groups' labels and noun (:func:`unzh.text.structure.group_labels`), from the sentence
    table ``coded`` where given (it has the headings), else from ``df``."""
    if by is None:
        out = GroupLabels({"all": label("全文", "whole text", lang)})
        out.noun, out.noun_zh = "text", "全文"
        return out
    return group_labels(coded if coded is not None else df, by, lang, glosses=term_glosses())


def _groups(df: pd.DataFrame, by: str | None) -> list:
    return ["all"] if by is None else groups_in_order(df[by])


def _actor_label(df: pd.DataFrame, actor: str, lang: str, fallback: str) -> str:
    """The actor's label in ``lang`` from the table's ``attrs`` (else the table's own ``label``)."""
    zh, en = df.attrs.get("labels_zh", {}), df.attrs.get("labels_en", {})
    return label(zh[actor], en.get(actor), lang) if actor in zh else fallback


def _wrap_label(text: str, width: int = 34) -> str:
    """"政府官员和边界管制人员 (Officials, border-control …)" → Chinese, then the English on a new line if long."""
    if len(text) <= width:
        return text
    if " (" in text:
        zh, en = text.split(" (", 1)
        return zh + "\n" + "\n".join(textwrap.wrap("(" + en, width))
    return "\n".join(textwrap.wrap(text, width))


def _rows(stats: pd.DataFrame, by: str | None, lang: str, value: str = "mentions"):
    """Rows of an actor chart: ``[(kind, key, text)]`` with group headings; only actors with ``value`` > 0 somewhere."""
    order = stats.attrs.get("actor_order", {})
    named = stats.groupby("actor_id", sort=False, observed=True)[value].sum()
    first = stats.drop_duplicates("actor_id").set_index("actor_id")
    rows = []
    for grp in STAKEHOLDER_GROUPS:
        actors = sorted((a for a in first.index if first.loc[a, "actor_group"] == grp and named[a] > 0),
                        key=lambda a: order.get(a, 0))
        if actors:
            # in English alone "group: states", not "states" above the actor "States"
            rows.append(("group", grp, label(GROUP_LABELS_ZH.get(grp, grp), grp if lang != "en" else f"group: {grp}",
                                             lang)))
            rows += [("actor", a, _wrap_label(_actor_label(stats, a, lang, str(first.loc[a, "label"]))))
                     for a in actors]
    return rows


#: the actor labels' size and line spacing (points; lines of one label set close together)
_ACTOR_PT, _ACTOR_SPACING = 6.0, 1.05


def _style_actor_axis(ax, rows) -> None:
    ax.set_yticks(range(len(rows)), [t for _, _, t in rows], fontsize=_ACTOR_PT)
    for tick, (kind, _, _) in zip(ax.get_yticklabels(), rows):
        tick.set_linespacing(_ACTOR_SPACING)
        if kind == "group":
            tick.set_fontsize(6.5)
            tick.set_color("0.3")


def _height(rows) -> float:
    """Inches for the actor rows, one pitch for all: 0.2 per row, or more where two neighbouring
    labels of several lines would touch (half of each one's lines, at :data:`_ACTOR_PT` and
    :data:`_ACTOR_SPACING`, and 1.5 points between them).

    Counted in hundredths of an inch and divided once, so the value does not depend on how floats
    are summed (Python 3.12's ``sum`` compensates rounding, 3.11's did not: the SVGs differed).
    """
    lines = [t.count("\n") + 1 for _, _, t in rows]
    line = _ACTOR_PT * _ACTOR_SPACING * 100 / 72
    pitch = max([20] + [math.ceil((a + b) / 2 * line + 1.5 * 100 / 72) for a, b in itertools.pairwise(lines)])
    return pitch * len(rows) / 100


# ---------------------------------------------------------------- heatmap
def textplot_stakeholder_heatmap(stats: pd.DataFrame, by: str | None, *, lang: str = "both",
                                 source: str | None = None, coded: pd.DataFrame | None = None) -> Figure:
    """Actor x group heatmap from :func:`unzh.textstat.emphasis.textstat_stakeholders`.

    Number: mentions (blank = not named); shade: mentions per 1,000
    characters, one scale (colour bar).  Column heads give each group's
    paragraphs and characters.  ``coded`` (the sentence table) supplies group
    names for sections and documents.
    """
    key = by or "_all"
    d = stats if by else stats.assign(_all="all")
    groups = _groups(d, by)
    rows = _rows(stats, by, lang)
    rate = d.pivot(index="actor_id", columns=key, values="rate")
    count = d.pivot(index="actor_id", columns=key, values="mentions")
    info = d.groupby(key, sort=False, observed=True)[["paragraphs", "chars"]].first()
    grid = np.full((len(rows), len(groups)), np.nan)
    for i, (kind, a, _) in enumerate(rows):
        if kind == "actor":
            grid[i] = rate.loc[a, groups].to_numpy(float)
    fig, ax = new_figure(height=_height(rows) + 1.5, width=min(COLUMN_WIDTH, 3.7 + 0.8 * len(groups)))
    vmax = max(float(np.nanmax(grid)) if np.isfinite(grid).any() else 0.0, 1.0)
    norm = Normalize(0, vmax)
    cmap = mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad="white")
    im = ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    for i, (kind, a, _) in enumerate(rows):
        if kind != "actor":
            continue
        for j, g in enumerate(groups):
            n = int(count.loc[a, g])
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=6.5, color=ink_on(cmap(norm(grid[i, j]))))
    _style_actor_axis(ax, rows)
    titles = _titles(d, by, lang, coded)
    width = min(COLUMN_WIDTH, 3.7 + 0.8 * len(groups))
    column_in = max(width - label_inches([r[2] for r in rows], 6.5) - 0.9, 0.3) / max(len(groups), 1)
    head_cols = columns_for(column_in * 0.92, 6)
    rotate = head_cols < 16  # narrow columns: heads turned upright, each line a column of its own
    heads = [wrap_label(f"{titles[g]}".replace(" (", "\n("), 30 if rotate else head_cols, 2 if rotate else 3)
             + f"\n{plural(int(info.loc[g, 'paragraphs']), 'paragraph')}\n{plural(int(info.loc[g, 'chars']), 'character')}"
             for g in groups]
    ax.set_xticks(range(len(groups)), heads, fontsize=6, rotation=90 if rotate else 0)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for i, (kind, _, _) in enumerate(rows):
        if kind == "group" and i:
            ax.axhline(i - 0.5, color="0.6", linewidth=0.5)
    for side in ax.spines.values():
        side.set_visible(False)
    short = len(rows) < 8  # a few rows: a bar of 40% of the height is shorter than its label (full height, 2 lines)
    cbar = fig.colorbar(im, ax=ax, shrink=1.0 if short else 0.4, pad=0.02)
    cbar.set_label("mentions per\n1,000 characters" if short else "mentions per 1,000 characters", fontsize=6 if short else 7)
    cbar.ax.tick_params(labelsize=6.5)
    noun, noun_zh = titles.noun, titles.noun_zh
    fig.suptitle(label(f"各{noun_zh}提到的利益相关者", f"Stakeholders named in each {noun}", lang)
                 + "\nnumber: mentions (blank: not named); shade: mentions per 1,000 characters", fontsize=8)
    if source:
        add_source_line(fig, source)
    return describe(fig, f"Mentions of each actor of the lexicon in each {noun}, shaded by mentions per 1,000 characters")


# ---------------------------------------------------------------- dot plot with intervals
def textplot_emphasis_intervals(stats: pd.DataFrame, by: str | None, *, measure: str = "emphasis_rate",
                                lang: str = "both", source: str | None = None, coded: pd.DataFrame | None = None,
                                ncols: int | None = None) -> Figure:
    """Emphasis per 1,000 characters (``measure``) with its bootstrap interval: one panel per group, one x scale.

    Dot: the estimate; bar: the interval (``measure_low`` … ``measure_high``);
    no dot: the actor is not named in that group.  Actors are grouped under
    their lexicon group, in lexicon order.
    """
    key = by or "_all"
    d = stats if by else stats.assign(_all="all")
    groups = _groups(d, by)
    rows = _rows(stats, by, lang, value=measure)
    ncols = ncols or min(len(groups), 4)
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = new_figure(nrows, ncols, height=nrows * (_height(rows) + 0.35) + 1.2, sharex=True, sharey=True,
                           squeeze=False)
    titles = _titles(d, by, lang, coded)
    pos = {a: i for i, (kind, a, _) in enumerate(rows) if kind == "actor"}
    high = float(np.nanmax(d[f"{measure}_high"].to_numpy(float))) if len(d) else 1.0
    for n, g in enumerate(groups):
        ax = axes[n // ncols][n % ncols]
        x = d[(d[key] == g) & (d["actor_id"].isin(pos)) & (d[measure] > 0)]
        y = x["actor_id"].map(pos).to_numpy(float)
        ax.hlines(y, x[f"{measure}_low"], x[f"{measure}_high"], color=PALETTE[1], linewidth=1.1)
        ax.plot(x[measure], y, "o", color=PALETTE[0], markersize=3.2, zorder=3)
        for i, (kind, _, _) in enumerate(rows):
            if kind == "group":
                ax.axhspan(i - 0.5, i + 0.5, color="0.93", linewidth=0, zorder=0)
        ax.set_title(wrap_label(titles[g].replace(" (", "\n("), columns_for(COLUMN_WIDTH / ncols * 0.7, 7), 4), fontsize=7)
        ax.grid(axis="x", color="0.88", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", labelsize=6)
        ax.tick_params(axis="y", length=0)
    for n in range(len(groups), nrows * ncols):
        axes[n // ncols][n % ncols].set_visible(False)
    what = "emphasis per 1,000 characters" if measure == "emphasis_rate" else measure.replace("_", " ")
    for r in range(nrows):
        _style_actor_axis(axes[r][0], rows)
    for n in range(len(groups)):
        if n + ncols >= len(groups):          # lowest panel of its column: x tick labels and axis label
            ax = axes[n // ncols][n % ncols]
            ax.xaxis.set_tick_params(labelbottom=True)
            ax.set_xlabel("per 1,000 characters" if measure == "emphasis_rate" else what, fontsize=6.5)
    axes[0][0].set_ylim(len(rows) - 0.5, -0.5)
    top = high if high > 0 else 1.0
    axes[0][0].set_xlim(-0.04 * top, top * 1.05)  # a margin each side: a dot at 0 or at the top is drawn whole
    level = stats.attrs.get("level", 0.95)
    n_boot = stats.attrs.get("n_boot")
    resamples = plural(int(n_boot), "resample") if n_boot is not None else "no resamples"
    fig.suptitle(label("利益相关者的强调程度", "Stakeholder emphasis", lang) +
                 f"\ndot: {what} (each mention × the strength of its sentence: strong 3, medium 2, weak 1)"
                 f"\nbar: {level:.0%} bootstrap interval over paragraphs ({resamples}); "
                 "no dot: not named", fontsize=7)
    if source:
        add_source_line(fig, source)
    return describe(fig, f"Emphasis of each actor per 1,000 characters in each {titles.noun}, with {level:.0%} "
                         f"bootstrap intervals over paragraphs ({resamples})")


# ---------------------------------------------------------------- bump chart
#: the rank chart's markers (points) and the room between two tied ones
_RANK_MARKER_PT, _RANK_GAP_PT = 5.5, 1.5


def _tie_offsets(k: int, per_row: int, dx: float, dy: float) -> list[tuple[float, float]]:
    """Where ``k`` tied markers go around their spot: side by side, ``dx`` apart, ``per_row`` to a
    row, rows stacked ``dy`` below each other (into the ranks a tie leaves empty: 1, 1, 1, 4)."""
    out = []
    for j in range(k):
        row, col = divmod(j, per_row)
        in_row = min(per_row, k - row * per_row)
        out.append(((col - (in_row - 1) / 2) * dx, row * dy))
    return out


def textplot_rank_bump(ranks: pd.DataFrame, by: str, *, lang: str = "both", source: str | None = None,
                       coded: pd.DataFrame | None = None) -> Figure:
    """Ranks of the top actors in each group (from :func:`unzh.textstat.emphasis.stakeholder_ranks`), joined by lines.

    Rank 1 at the top.  Actors that share a rank are set side by side, a marker's width apart
    (in rows below each other when a column cannot hold them: a tie leaves the ranks below it
    empty); an actor not named in a group is drawn on the bottom row "not named" (hollow
    marker, set apart the same way), joined to its other ranks by faint lines.  Each actor keeps
    one grey level, marker and line style.  The columns keep half a column of margin, so that no
    marker is cut at the edge.
    """
    groups = _groups(ranks, by)
    if coded is not None and by in coded.columns:  # in document order (the ranks table is sorted by rank)
        order = [g for g in groups_in_order(coded[by]) if g in set(groups)]
        groups = order + [g for g in groups if g not in order]
    actors = list(dict.fromkeys(ranks.sort_values("overall", kind="stable")["actor_id"]))
    worst = int(ranks["rank"].max()) if ranks["rank"].notna().any() else 1
    bottom = worst + 1.5
    titles = _titles(ranks, by, lang, coded)
    labels = {a: _actor_label(ranks, a, lang, ranks.loc[ranks["actor_id"] == a, "label"].iloc[0]) for a in actors}
    not_named = label("未提及", "not named", lang)
    # the axes' width: the canvas less the rank labels on the left and the legend on the right; with
    # more than four groups the legend goes under the chart, and the columns get the whole width
    legend_below = len(groups) > 4
    axes_in = COLUMN_WIDTH - label_inches([not_named], 6.5) - 0.55 - (
        0 if legend_below else label_inches(labels.values(), 6) + 0.45)
    step_in = max(axes_in, 1.0) / max(len(groups), 1)          # one column per group, half a column each side
    marker_in = (_RANK_MARKER_PT + _RANK_GAP_PT) / 72
    dx = marker_in / step_in                                    # data units between two tied markers
    per_row = max(1, int(0.9 / dx))
    pitch_in = 0.24                                             # inches per rank: two rows of markers fit in one
    dy = marker_in / pitch_in
    y = {}
    lowest = bottom
    for g in groups:
        d = ranks[ranks[by] == g].set_index("actor_id")
        for rank_value, members in d.groupby(d["rank"].fillna(-1), sort=False, observed=True):
            ordered = sorted(members.index, key=actors.index)
            base = bottom if rank_value == -1 else float(rank_value)
            for a, (ox, oy) in zip(ordered, _tie_offsets(len(ordered), per_row, dx, dy)):
                y[(g, a)] = (groups.index(g) + ox, base + oy)
                lowest = max(lowest, base + oy)
    span = lowest + 0.7 - 0.3
    main_in = max(3.2, pitch_in * span + 2.0)
    if legend_below:  # the key in a row of its own under the chart, clear of the source line
        legend_in = 0.13 * math.ceil(len(actors) / 3) + 0.1
        fig, (ax, key) = new_figure(2, 1, height=main_in + legend_in, width=COLUMN_WIDTH,
                                    gridspec_kw={"height_ratios": [main_in - 0.8, legend_in]})
        key.set_axis_off()
    else:
        fig, ax = new_figure(height=main_in, width=COLUMN_WIDTH)
    for i, a in enumerate(actors):
        pts = [y[(g, a)] for g in groups]
        style = {"color": PALETTE[i % len(PALETTE)], "linestyle": LINESTYLES[(i // len(PALETTE)) % len(LINESTYLES)],
                 "marker": MARKERS[i % len(MARKERS)]}
        for p, q in itertools.pairwise(pts):
            faint = p[1] >= bottom or q[1] >= bottom          # to or from "not named": a thin, faint segment
            ax.plot([p[0], q[0]], [p[1], q[1]], color=style["color"], linestyle=style["linestyle"],
                    linewidth=0.6 if faint else 1.1, alpha=0.35 if faint else 1.0)
        named = [p for p in pts if p[1] < bottom]
        unnamed = [p for p in pts if p[1] >= bottom]
        ax.plot([p[0] for p in named], [p[1] for p in named], linestyle="none", marker=style["marker"],
                color=style["color"], markeredgecolor="black", markeredgewidth=0.5, markersize=_RANK_MARKER_PT,
                label=labels[a])
        ax.plot([p[0] for p in unnamed], [p[1] for p in unnamed], linestyle="none", marker=style["marker"],
                markerfacecolor="white", markeredgecolor="0.4", markersize=_RANK_MARKER_PT - 0.5)
    ticks = list(range(1, worst + 1))
    ax.set_yticks(ticks + [bottom], [str(t) for t in ticks] + [not_named], fontsize=6.5)
    ax.set_ylim(lowest + 0.7, 0.3)
    ax.set_xticks(range(len(groups)), [wrap_label(titles[g].replace(" (", "\n("), columns_for(step_in * 0.9, 7), 4)
                                       for g in groups], fontsize=7)
    ax.set_xlim(-0.5, len(groups) - 0.5)
    ax.set_ylabel("rank by emphasis (1 = highest)", fontsize=7)
    ax.grid(axis="y", color="0.9", linewidth=0.5)
    if legend_below:
        key.legend(*ax.get_legend_handles_labels(), loc="upper center", ncols=3, fontsize=6,
                   handlelength=1.2, frameon=False, borderaxespad=0)
    else:
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=6, handlelength=1.2, labelspacing=0.7,
                  frameon=False)
    noun, noun_zh = titles.noun, titles.noun_zh
    fig.suptitle(label(f"强调程度排名在各{noun_zh}中的变化", f"How stakeholder ranks move across {noun}s",
                       lang) + ("\nthe actor with the highest emphasis overall; " if len(actors) == 1 else
                                f"\nthe {len(actors)} actors with the highest emphasis overall; ")
                 + "equal scores share a rank (set side by side)\nfaint line: to or from \"not named\"", fontsize=8)
    if source:
        add_source_line(fig, source)
    one = len(actors) == 1
    who = "the most emphasised actor" if one else f"the {len(actors)} most emphasised actors"
    return describe(fig, f"How the emphasis rank{'' if one else 's'} of {who} move{'s' if one else ''} across the {noun}s")


# ---------------------------------------------------------------- rhetorical profile
def textplot_rhetorical_profile(profile: pd.DataFrame, by: str | None, *, lang: str = "both",
                                source: str | None = None, coded: pd.DataFrame | None = None) -> Figure:
    """Stacked horizontal bars from :func:`unzh.textstat.emphasis.rhetorical_profile`: each group's sentences by strength.

    Segments: strong, medium, weak, no reporting verb (grey levels and
    hatches, readable in greyscale), labelled with their percentage where
    wide enough; the number of sentences is printed after each bar.
    """
    key = by or "_all"
    d = profile if by else profile.assign(_all="all")
    groups = _groups(d, by)
    titles = _titles(d, by, lang, coded)
    fig, ax = new_figure(height=0.45 * len(groups) + 1.5, width=COLUMN_WIDTH)
    left = np.zeros(len(groups))
    colours = {"strong": PALETTE[0], "medium": PALETTE[1], "weak": PALETTE[2], "none": "white"}
    hatches = {"strong": HATCHES[0], "medium": HATCHES[1], "weak": HATCHES[2], "none": HATCHES[3]}
    for s in STRENGTHS:
        share = np.array([float(d[(d[key] == g) & (d["strength"] == s)]["share"].iloc[0]) for g in groups])
        count = [int(d[(d[key] == g) & (d["strength"] == s)]["sentences"].iloc[0]) for g in groups]
        ax.barh(range(len(groups)), share, left=left, height=0.62, color=colours[s], hatch=hatches[s],
                edgecolor="black", linewidth=0.5, label=label(STRENGTH_LABELS_ZH[s], _STRENGTH_EN[s], lang))
        for i, (w, n) in enumerate(zip(share, count)):
            if w >= 0.07:
                ink = "white" if s in ("strong", "medium") else "black"
                ax.text(left[i] + w / 2, i, f"{w:.0%}\n({n})", ha="center", va="center", fontsize=MIN_FONT_PT, color=ink,
                        bbox={"boxstyle": "round,pad=0.15", "fc": colours[s], "ec": "none"})
        left += share
    totals = d.groupby(key, sort=False, observed=True)["total"].first()
    for i, g in enumerate(groups):
        ax.text(1.01, i, plural(int(totals[g]), "sentence"), va="center", fontsize=6.5)
    ax.set_yticks(range(len(groups)), [titles[g] for g in groups], fontsize=7)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_xlim(0, 1.16)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"], fontsize=6.5)
    ax.set_xlabel("share of the sentences (number of sentences in brackets)", fontsize=7)
    # the legend above the bars: one row of four where the group labels leave the axes wide enough, else two
    label_in = max((text_width(line) for g in groups for line in str(titles[g]).split("\n")), default=0) * 7 * 0.55 / 72
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=4 if label_in < 1.5 else 2, fontsize=6.5,
              handlelength=1.6, frameon=False)
    ax.spines["left"].set_visible(False)
    ax.spines["bottom"].set_bounds(0, 1)
    ax.tick_params(axis="y", length=0)
    rule = rule_text(profile.attrs.get("rule", "strongest"), profile.attrs.get("chapeau", False))
    fig.suptitle(label(f"各{titles.noun_zh}的修辞特征", f"Rhetorical profile of each {titles.noun}", lang) +
                 "\nstrength of each sentence: " + fit_label(rule, COLUMN_WIDTH - 0.4, 8), fontsize=8)
    if source:
        add_source_line(fig, source)
    make_room_for_texts(fig, [ax])
    return describe(fig, f"Share of the sentences of each {titles.noun} by the strength of their reporting verb "
                         f"({rule})")

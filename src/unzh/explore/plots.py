"""The explorer's figures: the dispersion strip of a term (a Figure; nothing is written)."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from unzh.text.structure import group_name
from unzh.text.words import plural
from unzh.textplot.style import PALETTE, new_figure


def textplot_dispersion(disp: pd.DataFrame, term: str, by: str | None = None, names=None) -> Figure:
    """Where ``term`` falls: one bar per paragraph of a :func:`unzh.explore.logic.dispersion` table
    (height = occurrences), the groups marked as alternating bands with their names (``names``:
    :func:`unzh.text.structure.group_names`, "Chapter 1", where given)."""
    n = len(disp)
    fig, ax = new_figure(height=1.6)
    x = disp["position"].to_numpy()
    y = disp["occurrences"].to_numpy()
    groups = disp["group"].tolist()
    start = 0
    band = 0
    for i in range(1, n + 1):  # one band per run of equal groups (no group: no band)
        if i == n or not _same(groups[i], groups[start]):
            if not pd.isna(groups[start]):
                ax.axvspan(start - 0.5, i - 0.5, color=PALETTE[(band % 2) + 1], alpha=0.25, lw=0)
                ax.text((start + i - 1) / 2, 1.0, group_name(by, groups[start], names=names),
                        transform=ax.get_xaxis_transform(),
                        ha="center", va="bottom", fontsize=6.5)
                band += 1
            start = i
    ax.bar(x[y > 0], y[y > 0], width=0.8, color="black")
    ax.set_xlim(-0.5, max(n - 0.5, 0.5))
    ax.set_ylim(0, max(int(y.max()) if n else 0, 1) * 1.1)
    ax.set_yticks(sorted({0, int(y.max()) if n else 1}))
    ax.set_xlabel(f"body paragraphs in document order ({n}); bar: occurrences of {term} ({int(y.sum())} in "
                  f"{plural(int((y > 0).sum()), 'paragraph')})")
    ax.set_ylabel("occurrences")
    return fig


def _same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and a == b)


__all__ = ["textplot_dispersion"]

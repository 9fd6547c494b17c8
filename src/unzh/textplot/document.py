"""Figures for the document and its segmentation (notebook 01). Each returns a Figure; nothing is written."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unzh.segment.audit import split_fragments
from unzh.text.structure import BODY_KINDS, section_label
from unzh.textplot.frequency import term_label
from unzh.textplot.layout import label_inches, wrap_label
from unzh.textplot.style import PALETTE, NoFigure, add_source_line, label, legend_patch, new_figure, series_style


def textplot_structure(paragraphs: pd.DataFrame, source: str, lang: str = "both") -> Figure:
    """Left: body paragraphs per section.  Right: each paragraph's length in characters (dots) and the median (bar).

    With several documents, each section is labelled with its document id.
    """
    body = paragraphs[paragraphs["kind"].isin(BODY_KINDS)]
    multi = body["doc_id"].nunique() > 1
    keys = list(dict.fromkeys(zip(body["doc_id"], body["section"])))
    titles = paragraphs.groupby(["doc_id", "section"], sort=False, observed=True)["section_title"].first()
    names = []
    for doc, sec in keys:
        t = titles.get((doc, sec), "")
        name = t if (t and sec.startswith("section_")) else label(section_label(sec, "zh"), section_label(sec, "en"), lang)
        names.append(wrap_label(f"{doc}: {name}" if multi else name, 30))
    key_series = pd.Series(list(zip(body["doc_id"], body["section"])), index=body.index)
    counts = [int((key_series == k).sum()) for k in keys]
    lines = sum(n.count("\n") + 1 for n in names)
    fig, (a1, a2) = new_figure(1, 2, height=max(3.2, 0.2 * lines + 0.12 * len(keys) + 1.2), sharey=True)
    y = np.arange(len(keys))
    a1.barh(y, counts, **series_style(1))
    for yi, n in zip(y, counts):
        a1.text(n + 0.2, yi, str(n), va="center", fontsize=8)
    a1.set_yticks(y, names)
    a1.invert_yaxis()
    a1.set_xlabel("paragraphs")
    a1.set_title("Paragraphs per section")
    for yi, k in zip(y, keys):
        lengths = body.loc[key_series == k, "n_chars"].to_numpy()
        jitter = (np.arange(len(lengths)) % 5 - 2) * 0.06
        a2.plot(lengths, yi + jitter, linestyle="none", marker="o", markersize=3, color=PALETTE[0])
        a2.plot([np.median(lengths)] * 2, [yi - 0.3, yi + 0.3], color=PALETTE[1], linewidth=2)
    a2.set_xlabel("characters per paragraph (bar: median)")
    a2.set_title("Paragraph length")
    add_source_line(fig, source)
    return fig


def _gloss_below(name: str) -> str:
    """"国际移徙 (international migration)" → the term, and below it its gloss wrapped in two lines at most."""
    if " (" not in name:
        return name
    term, gloss = name.split(" (", 1)
    return f"{term}\n{wrap_label('(' + gloss, 26, 2)}"


def textplot_before_after(compare: pd.DataFrame, source: str, top: int = 15, highlight=None, *,
                          lang: str = "zh", glosses=None) -> Figure | NoFigure:
    """Top words with plain jieba (left) and with the UN dictionary (right), on one x scale; split
    fragments (``highlight``; by default :func:`unzh.segment.audit.split_fragments`) are hatched.
    ``lang`` and ``glosses`` as in :func:`unzh.textplot.frequency.textplot_top_terms` (a fragment
    such as 者 has no gloss and stays in Chinese)."""
    if compare.empty:
        return NoFigure("the text has no word outside the stopword list, so there is nothing to compare")
    if highlight is None:
        highlight = split_fragments(compare, top)
    shown = compare.head(top)
    names = {w: term_label(w, glosses, lang) for w in [*shown["plain_word"].dropna(), *shown["unzh_word"].dropna()]}
    if label_inches(names.values(), 8) > 1.2:  # long Chinese (English) labels: the gloss on a line of its own
        names = {w: _gloss_below(n) for w, n in names.items()}
    lines = max((n.count("\n") + 1 for n in names.values()), default=1)
    rows = max(sum(names[w].count("\n") + 1 for w in shown[col].dropna()) for col in ("plain_word", "unzh_word"))
    fig, (a1, a2) = new_figure(1, 2, height=3.8 if lines == 1 else 1.4 + 0.16 * rows)
    for ax, wcol, ncol, title in ((a1, "plain_word", "plain_count", "plain jieba (no user dictionary)"),
                                  (a2, "unzh_word", "unzh_count", "unzh (UN-terminology dictionary)")):
        c = compare.head(top).dropna(subset=[wcol])
        c = c.assign(**{ncol: c[ncol].astype(int)})
        y = np.arange(len(c))
        for yi, (w, n) in enumerate(zip(c[wcol], c[ncol])):
            style = series_style(2 if w in highlight else 0)
            ax.barh(yi, n, **style)
            ax.text(n + 0.5, yi, str(n), va="center", fontsize=7)
        ax.set_yticks(y, [names[w] for w in c[wcol]], fontsize=8 if lines == 1 else 7)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("occurrences (stopwords removed)")
    most = max([*shown["plain_count"].dropna(), *shown["unzh_count"].dropna(), 1])
    for ax in (a1, a2):  # one scale: bars compare across the panels
        ax.set_xlim(0, most * 1.12)
    fig.legend(handles=[legend_patch(2, "fragment of a split UN term")], loc="outside upper center", fontsize=7,
               frameon=False)
    add_source_line(fig, source)
    return fig

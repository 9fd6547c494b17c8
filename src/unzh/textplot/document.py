"""Figures for the document and its segmentation (notebook 01). Each returns a Figure; nothing is written."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unzh.segment.audit import split_fragments
from unzh.text.structure import BODY_KINDS, group_labels, group_noun
from unzh.textplot.frequency import term_glosses, term_label
from unzh.textplot.layout import label_inches, make_room_for_texts, wrap_label
from unzh.textplot.style import PALETTE, NoFigure, add_source_line, describe, legend_patch, new_figure, series_style


def textplot_structure(paragraphs: pd.DataFrame, source: str, lang: str = "both", glosses=None) -> Figure:
    """Left: body paragraphs per section.  Right: each paragraph's length in characters (dots) and the median (bar).

    Sections are named as every chart and sentence names them (:func:`unzh.text.structure.group_labels`:
    "第二章权利 / Chapter 2 · Rights", with English where ``glosses`` — default the shipped glossary —
    has the heading); the panels' titles say what the document calls them (chapters, sections).
    With several documents, each section is labelled with its document id.
    """
    body = paragraphs[paragraphs["kind"].isin(BODY_KINDS)]
    multi = body["doc_id"].nunique() > 1
    keys = list(dict.fromkeys(zip(body["doc_id"], body["section"])))
    glosses = term_glosses() if glosses is None else glosses
    labels = {doc: group_labels(g, "section", lang, glosses=glosses)
              for doc, g in paragraphs.groupby("doc_id", sort=False, observed=True)}
    noun = group_noun(paragraphs, "section") if not multi else "section"
    names = [wrap_label(f"{doc}: {labels[doc][sec]}" if multi else labels[doc][sec], 30, 4) for doc, sec in keys]
    key_series = pd.Series(list(zip(body["doc_id"], body["section"])), index=body.index)
    counts = [int((key_series == k).sum()) for k in keys]
    lines = sum(n.count("\n") + 1 for n in names)
    fig, (a1, a2) = new_figure(1, 2, height=max(3.2, 0.2 * lines + 0.12 * len(keys) + 1.2), sharey=True)
    fig.get_layout_engine().set(wspace=0.12)  # a clear gap: the left panel's counts never touch the right panel
    y = np.arange(len(keys))
    a1.barh(y, counts, **series_style(1))
    for yi, n in zip(y, counts):
        a1.text(n, yi, f" {n}", va="center", ha="left", fontsize=8)
    a1.set_yticks(y, names)
    a1.invert_yaxis()
    a1.set_xlim(0, max(counts, default=1) * 1.1)
    a1.set_xlabel("body paragraphs")
    a1.set_title(f"Body paragraphs per {noun}")
    for yi, k in zip(y, keys):
        lengths = body.loc[key_series == k, "n_chars"].to_numpy()
        jitter = (np.arange(len(lengths)) % 5 - 2) * 0.06
        a2.plot(lengths, yi + jitter, linestyle="none", marker="o", markersize=3, color=PALETTE[0])
        a2.plot([np.median(lengths)] * 2, [yi - 0.3, yi + 0.3], color=PALETTE[1], linewidth=2)
    a2.set_xlabel("characters per paragraph\n(bar: median)")
    a2.set_title("Paragraph length")
    a2.tick_params(axis="y", left=False)  # the rows are named on the left panel: no tick a count could be read as
    add_source_line(fig, source)
    make_room_for_texts(fig, [a1], pad_pt=12)  # the counts end well inside their own panel
    return describe(fig, f"Body paragraphs per {noun} and their length in characters")


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
            # fragments are plain jieba's: the package's own tokens (移徙 of 国际移徙 too) are words
            style = series_style(2 if ax is a1 and w in highlight else 0)
            ax.barh(yi, n, **style)
            ax.annotate(str(n), (n, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
        ax.set_yticks(y, [names[w] for w in c[wcol]], fontsize=8 if lines == 1 else 7)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("occurrences (stopwords removed)")
    most = max([*shown["plain_count"].dropna(), *shown["unzh_count"].dropna(), 1])
    for ax in (a1, a2):  # one scale: bars compare across the panels
        ax.set_xlim(0, most * 1.12)
    hatched = [w for w in shown["plain_word"].dropna() if w in highlight]
    if hatched:  # the key only where a bar is hatched
        fig.legend(handles=[legend_patch(2, "fragment of a split UN term")], loc="outside upper center", fontsize=7,
                   frameon=False)
    add_source_line(fig, source)
    make_room_for_texts(fig, [a1, a2])
    return describe(fig, f"The {len(shown)} most frequent words as plain jieba and as unzh with its UN-terminology "
                         "dictionary cut the text, on one scale" + (", with the fragments of split UN terms hatched"
                                                                    if hatched else ""))

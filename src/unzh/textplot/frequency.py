"""Figures for term frequencies and keyness (notebook 02).  Each returns a Figure; nothing is written.

Conventions shared by the functions here:

* ``lang`` ("zh", "en" or "both") chooses the labels.  A term is shown with an
  English gloss only where the lexicons give one (:func:`term_glosses`);
  otherwise the Chinese term is shown alone — the code invents no translation.
  Word clouds always draw the Chinese words (their panel titles follow ``lang``).
* Groups (debates, sections, documents) are laid out on a grid sized to their
  number (:func:`grid_shape`: 2×2 for four debates); panels share their x axis
  (or, for word clouds, one size and colour scale), so panels compare directly.
* ``source`` is the source line (:func:`unzh.textplot.style.source_line_for`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unzh.text.structure import group_name
from unzh.textplot.fonts import EXPECTED_FAMILY, missing_glyphs
from unzh.textplot.style import (
    COLUMN_WIDTH,
    NoFigure,
    add_source_line,
    label,
    new_figure,
    series_style,
    wordcloud_figure,
)
from unzh.textstat.keyness import G2_CRITICAL_05, key_terms


# ---------------------------------------------------------------- labels
def term_glosses(themes: pd.DataFrame | None = None, stakeholders: pd.DataFrame | None = None) -> dict[str, str]:
    """English glosses for the terms that are lexicon entries: ``{"汇款": "Remittances", …}``.

    A term gets the ``label_en`` of a stakeholder or theme entry when it *is*
    that entry: it equals the entry's ``label_zh`` (人权 → Human rights), or it
    is the entry's only alias/term (原籍国 → Countries of origin).  Terms that
    are merely listed among several under a broader theme (合作 under
    "Partnership, cooperation, …") get no gloss.  Stakeholders take precedence
    over themes; label matches over single-term matches.  Defaults: the
    project's ``stakeholders.tsv`` and ``themes.tsv``.
    """
    from unzh.lexicon.files import load_stakeholders, load_themes

    stakeholders = load_stakeholders() if stakeholders is None else stakeholders
    themes = load_themes() if themes is None else themes
    out: dict[str, str] = {}
    tables = ((stakeholders, "aliases"), (themes, "terms"))
    for df, _ in tables:  # label matches first
        for zh, en in zip(df["label_zh"], df["label_en"]):
            out.setdefault(str(zh), str(en))
    for df, col in tables:  # then sole terms
        for terms, en in zip(df[col], df["label_en"]):
            terms = (terms,) if isinstance(terms, str) else tuple(terms)
            if len(terms) == 1:
                out.setdefault(terms[0], str(en))
    return out


def term_label(term: str, glosses: Mapping[str, str] | None, lang: str) -> str:
    """``label(term, gloss, lang)``: the Chinese term alone when there is no gloss."""
    return label(term, (glosses or {}).get(term), lang)


_GROUP_NOUNS = {"debate": ("专题辩论", "debate"), "section": ("部分", "section"), "doc_id": ("文件", "document")}


def group_title(by: str, value, lang: str) -> str:
    """A panel title for a group in ``lang`` ("Debate 2", "专题辩论 2", or "专题辩论 2 (Debate 2)")."""
    zh, en = group_name(by, value, "zh"), group_name(by, value, "en")
    return en if zh == en else label(zh, en, lang)


def grid_shape(n: int) -> tuple[int, int]:
    """(rows, columns) for ``n`` panels: one column for 1, two up to 4 (2×2 for four), three beyond."""
    if n < 1:
        raise ValueError("need at least one panel")
    ncols = 1 if n == 1 else 2 if n <= 4 else 3
    return math.ceil(n / ncols), ncols


def _grid(n: int, panel_height: float, **kw):
    nrows, ncols = grid_shape(n)
    fig, axes = new_figure(nrows, ncols, height=nrows * panel_height + 0.5, squeeze=False, **kw)
    flat = list(axes.ravel())
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def _label_bottom(axes: list, text: str) -> None:
    """Put the x label on every panel that has no panel below it (the grid's bottom edge)."""
    ncols = grid_shape(len(axes))[1]
    for i, ax in enumerate(axes):
        if i + ncols >= len(axes):
            ax.set_xlabel(text)


def _groups(df: pd.DataFrame, by: str) -> list:
    return list(df[by].drop_duplicates())


# ---------------------------------------------------------------- top terms
#: one series: mid grey, no hatch
_SINGLE = series_style(1) | {"hatch": ""}


def textplot_top_terms(freq: pd.DataFrame, top: int = 20, *, lang: str = "both",
                       glosses: Mapping[str, str] | None = None, source: str | None = None,
                       title: str | None = None) -> Figure:
    """Horizontal bars of the ``top`` most frequent terms of an overall :func:`unzh.textstat.frequency.term_frequency` table.

    Bar = occurrences; the label at the bar's end gives the occurrences and,
    in brackets, the paragraphs containing the term.
    """
    d = freq.sort_values("rank").head(top)
    fig, ax = new_figure(height=0.19 * len(d) + 1.1)
    y = np.arange(len(d))
    ax.barh(y, d["count"], **_SINGLE)
    for yi, (n, p) in enumerate(zip(d["count"], d["doc_freq"])):
        ax.text(n, yi, f" {n} ({p})", va="center", fontsize=7)
    ax.set_yticks(y, [term_label(t, glosses, lang) for t in d["term"]])
    ax.invert_yaxis()
    ax.set_xlim(0, d["count"].max() * 1.15 if len(d) else 1)
    ax.set_xlabel("occurrences, stopwords removed (in brackets: paragraphs containing the term)")
    ax.set_title(title or label(f"正文段落前{len(d)}个高频词", f"Top {len(d)} terms, body paragraphs", lang))
    if source:
        add_source_line(fig, source)
    return fig


def textplot_top_terms_by_group(freq: pd.DataFrame, by: str, top: int = 10, *, lang: str = "both",
                                glosses: Mapping[str, str] | None = None, source: str | None = None) -> Figure:
    """Small multiples: the ``top`` terms of each group by rate per 1,000 tokens, all panels on one x axis.

    ``freq`` is a :func:`unzh.textstat.frequency.term_frequency` table grouped by ``by``.
    Rates (not counts) so that groups of different lengths compare.
    """
    groups = _groups(freq, by)
    fig, axes = _grid(len(groups), panel_height=0.17 * top + 0.7, sharex=True)
    xmax = freq[freq["rank"] <= top]["rate_per_1000"].max()
    for ax, g in zip(axes, groups):
        d = freq[(freq[by] == g) & (freq["rank"] <= top)]
        y = np.arange(len(d))
        ax.barh(y, d["rate_per_1000"], **_SINGLE)
        for yi, (r, n) in enumerate(zip(d["rate_per_1000"], d["count"])):
            ax.text(r, yi, f" {n}", va="center", fontsize=6.5)
        ax.set_yticks(y, [term_label(t, glosses, lang) for t in d["term"]])
        ax.set_ylim(top - 0.5, -0.5)
        ax.set_title(group_title(by, g, lang))
        ax.tick_params(axis="x", labelbottom=True)
    axes[0].set_xlim(0, xmax * 1.18)
    _label_bottom(axes, "per 1,000 tokens")
    zh, en = _GROUP_NOUNS.get(by, (by, by))
    fig.suptitle(label(f"各{zh}前{top}个高频词", f"Top {top} terms per {en}", lang) +
                 "\nrate per 1,000 tokens (stopwords removed), one axis for all panels; number: occurrences",
                 fontsize=8)
    if source:
        add_source_line(fig, source)
    return fig


# ---------------------------------------------------------------- keyness
def textplot_keyness(keyness: pd.DataFrame, by: str, top: int = 6, *, lang: str = "both",
                     glosses: Mapping[str, str] | None = None, source: str | None = None) -> Figure:
    """Diverging bars per group: signed G² of its ``top`` key and ``top`` most under-used eligible terms.

    Right (dark bars): key in the group; left (light, hatched): under-used.
    Dashed lines mark |G²| = 3.84 (p = 0.05); the number at each bar's end is
    the log-ratio.  Panels share the x axis.  Only terms that pass the
    minimum-paragraph guard (``eligible``) are drawn.
    """
    sel = key_terms(keyness, by, top=top, direction="both")
    groups = _groups(keyness, by)
    fig, axes = _grid(len(groups), panel_height=0.16 * 2 * top + 0.7, sharex=True)
    lim = max(float(sel["g2"].abs().max()) if len(sel) else 1.0, G2_CRITICAL_05) * 1.3
    pos_style = series_style(0)
    neg_style = series_style(2) | {"hatch": "///"}
    for ax, g in zip(axes, groups):
        d = sel[sel[by] == g]
        y = np.arange(len(d))
        for yi, (v, lr) in enumerate(zip(d["g2"], d["log_ratio"])):
            ax.barh(yi, v, **(pos_style if v > 0 else neg_style))
            ax.text(v, yi, f" {lr:+.1f} ", va="center",
                    ha="left" if v > 0 else "right", fontsize=6.5)
        for x in (-G2_CRITICAL_05, G2_CRITICAL_05):
            ax.axvline(x, color="0.4", linestyle="--", linewidth=0.6)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_yticks(y, [term_label(t, glosses, lang) for t in d["term"]])
        ax.set_ylim(max(len(d), 1) - 0.5, -0.5)
        ax.set_title(group_title(by, g, lang))
        ax.tick_params(axis="x", labelbottom=True)
    axes[0].set_xlim(-lim, lim)
    _label_bottom(axes, "signed G²")
    zh, en = _GROUP_NOUNS.get(by, (by, by))
    mp = keyness.attrs.get("min_paragraphs")
    guard = f" (terms in at least {mp} paragraphs)" if mp else ""
    fig.suptitle(label(f"各{zh}的关键词", f"Keyness of each {en} against the other {en}s", lang) + guard +
                 "\nsigned log-likelihood G²: dark bars = key (more frequent), light hatched = under-used; "
                 "dashed: p = 0.05; number: log-ratio", fontsize=8)
    if source:
        add_source_line(fig, source)
    return fig


# ---------------------------------------------------------------- word clouds
def wordcloud_frequencies(freq: pd.DataFrame, by: str, max_words: int = 50, min_count: int = 2,
                          value: str = "rate_per_1000") -> pd.DataFrame:
    """The words each word-cloud panel draws: the ``max_words`` top terms of each group occurring at least ``min_count`` times.

    Returns ``[by], term, count, rate_per_1000, rank`` (the table behind
    :func:`textplot_wordclouds`).  The scale shared by all panels is the
    largest ``value`` in this table.  ``min_count=2`` leaves out words that
    occur once: on one shared scale they would be too small to read.
    Words with a character the word-cloud font (Noto Sans CJK SC alone: wordcloud takes one
    font file) cannot draw, e.g. Arabic-script words, are left out, and named in
    ``attrs["left_out"]`` (sorted), so that the figure can say so.
    """
    d = freq[(freq["rank"] <= max_words) & (freq["count"] >= min_count)]
    drawable = d["term"].map(lambda t: not missing_glyphs(str(t), fallback=False)).astype(bool)
    out = d.loc[drawable, [by, "term", "count", "rate_per_1000", "rank"]].reset_index(drop=True)
    out.attrs["left_out"] = sorted(set(d.loc[~drawable, "term"].astype(str)))
    return out


def textplot_wordclouds(freq: pd.DataFrame, by: str, max_words: int = 50, min_count: int = 2, *, lang: str = "both",
                        source: str | None = None, value: str = "rate_per_1000",
                        random_state: int = 0) -> Figure | NoFigure:
    """One word cloud per group on a grid, all on one scale: word size ∝ ``value`` / the largest value in any panel.

    ``freq`` is a grouped :func:`unzh.textstat.frequency.term_frequency` table (stopwords
    already removed).  Every panel uses the same ``scale_max``, maximum font
    size, grey colour scale (darker = larger) and ``random_state``, so a word
    drawn twice as large is (approximately, see
    :func:`unzh.textplot.style.make_wordcloud`) twice as frequent, in any panel.
    """
    words = wordcloud_frequencies(freq, by, max_words, min_count, value)
    if words.empty:
        return NoFigure(f"no word occurs at least {min_count} times in any {by}, so there is no word cloud")
    groups = _groups(words, by)
    ncols = grid_shape(len(groups))[1]
    width_px = int(COLUMN_WIDTH / ncols * 300)
    height_px = int(width_px * 0.62)
    panel_h = COLUMN_WIDTH / ncols * 0.62 + 0.3
    fig, axes = _grid(len(groups), panel_height=panel_h)
    scale_max = float(words[value].max())
    for ax, g in zip(axes, groups):
        d = words[words[by] == g]
        wordcloud_figure(dict(zip(d["term"], d[value])), ax=ax, title=group_title(by, g, lang),
                         scale_max=scale_max, max_font_size=height_px // 3, width=width_px,
                         height=height_px, max_words=max_words, random_state=random_state)
    what = "rate per 1,000 tokens" if value == "rate_per_1000" else value
    fig.suptitle(label("词云", "Word clouds", lang) + f"\nword size ∝ {what}, one scale for all panels; "
                 f"words occurring at least {min_count}×"
                 + (f"; {len(words.attrs['left_out'])} word(s) not drawn: no glyph in {EXPECTED_FAMILY}"
                    if words.attrs["left_out"] else ""), fontsize=8)
    if source:
        add_source_line(fig, source)
    return fig


__all__ = [
    "grid_shape", "group_title", "term_glosses", "term_label", "textplot_keyness",
    "textplot_top_terms", "textplot_top_terms_by_group", "textplot_wordclouds", "wordcloud_frequencies",
]

"""Figures for term frequencies and keyness (notebook 02).  Each returns a Figure; nothing is written.

Conventions shared by the functions here:

* ``lang`` ("zh", "en" or "both") chooses the labels.  A term is shown with an
  English gloss where the glossary (``data/lexicons/glossary.tsv``) or the
  lexicons give one (:func:`term_glosses`); otherwise the Chinese term is shown
  alone — the code invents no translation (:func:`untranslated` lists those).
  Word clouds draw English words with ``lang="en"``, Chinese ones otherwise.
* ``titles`` (``{group: label}``, :func:`unzh.text.structure.group_labels`) gives
  the panels the document's own headings ("Debate 2 · Effects of international migration on…").
* Groups (debates, sections, documents) are laid out on a grid sized to their
  number (:func:`grid_shape`: 2×2 for four debates); panels share their x axis
  (or, for word clouds, one size and colour scale), so panels compare directly.
* ``source`` is the source line (:func:`unzh.textplot.style.source_line_for`).
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from unzh.text.structure import GROUP_NOUNS, group_name
from unzh.textplot.fonts import EXPECTED_FAMILY, missing_glyphs
from unzh.textplot.layout import break_allowed, label_inches, make_room_for_texts, text_width
from unzh.textplot.style import (
    COLUMN_WIDTH,
    NoFigure,
    add_source_line,
    describe,
    label,
    new_figure,
    series_style,
    wordcloud_figure,
)
from unzh.textstat.keyness import FDR, G2_CRITICAL_05, key_terms


# ---------------------------------------------------------------- labels
def term_glosses(themes: pd.DataFrame | None = None, stakeholders: pd.DataFrame | None = None,
                 glossary: pd.DataFrame | Mapping[str, str] | None = None) -> dict[str, str]:
    """English glosses by term: ``{"汇款": "remittances", …}``, from the glossary first, then the lexicons.

    ``glossary`` is a :func:`unzh.lexicon.files.load_glossary` table or a
    ``{term: English}`` mapping (default: the shipped ``glossary.tsv``); its
    entries win.  A term the glossary lacks gets the ``label_en`` of a
    stakeholder or theme entry when it *is* that entry: it equals the entry's
    ``label_zh`` (人权 → Human rights), or it is the entry's only alias/term
    (原籍国 → Countries of origin).  Terms that are merely listed among several
    under a broader theme (合作 under "Partnership, cooperation, …") get no
    gloss from the lexicons.  Stakeholders take precedence over themes; label
    matches over single-term matches.  Defaults: the project's
    ``stakeholders.tsv`` and ``themes.tsv``.
    """
    from unzh.lexicon.files import glossary_dict, load_stakeholders, load_themes

    stakeholders = load_stakeholders() if stakeholders is None else stakeholders
    themes = load_themes() if themes is None else themes
    if glossary is None or isinstance(glossary, pd.DataFrame):
        out: dict[str, str] = glossary_dict(glossary)
    else:
        out = {str(k): str(v) for k, v in glossary.items()}
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


def untranslated(terms, glosses: Mapping[str, str] | None) -> list[str]:
    """The distinct ``terms`` (in order of first appearance) that ``glosses`` has no English for."""
    glosses = glosses or {}
    return [t for t in dict.fromkeys(str(t) for t in terms) if not str(glosses.get(t) or "").strip()]


def with_glosses(table: pd.DataFrame, glosses: Mapping[str, str] | None, column: str = "term") -> pd.DataFrame:
    """A copy of ``table`` with an ``en`` column right after ``column``: the gloss of each term, or "" where there is none."""
    glosses = glosses or {}
    out = table.copy()
    en = [str(glosses.get(t) or "") for t in out[column].astype(str)]
    if "en" in out.columns:
        out = out.drop(columns="en")
    out.insert(list(out.columns).index(column) + 1, "en", en)
    out.attrs = dict(table.attrs)
    return out


def term_label(term: str, glosses: Mapping[str, str] | None, lang: str) -> str:
    """``label(term, gloss, lang)``: the Chinese term alone when there is no gloss."""
    return label(term, (glosses or {}).get(term), lang)


def group_nouns(by: str | None, titles: Mapping | None = None) -> tuple[str, str]:
    """(English, Chinese) name of the groups, singular: what ``titles`` (:func:`unzh.text.structure.group_labels`)
    says the document calls them ("chapter", 章), else the grouping's generic noun ("section", 部分)."""
    if titles is not None and getattr(titles, "noun", None):
        return titles.noun, titles.noun_zh
    return GROUP_NOUNS.get(by, (by, by)) if by else ("text", "全文")


def group_title(by: str, value, lang: str, titles: Mapping | None = None) -> str:
    """A panel title for a group in ``lang``: ``titles[value]`` when given (the document's own headings,
    :func:`unzh.text.structure.group_labels`: "Debate 2 · Effects of international migration on…"),
    else its number ("Debate 2", "专题辩论 2", or "专题辩论 2 (Debate 2)")."""
    if titles is not None and value in titles:
        return str(titles[value])
    zh, en = group_name(by, value, "zh"), group_name(by, value, "en")
    return en if zh == en else label(zh, en, lang)


def _title_size(titles: Mapping | None) -> float:
    """Panel titles: 10 pt for short names ("Debate 1"), 8 pt for a name with a title or a long heading."""
    long = titles and any(" · " in str(t) or "\n" in str(t) or _text_width(str(t)) > 14 for t in titles.values())
    return 8 if long else 10


def _text_width(text: str) -> int:
    """Display width in Latin-letter units (a CJK character counts two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _chunks(line: str) -> list[str]:
    """A line cut where it may break: after a space, and between two CJK characters — never before
    closing punctuation nor after opening punctuation (:func:`unzh.textplot.layout.break_allowed`:
    "一、" and "（a" stay together)."""
    out, word = [], ""
    for ch in line:
        if ord(ch) > 0x2E80 and ch not in "…·":
            if word:
                out.append(word)
            out.append(ch)
            word = ""
        else:
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    glued: list[str] = []
    for chunk in out:
        if glued and not break_allowed(glued[-1], chunk):
            glued[-1] += chunk
        else:
            glued.append(chunk)
    return glued


def fit_label(text: str, width_in: float, fontsize: float = 8) -> str:
    """``text`` with every line wider than ``width_in`` inches (at ``fontsize``: half an em per Latin
    letter, a full em per CJK character) broken after " · " first, then at spaces or between CJK
    characters.  Never cuts a word; a single word wider than the room stays whole."""
    room = max(1, int(width_in * 72 / (0.5 * fontsize)))
    lines = []
    for line in str(text).split("\n"):
        parts = [line] if _text_width(line) <= room else line.replace(" · ", " ·\n").split("\n")
        for part in parts:
            current = ""
            for chunk in _chunks(part):
                if current and _text_width((current + chunk).rstrip()) > room:
                    lines.append(current.rstrip())
                    current = chunk.lstrip()
                else:
                    current += chunk
            lines.append(current.rstrip())
    return "\n".join(lines)


def fit_title(text: str, ncols: int, fontsize: float = 8) -> str:
    """A panel title fitted to a panel of a grid with ``ncols`` columns (:func:`fit_label`), a
    little narrower than the column so that neighbouring titles keep a gap."""
    return fit_label(text, COLUMN_WIDTH / ncols - 0.2, fontsize)


def _set_panel_title(ax, by: str, g, lang: str, titles: Mapping | None, ncols: int) -> None:
    """The panel's title, fitted to its column of the grid (:func:`fit_title`); a title wider than
    the bars is set flush right, so that it spans the tick labels' room rather than the
    neighbouring panel or the canvas' edge."""
    size = _title_size(titles)
    text = fit_title(group_title(by, g, lang, titles), ncols, size)
    wide = max(_text_width(line) for line in text.split("\n")) * 0.5 * size / 72 > _BARS_MIN_WIDTH
    ax.set_title(text, fontsize=size, loc="right" if wide else "center")


def grid_shape(n: int) -> tuple[int, int]:
    """(rows, columns) for ``n`` panels: one column for 1, two up to 4 (2×2 for four), three beyond."""
    if n < 1:
        raise ValueError("need at least one panel")
    ncols = 1 if n == 1 else 2 if n <= 4 else 3
    return math.ceil(n / ncols), ncols


#: the least width a panel's bars and numbers need beside its tick labels (inches)
_BARS_MIN_WIDTH = 1.4


def _grid(n: int, panel_height: float, labels=(), **kw):
    """``n`` panels on a grid; fewer columns where the longest of ``labels`` (the y tick labels)
    would leave a panel less than :data:`_BARS_MIN_WIDTH` for its bars."""
    nrows, ncols = grid_shape(n)
    if len(labels):
        size = float(mpl.rcParams["ytick.labelsize"]) if not isinstance(mpl.rcParams["ytick.labelsize"], str) else 8.0
        label_in = max(text_width(line) for lab in labels for line in str(lab).split("\n")) * size * 0.55 / 72
        fit = max(1, int(COLUMN_WIDTH // (label_in + _BARS_MIN_WIDTH)))
        if fit < ncols:
            ncols, nrows = fit, math.ceil(n / fit)
    fig, axes = new_figure(nrows, ncols, height=nrows * panel_height + 0.5, squeeze=False, **kw)
    flat = list(axes.ravel())
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def _label_bottom(axes: list, text: str) -> None:
    """Put the x label on every panel that has no panel below it (the grid's bottom edge)."""
    ncols = axes[0].get_subplotspec().get_gridspec().ncols if axes else 1
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
    names = [term_label(t, glosses, lang) for t in d["term"]]
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, d["count"].max() * 1.15 if len(d) else 1)
    # the axis title fits under the bars: the room beside the widest term label
    room = COLUMN_WIDTH - label_inches(names, float(mpl.rcParams["ytick.labelsize"])) - 0.5
    ax.set_xlabel(fit_label("occurrences, stopwords removed (in brackets: paragraphs containing the term)",
                            room, float(mpl.rcParams["axes.labelsize"])))
    ax.set_title(title or label(f"正文段落前{len(d)}个高频词", f"Top {len(d)} terms, body paragraphs", lang))
    if source:
        add_source_line(fig, source)
    make_room_for_texts(fig, [ax])
    return describe(fig, f"The {len(d)} most frequent terms of the body paragraphs, stopwords removed, with their "
                         "occurrences and the paragraphs containing them")


def textplot_top_terms_by_group(freq: pd.DataFrame, by: str, top: int = 10, *, lang: str = "both",
                                glosses: Mapping[str, str] | None = None, source: str | None = None,
                                titles: Mapping | None = None) -> Figure:
    """Small multiples: the ``top`` terms of each group by rate per 1,000 tokens, all panels on one x axis.

    ``freq`` is a :func:`unzh.textstat.frequency.term_frequency` table grouped by ``by``.
    Rates (not counts) so that groups of different lengths compare.
    """
    groups = _groups(freq, by)
    shown = freq[freq["rank"] <= top]
    fig, axes = _grid(len(groups), panel_height=0.17 * top + 0.7, sharex=True,
                      labels=[term_label(t, glosses, lang) for t in shown["term"].drop_duplicates()])
    xmax = freq[freq["rank"] <= top]["rate_per_1000"].max()
    for ax, g in zip(axes, groups):
        d = freq[(freq[by] == g) & (freq["rank"] <= top)]
        y = np.arange(len(d))
        ax.barh(y, d["rate_per_1000"], **_SINGLE)
        for yi, (r, n) in enumerate(zip(d["rate_per_1000"], d["count"])):
            ax.text(r, yi, f" {n}", va="center", fontsize=6.5)
        ax.set_yticks(y, [term_label(t, glosses, lang) for t in d["term"]])
        ax.set_ylim(top - 0.5, -0.5)
        _set_panel_title(ax, by, g, lang, titles, grid_shape(len(groups))[1])
        ax.tick_params(axis="x", labelbottom=True)
    axes[0].set_xlim(0, xmax * 1.18)
    _label_bottom(axes, "per 1,000 tokens")
    en, zh = group_nouns(by, titles)
    fig.suptitle(label(f"各{zh}前{top}个高频词", f"Top {top} terms per {en}", lang) +
                 "\nrate per 1,000 tokens (stopwords removed), one axis for all panels; number: occurrences",
                 fontsize=8)
    if source:
        add_source_line(fig, source)
    make_room_for_texts(fig, axes)
    return describe(fig, f"The {top} most frequent terms of each {en} by rate per 1,000 tokens, all {en}s on one axis")


# ---------------------------------------------------------------- keyness
def textplot_keyness(keyness: pd.DataFrame, by: str, top: int = 6, *, lang: str = "both",
                     glosses: Mapping[str, str] | None = None, source: str | None = None,
                     titles: Mapping | None = None) -> Figure | NoFigure:
    """Diverging bars per group: signed G² of its ``top`` key and ``top`` most under-used eligible terms.

    One statistic per bar: its length and the number at its end are the signed G².  Right (dark):
    key in the group; left (light, hatched): under-used.  A filled bar is significant after the
    Benjamini–Hochberg correction within the group (``q_value`` ≤ :data:`FDR`); an open bar (white,
    outlined) is not.  Panels share the x axis.  Only terms that pass the minimum-paragraph guard
    (``eligible``) are drawn; the log-ratio and the p- and q-values are in the table.
    """
    sel = key_terms(keyness, by, top=top, direction="both")
    groups = _groups(keyness, by)
    mp = keyness.attrs.get("min_paragraphs")
    unit = keyness.attrs.get("unit", "paragraph")
    if sel.empty:
        return NoFigure(f"no term occurs in at least {mp or 1} {unit}s of a {group_nouns(by, titles)[0]}, "
                        "so there is no term to compare")
    fig, axes = _grid(len(groups), panel_height=0.16 * 2 * top + 0.7, sharex=True,
                      labels=[term_label(t, glosses, lang) for t in sel["term"].drop_duplicates()])
    lim = max(float(sel["g2"].abs().max()) if len(sel) else 1.0, G2_CRITICAL_05) * 1.3
    pos_style = series_style(0)
    neg_style = series_style(2) | {"hatch": "///"}
    open_style = {"color": "white", "edgecolor": "black", "linewidth": 0.6}
    for ax, g in zip(axes, groups):
        d = sel[sel[by] == g]
        y = np.arange(len(d))
        for yi, (v, q) in enumerate(zip(d["g2"], d["q_value"])):
            filled = pos_style if v > 0 else neg_style
            ax.barh(yi, v, **(filled if q <= FDR else open_style))
            ax.text(v, yi, f" {v:+.1f} ", va="center", ha="left" if v > 0 else "right", fontsize=6.5)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_yticks(y, [term_label(t, glosses, lang) for t in d["term"]])
        ax.set_ylim(max(len(d), 1) - 0.5, -0.5)
        if d.empty:  # said in the panel, not left blank
            ax.text(0.5, 0.5, f"no term in at least {mp or 1} {unit}s", transform=ax.transAxes, ha="center",
                    va="center", fontsize=7, color="0.3", bbox={"facecolor": "white", "edgecolor": "none"})
        _set_panel_title(ax, by, g, lang, titles, grid_shape(len(groups))[1])
        ax.tick_params(axis="x", labelbottom=True)
    axes[0].set_xlim(-lim, lim)
    _label_bottom(axes, "signed G²")
    en, zh = group_nouns(by, titles)
    guard = f" (terms in at least {mp} {unit}s)" if mp else ""
    fig.suptitle(label(f"各{zh}的关键词", f"Keyness of each {en} against the other {en}s", lang) + guard +
                 "\nbar and number: signed log-likelihood G² (right: key, left: under-used)"
                 f"\nfilled: significant after Benjamini–Hochberg (q ≤ {FDR:g}); open: not significant", fontsize=8)
    if source:
        add_source_line(fig, source)
    make_room_for_texts(fig, axes, symmetric=True)
    return describe(fig, f"Key and under-used terms of each {en} against the other {en}s by signed G², filled where "
                         "significant after the Benjamini–Hochberg correction")


# ---------------------------------------------------------------- word clouds
def cloud_words(terms, values, glosses: Mapping[str, str] | None = None) -> dict[str, float]:
    """``{word: value}`` for a word cloud: each term, or its English gloss when ``glosses`` has one.

    Two terms with the same gloss (利益相关者 and 利益有关者, "stakeholders") become one
    word whose value is their sum; a term without a gloss stays Chinese.
    """
    out: dict[str, float] = {}
    for term, v in zip(terms, values):
        word = str((glosses or {}).get(term) or term).strip() or str(term)
        out[word] = out.get(word, 0.0) + float(v)
    return out


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
    drawn = set(out[by].tolist())
    out.attrs["without_words"] = [g for g in _groups(freq, by) if g not in drawn]  # no panel: said, not hidden
    return out


def describe_wordclouds(words: pd.DataFrame, by: str, names: Mapping | None = None, min_count: int = 2) -> str:
    """One sentence on the words a word-cloud figure draws (:func:`wordcloud_frequencies`): the largest
    word and where (all of them where several are as large), and how many words each panel draws —
    "Largest word: 移徙工人 in Chapter 2 (272.7 per 1,000 tokens); words drawn per panel: Chapter 1 3,
    Chapter 2 1." — or that no word occurs
    ``min_count`` times, so there is no cloud.  Groups named by ``names`` where given."""

    if words.empty:
        return f"No word occurs at least {min_count} times in any group: no word cloud."
    ranked = words.sort_values(["rate_per_1000", "term"], ascending=[False, True])
    biggest = ranked.iloc[0]
    tied = ranked[ranked["rate_per_1000"] == biggest["rate_per_1000"]]
    per_panel = words.groupby(by, sort=False, observed=True).size()
    without = words.attrs.get("without_words") or []
    if len(tied) > 1:  # words drawn equally large: all named (up to five)
        places = [f"{r['term']} in {group_name(by, r[by], names=names)}" for _, r in tied.head(5).iterrows()]
        more = f" and {len(tied) - 5} more" if len(tied) > 5 else ""
        largest = f"Largest words, tied at {biggest['rate_per_1000']:.1f} per 1,000 tokens: {', '.join(places)}{more}"
    else:
        largest = (f"Largest word: {biggest['term']} in {group_name(by, biggest[by], names=names)} "
                   f"({biggest['rate_per_1000']:.1f} per 1,000 tokens)")
    return (largest + "; words drawn per panel: "
            + ", ".join(f"{group_name(by, g, names=names)} {int(n)}" for g, n in per_panel.items())
            + (f"; no panel for {', '.join(group_name(by, g, names=names) for g in without)}: no word occurs "
               f"there at least {min_count} times" if without else "") + ".")


def textplot_wordclouds(freq: pd.DataFrame, by: str, max_words: int = 50, min_count: int = 2, *, lang: str = "both",
                        source: str | None = None, value: str = "rate_per_1000",
                        random_state: int = 0, glosses: Mapping[str, str] | None = None,
                        titles: Mapping | None = None) -> Figure | NoFigure:
    """One word cloud per group on a grid, all on one scale: word size ∝ ``value`` / the largest value in any panel.

    ``freq`` is a grouped :func:`unzh.textstat.frequency.term_frequency` table (stopwords
    already removed).  Every panel uses the same ``scale_max``, maximum font
    size, grey colour scale (darker = larger) and ``random_state``, so a word
    drawn twice as large is (approximately, see
    :func:`unzh.textplot.style.make_wordcloud`) twice as frequent, in any panel.

    Words: with ``lang="en"`` each term is drawn as its English gloss (``glosses``;
    a term without one stays Chinese, and ``fig.untranslated`` lists those);
    with "zh" or "both" the Chinese terms are drawn.  Terms that share a gloss
    are drawn once, with their values added.  ``titles`` as in :func:`group_title`.
    """
    words = wordcloud_frequencies(freq, by, max_words, min_count, value)
    if words.empty:
        return NoFigure(f"no word occurs at least {min_count} times in any {group_nouns(by, titles)[0]}, so there is no word cloud")
    groups = _groups(words, by)
    ncols = grid_shape(len(groups))[1]
    width_px = int(COLUMN_WIDTH / ncols * 300)
    height_px = int(width_px * 0.62)
    panel_h = COLUMN_WIDTH / ncols * 0.62 + 0.3
    fig, axes = _grid(len(groups), panel_height=panel_h)
    shown = {g: cloud_words(words.loc[words[by] == g, "term"], words.loc[words[by] == g, value],
                            glosses if lang == "en" else None) for g in groups}
    scale_max = max(max(c.values()) for c in shown.values())
    for ax, g in zip(axes, groups):
        wordcloud_figure(shown[g], ax=ax, title=fit_title(group_title(by, g, lang, titles), ncols, _title_size(titles)),
                         scale_max=scale_max, max_font_size=height_px // 3, width=width_px,
                         height=height_px, max_words=max_words, random_state=random_state)
    what = "rate per 1,000 tokens" if value == "rate_per_1000" else value
    missing = ", ".join(group_name(by, g, "en") for g in words.attrs.get("without_words") or [])
    fig.untranslated = untranslated(words["term"], glosses) if lang == "en" else []
    if titles:
        for ax in axes:
            ax.title.set_fontsize(_title_size(titles))
    fig.suptitle(label("词云", "Word clouds", lang) + f"\nword size ∝ {what}, one scale for all panels; "
                 f"words occurring at least {min_count}×"
                 + (f"; {len(words.attrs['left_out'])} word(s) not drawn: no glyph in {EXPECTED_FAMILY}"
                    if words.attrs["left_out"] else "")
                 + (f"\nnot drawn: {missing} (no word occurs {min_count}× there)" if missing else ""), fontsize=8)
    if source:
        add_source_line(fig, source)
    en = group_nouns(by, titles)[0]
    scope = f"each {en}" + (f" but {missing}, where no word occurs {min_count} times" if missing else "")
    return describe(fig, f"Word clouds of the terms of {scope}, word size proportional to the {what} on one "
                         "scale for all panels")


__all__ = [
    "fit_label", "fit_title", "grid_shape", "group_title", "term_glosses", "term_label", "textplot_keyness", "untranslated", "with_glosses",
    "textplot_top_terms", "textplot_top_terms_by_group", "cloud_words", "describe_wordclouds", "textplot_wordclouds", "wordcloud_frequencies",
]

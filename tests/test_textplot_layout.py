"""Every figure the notebooks draw, on the seed and on a many-group, long-label fixture: no two
texts overlap, no text leaves the canvas, no text is under 6 pt (unzh.textplot.layout)."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from helpers import SEED

from unzh.lexicon.files import load_reporting_verbs, load_stakeholders, load_themes
from unzh.segment.audit import compare_segmentations
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.corpus import read_corpus
from unzh.text.structure import body, default_grouping
from unzh.textplot import (
    source_line_for,
    term_glosses,
    textplot_before_after,
    textplot_cooccurrence_heatmaps,
    textplot_emphasis_intervals,
    textplot_keyness,
    textplot_rank_bump,
    textplot_rhetorical_profile,
    textplot_stakeholder_heatmap,
    textplot_structure,
    textplot_theme_coverage,
    textplot_theme_network,
    textplot_top_terms,
    textplot_top_terms_by_group,
    textplot_wordclouds,
)
from unzh.textplot.layout import layout_problems
from unzh.textstat import (
    code_stakeholders,
    code_themes,
    rhetorical_profile,
    stakeholder_ranks,
    term_frequency,
    textstat_cooccurrence,
    textstat_keyness,
    textstat_stakeholders,
    textstat_themes,
    theme_graph,
)

LONG = Path(__file__).parent / "fixtures" / "long_labels.txt"


def figures(paths, lang="both"):
    """(name, figure) for every chart of notebooks 01-04, built as the notebooks build them."""
    corpus = read_corpus(paths)
    paragraphs = corpus.paragraphs
    source = source_line_for(corpus.metadata)
    by = default_grouping(paragraphs)
    glosses = term_glosses()
    tokens = tokens_table(body(paragraphs), Segmenter())
    yield "01_structure", lambda: textplot_structure(paragraphs, source, lang=lang)
    yield "01_before_after", lambda: textplot_before_after(compare_segmentations(paragraphs), source)
    freq = term_frequency(tokens)
    yield "02_top_terms", lambda: textplot_top_terms(freq, top=20, lang=lang, glosses=glosses, source=source)
    freq_by = term_frequency(tokens, by=by)
    yield "02_top_by_group", lambda: textplot_top_terms_by_group(freq_by, by, top=10, lang=lang, glosses=glosses,
                                                                 source=source)
    yield "02_keyness", lambda: textplot_keyness(textstat_keyness(tokens, by, min_paragraphs=2), by, top=6,
                                                 lang=lang, glosses=glosses, source=source)
    yield "02_wordclouds", lambda: textplot_wordclouds(freq_by, by, max_words=50, min_count=2, lang=lang, source=source)
    coded = code_themes(paragraphs, load_themes(), unit="paragraph")
    grouped = coded[coded[by].notna()]
    yield "03_themes", lambda: textplot_theme_coverage(textstat_themes(grouped, by, lang=lang), grouped, by,
                                                       lang=lang, source=source)
    yield "03_cooccurrence", lambda: textplot_cooccurrence_heatmaps(grouped, by, lang=lang, source=source)
    pooled = textstat_cooccurrence(grouped, by, include_all=True, lang=lang)
    pooled = pooled[pooled["group"] == "all"]
    graph = theme_graph(pooled, textstat_themes(grouped, lang=lang), min_count=2, weight="jaccard",
                        labels_zh=coded.attrs["labels_zh"], labels_en=coded.attrs["labels_en"])
    yield "03_network", lambda: textplot_theme_network(graph, lang=lang, source=source, n_pairs=len(pooled))
    sh = code_stakeholders(paragraphs, load_stakeholders(), load_reporting_verbs())
    sg = sh[sh[by].notna()]
    stats = textstat_stakeholders(sg, by, n_boot=200, seed=1, lang=lang)
    yield "04_heatmap", lambda: textplot_stakeholder_heatmap(stats, by, lang=lang, source=source, coded=sg)
    yield "04_emphasis", lambda: textplot_emphasis_intervals(stats, by, lang=lang, source=source, coded=sg)
    yield "04_rank", lambda: textplot_rank_bump(stakeholder_ranks(stats, by, measure="emphasis", top=10), by,
                                                lang=lang, source=source, coded=sg)
    yield "04_profile", lambda: textplot_rhetorical_profile(rhetorical_profile(sg, by), by, lang=lang, source=source,
                                                            coded=sg)


CASES = [(doc, name, make) for doc, paths in (("seed", [SEED]), ("long_labels", [LONG]))
         for name, make in figures(paths)]


@pytest.mark.parametrize("doc, name, make", CASES, ids=[f"{d}-{n}" for d, n, _ in CASES])
def test_no_text_overlaps_or_leaves_the_canvas(doc, name, make):
    from unzh.textplot.style import NoFigure
    fig = make()
    if isinstance(fig, NoFigure):  # nothing to draw: nothing drawn, and one line says why
        assert fig.reason and "\n" not in fig.reason
        return
    try:
        problems = layout_problems(fig)
    finally:
        plt.close(fig)
    assert [str(p) for p in problems] == []


def test_the_check_finds_an_overlap_and_a_text_outside():
    fig = plt.figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "移徙者 migrants", fontsize=8)
    fig.text(0.12, 0.52, "原籍国 origin", fontsize=8)
    fig.text(0.9, 0.5, "a label running off the canvas", fontsize=8)
    fig.text(0.1, 0.1, "tiny", fontsize=4)
    kinds = sorted(p.kind for p in layout_problems(fig))
    plt.close(fig)
    assert kinds == ["outside", "overlap", "small"]


def test_wrap_label_counts_cjk_as_two_columns_and_marks_a_cut():
    from unzh.textplot.layout import text_width, wrap_label
    assert text_width("移徙者 (Migrants)") == 6 + 11
    # 16 CJK characters fill a 32-column line; the rest goes to a second line, cut with an ellipsis
    assert wrap_label("一、关于保护移徙者人权和基本自由以及打击贩运人口和偷运移民行为的国际合作", 32, 2) == (
        "一、关于保护移徙者人权和基本自由\n以及打击贩运人口和偷运移民行为…")
    assert wrap_label("第一章 范围和定义", 32, 2) == "第一章 范围和定义"            # fits: unchanged
    assert wrap_label("专题辩论 1\n(Debate 1)", 14, 3) == "专题辩论 1\n(Debate 1)"  # its own breaks kept
    # Latin text breaks at the last space of a full line (the space is not carried)
    assert wrap_label("a long english label that goes on, and on", 20, 3) == "a long english\nlabel that goes on,\nand on"
    assert wrap_label("a long english label that goes on, and on", 20, 2) == "a long english\nlabel that goes on,…"

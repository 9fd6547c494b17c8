"""Figures of notebook 03 on the hand-counted fixture (tests/test_textstat_themes.py): content, one shared scale, byte-identical builds.

Figures are saved only into tmp_path folders, never into figures/.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import AxesImage
from matplotlib.text import Text

from unzh.text.document import read_document
from unzh.textplot.style import save_figure
from unzh.textplot.themes import (
    circle_positions,
    network_caption,
    numbered_theme_labels,
    textplot_cooccurrence_heatmaps,
    textplot_theme_coverage,
    textplot_theme_network,
)
from unzh.textstat.cooccurrence import textstat_cooccurrence, textstat_themes, theme_graph
from unzh.textstat.themes import code_themes

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = "Source: themes_mini test fixture; unzh"


@pytest.fixture(scope="module")
def coded():
    c = code_themes(read_document(FIXTURES / "themes_mini.txt").paragraphs, FIXTURES / "themes_mini_lexicon.tsv")
    return c[c["debate"].notna()]


def texts(fig) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def graph(coded, min_count=1):
    return theme_graph(textstat_cooccurrence(coded), textstat_themes(coded), min_count=min_count,
                       labels_zh=coded.attrs["labels_zh"], labels_en=coded.attrs["labels_en"])


def test_numbered_labels(coded):
    assert numbered_theme_labels(coded, "both") == {
        "rights": "1 人权 (Human rights)", "labour": "2 劳工 (Labour)",
        "traffic": "3 贩运 (Trafficking)", "dev": "4 发展 (Development)"}
    assert numbered_theme_labels(coded, "en")["dev"] == "4 Development"


def test_coverage_heatmap(coded):
    fig = textplot_theme_coverage(textstat_themes(coded, "debate"), coded, "debate", lang="en", source=SOURCE)
    ax = fig.axes[0]
    img = ax.get_images()[0].get_array()
    assert img.shape == (4, 2)                       # themes x debates
    assert img[:, 0].tolist() == pytest.approx([1, 1 / 3, 2 / 3, 1 / 3])   # shares of debate 1
    cells = [t.get_text() for t in ax.texts]
    assert cells == ["3", "1", "1", "2", "2", "0", "1", "1"]              # counts, row by row
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1 Human rights", "2 Labour", "3 Trafficking",
                                                            "4 Development"]
    # the debate's title (人权) in English from the glossary, the head broken to the column's width
    assert "Debate 1 · human rights\n3 paragraphs" in [t.get_text() for t in ax.get_xticklabels()]
    assert SOURCE in texts(fig)


def test_cooccurrence_heatmaps_share_one_scale(coded):
    fig = textplot_cooccurrence_heatmaps(coded, "debate", lang="both", source=SOURCE)
    images = [im for ax in fig.axes for im in ax.get_images() if isinstance(im, AxesImage)]
    assert len(images) == 2                                             # one per debate
    assert len({(im.norm.vmin, im.norm.vmax) for im in images}) == 1  # one colour scale …
    assert len({id(im.cmap) for im in images}) == 1
    colorbars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert len(colorbars) == 1                                          # … and one colour bar
    # debate 1 lower triangle: rights-labour 1, rights-traffic 2, rights-dev 1, labour-dev 1 (upper triangle blank)
    d1 = images[0].get_array()
    assert np.ma.filled(d1, -1).tolist() == [[-1, -1, -1, -1], [1, -1, -1, -1], [2, 0, -1, -1], [1, 1, 0, -1]]
    all_text = texts(fig)
    assert "专题辩论 1 · 人权\nDebate 1 · human rights: 3 paragraphs" in all_text
    assert any("3 贩运 (Trafficking)" in t for t in all_text)        # the key


def test_network_caption_states_unit_measure_and_threshold(coded):
    g = graph(coded, min_count=2)
    caption = network_caption(g, n_pairs=6)
    assert caption.startswith("Unit: paragraph (5 paragraphs); edges: theme pairs coded together in at least 2 "
                              "paragraphs (3 of 6 pairs); edge width ∝ jaccard")
    fig = textplot_theme_network(g, lang="zh", source=SOURCE, n_pairs=6)
    joined = " ".join(texts(fig))
    assert "at least 2" in joined and "jaccard" in joined and "Unit: paragraph" in joined
    assert "人权\n[4]" in texts(fig)


def test_circle_layout_is_fixed():
    pos = circle_positions(["a", "b", "c", "d"])
    assert np.allclose([pos["a"], pos["b"], pos["c"], pos["d"]], [(0, 1), (1, 0), (0, -1), (-1, 0)])


@pytest.mark.parametrize("build", ["coverage", "heatmaps", "network"])
def test_figures_are_byte_identical_when_built_twice(coded, tmp_path, build):
    def make():
        if build == "coverage":
            return textplot_theme_coverage(textstat_themes(coded, "debate"), coded, "debate", source=SOURCE)
        if build == "heatmaps":
            return textplot_cooccurrence_heatmaps(coded, "debate", source=SOURCE)
        return textplot_theme_network(graph(coded), source=SOURCE)

    first = save_figure(make(), f"03_{build}", tmp_path / "one")
    second = save_figure(make(), f"03_{build}", tmp_path / "two")
    assert [p.name for p in first] == [f"03_{build}.{ext}" for ext in ("png", "svg", "pdf", "caption.txt")]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()

"""Figures of notebook 04 on the hand-counted fixture (tests/test_textstat_emphasis.py): content and byte-identical builds.

Figures are saved only into tmp_path folders, never into figures/.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.text import Text

from unzh.text.document import read_document
from unzh.textplot.stakeholders import (
    _height,
    textplot_emphasis_intervals,
    textplot_rank_bump,
    textplot_rhetorical_profile,
    textplot_stakeholder_heatmap,
)
from unzh.textplot.style import save_figure
from unzh.textstat.emphasis import rhetorical_profile, stakeholder_ranks, textstat_stakeholders
from unzh.textstat.stakeholders import code_stakeholders

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = "Source: stakeholders_mini test fixture; unzh"


@pytest.fixture(scope="module")
def coded():
    return code_stakeholders(read_document(FIXTURES / "stakeholders_mini.txt").paragraphs,
                             FIXTURES / "stakeholders_mini_actors.tsv", FIXTURES / "stakeholders_mini_verbs.tsv")


@pytest.fixture(scope="module")
def stats(coded):
    return textstat_stakeholders(coded, "debate", n_boot=200, seed=1, lang="both")


def texts(fig) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_heatmap(stats, coded):
    fig = textplot_stakeholder_heatmap(stats, "debate", lang="both", source=SOURCE, coded=coded)
    ax = fig.axes[0]
    grid = ax.get_images()[0].get_array()
    # rows: heading "states", states, governments, destination, heading "people", migrants, migrant_workers, workers
    assert grid.shape == (8, 2)
    assert np.ma.getmaskarray(grid)[[0, 4]].all()                            # group headings: blank rows
    assert grid[5].tolist() == pytest.approx([4000 / 65, 1000 / 31])          # migrants: mentions per 1,000 chars
    assert grid[1].tolist() == pytest.approx([0, 1000 / 31])                  # states: not named in debate 1
    assert [t.get_text() for t in ax.texts] == ["1", "1", "1", "2", "1", "4", "1", "1", "1", "1", "1"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "国家 (states)" and labels[5] == "移徙者 (Migrants)"
    assert "65 characters" in ax.get_xticklabels()[0].get_text()
    assert SOURCE in texts(fig)
    english = textplot_stakeholder_heatmap(stats, "debate", lang="en", source=SOURCE, coded=coded)
    labels = [t.get_text() for t in english.axes[0].get_yticklabels()]
    assert (labels[0], labels[1], labels[4], labels[5]) == ("group: states", "States", "group: people", "Migrants")


def test_intervals_plot(stats, coded):
    fig = textplot_emphasis_intervals(stats, "debate", lang="en", source=SOURCE, coded=coded)
    panels = [a for a in fig.axes if a.get_visible()]
    assert len(panels) == 2
    dots = panels[0].lines[0]
    # debate 1, named actors only, rows in chart order: governments (y 2), destination (3), migrants (5),
    # migrant_workers (6), workers (7)
    assert dots.get_ydata().tolist() == [5, 6, 7, 2, 3]
    assert dots.get_xdata().tolist() == pytest.approx([10000 / 65, 3000 / 65, 2000 / 65, 3000 / 65, 4000 / 65])
    assert any("95% bootstrap interval" in t for t in texts(fig))


def test_bump_and_profile(stats, coded):
    ranks = stakeholder_ranks(stats, "debate", top=3)
    fig = textplot_rank_bump(ranks, "debate", lang="en", source=SOURCE, coded=coded)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Migrants", "Governments", "Countries of destination"]
    fig = textplot_rhetorical_profile(rhetorical_profile(coded, "debate"), "debate", lang="zh", source=SOURCE,
                                      coded=coded)
    t = texts(fig)
    assert "67%\n(4)" in t and "67%\n(2)" in t and "6 sentences" in t and "3 sentences" in t
    assert [x.get_text() for x in fig.axes[0].get_legend().get_texts()] == ["强", "中", "弱", "无报告动词"]


def test_figures_are_byte_identical_when_built_twice(tmp_path, stats, coded):
    def build(folder):
        paths = []
        paths += save_figure(textplot_stakeholder_heatmap(stats, "debate", source=SOURCE, coded=coded), "h", folder)
        paths += save_figure(textplot_emphasis_intervals(stats, "debate", source=SOURCE, coded=coded), "d", folder)
        paths += save_figure(textplot_rank_bump(stakeholder_ranks(stats, "debate"), "debate", source=SOURCE), "b", folder)
        paths += save_figure(textplot_rhetorical_profile(rhetorical_profile(coded, "debate"), "debate", source=SOURCE),
                             "p", folder)
        return {p.name: p.read_bytes() for p in paths}
    first, second = build(tmp_path / "a"), build(tmp_path / "b")
    assert sorted(first) == sorted(f"{n}.{ext}" for n in "bdhp" for ext in ("png", "svg", "pdf", "caption.txt"))
    assert first == second


def test_row_height_is_the_same_on_every_python():
    # One pitch for all rows, 0.2 in at least, or what two neighbouring labels need: half the lines
    # of each at 6 pt x 1.05 (8.75 hundredths of an inch a line) and 1.5 pt (2.08 hundredths)
    # between them, rounded up.  A 3-line label beside a 1-line one: (3 + 1) / 2 x 8.75 + 2.08 = 19.6,
    # under 20: 4 rows x 0.2 = 0.8 in.  Two 3-line labels side by side: 3 x 8.75 + 2.08 = 28.3 -> 0.29 a
    # row.  Counted in hundredths (summing floats gave 0.9800000000000001 on Python 3.11 and 0.98 on
    # 3.12+, which moved the heatmap and interval SVGs' coordinates in the 6th decimal).
    rows = [("actor", "a", "x")] * 3 + [("group", "b", "x\ny\nz")]
    assert _height(rows) == 0.8
    assert _height(rows + [("actor", "c", "x\ny\nz")]) == 5 * 0.29
    assert _height(rows[3:]) == 0.2
    assert _height([]) == 0.0


def test_bump_of_one_actor_says_the_actor_in_the_singular(stats, coded):
    from unzh.textplot.style import figure_caption
    fig = textplot_rank_bump(stakeholder_ranks(stats, "debate", top=1), "debate", lang="en", source=SOURCE, coded=coded)
    assert "the actor with the highest emphasis overall;" in fig.get_suptitle()
    assert figure_caption(fig).startswith("How the emphasis rank of the most emphasised actor moves across the debates")
    three = textplot_rank_bump(stakeholder_ranks(stats, "debate", top=3), "debate", lang="en", source=SOURCE, coded=coded)
    assert "the 3 actors with the highest emphasis overall;" in three.get_suptitle()
    assert figure_caption(three).startswith("How the emphasis ranks of the 3 most emphasised actors move across the debates")

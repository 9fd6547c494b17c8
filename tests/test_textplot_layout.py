"""Every figure the notebooks draw, built by running the notebooks' own code (tests/notebook_exec.py)
on the seed and on the layout fixtures, in both label languages: no two texts overlap, no text
leaves the canvas or its panel, no text is under 6 pt, no marker is cut by its axes or drawn over
another series' marker (unzh.textplot.layout); every caption is one English sentence."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from helpers import SEED
from notebook_exec import run_notebook

from unzh.report.notebooks import NOTEBOOKS
from unzh.textplot.layout import layout_problems

FIXTURES = Path(__file__).parent / "fixtures"
LONG = FIXTURES / "long_labels.txt"
#: (document, lang): the seed; seven long section titles, in both languages and in English alone
#: (titles without a gloss); a convention (preamble and chapters); a Security Council resolution
DOCUMENTS = [(SEED, "both"), (LONG, "both"), (LONG, "en"), (FIXTURES / "layouts" / "convention.txt", "both"),
             (FIXTURES / "layouts" / "resolution_sc.txt", "both")]
CASES = [(doc, lang, nb) for doc, lang in DOCUMENTS for nb in NOTEBOOKS]


def run_and_check(doc: Path, lang: str, notebook: str, out: Path):
    """Run ``notebook`` on ``doc``; return (the run, {figure: [problems]}, {figure: one-line reason not drawn})."""
    from unzh.textplot.style import NoFigure

    problems, not_drawn = {}, {}

    def check(fig, name):
        if isinstance(fig, NoFigure):
            not_drawn[name] = fig.reason
            return
        try:
            problems[name] = [str(p) for p in layout_problems(fig)]
        finally:
            plt.close(fig)

    run = run_notebook(notebook, {"documents": [str(doc)], "output_dir": str(out), "lang": lang}, on_figure=check)
    return run, problems, not_drawn


@pytest.mark.notebook
@pytest.mark.parametrize("doc, lang, notebook", CASES, ids=[f"{d.stem[:11]}-{lang}-{nb[:2]}" for d, lang, nb in CASES])
def test_every_figure_as_the_notebooks_draw_it(doc, lang, notebook, tmp_path):
    run, problems, not_drawn = run_and_check(doc, lang, notebook, tmp_path)
    assert problems or not_drawn, f"{notebook} saved no figure"
    assert {name: found for name, found in problems.items() if found} == {}
    for name, reason in not_drawn.items():  # nothing to draw: nothing drawn, and one line says why
        assert reason and "\n" not in reason, name
    document = "GA 61st session" if doc == SEED else doc.stem
    for name, caption in run.saved:
        # one English sentence saying what the figure shows, in which document (the HTML's alt text)
        assert not re.search(r"[\u3400-\u9fff]", caption), (name, caption)
        assert ";" not in caption and caption.endswith(".") and caption.count(". ") == 0, (name, caption)
        assert f", in {document}" in caption, (name, caption)


def test_a_notebook_run_uses_the_default_bootstrap(tmp_path):
    """Notebook 04 computes its intervals with DEFAULT_N_BOOT resamples, at least 10,000, and says so
    with a thousands separator (the chart's subtitle and caption)."""
    from unzh.textstat.emphasis import DEFAULT_N_BOOT

    assert DEFAULT_N_BOOT >= 10_000
    run, _, _ = run_and_check(FIXTURES / "layouts" / "resolution_sc.txt", "en", "04-stakeholder-emphasis.ipynb", tmp_path)
    assert run.namespace["n_boot"] == DEFAULT_N_BOOT
    assert run.namespace["stats"].attrs["n_boot"] == DEFAULT_N_BOOT
    caption = dict(run.saved)["04_emphasis_by_section"]
    assert f"({DEFAULT_N_BOOT:,} resamples)" in caption and "10000" not in caption


def test_the_check_finds_an_overlap_and_a_text_outside():
    fig = plt.figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "移徙者 migrants", fontsize=8)
    fig.text(0.12, 0.52, "原籍国 origin", fontsize=8)
    fig.text(0.9, 0.5, "a label running off the canvas", fontsize=8)
    fig.text(0.1, 0.1, "tiny", fontsize=4)
    kinds = sorted(p.kind for p in layout_problems(fig))
    plt.close(fig)
    assert kinds == ["outside", "overlap", "small"]


def test_the_check_finds_clipped_and_overprinted_markers_and_a_number_off_its_panel():
    """Three markers: one half outside the axes (x = 1.0 with xlim 0..1), two of different series on
    the same spot (tied ranks); a bar's number placed past the end of its axes; a bar running off the
    canvas is a patch outside it."""
    fig = plt.figure(figsize=(3, 2))
    ax = fig.add_axes((0.2, 0.2, 0.6, 0.6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.plot([1.0], [0.5], "o", markersize=6)                 # clipped at the right edge
    ax.plot([0.3], [0.3], "s", markersize=6)                 # two series, one spot: overprint
    ax.plot([0.31], [0.3], "^", markersize=6)
    ax.plot([0.6, 0.62], [0.7, 0.7], "o", markersize=6)      # one series touching itself: a strip, no problem
    ax.text(0.98, 0.9, "12345", fontsize=8)                  # a number running past its panel
    bar = fig.add_axes((0.85, 0.2, 0.3, 0.1))                # a panel reaching past the canvas
    bar.barh([0], [1], clip_on=False)
    bar.set_axis_off()
    found = sorted((p.kind, p.texts[0].split()[0]) for p in layout_problems(fig))
    plt.close(fig)
    assert found == [("clipped", "marker"), ("off-axes", "12345"), ("outside", "Rectangle"), ("overprint", "marker")]


def test_wrap_label_counts_cjk_as_two_columns_and_marks_a_cut():
    from unzh.textplot.layout import text_width, wrap_label
    assert text_width("移徙者 (Migrants)") == 6 + 11
    # 16 CJK characters fill a 32-column line; the rest goes to a second line, cut with an ellipsis
    assert wrap_label("一、关于保护移徙者人权和基本自由以及打击贩运人口和偷运移民行为的国际合作", 32, 2) == (
        "一、关于保护移徙者人权和基本自由\n以及打击贩运人口和偷运移民行为…")
    assert wrap_label("第一章 范围和定义", 32, 2) == "第一章 范围和定义"            # fits: unchanged
    assert wrap_label("专题辩论 1\n(Debate 1)", 14, 3) == "专题辩论 1\n(Debate 1)"  # its own breaks kept
    # Latin text breaks at the last space of a full line (the space is not carried); a line exactly
    # full ("a long english label": 20) breaks at the space that follows it
    assert wrap_label("a long english label that goes on, and on", 20, 2) == "a long english label\nthat goes on, and on"
    assert wrap_label("a long english label that goes on, and on", 18, 3) == "a long english\nlabel that goes\non, and on"
    assert wrap_label("a long english label that goes on, and on", 18, 2) == "a long english\nlabel that goes…"
    # a space before a mark that may not start a line is no break: "专题辩论 1 ·" stays whole (12 columns)
    assert wrap_label("专题辩论 1 · 采取措施确保尊重和保护所…", 12, 2) == "专题辩论 1 ·\n采取措施确…"


def test_no_line_starts_with_closing_punctuation():
    """long_labels' 四、…管理、边界管制…: 15 characters fill a 30-column line and the 16th is 、;
    the line is cut one character earlier, so that 理、 starts the next line, not 、."""
    from unzh.textplot.frequency import fit_label
    from unzh.textplot.layout import break_allowed, wrap_label
    title = "四、正常移徙和非正常移徙的管理、边界管制和国家安全措施与移徙者权利的关系"
    assert wrap_label(title, 30, 2) == "四、正常移徙和非正常移徙的管\n理、边界管制和国家安全措施与…"
    # fit_label (panel titles) breaks between any two CJK characters (0.9 in at 8 pt: 16 columns, 8
    # characters), but not before 、 nor after （: the character before 、 and the one after （ move along
    assert fit_label("一二三四五六七八、九十", 0.9, 8) == "一二三四五六七\n八、九十"
    assert fit_label("一二三四五六七（八）九", 0.9, 8) == "一二三四五六七\n（八）九"
    assert not break_allowed("一", "、二") and not break_allowed("（", "一") and break_allowed("一、", "二")

"""Tests for unzh.textplot.style: style, labels, deterministic saving, word clouds, provenance."""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
from pathlib import Path

import matplotlib as mpl
import pytest
import wordcloud
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from unzh import config
from unzh.errors import InputError
from unzh.textplot import style as plotting
from unzh.textplot.fonts import MissingGlyphError, font_sha256
from unzh.textplot.style import (
    add_source_line,
    apply_style,
    label,
    make_wordcloud,
    new_figure,
    save_figure,
    source_line_for,
    wordcloud_figure,
    write_provenance,
)

TITLE = "关于移徙与发展的赫尔辛基进程"
FREQS = {"移徙": 8, "发展": 6, "国际": 5, "合作": 4, "移民": 3, "全球化": 2, "人权": 1}
SMALL = {"width": 400, "height": 240}  # small canvas keeps word-cloud tests fast


def _bar_figure(title: str = TITLE) -> Figure:
    fig, ax = new_figure()
    ax.bar([0, 1, 2], [3, 1, 2], **plotting.series_style(1))
    ax.set_xticks([0, 1, 2], ["移徙", "发展", "合作"])
    ax.set_title(title)
    add_source_line(fig, "Source: test document; unzh")
    return fig


# ------------------------------------------------------------------ style and labels
def test_apply_style_sets_house_rcparams():
    assert apply_style() == "Noto Sans CJK SC"
    assert mpl.rcParams["font.family"] == ["Noto Sans CJK SC", "DejaVu Sans"]
    assert mpl.rcParams["text.parse_math"] is False
    assert mpl.rcParams["axes.spines.top"] is False
    assert mpl.rcParams["axes.spines.right"] is False
    assert mpl.rcParams["savefig.dpi"] == 300
    assert mpl.rcParams["figure.figsize"] == [6.5, 4.0]
    assert mpl.colormaps[plotting.SEQUENTIAL_CMAP] is not None
    assert mpl.colormaps[plotting.DIVERGING_CMAP] is not None
    assert len(set(plotting.PALETTE)) == len(plotting.PALETTE) >= 4


def test_series_style_distinguishes_series_without_colour():
    bars = [plotting.series_style(i) for i in range(4)]
    assert len({(b["color"], b["hatch"]) for b in bars}) == 4
    lines = [plotting.series_style(i, "line") for i in range(4)]
    assert len({(s["marker"], s["linestyle"]) for s in lines}) == 4
    with pytest.raises(ValueError):
        plotting.series_style(0, "pie")


def test_label_modes():
    assert label("移徙者", "migrants", "zh") == "移徙者"
    assert label("移徙者", "migrants", "en") == "migrants"
    assert label("移徙者", "migrants", "both") == "移徙者 (migrants)"
    assert label("移徙者", None, "en") == "移徙者"
    assert label("移徙者", "", "both") == "移徙者"
    assert label("移徙者", float("nan"), "en") == "移徙者"  # NaN from a pandas table
    with pytest.raises(ValueError, match="lang"):
        label("移徙者", "migrants", "fr")


def test_source_line_uses_only_given_metadata():
    meta = {"title_en": "Letter on the Helsinki Process", "date": "2006-10-05"}
    assert source_line_for(meta) == "Source: Letter on the Helsinki Process, 5 Oct 2006; unzh"
    assert (source_line_for({**meta, "symbol": "A/61/100"})
            == "Source: A/61/100, Letter on the Helsinki Process, 5 Oct 2006; unzh")
    assert source_line_for({"title_zh": "赫尔辛基进程", "date": "2006"}) == "Source: 赫尔辛基进程, 2006; unzh"
    with pytest.raises(ValueError, match="names no document"):
        source_line_for({"language": "zh"})


def test_add_source_line_replaces_previous_line():
    fig, _ = new_figure()
    add_source_line(fig, "Source: one")
    add_source_line(fig, "Source: two")
    assert [t.get_text() for t in fig.texts] == ["Source: two"]


# ------------------------------------------------------------------ save_figure
def test_save_figure_writes_png_300dpi_svg_paths_pdf_and_caption(tmp_path):
    fig = _bar_figure()
    paths = save_figure(fig, "fig_test", tmp_path)
    drawn = {ch for t in fig.findobj(Text) if t.get_visible() for ch in t.get_text()}  # the space is a glyph too
    assert paths == [tmp_path / n for n in ("fig_test.png", "fig_test.svg", "fig_test.pdf", "fig_test.caption.txt")]
    assert sorted(os.listdir(tmp_path)) == ["fig_test.caption.txt", "fig_test.pdf", "fig_test.png", "fig_test.svg"]
    with Image.open(paths[0]) as image:
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        assert image.size[0] == 6.5 * 300
        assert "Software" not in image.info
    svg = paths[1].read_text(encoding="utf-8")
    # text as paths: no <text> element, no font named, each distinct glyph defined once
    assert "<text" not in svg and "font-family" not in svg
    assert svg.count('<path id="NotoSansCJKsc-Regular-') == len(drawn) > len(set(TITLE))
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    pdf = paths[2].read_bytes()
    # the font embedded as a subset (TrueType/OpenType, type 42 in matplotlib's terms): a FontFile2 stream
    # whose base font carries the six-letter subset tag, and no creation date or producer
    assert b"/FontFile2" in pdf and re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansCJKsc-Regular", pdf)
    assert b"/Type3" not in pdf and b"/CreationDate" not in pdf and b"Matplotlib" not in pdf
    assert paths[3].read_text(encoding="utf-8") == f"{TITLE}, in test document.\n"  # no description: the title


def test_save_figure_is_byte_identical(tmp_path):
    fig = _bar_figure()
    first = save_figure(fig, "same", tmp_path / "a")
    second = save_figure(fig, "same", tmp_path / "b")
    rebuilt = save_figure(_bar_figure(), "same", tmp_path / "c")
    for a, b, c in zip(first, second, rebuilt):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes()


def test_save_figure_defaults_to_figures_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "figures")
    save_figure(_bar_figure(), "default_folder", formats=("png",))
    assert sorted(os.listdir(tmp_path / "figures")) == ["default_folder.caption.txt", "default_folder.png"]


@pytest.mark.parametrize("where", ["title", "ticks"])
def test_missing_glyph_raises_and_writes_nothing(tmp_path, where):
    fig, ax = new_figure()
    if where == "title":
        ax.set_title("移徙 \ue000")
    else:
        ax.set_xticks([0, 1], ["移徙", "发展\U00020000"])
    (tmp_path / "keep.png").write_bytes(b"old")
    with pytest.raises(MissingGlyphError):
        save_figure(fig, "keep", tmp_path)
    assert os.listdir(tmp_path) == ["keep.png"]
    assert (tmp_path / "keep.png").read_bytes() == b"old"
    with pytest.raises(MissingGlyphError):
        save_figure(fig, "new", tmp_path / "new")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("name", ["Fig1", "fig 1", "../fig", "图1", "", "fig.png"])
def test_bad_slug_raises(tmp_path, name):
    with pytest.raises(ValueError, match="figure name"):
        save_figure(_bar_figure(), name, tmp_path)
    assert os.listdir(tmp_path) == []


def test_bad_formats_raise(tmp_path):
    for formats in [(), ("eps",), ("png", "png")]:
        with pytest.raises(ValueError, match="formats"):
            save_figure(_bar_figure(), "x", tmp_path, formats=formats)


def test_pdf_is_byte_identical_from_one_build_to_the_next(tmp_path):
    one = save_figure(_bar_figure(), "same", tmp_path / "a", formats=("pdf",))[0]
    two = save_figure(_bar_figure(), "same", tmp_path / "b", formats=("pdf",))[0]
    assert one.read_bytes() == two.read_bytes()


def test_a_dollar_sign_in_a_title_is_text_not_a_formula(tmp_path):
    """A heading "关于$移徙$的问题" is drawn as it is written: mathtext would draw 移徙 in its own font (boxes)."""
    fig, ax = new_figure()
    ax.set_title("一、关于$移徙$的问题")
    save_figure(fig, "dollar", tmp_path, formats=("png",))
    assert ax.title.get_parse_math() is False
    assert (tmp_path / "dollar.caption.txt").read_text(encoding="utf-8") == "一、关于$移徙$的问题.\n"


def test_caption_from_the_description_or_titles_or_given(tmp_path):
    fig, (a, b) = new_figure(1, 2)
    a.set_title("Left panel")
    b.set_title("Right panel")
    assert plotting.figure_caption(fig) == "Left panel, Right panel."    # nobody said what it shows: its titles
    fig.suptitle("词云 (Word clouds)\nword size ∝ rate")
    add_source_line(fig, "Source: A/61/515, 5 Oct 2006; unzh")
    assert plotting.figure_caption(fig) == "词云 (Word clouds); word size ∝ rate, in A/61/515, 5 Oct 2006."
    plotting.describe(fig, "Word clouds of the terms of each debate")   # what every textplot_* function says
    assert plotting.figure_caption(fig) == "Word clouds of the terms of each debate, in A/61/515, 5 Oct 2006."
    with pytest.raises(ValueError, match="one sentence"):
        plotting.describe(fig, "Word clouds; word size ∝ rate")
    save_figure(fig, "given", tmp_path, formats=("png",), caption="Two panels\nof nothing.")
    assert (tmp_path / "given.caption.txt").read_text(encoding="utf-8") == "Two panels; of nothing.\n"
    data, meta = fig._repr_mimebundle_()
    assert data["image/png"].startswith(b"\x89PNG") and meta == {"image/png": {"alt": "Two panels; of nothing."}}


def test_nothing_to_draw_prints_one_line_and_writes_nothing(tmp_path, capsys):
    empty = plotting.NoFigure("no paragraph is coded with any theme")
    assert save_figure(empty, "03_themes", tmp_path) == []
    assert os.listdir(tmp_path) == []
    empty._ipython_display_()  # shown after being saved: not printed again
    assert capsys.readouterr().out == "03_themes: not drawn: no paragraph is coded with any theme\n"
    plotting.NoFigure("nothing")._ipython_display_()
    assert capsys.readouterr().out == "Not drawn: nothing\n"


# ------------------------------------------------------------------ word clouds
def test_wordcloud_figure_saves_byte_identically(tmp_path):
    first = save_figure(wordcloud_figure(FREQS, title="词云", **SMALL), "wc", tmp_path / "a")
    second = save_figure(wordcloud_figure(dict(FREQS), title="词云", **SMALL), "wc", tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()


def test_wordcloud_draws_on_given_axes():
    fig, axes = new_figure(1, 2)
    assert wordcloud_figure(FREQS, axes[1], **SMALL) is fig
    assert len(axes[1].images) == 1 and len(axes[0].images) == 0


def test_make_wordcloud_uses_frequencies_and_font():
    cloud = make_wordcloud(FREQS, **SMALL)
    drawn = {word for (word, _), *_ in cloud.layout_}
    assert drawn <= set(FREQS) and "移徙" in drawn
    assert cloud.font_path == str(plotting.cjk_font_path())
    assert all(orientation is None for *_, orientation, _ in cloud.layout_)  # horizontal


def test_shared_scale_across_panels():
    """With scale_max, the top word's size is max_font_size * top / scale_max."""
    full = make_wordcloud({"移徙": 40, "发展": 20}, scale_max=40, max_font_size=80, **SMALL)
    half = make_wordcloud({"移徙": 20, "发展": 10}, scale_max=40, max_font_size=80, **SMALL)
    assert [size for _, size, *_ in full.layout_] == [80, 40]
    assert [size for _, size, *_ in half.layout_] == [40, 20]
    with pytest.raises(ValueError, match="scale_max"):
        make_wordcloud({"移徙": 50}, scale_max=40, **SMALL)
    with pytest.raises(ValueError, match="relative_scaling"):
        make_wordcloud(FREQS, scale_max=40, relative_scaling=0.5, **SMALL)


def test_wordcloud_rejects_bad_input():
    with pytest.raises(ValueError, match="at least one word"):
        make_wordcloud({}, **SMALL)
    with pytest.raises(ValueError, match="at least one word"):
        make_wordcloud({"移徙": 0}, **SMALL)
    with pytest.raises(ValueError, match="finite"):
        make_wordcloud({"移徙": -1}, **SMALL)
    with pytest.raises(MissingGlyphError, match=r"U\+E000"):
        make_wordcloud({"移徙": 2, "\ue000": 1}, **SMALL)


# ------------------------------------------------------------------ provenance
def test_write_provenance_hashes_versions_and_merge(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("移徙与发展\n", encoding="utf-8")
    stop = tmp_path / "stopwords_zh.txt"
    stop.write_text("的\n和\n", encoding="utf-8")
    out = tmp_path / "figs"

    path = write_provenance(out, source_files={"document": doc}, extra={"01-frequencies": {"figures": ["fig01"]}})
    assert path == out / "provenance.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    assert set(record) == {"sources", "versions", "01-frequencies"}
    assert record["sources"]["document"] == {
        "file": "doc.txt", "sha256": hashlib.sha256(doc.read_bytes()).hexdigest()}
    assert record["sources"]["font"] == {
        "file": "mplfonts/fonts/NotoSansCJKsc-Regular.otf", "sha256": font_sha256()}
    assert set(record["versions"]) == {
        "python", "jieba", "pandas", "numpy", "matplotlib", "wordcloud", "Pillow", "mplfonts", "unzh"}
    assert record["versions"]["python"] == platform.python_version()
    assert record["versions"]["wordcloud"] == wordcloud.__version__  # the installed one (1.9.6 at the pins)

    write_provenance(out, source_files={"stopwords": stop}, extra={"02-themes": {"figures": ["fig02"]}})
    merged = json.loads(path.read_text(encoding="utf-8"))
    assert set(merged) == {"sources", "versions", "01-frequencies", "02-themes"}
    assert set(merged["sources"]) == {"document", "stopwords", "font"}
    assert merged["sources"]["stopwords"]["sha256"] == hashlib.sha256(stop.read_bytes()).hexdigest()
    assert os.listdir(out) == ["provenance.json"]

    before = path.read_bytes()
    write_provenance(out, source_files={"stopwords": stop}, extra={"02-themes": {"figures": ["fig02"]}})
    assert path.read_bytes() == before  # deterministic: no timestamps
    assert before.decode("utf-8").endswith("}\n")


def test_write_provenance_rejects_bad_input(tmp_path):
    with pytest.raises(InputError, match="not found"):
        write_provenance(tmp_path, source_files={"document": tmp_path / "missing.txt"})
    with pytest.raises(ValueError, match="reserved"):
        write_provenance(tmp_path, source_files={}, extra={"versions": {}})
    (tmp_path / "provenance.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON object"):
        write_provenance(tmp_path, source_files={})


def test_svg_clip_ids_are_numbered_by_appearance():
    from unzh.textplot.style import _stable_clip_ids
    svg = (b'<clipPath id="p73e33c13ad"><rect/></clipPath><path clip-path="url(#p73e33c13ad)"/>'
           b'<clipPath id="pabcdb6c86b"/><g clip-path="url(#pabcdb6c86b)"/><g id="patch_43"/>')
    assert _stable_clip_ids(svg) == (b'<clipPath id="clip1"><rect/></clipPath><path clip-path="url(#clip1)"/>'
                                     b'<clipPath id="clip2"/><g clip-path="url(#clip2)"/><g id="patch_43"/>')


def test_provenance_written_by_notebooks_side_by_side_keeps_every_key(tmp_path):
    """unzh report runs the notebooks side by side: their read-modify-write of provenance.json takes turns."""
    import json
    import threading

    from unzh.textplot.style import write_provenance
    src = tmp_path / "doc.txt"
    src.write_text("文本\n", encoding="utf-8")

    def notebook(name):
        for i in range(15):
            write_provenance(tmp_path / "figs", source_files={f"document:{name}": src}, extra={name: {"round": i}})

    threads = [threading.Thread(target=notebook, args=(f"0{k}-notebook",)) for k in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    record = json.loads((tmp_path / "figs" / "provenance.json").read_text(encoding="utf-8"))
    assert [record[f"0{k}-notebook"] for k in range(1, 5)] == [{"round": 14}] * 4
    assert sorted(k for k in record["sources"] if k.startswith("document:")) == [f"document:0{k}-notebook"
                                                                                  for k in range(1, 5)]
    assert not list((tmp_path / "figs").glob("*.lock"))


def test_the_formats_written_follow_the_environment(tmp_path, monkeypatch):
    """UNZH_FIGURE_FORMATS=png (what run_report(formats=("png",)) sets for its kernels): the PNG and the
    caption only; unset: PNG, SVG and PDF."""
    fig, ax = new_figure()
    ax.set_title("draft")
    monkeypatch.setenv(plotting.FIGURE_FORMATS_ENV, "png")
    assert [p.name for p in save_figure(fig, "draft", tmp_path / "a")] == ["draft.png", "draft.caption.txt"]
    monkeypatch.delenv(plotting.FIGURE_FORMATS_ENV)
    assert [p.suffix for p in save_figure(fig, "draft", tmp_path / "b")] == [".png", ".svg", ".pdf", ".txt"]


def test_a_report_refuses_unknown_formats_before_writing(tmp_path):
    from unzh.errors import InputError
    from unzh.report.notebooks import run_report
    with pytest.raises(InputError, match="figure formats must be some of png, svg, pdf"):
        run_report([Path(__file__).parent / "fixtures" / "layouts" / "goals.txt"], tmp_path / "out", formats=("gif",))
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ the PDF cache
def test_a_figure_drawn_again_takes_its_pdf_from_the_cache(tmp_path, monkeypatch):
    """The PDF of a figure whose SVG (every glyph as its path) is unchanged comes from the cache, byte
    for byte what drawing it gives; a changed figure, and a cache file that was altered, are drawn."""
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    drawn: list[str] = []
    real = Figure.savefig

    def savefig(self, fname, *args, **kwargs):
        drawn.append(kwargs.get("format"))
        return real(self, fname, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    first = save_figure(_bar_figure(), "bar", tmp_path / "a", caption="A bar chart.")
    assert drawn == ["png", "svg", "pdf"] and len(list((tmp_path / "cache" / "figures").glob("*.pdf"))) == 1
    drawn.clear()
    again = save_figure(_bar_figure(), "bar", tmp_path / "b", caption="A bar chart.")
    assert drawn == ["png", "svg"]  # the PDF from the cache
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in first]
    drawn.clear()
    other = save_figure(_bar_figure("关于移徙的报告"), "bar", tmp_path / "c", caption="A bar chart.")
    assert drawn == ["png", "svg", "pdf"] and other[2].read_bytes() != first[2].read_bytes()
    for cached in (tmp_path / "cache" / "figures").glob("*.pdf"):  # altered: not trusted, drawn anew
        cached.write_bytes(cached.read_bytes()[:-10])
    drawn.clear()
    anew = save_figure(_bar_figure(), "bar", tmp_path / "d", caption="A bar chart.")
    assert drawn == ["png", "svg", "pdf"] and anew[2].read_bytes() == first[2].read_bytes()
    drawn.clear()
    save_figure(_bar_figure(), "bar", tmp_path / "e", formats=("png", "pdf"), caption="A bar chart.")
    assert drawn == ["png", "pdf"]  # no SVG, no key: drawn


def test_unzh_figure_cache_0_draws_every_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setenv("UNZH_FIGURE_CACHE", "0")
    first = save_figure(_bar_figure(), "bar", tmp_path / "a", caption="A bar chart.")
    assert not (tmp_path / "cache" / "figures").exists()
    monkeypatch.delenv("UNZH_FIGURE_CACHE")
    assert save_figure(_bar_figure(), "bar", tmp_path / "b", caption="A bar chart.")[2].read_bytes() == first[2].read_bytes()
    assert len(list((tmp_path / "cache" / "figures").glob("*.pdf"))) == 1

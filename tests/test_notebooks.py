"""The notebooks run headless through `unzh report` (papermill), exactly as `make figures` runs them."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import metadata

import nbformat
import pandas as pd
import pytest
from helpers import SEED

from unzh import config
from unzh.report.notebooks import NOTEBOOKS, run_report


def differences_from_the_pins() -> list[str]:
    """``name installed != pinned`` for each package whose installed version is not the lock's.

    The lock (requirements-lock.txt) pins every package `make env` installs; a package it lists
    but that is not installed is no difference (it may be pinned for another branch's code), but
    each direct pin of requirements.txt must be installed.
    """
    root = config.PROJECT_ROOT
    pins = {}
    for name in ("requirements-lock.txt", "requirements.txt"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.split("#")[0].strip())
            if m:
                pins[(m.group(1), name == "requirements.txt")] = m.group(2)
    out = []
    for (name, direct), pinned in sorted(pins.items()):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            if direct:
                out.append(f"{name} not installed (pinned {pinned})")
            continue
        if installed != pinned:
            out.append(f"{name} {installed} != {pinned}")
    return sorted(set(out), key=str.lower)


def test_the_pins_are_compared_with_what_is_installed(monkeypatch, tmp_path):
    """The check behind the figure comparison's skip: versions differ, a direct pin is missing."""
    (tmp_path / "requirements.txt").write_text(f"pytest=={pytest.__version__}\nno-such-package-unzh==1.0\n")
    (tmp_path / "requirements-lock.txt").write_text("# lock\npytest==0.0.1\nnot-installed-unzh==2.0\n")
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    assert differences_from_the_pins() == ["no-such-package-unzh not installed (pinned 1.0)", f"pytest {pytest.__version__} != 0.0.1"]


def test_every_notebook_exists_with_a_tagged_parameters_cell():
    for name in NOTEBOOKS:
        nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", []), name
        assert 'documents = ["data/raw/000_c6292b922524f64f.txt"]' in code[0].source
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        assert all(not c.get("outputs") for c in code), f"{name}: outputs must be stripped in git"


def test_report_executes_every_notebook(seed_report):
    out, res = seed_report
    assert [p.name for p in res.executed] == list(NOTEBOOKS)
    assert res.failed == {}
    for p in res.executed:
        nb = nbformat.read(p, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], p.name
        stderr = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                         for o in c.get("outputs", []) if o.get("name") == "stderr")
        assert "Building prefix dict" not in stderr and "Glyph" not in stderr, p.name
        assert p.with_suffix(".html").is_file()


def test_executed_notebooks_show_every_chart(seed_report):
    """Each chart a notebook saves is also shown in it (image/png output) and embedded in its HTML."""
    out, res = seed_report
    for p in res.executed:
        prefix = p.name[:3].replace("-", "_")            # "01-document..." -> "01_"
        saved = sorted((out / "figures").glob(prefix + "*.png"))
        nb = nbformat.read(p, as_version=4)
        shown = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if "image/png" in o.get("data", {})]
        assert len(shown) == len(saved) > 0, p.name
        assert p.with_suffix(".html").read_text(encoding="utf-8").count('src="data:image/png;base64,') == len(saved), p.name


def _img_attributes(text: str) -> list[dict]:
    """The attributes of every <img> of an HTML page (values unescaped, in either quoting)."""
    class Images(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            if tag == "img":
                self.found.append(dict(attrs))

    parser = Images()
    parser.feed(text)
    return parser.found


def test_html_is_offline_with_alt_text_and_relative_paths(seed_report):
    """No script from the internet (MathJax, require.js, mermaid), each chart's caption as its alt text,
    and no absolute path of this machine (the notebooks are given paths relative to the project)."""
    out, res = seed_report
    assert len(res.html) == 4
    for h in res.html:
        text = h.read_text(encoding="utf-8")
        assert re.findall(r'<script[^>]*src="', text) == [], h.name
        assert "mathjax" not in text.lower() and "cdnjs" not in text, h.name
        images = _img_attributes(text)
        assert all(i["src"].startswith("data:image/png;base64,") for i in images), h.name
        alts = [i["alt"] for i in images]
        prefix = h.name[:3].replace("-", "_")
        captions = sorted((out / "figures").glob(prefix + "*.caption.txt"))
        assert len(alts) == len(captions) > 0, h.name
        assert sorted(a + "\n" for a in alts) == sorted(
            c.read_text(encoding="utf-8") for c in captions), h.name
        for root in (str(out), str(config.PROJECT_ROOT)):
            # a path below the project's parent may appear only as part of a relative path (../...)
            assert all(text[max(0, i - 2):i] == ".." for i in (m.start() for m in re.finditer(re.escape(root), text))), h.name
        assert str(config.PROJECT_ROOT) not in text, h.name


def test_report_writes_the_processed_text_and_paragraph_table(seed_report):
    """OUT/processed holds the seed's cleaned text (one line per paragraph) and its 74-row paragraph table."""
    out, res = seed_report
    stem = SEED.stem
    assert sorted(p.name for p in res.processed) == [f"{stem}.clean.txt", f"{stem}.paragraphs.csv"]
    lines = (out / "processed" / f"{stem}.clean.txt").read_text(encoding="utf-8").splitlines()
    table = pd.read_csv(out / "processed" / f"{stem}.paragraphs.csv")
    assert len(lines) == len(table) == 74
    assert lines == list(table["text"])


def test_figures_png_and_svg_and_tables(seed_report):
    out, _ = seed_report
    figs = out / "figures"
    for prefix in ("01_", "02_", "03_", "04_"):
        pngs = sorted(figs.glob(prefix + "*.png"))
        assert pngs, prefix
        for png in pngs:
            assert png.with_suffix(".svg").is_file() and png.with_suffix(".pdf").is_file()
            assert png.with_suffix(".caption.txt").is_file()
        assert sorted(figs.glob(prefix + "*.csv")), prefix
    prov = json.loads((figs / "provenance.json").read_text())
    assert {"sources", "versions", "01-document-and-segmentation"} <= set(prov)


def test_committed_figures_are_reproduced_byte_for_byte(seed_report):
    """figures/ in git is exactly what `make figures` builds (deterministic build, up-to-date figures).

    The tables (CSV) must be identical at any supported version.  The drawings (PNG, SVG) only at
    the pinned versions they were built with: other versions of matplotlib, its font and image
    libraries may legitimately move a pixel, so there (e.g. `make test-min`) that part is skipped.
    """
    out, _ = seed_report
    kinds = (".png", ".svg", ".pdf", ".csv", ".txt")  # .txt: the captions
    built = {p.name: p.read_bytes() for p in (out / "figures").iterdir() if p.suffix in kinds}
    committed = {p.name: p.read_bytes() for p in config.FIGURES_DIR.iterdir() if p.suffix in kinds}
    assert sorted(built) == sorted(committed)
    differ = [n for n in built if built[n] != committed[n]]
    assert [n for n in differ if n.endswith((".csv", ".txt"))] == []
    off_pins = differences_from_the_pins()
    if off_pins:
        drawing = ("matplotlib", "mplfonts", "pillow", "wordcloud", "numpy", "fonttools", "kiwisolver", "contourpy")
        off_pins.sort(key=lambda d: d.split()[0].lower() not in drawing)  # the drawing libraries first
        pytest.skip(f"tables identical; PNG/SVG byte comparison only meaningful at the pins "
                    f"({len(differ)} drawings differ here), not at: {', '.join(off_pins[:6])}"
                    + (f" and {len(off_pins) - 6} more" if len(off_pins) > 6 else ""))
    assert differ == []


def test_report_with_the_fast_backend_gives_the_same_tables(tmp_path):
    """`unzh report --backend rjieba`: notebook 02's tables equal the committed (jieba) ones, and it says so."""
    res = run_report([SEED], tmp_path, backend="rjieba", notebooks=[config.NOTEBOOKS_DIR / NOTEBOOKS[1]],
                     progress=False, html=False)
    assert res.notebook_errors == {} and [p.name for p in res.executed] == [NOTEBOOKS[1]]
    built = {p.name: p.read_bytes() for p in (tmp_path / "figures").glob("02_*.csv")}
    assert len(built) >= 8
    assert all(built[n] == (config.FIGURES_DIR / n).read_bytes() for n in built)
    nb = nbformat.read(res.executed[0], as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "rjieba segmented 54 of 54 paragraphs; 54 compared with jieba (sample): identical" in printed
    prov = json.loads((tmp_path / "figures" / "provenance.json").read_text())
    assert prov["02-term-frequencies"]["backend_used"] == "rjieba"

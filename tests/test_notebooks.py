"""The notebooks run headless through `unzh report` (papermill), exactly as `make figures` runs them."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from unzh import config
from unzh.report import NOTEBOOKS, run_report

from conftest import SEED


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return out, run_report([SEED], out, progress=False)


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


def test_figures_png_and_svg_and_tables(seed_report):
    out, _ = seed_report
    figs = out / "figures"
    for prefix in ("01_", "02_", "03_", "04_"):
        pngs = sorted(figs.glob(prefix + "*.png"))
        assert pngs, prefix
        for png in pngs:
            assert png.with_suffix(".svg").is_file()
        assert sorted(figs.glob(prefix + "*.csv")), prefix
    prov = json.loads((figs / "provenance.json").read_text())
    assert {"sources", "versions", "01-document-and-segmentation"} <= set(prov)


def test_committed_figures_are_reproduced_byte_for_byte(seed_report):
    """figures/ in git is exactly what `make figures` builds (deterministic build, up-to-date figures)."""
    out, _ = seed_report
    built = {p.name: p.read_bytes() for p in (out / "figures").iterdir() if p.suffix in (".png", ".svg", ".csv")}
    committed = {p.name: p.read_bytes() for p in config.FIGURES_DIR.iterdir() if p.suffix in (".png", ".svg", ".csv")}
    assert sorted(built) == sorted(committed)
    differ = [n for n in built if built[n] != committed[n]]
    assert differ == []

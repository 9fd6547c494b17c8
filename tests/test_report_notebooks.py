"""`unzh report` end to end on the layout fixtures, a folder with an unreadable file, and nothing readable."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from unzh.report.notebooks import NOTEBOOKS, available_notebooks

FIXTURES = Path(__file__).parent / "fixtures"
LAYOUTS = sorted((FIXTURES / "layouts").glob("*.txt"))


def unzh(*args):
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True)


def assert_executed_cleanly(out: Path):
    names = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert names == sorted(p.name for p in available_notebooks()) == sorted(NOTEBOOKS)
    for p in (out / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(p, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], p.name
        assert p.with_suffix(".html").is_file()


@pytest.fixture(scope="module")
def layouts_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("layouts")
    return out, unzh("report", *LAYOUTS, "--out", out, "--quiet")


def test_report_on_every_layout(layouts_report):
    out, r = layouts_report
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"{len(LAYOUTS)} document(s) analysed, 0 skipped" in r.stderr
    assert len(LAYOUTS) == 13
    assert_executed_cleanly(out)
    for prefix in ("01_", "02_", "03_", "04_"):
        assert list((out / "figures").glob(prefix + "*.png")), prefix


def test_corpus_tables_cover_every_document(layouts_report):
    out, _ = layouts_report
    paragraphs = pd.read_csv(out / "figures" / "01_paragraphs.csv")
    assert sorted(paragraphs["doc_id"].unique()) == [
        "chaptered", "convention", "declaration", "goals", "indicators", "numbered", "plain_lines", "report",
        "resolution", "resolution_ga", "resolution_sc", "runon", "traditional"]


def test_folder_with_an_unreadable_file(tmp_path):
    r = unzh("report", FIXTURES / "corpus", "--out", tmp_path, "--quiet")
    assert r.returncode == 1
    assert "c_unreadable.txt: binary file" in r.stderr
    assert "2 document(s) analysed, 1 skipped" in r.stderr
    assert "Traceback" not in r.stderr
    assert_executed_cleanly(tmp_path)
    paragraphs = pd.read_csv(tmp_path / "figures" / "01_paragraphs.csv")
    assert sorted(paragraphs["doc_id"].unique()) == ["a_resolution", "b_chaptered"]


def test_nothing_readable_is_exit_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"")
    out = tmp_path / "out"
    r = unzh("report", bad, "--out", out, "--quiet")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "x.txt: empty file" in r.stderr
    assert not out.exists()

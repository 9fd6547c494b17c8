"""Notebook 03 on a document no theme lexicon fits: it says so and draws the co-occurrence of the
document's own key terms instead (the data-driven view of the lexicon issue)."""
from __future__ import annotations

from pathlib import Path

import nbformat

from unzh import config
from unzh.report.notebooks import NOTEBOOKS, run_report

FIXTURE = Path(__file__).parent / "fixtures" / "no_lexicon_fits.txt"


def test_notebook_03_falls_back_to_key_terms(tmp_path):
    res = run_report([FIXTURE], tmp_path, notebooks=[config.NOTEBOOKS_DIR / NOTEBOOKS[2]], progress=False, html=False)
    assert res.notebook_errors == {}
    nb = nbformat.read(tmp_path / "notebooks" / NOTEBOOKS[2], as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    # a resolution on the pattern of conferences: no shipped theme lexicon codes any of its 6 body paragraphs
    assert ("WARNING: lexicon migration codes 0% of the body paragraphs (below 20%): it does not fit this document"
            in printed)
    assert "Data-driven view instead: " in printed and "key terms of the document coded as themes" in printed
    assert "会议" in (tmp_path / "figures" / "03_theme_coding.csv").read_text(encoding="utf-8")

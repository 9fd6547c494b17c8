"""Shared fixtures: the seed document, read once per test session.

Helpers that test modules import (``SEED``, ``cli_run``, ``csv_table``) live in ``tests/helpers.py``.
"""
from __future__ import annotations

import pytest
from helpers import SEED

from unzh.text.document import read_document


@pytest.fixture(scope="session")
def seed_doc():
    return read_document(SEED)


@pytest.fixture(scope="session")
def seed_paragraphs(seed_doc):
    return seed_doc.paragraphs


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """`unzh report` on the seed, run once per session (its notebooks, HTML and figures in all formats):
    (output folder, :class:`unzh.report.notebooks.ReportResult`)."""
    from unzh.report.notebooks import run_report
    out = tmp_path_factory.mktemp("report")
    return out, run_report([SEED], out, progress=False)

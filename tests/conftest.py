"""Shared fixtures: the seed document, read once per test session."""
from __future__ import annotations

import csv
import io

import pytest

from unzh import config
from unzh.text.document import read_document

SEED = config.SEED_DOCUMENT
#: sha256 of the seed as copied from shared/seed (raw data is never modified)
SEED_SHA256 = "2642bc531c866fb162c5a362e2ac7cd5f246c186eaa35f9d1d26656d571a58af"


@pytest.fixture(scope="session")
def seed_doc():
    return read_document(SEED)


@pytest.fixture(scope="session")
def seed_paragraphs(seed_doc):
    return seed_doc.paragraphs


def cli_run(capsys, *argv):
    """Run ``unzh ARGV`` in this process: (exit status, stdout, stderr)."""
    from unzh.cli.main import main
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def csv_table(out: str) -> list[dict]:
    """CSV text as a list of row dicts (values as strings, as printed)."""
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """`unzh report` on the seed, run once per session (its notebooks, HTML and figures in all formats):
    (output folder, :class:`unzh.report.notebooks.ReportResult`)."""
    from unzh.report.notebooks import run_report
    out = tmp_path_factory.mktemp("report")
    return out, run_report([SEED], out, progress=False)

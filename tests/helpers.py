"""Helpers shared by the test modules: the seed's path and hash, running ``unzh`` in-process, reading CSV.

A plain module beside the tests (``pythonpath = ["tests"]`` in pyproject.toml puts this folder on
``sys.path``), imported as ``from helpers import ...``: it works the same under ``pytest`` and
``python -m pytest``.  Test modules never import ``conftest`` (pytest's, for fixtures only) nor
``tests.*`` (``tests`` is no package).
"""
from __future__ import annotations

import csv
import io

from unzh import config

SEED = config.SEED_DOCUMENT
#: sha256 of the seed as copied from shared/seed (raw data is never modified)
SEED_SHA256 = "2642bc531c866fb162c5a362e2ac7cd5f246c186eaa35f9d1d26656d571a58af"


def cli_run(capsys, *argv):
    """Run ``unzh ARGV`` in this process: (exit status, stdout, stderr)."""
    from unzh.cli.main import main
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def csv_table(out: str) -> list[dict]:
    """CSV text as a list of row dicts (values as strings, as printed)."""
    return list(csv.DictReader(io.StringIO(out)))

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

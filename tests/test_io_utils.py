"""Tests for unzh.io_utils: atomic writes and file hashes."""
from __future__ import annotations

import hashlib
import os

import pytest

from unzh.io_utils import atomic_write_bytes, atomic_write_text, sha256_file


def test_atomic_write_text_creates_folder_and_file(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    assert atomic_write_text(target, "移徙者\n") == target
    assert target.read_bytes() == "移徙者\n".encode()
    assert os.listdir(target.parent) == ["a.txt"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_old_file_and_no_temp(tmp_path):
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, b"old")
    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.bin"]


def test_sha256_file_matches_hashlib(tmp_path):
    target = tmp_path / "x"
    target.write_bytes(b"abc" * 1000)
    assert sha256_file(target) == hashlib.sha256(b"abc" * 1000).hexdigest()

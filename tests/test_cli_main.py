"""The command line: CSV on stdout, one-line errors with exit status 2, nothing written on error."""
from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest
from helpers import SEED

from unzh.cli.main import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_paragraphs_csv():
    r = run("paragraphs", SEED)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout))
    assert len(df) == 74
    assert df[df["kind"] == "paragraph"].groupby("debate").size().to_dict() == {1: 14, 2: 10, 3: 9, 4: 9}


def test_tokens_csv_has_no_stopwords_by_default():
    r = run("tokens", SEED)
    assert r.returncode == 0
    df = pd.read_csv(io.StringIO(r.stdout))
    assert list(df.columns) == ["doc_id", "para_id", "section", "debate", "para_no", "sentence", "position", "start", "token", "stop",
                               "unit_kind", "unit", "path"]
    assert not df["stop"].any() and "的" not in set(df["token"])
    assert (df["token"] == "移徙者").sum() == 44


def test_kwic_counts_equal_string_counts(seed_doc):
    r = run("kwic", SEED, "移徙工人", "--width", "4")
    assert r.returncode == 0
    df = pd.read_csv(io.StringIO(r.stdout))
    assert len(df) == seed_doc.cleaned_text.count("移徙工人") == 4
    assert df["term"].unique().tolist() == ["移徙工人"]
    assert df["left"].str.len().max() <= 4
    assert "4 occurrence(s)" in r.stderr


def _file(name, data):
    def make(d):
        p = d / name
        if data is not None:
            p.write_bytes(data)
        return p
    return make


@pytest.mark.parametrize("make,problem", [
    (_file("missing.txt", None), "no such file"),
    (_file("empty.txt", b""), "empty file"),
    (_file("bin.txt", b"\x00\x01\x02\x03" * 100), "binary file"),
    (_file("latin.txt", b"caf\xe9 \xff\xfe"), "cannot be decoded"),
])
@pytest.mark.parametrize("command", ["paragraphs", "tokens", "kwic"])
def test_bad_input_exit_2_one_line(tmp_path, make, problem, command):
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [command, path] + (["移徙者"] if command == "kwic" else [])
    r = run(*args, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_empty_kwic_term_is_exit_2(capsys):
    assert main(["kwic", str(SEED), " "]) == 2
    assert "empty search term" in capsys.readouterr().err


def test_usage_error_is_exit_2():
    r = run("nosuchcommand")
    assert r.returncode == 2


def test_tokens_with_the_fast_backend_equal_jiebas_and_say_so():
    ref = run("tokens", SEED, "--no-cache")
    fast = run("tokens", SEED, "--backend", "rjieba", "--workers", "2", "--no-cache")
    assert ref.returncode == fast.returncode == 0, fast.stderr
    assert fast.stdout == ref.stdout
    assert fast.stderr.strip() == ("unzh tokens: rjieba segmented 74 of 74 paragraphs; "
                                   "74 compared with jieba (sample): identical")
    assert ref.stderr == ""


def test_bad_worker_count_is_a_one_line_error():
    r = run("tokens", SEED, "--workers", "0")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == ["unzh: error: --workers: must be at least 1, got 0"]
    r = run("freq", SEED, "--backend", "thulac")
    assert r.returncode == 2 and "invalid choice: 'thulac'" in r.stderr

"""The result cache of the counting subcommands (unzh.cli.memo): a re-run prints the stored output,
never a stale one.  Every case runs ``python -m unzh.cli`` in a subprocess with its own cache folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ENGINE = FIXTURES / "engine"


def _run(tmp_path, *args, env=None, cwd=None):
    e = {k: v for k, v in os.environ.items() if k != "UNZH_RESULT_CACHE"}
    e.update({"UNZH_CACHE": str(tmp_path / "cache"), **(env or {})})
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True,
                          env=e, cwd=cwd or tmp_path)


def _records(tmp_path):
    d = tmp_path / "cache" / "results"
    return sorted(d.iterdir()) if d.exists() else []


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    shutil.copytree(ENGINE, d)
    return d


def test_a_rerun_prints_the_stored_output_without_importing_pandas(tmp_path, corpus):
    first = _run(tmp_path, "freq", "corpus", "--top", "3")
    assert first.returncode == 0 and len(_records(tmp_path)) == 1
    # a pandas that cannot be imported: the second run must not need it
    fake = tmp_path / "fake"
    (fake / "pandas").mkdir(parents=True)
    (fake / "pandas" / "__init__.py").write_text("raise ImportError('pandas imported')\n")
    again = _run(tmp_path, "freq", "corpus", "--top", "3", env={"PYTHONPATH": str(fake)})
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert first.stdout.splitlines()[:3] == ["term,count,rate_per_1000,doc_freq,rank", "汇款,6,150.0,6,1",
                                             "移徙者,6,150.0,6,2"]


def test_an_edited_input_is_counted_again(tmp_path, corpus):
    first = _run(tmp_path, "freq", "corpus", "--top", "1")
    text = (corpus / "a_report.txt").read_text(encoding="utf-8")
    (corpus / "a_report.txt").write_text(text.replace("汇款", "汇款和汇款"), encoding="utf-8")
    edited = _run(tmp_path, "freq", "corpus", "--top", "1")
    assert first.stdout.splitlines()[1] == "汇款,6,150.0,6,1"
    assert edited.returncode == 0 and edited.stdout.splitlines()[1].startswith("汇款,8,")
    assert len(_records(tmp_path)) == 2


def test_other_arguments_or_folder_are_other_records(tmp_path, corpus):
    a = _run(tmp_path, "freq", "corpus", "--top", "1")
    b = _run(tmp_path, "freq", "corpus", "--top", "2")
    c = _run(tmp_path / "corpus", "freq", ".", "--top", "1", cwd=corpus)  # the same files from elsewhere
    assert len(a.stdout.splitlines()) == 2 and len(b.stdout.splitlines()) == 3 and c.stdout == a.stdout
    assert len(_records(tmp_path)) == 2 and len(_records(tmp_path / "corpus")) == 1


def test_an_altered_record_is_not_used(tmp_path, corpus):
    first = _run(tmp_path, "freq", "corpus", "--top", "2")
    (record,) = _records(tmp_path)
    record.write_bytes(record.read_bytes().replace("汇款".encode(), "移民".encode()))
    again = _run(tmp_path, "freq", "corpus", "--top", "2")
    assert again.stdout == first.stdout and "移民" not in again.stdout
    assert again.stderr.startswith(f"unzh: the stored result {record.name[:12]}… did not pass its checks: "
                                   "ignored, counted again\n")
    assert "移民".encode() not in record.read_bytes()  # written anew


def test_no_cache_and_the_environment_switch_store_nothing(tmp_path, corpus):
    assert _run(tmp_path, "freq", "corpus", "--no-cache").returncode == 0
    assert _run(tmp_path, "freq", "corpus", env={"UNZH_RESULT_CACHE": "0"}).returncode == 0
    assert _records(tmp_path) == []


def test_a_lexicon_file_is_part_of_the_key(tmp_path, corpus):
    words = tmp_path / "mine.txt"
    words.write_text("汇款\n", encoding="utf-8")
    with_stop = _run(tmp_path, "freq", "corpus", "--top", "1", "--stopwords", words)
    words.write_text("各国\n", encoding="utf-8")
    edited = _run(tmp_path, "freq", "corpus", "--top", "1", f"--stopwords={words}")
    assert with_stop.stdout.splitlines()[1].startswith("移徙者,6,")
    assert edited.stdout.splitlines()[1].startswith("汇款,6,")


def test_failures_and_special_files_are_never_stored(tmp_path, corpus):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    bad = _run(tmp_path, "freq", fifo)
    assert bad.returncode == 2 and _records(tmp_path) == []
    os.mkfifo(corpus / "x.txt")  # a FIFO inside a folder is named and skipped: stored, never read
    first = _run(tmp_path, "freq", "corpus", "--top", "1")
    again = _run(tmp_path, "freq", "corpus", "--top", "1")
    assert first.returncode == 0 and "x.txt" in first.stderr and again.stderr == first.stderr
    assert len(_records(tmp_path)) == 1

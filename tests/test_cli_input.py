"""The command line's input: relative paths from the current folder, every bad input a one-line exit 2.

Most cases run ``unzh`` in this process (``cli_run``) from a temporary current folder; the ones that
could hang or grow without bound (FIFO, devices) run it as a subprocess with a timeout.
"""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import cli_run, csv_table

from unzh import config

SEED_NAME = config.SEED_DOCUMENT.name
#: The user's own document, saved under the seed's file name: 4 rows, 海洋 three times.
OWN = "大会，\n\n回顾其关于海洋的各项决议，\n\n1. 吁请各国保护海洋；\n\n2. 决定继续审议海洋问题。\n"
TRADITIONAL = "大會，\n\n回顧其關於海洋的各項決議，\n\n1. 籲請各國保護海洋；\n\n2. 決定繼續審議海洋問題。\n"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A user's folder holding ``data/raw/<the seed's name>`` (their own text), as the current folder."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / SEED_NAME).write_text(OWN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, cwd, timeout=120, env=None):
    return subprocess.run([sys.executable, "-m", "unzh.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=env)


def one_line_error(err: str, path, problem: str) -> None:
    lines = err.strip().splitlines()
    assert lines == [f"unzh: error: {path}: {problem}"], err
    assert "Traceback" not in err


def _cli(capsys, *argv):
    rc, out, err = cli_run(capsys, *argv)
    assert rc == 0, err
    if argv[0] not in ("themes", "stakeholders"):  # whose labels say 移徙
        assert "移徙" not in out  # the seed's own word (移徙者 44 times): not the seed
    return csv_table(out), err


def test_every_subcommand_reads_a_relative_path_from_the_current_folder(capsys, workdir):
    f = f"data/raw/{SEED_NAME}"
    rows, _ = _cli(capsys, "paragraphs", f)
    assert [r["text"] for r in rows] == ["大会，", "回顾其关于海洋的各项决议，", "1. 吁请各国保护海洋；", "2. 决定继续审议海洋问题。"]
    rows, err = _cli(capsys, "kwic", f, "海洋")
    assert [r["para_id"] for r in rows] == ["2", "3", "4"] and "3 occurrence(s)" in err
    rows, _ = _cli(capsys, "tokens", f)
    # 各项 (each, a determiner) has been a stopword since issue 16
    assert [r["token"] for r in rows] == ["大会", "回顾", "海洋", "决议", "吁请", "各国", "保护", "海洋",
                                          "决定", "继续", "审议", "海洋"]
    rows, _ = _cli(capsys, "freq", f, "--top", "1")
    # 3 of the 11 counted body tokens (12 before 各项 became a stopword)
    assert rows == [{"term": "海洋", "count": "3", "rate_per_1000": "272.72727272727275", "doc_freq": "3", "rank": "1"}]
    rows, err = _cli(capsys, "themes", f, "--by", "none")
    assert {r["units"] for r in rows} == {"3"} and "unzh themes: 3 of 3 paragraphs coded with a theme" in err
    rows, err = _cli(capsys, "stakeholders", f, "--by", "none", "--n-boot", "0")
    named = [(r["actor_id"], r["mentions"], r["chars"]) for r in rows if r["mentions"] != "0"]
    assert named == [("states", "1", "37")]  # 各国, in body paragraphs of 13 + 11 + 13 characters


def test_word_unicode_text_and_big5_are_analysed(capsys, workdir):
    (workdir / "word.txt").write_bytes(b"\xff\xfe" + OWN.replace("\n", "\r\n").encode("utf-16-le"))
    (workdir / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    rc, out, err = cli_run(capsys, "freq", "word.txt", "--top", "1")
    assert (rc, err) == (0, "")
    assert csv_table(out)[0]["term"] == "海洋" and csv_table(out)[0]["count"] == "3"
    rc, out, err = cli_run(capsys, "paragraphs", "big5.txt")
    assert rc == 0
    rows = csv_table(out)
    assert [r["text_original"] for r in rows] == ["大會，", "回顧其關於海洋的各項決議，", "1. 籲請各國保護海洋；", "2. 決定繼續審議海洋問題。"]
    assert [r["text"] for r in rows] == ["大会，", "回顾其关于海洋的各项决议，", "1. 吁请各国保护海洋；", "2. 决定继续审议海洋问题。"]
    assert err.strip() == ("unzh: big5.txt: traditional script converted to simplified for analysis "
                           "(OpenCC t2s); the column text_original keeps the original")


def test_dotted_names_stay_two_documents(capsys, workdir):
    (workdir / "a.2006.txt").write_text(OWN, encoding="utf-8")
    (workdir / "a.2007.txt").write_text(OWN.replace("海洋", "森林"), encoding="utf-8")
    rc, out, err = cli_run(capsys, "freq", "a.2006.txt", "a.2007.txt", "--by", "doc_id", "--top", "1")
    assert (rc, err) == (0, "")
    assert [(r["doc_id"], r["term"], r["count"]) for r in csv_table(out)] == [("a.2006", "海洋", "3"), ("a.2007", "森林", "3")]


def test_a_folder_names_what_it_skips_and_analyses_the_rest(capsys, workdir):
    folder = workdir / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(OWN, encoding="utf-8")
    (folder / ("长" * 80 + ".txt")).write_text(OWN, encoding="utf-8")  # 244 bytes: this name crashed the run
    os.mkfifo(folder / "pipe.txt")
    (folder / "x.txt").mkdir()
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "ko.txt").write_bytes("총회는 모든 이주민의 인권을 보호할 것을 강조한다.".encode("euc-kr"))
    rc, out, err = cli_run(capsys, "freq", "in", "--by", "doc_id", "--top", "1")
    assert rc == 0, err
    assert [r["doc_id"][:3] for r in csv_table(out)] == ["a", "长长长"]
    lines = err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [f"skipped {folder / n}" for n in ("gone.txt", "ko.txt", "pipe.txt", "x.txt")]
    assert lines[0].endswith("gone.txt: broken symbolic link (to nowhere.txt, which does not exist)")
    assert "ko.txt: decodes as gb18030, but not to Chinese text" in lines[1] and "guesses cp949 (Korean)" in lines[1]
    assert lines[2].endswith("pipe.txt: is a FIFO (named pipe), not a regular file: not read")
    assert lines[3].endswith("x.txt: is a folder, not a file")


def test_the_same_name_in_two_folders_is_disambiguated_and_said(capsys, workdir):
    for year in ("2006", "2007"):
        (workdir / year).mkdir()
        (workdir / year / "a.txt").write_text(OWN, encoding="utf-8")
    rc, out, err = cli_run(capsys, "freq", "2006", "2007", "--by", "doc_id", "--top", "1")
    assert rc == 0
    assert [r["doc_id"] for r in csv_table(out)] == ["a", "a-2"]
    assert err.strip() == (f"unzh freq: {workdir / '2007' / 'a.txt'}: document id 'a' is already that of "
                           f"{workdir / '2006' / 'a.txt'}; this document's id is 'a-2'")


@pytest.mark.parametrize("name,data,problem", [
    ("fr.txt", "L'Assemblée générale, rappelant ses résolutions.".encode("latin-1"),
     "is not Chinese text: only 11% of its letters are Chinese characters when read as gb18030"),
    ("ja.txt", "総会は、すべての移民の人権を保護することを強調する。".encode("shift_jis"),
     "decodes as gb18030, but not to Chinese text"),
    ("blank.txt", "\u3000 \r\n\r\n".encode(), "empty file (only whitespace)"),
    ("u16.txt", " \r\n".encode("utf-16"), "empty file (only whitespace)"),
])
@pytest.mark.parametrize("command", ["paragraphs", "freq", "themes", "stakeholders"])
def test_bad_files_are_one_line_exit_2(capsys, workdir, name, data, problem, command):
    (workdir / name).write_bytes(data)
    rc, out, err = cli_run(capsys, command, name)
    assert (rc, out) == (2, "")
    line = err.strip()
    assert line.startswith(f"unzh: error: {workdir / name}: {problem}") and "\n" not in line


def test_a_folder_without_documents_is_exit_2(capsys, workdir):
    (workdir / "empty").mkdir()
    rc, out, err = cli_run(capsys, "freq", "empty")
    assert (rc, out) == (2, "")
    one_line_error(err, workdir / "empty", "folder has no .txt documents")


def test_a_long_file_name_is_analysed(capsys, workdir):
    name = "a" * 251 + ".txt"
    (workdir / name).write_text(OWN, encoding="utf-8")
    rc, out, err = cli_run(capsys, "paragraphs", name)
    assert (rc, err) == (0, "")
    assert {r["doc_id"] for r in csv_table(out)} == {"a" * 89 + "~" + hashlib.sha256(b"a" * 251).hexdigest()[:10]}


@pytest.mark.parametrize("command", ["paragraphs", "freq", "tokens"])
def test_fifo_and_devices_are_refused_at_once(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer
    r = run(command, "pipe.txt", cwd=tmp_path, timeout=60)
    assert (r.returncode, r.stdout) == (2, "")
    one_line_error(r.stderr, tmp_path / "pipe.txt", "is a FIFO (named pipe), not a regular file: not read")
    for device in ("/dev/zero", "/dev/null"):  # /dev/zero grew to 22 GB in 12 s
        r = run(command, device, cwd=tmp_path, timeout=60)
        assert (r.returncode, r.stdout) == (2, "")
        one_line_error(r.stderr, device, "is a character device, not a regular file: not read")


def test_a_socket_is_refused(capsys, workdir):
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("s.txt")
    except OSError:
        pytest.skip("no Unix sockets here")
    try:
        rc, out, err = cli_run(capsys, "paragraphs", "s.txt")
        assert (rc, out) == (2, "")
        one_line_error(err, workdir / "s.txt", "is a socket, not a regular file: not read")
    finally:
        sock.close()


def test_a_file_over_the_size_limit_is_refused(capsys, workdir, monkeypatch):
    monkeypatch.setenv("UNZH_MAX_FILE_MB", "0.000121")
    assert len(OWN.encode()) == 121
    rc, out, err = cli_run(capsys, "freq", f"data/raw/{SEED_NAME}")  # at the limit: read
    assert rc == 0 and csv_table(out)[0]["term"] == "海洋"
    monkeypatch.setenv("UNZH_MAX_FILE_MB", "0.0001")
    (workdir / "big.txt").write_text(OWN * 2, encoding="utf-8")
    rc, out, err = cli_run(capsys, "freq", "big.txt")
    assert (rc, out) == (2, "")
    one_line_error(err, workdir / "big.txt", "is 242 bytes, more than the 100 bytes (0.0001 MB) read per file "
                                             "(set UNZH_MAX_FILE_MB to raise the limit)")
    monkeypatch.setenv("UNZH_MAX_FILE_MB", "lots")
    rc, out, err = cli_run(capsys, "paragraphs", "big.txt")
    assert (rc, out) == (2, "")
    assert err.strip() == "unzh: error: UNZH_MAX_FILE_MB: must be a positive number of megabytes, got 'lots'"

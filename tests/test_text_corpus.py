"""Corpora: relative paths from the current folder, every skipped entry named, unique document ids."""
from __future__ import annotations

import hashlib
import os

import pytest

from unzh import config
from unzh.errors import DocumentError
from unzh.text.corpus import expand_paths, project_paths, read_corpus, unique_ids

RESOLUTION = "大会，\n\n回顾其各项决议，\n\n1. 决定继续处理此案。\n"
DECISION = "安全理事会，\n\n1. 决定延长特派团的任务期限。\n\n2. 决定继续积极处理此案。\n"
SEED_NAME = config.SEED_DOCUMENT.name


def _write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_relative_paths_are_taken_from_the_current_folder(tmp_path, monkeypatch):
    own = _write(tmp_path / "data" / "raw" / SEED_NAME, RESOLUTION)  # the user's file, named like the seed
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(f"data/raw/{SEED_NAME}")
    [doc] = corpus.documents
    assert doc.raw.path == own and doc.raw.text == RESOLUTION
    assert doc.metadata == {}  # not the seed's metadata either
    assert expand_paths(["data/raw"]) == [own]


def test_project_paths_are_for_the_notebooks_defaults_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert project_paths(f"data/raw/{SEED_NAME}") == [config.SEED_DOCUMENT]
    assert project_paths(["figures", tmp_path / "x.txt"]) == [config.PROJECT_ROOT / "figures", tmp_path / "x.txt"]
    assert config.user_path("figures") == tmp_path / "figures"
    assert config.user_path("a/../b.txt") == tmp_path / "b.txt"


def test_a_folder_names_and_skips_what_is_not_a_readable_text_file(tmp_path):
    folder = tmp_path / "in"
    _write(folder / "a.2006.txt", RESOLUTION)
    _write(folder / "a.2007.txt", DECISION)
    long_name = "报告" * 40 + ".txt"  # 244 bytes: its .meta.json would be 250, its id is shortened
    _write(folder / long_name, DECISION)
    os.mkfifo(folder / "pipe.txt")
    (folder / "x.txt").mkdir()
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "fr.txt").write_bytes("L'Assemblée générale, rappelant ses résolutions.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"  \n")
    _write(folder / "notes.md", RESOLUTION)  # not a .txt: not a document
    corpus = read_corpus(folder, strict=True)  # strict: only for files named; a folder's entries are skipped
    long_id = "报告" * 14 + "报~" + hashlib.sha256(("报告" * 40).encode()).hexdigest()[:10]
    assert [d.doc_id for d in corpus.documents] == ["a.2006", "a.2007", long_id]
    assert [len(d.paragraphs) for d in corpus.documents] == [3, 3, 3]
    failed = {os.path.basename(k): v.split(": ", 1)[1] for k, v in corpus.failed.items()}
    assert list(failed) == ["bin.txt", "dangling.txt", "empty.txt", "fr.txt", "pipe.txt", "x.txt"]  # in name order
    assert failed["bin.txt"] == "binary file (contains NUL or control bytes), not text"
    assert failed["dangling.txt"] == "broken symbolic link (to nowhere.txt, which does not exist)"
    assert failed["empty.txt"] == "empty file"
    # read as GB18030, é pairs with the next letter into 4 Chinese characters (ée, én, ér, és) among 33 Latin letters
    assert failed["fr.txt"].startswith("is not Chinese text: only 11% of its letters are Chinese characters when read as "
                                       "gb18030 (a Chinese document needs at least 30%); charset-normalizer guesses ")
    assert failed["pipe.txt"] == "is a FIFO (named pipe), not a regular file: not read"
    assert failed["x.txt"] == "is a folder, not a file"
    assert all(k.startswith(str(folder)) and v.startswith(k + ": ") for k, v in corpus.failed.items())
    assert corpus.notes == []


def test_a_file_named_is_strict_a_folder_entry_is_not(tmp_path):
    good = _write(tmp_path / "good.txt", RESOLUTION)
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(DocumentError) as exc:
        read_corpus([good, tmp_path / "pipe.txt"], strict=True)
    assert str(exc.value) == f"{tmp_path / 'pipe.txt'}: is a FIFO (named pipe), not a regular file: not read"
    corpus = read_corpus([good, tmp_path / "pipe.txt"])  # not strict (the report): named and skipped
    assert [d.doc_id for d in corpus.documents] == ["good"] and list(corpus.failed) == [str(tmp_path / "pipe.txt")]


def test_the_same_name_in_two_folders_gives_two_ids_and_says_so(tmp_path):
    first = _write(tmp_path / "2006" / "a.txt", RESOLUTION)
    second = _write(tmp_path / "2007" / "a.txt", DECISION)
    third = _write(tmp_path / "2008" / "A.txt", DECISION)  # ids name output files: case does not make them distinct
    corpus = read_corpus([tmp_path / "2006", tmp_path / "2007", third])
    assert [d.doc_id for d in corpus.documents] == ["a", "a-2", "A-3"]
    assert [set(d.paragraphs["doc_id"]) for d in corpus.documents] == [{"a"}, {"a-2"}, {"A-3"}]
    assert corpus.notes == [f"{second}: document id 'a' is already that of {first}; this document's id is 'a-2'",
                            f"{third}: document id 'A' is already that of {first}; this document's id is 'A-3'"]
    # the same command gives the same ids; another order, other ids (the first keeps its own)
    assert [d.doc_id for d in read_corpus([tmp_path / "2007", tmp_path / "2006"]).documents] == ["a", "a-2"]


def test_ids_are_chosen_among_the_documents_read(tmp_path):
    _write(tmp_path / "x" / "a.txt", "")  # unreadable: does not take the id 'a'
    second = _write(tmp_path / "y" / "a.txt", RESOLUTION)
    corpus = read_corpus([tmp_path / "x", tmp_path / "y"])
    assert [d.doc_id for d in corpus.documents] == ["a"] and corpus.documents[0].raw.path == second
    assert unique_ids([second, second, tmp_path / "a-2.txt"])[0] == ["a", "a-2", "a-2-2"]


def test_a_file_given_twice_is_read_once(tmp_path, monkeypatch):
    p = _write(tmp_path / "a.txt", RESOLUTION)
    monkeypatch.chdir(tmp_path)
    corpus = read_corpus(["a.txt", p, tmp_path])
    assert [d.doc_id for d in corpus.documents] == ["a"]
    assert corpus.notes == [f"{p}: given twice (also as {p}): read once"] * 2


def test_folders_without_documents(tmp_path):
    (tmp_path / "notes.md").write_text("移徙者", encoding="utf-8")
    with pytest.raises(DocumentError) as exc:
        read_corpus(tmp_path)
    assert str(exc.value) == f"{tmp_path}: folder has no .txt documents"
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(DocumentError) as exc:
        read_corpus(tmp_path)
    assert str(exc.value) == f"{tmp_path / 'x.txt'}: is a folder, not a file"

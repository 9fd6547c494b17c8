"""Nothing silently dropped: a group that has no row in a freq or keyness table is named on stderr,
with why, one line each; no numpy warning on the way.

Fixtures: the goals layout (5 targets, 22 counted tokens: 消除 in targets 1.1 and 2.1) and documents
written here — one of stopwords only, one of a single paragraph.
"""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
from helpers import cli_run, csv_table

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
STOPWORDS_ONLY = "的 了 和 是 在 也 就 都 而 及 与 着 或 一个 没有 我们 你们 他们\n"


@pytest.fixture()
def goals_and_stopwords(tmp_path):
    shutil.copy(LAYOUTS / "goals.txt", tmp_path / "goals.txt")
    (tmp_path / "stop.txt").write_text(STOPWORDS_ONLY, encoding="utf-8")
    return tmp_path


def run_strict(capsys, *argv):
    """``unzh ARGV`` with every warning an error (a numpy RuntimeWarning would fail the test)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return cli_run(capsys, *argv)


LEFT_OUT = ("document stop left out: no counted token: its body paragraphs hold only stopwords, numbers or "
            "punctuation")


@pytest.mark.parametrize("own_stopwords", [False, True], ids=["engine", "token-table"])
def test_freq_names_a_document_of_stopwords_only(capsys, goals_and_stopwords, tmp_path_factory, own_stopwords):
    extra = []
    if own_stopwords:  # a user list: the token-table path instead of the corpus engine
        f = tmp_path_factory.mktemp("sw") / "mine.txt"
        f.write_text("无关词\n", encoding="utf-8")
        extra = ["--stopwords", str(f)]
    rc, out, err = run_strict(capsys, "freq", str(goals_and_stopwords), "--by", "doc_id", "--top", "1", *extra)
    assert rc == 0, err
    assert csv_table(out) == [{"doc_id": "goals", "term": "消除", "count": "2", "rate_per_1000": "90.9090909090909",
                               "doc_freq": "2", "rank": "1"}]
    assert [line for line in err.splitlines() if "left out" in line] == [f"unzh freq: {LEFT_OUT}"]


def test_keyness_of_one_document_and_one_of_stopwords_is_one_error_without_numpy_warnings(capsys,
                                                                                        goals_and_stopwords):
    rc, out, err = run_strict(capsys, "keyness", str(goals_and_stopwords))
    assert rc == 2 and out == ""
    assert err.splitlines()[-1] == (
        f"unzh: error: {goals_and_stopwords}: keyness compares groups: grouping by 'doc_id' gives 1 group(s) "
        "with a counted token (stop: none), need at least 2")
    assert "Warning" not in err


def test_keyness_names_the_group_the_paragraph_guard_leaves_without_a_row(capsys, tmp_path):
    for name in ("goals", "chaptered", "resolution"):
        shutil.copy(LAYOUTS / f"{name}.txt", tmp_path / f"{name}.txt")
    (tmp_path / "single.txt").write_text("各国应加强合作，保护移徙者的人权。\n", encoding="utf-8")
    (tmp_path / "stop.txt").write_text(STOPWORDS_ONLY, encoding="utf-8")
    rc, out, err = run_strict(capsys, "keyness", str(tmp_path), "--top", "1")
    assert rc == 0, err
    # chaptered: 报告 in paras 1 and 2; goals: 消除 in 1.1 and 2.1; resolution: 注意到 in preambular 2 and op. 1
    assert [(r["doc_id"], r["term"]) for r in csv_table(out)] == [
        ("chaptered", "报告"), ("goals", "消除"), ("resolution", "注意到")]
    assert [line for line in err.splitlines() if "left out" in line or "no row" in line
            or "compared" in line] == [
        f"unzh keyness: {LEFT_OUT}",
        "unzh keyness: document single has no row: it has 1 paragraph, fewer than --min-paragraphs 2: no term "
        "can be key in it",
        "unzh keyness: 4 group(s) by 'doc_id' compared, min 2 paragraph(s); 1 left out (no counted token)"]

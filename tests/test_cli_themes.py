"""``unzh themes`` / ``unzh cooc`` / ``unzh theme-evidence``: headers, hand-counted values, exit codes, one-line errors.

Values: the fixture and lexicon described in tests/test_textstat_themes.py and tests/test_textstat_cooccurrence.py.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SEED
from helpers import cli_run as run
from helpers import csv_table as table

FIXTURES = Path(__file__).parent / "fixtures"
MINI = str(FIXTURES / "themes_mini.txt")
LEX = ["--lexicon", str(FIXTURES / "themes_mini_lexicon.tsv")]
EDGE_HEADER = "theme_a,theme_b,label_a,label_b,count,jaccard,lift,expected,n_a,n_b,n_units,unit,group"


def test_themes_table(capsys):
    rc, out, err = run(capsys, "themes", MINI, *LEX, "--lang", "en")
    assert rc == 0
    assert out.splitlines()[0] == "debate,theme_id,label,units_coded,units,share"
    rows = table(out)
    assert [(r["debate"], r["theme_id"], r["units_coded"], r["units"]) for r in rows] == [
        ("1", "rights", "3", "3"), ("1", "labour", "1", "3"), ("1", "traffic", "2", "3"), ("1", "dev", "1", "3"),
        ("2", "rights", "1", "2"), ("2", "labour", "2", "2"), ("2", "traffic", "0", "2"), ("2", "dev", "1", "2")]
    assert rows[0]["label"] == "Human rights"
    assert "2 group(s) by 'debate'" in err


def test_themes_whole_text_and_one_theme(capsys):
    rc, out, _ = run(capsys, "themes", MINI, *LEX, "--by", "none", "--theme", "dev", "--lang", "zh")
    assert rc == 0
    assert out.splitlines() == ["theme_id,label,units_coded,units,share", "dev,发展,3,6,0.5"]


def test_cooc_pooled_then_per_debate(capsys):
    rc, out, err = run(capsys, "cooc", MINI, *LEX, "--lang", "en")
    assert rc == 0
    assert out.splitlines()[0] == EDGE_HEADER
    rows = table(out)
    # default --min-count 1: pairs found together at least once
    assert [(r["group"], r["theme_a"], r["theme_b"], r["count"]) for r in rows] == [
        ("all", "rights", "labour", "2"), ("all", "rights", "traffic", "2"), ("all", "rights", "dev", "1"),
        ("all", "labour", "dev", "2"),
        ("1", "rights", "labour", "1"), ("1", "rights", "traffic", "2"), ("1", "rights", "dev", "1"),
        ("1", "labour", "dev", "1"),
        ("2", "rights", "labour", "1"), ("2", "labour", "dev", "1")]
    first = rows[0]
    assert float(first["jaccard"]) == pytest.approx(0.4) and float(first["lift"]) == pytest.approx(2 / 2.4)
    assert float(first["expected"]) == pytest.approx(2.4) and first["unit"] == "paragraph"
    assert "grouping debate" in err


def test_cooc_one_debate_sentence_unit_min_count(capsys):
    rc, out, _ = run(capsys, "cooc", MINI, *LEX, "--debate", "1", "--unit", "sentence", "--min-count", "0")
    assert rc == 0
    rows = table(out)
    assert len(rows) == 6 and {r["group"] for r in rows} == {"1"} and {r["unit"] for r in rows} == {"sentence"}
    # debate 1 sentences: 保护人权。| 打击劳动剥削。| 劳工权利；| 经济。| 贩卖人口侵犯人权。
    counts = {(r["theme_a"], r["theme_b"]): int(r["count"]) for r in rows}
    assert counts == {("rights", "labour"): 1, ("rights", "traffic"): 1, ("rights", "dev"): 0,
                      ("labour", "traffic"): 0, ("labour", "dev"): 0, ("traffic", "dev"): 0}
    assert {r["n_units"] for r in rows} == {"5"}


def test_theme_evidence(capsys):
    rc, out, err = run(capsys, "theme-evidence", MINI, "rights", "traffic", "--debate", "1", *LEX)
    assert rc == 0
    assert out.splitlines()[0] == "ref,doc_id,section,debate,para_no,sentence_no,unit,terms_a,terms_b,text"
    assert [r["text"] for r in table(out)] == ["保护【人权】。打击【劳动剥削】。", "【贩卖人口】侵犯【人权】。"]
    assert "2 paragraph(s)" in err


def test_seed_cooc_header_and_debates(capsys):
    rc, out, _ = run(capsys, "cooc", str(SEED), "--debate", "4", "--min-count", "2")
    assert rc == 0 and out.splitlines()[0] == EDGE_HEADER
    rows = table(out)
    assert {r["group"] for r in rows} == {"4"} and {r["n_units"] for r in rows} == {"9"}


@pytest.mark.parametrize("argv, problem", [
    (["cooc", "{seed}", "--debate", "7"], "has no debate 7 (debates: 1, 2, 3, 4)"),
    (["cooc", "{mini}", "--debate", "3", *LEX], "has no debate 3 (debates: 1, 2)"),
    (["cooc", "{mini}", "--theme", "gender", *LEX], "unknown theme id 'gender'"),
    (["themes", "{seed}", "--theme", "nope"], "unknown theme id 'nope'"),
    (["theme-evidence", "{seed}", "human_rights", "nope"], "unknown theme id 'nope'"),
    (["themes", "{seed}", "--by", "speaker"], "unknown grouping column 'speaker'"),
    (["cooc", "{seed}", "--min-count", "-1"], "must be 0 or more"),
    (["themes", "{seed}", "--lexicon", "{bad}"], "line 3 (entry 'b'): term '人权' is already listed under 'a'"),
    (["cooc", "{nofile}"], "nofile.txt"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, argv, problem):
    bad = tmp_path / "bad.tsv"
    bad.write_text("theme_id\tlabel_zh\tlabel_en\tterms\na\t甲\tA\t人权\nb\t乙\tB\t人权\n", encoding="utf-8")
    subst = {"{seed}": str(SEED), "{mini}": MINI, "{bad}": str(bad), "{nofile}": str(tmp_path / "nofile.txt")}
    rc, out, err = run(capsys, *[subst.get(a, a) for a in argv])
    assert rc == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("unzh: error: ")
    assert problem in err


def test_no_debates_rejects_debate_option(capsys, tmp_path):
    doc = tmp_path / "plain.txt"
    doc.write_text(" 人权和经济。\n\n 劳工权利。\n", encoding="utf-8")
    rc, _, err = run(capsys, "cooc", str(doc), "--debate", "1", *LEX)
    assert rc == 2 and "has no debates" in err


def test_installed_command():
    exe = Path(sys.executable).with_name("unzh")
    if not exe.exists():
        pytest.skip("unzh console script not installed next to the interpreter")
    ok = subprocess.run([str(exe), "themes", MINI, *LEX], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "debate,theme_id,label,units_coded,units,share"
    bad = subprocess.run([str(exe), "cooc", str(SEED), "--debate", "7"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr

"""``unzh freq`` / ``unzh keyness``: CSV headers, values from the hand-counted fixture, exit codes, one-line errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import cli_run as run
from helpers import csv_table as table

MINI = Path(__file__).parent / "fixtures" / "freq_mini.txt"  # described in tests/test_textstat_frequency.py


def test_freq_overall(capsys):
    rc, out, _ = run(capsys, "freq", str(MINI))
    assert rc == 0
    assert out.splitlines()[0] == "term,count,rate_per_1000,doc_freq,rank"
    rows = table(out)
    # 13 counted tokens: 汇款 4, 移徙者 4, 人权 2, 发展 2, 合作 1 (the stopword 的 never appears)
    assert [(r["term"], r["count"], r["doc_freq"]) for r in rows] == [
        ("汇款", "4", "2"), ("移徙者", "4", "3"), ("人权", "2", "2"), ("发展", "2", "2"), ("合作", "1", "1")]
    assert float(rows[0]["rate_per_1000"]) == pytest.approx(4000 / 13)


def test_freq_by_debate_top(capsys):
    rc, out, _ = run(capsys, "freq", str(MINI), "--by", "debate", "--top", "1")
    assert rc == 0
    assert out.splitlines() == ["debate,term,count,rate_per_1000,doc_freq,rank",
                                "1,移徙者,3,600.0,2,1", "2,汇款,3,500.0,1,1"]


def test_keyness_header_and_defaults(capsys):
    rc, out, err = run(capsys, "keyness", str(MINI))
    assert rc == 0
    assert out.splitlines()[0] == ("debate,term,count,count_rest,n_tokens,n_tokens_rest,rate_per_1000,"
                                   "rate_rest_per_1000,g2,p_value,q_value,log_ratio,doc_freq,doc_freq_rest,n_paragraphs,eligible,counted")
    rows = table(out)
    assert len(rows) == 8  # 4 terms x 2 debates (default grouping: debate)
    first = rows[0]
    assert (first["debate"], first["term"]) == ("1", "移徙者")
    assert float(first["g2"]) == pytest.approx(6.160841, abs=1e-6)  # worked out in tests/test_textstat_keyness.py
    assert "2 group(s) by 'debate'" in err


def test_keyness_top_applies_the_guard(capsys):
    rc, out, _ = run(capsys, "keyness", str(MINI), "--top", "5")
    assert rc == 0
    assert [(r["debate"], r["term"]) for r in table(out)] == [("1", "移徙者"), ("2", "发展")]
    rc, out, _ = run(capsys, "keyness", str(MINI), "--top", "5", "--min-paragraphs", "1")
    assert [(r["debate"], r["term"]) for r in table(out)] == [("1", "移徙者"), ("1", "人权"), ("2", "发展"), ("2", "汇款")]


def test_keyness_by_section_and_tfidf(capsys):
    rc, out, _ = run(capsys, "keyness", str(MINI), "--by", "section", "--top", "1")
    assert rc == 0
    assert out.splitlines()[0].startswith("section,term,")
    rc, out, _ = run(capsys, "keyness", str(MINI), "--tfidf", "--top", "1")
    assert rc == 0
    assert out.splitlines() == ["debate,term,count,tf,groups_with_term,idf,tfidf,rank",
                                "1,移徙者,3,600.0,1,0.3010299956639812,180.61799739838872,1",
                                "2,发展,2,333.3333333333333,1,0.3010299956639812,100.34333188799373,1"]


@pytest.mark.parametrize("argv, problem", [
    (["freq", "{f}", "--by", "paragraph"], "this text has no such unit 'paragraph'"),  # the seed's bullets are unnumbered
    (["keyness", "{f}", "--by", "speaker"], "unknown grouping column 'speaker'"),
    (["freq", "{f}", "--top", "0"], "must be a positive number"),
    (["keyness", "{f}", "--min-paragraphs", "0"], "must be at least 1"),
    (["keyness", "{f}", "--by", "doc_id"], "need at least 2"),
    (["freq", "{missing}"], "no such file"),
    (["keyness", "{missing}"], "no such file"),
])
def test_bad_input_is_one_line_exit_2(capsys, tmp_path, argv, problem):
    argv = [a.format(f=MINI, missing=tmp_path / "absent.txt") for a in argv]
    rc, out, err = run(capsys, *argv)
    assert rc == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("unzh: error: ") and problem in lines[0]


def test_single_group_error_names_the_file(capsys):
    rc, _, err = run(capsys, "keyness", str(MINI), "--by", "doc_id")
    assert rc == 2 and str(MINI) in err


def test_installed_command(tmp_path):
    exe = Path(sys.executable).with_name("unzh")
    if not exe.exists():
        pytest.skip("unzh console script not installed next to the interpreter")
    ok = subprocess.run([str(exe), "freq", str(MINI), "--top", "2"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "term,count,rate_per_1000,doc_freq,rank"
    bad = subprocess.run([str(exe), "keyness", str(MINI), "--by", "nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_freq_en_adds_the_glossary_english(capsys, tmp_path):
    rc, out, _ = run(capsys, "freq", str(MINI), "--en", "--top", "3")
    assert rc == 0
    assert out.splitlines()[0] == "term,en,count,rate_per_1000,doc_freq,rank"
    assert [(r["term"], r["en"]) for r in table(out)] == [("汇款", "remittances"), ("移徙者", "migrants"),
                                                           ("人权", "human rights")]
    mine = tmp_path / "mine.tsv"
    mine.write_text("term\ten\tsource\n汇款\tremittance flows\tmy reading\n", encoding="utf-8")
    rc, out, _ = run(capsys, "freq", str(MINI), "--by", "debate", "--glossary", str(mine), "--top", "1")
    assert rc == 0   # the user's file overrides the shipped 汇款 "remittances"
    assert out.splitlines() == ["debate,term,en,count,rate_per_1000,doc_freq,rank",
                                "1,移徙者,migrants,3,600.0,2,1", "2,汇款,remittance flows,3,500.0,1,1"]
    rc, out, _ = run(capsys, "keyness", str(MINI), "--en", "--top", "1")
    assert rc == 0
    assert [(r["debate"], r["term"], r["en"]) for r in table(out)] == [("1", "移徙者", "migrants"), ("2", "发展", "development")]


def test_a_bad_glossary_is_one_line_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("term\ten\tsource\n汇款\tremittances\n", encoding="utf-8")
    rc, _, err = run(capsys, "freq", str(MINI), "--glossary", str(bad))
    assert rc == 2
    assert err.strip().count("\n") == 0 and "bad.tsv: line 2" in err

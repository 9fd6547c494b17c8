"""``unzh stakeholders`` / ``unzh stakeholder-evidence``: header, hand-counted values, exit codes, one-line errors.

Values: the fixture and lexicons described in tests/test_textstat_stakeholders.py and tests/test_textstat_emphasis.py.
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
MINI = str(FIXTURES / "stakeholders_mini.txt")
LEX = ["--lexicon", str(FIXTURES / "stakeholders_mini_actors.tsv"), "--verbs", str(FIXTURES / "stakeholders_mini_verbs.tsv")]
HEADER = ("debate,actor_id,label,actor_group,mentions,paragraphs_naming,paragraphs,chars,rate,rate_low,rate_high,"
          "share,share_low,share_high,emphasis,emphasis_low,emphasis_high,emphasis_rate,emphasis_rate_low,"
          "emphasis_rate_high,mean_weight")


def test_stakeholders_table(capsys):
    rc, out, err = run(capsys, "stakeholders", MINI, *LEX, "--lang", "en", "--n-boot", "200", "--seed", "3")
    assert rc == 0
    assert out.splitlines()[0] == HEADER
    rows = table(out)
    assert [(r["debate"], r["actor_id"], r["mentions"], r["paragraphs_naming"], r["chars"]) for r in rows][:6] == [
        ("1", "migrants", "4", "3", "65"), ("1", "migrant_workers", "1", "1", "65"), ("1", "workers", "1", "1", "65"),
        ("1", "states", "0", "0", "65"), ("1", "governments", "1", "1", "65"), ("1", "destination", "2", "2", "65")]
    first = rows[0]
    assert first["label"] == "Migrants" and first["actor_group"] == "people"
    assert float(first["emphasis"]) == 10 and float(first["rate"]) == pytest.approx(4000 / 65)
    assert float(first["emphasis_low"]) <= 12 <= float(first["emphasis_high"])
    assert "16 mentions in 10 sentences; 2 group(s) by 'debate'" in err and "200 resamples, seed 3" in err
    _, out2, _ = run(capsys, "stakeholders", MINI, *LEX, "--lang", "en", "--n-boot", "200", "--seed", "3")
    assert out2 == out                                                  # same seed, same intervals


def test_whole_text_one_actor_and_first_rule(capsys):
    rc, out, _ = run(capsys, "stakeholders", MINI, *LEX, "--by", "none", "--actor", "migrants", "--n-boot", "0",
                     "--lang", "zh")
    assert rc == 0
    rows = table(out)
    assert out.splitlines()[0] == HEADER.removeprefix("debate,")
    assert [(r["label"], r["mentions"], r["emphasis"], r["chars"]) for r in rows] == [("移徙者", "6", "14.0", "104")]
    rc, out, _ = run(capsys, "stakeholders", MINI, *LEX, "--rule", "first", "--actor", "migrants", "--n-boot", "0")
    assert [r["emphasis"] for r in table(out)] == ["8.0", "1.0"]        # debate 1 ¶2 graded by 提到 (1), not 强调 (3)


def test_evidence(capsys):
    rc, out, err = run(capsys, "stakeholder-evidence", MINI, "destination", *LEX, "--debate", "1")
    assert rc == 0
    rows = table(out)
    assert [(r["para_no"], r["sentence_no"], r["verb"], r["verb_source"], r["contribution"], r["text"]) for r in rows] == [
        ("2", "2", "强调", "paragraph", "3.0", "【目的地国】也很重要。"), ("3", "1", "", "none", "1.0", "移徙者和【接受国】。")]
    assert "2 sentences, 2 mentions, emphasis 4 in debate 1" in err


@pytest.mark.parametrize("argv, message", [
    (["stakeholders", MINI, *LEX, "--by", "chapter"], "this text has no such unit 'chapter'"),
    (["stakeholders", MINI, *LEX, "--by", "para_no"], "unknown grouping column 'para_no'"),
    (["stakeholders", MINI, *LEX, "--n-boot", "-5"], "--n-boot: must be 0 or more"),
    (["stakeholders", MINI, *LEX, "--actor", "aliens"], "unknown actor id 'aliens'"),
    (["stakeholder-evidence", MINI, "aliens", *LEX], "unknown actor id 'aliens'"),
    (["stakeholder-evidence", MINI, "migrants", *LEX, "--debate", "9"], "has no debate 9 (debates: 1, 2)"),
    (["stakeholders", MINI, "--lexicon", str(FIXTURES / "stakeholders_mini.txt")], "column header lacks"),
    (["stakeholders", str(FIXTURES / "no_such_file.txt")], "no_such_file.txt"),
])
def test_bad_input_is_one_line_exit_2(capsys, argv, message):
    rc, out, err = run(capsys, *argv)
    assert rc == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_real_command_line_on_the_seed():
    res = subprocess.run([sys.executable, "-m", "unzh.cli", "stakeholders", str(SEED), "--lang", "en",
                          "--actor", "migrants", "--n-boot", "100"], capture_output=True, text=True, check=False)
    assert res.returncode == 0
    rows = table(res.stdout)
    assert [(r["debate"], r["mentions"], r["paragraphs_naming"], r["paragraphs"]) for r in rows] == [
        ("1", "19", "11", "14"), ("2", "9", "7", "10"), ("3", "4", "2", "9"), ("4", "5", "3", "9")]
    bad = subprocess.run([sys.executable, "-m", "unzh.cli", "stakeholders", str(SEED), "--by", "chapter"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stdout == "" and len(bad.stderr.splitlines()) == 1

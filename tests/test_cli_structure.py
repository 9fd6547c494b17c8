"""`unzh structure`: the coverage account as CSV, one line on stderr per document that needs a look."""
from __future__ import annotations

from pathlib import Path

from helpers import SEED, cli_run, csv_table

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def test_structure_prints_one_row_per_document(capsys):
    rc, out, err = cli_run(capsys, "structure", str(SEED), str(LAYOUTS / "goals.txt"))
    assert rc == 0, err
    rows = csv_table(out)
    assert [(r["doc_id"], r["layout"], r["fallback"], r["body_paragraphs"], r["chars"], r["body_chars"])
            for r in rows] == [("000_c6292b922524f64f", "letter_annex", "False", "54", "5050", "4601"),
                               ("goals", "hierarchical", "False", "5", "145", "95")]
    assert err == ""


def test_fallback_low_body_share_and_cut_lines_are_named_on_stderr(capsys):
    files = [LAYOUTS / "plain_lines.txt", LAYOUTS / "numbered.txt", LAYOUTS / "runon.txt"]
    rc, out, err = cli_run(capsys, "structure", *map(str, files))
    assert rc == 0
    assert [r["warning"] for r in csv_table(out)][:2] == [
        "no layout recognised, fell back to one paragraph per blank-line block or line",
        "only 58% of 109 characters are in body paragraphs (under 60%; see the coverage account)"]
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("unzh structure: ") and lines[0].endswith(
        "plain_lines.txt: no layout recognised, fell back to one paragraph per blank-line block or line")
    assert "numbered.txt: only 58% of 109 characters" in lines[1]
    assert lines[2].endswith("runon.txt: long lines without paragraph breaks were cut at paragraph numbers and headings")


def test_missing_file_is_a_one_line_error(capsys, tmp_path):
    rc, out, err = cli_run(capsys, "structure", str(tmp_path / "nope.txt"))
    assert rc == 2 and out == ""
    assert len(err.splitlines()) == 1 and "nope.txt" in err


def test_every_analysis_subcommand_names_a_document_whose_structure_is_in_doubt(capsys, monkeypatch):
    monkeypatch.chdir(LAYOUTS)  # the file named as the user named it, relative to the current folder
    f = "plain_lines.txt"
    for command in ("freq", "paragraphs", "tokens", "themes", "stakeholders"):
        argv = [command, f] + (["--n-boot", "0"] if command == "stakeholders" else [])
        rc, out, err = cli_run(capsys, *argv)
        assert rc == 0, err
        assert (f"unzh {command}: {f}: no layout recognised, fell back to one paragraph per blank-line block "
                "or line") in err.splitlines()
    rc, out, err = cli_run(capsys, "freq", "goals.txt")
    assert rc == 0 and err == ""  # a recognised layout with 66% body text: nothing to say

"""The teaching parameters of the notebooks (unit and thresholds), as a teacher sets them: in the
parameters cell, or through `unzh report --unit/--min-paragraphs/--min-edge-count/--min-pair-count`.

Hand counts on tests/fixtures/explore/two_chapters.txt: 移徙工人 is said twice in paragraph 1, in two
sentences (移徙工人享有权利。移徙工人应受保护。), and nowhere else.  By paragraphs it is in 1 unit of
chapter 1, below the guard of 2; by sentences in 2 units, so it passes.

On tests/fixtures/themes_mini.txt with its lexicon (tests/test_textstat_cooccurrence.py), the pairs
pooled over the 5 paragraphs of the two debates have counts rights-labour 2, rights-traffic 2,
labour-dev 2, rights-dev 1, the other two 0: with min_edge_count 3 the network has no edge (with the
default 2 it would have three).
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from unzh import config
from unzh.errors import InputError
from unzh.report.notebooks import NOTEBOOKS, TEACHING_PARAMETERS, check_teaching_parameters, run_report
from unzh.segment import Segmenter, tokens_table
from unzh.text import body, read_corpus
from unzh.textstat import sentence_units, textstat_keyness

FIXTURES = Path(__file__).parent / "fixtures"
TWO = FIXTURES / "explore" / "two_chapters.txt"
THEMES = FIXTURES / "themes_mini.txt"
THEME_LEXICON = FIXTURES / "themes_mini_lexicon.tsv"


def _defaults(nb_name: str) -> dict:
    nb = nbformat.read(config.NOTEBOOKS_DIR / nb_name, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    out = {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign):
            out[node.targets[0].id] = ast.literal_eval(node.value)
    return out


def test_each_notebook_declares_its_teaching_parameters_with_the_documented_default():
    for name, (notebook, default, _rule) in TEACHING_PARAMETERS.items():
        nb_name = next(n for n in NOTEBOOKS if n.startswith(notebook))
        assert _defaults(nb_name)[name] == default, (nb_name, name)
    for nb_name in NOTEBOOKS:  # the dictionary and stopword switches exist in every report notebook
        d = _defaults(nb_name)
        assert d["user_dicts"] is None and d["stopword_files"] is None, nb_name


def test_check_teaching_parameters():
    assert check_teaching_parameters(unit="sentence", min_paragraphs=3, min_edge_count=None) == {
        "unit": "sentence", "min_paragraphs": 3}
    with pytest.raises(InputError, match=r"^unit: must be 'paragraph' or 'sentence', not 'word'$"):
        check_teaching_parameters(unit="word")
    with pytest.raises(InputError, match=r"^min_edge_count: must be an integer of at least 1, not 0$"):
        check_teaching_parameters(min_edge_count=0)
    with pytest.raises(InputError, match=r"^min_pair_count: must be an integer of at least 1, not True$"):
        check_teaching_parameters(min_pair_count=True)
    with pytest.raises(InputError, match=r"^top: unknown parameter"):
        check_teaching_parameters(top=3)


def test_sentence_units_carry_their_name_into_keyness():
    tokens = tokens_table(body(read_corpus([TWO]).paragraphs), Segmenter())
    by_paragraph = textstat_keyness(tokens, "section", min_paragraphs=2)
    by_sentence = textstat_keyness(sentence_units(tokens), "section", min_paragraphs=2)
    row = lambda k: k[(k["section"] == "section_1") & (k["term"] == "移徙工人")].iloc[0]  # noqa: E731
    assert (row(by_paragraph)["doc_freq"], bool(row(by_paragraph)["eligible"])) == (1, False)
    assert (row(by_sentence)["doc_freq"], bool(row(by_sentence)["eligible"])) == (2, True)
    assert (by_paragraph.attrs["unit"], by_sentence.attrs["unit"]) == ("paragraph", "sentence")


def _printed(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_notebook_02_with_sentence_units(tmp_path):
    res = run_report([TWO], tmp_path, notebooks=[config.NOTEBOOKS_DIR / NOTEBOOKS[1]], progress=False, html=False,
                     teaching={"unit": "sentence", "min_paragraphs": 2})
    assert res.notebook_errors == {}
    k = pd.read_csv(tmp_path / "figures" / "02_keyness_by_section_all_terms.csv")
    r = k[(k["section"] == "section_1") & (k["term"] == "移徙工人")].iloc[0]
    assert (r["count"], r["doc_freq"], bool(r["eligible"])) == (2, 2, True)
    prov = json.loads((tmp_path / "figures" / "provenance.json").read_text(encoding="utf-8"))["02-term-frequencies"]
    assert (prov["min_paragraphs"], prov["guard_unit"]) == (2, "sentence")
    assert "Guard: at least 2 sentence(s) contain the term on the side that uses it more" in _printed(res.executed[0])


def test_notebook_03_edge_threshold(tmp_path):
    res = run_report([THEMES], tmp_path, notebooks=[config.NOTEBOOKS_DIR / NOTEBOOKS[2]], progress=False, html=False,
                     lexicons={"themes": [str(THEME_LEXICON)]}, teaching={"min_edge_count": 3, "min_pair_count": 2})
    assert res.notebook_errors == {}
    prov = json.loads((tmp_path / "figures" / "provenance.json").read_text(encoding="utf-8"))["03-theme-cooccurrence"]
    assert prov["network"]["threshold"] == "count >= 3" and prov["network"]["edges"] == 0
    assert prov["differing_pairs"].endswith("pooled count >= 2, >= 2 groups")
    edges = pd.read_csv(tmp_path / "figures" / "03_cooccurrence_edges.csv")
    pooled = edges[(edges["group"] == "all") & (edges["unit"] == "paragraph")]
    assert sorted(pooled["count"].tolist()) == [0, 0, 1, 2, 2, 2]


def test_report_refuses_a_bad_threshold_before_writing(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "unzh", "report", str(TWO), "--out", str(out), "--min-edge-count", "0"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == ["unzh: error: min_edge_count: must be an integer of at least 1, not 0"]
    assert not out.exists()


def test_dictionary_and_stopwords_off_reach_the_notebooks():
    """`unzh report --no-default-dict --no-default-stopwords` passes empty lists (none), not "the defaults"."""
    from unzh.report.lexicons import notebook_lexicons
    from unzh.report.notebooks import lexicon_parameters
    params, record = lexicon_parameters({"user_dicts": [], "stopword_files": [], "themes": None})
    assert params == {"user_dicts": [], "stopword_files": []} and record == {"user_dicts": [], "stopword_files": []}
    lex = notebook_lexicons(read_corpus([TWO]).paragraphs, params["user_dicts"], params["stopword_files"])
    assert lex.segmenter_options() == {"user_dict": None, "stopwords": ()}

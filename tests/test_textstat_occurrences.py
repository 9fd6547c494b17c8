"""A term's occurrences, tokens and occurrences inside longer tokens (tests/fixtures/lexicons/term_counts.txt).

    专题辩论 1   国际人权标准，人权。            人权: 2 occurrences; token 国际人权标准 (1 inside), token 人权
                 人权，国际人权法，人权。        人权: 3 occurrences; tokens 人权 ×2, 国际人权法 (1 inside)
    专题辩论 2   保护个人权利。                  人权: 1 occurrence, across 个人 | 权利
                 发展，合作，移徙者，发展。      none
Counted tokens: debate 1: 5 (国际人权标准, 人权 ×3, 国际人权法); debate 2: 7.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import cli_run, csv_table
from scipy.stats import chi2_contingency

from unzh.errors import InputError
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.document import read_document
from unzh.text.structure import body
from unzh.textstat.occurrences import term_counts, term_keyness

FIXTURE = Path(__file__).parent / "fixtures" / "lexicons" / "term_counts.txt"


@pytest.fixture(scope="module")
def tables():
    paragraphs = body(read_document(FIXTURE).paragraphs)
    return paragraphs, tokens_table(paragraphs, Segmenter(), cache=False)


def test_three_counts_by_debate(tables):
    t = term_counts(*tables, "人权", by="debate")
    assert t.drop(columns="term").astype(int).values.tolist() == [[1, 5, 3, 2, 0], [2, 1, 0, 0, 1]]
    assert list(t.columns) == ["debate", "term", "occurrences", "tokens", "in_longer_tokens", "across_tokens"]


def test_three_counts_whole_text_and_a_missing_term(tables):
    t = term_counts(*tables, "人权")
    assert t.to_dict("records") == [{"group": "all", "term": "人权", "occurrences": 6, "tokens": 3,
                                     "in_longer_tokens": 2, "across_tokens": 1}]
    assert term_counts(*tables, "难民")[["occurrences", "tokens"]].values.tolist() == [[0, 0]]
    with pytest.raises(InputError, match="empty term"):
        term_counts(*tables, " ")


def test_keyness_by_occurrences_and_by_tokens(tables):
    occ = term_keyness(*tables, "人权", "debate")
    assert occ[["count", "count_rest", "n_tokens", "n_tokens_rest"]].values.tolist() == [[5, 1, 5, 7], [1, 5, 7, 5]]
    g2 = chi2_contingency([[5, 1], [0, 6]], correction=False, lambda_="log-likelihood")[0]
    assert occ["g2"].tolist() == pytest.approx([g2, -g2])
    tok = term_keyness(*tables, "人权", "debate", count="tokens")
    assert tok[["count", "count_rest"]].values.tolist() == [[3, 0], [0, 3]]
    g2 = chi2_contingency([[3, 0], [2, 7]], correction=False, lambda_="log-likelihood")[0]
    assert tok["g2"].tolist() == pytest.approx([g2, -g2])
    assert set(occ["counted"]) == {"occurrences"} and set(tok["counted"]) == {"tokens"}
    with pytest.raises(InputError, match="unknown count 'types'"):
        term_keyness(*tables, "人权", "debate", count="types")


def test_freq_and_keyness_term_on_the_command_line(capsys):
    rc, out, err = cli_run(capsys, "freq", str(FIXTURE), "--term", "人权", "--by", "debate")
    assert rc == 0, err
    assert [(r["debate"], r["occurrences"], r["tokens"], r["in_longer_tokens"]) for r in csv_table(out)] == [
        ("1", "5", "3", "2"), ("2", "1", "0", "0")]
    assert err.strip() == ("unzh freq: '人权': 6 occurrence(s) in the body text, 3 as a token, 2 inside longer "
                           "tokens, 1 across token boundaries")
    rc, out, err = cli_run(capsys, "keyness", str(FIXTURE), "--term", "人权")
    assert rc == 0, err
    assert [(r["debate"], r["count"], r["counted"]) for r in csv_table(out)] == [
        ("1", "5", "occurrences"), ("2", "1", "occurrences")]
    rc, out, err = cli_run(capsys, "keyness", str(FIXTURE), "--term", "人权", "--count", "tokens")
    assert [r["count"] for r in csv_table(out)] == ["3", "0"]


def test_seed_human_rights_by_occurrences(seed_paragraphs):
    """The seed's numbers of issue 16: 人权 by debate, 7/0/1/4 occurrences against 5/0/0/4 tokens."""
    paragraphs = body(seed_paragraphs)
    tokens = tokens_table(paragraphs, Segmenter())
    t = term_counts(paragraphs, tokens, "人权", by="debate")
    assert t["occurrences"].tolist() == [7, 0, 1, 4] and t["tokens"].tolist() == [5, 0, 0, 4]
    assert t["in_longer_tokens"].tolist() == [2, 0, 1, 0] and not t["across_tokens"].any()
    occ, tok = (term_keyness(paragraphs, tokens, "人权", "debate", count=c) for c in ("occurrences", "tokens"))
    # debate 3: under-used by tokens (G2 -5.37, p 0.020), not significantly by occurrences (-2.39, p 0.12)
    assert (round(tok["g2"][2], 2), round(tok["p_value"][2], 3)) == (-5.37, 0.02)
    assert (round(occ["g2"][2], 2), round(occ["p_value"][2], 2)) == (-2.39, 0.12)

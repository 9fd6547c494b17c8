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


def test_hidden_heads_are_parts_of_dictionary_words_not_affixed_stems():
    from unzh.textstat.keyness import compound_parts, hidden_heads
    # jieba's own dictionary, the compound itself left out as a choice
    assert compound_parts("国际人权标准") == ["国际", "人权", "标准"]
    assert compound_parts("国际人权法") == ["国际", "人权法"] and compound_parts("人权法") == ["人权", "法"]
    assert compound_parts("国际法律文书") == ["国际", "法律文书"] and compound_parts("移徙者") == ["移徙", "者"]
    vocabulary = {"人权", "国际", "标准", "国际法", "法律", "移徙", "移徙者", "正常", "非正常", "考虑", "国际人权标准",
                  "国际人权法", "国际法律文书", "国际移徙", "非正常移徙者", "考虑到"}
    compounds = {"国际人权标准", "国际人权法", "国际法律文书", "国际移徙", "非正常移徙者", "考虑到", "不在词表里的词"}
    cut = {"国际人权标准": ["国际", "人权", "标准"], "国际人权法": ["国际", "人权法"], "人权法": ["人权", "法"],
           "国际法律文书": ["国际", "法律文书"], "法律文书": ["法律", "文书"], "国际移徙": ["国际", "移徙"],
           "非正常移徙者": ["非正常", "移徙", "者"], "非正常": ["非", "正常"], "考虑到": ["考虑", "到"]}
    got = {head: sorted(words) for head, words in hidden_heads(vocabulary, compounds, cut=cut.__getitem__).items()}
    # 人权 inside 人权法 inside 国际人权法; 国际法律文书 = 国际 | 法律 | 文书 holds no 国际法; 非正常移徙者 holds
    # 非正常 and 移徙者 but not 移徙 (before the suffix 者) nor 正常 (after the prefix 非); 考虑到 holds no 考虑
    assert got == {"国际": [("国际人权标准", 1), ("国际人权法", 1), ("国际法律文书", 1), ("国际移徙", 1)],
                   "人权": [("国际人权标准", 1), ("国际人权法", 1)], "标准": [("国际人权标准", 1)],
                   "法律": [("国际法律文书", 1)], "移徙": [("国际移徙", 1)], "移徙者": [("非正常移徙者", 1)],
                   "非正常": [("非正常移徙者", 1)]}
    by_jieba = hidden_heads(vocabulary, compounds)  # the same with jieba's own cuts
    assert "国际法" not in by_jieba and "正常" not in by_jieba and "考虑" not in by_jieba
    assert by_jieba["人权"] == [("国际人权标准", 1), ("国际人权法", 1)] and by_jieba["移徙"] == [("国际移徙", 1)]


def test_keyness_counts_a_hidden_head_by_occurrences(tables):
    from unzh.lexicon.files import known_terms
    from unzh.textstat.keyness import textstat_keyness
    _, tokens = tables
    by_tokens = textstat_keyness(tokens, "debate", min_paragraphs=1)
    k = textstat_keyness(tokens, "debate", min_paragraphs=1, compounds=known_terms())
    row = k[(k["debate"] == 1) & (k["term"] == "人权")].iloc[0]
    # debate 1: 3 tokens 人权 + 1 in 国际人权标准 + 1 in 国际人权法 = 5 of its 5 counted tokens; debate 2 (7 tokens):
    # none (个人权利 is 个人 | 权利: no part of a dictionary word)
    assert (row["count"], row["count_rest"], row["n_tokens"], row["n_tokens_rest"], row["counted"]) == (
        5, 0, 5, 7, "occurrences")
    assert row["doc_freq"] == 2 and row["g2"] == pytest.approx(
        chi2_contingency([[5, 0], [0, 7]], correction=False, lambda_="log-likelihood")[0])
    old = by_tokens[(by_tokens["debate"] == 1) & (by_tokens["term"] == "人权")].iloc[0]
    assert (old["count"], old["counted"]) == (3, "tokens")
    # every other term is counted by tokens, as before
    others = k[k["term"] != "人权"].reset_index(drop=True)
    same = by_tokens[by_tokens["term"] != "人权"].reset_index(drop=True)
    assert set(others["counted"]) == {"tokens"}
    pd_cols = ["debate", "term", "count", "count_rest", "g2", "doc_freq"]
    assert others[pd_cols].sort_values(["debate", "term"]).values.tolist() == \
        same[pd_cols].sort_values(["debate", "term"]).values.tolist()


def test_the_main_keyness_table_of_the_seed_counts_human_rights_by_occurrences(capsys):
    """`unzh keyness SEED` (no --term): 人权 by occurrences, 7/0/1/4, so debate 3 (1 occurrence, in 国际人权法, of
    239 counted tokens against 11 of 692) is no longer significantly under-used (by tokens: 0, G2 -5.37, p 0.020)."""
    from helpers import SEED
    rc, out, err = cli_run(capsys, "keyness", str(SEED))
    assert rc == 0, err
    rows = {r["debate"]: r for r in csv_table(out) if r["term"] == "人权"}
    assert [(d, rows[d]["count"], rows[d]["counted"]) for d in "1234"] == [
        ("1", "7", "occurrences"), ("2", "0", "occurrences"), ("3", "1", "occurrences"), ("4", "4", "occurrences")]
    three = rows["3"]
    assert (three["count_rest"], three["n_tokens"], three["n_tokens_rest"]) == ("11", "239", "692")
    expected = chi2_contingency([[1, 11], [238, 681]], correction=False, lambda_="log-likelihood")
    assert -float(three["g2"]) == pytest.approx(expected[0]) and float(three["p_value"]) == pytest.approx(expected[1])
    assert float(three["p_value"]) > 0.05

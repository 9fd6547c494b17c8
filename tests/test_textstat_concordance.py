"""KWIC: every occurrence, counts equal plain string counts in the cleaned text."""
from __future__ import annotations

import pytest

from unzh.errors import UnknownTermError
from unzh.text.structure import paragraph_table
from unzh.textstat.concordance import KWIC_COLUMNS, kwic


@pytest.mark.parametrize("term", ["移徙者", "移徙", "国际移徙", "汇款", "人权", "原籍国", "（", "2006年", "接受国", "者"])
def test_counts_equal_string_counts(seed_doc, term):
    out = kwic(seed_doc.paragraphs, term)
    assert len(out) == seed_doc.cleaned_text.count(term)


def test_rows_and_context():
    par = paragraph_table("k", "甲乙移徙者丙丁移徙者。 \n\n 移徙者。 \n\n")
    out = kwic(par, "移徙者", width=2)
    assert list(out.columns) == KWIC_COLUMNS
    assert out[["para_id", "start", "left", "term", "right"]].values.tolist() == [
        [1, 2, "甲乙", "移徙者", "丙丁"],
        [1, 7, "丙丁", "移徙者", "。"],
        [2, 0, "", "移徙者", "。"],
    ]


def test_unknown_term_gives_no_rows_and_empty_term_is_an_error(seed_paragraphs):
    assert len(kwic(seed_paragraphs, "火星人")) == 0
    with pytest.raises(UnknownTermError, match="empty search term"):
        kwic(seed_paragraphs, "  ")


def test_debate_columns(seed_paragraphs):
    out = kwic(seed_paragraphs, "汇款")
    assert out.groupby("debate").size().to_dict() == {2: 2, 4: 3}

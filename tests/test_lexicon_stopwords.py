"""The stopword lists: grounded in stopwords-iso (MIT), with the project's additions for UN texts.

The words that leaked into every top-50 list before issue 16 (postpositions, classifier phrases,
vague nouns, Latin letters from numbering like ``1.a``) must be in no top 50: of a small fixture,
of each debate of the seed, and of general news text (the SIGHAN 2005 PKU test text, when present).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from unzh import config
from unzh.lexicon.files import known_terms, load_reporting_verbs, load_stakeholders, load_themes, read_stopwords
from unzh.segment.segmenter import Segmenter, tokens_table
from unzh.text.document import read_document
from unzh.text.structure import body, paragraph_table
from unzh.textstat.frequency import term_frequency

LEAKS = ["中", "上", "时", "下", "之间", "一个", "情况", "方式", "a", "b", "c"]


def test_the_default_lists_are_the_iso_list_and_the_project_additions():
    iso, own = read_stopwords(config.STOPWORDS_ISO), read_stopwords(config.STOPWORDS)
    assert len(iso) == 753 and "者" not in iso and "的" in iso and "一个" in iso
    assert set(LEAKS) <= iso | own
    assert Segmenter().stopword_set == iso | own


def test_no_stopword_is_a_lexicon_term():
    """No stopword is a term a lexicon finds, except an opening verb (^请 in reporting_verbs.tsv): it is
    found only where it opens a sentence, for the sentence's force, and is never counted as a term, so
    stopwords-iso's 请 stays a stopword (the token counts do not change)."""
    verbs = load_reporting_verbs()
    terms = set(known_terms(None, *map(load_themes, config.THEME_LEXICONS.values()),
                            *map(load_stakeholders, config.ACTOR_LEXICONS.values()), verbs[~verbs["opening"]]))
    for path in config.STOPWORD_FILES:
        assert sorted(read_stopwords(path) & terms) == [], path.name
    assert sorted(read_stopwords(config.STOPWORD_FILES[0]) & set(verbs["verb"][verbs["opening"]])) == ["请"]


def test_numbering_letters_and_postpositions_are_not_counted():
    # 1.a / (b) numbering and the leaks of the seed, in a paragraph of 10 content tokens
    text = "1.a 会员国之间的合作。(b) 在这种情况下，以一个方式促进合作，发展中。\n"
    paragraphs = paragraph_table("mini", text)
    freq = term_frequency(tokens_table(body(paragraphs), Segmenter(), cache=False))
    assert dict(zip(freq["term"].astype(str), freq["count"])) == {"合作": 2, "会员国": 1, "促进": 1, "发展": 1}


def _top50_each_debate(tokens):
    top = term_frequency(tokens, by="debate", top=50)
    return {d: set(g["term"].astype(str)) for d, g in top.groupby("debate")}


def test_no_leak_in_any_top50_of_the_seed():
    paragraphs = body(read_document(config.SEED_DOCUMENT).paragraphs)
    tops = _top50_each_debate(tokens_table(paragraphs, Segmenter(), cache=False))
    assert sorted(tops) == [1, 2, 3, 4]
    for debate, terms in tops.items():
        assert sorted(terms & set(LEAKS)) == [], debate


def test_no_leak_in_the_top50_of_general_text():
    root = Path(__file__).resolve().parents[1]
    where = next((p / "shared" / "sighan2005" for p in (root.parent, *root.parents[1:4])
                  if (p / "shared" / "sighan2005" / "pku_test.utf8").is_file()), None)
    if where is None:
        pytest.skip("the SIGHAN 2005 PKU test text is not beside the project (../shared/sighan2005)")
    seg = Segmenter()
    counts = Counter(seg.words((where / "pku_test.utf8").read_text(encoding="utf-8")))
    top = [w for w, _ in counts.most_common(50)]
    assert len(top) == 50 and sorted(set(top) & set(LEAKS)) == []
    assert top[:3] == ["中国", "发展", "新世纪"]  # before issue 16: 中国, 上, 中

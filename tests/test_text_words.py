"""English number agreement in the package's sentences (unzh.text.words.plural)."""
import pandas as pd

from unzh.text.words import plural
from unzh.textstat.frequency import describe_top_terms


def test_plural():
    assert plural(1, "mention") == "1 mention" and plural(0, "mention") == "0 mentions"
    assert plural(2, "country", "countries") == "2 countries" and plural(1200, "token") == "1,200 tokens"


def test_a_term_in_one_paragraph_is_said_in_the_singular():
    freq = pd.DataFrame({"term": ["公约", "人权"], "count": [3, 1], "rate_per_1000": [30.0, 10.0],
                         "doc_freq": [2, 1], "rank": [1, 2]})
    assert describe_top_terms(freq, n=2) == ("The most frequent terms are 公约 (3×, 30.0 per 1,000 tokens, in 2 "
                                             "paragraphs), 人权 (1×, 10.0 per 1,000 tokens, in 1 paragraph).")

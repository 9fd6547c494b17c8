"""The segmentation audit on the seed."""
from __future__ import annotations

from unzh.segment.audit import compare_segmentations, dictionary_audit, hmm_inventions


def test_every_entry_intact_on_the_seed(seed_paragraphs):
    a = dictionary_audit(seed_paragraphs)
    assert a["intact"].all()
    row = a.set_index("term").loc["移徙者"]
    # 45 raw string occurrences of 移徙者, one of them inside 非正常移徙者
    assert sum(t.count("移徙者") for t in seed_paragraphs["text"]) == 45
    assert (row["occurrences"], row["as_token"], row["plain_jieba"]) == (44, 44, "移徙/者")
    assert a.set_index("term").loc["原籍国", "plain_jieba"] == "原籍/国"


def test_naive_counts_before_and_after(seed_paragraphs):
    c = compare_segmentations(seed_paragraphs, top=20)
    plain = dict(zip(c["plain_word"], c["plain_count"]))
    unzh = dict(zip(c["unzh_word"], c["unzh_count"]))
    assert plain["者"] == 48            # the number: 者 is a top word of a naive cloud
    assert "者" not in unzh and unzh["移徙者"] == 44
    assert list(c["plain_word"][:3]) == ["移徙", "国际", "者"]


def test_hmm_inventions_are_listed(seed_paragraphs):
    inv = hmm_inventions(seed_paragraphs)
    words = set(inv["word"])
    assert {"核可该", "中均", "日至"} <= words
    assert inv["count"].is_monotonic_decreasing

"""Tests for unzh.lexicon.matcher: longest-match-first counting on hand-countable strings."""
from __future__ import annotations

import random
import time
from collections import Counter

import pytest

from unzh.lexicon.matcher import (
    Match,
    TermMatcher,
    count_terms,
    find_terms,
    mark_terms,
    split_sentences,
)


def spans(matches):
    return [(m.start, m.end, m.term, m.key) for m in matches]


# ---------------------------------------------------------------- longest match
def test_longest_match_example_from_the_brief():
    # 移徙工人和移徙者及工人
    # 0123 4 567 8 9 10   -> 移徙工人 [0,4), 移徙者 [5,8), 工人 [9,11)
    text = "移徙工人和移徙者及工人"
    got = find_terms(text, ["移徙者", "移徙工人", "工人"])
    assert spans(got) == [
        (0, 4, "移徙工人", "移徙工人"),
        (5, 8, "移徙者", "移徙者"),
        (9, 11, "工人", "工人"),
    ]
    assert count_terms(text, ["移徙者", "移徙工人", "工人"]) == Counter({"移徙工人": 1, "移徙者": 1, "工人": 1})


def test_mapping_keys_and_no_double_counting():
    lexicon = {"移徙工人": "migrant_workers", "移徙者": "migrants", "工人": "workers", "工人组织": "workers_orgs"}
    # 移徙工人 (not 工人 inside it), 工人组织 (not 工人), 工人 once
    text = "保护移徙工人，工人组织和工人"
    got = find_terms(text, lexicon)
    assert [(m.term, m.key) for m in got] == [
        ("移徙工人", "migrant_workers"),
        ("工人组织", "workers_orgs"),
        ("工人", "workers"),
    ]
    assert count_terms(text, lexicon) == Counter({"migrant_workers": 1, "workers_orgs": 1, "workers": 1})


def test_governments_states_and_officials():
    lexicon = {"各国": "states", "政府": "governments", "各国政府": "governments", "政府官员": "officials"}
    # 各国政府 -> governments (not states + governments); 政府官员 -> officials; 政府 -> governments; 各国 -> states
    text = "各国政府和政府官员；政府与各国"
    assert count_terms(text, lexicon) == Counter({"governments": 2, "officials": 1, "states": 1})


def test_nested_reporting_verbs_count_once():
    verbs = ["强调", "指出", "强调指出", "特别强调", "特别强调指出", "着重指出"]
    assert [m.term for m in find_terms("特别强调指出应促进", verbs)] == ["特别强调指出"]
    assert [m.term for m in find_terms("还强调指出，着重指出，强调，指出", verbs)] == [
        "强调指出", "着重指出", "强调", "指出",
    ]


def test_leftmost_start_wins_over_a_longer_term_starting_later():
    # at position 0 only 移徙 starts; 徙者工人 (longer) starts at 1 and is never considered
    assert spans(find_terms("移徙者工人", ["移徙", "徙者工人"])) == [(0, 2, "移徙", "移徙")]


def test_falls_back_to_shorter_term_when_longer_one_breaks_off():
    # 移徙工人组织 does not complete; 移徙工人 does
    assert [m.term for m in find_terms("移徙工人组成", ["移徙工人组织", "移徙工人", "组成"])] == ["移徙工人", "组成"]


def test_regex_metacharacters_are_literal():
    terms = ["55(b)", "a.b", "[x]", "1+1"]
    text = "55(b) 和 axb a.b [x] 1+1 11"
    assert [m.term for m in find_terms(text, terms)] == ["55(b)", "a.b", "[x]", "1+1"]


def test_empty_inputs():
    assert find_terms("", ["工人"]) == []
    assert find_terms("工人", []) == []
    assert count_terms("工人", {}) == Counter()
    with pytest.raises(ValueError):
        find_terms("工人", ["", "工人"])
    with pytest.raises(TypeError):
        find_terms("工人", "工人")  # one string, not a collection


def test_matcher_object_reused():
    matcher = TermMatcher({"汇款": "remittances", "收款人": "remittances"})
    assert matcher.count("汇款和收款人；汇款") == Counter({"remittances": 3})
    assert count_terms("汇款", matcher) == Counter({"remittances": 1})
    assert find_terms("收款人", matcher) == [Match(0, 3, "收款人", "remittances")]


def _reference(text, term_to_key):
    """Character-by-character longest-match-first scan (the specification).

    At each position the longest term that starts there, then on after it; else one character on.
    """
    out, i = [], 0
    by_length = sorted(term_to_key, key=len, reverse=True)
    while i < len(text):
        for term in by_length:
            if text.startswith(term, i):
                out.append((i, i + len(term), term, term_to_key[term]))
                i += len(term)
                break
        else:
            i += 1
    return out


def test_matcher_equals_reference_scan_on_random_cases():
    rng = random.Random(20061005)
    alphabet = "移徙者工人组织政府"
    for _ in range(500):
        terms = {"".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        lexicon = {t: f"k{n % 3}" for n, t in enumerate(sorted(terms))}
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        assert spans(find_terms(text, lexicon)) == _reference(text, lexicon), (text, lexicon)


@pytest.mark.parametrize("alphabet", ["国际法", "国际法院", "ab国𠀀"])  # 𠀀: one code point, 4 bytes of UTF-8
def test_matcher_equals_reference_scan_on_small_alphabets(alphabet):
    # three or four characters: prefixes, suffixes and terms inside terms in almost every lexicon,
    # terms given in random order (the automaton's pattern order must not matter), some listed twice
    rng = random.Random(f"matcher {alphabet}")
    for trial in range(3000):
        words = ["".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
        words += rng.choices(words, k=rng.randint(0, 2))  # duplicates: one term each
        lexicon = {t: f"k{rng.randint(0, 2)}" for t in words}
        texts = ["".join(rng.choices(alphabet + "\n", k=rng.randint(0, 60))) for _ in range(rng.randint(1, 6))]
        matcher = TermMatcher(lexicon)
        expected = [_reference(t, lexicon) for t in texts]
        assert [spans(matcher.find(t)) for t in texts] == expected, (texts, lexicon)
        assert [matcher.terms(t) for t in texts] == [[m[2] for m in e] for e in expected]
        assert [matcher.count(t) for t in texts] == [Counter(m[3] for m in e) for e in expected]
        assert [spans(ms) for ms in matcher.find_each(texts)] == expected
        if trial % 100 == 0:  # the plain-list form: each term its own key
            plain = list(lexicon)
            assert [spans(find_terms(t, plain)) for t in texts] == [_reference(t, dict(zip(plain, plain)))
                                                                    for t in texts]


def test_hand_counted_nested_terms():
    # 国际法院和国际法: 国际法院 [0,4) (not 国际法 inside it), 和, 国际法 [5,8)
    assert spans(find_terms("国际法院和国际法", ["国际法", "国际法院"])) == [
        (0, 4, "国际法院", "国际法院"), (5, 8, "国际法", "国际法")]
    # a suffix starting later loses to the term that starts first: 国际法 [0,3); 法院 [2,4) overlaps it
    assert spans(find_terms("国际法院", ["法院", "国际法"])) == [(0, 3, "国际法", "国际法")]
    # a term inside a longer one is not counted again: 国际法院 [0,4), 法 [5,6)
    assert spans(find_terms("国际法院的法", ["法", "国际法院"])) == [(0, 4, "国际法院", "国际法院"), (5, 6, "法", "法")]
    # 国际法院院长 breaks off after 国际法院: the longest term that does start at 0, 国际法 [0,3), then 院长 [3,5)
    assert spans(find_terms("国际法院长", ["国际法院院长", "国际法", "院长"])) == [
        (0, 3, "国际法", "国际法"), (3, 5, "院长", "院长")]
    # 联合国大会 breaks off at 学; nothing at 1; 国大 [2,4) inside the failed attempt
    assert spans(find_terms("联合国大学", ["联合国大会", "国大"])) == [(2, 4, "国大", "国大")]
    # after a match the scan goes on from its end: 法法法 with 法法 is [0,2) then 法 [2,3)
    assert spans(find_terms("法法法", ["法法", "法"])) == [(0, 2, "法法", "法法"), (2, 3, "法", "法")]
    # a term listed twice is one term
    assert TermMatcher(["法", "法"]).find_each(["法法"]) == [(Match(0, 1, "法", "法"), Match(1, 2, "法", "法"))]


def test_positions_count_characters_not_bytes():
    # 𠀀 (U+20000) is one character of Python text and four bytes of UTF-8
    assert spans(find_terms("𠀀a国际法𠀀", ["国际法", "𠀀"])) == [
        (0, 1, "𠀀", "𠀀"), (2, 5, "国际法", "国际法"), (5, 6, "𠀀", "𠀀")]


def test_lone_surrogates():
    # a text may hold one (not UTF-8): it matches nothing and keeps the positions
    matcher = TermMatcher({"工人": "w"})
    assert matcher.find("工\ud800人工人") == [Match(3, 5, "工人", "w")]
    assert matcher.count("\udfff工人") == Counter({"w": 1})
    assert matcher.find_each(["工\ud800人", "工人\udc00"]) == [(), (Match(0, 2, "工人", "w"),)]
    # a term cannot hold one (ahocorasick_rs would drop it and every term after it, silently)
    with pytest.raises(ValueError, match="surrogate"):
        TermMatcher(["工人", "a\ud800", "政府"])


def test_fast_enough_for_a_large_corpus():
    lexicon = {f"术语{i:03d}": f"id{i % 20}" for i in range(300)} | {"移徙工人": "mw", "移徙者": "m", "工人": "w"}
    text = "移徙工人和移徙者及工人，术语042与术语199。" * 100_000  # 2.3 M characters
    start = time.perf_counter()
    counts = count_terms(text, lexicon)
    elapsed = time.perf_counter() - start
    assert counts["mw"] == counts["m"] == counts["w"] == 100_000
    assert counts["id2"] == counts["id19"] == 100_000
    assert elapsed < 5, f"{elapsed:.1f} s for 2.3 M characters"


# ---------------------------------------------------------------- marks
def test_mark_terms():
    text = "保护移徙工人和工人"
    matches = find_terms(text, ["工人", "移徙工人"])
    assert mark_terms(text, matches) == "保护【移徙工人】和【工人】"
    assert mark_terms(text, matches, left="[", right="]") == "保护[移徙工人]和[工人]"
    assert mark_terms(text, []) == text
    assert mark_terms(text, list(reversed(matches))) == "保护【移徙工人】和【工人】"


def test_mark_terms_rejects_overlaps_and_out_of_range():
    with pytest.raises(ValueError):
        mark_terms("移徙工人", [Match(0, 4, "移徙工人", "a"), Match(2, 4, "工人", "b")])
    with pytest.raises(ValueError):
        mark_terms("工人", [Match(1, 3, "人x", "a")])


# ---------------------------------------------------------------- sentences
def test_split_sentences_keeps_delimiters():
    assert split_sentences("强调人权。指出汇款！是否？认为；") == ["强调人权。", "指出汇款！", "是否？", "认为；"]


def test_split_sentences_final_fragment_whitespace_and_empties():
    assert split_sentences("  强调人权。\n\n 末尾没有句号 ") == ["强调人权。", "末尾没有句号"]
    assert split_sentences("。。强调；；") == ["强调；；"]
    assert split_sentences("") == []
    assert split_sentences(" \n ") == []
    assert split_sentences("没有标点") == ["没有标点"]


def test_split_sentences_keeps_closing_quote_with_its_sentence():
    assert split_sentences("称为“人才流失。”下一句。") == ["称为“人才流失。”", "下一句。"]


def test_split_sentences_on_the_document_style():
    text = "强调应打击贩卖人口。还表示特别关切的是，受害人往往遭受剥削。紧急呼吁采取综合办法"
    assert split_sentences(text) == [
        "强调应打击贩卖人口。",
        "还表示特别关切的是，受害人往往遭受剥削。",
        "紧急呼吁采取综合办法",
    ]


# ---------------------------------------------------------------- many texts at once
def test_find_each_equals_find_text_by_text(monkeypatch):
    import unzh.lexicon.matcher as matching
    monkeypatch.setattr(matching, "_CHUNK", 7)  # many chunks, texts split across chunk boundaries
    rng = random.Random(2006)
    alphabet = "移徙者工人组织政府\n"
    for _ in range(200):
        terms = {"".join(rng.choices(alphabet[:-1], k=rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        matcher = TermMatcher({t: f"k{n % 3}" for n, t in enumerate(sorted(terms))})
        texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(rng.randint(0, 30))]
        got = matcher.find_each(texts)
        assert got == [tuple(matcher.find(t)) for t in texts]
        assert all(type(x) is int for ms in got for m in ms for x in (m.start, m.end))


def test_find_each_with_a_newline_in_a_term_and_without_terms():
    matcher = TermMatcher(["工\n人", "人"])  # the texts cannot be joined by "\n" here
    assert matcher._separator not in "工\n人"
    texts = ["工\n人", "工", "\n人", "", "人人"]
    assert matcher.find_each(texts) == [tuple(matcher.find(t)) for t in texts]
    assert matcher.find_each(texts)[0] == (Match(0, 3, "工\n人", "工\n人"),)
    assert TermMatcher([]).find_each(["工人", ""]) == [(), ()]
    assert matcher.find_each([]) == []


def test_match_is_a_named_tuple():
    m = Match(0, 4, "移徙工人", "migrant_workers")
    assert (m.start, m.end, m.term, m.key) == m == (0, 4, "移徙工人", "migrant_workers")
    assert m._replace(key="x").key == "x"


def test_find_arrays_on_three_hand_counted_texts():
    import numpy as np
    matcher = TermMatcher({"移徙工人": "mw", "工人": "w", "工人组织": "wo"})
    # text 0: 移徙工人 [0,4), 工人 [5,7);  text 1: nothing;  text 2: 工人组织 [0,4), 移徙工人 [5,9)
    texts = ["移徙工人和工人", "", "工人组织与移徙工人"]
    hits = matcher.find_arrays(texts)
    assert hits.terms == ["移徙工人", "工人", "工人组织"] and hits.keys == ["mw", "w", "wo"]
    assert hits.text.tolist() == [0, 0, 2, 2]
    assert hits.start.tolist() == [0, 5, 0, 5]
    assert hits.end.tolist() == [4, 7, 4, 9]
    assert hits.code.tolist() == [0, 1, 2, 0]
    assert hits.key_code.tolist() == [0, 1, 2] and hits.n_texts == 3
    assert hits.term_of(hits.code) == ["移徙工人", "工人", "工人组织", "移徙工人"]
    assert hits.key_of(hits.code) == ["mw", "w", "wo", "mw"]
    assert hits.matches() == [tuple(matcher.find(t)) for t in texts]
    # each text's distinct terms in order of first match: (移徙工人, 工人), (), (工人组织, 移徙工人)
    from unzh.lexicon.matcher import first_in_text, group_by_text
    first = first_in_text(hits.text, hits.code)
    assert first.tolist() == [True, True, True, True]
    assert group_by_text(hits.term_of(hits.code[first]), hits.text[first], 3) == [
        ("移徙工人", "工人"), (), ("工人组织", "移徙工人")]
    empty = TermMatcher([]).find_arrays(texts)
    assert len(empty.text) == len(empty.code) == 0 and empty.matches() == [(), (), ()]
    assert matcher.find_arrays([]).matches() == []
    assert np.issubdtype(hits.code.dtype, np.integer)


def test_first_in_text_distinct_sorted_and_group_by_text():
    import numpy as np

    from unzh.lexicon.matcher import distinct_sorted, first_in_text, group_by_text
    assert first_in_text(np.array([0, 0, 0, 2]), np.array([5, 1, 5, 5])).tolist() == [True, True, False, True]
    assert first_in_text(np.array([1, 1, 1]), np.array([0, 0, 0])).tolist() == [True, False, False]
    assert first_in_text(np.zeros(0, np.int64), np.zeros(0, np.intp)).tolist() == []
    assert distinct_sorted(np.array([3, 1, 3, 2, 1])).tolist() == [1, 2, 3]
    assert distinct_sorted(np.zeros(0, np.int64)).tolist() == []
    got = group_by_text(["a", "b", "c", "d"], np.array([0, 0, 2, 2]), 4)
    assert got == [("a", "b"), (), ("c", "d"), ()]
    shared = group_by_text(["x", "x", "y"], np.array([0, 1, 2]), 3)
    assert shared == [("x",), ("x",), ("y",)] and shared[0] is shared[1]
    apart = group_by_text(["x", "x"], np.array([0, 1]), 2, share=False)
    assert apart == [("x",), ("x",)] and apart[0] is not apart[1]
    assert group_by_text([], np.zeros(0, np.int64), 2) == [(), ()]


def test_find_arrays_equals_find_text_by_text(monkeypatch):
    import unzh.lexicon.matcher as matching
    monkeypatch.setattr(matching, "_CHUNK", 5)
    rng = random.Random(1005)
    alphabet = "移徙者工人组织政府"
    for _ in range(200):
        terms = {"".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 8))}
        matcher = TermMatcher({t: f"k{n % 3}" for n, t in enumerate(sorted(terms))})
        texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 20))) for _ in range(rng.randint(0, 20))]
        hits = matcher.find_arrays(texts)
        got = [(t, s, e, matcher._terms[c], hits.keys[hits.key_code[c]])
               for t, s, e, c in zip(hits.text.tolist(), hits.start.tolist(), hits.end.tolist(), hits.code.tolist())]
        assert got == [(i, *m) for i, text in enumerate(texts) for m in matcher.find(text)]


# ---------------------------------------------------------------- sentences of many texts
def test_split_sentences_each_edge_cases():
    from unzh.lexicon.matcher import split_sentences_each
    texts = ["强调人权。指出；汇款", "", "没有标点", "。！", "  \n ", "称为“人才流失。”下一句。", "。”）强调；；",
             "  强调人权。\n\n 末尾没有句号 ", "”"]
    sentences, counts = split_sentences_each(texts)
    assert counts.tolist() == [3, 0, 1, 0, 0, 2, 1, 2, 0]  # a lone closer is no sentence
    assert sentences == ["强调人权。", "指出；", "汇款", "没有标点", "称为“人才流失。”", "下一句。", "强调；；",
                         "强调人权。", "末尾没有句号"]
    assert sentences == [s for t in texts for s in split_sentences(t)]
    none, no_counts = split_sentences_each([])
    assert none == [] and no_counts.tolist() == []


def test_split_sentences_each_equals_split_sentences(monkeypatch):
    import unzh.lexicon.matcher as matching
    from unzh.lexicon.matcher import split_sentences_each
    monkeypatch.setattr(matching, "_CHUNK", 5)
    rng = random.Random(7)
    alphabet = "ab 。！？；”’」）\n\t\u3000\x1c\x00\x01"  # whitespace of several kinds, the first separators
    for _ in range(2000):
        texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(rng.randint(0, 12))]
        sentences, counts = split_sentences_each(texts)
        expected = [split_sentences(t) for t in texts]
        assert sentences == [s for ss in expected for s in ss]
        assert counts.tolist() == list(map(len, expected))
    # every candidate separator in the texts: one text at a time, the same result
    crowded = ["".join(matching._SENTENCE_SEPARATORS) + "强调。指出", "汇款"]
    assert split_sentences_each(crowded)[0] == [s for t in crowded for s in split_sentences(t)]


def test_number_within_gives_each_items_text_and_number():
    import numpy as np

    from unzh.lexicon.matcher import number_within
    text, number = number_within(np.array([2, 0, 3]))
    assert text.tolist() == [0, 0, 2, 2, 2] and number.tolist() == [1, 2, 1, 2, 3]
    text, number = number_within(np.zeros(0, dtype=np.int64))
    assert text.tolist() == [] and number.tolist() == []


# ---------------------------------------------------------------- blockers: no match inside a longer known term
def test_blocker_court_hides_international_law():
    # 国际法院 (the International Court of Justice) is a longer known term: 国际法 is not found inside it
    text = "国际法院适用国际法"
    m = TermMatcher({"国际法": "human_rights"}, blockers=["国际法院"])
    assert spans(m.find(text)) == [(6, 9, "国际法", "human_rights")]
    assert spans(TermMatcher({"国际法": "human_rights"}).find(text)) == [(0, 3, "国际法", "human_rights"),
                                                                     (6, 9, "国际法", "human_rights")]


def test_blocker_refugee_law_hides_refugees():
    text = "难民受国际难民法保护，难民署"
    m = TermMatcher({"难民": "refugees"}, blockers=["国际难民法", "难民署"])
    assert [(x.start, x.term) for x in m.find(text)] == [(0, "难民")]
    assert m.count(text) == Counter({"refugees": 1})


def test_blocker_worker_deficit_hides_workers():
    text = "工人赤字与本国工人"
    m = TermMatcher({"工人": "workers"}, blockers=["工人赤字"])
    assert m.terms(text) == ["工人"]
    assert [tuple(x) for x in m.find_each([text, "工人赤字", "工人"])] == [
        ((7, 9, "工人", "workers"),), (), ((0, 2, "工人", "workers"),)]
    hits = m.find_arrays([text, "工人赤字", "工人"])
    assert hits.text.tolist() == [0, 2] and hits.code.tolist() == [0, 0]


def test_blockers_kept_only_if_they_hide_a_term():
    # 法院 contains no term; 国际法 is a term itself (never its own blocker); 国际法院 stays
    m = TermMatcher(["国际法", "法"], blockers=["法院", "国际法", "国际法院", "国际法院"])
    assert m.blockers == ("法院", "国际法院")  # 法院 contains 法
    m = TermMatcher(["国际法"], blockers=["法院", "国际法", "国际法院"])
    assert m.blockers == ("国际法院",)
    assert repr(m) == "TermMatcher(1 terms, 1 blockers)"


def test_a_term_of_the_lexicon_longer_than_a_blocker_still_wins():
    # the lexicon's own longer term beats a shorter blocker starting at the same place
    m = TermMatcher({"难民法律": "law", "难民": "refugees"}, blockers=["难民法"])
    assert m.terms("难民法律和难民法") == ["难民法律"]


def test_a_term_at_the_end_of_a_blocker_is_its_head_and_still_matched():
    # right-headed compounds: 低成本工人 are workers, 工人赤字 is not; 非正常移徙者 are migrants
    m = TermMatcher({"工人": "workers", "移徙者": "migrants"}, blockers=["低成本工人", "工人赤字", "非正常移徙者"])
    assert m.blockers == ("工人赤字",)  # the other two only end with a term: they can never hide one
    m = TermMatcher({"工人": "workers", "赤字": "deficit"}, blockers=["低成本工人赤字"])
    # the blocker hides 工人 and ends with 赤字, which is matched at its end
    assert spans(m.find("低成本工人赤字和工人")) == [(5, 7, "赤字", "deficit"), (8, 10, "工人", "workers")]
    assert [tuple(x) for x in m.find_each(["低成本工人赤字", "工人"])] == [
        ((5, 7, "赤字", "deficit"),), ((0, 2, "工人", "workers"),)]


def test_exclusions_drop_a_known_non_use_whole():
    verbs = ["强调", "认为", "建议"]
    m = TermMatcher(verbs, exclusions=["过分强调", "不得认为", "之建议", "强调"])
    assert m.exclusions == ("过分强调", "不得认为", "之建议")  # a term is never its own exclusion
    text = "不应过分强调安全。本宪章不得认为授权。经安全理事会之建议。强调并认为"
    assert [(x.start, x.term) for x in m.find(text)] == [(29, "强调"), (32, "认为")]
    assert repr(m) == "TermMatcher(3 terms, 3 exclusions)"


def test_repeated_texts_are_searched_once_and_get_the_same_matches(monkeypatch):
    """find_arrays searches each distinct text once; every copy gets the matches find gives it."""
    m = TermMatcher({"国际法": "law", "国际法院": "court", "移民": "migrants"})
    texts = ["国际法院和国际法", "", "移民", "国际法院和国际法", "无", "移民", "移民移民"]
    searched = []
    real = m._scan
    monkeypatch.setattr(m, "_scan", lambda joined: searched.append(joined) or real(joined))
    hits = m.find_arrays(texts)
    assert len(searched) == 1 and searched[0].count("国际法院和国际法") == 1 and searched[0].count("移民") == 3
    assert hits.text.tolist() == [0, 0, 2, 3, 3, 5, 6, 6]
    assert hits.start.tolist() == [0, 5, 0, 0, 5, 0, 0, 2] and hits.n_texts == 7
    assert hits.matches() == [tuple(m.find(t)) for t in texts]

"""The character census: exact counts, whatever the text (chunks, astral planes, surrogates)."""
from collections import Counter

import pytest

from unzh.text import chars
from unzh.text.chars import census

TEXTS = ["", "a", "人权人权，人权。", "国际𠀀法\x00\n\ue000한국語カナ", "ab" * 10 + "\ud800x"]


@pytest.mark.parametrize("text", TEXTS)
def test_census_equals_counter(text):
    assert census(text).as_dict() == dict(Counter(text))
    assert census(text).total() == len(text)


def test_census_in_chunks_adds_up(monkeypatch):
    text = "移民与移徙者" * 7 + "𠀀a"
    whole = census(text).as_dict()
    monkeypatch.setattr(chars, "CHUNK_CHARS", 5)
    assert census(text).as_dict() == whole == dict(Counter(text))


def test_classes_by_range_and_by_predicate():
    c = census("人权人权ab1 ㈠")
    assert c.in_ranges([(0x4E00, 0x9FFF)]) == 4          # 人 权 人 权
    assert c.in_ranges([(0x61, 0x62), (0x31, 0x31)]) == 3  # a b 1
    assert c.where(str.isalpha) == 6                       # 人权人权ab; not 1, space, ㈠
    assert (census("ab") + census("bc")).as_dict() == {"a": 1, "b": 2, "c": 1}


def test_n_chars_leaves_out_every_whitespace_character_and_only_those():
    """n_chars skips the scan for a text without a space that is all printable: every whitespace
    character but the space must be unprintable for that to hold, in every Unicode version."""
    from unzh.text.structure import _n_chars
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert all(not ch.isprintable() for ch in spaces if ch != " ")
    texts = ["人权", "人 权", "人\u3000权\u00a0", "a\tb\nc", "", " ", "㈠\u2028x\u2003", "\x85\x1c人", "人\u200b权"]
    assert _n_chars(texts).tolist() == [2, 2, 2, 3, 0, 0, 2, 1, 3]  # (U+200B is no whitespace)
    assert _n_chars(spaces).tolist() == [0] * len(spaces)

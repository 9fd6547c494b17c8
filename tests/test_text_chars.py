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


def test_whitespace_is_pythons_whitespace():
    """n_chars counts with Arrow's RE2, whose \\s is ASCII only: the explicit class must be Python's."""
    from unzh.text.structure import WHITESPACE
    assert set(WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}

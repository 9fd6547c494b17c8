"""Traditional-script input: detection and conversion to simplified Chinese (OpenCC, from its package).

Segmentation and lexicon matching work on simplified text; the original
(traditional) wording is kept in the paragraph table's ``text_original``.
"""
from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional characters and phrases to simplified (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text)


def detect_script(text: str) -> str:
    """``"traditional"`` if more distinct characters are traditional-only than simplified-only, else ``"simplified"``.

    A character is traditional-only if OpenCC's t2s changes it, simplified-only
    if s2t changes it.  Characters common to both scripts do not vote.  At least
    3 distinct traditional-only characters are needed (a few traditional
    characters in a simplified text, e.g. in a name, do not switch it).
    """
    chars = {c for c in set(text) if "\u4e00" <= c <= "\u9fff"}  # (set(text) first: one C-level pass)
    if not chars:
        return "simplified"
    s = "".join(sorted(chars))
    t2s, s2t = to_simplified(s), _converter("s2t").convert(s)
    trad = sum(1 for a, b in zip(s, t2s) if a != b) if len(t2s) == len(s) else 0
    simp = sum(1 for a, b in zip(s, s2t) if a != b) if len(s2t) == len(s) else 0
    return "traditional" if trad >= 3 and trad > simp else "simplified"

"""Traditional-script input: detection and conversion to simplified Chinese (OpenCC, from its package).

Segmentation and lexicon matching work on simplified text; the original
(traditional) wording is kept in the paragraph table's ``text_original``.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional characters and phrases to simplified (OpenCC ``t2s``)."""
    return _converter("t2s").convert(text)


def _changes(config: str, chars: list[str]) -> list[bool]:
    """For each character, whether OpenCC ``config`` changes it on its own (newlines between the
    characters keep its phrase table from joining neighbours)."""
    out = _converter(config).convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # never expected: a conversion keeps the newlines
        return [_converter(config).convert(c) != c for c in chars]
    return [a != b for a, b in zip(chars, out)]


#: the CJK unified ideographs that vote (U+4E00-U+9FFF)
_LO, _HI = 0x4E00, 0x9FFF
#: for each of them, learnt once per process: asked yet, traditional-only, simplified-only
_ASKED = np.zeros(_HI - _LO + 1, bool)
_TRAD = np.zeros(_HI - _LO + 1, bool)
_SIMP = np.zeros(_HI - _LO + 1, bool)


def detect_script(text: str) -> str:
    """``"traditional"`` if more distinct characters are traditional-only than simplified-only, else ``"simplified"``.

    A character is traditional-only if OpenCC's t2s changes it, simplified-only
    if s2t changes it (each character converted on its own).  Characters common to both scripts
    do not vote.  At least 3 distinct traditional-only characters are needed (a few traditional
    characters in a simplified text, e.g. in a name, do not switch it).
    """
    from unzh.text.chars import census
    cps = census(text).cps
    idx = cps[(cps >= _LO) & (cps <= _HI)] - _LO
    new = idx[~_ASKED[idx]]
    if len(new):
        chars = [chr(int(i) + _LO) for i in new]
        _TRAD[new], _SIMP[new], _ASKED[new] = _changes("t2s", chars), _changes("s2t", chars), True
    trad, simp = int(_TRAD[idx].sum()), int(_SIMP[idx].sum())
    return "traditional" if trad >= 3 and trad > simp else "simplified"

"""A text's characters counted once: the census the encoding checks and the script detection read.

Counting every character class of a document with a regular expression or a per-character
Python call costs a pass over the text each (5-25 ms for 250 KB); a :class:`Census` counts the
distinct characters once (NumPy over the UTF-32 code points), and each class is then a sum over
the distinct characters: a range of code points (:meth:`Census.in_ranges`), or a predicate asked
once per distinct character and remembered for the process (:meth:`Census.where`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

#: characters counted per NumPy pass (bounds the UTF-32 copy: 4 bytes a character)
CHUNK_CHARS = 1 << 22


class Census:
    """The distinct code points of a text (sorted) and how often each occurs."""

    __slots__ = ("cps", "counts")

    def __init__(self, cps: np.ndarray, counts: np.ndarray):
        self.cps, self.counts = cps, counts

    @classmethod
    def of(cls, text: str) -> Census:
        cps_parts, count_parts = [], []
        for i in range(0, max(len(text), 1), CHUNK_CHARS):
            chunk = text[i:i + CHUNK_CHARS]
            if not chunk:
                break
            cps = np.frombuffer(chunk.encode("utf-32-le", "surrogatepass"), dtype="<u4")
            counts = np.bincount(cps)
            present = np.flatnonzero(counts)
            cps_parts.append(present)
            count_parts.append(counts[present])
        if not cps_parts:
            return cls(np.zeros(0, np.int64), np.zeros(0, np.int64))
        if len(cps_parts) == 1:
            return cls(cps_parts[0], count_parts[0])
        cps, inverse = np.unique(np.concatenate(cps_parts), return_inverse=True)
        return cls(cps, np.bincount(inverse, weights=np.concatenate(count_parts)).astype(np.int64))

    def __add__(self, other: Census) -> Census:
        cps, inverse = np.unique(np.concatenate([self.cps, other.cps]), return_inverse=True)
        return Census(cps, np.bincount(inverse, weights=np.concatenate([self.counts, other.counts])).astype(np.int64))

    def total(self) -> int:
        return int(self.counts.sum())

    def chars(self) -> list[str]:
        """The distinct characters, in code point order."""
        return list(map(chr, self.cps.tolist()))

    def as_dict(self) -> dict[str, int]:
        """``{character: occurrences}`` (the same as ``collections.Counter(text)``)."""
        return dict(zip(self.chars(), self.counts.tolist()))

    def in_ranges(self, ranges: Iterable[tuple[int, int]]) -> int:
        """Occurrences of the characters in any of the inclusive code point ``ranges``."""
        mask = np.zeros(len(self.cps), bool)
        for lo, hi in ranges:
            mask |= (self.cps >= lo) & (self.cps <= hi)
        return int(self.counts[mask].sum())

    def where(self, predicate: Callable[[str], bool]) -> int:
        """Occurrences of the characters for which ``predicate(ch)`` holds.  ``predicate`` must be a
        pure function of the character: it is asked once per character per process (for the Basic
        Multilingual Plane, all 65,536 at once on first use, about 6 ms, then looked up in NumPy)."""
        table = _TABLES.get(predicate)
        if table is None:
            table = _TABLES[predicate] = np.fromiter((predicate(chr(i)) for i in range(_BMP)), bool, _BMP)
        bmp = self.cps < _BMP
        total = int(self.counts[bmp][table[self.cps[bmp]]].sum())
        if not bmp.all():
            memo = _MEMO.setdefault(predicate, {})
            for cp, n in zip(self.cps[~bmp].tolist(), self.counts[~bmp].tolist()):
                ok = memo.get(cp)
                if ok is None:
                    ok = memo[cp] = bool(predicate(chr(cp)))
                if ok:
                    total += n
        return total


_BMP = 0x10000
#: predicate → its answer for every character of the Basic Multilingual Plane
_TABLES: dict[Callable, np.ndarray] = {}
#: predicate → its answers for the characters beyond the BMP asked so far
_MEMO: dict[Callable, dict[int, bool]] = {}


_LAST: list = [None, None]  # the last text counted (the object, kept alive) and its census


def census(text: str) -> Census:
    """The :class:`Census` of ``text`` (the last text's census is kept: loading a document counts the
    same text for its encoding checks and its script)."""
    if text is _LAST[0]:
        return _LAST[1]
    c = Census.of(text)
    _LAST[0], _LAST[1] = text, c
    return c

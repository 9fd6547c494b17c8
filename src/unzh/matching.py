"""Longest-match-first term matching and sentence splitting.

The theme, stakeholder and reporting-verb analyses all count lexicon terms in
Chinese text, where terms nest inside each other (移徙工人 contains 工人;
各国政府 contains 各国 and 政府; 特别强调指出 contains 强调 and 指出).  The
rule used everywhere is the one a careful human coder would apply:

* scan the text from left to right;
* at each position take the **longest** term that starts there;
* continue *after* that match, so a string inside a longer matched term is
  never counted again (移徙工人 counts once, as 移徙工人, not also as 工人).

Implementation: one compiled regular expression, the terms written as a
trie, longer continuations first: 移徙(?:工人(?:组织)?|者) for 移徙工人组织,
移徙工人 and 移徙者.  At each position the engine follows the one branch that
continues the text as far as it goes and falls back, where that fails, to the
longest term it passed, so the longest term that starts there wins, and
``finditer`` resumes after the match: exactly the rule above
(``tests/test_matching.py`` checks it against a plain character-by-character
reference implementation).  It is the match an alternation of all terms
sorted longest first gives, with one test per distinct next character instead
of one per term.  Compiled patterns are cached, so repeated calls with the
same lexicon cost one dictionary look-up.

For many texts (the paragraphs or sentences of a corpus),
:meth:`TermMatcher.find_each` gives exactly what :meth:`TermMatcher.find` gives
text by text, from one scan of a few thousand texts at a time joined by a
character no term contains (so no match can span two texts, and each text's
matches are its own).

Matching is literal: the text must already be cleaned (line breaks inside
paragraphs joined), because a term split by a newline is not found.
"""
from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache, partial
from itertools import count
from typing import NamedTuple

import numpy as np

__all__ = [
    "SENTENCE_END",
    "Match",
    "TermMatcher",
    "count_terms",
    "distinct_keys",
    "distinct_terms",
    "find_terms",
    "gc_paused",
    "mark_terms",
    "split_sentences",
]

#: Characters that end a sentence (kept with the sentence they end).
SENTENCE_END = "。！？；"
#: Closing quotes and brackets that belong to the sentence before them
#: (…严重。”下一句 → “…严重。”” | “下一句”).
_CLOSERS = "”’」』）》】〕］"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}]+[{_CLOSERS}]*|[^{SENTENCE_END}]+\\Z")


class Match(NamedTuple):
    """One matched term: ``text[start:end] == term``; ``key`` is the id it maps to.

    A named tuple (``Match(0, 4, "移徙工人", "mw") == (0, 4, "移徙工人", "mw")``): a
    corpus has hundreds of thousands of matches, and a tuple is built in C.
    """

    start: int
    end: int
    term: str
    key: str


def distinct_keys(matches: Sequence[Match]) -> tuple[str, ...]:
    """The ids of ``matches``, each once, in order of first match."""
    return tuple(dict.fromkeys(m.key for m in matches)) if matches else ()


def distinct_terms(matches: Sequence[Match]) -> tuple[str, ...]:
    """The matched terms of ``matches``, each once, in order of first match."""
    return tuple(dict.fromkeys(m.term for m in matches)) if matches else ()


#: ``_new_match((start, end, term, key))``: a :class:`Match` built in C (what ``Match._make`` does, minus its checks)
_new_match = partial(tuple.__new__, Match)
#: texts joined for one scan by :meth:`TermMatcher.find_each`
_CHUNK = 4096


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored after) while building many small objects.

    A corpus's matches are hundreds of thousands of tuples kept in a table: every collection they
    trigger walks all of them again and finds nothing (they hold no reference cycles), which cost
    more than the matching itself.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class TermMatcher:
    """A compiled longest-match-first matcher for one lexicon.

    ``terms`` is either an iterable of terms (each term is its own key) or a
    mapping term -> key (e.g. from :func:`unzh.lexicons.term_index`).  Build
    one per lexicon and reuse it on many texts; the module-level functions do
    this for you through a cache.
    """

    def __init__(self, terms: Mapping[str, str] | Iterable[str]):
        mapping = _as_mapping(terms)
        self.term_to_key: dict[str, str] = mapping
        trie = _trie_pattern(mapping)
        self.pattern = re.compile(trie) if mapping else None
        # the same pattern as a group: split() returns [gap, term, gap, term, ..., gap]
        self._splitter = re.compile(f"({trie})") if mapping else None
        used = set("".join(mapping))
        self._separator = next(c for c in map(chr, count(10)) if c not in used)  # "\n" unless a term has one

    def find(self, text: str) -> list[Match]:
        """All non-overlapping longest-first matches in ``text``, left to right."""
        if self.pattern is None or not text:
            return []
        keys = self.term_to_key
        return [
            Match(m.start(), m.end(), m.group(), keys[m.group()])
            for m in self.pattern.finditer(text)
        ]

    def terms(self, text: str) -> list[str]:
        """The matched terms of :meth:`find`, left to right, without building :class:`Match` objects."""
        if self.pattern is None or not text:
            return []
        return self.pattern.findall(text)

    def find_each(self, texts: Sequence[str]) -> list[tuple[Match, ...]]:
        """``[tuple(self.find(t)) for t in texts]``, several times faster on many texts.

        A few thousand texts at a time are joined by a separator that no term contains (so no
        match spans two texts, and each text gets the matches :meth:`find` gives) and cut by
        ``split`` into gaps and terms, in C; a term starts where the parts before it end.
        """
        if self._splitter is None:
            return [()] * len(texts)
        sep = self._separator
        out: list[tuple[Match, ...]] = []
        for lo in range(0, len(texts), _CHUNK):
            chunk = texts[lo:lo + _CHUNK]
            parts = self._splitter.split(sep.join(chunk))  # gap, term, gap, term, ..., gap
            terms = parts[1::2]
            part_ends = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
            starts, ends = part_ends[0:-1:2], part_ends[1::2]  # of the terms, in the joined text
            sizes = np.fromiter(map(len, chunk), np.int64, len(chunk)) + len(sep)
            text_starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
            text_of = np.searchsorted(text_starts, starts, side="right") - 1  # the text each term is in
            offset = text_starts[text_of]
            matches = list(map(_new_match, zip((starts - offset).tolist(), (ends - offset).tolist(), terms,
                                                map(self.term_to_key.__getitem__, terms))))
            first = np.searchsorted(text_of, np.arange(len(chunk) + 1)).tolist()  # each text's first match
            out += [tuple(matches[a:b]) for a, b in zip(first, first[1:])]
        return out

    def count(self, text: str) -> Counter:
        """How many times each key is matched in ``text``."""
        if self.pattern is None or not text:
            return Counter()
        keys = self.term_to_key
        return Counter(keys[t] for t in self.pattern.findall(text))

    def __repr__(self) -> str:
        return f"TermMatcher({len(self.term_to_key)} terms)"


def _trie_pattern(terms: Iterable[str]) -> str:
    """A regular expression matching, at a position, the longest of ``terms`` that starts there.

    The terms as a trie of non-capturing groups; where a term ends inside a longer one the rest
    is optional (a greedy ``?``: the longer term is tried first).  The branches of a group start
    with different characters, so at most one continues the text.
    """
    root: dict = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}  # a term ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        ends = "" in node
        body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
        return body + "?" if ends else body

    return pattern(root)


def _as_mapping(terms: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(terms, str):
        raise TypeError("terms must be a collection of terms or a mapping term -> id, not one string")
    if isinstance(terms, Mapping):
        mapping = {str(t): str(k) for t, k in terms.items()}
    else:
        mapping = {str(t): str(t) for t in terms}
    if "" in mapping:
        raise ValueError("empty term: an empty string would match everywhere")
    return mapping


@lru_cache(maxsize=64)
def _cached_matcher(items: tuple[tuple[str, str], ...]) -> TermMatcher:
    return TermMatcher(dict(items))


def _matcher(terms: Mapping[str, str] | Iterable[str] | TermMatcher) -> TermMatcher:
    if isinstance(terms, TermMatcher):
        return terms
    return _cached_matcher(tuple(sorted(_as_mapping(terms).items())))


def find_terms(text: str, terms: Mapping[str, str] | Iterable[str] | TermMatcher) -> list[Match]:
    """Find lexicon terms in ``text``, longest match first, without overlaps.

    >>> [(m.term, m.start) for m in find_terms("移徙工人和工人", ["工人", "移徙工人"])]
    [('移徙工人', 0), ('工人', 5)]
    """
    return _matcher(terms).find(text)


def count_terms(text: str, term_to_id: Mapping[str, str] | Iterable[str] | TermMatcher) -> Counter:
    """Count matches per id (per term when ``term_to_id`` is a plain list of terms).

    >>> count_terms("各国政府和政府官员", {"政府": "gov", "各国政府": "gov", "政府官员": "officials"})
    Counter({'gov': 1, 'officials': 1})
    """
    return _matcher(term_to_id).count(text)


def mark_terms(text: str, matches: Iterable[Match], left: str = "【", right: str = "】") -> str:
    """Return ``text`` with each matched span wrapped in ``left`` … ``right``.

    ``matches`` are usually the output of :func:`find_terms` on the same text;
    they must not overlap.

    >>> mark_terms("保护移徙工人", find_terms("保护移徙工人", ["移徙工人"]))
    '保护【移徙工人】'
    """
    ordered = sorted(matches, key=lambda m: (m.start, m.end))
    out: list[str] = []
    pos = 0
    for m in ordered:
        if m.start < pos:
            raise ValueError(f"overlapping matches at {m.start}: {m.term!r}")
        if not (0 <= m.start <= m.end <= len(text)):
            raise ValueError(f"match {m.term!r} ({m.start}-{m.end}) lies outside the text")
        out += [text[pos:m.start], left, text[m.start:m.end], right]
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def split_sentences(text: str) -> list[str]:
    """Split on 。！？； keeping each delimiter (and a closing quote) with its sentence.

    Surrounding whitespace is stripped; empty sentences (nothing but
    whitespace or punctuation) are dropped; a final fragment without a
    delimiter is kept as a sentence.

    >>> split_sentences("强调人权。指出；汇款")
    ['强调人权。', '指出；', '汇款']
    """
    sentences = (s.strip() for s in _SENTENCE_RE.findall(text))
    return [s for s in sentences if s.strip(SENTENCE_END + _CLOSERS)]

"""Longest-match-first term matching and sentence splitting.

The theme, stakeholder and reporting-verb analyses all count lexicon terms in
Chinese text, where terms nest inside each other (移徙工人 contains 工人;
各国政府 contains 各国 and 政府; 特别强调指出 contains 强调 and 指出).  The
rule used everywhere is the one a careful human coder would apply:

* scan the text from left to right;
* at each position take the **longest** term that starts there;
* continue *after* that match, so a string inside a longer matched term is
  never counted again (移徙工人 counts once, as 移徙工人, not also as 工人).

Implementation: an Aho-Corasick automaton (:mod:`ahocorasick_rs`, the Rust
``aho-corasick`` crate) with *leftmost-longest* semantics, searched without
overlaps: of the matches that start leftmost it reports the longest, and
resumes after it, which is exactly the rule above (``tests/test_lexicon_matcher.py``
checks it against a plain character-by-character reference scan).  One pass
over the text whatever the size of the lexicon; the automaton is built once
per lexicon (:class:`TermMatcher`, cached for the module-level functions).

For many texts (the paragraphs or sentences of a corpus),
:meth:`TermMatcher.find_each` gives exactly what :meth:`TermMatcher.find` gives
text by text, from one scan of a few thousand texts at a time joined by a
character no term contains (so no match can span two texts, and each text's
matches are its own).  :meth:`TermMatcher.find_arrays` gives the same matches
as columns (text, start, end, term code: numpy arrays), from which
:func:`first_in_text` and :func:`group_by_text` give each text's distinct
keys or terms without a Python loop per match, and :func:`split_sentences_each`
splits many texts into sentences at once.

**Blockers** (``TermMatcher(terms, blockers=...)``): longer known terms that are not this
lexicon's, such as the user dictionary's entries or another lexicon's terms.  They go into the
automaton with the terms and take part in the leftmost-longest scan; a match that is a blocker is
then dropped.  So a term is never matched inside a longer known term that covers it: with the
blocker 国际法院, 国际法 is not found in 国际法院 (the International Court of Justice), with
国际难民法, 难民 not in 国际难民法, with 工人赤字 (a worker deficit), 工人 not in it.
One exception, because Chinese compounds are right-headed (the last part names what the whole
is): a term at the **end** of a blocker is still matched there — 低成本工人 are 工人, 非正常移徙者
are 移徙者, 国际人权标准 are 人权标准 — so a blocker match is replaced by the longest term it ends
with, if any.  Only blockers that contain a term of the lexicon elsewhere than at their end, and
are not terms themselves, are kept (others could never hide a term; :attr:`TermMatcher.blockers`).

**Exclusions** (``exclusions=...``) are known non-uses of a term, such as a reporting verb used
as a noun (之建议), negated (不得认为), passive (被认为) or qualified (过分强调): they take part
in the scan like blockers, and their matches are dropped whole, the term at their end included.

Matching is literal: the text must already be cleaned (line breaks inside
paragraphs joined), because a term split by a newline is not found.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache, partial
from itertools import chain, count
from typing import NamedTuple

import numpy as np
from ahocorasick_rs import AhoCorasick, MatchKind

__all__ = [
    "SENTENCE_END",
    "Match",
    "TermHits",
    "TermMatcher",
    "count_terms",
    "distinct_sorted",
    "find_terms",
    "first_in_text",
    "group_by_text",
    "mark_terms",
    "number_within",
    "run_starts",
    "split_sentences",
    "split_sentences_each",
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


class TermHits(NamedTuple):
    """The matches of :meth:`TermMatcher.find_arrays` in many texts, as columns (one entry per match).

    Matches are in text order, and left to right within a text: ``text`` is ascending.  The term of
    match ``i`` is ``terms[code[i]]``, its key ``keys[key_code[code[i]]]``; ``terms`` and ``keys`` are
    the matcher's own string objects, so tuples built from them share the strings.
    """

    text: np.ndarray  #: index of the text the match is in (int64)
    start: np.ndarray  #: position in that text (int64)
    end: np.ndarray  #: end position in that text (int64)
    code: np.ndarray  #: index of the matched term in ``terms`` (intp)
    terms: list[str]  #: the matcher's terms, in lexicon order
    keys: list[str]  #: the matcher's distinct keys, in order of their first term
    key_code: np.ndarray  #: index in ``keys`` of each term's key (intp, aligned with ``terms``)
    n_texts: int  #: how many texts were searched

    def matches(self) -> list[tuple[Match, ...]]:
        """Each text's matches as :class:`Match` tuples: what :meth:`TermMatcher.find_each` returns."""
        found = map(_new_match, zip(self.start.tolist(), self.end.tolist(), self.term_of(self.code),
                                    self.key_of(self.code)))
        return group_by_text(found, self.text, self.n_texts, share=False)

    def term_of(self, code: np.ndarray) -> list[str]:
        """The terms of term codes ``code`` (the matcher's string objects)."""
        return _objects(self.terms)[code].tolist()

    def key_of(self, code: np.ndarray) -> list[str]:
        """The keys of term codes ``code`` (the matcher's string objects)."""
        return _objects(self.keys)[self.key_code][code].tolist()


def _objects(values: Sequence) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))


def run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal neighbours begins (True at index 0 and wherever a value differs from the one before)."""
    starts = np.empty(len(values), dtype=bool)
    starts[:1] = True
    np.not_equal(values[1:], values[:-1], out=starts[1:])
    return starts


def number_within(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For items that come text by text, ``counts[i]`` of text *i*: each item's text and its 1-based number in it.

    ``counts=[2, 0, 3]`` gives texts ``[0, 0, 2, 2, 2]`` and numbers ``[1, 2, 1, 2, 3]``.
    """
    text = np.repeat(np.arange(len(counts)), counts)
    return text, np.arange(len(text)) - np.repeat(np.cumsum(counts) - counts, counts) + 1


def first_in_text(text: np.ndarray, code: np.ndarray) -> np.ndarray:
    """Boolean mask of the entries whose ``code`` appears for the first time in their ``text``.

    ``text`` and ``code`` are non-negative integer arrays of one length (e.g. :class:`TermHits`
    columns); entries are taken in array order.  ``text=[0, 0, 0, 2], code=[5, 1, 5, 5]`` gives
    ``[True, True, False, True]``.
    """
    mask = np.zeros(len(code), dtype=bool)
    if len(code):
        pair = text.astype(np.int64) * (int(code.max()) + 1) + code
        order = np.argsort(pair, kind="stable")  # equal pairs in array order: the first of each leads
        mask[order[run_starts(pair[order])]] = True
    return mask


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by one sort (numpy's hash-based ``unique`` is slower on large int arrays)."""
    ordered = np.sort(values)
    return ordered[run_starts(ordered)]


class _Interned(dict):
    """``interned[t]`` is the first object equal to ``t`` seen: equal tuples stored once."""

    def __missing__(self, key):
        self[key] = key
        return key


def group_by_text(values: Sequence, text: np.ndarray, n_texts: int, *, share: bool = True) -> list[tuple]:
    """``[tuple(v for v, t in zip(values, text) if t == i) for i in range(n_texts)]``, built by slicing.

    ``text`` must be ascending (as in :class:`TermHits`).  With ``share`` (default), equal tuples are
    the same object (a corpus has many units coded ``("human_rights",)``: one tuple, not thousands).
    """
    bounds = np.searchsorted(text, np.arange(n_texts + 1)).tolist()
    everything = tuple(values)
    parts = map(everything.__getitem__, map(slice, bounds[:-1], bounds[1:]))  # a tuple slice is a tuple
    return list(map(_Interned().__getitem__, parts) if share else parts)


#: ``_new_match((start, end, term, key))``: a :class:`Match` built in C (what ``Match._make`` does, minus its checks)
_new_match = partial(tuple.__new__, Match)
#: texts joined for one scan by :meth:`TermMatcher.find_each`
_CHUNK = 4096


class TermMatcher:
    """A compiled longest-match-first matcher for one lexicon.

    ``terms`` is either an iterable of terms (each term is its own key) or a
    mapping term -> key (e.g. from :func:`unzh.lexicon.files.term_index`).  Build
    one per lexicon and reuse it on many texts; the module-level functions do
    this for you through a cache.
    """

    def __init__(self, terms: Mapping[str, str] | Iterable[str], blockers: Iterable[str] = (),
                 exclusions: Iterable[str] = ()):
        mapping = _as_mapping(terms)
        self.term_to_key: dict[str, str] = mapping
        self._terms = list(mapping)  # a term's code is its index (the automaton's pattern index too)
        self._code = {t: i for i, t in enumerate(self._terms)}
        self._automaton = AhoCorasick(self._terms, matchkind=MatchKind.LeftmostLongest) if mapping else None
        #: the longer known terms that hide a term inside them (module docstring)
        self.blockers: tuple[str, ...] = self._useful_blockers(blockers)
        #: strings that are known non-uses of a term (过分强调): their matches are dropped, head and all
        self.exclusions: tuple[str, ...] = tuple(
            e for e in dict.fromkeys(map(str, exclusions))
            if e and e not in self.term_to_key and e not in self.blockers and not _SURROGATE.search(e))
        self._n_terms = len(self._terms)
        if self.blockers or self.exclusions:  # codes >= _n_terms: _scan drops their matches, or keeps a blocker's head
            heads = [self._head(b) for b in self.blockers] + [(-1, 0)] * len(self.exclusions)
            self._head_code = [h for h, _ in heads]
            self._head_len = [n for _, n in heads]
            self._automaton = AhoCorasick(self._terms + list(self.blockers) + list(self.exclusions),
                                          matchkind=MatchKind.LeftmostLongest)
        self._term_key = list(mapping.values())  # aligned with _terms
        self._keys = list(dict.fromkeys(mapping.values()))
        key_code = {k: i for i, k in enumerate(self._keys)}
        self._key_code = np.array([key_code[k] for k in mapping.values()], dtype=np.intp)
        used = set("".join(mapping)) | set("".join(self.blockers)) | set("".join(self.exclusions))
        self._separator = next(c for c in map(chr, count(10)) if c not in used)  # "\n" unless a term has one

    def _useful_blockers(self, blockers: Iterable[str]) -> tuple[str, ...]:
        if isinstance(blockers, str):
            raise TypeError("blockers must be a collection of terms, not one string")
        if self._automaton is None:
            return ()
        out = []
        for b in dict.fromkeys(map(str, blockers)):
            if not b or b in self.term_to_key or _SURROGATE.search(b):
                continue
            # a term that ends before b's end (a scan finds a match iff some term occurs in the text)
            if self._automaton.find_matches_as_indexes(b[:-1]):
                out.append(b)
        return tuple(out)

    def _head(self, blocker: str) -> tuple[int, int]:
        """The code and length of the longest term ``blocker`` ends with, or (-1, 0)."""
        for n in range(len(blocker) - 1, 0, -1):
            code = self._code.get(blocker[-n:])
            if code is not None:
                return code, n
        return -1, 0

    def _scan(self, text: str) -> list[tuple[int, int, int]]:
        """``(term code, start, end)`` of each match in ``text`` (non-empty; the matcher has terms), left to right."""
        try:
            found = self._automaton.find_matches_as_indexes(text)
        except UnicodeEncodeError:  # a lone surrogate (not UTF-8): no term has one, so it cannot be in a match
            found = self._automaton.find_matches_as_indexes(_SURROGATE.sub(self._separator, text))
        if self.blockers or self.exclusions:
            n, head_code, head_len = self._n_terms, self._head_code, self._head_len
            found = [m if m[0] < n else (head_code[m[0] - n], m[2] - head_len[m[0] - n], m[2])
                     for m in found if m[0] < n or head_code[m[0] - n] >= 0]
        return found

    def find(self, text: str) -> list[Match]:
        """All non-overlapping longest-first matches in ``text``, left to right."""
        if self._automaton is None or not text:
            return []
        terms, keys = self._terms, self._term_key
        return [_new_match((start, end, terms[code], keys[code])) for code, start, end in self._scan(text)]

    def terms(self, text: str) -> list[str]:
        """The matched terms of :meth:`find`, left to right, without building :class:`Match` objects."""
        if self._automaton is None or not text:
            return []
        terms = self._terms
        return [terms[code] for code, _, _ in self._scan(text)]

    def find_each(self, texts: Sequence[str]) -> list[tuple[Match, ...]]:
        """``[tuple(self.find(t)) for t in texts]``, several times faster on many texts.

        Built from :meth:`find_arrays`; the matches' terms and keys are the matcher's own strings.
        """
        return self.find_arrays(texts).matches()

    def find_arrays(self, texts: Sequence[str]) -> TermHits:
        """The matches :meth:`find` gives in each of ``texts``, as the columns of a :class:`TermHits`.

        Each distinct text is searched once (a corpus repeats its boilerplate paragraphs: the same
        preambular paragraph in many resolutions), its matches copied to every text equal to it.
        A few thousand texts at a time are joined by a separator that no term contains (so no
        match spans two texts, and each text gets the matches :meth:`find` gives) and searched
        in one call; a match is in the last text that starts at or before it.
        """
        index: dict[str, int] = {}
        of = np.fromiter((index.setdefault(t, len(index)) for t in texts), np.int64, len(texts))
        if len(index) == len(texts):
            return self._find_distinct(texts)
        hits = self._find_distinct(list(index))
        per_distinct = np.bincount(hits.text, minlength=len(index))
        first = np.concatenate(([0], np.cumsum(per_distinct)[:-1]))  # each distinct text's first match
        n = per_distinct[of]  # matches of each text
        text = np.repeat(np.arange(len(texts), dtype=np.int64), n)
        within = np.arange(len(text), dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
        src = first[of][text] + within
        return TermHits(text, hits.start[src], hits.end[src], hits.code[src], hits.terms, hits.keys,
                        hits.key_code, len(texts))

    def _find_distinct(self, texts: Sequence[str]) -> TermHits:
        empty = np.zeros(0, dtype=np.int64)
        text_of, starts, ends, codes = [empty], [empty], [empty], [np.zeros(0, dtype=np.intp)]
        if self._automaton is not None:
            sep = self._separator
            for lo in range(0, len(texts), _CHUNK):
                chunk = texts[lo:lo + _CHUNK]
                found = self._scan(sep.join(chunk))
                if not found:
                    continue
                flat = np.fromiter(chain.from_iterable(found), np.int64, 3 * len(found))
                columns = flat.reshape(-1, 3).T  # code, start, end (positions in the joined text)
                start, end = columns[1], columns[2]
                sizes = np.fromiter(map(len, chunk), np.int64, len(chunk)) + len(sep)
                text_starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
                text = np.searchsorted(text_starts, start, side="right") - 1  # the text each match is in
                offset = text_starts[text]
                text_of.append(text + lo)
                starts.append(start - offset)
                ends.append(end - offset)
                codes.append(columns[0].astype(np.intp))
        return TermHits(np.concatenate(text_of), np.concatenate(starts), np.concatenate(ends),
                        np.concatenate(codes), self._terms, self._keys, self._key_code, len(texts))

    def count(self, text: str) -> Counter:
        """How many times each key is matched in ``text``."""
        if self._automaton is None or not text:
            return Counter()
        keys = self._term_key
        return Counter([keys[code] for code, _, _ in self._scan(text)])

    def __repr__(self) -> str:
        extra = (f", {len(self.blockers)} blockers" if self.blockers else "") + (
            f", {len(self.exclusions)} exclusions" if self.exclusions else "")
        return f"TermMatcher({len(self.term_to_key)} terms{extra})"


#: a lone surrogate: a ``str`` may hold one, UTF-8 (what the automaton searches) cannot
_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_mapping(terms: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    if isinstance(terms, str):
        raise TypeError("terms must be a collection of terms or a mapping term -> id, not one string")
    if isinstance(terms, Mapping):
        mapping = {str(t): str(k) for t, k in terms.items()}
    else:
        mapping = {str(t): str(t) for t in terms}
    if "" in mapping:
        raise ValueError("empty term: an empty string would match everywhere")
    # ahocorasick_rs 1.0.3 silently drops such a term and every term after it
    odd = next((t for t in mapping if _SURROGATE.search(t)), None)
    if odd is not None:
        raise ValueError(f"term {odd!r} has a lone surrogate (not a character): it cannot be matched")
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


def split_sentences_each(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The sentences of every text, and how many each text has: ``[split_sentences(t) for t in texts]`` flattened.

    ``sentences[counts[:i].sum():counts[:i + 1].sum()] == split_sentences(texts[i])``.  A few
    thousand texts at a time are joined by a control character none of them contains, which the
    pattern returns as a piece of its own (no sentence runs across it: it is not in a sentence's
    character classes), so one ``findall`` splits them all.
    """
    sentences: list[str] = []
    counts: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    keep = SENTENCE_END + _CLOSERS
    for lo in range(0, len(texts), _CHUNK):
        chunk = texts[lo:lo + _CHUNK]
        joined, sep = _join_with_unused(chunk)
        if sep is None:  # every candidate separator occurs in the texts: one text at a time
            pieces = [split_sentences(t) for t in chunk]
            sentences += [s for ss in pieces for s in ss]
            counts.append(np.fromiter(map(len, pieces), np.int64, len(pieces)))
            continue
        # the pieces come stripped (and some empty); the separator is kept (not punctuation)
        found = [s for s in _sentence_pattern(sep).findall(joined) if s.strip(keep)]
        is_sep = np.fromiter(map(sep.__eq__, found), bool, len(found))
        at = np.flatnonzero(is_sep)  # len(chunk) - 1 separators
        counts.append(np.diff(at, prepend=-1, append=len(found)) - 1)
        sentences += np.asarray(found, dtype=object)[~is_sep].tolist() if len(at) else found
    return sentences, np.concatenate(counts)


#: separators for :func:`split_sentences_each`: control characters that are neither whitespace nor punctuation
_SENTENCE_SEPARATORS = [c for c in map(chr, range(32)) if not c.isspace()]


def _join_with_unused(texts: Sequence[str]) -> tuple[str, str | None]:
    for sep in _SENTENCE_SEPARATORS:
        joined = sep.join(texts)
        if joined.count(sep) == len(texts) - 1:
            return joined, sep
    return "", None


@lru_cache(maxsize=32)  # one per separator at most
def _sentence_pattern(sep: str) -> re.Pattern:
    """:data:`_SENTENCE_RE` for texts joined by ``sep``, its pieces stripped: ``findall`` gives them and ``sep``.

    A piece stops at ``sep``, which is a piece of its own.  The whitespace around a piece is left
    out of the group (a piece ending in a delimiter or closer has none after it), so a piece of
    nothing but whitespace, and the ends of the texts, give empty strings.
    """
    s = f"\\u{ord(sep):04x}"
    return re.compile(f"\\s*([^{SENTENCE_END}{s}]*[{SENTENCE_END}]+[{_CLOSERS}]*"
                      f"|[^{SENTENCE_END}{s}]*?(?=\\s*(?:{s}|\\Z))|{s})")

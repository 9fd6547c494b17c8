"""Segmentation audit: does every user-dictionary entry come out as one token?

For each entry the audit counts its occurrences in the cleaned text (longest
entry first: 移徙者 inside 非正常移徙者 is not counted again), how many of
those occurrences the segmenter returns as exactly that token, and how plain
jieba (no user dictionary) splits it.  It also lists the words jieba's HMM
invents (tokens in neither dictionary) — the reason the package runs with
``HMM=False`` by default.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from unzh.lexicon.matcher import TermMatcher
from unzh.segment.segmenter import Segmenter
from unzh.segment.tokens import is_kept
from unzh.text.words import plural


def dictionary_audit(paragraphs: pd.DataFrame, segmenter: Segmenter | None = None) -> pd.DataFrame:
    """One row per user-dictionary entry.

    Columns: ``term``, ``occurrences`` (longest-match-first string count in the
    cleaned text), ``as_token`` (times the segmenter returns it whole),
    ``intact`` (as_token == occurrences), ``plain_jieba`` (how jieba without the
    user dictionary, HMM on, cuts it, e.g. ``移徙/者``).
    """
    seg = segmenter or Segmenter()
    plain = Segmenter(user_dict=None, stopwords=None, hmm=True)
    words = seg.user_words
    texts = list(paragraphs["text"])
    hits = TermMatcher(words).find_arrays(texts)  # longest first: unzh.lexicon.matcher's rule
    occ = dict(zip(hits.terms, np.bincount(hits.code, minlength=len(hits.terms)).tolist()))
    tok = Counter(w for t in texts for w in seg.cut(t))
    rows = []
    for w in words:
        rows.append(dict(term=w, occurrences=occ[w], as_token=tok[w], intact=occ[w] == tok[w],
                         plain_jieba="/".join(plain.cut(w))))
    return pd.DataFrame(rows)


def hmm_inventions(paragraphs: pd.DataFrame, segmenter: Segmenter | None = None) -> pd.DataFrame:
    """Words that jieba's HMM produces which are in neither dictionary: ``word``, ``count``, most frequent first."""
    seg = segmenter or Segmenter()
    hmm = Segmenter(user_dict=seg.user_dict, stopwords=seg.stopwords, hmm=True)
    c = Counter(w for t in paragraphs["text"] for w in hmm.cut(t) if is_kept(w) and not hmm.in_dictionary(w))
    return pd.DataFrame(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])), columns=["word", "count"])


def compare_segmentations(paragraphs: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Top words (stopwords removed, single characters kept) before and after the user dictionary.

    Returns columns ``rank``, ``plain_word``, ``plain_count``, ``unzh_word``,
    ``unzh_count``: plain jieba (no user dictionary, HMM on, as a naive word
    cloud would use it) against the package's segmenter.  A text with fewer than ``top``
    distinct words gives fewer rows; where one segmentation has fewer words than the other,
    its columns are empty (NA) in the last rows.  ``attrs``: ``unzh_counts`` (every word of the
    package's segmentation with its count) and ``kept_whole`` (those of its words that plain
    jieba cuts into pieces: the terms the dictionary keeps whole, in or outside the top), which
    :func:`split_fragments` reads.
    """
    seg = Segmenter()
    plain = Segmenter(user_dict=None, stopwords=seg.stopwords, hmm=True)
    out, counts = {}, {}
    for name, s in (("plain", plain), ("unzh", seg)):
        c = Counter(w for t in paragraphs["text"] for w in s.words(t))
        counts[name] = c
        out[name] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    rows = max(len(out["plain"]), len(out["unzh"]))  # fewer than ``top`` distinct words: fewer rows

    def column(name: str, i: int, dtype: str) -> pd.Series:
        values = [kv[i] for kv in out[name]]
        return pd.Series(values + [None] * (rows - len(values)), dtype=dtype)

    table = pd.DataFrame({
        "rank": range(1, rows + 1),
        "plain_word": column("plain", 0, "str"), "plain_count": column("plain", 1, "Int64"),
        "unzh_word": column("unzh", 0, "str"), "unzh_count": column("unzh", 1, "Int64"),
    })
    table.attrs["unzh_counts"] = dict(sorted(counts["unzh"].items()))
    table.attrs["kept_whole"] = sorted(w for w in counts["unzh"] if len(w) > 1 and len(plain.cut(w)) > 1)
    return table


def split_fragments(compare: pd.DataFrame, top: int | None = None) -> list[str]:
    """The words of plain jieba's top ``top`` (all rows if None) of :func:`compare_segmentations`
    that are pieces of longer terms the package keeps whole: a proper part of one of them (者 of
    移徙者, 原籍 of 原籍国, 人道主义法 of 国际人道主义法), most of whose occurrences as plain jieba's
    tokens are inside such terms (the package counts it as a token of its own less than half as
    often), in plain jieba's order.  The terms: the package's top list, and every word of its
    segmentation that plain jieba cuts (``attrs["kept_whole"]``, where the table has it)."""
    c = compare if top is None else compare.head(top)
    listed = dict(zip(compare["unzh_word"].dropna(), compare["unzh_count"].dropna()))
    own = compare.attrs.get("unzh_counts", listed)
    whole = set(listed) | set(compare.attrs.get("kept_whole", ()))
    return [w for w, n in zip(c["plain_word"], c["plain_count"]) if isinstance(w, str) and not pd.isna(n)
            and 2 * int(own.get(w, 0)) < int(n) and any(w in u and w != u for u in whole)]


def describe_before_after(compare: pd.DataFrame, top: int) -> str:
    """One sentence on the chart of :func:`compare_segmentations`' top ``top`` rows: the split
    fragments of plain jieba (:func:`split_fragments`) with their counts, and the terms the
    package's segmentation brings into the top ``top``."""
    c = compare.head(top)
    plain = dict(zip(c["plain_word"], c["plain_count"]))
    frags = split_fragments(compare, top)
    entering = [w for w in c["unzh_word"].dropna() if w not in plain]  # (fewer words than rows: NA)
    parts = []
    if frags:
        parts.append(f"plain jieba's top {len(c)} holds {plural(len(frags), 'fragment')} of terms the dictionary keeps whole: "
                     + ", ".join(f"{w} ({int(plain[w])})" for w in frags))
    else:
        parts.append(f"plain jieba's top {len(c)} holds no fragment of a term the dictionary keeps whole")
    if entering:
        parts.append(f"with the package's segmentation (its dictionary, HMM off) {plural(len(entering), 'word')} {'enters' if len(entering) == 1 else 'enter'} the top {len(c)}: " + ", ".join(entering))
    return "; ".join(parts) + "."

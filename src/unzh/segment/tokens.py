"""The token table: its columns, which tokens are kept, and its compact encoded form.

The token table (:data:`TOKEN_COLUMNS`) has one row per kept token:

==========  ===============================================================
doc_id      document id
para_id     paragraph row (see :mod:`unzh.text.structure`)
section     section id
debate      debate number (nullable)
para_no     paragraph number within the section (nullable)
sentence    1-based sentence number within the paragraph (split on 。！？；)
position    0-based index of the token among the paragraph's kept tokens
start       character offset of the token in the paragraph's text
token       the token
stop        True if the token is in the stopword list
unit_kind   the paragraph row's unit kind (operative, article, target …)
unit        its printed number, normalised (``3``, ``3.a``, ``5(a)``; empty if none)
path        the units above it (``第一章/第三条``)
==========  ===============================================================

String columns are Arrow-backed (pandas' ``str``), or categorical with ``categorical=True``;
never Python objects.  Filtered out (never in the table): whitespace, punctuation and symbols,
numbers (Arabic, full-width and Chinese numerals with 年/月/日 are kept as words only if jieba
joins them with a character); Latin-only tokens are kept.

Owns: :data:`TOKEN_COLUMNS`, :func:`is_kept`, :class:`EncodedTokens` (what segmentation produces
and the token cache stores) and building the table from it.  May import: numpy, pandas, pyarrow.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

TOKEN_COLUMNS = ["doc_id", "para_id", "section", "debate", "para_no", "sentence", "position", "start", "token", "stop",
                 "unit_kind", "unit", "path"]
#: the structure model's unit columns, carried from the paragraph rows (empty where a table has none)
UNIT_COLUMNS = ("unit_kind", "unit", "path")
#: Version of the token table's layout, dtypes and filtering; part of the token-cache key.
TOKEN_SCHEMA_VERSION = 4  # 3: sentence, position, start are int32; 4: unit_kind, unit, path
SENTENCE_END = set("。！？；")
_NUMBER = re.compile(r"^[0-9０-９.,．，%％]+$")


@lru_cache(maxsize=1 << 18)
def is_kept(token: str) -> bool:
    """Keep words (at least one letter: Chinese or Latin); drop whitespace, punctuation, symbols,
    numbers and numeral signs such as ㈠.  Cached: every batch of a corpus asks again for the
    types it shares with the others."""
    if not token.strip() or _NUMBER.match(token):
        return False
    return any(unicodedata.category(c).startswith("L") for c in token)



def kept_mask(types) -> np.ndarray:
    """:func:`is_kept` of each of ``types`` (an Arrow string array), as a boolean array.

    A type that begins with a CJK unified ideograph (U+4E00-U+9FFF, all letters) is kept, read
    off its UTF-8 bytes in NumPy; only the others (punctuation, numbers, Latin words: a few
    hundred in a corpus) are asked one by one.  A corpus's rare words are mostly new to each
    document, and :func:`is_kept` of a new type costs a Unicode look-up per character.
    """
    import pyarrow as pa
    n = len(types)
    if not n:
        return np.zeros(0, dtype=bool)
    arr = types.cast(pa.large_string()) if types.type != pa.large_string() else types
    _, offsets_buf, data_buf = arr.buffers()[:3]
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[arr.offset:arr.offset + n + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    start = offsets[:-1]
    three = (offsets[1:] - start) >= 3
    head = np.zeros((n, 3), dtype=np.int64)
    at = start[three]
    head[three] = np.stack([data[at], data[at + 1], data[at + 2]], axis=1)
    b0, b1, b2 = head[:, 0], head[:, 1], head[:, 2]
    cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
    out = three & ((b0 & 0xF0) == 0xE0) & (cp >= 0x4E00) & (cp <= 0x9FFF)
    rest = np.flatnonzero(~out)
    if len(rest):
        others = arr.take(pa.array(rest)).to_pylist()
        out[rest] = np.fromiter(map(is_kept, others), dtype=bool, count=len(others))
    return out


def sentence_numbers(tokens: list[str]) -> list[int]:
    """1-based sentence number of each token; a sentence ends after 。！？；."""
    out, s = [], 1
    for t in tokens:
        out.append(s)
        if t in SENTENCE_END:
            s += 1
    return out



RUN_KEYS = ("cache", "cache_key", "workers")


def segmentation_provenance(tokens: pd.DataFrame) -> dict:
    """The token table's provenance without what varies from run to run (cache hit, workers),
    so that a provenance record written beside figures is the same on every build."""
    return {k: v for k, v in tokens.attrs.get("provenance", {}).items() if k not in RUN_KEYS}




def _code_dtype(n_categories: int):
    """The integer type pandas keeps a categorical's codes in (so that it need not convert them)."""
    for dtype in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _string_column(values: list[str], codes: np.ndarray, categorical: bool, counts: np.ndarray | None = None):
    """``values[codes]`` as pandas' Arrow-backed ``str`` (or a categorical with sorted categories);
    ``counts``: the codes are per paragraph row, repeated for each row's tokens (see :func:`_table`)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if categorical:
        order = sorted(range(len(values)), key=values.__getitem__)
        dtype = _code_dtype(len(values))
        rank = np.empty(len(values) + 1, dtype=dtype)
        rank[order] = np.arange(len(values), dtype=dtype)
        rank[-1] = -1  # code -1 (missing) stays missing
        categories = pd.Index([values[i] for i in order], dtype="str")
        ranked = rank[codes] if counts is None else np.repeat(rank[codes], counts)  # repeat the small codes
        return pd.Categorical.from_codes(ranked, categories=categories, validate=False)
    if counts is not None:
        codes = np.repeat(codes, counts)
    # take from a (32-bit offset) string array: ~10x faster than from large_string
    taken = pc.take(pa.array(values, type=pa.string()), pa.array(codes, mask=codes < 0))  # -1: missing
    if int(pd.__version__.split(".")[0]) >= 3:
        return pd.array(taken, dtype="str")
    return pd.array(taken.to_pylist(), dtype=object)


def _take_strings(col: pd.Series, counts: np.ndarray, categorical: bool):
    codes, uniques = pd.factorize(col.astype("str"))  # a missing value gets code -1
    return _string_column([str(u) for u in uniques], codes.astype(np.int32), categorical, counts)


def _take_ints(col: pd.Series, counts: np.ndarray) -> pd.arrays.IntegerArray:
    """A nullable integer column of the paragraph rows, repeated for each row's tokens (Int64)."""
    arr = pd.array(col, dtype="Int64")
    return pd.arrays.IntegerArray(np.repeat(arr.to_numpy(dtype=np.int64, na_value=0), counts),
                                  np.repeat(arr.isna(), counts))


@dataclass
class EncodedTokens:
    """The token table in compact form: what segmentation produced and the token cache stores.

    Tokens come paragraph row by paragraph row, in order: ``counts[i]`` is the number of tokens of
    row *i* of the segmented paragraphs (their ids and section are taken from them when the table
    is built); ``code`` indexes ``types``; the rest are int32 arrays aligned by token.
    """

    counts: np.ndarray     # int32: tokens per paragraph row
    code: np.ndarray       # int32: index into types
    types: list[str]
    sentence: np.ndarray   # int32
    position: np.ndarray   # int32
    start: np.ndarray      # int32

    @property
    def row(self) -> np.ndarray:
        """int32: the paragraph row of each token."""
        return np.repeat(np.arange(len(self.counts), dtype=np.int32), self.counts)


def _concat(batches) -> EncodedTokens:
    """Concatenate the batches (in order): every array written once into a preallocated one."""
    if len(batches) == 1:  # (a corpus's document: one batch, its vocabulary as it is)
        b = batches[0]
        return EncodedTokens(b.counts, b.code, list(b.vocab), b.sentence, b.position, b.start)
    vocab: dict[str, int] = {}
    n = sum(len(b.code) for b in batches)
    code = np.empty(n, np.int32)
    ints = {c: np.empty(n, np.int32) for c in ("sentence", "position", "start")}
    pos = 0
    for b in batches:
        k = len(b.code)
        if k:
            remap = np.fromiter((vocab.setdefault(t, len(vocab)) for t in b.vocab), dtype=np.int32,
                                count=len(b.vocab))
            code[pos:pos + k] = remap[b.code]
            for c, arr in ints.items():
                arr[pos:pos + k] = getattr(b, c)
        pos += k
    counts = np.concatenate([b.counts for b in batches]) if batches else np.zeros(0, np.int32)
    return EncodedTokens(counts, code, list(vocab), **ints)


def _table(rows: pd.DataFrame, enc: EncodedTokens, stopwords: frozenset, categorical: bool) -> pd.DataFrame:
    """The token table (:data:`TOKEN_COLUMNS`) from its compact form and the paragraph rows.

    Tokens come row by row, so a paragraph row's value reaches its tokens by ``np.repeat`` with
    the tokens per row, which writes sequentially: 3-6x faster than indexing by a row per token.
    """
    code, counts = enc.code, enc.counts
    if len(counts) != len(rows):
        raise ValueError(f"{len(counts)} token counts for {len(rows)} paragraph rows")
    stop_type = np.fromiter((t in stopwords for t in enc.types), dtype=bool, count=len(enc.types))
    data = {
        "doc_id": _take_strings(rows["doc_id"], counts, categorical),
        "para_id": np.repeat(rows["para_id"].to_numpy(dtype=np.int64), counts),
        "section": _take_strings(rows["section"], counts, categorical),
        "debate": _take_ints(rows["debate"], counts),
        "para_no": _take_ints(rows["para_no"], counts),
        **{c: getattr(enc, c) for c in ("sentence", "position", "start")},  # int32 already: no copy
        "token": _string_column(enc.types, code, categorical),
        "stop": stop_type[code],
        **{c: _take_strings(rows[c] if c in rows.columns else pd.Series("", index=rows.index), counts, categorical)
           for c in UNIT_COLUMNS},
    }
    return pd.DataFrame(data, columns=TOKEN_COLUMNS, copy=False)  # copy=False: no consolidation copy

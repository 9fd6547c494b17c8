"""The token cache: a token table stored as Parquet in the project's cache folder.

A re-run, or another notebook on the same text, reads the table instead of
segmenting again.  The file name is the SHA-256 of everything that decides the
table's content, so a cached table can never be stale:

* the paragraphs segmented: ``doc_id``, ``para_id``, ``section``, ``debate``,
  ``para_no`` and the cleaned ``text`` of every row, in order;
* the segmenter: backend and its version (for rjieba also jieba-rs's version and
  the guard's), jieba's version, the SHA-256 of jieba's dictionary, of the user
  dictionary and of the stopword list, the HMM flag and the verification mode;
* the token table's schema version (:data:`unzh.segment.TOKEN_SCHEMA_VERSION`)
  and whether string columns are categorical.

Files live in ``config.CACHE_DIR / "tokens"`` and are written atomically
(temporary file, then rename); a file that cannot be read counts as a miss and is
rewritten.  Only Parquet is read from the cache, never pickle or marshal.  The
table's provenance travels in the file's metadata.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .io_utils import atomic_write_bytes

_META_KEY = b"unzh.provenance"
_PARAGRAPH_KEYS = ("doc_id", "para_id", "section", "debate", "para_no", "text")


def cache_dir() -> Path:
    return config.CACHE_DIR / "tokens"


def _hash_column(h, values: pd.Series) -> None:
    """Feed one column into the hash, unambiguously (lengths and missing values included)."""
    h.update(f"|{values.name}|{len(values)}|".encode())
    if pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
        na = values.isna().to_numpy()
        h.update(np.packbits(na).tobytes())
        h.update(values.fillna(0).to_numpy(dtype=np.int64).tobytes())
        return
    strings = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in values.tolist()]
    h.update(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)).tobytes())
    h.update("".join(strings).encode("utf-8", "surrogatepass"))


def cache_key(rows: pd.DataFrame, fingerprint: dict) -> str:
    """SHA-256 of the paragraphs' ids and text and of the segmenter's fingerprint."""
    h = hashlib.sha256()
    h.update(json.dumps(fingerprint, sort_keys=True, ensure_ascii=True).encode())
    for col in _PARAGRAPH_KEYS:
        _hash_column(h, rows[col] if col in rows else pd.Series([None] * len(rows), name=col))
    return h.hexdigest()


def cache_path(key: str) -> Path:
    return cache_dir() / f"{key}.parquet"


def read(key: str) -> pd.DataFrame | None:
    """The cached table for ``key`` (provenance in ``attrs``), or None."""
    path = cache_path(key)
    if not path.exists():
        return None
    import pyarrow.parquet as pq
    try:
        table = pq.read_table(path)
        df = table.to_pandas()
        meta = table.schema.metadata or {}
        df.attrs["provenance"] = json.loads(meta[_META_KEY]) if _META_KEY in meta else {}
    except Exception:  # unreadable (e.g. written by another version): a miss
        return None
    return df


def write(key: str, df: pd.DataFrame) -> Path:
    """Store ``df`` (and its provenance) atomically under ``key``."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps(df.attrs.get("provenance", {}), ensure_ascii=False).encode()
    table = table.replace_schema_metadata(meta)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return atomic_write_bytes(cache_path(key), sink.getvalue().to_pybytes())

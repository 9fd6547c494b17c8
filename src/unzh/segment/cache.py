"""The token cache: a token table stored as Parquet in the project's cache folder.

A re-run, or another notebook on the same text, reads the table instead of
segmenting again.  The file name is the SHA-256 of everything that decides the
table's content, so a cached table can never be stale:

* the paragraphs segmented: ``doc_id``, ``para_id``, ``section``, ``debate``,
  ``para_no`` and the cleaned ``text`` of every row, in order;
* the segmenter: backend and its version (for rjieba also jieba-rs's version and
  the guard's), jieba's version, the SHA-256 of jieba's dictionary, of the user
  dictionary and of the stopword list, the HMM flag and the verification mode;
* the token table's schema version (:data:`unzh.segment.tokens.TOKEN_SCHEMA_VERSION`)
  and whether string columns are categorical;
* the file layout (:data:`CACHE_FORMAT`), and the versions of unzh, pandas and pyarrow (a code
  change ships with a new version: its cache is another; :func:`versions`).

Each file carries its own key and a SHA-256 of its content (the five columns' bytes and the
token types) in its metadata; on reading, both are checked: a file put in another's place, or
altered, or written by other code, is a miss, said in a :class:`CacheMismatchWarning`, and is
segmented again and rewritten.

The file is compact: five int32 columns (``row`` = index of the paragraph in the
key's row order, ``code`` = index into the token types, ``sentence``,
``position``, ``start``), lz4-compressed in one row group; the token types are a
JSON list in the file's metadata (``unzh.types``), next to the table's provenance
(``unzh.provenance``).  The document/section/debate columns are rebuilt from the
paragraph rows on reading, which checks every ``row`` and ``code`` is in range
and the rows in order.

Files live in ``config.CACHE_DIR / "tokens"`` and are written atomically
(temporary file, then rename; a temporary file left by a killed process, older than
:data:`STALE_TMP_SECONDS`, is removed by the next write); a file that cannot be read or fails the
checks counts as a miss and is rewritten.  Only Parquet is read from the cache, never
pickle or marshal.
"""
from __future__ import annotations

import hashlib
import json
import time
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from unzh import config
from unzh.io_utils import atomic_write_bytes
from unzh.segment.tokens import EncodedTokens

_META_KEY = b"unzh.provenance"
_VOCAB_KEY = b"unzh.types"
_KEY_KEY = b"unzh.key"
_SUM_KEY = b"unzh.sha256"
#: Layout of a cache file (part of the key): 2 = the compact form (row, code, int32 columns);
#: 3 = the same with its key and content checksum in the metadata; 4 = the checksum over the token
#: types' JSON as stored.
CACHE_FORMAT = 4
#: a temporary file of the cache folder older than this (seconds) was left by a killed writer
STALE_TMP_SECONDS = 3600


class CacheMismatchWarning(UserWarning):
    """A cache file did not match its key or its checksum: it was ignored (and is rewritten)."""


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed unzh's version (its distribution's metadata; this floor does not import ``unzh``)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("unzh")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+source"


def versions() -> dict:
    """The versions of the code that writes and reads the table (part of every key; read once per
    process, since reading a distribution's metadata takes milliseconds and cannot change while it runs)."""
    import pyarrow
    return {"unzh": package_version(), "pandas": pd.__version__, "pyarrow": pyarrow.__version__}


def _content_sha256(cols: dict, types_json: bytes) -> str:
    """SHA-256 of the five columns and of the token types as stored (their JSON's bytes)."""
    h = hashlib.sha256()
    for c in _INT_COLUMNS:
        a = np.ascontiguousarray(cols[c], dtype=np.int32)
        h.update(f"|{c}|{len(a)}|".encode())
        h.update(a.tobytes())
    h.update(types_json)
    return h.hexdigest()
_INT_COLUMNS = ("row", "code", "sentence", "position", "start")
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
    # strings (a missing value counts as ""): every length, then the UTF-8 bytes, read straight
    # from an Arrow array's buffers (no Python string per value: 20 MB of text in ~30 ms)
    import pyarrow as pa
    import pyarrow.compute as pc
    arr = pa.array(values.astype("str").array, type=pa.large_string()) if len(values) else pa.array([], pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = pc.fill_null(arr, "")
    _, offsets_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(offsets_buf, dtype=np.int64)[arr.offset:arr.offset + len(arr) + 1] \
        if offsets_buf is not None else np.zeros(1, np.int64)
    h.update(np.diff(offsets).tobytes())
    if data_buf is not None and len(arr):
        h.update(memoryview(data_buf)[int(offsets[0]):int(offsets[-1])])


def cache_key(rows: pd.DataFrame, fingerprint: dict) -> str:
    """SHA-256 of the paragraphs' ids and text and of the segmenter's fingerprint."""
    h = hashlib.sha256()
    h.update(f"unzh-token-cache-{CACHE_FORMAT}|".encode())
    h.update(json.dumps({**fingerprint, "versions": versions()}, sort_keys=True, ensure_ascii=True).encode())
    for col in _PARAGRAPH_KEYS:
        _hash_column(h, rows[col] if col in rows else pd.Series([None] * len(rows), name=col))
    return h.hexdigest()


def cache_path(key: str) -> Path:
    return cache_dir() / f"{key}.parquet"


def read(key: str, n_rows: int):
    """The cached compact table for ``key`` and its provenance, or None (missing or unreadable).

    ``n_rows``: the number of paragraph rows segmented; a file whose row indices do not fit, or
    are not in order (tokens come row by row), counts as unreadable.  A file whose stored key or
    content checksum is not right is a miss too, with a :class:`CacheMismatchWarning`.
    """
    path = cache_path(key)
    if not path.exists():
        return None
    try:
        return _read(path, key, n_rows)
    except _Mismatch as exc:  # said, then a miss
        warnings.warn(str(exc), CacheMismatchWarning, stacklevel=3)
        return None


class _Mismatch(Exception):
    """A readable cache file whose stored key or checksum is not the expected one."""


def _read(path: Path, key: str, n_rows: int):
    import pyarrow.parquet as pq
    try:
        table = pq.read_table(path, columns=list(_INT_COLUMNS))
        meta = table.schema.metadata or {}
        types_json = meta[_VOCAB_KEY]
        types = json.loads(types_json)
        provenance = json.loads(meta[_META_KEY]) if _META_KEY in meta else {}
        table = table.combine_chunks()
        cols = {c: table.column(c).chunk(0).to_numpy() if table.num_rows else np.zeros(0, np.int32)
                for c in _INT_COLUMNS}
        stored_key = meta.get(_KEY_KEY, b"").decode()
        if stored_key != key or meta.get(_SUM_KEY, b"").decode() != _content_sha256(cols, types_json):
            what = "another key" if stored_key != key else "a checksum that its content does not match"
            raise _Mismatch(f"token cache file {path.name} has {what}: ignored, segmented again")
        row = cols.pop("row")
        if len(row) and (row[0] < 0 or row[-1] >= n_rows or (row[1:] < row[:-1]).any()
                         or cols["code"].min() < 0 or cols["code"].max() >= len(types)):
            return None
        counts = np.bincount(row, minlength=n_rows).astype(np.int32)
    except _Mismatch:
        raise
    except Exception:  # unreadable (e.g. written by another version): a miss
        return None
    return EncodedTokens(counts=counts, types=types, **cols), provenance


def write(key: str, enc, provenance: dict) -> Path:
    """Store the compact table ``enc`` (an :class:`unzh.segment.tokens.EncodedTokens`) and its provenance
    atomically under ``key``: five int32 columns, the token types in the file's metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pa.table({c: pa.array(getattr(enc, c), type=pa.int32()) for c in _INT_COLUMNS})
    cols = {c: getattr(enc, c) for c in _INT_COLUMNS}
    types_json = json.dumps(list(enc.types), ensure_ascii=False).encode()
    table = table.replace_schema_metadata({
        _META_KEY: json.dumps(provenance, ensure_ascii=False).encode(),
        _VOCAB_KEY: types_json,
        _KEY_KEY: key.encode(),
        _SUM_KEY: _content_sha256(cols, types_json).encode(),
    })
    sink = pa.BufferOutputStream()
    # one row group: each column then reads back as one chunk, which numpy views without a copy
    pq.write_table(table, sink, compression="lz4", row_group_size=max(1, table.num_rows))
    remove_stale_tmp_once()
    return atomic_write_bytes(cache_path(key), sink.getvalue().to_pybytes(), durable=False)


_SWEPT: dict[Path, float] = {}


def remove_stale_tmp_once(folder: Path | None = None, every: float = 600.0) -> None:
    """:func:`remove_stale_tmp` for ``folder`` (default: the token cache), at most once every
    ``every`` seconds per process: listing a cache folder of thousands of files before each of a
    corpus's writes would cost more than the writes."""
    folder = cache_dir() if folder is None else folder
    now = time.monotonic()
    if now - _SWEPT.get(folder, -every) >= every:
        _SWEPT[folder] = now
        remove_stale_tmp(folder=folder)


def remove_stale_tmp(max_age: float = STALE_TMP_SECONDS, folder: Path | None = None) -> list[Path]:
    """Remove the temporary files (``.*.tmp``) of the cache folder (default: the token cache) older
    than ``max_age`` seconds: what a writer killed mid-write left (a live writer's is younger).
    Returns those removed."""
    removed = []
    now = time.time()
    folder = cache_dir() if folder is None else folder
    for tmp in folder.glob(".*.tmp") if folder.is_dir() else ():
        try:
            if now - tmp.stat().st_mtime > max_age:
                tmp.unlink()
                removed.append(tmp)
        except OSError:  # gone already, or not ours to remove
            pass
    return removed

"""A corpus counted document by document: map (read, clean, structure, segment, count), reduce (add).

:func:`corpus_dfm` gives the :class:`unzh.textstat.features.Dfm` of a corpus's body paragraphs
without building its token table: each document is read, cleaned, structured, segmented and
counted where it runs (:func:`count_document`, mapped by :func:`unzh.segment.engine.map_ordered`
on a process pool, a Dask cluster or in this process); its tokens go to the token cache (one
Parquet file per document, named by the hash of its paragraphs and of the segmenter, see
:mod:`unzh.segment.cache`), and only its counts come back, to be added up
(:func:`dfm_merge`).  The dfm is the one :func:`unzh.textstat.features.dfm` gives for the
corpus's token table (:func:`unzh.textstat.frequency.term_frequency`,
:func:`unzh.textstat.keyness.textstat_keyness` and ``textstat_tfidf`` accept it in place of
the table), since what it counts adds up over documents:

* a paragraph is a ``(doc_id, para_id)``: no paragraph is in two documents, so paragraph counts
  (``n_paragraphs``, ``doc_freq``) add up like token counts;
* groups are the values some row has, in order of first appearance (documents in corpus order)
  or sorted for ``debate``; terms are the terms counted at least once, sorted (the token column's
  categories are the sorted union of the documents' token types, as in the corpus's table).

Cleaning and structure recovery are cached by content as well (``.cache/unzh/paragraphs``: one
Parquet file of a document's paragraph rows, named by the SHA-256 of the file's bytes, its id, the
row kinds kept and the versions of unzh, pandas and pyarrow), so that a warm re-run reads neither
the cleaning nor the structure, only the two cache files of each document.

Reading follows :func:`unzh.text.corpus.read_corpus` (``strict`` for the files named): the same
folder expansion, files given twice read once, unique ids over the documents read, every
skipped entry kept with its one-line message.  With ``backend="rjieba"`` and ``verify="sample"``
each document's sample, its share (by bytes) of the corpus's
:data:`unzh.segment.segmenter.VERIFY_SAMPLE_CHARS`, is compared with jieba (a document where they
differ is segmented by jieba, not the whole corpus).
"""
from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from unzh import errors
from unzh.segment import engine
from unzh.text.structure import BODY_KINDS
from unzh.textstat.features import Dfm

__all__ = ["CorpusCounts", "DocumentCounts", "corpus_dfm", "count_document", "dfm_merge"]

#: documents' dfms added up this many at a time (the reduce keeps one running total)
MERGE_EVERY = 64
#: ``workers=None`` on the process pool: a corpus smaller than this (bytes of its files) is counted
#: in this process, where starting the workers (~1-1.5 s each: imports, tokenizer) does not pay
PARALLEL_MIN_BYTES = 2_000_000


@dataclass(frozen=True)
class CountOptions:
    """What :func:`count_document` does with a document (the same for every document of a corpus)."""

    by: str | None = None
    hmm: bool = False
    backend: str = "jieba"
    verify: str = "sample"
    cache: bool = True
    kinds: tuple = tuple(BODY_KINDS)
    #: bytes of the corpus's files: a document's share of the corpus's rjieba-vs-jieba sample
    #: (:data:`unzh.segment.segmenter.VERIFY_SAMPLE_CHARS`) is its share of these (None: the whole sample)
    corpus_bytes: int | None = None


@dataclass
class DocumentCounts:
    """One document's result: its dfm, or the error that kept it out (``error``: class, source, problem)."""

    path: str
    doc_id: str
    dfm: Dfm | None = None
    error: tuple | None = None
    script: str | None = None
    n_rows: int = 0
    segmentation: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    #: the coverage account's one-line warning (:func:`unzh.text.structure.structure_coverage`), and
    #: whether long lines were cut at paragraph numbers: the lines every subcommand prints
    coverage_warning: str = ""
    split: bool = False

    def exception(self) -> errors.InputError:
        cls, source, problem = self.error
        return getattr(errors, cls, errors.InputError)(source, problem)


def count_document(task: tuple) -> DocumentCounts:
    """Read, clean, structure, segment and count one document: ``task = (path, doc_id, CountOptions)``.

    Runs in a worker (module-level, picklable in and out).  A document that cannot be read gives
    a result with ``error`` set (an :class:`unzh.errors.InputError` does not pickle by itself).
    Its tokens are counted from their compact form (:func:`unzh.segment.segmenter.encoded_tokens`,
    read from or written to the token cache, :func:`unzh.textstat.features.dfm_encoded`): the
    document's token table is never built.
    """
    path, doc_id, opts = task
    with warnings.catch_warnings(record=True) as caught:  # (returned with the counts, said by the caller)
        warnings.simplefilter("always")
        return _count_document(path, doc_id, opts, caught)


def _count_document(path, doc_id: str, opts: CountOptions, caught: list) -> DocumentCounts:
    from unzh.segment.segmenter import VERIFY_SAMPLE_CHARS, encoded_tokens
    from unzh.text.document import read_document
    from unzh.textstat.features import dfm_encoded
    hit = _read_ingested(path, doc_id, opts) if opts.cache else None
    if hit is not None:
        rows, script, (cover, split) = hit
    else:
        from unzh.text.structure import structure_coverage
        try:
            doc = read_document(path, doc_id=doc_id)
        except errors.InputError as exc:
            return DocumentCounts(str(path), doc_id, error=(type(exc).__name__, exc.source, exc.problem))
        rows, script = doc.paragraphs[doc.paragraphs["kind"].isin(opts.kinds)], doc.script
        account = structure_coverage(doc.paragraphs).iloc[0]
        cover, split = str(account["warning"]), bool(account["split"])
        if opts.cache:
            _write_ingested(path, doc_id, opts, rows, script, (cover, split))
    budget = VERIFY_SAMPLE_CHARS
    if opts.corpus_bytes:
        budget = max(1, round(VERIFY_SAMPLE_CHARS * _size(path) / opts.corpus_bytes))
    seg = _segmenter(opts)
    enc, prov = encoded_tokens(rows, seg, workers=1, cache=opts.cache, verify_chars=budget)
    return DocumentCounts(str(path), doc_id, dfm_encoded(rows, enc, seg.stopword_set, opts.by), script=script,
                          n_rows=len(rows), segmentation=dict(prov.get("segmentation") or {}),
                          warnings=errors.reader_warnings(caught), coverage_warning=cover, split=split)


#: this process's segmenters, by what makes them (a worker counts many documents with one)
_SEGMENTERS: dict = {}


def _segmenter(opts: CountOptions):
    """The :class:`unzh.segment.segmenter.Segmenter` of ``opts``, made once per process
    as long as its lexicon files are unchanged (their size and modification time are in the key)."""
    from unzh import config
    from unzh.segment.segmenter import Segmenter

    def stamp(paths):
        out = []
        for p in paths:
            try:
                st = os.stat(p)
                out.append((str(p), st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((str(p), None, None))
        return tuple(out)

    key = (opts.hmm, opts.backend, opts.verify, stamp(config.USER_DICTS), stamp(config.STOPWORD_FILES))
    seg = _SEGMENTERS.get(key)
    if seg is None:
        seg = Segmenter(hmm=opts.hmm, backend=opts.backend, verify=opts.verify)  # loaded when it first cuts
        _SEGMENTERS.clear()
        _SEGMENTERS[key] = seg
    return seg


# ------------------------------------------------------------------ the ingest cache (clean + structure)
#: layout of an ingest cache file (part of its key); 2: with a checksum of its rows; 3: of its Arrow columns
INGEST_FORMAT = 3
_SCRIPT_KEY = b"unzh.script"
_COVER_KEY = b"unzh.coverage"
_INGEST_KEY = b"unzh.key"
_SUM_KEY = b"unzh.sha256"


def ingest_dir() -> Path:
    from unzh import config
    return config.CACHE_DIR / "paragraphs"


def _ingest_key(path, doc_id: str, opts: CountOptions) -> str | None:
    """SHA-256 of the file's bytes, the document id, the row kinds kept and the code's versions; None
    for anything but a regular file (a FIFO or device is left to read_document, which refuses it)."""
    import hashlib
    import json
    import stat

    from unzh.segment.cache import versions
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    h = hashlib.sha256(f"unzh-ingest-{INGEST_FORMAT}|".encode())
    h.update(json.dumps({"doc_id": doc_id, "kinds": list(opts.kinds), "versions": versions()},
                        sort_keys=True).encode())
    h.update(data)
    return h.hexdigest()


def _read_ingested(path, doc_id: str, opts: CountOptions):
    """The cached paragraph rows and script of this file's content, or None (missing, unreadable, or not
    this key's: a file put in another's place is ignored)."""
    key = _ingest_key(path, doc_id, opts)
    target = ingest_dir() / f"{key}.parquet" if key else None
    if target is None or not target.exists():
        return None
    import pyarrow.parquet as pq

    from unzh.segment.cache import CacheMismatchWarning
    try:
        table = pq.read_table(target)
        meta = table.schema.metadata or {}
        stored = meta.get(_INGEST_KEY, b"").decode()
        if stored != key or meta.get(_SUM_KEY, b"").decode() != _table_sha256(table):
            what = "another key" if stored != key else "a checksum that its content does not match"
            warnings.warn(f"paragraph cache file {target.name} has {what}: ignored, {Path(path).name} read again",
                          CacheMismatchWarning, stacklevel=2)
            return None
        cover, split = json.loads(meta[_COVER_KEY].decode())
        return table.to_pandas(), meta[_SCRIPT_KEY].decode(), (cover, bool(split))
    except Exception:  # unreadable: read the document again
        return None


def _table_sha256(table) -> str:
    """SHA-256 of an Arrow table's columns (names, lengths, values; strings by their UTF-8 bytes,
    integers and booleans as int64 with their missing values marked): the same for the table written
    and the table read back, whatever Arrow's layout of either."""
    import hashlib

    import pyarrow as pa
    import pyarrow.compute as pc
    h = hashlib.sha256(f"{table.num_rows}|{table.column_names}".encode())
    for name in table.column_names:
        arr = table.column(name).combine_chunks()
        h.update(f"|{name}|".encode())
        h.update(np.packbits(arr.is_null().to_numpy(zero_copy_only=False)).tobytes())
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            arr = pc.fill_null(arr.cast(pa.large_string()), "")
            _, offsets_buf, data_buf = arr.buffers()
            offsets = np.frombuffer(offsets_buf, dtype=np.int64)[arr.offset:arr.offset + len(arr) + 1]
            h.update(np.diff(offsets).tobytes())
            if data_buf is not None and len(arr):
                h.update(memoryview(data_buf)[int(offsets[0]):int(offsets[-1])])
        else:
            values = pc.fill_null(arr.cast(pa.int64()) if pa.types.is_boolean(arr.type) else arr, 0)
            h.update(values.to_numpy(zero_copy_only=False).astype(np.int64 if not pa.types.is_floating(arr.type)
                                                                     else np.float64).tobytes())
    return h.hexdigest()


def _write_ingested(path, doc_id: str, opts: CountOptions, rows: pd.DataFrame, script: str,
                    coverage: tuple = ("", False)) -> None:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    from unzh.io_utils import atomic_write_bytes
    from unzh.segment.cache import remove_stale_tmp_once
    key = _ingest_key(path, doc_id, opts)
    if key is None:
        return
    table = pa.Table.from_pandas(rows.reset_index(drop=True), preserve_index=False)
    meta = {**(table.schema.metadata or {}), _INGEST_KEY: key.encode(), _SCRIPT_KEY: str(script).encode(),
            _COVER_KEY: json.dumps(list(coverage)).encode(), _SUM_KEY: _table_sha256(table).encode()}
    sink = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), sink, compression="lz4")
    try:
        remove_stale_tmp_once(ingest_dir())
        atomic_write_bytes(ingest_dir() / f"{key}.parquet", sink.getvalue(), durable=False)
    except OSError:  # a read-only cache: counted all the same
        pass


def _values(index: pd.Index) -> list:
    """An index's labels as plain Python values (categories compared by value, not by code)."""
    return list(index.astype(object)) if isinstance(index, pd.CategoricalIndex) else list(index)


def _strings(index: pd.Index):
    """A string index's labels as an Arrow array (a categorical's categories taken by its codes)."""
    import pyarrow as pa
    if isinstance(index, pd.CategoricalIndex):
        categories = pa.array(np.asarray(index.categories, dtype=object), type=pa.large_string())
        return categories.take(pa.array(index.codes.astype(np.int64)))
    if isinstance(index.dtype, pd.StringDtype) and index.dtype.storage == "pyarrow":
        arr = pa.array(index.array)  # Arrow-backed already: no Python string per label
        return arr.cast(pa.large_string()) if arr.type != pa.large_string() else arr
    return pa.array(np.asarray(index, dtype=object), type=pa.large_string())


def _sorted_codes(arrays):
    """The sorted union of the string ``arrays`` and, for each array, the position of each of its
    strings in it: one dictionary encoding of them all (one hash table, whatever their number)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if not arrays:
        return pa.array([], pa.large_string()), []
    encoded = pa.chunked_array(arrays, type=pa.large_string()).combine_chunks().dictionary_encode()
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = rank[encoded.indices.to_numpy(zero_copy_only=False)]
    bounds = np.cumsum([0, *map(len, arrays)])
    return encoded.dictionary.take(pa.array(order)), [codes[a:b] for a, b in zip(bounds, bounds[1:])]


def _sorted_union(arrays):
    import pyarrow as pa
    import pyarrow.compute as pc
    unique = pc.unique(pa.chunked_array(arrays, type=pa.large_string())) if arrays else pa.array([], pa.large_string())
    return unique.take(pc.sort_indices(unique))


def _union_dtype(indexes: list[pd.Index]):
    """The dtype of the labels of all ``indexes``: a categorical's categories are the sorted union."""
    first = indexes[0].dtype
    if not isinstance(first, pd.CategoricalDtype):
        return first
    cats = set()
    for ix in indexes:
        cats.update(ix.dtype.categories)
    return pd.CategoricalDtype(pd.Index(sorted(cats), dtype=first.categories.dtype))


def _labels(values: list, dtype) -> pd.Index:
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.CategoricalIndex(pd.Categorical(values, dtype=dtype))
    return pd.Index(pd.array(values, dtype=dtype), dtype=dtype)


def dfm_merge(dfms: list[Dfm]) -> Dfm:
    """The dfm of documents counted apart (in corpus order): groups and terms united, counts added.

    Equal to :func:`unzh.textstat.features.dfm` of the documents' token tables concatenated,
    provided no paragraph ``(doc_id, para_id)`` is in two of them (see the module docstring).
    """
    if not dfms:
        raise ValueError("dfm_merge needs at least one dfm")
    by = dfms[0].by
    if any(d.by != by for d in dfms):
        raise ValueError(f"dfms grouped differently: {sorted({str(d.by) for d in dfms})}")
    groups: dict = {}
    for d in dfms:
        for g in _values(d.groups):
            groups.setdefault(g, len(groups))
    group_values = sorted(groups) if by == "debate" else list(groups)
    group_index = _labels(group_values, _union_dtype([d.groups for d in dfms]))
    group_pos = pd.Index(group_values, dtype=object)
    # terms (up to a corpus's vocabulary, per document) in Arrow: united and sorted without a Python
    # string each; Arrow sorts strings by their UTF-8 bytes, which is code point order, as sorted() is
    import pyarrow as pa
    import pyarrow.compute as pc
    term_values, term_codes = _sorted_codes([_strings(d.terms) for d in dfms])
    first = dfms[0].terms.dtype
    if isinstance(first, pd.CategoricalDtype):
        categories = _sorted_union([_strings(pd.Index(d.terms.dtype.categories)) for d in dfms])
        dtype = pd.CategoricalDtype(pd.Index(categories.to_pylist(), dtype=first.categories.dtype))
        codes = pc.index_in(term_values, value_set=categories).to_numpy(zero_copy_only=False)
        term_index = pd.CategoricalIndex(pd.Categorical.from_codes(codes, dtype=dtype))
    else:
        term_index = pd.Index(pd.array(term_values, dtype=first) if isinstance(first, pd.StringDtype)
                              else term_values.to_pylist(), dtype=first)
    rows, cols, counts, doc_freqs, sizes, paragraphs, targets = [], [], [], [], [], [], []
    for d in dfms:
        target = group_pos.get_indexer(_values(d.groups)).astype(np.int64)
        column = term_codes.pop(0)
        r, c, n, df = d.cells()
        rows.append(target[r])
        cols.append(column[c])
        counts.append(n)
        doc_freqs.append(df)
        targets.append(target)
        sizes.append(d.n_tokens)
        paragraphs.append(d.n_paragraphs)
    del pa
    shape = (len(group_values), len(term_values))
    r, c = np.concatenate(rows), np.concatenate(cols)

    def matrix(data) -> sparse.csr_matrix:
        m = sparse.csr_matrix((np.concatenate(data).astype(np.int64), (r, c)), shape=shape)  # duplicates summed
        m.sum_duplicates()
        m.eliminate_zeros()
        m.sort_indices()
        return m

    target = np.concatenate(targets)
    return Dfm(by, group_index, term_index, matrix(counts), matrix(doc_freqs),
               np.bincount(target, weights=np.concatenate(sizes), minlength=shape[0]).astype(np.int64),
               np.bincount(target, weights=np.concatenate(paragraphs), minlength=shape[0]).astype(np.int64))


@dataclass
class CorpusCounts:
    """:func:`corpus_dfm`'s result: the dfm, each document's result (dfm dropped), failures and notes."""

    dfm: Dfm | None
    documents: list[DocumentCounts]
    failed: dict[str, str]
    notes: list[str]
    scheduler: str

    def segmentation(self) -> dict:
        """The documents' segmentation accounts added up (paragraphs, rjieba, jieba, guarded, ...)."""
        out: dict = {}
        for doc in self.documents:
            for k, v in doc.segmentation.items():
                if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
                    out[k] = out.get(k, 0) + int(v)
        fallbacks = [f"{d.doc_id}: {d.segmentation['fallback']}" for d in self.documents
                     if d.segmentation.get("fallback")]
        out["fallback"] = "; ".join(fallbacks) or None
        return out


def _size(path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def corpus_dfm(paths, by: str | None = None, *, hmm: bool = False, backend: str = "jieba",
               verify: str = "sample", cache: bool = True, strict: bool = False, scheduler: str | None = None,
               workers: int | None = None) -> CorpusCounts:
    """The :class:`Dfm` of the body paragraphs of the documents at ``paths`` (files and folders), by ``by``.

    ``scheduler``/``workers``: where the documents are counted (:mod:`unzh.segment.engine`; default
    ``$UNZH_SCHEDULER``, else a process pool over the cores).  ``strict``: a file named in ``paths``
    that cannot be read raises its error (as :func:`unzh.text.corpus.read_corpus`); folder entries
    that cannot be read are skipped and listed in ``failed``.  Raises :class:`unzh.errors.DocumentError`
    if no document can be read, :class:`unzh.errors.InputError` for an unknown ``by``.
    """
    from unzh.text.corpus import distinct_inputs, unique_ids
    from unzh.text.structure import GROUP_COLUMNS, check_grouping
    check_grouping(pd.DataFrame(columns=list(GROUP_COLUMNS)), by)
    scheduler = engine.scheduler_from_env(scheduler)
    inputs, notes = distinct_inputs(paths)
    ids, _ = unique_ids([p for p, _ in inputs])
    corpus_bytes = sum(_size(p) for p, _ in inputs)
    opts = CountOptions(by=by, hmm=hmm, backend=backend, verify=verify, cache=cache, corpus_bytes=corpus_bytes)
    if workers is None and scheduler == "processes" and corpus_bytes < PARALLEL_MIN_BYTES:
        workers = 1
    total, read, failed = _count(inputs, ids, opts, strict, scheduler, workers)
    # ids over the documents read (read_corpus's rule): if a skipped file changes them, count again
    # (the tokens come from the cache)
    final_ids, id_notes = unique_ids([Path(res.path) for res in read])
    notes.extend(id_notes)
    if [res.doc_id for res in read] != final_ids:
        kept = {res.path for res in read}
        inputs = [(p, named) for p, named in inputs if str(p) in kept]
        total, read, _ = _count(inputs, final_ids, opts, strict, scheduler, workers)
    if not read:
        if len(failed) == 1:
            raise errors.DocumentError(None, next(iter(failed.values())))
        first = next(iter(failed.values()), "no files")
        raise errors.DocumentError(None, f"none of the {len(failed)} files is readable (first: {first})")
    return CorpusCounts(total, read, failed, notes, scheduler)


def _count(inputs, ids, opts, strict, scheduler, workers):
    """Map :func:`count_document` over the documents, adding the dfms up as they come (in corpus order)."""
    tasks = [(str(p), i, opts) for (p, _), i in zip(inputs, ids)]
    results = engine.map_ordered(count_document, tasks, scheduler=scheduler, workers=workers,
                                 sizes=[_size(p) for p, _ in inputs])
    total, pending, read, failed = None, [], [], {}
    for (path, named), res in zip(inputs, results):
        if res.error is not None:
            if strict and named:
                results.close()  # the other tasks are cancelled
                raise res.exception()
            failed[str(path)] = str(res.exception())
            continue
        pending.append(res.dfm)
        res.dfm = None  # the counts live in the running total only
        read.append(res)
        if len(pending) >= MERGE_EVERY:
            total = dfm_merge(pending if total is None else [total, *pending])
            pending = []
    if pending:
        total = dfm_merge(pending if total is None else [total, *pending])
    return total, read, failed

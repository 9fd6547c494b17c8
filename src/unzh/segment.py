"""Segmentation: the paragraph table → the token table, with jieba wrapped.

jieba keeps one global tokenizer, logs to stderr and caches in the shared temp
folder.  Here the package owns its own :class:`jieba.Tokenizer` instances
(one per dictionary/user-dictionary/HMM setting), built from absolute paths,
with jieba's logger silenced, its dictionary cache in the project's cache
folder under a name keyed by the dictionary's hash, and ``HMM=`` passed
explicitly on every call.  ``enable_parallel`` is never used.

Backends (:mod:`unzh.backends`): ``Segmenter(backend="jieba")`` (the reference,
default) or ``"rjieba"`` (jieba-rs, ~10x faster, loaded with the same dictionary,
user dictionary and HMM setting; any text on which it might differ is segmented by
jieba, and ``verify`` checks a sample or every text against jieba).
:func:`tokens_table` segments in batches, across worker processes for a large
corpus (:mod:`unzh.parallel`), and keeps its result in the token cache
(:mod:`unzh.token_cache`), so a re-run skips segmentation.

The token table (:data:`TOKEN_COLUMNS`) has one row per kept token:

==========  ===============================================================
doc_id      document id
para_id     paragraph row (see :mod:`unzh.structure`)
section     section id
debate      debate number (nullable)
para_no     paragraph number within the section (nullable)
sentence    1-based sentence number within the paragraph (split on 。！？；)
position    0-based index of the token among the paragraph's kept tokens
start       character offset of the token in the paragraph's text
token       the token
stop        True if the token is in the stopword list
==========  ===============================================================

String columns are Arrow-backed (pandas' ``str``), or categorical with
``categorical=True``; never Python objects.  Filtered out (never in the table):
whitespace, punctuation and symbols, numbers (Arabic, full-width and Chinese
numerals with 年/月/日 are kept as words only if jieba joins them with a
character), and Latin-only tokens are kept.  ``df.attrs["provenance"]`` records
the backend and its version, the jieba version, the hashes of the dictionary,
user dictionary and stopword files, the HMM setting, which backend segmented how
many paragraphs (``backend_used``, ``segmentation``) and whether the table came
from the cache.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import jieba
import numpy as np
import pandas as pd

from . import config
from .allocation import bulk_allocation
from .errors import LexiconError

TOKEN_COLUMNS = ["doc_id", "para_id", "section", "debate", "para_no", "sentence", "position", "start", "token", "stop"]
#: Version of the token table's layout, dtypes and filtering; part of the token-cache key.
TOKEN_SCHEMA_VERSION = 3  # 3: sentence, position, start are int32
SENTENCE_END = set("。！？；")
_NUMBER = re.compile(r"^[0-9０-９.,．，%％]+$")
_USERDICT_LINE = re.compile(r"^(\S+)(?:\s+(\d+))?(?:\s+([a-z]+))?$")

jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def jieba_dictionary() -> Path:
    """The main dictionary shipped inside the jieba package (absolute path)."""
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def _read_word_list(path: Path) -> str:
    """The text of a dictionary or word-list file; LexiconError if missing or not UTF-8."""
    if not path.exists():
        raise LexiconError(path, "no such file")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LexiconError(path, "not UTF-8 text") from None


def read_user_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a user dictionary: ``WORD [FREQ] [TAG]`` lines, ``#`` comments; LexiconError on a bad line."""
    path = Path(path)
    text = _read_word_list(path)
    entries, seen = [], {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _USERDICT_LINE.match(line)
        if not m:
            raise LexiconError(path, f"line {n} (entry {line!r}): expected 'WORD [FREQ] [TAG]'")
        word, freq, tag = m.groups()
        if word in seen:
            raise LexiconError(path, f"line {n} (entry {word!r}): duplicate of line {seen[word]}")
        seen[word] = n
        entries.append((word, int(freq) if freq else None, tag))
    if not entries:
        raise LexiconError(path, "no entries")
    return entries


def read_stopwords(path: Path) -> frozenset[str]:
    """One word per line, ``#`` comments; LexiconError if missing or not UTF-8."""
    path = Path(path)
    text = _read_word_list(path)
    words = set()
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(line.split()) != 1:
            raise LexiconError(path, f"line {n} (entry {line!r}): one word per line expected")
        words.add(line)
    return frozenset(words)


@lru_cache(maxsize=1 << 18)
def is_kept(token: str) -> bool:
    """Keep words (at least one letter: Chinese or Latin); drop whitespace, punctuation, symbols,
    numbers and numeral signs such as ㈠.  Cached: every batch of a corpus asks again for the
    types it shares with the others."""
    if not token.strip() or _NUMBER.match(token):
        return False
    return any(unicodedata.category(c).startswith("L") for c in token)


class BackendFallbackWarning(UserWarning):
    """The fast backend was not used (for some texts or for all) because it might differ from jieba."""


#: ``verify="sample"``: about this many characters of a corpus are compared with jieba.
VERIFY_SAMPLE_CHARS = 50_000
#: ``workers=None``: use all cores only for corpora at least this large (characters), where
#: starting worker processes pays for itself; below it, segment in this process.  A worker takes
#: about 1.5 s (jieba) or 1 s (rjieba) to start (imports, tokenizer): 1 M characters take jieba
#: ~3 s; rjieba segments 6.7 M in 1.2 s in one process and took 1.5 s with a worker.
PARALLEL_MIN_CHARS = {"jieba": 1_000_000, "rjieba": 16_000_000}


@dataclass
class Segmenter:
    """jieba (or rjieba, verified against it) with a user dictionary and stopwords.

    ``user_dict=None`` gives plain jieba (for before/after comparisons).  ``backend``:
    ``"jieba"`` (the reference, default) or ``"rjieba"`` (see :mod:`unzh.backends`).
    ``verify`` (rjieba only): ``"sample"`` compares both backends on a sample of each corpus
    and falls back to jieba for all of it if they differ; ``"all"`` compares every text and
    uses jieba's tokens wherever they differ (as slow as jieba); ``"none"`` relies on the
    guard alone.  ``hmm`` is passed on every call.
    """

    user_dict: Path | None = config.USER_DICT
    stopwords: Path | None = config.STOPWORDS
    hmm: bool = False
    backend: str = "jieba"
    verify: str = "sample"
    _stop: frozenset = field(init=False, repr=False)
    _user_sha: str | None = field(init=False, repr=False, default=None)
    _cutter: object = field(init=False, repr=False, default=None)
    _unavailable: str | None = field(init=False, repr=False, default=None)

    def __post_init__(self):
        from .backends import BackendSpec
        BackendSpec(self.backend, verify=self.verify)  # rejects an unknown backend or mode
        self._user_sha = sha256_file(self.user_dict) if self.user_dict else None
        self._stop = read_stopwords(self.stopwords) if self.stopwords else frozenset()
        if self.backend == "jieba":
            _ = self._tk  # load now: errors in the user dictionary surface here

    @property
    def _tk(self) -> jieba.Tokenizer:
        """The package's jieba tokenizer for this user dictionary (the reference)."""
        return _build_tokenizer(str(self.user_dict) if self.user_dict else None, self._user_sha)

    @property
    def stopword_set(self) -> frozenset[str]:
        return self._stop

    @property
    def user_words(self) -> list[str]:
        return [w for w, _, _ in read_user_dict(self.user_dict)] if self.user_dict else []

    @property
    def spec(self):
        """The picklable description of this segmenter (:class:`unzh.backends.BackendSpec`)."""
        from .backends import BackendSpec
        backend = "jieba" if self._unavailable else self.backend
        return BackendSpec(backend, str(self.user_dict) if self.user_dict else None, self._user_sha,
                           self.hmm, self.verify)

    def _get_cutter(self):
        from .backends import BackendUnavailable, Cutter
        if self._cutter is None:
            try:
                self._cutter = Cutter(self.spec)
            except BackendUnavailable as exc:
                self._unavailable = str(exc)
                warnings.warn(f"rjieba not used ({exc}): segmenting with jieba", BackendFallbackWarning, stacklevel=3)
                self._cutter = Cutter(self.spec)
        return self._cutter

    def cut(self, text: str) -> list[str]:
        """All tokens, punctuation and whitespace included (rjieba: guarded, see :mod:`unzh.backends`)."""
        if self.backend == "jieba":
            return self._tk.lcut(text, HMM=self.hmm)
        return self._get_cutter().cut(text)

    def words(self, text: str, drop_stopwords: bool = True) -> list[str]:
        """Kept tokens (no punctuation, whitespace or numbers; no stopwords unless asked)."""
        return [t for t in self.cut(text) if is_kept(t) and not (drop_stopwords and t in self._stop)]

    def in_dictionary(self, word: str) -> bool:
        """True if jieba's dictionary (main or user) has the word (with a positive frequency)."""
        return self._tk.FREQ.get(word, 0) > 0

    def provenance(self) -> dict:
        from .backends import backend_version
        out = {
            "segmenter": self.backend,
            "backend": self.backend,
            "backend_version": backend_version(self.backend),
            "jieba_version": _jieba_version(),
            "hmm": self.hmm,
            "dictionary_sha256": _dict_hash(),
            "user_dict": self.user_dict.name if self.user_dict else None,
            "user_dict_sha256": self._user_sha,
            "stopwords": self.stopwords.name if self.stopwords else None,
            "stopwords_sha256": sha256_file(self.stopwords) if self.stopwords else None,
            "token_schema": TOKEN_SCHEMA_VERSION,
        }
        if self.backend != "jieba":
            out["verify"] = self.verify
        return out


@lru_cache(maxsize=1)
def _jieba_version() -> str:
    return version("jieba")


@lru_cache(maxsize=1)
def _dict_hash() -> str:
    return sha256_file(jieba_dictionary())


def _tokenizer(user_dict: str | None) -> jieba.Tokenizer:
    """One Tokenizer per user dictionary and contents (the key includes the file's hash)."""
    return _build_tokenizer(user_dict, sha256_file(user_dict) if user_dict else None)


@lru_cache(maxsize=8)
def _build_tokenizer(user_dict: str | None, _user_hash: str | None) -> jieba.Tokenizer:
    main = jieba_dictionary()
    tk = jieba.Tokenizer(dictionary=str(main))
    cache_dir = config.ensure_dir(config.CACHE_DIR)
    tk.tmp_dir = str(cache_dir)
    tk.cache_file = str(cache_dir / f"jieba.{_dict_hash()[:16]}.cache")
    tk.initialize()
    if user_dict:
        for word, freq, tag in read_user_dict(Path(user_dict)):
            tk.add_word(word, freq, tag)
    return tk


_tokenizer.cache_clear = _build_tokenizer.cache_clear


def sentence_numbers(tokens: list[str]) -> list[int]:
    """1-based sentence number of each token; a sentence ends after 。！？；."""
    out, s = [], 1
    for t in tokens:
        out.append(s)
        if t in SENTENCE_END:
            s += 1
    return out


# --------------------------------------------------------------------------- the token table

def tokens_table(paragraphs: pd.DataFrame, segmenter: Segmenter | None = None, kinds=None, *,
                 workers: int | None = None, cache: bool = True, categorical: bool = True) -> pd.DataFrame:
    """Segment every paragraph (rows of the given ``kinds``; all rows by default) into the token table.

    ``workers``: processes to segment with (None: all cores for a large corpus, one otherwise;
    the result is the same for any number).  ``cache``: read the table from, or store it in,
    the token cache (:mod:`unzh.token_cache`).  ``categorical``: doc_id, section and token as
    categoricals (sorted categories; smaller still, but categoricals of different tables do not
    concatenate as strings).  ``attrs["provenance"]`` says which backend segmented what and
    whether the cache was hit.
    """
    with bulk_allocation():  # millions of token strings, ~200 MB of new arrays (see unzh.allocation)
        return _tokens_table(paragraphs, segmenter, kinds, workers, cache, categorical)


def _tokens_table(paragraphs, segmenter, kinds, workers, cache, categorical) -> pd.DataFrame:
    from . import parallel, token_cache
    seg = segmenter or Segmenter()
    rows = paragraphs if kinds is None else paragraphs[paragraphs["kind"].isin(kinds)]
    key = None
    if cache:
        key = token_cache.cache_key(rows, _fingerprint(seg, categorical))
        hit = token_cache.read(key, len(rows))
        if hit is not None:
            enc, provenance = hit
            df = _table(rows, enc, seg.stopword_set, categorical)
            df.attrs["provenance"] = {**provenance, "cache": "hit", "cache_key": key}
            return df
    texts = parallel.TextSource(rows["text"])  # Python strings made batch by batch, where segmented
    n_workers = _resolve_workers(workers, int(texts.lengths.sum()), seg.backend)
    if seg.backend != "jieba":
        seg._get_cutter()  # may find rjieba unavailable for this dictionary (and say so)
    spec = seg.spec
    info = {"paragraphs": len(texts), "verify": spec.verify if seg.backend != "jieba" else None,
            "verified": 0, "mismatches": 0, "guarded": 0, "fallback": seg._unavailable}
    check = None
    if spec.backend == "rjieba" and spec.verify == "sample":
        def check() -> bool:  # run while the worker processes segment
            n, bad = _verify_sample(texts, seg)
            info.update(verified=n, mismatches=len(bad))
            if bad:
                info["fallback"] = (f"rjieba differed from jieba on {len(bad)} of {n} sampled paragraphs "
                                    f"(first: para_id {rows['para_id'].iloc[bad[0]]})")
            return not bad
    batches = parallel.segment_texts(texts, spec, n_workers, check=check)
    if batches is None:  # the sample differed: jieba segments everything
        warnings.warn(f"{info['fallback']}: jieba segmented all {len(texts)} paragraphs",
                      BackendFallbackWarning, stacklevel=3)
        spec = replace(spec, backend="jieba")
        batches = parallel.segment_texts(texts, spec, n_workers)
    enc = _concat(batches)
    df = _table(rows, enc, seg.stopword_set, categorical)
    n_jieba = sum(len(b.jieba) for b in batches)
    info["guarded"] = sum(b.guarded for b in batches)
    if spec.backend == "rjieba" and spec.verify == "all":
        bad = [(k, i) for k, b in enumerate(batches) for i in b.mismatches]
        info.update(verified=sum(b.verified for b in batches), mismatches=len(bad))
        if bad:
            warnings.warn(f"rjieba differed from jieba on {len(bad)} of {info['verified']} paragraphs: "
                          "jieba's tokens used for them", BackendFallbackWarning, stacklevel=3)
    info.update(rjieba=len(texts) - n_jieba, jieba=n_jieba)
    used = "jieba" if info["rjieba"] == 0 and len(texts) else ("rjieba" if n_jieba == 0 else "rjieba+jieba")
    if seg.backend == "jieba":
        used = "jieba"
    info["message"] = _message(seg.backend, used, info)
    df.attrs["provenance"] = {**seg.provenance(), "backend_used": used, "segmentation": info,
                              "workers": n_workers, "cache": "miss" if cache else "off"}
    if cache:
        try:
            token_cache.write(key, enc, df.attrs["provenance"])
        except OSError as exc:  # e.g. a read-only project folder: still return the table
            warnings.warn(f"token cache not written: {exc}", stacklevel=3)
    return df


#: Provenance keys that describe one run rather than the tokens (left out of figure provenance).
RUN_KEYS = ("cache", "cache_key", "workers")


def segmentation_provenance(tokens: pd.DataFrame) -> dict:
    """The token table's provenance without what varies from run to run (cache hit, workers),
    so that a provenance record written beside figures is the same on every build."""
    return {k: v for k, v in tokens.attrs.get("provenance", {}).items() if k not in RUN_KEYS}


def _message(requested: str, used: str, info: dict) -> str:
    n = info["paragraphs"]
    if requested == "jieba":
        return f"jieba segmented {n} paragraphs"
    if info["fallback"]:
        return f"{info['fallback']}: jieba segmented all {n} paragraphs"
    parts = [f"rjieba segmented {info['rjieba']} of {n} paragraphs"]
    if info["guarded"]:
        parts.append(f"jieba {info['guarded']} (characters on which rjieba may differ)")
    if info["mismatches"]:
        parts.append(f"jieba {info['mismatches']} where the two differed")
    if info["verified"]:
        parts.append(f"{info['verified']} compared with jieba ({info['verify']}): "
                     f"{'identical' if not info['mismatches'] else str(info['mismatches']) + ' differed'}")
    return "; ".join(parts)


def _fingerprint(seg: Segmenter, categorical: bool) -> dict:
    """What, besides the paragraphs, decides the token table (the token-cache key)."""
    p = seg.provenance()
    keep = ("backend", "backend_version", "jieba_version", "hmm", "dictionary_sha256", "user_dict_sha256",
            "stopwords_sha256", "token_schema")
    return {**{k: p[k] for k in keep}, "verify": seg.verify if seg.backend != "jieba" else None,
            "categorical": categorical}


def _resolve_workers(workers: int | None, n_chars: int, backend: str) -> int:
    from .parallel import default_workers
    if workers is None:
        return default_workers() if n_chars >= PARALLEL_MIN_CHARS.get(backend, 1_000_000) else 1
    if int(workers) < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    return int(workers)


def _verify_sample(texts, seg: Segmenter) -> tuple[int, list[int]]:
    """Compare rjieba with jieba on a deterministic sample (every k-th distinct paragraph of
    ``texts``, a :class:`unzh.parallel.TextSource`); return the number compared and the indices
    where they differ."""
    from .backends import guard_reason, reference_for
    total = int(texts.lengths.sum())
    k = max(1, round(total / VERIFY_SAMPLE_CHARS))
    sample: dict[str, int] = {}
    for i in range(0, len(texts), k):
        t = texts[i]
        if t not in sample and guard_reason(t, seg.hmm) is None:
            sample[t] = i
    if not sample:
        return 0, []
    fast = seg._get_cutter().fast
    ref = reference_for(list(sample), seg.spec.user_dict, seg.spec.user_sha256)
    bad = [i for t, i in sample.items() if fast.cut(t, seg.hmm) != ref(t, seg.hmm)]
    return len(sample), bad


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
    }
    return pd.DataFrame(data, columns=TOKEN_COLUMNS, copy=False)  # copy=False: no consolidation copy

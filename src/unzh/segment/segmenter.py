"""Segmentation: the paragraph table → the token table, with jieba wrapped.

jieba keeps one global tokenizer, logs to stderr and caches in the shared temp
folder.  Here the package owns its own :class:`jieba.Tokenizer` instances
(one per dictionary/user-dictionary/HMM setting), built from absolute paths,
with jieba's logger silenced, its dictionary cache in the project's cache
folder under a name keyed by the dictionary's hash, and ``HMM=`` passed
explicitly on every call.  ``enable_parallel`` is never used.

Backends (:mod:`unzh.segment.backends`): ``Segmenter(backend="jieba")`` (the reference,
default) or ``"rjieba"`` (jieba-rs, ~10x faster, loaded with the same dictionary,
user dictionary and HMM setting; any text on which it might differ is segmented by
jieba, and ``verify`` checks a sample or every text against jieba).
:func:`tokens_table` segments in batches, across worker processes for a large
corpus (:mod:`unzh.segment.parallel`), and keeps its result in the token cache
(:mod:`unzh.segment.cache`), so a re-run skips segmentation.

The token table's columns and what is kept are in :mod:`unzh.segment.tokens`.
``df.attrs["provenance"]`` records
the backend and its version, the jieba version, the hashes of the dictionary,
user dictionary and stopword files, the HMM setting, which backend segmented how
many paragraphs (``backend_used``, ``segmentation``) and whether the table came
from the cache.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import jieba
import pandas as pd

from unzh import config
from unzh.errors import LexiconError
from unzh.io_utils import sha256_file
from unzh.lexicon.files import read_stopwords, read_user_dict
from unzh.segment import cache as token_cache
from unzh.segment import parallel
from unzh.segment.backends import BackendSpec, BackendUnavailable, Cutter, backend_version, guard_reason
from unzh.segment.dictionary import _build_tokenizer, _dict_hash, _jieba_version, merged_user_dict, sha256_text
from unzh.segment.tokens import TOKEN_SCHEMA_VERSION, _concat, _table, is_kept


class BackendFallbackWarning(UserWarning):
    """The fast backend was not used (for some texts or for all) because it might differ from jieba."""


#: ``verify="sample"``: about this many characters of a corpus are compared with jieba.
VERIFY_SAMPLE_CHARS = 50_000
#: ``workers=None``: use all cores only for corpora at least this large (characters), where
#: starting worker processes pays for itself; below it, segment in this process.  A worker takes
#: about 1.5 s (jieba) or 1 s (rjieba) to start (imports, tokenizer): 1 M characters take jieba
#: ~3 s; rjieba segments 6.7 M in 1.2 s in one process and took 1.5 s with a worker.
PARALLEL_MIN_CHARS = {"jieba": 1_000_000, "rjieba": 16_000_000}


@dataclass(frozen=True)
class Segmenter:
    """jieba (or rjieba, verified against it) with a user dictionary and stopwords.

    ``user_dict``: one file or several stacked in order (default :data:`unzh.config.USER_DICTS`;
    a later file's entry replaces an earlier one's, :func:`unzh.segment.dictionary.merged_user_dict`);
    ``stopwords``: one file or several (their union).
    ``user_dict=None`` gives plain jieba (for before/after comparisons).  ``backend``:
    ``"jieba"`` (the reference, default) or ``"rjieba"`` (see :mod:`unzh.segment.backends`).
    ``verify`` (rjieba only): ``"sample"`` compares both backends on a sample of each corpus
    and falls back to jieba for all of it if they differ; ``"all"`` compares every text and
    uses jieba's tokens wherever they differ (as slow as jieba); ``"none"`` relies on the
    guard alone.  ``hmm`` is passed on every call.

    The parameters are fixed at construction (a frozen dataclass): the user dictionary and the
    stopword list are read, checked and hashed then, so a bad file fails here and the provenance
    describes exactly what was read.  The tokenizer (jieba's dictionary, ~0.8 s) is loaded by
    :meth:`load`, explicitly, or on the first cut.  Loading is the only change of state, and it
    is announced: if rjieba cannot reproduce jieba for this setting, a
    :class:`BackendFallbackWarning` says so and :attr:`fallback` gives the reason.  A user
    dictionary edited after construction is an error at load, never used silently.
    """

    user_dict: Path | tuple[Path, ...] | None = config.USER_DICTS
    stopwords: Path | tuple[Path, ...] | None = config.STOPWORD_FILES
    hmm: bool = False
    backend: str = "jieba"
    verify: str = "sample"
    _stop: frozenset = field(init=False, repr=False, compare=False)
    _user_sha: str | None = field(init=False, repr=False, compare=False)
    _stop_sha: str | None = field(init=False, repr=False, compare=False)
    _user_words: tuple = field(init=False, repr=False, compare=False)
    _dict_file: Path | None = field(init=False, repr=False, compare=False)
    _dict_shas: tuple = field(init=False, repr=False, compare=False)
    _loaded: dict = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self):
        BackendSpec(self.backend, verify=self.verify)  # rejects an unknown backend or mode
        for name in ("user_dict", "stopwords"):  # one path, or several stacked (a tuple of paths)
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                value = Path(value) if isinstance(value, str) else tuple(map(Path, value))
                if isinstance(value, tuple) and len(value) == 1:
                    value = value[0]
                object.__setattr__(self, name, value or None)
        dicts = self._files("user_dict")
        for path in dicts:
            read_user_dict(path)  # each file checked, so an error names it
        dict_file = merged_user_dict(dicts) if dicts else None
        object.__setattr__(self, "_dict_file", dict_file)
        object.__setattr__(self, "_dict_shas", tuple(map(sha256_file, dicts)))
        words = tuple(w for w, _, _ in read_user_dict(dict_file)) if dict_file else ()
        object.__setattr__(self, "_user_words", words)
        object.__setattr__(self, "_user_sha", sha256_file(dict_file) if dict_file else None)
        stops = self._files("stopwords")
        object.__setattr__(self, "_stop", frozenset().union(*map(read_stopwords, stops)))
        stop_sha = (sha256_file(stops[0]) if len(stops) == 1 else
                    sha256_text("\n".join(map(sha256_file, stops))) if stops else None)
        object.__setattr__(self, "_stop_sha", stop_sha)

    def _files(self, name: str) -> tuple[Path, ...]:
        value = getattr(self, name)
        return () if value is None else (value,) if isinstance(value, Path) else value

    def load(self) -> Segmenter:
        """Load the tokenizer now (jieba's for the jieba backend, rjieba's for rjieba); return self."""
        if "cutter" in self._loaded:
            return self
        for path, sha in zip(self._files("user_dict"), self._dict_shas):
            if sha256_file(path) != sha:
                raise LexiconError(path, "changed since this Segmenter was made: make a new one")
        if self.backend == "jieba":
            _ = self._tk  # jieba's dictionary (~0.8 s); rjieba loads its own, and jieba's reference
            # for guarded or sampled texts is built from the entries they need (unzh.segment.backends)
        spec = self._spec(self.backend)
        try:
            cutter = Cutter(spec) if self.backend != "jieba" else None
        except BackendUnavailable as exc:
            self._loaded["fallback"] = str(exc)
            warnings.warn(f"rjieba not used ({exc}): segmenting with jieba", BackendFallbackWarning, stacklevel=2)
            cutter = Cutter(self._spec("jieba"))
        self._loaded["cutter"] = cutter
        return self

    @property
    def fallback(self) -> str | None:
        """Why the fast backend is not used (None: it is, or it was not asked for); known once loaded."""
        return self._loaded.get("fallback")

    @property
    def _tk(self) -> jieba.Tokenizer:
        """The package's jieba tokenizer for this user dictionary (the reference)."""
        return _build_tokenizer(str(self._dict_file) if self._dict_file else None, self._user_sha)

    @property
    def stopword_set(self) -> frozenset[str]:
        return self._stop

    @property
    def user_words(self) -> list[str]:
        return list(self._user_words)

    def _spec(self, backend: str) -> BackendSpec:
        return BackendSpec(backend, str(self._dict_file) if self._dict_file else None, self._user_sha,
                           self.hmm, self.verify)

    @property
    def spec(self) -> BackendSpec:
        """The picklable description of this segmenter (:class:`unzh.segment.backends.BackendSpec`):
        the backend that segments, which is jieba where rjieba was found unavailable (see :meth:`load`)."""
        if self.backend != "jieba":
            self.load()
        return self._spec("jieba" if self.fallback else self.backend)

    def cut(self, text: str) -> list[str]:
        """All tokens, punctuation and whitespace included (rjieba: guarded, see :mod:`unzh.segment.backends`)."""
        cutter = self.load()._loaded["cutter"]
        if cutter is None:
            return self._tk.lcut(text, HMM=self.hmm)
        return cutter.cut(text)

    @property
    def fast(self):
        """The rjieba tokenizer (loaded), for comparing with jieba."""
        return self.load()._loaded["cutter"].fast

    def words(self, text: str, drop_stopwords: bool = True) -> list[str]:
        """Kept tokens (no punctuation, whitespace or numbers; no stopwords unless asked)."""
        return [t for t in self.cut(text) if is_kept(t) and not (drop_stopwords and t in self._stop)]

    def in_dictionary(self, word: str) -> bool:
        """True if jieba's dictionary (main or user) has the word (with a positive frequency)."""
        return self._tk.FREQ.get(word, 0) > 0

    def provenance(self) -> dict:
        out = {
            "segmenter": self.backend,
            "backend": self.backend,
            "backend_version": backend_version(self.backend),
            "jieba_version": _jieba_version(),
            "hmm": self.hmm,
            "dictionary_sha256": _dict_hash(),
            "user_dict": "+".join(p.name for p in self._files("user_dict")) or None,
            "user_dict_sha256": self._user_sha,
            "user_dicts": [{"file": p.name, "sha256": h} for p, h in zip(self._files("user_dict"), self._dict_shas)],
            "stopwords": "+".join(p.name for p in self._files("stopwords")) or None,
            "stopwords_sha256": self._stop_sha,
            "stopword_files": [{"file": p.name, "sha256": sha256_file(p)} for p in self._files("stopwords")],
            "token_schema": TOKEN_SCHEMA_VERSION,
        }
        if self.backend != "jieba":
            out["verify"] = self.verify
        return out


# --------------------------------------------------------------------------- the token table

def tokens_table(paragraphs: pd.DataFrame, segmenter: Segmenter | None = None, kinds=None, *,
                 workers: int | None = None, cache: bool = True, categorical: bool = True,
                 verify_chars: int = VERIFY_SAMPLE_CHARS) -> pd.DataFrame:
    """Segment every paragraph (rows of the given ``kinds``; all rows by default) into the token table.

    ``workers``: processes to segment with (None: all cores for a large corpus, one otherwise;
    the result is the same for any number).  ``cache``: read the table from, or store it in,
    the token cache (:mod:`unzh.segment.cache`).  ``categorical``: doc_id, section and token as
    categoricals (sorted categories; smaller still, but categoricals of different tables do not
    concatenate as strings).  ``attrs["provenance"]`` says which backend segmented what and
    whether the cache was hit.  ``verify_chars``: about how many characters ``verify="sample"``
    compares with jieba (a corpus counted document by document gives each document its share).
    """
    seg = segmenter or Segmenter()
    rows = paragraphs if kinds is None else paragraphs[paragraphs["kind"].isin(kinds)]
    enc, provenance = encoded_tokens(rows, seg, workers=workers, cache=cache, verify_chars=verify_chars,
                                     categorical=categorical)
    df = _table(rows, enc, seg.stopword_set, categorical)
    df.attrs["provenance"] = provenance
    return df


def encoded_tokens(rows: pd.DataFrame, seg: Segmenter, *, workers: int | None = 1, cache: bool = True,
                   verify_chars: int = VERIFY_SAMPLE_CHARS, categorical: bool = True):
    """The tokens of ``rows`` in compact form (:class:`unzh.segment.tokens.EncodedTokens`) and their
    provenance: what :func:`tokens_table` builds its table from, and what the token cache stores
    (read from it or written to it with ``cache``).  A corpus counted document by document
    (:mod:`unzh.textstat.streaming`) counts from this form without building the table."""
    key = None
    if cache:
        key = token_cache.cache_key(rows, _fingerprint(seg, categorical))
        hit = token_cache.read(key, len(rows))
        if hit is not None:
            enc, provenance = hit
            return enc, {**provenance, "cache": "hit", "cache_key": key}
    texts = parallel.TextSource(rows["text"])  # Python strings made batch by batch, where segmented
    n_workers = _resolve_workers(workers, int(texts.lengths.sum()), seg.backend)
    seg.load()  # may find rjieba unavailable for this dictionary (and say so)
    spec = seg.spec
    info = {"paragraphs": len(texts), "verify": spec.verify if seg.backend != "jieba" else None,
            "verified": 0, "mismatches": 0, "guarded": 0, "fallback": seg.fallback}
    check = late_check = None
    if spec.backend == "rjieba" and spec.verify == "sample":
        if n_workers == 1 and int(texts.lengths.sum()) >= VERIFY_ELSEWHERE_MIN_CHARS:
            late_check = _verify_elsewhere(texts, seg, verify_chars, info, rows)  # while this one segments
        else:
            def check() -> bool:  # run while the worker processes segment
                n, bad = _verify_sample(texts, seg, verify_chars)
                info.update(verified=n, mismatches=len(bad))
                if bad:
                    info["fallback"] = (f"rjieba differed from jieba on {len(bad)} of {n} sampled paragraphs "
                                        f"(first: para_id {rows['para_id'].iloc[bad[0]]})")
                return not bad
    batches = parallel.segment_texts(texts, spec, n_workers, check=check)
    if late_check is not None and not late_check():
        batches = None
    if batches is None:  # the sample differed: jieba segments everything
        warnings.warn(f"{info['fallback']}: jieba segmented all {len(texts)} paragraphs",
                      BackendFallbackWarning, stacklevel=4)
        spec = replace(spec, backend="jieba")
        batches = parallel.segment_texts(texts, spec, n_workers)
    enc = _concat(batches)
    n_jieba = sum(len(b.jieba) for b in batches)
    info["guarded"] = sum(b.guarded for b in batches)
    if spec.backend == "rjieba" and spec.verify == "all":
        bad = [(k, i) for k, b in enumerate(batches) for i in b.mismatches]
        info.update(verified=sum(b.verified for b in batches), mismatches=len(bad))
        if bad:
            warnings.warn(f"rjieba differed from jieba on {len(bad)} of {info['verified']} paragraphs: "
                          "jieba's tokens used for them", BackendFallbackWarning, stacklevel=4)
    info.update(rjieba=len(texts) - n_jieba, jieba=n_jieba)
    used = "jieba" if info["rjieba"] == 0 and len(texts) else ("rjieba" if n_jieba == 0 else "rjieba+jieba")
    if seg.backend == "jieba":
        used = "jieba"
    info["message"] = _message(seg.backend, used, info)
    provenance = {**seg.provenance(), "backend_used": used, "segmentation": info,
                  "workers": n_workers, "cache": "miss" if cache else "off"}
    if cache:
        try:
            token_cache.write(key, enc, provenance)
        except OSError as exc:  # e.g. a read-only project folder: still return the tokens
            warnings.warn(f"token cache not written: {exc}", stacklevel=4)
    return enc, provenance


#: Provenance keys that describe one run rather than the tokens (left out of figure provenance).

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
    if workers is None:
        return parallel.default_workers() if n_chars >= PARALLEL_MIN_CHARS.get(backend, 1_000_000) else 1
    if int(workers) < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    return int(workers)


def _sample(texts, hmm: bool, budget: int = VERIFY_SAMPLE_CHARS) -> dict[str, int]:
    """The texts ``verify="sample"`` compares: every k-th distinct paragraph of ``texts`` (a
    :class:`unzh.segment.parallel.TextSource`) that the guard does not send to jieba, by text, with
    its index."""
    total = int(texts.lengths.sum())
    k = max(1, round(total / max(1, budget)))
    sample: dict[str, int] = {}
    for i in range(0, len(texts), k):
        t = texts[i]
        if t not in sample and guard_reason(t, hmm) is None:
            sample[t] = i
    return sample


def _verify_sample(texts, seg: Segmenter, budget: int = VERIFY_SAMPLE_CHARS) -> tuple[int, list[int]]:
    """Compare rjieba with jieba on a deterministic sample (:func:`_sample`); return the number compared
    and the indices where they differ."""
    sample = _sample(texts, seg.hmm, budget)
    if not sample:
        return 0, []
    bad = _differing(list(sample), seg.spec)
    indices = list(sample.values())
    return len(sample), [indices[j] for j in bad]


#: a corpus of at least this many characters, segmented in one process, has its rjieba-jieba sample
#: compared in another process while this one segments (building jieba's reference takes 1-2 s)
VERIFY_ELSEWHERE_MIN_CHARS = 500_000


class _ReferenceProcess:
    """One process of its own that gives jieba's tokens of a sample (:func:`unzh.segment.backends.reference_tokens`).
    It is told to warm up as soon as it exists (imports, the dictionary entries, dict.txt as a dict:
    about 1 s), so that, started before the documents are read (:func:`verification_started`), it
    only has the sample to cut when the sample is known.  This process compares the tokens with its
    own rjieba's, which it has loaded to segment anyway."""

    def __init__(self, spec):
        from concurrent.futures import ProcessPoolExecutor

        from unzh.segment import backends
        self.spec = spec
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=parallel._context())
        self.pool.submit(backends.warm_reference, spec.user_dict, spec.user_sha256)

    def submit(self, texts: list[str]):
        from unzh.segment import backends
        return self.pool.submit(backends.reference_tokens, texts, self.spec.user_dict, self.spec.user_sha256,
                                self.spec.hmm)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


#: the reference processes started ahead (:func:`verification_started`), by setting, not yet used
_STARTED: dict = {}


@contextmanager
def verification_started(seg: Segmenter, n_bytes: int, workers: int | None = None):
    """Start now the process that will compare the rjieba sample of what ``seg`` segments next with
    jieba, so that it is ready when the sample is: a command reads its documents in the meantime
    (``unzh tokens`` on 5 MB waited 1.2 s for it after segmenting).  Started only where the sample
    will be compared in another process (rjieba, ``verify="sample"``, one segmenting process, at
    least :data:`VERIFY_ELSEWHERE_MIN_CHARS`), judged from the input's ``n_bytes`` (UTF-8 Chinese:
    3 bytes a character); one not used is stopped when the block ends, as on every exit path."""
    chars = n_bytes // 3
    if (seg.backend != "rjieba" or seg.verify != "sample" or chars < VERIFY_ELSEWHERE_MIN_CHARS
            or _resolve_workers(workers, chars, "rjieba") != 1):
        yield
        return
    spec = seg._spec("rjieba")
    proc = _STARTED[spec] = _ReferenceProcess(spec)
    try:
        yield
    finally:
        if _STARTED.get(spec) is proc:
            del _STARTED[spec]
        proc.shutdown()


def _differing(texts: list[str], spec, reference: list[list[str]] | None = None) -> list[int]:
    """Positions of the ``texts`` on which rjieba and jieba (``spec``'s dictionaries and HMM) differ;
    ``reference``: jieba's tokens of the texts, when another process has cut them."""
    from unzh.segment.backends import reference_tokens, rjieba_tokenizer
    fast = rjieba_tokenizer(spec.user_dict, spec.user_sha256, spec.hmm)
    if reference is None:
        reference = reference_tokens(texts, spec.user_dict, spec.user_sha256, spec.hmm)
    return [j for j, (t, ref) in enumerate(zip(texts, reference)) if fast.cut(t, spec.hmm) != ref]


def _verify_elsewhere(texts, seg: Segmenter, budget: int, info: dict, rows) -> tuple:
    """Start comparing the sample: jieba cuts it in a process of its own (one started ahead by
    :func:`verification_started`, else a new one) while this one segments; return the check to call
    (True: identical) when the tokens are needed."""
    sample = _sample(texts, seg.hmm, budget)
    spec = seg.spec
    proc = _STARTED.pop(spec, None) or _ReferenceProcess(spec)
    texts_ = list(sample)
    future = proc.submit(texts_) if sample else None

    def check() -> bool:
        try:
            bad = _differing(texts_, spec, future.result()) if future is not None else []
        finally:
            proc.shutdown()
        indices = list(sample.values())
        info.update(verified=len(sample), mismatches=len(bad))
        if bad:
            info["fallback"] = (f"rjieba differed from jieba on {len(bad)} of {len(sample)} sampled paragraphs "
                                f"(first: para_id {rows['para_id'].iloc[indices[bad[0]]]})")
        return not bad
    return check

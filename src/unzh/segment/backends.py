"""Segmentation backends: ``jieba`` (the reference) and ``rjieba`` (jieba-rs), made to agree.

jieba's results define correctness; ``rjieba`` (the Python binding of jieba-rs)
is about ten times faster and is used only where it gives the same tokens.

Loaded the same way
    The rjieba tokenizer holds the same entries as the package's jieba tokenizer:
    jieba's own ``dict.txt`` (either added entry by entry, or jieba-rs's embedded
    copy when that copy was checked identical to this ``dict.txt`` for this rjieba
    version, see :data:`VERIFIED_EMBEDDED`), then the user dictionary with the same
    frequencies (an entry without a frequency gets the one jieba computed for it)
    and tags, and the HMM flag passed on every call.  jieba-rs and jieba sum the
    dictionary's total frequency differently (jieba counts a duplicated line and a
    user entry that overrides a word twice; jieba-rs once), and the total enters
    every score, so one extra entry made of Unicode noncharacters (which no text
    can contain) makes up the difference: both totals are then equal.

Where they can still differ (found by reading both sources, an exhaustive test of
every code point and randomised tests; ``tests/test_segment_backends.py`` keeps them):
    * jieba-rs counts CJK Extension A-F and compatibility ideographs (U+3400-4DBF,
      U+9FD6-9FFF, U+F900-FAFF, U+20000-2FA1F) as Han, jieba only U+4E00-9FD5:
      the text is cut into different blocks, and float rounding can then pick a
      different one of two equally scored segmentations;
    * with ``hmm=True``, jieba-rs's HMM keeps ``e-mail``, ``x.y``, ``a_b`` whole
      where jieba's splits them (the characters ``+ # & . _ % -``).
    A text that contains any of these is segmented by jieba (the *guard*,
    :func:`guard_reason`); everything else by rjieba.  On top of that
    ``verify="sample"`` compares both on a sample of the corpus and falls back to
    jieba for everything if they ever differ; ``verify="all"`` compares every text
    and uses jieba's tokens wherever they differ.

The reference for guarded or sampled texts is jieba's own ``Tokenizer`` code
(:func:`reference_for`): for a few texts it is given only the dictionary entries
that occur in them (built in ~0.1 s instead of loading the whole dictionary),
which gives exactly the tokens of the full tokenizer; for many, the full one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from unzh.lexicon.files import read_user_dict
from unzh.segment.dictionary import _dict_hash, _tokenizer, jieba_dictionary

BACKENDS = ("jieba", "rjieba")
VERIFY_MODES = ("sample", "all", "none")
#: Bump when the guard or the way a backend is loaded changes (it is part of the token-cache key).
GUARD_VERSION = 1

#: (rjieba version, sha256 of jieba's dict.txt) pairs for which jieba-rs's embedded dictionary was
#: checked to hold exactly the same words and frequencies (tests/test_segment_backends.py re-checks it).
VERIFIED_EMBEDDED = {
    ("0.2.2", "7197c3211ddd98962b036cdf40324d1ea2bfaa12bd028e68faa70111a88e12a8"),
}

# Characters jieba-rs treats as Han and jieba does not (exhaustive test over all code points),
# plus the noncharacters used by the total-frequency compensation entry.
_RUST_ONLY_HAN = "\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF"
_NONCHARACTERS = "\uFDD0-\uFDEF"
_GUARD = re.compile(f"[{_RUST_ONLY_HAN}{_NONCHARACTERS}]")
_GUARD_HMM = re.compile(f"[{_RUST_ONLY_HAN}{_NONCHARACTERS}+#&._%\\-]")
#: jieba's block pattern: only runs of these characters are looked up in the dictionary.
_RE_HAN = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._%\\-]+")
_COMPENSATION_WORD = "\uFDD0\uFDD1"

#: Above this many characters, the reference is the full jieba tokenizer (0.5 s to load)
#: rather than one restricted to the texts' dictionary entries.
RESTRICTED_REFERENCE_MAX_CHARS = 200_000


class BackendUnavailable(Exception):
    """The fast backend cannot reproduce jieba for this setting (the message says why)."""


def guard_reason(text: str, hmm: bool) -> str | None:
    """Why rjieba might not reproduce jieba on ``text`` (None: it does)."""
    if _GUARD.search(text):
        return "characters jieba-rs treats as Han and jieba does not (CJK extensions, compatibility ideographs)"
    if hmm and _GUARD_HMM.search(text):
        return "with HMM, one of + # & . _ % - (jieba-rs's HMM joins what jieba's splits)"
    return None


def guarded(texts: list[str], hmm: bool) -> list[int]:
    """Indices of the texts the guard sends to jieba (one regex scan over all of them)."""
    pattern = _GUARD_HMM if hmm else _GUARD
    joined = "\n".join(texts)  # the separator matches neither pattern
    hits = [m.start() for m in pattern.finditer(joined)]
    if not hits:
        return []
    import numpy as np
    ends = np.cumsum([len(t) + 1 for t in texts])  # exclusive end (+ separator) of each text
    return sorted(set(np.searchsorted(ends, hits, side="right").tolist()))


@lru_cache(maxsize=2)
def backend_version(backend: str) -> str:
    """The version string recorded for a backend (rjieba: with the jieba-rs version it embeds);
    cached: reading package metadata takes milliseconds, and it cannot change in a running process."""
    if backend == "jieba":
        return f"jieba {version('jieba')}"
    return f"rjieba {version('rjieba')} (jieba-rs {_jieba_rs_version()}); guard {GUARD_VERSION}"


@lru_cache(maxsize=1)
def _jieba_rs_version() -> str:
    import rjieba
    lib = Path(rjieba.__file__).parent
    for so in lib.glob("rjieba*.so"):
        m = re.search(rb"jieba-rs-(\d+\.\d+\.\d+)", so.read_bytes())
        if m:
            return m.group(1).decode()
    return "unknown"


# --------------------------------------------------------------------------- dictionaries

@dataclass(frozen=True)
class DictionaryEntries:
    """What both tokenizers are loaded with (user entries with jieba's frequencies)."""

    main_path: str
    main_sha256: str
    user_entries: tuple[tuple[str, int, str | None], ...]
    jieba_total: int      # jieba's total frequency (every dict.txt line + every user entry)
    distinct_total: int   # jieba-rs's (each word once, last frequency wins)


@lru_cache(maxsize=2)
def _main_dictionary(path: str):
    """dict.txt as a pyarrow table (word, freq), in file order (read by pyarrow's CSV reader, ~0.05 s)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    return pcsv.read_csv(
        path,
        read_options=pcsv.ReadOptions(column_names=["word", "freq", "tag"], use_threads=False),
        parse_options=pcsv.ParseOptions(delimiter=" ", quote_char=False, escape_char=False),
        convert_options=pcsv.ConvertOptions(column_types={"word": pa.string(), "freq": pa.int64(), "tag": pa.string()},
                                            include_columns=["word", "freq"]),
    )


def _lines_with(path: str, words) -> list[tuple[str, int]]:
    """The (word, freq) lines of dict.txt whose word is in ``words``, in file order."""
    import pyarrow as pa
    import pyarrow.compute as pc
    tb = _main_dictionary(path)
    words = list(words)
    if not words:
        return []
    sel = tb.filter(pc.is_in(tb["word"], value_set=pa.array(words, type=pa.string())))
    return list(zip(sel["word"].to_pylist(), sel["freq"].to_pylist()))


#: Layout of a cached :class:`DictionaryEntries` (part of its key).
ENTRIES_FORMAT = 1


@lru_cache(maxsize=8)
def dictionary_entries(user_dict: str | None, user_sha256: str | None) -> DictionaryEntries:
    """Resolve the entries and both totals once per (user dictionary, contents).

    A user entry without a frequency takes the one jieba computes for it, which needs jieba's whole
    dictionary loaded (~1.5 s a process): the result is kept in the cache folder
    (``dictionary/<key>.json``, the key the SHA-256 of jieba's dictionary, of the user dictionary,
    and the versions of jieba and unzh; checked on reading), so that each process of a corpus run,
    and each later run, reads it instead.
    """
    import hashlib
    import json

    from unzh import config
    from unzh.io_utils import atomic_write_bytes
    from unzh.segment.cache import package_version
    main = str(jieba_dictionary())
    key = hashlib.sha256(f"unzh-dictionary-entries-{ENTRIES_FORMAT}|{_dict_hash()}|{user_sha256}|"
                         f"jieba {version('jieba')}|unzh {package_version()}".encode()).hexdigest()
    path = config.CACHE_DIR / "dictionary" / f"{key}.json"
    try:
        data = json.loads(path.read_bytes())
        body = json.dumps(data["entries"], ensure_ascii=False, sort_keys=True).encode()
        if data["key"] == key and data["sha256"] == hashlib.sha256(body).hexdigest():
            e = data["entries"]
            return DictionaryEntries(main, _dict_hash(), tuple(tuple(u) for u in e["user"]), e["jieba_total"],
                                     e["distinct_total"])
    except (OSError, ValueError, KeyError, TypeError):  # missing, unreadable or not this key's: resolve again
        pass
    entries = _resolve_entries(main, user_dict)
    body = {"user": [list(u) for u in entries.user_entries], "jieba_total": entries.jieba_total,
            "distinct_total": entries.distinct_total}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    record = {"key": key, "sha256": hashlib.sha256(text).hexdigest(), "entries": body}
    try:
        atomic_write_bytes(path, json.dumps(record, ensure_ascii=False).encode(), durable=False)
    except OSError:  # a read-only cache: resolved all the same
        pass
    return entries


def _resolve_entries(main: str, user_dict: str | None) -> DictionaryEntries:
    import pyarrow.compute as pc
    tb = _main_dictionary(main)
    user = read_user_dict(Path(user_dict)) if user_dict else []
    if any(f is None for _, f, _ in user):
        # jieba gives such an entry suggest_freq(word) at the time it is added: take it from jieba itself
        ref = _tokenizer(user_dict)
        user = [(w, f if f is not None else ref.FREQ[w], t) for w, f, t in user]
    line_total = pc.sum(tb["freq"]).as_py() or 0
    # jieba-rs counts each word once with its last frequency: take off the lines it overrides
    counts = pc.value_counts(tb["word"])
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1)).to_pylist()
    overridden = 0
    user_words = {w for w, _, _ in user}
    last: dict[str, int] = {}
    for w, f in _lines_with(main, set(repeated) | user_words):
        if w in last:
            overridden += last[w]
        last[w] = f
    overridden += sum(last[w] for w in user_words if w in last)
    user_total = sum(f for _, f, _ in user)
    return DictionaryEntries(main, _dict_hash(), tuple(user), line_total + user_total,
                             line_total - overridden + user_total)


# --------------------------------------------------------------------------- rjieba

@lru_cache(maxsize=4)
def rjieba_tokenizer(user_dict: str | None, user_sha256: str | None, hmm: bool):
    """An rjieba.Jieba with jieba's entries and total (see the module docstring); cached per process."""
    import rjieba
    entries = dictionary_entries(user_dict, user_sha256)
    if any(f == 0 for _, f, _ in entries.user_entries):
        raise BackendUnavailable("the user dictionary has a frequency-0 entry (jieba forces it apart; "
                                 "jieba-rs cannot express that)")
    if hmm:
        from jieba import finalseg
        if finalseg.Force_Split_Words:
            raise BackendUnavailable("jieba's HMM has force-split words set in this process")
    if (version("rjieba"), entries.main_sha256) in VERIFIED_EMBEDDED:
        tk = rjieba.Jieba()
    else:
        tk = rjieba.Jieba.empty()
        tb = _main_dictionary(entries.main_path)
        words, freqs = tb["word"].to_pylist(), tb["freq"].to_pylist()
        add = tk.add_word
        for w, f in zip(words, freqs):
            if f > 0:  # jieba never uses a frequency-0 word; jieba-rs would score it log(0)
                add(w, f, None)
    for w, f, t in entries.user_entries:
        tk.add_word(w, f, t)
    missing = entries.jieba_total - entries.distinct_total
    if missing < 0:
        raise BackendUnavailable("the dictionary totals cannot be made equal")
    if missing:
        tk.add_word(_COMPENSATION_WORD, missing, None)
    _release_arrow_memory()
    return tk


def _release_arrow_memory() -> None:
    """Hand back to the system what Arrow's allocator kept from reading and counting dict.txt.

    Its pool keeps freed memory for reuse: ~65 MB after the dictionary work above, of which the
    table kept in :func:`_main_dictionary` is 7 MB.  Released, a worker forked later does not
    carry it either.
    """
    import pyarrow as pa
    pa.default_memory_pool().release_unused()


# --------------------------------------------------------------------------- reference

def _substrings(texts: list[str], longest: int) -> set[str]:
    """Every substring (up to ``longest`` characters) of the texts' dictionary blocks."""
    out: set[str] = set()
    for text in texts:
        for run in _RE_HAN.findall(text):
            n = len(run)
            for k in range(1, min(n, longest) + 1):
                out.update([run[i:i + k] for i in range(n - k + 1)])
    return out


#: :func:`_main_frequencies` calls in a process after which dict.txt is held as a Python dict
#: (~0.2 s and ~40 MB once; a look-up of a document's words then takes ~1 ms instead of ~30 ms)
FREQ_DICT_AFTER = 4
_FREQ_CALLS: dict[str, int] = {}


@lru_cache(maxsize=1)
def _frequency_dict(path: str) -> dict[str, int]:
    tb = _main_dictionary(path)
    return dict(zip(tb["word"].to_pylist(), tb["freq"].to_pylist()))  # a repeated word: its last line


def _main_frequencies(path: str, words) -> list[tuple[str, int]]:
    """The (word, frequency) of dict.txt for each of ``words`` it has (a repeated word with its last
    line's frequency, as jieba reads it): by Arrow's set look-up for a process's first calls, by a
    Python dict from the :data:`FREQ_DICT_AFTER`-th on (a corpus verified document by document)."""
    _FREQ_CALLS[path] = _FREQ_CALLS.get(path, 0) + 1
    if _FREQ_CALLS[path] <= FREQ_DICT_AFTER:
        last = dict(_lines_with(path, words))
        return list(last.items())
    freq = _frequency_dict(path)
    return [(w, freq[w]) for w in words if w in freq]


@lru_cache(maxsize=2)
def _longest_word(path: str) -> int:
    import pyarrow.compute as pc
    return pc.max(pc.utf8_length(_main_dictionary(path)["word"])).as_py() or 1


def reference_for(texts: list[str], user_dict: str | None, user_sha256: str | None):
    """jieba's ``lcut`` for these texts: ``f(text, hmm) -> list[str]``.

    For up to :data:`RESTRICTED_REFERENCE_MAX_CHARS` characters, a ``jieba.Tokenizer`` whose
    dictionary holds only the entries that occur in the texts (jieba only ever looks up
    substrings of the text, and a word that does not occur cannot change the result), with
    the full total: one per process and dictionary setting, holding the entries of every text it
    was asked about so far (a superset of a text's entries gives the same result); otherwise the
    package's full jieba tokenizer.
    """
    import jieba
    if sum(map(len, texts)) > RESTRICTED_REFERENCE_MAX_CHARS:
        tk = _tokenizer(user_dict)
        return lambda text, hmm: tk.lcut(text, HMM=hmm)
    entries = dictionary_entries(user_dict, user_sha256)
    longest = max(_longest_word(entries.main_path), max((len(w) for w, _, _ in entries.user_entries), default=0))
    key = (user_dict, user_sha256, entries.main_sha256)
    if key not in _REFERENCES:
        tk = jieba.Tokenizer(dictionary=entries.main_path)
        tk.FREQ, tk.total, tk.initialized = {}, entries.jieba_total, True
        _REFERENCES[key] = (tk, set())
    tk, looked_up = _REFERENCES[key]
    # the process's reference grows with the texts it is asked about: only the substrings not seen
    # before are looked up (a corpus's documents, each verified on its share of the sample, share most)
    needed = _substrings(texts, longest) - looked_up
    freq = tk.FREQ

    def put(word: str, f: int) -> None:
        freq[word] = f
        for k in range(1, len(word)):
            freq.setdefault(word[:k], 0)

    for w, f in _main_frequencies(entries.main_path, needed):
        put(w, f)
    for w, f, _ in entries.user_entries:
        if w in needed:
            put(w, f)
    looked_up |= needed
    return lambda text, hmm: tk.lcut(text, HMM=hmm)


#: each dictionary setting's restricted reference in this process: its tokenizer and the substrings looked up
_REFERENCES: dict = {}


def warm_reference(user_dict: str | None, user_sha256: str | None) -> None:
    """Prepare this process to build jieba's references quickly: the dictionary entries resolved, and
    dict.txt held as a Python dict (~0.2 s), as :func:`_main_frequencies` does after a few calls.
    A process started to compare a sample (:func:`unzh.segment.segmenter.verification_started`)
    does this while the documents are still being read."""
    import jieba  # noqa: F401  (its import, ~0.1 s, is part of the warming)
    entries = dictionary_entries(user_dict, user_sha256)
    _longest_word(entries.main_path)
    _FREQ_CALLS[entries.main_path] = max(_FREQ_CALLS.get(entries.main_path, 0), FREQ_DICT_AFTER)
    _frequency_dict(entries.main_path)


def reference_tokens(texts: list[str], user_dict: str | None, user_sha256: str | None,
                     hmm: bool) -> list[list[str]]:
    """jieba's tokens of each text (:func:`reference_for`).  Module-level and light to import (no
    pandas): the process that compares a sample runs it, and only the tokens come back."""
    ref = reference_for(texts, user_dict, user_sha256)
    return [ref(t, hmm) for t in texts]


# --------------------------------------------------------------------------- the cutter

@dataclass(frozen=True)
class BackendSpec:
    """Everything that decides the tokens (picklable: sent to worker processes)."""

    backend: str = "jieba"
    user_dict: str | None = None
    user_sha256: str | None = None
    hmm: bool = False
    verify: str = "sample"

    def __post_init__(self):
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown segmentation backend {self.backend!r}; choose one of {', '.join(BACKENDS)}")
        if self.verify not in VERIFY_MODES:
            raise ValueError(f"unknown verify mode {self.verify!r}; choose one of {', '.join(VERIFY_MODES)}")


@dataclass
class CutReport:
    """What happened to a batch of texts (indices are positions in the batch)."""

    jieba: list[int]          # texts whose tokens come from jieba
    guarded: int = 0          # ... because of the guard
    verified: int = 0         # texts compared with jieba (verify="all")
    mismatches: list[int] | None = None  # texts where the two differed (jieba's tokens used)


#: characters of distinct texts whose tokens a process keeps per backend setting (:func:`_memoized`)
MEMO_CHARS = 1_000_000
_MEMOS: dict = {}


def _memoized(spec: BackendSpec, cut, texts: list[str]) -> list[list[str]]:
    """``cut(t)`` for each text, each distinct text cut once per process: a corpus repeats paragraphs
    (a resolution's preambular paragraphs, a report's standard sentences), and the tokens depend on
    the text and the backend's setting alone.  The texts first met are kept, up to :data:`MEMO_CHARS`
    characters per setting; the token lists are shared (read, never changed, by their users)."""
    memo, used = _MEMOS.setdefault(spec, ({}, [0]))
    out = []
    for t in texts:
        tokens = memo.get(t)
        if tokens is None:
            tokens = cut(t)
            if used[0] < MEMO_CHARS:
                memo[t] = tokens
                used[0] += len(t)
        out.append(tokens)
    return out


class Cutter:
    """Cuts texts with the spec's backend; for rjieba, applies the guard and ``verify="all"``."""

    def __init__(self, spec: BackendSpec):
        self.spec = spec
        self.fast = None
        if spec.backend == "rjieba":
            self.fast = rjieba_tokenizer(spec.user_dict, spec.user_sha256, spec.hmm)
        else:
            self._ref = _tokenizer(spec.user_dict)

    def reference(self, texts: list[str]):
        if self.fast is None:
            return lambda text, hmm: self._ref.lcut(text, HMM=hmm)
        return reference_for(texts, self.spec.user_dict, self.spec.user_sha256)

    def cut(self, text: str) -> list[str]:
        return self.cut_many([text])[0][0]

    def cut_many(self, texts: list[str]) -> tuple[list[list[str]], CutReport]:
        hmm = self.spec.hmm
        if self.fast is None:
            ref = self.reference(texts)
            return _memoized(self.spec, lambda t: ref(t, hmm), texts), CutReport(jieba=list(range(len(texts))))
        cut = self.fast.cut
        out = _memoized(self.spec, lambda t: cut(t, hmm), texts)
        slow = guarded(texts, hmm)
        report = CutReport(jieba=slow, guarded=len(slow))
        check = [i for i in range(len(texts))] if self.spec.verify == "all" else slow
        if check:
            ref = self.reference([texts[i] for i in check])
            slow_set = set(slow)
            mismatches = []
            for i in check:
                tokens = ref(texts[i], hmm)
                if i in slow_set:
                    out[i] = tokens
                elif tokens != out[i]:
                    out[i] = tokens
                    mismatches.append(i)
            if self.spec.verify == "all":
                report.verified = len(texts) - len(slow)
                report.mismatches = mismatches
                report.jieba = sorted(slow_set | set(mismatches))
        return out, report

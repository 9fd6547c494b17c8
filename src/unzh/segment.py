"""Segmentation: the paragraph table → the token table, with jieba wrapped.

jieba keeps one global tokenizer, logs to stderr and caches in the shared temp
folder.  Here the package owns its own :class:`jieba.Tokenizer` instances
(one per dictionary/user-dictionary/HMM setting), built from absolute paths,
with jieba's logger silenced, its dictionary cache in the project's cache
folder under a name keyed by the dictionary's hash, and ``HMM=`` passed
explicitly on every call.  ``enable_parallel`` is never used.

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

Filtered out (never in the table): whitespace, punctuation and symbols,
numbers (Arabic, full-width and Chinese numerals with 年/月/日 are kept as
words only if jieba joins them with a character), and Latin-only tokens are
kept.  ``df.attrs["provenance"]`` records the jieba version, the hashes of the
dictionary, user dictionary and stopword files, and the HMM setting.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import jieba
import pandas as pd

from . import config
from .errors import LexiconError

TOKEN_COLUMNS = ["doc_id", "para_id", "section", "debate", "para_no", "sentence", "position", "start", "token", "stop"]
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


def read_user_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a user dictionary: ``WORD [FREQ] [TAG]`` lines, ``#`` comments; LexiconError on a bad line."""
    path = Path(path)
    if not path.exists():
        raise LexiconError(path, "no such file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LexiconError(path, "not UTF-8 text") from None
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
    if not path.exists():
        raise LexiconError(path, "no such file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LexiconError(path, "not UTF-8 text") from None
    words = set()
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(line.split()) != 1:
            raise LexiconError(path, f"line {n} (entry {line!r}): one word per line expected")
        words.add(line)
    return frozenset(words)


def is_kept(token: str) -> bool:
    """Keep words; drop whitespace, punctuation/symbols and pure numbers."""
    if not token.strip():
        return False
    if _NUMBER.match(token):
        return False
    return any(unicodedata.category(c)[0] in "LN" for c in token) and not all(
        unicodedata.category(c)[0] in "PSZ" or c.isdigit() for c in token
    )


@dataclass
class Segmenter:
    """jieba with a user dictionary and stopwords; ``hmm`` is passed on every call.

    ``user_dict=None`` gives plain jieba (for before/after comparisons).
    """

    user_dict: Path | None = config.USER_DICT
    stopwords: Path | None = config.STOPWORDS
    hmm: bool = False
    _tk: jieba.Tokenizer = field(init=False, repr=False)
    _stop: frozenset = field(init=False, repr=False)

    def __post_init__(self):
        self._tk = _tokenizer(str(self.user_dict) if self.user_dict else None)
        self._stop = read_stopwords(self.stopwords) if self.stopwords else frozenset()

    @property
    def stopword_set(self) -> frozenset[str]:
        return self._stop

    @property
    def user_words(self) -> list[str]:
        return [w for w, _, _ in read_user_dict(self.user_dict)] if self.user_dict else []

    def cut(self, text: str) -> list[str]:
        """All tokens jieba gives, punctuation and whitespace included."""
        return self._tk.lcut(text, HMM=self.hmm)

    def words(self, text: str, drop_stopwords: bool = True) -> list[str]:
        """Kept tokens (no punctuation, whitespace or numbers; no stopwords unless asked)."""
        return [t for t in self.cut(text) if is_kept(t) and not (drop_stopwords and t in self._stop)]

    def in_dictionary(self, word: str) -> bool:
        """True if jieba's dictionary (main or user) has the word (with a positive frequency)."""
        return self._tk.FREQ.get(word, 0) > 0

    def provenance(self) -> dict:
        return {
            "segmenter": "jieba",
            "jieba_version": version("jieba"),
            "hmm": self.hmm,
            "dictionary_sha256": _dict_hash(),
            "user_dict": self.user_dict.name if self.user_dict else None,
            "user_dict_sha256": sha256_file(self.user_dict) if self.user_dict else None,
            "stopwords": self.stopwords.name if self.stopwords else None,
            "stopwords_sha256": sha256_file(self.stopwords) if self.stopwords else None,
        }


@lru_cache(maxsize=1)
def _dict_hash() -> str:
    return sha256_file(jieba_dictionary())


@lru_cache(maxsize=8)
def _tokenizer(user_dict: str | None) -> jieba.Tokenizer:
    """One Tokenizer per user dictionary (contents are re-read: the cache key includes its hash)."""
    return _build_tokenizer(user_dict, sha256_file(user_dict) if user_dict else None)


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


def sentence_numbers(tokens: list[str]) -> list[int]:
    """1-based sentence number of each token; a sentence ends after 。！？；."""
    out, s = [], 1
    for t in tokens:
        out.append(s)
        if t in SENTENCE_END:
            s += 1
    return out


def tokens_table(paragraphs: pd.DataFrame, segmenter: Segmenter | None = None, kinds=None) -> pd.DataFrame:
    """Segment every paragraph (rows of the given ``kinds``; all rows by default) into the token table."""
    seg = segmenter or Segmenter()
    rows = paragraphs if kinds is None else paragraphs[paragraphs["kind"].isin(kinds)]
    cols = {c: [] for c in TOKEN_COLUMNS}
    for r in rows.itertuples(index=False):
        raw = seg.cut(r.text)
        sents = sentence_numbers(raw)
        pos, offset = 0, 0
        for tok, s in zip(raw, sents):
            start, offset = offset, offset + len(tok)
            if not is_kept(tok):
                continue
            cols["doc_id"].append(r.doc_id)
            cols["para_id"].append(r.para_id)
            cols["section"].append(r.section)
            cols["debate"].append(r.debate)
            cols["para_no"].append(r.para_no)
            cols["sentence"].append(s)
            cols["position"].append(pos)
            cols["start"].append(start)
            cols["token"].append(tok)
            cols["stop"].append(tok in seg.stopword_set)
            pos += 1
    df = pd.DataFrame(cols, columns=TOKEN_COLUMNS)
    for c in ("debate", "para_no"):
        df[c] = df[c].astype("Int64")
    for c in ("para_id", "sentence", "position", "start"):
        df[c] = df[c].astype("int64")
    df["stop"] = df["stop"].astype(bool)
    df.attrs["provenance"] = seg.provenance()
    return df

"""jieba's dictionary and the package's own ``jieba.Tokenizer`` instances.

Owns: the path and hash of jieba's main dictionary, and one Tokenizer per user dictionary (keyed by
the file's hash), built from absolute paths with its dictionary cache in the project's cache folder
and jieba's logger silenced.  Never the global tokenizer, never ``enable_parallel``.
May import: unzh.config, unzh.io_utils, unzh.lexicon (the user-dictionary reader).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import jieba

from unzh import config
from unzh.io_utils import atomic_write_text, sha256_file
from unzh.lexicon.files import read_user_dict

jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)


def jieba_dictionary() -> Path:
    """The main dictionary shipped inside the jieba package (absolute path)."""
    return Path(jieba.__file__).resolve().parent / "dict.txt"



@lru_cache(maxsize=1)
def _jieba_version() -> str:
    return version("jieba")


@lru_cache(maxsize=1)
def _dict_hash() -> str:
    return sha256_file(jieba_dictionary())


def _tokenizer(user_dict: str | None) -> jieba.Tokenizer:
    """One Tokenizer per user dictionary and contents (the key includes the file's hash)."""
    return _build_tokenizer(user_dict, sha256_file(user_dict) if user_dict else None)


#: the plain tokenizer (no user dictionary) built in this process, by main dictionary
_PLAIN: dict[str, jieba.Tokenizer] = {}


@lru_cache(maxsize=8)
def _build_tokenizer(user_dict: str | None, _user_hash: str | None) -> jieba.Tokenizer:
    main = jieba_dictionary()
    tk = jieba.Tokenizer(dictionary=str(main))
    cache_dir = config.ensure_dir(config.CACHE_DIR)
    tk.tmp_dir = str(cache_dir)
    tk.cache_file = str(cache_dir / f"jieba.{_dict_hash()[:16]}.cache")
    base = _PLAIN.get(str(main))
    if user_dict and base is not None:
        # the main dictionary as the plain tokenizer of this process holds it (what initialize() reads),
        # copied: loading it again takes ~1 s; then the user's entries on top, as below
        tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
    else:
        tk.initialize()
    if not user_dict:
        _PLAIN[str(main)] = tk
    if user_dict:
        for word, freq, tag in read_user_dict(Path(user_dict)):
            tk.add_word(word, freq, tag)
    return tk


def _clear() -> None:
    _build_tokenizer.cache_clear()
    _PLAIN.clear()


_tokenizer.cache_clear = _clear


def merged_user_dict(paths) -> Path:
    """One user-dictionary file holding the entries of ``paths`` stacked in order.

    A word listed in several files keeps its place of first listing and takes the frequency and
    tag of the last file that lists it (a later file replaces an earlier one's entry).  The file
    is written once into the cache folder under a name keyed by the files' hashes, so the
    segmenter, its rjieba twin and the token cache all see one file with one hash.  A single
    path is returned as it is.
    """
    paths = [Path(p) for p in paths]
    if len(paths) == 1:
        return paths[0]
    entries: dict[str, tuple[int | None, str | None]] = {}
    for path in paths:
        for word, freq, tag in read_user_dict(path):
            entries[word] = (freq, tag)
    hashes = [sha256_file(p) for p in paths]
    key = sha256_text("\n".join(hashes))[:20]
    out = config.ensure_dir(config.CACHE_DIR / "user_dicts") / f"stacked.{key}.dict.txt"
    if not out.is_file():
        lines = [f"# stacked user dictionary: {len(paths)} files, later entries replace earlier ones"]
        lines += [f"# {p.name} sha256 {h}" for p, h in zip(paths, hashes)]
        lines += [" ".join(str(x) for x in (w, f, t) if x is not None) for w, (f, t) in entries.items()]
        atomic_write_text(out, "\n".join(lines) + "\n")
    return out


def sha256_text(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

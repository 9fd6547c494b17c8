"""The result cache: a counting subcommand run again on the same inputs prints its stored output.

``unzh freq``, ``keyness``, ``themes``, ``cooc``, ``stakeholders`` and ``structure`` print a table
that depends on nothing but what :func:`key` hashes:

* the arguments as typed, and the current folder (relative paths are taken from it, and messages
  name files as they were given);
* every argument that names a file or folder: a file's bytes (and those of the ``.meta.json``
  beside it); a folder's ``*.txt`` and ``*.meta.json`` entries, each by name, kind and bytes (a
  FIFO or device is named, never read);
* the shipped lexicons (every file of the lexicon folder), jieba's dictionary (size and time);
* the code: each source file of unzh (size and time: an edited file is another key, whatever
  the version says) and the names of the installed distributions (``<name>-<version>.dist-info``);
* the settings that change what is printed: ``UNZH_MAX_FILE_MB``, stdout's encoding, Python's version.

A run that ends with status 0 stores what it wrote on stdout and stderr in the cache folder
(``results/<key>``); the same command on the same inputs writes them back without importing
pandas or reading a document: about 0.1 s for a 20 MB corpus, against seconds for counting even
from the per-document caches.  A stored record carries its key and the SHA-256 of what it holds,
checked on reading (a record that fails is said on stderr, ignored and written anew).  ``--no-cache`` or
``UNZH_RESULT_CACHE=0`` leave it out; a command with an argument that is neither a regular file
nor a folder (``/dev/stdin``, a FIFO), or a file over the size limit, is never stored.

May import: the standard library, unzh.config.  It runs before anything else of the command line.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

#: the subcommands whose output is stored
COMMANDS = ("freq", "keyness", "themes", "cooc", "stakeholders", "structure")
#: the environment variable that turns the result cache off (``0``)
ENV = "UNZH_RESULT_CACHE"
#: layout of a stored record (part of the key)
FORMAT = 1
#: outputs larger than this (bytes of stdout and stderr) are not stored
MAX_BYTES = 64_000_000
_CHUNK = 1 << 20


def applies(argv: list[str]) -> bool:
    return bool(argv) and argv[0] in COMMANDS and "--no-cache" not in argv \
        and os.environ.get(ENV, "1").strip() != "0" and not any(a in ("-h", "--help") for a in argv)


class _NotStorable(Exception):
    """An input the cache must not read (a FIFO, a device, a file over the size limit)."""


def _sha256_file(path: str, limit: int) -> str:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        raise _NotStorable(path)
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _kind(path: str) -> str:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "missing"
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return "broken link"
    return ("file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else
            "fifo" if stat.S_ISFIFO(mode) else "other")


def _describe_file(path: str, limit: int) -> list:
    out = ["file", os.path.realpath(path), _sha256_file(path, limit)]
    p = Path(path)
    meta = p.with_name((p.stem or p.name) + ".meta.json")
    if _kind(str(meta)) == "file":
        out.append(_sha256_file(str(meta), limit))
    return out


def _describe(arg: str, limit: int) -> list | None:
    """What the command reads of one argument (None: it names nothing on disk)."""
    kind = _kind(arg)
    if kind == "missing":
        return None
    if kind == "file":
        return _describe_file(arg, limit)
    if kind != "folder":
        raise _NotStorable(arg)
    entries = []
    for name in sorted(os.listdir(arg)):
        if not name.endswith((".txt", ".meta.json")):
            continue
        entry = os.path.join(arg, name)
        k = _kind(entry)
        entries.append([name, k, *(_describe_file(entry, limit)[2:] if k == "file" else [])])
    return ["folder", os.path.realpath(arg), entries]


def _code() -> list:
    """unzh's source files (size, time) and the installed distributions' names."""
    from unzh import config
    files = []
    for p in sorted(config.PACKAGE_DIR.rglob("*.py")):
        st = p.stat()
        files.append([str(p.relative_to(config.PACKAGE_DIR)), st.st_size, st.st_mtime_ns])
    dists = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        dists += sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return [files, dists]


def _lexicons() -> list:
    import importlib.util

    from unzh import config
    out = []
    for p in sorted(Path(config.LEXICON_DIR).glob("*")):
        if p.is_file():
            out.append([p.name, _sha256_file(str(p), 1 << 30)])
    spec = importlib.util.find_spec("jieba")
    if spec is not None and spec.origin:
        d = Path(spec.origin).with_name("dict.txt")
        st = d.stat() if d.exists() else None
        out.append(["jieba dict.txt", st.st_size if st else None, st.st_mtime_ns if st else None])
    return out


def key(argv: list[str]) -> str | None:
    """The SHA-256 of everything the output of ``unzh ARGV`` depends on (None: not to be stored)."""
    raw = os.environ.get("UNZH_MAX_FILE_MB", "")
    try:
        limit = int(float(raw) * 1_000_000) if raw.strip() else 200_000_000
    except ValueError:
        return None
    try:
        named = [a.split("=", 1)[1] if a.startswith("-") else a for a in argv[1:]
                 if not a.startswith("-") or "=" in a]  # (--dict=FILE names a file too)
        inputs = [[a, _describe(a, limit)] for a in named]
        record = {"format": FORMAT, "argv": argv, "cwd": os.getcwd(), "inputs": inputs,
                  "lexicons": _lexicons(), "code": _code(), "max_file_mb": raw,
                  "stdout": [getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)],
                  "python": sys.version}
    except (_NotStorable, OSError):
        return None
    return hashlib.sha256(json.dumps(record, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _path(k: str) -> Path:
    from unzh import config
    return config.CACHE_DIR / "results" / k


#: what :func:`read` returns for a record that is there but does not pass its checks
FAILED_CHECKS = "failed checks"


def read(k: str) -> tuple[bytes, bytes] | str | None:
    """The stored stdout and stderr for key ``k``; None if there is no record, :data:`FAILED_CHECKS` if
    the record is not this key's or its content does not match its checksum."""
    try:
        data = _path(k).read_bytes()
    except OSError:
        return None
    try:
        head, _, body = data.partition(b"\n")
        meta = json.loads(head)
        out, err = body[:meta["stdout"]], body[meta["stdout"]:]
        if meta["key"] != k or len(err) != meta["stderr"] or hashlib.sha256(body).hexdigest() != meta["sha256"]:
            return FAILED_CHECKS
        return out, err
    except (ValueError, KeyError, TypeError):
        return FAILED_CHECKS


def write(k: str, out: bytes, err: bytes) -> None:
    from unzh.io_utils import atomic_write_bytes
    body = out + err
    head = json.dumps({"key": k, "stdout": len(out), "stderr": len(err), "sha256": hashlib.sha256(body).hexdigest()})
    try:
        atomic_write_bytes(_path(k), head.encode() + b"\n" + body, durable=False)
    except OSError:  # a read-only cache folder: nothing stored, nothing lost
        pass


class _Tee(io.TextIOBase):
    """A text stream that writes through to ``stream`` and keeps a copy."""

    def __init__(self, stream):
        self.stream, self.parts = stream, []

    def write(self, s: str) -> int:
        self.parts.append(s)
        return self.stream.write(s)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def captured(self) -> bytes:
        return "".join(self.parts).encode(getattr(self.stream, "encoding", None) or "utf-8",
                                          getattr(self.stream, "errors", None) or "strict")


def memoized(argv: list[str] | None, run: Callable[[list[str]], int]) -> int:
    """``run(argv)``, or its stored output when :func:`applies` and the key has a record."""
    argv = list(sys.argv[1:] if argv is None else argv)
    k = key(argv) if applies(argv) else None
    if k is None:
        return run(argv)
    hit = read(k)
    if hit == FAILED_CHECKS:
        print(f"unzh: the stored result {_path(k).name[:12]}… did not pass its checks: ignored, counted again",
              file=sys.stderr)
    elif hit is not None:
        for stream, data in ((sys.stdout, hit[0]), (sys.stderr, hit[1])):
            stream.flush()
            if hasattr(stream, "buffer"):
                stream.buffer.write(data)
            else:
                stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8"))
            stream.flush()
        return 0
    tee_out, tee_err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = tee_out, tee_err
    try:
        status = run(argv)
    finally:
        sys.stdout, sys.stderr = tee_out.stream, tee_err.stream
    if status == 0:
        out, err = tee_out.captured(), tee_err.captured()
        if len(out) + len(err) <= MAX_BYTES:
            write(k, out, err)
    return status

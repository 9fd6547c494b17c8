"""Small file helpers shared by every module that writes output.

Writes are atomic: the bytes go to a temporary file in the destination folder,
which is then renamed over the target with :func:`os.replace`.  A reader never
sees a half-written file, and if anything fails nothing is left behind (the
temporary file is removed; an existing target is left untouched).
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_CHUNK = 1 << 20


def atomic_write_bytes(path: str | Path, data: bytes, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically; create the parent folder if needed.

    Returns the path written.  The new file keeps the permission bits of the
    file it replaces, or gets ``0o644`` if there was none.  ``durable``: flush it to the disk
    (``fsync``) before the rename; a cache file, which is checked on reading and written again
    when it does not pass, need not wait for the disk (``durable=False``; 2-5 ms a file saved).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, ``\\n`` line ends); return the path."""
    return atomic_write_bytes(path, text.encode(encoding))


def sha256_file(path: str | Path) -> str:
    """Return the hex SHA-256 digest of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()

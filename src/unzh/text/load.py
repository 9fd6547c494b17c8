"""Loading raw documents: bytes → text, with encoding detection and checks at the edge.

A document is accepted in UTF-8 (with or without BOM) or GB18030 (a superset of
GBK and GB2312), with LF, CRLF or CR line ends; all give the same text.  Bad
input raises :class:`unzh.errors.DocumentError` whose message names the file
and the problem.  Nothing is ever written here.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from unzh.errors import DocumentError
from unzh.text.script import detect_script

#: Encodings tried in order.  UTF-8 first: GB18030 can decode almost any byte
#: string, so it is only a fallback, and its result is checked for Chinese.
ENCODINGS = ("utf-8", "gb18030")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class RawDocument:
    """A decoded document: its text (line ends normalised to ``\\n``) and where it came from."""

    doc_id: str
    path: Path
    text: str
    encoding: str
    sha256: str  # of the raw bytes
    metadata: dict = field(default_factory=dict)
    script: str = "simplified"  # or "traditional" (detected; see unzh.text.script)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    # control characters other than tab, LF, CR, FF are not text
    ctrl = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > 0.01 * min(len(data), 65536)


def decode_bytes(data: bytes, source: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise DocumentError if it is not text."""
    if not data.strip():
        raise DocumentError(source, "empty file")
    if _looks_binary(data):
        raise DocumentError(source, "binary file (contains NUL or control bytes), not text")
    encoding = None
    text = None
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    for enc in ([encoding and "utf-8"] if encoding else ENCODINGS):
        try:
            text = data.decode(enc)
            encoding = encoding or enc
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise DocumentError(source, "cannot be decoded as UTF-8 or GB18030/GBK text")
    if encoding == "gb18030" and not _CJK.search(text):
        raise DocumentError(source, "not UTF-8, and no Chinese text when read as GB18030: wrong encoding?")
    if any(unicodedata.category(c) == "Co" for c in text[:65536]):
        raise DocumentError(source, f"decoded as {encoding} but contains private-use characters: wrong encoding?")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(source, "empty file (only whitespace)")
    return text, encoding


def doc_id_for(path: Path) -> str:
    """The document id: the file name without its extension."""
    return path.name.split(".")[0] if path.name.split(".")[0] else path.stem


def metadata_path(path: Path) -> Path:
    """``name.meta.json`` beside the document."""
    return path.with_name(doc_id_for(path) + ".meta.json")


def load_document(path: str | Path) -> RawDocument:
    """Read a document file; raise DocumentError (one line: file and problem) on bad input."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(p, "no such file")
    if p.is_dir():
        raise DocumentError(p, "is a folder, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DocumentError(p, f"cannot be read ({exc.strerror or exc})") from None
    text, encoding = decode_bytes(data, p)
    meta = {}
    mp = metadata_path(p)
    if mp.exists():
        try:
            meta = json.loads(mp.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DocumentError(mp, f"metadata is not valid JSON ({exc})") from None
    return RawDocument(
        doc_id=doc_id_for(p),
        path=p,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=meta,
        script=detect_script(text),
    )

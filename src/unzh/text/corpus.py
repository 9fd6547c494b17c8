"""A corpus: several documents read together, their paragraph tables concatenated.

Notebooks take their input as a list of paths (the ``documents`` parameter);
relative paths are resolved against the project root, so the defaults work
wherever the notebook is executed from.  Folders expand to the ``*.txt``
files inside them (sorted).  Unreadable files are reported, never silently
dropped: :func:`read_corpus` returns them with their error message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.errors import DocumentError, InputError
from unzh.text.document import Document, read_document

TEXT_SUFFIXES = (".txt",)


def resolve(path: str | Path) -> Path:
    """An absolute path: relative paths are taken from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (config.PROJECT_ROOT / p)


def expand_paths(paths) -> list[Path]:
    """Files named, plus the text files inside any folder named (sorted), in the order given."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Path] = []
    for item in paths:
        p = resolve(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise DocumentError(p, "folder has no .txt documents")
            out.extend(found)
        else:
            out.append(p)
    return out


@dataclass
class Corpus:
    """The documents that could be read, and the ones that could not (path → message)."""

    documents: list[Document]
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> pd.DataFrame:
        """All paragraph tables, concatenated in document order."""
        return pd.concat([d.paragraphs for d in self.documents], ignore_index=True)

    @property
    def metadata(self) -> dict:
        """The metadata of the first document (for source lines), or a corpus description."""
        if len(self.documents) == 1:
            return self.documents[0].metadata or {"title": self.documents[0].doc_id}
        return {"title": f"corpus of {len(self.documents)} documents (" + ", ".join(d.doc_id for d in self.documents) + ")"}

    @property
    def source_files(self) -> dict[str, Path]:
        return {f"document:{d.doc_id}": d.raw.path for d in self.documents}


def read_corpus(paths, strict: bool = False) -> Corpus:
    """Read every document; unreadable ones go to ``failed`` (or raise, if ``strict``).

    Raises :class:`DocumentError` if no document at all could be read.  Two
    files with the same document id are an error (ids key every table).
    """
    docs, failed = [], {}
    for p in expand_paths(paths):
        try:
            docs.append(read_document(p))
        except InputError as exc:
            if strict:
                raise
            failed[str(p)] = str(exc)
    ids = [d.doc_id for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DocumentError(dupes[0], "two documents share this id (file name without extension)")
    if not docs:
        if len(failed) == 1:
            raise DocumentError(None, next(iter(failed.values())))
        first = next(iter(failed.values()), "no files")
        raise DocumentError(None, f"none of the {len(failed)} files is readable (first: {first})")
    return Corpus(docs, failed)

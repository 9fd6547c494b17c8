"""A corpus: several documents read together, their paragraph tables concatenated.

Paths are taken as :func:`unzh.config.user_path` takes them: a relative path from the
current folder (the notebooks turn their parameters into project paths first, with
:func:`unzh.config.project_path`).  Folders expand to the ``*.txt`` entries inside them
(sorted by name, not recursive).  Nothing is silently dropped: an entry of a folder that is
not a readable Chinese text file (a FIFO, a folder named ``x.txt``, a broken symbolic link,
an unreadable, binary or wrongly encoded file, ...) is skipped and kept in
:attr:`Corpus.failed` with its one-line message; a file given twice is read once, and a
document id changed to keep ids unique, both with a line in :attr:`Corpus.notes`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.errors import DocumentError, InputError
from unzh.text.document import Document, read_document
from unzh.text.load import doc_id_for

TEXT_SUFFIXES = (".txt",)


def project_paths(paths) -> list[Path]:
    """The notebooks' ``documents`` and ``output_dir`` parameters as paths: relative ones from the project folder.

    Only the notebooks use this (their defaults, ``data/raw/<seed>`` and ``figures``, name files
    of the project, whatever folder the kernel starts in); ``unzh report`` passes absolute paths.
    Everything else takes relative paths from the current folder (:func:`unzh.config.user_path`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return [config.project_path(p) for p in paths]


def _inputs(paths) -> list[tuple[Path, bool]]:
    """``(path, named)``: each path given (``named``), or each ``*.txt`` entry of a folder given."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[tuple[Path, bool]] = []
    for item in paths:
        p = config.user_path(item)
        if os.path.isdir(p):
            try:
                entries = sorted(p.iterdir(), key=lambda f: f.name)
            except OSError as exc:
                raise DocumentError(p, f"folder cannot be listed ({exc.strerror or exc})") from None
            found = [f for f in entries if f.suffix.lower() in TEXT_SUFFIXES]
            if not found:
                raise DocumentError(p, "folder has no .txt documents")
            out.extend((f, False) for f in found)
        else:
            out.append((p, True))
    return out


def expand_paths(paths) -> list[Path]:
    """Files named, plus the ``*.txt`` entries of any folder named (sorted), in the order given.

    Relative paths are taken from the current folder.  A folder's entries are listed whatever
    they are (a FIFO or a folder named ``x.txt`` too): :func:`read_corpus` names and skips
    the ones that are not readable text files.
    """
    return [p for p, _ in _inputs(paths)]


def _identity(path: Path):
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        return str(path)


def unique_ids(paths: list[Path]) -> tuple[list[str], list[str]]:
    """A document id per path (:func:`unzh.text.load.doc_id_for`), unique within the list, and notes.

    Ids are compared case-insensitively (they name output files).  When two paths would get the
    same id (``x/a.txt`` and ``y/a.txt``), the first keeps it and the next get ``a-2``, ``a-3``,
    ...: in the order given, so the same command always gives the same ids; each change is noted.
    """
    ids, owner, notes = [], {}, []
    for p in paths:
        base = doc_id_for(p)
        doc_id, n = base, 1
        while doc_id.casefold() in owner:
            n += 1
            doc_id = f"{base}-{n}"
        if doc_id != base:
            notes.append(f"{p}: document id {base!r} is already that of {owner[base.casefold()]}; "
                         f"this document's id is {doc_id!r}")
        owner[doc_id.casefold()] = p
        ids.append(doc_id)
    return ids, notes


@dataclass
class Corpus:
    """The documents that could be read, the ones that could not (path → message), and notes."""

    documents: list[Document]
    failed: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> pd.DataFrame:
        """All paragraph tables, concatenated in document order."""
        return pd.concat([d.paragraphs for d in self.documents], ignore_index=True)

    @property
    def metadata(self) -> dict:
        """The metadata of the first document (for source lines), or a corpus description.

        Every metadata field is optional: a document whose ``.meta.json`` names no symbol,
        title or date (or that has none) is named by its id (``"title"``).
        """
        if len(self.documents) == 1:
            meta = dict(self.documents[0].metadata or {})
            if not any(str(meta.get(k) or "").strip() for k in ("symbol", "title_en", "title", "title_zh", "date")):
                meta["title"] = self.documents[0].doc_id
            return meta
        return {"title": f"corpus of {len(self.documents)} documents (" + ", ".join(d.doc_id for d in self.documents) + ")"}

    @property
    def is_seed(self) -> bool:
        """True for the seed document alone (one document whose raw bytes are the seed's, by SHA-256)."""
        from unzh import config
        return len(self.documents) == 1 and self.documents[0].raw.sha256 == config.SEED_SHA256

    @property
    def source_files(self) -> dict[str, Path]:
        return {f"document:{d.doc_id}": d.raw.path for d in self.documents}


def distinct_inputs(paths) -> tuple[list[tuple[Path, bool]], list[str]]:
    """``(path, named)`` for each file to read (:func:`expand_paths`' order; ``named``: given by name,
    not found in a folder), each file once, and a note for each file given twice."""
    inputs, notes, seen = [], [], {}
    for path, named in _inputs(paths):
        key = _identity(path)
        if key in seen:
            notes.append(f"{path}: given twice (also as {seen[key]}): read once")
            continue
        seen[key] = path
        inputs.append((path, named))
    return inputs, notes


def read_corpus(paths, strict: bool = False) -> Corpus:
    """Read every document; unreadable ones go to ``failed``.

    With ``strict``, a file named in ``paths`` that cannot be read raises its
    :class:`DocumentError`; an entry of a folder never does (it is skipped and kept in
    ``failed``: one bad file does not abort the rest).  Raises :class:`DocumentError` if no
    document at all could be read.  Ids are unique among the documents read (:func:`unique_ids`).
    """
    inputs, notes = distinct_inputs(paths)
    docs, failed = [], {}
    for path, named in inputs:
        try:
            docs.append(read_document(path))
        except InputError as exc:
            if strict and named:
                raise
            failed[str(path)] = str(exc)
    # ids over the documents read (so that the notebooks, given these, find the same ids)
    ids, id_notes = unique_ids([d.raw.path for d in docs])
    notes.extend(id_notes)
    docs = [d if d.doc_id == i else read_document(d.raw.path, doc_id=i) for d, i in zip(docs, ids)]
    if not docs:
        if len(failed) == 1:
            raise DocumentError(None, next(iter(failed.values())))
        first = next(iter(failed.values()), "no files")
        raise DocumentError(None, f"none of the {len(failed)} files is readable (first: {first})")
    return Corpus(docs, failed, notes)

"""The Document: a loaded, cleaned and structured text (the first stage every analysis calls)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unzh.text.load import RawDocument, load_document
from unzh.text.script import to_simplified
from unzh.text.structure import paragraph_table


@dataclass(frozen=True)
class Document:
    """A raw document and its paragraph table (see :mod:`unzh.text.structure` for the columns)."""

    raw: RawDocument
    paragraphs: pd.DataFrame

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id

    @property
    def metadata(self) -> dict:
        return self.raw.metadata

    @property
    def script(self) -> str:
        """``"simplified"`` or ``"traditional"`` (then ``paragraphs.text`` is converted, ``text_original`` is not)."""
        return self.raw.script

    @property
    def cleaned_text(self) -> str:
        """The cleaned text: one paragraph per line, in document order."""
        return "\n".join(self.paragraphs["text"])

    def raw_excerpt(self, para_id: int) -> str:
        """The raw lines a paragraph came from, untouched (blank lines and trailing spaces included)."""
        row = self.paragraphs.loc[self.paragraphs["para_id"] == para_id].iloc[0]
        lines = self.raw.text.split("\n")
        return "\n".join(lines[int(row["line_start"]) - 1:int(row["line_end"])])


def read_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Load, clean and structure one file; raises :class:`unzh.errors.DocumentError` on bad input.

    ``doc_id`` defaults to :func:`unzh.text.load.doc_id_for` (:func:`unzh.text.corpus.read_corpus`
    passes its own, unique within the corpus).
    """
    raw = load_document(path, doc_id=doc_id)
    if raw.script == "traditional":
        table = paragraph_table(raw.doc_id, to_simplified(raw.text), original=raw.text)
    else:
        table = paragraph_table(raw.doc_id, raw.text)
    return Document(raw=raw, paragraphs=table)

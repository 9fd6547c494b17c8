"""Errors raised on bad input.

Every error the command line reports as a one-line message (exit status 2)
derives from :class:`InputError`.  Its ``str`` names the file and the problem,
e.g. ``data/x.txt: not valid UTF-8 or GB18030 text (binary file?)``.
"""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file (or other source) and the problem, on one line."""

    def __init__(self, source: str | Path | None, problem: str):
        self.source = str(source) if source is not None else None
        self.problem = " ".join(str(problem).split())  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}" if self.source else self.problem


class DocumentError(InputError):
    """A document cannot be read: missing, empty, binary or undecodable."""


class LexiconError(InputError):
    """A lexicon file is malformed; the message names the file and the entry (line)."""


class UnknownTermError(InputError):
    """A term, theme, actor or option value that the lexicons do not know."""


#: Categories a library raises about its own API (a version's deprecations), meant for developers:
#: nothing about the reader's input, so not repeated on their screen.
DEVELOPER_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


def reader_warnings(caught) -> list[str]:
    """The messages of the recorded warnings ``caught`` that concern the reader (not a library's
    deprecation notices, :data:`DEVELOPER_WARNINGS`), in order, as one-line strings."""
    return [" ".join(str(w.message).split()) for w in caught
            if not issubclass(w.category, DEVELOPER_WARNINGS)]

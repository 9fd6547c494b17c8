"""unzh: text analysis of Chinese-language UN documents.

The stages, in the order data flows through them (see the README)::

    read_document / read_corpus   raw file → Document (paragraph table)
    Segmenter, tokens_table       paragraph table → token table
    dfm                           token table → group x term counts (Dfm), what the term measures read
    kwic                          every occurrence of a string, with context
    load_themes, load_stakeholders, load_reporting_verbs, find_terms, count_terms
    save_figure, save_table, write_provenance

Analysis modules: :mod:`unzh.frequency`, :mod:`unzh.keyness`, :mod:`unzh.themes`,
:mod:`unzh.stakeholders`; figures: the ``unzh.textplot_*`` modules.
"""
__version__ = "0.1.0"

from .corpus import Corpus, read_corpus
from .dfm import Dfm, dfm
from .document import Document, read_document
from .errors import DocumentError, InputError, LexiconError, UnknownTermError
from .kwic import kwic
from .lexicons import load_reporting_verbs, load_stakeholders, load_themes
from .matching import count_terms, find_terms, split_sentences
from .segment import Segmenter, tokens_table
from .structure import body, default_grouping, group_labels, paragraph_table
from .tables import save_table

__all__ = [
    "Corpus", "Dfm", "Document", "DocumentError", "InputError", "LexiconError", "Segmenter", "UnknownTermError",
    "body", "count_terms", "default_grouping", "dfm", "find_terms", "group_labels", "kwic", "load_reporting_verbs",
    "load_stakeholders", "load_themes", "paragraph_table", "read_corpus", "read_document", "save_figure",
    "save_table", "split_sentences", "tokens_table", "write_provenance",
]

_LAZY = {"save_figure": "plotting", "write_provenance": "plotting"}


def __getattr__(name: str):
    """Figure helpers are imported on first use: importing matplotlib costs every process ~0.5 s."""
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

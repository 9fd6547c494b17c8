"""unzh: text analysis of Chinese-language UN documents.

The subpackages, in the order data flows through them (each imports only the ones before it)::

    unzh.text       raw file -> Document -> paragraph table      (read_document, read_corpus)
    unzh.lexicon    lexicon files, longest-first term matching   (load_themes, find_terms)
    unzh.segment    paragraph table -> token table               (Segmenter, tokens_table)
    unzh.textstat   token/paragraph tables -> measures           (term_frequency, textstat_keyness, ...)
    unzh.textplot   measures -> matplotlib Figures; saving       (textplot_*, save_figure, save_table)
    unzh.report     notebooks run headless on any document       (run_report)
    unzh.cli        the ``unzh`` command line

Below them all: ``unzh.errors`` (the one-line input errors), ``unzh.config`` (every path) and
``unzh.io_utils`` (atomic writes, hashes).  The names below are re-exported flat and imported
on first use (importing matplotlib or jieba costs a process ~0.5 s).
"""
from unzh._exports import lazy

__version__ = "0.1.0"

_EXPORTS = {
    "DocumentError": "errors", "InputError": "errors", "LexiconError": "errors", "UnknownTermError": "errors",
    "Corpus": "text", "Document": "text", "body": "text", "default_grouping": "text", "group_labels": "text",
    "paragraph_table": "text", "read_corpus": "text", "read_document": "text",
    "count_terms": "lexicon", "find_terms": "lexicon", "load_reporting_verbs": "lexicon",
    "load_stakeholders": "lexicon", "load_themes": "lexicon", "split_sentences": "lexicon",
    "Segmenter": "segment", "tokens_table": "segment",
    "kwic": "textstat", "dfm": "textstat", "Dfm": "textstat", "term_frequency": "textstat", "textstat_keyness": "textstat", "textstat_tfidf": "textstat",
    "code_themes": "textstat", "code_stakeholders": "textstat", "textstat_cooccurrence": "textstat",
    "textstat_stakeholders": "textstat", "textstat_themes": "textstat",
    "save_figure": "textplot", "save_table": "textplot", "write_provenance": "textplot",
    "run_report": "report",
}

__getattr__, __dir__, __all__ = lazy(__name__, _EXPORTS)

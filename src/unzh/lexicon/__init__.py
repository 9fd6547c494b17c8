"""Lexicons: the editable word lists and the matcher that finds their terms in text.

Owns: files (reading and checking dictionary, stopword, theme, actor and verb files), matcher (longest-first
term matching, sentences).

May import: unzh.errors, unzh.config, unzh.io_utils, unzh.text.
"""
from unzh._exports import lazy

_EXPORTS = {
    "STAKEHOLDER_COLUMNS": "files",
    "STAKEHOLDER_GROUPS": "files",
    "TERM_SEPARATOR": "files",
    "THEME_COLUMNS": "files",
    "VERB_COLUMNS": "files",
    "VERB_STRENGTHS": "files",
    "GLOSSARY_COLUMNS": "files",
    "glossary_dict": "files",
    "known_terms": "files",
    "labels": "files",
    "lexicon_files": "files",
    "lexicon_path": "files",
    "lexicon_terms": "files",
    "load_glossary": "files",
    "load_lexicons": "files",
    "load_reporting_verbs": "files",
    "load_stakeholders": "files",
    "load_themes": "files",
    "read_stopwords": "files",
    "read_tsv_lexicon": "files",
    "read_user_dict": "files",
    "term_index": "files",
    "Match": "matcher",
    "SENTENCE_END": "matcher",
    "TermHits": "matcher",
    "TermMatcher": "matcher",
    "count_terms": "matcher",
    "distinct_sorted": "matcher",
    "find_terms": "matcher",
    "first_in_text": "matcher",
    "group_by_text": "matcher",
    "mark_terms": "matcher",
    "number_within": "matcher",
    "run_starts": "matcher",
    "split_sentences": "matcher",
    "split_sentences_each": "matcher",
}

__getattr__, __dir__, __all__ = lazy(__name__, _EXPORTS)

"""The explorer: an interactive front door for JupyterLab (ipywidgets) over the same measures.

Owns: logic (the :class:`Explorer` state object and small functions returning tables: the three
counts of a term, its dispersion, KWIC lines with unit references, co-occurring terms, ranking
diffs; tested headless), plots (the dispersion strip: a Figure) and widgets
(the thin ipywidgets layer, :class:`ExplorerApp`).

May import: every lower floor (unzh.text, lexicon, segment, textstat, textplot, the base), numpy,
pandas, matplotlib, ipywidgets (only in widgets); never unzh.report or unzh.cli.
"""
from unzh._exports import lazy

_EXPORTS = {
    "COUNT_COLUMNS": "logic",
    "DIFF_COLUMNS": "logic",
    "Change": "logic",
    "Explorer": "logic",
    "Settings": "logic",
    "describe_change": "logic",
    "describe_term": "logic",
    "diff_rankings": "logic",
    "dispersion": "logic",
    "kwic_with_refs": "logic",
    "neighbours": "logic",
    "sentence_units": "logic",
    "term_counts": "logic",
    "unit_ids": "logic",
    "unit_reference": "logic",
    "unit_references": "logic",
    "textplot_dispersion": "plots",
    "ExplorerApp": "widgets",
    "explore": "widgets",
}

__getattr__, __dir__, __all__ = lazy(__name__, _EXPORTS)

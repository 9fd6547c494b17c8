"""The lexicons a notebook uses: the user's files where the parameters name them, else the shipped
ones, theme and actor lexicons chosen by fit, and one line each saying which and how well they fit.

The notebooks' parameters ``user_dicts``, ``stopword_files``, ``themes``, ``actors``, ``verbs``, ``glossaries``
(:data:`unzh.report.notebooks.LEXICON_PARAMETERS`; ``None``: the shipped defaults) come here, so that
every notebook reads them the same way, and ``unzh report``'s command-line options reach them.

May import: unzh.config, unzh.lexicon, unzh.segment, unzh.textstat, unzh.textplot.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.lexicon.files import load_lexicons
from unzh.textstat.fit import Choice, choose_lexicon


@dataclass
class NotebookLexicons:
    """What :func:`notebook_lexicons` returns (see the module docstring)."""

    user_dicts: tuple
    stopword_files: tuple
    themes: Choice
    actors: Choice
    verbs: pd.DataFrame
    glossaries: tuple = ()   # the English glossaries, the shipped one first

    def glosses(self) -> dict:
        """English by term: the glossaries stacked (a later file's entry wins), then the lexicons' labels
        (:func:`unzh.textplot.frequency.term_glosses`)."""
        from unzh.lexicon.files import load_glossary
        from unzh.textplot.frequency import term_glosses
        return term_glosses(glossary=load_glossary(list(self.glossaries) or None))

    def compounds(self) -> tuple:
        """The words of the user dictionaries: the compounds whose hidden heads keyness counts by
        occurrences (:func:`unzh.textstat.keyness.textstat_keyness`'s ``compounds``)."""
        from unzh.lexicon.files import known_terms
        return known_terms(self.user_dicts)

    def segmenter_options(self) -> dict:
        """Keyword arguments of :class:`unzh.segment.segmenter.Segmenter` for these files."""
        return {"user_dict": self.user_dicts or None, "stopwords": self.stopword_files}

    def source_files(self) -> dict:
        """Every lexicon file, for :func:`unzh.textplot.style.write_provenance` (name -> path)."""
        out = {f"user_dict:{Path(p).name}": Path(p) for p in self.user_dicts}
        out.update({f"stopwords:{Path(p).name}": Path(p) for p in self.stopword_files})
        out.update({f"glossary:{Path(p).name}": Path(p) for p in self.glossaries})
        for kind, table in (("themes", self.themes.table), ("actors", self.actors.table), ("verbs", self.verbs)):
            for src in table.attrs.get("sources") or [table.attrs.get("source")]:
                if src:
                    out[f"{kind}:{Path(src).name}"] = Path(src)
        return out


def notebook_lexicons(paragraphs: pd.DataFrame, user_dicts=None, stopword_files=None, themes=None,
                      actors=None, verbs=None, glossaries=None) -> NotebookLexicons:
    """The lexicons of a notebook run: the parameters' files (paths, or shipped names for ``themes``
    and ``actors``), else the shipped defaults; with no ``themes`` or ``actors`` named, the shipped
    lexicon of that kind that codes the most body paragraphs (ties: the first, migration).
    ``glossaries``: English glossaries (paths) stacked on the shipped ``glossary.tsv`` (checked here:
    a malformed file is a one-line :class:`unzh.errors.LexiconError`)."""
    from unzh.lexicon.files import load_glossary
    dicts = tuple(Path(p) for p in user_dicts) if user_dicts is not None else tuple(config.USER_DICTS)
    stops = tuple(Path(p) for p in stopword_files) if stopword_files is not None else tuple(config.STOPWORD_FILES)
    glossary_files = (config.GLOSSARY, *(config.project_path(p) for p in glossaries or ()))
    load_glossary(list(glossary_files))
    return NotebookLexicons(
        dicts, stops,
        choose_lexicon("themes", paragraphs, themes, config.THEME_LEXICONS),
        choose_lexicon("actors", paragraphs, actors, config.ACTOR_LEXICONS),
        load_lexicons("verbs", verbs), glossary_files)

"""The lexicons a notebook uses: the user's files where the parameters name them, else the shipped
ones, theme and actor lexicons chosen by fit, and one line each saying which and how well they fit.

The notebooks' parameters ``user_dicts``, ``stopword_files``, ``themes``, ``actors``, ``verbs``
(:data:`unzh.report.notebooks.LEXICON_PARAMETERS`; ``None``: the shipped defaults) come here, so that
every notebook reads them the same way, and ``unzh report``'s command-line options reach them.

May import: unzh.config, unzh.lexicon, unzh.segment, unzh.textstat.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unzh import config
from unzh.lexicon.files import load_lexicons
from unzh.textstat.fit import FIT_THRESHOLD, choose_theme_lexicon, fit_message, lexicon_fit


@dataclass
class Choice:
    """One lexicon kind's choice: the table, its name, how it was chosen, and every candidate's share."""

    table: pd.DataFrame
    name: str
    how: str                      # "named" or "chosen by fit"
    share: float                  # of the body paragraphs it codes
    shares: dict = field(default_factory=dict)

    @property
    def fits(self) -> bool:
        return self.share >= FIT_THRESHOLD

    def line(self, kind: str) -> str:
        """``"theme lexicon migration (chosen by fit: codes 78% of the body paragraphs)"``, and the
        one-line "does not fit" message when it codes under :data:`FIT_THRESHOLD`."""
        text = f"{kind} lexicon {self.name} ({self.how}: codes {self.share:.0%} of the body paragraphs)"
        warning = fit_message(self.name, self.share, self.shares)
        return text + (f"\nWARNING: {warning}" if warning else "")


def _shares(fits: pd.DataFrame) -> dict:
    total = fits[fits["doc_id"] == "(all)"]
    return dict(zip(total["lexicon"], total["share"]))


def _choose(kind: str, paragraphs: pd.DataFrame, values, registry: dict) -> Choice:
    if values:
        table = load_lexicons(kind, values)
        name = "+".join(Path(str(v)).stem if Path(str(v)).suffix else str(v) for v in values)
        fit = lexicon_fit(paragraphs, table, name=name)
        n = int(fit["n_paragraphs"].sum())
        share = int(fit["n_coded"].sum()) / n if n else 0.0
        others = _shares(choose_theme_lexicon(paragraphs, registry)[1])
        return Choice(table, name, "named", share, {**others, name: share})
    best, fits = choose_theme_lexicon(paragraphs, registry)
    shares = _shares(fits)
    return Choice(load_lexicons(kind, [best]), best, "chosen by fit", shares[best], shares)


@dataclass
class NotebookLexicons:
    """What :func:`notebook_lexicons` returns (see the module docstring)."""

    user_dicts: tuple
    stopword_files: tuple
    themes: Choice
    actors: Choice
    verbs: pd.DataFrame

    def segmenter_options(self) -> dict:
        """Keyword arguments of :class:`unzh.segment.segmenter.Segmenter` for these files."""
        return {"user_dict": self.user_dicts or None, "stopwords": self.stopword_files}

    def source_files(self) -> dict:
        """Every lexicon file, for :func:`unzh.textplot.style.write_provenance` (name -> path)."""
        out = {f"user_dict:{Path(p).name}": Path(p) for p in self.user_dicts}
        out.update({f"stopwords:{Path(p).name}": Path(p) for p in self.stopword_files})
        for kind, table in (("themes", self.themes.table), ("actors", self.actors.table), ("verbs", self.verbs)):
            for src in table.attrs.get("sources") or [table.attrs.get("source")]:
                if src:
                    out[f"{kind}:{Path(src).name}"] = Path(src)
        return out


def notebook_lexicons(paragraphs: pd.DataFrame, user_dicts=None, stopword_files=None, themes=None,
                      actors=None, verbs=None) -> NotebookLexicons:
    """The lexicons of a notebook run: the parameters' files (paths, or shipped names for ``themes``
    and ``actors``), else the shipped defaults; with no ``themes`` or ``actors`` named, the shipped
    lexicon of that kind that codes the most body paragraphs (ties: the first, migration)."""
    dicts = tuple(Path(p) for p in user_dicts) if user_dicts is not None else tuple(config.USER_DICTS)
    stops = tuple(Path(p) for p in stopword_files) if stopword_files is not None else tuple(config.STOPWORD_FILES)
    return NotebookLexicons(
        dicts, stops,
        _choose("themes", paragraphs, themes, config.THEME_LEXICONS),
        _choose("actors", paragraphs, actors, config.ACTOR_LEXICONS),
        load_lexicons("verbs", verbs))

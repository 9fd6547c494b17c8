"""The explorer's widgets: a thin ipywidgets layer over :class:`unzh.explore.logic.Explorer`.

Every number shown comes from a method of the Explorer (tested headless); this module only lays
out controls and shows the tables (HTML, with a CSS class per table: ``unzh-counts``,
``unzh-kwic``, ``unzh-neighbours``, ``unzh-diff``, ``unzh-evidence`` …) and figures (PNG).
Run without a live front end (papermill, ``unzh report``), the widgets print as text.
"""
from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from unzh.errors import InputError
from unzh.explore.logic import ALL, Explorer, Settings, sentence_units
from unzh.explore.plots import textplot_dispersion
from unzh.text.corpus import project_paths
from unzh.text.structure import describe_grouping
from unzh.textplot.frequency import textplot_keyness, textplot_top_terms
from unzh.textstat.keyness import textstat_keyness

#: completions offered in the term box (the most frequent types; any other term can be typed)
MAX_OPTIONS = 3000


def table_html(df: pd.DataFrame | None, css: str, empty: str = "(nothing)", max_rows: int = 60) -> str:
    """A table as HTML with the CSS class ``css`` (and ``unzh-table``), or a line saying it is empty."""
    if df is None or not len(df):
        return f'<p class="{css} unzh-empty">{html.escape(empty)}</p>'
    shown = df.head(max_rows)
    more = f"<p>… {len(df) - max_rows} more rows</p>" if len(df) > max_rows else ""
    return shown.to_html(classes=["unzh-table", css], index=False, na_rep="–", float_format=lambda v: f"{v:.2f}") + more


def _png(fig) -> w.Image:
    return w.Image(value=fig._repr_png_(), format="png", layout=w.Layout(max_width="100%"))


class ExplorerApp:
    """The explorer's controls and views over an :class:`Explorer` (``.widget`` is the whole box)."""

    def __init__(self, explorer: Explorer, term: str | None = None):
        self.ex = explorer
        s = explorer.settings
        self.path = w.Text(value=", ".join(str(p) for p in self._paths()), description="documents",
                           placeholder="files or folders, separated by commas (relative: from the project folder)",
                           layout=w.Layout(width="70%"))
        self.load = w.Button(description="Load", tooltip="read the documents named in the box")
        self.term = w.Combobox(placeholder="type a term (completion from the document's vocabulary)",
                               description="term", ensure_option=False, continuous_update=False)
        self.term.add_class("unzh-term")
        self.dictionary = w.ToggleButtons(options=[("UN dictionary on", "on"), ("off", "off"), ("file", "file")],
                                          value="on" if s.dictionary is True else ("off" if s.dictionary is False else "file"),
                                          description="dictionary")
        self.dictionary.add_class("unzh-dictionary")
        self.dict_file = w.Text(placeholder="user dictionary file", layout=w.Layout(width="40%"))
        self.stopwords = w.ToggleButtons(options=[("default", "default"), ("none", "none"), ("file", "file")],
                                         value=str(s.stopwords) if str(s.stopwords) in ("default", "none") else "file",
                                         description="stopwords")
        self.stop_file = w.Text(placeholder="stopword file", layout=w.Layout(width="40%"))
        self.unit = w.ToggleButtons(options=["paragraph", "sentence"], value=s.unit, description="unit")
        self.min_paragraphs = w.BoundedIntText(value=s.min_paragraphs, min=1, max=50, description="min. units",
                                               tooltip="keyness guard: units the term must occur in")
        self.backend = w.Dropdown(options=["jieba", "rjieba"], value=s.backend, description="backend")
        self.status = w.HTML()
        self.status.add_class("unzh-status")
        self.counts, self.kwic, self.neighbours = w.HTML(), w.HTML(), w.HTML()
        self.strip = w.Output()
        # the chart full width, the diff table under it, scrolling sideways when wider than the page:
        # side by side they were squeezed to half a page each (the chart's labels unreadable, the
        # table's last columns cut off)
        self.chart, self.diff = (w.Output(layout=w.Layout(width="100%")),
                                 w.HTML(layout=w.Layout(width="100%", overflow="auto")))
        self.diff.add_class("unzh-diff-box")
        self.group = w.Dropdown(description="group")
        self.theme = w.Dropdown(description="theme", layout=w.Layout(width="45%"))
        self.actor = w.Dropdown(description="actor", layout=w.Layout(width="45%"))
        self.themes_table, self.actors_table, self.evidence = w.HTML(), w.HTML(), w.HTML()
        self._reset_options()

        self.load.on_click(lambda _: self._load())
        self.term.observe(lambda _: self.show_term(), names="value")
        for control in (self.dictionary, self.stopwords, self.unit, self.min_paragraphs, self.backend):
            control.observe(lambda _: self.apply(), names="value")
        for box in (self.dict_file, self.stop_file):
            box.observe(lambda _: self.apply(), names="value")
        self.group.observe(lambda _: self.show_group(), names="value")
        self.theme.observe(lambda _: self.show_theme(), names="value")
        self.actor.observe(lambda _: self.show_actor(), names="value")

        toggles = w.VBox([w.HBox([self.dictionary, self.dict_file]), w.HBox([self.stopwords, self.stop_file]),
                          w.HBox([self.unit, self.min_paragraphs, self.backend])])
        self.widget = w.VBox([
            w.HBox([self.path, self.load]), self.term,
            w.HTML("<b>Counts by group</b> (occurrences in the text = tokens + inside longer tokens + across tokens)"),
            self.counts, self.strip,
            w.HBox([w.VBox([w.HTML("<b>Keyword in context</b>"), self.kwic]),
                    w.VBox([w.HTML("<b>Co-occurring in the same unit</b>"), self.neighbours])]),
            w.HTML("<b>What if?</b> Each change recomputes; the table under the chart lists what moved."),
            toggles, self.status, self.chart, self.diff,
            w.HTML("<b>Behind the numbers</b>: choose a group, a theme or an actor"),
            self.group, w.HBox([w.VBox([self.theme, self.themes_table]), w.VBox([self.actor, self.actors_table])]),
            self.evidence,
        ])
        self.widget.add_class("unzh-explorer")
        self._draw_ranking(None)
        self._tables()
        if term:
            self.term.value = term

    # ------------------------------------------------------------------ building blocks
    def _paths(self):
        d = self.ex.documents
        return [d] if isinstance(d, (str, bytes)) or not hasattr(d, "__iter__") else list(d)

    def _reset_options(self) -> None:
        self.term.options = tuple(self.ex.vocabulary()[:MAX_OPTIONS])
        groups = self.ex.groups()
        self.group.options = [("all", ALL)] + [(self.ex.group_name(g), g) for g in groups]
        self.theme.options = ["(choose)"] + list(self.ex.theme_table().index)
        self.actor.options = ["(choose)"] + list(self.ex.actor_table().index)
        self.group.value, self.theme.value, self.actor.value = ALL, "(choose)", "(choose)"

    def _tables(self) -> None:
        self.themes_table.value = table_html(self.ex.theme_table().reset_index(), "unzh-themes")
        self.actors_table.value = table_html(self.ex.actor_table().reset_index(), "unzh-actors")

    def _settings_from_controls(self) -> dict:
        """The settings the controls show; :class:`InputError` when "file" is chosen with an empty path
        box (never a silent fall-back to the shipped list)."""
        d = self.dictionary.value
        if d == "file" and not self.dict_file.value.strip():
            raise InputError("dictionary", "type the path of a user dictionary file in the box beside 'file' "
                                           "(nothing changed)")
        dictionary = True if d == "on" else (False if d == "off" else self.dict_file.value.strip())
        sw = self.stopwords.value
        if sw == "file" and not self.stop_file.value.strip():
            raise InputError("stopwords", "type the path of a stopword file in the box beside 'file' (nothing changed)")
        stopwords = sw if sw != "file" else self.stop_file.value.strip()
        return {"dictionary": dictionary, "stopwords": stopwords, "unit": self.unit.value,
                "min_paragraphs": int(self.min_paragraphs.value), "backend": self.backend.value}

    def _draw_ranking(self, change) -> None:
        s = self.ex.settings
        with self.chart:
            self.chart.clear_output(wait=True)
            keyness_changed = change is not None and set(change.changed) & {"unit", "min_paragraphs"}
            if keyness_changed and self.ex.comparable():
                tk = self.ex.tokens()
                k = textstat_keyness(sentence_units(tk) if s.unit == "sentence" else tk, self.ex.by,
                                     min_paragraphs=s.min_paragraphs)
                fig = textplot_keyness(k, self.ex.by, top=6, lang="zh")
            else:
                fig = textplot_top_terms(self.ex.top_terms(), top=s.top, lang="zh")
            display(_png(fig))
        if change is None:
            self.diff.value = "<p>Change a setting to see what moves.</p>"
            return
        tables = [f"<p><b>Top {s.top} overall</b>: {len(change.frequency)} terms changed</p>",
                  table_html(change.frequency, "unzh-diff", "no change in the top terms")]
        if change.keyness is not None:
            by = self.ex.by
            named = change.keyness.assign(**{by: [self.ex.group_name(g) for g in change.keyness[by]]}) \
                if by in change.keyness.columns else change.keyness  # "Debate 1", as the charts name the groups
            tables += [f"<p><b>Key terms per group (top {s.top})</b>: {len(change.keyness)} rows changed</p>",
                       table_html(named, "unzh-diff-keyness", "no change in the key terms")]
        self.diff.value = "".join(tables)

    # ------------------------------------------------------------------ actions
    def _load(self) -> None:
        # as the notebooks' `documents` parameter: a relative path is taken from the project folder
        paths = project_paths([p.strip() for p in self.path.value.split(",") if p.strip()])
        try:
            self.ex = Explorer(paths, settings=Settings(**self._settings_from_controls()))
        except InputError as exc:
            self.status.value = f'<p class="unzh-error">{html.escape(str(exc))}</p>'
            return
        self.status.value = (f"<p>{len(self.ex.corpus.documents)} document(s), "
                             f"{html.escape(describe_grouping(self.ex.paragraphs, self.ex.by))}</p>")
        self._reset_options()
        self._tables()
        self._draw_ranking(None)
        self.show_term()

    def apply(self) -> None:
        """Apply the toggles: recompute, then show the chart and the diff table; a choice that cannot
        be applied ("file" with no file named) leaves the settings as they were and says why in one line."""
        try:
            change = self.ex.change(**self._settings_from_controls())
        except InputError as exc:
            self.status.value = f'<p class="unzh-error">{html.escape(str(exc))}</p>'
            return
        if not change.changed:
            return
        how = "segmented again" if change.segmented else "no new segmentation (token table reused)"
        what = ", ".join(f"{k}: {getattr(change.before, k)} → {getattr(change.after, k)}" for k in change.changed)
        self.status.value = f"<p>{html.escape(what)} — {how}</p>"
        if "unit" in change.changed:
            self._tables()
        self._draw_ranking(change)
        self.show_term()

    def show_term(self) -> None:
        term = (self.term.value or "").strip()
        if not term:
            return
        self.counts.value = table_html(self.ex.named_counts(term), "unzh-counts")
        with self.strip:
            self.strip.clear_output(wait=True)
            names = {g: self.ex.group_name(g) for g in self.ex.groups()}
            display(_png(textplot_dispersion(self.ex.dispersion(term), term, self.ex.by, names=names)))
        k = self.ex.kwic(term)[["ref", "left", "term", "right"]]
        self.kwic.value = table_html(k, "unzh-kwic", f"{term} does not occur in the body paragraphs", max_rows=500)
        self.neighbours.value = table_html(self.ex.neighbours(term), "unzh-neighbours", "no co-occurring terms")
        self.show_group()

    def show_group(self) -> None:
        g = self.group.value
        term = (self.term.value or "").strip() or None
        rows = self.ex.group_paragraphs(g, term)
        what = f"paragraphs of {self.ex.group_name(g)}" + (f" containing {term}" if term else "")
        self.evidence.value = f"<p><b>{html.escape(what)}</b>: {len(rows)}</p>" + table_html(rows, "unzh-evidence")

    def show_theme(self) -> None:
        if self.theme.value in (None, "(choose)"):
            return
        ev = self.ex.theme_evidence(self.theme.value, self.group.value)
        self.evidence.value = (f"<p><b>{html.escape(self.theme.value)}</b>, {html.escape(self.ex.group_name(self.group.value))}: "
                               f"{len(ev)} {self.ex.settings.unit}s</p>" + table_html(ev, "unzh-evidence"))

    def show_actor(self) -> None:
        if self.actor.value in (None, "(choose)"):
            return
        ev = self.ex.actor_evidence(self.actor.value, self.group.value)
        self.evidence.value = (f"<p><b>{html.escape(self.actor.value)}</b>, {html.escape(self.ex.group_name(self.group.value))}: "
                               f"{int(ev['mentions'].sum()) if len(ev) else 0} mentions in {len(ev)} sentences</p>"
                               + table_html(ev, "unzh-evidence"))

    def _ipython_display_(self):
        display(self.widget)


def explore(documents, term: str | None = None, **settings) -> ExplorerApp:
    """The explorer on ``documents`` (a path or a list of paths), opened on ``term``."""
    return ExplorerApp(Explorer(documents, settings=Settings(**settings)), term=term)

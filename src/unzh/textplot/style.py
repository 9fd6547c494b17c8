"""The shared figure pipeline: house style, labels, word clouds, saving, provenance.

After quanteda's ``textplot_*``: plotting functions build and return a
:class:`matplotlib.figure.Figure` and never write files; when there is nothing to draw they
return a :class:`NoFigure` (the reason, no blank canvas).  Only :func:`save_figure` writes (PNG
at 300 dpi, SVG with text as paths and PDF with its fonts embedded as subsets, and a one-sentence
caption ``NAME.caption.txt``, byte-identical from one build to the next, atomically), and
:func:`write_provenance` records what the figures were built from.

Text is never read as mathtext (``text.parse_math`` off): a ``$`` in a document's heading is a
dollar sign, not the start of a formula.

Typical use in a notebook::

    fig, ax = new_figure()
    ax.barh(...)
    ax.set_title(label("移徙者", "migrants", lang))
    add_source_line(fig, source_line_for(metadata))
    save_figure(fig, "fig01_top_terms")
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import io
import json
import math
import os
import platform
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata as _metadata
from pathlib import Path
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from unzh import config
from unzh.errors import InputError
from unzh.io_utils import atomic_write_bytes, atomic_write_text, sha256_file
from unzh.textplot.fonts import (
    FONT_FILE,
    FONT_PACKAGE,
    MissingGlyphError,
    check_glyphs,
    cjk_font_path,
    fallback_font_path,
    font_sha256,
    glyph_warnings_as_errors,
    missing_glyphs,
    use_cjk_font,
)

# ---------------------------------------------------------------- house style
#: Width of a single-column figure in a paper, inches.
COLUMN_WIDTH = 6.5
DPI = 300
#: Distinct grey levels for categorical series (pair with HATCHES / MARKERS).
PALETTE = ("#1a1a1a", "#666666", "#a6a6a6", "#d4d4d4")
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINESTYLES = ("-", "--", ":", "-.")
#: Sequential colormap for heatmaps and word clouds (white -> black).
SEQUENTIAL_CMAP = "Greys"
#: Diverging colormap whose two arms stay distinct in greyscale.
DIVERGING_CMAP = "PuOr"

HOUSE_STYLE: dict[str, Any] = {
    "figure.figsize": (COLUMN_WIDTH, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "image.cmap": SEQUENTIAL_CMAP,
    "lines.linewidth": 1.2,
    "hatch.linewidth": 0.6,
    "hatch.color": "black",
    "svg.fonttype": "path",
    "svg.hashsalt": "unzh",
    "pdf.fonttype": 42,
    "text.parse_math": False,
}
#: SVG: every glyph as a path (the drawing looks the same in any program, with or without the
#: font; matplotlib cannot embed a font in SVG).  PDF: TrueType/OpenType embedding (type 42),
#: which matplotlib subsets to the glyphs used.
_SAVE_RC = {"svg.fonttype": "path", "svg.hashsalt": "unzh", "svg.id": None, "pdf.fonttype": 42,
            "text.parse_math": False}
_SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                  "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}}
#: The formats :func:`save_figure` writes by default.
FIGURE_FORMATS = ("png", "svg", "pdf")
#: An environment variable naming the formats to write instead, comma-separated ("png" for a quick
#: draft: SVG and PDF take four times as long as the PNG); ``unzh report``'s ``formats`` sets it
#: for the notebooks' kernels.
FIGURE_FORMATS_ENV = "UNZH_FIGURE_FORMATS"


def default_formats() -> tuple[str, ...]:
    """:data:`FIGURE_FORMATS`, or the formats :data:`FIGURE_FORMATS_ENV` names."""
    value = os.environ.get(FIGURE_FORMATS_ENV, "").strip()
    return tuple(f.strip() for f in value.split(",") if f.strip()) if value else FIGURE_FORMATS
CAPTION_SUFFIX = ".caption.txt"
_SLUG = re.compile(r"[a-z0-9_-]+")
_SOURCE_GID = "unzh-source-line"


def apply_style() -> str:
    """Set the house style in matplotlib's rcParams (CJK font included); idempotent.

    Returns the font family name.
    """
    family = use_cjk_font()
    mpl.rcParams.update(HOUSE_STYLE)
    return family


#: Resolution of the preview a notebook shows (the files written by save_figure are 300 dpi).
DISPLAY_DPI = 110


class HouseFigure(Figure):
    """A Figure that shows itself as a PNG when it is a notebook cell's result.

    Figures are not registered with pyplot, so no backend displays them; IPython
    calls ``_repr_mimebundle_`` instead: the PNG, with the figure's caption as its ``alt``
    metadata (the HTML rendering of ``unzh report`` makes it the image's alt text).
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with mpl.rc_context(_SAVE_RC):
            self.savefig(buffer, format="png", dpi=DISPLAY_DPI, metadata=_SAVE_METADATA["png"])
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        caption = getattr(self, "unzh_caption", None) or figure_caption(self)
        return {"image/png": self._repr_png_()}, {"image/png": {"alt": caption}}


class NoFigure:
    """What a ``textplot_*`` function returns when there is nothing to draw (no blank canvas).

    ``reason`` is one line saying why.  :func:`save_figure` prints it (once) and writes nothing;
    shown as a notebook cell's result it prints the line if it was not printed yet.
    """

    def __init__(self, reason: str):
        self.reason = " ".join(str(reason).split())
        self.reported = False

    def __repr__(self) -> str:
        return f"NoFigure({self.reason!r})"

    def report(self, name: str | None = None) -> None:
        if not self.reported:
            print(f"{name}: not drawn: {self.reason}" if name else f"Not drawn: {self.reason}")
            self.reported = True

    def _ipython_display_(self) -> None:
        self.report()


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = COLUMN_WIDTH,
               height: float | None = None, **subplots_kw: Any):
    """Return ``(fig, axes)``: a house-style Figure (constrained layout) and its axes.

    The Figure is not registered with pyplot (no global state, no double
    display in notebooks) and displays itself as a PNG in a notebook
    (:class:`HouseFigure`); ``axes`` is as from :meth:`Figure.subplots`.
    """
    apply_style()
    height = height if height is not None else min(4.0, 2.6 * nrows)
    fig = HouseFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, **subplots_kw)


def ink_on(rgba) -> str:
    """Black text on light cells, white on dark ones (by the cell colour's luminance)."""
    r, g, b = rgba[:3]
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "black"


def legend_patch(i: int, label: str):
    """Return a legend handle drawn like bar series ``i`` (fill, hatch and black edge)."""
    from matplotlib.patches import Patch

    style = series_style(i)
    return Patch(facecolor=style["color"], hatch=style["hatch"], edgecolor=style["edgecolor"],
                 linewidth=style["linewidth"], label=label)


def series_style(i: int, kind: str = "bar") -> dict[str, Any]:
    """Return keyword arguments that keep series ``i`` distinct in greyscale.

    ``kind="bar"`` gives color, hatch and a black edge; ``kind="line"`` gives
    color, marker and linestyle.
    """
    color = PALETTE[i % len(PALETTE)]
    if kind == "bar":
        return {"color": color, "hatch": HATCHES[i % len(HATCHES)],
                "edgecolor": "black", "linewidth": 0.5}
    if kind == "line":
        return {"color": color, "marker": MARKERS[i % len(MARKERS)],
                "linestyle": LINESTYLES[i % len(LINESTYLES)]}
    raise ValueError(f"kind must be 'bar' or 'line', got {kind!r}")


# ---------------------------------------------------------------- labels and source
def label(zh: str, en: str | None, lang: str) -> str:
    """Return the label to print for a lexicon entry in ``lang`` ("zh", "en" or "both").

    ``"both"`` gives ``"移徙者 (migrants)"``.  A missing English gloss (None,
    empty or NaN) falls back to the Chinese.  Any other ``lang`` raises ValueError.
    """
    if lang not in ("zh", "en", "both"):
        raise ValueError(f"lang must be 'zh', 'en' or 'both', got {lang!r}")
    en = en.strip() if isinstance(en, str) and en.strip() else None
    if lang == "zh" or en is None:
        return zh
    return en if lang == "en" else f"{zh} ({en})"


def _format_date(value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        day = _dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.day} {day.strftime('%b')} {day.year}"


def source_line_for(metadata: Mapping[str, Any]) -> str:
    """Return a source line such as ``"Source: A/61/…, Letter …, 5 Oct 2006; unzh"``.

    Uses only what ``metadata`` holds: ``symbol`` (never invented), the first of
    ``title_en`` / ``title`` / ``title_zh``, and ``date`` (ISO dates become
    "5 Oct 2006").  Raises ValueError if none of these is present.
    """
    def get(key: str) -> str | None:
        value = metadata.get(key)
        return str(value).strip() if value is not None and str(value).strip() else None

    title = get("title_en") or get("title") or get("title_zh")
    parts = [p for p in (get("symbol"), title, _format_date(metadata.get("date"))) if p]
    if not parts:
        raise ValueError("metadata names no document: need symbol, title_en, title, title_zh or date")
    return f"Source: {', '.join(parts)}; unzh"


def add_source_line(fig: Figure, text: str, *, fontsize: float = 6.5) -> Text:
    """Put ``text`` as a small grey line at the figure's bottom-left; return the Text.

    Calling it again replaces the previous line.  With a constrained or tight
    layout the axes are moved up to make room; otherwise the bottom margin grows.
    """
    check_glyphs(text, "source line")
    for old in [t for t in fig.texts if t.get_gid() == _SOURCE_GID]:
        old.remove()
    transform = offset_copy(fig.transFigure, fig=fig, x=4, y=3, units="points")
    artist = fig.text(0, 0, text, transform=transform, fontsize=fontsize, color="0.3",
                      ha="left", va="bottom", gid=_SOURCE_GID)
    frac = (fontsize * 1.3 + 6) / (fig.get_figheight() * 72)
    engine = fig.get_layout_engine()
    if isinstance(engine, (ConstrainedLayoutEngine, TightLayoutEngine)):
        engine.set(rect=(0, frac, 1, 1 - frac))
    else:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, frac + 0.08))
    return artist


# ---------------------------------------------------------------- saving
def check_figure_glyphs(fig: Figure) -> None:
    """Raise MissingGlyphError if any visible text of ``fig`` has a character the font lacks.

    Covers titles, axis labels, tick labels (once drawn), legends, annotations
    and figure texts.  Returns None.
    """
    for artist in fig.findobj(Text):
        text = artist.get_text()
        if text and artist.get_visible():
            check_glyphs(text, f"figure text {text[:40]!r}")


def _one_line(text: str) -> str:
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    return "; ".join(line for line in lines if line)


def describe(fig: Figure, what: str) -> Figure:
    """Say in one English sentence what ``fig`` shows: ``what`` is the sentence without the document
    and without a full stop ("Body paragraphs per chapter and their length in characters");
    :func:`figure_caption` adds the document named by the source line ("…, in convention.").
    Every ``textplot_*`` function calls it; the caption is the figure's alt text in the HTML.
    Returns ``fig``."""
    what = " ".join(str(what).split()).rstrip(" .")
    if not what or ";" in what or "\n" in str(what).strip():
        raise ValueError(f"a figure's description is one sentence, not a list: {what!r}")
    fig.unzh_description = what
    return fig


def source_document(fig: Figure) -> str | None:
    """The document a figure's source line names ("Source: A/61/515, 5 Oct 2006; unzh" → "A/61/515, 5 Oct 2006")."""
    for t in fig.texts:
        if t.get_gid() == _SOURCE_GID:
            text = _one_line(t.get_text())
            text = text[len("Source:"):].strip() if text.startswith("Source:") else text
            return re.sub(r";\s*unzh$", "", text).strip() or None
    return None


def figure_caption(fig: Figure) -> str:
    """The figure's one-sentence English caption: what it shows (:func:`describe`) and the document
    its source line names, "Body paragraphs per chapter and their length in characters, in
    convention."  A figure nobody described falls back to its title (or its panels' titles)."""
    what = getattr(fig, "unzh_description", None)
    if not what:
        suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
        parts = [_one_line(suptitle)] if suptitle.strip() else list(dict.fromkeys(
            _one_line(ax.get_title()) for ax in fig.axes if ax.get_title().strip()))
        what = ", ".join(parts) or "Figure"
    document = source_document(fig)
    text = f"{what}, in {document}" if document else what
    return text.rstrip(" .;,") + "."


def save_figure(fig: Figure | NoFigure, name: str, folder: str | Path | None = None,
                formats: Iterable[str] | None = None, caption: str | None = None) -> list[Path]:
    """Write ``fig`` as ``<folder>/<name>.png`` (300 dpi), ``.svg`` and ``.pdf``, and its caption; return the paths.

    ``folder`` defaults to :data:`unzh.config.FIGURES_DIR`; ``formats`` to :func:`default_formats`
    (all three, unless :data:`FIGURE_FORMATS_ENV` names fewer).  ``name`` must match
    ``[a-z0-9_-]+``.  Output is deterministic (no timestamps or software
    versions; fixed SVG id salt; SVG text as paths; PDF fonts embedded as subsets, TrueType/
    OpenType, no creation date).  The caption (``caption``, else :func:`figure_caption`, on one
    line) goes to ``<name>.caption.txt`` and becomes the figure's alt text when shown.  Every file
    is rendered in memory first, with missing glyphs raising
    :class:`~unzh.textplot.fonts.MissingGlyphError`; files are then written atomically,
    so on any error nothing new is left in ``folder``.  The PDF of a figure whose SVG is unchanged
    comes from the figure cache (:func:`_pdf_key`; ``UNZH_FIGURE_CACHE=0`` turns it off).

    A :class:`NoFigure` (nothing to draw) is reported in one line and writes nothing: ``[]``.
    """
    if not isinstance(name, str) or not _SLUG.fullmatch(name):
        raise ValueError(f"figure name must match [a-z0-9_-]+, got {name!r}")
    if isinstance(fig, NoFigure):
        fig.report(name)
        return []
    formats = tuple(formats) if formats is not None else default_formats()
    unknown = [f for f in formats if f not in _SAVE_METADATA]
    if not formats or unknown or len(set(formats)) != len(formats):
        raise ValueError(f"formats must be distinct values among {sorted(_SAVE_METADATA)}, got {formats!r}")
    folder = Path(folder) if folder is not None else config.FIGURES_DIR
    check_figure_glyphs(fig)
    rendered: dict[str, bytes] = {}
    with mpl.rc_context(_SAVE_RC), glyph_warnings_as_errors():
        if isinstance(fig.canvas, FigureCanvasAgg):
            fig.canvas.draw()
        else:
            fig.draw_without_rendering()
        check_figure_glyphs(fig)  # tick labels exist only after a draw
        _freeze_layout(fig)
        for fmt in sorted(formats, key=lambda f: f == "pdf"):  # the PDF last: its cache is keyed by the SVG
            key = _pdf_key(rendered["svg"]) if fmt == "pdf" and "svg" in rendered and _pdf_cache_on() else None
            data = _pdf_cache_get(key) if key else None
            if data is None:
                buffer = io.BytesIO()
                fig.savefig(buffer, format=fmt, dpi=DPI, metadata=_SAVE_METADATA[fmt])
                data = _stable_clip_ids(buffer.getvalue()) if fmt == "svg" else buffer.getvalue()
                if key:
                    _pdf_cache_put(key, data)
            rendered[fmt] = data
        rendered = {fmt: rendered[fmt] for fmt in formats}
    text = _one_line(caption) if caption else figure_caption(fig)
    fig.unzh_caption = text
    written = [atomic_write_bytes(folder / f"{name}.{fmt}", data) for fmt, data in rendered.items()]
    return written + [atomic_write_text(folder / f"{name}{CAPTION_SUFFIX}", text + "\n")]


# ---------------------------------------------------------------- the PDF cache
#: where the PDFs of figures already drawn are kept (``UNZH_CACHE/figures``), by the key of :func:`_pdf_key`
PDF_CACHE_FORMAT = 1
#: set to 0 to draw every PDF anew (no figure cache read or written)
FIGURE_CACHE_ENV = "UNZH_FIGURE_CACHE"


def _pdf_key(svg: bytes) -> str:
    """The key of a figure's PDF: the SHA-256 of its SVG, which draws every glyph as its path (so the
    SVG holds each text's glyphs, font size and place, every line, colour, clip and image: the whole
    drawing), after :func:`_pdf_key_prefix` (what else decides the PDF's bytes).  Embedding the fonts
    (subsets of Noto Sans CJK, about 1.3 s a figure) is most of a PDF's time; a figure drawn again
    unchanged (``make figures`` after editing one chart) takes its PDF from the cache."""
    h = hashlib.sha256(_pdf_key_prefix())
    h.update(svg)
    return h.hexdigest()


@lru_cache(maxsize=1)
def _pdf_key_prefix() -> bytes:
    """What decides a PDF's bytes besides the drawing, once per process: matplotlib's and fontTools'
    versions, the save settings, and the font files (path, size, modification time)."""
    parts = [f"unzh-figure-pdf\0{PDF_CACHE_FORMAT}\0{mpl.__version__}\0{_metadata.version('fonttools')}\0"
             f"{sorted(_SAVE_RC.items())!r}\0{sorted(_SAVE_METADATA['pdf'].items())!r}\0{DPI}\0"]
    for font in (cjk_font_path(), fallback_font_path()):
        try:
            st = Path(font).stat()
            parts.append(f"{font}\0{st.st_size}\0{st.st_mtime_ns}\0")
        except OSError:
            parts.append(f"{font}\0missing\0")
    return "".join(parts).encode()


def _pdf_cache_on() -> bool:
    return os.environ.get(FIGURE_CACHE_ENV, "1").strip() != "0"


def _pdf_cache_path(key: str) -> Path:
    return config.CACHE_DIR / "figures" / f"{key}.pdf"


def _pdf_cache_get(key: str) -> bytes | None:
    """The cached PDF of ``key``, or None: the file holds the SHA-256 of the PDF on its first line
    and the PDF after it; a file that does not match (altered, cut short) counts as absent."""
    try:
        raw = _pdf_cache_path(key).read_bytes()
    except OSError:
        return None
    digest, _, pdf = raw.partition(b"\n")
    if not pdf.startswith(b"%PDF") or hashlib.sha256(pdf).hexdigest().encode() != digest:
        return None
    return pdf


def _pdf_cache_put(key: str, pdf: bytes) -> None:
    """Keep ``pdf`` under ``key`` (atomically; a cache that cannot be written is no error)."""
    try:
        atomic_write_bytes(_pdf_cache_path(key), hashlib.sha256(pdf).hexdigest().encode() + b"\n" + pdf,
                           durable=False)
    except OSError:
        pass


def _freeze_layout(fig: Figure) -> None:
    """Fix the axes where constrained layout put them, rounded to 1e-6 of the figure, and stop the
    layout engine: every format is then drawn from the same positions.  The solver's floating point
    differs in the last bits from one process to the next (an axes at 64.62533333333332 or …29
    points), which moved SVG and PDF coordinates in their last printed digit."""
    engine = fig.get_layout_engine()
    if engine is None:
        return
    positions = [(ax, [round(v, 6) for v in ax.get_position(original=False).bounds]) for ax in fig.axes]
    try:
        fig.set_layout_engine("none")
    except RuntimeError:  # an engine that cannot be switched off: leave it
        return
    for ax, bounds in positions:
        ax.set_position(bounds, which="both")


_CLIP_ID = re.compile(rb'(?<=id=")p[0-9a-f]{10}(?=")|(?<=url\(#)p[0-9a-f]{10}(?=\))')


def _stable_clip_ids(svg: bytes) -> bytes:
    """The SVG with its clip-path ids numbered in order of first appearance (``clip1``, ``clip2`` …).

    matplotlib names a clip path by a hash of its rectangle's coordinates, and constrained layout
    can move an axes by a last bit from one process to the next (64.62533333333332 or …29): the
    drawing is the same, the id is not.  Numbering them makes the bytes depend on the drawing only.
    """
    names: dict[bytes, bytes] = {}
    return _CLIP_ID.sub(lambda m: names.setdefault(m.group(0), b"clip%d" % (len(names) + 1)), svg)


# ---------------------------------------------------------------- word clouds
def _grey_color_func(reference_size: float, cmap_name: str):
    """Colour words by font size: bigger is darker (cmap values 0.55..1.0)."""
    cmap = mpl.colormaps[cmap_name]

    def color_func(word, font_size, position, orientation, random_state=None, **kwargs):
        value = 0.55 + 0.45 * min(1.0, font_size / reference_size)
        r, g, b, _ = cmap(value)
        return f"rgb({round(r * 255)}, {round(g * 255)}, {round(b * 255)})"

    return color_func


def make_wordcloud(frequencies: Mapping[str, float], *, max_words: int = 100,
                   width: int = 1950, height: int = 1100, random_state: int = 0,
                   relative_scaling: float | None = None, scale_max: float | None = None,
                   max_font_size: int | None = None, min_font_size: int = 6,
                   cmap: str = SEQUENTIAL_CMAP):
    """Return a generated :class:`wordcloud.WordCloud` (inspect ``.layout_`` for the words drawn).

    Words come from ``frequencies`` (already filtered by the package: never raw
    text), drawn with the project's CJK font, horizontally, in grey levels
    (darker = larger), on white, from a fixed ``random_state``.

    Shared scale across panels: pass the same ``scale_max`` (e.g. the largest
    frequency over all panels) and the same ``max_font_size`` (the size, in
    canvas pixels, of a word whose frequency equals ``scale_max``; default
    ``height // 3``) to every panel.  The panel's top word then gets
    ``max_font_size * top / scale_max`` and, with ``relative_scaling=1`` (the
    default with ``scale_max``, and the only value wordcloud maps to a size
    that depends on frequency alone), every word's size is proportional to
    ``freq / scale_max``.  Approximate: wordcloud rounds sizes, shrinks a word
    that does not fit (and the words after it), and drops words below
    ``min_font_size``.  Without ``scale_max`` each panel is scaled to its own
    top word (``relative_scaling`` defaults to 0.5).

    Raises ValueError for empty or non-positive frequencies and
    :class:`~unzh.textplot.fonts.MissingGlyphError` if a word to be drawn has a
    character the font lacks.
    """
    from wordcloud import WordCloud

    items = []
    for word, freq in frequencies.items():
        if not isinstance(word, str) or not word.strip():
            raise ValueError(f"word-cloud words must be non-empty strings, got {word!r}")
        freq = float(freq)
        if not math.isfinite(freq) or freq < 0:
            raise ValueError(f"frequency of {word!r} must be a finite number >= 0, got {freq!r}")
        if freq > 0:
            items.append((word, freq))
    if not items:
        raise ValueError("word cloud needs at least one word with a frequency > 0")
    items.sort(key=lambda kv: kv[1], reverse=True)  # stable, as wordcloud does
    items = items[:max_words]
    check_glyphs("".join(w for w, _ in items), "word-cloud words", fallback=False)  # one font file, no fallback
    top = items[0][1]

    if scale_max is not None:
        if relative_scaling is None:
            relative_scaling = 1.0
        if relative_scaling != 1.0:
            raise ValueError("scale_max needs relative_scaling=1 (size proportional to frequency)")
        if not scale_max >= top:
            raise ValueError(f"scale_max ({scale_max}) is below this panel's top frequency ({top})")
        base = max_font_size if max_font_size is not None else height // 3
        panel_max = max(min_font_size, round(base * top / scale_max))
        reference = base
    else:
        relative_scaling = 0.5 if relative_scaling is None else relative_scaling
        panel_max = max_font_size
        reference = None

    cloud = WordCloud(
        font_path=str(cjk_font_path()), width=width, height=height, max_words=max_words,
        random_state=random_state, background_color="white", mode="RGB",
        collocations=False, prefer_horizontal=1.0, relative_scaling=relative_scaling,
        max_font_size=panel_max, min_font_size=min_font_size, stopwords=set(),
        normalize_plurals=False, repeat=False, color_func=lambda *a, **k: "black",
    )
    cloud.generate_from_frequencies(dict(items))
    if reference is None:
        reference = max((size for _, size, *_ in cloud.layout_), default=1)
    cloud.recolor(random_state=random_state, color_func=_grey_color_func(reference, cmap))
    return cloud


def wordcloud_figure(frequencies: Mapping[str, float], ax=None, *, title: str | None = None,
                     **cloud_kw: Any) -> Figure:
    """Draw a word cloud of ``frequencies`` on ``ax`` (a new figure if None); return the Figure.

    ``cloud_kw`` go to :func:`make_wordcloud` (``max_words``, ``random_state``,
    ``relative_scaling``, ``scale_max``, ``max_font_size``, ``width``,
    ``height``, ...).  For several panels on one scale, see :func:`make_wordcloud`.
    """
    cloud = make_wordcloud(frequencies, **cloud_kw)
    if ax is None:
        width_px, height_px = cloud.width, cloud.height
        fig, ax = new_figure(height=COLUMN_WIDTH * height_px / width_px + (0.3 if title else 0.1))
    else:
        apply_style()
        fig = ax.get_figure(root=True)
    ax.imshow(cloud.to_array(), interpolation="antialiased")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return fig


# ---------------------------------------------------------------- provenance
VERSION_PACKAGES = ("jieba", "pandas", "numpy", "matplotlib", "wordcloud", "Pillow", "mplfonts", "unzh")
PROVENANCE_FILE = "provenance.json"
_RESERVED = ("sources", "versions")


def environment_versions() -> dict[str, str]:
    """Return ``{"python": "3.11.7", "jieba": "0.42.1", ...}`` for :data:`VERSION_PACKAGES`."""
    versions = {"python": platform.python_version()}
    for package in VERSION_PACKAGES:
        try:
            versions[package] = _metadata.version(package)
        except _metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def _display_path(path: Path) -> str:
    """A machine-independent name: relative to the project root, else the file name."""
    resolved = path.resolve()
    if resolved == cjk_font_path():
        return f"{FONT_PACKAGE}/fonts/{FONT_FILE}"
    if config.BUNDLED_DIR in resolved.parents:  # installed from a wheel: a lexicon shipped in it
        return resolved.relative_to(config.PACKAGE_DIR.parent).as_posix()
    try:
        return resolved.relative_to(config.PROJECT_ROOT).as_posix()
    except ValueError:
        return resolved.name


@contextlib.contextmanager
def _locked(lock: Path):
    """An exclusive lock on the file ``lock`` (POSIX ``flock``; elsewhere none: one writer at a time there)."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def write_provenance(folder: str | Path, *, source_files: Mapping[str, str | Path],
                     extra: Mapping[str, Any] | None = None) -> Path:
    """Write or update ``<folder>/provenance.json``; return its path.

    Records ``sources`` (for each named file: a machine-independent path and its
    SHA-256; the CJK font is always added as ``"font"``) and ``versions``
    (:func:`environment_versions`), plus the top-level keys of ``extra`` (e.g.
    one key per notebook).  An existing file is merged: its ``sources`` are
    updated by name, ``versions`` replaced, and each ``extra`` key replaced
    whole.  Sorted keys, no timestamps, atomic write.  Raises InputError if a
    source file is missing or the existing file is not a JSON object.
    """
    folder = Path(folder)
    extra = dict(extra or {})
    clash = [k for k in _RESERVED if k in extra]
    if clash:
        raise ValueError(f"extra may not use the reserved keys {clash}")
    sources = {"font": {"file": _display_path(cjk_font_path()), "sha256": font_sha256()}}
    for name, file in source_files.items():
        file = Path(file)
        if not file.is_file():
            raise InputError(file, f"source file {name!r} for provenance not found")
        sources[name] = {"file": _display_path(file), "sha256": sha256_file(file)}

    path = folder / PROVENANCE_FILE
    # notebooks run side by side update it in turn (the lock file lives outside the figures folder)
    import tempfile
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
    with _locked(Path(tempfile.gettempdir()) / f"unzh-provenance-{digest}.lock"):
        return _update_provenance(path, sources, extra)


def _update_provenance(path: Path, sources: dict, extra: dict) -> Path:
    record: dict[str, Any] = {}
    if path.exists():
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(path, f"existing provenance is not valid JSON ({exc})") from exc
        if not isinstance(record, dict):
            raise InputError(path, "existing provenance is not a JSON object")
    record["sources"] = {**record.get("sources", {}), **sources}
    record["versions"] = environment_versions()
    record.update(extra)
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
    return atomic_write_text(path, text)


__all__ = [
    "CAPTION_SUFFIX", "COLUMN_WIDTH", "DISPLAY_DPI", "FIGURE_FORMATS", "NoFigure", "describe", "figure_caption", "DIVERGING_CMAP", "DPI", "HATCHES", "HouseFigure", "LINESTYLES", "MARKERS", "PALETTE",
    "SEQUENTIAL_CMAP", "MissingGlyphError", "add_source_line", "apply_style",
    "check_figure_glyphs", "environment_versions", "ink_on", "label", "legend_patch", "make_wordcloud",
    "missing_glyphs", "new_figure", "save_figure", "series_style", "source_line_for",
    "wordcloud_figure", "write_provenance",
]

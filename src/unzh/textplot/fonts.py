"""The one font decision, shared by matplotlib and wordcloud.

Chinese text is drawn with Noto Sans CJK SC (SIL Open Font License), the file
``mplfonts/fonts/NotoSansCJKsc-Regular.otf`` that the pinned ``mplfonts`` wheel
installs.  Nothing is copied anywhere (``mplfonts init`` is not needed, and no
system font or SimHei is ever used): :func:`use_cjk_font` registers the file
with matplotlib's font manager in the running process, and word clouds are
given the same path (:func:`cjk_font_path`).

Text in other scripts (Arabic, Cyrillic, Greek, Hebrew, Armenian, Georgian, ...) is drawn with a
fallback font: DejaVu Sans, the file matplotlib itself ships (``mpl-data/fonts/ttf/DejaVuSans.ttf``),
named after the CJK family in ``font.family`` (matplotlib's per-glyph font fallback).  matplotlib
draws each character on its own, left to right: Arabic letters appear in their isolated forms, not
joined and not right to left (matplotlib has no text shaping); the words stay readable, letter by letter.

A character that neither font has is an error, not a silent box: see
:func:`missing_glyphs`, :func:`check_glyphs` and :func:`glyph_warnings_as_errors`.  Word clouds
draw with the CJK font alone (wordcloud takes one font file), so they check against it only
(``fallback=False``).
"""
from __future__ import annotations

import contextlib
import importlib.util
import re
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from unzh.errors import InputError
from unzh.io_utils import sha256_file

FONT_PACKAGE = "mplfonts"
FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: The family name stored in the font file (checked by :func:`use_cjk_font`).
EXPECTED_FAMILY = "Noto Sans CJK SC"
#: The fallback for characters the CJK font lacks: matplotlib's own DejaVu Sans.
FALLBACK_FAMILY = "DejaVu Sans"
FALLBACK_FILE = "DejaVuSans.ttf"
#: Regular expression for matplotlib's missing-glyph warning message.
GLYPH_WARNING = r"Glyph .* missing from font"
#: Characters the font need not contain: matplotlib lays them out, never draws them.
_LAYOUT_CHARS = frozenset("\n\r")


class MissingGlyphError(ValueError):
    """Text contains characters that the CJK font cannot draw (they would be boxes)."""

    def __init__(self, chars: list[str], where: str | None = None, fallback: bool = True):
        self.chars = list(chars)
        names = ", ".join(f"U+{ord(c):04X} {c!r}" for c in self.chars)
        place = f" in {where}" if where else ""
        fonts = (f"fonts {EXPECTED_FAMILY} ({FONT_FILE}) and {FALLBACK_FAMILY} ({FALLBACK_FILE})" if fallback
                 else f"font {EXPECTED_FAMILY} ({FONT_FILE})")
        super().__init__(f"{len(self.chars)} character(s){place} missing from {fonts}: {names}")


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Return the absolute path of Noto Sans CJK SC inside the ``mplfonts`` package.

    The package is located without importing it (importing ``mplfonts`` has
    side effects on matplotlib).  Raises :class:`unzh.errors.InputError` if the
    package or the file is absent.
    """
    spec = importlib.util.find_spec(FONT_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        candidate = Path(folder) / "fonts" / FONT_FILE
        if candidate.is_file():
            return candidate.resolve()
    raise InputError(
        f"{FONT_PACKAGE}/fonts/{FONT_FILE}",
        "CJK font not found; install the pinned requirements (pip install -r requirements.txt)",
    )


@lru_cache(maxsize=1)
def fallback_font_path() -> Path:
    """Return the absolute path of DejaVu Sans in matplotlib's own data folder."""
    import matplotlib as mpl

    return (Path(mpl.get_data_path()) / "fonts" / "ttf" / FALLBACK_FILE).resolve()


@lru_cache(maxsize=1)
def cjk_font_family() -> str:
    """Return the family name stored in the font file (``"Noto Sans CJK SC"``)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=str(cjk_font_path())).get_name()


def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and make it the default family.

    Sets rcParams ``font.family`` to the font's own family name followed by the fallback
    (``["Noto Sans CJK SC", "DejaVu Sans"]``) and ``axes.unicode_minus`` to False (the ASCII hyphen-minus is drawn instead of
    U+2212).  Idempotent: the file is registered once per process.  Returns the
    family name.
    """
    import matplotlib as mpl

    family = _register()
    mpl.rcParams["font.family"] = [family, FALLBACK_FAMILY]
    mpl.rcParams["axes.unicode_minus"] = False
    return family


@lru_cache(maxsize=1)
def _register() -> str:
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = cjk_font_family()
    if family != EXPECTED_FAMILY:  # pragma: no cover - only if the wheel changes
        raise InputError(path, f"font family is {family!r}, expected {EXPECTED_FAMILY!r}")
    return family


@lru_cache(maxsize=2)
def _charmap(fallback: bool = True) -> frozenset[int]:
    from matplotlib import ft2font

    codes = set(ft2font.FT2Font(str(cjk_font_path())).get_charmap())
    if fallback:
        codes |= set(ft2font.FT2Font(str(fallback_font_path())).get_charmap())
    return frozenset(codes)


def missing_glyphs(text: str, fallback: bool = True) -> list[str]:
    """Return the distinct characters of ``text`` that no font can draw, in order of appearance.

    The fonts are the CJK font and, unless ``fallback`` is False (word clouds), DejaVu Sans.
    Line breaks are ignored (they are layout, not glyphs).  An empty list means
    every character can be drawn.
    """
    cmap = _charmap(fallback)
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in _LAYOUT_CHARS and ord(ch) not in cmap:
            seen.setdefault(ch, None)
    return list(seen)


def check_glyphs(text: str, where: str | None = None, fallback: bool = True) -> None:
    """Raise :class:`MissingGlyphError` naming the characters of ``text`` no font can draw.

    ``where`` (e.g. ``"title"``) is added to the message; ``fallback`` as in
    :func:`missing_glyphs`.  Returns None.
    """
    missing = missing_glyphs(text, fallback)
    if missing:
        raise MissingGlyphError(missing, where, fallback)


@contextlib.contextmanager
def glyph_warnings_as_errors() -> Iterator[None]:
    """Context manager: matplotlib's "Glyph ... missing from font" warnings raise.

    Inside the block such a warning becomes :class:`MissingGlyphError`.
    Yields None.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=GLYPH_WARNING)
        try:
            yield
        except UserWarning as exc:
            match = re.match(r"Glyph (\d+) ", str(exc))
            if match is None:
                raise
            raise MissingGlyphError([chr(int(match.group(1)))], "drawn text") from exc


def font_sha256() -> str:
    """Return the hex SHA-256 of the font file (for provenance records)."""
    return sha256_file(cjk_font_path())

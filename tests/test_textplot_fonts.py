"""Tests for unzh.textplot.fonts: the one CJK font, shared by matplotlib and wordcloud."""
from __future__ import annotations

import hashlib
import warnings

import matplotlib as mpl
import pytest
from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from unzh.errors import InputError
from unzh.textplot import fonts
from unzh.textplot.fonts import (
    MissingGlyphError,
    check_glyphs,
    cjk_font_path,
    font_sha256,
    glyph_warnings_as_errors,
    missing_glyphs,
    use_cjk_font,
)

TITLE = "关于移徙与发展的赫尔辛基进程"  # 14 distinct Chinese characters
PRIVATE_USE = "\ue000"  # U+E000, private use area: not in Noto Sans CJK SC
EXT_B = "\U00020000"  # U+20000 𠀀, CJK Extension B: not in the SC subset either


def _glyph_warnings(records) -> list[str]:
    return [str(r.message) for r in records if "missing from font" in str(r.message)]


def test_font_file_is_noto_sans_cjk_sc_from_mplfonts():
    path = cjk_font_path()
    assert path.is_file()
    assert path.is_absolute()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.parent.name == "fonts" and path.parent.parent.name == "mplfonts"
    font = ft2font.FT2Font(str(path))
    assert font.family_name == "Noto Sans CJK SC"
    assert font.postscript_name == "NotoSansCJKsc-Regular"


def test_missing_font_file_raises_input_error(monkeypatch):
    cjk_font_path.cache_clear()
    monkeypatch.setattr(fonts, "FONT_FILE", "NoSuchFont.otf")
    try:
        with pytest.raises(InputError, match="NoSuchFont.otf: CJK font not found"):
            cjk_font_path()
    finally:
        cjk_font_path.cache_clear()


def test_use_cjk_font_sets_rcparams_and_is_idempotent():
    assert use_cjk_font() == "Noto Sans CJK SC"
    n_entries = sum(f.fname == str(cjk_font_path()) for f in font_manager.fontManager.ttflist)
    assert use_cjk_font() == "Noto Sans CJK SC"
    assert n_entries >= 1  # matplotlib 3.11 lists the file under two names
    assert sum(f.fname == str(cjk_font_path()) for f in font_manager.fontManager.ttflist) == n_entries
    assert mpl.rcParams["font.family"] == ["Noto Sans CJK SC", "DejaVu Sans"]
    assert mpl.rcParams["axes.unicode_minus"] is False


def test_chinese_title_draws_without_glyph_warnings():
    use_cjk_font()
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.subplots().set_title(TITLE)
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert _glyph_warnings(records) == []


def test_default_font_would_draw_boxes():
    """Control: the same title in DejaVu Sans warns once per character (14)."""
    fig = Figure()
    FigureCanvasAgg(fig)
    with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
        fig.subplots().set_title(TITLE)
        with warnings.catch_warnings(record=True) as records:
            warnings.simplefilter("always")
            fig.canvas.draw()
    assert len(set(_glyph_warnings(records))) == len(set(TITLE)) == 14


def test_missing_glyphs_lists_distinct_characters_in_order():
    assert missing_glyphs(f"移徙{PRIVATE_USE}者{EXT_B}{PRIVATE_USE}") == [PRIVATE_USE, EXT_B]
    assert missing_glyphs("移徙者 (migrants) 1,234 — “全球化”、50%\n") == []
    assert missing_glyphs("") == []


def test_check_glyphs_raises_value_error_naming_the_characters():
    check_glyphs(TITLE)  # no error
    with pytest.raises(MissingGlyphError, match=r"U\+E000") as info:
        check_glyphs(f"移徙{PRIVATE_USE}", "title")
    assert isinstance(info.value, ValueError)
    assert info.value.chars == [PRIVATE_USE]
    assert "in title" in str(info.value)


def test_glyph_warning_during_draw_becomes_error():
    use_cjk_font()
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.subplots().set_title(f"仅用于测试 {EXT_B}")
    with pytest.raises(MissingGlyphError, match=r"U\+20000"):
        with glyph_warnings_as_errors():
            fig.canvas.draw()


ARABIC = "السلام"  # 5 letters, 4 distinct (ا ل س م); none in Noto Sans CJK SC, all in DejaVu Sans
CYRILLIC = "мир"


def test_other_scripts_fall_back_to_dejavu_sans():
    """Arabic and Cyrillic: missing from the CJK font, drawn by the fallback; checked against both fonts."""
    assert fonts.fallback_font_path().name == "DejaVuSans.ttf" and fonts.fallback_font_path().is_file()
    assert missing_glyphs(ARABIC, fallback=False) == ["ا", "ل", "س", "م"]
    assert missing_glyphs(ARABIC) == [] and missing_glyphs(CYRILLIC) == []
    check_glyphs(f"移徙者 {ARABIC} {CYRILLIC}")  # no error
    with pytest.raises(MissingGlyphError, match=r"4 character\(s\) in word-cloud words missing from font Noto Sans CJK SC"):
        check_glyphs(ARABIC, "word-cloud words", fallback=False)


def test_a_glyph_no_font_has_still_fails_naming_both_fonts():
    with pytest.raises(MissingGlyphError) as info:
        check_glyphs(f"{ARABIC}{PRIVATE_USE}", "title")
    assert info.value.chars == [PRIVATE_USE]
    assert str(info.value) == ("1 character(s) in title missing from fonts Noto Sans CJK SC (NotoSansCJKsc-Regular.otf) "
                               "and DejaVu Sans (DejaVuSans.ttf): U+E000 '\\ue000'")


def test_arabic_and_chinese_in_one_title_draw_without_glyph_warnings():
    use_cjk_font()
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.subplots().set_title(f"{TITLE} {ARABIC}")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert _glyph_warnings(records) == []


def test_font_sha256_matches_hashlib():
    assert font_sha256() == hashlib.sha256(cjk_font_path().read_bytes()).hexdigest()

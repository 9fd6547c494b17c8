"""Checks of a drawn figure's layout: texts that overlap, texts outside the canvas, text too small.

:func:`layout_problems` draws a figure (Agg, at the saved 300 dpi) and compares the window
extents of its visible texts — titles, tick labels, axis labels, annotations, legend entries —
so that a test can fail on a chart whose labels collide, whatever the document.  Used by the
figure tests on the seed and on a many-group, long-label fixture.

May import: matplotlib.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text

#: the smallest font size allowed at the saved size (points)
MIN_FONT_PT = 6.0


@dataclass(frozen=True)
class LayoutProblem:
    kind: str       # "overlap", "outside" or "small"
    texts: tuple    # the text(s) concerned
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {' / '.join(repr(t) for t in self.texts)} ({self.detail})"


def _undrawn_tick_labels(fig: Figure) -> set[int]:
    """The tick labels matplotlib keeps but does not draw: those of ticks outside the view limits."""
    out = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            shown = ax.get_visible() and ax.axison and axis.get_visible()
            drawn = {id(lab) for tick in axis._update_ticks() for lab in (tick.label1, tick.label2)} if shown else set()
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                out |= {id(lab) for lab in (tick.label1, tick.label2) if id(lab) not in drawn}
    return out


def _texts(fig: Figure) -> list[Text]:
    seen, out = _undrawn_tick_labels(fig), []
    for t in fig.findobj(Text):
        if id(t) in seen or not t.get_visible() or not t.get_text().strip():
            continue
        if t.axes is not None and not t.axes.get_visible():  # a hidden panel draws nothing
            continue
        seen.add(id(t))
        out.append(t)
    return out


def layout_problems(fig: Figure, dpi: int = 300, tolerance_px: float = 1.0) -> list[LayoutProblem]:
    """Every pair of visible texts whose boxes overlap by more than ``tolerance_px`` in both
    directions, every text reaching outside the canvas, and every text under :data:`MIN_FONT_PT`."""
    fig.set_dpi(dpi)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.canvas.get_width_height()
    boxes = []
    problems = []
    for t in _texts(fig):
        if t.get_fontsize() < MIN_FONT_PT - 1e-9:
            problems.append(LayoutProblem("small", (t.get_text(),), f"{t.get_fontsize():.1f} pt"))
        bb = t.get_window_extent(renderer)
        if bb.width <= 0 or bb.height <= 0:
            continue
        clip = t.get_clip_box() if t.get_clip_on() else None
        if clip is not None and not bb.overlaps(clip):
            continue  # clipped away entirely: not drawn
        boxes.append((t, bb))
        if bb.x0 < -tolerance_px or bb.y0 < -tolerance_px or bb.x1 > width + tolerance_px or bb.y1 > height + tolerance_px:
            problems.append(LayoutProblem("outside", (t.get_text(),),
                                          f"box {bb.x0:.0f},{bb.y0:.0f}-{bb.x1:.0f},{bb.y1:.0f} on a {width}x{height} canvas"))
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1:]:
            dx = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
            dy = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
            if dx > tolerance_px and dy > tolerance_px:
                problems.append(LayoutProblem("overlap", (t1.get_text(), t2.get_text()), f"{dx:.0f}x{dy:.0f} px"))
    return problems


def text_width(text: str) -> int:
    """Display width in half-width columns: a CJK (wide) character counts 2, any other 1."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _wrap_line(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if text_width(line + ch) > width:
            cut = max((line.rfind(p) for p in "，、：；。 ,;:"), default=-1)
            if cut >= len(line) // 2:  # break after the punctuation, carry the rest
                lines.append(line[:cut + 1].rstrip())
                line = line[cut + 1:].lstrip()
            else:
                lines.append(line)
                line = ""
        line += ch
    return lines + ([line] if line else [])


def wrap_label(text: str, width: int = 32, max_lines: int = 2) -> str:
    """``text`` wrapped into at most ``max_lines`` lines of at most ``width`` columns
    (:func:`text_width`; a CJK character is 2), breaking after punctuation or a space where one is
    near and keeping the line breaks it has, ending with "…" when it is cut: long section titles and
    labels stay inside a chart."""
    parts = str(text).split("\n")
    if 1 < len(parts) <= max_lines:  # each given line (a Chinese label, its English) keeps a share of the lines
        share, extra = divmod(max_lines, len(parts))
        return "\n".join(wrap_label(part, width, share + (1 if i < extra else 0)) for i, part in enumerate(parts))
    lines = [w for part in parts for w in _wrap_line(part, width)]
    if len(lines) <= max_lines:
        return "\n".join(lines)
    lines = lines[:max_lines]
    last = lines[-1]
    while last and text_width(last + "…") > width:
        last = last[:-1]
    lines[-1] = last + "…"
    return "\n".join(lines)


def columns_for(width_in: float, fontsize: float) -> int:
    """How many half-width columns (:func:`text_width`) of text at ``fontsize`` fit in ``width_in`` inches
    (a half-width character is about 0.55 em)."""
    return max(4, int(width_in * 72 / (fontsize * 0.55)))


def label_inches(labels, fontsize: float) -> float:
    """The width in inches of the widest line of ``labels`` at ``fontsize``."""
    widest = max((text_width(line) for lab in labels for line in str(lab).split("\n")), default=0)
    return widest * fontsize * 0.55 / 72

"""Checks of a drawn figure's layout, and the label wrapping that keeps it clean.

:func:`layout_problems` draws a figure (Agg, at the saved 300 dpi) and compares the window
extents of its visible texts — titles, tick labels, axis labels, annotations, legend entries —
and of its markers and patches, so that a test can fail on a chart whose labels collide, run
off the canvas or out of their panel, or whose points are clipped or drawn over each other,
whatever the document.  Used by the figure tests, which build every figure by running the
notebooks' own code on the seed and on the layout fixtures.  :func:`wrap_label` breaks lines
as Chinese typesetting does (:func:`break_allowed`).

May import: matplotlib.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: the smallest font size allowed at the saved size (points)
MIN_FONT_PT = 6.0


@dataclass(frozen=True)
class LayoutProblem:
    kind: str       # "overlap", "outside", "small", "off-axes", "clipped" or "overprint"
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
    """Every problem of a drawn figure's layout (:class:`LayoutProblem`, by ``kind``):

    * ``overlap``: two visible texts whose boxes overlap by more than ``tolerance_px`` in both directions;
    * ``outside``: a text, a marker or a patch (a bar, a legend key, a node) reaching outside the canvas;
    * ``small``: a text under :data:`MIN_FONT_PT`;
    * ``off-axes``: a text placed in an axes (a bar's number, a cell's count) reaching outside that
      axes' box, where it reads as part of its neighbour (a tick label of the next panel);
    * ``clipped``: a marker cut by the edge of its axes (half a dot at the right edge);
    * ``overprint``: two markers of different series drawn over each other (their boxes overlapping,
      both ways, by more than a quarter of the smaller one's width): tied points must be set apart.
    """
    fig.set_dpi(dpi)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.canvas.get_width_height()
    boxes = []
    problems = []

    def outside(bb) -> bool:
        return (bb.x0 < -tolerance_px or bb.y0 < -tolerance_px or bb.x1 > width + tolerance_px
                or bb.y1 > height + tolerance_px)

    def where(bb) -> str:
        return f"box {bb.x0:.0f},{bb.y0:.0f}-{bb.x1:.0f},{bb.y1:.0f} on a {width}x{height} canvas"

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
        if outside(bb):
            problems.append(LayoutProblem("outside", (t.get_text(),), where(bb)))
        ax = t.axes
        if ax is not None and t in ax.texts and t.get_transform() != ax.transAxes:
            frame = ax.get_window_extent(renderer)
            if (bb.x0 < frame.x0 - tolerance_px or bb.x1 > frame.x1 + tolerance_px
                    or bb.y0 < frame.y0 - tolerance_px or bb.y1 > frame.y1 + tolerance_px):
                problems.append(LayoutProblem("off-axes", (t.get_text(),),
                                              f"box {bb.x0:.0f}-{bb.x1:.0f} x {bb.y0:.0f}-{bb.y1:.0f}, "
                                              f"its axes {frame.x0:.0f}-{frame.x1:.0f} x {frame.y0:.0f}-{frame.y1:.0f}"))
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1:]:
            dx = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
            dy = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
            if dx > tolerance_px and dy > tolerance_px:
                problems.append(LayoutProblem("overlap", (t1.get_text(), t2.get_text()), f"{dx:.0f}x{dy:.0f} px"))
    problems += _marker_problems(fig, dpi, width, height, tolerance_px)
    for patch in _patches(fig):
        bb = patch.get_window_extent(renderer)
        clip = patch.get_clip_box() if patch.get_clip_on() else None
        if clip is not None:
            if not bb.overlaps(clip):
                continue
            bb = Bbox.intersection(bb, clip) or bb
        if bb.width > 0 and bb.height > 0 and outside(bb):
            problems.append(LayoutProblem("outside", (f"{type(patch).__name__} {patch.get_label() or ''}".strip(),),
                                          where(bb)))
    return problems


def _patches(fig: Figure) -> list:
    """The visible patches that draw something: bars, legend keys, arrows; not the background of
    the figure, of an axes or of a legend, nor the invisible ones."""
    from matplotlib.legend import Legend
    from matplotlib.patches import Patch
    from matplotlib.spines import Spine

    skip = {id(fig.patch)} | {id(ax.patch) for ax in fig.axes}
    skip |= {id(leg.legendPatch) for leg in fig.findobj(Legend)}
    out = []
    for patch in fig.findobj(Patch):
        if id(patch) in skip or not patch.get_visible():
            continue
        if patch.axes is not None and not (patch.axes.get_visible() and (patch.axes.axison or not isinstance(patch, Spine))):
            continue  # a hidden panel, or the spines of an axes drawn without its frame
        if patch.get_fill() is False and patch.get_linewidth() == 0:
            continue
        out.append(patch)
    return out


def _marker_problems(fig: Figure, dpi: int, width: int, height: int, tolerance_px: float) -> list[LayoutProblem]:
    """Markers (the points of lines drawn with a marker, in visible axes) clipped by their axes,
    outside the canvas, or overprinting a marker of another series."""
    import numpy as np

    problems, dots = [], []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        frame = ax.get_window_extent()
        for line in ax.get_lines():
            marker = line.get_marker()
            if not line.get_visible() or marker in (None, "", " ", "None", "none") or not len(line.get_xydata()):
                continue
            radius = (line.get_markersize() + line.get_markeredgewidth()) * dpi / 72 / 2
            name = line.get_label() if not str(line.get_label()).startswith("_") else f"marker {marker!r}"
            for x, y in line.get_transform().transform(np.asarray(line.get_xydata(), float)):
                if not (np.isfinite(x) and np.isfinite(y)):
                    continue
                box = (x - radius, y - radius, x + radius, y + radius)
                spot = f"at {x:.0f},{y:.0f} px"
                if line.get_clip_on() and (box[0] < frame.x0 - tolerance_px or box[2] > frame.x1 + tolerance_px
                                           or box[1] < frame.y0 - tolerance_px or box[3] > frame.y1 + tolerance_px):
                    problems.append(LayoutProblem("clipped", (name,), f"{spot}, its axes {frame.x0:.0f}-{frame.x1:.0f} "
                                                                      f"x {frame.y0:.0f}-{frame.y1:.0f}"))
                elif box[0] < -tolerance_px or box[1] < -tolerance_px or box[2] > width + tolerance_px \
                        or box[3] > height + tolerance_px:
                    problems.append(LayoutProblem("outside", (name,), f"{spot} on a {width}x{height} canvas"))
                dots.append((id(line), name, x, y, radius))
    for i, (l1, n1, x1, y1, r1) in enumerate(dots):
        for l2, n2, x2, y2, r2 in dots[i + 1:]:
            if l1 == l2:
                continue  # one series: a strip of points may touch (its own density)
            cover = min(r1, r2) / 2  # a quarter of the smaller marker's width, both ways: drawn over each other
            if r1 + r2 - abs(x1 - x2) > cover and r1 + r2 - abs(y1 - y2) > cover:
                problems.append(LayoutProblem("overprint", (n1, n2), f"at {x1:.0f},{y1:.0f} and {x2:.0f},{y2:.0f} px"))
    return problems


def text_width(text: str) -> int:
    """Display width in half-width columns: a CJK (wide) character counts 2, any other 1."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


#: marks a line may not start with (closing punctuation: 、，。) nor end with (opening: （《“), as in
#: the Chinese line-breaking rules (GB/T 15834; W3C "Requirements for Chinese Text Layout" 3.1.7)
NO_LINE_START = "、，。．；：！？）》」』】〕〉”’…·,.;:!?)]}%"
NO_LINE_END = "（《「『【〔〈“‘([{"


def break_allowed(line: str, rest: str) -> bool:
    """May a line end with ``line`` and the next start with ``rest``?  Not before closing punctuation
    (:data:`NO_LINE_START`) nor after opening punctuation (:data:`NO_LINE_END`)."""
    return not (rest[:1] and rest[0] in NO_LINE_START) and not (line[-1:] and line[-1] in NO_LINE_END)


def _wrap_line(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns: after punctuation or a space near the
    end of a full line, else before the character that does not fit — moved back over any mark that
    may not start a line (一、… never gives a line "、…")."""
    lines, line = [], ""
    for i, ch in enumerate(text):
        if line and text_width(line + ch) > width and ch == " " and break_allowed(line, text[i + 1:].lstrip()):
            lines.append(line.rstrip())  # the line is full at a space: break there
            line = ""
            continue
        if line and text_width(line + ch) > width:
            rest = line + text[i:]
            cuts = [k for k, c in enumerate(line) if c in "，、：；。 ,;:"  # after punctuation or a space, where
                    and break_allowed(line[:k + 1].rstrip(), rest[k + 1:].lstrip())]  # the rest may start a line
            cut = max(cuts, default=-1)
            if cut >= len(line) // 2:  # break after the punctuation, carry the rest
                head, tail = line[:cut + 1], line[cut + 1:]
            else:
                k = len(line)
                while k > 1 and not break_allowed(line[:k], line[k:] + text[i:]):
                    k -= 1
                head, tail = line[:k], line[k:]
            lines.append(head.rstrip())
            line = tail.lstrip()
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


def make_room_for_texts(fig: Figure, axes=None, *, symmetric: bool = False, pad_pt: float = 3.0) -> None:
    """Widen the x limits of ``axes`` (default: every axes of ``fig``) so that the texts placed in
    them in data coordinates — a bar's number at its end, a row's total after the bar — end inside
    the axes, where they cannot be read as part of a neighbouring panel.

    The figure is drawn once (at its own dpi) to measure each text; the left limit stays where it
    is (``symmetric=True``: the limits stay ``-L, L`` and ``L`` grows), the right one is moved out
    just far enough, in closed form: a text anchored at ``x`` reaching ``e`` pixels beyond its
    anchor, in an axes ``W`` pixels wide, needs ``b >= a + (x - a) * W / (W - e)``.  Shared axes
    move together.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pad = pad_pt * fig.dpi / 72
    for ax in (axes if axes is not None else fig.axes):
        texts = [t for t in ax.texts if t.get_visible() and t.get_text().strip() and t.get_transform() == ax.transData]
        if not texts:
            continue
        a, b = ax.get_xlim()
        frame = ax.get_window_extent(renderer)
        width = frame.width
        need = b
        for t in texts:
            bb = t.get_window_extent(renderer)
            x = float(t.get_position()[0])
            anchor = ax.transData.transform((x, 0))[0]
            right = bb.x1 - anchor + pad
            left = anchor - bb.x0 + pad
            if right >= width or left >= width:
                continue  # wider than the axes itself: nothing to win by moving a limit
            if symmetric:
                need = max(need, x / (1 - 2 * right / width) if x > 0 else need,
                           -x / (1 - 2 * left / width) if x < 0 else need)
            elif x > a:
                need = max(need, a + (x - a) * width / (width - right))
        if need > b:
            ax.set_xlim(-need if symmetric else a, need * 1.01 if symmetric else a + (need - a) * 1.01)

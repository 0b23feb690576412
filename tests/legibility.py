"""Legibility checks on a drawn figure, with the renderer's own bounding boxes.

A figure is legible when, drawn as it is saved:

- no two pieces of text overlap (tick labels, legend entries, cell values, the title...);
- no text lies outside the canvas (clipped by the figure's edge);
- drawing it logs no warning (``constrained_layout not applied ...`` means the layout gave up);
- its source line takes at most two lines.

Text at 0 or 90 degrees is checked exactly; other angles by their axis-aligned boxes (which
overstate overlaps: the charts keep column labels horizontal, wrapped, or at 90 degrees).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

#: Boxes may touch: an overlap must be wider and taller than this (points) to count.
OVERLAP_PT = 0.75
#: Text may reach this far past the canvas edge (points) before it counts as outside.
EDGE_PT = 0.5
#: Drawn as a notebook shows it (the style's figure.dpi); saved PNGs are sharper (300 dpi).
DPI = 150
#: Lines the source line may take.
SOURCE_LINES = 2


@dataclass
class Problem:
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def _undrawn_tick_labels(fig: Figure) -> set[int]:
    """ids of tick labels matplotlib keeps but does not draw (ticks outside the view)."""
    every, drawn = set(), set()
    for ax in fig.get_axes():
        for axis in ax._axis_map.values():
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            every.update(id(t.label1) for t in ticks)
            every.update(id(t.label2) for t in ticks)
            if not ax.axison or not axis.get_visible():
                continue
            for t in axis._update_ticks():
                drawn.update((id(t.label1), id(t.label2)))
    return every - drawn


def _texts(fig: Figure) -> list[Text]:
    found = []
    hidden = _undrawn_tick_labels(fig)
    for artist in fig.findobj(Text):
        if id(artist) in hidden:
            continue
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        if artist.get_alpha() == 0:
            continue
        # A Text whose parent (axes, legend) is hidden is not drawn.
        parent = artist.axes
        if parent is not None and not parent.get_visible():
            continue
        found.append(artist)
    return found


def _label(text: Text) -> str:
    words = " ".join(text.get_text().split())
    return repr(words if len(words) <= 40 else words[:37] + "...")


def _clipped_away(text: Text, box, to_points) -> bool:
    """True when the text is clipped to its axes and lies wholly outside them (not drawn)."""
    if not text.get_clip_on() or text.axes is None:
        return False
    clip = text.get_clip_box()
    if clip is None:
        return False
    clip = clip.transformed(to_points)
    return (box.x1 < clip.x0 or box.x0 > clip.x1 or box.y1 < clip.y0 or box.y0 > clip.y1)


def check(fig: Figure, dpi: float = DPI) -> list[Problem]:
    """Draw ``fig`` (Agg, at ``dpi``) and list what is not legible (sizes in points)."""
    problems: list[Problem] = []
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        canvas.draw()
    for w in caught:
        problems.append(Problem("warning", f"{w.category.__name__}: {w.message}"))
    renderer = canvas.get_renderer()
    width, height = (v * 72 / dpi for v in canvas.get_width_height())
    to_points = Affine2D().scale(72 / dpi)
    boxes = []
    for text in _texts(fig):
        box = text.get_window_extent(renderer).transformed(to_points)
        if box.width <= 0 or box.height <= 0 or _clipped_away(text, box, to_points):
            continue
        if (box.x0 < -EDGE_PT or box.y0 < -EDGE_PT or box.x1 > width + EDGE_PT
                or box.y1 > height + EDGE_PT):
            problems.append(Problem(
                "outside", f"{_label(text)} at x {box.x0:.0f}..{box.x1:.0f}, "
                           f"y {box.y0:.0f}..{box.y1:.0f} of {width:.0f} x {height:.0f}"))
        boxes.append((text, box))
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1:]:
            dx = min(b1.x1, b2.x1) - max(b1.x0, b2.x0)
            dy = min(b1.y1, b2.y1) - max(b1.y0, b2.y0)
            if dx > OVERLAP_PT and dy > OVERLAP_PT:
                problems.append(Problem(
                    "overlap", f"{_label(t1)} and {_label(t2)} overlap by {dx:.1f} x {dy:.1f} pt"))
    for text in _texts(fig):
        if text.get_gid() == "workbook-source":
            lines = text.get_text().count("\n") + 1
            if lines > SOURCE_LINES:
                problems.append(Problem("source", f"source line takes {lines} lines"))
    return problems

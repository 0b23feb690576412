"""Publication figures: one style sheet, one colour per outlet, one way to save.

Every figure of the workbook is made the same way::

    fig, ax = figures.new_figure("column")            # 3.5 in wide (a printed page column)
    colors = figures.outlet_colors(outlets)           # the same colour for an outlet everywhere
    ax.bar(..., color=[colors[o] for o in outlets])
    ax.set_xlabel("words per sentence")               # axis labels carry units
    figures.finish(fig, "LBC's sentences are the longest", figures.source_line(a))
    figures.save_figure(fig, "sentence-length-by-outlet", data, out_dir)

- The style sheet is ``analysis/data/workbook.mplstyle``: DejaVu Sans (shipped with
  matplotlib, so a fresh machine draws the same glyphs), print sizes in points.
- Outlet colours come from ``analysis/data/palette.csv``: the Okabe-Ito palette (Okabe & Ito
  2008, "Color Universal Design"), readable with every common colour-vision deficiency. A story
  folder may pin colours in its own ``palette.csv`` (columns ``outlet, color``; a hex code or a
  palette name such as ``vermillion``).
- :func:`save_figure` writes PNG (300 dpi), SVG, PDF and the CSV of exactly the plotted data,
  byte for byte the same on every run (no dates or versions in the metadata, a fixed SVG hash
  salt, a fixed float format in the CSV).
"""

from __future__ import annotations

import csv
import os
import re
import warnings
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.figure import Figure

from analysis import datafiles, writing
from analysis.paths import DATA_DIR
from analysis.story import labels as _labels
from analysis.story.labels import LABEL_CHARS, abbreviate  # noqa: F401 - re-exported
from analysis.story.loading import coverage_rows

STYLE_FILE = DATA_DIR / "workbook.mplstyle"
PALETTE_FILE = DATA_DIR / "palette.csv"
#: Name of the file in a story folder that pins outlet colours (columns ``outlet, color``).
STORY_PALETTE_NAME = "palette.csv"

#: Figure widths in inches: a printed page column and a full page width.
WIDTHS = {"column": 3.5, "page": 7.0}
#: Default height of the plotting area (title and source line are added by :func:`finish`).
HEIGHTS = {"column": 2.4, "page": 3.2}

#: Sizes of the title and source line, in points.
TITLE_SIZE = 8.5
SOURCE_SIZE = 6.0
_LINE_HEIGHT = 1.25  # line spacing as a multiple of the font size
_MARGIN_IN = 0.06  # space around the title and the source line, inches

#: Float format of every figure CSV: ten significant digits, so the file does not change with
#: noise in the last bits of a float.
CSV_FLOAT_FORMAT = writing.CSV_FLOAT_FORMAT
#: Settings that make saved files repeatable (applied while saving, whatever the style).
_REPEATABLE_RC = {
    "svg.hashsalt": "coverage-workbook",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "savefig.dpi": 300,
    "savefig.bbox": "standard",
    "savefig.facecolor": "white",
}
PNG_DPI = 300
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}
_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_NUMBERED = re.compile(r"^(?:fig|figure|chart|plot)[-_]?\d+[a-z]?$")


# --------------------------------------------------------------------------- style and colours


def palette() -> pd.DataFrame:
    """The palette (``analysis/data/palette.csv``): ``name, hex, use, note``. Rows with
    ``use == "outlet"`` are the outlet colours in the order they are handed out."""
    frame = datafiles.read_csv(PALETTE_FILE, ("name", "hex", "use"))
    bad = [h for h in frame["hex"] if not re.fullmatch(r"#[0-9A-Fa-f]{6}", h)]
    if bad:
        raise ValueError(f"{PALETTE_FILE}: not a #RRGGBB colour: {', '.join(bad)}")
    return frame


def color(name: str) -> str:
    """A palette colour by name (``ink``, ``muted``, ``light``, ``grid``, ``blue``, ...)."""
    key = (str(PALETTE_FILE), datafiles.stamp(PALETTE_FILE))
    if _COLORS.get("") != key:  # the palette file changed (or first use): read it again
        _COLORS.clear()
        _COLORS[""] = key
        frame = palette()
        for n, h in zip(frame["name"], frame["hex"]):
            _COLORS.setdefault(n, h)
    if not name or name not in _COLORS:
        raise KeyError(f"no colour {name!r} in {PALETTE_FILE}")
    return _COLORS[name]


#: Colours by name, read from the palette file once while it does not change ("" holds the
#: file's name and stamp).
_COLORS: dict[str, Any] = {}


def _outlet_hexes() -> list[str]:
    key = (str(PALETTE_FILE), datafiles.stamp(PALETTE_FILE))
    if _OUTLET_HEXES.get(key) is None:
        _OUTLET_HEXES.clear()
        p = palette()
        _OUTLET_HEXES[key] = list(p.loc[p["use"] == "outlet", "hex"])
    return list(_OUTLET_HEXES[key])


_OUTLET_HEXES: dict[tuple, list[str]] = {}


def _notebook_display() -> None:
    # In Jupyter, matplotlib's inline backend teaches IPython to show a Figure only once the
    # backend module is imported; figures here are made without pyplot, so import it.
    if "matplotlib_inline" in os.environ.get("MPLBACKEND", ""):
        import matplotlib_inline.backend_inline  # noqa: F401


def apply_style() -> None:
    """Use the workbook's style sheet (and the outlet colours as the default colour cycle)."""
    _notebook_display()
    plt.style.use(STYLE_FILE)
    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=_outlet_hexes())


def _story_folder(story) -> Path | None:
    if story is None:
        return None
    if isinstance(story, (str, os.PathLike)):
        return Path(story)
    return Path(story.folder)


def _story_outlets(story) -> list[str]:
    articles = getattr(story, "articles", None)
    if articles is None:
        return []
    articles = coverage_rows(articles)
    return sorted(articles["outlet"].dropna().unique())


def read_story_palette(folder: str | Path | None) -> dict[str, str]:
    """Outlet colours pinned by a story folder's ``palette.csv`` (``outlet, color``); the colour
    is a ``#RRGGBB`` code or a name from the workbook palette. Empty when there is no file."""
    if folder is None:
        return {}
    path = Path(folder) / STORY_PALETTE_NAME
    if not path.is_file():
        return {}
    pins: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"outlet", "color"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            value = (row["color"] or "").strip()
            if re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
                pins[row["outlet"].strip()] = value.upper()
            else:
                try:
                    pins[row["outlet"].strip()] = color(value)
                except KeyError:
                    raise ValueError(
                        f"{path}, row {number}: colour {value!r} is neither #RRGGBB nor a "
                        f"palette name"
                    ) from None
    return pins


#: Distinct outlet colours a story gets; past this many outlets, figures colour the outlets
#: they name (highlight) and draw the others in one grey.
MAX_OUTLET_COLORS = 8


def outlet_colors(
    outlets: Iterable[str], story=None, highlight: Iterable[str] | None = None
) -> dict[str, str]:
    """One colour-blind-safe colour per outlet, the same in every figure and widget.

    Parameters
    ----------
    outlets : list of str
        The outlets to colour (any order, any subset of the story's outlets).
    story : Analysis, optional
        The story whose ``palette.csv`` pins colours and whose full list of outlets fixes the
        order; without it, only ``outlets`` fix the order and nothing is pinned.
    highlight : list of str, optional
        With more than :data:`MAX_OUTLET_COLORS` outlets: the outlets to colour (the ones a
        title names), in order; every other outlet is grey.

    Returns
    -------
    dict
        outlet -> ``#RRGGBB``. Pinned outlets get their pinned colour; the others get the
        palette's outlet colours in turn, in alphabetical order of all the story's outlets (so a
        subset keeps the colours of the whole). A story of more than eight outlets has no
        colour per outlet (eight is as many as the eye tells apart): the highlighted outlets
        get the palette's colours in turn and the rest :data:`outlet_other` grey.
    """
    wanted = list(dict.fromkeys(outlets))
    pins = read_story_palette(_story_folder(story)) if story is not None else {}
    known = _story_outlets(story) if story is not None else []
    order = sorted(set(known) | set(wanted) - set(pins)) if known else sorted(set(wanted))
    order = [o for o in order if o not in pins]
    free = [h for h in _outlet_hexes() if h.upper() not in {p.upper() for p in pins.values()}]
    free = free or _outlet_hexes()
    if len(order) + len(pins) > MAX_OUTLET_COLORS:
        grey = color("outlet_other")
        lit = [o for o in dict.fromkeys(highlight or []) if o not in pins]
        assigned = {o: grey for o in order}
        assigned.update({o: free[i % len(free)] for i, o in enumerate(lit)})
        assigned.update({o: grey for o in wanted if o not in assigned and o not in pins})
    else:
        assigned = {o: free[i % len(free)] for i, o in enumerate(order)}
    assigned.update(pins)
    return {o: assigned[o] for o in wanted}


def many_outlets(story=None) -> bool:
    """True when the story has more outlets than distinct colours (figures then highlight)."""
    return len(_story_outlets(story)) > MAX_OUTLET_COLORS if story is not None else False


# --------------------------------------------------------------------------- outlet labels


#: The manifest columns outlet labels are made from (see :func:`_label_key`).
_LABEL_COLUMNS = ("file", "outlet", "kind", "short_name", "wire_agency")
_LABEL_MEMO: dict[tuple, dict[str, str]] = {}


def _label_key(story, what: str) -> tuple | None:
    """What the labels of ``story`` are made from: the manifest columns they read, cell by
    cell (a few dozen values; working the labels out again takes two group-bys)."""
    articles = getattr(story, "articles", None)
    if not isinstance(articles, pd.DataFrame):
        return None
    columns = tuple(c for c in _LABEL_COLUMNS if c in articles)
    return (what, columns) + tuple(tuple(map(repr, articles[c].tolist())) for c in columns)


def _memo_labels(story, what: str, make) -> dict[str, str]:
    key = _label_key(story, what)
    if key is None:
        return make(story)
    if key not in _LABEL_MEMO:
        if len(_LABEL_MEMO) > 64:
            _LABEL_MEMO.clear()
        _LABEL_MEMO[key] = make(story)
    return dict(_LABEL_MEMO[key])


def outlet_labels(story=None) -> dict[str, str]:
    """outlet -> the label every figure draws for it (see
    :func:`analysis.story.labels.outlet_labels`): the manifest's ``short_name`` or the name
    shortened, with the wire agency in brackets (``"Fox News (AP)"``)."""
    return _memo_labels(story, "labels", _labels.outlet_labels)


def wire_agencies(story=None) -> dict[str, str]:
    """outlet -> the wire agency whose copy it ran (:func:`analysis.story.labels.wire_agencies`)."""
    return _memo_labels(story, "wires", _labels.wire_agencies)


def outlet_label(outlet: str, story=None) -> str:
    """The label of one outlet (see :func:`outlet_labels`); the name itself when unknown."""
    return outlet_labels(story).get(outlet, outlet)


# --------------------------------------------------------------------------- figures


def new_figure(
    width: str = "column", height: float | None = None, nrows: int = 1, ncols: int = 1, **subplots
) -> tuple[Figure, Any]:
    """A styled figure and its axes.

    Parameters
    ----------
    width : ``"column"`` (3.5 in) or ``"page"`` (7 in)
        The printed width.
    height : float, optional
        Height of the plotting area in inches (default 2.4 for a column, 3.2 for a page);
        :func:`finish` adds room for the title and the source line.
    nrows, ncols, **subplots
        Passed to :meth:`Figure.subplots` (``ax`` is then an array, as with ``plt.subplots``).
    """
    if width not in WIDTHS:
        raise ValueError(f"width must be one of {', '.join(WIDTHS)}, not {width!r}")
    apply_style()
    h = HEIGHTS[width] if height is None else float(height)
    # A plain Figure (not pyplot's), so a notebook shows it only when asked and figures made
    # in a loop are freed with their last reference.
    fig = Figure(figsize=(WIDTHS[width], h), layout="constrained")
    ax = fig.subplots(nrows, ncols, **subplots)
    return fig, ax


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in points, set in the style's font at ``size`` points.

    The sum of the characters' advance widths, read once per character from the font file
    (FreeType, as the renderer lays text out, without hinting or kerning) and cached: a
    wrap decision costs microseconds, where building glyph outlines cost tens of ms."""
    if not text:
        return 0.0
    table = _advances(weight, tuple(matplotlib.rcParams["font.family"]))
    total = 0.0
    for char in str(text):
        advance = table.get(char)
        if advance is None:
            advance = table[char] = _advance(
                char, weight, tuple(matplotlib.rcParams["font.family"])
            )
        total += advance
    return total * float(size)


@lru_cache(maxsize=16)
def _font_file(family: tuple, weight: str) -> str:
    from matplotlib.font_manager import FontProperties, findfont

    return findfont(FontProperties(family=list(family), weight=weight))


@lru_cache(maxsize=16)
def _advances(weight: str, family: tuple) -> dict[str, float]:
    """The per-font width table: character -> advance width at 1 point (filled as used)."""
    return {}


def _advance(char: str, weight: str, family: tuple) -> float:
    from matplotlib import ft2font
    from matplotlib.font_manager import get_font

    flags = getattr(getattr(ft2font, "LoadFlags", None), "NO_HINTING", None)
    if flags is None:  # matplotlib before 3.10
        flags = ft2font.LOAD_NO_HINTING  # type: ignore[attr-defined]
    font = get_font(_font_file(family, weight))
    font.set_size(1000, 72)  # 72 dpi: one pixel is one point
    try:
        with warnings.catch_warnings():  # "Glyph 27 missing": the drawing says so, if drawn
            warnings.simplefilter("ignore")
            glyph = font.load_char(ord(char), flags=flags)
    except RuntimeError:  # a character FreeType cannot load (a stray control character)
        return 0.0 if char == "?" else _advance("?", weight, family)
    return glyph.linearHoriAdvance / 65536 / 1000


def _wrap(text: str, width_in: float, size: float, weight: str) -> list[str]:
    """Greedy word wrap of ``text`` to ``width_in`` inches (less the margins), measured."""
    # 4% to spare: screens hint glyphs to whole pixels, which widens text a little.
    room = (width_in - 2 * _MARGIN_IN) * 72 * 0.96
    lines: list[str] = []
    for part in str(text).splitlines() or [""]:
        current = ""
        for word in part.split():
            trial = f"{current} {word}" if current else word
            if current and text_width(trial, size, weight) > room:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
    return lines


def finish(fig: Figure, title: str, source: str, subtitle: str | None = None) -> Figure:
    """Add the title (which states the finding) and the source line to ``fig``.

    The figure grows taller by the room the title, subtitle and source line need, so the
    plotting area keeps its size; text is wrapped to the figure's width. Calling it again
    replaces the title and source line.

    Parameters
    ----------
    title : str
        The finding, as a sentence ("LBC quotes Moore the most").
    source : str
        The source line (see :func:`source_line`).
    subtitle : str, optional
        One line on what is shown (units, what a bar is).
    """
    for artist in list(fig.texts):
        if artist.get_gid() in {"workbook-title", "workbook-subtitle", "workbook-source"}:
            artist.remove()
    width, height = fig.get_size_inches()
    base_height = getattr(fig, "_workbook_base_height", height)
    fig._workbook_base_height = base_height  # type: ignore[attr-defined]
    title_lines = _wrap(title, width, TITLE_SIZE, "bold")
    sub_lines = _wrap(subtitle, width, TITLE_SIZE - 1, "normal") if subtitle else []
    for option in getattr(source, "variants", ()) or (source,):
        source_lines = _wrap(option, width, SOURCE_SIZE, "normal")
        if len(source_lines) <= SOURCE_LINES:
            break
    top_in = (
        len(title_lines) * TITLE_SIZE + len(sub_lines) * (TITLE_SIZE - 1)
    ) * _LINE_HEIGHT / 72 + 2 * _MARGIN_IN
    bottom_in = len(source_lines) * SOURCE_SIZE * _LINE_HEIGHT / 72 + 2 * _MARGIN_IN
    total = base_height + top_in + bottom_in
    fig.set_size_inches(width, total)
    x = _MARGIN_IN / width
    y = 1 - _MARGIN_IN / total
    fig.text(
        x,
        y,
        "\n".join(title_lines),
        ha="left",
        va="top",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=color("ink"),
        linespacing=_LINE_HEIGHT,
        gid="workbook-title",
    )
    if sub_lines:
        y -= len(title_lines) * TITLE_SIZE * _LINE_HEIGHT / 72 / total
        fig.text(
            x,
            y,
            "\n".join(sub_lines),
            ha="left",
            va="top",
            fontsize=TITLE_SIZE - 1,
            color=color("ink"),
            linespacing=_LINE_HEIGHT,
            gid="workbook-subtitle",
        )
    fig.text(
        x,
        _MARGIN_IN / total,
        "\n".join(source_lines),
        ha="left",
        va="bottom",
        fontsize=SOURCE_SIZE,
        color=color("muted"),
        linespacing=_LINE_HEIGHT,
        gid="workbook-source",
    )
    rect = (0, bottom_in / total, 1, base_height / total)
    engine = fig.get_layout_engine()
    if engine is not None and engine.__class__.__name__ == "TightLayoutEngine":
        fig.set_layout_engine("tight", rect=(rect[0], rect[1], 1, rect[1] + rect[3]))
    else:
        fig.set_layout_engine(
            "constrained",
            rect=rect,
            h_pad=matplotlib.rcParams["figure.constrained_layout.h_pad"],
            w_pad=matplotlib.rcParams["figure.constrained_layout.w_pad"],
        )
    return fig


def _format_day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts.strftime('%B %Y')}"


def date_range(published: Iterable) -> str:
    """The publication dates as words: ``"19 July 2023"``, ``"19-21 July 2023"``,
    ``"30 June to 2 July 2023"``; ``""`` when no date is known. Dates are the local dates
    written in the manifest (its offsets are kept, not converted)."""
    days = sorted({str(v)[:10] for v in published if isinstance(v, str) and len(v) >= 10})
    if not days:
        return ""
    first, last = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    if first == last:
        return _format_day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last.strftime('%B %Y')}"
    if first.year == last.year:
        return f"{first.day} {first.strftime('%B')} to {_format_day(last)}"
    return f"{_format_day(first)} to {_format_day(last)}"


def story_name(folder: str | Path) -> str:
    """The story's name: the folder's name (``seeds``), or the first heading of its
    ``README.md`` when that heading is a title of its own rather than the folder's name."""
    folder = Path(folder).resolve()
    readme = folder / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                heading = line[2:].strip()
                if heading and not heading.lower().startswith(folder.name.lower()):
                    return heading
                break
    return folder.name


def heatmap_axes(ax, columns, rows, column_labels: "ColumnLabels | None" = None) -> None:
    """The axes of a grid of cells (a heat map or matrix): column labels on top, row labels
    on the left, no ticks, no grid, no left and bottom spines. ``column_labels`` (from
    :func:`fit_column_labels`) wraps or turns the column labels so they never overprint."""
    if column_labels is None:
        ax.set_xticks(range(len(columns)), columns)
    else:
        ax.set_xticks(
            range(len(columns)),
            column_labels.labels,
            rotation=column_labels.rotation,
            ha="center" if column_labels.rotation == 0 else "center",
            va="bottom",
            rotation_mode="default",
        )
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


#: Plot-area height per outlet row (inches): roomy for a few outlets, tighter for many.
def rows_height(n: int, few: float = 0.4, many: float = 0.19, base: float = 0.5) -> float:
    """Height of a plotting area with one row per outlet (or article): ``base`` plus
    ``few`` inches a row up to four rows, ``many`` after, so 30 outlets still fit a page."""
    n = max(int(n), 1)
    return base + (few * n if n <= 4 else few * 4 + many * (n - 4))


@dataclass
class ColumnLabels:
    """Column labels fitted to their columns: the label texts (wrapped with newlines), their
    rotation (0 or 90 degrees) and the height they take (inches)."""

    labels: list[str]
    rotation: int
    height_in: float


def wrap_words(
    text: str, width_pt: float, size: float, lines: int = 3, weight: str = "normal"
) -> list[str] | None:
    """``text`` wrapped to ``width_pt`` points at ``size``; None when it needs more than
    ``lines`` lines or a single word is wider than the column."""
    out: list[str] = []
    current = ""
    for word in str(text).split():
        if text_width(word, size, weight) > width_pt:
            return None
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, weight) > width_pt:
            out.append(current)
            current = word
        else:
            current = trial
    out.append(current)
    return out if len(out) <= lines else None


def fit_column_labels(
    labels, column_in: float, size: float = 7.0, max_chars: int = 36
) -> ColumnLabels:
    """Column labels that never overprint: horizontal when each fits its column (wrapped to
    at most three lines), else turned 90 degrees (and cut to ``max_chars`` with "…")."""
    labels = [str(v) for v in labels]
    room = column_in * 72 * 0.92
    wrapped = [wrap_words(v, room, size) for v in labels]
    line_in = size * 1.2 / 72
    if all(w is not None for w in wrapped):
        deepest = max((len(w) for w in wrapped), default=1)  # type: ignore[arg-type]
        return ColumnLabels(["\n".join(w) for w in wrapped], 0, deepest * line_in + 0.08)  # type: ignore[arg-type]
    cut = [v if len(v) <= max_chars else v[: max_chars - 1].rstrip() + "…" for v in labels]
    longest = max((text_width(v, size) for v in cut), default=0.0)
    return ColumnLabels(cut, 90, longest / 72 + 0.08)


def label_width_in(labels, size: float = 7.0) -> float:
    """Width in inches of the widest label at ``size`` points."""
    return max((text_width(str(v), size) for v in labels), default=0.0) / 72


def grid_figure(
    width: str, rows, columns, row_in: float = 0.2, size: float = 7.0, extra_in: float = 0.0
):
    """A figure for a grid of cells whose plotting area grows with its rows and whose column
    labels fit their columns: ``(fig, ax, column_labels, column_in)``, with ``column_in`` the
    width of one column in inches (see :func:`cell_font_size`). Draw the cells, then call
    :func:`heatmap_axes` with ``column_labels``."""
    page = WIDTHS[width]
    left_in = label_width_in(rows, size) + 0.2
    column_in = max(page - left_in - 0.25, 0.5) / max(len(columns), 1)
    labels = fit_column_labels(columns, column_in, size)
    height = max(len(rows), 1) * row_in + labels.height_in + 0.3 + extra_in
    fig, ax = new_figure(width, height=height)
    return fig, ax, labels, column_in


def cell_font_size(texts, column_in: float, row_in: float, sizes=(6.5, 6.0, 5.5, 5.0)):
    """The largest font size at which every cell text fits its cell, or None (draw the
    cells' colour only, and say so)."""
    texts = [str(t) for t in texts if str(t)]
    for size in sizes:
        lines = max((t.count("\n") + 1 for t in texts), default=1)
        if lines * size * 1.15 > row_in * 72:
            continue
        widest = max((max(text_width(p, size) for p in t.split("\n")) for t in texts), default=0.0)
        if widest <= column_in * 72 * 0.9:
            return size
    return None


def axes_width_in(width: str, row_labels=(), size: float = 7.0) -> float:
    """About how wide the plotting area of a one-axes figure is, in inches, once the row
    labels have taken their room (to fit value labels and legends before drawing)."""
    return max(WIDTHS[width] - label_width_in(row_labels, size) - 0.35, 1.0)


def value_room(texts, axes_in: float, size: float = 6.5) -> float:
    """The share of the x axis to keep free right of the longest bar for its value label."""
    return min((label_width_in(texts, size) + 0.08) / max(axes_in, 0.5), 0.6)


def legend_above(ax, handles, axes_in: float, size: float = 6.0, **kwargs):
    """A legend in a band above the plotting area, left-aligned, in as many columns as fit
    ``axes_in`` inches (so it never runs past the figure's edge)."""
    labels = [h.get_label() for h in handles]
    entry = [(1.5 + 0.8 + 2.0) * size + text_width(t, size) for t in labels]
    room = axes_in * 72
    ncols = len(labels)
    while ncols > 1:
        rows = [entry[i : i + ncols] for i in range(0, len(entry), ncols)]
        widths = [max(r[k] for r in rows if k < len(r)) for k in range(ncols)]
        if sum(widths) <= room:
            break
        ncols -= 1
    return ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        borderaxespad=0,
        ncols=max(ncols, 1),
        fontsize=size,
        **kwargs,
    )


def article_labels(analysis) -> pd.DataFrame:
    """``file, outlet, label`` of the articles compared as coverage (source documents left
    out), in manifest order; ``label`` is the outlet, with the file name added when an outlet
    has several articles."""
    arts = analysis.articles
    arts = coverage_rows(arts)
    arts = arts[["file", "outlet"]].reset_index(drop=True)
    dup = arts["outlet"].duplicated(keep=False)
    short = arts["outlet"].map(outlet_labels(analysis))
    arts["label"] = np.where(dup, short + " · " + arts["file"], short)
    return arts


class SourceLine(str):
    """A source line, with shorter versions (``variants``, longest first) that :func:`finish`
    falls back on so the line never takes more than :data:`SOURCE_LINES` lines."""

    variants: tuple[str, ...] = ()


#: Lines a source line may take.
SOURCE_LINES = 2
#: What one article per outlet can show; in every source line (and the dashboard).
ONE_ARTICLE_NOTE = "one article each: differences are between these articles, not outlets' habits"


def source_line(analysis, method: str | None = None, outlets=None) -> SourceLine:
    """The source line of a figure: outlets, what one article per outlet means, the story,
    its publication dates and the method, from the manifest.

    ``"Source: Fox News, Kyiv Post, LBC, one article each: differences are between these
    articles, not outlets' habits. Story: seeds. Published 19 July 2023 (dates known for 1
    of 3). Sentiment: VADER."`` With many outlets the names give way to their number, then
    the dates and the story go (see :class:`SourceLine`).

    Parameters
    ----------
    method : str, optional
        The method behind the figure, named for a reader (``"Sentiment: VADER"``).
    outlets : list of str, optional
        Only these outlets (a figure that shows some of the story's outlets names only them).
    """
    articles = _labels.coverage_articles(analysis)
    if outlets is not None:
        articles = articles[articles["outlet"].isin(list(outlets))]
    outlets = sorted(articles["outlet"].dropna().unique())
    n = len(articles)
    one_each = n == len(outlets)
    if one_each:
        count = f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
        note = ONE_ARTICLE_NOTE if len(outlets) > 1 else "one article"
    else:
        count = f"{n} articles from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
        note = "differences are between these articles, not outlets' habits"
    labels = outlet_labels(analysis)
    named = ", ".join(labels.get(o, o) for o in outlets)
    story = f"Story: {story_name(analysis.folder)}."
    dates = [
        v
        for v in articles.get("published", pd.Series(dtype=str)).fillna("")
        if isinstance(v, str) and v
    ]
    when = date_range(dates)
    if when:
        known = "" if len(dates) == n else f" (dates known for {len(dates)} of {n})"
        published = f"Published {when}{known}."
    else:
        published = "Publication dates not in the manifest."
    tail = f" {method.rstrip('.')}." if method else ""
    if one_each and len(outlets) > 1:
        heads = [
            f"Source: {named}, {note}.",
            f"Source: {named}, one article each.",
            f"Source: {count}, {note}.",
            f"Source: {count}, one article each.",
        ]
    elif one_each:
        heads = [f"Source: {named}, one article.", f"Source: {count}, one article."]
    else:
        heads = [
            f"Source: {named} ({count}); {note}.",
            f"Source: {count}; {note}.",
            f"Source: {count}.",
        ]
    variants = []
    for head in heads:
        variants.append(f"{head} {story} {published}{tail}")
    variants.append(f"{heads[-1]} {published}{tail}")
    variants.append(f"{heads[-1]}{tail}")
    line = SourceLine(variants[0])
    line.variants = tuple(variants)
    return line


# --------------------------------------------------------------------------- saving


def figure_data(data) -> pd.DataFrame:
    """The table a figure's CSV holds: ``data`` as a DataFrame, with a meaningful index (not
    0..n-1) turned into columns."""
    if isinstance(data, pd.Series):
        data = data.to_frame(name=data.name if data.name is not None else "value")
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"figure data must be a pandas DataFrame, not {type(data).__name__}")
    index = data.index
    plain = (
        isinstance(index, pd.RangeIndex)
        and index.start == 0
        and index.step == 1
        and index.name is None
    )
    if not plain:
        data = data.reset_index()
    return data


def write_csv(data: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as the workbook writes every CSV: UTF-8, ``\\n`` line ends, no index,
    floats with :data:`CSV_FLOAT_FORMAT`, cells a spreadsheet would run as formulas
    neutralised, atomically (:func:`analysis.writing.write_csv`). The same table gives the
    same bytes."""
    return writing.write_csv(data, path, float_format=CSV_FLOAT_FORMAT)


def save_figure(fig: Figure, name: str, data, out_dir: str | Path) -> dict[str, Path]:
    """Write ``name.png`` (300 dpi), ``name.svg``, ``name.pdf`` and ``name.csv`` (the plotted
    data) to ``out_dir``, byte for byte the same on every run.

    Parameters
    ----------
    fig : Figure
        The finished figure (see :func:`finish`).
    name : str
        What the figure shows, lower case with hyphens (``sentiment-by-outlet``); never a number.
    data : DataFrame
        Exactly the data plotted; a non-default index is written as columns.
    out_dir : path
        The folder (created if needed).

    Returns
    -------
    dict
        ``{"png": path, "svg": path, "pdf": path, "csv": path}``.
    """
    if not _NAME.match(name) or _NUMBERED.match(name):
        raise ValueError(
            f"figure name {name!r}: use lower case words joined by hyphens, "
            "named for what the figure shows"
        )
    table = figure_data(data)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{name}.{ext}" for ext in ("png", "svg", "pdf", "csv")}
    with matplotlib.rc_context(_REPEATABLE_RC), _lean_pdf_fonts(), _shared_text_work():  # type: ignore[arg-type]
        with _layout_solved_once(fig) as unset:
            with writing.atomic_path(paths["png"]) as tmp, _plain_png():
                fig.savefig(
                    tmp,
                    format="png",
                    metadata=_METADATA["png"],
                    dpi=PNG_DPI,
                    pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL},
                )
            for ext in ("svg", "pdf"):
                unset()
                with writing.atomic_path(paths[ext]) as tmp:
                    fig.savefig(tmp, format=ext, metadata=_METADATA[ext])
                    if ext == "svg":
                        _renumber_svg_ids(tmp)
    write_csv(table, paths["csv"])
    return paths


#: zlib level of the PNGs (:func:`_write_png`): 3 writes them in under half the time of level 6
#: (0.06 against 0.13 s for the dashboard), for files a third larger, about as large as the
#: files Pillow wrote at level 3 with its row filters (the pixels are the same).
PNG_COMPRESS_LEVEL = 3


@contextmanager
def _plain_png():
    """While saving a PNG: the picture matplotlib has drawn is written by :func:`_write_png`
    instead of Pillow. The same pixels, chunks and resolution; Pillow picks one of PNG's five
    row filters for every row by trying them all, which took half the time of writing a PNG
    (the files come out about as large with no filter)."""
    from matplotlib import image as mimage

    original = mimage.imsave

    def imsave(fname, arr, **kwargs):
        plain = (
            kwargs.get("format") == "png"
            and kwargs.get("origin") == "upper"
            and kwargs.get("metadata") == _METADATA["png"]
            and kwargs.get("pil_kwargs") == {"compress_level": PNG_COMPRESS_LEVEL}
            and set(kwargs) <= {"format", "origin", "dpi", "metadata", "pil_kwargs"}
        )
        rgba = np.asarray(arr)
        if not plain or rgba.dtype != np.uint8 or rgba.ndim != 3 or rgba.shape[2] != 4:
            return original(fname, arr, **kwargs)
        data = _write_png(rgba, float(kwargs.get("dpi", 100)), PNG_COMPRESS_LEVEL)
        if hasattr(fname, "write"):
            fname.write(data)
        else:
            with open(fname, "wb") as f:
                f.write(data)

    mimage.imsave = imsave
    try:
        yield
    finally:
        mimage.imsave = original


def _write_png(rgba: np.ndarray, dpi: float, level: int) -> bytes:
    """An RGBA picture (rows top to bottom) as PNG bytes: 8 bits a channel, no row filter,
    zlib at ``level``, and the resolution (``pHYs``, pixels per metre rounded as Pillow
    rounds them) as Pillow writes it for matplotlib; no other chunk."""
    import struct
    import zlib

    height, width = rgba.shape[:2]
    rows = np.empty((height, width * 4 + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) on every row
    rows[:, 1:] = rgba.reshape(height, width * 4)
    per_metre = int(dpi / 0.0254 + 0.5)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
            chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            chunk(b"IDAT", zlib.compress(rows.data, level)),
            chunk(b"IEND", b""),
        ]
    )


@contextmanager
def _layout_solved_once(fig: Figure):
    """While saving ``fig`` in its three formats: its layout (constrained) is solved once, in
    the PNG's own drawing, and the SVG and PDF keep those positions.

    Matplotlib's ``savefig`` draws a figure that has a layout engine twice (once, drawing
    nothing, to solve the layout; then for real), and would do so for each format. Here the
    engine is taken off the figure while saving, and the figure's first drawing (the PNG's,
    with the PNG's renderer at 300 dpi, as matplotlib's own first pass would use) runs it
    before drawing: one drawing per format, the same positions, the same files. Call the
    context's value before each later ``savefig``."""
    engine = fig.get_layout_engine()
    if engine is None or not hasattr(fig, "_layout_engine"):
        yield lambda: None
        return
    pending = [engine]

    def unset() -> None:
        # savefig puts back "the layout engine it found", and None there means the style's
        # default engine (a new constrained layout, with default padding): take it off again.
        fig._layout_engine = None

    def draw(renderer):
        if pending:
            try:
                pending.pop().execute(fig)
            except ValueError:  # as Figure.draw: a layout that cannot be solved is left
                pass
        return Figure.draw(fig, renderer)

    unset()  # matplotlib's own attribute: there is no public way to take an engine off
    fig.draw = draw  # type: ignore[method-assign]
    try:
        yield unset
    finally:
        del fig.draw
        fig._layout_engine = engine


#: Font tables left out of the fonts embedded in PDFs: OpenType layout (substitution and
#: positioning) and kerning. A PDF places every glyph itself (matplotlib has already applied
#: kerning), so viewers never read them; parsing them was most of the time of saving a PDF.
PDF_DROPPED_FONT_TABLES = ("GSUB", "GPOS", "GDEF", "kern")
#: Characters whose glyphs every embedded font subset holds, whether a figure uses them or not:
#: printable ASCII, the typographic marks the figures use and the ligatures text shaping
#: puts in. Most figures then need the same subset of each font, made once per process and
#: reused (a subset costs tens of milliseconds; a PDF grows by about 20 KB).
PDF_SUBSET_CHARS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00b0\u00b1\u00b7\u00d7"  # no-break space ° ± · ×
    + "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"  # – — ‘ ’ “ ” • …
    + "\u2032\u2212\u2264\u2265\u2248"  # ′ − ≤ ≥ ≈
    + "\ufb00\ufb01\ufb02\ufb03\ufb04"  # the ligatures ff fi fl ffi ffl (text is shaped)
)
_SUBSETS: dict[tuple, tuple[bytes, dict]] = {}


class _SubsetFont:
    """A subset font already written out, as matplotlib's PDF backend uses one (it only saves
    it to a file and closes it)."""

    def __init__(self, data: bytes):
        self.data = data

    def save(self, file, reorderTables=True) -> None:  # noqa: N803 - fontTools' name
        file.write(self.data)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


@lru_cache(maxsize=16)
def _subset_base(fontfile: str, face: int) -> frozenset:
    from matplotlib.font_manager import get_font

    font = get_font(fontfile)
    glyphs = {font.get_char_index(ord(c)) for c in PDF_SUBSET_CHARS}
    glyphs.discard(0)
    return frozenset(glyphs)


def prepare_saving() -> None:
    """Load what saving figures needs (the PNG, SVG and PDF writers, the font subsetter) and
    make the embedded-font subsets of the style's fonts, so that processes forked from this
    one to draw figures find them ready instead of each doing it again."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    from matplotlib.backends import _backend_pdf_ps
    from matplotlib.font_manager import FontPath
    from PIL import PngImagePlugin  # noqa: F401

    apply_style()
    with matplotlib.rc_context(_REPEATABLE_RC), _lean_pdf_fonts():  # type: ignore[arg-type]
        for weight in ("normal", "bold"):
            path = _font_file(tuple(matplotlib.rcParams["font.family"]), weight)
            with _backend_pdf_ps.get_glyphs_subset(FontPath(path, 0), set()):
                pass


@contextmanager
def _lean_pdf_fonts():
    """While saving: the fonts embedded in PDFs (TrueType, subset with fontTools by
    matplotlib's PDF backend) leave out :data:`PDF_DROPPED_FONT_TABLES`, hold at least the
    glyphs of :data:`PDF_SUBSET_CHARS`, and a subset already made in this process is reused."""
    try:
        from fontTools import subset
        from matplotlib.backends import _backend_pdf_ps
    except ImportError:  # pragma: no cover - matplotlib requires fontTools
        yield
        return
    original = subset.Options.__init__
    make_subset = _backend_pdf_ps.get_glyphs_subset

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.drop_tables = list(self.drop_tables) + [
            t for t in PDF_DROPPED_FONT_TABLES if t not in self.drop_tables
        ]

    def cached_subset(fontfile, glyphs):
        face = getattr(fontfile, "face_index", 0)
        wanted = frozenset(glyphs) | _subset_base(str(fontfile), face)
        key = (str(fontfile), face, wanted)
        made = _SUBSETS.get(key)
        if made is None:
            with make_subset(fontfile, set(wanted)) as result:
                made = (
                    _backend_pdf_ps.font_as_file(result.font).getvalue(),
                    dict(result.glyph_index_map),
                )
            _SUBSETS[key] = made
        return _backend_pdf_ps.SubsetResults(_SubsetFont(made[0]), made[1])._as_cm()

    subset.Options.__init__ = init
    _backend_pdf_ps.get_glyphs_subset = cached_subset
    try:
        yield
    finally:
        subset.Options.__init__ = original
        _backend_pdf_ps.get_glyphs_subset = make_subset


#: Text measurements kept from one saved figure to the next in this process (see
#: :func:`_shared_text_work`): the renderers' text sizes, the fonts' line heights and the
#: glyph positions text shaping gives a string. Each key holds everything the value depends on.
_TEXT_SIZES: dict[tuple, tuple] = {}
_LINE_HEIGHTS: dict[tuple, tuple] = {}
_SHAPED: dict[tuple, Any] = {}
_GLYPHS: dict[tuple, tuple] = {}
_GLYPH_IDS: dict[tuple, str] = {}
#: The rc parameters the measurements depend on (fonts, hinting, the backends' text options).
_TEXT_RC_PREFIXES = ("font.", "text.", "mathtext.", "pdf.", "ps.", "svg.")


@contextmanager
def _shared_text_work():
    """While saving: what matplotlib works out about text again for every figure and format is
    worked out once per process and reused, the same numbers to the last bit.

    - A text's size (width, height, descent): matplotlib caches it per renderer, so each of the
      three formats of each figure measures every label again. Here the cache is per kind of
      renderer (Agg at its dpi, SVG, PDF) and the fonts' settings, which is all a size depends
      on (:meth:`get_text_width_height_descent` of those renderers reads nothing else).
    - A font's ascent, descent and line gap, which ``Text._get_layout`` looks up (the font,
      then two of its tables) each time a text is measured or drawn: kept per font properties
      and dpi, computed as matplotlib computes them.
    - A string's shaping (``FT2Font._layout``, libraqm: glyphs and their positions): kept per
      font object, size and dpi (as last set on it), string and options.
    - Glyph outlines (SVG) and glyph positions (PDF) without loading every glyph of every text
      into FreeType: the SVG loads a glyph only for an outline it has not written yet (as it
      reads no other), the PDF none (it reads only positions); glyph ids made once.
    - A glyph's bitmap in the PNG (:func:`_draw_glyphs`): kept per font, size, dpi, glyph,
      transformation and position within its pixel (FreeType renders a glyph moved by whole
      pixels to the same bitmap, moved).

    Nothing is reused across changes of the rc parameters text depends on; a renderer of
    another kind (a backend other than Agg, SVG and PDF, or TeX and math text) is left as it
    is."""
    try:
        from matplotlib import font_manager
        from matplotlib import text as mtext
        from matplotlib.backends import backend_pdf
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.backends.backend_mixed import MixedModeRenderer
        from matplotlib.backends.backend_pdf import RendererPdf
        from matplotlib.backends.backend_svg import RendererSVG
        from matplotlib.ft2font import FT2Font, LoadFlags
        from matplotlib.textpath import TextToPath
    except ImportError:  # pragma: no cover - the pinned matplotlib has them all
        yield
        return
    rc = matplotlib.rcParams
    settings = tuple((k, repr(rc[k])) for k in sorted(rc) if k.startswith(_TEXT_RC_PREFIXES))
    measure = mtext._get_text_metrics_with_cache
    shape = FT2Font._layout
    set_size = FT2Font.set_size
    sizes: dict[int, tuple] = {}  # id(font) -> (font, size, dpi): the font is kept alive

    def kind_of(renderer):
        inner = renderer._renderer if isinstance(renderer, MixedModeRenderer) else renderer
        kind = type(inner)
        if kind is RendererAgg:
            return (kind, inner.dpi)
        if kind is RendererSVG or kind is RendererPdf:
            return (kind, None)
        return None

    def text_size(renderer, text, fontprop, ismath, dpi):
        kind = kind_of(renderer) if ismath is False else None
        if kind is None:
            return measure(renderer, text, fontprop, ismath, dpi)
        key = (kind, text, fontprop.copy(), dpi, settings)
        found = _TEXT_SIZES.get(key)
        if found is None:
            found = _TEXT_SIZES[key] = measure(renderer, text, fontprop, ismath, dpi)
        return found

    def line_heights(prop, dpi):
        # Text._get_layout's own lines, for a renderer that gives no metrics of its own.
        key = (prop.copy(), dpi, settings)
        found = _LINE_HEIGHTS.get(key)
        if found is not None:
            return found
        min_ascent = min_descent = line_gap = None
        font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
        possible = [
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ]
        for table_name, linegap_key, ascent_key, descent_key in possible:
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            fontsize = prop.get_size_in_points()
            units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
            scale = 1 / units_per_em * fontsize * dpi / 72
            line_gap = table[linegap_key] * scale
            min_ascent = table[ascent_key] * scale
            min_descent = -table[descent_key] * scale
            break
        found = _LINE_HEIGHTS[key] = (min_ascent, min_descent, line_gap)
        return found

    pdf_heights = RendererPdf._get_font_height_metrics
    pdf_own = "_get_font_height_metrics" in vars(RendererPdf)

    def agg_heights(self, prop):
        return line_heights(prop, self.dpi)

    def vector_heights(self, prop):
        return line_heights(prop, 72)

    def pdf_vector_heights(self, prop):
        if matplotlib.rcParams[self._use_afm_rc_name]:
            return pdf_heights(self, prop)
        return line_heights(prop, 72)

    def sized(self, ptsize, dpi):
        set_size(self, ptsize, dpi)
        sizes[id(self)] = (self, ptsize, dpi)

    def shaped(self, string, flags, features=None, language=None):
        size = sizes.get(id(self))
        if size is None:
            return shape(self, string, flags, features=features, language=language)
        key = (id(self), size[1], size[2], string, flags, features, language, settings)
        found = _SHAPED.get(key)
        if found is None:
            found = _SHAPED[key] = (
                size[0],
                tuple(shape(self, string, flags, features=features, language=language)),
            )
        return list(found[1])

    draw_glyphs = RendererAgg._draw_text_glyphs_and_boxes
    pdf_helpers = backend_pdf._text_helpers
    glyph_outlines = TextToPath.get_glyphs_with_font
    glyph_repr = TextToPath._get_glyph_repr

    def positions_only(string, font, *, features=None, language=None):
        # _text_helpers.layout without its load_glyph, which the PDF's draw_text never reads.
        return iter(
            font._layout(string, LoadFlags.NO_HINTING, features=features, language=language)
        )

    def glyph_id(self, font, glyph):
        key = (font, glyph)
        found = _GLYPH_IDS.get(key)
        if found is None:
            found = _GLYPH_IDS[key] = glyph_repr(self, font, glyph)
        return found

    def outlines(
        self, font, s, glyph_map=None, return_new_glyphs_only=False, *, features=None, language=None
    ):
        # TextToPath.get_glyphs_with_font, loading a glyph only for an outline it reads.
        if glyph_map is None:
            glyph_map = OrderedDict()
        if return_new_glyphs_only:
            glyph_map_new = OrderedDict()
        else:
            glyph_map_new = glyph_map
        xpositions = []
        ypositions = []
        glyph_reprs = []
        for item in font._layout(s, LoadFlags.NO_HINTING, features=features, language=language):
            glyph_repr_ = self._get_glyph_repr(item.ft_object, item.glyph_index)
            glyph_reprs.append(glyph_repr_)
            xpositions.append(item.x)
            ypositions.append(item.y)
            if glyph_repr_ not in glyph_map:
                item.ft_object.load_glyph(item.glyph_index, flags=LoadFlags.NO_HINTING)
                glyph_map_new[glyph_repr_] = item.ft_object.get_path()
        sizes = [1.0] * len(xpositions)
        rects: list = []
        return (list(zip(glyph_reprs, xpositions, ypositions, sizes)), glyph_map_new, rects)

    mtext._get_text_metrics_with_cache = text_size
    RendererAgg._draw_text_glyphs_and_boxes = _draw_glyphs
    backend_pdf._text_helpers = SimpleNamespace(layout=positions_only)
    TextToPath.get_glyphs_with_font = outlines
    TextToPath._get_glyph_repr = glyph_id
    RendererAgg._get_font_height_metrics = agg_heights
    RendererSVG._get_font_height_metrics = vector_heights
    RendererPdf._get_font_height_metrics = pdf_vector_heights
    FT2Font.set_size = sized
    FT2Font._layout = shaped
    try:
        yield
    finally:
        mtext._get_text_metrics_with_cache = measure
        RendererAgg._draw_text_glyphs_and_boxes = draw_glyphs
        backend_pdf._text_helpers = pdf_helpers
        TextToPath.get_glyphs_with_font = glyph_outlines
        TextToPath._get_glyph_repr = glyph_repr
        del RendererAgg._get_font_height_metrics
        del RendererSVG._get_font_height_metrics
        if pdf_own:
            RendererPdf._get_font_height_metrics = pdf_heights
        else:
            del RendererPdf._get_font_height_metrics
        FT2Font.set_size = set_size
        FT2Font._layout = shape


def _draw_glyphs(self, gc, x, y, angle, glyphs, boxes):
    """``RendererAgg._draw_text_glyphs_and_boxes`` of matplotlib 3.11.2 (text in the PNG), with
    each glyph's bitmap rendered once per font, size, dpi, glyph, transformation and position
    within its pixel, and the glyph matrix worked out once per text. FreeType moves a glyph by
    the whole pixels of its position after rendering it at the fraction, so a bitmap rendered
    at ``position & 63`` (1/64 pixel) and moved by ``position >> 6`` pixels is the bitmap
    rendered at ``position``; each font is left as matplotlib's loop leaves it (the size and
    transformation of its last glyph)."""
    import math

    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.ft2font import RenderMode
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Affine2D

    # y is downwards.
    cos = math.cos(math.radians(angle))
    sin = math.sin(math.radians(angle))
    load_flags = get_hinting_flag()
    antialiased = gc.get_antialiased()
    mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
    matrices: dict[tuple, Any] = {}
    last: dict[Any, tuple] = {}  # font -> (size, matrix, delta) of its last glyph, if cached
    for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards.
        matrix = matrices.get((slant, extend))
        if matrix is None:
            matrix = matrices[(slant, extend)] = (
                (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]])
                .round()
                .astype(int)
            )
        # FreeType's y is upwards.
        delta = [
            round(0x40 * (x + dx * cos - dy * sin)),
            round(0x40 * (self.height - y + dx * sin + dy * cos)),
        ]
        key = (
            font,
            size,
            self.dpi,
            glyph_index,
            matrix.tobytes(),
            delta[0] & 63,
            delta[1] & 63,
            load_flags,
            mode,
        )
        found = _GLYPHS.get(key)
        if found is None:
            font.set_size(size, self.dpi)
            font._set_transform(matrix, [delta[0] & 63, delta[1] & 63])
            bitmap = font._render_glyph(glyph_index, load_flags, mode)
            buffer = np.array(bitmap.buffer, copy=True)
            if not antialiased:
                buffer *= 0xFF
            found = _GLYPHS[key] = (buffer, bitmap.left, bitmap.top)
        last[font] = (size, matrix, delta)
        buffer, left, top = found
        # draw_text_image's y is downwards & the bitmap bottom side.
        self._renderer.draw_text_image(
            buffer,
            left + (delta[0] >> 6),
            int(self.height) - (top + (delta[1] >> 6)) + buffer.shape[0],
            0,
            gc,
        )
    for font, (size, matrix, delta) in last.items():
        font.set_size(size, self.dpi)
        font._set_transform(matrix, delta)

    rgba = gc.get_rgb()
    if len(rgba) == 3 or gc.get_forced_alpha():
        rgba = rgba[:3] + (gc.get_alpha(),)
    gc1 = self.new_gc()
    gc1.set_linewidth(0)
    gc1.set_snap(gc.get_snap())
    for dx, dy, w, h in boxes:  # dy is upwards.
        if gc1.get_snap() in [None, True]:
            # Prevent thin bars from disappearing by growing symmetrically.
            if w < 1:
                dx -= (1 - w) / 2
                w = 1
            if h < 1:
                dy -= (1 - h) / 2
                h = 1
        path = MplPath._create_closed([(dx, dy), (dx + w, dy), (dx + w, dy + h), (dx, dy + h)])
        self._renderer.draw_path(
            gc1, path, Affine2D().rotate_deg(angle).translate(x, self.height - y), rgba
        )
    gc1.restore()


_SVG_HASH_ID = re.compile(r"(?<=[\"#])([pmh])([0-9a-f]{10})(?=[\")])")


def _renumber_svg_ids(path: Path) -> None:
    """Give matplotlib's hashed SVG ids (clip paths, markers, hatches) numbers in order of
    first use. The hash covers the clip rectangle's raw floats, whose last bits can differ
    between processes (the layout solver), while the drawing is the same to the pixel."""
    text = path.read_text(encoding="utf-8")
    names: dict[str, str] = {}

    def number(match: re.Match) -> str:
        key = match.group(0)
        if key not in names:
            names[key] = f"{match.group(1)}{len(names) + 1:010d}"
        return names[key]

    path.write_text(_SVG_HASH_ID.sub(number, text), encoding="utf-8", newline="\n")


def close(fig: Figure) -> None:
    """Free a figure made with pyplot (figures from :func:`new_figure` need nothing)."""
    plt.close(fig)


#: The sub-folder of the output folder that figures go to.
FIGURES_SUBDIR = "figures"


class Published:
    """A saved figure as a notebook shows it: the PNG with alt text (the title and subtitle,
    so a screen reader and the HTML page say what the figure shows). Anything else is the
    figure's own (``published.savefig(...)``, ``published.figure``)."""

    def __init__(self, figure: Figure):
        self.figure = figure

    def __getattr__(self, name):
        return getattr(self.figure, name)

    def __repr__(self) -> str:
        return f"<figure: {self.alt_text()}>"

    def alt_text(self) -> str:
        parts = [
            t.get_text()
            for gid in ("workbook-title", "workbook-subtitle")
            for t in self.figure.texts
            if t.get_gid() == gid
        ]
        text = ". ".join(" ".join(p.split()).rstrip(".") for p in parts if p.strip())
        return text + "." if text else "Figure"

    def _repr_html_(self) -> str:
        import base64
        import html as _html
        import io

        buffer = io.BytesIO()
        with matplotlib.rc_context(_REPEATABLE_RC):  # type: ignore[arg-type]
            self.figure.savefig(buffer, format="png", dpi=150, metadata=_METADATA["png"])
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        width = round(self.figure.get_size_inches()[0] * 96)
        return (
            f'<img src="data:image/png;base64,{data}" width="{width}" '
            f'alt="{_html.escape(self.alt_text(), quote=True)}">'
        )


def publish(result, name: str, out=None) -> Published | None:
    """Save a chart function's ``(figure, data)`` into ``<out>/figures/`` and return it for a
    notebook cell to show (with alt text, see :class:`Published`):
    ``figures.publish(charts_x.y(a), "y-by-outlet", out)``.

    ``out`` is the output folder (default :func:`analysis.paths.output_dir`). A chart that
    returns ``None`` (nothing to plot for this story) gives ``None``.
    """
    from analysis.paths import output_dir

    if result is None:
        return None
    fig, data = result[0], result[1]
    save_once(fig, name, data, output_dir(out) / FIGURES_SUBDIR)
    return Published(fig)


#: Set by the report for the notebooks it runs: a file listing the figures the report has
#: just saved (one PNG path a line). :func:`save_once` does not save them again.
REPORT_FIGURES_ENV = "COVERAGE_REPORT_FIGURES"


def save_once(fig: Figure, name: str, data, out_dir: str | Path) -> dict[str, Path]:
    """:func:`save_figure`, unless the report running this notebook has just saved this
    figure (``$COVERAGE_REPORT_FIGURES`` lists it) from the same data (its CSV holds the same
    bytes ``data`` gives): then the files are left as they are (the same chart of the same
    tables gives the same files), and only a notebook's own display is drawn."""
    table = figure_data(data)
    out = Path(out_dir)
    paths = {ext: out / f"{name}.{ext}" for ext in ("png", "svg", "pdf", "csv")}
    listing = os.environ.get(REPORT_FIGURES_ENV, "").strip()
    if listing and _NAME.match(name):
        try:
            saved = set(Path(listing).read_text(encoding="utf-8").splitlines())
            same = (
                str(paths["png"].resolve()) in saved
                and all(p.is_file() for p in paths.values())
                and paths["csv"].read_bytes()
                == writing.to_csv(table, float_format=CSV_FLOAT_FORMAT).encode("utf-8")
            )
        except (OSError, UnicodeDecodeError):
            same = False
        if same:
            return paths
    return save_figure(fig, name, data, out)

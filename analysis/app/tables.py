"""Tables as a notebook shows them: formatted for reading, cut when long, never a raw dump.

:func:`show` turns a table into a pandas ``Styler`` that a notebook cell (and its HTML page)
renders: no row index; the key columns (file, outlet, ...) first; shares as percentages
(``0.205`` -> ``20.5%``), other decimals to two places; blanks for missing values (NaN,
``<NA>``); every column shown (none hidden behind "..."); at most :data:`MAX_ROWS` rows, with a
caption saying how many there are and where the full table is (``tables/<name>.csv`` in the
output folder). File hashes and other columns a reader does not need can be dropped with
``drop``.
"""

from __future__ import annotations

import html
import itertools
import math

import pandas as pd
from pandas.io.formats.style import Styler

#: Rows a notebook shows of a table before it is cut.
MAX_ROWS = 10
#: Columns put first when a table has them, in this order.
KEY_COLUMNS = (
    "outlet",
    "file",
    "article",
    "actor",
    "speaker",
    "frame",
    "layer",
    "item",
    "form",
    "role",
    "stance",
    "status",
    "unit",
    "term",
)
#: Columns left out of every shown table: bookkeeping no reader needs (the CSV keeps them).
HIDDEN_COLUMNS = ("sha256", "hash", "bom", "encoding", "bytes")


def _is_share(name: str) -> bool:
    name = str(name).lower()
    return (
        name.endswith("share")
        or name.endswith("_share")
        or name in {"share", "coverage"}
        or name.endswith("_pct")
    )


def _cell(value, share: bool) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if share:
            return f"{value:.1%}"
        return f"{value:,.2f}"
    return str(value)


def formatted(frame: pd.DataFrame, keys=KEY_COLUMNS, drop=()) -> pd.DataFrame:
    """The table as strings for reading: key columns first, bookkeeping columns out, shares as
    percentages, decimals to two places, missing values blank."""
    frame = frame.drop(columns=[c for c in (*HIDDEN_COLUMNS, *drop) if c in frame])
    first = [c for c in keys if c in frame.columns]
    frame = frame[first + [c for c in frame.columns if c not in first]]
    out = pd.DataFrame(index=range(len(frame)))
    for col in frame.columns:
        share = _is_share(col)
        out[col] = [_cell(v, share) for v in frame[col].astype(object)]
    return out


#: Numbers the tables a process shows, so an executed notebook names its tables' HTML ids the
#: same way each run (pandas draws them at random).
_SHOWN = itertools.count(1)


class Shown(Styler):
    """A pandas ``Styler`` whose plain-text form names the table, not its memory address, so the
    same notebook run twice writes the same bytes."""

    def __repr__(self) -> str:
        rows, cols = self.data.shape
        return f"<table: {rows} rows, {cols} columns>"


def show(
    frame: pd.DataFrame, name: str | None = None, rows: int = MAX_ROWS, keys=KEY_COLUMNS, drop=()
):
    """A formatted table for a notebook cell (a pandas ``Styler``, without the row index).

    Parameters
    ----------
    frame : DataFrame
        The table.
    name : str, optional
        The file the report writes it to, without ``.csv`` (``"removal-counts"``): named in
        the caption when the table is cut.
    rows : int
        Rows shown at most (the first ones).
    keys, drop : list of str
        Columns put first; columns left out.
    """
    total = len(frame)
    shown = formatted(frame.head(rows), keys=keys, drop=drop)
    styler = Shown(shown, uuid=f"table{next(_SHOWN)}").hide(axis="index")
    if total > rows:
        where = f" The full table: tables/{name}.csv in the output folder." if name else ""
        styler = styler.set_caption(html.escape(f"The first {rows} of {total} rows.{where}"))
    elif total == 0:
        styler = styler.set_caption("No rows: nothing to report.")
    styler = styler.set_table_styles(
        [
            {
                "selector": "caption",
                "props": "caption-side: bottom; text-align: left; color: #767676; font-size: 90%;",
            },
            {"selector": "td", "props": "text-align: left; vertical-align: top;"},
        ]
    )
    return styler

"""One reader for every CSV data file: the lexicons and tables the package ships in
``analysis/data/`` and the optional files of a story folder (``themes.csv``, ``furniture.csv``,
``actors.csv``, ``speakers.csv`` ...).

Every file is read the same way: UTF-8 (a byte-order mark from a spreadsheet is dropped), every
cell as text (an empty cell is ``""``, never NaN), column names stripped of spaces, and the
columns the caller needs checked, so a missing column is one ``ValueError`` naming the file and
the columns. A table is kept in memory until its file changes (its modification time or size),
so an edit to a lexicon is seen by the next call, by every module alike.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

#: path -> (stamp, table). The stamp is (modification time in ns, size in bytes).
_CACHE: dict[str, tuple[tuple[int, int], pd.DataFrame]] = {}


def stamp(path: str | os.PathLike) -> tuple[int, int]:
    """``(mtime_ns, size)`` of ``path``: what says the file changed. ``(0, 0)`` when missing."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def read_csv(path: str | os.PathLike, required: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
    """The CSV file ``path`` as a table of text cells (see the module docstring).

    Raises ``ValueError`` naming the file when it is not a readable CSV file or lacks one of
    the ``required`` columns. The table returned is the caller's own copy.
    """
    key = str(Path(path))
    now = stamp(key)
    hit = _CACHE.get(key)
    if hit is None or hit[0] != now:
        try:
            frame = pd.read_csv(key, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (pd.errors.ParserError, UnicodeDecodeError) as err:
            raise ValueError(
                f"{key}: not a readable CSV file ({err}); quote a cell that holds a comma"
            ) from None
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame()
        frame.columns = [str(c).strip() for c in frame.columns]
        _CACHE[key] = hit = (now, frame)
    frame = hit[1]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{key}: missing column(s) {', '.join(missing)} (expected {', '.join(required)})"
        )
    return frame.copy()

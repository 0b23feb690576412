"""Honest comparisons for titles and findings: a difference is named only when it clears a
stated threshold, small numbers are counts, intervals say what they are about.

Each outlet in a story is usually one article, so a figure compares articles, never outlets'
habits, and most numbers are small (20 sentences, 7 verbs, 4 quotes). The rules, used by every
chart title and every finding:

- counts (sentences, quotes, verbs, lines): two outlets differ when they are at least
  :data:`COUNT_GAP` items apart; otherwise they are "about the same";
- readability grades: at least :data:`GRADE_GAP` grade apart;
- counts, grades and shares are compared as the reader sees them (whole numbers, grades to one
  decimal, whole percentages), so two outlets shown with the same number are always on the
  same side of a claim: never "A and B carried the most (24% to 29%)" with C also at 24%;
- means with intervals (sentence sentiment): the intervals do not overlap;
- shares of fewer than :data:`SMALL_N` items are written as counts ("10 of 21 sentences"),
  never as rates or percentages ("100%" for 4 of 4).
"""

from __future__ import annotations

import math
from typing import Iterable

#: Items two outlets must be apart before a title names a difference.
COUNT_GAP = 3
#: Grades two articles must be apart before a title calls one harder to read.
GRADE_GAP = 1.0
#: Below this many items a share is written as a count ("10 of 21 sentences").
SMALL_N = 50
#: What a bootstrap interval of one article's sentences describes.
INTERVAL_NOTE = (
    "line: 95% bootstrap interval of the mean over this article's sentences "
    "(how its sentences vary, not how the outlet writes)"
)


def plural(n: int, unit: str) -> str:
    """``1 sentence``, ``2 sentences`` (a unit ending in ``s`` or ``y`` is handled)."""
    n = int(n)
    if n == 1:
        if unit.endswith("ies"):
            return f"1 {unit[:-3]}y"
        if unit.endswith("s") and not unit.endswith("ss"):
            return f"1 {unit[:-1]}"
        return f"1 {unit}"
    return f"{n} {unit}"


def count_of(k, n, unit: str) -> str:
    """``"10 of 21 sentences"``."""
    return f"{int(k)} of {plural(int(n), unit)}"


def amount(k, n, unit: str) -> str:
    """A part of a whole for a reader: a count below :data:`SMALL_N` items (``"10 of 21
    sentences"``), else a percentage with the count (``"35% (70 of 200 words)"``)."""
    k, n = int(k), int(n)
    if n < SMALL_N:
        return count_of(k, n, unit)
    return f"{100 * k / n:.0f}% ({count_of(k, n, unit)})"


def shown(value, decimals: int = 0) -> float:
    """``value`` as a title or finding prints it (``f"{value:.{decimals}f}"``, read back):
    ``shown(23.96) == 24.0``, ``shown(14.25, 1) == 14.2``. NaN stays NaN."""
    return float(f"{float(value):.{decimals}f}")


def counts_differ(a, b, gap: int = COUNT_GAP) -> bool:
    """Two counts (or mean counts, printed as whole numbers) differ when they are at least
    ``gap`` apart as printed."""
    return abs(shown(a) - shown(b)) >= gap


def grades_differ(a, b, gap: float = GRADE_GAP) -> bool:
    """Two readability grades differ when they are at least ``gap`` apart as printed (one
    decimal)."""
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return False
    return abs(shown(a, 1) - shown(b, 1)) >= gap - 1e-9


def intervals_overlap(low1, high1, low2, high2) -> bool:
    """True when the intervals share a point, or when either is unknown (NaN): then no
    difference may be claimed."""
    values = (low1, high1, low2, high2)
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values):
        return True
    return not (high1 < low2 or high2 < low1)


def join(names: Iterable[str], most: int = 3) -> str:
    """``"A"``, ``"A and B"``, ``"A, B and C"``, ``"A, B, C and 4 others"``."""
    names = list(dict.fromkeys(names))
    if not names:
        return ""
    if len(names) > most + 1:
        return ", ".join(names[:most]) + f" and {len(names) - most} others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def span(low: str, high: str, unit: str = "") -> str:
    """``"10 to 14 words"``, or ``"151 words each"`` when both ends read the same (never
    ``"151 to 151"``). ``low`` and ``high`` are already formatted; ``unit`` follows them as
    written (with its leading space or ``%``)."""
    return f"{low}{unit} each" if low == high else f"{low} to {high}{unit}"


def shares_of_each(low: str, high: str, what: str) -> str:
    """``"10% to 14% of their body words"``, or ``"20% of the body words of each"`` when both
    ends read the same."""
    return f"{low} of the {what} of each" if low == high else f"{low} to {high} of their {what}"


def close_to_end(values, differ, highest: bool = True) -> list:
    """The names (index) of ``values`` not clearly apart from the highest (or lowest) value by
    ``differ(a, b)``, the extreme first: "the hardest to read" is a group when the runner-up is
    within the threshold (14.2 against 13.9 is no lead), never one name by a hair."""
    v = values.dropna().sort_values(ascending=not highest, kind="stable")
    if v.empty:
        return []
    end = v.iloc[0]
    return [name for name, x in v.items() if not differ(end, x)]


def end_group(values, names: list, fmt, labels: dict | None = None, unit: str = "", most: int = 2):
    """How a title names the outlets at one end of a ranking (from :func:`close_to_end`):
    ``(who, shown)`` with ``who`` the names (more than ``most``: "5 articles") and ``shown`` the
    value or range as printed by ``fmt``, with ``unit``: ``("LBC", "14.2")``, ``("LBC and Fox
    News", "13.9-14.2")``, ``("5 articles", "94 words each")`` (never "94-94")."""
    labels = labels or {}
    vals = values[names]
    who = join(labels.get(n, n) for n in names) if len(names) <= most else f"{len(names)} articles"
    low, high = fmt(vals.min()), fmt(vals.max())
    if len(names) == 1:
        return who, f"{fmt(vals.iloc[0])}{unit}"
    if low == high:
        return who, f"{low}{unit} each"
    return who, f"{low}-{high}{unit}"


def shares_differ(a, b, gap: float = 0.05) -> bool:
    """Two shares (0-1) differ when the whole percentages printed for them are at least ``gap``
    (5 points) apart: 0.2899 and 0.2405 print as 29% and 24%, and differ."""
    return abs(shown(float(a) * 100) - shown(float(b) * 100)) >= gap * 100 - 1e-9

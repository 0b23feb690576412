"""Text helpers shared by every metric: one definition of a word, and the typography maps
(the one module that knows curly quotes, dashes and odd spaces).

The raw and cleaned text keep their typography for display; metrics read the normalised text,
because both textstat and VADER treat curly and straight marks differently (VADER scores
"I don’t like it" +0.36 but "I don't like it" -0.28; textstat's Dale-Chall moves when
apostrophes are straightened).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis import fast

#: A word: letters or digits, joined by inner apostrophes, hyphens or full stops
#: ("it's", "co-ordination", "U.K", "18"). Unicode-aware, so Cyrillic and Greek words count.
WORD = re.compile(r"[^\W_]+(?:['’.\-‐][^\W_]+)*")

_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "′": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        # Hyphen look-alikes become "-"; en and em dashes are kept: they separate words
        # ("war—and" is two words), and WORD never joins on them.
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


#: The one-for-one part of :data:`_TYPOGRAPHY` (everything but the ellipsis): folding with it
#: keeps every offset, so matches found in the folded text point at the displayed words.
ONE_FOR_ONE = {k: v for k, v in _TYPOGRAPHY.items() if len(v) == 1}

#: Marks made plain character for character for reading attributions: curly quotes straight,
#: hyphens and en/em dashes "-", no-break spaces " " (offsets do not move).
_SAME_LENGTH = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


# normalise_typography and flatten_marks return an ASCII text as it is: they map no ASCII mark.
assert all(k > 127 for table in (_TYPOGRAPHY, _SAME_LENGTH) for k in table)


def replacements(table: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """``(mark, replacement)`` pairs of a ``str.maketrans`` table for :func:`replace_marks`. No
    replacement may hold a mark of the table: then each mark replaced in turn, over the whole
    text, gives ``text.translate(table)`` (every mark of the text is replaced once, and nothing
    a replacement writes is replaced again)."""
    pairs = tuple((chr(k), v) for k, v in table.items())
    marks = {m for m, _ in pairs}
    if any(c in marks for _, v in pairs for c in v):
        raise ValueError("a replacement holds a mark of the table")
    return pairs


def replace_marks(text: str, table: dict[int, str], pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)``; on the fast path (:mod:`analysis.fast`) with ``str.replace``
    for each mark the text holds (``pairs`` from :func:`replacements` of ``table``), which on a
    3,000-character body took 2 microseconds instead of 190. ``tests/test_fast_paths.py``
    compares the two."""
    if not fast.enabled():
        return text.translate(table)
    for mark, plain in pairs:
        if mark in text:
            text = text.replace(mark, plain)
    return text


_TYPOGRAPHY_PAIRS = replacements(_TYPOGRAPHY)
_SAME_LENGTH_PAIRS = replacements(_SAME_LENGTH)


def flatten_marks(text: str) -> str:
    """Straight marks and hyphens, character for character (offsets do not move)."""
    if text.isascii():
        return text  # every mark the table maps is outside ASCII: nothing to change
    return replace_marks(text, _SAME_LENGTH, _SAME_LENGTH_PAIRS)


def normalise_typography(text: str) -> str:
    """Straighten curly quotes and apostrophes, make hyphen look-alikes hyphens and the
    ellipsis three full stops (en and em dashes are kept). Used before counting and scoring,
    never for display."""
    if text.isascii():
        return text  # every mark the table maps is outside ASCII: nothing to change
    return replace_marks(text, _TYPOGRAPHY, _TYPOGRAPHY_PAIRS)


def words(text: str) -> list[str]:
    """The words of ``text`` (see :data:`WORD`)."""
    return WORD.findall(text)


def count_words(text: str) -> int:
    """How many words ``text`` has (see :data:`WORD`): on the fast path (:mod:`analysis.fast`)
    the length of the list of matches, not a count of them one by one."""
    if fast.enabled():
        return len(WORD.findall(text))
    return sum(1 for _ in WORD.finditer(text))


def normalised_words(text: str) -> list[str] | tuple[str, ...]:
    """The words of ``text`` after typography is normalised: ``WORD.findall(
    normalise_typography(text))``. On the fast path (:mod:`analysis.fast`) memoised on the text
    (a tuple): length, readability and sentiment each read every sentence's words."""
    if fast.enabled():
        return _normalised_words(text)
    return WORD.findall(normalise_typography(text))


def count_normalised(text: str) -> int:
    """``count_words(normalise_typography(text))``: the words of ``text`` after typography is
    normalised (memoised with :func:`normalised_words` on the fast path)."""
    if fast.enabled():
        return len(_normalised_words(text))
    return count_words(normalise_typography(text))


#: A value is a function of its text alone; the size bounds memory (a sentence and its words,
#: about 1.5 kB each: about 12 MB) and holds the sentences of a chunk of articles, which length,
#: readability and sentiment read one after another.
@lru_cache(maxsize=1 << 13)
def _normalised_words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(normalise_typography(text)))

"""Sentences of each article's body, found with pysbd.

pysbd (Sadvilkar and Neumann 2020, "PySBD: Pragmatic Sentence Boundary Disambiguation") is a
rule-based segmenter that passes the Golden Rules set: it keeps "Mr. Putin", "U.K.", "Feb. 24",
initials and ellipses inside a sentence, and ends a sentence after a closing quote mark
(``."``, ``.”``) but not before ``he asked`` in ``?” he asked``. Each paragraph is segmented on
its own, so a sentence never spans two paragraphs; a headline-like paragraph with no final stop
is one sentence.

Two refinements on top of pysbd, both splitting only (a sentence is never merged):

1. **Sentences inside quotes.** pysbd never splits inside quotation marks, so a quote of two
   sentences (``“They are watching in horror ... a kindred country. They know in their hearts
   ... lies and fantasy.”``) comes out as one sentence. A sentence is a sentence whoever says
   it, and sentiment and readability are per sentence, so the quoted words are segmented again
   with pysbd and split where it finds a boundary inside them. The boundary lies inside the
   quote, so the attribution after the closing mark (``?” he asked``, ``,” Moore said``) stays
   with the quote's last sentence.
2. **An initialism at a sentence's end.** pysbd ends a sentence after ``U.K.`` only before a
   few sentence starters; here it also ends one before an opening quotation mark or a common
   English function word (``in the U.K. Then ...``), never before other capitalised words
   (``the U.K. Secret Intelligence Service``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

import pandas as pd

from analysis.language import function_words
from analysis.quotes import QUOTE_MARKS, scan_marks
from analysis.text import count_words

#: Columns of the sentences table, one row per sentence.
SENTENCE_COLUMNS = (
    "file", "outlet", "sentence", "paragraph", "sentence_in_paragraph", "line",
    "start", "end", "words", "text", "quoted_words",
)
# ``quoted_words``: how many of the sentence's words are inside quotation marks (an added column;
# a quote left open at a paragraph's end counts to the paragraph's end).

# A possible sentence end inside quoted words: a stop, then a space and a capital or digit.
_INNER_END = re.compile(r"[.!?…][\"'”’)]*\s+[\"'“‘(]*[A-Z0-9]")
_INITIALISM_END = re.compile(r"(?<![^\s(])(?:[A-Za-z]\.){2,}(?=\s+(\S+))")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_paragraph(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of one paragraph; surrounding spaces are not
    part of a sentence. Text pysbd cannot place is kept as its own sentence, so nothing is lost.
    Sentences inside quotation marks and after a final initialism are split as the module
    docstring says."""
    cuts = set()
    regions = scan_marks(text).regions
    stops = [r.stop for r in regions]
    for a, b in _segment(text):
        cuts.add(a)
        cuts.update(_quote_cuts(text, regions, a, b, stops))
        cuts.update(_initialism_cuts(text, a, b))
    cuts = sorted(cuts)
    spans = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        piece = text[a:b]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        span = (a + lead, a + len(piece.rstrip()))
        if spans and count_words(piece) == 0:
            # Only marks or punctuation (pysbd cuts '"... situations.”' before the mixed
            # closing mark): they end the previous sentence.
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


#: pysbd's time grows with the square of a text's length (it rescans the whole text for every
#: abbreviation and sentence), so a paragraph longer than this is first cut into pieces of about
#: :data:`PYSBD_PIECE_CHARS` at a safe boundary: a full stop, ! or ? after a lower-case word of
#: four or more letters, then a space and a capital. A 200,000-character paragraph took 85 s
#: whole. Real paragraphs are far shorter, so they never reach this.
PYSBD_MAX_CHARS = 5_000
PYSBD_PIECE_CHARS = 2_000
_SAFE_BREAK = re.compile(r"(?<=[a-z]{4}[.!?])\s+(?=[A-Z])")
_ANY_SPACE = re.compile(r"\s+")


def _pieces(text: str) -> list[int]:
    """Offsets where :func:`_segment` cuts a long ``text`` before handing it to pysbd (0 first).
    A stretch with no safe boundary (no sentences, or pathological text) is cut at spaces."""
    if len(text) <= PYSBD_MAX_CHARS:
        return [0]
    starts = [0]
    for m in _SAFE_BREAK.finditer(text):
        if m.end() - starts[-1] >= PYSBD_PIECE_CHARS:
            starts.append(m.end())
    cuts = []
    for a, b in zip(starts, starts[1:] + [len(text)]):
        cuts.append(a)
        if b - a > PYSBD_MAX_CHARS:
            for m in _ANY_SPACE.finditer(text, a, b):
                if m.end() - cuts[-1] >= PYSBD_PIECE_CHARS and m.end() < b:
                    cuts.append(m.end())
    return cuts


def _segment(text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as offsets (stripped); long texts piece by piece."""
    cuts = _pieces(text)
    if len(cuts) == 1:
        return _segment_piece(text)
    spans = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        spans.extend((a + s, a + e) for s, e in _segment_piece(text[a:b]))
    return spans


def _segment_piece(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    pieces = _segmenter().segment(text) if text.strip() else []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:  # pysbd changed the text: fall back to the rest of the paragraph
            break
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    rest = text[pos:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((pos + lead, pos + len(rest.rstrip())))
    return spans


def _quote_cuts(text: str, regions, a: int, b: int, stops: list[int] | None = None) -> list[int]:
    """Offsets where a sentence starts inside a quoted region of the sentence ``text[a:b]``."""
    cuts = []
    stops = [r.stop for r in regions] if stops is None else stops
    for region in _overlapping(regions, stops, a, b):
        lo = max(region.open + 1, a)
        hi = min(region.stop, b)
        if hi - lo < 3:
            continue
        inner = text[lo:hi]
        if not _INNER_END.search(inner):
            continue  # no sentence ending inside the quote: pysbd has nothing to split
        for k, (s, _) in enumerate(_segment(inner)):
            at = lo + s
            if k > 0 and a < at < b:
                cuts.append(at)
    return cuts


def _overlapping(regions, stops: list[int], a: int, b: int):
    """The regions that reach into ``[a, b)``; ``stops`` is ``[r.stop for r in regions]``.
    Regions from :func:`scan_marks` are disjoint and in order, so a binary search finds the
    first: a paragraph with thousands of quotes and sentences is not compared pair by pair."""
    i = bisect_right(stops, a)
    while i < len(regions) and regions[i].open < b:
        yield regions[i]
        i += 1


def _initialism_cuts(text: str, a: int, b: int) -> list[int]:
    """Offsets after an initialism (``U.K.``) that ends a sentence: the next word opens with a
    quotation mark, or is a capitalised function word."""
    cuts = []
    fw = function_words()
    for m in _INITIALISM_END.finditer(text, a, b):
        nxt = m.group(1)
        at = m.start(1)
        if not (a < at < b):
            continue
        word = nxt.strip(QUOTE_MARKS)
        opens_quote = nxt[0] in QUOTE_MARKS and word[:1].isupper()
        if opens_quote or (word[:1].isupper() and word.rstrip(".,;:!?").lower() in fw):
            cuts.append(at)
    return cuts


def split_sentences(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of the body (columns :data:`SENTENCE_COLUMNS`).

    ``sentence`` counts from 1 within the article; ``start`` and ``end`` are character offsets in
    the article's body text (:func:`analysis.cleaning.bodies`); ``line`` is the raw line the
    sentence's paragraph came from; ``words`` counts words as :func:`analysis.text.count_words`.
    """
    rows = []
    for file, group in paragraphs.groupby("file", sort=False):
        n = 0
        for p in group.itertuples(index=False):
            regions = scan_marks(p.text).regions
            stops = [r.stop for r in regions]
            for k, (a, b) in enumerate(split_paragraph(p.text), start=1):
                n += 1
                text = p.text[a:b]
                quoted = sum(count_words(p.text[max(a, r.open + 1):min(b, r.stop)])
                             for r in _overlapping(regions, stops, a, b) if r.open + 1 < b)
                rows.append((file, p.outlet, n, p.paragraph, k, p.line, p.start + a, p.start + b,
                             count_words(text), text, quoted))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    ints = ["sentence", "paragraph", "sentence_in_paragraph", "line", "start", "end", "words",
            "quoted_words"]
    return frame.astype({c: "int64" for c in ints})

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
    for a, b in _segment(text):
        cuts.add(a)
        cuts.update(_quote_cuts(text, regions, a, b))
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


def _segment(text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as offsets (stripped)."""
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


def _quote_cuts(text: str, regions, a: int, b: int) -> list[int]:
    """Offsets where a sentence starts inside a quoted region of the sentence ``text[a:b]``."""
    cuts = []
    for region in regions:
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
            for k, (a, b) in enumerate(split_paragraph(p.text), start=1):
                n += 1
                text = p.text[a:b]
                quoted = sum(count_words(p.text[max(a, r.open + 1):min(b, r.stop)])
                             for r in regions if r.open + 1 < b and r.stop > a)
                rows.append((file, p.outlet, n, p.paragraph, k, p.line, p.start + a, p.start + b,
                             count_words(text), text, quoted))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    ints = ["sentence", "paragraph", "sentence_in_paragraph", "line", "start", "end", "words",
            "quoted_words"]
    return frame.astype({c: "int64" for c in ints})

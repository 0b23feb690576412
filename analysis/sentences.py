"""Sentences of each article's body, found with pysbd.

pysbd (Sadvilkar and Neumann 2020, "PySBD: Pragmatic Sentence Boundary Disambiguation") is a
rule-based segmenter that passes the Golden Rules set: it keeps "Mr. Putin", "U.K.", "Feb. 24",
initials and ellipses inside a sentence, and ends a sentence after a closing quote mark. Each
paragraph is segmented on its own, so a sentence never spans two paragraphs; a headline-like
paragraph with no final stop is one sentence.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.text import count_words

#: Columns of the sentences table, one row per sentence.
SENTENCE_COLUMNS = (
    "file", "outlet", "sentence", "paragraph", "sentence_in_paragraph", "line",
    "start", "end", "words", "text",
)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_paragraph(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of one paragraph; surrounding spaces are not
    part of a sentence. Text pysbd cannot place is kept as its own sentence, so nothing is lost."""
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
            for k, (a, b) in enumerate(split_paragraph(p.text), start=1):
                n += 1
                text = p.text[a:b]
                rows.append((file, p.outlet, n, p.paragraph, k, p.line, p.start + a, p.start + b,
                             count_words(text), text))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    ints = ["sentence", "paragraph", "sentence_in_paragraph", "line", "start", "end", "words"]
    return frame.astype({c: "int64" for c in ints})

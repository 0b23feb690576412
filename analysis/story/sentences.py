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

from analysis import fast
from analysis.story import fastsbd
from analysis.story.language import function_words
from analysis.story.quotemarks import QUOTE_MARKS, scan_marks
from analysis.story.text import count_normalised, count_words

#: Columns of the sentences table, one row per sentence.
SENTENCE_COLUMNS = (
    "file",
    "outlet",
    "sentence",
    "paragraph",
    "sentence_in_paragraph",
    "line",
    "start",
    "end",
    "words",
    "text",
    "quoted_words",
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
    return _split_paragraph(text, scan_marks(text).regions)


def _split_paragraph(text: str, regions: list) -> list[tuple[int, int]]:
    """:func:`split_paragraph` with the quotation-mark regions of ``text`` already found."""
    cuts = set()
    stops = [r.stop for r in regions]
    for a, b in _segment(text):
        cuts.add(a)
        cuts.update(_quote_cuts(text, regions, a, b, stops))
        cuts.update(_initialism_cuts(text, a, b))
    cuts = sorted(cuts)  # type: ignore[assignment]
    spans = []  # type: ignore[var-annotated]
    for a, b in zip(cuts, cuts[1:] + [len(text)]):  # type: ignore[index]
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
    spans = []  # type: ignore[var-annotated]
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        spans.extend((a + s, a + e) for s, e in _segment_piece(text[a:b]))
    return spans


def _segment_piece(text: str) -> list[tuple[int, int]]:
    if fast.enabled():
        simple = _plain_sentences(text)
        if simple is None:
            simple = _quoted_sentences(text)
        if simple is not None:
            return simple
    spans = []
    pos = 0
    pieces = _pysbd_sentences(text) if text.strip() else []
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


def _pysbd_sentences(text: str) -> list[str]:
    r"""``pysbd.Segmenter.segment(text)``. On the fast path (:mod:`analysis.fast`) its rules run
    in :mod:`analysis.story.fastsbd` (pysbd's processor without the steps that cannot change
    the text), and its last step, which finds each sentence in the text with a regular
    expression compiled for that sentence alone (``re.escape(sentence) + r"\s*"``), is done
    with ``str.find`` instead: same strings."""
    if not fast.enabled():
        return _segmenter().segment(text)
    return _located(fastsbd.process(text), text)


def _located(sentences: list[str], original: str) -> list[str]:
    r"""pysbd's ``Segmenter.sentences_with_char_spans`` (0.3.4) without a regex per sentence:
    each sentence is the first non-overlapping occurrence of its text, with the whitespace
    after it (``\s`` and ``str.isspace`` are the same test), that ends after the previous one.
    A sentence that is not in the text is dropped, as pysbd drops it."""
    out = []
    prior = 0
    n = len(original)
    for sent in sentences:
        if not sent:  # an empty pattern matches everywhere: leave that case to pysbd's regex
            for m in re.finditer(r"\s*", original):
                if m.end() > prior:
                    out.append(m.group())
                    prior = m.end()
                    break
            continue
        pos = 0
        while True:
            at = original.find(sent, pos)
            if at < 0:
                break
            end = at + len(sent)
            while end < n and original[end].isspace():
                end += 1
            if end > prior:
                out.append(original[at:end])
                prior = end
                break
            pos = end
    return out


#: Characters of a paragraph :func:`_plain_sentences` may split without pysbd.
_PLAIN_TEXT = re.compile(r"[A-Z][A-Za-z0-9 ,;:'’%£$&/\-–—.]*")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")
_ALNUM = _LETTERS | _DIGITS


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations (all three lists), lower-cased."""
    abbr = _segmenter().language_module.Abbreviation
    return frozenset(
        a.strip().lower()
        for a in (*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS, *abbr.NUMBER_ABBREVIATIONS)
    )


def _can_end_sentence(word: str, abbreviations) -> bool:
    """True when pysbd may end a sentence at a full stop right after ``word``: the word is not an
    abbreviation, a single letter or "...Co" ("Co. KG"), and ends in a letter, "%" or three
    digits (a year; "in 12." may be a numbered list)."""
    return not (len(word) < 2 or word.lower() in abbreviations or word.endswith("Co")) and (
        word[-1] in _LETTERS
        or word[-1] == "%"
        or (len(word) >= 3 and all(c in _DIGITS for c in word[-3:]))
    )


def _plain_sentences(text: str) -> list[tuple[int, int]] | None:
    """The sentences of a paragraph that needs no pysbd rule, or None when pysbd must decide.

    A paragraph qualifies when it starts with a capital, holds only ASCII letters and digits,
    single spaces and ``, ; : ' ’ % £ $ & / - – —`` besides full stops (no quotation mark
    opening after a space, no ``--``, no ``-'``), and every full stop is a decimal point
    (between two digits) or ends a sentence: it follows a word of two or more characters
    ending in a letter, ``%`` or three digits (a year, not a list number) that is not on
    pysbd's abbreviation lists, and is followed by the end of the text or by one space and a
    capital.
    The last sentence may end without a stop, on a letter or digit. On such text none of
    pysbd's rules (abbreviations, single letters, numbers, lists, ellipses, quotations,
    parentheses, exclamation words, double punctuation) applies, and it cuts after each stop:
    ``tests/test_fast_equals_plain.py`` checks this on the seeds, the BBC corpus and
    generated paragraphs."""
    if not _PLAIN_TEXT.fullmatch(text):
        return None
    if "  " in text or "--" in text or "-'" in text or " '" in text:
        return None
    abbreviations = _abbreviations()
    spans = []
    start = 0
    n = len(text)
    at = text.find(".")
    while at >= 0:
        if 0 < at < n - 1 and text[at - 1] in _DIGITS and text[at + 1] in _DIGITS:
            at = text.find(".", at + 1)  # a decimal point ("4.75", "£1.3bn"): pysbd never cuts
            continue
        if at + 1 < n and not (text[at + 1] == " " and at + 2 < n and text[at + 2] in _UPPER):
            return None
        space = text.rfind(" ", start, at)
        word = text[space + 1 if space >= 0 else start : at]
        if not _can_end_sentence(word, abbreviations):  # "Co. KG"
            return None  # "in 12. The" may be a numbered list: pysbd decides
        spans.append((start, at + 1))
        start = at + 2
        at = text.find(".", start)
    if start < n:
        if text[-1] not in _ALNUM:
            return None
        spans.append((start, n))
    return spans


#: Characters of a paragraph :func:`_quoted_sentences` may split without pysbd: those of
#: :data:`_PLAIN_TEXT`, the quotation marks ``" “ ” ‘`` and round brackets.
_QUOTED_TEXT = re.compile(r"[A-Z\"“‘][A-Za-z0-9 ,;:'’%£$&/\-–—.\"“”‘()]*")
#: Brackets :func:`_quoted_sentences` leaves to pysbd: empty ones, and a closing bracket after a
#: digit (a numbered list, ``1)``), or after a single lower-case letter or a word of the letters
#: of Roman numerals that starts the text or follows a space or an opening bracket (an
#: alphabetical or Roman list, ``(a)``, ``iv)``, pysbd's ``ListItemReplacer``).
_LIST_BRACKET = re.compile(r"\(\)|\d\)|(?:^|(?<=[\s(]))(?:[a-z]|[mdclxvi]+)\)")
#: Pairs of characters :func:`_quoted_sentences` leaves to pysbd: empty quotes, quotation marks
#: after a hyphen or a stop that pysbd's rules read differently (``-"``, ``.'``, ``.’``, ``.“``).
_QUOTED_AWAY = (
    *("  ", "--", " '", '""', "“”", "””", "‘’"),
    *("-'", '-"', "-“", "-”", "-‘", ".'", ".’", ".“", ".‘"),
)
_SENTENCE_STARTS = _UPPER | frozenset('"“‘')
_QUOTE_CHARS = "\"“”‘’'"
_QUOTE_END = re.compile(r"[!?\.-][\"'“”]\s{1}[A-Z]")  # pysbd's QUOTATION_AT_END_OF_SENTENCE_REGEX
_QUOTE_END_SPACE = re.compile(r"(?<=[!?\.-][\"'“”])\s{1}(?=[A-Z])")  # ... its split


@lru_cache(maxsize=1)
def _quote_spans():
    """pysbd's patterns of the quotations whose stops it hides before it cuts sentences (its
    ``BetweenPunctuation`` for ``" “ ‘``), compiled."""
    from pysbd.between_punctuation import BetweenPunctuation as B

    return tuple(
        re.compile(p)
        for p in (
            B.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX,
            B.BETWEEN_DOUBLE_QUOTES_REGEX_2,
            B.BETWEEN_QUOTE_SLANTED_REGEX_2,
        )
    )


@lru_cache(maxsize=1)
def _between_parens() -> re.Pattern:
    """pysbd's pattern of the brackets whose stops it hides (``BetweenPunctuation``)."""
    from pysbd.between_punctuation import BetweenPunctuation as B

    return re.compile(B.BETWEEN_PARENS_REGEX_2)


@lru_cache(maxsize=1)
def _parens_between_quotes() -> re.Pattern:
    """pysbd's ``PARENS_BETWEEN_DOUBLE_QUOTES_REGEX`` (brackets between two quotations, which
    it cuts around), compiled."""
    return re.compile(_segmenter().language_module.PARENS_BETWEEN_DOUBLE_QUOTES_REGEX)


def _quoted_sentences(text: str) -> list[tuple[int, int]] | None:
    """The sentences of a paragraph with quotation marks, pysbd's exactly, or None when pysbd
    must decide.

    The paragraph holds what :func:`_plain_sentences` accepts and the marks ``" “ ” ‘``, may
    start with one of them, and every full stop passes that function's tests (the word before
    it taken with and without its opening marks) or is followed by a closing ``"`` or ``”``
    inside a quotation and then a space or the end. It may hold round brackets, but none of
    :data:`_LIST_BRACKET` (the brackets of pysbd's numbered, alphabetical and Roman lists, and
    empty ones) and no brackets between two quotations (``PARENS_BETWEEN_DOUBLE_QUOTES_REGEX``);
    a stop right after a closing bracket is tested on the word inside (``(sharply).``: only a
    word right before a stop makes pysbd's abbreviation and number rules keep it). No sentence
    opens with a bracket (every stop is followed by a capital or a quotation mark), so its
    ``SENTENCE_BOUNDARY_REGEX``'s bracket alternative never applies. The last character is a
    letter, digit, stop, closing mark or bracket, comma, colon or semicolon (pysbd appends a
    mark after the last four and removes it again). On such text pysbd's rules do only this
    (pysbd 0.3.4, ``Processor.process_text`` and ``split_into_segments``):

    1. the stops inside its quotations (``BetweenPunctuation``: ``"..."``, ``“...”``, and
       ``‘...’`` after a space) and inside round brackets (``(...)``), found here with its own
       patterns, are hidden;
    2. a sentence runs from its first character to the first stop left (or to the end), except
       that a sentence starting ``"...X"`` or ``“...X”`` with X not a comma, followed by a
       space and a capital, is that quotation alone (the quotation alternatives of its
       ``SENTENCE_BOUNDARY_REGEX``);
    3. each sentence is cut again at a space between a stop and a quotation mark and a
       capital (``QUOTATION_AT_END_OF_SENTENCE_REGEX``).

    A paragraph with no full stop is one sentence (pysbd leaves text without punctuation
    whole). ``tests/test_fast_equals_plain.py`` and ``tests/test_quoted_sentences.py`` check the
    result equals pysbd's on every BBC paragraph, pysbd's Golden Rules and generated
    paragraphs."""
    if not _QUOTED_TEXT.fullmatch(text):
        return None
    for pair in _QUOTED_AWAY:
        if pair in text:
            return None
    n = len(text)
    if text[-1] not in _ALNUM and text[-1] not in '."”’),;:':
        return None
    brackets = "(" in text or ")" in text
    if brackets and (_LIST_BRACKET.search(text) or _parens_between_quotes().search(text)):
        return None
    if "." not in text:
        return [(0, n)]
    hidden = set()
    for rx in _quote_spans() if not brackets else (*_quote_spans(), _between_parens()):
        for m in rx.finditer(text):
            i = text.find(".", m.start(), m.end())
            while i >= 0:
                hidden.add(i)
                i = text.find(".", i + 1, m.end())
    abbreviations = _abbreviations()
    stops = []
    at = text.find(".")
    while at >= 0:
        if 0 < at < n - 1 and text[at - 1] in _DIGITS and text[at + 1] in _DIGITS:
            at = text.find(".", at + 1)
            continue
        nxt = text[at + 1 : at + 2]
        if nxt == '"' or nxt == "”":
            if at not in hidden or text[at + 2 : at + 3] not in ("", " "):
                return None
        elif nxt == " ":
            if text[at + 2 : at + 3] not in _SENTENCE_STARTS:
                return None
        elif nxt:
            return None
        word = text[text.rfind(" ", 0, at) + 1 : at]
        if len(word) < 2 or word.lower() in abbreviations or word.endswith("Co"):
            return None
        # a stop after a closing mark or bracket ('out".', '(sharply).') as after the word
        core = word.strip(_QUOTE_CHARS + "()") if brackets else word.strip(_QUOTE_CHARS)
        if not _can_end_sentence(core, abbreviations):
            return None
        if at not in hidden:
            stops.append(at)
        at = text.find(".", at + 1)
    spans = []
    s = 0
    k = 0
    while s < n:
        end = -1
        c = text[s]
        if c == '"' or c == "“":
            j = text.find('"' if c == '"' else "”", s + 1)
            if j > s + 1 and text[j - 1] != "," and text[j + 1 : j + 2] == " ":
                if text[j + 2 : j + 3] in _UPPER:
                    end = j + 1
        if end < 0:
            while k < len(stops) and stops[k] < s:
                k += 1
            end = stops[k] + 1 if k < len(stops) else n
        piece = text[s:end]
        a = 0
        if _QUOTE_END.search(piece):
            for m in _QUOTE_END_SPACE.finditer(piece):
                spans.append((s + a, s + m.start()))
                a = m.end()
        spans.append((s + a, end))
        s = end + 1
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
    the article's body text (:func:`analysis.story.cleaning.bodies`); ``line`` is the raw line the
    sentence's paragraph came from; ``words`` counts words as :func:`analysis.story.text.count_words`.
    """
    rows = []
    by_file: dict = {}  # the paragraphs of each file, files in order of first appearance
    for row in zip(
        paragraphs["file"],
        paragraphs["outlet"],
        paragraphs["paragraph"],
        paragraphs["line"],
        paragraphs["start"],
        paragraphs["text"],
    ):
        by_file.setdefault(row[0], []).append(row)
    for file, group in by_file.items():
        n = 0
        for _, outlet, paragraph, line, start, ptext in group:
            regions = scan_marks(ptext).regions
            stops = [r.stop for r in regions]
            for k, (a, b) in enumerate(_split_paragraph(ptext, regions), start=1):
                n += 1
                text = ptext[a:b]
                quoted = sum(
                    count_words(ptext[max(a, r.open + 1) : min(b, r.stop)])
                    for r in _overlapping(regions, stops, a, b)
                    if r.open + 1 < b
                )
                rows.append(
                    (
                        file,
                        outlet,
                        n,
                        paragraph,
                        k,
                        line,
                        start + a,
                        start + b,
                        # an ASCII text is its own normalised text: count it through the
                        # memo that length, readability and sentiment read next
                        count_normalised(text) if text.isascii() else count_words(text),
                        text,
                        quoted,
                    )
                )
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    ints = [
        "sentence",
        "paragraph",
        "sentence_in_paragraph",
        "line",
        "start",
        "end",
        "words",
        "quoted_words",
    ]
    return frame.astype({c: "int64" for c in ints})

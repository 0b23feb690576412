"""Quotation marks: pair the marks of a text into quoted regions.

:func:`scan_marks` pairs quotation marks in one paragraph: curly and straight marks of one kind
close each other (seed 002 mixes them), apostrophes are told from single quotes by the letters
around them, nested quotes stay inside the outer one, and nothing raises on unbalanced marks.
Used by sentence splitting (a sentence does not end inside a quote), quote finding and framing.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field

from analysis import fast

#: Double quotation marks: openers, closers, and the straight mark that can be either.
#: Guillemets open or close by context (French «...», German and Danish »...«), and so does
#: ``”`` (Swedish and Finnish write ”...”).
DOUBLE_OPEN = "“„«‟〝"
DOUBLE_CLOSE = "”»〞〟"
#: Single quotation marks; the closing curly mark and the straight mark are also apostrophes.
SINGLE_OPEN = "‘‚‹‛"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
#: Marks that open or close like the straight double mark: it, and the double prime ``″``
#: some sites type for it.
DOUBLE_EITHER = '"″'
#: Chinese and Japanese corner brackets (horizontal and vertical forms): 「...」 and, inside
#: them, 『...』. Each pair is its own kind, so one nests in the other.
CORNER = "「」﹁﹂"
WHITE_CORNER = "『』﹃﹄"
CORNER_OPEN = "「﹁『﹃"
#: Marks whose direction is read from the letters around them.
REVERSIBLE = "«»‹›"
QUOTE_MARKS = (
    DOUBLE_OPEN
    + DOUBLE_CLOSE
    + SINGLE_OPEN
    + SINGLE_CLOSE
    + DOUBLE_EITHER
    + STRAIGHT_SINGLE
    + CORNER
    + WHITE_CORNER
)
_MARK_RE = re.compile("[" + re.escape(QUOTE_MARKS) + "]")
_OPEN_CONTEXT = "([{—–-/:;,"  # a straight mark after one of these (or a space) opens a quote
_CLOSE_CONTEXT = ".,;:!?)]}—–-…"  # a straight mark before one of these (or a space) closes one


@dataclass
class Region:
    """One outermost quoted span of a paragraph.

    ``open`` is the offset of the opening mark and ``close`` that of the closing mark, or
    ``None`` when the quote is not closed in the paragraph; the quoted words are
    ``text[open + 1 : stop]`` (``stop`` is ``close``, or where an unclosed quote ends: the
    paragraph's end, or the next quote's opening mark). ``nested`` counts quotes inside it.
    """

    open: int
    close: int | None
    stop: int
    mark: str
    nested: int = 0

    @property
    def closed(self) -> bool:
        return self.close is not None


@dataclass
class MarkScan:
    """What :func:`scan_marks` found in one paragraph: the outermost quoted regions, and the
    offsets of closing marks that had no opener (``stray``)."""

    regions: list[Region] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int) -> str:
    """``open``, ``close``, ``either`` or ``apostrophe`` for the mark at ``text[i]``, from the
    characters around it alone."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev_space = prev == "" or prev.isspace() or prev in _OPEN_CONTEXT or prev in QUOTE_MARKS
    next_space = nxt == "" or nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in QUOTE_MARKS
    if ch in CORNER or ch in WHITE_CORNER:
        return "open" if ch in CORNER_OPEN else "close"
    if ch in REVERSIBLE:
        # «Bonjour» and « Bonjour » (French); »Komm herein«, »Come in«, he said (German).
        if ch in "»›":
            return "open" if prev_space and not next_space else "close"
        return "close" if next_space and not prev_space else "open"
    if ch == "”" and prev_space and _is_word_char(nxt):
        return "either"  # ”Vi bygger bryggan igen.” (Swedish, Finnish)
    if ch in DOUBLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    if ch in DOUBLE_EITHER:
        if prev_space and not (nxt == "" or nxt.isspace()):
            return "open"
        if next_space:
            return "close"
        return "either"
    if ch in SINGLE_OPEN:
        # '‘90s' and 'rock ‘n’' are apostrophes written with the wrong mark.
        if _is_word_char(prev) or nxt.isdigit() or _elided(text, i):
            return "apostrophe"
        return "open"
    # ’ or ': an apostrophe between letters (Britain’s, it's, They’re).
    if _is_word_char(prev) and _is_word_char(nxt):
        return "apostrophe"
    if prev_space and (_is_word_char(nxt) or nxt in QUOTE_MARKS):
        if ch == STRAIGHT_SINGLE and not nxt.isdigit() and not _elided(text, i):
            return "open"
        return "apostrophe"  # ’em, '90s
    if next_space and not prev_space:
        return "close"  # or a plural possessive (defectors’): decided with the context
    if next_space and prev in ",.;:!?…":
        return "close"  # 'not safe,' closes: punctuation then the mark then a space
    return "apostrophe"


def _elided(text: str, i: int) -> bool:
    """``‘n’`` in "rock ‘n’ roll": one letter between single marks is an elision."""
    return (
        i + 2 < len(text)
        and text[i + 1].isalpha()
        and text[i + 2] in "’'"
        and (i + 3 == len(text) or not text[i + 3].isalnum())
    )


def _family(ch: str) -> str:
    if ch in CORNER:
        return "corner"
    if ch in WHITE_CORNER:
        return "white-corner"
    return "double" if ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER else "single"


#: Paragraphs whose scan :func:`scan_marks` keeps on the fast path (sentences, quotes and frames
#: each scan the same paragraphs): most entries, least recently used dropped first.
_SCANS_KEPT = 4096
_scans: OrderedDict = OrderedDict()


def scan_marks(text: str) -> MarkScan:
    """:func:`scan_paragraph` of ``text``. On the fast path (:mod:`analysis.fast`) the scan of
    a paragraph met before is rebuilt from what it found then (a function of the text alone),
    as new objects, so a caller that changes them changes no other caller's;
    ``COVERAGE_PLAIN=1`` scans every time. ``tests/test_fast_paths.py`` compares the two."""
    if not fast.enabled():
        return scan_paragraph(text)
    kept = _scans.get(text)
    if kept is None:
        scan = scan_paragraph(text)
        _scans[text] = (
            tuple((r.open, r.close, r.stop, r.mark, r.nested) for r in scan.regions),
            tuple(scan.stray),
        )
        if len(_scans) > _SCANS_KEPT:
            _scans.popitem(last=False)
        return scan
    _scans.move_to_end(text)
    regions, stray = kept
    return MarkScan([Region(*r) for r in regions], list(stray))


def scan_paragraph(text: str) -> MarkScan:
    """Find the outermost quoted regions of one paragraph.

    Curly and straight marks of one kind (double or single) close each other, so a quote opened
    with ``"`` and closed with ``”`` is one quote. A straight mark opens after a space, a
    bracket or a dash and closes before a space or punctuation. ``’`` and ``'`` between letters
    are apostrophes (``Britain’s``, ``it's``); after a letter and before a space they close an
    open single quote, unless another closing single mark follows with no opener in between
    (then the first is a plural possessive, ``the defectors’ names``); with no single quote
    open they are apostrophes. Quotes inside quotes are counted in the outer region's
    ``nested``. Nothing here raises: an unclosed quote runs to the paragraph's end
    (``close=None``) and a closer with no opener is listed in ``stray``.
    """
    scan = MarkScan()
    stack: list[tuple[str, int, str]] = []  # (family, offset, mark)
    current: Region | None = None
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    kinds = {i: _classify(text, i) for i in marks}
    # For each mark, the kind of the next single mark that opens or closes (one backward pass,
    # so a paragraph with thousands of marks is not rescanned for each).
    next_single: list[str | None] = [None] * len(marks)
    upcoming = None
    for n in range(len(marks) - 1, -1, -1):
        next_single[n] = upcoming
        i = marks[n]
        if _family(text[i]) == "single" and kinds[i] in ("close", "open"):
            upcoming = kinds[i]

    def close_outer(close: int | None, stop: int) -> None:
        nonlocal current
        if current is not None:
            current.close = close
            current.stop = stop
            scan.regions.append(current)
        current = None

    for n, i in enumerate(marks):
        ch = text[i]
        fam = _family(ch)
        kind = kinds[i]
        if kind == "apostrophe":
            continue
        if kind == "close" and fam == "single":
            if not stack or stack[-1][0] != "single":
                continue  # no single quote open: an apostrophe (defectors’)
            if text[i - 1] in "sS" and next_single[n] == "close":
                continue  # the defectors’ names’ : this one is a possessive
        if kind == "either":
            kind = "close" if any(f == fam for f, _, _ in stack) else "open"
        if kind == "open":
            if stack and stack[-1][0] == fam:
                if (
                    ch in DOUBLE_EITHER
                    or ch == STRAIGHT_SINGLE
                    or (ch == "“" and stack[-1][2] == "„")
                ):
                    kind = "close"  # a straight mark (or German „...“) closing the open one
                else:
                    # A new opener of the same kind while one is open: the first was never
                    # closed. End it here and start again.
                    stack.clear()
                    close_outer(None, i)
            if kind == "open":
                if not stack:
                    current = Region(open=i, close=None, stop=len(text), mark=ch)
                else:
                    current.nested += 1  # type: ignore[union-attr]
                stack.append((fam, i, ch))
                continue
        # a closer
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
        if depth is None:
            if ch in DOUBLE_CLOSE + DOUBLE_EITHER + CORNER + WHITE_CORNER + "«" or (
                ch in SINGLE_CLOSE + "‹" + STRAIGHT_SINGLE and stack
            ):
                scan.stray.append(i)
            continue
        del stack[depth:]
        if not stack:
            close_outer(i, i)
    if current is not None:
        close_outer(None, len(text))
    return scan

"""Cheap necessary conditions for a regular expression, read from its parsed form.

:func:`screen` turns a compiled pattern into a test ``screen(low, n)`` on an ASCII, single-line
text (``low`` its lower-case form, ``n`` its length) that is False only when the pattern cannot
match the text: every alternative at the top of the pattern needs its literal start (an
alternative anchored with ``^``: ``low.startswith(...)``), one of its literal pieces
(``... in low``) or a length the text has (a ``^(?=.{0,60}$)`` look-ahead, or an alternative
anchored at both ends). So a rule whose screen says False is skipped without a search, and a
rule whose screen says True is searched as before: the rule found is the same
(``tests/test_prefilter.py`` checks it on every BBC line and on generated lines).

Why only ASCII texts without a line break: under ``re.IGNORECASE`` an ASCII letter of a pattern
also matches a few non-ASCII characters (``k`` the Kelvin sign, ``s`` the long s) that
``str.lower`` does not turn into it, and ``$`` also matches before a final ``\\n``. Literal
characters of a pattern that are not ASCII end a literal piece. Lower-casing is a necessary
condition both for the case-insensitive parts of a pattern and for its ``(?-i:...)`` parts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from re import _constants as _c  # type: ignore[attr-defined]  # the parser of re itself
from re import _parser as _p  # type: ignore[attr-defined]

#: A literal start or piece set larger than this is given up (no condition from it).
MAX_STRINGS = 256
#: Literal starts and pieces are cut to this many characters (a shorter piece is still needed).
MAX_LENGTH = 24

_START = (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
_END = (_c.AT_END, _c.AT_END_STRING)
_REPEATS = tuple(
    op
    for op in (
        getattr(_c, "MAX_REPEAT", None),
        getattr(_c, "MIN_REPEAT", None),
        getattr(_c, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)
_ZERO_WIDTH_AT = (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY) + _START

Screen = Callable[[str, int], bool]
#: Items a literal text can start at.
_TEXT_OPS = (_c.LITERAL, _c.IN, _c.SUBPATTERN, _c.BRANCH) + _REPEATS

# A walk returns a list of (text, open): every match of the walked items starts with one of the
# texts (lower case); "open" says the text ends where the items end (the next item may extend it).
_Walk = list[tuple[str, bool]]
_STOP: _Walk = [("", False)]


def _cap(items: _Walk) -> _Walk:
    out = list(dict.fromkeys((s[:MAX_LENGTH], o and len(s) <= MAX_LENGTH) for s, o in items))
    if len(out) > MAX_STRINGS:
        return _STOP
    return out


_ASCII = [chr(i) for i in range(128)]


@lru_cache(maxsize=4096)
def _never_ascii(ch: str, flags: int) -> bool:
    """True when the pattern character ``ch`` (not ASCII) matches no ASCII character, asked of
    the regular-expression engine itself with the pattern's flags."""
    found = re.compile(re.escape(ch), flags & (re.IGNORECASE | re.ASCII))
    return not any(found.fullmatch(a) for a in _ASCII)


#: A private flag bit (above re's own): the screen is for texts that may hold characters
#: other than ASCII (none of :data:`CASE_SPECIALS`), so a pattern's non-ASCII characters
#: end a literal text instead of making it impossible.
_ANY_TEXT = 1 << 40
#: The characters other than ASCII that an ASCII character of a case-insensitive pattern
#: matches (İ, ı, ſ and the Kelvin sign; ``tests/test_prefilter.py`` asks the engine for every
#: code point). Every other character's ``str.lower`` holds no ASCII character.
CASE_SPECIALS = frozenset("\u0130\u0131\u017f\u212a")


def _walk_item(op, av, flags: int) -> _Walk:
    if op is _c.LITERAL:
        ch = chr(av)
        if ch.isascii():
            return [(ch.lower(), True)]
        if flags & _ANY_TEXT:
            return _STOP
        return [] if _never_ascii(ch, flags) else _STOP  # []: no ASCII text matches here
    if op is _c.IN:
        chars = set()
        for sop, sav in av:
            if sop is _c.LITERAL and chr(sav).isascii():
                chars.add(chr(sav).lower())
            elif sop is _c.LITERAL and not flags & _ANY_TEXT and _never_ascii(chr(sav), flags):
                continue
            elif sop is _c.RANGE and sav[1] < 128 and sav[1] - sav[0] < 16:
                chars.update(chr(c).lower() for c in range(sav[0], sav[1] + 1))
            else:  # a negation, a category, a non-ASCII character
                return _STOP
        return [(ch, True) for ch in sorted(chars)]
    if op is _c.SUBPATTERN:
        return _walk(av[-1], flags)
    if op is _c.BRANCH:
        out: _Walk = []
        for branch in av[1]:
            out.extend(_walk(branch, flags))
        return _cap(out)
    if op in _REPEATS:
        low, high, body = av
        inner = _walk(body, flags)
        if low == high == 1:
            return inner
        if low == 0 and high == 1:  # optional: absent, or once and then the next items
            return _cap([("", True)] + inner)
        closed = [(s, False) for s, _ in inner]
        return _cap([("", True)] + closed) if low == 0 else _cap(closed)
    if op is _c.AT:
        return [("", True)] if av in _ZERO_WIDTH_AT else _STOP
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [("", True)]
    return _STOP


def _walk(items, flags: int) -> _Walk:
    current: _Walk = [("", True)]
    for op, av in items:
        if not any(o for _, o in current):
            break
        nxt: _Walk = []
        step = None
        for s, o in current:
            if not o:
                nxt.append((s, False))
                continue
            if step is None:
                step = _walk_item(op, av, flags)
            nxt.extend((s + t, ot) for t, ot in step)
        current = _cap(nxt)
    return current


def _starts(items, flags: int) -> tuple[str, ...] | None:
    """The literal starts of a match of ``items`` on an ASCII text (None when one of them may
    be empty; an empty tuple when no ASCII text matches)."""
    starts = tuple(dict.fromkeys(s for s, _ in _walk(items, flags)))
    return None if "" in starts else starts


def _rank(pieces: tuple[str, ...]) -> tuple[int, int]:
    return min(map(len, pieces)), -len(pieces)  # the longest shortest piece, then the fewest


def _suffix_starts(items, flags: int) -> list[tuple[str, ...] | None]:
    """:func:`_starts` of ``items[k:]`` for every ``k``, in one pass from the end: the walk of
    the items from ``k`` on is item ``k``'s walk, each open text followed by the walk from
    ``k + 1``."""
    out: list[tuple[str, ...] | None] = [None] * len(items)
    suffix: _Walk = [("", True)]
    for k in range(len(items) - 1, -1, -1):
        new: _Walk = []
        op, av = items[k]
        for t, o in _walk_item(op, av, flags):
            if o:
                new.extend((t + u, uo) for u, uo in suffix)
            else:
                new.append((t, False))
        suffix = _cap(new)
        starts = tuple(dict.fromkeys(s for s, _ in suffix))
        out[k] = None if "" in starts else starts
    return out


def _pieces(items, flags: int, suffixes=None) -> tuple[str, ...] | None:
    """Literal pieces one of which any match of ``items`` contains: the starts of the items
    from some position on (a match of those is a piece of the match), the set whose shortest
    text is longest."""
    best: tuple[str, ...] | None = None
    if suffixes is None:
        suffixes = _suffix_starts(items, flags)
    for op_av, starts in zip(items, suffixes):
        if op_av[0] not in _TEXT_OPS:
            continue  # the same texts as from the next position on, or none
        if starts == ():
            return starts
        if starts and (best is None or _rank(starts) > _rank(best)):
            best = starts
    return best


def _width(items) -> tuple[int, int]:
    sub = _p.SubPattern(_p.State())
    sub.data = list(items)
    return sub.getwidth()


def _alternatives(items, limit: int = 400) -> list[list]:
    """The alternatives of ``items``: the first item after the zero-width ones (``^``,
    look-arounds), when it is a branch or a group, is spread out."""
    items = list(items)
    j = 0
    while j < len(items) and (
        items[j][0] in (_c.ASSERT, _c.ASSERT_NOT)
        or (items[j][0] is _c.AT and items[j][1] in _ZERO_WIDTH_AT)
    ):
        j += 1
    if j < len(items) and items[j][0] is _c.BRANCH:
        parts = [list(b) for b in items[j][1][1]]
    elif j < len(items) and items[j][0] is _c.SUBPATTERN:
        parts = [list(items[j][1][-1])]
    else:
        return [items]
    out = []
    for part in parts:
        out.extend(_alternatives(items[:j] + part + items[j + 1 :], limit))
        if len(out) > limit:
            return [items]
    return out


def _scoped_multiline(items) -> bool:
    for op, av in items:
        if op is _c.SUBPATTERN and (av[1] & re.MULTILINE or _scoped_multiline(av[-1])):
            return True
        if op is _c.BRANCH and any(_scoped_multiline(b) for b in av[1]):
            return True
        if op in _REPEATS and _scoped_multiline(av[2]):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT) and _scoped_multiline(av[1]):
            return True
    return False


def _condition(items, flags: int):
    """``(starts, pieces, shortest, longest)`` for one alternative (None: no condition)."""
    anchored = bool(items) and items[0][0] is _c.AT and items[0][1] in _START
    rest = items[1:] if anchored else items
    shortest, longest = 0, None
    if anchored:
        # leading look-aheads such as (?=.{0,60}$) bound the length of the whole text
        for op, av in rest:
            if op is _c.ASSERT and av[0] == 1:
                body = list(av[1])
                if body and body[-1][0] is _c.AT and body[-1][1] in _END:
                    lo, hi = _width(body)
                    shortest = max(shortest, lo)
                    longest = hi if longest is None else min(longest, hi)
            elif op not in (_c.ASSERT, _c.ASSERT_NOT):
                break
        if rest and rest[-1][0] is _c.AT and rest[-1][1] in _END:
            lo, hi = _width(rest)
            shortest = max(shortest, lo)
            longest = hi if longest is None else min(longest, hi)
        if longest is not None and longest >= _c.MAXREPEAT:
            longest = None
    starts = _starts(rest, flags) if anchored else None
    pieces = None if starts is not None else _pieces(rest, flags)
    return starts, pieces, shortest, longest


def _fewest(texts, prefix: bool) -> tuple[str, ...]:
    """``texts`` less those that hold another of them (as a prefix when ``prefix``): a text
    holds one of the rest exactly when it holds one of those kept."""
    kept: list[str] = []
    for t in sorted(set(texts), key=len):
        if not any((t.startswith(k) if prefix else k in t) for k in kept):
            kept.append(t)
    return tuple(kept)


def screen(pattern: re.Pattern, anchored: bool = False, any_text: bool = False) -> Screen | None:
    """A necessary condition for ``pattern.search(text)`` on an ASCII text without ``\\n``
    (see the module's notes), or None when the pattern gives none or cannot be read. A
    pattern that starts with ``^`` gets None unless ``anchored``: the engine tries it at the
    text's start only, which costs about as much as the screen."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & re.MULTILINE:
        return None
    return _screen(pattern.pattern, pattern.flags | (_ANY_TEXT if any_text else 0), anchored)


@lru_cache(maxsize=1024)
def _analyse(source, flags: int) -> tuple[tuple, list] | None:
    """``(first item, conditions of the alternatives)`` of a pattern; None when it cannot be
    read (or has a scoped ``(?m:...)``, compiled as line starts and ends)."""
    try:
        parsed = _p.parse(source, flags & ~_ANY_TEXT)
        if _scoped_multiline(parsed.data):
            return None
        first: tuple = parsed.data[0] if parsed.data else (None, None)
        return first, [_condition(alt, flags) for alt in _alternatives(parsed.data)]
    except Exception:  # noqa: BLE001 - an unexpected parse: no screen, the plain search
        return None


@lru_cache(maxsize=1024)
def _screen(source, flags: int, anchored: bool) -> Screen | None:
    analysed = _analyse(source, flags)
    if analysed is None:
        return None
    first, conditions = analysed
    if not anchored and first == (_c.AT, _c.AT_BEGINNING):
        return None
    if first[0] is _c.LITERAL or (
        first[0] is _c.IN and all(op in (_c.LITERAL, _c.RANGE) for op, _ in first[1])
    ):  # the engine looks for its first character itself
        return None
    if any(s is None and p is None and lo == 0 and hi is None for s, p, lo, hi in conditions):
        return None  # one alternative may match any text
    # alternatives that need only a piece, or only a start, are tested together
    pieces = _fewest(
        [x for s, p, lo, hi in conditions if p and lo == 0 and hi is None for x in p], False
    )
    starts = _fewest(
        [x for s, p, lo, hi in conditions if s and lo == 0 and hi is None for x in s], True
    )
    others = [
        (_fewest(s, True) if s else s, _fewest(p, False) if p else p, lo, hi)
        for s, p, lo, hi in conditions
        if lo != 0 or hi is not None
    ]

    # the alternatives with a longest length, longest first (a line longer than one is longer
    # than all the rest), then those without: the same alternatives tried, fewer looked at
    # (the test is true when any passes, whatever the order)
    bounded = sorted((o for o in others if o[3] is not None), key=lambda o: -o[3])
    unbounded = [o for o in others if o[3] is None]

    def test(low: str, n: int) -> bool:
        if starts and low.startswith(starts):
            return True
        if pieces and any(map(low.__contains__, pieces)):
            return True
        for s, p, lo, hi in bounded:
            if n > hi:
                break
            if n < lo:
                continue
            if s is not None and not low.startswith(s):
                continue
            if p is not None and not any(map(low.__contains__, p)):
                continue
            return True
        for s, p, lo, _ in unbounded:
            if n < lo:
                continue
            if s is not None and not low.startswith(s):
                continue
            if p is not None and not any(map(low.__contains__, p)):
                continue
            return True
        return False

    return test


def first_chars(pattern: re.Pattern, any_text: bool = False) -> frozenset[str] | None:
    """The lower-case characters an ASCII line without ``\\n`` that ``pattern`` matches can
    start with, when every alternative of the pattern is anchored with ``^`` and starts with
    literal text (None otherwise: any character)."""
    if not isinstance(pattern, re.Pattern) or pattern.flags & re.MULTILINE:
        return None
    return _first_chars(pattern.pattern, pattern.flags | (_ANY_TEXT if any_text else 0))


@lru_cache(maxsize=1024)
def _first_chars(source, flags: int) -> frozenset[str] | None:
    analysed = _analyse(source, flags)
    if analysed is None or any(starts is None for starts, _, _, _ in analysed[1]):
        return None
    return frozenset(t[0] for starts, _, _, _ in analysed[1] for t in starts)


_PLANS: dict[int, tuple[tuple, dict]] = {}


def plan(rules, scope: str | None, first: str = "", any_text: bool = False) -> list:
    """``(rule, search, screen, outlet)`` for the rules of ``scope`` (all when None), in order,
    less those that cannot match a line starting with ``first`` (one lower-case character;
    ``""``: keep all); the screens for ASCII lines, or with ``any_text`` for lines that may
    hold other characters (none of :data:`CASE_SPECIALS`). Kept for the last few rule lists
    (by identity: a rule list is a tuple, never changed)."""
    held = _PLANS.get(id(rules))
    if held is None or held[0] is not rules:
        if len(_PLANS) >= 8:
            _PLANS.clear()
        held = (rules, {})
        _PLANS[id(rules)] = held
    plans = held[1]
    key = (scope, first, any_text)
    out = plans.get(key)
    if out is None:
        if len(plans) > 4096:  # first characters beyond ASCII: a bounded memo
            plans.clear()
        out = plans[key] = [
            (r, r.pattern.search, screen(r.pattern, True, any_text), r.outlet)
            for r in rules
            if (scope is None or r.scope == scope)
            and (not first or (chars := first_chars(r.pattern, any_text)) is None or first in chars)
        ]
    return out

"""Regular expressions a user wrote (a story's own ``furniture.csv``), run with a time limit.

Python's ``re`` backtracks: a pattern such as ``^(\\w+\\s?)*$`` takes time exponential in the
length of a line it fails on, so one rule could hang the workbook. A user's pattern is checked
with ``re`` (same syntax, same error messages) and run with the ``regex`` engine, which takes a
``timeout``: a search that runs over :data:`TIME_LIMIT` seconds is stopped, counts as no match,
and the pattern is not tried again in that analysis; :meth:`UserPattern.take_timeouts` tells
which pattern, on which text, so the caller can record a warning naming it. The workbook's own
rules (``analysis/data/furniture.csv``) are tested not to backtrack and use ``re``.
"""

from __future__ import annotations

import re
import threading

import regex

#: Seconds one search of a user's pattern may take.
TIME_LIMIT = 1.0


class PatternTimeout(ValueError):
    """A user's pattern ran over its time limit (raised when ``on_timeout="raise"``); the
    message names the pattern and where it came from."""


class UserPattern:
    """A compiled user pattern with the ``search`` of ``re.Pattern``, under a time limit.

    ``source`` names where it came from (``furniture.csv:4``) for the warning."""

    def __init__(self, pattern: str, flags: int = 0, source: str = "", time_limit: float | None = None,
                 on_timeout: str = "skip"):
        re.compile(pattern, flags)  # raises re.error with the usual message
        rflags = 0
        for f, rf in ((re.IGNORECASE, regex.IGNORECASE), (re.MULTILINE, regex.MULTILINE),
                      (re.DOTALL, regex.DOTALL), (re.VERBOSE, regex.VERBOSE),
                      (re.ASCII, regex.ASCII)):
            if flags & f:
                rflags |= rf
        self.pattern = pattern
        self.flags = flags
        self.source = source
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self.on_timeout = on_timeout  # "skip": no match and a note; "raise": PatternTimeout
        self._compiled = regex.compile(pattern, rflags | regex.VERSION0)
        self._lock = threading.Lock()
        self._stopped: list[str] = []  # texts it timed out on, since the last take_timeouts()

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r}, source={self.source!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, UserPattern) and (self.pattern, self.flags, self.source) == (
            other.pattern, other.flags, other.source)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags, self.source))

    @property
    def stopped(self) -> bool:
        """True once a search timed out (until :meth:`take_timeouts`)."""
        return bool(self._stopped)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """``re.Pattern.search`` under the time limit; None when it timed out (or timed out
        before in this analysis)."""
        if self._stopped:
            return None
        try:
            return self._compiled.search(text, pos, len(text) if endpos is None else endpos,
                                         timeout=self.time_limit)
        except TimeoutError:
            self._timed_out(text)
            return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """``re.Pattern.finditer`` under the time limit (for the whole scan of ``text``)."""
        if self._stopped:
            return iter(())
        try:
            return iter(list(self._compiled.finditer(
                text, pos, len(text) if endpos is None else endpos, timeout=self.time_limit)))
        except TimeoutError:
            self._timed_out(text)
            return iter(())

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        """``re.Pattern.match`` under the time limit; None when it timed out."""
        if self._stopped:
            return None
        try:
            return self._compiled.match(text, pos, len(text) if endpos is None else endpos,
                                        timeout=self.time_limit)
        except TimeoutError:
            self._timed_out(text)
            return None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None):
        """``re.Pattern.fullmatch`` under the time limit."""
        try:
            return self._compiled.fullmatch(text, pos, len(text) if endpos is None else endpos,
                                            timeout=self.time_limit)
        except TimeoutError:
            self._timed_out(text)
            return None

    def _timed_out(self, text: str) -> None:
        if self.on_timeout == "raise":
            snippet = text[:40] + ("..." if len(text) > 40 else "")
            raise PatternTimeout(timeout_message(self, f"a text of {len(text):,} characters "
                                                       f"({snippet!r})")) from None
        with self._lock:
            self._stopped.append(text)

    def take_timeouts(self) -> list[str]:
        """The texts it timed out on since the last call, and re-arm it."""
        with self._lock:
            out, self._stopped = self._stopped, []
        return out


def timeout_message(p: UserPattern, where: str) -> str:
    """The warning for a pattern that was stopped."""
    return (f"{p.source}: pattern '{p.pattern}' took more than {p.time_limit:g} s on {where} "
            "and was stopped (it backtracks catastrophically: a repeated group that can match "
            "the same text in many ways, such as (\\w+\\s?)*)"
            + ("; it was not used for the rest of the story" if p.on_timeout == "skip" else "")
            + ". Rewrite it without nested repetition.")

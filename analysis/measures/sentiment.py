"""Sentiment with VADER, one sentence at a time.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM) scores a text from -1 (most negative) to +1 (most positive) with its
``compound`` score, and gives the shares of positive, neutral and negative wording (``pos``,
``neu``, ``neg``, 0-1, adding up to 1). It was built for sentences: its compound is a sum of
word valences squashed by ``x / sqrt(x^2 + 15)``, so over a whole article it saturates near +-1
(seed 001 scores +0.95 as one text against a sentence mean near +0.1). Every score here is
therefore per sentence, and an article is described by the distribution of its sentences.

- **Typography.** VADER reads "don’t" (curly) as no negation ("I don’t like it" +0.36, "I don't
  like it" -0.28) and ``“humiliating”`` as an unknown word (0, against -0.30 for
  ``"humiliating"``). Every text is scored after :func:`analysis.story.text.normalise_typography`;
  the table keeps the display text.
- **Labels.** A sentence is positive when its compound is at least :data:`POSITIVE_THRESHOLD`
  (+0.05), negative when at most :data:`NEGATIVE_THRESHOLD` (-0.05), neutral in between: the
  thresholds Hutto & Gilbert recommend (vaderSentiment's README).
- **Confidence.** The 95% interval of an article's mean compound is a percentile bootstrap over
  its sentences: :data:`BOOTSTRAP_RESAMPLES` resamples with replacement, drawn from
  ``numpy.random.default_rng(BOOTSTRAP_SEED)`` afresh for each article, so the output is the
  same byte for byte on every run and does not depend on the order of the articles.
- **Narration and quotes.** Each sentence is split along the quote spans of the quotes table
  (:func:`analysis.measures.length.split_by_quotes`): the quoted words and the rest (narration) are
  scored on their own, so an outlet's own tone can be told from its sources'. Narration parts
  include attribution ("he said"), which scores 0; a quoted part can be a single scare-quoted
  word. Without a quotes table, every sentence is narration.
- **Position.** ``position`` is where a sentence's middle falls in the article (0 = start,
  1 = end): ``(sentence - 0.5) / sentences``; ``tenth`` is 1-10.
- **Actors.** A story folder's ``actors.csv`` (``actor, pattern, note``) names the actors;
  ``pattern`` is a regular expression matched (case-sensitively, unless it starts with
  ``(?i)``) against each sentence's normalised text. A sentence can mention several.
- **Language.** Articles that are not English (:attr:`analysis.pipeline.Analysis.languages`)
  are not scored: NaN, with the reason in ``sentiment_notes``.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import datafiles, fast
from analysis.measures import vader
from analysis.measures.length import quote_spans, quotes_of, split_by_quotes
from analysis.story.text import count_normalised, normalise_typography

#: A compound at or above this is a positive sentence (Hutto & Gilbert 2014).
POSITIVE_THRESHOLD = 0.05
#: A compound at or below this is a negative sentence (Hutto & Gilbert 2014).
NEGATIVE_THRESHOLD = -0.05
#: Bootstrap resamples for the confidence interval of a mean.
BOOTSTRAP_RESAMPLES = 10_000
#: The seed of every bootstrap (so output is byte-identical run to run).
BOOTSTRAP_SEED = 20230719
#: Most index draws one bootstrap_ci holds in memory at once (8 bytes each).
BOOTSTRAP_MAX_DRAWS = 20_000_000
#: Coverage of the bootstrap interval.
CONFIDENCE = 0.95
#: Position bins along an article.
POSITION_BINS = 10
#: The story folder's actor list.
ACTORS_FILE = "actors.csv"
ACTOR_COLUMNS = ("actor", "pattern", "note")

#: Columns of the sentence table, one row per body sentence.
SENTENCE_COLUMNS = (
    "file",
    "outlet",
    "sentence",
    "paragraph",
    "position",
    "tenth",
    "words",
    "narration_words",
    "quote_words",
    "part",
    "compound",
    "pos",
    "neu",
    "neg",
    "label",
    "narration_compound",
    "quote_compound",
    "actors",
    "text",
)
#: Columns of the per-article table.
ARTICLE_COLUMNS = (
    "file",
    "outlet",
    "sentiment_sentences",
    "sentiment_mean",
    "sentiment_median",
    "sentiment_ci_low",
    "sentiment_ci_high",
    "sentiment_positive_share",
    "sentiment_neutral_share",
    "sentiment_negative_share",
    "sentiment_narration_parts",
    "sentiment_narration_mean",
    "sentiment_narration_median",
    "sentiment_narration_ci_low",
    "sentiment_narration_ci_high",
    "sentiment_quotes_parts",
    "sentiment_quotes_mean",
    "sentiment_quotes_median",
    "sentiment_quotes_ci_low",
    "sentiment_quotes_ci_high",
    "sentiment_notes",
)


@lru_cache(maxsize=1)
def analyser():
    """vaderSentiment's analyser (its lexicon ships with the package: nothing is downloaded);
    the same object :mod:`analysis.measures.vader` reads its tables from."""
    return vader.reference()


def score(text: str) -> dict[str, float]:
    """VADER's ``compound, pos, neu, neg`` for ``text``, after typography is normalised.
    On the fast path the scores come from :mod:`analysis.measures.vader` (the same numbers,
    faster) and are memoised on the normalised text (a sentence without quotes is also its own
    narration part); ``COVERAGE_PLAIN=1`` scores every call afresh with the library itself
    (:mod:`analysis.fast`)."""
    norm = normalise_typography(text)
    if not fast.enabled():
        return _vader(norm)
    return dict(_vader_memo(norm))


def _vader(norm: str) -> dict[str, float]:
    s = analyser().polarity_scores(norm)
    return {k: float(s[k]) for k in ("compound", "pos", "neu", "neg")}


def _vader_fast(norm: str) -> dict[str, float]:
    """:func:`_vader` with :func:`analysis.measures.vader.polarity_scores`, which gives the
    library's scores bit for bit (``tests/test_vader_exact.py``), faster."""
    s = vader.polarity_scores(norm)
    return {k: float(s[k]) for k in ("compound", "pos", "neu", "neg")}


#: VADER scores are a function of the text alone, so the memo changes no value; its size
#: bounds memory (a sentence and four floats each) when a worker streams a large corpus.
_vader_memo = lru_cache(maxsize=1 << 16)(_vader_fast)


def label(compound: float) -> str:
    """``positive``, ``negative`` or ``neutral`` (thresholds :data:`POSITIVE_THRESHOLD`,
    :data:`NEGATIVE_THRESHOLD`); ``""`` for NaN."""
    if compound != compound:
        return ""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def bootstrap_ci(
    values,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaN dropped); ``(nan, nan)``
    with fewer than two values."""
    x = np.asarray(values, dtype="float64")
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return (np.nan, np.nan)
    if fast.enabled() and resamples * len(x) <= _DRAWS_CACHE_MAX:
        # An article's narration parts are often its sentences (no quotes): same values, same
        # interval, computed once.
        return _bootstrap_memo(x.tobytes(), resamples, confidence, seed)
    if resamples * len(x) <= BOOTSTRAP_MAX_DRAWS:
        means = x[_draws(len(x), resamples, seed)].mean(axis=1)
    else:
        rng = np.random.default_rng(seed)
        # A very long article: draw the resamples in blocks so the index array stays small
        # (all at once, 60,000 sentences took 4.8 GB). Still seeded, so still repeatable.
        block = max(1, BOOTSTRAP_MAX_DRAWS // len(x))
        means = np.concatenate(
            [
                x[rng.integers(0, len(x), size=(min(block, resamples - start), len(x)))].mean(
                    axis=1
                )
                for start in range(0, resamples, block)
            ]
        )
    tail = (1 - confidence) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return (float(low), float(high))


@lru_cache(maxsize=16)
def _bootstrap_memo(
    data: bytes, resamples: int, confidence: float, seed: int
) -> tuple[float, float]:
    """:func:`bootstrap_ci` of the float64 values in ``data`` (at least two, no NaN), with the
    draws kept by :func:`_draws` and gathered with ``np.take`` (the same array as indexing).
    Up to 255 values, the order statistics come from :func:`_screened_order_statistics` (the
    few resample means near them computed as numpy computes them all)."""
    x = np.frombuffer(data, dtype="float64")
    tail = (1 - confidence) / 2
    q = (tail, 1 - tail)
    stats = None
    if len(x) <= _SCREEN_MAX_VALUES:
        small, counts = _cached_counts(len(x), resamples, seed)
        ks = _positions(resamples, q)[2]
        stats = _screened_order_statistics(x, small, counts, ks)
        if stats is None:  # a zero or an empty screen: every mean, as before
            means = _row_means(np.take(x, np.ascontiguousarray(small.T, dtype=np.intp)))
    else:
        means = _row_means(np.take(x, _cached_draws(len(x), resamples, seed)))
    if stats is None:
        low, high = _quantiles(means, list(q))
        return (float(low), float(high))
    return _lerp_floats(stats, resamples, q)


#: Most values whose bootstrap draws are kept as bytes with their counts (see
#: :func:`_screened_order_statistics`).
_SCREEN_MAX_VALUES = 255
#: Most bytes the kept draws and counts hold together (48 MB: 5 bytes per draw).
_COUNTS_CACHE_BUDGET = 48_000_000
_counts_kept: OrderedDict = OrderedDict()


def _cached_counts(n: int, resamples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The draws of :func:`_draws` (``(resamples, n)``) as ``uint8`` and, for each
    resample, how many times it drew each value (``(resamples, n)``, float32: exact below
    2**24), kept for the next article with as many values (least recently used go first)."""
    key = (n, resamples, seed)
    kept = _counts_kept.get(key)
    if kept is not None:
        _counts_kept.move_to_end(key)
        return kept
    draws = np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    small = draws.astype(np.uint8)
    draws += (np.arange(resamples, dtype=np.int64) * n)[:, None]  # one bin per resample and value
    counts = np.bincount(draws.ravel(), minlength=resamples * n).reshape(resamples, n)
    kept = (small, counts.astype(np.float32))
    _counts_kept[key] = kept
    total = sum(a.nbytes + b.nbytes for a, b in _counts_kept.values())
    while total > _COUNTS_CACHE_BUDGET and len(_counts_kept) > 1:
        a, b = _counts_kept.popitem(last=False)[1]
        total -= a.nbytes + b.nbytes
    return kept


def _screened_order_statistics(
    x: np.ndarray, draws: np.ndarray, counts: np.ndarray, ks: np.ndarray
) -> np.ndarray | None:
    """The values at sorted positions ``ks`` of the resample means ``_row_means(np.take(x,
    draws.T))`` (``draws``: one row per resample), bit for bit, computing only the few means
    near them.

    Each resample's mean is first estimated from its counts (``counts @ x`` in float32, then
    divided by ``n``): whatever the order of the sums, each estimate is within ``e = (n + 2) *
    2**-22 * max|x|`` of the exact mean (float32 rounds each of the ``n`` products and sums
    by at most ``(n + 1) * 2**-24`` of ``n * max|x|``; the exact float64 mean's own rounding
    is far smaller: the bound is four times what is needed). Sorting moves no value by more
    than the largest error, so the ``k``-th smallest exact mean is within ``e`` of the ``k``-th
    smallest estimate ``a``: the means estimated below ``a - 2e`` are all smaller than it, those
    above ``a + 2e`` all larger, and it is the ``(k - below)``-th smallest of the exact means of
    the resamples estimated in between. None when an exact mean found is zero and ``x`` holds
    values below 1e-290 (a mean could then underflow to -0.0, which ties with 0.0, and a
    partition of all means may put either at a position) or the bound cannot be used (``max|x|`` below 1e-30 or above 1e30, where float32 underflows or overflows): the caller then computes every mean."""
    n = len(x)
    top = float(np.max(np.abs(x)))
    if top == 0 and len(ks) and ks[0] >= 0:
        return np.zeros(len(ks))  # every mean is 0.0 added to a sum of zeros: +0.0
    if not 1e-30 < top < 1e30 or (len(ks) and ks[0] < 0):
        return None  # float32 would underflow or overflow; a position from the end
    e = (n + 2) * 2.0**-22 * top
    # Every zero mean is +0.0 (_row_means adds the sum to 0.0, and a sum of values of at least
    # 1e-290 is zero only when it is exactly zero: it cannot underflow to -0.0), so a zero at a
    # position is the same bits as a partition of all means gives; not so with tinier values.
    tiny = bool(np.any((x != 0) & (np.abs(x) < 1e-290)))
    estimate = _matvec32(counts, x.astype(np.float32)).astype(np.float64) / n
    near = _order_statistics(estimate.copy(), ks)
    out = np.empty(len(ks))
    half = len(estimate) // 2
    for group in (np.flatnonzero(ks < half), np.flatnonzero(ks >= half)):
        if not len(group):
            continue
        # one window for neighbouring positions: any window holding [a - 2e, a + 2e] will do
        lo, hi = near[group].min() - 2 * e, near[group].max() + 2 * e
        columns = np.flatnonzero((estimate >= lo) & (estimate <= hi))
        if len(columns) <= 32:  # a few resamples: the same operations on Python floats
            values = np.take(x, draws[columns].astype(np.intp)).tolist()
            exact = sorted((0.0 + _pairwise_floats(v, 0, n)) / n for v in values)
        else:
            exact = np.sort(_row_means(np.take(x, draws[columns].T.astype(np.intp)))).tolist()
        if tiny and not all(exact):
            return None
        below = int(np.count_nonzero(estimate < lo))
        for i in group:
            j = int(ks[i]) - below
            if not 0 <= j < len(exact):
                return None
            out[i] = exact[j]
    return out


#: Most elements of one matrix-vector product in :func:`_matvec32`. OpenBLAS (numpy's) splits
#: a larger ``sgemv`` over threads (from 10,000 x 47 here: its threshold is 460,800): on a
#: machine whose cores are already busy (a pool has a worker per core) the threads wait for
#: each other, and the 47- to 88-sentence articles of the BBC corpus cost the CPU time of all
#: the other bootstrap intervals together.
_MATVEC_BLOCK = 1 << 18


def _matvec32(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``matrix @ vector`` (float32), in blocks of rows small enough that OpenBLAS computes
    each on one thread (:data:`_MATVEC_BLOCK`). Each row's dot product is summed in some order
    either way: :func:`_screened_order_statistics`'s error bound holds for any order."""
    rows, n = matrix.shape
    step = max(1, _MATVEC_BLOCK // max(1, n))
    if rows <= step:
        return matrix @ vector
    out = np.empty(rows, dtype=np.float32)
    for start in range(0, rows, step):
        np.matmul(matrix[start : start + step], vector, out=out[start : start + step])
    return out


def _pairwise_floats(v: list[float], lo: int, n: int) -> float:
    """:func:`_pairwise` for one resample, on Python floats (IEEE doubles: each addition the
    same correctly rounded operation as numpy's, in the same tree)."""
    if n < 8:
        res = 0.0 + v[lo]
        for i in range(lo + 1, lo + n):
            res += v[i]
        return res
    if n <= 128:
        r = v[lo : lo + 8]
        i = 8
        while i < n - (n % 8):
            b = lo + i
            r = [
                r[0] + v[b],
                r[1] + v[b + 1],
                r[2] + v[b + 2],
                r[3] + v[b + 3],
                r[4] + v[b + 4],
                r[5] + v[b + 5],
                r[6] + v[b + 6],
                r[7] + v[b + 7],
            ]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res += v[lo + i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return _pairwise_floats(v, lo, n2) + _pairwise_floats(v, lo + n2, n - n2)


def _row_means(columns: np.ndarray) -> np.ndarray:
    """``columns.T.mean(axis=1)`` for an ``(n, resamples)`` array, the same numbers: numpy sums
    each row of the ``(resamples, n)`` array by pairwise summation (from 0.0: one by one below
    8 values; eight running sums in blocks of eight, combined as a tree, up to 128; halves
    above), then divides by ``n``. Here the same additions run for all resamples at once, one
    vector operation per value, instead of one short sum per resample.
    ``tests/test_fast_paths.py`` compares it with numpy's mean."""
    n = columns.shape[0]
    return np.add(0.0, _pairwise(columns, 0, n)) / n


def _pairwise(rows: np.ndarray, lo: int, n: int) -> np.ndarray:
    """numpy's ``pairwise_sum`` of ``rows[lo:lo + n]``, each row a vector (rows may be
    changed in place: the caller's array is a temporary)."""
    if n < 8:
        res = np.add(0.0, rows[lo])
        for i in range(lo + 1, lo + n):
            res += rows[i]
        return res
    if n <= 128:
        r = [rows[lo + j] for j in range(8)]
        i = 8
        while i < n - (n % 8):
            for j in range(8):
                r[j] += rows[lo + i + j]
            i += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:
            res += rows[lo + i]
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return _pairwise(rows, lo, n2) + _pairwise(rows, lo + n2, n - n2)


def _quantiles(values: np.ndarray, q: list[float]) -> np.ndarray:
    """``np.quantile(values, q)`` (method "linear") for a 1-D float64 array without NaN, the
    same operations without numpy's general machinery: the order statistics either side of
    ``(n - 1) * q`` (``values`` is partitioned in place), then numpy's ``_lerp``.
    ``tests/test_fast_paths.py`` compares it with ``np.quantile``."""
    ks = _positions(values.shape[0], q)[2]
    return _lerp(_order_statistics(values, ks), values.shape[0], q)


def _positions(n: int, q) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(virtual, previous, ks, following)`` of :func:`_quantiles` for ``n`` values: the
    sorted positions ``ks`` whose values the quantiles ``q`` read."""
    if isinstance(q, tuple):
        return _positions_kept(n, q)
    return _positions_of(n, q)


@lru_cache(maxsize=64)
def _positions_kept(n: int, q: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    out = _positions_of(n, q)
    for a in out:
        a.flags.writeable = False
    return out


def _positions_of(n: int, q) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    q = np.asanyarray(q)
    virtual = (n - 1) * q
    previous = np.floor(virtual)
    following = previous + 1
    previous[virtual >= n - 1] = -1
    following[virtual >= n - 1] = -1
    previous[virtual < 0] = 0
    following[virtual < 0] = 0
    previous = previous.astype(np.intp)
    following = following.astype(np.intp)
    ks = np.unique(np.concatenate((previous, following)))
    return virtual, previous, ks, following


def _lerp_floats(stats: np.ndarray, n: int, q: tuple[float, float]) -> tuple[float, float]:
    """:func:`_lerp` as two Python floats: the same IEEE double operations, without numpy's
    per-call cost."""
    virtual, previous, ks, following = _positions(n, q)
    at = {int(k): float(v) for k, v in zip(ks, stats)}
    out = []
    for v, p, f in zip(virtual.tolist(), previous.tolist(), following.tolist()):
        a, b = at[p], at[f]
        gamma = v - p
        diff = b - a
        out.append(b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma)
    return (out[0], out[1])


def _lerp(stats: np.ndarray, n: int, q) -> np.ndarray:
    """numpy's ``_lerp`` between the order statistics ``stats`` (at the positions ``ks`` of
    :func:`_positions`) either side of each quantile."""
    virtual, previous, ks, following = _positions(n, q)
    a = stats[np.searchsorted(ks, previous)]
    b = stats[np.searchsorted(ks, following)]
    gamma = np.asanyarray(virtual - previous)
    diff_b_a = b - a
    out = np.add(a, diff_b_a * gamma)
    np.subtract(b, diff_b_a * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def _order_statistics(values: np.ndarray, ks: np.ndarray) -> np.ndarray:
    """``np.sort(values)[ks]`` for sorted positions ``ks`` (``values``, without NaN, may be
    reordered; a negative position counts from the end, as numpy's). Positions in the lowest and highest tenth (a bootstrap interval's) are read
    from the few values beyond a threshold taken from a sample: every value at or below a
    threshold ``t`` is kept, so when there are more than ``k`` of them the ``k``-th smallest of
    all values is the ``k``-th smallest of those (the same at the top); when a threshold
    keeps too few, for positions in the middle, or when a value found is zero (0.0 and -0.0
    tie), all values are partitioned: the same values, bit for bit, as partitioning them all."""
    n = values.shape[0]
    low = ks[ks < n // 10]
    high = ks[ks >= n - n // 10]
    if n < 2000 or len(low) + len(high) != len(ks) or (len(ks) and ks[0] < 0):
        values.partition(ks)
        return values[ks]
    out = []
    sample = values[:: max(1, n // 1000)]
    if len(low):
        need = int(low[-1]) + 1  # values the kept ones must hold
        j = min(len(sample) - 1, int(need / n * len(sample) * 1.6) + 8)
        kept = values[values <= np.partition(sample, j)[j]]
        if len(kept) <= need:
            values.partition(ks)
            return values[ks]
        kept.partition(low)
        out.append(kept[low])
    if len(high):
        need = n - int(high[0])
        j = max(0, len(sample) - 1 - int(need / n * len(sample) * 1.6) - 8)
        kept = values[values >= np.partition(sample, j)[j]]
        if len(kept) <= need:
            values.partition(ks)
            return values[ks]
        at = high - (n - len(kept))
        kept.partition(at)
        out.append(kept[at])
    found = np.concatenate(out)
    if not found.all():
        # a zero: 0.0 and -0.0 are equal, and which of them a partition puts at a position
        # depends on its moves; partition all the values as before, for the same bits
        values.partition(ks)
        return values[ks]
    return found


def _draws(n: int, resamples: int, seed: int) -> np.ndarray:
    """The bootstrap's index draws for ``n`` values: ``default_rng(seed).integers(0, n,
    size=(resamples, n))``, the same array for the same arguments. An article's sentences,
    narration and quoted parts often have the same count, so on the fast path
    (:mod:`analysis.fast`) the arrays last used are kept (read-only, up to
    :data:`_DRAWS_CACHE_BUDGET` elements) instead of drawn again."""
    if not fast.enabled() or resamples * n > _DRAWS_CACHE_MAX:
        return np.random.default_rng(seed).integers(0, n, size=(resamples, n))
    return np.ascontiguousarray(_cached_draws(n, resamples, seed).T)


#: Largest index array kept by :func:`_draws` (elements; 8 bytes each).
_DRAWS_CACHE_MAX = 2_000_000
#: Most elements all the kept arrays hold together (48 MB): the least recently used go first.
#: On the BBC corpus (5,706 intervals, counts 2 to 88) 32 MB drew 933 arrays again, 48 MB 427,
#: 64 MB 244 (but 20,000 articles on two workers then peaked at 950 MB, near the 1 GB budget).
#: Articles have from a few to a hundred sentences, and drawing an array costs more than using
#: it, so the arrays of the common counts stay.
_DRAWS_CACHE_BUDGET = 6_000_000
_draws_kept: OrderedDict = OrderedDict()


def _cached_draws(n: int, resamples: int, seed: int) -> np.ndarray:
    """The draws of :func:`_draws`, transposed: ``(n, resamples)``, one row per value's draws
    (as :func:`_row_means` reads them), kept for the next article with as many values."""
    key = (n, resamples, seed)
    draws = _draws_kept.get(key)
    if draws is not None:
        _draws_kept.move_to_end(key)
        return draws
    # Left writeable: numpy's take copies a read-only index array first (ten times slower).
    # Only _bootstrap_memo reads it, and never writes to it.
    draws = np.ascontiguousarray(np.random.default_rng(seed).integers(0, n, size=(resamples, n)).T)
    _draws_kept[key] = draws
    total = sum(a.size for a in _draws_kept.values())
    while total > _DRAWS_CACHE_BUDGET and len(_draws_kept) > 1:
        total -= _draws_kept.popitem(last=False)[1].size
    return draws


# ---------------------------------------------------------------------------------------------
# Actors


def read_actors(folder: str | Path | None) -> pd.DataFrame:
    """The story folder's ``actors.csv`` (columns :data:`ACTOR_COLUMNS`), with ``regex`` the
    compiled pattern. An empty table when the folder has none. A bad row raises ValueError
    naming the file and line."""
    empty = pd.DataFrame(columns=[*ACTOR_COLUMNS, "regex"])
    if folder is None:
        return empty
    path = Path(folder) / ACTORS_FILE
    if not path.is_file():
        return empty
    frame = datafiles.read_csv(path, ("actor", "pattern"))
    regexes = []
    for i, row in frame.iterrows():
        if not row["actor"].strip() or not row["pattern"].strip():
            raise ValueError(f"{path} line {i + 2}: actor and pattern must not be empty")
        try:
            regexes.append(re.compile(row["pattern"]))
        except re.error as err:
            raise ValueError(
                f"{path} line {i + 2}: bad pattern {row['pattern']!r}: {err}"
            ) from None
    frame["actor"] = frame["actor"].str.strip()
    if "note" not in frame.columns:
        frame["note"] = ""
    frame["regex"] = regexes
    return frame[[*ACTOR_COLUMNS, "regex"]]


def mentions(text: str, actors: pd.DataFrame) -> list[str]:
    """The actors whose pattern matches ``text`` (normalised), in the file's order."""
    norm = normalise_typography(text)
    return [a for a, rx in zip(actors["actor"], actors["regex"]) if rx.search(norm)]


# ---------------------------------------------------------------------------------------------
# Tables


def _english(languages: pd.DataFrame | None) -> dict[str, tuple[bool, str]]:
    if languages is None:
        return {}
    return {
        f: (bool(e), str(r))
        for f, e, r in zip(languages["file"], languages["english"], languages["reason"])
    }


def score_sentences(
    sentences: pd.DataFrame,
    bodies: pd.Series,
    languages: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per body sentence (columns :data:`SENTENCE_COLUMNS`).

    ``compound, pos, neu, neg, label`` score the whole sentence; ``narration_compound`` and
    ``quote_compound`` its narration and its quoted words, each scored on its own (NaN when the
    sentence has no such words); ``part`` is ``narration``, ``quote`` or ``mixed``;
    ``words``, ``narration_words``, ``quote_words`` count words; ``actors`` lists the actors
    mentioned, separated by ``;``; ``text`` is the display text. Scores are NaN for articles
    that are not English.
    """
    spans = quote_spans(quotes)
    english = _english(languages)
    actors = read_actors(None) if actors is None else actors
    n_per_file = sentences.groupby("file", sort=False)["sentence"].transform("size")
    # the bodies as a dict (a Series looked up once per sentence costs more than the rest)
    body_of = dict(zip(bodies.index, bodies.to_numpy())) if fast.enabled() else bodies
    named = ("file", "outlet", "sentence", "paragraph", "start", "end", "text")
    items: Iterable[tuple]
    if fast.enabled():  # the columns as lists: the same values as itertuples, no tuple a row
        items = zip(*(sentences[c].tolist() for c in named), n_per_file.tolist())
    else:
        items = (
            (s.file, s.outlet, s.sentence, s.paragraph, s.start, s.end, s.text, n)
            for s, n in zip(sentences.itertuples(index=False), n_per_file)
        )
    any_actors = len(actors) > 0
    rows = []
    for file, outlet, number, paragraph, start, end, text, n in items:
        body = body_of.get(file, "")
        narr, quote, n_narr, n_quote = split_by_quotes(body, start, end, spans.get(file, []))
        is_english = english.get(file, (True, ""))[0]
        whole = (
            score(text) if is_english else dict.fromkeys(("compound", "pos", "neu", "neg"), np.nan)
        )
        narr_c = score(narr)["compound"] if is_english and n_narr else np.nan
        quote_c = score(quote)["compound"] if is_english and n_quote else np.nan
        position = (number - 0.5) / n
        rows.append(
            {
                "file": file,
                "outlet": outlet,
                "sentence": number,
                "paragraph": paragraph,
                "position": position,
                "tenth": min(POSITION_BINS, int(position * POSITION_BINS) + 1),
                "words": count_normalised(text),
                "narration_words": n_narr,
                "quote_words": n_quote,
                "part": "quote" if n_quote and not n_narr else "mixed" if n_quote else "narration",
                **whole,
                "label": label(whole["compound"]),
                "narration_compound": narr_c,
                "quote_compound": quote_c,
                "actors": ";".join(mentions(text, actors)) if any_actors else "",
                "text": text,
            }
        )
    frame = pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))
    ints = ["sentence", "paragraph", "tenth", "words", "narration_words", "quote_words"]
    return frame.astype({c: "int64" for c in ints})


def _describe(values: pd.Series | np.ndarray) -> tuple[int, float, float, float, float]:
    if isinstance(values, np.ndarray):  # the fast path: numpy's mean and median, as pandas's
        values = values.astype(float, copy=False)  # an empty story's column is of dtype object
        v = values[~np.isnan(values)]
        if not len(v):
            return 0, np.nan, np.nan, np.nan, np.nan
        low, high = bootstrap_ci(v)
        return len(v), float(np.mean(v)), float(np.median(v)), low, high
    v = values.dropna()
    if v.empty:
        return 0, np.nan, np.nan, np.nan, np.nan
    low, high = bootstrap_ci(v.to_numpy())
    return len(v), float(v.mean()), float(v.median()), low, high


class _ArrayPart(dict):
    """An article's rows of the sentence table as numpy arrays, column by column (the fast
    path of :func:`summarise`: no DataFrame per article)."""

    @property
    def empty(self) -> bool:
        return len(self["compound"]) == 0


def summarise(
    articles: pd.DataFrame, scored: pd.DataFrame, languages: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per article (columns :data:`ARTICLE_COLUMNS`) from :func:`score_sentences`.

    ``sentiment_sentences`` sentences scored; ``sentiment_mean`` and ``sentiment_median`` their
    compound (-1 to +1); ``sentiment_ci_low`` / ``_ci_high`` the bootstrap interval of the mean;
    ``sentiment_positive_share`` / ``neutral`` / ``negative`` shares of sentences (0-1);
    ``sentiment_narration_*`` and ``sentiment_quotes_*`` the same for the narration and the
    quoted parts of sentences (``_parts`` = how many were scored); ``sentiment_notes`` says why
    a value is missing.
    """
    english = _english(languages)
    rows = []
    positions = scored.groupby("file", sort=False).indices  # file -> its rows, in order
    none = np.array([], dtype="int64")
    quick = fast.enabled()
    if quick:
        columns = {
            c: scored[c].to_numpy()
            for c in ("compound", "label", "narration_compound", "quote_compound", "quote_words")
        }
    for file, outlet in zip(articles["file"], articles["outlet"]):
        if quick:
            at = positions.get(file, none)
            part = _ArrayPart({c: v[at] for c, v in columns.items()})
        else:
            part = scored.iloc[positions.get(file, none)]
        notes = []
        is_english, reason = english.get(file, (True, ""))
        n, mean, median, low, high = _describe(part["compound"])
        labels = part["label"][part["label"] != ""]
        shares = {
            k: float((labels == k).mean()) if len(labels) else np.nan
            for k in ("positive", "neutral", "negative")
        }
        nn, nmean, nmed, nlow, nhigh = _describe(part["narration_compound"])
        qn, qmean, qmed, qlow, qhigh = _describe(part["quote_compound"])
        if not is_english:
            notes.append(f"not scored: {reason}")
        elif part.empty:
            notes.append("no body sentences")
        else:
            if 0 < n < 2:
                notes.append("one sentence: no confidence interval")
            if nn == 0:
                notes.append("no narration: every word is quoted")
            elif nn == 1 and n > 1:
                notes.append("one narration part: no confidence interval")
            if qn == 0:
                notes.append(
                    "no quoted words found"
                    if part["quote_words"].sum() == 0
                    else "no quoted part scored"
                )
            elif qn == 1 and n > 1:
                notes.append("one quoted part: no confidence interval")
        rows.append(
            {
                "file": file,
                "outlet": outlet,
                "sentiment_sentences": n,
                "sentiment_mean": mean,
                "sentiment_median": median,
                "sentiment_ci_low": low,
                "sentiment_ci_high": high,
                "sentiment_positive_share": shares["positive"],
                "sentiment_neutral_share": shares["neutral"],
                "sentiment_negative_share": shares["negative"],
                "sentiment_narration_parts": nn,
                "sentiment_narration_mean": nmean,
                "sentiment_narration_median": nmed,
                "sentiment_narration_ci_low": nlow,
                "sentiment_narration_ci_high": nhigh,
                "sentiment_quotes_parts": qn,
                "sentiment_quotes_mean": qmean,
                "sentiment_quotes_median": qmed,
                "sentiment_quotes_ci_low": qlow,
                "sentiment_quotes_ci_high": qhigh,
                "sentiment_notes": "; ".join(notes),
            }
        )
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def by_position(scored: pd.DataFrame) -> pd.DataFrame:
    """Mean compound per article and tenth of the article: ``file, outlet, tenth, sentences,
    mean, narration_mean, quotes_mean`` (tenths with no sentence are left out)."""
    out = (
        scored.dropna(subset=["compound"])
        .groupby(["file", "tenth"], sort=True)
        .agg(
            outlet=("outlet", "first"),
            sentences=("compound", "size"),
            mean=("compound", "mean"),
            narration_mean=("narration_compound", "mean"),
            quotes_mean=("quote_compound", "mean"),
        )
        .reset_index()
    )
    return out[["file", "outlet", "tenth", "sentences", "mean", "narration_mean", "quotes_mean"]]


def by_actor(scored: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences mentioning each actor, per article: ``file, outlet, actor, sentences, mean,
    median, positive_share, negative_share, narration_mean, quotes_mean``. Every article and
    actor pair is a row (``sentences`` 0 and NaN means when there is no mention); actors come in
    the order of ``actors.csv``."""
    cols = [
        "file",
        "outlet",
        "actor",
        "sentences",
        "mean",
        "median",
        "positive_share",
        "negative_share",
        "narration_mean",
        "quotes_mean",
    ]
    if actors is None:
        names = sorted({a for v in scored["actors"] for a in v.split(";") if a})
    else:
        names = list(actors["actor"])
    rows = []
    files = scored[["file", "outlet"]].drop_duplicates("file")
    for file, outlet in zip(files["file"], files["outlet"]):
        part = scored[(scored["file"] == file) & scored["compound"].notna()]
        mentioned = part["actors"].str.split(";")
        for actor in names:
            sub = part[mentioned.map(lambda xs, a=actor: a in xs)]
            n = len(sub)
            rows.append(
                {
                    "file": file,
                    "outlet": outlet,
                    "actor": actor,
                    "sentences": n,
                    "mean": sub["compound"].mean() if n else np.nan,
                    "median": sub["compound"].median() if n else np.nan,
                    "positive_share": (sub["label"] == "positive").mean() if n else np.nan,
                    "negative_share": (sub["label"] == "negative").mean() if n else np.nan,
                    "narration_mean": sub["narration_compound"].mean() if n else np.nan,
                    "quotes_mean": sub["quote_compound"].mean() if n else np.nan,
                }
            )
    frame = pd.DataFrame(rows, columns=cols)
    return frame.astype({"sentences": "int64"})


def whole_text_comparison(a) -> pd.DataFrame:
    """Why sentiment is per sentence: for each English article, VADER's compound over the
    whole body as one text (``whole_text_compound``, which the workbook never uses) beside the
    mean of its sentences (``sentence_mean``, what ``sentiment_mean`` reports) and the number
    of sentences. Columns ``file, outlet, sentences, whole_text_compound, sentence_mean``."""
    english = _english(a.languages)
    summary = a.sentiment.set_index("file")
    rows = []
    for file, outlet in zip(a.articles["file"], a.articles["outlet"]):
        if not english.get(file, (True, ""))[0]:
            continue
        rows.append(
            {
                "file": file,
                "outlet": outlet,
                "sentences": int(summary.at[file, "sentiment_sentences"]),
                "whole_text_compound": score(a.bodies.get(file, ""))["compound"],
                "sentence_mean": summary.at[file, "sentiment_mean"],
            }
        )
    return pd.DataFrame(
        rows, columns=["file", "outlet", "sentences", "whole_text_compound", "sentence_mean"]
    )


def sentences_of(a) -> pd.DataFrame:
    """:func:`score_sentences` for an :class:`analysis.pipeline.Analysis` (its quotes table
    when there is one, its story folder's ``actors.csv``)."""
    return score_sentences(a.sentences, a.bodies, a.languages, quotes_of(a), read_actors(a.folder))


def sentiment_of(a) -> pd.DataFrame:
    """:func:`summarise` for an :class:`analysis.pipeline.Analysis`."""
    return summarise(a.articles, a.sentiment_sentences, a.languages)


def actors_of(a) -> pd.DataFrame:
    """:func:`by_actor` for an :class:`analysis.pipeline.Analysis`."""
    return by_actor(a.sentiment_sentences, read_actors(a.folder))

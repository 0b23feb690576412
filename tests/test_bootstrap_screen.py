"""The fast bootstrap interval (``sentiment._bootstrap_memo``: the resample means estimated
from their counts, only those near the two quantiles computed exactly) gives the plain path's
interval bit for bit: ``np.quantile`` of ``x[draws].mean(axis=1)`` over all 10,000 resamples."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.measures import sentiment


def _plain(x: np.ndarray, resamples: int = 10_000, confidence: float = 0.95):
    draws = np.random.default_rng(sentiment.BOOTSTRAP_SEED).integers(
        0, len(x), size=(resamples, len(x))
    )
    tail = (1 - confidence) / 2
    return tuple(float(v) for v in np.quantile(x[draws].mean(axis=1), [tail, 1 - tail]))


def _fast(x: np.ndarray, resamples: int = 10_000, confidence: float = 0.95):
    sentiment._bootstrap_memo.cache_clear()
    return sentiment._bootstrap_memo(
        np.ascontiguousarray(x, dtype="float64").tobytes(),
        resamples,
        confidence,
        sentiment.BOOTSTRAP_SEED,
    )


def _values(rng, n: int, kind: int) -> np.ndarray:
    if kind == 0:  # compound scores: four decimals in [-1, 1]
        return np.round(rng.uniform(-1, 1, n), 4)
    if kind == 1:  # few distinct values: many tied means
        return rng.choice([0.0, 0.4019, -0.4019, 0.296, -0.5574], n)
    if kind == 2:  # mostly zeros: zero means (always +0.0) at the quantiles
        return rng.choice([0.0, 0.0, 0.0, 0.3612], n)
    if kind == 3 and n % 3 == 0:  # all zeros, some negative
        return rng.choice([0.0, -0.0], n)
    if kind == 3:  # symmetric: means that cancel to zero
        return rng.choice([-0.5, 0.5], n)
    if kind == 4:  # tiny and huge magnitudes (float32 would under- or overflow)
        return rng.normal(size=n) * rng.choice([1e-35, 1e35])
    if kind == 5:  # values tiny enough for a mean to underflow to -0.0: all means computed
        return rng.choice([0.0, 0.0, 5e-324, -5e-324, -1e-300, 0.25], n)
    return rng.normal(size=n) * 1e-3


@pytest.mark.parametrize("kind", range(7))
def test_screened_interval_is_the_plain_one(kind):
    rng = np.random.default_rng(100 + kind)
    for n in [2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 64, 65, 128, 129, 200, 255, 256, 300]:
        for _ in range(3 if n < 100 else 1):
            x = _values(rng, n, kind)
            assert np.array(_fast(x)).tobytes() == np.array(_plain(x)).tobytes(), (kind, n)


def test_screened_interval_other_levels_and_counts():
    rng = np.random.default_rng(7)
    for resamples, confidence in ((1000, 0.9), (2001, 0.99), (10_000, 0.5), (3, 0.95)):
        for n in (2, 6, 40):
            x = np.round(rng.uniform(-1, 1, n), 4)
            got = _fast(x, resamples, confidence)
            assert np.array(got).tobytes() == np.array(_plain(x, resamples, confidence)).tobytes()


def test_screened_order_statistics_compute_few_means():
    rng = np.random.default_rng(3)
    x = np.round(rng.uniform(-1, 1, 40), 4)
    draws, counts = sentiment._cached_counts(40, 10_000, sentiment.BOOTSTRAP_SEED)
    ks = sentiment._positions(10_000, (0.025, 0.975))[2]
    got = sentiment._screened_order_statistics(x, draws, counts, ks)
    means = np.sort(x[draws].mean(axis=1))
    assert got is not None and got.tobytes() == means[ks].tobytes()
    assert draws.dtype == np.uint8 and counts.dtype == np.float32
    assert (counts.sum(axis=1) == 40).all()


def test_estimates_are_summed_in_blocks_within_the_bound():
    # the estimates are the counts times the values, a block of rows at a time (so OpenBLAS
    # keeps each product on one thread): within the screen's bound of the exact means
    rng = np.random.default_rng(11)
    for n in (5, 46, 47, 88, 200, 255):
        x = np.round(rng.uniform(-1, 1, n), 4)
        draws, counts = sentiment._cached_counts(n, 10_000, sentiment.BOOTSTRAP_SEED)
        got = sentiment._matvec32(counts, x.astype(np.float32)).astype(np.float64) / n
        exact = x[draws.astype(np.intp)].mean(axis=1)
        assert got.shape == (10_000,)
        assert np.abs(got - exact).max() <= (n + 2) * 2.0**-22 * np.abs(x).max()
    assert 10_000 * 47 > sentiment._MATVEC_BLOCK

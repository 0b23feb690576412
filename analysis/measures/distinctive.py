"""Distinctive wording: the words each outlet uses more (or less) than the others.

The measure is the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and
Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the
Content of Political Conflict", *Political Analysis* 16(4): 372-403 (section 3.5). For a word
``w``, an outlet ``i`` and the other outlets pooled as ``j``, with counts ``y_w^i``, ``y_w^j``,
totals ``n^i``, ``n^j`` and prior pseudo-counts ``alpha_w`` summing to ``alpha_0``::

    delta_w = log((y_w^i + alpha_w) / (n^i + alpha_0 - y_w^i - alpha_w))
            - log((y_w^j + alpha_w) / (n^j + alpha_0 - y_w^j - alpha_w))
    var(delta_w) ~= 1 / (y_w^i + alpha_w) + 1 / (y_w^j + alpha_w)
    z_w = delta_w / sqrt(var(delta_w))

``delta`` is the difference in log-odds of using the word (positive: the outlet uses it more);
``z`` divides it by its standard error, so a word used once by a short article does not
outrank a word used ten times. |z| > 1.96 is the usual mark of a difference unlikely by chance
alone for one word (with hundreds of words tested, some pass by chance: read the top of the
list, not a threshold).

The prior is informative: ``alpha_w = alpha_0 * pi_w``, where ``pi_w`` is the word's share of
all the story's words (every outlet pooled), so common words are shrunk towards their common
rate. ``alpha_0`` defaults to the story's word count, so ``alpha_w`` is the word's pooled count
(the default of the tidylo R package, Schnoebelen, Silge and Hayes); a background corpus can be
passed instead (as Jurafsky et al. 2014, "Narrative framing of consumer sentiment in online
restaurant reviews", do). With a few short articles this prior is strong: z-scores stay small,
and the ranking matters more than any threshold. Words are the lower-cased words of the body
(:func:`analysis.story.text.words`, curly quotes straightened), quotations included: which of the
speaker's words an outlet quotes is part of its wording.
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping

import numpy as np
import pandas as pd

from analysis.story.text import normalise_typography, words

DISTINCTIVE_COLUMNS = ("outlet", "term", "count", "count_rest", "delta", "variance", "z", "rank")


def term_counts(texts) -> Counter:
    """Lower-cased word counts of ``texts`` (an iterable of strings)."""
    c: Counter = Counter()
    for t in texts:
        c.update(w.lower() for w in words(normalise_typography(t)))
    return c


def log_odds(
    counts_i: Mapping[str, int], counts_j: Mapping[str, int], prior: Mapping[str, float]
) -> pd.DataFrame:
    """The Fightin' Words statistics of group ``i`` against group ``j`` for every word of the
    prior: columns ``term, count, count_rest, delta, variance, z`` (see the module docstring).

    ``prior`` maps each word to its pseudo-count ``alpha_w`` (all positive); ``alpha_0`` is
    their sum. Words missing from the prior get no row.
    """
    terms = list(prior)
    a = np.array([prior[t] for t in terms], dtype=float)
    if (a <= 0).any():
        raise ValueError("every prior pseudo-count must be positive")
    a0 = a.sum()
    yi = np.array([counts_i.get(t, 0) for t in terms], dtype=float)
    yj = np.array([counts_j.get(t, 0) for t in terms], dtype=float)
    ni, nj = float(sum(counts_i.values())), float(sum(counts_j.values()))
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return pd.DataFrame(
        {
            "term": terms,
            "count": yi.astype(int),
            "count_rest": yj.astype(int),
            "delta": delta,
            "variance": var,
            "z": delta / np.sqrt(var),
        }
    )


def informative_prior(
    pooled: Mapping[str, int],
    alpha0: float | None = None,
    background: Mapping[str, int] | None = None,
) -> dict[str, float]:
    """``alpha_w = alpha_0 * pi_w``: ``pi_w`` from ``background`` if given, else from the
    pooled counts; ``alpha_0`` defaults to the pooled word count. Words of the pooled counts
    that the background lacks get the background's smallest share (so every word has a
    positive prior)."""
    base = background if background is not None else pooled
    total = float(sum(base.values()))
    if total <= 0:
        return {}
    a0 = float(sum(pooled.values())) if alpha0 is None else float(alpha0)
    floor = min(v for v in base.values() if v > 0) / total
    return {w: a0 * (base.get(w, 0) / total or floor) for w in pooled}


def distinctive_terms(
    groups: Mapping[str, Counter],
    alpha0: float | None = None,
    background: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Each group (outlet) against all the others pooled: one row per group and word the group
    uses (:data:`DISTINCTIVE_COLUMNS`), ``rank`` 1 = the highest z in the group. The words a
    group never uses are left out (each is some other group's word). With fewer than two
    groups there is nothing to compare: an empty table.

    Computed for all groups at once on a groups-by-words count matrix, so 200 outlets cost
    about as much as one pass over their words."""
    cols = list(DISTINCTIVE_COLUMNS)
    if len(groups) < 2:
        return pd.DataFrame(columns=cols)
    pooled: Counter = Counter()
    for c in groups.values():
        pooled.update(c)
    prior = informative_prior(pooled, alpha0, background)
    vocab = list(prior)
    if not vocab:
        return pd.DataFrame(columns=cols)
    col = {w: k for k, w in enumerate(vocab)}
    names = list(groups)
    y = np.zeros((len(names), len(vocab)))
    for g, name in enumerate(names):
        for w, c in groups[name].items():  # type: ignore[assignment]
            if w in col:
                y[g, col[w]] = c  # type: ignore[call-overload]
    a = np.array([prior[w] for w in vocab], dtype=float)
    a0 = a.sum()
    total = y.sum(axis=0)
    frames = []
    for g, name in enumerate(names):
        used = np.flatnonzero(y[g] > 0)
        yi, yj, aw = y[g, used], total[used] - y[g, used], a[used]
        ni = y[g].sum()
        nj = total.sum() - ni
        # A story whose whole vocabulary is one word has no odds against other words: the
        # log-odds are inf - inf, and delta and z are NaN (no word is distinctive), silently.
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.log((yi + aw) / (ni + a0 - yi - aw)) - np.log(
                (yj + aw) / (nj + a0 - yj - aw)
            )
        var = 1.0 / (yi + aw) + 1.0 / (yj + aw)
        t = pd.DataFrame(
            {
                "outlet": name,
                "term": [vocab[k] for k in used],
                "count": yi.astype("int64"),
                "count_rest": yj.astype("int64"),
                "delta": delta,
                "variance": var,
                "z": delta / np.sqrt(var),
            }
        )
        t = t.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        t["rank"] = np.arange(1, len(t) + 1)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)[cols]


def outlet_terms(analysis, alpha0: float | None = None, background=None) -> pd.DataFrame:
    """:func:`distinctive_terms` for the outlets of a story (body sentences of the coverage
    articles; non-English articles left out)."""
    from analysis.measures.framing import _english, body_sentences

    s = body_sentences(analysis)
    english = _english(analysis)
    s = s[s["file"].map(lambda f: english.get(f, True)).astype(bool)]  # bool even when empty
    groups = {o: term_counts(g["text"]) for o, g in s.groupby("outlet", sort=False)}
    return distinctive_terms(groups, alpha0, background)


def top_terms(
    table: pd.DataFrame, n: int = 10, min_count: int = 2, content_only: bool = True
) -> pd.DataFrame:
    """The ``n`` words with the highest positive z of each outlet, among words it used at least
    ``min_count`` times (one-off words are many and their z says little). ``content_only``
    leaves out English function words (``analysis/data/english_function_words.txt``) for
    reading; the z-scores themselves are computed on every word."""
    if table.empty:
        return table.copy()
    t = table[(table["count"] >= min_count) & (table["z"] > 0)]
    if content_only:
        from analysis.story.language import function_words

        fw = function_words()
        # astype(bool): an empty mask of dtype object would select columns, not rows.
        t = t[~t["term"].map(lambda w: w in fw or w.split("'")[0] in fw).astype(bool)]
    return t.groupby("outlet", sort=False).head(n).reset_index(drop=True)

"""Length, readability and sentiment in one table: one row per article.

``python -m analysis metrics --seeds DIR --format csv`` prints it. Its columns
(:data:`METRICS_COLUMNS`) are stable and documented one by one in the README ("Length,
readability and sentiment"); they come from :mod:`analysis.measures.length`, :mod:`analysis.measures.readability`
and :mod:`analysis.measures.sentiment`. Also on the command line: ``sentiment-sentences`` (one row per
sentence) and ``sentiment-actors`` (one row per article and actor).
"""

from __future__ import annotations

import pandas as pd

from analysis.measures.length import LENGTH_COLUMNS
from analysis.measures.readability import READABILITY_COLUMNS
from analysis.measures.sentiment import ARTICLE_COLUMNS

_KEYS = ("file", "outlet")
#: Columns of the metrics table, in order: keys, ``kind`` and ``english``, then length,
#: readability (its ``words`` and ``sentences`` are the length table's) and sentiment.
METRICS_COLUMNS = (
    ("file", "outlet", "kind", "english")
    + tuple(c for c in LENGTH_COLUMNS if c not in _KEYS)
    + tuple(c for c in READABILITY_COLUMNS if c not in (*_KEYS, "words", "sentences"))
    + tuple(c for c in ARTICLE_COLUMNS if c not in _KEYS)
)


def metrics_table(
    articles: pd.DataFrame,
    languages: pd.DataFrame,
    length: pd.DataFrame,
    readability: pd.DataFrame,
    sentiment: pd.DataFrame,
) -> pd.DataFrame:
    """Join the per-article tables on ``file`` (columns :data:`METRICS_COLUMNS`)."""
    out = articles[["file", "outlet", "kind"]].reset_index(drop=True)
    out = out.merge(languages[["file", "english"]], on="file", how="left")
    out = out.merge(length.drop(columns="outlet"), on="file", how="left")
    out = out.merge(
        readability.drop(columns=["outlet", "words", "sentences"]), on="file", how="left"
    )
    out = out.merge(sentiment.drop(columns="outlet"), on="file", how="left")
    return out[list(METRICS_COLUMNS)]


def metrics_of(a) -> pd.DataFrame:
    """:func:`metrics_table` for an :class:`analysis.pipeline.Analysis`."""
    return metrics_table(a.articles, a.languages, a.length, a.readability, a.sentiment)

"""Length of each article: what the body holds, what the cleaner removed, what is quoted.

One row per article (:data:`LENGTH_COLUMNS`). Every count reads the text after
:func:`analysis.story.text.normalise_typography`; words are :func:`analysis.story.text.count_words` (the
one definition of a word in the workbook), sentences are rows of the project's sentences table
(:mod:`analysis.story.sentences`), paragraphs rows of the paragraphs table.

Quoted words come from the quotes table (:mod:`analysis.measures.quotes`: ``file, start, end`` are the
offsets of the quoted words in the body text). Quoted words are the words inside those spans;
every other body word is narration. When the story has no quotes table (the module or its
table is missing) every word is narration and ``quotes_found`` is False.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import pandas as pd

from analysis import fast
from analysis.story.cleaning import ROLES
from analysis.story.text import count_normalised, count_words, normalise_typography

#: Roles whose words were removed from the body (every role but ``body`` and ``blank``).
REMOVED_ROLES = tuple(r for r in ROLES if r not in ("body", "blank"))
#: Columns of the length table, one row per article.
LENGTH_COLUMNS = (
    "file",
    "outlet",
    "body_words",
    "sentences",
    "paragraphs",
    "characters",
    "mean_sentence_words",
    "median_sentence_words",
    "quote_words",
    "narration_words",
    "quote_share",
    "quotes_found",
    "removed_words",
) + tuple(f"removed_words_{r}" for r in REMOVED_ROLES)


# ---------------------------------------------------------------------------------------------
# Quote spans (shared with analysis.measures.sentiment)


def quotes_of(a) -> pd.DataFrame | None:
    """The story's quotes table, or None when there is none yet.

    Reads ``a.quotes`` when :class:`analysis.pipeline.Analysis` has that table (built by
    :mod:`analysis.measures.quotes`); otherwise None, and callers treat the whole body as narration.
    """
    if getattr(type(a), "quotes", None) is None:
        return None
    cache = getattr(a, "__dict__", {})
    if fast.enabled() and "quotes" not in cache:
        # Only the quotes' places are read here: find them without the speakers, verbs and
        # quote units of the full table (the same rows and offsets), once per analysis.
        if "_quote_places" not in cache:
            from analysis.measures.quotes import quote_places

            cache["_quote_places"] = quote_places(a)
        return cache["_quote_places"]
    return a.quotes


def quote_spans(quotes: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]]:
    """``file -> [(start, end), ...]``: the body spans of quoted words, sorted and merged where
    they overlap or touch. Rows whose ``location`` (when the column exists) is not ``body`` are
    left out: their offsets are not body offsets."""
    if quotes is None or len(quotes) == 0:
        return {}
    missing = [c for c in ("file", "start", "end") if c not in quotes.columns]
    if missing:
        raise ValueError(f"quotes table: missing column(s) {', '.join(missing)}")
    if fast.enabled() and _int_column(quotes, "start") and _int_column(quotes, "end"):
        return _spans_fast(quotes)
    q = quotes
    if "location" in q.columns:
        q = q[q["location"].astype(str).eq("body")]
    q = q.dropna(subset=["start", "end"])
    spans: dict[str, list[tuple[int, int]]] = {}
    for file, group in q.groupby("file", sort=False):
        spans[file] = _merged(zip(group["start"].astype(int), group["end"].astype(int)))
    return spans


def _merged(pairs) -> list[tuple[int, int]]:
    """``(start, end)`` spans sorted, empty ones dropped and overlapping ones joined."""
    merged: list[list[int]] = []
    for s, e in sorted(pairs):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _int_column(frame: pd.DataFrame, name: str) -> bool:
    return frame[name].dtype == np.int64


def _spans_fast(quotes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """:func:`quote_spans` for integer ``start, end`` columns (no missing value), in plain
    Python lists: files in order of first appearance (``groupby(sort=False)``), each file's
    spans sorted and merged the same way."""
    files = quotes["file"].tolist()
    starts = quotes["start"].tolist()
    ends = quotes["end"].tolist()
    if "location" in quotes.columns:
        body = [str(x) == "body" for x in quotes["location"].tolist()]
    else:
        body = [True] * len(files)
    groups: dict[str, list[tuple[int, int]]] = {}
    for f, s, e, b in zip(files, starts, ends, body):
        if b:
            groups.setdefault(f, []).append((s, e))
    spans: dict[str, list[tuple[int, int]]] = {}
    for file, pairs in groups.items():
        spans[file] = _merged(pairs)
    return spans


def split_by_quotes(
    body: str, start: int, end: int, spans: list[tuple[int, int]]
) -> tuple[str, str, int, int]:
    """Split the body slice ``body[start:end]`` (one sentence) into its narration and its
    quoted words.

    Returns ``(narration_text, quote_text, narration_words, quote_words)``: the texts are the
    slices outside and inside the quote spans, each joined with a space (display typography
    kept); the counts are the words of those slices after typography is normalised. Quote
    spans start and end at quotation marks, so the two counts add up to the sentence's words.
    """
    # ``spans`` are sorted and disjoint (:func:`quote_spans`): start at the first that ends
    # after ``start`` (a binary search: a long article has thousands of sentences and quotes).
    inner = []
    i = bisect_right(spans, start, key=lambda span: span[1])
    while i < len(spans) and spans[i][0] < end:
        inner.append((max(spans[i][0], start), min(spans[i][1], end)))
        i += 1
    if not inner:
        text = body[start:end]
        return text, "", count_normalised(text), 0
    quoted, narration = [], []
    pos = start
    for s, e in inner:
        if s > pos:
            narration.append(body[pos:s])
        quoted.append(body[s:e])
        pos = e
    if pos < end:
        narration.append(body[pos:end])
    n_quote = sum(count_normalised(t) for t in quoted)
    n_narr = sum(count_normalised(t) for t in narration)
    narr_text = " ".join(t.strip() for t in narration if t.strip())
    quote_text = " ".join(t.strip() for t in quoted if t.strip())
    return narr_text, quote_text, n_narr, n_quote


# ---------------------------------------------------------------------------------------------
# The table


def length_table(
    articles: pd.DataFrame,
    lines: pd.DataFrame,
    paragraphs: pd.DataFrame,
    bodies: pd.Series,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per article (columns :data:`LENGTH_COLUMNS`).

    ``body_words`` words of the body; ``sentences`` and ``paragraphs`` rows of those tables;
    ``characters`` characters of the body's paragraphs after typography is normalised (spaces
    included, the blank line between paragraphs not); ``mean_sentence_words`` and
    ``median_sentence_words`` words per sentence (NaN with no sentence); ``quote_words`` and
    ``narration_words`` the body words inside and outside quote spans (they add up to
    ``body_words``), ``quote_share`` = quote_words / body_words (0-1); ``quotes_found`` whether
    a quotes table was available; ``removed_words`` the words of every line the cleaner took
    out of the body (roles other than ``body`` and ``blank``), and ``removed_words_<role>`` per
    role.
    """
    spine = articles[["file", "outlet"]].reset_index(drop=True)
    spans = quote_spans(quotes)

    sent = sentences[["file", "text", "start", "end"]].copy()
    sent["n"] = [count_normalised(t) for t in sent["text"]]
    per_sent = sent.groupby("file", sort=False)["n"].agg(["size", "mean", "median"])

    para = paragraphs[["file", "text"]].copy()
    para["chars"] = [len(normalise_typography(t)) for t in para["text"]]
    per_para = para.groupby("file", sort=False)["chars"].agg(["size", "sum"])

    removed = lines[lines["role"].isin(REMOVED_ROLES)][["file", "role", "clean"]].copy()
    removed["n"] = [count_words(normalise_typography(t)) for t in removed["clean"]]
    quick = fast.enabled()
    if quick:
        # the same sums and lookups from plain dicts: no pivot table, no .at per value
        role_sum: dict[tuple[str, str], int] = {}
        for key in zip(removed["file"].tolist(), removed["role"].tolist(), removed["n"].tolist()):
            role_sum[key[:2]] = role_sum.get(key[:2], 0) + key[2]
        sent_size, sent_mean, sent_median = (per_sent[c].to_dict() for c in per_sent.columns)
        para_size, para_sum = (per_para[c].to_dict() for c in per_para.columns)
        body_of = dict(zip(bodies.index, bodies.to_numpy()))
    else:
        per_role = removed.pivot_table(
            index="file", columns="role", values="n", aggfunc="sum", fill_value=0
        )

    rows = []
    for file in spine["file"]:
        if quick:
            body = body_of.get(file, "")
            body_words = count_words(normalise_typography(body))
            quote_words = sum(
                count_words(normalise_typography(body[s:e])) for s, e in spans.get(file, [])
            )
            role_words = {
                f"removed_words_{r}": int(role_sum.get((file, r), 0)) for r in REMOVED_ROLES
            }
            has_sent = file in sent_size
            has_para = file in para_size
            rows.append(
                {
                    "file": file,
                    "body_words": body_words,
                    "sentences": int(sent_size[file]) if has_sent else 0,
                    "paragraphs": int(para_size[file]) if has_para else 0,
                    "characters": int(para_sum[file]) if has_para else 0,
                    "mean_sentence_words": float(sent_mean[file]) if has_sent else np.nan,
                    "median_sentence_words": float(sent_median[file]) if has_sent else np.nan,
                    "quote_words": quote_words,
                    "narration_words": body_words - quote_words,
                    "quote_share": quote_words / body_words if body_words else np.nan,
                    "quotes_found": quotes is not None,
                    "removed_words": sum(role_words.values()),
                    **role_words,
                }
            )
            continue
        body = bodies.get(file, "")
        body_words = count_words(normalise_typography(body))
        quote_words = sum(
            count_words(normalise_typography(body[s:e])) for s, e in spans.get(file, [])
        )
        role_words = {
            f"removed_words_{r}": int(per_role.at[file, r])
            if file in per_role.index and r in per_role.columns
            else 0
            for r in REMOVED_ROLES
        }
        has_sent = file in per_sent.index
        rows.append(
            {
                "file": file,
                "body_words": body_words,
                "sentences": int(per_sent.at[file, "size"]) if has_sent else 0,
                "paragraphs": int(per_para.at[file, "size"]) if file in per_para.index else 0,
                "characters": int(per_para.at[file, "sum"]) if file in per_para.index else 0,
                "mean_sentence_words": float(per_sent.at[file, "mean"]) if has_sent else np.nan,
                "median_sentence_words": float(per_sent.at[file, "median"]) if has_sent else np.nan,
                "quote_words": quote_words,
                "narration_words": body_words - quote_words,
                "quote_share": quote_words / body_words if body_words else np.nan,
                "quotes_found": quotes is not None,
                "removed_words": sum(role_words.values()),
                **role_words,
            }
        )
    empty = [c for c in LENGTH_COLUMNS if c != "outlet"]  # no articles: keep the columns
    table = spine.merge(pd.DataFrame(rows, columns=None if rows else empty), on="file", how="left")
    return table[list(LENGTH_COLUMNS)]


def length_of(a) -> pd.DataFrame:
    """:func:`length_table` for an :class:`analysis.pipeline.Analysis`."""
    return length_table(a.articles, a.lines, a.paragraphs, a.bodies, a.sentences, quotes_of(a))

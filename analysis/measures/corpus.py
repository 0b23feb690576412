"""The corpus and its cleaning, as tables: what each outlet's paste held and what the cleaner
took out.

- :func:`corpus` — one row per article: manifest fields, language, raw and body sizes.
- :func:`removed_lines` — every line the cleaner did not keep as body (blank lines aside), with
  its role and the rule that gave it.
- :func:`removal_counts` — lines and words removed per outlet, role and reason.
- :func:`words_by_outlet` — raw, body and removed words per outlet.

Words are counted with :func:`analysis.story.text.count_words` on each line's display text
(entities decoded), the one definition of a word in the workbook; ``raw_words`` counts every
line, ``body_words`` the body lines only, so ``raw_words - body_words`` is what the cleaner
removed.
"""

from __future__ import annotations

import pandas as pd

from analysis.story.loading import coverage_rows
from analysis.story.text import count_words

#: Roles that are kept (``body``) or carry no text (``blank``); every other role is furniture.
KEPT_ROLES = ("body", "blank")
#: The order furniture roles are shown in (top of the page first).
FURNITURE_ROLES = (
    "headline",
    "standfirst",
    "dateline",
    "byline",
    "caption",
    "subhead",
    "credit",
    "boilerplate",
)

CORPUS_COLUMNS = (
    "file",
    "outlet",
    "kind",
    "headline",
    "published",
    "author",
    "wire_agency",
    "republished_by",
    "language",
    "encoding",
    "bytes",
    "raw_lines",
    "blank_lines",
    "removed_lines",
    "body_paragraphs",
    "raw_words",
    "body_words",
    "removed_words",
    "removed_share",
)
REMOVED_COLUMNS = ("file", "outlet", "line", "role", "reason", "words", "text")
COUNT_COLUMNS = ("outlet", "role", "reason", "lines", "words")


def _line_words(lines: pd.DataFrame) -> pd.Series:
    return lines["clean"].map(count_words).astype("int64")


def corpus(a) -> pd.DataFrame:
    """One row per article (source documents included, ``kind`` says which).

    Columns: the manifest's ``file, outlet, kind, headline, published, author, wire_agency,
    republished_by``; ``language`` (:mod:`analysis.story.language`); ``encoding`` and ``bytes`` of the
    raw file; ``raw_lines`` (every line), ``blank_lines``, ``removed_lines`` (furniture: neither
    body nor blank), ``body_paragraphs``; ``raw_words``, ``body_words``, ``removed_words``
    (words, :func:`analysis.story.text.count_words`) and ``removed_share`` (removed / raw words, 0-1).
    """
    lines = a.lines.assign(words=_line_words(a.lines))
    role = lines["role"]
    per = (
        lines.assign(
            blank=role.eq("blank"),
            removed=~role.isin(KEPT_ROLES),
            body_words=lines["words"].where(role.eq("body"), 0),
        )
        .groupby("file", sort=False)
        .agg(
            raw_lines=("line", "size"),
            blank_lines=("blank", "sum"),
            removed_lines=("removed", "sum"),
            body_paragraphs=("paragraph", "max"),  # numbered 1..n; a wrapped one spans lines
            raw_words=("words", "sum"),
            body_words=("body_words", "sum"),
        )
    )
    arts = a.articles.set_index("file")
    out = arts.join(per, how="left")
    for col in per.columns:
        out[col] = out[col].fillna(0).astype("int64")
    out["removed_words"] = out["raw_words"] - out["body_words"]
    raw = out["raw_words"].where(out["raw_words"] > 0)
    out["removed_share"] = (out["removed_words"] / raw).round(4)
    langs = a.languages.set_index("file")["language"] if len(a.languages) else pd.Series(dtype=str)
    out["language"] = langs.reindex(out.index)
    out = out.reset_index()
    for col in CORPUS_COLUMNS:
        if col not in out:
            out[col] = ""
    return out[list(CORPUS_COLUMNS)]


def removed_lines(a) -> pd.DataFrame:
    """Every furniture line (role neither ``body`` nor ``blank``): ``file, outlet, line, role,
    reason, words, text`` (``text`` is the raw line; ``words`` its word count)."""
    lines = a.lines[~a.lines["role"].isin(KEPT_ROLES)]
    out = lines.assign(words=_line_words(lines))
    return out[list(REMOVED_COLUMNS)].reset_index(drop=True)


def removal_counts(a) -> pd.DataFrame:
    """Lines and words removed per outlet, role and reason: ``outlet, role, reason, lines,
    words``, sorted by outlet and then most lines first."""
    rem = removed_lines(a)
    if rem.empty:
        return pd.DataFrame(
            {
                "outlet": pd.Series(dtype=str),
                "role": pd.Series(dtype=str),
                "reason": pd.Series(dtype=str),
                "lines": pd.Series(dtype="int64"),
                "words": pd.Series(dtype="int64"),
            }
        )
    out = (
        rem.groupby(["outlet", "role", "reason"], sort=True)
        .agg(lines=("line", "size"), words=("words", "sum"))
        .reset_index()
    )
    return out.sort_values(
        ["outlet", "lines", "role", "reason"], ascending=[True, False, True, True]
    ).reset_index(drop=True)


def words_by_outlet(a) -> pd.DataFrame:
    """Raw, body and removed words per outlet (articles only, summed over an outlet's
    articles): ``outlet, articles, raw_words, body_words, removed_words, removed_share``."""
    c = coverage_rows(corpus(a))
    out = (
        c.groupby("outlet", sort=True)
        .agg(
            articles=("file", "size"),
            raw_words=("raw_words", "sum"),
            body_words=("body_words", "sum"),
            removed_words=("removed_words", "sum"),
        )
        .reset_index()
    )
    raw = out["raw_words"].where(out["raw_words"] > 0)
    out["removed_share"] = (out["removed_words"] / raw).round(4)
    return out

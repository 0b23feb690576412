"""Headline findings as sentences generated from the tables (never numbers typed by hand).

Each finding is built in two steps, both tested on hand-built tables:

1. a summary per outlet (:func:`outlet_means`, :func:`outlet_totals`), from a tidy table;
2. a sentence from that summary (:func:`most_negative`, :func:`longest`, ...), which names the
   outlet at the extreme, gives the value, its unit and, where there is one, the 95% interval.

:func:`findings` runs every finding the story's tables allow and returns one row per finding
(:data:`FINDING_COLUMNS`); a finding whose table is missing (a module not there yet, a story
with no quotes) is left out. ``python -m analysis findings --seeds DIR`` prints them, and the
hub notebook (``00-overview``) shows them.
"""

from __future__ import annotations

import html
import math
import re
from typing import Callable

import numpy as np
import pandas as pd

from analysis.measures import claims
from analysis.story.loading import coverage_rows

#: Columns of the findings table.
FINDING_COLUMNS = (
    "finding",
    "sentence",
    "outlet",
    "value",
    "ci_low",
    "ci_high",
    "n",
    "unit",
    "table",
)
CONFIDENCE = 0.95


# --------------------------------------------------------------------------- helpers


def possessive(name: str) -> str:
    """``"LBC"`` -> ``"LBC's"``; ``"Fox News"`` -> ``"Fox News's"`` (the Chicago Manual's rule
    for names ending in s)."""
    return f"{name}'s"


def number(value: float, digits: int = 2, signed: bool = False) -> str:
    """A number for a sentence: ``digits`` decimals, ``-0.00`` written ``0.00``, a ``+`` when
    ``signed`` and positive; ``n/a`` for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = f"{0:.{digits}f}"
    if signed and float(text) > 0:
        text = "+" + text
    return text


def percent(share: float) -> str:
    """A share (0-1) as a whole percentage: ``0.205`` -> ``"21%"``."""
    return "n/a" if share is None or share != share else f"{share * 100:.0f}%"


def _coverage(table: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Rows of coverage articles only (``kind`` ``source`` documents left out)."""
    if articles is None or "file" not in table:
        return table
    return table[table["file"].isin(set(coverage_rows(articles)["file"]))]


def t_interval(values, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Student's t interval for the mean of ``values`` (NaN dropped): mean +/- t * s / sqrt(n),
    ``t`` the two-sided quantile with n - 1 degrees of freedom. ``(nan, nan)`` below 2 values."""
    x = np.asarray(values, dtype="float64")
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return (math.nan, math.nan)
    half = t_quantile(1 - (1 - confidence) / 2, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
    return (float(x.mean() - half), float(x.mean() + half))


def _betacf(a: float, b: float, x: float) -> float:
    # Continued fraction of the incomplete beta function (Numerical Recipes, 6.4).
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > 1e-300 else 1e-300)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1 + aa * d
            d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c
            c = c if abs(c) > 1e-300 else 1e-300
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def _t_cdf(t: float, df: float) -> float:
    x = df / (df + t * t)
    a, b = df / 2, 0.5
    front = (
        math.exp(
            math.lgamma(a + b)
            - math.lgamma(a)
            - math.lgamma(b)
            + a * math.log(x)
            + b * math.log1p(-x)
        )
        if 0 < x < 1
        else 0.0
    )
    if x == 0:
        ibeta = 0.0
    elif x < (a + 1) / (a + b + 2):
        ibeta = front * _betacf(a, b, x) / a
    else:
        ibeta = 1 - front * _betacf(b, a, 1 - x) / b
    tail = ibeta / 2
    return 1 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The ``p`` quantile of Student's t with ``df`` degrees of freedom (bisection on the CDF,
    from the regularised incomplete beta function)."""
    if not 0 < p < 1:
        raise ValueError("p must lie between 0 and 1")
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if _t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def default_interval() -> Callable:
    """The interval the workbook uses for means: :func:`analysis.measures.sentiment.bootstrap_ci` (the
    same one the sentiment tables publish), or :func:`t_interval` without that module."""
    try:
        from analysis.measures.sentiment import bootstrap_ci
    except ImportError:
        return t_interval
    return bootstrap_ci


# --------------------------------------------------------------------------- summaries


def outlet_means(
    table: pd.DataFrame, value: str, group: str = "outlet", interval: Callable | None = None
) -> pd.DataFrame:
    """Mean of ``value`` per outlet with its 95% interval: ``outlet, n, mean, ci_low,
    ci_high`` (``n`` the values that are not NaN), sorted by outlet.

    ``interval`` maps the values to ``(low, high)`` (default :func:`default_interval`)."""
    interval = interval or default_interval()
    rows = []
    for outlet, part in table.groupby(group, sort=True):
        x = pd.to_numeric(part[value], errors="coerce").dropna().to_numpy()
        low, high = interval(x) if len(x) else (math.nan, math.nan)
        rows.append(
            {
                "outlet": outlet,
                "n": len(x),
                "mean": float(x.mean()) if len(x) else math.nan,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return pd.DataFrame(rows, columns=["outlet", "n", "mean", "ci_low", "ci_high"])


def outlet_totals(table: pd.DataFrame, value: str, group: str = "outlet") -> pd.DataFrame:
    """Per outlet: ``outlet, articles, mean`` (mean of ``value`` over the outlet's articles,
    NaN left out) and ``total``; sorted by outlet."""
    numbers = pd.to_numeric(table[value], errors="coerce")
    frame = table.assign(_v=numbers)
    out = (
        frame.groupby(group, sort=True)
        .agg(articles=("_v", "count"), mean=("_v", "mean"), total=("_v", "sum"))
        .reset_index()
    )
    return out.rename(columns={group: "outlet"})


# --------------------------------------------------------------------------- sentences


def _row(
    finding: str,
    sentence: str,
    outlet: str,
    value: float,
    unit: str,
    table: str,
    ci_low=math.nan,
    ci_high=math.nan,
    n=None,
) -> dict:
    return {
        "finding": finding,
        "sentence": sentence,
        "outlet": outlet,
        "value": value,
        "ci_low": ci_low,
        "ci_high": ci_high,
        "n": n,
        "unit": unit,
        "table": table,
    }


def most_negative(
    summary: pd.DataFrame,
    unit: str = "sentences",
    table: str = "sentiment_sentences",
    labels: dict | None = None,
) -> dict | None:
    """From :func:`outlet_means` of sentence sentiment (VADER compound, -1 to +1): the outlet
    whose sentences are the most negative on average, with the mean and its 95% interval,
    named only when that interval overlaps no other outlet's.

    "LBC's sentences are the most negative: mean -0.17, 95% interval over its sentences -0.39
    to -0.06 (20 sentences; VADER compound, -1 to +1)." When every mean is above zero the
    outlet is "the least positive". When the intervals overlap, the sentence says the
    articles are about the same. The interval describes how one article's sentences vary,
    not the outlet."""
    labels = labels or {}
    s = summary.dropna(subset=["mean"])
    if s.empty:
        return None
    low = s.loc[s["mean"].idxmin()]
    name = labels.get(low["outlet"], low["outlet"])
    others = s[s["outlet"] != low["outlet"]]
    overlap = any(
        claims.intervals_overlap(low["ci_low"], low["ci_high"], r.ci_low, r.ci_high)
        for r in others.itertuples()
    )
    if len(others) and overlap:
        high = s.loc[s["mean"].idxmax()]
        sentence = (
            f"Sentence sentiment is about the same in every article: means "
            f"{claims.span(number(low['mean']), number(high['mean']))}, and the 95% intervals "
            f"over each article's sentences overlap (VADER compound, -1 to +1)."
        )
    else:
        what = "the most negative" if low["mean"] < 0 else "the least positive"
        sentence = f"{possessive(name)} sentences are {what}: mean {number(low['mean'])}"
        if not math.isnan(low["ci_low"]):
            sentence += (
                f", 95% interval over its sentences {number(low['ci_low'])} to "
                f"{number(low['ci_high'])}"
            )
        sentence += f" ({int(low['n'])} {unit}; VADER compound, -1 to +1)."
    return _row(
        "most-negative-sentences",
        sentence,
        low["outlet"],
        low["mean"],
        "VADER compound (-1 to +1)",
        table,
        low["ci_low"],
        low["ci_high"],
        int(low["n"]),
    )


def longest(
    summary: pd.DataFrame, table: str = "length", labels: dict | None = None
) -> dict | None:
    """From :func:`outlet_totals` of ``body_words``: the outlet with the longest coverage and
    the shortest for comparison, when at least :data:`~analysis.measures.claims.COUNT_GAP`
    words apart. "Fox News ran the longest article: 549 body words, against 446 for LBC."
    (outlets with several articles: "a mean of ... per article")."""
    labels = labels or {}
    s = summary.dropna(subset=["mean"])
    if s.empty:
        return None
    top, bottom = s.loc[s["mean"].idxmax()], s.loc[s["mean"].idxmin()]
    per = "" if (s["articles"] <= 1).all() else "a mean of "
    noun = "article" if per == "" and top["articles"] == 1 else "articles"
    name = labels.get(top["outlet"], top["outlet"])
    if len(s) > 1 and not claims.counts_differ(top["mean"], bottom["mean"]):
        sentence = (
            f"The articles are about the same length: {per}"
            + claims.span(f"{bottom['mean']:.0f}", f"{top['mean']:.0f}", " body words")
            + "."
        )
    else:
        group = claims.close_to_end(s.set_index("outlet")["mean"], claims.counts_differ)
        if len(group) > 1:  # the runner-up is within the gap: no single leader
            means = s.set_index("outlet").loc[group, "mean"]
            name = claims.join(labels.get(o, o) for o in group)
            sentence = (
                f"{name} ran the longest {'articles' if not per else noun}, about equally: "
                f"{per}{claims.span(f'{means.min():.0f}', f'{means.max():.0f}', ' body words')}"
            )
        else:
            sentence = f"{name} ran the longest {noun}: {per}{top['mean']:.0f} body words"
        if per:
            sentence += " per article"
        if len(s) > 1:
            sentence += (
                f", against {bottom['mean']:.0f} for "
                f"{labels.get(bottom['outlet'], bottom['outlet'])}"
            )
        sentence += "."
    return _row(
        "longest-coverage",
        sentence,
        top["outlet"],
        float(top["mean"]),
        "body words",
        table,
        n=int(top["articles"]),
    )


def hardest_to_read(
    summary: pd.DataFrame, table: str = "readability", labels: dict | None = None
) -> dict | None:
    """From :func:`outlet_totals` of ``consensus_grade`` (US school grade): the hardest outlet
    to read and the easiest, when at least a grade apart. "Fox News is the hardest to read:
    consensus grade 14.2, against 11.0 for LBC (US school grade, median of the valid
    formulas)." Closer than a grade: "The articles read at about the same grade"."""
    labels = labels or {}
    s = summary.dropna(subset=["mean"])
    if s.empty:
        return None
    top, bottom = s.loc[s["mean"].idxmax()], s.loc[s["mean"].idxmin()]
    if len(s) > 1 and not claims.grades_differ(top["mean"], bottom["mean"]):
        sentence = (
            "The articles read at about the same grade: "
            f"{claims.span(number(bottom['mean'], 1), number(top['mean'], 1))}, less than a grade "
            "apart"
        )
    else:
        group = claims.close_to_end(s.set_index("outlet")["mean"], claims.grades_differ)
        if len(group) > 1:  # the runner-up is within a grade: no single hardest article
            grades = s.set_index("outlet").loc[group, "mean"]
            sentence = (
                f"{claims.join(labels.get(o, o) for o in group)} are the hardest to read: "
                f"consensus grades {claims.span(number(grades.min(), 1), number(grades.max(), 1))}"
            )
        else:
            sentence = (
                f"{labels.get(top['outlet'], top['outlet'])} is the hardest to read: "
                f"consensus grade {number(top['mean'], 1)}"
            )
        if len(s) > 1:
            sentence += (
                f", against {number(bottom['mean'], 1)} for "
                f"{labels.get(bottom['outlet'], bottom['outlet'])}"
            )
    sentence += " (US school grade, median of the valid formulas)."
    return _row(
        "hardest-to-read",
        sentence,
        top["outlet"],
        float(top["mean"]),
        "US school grade",
        table,
        n=int(top["articles"]),
    )


#: Percentage points two shares must be apart before a finding names a difference.
SHARE_GAP = 0.05


def most_quoted(
    summary: pd.DataFrame, table: str = "length", labels: dict | None = None
) -> dict | None:
    """From :func:`outlet_totals` of ``quote_share`` (quoted / body words, 0-1): the outlet that
    gives quotes the most room, when :data:`SHARE_GAP` or more ahead of the least. "LBC gives
    quotes the most room: 35% of its body words are inside quotation marks, against 12% for
    Kyiv Post." None when nothing is quoted."""
    labels = labels or {}
    s = summary.dropna(subset=["mean"])
    if s.empty or (s["mean"] <= 0).all():
        return None
    top, bottom = s.loc[s["mean"].idxmax()], s.loc[s["mean"].idxmin()]
    if len(s) > 1 and not claims.shares_differ(top["mean"], bottom["mean"], SHARE_GAP):
        sentence = "The articles give quotes about the same room: " + claims.shares_of_each(
            percent(bottom["mean"]), percent(top["mean"]), "body words"
        )
    else:
        group = claims.close_to_end(
            s.set_index("outlet")["mean"], lambda x, y: claims.shares_differ(x, y, SHARE_GAP)
        )
        if len(group) > 1:  # the runner-up is within the gap: no single leader
            shares = s.set_index("outlet").loc[group, "mean"]
            sentence = (
                f"{claims.join(labels.get(o, o) for o in group)} give quotes the most room: "
                + claims.shares_of_each(percent(shares.min()), percent(shares.max()), "body words")
                + " are inside quotation marks"
            )
        else:
            sentence = (
                f"{labels.get(top['outlet'], top['outlet'])} gives quotes the most room: "
                f"{percent(top['mean'])} of its body words are inside quotation marks"
            )
        if len(s) > 1:
            sentence += (
                f", against {percent(bottom['mean'])} for "
                f"{labels.get(bottom['outlet'], bottom['outlet'])}"
            )
    return _row(
        "most-quoted",
        sentence + ".",
        top["outlet"],
        float(top["mean"]),
        "share of body words",
        table,
        n=int(top["articles"]),
    )


def furniture_leaders(by_outlet: pd.DataFrame) -> list:
    """The outlets :func:`most_furniture` names, most furniture first: the outlet with the
    largest share of collected words that were not article body, and every outlet whose share,
    as printed (whole percent), is within :data:`SHARE_GAP` of it. The words-removed chart
    colours these."""
    s = by_outlet[by_outlet["raw_words"] > 0]
    share = (s["removed_words"] / s["raw_words"]).set_axis(s["outlet"])
    return claims.close_to_end(share, lambda x, y: claims.shares_differ(x, y, SHARE_GAP))


def most_furniture(
    by_outlet: pd.DataFrame, table: str = "corpus", labels: dict | None = None
) -> dict | None:
    """From :func:`analysis.measures.corpus.words_by_outlet` (``outlet, raw_words,
    removed_words``): the outlet whose collected page was most furniture. "20% of the words
    collected from LBC's page were not article body (115 of 561 words), the largest share." A
    leader is named only when its share is :data:`SHARE_GAP` clear of the runner-up's; else the
    outlets within that gap are named together with their range."""
    s = by_outlet[by_outlet["raw_words"] > 0]
    if s.empty:
        return None
    share = (s["removed_words"] / s["raw_words"]).set_axis(s["outlet"])
    top = s.set_index("outlet").loc[share.idxmax()]
    value = float(top["removed_words"] / top["raw_words"])
    labels = labels or {}
    name = labels.get(share.idxmax(), share.idxmax())
    group = furniture_leaders(by_outlet)
    if len(s) > 1 and len(group) == len(s):
        sentence = (
            "The collected pages carry about the same share of text that is not the article: "
            + claims.shares_of_each(percent(share.min()), percent(share.max()), "words")
            + "."
        )
    elif len(group) > 1:
        sentence = (
            f"{claims.join(labels.get(o, o) for o in group)} carried the most text that is not "
            "the article: "
            + claims.shares_of_each(
                percent(share[group].min()), percent(share[group].max()), "words"
            )
            + " collected were not article body."
        )
    else:
        sentence = (
            f"{percent(value)} of the words collected from {possessive(name)} page were not "
            f"article body ({int(top['removed_words'])} of {int(top['raw_words'])} words)"
        )
        sentence += ", the largest share." if len(s) > 1 else "."
    return _row(
        "most-furniture", sentence, share.idxmax(), value, "share of collected words", table
    )


def most_frame(
    frames: pd.DataFrame, value: str = "share", table: str = "frames", labels: dict | None = None
) -> dict | None:
    """From a frames table (``outlet, frame`` and a share of sentences, 0-1; with
    ``sentences`` and ``sentences_total``, the counts): the strongest outlet-frame pair.
    "Fox News leans most on the security frame: 40% of its sentences." With counts, and
    fewer than 50 sentences: "... 8 of 20 sentences".

    With counts, a frame is named only when it rests on at least
    :data:`~analysis.measures.claims.COUNT_GAP` sentences ("no frame stands out" when the
    strongest is one or two sentences), and a single outlet only when every other outlet,
    at the leader's length, would have at least that many sentences fewer in the frame;
    otherwise the outlets close to the leader are named together."""
    labels = labels or {}
    if frames is None or frames.empty or value not in frames or "frame" not in frames:
        return None
    s = frames.dropna(subset=[value])
    s = s[s[value] > 0]
    if s.empty:
        return None
    top = s.loc[s[value].idxmax()]
    name = labels.get(top["outlet"], top["outlet"])
    if {"sentences", "sentences_total"} <= set(s):
        amount = claims.amount(top["sentences"], top["sentences_total"], "sentences")
        if int(top["sentences"]) < claims.COUNT_GAP:
            sentence = (
                "No frame stands out: no article has more than "
                f"{claims.plural(int(top['sentences']), 'sentences')} in any one frame "
                f"(the most: {name}, {top['frame']}, {amount})."
            )
        else:
            same = frames[frames["frame"] == top["frame"]].dropna(subset=[value])
            # each outlet's share, as sentences out of the leader's total
            at_length = same.set_index("outlet")[value] * float(top["sentences_total"])
            group = claims.close_to_end(at_length, claims.counts_differ)
            if len(group) > 1:
                rows = same.set_index("outlet").loc[group]
                counts = [
                    f"{int(r['sentences'])} of {int(r['sentences_total'])}"
                    for _, r in rows.iterrows()
                ]
                sentence = (
                    f"{claims.join(labels.get(o, o) for o in group)} lean most on the "
                    f"{top['frame']} frame, about equally: "
                    + (claims.join(counts) + " sentences" if len(group) <= 3 else f"up to {amount}")
                    + "."
                )
            else:
                sentence = f"{name} leans most on the {top['frame']} frame: {amount}."
    else:
        sentence = (
            f"{name} leans most on the {top['frame']} frame: "
            f"{percent(top[value])} of its sentences."
        )
    return _row(
        "strongest-frame", sentence, top["outlet"], float(top[value]), "share of sentences", table
    )


def most_unique(
    unique: pd.DataFrame,
    value: str = "unique_share",
    table: str = "unique_share",
    labels: dict | None = None,
    wires: dict | None = None,
) -> dict | None:
    """From a table of ``outlet`` and the share of its body no other outlet shares (0-1): the
    outlet whose text is most its own, when :data:`SHARE_GAP` ahead of the least; and which
    outlets ran wire copy (``wires``: outlet -> agency), whose shared text is the agency's.
    "LBC's text is the most its own: 80% of its body words are in sentences no other outlet
    has; Fox News (AP) ran AP wire copy." """
    labels, wires = labels or {}, wires or {}
    if unique is None or unique.empty or value not in unique:
        return None
    s = unique.dropna(subset=[value])
    if s.empty:
        return None
    top = s.loc[s[value].idxmax()]
    bottom = s.loc[s[value].idxmin()]
    group = claims.close_to_end(
        s.set_index("outlet")[value], lambda x, y: claims.shares_differ(x, y, SHARE_GAP)
    )
    said: list = []  # the outlets whose wire copy the sentence already names
    if len(s) > 1 and not claims.shares_differ(top[value], bottom[value], SHARE_GAP):
        sentence = (
            "The articles have about as much text of their own: "
            + claims.shares_of_each(percent(bottom[value]), percent(top[value]), "body words")
            + " are in sentences no other outlet has"
        )
    elif len(group) > 1:  # the runner-up is within the gap: no single leader
        shares = s.set_index("outlet").loc[group, value]
        sentence = (
            f"{claims.join(labels.get(o, o) for o in group)} have the most text no other "
            "outlet ran: "
            + claims.shares_of_each(percent(shares.min()), percent(shares.max()), "body words")
            + " are in sentences no other outlet has"
        )
        said = [o for o in group if o in wires]
        if said:
            agencies = claims.join(sorted({str(wires[o]) for o in said}))
            if len(said) == len(group):  # "but that text is AFP and AP wire copy"
                sentence += f", but that text is {agencies} wire copy, not their own reporting"
            else:
                who = claims.join(labels.get(o, o) for o in said)
                sentence += f", but {who} ran {agencies} wire copy"
    elif top["outlet"] in wires:
        said = [top["outlet"]]
        sentence = (
            f"{labels.get(top['outlet'], top['outlet'])} has the most text no other "
            f"outlet ran: {percent(top[value])} of its body words, but that text is "
            f"{wires[top['outlet']]} wire copy, not its own reporting"
        )
    else:
        sentence = (
            f"{possessive(labels.get(top['outlet'], top['outlet']))} text is the most its "
            f"own: {percent(top[value])} of its body words are in sentences no other "
            "outlet has"
        )
    ran = [f"{labels.get(o, o)}" for o in wires if o in set(s["outlet"]) and o not in said]
    if ran:
        sentence += f"; {claims.join(ran)} ran wire copy"
    return _row(
        "most-unique-text", sentence + ".", top["outlet"], float(top[value]), "share of body", table
    )


# --------------------------------------------------------------------------- all of them


def _english(a, table: pd.DataFrame) -> pd.DataFrame:
    langs = a.languages
    if langs is None or "file" not in table:
        return table
    english = set(langs.loc[langs["english"].astype(bool), "file"])
    return table[table["file"].isin(english)]


def _frame_share_column(frames: pd.DataFrame) -> str | None:
    for col in ("share", "sentence_share", "share_sentences"):
        if col in frames:
            return col
    return None


def _builders(a) -> list[Callable[[], dict | None]]:
    from analysis.measures import corpus
    from analysis.story.labels import outlet_names, wire_agencies

    arts = a.articles
    labels = outlet_names(a)
    wires = wire_agencies(a)

    def sentiment():
        sents = a.sentiment_sentences
        if sents is None or "compound" not in sents:
            return None
        return most_negative(outlet_means(_coverage(sents, arts), "compound"), labels=labels)

    def length():
        t = a.length
        if t is None or "body_words" not in t:
            return None
        return longest(outlet_totals(_coverage(t, arts), "body_words"), labels=labels)

    def readability():
        t = a.readability
        if t is None or "consensus_grade" not in t:
            return None
        return hardest_to_read(
            outlet_totals(_english(a, _coverage(t, arts)), "consensus_grade"), labels=labels
        )

    def quotes():
        t = a.length
        if t is None or "quote_share" not in t:
            return None
        return most_quoted(outlet_totals(_coverage(t, arts), "quote_share"), labels=labels)

    def furniture():
        return most_furniture(corpus.words_by_outlet(a), labels=labels)

    def frames():
        t = a.frames
        if t is None:
            return None
        col = _frame_share_column(t)
        return most_frame(t, col, labels=labels) if col else None

    def unique():
        t = a.unique_share
        if t is None or "outlet" not in t:
            return None
        col = "unique_share" if "unique_share" in t else None
        if col is None:
            return None
        return most_unique(
            t.groupby("outlet", as_index=False)[col].mean(), col, labels=labels, wires=wires
        )

    return [length, furniture, readability, sentiment, quotes, frames, unique]


def findings(a) -> pd.DataFrame:
    """Every headline finding the story's tables allow, one row each (:data:`FINDING_COLUMNS`),
    in a fixed order: length, furniture, readability, sentiment, quotes, frames, shared text."""
    rows = []
    for build in _builders(a):
        row = build()
        if row is not None:
            rows.append(row)
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    out["n"] = pd.array(out["n"], dtype="Int64")
    return out


_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]|~])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: HTML escaped (an outlet or a quote holding ``<img
    onerror=...>`` shows as text; notebooks render HTML inside Markdown), emphasis, code, link
    and table marks backslash-escaped, line breaks made spaces (one list item stays one)."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)


def as_markdown(table: pd.DataFrame) -> str:
    """The findings as a Markdown list (for the hub notebook); each sentence is literal text
    (:func:`markdown_text`), since it carries outlet names and words from the articles."""
    if table.empty:
        return "_No findings: the story's tables are empty._"
    return "\n".join(f"- {markdown_text(s)}" for s in table["sentence"])


def show(a):
    """The findings as Markdown for a notebook cell (IPython's ``Markdown`` object)."""
    from IPython.display import Markdown

    return Markdown(as_markdown(findings(a)))

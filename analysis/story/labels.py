"""Outlet labels for readers: short, the same in every figure and finding, and honest about
wire copy.

An outlet's label is the manifest's ``short_name`` when given, else its name shortened at a
word to :data:`LABEL_CHARS` characters (:func:`abbreviate`), then the wire agency in brackets
where the manifest's ``wire_agency`` names one (``"Fox News (AP)"``): the words of an article
built on agency copy are largely the agency's, and every figure and finding should say so.
"""

from __future__ import annotations

import pandas as pd

#: Longest outlet label drawn in a figure (characters); longer names are shortened the same
#: way in every figure (see :func:`outlet_labels`).
LABEL_CHARS = 26


def abbreviate(name: str, limit: int = LABEL_CHARS) -> str:
    """A name cut to at most ``limit`` characters at a word boundary, with "…":
    ``"The Lakeshore Advertiser and Gazette"`` -> ``"Lakeshore Advertiser…"``."""
    name = " ".join(str(name).split())
    if len(name) <= limit:
        return name
    if name.lower().startswith("the "):
        name = name[4:]
        if len(name) <= limit:
            return name
    kept = ""
    for word in name.split():
        trial = f"{kept} {word}" if kept else word
        if len(trial) > limit - 1:
            break
        kept = trial
    words = kept.split()
    while len(words) > 1 and words[-1].lower() in {"of", "and", "the", "&", "for", "in", "on"}:
        words.pop()
    kept = " ".join(words).rstrip(",;:-&") or name[: limit - 1]
    return kept.rstrip() + "…"


def coverage_articles(story) -> pd.DataFrame:
    articles = getattr(story, "articles", None)
    if articles is None:
        return pd.DataFrame(columns=["file", "outlet"])
    if "kind" in articles:
        articles = articles[articles["kind"].fillna("article") != "source"]
    return articles


def wire_agencies(story) -> dict[str, str]:
    """outlet -> the wire agency (or agencies, joined by "/") whose copy the manifest says it
    ran; outlets that are themselves the agency are left out."""
    arts = coverage_articles(story)
    if "wire_agency" not in arts:
        return {}
    out: dict[str, str] = {}
    for outlet, part in arts.groupby("outlet", sort=False):
        names = [w.strip() for w in part["wire_agency"].fillna("").astype(str) if w.strip()]
        names = [w for w in dict.fromkeys(names) if w.lower() not in str(outlet).lower()]
        if names:
            out[outlet] = "/".join(names)
    return out


def outlet_labels(story=None) -> dict[str, str]:
    """outlet -> the label every figure draws for it: the manifest's ``short_name`` when
    given, else the name shortened to :data:`LABEL_CHARS` characters (:func:`abbreviate`),
    then the wire agency in brackets where the manifest names one (``"Fox News (AP)"``), so
    wire copy is never shown as an outlet's own words. Labels are unique within a story."""
    arts = coverage_articles(story)
    wires = wire_agencies(story)
    labels: dict[str, str] = {}
    for outlet, part in arts.groupby("outlet", sort=False):
        short = ""
        if "short_name" in part:
            given = [v.strip() for v in part["short_name"].fillna("").astype(str) if v.strip()]
            short = given[0] if given else ""
        label = short or abbreviate(outlet)
        if outlet in wires:
            label = f"{label} ({wires[outlet]})"
        labels[outlet] = label
    seen: dict[str, int] = {}
    for outlet in sorted(labels):
        label = labels[outlet]
        if label in seen:
            seen[label] += 1
            labels[outlet] = f"{label} {seen[label]}"
        else:
            seen[label] = 1
    return labels




def outlet_names(story) -> dict[str, str]:
    """outlet -> its full name with the wire agency in brackets (``"Fox News (AP)"``), for
    sentences (findings), where there is room for the whole name."""
    wires = wire_agencies(story)
    arts = coverage_articles(story)
    return {o: f"{o} ({wires[o]})" if o in wires else o
            for o in dict.fromkeys(arts["outlet"].dropna())}

"""Attribution and stance markers, and the sources an outlet cites.

**Reporting verbs.** How an outlet attributes words colours them: "said" and "told" are
neutral, "claimed" casts doubt, "revealed" and "admitted" imply a disclosure or a concession,
"warned" and "insisted" add urgency, and "suggested" or "appears" hedge. The list is data:
``analysis/data/reporting_verbs.csv`` (``lemma,form,stance,note``; stance ``neutral``,
``loaded`` or ``hedge``; each form is a whole word, case-insensitive). Counts are of the
outlet's own words in the body: a form inside quotation marks is the speaker's ("I can assure
you") and is kept in the hits with ``in_quote`` True but not counted; a form right after a
determiner or possessive ("a claim", "his warning", "the added") is a noun or adjective, and
one inside a hyphenated word ("question-and-answer") is not a verb: both are kept with
``counted`` False. What is left is a plain count of forms, not parsed verbs ("as Kyiv continues
to wage" counts as "continue"): read the hits. Rates are per 1,000 body words
(:func:`analysis.story.text.count_words`).

**Sources cited.** Wire agencies, other outlets and documents named in the body text and in
agency credit lines (``The Associated Press contributed to this report.``), from
``analysis/data/sources.csv`` (``source,kind,pattern,note``; kind ``agency``, ``outlet`` or
``document``; patterns as in :mod:`analysis.measures.framing`), plus the manifest's wire lineage
(``wire_agency``, ``republished_by``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.measures.framing import cached, coverage_files, find_terms, match_units, read_lexicon
from analysis.paths import DATA_DIR

VERBS_FILE = DATA_DIR / "reporting_verbs.csv"
SOURCES_FILE = DATA_DIR / "sources.csv"
STANCES = ("neutral", "loaded", "hedge")
SOURCE_KINDS = ("agency", "outlet", "document")

#: A word before a form that makes it a noun or an adjective ("a claim", "his warning").
DETERMINERS = frozenset(
    "a an the his her their its this that these those our my your whose any no such every "
    "each another".split()
)
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")

VERB_HIT_COLUMNS = (
    "file",
    "outlet",
    "stance",
    "lemma",
    "form",
    "sentence",
    "paragraph",
    "line",
    "start",
    "end",
    "matched",
    "in_quote",
    "counted",
    "lexicon",
    "text",
)
VERB_COLUMNS = ("outlet", "stance", "lemma", "form", "count", "quoted", "words", "per_1000")
ATTRIBUTION_COLUMNS = (
    "outlet",
    "words",
    "neutral",
    "loaded",
    "hedge",
    "neutral_per_1000",
    "loaded_per_1000",
    "hedge_per_1000",
    "loaded_share",
    "quoted",
)
SOURCE_HIT_COLUMNS = (
    "file",
    "outlet",
    "source",
    "kind",
    "part",
    "sentence",
    "paragraph",
    "line",
    "start",
    "end",
    "matched",
    "lexicon",
    "text",
)
SOURCE_COLUMNS = ("outlet", "source", "kind", "body", "credit", "manifest")


# --------------------------------------------------------------------------------------------
# Reporting verbs


def verb_lexicon(path=VERBS_FILE):
    """The reporting verbs and hedges: one term per form (key = lemma, extra = stance)."""
    terms = read_lexicon(
        path, key="lemma", pattern="form", form="form", extra="stance", literal=True
    )
    for t in terms:
        if t.extra not in STANCES:
            raise ValueError(
                f"{path} ({t.lexicon}): stance {t.extra!r} is not one of {', '.join(STANCES)}"
            )
    return terms


def _after_determiner(text: str, start: int) -> bool:
    m = _LAST_WORD.search(text[max(0, start - 30) : start])
    return bool(m) and m.group(1).lower() in DETERMINERS and text[:start].rstrip()[-1:].isalpha()  # type: ignore[union-attr]


def _in_compound(text: str, start: int, end: int) -> bool:
    # part of a hyphenated word: "question-and-answer", "well-known"
    hyphens = ("-", "‐", "‑")
    return (start > 0 and text[start - 1] in hyphens) or text[end : end + 1] in hyphens


def verb_hits(analysis, path=VERBS_FILE) -> pd.DataFrame:
    """Every reporting verb or hedge in the body, one row each (:data:`VERB_HIT_COLUMNS`).

    ``in_quote``: inside quotation marks (the speaker's word); ``counted``: False for quoted
    forms, for a form after a determiner (a noun or adjective, :data:`DETERMINERS`) and for
    a form inside a hyphenated word ("question-and-answer").
    """
    hits = match_units(analysis, verb_lexicon(path), overlap="all", parts=("body",))
    bodies = analysis.bodies
    noun = [
        _after_determiner(bodies[f], a) or _in_compound(bodies[f], a, b)
        for f, a, b in zip(hits["file"], hits["start"], hits["end"])
    ]
    hits = hits.assign(
        stance=hits["extra"],
        lemma=hits["key"],
        counted=~hits["in_quote"] & ~np.array(noun, dtype=bool),
    )
    return hits[list(VERB_HIT_COLUMNS)]


def _verb_hits(analysis, path):
    # the Analysis's cached table for the project's list, else computed for the list given
    if path == VERBS_FILE:
        return cached(analysis, "verb_hits", verb_hits)
    return verb_hits(analysis, path)


def _outlets(analysis) -> list[str]:
    arts = analysis.articles
    return list(dict.fromkeys(arts.loc[arts["file"].isin(coverage_files(analysis)), "outlet"]))


def _body_words(analysis) -> dict[str, int]:
    from analysis.measures.framing import body_sentences

    s = body_sentences(analysis)
    return s.groupby("outlet", sort=False)["words"].sum().astype(int).to_dict()


def reporting_verbs(analysis, path=VERBS_FILE) -> pd.DataFrame:
    """One row per outlet and form found (:data:`VERB_COLUMNS`): ``count`` in the outlet's own
    words (see :func:`verb_hits`), ``quoted`` inside quotation marks (not counted), ``words``
    the outlet's body words, ``per_1000`` = count / words x 1000."""
    hits = _verb_hits(analysis, path)
    words = _body_words(analysis)
    out = (
        hits.assign(form=hits["matched"].str.lower())
        .groupby(["outlet", "stance", "lemma", "form"], sort=False)
        .agg(count=("counted", "sum"), quoted=("in_quote", "sum"))
        .reset_index()
    )
    out = out[(out["count"] > 0) | (out["quoted"] > 0)].astype(
        {"count": "int64", "quoted": "int64"}
    )
    out["words"] = out["outlet"].map(words).fillna(0).astype("int64")
    out["per_1000"] = 1000 * out["count"] / out["words"].where(out["words"] > 0)
    out = out[list(VERB_COLUMNS)]
    order = {s: i for i, s in enumerate(STANCES)}
    return out.sort_values(
        ["outlet", "stance", "count", "lemma"],
        key=lambda c: c.map(order) if c.name == "stance" else c,
        ascending=[True, True, False, True],
    ).reset_index(drop=True)


def attribution(analysis, path=VERBS_FILE) -> pd.DataFrame:
    """One row per outlet (:data:`ATTRIBUTION_COLUMNS`): counted neutral verbs, loaded verbs and
    hedges, each per 1,000 body words; ``loaded_share`` = loaded / (neutral + loaded), the
    share of attributions that colour the words; ``quoted``: forms inside quotes, not counted."""
    hits = _verb_hits(analysis, path)
    words = _body_words(analysis)
    outlets = _outlets(analysis)
    n = (
        hits[hits["counted"]]
        .groupby(["outlet", "stance"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=outlets, columns=list(STANCES), fill_value=0)
        .astype("int64")
    )
    out = n.reset_index()
    out.insert(1, "words", out["outlet"].map(words).fillna(0).astype("int64"))
    w = out["words"].where(out["words"] > 0)
    for stance in STANCES:
        out[f"{stance}_per_1000"] = 1000 * out[stance] / w
    attributions = out["neutral"] + out["loaded"]
    out["loaded_share"] = out["loaded"] / attributions.where(attributions > 0)
    quoted = hits[hits["in_quote"]].groupby("outlet").size()
    out["quoted"] = out["outlet"].map(quoted).fillna(0).astype("int64")
    out.columns.name = None
    return out[list(ATTRIBUTION_COLUMNS)]


# --------------------------------------------------------------------------------------------
# Sources cited


def source_lexicon(path=SOURCES_FILE):
    """The agencies, outlets and documents (key = source, extra = kind)."""
    terms = read_lexicon(path, key="source", extra="kind")
    for t in terms:
        if t.extra not in SOURCE_KINDS:
            raise ValueError(
                f"{path} ({t.lexicon}): kind {t.extra!r} is not one of {', '.join(SOURCE_KINDS)}"
            )
    return terms


def source_hits(analysis, path=SOURCES_FILE) -> pd.DataFrame:
    """Every source named in the body or in an agency credit line, one row each
    (:data:`SOURCE_HIT_COLUMNS`; ``part`` is ``body`` or ``credit``; for a credit line
    ``sentence`` and ``paragraph`` are 0 and the offsets are in the line)."""
    terms = source_lexicon(path)
    body = match_units(analysis, terms, overlap="all", parts=("body",))
    body = body.assign(source=body["key"], kind=body["extra"])
    lines = analysis.lines
    credit = lines[(lines["role"] == "credit") & lines["file"].isin(coverage_files(analysis))]
    rows = []
    for r in credit.itertuples(index=False):
        for t, a, b in find_terms(r.clean, terms, overlap="all"):
            rows.append(
                (
                    r.file,
                    r.outlet,
                    t.key,
                    t.extra,
                    "credit",
                    0,
                    0,
                    r.line,
                    a,
                    b,
                    r.clean[a:b],
                    t.lexicon,
                    r.clean,
                )
            )
    credits = pd.DataFrame(rows, columns=list(SOURCE_HIT_COLUMNS))
    out = pd.concat([body[list(SOURCE_HIT_COLUMNS)], credits], ignore_index=True)
    return out.astype({c: "int64" for c in ("sentence", "paragraph", "line", "start", "end")})


def sources(analysis, path=SOURCES_FILE) -> pd.DataFrame:
    """One row per outlet and source cited (:data:`SOURCE_COLUMNS`).

    ``body`` and ``credit``: mentions in the body text and in agency credit lines;
    ``manifest``: the manifest column that names it (``wire_agency``, ``republished_by``), or
    empty. A source with no mention and no manifest entry has no row. A manifest value that
    no lexicon row matches is kept as it is written, with kind ``agency`` (wire_agency) or
    ``site`` (republished_by).
    """
    terms = source_lexicon(path)
    kinds = {t.key: t.extra for t in terms}
    hits = (
        cached(analysis, "source_hits", source_hits)
        if path == SOURCES_FILE
        else source_hits(analysis, path)
    )
    table: dict[tuple[str, str], dict] = {}

    def row(outlet, source, kind):
        return table.setdefault(
            (outlet, source),
            {
                "outlet": outlet,
                "source": source,
                "kind": kind,
                "body": 0,
                "credit": 0,
                "manifest": [],
            },
        )

    for h in hits.itertuples(index=False):
        row(h.outlet, h.source, h.kind)[h.part] += 1
    files = set(coverage_files(analysis))
    for art in analysis.articles.itertuples(index=False):
        if art.file not in files:
            continue
        for column, fallback in (("wire_agency", "agency"), ("republished_by", "site")):
            value = getattr(art, column, "")
            if not isinstance(value, str) or not value.strip():
                continue
            for name in [v.strip() for v in re.split(r"[;,/]| and ", value) if v.strip()]:
                found = find_terms(name, terms, overlap="all")
                source = found[0][0].key if found else name
                r = row(art.outlet, source, kinds.get(source, fallback))
                if column not in r["manifest"]:
                    r["manifest"].append(column)
    out = pd.DataFrame(
        table.values(), columns=["outlet", "source", "kind", "body", "credit", "manifest"]
    )
    out["manifest"] = out["manifest"].map(lambda v: "; ".join(v))
    order = {o: i for i, o in enumerate(_outlets(analysis))}
    kind_order = {k: i for i, k in enumerate(SOURCE_KINDS + ("site",))}
    out = out.sort_values(
        ["outlet", "kind", "source"],
        key=lambda c: (
            c.map(order if c.name == "outlet" else kind_order)
            if c.name in ("outlet", "kind")
            else c
        ),
    )
    return out.reset_index(drop=True)[list(SOURCE_COLUMNS)]

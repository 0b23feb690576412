"""The one-page summary for a write-up: the headline findings and a panel per measure.

:func:`summary` returns a page-wide figure (7 in) and the long table it plots (``panel,
outlet, measure, value, ci_low, ci_high``). Panels whose table the story does not have (a
module not installed, no quotes found, no frames coded) are left out and the others close up,
so the dashboard works for any story folder. ``python -m analysis report`` saves it as
``summary-dashboard.png|pdf|svg|csv``.

Panels, in order: body and removed words; sentence sentiment (mean and 95% interval);
readability (consensus grade); share of body words in quotes; share of body words in sentences
no other outlet has; the frames heat map (sentences with each frame, shaded by their share).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.charts import figures
from analysis.measures import claims, findings
from analysis.measures import corpus as corpus_tables
from analysis.measures.readability import MIN_WORDS
from analysis.story.loading import coverage_rows

DATA_COLUMNS = ("panel", "outlet", "measure", "value", "ci_low", "ci_high")
#: The most frames the heat map shows (the ones with the largest share in any outlet).
MAX_FRAMES = 8
PANEL_HEIGHT = 1.9  # inches per row of panels


@dataclass
class Panel:
    """One panel: its name, its title (what is shown and the unit), how to get its data from
    an Analysis (None: leave the panel out) and how to draw that data on an axes."""

    name: str
    title: str
    data: Callable
    draw: Callable
    wide: bool = False


def _long(
    panel: str,
    frame: pd.DataFrame,
    measure: str,
    value: str,
    low: str | None = None,
    high: str | None = None,
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "panel": panel,
            "outlet": frame["outlet"].to_numpy(),
            "measure": measure,
            "value": frame[value].astype(float).to_numpy(),
            "ci_low": frame[low].astype(float).to_numpy() if low else np.nan,
            "ci_high": frame[high].astype(float).to_numpy() if high else np.nan,
        },
        columns=list(DATA_COLUMNS),
    )


def _table(a, name):
    value = getattr(a, name)
    return value if value is not None and not value.empty else None


def _coverage(a, table):
    return findings._coverage(table, a.articles)


# ------------------------------------------------------------------ panel data


def words_data(a):
    w = corpus_tables.words_by_outlet(a)
    if w.empty:
        return None
    return pd.concat(
        [
            _long("words", w, "body_words", "body_words"),
            _long("words", w, "removed_words", "removed_words"),
        ],
        ignore_index=True,
    )


def sentiment_data(a):
    t = _table(a, "sentiment_sentences")
    if t is None or "compound" not in t:
        return None
    s = findings.outlet_means(_coverage(a, t), "compound").dropna(subset=["mean"])
    return None if s.empty else _long("sentiment", s, "mean_compound", "mean", "ci_low", "ci_high")


def readability_data(a):
    t = _table(a, "readability")
    if t is None or "consensus_grade" not in t:
        return None
    s = findings.outlet_totals(findings._english(a, _coverage(a, t)), "consensus_grade")
    s = s.dropna(subset=["mean"])
    return None if s.empty else _long("readability", s, "consensus_grade", "mean")


def quotes_data(a):
    t = _table(a, "length")
    if t is None or "quote_share" not in t:
        return None
    s = findings.outlet_totals(_coverage(a, t), "quote_share").dropna(subset=["mean"])
    if s.empty or (s["mean"] <= 0).all():
        return None
    return _long("quotes", s, "quote_share", "mean")


def unique_data(a):
    t = _table(a, "unique_share")
    if t is None or "unique_share" not in t:
        return None
    s = t.groupby("outlet", as_index=False)["unique_share"].mean().dropna()
    return None if s.empty else _long("unique", s, "unique_share", "unique_share")


def frames_data(a):
    t = _table(a, "frames")
    if t is None or not {"outlet", "frame", "share"} <= set(t):
        return None
    t = t.dropna(subset=["share"])
    if "layer" in t:
        t = t.assign(
            frame=np.where(
                t["layer"].eq("policy"),
                t["frame"],
                t["frame"] + " (" + t["layer"].astype(str) + ")",
            )
        )
    best = t.groupby("frame")["share"].max().sort_values(ascending=False, kind="mergesort")
    keep = list(best[best > 0].index[:MAX_FRAMES])
    if not keep:
        return None
    t = t[t["frame"].isin(keep)]
    counted = "sentences" in t
    t = t.groupby(["outlet", "frame"], as_index=False).agg(
        share=("share", "mean"), **({"sentences": ("sentences", "sum")} if counted else {})
    )
    parts = [("share:", "share")] + ([("sentences:", "sentences")] if counted else [])
    out = pd.concat(
        [
            pd.DataFrame(
                {
                    "panel": "frames",
                    "outlet": t["outlet"],
                    "measure": prefix + t["frame"],
                    "value": t[column].astype(float),
                    "ci_low": np.nan,
                    "ci_high": np.nan,
                    "_o": t["frame"].map({f: i for i, f in enumerate(keep)}),
                    "_p": k,
                },
                columns=[*DATA_COLUMNS, "_o", "_p"],
            )
            for k, (prefix, column) in enumerate(parts)
        ]
    )
    return out.sort_values(["_p", "_o", "outlet"]).drop(columns=["_o", "_p"])


def _frame_rows(data, prefix: str = "share:"):
    """The frames panel's rows of one kind (``share:`` 0-1, ``sentences:`` counts), with a
    ``frame`` column."""
    rows = data[data["measure"].str.startswith(prefix)]
    return rows.assign(frame=rows["measure"].str.slice(len(prefix)))


# ------------------------------------------------------------------ takeaways
#
# One line per panel, stating what it shows, under the same thresholds as the figures
# (analysis.charts.claims): a difference is named only when it clears them.


def _extremes(values: pd.Series):
    v = values.dropna().sort_values(kind="stable")
    return (v.index[-1], v.iloc[-1], v.index[0], v.iloc[0]) if len(v) else None


def _ranked(topic, values, differ, fmt, most, least, labels, unit="") -> str:
    """``"Topic: A most (v), B least (w)"``, naming a group where the leader (or the last) is
    not clearly apart from the next (see :func:`analysis.measures.claims.close_to_end`)."""
    v = values.dropna()
    if v.empty:
        return topic
    top = claims.close_to_end(v, differ, highest=True)
    low = claims.close_to_end(v, differ, highest=False)
    if len(v) == 1 or len(top) == len(v):
        return f"{topic}: about the same, {claims.span(fmt(v.min()), fmt(v.max()), unit)}"
    if len(set(top) | set(low)) == len(v) and not differ(v[top].min(), v[low].max()):
        # the two ends meet: a spread with no group clear of the other
        return (
            f"{topic}: no clear {most} or {least}, {claims.span(fmt(v.min()), fmt(v.max()), unit)}"
        )

    def part(names, word):
        who, shown = claims.end_group(v, names, fmt, labels, unit)
        return f"{who} {word} ({shown})"  # "3 articles longest (94 words each)"

    return f"{topic}: {part(top, most)}, {part(low, least)}"


def takeaway_words(data, labels) -> str:
    body = data[data["measure"] == "body_words"].set_index("outlet")["value"]
    return _ranked(
        "Length",
        body,
        claims.counts_differ,
        lambda x: f"{x:.0f}",
        "longest",
        "shortest",
        labels,
        " words",
    )


def takeaway_sentiment(data, labels) -> str:
    d = data.set_index("outlet")
    ext = _extremes(d["value"])
    if ext is None:
        return "Sentiment of sentences"
    low = ext[2]
    others = d.drop(index=low)
    if len(others) and all(
        not claims.intervals_overlap(d.at[low, "ci_low"], d.at[low, "ci_high"], r.ci_low, r.ci_high)
        for r in others.itertuples()
    ):
        return f"Sentiment: {labels.get(low, low)} clearly the most negative"
    return "Sentiment: about the same (intervals overlap)"


def takeaway_readability(data, labels) -> str:
    grades = data.groupby("outlet")["value"].mean()
    return _ranked(
        "Readability",
        grades,
        claims.grades_differ,
        lambda x: f"{x:.1f}",
        "hardest",
        "easiest",
        labels,
        " grade",
    )


def takeaway_quotes(data, labels) -> str:
    shares = data.groupby("outlet")["value"].mean()
    return _ranked(
        "Quotes",
        shares,
        claims.shares_differ,
        lambda x: f"{x:.0%}",
        "most",
        "least",
        labels,
        " of words",
    )


def takeaway_unique(data, labels, wires=None) -> str:
    """The least text of its own, naming every outlet that prints within 5 points of it."""
    v = data.groupby("outlet")["value"].mean().dropna()
    if v.empty:
        return "Text of its own"
    if v.max() == 0:
        return "Text of its own: none; every sentence is shared with another outlet"
    low = claims.close_to_end(v, claims.shares_differ, highest=False)
    if len(low) == len(v):
        return (
            f"Text of its own: about the same, {claims.span(f'{v.min():.0%}', f'{v.max():.0%}')} "
            "of words"
        )
    who, shown = claims.end_group(v, low, lambda x: f"{x:.0%}", labels, " of words")
    line = f"Text of its own: least at {who} ({shown})"
    if wires and len(low) == 1 and low[0] in wires:
        line += f", which ran {wires[low[0]]} copy"
    return line


def takeaway_frames(data, labels) -> str:
    """The frame most often an article's most used one, counting only articles where it is on
    at least :data:`~analysis.measures.claims.COUNT_GAP` sentences (a frame on one or two
    sentences is no lean)."""
    frames = _frame_rows(data).reset_index(drop=True)
    if frames.empty:
        return "Frames"
    counts = _frame_rows(data, "sentences:")
    if not counts.empty:
        n = counts.set_index(["outlet", "frame"])["value"]
        frames = frames[
            [
                n.get((o, f), 0) >= claims.COUNT_GAP
                for o, f in zip(frames["outlet"], frames["frame"])
            ]
        ]
        if frames.empty:
            return (
                "Frames: none stands out; no article has a frame on "
                f"{claims.COUNT_GAP} sentences or more"
            )
    lead = frames.loc[frames.groupby("outlet")["value"].idxmax()]
    common = lead["frame"].value_counts()
    return (
        f"Frames: {common.index[0]} is the most used frame in {common.iloc[0]} of "
        f"{data['outlet'].nunique()} articles"
    )


# ------------------------------------------------------------------ drawing


def _bars(ax, data, colors, labels, fmt, xlabel, measure=None):
    """One bar per outlet of the dashboard (every outlet in ``colors``, in that order); an
    outlet with no value (too short to score, not English) is labelled n/a."""
    d = data if measure is None else data[data["measure"] == measure]
    values = d.groupby("outlet")["value"].mean()
    outlets = list(colors)
    y = np.arange(len(outlets))
    span = float(values.abs().max()) if len(values) else 1.0
    span = span if span > 1e-9 else 1.0  # every value 0: an axis from 0 to 1
    texts = [
        fmt(values.get(o, np.nan)) if values.get(o, np.nan) == values.get(o, np.nan) else "n/a"
        for o in outlets
    ]
    room = figures.value_room(texts, _PANEL_AXES_IN)
    for yi, o, text in zip(y, outlets, texts):
        v = values.get(o, np.nan)
        if v == v:
            ax.barh(yi, v, color=colors[o], height=0.65)
            ax.text(v + span * 0.02, yi, text, va="center", ha="left", fontsize=6.5)
        else:
            ax.text(
                span * 0.02,
                yi,
                "n/a",
                va="center",
                ha="left",
                fontsize=6.5,
                color=figures.color("muted"),
            )
    ax.set_yticks(y, [labels.get(o, o) for o in outlets])
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, span / (1 - room))
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


#: About how wide a half-page panel's plotting area is (inches), for value labels.
_PANEL_AXES_IN = 1.7


def draw_words(ax, data, colors, labels):
    body = data[data["measure"] == "body_words"].set_index("outlet")["value"]
    removed = data[data["measure"] == "removed_words"].set_index("outlet")["value"]
    outlets = list(colors)
    y = np.arange(len(outlets))
    b = body.reindex(outlets).fillna(0)
    r = removed.reindex(outlets).fillna(0)
    ax.barh(y, b + r, color=figures.color("light"), height=0.65)
    ax.barh(y, b, color=[colors[o] for o in outlets], height=0.65)
    top = float((b + r).max() or 1)
    texts = [f"{bv:.0f}" for bv in b]
    room = figures.value_room(texts, _PANEL_AXES_IN)
    for yi, bv, rv, text in zip(y, b, r, texts):
        ax.text(bv + rv + top * 0.02, yi, text, va="center", fontsize=6.5)
    ax.set_yticks(y, [labels.get(o, o) for o in outlets])
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, top / (1 - room))
    ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.set_xlabel("body words (grey: removed)")
    ax.grid(axis="y", visible=False)


def draw_sentiment(ax, data, colors, labels):
    d = data.set_index("outlet").reindex(list(colors))
    y = np.arange(len(d))
    low = (d["value"] - d["ci_low"]).fillna(0).clip(lower=0)
    high = (d["ci_high"] - d["value"]).fillna(0).clip(lower=0)
    ax.axvline(0, color=figures.color("muted"), linewidth=0.6)
    for yi, o, v, lo, hi in zip(y, d.index, d["value"], low, high):
        if v == v:
            ax.errorbar(
                v,
                yi,
                xerr=[[lo], [hi]],
                fmt="o",
                color=colors[o],
                capsize=2,
                markersize=3.5,
                linewidth=1,
            )
    ax.set_yticks(y, [labels.get(o, o) for o in d.index])
    ax.set_ylim(len(d) - 0.5, -0.5)
    lim = max(0.1, float(np.nanmax(np.abs(np.r_[d["ci_low"], d["ci_high"], d["value"]]))) * 1.15)
    ax.set_xlim(-lim, lim)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel("mean sentiment")
    ax.grid(axis="y", visible=False)


def draw_readability(ax, data, colors, labels):
    label = "grade (US school year)"
    if set(colors) - set(data["outlet"][data["value"].notna()]):
        label += f"\nn/a: under {MIN_WORDS} words, or not English"
    _bars(ax, data, colors, labels, lambda v: f"{v:.1f}", label)


def draw_quotes(ax, data, colors, labels):
    _bars(ax, data, colors, labels, lambda v: f"{v * 100:.0f}%", "body words in quotes")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")


def draw_unique(ax, data, colors, labels):
    _bars(ax, data, colors, labels, lambda v: f"{v * 100:.0f}%", "words in unshared sentences")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")


def draw_frames(ax, data, colors, labels, turned=False, col_labels=None, col_in=0.5):
    """Outlets by frames, shaded by the share of the article's sentences; each cell says the
    number of sentences (the share, in %, when the counts are not known)."""
    shares = _frame_rows(data)
    frames = list(dict.fromkeys(shares["frame"]))
    outlets = list(colors)
    grid = (
        shares.pivot(index="frame", columns="outlet", values="value")
        .reindex(index=frames, columns=outlets)
        .fillna(0)
    )
    values = grid.to_numpy()
    counts = _frame_rows(data, "sentences:")
    if not counts.empty:
        numbers = (
            counts.pivot(index="frame", columns="outlet", values="value")
            .reindex(index=frames, columns=outlets)
            .fillna(0)
            .to_numpy()
        )
        cell = np.vectorize(lambda v: f"{v:.0f}")(numbers)
    else:
        cell = np.vectorize(lambda v: f"{v * 100:.0f}")(values)
    rows = [f if len(f) <= 34 else f[:33] + "…" for f in frames]
    cols = [labels.get(o, o) for o in outlets]
    if turned:
        values, rows, cols, cell = values.T, cols, rows, cell.T
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(values.max(), 0.01) * 1.25, aspect="auto")
    texts = np.where(values > 0, cell, "·")
    size = figures.cell_font_size(texts.ravel(), col_in, 0.2)
    if size:
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                ax.text(
                    j,
                    i,
                    texts[i, j],
                    ha="center",
                    va="center",
                    fontsize=size,
                    color="white" if v > values.max() * 0.7 else figures.color("ink"),
                )
    figures.heatmap_axes(ax, cols, rows, col_labels)


PANELS = (
    Panel("words", "Length", words_data, draw_words),
    Panel("sentiment", "Sentiment of sentences", sentiment_data, draw_sentiment),
    Panel("readability", "Readability", readability_data, draw_readability),
    Panel("quotes", "Room given to quotes", quotes_data, draw_quotes),
    Panel("unique", "Text of its own", unique_data, draw_unique),
    Panel(
        "frames",
        "Frames: sentences with a frame's terms (shade: share of the article)",
        frames_data,
        draw_frames,
        wide=True,
    ),
)
TAKEAWAYS = {
    "words": takeaway_words,
    "sentiment": takeaway_sentiment,
    "readability": takeaway_readability,
    "quotes": takeaway_quotes,
    "unique": takeaway_unique,
    "frames": takeaway_frames,
}


def _takeaway(panel, data, labels, wires) -> str:
    func = TAKEAWAYS.get(panel.name)
    if func is None:
        return panel.title
    if panel.name == "unique":
        return func(data, labels, wires)  # type: ignore[call-arg]
    return func(data, labels)


def summary(a) -> tuple[Figure, pd.DataFrame]:
    """The one-page dashboard of a story: a title stating the main finding, then a panel per
    measure the story's tables allow (two per row, the last one across the page when they are
    odd in number, so no cell is empty; the frames heat map across the page), each headed by
    its one-line takeaway."""
    source = figures.source_line(a)
    found = findings.findings(a)
    ready = []
    for panel in PANELS:
        try:
            data = panel.data(a)
        except (KeyError, ModuleNotFoundError):
            data = None
        if data is not None and len(data):
            ready.append((panel, data.reset_index(drop=True)))
    narrow = [p for p in ready if not p[0].wide]
    wide = [p for p in ready if p[0].wide]
    outlets = sorted({o for _, d in ready for o in d["outlet"]})
    labels = figures.outlet_labels(a)
    wires = figures.wire_agencies(a)
    named = list(dict.fromkeys(found["outlet"].dropna())) if len(found) else []
    colors = figures.outlet_colors(outlets, story=a, highlight=named)
    n = len(outlets)
    row_in = figures.rows_height(n, few=0.3, many=0.16, base=0.95)
    heights = []
    per_row = 2 if n <= 6 else 1  # many outlets: one panel a row, so labels leave room
    n_rows = math.ceil(len(narrow) / per_row)
    heights += [row_in] * n_rows
    frame_parts = []
    for _, data in wide:
        frames = list(dict.fromkeys(_frame_rows(data)["frame"]))
        rows = frames
        cols = [labels.get(o, o) for o in outlets]
        turned = n > 6
        if turned:
            rows, cols = cols, frames
        left_in = figures.label_width_in(rows) + 0.2
        col_in = max(figures.WIDTHS["page"] - left_in - 0.25, 0.5) / max(len(cols), 1)
        col_labels = figures.fit_column_labels(cols, col_in)
        heights.append(0.2 * len(rows) + col_labels.height_in + 0.45)
        frame_parts.append((turned, col_labels, col_in))
    figures.apply_style()
    fig = Figure(figsize=(figures.WIDTHS["page"], max(sum(heights), 1.0)), layout="constrained")
    if heights:
        grid = fig.add_gridspec(len(heights), per_row, height_ratios=heights)
    label_in = figures.label_width_in([labels.get(o, o) for o in outlets])

    def head(ax, text, full):
        room = (figures.WIDTHS["page"] / (1 if full else per_row) - label_in - 0.35) * 72
        lines = figures.wrap_words(text, room * 0.95, 7, lines=6, weight="bold") or [text]
        ax.set_title("\n".join(lines), loc="left", fontsize=7)

    for i, (panel, data) in enumerate(narrow):
        r, c = divmod(i, per_row)
        last_alone = per_row == 2 and i == len(narrow) - 1 and len(narrow) % 2 == 1
        ax = fig.add_subplot(grid[r, :] if last_alone else grid[r, c])
        panel.draw(ax, data, colors, labels)
        head(ax, _takeaway(panel, data, labels, wires), last_alone)
    for k, (panel, data) in enumerate(wide):
        turned, col_labels, col_in = frame_parts[k]
        ax = fig.add_subplot(grid[n_rows + k, :])
        panel.draw(ax, data, colors, labels, turned, col_labels, col_in)
        head(ax, _takeaway(panel, data, labels, wires), True)
    if len(found):
        title = found["sentence"].iloc[0].rstrip(".")
    else:
        title = f"How {n} outlets covered the story"
    figures.finish(
        fig,
        title,
        source,
        subtitle=f"{n} outlets, one article each: every panel compares these "
        "articles, not the outlets' habits. One line per panel says what "
        "it shows",
    )
    table = (
        pd.concat([d for _, d in ready], ignore_index=True)
        if ready
        else pd.DataFrame(columns=list(DATA_COLUMNS))
    )
    return fig, table


#: The dashboard's file name (without extension) in the output folder.
NAME = "summary-dashboard"


def publish(a, out=None) -> "figures.Published":
    """Save the dashboard as ``summary-dashboard.png|pdf|svg|csv`` in the output folder (not
    in ``figures/``: it is the first file a reader opens) and return it for a notebook."""
    from analysis.paths import output_dir

    fig, data = summary(a)
    figures.save_once(fig, NAME, data, output_dir(out))
    return figures.Published(fig)


def outlets(a) -> pd.DataFrame:
    """The outlets compared, one row per article: ``outlet, file, headline, published, author,
    wire_agency, republished_by, language, body_words`` (source documents left out)."""
    corpus = a.corpus
    corpus = coverage_rows(corpus)
    cols = [
        "outlet",
        "file",
        "headline",
        "published",
        "author",
        "wire_agency",
        "republished_by",
        "language",
        "body_words",
    ]
    return corpus[cols].sort_values(["outlet", "file"]).reset_index(drop=True)

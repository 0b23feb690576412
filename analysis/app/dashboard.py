"""The one-page summary for a write-up: the headline findings and a panel per measure.

:func:`summary` returns a page-wide figure (7 in) and the long table it plots (``panel,
outlet, measure, value, ci_low, ci_high``). Panels whose table the story does not have (a
module not installed, no quotes found, no frames coded) are left out and the others close up,
so the dashboard works for any story folder. ``python -m analysis report`` saves it as
``summary-dashboard.png|pdf|svg|csv``.

Panels, in order: body and removed words; sentence sentiment (mean and 95% interval);
readability (consensus grade); share of body words in quotes; share of body words in sentences
no other outlet has; the frames heat map (share of sentences).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.measures import corpus as corpus_tables
from analysis.charts import figures
from analysis.measures import findings

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


def _long(panel: str, frame: pd.DataFrame, measure: str, value: str,
          low: str | None = None, high: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        "panel": panel, "outlet": frame["outlet"].to_numpy(), "measure": measure,
        "value": frame[value].astype(float).to_numpy(),
        "ci_low": frame[low].astype(float).to_numpy() if low else np.nan,
        "ci_high": frame[high].astype(float).to_numpy() if high else np.nan,
    }, columns=list(DATA_COLUMNS))


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
    return pd.concat([_long("words", w, "body_words", "body_words"),
                      _long("words", w, "removed_words", "removed_words")], ignore_index=True)


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
        t = t.assign(frame=np.where(t["layer"].eq("policy"), t["frame"],
                                    t["frame"] + " (" + t["layer"].astype(str) + ")"))
    best = t.groupby("frame")["share"].max().sort_values(ascending=False, kind="mergesort")
    keep = list(best[best > 0].index[:MAX_FRAMES])
    if not keep:
        return None
    t = t[t["frame"].isin(keep)].groupby(["outlet", "frame"], as_index=False)["share"].mean()
    out = pd.DataFrame({"panel": "frames", "outlet": t["outlet"],
                        "measure": "share:" + t["frame"], "value": t["share"],
                        "ci_low": np.nan, "ci_high": np.nan}, columns=list(DATA_COLUMNS))
    order = {f: i for i, f in enumerate(keep)}
    return out.assign(_o=t["frame"].map(order)).sort_values(["_o", "outlet"]).drop(columns="_o")


# ------------------------------------------------------------------ drawing


def _bars(ax, data, colors, fmt, xlabel, measure=None):
    """One bar per outlet of the dashboard (every outlet in ``colors``, in that order); an
    outlet with no value (too short to score, not English) is labelled n/a."""
    d = data if measure is None else data[data["measure"] == measure]
    values = d.groupby("outlet")["value"].mean()
    outlets = list(colors)
    y = np.arange(len(outlets))
    span = max(float(values.abs().max()) if len(values) else 1.0, 1e-9)
    for yi, o in zip(y, outlets):
        v = values.get(o, np.nan)
        if v == v:
            ax.barh(yi, v, color=colors[o], height=0.65)
            ax.text(v + span * 0.03, yi, fmt(v), va="center", ha="left", fontsize=6.5)
        else:
            ax.text(span * 0.03, yi, "n/a", va="center", ha="left", fontsize=6.5,
                    color=figures.color("muted"))
    ax.set_yticks(y, outlets)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, span * 1.3)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def draw_words(ax, data, colors):
    body = data[data["measure"] == "body_words"].reset_index(drop=True)
    removed = data[data["measure"] == "removed_words"].reset_index(drop=True)
    outlets = list(body["outlet"])
    y = np.arange(len(outlets))
    ax.barh(y, body["value"] + removed["value"], color=figures.color("light"), height=0.65)
    ax.barh(y, body["value"], color=[colors[o] for o in outlets], height=0.65)
    top = float((body["value"] + removed["value"]).max() or 1)
    for yi, b, r in zip(y, body["value"], removed["value"]):
        ax.text(b + r + top * 0.03, yi, f"{b:.0f} + {r:.0f}", va="center", fontsize=6.5)
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.45)
    ax.set_xlabel("words: body in colour, removed in grey")
    ax.grid(axis="y", visible=False)


def draw_sentiment(ax, data, colors):
    outlets = list(data["outlet"])
    y = np.arange(len(outlets))
    low = (data["value"] - data["ci_low"]).fillna(0).clip(lower=0)
    high = (data["ci_high"] - data["value"]).fillna(0).clip(lower=0)
    ax.axvline(0, color=figures.color("muted"), linewidth=0.6)
    for yi, o, v, lo, hi in zip(y, outlets, data["value"], low, high):
        ax.errorbar(v, yi, xerr=[[lo], [hi]], fmt="o", color=colors[o], capsize=2,
                    markersize=4, linewidth=1)
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    lim = max(0.1, float(np.nanmax(np.abs(np.r_[data["ci_low"], data["ci_high"],
                                                data["value"]]))) * 1.15)
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("mean VADER compound (-1 to +1), 95% CI")
    ax.grid(axis="y", visible=False)


def draw_readability(ax, data, colors):
    _bars(ax, data, colors, lambda v: f"{v:.1f}", "consensus grade (US school year)")


def draw_quotes(ax, data, colors):
    _bars(ax, data, colors, lambda v: f"{v * 100:.0f}%", "body words inside quotes")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")


def draw_unique(ax, data, colors):
    _bars(ax, data, colors, lambda v: f"{v * 100:.0f}%",
          "body words in unshared sentences")
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")


def draw_frames(ax, data, colors):
    frames = list(dict.fromkeys(data["measure"].str.slice(len("share:"))))
    outlets = sorted(data["outlet"].unique())
    grid = (data.assign(frame=data["measure"].str.slice(len("share:")))
            .pivot(index="frame", columns="outlet", values="value")
            .reindex(index=frames, columns=outlets).fillna(0))
    values = grid.to_numpy()
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(values.max(), 0.01) * 1.25, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            ax.text(j, i, f"{v * 100:.0f}%" if v else "·", ha="center", va="center",
                    fontsize=6.5, color="white" if v > values.max() * 0.7 else figures.color("ink"))
    ax.set_xticks(range(len(outlets)), outlets)
    ax.set_yticks(range(len(frames)), [f if len(f) <= 34 else f[:33] + "…" for f in frames])
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.tick_params(axis="y", length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


PANELS = (
    Panel("words", "Length", words_data, draw_words),
    Panel("sentiment", "Sentiment of sentences", sentiment_data, draw_sentiment),
    Panel("readability", "Readability", readability_data, draw_readability),
    Panel("quotes", "Room given to quotes", quotes_data, draw_quotes),
    Panel("unique", "Text of its own", unique_data, draw_unique),
    Panel("frames", "Frames: share of sentences", frames_data, draw_frames, wide=True),
)


def summary(a) -> tuple[Figure, pd.DataFrame]:
    """The one-page dashboard of a story: findings as sentences, then the panels the story's
    tables allow (two per row; the frames heat map across the page)."""
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
    colors = figures.outlet_colors(outlets, story=a)

    lines = []
    bullets = [f"\u2022 {s}" for s in found["sentence"]] if len(found) else [
        "No findings: the story's tables are empty."]  # plain text, not Markdown
    for sentence in bullets:
        lines.extend(figures._wrap(sentence, figures.WIDTHS["page"] - 0.1, 7, "normal"))
    heights = [0.3 + len(lines) * 7 * 1.3 / 72]  # the findings
    if narrow:
        heights.append(PANEL_HEIGHT * math.ceil(len(narrow) / 2))
    for _, data in wide:
        heights.append(0.45 + 0.2 * data["measure"].nunique())
    figures.apply_style()
    fig = Figure(figsize=(figures.WIDTHS["page"], sum(heights)), layout="constrained")
    parts = list(np.atleast_1d(fig.subfigures(len(heights), 1, height_ratios=heights)))
    head = parts.pop(0)
    left = figures._MARGIN_IN / figures.WIDTHS["page"]
    head.text(left, 1.0, "Headline findings", va="top", ha="left", fontsize=8,
              fontweight="bold", color=figures.color("ink"))
    head.text(left, 1.0 - 0.17 / heights[0], "\n".join(lines), va="top", ha="left",
              fontsize=7, linespacing=1.3, color=figures.color("ink"))
    if narrow:
        sub = parts.pop(0)
        axes = sub.subplots(math.ceil(len(narrow) / 2), 2, squeeze=False)
        for i, (panel, data) in enumerate(narrow):
            ax = axes[i // 2][i % 2]
            panel.draw(ax, data, colors)
            ax.set_title(panel.title, loc="left")
        if len(narrow) % 2:
            axes[-1][-1].axis("off")
    for panel, data in wide:
        sub = parts.pop(0)
        ax = sub.subplots()
        panel.draw(ax, data, colors)
        ax.set_title(panel.title, loc="left")
    figures.finish(fig, f"How {len(outlets)} outlets covered the story: the summary", source,
                   subtitle="Each panel is one measure per outlet; the CSV beside this file "
                            "holds every number plotted")
    table = pd.concat([d for _, d in ready], ignore_index=True) if ready \
        else pd.DataFrame(columns=list(DATA_COLUMNS))
    return fig, table


#: The dashboard's file name (without extension) in the output folder.
NAME = "summary-dashboard"


def publish(a, out=None) -> Figure:
    """Save the dashboard as ``summary-dashboard.png|pdf|svg|csv`` in the output folder (not
    in ``figures/``: it is the first file a reader opens) and return it for a notebook."""
    from analysis.paths import output_dir

    fig, data = summary(a)
    figures.save_figure(fig, NAME, data, output_dir(out))
    return fig


def outlets(a) -> pd.DataFrame:
    """The outlets compared, one row per article: ``outlet, file, headline, published, author,
    wire_agency, republished_by, language, body_words`` (source documents left out)."""
    corpus = a.corpus
    if "kind" in corpus:
        corpus = corpus[corpus["kind"].fillna("article") != "source"]
    cols = ["outlet", "file", "headline", "published", "author", "wire_agency",
            "republished_by", "language", "body_words"]
    return corpus[cols].sort_values(["outlet", "file"]).reset_index(drop=True)

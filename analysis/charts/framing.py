"""Framing figures: frames, headline and lede, naming, reporting verbs, distinctive words and
shared text, one function each (used by ``notebooks/05-framing.ipynb`` and the report).

Each function takes an :class:`~analysis.pipeline.Analysis` and returns the finished figure and
exactly the data it plots (or None when the story has nothing to plot: no lexicon hit, one
outlet, no ``naming.csv``); the title states the finding, computed from that data. The tables
behind them (and every hit that produced a number) are ``a.frames``, ``a.frame_hits``,
``a.emphasis``, ``a.naming``, ``a.naming_hits``, ``a.attribution``, ``a.verb_hits``,
``a.distinctive_terms``, ``a.shared_sentences`` and ``a.unique_share``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.charts import figures
from analysis.measures.distinctive import top_terms

#: Colours of the three stances and the three alignment statuses (palette names).
STANCE_COLORS = {"neutral": "light", "loaded": "vermillion", "hedge": "sky_blue"}
STATUS_COLORS = {"near-identical": "muted", "edited": "light", "unique": "blue"}


def _pct(x: float) -> str:
    return "n/a" if pd.isna(x) else f"{100 * x:.0f}%"


def _outlets(a) -> list[str]:
    from analysis.measures.framing import coverage_files

    arts = a.articles
    return list(dict.fromkeys(arts.loc[arts["file"].isin(coverage_files(a)), "outlet"]))


def _grid(ax, values: np.ndarray, labels: np.ndarray, cmap: str, vmin: float, vmax: float,
          rows: list[str], cols: list[str], center: float | None = None) -> None:
    """A shaded table of values with a label in each cell, outlets along the top; a missing
    value is a blank cell. Labels turn white on dark cells (far from ``center``, default
    ``vmin``)."""
    import matplotlib

    colormap = matplotlib.colormaps[cmap].with_extremes(bad="white")
    ax.imshow(np.ma.masked_invalid(values), cmap=colormap, vmin=vmin, vmax=vmax, aspect="auto")
    mid = vmin if center is None else center
    reach = max(abs(vmax - mid), abs(vmin - mid)) or 1.0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            strong = not np.isnan(v) and abs(v - mid) > 0.6 * reach
            ax.text(j, i, labels[i, j], ha="center", va="center", fontsize=6.5,
                    color="white" if strong else figures.color("ink"))
    figures.heatmap_axes(ax, cols, rows)


# --------------------------------------------------------------------------------------------
# Frames


def frame_heat_map(a) -> tuple[Figure, pd.DataFrame]:
    """Outlets (columns) by frames (rows): the share of each outlet's body sentences carrying
    each story theme (top block) and Policy Frames Codebook dimension (bottom block). Frames
    with no terms (``other``) are left out.

    Title: the story theme whose share differs most between outlets."""
    t = a.frames
    t = t[t["share"].notna()]
    outlets = _outlets(a)
    order = [(layer, f) for layer in ("theme", "policy")
             for f in dict.fromkeys(t.loc[t["layer"] == layer, "frame"])]
    data = t[["outlet", "layer", "frame", "sentences", "sentences_total", "share"]]
    data = data.reset_index(drop=True)
    if data.empty:
        return None
    values = np.full((len(order), len(outlets)), np.nan)
    labels = np.full(values.shape, "", dtype=object)
    for r in data.itertuples(index=False):
        i, j = order.index((r.layer, r.frame)), outlets.index(r.outlet)
        values[i, j] = r.share
        labels[i, j] = f"{100 * r.share:.0f}" if r.share > 0 else "·"
    fig, ax = figures.new_figure("page", height=0.2 * max(len(order), 3) + 0.5)
    rows = [f"{f}" if layer == "theme" else f"{f} (PFC)" for layer, f in order]
    vmax = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    _grid(ax, values, labels, "Blues", 0.0, max(vmax, 0.01) * 1.15, rows, outlets)
    n_theme = sum(1 for layer, _ in order if layer == "theme")
    if 0 < n_theme < len(order):
        ax.axhline(n_theme - 0.5, color=figures.color("ink"), linewidth=0.8)
    themes = data[data["layer"] == "theme"]
    title = "No story theme is found in the bodies"
    if not themes.empty and len(outlets) > 1:
        spread = themes.groupby("frame", sort=False)["share"].agg(["max", "min"])
        frame = (spread["max"] - spread["min"]).idxmax()
        rows_f = themes[themes["frame"] == frame].sort_values("share", ascending=False)
        top, low = rows_f.iloc[0], rows_f.iloc[-1]
        carriers = rows_f[rows_f["share"] > 0]
        if len(carriers) == 1:
            title = (f"Only {top.outlet} carries the {frame} theme "
                     f"({_pct(top.share)} of its sentences)")
        else:
            title = (f"{top.outlet} gives the {frame} theme the most room: {_pct(top.share)} of "
                     f"its sentences, against {_pct(low.share)} for {low.outlet}")
            alone = [(f, g.loc[g["share"] > 0, "outlet"].iloc[0])
                     for f, g in themes.groupby("frame", sort=False) if (g["share"] > 0).sum() == 1]
            if alone:
                title += "; only " + ", only ".join(f"{o} mentions {f}" for f, o in alone)
    elif not themes.empty:
        top = themes.sort_values("share", ascending=False).iloc[0]
        title = f"{top.outlet}'s leading theme is {top.frame} ({_pct(top.share)} of sentences)"
    elif (data["share"] > 0).any():
        top = data.sort_values("share", ascending=False, kind="stable").iloc[0]
        title = (f"No story themes (add themes.csv); {top.outlet} leans most on the "
                 f"{top.frame} frame ({_pct(top.share)} of sentences)")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Share of body sentences (%) with at least one term of the frame; "
                            "above the line the story's themes, below the Policy Frames Codebook "
                            "(PFC) dimensions. Every hit: a.frame_hits")
    return fig, data


def headline_and_lede(a) -> tuple[Figure, pd.DataFrame]:
    """Story themes and actors by outlet: ``lift`` = share of first-quarter sentences carrying
    the item minus the share of the later sentences (percentage points; positive = put up
    top), with ``H`` where the item is in the headline and ``P`` where it is in the first
    paragraph.

    Title: the item an outlet put highest, against the rest of its body."""
    e = a.emphasis
    e = e[e["layer"].isin(["theme", "actor"])]
    outlets = _outlets(a)
    items = list(dict.fromkeys(zip(e["layer"], e["item"])))
    items.sort(key=lambda k: (k[0] != "theme",))
    data = e[["outlet", "layer", "item", "headline_source", "headline", "first_paragraph",
              "first_quarter_share", "rest_share", "lift"]].reset_index(drop=True)
    if data.empty:
        return None
    values = np.full((len(items), len(outlets)), np.nan)
    labels = np.full(values.shape, "", dtype=object)
    for r in data.itertuples(index=False):
        i, j = items.index((r.layer, r.item)), outlets.index(r.outlet)
        values[i, j] = 100 * r.lift if pd.notna(r.lift) else np.nan
        marks = ("H" if r.headline else "") + ("P" if r.first_paragraph else "")
        num = "" if np.isnan(values[i, j]) else f"{values[i, j]:+.0f}"
        labels[i, j] = f"{num} {marks}".strip()
    for i in range(len(items)):
        for j in range(len(outlets)):
            if labels[i, j] == "":
                labels[i, j] = "·"
    fig, ax = figures.new_figure("page", height=0.2 * max(len(items), 3) + 0.5)
    rows = [item if layer == "theme" else f"{item} (actor)" for layer, item in items]
    lim = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    lim = max(lim, 1.0) * 1.5
    _grid(ax, values, labels, "PuOr_r", -lim, lim, rows, outlets, center=0.0)
    title = "No theme or actor is found"
    if not data.empty and data["lift"].notna().any():
        top = data.loc[data["lift"].idxmax()]
        head = " and its headline" if top.headline else ""
        title = (f"{top['outlet']} puts {top['item']} up top{head}: in "
                 f"{_pct(top.first_quarter_share)} of its first-quarter sentences, "
                 f"{_pct(top.rest_share)} of the rest")
    no_head = [o for o in outlets
               if set(data.loc[data["outlet"] == o, "headline_source"]) <= {"none"}]
    sub = ("Percentage points: share of sentences in the first quarter of the body carrying "
           "the item minus the share after it (orange: up top). H: in the headline; P: in the "
           "first paragraph")
    if no_head:
        sub += f"; no headline for {', '.join(no_head)}"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data


# --------------------------------------------------------------------------------------------
# Naming and attribution


def naming_forms(a) -> tuple[Figure, pd.DataFrame]:
    """How each outlet names the key actors: uses of each naming form (``naming.csv``) in the
    outlet's own words (headline and body, quotations left out), as a table of counts.

    Title: each outlet's most used name for the first actor of ``naming.csv``."""
    n = a.naming
    outlets = _outlets(a)
    data = n[["outlet", "actor", "form", "headline", "body", "quoted", "total"]]
    data = data.reset_index(drop=True)
    forms = list(dict.fromkeys(zip(data["actor"], data["form"])))
    if not forms:
        return None
    values = np.zeros((len(forms), len(outlets)))
    for r in data.itertuples(index=False):
        values[forms.index((r.actor, r.form)), outlets.index(r.outlet)] = r.total
    labels = np.where(values > 0, values.astype(int).astype(str), "·").astype(object)
    fig, ax = figures.new_figure("column", height=0.2 * max(len(forms), 3) + 0.5)
    rows = [f"{actor}: {form}" for actor, form in forms]
    _grid(ax, values, labels, "Greys", 0.0, max(values.max(), 1) * 1.6, rows, outlets)
    title = "No naming form is found (add naming.csv to the story folder)"
    if forms and values.sum() > 0:
        first = forms[0][0]
        parts = []
        for o in outlets:
            d = data[(data["outlet"] == o) & (data["actor"] == first) & (data["total"] > 0)]
            if not d.empty:
                most = d["total"].max()
                tied = "/".join(f"“{f}”" for f in d.loc[d["total"] == most, "form"])
                parts.append(f"{o} {tied} ({most})")
        if parts:
            title = f"Most used name for {first}: " + "; ".join(parts)
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Uses in the headline and body, quotations left out "
                            "(every use: a.naming_hits)")
    return fig, data


def reporting_verbs(a) -> tuple[Figure, pd.DataFrame]:
    """Neutral and loaded reporting verbs and hedges per 1,000 body words, by outlet (the
    outlet's own words; quotations left out).

    Title: the outlet with the most loaded verbs per 1,000 words, and which."""
    t = a.attribution
    outlets = _outlets(a)
    if t.empty or t[["neutral", "loaded", "hedge"]].to_numpy().sum() == 0:
        return None
    data = t.melt(id_vars=["outlet", "words"],
                  value_vars=["neutral_per_1000", "loaded_per_1000", "hedge_per_1000"],
                  var_name="stance", value_name="per_1000")
    data["stance"] = data["stance"].str.replace("_per_1000", "", regex=False)
    counts = t.set_index("outlet")[["neutral", "loaded", "hedge"]]
    data["count"] = [int(counts.loc[o, s]) if o in counts.index else 0
                     for o, s in zip(data["outlet"], data["stance"])]
    data = data[["outlet", "stance", "count", "words", "per_1000"]]
    fig, ax = figures.new_figure("column", height=0.5 * max(len(outlets), 2) + 0.5)
    y = np.arange(len(outlets))
    h = 0.26
    for k, stance in enumerate(("neutral", "loaded", "hedge")):
        d = data[data["stance"] == stance].set_index("outlet").reindex(outlets)
        ax.barh(y + (k - 1) * h, d["per_1000"].fillna(0), height=h,
                color=figures.color(STANCE_COLORS[stance]), label=stance)
        for yi, (v, c) in enumerate(zip(d["per_1000"].fillna(0), d["count"].fillna(0))):
            if c:
                ax.text(v, yi + (k - 1) * h, f" {int(c)}", va="center", fontsize=6,
                        color=figures.color("ink"))
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlabel("verbs per 1,000 body words (label: count)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=3)
    neutral = data[data["stance"] == "neutral"]
    top = neutral.loc[neutral["per_1000"].fillna(0).idxmax()]
    title = (f"No outlet uses a loaded reporting verb; {top.outlet} attributes most: "
             f"{top.per_1000:.1f} neutral verbs per 1,000 words")
    loaded = data[data["stance"] == "loaded"]
    if not loaded.empty and loaded["per_1000"].fillna(0).max() > 0:
        top = loaded.loc[loaded["per_1000"].idxmax()]
        rv = a.reporting_verbs
        forms = rv[(rv["outlet"] == top.outlet) & (rv["stance"] == "loaded") & (rv["count"] > 0)]
        forms = forms.sort_values(["count", "form"], ascending=[False, True])
        shown = [f"“{f}”" + (f" x{c}" if c > 1 else "")
                 for f, c in zip(forms["form"], forms["count"])]
        words = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
        title = (f"{top.outlet} colours its attributions most: {top.per_1000:.1f} loaded verbs "
                 f"per 1,000 words ({words})")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Reporting verbs and hedges in the outlet's own words, per 1,000 "
                            "body words (list: analysis/data/reporting_verbs.csv)")
    return fig, data


# --------------------------------------------------------------------------------------------
# Words and shared text


def distinctive_words(a, n: int = 8) -> tuple[Figure, pd.DataFrame]:
    """Each outlet's most distinctive words against the other outlets: Fightin' Words z-scores
    (Monroe, Colaresi and Quinn 2008), words used at least twice, function words left out.

    Title: each outlet's most distinctive word."""
    outlets = _outlets(a)
    data = top_terms(a.distinctive_terms, n=n)
    data = data[["outlet", "term", "count", "count_rest", "delta", "z", "rank"]]
    if data.empty:
        return None
    outlets = [o for o in outlets if (data["outlet"] == o).any()]
    colors = figures.outlet_colors(outlets, story=a)
    panels = max(len(outlets), 1)
    fig, axes = figures.new_figure("page", height=0.16 * n + 0.7, ncols=panels, sharex=True)
    axes = np.atleast_1d(axes)
    for ax, o in zip(axes, outlets):
        d = data[data["outlet"] == o]
        y = np.arange(len(d))
        ax.barh(y, d["z"], color=colors[o], height=0.7)
        ax.set_yticks(y, [f"{t} ({c})" for t, c in zip(d["term"], d["count"])])
        ax.invert_yaxis()
        ax.set_title(o)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("z-score")
    title = "Too little text to compare words"
    firsts = [f"{o} “{data.loc[data['outlet'] == o, 'term'].iloc[0]}”"
              for o in outlets if (data["outlet"] == o).any()]
    if firsts:
        title = "Most distinctive word: " + "; ".join(firsts)
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Log-odds ratio with an informative Dirichlet prior, z-score; "
                            "label: uses by the outlet. Words used at least twice")
    return fig, data


def shared_and_unique(a) -> tuple[Figure, pd.DataFrame]:
    """The share of each outlet's body words in sentences near-identical to, edited from, or
    unlike any sentence of another outlet (stacked bars, 100%).

    Title: the outlet with the least text of its own."""
    u = a.unique_share
    if u.empty:
        return None
    outlets = [o for o in _outlets(a) if o in set(u["outlet"])]
    rows = []
    for r in u.itertuples(index=False):
        for status, w in (("near-identical", r.near_identical_words), ("edited", r.edited_words),
                          ("unique", r.unique_words)):
            rows.append((r.outlet, status, int(w), r.words, w / r.words if r.words else np.nan))
    data = pd.DataFrame(rows, columns=["outlet", "status", "words", "total_words", "share"])
    fig, ax = figures.new_figure("column", height=0.4 * max(len(outlets), 2) + 0.5)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    for status in ("unique", "edited", "near-identical"):
        d = data[data["status"] == status].set_index("outlet").reindex(outlets)["share"].fillna(0)
        ax.barh(y, 100 * d.to_numpy(), left=left, height=0.65,
                color=figures.color(STATUS_COLORS[status]), label=status)
        for yi, (l, v) in enumerate(zip(left, 100 * d.to_numpy())):
            if v >= 8:
                ax.text(l + v / 2, yi, f"{v:.0f}%", ha="center", va="center", fontsize=6.5,
                        color="white" if status != "edited" else figures.color("ink"))
        left += 100 * d.to_numpy()
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of body words (%)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=3)
    title = "No body text to align"
    uniq = data[data["status"] == "unique"].dropna(subset=["share"])
    if len(uniq) > 1 and uniq["share"].min() == uniq["share"].max():
        title = (f"Every outlet has {_pct(uniq['share'].iloc[0])} of its words in sentences no "
                 "other outlet ran")
    elif len(uniq) > 1:
        low = uniq.loc[uniq["share"].idxmin()]
        title = (f"{low.outlet} has the least text of its own: {_pct(low.share)} of its words "
                 f"are in sentences no other outlet ran")
    elif len(uniq) == 1:
        title = "Only one outlet: nothing to share text with"
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Body words by their sentence's closest match in another outlet "
                            "(same words in order, rapidfuzz): wire copy and common quotes "
                            "are shared text")
    return fig, data


#: The figures of this module, by name (``python -m analysis report`` saves each one).
CHARTS = {
    "frames-by-outlet": frame_heat_map,
    "headline-and-lede-emphasis": headline_and_lede,
    "naming-by-outlet": naming_forms,
    "reporting-verbs-by-outlet": reporting_verbs,
    "distinctive-words-by-outlet": distinctive_words,
    "shared-and-unique-text": shared_and_unique,
}

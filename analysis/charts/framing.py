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
from matplotlib.ticker import MaxNLocator

from analysis.charts import figures
from analysis.measures import claims, findings
from analysis.measures.distinctive import top_terms

#: Colours of the three stances and the three alignment statuses (palette names): category
#: colours, never an outlet's.
STANCE_COLORS = {"neutral": "cat_light", "loaded": "cat_warm", "hedge": "cat_cool_light"}
STATUS_COLORS = {"near-identical": "cat_mid", "edited": "cat_light", "unique": "cat_cool"}
#: Frames drawn at most in the heat map; the rest are summarised under it.
MAX_FRAMES = 10
#: |z| a word's Fightin' Words score must reach to be drawn as distinctive (two-sided 5%).
Z_DISTINCTIVE = 1.96
#: Articles beyond which a grid puts the outlets down the side instead of along the top.
OUTLETS_ON_TOP = 6


def _pct(x: float) -> str:
    return "n/a" if pd.isna(x) else f"{100 * x:.0f}%"


def _outlets(a) -> list[str]:
    from analysis.measures.framing import coverage_files

    arts = a.articles
    return list(dict.fromkeys(arts.loc[arts["file"].isin(coverage_files(a)), "outlet"]))


def _labels(a) -> dict[str, str]:
    return figures.outlet_labels(a)


def _grid(
    a,
    width: str,
    values: np.ndarray,
    labels: np.ndarray,
    cmap: str,
    vmin: float,
    vmax: float,
    rows: list[str],
    outlets: list[str],
    center: float | None = None,
    row_in: float = 0.2,
    extra_in: float = 0.0,
):
    """A shaded table of values with a label in each cell (items in ``rows``, one column per
    outlet; past :data:`OUTLETS_ON_TOP` outlets the table is turned so outlets run down the
    side); a missing value is a blank cell. Labels turn white on dark cells. Returns
    ``(fig, ax, turned)``."""
    import matplotlib

    names = [_labels(a).get(o, o) for o in outlets]
    turned = len(outlets) > OUTLETS_ON_TOP
    if turned:
        values, labels, rows, cols = values.T, labels.T, names, rows
    else:
        cols = names
    fig, ax, col_labels, col_in = figures.grid_figure(
        width, rows, cols, row_in=row_in, extra_in=extra_in
    )
    colormap = matplotlib.colormaps[cmap].with_extremes(bad="white")
    ax.imshow(np.ma.masked_invalid(values), cmap=colormap, vmin=vmin, vmax=vmax, aspect="auto")
    mid = vmin if center is None else center
    reach = max(abs(vmax - mid), abs(vmin - mid)) or 1.0
    size = figures.cell_font_size(labels.ravel(), col_in, row_in)
    if size:
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                strong = not np.isnan(v) and abs(v - mid) > 0.6 * reach
                ax.text(
                    j,
                    i,
                    labels[i, j],
                    ha="center",
                    va="center",
                    fontsize=size,
                    color="white" if strong else figures.color("ink"),
                )
    figures.heatmap_axes(ax, cols, rows, col_labels)
    return fig, ax, turned


# --------------------------------------------------------------------------------------------
# Frames


def frame_heat_map(a) -> tuple[Figure, pd.DataFrame]:
    """Outlets by frames: the number of each article's body sentences carrying each story
    theme (top block) and general policy frame (bottom block), shaded by the share of its
    sentences. At most :data:`MAX_FRAMES` frames (the most used); the others are counted in
    the subtitle. Frames with no terms (``other``) are left out.

    Title: the story theme whose count differs most between outlets, when by 3 sentences or
    more; else that the outlets give the themes about the same room."""
    t = a.frames
    t = t[t["share"].notna()]
    outlets = _outlets(a)
    data = t[["outlet", "layer", "frame", "sentences", "sentences_total", "share"]]
    data = data.reset_index(drop=True)
    if data.empty:
        return None  # type: ignore[return-value]
    best = data.groupby(["layer", "frame"], sort=False)["sentences"].max()
    best = best[best > 0]
    ranked = sorted(best.index, key=lambda k: (k[0] != "theme", -best[k]))
    themes_first = [k for k in ranked if k[0] == "theme"]
    shown = (themes_first + [k for k in ranked if k[0] != "theme"])[:MAX_FRAMES]
    order = [k for k in dict.fromkeys(zip(data["layer"], data["frame"])) if k in shown]
    order.sort(key=lambda k: (k[0] != "theme", -best[k]))
    hidden = len(best) - len(order)
    if not order:
        order = list(dict.fromkeys(zip(data["layer"], data["frame"])))[:MAX_FRAMES]
    values = np.full((len(order), len(outlets)), np.nan)
    labels = np.full(values.shape, "", dtype=object)
    for r in data.itertuples(index=False):
        if (r.layer, r.frame) not in order or r.outlet not in outlets:
            continue
        i, j = order.index((r.layer, r.frame)), outlets.index(r.outlet)
        values[i, j] = r.share
        labels[i, j] = f"{int(r.sentences)}" if r.sentences > 0 else "·"
    rows = [f for _, f in order]
    vmax = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    fig, ax, turned = _grid(
        a, "page", values, labels, "Blues", 0.0, max(vmax, 0.01) * 1.15, rows, outlets
    )
    n_theme = sum(1 for layer, _ in order if layer == "theme")
    if 0 < n_theme < len(order):
        if turned:
            ax.axvline(n_theme - 0.5, color=figures.color("ink"), linewidth=0.8)
        else:
            ax.axhline(n_theme - 0.5, color=figures.color("ink"), linewidth=0.8)
    lab = _labels(a)
    themes = data[data["layer"] == "theme"]
    title = "No story theme is found in the bodies"
    if not themes.empty and len(outlets) > 1:
        spread = themes.groupby("frame", sort=False)["sentences"].agg(["max", "min"])
        frame = (spread["max"] - spread["min"]).idxmax()
        rows_f = themes[themes["frame"] == frame].sort_values(
            ["sentences", "outlet"], ascending=[False, True]
        )
        top, low = rows_f.iloc[0], rows_f.iloc[-1]
        if claims.counts_differ(top.sentences, low.sentences):
            title = (
                f"{lab.get(top.outlet, top.outlet)} gives the {frame} theme the most room: "
                f"{claims.count_of(top.sentences, top.sentences_total, 'sentences')}, "
                f"against {claims.count_of(low.sentences, low.sentences_total, 'sentences')}"
                f" at {lab.get(low.outlet, low.outlet)}"
            )
        else:
            title = (
                "The outlets give the story's themes about the same room: no theme's count "
                "differs by 3 sentences or more"
            )
    elif not themes.empty:
        top = themes.sort_values("sentences", ascending=False).iloc[0]
        title = (
            f"{lab.get(top.outlet, top.outlet)}'s leading theme is {top.frame} "
            f"({claims.count_of(top.sentences, top.sentences_total, 'sentences')})"
        )
    elif (data["sentences"] > 0).any():
        # the finding's rule: a frame on fewer than 3 sentences, or a lead of fewer than 3,
        # is not named as one outlet's
        strongest = findings.most_frame(data, "share", labels=lab)
        said = strongest["sentence"].rstrip(".") if strongest else "no frame stands out"
        if said.startswith("No frame stands out"):
            said = "n" + said[1:]
        title = "No story themes listed; " + said
    where = "left of" if turned else "above"
    sub = (
        f"Body sentences with a term of the frame (shade: share of the article's sentences); "
        f"{where} the line the story's own themes, then general policy frames"
    )
    if hidden > 0:
        sub += f"; {hidden} less used frame{'s' if hidden != 1 else ''} not shown"
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Frames: term lists, Policy Frames Codebook"),
        subtitle=sub,
    )
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
    items = items[:MAX_FRAMES]
    data = e[
        [
            "outlet",
            "layer",
            "item",
            "headline_source",
            "headline",
            "first_paragraph",
            "first_quarter_share",
            "rest_share",
            "lift",
        ]
    ].reset_index(drop=True)
    if data.empty:
        return None  # type: ignore[return-value]
    values = np.full((len(items), len(outlets)), np.nan)
    labels = np.full(values.shape, "", dtype=object)
    for r in data.itertuples(index=False):
        if (r.layer, r.item) not in items or r.outlet not in outlets:
            continue
        i, j = items.index((r.layer, r.item)), outlets.index(r.outlet)
        values[i, j] = 100 * r.lift if pd.notna(r.lift) else np.nan
        marks = ("H" if r.headline else "") + ("P" if r.first_paragraph else "")
        num = "" if np.isnan(values[i, j]) else f"{values[i, j]:+.0f}"
        labels[i, j] = f"{num} {marks}".strip()
    for i in range(len(items)):
        for j in range(len(outlets)):
            if labels[i, j] == "":
                labels[i, j] = "·"
    rows = [item if layer == "theme" else f"{item} (actor)" for layer, item in items]
    lim = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    lim = max(lim, 1.0) * 1.5
    fig, ax, turned = _grid(
        a, "page", values, labels, "PuOr_r", -lim, lim, rows, outlets, center=0.0
    )
    lab = _labels(a)
    title = "No theme or actor is found"
    strong = e[(e["first_quarter"] >= claims.COUNT_GAP) & e["lift"].notna()]
    if not data.empty and data["lift"].notna().any() and strong.empty:
        title = (
            f"No outlet puts a theme or actor up top in {claims.COUNT_GAP} sentences or "
            "more: the counts are too small to rank"
        )
    elif not strong.empty:
        top = strong.loc[strong["lift"].idxmax()]
        head = " and its headline" if top.headline else ""
        k1, k2 = int(top["first_quarter"]), int(top["rest"])
        n1 = round(k1 / top.first_quarter_share) if top.first_quarter_share else 0
        after = (
            claims.count_of(k2, round(k2 / top.rest_share), "sentences")
            if top.rest_share
            else "none"
        )
        title = (
            f"{lab.get(top['outlet'], top['outlet'])} puts {top['item']} up top{head}: "
            f"{claims.count_of(k1, n1, 'sentences')} of its first quarter, {after} "
            "after"
        )
    no_head = [
        lab.get(o, o)
        for o in outlets
        if set(data.loc[data["outlet"] == o, "headline_source"]) <= {"none"}
    ]
    sub = (
        "Percentage points: share of sentences in the first quarter of the body carrying "
        "the item minus the share after it (orange: up top). H: in the headline; P: in the "
        "first paragraph"
    )
    if no_head:
        sub += f"; no headline for {claims.join(no_head)}"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data


# --------------------------------------------------------------------------------------------
# Naming and attribution


def naming_forms(a) -> tuple[Figure, pd.DataFrame]:
    """How each outlet names the key actors: uses of each naming form (the story's list of
    names) in the outlet's own words (headline and body, quotations left out), as a table of
    counts.

    Title: the name most outlets use most for the first actor on the list."""
    n = a.naming
    outlets = _outlets(a)
    data = n[["outlet", "actor", "form", "headline", "body", "quoted", "total"]]
    data = data.reset_index(drop=True)
    forms = list(dict.fromkeys(zip(data["actor"], data["form"])))[:MAX_FRAMES]
    if not forms:
        return None  # type: ignore[return-value]
    values = np.zeros((len(forms), len(outlets)))
    for r in data.itertuples(index=False):
        if (r.actor, r.form) in forms and r.outlet in outlets:
            values[forms.index((r.actor, r.form)), outlets.index(r.outlet)] = r.total
    labels = np.where(values > 0, values.astype(int).astype(str), "·").astype(object)
    actors = list(dict.fromkeys(actor for actor, _ in forms))
    rows = [form if len(actors) == 1 else f"{actor}: {form}" for actor, form in forms]
    fig, ax, _ = _grid(
        a,
        "column" if len(outlets) <= 3 else "page",
        values,
        labels,
        "Greys",
        0.0,
        max(values.max(), 1) * 1.6,
        rows,
        outlets,
    )
    title = "No name on the story's list is found"
    if values.sum() > 0:
        first = forms[0][0]
        tops = []
        for o in outlets:
            d = data[(data["outlet"] == o) & (data["actor"] == first) & (data["total"] > 0)]
            if not d.empty:
                most = d["total"].max()
                if (d["total"] == most).sum() == 1:
                    tops.append(d.loc[d["total"] == most, "form"].iloc[0])
        if tops:
            common = pd.Series(tops).value_counts()
            form = common.index[0]
            title = (
                f"“{form}” is the name for {first} that {common.iloc[0]} of "
                f"{len(outlets)} outlets use most"
            )
    figures.finish(
        fig,
        title,
        figures.source_line(a),
        subtitle=f"Uses of each name for {claims.join(actors)} in the headline and "
        "body, quotations left out",
    )
    return fig, data


def reporting_verbs(a) -> tuple[Figure, pd.DataFrame]:
    """Neutral and loaded reporting verbs and hedges in each outlet's own words (quotations
    left out), as counts; the rate per 1,000 body words is in the data.

    Title: the outlet with the most loaded verbs, when it has at least 3 more than any other."""
    t = a.attribution
    outlets = _outlets(a)
    if t.empty or t[["neutral", "loaded", "hedge"]].to_numpy().sum() == 0:
        return None  # type: ignore[return-value]
    data = t.melt(
        id_vars=["outlet", "words"],
        value_vars=["neutral_per_1000", "loaded_per_1000", "hedge_per_1000"],
        var_name="stance",
        value_name="per_1000",
    )
    data["stance"] = data["stance"].str.replace("_per_1000", "", regex=False)
    counts = t.set_index("outlet")[["neutral", "loaded", "hedge"]]
    data["count"] = [
        int(counts.loc[o, s]) if o in counts.index else 0
        for o, s in zip(data["outlet"], data["stance"])
    ]
    data = data[["outlet", "stance", "count", "words", "per_1000"]]
    lab = _labels(a)
    order = sorted(
        outlets,
        key=lambda o: (
            -int(counts["loaded"].get(o, 0)),
            -int(counts.sum(axis=1).get(o, 0)),
            lab.get(o, o),
        ),
    )
    names = [lab.get(o, o) for o in order]
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(order)))
    axes_in = figures.axes_width_in("column", names)
    y = np.arange(len(order))
    left = np.zeros(len(order))
    handles = []
    top = float(counts.reindex(order).fillna(0).sum(axis=1).max() or 1)
    for stance in ("loaded", "hedge", "neutral"):
        d = counts.reindex(order)[stance].fillna(0).to_numpy()
        handles.append(
            ax.barh(
                y,
                d,
                left=left,
                height=0.65,
                edgecolor="white",
                linewidth=0.6,
                color=figures.color(STANCE_COLORS[stance]),
                label=stance,
            )
        )
        for yi, (l0, v) in enumerate(zip(left, d)):
            if v and v / top * axes_in * 72 >= 9:
                ax.text(
                    l0 + v / 2,
                    yi,
                    f"{int(v)}",
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if stance == "loaded" else figures.color("ink"),
                )
        left += d
    ax.set_yticks(y, names)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("reporting verbs (count)")
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.grid(axis="y", visible=False)
    figures.legend_above(ax, handles, axes_in)
    loaded = counts["loaded"].reindex(order).fillna(0).astype(int)
    first = order[0]
    if loaded.max() == 0:
        title = "No outlet uses a loaded reporting verb in its own words"
    elif len(order) > 1 and not all(
        claims.counts_differ(loaded[first], loaded[o]) for o in order[1:]
    ):
        title = (
            f"No outlet leads on loaded reporting verbs by 3 or more: {loaded.min()} to "
            f"{loaded.max()} each"
            if claims.counts_differ(loaded.max(), loaded.min())
            else f"The outlets use about as many loaded reporting verbs: {loaded.min()} "
            f"to {loaded.max()} each"
        )
    else:
        rv = a.reporting_verbs
        forms = rv[(rv["outlet"] == first) & (rv["stance"] == "loaded") & (rv["count"] > 0)]
        forms = forms.sort_values(["count", "form"], ascending=[False, True])
        shown = ", ".join(f"“{f}”" for f in forms["form"][:3])
        title = (
            f"{lab.get(first, first)} colours its attributions most: "
            f"{claims.plural(loaded[first], 'loaded verbs')} ({shown})"
        )
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Verbs: the workbook's list"),
        subtitle="Reporting verbs and hedges in the outlet's own words, quotations "
        "left out; named when 3 or more verbs apart",
    )
    return fig, data


# --------------------------------------------------------------------------------------------
# Words and shared text


def distinctive_words(a, n: int = 6) -> tuple[Figure, pd.DataFrame]:
    """Each outlet's distinctive words against the other outlets: Fightin' Words z-scores
    (Monroe, Colaresi and Quinn 2008), words used at least twice, function words left out;
    only words with z of at least :data:`Z_DISTINCTIVE` are drawn (the others are chance).
    Small multiples, three outlets to a row.

    Title: how many outlets have a distinctive word, and the strongest."""
    outlets = _outlets(a)
    data = top_terms(a.distinctive_terms, n=n)
    data = data[["outlet", "term", "count", "count_rest", "delta", "z", "rank"]]
    if data.empty or len(outlets) < 2:
        return None  # type: ignore[return-value]  # nothing to compare
    data = data[data["z"] >= Z_DISTINCTIVE].reset_index(drop=True)
    lab = _labels(a)
    with_words = [o for o in outlets if (data["outlet"] == o).any()]
    cols = 3
    rows_n = max(1, -(-len(with_words) // cols))
    height = (0.15 * max(n, 2) + 0.55) * rows_n if with_words else 0.3
    fig, axes = figures.new_figure(
        "page", height=height, nrows=rows_n, ncols=cols if with_words else 1, squeeze=False
    )
    colors = figures.outlet_colors(with_words, story=a, highlight=with_words[:8])
    for k, ax in enumerate(axes.ravel()):
        if k >= len(with_words):
            ax.axis("off")
            continue
        o = with_words[k]
        d = data[data["outlet"] == o]
        y = np.arange(len(d))
        ax.barh(y, d["z"], color=colors[o], height=0.7)
        ax.set_yticks(y, [f"{t} ({c})" for t, c in zip(d["term"], d["count"])])
        ax.set_ylim(max(n, len(d)) - 0.5, -0.5)
        ax.set_title(lab.get(o, o), fontsize=7)
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(MaxNLocator(3))
        if k >= (rows_n - 1) * cols:
            ax.set_xlabel("z-score", fontsize=6.5)
    none = len(outlets) - len(with_words)
    if not with_words:
        title = (
            f"No word is distinctive of any outlet: every z-score is below "
            f"{Z_DISTINCTIVE} (one article each is little text)"
        )
    else:
        best = data.loc[data["z"].idxmax()]
        title = (
            f"{len(with_words)} of {len(outlets)} outlets have a distinctive word; the "
            f"strongest: “{best.term}” at {lab.get(best.outlet, best.outlet)} "
            f"(z {best.z:.1f}, used {best['count']} times)"
        )
    sub = (
        f"Words each outlet uses more than the others, z of {Z_DISTINCTIVE} or more (bracket: uses)"
    )
    if none and with_words:
        sub += f"; {none} outlet{'s have' if none != 1 else ' has'} none"
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Words: Fightin' Words log-odds (Monroe et al. 2008)"),
        subtitle=sub,
    )
    return fig, data


def shared_and_unique(a) -> tuple[Figure, pd.DataFrame]:
    """The share of each outlet's body words in sentences near-identical to, edited from, or
    unlike any sentence of another outlet (stacked bars, 100%); an outlet that ran wire copy is
    labelled with the agency, since its shared text is the agency's.

    Title: the outlet with the least text of its own (the outlets, when others print within
    5 points of it), and which outlets ran wire copy."""
    u = a.unique_share
    if u.empty:
        return None  # type: ignore[return-value]
    outlets = [o for o in _outlets(a) if o in set(u["outlet"])]
    rows = []
    for r in u.itertuples(index=False):
        for status, w in (
            ("near-identical", r.near_identical_words),
            ("edited", r.edited_words),
            ("unique", r.unique_words),
        ):
            rows.append((r.outlet, status, int(w), r.words, w / r.words if r.words else np.nan))
    data = pd.DataFrame(rows, columns=["outlet", "status", "words", "total_words", "share"])
    uniq = data[data["status"] == "unique"].set_index("outlet")["share"]
    lab = _labels(a)
    wires = figures.wire_agencies(a)
    outlets.sort(key=lambda o: (uniq.get(o, np.nan) if pd.notna(uniq.get(o)) else 2, lab.get(o, o)))
    names = [lab.get(o, o) for o in outlets]
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(outlets)))
    axes_in = figures.axes_width_in("column", names)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    handles = []
    for status in ("unique", "edited", "near-identical"):
        d = data[data["status"] == status].set_index("outlet").reindex(outlets)["share"].fillna(0)
        handles.append(
            ax.barh(
                y,
                100 * d.to_numpy(),
                left=left,
                height=0.65,
                color=figures.color(STATUS_COLORS[status]),
                label={
                    "unique": "in no other outlet",
                    "edited": "edited from another",
                    "near-identical": "same as another",
                }[status],
            )
        )
        for yi, (l, v) in enumerate(zip(left, 100 * d.to_numpy())):
            text = f"{v:.0f}%"
            if v / 100 * axes_in * 72 >= figures.text_width(text, 6) + 3:
                ax.text(
                    l + v / 2,
                    yi,
                    text,
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if status != "edited" else figures.color("ink"),
                )
        left += 100 * d.to_numpy()
    ax.set_yticks(y, names)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of body words (%)")
    ax.grid(axis="y", visible=False)
    figures.legend_above(ax, handles, axes_in)
    title = "No body text to align"
    known = data[data["status"] == "unique"].dropna(subset=["share"])
    if len(known) == 1:
        title = "Only one outlet: nothing to share text with"
    elif len(known) > 1:
        low = known.set_index("outlet").loc[outlets[0]]
        top = known.set_index("outlet").loc[outlets[-1]]
        if top.share == 0:
            title = "No outlet has text of its own: every sentence is shared or edited"
        elif not claims.counts_differ(low.words, top.words) or low.share == top.share:
            title = (
                f"Every outlet has about as much text of its own "
                f"({claims.span(_pct(low.share), _pct(top.share))} of its words)"
            )
        else:
            # Every outlet that prints within 5 points of the least is named with it.
            least = claims.close_to_end(
                known.set_index("outlet")["share"], claims.shares_differ, highest=False
            )
            if len(least) > 1:
                shares = known.set_index("outlet").loc[least, "share"]
                who = (
                    claims.join(lab.get(o, o) for o in least)
                    if len(least) <= 3
                    else f"{len(least)} of {len(known)} outlets"
                )
                title = (
                    f"{who} have no text of their own: every sentence is the same as or "
                    "edited from another outlet's"
                    if shares.max() == 0
                    else f"{who} have the least text no other outlet ran: "
                    + claims.shares_of_each(_pct(shares.min()), _pct(shares.max()), "words")
                )
            else:
                who = lab.get(outlets[0], outlets[0])
                title = (
                    f"{who} has the least text no other outlet ran: {_pct(low.share)} of its words"
                )
            # Named only when they have unshared text (else there is nothing to call the agency's).
            wired = [lab.get(o, o) for o in outlets if o in wires and uniq.get(o, 0) > 0]
            if wired:
                ran = claims.join(wired) if len(wired) <= 3 else f"{len(wired)} (marked)"
                title += (
                    f"; {ran} ran agency copy, so their unshared text is "
                    "largely the agency's, not their own reporting"
                )
    sub = "Body words by their sentence's closest match in another outlet"
    if wires:
        sub += (
            "; outlets marked with an agency ran its wire copy, so shared text there is the "
            "agency's words"
        )
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Matching: fuzzy sentence alignment"),
        subtitle=sub,
    )
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

"""Figures for quotes (notebook 04).

Each function takes an :class:`analysis.pipeline.Analysis` and returns ``(figure, data)``: the
figure finished with a title that states the finding, and exactly the data it plots. Source
documents (manifest ``kind=source``) are not drawn as outlets.

- :func:`quote_unit_matrix` — which of the speaker's passages (quote units) each outlet used,
  word for word or as a variant, and in which order.
- :func:`quote_share_by_outlet` — the share of each article's body words inside quotes.
- :func:`attribution_verbs_by_outlet` — the verbs that introduce the quotes, by stance.
- :func:`fidelity_by_outlet` — quoted words corroborated by another outlet, variant or
  unattested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.charts import figures
from analysis.story.loading import coverage_rows
from analysis.measures.alignment import segments
from analysis.story.text import count_words
from analysis.measures import claims

#: Units drawn at most in the matrix (the most widely used first).
MATRIX_MAX_UNITS = 30
#: Words of a unit's text shown as its label.
LABEL_WORDS = 7
#: Category colours (palette names), never an outlet's colour.
STANCE_COLORS = {"neutral": "cat_light", "loaded": "cat_warm", "hedge": "cat_cool_light",
                 "none": "grid"}
FIDELITY_COLORS = {"corroborated": "cat_cool", "partly-corroborated": "cat_cool_light",
                   "variant": "cat_mid", "unattested": "cat_warm",
                   "source-exact": "cat_cool", "source-variant": "cat_mid",
                   "source-absent": "cat_warm"}
#: Reader-facing names of the fidelity classes.
FIDELITY_NAMES = {"corroborated": "same words in another outlet",
                  "partly-corroborated": "partly in another outlet",
                  "variant": "worded differently elsewhere", "unattested": "in no other outlet",
                  "source-exact": "as in the source", "source-variant": "reworded from the source",
                  "source-absent": "not in the source"}


def _outlets(a) -> list[str]:
    arts = a.articles
    arts = coverage_rows(arts)
    return list(dict.fromkeys(arts["outlet"]))




def _label(text: str, n: int = LABEL_WORDS) -> str:
    words = str(text).split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _join(names: list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def unit_labels(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per quote unit: ``unit, label`` (the first words of its longest version),
    ``outlets`` (how many articles use it) and ``words`` (its longest version's words). A unit
    is one of the speaker's sentences: a quote of two sentences counts in two units, each with
    its own sentence (:func:`analysis.measures.alignment.segments`)."""
    q = segments(quotes[quotes["unit"] != ""])
    q = q[q["segment_unit"] != ""]
    q = q.assign(unit=q["segment_unit"], quote=q["segment_text"],
                 words=[count_words(t) for t in q["segment_text"]]).reset_index(drop=True)
    rows = []
    for unit, part in q.groupby("unit", sort=True):
        longest = part.loc[part["words"].idxmax()]
        rows.append({"unit": unit, "label": f"“{_label(longest.quote)}”",
                     "outlets": part["file"].nunique(), "words": int(longest.words)})
    return pd.DataFrame(rows, columns=["unit", "label", "outlets", "words"])


# --------------------------------------------------------------------------------------------


def quote_unit_matrix(a, max_units: int = MATRIX_MAX_UNITS) -> tuple[Figure, pd.DataFrame]:
    """Outlets (columns) by quote units (rows): a filled square where the outlet quotes the
    unit word for word (as another outlet does, or as the only one), a hollow one where its
    wording differs from every other outlet's (variant), nothing where it does not use them; the number is the order in which the
    outlet uses the unit. Units used by most outlets first, at most ``max_units``.
    Title: how many units every outlet shares, and how many only one outlet has."""
    arts = figures.article_labels(a)
    units = a.quote_units
    labels = unit_labels(a.quotes)
    labels = labels.sort_values(["outlets", "words"], ascending=[False, False], kind="stable")
    shown = labels.head(max_units)
    data = units[units["unit"].isin(shown["unit"])].merge(shown[["unit", "label"]], on="unit")
    data = data[["unit", "label", "outlet", "file", "used", "match", "order", "words"]]
    order = {u: k for k, u in enumerate(shown["unit"])}
    data = data.sort_values(["unit"], key=lambda s: s.map(order), kind="stable")
    data = data.reset_index(drop=True)
    n_units, n_arts = len(shown), len(arts)
    fig, ax, col_labels, col_in = figures.grid_figure("page", list(shown["label"]),
                                                      list(arts["label"]), row_in=0.24,
                                                      extra_in=0.25)
    colors = figures.outlet_colors(list(arts["outlet"]), story=a)
    if figures.many_outlets(a):  # columns are labelled: one colour reads better than grey
        colors = {o: figures.color("cat_cool") for o in colors}
    col_of = {f: k for k, f in enumerate(arts["file"])}
    side = min(col_in * 72 * 0.8, 0.24 * 72 * 0.8, 11.0)
    size = figures.cell_font_size(["88"], col_in, 0.24, sizes=(5.5, 5.0, 4.5))
    for r in data.itertuples(index=False):
        if not r.used or r.file not in col_of:
            continue
        x, y = col_of[r.file], order[r.unit]
        c = colors[r.outlet]
        filled = r.match == "exact"
        ax.scatter([x], [y], s=side ** 2, marker="s", facecolor=c if filled else "white",
                   edgecolor=c, linewidth=1.2, zorder=3)
        if size:
            ax.text(x, y, str(r.order), ha="center", va="center", fontsize=size, zorder=4,
                    color="white" if filled else figures.color("ink"))
    figures.heatmap_axes(ax, list(arts["label"]), list(shown["label"]), col_labels)
    ax.set_xlim(-0.6, n_arts - 0.4)
    ax.set_ylim(n_units - 0.5, -0.5)
    ax.tick_params(axis="y", labelsize=6)
    ax.grid(True, color=figures.color("grid"), linewidth=0.5)
    ax.legend(handles=[
        Line2D([], [], marker="s", linestyle="", markerfacecolor=figures.color("muted"),
               markeredgecolor=figures.color("muted"), label="quoted word for word"),
        Line2D([], [], marker="s", linestyle="", markerfacecolor="white",
               markeredgecolor=figures.color("muted"),
               label="variant: worded unlike every other article"),
    ], loc="upper left", bbox_to_anchor=(0, -0.02), ncols=2, fontsize=6)
    all_units = labels
    if all_units.empty:
        title = "No quotes to align"
    else:
        everyone = int((all_units["outlets"] == n_arts).sum())
        alone = int((all_units["outlets"] == 1).sum())
        title = (f"{everyone} of {len(all_units)} quoted passages appear in all {n_arts} "
                 f"articles; {alone} appear in one article only")
        if n_arts == 1:
            title = f"One article quotes {len(all_units)} passages"
    sub = ("Passages of the speakers (the same words, matched across outlets) by article; the "
           "number is the order in which the article uses them")
    if len(labels) > max_units:
        sub += f"; the {max_units} most widely used of {len(labels)}"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data


def quote_share_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """One bar per article: the share of its body words inside quotation marks (the rest is
    the reporter's narration). Title: the most and the least quoted."""
    arts = figures.article_labels(a)
    share = a.quote_share.set_index("file")
    data = arts.assign(
        body_words=share.loc[arts["file"], "body_words"].to_numpy(),
        quoted_words=share.loc[arts["file"], "quoted_words"].to_numpy(),
        narration_words=share.loc[arts["file"], "narration_words"].to_numpy(),
        quoted_share=share.loc[arts["file"], "quoted_share"].to_numpy(),
    )
    data = data.sort_values(["quoted_share", "label"], ascending=[False, True],
                            na_position="last", kind="stable").reset_index(drop=True)
    named = list(data["outlet"].iloc[[0, -1]]) if len(data) else []
    colors = figures.outlet_colors(list(arts["outlet"]), story=a, highlight=named)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(data)))
    axes_in = figures.axes_width_in("column", data["label"])
    y = np.arange(len(data))
    pct = data["quoted_share"].fillna(0) * 100
    ax.barh(y, pct, color=[colors[o] for o in data["outlet"]], height=0.65)
    texts = [f"{q} of {b} words" for q, b in zip(data["quoted_words"], data["body_words"])]
    room = figures.value_room(texts, axes_in)
    top = max(float(pct.max()) if len(pct) else 0.0, 1.0)
    for yi, p, text in zip(y, pct, texts):
        ax.text(p + top * 0.015, yi, text, va="center", fontsize=6.5,
                color=figures.color("ink"))
    ax.set_yticks(y, data["label"])
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.set_xlim(0, top / (1 - room))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel("words in quotes")
    ax.grid(axis="y", visible=False)
    if data["quoted_share"].notna().any():
        most, least = data.iloc[0], data.dropna(subset=["quoted_share"]).iloc[-1]
        if len(data) == 1:
            title = f"{most.label} gives {most.quoted_share:.0%} of its words to quotes"
        elif not claims.counts_differ(most.quoted_words, least.quoted_words):
            title = "The articles quote about as many words"
        else:
            title = (f"{most.label} gives {most.quoted_share:.0%} of its words to quotes, "
                     f"{least.label} {least.quoted_share:.0%}")
    else:
        title = "No body text to measure"
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Share of body words inside quotation marks (label: words); the "
                            "rest is the reporter's narration")
    return fig, data[["file", "outlet", "body_words", "quoted_words", "narration_words",
                      "quoted_share"]]


def attribution_verbs_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Each outlet's body quotes by the verb that introduces them (``said``, ``insisted``,
    ``suggested``; none when a quote paragraph just follows another), coloured by stance
    (neutral, loaded, hedge; list: ``analysis/data/reporting_verbs.csv``). Title: the outlet
    with the largest share of loaded attributions, and its verbs."""
    arts = figures.article_labels(a)
    q = a.quotes
    q = q[(q["location"] == "body") & q["file"].isin(arts["file"])]
    q = q.assign(verb_lemma=q["verb_lemma"].replace("", "(none)"),
                 stance=q["stance"].replace("", "none"))
    data = (q.groupby(["outlet", "verb_lemma", "stance"]).size().rename("quotes")
            .reset_index())
    totals = q.groupby("outlet").size()
    data["share"] = data["quotes"] / data["outlet"].map(totals)
    stance_rank = {"neutral": 0, "loaded": 1, "hedge": 2, "none": 3}
    verbs = (data.groupby(["verb_lemma", "stance"])["quotes"].sum().reset_index()
             .assign(rank=lambda d: d["stance"].map(stance_rank))
             .sort_values(["rank", "quotes", "verb_lemma"], ascending=[True, False, True]))
    outlets = list(dict.fromkeys(arts["outlet"]))
    lab = figures.outlet_labels(a)
    names = [lab.get(o, o) for o in outlets]
    fig, ax = figures.new_figure("page", height=figures.rows_height(len(outlets)))
    axes_in = figures.axes_width_in("page", names)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    top = float(totals.max()) if len(totals) else 1.0
    for v in verbs.itertuples(index=False):
        d = data[(data["verb_lemma"] == v.verb_lemma)].set_index("outlet")["quotes"]
        widths = np.array([d.get(o, 0) for o in outlets], dtype=float)
        ax.barh(y, widths, left=left, color=figures.color(STANCE_COLORS[v.stance]),
                edgecolor="white", linewidth=0.8, height=0.6)
        for yi, (w, l0) in enumerate(zip(widths, left)):
            if w and w / max(top, 1) * axes_in * 72 >= figures.text_width(v.verb_lemma, 5.5) + 3:
                ax.text(l0 + w / 2, yi, v.verb_lemma, ha="center", va="center", fontsize=5.5,
                        color="white" if v.stance == "loaded" else figures.color("ink"))
        left += widths
    ax.set_yticks(y, names)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax.set_xlabel("quotes in the body (each segment: one verb)")
    ax.grid(axis="y", visible=False)
    figures.legend_above(ax, [Patch(color=figures.color(STANCE_COLORS[s]), label=s)
                              for s in ("neutral", "loaded", "hedge", "none")], axes_in)
    loaded = data[data["stance"] == "loaded"].groupby("outlet")["quotes"].sum()
    loaded = loaded.reindex(outlets).fillna(0).astype(int)
    if loaded.empty or loaded.max() == 0:
        title = "No outlet introduces its quotes with a loaded verb"
    else:
        first = loaded.idxmax()
        rest = loaded.drop(first)
        forms = q[(q["outlet"] == first) & (q["stance"] == "loaded")]["verb"].value_counts()
        shown = ", ".join(f"“{f}”" for f in forms.index[:3])
        if len(rest) and not all(claims.counts_differ(loaded[first], k) for k in rest):
            title = (f"No outlet leads on quotes introduced by a loaded verb by 3 or more: "
                     f"{loaded.min()} to {loaded.max()} each"
                     if claims.counts_differ(loaded.max(), loaded.min()) else
                     f"The outlets introduce about as many quotes with a loaded verb: "
                     f"{loaded.min()} to {loaded.max()} each")
        else:
            title = (f"{lab.get(first, first)} introduces "
                     f"{claims.count_of(loaded[first], totals[first], 'quotes')} with a loaded "
                     f"verb ({shown})")
    figures.finish(fig, title, figures.source_line(a, method="Verbs: the workbook's list"),
                   subtitle="Quotes in the body by the verb that attributes them; 'none': a "
                            "quote that continues the previous speaker. Named when 3 or more "
                            "quotes apart")
    return fig, data[["outlet", "verb_lemma", "stance", "quotes", "share"]]


def fidelity_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Each outlet's quoted words by fidelity: the same words in another outlet
    (corroborated), in part, only as a variant, or in no other outlet (unattested); against
    the source document instead when the story has one. Title: the outlet with the largest
    share of words no one else quotes."""
    arts = figures.article_labels(a)
    q = a.quotes[a.quotes["file"].isin(arts["file"])]
    data = (q.groupby(["outlet", "fidelity"])["words"].sum().rename("words").reset_index())
    totals = q.groupby("outlet")["words"].sum()
    data["share"] = data["words"] / data["outlet"].map(totals)
    kinds = [k for k in FIDELITY_COLORS if k in set(data["fidelity"])]
    outlets = list(dict.fromkeys(arts["outlet"]))
    lab = figures.outlet_labels(a)
    names = [lab.get(o, o) for o in outlets]
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(outlets)))
    axes_in = figures.axes_width_in("column", names)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    handles = []
    for k in kinds:
        d = data[data["fidelity"] == k].set_index("outlet")["share"]
        widths = np.array([d.get(o, 0.0) for o in outlets]) * 100
        handles.append(ax.barh(y, widths, left=left, color=figures.color(FIDELITY_COLORS[k]),
                               height=0.6, edgecolor="white", linewidth=0.8,
                               label=FIDELITY_NAMES.get(k, k)))
        left += widths
    ax.set_yticks(y, names)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
    ax.set_xlabel("quoted words")
    ax.grid(axis="y", visible=False)
    if handles:
        figures.legend_above(ax, handles, axes_in)
    alone = data[data["fidelity"].isin(["unattested", "source-absent"])]
    if alone.empty:
        title = "Every quoted word is found in another outlet or in the source"
    else:
        top = alone.loc[alone["words"].idxmax()]
        where = "the source document" if top.fidelity == "source-absent" else "any other outlet"
        title = (f"{lab.get(top.outlet, top.outlet)} quotes "
                 f"{claims.amount(top.words, totals[top.outlet], 'words')} found in no quote of "
                 f"{where}")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Quoted words (body, headline and captions) by whether another "
                            "outlet quotes the same words")
    return fig, data[["outlet", "fidelity", "words", "share"]]


#: The figures of this module, by name (``python -m analysis report`` saves each one).
CHARTS = {
    "quote-units-by-outlet": quote_unit_matrix,
    "quote-share-by-outlet": quote_share_by_outlet,
    "attribution-verbs-by-outlet": attribution_verbs_by_outlet,
    "quote-fidelity-by-outlet": fidelity_by_outlet,
}

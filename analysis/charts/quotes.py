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

from analysis.charts import figures

#: Units drawn at most in the matrix (the most widely used first).
MATRIX_MAX_UNITS = 30
#: Words of a unit's text shown as its label.
LABEL_WORDS = 7
STANCE_COLORS = {"neutral": "light", "loaded": "vermillion", "hedge": "sky_blue",
                 "none": "grid"}
FIDELITY_COLORS = {"corroborated": "bluish_green", "partly-corroborated": "sky_blue",
                   "variant": "orange", "unattested": "vermillion",
                   "source-exact": "bluish_green", "source-variant": "orange",
                   "source-absent": "vermillion"}


def _outlets(a) -> list[str]:
    arts = a.articles
    if "kind" in arts:
        arts = arts[arts["kind"].fillna("article") != "source"]
    return list(dict.fromkeys(arts["outlet"]))




def _label(text: str, n: int = LABEL_WORDS) -> str:
    words = str(text).split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _join(names: list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def unit_labels(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per quote unit: ``unit, label`` (the first words of its longest quote),
    ``outlets`` (how many articles use it) and ``words`` (its longest quote's words)."""
    q = quotes[quotes["unit"] != ""]
    rows = []
    for unit, part in q.groupby("unit", sort=True):
        longest = part.loc[part["words"].idxmax()]
        rows.append({"unit": unit, "label": f"{unit} “{_label(longest.quote)}”",
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
    fig, ax = figures.new_figure("page", height=0.24 * max(n_units, 3) + 0.5)
    colors = figures.outlet_colors(list(arts["outlet"]), story=a)
    col_of = {f: k for k, f in enumerate(arts["file"])}
    for r in data.itertuples(index=False):
        if not r.used or r.file not in col_of:
            continue
        x, y = col_of[r.file], order[r.unit]
        c = colors[r.outlet]
        filled = r.match == "exact"
        ax.scatter([x], [y], s=110, marker="s", facecolor=c if filled else "white",
                   edgecolor=c, linewidth=1.4, zorder=3)
        ax.text(x, y, str(r.order), ha="center", va="center", fontsize=5.5, zorder=4,
                color="white" if filled else figures.color("ink"))
    ax.set_xticks(range(n_arts), arts["label"])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_units), shown["label"])
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
    ], loc="upper center", bbox_to_anchor=(0.5, -0.02), ncols=2, fontsize=6)
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
    sub = ("Quote units (the same words of a speaker, matched across outlets) by article; the "
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
    colors = figures.outlet_colors(list(arts["outlet"]), story=a)
    fig, ax = figures.new_figure("column", height=0.4 * max(len(data), 2) + 0.4)
    y = np.arange(len(data))
    pct = data["quoted_share"].fillna(0) * 100
    ax.barh(y, pct, color=[colors[o] for o in data["outlet"]], height=0.65)
    for yi, (p, q, b) in enumerate(zip(pct, data["quoted_words"], data["body_words"])):
        ax.text(p + 1, yi, f"{p:.0f}% ({q} of {b} words)", va="center", fontsize=6.5,
                color=figures.color("ink"))
    ax.set_yticks(y, data["label"])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("body words inside quotation marks (%)")
    ax.grid(axis="y", visible=False)
    if data["quoted_share"].notna().any():
        most = data.loc[data["quoted_share"].idxmax()]
        least = data.loc[data["quoted_share"].idxmin()]
        title = (f"{most.label} gives {most.quoted_share:.0%} of its words to quotes, "
                 f"{least.label} {least.quoted_share:.0%}")
        if len(data) == 1:
            title = f"{most.label} gives {most.quoted_share:.0%} of its words to quotes"
    else:
        title = "No body text to measure"
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Share of body words inside quotation marks; the rest is narration")
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
    fig, ax = figures.new_figure("page", height=0.5 * max(len(outlets), 2) + 0.5)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    for v in verbs.itertuples(index=False):
        d = data[(data["verb_lemma"] == v.verb_lemma)].set_index("outlet")["quotes"]
        widths = np.array([d.get(o, 0) for o in outlets], dtype=float)
        ax.barh(y, widths, left=left, color=figures.color(STANCE_COLORS[v.stance]),
                edgecolor="white", linewidth=0.8, height=0.6)
        for yi, (w, l0) in enumerate(zip(widths, left)):
            if w:
                ax.text(l0 + w / 2, yi, v.verb_lemma if w >= 1 else "", ha="center",
                        va="center", fontsize=5.5, color=figures.color("ink"), rotation=0)
        left += widths
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlabel("body quotes (each segment: one verb, labelled with its lemma)")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=figures.color(STANCE_COLORS[s]), label=s)
                       for s in ("neutral", "loaded", "hedge", "none")],
              loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=4, fontsize=6)
    loaded = data[data["stance"] == "loaded"].groupby("outlet")["quotes"].sum()
    share = (loaded / totals).dropna()
    if share.empty or share.max() == 0:
        title = "No outlet introduces its quotes with a loaded verb"
    else:
        top = share.idxmax()
        forms = q[(q["outlet"] == top) & (q["stance"] == "loaded")]["verb"].value_counts()
        shown = ", ".join(f"“{f}”" for f in forms.index[:4])
        title = (f"{top} introduces {int(loaded[top])} of its {int(totals[top])} quotes with "
                 f"a loaded verb ({shown})")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Body quotes by the verb that attributes them; 'none': a quote "
                            "with no verb of its own (it continues the previous speaker)")
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
    fig, ax = figures.new_figure("column", height=0.4 * max(len(outlets), 2) + 0.6)
    y = np.arange(len(outlets))
    left = np.zeros(len(outlets))
    for k in kinds:
        d = data[data["fidelity"] == k].set_index("outlet")["share"]
        widths = np.array([d.get(o, 0.0) for o in outlets]) * 100
        ax.barh(y, widths, left=left, color=figures.color(FIDELITY_COLORS[k]), height=0.6,
                edgecolor="white", linewidth=0.8, label=k)
        left += widths
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("quoted words (%)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncols=2, fontsize=6)
    alone = data[data["fidelity"].isin(["unattested", "source-absent"])]
    if alone.empty:
        title = "Every quoted word is found in another outlet or in the source"
    else:
        top = alone.loc[alone["share"].idxmax()]
        where = "the source document" if top.fidelity == "source-absent" else "any other outlet"
        title = (f"{top.share:.0%} of {top.outlet}'s quoted words ({int(top.words)}) are in "
                 f"no quote of {where}")
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

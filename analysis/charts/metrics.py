"""Figures for length, readability and sentiment (notebooks 02 and 03).

Each function takes an :class:`analysis.pipeline.Analysis` and returns ``(figure, data)``:
the figure finished with a title that states the finding, and exactly the data it plots.
Only articles are drawn (``kind`` ``source`` documents are left out); one mark per article,
labelled by outlet (and file, when an outlet has several articles).

- :func:`length_by_outlet` — body words split into narration and quotes, and the words the
  cleaner removed.
- :func:`readability_by_formula` — every grade-level formula per article; hollow marks are
  values outside the formula's valid range.
- :func:`fk_grade_by_paragraph` — the spread of the Flesch-Kincaid grade over paragraphs.
- :func:`sentiment_shares` — shares of positive, neutral and negative sentences.
- :func:`sentiment_by_outlet` — sentence sentiment of narration against quotes, with the mean
  and its bootstrap interval.
- :func:`sentiment_along_article` — mean sentence sentiment by tenth of the article.
- :func:`sentiment_by_actor` — mean sentiment of the sentences that mention each actor.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.charts import figures
from analysis.measures.readability import paragraph_readability
from analysis.measures.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, bootstrap_ci, read_actors

#: Grade-level formulas drawn by :func:`readability_by_formula`, top to bottom, with labels.
GRADE_LABELS = {
    "consensus_grade": "consensus (median)",
    "fk_grade": "Flesch-Kincaid",
    "gunning_fog": "Gunning fog",
    "smog_grade": "SMOG",
    "coleman_liau": "Coleman-Liau",
    "ari": "ARI",
}




def _colors(a, arts: pd.DataFrame) -> dict[str, str]:
    return figures.outlet_colors(list(arts["outlet"]), story=a)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fmt(x: float) -> str:
    return f"{x:+.2f}"


# --------------------------------------------------------------------------- length


def length_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars per article: narration words and quoted words (the body), then the words
    the cleaner removed (headline, captions, links...). Title: the longest body."""
    arts = figures.article_labels(a)
    table = a.length.set_index("file")
    data = arts.assign(
        narration_words=table.loc[arts["file"], "narration_words"].to_numpy(),
        quote_words=table.loc[arts["file"], "quote_words"].to_numpy(),
        removed_words=table.loc[arts["file"], "removed_words"].to_numpy(),
        body_words=table.loc[arts["file"], "body_words"].to_numpy(),
    )
    quotes_found = bool(table["quotes_found"].any()) if len(table) else False
    colors = _colors(a, arts)
    fig, ax = figures.new_figure("column", height=0.45 * max(len(data), 2) + 0.6)
    y = np.arange(len(data))
    c = [colors[o] for o in data["outlet"]]
    ax.barh(y, data["narration_words"], color=c, height=0.7)
    ax.barh(y, data["quote_words"], left=data["narration_words"], color=c, alpha=0.45,
            hatch="////", edgecolor="white", linewidth=0, height=0.7)
    ax.barh(y, data["removed_words"], left=data["body_words"], color=figures.color("light"),
            height=0.7)
    top = float((data["body_words"] + data["removed_words"]).max() or 1)
    for yi, row in zip(y, data.itertuples(index=False)):
        ax.text(row.body_words + row.removed_words + top * 0.02, yi, f"{row.body_words}",
                va="center", ha="left", fontsize=6.5, color=figures.color("ink"))
    ax.set_yticks(y, data["label"])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("words")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=figures.color("muted"), label="narration"),
                       Patch(facecolor=figures.color("muted"), alpha=0.45, hatch="////",
                             edgecolor="white", label="quoted"),
                       Patch(color=figures.color("light"), label="removed by cleaning")],
              loc="lower right", ncols=3, bbox_to_anchor=(1, 1), fontsize=6)
    if data.empty:
        title = "No articles to compare"
    else:
        longest = data.loc[data["body_words"].idxmax()]
        shortest = data.loc[data["body_words"].idxmin()]
        title = (f"{longest.label} ran the longest story: {longest.body_words} body words "
                 f"against {shortest.body_words} for {shortest.label}")
        if quotes_found and data["body_words"].gt(0).all():
            share = data["quote_words"] / data["body_words"]
            most = data.loc[share.idxmax()]
            title += f"; {most.label}'s is the most quoted ({share.max():.0%} quoted words)"
    sub = ("Body words (label), split into narration and quoted words, and the words removed "
           "as furniture")
    if not quotes_found:
        sub += "; no quotes table yet, so every body word counts as narration"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data[["file", "outlet", "body_words", "narration_words", "quote_words",
                      "removed_words"]]


# --------------------------------------------------------------------------- readability


def readability_by_formula(a) -> tuple[Figure, pd.DataFrame]:
    """One row per grade-level formula, one mark per article (US school grade). A hollow mark
    is a value outside the formula's valid range (SMOG below 30 sentences, under 100 words);
    the consensus is the median of the filled marks. Title: the hardest and easiest read."""
    arts = figures.article_labels(a)
    table = a.readability.set_index("file").loc[arts["file"]]
    rows = []
    for formula in GRADE_LABELS:
        valid_col = f"{formula}_valid"
        for art in arts.itertuples(index=False):
            grade = table.at[art.file, formula]
            valid = bool(table.at[art.file, valid_col]) if valid_col in table else \
                bool(table.at[art.file, "consensus_formulas"] > 0)
            rows.append({"file": art.file, "outlet": art.outlet, "label": art.label,
                         "formula": formula, "grade": grade, "valid": valid})
    data = pd.DataFrame(rows, columns=["file", "outlet", "label", "formula", "grade", "valid"])
    colors = _colors(a, arts)
    fig, ax = figures.new_figure("column", height=2.6)
    n = max(len(arts), 1)
    offsets = (np.arange(n) - (n - 1) / 2) * 0.18
    for k, art in enumerate(arts.itertuples(index=False)):
        part = data[data["file"] == art.file]
        y = np.arange(len(GRADE_LABELS)) + offsets[k]
        for yi, row in zip(y, part.itertuples(index=False)):
            if np.isnan(row.grade):
                continue
            ax.plot(row.grade, yi, "o", markersize=5, color=colors[art.outlet],
                    markerfacecolor=colors[art.outlet] if row.valid else "white",
                    markeredgewidth=1.0)
    ax.set_yticks(range(len(GRADE_LABELS)), list(GRADE_LABELS.values()))
    ax.invert_yaxis()
    ax.axhline(0.5, color=figures.color("grid"), linewidth=0.8)
    ax.set_xlabel("US school grade")
    handles = [Line2D([], [], marker="o", linestyle="", color=colors[o], label=lab)
               for o, lab in zip(arts["outlet"], arts["label"])]
    handles.append(Line2D([], [], marker="o", linestyle="", color=figures.color("muted"),
                          markerfacecolor="white", label="outside valid range"))
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1, 1), ncols=2, fontsize=6)
    cons = table["consensus_grade"].dropna()
    if cons.empty:
        title = "No article has a valid readability grade"
    else:
        lab = dict(zip(arts["file"], arts["label"]))
        hard, easy = cons.idxmax(), cons.idxmin()
        title = (f"{lab[hard]} is the hardest read (consensus grade {cons[hard]:.1f}), "
                 f"{lab[easy]} the easiest ({cons[easy]:.1f})")
        if hard == easy:
            title = f"{lab[hard]} reads at grade {cons[hard]:.1f} (consensus)"
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Grade-level formulas on the body, from the project's own counts; "
                            "hollow: formula used outside its valid range (not in the consensus)")
    return fig, data.drop(columns="label")


def fk_grade_by_paragraph(a) -> tuple[Figure, pd.DataFrame]:
    """The Flesch-Kincaid grade of every body paragraph, one row of dots per article, with
    the article's grade as a bar. Title: the article whose paragraphs vary most."""
    arts = figures.article_labels(a)
    para = paragraph_readability(a.sentences)
    para = para[para["file"].isin(arts["file"])]
    lang = a.languages.set_index("file")["english"]
    para = para[para["file"].map(lambda f: bool(lang.get(f, True)))]
    whole = a.readability.set_index("file")["fk_grade"]
    colors = _colors(a, arts)
    fig, ax = figures.new_figure("column", height=0.45 * max(len(arts), 2) + 0.6)
    rng = np.random.default_rng(0)  # fixed jitter, so the figure is the same on every run
    for k, art in enumerate(arts.itertuples(index=False)):
        part = para[para["file"] == art.file]
        jitter = rng.uniform(-0.18, 0.18, len(part))
        ax.plot(part["fk_grade"], k + jitter, "o", markersize=3, alpha=0.7,
                color=colors[art.outlet], markeredgewidth=0)
        if not np.isnan(whole.get(art.file, np.nan)):
            ax.plot([whole[art.file]] * 2, [k - 0.3, k + 0.3], color=figures.color("ink"),
                    linewidth=1.2)
    ax.set_yticks(range(len(arts)), arts["label"])
    ax.invert_yaxis()
    ax.set_xlabel("Flesch-Kincaid grade (dots: paragraphs; bar: article)")
    ax.grid(axis="y", visible=False)
    spread = para.groupby("file")["fk_grade"].agg(lambda s: s.max() - s.min())
    if spread.dropna().empty:
        title = "No paragraph grades to compare"
    else:
        lab = dict(zip(arts["file"], arts["label"]))
        widest = spread.idxmax()
        title = (f"{lab[widest]}'s paragraphs vary the most: grades "
                 f"{para.loc[para['file'] == widest, 'fk_grade'].min():.0f} to "
                 f"{para.loc[para['file'] == widest, 'fk_grade'].max():.0f}")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Paragraphs are short texts: read the spread, not single grades")
    data = para.merge(arts[["file"]], on="file")[["file", "outlet", "paragraph", "words",
                                                   "sentences", "syllables", "fk_grade"]]
    return fig, data


# --------------------------------------------------------------------------- sentiment


def sentiment_shares(a) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars: the share of each article's sentences that are negative, neutral and
    positive (compound at most -0.05, between, at least +0.05). Title: the most negative."""
    arts = figures.article_labels(a)
    table = a.sentiment.set_index("file").loc[arts["file"]]
    data = arts[["file", "outlet"]].assign(
        negative_share=table["sentiment_negative_share"].to_numpy(),
        neutral_share=table["sentiment_neutral_share"].to_numpy(),
        positive_share=table["sentiment_positive_share"].to_numpy(),
        sentences=table["sentiment_sentences"].to_numpy())
    fig, ax = figures.new_figure("column", height=0.45 * max(len(arts), 2) + 0.6)
    y = np.arange(len(arts))
    left = np.zeros(len(arts))
    for col, name, colour in (("negative_share", "negative", figures.color("vermillion")),
                              ("neutral_share", "neutral", figures.color("light")),
                              ("positive_share", "positive", figures.color("blue"))):
        vals = data[col].fillna(0).to_numpy()
        ax.barh(y, vals, left=left, color=colour, height=0.7, label=name)
        for yi, l, v in zip(y, left, vals):
            if v >= 0.08:
                ax.text(l + v / 2, yi, f"{v:.0%}", ha="center", va="center", fontsize=6.5,
                        color="white" if name != "neutral" else figures.color("ink"))
        left += vals
    ax.set_yticks(y, arts["label"])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel("share of the article's sentences")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=3, fontsize=6)
    neg = data.set_index("file")["negative_share"].dropna()
    if neg.empty:
        title = "No sentences scored"
    else:
        lab = dict(zip(arts["file"], arts["label"]))
        most = neg.idxmax()
        title = f"{neg[most]:.0%} of {lab[most]}'s sentences are negative, the largest share"
    figures.finish(fig, title, figures.source_line(a),
                   subtitle=f"VADER per sentence; negative: compound <= {NEGATIVE_THRESHOLD}, "
                            f"positive: >= {POSITIVE_THRESHOLD}")
    return fig, data


def sentiment_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Per article, the compound of every narration part and every quoted part (dots) with
    the mean and its bootstrap 95 % interval (bar). Title: how narration compares with quotes,
    or, without quotes, the most negative narration."""
    arts = figures.article_labels(a)
    ss = a.sentiment_sentences
    ss = ss[ss["file"].isin(arts["file"])]
    rows = []
    for part, col in (("narration", "narration_compound"), ("quotes", "quote_compound")):
        sub = ss.dropna(subset=[col])
        rows.append(pd.DataFrame({"file": sub["file"], "outlet": sub["outlet"],
                                  "sentence": sub["sentence"], "part": part,
                                  "compound": sub[col]}))
    data = pd.concat(rows, ignore_index=True)
    has_quotes = (data["part"] == "quotes").any()
    parts = ["narration", "quotes"] if has_quotes else ["narration"]
    colors = _colors(a, arts)
    slots = [(art, part) for art in arts.itertuples(index=False) for part in parts]
    fig, ax = figures.new_figure("column", height=0.3 * max(len(slots), 3) + 0.6)
    rng = np.random.default_rng(0)
    labels = []
    for k, (art, part) in enumerate(slots):
        vals = data[(data["file"] == art.file) & (data["part"] == part)]["compound"].to_numpy()
        colour = colors[art.outlet]
        ax.plot(vals, k + rng.uniform(-0.15, 0.15, len(vals)), "o", markersize=2.8,
                alpha=0.55 if part == "narration" else 0.9, color=colour,
                markerfacecolor=colour if part == "narration" else "white",
                markeredgecolor=colour, markeredgewidth=0 if part == "narration" else 0.8)
        if len(vals):
            low, high = bootstrap_ci(vals)
            ax.plot([vals.mean()] * 2, [k - 0.3, k + 0.3], color=figures.color("ink"), linewidth=1.4)
            if not np.isnan(low):
                ax.plot([low, high], [k, k], color=figures.color("ink"), linewidth=0.8)
        labels.append(f"{art.label} · {part}" if has_quotes else art.label)
    ax.axvline(0, color=figures.color("muted"), linewidth=0.6)
    ax.set_yticks(range(len(slots)), labels)
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound (-1 negative, +1 positive)")
    ax.grid(axis="y", visible=False)
    means = data.groupby(["file", "part"])["compound"].mean().unstack()
    lab = dict(zip(arts["file"], arts["label"]))
    if means.empty:
        title = "No sentences scored"
    elif has_quotes and "quotes" in means and means["quotes"].notna().any():
        both = means.dropna()
        order = [f for f in arts["file"] if f in both.index]
        quotes_darker = [lab[f] for f in order if both.at[f, "quotes"] < both.at[f, "narration"]]
        narration_darker = [lab[f] for f in order if both.at[f, "quotes"] >= both.at[f, "narration"]]
        if not narration_darker:
            title = "Every outlet's quotes are more negative than its own narration"
        elif not quotes_darker:
            title = "Every outlet's own narration is more negative than the quotes it carries"
        else:
            first = (f"{narration_darker[0]}'s own narration is more negative than its quotes"
                     if len(narration_darker) == 1 else
                     f"{_join(narration_darker)} write more negatively than the people they quote")
            title = f"{first}; at {_join(quotes_darker)} the quotes are the darker part"
    else:
        narr = means["narration"].dropna()
        most = narr.idxmin()
        title = (f"{lab[most]}'s sentences are the most negative on average "
                 f"({_fmt(narr[most])})")
    sub = "Dots: sentence parts; bar: mean; line: bootstrap 95% interval of the mean"
    if not has_quotes:
        sub += "; no quotes table yet, so every sentence counts as narration"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data


def sentiment_along_article(a) -> tuple[Figure, pd.DataFrame]:
    """Mean sentence compound by tenth of the article (1 = the opening), one line per article.
    Title: which article's opening or ending is most negative."""
    from analysis.measures.sentiment import by_position

    arts = figures.article_labels(a)
    data = by_position(a.sentiment_sentences)
    data = data[data["file"].isin(arts["file"])].reset_index(drop=True)
    colors = _colors(a, arts)
    fig, ax = figures.new_figure("column", height=2.2)
    for art in arts.itertuples(index=False):
        part = data[data["file"] == art.file]
        ax.plot(part["tenth"], part["mean"], "-o", markersize=3, color=colors[art.outlet],
                label=art.label)
    ax.axhline(0, color=figures.color("muted"), linewidth=0.6)
    ax.set_xticks(range(1, 11))
    ax.set_xlim(0.5, 10.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("tenth of the article (1 = opening, 10 = end)")
    ax.set_ylabel("mean VADER compound")
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=3, fontsize=6)
    lab = dict(zip(arts["file"], arts["label"]))
    if data.empty:
        title = "No sentences scored"
    else:
        first = data[data["tenth"] <= 3].groupby("file")["mean"].mean()
        last = data[data["tenth"] >= 8].groupby("file")["mean"].mean()
        change = (last - first).dropna()
        if change.empty:
            title = "Sentence sentiment along each article"
        else:
            f = change.abs().idxmax()
            direction = "warmer" if change[f] > 0 else "darker"
            title = (f"{lab[f]} turns {direction} as it goes on: {_fmt(first[f])} in the first "
                     f"three tenths, {_fmt(last[f])} in the last three")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Mean compound of the sentences in each tenth (few sentences per "
                            "point: read the shape, not single points)")
    return fig, data


def sentiment_by_actor(a) -> tuple[Figure, pd.DataFrame]:
    """Mean compound of the sentences mentioning each actor (rows) in each article (columns),
    with the number of sentences; blank where the actor is not mentioned. Actors come from the
    story's ``actors.csv``. Title: the actor described most negatively overall."""
    from analysis.measures.sentiment import by_actor

    arts = figures.article_labels(a)
    actors = read_actors(a.folder)
    data = by_actor(a.sentiment_sentences, actors)
    data = data[data["file"].isin(arts["file"])].reset_index(drop=True)
    names = list(actors["actor"]) if len(actors) else []
    fig, ax = figures.new_figure("column", height=0.26 * max(len(names), 3) + 0.5)
    if names:
        grid = (data.pivot(index="actor", columns="file", values="mean")
                .reindex(index=names, columns=list(arts["file"])))
        counts = (data.pivot(index="actor", columns="file", values="sentences")
                  .reindex(index=names, columns=list(arts["file"])).fillna(0).astype(int))
        ax.imshow(grid.to_numpy(dtype=float), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                v, n = grid.iat[i, j], counts.iat[i, j]
                text = "·" if n == 0 else f"{v:+.2f}\n({n})"
                ax.text(j, i, text, ha="center", va="center", fontsize=5.5,
                        color="white" if n and abs(v) > 0.55 else figures.color("ink"))
    figures.heatmap_axes(ax, arts["label"], names)
    mentioned = data[data["sentences"] > 0]
    if mentioned.empty:
        title = "No actor from actors.csv is mentioned" if names else \
            "No actors.csv in the story folder"
    else:
        pooled = (mentioned.assign(total=mentioned["mean"] * mentioned["sentences"])
                  .groupby("actor")[["total", "sentences"]].sum())
        pooled = pooled[pooled["sentences"] >= 3]
        if pooled.empty:
            title = "Sentiment of the sentences naming each actor"
        else:
            mean = pooled["total"] / pooled["sentences"]
            worst = mean.idxmin()
            title = (f"Sentences naming {worst} are the most negative: mean {_fmt(mean[worst])} "
                     f"over {int(pooled.at[worst, 'sentences'])} sentences")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Mean VADER compound of the sentences mentioning each actor "
                            "(sentences in brackets; red negative, blue positive)")
    return fig, data


#: The figures of this module, by name (``python -m analysis report`` saves each one).
CHARTS = {
    "length-by-outlet": length_by_outlet,
    "readability-by-formula": readability_by_formula,
    "fk-grade-by-paragraph": fk_grade_by_paragraph,
    "sentiment-shares-by-outlet": sentiment_shares,
    "sentiment-narration-and-quotes": sentiment_by_outlet,
    "sentiment-along-the-article": sentiment_along_article,
    "sentiment-by-actor": sentiment_by_actor,
}

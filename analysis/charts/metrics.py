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
from matplotlib.ticker import MaxNLocator

from analysis.charts import figures
from analysis.measures import claims
from analysis.measures.readability import paragraph_readability
from analysis.measures.sentiment import (
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    bootstrap_ci,
    read_actors,
)

#: Grade-level formulas drawn by :func:`readability_by_formula`, top to bottom, with labels.
GRADE_LABELS = {
    "consensus_grade": "consensus (median)",
    "fk_grade": "Flesch-Kincaid",
    "gunning_fog": "Gunning fog",
    "smog_grade": "SMOG",
    "coleman_liau": "Coleman-Liau",
    "ari": "ARI",
}


def _colors(a, arts: pd.DataFrame, highlight=()) -> dict[str, str]:
    return figures.outlet_colors(list(arts["outlet"]), story=a, highlight=list(highlight))


def _bar_axes(ax, labels, xlabel: str) -> None:
    """Rows of bars: labels top to bottom, no horizontal grid."""
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fmt(x: float) -> str:
    return f"{x:+.2f}"


# --------------------------------------------------------------------------- length


def length_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars per article, longest first: narration words and quoted words (the body),
    then the words removed as page clutter (headline, captions, links...). Title: the longest
    and the shortest body, or that they are about the same length."""
    arts = figures.article_labels(a)
    table = a.length.set_index("file")
    data = arts.assign(
        narration_words=table.loc[arts["file"], "narration_words"].to_numpy(),
        quote_words=table.loc[arts["file"], "quote_words"].to_numpy(),
        removed_words=table.loc[arts["file"], "removed_words"].to_numpy(),
        body_words=table.loc[arts["file"], "body_words"].to_numpy(),
    )
    data = data.sort_values(["body_words", "label"], ascending=[False, True], kind="stable")
    data = data.reset_index(drop=True)
    quotes_found = bool(table["quotes_found"].any()) if len(table) else False
    named = [] if data.empty else [data["outlet"].iloc[0], data["outlet"].iloc[-1]]
    colors = _colors(a, arts, named)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(data)))
    axes_in = figures.axes_width_in("column", data["label"])
    y = np.arange(len(data))
    c = [colors[o] for o in data["outlet"]]
    ax.barh(y, data["narration_words"], color=c, height=0.7)
    ax.barh(
        y,
        data["quote_words"],
        left=data["narration_words"],
        color=c,
        alpha=0.45,
        hatch="////",
        edgecolor="white",
        linewidth=0,
        height=0.7,
    )
    ax.barh(
        y, data["removed_words"], left=data["body_words"], color=figures.color("light"), height=0.7
    )
    top = float((data["body_words"] + data["removed_words"]).max() or 1)
    texts = [str(v) for v in data["body_words"]]
    room = figures.value_room(texts, axes_in)
    for yi, row, text in zip(y, data.itertuples(index=False), texts):
        ax.text(
            row.body_words + row.removed_words + top * 0.015,
            yi,
            text,
            va="center",
            ha="left",
            fontsize=6.5,
            color=figures.color("ink"),
        )
    _bar_axes(ax, data["label"], "words")
    ax.set_xlim(0, top / (1 - room))
    ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
    figures.legend_above(
        ax,
        [
            Patch(color=figures.color("muted"), label="narration"),
            Patch(
                facecolor=figures.color("muted"),
                alpha=0.45,
                hatch="////",
                edgecolor="white",
                label="quoted",
            ),
            Patch(color=figures.color("light"), label="removed (captions, links...)"),
        ],
        axes_in,
    )
    if data.empty:
        title = "No articles to compare"
    else:
        longest, shortest = data.iloc[0], data.iloc[-1]
        if len(data) == 1:
            title = f"{longest.label} ran {longest.body_words} body words"
        elif not claims.counts_differ(longest.body_words, shortest.body_words):
            title = (
                f"The {len(data)} articles are about the same length ({shortest.body_words} "
                f"to {longest.body_words} body words)"
            )
        else:
            title = (
                f"{longest.label} ran the longest article, {longest.body_words} body words, "
                f"against {shortest.body_words} for {shortest.label}"
            )
    sub = "Body words (label), split into narration and quoted words, and the words removed"
    if not quotes_found:
        sub += "; no quotes found, so every body word counts as narration"
    figures.finish(fig, title, figures.source_line(a), subtitle=sub)
    return fig, data[
        ["file", "outlet", "body_words", "narration_words", "quote_words", "removed_words"]
    ]


# --------------------------------------------------------------------------- readability


def readability_by_formula(a) -> tuple[Figure, pd.DataFrame]:
    """One row per article, hardest first: the consensus grade (US school grade, the median of
    the valid formulas) as a dot, the other grade-level formulas as small marks (hollow: used
    outside the formula's valid range, as SMOG below 30 sentences). Title: the hardest and
    the easiest read when they are at least a grade apart, else that they read alike."""
    arts = figures.article_labels(a)
    table = a.readability.set_index("file").loc[arts["file"]]
    rows = []
    for formula in GRADE_LABELS:
        valid_col = f"{formula}_valid"
        for art in arts.itertuples(index=False):
            grade = table.at[art.file, formula]
            valid = (
                bool(table.at[art.file, valid_col])
                if valid_col in table
                else bool(table.at[art.file, "consensus_formulas"] > 0)
            )
            rows.append(
                {
                    "file": art.file,
                    "outlet": art.outlet,
                    "label": art.label,
                    "formula": formula,
                    "grade": grade,
                    "valid": valid,
                }
            )
    data = pd.DataFrame(rows, columns=["file", "outlet", "label", "formula", "grade", "valid"])
    cons = table["consensus_grade"]
    order = (
        arts.assign(grade=cons.to_numpy())
        .sort_values(["grade", "label"], ascending=[False, True], na_position="last", kind="stable")
        .reset_index(drop=True)
    )
    known = order.dropna(subset=["grade"])
    # The hardest and the easiest, each a group when others print within a grade of it.
    grades = known.set_index("file")["grade"]  # by file: an outlet may have several articles
    hardest = claims.close_to_end(grades, claims.grades_differ) if len(known) else []
    easiest = claims.close_to_end(grades, claims.grades_differ, highest=False) if len(known) else []
    outlet_of = dict(zip(known["file"], known["outlet"]))
    meet = (
        len(known) > 2
        and len(set(hardest) | set(easiest)) == len(known)
        and not claims.grades_differ(grades[hardest].min(), grades[easiest].max())
    )  # the two ends meet: a continuum, no group clear of the other, and no outlet named
    named = [] if meet else list(dict.fromkeys(outlet_of[f] for f in hardest + easiest))
    # Past eight outlets only the outlets the title names are coloured; a title that counts
    # them ("9 articles are the hardest") names none.
    if len(named) > figures.MAX_OUTLET_COLORS:
        named = []
    colors = _colors(a, arts, named)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(order)))
    axes_in = figures.axes_width_in("column", order["label"])
    for k, art in enumerate(order.itertuples(index=False)):
        part = data[(data["file"] == art.file) & (data["formula"] != "consensus_grade")]
        part = part.dropna(subset=["grade"])
        if len(part):
            ax.plot(
                [part["grade"].min(), part["grade"].max()],
                [k, k],
                color=figures.color("light"),
                linewidth=1.2,
                zorder=1,
            )
        for row in part.itertuples(index=False):
            ax.plot(
                row.grade,
                k,
                "|",
                markersize=6,
                color=figures.color("muted"),
                markeredgewidth=0.9 if row.valid else 0.5,
                alpha=1 if row.valid else 0.5,
                zorder=2,
            )
        if not np.isnan(art.grade):
            ax.plot(art.grade, k, "o", markersize=5.5, color=colors[art.outlet], zorder=3)
    _bar_axes(ax, order["label"], "US school grade")
    figures.legend_above(
        ax,
        [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=figures.color("ink"),
                label="consensus grade",
            ),
            Line2D(
                [],
                [],
                marker="|",
                linestyle="-",
                color=figures.color("muted"),
                markeredgewidth=0.9,
                label="each formula",
            ),
        ],
        axes_in,
    )
    if known.empty:
        title = "No article has a valid readability grade"
    else:
        hard, easy = known.iloc[0], known.iloc[-1]
        labels = dict(zip(known["file"], known["label"]))
        if len(known) == 1:
            title = f"{hard.label} reads at grade {hard.grade:.1f} (consensus)"
        elif meet:
            title = (
                f"The {len(known)} articles read at grades {easy.grade:.1f} to "
                f"{hard.grade:.1f}, with no clear hardest or easiest (a grade apart counts)"
            )
        elif claims.grades_differ(hard.grade, easy.grade):
            grade = lambda x: f"{x:.1f}"  # noqa: E731
            who_hard, at_hard = claims.end_group(grades, hardest, grade, labels)
            who_easy, at_easy = claims.end_group(grades, easiest, grade, labels)
            title = (
                f"{who_hard} {'is' if len(hardest) == 1 else 'are'} the hardest "
                f"{'read' if len(hardest) == 1 else 'reads'} "
                f"(grade{'' if len(hardest) == 1 else 's'} {at_hard}), "
                f"{who_easy} the easiest ({at_easy})"
            )
        else:
            title = (
                f"The {len(known)} articles read at about the same grade: "
                f"{claims.span(f'{easy.grade:.1f}', f'{hard.grade:.1f}')}, less than a grade apart"
            )
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Grades: six formulas, median of the valid ones"),
        subtitle="Consensus grade (dot) and each grade-level formula (marks; faint: "
        "outside its valid range). A grade apart or more counts as harder",
    )
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
    spread = para.groupby("file")["fk_grade"].agg(lambda s: s.max() - s.min())
    widest = spread.idxmax() if not spread.dropna().empty else None
    lab = dict(zip(arts["file"], arts["label"]))
    out = dict(zip(arts["file"], arts["outlet"]))
    widest_all = claims.close_to_end(spread.dropna(), claims.grades_differ) if widest else []
    colors = _colors(a, arts, dict.fromkeys(out[f] for f in widest_all))
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(arts)))
    rng = np.random.default_rng(0)  # fixed jitter, so the figure is the same on every run
    for k, art in enumerate(arts.itertuples(index=False)):
        part = para[para["file"] == art.file]
        jitter = rng.uniform(-0.18, 0.18, len(part))
        ax.plot(
            part["fk_grade"],
            k + jitter,
            "o",
            markersize=3,
            alpha=0.7,
            color=colors[art.outlet],
            markeredgewidth=0,
        )
        if not np.isnan(whole.get(art.file, np.nan)):
            ax.plot(
                [whole[art.file]] * 2, [k - 0.3, k + 0.3], color=figures.color("ink"), linewidth=1.2
            )
    _bar_axes(ax, arts["label"], "Flesch-Kincaid grade")
    if widest is None:
        title = "No paragraph grades to compare"
    else:
        w = para[para["file"] == widest]
        title = (
            f"{lab[widest]}'s {len(w)} paragraphs vary the most: grades "
            f"{w['fk_grade'].min():.0f} to {w['fk_grade'].max():.0f}"
        )
        if len(widest_all) > 1:  # others print within a grade of the widest spread
            who, shown = claims.end_group(spread, widest_all, lambda x: f"{x:.0f}", lab, " grades")
            title = f"{who} have the paragraphs that vary the most: spreads of {shown}"
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Grade: Flesch-Kincaid"),
        subtitle="Dots: paragraphs; bar: the whole article. Paragraphs are short "
        "texts: read the spread, not single grades",
    )
    data = para.merge(arts[["file"]], on="file")[
        ["file", "outlet", "paragraph", "words", "sentences", "syllables", "fk_grade"]
    ]
    return fig, data


# --------------------------------------------------------------------------- sentiment

#: Colours of the three sentiment classes (palette names): never an outlet's colour.
SENTIMENT_COLORS = {"negative": "cat_warm", "neutral": "cat_light", "positive": "cat_cool"}


def sentiment_shares(a) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars: each article's sentences that are negative, neutral and positive
    (compound at most -0.05, between, at least +0.05), as shares of its sentences and labelled
    with the counts; most negative first. Title: the article with the most negative
    sentences when it has at least three more than any other, else that they are alike."""
    arts = figures.article_labels(a)
    table = a.sentiment.set_index("file").loc[arts["file"]]
    data = arts[["file", "outlet"]].assign(
        negative_share=table["sentiment_negative_share"].to_numpy(),
        neutral_share=table["sentiment_neutral_share"].to_numpy(),
        positive_share=table["sentiment_positive_share"].to_numpy(),
        sentences=table["sentiment_sentences"].to_numpy(),
    )
    data = data.assign(label=arts["label"].to_numpy())
    n_sent = data["sentences"].fillna(0).astype(int)
    counts = {
        c: (data[f"{c}_share"].fillna(0) * n_sent).round().astype(int)
        for c in ("negative", "neutral", "positive")
    }
    data = data.assign(negative=counts["negative"])
    data = data.sort_values(
        ["negative_share", "label"], ascending=[False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)
    n_sent = data["sentences"].fillna(0).astype(int)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(data)))
    axes_in = figures.axes_width_in("column", data["label"])
    y = np.arange(len(data))
    left = np.zeros(len(data))
    handles = []
    for name in ("negative", "neutral", "positive"):
        vals = data[f"{name}_share"].fillna(0).to_numpy()
        colour = figures.color(SENTIMENT_COLORS[name])
        bars = ax.barh(y, vals, left=left, color=colour, height=0.7, label=name)
        handles.append(bars)
        for yi, l, v, n in zip(y, left, vals, n_sent):
            k = int(round(v * n))
            if k and v * axes_in * 72 >= 10:
                ax.text(
                    l + v / 2,
                    yi,
                    str(k),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if name != "neutral" else figures.color("ink"),
                )
        left += vals
    _bar_axes(ax, data["label"], "share of sentences (label: count)")
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    figures.legend_above(ax, handles, axes_in)
    known = data.dropna(subset=["negative_share"])
    if known.empty:
        title = "No sentences scored"
    else:
        top = known.iloc[0]
        rest = known.iloc[1:]
        top_k = int(top.negative)
        if rest.empty:
            title = (
                f"{claims.count_of(top_k, top.sentences, 'sentences')} of {top.label} are negative"
            )
            title = f"{top.label}: {claims.count_of(top_k, top.sentences, 'sentences')} negative"
        elif all(claims.counts_differ(top_k, k) for k in rest["negative"]):
            title = (
                f"{top.label} has the most negative sentences: "
                f"{claims.count_of(top_k, top.sentences, 'sentences')}"
            )
        elif claims.counts_differ(top_k, known["negative"].min()) and len(known) <= 4:
            leaders = known[~known["negative"].map(lambda k: claims.counts_differ(top_k, k))]
            title = (
                f"{claims.join(leaders['label'])} have the most negative sentences ("
                + ", ".join(
                    claims.count_of(int(r.negative), r.sentences, "sentences")
                    for r in leaders.itertuples()
                )
                + "); "
                f"{claims.join(known.loc[~known.index.isin(leaders.index), 'label'])} fewer"
            )
        else:
            low = known.iloc[-1]
            lead = (
                "No article leads on negative sentences by 3 or more"
                if claims.counts_differ(top_k, int(low.negative))
                else "The articles have about as many negative sentences"
            )
            title = (
                f"{lead}: from "
                f"{claims.count_of(int(low.negative), low.sentences, 'sentences')} to "
                f"{claims.count_of(top_k, top.sentences, 'sentences')}"
            )
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Sentiment: VADER"),
        subtitle=f"Sentences by tone; negative: score at most {NEGATIVE_THRESHOLD}"
        f", positive: at least {POSITIVE_THRESHOLD}. Named when 3 or more "
        "sentences apart",
    )
    return fig, data.drop(columns=["label", "negative"])


def _interval(vals) -> tuple[float, float, float]:
    if not len(vals):
        return (np.nan, np.nan, np.nan)
    low, high = bootstrap_ci(vals)
    return (float(np.mean(vals)), low, high)


def sentiment_by_outlet(a) -> tuple[Figure, pd.DataFrame]:
    """Per article (one row each), the mean compound of its narration (filled dot) and of its
    quoted parts (hollow dot), each with the bootstrap 95% interval over the article's
    sentences; with six articles or fewer, every sentence part as a faint dot. Title: where
    narration and quotes clearly differ (intervals apart), else that they read alike."""
    arts = figures.article_labels(a)
    ss = a.sentiment_sentences
    ss = ss[ss["file"].isin(arts["file"])]
    rows = []
    for part, col in (("narration", "narration_compound"), ("quotes", "quote_compound")):
        sub = ss.dropna(subset=[col])
        rows.append(
            pd.DataFrame(
                {
                    "file": sub["file"],
                    "outlet": sub["outlet"],
                    "sentence": sub["sentence"],
                    "part": part,
                    "compound": sub[col],
                }
            )
        )
    data = pd.concat(rows, ignore_index=True)
    has_quotes = bool((data["part"] == "quotes").any())
    stats = {}
    for art in arts.itertuples(index=False):
        for part in ("narration", "quotes"):
            vals = data[(data["file"] == art.file) & (data["part"] == part)]["compound"]
            stats[art.file, part] = _interval(vals.to_numpy())
    order = arts.assign(mean=[stats[f, "narration"][0] for f in arts["file"]])
    order = order.sort_values(["mean", "label"], na_position="last", kind="stable")
    order = order.reset_index(drop=True)
    lab = dict(zip(arts["file"], arts["label"]))
    clear = []  # (file, quotes darker?)
    for f in order["file"]:
        n, q = stats[f, "narration"], stats[f, "quotes"]
        if not np.isnan(q[0]) and not claims.intervals_overlap(n[1], n[2], q[1], q[2]):
            clear.append((f, q[0] < n[0]))
    outlet_of = dict(zip(arts["file"], arts["outlet"]))
    colors = _colors(a, arts, [outlet_of[f] for f, _ in clear[:3]])
    few = len(order) <= 6
    fig, ax = figures.new_figure(
        "column", height=figures.rows_height(len(order), few=0.5 if few else 0.4)
    )
    axes_in = figures.axes_width_in("column", order["label"])
    rng = np.random.default_rng(0)
    offsets = {"narration": -0.17, "quotes": 0.17} if has_quotes else {"narration": 0.0}
    for k, art in enumerate(order.itertuples(index=False)):
        colour = colors[art.outlet]
        for part, dy in offsets.items():
            vals = data[(data["file"] == art.file) & (data["part"] == part)]["compound"]
            if few and len(vals):
                ax.plot(
                    vals,
                    k + dy + rng.uniform(-0.06, 0.06, len(vals)),
                    "o",
                    markersize=2.2,
                    alpha=0.35,
                    color=colour,
                    markeredgewidth=0,
                )
            mean, low, high = stats[art.file, part]
            if np.isnan(mean):
                continue
            if not np.isnan(low):
                ax.plot([low, high], [k + dy] * 2, color=colour, linewidth=1.1)
            ax.plot(
                mean,
                k + dy,
                "o",
                markersize=4.5,
                color=colour,
                markerfacecolor=colour if part == "narration" else "white",
                markeredgewidth=1.1,
            )
    ax.axvline(0, color=figures.color("muted"), linewidth=0.6)
    _bar_axes(ax, order["label"], "mean sentiment (-1 to +1)")
    ax.set_xlim(-1.05, 1.05)
    handles = [Line2D([], [], marker="o", color=figures.color("ink"), label="narration")]
    if has_quotes:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                color=figures.color("ink"),
                markerfacecolor="white",
                label="quotes",
            )
        )
    figures.legend_above(ax, handles, axes_in)
    if data.empty:
        title = "No sentences scored"
    elif has_quotes:
        if not clear:
            title = (
                "In every article the narration and the quotes it carries read about the "
                "same: their intervals overlap"
            )
        else:
            darker = [lab[f] for f, d in clear if d]
            lighter = [lab[f] for f, d in clear if not d]
            parts = []
            if darker:
                parts.append(
                    f"the quotes are clearly darker than the narration at {claims.join(darker)}"
                )
            if lighter:
                parts.append(
                    f"the narration is clearly darker than the quotes at {claims.join(lighter)}"
                )
            title = "; ".join(parts)
            title = title[0].upper() + title[1:]
            rest = len(order) - len(clear)
            if rest:
                title += f"; in the other {rest} they overlap"
    else:
        means = order.dropna(subset=["mean"])
        first = means.iloc[0]
        lo, hi = stats[first.file, "narration"][1:]
        others = [stats[f, "narration"] for f in means["file"].iloc[1:]]
        if others and all(not claims.intervals_overlap(lo, hi, o[1], o[2]) for o in others):
            title = (
                f"{first.label}'s sentences are clearly the most negative ({_fmt(first['mean'])})"
            )
        else:
            title = "Sentence sentiment is about the same in every article: the intervals overlap"
    sub = "Mean per article: filled narration, hollow quotes; " + claims.INTERVAL_NOTE
    if not has_quotes:
        sub += "; no quotes found, so every sentence counts as narration"
    figures.finish(fig, title, figures.source_line(a, method="Sentiment: VADER"), subtitle=sub)
    return fig, data


def sentiment_along_article(a) -> tuple[Figure, pd.DataFrame]:
    """Mean sentence compound by tenth of the article (1 = the opening), one line per article;
    past eight articles, the one whose tone changes most is coloured and the others grey.
    Title: the article whose tone changes most from its opening to its end."""
    from analysis.measures.sentiment import by_position

    arts = figures.article_labels(a)
    data = by_position(a.sentiment_sentences)
    data = data[data["file"].isin(arts["file"])].reset_index(drop=True)
    lab = dict(zip(arts["file"], arts["label"]))
    out = dict(zip(arts["file"], arts["outlet"]))
    first = data[data["tenth"] <= 3].groupby("file")["mean"].mean()
    last = data[data["tenth"] >= 8].groupby("file")["mean"].mean()
    change = (last - first).dropna()
    mover = change.abs().idxmax() if not change.empty else None
    many = len(arts) > figures.MAX_OUTLET_COLORS
    colors = _colors(a, arts, [out[mover]] if mover else [])
    fig, ax = figures.new_figure("column", height=2.2)
    for art in arts.itertuples(index=False):
        part = data[data["file"] == art.file]
        lit = not many or art.file == mover
        ax.plot(
            part["tenth"],
            part["mean"],
            "-o",
            markersize=2.5 if lit else 0,
            color=colors[art.outlet],
            linewidth=1.2 if lit else 0.6,
            alpha=1 if lit else 0.6,
            label=art.label if lit else None,
            zorder=3 if lit else 1,
        )
    ax.axhline(0, color=figures.color("muted"), linewidth=0.6)
    ax.set_xticks(range(1, 11))
    ax.set_xlim(0.5, 10.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("tenth of the article (1 = opening)")
    ax.set_ylabel("mean sentiment")
    handles = [h for h in ax.get_lines() if not h.get_label().startswith("_")]
    if many:
        handles.append(
            Line2D(
                [],
                [],
                color=figures.color("outlet_other"),
                linewidth=0.6,
                label=f"the other {len(arts) - 1} articles",
            )
        )
    if handles:
        figures.legend_above(ax, handles, figures.WIDTHS["column"] - 0.6)
    if data.empty:
        title = "No sentences scored"
    elif mover is None:
        title = "Sentence sentiment along each article"
    else:
        direction = "warmer" if change[mover] > 0 else "darker"
        title = (
            f"{lab[mover]} turns {direction} as it goes on: {_fmt(first[mover])} in the "
            f"first three tenths, {_fmt(last[mover])} in the last three"
        )
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Sentiment: VADER"),
        subtitle="Mean sentiment of the sentences in each tenth (a few sentences "
        "per point: read the shape, not single points)",
    )
    return fig, data


def sentiment_by_actor(a) -> tuple[Figure, pd.DataFrame]:
    """Mean compound of the sentences mentioning each actor in each article, with the number
    of sentences; blank where the actor is not mentioned. Actors come from the story's list of
    actors; outlets run along the top for six articles or fewer, down the side beyond."""
    from analysis.measures.sentiment import by_actor

    arts = figures.article_labels(a)
    actors = read_actors(a.folder)
    data = by_actor(a.sentiment_sentences, actors)
    data = data[data["file"].isin(arts["file"])].reset_index(drop=True)
    names = list(actors["actor"]) if len(actors) else []
    if not names:
        fig, ax = figures.new_figure("column", height=0.6)
        ax.axis("off")
        figures.finish(
            fig,
            "No list of actors for this story",
            figures.source_line(a),
            subtitle="The story folder lists no actors, so there is nothing to compare",
        )
        return fig, data
    grid = data.pivot(index="actor", columns="file", values="mean").reindex(
        index=names, columns=list(arts["file"])
    )
    counts = (
        data.pivot(index="actor", columns="file", values="sentences")
        .reindex(index=names, columns=list(arts["file"]))
        .fillna(0)
        .astype(int)
    )
    flip = len(arts) > 6
    values, ns = grid.to_numpy(dtype=float), counts.to_numpy()
    rows, cols = names, list(arts["label"])
    if flip:
        values, ns, rows, cols = values.T, ns.T, cols, rows
    texts = np.where(
        ns == 0,
        "·",
        np.char.add(
            np.char.add(np.vectorize(lambda v: f"{v:+.2f}")(np.nan_to_num(values)), "\n("),
            np.char.add(ns.astype(str), ")"),
        ),
    )
    fig, ax, col_labels, col_in = figures.grid_figure("column", rows, cols, row_in=0.3)
    size = figures.cell_font_size(texts.ravel(), col_in, 0.3)
    ax.imshow(values, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    if size:
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                ax.text(
                    j,
                    i,
                    texts[i, j],
                    ha="center",
                    va="center",
                    fontsize=size,
                    linespacing=1.0,
                    color="white"
                    if ns[i, j] and abs(values[i, j]) > 0.55
                    else figures.color("ink"),
                )
    figures.heatmap_axes(ax, cols, rows, col_labels)
    mentioned = data[data["sentences"] > 0]
    if mentioned.empty:
        title = "No actor on the story's list is mentioned"
    else:
        pooled = (
            mentioned.assign(total=mentioned["mean"] * mentioned["sentences"])
            .groupby("actor")[["total", "sentences"]]
            .sum()
        )
        most = pooled["sentences"].idxmax()
        title = (
            f"{most} is named in the most sentences ({int(pooled.at[most, 'sentences'])} "
            f"across {int((counts.loc[most] > 0).sum())} articles); tone by article below"
        )
        title = title[0].upper() + title[1:]
    figures.finish(
        fig,
        title,
        figures.source_line(a, method="Sentiment: VADER"),
        subtitle="Mean sentiment of the sentences naming each actor (sentences in "
        "brackets; red negative, blue positive)",
    )
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

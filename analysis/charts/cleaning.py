"""The corpus and its cleaning, drawn: what each outlet's paste held and what the cleaner took
out. The tables are in :mod:`analysis.measures.corpus`.

Figures (each returns the figure and exactly the data it plots):

- :func:`words_kept_and_removed` — pasted words against body words per outlet.
- :func:`removed_lines_by_role` — removed lines per outlet and role, as a table of counts.

Words are counted with :func:`analysis.story.text.count_words` on each line's display text (entities
decoded), the one definition of a word in the workbook; ``raw_words`` counts every line,
``body_words`` the body lines only, so ``raw_words - body_words`` is what the cleaner removed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.charts import figures
from analysis.measures import claims, findings
from analysis.measures.corpus import FURNITURE_ROLES, removed_lines, words_by_outlet


def _pct(share: float) -> str:
    return "n/a" if pd.isna(share) else f"{share * 100:.0f}%"


def words_kept_and_removed(a) -> tuple[Figure, pd.DataFrame]:
    """Bars of pasted (raw) words per outlet with the body words the workbook measures drawn
    over them; the label gives the words removed and their share.

    Title: the outlet whose paste was most furniture, by share of words."""
    data = words_by_outlet(a)
    data = data.sort_values(
        ["removed_share", "outlet"], ascending=[False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)
    outlets = list(data["outlet"])
    lab = figures.outlet_labels(a)
    names = [lab.get(o, o) for o in outlets]
    # Past eight outlets only those the title names are coloured (the rest grey).
    named = findings.furniture_leaders(data) if len(data) else []
    colors = figures.outlet_colors(outlets, story=a, highlight=named)
    fig, ax = figures.new_figure("column", height=figures.rows_height(len(outlets)))
    axes_in = figures.axes_width_in("column", names)
    y = np.arange(len(outlets))
    h1 = ax.barh(
        y,
        data["raw_words"],
        color=figures.color("light"),
        height=0.7,
        label="on the page (every line)",
    )
    h2 = ax.barh(
        y,
        data["body_words"],
        color=[colors[o] for o in outlets],
        height=0.7,
        label="article body (measured)",
    )
    top = float(data["raw_words"].max() or 1)
    texts = [
        f"-{row.removed_words} ({_pct(row.removed_share)})" for row in data.itertuples(index=False)
    ]
    room = figures.value_room(texts, axes_in)
    for yi, row, text in zip(y, data.itertuples(index=False), texts):
        ax.text(
            row.raw_words + top * 0.015,
            yi,
            text,
            va="center",
            ha="left",
            fontsize=6.5,
            color=figures.color("ink"),
        )
    ax.set_yticks(y, names)
    ax.set_ylim(len(outlets) - 0.5, -0.5)
    ax.set_xlim(0, top / (1 - room))
    ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.set_xlabel("words")
    ax.grid(axis="y", visible=False)
    figures.legend_above(ax, [h1, h2], axes_in)
    if data.empty or data["removed_share"].isna().all():
        title = "No words to compare"
    else:
        # The findings table's sentence: a leader only when its share is clear of the others'.
        found = findings.most_furniture(data, labels=lab)
        title = found["sentence"].rstrip(".") if found else "No words to compare"
    figures.finish(
        fig,
        title,
        figures.source_line(a),
        subtitle="Words on the page (grey) and the article body measured (colour); "
        "labels: words removed (headline, captions, links, ...)",
    )
    return fig, data


def removed_lines_by_role(a) -> tuple[Figure, pd.DataFrame]:
    """A table of counts: furniture lines removed per outlet (columns) and role (rows), shaded
    by count. Roles with no line in any outlet are left out.

    Title: the outlet with the most furniture lines and the role most of them had."""
    outlets = list(words_by_outlet(a)["outlet"])
    rem = removed_lines(a)
    rem = rem[rem["outlet"].isin(outlets)]
    roles = [r for r in FURNITURE_ROLES if r in set(rem["role"])]
    roles += sorted(set(rem["role"]) - set(roles))
    counts = (
        rem.groupby(["role", "outlet"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=roles, columns=outlets, fill_value=0)
    )
    lab = figures.outlet_labels(a)
    names = [lab.get(o, o) for o in outlets]
    values = counts.to_numpy()
    rows, cols = roles, names
    turned = len(outlets) > 6
    if turned:
        values, rows, cols = values.T, names, roles
    fig, ax, col_labels, col_in = figures.grid_figure("column", rows, cols)
    if roles:
        ax.imshow(values, cmap="Greys", vmin=0, vmax=max(values.max(), 1) * 1.6, aspect="auto")
        texts = np.where(values > 0, values.astype(str), "·")
        size = figures.cell_font_size(texts.ravel(), col_in, 0.2, sizes=(7.0, 6.5, 6.0, 5.5))
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
                        color=figures.color("ink"),
                    )
    figures.heatmap_axes(ax, cols, rows, col_labels)
    data = counts.reset_index().melt(id_vars="role", var_name="outlet", value_name="lines")
    data = data[["outlet", "role", "lines"]].sort_values(["outlet", "role"]).reset_index(drop=True)
    totals = counts.sum(axis=0)
    if totals.sum() == 0:
        title = "No lines were set aside from any article"
    else:
        most = totals.idxmax()
        role = counts[most].idxmax()
        rest = totals.drop(index=most)
        if len(rest) and not all(claims.counts_differ(totals[most], v) for v in rest):
            title = "The pages carried about as much clutter: " + claims.span(
                str(int(totals.min())), str(int(totals.max())), " lines set aside"
            )
        else:
            title = (
                f"{lab.get(most, most)}'s page had the most clutter: "
                f"{int(totals[most])} lines, {int(counts.loc[role, most])} of them {role}"
            )
    figures.finish(
        fig,
        title,
        figures.source_line(a),
        subtitle="Lines set aside from the body (count), by outlet and the kind of "
        "line the workbook took them for",
    )
    return fig, data


#: The figures of this module, by name (``python -m analysis report`` saves each one).
CHARTS = {
    "words-kept-and-removed-by-outlet": words_kept_and_removed,
    "removed-lines-by-role": removed_lines_by_role,
}

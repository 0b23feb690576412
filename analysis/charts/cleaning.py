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

from analysis.charts import figures
from analysis.measures.corpus import FURNITURE_ROLES, removed_lines, words_by_outlet

def _pct(share: float) -> str:
    return "n/a" if pd.isna(share) else f"{share * 100:.0f}%"


def words_kept_and_removed(a) -> tuple[Figure, pd.DataFrame]:
    """Bars of pasted (raw) words per outlet with the body words the workbook measures drawn
    over them; the label gives the words removed and their share.

    Title: the outlet whose paste was most furniture, by share of words."""
    data = words_by_outlet(a)
    outlets = list(data["outlet"])
    colors = figures.outlet_colors(outlets, story=a)
    fig, ax = figures.new_figure("column", height=0.45 * max(len(outlets), 2) + 0.6)
    y = np.arange(len(outlets))
    ax.barh(y, data["raw_words"], color=figures.color("light"), height=0.7,
            label="pasted (all lines)")
    ax.barh(y, data["body_words"], color=[colors[o] for o in outlets], height=0.7,
            label="body (measured)")
    top = float(data["raw_words"].max() or 1)
    for yi, row in zip(y, data.itertuples(index=False)):
        ax.text(row.raw_words + top * 0.02, yi,
                f"-{row.removed_words} ({_pct(row.removed_share)})",
                va="center", ha="left", fontsize=6.5, color=figures.color("ink"))
    ax.set_yticks(y, outlets)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("words (grey: as pasted; colour: body)")
    ax.grid(axis="y", visible=False)
    if data.empty or data["removed_share"].isna().all():
        title = "No words to compare"
    else:
        worst = data.loc[data["removed_share"].idxmax()]
        title = (f"{_pct(worst.removed_share)} of {worst.outlet}'s pasted words were not "
                 f"article body, the largest share")
        if len(data) == 1:
            title = (f"{_pct(worst.removed_share)} of {worst.outlet}'s pasted words were not "
                     "article body")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Pasted words (grey) and the body words measured (colour); "
                            "labels: words removed (headline, captions, links, ...)")
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
    counts = (rem.groupby(["role", "outlet"]).size().unstack(fill_value=0)
              .reindex(index=roles, columns=outlets, fill_value=0))
    fig, ax = figures.new_figure("column", height=0.28 * max(len(roles), 2) + 0.6)
    if roles:
        values = counts.to_numpy()
        ax.imshow(values, cmap="Greys", vmin=0, vmax=max(values.max(), 1) * 1.6,
                  aspect="auto")
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                ax.text(j, i, str(values[i, j]) if values[i, j] else "·", ha="center",
                        va="center", fontsize=7, color=figures.color("ink"))
    figures.heatmap_axes(ax, outlets, roles)
    ax.set_ylabel("role given by the cleaner")
    data = counts.reset_index().melt(id_vars="role", var_name="outlet", value_name="lines")
    data = data[["outlet", "role", "lines"]].sort_values(["outlet", "role"]).reset_index(drop=True)
    totals = counts.sum(axis=0)
    if totals.sum() == 0:
        title = "The cleaner removed no lines"
    else:
        most = totals.idxmax()
        role = counts[most].idxmax()
        title = (f"{most}'s paste had the most furniture: {int(totals[most])} lines, "
                 f"{int(counts.loc[role, most])} of them {role}")
    figures.finish(fig, title, figures.source_line(a),
                   subtitle="Lines removed from the body (count), by outlet and role")
    return fig, data


#: The figures of this module, by name (``python -m analysis report`` saves each one).
CHARTS = {
    "words-kept-and-removed-by-outlet": words_kept_and_removed,
    "removed-lines-by-role": removed_lines_by_role,
}

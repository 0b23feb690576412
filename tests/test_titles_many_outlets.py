"""On a story of many outlets a title never names one outlet where others print the same number,
and a chart of more than eight outlets colours exactly the outlets its title names."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from analysis.charts import cleaning, figures, framing
from analysis.measures import findings
from analysis.measures.corpus import words_by_outlet
from analysis.pipeline import analyse
from tests.synthetic_story import write_synthetic_story


@pytest.fixture(scope="module")
def story18(tmp_path_factory):
    return analyse(write_synthetic_story(tmp_path_factory.mktemp("outlets18"), 18))


def _title(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts if t.get_gid() == "workbook-title")


def test_the_words_removed_chart_colours_exactly_the_outlets_its_title_names(story18):
    fig, data = cleaning.words_kept_and_removed(story18)
    named = findings.furniture_leaders(words_by_outlet(story18))
    grey = figures.color("outlet_other").lower()
    bars = fig.axes[0].containers[1]  # the body bars, one per outlet in the data's order
    coloured = [o for o, bar in zip(data["outlet"], bars) if _hex(bar) != grey]
    assert coloured == named
    shown = {o: f"{s * 100:.0f}" for o, s in zip(data["outlet"], data["removed_share"])}
    low = min(int(shown[o]) for o in named)
    # every outlet printed at the lowest named share is named too
    assert all(o in named for o, s in shown.items() if int(s) >= low)
    plt.close(fig)


def test_a_title_names_a_group_where_many_outlets_print_the_same_unshared_share(story18):
    fig, data = framing.shared_and_unique(story18)
    unique = data[data["status"] == "unique"]
    least = unique["share"].min()
    tied = unique[unique["share"].map(lambda s: f"{s:.0%}") == f"{least:.0%}"]
    title = _title(fig)
    if len(tied) > 1:
        assert "has the least" not in title
        assert f"{len(tied)} of {len(unique)} outlets" in title or "have" in title
    plt.close(fig)


def _hex(bar) -> str:
    from matplotlib.colors import to_hex

    return to_hex(bar.get_facecolor()).lower()


def test_the_readability_title_names_no_single_hardest_when_the_next_prints_within_a_grade(
    story18,
):
    from analysis.charts import metrics

    fig, data = metrics.readability_by_formula(story18)
    grades = data[data["formula"] == "consensus_grade"]["grade"].dropna().sort_values()
    title = _title(fig)
    if float(f"{grades.iloc[-1]:.1f}") - float(f"{grades.iloc[-2]:.1f}") < 1:
        assert "is the hardest read" not in title
    plt.close(fig)


def test_a_readability_title_that_names_no_outlet_colours_none(story18):
    from matplotlib.colors import to_hex

    from analysis.charts import metrics

    fig, _ = metrics.readability_by_formula(story18)
    dots = {
        to_hex(line.get_color()).lower()
        for line in fig.axes[0].get_lines()
        if line.get_marker() == "o" and len(line.get_xdata()) == 1
    }
    if "no clear hardest or easiest" in _title(fig):
        assert dots == {figures.color("outlet_other").lower()}
    plt.close(fig)

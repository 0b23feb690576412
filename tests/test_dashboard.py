"""The one-page summary dashboard: the panels a story's tables allow, and the data plotted."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.app import dashboard
from analysis.pipeline import analyse

TRAM = Path(__file__).parent / "fixtures" / "tram-story"


@pytest.fixture(scope="module")
def tram_summary():
    a = analyse(TRAM)
    return a, *dashboard.summary(a)


def test_the_words_panel_plots_body_and_removed_words_per_outlet(tram_summary):
    _, _, data = tram_summary
    words = data[data["panel"] == "words"].pivot(index="outlet", columns="measure",
                                                 values="value")
    # Hand counts (tests/test_charts_cleaning.py).
    assert words.loc["Harbour Herald"].to_dict() == {"body_words": 133, "removed_words": 43}
    assert words.loc["Valley Radio"].to_dict() == {"body_words": 70, "removed_words": 16}


def test_the_data_has_the_documented_columns(tram_summary):
    assert list(tram_summary[2].columns) == ["panel", "outlet", "measure", "value", "ci_low",
                                             "ci_high"]


def test_the_dashboard_is_a_page_wide(tram_summary):
    assert tram_summary[1].get_size_inches()[0] == 7.0


def test_the_main_finding_is_the_dashboards_title(tram_summary):
    fig = tram_summary[1]
    title = [t for t in fig.texts if t.get_gid() == "workbook-title"][0].get_text()
    assert "Harbour Herald ran the longest article: 133 body words" in title.replace("\n", " ")


def test_every_panel_has_a_one_line_takeaway_and_no_cell_is_empty(tram_summary):
    fig = tram_summary[1]
    axes = fig.get_axes()
    assert all(ax.get_title(loc="left") for ax in axes)
    assert all(ax.axison for ax in axes)
    assert axes[0].get_title(loc="left").startswith("Length: Harbour Herald longest")


def test_the_dashboard_says_each_outlet_is_one_article(tram_summary):
    fig = tram_summary[1]
    text = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "one article each" in text


def test_a_story_with_no_quotes_has_no_quotes_panel(tram_summary):
    a, _, data = tram_summary
    length = a.length.assign(quote_share=0.0)

    class NoQuotes:
        articles = a.articles

    NoQuotes.length = length
    assert dashboard.quotes_data(NoQuotes()) is None

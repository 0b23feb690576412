"""The corpus and cleaning tables behind notebook 01, on the invented tram story
(tests/fixtures/tram-story), counted by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.charts import cleaning as charts_cleaning
from analysis.charts import figures
from analysis.measures import corpus
from analysis.pipeline import analyse

TRAM = Path(__file__).parent / "fixtures" / "tram-story"


@pytest.fixture(scope="module")
def tram():
    return analyse(TRAM)


def _row(frame, file):
    return frame[frame["file"] == file].iloc[0]


def test_corpus_has_one_row_per_article(tram):
    assert list(corpus.corpus(tram)["file"]) == ["herald.txt", "radio.txt", "wire.txt"]


def test_corpus_counts_the_heralds_lines_by_kind(tram):
    # 21 raw lines: 5 body paragraphs (lines 7, 9, 11, 13, 19), 10 blank lines, and 6 lines of
    # furniture: headline, byline, dateline, caption, READ MORE link, newsletter line.
    herald = _row(corpus.corpus(tram), "herald.txt")
    assert (herald.raw_lines, herald.body_paragraphs, herald.blank_lines, herald.removed_lines) == (
        21,
        5,
        10,
        6,
    )


def test_removed_words_are_the_words_of_the_furniture_lines(tram):
    # headline 8 ("Council backs 40m tram line despite traders fears"), byline 3, dateline 5
    # ("5 March 2024 18 30"), caption 9, READ MORE link 8, newsletter line 10.
    herald = _row(corpus.corpus(tram), "herald.txt")
    assert herald.removed_words == 43
    assert herald.raw_words - herald.body_words == 43


def test_radio_loses_its_headline_and_its_app_promotion(tram):
    # Body paragraphs of 16, 19, 12 and 23 words; the 8-word headline and the 8-word
    # "Listen to the full interview on our app." promotion are removed.
    radio = _row(corpus.corpus(tram), "radio.txt")
    assert (radio.raw_words, radio.body_words, radio.removed_words) == (86, 70, 16)
    assert radio.removed_share == pytest.approx(16 / 86, abs=1e-4)


def test_removed_lines_lists_each_furniture_line_with_its_role(tram):
    rem = corpus.removed_lines(tram)
    herald = rem[rem["file"] == "herald.txt"]
    assert list(zip(herald["line"], herald["role"])) == [
        (1, "headline"),
        (3, "byline"),
        (5, "dateline"),
        (15, "caption"),
        (17, "boilerplate"),
        (21, "boilerplate"),
    ]
    assert "blank" not in set(rem["role"]) and "body" not in set(rem["role"])


def test_removal_counts_group_lines_by_outlet_role_and_reason(tram):
    counts = corpus.removal_counts(tram)
    herald = counts[counts["outlet"] == "Harbour Herald"]
    assert herald["lines"].sum() == 6
    assert set(herald["role"]) == {"headline", "byline", "dateline", "caption", "boilerplate"}


def test_words_figure_plots_one_row_per_outlet_and_names_the_largest_share(tram):
    fig, data = charts_cleaning.words_kept_and_removed(tram)
    # Rows sorted by the share removed, largest first.
    assert list(data["outlet"]) == ["Harbour Herald", "Valley Radio", "Metro Wire"]
    title = next(t.get_text() for t in fig.texts if t.get_gid() == "workbook-title")
    # Herald: body paragraphs of 28, 42, 34, 14 and 15 words (133) + 43 removed = 176 pasted;
    # 43 / 176 = 24%, more than Valley Radio's 16 / 86 and Metro Wire's credit line.
    # The title is the findings table's sentence (a leader only 5 points clear of the others).
    assert title.replace("\n", " ") == (
        "24% of the words collected from Harbour Herald's page were not article body (43 of "
        "176 words), the largest share"
    )


def test_role_figure_counts_lines_per_outlet_and_role(tram):
    fig, data = charts_cleaning.removed_lines_by_role(tram)
    herald = data[data["outlet"] == "Harbour Herald"].set_index("role")["lines"]
    assert herald["boilerplate"] == 2 and herald["caption"] == 1
    title = next(t.get_text() for t in fig.texts if t.get_gid() == "workbook-title")
    assert title.replace("\n", " ") == (
        "Harbour Herald's page had the most clutter: 6 lines, 2 of them boilerplate"
    )


def test_cleaning_figures_save_repeatably(tram, tmp_path):
    for name, chart in charts_cleaning.CHARTS.items():
        a = figures.save_figure(*chart(tram)[:1], name, chart(tram)[1], tmp_path / "a")
        b = figures.save_figure(*chart(tram)[:1], name, chart(tram)[1], tmp_path / "b")
        assert a["png"].read_bytes() == b["png"].read_bytes()

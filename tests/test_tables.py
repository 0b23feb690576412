"""Notebook tables: formatted for reading, cut with a note, never a raw dump."""

import math

import pandas as pd

from analysis.app import tables


def _frame():
    return pd.DataFrame(
        {
            "words": [612, 540],
            "removed_share": [0.205, math.nan],
            "grade": [14.1666, pd.NA],
            "outlet": ["Fox News", "LBC"],
            "sha256": ["ab12", "cd34"],
        }
    )


def test_key_columns_come_first_and_bookkeeping_is_left_out():
    assert list(tables.formatted(_frame()).columns) == ["outlet", "words", "removed_share", "grade"]


def test_shares_are_percentages_decimals_two_places_and_missing_values_blank():
    out = tables.formatted(_frame())
    assert list(out["removed_share"]) == ["20.5%", ""]
    assert list(out["grade"]) == ["14.17", ""]
    assert list(out["words"]) == ["612", "540"]


def test_a_long_table_is_cut_with_a_note_on_the_full_csv():
    frame = pd.DataFrame({"outlet": [f"O{i}" for i in range(25)], "lines": range(25)})
    html = tables.show(frame, name="removal-counts").to_html()
    assert "The first 10 of 25 rows. The full table: tables/removal-counts.csv" in html
    assert html.count("<tr>") <= 12
    assert "O10" not in html


def test_no_row_index_is_shown():
    html = tables.show(pd.DataFrame({"outlet": ["A"]})).to_html()
    assert "row_heading" not in html


def test_a_shown_table_has_the_same_html_ids_and_text_form_in_every_run():
    """pandas' styler draws its HTML ids at random and prints an object address as its text
    form, so an executed notebook differed between two runs; a shown table's ids are numbered
    in order instead and its text form names its size."""
    import re

    frame = pd.DataFrame({"outlet": ["A", "B"], "words": [10, 20]})
    first, second = tables.show(frame), tables.show(frame)
    assert repr(first) == "<table: 2 rows, 2 columns>"
    ids = [set(re.findall(r'id="(T_[^"]+?)_', s.to_html())) for s in (first, second)]
    assert all(len(i) == 1 and re.fullmatch(r"T_table\d+", next(iter(i))) for i in ids)
    assert ids[0] != ids[1]  # two tables on one page keep apart

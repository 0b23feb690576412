"""``--format table`` reads well in a terminal: text left-aligned, numbers right-aligned, every
line cut to the width. Expected tables are written out by hand."""

from __future__ import annotations

import pandas as pd

from analysis.app.cli import text_table


def test_text_is_left_aligned_numbers_right_aligned_and_long_text_is_cut():
    frame = pd.DataFrame({"file": ["a.txt", "bb.txt"], "line": [1, 12],
                          "text": ["Short one", "A much longer line of article text that will not fit"]})
    assert text_table(frame, width=40).split("\n") == [
        "file    line  text",
        "a.txt      1  Short one",
        "bb.txt    12  A much longer line of art…",  # 40 characters
    ]


def test_every_line_fits_the_width_and_floats_are_short():
    frame = pd.DataFrame({"file": ["a.txt"], "share": [0.4535519125683], "note": ["x" * 300]})
    out = text_table(frame, width=50)
    assert all(len(line) <= 50 for line in out.split("\n"))
    assert "0.453552" in out and "0.4535519125683" not in out


def test_a_table_too_wide_for_the_terminal_is_printed_in_blocks_that_repeat_the_first_column():
    frame = pd.DataFrame({"file": ["a.txt"], **{f"column_{k}": [k] for k in range(6)}})
    assert text_table(frame, width=40).split("\n") == [
        "file   column_0  column_1  column_2",
        "a.txt         0         1         2",
        "",
        "file   column_3  column_4  column_5",
        "a.txt         3         4         5",
    ]


def test_line_breaks_inside_a_cell_show_as_spaces():
    frame = pd.DataFrame({"text": ["two\nlines\tand a tab"]})
    assert text_table(frame, width=40) == "text\ntwo lines and a tab"

"""The user's last word: roles.csv (file,line,role,note) replaces the automatic roles, says so in
``reason``, changes every table and figure with no code change, and survives a rerun; the
notebook's roles editor writes it.

The story is a copy of the seeds. LBC's line 10 (a paragraph, body by the automatic rules) is
set to ``standfirst``; it holds 31 words, counted by hand:
"The head of MI6 has urged any Russians who are ‘appalled’ by Putin’s war on Ukraine to
"join hands with us" and spy for the UK to help end the war."
"""

from __future__ import annotations

import shutil

import matplotlib
import pandas as pd
import pytest

from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse
from analysis.story import cleaning

matplotlib.use("Agg")

LBC = "002_c17e003ac22b380f.txt"
LINE10_WORDS = 31


@pytest.fixture()
def story(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def _role(a, file, line):
    row = a.lines[(a.lines["file"] == file) & (a.lines["line"] == line)].iloc[0]
    return row["role"], row["reason"]


def test_a_role_in_roles_csv_replaces_the_automatic_one_and_says_so(story):
    (story / "roles.csv").write_text(
        f"file,line,role,note\n{LBC},10,standfirst,the dek\n", encoding="utf-8"
    )
    role, reason = _role(analyse(story), LBC, 10)
    assert role == "standfirst"
    assert reason.startswith("set by the user in roles.csv:2 (the dek); automatic role body")


def test_a_user_role_changes_every_table_and_figure(story):
    from analysis.charts import cleaning as charts

    before = analyse(story)
    words = lambda a: int(a.metrics.set_index("file").loc[LBC, "body_words"])  # noqa: E731
    words_before = words(before)  # tables are built when first read: read them before the change
    _, kept_before = charts.words_kept_and_removed(before)
    cleaning.set_user_role(story, LBC, 10, "standfirst", "the dek")
    after = analyse(story)

    # paragraphs and sentences: the line is gone from the body, the others are renumbered
    para = after.paragraphs[after.paragraphs["file"] == LBC]
    assert 10 not in set(para["line"]) and para["paragraph"].tolist() == list(
        range(1, len(para) + 1)
    )
    assert 10 not in set(after.sentences.loc[after.sentences["file"] == LBC, "line"])
    # metrics: the body lost the line's words
    assert words_before - words(after) == LINE10_WORDS
    # the cleaning tables and both cleaning figures' data
    assert ((after.removed_lines["file"] == LBC) & (after.removed_lines["line"] == 10)).any()
    _, kept_after = charts.words_kept_and_removed(after)
    assert not kept_before.equals(kept_after)
    _, by_role = charts.removed_lines_by_role(after)
    lbc = by_role[(by_role["outlet"] == "LBC") & (by_role["role"] == "standfirst")]
    assert int(lbc["lines"].sum()) == 1


def test_a_user_role_survives_a_rerun_and_can_be_taken_back(story):
    cleaning.set_user_role(story, LBC, 28, "body", "a link I want to count")
    for _ in range(2):
        assert _role(analyse(story), LBC, 28)[0] == "body"
    cleaning.set_user_role(story, LBC, 28, None)
    assert _role(analyse(story), LBC, 28)[0] == "boilerplate"
    assert (story / "roles.csv").read_text(encoding="utf-8") == "file,line,role,note\n"


def test_set_user_role_keeps_one_row_per_line_in_file_and_line_order(story):
    cleaning.set_user_role(story, LBC, 12, "caption")
    cleaning.set_user_role(story, "000_7e1ee2103f96c4a8.txt", 3, "standfirst", "dek")
    cleaning.set_user_role(story, LBC, 12, "body")
    rows = pd.read_csv(story / "roles.csv", dtype=str, keep_default_na=False)
    assert rows.values.tolist() == [
        ["000_7e1ee2103f96c4a8.txt", "3", "standfirst", "dek"],
        [LBC, "12", "body", ""],
    ]


@pytest.mark.parametrize(
    "row, message",
    [
        (f"{LBC},10,title,", r"roles.csv line 2: role 'title' is not one of"),
        (f"{LBC},ten,body,", r"roles.csv line 2: line 'ten' is not a line number"),
        ("nope.txt,1,body,", r"roles.csv line 2: nope.txt is not an article of this story"),
        (f"{LBC},999,body,", rf"roles.csv line 2: {LBC} has no line 999"),
        (f"{LBC},2,body,", rf"roles.csv line 2: {LBC} line 2 is blank"),
    ],
)
def test_a_bad_roles_csv_row_is_an_error_naming_the_file_and_line(story, row, message):
    (story / "roles.csv").write_text(f"file,line,role,note\n{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        _ = analyse(story).lines


def test_a_line_given_twice_is_an_error(story):
    (story / "roles.csv").write_text(
        f"file,line,role,note\n{LBC},10,body,\n{LBC},10,caption,\n", encoding="utf-8"
    )
    with pytest.raises(
        ValueError, match=r"roles.csv line 3: .* line 10 is given a role twice \(also on line 2\)"
    ):
        _ = analyse(story).lines


def test_the_roles_editor_writes_roles_csv_and_reruns_the_analysis(story):
    from analysis.app import roles_editor as editor

    seen = []
    widget = editor.roles_editor(story, file=LBC, on_change=seen.append)
    pick, status, box = widget.children
    assert pick.value == LBC
    row = next(r for r in box.children if r.children[0].value.startswith("<code> 10"))
    menu = row.children[1]
    assert menu.value == "body"
    menu.value = "standfirst"
    assert (story / "roles.csv").read_text(encoding="utf-8") == (
        f"file,line,role,note\n{LBC},10,standfirst,{editor.NOTE}\n"
    )
    assert len(seen) == 1 and _role(seen[0], LBC, 10)[0] == "standfirst"
    assert _role(widget.analysis(), LBC, 10)[0] == "standfirst"
    assert "Line 10: body → standfirst" in status.value
    # the list is drawn again from the new analysis, with the line marked as the user's
    row = next(r for r in box.children if r.children[0].value.startswith("<code> 10"))
    assert "✎" in row.children[0].value and row.children[1].value == "standfirst"


def test_editor_rows_list_every_non_blank_line_with_its_reason(story):
    from analysis.app import roles_editor as editor

    rows = editor.editor_rows(analyse(story), LBC)
    assert rows["line"].tolist()[:4] == [1, 3, 5, 6]
    assert set(rows.columns) == {"line", "role", "user", "reason", "text"}
    assert not rows["user"].any()


def test_the_roles_editor_gives_a_line_back_to_the_rules(story):
    from analysis.app import roles_editor as editor

    cleaning.set_user_role(story, LBC, 28, "body")
    widget = editor.roles_editor(story, file=LBC)
    _, status, box = widget.children
    menu = next(r for r in box.children if r.children[0].value.startswith("<code> 28")).children[1]
    assert menu.value == "body" and editor.AUTOMATIC in menu.options
    menu.value = editor.AUTOMATIC
    assert (story / "roles.csv").read_text(encoding="utf-8") == "file,line,role,note\n"
    assert _role(widget.analysis(), LBC, 28)[0] == "boilerplate"
    assert "given back to the rules (boilerplate)" in status.value


def test_an_exported_notebook_shows_the_lines_and_roles_not_a_widget_repr(story, monkeypatch):
    from analysis.app import roles_editor as editor

    monkeypatch.setenv("COVERAGE_HEADLESS", "1")
    shown = editor.roles_editor(story, file=LBC)
    page = shown._repr_html_()
    assert "children=" not in page and "<table" in page
    assert "In JupyterLab this cell lets you change any line" in page
    assert LBC in page

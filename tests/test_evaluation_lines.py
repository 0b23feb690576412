"""The line-role scorer counts what a reader would count, and the cleaner holds its scores.

The scorer's expectations are worked out by hand on tiny tables. The development set
(tests/devsets/pastes/) is labelled by hand, line by line, independently of the cleaner.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.evaluation import lines as ev


def _pred(rows):
    return pd.DataFrame(rows, columns=["file", "outlet", "line", "gold", "role", "reason", "clean"])


# Six lines: 3 body lines a reader marks, the method calls 2 of them body and also one caption
# body; one byline is right; a blank line is skipped.
TOY = _pred(
    [
        ("a.txt", "A", 1, "headline", "headline", "r", "Title here"),
        ("a.txt", "A", 2, "blank", "blank", "r", ""),
        ("a.txt", "A", 3, "body", "body", "r", "One."),
        ("a.txt", "A", 4, "caption", "body", "r", "A caption."),
        ("a.txt", "A", 5, "body", "body", "r", "Two."),
        ("a.txt", "A", 6, "body", "subhead", "r", "Three"),
        ("a.txt", "A", 7, "byline", "byline", "r", "By X"),
    ]
)


def test_body_scores_count_non_blank_lines_only():
    s = ev.body_scores(TOY)
    assert s["lines"] == 6
    assert s["precision"] == pytest.approx(2 / 3)  # 2 of the 3 lines called body are body
    assert s["recall"] == pytest.approx(2 / 3)  # 2 of the 3 body lines were found
    assert s["f1"] == pytest.approx(2 / 3)
    assert (s["furniture_as_body"], s["body_as_furniture"]) == (1, 1)


def test_role_scores_per_role():
    roles = ev.role_scores(TOY).set_index("role")
    assert tuple(roles.loc["body", ["gold", "predicted", "correct"]]) == (3, 3, 2)
    assert tuple(roles.loc["caption", ["gold", "predicted", "correct"]]) == (1, 0, 0)
    assert math.isnan(roles.loc["caption", "precision"]) and roles.loc["caption", "recall"] == 0
    assert roles.loc["subhead", "precision"] == 0 and math.isnan(roles.loc["subhead", "recall"])
    assert roles.loc["headline", "f1"] == 1


@pytest.fixture(scope="module")
def devset():
    return ev.load_devset()


def test_the_development_set_is_as_large_and_varied_as_the_issue_asks(devset):
    assert len(devset.articles) >= 60
    assert len(devset.outlets) >= 40
    layouts = set(devset.articles["layout"])
    for kind in (
        "wire",
        "aggregator",
        "live blog",
        "video page",
        "paywalled magazine",
        "local paper",
        "non-UK/US paper",
        "broadcaster",
    ):
        assert kind in layouts, kind


def test_every_line_of_every_page_has_one_label(devset):
    for art in devset.articles.itertuples(index=False):
        n = len(art.text.splitlines())
        got = devset.labels[devset.labels["file"] == art.file]
        assert list(got["line"]) == list(range(1, n + 1)), art.file


def test_leave_one_outlet_out_never_shows_a_method_the_outlet_it_is_scored_on(devset):
    seen = []

    def method(train):
        seen.append(set(train.articles["outlet"]))
        return ev.rules_method(train)

    loo = ev.leave_one_outlet_out(devset.subset(lambda o: o < "C"), method)
    for outlet, train in zip(loo["outlet"], seen):
        assert outlet not in train
        assert train  # the others are there


def test_a_label_on_a_blank_line_is_an_error_naming_file_and_line(tmp_path):
    (tmp_path / "p.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,layout,author\np.txt,P,wire,\n", encoding="utf-8"
    )
    (tmp_path / "labels.csv").write_text(
        "file,line,role\np.txt,1,headline\np.txt,2,body\n", encoding="utf-8"
    )
    with pytest.raises(ev.DevsetError, match=r"labels.csv line 3: p.txt line 2 is blank"):
        ev.load_devset(tmp_path)


def test_an_unlabelled_line_is_an_error_naming_file_and_line(tmp_path):
    (tmp_path / "p.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,layout,author\np.txt,P,wire,\n", encoding="utf-8"
    )
    (tmp_path / "labels.csv").write_text("file,line,role\np.txt,1,headline\n", encoding="utf-8")
    with pytest.raises(ev.DevsetError, match=r"p.txt line 3: no label"):
        ev.load_devset(tmp_path)


def test_an_unknown_role_is_an_error(tmp_path):
    (tmp_path / "p.txt").write_text("Title\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,layout,author\np.txt,P,wire,\n", encoding="utf-8"
    )
    (tmp_path / "labels.csv").write_text("file,line,role\np.txt,1,title\n", encoding="utf-8")
    with pytest.raises(ev.DevsetError, match=r"role 'title' is not one of"):
        ev.load_devset(tmp_path)


@pytest.mark.slow
def test_the_cleaner_keeps_body_lines_apart_from_furniture_on_the_development_set(devset):
    s = ev.summary(devset)
    assert s["in_f1"] >= 0.99
    assert s["held_out_f1"] >= 0.97


def test_the_rules_alone_keep_body_lines_apart_from_furniture_on_the_development_set(devset):
    # 0.97, not 0.99: the set now holds 90 pages from outlets the rules were not written for
    # (issue 14's fresh batches, most of them full of furniture in full sentences); the rules
    # alone reach 0.973 on it all (the rules before round 2: 0.953), the cleaner with its line
    # model 0.99 or more (the slow test above).
    assert ev.body_scores(ev.predict(devset, ev.rules_method()))["f1"] >= 0.97


def test_the_report_names_the_numbers(devset):
    text = ev.report(devset.subset(lambda o: o < "C"))
    assert "body lines, every outlet in" in text and "outlet held out" in text
    assert "\ncaption " in text and "\nbody " in text

"""A leader is named only when it is clearly ahead of the runner-up, not just of the last.

The seeds' numbers, by hand: consensus grades Fox News 14.2, Kyiv Post 13.9, LBC 11.0 (Fox is
not "the hardest" by 0.3 of a grade); quoted shares LBC 57%, Kyiv Post 49%, Fox News 45% (LBC
leads by 8 points, but Fox is not "the least" by 4).
"""

import pandas as pd

from analysis.app import dashboard
from analysis.measures import claims, findings

GRADES = pd.Series({"Fox News": 14.2, "Kyiv Post": 13.9, "LBC": 11.0})
SHARES = pd.Series({"Fox News": 0.45, "Kyiv Post": 0.49, "LBC": 0.57})


def test_the_end_group_holds_every_outlet_within_the_threshold_of_the_extreme():
    assert claims.close_to_end(GRADES, claims.grades_differ) == ["Fox News", "Kyiv Post"]
    assert claims.close_to_end(GRADES, claims.grades_differ, highest=False) == ["LBC"]
    assert claims.close_to_end(SHARES, claims.shares_differ) == ["LBC"]
    assert claims.close_to_end(SHARES, claims.shares_differ, highest=False) == [
        "Fox News",
        "Kyiv Post",
    ]


def test_the_readability_panel_names_two_hardest_articles_a_third_of_a_grade_apart():
    data = pd.DataFrame({"outlet": GRADES.index, "value": GRADES.values})
    assert dashboard.takeaway_readability(data, {}) == (
        "Readability: Fox News and Kyiv Post hardest (13.9-14.2 grade), LBC easiest (11.0 grade)"
    )


def test_the_quotes_panel_does_not_crown_a_least_quoted_article_by_four_points():
    data = pd.DataFrame({"outlet": SHARES.index, "value": SHARES.values})
    assert dashboard.takeaway_quotes(data, {}) == (
        "Quotes: LBC most (57% of words), Fox News and Kyiv Post least (45%-49% of words)"
    )


def test_the_hardest_to_read_finding_is_a_group_when_the_runner_up_is_within_a_grade():
    summary = pd.DataFrame({"outlet": GRADES.index, "mean": GRADES.values, "articles": [1, 1, 1]})
    row = findings.hardest_to_read(summary)
    assert row["sentence"].startswith(
        "Fox News and Kyiv Post are the hardest to read: consensus grades 13.9 to 14.2, "
        "against 11.0 for LBC"
    )


def test_a_group_at_one_end_is_named_with_its_range_as_printed():
    import pandas as pd

    v = pd.Series({"A": 14.21, "B": 13.9, "C": 11.0, "D": 94.0, "E": 94.2, "F": 93.8})
    grade = lambda x: f"{x:.1f}"  # noqa: E731
    whole = lambda x: f"{x:.0f}"  # noqa: E731
    assert claims.end_group(v, ["A"], grade) == ("A", "14.2")
    assert claims.end_group(v, ["A", "B"], grade, {"A": "Fox"}) == ("Fox and B", "13.9-14.2")
    assert claims.end_group(v, ["D", "E", "F"], whole, unit=" words") == (
        "3 articles",
        "94 words each",
    )


def test_the_dashboard_names_no_ends_when_the_two_ends_meet():
    import pandas as pd

    from analysis.app.dashboard import _ranked

    # 10.1 ... 8.2 in small steps: the hardest group and the easiest group touch.
    v = pd.Series({f"o{i}": 8.2 + 0.25 * i for i in range(8)})
    text = _ranked(
        "Readability",
        v,
        claims.grades_differ,
        lambda x: f"{x:.1f}",
        "hardest",
        "easiest",
        {},
        " grade",
    )
    assert text == "Readability: no clear hardest or easiest, 8.2 to 9.9 grade"


def test_the_dashboard_names_every_outlet_printed_at_the_least_unshared_text():
    import pandas as pd

    from analysis.app.dashboard import takeaway_unique

    data = pd.DataFrame(
        {"outlet": ["A", "B", "C", "D"], "value": [0.049, 0.0, 0.0, 0.0]},
    )
    assert takeaway_unique(data, {}) == "Text of its own: least at 3 articles (0% of words each)"
    data = pd.DataFrame({"outlet": ["LBC", "Fox", "Kyiv"], "value": [0.51, 0.66, 0.70]})
    assert takeaway_unique(data, {}, {"LBC": "PA"}) == (
        "Text of its own: least at LBC (51% of words), which ran PA copy"
    )

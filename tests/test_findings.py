"""Headline findings: sentences generated from tables, checked on hand-built tables."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.measures import findings
from analysis.pipeline import analyse

TRAM = Path(__file__).parent / "fixtures" / "tram-story"


def _summary(rows):
    return pd.DataFrame(rows, columns=["outlet", "n", "mean", "ci_low", "ci_high"])


def test_most_negative_names_the_outlet_its_mean_and_interval():
    summary = _summary([("Alpha", 12, -0.25, -0.40, -0.10), ("Beta", 10, 0.10, 0.0, 0.20)])
    row = findings.most_negative(summary)
    assert row["sentence"] == (
        "Alpha's sentences are the most negative: mean -0.25, 95% "
        "interval over its sentences -0.40 to -0.10 (12 sentences; "
        "VADER compound, -1 to +1)."
    )
    assert (row["outlet"], row["value"], row["ci_low"], row["ci_high"]) == (
        "Alpha",
        -0.25,
        -0.40,
        -0.10,
    )


def test_overlapping_intervals_make_the_articles_about_the_same():
    summary = _summary([("Alpha", 12, -0.25, -0.40, -0.10), ("Beta", 10, 0.05, -0.15, 0.25)])
    assert findings.most_negative(summary)["sentence"] == (
        "Sentence sentiment is about the same in every article: means -0.25 to 0.05, and the "
        "95% intervals over each article's sentences overlap (VADER compound, -1 to +1)."
    )


def test_when_every_outlet_is_positive_the_lowest_is_the_least_positive():
    summary = _summary([("Alpha", 5, 0.30, 0.1, 0.5), ("Beta", 5, 0.60, 0.55, 0.65)])
    assert findings.most_negative(summary)["sentence"].startswith(
        "Alpha's sentences are the least positive: mean 0.30"
    )


def test_outlet_means_with_students_t_interval():
    # 1..5: mean 3, s = sqrt(2.5), se = sqrt(0.5); t(0.975, 4) = 2.776445 (published tables),
    # so the interval is 3 +/- 1.963243.
    table = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 2, "value": [1, 2, 3, 4, 5, 7, 7]})
    out = findings.outlet_means(table, "value", interval=findings.t_interval)
    a = out.set_index("outlet").loc["A"]
    assert (a["n"], a["mean"]) == (5, 3.0)
    assert a["ci_low"] == pytest.approx(3 - 1.963243, abs=1e-5)
    assert a["ci_high"] == pytest.approx(3 + 1.963243, abs=1e-5)


@pytest.mark.parametrize(
    "df, t", [(1, 12.7062), (4, 2.7764), (9, 2.2622), (29, 2.0452), (1000, 1.9623)]
)
def test_t_quantile_matches_published_tables(df, t):
    assert findings.t_quantile(0.975, df) == pytest.approx(t, abs=1e-4)


def test_a_single_value_has_no_interval():
    assert all(math.isnan(x) for x in findings.t_interval([0.3]))


def test_longest_compares_the_longest_and_shortest_outlets():
    totals = pd.DataFrame(
        {
            "outlet": ["A", "B", "C"],
            "articles": [1, 1, 1],
            "mean": [549.0, 479.0, 446.0],
            "total": [549, 479, 446],
        }
    )
    assert findings.longest(totals)["sentence"] == (
        "A ran the longest article: 549 body words, against 446 for C."
    )


def test_longest_says_per_article_when_an_outlet_has_several():
    totals = pd.DataFrame(
        {"outlet": ["A", "B"], "articles": [2, 1], "mean": [300.0, 200.0], "total": [600, 200]}
    )
    assert findings.longest(totals)["sentence"] == (
        "A ran the longest articles: a mean of 300 body words per article, against 200 for B."
    )


def test_hardest_to_read_gives_grades_to_one_decimal():
    totals = pd.DataFrame(
        {"outlet": ["A", "B"], "articles": [1, 1], "mean": [14.16, 11.04], "total": [14.16, 11.04]}
    )
    assert findings.hardest_to_read(totals)["sentence"] == (
        "A is the hardest to read: consensus grade 14.2, against 11.0 for B (US school grade, "
        "median of the valid formulas)."
    )


def test_most_quoted_is_left_out_when_nothing_is_quoted():
    totals = pd.DataFrame(
        {"outlet": ["A", "B"], "articles": [1, 1], "mean": [0.0, 0.0], "total": [0.0, 0.0]}
    )
    assert findings.most_quoted(totals) is None


def test_most_furniture_gives_the_share_and_the_counts():
    by_outlet = pd.DataFrame(
        {"outlet": ["A", "B"], "raw_words": [561, 519], "removed_words": [115, 40]}
    )
    assert findings.most_furniture(by_outlet)["sentence"] == (
        "20% of the words collected from A's page were not article body (115 of 561 words), "
        "the largest share."
    )


def test_most_furniture_names_no_leader_within_five_points():
    by_outlet = pd.DataFrame(  # 20.5% and 18.3%: a near tie, as in the seeds; 7.7% apart
        {"outlet": ["A", "B", "C"], "raw_words": [561, 672, 519], "removed_words": [115, 123, 40]}
    )
    assert findings.most_furniture(by_outlet)["sentence"] == (
        "A and B carried the most text that is not the article: 18% to 20% of their words "
        "collected were not article body."
    )
    same = by_outlet.assign(removed_words=[115, 136, 104])  # 20.5%, 20.2%, 20.0%
    assert findings.most_furniture(same)["sentence"].startswith(
        "The collected pages carry about the same share of text that is not the article: 20% of "
        "the words of each."
    )


def test_most_frame_names_the_strongest_outlet_and_frame():
    frames = pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "frame": ["security", "economic", "security"],
            "share": [0.40, 0.10, 0.25],
        }
    )
    assert findings.most_frame(frames)["sentence"] == (
        "A leans most on the security frame: 40% of its sentences."
    )


@pytest.mark.parametrize(
    "value, text", [(-0.004, "0.00"), (0.125, "0.12"), (-0.1679, "-0.17"), (float("nan"), "n/a")]
)
def test_numbers_are_rounded_without_a_negative_zero(value, text):
    assert findings.number(value) == text


def test_findings_on_the_tram_story_are_generated_from_its_tables():
    # Hand counts (tests/test_charts_cleaning.py): Harbour Herald 133 body words, Metro Wire 68.
    table = findings.findings(analyse(TRAM))
    longest = table.set_index("finding").loc["longest-coverage", "sentence"]
    assert (
        longest
        == "Harbour Herald ran the longest article: 133 body words, against 68 for Metro Wire."
    )


def test_the_sentiment_finding_agrees_with_the_published_sentiment_table():
    a = analyse()
    row = findings.findings(a).set_index("finding").loc["most-negative-sentences"]
    published = a.sentiment.set_index("outlet").loc[row["outlet"]]
    assert row["value"] == pytest.approx(published["sentiment_mean"])
    assert row["ci_low"] == pytest.approx(published["sentiment_ci_low"])
    assert row["ci_high"] == pytest.approx(published["sentiment_ci_high"])
    assert row["value"] == a.sentiment["sentiment_mean"].min()


def test_findings_as_markdown_is_one_bullet_per_sentence():
    table = pd.DataFrame({"sentence": ["One.", "Two."]})
    assert findings.as_markdown(table) == "- One.\n- Two."


def test_grades_under_one_apart_read_about_the_same():
    totals = pd.DataFrame(
        {"outlet": ["A", "B"], "articles": [1, 1], "mean": [14.2, 13.9], "total": [14.2, 13.9]}
    )
    assert findings.hardest_to_read(totals)["sentence"].startswith(
        "The articles read at about the same grade: 13.9 to 14.2"
    )


def test_the_most_unshared_text_of_a_wire_outlet_is_called_wire_copy():
    unique = pd.DataFrame({"outlet": ["Kyiv Post", "LBC"], "unique_share": [0.7, 0.5]})
    row = findings.most_unique(
        unique, labels={"Kyiv Post": "Kyiv Post (AFP)"}, wires={"Kyiv Post": "AFP"}
    )
    assert row["sentence"] == (
        "Kyiv Post (AFP) has the most text no other outlet ran: 70% of "
        "its body words, but that text is AFP wire copy, not its own "
        "reporting."
    )


def _frames(rows):
    return pd.DataFrame(rows, columns=["outlet", "frame", "sentences", "sentences_total", "share"])


def test_a_frame_on_one_or_two_sentences_is_not_named_as_a_finding():
    frames = _frames([("A", "economic", 1, 5, 0.2), ("B", "economic", 1, 5, 0.2)])
    assert findings.most_frame(frames)["sentence"].startswith(
        "No frame stands out: no article has more than 1 sentence in any one frame"
    )


def test_outlets_less_than_three_sentences_apart_share_the_frame_lead():
    # 13 of 21 against 10 of 19 (about 11 of 21): under 3 sentences apart, no single leader
    frames = _frames([("A", "security", 13, 21, 13 / 21), ("B", "security", 10, 19, 10 / 19)])
    assert findings.most_frame(frames)["sentence"] == (
        "A and B lean most on the security frame, about equally: 13 of 21 and 10 of 19 sentences."
    )


def test_a_clear_frame_lead_names_one_outlet_with_its_count():
    frames = _frames([("A", "security", 13, 21, 13 / 21), ("B", "security", 4, 20, 0.2)])
    assert findings.most_frame(frames)["sentence"] == (
        "A leans most on the security frame: 13 of 21 sentences."
    )


def test_articles_under_three_words_apart_share_the_longest_lead():
    totals = pd.DataFrame(
        {"outlet": ["A", "B", "C"], "articles": [1, 1, 1], "mean": [501, 500, 300]}
    )
    assert findings.longest(totals)["sentence"] == (
        "A and B ran the longest articles, about equally: 500 to 501 body words, against 300 for C."
    )


def test_equal_values_read_as_each_never_as_a_range_from_a_number_to_itself(tmp_path):
    import re

    from analysis.app import dashboard

    para = (
        '"We will reopen the bridge in May," said Ana Ruiz, the council leader, after a vote '
        "that ended two years of argument over the cost of the repairs."
    )
    text = "Bridge to reopen in May\n\n" + para + "\n\nWork starts next week.\n"
    files = {"a.txt": text, "b.txt": text}
    manifest = "file,outlet\na.txt,Harbour Herald\nb.txt,Valley Post\n"
    from tests.conftest import write_story

    a = analyse(write_story(tmp_path, files, manifest))
    same = re.compile(r"(\d[\d.,]*%?) to \1\b")
    for sentence in a.findings["sentence"]:
        assert not same.search(sentence), sentence
    assert "words each" in a.findings["sentence"].iloc[0]
    line = dashboard._ranked(
        "Length",
        pd.Series({"A": 151.0, "B": 151.0}),
        lambda x, y: False,
        lambda v: f"{v:.0f}",
        "",
        "",
        {},
        " words",
    )
    assert line == "Length: about the same, 151 words each"


def test_outlets_printed_with_the_same_share_are_never_split_by_a_finding():
    # 29.0% leads 23.96% and 24.04% by about 5 points; both print as 24%, so both must be on
    # the same side of the claim (here: both behind a single leader, 29 - 24 = 5 points).
    words = pd.DataFrame(
        {
            "outlet": ["A", "B", "C", "D"],
            "raw_words": [1000, 10000, 10000, 1000],
            "removed_words": [290, 2404, 2396, 100],
        }
    )
    assert findings.furniture_leaders(words) == ["A"]
    assert findings.most_furniture(words)["sentence"].startswith("29% of the words collected")


def test_outlets_within_five_points_share_the_most_unshared_text():
    unique = pd.DataFrame(
        {"outlet": ["Fox News", "Kyiv Post", "LBC"], "unique_share": [0.66, 0.70, 0.51]}
    )
    row = findings.most_unique(unique, labels={}, wires={"Kyiv Post": "AFP", "Fox News": "AP"})
    assert row["sentence"] == (
        "Kyiv Post and Fox News have the most text no other outlet ran: 66% to 70% of their "
        "body words are in sentences no other outlet has, but that text is AFP and AP wire "
        "copy, not their own reporting."
    )
    row = findings.most_unique(unique, labels={}, wires={"Fox News": "AP"})
    assert row["sentence"].endswith(", but Fox News ran AP wire copy.")

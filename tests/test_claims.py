"""Honest comparisons: thresholds before a difference is named, counts for small numbers."""

import math

from analysis.measures import claims


def test_small_shares_are_written_as_counts():
    assert claims.amount(10, 21, "sentences") == "10 of 21 sentences"
    assert claims.amount(4, 4, "quotes") == "4 of 4 quotes"


def test_large_shares_are_percentages_with_their_count():
    assert claims.amount(70, 200, "words") == "35% (70 of 200 words)"


def test_a_single_item_is_singular():
    assert claims.count_of(1, 1, "sentences") == "1 of 1 sentence"
    assert claims.plural(1, "verbs") == "1 verb"


def test_counts_two_apart_are_about_the_same_three_apart_differ():
    assert not claims.counts_differ(10, 8)
    assert claims.counts_differ(10, 7)


def test_grades_differ_from_one_grade_apart():
    assert not claims.grades_differ(14.2, 13.9)
    assert claims.grades_differ(14.2, 13.2)
    assert not claims.grades_differ(14.2, math.nan)


def test_overlapping_or_unknown_intervals_allow_no_claim():
    assert claims.intervals_overlap(-0.4, 0.1, -0.2, 0.3)
    assert not claims.intervals_overlap(-0.4, -0.2, 0.0, 0.3)
    assert claims.intervals_overlap(math.nan, math.nan, 0.0, 0.3)


def test_long_lists_of_names_are_cut_with_a_count():
    assert claims.join(["A", "B"]) == "A and B"
    assert claims.join(["A", "B", "C", "D"]) == "A, B, C and D"
    assert claims.join(list("ABCDEF")) == "A, B, C and 3 others"


def test_differences_are_judged_on_the_numbers_as_printed():
    # 0.2899 and 0.2405 print as 29% and 24%: five points, a difference; 0.2899 and 0.2451
    # print as 29% and 25%: four points, none. Grades to one decimal, counts whole.
    assert claims.shares_differ(0.2899, 0.2405)
    assert not claims.shares_differ(0.2899, 0.2451)
    assert claims.grades_differ(14.24, 13.25)  # 14.2 and 13.2 (13.25 prints as 13.2)
    assert not claims.counts_differ(10.4, 7.6)  # 10 and 8
    assert claims.counts_differ(10.6, 7.4)  # 11 and 7

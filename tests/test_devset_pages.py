"""The saved-page dev set and its scorer (analysis.evaluation.pages)."""

import pytest

from analysis.evaluation.pages import (
    DEVSET_DIR,
    dev_pages,
    score_pages,
    shingle_scores,
    shingles,
    summary,
)


def test_shingles_are_runs_of_four_words_counted_with_repeats():
    assert shingles("The cat sat on the mat.") == {
        ("the", "cat", "sat", "on"): 1, ("cat", "sat", "on", "the"): 1, ("sat", "on", "the", "mat"): 1}
    assert shingles("Two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_shingle_scores_by_hand():
    gold = "one two three four five six"  # shingles: 1234 2345 3456
    assert shingle_scores(gold, gold) == (1.0, 1.0, 1.0)
    # extracted adds "seven": shingles 1234 2345 3456 4567 -> 3 of 4 right, all 3 gold found
    p, r, f = shingle_scores(gold + " seven", gold)
    assert (p, r) == (0.75, 1.0) and f == pytest.approx(2 * 0.75 / 1.75)
    # extracted misses "six": shingles 1234 2345 -> precision 1, recall 2/3
    assert shingle_scores("one two three four five", gold)[:2] == (1.0, 2 / 3)
    assert shingle_scores("", gold) == (0.0, 0.0, 0.0)
    assert shingle_scores("", "") == (1.0, 1.0, 1.0)


def test_every_dev_page_has_its_gold_text():
    pages = dev_pages()
    htmls = sorted(p.stem for p in DEVSET_DIR.glob("*.html"))
    assert [name for name, _, _ in pages] == htmls and len(pages) >= 12
    for name, _, gold in pages:
        assert gold.strip(), name


def test_the_workbook_finds_the_article_text_of_the_dev_pages():
    scores = score_pages()
    table = summary(scores).set_index("method")
    assert table.loc["workbook", "f1"] >= 0.97
    assert table.loc["workbook", "f1"] > table.loc["trafilatura", "f1"]
    assert table.loc["workbook", "recall"] >= 0.99  # line roles never cost article text

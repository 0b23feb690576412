"""Length per article, against counts made by hand on short fixture texts.

The fixture article (one outlet, the Herald) has a headline, a byline, two body paragraphs and
a "Read more" link. Word counts below were made by reading the text, one word at a time.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measures.length import LENGTH_COLUMNS, length_table, quote_spans, split_by_quotes
from analysis.story.sentences import split_sentences

FILE = "herald.txt"
HEADLINE = "Tram fares rise again"  # 4 words
BYLINE = "By Jane Doe"  # 3 words
LINK = "Read more: Buses are late"  # 5 words
PARAGRAPH_1 = "The council raised tram fares on Monday. Riders said it was “a disgrace”."
# The council raised tram fares on Monday (7) | Riders said it was a disgrace (6)
PARAGRAPH_2 = "“We will review the decision,” a spokesman said."
# We will review the decision (5, quoted) a spokesman said (3)


def story(paragraph_texts, furniture=()):
    """The tables length_table reads, built by hand: ``furniture`` is ``(role, text)`` lines
    before the body."""
    line_rows, para_rows = [], []
    n = 0
    for role, text in furniture:
        n += 1
        line_rows.append((FILE, "Herald", n, role, text, 0))
    start = 0
    for k, text in enumerate(paragraph_texts, start=1):
        n += 1
        line_rows.append((FILE, "Herald", n, "body", text, k))
        para_rows.append((FILE, "Herald", k, n, start, start + len(text), text))
        start += len(text) + 2
    lines = pd.DataFrame(
        line_rows, columns=["file", "outlet", "line", "role", "clean", "paragraph"]
    )
    paragraphs = pd.DataFrame(
        para_rows, columns=["file", "outlet", "paragraph", "line", "start", "end", "text"]
    )
    bodies = pd.Series({FILE: "\n\n".join(paragraph_texts)})
    articles = pd.DataFrame({"file": [FILE], "outlet": ["Herald"]})
    return articles, lines, paragraphs, bodies, split_sentences(paragraphs)


FURNITURE = (("headline", HEADLINE), ("blank", ""), ("byline", BYLINE), ("boilerplate", LINK))


@pytest.fixture
def herald():
    return story([PARAGRAPH_1, PARAGRAPH_2], FURNITURE)


def quotes_for(body: str, *quoted: str) -> pd.DataFrame:
    rows = []
    for q in quoted:
        at = body.index(q)
        rows.append(
            {"file": FILE, "location": "body", "start": at, "end": at + len(q), "speaker": ""}
        )
    return pd.DataFrame(rows)


def row(table: pd.DataFrame) -> dict:
    assert len(table) == 1
    return table.iloc[0].to_dict()


def test_body_words_sentences_and_paragraphs_match_hand_counts(herald):
    r = row(length_table(*herald))
    assert r["body_words"] == 7 + 6 + 8
    assert r["sentences"] == 3
    assert r["paragraphs"] == 2


def test_sentence_length_is_mean_and_median_of_words_per_sentence(herald):
    r = row(length_table(*herald))
    assert r["mean_sentence_words"] == pytest.approx((7 + 6 + 8) / 3)
    assert r["median_sentence_words"] == 7


def test_removed_words_are_counted_per_role_and_blank_lines_are_not_removed(herald):
    r = row(length_table(*herald))
    assert r["removed_words_headline"] == 4
    assert r["removed_words_byline"] == 3
    assert r["removed_words_boilerplate"] == 5
    assert r["removed_words_caption"] == 0
    assert r["removed_words"] == 4 + 3 + 5


def test_characters_count_normalised_paragraphs_without_the_separator():
    # "Go now." is 7 characters; "It…" is 5 once the ellipsis is three full stops.
    r = row(length_table(*story(["Go now.", "It…"])))
    assert r["characters"] == 7 + 5


def test_without_a_quotes_table_every_word_is_narration(herald):
    r = row(length_table(*herald, quotes=None))
    assert (r["quote_words"], r["narration_words"], r["quotes_found"]) == (0, 21, False)


def test_quoted_and_narration_words_come_from_the_quote_spans(herald):
    body = herald[3][FILE]
    quotes = quotes_for(body, "a disgrace", "We will review the decision")
    r = row(length_table(*herald, quotes=quotes))
    assert r["quote_words"] == 2 + 5
    assert r["narration_words"] == 21 - 7
    assert r["quote_share"] == pytest.approx(7 / 21)
    assert r["quotes_found"]


def test_quote_rows_outside_the_body_are_ignored(herald):
    body = herald[3][FILE]
    quotes = quotes_for(body, "a disgrace")
    quotes.loc[0, "location"] = "headline"
    assert row(length_table(*herald, quotes=quotes))["quote_words"] == 0


def test_overlapping_quote_spans_are_merged():
    quotes = pd.DataFrame({"file": ["f", "f", "f"], "start": [10, 15, 40], "end": [20, 30, 45]})
    assert quote_spans(quotes) == {"f": [(10, 30), (40, 45)]}


def test_a_sentence_splits_into_its_narration_and_its_quote():
    body = "“We will review the decision,” a spokesman said."
    at = body.index("We")
    narration, quote, n_narration, n_quote = split_by_quotes(
        body, 0, len(body), [(at, at + len("We will review the decision"))]
    )
    assert quote == "We will review the decision"
    assert (n_narration, n_quote) == (3, 5)
    assert "spokesman said" in narration


def test_an_article_with_no_body_has_zero_counts_and_no_sentence_length():
    articles = pd.DataFrame({"file": [FILE, "empty.txt"], "outlet": ["Herald", "Gazette"]})
    _, lines, paragraphs, bodies, sentences = story([PARAGRAPH_1])
    table = length_table(articles, lines, paragraphs, bodies, sentences).set_index("file")
    assert table.loc["empty.txt", "body_words"] == 0
    assert math.isnan(table.loc["empty.txt", "mean_sentence_words"])


def test_columns_are_stable(herald):
    assert tuple(length_table(*herald).columns) == LENGTH_COLUMNS

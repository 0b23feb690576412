"""Sentence boundaries: the cases the issue names, and the seed sentences read by hand.

Each case is a named text and the sentences a careful reader finds in it, written out.
"""

from __future__ import annotations

import pytest

from analysis.pipeline import analyse
from analysis.story.sentences import SENTENCE_COLUMNS, split_paragraph


def sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in split_paragraph(text)]


CASES = {
    "title Sir with a first name": (
        "Sir Richard made a rare speech. He spoke in Prague.",
        ["Sir Richard made a rare speech.", "He spoke in Prague."],
    ),
    "Mr. before a name": (
        "Mr. Putin did not reply. The Kremlin was silent.",
        ["Mr. Putin did not reply.", "The Kremlin was silent."],
    ),
    "U.K. inside a sentence": (
        "He leads the U.K. Secret Intelligence Service. It is known as MI6.",
        ["He leads the U.K. Secret Intelligence Service.", "It is known as MI6."],
    ),
    "U.K. at a sentence's end before a function word": (
        "He asked Russians to spy for the U.K. Then he took questions.",
        ["He asked Russians to spy for the U.K.", "Then he took questions."],
    ),
    "U.K. at a sentence's end before a quote": (
        "He asked Russians to spy for the U.K. “Our door is always open,” he said.",
        ["He asked Russians to spy for the U.K.", "“Our door is always open,” he said."],
    ),
    "a date with an abbreviated month": (
        "The invasion began on Feb. 24 last year. It has not ended.",
        ["The invasion began on Feb. 24 last year.", "It has not ended."],
    ),
    "initials": (
        "The novel is by J. R. R. Tolkien. It is long.",
        ["The novel is by J. R. R. Tolkien.", "It is long."],
    ),
    "a straight quote ending in full stop and mark": (
        'He said: "Our door is always open." Then he left.',
        ['He said: "Our door is always open."', "Then he left."],
    ),
    "a curly quote ending in full stop and mark": (
        "He said: “Our door is always open.” Then he left.",
        ["He said: “Our door is always open.”", "Then he left."],
    ),
    "a question mark before the attribution": (
        "“Who is in and who is out?” he asked. Nobody knew.",
        ["“Who is in and who is out?” he asked.", "Nobody knew."],
    ),
    "three full stops inside a sentence": (
        "As they witness the venality... many Russians are wrestling. They know.",
        ["As they witness the venality... many Russians are wrestling.", "They know."],
    ),
    "an ellipsis character inside a sentence": (
        "As they witness the venality… many Russians are wrestling. They know.",
        ["As they witness the venality… many Russians are wrestling.", "They know."],
    ),
    "a headline-like line with no final stop": (
        "MI6 chief urges Russians to spy for UK",
        ["MI6 chief urges Russians to spy for UK"],
    ),
    "two sentences inside one quote": (
        "“They are watching in horror. They know in their hearts,” he said.",
        ["“They are watching in horror.", "They know in their hearts,” he said."],
    ),
    "two quoted questions before the attribution": (
        "“Are you sure? Really?” he asked.",
        ["“Are you sure?", "Really?” he asked."],
    ),
    "a quote broken by its attribution stays one sentence": (
        "“Prigozhin started off as a traitor at breakfast,” Moore said, “so it is hard.”",
        ["“Prigozhin started off as a traitor at breakfast,” Moore said, “so it is hard.”"],
    ),
    "abbreviations inside a quote do not split it": (
        "He said “Mr. Putin met Dr. Smith on Feb. 24.” Then he left.",
        ["He said “Mr. Putin met Dr. Smith on Feb. 24.”", "Then he left."],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_sentence_boundaries(name):
    text, expected = CASES[name]
    assert sentences_of(text) == expected


def test_empty_paragraph_has_no_sentences():
    assert split_paragraph("   ") == []


@pytest.fixture(scope="module")
def seeds():
    return analyse()


def test_sentences_table_has_the_foundation_columns(seeds):
    assert list(seeds.sentences.columns) == list(SENTENCE_COLUMNS)
    assert list(SENTENCE_COLUMNS[:10]) == [
        "file",
        "outlet",
        "sentence",
        "paragraph",
        "sentence_in_paragraph",
        "line",
        "start",
        "end",
        "words",
        "text",
    ]


def test_sentence_spans_point_into_the_body(seeds):
    for s in seeds.sentences.itertuples():
        assert seeds.bodies[s.file][s.start : s.end] == s.text


def test_fox_quote_of_two_sentences_is_split(seeds):
    # 000 line 5: one attributed quote, then a quote of two sentences.
    s = seeds.sentences
    line5 = s[(s.file.str.startswith("000")) & (s.line == 5)].text.tolist()
    assert len(line5) == 3
    assert line5[0].endswith("according to The Telegraph.")
    assert line5[1] == "“They are watching in horror as their soldiers ravage a kindred country."
    assert line5[2].startswith("They know in their hearts that Putin’s case")
    assert line5[2].endswith("a miasma of lies and fantasy.”")


def test_fox_attribution_after_a_two_sentence_quote_stays_with_its_last_sentence(seeds):
    s = seeds.sentences
    line9 = s[(s.file.str.startswith("000")) & (s.line == 9)].text.tolist()
    assert line9 == [
        "“I invite them to do what others have already done this past 18 months and join hands "
        "with us.",
        "Our door is always open,” the U.K. Secret Intelligence Service chief said.",
        "“We will handle their offers of help with the discretion and professionalism for which "
        "my service is famed.",
        "Their secrets will always be safe with us.”",
    ]


def test_kyiv_post_ellipsis_keeps_one_sentence(seeds):
    s = seeds.sentences
    line6 = s[(s.file.str.startswith("001")) & (s.line == 6)]
    assert len(line6) == 1


def test_quoted_words_counts_words_inside_marks(seeds):
    s = seeds.sentences
    # 001 line 10: ... Moore insisted protecting such assets is “sacred”.
    row = s[(s.file.str.startswith("001")) & (s.line == 10)].iloc[0]
    assert row.quoted_words == 1
    # 002 line 22: "I invite them ... join hands with us. Our door is always open," he continued.
    rows = s[(s.file.str.startswith("002")) & (s.line == 22)]
    assert rows.quoted_words.tolist() == [19, 5]
    assert rows.words.tolist() == [19, 7]


def test_mixed_straight_and_curly_marks_keep_the_closing_mark(seeds):
    # 002 line 43 opens with a straight mark and closes with a curly one.
    s = seeds.sentences
    line43 = s[(s.file.str.startswith("002")) & (s.line == 43)].text.tolist()
    assert line43 == [
        '"My teams are now using AI to augment, but not replace, their own judgement '
        "about how people might act in various situations.”"
    ]


def test_no_sentence_is_only_punctuation(seeds):
    assert (seeds.sentences.words > 0).all()

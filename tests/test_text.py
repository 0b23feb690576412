"""One definition of a word, and typography normalisation that never merges or splits words."""

import pytest

from analysis.story.text import count_words, normalise_typography, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The cat sat.", 3),
        ("It's Britain’s co-ordination of U.K. policy", 6),
        ("these past 18 months", 4),
        ("the war—and the – peace", 5),
        ("Путин заявил во вторник", 4),
        ("“Our door is always open.”", 5),
        ("", 0),
        ("— – ... !!", 0),
    ],
)
def test_word_counts_match_a_hand_count(text, expected):
    assert count_words(text) == expected


def test_normalising_typography_straightens_quotes_but_keeps_dashes_between_words():
    assert normalise_typography("“Don’t” — he said…") == '"Don\'t" — he said...'


def test_normalising_typography_never_changes_the_word_count():
    text = "Britain’s “silently appalled” Russians—many of them—know it… ‘C’ said."
    assert count_words(normalise_typography(text)) == count_words(text)
    assert words(normalise_typography(text))[0] == "Britain's"

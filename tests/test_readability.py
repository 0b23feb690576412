"""Readability: counts against hand counts, formulas against their published definitions.

Every expected value below was worked out by hand from the fixture text and the formula as
published (the papers are cited in analysis/measures/readability.py), never copied from the code.

The main fixture, ``ANIMALS``, counted by hand:

    The cat sat on the mat. | Dogs like water. | Elephants remember animals.

- words 6 + 3 + 3 = 12; sentences 3
- syllables (CMUdict): the cat sat on the mat = 6; dogs like wa-ter = 4;
  el-e-phants re-mem-ber an-i-mals = 9; total 19
- polysyllables (3+ syllables): elephants, remember, animals = 3
- letters: 3+3+3+2+3+3 = 17; 4+4+5 = 13; 9+8+7 = 24; total 54
- long words (more than 6 letters): elephants, remember, animals = 3
- difficult words (not on the Dale-Chall list textstat ships, which has "dog", "elephant",
  "animal" but not their plurals): dogs, elephants, animals = 3
"""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from analysis.measures import readability as r
from analysis.story.sentences import split_sentences

ANIMALS = "The cat sat on the mat. Dogs like water. Elephants remember animals."


def sentences_of(paragraphs_by_file: dict[str, list[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``articles`` and the project's ``sentences`` table for hand-written paragraphs."""
    rows = []
    for file, paragraphs in paragraphs_by_file.items():
        start = 0
        for k, text in enumerate(paragraphs, start=1):
            rows.append((file, file.upper(), k, k, start, start + len(text), text))
            start += len(text) + 2
    paragraphs = pd.DataFrame(
        rows, columns=["file", "outlet", "paragraph", "line", "start", "end", "text"]
    )
    articles = pd.DataFrame(
        {"file": list(paragraphs_by_file), "outlet": [f.upper() for f in paragraphs_by_file]}
    )
    return articles, split_sentences(paragraphs)


def table_for(*paragraphs: str, languages=None) -> dict:
    articles, sentences = sentences_of({"a": list(paragraphs)})
    return r.readability_table(articles, sentences, languages).iloc[0].to_dict()


# --------------------------------------------------------------------------- counting


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("cat", 1),
        ("water", 2),
        ("banana", 3),
        ("remember", 3),
        ("intelligence", 4),
        ("Soviet-made", 4),  # so-vi-et + made: each part of a hyphenated word
        ("U.K", 2),  # u + k
    ],
)
def test_syllables_match_hand_counts(word, syllables):
    assert r.syllables(word) == syllables


def test_counts_of_the_fixture_match_hand_counts():
    assert r.count_text(ANIMALS) == {
        "words": 12,
        "syllables": 19,
        "polysyllables": 3,
        "letters": 54,
        "difficult_words": 3,
        "long_words": 3,
    }


def test_sentences_come_from_the_sentences_table_not_textstat():
    # textstat drops sentences of two words or fewer: it counts 1 sentence here, not 3.
    row = table_for("He left. It rained. We stayed home.")
    assert row["sentences"] == 3


def test_abbreviations_do_not_end_sentences():
    row = table_for("Mr. Smith flew to the U.K. on Feb. 24 with his family. He stayed.")
    assert row["sentences"] == 2


# --------------------------------------------------------------------------- formulas on counts
# W = 100 words, S = 5 sentences, Y = 150 syllables, P = 10 polysyllables, L = 450 letters,
# D = 12 difficult words: W/S = 20, Y/W = 1.5, L/W = 4.5, PDW = 12 %.


def test_flesch_reading_ease_is_flesch_1948():
    # 206.835 - 1.015 * 20 - 84.6 * 1.5 = 206.835 - 20.3 - 126.9
    assert r.flesch_reading_ease(100, 5, 150) == pytest.approx(59.635)


def test_flesch_kincaid_grade_is_kincaid_1975():
    # 0.39 * 20 + 11.8 * 1.5 - 15.59 = 7.8 + 17.7 - 15.59
    assert r.fk_grade(100, 5, 150) == pytest.approx(9.91)


def test_gunning_fog_is_gunning_1952():
    # 0.4 * (20 + 100 * 10/100)
    assert r.gunning_fog(100, 5, 10) == pytest.approx(12.0)


def test_smog_is_mclaughlin_1969():
    # 1.0430 * sqrt(10 * 30/5) + 3.1291 = 1.043 * 7.745967 + 3.1291
    assert r.smog_grade(5, 10) == pytest.approx(11.208143, abs=1e-6)


def test_coleman_liau_is_coleman_and_liau_1975():
    # L = 450 letters per 100 words, S = 5 sentences per 100 words: 0.0588*450 - 0.296*5 - 15.8
    assert r.coleman_liau(100, 5, 450) == pytest.approx(9.18)


def test_ari_is_smith_and_senter_1967():
    # 4.71 * 4.5 + 0.5 * 20 - 21.43 = 21.195 + 10 - 21.43
    assert r.ari(100, 5, 450) == pytest.approx(9.765)


def test_dale_chall_adds_3_6365_above_five_percent_difficult_words():
    # 0.1579 * 12 + 0.0496 * 20 + 3.6365 = 1.8948 + 0.992 + 3.6365
    assert r.dale_chall(100, 5, 12) == pytest.approx(6.5233)


def test_dale_chall_has_no_adjustment_at_or_below_five_percent():
    # 0.1579 * 4 + 0.0496 * 20 = 0.6316 + 0.992
    assert r.dale_chall(100, 5, 4) == pytest.approx(1.6236)


def test_no_words_or_no_sentences_give_nan_not_an_error():
    assert math.isnan(r.fk_grade(0, 0, 0))
    assert math.isnan(r.flesch_reading_ease(10, 0, 12))


# --------------------------------------------------------------------------- formulas on a text
# ANIMALS: W = 12, S = 3, Y = 19, P = 3, L = 54, D = 3, so W/S = 4, Y/W = 19/12.


@pytest.mark.parametrize(
    "column, by_hand",
    [
        ("flesch_reading_ease", 206.835 - 1.015 * 4 - 84.6 * 19 / 12),  # 68.825
        ("fk_grade", 0.39 * 4 + 11.8 * 19 / 12 - 15.59),  # 4.653333
        ("gunning_fog", 0.4 * (4 + 100 * 3 / 12)),  # 11.6
        ("smog_grade", 1.0430 * 30**0.5 + 3.1291),  # 3 * 30/3 = 30 polysyllables per 30 sentences
        ("coleman_liau", 0.0588 * 450 - 0.296 * 25 - 15.8),  # 3.26
        ("ari", 4.71 * 54 / 12 + 0.5 * 4 - 21.43),  # 1.765
        ("dale_chall", 0.1579 * 25 + 0.0496 * 4 + 3.6365),  # 7.7824
    ],
)
def test_each_formula_on_the_fixture_text_matches_its_hand_computation(column, by_hand):
    assert table_for(ANIMALS)[column] == pytest.approx(by_hand)


def test_hand_values_written_out():
    # The same hand computations as decimals, so a reader can check them on paper.
    row = table_for(ANIMALS)
    assert row["flesch_reading_ease"] == pytest.approx(68.825)
    assert row["fk_grade"] == pytest.approx(4.653333, abs=1e-6)
    assert row["gunning_fog"] == pytest.approx(11.6)
    assert row["coleman_liau"] == pytest.approx(3.26)
    assert row["ari"] == pytest.approx(1.765)
    assert row["dale_chall"] == pytest.approx(7.7824)


def test_per_paragraph_spread_is_min_median_max_of_paragraph_fk_grades():
    # "The cat sat on the mat.": 0.39*6 + 11.8*1 - 15.59 = -1.45
    # "Elephants remember animals.": 0.39*3 + 11.8*3 - 15.59 = 20.98
    row = table_for("The cat sat on the mat.", "Elephants remember animals.")
    assert row["fk_grade_paragraph_min"] == pytest.approx(-1.45)
    assert row["fk_grade_paragraph_max"] == pytest.approx(20.98)
    assert row["fk_grade_paragraph_median"] == pytest.approx((-1.45 + 20.98) / 2)


# --------------------------------------------------------------------------- validity


def test_a_short_text_marks_every_formula_invalid_and_has_no_consensus():
    row = table_for(ANIMALS)  # 12 words, fewer than 100
    assert not any(row[f"{f}_valid"] for f in r.FORMULAS)
    assert math.isnan(row["consensus_grade"])
    assert "12 words" in row["readability_notes"]


# 30 sentences of "The elephant remembered the water.": 5 words and 1+3+3+1+2 = 10 syllables
# each, so W = 150, W/S = 5, Y/W = 2: Flesch 206.835 - 5.075 - 169.2 = 32.56, on the scale.
ELEPHANT = "The elephant remembered the water. "


def test_smog_is_valid_with_30_sentences():
    row = table_for((ELEPHANT * 30).strip())
    assert row["sentences"] == 30
    assert row["flesch_reading_ease"] == pytest.approx(32.56)
    assert all(row[f"{f}_valid"] for f in r.FORMULAS)
    assert row["readability_notes"] == ""


def test_smog_is_marked_invalid_below_30_sentences():
    row = table_for((ELEPHANT * 29).strip())
    assert not row["smog_grade_valid"]
    assert row["fk_grade_valid"]
    assert "smog_grade: 29 sentences, SMOG needs 30" in row["readability_notes"]


def test_flesch_reading_ease_off_its_scale_is_marked():
    # "The cat sat down." x 30: W/S = 4, Y/W = 1: 206.835 - 4.06 - 84.6 = 118.175
    row = table_for(("The cat sat down. " * 30).strip())
    assert row["flesch_reading_ease"] == pytest.approx(118.175)
    assert not row["flesch_reading_ease_valid"]


def test_consensus_is_the_median_of_the_valid_grade_formulas():
    scores = pd.DataFrame(
        {
            "fk_grade": [9.91],
            "gunning_fog": [12.0],
            "smog_grade": [11.2],
            "coleman_liau": [9.18],
            "ari": [9.765],
        }
    )
    valid = pd.DataFrame(
        {
            "fk_grade_valid": [True],
            "gunning_fog_valid": [True],
            "smog_grade_valid": [False],
            "coleman_liau_valid": [True],
            "ari_valid": [True],
        }
    )
    grade, n = r.consensus(scores, valid)
    assert grade.iloc[0] == pytest.approx((9.765 + 9.91) / 2)  # median of 9.18 9.765 9.91 12.0
    assert n.iloc[0] == 4


def test_non_english_articles_get_nan_and_the_reason():
    languages = pd.DataFrame(
        {"file": ["a"], "english": [False], "reason": ["only 3% of letters are Latin: not English"]}
    )
    row = table_for(ANIMALS, languages=languages)
    assert all(math.isnan(row[f]) for f in r.FORMULAS)
    assert math.isnan(row["consensus_grade"])
    assert "not English" in row["readability_notes"]


# --------------------------------------------------------------------------- typography


def test_curly_and_straight_apostrophes_give_the_same_dale_chall():
    # I, don't, know: 3 words, all on the list ("don't" is), 1 sentence: 0.0496 * 3.
    # Unnormalised, "don’t" loses its apostrophe to "dont", which is not on the list.
    assert table_for("I don’t know.")["dale_chall"] == pytest.approx(0.1488)
    assert table_for("I don't know.")["dale_chall"] == pytest.approx(0.1488)


def test_seed_000_dale_chall_does_not_move_when_apostrophes_are_straightened():
    from analysis.pipeline import analyse

    a = analyse()
    curly = a.sentences
    straight = curly.assign(text=curly["text"].str.replace("’", "'").str.replace("‘", "'"))
    assert (curly["text"] != straight["text"]).any()
    before = r.readability_table(a.articles, curly).set_index("file")
    after = r.readability_table(a.articles, straight).set_index("file")
    assert (
        before.loc["000_7e1ee2103f96c4a8.txt", "dale_chall"]
        == after.loc["000_7e1ee2103f96c4a8.txt", "dale_chall"]
    )


# --------------------------------------------------------------------------- offline


def test_textstat_is_pinned_to_0_7_8():
    from importlib.metadata import version

    assert version("textstat") == "0.7.8"


def test_syllable_formulas_work_with_the_network_cut_off_and_without_nltk():
    # A fresh interpreter, so no dictionary is already loaded: any download attempt raises.
    script = textwrap.dedent("""
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network is cut off in this test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from analysis.measures.readability import count_text, fk_grade
        c = count_text("The cat sat on the mat. Dogs like water. Elephants remember animals.")
        assert c["syllables"] == 19, c
        print(round(fk_grade(c["words"], 3, c["syllables"]), 6))
        assert "nltk" not in sys.modules, "nltk was imported"
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "4.653333"

"""Sentiment: VADER per sentence, on normalised text, split into narration and quotes.

Expected compounds are worked out by hand from VADER's lexicon and its published
normalisation (Hutto & Gilbert 2014): a sentence's valences are summed to x and
``compound = x / sqrt(x^2 + 15)``. Lexicon valences used: good +1.9, terrible -2.1,
like +1.5, disgrace -2.2, humiliating -1.2; a negation ("don't") multiplies by -0.74.

- "The food was good."          1.9 / sqrt(1.9^2 + 15)   = +0.4404
- "The service was terrible."  -2.1 / sqrt(2.1^2 + 15)   = -0.4767
- "I don't like it."           -1.11 / sqrt(1.11^2 + 15) = -0.2755  (1.5 x -0.74)
- "This is a disgrace"         -2.2 / sqrt(2.2^2 + 15)   = -0.4939
- "humiliating"                -1.2 / sqrt(1.2^2 + 15)   = -0.2960
- "Fares rose again on Monday." no lexicon word           =  0
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measures import sentiment as s
from analysis.story.sentences import split_sentences

GOOD = "The food was good."
TERRIBLE = "The service was terrible."
NEUTRAL = "Fares rose again on Monday."
GOOD_C = 1.9 / math.sqrt(1.9**2 + 15)  # 0.4404
TERRIBLE_C = -2.1 / math.sqrt(2.1**2 + 15)  # -0.4767


def story(*paragraphs: str, file: str = "a.txt"):
    """``articles, sentences, bodies`` for one article of hand-written paragraphs."""
    rows, start = [], 0
    for k, text in enumerate(paragraphs, start=1):
        rows.append((file, "Herald", k, k, start, start + len(text), text))
        start += len(text) + 2
    paragraphs_table = pd.DataFrame(
        rows, columns=["file", "outlet", "paragraph", "line", "start", "end", "text"]
    )
    articles = pd.DataFrame({"file": [file], "outlet": ["Herald"]})
    bodies = pd.Series({file: "\n\n".join(paragraphs)})
    return articles, split_sentences(paragraphs_table), bodies


def article_row(*paragraphs, quotes=None, languages=None) -> tuple[dict, pd.DataFrame]:
    articles, sentences, bodies = story(*paragraphs)
    scored = s.score_sentences(sentences, bodies, languages, quotes)
    return s.summarise(articles, scored, languages).iloc[0].to_dict(), scored


# --------------------------------------------------------------------------- typography


def test_a_curly_apostrophe_keeps_its_negation():
    # Unnormalised, VADER reads "don’t" as no negation and scores +0.36.
    assert s.score("I don’t like it")["compound"] == pytest.approx(-0.2755, abs=1e-4)
    assert s.score("I don't like it")["compound"] == pytest.approx(-0.2755, abs=1e-4)


def test_a_word_in_curly_quotes_is_still_scored():
    # Unnormalised, VADER does not find “humiliating” in its lexicon and scores 0.
    assert s.score("“humiliating”")["compound"] == pytest.approx(-0.2960, abs=1e-4)
    assert s.score('"humiliating"')["compound"] == pytest.approx(-0.2960, abs=1e-4)


def test_the_sentence_table_scores_normalised_text_and_keeps_the_display_text():
    _, scored = article_row("I don’t like it.")
    assert scored.loc[0, "compound"] == pytest.approx(-0.2755, abs=1e-4)
    assert scored.loc[0, "text"] == "I don’t like it."


# --------------------------------------------------------------------------- per sentence


def test_article_sentiment_is_the_mean_of_its_sentences_not_one_score_of_the_whole():
    # Eight "good" sentences: each +0.4404. Scored as one text the valences add up to 15.2
    # and the compound saturates: 15.2 / sqrt(15.2^2 + 15) = +0.969.
    row, _ = article_row(" ".join([GOOD] * 8))
    assert row["sentiment_mean"] == pytest.approx(GOOD_C, abs=1e-4)
    assert s.score(" ".join([GOOD] * 8))["compound"] > 0.96


def test_seed_001_is_mildly_positive_per_sentence_though_near_plus_one_as_a_whole():
    from analysis.pipeline import analyse

    a = analyse()
    row = s.whole_text_comparison(a).set_index("file").loc["001_18c10f1d57aea1e8.txt"]
    assert row["whole_text_compound"] > 0.9
    assert 0 < row["sentence_mean"] < 0.3
    assert row["sentence_mean"] == a.sentiment.set_index("file").at[row.name, "sentiment_mean"]


def test_mean_median_and_shares_of_a_mixed_article():
    # 4 good (+0.4404), 2 terrible (-0.4767), 1 neutral (0).
    row, _ = article_row(" ".join([GOOD, GOOD, TERRIBLE, NEUTRAL, GOOD, TERRIBLE, GOOD]))
    assert row["sentiment_sentences"] == 7
    assert row["sentiment_mean"] == pytest.approx((4 * GOOD_C + 2 * TERRIBLE_C) / 7, abs=1e-4)
    assert row["sentiment_median"] == pytest.approx(GOOD_C, abs=1e-4)  # 4th of 7 sorted
    assert row["sentiment_positive_share"] == pytest.approx(4 / 7)
    assert row["sentiment_neutral_share"] == pytest.approx(1 / 7)
    assert row["sentiment_negative_share"] == pytest.approx(2 / 7)
    assert row["sentiment_ci_low"] < row["sentiment_mean"] < row["sentiment_ci_high"]


@pytest.mark.parametrize(
    "compound, expected",
    [
        (0.05, "positive"),
        (0.0499, "neutral"),
        (0.0, "neutral"),
        (-0.0499, "neutral"),
        (-0.05, "negative"),
        (float("nan"), ""),
    ],
)
def test_labels_use_the_plus_minus_0_05_thresholds(compound, expected):
    assert s.label(compound) == expected


# --------------------------------------------------------------------------- bootstrap


def test_bootstrap_of_zero_and_one_spans_zero_to_one():
    # Resampled means are 0 (p = 1/4), 0.5 (1/2) or 1 (1/4): the 2.5 % and 97.5 %
    # quantiles are 0 and 1.
    assert s.bootstrap_ci([0.0, 1.0]) == (0.0, 1.0)


def test_bootstrap_of_a_constant_is_that_constant():
    assert s.bootstrap_ci([0.3, 0.3, 0.3]) == pytest.approx((0.3, 0.3))


def test_bootstrap_is_the_same_on_every_call():
    values = [0.1, -0.4, 0.7, 0.0, 0.25, -0.05]
    assert s.bootstrap_ci(values) == s.bootstrap_ci(values)


def test_bootstrap_needs_two_values():
    low, high = s.bootstrap_ci([0.5])
    assert math.isnan(low) and math.isnan(high)


# --------------------------------------------------------------------------- narration and quotes


def quotes_frame(body: str, *quoted: str) -> pd.DataFrame:
    """A quotes table as analysis.measures.quotes builds it (file, location, start, end, speaker)."""
    rows = []
    for q in quoted:
        at = body.index(q)
        rows.append(
            {
                "file": "a.txt",
                "location": "body",
                "start": at,
                "end": at + len(q),
                "speaker": "a rider",
            }
        )
    return pd.DataFrame(rows)


def test_quoted_words_and_narration_are_scored_separately():
    paragraphs = (NEUTRAL, "“This is a disgrace,” a rider said.")
    body = "\n\n".join(paragraphs)
    row, scored = article_row(*paragraphs, quotes=quotes_frame(body, "This is a disgrace"))
    second = scored.iloc[1]
    assert second["part"] == "mixed"
    assert (second["quote_words"], second["narration_words"]) == (4, 3)
    assert second["quote_compound"] == pytest.approx(-0.4939, abs=1e-4)
    assert second["narration_compound"] == 0.0
    assert row["sentiment_quotes_parts"] == 1
    assert row["sentiment_quotes_mean"] == pytest.approx(-0.4939, abs=1e-4)
    assert row["sentiment_narration_parts"] == 2
    assert row["sentiment_narration_mean"] == 0.0


def test_without_quotes_every_sentence_is_narration():
    row, scored = article_row(NEUTRAL, "“This is a disgrace,” a rider said.")
    assert set(scored["part"]) == {"narration"}
    assert scored["quote_compound"].isna().all()
    assert row["sentiment_quotes_parts"] == 0
    assert math.isnan(row["sentiment_quotes_mean"])
    assert row["sentiment_narration_mean"] == pytest.approx(-0.4939 / 2, abs=1e-4)
    assert "no quoted words" in row["sentiment_notes"]


def test_a_sentence_that_is_all_quote_has_no_narration_score():
    text = "“This is a disgrace.”"
    row, scored = article_row(text, quotes=quotes_frame(text, "This is a disgrace"))
    assert scored.loc[0, "part"] == "quote"
    assert math.isnan(scored.loc[0, "narration_compound"])


# --------------------------------------------------------------------------- position


def test_position_is_the_middle_of_each_sentence_and_tenths_count_from_one():
    _, scored = article_row(" ".join([GOOD, TERRIBLE, NEUTRAL, GOOD]))
    assert list(scored["position"]) == [0.125, 0.375, 0.625, 0.875]
    assert list(scored["tenth"]) == [2, 4, 7, 9]


def test_by_position_averages_sentences_per_tenth():
    _, scored = article_row(" ".join([GOOD, TERRIBLE, NEUTRAL, GOOD]))
    pos = s.by_position(scored)
    assert list(pos["tenth"]) == [2, 4, 7, 9]
    assert pos.loc[pos["tenth"] == 4, "mean"].iloc[0] == pytest.approx(TERRIBLE_C, abs=1e-4)


# --------------------------------------------------------------------------- actors


def write_actors(folder, text: str):
    (folder / "actors.csv").write_text(text, encoding="utf-8")
    return s.read_actors(folder)


def test_sentences_mentioning_an_actor_are_found_and_averaged(tmp_path):
    actors = write_actors(
        tmp_path,
        "actor,pattern,note\n"
        "Council,\\bcouncil\\b|\\bcouncillors?\\b,the city council\n"
        "Riders,(?i)\\briders?\\b,case-insensitive\n",
    )
    articles, sentences, bodies = story(
        "The council was terrible. Riders said the food was good. The council was good."
    )
    scored = s.score_sentences(sentences, bodies, actors=actors)
    assert list(scored["actors"]) == ["Council", "Riders", "Council"]
    table = s.by_actor(scored, actors).set_index("actor")
    assert table.at["Council", "sentences"] == 2
    assert table.at["Council", "mean"] == pytest.approx((TERRIBLE_C + GOOD_C) / 2, abs=1e-4)
    assert table.at["Riders", "sentences"] == 1


def test_actor_patterns_read_normalised_text(tmp_path):
    actors = write_actors(tmp_path, "actor,pattern,note\nPutin,\\bPutin's\\b,\n")
    assert s.mentions("Putin’s war", actors) == ["Putin"]


def test_a_bad_actor_pattern_names_the_file_and_line(tmp_path):
    with pytest.raises(ValueError, match=r"actors\.csv line 3: bad pattern"):
        write_actors(tmp_path, "actor,pattern,note\nPutin,\\bPutin\\b,\nWagner,(Wagner,\n")


def test_a_story_without_actors_has_none(tmp_path):
    assert s.read_actors(tmp_path).empty


def test_the_seed_actor_list_has_the_story_actors():
    from analysis.paths import SEEDS_DIR

    actors = s.read_actors(SEEDS_DIR)
    assert {"Putin", "Russia", "Ukraine", "MI6", "Prigozhin/Wagner", "AI"} <= set(actors["actor"])
    assert s.mentions("Yevgeny Prigozhin led the mutiny.", actors) == ["Prigozhin/Wagner"]
    assert "AI" not in s.mentions("He said it was over.", actors)


# --------------------------------------------------------------------------- language


def test_non_english_articles_are_not_scored_and_say_why():
    languages = pd.DataFrame(
        {
            "file": ["a.txt"],
            "english": [False],
            "reason": ["4% of words are English function words: not English"],
        }
    )
    row, scored = article_row("Le conseil a augmenté les tarifs.", languages=languages)
    assert scored["compound"].isna().all()
    assert math.isnan(row["sentiment_mean"])
    assert "not English" in row["sentiment_notes"]

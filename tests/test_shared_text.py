"""Sentence alignment across outlets: hand-counted words and shared words.

Fixture sentences (words counted by hand, lower-cased, punctuation dropped):
  A1 "The council approved the tram line on Tuesday after a long debate."   12 words
  B1 the same words as A1                                                    12 words
  C1 "The council approved the new tram line on Tuesday."                    9 words
  C2 "Nobody else wrote this sentence at all."                               7 words
C1 shares 8 words in order with A1 and B1 (all but "new"): 8/9 = 0.89 of C1 (just under the
0.9 of near-identical: edited) and 8/12 = 0.67 of A1.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures import shared_text
from analysis.measures.shared_text import align, candidate_pairs, tokens, unique_share

A1 = "The council approved the tram line on Tuesday after a long debate."
C1 = "The council approved the new tram line on Tuesday."
C2 = "Nobody else wrote this sentence at all."


def sentences(*rows):
    """Rows of (outlet, text); file = outlet + '.txt', sentences numbered per outlet."""
    out, n = [], {}
    for outlet, text in rows:
        n[outlet] = n.get(outlet, 0) + 1
        out.append({"file": f"{outlet}.txt", "outlet": outlet, "sentence": n[outlet], "text": text})
    return pd.DataFrame(out)


@pytest.fixture
def aligned():
    return align(sentences(("A", A1), ("B", A1), ("C", C1), ("C", C2))).set_index(
        ["outlet", "sentence"]
    )


def test_the_same_words_in_two_outlets_are_near_identical(aligned):
    a1 = aligned.loc[("A", 1)]
    assert a1["status"] == "near-identical"
    assert (a1["match_outlet"], a1["shared_words"], a1["coverage"]) == ("B", 12, 1.0)


def test_most_words_in_order_make_an_edited_sentence(aligned):
    c1 = aligned.loc[("C", 1)]
    assert c1["status"] == "edited"
    assert c1["shared_words"] == 8
    assert c1["coverage"] == pytest.approx(8 / 9)
    assert c1["match_coverage"] == pytest.approx(8 / 12)


def test_a_sentence_no_other_outlet_has_is_unique(aligned):
    c2 = aligned.loc[("C", 2)]
    assert (c2["status"], c2["shared_words"], c2["outlets"]) == ("unique", 0, 1)


def test_shared_with_lists_every_other_outlet_carrying_most_of_the_sentence(aligned):
    assert aligned.loc[("A", 1), "shared_with"] == "B; C"  # C1 holds 8 of A1's 12 words
    assert aligned.loc[("A", 1), "outlets"] == 3
    assert aligned.loc[("C", 1), "shared_with"] == "A; B"


def test_unique_share_counts_the_words_of_unique_sentences(aligned):
    u = unique_share(aligned.reset_index()).set_index("outlet")
    assert u.loc["C", "words"] == 16
    assert u.loc["C", "unique_words"] == 7
    assert u.loc["C", "unique_share"] == pytest.approx(7 / 16)
    assert u.loc["C", "shared_word_share"] == pytest.approx(8 / 16)
    assert u.loc["A", "unique_share"] == 0


def test_fewer_than_four_shared_words_never_make_a_match():
    t = align(sentences(("A", "He said so."), ("B", "He said so.")))
    assert list(t["status"]) == ["unique", "unique"]


def test_sentences_of_one_outlet_are_not_compared_with_each_other():
    t = align(sentences(("A", A1), ("A", A1)))
    assert list(t["status"]) == ["unique", "unique"]


def test_candidates_need_shared_word_trigrams():
    toks = [tokens(A1), tokens(C1), tokens(C2), tokens("Debate on the tram line went on.")]
    # A1 and C1 share "the council approved" and "council approved the"; the fourth sentence
    # shares only "tram line" (two words, no trigram) with them.
    assert set(candidate_pairs(toks)) == {(0, 1)}


def test_verbatim_copies_are_compared_once_not_pair_by_pair(monkeypatch):
    calls = []
    real = shared_text.LCSseq.similarity

    class Counting:
        @staticmethod
        def similarity(a, b):
            calls.append(1)
            return real(a, b)

    monkeypatch.setattr(shared_text, "LCSseq", Counting)
    rows = [(f"O{k}", A1) for k in range(100)] + [(f"O{k}", C1) for k in range(100)]
    t = align(sentences(*rows))
    assert (t["status"] == "near-identical").sum() == 200
    assert len(calls) == 1  # A1 against C1, once: not 200 x 199 / 2 comparisons
    assert t["outlets"].max() == 100


def test_seeds_the_speech_quote_all_three_ran_is_shared_by_three_outlets():
    from analysis.paths import SEEDS_DIR
    from analysis.pipeline import analyse

    t = analyse(SEEDS_DIR).shared_sentences
    quote = t[t["text"].str.contains("There are many Russians today who are silently appalled")]
    assert len(quote) == 3
    assert set(quote["outlets"]) == {3}
    assert set(quote["status"]) <= {"near-identical", "edited"}

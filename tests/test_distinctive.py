"""Fightin' Words (Monroe, Colaresi and Quinn 2008): values worked out by hand from the formula.

    delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
            - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
    var_w   = 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z_w     = delta_w / sqrt(var_w)

Fixture: group i says "spy spy war" (n_i = 3), group j says "war war peace" (n_j = 3).
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from analysis.measures.distinctive import (
    distinctive_terms,
    informative_prior,
    log_odds,
    term_counts,
    top_terms,
)

I = Counter({"spy": 2, "war": 1})
J = Counter({"war": 2, "peace": 1})


def row(table, term):
    return table.set_index("term").loc[term]


def test_log_odds_with_a_flat_prior_matches_the_hand_computation():
    # a_w = 1 for each of the 3 words, a_0 = 3, so n + a_0 = 6 in both groups
    t = log_odds(I, J, {"spy": 1, "war": 1, "peace": 1})
    spy = row(t, "spy")
    # log(3 / (6 - 3)) - log(1 / (6 - 1)) = log 1 - log(1/5) = log 5
    assert spy["delta"] == pytest.approx(math.log(5))  # 1.6094
    assert spy["variance"] == pytest.approx(1 / 3 + 1 / 1)
    assert spy["z"] == pytest.approx(math.log(5) / math.sqrt(4 / 3))  # 1.3938
    war = row(t, "war")
    # log(2 / 4) - log(3 / 3)
    assert war["delta"] == pytest.approx(math.log(0.5))  # -0.6931
    assert war["z"] == pytest.approx(math.log(0.5) / math.sqrt(1 / 2 + 1 / 3))  # -0.7593
    peace = row(t, "peace")
    # log(1 / 5) - log(2 / 4)
    assert peace["delta"] == pytest.approx(math.log(1 / 5) - math.log(2 / 4))  # -0.9163
    assert peace["z"] == pytest.approx(-0.91629 / math.sqrt(1.5), abs=1e-4)  # -0.7482


def test_the_default_prior_is_the_pooled_count_of_each_word():
    prior = informative_prior(I + J)
    assert prior == pytest.approx({"spy": 2, "war": 3, "peace": 1})


def test_distinctive_terms_use_the_pooled_prior_and_rank_by_z():
    t = distinctive_terms({"i": I, "j": J})
    spy = t[(t["outlet"] == "i") & (t["term"] == "spy")].iloc[0]
    # a_spy = 2, a_0 = 6:
    # log((2 + 2) / (3 + 6 - 4)) - log((0 + 2) / (3 + 6 - 2)) = log(4/5) - log(2/7)
    assert spy["delta"] == pytest.approx(math.log(4 / 5) - math.log(2 / 7))  # log 2.8 = 1.0296
    assert spy["variance"] == pytest.approx(1 / 4 + 1 / 2)
    assert spy["rank"] == 1
    assert (spy["count"], spy["count_rest"]) == (2, 0)


def test_with_two_groups_a_shared_word_scores_the_same_with_opposite_signs():
    t = distinctive_terms({"i": I, "j": J}).set_index(["outlet", "term"])
    assert t.loc[("i", "war"), "z"] == pytest.approx(-t.loc[("j", "war"), "z"])


def test_a_word_a_group_never_uses_has_no_row_for_that_group():
    t = distinctive_terms({"i": I, "j": J})
    assert sorted(t.loc[t["outlet"] == "i", "term"]) == ["spy", "war"]
    assert sorted(t.loc[t["outlet"] == "j", "term"]) == ["peace", "war"]


def test_one_group_has_nothing_to_compare_with():
    assert distinctive_terms({"only": I}).empty


def test_words_are_lower_cased_with_curly_apostrophes_straightened():
    assert term_counts(["Putin’s war", "putin's WAR"]) == Counter({"putin's": 2, "war": 2})


def test_top_terms_keep_words_used_at_least_twice_and_drop_function_words():
    t = distinctive_terms({"i": Counter({"spy": 2, "the": 5, "war": 1}), "j": Counter({"war": 3})})
    top = top_terms(t, n=5)
    assert list(top.loc[top["outlet"] == "i", "term"]) == ["spy"]  # "the": function word;
    # "war": used once by i (and less than by j)
    assert list(top.loc[top["outlet"] == "j", "term"]) == ["war"]


def test_seeds_each_outlet_gets_a_ranked_list(tmp_path):
    from analysis.paths import SEEDS_DIR
    from analysis.pipeline import analyse

    t = analyse(SEEDS_DIR).distinctive_terms
    lbc = t[t["outlet"] == "LBC"].set_index("term")
    # "Sir" (Sir Richard) is LBC's alone: 4 uses, none elsewhere
    assert (lbc.loc["sir", "count"], lbc.loc["sir", "count_rest"]) == (4, 0)
    assert lbc.loc["sir", "rank"] == 1


def test_a_story_of_one_word_has_no_distinctive_word_and_no_numpy_warning():
    import warnings
    from collections import Counter

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a divide-by-zero warning would fail the test
        t = distinctive_terms({"A": Counter(ruling=3), "B": Counter(ruling=1)})
    assert list(t["term"]) == ["ruling", "ruling"]
    assert t["z"].isna().all()

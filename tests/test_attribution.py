"""Reporting verbs, hedges and sources cited: hand counts on a short fixture story.

The fixture body, with its words counted by hand (a hyphenated word is one word):
  p1 "The mayor said the line would open in May. She claimed it was cheap."   9 + 5 = 14
  p2 '"We revealed nothing," the council admitted.'                           6
  p3 "The plan appears sound. Critics made a claim about costs."              4 + 6 = 10
  p4 "A question-and-answer session followed."                                4
  total 34 words.
Counted in the outlet's own words: said (neutral); claimed, admitted (loaded); appears (hedge).
Not counted: "revealed" (inside quotation marks), "a claim" (a noun after a determiner),
"answer" (inside a hyphenated word).
"""

from __future__ import annotations

import pytest

from analysis.measures import attribution
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse

BODY = (
    "The mayor said the line would open in May. She claimed it was cheap.\n"
    "\n"
    '"We revealed nothing," the council admitted.\n'
    "\n"
    "The plan appears sound. Critics made a claim about costs.\n"
    "\n"
    "A question-and-answer session followed.\n"
)
VERBS = (
    "lemma,form,stance,note\n"
    "say,said,neutral,\n"
    "claim,claim,loaded,\n"
    "claim,claimed,loaded,\n"
    "admit,admitted,loaded,\n"
    "reveal,revealed,loaded,\n"
    "appear,appears,hedge,\n"
    "answer,answer,neutral,\n"
)


@pytest.fixture
def herald(story, tmp_path):
    folder = story({"herald.txt": BODY}, "file,outlet\nherald.txt,Herald\n")
    verbs = tmp_path / "verbs.csv"
    verbs.write_text(VERBS, encoding="utf-8")
    return analyse(folder), verbs


def test_every_form_is_kept_with_whether_it_counts(herald):
    a, verbs = herald
    h = attribution.verb_hits(a, verbs)
    got = sorted(zip(h["matched"], h["stance"], h["in_quote"], h["counted"]))
    assert got == sorted(
        [
            ("said", "neutral", False, True),
            ("claimed", "loaded", False, True),
            ("revealed", "loaded", True, False),
            ("admitted", "loaded", False, True),
            ("appears", "hedge", False, True),
            ("claim", "loaded", False, False),
            ("answer", "neutral", False, False),
        ]
    )


def test_rates_are_per_1000_body_words_of_the_outlets_own_words(herald):
    a, verbs = herald
    row = attribution.attribution(a, verbs).iloc[0]
    assert row["words"] == 34
    assert (row["neutral"], row["loaded"], row["hedge"]) == (1, 2, 1)
    assert row["neutral_per_1000"] == pytest.approx(1000 / 34)
    assert row["loaded_per_1000"] == pytest.approx(2000 / 34)
    assert row["hedge_per_1000"] == pytest.approx(1000 / 34)
    assert row["loaded_share"] == pytest.approx(2 / 3)
    assert row["quoted"] == 1


def test_reporting_verbs_table_has_one_row_per_form_used(herald):
    a, verbs = herald
    t = attribution.reporting_verbs(a, verbs).set_index("form")
    assert t.loc["claimed", "count"] == 1
    assert t.loc["revealed", "count"] == 0 and t.loc["revealed", "quoted"] == 1
    assert "claim" not in t.index  # the noun is a hit, but no count and no quote
    assert t.loc["admitted", "per_1000"] == pytest.approx(1000 / 34)


def test_a_stance_outside_the_three_is_an_error_naming_the_file(herald, tmp_path):
    a, _ = herald
    bad = tmp_path / "bad.csv"
    bad.write_text("lemma,form,stance,note\nsay,said,polite,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv \(bad\.csv:2\): stance 'polite'"):
        attribution.verb_hits(a, bad)


def test_editing_the_verb_list_changes_the_counts(herald, tmp_path):
    a, verbs = herald
    more = tmp_path / "more.csv"
    more.write_text(VERBS + "follow,followed,neutral,\n", encoding="utf-8")
    assert attribution.attribution(a, verbs).iloc[0]["neutral"] == 1
    assert attribution.attribution(a, more).iloc[0]["neutral"] == 2


# --------------------------------------------------------------------------------------------
# Sources

SOURCES_BODY = (
    "Tram line opens\n"
    "\n"
    "According to Reuters, the line opens in May. The Daily Telegraph agreed.\n"
    "\n"
    "A statement from the council followed.\n"
    "\n"
    "Reuters contributed to this report.\n"
)
SOURCES_MANIFEST = "file,outlet,wire_agency,republished_by\nherald.txt,Herald,AP,Yahoo News\n"


@pytest.fixture
def cited(story):
    return analyse(story({"herald.txt": SOURCES_BODY}, SOURCES_MANIFEST))


def test_sources_named_in_the_body_and_credit_line_are_found(cited):
    h = cited.source_hits
    got = sorted(zip(h["source"], h["kind"], h["part"], h["matched"]))
    assert got == sorted(
        [
            ("Reuters", "agency", "body", "Reuters"),
            ("The Telegraph", "outlet", "body", "The Daily Telegraph"),
            ("statement", "document", "body", "A statement"),
            ("Reuters", "agency", "credit", "Reuters"),
        ]
    )


def test_sources_table_adds_the_manifest_wire_lineage(cited):
    s = cited.sources.set_index("source")
    assert (s.loc["Reuters", "body"], s.loc["Reuters", "credit"]) == (1, 1)
    assert (s.loc["AP", "kind"], s.loc["AP", "body"], s.loc["AP", "manifest"]) == (
        "agency",
        0,
        "wire_agency",
    )
    # a republisher no lexicon row knows is kept as written
    assert (s.loc["Yahoo News", "kind"], s.loc["Yahoo News", "manifest"]) == (
        "site",
        "republished_by",
    )


# --------------------------------------------------------------------------------------------
# The seeds (hand-checked against the raw files)


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEEDS_DIR)


def test_seeds_lbc_uses_claimed_once_and_revealed_twice(seeds):
    # "the Wagner group ... which he claimed was proof"; "Sir Richard Moore, the chief of MI6,
    # revealed in a rare public speech"; "... 'human spies', Sir Richard revealed."
    t = seeds.reporting_verbs
    lbc = t[t["outlet"] == "LBC"].set_index("form")
    assert lbc.loc["claimed", "count"] == 1
    assert lbc.loc["revealed", "count"] == 2
    assert lbc.loc["revealed", "stance"] == "loaded"


def test_seeds_a_hedge_inside_a_quote_is_the_speakers_not_the_outlets(seeds):
    # Kyiv Post: he said: "there appears now to be little prospect ..."
    t = seeds.reporting_verbs
    appears = t[(t["outlet"] == "Kyiv Post") & (t["form"] == "appears")].iloc[0]
    assert (appears["count"], appears["quoted"]) == (0, 1)


def test_seeds_sources_cited_match_the_texts_and_manifest(seeds):
    s = seeds.sources
    cited = {(o, src) for o, src in zip(s["outlet"], s["source"])}
    # Fox: "according to The Telegraph", "according to The Associated Press", its AP credit
    # line and manifest; Kyiv Post: "hosted by the Politico website", AFP in the manifest
    assert cited == {
        ("Fox News", "AP"),
        ("Fox News", "The Telegraph"),
        ("Kyiv Post", "AFP"),
        ("Kyiv Post", "Politico"),
    }
    ap = s[(s["outlet"] == "Fox News") & (s["source"] == "AP")].iloc[0]
    assert (ap["body"], ap["credit"], ap["manifest"]) == (1, 1, "wire_agency")

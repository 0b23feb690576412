"""Quote units across outlets: matching rules on named word lists, then the seeds' units and
wording differences as read by hand, a source document, and an outlet the code has not seen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.measures.alignment import DIFFERENCE_COLUMNS, UNIT_COLUMNS, group_units, match, tokens
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"

FOX_RUSSIANS = ("There are many Russians today who are silently appalled by the sight of their "
                "armed forces pulverizing Ukrainian cities")
AFP_RUSSIANS = FOX_RUSSIANS.replace("pulverizing", "pulverising")


# --- matching two quotes ---------------------------------------------------------------------


def test_tokens_drop_punctuation_case_and_curly_marks():
    assert tokens("Irresponsible, it’s reckless.") == ["irresponsible", "it's", "reckless"]


def test_spelling_variant():
    m = match(tokens(FOX_RUSSIANS), tokens(AFP_RUSSIANS))
    assert m.kind == "variant"
    assert m.differences == [("spelling", "pulverizing", "pulverising")]


def test_small_wording_change():
    m = match(tokens("others have already done this past 18 months and join hands with us"),
              tokens("others have already done these past 18 months and join hands with us"))
    assert m.kind == "variant"
    assert m.differences == [("wording", "this", "these")]


def test_punctuation_is_not_a_difference():
    m = match(tokens("in damaging, reckless and unethical ways"),
              tokens("in damaging reckless and unethical ways"))
    assert m.kind == "exact"


def test_truncation_is_not_a_difference():
    m = match(tokens("silently appalled by the sight"), tokens(FOX_RUSSIANS))
    assert (m.kind, m.b_range) == ("exact", (7, 12))


def test_a_word_left_out_inside_the_quote():
    m = match(tokens("venality, infighting and callous incompetence"),
              tokens("As they witness the venality, infighting and sheer callous incompetence "
                     "of their leaders"))
    assert m.kind == "variant"
    assert m.differences == [("omission", "", "sheer")]


def test_short_quotes_match_word_for_word_only():
    assert match(tokens("join us"), tokens("join hands with us")) is None
    assert match(tokens("appalled"), tokens(FOX_RUSSIANS)).kind == "exact"


def test_two_halves_that_overlap():
    a = tokens("My teams are now using AI to augment but not replace their own judgement "
               "about how people might act")
    b = tokens("augment but not replace their own judgement about how people might act in "
               "various situations. They are combining their skills")
    assert match(a, b).kind == "overlap"


def test_unrelated_quotes_do_not_match():
    assert match(tokens("Our loyalty to our agents is lifelong"),
                 tokens("I remain hopeful that our common humanity may yet lead to agreement")) \
        is None


def test_group_units_keeps_fragments_with_their_passage():
    texts = [tokens(t) for t in (FOX_RUSSIANS, "silently appalled", AFP_RUSSIANS,
                                 "Our door is always open", "join us")]
    assert group_units(texts) == [0, 0, 0, 1, 2]


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEEDS_DIR)


def _unit_of(quotes, prefix, opening):
    rows = quotes[quotes.file.str.startswith(prefix) & quotes.quote.str.startswith(opening)]
    assert len(rows) == 1
    return rows.unit.iat[0]


def test_russians_appalled_quote_of_all_three_outlets_is_one_unit(seeds):
    q = seeds.quotes
    units = {_unit_of(q, p, "There are many Russians today") for p in ("000", "001", "002")}
    assert len(units) == 1
    unit = units.pop()
    # ... and LBC's "silently appalled" (line 12) is the same words.
    assert _unit_of(q, "002", "silently appalled") == unit


def test_pulverizing_is_reported_as_a_spelling_variant(seeds):
    d = seeds.quote_differences
    assert list(d.columns) == list(DIFFERENCE_COLUMNS)
    rows = d[(d.words_a == "pulverizing") & (d.words_b == "pulverising")]
    assert set(rows.outlet_b) == {"Kyiv Post", "LBC"}
    assert set(rows.outlet_a) == {"Fox News"}
    assert set(rows.change) == {"spelling"}


def test_this_and_these_past_18_months_is_a_wording_difference(seeds):
    d = seeds.quote_differences
    rows = d[(d.change == "wording") & (d.words_b == "these")]
    assert rows.outlet_a.tolist() == ["Fox News"]
    assert rows.outlet_b.tolist() == ["Kyiv Post"]


def test_fidelity_of_the_russians_quote(seeds):
    q = seeds.quotes
    russians = q[q.quote.str.startswith("There are many Russians today")]
    fidelity = dict(zip(russians.outlet, russians.fidelity))
    # Kyiv Post and LBC agree word for word; Fox alone spells pulverizing.
    assert fidelity == {"Fox News": "variant", "Kyiv Post": "corroborated",
                        "LBC": "corroborated"}


def test_headline_words_no_body_quotes_are_unattested(seeds):
    q = seeds.quotes
    lbc = q[q.file.str.startswith("002") & (q.location == "headline")]
    assert dict(zip(lbc.quote, lbc.fidelity)) == {
        "appalled": "corroborated", "end bloodshed": "unattested", "join us": "unattested"}
    fox = q[q.file.str.startswith("000") & (q.location == "headline")]
    assert fox.fidelity.tolist() == ["corroborated"]


def test_a_quote_only_one_outlet_has_is_unattested(seeds):
    q = seeds.quotes
    row = q[q.quote.str.startswith("Prigozhin started off")]
    assert row.fidelity.tolist() == ["unattested"]


def test_quote_units_table_is_a_full_grid(seeds):
    u = seeds.quote_units
    assert list(u.columns) == list(UNIT_COLUMNS)
    n_units = len({u for us in seeds.quotes.unit for u in us.split(";") if u})
    assert len(u) == 3 * n_units
    assert (u[~u.used].match == "").all() and (u[~u.used].order == 0).all()
    assert set(u[u.used].match) <= {"exact", "variant"}


def test_quote_units_order_and_match(seeds):
    q, u = seeds.quotes, seeds.quote_units
    unit = _unit_of(q, "000", "There are many Russians today")
    rows = u[u.unit == unit].set_index("outlet")
    assert rows.used.all()
    assert rows.match.to_dict() == {"Fox News": "variant", "Kyiv Post": "exact", "LBC": "exact"}
    # Kyiv Post's first quote (line 1, "appalled") and LBC's headline 'appalled' open with it.
    assert rows.order["Kyiv Post"] == 1
    assert rows.order["LBC"] == 1


# --- a source document, and an outlet never seen ----------------------------------------------


def test_quotes_are_checked_against_the_source_document():
    q = analyse(FIXTURES / "rates_story").quotes
    fid = {(f, text[:25]): v for f, text, v in zip(q.file, q.quote, q.fidelity)}
    assert fid[("ledger.txt", "Inflation has been more s")] == "source-exact"
    assert fid[("harbour.txt", "Inflation has been more s")] == "source-variant"  # labor
    assert fid[("harbour.txt", "do whatever it takes")] == "source-absent"
    assert fid[("ledger.txt", "Markets had priced this i")] == "source-absent"  # another speaker
    assert "statement.txt" not in set(q.file)  # the statement has no quotation marks


def test_source_documents_are_not_outlets_in_the_unit_table():
    a = analyse(FIXTURES / "rates_story")
    assert set(a.quote_units.file) == {"ledger.txt", "harbour.txt"}


def test_an_unseen_outlet_joins_the_seed_units(tmp_path):
    for f in SEEDS_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    shutil.copy(FIXTURES / "bbc_speech" / "bbc.txt", tmp_path / "003_bbc.txt")
    with open(tmp_path / "manifest.csv", "a", encoding="utf-8") as fh:
        fh.write("003_bbc.txt,BBC News (fixture),,,,,,,\n")
    q = analyse(tmp_path).quotes
    russians = q[q.quote.str.startswith("There are many Russians today")]
    assert set(russians.outlet) == {"Fox News", "Kyiv Post", "LBC", "BBC News (fixture)"}
    assert russians.unit.nunique() == 1
    bbc = russians[russians.outlet == "BBC News (fixture)"].iloc[0]
    assert bbc.words == 19  # stops at "Ukrainian cities"
    assert bbc.fidelity == "corroborated"  # the British spelling, as Kyiv Post and LBC

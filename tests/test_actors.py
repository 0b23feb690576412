"""The actor register (issue 13): people and organisations read from the articles, with every
form and the evidence of each link, and naming read from it when a story has no naming.csv.

Expected values are from reading the texts by hand."""

from __future__ import annotations

import shutil

import pytest

from analysis.measures.actors import ACTOR_COLUMNS, Register, role_of
from analysis.paths import SEEDS_DIR
from analysis.pipeline import TABLES, analyse

STORY = ("Water bill advances\n\n"
         "Rep. Daniel Okafor (D-Ohio) introduced the bill in March. Harbour authority chief Anna "
         "Lindqvist backed it.\n\n"
         "\"This is about clean water,\" said Rep. Okafor.\n\n"
         "\"Fares have not kept up with fuel,\" the harbour chief said.\n\n"
         "The National Rivers Association (NRA) said it was \"cautiously hopeful\".\n")


@pytest.fixture()
def water(story):
    return analyse(story({"a.txt": STORY}, "file,outlet\na.txt,A\n"))


def test_actors_is_a_registered_table_with_a_command():
    spec = TABLES["actors"]
    assert (spec.command, spec.columns) == ("actors", ACTOR_COLUMNS)


def test_people_and_organisations_of_a_story(water):
    act = water.actors
    kinds = dict(zip(act.actor, act.kind))
    assert kinds["Daniel Okafor"] == "person" and kinds["Anna Lindqvist"] == "person"
    assert kinds["National Rivers Association"] == "organisation"


def test_every_link_has_its_evidence(water):
    act = water.actors
    okafor = act[act.actor == "Daniel Okafor"]
    assert {"name", "title + surname"} <= set(okafor.link)
    short = okafor[okafor.link == "title + surname"].iloc[0]
    assert (short.form, short.file, short.line) == ("Rep. Okafor", "a.txt", 5)
    lind = act[(act.actor == "Anna Lindqvist") & (act.link == "description")]
    assert "Harbour authority chief" in set(lind.form)
    assert "NRA" in set(act[act.link == "acronym"].form)


def test_quotes_take_their_speakers_from_the_register(water):
    q = water.quotes.set_index("quote")
    assert q.loc["This is about clean water", "speaker"] == "Daniel Okafor"
    assert q.loc["Fares have not kept up with fuel", "speaker"] == "Anna Lindqvist"
    assert q.loc["cautiously hopeful", "speaker"] == "National Rivers Association"


@pytest.mark.parametrize("words, group", [
    ("the head of the harbour authority", "chief"), ("the spy chief", "chief"),
    ("the Montana Republican", "republican"), ("the former first lady", "first lady"),
    ("his wife", "spouse"), ("the bridge", None),
])
def test_the_kind_of_role_a_description_names(words, group):
    found = role_of(words.split())
    assert (found[0] if found else None) == group


def test_a_name_nobody_confirms_as_a_person_is_not_one():
    r = Register()
    r.learn("a.txt", 1, "Photographs by Getty Images. The show was filmed in Santa Fe.")
    r.learn("a.txt", 2, "Dana Whitfield, the mayor, spoke.")
    r.finish()
    assert set(r.actors) == {"Dana Whitfield"}


def test_naming_without_naming_csv_reads_the_register(tmp_path):
    for f in SEEDS_DIR.iterdir():
        if f.is_file() and f.name not in {"speakers.csv", "naming.csv", "actors.csv"}:
            shutil.copy(f, tmp_path / f.name)
    naming = analyse(tmp_path).naming
    lbc = naming[(naming.outlet == "LBC") & (naming.actor == "Richard Moore")].set_index("form")
    # LBC's body says "Sir Richard" alone on lines 16, 35 and 41 (line 12 is "Sir Richard Moore",
    # the full name; lines 5-6 and 32-33 are captions).
    assert lbc.loc["Sir/Dame Richard", "body"] == 3
    assert lbc.loc["Richard Moore", "body"] == 1

"""The seeds without their hand tables (issue 13): with ``speakers.csv``, ``naming.csv`` and
``actors.csv`` removed, the seeds keep every quote and every speaker they have with them."""

from __future__ import annotations

import shutil

import pytest

from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse

HAND_TABLES = {"speakers.csv", "naming.csv", "actors.csv"}


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds-bare")
    for f in SEEDS_DIR.iterdir():
        if f.is_file() and f.name not in HAND_TABLES:
            shutil.copy(f, folder / f.name)
    return analyse(folder)


def test_the_same_quotes_are_found_without_the_hand_tables(bare):
    with_tables = analyse(SEEDS_DIR).quotes
    assert bare.quotes[["quote_id", "quote"]].equals(with_tables[["quote_id", "quote"]])


def test_every_seed_quote_keeps_its_speaker_without_the_hand_tables(bare):
    with_tables = analyse(SEEDS_DIR).quotes
    assert bare.quotes.speaker.tolist() == with_tables.speaker.tolist()
    # By a hand reading of the seeds, every quote in them is Richard Moore's.
    assert set(bare.quotes.speaker) == {"Richard Moore"}

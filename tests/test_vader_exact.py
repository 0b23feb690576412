"""The fast VADER (analysis/measures/vader.py) gives the library's scores, bit for bit.

The reference is vaderSentiment's own ``SentimentIntensityAnalyzer().polarity_scores``; every
comparison is of the four floats' bit patterns (so ``-0.0`` against ``0.0`` would fail) and of
the dictionary's key order. Inputs:

- every string literal of vaderSentiment's source file (its demo and "tricky" sentences, read
  from the installed package with ``ast``), as they are and in capitals, with ``!!`` and ``??``;
- every word of the lexicon, alone and after each kind of modifier (fast test: every 7th word;
  slow test: all of them);
- every window of up to three rule words (negations, boosters, "no", "never so", "without
  doubt", "least", "kind of", idiom words) before a sentiment word, in several casings;
- generated sentences mixing rule words, lexicon words, ALL CAPS, attached punctuation,
  emoticons, emoji (one- and several-character), "but", "!" and "?" runs and Unicode spaces;
  and arbitrary Unicode text;
- the BBC corpus: every paragraph and a rough sentence split of a sample (fast test), and
  every line and every pysbd sentence of the whole corpus, raw and with typography normalised
  as the analysis scores them (slow test).
"""

from __future__ import annotations

import ast
import inspect
import itertools
import random
import re
import struct
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measures import vader

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"


def _bits(scores: dict) -> list:
    return [(k, type(v).__name__, struct.pack("<d", v)) for k, v in scores.items()]


def _check(texts) -> int:
    ref = vader.reference().polarity_scores
    n = 0
    for text in texts:
        expected = ref(text)
        got = vader.polarity_scores(text)
        assert _bits(got) == _bits(expected), (text, got, expected)
        n += 1
    return n


def _library():
    from vaderSentiment import vaderSentiment as v

    return v


# --------------------------------------------------------------------------------------------
# VADER's own sentences


def _source_strings() -> list[str]:
    tree = ast.parse(inspect.getsource(_library()))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_every_string_of_vader_source_scores_the_same():
    strings = _source_strings()
    assert "VADER is VERY SMART, handsome, and FUNNY!!!" in strings  # its demo sentences are there
    assert "Roger Dodger is one of the least compelling variations on this theme." in strings
    variants = [
        f(s)
        for s in strings
        for f in (
            str,
            str.upper,
            str.lower,
            lambda s: s + " !!",
            lambda s: s + "??",
            lambda s: "But " + s,
        )
    ]
    assert _check(variants) > 1000


def test_a_few_known_values():
    # Hand-checked against the library's README examples (independent of this module).
    assert vader.polarity_scores("VADER is smart, handsome, and funny.")["compound"] == 0.8316
    assert vader.polarity_scores("The book was good.") == {
        "neg": 0.0,
        "neu": 0.508,
        "pos": 0.492,
        "compound": 0.4404,
    }
    assert vader.polarity_scores("") == {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


def test_texts_without_a_scoring_word_score_the_same():
    # no lexicon word outside the boosters: the constant neutral result, whatever the capitals,
    # marks, boosters, negations, "but", "kind of" or emoji descriptions around
    assert vader.polarity_scores("The minister said so.") == {
        "neg": 0.0,
        "neu": 1.0,
        "pos": 0.0,
        "compound": 0.0,
    }
    _check(
        [
            "THE END!!!",
            "Why? How?? When???",
            "very extremely not but never",
            "kind of",
            "BUT the MINISTER said!!!! so?",
            "no no no",
            "!!!!",
            "?? ??",
            " . ",
            "x",
            "The 12 ministers met on Tuesday (in Paris).",
            "It was, in a sense, kind of the same - but not.",
        ]
    )


def test_input_that_is_not_a_string_goes_to_the_library():
    ref = vader.reference().polarity_scores
    with pytest.raises(TypeError):
        ref(b"good")
    with pytest.raises(TypeError):
        vader.polarity_scores(b"good")
    assert _bits(vader.polarity_scores(["good", " day"])) == _bits(ref(["good", " day"]))

    class Text(str):
        pass

    assert _bits(vader.polarity_scores(Text("not good"))) == _bits(ref(Text("not good")))


# --------------------------------------------------------------------------------------------
# The lexicon and every rule


MODIFIERS = [
    "",
    "not",
    "very",
    "NOT",
    "VERY",
    "no",
    "never",
    "least",
    "at least",
    "very least",
    "kind of",
    "sort of",
    "never so",
    "without doubt",
    "isn't really",
    "the",
    "but",
    "so",
    "this",
    "no or",
    "no nor",
    "barely",
    "EXTREMELY",
    "kinda",
    "just enough",
]


def _lexicon_texts(every: int) -> list[str]:
    words = sorted(vader.reference().lexicon)[::every]
    out = []
    for k, w in enumerate(words):
        mod = MODIFIERS[k % len(MODIFIERS)]
        out += [w, w.upper(), f"{mod} {w}".strip(), f"It is {mod} {w.upper()} today!"]
    return out


def test_lexicon_words_score_the_same_sample():
    assert _check(_lexicon_texts(7)) > 4000


@pytest.mark.slow
def test_every_lexicon_word_scores_the_same():
    assert _check(_lexicon_texts(1)) > 30000


RULE_WORDS = [
    "not",
    "isn't",
    "never",
    "no",
    "or",
    "nor",
    "so",
    "this",
    "without",
    "doubt",
    "least",
    "at",
    "very",
    "kind",
    "of",
    "sort",
    "just",
    "enough",
    "the",
    "bus",
    "yeah",
    "kiss",
    "to",
    "die",
    "beating",
    "bad",
    "really",
    "barely",
    "NEVER",
    "VERY",
    "nothing",
    "the",
]
TARGETS = [
    "good",
    "bad",
    "GOOD",
    "no",
    "NO",
    "shit",
    "bomb",
    "ass",
    "stop",
    "right",
    "death",
    "for",
    "heart",
    "kind",
    "doubt",
]


def _window_texts():
    for k, (a, b, c) in enumerate(itertools.product(RULE_WORDS, repeat=3)):
        target = TARGETS[k % len(TARGETS)]
        tail = [
            "",
            " of",
            " for",
            " right",
            " heart",
            " ass",
            " death",
            " stop",
            " but good",
            " of death",
        ][k % 10]
        lead = ["", "Well ", "I ", "ok "][k % 4]
        yield f"{lead}{a} {b} {c} {target}{tail}"


def test_windows_of_three_rule_words_score_the_same_sample():
    assert _check(itertools.islice(_window_texts(), 0, None, 5)) > 6000


@pytest.mark.slow
def test_every_window_of_three_rule_words_scores_the_same():
    assert _check(_window_texts()) == len(RULE_WORDS) ** 3


IDIOM_TEXTS = [
    f"{lead} {idiom}{tail}"
    for lead in ("well it was", "it is the", "NOT the very", "I")
    for idiom in (
        "bad ass",
        "kiss of death",
        "to die for",
        "yeah right",
        "bus stop",
        "the shit",
        "the bomb",
        "beating heart",
        "kind of good",
        "sort of bad",
        "just enough good",
        "never so good",
        "without doubt good",
        "at least good",
        "very least good",
    )
    for tail in ("", " indeed", " !!", " but good")
]


def test_idioms_score_the_same():
    assert _check(IDIOM_TEXTS) == len(IDIOM_TEXTS)


def test_but_with_repeated_scores_scores_the_same():
    # The library's "but" rule finds each score by value (list.index), so equal scores on both
    # sides of "but" take its odd path: these sentences are built to do so.
    texts = [
        "good good but good good",
        "bad but bad",
        "good great but good great good",
        "great good but great",
        "nice nice nice BUT nice",
        "good but but good",
        "I like it, but I like it",
        "bad, good, but bad, good!",
        "good kind of good but good",
    ]
    _check(texts)


# --------------------------------------------------------------------------------------------
# Generated sentences


def _vocabulary() -> list[str]:
    v = _library()
    lexicon = sorted(vader.reference().lexicon)
    emojis = sorted(vader.reference().emojis)
    words = (
        set(RULE_WORDS)
        | set(TARGETS)
        | set(v.NEGATE)
        | {w for k in v.BOOSTER_DICT for w in k.split()}
    )
    words |= {w for k in (*v.SPECIAL_CASES, *v.SENTIMENT_LADEN_IDIOMS) for w in k.split()}
    words |= set(lexicon[::97]) | {
        "but",
        "But",
        "BUT",
        "kind",
        "Kind",
        "KIND",
        "he",
        "said",
        "a",
        "I",
        "ok",
        "U.S.",
        "it's",
        "don't",
        "ain't",
        "can't",
        "n't",
    }
    words |= {
        ":)",
        ":D",
        ":-(",
        "<3",
        "(:",
        ":'(",
        "=D",
        "xD",
        "-",
        "!",
        "?",
        "...",
        "!?",
        '"',
        "'",
    }
    words |= set(emojis[::53]) | {"☺️", "👶🏽", "💘", "😁", "©", "✈"}
    return sorted(words)


VOCAB = _vocabulary()
SEPARATORS = [" ", " ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", ""]
AFFIXES = ["", "", "", "", "!", "?", "!!", ",", ".", "'", '"', "(", ")", "...", "?!", "-"]


def _sentence(pick, between) -> str:
    """One generated sentence; ``pick(seq)`` chooses an element, ``between(a, b)`` an int."""
    parts = []
    for _ in range(between(0, 14)):
        w = pick(VOCAB)
        case = between(0, 5)
        w = w.upper() if case == 0 else w.capitalize() if case == 1 else w
        parts.append(pick(AFFIXES) + w + pick(AFFIXES))
        parts.append(pick(SEPARATORS))
    return "".join(parts)


def test_generated_rule_sentences_score_the_same():
    rng = random.Random(20230719)
    assert _check(_sentence(rng.choice, rng.randint) for _ in range(4000)) == 4000


@pytest.mark.slow
def test_more_generated_rule_sentences_score_the_same():
    rng = random.Random(7)
    assert _check(_sentence(rng.choice, rng.randint) for _ in range(60_000)) == 60_000


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_hypothesis_rule_sentences_score_the_same(data):
    _check(
        [
            _sentence(
                lambda seq: data.draw(st.sampled_from(seq)),
                lambda a, b: data.draw(st.integers(a, b)),
            )
        ]
    )


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_arbitrary_text_scores_the_same(text):
    _check([text])


def _lines_run(texts) -> set[int]:
    """Line numbers of analysis/measures/vader.py run while scoring ``texts``."""
    code_file = vader.__file__
    seen: set[int] = set()

    def local(frame, event, arg):
        if event == "line":
            seen.add(frame.f_lineno)
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename == code_file else None

    vader._tables().words.clear()  # so the word step runs too
    sys.settrace(tracer)
    try:
        for text in texts:
            vader.polarity_scores(text)
    finally:
        sys.settrace(None)
    return seen


def test_the_generated_sentences_run_every_rule():
    # Every line of the rules (negation windows, "no", capitals, boosters, "never so", "without
    # doubt", idioms, "kind of", "least", "but", emoji, "!" and "?") runs on the inputs above.
    rng = random.Random(20230719)
    texts = [_sentence(rng.choice, rng.randint) for _ in range(1500)] + list(_window_texts())[::10]
    texts += IDIOM_TEXTS
    seen = _lines_run(texts)
    missing = []
    for func in (
        vader.polarity_scores,
        vader._valences,
        vader._special_idioms_check,
        vader._but_check,
        vader._score_valence,
        vader._replace_emojis,
        vader._word,
    ):
        lines = {ln for _, _, ln in func.__code__.co_lines() if ln is not None}
        lines.discard(func.__code__.co_firstlineno)
        missing += [f"{func.__name__}:{ln}" for ln in sorted(lines - seen)]
    # Left: the input that is not a str (tested above) and the word memo starting again.
    source = Path(vader.__file__).read_text(encoding="utf-8").splitlines()
    missing = [
        m
        for m in missing
        if not any(
            s in source[int(m.split(":")[1]) - 1]
            for s in ("reference().polarity_scores", "t.words.clear()")
        )
    ]
    assert not missing


def test_the_word_memo_starting_again_changes_nothing(monkeypatch):
    monkeypatch.setattr(vader, "WORD_CACHE_MAX", 5)
    _check(["It is not good at all, but the food was very GOOD!!", "Without doubt a great day"] * 3)
    assert len(vader._tables().words) <= 5


@pytest.mark.slow
def test_no_lower_case_letter_is_a_space():
    # The idiom shortcut assumes a lower-cased word holds no whitespace, as split() left it.
    # Lower-cased as one string (one call), which differs from letter by letter only for the
    # final sigma (σ or ς, neither a space).
    lowered = "".join(c for c in map(chr, range(0x110000)) if not c.isspace()).lower()
    assert not any(map(str.isspace, set(lowered)))


# --------------------------------------------------------------------------------------------
# The BBC corpus


def _bbc_files(every: int = 1) -> list[Path]:
    return sorted(BBC.glob("*/*.txt"))[::every]


def _lines(paths) -> list[str]:
    out = []
    for p in paths:
        out += [
            ln for ln in p.read_bytes().decode("utf-8", errors="replace").splitlines() if ln.strip()
        ]
    return out


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_bbc_sample_paragraphs_and_sentences_score_the_same():
    lines = _lines(_bbc_files(every=15))
    rough = [s for ln in lines for s in re.split(r"(?<=[.!?])\s+", ln)]
    assert _check(lines + rough) > 3000


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_every_bbc_line_and_sentence_scores_the_same():
    from analysis.story import fastsbd
    from analysis.story.text import normalise_typography

    texts = _lines(_bbc_files())
    assert len(texts) > 10_000
    texts += [s.strip() for ln in texts for s in fastsbd.process(ln)]  # pysbd's sentences
    texts += [normalise_typography(t) for t in texts]  # as the analysis scores them
    assert _check(texts) > 100_000

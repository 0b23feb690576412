"""The fast pysbd (analysis/story/fastsbd.py) gives pysbd's own sentences, for every text.

The reference is ``pysbd.Segmenter(language="en", clean=False).processor(text).process()``, the
step the analysis calls (its sentences are then located in the text). Inputs:

- cases of every kind of pysbd's Golden Rules (abbreviations, initials, "U.S." before a starter,
  a.m./p.m., money, parentheses, e-mail and web addresses, quotations, "!!" and "?!", numbered,
  lettered and Roman lists, "N°.", "Yahoo!", ellipses in all their forms), written for this
  test (pysbd's test files are not installed with it);
- the BBC corpus: every paragraph of a sample (fast test), every paragraph and sentence of
  all of it (slow test);
- generated paragraphs dense in marks: abbreviations in every case, lists, quotes of every
  kind, brackets, ellipses, line breaks, the four letters İ ı ſ K;
- and, for the two ways the module skips work: each rewritten pattern finds the same matches
  as pysbd's, and a pattern never matches a text lacking what :data:`NEEDS` says it needs.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.story import fastsbd

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"


def _pysbd(text: str):
    seg = fastsbd.segmenter()
    return seg.processor(text).process()


def _check(texts) -> int:
    n = 0
    for text in texts:
        assert fastsbd.process(text) == _pysbd(text), text
        n += 1
    return n


GOLDEN_KINDS = [
    "The river rose. Farmers moved their herds.",
    "Did the vote pass? Nobody could say.",
    "It worked! The crowd cheered.",
    "The letter came from Anna K. Moreau.",
    "See p. 214 for the table.",
    "Were Tom and co. invited?",
    "The firm hired Lutz, Berg & Co. last spring.",
    "Ask Tom and co. They will know.",
    "The firm hired Lutz, Berg & Co. It paid well.",
    "We climbed Mt. Kenya in June.",
    "St. Anne's School is on 3rd st. beside the park.",
    "That was Ed Ross Jr.'s idea.",
    "They toured the U.S.A. in May.",
    "They live in the E.U. Do you?",
    "They live in the U.S. Do you?",
    "She joined the U.S. Navy in Ohio.",
    "He has worked in the U.S. for 12 years.",
    "At 7 a.m. Dr. Patel left home. She came back at 9 P.M. Dr. Patel then slept.",
    "The ticket cost $45.50 at the door.",
    "The ticket cost $45.50. It was worth it.",
    "He sings jazz (He trained for 8 years as a pianist.) at the club.",
    "Write to Sam.Lee@mail.example.org. He replies fast.",
    "The page is: https://news.example.co.uk/story/one_two.html. Read it.",
    "He looked up, 'That is odd.' he said.",
    'He looked up, "That is odd." he said.',
    'He looked up, "That is odd." He put the cup down.',
    "Wow!! That was quick.",
    "Really?? Who said so?",
    "What!? You too?",
    "Why?! Tell me.",
    "1.) Wash the pan 2.) Dry the pan",
    "1.) Wash it. 2.) Dry it.",
    "1) Wash the pan 2) Dry the pan",
    "1) Wash it. 2) Dry it.",
    "1. Wash the pan 2. Dry the pan",
    "1. Wash it. 2. Dry it.",
    "• 9. Wash the pan • 10. Dry the pan",
    "⁃9. Wash the pan ⁃10. Dry the pan",
    "a. Wash the pan b. Dry the pan c. Stack the pan",
    "i. Wash ii. Dry iii. Stack",
    "(i) Wash (ii) Dry (iii) Stack",
    "a) Wash b) Dry c) Stack",
    "The box is at N°. 4411.20.7. That is the spot.",
    "He works at Yahoo! in sales.",
    "It was you and I. Did you meet Carl J. Lund today?",
    "She said that by slowing down, “the days will feel longer. . . .”",
    '"Marx [...] wrote of history [...]" (Ives 12).',
    "The rule is to end with a space and a period . . . . Then go on.",
    "I never said it.... He walked off.",
    "I was not ... well, what I mean...look . . . you know, the point is . . . I meant no harm.",
    "The habit faded . . . as did the others. . . . The town moved on. . . .",
    "Mr. and Mrs. Holt met Prof. Ng, Gen. Ortiz and Sen. Blake.",
    "It rose 4.5% in Jan. and fell in Feb. Traders shrugged.",
    "The i.e. case, the e.g. case, and the Ph.D. case.",
    "No. 10 said no. It did not say yes.",
    "Art. 5 and fig. 3 of the report, pp. 12-14.",
    "He left at 5 p.m. The next day he was back.",
    "“Go home.” He went. ‘Fine,’ she said. «Bien.» Done.",
    "It was -- as he put it -- a mess. Then it ended.",
    "Line one.\nLine two.\rLine three.",
    "The pH was 7.4 (see fig. 2). It held [as expected.] Then it fell.",
    "Ship İstanbul. Kelvin ſtreet. Dr. ıtem.",
    "Visit www.example.com. Then file report.pdf or notes .docx today.",
    "",
    " ",
    "...",
    "!!!",
    "He said: “Stop!!!” She ran???",
]


def test_golden_rule_kinds_split_as_pysbd_splits_them():
    assert _check(GOLDEN_KINDS) == len(GOLDEN_KINDS)


# --------------------------------------------------------------------------------------------
# Generated paragraphs

WORDS = [
    "the",
    "He",
    "said",
    "Mr.",
    "Mrs.",
    "Dr.",
    "dr.",
    "DR.",
    "St.",
    "st.",
    "Co.",
    "co.",
    "KG",
    "Inc.",
    "Jan.",
    "Feb.",
    "no.",
    "No.",
    "Nos.",
    "p.",
    "pp.",
    "art.",
    "fig.",
    "vs.",
    "v.",
    "etc.",
    "e.g.",
    "i.e.",
    "E.g.",
    "Ph.D.",
    "U.S.",
    "U.S.A.",
    "U.K.",
    "E.U.",
    "a.m.",
    "p.m.",
    "A.M.",
    "P.M.",
    "is.",
    "is",
    "this.",
    "I",
    "I.",
    "A.",
    "B.",
    "a.",
    "b.",
    "c.",
    "i.",
    "ii.",
    "iv.",
    "(a)",
    "(b)",
    "(iv)",
    "a)",
    "b)",
    "1.",
    "2.",
    "3.",
    "1)",
    "2)",
    "10.",
    "11.",
    "12",
    "2004.",
    "4.5",
    "$45.50",
    "£1.3bn",
    "30%.",
    "N°.",
    "45°.",
    "Yahoo!",
    "Yum!",
    "!Kung",
    "Sam.Lee@mail.org",
    "www.example.com",
    ".pdf",
    "file.txt",
    "—",
    "--",
    "-",
    "•",
    "⁃",
    "...",
    "....",
    ". . .",
    ". . . .",
    "!",
    "?",
    "!!",
    "??",
    "?!",
    "!?",
    "!!!",
    "???",
    "'s",
    "Jr.'s",
    "“Go",
    "home.”",
    "‘yes,’",
    '"No."',
    "'Hi.'",
    "«Oui.»",
    "(He",
    "left.)",
    "[sic.]",
    "(1)",
    "(2)",
    "İstanbul.",
    "ſt.",
    "ıs.",
    "Kelvin.",
    "café.",
    "naïve.",
    "\n",
    "\r",
    "\t",
]
STOPS = [". ", ". ", "? ", "! ", " ", " ", "  ", ".\n", "", ".” ", '." ', "!) ", "… "]


def _paragraph(pick, between) -> str:
    parts = []
    for _ in range(between(1, 20)):
        parts.append(pick(WORDS))
        parts.append(pick(STOPS) if between(0, 3) == 0 else " ")
    return "".join(parts)


def test_generated_paragraphs_split_as_pysbd_splits_them():
    rng = random.Random(20230719)
    assert _check(_paragraph(rng.choice, rng.randint) for _ in range(2500)) == 2500


@pytest.mark.slow
def test_more_generated_paragraphs_split_as_pysbd_splits_them():
    rng = random.Random(11)
    assert _check(_paragraph(rng.choice, rng.randint) for _ in range(25_000)) == 25_000


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_hypothesis_paragraphs_split_as_pysbd_splits_them(data):
    _check(
        [
            _paragraph(
                lambda seq: data.draw(st.sampled_from(seq)),
                lambda a, b: data.draw(st.integers(a, b)),
            )
        ]
    )


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("aAiIsSkK.!?,;:'\"“”‘’()[]-–— \n\r\t0123456789İıſKé°•")),
        max_size=60,
    )
)
def test_mark_soup_splits_as_pysbd_splits_it(text):
    _check([text])


# --------------------------------------------------------------------------------------------
# The two shortcuts, rule by rule


def _probe_texts() -> list[str]:
    rng = random.Random(5)
    texts = GOLDEN_KINDS + [_paragraph(rng.choice, rng.randint) for _ in range(1500)]
    # the texts as pysbd's rules see them, with its placeholder marks in
    texts += [
        t.replace(".", "∯", 1).replace("!", "&ᓴ&", 1).replace("?", "&ᓷ&", 1) for t in texts[:400]
    ]
    texts += ["♨ 1♨ x\r2♨ y", "☝ 1☝ x 2☝ y", "ƪƪƪ ☏☏. ♟♟♟♟♟♟♟ ♝♝♝♝♝♝♝ ∮ &⎋& ȸ ȹ"]
    if BBC.is_dir():
        texts += _bbc_paragraphs(every=25)
    return texts


def test_rewritten_patterns_match_where_pysbd_patterns_match():
    rewritten = [p for p in fastsbd._tables()[0] if fastsbd.same_matches(p) != p]
    assert len(rewritten) >= 8
    texts = _probe_texts()
    for pattern in rewritten:
        old, new = re.compile(pattern), re.compile(fastsbd.same_matches(pattern))
        for text in texts:
            assert [m.span() for m in old.finditer(text)] == [
                m.span() for m in new.finditer(text)
            ], (pattern, text)
            assert old.sub("#", text) == new.sub("#", text)


def test_a_pattern_never_matches_a_text_without_what_it_needs():
    needs = fastsbd._tables()[0]
    texts = _probe_texts()
    hits = 0
    for pattern, need in needs.items():
        rx = re.compile(pattern)
        for text in texts:
            if rx.search(text):
                hits += 1
                for s in need:
                    assert (s in text) if isinstance(s, str) else bool(s.search(text)), (
                        pattern,
                        s,
                        text,
                    )
    assert hits > 1000


def test_literal_rules_are_literal():
    from pysbd.lang.english import English as E

    for rule in (*E.SubSymbolsRules.All, *E.ReinsertEllipsisRules.All, E.SubSingleQuoteRule):
        assert re.escape(rule.pattern) == rule.pattern or re.fullmatch(
            re.escape(rule.pattern), rule.pattern
        )


def test_punctuation_replacement_is_pysbd_own():
    from pysbd.punctuation_replacer import replace_punctuation

    for text in GOLDEN_KINDS + ["a\\(b)[c]-d.e!f?g'h。i．j！k？l", "\\-\\\\(x)", "(-)[-]'\\"]:
        m = re.match(r"(?s).*", text)
        assert fastsbd._replace_punctuation(m) == replace_punctuation(m)
        assert fastsbd._replace_punctuation(m, "single") == replace_punctuation(
            m, match_type="single"
        )


# --------------------------------------------------------------------------------------------
# The BBC corpus


def _bbc_paragraphs(every: int = 1) -> list[str]:
    out = []
    for p in sorted(BBC.glob("*/*.txt"))[::every]:
        text = p.read_bytes().decode("utf-8", errors="replace")
        out += [ln.strip() for ln in text.splitlines() if ln.strip()]
    return out


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_bbc_sample_paragraphs_split_as_pysbd_splits_them():
    assert _check(_bbc_paragraphs(every=12)) > 1000


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not on this machine")
def test_every_bbc_paragraph_and_sentence_splits_as_pysbd_splits_them():
    paragraphs = _bbc_paragraphs()
    sentences = [s for p in paragraphs for s in fastsbd.process(p)]
    whole = [
        p.read_bytes().decode("utf-8", errors="replace") for p in sorted(BBC.glob("*/*.txt"))[::25]
    ]
    assert _check(paragraphs + sentences + whole) > 50_000

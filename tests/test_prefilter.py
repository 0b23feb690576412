"""The furniture rules' screens (analysis.story.prefilter) never skip a rule that matches: on
the fast path ``cleaning._match`` finds the same rule as searching every pattern, on every line
of the BBC corpus, on generated lines made of the patterns' own words, and on patterns written
to hit each part of the screen (anchors, look-aheads, optional parts, non-ASCII characters)."""

from __future__ import annotations

import random
import re

import pytest

from analysis.evaluation.lines import BBC_DIR
from analysis.story import cleaning, prefilter


def _plain(rules, text: str, outlet: str = "", scope: str | None = None):
    for rule in rules:
        if scope is not None and rule.scope != scope:
            continue
        if rule.outlet and rule.outlet != outlet:
            continue
        if rule.pattern.search(text):
            return rule
    return None


def _check(rules, lines) -> int:
    found = 0
    for text in lines:
        for scope in (None, "footer"):
            want = _plain(rules, text, scope=scope)
            assert cleaning._match(rules, text, "", scope=scope) is want, (text, scope)
            found += want is not None
    return found


def _words(pattern: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}|[:/|©#@&()\[\]\d.,!?-]", pattern)


def test_screens_keep_every_match_on_generated_lines():
    rules = cleaning.load_rules()
    rng = random.Random(18)
    vocab = sorted({w for r in rules for w in _words(r.pattern.pattern)})
    lines = []
    own = [_words(r.pattern.pattern) for r in rules]
    for _ in range(8000):
        k = rng.choice([1, 2, 3, 4, 6, 10, 30])
        if rng.random() < 0.5:  # a run of one rule's own words, in order
            words = rng.choice(own)
            start = rng.randrange(len(words))
            words = words[start : start + k]
        else:
            words = [rng.choice(vocab) for _ in range(k)]
        text = " ".join(words)
        style = rng.random()
        if style < 0.2:
            text = text.upper()
        elif style < 0.4:
            text = text.title()
        if rng.random() < 0.2:
            text = "Some body words, said the minister. " + text
        if rng.random() < 0.3:  # typography: the fast path reads these lines too
            text = text.replace("'", "’").replace('"', "“").replace(" - ", " — ")
            text = rng.choice(["", "“", "£5 ", "Café "]) + text + rng.choice(["", "”", " —"])
        lines.append(text)
    # the rules' own examples (furniture.csv's note column quotes them)
    notes = cleaning.FURNITURE_FILE.read_text(encoding="utf-8")
    lines += re.findall(r'""([^"]{3,}?)""', notes)
    found = _check(rules, lines)
    assert found > 300  # the generated lines do reach the rules


@pytest.mark.corpus
@pytest.mark.slow
def test_screens_keep_every_match_on_the_bbc_corpus():
    if not BBC_DIR.is_dir():
        pytest.skip("the BBC corpus (../shared/corpora/bbc-news) is not here")
    rules = cleaning.load_rules()
    lines = []
    for path in sorted(BBC_DIR.glob("*/*.txt")):
        for raw in path.read_bytes().decode("latin-1").splitlines():
            text = cleaning.clean_line(raw)
            if text:
                lines.append(text)
    assert len(lines) > 12000
    _check(rules, lines)


CASES = [
    # (pattern, texts)
    (r"^(?=.{0,20}$)(?:up next|listen)$", ["up next", "Up Next", "listen", "listen " * 5]),
    (r"^\(?\d{1,2}:\d{2}$|^now playing$", ["4:06", "(12:30", "now playing", "Now Playing!"]),
    (r"(?:photo|image)\s*(?:/|by)\s+\w+$", ["Photo by Ann", "IMAGE/ Getty", "photos by x"]),
    (r"don[’']?t miss", ["Don't miss", "dont miss", "don’t miss", "don t miss"]),
    (r"(?-i:[A-Z][a-z]+/[A-Z]\w+)$", ["Jane Doe/AP", "jane doe/ap", "Text A/B"]),
    (r"©\s*\d{4}|^copyright\b", ["(c) 2020", "Copyright 2020", "© 2020"]),
    (r"\bpark\b", ["PARK", "par\u212a", "the park is"]),  # the Kelvin sign matches k
    (r"\bmis\b", ["MIS", "mi\u017f", "a mis b"]),  # the long s matches s
    (r"Straße", ["strasse", "STRASSE", "straße"]),
    (r"\bkm\b|cafe", ["5 KM", "café", "CAFE"]),
    (r"a(?:bc)?d|x{2,3}y", ["ad", "abcd", "xxy", "xxxy", "xy", "ABCD"]),
    (r"^(?!.*\d)(?:read|see) more\b", ["read more", "see more 2", "Read More here"]),
    (r"(?m:^)foo", ["foo", "a foo", "b\nfoo"]),
    (r"[A-Z][a-z]+\s?(?:/|—)\s?[A-Z]\w+$", ["Jane Doe — AP", "Doe/AP", "Ann —Reuters"]),
    (r"^(?:©|\(c\))\s*\d{4}|^“?read more", ["© 2021", "(c) 2021", "“Read more", "read more"]),
    (r"caf[eé] (?:au|du) lait", ["Café au lait", "CAFE DU LAIT", "cafÉ au lait"]),
]


@pytest.mark.parametrize("pattern, texts", CASES)
def test_screen_is_a_necessary_condition(pattern, texts):
    compiled = re.compile(pattern, re.IGNORECASE)
    screen = prefilter.screen(compiled, anchored=True)
    rng = random.Random(pattern)
    more = []
    for t in texts:
        more += [t, t + " tail", "head " + t, t[:-1], t.swapcase(), " " + t]
        chars = list(t)
        rng.shuffle(chars)
        more.append("".join(chars))
    wide = prefilter.screen(compiled, anchored=True, any_text=True)
    for text in more:
        if "\n" in text or not compiled.search(text):
            continue
        if screen is not None and text.isascii():
            assert screen(text.lower(), len(text)), (pattern, text)
        if wide is not None and prefilter.CASE_SPECIALS.isdisjoint(text):
            assert wide(text.lower(), len(text)), (pattern, text)


def test_case_specials_are_the_engines():
    """The characters other than ASCII that a case-insensitive ASCII character matches, asked
    of the engine over every code point; and no other character lower-cases to ASCII."""
    chars = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = set(re.compile("[\x00-\x7f]", re.IGNORECASE).findall(chars))
    assert found == set(prefilter.CASE_SPECIALS)
    assert not [c for c in chars if c not in found and any(x.isascii() for x in c.lower())]


def test_screens_skip_most_rules_on_a_body_line():
    rules = cleaning.load_rules()
    line = (
        "The minister said on Tuesday that the plan would cost more than expected, and that "
        "the budget for the coming year had been agreed with the other parties in the talks."
    )
    plan = prefilter.plan(rules, None)
    screened = [s for _, _, s, _ in plan if s is not None]
    assert len(screened) >= len(plan) // 2
    skipped = sum(not s(line.lower(), len(line)) for s in screened)
    assert skipped >= len(screened) * 0.8

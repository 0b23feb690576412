"""Every line of the three seed articles has the role a careful human reader gives it.

The expectations below were written from a hand reading of the raw files (``cat -n seeds/*.txt``),
not from the cleaner's output.
"""

from __future__ import annotations

import pytest

from analysis.paths import SEEDS_DIR
from analysis.story.cleaning import classify_lines
from analysis.story.loading import load_story


def _expected(n_lines: int, roles: dict[str, list[int]]) -> dict[int, str]:
    out = {}
    for role, numbers in roles.items():
        for n in numbers:
            assert n not in out, f"line {n} given two roles in the test"
            out[n] = role
    for n in range(1, n_lines + 1):
        out.setdefault(n, "blank")
    return out


# 000: Fox News Digital (with AP), as republished by an aggregator.
FOX = _expected(
    48,
    {
        "headline": [1],
        "body": [3, 5, 7, 9, 13, 15, 17, 19, 21, 27, 31, 33],
        "boilerplate": [
            11,  # WAGNER MOVE TO BELARUS ... (all-caps related-story link)
            25,  # RUSSIAN INTELLIGENCE AGENT PLEADS NOT GUILTY ... (all-caps related-story link)
            37,  # Read the full article Here (aggregator)
            39,
            41,  # comment form
            43,
            44,
            45,
            46,
            47,  # newsletter box
            48,  # close-link
        ],
        "caption": [23, 29],  # video captions pasted between paragraphs
        "credit": [35],  # The Associated Press contributed to this report.
    },
)

# 001: Kyiv Post running AFP copy: one paragraph a line, no headline.
KYIV = _expected(
    23,
    {
        "body": [1, 2, 5, 6, 7, 8, 9, 10, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22],
        "boilerplate": [
            3,
            4,  # JOIN US ON TELEGRAM / Follow our coverage ... @Kyivpost_official.
            11,  # related-story title
            23,  # "highlight the text and press Ctrl + Enter" footer
        ],
        "subhead": [13],  # AFP crosshead "- 'Win the race' -"
    },
)

# 002: LBC, by Jenny Medlicott.
LBC = _expected(
    49,
    {
        "headline": [1],
        "dateline": [3],
        "caption": [5, 6, 32, 33],  # each caption pasted twice, once with "Picture: ..."
        "byline": [8],
        "body": [10, 12, 14, 16, 18, 20, 22, 24, 26, 35, 37, 39, 41, 43, 45, 47, 49],
        "boilerplate": [28, 30],  # Read more: ...
    },
)

EXPECTED = {
    "000_7e1ee2103f96c4a8.txt": FOX,
    "001_18c10f1d57aea1e8.txt": KYIV,
    "002_c17e003ac22b380f.txt": LBC,
}


@pytest.fixture(scope="module")
def seed_lines():
    story = load_story(SEEDS_DIR)
    return classify_lines(story.articles, story.folder)


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_every_seed_line_has_the_role_a_reader_gives_it(seed_lines, file):
    got = dict(seed_lines.loc[seed_lines["file"] == file, ["line", "role"]].itertuples(index=False))
    wrong = {n: (got.get(n), want) for n, want in EXPECTED[file].items() if got.get(n) != want}
    assert not wrong, f"{file}: line -> (got, expected): {wrong}"


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_each_raw_line_is_classified_exactly_once(seed_lines, file):
    raw = (SEEDS_DIR / file).read_bytes().decode("utf-8")
    n_raw = len(raw.splitlines())
    part = seed_lines[seed_lines["file"] == file]
    assert len(part) == n_raw
    assert list(part["line"]) == list(range(1, n_raw + 1))


def test_the_issue_examples_hold(seed_lines):
    role = {
        (f[:3], n): r for f, n, r in seed_lines[["file", "line", "role"]].itertuples(index=False)
    }
    assert role[("000", 11)] == "boilerplate"  # related-story link
    assert role[("000", 35)] == "credit"  # agency credit
    assert role[("001", 13)] == "subhead"  # crosshead
    assert role[("002", 5)] == role[("002", 6)] == "caption"
    assert role[("002", 8)] == "byline"


def test_every_line_has_a_reason(seed_lines):
    assert seed_lines["reason"].str.len().min() > 0


def test_the_broken_entity_in_an_lbc_caption_is_decoded(seed_lines):
    row = seed_lines[(seed_lines["file"].str.startswith("002")) & (seed_lines["line"] == 32)].iloc[
        0
    ]
    assert "&squot;" in row["text"]  # raw text is never changed
    assert "Wagner group's attempted coup" in row["clean"]

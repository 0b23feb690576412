"""The development set of quotes and speakers (``tests/devsets/quotes/``, issue 13): every
hand-labelled case pinned, the scores the issue asks for, and the scorer itself.

Each gold row is one test: the quote must be found in its article, and its speaker must be the
hand-labelled one (blank for nobody). Cases the workbook still gets wrong are listed in
``tests/devsets/quotes/known_failures.txt`` and run as strict expected failures, so a change
that fixes one (or breaks one that worked) shows up as a test result, not only as a score.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.evaluation import quotes as ev

DEVSET = Path(__file__).parent / "devsets" / "quotes"
KNOWN = {line.split("#")[0].strip() + "#" + line.split("#")[1].split()[0]
         for line in (DEVSET / "known_failures.txt").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("//")}


def _cases():
    out = []
    for folder in ev.stories(DEVSET):
        gold = ev.read_gold(folder)
        for n, row in enumerate(gold.itertuples(index=False), start=2):
            case = f"{folder.name}/{row.file}#{n}"
            marks = [pytest.mark.xfail(strict=True, reason="known failure")] if case in KNOWN else []
            out.append(pytest.param(folder.name, n, id=case, marks=marks))
    return out


@pytest.fixture(scope="module")
def matches() -> pd.DataFrame:
    frames = []
    for folder in ev.stories(DEVSET):
        m = ev.match_story(folder)
        gold = m[m.gold_quote != ""].copy()
        gold["gold_line"] = range(2, len(gold) + 2)
        frames.append(pd.concat([gold, m[m.gold_quote == ""]]))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("story, line", _cases())
def test_devset_case(matches, story, line):
    row = matches[(matches.story == story) & (matches.gold_line == line)].iloc[0]
    assert row.found, f"not found: {row.gold_quote!r}"
    assert row.speaker_correct, (f"{row.gold_quote!r}: speaker {row.speaker!r} "
                                 f"(evidence {row.speaker_evidence!r}), expected {row.gold_speaker!r}")


def test_known_failures_name_real_cases():
    cases = {p.id for p in _cases()}
    assert KNOWN <= cases, sorted(KNOWN - cases)


def test_the_devset_is_as_large_as_the_issue_asks():
    gold = pd.concat([ev.read_gold(f) for f in ev.stories(DEVSET)])
    manifests = pd.concat([pd.read_csv(f / "manifest.csv", dtype=str, keep_default_na=False)
                           for f in ev.stories(DEVSET)])
    assert ((gold.kind == "quote") & (gold.speaker != "")).sum() >= 200
    assert len(manifests) >= 40 and manifests.outlet.nunique() >= 20
    assert len(ev.stories(DEVSET)) >= 4


def test_scores_reach_the_issue_targets(matches):
    overall = ev.score(DEVSET, matches).iloc[-1]
    assert overall.precision >= 0.95
    assert overall.recall >= 0.97
    assert overall.speaker_accuracy >= 0.90


def test_no_devset_story_is_the_seeds_story_or_from_july_2023():
    for folder in ev.stories(DEVSET):
        manifest = pd.read_csv(folder / "manifest.csv", dtype=str, keep_default_na=False)
        assert not manifest.published.str.startswith("2023-07").any()
        text = " ".join(p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))
        assert "MI6" not in text and "Richard Moore" not in text


# --- the scorer --------------------------------------------------------------------------------

def test_words_key_ignores_case_typography_and_punctuation():
    assert ev.words_key("“Now what, 45?”") == ("now", "what", "45")
    assert ev.words_key("don’t") == ev.words_key("don't")


def test_speaker_key_ignores_case_and_spacing():
    assert ev.speaker_key(" Dana  Whitfield") == ev.speaker_key("dana whitfield")
    assert ev.speaker_key("") == ""


def _tiny(story, gold: str):
    folder = story({"a.txt": "Title\n\n\"One two,\" Ann Lee said. \"One two.\"\n\n"
                             "She called it \"odd\".\n"}, "file,outlet\na.txt,A\n")
    (folder / "gold.csv").write_text(gold, encoding="utf-8")
    return folder


def test_repeated_quotes_pair_in_reading_order(story):
    folder = _tiny(story, "file,quote,speaker,kind\na.txt,One two,Ann Lee,quote\n"
                          "a.txt,One two.,Ann Lee,quote\na.txt,missing words,,quote\n")
    quotes = pd.DataFrame({"file": ["a.txt"] * 3, "line": [3, 3, 5], "start": [1, 20, 40],
                           "quote_id": ["q1", "q2", "q3"], "location": ["body"] * 3,
                           "quote": ["One two", "One two.", "odd"],
                           "speaker": ["Ann Lee", "", "Ann Lee"],
                           "speaker_evidence": ["Ann Lee", "", "She"]})
    m = ev.match_story(folder, quotes)
    gold = m[m.gold_quote != ""]
    assert gold.quote_id.tolist() == ["q1", "q2", ""]
    assert gold.speaker_correct.tolist()[:2] == [True, False]
    scores = ev._scores("s", m, 1, 1)
    assert (scores["precision"], scores["recall"], scores["speaker_accuracy"]) == (2 / 3, 2 / 3, 1 / 2)


def test_a_bad_gold_row_names_its_line(story):
    folder = _tiny(story, "file,quote,speaker,kind\na.txt,One two,Ann Lee,speech\n")
    with pytest.raises(ValueError, match="line 2"):
        ev.read_gold(folder)

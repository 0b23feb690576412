"""The line cleaner in a story folder: each article judged against the other outlets' words.

Validated against hand labels (``tests/devsets/stories/``: three invented stories, four or five
outlets' pastes each, every line labelled before the rule was written) and against texts built
here whose roles are known by construction.
"""

from __future__ import annotations

import pandas as pd

from analysis.evaluation import lines as ev
from analysis.story.cleaning import classify_lines
from analysis.story.loading import Story, load_story, story_vocabulary

BODY = [
    "Fire crews fought a blaze at the Harlow Mill warehouse in Dunmere for six hours, officers said.",
    "Station officer Ines Varga said the roof of the Harlow Mill building had collapsed overnight.",
    "Dunmere council has closed the canal towpath beside the warehouse until engineers inspect it.",
    "Ines Varga said nobody had been inside the warehouse when the fire started in Dunmere.",
]
#: The same story as another outlet tells it: the same names and topic words, other sentences.
OTHER = [
    "A fire at a disused warehouse in Dunmere took crews six hours to bring under control, they said.",
    "The Harlow Mill roof gave way during the night, according to station officer Ines Varga.",
    "Engineers will inspect the canal towpath next to the mill before the council reopens it.",
    "Nobody was in the building when the blaze began, Ines Varga told reporters in Dunmere.",
]
#: A vox pop: a resident no other outlet spoke to, none of the story's words, but reported speech.
VOX_POP = "Retired teacher Agnes Mbeki, who walks her dog by the canal daily, said she felt uneasy."
TEASER = "A pensioner has raised money for the village choir by knitting tiny woollen hats."


def _page(body: list[str], extra: list[str] = ()) -> str:
    lines = ["Home", "News", "", "Warehouse fire in Dunmere", "", "Share this article", ""]
    for t in body[:2] + list(extra) + body[2:]:
        lines += [t, ""]
    return "\n".join(lines + ["Related Topics", "Most read", ""])


def _articles(pages: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"file": f, "outlet": f.split("_")[0], "author": "", "headline": "", "text": t}
            for f, t in pages.items()
        ]
    )


def _role(table: pd.DataFrame, file: str, text: str) -> tuple[str, str]:
    row = table[(table["file"] == file) & (table["clean"] == text)].iloc[0]
    return row["role"], row["reason"]


def test_a_line_sharing_no_words_with_the_other_outlets_is_furniture():
    arts = _articles(
        {
            "alpha_fire.txt": _page(BODY, [TEASER, VOX_POP]),
            "beta_fire.txt": _page(OTHER),
            "gamma_fire.txt": _page(OTHER[::-1]),
        }
    )
    off = classify_lines(arts)
    on = classify_lines(arts, story_words=story_vocabulary(arts))
    assert _role(off, "alpha_fire.txt", TEASER)[0] == "body"  # alone, it reads as a paragraph
    role, reason = _role(on, "alpha_fire.txt", TEASER)
    assert role == "boilerplate"
    assert "shares none of its" in reason and "2 other articles" in reason
    assert _role(on, "alpha_fire.txt", VOX_POP) == _role(off, "alpha_fire.txt", VOX_POP)
    # Every paragraph of the story is still kept.
    for f, body in (("alpha_fire.txt", BODY), ("beta_fire.txt", OTHER)):
        for t in body:
            assert _role(on, f, t) == _role(off, f, t)


def test_a_line_found_word_for_word_in_another_article_is_left_alone():
    # Two outlets running the same wire copy share its lines, furniture included: a line found
    # word for word in another article is not judged by the words (the teaser stays as it was;
    # so does every paragraph, though its words are only in the other copy).
    arts = _articles(
        {
            "alpha_fire.txt": _page(BODY, [TEASER]),
            "beta_fire.txt": _page(BODY, [TEASER]),
            "gamma_fire.txt": _page(OTHER),
        }
    )
    on = classify_lines(arts, story_words=story_vocabulary(arts))
    off = classify_lines(arts)
    assert on.equals(off)
    # Identical wire copies alone: every line of one is in the other, nothing is judged.
    two = _articles({"alpha_fire.txt": _page(BODY), "beta_fire.txt": _page(BODY)})
    assert classify_lines(two, story_words=story_vocabulary(two)).equals(classify_lines(two))


def test_one_article_or_a_corpus_is_classified_on_its_own():
    one = _articles({"alpha_fire.txt": _page(BODY, [TEASER])})
    assert story_vocabulary(one) == {}
    assert classify_lines(one, story_words=story_vocabulary(one)).equals(classify_lines(one))
    # A story folder is one story; a Story built from a corpus chunk (the batch path) is not.
    assert load_story().together
    assert not Story(load_story().folder, one).together


def test_story_devset_scores_with_the_other_outlets_on_and_off():
    folders = ev.story_folders()
    assert [p.name for p in folders] == ["ferry-pier", "library-strike", "orchard-frost"]
    off, on = [], []
    for path in folders:
        devset = ev.load_devset(path)
        assert 4 <= len(devset.articles) <= 5
        off.append(ev.predict(devset, ev.shipped_method()))
        on.append(ev.predict(devset, ev.story_method()))
    s_off = ev.body_scores(pd.concat(off))
    s_on = ev.body_scores(pd.concat(on))
    assert s_on["recall"] == 1.0  # no paragraph lost
    assert s_on["furniture_as_body"] < s_off["furniture_as_body"]
    assert s_on["f1"] >= 0.96
    assert "all stories, on" in ev.stories_report()

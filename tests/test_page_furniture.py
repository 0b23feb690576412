"""Line roles for the furniture that saved pages bring with their text (and pastes too):
print-edition notes, social and app promotions, comment counts, the author's biography."""

import pytest

from analysis.story.cleaning import classify_article, load_rules

BODY = ["The council approved the plan on Monday after a long debate about its cost and its timing.",
        "Work will start in the spring and should take about a year, the council said."]


def roles(lines, author=""):
    return [r for r, _ in classify_article(lines, "Outlet", load_rules(), author)]


@pytest.mark.parametrize("line", [
    "A version of this article appears in print on Oct. 9, 2024, Section A, Page 14 of the New York edition.",
    "This article appears in the September issue of Field & Fold. Subscribe here.",
    "Follow the Westcombe Evening Post on Facebook for the latest news",
    "Watch the latest news from KRVN 9 on our free streaming app, available on Roku, Fire TV and Apple TV.",
    "Comments (34)",
])
def test_page_furniture_after_the_article_is_not_body(line):
    assert roles(["Headline of the story", *BODY, line])[-1] != "body"


@pytest.mark.parametrize("line", [
    "Harold Nkemelu covers education and rural issues in the South for The Times. He is based in Louisville, Ky.",
    "Miriam Achebe-Ford is a writer and former chair of the Lanchester Civic Society",
])
def test_a_line_introducing_the_articles_author_is_their_biography(line):
    author = line.split(" covers ")[0].split(" is a ")[0]
    assert roles(["Headline of the story", *BODY, line], author=author)[-1] == "byline"
    assert roles(["Headline of the story", *BODY, line])[-1] in ("body", "caption")  # no author: unknown


@pytest.mark.parametrize("line", [
    "Follow the money, investigators say, and the trail leads to three companies in Cyprus.",
    "Watch what happens when the tide comes in, she told visitors on the pier last summer.",
    "Comments made by the minister on Tuesday were criticised by opposition parties.",
    "Rosa Pettifer is a councillor who has campaigned for the pier for ten years, and she welcomed it.",
])
def test_body_sentences_that_look_a_little_like_furniture_stay_body(line):
    assert roles(["Headline of the story", BODY[0], line, BODY[1]], author="Ann Smith")[2] == "body"

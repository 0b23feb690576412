"""Line roles on page layouts met in issue 14's fresh batch 17 (a hard-wrapped paste with no
blank lines, a paywall's count and price, a translation note, related links after the article,
a comment count and comment rules, a caption over its photo credit in brackets, a live blog's
last post, market figures): every line below is invented for these tests."""

import textwrap

import pandas as pd
import pytest

from analysis.story.cleaning import classify_lines
from tests.page_lines import role_of, roles, spaced

PARAS = [
    "The harbour board voted on Monday to dredge the eastern channel before the spring tides.",
    "Board members said silt had cut the channel's depth by almost a metre since last winter.",
    "Two fishing co-operatives will share the cost, which the board put at about 2.4 million.",
    "Skippers have complained for months that loaded boats touch the bottom at low water.",
]


PAGE_TOP = ["Menu", "Harbour board to dredge the eastern channel", "By Rosa Kettering", "Share"]


# A hard-wrapped paste with no blank lines: its head, a caption wrapped over two lines over its
# photo credit in brackets, and two link lines between the paragraphs.
WRAP = 60
HEAD_LINE = "Lakeside ferry operators add night crossings while the bridge"
HEAD_REST = "repairs stretch into winter"
WRAPPED_PARAS = [
    "KISUMU - Two ferry companies on the lake will run crossings every hour through the "
    "night from next week, while engineers finish repairs to the only road bridge in the "
    "district.",
    "The county transport office said the repairs, which began in August, had found more "
    "rust in the steel supports than inspectors expected when the work was planned.",
    "Traders who carry fish to the morning market said the night boats would save them a "
    "drive of almost three hours around the southern shore of the lake.",
    "The county said the bridge should reopen to light vehicles by the end of January and to "
    "lorries a month after that.",
]
CAPTION = [
    "Passengers board a ferry at the Kisumu pier on Saturday",
    "evening. (Photo by Mercy Atieno)",
]
LINKS = [
    "Related: Fish traders count losses as fuel prices climb again",
    "Related: County opens tenders for new lakeside market stalls",
]


def wrapped_page() -> list[str]:
    paras = [textwrap.wrap(p, WRAP) for p in WRAPPED_PARAS]
    return (
        ["Lakeside Herald - The Valley's Daily Paper", "Home > News > Transport"]
        + [HEAD_LINE, HEAD_REST, "By Peter Okello", "Added 4th November 2025 09:40 AM"]
        + paras[0]
        + paras[1]
        + CAPTION
        + paras[2]
        + LINKS
        + paras[3]
        + ["Tags: Ferries, Kisumu, Transport"]
    )


def wrapped_lines(headline: str) -> pd.DataFrame:
    page = wrapped_page()
    articles = pd.DataFrame(
        {
            "file": ["a.txt"],
            "outlet": ["Lakeside Herald (style)"],
            "author": ["Peter Okello"],
            "headline": [headline],
            "text": ["\n".join(page) + "\n"],
        }
    )
    return classify_lines(articles, warnings=[])


@pytest.mark.parametrize("headline", [HEAD_LINE + " " + HEAD_REST, ""])
def test_a_hard_wrapped_pastes_head_is_not_joined_into_a_paragraph(headline):
    lines = wrapped_lines(headline).set_index("clean")
    for line in (HEAD_LINE, HEAD_REST, "By Peter Okello", "Added 4th November 2025 09:40 AM"):
        assert lines.loc[line, "role"] != "body", line
    assert lines.loc["By Peter Okello", "role"] == "byline"


def test_a_headline_wrapped_over_two_lines_is_found_from_the_manifest():
    lines = wrapped_lines(HEAD_LINE + " " + HEAD_REST).set_index("clean")
    assert lines.loc[HEAD_LINE, "role"] == "headline"
    assert lines.loc[HEAD_REST, "role"] == "headline"
    assert "wrapped from line 3" in lines.loc[HEAD_REST, "reason"]
    assert lines.loc["Home > News > Transport", "role"] == "boilerplate"


def test_a_caption_wrapped_over_two_lines_over_its_photo_credit_is_a_caption():
    lines = wrapped_lines("").set_index("clean")
    for line in CAPTION:
        assert lines.loc[line, "role"] == "caption", line
    assert "caption wrapped over lines" in lines.loc[CAPTION[0], "reason"]


def test_link_lines_in_a_hard_wrapped_paste_are_not_joined_into_a_paragraph():
    lines = wrapped_lines("").set_index("clean")
    for line in LINKS:
        assert lines.loc[line, "role"] == "boilerplate", line


def test_a_hard_wrapped_pastes_paragraphs_are_still_read_back_whole():
    lines = wrapped_lines("")
    body = lines[lines["role"] == "body"]
    assert body["paragraph"].nunique() == len(WRAPPED_PARAS)
    assert " ".join(body["clean"]) == " ".join(WRAPPED_PARAS)


@pytest.mark.parametrize(
    "line",
    [
        "72% of this article remains. Subscribers can read the rest.",
        "Subscribe to The Harbour Times: €6.99 per month, cancel anytime",
    ],
)
def test_a_paywalls_count_of_what_is_left_and_its_price_are_not_body(line):
    lines = spaced(PAGE_TOP + PARAS + [line, "Already a subscriber? Log in"])
    assert role_of(lines, line) == "boilerplate"


def test_a_translation_note_is_a_credit():
    line = (
        "This is a translation of an article first published in Dutch on harbourtimes.nl; "
        "the Dutch version is the reference."
    )
    lines = spaced(PAGE_TOP + PARAS + [line, "Reuse this content"])
    assert role_of(lines, line) == "credit"


def test_a_subscriber_price_reported_in_a_paragraph_is_text():
    line = "Subscribers will pay £5.99 a month from March, the company said in a statement."
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_link_to_the_writers_other_articles_is_not_body():
    line = "Find more articles by Rosa Kettering."
    lines = spaced(PAGE_TOP + PARAS + [line, "Sign up for our newsletter"])
    assert role_of(lines, line) == "boilerplate"


def test_related_headlines_under_their_label_are_not_body_even_the_last():
    related = [
        "Dredging firm wins second contract on the northern quay",
        "Who pays when a harbour silts up? The board's budget explained",
        "Fish prices fall for third month as catches recover",
    ]
    lines = spaced(PAGE_TOP + PARAS) + ["", "Related articles:"] + related
    got = roles(lines)
    for line in related:
        assert got[lines.index(line)] == "boilerplate", line
    assert got[lines.index("Related articles:")] == "boilerplate"


def test_a_comment_count_with_its_button_is_not_body():
    line = "3 Comments · Make a comment"
    lines = spaced(PAGE_TOP + PARAS + [line])
    assert role_of(lines, line) == "boilerplate"


def test_comment_rules_in_full_sentences_between_furniture_are_not_body():
    rule = (
        "All comments are read by a moderator before they appear, and we cannot publish every "
        "one we receive."
    )
    tail = ["COMMENT RULES", "Readers may comment on our main stories.", rule, "Keep it civil."]
    lines = spaced(PAGE_TOP + PARAS) + [""] + tail
    assert role_of(lines, rule) == "boilerplate"


def test_a_paragraph_reporting_on_comment_moderation_is_text():
    line = (
        "The board said all comments sent during the consultation were checked and that we "
        "would see a summary published in June, according to its chair."
    )
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_caption_over_its_photo_credit_in_brackets_is_a_caption():
    caption = (
        "A dredger works in the eastern channel in October. The channel was last cleared in 2019."
    )
    credit = "(Tom Ferreira, Harbour Times file photo)"
    lines = ["Menu", "", "Harbour board to dredge the eastern channel", "", caption, credit, ""]
    lines += spaced(["By Rosa Kettering"] + PARAS)
    got = roles(lines)
    assert got[lines.index(caption)] == "caption"
    assert got[lines.index(credit)] == "caption"


def test_a_link_in_brackets_among_the_paragraphs_is_not_body_nor_a_credit():
    line = "[See also: Why the harbour board keeps missing its deadlines]"
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "boilerplate"


def test_a_live_blogs_promise_to_keep_the_reader_posted_is_text():
    line = (
        "The flood warning stays in place until 6pm. We will bring you the latest on roads and "
        "rail throughout the day."
    )
    posts = []
    for time, title, para in zip(
        ("14:10", "12:35", "09:02"),
        ("Ferry cancelled", "Quay closed", "Welcome to our live coverage"),
        PARAS,
    ):
        posts += [time, title, para]
        if time == "09:02":
            posts.append(line)
        posts += ["Rosa Kettering", ""]
    lines = [
        "Menu",
        "",
        "LIVE: Flood warning for the harbour as tides rise",
        "",
        "By Rosa Kettering",
        "",
    ]
    lines += posts + ["Show more"]
    assert role_of(lines, line) == "body"


def test_a_newsletter_pitch_that_promises_updates_is_still_not_body():
    line = "Sign up and we will bring you the latest harbour news in your inbox every morning."
    lines = spaced(PAGE_TOP + PARAS + [line, "Privacy policy"])
    assert role_of(lines, line) == "boilerplate"


@pytest.mark.parametrize("figure", ["19,204.55", "6,118.20"])
def test_a_market_figure_is_not_a_dateline(figure):
    lines = spaced(PAGE_TOP + ["S&P 500", figure] + PARAS)
    assert role_of(lines, figure) != "dateline"


def test_written_by_and_the_writers_names_is_the_byline():
    line = "Written by Dana Kessler and Owen Tran"
    lines = spaced(PAGE_TOP[:2] + [line] + PARAS)
    assert role_of(lines, line) == "byline"


def test_added_with_the_date_the_story_went_up_is_a_dateline():
    line = "Added 4th November 2025 09:40 AM"
    lines = spaced(PAGE_TOP[:3] + [line] + PARAS)
    assert role_of(lines, line) == "dateline"


def test_a_name_under_a_live_blog_post_is_its_author_not_a_video_title():
    lines = [
        "Menu",
        "",
        "LIVE: Flood warning for the harbour as tides rise",
        "",
        "By Rosa Kettering",
        "",
    ]
    for time, title, para in zip(
        ("14:10", "12:35", "09:02"), ("Ferry cancelled", "Quay closed", "Tide peaks"), PARAS
    ):
        lines += [time, title, para, "Jonas Amberley", ""]
    lines.append("Show more")
    got = roles(lines)
    names = [got[k] for k, line in enumerate(lines) if line == "Jonas Amberley"]
    assert names[:2] == ["byline", "byline"]  # between posts: each post's author
    assert names[2] in ("byline", "boilerplate")  # the last: furniture, never a caption or text

"""The cleaner generalises: pastes from outlets it was not tuned on get the roles a reader gives.

The fixtures in tests/fixtures/unseen/ imitate other outlets' page furniture (a BBC-style page,
a Reuters wire story, a Guardian-style page, a magazine with a paywall teaser cut off
mid-sentence). Expected roles were written by reading the fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.story.cleaning import (
    ROLES,
    classify_article,
    clean_line,
    is_terminated,
    load_rules,
    split_lines,
)

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def roles_of(name: str, author: str = "") -> dict[int, str]:
    text = (UNSEEN / name).read_text(encoding="utf-8")
    clean = [clean_line(t) for t, _ in split_lines(text)]
    return {
        n: role
        for n, (role, _) in enumerate(classify_article(clean, "X", author=author), start=1)
        if role != "blank"
    }


def test_bbc_style_page():
    assert roles_of("bbc_style.txt") == {
        1: "headline",
        3: "dateline",
        5: "boilerplate",
        7: "byline",
        8: "byline",
        10: "caption",
        11: "caption",
        13: "body",
        15: "body",
        17: "body",
        19: "subhead",
        21: "body",
        23: "boilerplate",
        24: "boilerplate",
        25: "boilerplate",
    }


def test_reuters_wire_story():
    assert roles_of("reuters_style.txt") == {
        1: "headline",
        3: "byline",
        4: "dateline",
        5: "dateline",
        7: "body",
        9: "body",
        11: "credit",
        12: "boilerplate",
    }


def test_guardian_style_page_with_standfirst_and_footer():
    assert roles_of("guardian_style.txt", author="Dan Sabbagh") == {
        1: "headline",
        2: "standfirst",
        3: "byline",
        4: "dateline",
        5: "caption",
        6: "body",
        7: "body",
        8: "boilerplate",
        9: "boilerplate",
        10: "boilerplate",
        11: "boilerplate",
        12: "boilerplate",
        13: "boilerplate",
        14: "boilerplate",
    }


def test_paywalled_article_cut_off_mid_sentence_keeps_its_last_line():
    roles = roles_of("paywall_cut.txt")
    assert roles == {
        1: "headline",
        2: "standfirst",
        3: "byline",
        4: "dateline",
        5: "body",
        6: "body",
        7: "boilerplate",
        8: "boilerplate",
        9: "body",
    }


def classify(*lines: str) -> list[str]:
    return [role for role, _ in classify_article([clean_line(x) for x in lines])]


def test_a_first_line_that_is_a_sentence_is_body_not_headline():
    assert classify(
        "Britain's spy chief urged Russians to spy for the UK.", "", "He spoke in Prague."
    ) == ["body", "blank", "body"]


def test_list_items_without_final_stops_stay_body():
    assert classify(
        "Measures announced:",
        "- More money for schools",
        "- Fewer exams",
        "The plan starts in May.",
    ) == ["body", "body", "body", "body"]


def test_a_run_of_unterminated_lines_is_a_table_not_furniture():
    assert (
        classify(
            "Fixtures this weekend.",
            "Chelsea v Arsenal",
            "Leeds v Everton",
            "Wolves v Millwall",
            "Kick-off is at three.",
        )
        == ["body"] * 5
    )


def test_a_sentence_broken_over_two_lines_stays_body():
    assert classify(
        "He said the plan was a good one.",
        "The minister then told reporters that",
        "it would be announced on Monday.",
    ) == ["body", "body", "body"]


def test_a_caption_pasted_twice_with_a_credit_is_two_captions():
    assert classify(
        "The first paragraph of the story.",
        "The minister arrives in Prague.",
        "The minister arrives in Prague. Picture: Getty",
        "The second paragraph of the story.",
    ) == ["body", "caption", "caption", "body"]


def test_all_capitals_link_lines_are_boilerplate():
    assert classify(
        "The council approved the new cycle lanes on Tuesday after two years of consultation.",
        "SPY AGENCY RECRUITS ON SOCIAL MEDIA",
        "Councillors voted 31 to 12 in favour of the plan, which removes 200 parking spaces.",
    ) == ["body", "boilerplate", "body"]


@pytest.mark.parametrize(
    "line, terminated",
    [
        ("He said so.", True),
        ("“Our door is always open.”", True),
        ("Britain’s chief: ‘Our door is always open’", False),
        ("Is it over?)", True),
        ("Measures announced:", True),
        ("Putin attends meeting about an attack on the Crimean bridge", False),
    ],
)
def test_a_final_stop_is_found_behind_closing_quotes(line, terminated):
    assert is_terminated(line) is terminated


def test_clean_line_decodes_entities_and_strips_markup_but_keeps_typography():
    assert (
        clean_line("Wagner&squot;s <b>coup</b> &amp; “pressure”\u00a0 ")
        == "Wagner's coup & “pressure”"
    )


def test_every_furniture_rule_names_a_known_role():
    assert {rule.role for rule in load_rules()} <= set(ROLES)


def test_a_story_folder_can_add_its_own_furniture_rules(tmp_path):
    (tmp_path / "furniture.csv").write_text(
        "role,reason,scope,outlet,pattern,note\n"
        "boilerplate,outlet promo,line,Daily Example,^watch our documentary,\n",
        encoding="utf-8",
    )
    rules = load_rules(tmp_path)
    lines = [
        "First paragraph.",
        "Watch our documentary on the spy world tonight.",
        "Last paragraph.",
    ]
    assert [r for r, _ in classify_article(lines, "Daily Example", rules)] == [
        "body",
        "boilerplate",
        "body",
    ]
    assert [r for r, _ in classify_article(lines, "Another Outlet", rules)] == [
        "body",
        "body",
        "body",
    ]

"""Line roles for two classes left on the development set after round 8 (issue 14): a longer
question crosshead on an explainer whose other crossheads are questions, and a line glued inside
a box of page furniture that talks about the site or to the reader. Every line is invented."""

from analysis.story.cleaning import _match, load_rules
from tests import page_lines
from tests.page_lines import spaced

PARAS = [
    "The county board voted 5-2 on Tuesday to close the old landfill on Ridge Road by 2028.",
    "Board members said the site had reached its permitted height two years earlier than planned.",
    "A new transfer station will open in the spring, and trucks will carry waste to a plant upstate.",
    "Residents near the site have complained for years about the smell on hot summer evenings.",
    "The plant upstate burns waste to make electricity and already takes rubbish from two counties.",
    "Haulage firms will bid for the new contract in January, the board's finance officer said.",
]
NAV = ["The Courier", "News", "Politics", "Support us"]
HEADLINE = "County to close the Ridge Road landfill by 2028"


def roles(lines, headline=HEADLINE):
    return page_lines.roles(lines, headline=headline, outlet="The Courier (style)")


def test_a_longer_question_is_a_crosshead_on_a_page_whose_other_crossheads_are_questions():
    long_q = "What happens if the plant upstate does not take the waste?"
    lines = spaced(
        [NAV, HEADLINE, "Dana Whitcombe", "November 26, 2026"]
        + PARAS[:2]
        + ["Why now?", PARAS[2], PARAS[3], long_q, PARAS[4], PARAS[5]]
    )
    got = roles(lines)
    assert got[lines.index("Why now?")] == "subhead"
    assert got[lines.index(long_q)] == "subhead"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_longer_question_standing_alone_is_text_when_no_crosshead_is_a_question():
    long_q = "What happens if the plant upstate does not take the waste?"
    lines = spaced(
        [NAV, HEADLINE, "Dana Whitcombe", "November 26, 2026"] + PARAS[:4] + [long_q] + PARAS[4:]
    )
    assert roles(lines)[lines.index(long_q)] == "body"


def test_a_thank_you_line_glued_inside_a_newsletter_box_is_furniture():
    box = [
        "Sign up to our Courier Today newsletter",
        "The latest news from across the county, delivered to your inbox every morning",
        "Sign up",
        "Thank you for signing up!",
    ]
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS[:3] + [box] + PARAS[3:])
    got = roles(lines)
    assert got[lines.index("Thank you for signing up!")] == "boilerplate"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_two_line_box_asking_the_reader_for_questions_is_furniture():
    box = [
        "What questions do you have about your commute?",
        "Ask us anything and we'll try to find the answer.",
    ]
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS[:3] + [box] + PARAS[3:])
    got = roles(lines)
    assert [got[lines.index(x)] for x in box] == ["boilerplate"] * 2
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_paragraph_glued_under_a_box_label_stays_text():
    # The paragraph neither talks about the site nor speaks to the reader.
    lines = spaced(
        [NAV, HEADLINE, "Dana Whitcombe"] + PARAS[:3] + [["Keep going!", PARAS[3]]] + PARAS[4:]
    )
    got = roles(lines)
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_question_line_between_paragraphs_of_a_paste_with_no_blank_lines_is_a_crosshead():
    q = "How much does the county pay the plant upstate?"
    lines = (
        [*NAV, HEADLINE, "Dana Whitcombe", "November 26, 2026"]
        + PARAS[:2]
        + ["What happens next?", PARAS[2], PARAS[3], q, PARAS[4], PARAS[5]]
    )
    got = roles(lines)
    assert got[lines.index(q)] == "subhead"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_dash_and_a_name_under_a_live_post_is_its_writers_signature():
    lines = spaced(
        [NAV, HEADLINE, "Dana Whitcombe"]
        + [[PARAS[0], PARAS[1], "— Mara Quintero"], [PARAS[2], "— Ike Obi"]]
        + PARAS[3:]
    )
    got = roles(lines)
    assert got[lines.index("— Mara Quintero")] == "byline"
    assert got[lines.index("— Ike Obi")] == "byline"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_list_of_dashed_names_stays_text():
    team = ["- Mara Quintero", "- Ike Obi", "- Lena Hart"]
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS[:3] + [team] + PARAS[3:])
    got = roles(lines)
    assert "byline" not in [got[lines.index(x)] for x in team]


def test_readers_comments_under_a_comments_label_are_furniture():
    comments = [
        "Comments",
        "RidgeRoadRes",
        "Finally. We have put up with the smell for twenty years and nobody listened.",
        "Reply",
        "HaulerDan",
        "Who pays for the extra trucks on the county roads though?",
        "Reply",
    ]
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS + [comments])
    got = roles(lines)
    assert [got[lines.index(x)] for x in comments] == ["boilerplate"] * 7
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 6


def test_a_cookie_banner_is_furniture_and_a_report_on_cookies_matches_no_pattern():
    banner = (
        'We use cookies to give you the best experience on our website. By clicking "Accept", '
        "you agree to our use of cookies."
    )
    report = "The regulator said websites must ask before they store cookies on a reader's phone."
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS + [banner])
    assert roles(lines)[lines.index(banner)] == "boilerplate"
    assert _match(load_rules(), report, "The Courier (style)", scope="line") is None


def test_a_wires_place_date_and_agency_line_is_a_dateline():
    line = "Ridgeton (Maine) [US], November 26 (ANI):"
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe", line] + PARAS)
    assert roles(lines)[lines.index(line)] == "dateline"


def test_an_agency_sign_off_after_a_dash_is_a_credit():
    lines = spaced([NAV, HEADLINE, "Dana Whitcombe"] + PARAS + ["— TIMES/NA"])
    assert roles(lines)[lines.index("— TIMES/NA")] == "credit"


def test_a_quoted_paragraph_glued_above_a_credit_like_line_stays_text():
    quote = (
        '"One bad weekend and we are back to the old schedules. That tells you the plant is '
        'still fragile," said an engineer at the county depot.'
    )
    lines = spaced(
        [NAV, HEADLINE, "Dana Whitcombe"]
        + PARAS[:3]
        + [[quote, "VIDEO: County briefing on the landfill", "02:55"]]
        + PARAS[3:]
    )
    assert roles(lines)[lines.index(quote)] == "body"

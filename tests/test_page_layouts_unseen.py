"""Line roles on layouts left over from issue 14's fresh batch 16 (deks, bios, credit sentences,
question crossheads, appeals among the paragraphs), written as the general class each belongs
to: every line below is invented for these tests."""

from analysis.story.cleaning import _quoted, classify_article, clean_line, load_rules

PARAS = [
    "The county board voted 5-2 on Tuesday to close the old landfill on Ridge Road by 2028.",
    "Board members said the site had reached its permitted height two years earlier than planned.",
    "A new transfer station will open in the spring, and trucks will carry waste to a plant upstate.",
    "Residents near the site have complained for years about the smell on hot summer evenings.",
]
NAV = ["The Courier", "News", "Politics", "Support us"]
HEADLINE = "Why is the county closing the Ridge Road landfill, and what happens next?"


def spaced(lines):
    out = []
    for line in lines:
        out += [line, ""]
    return out[:-1]


def roles(lines, author="", headline=""):
    return [
        r
        for r, _ in classify_article(
            [clean_line(x) for x in lines], "Outlet (style)", load_rules(), author, None, headline
        )
    ]


def role_of(lines, line, **kw):
    return roles(lines, **kw)[lines.index(line)]


def test_a_plurals_possessive_apostrophe_is_no_quotation_mark():
    assert not _quoted("Schools must keep pupils’ phones out of lessons.")
    assert not _quoted("The workers' union met on Friday.")
    assert _quoted("She called it a ‘residents’ charter’ for the town.")
    assert _quoted("The ‘experts’ disagreed.")


def test_a_dek_with_a_plurals_possessive_between_the_dateline_and_the_caption_is_no_body():
    dek = (
        "From spring, trucks will carry residents’ rubbish to a plant upstate. We explain what "
        "the board decided and why neighbours are split."
    )
    caption = "The landfill on Ridge Road seen from the air (Photo: Dana Whitcombe/The Courier)"
    lines = spaced(
        NAV + [HEADLINE, "Dana Whitcombe", "November 26, 2026", dek, caption] + PARAS
    )
    got = roles(lines, author="Dana Whitcombe", headline=HEADLINE)
    assert got[lines.index(dek)] == "standfirst"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_question_crosshead_under_the_lead_caption_on_a_page_of_question_crossheads():
    caption = "The landfill on Ridge Road seen from the air (Photo: Dana Whitcombe/The Courier)"
    first = "What has the board decided?"
    lines = spaced(
        NAV
        + [HEADLINE, "Dana Whitcombe", "November 26, 2026", caption, first]
        + PARAS[:2]
        + ["Why now?"]
        + PARAS[2:]
    )
    got = roles(lines, author="Dana Whitcombe", headline=HEADLINE)
    assert got[lines.index(first)] == "subhead"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_question_opening_the_article_under_a_caption_stays_body_without_question_crossheads():
    caption = "The landfill on Ridge Road seen from the air (Photo: Dana Whitcombe/The Courier)"
    first = "What is a landfill for?"
    lines = spaced(NAV + [HEADLINE, "Dana Whitcombe", "November 26, 2026", caption, first] + PARAS)
    assert role_of(lines, first, author="Dana Whitcombe", headline=HEADLINE) == "body"


def test_a_caption_whose_last_sentence_names_the_photographer_is_a_caption():
    caption = (
        "A worker checks a gauge at the Ridge Road landfill. Photo by Dana Whitcombe, used with "
        "permission."
    )
    lines = spaced(NAV + [HEADLINE, "Written by Dana Whitcombe", caption] + PARAS)
    assert role_of(lines, caption, headline=HEADLINE) == "caption"


def test_a_sentence_saying_a_photo_was_taken_by_someone_stays_body():
    line = (
        "The board saw the pictures on Monday. The photo by a neighbour showed trucks queueing "
        "on Ridge Road at dawn."
    )
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line, headline=HEADLINE) == "body"


def test_a_bio_naming_the_author_by_title_and_surname_is_no_body():
    last = "The landfill was a promise to Ridge Road's residents. We should keep it."
    bio = "Dr Whitcombe is a public health specialist and lecturer at Harlow University."
    lines = spaced(
        NAV
        + ["Opinion", HEADLINE, "By Dr Dana Whitcombe", "| Nov. 28, 2026"]
        + PARAS
        + [last, bio, "The views expressed in this article are the author's own.", "Related Topics"]
    )
    got = roles(lines, headline=HEADLINE)
    assert got[lines.index(bio)] == "byline"
    assert got[lines.index(last)] == "body"  # a columnist's "we", sharing the story's words


def test_a_membership_appeal_among_the_paragraphs_is_no_body():
    appeal = "We're independent of corporate interests. Are you?"
    lines = spaced(
        NAV
        + [HEADLINE, "By Dana Whitcombe"]
        + PARAS[:2]
        + [appeal, "Become a member to support journalism that holds the powerful to account."]
        + PARAS[2:]
    )
    assert role_of(lines, appeal, headline=HEADLINE) == "boilerplate"


def test_a_paragraph_where_a_resident_says_we_without_quotation_marks_stays_body():
    line = (
        "We have lived next to the Ridge Road landfill for 30 years, one resident wrote to the "
        "board. Are you surprised we want it closed?"
    )
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line, headline=HEADLINE) == "body"

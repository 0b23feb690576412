"""Line roles on layouts left over from issue 14's fresh batch 16 (deks, bios, credit sentences,
question crossheads, appeals among the paragraphs), written as the general class each belongs
to: every line below is invented for these tests."""

from analysis.story.cleaning import _quoted
from tests.page_lines import role_of, roles, spaced

PARAS = [
    "The county board voted 5-2 on Tuesday to close the old landfill on Ridge Road by 2028.",
    "Board members said the site had reached its permitted height two years earlier than planned.",
    "A new transfer station will open in the spring, and trucks will carry waste to a plant upstate.",
    "Residents near the site have complained for years about the smell on hot summer evenings.",
]
NAV = ["The Courier", "News", "Politics", "Support us"]
HEADLINE = "Why is the county closing the Ridge Road landfill, and what happens next?"


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
    lines = spaced(NAV + [HEADLINE, "Dana Whitcombe", "November 26, 2026", dek, caption] + PARAS)
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


def test_a_disclaimer_on_views_expressed_is_not_body():
    for line in (
        "Comments expressed here do not reflect the opinions of the Courier or its staff.",
        "The views expressed in this column are the author's own.",
    ):
        lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS + [line, "Related Topics"])
        assert role_of(lines, line, headline=HEADLINE) == "boilerplate"


def test_a_paragraph_reporting_views_expressed_by_others_stays_body():
    line = (
        "The views expressed by residents at Tuesday's hearing were sharply divided, and the "
        "board delayed its final vote on the landfill."
    )
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line, headline=HEADLINE) == "body"


def test_a_newsletter_writers_greeting_and_signed_note_are_not_body():
    greeting = "Good evening, Harlow. It's Dana Whitcombe with your Friday briefing. Let's go."
    signed = (
        "Good morning. This week we follow the trucks from Ridge Road to the plant upstate. "
        "Thanks for reading. — Dana, newsletter editor"
    )
    for line in (greeting, signed):
        lines = spaced(["From: The Courier", "Morning Briefing", line] + PARAS + ["Unsubscribe"])
        assert role_of(lines, line) == "boilerplate"


def test_a_sign_up_forms_consent_line_is_not_body():
    line = "By submitting your email you agree to our Terms of Use and Privacy Policy."
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line, headline=HEADLINE) == "boilerplate"


def test_the_text_glued_under_an_advertisement_or_sponsor_label_is_not_body():
    ad = "See how Harlow Bins cut collection costs by 20% at 40 councils. Read the case study."
    lines = (
        spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2])
        + ["", "ADVERTISEMENT", "Presented by Harlow Bins", ad, ""]
        + spaced(PARAS[2:])
    )
    got = roles(lines, headline=HEADLINE)
    assert got[lines.index(ad)] == "boilerplate"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_paragraphs_one_a_line_under_a_stray_advertisement_label_stay_body():
    lines = NAV + [HEADLINE, "By Dana Whitcombe", "Advertisement"] + PARAS
    got = roles(lines, headline=HEADLINE)
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_short_appeal_to_readers_like_you_sharing_no_story_words_is_not_body():
    line = "Readers like you are keeping these stories free for everyone."
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line, headline=HEADLINE) == "boilerplate"


def test_a_review_speaking_to_the_reader_about_the_thing_reviewed_stays_body():
    line = "You can load your own files over USB-C, and the reader supports library loans too."
    paras = [
        "The Lumen reader is the first e-reader we have tested with a battery you can swap.",
        "Its screen is sharp, and the library loans work over USB-C or Wi-Fi without fuss.",
        "The reader's case opens with a coin, and the battery costs less than a paperback.",
    ]
    lines = spaced(NAV + ["Lumen reader review", "By Dana Whitcombe"] + paras + [line])
    assert role_of(lines, line, headline="Lumen reader review") == "body"


def test_a_dek_over_a_caption_ending_in_a_bracketed_name_is_no_body():
    dek = "Harlow cut its bin rounds to one a fortnight. Its recycling rate went up, not down."
    caption = "Dana Whitcombe, head of waste at Harlow council (Harlow Council)"
    lines = spaced(
        NAV + [HEADLINE, "By Dana Whitcombe", "Nov 25, 2026 10:30am", dek, caption] + PARAS
    )
    got = roles(lines, headline=HEADLINE)
    assert got[lines.index(caption)] == "caption"
    assert got[lines.index(dek)] == "standfirst"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_the_short_lines_glued_under_a_tags_label_are_tags_not_a_summary():
    tags = ["landfill", "waste", "Harlow Council"]
    lines = NAV + ["", HEADLINE, "", "By Dana Whitcombe", "", "Tags"] + tags + [""] + spaced(PARAS)
    got = roles(lines, headline=HEADLINE)
    assert [got[lines.index(t)] for t in tags] == ["boilerplate"] * 3


def test_a_labelled_box_between_the_byline_and_the_first_paragraph_is_no_body():
    label, text = (
        "Why We Wrote This",
        (
            "As landfills fill up, towns are weighing what to do with their rubbish. The question "
            "is also about who lives next to it."
        ),
    )
    lines = (
        NAV + ["", HEADLINE, "By Dana Whitcombe Staff writer", "", label, text, ""] + spaced(PARAS)
    )
    got = roles(lines, author="Dana Whitcombe", headline=HEADLINE)
    assert got[lines.index(label)] == "boilerplate"  # no job title under the byline
    assert got[lines.index(text)] == "boilerplate"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_dateline_glued_over_the_first_paragraph_is_no_box():
    first = PARAS[0]
    lines = (
        NAV
        + ["", HEADLINE, "By Dana Whitcombe", "", "HARLOW, England —", first, ""]
        + spaced(PARAS[1:])
    )
    assert role_of(lines, first, author="Dana Whitcombe", headline=HEADLINE) == "body"


def test_a_labelled_box_about_the_site_among_the_paragraphs_is_no_body():
    label, line = "Quick Guide", "How do I sign up for breaking news alerts?"
    lines = spaced(NAV + [HEADLINE, "By Dana Whitcombe"] + PARAS[:2])
    lines += ["", label, line, ""] + spaced(PARAS[2:])
    got = roles(lines, headline=HEADLINE)
    assert got[lines.index(line)] == "boilerplate"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_byline_and_date_with_a_site_suffix_is_no_page_title():
    line = "Dana Whitcombe 12 Feb 2025 | TheCourier.ca"
    lines = ["Courier News", "Waste", HEADLINE.rstrip("?"), line] + spaced(PARAS)
    assert role_of(lines, line) != "headline"


def test_an_e_mails_header_lines_are_not_body():
    header = [
        "Date: November 29, 2026 at 6:01:14 AM MST",
        "To: reader@example.com",
        "View this email in your browser",
    ]
    lines = ["From: The Courier <newsletters@courier.example>"] + header + [""] + spaced(PARAS)
    got = roles(lines)
    assert [got[lines.index(h)] for h in header] == ["boilerplate"] * 3


def test_a_headline_over_a_lower_case_by_line_is_no_broken_sentence():
    title = "Ridge Road Landfill Will Close After 40 Years"
    lines = spaced(["From: The Courier <newsletters@courier.example>", title, "by Dana Whitcombe"])
    lines += [""] + spaced(PARAS)
    assert role_of(lines, title) == "headline"

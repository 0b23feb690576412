"""Line roles on page layouts met in issue 14's fresh batch 12 (a newsletter e-mail, a Reader
View paste, a video page, a print view, a live blog, a phone paste): every line below is
invented for these tests."""

import pytest

from tests.page_lines import classify, role_of, roles, spaced

PARAS = [
    "The county board voted 5-2 on Tuesday to close the old landfill on Ridge Road by 2028.",
    "Board members said the site had reached its permitted height two years earlier than planned.",
    "A new transfer station will open in the spring, and trucks will carry waste to a plant upstate.",
    "Residents near the site have complained for years about the smell on hot summer evenings.",
]


PAGE_TOP = ["Menu", "Landfill on Ridge Road to close by 2028", "By Dana Whitcombe", "Share"]


def test_a_newsletters_greeting_in_its_writers_voice_is_not_body():
    greeting = "Good morning! Dana here, with a strong coffee and a pile of council minutes."
    lines = spaced(PAGE_TOP + [greeting] + PARAS)
    assert role_of(lines, greeting) == "boilerplate"


def test_a_prompt_to_forward_the_newsletter_is_not_body():
    prompt = "Like what you read? Forward this email to a friend, or they can join here."
    lines = spaced(PAGE_TOP + PARAS + [prompt, "Unsubscribe"])
    assert role_of(lines, prompt) == "boilerplate"


def test_a_newsletter_sign_up_sentence_among_the_paragraphs_is_not_body():
    line = (
        "Never miss a story — sign up for the Courier's free morning newsletter to get the "
        "day's local news, from the council chamber to the high school field."
    )
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "boilerplate"


def test_a_republishing_note_in_full_sentences_is_not_body():
    note = (
        "The Courier is an independent newsroom. To ask about republishing this article and "
        "the fees involved, please write to our syndication desk."
    )
    lines = spaced(PAGE_TOP + PARAS + [note])
    assert role_of(lines, note) == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "Residents can sign up for text alerts about road closures on the county website.",
        '"Good morning, Dana here," she said into the microphone, and the meeting began.',
        "The paper declined to republish the original story after the complaint.",
    ],
)
def test_sentences_about_sign_ups_or_republishing_stay_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_print_views_page_break_url_and_page_count_are_not_body():
    lines = spaced(PAGE_TOP + PARAS[:2])
    lines += ["", "https://www.courier.example/2025/03/04/landfill-ridge-road/", "2/3", ""]
    lines += spaced(PARAS[2:])
    got = roles(lines)
    assert got[lines.index("2/3") - 1] == "boilerplate"
    assert got[lines.index("2/3")] == "boilerplate"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_dek_between_the_reading_time_and_the_photo_caption_is_the_standfirst():
    dek = "The dump is full years early, and the county has to pay to truck its trash away."
    lines = spaced(
        [
            "courier.example",
            "Landfill on Ridge Road to close by 2028",
            "Dana Whitcombe",
            "5–7 minutes",
        ]
    )
    lines += ["", dek, "", "Trucks at the Ridge Road landfill. Photo by Sam Ortiz/Courier", ""]
    lines += spaced(PARAS)
    got = roles(lines, author="Dana Whitcombe")
    assert got[lines.index("5–7 minutes")] == "boilerplate"
    assert got[lines.index(dek)] == "standfirst"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_first_paragraph_that_names_the_day_stays_body_above_the_photo():
    lines = spaced(["Landfill on Ridge Road to close by 2028", "By Dana Whitcombe"])
    lines += ["", PARAS[0], "", "Trucks at the Ridge Road landfill. Photo by Sam Ortiz/Courier", ""]
    lines += spaced(PARAS[1:])
    assert role_of(lines, PARAS[0]) == "body"


def test_a_video_description_under_its_duration_above_the_headline_is_a_caption():
    description = "The county says the old landfill on Ridge Road will close four years early."
    lines = ["Courier TV", "Watch", "Ridge Road landfill to close", "Play", "2:14", description]
    lines += ["Video", "", "Landfill on Ridge Road to close by 2028", ""]
    lines += spaced(PARAS)
    got = roles(lines, headline="Landfill on Ridge Road to close by 2028")
    assert got[lines.index(description)] == "caption"
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


def test_a_short_question_standing_alone_between_paragraphs_is_a_crosshead():
    question = "Where does the trash go now?"
    lines = spaced(PAGE_TOP + PARAS[:2] + [question] + PARAS[2:])
    assert role_of(lines, question) == "subhead"


def test_a_paragraph_that_asks_and_answers_a_question_stays_body():
    line = "Where does the trash go now? Most of it will ride a train to a plant 90 miles north."
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_an_image_count_alone_over_a_caption_is_not_body():
    lines = spaced(PAGE_TOP + PARAS[:2])
    lines += ["", "4", "Trucks queue at the gate of the landfill", "Credit: Sam Ortiz", ""]
    lines += spaced(PARAS[2:])
    assert roles(lines)[lines.index("4")] == "boilerplate"


LIVE = [
    "Storm Orla LIVE: Thousands without power as gales hit the coast",
    "",
    "Key Events",
    "Red warning for wind until 8pm",
    "Rail services suspended on the coast line",
    "",
    "14:20",
    "Bridge closed to high-sided vehicles",
    "The harbour bridge has been closed to lorries and vans as gusts reach 70mph.",
    "Share",
    "",
    "13:05",
    "Power cuts spread inland",
    "The network operator says 18,000 homes have now lost power across the county.",
    "Share",
    "",
    "11:40",
    "Schools send pupils home",
    "Twelve schools on the coast closed at lunchtime, the education authority said.",
    "Share",
    "",
    "09:00",
    "Good morning",
    "Welcome to our live coverage of Storm Orla, which reached the coast overnight and is "
    "expected to peak this afternoon.",
    "Share",
    "",
    "Sign up to our free breaking news newsletter",
    "Sign up",
]


def test_a_live_blogs_welcoming_first_post_is_article_text():
    got = classify(LIVE)
    welcome = next(i for i, x in enumerate(LIVE) if x.startswith("Welcome to our live"))
    assert got[welcome][0] == "body"
    assert "live blog's opening post" in got[welcome][1]


def test_a_live_blogs_post_times_and_titles_are_datelines_and_subheads():
    got = roles(LIVE)
    for stamp, title in (
        ("14:20", "Bridge closed to high-sided vehicles"),
        ("09:00", "Good morning"),
    ):
        assert got[LIVE.index(stamp)] == "dateline"
        assert got[LIVE.index(title)] == "subhead"
    assert got[LIVE.index("Red warning for wind until 8pm")] == "standfirst"


def test_a_single_video_duration_is_not_taken_for_a_live_blog_time():
    lines = ["Ridge Road landfill to close", "Play", "02:14", "", *spaced(PAGE_TOP + PARAS)]
    assert roles(lines)[2] == "boilerplate"


def test_an_email_address_holding_the_authors_name_is_a_byline():
    lines = spaced(PAGE_TOP + PARAS) + ["", "dana.whitcombe@courier.example", "", "Home", "Sport"]
    got = roles(lines, author="Dana Whitcombe")
    assert got[lines.index("dana.whitcombe@courier.example")] == "byline"


def test_a_name_slash_staff_reporter_is_a_byline_not_a_photo_credit():
    lines = spaced(["Landfill on Ridge Road to close by 2028", "Dana Whitcombe/Staff Reporter"])
    lines += ["", *spaced(PARAS)]
    assert role_of(lines, "Dana Whitcombe/Staff Reporter") == "byline"


@pytest.mark.parametrize(
    "line", ["Tap to unmute", "View this post on Instagram", "A post shared by Ana Ruiz (@anaruiz)"]
)
def test_player_and_embed_controls_among_the_paragraphs_are_not_body_or_crossheads(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "boilerplate"


def test_a_date_in_figures_standing_alone_is_a_dateline():
    lines = spaced(["Landfill on Ridge Road to close by 2028", "04/03/2025", *PARAS])
    assert role_of(lines, "04/03/2025") == "dateline"


@pytest.mark.parametrize(
    "line",
    [
        "Be kind. This is a place for neighbours to talk, not to shout at each other.",
        "Comments that break these rules will be taken down without warning.",
        "Comments can only be posted by registered readers of the site.",
    ],
)
def test_a_comment_boxs_rules_after_the_article_are_not_body(line):
    lines = spaced(PAGE_TOP + PARAS + ["Comments", line])
    assert role_of(lines, line) == "boilerplate"


# Found on fresh batch 13 (scored once, then fixed; the lines below are invented for the tests).

INTERVIEW = [
    "Why did the bakery close its second shop?",
    "Rent doubled in a year. I ran the numbers every night for a month and they never worked.",
    "What happens to the staff?",
    "All six of them moved to the main shop. Nobody lost a job, which was my first promise.",
    "Would you open again somewhere else?",
    "Maybe in two years. My daughter wants to run it, and she has better ideas than I do.",
]


def test_the_questions_of_an_interview_written_as_questions_and_answers_stay_text():
    lines = spaced(
        PAGE_TOP + ["This interview has been edited for length and clarity."] + INTERVIEW
    )
    got = roles(lines)
    assert [got[lines.index(q)] for q in INTERVIEW[::2]] == ["body"] * 3


def test_a_question_crosshead_in_a_reported_article_is_still_a_crosshead():
    questions = ["Where does the trash go now?", "Who pays for it?", "What comes next?"]
    page = PAGE_TOP + [PARAS[0], questions[0], PARAS[1], questions[1], PARAS[2], questions[2]]
    lines = spaced(page + [PARAS[3]])
    got = roles(lines)
    assert [got[lines.index(q)] for q in questions] == ["subhead"] * 3


def test_us_in_capitals_is_the_country_not_the_reader():
    from analysis.story import line_model

    assert not line_model.about_site_or_outlet("Tickets will cost US$43 after the increase.")
    assert line_model.about_site_or_outlet("Tell us what you think about the new tickets.")


def test_a_fare_sentence_with_a_price_in_us_dollars_stays_body():
    line = (
        "A one-way ticket between the two cities will rise to about 64,000 won (US$43.60), "
        "according to the transport ministry."
    )
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


@pytest.mark.parametrize(
    "line, role",
    [
        ("Reuters contributed reporting.", "credit"),
        ("Staff writer Ana Ruiz contributed additional reporting from Lima.", "credit"),
        ("Download the Courier app for the latest news, live updates and video.", "boilerplate"),
        (
            "The Courier has reviewed gadgets since 2004. Some links in our stories are affiliate "
            "links: if you buy through them, we may earn a commission.",
            "boilerplate",
        ),
    ],
)
def test_a_wire_credit_an_app_promotion_and_an_affiliate_notice_are_not_body(line, role):
    lines = spaced(PAGE_TOP + PARAS + [line])
    assert role_of(lines, line) == role


@pytest.mark.parametrize(
    "line",
    [
        "Farmers contributed reporting of their own yields to the survey, the ministry said.",
        "More than 40,000 people downloaded the council's new parking app in its first week.",
        "Prosecutors said the affiliate companies moved money through three banks in 2023.",
    ],
)
def test_news_sentences_about_reporting_apps_or_affiliates_stay_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


# Round 7 (issue 14): the classes left by the development set held out per outlet.


def test_a_paragraph_cut_off_before_a_paywall_box_is_body_and_the_box_is_not():
    cut = (
        "Crews hauled 900 tonnes of waste there last month, the county said. Drivers who use "
        "the back road say they have waited an hour at the gate, and neighbours who"
    )
    box = ["Read the full story for $2", "Full access to every story, on every device.", "Join"]
    lines = spaced(PAGE_TOP + PARAS + [cut]) + [""] + box
    got = roles(lines)
    assert got[lines.index(cut)] == "body"
    assert [got[lines.index(x)] for x in box] == ["boilerplate"] * 3


def test_a_caption_with_a_credit_after_it_is_no_cut_off_paragraph():
    caption = (
        "Trucks queue at the gate of the Ridge Road landfill in Carver, May 3, 2025. "
        "COURIER/Jo Ames Buy Reprint Rights, opens new tab"
    )
    lines = spaced(PAGE_TOP + PARAS[:2] + [caption] + PARAS[2:])
    assert role_of(lines, caption) != "body"


@pytest.mark.parametrize(
    "line",
    [
        "The closure plan goes before the county's public works committee on Wednesday.",
        "The landfill contract heads to the full board for a vote next week.",
    ],
)
def test_a_short_sentence_sending_business_to_a_committee_on_a_day_ahead_stays_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_scene_at_a_council_building_on_a_weekday_still_reads_as_a_caption():
    from analysis.story.line_model import is_caption_like

    assert is_caption_like("Protesters gather outside the council offices in Carver on Monday.")


LIVE_TOP = ["Live: Landfill fire on Ridge Road", "By Dana Whitcombe", "Share"]
LIVE_POSTS = [
    ["9:40am", "Road closed at the landfill", PARAS[0]],
    ["9:15am", "Smoke drifts over Carver", PARAS[1]],
    ["8:50am", "What we know", PARAS[2]],
    ["8:20am", "Crews called out", PARAS[3]],
]


def live_page(intro):
    lines = spaced(LIVE_TOP + ([intro] if intro else []))
    for post in LIVE_POSTS:
        lines += [""] + post
    return lines


def test_a_live_blogs_introduction_above_its_first_post_is_a_standfirst():
    intro = (
        "A fire at the Ridge Road landfill has closed the road in both directions. Follow this "
        "page for the latest on closures and air quality."
    )
    lines = live_page(intro)
    got = roles(lines)
    assert got[lines.index(intro)] == "standfirst"
    assert all(got[lines.index(p)] == "body" for p in PARAS)


def test_a_paragraph_under_what_we_know_inside_a_live_post_is_body():
    lines = live_page(None)
    assert role_of(lines, PARAS[2]) == "body"


def test_a_live_blogs_welcome_above_its_first_post_stays_body():
    welcome = "Welcome to our live coverage of the fire at the Ridge Road landfill in Carver."
    lines = live_page(welcome)
    assert role_of(lines, welcome) == "body"


def test_a_videos_description_under_its_title_and_duration_is_a_caption():
    description = "Phone footage shows smoke rising over the landfill just after dawn on Tuesday."
    lines = (
        spaced(PAGE_TOP[:3])
        + [
            "",
            "Watch",
            "0:58",
            "Smoke over Ridge Road",
            description,
            "Up next",
        ]
        + [""]
        + spaced(PARAS)
    )
    assert role_of(lines, description) == "caption"


def test_a_subscription_appeal_with_an_apostrophe_over_page_furniture_is_not_body():
    appeal = (
        "The Courier’s reporting is paid for by subscribers. Your subscription keeps our "
        "reporters at every council meeting. Subscribe today for $1."
    )
    lines = spaced(PAGE_TOP + PARAS + [appeal]) + ["", "Subscribe", "Comments"]
    assert role_of(lines, appeal) == "boilerplate"
    # the rule itself, before the line model: the apostrophe in "Courier’s" is no quotation mark
    from analysis.story.cleaning import _reader_appeals

    clean = [appeal, "", "Subscribe"]
    roles_ = [None, None, ("boilerplate", "subscribe prompt (furniture.csv:1)")]
    _reader_appeals(clean, [0, 2], roles_)
    assert roles_[0] is not None and roles_[0][0] == "boilerplate"


# Found on fresh batch 14 (scored once, then fixed; the lines below are invented for the tests).


@pytest.mark.parametrize(
    "line",
    [
        "Tags: Transport, Lisbon",
        "Categories: Economy, Uruguay.",
        "4 out of 5 stars",
        "Rating: 3.5/5",
        "★★★★☆",
        "More buying choices",
        "$129 at Best Buy",
    ],
)
def test_tags_a_reviews_rating_and_shop_buttons_are_not_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "Four out of five residents said they would use the new bus route, the survey found.",
        "Council members said the topics on the agenda included the bus depot and the budget.",
    ],
)
def test_sentences_about_ratings_or_topics_stay_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_key_points_label_with_the_sites_name_heads_a_summary():
    points = [
        "The earbuds cost $129 and come in three colours.",
        "Noise cancelling is excellent for the price.",
        "The microphone struggles in wind.",
    ]
    lines = PAGE_TOP + ["", "Courier's key takeaways", *points, ""] + spaced(PARAS)
    got = roles(lines)
    assert [got[lines.index(p)] for p in points] == ["standfirst"] * 3
    assert [got[lines.index(p)] for p in PARAS] == ["body"] * 4


# Found on fresh batch 15 (scored once, then fixed; the lines below are invented for the tests).


def test_a_last_sentence_that_only_says_you_is_no_appeal():
    last = "After years of complaints, the board's vote on the landfill leaves you wondering why it waited."
    lines = spaced(PAGE_TOP + PARAS + [last, "Share", "Related: Five albums to hear this week"])
    assert role_of(lines, last) == "body"


def test_a_last_call_out_that_asks_the_reader_is_still_furniture():
    ask = "What questions do you have about the landfill? Ask us here."
    lines = spaced(PAGE_TOP + PARAS + [ask, "Share", "Related: Five albums to hear this week"])
    assert role_of(lines, ask) == "boilerplate"


def test_a_paragraph_ending_in_the_sites_sign_off_mark_is_text():
    last = "The council said staff pay would not be affected by the closure. ®"
    lines = spaced(PAGE_TOP + PARAS[:2] + [last] + PARAS[2:])
    assert role_of(lines, last) == "body"


def test_the_questions_and_answers_of_a_q_and_a_interview_are_text():
    qa = [
        "Q: What should change?",
        "A: Street lamps could point down and dim after midnight, which costs a council nothing.",
        "Q: Who pays?",
        "A: Nobody, really. Dimmer lamps save money from the first winter.",
    ]
    note = "This interview has been edited for length and clarity."
    lines = spaced(PAGE_TOP + [PARAS[0], note] + qa + ["Share"])
    got = roles(lines)
    assert [got[lines.index(x)] for x in qa] == ["body"] * 4
    assert got[lines.index(note)] == "boilerplate"


# Found on fresh batch 16 (scored once, then fixed; the lines below are invented for the tests).


@pytest.mark.parametrize(
    "line",
    [
        "Reach Dana Whitcombe at dwhitcombe@courier.example or on X at @danaw.",
        "Load more",
        "https://www.courier.example/news/2026/11/25/landfill-closes/stories/2026112500\t1/2",
        "11/25/26, 9:14 AM\tLandfill on Ridge Road to close by 2028 | The Courier",
    ],
)
def test_a_contact_line_a_load_more_control_and_print_headers_are_not_body(line):
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "boilerplate"


def test_a_sentence_whose_only_word_to_the_reader_is_you_is_no_pitch():
    line = "I won't spoil how, but the second half slowly turns the whole routine against you."
    lines = spaced(PAGE_TOP + PARAS[:2] + [line] + PARAS[2:])
    assert role_of(lines, line) == "body"


def test_a_notice_about_this_story_for_your_personal_use_is_not_body():
    line = (
        "This archived news story is available only for your personal, non-commercial use. "
        "Information in the story may be outdated or superseded by later developments."
    )
    lines = spaced(PAGE_TOP + [line] + PARAS)
    assert role_of(lines, line) == "boilerplate"

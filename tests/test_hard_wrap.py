"""A hard-wrapped paste (text copied from a PDF, an e-mail or a fixed-width page, each paragraph
broken over several lines) is read back into its paragraphs: sentences and quotes are not cut at
the line ends, a wrapped line is not mistaken for a caption for its shape, and every raw line
keeps its own row, role and reason. The page is written for the test; the paragraphs it should
give are written out by hand."""

from __future__ import annotations

import pytest

from analysis.pipeline import analyse
from analysis.story.cleaning import join_wrapped, set_user_role

PARAGRAPHS = [
    "Council leaders in Northbridge voted on Tuesday to close three of the town's five public "
    "libraries by next spring, a decision opponents called short-sighted and residents said "
    "they learned about only a week ago.",
    '"We have been left with no good choices," said Margaret Ellison, the council\'s finance '
    "chair, who added that the closures would save about 1.2 million pounds a year.",
    "The vote was 7 to 4. Campaigners from the Friends of Northbridge Libraries group, who "
    "gathered outside the town hall with placards, said they would ask for a judicial review of "
    "the consultation.",
    '"People were told the matter was closed before anyone had read the report," said Daniel '
    'Okafor, who chairs the group. "That is not a consultation. It is an announcement."',
    "The council said the remaining two libraries would open for longer hours and that a mobile "
    "library van would visit the villages twice a week from January.",
]

# The same paragraphs wrapped at 68 characters, by hand; "short-sighted" is broken at its hyphen
# and the third paragraph's first line ends with no stop before a capital ("Northbridge").
WRAPPED = [
    [
        "Council leaders in Northbridge voted on Tuesday to close three of",
        "the town's five public libraries by next spring, a decision",
        "opponents called short-",
        "sighted and residents said they learned about only a week ago.",
    ],
    [
        '"We have been left with no good choices," said Margaret Ellison, the',
        "council's finance chair, who added that the closures would save",
        "about 1.2 million pounds a year.",
    ],
    [
        "The vote was 7 to 4. Campaigners from the Friends of Northbridge",
        "Libraries group, who gathered outside the town hall with placards,",
        "said they would ask for a judicial review of the consultation.",
    ],
    [
        '"People were told the matter was closed before anyone had read the',
        'report," said Daniel Okafor, who chairs the group. "That is not a',
        'consultation. It is an announcement."',
    ],
    [
        "The council said the remaining two libraries would open for longer",
        "hours and that a mobile library van would visit the villages twice a",
        "week from January.",
    ],
]

SENTENCES = [
    PARAGRAPHS[0],
    PARAGRAPHS[1],
    "The vote was 7 to 4.",
    "Campaigners from the Friends of Northbridge Libraries group, who gathered outside the town "
    "hall with placards, said they would ask for a judicial review of the consultation.",
    '"People were told the matter was closed before anyone had read the report," said Daniel '
    "Okafor, who chairs the group.",
    '"That is not a consultation.',
    'It is an announcement."',
    PARAGRAPHS[4],
]


def story(tmp_path, lines: list[str]):
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,headline\na.txt,Northbridge Echo,Northbridge votes to close three libraries\n",
        "utf-8",
    )
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", "utf-8")
    return analyse(tmp_path)


def blank_separated() -> list[str]:
    out = ["Northbridge votes to close three libraries", "", "By Anna Fielding", ""]
    for k, para in enumerate(WRAPPED):
        out += ([""] if k else []) + para
    return out


def test_a_hard_wrapped_paste_is_read_back_as_its_paragraphs(tmp_path):
    a = story(tmp_path, blank_separated())
    assert list(a.paragraphs["text"]) == PARAGRAPHS
    assert list(a.paragraphs["line"]) == [5, 10, 14, 18, 22]  # each paragraph's first raw line
    assert a.bodies["a.txt"] == "\n\n".join(PARAGRAPHS)
    # every raw line keeps its row; the wrapped ones say which paragraph they continue
    assert len(a.lines) == len(blank_separated())
    row = a.lines[a.lines["line"] == 15].iloc[0]
    assert row["role"] == "body" and "continues the paragraph of line 14" in row["reason"]
    assert a.warnings["code"].eq("hard-wrapped").sum() == 1


def test_a_wrapped_line_with_no_final_stop_is_not_taken_for_a_caption(tmp_path):
    a = story(tmp_path, blank_separated())
    row = a.lines[a.lines["line"] == 14].iloc[0]
    assert row["role"] == "body" and "hard-wrapped" in row["reason"]
    m = a.metrics.iloc[0]
    assert (m["paragraphs"], m["sentences"]) == (5, 8)
    assert m["body_words"] == sum(len(p.split()) for p in PARAGRAPHS)  # 151 words
    assert m["removed_words_caption"] == 0


def test_without_blank_lines_sentences_are_not_cut_at_the_line_ends(tmp_path):
    lines = ["Northbridge votes to close three libraries"] + [x for p in WRAPPED for x in p]
    a = story(tmp_path, lines)
    body = a.bodies["a.txt"]
    got = [body[s:e] for s, e in zip(a.sentences["start"], a.sentences["end"])]
    assert got == SENTENCES


def test_quotes_in_a_wrapped_paste_keep_their_speakers(tmp_path):
    a = story(tmp_path, blank_separated())
    q = a.quotes
    assert list(q["speaker"]) == ["Margaret Ellison", "Daniel Okafor", "Daniel Okafor"]
    assert list(q["line"]) == [10, 18, 18]
    assert not a.warnings["code"].astype(str).str.contains("quote").any()


def test_a_users_role_on_a_wrapped_line_splits_its_paragraph_there(tmp_path):
    story(tmp_path, blank_separated())
    set_user_role(tmp_path, "a.txt", 14, "caption", "a test")
    a = analyse(tmp_path)
    third = a.paragraphs[a.paragraphs["line"] == 15]["text"].iloc[0]
    assert third.startswith("Libraries group,") and third.endswith("consultation.")
    assert list(a.paragraphs["text"])[:2] == PARAGRAPHS[:2]
    assert list(a.paragraphs["text"])[3:] == PARAGRAPHS[3:]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["opponents called short-", "sighted and"], "opponents called short-sighted and"),
        (["in the 2023-", "24 season"], "in the 2023-24 season"),
        (["the vote -", "which was close"], "the vote - which was close"),
        (["a mid-", "Atlantic storm"], "a mid- Atlantic storm"),
        (["said the", "council"], "said the council"),
    ],
)
def test_wrapped_lines_join_with_a_space_or_at_a_hyphen(parts, joined):
    assert join_wrapped(parts) == joined


def test_lines_of_no_common_width_are_warned_about_but_not_joined(tmp_path):
    lines = [
        "Northbridge votes to close three libraries",
        "",
        "The council voted on Tuesday to close three of the town's five public libraries and",
        "residents said so.",
        "Campaigners who gathered outside said the decision was",
        "wrong.",
        "A petition had",
        "more than 4,000 signatures.",
    ]
    a = story(tmp_path, lines)
    row = a.warnings[a.warnings["code"] == "hard-wrapped"].iloc[0]
    assert "too uneven to find the wrap width" in row["message"]
    assert len(a.paragraphs) == 6  # each body line read as its own paragraph, as before


def test_a_line_break_inside_a_paragraph_does_not_cut_a_quote_from_its_speaker(tmp_path):
    text = (
        "Northbridge votes to close three libraries\n\n"
        + PARAGRAPHS[0]
        + "\n\n"
        + '"We have been left with no good choices,"\u2028said Margaret Ellison, the council\'s'
        + " finance chair.\n\n"
        + PARAGRAPHS[4]
        + "\n"
    )
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,Northbridge Echo\n", "utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    a = analyse(tmp_path)
    assert len(a.lines) == 8  # the break still ends a raw line: nothing is lost or merged away
    assert list(a.paragraphs["line"]) == [3, 5, 8]
    assert a.paragraphs["text"].iloc[1].startswith('"We have been left with no good choices," said')
    assert list(a.quotes["speaker"]) == ["Margaret Ellison"]


MORE = [
    "The closures were first proposed in a budget paper published on 12 March 2024, 10:30 GMT, "
    "which said the library service would need to find savings of 15% over three years.",
    '"You need time to build a library and a week to close one," said Peter Lang, a former '
    "librarian, who has lived in the town since 1987. He said the campaign would go on. "
    '"We are not done," he added, "and neither are the readers of this town."',
]


@pytest.mark.parametrize("width", [50, 70, 100])
@pytest.mark.parametrize("between", ["\n\n", "\n"])
def test_text_wrapped_by_a_text_wrapper_gives_back_its_paragraphs(tmp_path, width, between):
    import textwrap

    paragraphs = PARAGRAPHS + MORE
    text = "Northbridge votes to close three libraries\n\n"
    text += between.join(textwrap.fill(p, width) for p in paragraphs)
    a = story(tmp_path, text.split("\n"))
    assert a.warnings["code"].eq("hard-wrapped").sum() == 1
    got = list(a.paragraphs["text"])
    if between == "\n\n":
        assert got == paragraphs
    else:  # no blank lines: a paragraph whose last line is nearly full runs on into the next
        assert " ".join(got) == " ".join(paragraphs)
    # every text line under the headline is body: none lost as a caption or a date line
    assert (a.lines["role"] == "body").sum() == sum(1 for x in text.split("\n")[2:] if x)


@pytest.mark.parametrize("width", [50, 83])
def test_a_dash_a_text_wrapper_put_at_the_start_of_a_line_does_not_start_a_paragraph(
    tmp_path, width
):
    import textwrap

    dashed = (
        "The council said the closures would go ahead next spring, whatever the review found - "
        "a decision campaigners called a betrayal of the readers and of the staff who kept the "
        "branches open all winter - and that the savings would pay for longer hours at the two "
        "libraries left."
    )
    paragraphs = [PARAGRAPHS[0], dashed, PARAGRAPHS[4]]
    wrapped = [textwrap.wrap(p, width) for p in paragraphs]
    assert any(line.startswith("- ") for line in wrapped[1])  # the case under test
    lines = ["Northbridge votes to close three libraries", ""] + [x for p in wrapped for x in p]
    a = story(tmp_path, lines)
    assert list(a.paragraphs["text"]) == paragraphs

"""Frames and themes, headline and lede emphasis, naming: hand counts on short fixture stories.

The fixture story has two outlets. Offsets and shares below were counted by hand from the texts
(the body is the paragraphs joined by a blank line, "\\n\\n", two characters).

Herald (headline in the paste), body sentences:
  1 "The council raised tram fares on Monday."          paragraph 1, starts at 0   (40 chars)
  2 'Riders said the cost was "a disgrace".'             paragraph 2, starts at 42
  3 "The mayor said nothing."                            paragraph 2, starts at 81  (p2: 62 chars)
  4 "Buses were late."                                   paragraph 3, starts at 106
  5 "The trams were full."                               paragraph 3, starts at 123 (p3: 37 chars)
  body: 40 + 2 + 62 + 2 + 37 = 143 characters; the first quarter is before 35.75: sentence 1.

Radio (no headline in the paste; the manifest has one), body sentences:
  1 "Councillors met yesterday."   starts at 0  (26 chars)
  2 "Trams will run later."        starts at 28 (21 chars)
  3 "The trams were full."         starts at 51 (20 chars), the same words as Herald's sentence 5
  body: 26 + 2 + 21 + 2 + 20 = 71 characters.
"""

from __future__ import annotations

import math
import shutil

import pytest

from analysis.measures import framing
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse

HERALD = (
    "Tram fares rise again\n"
    "\n"
    "The council raised tram fares on Monday.\n"
    "\n"
    'Riders said the cost was "a disgrace". The mayor said nothing.\n'
    "\n"
    "Buses were late. The trams were full.\n"
)
RADIO = (
    "Councillors met yesterday.\n"
    "\n"
    "Trams will run later.\n"
    "\n"
    "The trams were full.\n"
)
MANIFEST = (
    "file,outlet,headline\n"
    "herald.txt,Herald,\n"
    "radio.txt,Radio,Buses make way for trams\n"
)
THEMES = (
    "frame,pattern,note\n"
    "transport,trams?|bus(?:es)?,\n"
    "money,cost|fares?,\n"
    "delay,late|delays?,\n"
)


@pytest.fixture
def tram(story):
    folder = story({"herald.txt": HERALD, "radio.txt": RADIO}, MANIFEST)
    (folder / "themes.csv").write_text(THEMES, encoding="utf-8")
    return analyse(folder)


def theme_row(a, outlet, frame):
    t = a.frames
    return t[(t["outlet"] == outlet) & (t["layer"] == "theme") & (t["frame"] == frame)].iloc[0]


# --------------------------------------------------------------------------------------------
# Hits


def test_every_theme_hit_is_kept_with_its_words_sentence_and_lexicon_row(tram):
    h = tram.frame_hits
    h = h[(h["file"] == "herald.txt") & (h["layer"] == "theme") & (h["part"] == "body")]
    got = sorted(zip(h["frame"], h["sentence"], h["paragraph"], h["matched"], h["lexicon"]))
    assert got == sorted([
        ("transport", 1, 1, "tram", "themes.csv:2"),
        ("money", 1, 1, "fares", "themes.csv:3"),
        ("money", 2, 2, "cost", "themes.csv:3"),
        ("transport", 4, 3, "Buses", "themes.csv:2"),
        ("delay", 4, 3, "late", "themes.csv:4"),
        ("transport", 5, 3, "trams", "themes.csv:2"),
    ])


def test_a_hit_carries_its_sentence_text_and_body_offsets(tram):
    h = tram.frame_hits
    hit = h[(h["file"] == "herald.txt") & (h["frame"] == "delay")].iloc[0]
    assert hit["text"] == "Buses were late."
    assert (hit["start"], hit["end"]) == (117, 121)  # 106 + len("Buses were ")
    assert tram.bodies["herald.txt"][hit["start"]:hit["end"]] == "late"


def test_patterns_match_whole_words_only(tram):
    # "later" in Radio's "Trams will run later." is not "late"
    assert theme_row(tram, "Radio", "delay")["sentences"] == 0


def test_a_hit_inside_quotation_marks_is_flagged(tram):
    h = tram.frame_hits
    quoted = h[(h["file"] == "herald.txt") & (h["layer"] == "theme")]["in_quote"]
    assert not quoted.any()  # "a disgrace" carries no theme term
    assert framing.quoted_spans('Riders said the cost was "a disgrace".') == [(25, 37)]


def test_overlapping_terms_of_one_frame_count_once_and_the_longest_wins():
    rx = framing.compile_term
    terms = [framing.Term("transport", rx("tram", "t"), "t:2"),
             framing.Term("transport", rx("tram fares", "t"), "t:3"),
             framing.Term("money", rx("fares", "t"), "t:4")]
    found = framing.find_terms("tram fares rise", terms)
    assert [(t.key, a, b) for t, a, b in found] == [("transport", 0, 10), ("money", 5, 10)]


def test_curly_quotes_match_straight_quotes_in_a_pattern():
    terms = [framing.Term("who", framing.compile_term("who's in", "t"), "t:2")]
    assert [(a, b) for _, a, b in framing.find_terms("see who’s in now", terms)] == [(4, 12)]


# --------------------------------------------------------------------------------------------
# Frames per outlet


def test_share_is_sentences_carrying_the_frame_over_the_outlets_sentences(tram):
    assert theme_row(tram, "Herald", "transport")["share"] == pytest.approx(3 / 5)  # 1, 4, 5
    assert theme_row(tram, "Herald", "money")["share"] == pytest.approx(2 / 5)  # 1, 2
    assert theme_row(tram, "Radio", "transport")["share"] == pytest.approx(2 / 3)  # 2, 3


def test_hits_count_every_match_and_sentences_count_each_sentence_once(story):
    folder = story({"a.txt": "Trams and buses and trams.\n"}, "file,outlet\na.txt,A\n")
    (folder / "themes.csv").write_text(THEMES, encoding="utf-8")
    row = theme_row(analyse(folder), "A", "transport")
    assert (row["hits"], row["sentences"], row["share"]) == (3, 1, 1.0)


def test_first_position_is_where_the_first_carrying_sentence_starts_in_the_body(tram):
    delay = theme_row(tram, "Herald", "delay")
    assert delay["first_sentence"] == 4
    assert delay["first_position"] == pytest.approx(106 / 143)
    radio = theme_row(tram, "Radio", "transport")
    assert radio["first_sentence"] == 2
    assert radio["first_position"] == pytest.approx(28 / 71)


def test_a_frame_never_mentioned_has_zero_share_and_no_first_position(tram):
    row = theme_row(tram, "Radio", "money")
    assert row["share"] == 0 and row["hits"] == 0
    assert math.isnan(row["first_position"])


def test_own_share_leaves_out_sentences_another_outlet_also_ran(tram):
    # Herald's "The trams were full." is Radio's sentence 3 word for word: not its own choice.
    row = theme_row(tram, "Herald", "transport")
    assert row["own_sentences"] == 2  # sentences 1 and 4
    assert row["own_share"] == pytest.approx(2 / 4)  # of Herald's 4 unshared sentences


def test_a_frame_with_no_terms_has_a_blank_share_not_zero(story):
    folder = story({"a.txt": "Trams ran.\n"}, "file,outlet\na.txt,A\n")
    (folder / "themes.csv").write_text("frame,pattern,note\nother,,residual\n", encoding="utf-8")
    row = theme_row(analyse(folder), "A", "other")
    assert math.isnan(row["share"])


def test_every_policy_frame_dimension_is_listed(tram):
    policy = tram.frames[(tram.frames["outlet"] == "Herald") & (tram.frames["layer"] == "policy")]
    assert len(policy) == 15  # the Policy Frames Codebook's 15 dimensions, "other" included


def test_a_bad_pattern_is_an_error_naming_the_file_and_line(story):
    folder = story({"a.txt": "Trams ran.\n"}, "file,outlet\na.txt,A\n")
    (folder / "themes.csv").write_text("frame,pattern,note\nok,tram,\nbroken,(unclosed,\n",
                                       encoding="utf-8")
    with pytest.raises(ValueError, match=r"themes\.csv line 3: bad pattern"):
        analyse(folder).frame_hits


def test_a_lexicon_without_its_columns_is_an_error_naming_the_file(story):
    folder = story({"a.txt": "Trams ran.\n"}, "file,outlet\na.txt,A\n")
    (folder / "themes.csv").write_text("theme,words\nok,tram\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"themes\.csv: missing column\(s\) frame, pattern"):
        analyse(folder).frame_hits


# --------------------------------------------------------------------------------------------
# Headline and lede


def test_the_headline_comes_from_the_paste_else_from_the_manifest(tram):
    h = framing.headlines(tram).set_index("file")
    assert (h.loc["herald.txt", "headline_source"], h.loc["herald.txt", "text"]) == (
        "paste", "Tram fares rise again")
    assert h.loc["herald.txt", "line"] == 1
    assert (h.loc["radio.txt", "headline_source"], h.loc["radio.txt", "text"]) == (
        "manifest", "Buses make way for trams")


def test_headline_hits_are_counted_apart_from_the_body(tram):
    e = tram.emphasis.set_index(["outlet", "layer", "item"])
    assert e.loc[("Herald", "theme", "transport"), "headline"] == 1  # "Tram"
    assert e.loc[("Herald", "theme", "money"), "headline"] == 1  # "fares"
    assert e.loc[("Radio", "theme", "transport"), "headline"] == 2  # "Buses", "trams"
    assert e.loc[("Radio", "theme", "transport"), "headline_source"] == "manifest"


def test_lede_emphasis_compares_the_first_quarter_with_the_rest(tram):
    row = tram.emphasis.set_index(["outlet", "layer", "item"]).loc[("Herald", "theme", "transport")]
    assert row["first_paragraph"] == 1  # "tram" in paragraph 1
    assert (row["first_quarter"], row["rest"]) == (1, 2)  # sentence 1 | sentences 4 and 5
    assert row["first_quarter_share"] == pytest.approx(1 / 1)
    assert row["rest_share"] == pytest.approx(2 / 4)
    assert row["lift"] == pytest.approx(1 - 0.5)


def test_an_item_put_low_has_negative_lift(tram):
    row = tram.emphasis.set_index(["outlet", "layer", "item"]).loc[("Herald", "theme", "delay")]
    assert (row["first_quarter_share"], row["rest_share"]) == (0, pytest.approx(1 / 4))
    assert row["lift"] == pytest.approx(-0.25)


def test_actors_from_the_story_folder_join_the_emphasis_table(story):
    folder = story({"herald.txt": HERALD}, "file,outlet\nherald.txt,Herald\n")
    (folder / "actors.csv").write_text("actor,pattern,note\ncouncil,\\bcouncil\\b,\n",
                                       encoding="utf-8")
    e = analyse(folder).emphasis.set_index(["outlet", "layer", "item"])
    row = e.loc[("Herald", "actor", "council")]
    assert (row["headline"], row["first_paragraph"], row["first_quarter"], row["rest"]) == (
        0, 1, 1, 0)


# --------------------------------------------------------------------------------------------
# Naming

NAMING_TEXT = (
    "Grant opens tram line\n"
    "\n"
    'Mayor Alice Grant opened the line. Grant said: "Grant is my name."\n'
)
NAMING = (
    "actor,form,pattern\n"
    "mayor,Alice Grant,(?:Mayor )?Alice Grant\n"
    "mayor,Grant,Grant\n"
    "mayor,the mayor,the mayor\n"
)


@pytest.fixture
def named(story):
    folder = story({"a.txt": NAMING_TEXT}, "file,outlet\na.txt,A\n")
    (folder / "naming.csv").write_text(NAMING, encoding="utf-8")
    return analyse(folder)


def test_one_mention_is_one_naming_form(named):
    # "Mayor Alice Grant" is the form "Alice Grant", not also "Grant"
    n = named.naming.set_index("form")
    assert n.loc["Alice Grant", "body"] == 1


def test_naming_counts_headline_own_words_and_quotes_apart(named):
    n = named.naming.set_index("form")
    grant = n.loc["Grant"]
    assert (grant["headline"], grant["body"], grant["quoted"], grant["total"]) == (1, 1, 1, 2)


def test_a_form_never_used_is_listed_with_zero(named):
    n = named.naming.set_index("form")
    assert n.loc["the mayor", "total"] == 0


def test_naming_table_puts_forms_in_rows_and_outlets_in_columns(named):
    table = framing.naming_table(named.naming)
    assert table.loc[("mayor", "Grant"), "A"] == 2


# --------------------------------------------------------------------------------------------
# The seeds


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEEDS_DIR)


def test_seeds_only_the_kyiv_post_afp_copy_carries_the_china_theme(seeds):
    china = seeds.frames[(seeds.frames["layer"] == "theme") & (seeds.frames["frame"] == "China")]
    by_outlet = dict(zip(china["outlet"], china["sentences"]))
    assert by_outlet == {"Fox News": 0, "Kyiv Post": 1, "LBC": 0}
    hit = seeds.frame_hits[seeds.frame_hits["frame"] == "China"].iloc[0]
    assert hit["matched"] == "China"
    assert "devoted the most resources to countering China" in hit["text"]


def test_seeds_naming_matches_a_hand_count(seeds):
    n = seeds.naming.set_index(["outlet", "form"])["total"]
    # LBC: "Sir Richard said", "Sir Richard’s second ever", "Sir Richard revealed" (the caption
    # lines are not body); "Sir Richard Moore, the chief of MI6" is the full name.
    assert n[("LBC", "Sir Richard")] == 3
    assert n[("LBC", "Richard Moore")] == 1
    # Kyiv Post: "Britain’s spy chief on Wednesday", "the spy chief added"
    assert n[("Kyiv Post", "spy chief")] == 2
    # Fox News: "defectors" in the headline, "any defectors from the Kremlin", "Most
    # intelligence defectors’ names"
    assert n[("Fox News", "defectors")] == 3


def test_seeds_a_theme_edit_changes_the_table_without_code(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, folder)
    before = analyse(folder).frames
    assert "Prime Minister" not in set(before["frame"])
    with open(folder / "themes.csv", "a", encoding="utf-8") as f:
        f.write("Prime Minister,Rishi Sunak|Prime Minister,added by a test\n")
    after = analyse(folder).frames
    pm = after[after["frame"] == "Prime Minister"].set_index("outlet")["sentences"]
    # only LBC's last sentence names "our Prime Minister Rishi Sunak"
    assert pm.to_dict() == {"Fox News": 0, "Kyiv Post": 0, "LBC": 1}


def test_cli_framing_prints_one_row_per_outlet_and_frame(capsys):
    from analysis.app.cli import main

    assert main(["framing", "--seeds", str(SEEDS_DIR), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    header = out[0].split(",")
    assert header[:3] == ["outlet", "layer", "frame"]
    assert {"share", "first_sentence", "first_position"} <= set(header)
    assert len(out) - 1 == 3 * (15 + 7)  # three outlets, 15 policy frames and 7 story themes


# --------------------------------------------------------------------------------------------
# Figures


@pytest.mark.parametrize("name", ["frames-by-outlet", "headline-and-lede-emphasis",
                                  "naming-by-outlet", "reporting-verbs-by-outlet",
                                  "distinctive-words-by-outlet", "shared-and-unique-text"])
def test_each_framing_figure_returns_the_data_it_plots(seeds, name):
    from analysis.charts.framing import CHARTS

    fig, data = CHARTS[name](seeds)
    if name == "distinctive-words-by-outlet":
        # No word of the seeds reaches z 1.96: none is drawn as distinctive, and the title
        # says so (the seeds' top z-scores are below 1.6).
        assert data.empty
    else:
        assert set(data["outlet"]) == {"Fox News", "Kyiv Post", "LBC"}
    assert any(t.get_gid() == "workbook-title" and t.get_text() for t in fig.texts)


def test_the_frame_heat_map_title_names_a_difference_of_three_sentences_or_more(seeds):
    from analysis.charts.framing import frame_heat_map

    fig, _ = frame_heat_map(seeds)
    title = next(t.get_text() for t in fig.texts if t.get_gid() == "workbook-title")
    title = title.replace("\n", " ")
    # China is in one Kyiv Post sentence only: too few to say "only Kyiv Post mentions".
    assert "China" not in title
    assert title == ("Kyiv Post (AFP) gives the artificial intelligence theme the most room: "
                     "7 of 19 sentences, against 2 of 21 sentences at Fox News (AP)")


def test_a_figure_with_nothing_to_plot_is_none(story):
    from analysis.charts.framing import distinctive_words, naming_forms

    a = analyse(story({"a.txt": "Trams ran late.\n"}, "file,outlet\na.txt,A\n"))
    assert naming_forms(a) is None  # no naming.csv in the story folder
    assert distinctive_words(a) is None  # one outlet: nothing to compare with

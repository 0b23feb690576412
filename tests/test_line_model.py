"""The line model: a second opinion on lines the rules keep as body, shipped as a weights file
that its training script gives back from the development set, and explained in words."""

from __future__ import annotations

from analysis.evaluation import lines as ev
from analysis.evaluation import train_line_model
from analysis.story import line_model
from analysis.story.cleaning import classify_article, clean_line

# A paste with page furniture (a "Share" button) and paragraphs separated by blank lines.
PASTE = [
    "Council votes to close the old library",
    "",
    "Share",
    "",
    "The council voted on Tuesday to close the old library on Market Street next spring.",
    "",
    "Its books will move to the new community hub, the council said in a statement.",
    "",
    "Readers who want to help can join the friends of the library group this month.",
]
# Weights that give every line almost no chance of being text (a very negative constant).
DOUBTFUL = tuple([-20.0] + [0.0] * (len(line_model.FEATURE_NAMES) - 1))


def roles(lines, **kw):
    return classify_article([clean_line(x) for x in lines], "Outlet", **kw)


def test_the_shipped_weights_are_what_the_training_script_gives(tmp_path):
    out = train_line_model.write(
        train_line_model.fit(ev.load_devset()), tmp_path / "line_model.csv"
    )
    assert out.read_bytes() == line_model.MODEL_FILE.read_bytes()


def test_every_feature_has_a_weight_and_a_description():
    assert len(line_model.weights()) == len(line_model.FEATURES)
    assert all(description for _, description in line_model.FEATURES)


def test_a_line_the_model_doubts_becomes_boilerplate_and_says_why_in_words():
    got = roles(PASTE, model=DOUBTFUL)
    assert [r for r, _ in got][4] == "boilerplate"
    reason = got[4][1]
    assert reason.startswith(
        "the line model gives it a 0.00 chance of being article text (the rules said: paragraph)"
    )
    assert "; against it: " in reason


def test_with_the_model_off_the_rules_decide_alone():
    assert [r for r, _ in roles(PASTE, model=())][4:9:2] == ["body", "body", "body"]


def test_a_paste_without_page_furniture_is_left_to_the_rules():
    plain = [line for line in PASTE if line != "Share"]
    assert [r for r, _ in roles(plain, model=DOUBTFUL)].count("body") == 3


def test_the_model_only_ever_takes_lines_out_of_the_body():
    with_model = roles(PASTE, model=DOUBTFUL)
    rules = roles(PASTE, model=())
    for (a, _), (b, _) in zip(rules, with_model):
        assert a == b or (a == "body" and b == "boilerplate")


def test_a_caption_dated_in_may_still_reads_like_a_caption():
    # "May 12" is a date, not the modal verb "may" (a caption of fresh batch 9's dev set).
    assert line_model.is_caption_like("Protesters gather outside parliament in Tbilisi on May 12.")
    assert not line_model.is_caption_like("Protesters may gather outside parliament in Tbilisi.")


def test_a_caption_in_the_past_names_a_day_and_a_place():
    # A verb in the past with no object, before a named place, on a day: what a photo shows.
    assert line_model.is_caption_like(
        "Flood water spread across Mill Lane on Sunday after the storm."
    )
    # A short sentence of the story in the past names no day and place so tersely.
    assert not line_model.is_caption_like("The blaze started in a shed behind the old mill.")
    assert not line_model.is_caption_like("Police arrested two men outside the club on Friday.")


def test_a_caption_may_give_the_purpose_of_a_scene_but_not_an_intention():
    # "to" and a verb right after the scene's verb is its purpose ...
    assert line_model.is_caption_like("Farmers queue to sell grain at a depot in Kano.")
    assert line_model.is_caption_like("Damage to a shop front in Hull on March 4, 2025.")
    # ... after a verb of intention it is news, and so after an object ("to win").
    assert not line_model.is_caption_like("The board plans to close the depot in Kano.")
    assert not line_model.is_caption_like("The visitors held off a late rally to win at Old Road.")
    # An imperative is never a caption.
    assert not line_model.is_caption_like("Listen again to the interview on the station's website.")

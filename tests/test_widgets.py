"""The explorers: the outlet/metric picker and the sentence explorer (HTML escaped)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.app import widgets
from analysis.pipeline import analyse

TRAM = Path(__file__).parent / "fixtures" / "tram-story"

# A pasted article whose text holds markup: entities decode to a script tag and an image with an
# onerror handler, and a bare "<" comparison. The explorer must show all of it as text.
HOSTILE_ARTICLE = (
    "Council meets again\n\n"
    'The mayor said "we will win" on Tuesday.\n\n'
    "Then &lt;script&gt;alert(1)&lt;/script&gt; appeared on the page.\n\n"
    "A picture &lt;img src=x onerror=alert(2)&gt; and 3 < 4 & 5 > 2 were pasted too.\n"
)


@pytest.fixture(scope="module")
def tram():
    return analyse(TRAM)


@pytest.fixture()
def hostile(tmp_path):
    (tmp_path / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\nhostile.txt,The <b>Bold</b> Times\n",
                                           encoding="utf-8")
    return analyse(tmp_path)


def test_article_markup_is_shown_as_text_and_runs_nothing(hostile):
    page = widgets.sentence_html(hostile, "hostile.txt")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "3 &lt; 4 &amp; 5 &gt; 2" in page


def test_outlet_names_are_escaped_too(hostile):
    page = widgets.sentence_html(hostile, "hostile.txt")
    assert "The &lt;b&gt;Bold&lt;/b&gt; Times" in page
    assert "<b>" not in page


def test_highlight_marks_quoted_words_and_underlines_frame_words():
    text = 'He said "go now" today.'
    quotes = [{"start": 9, "end": 15, "speaker": "Ann", "verb": "said"}]
    frames = [{"start": 0, "end": 2, "frame": "people & places"}]
    assert widgets.highlight(text, quotes, frames) == (
        f'<span class="wb-frame" style="{widgets.FRAME_STYLE}" title="people &amp; places">He'
        '</span> said &quot;'
        '<mark class="wb-quote" style="background:#FFF3C4">go now</mark>&quot; today.')


def test_each_sentence_shows_its_sentiment_speaker_and_frames(hostile):
    rows = widgets.article_sentences(hostile, "hostile.txt")
    first = rows.iloc[0]
    assert first["text"] == 'The mayor said "we will win" on Tuesday.'
    assert first["label"] == "positive"  # VADER: "win" is positive
    assert [(q["start"], q["end"]) for q in first["quotes"]] == [(16, 27)]  # we will win
    page = widgets.sentence_html(hostile, "hostile.txt")
    assert "quote: The mayor (said)" in page


def test_switching_sentiment_off_removes_the_badges(hostile):
    with_badges = widgets.sentence_html(hostile, "hostile.txt")
    without = widgets.sentence_html(hostile, "hostile.txt", sentiment=False)
    assert "positive +" in with_badges and "positive +" not in without


def test_an_unknown_article_is_a_clear_error(tram):
    with pytest.raises(ValueError, match="no article 'missing.txt'"):
        widgets.sentence_html(tram, "missing.txt")


def test_sentence_explorer_redraws_when_the_article_changes(tram):
    box = widgets.sentence_explorer(tram)
    assert "Harbour Herald" in box.view.value
    box.article.value = "radio.txt"
    assert "Valley Radio" in box.view.value and "Harbour Herald" not in box.view.value


def test_sentence_explorer_toggles_redraw(tram):
    box = widgets.sentence_explorer(tram, file="radio.txt")
    box.toggles["quotes"].value = False
    assert "wb-quote" not in box.view.value


def test_metric_catalogue_offers_only_what_the_story_has():
    class Minimal:
        articles = pd.DataFrame({"file": ["a.txt"], "outlet": ["A"], "kind": ["article"]})
        sentences = pd.DataFrame({"file": ["a.txt"], "outlet": ["A"], "sentence": [1],
                                  "words": [12]})

    assert list(widgets.metric_catalogue(Minimal())["key"]) == ["sentences.words"]


def test_explorer_data_has_one_row_per_sentence_for_sentence_metrics(tram):
    data = widgets.explorer_data(tram, ["Valley Radio"], "sentences.words")
    assert list(data["outlet"].unique()) == ["Valley Radio"]
    assert len(data) == len(tram.sentences[tram.sentences["outlet"] == "Valley Radio"])


def test_explorer_figure_title_names_the_highest_outlet(tram):
    fig, data = widgets.explorer_figure(tram, ["Harbour Herald", "Metro Wire"],
                                        "metrics.body_words")
    title = next(t.get_text() for t in fig.texts if t.get_gid() == "workbook-title")
    # Hand counts: Harbour Herald 133 body words, Metro Wire 68.
    assert title.replace("\n", " ") == "Harbour Herald has the highest body length: 133"
    assert sorted(data["value"]) == [68, 133]


def test_an_unknown_metric_lists_the_choices(tram):
    with pytest.raises(ValueError, match="sentences.words"):
        widgets.explorer_data(tram, ["Metro Wire"], "nope.nothing")


def test_metric_explorer_redraws_when_outlets_or_metric_change(tram, monkeypatch):
    calls = []
    original = widgets.explorer_figure

    def spy(a, outlets, key):
        calls.append((tuple(outlets), key))
        return original(a, outlets, key)

    monkeypatch.setattr(widgets, "explorer_figure", spy)
    box = widgets.outlet_metric_explorer(tram)
    box.metric.value = "sentences.words"
    box.outlets.value = ("Valley Radio",)
    assert calls[-2:] == [(("Harbour Herald", "Metro Wire", "Valley Radio"), "sentences.words"),
                          (("Valley Radio",), "sentences.words")]


def test_the_explorer_has_a_checkbox_per_outlet_and_names_only_the_ticked_ones(tram):
    box = widgets.outlet_metric_explorer(tram)
    assert len(box.outlets.checks) == 3
    box.outlets.checks["Metro Wire"].value = False
    assert set(box.outlets.value) == {"Harbour Herald", "Valley Radio"}
    fig, _ = widgets.explorer_figure(tram, box.outlets.value, box.metric.value)
    source = [t for t in fig.texts if t.get_gid() == "workbook-source"][0].get_text()
    assert "Metro Wire" not in source and "Harbour Herald" in source


def test_the_explorer_saves_its_figure_as_png_svg_and_csv(tram, tmp_path):
    box = widgets.outlet_metric_explorer(tram, out=tmp_path)
    box.save()
    names = {p.name for p in (tmp_path / "figures").iterdir()}
    stem = "explorer-" + box.metric.value.replace(".", "-").replace("_", "-")
    assert {f"{stem}.png", f"{stem}.svg", f"{stem}.csv"} <= names
    assert "Saved" in box.saved.value

"""The notebook form (analysis.app.add_form): the same code as `python -m analysis add`."""

import csv
from datetime import datetime, timezone
from pathlib import Path

import pytest

from analysis.app.add_form import add_form
from analysis.story.collect import new_story

PAGES = Path(__file__).parent / "devsets" / "pages"


def rows(folder):
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def upload_value(name, data):
    return (
        {
            "name": name,
            "type": "text/html",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2024, 1, 1, tzinfo=timezone.utc),
        },
    )


@pytest.fixture
def form(tmp_path):
    return add_form(new_story(tmp_path / "story"))


def test_pasting_an_article_adds_it_with_its_fields(form):
    form.text.value = "Harbour wall repaired\n\nThe harbour wall at Polwenna has been repaired after storm damage.\n"
    form.outlet.value = "Polwenna Post"
    form.headline.value = "Harbour wall repaired"
    form.published.value = "2024-02-01"
    form.paste_button.click()
    row = rows(form.folder)[0]
    assert (row["outlet"], row["headline"], row["published"]) == (
        "Polwenna Post",
        "Harbour wall repaired",
        "2024-02-01",
    )
    assert (
        (form.folder / row["file"])
        .read_text(encoding="utf-8")
        .startswith("Harbour wall repaired\n")
    )
    assert "added polwenna-post-harbour-wall-repaired.txt" in form.status.value
    assert form.text.value == ""


def test_a_paste_without_an_outlet_shows_the_error_and_adds_nothing(form):
    form.text.value = "Some text of an article.\n"
    form.paste_button.click()
    assert "the outlet is not known" in form.status.value and rows(form.folder) == []


def test_uploading_a_saved_page_adds_it_byte_for_byte(form):
    data = (PAGES / "amp-city-marathon.html").read_bytes()
    form.upload.value = upload_value("amp-city-marathon.html", data)
    form.upload_button.click()
    row = rows(form.folder)[0]
    assert row["outlet"] == "Harwick Herald" and row["author"] == "Owen Tasker"
    assert (form.folder / "amp-city-marathon.html").read_bytes() == data
    form.upload.value = upload_value("again.html", data)
    form.upload_button.click()
    assert "the same file as amp-city-marathon.html" in form.status.value


def test_uploading_a_file_that_is_not_a_page_shows_why(form):
    form.upload.value = upload_value("photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    form.upload_button.click()
    assert "photo.html: not a web page" in form.status.value and rows(form.folder) == []


def test_messages_are_escaped(form):
    form.text.value = "Text.\n"
    form.outlet.value = "<script>alert(1)</script>"
    form.published.value = "<b>soon</b>"
    form.paste_button.click()
    assert "<b>soon</b>" not in form.status.value and "&lt;b&gt;soon&lt;/b&gt;" in form.status.value


def test_an_exported_notebook_says_what_the_form_does_instead_of_a_widget_repr(
    form, monkeypatch, capsys
):
    from IPython.display import HTML

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    monkeypatch.setenv("COVERAGE_HEADLESS", "1")
    form._ipython_display_()
    assert len(shown) == 1 and isinstance(shown[0], HTML)
    assert "In JupyterLab this cell is a form" in shown[0].data

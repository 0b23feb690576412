"""`python -m analysis new / add / add-links`, and a story of saved pages loaded and analysed
like pasted text (`lines`, `warnings`)."""

import csv
import shutil
from pathlib import Path

import pytest

from analysis.app.cli import main
from analysis.pipeline import analyse
from analysis.story.loading import load_story

PAGES = Path(__file__).parent / "devsets" / "pages"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(folder):
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("wire-port-cranes.html", "broadcaster-ferry-strike.html", "cp1252-bakery-pasty.html"):
        shutil.copyfile(PAGES / name, folder / name)
    return folder


def test_new_add_and_the_lines_table_in_three_commands(capsys, tmp_path, pages):
    story = tmp_path / "ports"
    code, out, _ = run(capsys, "new", story, "--title", "Dockers and ferries")
    assert code == 0 and "new story 'Dockers and ferries'" in out
    code, out, err = run(capsys, "add", "--seeds", story, *sorted(pages.iterdir()))
    assert code == 0, err
    assert out.count("added ") == 3 and "(Meridian Wire)" in out
    assert {r["outlet"] for r in rows(story)} == {"Meridian Wire", "NBS News", "Westcombe Evening Post"}
    code, out, err = run(capsys, "lines", "--seeds", story, "--format", "csv")
    assert code == 0 and err == ""
    assert "wire-port-cranes.html" in out and "Reporting by Tomás Real" in out


def test_saved_pages_have_a_lines_table_like_any_article(tmp_path, pages):
    from analysis.story.collect import add_articles, new_story

    story = new_story(tmp_path / "s")
    add_articles(story, sorted(pages.iterdir()))
    a = analyse(story)
    lines = a.lines[a.lines["file"] == "wire-port-cranes.html"]
    assert lines.iloc[0]["role"] == "headline"
    assert lines.iloc[0]["clean"] == "Portuguese dockers halt crane deliveries in pay row"
    credit = lines[lines["clean"].str.startswith("Reporting by")]
    assert list(credit["role"]) == ["credit"]
    body = lines[lines["role"] == "body"]
    assert len(body) == 7 and body.iloc[0]["clean"].startswith("SETÚBAL, Portugal, Sept 17")
    art = a.articles.set_index("file").loc["wire-port-cranes.html"]
    assert art["encoding"] == "html" and art["bytes"] == (PAGES / "wire-port-cranes.html").stat().st_size
    assert len(a.sentences) > 0


def test_loading_twice_gives_the_same_text(tmp_path, pages):
    from analysis.story.collect import add_articles, new_story

    story = new_story(tmp_path / "s")
    add_articles(story, sorted(pages.iterdir()))
    assert load_story(story).articles.equals(load_story(story).articles)


def test_a_page_dropped_into_the_folder_without_add_is_loaded_with_a_warning(tmp_path):
    story = tmp_path / "s"
    story.mkdir()
    (story / "manifest.csv").write_text("file,outlet\n")
    shutil.copyfile(PAGES / "amp-city-marathon.html", story / "marathon.htm")
    (story / "home.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    s = load_story(story)
    assert list(s.articles["file"]) == ["marathon.htm"]
    codes = sorted(zip(s.warnings["file"], s.warnings["code"]))
    assert codes == [("home.html", "no-manifest-row"), ("home.html", "not-a-page"),
                     ("marathon.htm", "no-manifest-row")]
    assert any(m.startswith("home.html: no article text found") for m in s.warnings["message"])


def test_add_links_then_warnings_lists_the_articles_to_collect(capsys, tmp_path, pages):
    story = tmp_path / "s"
    run(capsys, "new", story)
    links = tmp_path / "links.csv"
    links.write_text("url,outlet,title,published\n"
                     "https://www.meridianwire.example/world/europe/portuguese-dockers-halt-crane-deliveries-pay-row-2024-09-17/,Meridian,Dockers halt cranes,2024-09-17\n"
                     "https://www.tagusnews.example/cranes,Tagus News,Cranes idle,2024-09-18\n", encoding="utf-8")
    code, out, err = run(capsys, "add-links", "--seeds", story, links)
    assert code == 0 and "(plain list)" in out and "2 article(s) to collect" in err
    code, out, err = run(capsys, "warnings", "--seeds", story, "--format", "csv")
    assert code == 0 and out.count("to-collect") == 2
    code, out, err = run(capsys, "add", "--seeds", story, pages / "wire-port-cranes.html")
    assert code == 0 and "added wire-port-cranes.html to the listed link" in out
    code, out, err = run(capsys, "warnings", "--seeds", story, "--format", "csv")
    assert out.count("to-collect") == 1 and "tagusnews.example/cranes" in out
    assert rows(story)[0]["outlet"] == "Meridian"  # the list's outlet stays


@pytest.mark.parametrize("argv, message", [
    (["add", "--seeds", "{story}", "{tmp}/missing.html"], "missing.html: no such file"),
    (["add", "--seeds", "{tmp}/nostory", "{page}"], "no such story folder"),
    (["add", "--seeds", "{story}", "{page}", "--published", "yesterday"], "not an ISO 8601 date"),
    (["add-links", "--seeds", "{story}", "{tmp}/bad.csv"], "bad.csv line 1: columns link, site are not a known list"),
    (["new", "{story}"], "the folder exists and is not empty"),
])
def test_refusals_are_one_error_line_and_status_2(capsys, tmp_path, argv, message):
    story = tmp_path / "s"
    run(capsys, "new", story)
    (tmp_path / "bad.csv").write_text("link,site\nhttps://a.example/x,A\n")
    page = PAGES / "wire-port-cranes.html"
    argv = [a.format(story=story, tmp=tmp_path, page=page) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.startswith("error: ") and message in err and err.count("\n") == 1


def test_the_same_page_twice_is_refused_naming_both(capsys, tmp_path, pages):
    story = tmp_path / "s"
    run(capsys, "new", story)
    run(capsys, "add", "--seeds", story, pages / "wire-port-cranes.html")
    copy = tmp_path / "copy of cranes.html"
    shutil.copyfile(pages / "wire-port-cranes.html", copy)
    code, out, err = run(capsys, "add", "--seeds", story, copy)
    assert code == 2 and "copy of cranes.html: the same file as wire-port-cranes.html" in err


def test_the_story_folder_comes_from_coverage_seeds_when_not_given(monkeypatch, tmp_path):
    from analysis.paths import SEEDS_DIR, story_dir

    monkeypatch.setenv("COVERAGE_SEEDS", str(tmp_path))
    assert story_dir() == tmp_path and story_dir("elsewhere") == Path("elsewhere")
    monkeypatch.delenv("COVERAGE_SEEDS")
    assert story_dir() == SEEDS_DIR

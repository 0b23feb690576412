"""Building a story folder (analysis.story.collect): new, add (pasted text and saved pages),
add-links, and the refusals that keep a story clean."""

import csv
import shutil
from pathlib import Path

import pytest

from analysis.story.collect import (
    add_articles,
    add_links,
    add_pasted_text,
    new_story,
    read_links,
    read_rows,
    story_title,
    to_collect,
)
from analysis.story.loading import StoryError

PAGES = Path(__file__).parent / "devsets" / "pages"
PASTE = ("Bridge closed for repairs\n\nThe old bridge over the Wend will close for six weeks from "
         "Monday while engineers replace its bearings, the county council said.\n\nDrivers will be "
         "sent on a twelve-mile diversion through Upper Hatch.\n")


def manifest(folder: Path) -> list[dict]:
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def story(tmp_path):
    return new_story(tmp_path / "bridge", title="The Wend bridge closure")


@pytest.fixture
def paste(tmp_path):
    path = tmp_path / "wend-herald.txt"
    path.write_text(PASTE, encoding="utf-8")
    return path


def saved(tmp_path, name, new_name=None) -> Path:
    target = tmp_path / (new_name or name)
    shutil.copyfile(PAGES / name, target)
    return target


# new ----------------------------------------------------------------------------------------

def test_new_makes_a_folder_with_an_empty_manifest_and_a_readme_holding_the_title(story):
    from analysis.story.loading import MANIFEST_COLUMNS

    assert (story / "manifest.csv").read_text() == ",".join(MANIFEST_COLUMNS) + "\n"
    assert MANIFEST_COLUMNS[:2] == ("file", "outlet")
    readme = (story / "README.md").read_text()
    assert readme.startswith("# The Wend bridge closure\n")
    for optional in ("speakers.csv", "actors.csv", "themes.csv", "naming.csv", "furniture.csv"):
        assert optional in readme
    assert story_title(story) == "The Wend bridge closure"


def test_new_without_a_title_uses_the_folder_name(tmp_path):
    assert story_title(new_story(tmp_path / "harbour-fire")) == "harbour-fire"


def test_new_refuses_a_folder_that_is_not_empty(story):
    with pytest.raises(StoryError, match=r"bridge: the folder exists and is not empty"):
        new_story(story)


def test_new_refuses_a_path_that_is_a_file(paste):
    with pytest.raises(StoryError, match=r"wend-herald\.txt: exists and is not a folder"):
        new_story(paste)


# add: pasted text ---------------------------------------------------------------------------

def test_add_copies_a_pasted_text_byte_for_byte_and_writes_its_row(story, paste):
    add_articles(story, [paste], outlet="Wend Herald", published="2024-05-02")
    assert (story / "wend-herald.txt").read_bytes() == paste.read_bytes()
    row = manifest(story)[0]
    assert (row["file"], row["outlet"], row["published"]) == ("wend-herald.txt", "Wend Herald", "2024-05-02")
    assert row["headline"] == row["author"] == row["url"] == ""  # never guessed


def test_add_of_pasted_text_needs_an_outlet(story, paste):
    with pytest.raises(StoryError, match=r"wend-herald\.txt: the outlet is not known.*--outlet"):
        add_articles(story, [paste])
    assert manifest(story) == []


def test_add_refuses_a_bad_date_or_url_or_kind(story, paste):
    with pytest.raises(StoryError, match="published '2 May 2024' is not an ISO 8601 date"):
        add_articles(story, [paste], outlet="W", published="2 May 2024")
    with pytest.raises(StoryError, match="not a web address"):
        add_articles(story, [paste], outlet="W", url="www.example.org/a")
    with pytest.raises(StoryError, match="kind 'blog' must be article or source"):
        add_articles(story, [paste], outlet="W", kind="blog")


def test_add_refuses_other_kinds_of_file(story, tmp_path):
    doc = tmp_path / "article.docx"
    doc.write_bytes(b"PK\x03\x04")
    with pytest.raises(StoryError, match=r"article\.docx: only \.txt files .* and \.html or \.htm"):
        add_articles(story, [doc], outlet="W")


def test_add_refuses_a_missing_file_and_an_empty_one(story, tmp_path):
    with pytest.raises(StoryError, match=r"nothere\.txt: no such file"):
        add_articles(story, [tmp_path / "nothere.txt"], outlet="W")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(StoryError, match=r"empty\.txt: the file is empty"):
        add_articles(story, [empty], outlet="W")


def test_add_to_a_folder_that_does_not_exist_says_how_to_start_one(tmp_path, paste):
    with pytest.raises(StoryError, match=r"no such story folder .*analysis new"):
        add_articles(tmp_path / "nope", [paste], outlet="W")


def test_the_notebook_form_adds_pasted_text_through_the_same_code(story):
    add_pasted_text(story, PASTE.rstrip("\n"), outlet="Wend Herald", headline="Bridge closed for repairs",
                    url="https://wendherald.example/news/bridge")
    row = manifest(story)[0]
    assert row["file"] == "wend-herald-bridge-closed-for-repairs.txt"
    assert (story / row["file"]).read_text(encoding="utf-8") == PASTE
    with pytest.raises(StoryError, match="the same file as wend-herald-bridge-closed-for-repairs.txt"):
        add_pasted_text(story, PASTE, outlet="Wend Herald", headline="Bridge closed for repairs")
    with pytest.raises(StoryError, match="the pasted text is empty"):
        add_pasted_text(story, "  \n", outlet="Wend Herald")


# add: saved pages ---------------------------------------------------------------------------

def test_add_keeps_a_saved_page_byte_for_byte_and_fills_its_row_from_the_page(story, tmp_path):
    page = saved(tmp_path, "broadcaster-ferry-strike.html", "Island ferry strike - NBS News.html")
    add_articles(story, [page])
    row = manifest(story)[0]
    assert row["file"] == "Island-ferry-strike-NBS-News.html"
    assert (story / row["file"]).read_bytes() == page.read_bytes()
    assert row["outlet"] == "NBS News"
    assert row["headline"] == "Island ferry strike: Crews walk out over rota changes"
    assert row["author"] == "Catriona Mabey"
    assert row["published"] == "2024-05-03T06:12:44+00:00"
    assert row["url"] == "https://www.nbs.example/news/articles/c4x9kq2e7lmo"


def test_the_outlet_is_the_domain_when_the_page_names_no_site(story, tmp_path):
    html = ("<html><head><link rel='canonical' href='https://www.fenwickpost.example/a/b'></head><body><article>"
            + "<p>The text of the article, long enough to count as one of its paragraphs here.</p>" * 3
            + "</article></body></html>")
    page = tmp_path / "b.html"
    page.write_text(html)
    add_articles(story, [page])
    assert manifest(story)[0]["outlet"] == "fenwickpost.example"


def test_command_line_values_win_over_the_page(story, tmp_path):
    add_articles(story, [saved(tmp_path, "wire-port-cranes.html")], outlet="Meridian", wire_agency="Meridian")
    row = manifest(story)[0]
    assert (row["outlet"], row["wire_agency"], row["author"]) == ("Meridian", "Meridian", "Tomás Real")


def test_the_same_file_twice_is_refused_naming_both(story, tmp_path):
    add_articles(story, [saved(tmp_path, "wire-port-cranes.html")])
    again = saved(tmp_path, "wire-port-cranes.html", "copy.html")
    with pytest.raises(StoryError, match=r"copy\.html: the same file as wire-port-cranes\.html"):
        add_articles(story, [again])
    assert len(manifest(story)) == 1 and not (story / "copy.html").exists()


def test_the_same_article_twice_is_refused_by_its_url(story, tmp_path):
    add_articles(story, [saved(tmp_path, "wire-port-cranes.html")])
    other = tmp_path / "resaved.html"
    other.write_bytes((PAGES / "wire-port-cranes.html").read_bytes().replace(b"in Lisbon on Thursday", b"in Lisbon on Friday"))
    with pytest.raises(StoryError, match=r"resaved\.html: the same article as wire-port-cranes\.html.*same URL"):
        add_articles(story, [other])


def test_the_same_article_twice_is_refused_by_its_text(story, tmp_path, paste):
    add_articles(story, [paste], outlet="Wend Herald")
    crlf = tmp_path / "again.txt"
    crlf.write_bytes(PASTE.replace("\n", "\r\n").encode())
    with pytest.raises(StoryError, match=r"again\.txt: the same article as wend-herald\.txt.*same text"):
        add_articles(story, [crlf], outlet="Other")


def test_a_duplicate_within_one_command_adds_nothing(story, tmp_path):
    a = saved(tmp_path, "amp-city-marathon.html")
    b = saved(tmp_path, "amp-city-marathon.html", "b.html")
    with pytest.raises(StoryError, match=r"b\.html: the same file as amp-city-marathon\.html"):
        add_articles(story, [a, b])
    assert manifest(story) == [] and sorted(p.name for p in story.iterdir()) == ["README.md", "manifest.csv"]


def test_a_page_with_no_article_is_refused_naming_the_file(story, tmp_path):
    home = tmp_path / "home.html"
    home.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>")
    with pytest.raises(StoryError, match=r"home\.html: no article text found"):
        add_articles(story, [home])


def test_a_non_html_file_named_html_is_refused(story, tmp_path):
    fake = tmp_path / "photo.html"
    fake.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64)
    with pytest.raises(StoryError, match=r"photo\.html: not a web page"):
        add_articles(story, [fake])
    text = tmp_path / "notes.htm"
    text.write_text("Some notes typed by hand.\nNo markup at all.\n")
    with pytest.raises(StoryError, match=r"notes\.htm: not a web page \(no HTML tags"):
        add_articles(story, [text])


def test_a_page_in_another_encoding_is_added_as_saved(story, tmp_path):
    page = saved(tmp_path, "cp1252-bakery-pasty.html")
    add_articles(story, [page])
    row = manifest(story)[0]
    assert row["headline"] == "Bakery chain raises price of its famous pasty to £3.20"
    assert (story / row["file"]).read_bytes() == page.read_bytes()


def test_a_name_taken_by_another_file_gets_a_number(story, tmp_path):
    one = tmp_path / "a" / "index.html"
    two = tmp_path / "b" / "index.html"
    for path, src in ((one, "amp-city-marathon.html"), (two, "sports-cup-replay.html")):
        path.parent.mkdir()
        shutil.copyfile(PAGES / src, path)
    add_articles(story, [one, two])
    assert [r["file"] for r in manifest(story)] == ["index.html", "index-2.html"]


# add-links ----------------------------------------------------------------------------------

MEDIA_CLOUD = (
    "id,indexed_date,language,media_name,media_url,publish_date,title,url\n"
    "a1b2,2024-09-17 15:02:11.5,en,meridianwire.example,meridianwire.example,2024-09-17,"
    "Portuguese dockers halt crane deliveries in pay row,"
    "https://www.meridianwire.example/world/europe/portuguese-dockers-halt-crane-deliveries-pay-row-2024-09-17/\n"
    "c3d4,2024-09-18 08:00:00,en,portnews.example,portnews.example,2024-09-18,Setúbal cranes stay idle,"
    "https://portnews.example/setubal-cranes?utm_source=rss\n"
)
GDELT_DOC = ("\ufeffURL,MobileURL,Date,Title\n"
             "https://www.lisbondaily.example/economy/dockers,,2024-09-17 16:15:00,Dockers block cranes\n")
GDELTDOC_PY = (",url,url_mobile,title,seendate,socialimage,domain,language,sourcecountry\n"
               "0,https://www.tagus.example/a,,Port strike widens,20240918T031500Z,,tagus.example,English,Portugal\n")
PLAIN = ("url,outlet,title,published\n"
         "https://www.setubalnews.example/cranes,Setúbal News,Cranes idle,2024-09-17T18:00:00+01:00\n")


def write(tmp_path, name, text) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_media_cloud_export_becomes_rows_to_collect(story, tmp_path):
    report = add_links(story, write(tmp_path, "mc.csv", MEDIA_CLOUD))
    rows = manifest(story)
    assert [r["file"] for r in rows] == ["", ""]
    assert rows[0]["outlet"] == "meridianwire.example" and rows[0]["published"] == "2024-09-17"
    assert rows[1]["headline"] == "Setúbal cranes stay idle"
    assert "(Media Cloud)" in report.lines()[-1]
    assert len(to_collect(story)) == 2


def test_gdelt_exports_keep_the_date_gdelt_saw_the_article_out_of_published(tmp_path):
    name, rows = read_links(write(tmp_path, "gdelt.csv", GDELT_DOC))
    assert name == "GDELT DOC API (csv)"
    assert rows[0]["outlet"] == "lisbondaily.example" and rows[0]["published"] == ""
    assert "first saw it at 2024-09-17T16:15:00" in rows[0]["notes"]
    name, rows = read_links(write(tmp_path, "gdeltdoc.csv", GDELTDOC_PY))
    assert rows[0]["outlet"] == "tagus.example" and "2024-09-18T03:15:00+00:00" in rows[0]["notes"]


def test_a_plain_list_is_read_as_it_is(tmp_path):
    name, rows = read_links(write(tmp_path, "links.csv", PLAIN))
    assert name == "plain list"
    assert (rows[0]["outlet"], rows[0]["headline"], rows[0]["published"]) == (
        "Setúbal News", "Cranes idle", "2024-09-17T18:00:00+01:00")


def test_a_csv_with_unknown_columns_is_refused_naming_them(tmp_path):
    with pytest.raises(StoryError, match=r"bad\.csv line 1: columns link, site are not a known list of links"):
        read_links(write(tmp_path, "bad.csv", "link,site\nhttps://a.example/x,A\n"))
    with pytest.raises(StoryError, match=r"typo\.csv line 1: unknown column\(s\) pubished for a plain list"):
        read_links(write(tmp_path, "typo.csv", "url,outlet,pubished\nhttps://a.example/x,A,2024-01-01\n"))


def test_a_row_without_a_web_address_is_refused_naming_the_line(tmp_path):
    with pytest.raises(StoryError, match=r"links\.csv line 3: 'a.example/y' is not a web address"):
        read_links(write(tmp_path, "links.csv", "url,outlet\nhttps://a.example/x,A\na.example/y,A\n"))


def test_a_spreadsheet_is_not_a_csv(tmp_path):
    xlsx = tmp_path / "links.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(StoryError, match=r"links\.xlsx: not a CSV file"):
        read_links(xlsx)


def test_links_already_listed_are_skipped_not_doubled(story, tmp_path):
    add_links(story, write(tmp_path, "mc.csv", MEDIA_CLOUD))
    report = add_links(story, write(tmp_path, "mc2.csv", MEDIA_CLOUD))
    assert len(manifest(story)) == 2 and len(report.skipped) == 2


def test_a_saved_page_fills_the_listed_link_with_the_same_canonical_url(story, tmp_path):
    add_links(story, write(tmp_path, "mc.csv", MEDIA_CLOUD))
    report = add_articles(story, [saved(tmp_path, "wire-port-cranes.html")])
    rows = manifest(story)
    assert len(rows) == 2 and len(report.filled) == 1
    filled = rows[0]
    assert filled["file"] == "wire-port-cranes.html"
    assert filled["outlet"] == "meridianwire.example"  # the list's value stays
    assert filled["author"] == "Tomás Real"  # the page fills the blanks
    assert [r["url"] for r in to_collect(story)] == ["https://portnews.example/setubal-cranes?utm_source=rss"]


def test_the_manifest_keeps_its_line_endings_and_header(tmp_path, paste):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "manifest.csv").write_bytes(b"file,outlet,notes\r\n")
    add_articles(folder, [paste], outlet="Wend Herald")
    assert (folder / "manifest.csv").read_bytes() == b"file,outlet,notes\r\nwend-herald.txt,Wend Herald,\r\n"
    assert read_rows(folder).rows[0]["outlet"] == "Wend Herald"


def test_the_projects_own_seeds_are_never_added_to(paste):
    from analysis.paths import SEEDS_DIR

    with pytest.raises(StoryError, match="seeds are kept as they came"):
        add_articles(SEEDS_DIR, [paste], outlet="W")


def test_the_to_collect_table_lists_links_without_a_page(story, tmp_path):
    from analysis.story.collect import to_collect_table

    assert list(to_collect_table(story).columns) == ["outlet", "headline", "published", "url", "notes"]
    assert to_collect_table(story).empty
    add_links(story, write(tmp_path, "mc.csv", MEDIA_CLOUD))
    table = to_collect_table(story)
    assert list(table["outlet"]) == ["meridianwire.example", "portnews.example"]


def test_a_huge_pasted_text_or_a_pipe_is_refused_before_it_is_read(story, tmp_path):
    import os

    from analysis.story.loading import MAX_ARTICLE_BYTES

    big = tmp_path / "huge.txt"
    big.write_bytes(b"word " * (MAX_ARTICLE_BYTES // 5 + 1))
    with pytest.raises(StoryError, match=r"huge\.txt: .* over the limit"):
        add_articles(story, [big], outlet="W")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(StoryError, match=r"pipe\.txt: not a regular file"):
        add_articles(story, [fifo], outlet="W")

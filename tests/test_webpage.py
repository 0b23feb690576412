"""Reading saved web pages (analysis.story.webpage): text and metadata from the page alone."""

from pathlib import Path

import pytest

from analysis.story.webpage import (
    MAX_PAGE_BYTES,
    PageError,
    canonical_url,
    decode_page,
    domain_of,
    extract_page,
    normalise_date,
)

PAGES = Path(__file__).parent / "devsets" / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


ARTICLE = """<html><head><title>Pier reopens after storm repairs | The Bayside Echo</title>
<meta property="og:site_name" content="The Bayside Echo">
<link rel="canonical" href="https://www.baysideecho.example/news/pier-reopens">
<meta property="article:published_time" content="2024-04-02T08:30:00+01:00">
<meta name="author" content="Rosa Pettifer"></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Pier reopens after storm repairs</h1>
<p>The town's Victorian pier reopened on Tuesday, fourteen months after a winter storm tore away part of its deck and left the theatre at its end cut off from the shore.</p>
<p>Hundreds of people walked its length in the first hour, and the ice-cream kiosk at the entrance ran out of wafers before lunchtime, its owner said with a laugh.</p>
<p>The repairs cost £2.1 million, most of it raised by a trust set up by residents after the council said it could not afford to pay for the work on its own.</p>
</article><footer>Contact us</footer></body></html>"""


def test_a_saved_page_gives_its_article_text_with_the_headline_first():
    p = extract_page(ARTICLE.encode("utf-8"), "pier.html")
    lines = p.text.split("\n\n")
    assert lines[0] == "Pier reopens after storm repairs"
    assert lines[1].startswith("The town's Victorian pier reopened on Tuesday")
    assert lines[-1].startswith("The repairs cost £2.1 million") and p.text.endswith("\n")
    assert "Home" not in p.text and "Contact us" not in p.text


def test_metadata_comes_from_the_page_markup():
    p = extract_page(ARTICLE.encode("utf-8"), "pier.html")
    assert (p.headline, p.author, p.site_name) == ("Pier reopens after storm repairs", "Rosa Pettifer",
                                                   "The Bayside Echo")
    assert p.published == "2024-04-02T08:30:00+01:00"
    assert p.url == "https://www.baysideecho.example/news/pier-reopens"
    assert p.domain == "baysideecho.example"


def test_a_page_that_does_not_say_leaves_the_fields_blank():
    html = ("<html><body><article>" + "<p>A paragraph of the article that is long enough to be "
            "taken as text by the extractor, with a full stop at its end.</p>" * 4
            + "</article></body></html>")
    p = extract_page(html.encode(), "bare.html")
    assert (p.author, p.published, p.site_name, p.url, p.domain) == ("", "", "", "", "")


def test_the_address_the_browser_noted_when_saving_is_the_fallback_url():
    html = ("<!-- saved from url=(0041)https://www.example.org/news/a-story.html -->\n<html><body><article>"
            + "<p>Some text of the article that is long enough to be kept by the extractor here.</p>" * 4
            + "</article></body></html>")
    assert extract_page(html.encode(), "saved.html").url == "https://www.example.org/news/a-story.html"


def test_the_same_bytes_always_give_the_same_text():
    data = page("wp-local-flood-barrier.html")
    assert extract_page(data, "a.html") == extract_page(data, "a.html")


def test_a_page_in_windows_1252_is_decoded_by_its_meta_charset():
    p = extract_page(page("cp1252-bakery-pasty.html"), "pasty.html")
    assert p.encoding == "cp1252"
    assert "£3.20" in p.text and "Trevarrow’s Bakery" in p.text and "\ufffd" not in p.text


def test_a_page_in_utf16_with_a_byte_order_mark_is_read():
    data = b"\xff\xfe" + ARTICLE.encode("utf-16-le")
    p = extract_page(data, "utf16.html")
    assert p.encoding == "utf-16-le" and "£2.1 million" in p.text


def test_a_page_mislabelled_as_latin1_but_in_utf8_is_read_as_utf8():
    data = ARTICLE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8")
    text, encoding = decode_page(data)
    # the label is honoured (bytes decode as Windows-1252 without error)...
    assert encoding == "cp1252"
    # ...but an undeclared page is read as UTF-8 when it is valid UTF-8
    assert decode_page(ARTICLE.encode("utf-8")) == (ARTICLE, "utf-8")


def test_a_page_with_no_article_text_is_an_error_naming_the_file():
    home = b"<html><head><title>Home</title></head><body><nav><a href='/a'>News</a><a href='/b'>Sport</a></nav></body></html>"
    with pytest.raises(PageError, match=r"home\.html: no article text found"):
        extract_page(home, "home.html")


@pytest.mark.parametrize("data, why", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"Just some pasted text, saved with the wrong extension.\nSecond line.\n", "no HTML tags"),
    (b"", "empty"),
    (b"   \n\n", "empty"),
])
def test_a_file_named_html_that_is_not_a_page_is_an_error_naming_it(data, why):
    with pytest.raises(PageError, match=rf"story\.html: .*{why}"):
        extract_page(data, "story.html")


def test_a_huge_page_is_refused_before_it_is_parsed():
    data = b"<html><body>" + b" " * (MAX_PAGE_BYTES + 1) + b"</body></html>"
    with pytest.raises(PageError, match=r"big\.html: .* too large"):
        extract_page(data, "big.html")


def test_a_large_page_of_scripts_and_inline_images_still_gives_its_article():
    script = "<script>var x = '" + "a" * 3_000_000 + "';</script>"
    image = '<img src="data:image/png;base64,' + "QUJD" * 1_000_000 + '">'
    data = ARTICLE.replace("<nav>", script + image + "<nav>").encode()
    assert len(data) > 7_000_000
    p = extract_page(data, "heavy.html")
    assert p.text.startswith("Pier reopens after storm repairs\n\nThe town's Victorian pier")


def test_a_layout_table_is_read_as_paragraphs():
    p = extract_page(page("cp1252-bakery-pasty.html"), "pasty.html")
    assert "|" not in p.text
    assert "\n\nThe firm said the price of its vegetable pasty" in p.text


@pytest.mark.parametrize("value, expected", [
    ("2024-03-04", "2024-03-04"),
    ("2024-03-04T09:30:00Z", "2024-03-04T09:30:00+00:00"),
    ("2024-03-04T09:30:00.000Z", "2024-03-04T09:30:00+00:00"),
    ("2024-03-04T09:30+0100", "2024-03-04T09:30:00+01:00"),
    ("2024-03-04 09:30:00", "2024-03-04T09:30:00"),
    ("4 March 2024", ""),
    ("2024-02-30", ""),
])
def test_dates_are_kept_only_when_the_page_gives_them_in_iso_form(value, expected):
    assert normalise_date(value) == expected


def test_urls_compare_without_www_tracking_parameters_or_trailing_slash():
    a = "https://www.Example.org/news/story-1/?utm_source=twitter&id=7#comments"
    assert canonical_url(a) == canonical_url("http://example.org/news/story-1?id=7")
    assert canonical_url(a) != canonical_url("https://example.org/news/story-2")
    assert domain_of(a) == "example.org"


def test_a_page_in_shift_jis_without_spaces_between_words_is_read():
    paragraph = "<p>港の新しい防波堤は三年の工事を経て完成し、住民は台風の季節を前に安心していると話した。</p>"
    data = ('<html><head><meta charset="shift_jis"><title>防波堤が完成</title></head><body><article>'
            + paragraph * 2 + "<p>市は来年、さらに二つの港で同じ工事を始める予定だと発表した。</p></article></body></html>"
            ).encode("shift_jis")
    p = extract_page(data, "port.html")
    assert p.encoding == "shift_jis" and "防波堤" in p.text

"""Read a saved web page: the article's text and what the page says about it, offline.

A page saved from the browser ("Save page as", or a single-file save) holds the article among
the site's furniture: menus, related links, newsletter boxes, comments. :func:`extract_page`
turns the page's bytes into

- the article text, one block (paragraph, crosshead, list item) a line and a blank line between
  blocks, with the page's headline as the first line, so that it reads like a paste and goes
  through the same line roles (:mod:`analysis.story.cleaning`) as one;
- the headline, author, publication date, site name and canonical URL the page's own markup
  gives (``<meta>``, JSON-LD, ``<link rel="canonical">``, the address the browser noted when it
  saved the page), blank where the page does not say: nothing is guessed.

The extraction is done by trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction", ACL demos), with htmldate for the date,
both pinned in ``requirements.txt``. Nothing is fetched: a page is read from its bytes only, and
the same bytes always give the same text (the date search has a fixed upper bound rather than
"today", and the page's bytes are decoded here by fixed rules rather than by guessing).

Problems raise :class:`PageError` (a ``ValueError``) naming the file: an empty file, a binary
file or plain text named ``.html``, a page too large to be an article, a page with no article
text.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from urllib.parse import urlsplit

#: Pages larger than this are refused (a saved article page with its inline scripts and styles
#: is rarely above 5 MB; single-file saves with inlined images can reach 20 MB).
MAX_PAGE_BYTES = 40_000_000
#: Text left after scripts, styles and inline images are set aside must be below this (it is
#: what trafilatura parses; its own limit is 20 MB).
MAX_MARKUP_CHARS = 15_000_000
#: Upper bound of the date search (htmldate's default is today, which would make the result
#: depend on the day it runs).
DATE_SEARCH_MAX = "2099-12-31"

# trafilatura settings used by the workbook: comments are not article text; tables are kept
# (they are part of some articles); links, images and formatting are not needed in plain text.
EXTRACT_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    include_formatting=False,
    deduplicate=False,
    favor_precision=False,
    favor_recall=False,
)

#: Blocks set aside before extraction by their class, id or itemprop (any of these words in
#: it): summaries above the article (standfirst, dek, key-point bullets), author biographies,
#: and print-edition notes. Their names are common to news publishing systems; what they hold
#: is never body text and the line roles cannot always tell (a summary reads like a first
#: paragraph).
PRUNE_NAMES = ("standfirst", "article-summary", "articlesummary", "dek", "summary-bullets",
               "key-points", "keypoints", "mol-bullets", "author-bio", "authorbio", "bio-box",
               "byline-bio", "print-info", "print-edition", "printinfo")

_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff",
                 b"\x7fELF", b"BZh", b"\xd0\xcf\x11\xe0", b"RIFF", b"\x00\x00\x01\x00")
_HTML_SIGN = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|article|div|p|main)\b",
                        re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")
# Inline material that is never article text and can be very large; JSON-LD scripts are kept
# (they carry the metadata).
_HEAVY = re.compile(
    r"<script\b(?![^>]{0,200}application/ld\+json)[^>]*>.*?</script\s*>"
    r"|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>|<noscript\b[^>]*>.*?</noscript\s*>",
    re.IGNORECASE | re.DOTALL,
)
_DATA_URI = re.compile(r"""(["'(])data:[^"')]{200,}""")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_SINGLEFILE = re.compile(r"<!--\s*Page saved with SingleFile\s*url:\s*(https?://\S+)", re.IGNORECASE)
_ISO_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$")


class PageError(ValueError):
    """A saved page that cannot be read as an article. The message names the file."""


@dataclass(frozen=True)
class Page:
    """What :func:`extract_page` reads from a saved page.

    Attributes
    ----------
    text : str
        The article: the headline on the first line, then one block a line with a blank line
        between blocks. It goes through the line roles like a paste.
    body : str
        trafilatura's text alone (no headline added), one block a line.
    headline, author, published, site_name, url : str
        From the page's markup; ``""`` where the page does not say. ``published`` is ISO 8601
        (a date-time with its offset when the page gives one, else a date).
    domain : str
        The host of ``url`` without ``www.``; ``""`` without a URL.
    encoding : str
        How the page's bytes were decoded.
    """

    text: str
    body: str
    headline: str
    author: str
    published: str
    site_name: str
    url: str
    domain: str
    encoding: str

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Decoding


def _codec(name: bytes | str) -> str | None:
    try:
        label = name.decode("ascii") if isinstance(name, bytes) else name
        info = codecs.lookup(label.strip().lower())
    except (LookupError, UnicodeDecodeError):
        return None
    # Browsers read pages labelled ISO-8859-1 or ASCII as Windows-1252 (WHATWG Encoding).
    if info.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return info.name


def decode_page(data: bytes, name: str = "page") -> tuple[str, str]:
    """The page's text and the encoding it was read with.

    In order: a byte-order mark (UTF-8, UTF-16); the ``charset`` of a ``<meta>`` tag or the
    XML declaration in the first 4 KiB; UTF-8 when the bytes are valid UTF-8; else
    Windows-1252. The same bytes always decode the same way.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return data[2:].decode(codec, errors="replace"), codec
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    declared = _codec(m.group(1)) if m else None
    if declared and not declared.startswith("utf-16"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong label: fall through to the byte rules below
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def check_page_bytes(data: bytes, name: str) -> None:
    """Raise :class:`PageError` naming ``name`` for bytes that are not a web page."""
    if not data.strip():
        raise PageError(f"{name}: the file is empty; save the page again from the browser")
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"{name}: {len(data):,} bytes is too large for a saved article page "
                        f"(the limit is {MAX_PAGE_BYTES:,}); save the page as HTML only")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096] and not data.startswith(
            (b"\xff\xfe", b"\xfe\xff")):
        raise PageError(f"{name}: not a web page (the file is binary: an image, PDF or archive "
                        "named .html?)")
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head[2:].decode(codec, errors="ignore").encode("utf-8")
    if not _HTML_SIGN.search(head):
        raise PageError(f"{name}: not a web page (no HTML tags in it); a pasted article belongs "
                        "in a .txt file")


# --------------------------------------------------------------------------------------------
# Metadata the page states


def _json_ld(markup: str) -> list[dict]:
    items: list[dict] = []
    for m in re.finditer(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script\s*>", markup,
                         re.IGNORECASE | re.DOTALL):
        try:
            value = json.loads(m.group(1).strip())
        except ValueError:
            continue
        stack = [value]
        while stack:
            v = stack.pop()
            if isinstance(v, list):
                stack.extend(reversed(v))
            elif isinstance(v, dict):
                items.append(v)
                if "@graph" in v:
                    stack.append(v["@graph"])
    return items


def _meta(markup: str, *keys: str) -> str:
    """The content of the first ``<meta>`` whose property, name or itemprop is one of ``keys``."""
    for key in keys:
        for m in re.finditer(r"<meta\b[^>]*>", markup[:400_000], re.IGNORECASE):
            tag = m.group(0)
            attr = re.search(r"""\b(?:property|name|itemprop)\s*=\s*["']([^"']+)["']""", tag, re.I)
            if attr and attr.group(1).strip().lower() == key:
                content = re.search(r"""\bcontent\s*=\s*(["'])(.*?)\1""", tag, re.I | re.S)
                if content and content.group(2).strip():
                    return _unescape(content.group(2).strip())
    return ""


def _unescape(text: str) -> str:
    import html

    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def normalise_date(value: str) -> str:
    """An ISO 8601 date or date-time from a page's metadata in the manifest's form
    (``2024-03-04`` or ``2024-03-04T09:30:00+01:00``); ``""`` if it is not one."""
    m = _ISO_DATETIME.match(value.strip())
    if not m:
        return ""
    day, hm, sec, zone = m.groups()
    try:
        datetime.fromisoformat(day)
    except ValueError:
        return ""
    if not hm:
        return day
    out = f"{day}T{hm}{sec or ':00'}"
    if zone:
        out += "+00:00" if zone == "Z" else (zone if ":" in zone else f"{zone[:3]}:{zone[3:]}")
    try:
        datetime.fromisoformat(out)
    except ValueError:
        return day
    return out


def _published(markup: str, ld: list[dict]) -> str:
    for item in ld:
        v = item.get("datePublished")
        if isinstance(v, str) and normalise_date(v):
            return normalise_date(v)
    v = _meta(markup, "article:published_time", "og:published_time", "datepublished",
              "publication_date", "pubdate", "date", "dc.date.issued", "dcterms.created")
    if normalise_date(v):
        return normalise_date(v)
    m = re.search(r"""<time\b[^>]*itemprop\s*=\s*["']datePublished["'][^>]*>""", markup, re.I)
    if m:
        dt = re.search(r"""datetime\s*=\s*["']([^"']+)["']""", m.group(0), re.I)
        if dt and normalise_date(dt.group(1)):
            return normalise_date(dt.group(1))
    return ""


def _saved_url(markup: str) -> str:
    m = _SAVED_FROM.search(markup[:4096]) or _SINGLEFILE.search(markup[:8192])
    return m.group(1) if m else ""


def domain_of(url: str) -> str:
    """The host of ``url`` in lower case, without ``www.`` (``""`` if there is none)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def canonical_url(url: str) -> str:
    """``url`` in the form used to match the same article: scheme and host in lower case,
    ``www.`` dropped, no fragment, no tracking parameters (``utm_*``, ``fbclid``, ``gclid``), no
    trailing slash. Used for comparing, never written to the manifest."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    query = "&".join(q for q in parts.query.split("&")
                     if q and not re.match(r"(utm_[a-z]+|fbclid|gclid|ocid|cmpid|at_[a-z]+)=", q, re.I))
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


# --------------------------------------------------------------------------------------------
# Extraction


def _prune_xpath(names) -> str:
    tests = []
    for attr in ("class", "id", "itemprop", "data-component"):
        low = f"translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_', 'abcdefghijklmnopqrstuvwxyz-')"
        for n in names:
            if len(n) <= 4:  # a short name only as a whole word of the attribute
                tests.append(f"contains(concat(' ', {low}, ' '), ' {n} ')")
                tests.append(f"contains(concat(' ', {low}), '-{n} ')")
                tests.append(f"contains(concat(' ', {low}), ' {n}-')")
            else:
                tests.append(f"contains({low}, '{n}')")
    return "//*[" + " or ".join(tests) + "]"


PRUNE_XPATH = _prune_xpath(PRUNE_NAMES)


_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "article", "section", "table", "ul", "ol")


def unwrap_layout_tables(tree) -> None:
    """Turn tables used for page layout (a cell holding paragraphs, headings, lists or another
    table) into plain blocks, so that the article in them is read as paragraphs rather than as
    one table cell. Tables of data (cells of text) are left alone."""
    for table in list(tree.iter("table")):
        if any(el.tag in _BLOCK_TAGS for cell in table.iter("td", "th") for el in cell.iterdescendants()):
            for el in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                el.tag = "div"
                for attr in ("width", "valign", "cellpadding", "cellspacing", "border", "colspan"):
                    el.attrib.pop(attr, None)


#: A page has article text when at least one block reads as a paragraph: this many words or
#: more (or, in a script written without spaces, this many characters), ending like a
#: sentence. Menus, link lists and titles do not.
PARAGRAPH_MIN_WORDS = 8
PARAGRAPH_MIN_CHARS = 40
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")


def _is_paragraph(block: str) -> bool:
    long_enough = len(block.split()) >= PARAGRAPH_MIN_WORDS or (
        " " not in block.strip() and len(block.strip()) >= PARAGRAPH_MIN_CHARS)
    return long_enough and bool(_SENTENCE_END.search(block))


def _blocks(text: str) -> list[str]:
    return [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines() if line.strip()]


def extract_page(data: bytes, name: str = "page") -> Page:
    """Read a saved page: see the module docstring. ``name`` (the file name) is used in
    error messages. Raises :class:`PageError`."""
    import trafilatura

    check_page_bytes(data, name)
    markup, encoding = decode_page(data, name)
    saved_url = _saved_url(markup)
    light = _DATA_URI.sub(r"\1data:", _HEAVY.sub(" ", markup))
    if len(light) > MAX_MARKUP_CHARS:
        raise PageError(f"{name}: {len(light):,} characters of markup besides scripts and styles "
                        f"is too large for an article page (the limit is {MAX_MARKUP_CHARS:,})")
    from trafilatura.utils import load_html

    tree = load_html(light)
    if tree is None:
        raise PageError(f"{name}: the page could not be parsed as HTML")
    unwrap_layout_tables(tree)
    doc = trafilatura.bare_extraction(
        tree,
        prune_xpath=PRUNE_XPATH,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": DATE_SEARCH_MAX},
        **EXTRACT_OPTIONS,
    )
    body = _blocks(doc.text or "") if doc is not None else []
    if not any(_is_paragraph(b) for b in body):
        raise PageError(f"{name}: no article text found in the page (a home page, a gallery, a "
                        "page saved before it finished loading, or one behind a paywall?)")
    ld = _json_ld(light)
    headline = _unescape(doc.title or "")
    url = (doc.url or "").strip() or saved_url
    if url and not re.match(r"https?://", url):
        url = ""
    published = _published(light, ld) or normalise_date(doc.date or "")
    site = _unescape(doc.sitename or "")
    if site and "." in site and " " not in site and site.lower() == domain_of("http://" + site):
        site = ""  # trafilatura's fallback to the URL's host: leave it to the domain
    lines = list(body)
    first = lines[0].strip().lower()
    if headline and not (first.startswith(headline.lower()) or headline.lower().startswith(first)):
        lines.insert(0, headline)
    return Page(
        text="\n\n".join(lines) + "\n",
        body="\n".join(body),
        headline=headline,
        author=_unescape(doc.author or ""),
        published=published,
        site_name=site,
        url=url,
        domain=domain_of(url),
        encoding=encoding,
    )


def trafilatura_alone(data: bytes, **options) -> str:
    """trafilatura's text for a page with its own defaults (or ``options``), for comparison in
    the benchmark: what a user of the library alone gets."""
    import trafilatura

    markup, _ = decode_page(data)
    return trafilatura.extract(markup, **options) or ""

"""Build a story folder: start one, add articles to it, import a list of links.

These are the functions behind ``python -m analysis new``, ``add`` and ``add-links`` and the
notebook form. They only ever add to a story: a file is copied into the folder byte for byte
and never changed afterwards, and the manifest gets new rows (or a link row gets its file).

- :func:`new_story`: a folder with an empty ``manifest.csv`` and a ``README.md`` holding the
  story's title and a description of the files a story may hold.
- :func:`add_articles`: ``.txt`` files (pasted text) and ``.html``/``.htm`` files (pages saved
  from the browser, read by :mod:`analysis.story.webpage`). A saved page's manifest row is
  filled from what the page says (headline, author, date, site name, canonical URL); the
  outlet is the site's name, else its domain; a value the page does not give is left blank.
  Values given by the caller win over the page's.
- :func:`add_links`: a Media Cloud or GDELT export, or a plain ``url,outlet,title,published``
  CSV, into manifest rows with no file yet: the articles still to collect. A later
  :func:`add_articles` of the saved page fills the row whose URL is the page's canonical URL.

Refused with a :class:`~analysis.story.loading.StoryError` naming the files: the same file twice
(same bytes), the same article twice (same URL, or the same text), a page with no article
text, a file that is not what its name says, a CSV whose columns are not a known export.
Everything is checked before anything is written, so a refused command changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from analysis.paths import SEEDS_DIR
from analysis.story.loading import (
    MANIFEST_COLUMNS,
    MANIFEST_NAME,
    MAX_ARTICLE_BYTES,
    StoryError,
    WarningLog,
    _check_date,
    decode_bytes,
    looks_binary,
)
from analysis.story.webpage import (
    MAX_PAGE_BYTES,
    PageError,
    canonical_url,
    domain_of,
    extract_page,
    normalise_date,
)

README_NAME = "README.md"
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
#: Manifest values a caller may give for an added article (the rest come from the file).
ROW_OPTIONS = ("outlet", "headline", "published", "author", "url", "wire_agency",
               "republished_by", "notes", "kind", "short_name")

STORY_README = """# {title}

This folder is a story for the coverage workbook: the articles to compare, one file each, and a
`manifest.csv` with one row per article.

## Adding articles

- A saved page (in the browser: *Save page as*, "Web page, HTML only" or "complete"):
  `python -m analysis add --seeds {folder} PAGE.html`. The page is kept as it is; its text,
  headline, author, date, site and address are read from it.
- Pasted text (select the article on the page, paste it into a plain-text editor, save as
  UTF-8): `python -m analysis add --seeds {folder} ARTICLE.txt --outlet "Outlet name"`.
- A list of links from Media Cloud or GDELT (or a CSV with `url,outlet,title,published`):
  `python -m analysis add-links --seeds {folder} LINKS.csv`. The articles are listed "to
  collect" until their saved pages are added.

Then: `./workbook report --seeds {folder}`.

## manifest.csv

One row per article: `file, outlet, headline, published, author, url, wire_agency,
republished_by, notes, kind, short_name` (see the workbook's `seeds/README.md` for each column). A value
that is not known is left blank, never guessed. A row with a `url` and no `file` is an article
still to collect.

## Files a story may hold (all optional)

| File | What it holds |
|---|---|
| `speakers.csv` | Who is quoted: canonical speaker and the aliases outlets use (`speaker,alias`). |
| `actors.csv` | Key actors for sentiment and emphasis (`actor,pattern,note`). |
| `themes.csv` | Story themes for framing (`frame,pattern,note`). |
| `naming.csv` | How outlets name the key actors (`actor,form,pattern,note`). |
| `furniture.csv` | Extra line-cleaning rules for this story's outlets (`role,reason,scope,outlet,pattern,note`). |

Without them the workbook uses its generic lexicons.
"""


@dataclass
class Manifest:
    """A story's manifest as plain rows (every value a string), for adding to it."""

    folder: Path
    header: list[str]
    rows: list[dict]
    newline: str = "\n"
    existed: bool = True

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST_NAME


@dataclass
class Report:
    """What a command did: the rows it added or filled, and notes for the user."""

    added: list[dict] = field(default_factory=list)
    filled: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"added {r['file'] or r['url']} ({r['outlet']})" for r in self.added]
        out += [f"added {r['file']} to the listed link {r['url']} ({r['outlet']})" for r in self.filled]
        out += self.skipped + self.notes
        return out


# --------------------------------------------------------------------------------------------
# The manifest as rows


def read_rows(folder: Path) -> Manifest:
    """The manifest's header and rows (an empty manifest if the folder has none)."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return Manifest(folder, list(MANIFEST_COLUMNS), [], existed=False)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoryError(f"{path}: not valid UTF-8; save the manifest as UTF-8 CSV") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return Manifest(folder, list(MANIFEST_COLUMNS), [], newline)
    except csv.Error as err:
        raise StoryError(f"{path} line 1: not a valid CSV header ({err})") from None
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if unknown or "file" not in header:
        raise StoryError(f"{path} line 1: the header must name columns among "
                         f"{', '.join(MANIFEST_COLUMNS)} (found {', '.join(header)})")
    rows = []
    try:
        for record in reader:
            if not any(c.strip() for c in record):
                continue
            row = {c: "" for c in MANIFEST_COLUMNS}
            row.update({h: v.strip() for h, v in zip(header, record)})
            rows.append(row)
    except csv.Error as err:
        raise StoryError(f"{path} line {reader.line_num}: not valid CSV ({err})") from None
    return Manifest(folder, header, rows, newline)


def write_rows(manifest: Manifest) -> None:
    """Write the manifest (atomically: a half-written manifest is never left behind). The
    header keeps its columns and gains any column a row needs, in :data:`MANIFEST_COLUMNS`
    order."""
    needed = {c for r in manifest.rows for c in MANIFEST_COLUMNS if r.get(c)}
    needed.update(("file", "outlet"))
    header = [c for c in MANIFEST_COLUMNS if c in manifest.header or c in needed]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=manifest.newline)
    writer.writerow(header)
    for row in manifest.rows:
        writer.writerow([row.get(c, "") for c in header])
    _write_atomic(manifest.path, buffer.getvalue().encode("utf-8"))
    manifest.header = header


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------------------------
# new


def new_story(folder: str | Path, title: str | None = None) -> Path:
    """Create a story folder: an empty ``manifest.csv`` (the header only) and a ``README.md``
    whose first line is the title (default: the folder's name). Refuses a folder that exists
    and is not empty."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoryError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise StoryError(f"{folder}: the folder exists and is not empty; a new story needs a new "
                         "or empty folder (add articles to an existing story with 'add')")
    title = (title or "").strip() or folder.resolve().name
    if "\n" in title or "\r" in title:
        raise StoryError("the title must be one line")
    folder.mkdir(parents=True, exist_ok=True)
    write_rows(Manifest(folder, list(MANIFEST_COLUMNS), []))
    (folder / README_NAME).write_text(STORY_README.format(title=title, folder=folder), encoding="utf-8")
    return folder


def story_title(folder: str | Path) -> str:
    """The story's title: the first heading of its ``README.md``, else the folder's name."""
    folder = Path(folder)
    readme = folder / README_NAME
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return folder.resolve().name


# --------------------------------------------------------------------------------------------
# add


@dataclass
class _Known:
    """An article already in the story (or added earlier in the same command)."""

    file: str
    sha256: str
    text_key: str


def _text_key(text: str) -> str:
    """The words of a text in lower case, for spotting the same article saved twice."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _article_text(name: str, data: bytes) -> str:
    """The text of an article file as the workbook reads it (raises :class:`StoryError`)."""
    suffix = Path(name).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        try:
            return extract_page(data, name).text
        except PageError as err:
            raise StoryError(str(err)) from None
    if looks_binary(data):
        raise StoryError(f"{name}: looks like a binary file, not pasted text")
    return decode_bytes(data, name, WarningLog()).text


def _known_articles(folder: Path, manifest: Manifest) -> list[_Known]:
    names = {r["file"] for r in manifest.rows if r["file"]}
    names.update(p.name for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + PAGE_SUFFIXES)
    known = []
    for name in sorted(names):
        path = folder / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            key = _text_key(_article_text(name, data))
        except StoryError:
            key = ""
        known.append(_Known(name, hashlib.sha256(data).hexdigest(), key))
    return known


def _safe_name(name: str) -> str:
    stem, suffix = os.path.splitext(Path(name).name)
    stem = re.sub(r"-{2,}", "-", re.sub(r"[^\w.()-]+", "-", stem)).strip("-.") or "article"
    return stem[:100] + suffix.lower()


def _free_name(folder: Path, name: str, taken: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate in taken or (folder / candidate).exists():
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate


def _check_options(options: dict) -> dict:
    unknown = [k for k in options if k not in ROW_OPTIONS]
    if unknown:
        raise StoryError(f"unknown manifest field(s) {', '.join(unknown)}; allowed: {', '.join(ROW_OPTIONS)}")
    given = {k: str(v).strip() for k, v in options.items() if v is not None and str(v).strip()}
    if given.get("published"):
        try:
            _check_date(given["published"])
        except ValueError:
            raise StoryError(f"published {given['published']!r} is not an ISO 8601 date "
                             "(for example 2024-03-04 or 2024-03-04T09:30:00+01:00)") from None
    if given.get("kind") and given["kind"] not in ("article", "source"):
        raise StoryError(f"kind {given['kind']!r} must be article or source")
    if given.get("url") and not re.match(r"https?://\S+$", given["url"]):
        raise StoryError(f"url {given['url']!r} is not a web address (http:// or https://)")
    return given


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise StoryError(f"{folder}: no such story folder (start one with "
                         f"'python -m analysis new {folder}')")
    if folder.resolve() == SEEDS_DIR.resolve():
        raise StoryError(f"{folder}: the project's own seeds are kept as they came; start a story "
                         "of your own with 'python -m analysis new DIR' and add articles there")


def add_articles(folder: str | Path, files, **options) -> Report:
    """Add article files to a story folder; see the module docstring.

    Parameters
    ----------
    folder : path
        The story folder (created with :func:`new_story`, or any folder with a manifest).
    files : list of paths, or of ``(name, bytes)`` pairs
        ``.txt`` (pasted text) or ``.html``/``.htm`` (saved pages). Pairs are used by the
        notebook form, which holds the bytes of an upload.
    **options
        Manifest values (:data:`ROW_OPTIONS`) that win over what a page says; they apply to
        every file given.
    """
    folder = Path(folder)
    _check_folder(folder)
    given = _check_options(options)
    manifest = read_rows(folder)
    known = _known_articles(folder, manifest)
    report = Report()
    plans: list[tuple[str, bytes, dict, dict | None]] = []  # (dest, data, row, link row)
    taken: set[str] = set()
    for item in files:
        if isinstance(item, tuple):
            source, data = str(item[0]), bytes(item[1])
        else:
            path = Path(item)
            source = str(path)
            if not path.exists():
                raise StoryError(f"{path}: no such file")
            if path.is_dir():
                raise StoryError(f"{path}: is a folder; give the article files themselves")
            if not path.is_file():
                raise StoryError(f"{path}: not a regular file (a pipe or a device?); refused")
            limit = MAX_PAGE_BYTES if path.suffix.lower() in PAGE_SUFFIXES else MAX_ARTICLE_BYTES
            size = path.stat().st_size
            if size > limit:
                raise StoryError(f"{path}: {size:,} bytes, over the limit of {limit:,} bytes for "
                                 "one article; it was not added")
            data = path.read_bytes()
        suffix = Path(source).suffix.lower()
        if suffix not in TEXT_SUFFIXES + PAGE_SUFFIXES:
            raise StoryError(f"{source}: only .txt files (pasted text) and .html or .htm files "
                             "(pages saved from the browser) can be added")
        digest = hashlib.sha256(data).hexdigest()
        same = next((k for k in known if k.sha256 == digest), None)
        if same is not None:
            raise StoryError(f"{source}: the same file as {same.file}, already in the story "
                             f"{folder}")
        row = {c: "" for c in MANIFEST_COLUMNS}
        if suffix in PAGE_SUFFIXES:
            try:
                page = extract_page(data, source)
            except PageError as err:
                raise StoryError(str(err)) from None
            text = page.text
            row.update(headline=page.headline, author=page.author, url=page.url,
                       published=page.published if _valid_date(page.published) else "",
                       outlet=page.site_name or page.domain)
        else:
            if not data.strip():
                raise StoryError(f"{source}: the file is empty")
            text = _article_text(source, data)
            if not text.strip():
                raise StoryError(f"{source}: the file holds only whitespace")
        key = _text_key(text)
        same = next((k for k in known if key and k.text_key == key), None)
        if same is not None:
            raise StoryError(f"{source}: the same article as {same.file}, already in the story "
                             f"{folder} (the same text)")
        url = given.get("url") or row["url"]
        link = None
        if url:
            target = canonical_url(url)
            for other in manifest.rows:
                if other["url"] and canonical_url(other["url"]) == target:
                    if other["file"]:
                        raise StoryError(f"{source}: the same article as {other['file']}, already "
                                         f"in the story {folder} (the same URL, {url})")
                    link = other
            for _, _, planned, _ in plans:
                if planned["url"] and canonical_url(planned["url"]) == target:
                    raise StoryError(f"{source}: the same article as {planned['file']} in this "
                                     f"command (the same URL, {url})")
        if link is not None:  # the listed link's values stay; the page fills its blanks
            row.update({k: v for k, v in link.items() if v})
        row.update(given)
        if not row["outlet"]:
            raise StoryError(f"{source}: the outlet is not known (a pasted text, or a page that "
                             "names no site and has no address); give it with --outlet")
        dest = _free_name(folder, _safe_name(source), taken)
        taken.add(dest)
        row["file"] = dest
        plans.append((dest, data, row, link))
        known.append(_Known(dest, digest, key))
    for dest, data, row, link in plans:
        _write_atomic(folder / dest, data)
        if link is not None:
            link.update(row)
            report.filled.append(link)
        else:
            manifest.rows.append(row)
            report.added.append(row)
    if plans:
        write_rows(manifest)
    return report


def _valid_date(value: str) -> bool:
    if not value:
        return False
    try:
        _check_date(value)
    except ValueError:
        return False
    return True


def add_pasted_text(folder: str | Path, text: str, name: str | None = None, **options) -> Report:
    """Add a pasted article given as text (the notebook form): saved as a UTF-8 ``.txt`` file
    named ``name`` (default: from the outlet and headline) and added like any ``.txt``."""
    if not text.strip():
        raise StoryError("the pasted text is empty")
    if not name:
        slug = "-".join(re.findall(r"\w+", f"{options.get('outlet') or ''} {options.get('headline') or ''}".lower()))
        name = (slug[:60].strip("-") or "pasted-article") + ".txt"
    if not name.lower().endswith(".txt"):
        name += ".txt"
    data = text.encode("utf-8")
    if not data.endswith(b"\n"):
        data += b"\n"
    return add_articles(folder, [(name, data)], **options)


# --------------------------------------------------------------------------------------------
# add-links

#: Export formats recognised by :func:`add_links`: their name, the columns that identify them
#: (lower case), every column they may hold, and how each manifest field is read.
LINK_FORMATS = (
    {
        "name": "Media Cloud",
        "needs": {"url", "title", "publish_date", "media_name"},
        "columns": {"id", "stories_id", "indexed_date", "language", "media_name", "media_url",
                    "publish_date", "title", "url", "text", "media_id", "ap_syndicated",
                    "collect_date", "processed_stories_id", "guid", "feeds_id", "themes",
                    "word_count"},
        "url": "url", "outlet": "media_name", "headline": "title", "published": "publish_date",
    },
    {
        "name": "GDELT DOC API (csv)",
        "needs": {"url", "mobileurl", "date", "title"},
        "columns": {"url", "mobileurl", "date", "title"},
        "url": "url", "headline": "title", "seen": "date",
    },
    {
        "name": "GDELT DOC API (gdeltdoc)",
        "needs": {"url", "title", "seendate", "domain"},
        "columns": {"", "unnamed: 0", "url", "url_mobile", "title", "seendate", "socialimage",
                    "domain", "language", "sourcecountry"},
        "url": "url", "outlet": "domain", "headline": "title", "seen": "seendate",
    },
    {
        "name": "GDELT GKG",
        "needs": {"documentidentifier", "sourcecommonname"},
        "columns": None,  # the GKG has some 27 columns; only these two are read
        "url": "documentidentifier", "outlet": "sourcecommonname",
    },
    {
        "name": "GDELT Events",
        "needs": {"sourceurl"},
        "columns": None,
        "url": "sourceurl",
    },
    {
        "name": "plain list",
        "needs": {"url"},
        "columns": {"url", "outlet", "title", "headline", "published", "author", "wire_agency",
                    "notes"},
        "url": "url", "outlet": "outlet", "headline": ("headline", "title"),
        "published": "published", "author": "author", "wire_agency": "wire_agency",
        "notes": "notes",
    },
)


def _export_date(value: str) -> str:
    """A date from an export in the manifest's ISO form: ISO dates and date-times as they are
    (``2024-03-04 10:00:00`` becomes ``2024-03-04T10:00:00``); ``""`` for anything else."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?", value)
    if m:
        day, time, zone = m.groups()
        if time in ("00:00", "00:00:00") and not zone:
            return normalise_date(day)  # a bare midnight is a date with no time of day
        return normalise_date(f"{day}T{time}{zone or ''}")
    return normalise_date(value)


def _seen(value: str) -> str:
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})T?(\d{2})(\d{2})(\d{2})Z?", value.strip())
    if m:
        y, mo, d, h, mi, s = m.groups()
        return f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00"
    return _export_date(value)


def read_links(path: str | Path) -> tuple[str, list[dict]]:
    """Read a links CSV: ``(format name, manifest rows without file)``.

    Raises :class:`StoryError` naming the file and line for a file that is not a CSV, columns
    that match no known export, a plain list with columns it does not know, or a row with no
    usable URL.
    """
    path = Path(path)
    if not path.is_file():
        raise StoryError(f"{path}: no such file")
    data = path.read_bytes()
    if looks_binary(data):
        raise StoryError(f"{path}: not a CSV file (it is binary: a spreadsheet saved as .xlsx?); "
                         "export the list as CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise StoryError(f"{path}: the file is empty")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        raise StoryError(f"{path} line 1: not a valid CSV header ({err})") from None
    lower = [h.lower() for h in header]
    fmt = next((f for f in LINK_FORMATS if f["needs"] <= set(lower)), None)
    if fmt is None:
        raise StoryError(
            f"{path} line 1: columns {', '.join(header)} are not a known list of links; expected "
            "a Media Cloud export (url, title, publish_date, media_name, ...), a GDELT export "
            "(URL, MobileURL, Date, Title; or url, title, seendate, domain, ...) or a CSV with "
            "url,outlet,title,published")
    if fmt["columns"] is not None:
        unknown = [h for h, lo in zip(header, lower) if lo not in fmt["columns"]]
        if unknown:
            raise StoryError(f"{path} line 1: unknown column(s) {', '.join(unknown)} for a "
                             f"{fmt['name']}; allowed: {', '.join(sorted(c for c in fmt['columns'] if c))}")
    rows = []
    try:
        for record in reader:
            if not any(c.strip() for c in record):
                continue
            line = reader.line_num
            values = {lo: v.strip() for lo, v in zip(lower, record)}

            def get(key, values=values):
                names = fmt.get(key)
                if not names:
                    return ""
                for n in (names,) if isinstance(names, str) else names:
                    if values.get(n):
                        return values[n]
                return ""

            url = get("url")
            if not re.match(r"https?://\S+$", url):
                raise StoryError(f"{path} line {line}: {url!r} is not a web address "
                                 "(http:// or https://)" if url else f"{path} line {line}: no URL")
            row = {c: "" for c in MANIFEST_COLUMNS}
            published = get("published")
            row.update(url=url, outlet=get("outlet") or domain_of(url), headline=get("headline"),
                       published=_export_date(published) if published else "",
                       author=get("author"), wire_agency=get("wire_agency"), notes=get("notes"))
            if published and not row["published"]:
                raise StoryError(f"{path} line {line}: published {published!r} is not an ISO "
                                 "8601 date (for example 2024-03-04)")
            seen = get("seen")
            if seen:
                row["notes"] = (f"{fmt['name'].split(' (')[0]} first saw it at {_seen(seen) or seen}; "
                                "the publication date is not in the list")
            rows.append(row)
    except csv.Error as err:
        raise StoryError(f"{path} line {reader.line_num}: not valid CSV ({err})") from None
    return fmt["name"], rows


def add_links(folder: str | Path, csv_path: str | Path) -> Report:
    """Add the links of a CSV (:func:`read_links`) to a story as rows with no file: the
    articles to collect. A link whose URL is already in the manifest is skipped and reported."""
    folder = Path(folder)
    _check_folder(folder)
    name, rows = read_links(csv_path)
    manifest = read_rows(folder)
    seen = {canonical_url(r["url"]): r for r in manifest.rows if r["url"]}
    report = Report()
    for row in rows:
        key = canonical_url(row["url"])
        if key in seen:
            other = seen[key]
            report.skipped.append(f"skipped {row['url']}: already listed"
                                  + (f" as {other['file']}" if other.get("file") else ""))
            continue
        seen[key] = row
        manifest.rows.append(row)
        report.added.append(row)
    report.notes.append(f"read {len(rows)} link(s) from {csv_path} ({name})")
    if report.added:
        write_rows(manifest)
    return report


def to_collect(folder: str | Path) -> list[dict]:
    """The manifest rows with a URL and no file: articles still to collect."""
    manifest = read_rows(Path(folder))
    return [r for r in manifest.rows if not r["file"] and r["url"]]


TO_COLLECT_COLUMNS = ("outlet", "headline", "published", "url", "notes")


def to_collect_table(seeds=None):
    """The articles still to collect in the story ``seeds`` (default: the workbook's story),
    one row each: columns :data:`TO_COLLECT_COLUMNS`. Empty when every listed article has its
    file."""
    import pandas as pd

    from analysis.paths import story_dir

    folder = Path(story_dir(seeds))
    rows = to_collect(folder) if (folder / MANIFEST_NAME).is_file() else []
    return pd.DataFrame([{c: r.get(c, "") for c in TO_COLLECT_COLUMNS} for r in rows],
                        columns=TO_COLLECT_COLUMNS)

"""Read a story folder: a ``manifest.csv`` and the articles it names, pasted as plain text.

A *story* is a folder. It holds one plain-text file per article (``*.txt``) and a
``manifest.csv`` with one row per article (columns in :data:`MANIFEST_COLUMNS`, described in
``seeds/README.md``). Loading never changes a file; it decodes each one and records how, so the
raw bytes can be rebuilt from what it returns (see :func:`analysis.story.cleaning.rebuild_raw`).

Problems are reported in one of two ways:

- a :class:`StoryError` (a ``ValueError``) for what makes the story unreadable as a whole: a
  manifest row naming a missing file, a duplicate row, an unknown or missing column, a
  malformed date, a path outside the folder. The message names the file and the row.
- a recorded warning (a row of :attr:`Story.warnings`: ``file, line, code, message``) for what
  the workbook can go on with: a file with no manifest row, a file that is not UTF-8, an empty
  or binary file. Nothing is dropped without a warning.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

MANIFEST_NAME = "manifest.csv"

#: Columns a manifest may have, in order. ``file`` and ``outlet`` are required.
MANIFEST_COLUMNS = (
    "file",
    "outlet",
    "headline",
    "published",
    "author",
    "url",
    "wire_agency",
    "republished_by",
    "notes",
    "kind",
    "short_name",
)
REQUIRED_COLUMNS = ("file", "outlet")
#: ``kind``: an ``article`` (default) or a ``source`` document (a transcript or press release
#: that quotes are checked against; it is not compared as coverage).
KINDS = ("article", "source")

#: Columns of :attr:`Story.articles`, one row per article.
ARTICLE_COLUMNS = MANIFEST_COLUMNS + ("encoding", "bom", "bytes", "text")
WARNING_COLUMNS = ("file", "line", "code", "message")

# Byte signatures of common binary formats that end up in folders by mistake.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"BZh",
    b"\xd0\xcf\x11\xe0",
)


class StoryError(ValueError):
    """A story folder or manifest problem that stops loading. The message names file and row."""


@dataclass
class Story:
    """A loaded story folder.

    Attributes
    ----------
    folder : Path
        The story folder.
    articles : DataFrame
        One row per article, sorted by file name; columns :data:`ARTICLE_COLUMNS`. ``text`` is
        the decoded file exactly as on disk (line endings kept, no entity decoding).
    warnings : DataFrame
        One row per recorded warning: ``file, line, code, message`` (``line`` 0 when the
        warning is about the whole file).
    """

    folder: Path
    articles: pd.DataFrame
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))

    @property
    def name(self) -> str:
        """The story's name: its folder's name."""
        return self.folder.name


class WarningLog:
    """Collects warnings as rows of ``file, line, code, message``."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, file: str, line: int, code: str, message: str) -> None:
        self.rows.append({"file": file, "line": int(line), "code": code, "message": message})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=WARNING_COLUMNS).astype({"line": "int64"})


# --------------------------------------------------------------------------------------------
# Decoding


@dataclass
class Decoded:
    text: str
    encoding: str
    bom: bool


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: a known binary signature, or more than 10% control
    characters (other than tab, newline, carriage return and form feed) in the first 8 KiB."""
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM is text
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.10


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _line_of_offset(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset``, counting CRLF, LF and lone CR as line ends (as
    :func:`analysis.story.cleaning.split_lines` does, so warnings and the lines table agree)."""
    return sum(1 for _ in _LINE_BREAK.finditer(data, 0, offset)) + 1


def decode_bytes(data: bytes, file: str, log: WarningLog) -> Decoded:
    """Decode a pasted article.

    UTF-8 with or without a byte-order mark; UTF-16 when it starts with a UTF-16 BOM
    (``utf-16-le`` or ``utf-16-be``, the BOM not part of the text); otherwise, when the bytes
    are not valid UTF-8, Windows-1252 (the usual encoding of text pasted on Windows) with a
    warning naming the first line that is not UTF-8. The five bytes that Windows-1252 leaves
    undefined are read as Latin-1. :func:`encode_text` turns the result back into ``data``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        body, bom = data[3:], True
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return Decoded(data[2:].decode(codec), codec, True)
        except UnicodeDecodeError:
            body, bom = data, False
    else:
        body, bom = data, False
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError as err:
        offset = err.start + (3 if bom else 0)
        line = _line_of_offset(data, offset)
        bad = data[offset : offset + 1].hex()
        log.add(
            file,
            line,
            "not-utf8",
            f"{file} line {line}: byte 0x{bad} is not valid UTF-8; the file was decoded as "
            "Windows-1252 (cp1252). Check accented letters and symbols on that line.",
        )
        text = body.decode("latin-1").translate(_CP1252_FROM_LATIN1)
        return Decoded(text, "cp1252", bom)


def _cp1252_table() -> dict[int, str]:
    # Maps each Latin-1 code point (= byte value) to its Windows-1252 character; the five bytes
    # that Windows-1252 leaves undefined keep their Latin-1 meaning.
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


_CP1252_FROM_LATIN1 = _cp1252_table()
_LATIN1_FROM_CP1252 = {ord(v): k for k, v in _CP1252_FROM_LATIN1.items()}

_BOMS = {"utf-8": b"\xef\xbb\xbf", "cp1252": b"\xef\xbb\xbf",
         "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes :func:`decode_bytes` read ``text`` from: the inverse of decoding, so that an
    article's ``text``, ``encoding`` and ``bom`` (or its lines table, through
    :func:`analysis.story.cleaning.rebuild_raw`) give back the file byte for byte."""
    prefix = _BOMS[encoding] if bom else b""
    if encoding == "cp1252":
        return prefix + text.translate(_LATIN1_FROM_CP1252).encode("latin-1")
    return prefix + text.encode(encoding)


# --------------------------------------------------------------------------------------------
# Manifest


def _check_date(value: str) -> None:
    """Accept ISO 8601 dates (2023-07-19) and date-times with or without an offset."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        date.fromisoformat(value)
        return
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value):
        raise ValueError(value)
    datetime.fromisoformat(value.replace("Z", "+00:00"))


def read_manifest(folder: Path, log: WarningLog) -> pd.DataFrame:
    """Read and check ``folder/manifest.csv``; one row per article, columns :data:`MANIFEST_COLUMNS`.

    Raises :class:`StoryError` naming the manifest line for: a semicolon- or tab-separated file,
    an unclosed quote mark, unknown or missing columns, an empty ``file`` or ``outlet``, a
    duplicate ``file``, a path outside the folder (checked before anything is opened, so the
    file is never read), a file that does not exist or is a directory, an unknown ``kind`` or a
    ``published`` value that is not ISO 8601. A missing manifest gives an empty table and a
    warning.
    """
    path = folder / MANIFEST_NAME
    if not path.exists():
        log.add(MANIFEST_NAME, 0, "no-manifest",
                f"{folder}: no {MANIFEST_NAME}; every article's outlet is taken from its file name")
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    if path.is_dir():
        raise StoryError(f"{path}: is a directory, not a CSV file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise StoryError(f"{path}: cannot be read ({err.strerror or err})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        log.add(MANIFEST_NAME, 1, "manifest-bom",
                f"{MANIFEST_NAME} starts with a byte-order mark (saved by Excel?); it was ignored")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        raise StoryError(f"{path} line {line}: not valid UTF-8; save the manifest as UTF-8 CSV") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise StoryError(f"{path} line 1: the manifest is empty; its first line must be the header "
                         f"{','.join(MANIFEST_COLUMNS[:9])}")
    header_line = lines[0]
    if "," not in header_line and (";" in header_line or "\t" in header_line):
        sep = "semicolons" if ";" in header_line else "tabs"
        raise StoryError(f"{path} line 1: columns are separated by {sep}; the manifest must be "
                         "comma-separated (CSV)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        raise StoryError(f"{path} line 1: not a valid CSV header ({err})") from None
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if unknown:
        raise StoryError(f"{path} line 1: unknown column(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(MANIFEST_COLUMNS)}")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise StoryError(f"{path} line 1: missing required column(s) {', '.join(missing)}")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise StoryError(f"{path} line 1: column(s) named twice: {', '.join(dupes)}")

    rows = []
    seen: dict[str, int] = {}
    root = folder.resolve()
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise StoryError(f"{path} line {reader.line_num}: not valid CSV ({err}); "
                             "is a quote mark left unclosed?") from None
        lineno = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        where = f"{path} line {lineno}"
        if len(record) != len(header):
            raise StoryError(f"{where}: {len(record)} fields where the header has {len(header)}")
        row = {c: "" for c in MANIFEST_COLUMNS}
        row.update({h: v.strip() for h, v in zip(header, record)})
        name = row["file"]
        if not name:
            raise StoryError(f"{where}: the file column is empty")
        where = f"{where} (file {name!r})"
        if not row["outlet"]:
            raise StoryError(f"{where}: the outlet column is empty")
        if name in seen:
            raise StoryError(f"{where}: duplicate row; {name!r} is already listed on line {seen[name]}")
        seen[name] = lineno
        if any(ord(c) < 32 or c == "\x7f" for c in name):
            raise StoryError(f"{where}: the file name holds a control character "
                             "(a NUL byte, tab or line break); refused")
        candidate = Path(name)
        if candidate.is_absolute() or ".." in candidate.parts or "\\" in name:
            raise StoryError(f"{where}: the file must be inside the story folder; "
                             "absolute paths and '..' are refused")
        resolved = (folder / candidate).resolve()
        if root != resolved and root not in resolved.parents:
            raise StoryError(f"{where}: the file resolves outside the story folder; refused")
        if not resolved.exists():
            raise StoryError(f"{where}: the file does not exist in {folder}")
        if resolved.is_dir():
            raise StoryError(f"{where}: {folder / name} is a directory, not a text file")
        if row["published"]:
            try:
                _check_date(row["published"])
            except ValueError:
                raise StoryError(
                    f"{where}: published {row['published']!r} is not an ISO 8601 date "
                    "(for example 2023-07-19 or 2023-07-19T12:47:00+01:00)"
                ) from None
        row["kind"] = row["kind"] or "article"
        if row["kind"] not in KINDS:
            raise StoryError(f"{where}: kind {row['kind']!r} must be one of {', '.join(KINDS)}")
        rows.append(row)
    return pd.DataFrame(rows, columns=MANIFEST_COLUMNS)


# --------------------------------------------------------------------------------------------
# Story


def outlet_from_filename(name: str) -> str:
    """The outlet for a file with no manifest row: its name without extension."""
    return Path(name).stem


def bare_row(file: str, outlet: str) -> dict:
    """A manifest row for an article the manifest does not list."""
    row = {c: "" for c in MANIFEST_COLUMNS}
    row.update(file=file, outlet=outlet, kind="article")
    return row


def story_rows(folder: Path, log: WarningLog) -> list[dict]:
    """The manifest rows of a story folder, checked, plus a row for every ``*.txt`` file the
    manifest does not list (``no-manifest-row`` warning; outlet from the file name). A ``.txt``
    link that points outside the folder is skipped with a warning and never read. Sorted by
    file name."""
    manifest = read_manifest(folder, log)
    listed = set(manifest["file"])
    no_manifest = not (folder / MANIFEST_NAME).exists()
    rows = []
    for row in manifest.to_dict("records"):
        path = folder / row["file"]
        where = f"{folder / MANIFEST_NAME} row for {row['file']!r}"
        if not path.exists():
            raise StoryError(f"{where}: the file does not exist in {folder}")
        if path.is_dir():
            raise StoryError(f"{where}: {path} is a directory, not a text file")
        rows.append(row)
    root = folder.resolve()
    for path in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        if path.name in listed or not path.is_file():
            continue
        if root not in path.resolve().parents:
            log.add(path.name, 0, "outside-folder",
                    f"{path.name}: a link to a file outside the story folder; it was not read")
            continue
        if not no_manifest:
            log.add(path.name, 0, "no-manifest-row",
                    f"{path.name}: not in {MANIFEST_NAME}; loaded with outlet "
                    f"{outlet_from_filename(path.name)!r} taken from the file name")
        rows.append(bare_row(path.name, outlet_from_filename(path.name)))
    return sorted(rows, key=lambda r: r["file"])


def article_row(row: dict, data: bytes, log: WarningLog) -> dict | None:
    """The articles-table row of one file's bytes: decoded (:func:`decode_bytes`) with its
    encoding, BOM and size; ``None`` for a binary file (skipped with a ``binary`` warning).
    Empty and whitespace-only files are kept, with a warning."""
    name = row["file"]
    if looks_binary(data):
        log.add(name, 0, "binary", f"{name}: looks like a binary file, not pasted text; it was skipped")
        return None
    decoded = decode_bytes(data, name, log)
    if not data:
        log.add(name, 0, "empty", f"{name}: the file is empty; it has no lines to analyse")
    elif not decoded.text.strip():
        log.add(name, 0, "whitespace-only",
                f"{name}: the file holds only whitespace; it has no text to analyse")
    return {**row, "encoding": decoded.encoding, "bom": decoded.bom, "bytes": len(data),
            "text": decoded.text}


def articles_frame(articles: list[dict]) -> pd.DataFrame:
    """The articles table (:data:`ARTICLE_COLUMNS`) from :func:`article_row` rows."""
    frame = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    return frame.astype({"bom": "bool", "bytes": "int64"}).reset_index(drop=True)


def load_story(folder: str | Path | None = None) -> Story:
    """Load a story folder (default: the project's ``seeds/``).

    Files are matched to manifest rows by name. Every ``*.txt`` file in the folder (not in
    sub-folders) is an article; a file with no manifest row is loaded with its outlet taken
    from the file name and a ``no-manifest-row`` warning. Articles are sorted by file name, so
    results do not depend on the order the file system lists them in.
    """
    from analysis.paths import story_dir

    folder = Path(story_dir(folder))
    if not folder.exists():
        raise StoryError(f"{folder}: no such story folder")
    if not folder.is_dir():
        raise StoryError(f"{folder}: is not a folder; a story is a folder of articles and a manifest.csv")
    log = WarningLog()
    articles = []
    for row in story_rows(folder, log):
        name = row["file"]
        try:
            data = (folder / name).read_bytes()
        except OSError as err:
            raise StoryError(f"{folder / name}: cannot be read ({err.strerror or err})") from None
        article = article_row(row, data, log)
        if article is not None:
            articles.append(article)
    return Story(folder=folder, articles=articles_frame(articles), warnings=log.frame())

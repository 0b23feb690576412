"""Read a story folder: a ``manifest.csv`` and the articles it names, pasted text or saved pages.

A *story* is a folder. It holds one file per article, pasted text (``*.txt``) or a page saved
from the browser (``*.html``, ``*.htm``), and a ``manifest.csv`` with one row per article
(columns in :data:`MANIFEST_COLUMNS`, described in ``seeds/README.md``). Loading never changes a
file; it decodes each pasted text and records how, so the raw bytes can be rebuilt from what it
returns (see :func:`analysis.story.cleaning.rebuild_raw`); a saved page's text is read from the
page by fixed rules (:mod:`analysis.story.webpage`), so the same page always gives the same text.

Problems are reported in one of two ways:

- a :class:`StoryError` (a ``ValueError``) for what makes the story unreadable as a whole: a
  manifest row naming a missing file, a duplicate row, an unknown or missing column, a
  malformed date, a path outside the folder. The message names the file and the row.
- a recorded warning (a row of :attr:`Story.warnings`: ``file, line, code, message``) for what
  the workbook can go on with: a file with no manifest row, a file that is not UTF-8, an empty
  or binary file, a page with no article text, a listed link with no file yet (``to-collect``).
  Nothing is dropped without a warning.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
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
#: Article files: pasted text, and pages saved from the browser.
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES
#: ``kind``: an ``article`` (default) or a ``source`` document (a transcript or press release
#: that quotes are checked against; it is not compared as coverage).
KINDS = ("article", "source")


def coverage_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of an articles-like table that are coverage: ``kind`` is not ``source`` (a
    document quotes are checked against). A table without ``kind`` is all coverage."""
    if "kind" not in frame:
        return frame
    kind = frame["kind"].fillna("").astype(str).str.strip()
    return frame[kind != "source"]


#: Columns of :attr:`Story.articles`, one row per article.
ARTICLE_COLUMNS = MANIFEST_COLUMNS + ("encoding", "bom", "bytes", "text")
WARNING_COLUMNS = ("file", "line", "code", "message")

#: The largest article file read, in bytes (300 KB: about 50,000 words, twice the longest
#: news feature). A larger file is skipped with a ``too-large`` warning and never read: every
#: table of an article at the limit is computed in under 30 s and 1 GB (README, Robustness).
MAX_ARTICLE_BYTES = 300_000

#: What ends a line: CRLF, LF and CR, and the other mandatory breaks of Unicode's line-breaking
#: algorithm (UAX #14): vertical tab, form feed, NEL (U+0085), the line separator U+2028 and
#: the paragraph separator U+2029. :func:`analysis.story.cleaning.split_lines` splits on it, and
#: warnings count lines with it, so both give the same line numbers.
LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")

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
    together : bool
        The articles are one story's coverage (a story folder, :func:`load_story`): the line
        cleaner may judge each against the others' words (:func:`story_vocabulary`). False for
        an arbitrary pile of articles (a corpus chunk), each then classified on its own.
    """

    folder: Path
    articles: pd.DataFrame
    warnings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))
    together: bool = False

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


_BYTE_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")


def _line_of_offset(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset`` of UTF-8 (or ASCII-compatible) ``data``, counting
    every line end of :data:`LINE_BREAK` (as :func:`analysis.story.cleaning.split_lines` does, so
    warnings and the lines table agree)."""
    return line_of(data[:offset].decode("utf-8", "replace"), None)


def line_of(text: str, offset: int | None) -> int:
    """The 1-based line of character ``offset`` of ``text`` (its end when ``offset`` is None)."""
    return sum(1 for _ in LINE_BREAK.finditer(text, 0, len(text) if offset is None else offset)) + 1


def _utf16_trusted(body: bytes, codec: str) -> str | None:
    """``body`` (after a UTF-16 byte-order mark) decoded as ``codec``, or None when it is not
    UTF-16 after all. The two BOM bytes are also ``ÿþ`` / ``þÿ`` in Latin-1 and Windows-1252,
    so the BOM is believed only when the rest decodes and holds a NUL byte: every ASCII
    character, space and line end of UTF-16 text has one, and 8-bit text has none."""
    if len(body) % 2 or (body and b"\x00" not in body):
        return None
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text saved without a byte-order mark, else
    None. Text in a Latin, Greek or Cyrillic script has a NUL in most high bytes (every ASCII
    character, space and line end); so at least 30% of the high bytes and at most 2% of the
    low bytes must be NUL, the whole must decode, and the text must hold no control
    characters other than the line and tab ones."""
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    share_even = even.count(0) / len(even)
    share_odd = odd.count(0) / len(odd)
    if share_odd >= 0.3 and share_even <= 0.02:
        codec = "utf-16-le"
    elif share_even >= 0.3 and share_odd <= 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\ufffe" in text or any(ord(c) < 32 and c not in "\t\n\r\x0b\x0c" for c in text):
        return None
    return codec


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_FROM_LATIN1)


def _ranges(numbers: list[int]) -> str:
    """``1, 3-5, 9`` for [1, 3, 4, 5, 9] (sorted, distinct)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(x) if x == y else f"{x}-{y}" for x, y in runs)


def _parse_ranges(text: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        a, _, b = part.strip().partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return out


def decode_bytes(data: bytes, file: str, log: WarningLog) -> Decoded:
    """Decode a pasted article.

    UTF-8 with or without a byte-order mark; UTF-16 when it starts with a UTF-16 BOM
    (``utf-16-le`` or ``utf-16-be``, the BOM not part of the text) and is UTF-16 (see
    :func:`_utf16_trusted`), or is plainly UTF-16 with no BOM (:func:`utf16_without_bom`,
    warning ``utf16-no-bom``). Otherwise the file is decoded line by line (lines ended by CR,
    LF or CRLF): a line that is valid UTF-8 is UTF-8, any other line is Windows-1252 (the usual
    encoding of text pasted on Windows; the five bytes it leaves undefined are read as
    Latin-1), so one stray byte does not garble the curly quotes of every other line. One
    ``not-utf8`` warning names every line that needed Windows-1252. The encoding is
    ``cp1252`` when no line needed UTF-8, else ``utf-8+cp1252:LINES`` (those lines, counted
    by CR, LF and CRLF). :func:`encode_text` turns the result back into ``data``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        body, bom = data[3:], True
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text = _utf16_trusted(data[2:], codec)
        if text is not None:
            return Decoded(text, codec, True)
        body, bom = data, False
    else:
        body, bom = data, False
    if not bom:
        codec = utf16_without_bom(data)  # type: ignore[assignment]
        if codec is not None:
            log.add(
                file,
                0,
                "utf16-no-bom",
                f"{file}: UTF-16 ({codec}) with no byte-order mark; decoded as {codec}",
            )
            return Decoded(data.decode(codec), codec, False)
    try:
        return Decoded(body.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        pass
    pieces = _BYTE_LINE_BREAK.split(body)  # text, end, text, end, ..., text
    parts: list[str] = []
    bad: list[tuple[int, int, bytes]] = []  # (segment number, text offset, first bad byte)
    utf8_non_ascii = False
    offset = 0
    for k, piece in enumerate(pieces):
        if k % 2:
            parts.append(piece.decode("ascii"))
        else:
            try:
                part = piece.decode("utf-8")
                utf8_non_ascii = utf8_non_ascii or not piece.isascii()
            except UnicodeDecodeError as err:
                part = _cp1252(piece)
                bad.append((k // 2 + 1, offset, piece[err.start : err.start + 1]))
            parts.append(part)
        offset += len(parts[-1])
    text = "".join(parts)
    # Line numbers as the lines table counts them (every Unicode line end).
    lines = []
    count, pos = 1, 0
    for _, start, _ in bad:
        count += sum(1 for _ in LINE_BREAK.finditer(text, pos, start))
        pos = start
        lines.append(count)
    first = lines[0]
    others = "" if len(lines) == 1 else f" Lines decoded as Windows-1252: {_ranges(lines)}."
    log.add(
        file,
        first,
        "not-utf8",
        f"{file} line {first}: byte 0x{bad[0][2].hex()} is not valid UTF-8; "
        + (
            "the file was decoded as Windows-1252 (cp1252)"
            if not utf8_non_ascii
            else "that line was decoded as Windows-1252 (cp1252), the rest of the file as UTF-8"
        )
        + (
            ". Check accented letters and symbols on that line."
            if len(lines) == 1
            else f".{others} Check accented letters and symbols on those lines."
        ),
    )
    if not utf8_non_ascii:
        return Decoded(text, "cp1252", bom)
    return Decoded(text, "utf-8+cp1252:" + _ranges([n for n, _, _ in bad]).replace(" ", ""), bom)


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

_BOMS = {
    "utf-8": b"\xef\xbb\xbf",
    "cp1252": b"\xef\xbb\xbf",
    "utf-16-le": b"\xff\xfe",
    "utf-16-be": b"\xfe\xff",
}


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes :func:`decode_bytes` read ``text`` from: the inverse of decoding, so that an
    article's ``text``, ``encoding`` and ``bom`` (or its lines table, through
    :func:`analysis.story.cleaning.rebuild_raw`) give back the file byte for byte."""
    if encoding.startswith("utf-8+cp1252:"):
        cp1252_lines = _parse_ranges(encoding.split(":", 1)[1])
        prefix = _BOMS["utf-8"] if bom else b""
        pieces = re.split("(\r\n|\r|\n)", text)
        out = []
        for k, piece in enumerate(pieces):
            if not k % 2 and k // 2 + 1 in cp1252_lines:
                out.append(piece.translate(_LATIN1_FROM_CP1252).encode("latin-1"))
            else:
                out.append(piece.encode("utf-8"))
        return prefix + b"".join(out)
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
    if not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value
    ):
        raise ValueError(value)
    datetime.fromisoformat(value.replace("Z", "+00:00"))


def read_manifest(folder: Path, log: WarningLog) -> pd.DataFrame:
    """Read and check ``folder/manifest.csv``; one row per article, columns :data:`MANIFEST_COLUMNS`.

    A row with a ``url`` and no ``file`` is an article still to collect (listed by
    ``python -m analysis add-links``): it is not loaded, and a ``to-collect`` warning names it.

    Raises :class:`StoryError` naming the manifest line for: a semicolon- or tab-separated file,
    an unclosed quote mark, unknown or missing columns, an empty ``file`` (with no ``url``) or ``outlet``, a
    duplicate ``file``, a path outside the folder (checked before anything is opened, so the
    file is never read), a file that does not exist or is a directory, an unknown ``kind`` or a
    ``published`` value that is not ISO 8601. A missing manifest gives an empty table and a
    warning.
    """
    path = folder / MANIFEST_NAME
    if not path.exists():
        log.add(
            MANIFEST_NAME,
            0,
            "no-manifest",
            f"{folder}: no {MANIFEST_NAME}; every article's outlet is taken from its file name",
        )
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    if path.is_dir():
        raise StoryError(f"{path}: is a directory, not a CSV file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise StoryError(f"{path}: cannot be read ({err.strerror or err})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        log.add(
            MANIFEST_NAME,
            1,
            "manifest-bom",
            f"{MANIFEST_NAME} starts with a byte-order mark (saved by Excel?); it was ignored",
        )
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = _line_of_offset(data, err.start)
        raise StoryError(
            f"{path} line {line}: not valid UTF-8; save the manifest as UTF-8 CSV"
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise StoryError(
            f"{path} line 1: the manifest is empty; its first line must be the header "
            f"{','.join(MANIFEST_COLUMNS[:9])}"
        )
    header_line = lines[0]
    if "," not in header_line and (";" in header_line or "\t" in header_line):
        sep = "semicolons" if ";" in header_line else "tabs"
        raise StoryError(
            f"{path} line 1: columns are separated by {sep}; the manifest must be "
            "comma-separated (CSV)"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        raise StoryError(f"{path} line 1: not a valid CSV header ({err})") from None
    unknown = [h for h in header if h not in MANIFEST_COLUMNS]
    if unknown:
        raise StoryError(
            f"{path} line 1: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(MANIFEST_COLUMNS)}"
        )
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
            raise StoryError(
                f"{path} line {reader.line_num}: not valid CSV ({err}); "
                "is a quote mark left unclosed?"
            ) from None
        lineno = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        where = f"{path} line {lineno}"
        if len(record) != len(header):
            raise StoryError(f"{where}: {len(record)} fields where the header has {len(header)}")
        row = {c: "" for c in MANIFEST_COLUMNS}
        row.update({h: v.strip() for h, v in zip(header, record)})
        name = row["file"]
        if not name and row["url"]:
            # A listed link (python -m analysis add-links): an article still to collect.
            log.add(
                MANIFEST_NAME,
                lineno,
                "to-collect",
                f"{row['url']} ({row['outlet'] or 'outlet not known'}): listed on line {lineno} "
                f"of {MANIFEST_NAME} with no file yet; save the page and add it with "
                f"python -m analysis add --seeds {folder} PAGE.html",
            )
            continue
        if not name:
            raise StoryError(f"{where}: the file column is empty")
        where = f"{where} (file {name!r})"
        if not row["outlet"]:
            raise StoryError(f"{where}: the outlet column is empty")
        if name in seen:
            raise StoryError(
                f"{where}: duplicate row; {name!r} is already listed on line {seen[name]}"
            )
        seen[name] = lineno
        if any(ord(c) < 32 or c == "\x7f" for c in name):
            raise StoryError(
                f"{where}: the file name holds a control character "
                "(a NUL byte, tab or line break); refused"
            )
        candidate = Path(name)
        if candidate.is_absolute() or ".." in candidate.parts or "\\" in name:
            raise StoryError(
                f"{where}: the file must be inside the story folder; "
                "absolute paths and '..' are refused"
            )
        try:
            resolved = (folder / candidate).resolve()
        except (OSError, RuntimeError):
            raise StoryError(
                f"{where}: the file is a link that loops back on itself; refused"
            ) from None
        if root != resolved and root not in resolved.parents:
            raise StoryError(f"{where}: the file resolves outside the story folder; refused")
        if not resolved.exists():
            raise StoryError(f"{where}: the file does not exist in {folder}")
        if resolved.is_dir():
            raise StoryError(f"{where}: {folder / name} is a directory, not a text file")
        kind = special_kind(resolved)
        if kind:
            raise StoryError(
                f"{where}: {folder / name} is {kind}, not a regular file; refused "
                "(it is never opened: reading it could wait for ever)"
            )
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


def special_kind(path: Path) -> str:
    """``"a FIFO"``, ``"a socket"``, ``"a device"`` for such a file (links followed), else ``""``."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return ""


def unlisted_problem(path: Path) -> tuple[str, str] | None:
    """Why a ``*.txt`` entry of a story folder that the manifest does not list is not an
    article, as ``(code, message)``, or None when it is a regular file: a link that leads
    nowhere or loops (``broken-link``), a folder, FIFO, socket or device (``not-a-file``).
    Nothing is opened."""
    name = path.name
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if path.is_symlink():
            why = "loops back on itself" if err.errno == 40 else "points to nothing"
            return "broken-link", f"{name}: a link that {why}; it was not read"
        return "not-a-file", f"{name}: cannot be examined ({err.strerror or err}); it was not read"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else (special_kind(path) or "not a regular file")
    return "not-a-file", f"{name}: {kind}, not a text file; it was not read"


def read_article(folder: Path, name: str, log: WarningLog) -> bytes | None:
    """The bytes of one listed article, or None (with a ``too-large`` warning) for a file over
    :data:`MAX_ARTICLE_BYTES`, which is never read. Raises :class:`StoryError` for a file that
    cannot be read or is not a regular file."""
    path = folder / name
    kind = special_kind(path)
    if kind:
        raise StoryError(f"{path}: is {kind}, not a regular file; refused")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise StoryError(f"{path}: cannot be read ({err.strerror or err})") from None
    if Path(name).suffix.lower() in PAGE_SUFFIXES:
        from analysis.story.webpage import MAX_PAGE_BYTES

        if size > MAX_PAGE_BYTES:  # a saved page carries markup: its own, larger limit
            log.add(
                name,
                0,
                "too-large",
                f"{name}: {size:,} bytes, over the limit of "
                f"{MAX_PAGE_BYTES:,} bytes for a saved page; it was skipped",
            )
            return None
    elif size > MAX_ARTICLE_BYTES:
        log.add(name, 0, "too-large", too_large_message(name, size))
        return None
    try:
        return path.read_bytes()
    except OSError as err:
        raise StoryError(f"{path}: cannot be read ({err.strerror or err})") from None


def story_rows(folder: Path, log: WarningLog) -> list[dict]:
    """The manifest rows of a story folder, checked, plus a row for every ``*.txt``, ``*.html``
    or ``*.htm`` file the manifest does not list (``no-manifest-row`` warning; outlet from the
    file name). A link that points outside the folder is skipped with a warning and never read.
    Sorted by file name."""
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
    unlisted = [p for p in folder.glob("*") if p.suffix.lower() in ARTICLE_SUFFIXES]
    for path in sorted(unlisted, key=lambda p: p.name):
        if path.name in listed:
            continue
        problem = unlisted_problem(path)
        if problem is not None:
            log.add(path.name, 0, *problem)
            continue
        if root not in path.resolve().parents:
            log.add(
                path.name,
                0,
                "outside-folder",
                f"{path.name}: a link to a file outside the story folder; it was not read",
            )
            continue
        if not no_manifest:
            log.add(
                path.name,
                0,
                "no-manifest-row",
                f"{path.name}: not in {MANIFEST_NAME}; loaded with outlet "
                f"{outlet_from_filename(path.name)!r} taken from the file name",
            )
        rows.append(bare_row(path.name, outlet_from_filename(path.name)))
    return sorted(rows, key=lambda r: r["file"])


def article_row(row: dict, data: bytes, log: WarningLog) -> dict | None:
    """The articles-table row of one file's bytes: decoded (:func:`decode_bytes`) with its
    encoding, BOM and size; ``None`` for a binary file (skipped with a ``binary`` warning).
    Empty and whitespace-only files are kept, with a warning."""
    name = row["file"]
    if Path(name).suffix.lower() in PAGE_SUFFIXES:
        return page_row(row, data, log)
    if len(data) > MAX_ARTICLE_BYTES:
        log.add(name, 0, "too-large", too_large_message(name, len(data)))
        return None
    if looks_binary(data) and utf16_without_bom(data) is None:
        log.add(
            name, 0, "binary", f"{name}: looks like a binary file, not pasted text; it was skipped"
        )
        return None
    decoded = decode_bytes(data, name, log)
    if not data:
        log.add(name, 0, "empty", f"{name}: the file is empty; it has no lines to analyse")
    elif not decoded.text.strip():
        log.add(
            name,
            0,
            "whitespace-only",
            f"{name}: the file holds only whitespace; it has no text to analyse",
        )
    return {
        **row,
        "encoding": decoded.encoding,
        "bom": decoded.bom,
        "bytes": len(data),
        "text": decoded.text,
    }


def page_row(row: dict, data: bytes, log: WarningLog) -> dict | None:
    """The articles-table row of a saved page (``.html``, ``.htm``): ``text`` is the article
    text :func:`analysis.story.webpage.extract_page` reads from it (the headline, then one
    paragraph a line), which goes through the line roles like a paste; ``encoding`` is
    ``html``. The page itself stays the source of truth: the same bytes give the same text. A
    page with no article text, or a file that is not a page, is skipped with a ``not-a-page``
    warning naming it."""
    from analysis.story.webpage import PageError, extract_page

    name = row["file"]
    try:
        page = extract_page(data, name)
    except PageError as err:
        log.add(name, 0, "not-a-page", f"{err}; it was skipped")
        return None
    return {**row, "encoding": "html", "bom": False, "bytes": len(data), "text": page.text}


def too_large_message(name: str, size: int) -> str:
    return (
        f"{name}: {size:,} bytes, over the limit of {MAX_ARTICLE_BYTES:,} bytes for one "
        "article; it was skipped (split it into several files to analyse it)"
    )


def articles_frame(articles: list[dict]) -> pd.DataFrame:
    """The articles table (:data:`ARTICLE_COLUMNS`) from :func:`article_row` rows."""
    frame = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    return frame.astype({"bom": "bool", "bytes": "int64"}).reset_index(drop=True)


@dataclass(frozen=True)
class StoryWords:
    """What a story's other articles hold, seen from one article (for the line cleaner).

    Attributes
    ----------
    words : frozenset of str
        The content words (:func:`analysis.story.line_model.content_words`) of the lines the
        other articles keep as body, leaving out lines this article holds word for word (a
        wire copy run by two outlets supports neither with its own lines).
    lines : frozenset of str
        Every non-blank line of the other articles, normalised (case and punctuation left out):
        a line found there word for word is shared copy, not judged by the words.
    articles : int
        How many other articles there are.
    """

    words: frozenset[str]
    lines: frozenset[str]
    articles: int


def story_vocabulary(
    articles: pd.DataFrame, folder: str | Path | None = None, model=None
) -> dict[str, StoryWords]:
    """For every article (by file), what the story's other articles hold (:class:`StoryWords`),
    from the lines each keeps as body when classified on its own
    (:func:`analysis.story.cleaning.classify_lines` with the folder's rules and roles). A story
    with one article gets none (an empty dict)."""
    from analysis.story.cleaning import _norm, classify_lines
    from analysis.story.line_model import content_words

    if articles["file"].nunique() < 2:
        return {}
    lines = classify_lines(articles, folder, model=model)
    lines = lines[lines["clean"].astype(bool)]
    norm = {f: [_norm(c) for c in part["clean"]] for f, part in lines.groupby("file", sort=True)}
    body = {
        f: [(_norm(c), content_words(c)) for c in part.loc[part["role"] == "body", "clean"]]
        for f, part in lines.groupby("file", sort=True)
    }
    out = {}
    for f in norm:
        mine = set(norm[f])
        words: set[str] = set()
        seen: set[str] = set()
        for g in norm:
            if g != f:
                seen.update(norm[g])
                for n, w in body.get(g, ()):
                    if n not in mine:
                        words |= w
        out[f] = StoryWords(frozenset(words), frozenset(seen - {""}), len(norm) - 1)
    return out


def load_story(folder: str | Path | None = None) -> Story:
    """Load a story folder (default: the project's ``seeds/``).

    Files are matched to manifest rows by name. Every ``*.txt`` file (pasted text) and every
    ``*.html`` or ``*.htm`` file (a saved page, see :func:`page_row`) in the folder (not in
    sub-folders) is an article; a file with no manifest row is loaded with its outlet taken
    from the file name and a ``no-manifest-row`` warning. Articles are sorted by file name, so
    results do not depend on the order the file system lists them in.
    """
    from analysis.paths import story_dir

    folder = Path(story_dir(folder))
    if not folder.exists():
        raise StoryError(f"{folder}: no such story folder")
    if not folder.is_dir():
        raise StoryError(
            f"{folder}: is not a folder; a story is a folder of articles and a manifest.csv"
        )
    log = WarningLog()
    articles = []
    for row in story_rows(folder, log):
        data = read_article(folder, row["file"], log)
        if data is None:
            continue
        article = article_row(row, data, log)
        if article is not None:
            articles.append(article)
    return Story(
        folder=folder, articles=articles_frame(articles), warnings=log.frame(), together=True
    )

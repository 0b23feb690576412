"""Bad story folders and bad files: each gives a clear error or a recorded warning naming the
file and the manifest line (issue 2, item 3; issue 5, item 2)."""

from __future__ import annotations

import builtins
import io
import os
import pathlib
import subprocess
import sys

import pytest

from analysis.pipeline import Analysis
from analysis.story import cleaning
from analysis.story.loading import StoryError, load_story

HEADER = "file,outlet,headline,published,author,url,wire_agency,republished_by,notes\n"
ARTICLE = "Spy chief speaks in Prague\n\nThe head of MI6 spoke on Wednesday.\n"


def codes(story) -> list[str]:
    return list(story.warnings["code"])


def warning(story, code: str) -> dict:
    rows = story.warnings[story.warnings["code"] == code]
    assert len(rows) == 1, story.warnings
    return rows.iloc[0].to_dict()


# --------------------------------------------------------------------------------------------
# Manifest rows and files


def test_file_with_no_manifest_row_is_loaded_with_its_outlet_from_the_file_name(story):
    folder = story(
        {"a.txt": ARTICLE, "Daily Planet.txt": ARTICLE}, HEADER + "a.txt,Outlet A,,,,,,,\n"
    )
    s = load_story(folder)
    assert list(s.articles["file"]) == ["Daily Planet.txt", "a.txt"]
    assert s.articles.set_index("file").loc["Daily Planet.txt", "outlet"] == "Daily Planet"
    w = warning(s, "no-manifest-row")
    assert w["file"] == "Daily Planet.txt"
    assert "Daily Planet.txt" in w["message"] and "'Daily Planet'" in w["message"]


def test_manifest_row_with_no_file_is_an_error_naming_the_row(story):
    folder = story({"a.txt": ARTICLE}, HEADER + "a.txt,A,,,,,,,\ngone.txt,B,,,,,,,\n")
    with pytest.raises(
        StoryError, match=r"manifest\.csv line 3 \(file 'gone\.txt'\): the file does not exist"
    ):
        load_story(folder)


def test_duplicate_row_names_both_lines(story):
    folder = story({"a.txt": ARTICLE}, HEADER + "a.txt,A,,,,,,,\na.txt,B,,,,,,,\n")
    with pytest.raises(
        StoryError,
        match=r"line 3 \(file 'a\.txt'\): duplicate row; 'a\.txt' is already listed on line 2",
    ):
        load_story(folder)


def test_unknown_column_is_named(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet,section\na.txt,A,World\n")
    with pytest.raises(StoryError, match=r"manifest\.csv line 1: unknown column\(s\) 'section'"):
        load_story(folder)


@pytest.mark.parametrize(
    "missing, header", [("file", "outlet,headline\nA,H\n"), ("outlet", "file,headline\na.txt,H\n")]
)
def test_missing_required_column_is_named(story, missing, header):
    folder = story({"a.txt": ARTICLE}, header)
    with pytest.raises(StoryError, match=rf"line 1: missing required column\(s\) {missing}$"):
        load_story(folder)


@pytest.mark.parametrize(
    "value",
    ["19/07/2023", "2023-02-30", "2023-07-19T25:00", "yesterday", "2023-07-19T12:47:00+25:00"],
)
def test_malformed_date_names_the_row_and_the_value(story, value):
    folder = story({"a.txt": ARTICLE}, f"file,outlet,published\na.txt,A,{value}\n")
    with pytest.raises(StoryError) as err:
        load_story(folder)
    message = str(err.value)
    assert "manifest.csv line 2 (file 'a.txt')" in message
    assert f"published {value!r} is not an ISO 8601 date" in message


@pytest.mark.parametrize(
    "value", ["2023-07-19", "2023-07-19T12:47", "2023-07-19T12:47:00+01:00", "2023-07-19 12:47:00Z"]
)
def test_iso_dates_are_accepted(story, value):
    folder = story({"a.txt": ARTICLE}, f"file,outlet,published\na.txt,A,{value}\n")
    assert load_story(folder).articles.loc[0, "published"] == value


def test_manifest_with_a_byte_order_mark_loads_and_the_bom_is_recorded(story):
    folder = story({"a.txt": ARTICLE}, b"\xef\xbb\xbf" + b"file,outlet\na.txt,Outlet A\n")
    s = load_story(folder)
    assert s.articles.loc[0, "outlet"] == "Outlet A"
    w = warning(s, "manifest-bom")
    assert (w["file"], w["line"]) == ("manifest.csv", 1)


@pytest.mark.parametrize("sep, word", [(";", "semicolons"), ("\t", "tabs")])
def test_manifest_separated_by_semicolons_or_tabs_is_refused(story, sep, word):
    folder = story({"a.txt": ARTICLE}, f"file{sep}outlet\na.txt{sep}A\n")
    with pytest.raises(StoryError, match=rf"manifest\.csv line 1: columns are separated by {word}"):
        load_story(folder)


def test_row_with_too_many_fields_names_the_line(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet\na.txt,A,extra\n")
    with pytest.raises(StoryError, match=r"line 2: 3 fields where the header has 2"):
        load_story(folder)


def test_unclosed_quote_mark_in_the_manifest_names_the_line(story):
    folder = story({"a.txt": ARTICLE}, 'file,outlet\na.txt,"Outlet A\n')
    with pytest.raises(
        StoryError, match=r"manifest\.csv line \d: not valid CSV .*quote mark left unclosed"
    ):
        load_story(folder)


def test_empty_manifest_is_an_error(story):
    folder = story({"a.txt": ARTICLE}, "")
    with pytest.raises(StoryError, match=r"manifest\.csv line 1: the manifest is empty"):
        load_story(folder)


def test_empty_outlet_names_the_row(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet\na.txt,\n")
    with pytest.raises(StoryError, match=r"line 2 \(file 'a\.txt'\): the outlet column is empty"):
        load_story(folder)


def test_missing_story_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(StoryError, match=r"nowhere: no such story folder"):
        load_story(tmp_path / "nowhere")


# --------------------------------------------------------------------------------------------
# Paths outside the story folder are refused and never read


class OpenRecorder:
    """Records every path opened through the usual Python doors while installed."""

    def __init__(self, monkeypatch):
        self.paths: list[pathlib.Path] = []
        real_open, real_os_open = builtins.open, os.open
        real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text

        def note(p):
            if isinstance(p, (str, bytes, os.PathLike)):
                self.paths.append(pathlib.Path(os.fsdecode(p)).resolve())

        def rec_open(file, *a, **k):
            note(file)
            return real_open(file, *a, **k)

        def rec_os_open(path, *a, **k):
            note(path)
            return real_os_open(path, *a, **k)

        def rec_read_bytes(self_, *a, **k):
            note(self_)
            return real_read_bytes(self_, *a, **k)

        def rec_read_text(self_, *a, **k):
            note(self_)
            return real_read_text(self_, *a, **k)

        monkeypatch.setattr(builtins, "open", rec_open)
        monkeypatch.setattr(io, "open", rec_open)
        monkeypatch.setattr(os, "open", rec_os_open)
        monkeypatch.setattr(pathlib.Path, "read_bytes", rec_read_bytes)
        monkeypatch.setattr(pathlib.Path, "read_text", rec_read_text)


@pytest.fixture
def secret(tmp_path):
    """A readable file at ``tmp_path/a/etc/passwd`` and a story at ``tmp_path/a/b/story``, so that
    ``../../etc/passwd`` from the story folder names a real file."""
    target = tmp_path / "a" / "etc" / "passwd"
    target.parent.mkdir(parents=True)
    target.write_text("root:x:0:0:SECRET\n")
    return target


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "sub/../../../etc/passwd", "/etc/passwd", "..\\..\\etc\\passwd"]
)
def test_row_naming_a_file_outside_the_folder_is_refused_and_never_read(
    tmp_path, secret, monkeypatch, name
):
    folder = tmp_path / "a" / "b" / "story"
    folder.mkdir(parents=True)
    (folder / "sub").mkdir()
    (folder / "manifest.csv").write_text(f"file,outlet\n{name},Evil\n")
    rec = OpenRecorder(monkeypatch)
    with pytest.raises(StoryError) as err:
        load_story(folder)
    assert f"manifest.csv line 2 (file {name!r})" in str(err.value)
    assert "refused" in str(err.value)
    assert secret.resolve() not in rec.paths
    assert pathlib.Path("/etc/passwd") not in rec.paths
    assert (folder / "manifest.csv").resolve() in rec.paths  # the recorder does see reads


def test_row_naming_a_link_to_a_file_outside_the_folder_is_refused_and_never_read(
    tmp_path, secret, monkeypatch
):
    folder = tmp_path / "a" / "b" / "story"
    folder.mkdir(parents=True)
    (folder / "inside.txt").symlink_to(secret)
    (folder / "manifest.csv").write_text("file,outlet\ninside.txt,Evil\n")
    rec = OpenRecorder(monkeypatch)
    with pytest.raises(
        StoryError,
        match=r"line 2 \(file 'inside\.txt'\): the file resolves outside the story folder; refused",
    ):
        load_story(folder)
    assert secret.resolve() not in rec.paths


def test_unlisted_link_to_a_file_outside_the_folder_is_skipped_with_a_warning_and_never_read(
    tmp_path, secret, monkeypatch
):
    folder = tmp_path / "a" / "b" / "story"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "leak.txt").symlink_to(secret)
    (folder / "manifest.csv").write_text("file,outlet\na.txt,A\n")
    rec = OpenRecorder(monkeypatch)
    s = load_story(folder)
    assert list(s.articles["file"]) == ["a.txt"]
    w = warning(s, "outside-folder")
    assert w["file"] == "leak.txt" and "outside the story folder" in w["message"]
    assert secret.resolve() not in rec.paths
    assert not s.articles["text"].str.contains("SECRET").any()


def test_file_name_with_a_nul_byte_is_refused_naming_the_row(story):
    folder = story({"a.txt": ARTICLE}, 'file,outlet\n"a\x00.txt",A\n')
    with pytest.raises(StoryError, match=r"manifest\.csv line 2 .*control character"):
        load_story(folder)


# --------------------------------------------------------------------------------------------
# Directories and unreadable files


def test_directory_where_a_file_should_be_names_the_row(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet\na.txt,A\nphotos,B\n")
    (folder / "photos").mkdir()
    with pytest.raises(
        StoryError, match=r"line 3 \(file 'photos'\): .*photos is a directory, not a text file"
    ):
        load_story(folder)


def test_directory_named_like_an_article_is_not_an_article(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet\na.txt,A\n")
    (folder / "old.txt").mkdir()
    assert list(load_story(folder).articles["file"]) == ["a.txt"]


def test_manifest_that_is_a_directory_is_an_error(story):
    folder = story({"a.txt": ARTICLE})
    (folder / "manifest.csv").mkdir()
    with pytest.raises(StoryError, match=r"manifest\.csv: is a directory, not a CSV file"):
        load_story(folder)


def test_unreadable_file_is_an_error_naming_it(story, monkeypatch):
    # Tests may run as root, which can read anything: simulate a permission error instead.
    folder = story(
        {"a.txt": ARTICLE, "locked.txt": ARTICLE}, "file,outlet\na.txt,A\nlocked.txt,B\n"
    )
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    with pytest.raises(StoryError, match=r"locked\.txt: cannot be read \(Permission denied\)"):
        load_story(folder)


# --------------------------------------------------------------------------------------------
# Encodings and line endings


def article_of(folder, name="a.txt"):
    s = load_story(folder)
    return s, s.articles.set_index("file").loc[name]


def test_utf8_without_bom(story):
    s, art = article_of(story({"a.txt": "Café in Kyiv\n".encode("utf-8")}))
    assert (art["text"], art["encoding"], art["bom"]) == ("Café in Kyiv\n", "utf-8", False)


def test_utf8_with_bom_the_bom_is_not_text(story):
    s, art = article_of(story({"a.txt": b"\xef\xbb\xbf" + "Café in Kyiv\n".encode("utf-8")}))
    assert (art["text"], art["encoding"], art["bom"]) == ("Café in Kyiv\n", "utf-8", True)
    assert "not-utf8" not in codes(s)


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(story, codec, bom):
    s, art = article_of(story({"a.txt": bom + "Café\r\nKyiv\r\n".encode(codec)}))
    assert (art["text"], art["encoding"], art["bom"]) == ("Café\r\nKyiv\r\n", codec, True)


def test_not_utf8_is_decoded_as_cp1252_with_a_warning_naming_the_line(story):
    data = "First line.\nSecond line.\nCaf".encode() + b"\xe9 \x93quoted\x94 \x80 5.\n"
    s, art = article_of(story({"a.txt": data}))
    assert art["encoding"] == "cp1252"
    assert art["text"].splitlines()[2] == "Café “quoted” € 5."
    w = warning(s, "not-utf8")
    assert (w["file"], w["line"]) == ("a.txt", 3)
    assert w["message"].startswith("a.txt line 3: byte 0xe9 is not valid UTF-8")


@pytest.mark.parametrize("eol", ["\r", "\r\n"])
def test_not_utf8_warning_counts_cr_and_crlf_line_ends(story, eol):
    data = f"One.{eol}Two.{eol}Three.{eol}Caf".encode() + b"\xe9.\n"
    s, _ = article_of(story({"a.txt": data}))
    assert warning(s, "not-utf8")["line"] == 4


def test_crlf_and_lone_cr_end_lines_and_line_numbers_follow_the_raw_file(story):
    folder = story(
        {"a.txt": b"Headline here\r\n\r\nFirst paragraph.\rSecond paragraph.\nLast one."}
    )
    lines = Analysis(load_story(folder)).lines
    assert list(lines["line"]) == [1, 2, 3, 4, 5]
    assert list(lines["eol"]) == ["\r\n", "\r\n", "\r", "\n", ""]
    assert list(lines["text"]) == [
        "Headline here",
        "",
        "First paragraph.",
        "Second paragraph.",
        "Last one.",
    ]
    assert not lines["clean"].str.contains("\r").any()


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("MI6&squot;s chief", "MI6's chief"),
        ("MI6&apos;s chief", "MI6's chief"),
        ("MI6&apos s chief", "MI6' s chief"),
        ("Moore &amp; Putin", "Moore & Putin"),
        ("&quot;Join us&quot;", '"Join us"'),
        ("&ldquo;Join us&rdquo;", "“Join us”"),
        ("it&#8217;s", "it’s"),
        ("it&#x2019;s", "it’s"),
        ("19&nbsp;July", "19 July"),
        ("&lt;b&gt;", "<b>"),
        ("&amp;squot;", "&squot;"),  # an escaped ampersand is a literal '&', not a broken entity
    ],
)
def test_html_entities_are_decoded_in_clean(raw, clean):
    assert cleaning.clean_line(raw) == clean


def test_raw_text_keeps_its_entities(story):
    lines = Analysis(load_story(story({"a.txt": "MI6&squot;s chief spoke.\n"}))).lines
    assert lines.loc[0, "text"] == "MI6&squot;s chief spoke."
    assert lines.loc[0, "clean"] == "MI6's chief spoke."


# --------------------------------------------------------------------------------------------
# Empty, whitespace-only and binary files


def test_empty_file_is_loaded_with_a_warning_naming_it(story):
    s, art = article_of(story({"a.txt": b""}))
    assert art["text"] == ""
    w = warning(s, "empty")
    assert w["file"] == "a.txt" and w["message"].startswith("a.txt: the file is empty")


def test_whitespace_only_file_is_loaded_with_a_warning_naming_it(story):
    s, art = article_of(story({"a.txt": b" \t\r\n\n  "}))
    w = warning(s, "whitespace-only")
    assert w["file"] == "a.txt" and "only whitespace" in w["message"]


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3", bytes(range(32)) * 20]
)
def test_binary_file_is_skipped_with_a_warning_naming_it(story, data):
    s = load_story(story({"a.txt": ARTICLE, "b.txt": data}))
    assert list(s.articles["file"]) == ["a.txt"]
    w = warning(s, "binary")
    assert w["file"] == "b.txt" and w["message"].startswith("b.txt: looks like a binary file")


def test_empty_file_keeps_its_row_in_the_per_article_tables(story):
    # An empty file has no lines, but it is still an article: it must not vanish from the
    # per-article tables that metrics are built from.
    a = Analysis(load_story(story({"a.txt": ARTICLE, "b.txt": b""})))
    assert list(a.bodies.index) == ["a.txt", "b.txt"]
    assert a.bodies["b.txt"] == ""
    lang = a.languages.set_index("file")
    assert lang.loc["b.txt", "language"] == "unknown"
    assert lang.loc["b.txt", "reason"] == "no words to analyse"


def test_folder_with_no_articles_gives_empty_tables(story):
    a = Analysis(load_story(story({}, "file,outlet\n")))
    for table in (a.articles, a.lines, a.paragraphs, a.sentences, a.languages):
        assert len(table) == 0
    assert len(a.bodies) == 0


# --------------------------------------------------------------------------------------------
# The command line


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_cli_missing_story_folder_is_one_clear_line_on_stderr(tmp_path):
    r = run_cli("lines", "--seeds", str(tmp_path / "BAD"))
    assert r.returncode != 0
    assert r.stdout == ""
    assert r.stderr.splitlines() == [f"error: {tmp_path / 'BAD'}: no such story folder"]


def test_cli_manifest_error_is_one_line_naming_file_and_row(story):
    folder = story({"a.txt": ARTICLE}, "file,outlet\na.txt,A\n../../etc/passwd,B\n")
    r = run_cli("lines", "--seeds", str(folder), "--format", "csv")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    [line] = r.stderr.splitlines()
    assert line.startswith("error: ") and "manifest.csv line 3 (file '../../etc/passwd')" in line


def test_cli_warnings_name_the_file_and_line(story):
    folder = story({"a.txt": "Caf".encode() + b"\xe9 opens.\n"}, "file,outlet\na.txt,A\n")
    r = run_cli("lines", "--seeds", str(folder), "--format", "csv")
    assert r.returncode == 0
    assert "warning: a.txt line 1: byte 0xe9 is not valid UTF-8" in r.stderr

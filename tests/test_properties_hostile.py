"""Property-based tests with hostile input (issue 17): what an attacker or an unlucky user
pastes, saves or names. Separators around quote marks, files that mix encodings, unusual
Unicode line ends, special files in the story folder, hostile manifest fields, formula-like
text and terminal escapes. The properties: no exception other than a :class:`StoryError`, no
hang, no silent drop, text decoded as it was written, and nothing a spreadsheet or a terminal
would run. Every example counts in ``hypothesis: N generated cases`` (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.story.loading import StoryError, WarningLog, decode_bytes, encode_text, load_story
from analysis.pipeline import Analysis
from analysis.writing import FORMULA_START, neutralise, to_csv
from tests.conftest import write_story

DECODING = 1000
LINES = 1000
FORMULAS = 800
FOLDERS = 200
QUOTES = 100

# Separators Python or Unicode treat as space or line end, and invisible or direction marks.
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\u00a0",
              "\u200b", "\u202e", "\u2066", "\ufeff", "\u3000", "\t", "\r", "\n", "\r\n", " "]
MARKS = list("\"'“”‘’„«»‹›‚「」『』″‟〝〞")
WORDS = ["said", "says", "told", "added", "he", "she", "the mayor", "Ann Lee", "Mr Okafor", ",", ".",
         "We will rebuild it", "No", "—", "(", ")", ":", "…"]
HOSTILE = ["=HYPERLINK(\"http://x.example\")", "'=1", "''-x", "'-3.5", "a\r'=1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1",
           "\r=1", "＝1+1", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\u202eevil", "\x00", "",
           "-1.5", "+44", "1e5", "'quoted'", '"', ",", "\n"]

separated = st.lists(st.one_of(st.sampled_from(SEPARATORS), st.sampled_from(MARKS),
                               st.sampled_from(WORDS)), max_size=30).map("".join)


# --------------------------------------------------------------------------------------------
# Mixed encodings


line_text = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"),
                    max_size=30)


@settings(max_examples=DECODING)
@given(lines=st.lists(st.tuples(line_text, st.sampled_from(["utf-8", "cp1252", "latin-1"])),
                      max_size=12),
       eols=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=12, max_size=12))
@example(lines=[("“fine”", "utf-8"), ("Café", "cp1252")], eols=["\n"] * 12)
def test_a_file_that_mixes_encodings_decodes_each_line_as_written(generated_cases, lines, eols):
    generated_cases.tick()
    chunks, expected = [], []
    for (text, codec), eol in zip(lines, eols):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            data, codec = text.encode("utf-8"), "utf-8"
        chunks.append(data + eol.encode())
        expected.append((text, codec, data))
    data = b"".join(chunks)
    log = WarningLog()
    d = decode_bytes(data, "a.txt", log)
    assert encode_text(d.text, d.encoding, d.bom) == data
    if d.encoding.startswith("utf-16"):
        return  # NUL-heavy text that is also UTF-16: round trip is what matters
    want = []
    for (text, codec, raw), eol in zip(expected, eols):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            # Not UTF-8: read as Windows-1252, so Windows-1252 text comes back, and Latin-1
            # text too unless it holds a C1 control (which nobody types).
            ok = codec == "cp1252" or all(not 0x80 <= ord(c) < 0xA0 for c in text)
        else:
            ok = codec == "utf-8" or raw.isascii()  # a UTF-8 line is never garbled by another
        want.append((text if ok else decode_bytes(raw, "x", WarningLog()).text) + eol)
    assert d.text == "".join(want)
    bad = [w for w in log.rows if w["code"] == "not-utf8"]
    assert len(bad) <= 1


# --------------------------------------------------------------------------------------------
# Unicode line ends


@settings(max_examples=LINES)
@given(text=st.lists(st.one_of(st.sampled_from(SEPARATORS), line_text), max_size=20).map("".join))
def test_lines_split_at_every_unicode_line_end_and_join_back(generated_cases, text):
    from analysis.story import cleaning

    generated_cases.tick()
    pairs = cleaning.split_lines(text)
    assert "".join(t + e for t, e in pairs) == text
    assert all(e in ("\r\n", "\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "")
               for _, e in pairs)
    assert not any(c in t for t, _ in pairs for c in "\r\n\x0b\x0c\x85\u2028\u2029")
    assert text.splitlines() == [t for t, _ in pairs] or any(c in text for c in "\x1c\x1d\x1e")


# --------------------------------------------------------------------------------------------
# Separators around quotes: the quotes and speakers tables never fail


@settings(max_examples=QUOTES, deadline=None)
@given(paragraphs=st.lists(separated, min_size=1, max_size=4))
@example(paragraphs=["“We will rebuild it,”\u2028said the mayor."])
@example(paragraphs=["»Come in«,\x1csaid Ann Lee."])
def test_quotes_and_speakers_survive_separators_around_quote_marks(generated_cases, paragraphs):
    generated_cases.tick()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_story(Path(tmp), {"a.txt": "Pier\n\n" + "\n\n".join(paragraphs) + "\n"})
        a = Analysis(load_story(folder))
        quotes = a.quotes
        assert quotes["quote"].map(lambda q: isinstance(q, str)).all()


# --------------------------------------------------------------------------------------------
# Formula-like text in any CSV


@settings(max_examples=FORMULAS)
@given(cells=st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), min_size=1,
                      max_size=8),
       header=st.one_of(st.sampled_from(HOSTILE[:6]), st.just("text")))
def test_no_written_csv_cell_starts_like_a_formula_and_the_text_comes_back(generated_cases, cells, header):
    generated_cases.tick()
    frame = pd.DataFrame({header: cells, "n": [-1.5] * len(cells)})
    safe = neutralise(frame)
    text = to_csv(frame)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(cells) + 1  # no cell breaks a row
    import re

    number = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?|[+-]?(?:inf|infinity|nan)", re.I)
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or number.fullmatch(cell), cell
    assert list(frame[header]) == cells  # the table in memory keeps the real text
    # Only apostrophes were added, and restore() takes exactly them away again.
    assert [c.replace("'", "") for c in safe.iloc[:, 0]] == [o.replace("'", "") for o in cells]
    from analysis.writing import restore

    back = restore(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))
    assert list(back.columns)[0] == header
    assert list(back.iloc[:, 0]) == cells


# --------------------------------------------------------------------------------------------
# Special files and hostile manifest fields


ENTRY_KINDS = ["text", "binary", "empty", "folder", "fifo", "dangling", "loop", "outside",
               "utf16", "mixed"]


@st.composite
def folders(draw):
    n = draw(st.integers(1, 5))
    entries = {}
    for i in range(n):
        odd = draw(st.sampled_from(["", " ", "=", "\x1b[1m", "\u202e"]))
        entries[f"{i}{odd}.txt"] = draw(st.sampled_from(ENTRY_KINDS))
    listed = [name for name in entries if draw(st.booleans())]
    fields = {name: [draw(st.sampled_from(HOSTILE + ["Harbour News"])) for _ in range(3)]
              for name in listed}
    return entries, listed, fields


def _make(folder: Path, outside: Path, name: str, kind: str) -> None:
    path = folder / name
    if kind == "text":
        path.write_text("Pier closes\n\n“We will rebuild it,” said the mayor.\n")
    elif kind == "binary":
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "outside":
        path.symlink_to(outside)
    elif kind == "utf16":
        path.write_bytes("Pier closes\r\n\r\nThe mayor spoke.\r\n".encode("utf-16-le"))
    elif kind == "mixed":
        path.write_bytes("“Fine,” she said.\n".encode() + b"Caf\xe9 owners.\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.timeout(300)
@settings(max_examples=FOLDERS, deadline=None)
@given(spec=folders())
def test_any_story_folder_loads_or_is_a_story_error_and_nothing_is_dropped_silently(generated_cases, spec):
    generated_cases.tick()
    entries, listed, fields = spec
    with tempfile.TemporaryDirectory() as tmp:
        folder, outside = Path(tmp) / "story", Path(tmp) / "secret.txt"
        folder.mkdir()
        outside.write_text("secret\n")
        for name, kind in entries.items():
            _make(folder, outside, name, kind)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["file", "outlet", "headline", "author"])
        for name in listed:
            outlet = fields[name][0] or "Harbour News"
            w.writerow([name, outlet if outlet.strip() else "Harbour News", *fields[name][1:]])
        (folder / "manifest.csv").write_text(buf.getvalue())
        try:
            story = load_story(folder)
        except StoryError as err:
            assert str(err)
            return
        loaded = set(story.articles["file"])
        warned = set(story.warnings["file"])
        for name, kind in entries.items():
            # every entry is an article or is named in a warning
            assert name in loaded or name in warned, (name, kind)
        assert "secret" not in "".join(story.articles["text"])

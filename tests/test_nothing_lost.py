"""Nothing lost: every raw line is kept with its role and reason, and joining the body and
non-body lines gives back the raw file byte for byte (issue 5, item 4)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.story import cleaning
from analysis.story.loading import encode_text, load_story
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import Analysis

BBC = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc-news"


def rebuilt_bytes(a: Analysis, file: str) -> bytes:
    """The file's bytes from its lines table rows and the encoding and BOM loading recorded."""
    art = a.articles.set_index("file").loc[file]
    return encode_text(cleaning.rebuild_raw(a.lines, file), art["encoding"], bool(art["bom"]))


def assert_lossless(folder: Path) -> Analysis:
    a = Analysis(load_story(folder))
    assert len(a.articles) > 0
    for file in a.articles["file"]:
        assert rebuilt_bytes(a, file) == (folder / file).read_bytes(), file
    return a


# --------------------------------------------------------------------------------------------
# Body + non-body lines = the raw file


def test_seed_files_are_rebuilt_byte_for_byte_from_their_lines():
    assert_lossless(SEEDS_DIR)


def test_body_and_non_body_lines_together_are_every_raw_line_of_the_seeds():
    a = Analysis(load_story(SEEDS_DIR))
    for art in a.articles.itertuples():
        part = a.lines[a.lines["file"] == art.file]
        body, rest = part[part["role"] == "body"], part[part["role"] != "body"]
        assert len(body) > 0 and len(rest) > 0
        joined = pd.concat([body, rest]).sort_values("line")
        assert "".join(joined["text"] + joined["eol"]) == art.text
        assert len(part) == len(cleaning.split_lines(art.text))


def test_the_body_is_exactly_the_body_lines_cleaned():
    a = Analysis(load_story(SEEDS_DIR))
    for file, body in a.bodies.items():
        part = a.lines[(a.lines["file"] == file) & (a.lines["role"] == "body")]
        assert body == "\n\n".join(part["clean"])


@pytest.mark.corpus
def test_a_bbc_corpus_sample_is_rebuilt_byte_for_byte(tmp_path):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not at ../shared/corpora/bbc-news")
    sample = []
    for topic in sorted(p for p in BBC.iterdir() if p.is_dir()):
        sample += sorted(topic.glob("*.txt"))[:12]
    sample.append(BBC / "sport" / "199.txt")  # not UTF-8: a Latin-1 pound sign
    for path in sample:
        shutil.copyfile(path, tmp_path / f"{path.parent.name}-{path.name}")
    a = assert_lossless(tmp_path)
    assert len(a.articles) == len(set(sample))
    assert "cp1252" in set(a.articles["encoding"])


LINE_ENDINGS = {
    "crlf": "Spy chief speaks\r\n\r\nMoore spoke in Prague.\r\nHe urged Russians to help.\r\n",
    "lone cr": "Spy chief speaks\r\rMoore spoke in Prague.\rHe urged Russians to help.\r",
    "mixed": "Spy chief speaks\r\n\nMoore spoke in Prague.\rHe urged Russians to help.\n\r\nEnd.",
    "cr then lf are two ends": "One.\r\r\nTwo.\n\rThree.",
    "no final newline": "Spy chief speaks\n\nMoore spoke in Prague.",
    "blank lines only": "\n\r\n\r\n\n",
    "trailing spaces": "Spy chief speaks   \n  \t\nMoore spoke in Prague. \t\n",
    "nul and controls": "Spy\x00 chief\x07 speaks\n\x0cMoore spoke\x1b in Prague.\n",
    "unicode line separators end lines": "One\u2028two.\x85Three\u2029four.\x0bFive\x0cSix.\n",
}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("name, encoding", [
    (name, encoding) for name in LINE_ENDINGS for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252")
    if _encodable(LINE_ENDINGS[name], encoding)])
def test_generated_text_with_any_line_endings_is_rebuilt_byte_for_byte(story, name, encoding):
    data = LINE_ENDINGS[name].encode(encoding)
    if encoding == "cp1252":
        data += "Café “quoted”.\n".encode("cp1252")  # not UTF-8, so loading falls back to cp1252
    a = assert_lossless(story({"a.txt": data}))
    assert a.articles.loc[0, "encoding"] == {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding)


def test_line_numbers_count_every_kind_of_line_end():
    # Hand count: CRLF ends line 1, CR line 2, LF line 3, CR+CR lines 4 and 5; line 6 has no end.
    lines = cleaning.split_lines("a\r\nb\rc\nd\r\re")
    assert lines == [("a", "\r\n"), ("b", "\r"), ("c", "\n"), ("d", "\r"), ("", "\r"), ("e", "")]


# --------------------------------------------------------------------------------------------
# The report writes the full lines table


@pytest.fixture(scope="module")
def report_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    run = subprocess.run([sys.executable, "-m", "analysis", "report", "--seeds", str(SEEDS_DIR),
                          "--out", str(out), "--skip-notebooks", "--no-progress"],
                         capture_output=True, text=True, timeout=1800, cwd=PROJECT_ROOT)
    assert run.returncode == 0, run.stderr
    return out


def test_the_report_writes_every_raw_line_with_its_role_and_reason(report_out):
    table = pd.read_csv(report_out / "tables" / "lines.csv", dtype=str, keep_default_na=False)
    assert {"file", "line", "role", "reason", "text"} <= set(table.columns)
    a = Analysis(load_story(SEEDS_DIR))
    for art in a.articles.itertuples():
        rows = table[table["file"] == art.file]
        assert len(rows) == len(cleaning.split_lines(art.text))
        assert list(rows["line"].astype(int)) == list(range(1, len(rows) + 1))
        assert rows["role"].isin(cleaning.ROLES).all() and (rows["reason"] != "").all()


def test_the_raw_files_can_be_rebuilt_from_the_report_alone(report_out):
    from analysis.writing import restore

    # restore: cells that start like a spreadsheet formula were written with a leading
    # apostrophe (README, "Safe to open in a spreadsheet"); it undoes that exactly.
    table = restore(pd.read_csv(report_out / "tables" / "lines.csv", dtype=str, keep_default_na=False))
    articles = restore(pd.read_csv(report_out / "tables" / "articles.csv", dtype=str, keep_default_na=False))
    for art in articles.itertuples():
        rows = table[table["file"] == art.file]
        text = "".join(rows["text"] + rows["eol"])
        data = encode_text(text, art.encoding, art.bom == "True")
        assert data == (SEEDS_DIR / art.file).read_bytes(), art.file


def test_the_report_lists_every_removed_line_with_its_reason(report_out):
    removed = pd.read_csv(report_out / "tables" / "removed-lines.csv", dtype=str, keep_default_na=False)
    a = Analysis(load_story(SEEDS_DIR))
    expected = a.lines[~a.lines["role"].isin(["body", "blank"])]
    assert len(removed) == len(expected)

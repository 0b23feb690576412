"""The main job, ``python -m analysis report``: every table, figure, the dashboard and the
notebooks, byte for byte the same on every run, for any story folder."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from analysis.app import report
from analysis.paths import PROJECT_ROOT, SEEDS_DIR

TRAM = Path(__file__).parent / "fixtures" / "tram-story"
REPEATABLE = (".csv", ".png", ".svg", ".pdf")


def _report(seeds: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the command as a user does, in a fresh process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--seeds",
            str(seeds),
            "--out",
            str(out),
            "--no-progress",
            *extra,
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in REPEATABLE
    }


@pytest.fixture(scope="module")
def seeds_twice(tmp_path_factory):
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    runs = [
        _report(SEEDS_DIR, first, "--skip-notebooks"),
        _report(SEEDS_DIR, second, "--skip-notebooks"),
    ]
    return first, second, runs


# --------------------------------------------------------------------------- the whole job


def test_report_exits_zero_on_the_seeds(seeds_twice):
    for run in seeds_twice[2]:
        assert run.returncode == 0, run.stderr


def test_two_runs_write_byte_identical_tables_and_figures(seeds_twice):
    first, second, _ = seeds_twice
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def test_every_analysis_table_is_written_as_csv(seeds_twice):
    tables = seeds_twice[0] / "tables"
    for spec in report.written_tables():
        assert (tables / spec.file).is_file(), spec.name
    for name in ("corpus", "removed-lines", "removal-counts", "findings"):
        assert (tables / f"{name}.csv").is_file(), name


def test_every_chart_is_written_in_four_formats(seeds_twice):
    figs = seeds_twice[0] / "figures"
    charts = report.collect_charts(report.Report(out=figs))
    assert len(charts) >= 2
    for _, name, _ in charts:
        for ext in ("png", "svg", "pdf", "csv"):
            assert (figs / f"{name}.{ext}").is_file(), f"{name}.{ext}"


def test_the_summary_dashboard_is_written_as_png_and_pdf(seeds_twice):
    for ext in ("png", "pdf"):
        assert (seeds_twice[0] / f"summary-dashboard.{ext}").stat().st_size > 10_000


def test_the_articles_table_leaves_out_the_full_text(seeds_twice):
    articles = pd.read_csv(seeds_twice[0] / "tables" / "articles.csv")
    assert "text" not in articles.columns and len(articles) == 3


def test_warnings_csv_is_written_even_when_there_is_nothing_to_say(seeds_twice):
    warnings = pd.read_csv(seeds_twice[0] / "warnings.csv")
    assert list(warnings.columns) == ["file", "line", "code", "message"]
    assert "chart-failed" not in set(warnings["code"])


def test_a_second_story_runs_with_no_code_change(tmp_path):
    run = _report(TRAM, tmp_path, "--skip-notebooks")
    assert run.returncode == 0, run.stderr
    corpus = pd.read_csv(tmp_path / "tables" / "corpus.csv")
    assert list(corpus["outlet"]) == ["Harbour Herald", "Valley Radio", "Metro Wire"]
    assert (tmp_path / "summary-dashboard.png").is_file()
    assert len(list((tmp_path / "figures").glob("*.png"))) >= 2


@pytest.mark.slow
def test_the_notebooks_run_on_a_second_story_and_are_written_as_html(tmp_path):
    run = _report(TRAM, tmp_path)
    assert run.returncode == 0, run.stderr
    warnings = pd.read_csv(tmp_path / "warnings.csv")
    assert "notebook-failed" not in set(warnings["code"]), warnings.to_string()
    for notebook in report.notebooks():
        html = tmp_path / "notebooks" / f"{notebook.stem}.html"
        assert html.is_file(), html.name
        # The story folder reached the notebook through its parameters.
        assert "Harbour Herald" in html.read_text(encoding="utf-8"), html.name


# --------------------------------------------------------------------------- in process


def test_a_failing_chart_is_recorded_and_makes_the_exit_status_1(tmp_path, monkeypatch):
    def broken(a):
        raise RuntimeError("no data for this chart")

    monkeypatch.setattr(
        report, "collect_charts", lambda rep: [("analysis.charts_test", "broken-chart", broken)]
    )
    done = report.run(TRAM, tmp_path, run_notebooks=False, progress=False)
    warnings = pd.read_csv(tmp_path / "warnings.csv")
    row = warnings[warnings["code"] == "chart-failed"].iloc[0]
    assert row["file"] == "analysis.charts_test.broken"
    assert row["message"] == "figure broken-chart failed: RuntimeError: no data for this chart"
    assert done.failures == 1


def test_a_failing_charts_traceback_reaches_the_terminal_escaped(tmp_path, monkeypatch, capfd):
    def broken(a):
        raise RuntimeError("bad line \x1b]0;owned\x07 \x1b[2J")

    monkeypatch.setattr(
        report, "collect_charts", lambda rep: [("analysis.charts_test", "broken-chart", broken)]
    )
    report.run(TRAM, tmp_path, run_notebooks=False, progress=False)
    err = capfd.readouterr().err
    assert "Traceback" in err and "RuntimeError: bad line \\x1b]0;owned\\x07" in err
    assert "\x1b" not in err and "\x07" not in err


def test_a_chart_with_nothing_to_plot_is_noted_not_failed(tmp_path, monkeypatch):
    monkeypatch.setattr(
        report,
        "collect_charts",
        lambda rep: [("analysis.charts_test", "empty-chart", lambda a: None)],
    )
    done = report.run(TRAM, tmp_path, run_notebooks=False, progress=False)
    warnings = pd.read_csv(tmp_path / "warnings.csv")
    assert "chart-empty" in set(warnings["code"]) and done.failures == 0


def test_files_a_previous_run_wrote_and_this_one_did_not_are_removed(tmp_path, monkeypatch):
    stale = tmp_path / "figures" / "old-chart.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    mine = tmp_path / "notes.txt"
    mine.write_text("the user's own file")
    # The ledger lists each file with its SHA-256: a file whose content still matches is the
    # report's own and is removed; anything else is kept (tests/test_hostile_input.py).
    digest = hashlib.sha256(b"old").hexdigest()
    (tmp_path / report.LEDGER_NAME).write_text(f"{digest}  figures/old-chart.png\nnotes.txt\n")
    monkeypatch.setattr(report, "collect_charts", lambda rep: [])
    report.run(TRAM, tmp_path, run_notebooks=False, progress=False)
    assert not stale.exists()
    assert mine.read_text() == "the user's own file"


def test_the_report_writes_every_registered_table_with_a_file_name_and_no_other():
    names = [spec.name for spec in report.written_tables()]
    assert names[:3] == ["articles", "lines", "paragraphs"]
    assert "sentiment_actors" not in names and "frames_by_article" not in names
    assert {"corpus", "removed_lines", "removal_counts", "findings"} <= set(names)


def test_a_series_table_is_written_with_its_index_as_a_column():
    series = pd.Series({"a.txt": "Body one.", "b.txt": "Body two."}, name="body")
    series.index.name = "file"
    assert report.as_table(series).to_dict("list") == {
        "file": ["a.txt", "b.txt"],
        "body": ["Body one.", "Body two."],
    }


def test_charts_listed_in_CHARTS_are_used_as_named():
    module = types.ModuleType("analysis.charts_toy")
    module.CHARTS = {"words-by-outlet": lambda a: None}
    assert [name for name, _ in report.charts_of(module)] == ["words-by-outlet"]


def test_without_CHARTS_functions_taking_the_analysis_are_charts():
    module = types.ModuleType("analysis.charts_toy")
    source = (
        "def plot_sentiment_by_outlet(a):\n    return None\n\n"
        "def helper(frame, other):\n    return None\n\n"
        "def quote_matrix(analysis, top=10):\n    return None\n"
    )
    exec(compile(source, "<charts_toy>", "exec"), module.__dict__)
    for func in (module.plot_sentiment_by_outlet, module.quote_matrix, module.helper):
        func.__module__ = "analysis.charts_toy"
    names = {name for name, _ in report.charts_of(module)}
    assert names == {"sentiment-by-outlet", "quote-matrix"}


def test_report_is_a_subcommand_with_its_options():
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0
    for option in ("--seeds", "--out", "--skip-notebooks", "--no-progress"):
        assert option in run.stdout


def test_findings_is_a_table_command(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "findings", "--seeds", str(TRAM), "--format", "csv"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("finding,sentence,outlet,value,ci_low,ci_high,n,unit,table\n")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in REPEATABLE
    }


@pytest.mark.slow  # two whole reports
def test_tables_computed_in_a_child_process_give_the_same_files(tmp_path, monkeypatch):
    # Two figure workers: the tables are computed in a forked child while the report loads
    # matplotlib; one worker: all in this process. The same bytes either way.
    monkeypatch.setenv("COVERAGE_FIGURE_WORKERS", "2")
    forked = report.run(TRAM, tmp_path / "forked", run_notebooks=False, progress=False)
    monkeypatch.setenv("COVERAGE_FIGURE_WORKERS", "1")
    alone = report.run(TRAM, tmp_path / "alone", run_notebooks=False, progress=False)
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")
    assert forked.warnings == alone.warnings
    assert [p.relative_to(tmp_path / "forked") for p in forked.written] == [
        p.relative_to(tmp_path / "alone") for p in alone.written
    ]


@pytest.mark.slow  # two whole reports
def test_the_tables_are_written_here_when_the_child_cannot_hand_them_back(tmp_path, monkeypatch):
    import os

    here = os.getpid()
    real = report.write_tables

    def lost_in_the_child(a, rep, step=lambda name: None):
        if os.getpid() != here:
            raise RuntimeError("the child process failed")
        return real(a, rep, step)

    monkeypatch.setenv("COVERAGE_FIGURE_WORKERS", "2")
    monkeypatch.setattr(report, "write_tables", lost_in_the_child)
    done = report.run(TRAM, tmp_path / "a", run_notebooks=False, progress=False)
    monkeypatch.setattr(report, "write_tables", real)
    again = report.run(TRAM, tmp_path / "b", run_notebooks=False, progress=False)
    assert done.failures == again.failures == 0
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert any(p.parent.name == "tables" for p in done.written)


def test_a_table_failing_in_the_child_is_recorded_before_the_figures(tmp_path, monkeypatch):
    # The child hands the tables back before it writes them, and its records arrive after the
    # figures are drawn: they still come first in warnings.csv, as when all runs here.
    from analysis import pipeline

    def no_emphasis(self):
        raise RuntimeError("no emphasis today")

    def broken(a):
        raise RuntimeError("no data for this chart")

    monkeypatch.setattr(pipeline.Analysis, "emphasis", property(no_emphasis))
    monkeypatch.setattr(
        report, "collect_charts", lambda rep: [("analysis.charts_test", "broken-chart", broken)]
    )
    monkeypatch.setenv("COVERAGE_FIGURE_WORKERS", "2")
    forked = report.run(TRAM, tmp_path / "forked", run_notebooks=False, progress=False)
    monkeypatch.setenv("COVERAGE_FIGURE_WORKERS", "1")
    alone = report.run(TRAM, tmp_path / "alone", run_notebooks=False, progress=False)
    codes = [w["code"] for w in forked.warnings]
    assert codes.index("table-failed") < codes.index("chart-failed")
    assert forked.warnings == alone.warnings
    assert forked.failures == alone.failures >= 2
    assert _files(tmp_path / "forked") == _files(tmp_path / "alone")


def test_the_report_names_the_figures_folder_as_the_figures_module_does():
    from analysis.charts import figures

    assert report.FIGURES_SUBDIR == figures.FIGURES_SUBDIR

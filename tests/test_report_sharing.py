"""What the report hands the notebooks it runs so their kernels do not do its work again:
the tables it computed (loaded only for the same story and package) and the figures it saved
(left as they are only when the notebook's data is the same); and what the kernels print
that is kept out of the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis.app import report
from analysis.charts import figures
from analysis.pipeline import SHARED_TABLES_ENV, TABLES, Analysis, analyse, share_tables

TRAM = Path(__file__).parent / "fixtures" / "tram-story"


def _computed(folder: Path) -> Analysis:
    a = analyse(folder)
    for name in TABLES:
        getattr(a, name)
    return a


def test_a_kernel_loads_the_shared_tables_of_the_same_story(tmp_path, monkeypatch):
    story = tmp_path / "story"
    shutil.copytree(TRAM, story)
    shared = _computed(story)
    monkeypatch.setenv(SHARED_TABLES_ENV, str(share_tables(shared, tmp_path / "t.pickle")))
    a = analyse(story)
    # Loaded, not computed: every table is there before it is asked for, and equal to a fresh
    # computation's.
    assert set(TABLES) <= set(vars(a))
    monkeypatch.delenv(SHARED_TABLES_ENV)
    fresh = analyse(story)
    for name in ("lines", "sentences", "quotes", "metrics", "findings"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(fresh, name))


def test_shared_tables_are_not_used_once_the_story_changes(tmp_path, monkeypatch):
    story = tmp_path / "story"
    shutil.copytree(TRAM, story)
    monkeypatch.setenv(SHARED_TABLES_ENV, str(share_tables(_computed(story), tmp_path / "t")))
    article = sorted(story.glob("*.txt"))[0]
    article.write_text(
        article.read_text(encoding="utf-8") + "\nA new closing line about the trams.\n",
        encoding="utf-8",
    )
    a = analyse(story)
    assert "lines" not in vars(a)  # computed afresh, from the edited file
    assert a.lines["text"].str.contains("A new closing line").any()


def test_shared_tables_of_another_story_or_a_bad_file_are_ignored(tmp_path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(TRAM, other)
    (other / "extra.txt").write_text("Another article.\n", encoding="utf-8")
    monkeypatch.setenv(SHARED_TABLES_ENV, str(share_tables(_computed(other), tmp_path / "t")))
    assert "lines" not in vars(analyse(TRAM))
    (tmp_path / "bad").write_bytes(b"not a pickle")
    monkeypatch.setenv(SHARED_TABLES_ENV, str(tmp_path / "bad"))
    assert "lines" not in vars(analyse(TRAM))
    monkeypatch.setenv(SHARED_TABLES_ENV, str(tmp_path / "missing"))
    assert len(analyse(TRAM).articles) > 0


def _chart(a):
    from analysis.charts import metrics

    return metrics.length_by_outlet(a)


def test_a_figure_the_report_saved_is_not_saved_again_from_the_same_data(tmp_path, monkeypatch):
    a = analyse(TRAM)
    fig, data = _chart(a)[:2]
    paths = figures.save_figure(fig, "length-by-outlet", data, tmp_path)
    listing = tmp_path / "saved.txt"
    listing.write_text(f"{paths['png'].resolve()}\n", encoding="utf-8")
    monkeypatch.setenv(figures.REPORT_FIGURES_ENV, str(listing))
    paths["pdf"].write_bytes(b"left as it was")
    fig, data = _chart(a)[:2]
    figures.save_once(fig, "length-by-outlet", data, tmp_path)
    assert paths["pdf"].read_bytes() == b"left as it was"
    # Other data under the same name is saved.
    figures.save_once(fig, "length-by-outlet", data.iloc[:1], tmp_path)
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    assert len(pd.read_csv(paths["csv"])) == 1
    # A figure the report did not save is saved.
    figures.save_once(fig, "other-name", data, tmp_path)
    assert (tmp_path / "other-name.pdf").is_file()
    # Without the variable (a notebook in the lab), every figure is saved.
    monkeypatch.delenv(figures.REPORT_FIGURES_ENV)
    paths["pdf"].write_bytes(b"left as it was")
    figures.save_once(fig, "length-by-outlet", data.iloc[:1], tmp_path)
    assert paths["pdf"].read_bytes().startswith(b"%PDF")


def test_the_kernels_tcp_warning_is_kept_out_of_the_terminal():
    printed = (
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All "
        "communication (including code and outputs) is sent in plain text and is susceptible "
        "to eavesdropping. Use IPC transport or launch with kernel manager-provisioned "
        "CurveZMQ keys to enable transport encryption.\n"
        "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.\n"
        "\n"
        "Traceback (most recent call last):\n"
        "ValueError: something a reader should see\n"
    )
    assert report.without_kernel_noise(printed) == [
        "Traceback (most recent call last):",
        "ValueError: something a reader should see",
    ]

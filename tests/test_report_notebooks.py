"""The report's notebook step: each notebook in a child process of its own with a time budget
that grows with the story, headless (static explorers), and a notebook that hangs is stopped
and named while everything else is still written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import psutil
import pytest
from IPython.display import HTML
from matplotlib.figure import Figure

from analysis.app import report, widgets
from analysis.paths import PROJECT_ROOT
from analysis.pipeline import analyse

FIXTURES = Path(__file__).parent / "fixtures"
#: Seven outlets (long names, their own page furniture) running one wire story: the kind of
#: story notebook 00 stalled on while the explorers were ipywidgets (jupyter/nbclient#312).
SYNDICATED = FIXTURES / "syndicated-story"
TRAM = FIXTURES / "tram-story"


def _pasted_words(folder: Path) -> int:
    """Whitespace-separated words in every pasted article, read straight from the files."""
    return sum(
        len(line.split())
        for f in sorted(folder.glob("*.txt"))
        for line in f.read_text(encoding="utf-8").splitlines()
    )


def _code_cell(nb, source: str):
    return next(c for c in nb.cells if c.cell_type == "code" and c.source.strip() == source)


# --------------------------------------------------------------------------- the budget


def test_the_budget_grows_with_the_articles_and_the_words_pasted(monkeypatch):
    monkeypatch.delenv(report.NOTEBOOK_BUDGET_ENV, raising=False)
    for folder, articles in ((TRAM, 3), (SYNDICATED, 7)):
        expected = 120 + 10 * articles + 20 * _pasted_words(folder) / 1000
        assert report.notebook_budget(analyse(folder)) == pytest.approx(expected)
    assert report.notebook_budget(analyse(TRAM)) < report.notebook_budget(analyse(SYNDICATED))


def test_the_budget_of_a_seven_article_story_is_far_below_the_old_cell_timeout(monkeypatch):
    monkeypatch.delenv(report.NOTEBOOK_BUDGET_ENV, raising=False)
    assert report.notebook_budget(analyse(SYNDICATED)) < report.NOTEBOOK_TIMEOUT / 2


def test_the_budget_can_be_set_by_environment_variable(monkeypatch):
    monkeypatch.setenv(report.NOTEBOOK_BUDGET_ENV, "45")
    assert report.notebook_budget(analyse(TRAM)) == 45.0
    monkeypatch.setenv(report.NOTEBOOK_BUDGET_ENV, "soon")
    with pytest.raises(ValueError, match="COVERAGE_NOTEBOOK_BUDGET must be a number of seconds"):
        report.notebook_budget(analyse(TRAM))


def test_the_cell_that_overran_is_the_one_papermill_marked_running(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# title"),
            nbformat.v4.new_code_cell("a = 1"),
            nbformat.v4.new_code_cell("\nimport time\ntime.sleep(3600)"),
            nbformat.v4.new_code_cell("b = 2"),
        ]
    )
    for cell, status in zip(nb.cells[1:], ("completed", "running", "pending")):
        cell.metadata["papermill"] = {"status": status}
    path = tmp_path / "03-x.ipynb"
    nbformat.write(nb, path)
    assert report._running_cell(path) == "code cell 2 (`import time`)"
    assert report._running_cell(tmp_path / "missing.ipynb") == "before its first cell"


# --------------------------------------------------------------------------- headless widgets


def test_headless_explorers_return_a_static_figure_and_html(monkeypatch):
    a = analyse(TRAM)
    monkeypatch.setenv(widgets.HEADLESS_ENV, "1")
    fig = widgets.outlet_metric_explorer(a)
    assert isinstance(fig, Figure)
    first_metric = widgets.metric_catalogue(a)["label"].iloc[0]
    assert first_metric in fig.axes[0].get_xlabel()
    page = widgets.sentence_explorer(a)
    assert isinstance(page, HTML)
    first_file = a.articles.sort_values(["outlet", "file"])["file"].iloc[0]
    assert page.data == widgets.sentence_html(a, first_file)


def test_without_the_variable_the_explorers_are_widgets(monkeypatch):
    import ipywidgets

    monkeypatch.delenv(widgets.HEADLESS_ENV, raising=False)
    a = analyse(TRAM)
    assert isinstance(widgets.sentence_explorer(a), ipywidgets.VBox)
    monkeypatch.setenv(widgets.HEADLESS_ENV, "0")
    assert not widgets.headless()


# --------------------------------------------------------------------------- whole runs


@pytest.mark.slow
def test_the_report_with_notebooks_finishes_on_the_syndicated_story(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--seeds",
            str(SYNDICATED),
            "--out",
            str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    warnings = pd.read_csv(tmp_path / "warnings.csv")
    assert not {"notebook-failed", "notebook-overran"} & set(warnings["code"]), warnings.to_string()
    for notebook in report.notebooks():
        assert (tmp_path / "notebooks" / f"{notebook.stem}.html").is_file(), notebook.name
    # The explorers ran headless: a figure and the article's HTML, no widget.
    hub = nbformat.read(tmp_path / "notebooks" / "00-overview.ipynb", as_version=4)
    explorer = _code_cell(hub, "widgets.outlet_metric_explorer(a)")
    assert any("image/png" in out.get("data", {}) for out in explorer.outputs)
    sentences = _code_cell(hub, "widgets.sentence_explorer(a)")
    html = "".join(out.get("data", {}).get("text/html", "") for out in sentences.outputs)
    assert 'class="wb-sentences"' in html
    assert "VBox(" not in str(explorer.outputs) + str(sentences.outputs)


def _hanging_copy(source: Path, target: Path) -> None:
    """``source`` with a cell that sleeps for an hour after its imports."""
    nb = nbformat.read(source, as_version=4)
    at = next(
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and "import" in c.source and "autoreload" not in c.source
    )
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell("import time\ntime.sleep(3600)"))
    nbformat.write(nb, target)


@pytest.mark.slow
def test_a_notebook_that_hangs_is_stopped_within_its_budget_and_the_rest_is_written(
    tmp_path, monkeypatch
):
    books = tmp_path / "notebooks"
    books.mkdir()
    real = {p.name: p for p in report.notebooks()}
    # The hub (where the report used to stall) hangs for real; the next notebook must still run.
    _hanging_copy(real["00-overview.ipynb"], books / "00-overview.ipynb")
    shutil.copy(real["01-corpus-and-cleaning.ipynb"], books / "01-corpus-and-cleaning.ipynb")
    monkeypatch.setattr(report, "notebooks", lambda folder=None: sorted(books.glob("*.ipynb")))
    budget = 90
    monkeypatch.setenv(report.NOTEBOOK_BUDGET_ENV, str(budget))
    out = tmp_path / "out"
    # Processes other tests of this worker left (a forkserver, a pool) are not this test's.
    before = {c.pid for c in psutil.Process().children(recursive=True)}

    done = report.run(TRAM, out, progress=False)

    overran = [w for w in done.warnings if w["code"] == "notebook-overran"]
    assert [w["file"] for w in overran] == ["00-overview.ipynb"]
    assert re.search(r"stopped in code cell \d+ \(`import time`\)", overran[0]["message"])
    assert f"{budget} s" in overran[0]["message"]
    assert done.notebook_seconds["00-overview.ipynb"] <= budget + 3 * report.NOTEBOOK_GRACE
    assert done.failures == 1
    # Its kernel was stopped with it: nothing this test started is still running.
    assert [c for c in psutil.Process().children(recursive=True) if c.pid not in before] == []
    # The other notebooks, what ran of the stopped one, every table and every figure.
    for name in ("00-overview", "01-corpus-and-cleaning"):
        assert (out / "notebooks" / f"{name}.html").is_file(), name
    for spec in report.written_tables():
        assert (out / "tables" / spec.file).is_file(), spec.file
    for _, name, _ in report.collect_charts(report.Report(out=out)):
        empty = any(w["code"] == "chart-empty" and name in w["message"] for w in done.warnings)
        assert empty or (out / "figures" / f"{name}.png").is_file(), name
    assert (out / "summary-dashboard.png").is_file()
    warnings = pd.read_csv(out / "warnings.csv")
    assert "notebook-overran" in set(warnings["code"])
    assert "notebook-failed" not in set(warnings["code"])


# --------------------------------------------------------------------------- in parallel


def _tiny_notebook(path: Path, seconds: float, fail: bool) -> None:
    """A notebook that notes when it ran (in the output folder) and may fail."""
    source = (
        "import time, pathlib\n"
        "start = time.time()\n"
        f"time.sleep({seconds})\n"
        f"pathlib.Path(out, '{path.stem}.times').write_text(f'{{start}} {{time.time()}}')\n"
    )
    cells = [
        nbformat.v4.new_code_cell("seeds = None\nout = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(source),
    ]
    if fail:
        cells.append(nbformat.v4.new_code_cell(f"raise ValueError('{path.stem} failed')"))
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    metadata = {"kernelspec": kernel, "language_info": {"name": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata), path)


@pytest.mark.slow
def test_notebooks_run_side_by_side_and_are_recorded_in_their_own_order(tmp_path):
    books = tmp_path / "books"
    books.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    # The first runs longer, so the second ends first.
    _tiny_notebook(books / "01-slow.ipynb", 6, fail=True)
    _tiny_notebook(books / "02-quick.ipynb", 1, fail=True)
    done = report.Report(out=out)
    ended = []
    report.execute_notebooks(
        sorted(books.glob("*.ipynb")), TRAM, out, done, budget=300, workers=2, step=ended.append
    )
    assert ended == ["notebook 02-quick.ipynb", "notebook 01-slow.ipynb"]
    slow = [float(v) for v in (out / "01-slow.times").read_text().split()]
    quick = [float(v) for v in (out / "02-quick.times").read_text().split()]
    assert quick[0] < slow[1] and slow[0] < quick[1]  # their cells ran at the same time
    assert [w["file"] for w in done.warnings] == ["01-slow.ipynb", "02-quick.ipynb"]
    assert all(w["code"] == "notebook-failed" for w in done.warnings)
    assert done.failures == 2
    for name in ("01-slow", "02-quick"):
        assert (out / "notebooks" / f"{name}.html").is_file()

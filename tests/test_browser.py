"""The workbook as its readers meet it: every notebook, run in JupyterLab in a real browser.

Executing notebooks headless (nbmake) proves the code runs. These tests prove what a reader
sees: JupyterLab (started from this environment, random token, free loopback port) opens each
notebook in headless Chromium, the reader chooses Kernel > Restart Kernel and Run All Cells...,
and then

- every non-empty code cell has an execution count (Run All got to the end);
- no cell shows an error (a kernel error, a traceback on stderr, a widget that failed to draw);
- every figure cell shows an image. A figure cell is a cell tagged ``figure``, a code cell that
  calls a ``publish(`` function (``figures.publish``, ``dashboard.publish``: how the notebooks
  show their charts), or a cell whose output carries an image: the tag is how a notebook says "a reader must see a figure here";
- choosing another option in an outlet or metric widget (a dropdown, toggle or radio buttons
  whose description names an outlet, metric or measure) redraws the figure; the overview must
  have at least one such widget.

The notebooks run from a temporary copy of ``notebooks/`` (the committed notebooks never get
outputs or checkpoints) with ``COVERAGE_OUT`` pointing at a temporary folder; ``seeds = None``
still means the project's ``seeds/`` (``analysis.paths`` anchors it on the package). A
full-page screenshot of each notebook goes to ``artifacts/browser/NN-name.png``.

Two small notebooks of the tests' own (one that works, one with a deliberately broken cell)
show that the checks can fail. Needs Debian's Chromium at /usr/bin/chromium: skipped without
it on a developer's machine, a failure under CI (``CI=true``).
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests import browser_helpers
from tests.browser_helpers import (
    RUN_TIMEOUT_S,
    choice_widgets,
    choose_another_option,
    chromium,
    image_sources,
    jupyter_lab,
    open_notebook,
    read_notebook,
    require_chromium,
    restart_and_run_all,
    screenshot_notebook,
    wait_for_new_images,
    widget_label,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
OVERVIEW = "00-overview.ipynb"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "browser"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# A notebook that does everything right: a figure, and a dropdown that redraws a figure.
WORKING = [
    new_markdown_cell("# A working notebook"),
    new_code_cell("import ipywidgets as widgets\nimport matplotlib.pyplot as plt"),
    new_code_cell(
        "fig, ax = plt.subplots(figsize=(4, 2))\nax.bar(['Fox', 'LBC'], [900, 600])\nplt.show()",
        metadata={"tags": ["figure"]},
    ),
    new_code_cell(
        "widgets.interact(\n"
        "    lambda outlet: (plt.bar(['words'], [{'Fox': 900, 'LBC': 600}[outlet]]), plt.title(outlet), plt.show()),\n"
        "    outlet=widgets.Dropdown(options=['Fox', 'LBC'], description='Outlet'),\n"
        ");",
        metadata={"tags": ["figure"]},
    ),
]

# A notebook with a figure cell that draws nothing and a cell that raises.
BROKEN = [
    new_markdown_cell("# A broken notebook"),
    new_code_cell("print('no figure here')", metadata={"tags": ["figure"]}),
    new_code_cell("raise ValueError('deliberately broken')"),
    new_code_cell("print('never reached')"),
]


def write_notebook(path: Path, cells: list) -> None:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNELSPEC
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory) -> Path:
    """A throwaway copy of notebooks/ plus the tests' own two notebooks."""
    root = tmp_path_factory.mktemp("lab-root")
    notebooks = PROJECT_ROOT / "notebooks"
    if notebooks.is_dir():
        shutil.copytree(
            notebooks, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
    write_notebook(root / "harness" / "working.ipynb", WORKING)
    write_notebook(root / "harness" / "broken.ipynb", BROKEN)
    return root


@pytest.fixture(scope="module")
def lab(lab_root, tmp_path_factory):
    """JupyterLab on the copy, stopped (and checked stopped) at the end whatever happens."""
    require_chromium()
    state = tmp_path_factory.mktemp("lab-state")
    with jupyter_lab(lab_root, state, env={"COVERAGE_OUT": str(state / "out")}) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    require_chromium()
    with chromium() as chromium_browser:
        yield chromium_browser


def run_in_browser(browser, lab, relative_path: str, screenshot: Path | None = None):
    """Open a notebook in a fresh page, Restart Kernel and Run All, read it; leave the page open."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        open_notebook(page, lab, relative_path)
        restart_and_run_all(page, RUN_TIMEOUT_S)
        return context, page, read_notebook(page, Path(relative_path).name, page_errors)
    except BaseException:
        context.close()
        raise
    finally:
        if screenshot is not None and not page.is_closed():
            screenshot_notebook(page, screenshot)


def close(context, lab) -> None:
    context.close()
    lab.shutdown_sessions()


@pytest.fixture(scope="class")
def notebook_run(browser, lab, notebook):
    """The page and the report of one notebook of notebooks/, run once per test class."""
    screenshot = ARTIFACTS / f"{notebook.stem}.png"
    context, page, report = run_in_browser(browser, lab, f"notebooks/{notebook.name}", screenshot)
    try:
        yield page, report
    finally:
        close(context, lab)


@pytest.fixture(scope="class")
def working_run(browser, lab):
    context, page, report = run_in_browser(browser, lab, "harness/working.ipynb")
    try:
        yield page, report
    finally:
        close(context, lab)


@pytest.fixture(scope="class")
def broken_report(browser, lab):
    context, _, report = run_in_browser(browser, lab, "harness/broken.ipynb")
    close(context, lab)
    return report


def no_notebooks_yet():
    return [pytest.param(None, marks=pytest.mark.skip(reason="notebooks/ holds no notebooks yet"))]


@pytest.mark.parametrize(
    "notebook",
    NOTEBOOKS or no_notebooks_yet(),
    ids=lambda p: p.stem if p else "none",
    scope="class",
)
class TestNotebookInJupyterLab:
    """One notebook, run once by Restart Kernel and Run All Cells; the tests read the result."""

    def test_every_code_cell_runs(self, notebook_run):
        _, report = notebook_run
        assert report.unexecuted() == [], (
            f"{report.name}: Run All did not reach {report.unexecuted()}"
        )

    def test_no_cell_shows_an_error(self, notebook_run):
        _, report = notebook_run
        assert report.errors() == [], f"{report.name} shows errors: {report.errors()}" + (
            f" (JavaScript errors in the page: {report.page_errors})" if report.page_errors else ""
        )
        for note in report.stderr_notes():  # not an error, but a reader sees it: say so
            warnings.warn(f"{report.name} writes to stderr: {note}", stacklevel=1)

    def test_every_figure_cell_shows_an_image(self, notebook_run):
        _, report = notebook_run
        assert report.figures_without_image() == [], (
            f"{report.name}: figure cells without an image: {report.figures_without_image()}"
        )

    def test_changing_an_outlet_or_metric_widget_redraws_the_figure(self, notebook_run, notebook):
        page, report = notebook_run
        widgets = choice_widgets(page)
        if not widgets:
            assert notebook.name != OVERVIEW, (
                "the overview offers no outlet or metric widget (a dropdown, toggle or radio "
                "buttons described as 'Outlet', 'Metric' or 'Measure')"
            )
            pytest.skip(f"{notebook.name} has no outlet or metric widget")
        for box in widgets:
            label = widget_label(box)
            before = image_sources(page)
            chosen = choose_another_option(box)
            try:
                after = wait_for_new_images(page, before)
            except Exception as error:  # playwright's TimeoutError
                pytest.fail(
                    f"{notebook.name}: choosing {chosen!r} in {label!r} changed no figure ({error})"
                )
            assert after != before
        after_widgets = read_notebook(page, notebook.name)
        screenshot_notebook(page, ARTIFACTS / f"{notebook.stem}-after-widgets.png")
        assert after_widgets.errors() == [], (
            f"{notebook.name} after changing widgets: {after_widgets.errors()}"
        )


class TestTheChecksOnAWorkingNotebook:
    """The tests' own notebook with a figure and an outlet dropdown passes every check."""

    def test_every_code_cell_has_an_execution_count(self, working_run):
        _, report = working_run
        assert [c.execution_count for c in report.code_cells] == [1, 2, 3]

    def test_no_error_is_reported(self, working_run):
        _, report = working_run
        assert report.errors() == []

    def test_both_tagged_cells_are_figure_cells_showing_an_image(self, working_run):
        _, report = working_run
        assert sorted(report.figure_indices) == [2, 3]
        assert report.figures_without_image() == []

    def test_choosing_another_outlet_redraws_the_figure(self, working_run):
        page, _ = working_run
        (dropdown,) = choice_widgets(page)
        before = image_sources(page)
        assert choose_another_option(dropdown) == "LBC"
        after = wait_for_new_images(page, before)
        assert after[0] == before[0]  # the static figure stays
        assert after[1] != before[1]  # the outlet's figure is redrawn


class TestTheChecksOnABrokenNotebook:
    """The tests' own notebook with a cell that raises and a figure cell that draws nothing fails."""

    def test_the_cell_that_raises_is_reported_with_its_error(self, broken_report):
        assert broken_report.errors() == ["cell 2: ValueError: deliberately broken"]

    def test_the_cells_after_it_are_reported_as_not_run(self, broken_report):
        assert broken_report.unexecuted() == ["cell 3 ([ ]:)"]

    def test_the_figure_cell_without_an_image_is_reported(self, broken_report):
        assert broken_report.figures_without_image() == ["cell 1: \"print('no figure here')\""]


def test_a_missing_browser_is_a_skip_on_a_developer_machine(monkeypatch):
    monkeypatch.setattr(browser_helpers, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="/nonexistent/chromium is not installed"):
        require_chromium()


def test_a_missing_browser_is_a_failure_under_ci(monkeypatch):
    monkeypatch.setattr(browser_helpers, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI: /nonexistent/chromium"):
        require_chromium()

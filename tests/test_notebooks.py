"""The notebooks: committed clean, all the same shape, and each one runs top to bottom."""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis.app.report import notebooks
from analysis.paths import PROJECT_ROOT

NOTEBOOKS = notebooks(PROJECT_ROOT / "notebooks")
IDS = [p.name for p in NOTEBOOKS]
#: Seconds a notebook may take, all cells together, on a slow CI machine.
TIMEOUT = 900


def _read(path):
    return nbformat.read(path, as_version=4)


def test_the_notebooks_are_numbered_in_run_order_from_00():
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers))) and len(numbers) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_without_outputs_or_execution_counts(path):
    nb = _read(path)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert dirty == [], f"cells with outputs or counts: {dirty} (clear them before committing)"
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_has_a_parameters_cell_with_the_story_and_output_folders(path):
    cells = [c for c in _read(path).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    assigned = dict(re.findall(r"^(\w+)\s*=\s*(\S+)", cells[0].source, flags=re.M))
    assert assigned == {"seeds": "None", "out": "None"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_papermill_reads_the_parameters(path):
    # papermill cannot parse a line whose comment holds "=" and then warns "Passed unknown
    # parameter" for every run of the report.
    from papermill.translators import PythonTranslator

    cell = next(c for c in _read(path).cells if "parameters" in c.metadata.get("tags", []))
    names = [p.name for p in PythonTranslator.inspect(cell)]
    assert names == ["seeds", "out"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_opens_with_a_title_and_what_it_reads_and_writes(path):
    first = _read(path).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {path.name[:2]} ")
    assert "Reads" in first.source and "Writes" in first.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_defines_no_functions_and_never_touches_sys_path(path):
    code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    assert not re.search(r"^\s*(def|class)\s", code, flags=re.M)
    assert "sys.path" not in code and "../" not in code


@pytest.mark.parametrize("path", NOTEBOOKS[:-1], ids=IDS[:-1])
def test_notebook_ends_with_a_link_to_the_next_one(path):
    following = NOTEBOOKS[NOTEBOOKS.index(path) + 1].name
    last = _read(path).cells[-1]
    assert last.cell_type == "markdown" and f"({following})" in last.source


def test_the_hub_links_every_other_notebook():
    hub = "\n".join(c.source for c in _read(NOTEBOOKS[0]).cells if c.cell_type == "markdown")
    for path in NOTEBOOKS[1:]:
        assert f"({path.name})" in hub, path.name


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom(path, tmp_path):
    """Restart and run all: papermill runs every cell in order in a fresh kernel, with the
    output folder pointed at a temporary folder (the story folder stays the default seeds/)."""
    import papermill

    executed = tmp_path / path.name
    papermill.execute_notebook(
        str(path),
        str(executed),
        parameters={"out": str(tmp_path)},
        cwd=str(path.parent),
        progress_bar=False,
        kernel_name="python3",
        execution_timeout=TIMEOUT,
    )
    nb = _read(executed)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors == []
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "cells must run in order"

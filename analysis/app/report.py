"""The main job: ``python -m analysis report --seeds DIR --out DIR``.

It writes, for one story folder (default ``seeds/``) into one output folder (default ``out/``):

- ``tables/<name>.csv``: every table of :class:`analysis.pipeline.Analysis` (each property
  that gives a DataFrame or Series, found by looking at the class, so a table another module
  adds is written with no change here), plus ``findings.csv`` (:mod:`analysis.app.findings`),
  ``corpus.csv``, ``removed-lines.csv`` and ``removal-counts.csv`` (:mod:`analysis.charts.cleaning`);
- ``figures/<name>.png|svg|pdf|csv``: every figure of every chart module in ``analysis/charts/``
  (see :func:`discover_charts`) and the CSV of exactly what it plots;
- ``summary-dashboard.png|pdf|svg|csv``: the one-page summary (:mod:`analysis.app.dashboard`);
- ``notebooks/NN-name.html`` (and the executed ``.ipynb``): every notebook in ``notebooks/``
  run top to bottom with papermill, the story and output folders as parameters, one per core at
  a time (:func:`execute_notebooks`), each in a child process of its own with a time budget
  that grows with the story (:func:`notebook_budget`); a notebook that overruns it is stopped,
  recorded, and the run goes on with the others. The notebooks run headless
  (``COVERAGE_HEADLESS=1``): the explorers draw static output (:mod:`analysis.app.widgets`).
  Their kernels load the tables the report has computed instead of computing them again
  (:func:`analysis.pipeline.share_tables`) and leave the figures it saved as they are
  (:func:`analysis.charts.figures.save_once`);
- ``warnings.csv``: what loading recorded and what the report could not do (a module that is
  not there, a chart that failed, a notebook that stopped), one row each.

Tables and figures are byte-for-byte the same on every run. A table or chart that fails is
recorded in ``warnings.csv`` and the run goes on; the exit status is then 1.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import json
import multiprocessing
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis import writing
from analysis.paths import PROJECT_ROOT, output_dir, story_dir
from analysis.pipeline import TABLES, TableSpec

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TABLES_SUBDIR = "tables"
#: :data:`analysis.charts.figures.FIGURES_SUBDIR`, named here so that this module does not load
#: matplotlib before it is needed (it loads while the tables are computed, see :func:`run`).
FIGURES_SUBDIR = "figures"
NOTEBOOKS_SUBDIR = "notebooks"
WARNINGS_NAME = "warnings.csv"
#: The report lists the files it wrote here, so the next run can remove the ones it no longer
#: writes (and nothing else).
LEDGER_NAME = ".report-files"
WARNING_COLUMNS = ("file", "line", "code", "message")
#: Columns left out of a written table (the articles' full text is in lines.csv, line by line).
DROP_COLUMNS = {"articles": ["text"]}
NOTEBOOK_TIMEOUT = 600  # seconds a notebook cell may run
#: A notebook's time budget, all cells and the kernel's start together (:func:`notebook_budget`):
#: seconds for any story, plus seconds per article and per 1,000 words pasted.
NOTEBOOK_BUDGET_BASE = 120
NOTEBOOK_BUDGET_PER_ARTICLE = 10
NOTEBOOK_BUDGET_PER_1000_WORDS = 20
#: Set to a number of seconds to replace the budget of every notebook (a slow machine).
NOTEBOOK_BUDGET_ENV = "COVERAGE_NOTEBOOK_BUDGET"
#: Seconds a stopped notebook's process gets to shut its kernel down before it is killed.
NOTEBOOK_GRACE = 10
#: Set to the number of notebooks the report runs at once (default: one per core).
NOTEBOOK_WORKERS_ENV = "COVERAGE_NOTEBOOK_WORKERS"


def _print_traceback() -> None:
    """The exception being handled, with its traceback, on stderr; every line made safe for a
    terminal first (the message may quote a file name or a pasted line)."""
    for line in traceback.format_exc().splitlines():
        print(writing.for_terminal(line), file=sys.stderr)


# --------------------------------------------------------------------------- discovery


def written_tables() -> list[TableSpec]:
    """The tables the report writes to ``tables/``: every table of
    :data:`analysis.pipeline.TABLES` that has a file name, in declaration order."""
    return [spec for spec in TABLES.values() if spec.file]


def as_table(value) -> pd.DataFrame | None:
    """A table attribute as a DataFrame (a Series becomes its index and values), or None."""
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, pd.Series):
        name = value.name if value.name is not None else "value"
        frame = value.rename(name).to_frame()
        return frame.reset_index()
    return None


def file_name(name: str) -> str:
    """A table or figure name as a file name: ``sentiment_sentences`` -> ``sentiment-sentences``."""
    return name.replace("_", "-")


def _chart_name(func: Callable) -> str:
    name = func.__name__
    for prefix in ("plot_", "chart_", "figure_", "draw_"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for suffix in ("_figure", "_chart", "_plot"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return file_name(name)


def _takes_analysis(func: Callable) -> bool:
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return False
    if not params or params[0].name not in ("a", "analysis"):
        return False
    return all(
        p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in params[1:]
    )


def charts_of(module) -> list[tuple[str, Callable]]:
    """The figures a chart module offers, as ``(name, function)``.

    A module lists them in ``CHARTS`` (a dict name -> function, or a list of functions); without
    it, every public function defined in the module whose first parameter is ``a`` or
    ``analysis`` (and whose other parameters have defaults) is a chart, named after the function
    (``sentiment_by_outlet`` -> ``sentiment-by-outlet``; a ``plot_``/``chart_`` prefix or
    ``_figure``/``_chart`` suffix is dropped). Each function returns ``(figure, data)`` or
    None when the story has nothing to plot."""
    listed = getattr(module, "CHARTS", None)
    if isinstance(listed, dict):
        return [(str(k), v) for k, v in listed.items()]
    if isinstance(listed, (list, tuple)):
        return [(_chart_name(f), f) for f in listed]
    found = []
    for name, func in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(func):
            continue
        if func.__module__ != module.__name__ or not _takes_analysis(func):
            continue
        found.append((func.__code__.co_firstlineno, _chart_name(func), func))
    return [(n, f) for _, n, f in sorted(found, key=lambda t: t[0])]


def chart_modules() -> list[str]:
    """The names of the chart modules (``analysis.charts.*`` except the shared
    :mod:`analysis.charts.figures`), alphabetically."""
    import analysis.charts

    return sorted(
        f"analysis.charts.{m.name}"
        for m in pkgutil.iter_modules(analysis.charts.__path__)
        if m.name != "figures"
    )


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The workbook's notebooks in run order (``NN-name.ipynb``)."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb"))


# --------------------------------------------------------------------------- the run


@dataclass
class Report:
    """One run: where it writes and what it recorded."""

    out: Path
    warnings: list[dict] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failures: int = 0
    #: Seconds each notebook took (its child process, start to end), by file name.
    notebook_seconds: dict[str, float] = field(default_factory=dict)

    def warn(self, file: str, code: str, message: str, failure: bool = False, line=None) -> None:
        self.warnings.append({"file": file, "line": line, "code": code, "message": message})
        if failure:
            self.failures += 1

    def wrote(self, *paths: Path) -> None:
        self.written.extend(Path(p) for p in paths)


def _error_text(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}".strip()
    return text.splitlines()[0] if text else type(err).__name__


def write_tables(a, report: Report, step=lambda name: None) -> None:
    """Write every table of ``a`` that the registry gives a file to ``<out>/tables/``."""
    folder = report.out / TABLES_SUBDIR
    for spec in written_tables():
        step(f"table {spec.name}")
        try:
            table = as_table(getattr(a, spec.name))
        except Exception as err:  # noqa: BLE001 - recorded, the run goes on
            report.warn(
                spec.name,
                "table-failed",
                f"table {spec.name} failed: {_error_text(err)}",
                failure=True,
            )
            _print_traceback()
            continue
        if table is None:
            continue
        table = table.drop(columns=[c for c in DROP_COLUMNS.get(spec.name, []) if c in table])
        path = folder / spec.file  # type: ignore[operator]
        report.wrote(writing.write_csv(table, path, float_format=writing.CSV_FLOAT_FORMAT))


def _save_chart(result, name: str, folder: Path, report: Report, where: str) -> None:
    import matplotlib.pyplot as plt

    from analysis.charts import figures

    if result is None:
        report.warn(where, "chart-empty", f"figure {name}: nothing to plot for this story")
        return
    if not (isinstance(result, tuple) and len(result) >= 2):
        report.warn(
            where,
            "chart-failed",
            f"figure {name}: expected (figure, data), got {type(result).__name__}",
            failure=True,
        )
        return
    fig, data = result[0], result[1]
    try:
        paths = figures.save_figure(fig, name, data, folder)
    finally:
        plt.close(fig)
    report.wrote(*paths.values())


def _one_figure(a, report: Report, module: str, name: str, func, folder: Path) -> None:
    where = f"{module}.{getattr(func, '__name__', name)}"
    try:
        _save_chart(func(a), name, folder, report, where)
    except Exception as err:  # noqa: BLE001
        report.warn(
            where, "chart-failed", f"figure {name} failed: {_error_text(err)}", failure=True
        )
        _print_traceback()


#: What forked figure workers read: the analysis, the jobs and the output folder (set before
#: the pool starts, inherited by the workers).
_FIGURE_JOBS: list = []


def _figure_job(index: int) -> tuple[int, list, list, int]:
    a, jobs, out = _FIGURE_JOBS
    module, name, func, folder = jobs[index]
    part = Report(out=out)
    _one_figure(a, part, module, name, func, folder)
    return index, part.warnings, part.written, part.failures


def figure_workers() -> int:
    """Processes that draw figures: every core (``COVERAGE_FIGURE_WORKERS`` overrides)."""
    value = os.environ.get("COVERAGE_FIGURE_WORKERS", "")
    return max(1, int(value)) if value.strip().isdigit() else (os.cpu_count() or 1)


def write_figures(
    a, report: Report, charts, step=lambda name: None, dashboard: bool = False, workers: int = 1
) -> None:
    """Save every chart in ``charts`` (``(module, name, function)``) to ``<out>/figures/``
    (and, with ``dashboard``, the summary dashboard to ``<out>/``).

    With ``workers`` > 1 the figures are drawn in that many forked processes, each a whole
    figure (build, PNG, SVG, PDF, CSV); the tables ``a`` has computed are inherited, the files
    are the same bytes, and the warnings are recorded in the charts' order."""
    from analysis.charts import figures

    folder = report.out / FIGURES_SUBDIR
    seen: set[str] = set()
    jobs = []
    for module, name, func in charts:
        where = f"{module}.{getattr(func, '__name__', name)}"
        if name in seen:
            step(f"figure {name}")
            report.warn(
                where,
                "chart-duplicate",
                f"figure {name} is made twice; kept the first",
                failure=True,
            )
            continue
        seen.add(name)
        jobs.append((module, name, func, folder))
    if dashboard:
        from analysis.app import dashboard as dash

        jobs.append(("analysis.app.dashboard", dash.NAME, dash.summary, report.out))
    workers = min(workers, len(jobs))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for module, name, func, where_to in jobs:
            step(f"figure {name}")
            _one_figure(a, report, module, name, func, where_to)
        return
    _FIGURE_JOBS[:] = [a, jobs, report.out]
    figures.prepare_saving()  # once here, not in every worker
    # The dashboard, the slowest figure by far, first: the workers then finish together.
    order = sorted(range(len(jobs)), key=lambda i: jobs[i][0] != "analysis.app.dashboard")
    results: dict[int, tuple] = {}
    # The objects made so far (modules, tables) are left out of the workers' garbage
    # collections: fewer objects to go through, and fewer memory pages copied on write.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for index, warned, written, failures in pool.imap_unordered(
                _figure_job, order, chunksize=1
            ):
                step(f"figure {jobs[index][1]}")
                results[index] = (warned, written, failures)
    finally:
        gc.unfreeze()
        _FIGURE_JOBS[:] = []
    for index in range(len(jobs)):
        warned, written, failures = results[index]
        report.warnings.extend(warned)
        report.wrote(*written)
        report.failures += failures


def collect_charts(report: Report) -> list[tuple[str, str, Callable]]:
    """Every ``(module, name, function)`` of the chart modules in ``analysis.charts``; a module that
    cannot be imported is recorded and skipped."""
    charts = []  # type: ignore[var-annotated]
    for module_name in chart_modules():
        try:
            module = importlib.import_module(module_name)
        except Exception as err:  # noqa: BLE001
            report.warn(
                module_name,
                "module-failed",
                f"{module_name} could not be imported: {_error_text(err)}",
                failure=True,
            )
            continue
        charts.extend((module_name, name, func) for name, func in charts_of(module))
    return charts


def write_dashboard(a, report: Report) -> None:
    """The one-page summary, ``summary-dashboard.png|pdf|svg|csv`` in the output folder."""
    from analysis.app import dashboard

    try:
        _save_chart(
            dashboard.summary(a),
            dashboard.NAME,
            report.out,
            report,
            "analysis.app.dashboard.summary",
        )
    except Exception as err:  # noqa: BLE001
        report.warn(
            "analysis.app.dashboard",
            "chart-failed",
            f"dashboard failed: {_error_text(err)}",
            failure=True,
        )
        _print_traceback()


def _strip_volatile(nb) -> None:
    """Remove what changes from run to run (timings, kernel ids, widget state) from an
    executed notebook before it is written."""
    nb.metadata.pop("widgets", None)
    papermill = nb.metadata.get("papermill", {})
    for key in (
        "start_time",
        "end_time",
        "duration",
        "input_path",
        "output_path",
        "environment_variables",
        "version",
    ):
        papermill.pop(key, None)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("execution", None)
        pm = cell.metadata.get("papermill", {})
        for key in ("start_time", "end_time", "duration", "exception", "status"):
            pm.pop(key, None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            data.pop("application/vnd.jupyter.widget-view+json", None)


def notebook_budget(a) -> float:
    """Seconds one notebook may take on the story ``a``, from the kernel's start to its last
    cell: ``NOTEBOOK_BUDGET_BASE + NOTEBOOK_BUDGET_PER_ARTICLE * articles +
    NOTEBOOK_BUDGET_PER_1000_WORDS * words / 1000``, where ``words`` counts every pasted line
    (furniture included: cleaning reads it all). 120 s + 10 s per article + 20 s per 1,000
    words: 236 s for the seven-article syndicated story in ``tests/fixtures`` (2,313 words),
    185 s for the seeds (3 articles, 1,754 words), 157 s for the tram story (339 words). The
    slowest notebook on the syndicated story took 93 s on a 2-core machine running 9 jobs
    at once (load average 9), 17 s on an idle one. ``$COVERAGE_NOTEBOOK_BUDGET`` (seconds)
    replaces it."""
    env = os.environ.get(NOTEBOOK_BUDGET_ENV, "").strip()
    if env:
        try:
            return max(float(env), 1.0)
        except ValueError:
            raise ValueError(
                f"${NOTEBOOK_BUDGET_ENV} must be a number of seconds, not {env!r}"
            ) from None
    articles = len(a.articles)
    words = int(a.lines["text"].fillna("").str.split().str.len().sum()) if len(a.lines) else 0
    return float(
        NOTEBOOK_BUDGET_BASE
        + NOTEBOOK_BUDGET_PER_ARTICLE * articles
        + NOTEBOOK_BUDGET_PER_1000_WORDS * words / 1000
    )


def _skip_iri_syntax_checker() -> None:
    """Keep jsonschema (imported by nbformat, papermill and nbconvert) from loading its
    optional IRI syntax checker, ``rfc3987_syntax``, which builds a full grammar on import:
    1.6 s of CPU in each notebook's process and in the report's, for a format notebooks never
    use (without the checker, jsonschema leaves ``iri`` strings unchecked, as it would with
    the package not installed). Only before jsonschema is loaded and only in the report's
    own processes."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _notebook_child(job_file: str) -> int:
    """The child process's side of :func:`run_notebook`: execute one notebook with papermill
    and write ``{"error": text or null}`` to the job's result file."""
    _skip_iri_syntax_checker()
    import papermill

    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    error = None
    try:
        papermill.execute_notebook(
            job["path"],
            job["executed"],
            parameters=job["parameters"],
            cwd=job["cwd"],
            progress_bar=False,
            log_output=False,
            execution_timeout=job["cell_timeout"],
            kernel_name="python3",
        )
    except Exception as err:  # noqa: BLE001 - papermill has written what ran
        error = _error_text(err)
    Path(job["result"]).write_text(json.dumps({"error": error}), encoding="utf-8")
    return 0 if error is None else 1


@lru_cache(maxsize=1)
def _notebook_child_program() -> str:
    """What a notebook's child process runs (``python -c``, the job file as its argument):
    :func:`_notebook_child` and the two functions it calls, taken from this module's source,
    without importing this module: its pandas and analysis package are the kernel's business,
    not the business of a process that only runs papermill (half a CPU-second per notebook)."""
    parts = [inspect.getsource(f) for f in (_error_text, _skip_iri_syntax_checker, _notebook_child)]
    return (
        "import json\nimport sys\nfrom pathlib import Path\n\n\n"
        + "\n\n".join(parts)
        + "\n\nsys.exit(_notebook_child(sys.argv[1]))\n"
    )


def _stop_process_tree(proc: subprocess.Popen) -> None:
    """Stop ``proc`` and everything it started (the kernel runs in a session of its own, so
    it is found by parentage): SIGTERM, then SIGKILL after :data:`NOTEBOOK_GRACE` seconds."""
    import psutil

    try:
        family = [psutil.Process(proc.pid)]
        family += family[0].children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for p in family:
        try:
            p.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(family, timeout=NOTEBOOK_GRACE)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=NOTEBOOK_GRACE)
    proc.wait()


def _running_cell(executed: Path) -> str:
    """The cell papermill had started and not finished, as ``cell N (`first line`)``, read from
    the executed notebook papermill saves at each cell's start."""
    import nbformat

    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # noqa: BLE001 - nothing saved yet, or cut short while writing
        return "before its first cell"
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        if cell.metadata.get("papermill", {}).get("status") == "running":
            first = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
            return f"code cell {number} (`{first[:80]}`)"
    return "after its last cell (while shutting the kernel down)"


def notebook_workers() -> int:
    """Notebooks run at once: every core (``COVERAGE_NOTEBOOK_WORKERS`` overrides)."""
    value = os.environ.get(NOTEBOOK_WORKERS_ENV, "")
    return max(1, int(value)) if value.strip().isdigit() else (os.cpu_count() or 1)


#: What notebook kernels print that is no news to a reader of the report: jupyter_client starts
#: every kernel on TCP (local, with a key) and ipykernel warns about it each time; a kernel
#: shut down at the end of its notebook may say it was interrupted. Kept out of the terminal.
KERNEL_NOISE = (
    "Kernel is running over TCP without encryption",
    "KeyboardInterrupt caught in kernel",
)


def without_kernel_noise(printed: str) -> list[str]:
    """The lines of what a notebook's process printed that are worth passing on: not blank,
    not :data:`KERNEL_NOISE`."""
    return [
        line
        for line in printed.splitlines()
        if line.strip() and not any(noise in line for noise in KERNEL_NOISE)
    ]


@lru_cache(maxsize=1)
def _html_exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter()  # loading its templates takes longer than a page: made once


@dataclass
class _NotebookRun:
    """One notebook's child process while it runs (see :func:`execute_notebooks`)."""

    path: Path
    folder: Path
    running: Path
    tmp: tempfile.TemporaryDirectory
    result: Path
    stderr: Path
    proc: subprocess.Popen
    started: float
    budget: float


def _start_notebook(
    path: Path, seeds: Path, out: Path, budget: float, env_extra: dict | None = None
) -> _NotebookRun:
    from analysis.app.widgets import HEADLESS_ENV

    folder = out / NOTEBOOKS_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    # papermill writes as it runs: into a temporary file (removed by the next run if this one is
    # killed), read back and written atomically to the executed notebook when done.
    running = folder / f"{writing.TEMP_PREFIX}{path.name}"
    running.unlink(missing_ok=True)
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, **{HEADLESS_ENV: "1"}, **(env_extra or {}))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    tmp = tempfile.TemporaryDirectory(prefix="coverage-notebook-")
    job = {
        "path": str(path),
        "executed": str(running),
        "cwd": str(path.parent),
        "parameters": {"seeds": str(seeds), "out": str(out)},
        "cell_timeout": int(min(NOTEBOOK_TIMEOUT, budget)) + 1,
        "result": str(Path(tmp.name) / "result.json"),
    }
    result = Path(tmp.name) / "result.json"
    job_file = Path(tmp.name) / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    code = _notebook_child_program()
    stderr = Path(tmp.name) / "stderr.txt"
    with open(stderr, "wb") as err:  # the child and its kernel write here, not to the terminal
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(job_file)],
            env=env,
            cwd=str(path.parent),
            stdin=subprocess.DEVNULL,
            stderr=err,
        )
    return _NotebookRun(path, folder, running, tmp, result, stderr, proc, time.monotonic(), budget)


def _finish_notebook(run: _NotebookRun, report: Report, overran: bool, say=None) -> None:
    """Record how ``run`` ended, pass on what it printed (less :data:`KERNEL_NOISE`), and write
    the executed notebook and its HTML page."""
    _skip_iri_syntax_checker()
    import nbformat

    path, running = run.path, run.running
    try:
        if overran:
            report.warn(
                path.name,
                "notebook-overran",
                f"notebook {path.name} overran its time budget of {run.budget:.0f} s and was "
                f"stopped in {_running_cell(running)}; the cells after it did not run",
                failure=True,
            )
        else:
            error = (
                json.loads(run.result.read_text(encoding="utf-8"))["error"]
                if run.result.is_file()
                else f"its process ended with status {run.proc.returncode}"
            )
            if error:
                report.warn(
                    path.name,
                    "notebook-failed",
                    f"notebook {path.name} stopped: {error}",
                    failure=True,
                )
        report.notebook_seconds[path.name] = round(time.monotonic() - run.started, 1)
        printed = run.stderr.read_text(encoding="utf-8", errors="replace")
        for line in without_kernel_noise(printed):
            (say or (lambda text: print(text, file=sys.stderr)))(line)
    finally:
        run.tmp.cleanup()
    if not running.exists():
        return
    try:
        nb = nbformat.read(running, as_version=4)
    except Exception as err:  # noqa: BLE001 - cut short while papermill was writing it
        report.warn(
            path.name,
            "notebook-failed",
            f"notebook {path.name}: the executed notebook cannot be read: {_error_text(err)}",
            failure=True,
        )
        return
    finally:
        running.unlink(missing_ok=True)
    _strip_volatile(nb)
    executed = run.folder / path.name
    writing.write_text(executed, nbformat.writes(nb) + "\n")
    body, _ = _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    html_path = executed.with_suffix(".html")
    writing.write_text(html_path, body)
    report.wrote(executed, html_path)


def run_notebook(
    path: Path, seeds: Path, out: Path, report: Report, budget: float | None = None
) -> None:
    """Execute one notebook with papermill (``seeds`` and ``out`` as its parameters) in a child
    process of its own and write the executed ``.ipynb`` and its ``.html`` to
    ``<out>/notebooks/`` (:func:`execute_notebooks` with one notebook)."""
    execute_notebooks([path], seeds, out, report, budget=budget, workers=1)


def execute_notebooks(
    paths,
    seeds: Path,
    out: Path,
    report: Report,
    budget: float | None = None,
    workers: int = 1,
    step=lambda name: None,
    say=None,
    env_extra: dict | None = None,
) -> None:
    """Execute the notebooks ``paths``, ``workers`` at a time, each with papermill (``seeds``
    and ``out`` as its parameters) in a child process of its own, and write each executed
    ``.ipynb`` and its ``.html`` to ``<out>/notebooks/``.

    Each child gets ``budget`` seconds in all (default :data:`NOTEBOOK_TIMEOUT`), counted from
    its own start; past them it is stopped with its kernel, a ``notebook-overran`` warning
    names the notebook and the cell that was running, and what ran before is still written.
    The notebooks run headless (``COVERAGE_HEADLESS=1``): no interactive widget, so nbclient's
    stand-in for the Output widget never writes to the kernel's shell socket while it waits
    for a reply (the lost wake-up of jupyter/nbclient#312). What a child and its kernel print
    goes to ``say`` (default: standard error) when it ends, less :data:`KERNEL_NOISE`;
    ``env_extra`` is added to their environment. Warnings are recorded in the order of
    ``paths``, whatever order the notebooks end in."""
    budget = float(NOTEBOOK_TIMEOUT if budget is None else budget)
    waiting = list(paths)
    parts = {p: Report(out=report.out) for p in waiting}
    running: list[_NotebookRun] = []
    try:
        while waiting or running:
            while waiting and len(running) < max(1, workers):
                running.append(_start_notebook(waiting.pop(0), seeds, out, budget, env_extra))
            ended = None
            for run in running:
                if run.proc.poll() is not None:
                    ended = (run, False)
                elif time.monotonic() - run.started > run.budget:
                    _stop_process_tree(run.proc)
                    ended = (run, True)
                if ended:
                    break
            if ended is None:
                time.sleep(0.05)
                continue
            run, overran = ended
            running.remove(run)
            step(f"notebook {run.path.name}")
            _finish_notebook(run, parts[run.path], overran, say)
    finally:
        for run in running:  # interrupted (Ctrl-C): stop what is still running
            _stop_process_tree(run.proc)
            run.tmp.cleanup()
    for part in parts.values():
        report.warnings.extend(part.warnings)
        report.wrote(*part.written)
        report.failures += part.failures
        report.notebook_seconds.update(part.notebook_seconds)


def write_warnings(a, report: Report) -> Path:
    """``warnings.csv``: loading's warnings, then the report's own."""
    loading = a.warnings.copy() if a is not None else pd.DataFrame(columns=WARNING_COLUMNS)
    own = pd.DataFrame(report.warnings, columns=WARNING_COLUMNS)
    table = pd.concat([loading[list(WARNING_COLUMNS)], own], ignore_index=True)
    table["line"] = pd.array(table["line"], dtype="Int64")
    path = writing.write_csv(table, report.out / WARNINGS_NAME, writing.CSV_FLOAT_FORMAT)
    report.wrote(path)
    return path


def _take_notes(folder: writing.OutputFolder, report: Report) -> None:
    """The output folder's notes (files it kept) as the report's warnings."""
    for rel, code, message in folder.notes:
        report.warn(rel, code, message)
    folder.notes.clear()


def _has_text(a) -> bool:
    """True when some article has a body line to analyse."""
    try:
        return bool((a.lines["role"] == "body").any())
    except Exception:  # noqa: BLE001 - the lines table failing is reported with the tables
        return True


def run(
    seeds=None,
    out=None,
    run_notebooks: bool = True,
    progress: bool = True,
    workers: int = 1,
    scheduler=None,
) -> Report:
    """Run the whole report; return what it did (see the module docstring).

    With ``workers`` > 1 or a Dask ``scheduler`` (an address such as ``tcp://host:8786`` or a
    ``dask.distributed.Client``), the per-article tables are computed in chunks there first
    (:func:`analysis.app.batch.prefetch`); the tables and figures are the same either way."""

    from analysis.pipeline import analyse

    seeds = story_dir(seeds).resolve()
    out_path = output_dir(out).resolve()
    out_path.mkdir(parents=True, exist_ok=True)
    # Refuses a subfolder that is a link out of the output folder before anything is computed.
    folder = writing.OutputFolder(out_path, (TABLES_SUBDIR, FIGURES_SUBDIR, NOTEBOOKS_SUBDIR))
    report = Report(out=out_path)
    a = analyse(seeds)
    with folder:
        _run_steps(a, report, seeds, out_path, run_notebooks, progress, workers, scheduler)
        _take_notes(folder, report)
        folder.make_way(out_path / WARNINGS_NAME)  # a user's own warnings.csv is kept first
        _take_notes(folder, report)
        write_warnings(a, report)
        folder.finish()
    return report


def _run_steps(
    a,
    report: Report,
    seeds: Path,
    out_path: Path,
    run_notebooks: bool,
    progress: bool,
    workers: int,
    scheduler,
) -> None:
    from tqdm import tqdm

    if workers > 1 or scheduler is not None:
        from analysis.app.batch import prefetch

        prefetch(a, workers=workers, scheduler=scheduler, progress=progress)
    # The tables are computed and written in a child process while this one loads the chart
    # modules, matplotlib and the font subsets (both cores busy); the child says first whether
    # there is any text (the lines, computed there, not here), then hands its tables back. Not
    # with a pool or a scheduler computing them already, nor with one core.
    in_child = None
    if workers <= 1 and scheduler is None and figure_workers() > 1:
        in_child = _tables_in_child(a, report)
    if in_child is not None:
        loaded = Report(out=report.out)  # its records count only if there is text to draw
        charts = collect_charts(loaded)
        if charts:
            from analysis.charts import figures

            figures.prepare_saving()
        text = in_child.has_text()
        nothing = not (_has_text(a) if text is None else text)
    else:
        nothing = not _has_text(a)
    if nothing:
        report.warn(
            seeds.name,
            "nothing-to-analyse",
            f"{seeds}: no article has any text to analyse (no articles, or only empty, "
            "binary or furniture-only files); the tables are written, empty, and the "
            "figures, dashboard and notebooks are skipped",
        )
    if nothing:
        charts = []
    elif in_child is None:
        charts = collect_charts(report)
    else:
        report.warnings.extend(loaded.warnings)
        report.failures += loaded.failures
    books = notebooks() if run_notebooks and not nothing else []
    total = len(written_tables()) + len(charts) + 1 + len(books)
    with tqdm(
        total=total,
        desc="report",
        unit="step",
        file=sys.stderr,
        disable=not progress,
        dynamic_ncols=True,
    ) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name, refresh=False)
            bar.update(1)

        finish = in_child(step) if in_child is not None else None
        if finish is None:
            write_tables(a, report, step)
        try:
            write_figures(a, report, charts, step, dashboard=not nothing, workers=figure_workers())
        finally:
            if finish is not None:
                finish()  # the child's tables are written by now, or written here
        if books:
            with tempfile.TemporaryDirectory(prefix="coverage-report-") as tmp:
                execute_notebooks(
                    books,
                    seeds,
                    out_path,
                    report,
                    budget=notebook_budget(a),
                    workers=notebook_workers(),
                    step=step,
                    say=lambda text: tqdm.write(text, file=sys.stderr),
                    env_extra=_shared_work(a, report, Path(tmp)),
                )


def _tables_in_child(a, report: Report):
    """Start computing and writing the tables of ``a`` (:func:`write_tables`) in a forked child
    process. Returns a function ``join(step)`` (with ``join.has_text()``: whether some article
    has text, :func:`_has_text` computed in the child, None if it could not say) that waits for
    the tables, puts them into ``a``, calls ``step`` once per table, and returns a function
    ``finish()`` that waits for the child's files and puts its records into ``report`` where
    they would have been had the tables been written first. The child hands the tables back as soon as they are computed,
    then writes them (while the figures are drawn). ``join`` returns None when the child could
    not hand its work back (the caller then writes the tables itself: the same files), and
    ``finish`` writes them itself when the child could not write them. None when this system
    cannot fork."""
    if not hasattr(os, "fork") or "fork" not in multiprocessing.get_all_start_methods():
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, hand back, write, and leave without cleaning up
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                _send(out, _has_text(a))
                for spec in written_tables():
                    try:
                        getattr(a, spec.name)
                    except Exception:  # noqa: BLE001 - write_tables computes it again and records it
                        continue
                _send(out, a)
                part = Report(out=report.out)
                folder = writing.active_folder()
                seen = len(folder.notes) if folder is not None else 0
                write_tables(a, part)
                notes = folder.notes[seen:] if folder is not None else []  # files moved aside
                _send(out, (part.warnings, part.written, part.failures, notes))
            status = 0
        except BaseException:  # noqa: BLE001 - the parent writes the tables itself
            _print_traceback()
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(write)
    pipe = os.fdopen(read, "rb")

    def finish_with(at: int, written_at: int):
        def finish() -> None:
            try:
                records = _receive(pipe)
            finally:
                pipe.close()
                _, status = os.waitpid(pid, 0)
            part = Report(out=report.out)
            if records is None or status != 0:
                write_tables(a, part)  # the child could not: the same files
            else:
                part.warnings, part.written, part.failures, notes = records
                folder = writing.active_folder()
                if folder is not None:
                    folder.notes.extend(notes)
            report.warnings[at:at] = part.warnings
            report.written[written_at:written_at] = part.written
            report.failures += part.failures

        return finish

    said: list = []

    def has_text():
        # The child's first word: whether some article has a body line (None: it said nothing).
        if not said:
            said.append(_receive(pipe))
        return said[0]

    def join(step):
        has_text()
        done = _receive(pipe)
        if done is None:
            pipe.close()
            os.waitpid(pid, 0)
            return None
        a.__dict__.update(vars(done))
        for spec in written_tables():
            step(f"table {spec.name}")
        return finish_with(len(report.warnings), len(report.written))

    join.has_text = has_text  # type: ignore[attr-defined]
    return join


def _send(pipe, value) -> None:
    """Write ``value`` to ``pipe``, pickled, after its length (8 bytes)."""
    import pickle

    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(len(data).to_bytes(8, "little"))
    pipe.write(data)
    pipe.flush()


def _receive(pipe):
    """What :func:`_send` wrote to ``pipe``, or None when it is cut short or unreadable."""
    import pickle

    head = pipe.read(8)
    if len(head) != 8:
        return None
    size = int.from_bytes(head, "little")
    data = pipe.read(size)
    if len(data) != size:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - cut short
        return None


def _shared_work(a, report: Report, tmp: Path) -> dict[str, str]:
    """What the notebooks' kernels need not do again, as their environment: load the tables
    computed here (:func:`analysis.pipeline.share_tables`, checked against the story and the
    package) and leave the figures saved here as they are (:func:`figures.save_once`)."""
    from analysis.charts import figures
    from analysis.pipeline import SHARED_TABLES_ENV, share_tables

    env = {}
    try:
        env[SHARED_TABLES_ENV] = str(share_tables(a, tmp / "tables.pickle"))
    except Exception:  # noqa: BLE001 - the kernels then compute the tables themselves
        _print_traceback()
    saved = sorted(str(p.resolve()) for p in report.written if p.suffix == ".png")
    listing = tmp / "figures.txt"
    listing.write_text("".join(f"{p}\n" for p in saved), encoding="utf-8")
    env[figures.REPORT_FIGURES_ENV] = str(listing)
    return env


# --------------------------------------------------------------------------- command line


def _run_cli(args) -> int:
    report = run(
        args.seeds,
        args.out,
        run_notebooks=not args.skip_notebooks,
        progress=not args.no_progress,
        workers=args.workers,
        scheduler=args.scheduler,
    )
    n_fig = sum(1 for p in report.written if p.suffix == ".png")
    n_tab = sum(1 for p in report.written if p.parent.name == TABLES_SUBDIR)
    n_nb = sum(1 for p in report.written if p.suffix == ".html")
    print(
        f"report: {n_tab} tables, {n_fig} figures (with the dashboard), {n_nb} notebooks "
        f"-> {writing.for_terminal(report.out)}",
        file=sys.stderr,
    )
    for w in report.warnings:
        print(f"warning: {writing.for_terminal(w['message'])}", file=sys.stderr)
    if report.failures:
        print(
            f"error: {report.failures} step(s) failed; see "
            f"{writing.for_terminal(report.out / WARNINGS_NAME)}",
            file=sys.stderr,
        )
        return 1
    return 0


def add_parser(subparsers) -> None:
    """Add ``report`` to the command line's sub-commands."""
    p = subparsers.add_parser(
        "report",
        help="write every table, figure, the dashboard and the notebooks as HTML",
        description="The main job: every table (CSV), every figure (PNG, SVG, PDF + CSV), the "
        "summary dashboard and the executed notebooks (HTML) for one story folder.",
    )
    p.add_argument(
        "--seeds",
        default=None,
        metavar="DIR",
        help="the story folder (default: the project's seeds/)",
    )
    p.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="the output folder (default: $COVERAGE_OUT or out/)",
    )
    p.add_argument(
        "--skip-notebooks",
        action="store_true",
        help="do not execute the notebooks (tables, figures and dashboard only)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="compute the per-article tables on N processes (default 1)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDR",
        help="a Dask scheduler address (tcp://host:8786): compute the per-article tables on Dask",
    )
    p.set_defaults(run=_run_cli)

"""Drive JupyterLab in headless Chromium, the way a reader of the workbook meets it.

``jupyter_lab`` starts a server from this Python environment (random token, free loopback port,
its own throwaway config, settings and workspaces) and always stops it again. ``open_notebook``,
``restart_and_run_all`` and ``read_notebook`` then work through the page: the menu, the dialog,
the prompts and the rendered outputs. The JupyterLab application object is exposed in the page
(``expose_app_in_browser``) only to *read* state that the page does not show in the DOM (cell
tags, output types, the kernel's status); every action goes through the user interface.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]

#: How long one notebook may take from "Restart Kernel and Run All Cells" to an idle kernel.
RUN_TIMEOUT_S = float(os.environ.get("COVERAGE_BROWSER_RUN_TIMEOUT", "240"))
#: How long JupyterLab may take to answer, and to open a notebook with a ready kernel.
START_TIMEOUT_S = 90.0

#: Text in an output that means the reader sees an error even when the kernel raised nothing
#: (a widget whose model never arrived, a renderer that failed).
ERROR_TEXT = re.compile(
    r"Traceback \(most recent call last\)|Error displaying widget|^\w*Error\b", re.M
)


def under_ci() -> bool:
    """True when running in CI (``CI`` set to anything but empty/``false``/``0``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_chromium() -> None:
    """Skip (developer machine) or fail (CI) when Chromium or Playwright is missing."""
    problem = None
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problem = f"{CHROMIUM} is not installed (Debian: apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as error:  # pragma: no cover - playwright is pinned in requirements
            problem = f"the playwright package is missing ({error})"
    if problem is None:
        return
    if under_ci():
        pytest.fail(f"browser test cannot run under CI: {problem}", pytrace=False)
    pytest.skip(f"browser test skipped: {problem}")


# --------------------------------------------------------------------------------------------
# The server


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_open(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Lab:
    """A running JupyterLab: where it answers and how to reach it."""

    process: subprocess.Popen
    port: int
    token: str
    root_dir: Path
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, relative_path: str, workspace: str) -> str:
        """The page that opens ``relative_path`` (under root_dir) in its own fresh workspace."""
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{relative_path}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(
            f"{self.base_url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self) -> None:
        """Shut down every kernel the pages started (one notebook at a time keeps memory low)."""
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _lab_config(root_dir: Path, state_dir: Path) -> dict:
    return {
        "ServerApp": {
            "root_dir": str(root_dir),
            "open_browser": False,
            "ip": "127.0.0.1",
            "port_retries": 0,
            "terminals_enabled": False,
            "allow_root": True,  # CI containers run as root; the server only listens on loopback
        },
        "LabApp": {
            "expose_app_in_browser": True,
            "news_url": None,
            "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "user_settings_dir": str(state_dir / "lab-settings"),
            "workspaces_dir": str(state_dir / "lab-workspaces"),
        },
    }


#: User settings for the throwaway server: no "Would you like to get Jupyter news?" toast over
#: the screenshots, no update check (the machine has no network beyond loopback anyway).
_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


@contextmanager
def jupyter_lab(
    root_dir: Path, state_dir: Path, env: dict[str, str] | None = None
) -> Iterator[Lab]:
    """Run ``python -m jupyter lab`` on ``root_dir`` until the block ends, whatever happens.

    ``state_dir`` receives the server's config, runtime files, settings, workspaces and log, so
    nothing of the developer's own Jupyter set-up leaks in and nothing is left behind. The
    server runs in its own process group; on exit it gets SIGTERM (it then shuts its kernels
    down), SIGKILL after 15 s, and any kernel still alive afterwards is killed.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    config_dir = state_dir / "config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "jupyter_server_config.json").write_text(
        json.dumps(_lab_config(root_dir, state_dir))
    )
    for name, values in _LAB_SETTINGS.items():
        settings = state_dir / "lab-settings" / f"{name}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(24)
    server_env = {**os.environ, **(env or {})}
    server_env.update(
        JUPYTER_CONFIG_DIR=str(config_dir),
        JUPYTER_RUNTIME_DIR=str(state_dir / "runtime"),
        JUPYTER_DATA_DIR=str(state_dir / "data"),
        JUPYTER_PLATFORM_DIRS="1",
        IPYTHONDIR=str(state_dir / "ipython"),
    )
    # A reader's kernel draws inline; a CI-wide MPLBACKEND=Agg would silently hide every figure.
    server_env.pop("MPLBACKEND", None)
    log_path = state_dir / "jupyterlab.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "jupyter", "lab", "--no-browser",
                f"--port={port}", f"--IdentityProvider.token={token}",
            ],
            cwd=root_dir, env=server_env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    lab = Lab(process, port, token, root_dir, log_path)
    try:
        _wait_until_answering(lab)
        yield lab
    finally:
        strays = stop_jupyter_lab(lab)
        assert not strays, f"processes left running after JupyterLab stopped (killed): {strays}"
        assert not port_is_open(port), f"port {port} still answers after JupyterLab stopped"


def _wait_until_answering(lab: Lab) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with status {lab.process.returncode}:\n{lab.log_tail()}"
            )
        try:
            lab.api("/api/status")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(
        f"JupyterLab did not answer on port {lab.port} within {START_TIMEOUT_S:.0f} s:\n{lab.log_tail()}"
    )


def stop_jupyter_lab(lab: Lab) -> list[str]:
    """Stop the server and its kernels; return a description of anything that had to be killed."""
    import psutil

    try:
        descendants = psutil.Process(lab.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    if lab.process.poll() is None:
        _signal_group(lab.process.pid, signal.SIGTERM)
        try:
            lab.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _signal_group(lab.process.pid, signal.SIGKILL)
            lab.process.wait(timeout=5)
    _signal_group(lab.process.pid, signal.SIGKILL)  # anything else left in the server's group
    gone, alive = psutil.wait_procs(descendants, timeout=10)
    strays = []
    for process in alive:
        try:
            strays.append(f"pid {process.pid} {' '.join(process.cmdline())[:120]}")
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=5)
    deadline = time.monotonic() + 5
    while port_is_open(lab.port) and time.monotonic() < deadline:
        time.sleep(0.2)
    return strays


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


# --------------------------------------------------------------------------------------------
# The browser


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright; closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# JavaScript run in the page. `panel()` is the notebook in the main area.
_PANEL = "(() => window.jupyterapp.shell.currentWidget)()"

_KERNEL_READY = f"""() => {{
  if (!window.jupyterapp) return false;
  const p = {_PANEL};
  if (!p || !p.sessionContext || !p.content) return false;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  return p.sessionContext.isReady && !!k && k.status === 'idle';
}}"""

_WATCH_STATUS = f"""() => {{
  const p = {_PANEL};
  window.__kernelStatuses = [];
  p.sessionContext.statusChanged.connect((_, s) => window.__kernelStatuses.push(s));
}}"""

# Finished: the kernel went through a restart, is idle now, no cell shows [*], and either every
# non-empty code cell has an execution count or some cell holds an error (Run All stops there).
_RUN_FINISHED = f"""() => {{
  const p = {_PANEL};
  const seen = window.__kernelStatuses || [];
  if (!seen.some(s => s === 'restarting' || s === 'starting')) return false;
  const k = p.sessionContext.session && p.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const code = p.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  const prompt = c => (c.node.querySelector('.jp-InputPrompt') || {{}}).textContent || '';
  if (code.some(c => prompt(c).includes('*'))) return false;
  const numbered = code.every(c => c.model.executionCount !== null);
  const failed = code.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return numbered || failed;
}}"""

_READ_CELLS = f"""() => {{
  const p = {_PANEL};
  return p.content.widgets.map((c, index) => {{
    const m = c.model;
    const outputs = m.type === 'code' ? m.outputs.toJSON() : [];
    const area = c.node.querySelector('.jp-OutputArea');
    const shown = area ? Array.from(area.querySelectorAll('.jp-OutputArea-output')) : [];
    return {{
      index,
      kind: m.type,
      tags: m.getMetadata('tags') || [],
      source: m.sharedModel.getSource(),
      prompt: ((c.node.querySelector('.jp-InputPrompt') || {{}}).textContent || '').trim(),
      execution_count: m.type === 'code' ? m.executionCount : null,
      output_types: outputs.map(o => o.output_type),
      kernel_errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
      stderr: shown.filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr').map(o => o.innerText),
      shown_text: shown.map(o => o.innerText).join('\\n'),
      images: area ? Array.from(area.querySelectorAll('img')).filter(i => i.getAttribute('src')).length : 0,
    }};
  }});
}}"""

_IMAGE_SOURCES = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea img'))
  .map(i => i.getAttribute('src') || '')"""


@dataclass
class Cell:
    """One cell as the reader sees it after Run All."""

    index: int
    kind: str
    tags: list[str]
    source: str
    prompt: str
    execution_count: int | None
    output_types: list[str]
    kernel_errors: list[str]
    stderr: list[str]
    shown_text: str
    images: int

    def errors(self) -> list[str]:
        """What in this cell reads as an error: kernel errors, tracebacks, widget failures."""
        found = list(self.kernel_errors)
        if found:  # the kernel's error is also rendered on stderr: report it once
            return found
        for text in self.stderr:
            if ERROR_TEXT.search(text):
                found.append(text.strip().splitlines()[-1][:300] if text.strip() else "stderr")
        if not found and re.search(r"Error displaying widget", self.shown_text):
            found.append("Error displaying widget")
        return found


@dataclass
class Notebook:
    """Every cell of a notebook after Run All, plus what the page itself complained about."""

    name: str
    cells: list[Cell]
    page_errors: list[str] = field(default_factory=list)
    figure_indices: set[int] = field(default_factory=set)

    @property
    def code_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.kind == "code" and c.source.strip()]

    def errors(self) -> list[str]:
        """One line per cell that shows an error: ``cell N: ...``."""
        return [f"cell {c.index}: {e}" for c in self.cells for e in c.errors()]

    def stderr_notes(self) -> list[str]:
        """Text on stderr that is not an error (warnings, progress bars): ``cell N: first line``."""
        return [
            f"cell {c.index}: {text.strip().splitlines()[0][:160]}"
            for c in self.cells
            if not c.errors()
            for text in c.stderr
            if text.strip()
        ]

    def unexecuted(self) -> list[str]:
        """Non-empty code cells without an execution count (Run All stopped before them)."""
        return [
            f"cell {c.index} ({c.prompt or 'no prompt'})"
            for c in self.code_cells
            if c.execution_count is None
        ]

    def figure_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.index in self.figure_indices]

    def figures_without_image(self) -> list[str]:
        return [
            f"cell {c.index}: {c.source.strip().splitlines()[-1][:80]!r}"
            for c in self.figure_cells()
            if c.images == 0
        ]


def open_notebook(page, lab: Lab, relative_path: str) -> None:
    """Open a notebook in its own workspace and wait until its kernel is idle.

    A notebook without kernel metadata asks which kernel to start; the reader's answer is the
    default (Python 3), so the dialog is accepted.
    """
    workspace = re.sub(r"[^A-Za-z0-9]+", "-", relative_path).strip("-")
    page.goto(lab.notebook_url(relative_path, workspace), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=START_TIMEOUT_S * 1000)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not page.evaluate(f"({_KERNEL_READY})()"):
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.first.inner_text():
            dialog.first.locator(".jp-mod-accept").click()
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"{relative_path}: no idle kernel {START_TIMEOUT_S:.0f} s after opening it"
            )
        time.sleep(0.25)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # the notebook, full width


def restart_and_run_all(page, timeout_s: float = RUN_TIMEOUT_S) -> None:
    """Kernel > Restart Kernel and Run All Cells..., confirm, and wait for the run to finish."""
    page.evaluate(_WATCH_STATUS)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Kernel$")).click()
    page.locator(".lm-Menu-item", has_text="Restart Kernel and Run All Cells").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    try:
        page.wait_for_function(_RUN_FINISHED, timeout=timeout_s * 1000, polling=500)
    except Exception as error:  # playwright's TimeoutError: say where the run was
        prompts = page.evaluate(
            f"""() => {_PANEL}.content.widgets.filter(c => c.model.type === 'code')
                .map(c => ((c.node.querySelector('.jp-InputPrompt') || {{}}).textContent || '').trim())"""
        )
        raise AssertionError(
            f"Restart Kernel and Run All Cells had not finished after {timeout_s:.0f} s "
            f"(code cell prompts: {' '.join(prompts)}); raise COVERAGE_BROWSER_RUN_TIMEOUT if it is just slow"
        ) from error
    wait_for_outputs_to_settle(page)


def wait_for_outputs_to_settle(page, quiet_s: float = 1.0, timeout_s: float = 30.0) -> None:
    """Wait until the rendered outputs (widgets draw after the kernel is idle) stop changing."""
    snapshot = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea'))
      .map(a => a.innerHTML.length).join(',')"""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.evaluate(snapshot) + "|" + ",".join(map(str, page.evaluate(_IMAGES_COMPLETE)))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.25)


_IMAGES_COMPLETE = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea img'))
  .map(i => i.complete ? 1 : 0)"""


#: A code cell that calls this shows a figure (the workbook's notebooks display every chart with
#: ``figures.publish(...)``, the dashboard with ``dashboard.publish(...)``).
FIGURE_CALL = re.compile(r"\b\w+\.publish\(")


def read_notebook(page, name: str, page_errors: list[str] | None = None) -> Notebook:
    """Read every cell: tags, prompts, outputs, what is rendered, and which cells are figures.

    A figure cell is a cell tagged ``figure``, a code cell calling ``<module>.publish(``, or a
    cell whose kernel output carries an image: each must show an ``img`` in its output area.
    """
    cells = [Cell(**raw) for raw in page.evaluate(_READ_CELLS)]
    image_outputs = set(
        page.evaluate(
            f"""() => {_PANEL}.content.widgets.map((c, i) => [i, c.model.type === 'code'
                && c.model.outputs.toJSON().some(o => o.data && Object.keys(o.data).some(k => k.startsWith('image/')))])
                .filter(x => x[1]).map(x => x[0])"""
        )
    )
    figures = {
        c.index
        for c in cells
        if "figure" in c.tags or c.kind == "code" and FIGURE_CALL.search(c.source)
    } | image_outputs
    return Notebook(name, cells, list(page_errors or []), figures)


def image_sources(page) -> list[str]:
    """The ``src`` of every image in the notebook's outputs, in page order."""
    return page.evaluate(_IMAGE_SOURCES)


_NOTEBOOK_HEIGHT = """() => {
  const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
  outer.scrollTop = 0;
  const cells = outer.querySelectorAll('.jp-Cell');
  const last = cells[cells.length - 1];
  return Math.ceil(last.getBoundingClientRect().bottom + 40);
}"""


def screenshot_notebook(page, path: Path, width: int = 1280, max_height: int = 30000) -> None:
    """Save the whole notebook, top to bottom, as one PNG.

    The notebook scrolls inside the page, so the page is made as tall as the notebook's cells
    (remeasured until stable: cells out of view only have an estimated height until drawn).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    height = 0
    for _ in range(5):
        wanted = max(720, min(int(page.evaluate(_NOTEBOOK_HEIGHT)), max_height))
        if wanted == height:
            break
        height = wanted
        page.set_viewport_size({"width": width, "height": height})
        wait_for_outputs_to_settle(page, quiet_s=0.5, timeout_s=10)
    page.evaluate(_NOTEBOOK_HEIGHT)  # back to the top after the last resize
    page.screenshot(path=str(path))


# --------------------------------------------------------------------------------------------
# Widgets

#: Choice widgets whose description names one of these are the ones a reader uses to switch
#: the figure between outlets or metrics.
WIDGET_LABEL = re.compile(r"outlet|metric|measure", re.I)
_CHOICE_WIDGETS = (
    ".jp-NotebookPanel .jp-OutputArea "
    ":is(.widget-dropdown, .widget-select, .widget-select-multiple, .widget-toggle-buttons, .widget-radio)"
)


def choice_widgets(page, label: re.Pattern = WIDGET_LABEL) -> list:
    """The choice widgets (dropdowns, selection lists, toggle and radio buttons) in the outputs
    whose description matches ``label``."""
    found = []
    for box in page.locator(_CHOICE_WIDGETS).all():
        text = (
            box.locator(".widget-label").first.text_content()
            if box.locator(".widget-label").count()
            else ""
        )
        if label.search(text or ""):
            found.append(box)
    return found


def widget_label(box) -> str:
    labels = box.locator(".widget-label")
    return (labels.first.text_content() or "").strip() if labels.count() else ""


def choose_another_option(box) -> str:
    """Pick an option other than the current one, as a reader would; return its label."""
    kind = box.get_attribute("class") or ""
    if "widget-select-multiple" in kind:  # drop the last chosen option, or choose another one
        select = box.locator("select")
        options = select.locator("option")
        chosen = [i for i in range(options.count()) if options.nth(i).evaluate("o => o.selected")]
        keep = (
            chosen[:-1]
            if len(chosen) > 1
            else [next(i for i in range(options.count()) if i not in chosen)]
        )
        select.select_option(index=keep)
        return ", ".join((options.nth(i).text_content() or "").strip() for i in keep)
    if "widget-dropdown" in kind or "widget-select" in kind.split():
        select = box.locator("select")
        current = select.input_value()
        for option in select.locator("option").all():
            value = option.get_attribute("value")
            if value != current:
                select.select_option(value=value)
                return (option.text_content() or value).strip()
    elif "widget-toggle-buttons" in kind:
        button = box.locator(".widget-toggle-button:not(.mod-active)").first
        text = (button.text_content() or "").strip()
        button.click()
        return text
    elif "widget-radio" in kind:
        option = box.locator("label:has(input[type=radio]:not(:checked))").first
        text = (option.text_content() or "").strip()
        option.locator("input").check()
        return text
    raise AssertionError(f"widget {widget_label(box)!r} offers no other option to choose")


def wait_for_new_images(page, before: list[str], timeout_s: float = 60.0) -> list[str]:
    """Wait until the notebook's images differ from ``before`` and the outputs settle; return them."""
    page.wait_for_function(
        f"""(before) => {{
          const now = ({_IMAGE_SOURCES})();
          return now.length >= before.length && JSON.stringify(now) !== JSON.stringify(before);
        }}""",
        arg=before,
        timeout=timeout_s * 1000,
        polling=250,
    )
    page.wait_for_function(_KERNEL_READY, timeout=timeout_s * 1000, polling=250)
    wait_for_outputs_to_settle(page)
    return image_sources(page)

"""Shared test set-up: a story-folder writer, hypothesis profiles and the generated-case count.

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE``):

- ``ci`` (default): derandomised, so a red run is reproducible; no example database written
  into the tree; no deadline (CI machines are slow and shared).
- ``dev``: random examples and the local example database, to explore new cases.
- ``quick``: as ``ci`` with a tenth of the examples (``./workbook check``, the developer loop).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_COMMON)
settings.register_profile("dev", **_COMMON)
settings.register_profile("quick", derandomize=True, database=None, print_blob=True,
                          max_examples=10, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The tests name their story folders; a story chosen for the notebooks (./workbook lab --seeds)
# must not leak into them.
os.environ.pop("COVERAGE_SEEDS", None)


class CaseCounter:
    """Counts the examples hypothesis tests run; call :meth:`tick` in the test body."""

    def __init__(self) -> None:
        self.count = 0

    def tick(self) -> None:
        self.count += 1


_CASES = CaseCounter()


@pytest.fixture(scope="session")
def generated_cases() -> CaseCounter:
    """The session's generated-case counter (session-scoped, so usable inside ``@given``)."""
    return _CASES


def pytest_sessionfinish(session):
    # Under pytest-xdist each worker counts its own cases and hands the count to the controller.
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["hypothesis_cases"] = _CASES.count


@pytest.hookimpl(optionalhook=True)  # an xdist hook: fine when xdist is not loaded
def pytest_testnodedown(node, error):
    _CASES.count += getattr(node, "workeroutput", {}).get("hypothesis_cases", 0)


def pytest_terminal_summary(terminalreporter):
    if _CASES.count:
        terminalreporter.write_line(f"hypothesis: {_CASES.count} generated cases")


def write_story(folder: Path, files: dict[str, bytes | str], manifest: bytes | str | None = None) -> Path:
    """Write a story folder: ``files`` (name -> bytes, or str written as UTF-8) and, unless
    ``manifest`` is None, a ``manifest.csv`` with exactly those bytes or that text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if manifest is not None:
        data = manifest if isinstance(manifest, bytes) else manifest.encode("utf-8")
        (folder / "manifest.csv").write_bytes(data)
    return folder


@pytest.fixture
def story(tmp_path):
    """``story(files, manifest=None)`` writes a story folder under ``tmp_path`` and returns it."""

    def make(files: dict[str, bytes | str], manifest: bytes | str | None = None) -> Path:
        return write_story(tmp_path / "story", files, manifest)

    return make

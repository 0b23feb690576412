"""Same answer every time: the tables do not depend on the order files are listed or were
created in, the manifest's row order, the current directory, the locale or Python's string
hash seed (issue 5, item 5). Two report runs giving byte-identical tables and figures is
tested in tests/test_report.py."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.app import report
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import Analysis
from analysis.story.loading import load_story

SEED_FILES = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))


def table_bytes(a: Analysis) -> dict[str, bytes]:
    """Every table the report writes, as CSV bytes."""
    out = {}
    for spec in report.written_tables():
        table = report.as_table(getattr(a, spec.name))
        if table is not None:
            out[spec.name] = table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out


def differing(a: dict, b: dict) -> list[str]:
    assert sorted(a) == sorted(b)
    return [name for name in a if a[name] != b[name]]


def copy_seeds(folder: Path, order: list[str], manifest_rows_reversed: bool = False) -> Path:
    """The seeds written file by file in ``order`` (with increasing modification times)."""
    folder.mkdir()
    manifest = (SEEDS_DIR / "manifest.csv").read_bytes()
    if manifest_rows_reversed:
        header, *rows = manifest.decode("utf-8").splitlines(keepends=True)
        manifest = (header + "".join(reversed(rows))).encode("utf-8")
    for k, name in enumerate(order):
        shutil.copyfile(SEEDS_DIR / name, folder / name)
        os.utime(folder / name, (1_700_000_000 + k, 1_700_000_000 + k))
    (folder / "manifest.csv").write_bytes(manifest)
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    folder = copy_seeds(tmp_path_factory.mktemp("ref") / "story", SEED_FILES)
    return table_bytes(Analysis(load_story(folder)))


# --------------------------------------------------------------------------------------------
# File order


def test_files_written_in_another_order_give_the_same_tables(tmp_path, reference):
    folder = copy_seeds(tmp_path / "story", list(reversed(SEED_FILES)))
    assert differing(table_bytes(Analysis(load_story(folder))), reference) == []


class _Scan(list):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def list_folders(monkeypatch, reverse: bool) -> list[str]:
    """Make every way of listing a folder return names sorted ascending or descending; returns
    the list of glob patterns asked for."""
    real_glob, real_iterdir, real_listdir, real_scandir = (
        pathlib.Path.glob,
        pathlib.Path.iterdir,
        os.listdir,
        os.scandir,
    )
    calls: list[str] = []

    def glob(self, pattern, *a, **k):
        calls.append(pattern)
        return iter(sorted(real_glob(self, pattern, *a, **k), reverse=reverse))

    monkeypatch.setattr(pathlib.Path, "glob", glob)
    monkeypatch.setattr(
        pathlib.Path, "iterdir", lambda self: iter(sorted(real_iterdir(self), reverse=reverse))
    )
    monkeypatch.setattr(os, "listdir", lambda p=".": sorted(real_listdir(p), reverse=reverse))
    monkeypatch.setattr(
        os,
        "scandir",
        lambda p=".": _Scan(sorted(real_scandir(p), key=lambda e: e.name, reverse=reverse)),
    )
    return calls


def test_a_file_system_that_lists_files_in_reverse_gives_the_same_tables(tmp_path, monkeypatch):
    # No manifest: every article is found by listing the folder.
    folder = copy_seeds(tmp_path / "story", SEED_FILES)
    (folder / "manifest.csv").unlink()
    with monkeypatch.context() as m:
        list_folders(m, reverse=False)
        ascending = table_bytes(Analysis(load_story(folder)))
    with monkeypatch.context() as m:
        calls = list_folders(m, reverse=True)
        descending = table_bytes(Analysis(load_story(folder)))
    assert calls, "the loader did not list the folder through Path.glob"
    assert differing(descending, ascending) == []


def test_manifest_rows_in_another_order_give_the_same_tables(tmp_path, reference):
    folder = copy_seeds(tmp_path / "story", SEED_FILES, manifest_rows_reversed=True)
    assert differing(table_bytes(Analysis(load_story(folder))), reference) == []


# --------------------------------------------------------------------------------------------
# Current directory, locale and hash seed: fresh processes

TABLE_HASHES = """
import hashlib, sys
from analysis.app import report
from analysis.pipeline import Analysis, analyse
a = analyse(sys.argv[1])
for spec in report.written_tables():
    table = report.as_table(getattr(a, spec.name))
    if table is not None:
        data = table.to_csv(index=False, lineterminator="\\n").encode("utf-8")
        print(spec.name, hashlib.sha256(data).hexdigest())
"""


def run_python(args, *, cwd=PROJECT_ROOT, locale="C.UTF-8", hash_seed="0") -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(LC_ALL=locale, LANG=locale, PYTHONHASHSEED=hash_seed)
    run = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, timeout=600
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    return run.stdout


_HASHES: dict[tuple, dict[str, str]] = {}


def all_table_hashes(locale: str = "C.UTF-8", hash_seed: str = "0") -> dict[str, str]:
    """Every table's CSV hash on the seeds, computed in a fresh process (cached per setting)."""
    key = (locale, hash_seed)
    if key not in _HASHES:
        out = run_python(["-c", TABLE_HASHES, str(SEEDS_DIR)], locale=locale, hash_seed=hash_seed)
        _HASHES[key] = dict(line.split() for line in out.decode().splitlines())
    return _HASHES[key]


@pytest.mark.parametrize("command", ["lines", "sentences"])
def test_the_current_directory_does_not_change_the_output(tmp_path, command):
    here = run_python(["-m", "analysis", command, "--seeds", str(SEEDS_DIR), "--format", "csv"])
    there = run_python(
        [
            "-m",
            "analysis",
            command,
            "--seeds",
            os.path.relpath(SEEDS_DIR, tmp_path),
            "--format",
            "csv",
        ],
        cwd=tmp_path,
    )
    assert len(here) > 1000
    assert here == there


@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_every_table_is_the_same_in_the_c_locale_as_in_c_utf8(locale):
    utf8, other = all_table_hashes("C.UTF-8"), all_table_hashes(locale)
    assert len(utf8) >= 7  # the foundation's tables at least
    assert differing(other, utf8) == []


@pytest.mark.parametrize("command", ["lines", "sentences", "metrics"])
def test_cli_csv_is_byte_identical_in_the_c_and_c_utf8_locales(command):
    args = ["-m", "analysis", command, "--seeds", str(SEEDS_DIR), "--format", "csv"]
    assert run_python(args, locale="C") == run_python(args, locale="C.UTF-8")


def test_every_table_is_the_same_whatever_the_string_hash_seed():
    # Set iteration order depends on PYTHONHASHSEED: a table built by iterating a set of
    # strings changes from run to run.
    assert differing(all_table_hashes(hash_seed="1"), all_table_hashes(hash_seed="0")) == []
    assert differing(all_table_hashes(hash_seed="4242"), all_table_hashes(hash_seed="0")) == []


def test_the_report_test_checks_two_runs_are_byte_identical():
    text = (Path(__file__).parent / "test_report.py").read_text(encoding="utf-8")
    assert "def test_two_runs_write_byte_identical_tables_and_figures" in text

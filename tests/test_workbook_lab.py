"""`./workbook lab --seeds DIR` and `./workbook new/add/add-links`: checked with a stand-in
Python that prints what it was asked to run (nothing is installed or started)."""

import hashlib
import os
import subprocess

import pytest

from analysis.paths import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "workbook"


@pytest.fixture
def fake_venv(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text('#!/bin/sh\necho "COVERAGE_SEEDS=${COVERAGE_SEEDS:-}"\necho "ARGS=$*"\n')
    python.chmod(0o755)
    want = hashlib.sha256((PROJECT_ROOT / "requirements.txt").read_bytes()
                          + (PROJECT_ROOT / "pyproject.toml").read_bytes()).hexdigest()
    (venv / ".requirements.sha256").write_text(want + "\n")
    return venv


def run(venv, *args, env=None):
    environment = {k: v for k, v in os.environ.items() if k != "COVERAGE_SEEDS"}
    environment.update(COVERAGE_VENV=str(venv), **(env or {}))
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, env=environment,
                          timeout=60)


def test_lab_with_seeds_sets_the_story_for_every_notebook(fake_venv, tmp_path):
    story = tmp_path / "my story"
    story.mkdir()
    out = run(fake_venv, "lab", "--seeds", str(story), "--port", "8899")
    assert out.returncode == 0, out.stderr
    assert f"COVERAGE_SEEDS={story}" in out.stdout
    assert "ARGS=-m jupyter lab --notebook-dir=" in out.stdout and out.stdout.rstrip().endswith("--port 8899")
    assert "open on the story" in out.stderr


def test_lab_without_seeds_leaves_the_story_unset(fake_venv):
    out = run(fake_venv, "lab")
    assert out.returncode == 0 and "COVERAGE_SEEDS=\n" in out.stdout


def test_lab_with_a_missing_folder_stops(fake_venv, tmp_path):
    out = run(fake_venv, "lab", "--seeds", str(tmp_path / "nope"))
    assert out.returncode != 0 and "ARGS=" not in out.stdout


@pytest.mark.parametrize("command", ["new", "add", "add-links"])
def test_story_commands_go_to_the_package(fake_venv, command):
    out = run(fake_venv, command, "x")
    assert out.returncode == 0 and f"ARGS=-m analysis {command} x" in out.stdout

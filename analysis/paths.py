"""Every path the workbook uses, anchored on the project root.

The output folder can be moved with the ``COVERAGE_OUT`` environment variable or the
``--out`` flag of the command line; the story folder with the ``COVERAGE_SEEDS`` environment
variable (set by ``./workbook lab --seeds DIR``, so every notebook opens on that story) or
``--seeds``.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"


def _not_empty(value, flag: str) -> None:
    # Path("") is the current folder: an empty --seeds or --out (a shell variable that was not
    # set) must not quietly mean "here".
    if isinstance(value, (str, bytes)) and not value:
        raise ValueError(f"{flag} '': the folder name is empty; give a folder "
                         f"(write {flag} . for the current folder)")


def output_dir(out: str | os.PathLike | None = None) -> Path:
    """The folder reports are written to: ``out`` if given, else ``$COVERAGE_OUT``, else ``out/``.
    An empty name is a ``ValueError``, not the current folder."""
    if out is not None:
        _not_empty(out, "--out")
        return Path(out)
    env = os.environ.get("COVERAGE_OUT")
    return Path(env) if env else PROJECT_ROOT / "out"


def story_dir(seeds: str | os.PathLike | None = None) -> Path:
    """The story folder: ``seeds`` if given, else ``$COVERAGE_SEEDS``, else the project's
    ``seeds/``. An empty name is a ``ValueError``, not the current folder."""
    if seeds is not None:
        _not_empty(seeds, "--seeds")
        return Path(seeds)
    env = os.environ.get("COVERAGE_SEEDS")
    return Path(env) if env else SEEDS_DIR

"""The command line: ``python -m analysis COMMAND --seeds DIR [--format csv|table]``.

Each table command prints one tidy table: ``csv`` for programs (UTF-8, ``\\n`` line ends) and
``table`` for a person. Recorded warnings go to stderr as ``warning: ...`` lines. An error is one
line on stderr (``error: ...``) and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable

import pandas as pd

from analysis.loading import StoryError

#: Table commands: name -> (help, function of an Analysis returning a DataFrame).
TABLES: dict[str, tuple[str, Callable]] = {}


def table_command(name: str, help: str):
    """Register a function ``f(analysis) -> DataFrame`` as ``python -m analysis NAME``."""

    def wrap(func):
        TABLES[name] = (help, func)
        return func

    return wrap


@table_command("lines", "every raw line with its role and the reason for it")
def _lines(a) -> pd.DataFrame:
    return a.lines[["file", "line", "role", "reason", "text"]]


@table_command("sentences", "every body sentence with its paragraph, raw line and span")
def _sentences(a) -> pd.DataFrame:
    return a.sentences


@table_command("warnings", "the warnings recorded while loading the story")
def _warnings(a) -> pd.DataFrame:
    return a.warnings


def _register_optional() -> None:
    # Commands from modules that register themselves on import.
    import importlib

    for module in ("analysis.quotes", "analysis.metrics", "analysis.framing", "analysis.report",
                   "analysis.batch"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
            continue
        register = getattr(mod, "register_cli", None)
        if register is not None:
            register(table_command)


def write_table(frame: pd.DataFrame, fmt: str, out) -> None:
    """Print ``frame`` as CSV or as an aligned text table."""
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 70):
            out.write(frame.to_string(index=False) + "\n")


def build_parser() -> argparse.ArgumentParser:
    _register_optional()
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="The coverage workbook: compare how outlets covered one story.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help, _) in TABLES.items():
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--seeds", default=None, metavar="DIR",
                       help="the story folder (default: the project's seeds/)")
        p.add_argument("--format", choices=("csv", "table"), default="table",
                       help="csv for programs, table for a person (default)")
    extra = getattr(build_parser, "extra", [])
    for add in extra:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in TABLES:
            from analysis.pipeline import analyse

            a = analyse(args.seeds)
            frame = TABLES[args.command][1](a)
            for w in a.warnings.itertuples(index=False):
                print(f"warning: {w.message}", file=sys.stderr)
            write_table(frame, args.format, sys.stdout)
            return 0
        return args.run(args)
    except BrokenPipeError:
        # The reader stopped early (``| head``): not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (StoryError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

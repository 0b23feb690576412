"""The command line: ``python -m analysis COMMAND --seeds DIR [--format csv|table]``.

Each table command prints one tidy table: ``csv`` for programs (UTF-8, ``\\n`` line ends) and
``table`` for a person. Recorded warnings go to stderr as ``warning: ...`` lines. An error is one
line on stderr (``error: ...``) and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.pipeline import TABLES, TableSpec
from analysis.writing import for_terminal, to_csv
from analysis.story.loading import StoryError


def table_commands() -> dict[str, TableSpec]:
    """The table commands: command name -> the table it prints (from :data:`analysis.pipeline.TABLES`)."""
    return {spec.command: spec for spec in TABLES.values() if spec.command}


def write_table(frame: pd.DataFrame, fmt: str, out) -> None:
    """Print ``frame`` as CSV (cells a spreadsheet would run as formulas neutralised, see
    :func:`analysis.writing.neutralise`) or as an aligned text table for a person (control
    characters and terminal escape sequences shown escaped, see
    :func:`analysis.writing.for_terminal`)."""
    if fmt == "csv":
        to_csv(frame, out)
    else:
        shown = frame.copy(deep=False)
        for i in range(shown.shape[1]):
            col = shown.iloc[:, i]
            if pd.api.types.is_object_dtype(col.dtype) or pd.api.types.is_string_dtype(col.dtype):
                shown.isetitem(i, col.map(lambda v: for_terminal(v) if isinstance(v, str) else v))
        shown.columns = [for_terminal(c) if isinstance(c, str) else c for c in shown.columns]
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 70):
            out.write(shown.to_string(index=False) + "\n")


def build_parser() -> argparse.ArgumentParser:
    from analysis.app import batch, docs, report

    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="The coverage workbook: compare how outlets covered one story.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, spec in table_commands().items():
        p = sub.add_parser(name, help=spec.help, description=spec.help)
        p.add_argument("--seeds", default=None, metavar="DIR",
                       help="the story folder (default: the project's seeds/)")
        p.add_argument("--format", choices=("csv", "table"), default="table",
                       help="csv for programs, table for a person (default)")
    report.add_parser(sub)
    batch.add_parser(sub)
    docs.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        commands = table_commands()
        if args.command in commands:
            from analysis.pipeline import analyse

            spec = commands[args.command]
            a = analyse(args.seeds)
            frame = getattr(a, spec.name)
            if spec.cli_columns is not None:
                frame = frame[list(spec.cli_columns)]
            for w in a.warnings.itertuples(index=False):
                print(f"warning: {for_terminal(w.message)}", file=sys.stderr)
            if spec.cli_warnings is not None:
                for w in spec.cli_warnings(a).itertuples(index=False):
                    print(f"warning: {for_terminal(w.message)}", file=sys.stderr)
            write_table(frame, args.format, sys.stdout)
            return 0
        return args.run(args)
    except BrokenPipeError:
        # The reader stopped early (``| head``): not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (StoryError, ValueError, OSError) as err:
        print(f"error: {for_terminal(err)}", file=sys.stderr)
        return 2

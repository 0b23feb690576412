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


#: Widest a text column may be in ``--format table`` before the table is fitted to the width.
TEXT_COLUMN_MAX = 70
#: Text columns other than the last shrink to this width first, so the last (often the text) keeps room.
TEXT_COLUMN_MIN = 24


def terminal_width(default: int = 120) -> int:
    """The terminal's width in characters (``$COLUMNS`` or the terminal's size), else ``default``."""
    import shutil

    return max(40, shutil.get_terminal_size((default, 24)).columns)


def _cell(value) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, float):
        return "" if value != value else f"{value:.6g}"
    return "" if value is None or value is pd.NA else " ".join(str(value).split())


def text_table(frame: pd.DataFrame, width: int | None = None) -> str:
    """``frame`` as an aligned text table for a terminal: text columns left-aligned, numbers
    right-aligned (floats to six significant digits), every line at most ``width`` characters
    (the terminal's by default). Text cells are cut with ``…`` to :data:`TEXT_COLUMN_MAX`; if the
    table is still too wide, the text columns other than the last shrink to
    :data:`TEXT_COLUMN_MIN`, then the last one does; a table that still does not fit (many
    columns) is printed in blocks of columns, each starting with the first column, one block
    under the other. Line breaks and tabs inside a cell show as spaces."""
    width = terminal_width() if width is None else width
    cols = [str(c) for c in frame.columns]
    if not cols:
        return ""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in frame.columns]
    cells = [[_cell(v) for v in frame[c].tolist()] for c in frame.columns]
    widths = [max([len(h)] + [len(v) for v in col]) for h, col in zip(cols, cells)]
    widths = [w if num else min(w, max(TEXT_COLUMN_MAX, len(h))) for w, num, h in zip(widths, numeric, cols)]
    total = lambda ks: sum(widths[k] for k in ks) + 2 * (len(ks) - 1)  # noqa: E731
    everything, last = list(range(len(cols))), len(cols) - 1
    for order in ([k for k in everything if k != last], [last]):
        for k in sorted((k for k in order if not numeric[k]), key=lambda k: -widths[k]):
            while total(everything) > width and widths[k] > max(TEXT_COLUMN_MIN, len(cols[k])):
                widths[k] -= 1
    room = max(width - widths[0] - 2, 8)
    widths = [w if k == 0 else min(w, room) for k, w in enumerate(widths)]
    blocks, block = [], [0]
    for k in everything[1:]:
        if total(block + [k]) > width and len(block) > 1:
            blocks.append(block)
            block = [0]
        block.append(k)
    blocks.append(block)

    def fit(value: str, w: int, right: bool) -> str:
        if len(value) > w:
            value = value[: max(w - 1, 0)] + "…"
        return value.rjust(w) if right else value.ljust(w)

    out = []
    for b, ks in enumerate(blocks):
        if b:
            out.append("")
        for row in [cols] + [list(r) for r in zip(*cells)]:
            line = "  ".join(fit(row[k], widths[k], numeric[k]) for k in ks).rstrip()
            out.append(line if len(line) <= width else line[: width - 1] + "…")
    return "\n".join(out)


def write_table(frame: pd.DataFrame, fmt: str, out) -> None:
    """Print ``frame`` as CSV (cells a spreadsheet would run as formulas neutralised, see
    :func:`analysis.writing.neutralise`) or as an aligned text table that fits the terminal
    (:func:`text_table`; control characters and terminal escape sequences shown escaped, see
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
        out.write(text_table(shown) + "\n")


def build_parser() -> argparse.ArgumentParser:
    from analysis.app import batch, docs, report, story_commands

    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="The coverage workbook: compare how outlets covered one story.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, spec in table_commands().items():
        p = sub.add_parser(name, help=spec.help, description=spec.help)
        p.add_argument("--seeds", default=None, metavar="DIR",
                       help="the story folder (default: $COVERAGE_SEEDS, else the project's seeds/)")
        p.add_argument("--format", choices=("csv", "table"), default="table",
                       help="csv for programs, table for a person (default)")
    report.add_parser(sub)
    batch.add_parser(sub)
    docs.add_parser(sub)
    story_commands.add_parser(sub)
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

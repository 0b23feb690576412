"""``docs/tables.md``: every table of the registry with its command, file and columns.

Generated from :data:`analysis.pipeline.TABLES` by ``python -m analysis docs``;
``tests/test_docs.py`` fails while the committed file differs from what this writes, so the
column tables cannot drift from the code. What each column means is in ``docs/methods.md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import PROJECT_ROOT
from analysis.pipeline import TABLES

TABLES_DOC = PROJECT_ROOT / "docs" / "tables.md"


def tables_markdown() -> str:
    """The text of ``docs/tables.md``."""
    out = [
        "# The tables",
        "",
        "Generated from the registry (`analysis/pipeline.py`) by `python -m analysis docs`: do "
        "not edit by hand. Every table is `a.NAME` in Python (`a = analyse(folder)`); a table "
        "with a command prints with `python -m analysis COMMAND --seeds DIR --format csv|table`; "
        "a table with a file is written by the report to `out/tables/FILE`. What each column "
        "means, and the methods, are in [methods.md](methods.md).",
        "",
        "| table | command | file | one row per / what it holds |",
        "|---|---|---|---|",
    ]
    for spec in TABLES.values():
        out.append(
            f"| `{spec.name}` | {f'`{spec.command}`' if spec.command else ''} | "
            f"{f'`{spec.file}`' if spec.file else ''} | {spec.help} |"
        )
    out.append("")
    for spec in TABLES.values():
        out += [f"## `{spec.name}`", "", spec.help[:1].upper() + spec.help[1:] + ".", ""]
        if spec.columns is None:
            out += ["Columns: they depend on the story (see methods.md).", ""]
        else:
            out += ["Columns: " + ", ".join(f"`{c}`" for c in spec.columns) + ".", ""]
        if spec.cli_columns:
            out += [
                "The command prints: " + ", ".join(f"`{c}`" for c in spec.cli_columns) + ".",
                "",
            ]
    return "\n".join(out)


def write_docs(path: Path = TABLES_DOC) -> Path:
    """Write :func:`tables_markdown` to ``path`` (UTF-8, ``\\n`` line ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tables_markdown(), encoding="utf-8", newline="\n")
    return path


def _run(args: argparse.Namespace) -> int:
    path = write_docs(Path(args.out) if args.out else TABLES_DOC)
    print(f"docs: {len(TABLES)} tables -> {path}", file=sys.stderr)
    return 0


def add_parser(sub) -> None:
    """Add ``python -m analysis docs`` to the command line's sub-commands."""
    p = sub.add_parser(
        "docs",
        help="write docs/tables.md from the table registry",
        description="Write the column tables of every table (docs/tables.md) "
        "from the registry in analysis/pipeline.py.",
    )
    p.add_argument("--out", default=None, metavar="FILE", help="where (default docs/tables.md)")
    p.set_defaults(run=_run)

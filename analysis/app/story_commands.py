"""The commands that build a story: ``new``, ``add`` and ``add-links``.

    python -m analysis new DIR [--title TEXT]
    python -m analysis add --seeds DIR FILE [FILE ...] [--outlet NAME] [--url URL] ...
    python -m analysis add-links --seeds DIR FILE.csv

They print what they did, one line each, and exit 0; a refusal is one ``error: ...`` line on
stderr and exit status 2, with nothing written (see :mod:`analysis.story.collect`).
"""

from __future__ import annotations

import argparse
import sys

from analysis.story import collect

#: ``add`` options that set a manifest value: flag -> (manifest column, help).
ADD_OPTIONS = {
    "--outlet": ("outlet", "the outlet (default: the page's site name, else its domain; required for pasted text)"),
    "--headline": ("headline", "the headline (default: the page's)"),
    "--published": ("published", "the publication date, ISO 8601 (default: the page's)"),
    "--author": ("author", "the byline's name(s) (default: the page's)"),
    "--url": ("url", "the article's address (default: the page's canonical URL)"),
    "--wire-agency": ("wire_agency", "the news agency whose copy the article uses"),
    "--republished-by": ("republished_by", "the site the text was copied from, if not the outlet's"),
    "--notes": ("notes", "anything a reader of the tables should know"),
    "--kind": ("kind", "article (default) or source (a transcript or press release)"),
    "--short-name": ("short_name", "the outlet's name as figures print it when space is short"),
}


def _print(report: collect.Report) -> None:
    for line in report.lines():
        print(line)


def _run_new(args) -> int:
    folder = collect.new_story(args.dir, args.title)
    print(f"new story {collect.story_title(folder)!r} in {folder}")
    print(f"next: python -m analysis add --seeds {folder} PAGE.html [PAGE.html ...]")
    return 0


def _run_add(args) -> int:
    options = {column: getattr(args, column) for column, _ in ADD_OPTIONS.values()}
    _print(collect.add_articles(args.seeds, args.files, **options))
    return 0


def _run_add_links(args) -> int:
    report = collect.add_links(args.seeds, args.csv)
    _print(report)
    waiting = collect.to_collect(args.seeds)
    if waiting:
        print(f"{len(waiting)} article(s) to collect: save each page and add it with "
              f"python -m analysis add --seeds {args.seeds} PAGE.html", file=sys.stderr)
    return 0


def add_parser(sub) -> None:
    """Add ``new``, ``add`` and ``add-links`` to the command line's subparsers."""
    p = sub.add_parser("new", help="start a story folder (an empty manifest and a README)",
                       description="Start a story folder: an empty manifest.csv and a README.md "
                                   "holding the story's title.")
    p.add_argument("dir", metavar="DIR", help="the new story folder (must not exist, or be empty)")
    p.add_argument("--title", default=None, help="the story's title (default: the folder's name)")
    p.set_defaults(run=_run_new)

    p = sub.add_parser(
        "add", help="add articles: saved pages (.html) or pasted text (.txt)",
        description="Add articles to a story: .html/.htm pages saved from the browser (kept as "
                    "they are; text and details read from the page) or .txt pasted text.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", required=True, metavar="DIR", help="the story folder")
    p.add_argument("files", nargs="+", metavar="FILE", help=".html, .htm or .txt files")
    for flag, (column, help) in ADD_OPTIONS.items():
        p.add_argument(flag, dest=column, default=None, help=help)
    p.set_defaults(run=_run_add)

    p = sub.add_parser(
        "add-links", help="list articles to collect from a Media Cloud or GDELT export",
        description="Read a Media Cloud or GDELT export (or a CSV with url,outlet,title,"
                    "published) into manifest rows without text: the articles to collect.")
    p.add_argument("--seeds", required=True, metavar="DIR", help="the story folder")
    p.add_argument("csv", metavar="FILE.csv", help="the list of links")
    p.set_defaults(run=_run_add_links)

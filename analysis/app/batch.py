"""Analyse a whole corpus: thousands of articles, in chunks, on one core, all cores or Dask.

A story folder holds a handful of articles; a corpus holds every outlet's coverage of a story
or a month of a beat. :func:`analyse_corpus` runs the same analysis as
:class:`analysis.pipeline.Analysis` on any folder of plain-text articles, but streams it:

1. **List** the articles (:func:`list_articles`), sorted by file: a story folder's
   ``manifest.csv`` rows (exactly as :func:`analysis.story.loading.load_story` reads them), or, in a
   folder with no manifest, every ``*.txt`` file of the folder tree (``business/001.txt``), its
   outlet the name of its first sub-folder (``business``), or its file name for a file at the
   top (as :func:`~analysis.story.loading.load_story` does).
2. **Cut** the list into chunks of ``chunk_size`` articles, in that order. Chunk boundaries
   depend on ``chunk_size`` only, never on the number of workers.
3. **Analyse** each chunk on its own (:func:`analyse_chunk`): decode its files as
   :func:`~analysis.story.loading.load_story` does, build an :class:`~analysis.pipeline.Analysis` of a
   :class:`~analysis.story.loading.Story` holding just those articles, and keep only its per-article
   table (:func:`article_table`) and, when asked, its per-row tables (:data:`DETAIL_TABLES`).
   Everything else (lines, paragraphs, intermediate frames) is dropped with the chunk, so
   memory grows with the number of result rows, not with the corpus.
4. **Collect** the chunks in chunk order, whatever order they finish in, so the result is the
   same row for row and value for value with 1 worker, N processes or a Dask cluster.

What it collects, per article (one row each, keyed by ``file``): the article's ``file``,
``outlet``, ``headline``, ``published`` and ``kind`` from the manifest, then the columns of every
per-article table of :data:`ARTICLE_TABLES` that exists (looked up by name on
:class:`~analysis.pipeline.Analysis`, so modules that land later are picked up without a change
here): ``metrics`` (length, readability, sentiment; :mod:`analysis.measures.metrics`), ``languages``,
and the share of each article's sentences carrying each frame (:func:`frames_by_article`,
from :mod:`analysis.measures.framing`'s hits). Quotes enter through ``metrics`` (quoted words, quote
share, the sentiment of quotes and narration). With ``details``, the per-row tables of
:data:`DETAIL_TABLES` (sentences, their sentiment, frame hits) are written to CSV files.

What it does not collect: tables that compare articles with each other (quote alignment and
fidelity, shared text, distinctive wording, per-outlet frame shares). They are defined over one
story, not over an arbitrary pile of articles, and computed on a chunk they would depend on
which articles share it. Run those on a story folder with :func:`analysis.pipeline.analyse`.

Engines (all run :func:`analyse_chunk`, which lives in this module so that a pool started from
a notebook can import it: with the spawn start method a function defined in a notebook cell
hangs the pool):

- ``workers=1``: in this process.
- ``workers=N``: a :class:`concurrent.futures.ProcessPoolExecutor` of N processes (start method
  ``fork`` on Linux from a process running one thread, warmed first; otherwise ``forkserver``
  where the platform has it, which is safe in a notebook kernel, else ``spawn``), with a tqdm
  progress bar (``tqdm.auto``: a widget in a notebook, text in a terminal).
- ``scheduler="tcp://host:8786"`` or a :class:`dask.distributed.Client`: the chunks run as
  Dask tasks. Each task carries its articles' raw bytes, so workers need not see the corpus;
  they do need ``analysis`` installed (``pip install -e .``) and, for a story's own data files
  (its ``furniture.csv``, theme lexicons), the story folder at the same path.

In a script, call it under ``if __name__ == "__main__":``: forkserver and spawn workers import
the script again (as for any multiprocessing program). For one story rather than a corpus,
:func:`prefetch` computes the story's per-article tables on the same engines and hands them to
its :class:`~analysis.pipeline.Analysis`, which then computes the comparisons itself.

>>> from analysis.app.batch import analyse_corpus
>>> table = analyse_corpus("../shared/corpora/bbc-news", workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from analysis.pipeline import TABLES
from analysis.story.loading import (
    MANIFEST_NAME,
    WARNING_COLUMNS,
    Story,
    StoryError,
    WarningLog,
    article_row,
    articles_frame,
    bare_row,
    outlet_from_filename,
    story_rows,
)
from analysis.writing import for_terminal, neutralise, write_csv

#: Articles per chunk: large enough that a chunk's fixed costs (building its tables, sending it
#: to a worker) are small next to its analysis, small enough to balance the load across workers
#: and move the progress bar. A chunk's tables cost about 70-90 ms of pandas work whatever its
#: size (measured on the BBC corpus: 11.0 ms per article in chunks of 20, 8.9 in chunks of 50,
#: 7.5 in chunks of 200).
DEFAULT_CHUNK_SIZE = 200

#: Per-article tables (one row per article, with a ``file`` column), collected in this order
#: when they exist (tables of :data:`analysis.pipeline.TABLES`). ``metrics`` (length, readability
#: and sentiment in one table) replaces the tables in :data:`METRICS_PARTS` when it is there.
ARTICLE_TABLES = (
    "metrics",
    "length",
    "readability",
    "sentiment",
    "languages",
    "frames_by_article",
)
METRICS_PARTS = ("length", "readability", "sentiment")
#: Columns renamed in the corpus table, where their name alone would not say what they are.
RENAME = {"languages": {"reason": "language_reason"}}

#: Per-row tables (one row per sentence or frame hit, with a ``file`` column, each row
#: depending on its own article only) that :func:`run_corpus` writes to ``details/NAME.csv``
#: when given a ``details`` folder, if they exist; rows in file order (:func:`by_file`).
DETAIL_TABLES = ("sentences", "sentiment_sentences", "frame_hits")

#: Columns taken from the articles table into the result, before the analysis columns.
ARTICLE_KEYS = ("file", "outlet", "headline", "published", "kind")


# --------------------------------------------------------------------------------------------
# Listing and loading


@dataclass
class Listing:
    """The articles of a corpus, sorted by file, before any is read."""

    folder: Path
    rows: list[dict]
    warnings: pd.DataFrame


def list_articles(folder: str | os.PathLike, limit: int | None = None) -> Listing:
    """The articles of ``folder``, sorted by file, without reading them.

    A folder with a ``manifest.csv`` is a story folder: its rows, plus any ``*.txt`` file of
    the folder that the manifest does not list (with a ``no-manifest-row`` warning), checked
    as :func:`analysis.story.loading.load_story` checks them. Any other folder is a corpus: every
    ``*.txt`` file in it and its sub-folders, ``file`` its path relative to ``folder``
    (``business/001.txt``) and ``outlet`` its first sub-folder (``business``), or its file name
    without extension for a file at the top. ``limit`` keeps the first ``limit`` articles.
    """
    folder = Path(folder)
    if not folder.exists():
        raise StoryError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise StoryError(f"{folder}: is not a folder of articles")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    log = WarningLog()
    rows: list[dict] = []
    if (folder / MANIFEST_NAME).exists():
        rows = story_rows(folder, log)
    else:
        # A corpus folder may be a tree of links to a sample of a larger corpus: links are
        # followed (a story folder's unlisted links outside it are not: see story_rows).
        nested = False
        for path in folder.rglob("*.txt"):
            if not path.is_file():
                continue
            rel = path.relative_to(folder)
            nested = nested or len(rel.parts) > 1
            outlet = rel.parts[0] if len(rel.parts) > 1 else outlet_from_filename(rel.name)
            rows.append(bare_row(rel.as_posix(), outlet))
        where = "its sub-folder's name (or its file name)" if nested else "its file name"
        log.add(
            MANIFEST_NAME,
            0,
            "no-manifest",
            f"{folder}: no {MANIFEST_NAME}; every article's outlet is taken from {where}",
        )
    rows.sort(key=lambda r: r["file"])
    if limit is not None:
        rows = rows[:limit]
    return Listing(folder, rows, log.frame())


def load_chunk(folder: str | os.PathLike, rows: list[dict], data: list[bytes]) -> Story:
    """A :class:`~analysis.story.loading.Story` of the articles ``rows`` with raw bytes ``data``,
    decoded exactly as :func:`analysis.story.loading.load_story` decodes them (binary files skipped,
    non-UTF-8 files read as Windows-1252, empty files kept; each with its warning)."""
    log = WarningLog()
    articles = [
        art for row, raw in zip(rows, data) if (art := article_row(row, raw, log)) is not None
    ]
    return Story(folder=Path(folder), articles=articles_frame(articles), warnings=log.frame())


def _read(folder: Path, rows: list[dict]) -> list[bytes]:
    out = []
    for row in rows:
        try:
            out.append((folder / row["file"]).read_bytes())
        except OSError as err:
            raise StoryError(
                f"{folder / row['file']}: cannot be read ({err.strerror or err})"
            ) from None
    return out


# --------------------------------------------------------------------------------------------
# One chunk


def available_tables(names=ARTICLE_TABLES) -> list[str]:
    """The names of ``names`` that exist (:data:`ARTICLE_TABLES`), in order; the parts of
    ``metrics`` are left out when ``metrics`` is there."""
    have = [n for n in names if n in TABLES]
    if "metrics" in have:
        have = [n for n in have if n not in METRICS_PARTS]
    return have


def article_table(analysis, tables: list[str] | None = None) -> pd.DataFrame:
    """One row per article of ``analysis``, in its articles' order: :data:`ARTICLE_KEYS` and
    the columns of each per-article table in ``tables`` (default :func:`available_tables`).
    A column a table shares with an earlier one (``outlet``, ``kind``, ``english``) is taken
    from the earlier one; :data:`RENAME` renames a few.

    This is the plain, single-process definition of a row of :func:`analyse_corpus`; the
    corpus result is this table for each chunk, concatenated.
    """
    tables = available_tables() if tables is None else tables
    out = analysis.articles[list(ARTICLE_KEYS)].reset_index(drop=True)
    for name in tables:
        table = getattr(analysis, name)
        if not isinstance(table, pd.DataFrame) or "file" not in table.columns:
            raise TypeError(f"table {name!r} is not a per-article table with a 'file' column")
        if table["file"].duplicated().any():
            raise ValueError(
                f"table {name!r} has more than one row for some article; "
                "list it in DETAIL_TABLES, not ARTICLE_TABLES"
            )
        table = table.rename(columns=RENAME.get(name, {}))
        table = table.drop(columns=[c for c in table.columns if c != "file" and c in out.columns])
        out = out.merge(table, on="file", how="left", validate="one_to_one")
    return out


def by_file(table: pd.DataFrame, files) -> pd.DataFrame:
    """``table``'s rows in the order of ``files`` (a stable sort: each article's rows keep
    their order), so that a per-row table cut into chunks and put back together has the rows
    of the plain table in the same order, whatever the table's own sort."""
    position = {f: i for i, f in enumerate(files)}
    keys = table["file"].map(position).to_numpy()
    return table.iloc[np.argsort(keys, kind="stable")].reset_index(drop=True)


@dataclass
class ChunkResult:
    """What a chunk sends back: its per-article rows, per-row tables and warnings."""

    index: int
    articles: pd.DataFrame
    details: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: pd.DataFrame | None = None


@dataclass
class ChunkTask:
    """What a worker needs to analyse a chunk: everything travels with it (no shared state)."""

    index: int
    folder: str
    rows: list[dict]
    data: list[bytes]
    tables: list[str]
    details: tuple[str, ...] = ()
    #: Already loaded articles (a slice of a story's articles table), instead of rows + data.
    articles: pd.DataFrame | None = None
    #: Tables to send back whole, as the chunk's Analysis has them (:func:`prefetch`).
    keep: tuple[str, ...] = ()


#: The garbage collector's thresholds while a chunk is analysed (each at least the one in
#: force). A chunk makes millions of short-lived objects; with Python's defaults (700, 10, 10) a
#: full collection, which walks every object the process holds (lexicons, memos), ran every few
#: thousand articles' worth of allocations and took 8% of a worker's time on 600 BBC articles
#: (0.34 s of 4.7). Collections change no value; the thresholds in force are restored after.
CHUNK_GC_THRESHOLDS = (10_000, 50, 100)


@contextmanager
def _fewer_collections():
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(CHUNK_GC_THRESHOLDS, old)))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def analyse_chunk(task: ChunkTask) -> ChunkResult:
    """Analyse one chunk of articles (the unit of work of every engine), with the garbage
    collector's thresholds raised meanwhile (:data:`CHUNK_GC_THRESHOLDS`)."""
    with _fewer_collections():
        return _analyse_chunk(task)


def _analyse_chunk(task: ChunkTask) -> ChunkResult:
    from analysis.pipeline import Analysis

    if task.articles is not None:
        story = Story(Path(task.folder), task.articles.reset_index(drop=True))
    else:
        story = load_chunk(task.folder, task.rows, task.data)
    if story.articles.empty:
        empty = pd.DataFrame(columns=list(ARTICLE_KEYS))
        return ChunkResult(task.index, empty, {}, story.warnings)
    analysis = Analysis(story)
    rows = article_table(analysis, task.tables)
    details = {
        name: by_file(getattr(analysis, name), story.articles["file"])
        for name in task.details
        if name in TABLES
    }
    details.update({name: getattr(analysis, name) for name in task.keep})
    return ChunkResult(task.index, rows, details, story.warnings)


# --------------------------------------------------------------------------------------------
# Engines


def _tasks(
    listing: Listing, chunk_size: int, tables: list[str], details: tuple[str, ...]
) -> Iterator[ChunkTask]:
    rows = listing.rows
    for index, start in enumerate(range(0, len(rows), chunk_size)):
        part = rows[start : start + chunk_size]
        yield ChunkTask(
            index, str(listing.folder), part, _read(listing.folder, part), tables, details
        )


def _progress(total: int, progress: bool | None, desc: str):
    from tqdm.auto import tqdm

    class Bar(tqdm):
        # no monitor thread (tqdm starts one with its first bar, even a disabled one): a
        # process running one thread may fork the pool's workers (_pool_context)
        monitor_interval = 0

    # progress=None: tqdm decides (off when stderr is not a terminal or a notebook)
    return Bar(
        total=total,
        unit="article",
        desc=desc,
        disable=None if progress is None else not progress,
        smoothing=0.1,
    )


def _in_order(
    submit, first_done, tasks: Iterator[ChunkTask], window: int, bar
) -> Iterator[ChunkResult]:
    """Run ``tasks`` through ``submit`` (task -> future) keeping at most ``window`` in flight
    (``first_done(futures)`` waits for some to finish and returns them), and yield their
    results in task order, whatever order they finish in."""
    pending: dict = {}
    done: dict[int, ChunkResult] = {}
    order: deque[int] = deque()
    tasks = iter(tasks)
    exhausted = False
    while True:
        while not exhausted and len(pending) + len(done) < window:
            task = next(tasks, None)
            if task is None:
                exhausted = True
                break
            pending[submit(task)] = (task.index, len(task.rows))
            order.append(task.index)
        if not pending and not done:
            return
        if pending:
            for fut in first_done(list(pending)):
                index, n = pending.pop(fut)
                done[index] = fut.result()  # re-raises a worker's error here
                bar.update(n)
        while order and order[0] in done:
            yield done.pop(order.popleft())


def _start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def _pool_context():
    """The pool's start method. On Linux, in a process running one thread (a script, the
    command line, the benchmark), ``fork``: this process imports :mod:`analysis.app.warm` once
    (the warm-up the fork server would do) and the workers are forked from it, with the modules
    it has already imported. A fork server imports them all again first (about 0.8 CPU-s before
    the first worker can start). Elsewhere (other platforms; a notebook kernel, whose threads
    make forking unsafe; a progress bar's monitor thread) the fork server, as before. The workers
    run the same code on the same chunks either way: the same tables."""
    import threading

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        import analysis.app.warm  # noqa: F401 - warms this process, once

        if threading.active_count() == 1:
            return multiprocessing.get_context("fork")
    return multiprocessing.get_context(_start_method())


def _pool_results(tasks, workers: int, bar) -> Iterator[ChunkResult]:
    ctx = _pool_context()
    if ctx.get_start_method() == "forkserver":
        # The server imports the analysis and loads its dictionaries and lexicons once
        # (analysis.app.warm); each worker is forked from it ready to go.
        ctx.set_forkserver_preload(["analysis.app.batch", "analysis.pipeline", "analysis.app.warm"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from _in_order(
            lambda t: pool.submit(analyse_chunk, t),
            lambda fs: wait(fs, return_when=FIRST_COMPLETED).done,
            tasks,
            2 * workers + 2,
            bar,
        )


def _dask_results(tasks, scheduler, bar) -> Iterator[ChunkResult]:
    import uuid

    from distributed import Client
    from distributed import wait as dask_wait

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        n = sum(client.nthreads().values()) or 1
        run = uuid.uuid4().hex[:8]

        def submit(task):
            return client.submit(
                analyse_chunk, task, pure=False, key=f"analyse-chunk-{run}-{task.index}"
            )

        def first_done(futures):
            return dask_wait(futures, return_when="FIRST_COMPLETED").done

        yield from _in_order(submit, first_done, tasks, 2 * n + 2, bar)
    finally:
        if client is not scheduler:
            client.close()


def _results(tasks, workers: int, scheduler, bar) -> Iterator[ChunkResult]:
    """The results of ``tasks``, in order, from the engine chosen by ``workers``/``scheduler``."""
    if scheduler is not None:
        return _dask_results(tasks, scheduler, bar)
    if workers > 1:
        return _pool_results(tasks, workers, bar)
    return (_update(bar, t, analyse_chunk(t)) for t in tasks)


@dataclass
class CorpusResult:
    """The result of :func:`run_corpus`."""

    articles: pd.DataFrame
    warnings: pd.DataFrame
    tables: list[str]
    details: dict[str, Path] = field(default_factory=dict)


def run_corpus(
    folder: str | os.PathLike,
    workers: int = 1,
    scheduler=None,
    limit: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    details: str | os.PathLike | None = None,
    progress: bool | None = None,
) -> CorpusResult:
    """:func:`analyse_corpus`, also returning the warnings and the detail files written.

    ``details``: a folder to write the per-row tables of :data:`DETAIL_TABLES` to
    (``NAME.csv``, UTF-8, written chunk by chunk in file order) and ``warnings.csv``.
    """
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be 1 or more, not {chunk_size}")
    listing = list_articles(folder, limit)
    tables = available_tables()
    detail_names = tuple(DETAIL_TABLES) if details is not None else ()
    tasks = _tasks(listing, chunk_size, tables, detail_names)
    written: dict[str, Path] = {}
    out_dir = Path(details) if details is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    # Each detail table grows chunk by chunk in a hidden partial file, moved over NAME.csv only
    # when every chunk is in: an interrupted run leaves the previous NAME.csv whole, never a
    # table cut off in the middle.
    partial: dict[str, Path] = {}

    frames: list[pd.DataFrame] = []
    warnings: list[pd.DataFrame] = [listing.warnings]
    try:
        with _progress(len(listing.rows), progress, f"analysing {listing.folder.name}") as bar:
            for res in _results(tasks, workers, scheduler, bar):
                frames.append(res.articles)
                if res.warnings is not None and not res.warnings.empty:
                    warnings.append(res.warnings)
                for name, table in res.details.items():
                    path = out_dir / f".{name}.csv.partial"  # type: ignore[operator]
                    neutralise(table).to_csv(
                        path,
                        mode="a" if name in partial else "w",
                        header=name not in partial,
                        index=False,
                        encoding="utf-8",
                        lineterminator="\n",
                    )
                    partial[name] = path
        for name in detail_names:
            final = out_dir / f"{name}.csv"  # type: ignore[operator]
            if name in partial:
                os.replace(partial[name], final)
                written[name] = final
            else:  # no rows this run: an older table of that name would mislead
                final.unlink(missing_ok=True)
    finally:
        for path in partial.values():
            path.unlink(missing_ok=True)
    articles = _concat(frames)
    warn = pd.concat([w for w in warnings if not w.empty] or [warnings[0]], ignore_index=True)
    warn = warn.reindex(columns=list(WARNING_COLUMNS))
    if out_dir is not None:
        write_csv(warn, out_dir / "warnings.csv")
        written["warnings"] = out_dir / "warnings.csv"
    return CorpusResult(articles, warn, tables, written)


def _update(bar, task: ChunkTask, result: ChunkResult) -> ChunkResult:
    bar.update(len(task.rows))
    return result


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(ARTICLE_KEYS))
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def analyse_corpus(
    folder: str | os.PathLike,
    workers: int = 1,
    scheduler=None,
    limit: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    details: str | os.PathLike | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Analyse every article of ``folder``; one row per article, sorted by file.

    Parameters
    ----------
    folder : path
        A story folder (``manifest.csv`` and articles) or any folder tree of ``*.txt`` files
        (see :func:`list_articles`).
    workers : int
        1 runs in this process; N > 1 runs the chunks in a pool of N processes.
    scheduler : str or dask.distributed.Client, optional
        A Dask scheduler address (``"tcp://10.0.0.5:8786"``) or client: run the chunks on
        Dask instead (``workers`` is then ignored).
    limit : int, optional
        Analyse only the first ``limit`` articles (in file order).
    chunk_size : int
        Articles per chunk (:data:`DEFAULT_CHUNK_SIZE`). The result does not depend on it for
        the per-article tables; it is the unit of work and of memory.
    details : path, optional
        A folder to write the per-row tables to (see :func:`run_corpus`).
    progress : bool, optional
        Show a tqdm progress bar; by default only in a terminal or a notebook.

    Returns
    -------
    DataFrame
        :data:`ARTICLE_KEYS`, then the columns of the per-article tables listed by
        :func:`available_tables`; the same rows, order and values whatever the engine and the
        number of workers.
    """
    return run_corpus(folder, workers, scheduler, limit, chunk_size, details, progress).articles


# --------------------------------------------------------------------------------------------
# A story's per-article tables, computed on a pool or a cluster

#: Tables of :class:`~analysis.pipeline.Analysis` whose rows each depend on one article only and
#: come in file order, so that the chunks' tables put end to end are the plain table:
#: :func:`prefetch` computes them in chunks. (``quotes`` is not one: its quote units and
#: fidelity compare articles with each other.)
PREFETCH = (
    "lines",
    "paragraphs",
    "bodies",
    "sentences",
    "languages",
    "length",
    "readability",
    "sentiment_sentences",
    "sentiment",
    "metrics",
)


def prefetch(
    analysis,
    workers: int = 1,
    scheduler=None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool | None = None,
    tables=PREFETCH,
) -> list[str]:
    """Compute a story's per-article tables in chunks, on a process pool or a Dask cluster,
    and store them in ``analysis`` as if it had computed them itself.

    The tables of ``tables`` (:data:`PREFETCH`) that :class:`~analysis.pipeline.Analysis` has
    are computed chunk by chunk (``workers`` processes, or the Dask ``scheduler``), put back
    together in file order, and set on ``analysis``; the tables that compare articles (quotes
    and their units, frames per outlet, shared text, distinctive words) are then computed by
    ``analysis`` as usual, in this process, from them. The values are those of the plain
    analysis (``tests/test_batch.py`` checks it). Returns the names of the tables stored.

    >>> a = analyse("stories/200-articles")                       # doctest: +SKIP
    >>> prefetch(a, scheduler="tcp://10.0.0.5:8786")                # doctest: +SKIP
    >>> a.metrics                                                   # doctest: +SKIP
    """
    from analysis.pipeline import Analysis

    names = tuple(n for n in tables if hasattr(Analysis, n) and n not in analysis.__dict__)
    if not names:
        return []
    arts = analysis.articles
    tasks = (
        ChunkTask(
            i, str(analysis.folder), [], [], [], (), arts.iloc[start : start + chunk_size], names
        )
        for i, start in enumerate(range(0, len(arts), chunk_size))
    )
    parts: dict[str, list] = {n: [] for n in names}
    with _progress(len(arts), progress, f"analysing {analysis.folder.name}") as bar:
        for res in _results(tasks, workers, scheduler, bar):
            for n in names:
                parts[n].append(res.details[n])
    for n in names:
        chunks = parts[n]
        if isinstance(chunks[0], pd.Series):
            value = pd.concat(chunks) if len(chunks) > 1 else chunks[0]
        else:
            value = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
        analysis.__dict__[n] = value
    return list(names)


# --------------------------------------------------------------------------------------------
# Command line


def add_parser(sub) -> None:
    """Add ``python -m analysis corpus`` to the command line's sub-commands."""
    p = sub.add_parser(
        "corpus",
        help="analyse a folder of articles at scale: one row per article",
        description="Analyse every article of a story folder or folder tree of .txt files, in "
        "chunks, on one core, several processes or a Dask cluster; one row per article.",
    )
    p.add_argument(
        "--corpus",
        required=True,
        metavar="DIR",
        help="a story folder or a folder tree of .txt files",
    )
    p.add_argument(
        "--out", metavar="FILE", default=None, help="write the table here as CSV (default: stdout)"
    )
    p.add_argument(
        "--format",
        choices=("csv", "table"),
        default="csv",
        help="for stdout: csv (default) or table",
    )
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="processes to use (default 1)"
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDR",
        help="a Dask scheduler address (tcp://host:8786): run on Dask instead",
    )
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N articles")
    p.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"articles per chunk (default {DEFAULT_CHUNK_SIZE})",
    )
    p.add_argument(
        "--details",
        default=None,
        metavar="DIR",
        help="also write per-sentence tables and warnings.csv to this folder",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=_run_command)


def _run_command(args: argparse.Namespace) -> int:
    from analysis.app.cli import write_table

    result = run_corpus(
        args.corpus,
        workers=args.workers,
        scheduler=args.scheduler,
        limit=args.limit,
        chunk_size=args.chunk_size,
        details=args.details,
        progress=False if args.no_progress else None,
    )
    for w in result.warnings.itertuples(index=False):
        print(f"warning: {for_terminal(w.message)}", file=sys.stderr)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_csv(result.articles, out)
        print(f"{len(result.articles)} articles -> {out}", file=sys.stderr)
    else:
        write_table(result.articles, args.format, sys.stdout)
    return 0

"""Benchmark: the project's full analysis against a naive pipeline, on any folder of articles.

    python bench/run.py [--corpus DIR] [--limit N] [--workers N] [--repeat R] [--plain] [--profile]

Default corpus: ``../shared/corpora/bbc-news`` next to the project (2,225 BBC articles), else
the project's ``seeds/``. Every configuration runs in a fresh Python process, so none inherits
another's caches or memory:

- **naive**: what one would write first, per article: read the file, pysbd sentences, VADER
  ``polarity_scores`` per sentence, and each textstat formula called one by one on the text
  (``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``,
  ``coleman_liau_index``, ``automated_readability_index``, ``dale_chall_readability_score``,
  ``text_standard``).
- **full**: the project's full analysis of every article (:func:`analysis.app.batch.run_corpus`:
  loading, lossless cleaning, sentences, quotes, length, readability, sentiment per sentence,
  frames), one row per article.

Each is timed with one worker and with all cores (``os.cpu_count()``), from the first file
read to the last row (interpreter start and imports are not timed; loading lexicons and
starting worker processes are). Throughput is articles/s and words/s by the wall clock (words:
every word of each file, counted once with :func:`analysis.story.text.count_words`, the same count
for both pipelines) and, with one worker, articles per second of the process's own CPU time
(``time.process_time``), which does not move when other programs share the machine: the
``speedup per core`` line uses it. Peak memory (MB) is the peak of the summed resident set
size (RSS) of the configuration's process and all its children, sampled every 0.1 s with
psutil from outside (shared pages of forked workers count once per process, so this overstates
a pool a little); the child also reports its own ``getrusage(RUSAGE_SELF).ru_maxrss``.

Then, for whoever optimises next: the time share of each stage of the full analysis (one
worker), cross-outlet alignment of a synthetic 200-article story, the warm re-run of the
seed analysis after a lexicon edit, the quote and speaker scores on the development set
(precision, recall, speaker accuracy; ``--devset`` prints only those), and the figures other
issues add to :data:`EXTRA_FIGURES` (one line each). Machines are noisy: read the ratios, not the seconds. The
last line is ``speedup per core: X.Xx``, the full analysis's throughput over the naive
pipeline's, one worker each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc-news"
SEEDS = PROJECT_ROOT / "seeds"

#: The naive pipeline's textstat formulas, each called on its own.
TEXTSTAT_FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "text_standard",
)

#: Stages of the full analysis and the tables (attributes of Analysis, or tables derived in
#: analysis.app.batch) whose first computation is charged to each, in dependency order.
STAGES = (
    ("loading", ()),
    ("cleaning", ("lines", "paragraphs", "bodies")),
    ("sentences", ("sentences",)),
    ("language", ("languages",)),
    ("quotes", ("*quote_places",)),
    ("length", ("length",)),
    ("readability", ("readability",)),
    ("sentiment", ("sentiment_sentences", "sentiment")),
    ("framing", ("frame_hits", "frames_by_article")),
    ("assembly", ("metrics", "*article_table")),
)

SAMPLE_EVERY = 0.1  # seconds between memory samples
ALIGN_ARTICLES = 200
ALIGN_SEED = 20230719


# --------------------------------------------------------------------------------------------
# The naive pipeline (module-level functions: the worker processes import them)

_NAIVE: dict = {}


def naive_article(path: str) -> int:
    """Analyse one file the naive way; returns its number of sentences."""
    if not _NAIVE:
        import pysbd
        import textstat
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _NAIVE.update(
            seg=pysbd.Segmenter(language="en", clean=False),
            vader=SentimentIntensityAnalyzer(),
            formulas=[getattr(textstat, f) for f in TEXTSTAT_FORMULAS],
        )
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    sentences = _NAIVE["seg"].segment(text)
    [_NAIVE["vader"].polarity_scores(s)["compound"] for s in sentences]
    [f(text) for f in _NAIVE["formulas"]]
    return len(sentences)


def run_naive(paths: list[str], workers: int) -> None:
    if workers == 1:
        for p in paths:
            naive_article(p)
        return
    import multiprocessing

    from analysis.app.batch import _start_method

    ctx = multiprocessing.get_context(_start_method())
    with ctx.Pool(workers) as pool:
        for _ in pool.imap_unordered(naive_article, paths, chunksize=16):
            pass


# --------------------------------------------------------------------------------------------
# Child process: one configuration


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process and every process under it:
    the living ones (a forkserver, a resource tracker) with the children they have reaped (the
    pool's workers), and this process's own reaped children."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def _corpus_paths(corpus: Path, limit: int | None) -> list[str]:
    from analysis.app.batch import list_articles

    return [str(corpus / r["file"]) for r in list_articles(corpus, limit).rows]


def child_naive(args) -> dict:
    paths = _corpus_paths(args.corpus, args.limit)
    t, cpu = time.perf_counter(), tree_cpu()
    run_naive(paths, args.workers)
    return {
        "articles": len(paths),
        "seconds": time.perf_counter() - t,
        "cpu_seconds": tree_cpu() - cpu,
    }


def child_full(args) -> dict:
    from analysis.app.batch import run_corpus

    t, cpu = time.perf_counter(), tree_cpu()
    result = run_corpus(
        args.corpus,
        workers=args.workers,
        limit=args.limit,
        chunk_size=args.chunk_size,
        progress=False,
    )
    return {
        "articles": len(result.articles),
        "seconds": time.perf_counter() - t,
        "cpu_seconds": tree_cpu() - cpu,
        "tables": result.tables,
        "columns": len(result.articles.columns),
    }


def child_stages(args) -> dict:
    """The full analysis in one process, chunk by chunk as analysis.app.batch runs it, with the
    CPU time of the first computation of each table charged to its stage. With ``--profile``
    (a separate run: the profiler's own overhead would bend the shares) a cProfile instead."""
    from analysis.app import batch
    from analysis.measures.length import quotes_of
    from analysis.pipeline import TABLES, Analysis

    listing = batch.list_articles(args.corpus, args.limit)
    tables = batch.available_tables()
    times = {name: 0.0 for name, _ in STAGES}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    clock = time.process_time
    t0, c0 = time.perf_counter(), clock()
    frames = []
    # the garbage collector's thresholds of a chunk, as batch.analyse_chunk sets them
    collections = batch._fewer_collections()
    collections.__enter__()
    for start in range(0, len(listing.rows), args.chunk_size):
        rows = listing.rows[start : start + args.chunk_size]
        t = clock()
        story = batch.load_chunk(listing.folder, rows, batch._read(listing.folder, rows))
        a = Analysis(story)
        times["loading"] += clock() - t
        for stage, names in STAGES[1:]:
            t = clock()
            for name in names:
                if name == "*article_table":
                    frames.append(batch.article_table(a, tables))
                elif name == "*quote_places":
                    quotes_of(a)  # what length and sentiment read of the quotes
                elif name in TABLES:
                    getattr(a, name)
            times[stage] += clock() - t
    collections.__exit__(None, None, None)
    t = clock()
    batch._concat(frames)
    times["assembly"] += clock() - t
    out = {
        "articles": len(listing.rows),
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": clock() - c0,
        "stages": times,
    }
    if profiler is not None:
        import io
        import pstats

        profiler.disable()
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(45)
        out["profile"] = buf.getvalue()
    return out


def _edit(sentence: str, rng: random.Random) -> str:
    """A small, deterministic edit of the kind outlets make to wire copy."""
    choice = rng.random()
    if choice < 0.25:
        return sentence.replace("ise", "ize").replace("our ", "or ")  # spelling
    if choice < 0.5:
        words = sentence.split()
        if len(words) > 6:
            del words[rng.randrange(1, len(words) - 1)]  # drop a word
        return " ".join(words)
    if choice < 0.7:
        return sentence.replace("“", '"').replace("”", '"').replace("’", "'")  # straight marks
    if choice < 0.85:
        words = sentence.split()
        return " ".join(words[: max(6, int(len(words) * 0.7))]).rstrip(",;:") + "."  # truncate
    return sentence.replace(" said", " told reporters").replace("Wednesday", "Thursday")


def synthetic_story(folder: Path, n: int = ALIGN_ARTICLES, seed: int = ALIGN_SEED) -> None:
    """Write a story of ``n`` articles made of the seeds' sentences (with edits), from
    ``n // 4`` outlets, with the seeds' own data files (speakers, themes, actors, naming)."""
    from analysis.pipeline import analyse

    seeds = analyse(SEEDS)
    sents = seeds.sentences
    by_file = {f: list(g["text"]) for f, g in sents.groupby("file", sort=True)}
    pool = [t for texts in by_file.values() for t in texts]
    files = sorted(by_file)
    folder.mkdir(parents=True, exist_ok=True)
    for extra in SEEDS.iterdir():
        if extra.suffix in (".csv", ".toml") and extra.name != "manifest.csv":
            shutil.copy(extra, folder / extra.name)
    rng = random.Random(seed)
    manifest = ["file,outlet,headline"]
    for k in range(n):
        base = by_file[files[k % len(files)]]
        chosen = [s for s in base if rng.random() < 0.8] + rng.sample(pool, rng.randint(2, 6))
        chosen = [_edit(s, rng) if rng.random() < 0.35 else s for s in chosen]
        paras, i = [], 0
        while i < len(chosen):
            step = rng.randint(1, 2)
            paras.append(" ".join(chosen[i : i + step]))
            i += step
        headline = re.sub(r"[.!?”\"']+$", "", base[0].split(",")[0])[:90]
        name = f"{k:03d}.txt"
        (folder / name).write_text(headline + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        manifest.append(f"{name},Outlet {k // 4:02d},")
    (folder / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")


def child_align(args) -> dict:
    """Cross-outlet alignment of a synthetic 200-article story (sentences and quotes)."""
    import importlib

    from analysis.pipeline import analyse

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        synthetic_story(folder)
        a = analyse(folder)
        t = time.perf_counter()
        a.sentences
        quotes = a.quotes if hasattr(type(a), "quotes") else None
        out["per_article_seconds"] = time.perf_counter() - t
        out["articles"] = len(a.articles)
        out["sentences"] = len(a.sentences)
        out["quotes"] = None if quotes is None else len(quotes)
        try:
            shared_text = importlib.import_module("analysis.measures.shared_text")
        except ModuleNotFoundError:
            shared_text = None
        if shared_text is not None:
            t = time.perf_counter()
            aligned = shared_text.align(a.sentences)
            out["sentence_alignment_seconds"] = time.perf_counter() - t
            out["sentence_statuses"] = aligned["status"].value_counts().to_dict()
        for name in ("quote_units", "alignment", "quote_alignment"):
            if hasattr(type(a), name):
                t = time.perf_counter()
                units = getattr(a, name)
                out["quote_alignment_seconds"] = time.perf_counter() - t
                out["quote_alignment_table"] = name
                out["quote_alignment_rows"] = len(units)
                break
    return out


def _all_seed_tables(a) -> int:
    """Every table the command line can print for a story, and the batch row: the seed
    analysis as a user re-runs it."""
    from analysis.app import batch, cli

    failed = []
    for name, spec in sorted(cli.table_commands().items()):
        try:
            getattr(a, spec.name)
        except Exception as err:  # a module still being written: report it, measure the rest
            failed.append(f"{name} ({type(err).__name__}: {err})")
    batch.article_table(a)
    return failed


def child_warm(args) -> dict:
    """The seed analysis, then again after a lexicon edit, in one (warm) process."""
    from analysis.pipeline import analyse

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "seeds"
        shutil.copytree(SEEDS, folder)
        t = time.perf_counter()
        failed = _all_seed_tables(analyse(folder))
        cold = time.perf_counter() - t
        themes = folder / "themes.csv"
        edited = "themes.csv" if themes.exists() else "(no themes.csv: plain re-run)"
        if themes.exists():
            with themes.open("a", encoding="utf-8") as f:
                f.write("China,Beijing,added by bench/run.py\n")
        t = time.perf_counter()
        _all_seed_tables(analyse(folder))
        warm = time.perf_counter() - t
    from analysis.app import cli

    return {
        "first_seconds": cold,
        "warm_seconds": warm,
        "tables": sorted(cli.table_commands()),
        "failed": failed,
        "edited": edited,
    }


def child_pages(args) -> dict:
    """Saved pages: the article-text score of the dev set (tests/devsets/pages) for trafilatura
    alone and for the workbook (trafilatura, then the line roles), and the time each takes."""
    from analysis.evaluation import pages
    from analysis.story.webpage import trafilatura_alone

    summary = pages.summary(pages.score_pages())
    dev = pages.dev_pages()
    timed = {}
    for method, run in (
        ("trafilatura", lambda d, n: trafilatura_alone(d)),
        ("workbook", pages.workbook_body),
    ):
        t = time.process_time()
        for _ in range(5):
            for name, data, _gold in dev:
                run(data, name + ".html")
        timed[method] = (time.process_time() - t) / (5 * len(dev))
    return {"pages": len(dev), "summary": summary.to_dict("records"), "seconds_per_page": timed}


# --------------------------------------------------------------------------------------------
# Figures of other issues: one list, one line each in every run


def figures_exact_shortcuts(args) -> dict:
    """The two exact shortcuts of the fast path against the libraries they stand in for, on
    the same texts (the first ``--limit`` articles, at most 300): microseconds of CPU per
    sentence for VADER (vaderSentiment against :mod:`analysis.measures.vader`) and per paragraph
    for pysbd (pysbd against :mod:`analysis.story.fastsbd`), with whether the outputs agree."""
    from analysis.app.batch import list_articles
    from analysis.measures import vader
    from analysis.story import fastsbd

    rows = list_articles(args.corpus, min(args.limit or 300, 300)).rows
    paras = [
        ln.strip()
        for r in rows
        for ln in (args.corpus / r["file"])
        .read_bytes()
        .decode("utf-8", errors="replace")
        .splitlines()
        if ln.strip()
    ]
    seg = fastsbd.segmenter()
    clock = time.process_time

    def per_item(fn, items) -> float:
        t = clock()
        out = [fn(x) for x in items]
        return (clock() - t) / max(1, len(items)) * 1e6, out

    pysbd_us, plain = per_item(lambda p: seg.processor(p).process(), paras)
    fast_us, quick = per_item(fastsbd.process, paras)
    sents = [s.strip() for ss in plain for s in ss if s.strip()]
    ref = vader.reference()
    ref_us, expected = per_item(ref.polarity_scores, sents)
    vader.polarity_scores(sents[0] if sents else "")  # tables read before timing
    vader_us, got = per_item(vader.polarity_scores, sents)
    return {
        "paragraphs": len(paras),
        "pysbd us/paragraph": round(pysbd_us),
        "fastsbd": round(fast_us),
        "same sentences": quick == plain,
        "sentences": len(sents),
        "vaderSentiment us/sentence": round(ref_us),
        "fast vader": round(vader_us),
        "same scores": got == expected,
    }


#: Figures other issues add to every run, printed after the stage breakdown so one run shows
#: where the workbook stands. One entry per issue: ``(label, function)``; the function takes
#: the parsed arguments (``args.corpus``, ``args.limit``, ``args.workers`` ...), runs in a fresh
#: process like every configuration, and returns ``{name: value}`` (numbers or short strings),
#: printed in order on the label's line. Add yours with one line below this list, e.g.
#: ``EXTRA_FIGURES.append(("report time (issue NN)", figures_report_time))``. One that raises
#: is reported as failed; the others still run. ``--skip-extras`` leaves them out.
EXTRA_FIGURES: list = [
    ("exact shortcuts (issue 18)", figures_exact_shortcuts),
]


def figures_report_time(args) -> dict:
    """The report without notebooks (``bench/report_times.py``), once each, in a fresh
    process: the seeds and a synthetic story of 18 outlets, wall and CPU seconds."""
    sys.path[:0] = [str(PROJECT_ROOT / "bench"), str(PROJECT_ROOT)]
    import report_times

    from tests.synthetic_story import write_synthetic_story

    figures = {}
    with tempfile.TemporaryDirectory(prefix="synthetic-story-") as tmp:
        synthetic = write_synthetic_story(Path(tmp) / "story", 18)
        for name, story in (("seeds", SEEDS), ("18 outlets", synthetic)):
            wall, cpu = report_times.time_report(story)
            figures[f"{name} s"] = round(wall, 1)
            figures[f"{name} CPU-s"] = round(cpu, 1)
    figures["load"] = round(os.getloadavg()[0], 1)
    return figures


EXTRA_FIGURES.append(("report time (issue 16)", figures_report_time))


def child_extra(args) -> dict:
    label, func = EXTRA_FIGURES[args.extra]
    try:
        return {"label": label, "figures": func(args)}
    except Exception as err:  # report it, keep the run going
        return {"label": label, "failed": f"{type(err).__name__}: {err}"}


def child_devset(args) -> dict:
    """Quote finding and speakers scored against the hand-labelled development set
    (``tests/devsets/quotes``, :mod:`analysis.evaluation.quotes`)."""
    from analysis.evaluation import quotes as ev

    start = time.perf_counter()
    table = ev.score()
    return {
        "seconds": time.perf_counter() - start,
        "report": ev.report_of(table),
        "overall": table.iloc[-1][["precision", "recall", "speaker_accuracy"]].to_dict(),
    }


def print_devset(args) -> None:
    """Print the development-set scores (precision, recall, speaker accuracy)."""
    dev = run_child("devset", args)
    print(
        f"quotes and speakers on the development set (tests/devsets/quotes, "
        f"{dev['seconds']:.1f} s): precision {dev['overall']['precision']:.3f}, recall "
        f"{dev['overall']['recall']:.3f}, speaker accuracy {dev['overall']['speaker_accuracy']:.3f}"
    )
    print(dev["report"])


CHILDREN = {
    "naive": child_naive,
    "full": child_full,
    "stages": child_stages,
    "align": child_align,
    "warm": child_warm,
    "devset": child_devset,
    "extra": child_extra,
    "pages": child_pages,
}


def child_main(args) -> None:
    import resource

    out = CHILDREN[args.child](args)
    out["self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH-RESULT " + json.dumps(out))


# --------------------------------------------------------------------------------------------
# Parent: run each configuration in a fresh process and measure its memory from outside


def run_child(
    kind: str,
    args,
    workers: int = 1,
    corpus: Path | None = None,
    limit=None,
    profile: bool = False,
    env: dict | None = None,
    extra: int | None = None,
) -> dict:
    import psutil

    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--workers",
        str(workers),
        "--corpus",
        str(corpus or args.corpus),
        "--chunk-size",
        str(args.chunk_size),
    ]
    if extra is not None:
        cmd += ["--extra", str(extra)]
    limit = args.limit if limit is None else limit
    if limit is not None:
        cmd += ["--limit", str(limit)]
    if profile:
        cmd += ["--profile"]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
    )
    peak = 0.0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total / 2**20)
        time.sleep(SAMPLE_EVERY)
    stdout, stderr = proc.communicate()
    lines = [ln for ln in stdout.splitlines() if ln.startswith("BENCH-RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"bench: the {kind} run (workers={workers}) failed:\n{stderr[-3000:]}")
    out = json.loads(lines[-1][len("BENCH-RESULT ") :])
    out["peak_mb"] = peak
    return out


def corpus_words(corpus: Path, limit) -> tuple[int, int]:
    from analysis.app.batch import list_articles
    from analysis.story.text import count_words

    rows = list_articles(corpus, limit).rows
    words = sum(
        count_words((corpus / r["file"]).read_bytes().decode("utf-8", errors="replace"))
        for r in rows
    )
    return len(rows), words


def scaled_corpus(corpus: Path, n: int, tmp: Path) -> Path:
    """A folder tree of ``n`` articles: the corpus's files linked again and again (copyK/...)."""
    from analysis.app.batch import list_articles

    rows = list_articles(corpus).rows
    for k in range(n):
        row = rows[k % len(rows)]
        link = tmp / f"copy{k // len(rows)}-{row['file'].replace('/', '-')}"
        link.symlink_to(corpus / row["file"])
    return tmp


def dev_set_scores() -> None:
    """Print the scores on the hand-labelled development sets (tests/devsets/): quality, not
    speed, printed here so that a change that buys speed with accuracy shows in the same run."""
    from analysis.evaluation import lines

    for line in lines.bench_report():
        print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help=f"a folder of .txt articles (default {DEFAULT_CORPUS} if it exists, else seeds/)",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="'all cores' (default: os.cpu_count())",
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        help="articles per chunk (default: analysis.app.batch's)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each configuration R times, alternating, and keep its fastest run",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="also time the full analysis on the plain reference path (COVERAGE_PLAIN=1, "
        "analysis.fast), one worker",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print a cProfile of the one-worker full analysis",
    )
    parser.add_argument(
        "--memory-articles",
        type=int,
        default=0,
        metavar="N",
        help="also measure peak memory of the full analysis of N articles (the corpus repeated)",
    )
    parser.add_argument(
        "--skip-extras", action="store_true", help="skip the alignment and warm re-run measures"
    )
    parser.add_argument(
        "--devset",
        action="store_true",
        help="only print the quote and speaker scores on the development set",
    )
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--extra", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.chunk_size is None:
        from analysis.app.batch import DEFAULT_CHUNK_SIZE

        args.chunk_size = DEFAULT_CHUNK_SIZE
    if args.corpus is None:
        args.corpus = DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else SEEDS
    if args.child:
        child_main(args)
        return 0
    if args.devset:
        print_devset(args)
        return 0

    n, words = corpus_words(args.corpus, args.limit)
    cores = args.workers
    print(f"corpus: {args.corpus} ({n:,} articles, {words:,} words)")
    print(
        f"machine: {os.cpu_count()} cores; 'all cores' = {cores} workers; chunk size {args.chunk_size}"
    )
    print(
        f"timing: the fastest of {args.repeat} run(s) of each configuration, in a fresh process each"
    )
    print(f"command: python bench/run.py{' ' + ' '.join(sys.argv[1:]) if sys.argv[1:] else ''}")
    print()
    runs: dict = {}
    load_before = os.getloadavg()[0]
    for _rep in range(args.repeat):  # alternate the configurations, keep each one's fastest run
        for kind in ("naive", "full"):
            for w in sorted({1, cores}):
                r = run_child(kind, args, workers=w)
                print(f"  ran {kind} x{w}: {r['seconds']:.1f} s", file=sys.stderr)
                best = runs.get((kind, w))
                if best is None or r["seconds"] < best["seconds"]:
                    r["peak_mb"] = max(r["peak_mb"], best["peak_mb"] if best else 0)
                    runs[(kind, w)] = r
                else:
                    best["peak_mb"] = max(best["peak_mb"], r["peak_mb"])

    if args.plain:
        # The same full analysis on the plain reference path of analysis.fast (same results).
        for _rep in range(args.repeat):
            r = run_child("full", args, workers=1, env={"COVERAGE_PLAIN": "1"})
            print(f"  ran full (plain path) x1: {r['seconds']:.1f} s", file=sys.stderr)
            best = runs.get(("plain", 1))
            if best is None or r["seconds"] < best["seconds"]:
                runs[("plain", 1)] = r

    label = {
        "naive": "(a) naive: pysbd + VADER + textstat",
        "full": "(b) full analysis (analysis.app.batch)",
        "plain": "(b) full, plain path (COVERAGE_PLAIN)",
    }
    print(
        f"{'pipeline':<37} {'workers':>7} {'articles/s':>10} {'words/s':>8} {'CPU-s':>7} "
        f"{'art/CPU-s':>9} {'peak MB':>7} {'(b)/(a)':>7} {'by CPU':>7}"
    )
    for (kind, w), r in runs.items():
        rate, per_cpu = r["articles"] / r["seconds"], r["articles"] / r["cpu_seconds"]
        naive = runs[("naive", w)]
        ratio = f"{rate / (naive['articles'] / naive['seconds']):.2f}x" if kind != "naive" else ""
        ratio_cpu = (
            f"{per_cpu / (naive['articles'] / naive['cpu_seconds']):.2f}x"
            if kind != "naive"
            else ""
        )
        print(
            f"{label[kind]:<37} {w:>7} {rate:>10.1f} {words / r['seconds']:>8,.0f} {r['cpu_seconds']:>7.1f} "
            f"{per_cpu:>9.1f} {r['peak_mb']:>7.0f} {ratio:>7} {ratio_cpu:>7}"
        )
    print(
        "  articles/s, words/s, (b)/(a): wall clock. CPU-s: CPU time of all the run's processes "
        "(psutil), art/CPU-s and 'by CPU' from it:\n  unlike the wall clock, CPU time does not move "
        "when other programs share the machine. peak MB: all processes' RSS, sampled."
    )
    if cores > 1:
        for kind in ("naive", "full"):
            scale = runs[(kind, 1)]["seconds"] / runs[(kind, cores)]["seconds"]
            extra = runs[(kind, cores)]["cpu_seconds"] / runs[(kind, 1)]["cpu_seconds"] - 1
            print(
                f"  {kind}: {cores} workers run {scale:.2f}x as fast as one by the wall clock; they use "
                f"{extra:+.0%} CPU time (starting workers, loading lexicons in each)"
            )
    full = runs[("full", cores)]
    print(
        f"  full analysis on {cores} workers: {full['seconds']:.1f} s wall, {full['cpu_seconds']:.1f} CPU-s "
        f"for {n:,} articles (at best {full['cpu_seconds'] / cores:.1f} s on {cores} idle cores); "
        f"tables: {', '.join(full.get('tables', []))} ({full.get('columns')} columns)"
    )
    print(
        f"  load average during the runs: {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} now "
        f"({os.cpu_count()} cores)"
    )

    stages = run_child("stages", args, workers=1, profile=False)
    total = sum(stages["stages"].values())
    print()
    print(
        f"stage breakdown of the full analysis (one worker, {stages['articles']:,} articles, "
        f"{stages['articles'] / stages['cpu_seconds']:.1f} articles per CPU-second; CPU time per stage)"
    )
    print(f"{'stage':<14} {'share':>7} {'articles/s if alone':>20}")
    for name, sec in sorted(stages["stages"].items(), key=lambda kv: -kv[1]):
        alone = f"{stages['articles'] / sec:.0f}" if sec > 0 else "-"
        print(f"{name:<14} {sec / total:>7.1%} {alone:>20}")
    if args.profile:
        print(run_child("stages", args, workers=1, profile=True)["profile"])

    if not args.skip_extras:
        print()
        al = run_child("align", args)
        print(
            f"cross-outlet alignment, synthetic story of {al['articles']} articles "
            f"({al['sentences']:,} sentences, {al['quotes'] if al['quotes'] is not None else 'no'} quotes):"
        )
        if "sentence_alignment_seconds" in al:
            print(
                f"  sentences (analysis.measures.shared_text.align): {al['sentence_alignment_seconds']:.2f} s "
                f"({', '.join(f'{k} {v}' for k, v in al['sentence_statuses'].items())})"
            )
        else:
            print("  sentences: analysis.measures.shared_text is not there yet")
        if "quote_alignment_seconds" in al:
            print(
                f"  quotes (Analysis.{al['quote_alignment_table']}): {al['quote_alignment_seconds']:.2f} s "
                f"({al['quote_alignment_rows']} rows)"
            )
        else:
            print("  quotes: no quote alignment table on Analysis yet")
        warm = run_child("warm", args)
        print(
            f"seed analysis, every table ({len(warm['tables'])} commands and the batch row): first run "
            f"{warm['first_seconds']:.2f} s; warm re-run after editing {warm['edited']}: "
            f"{warm['warm_seconds']:.2f} s"
        )
        for f in warm["failed"]:
            print(f"  (left out, it failed: {f})")
        for k in range(len(EXTRA_FIGURES)):
            ex = run_child("extra", args, extra=k)
            if "failed" in ex:
                print(f"{ex['label']}: failed ({ex['failed']})")
            else:
                print(
                    f"{ex['label']}: "
                    + ", ".join(f"{name} {value}" for name, value in ex["figures"].items())
                )
        print()
        print_devset(args)
        dev_set_scores()

    pg = run_child("pages", args)
    print()
    print(
        f"saved pages: article text found in the {pg['pages']} dev-set pages (tests/devsets/pages), "
        "word-shingle F1 (4 words) against the hand-written text, mean over pages:"
    )
    for row in pg["summary"]:
        print(
            f"  {row['method']:<26} F1 {row['f1']:.3f} (precision {row['precision']:.3f}, recall "
            f"{row['recall']:.3f}, lowest page {row['min_f1']:.3f})"
        )
    sec = pg["seconds_per_page"]
    print(
        f"  CPU time per page: workbook {sec['workbook'] * 1000:.0f} ms, "
        f"{sec['workbook'] / sec['trafilatura']:.1f}x trafilatura alone"
    )

    if args.memory_articles:
        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_corpus(args.corpus, args.memory_articles, Path(tmp))
            mem = run_child("full", args, workers=cores, corpus=big, limit=args.memory_articles)
        print(
            f"memory: full analysis of {mem['articles']:,} articles on {cores} workers: peak "
            f"{mem['peak_mb']:.0f} MB (all processes), main process {mem['self_mb']:.0f} MB, "
            f"{mem['articles'] / mem['seconds']:.1f} articles/s"
        )

    # Per core: one worker each, articles per CPU-second of the worker (see the table's note).
    naive1 = runs[("naive", 1)]["articles"] / runs[("naive", 1)]["cpu_seconds"]
    full1 = runs[("full", 1)]["articles"] / runs[("full", 1)]["cpu_seconds"]
    print()
    print(f"speedup per core: {full1 / naive1:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

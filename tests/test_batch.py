"""Corpus-scale batch analysis gives the plain single-process tables, whatever the engine.

The reference everywhere is the plain path: one :class:`analysis.pipeline.Analysis` over all
the articles at once (:func:`analysis.app.batch.article_table` of it). The batch path cuts the
articles into chunks, analyses each chunk on its own (in this process, in a process pool or on
a Dask cluster) and puts the rows back together; it must give the same rows, in the same order,
with the same values.
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from analysis.app import batch
from analysis.app.cli import main
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import Analysis, analyse
from analysis.story.loading import load_story

BBC = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc-news"

# A small corpus tree: two "outlets" as sub-folders, one file at the top, one file that is not
# UTF-8 (a Latin-1 pound sign, as in the BBC corpus's sport/199.txt) and one binary file.
TREE = {
    "sport/002.txt": "Second match report\n\nThe home side won 2-0. The coach said it was deserved.\n",
    "sport/001.txt": "First match report\n\nA late goal settled it. Fans cheered for minutes.\n",
    "business/010.txt": "Shares rise\n\nShares rose by 3% on Monday. Traders were pleased.\n",
    "business/011.txt": "Prices cut\n\nThe firm cut prices by \xa35 a unit. Rivals said they would follow.\n",
    "note.txt": "A loose note\n\nIt is filed at the top of the corpus. It has two sentences.\n",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for name, text in TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1" if name == "business/011.txt" else "utf-8"))
    (root / "tech").mkdir()
    (root / "tech" / "chart.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    return root


@pytest.fixture(scope="module")
def tree_result(tree) -> batch.CorpusResult:
    """The tree in chunks of two articles, in this process."""
    return batch.run_corpus(tree, chunk_size=2, progress=False)


@pytest.fixture(scope="module")
def plain_seeds() -> Analysis:
    """The plain analysis of the seeds, every table computed once."""
    a = analyse(SEEDS_DIR)
    batch.article_table(a)
    return a


@pytest.fixture(scope="module")
def seeds_in_chunks() -> batch.CorpusResult:
    """The seeds one article per chunk, in this process."""
    return batch.run_corpus(SEEDS_DIR, chunk_size=1, progress=False)


def _plain(folder: Path) -> pd.DataFrame:
    """The single-process reference: one Analysis of every article of ``folder``."""
    listing = batch.list_articles(folder)
    story = batch.load_chunk(
        folder, listing.rows, [(folder / r["file"]).read_bytes() for r in listing.rows]
    )
    return batch.article_table(Analysis(story))


# --- listing and loading ----------------------------------------------------------------------


def test_a_folder_tree_lists_every_txt_file_sorted_with_its_sub_folder_as_outlet(tree):
    listing = batch.list_articles(tree)
    assert [(r["file"], r["outlet"]) for r in listing.rows] == [
        ("business/010.txt", "business"),
        ("business/011.txt", "business"),
        ("note.txt", "note"),
        ("sport/001.txt", "sport"),
        ("sport/002.txt", "sport"),
        ("tech/chart.txt", "tech"),
    ]


def test_limit_keeps_the_first_articles_in_file_order(tree):
    assert [r["file"] for r in batch.list_articles(tree, limit=2).rows] == [
        "business/010.txt",
        "business/011.txt",
    ]


def test_a_folder_without_manifest_records_one_warning_saying_where_outlets_come_from(tree):
    warnings = batch.list_articles(tree).warnings
    assert list(warnings["code"]) == ["no-manifest"]
    assert "sub-folder" in warnings["message"].iloc[0]


def test_chunks_load_the_seeds_exactly_as_load_story_does():
    listing = batch.list_articles(SEEDS_DIR)
    data = [(SEEDS_DIR / r["file"]).read_bytes() for r in listing.rows]
    story = batch.load_chunk(SEEDS_DIR, listing.rows, data)
    pd.testing.assert_frame_equal(story.articles, load_story(SEEDS_DIR).articles)


def test_binary_and_non_utf8_files_are_reported_naming_the_file(tree_result):
    codes = dict(zip(tree_result.warnings["file"], tree_result.warnings["code"]))
    assert codes["business/011.txt"] == "not-utf8"
    assert codes["tech/chart.txt"] == "binary"
    assert "tech/chart.txt" not in set(tree_result.articles["file"])


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no such folder"):
        batch.analyse_corpus(tmp_path / "nowhere")


# --- the batch path equals the plain path -------------------------------------------------------


def test_the_result_has_one_row_per_article_in_file_order(tree_result):
    table = tree_result.articles
    assert list(table["file"]) == [
        "business/010.txt",
        "business/011.txt",
        "note.txt",
        "sport/001.txt",
        "sport/002.txt",
    ]
    assert list(table["outlet"]) == ["business", "business", "note", "sport", "sport"]


def test_seeds_in_chunks_of_one_article_equal_the_plain_analysis(plain_seeds, seeds_in_chunks):
    pd.testing.assert_frame_equal(seeds_in_chunks.articles, batch.article_table(plain_seeds))


@pytest.mark.parametrize("name", batch.available_tables())
def test_each_per_article_table_of_the_seeds_is_carried_unchanged(
    name, plain_seeds, seeds_in_chunks
):
    table = getattr(plain_seeds, name).rename(columns=batch.RENAME.get(name, {}))
    fast = seeds_in_chunks.articles
    assert set(table.columns) <= set(fast.columns)
    want = table.set_index("file").reindex(fast["file"]).reset_index()
    pd.testing.assert_frame_equal(fast[list(table.columns)], want)


def test_the_chunk_size_does_not_change_the_result(tree, tree_result):
    pd.testing.assert_frame_equal(
        tree_result.articles, batch.analyse_corpus(tree, chunk_size=5, progress=False)
    )
    pd.testing.assert_frame_equal(tree_result.articles, _plain(tree))


def test_the_warnings_of_a_chunked_run_are_those_of_load_story(plain_seeds, seeds_in_chunks):
    want = plain_seeds.warnings.reindex(columns=seeds_in_chunks.warnings.columns)
    pd.testing.assert_frame_equal(seeds_in_chunks.warnings, want)


def test_two_worker_processes_give_the_same_table_and_warnings_as_one(seeds_in_chunks):
    two = batch.run_corpus(SEEDS_DIR, workers=2, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(two.articles, seeds_in_chunks.articles)
    pd.testing.assert_frame_equal(two.warnings, seeds_in_chunks.warnings)


def test_detail_tables_written_to_disk_equal_the_plain_tables(plain_seeds, tmp_path):
    result = batch.run_corpus(SEEDS_DIR, chunk_size=1, details=tmp_path, progress=False)
    assert "sentences" in result.details
    for name, path in result.details.items():
        if name == "warnings":
            plain = plain_seeds.warnings
        else:  # the plain table's rows, article by article in file order
            plain = batch.by_file(getattr(plain_seeds, name), plain_seeds.articles["file"])
        assert path.read_text(encoding="utf-8") == plain.to_csv(index=False, lineterminator="\n"), (
            name
        )


def test_the_seeds_prefetched_one_article_per_chunk_have_the_plain_tables(plain_seeds):
    a = analyse(SEEDS_DIR)
    _assert_prefetched_equal_plain(a, plain_seeds, batch.prefetch(a, chunk_size=1, progress=False))


def test_the_seeds_prefetched_on_two_workers_have_the_plain_tables(plain_seeds):
    a = analyse(SEEDS_DIR)
    _assert_prefetched_equal_plain(
        a, plain_seeds, batch.prefetch(a, workers=2, chunk_size=1, progress=False)
    )


def test_tables_that_compare_articles_are_computed_as_usual_after_a_prefetch(plain_seeds):
    a = analyse(SEEDS_DIR)
    batch.prefetch(a, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(a.quotes, plain_seeds.quotes)


@pytest.mark.slow
def test_a_dask_cluster_of_two_processes_gives_the_same_tables(seeds_in_chunks):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = batch.run_corpus(SEEDS_DIR, scheduler=client, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(on_dask.articles, seeds_in_chunks.articles)
    pd.testing.assert_frame_equal(on_dask.warnings, seeds_in_chunks.warnings)


@pytest.fixture(scope="module")
def bbc_sample(tmp_path_factory) -> Path:
    """40 BBC articles spread over the five topic folders, linked (not copied) into a tree."""
    if not BBC.is_dir():
        pytest.skip("the BBC corpus (../shared/corpora/bbc-news) is not here")
    root = tmp_path_factory.mktemp("bbc")
    for row in batch.list_articles(BBC).rows[::56][:40]:
        link = root / row["file"]
        link.parent.mkdir(exist_ok=True)
        link.symlink_to(BBC / row["file"])
    return root


@pytest.fixture(scope="module")
def bbc_plain(bbc_sample) -> Analysis:
    listing = batch.list_articles(bbc_sample)
    data = [(bbc_sample / r["file"]).read_bytes() for r in listing.rows]
    a = Analysis(batch.load_chunk(bbc_sample, listing.rows, data))
    batch.article_table(a)
    return a


@pytest.mark.corpus
def test_a_sample_of_the_bbc_corpus_in_chunks_equals_the_plain_analysis(bbc_sample, bbc_plain):
    fast = batch.analyse_corpus(bbc_sample, chunk_size=7, progress=False)
    assert len(fast) == 40 and fast["outlet"].nunique() == 5
    pd.testing.assert_frame_equal(fast, batch.article_table(bbc_plain))


def _assert_prefetched_equal_plain(prefetched: Analysis, plain: Analysis, names: list[str]):
    assert names == [n for n in batch.PREFETCH if hasattr(Analysis, n)]
    for name in names:
        got, want = prefetched.__dict__[name], getattr(plain, name)
        if isinstance(want, pd.Series):
            pd.testing.assert_series_equal(got, want, obj=name)
        else:
            pd.testing.assert_frame_equal(got, want, obj=name)


@pytest.mark.corpus
def test_a_bbc_sample_prefetched_in_chunks_has_the_plain_tables(bbc_plain):
    a = Analysis(bbc_plain.story)
    _assert_prefetched_equal_plain(a, bbc_plain, batch.prefetch(a, chunk_size=7, progress=False))


# --- command line --------------------------------------------------------------------------------


def test_the_corpus_command_writes_one_csv_row_per_article(tree, tmp_path):
    out = tmp_path / "out" / "corpus.csv"
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main(["corpus", "--corpus", str(tree), "--out", str(out), "--no-progress"])
    assert code == 0
    table = pd.read_csv(out)
    assert list(table["file"]) == [
        "business/010.txt",
        "business/011.txt",
        "note.txt",
        "sport/001.txt",
        "sport/002.txt",
    ]
    assert "warning: " in err.getvalue() and "tech/chart.txt" in err.getvalue()


def test_the_corpus_command_reports_a_missing_folder_as_an_error(tmp_path):
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["corpus", "--corpus", str(tmp_path / "nowhere"), "--no-progress"])
    assert code == 2
    assert err.getvalue().startswith("error: ")


def test_detail_rows_are_put_in_file_order_keeping_each_articles_own_order():
    table = pd.DataFrame({"file": ["b", "a", "b", "a"], "row": ["b1", "a1", "b2", "a2"]})
    assert list(batch.by_file(table, ["a", "b"])["row"]) == ["a1", "a2", "b1", "b2"]


def test_the_report_hands_a_scheduler_address_to_prefetch(monkeypatch, tmp_path):
    # The report computes its per-article tables on Dask when given --scheduler; stop the run
    # right after that hand-over so the test stays fast.
    from analysis.app import cli

    seen = {}

    class Stop(Exception):
        pass

    def fake_prefetch(a, workers=1, scheduler=None, progress=None, **kw):
        seen.update(workers=workers, scheduler=scheduler, files=list(a.articles["file"]))
        raise Stop

    monkeypatch.setattr(batch, "prefetch", fake_prefetch)
    with pytest.raises(Stop):
        cli.main(
            [
                "report",
                "--seeds",
                str(SEEDS_DIR),
                "--out",
                str(tmp_path),
                "--skip-notebooks",
                "--no-progress",
                "--scheduler",
                "tcp://127.0.0.1:1",
                "--workers",
                "2",
            ]
        )
    assert seen["scheduler"] == "tcp://127.0.0.1:1" and seen["workers"] == 2
    assert len(seen["files"]) == 3


def test_the_fork_server_warm_up_analyses_its_article_without_error():
    # analysis.app.warm swallows errors when the fork server imports it (a head start only);
    # called directly it must run clean, or the workers would start cold without a word.
    from analysis.app import warm

    warm.warm()


def test_an_interrupted_run_leaves_the_previous_detail_tables_whole(tmp_path, monkeypatch):
    first = batch.run_corpus(SEEDS_DIR, chunk_size=1, details=tmp_path, progress=False)
    before = {name: path.read_bytes() for name, path in first.details.items()}
    real = batch.analyse_chunk
    calls = []

    def fails_on_the_second_chunk(task):
        calls.append(task)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user stops the run half-way
        return real(task)

    monkeypatch.setattr(batch, "analyse_chunk", fails_on_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        batch.run_corpus(SEEDS_DIR, chunk_size=1, details=tmp_path, progress=False)
    after = {name: path.read_bytes() for name, path in first.details.items()}
    assert after == before
    assert not list(tmp_path.glob(".*.partial"))


def test_a_chunk_raises_the_collector_thresholds_and_restores_them(monkeypatch):
    import gc

    seen = []
    real = batch._analyse_chunk
    monkeypatch.setattr(batch, "_analyse_chunk", lambda task: seen.append(gc.get_threshold()))
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        batch.analyse_chunk(None)
        assert seen[-1] == batch.CHUNK_GC_THRESHOLDS
        gc.set_threshold(50_000, 5, 1_000)  # a caller's own higher thresholds are kept
        batch.analyse_chunk(None)
        assert seen[-1] == (50_000, 50, 1_000)
        assert gc.get_threshold() == (50_000, 5, 1_000)

        def boom(task):
            raise RuntimeError("chunk failed")

        monkeypatch.setattr(batch, "_analyse_chunk", boom)
        with pytest.raises(RuntimeError):
            batch.analyse_chunk(None)
        assert gc.get_threshold() == (50_000, 5, 1_000)  # restored after an error too
    finally:
        gc.set_threshold(*before)
        monkeypatch.setattr(batch, "_analyse_chunk", real)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_the_pool_forks_a_process_running_one_thread_and_not_one_running_more():
    import threading

    from analysis.app.batch import _pool_context, _progress

    with _progress(3, False, "test"):  # the bar starts no monitor thread
        before = threading.active_count()
        context = _pool_context()
    assert context.get_start_method() == ("fork" if before == 1 else "forkserver")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _pool_context().get_start_method() == "forkserver"
    finally:
        stop.set()
        other.join()

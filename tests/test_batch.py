"""Corpus-scale batch analysis gives the plain single-process tables, whatever the engine.

The reference everywhere is the plain path: one :class:`analysis.pipeline.Analysis` over all
the articles at once (:func:`analysis.batch.article_table` of it). The batch path cuts the
articles into chunks, analyses each chunk on its own (in this process, in a process pool or on
a Dask cluster) and puts the rows back together; it must give the same rows, in the same order,
with the same values.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

from analysis import batch
from analysis.cli import main
from analysis.loading import load_story
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import Analysis, analyse

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


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in TREE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1" if name == "business/011.txt" else "utf-8"))
    (tmp_path / "tech").mkdir()
    (tmp_path / "tech" / "chart.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    return tmp_path


def _plain(folder: Path) -> pd.DataFrame:
    """The single-process reference: one Analysis of every article of ``folder``."""
    listing = batch.list_articles(folder)
    story = batch.load_chunk(folder, listing.rows, [(folder / r["file"]).read_bytes() for r in listing.rows])
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
    assert [r["file"] for r in batch.list_articles(tree, limit=2).rows] == ["business/010.txt",
                                                                            "business/011.txt"]


def test_a_folder_without_manifest_records_one_warning_saying_where_outlets_come_from(tree):
    warnings = batch.list_articles(tree).warnings
    assert list(warnings["code"]) == ["no-manifest"]
    assert "sub-folder" in warnings["message"].iloc[0]


def test_chunks_load_the_seeds_exactly_as_load_story_does():
    listing = batch.list_articles(SEEDS_DIR)
    data = [(SEEDS_DIR / r["file"]).read_bytes() for r in listing.rows]
    story = batch.load_chunk(SEEDS_DIR, listing.rows, data)
    pd.testing.assert_frame_equal(story.articles, load_story(SEEDS_DIR).articles)


def test_binary_and_non_utf8_files_are_reported_naming_the_file(tree):
    result = batch.run_corpus(tree, chunk_size=2, progress=False)
    codes = dict(zip(result.warnings["file"], result.warnings["code"]))
    assert codes["business/011.txt"] == "not-utf8"
    assert codes["tech/chart.txt"] == "binary"
    assert "tech/chart.txt" not in set(result.articles["file"])


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="no such folder"):
        batch.analyse_corpus(tmp_path / "nowhere")


# --- the batch path equals the plain path -------------------------------------------------------


def test_the_result_has_one_row_per_article_in_file_order(tree):
    table = batch.analyse_corpus(tree, progress=False)
    assert list(table["file"]) == ["business/010.txt", "business/011.txt", "note.txt",
                                   "sport/001.txt", "sport/002.txt"]
    assert list(table["outlet"]) == ["business", "business", "note", "sport", "sport"]


def test_seeds_in_chunks_of_one_article_equal_the_plain_analysis():
    plain = batch.article_table(analyse(SEEDS_DIR))
    fast = batch.analyse_corpus(SEEDS_DIR, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(fast, plain)


@pytest.mark.parametrize("name", batch.available_tables())
def test_each_per_article_table_of_the_seeds_is_carried_unchanged(name):
    table = batch.table_of(analyse(SEEDS_DIR), name).rename(columns=batch.RENAME.get(name, {}))
    fast = batch.analyse_corpus(SEEDS_DIR, chunk_size=2, progress=False)
    assert set(table.columns) <= set(fast.columns)
    want = table.set_index("file").reindex(fast["file"]).reset_index()
    pd.testing.assert_frame_equal(fast[list(table.columns)], want)


def test_the_chunk_size_does_not_change_the_result(tree):
    one = batch.analyse_corpus(tree, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(one, batch.analyse_corpus(tree, chunk_size=4, progress=False))
    pd.testing.assert_frame_equal(one, _plain(tree))


def test_two_worker_processes_give_the_same_table_as_one(tree):
    one = batch.analyse_corpus(tree, workers=1, chunk_size=1, progress=False)
    two = batch.analyse_corpus(tree, workers=2, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(two, one)


def test_two_worker_processes_give_the_same_seed_table_and_warnings_as_the_plain_analysis():
    plain = analyse(SEEDS_DIR)
    result = batch.run_corpus(SEEDS_DIR, workers=2, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(result.articles, batch.article_table(plain))
    pd.testing.assert_frame_equal(result.warnings, plain.warnings.reindex(columns=result.warnings.columns))


def test_sentence_details_written_to_disk_equal_the_plain_sentences_table(tmp_path):
    result = batch.run_corpus(SEEDS_DIR, chunk_size=1, details=tmp_path, progress=False)
    written = result.details["sentences"].read_text(encoding="utf-8")
    assert written == analyse(SEEDS_DIR).sentences.to_csv(index=False, lineterminator="\n")


@pytest.mark.slow
def test_a_dask_cluster_of_two_processes_gives_the_same_tables():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = batch.run_corpus(SEEDS_DIR, scheduler=client, chunk_size=1, progress=False)
    local = batch.run_corpus(SEEDS_DIR, chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(on_dask.articles, local.articles)
    pd.testing.assert_frame_equal(on_dask.warnings, local.warnings)


@pytest.mark.corpus
@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus (../shared/corpora/bbc-news) is not here")
def test_a_sample_of_the_bbc_corpus_in_chunks_equals_the_plain_analysis(tmp_path):
    # 40 articles spread over the five topic folders, linked (not copied) into a small tree.
    for row in batch.list_articles(BBC).rows[::56][:40]:
        link = tmp_path / row["file"]
        link.parent.mkdir(exist_ok=True)
        link.symlink_to(BBC / row["file"])
    fast = batch.analyse_corpus(tmp_path, workers=2, chunk_size=7, progress=False)
    assert len(fast) == 40 and fast["outlet"].nunique() == 5
    pd.testing.assert_frame_equal(fast, _plain(tmp_path))


# --- command line --------------------------------------------------------------------------------


def test_the_corpus_command_writes_one_csv_row_per_article(tree, tmp_path):
    out = tmp_path / "out" / "corpus.csv"
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main(["corpus", "--corpus", str(tree), "--out", str(out), "--no-progress"])
    assert code == 0
    table = pd.read_csv(out)
    assert list(table["file"]) == ["business/010.txt", "business/011.txt", "note.txt",
                                   "sport/001.txt", "sport/002.txt"]
    assert "warning: " in err.getvalue() and "tech/chart.txt" in err.getvalue()


def test_the_corpus_command_reports_a_missing_folder_as_an_error(tmp_path):
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["corpus", "--corpus", str(tmp_path / "nowhere"), "--no-progress"])
    assert code == 2
    assert err.getvalue().startswith("error: ")

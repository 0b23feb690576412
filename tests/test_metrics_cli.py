"""``python -m analysis metrics``: one row per article, stable documented columns."""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys

import pandas as pd
import pytest

from analysis.app.cli import main
from analysis.measures.metrics import METRICS_COLUMNS
from analysis.paths import PROJECT_ROOT, SEEDS_DIR

SEED_FILES = ["000_7e1ee2103f96c4a8.txt", "001_18c10f1d57aea1e8.txt", "002_c17e003ac22b380f.txt"]


def run_csv(capsys, seeds=SEEDS_DIR) -> str:
    assert main(["metrics", "--seeds", str(seeds), "--format", "csv"]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def seeds_csv() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "metrics", "--seeds", str(SEEDS_DIR), "--format", "csv"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_metrics_prints_one_row_per_seed_article(seeds_csv):
    table = pd.read_csv(io.StringIO(seeds_csv))
    assert list(table["file"]) == SEED_FILES
    assert list(table["outlet"]) == ["Fox News", "Kyiv Post", "LBC"]


def test_metrics_columns_are_the_stable_snake_case_list(seeds_csv):
    header = seeds_csv.splitlines()[0].split(",")
    assert header == list(METRICS_COLUMNS)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in header)
    for name in (
        "outlet",
        "body_words",
        "sentences",
        "mean_sentence_words",
        "flesch_reading_ease",
        "fk_grade",
        "sentiment_mean",
        "sentiment_narration_mean",
        "sentiment_quotes_mean",
    ):
        assert name in header


def test_the_seeds_are_marked_for_smog_and_have_readable_values(seeds_csv):
    table = pd.read_csv(io.StringIO(seeds_csv))
    assert (table["sentences"] < 30).all()
    assert not table["smog_grade_valid"].any()
    assert table["readability_notes"].str.contains("SMOG needs 30").all()
    assert table["fk_grade_valid"].all()
    assert table["english"].all()


def test_the_table_format_prints_for_a_person():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "metrics", "--seeds", "seeds"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Kyiv Post" in done.stdout and "fk_grade" in done.stdout


def test_output_is_byte_identical_run_to_run(capsys, seeds_csv):
    assert run_csv(capsys) == seeds_csv


def test_every_column_is_documented_in_the_methods():
    readme = (PROJECT_ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    section = readme.split("## Length, readability and sentiment", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for cell in re.findall(r"^\| ([^|]+) \|", section, flags=re.MULTILINE):
        documented.update(re.findall(r"`([a-z_<>]+)`", cell))
    if "<formula>_valid" in documented:
        formulas = (
            "flesch_reading_ease",
            "fk_grade",
            "gunning_fog",
            "smog_grade",
            "coleman_liau",
            "ari",
            "dale_chall",
        )
        documented.update(f"{f}_valid" for f in formulas if f in documented)
    missing = [c for c in METRICS_COLUMNS if c not in documented]
    assert missing == []


def test_a_non_english_article_gets_nan_metrics_and_a_reason(tmp_path, capsys):
    (tmp_path / "manifest.csv").write_text(
        "file,outlet\nen.txt,Herald\nfr.txt,Le Journal\n", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        "The council raised tram fares on Monday, and riders said they were not happy with the "
        "decision. A spokesman said the council would review it in the spring, after the "
        "elections.\n",
        encoding="utf-8",
    )
    (tmp_path / "fr.txt").write_text(
        "Le conseil municipal a augmenté lundi les tarifs du tramway, et les usagers ont dit "
        "leur colère. Un porte-parole a déclaré que le conseil réexaminerait la décision au "
        "printemps, après les élections.\n",
        encoding="utf-8",
    )
    table = pd.read_csv(io.StringIO(run_csv(capsys, tmp_path))).set_index("file")
    fr = table.loc["fr.txt"]
    assert not fr["english"]
    assert math.isnan(fr["fk_grade"]) and math.isnan(fr["sentiment_mean"])
    assert "not English" in fr["readability_notes"] and "not English" in fr["sentiment_notes"]
    assert fr["body_words"] > 0
    assert not math.isnan(table.loc["en.txt", "fk_grade"])


def test_every_metrics_chart_plots_the_numbers_of_the_tables():
    from matplotlib.figure import Figure

    from analysis.charts import metrics as charts_metrics
    from analysis.pipeline import analyse

    a = analyse(SEEDS_DIR)
    for name, chart in charts_metrics.CHARTS.items():
        fig, data = chart(a)
        assert isinstance(fig, Figure) and isinstance(data, pd.DataFrame) and len(data), name
    _, length = charts_metrics.length_by_outlet(a)
    assert list(length["body_words"]) == list(a.metrics["body_words"])
    _, grades = charts_metrics.readability_by_formula(a)
    smog = grades[grades["formula"] == "smog_grade"]
    assert not smog["valid"].any()  # drawn hollow: the seeds have fewer than 30 sentences

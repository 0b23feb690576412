"""Fit the line model (:mod:`analysis.story.line_model`) on the hand-labelled development set and
write its weights to ``analysis/data/line_model.csv``.

``python -m analysis.evaluation.train_line_model`` (``--devset DIR``, ``--out FILE``). The model
is a logistic regression of "the line is body" on :data:`analysis.story.line_model.FEATURES`,
over the lines the model is asked about (on every page with page furniture, the lines the rules
alone keep as body, :func:`analysis.story.cleaning.model_judges`), fitted by full-batch gradient descent with an L2 penalty
(:data:`L2`, :data:`STEPS` steps of size :data:`RATE`, from zero weights: the same pages give the
same weights).
"""

from __future__ import annotations

import argparse
import csv
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.evaluation.lines import DEVSET_DIR, Devset, load_devset
from analysis.story import line_model
from analysis.story.cleaning import (
    classify_article,
    clean_line,
    has_page_furniture,
    model_context,
    model_judges,
    split_lines,
)

L2 = 1e-3
STEPS = 3000
RATE = 0.5


def design(devset: Devset) -> tuple[np.ndarray, np.ndarray]:
    """The features (rows) of the lines the model is asked about, and whether a reader calls
    each one body: on every page with page furniture, the lines the rules alone keep as body
    (:func:`analysis.story.cleaning.classify_article` with the model off)."""
    gold = {(f, n): r for f, n, r in devset.labels.itertuples(index=False)}
    rows, target = [], []
    for art in devset.articles.itertuples(index=False):
        headline = getattr(art, "headline", "") or ""
        for i, x in _article_features(art.text, art.outlet, art.author or "", headline):
            rows.append(x)
            target.append(gold[(art.file, i + 1)] == "body")
    return np.array(rows, dtype=float), np.array(target, dtype=float)


@lru_cache(maxsize=1024)
def _article_features(
    text: str, outlet: str, author: str, headline: str = ""
) -> tuple[tuple[int, list[float]], ...]:
    clean = [clean_line(t) for t, _ in split_lines(text)]
    roles = classify_article(clean, outlet, author=author, model=(), headline=headline)
    if not has_page_furniture(roles):
        return ()
    x = line_model.features(clean, **model_context(clean, roles, outlet, headline))
    return tuple((i, x[i]) for i in x if model_judges(roles[i]))


def fit(devset: Devset) -> tuple[float, ...]:
    """The weights fitted on ``devset``, in :data:`analysis.story.line_model.FEATURE_NAMES` order."""
    x, y = design(devset)
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w)))
        w -= RATE * (x.T @ (p - y) / len(y) + L2 * w)
    return tuple(round(float(v), 6) for v in w)


def write(weights, path: str | Path = line_model.MODEL_FILE) -> Path:
    """Write the weights file (``feature, weight, description``)."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["feature", "weight", "description"])
        for (name, description), w in zip(line_model.FEATURES, weights):
            out.writerow([name, f"{w:.6f}", description])
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.evaluation.train_line_model", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--devset", default=str(DEVSET_DIR), help="folder of labelled pastes")
    parser.add_argument("--out", default=str(line_model.MODEL_FILE), help="weights file to write")
    args = parser.parse_args(argv)
    print(f"wrote {write(fit(load_devset(args.devset)), args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

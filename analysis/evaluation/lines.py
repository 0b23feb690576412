"""Line roles scored against hand labels: per-role precision and recall, and body-line F1.

The development set (``tests/devsets/pastes/``) is a folder of pasted pages, one ``.txt`` file
each, with

- ``manifest.csv``: ``file, outlet, layout, author`` and, optionally, ``headline`` (``layout``
  says what kind of page it is: broadcaster, wire, aggregator, live blog, ...; ``author`` and
  ``headline`` are what a story manifest would hold; :func:`without_headlines` blanks the
  headlines, as a user who leaves that column empty);
- ``labels.csv``: ``file, line, role``, one row per non-blank line (1-based line numbers, as
  ``cat -n`` shows them), the role a careful reader gives it (one of
  :data:`analysis.story.cleaning.ROLES`). Blank lines have no row: their role is ``blank``.

A line is *body* when it is a paragraph of the article; every other non-blank role is
furniture. The scores count non-blank lines only:

- per role: precision (of the lines given the role, the share a reader gives it too), recall
  (of the lines a reader gives the role, the share that got it) and F1;
- **body-line F1**: precision and recall of ``body`` against all other non-blank roles, the
  number every metric depends on (a furniture line read as body corrupts word counts,
  readability and sentiment; a body line taken out loses text).

:func:`leave_one_outlet_out` scores a method on each outlet with that outlet's pages held out
of whatever the method learns from: :func:`cleaner_method` (the default) fits the line model
(:mod:`analysis.story.line_model`) on the other outlets' pages; the rules are not fitted to the
pages (:func:`rules_method` alone scores the same held out as in).

Run ``python -m analysis.evaluation.lines`` for the report, ``--show FILE`` to read one page
with its labels and the cleaner's roles side by side, ``--errors`` to list every disagreement.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis.paths import PROJECT_ROOT
from analysis.story.cleaning import ROLES, classify_lines

#: The hand-labelled pastes.
DEVSET_DIR = PROJECT_ROOT / "tests" / "devsets" / "pastes"
#: Story folders of labelled pastes (one story each, several outlets' copies of it).
STORIES_DIR = PROJECT_ROOT / "tests" / "devsets" / "stories"
#: The BBC News corpus (clean articles: a headline line, then paragraphs), read in place.
BBC_DIR = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc-news"
#: Roles that keep a BBC corpus line (every line of those articles is headline or text).
BBC_KEPT_ROLES = ("body", "headline")
MANIFEST_COLUMNS = ("file", "outlet", "layout", "author")
#: Manifest columns read when present (blank otherwise).
OPTIONAL_COLUMNS = ("headline",)
LABEL_COLUMNS = ("file", "line", "role")
#: Columns of :func:`predict`'s table, one row per raw line.
PREDICTION_COLUMNS = ("file", "outlet", "line", "gold", "role", "reason", "clean")
#: Roles that are scored (every role but ``blank``).
SCORED_ROLES = tuple(r for r in ROLES if r != "blank")

#: A method: given the pages it may learn from, returns a function from an articles table
#: (``file, outlet, author, text``) to its lines table (``file, line, role, reason, clean``).
Method = Callable[["Devset"], Callable[[pd.DataFrame], pd.DataFrame]]


class DevsetError(ValueError):
    """A development set that cannot be scored; the message names the file and line."""


@dataclass(frozen=True)
class Devset:
    """Pasted pages and their hand labels."""

    articles: pd.DataFrame  # file, outlet, layout, author, text
    labels: pd.DataFrame  # file, line, role: every raw line, blank ones included

    @property
    def outlets(self) -> list[str]:
        return sorted(self.articles["outlet"].unique())

    def subset(self, keep) -> "Devset":
        """The pages whose outlet ``keep(outlet)`` accepts."""
        arts = self.articles[self.articles["outlet"].map(keep)]
        labels = self.labels[self.labels["file"].isin(set(arts["file"]))]
        return Devset(arts.reset_index(drop=True), labels.reset_index(drop=True))


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict]:
    if not path.is_file():
        raise DevsetError(f"{path}: missing")
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise DevsetError(f"{path}: missing column(s) {', '.join(missing)}")
        return [dict(row, _line=str(n)) for n, row in enumerate(reader, start=2)]


def load_devset(folder: str | Path = DEVSET_DIR) -> Devset:
    """Read a development set of pastes (layout in the module docstring).

    Raises :class:`DevsetError`, naming the file and line, for a manifest row whose file is
    missing, a label on a line that does not exist or is blank, an unknown role, a line
    labelled twice, or a non-blank line with no label.
    """
    folder = Path(folder)
    rows = _read_csv(folder / "manifest.csv", MANIFEST_COLUMNS)
    arts, texts = [], {}
    for row in rows:
        path = folder / row["file"]
        if not path.is_file():
            raise DevsetError(
                f"{folder / 'manifest.csv'} line {row['_line']}: {row['file']} does not exist"
            )
        text = path.read_text(encoding="utf-8")
        texts[row["file"]] = text.splitlines()
        arts.append(
            {c: row[c] for c in MANIFEST_COLUMNS}
            | {c: row.get(c) or "" for c in OPTIONAL_COLUMNS}
            | {"text": text}
        )
    labelled: dict[tuple[str, int], str] = {}
    for row in _read_csv(folder / "labels.csv", LABEL_COLUMNS):
        where = f"{folder / 'labels.csv'} line {row['_line']}"
        file, role = row["file"], row["role"].strip()
        if file not in texts:
            raise DevsetError(f"{where}: {file} is not in the manifest")
        try:
            n = int(row["line"])
        except ValueError:
            raise DevsetError(f"{where}: line {row['line']!r} is not a number") from None
        if not 1 <= n <= len(texts[file]):
            raise DevsetError(f"{where}: {file} has no line {n}")
        if role not in SCORED_ROLES:
            raise DevsetError(f"{where}: role {role!r} is not one of {', '.join(SCORED_ROLES)}")
        if not texts[file][n - 1].strip():
            raise DevsetError(f"{where}: {file} line {n} is blank")
        if (file, n) in labelled:
            raise DevsetError(f"{where}: {file} line {n} is labelled twice")
        labelled[(file, n)] = role
    out = []
    for file, lines in texts.items():
        for n, text in enumerate(lines, start=1):
            if text.strip():
                if (file, n) not in labelled:
                    raise DevsetError(f"{folder / file} line {n}: no label in labels.csv")
                out.append((file, n, labelled[(file, n)]))
            else:
                out.append((file, n, "blank"))
    articles = pd.DataFrame(arts, columns=list(MANIFEST_COLUMNS + OPTIONAL_COLUMNS) + ["text"])
    return Devset(articles, pd.DataFrame(out, columns=list(LABEL_COLUMNS)))


def without_headlines(devset: Devset) -> Devset:
    """The same pages with the manifest's headline left blank (as a user may leave it)."""
    return Devset(devset.articles.assign(headline=""), devset.labels)


def fresh_report(devset: Devset) -> str:
    """Scores for a fresh batch of pages from outlets the cleaner has never seen: the cleaner as
    shipped (its line model fitted on the development set, which does not hold these pages),
    body lines pooled and per outlet, then every disagreement."""
    pred = predict(devset, shipped_method())
    s = body_scores(pred)
    out = [
        f"fresh pages, the cleaner as shipped: {len(devset.articles)} pages, {s['lines']} lines; "
        f"body precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f} "
        f"(furniture as body {s['furniture_as_body']}, body as furniture {s['body_as_furniture']})"
    ]
    for r in per_outlet(pred).sort_values("f1").itertuples(index=False):
        out.append(f"  {r.f1:.3f}  {r.outlet}")
    for r in errors(pred).itertuples(index=False):
        out.append(f"{r.file}:{r.line}: reader {r.gold}, got {r.role} ({r.reason}): {r.clean[:90]}")
    return "\n".join(out)


def rules_method(train: Devset | None = None) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The cleaner's rules alone (:func:`analysis.story.cleaning.classify_lines` with the line
    model off). They are kept as data and code, not fitted, so ``train`` is not read."""
    return lambda articles: classify_lines(articles, model=())


def shipped_method(train: Devset | None = None) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The cleaner as shipped: the rules, then the line model with the weights of
    ``analysis/data/line_model.csv`` (fitted on the whole development set, so only for scores
    with every outlet in)."""
    return lambda articles: classify_lines(articles)


def cleaner_method(train: Devset) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The rules, then the line model fitted on ``train`` only
    (:func:`analysis.evaluation.train_line_model.fit`): the cleaner as it would be had it never
    seen the pages it is scored on. The default method of the scores."""
    from analysis.evaluation.train_line_model import fit

    weights = fit(train)
    return lambda articles: classify_lines(articles, model=weights)


def story_method(train: Devset | None = None) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """The cleaner as shipped, with the pages scored together as one story: each article is
    also judged against the words of the others
    (:func:`analysis.story.loading.story_vocabulary`), as a story folder is loaded."""
    from analysis.story.loading import story_vocabulary

    return lambda articles: classify_lines(articles, story_words=story_vocabulary(articles))


def story_folders(folder: str | Path = STORIES_DIR) -> list[Path]:
    """The story folders under ``folder`` (each a development set of its own), sorted."""
    return sorted(p for p in Path(folder).iterdir() if (p / "manifest.csv").is_file())


def stories_report(folder: str | Path = STORIES_DIR, show_errors: bool = False) -> str:
    """Body-line scores on every story folder under ``folder``, the cleaner as shipped with the
    story's other articles left out (``off``, every article on its own, as a corpus is run) and
    used (``on``, :func:`story_method`), per story and pooled; with ``show_errors``, every
    disagreement with them on."""
    out: list[str] = []
    pooled: dict[str, list[pd.DataFrame]] = {"off": [], "on": []}
    for path in story_folders(folder):
        devset = load_devset(path)
        row: list[str] = []
        errs: list[str] = []
        for name, method in (("off", shipped_method()), ("on", story_method())):
            pred = predict(devset, method)
            pooled[name].append(pred)
            s = body_scores(pred)
            row.append(
                f"{name} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                f"(furniture as body {s['furniture_as_body']}, body as furniture "
                f"{s['body_as_furniture']})"
            )
            if show_errors and name == "on":
                errs = [
                    f"  {r.file}:{r.line}: reader {r.gold}, got {r.role} ({r.reason}): {r.clean[:80]}"
                    for r in errors(pred).itertuples(index=False)
                ]
        out.append(f"{path.name} ({len(devset.articles)} pages): " + "; ".join(row))
        if show_errors:
            out += errs
    if pooled["on"]:
        for name in ("off", "on"):
            s = body_scores(pd.concat(pooled[name], ignore_index=True))
            out.append(
                f"all stories, {name}: {s['lines']} lines; body precision {s['precision']:.3f} "
                f"recall {s['recall']:.3f} F1 {s['f1']:.3f} (furniture as body "
                f"{s['furniture_as_body']}, body as furniture {s['body_as_furniture']})"
            )
    return "\n".join(out)


def predict(
    devset: Devset, classify: Callable[[pd.DataFrame], pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Every raw line with the reader's role (``gold``) and the method's (``role``, ``reason``),
    columns :data:`PREDICTION_COLUMNS`."""
    classify = shipped_method() if classify is None else classify
    lines = classify(devset.articles)[["file", "outlet", "line", "role", "reason", "clean"]]
    merged = devset.labels.rename(columns={"role": "gold"}).merge(
        lines, on=["file", "line"], how="left", validate="one_to_one"
    )
    if merged["role"].isna().any():
        first = merged[merged["role"].isna()].iloc[0]
        raise DevsetError(f"{first['file']} line {first['line']}: the method gave no role")
    return merged[list(PREDICTION_COLUMNS)]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = (
        2 * p * r / (p + r)
        if n_pred and n_gold and (p + r)
        else (0.0 if n_pred or n_gold else float("nan"))
    )
    return p, r, f


def role_scores(pred: pd.DataFrame) -> pd.DataFrame:
    """Per role: ``gold`` lines a reader gave it, ``predicted`` lines the method gave it,
    ``correct`` lines both gave it, ``precision``, ``recall``, ``f1``. Non-blank lines only
    (a line the reader calls blank and the method does not, or the reverse, counts against
    the role it got)."""
    scored = pred[(pred["gold"] != "blank") | (pred["role"] != "blank")]
    rows = []
    for role in SCORED_ROLES:
        g = int((scored["gold"] == role).sum())
        q = int((scored["role"] == role).sum())
        c = int(((scored["gold"] == role) & (scored["role"] == role)).sum())
        rows.append((role, g, q, c, *_prf(c, q, g)))
    return pd.DataFrame(
        rows, columns=["role", "gold", "predicted", "correct", "precision", "recall", "f1"]
    )


def body_scores(pred: pd.DataFrame) -> dict:
    """Body lines against every other non-blank role: ``lines`` (non-blank), ``precision``,
    ``recall``, ``f1``, and the counts ``furniture_as_body`` (false positives) and
    ``body_as_furniture`` (false negatives)."""
    scored = pred[(pred["gold"] != "blank") | (pred["role"] != "blank")]
    gold = scored["gold"] == "body"
    got = scored["role"] == "body"
    tp = int((gold & got).sum())
    p, r, f = _prf(tp, int(got.sum()), int(gold.sum()))
    return {
        "lines": len(scored),
        "precision": p,
        "recall": r,
        "f1": f,
        "furniture_as_body": int((got & ~gold).sum()),
        "body_as_furniture": int((gold & ~got).sum()),
    }


def held_out_predictions(devset: Devset, method: Method = cleaner_method) -> pd.DataFrame:
    """:func:`predict` for every page, each outlet's pages classified by the method fitted on the
    other outlets' pages only (the pooled leave-one-outlet-out predictions)."""
    parts = []
    for outlet in devset.outlets:
        train = devset.subset(lambda o, held=outlet: o != held)
        test = devset.subset(lambda o, held=outlet: o == held)
        parts.append(predict(test, method(train)))
    return pd.concat(parts, ignore_index=True)


def per_outlet(pred: pd.DataFrame) -> pd.DataFrame:
    """Body-line scores per outlet from a predictions table: one row per outlet (``outlet,
    pages, lines, precision, recall, f1, furniture_as_body, body_as_furniture``)."""
    rows = []
    for outlet, part in pred.groupby("outlet", sort=True):
        rows.append({"outlet": outlet, "pages": part["file"].nunique()} | body_scores(part))
    return pd.DataFrame(rows)


def leave_one_outlet_out(devset: Devset, method: Method = cleaner_method) -> pd.DataFrame:
    """Body-line scores per outlet, each outlet's pages classified by the method fitted on the
    other outlets' pages only (:func:`per_outlet` of :func:`held_out_predictions`)."""
    return per_outlet(held_out_predictions(devset, method))


def summary(
    devset: Devset, method: Method = cleaner_method, held_out: pd.DataFrame | None = None
) -> dict:
    """The headline numbers: body-line precision, recall and F1 with every outlet in
    (``in_*``: the method fitted on every page), pooled over the held-out predictions
    (``held_out_*``), and the lowest held-out per-outlet F1 (``held_out_min_f1``, its outlet)."""
    inside = body_scores(predict(devset, method(devset)))
    held = held_out_predictions(devset, method) if held_out is None else held_out
    loo = per_outlet(held)
    pooled = body_scores(held)
    worst = loo.sort_values(["f1", "outlet"]).iloc[0]
    return {
        "pages": len(devset.articles),
        "outlets": len(devset.outlets),
        "lines": inside["lines"],
        "in_precision": inside["precision"],
        "in_recall": inside["recall"],
        "in_f1": inside["f1"],
        "held_out_precision": pooled["precision"],
        "held_out_recall": pooled["recall"],
        "held_out_f1": pooled["f1"],
        "held_out_mean_f1": float(loo["f1"].mean()),
        "held_out_min_f1": float(worst["f1"]),
        "held_out_min_outlet": worst["outlet"],
    }


def report(devset: Devset | None = None, method: Method = cleaner_method) -> str:
    """A plain-text report: the summary, per-role scores with every outlet in, and the
    outlets whose held-out body F1 is below 1."""
    devset = load_devset() if devset is None else devset
    held = held_out_predictions(devset, method)
    s = summary(devset, method, held)
    roles = role_scores(predict(devset, method(devset)))
    loo = per_outlet(held)
    out = [
        f"line roles on {s['pages']} pastes from {s['outlets']} outlets ({s['lines']} non-blank lines)",
        f"body lines, every outlet in:  precision {s['in_precision']:.3f}  recall {s['in_recall']:.3f}  "
        f"F1 {s['in_f1']:.3f}",
        f"body lines, outlet held out:  precision {s['held_out_precision']:.3f}  recall "
        f"{s['held_out_recall']:.3f}  F1 {s['held_out_f1']:.3f} (pooled); per outlet mean "
        f"{s['held_out_mean_f1']:.3f}, lowest {s['held_out_min_f1']:.3f} ({s['held_out_min_outlet']})",
        "",
        f"{'role':<12} {'gold':>5} {'got':>5} {'right':>5} {'precision':>9} {'recall':>7}",
    ]
    for r in roles.itertuples(index=False):
        out.append(
            f"{r.role:<12} {r.gold:>5} {r.predicted:>5} {r.correct:>5} {r.precision:>9.3f} {r.recall:>7.3f}"
        )
    weak = loo[loo["f1"] < 1].sort_values("f1")
    if len(weak):
        out += ["", "outlets held out with body F1 below 1:"]
        for r in weak.itertuples(index=False):
            out.append(
                f"  {r.f1:.3f}  {r.outlet} (furniture as body {r.furniture_as_body}, "
                f"body as furniture {r.body_as_furniture})"
            )
    return "\n".join(out).replace("nan", "  - ")


def show(devset: Devset, file: str, method: Method = shipped_method, width: int = 100) -> str:
    """One page, a line each: number, the reader's role, the method's role (``*`` when they
    differ) and the text, for auditing the labels."""
    pred = predict(devset.subset(lambda o: True), method(devset))
    part = pred[pred["file"] == file]
    if part.empty:
        raise DevsetError(f"{file}: not in the development set")
    out = []
    for r in part.itertuples(index=False):
        mark = " " if r.gold == r.role else "*"
        out.append(f"{r.line:>3} {r.gold:<11} {mark}{r.role:<11} {r.clean}"[:width])
    return "\n".join(out)


def errors(pred: pd.DataFrame) -> pd.DataFrame:
    """The lines where method and reader disagree, with the method's reason."""
    return pred[pred["gold"] != pred["role"]].reset_index(drop=True)


def bbc_kept_share(folder: str | Path = BBC_DIR) -> tuple[int, int, pd.DataFrame]:
    """The cleaner on the BBC News corpus: ``(kept, lines, lost)`` where ``lines`` counts the
    non-blank lines of every ``.txt`` file under ``folder``, ``kept`` those given a role in
    :data:`BBC_KEPT_ROLES`, and ``lost`` is a table of the others (``file, line, role, reason,
    clean``). Files that are not UTF-8 are read as Latin-1 (the corpus has one)."""
    from analysis.story.cleaning import classify_article, clean_line, load_rules, split_lines

    rules = load_rules()
    kept = total = 0
    lost = []
    for path in sorted(Path(folder).rglob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        clean = [clean_line(t) for t, _ in split_lines(text)]
        for n, (c, (role, reason)) in enumerate(
            zip(clean, classify_article(clean, "BBC News", rules)), start=1
        ):
            if role == "blank":
                continue
            total += 1
            if role in BBC_KEPT_ROLES:
                kept += 1
            else:
                lost.append((str(path.relative_to(folder)), n, role, reason, c))
    return kept, total, pd.DataFrame(lost, columns=["file", "line", "role", "reason", "clean"])


def bench_report(devset: Devset | None = None) -> list[str]:
    """The lines ``bench/run.py`` prints for the line-role stage: body-line F1 with every
    outlet in and held out, and the BBC corpus share kept as body or headline."""
    devset = load_devset() if devset is None else devset
    s = summary(devset)
    out = [
        f"line roles ({s['pages']} pastes, {s['outlets']} outlets): body F1 {s['in_f1']:.3f} with every "
        f"outlet in, {s['held_out_f1']:.3f} held out (lowest outlet {s['held_out_min_f1']:.3f})"
    ]
    if BBC_DIR.is_dir():
        kept, total, _ = bbc_kept_share()
        out.append(
            f"line roles, BBC corpus: {kept:,} of {total:,} lines kept as body or headline "
            f"({100 * kept / total:.2f}%)"
        )
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.evaluation.lines", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--devset", default=str(DEVSET_DIR), help="folder of labelled pastes")
    parser.add_argument("--show", metavar="FILE", help="print one page with its labels and roles")
    parser.add_argument(
        "--errors", action="store_true", help="list every line where method and reader disagree"
    )
    parser.add_argument(
        "--no-headline",
        action="store_true",
        help="leave the manifest's headline blank (as a user may)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="score a batch of new pages with the cleaner as shipped (no fitting on them)",
    )
    parser.add_argument(
        "--stories",
        nargs="?",
        const=str(STORIES_DIR),
        metavar="DIR",
        help="score a folder of story folders with the other outlets' words off and on",
    )
    args = parser.parse_args(argv)
    if args.stories:
        try:
            print(stories_report(args.stories, show_errors=args.errors))
        except (DevsetError, OSError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        return 0
    try:
        devset = load_devset(args.devset)
    except DevsetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.no_headline:
        devset = without_headlines(devset)
    if args.fresh:
        print(fresh_report(devset))
    elif args.show:
        print(show(devset, args.show))
    elif args.errors:
        for r in errors(predict(devset)).itertuples(index=False):
            print(f"{r.file}:{r.line}: reader {r.gold}, got {r.role} ({r.reason}): {r.clean[:90]}")
    else:
        print(report(devset))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

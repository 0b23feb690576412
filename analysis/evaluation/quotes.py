"""Quote detection and speaker attribution, scored against hand-labelled stories.

A development set is a folder of story folders (``tests/devsets/quotes/<story>/``), each a
normal story folder (``manifest.csv`` and the pasted ``.txt`` articles) plus ``gold.csv``, the
hand labels: one row per span inside quotation marks that a reader counts as a quote, a
fragment or a term, in the article's order.

| column | meaning |
|---|---|
| ``file`` | the article (a file of the story folder) |
| ``quote`` | the words inside the marks, as written (punctuation and typography do not count) |
| ``speaker`` | the canonical name of who said it (full name of a person, or an organisation's name); blank when the text does not say |
| ``kind`` | ``quote`` (someone's words), ``fragment`` (a few words woven into the reporter's sentence) or ``term`` (a title, a name or a scare-quoted word: nobody's speech) |

Scores (:func:`score`), per story and overall:

- **precision**: quotes the workbook found that are gold spans / quotes it found;
- **recall**: gold spans it found / gold spans;
- **speaker accuracy**: of the gold spans it found, the share whose ``speaker`` is the gold
  speaker (blank must be blank); also over gold ``quote`` rows alone
  (``quote_speaker_accuracy``).

A found quote and a gold span match when their words are the same (lower case, typography
and punctuation ignored), in the same file, paired in reading order. Speakers match when they
are the same name ignoring case, typography and spacing. Nothing here reads the workbook's own
output to decide what is right: the gold labels are written by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict, deque
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_ROOT

#: The development sets of quotes: one story folder each.
DEVSET_DIR = PROJECT_ROOT / "tests" / "devsets" / "quotes"
GOLD_FILE = "gold.csv"
GOLD_COLUMNS = ("file", "quote", "speaker", "kind")
KINDS = ("quote", "fragment", "term")
#: Columns of :func:`match_story`: one row per gold span and per quote found that is no gold span.
MATCH_COLUMNS = ("story", "file", "gold_quote", "kind", "gold_speaker", "found", "quote_id",
                 "location", "line", "quote", "speaker", "speaker_evidence", "speaker_correct")
#: Columns of :func:`score`: one row per story, then ``overall``.
SCORE_COLUMNS = ("story", "articles", "outlets", "gold", "gold_quotes", "predicted", "matched",
                 "precision", "recall", "speaker_correct", "speaker_accuracy",
                 "quote_speaker_accuracy")

_WORD = re.compile(r"[^\W_]+")
_SAME = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def words_key(text: str) -> tuple[str, ...]:
    """The words of a quote for matching: NFKC, lower case, letters and digits only
    (``"Now what, 45?"`` -> ``('now', 'what', '45')``; an apostrophe splits a word the same
    way on both sides, so ``don't`` and ``don’t`` agree)."""
    text = unicodedata.normalize("NFKC", str(text)).translate(_SAME).lower()
    return tuple(_WORD.findall(text))


def speaker_key(name: str) -> str:
    """A speaker name for comparison: case, typography and spacing ignored."""
    text = unicodedata.normalize("NFKC", str(name or "")).translate(_SAME)
    return " ".join(text.split()).casefold()


def stories(root: str | Path | None = None) -> list[Path]:
    """The story folders of a development set (sub-folders holding ``gold.csv``), sorted."""
    root = Path(root) if root is not None else DEVSET_DIR
    return sorted(p for p in root.iterdir() if (p / GOLD_FILE).is_file())


def read_gold(folder: str | Path) -> pd.DataFrame:
    """``gold.csv`` of one story folder, checked: the four columns, a known ``kind`` and a file
    of the folder on every row (a bad row stops with an error naming its line)."""
    path = Path(folder) / GOLD_FILE
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    if tuple(gold.columns) != GOLD_COLUMNS:
        raise ValueError(f"{path}: the columns must be {','.join(GOLD_COLUMNS)}")
    for n, row in enumerate(gold.itertuples(index=False), start=2):
        if row.kind not in KINDS:
            raise ValueError(f"{path}, line {n}: kind {row.kind!r} is not one of {KINDS}")
        if not (Path(folder) / row.file).is_file():
            raise ValueError(f"{path}, line {n}: no file {row.file!r} in the story folder")
        if not words_key(row.quote):
            raise ValueError(f"{path}, line {n}: the quote has no words")
    return gold


def match_story(folder: str | Path, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pair the quotes the workbook finds in one story (``analyse(folder).quotes``, or
    ``quotes`` when given) with the story's gold spans (columns :data:`MATCH_COLUMNS`): a gold
    span and a found quote pair when they are in the same file with the same words, in reading
    order. Gold spans not found have ``found`` False; found quotes that are no gold span have
    an empty ``gold_quote``."""
    folder = Path(folder)
    gold = read_gold(folder)
    if quotes is None:
        from analysis.pipeline import analyse

        quotes = analyse(folder).quotes
    quotes = quotes.sort_values(["file", "line", "start"], kind="stable")
    found: dict[tuple, deque] = defaultdict(deque)
    for q in quotes.itertuples(index=False):
        found[(q.file, words_key(q.quote))].append(q)
    rows = []
    for g in gold.itertuples(index=False):
        pool = found.get((g.file, words_key(g.quote)))
        q = pool.popleft() if pool else None
        row = dict(story=folder.name, file=g.file, gold_quote=g.quote, kind=g.kind,
                   gold_speaker=g.speaker, found=q is not None)
        if q is not None:
            row.update(quote_id=q.quote_id, location=q.location, line=int(q.line),
                       quote=q.quote, speaker=q.speaker, speaker_evidence=q.speaker_evidence,
                       speaker_correct=speaker_key(q.speaker) == speaker_key(g.speaker))
        rows.append(row)
    for pool in found.values():
        for q in pool:
            rows.append(dict(story=folder.name, file=q.file, gold_quote="", kind="",
                             gold_speaker="", found=False, quote_id=q.quote_id,
                             location=q.location, line=int(q.line), quote=q.quote,
                             speaker=q.speaker, speaker_evidence=q.speaker_evidence))
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    frame["line"] = frame["line"].fillna(0).astype("int64")
    frame["speaker_correct"] = frame["speaker_correct"].astype(object)
    for c in ("quote_id", "location", "quote", "speaker", "speaker_evidence"):
        frame[c] = frame[c].fillna("")
    return frame


def _scores(story: str, matches: pd.DataFrame, articles: int, outlets: int) -> dict:
    gold = matches[matches.gold_quote != ""]
    extra = matches[matches.gold_quote == ""]
    hit = gold[gold.found]
    predicted = len(hit) + len(extra)
    correct = int((hit.speaker_correct == True).sum())  # noqa: E712 (object column)
    quotes = hit[hit.kind == "quote"]
    ratio = lambda a, b: a / b if b else float("nan")  # noqa: E731
    return dict(story=story, articles=articles, outlets=outlets, gold=len(gold),
                gold_quotes=int((gold.kind == "quote").sum()), predicted=predicted,
                matched=len(hit), precision=ratio(len(hit), predicted),
                recall=ratio(len(hit), len(gold)), speaker_correct=correct,
                speaker_accuracy=ratio(correct, len(hit)),
                quote_speaker_accuracy=ratio(int((quotes.speaker_correct == True).sum()),  # noqa: E712
                                             len(quotes)))


def score(root: str | Path | None = None, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """Precision, recall and speaker accuracy of quote finding on every story of a development
    set (default :data:`DEVSET_DIR`), one row per story and a last row ``overall`` (pooled
    over all gold spans, not a mean of the stories). Columns :data:`SCORE_COLUMNS`."""
    folders = stories(root)
    if matches is None:
        matches = pd.concat([match_story(f) for f in folders], ignore_index=True)
    rows, outlets_all, files_all = [], set(), 0
    for f in folders:
        manifest = pd.read_csv(f / "manifest.csv", dtype=str, keep_default_na=False)
        outlets_all |= set(manifest.outlet)
        files_all += len(manifest)
        rows.append(_scores(f.name, matches[matches.story == f.name], len(manifest),
                            manifest.outlet.nunique()))
    rows.append(_scores("overall", matches, files_all, len(outlets_all)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def report(root: str | Path | None = None) -> str:
    """The scores as a small text table (what ``bench/run.py`` prints)."""
    return report_of(score(root))


def report_of(table: pd.DataFrame) -> str:
    """A :func:`score` table as a small text table."""
    lines = [f"{'story':<20} {'articles':>8} {'gold':>5} {'found':>6} {'precision':>9} "
             f"{'recall':>7} {'speaker':>8}"]
    for r in table.itertuples(index=False):
        lines.append(f"{r.story:<20} {r.articles:>8} {r.gold:>5} {r.predicted:>6} "
                     f"{r.precision:>9.3f} {r.recall:>7.3f} {r.speaker_accuracy:>8.3f}")
    return "\n".join(lines)

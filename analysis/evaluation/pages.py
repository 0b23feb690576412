"""How well the article text of a saved web page is found: the dev set of saved pages.

The development set (``tests/devsets/pages/``) holds small saved pages written to imitate the
layouts of real news sites (a WordPress local paper with comments, a broadcaster's article
with image-source and caption lines, wire copy with a reporting-and-editing line, pages with
related-story boxes, newsletter sign-ups and advertisement slots in the text, a page in
Windows-1252, ...), each with the article text a reader would copy, written by hand in
``NAME.txt`` beside ``NAME.html``: the body paragraphs only, one a line (no headline,
standfirst, byline, captions, crossheads, credits, related links, promotions or comments).
The text of every page is invented for the set.

The score is the word-shingle F1 of the Scrapinghub article-extraction benchmark (Lopukhin
2019, github.com/scrapinghub/article-extraction-benchmark): both texts are cut into runs of
four consecutive words (lower case, word characters only), counted with repeats; precision is
the share of the extracted runs that are in the gold text, recall the share of the gold runs
that were extracted, F1 their harmonic mean. Three extractions are scored on each page:

- ``trafilatura``: ``trafilatura.extract`` with its defaults (what a user of the library alone
  gets; its defaults include comments);
- ``trafilatura, no comments``: the settings the workbook uses
  (:data:`analysis.story.webpage.EXTRACT_OPTIONS`), before any line roles;
- ``workbook``: the lines of :func:`analysis.story.webpage.extract_page`'s text that the line
  roles (:func:`analysis.story.cleaning.classify_article`) call ``body``: what every metric reads.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_ROOT

DEVSET_DIR = PROJECT_ROOT / "tests" / "devsets" / "pages"
SHINGLE_WORDS = 4
METHODS = ("trafilatura", "trafilatura, no comments", "workbook")
SCORE_COLUMNS = ("page", "method", "precision", "recall", "f1", "extracted_words", "gold_words")

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> Counter:
    """The runs of ``n`` consecutive words of ``text`` (lower case, ``\\w+`` tokens), counted.
    A text shorter than ``n`` words is one run of all its words."""
    words = _WORD.findall(text.lower())
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def shingle_scores(extracted: str, gold: str, n: int = SHINGLE_WORDS) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` of ``extracted`` against ``gold`` over word shingles.
    Two empty texts score 1; one empty text scores 0."""
    a, b = shingles(extracted, n), shingles(gold, n)
    if not a and not b:
        return 1.0, 1.0, 1.0
    common = sum((a & b).values())
    precision = common / sum(a.values()) if a else 0.0
    recall = common / sum(b.values()) if b else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def dev_pages(folder: str | Path | None = None) -> list[tuple[str, bytes, str]]:
    """``(name, page bytes, gold text)`` for every ``NAME.html`` with a ``NAME.txt`` beside it,
    sorted by name."""
    folder = Path(folder) if folder is not None else DEVSET_DIR
    out = []
    for page in sorted(folder.glob("*.html")):
        gold = page.with_suffix(".txt")
        if gold.is_file():
            out.append((page.stem, page.read_bytes(), gold.read_text(encoding="utf-8")))
    return out


def workbook_body(data: bytes, name: str = "page") -> str:
    """The body lines the workbook finds in a saved page, one a line: the page's text
    (:func:`~analysis.story.webpage.extract_page`) through the line roles, as loading does."""
    from analysis.story.cleaning import classify_article, clean_line, load_rules, split_lines
    from analysis.story.webpage import extract_page

    page = extract_page(data, name)
    clean = [clean_line(t) for t, _ in split_lines(page.text)]
    roles = classify_article(clean, page.site_name or page.domain, load_rules(), page.author)
    return "\n".join(c for c, (role, _) in zip(clean, roles) if role == "body")


def extractions(data: bytes, name: str = "page") -> dict[str, str]:
    """The text each method of :data:`METHODS` extracts from one page."""
    from analysis.story.webpage import EXTRACT_OPTIONS, trafilatura_alone

    return {
        "trafilatura": trafilatura_alone(data),
        "trafilatura, no comments": trafilatura_alone(data, **EXTRACT_OPTIONS),
        "workbook": workbook_body(data, name),
    }


def score_pages(folder: str | Path | None = None) -> pd.DataFrame:
    """One row per page and method: columns :data:`SCORE_COLUMNS`."""
    rows = []
    for name, data, gold in dev_pages(folder):
        for method, text in extractions(data, name + ".html").items():
            p, r, f = shingle_scores(text, gold)
            rows.append((name, method, p, r, f, len(_WORD.findall(text)), len(_WORD.findall(gold))))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def summary(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean precision, recall and F1 over pages (each page counts once) and the lowest page
    F1, one row per method, in the order of :data:`METHODS`."""
    out = (scores.groupby("method")
           .agg(pages=("page", "size"), precision=("precision", "mean"), recall=("recall", "mean"),
                f1=("f1", "mean"), min_f1=("f1", "min"))
           .reindex([m for m in METHODS if m in set(scores["method"])]))
    return out.reset_index()

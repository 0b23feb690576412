"""A small line model: the chance that a line the rules kept as body is article text.

The layout rules of :mod:`analysis.story.cleaning` keep nearly every article line, but on an
outlet they were not written for they also keep some furniture (a newsletter blurb, a site's
pitch, a caption with no credit). This model is a second opinion on those lines: a logistic
regression (Cox 1958) on the structure around a line, not on any outlet's wording (its length and
final punctuation, its place against the first and last paragraph of prose and against the
article's main block of paragraphs, the blank and short lines around it, whether it speaks to
the reader or about the site, opens with an imperative, reads like a note on a writer, repeats a
neighbour, has credit words, brackets or quotation marks, and whether the paste separates its
paragraphs by blank lines). A line the rules call body that the model gives less than
:data:`FURNITURE_BELOW` chance of being article text becomes ``boilerplate``; its reason gives
the chance and the strongest signs against it, in words. It only looks at pastes that show page
furniture (a line found by a ``furniture.csv`` pattern or a prompt rule): clean article text (the
BBC corpus) is left to the rules.

The weights are data, ``analysis/data/line_model.csv`` (``feature, weight, description``),
fitted on the hand-labelled development set (``tests/devsets/pastes/``) by
``python -m analysis.evaluation.train_line_model``, which writes that file (numpy only). It is
fitted on the lines it is asked about (those the rules alone keep as body, on pastes with page
furniture), nine in ten of which are body, so the cut is at an even chance.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from analysis import datafiles
from analysis.paths import DATA_DIR

MODEL_FILE = DATA_DIR / "line_model.csv"
#: A line the rules kept as body becomes furniture below this chance of being article text.
FURNITURE_BELOW = 0.5
#: Words a line is counted up to in the length feature.
MAX_WORDS = 60
#: A line "of prose" ends like a sentence and has at least this many words.
PROSE_MIN_WORDS = 10
#: A "short" neighbouring line has at most this many words (and no final stop).
SHORT_WORDS = 8

_READER = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
_CREDITISH = re.compile(r"(?:/|getty|reuters|\bap\b|afp|photo|credit|image)", re.IGNORECASE)
# Words about the site and the page itself rather than the story.
_SITE_WORDS = re.compile(
    r"\b(?:this (?:article|story|page|site|website|newsletter|podcast|post|feature)|readers?|"
    r"journalism|subscri\w*|newsletters?|sign up|inbox|comments?|members(?:hip)?|donat\w*|"
    r"download|app|follow us|click|log in|account|profile|privacy|cookies|advertis\w*|"
    r"saved stories|tips?|podcasts?|briefing)\b",
    re.IGNORECASE,
)
# A line that opens with a verb telling the reader what to do ("Sign up", "Be respectful").
_IMPERATIVE = re.compile(
    r"^(?:sign|subscribe|follow|join|read|watch|listen|download|share|click|visit|get|support|"
    r"be|keep|use|contact|send|report|learn|make|leave|register|try|don't|do|find|see|check|tap|"
    r"explore|discover|understand|stay|give|donate|help|email|call|text|catch)\b",
    re.IGNORECASE,
)
# A note on a writer: a name, then what they do for the publication.
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s){1,3}(?:joined|covers|has contributed|has written|writes (?:about|for)|"
    r"is (?:a|an|the) (?:[\w-]+ ){0,3}(?:writer|reporter|correspondent|editor|journalist|columnist))\b"
)
#: A run of at least this many short lines with no final stop splits the paragraphs into blocks.
BLOCK_GAP_LINES = 3

#: The features, in the order of the weights file, with what each says about a line.
FEATURES = (
    ("bias", "a constant"),
    ("length", "its length (words, up to 60, as a share of 60)"),
    ("log_words", "its length (log of 1 + words)"),
    ("terminated", "it ends like a sentence"),
    ("title_case", "it is in title case"),
    ("capitals", "it is in capitals"),
    ("position", "its place in the article (0 first line, 1 last)"),
    ("above_first_paragraph", "it lies above the first paragraph of prose"),
    ("below_last_paragraph", "it lies below the last paragraph of prose"),
    ("among_paragraphs", "it lies among the paragraphs of prose"),
    ("blank_before", "a blank line comes before it"),
    ("blank_after", "a blank line comes after it"),
    ("short_line_after", "a short line with no final stop comes after it"),
    ("short_line_before", "a short line with no final stop comes before it"),
    ("speaks_to_reader", "it speaks to the reader (you, we, our) outside quotation marks"),
    (
        "credit_words",
        "it has credit words (a slash, Getty, Reuters, AP, AFP, photo, credit, image)",
    ),
    ("starts_by", 'it starts with "By"'),
    ("quotation_marks", "it has quotation marks"),
    ("digit_share", "its share of digits"),
    ("repeats_neighbour", "it repeats the line before or after it"),
    ("first_line", "it is the first line"),
    ("very_short", "it has at most three words"),
    ("ends_colon", "it ends with a colon"),
    ("ends_question", "it ends with a question mark"),
    (
        "site_words",
        "it talks about the site or page (readers, subscribe, newsletter, this article)",
    ),
    ("imperative", "it opens with a verb telling the reader what to do"),
    (
        "writer_note",
        "it reads like a note on a writer (a name, then joined, covers, is a reporter)",
    ),
    (
        "outside_main_block",
        "it lies outside the article's main block of paragraphs (beyond a run of short lines)",
    ),
    ("in_brackets", "it is wrapped in brackets"),
    ("spaced_page", "the paste separates its paragraphs by blank lines"),
)
FEATURE_NAMES = tuple(name for name, _ in FEATURES)
DESCRIPTIONS = dict(FEATURES)


def features(clean: list[str]) -> dict[int, list[float]]:
    """The features (:data:`FEATURES`) of every non-blank line of one article, by line index.
    ``clean`` is the article's lines after :func:`analysis.story.cleaning.clean_line`."""
    from analysis.story.cleaning import is_all_caps, is_terminated, is_title_case

    n = len(clean)
    nonblank = [i for i, c in enumerate(clean) if c]
    term = {i: is_terminated(clean[i]) for i in nonblank}
    words = {i: len(clean[i].split()) for i in nonblank}
    prose = [i for i in nonblank if term[i] and words[i] >= PROSE_MIN_WORDS]
    first, last = (prose[0], prose[-1]) if prose else (0, n)
    prose_set = set(prose)
    # Blocks of paragraphs, split by runs of BLOCK_GAP_LINES or more short unterminated lines;
    # the main block is the one with the most words of prose.
    block_of, block, gap, words_in = {}, 0, 0, {0: 0}
    for i in nonblank:
        if not term[i] and words[i] <= SHORT_WORDS:
            gap += 1
            if gap == BLOCK_GAP_LINES:
                block += 1
                words_in[block] = 0
        else:
            gap = 0
        block_of[i] = block
        if i in prose_set:
            words_in[block] += words[i]
    main = max(words_in, key=lambda b: (words_in[b], -b))
    spaced = sum(1 for i in prose if i + 1 < n and not clean[i + 1]) >= 0.75 * max(len(prose), 1)
    out = {}
    for k, i in enumerate(nonblank):
        t, w = clean[i], words[i]
        prev = clean[nonblank[k - 1]] if k else ""
        nxt = clean[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        row = [
            1,
            min(w, MAX_WORDS) / MAX_WORDS,
            math.log1p(w),
            term[i],
            is_title_case(t),
            is_all_caps(t),
            k / max(len(nonblank) - 1, 1),
            i < first,
            i > last,
            first <= i <= last,
            i > 0 and not clean[i - 1],
            i + 1 < n and not clean[i + 1],
            len(nxt.split()) <= SHORT_WORDS and not is_terminated(nxt),
            len(prev.split()) <= SHORT_WORDS and not is_terminated(prev),
            bool(_READER.search(t)) and not any(q in t for q in '"“”'),
            bool(_CREDITISH.search(t)),
            t.lower().startswith("by "),
            any(q in t for q in '"“”‘’'),
            sum(ch.isdigit() for ch in t) / max(len(t), 1),
            t in (prev, nxt),
            k == 0,
            w <= 3,
            t.endswith(":"),
            t.endswith("?"),
            bool(_SITE_WORDS.search(t)) and not any(q in t for q in '"“”'),
            bool(_IMPERATIVE.match(t)),
            bool(_BIO.match(t)),
            block_of[i] != main,
            t[:1] in "([" and t[-1:] in ")]",
            spaced,
        ]
        out[i] = [float(v) for v in row]
    return out


def is_writer_note(text: str) -> bool:
    """True for a line that reads like a note on a writer: one to three capitalised words (a
    name), then "joined", "covers", "has contributed", "writes about" or "is a ... reporter"."""
    return bool(_BIO.match(text))


@lru_cache(maxsize=4)
def _weights(path: str, stamp: tuple[int, int]) -> tuple[float, ...]:
    frame = datafiles.read_csv(path, ("feature", "weight"))
    got = dict(zip(frame["feature"].str.strip(), frame["weight"]))
    missing = [f for f in FEATURE_NAMES if f not in got]
    if missing:
        raise ValueError(f"{path}: no weight for feature(s) {', '.join(missing)}")
    try:
        return tuple(float(got[f]) for f in FEATURE_NAMES)
    except ValueError as err:
        raise ValueError(f"{path}: a weight is not a number ({err})") from None


def weights(path: str | Path = MODEL_FILE) -> tuple[float, ...] | None:
    """The weights in :data:`FEATURE_NAMES` order, or None when there is no weights file."""
    path = Path(path)
    if not path.is_file():
        return None
    return _weights(str(path), datafiles.stamp(path))


def chance_of_text(x: list[float], w) -> float:
    """The model's chance (0-1) that a line with features ``x`` is article text."""
    z = sum(a * b for a, b in zip(x, w))
    return 1 / (1 + math.exp(-max(min(z, 50.0), -50.0)))


def signs(x: list[float], w, n: int = 3) -> str:
    """The ``n`` features that pull a line's chance of being text down the most, in words."""
    pulls = sorted(
        (a * b, name) for a, b, name in zip(x, w, FEATURE_NAMES) if name != "bias" and a * b < 0
    )
    return "; ".join(DESCRIPTIONS[name] for _, name in pulls[:n]) or "none in particular"

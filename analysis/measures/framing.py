"""Framing: what each outlet emphasises, from transparent lexicons, with every hit kept.

Two layers of frames are matched in each article's body and headline:

- ``policy``: the 15 generic frame dimensions of the Policy Frames Codebook (Boydstun, Card,
  Gross, Resnik and Smith 2014, "Tracking the development of media frames within and across
  policy issues"; Card, Boydstun, Gross, Resnik and Smith 2015, "The Media Frames Corpus"),
  in ``analysis/data/frames_policy.csv``. The codebook defines the dimensions, not words: the
  terms are ours, and are meant to be read and edited.
- ``theme``: the story's own themes, in the story folder's ``themes.csv`` (optional).

Both files have the columns ``frame,pattern,note``, one row per term. ``pattern`` is a Python
regular expression, matched case-insensitively, as whole words (no letter or digit may touch
it on either side), on the text with curly quotes and dashes straightened; ``(?-i:AI)`` makes
a part case-sensitive. Several rows may share a frame. Overlapping hits of the same frame
count once (the longest wins); a word may carry two different frames.

Every number here comes from :func:`frame_hits` (one row per hit: the matched words, the
sentence, its paragraph and raw line, and the lexicon row that fired), so a reader can audit it.

The same machinery matches the story's actors (``actors.csv``: ``actor,pattern,note``) for
headline and lede emphasis, and how outlets name them (``naming.csv``: ``actor,form,pattern``,
:func:`naming`). Text inside quotation marks is the speaker's, not the outlet's: each hit
records ``in_quote`` so that measures of the outlet's own voice can leave it out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import datafiles, fast
from analysis.paths import DATA_DIR
from analysis.story.loading import coverage_rows
from analysis.story.patterns import UserPattern
from analysis.story.text import ONE_FOR_ONE, replace_marks, replacements

POLICY_FILE = DATA_DIR / "frames_policy.csv"
THEMES_NAME = "themes.csv"
ACTORS_NAME = "actors.csv"
NAMING_NAME = "naming.csv"

#: A sentence is in the first quarter of the body when it starts before this share of the
#: body's characters (inverted-pyramid emphasis, :func:`emphasis`).
LEDE_SHARE = 0.25

HIT_COLUMNS = (
    "file",
    "outlet",
    "layer",
    "frame",
    "part",
    "sentence",
    "paragraph",
    "line",
    "start",
    "end",
    "matched",
    "in_quote",
    "lexicon",
    "text",
)
FRAME_COLUMNS = (
    "outlet",
    "layer",
    "frame",
    "articles",
    "sentences_total",
    "sentences",
    "share",
    "first_sentence",
    "first_position",
    "hits",
    "own_sentences",
    "own_share",
)
EMPHASIS_COLUMNS = (
    "outlet",
    "layer",
    "item",
    "headline_source",
    "headline",
    "first_paragraph",
    "first_quarter",
    "rest",
    "first_quarter_sentences",
    "rest_sentences",
    "first_quarter_share",
    "rest_share",
    "lift",
)
NAMING_HIT_COLUMNS = (
    "file",
    "outlet",
    "actor",
    "form",
    "part",
    "sentence",
    "paragraph",
    "line",
    "start",
    "end",
    "matched",
    "in_quote",
    "lexicon",
    "text",
)
NAMING_COLUMNS = ("outlet", "actor", "form", "headline", "body", "quoted", "total")


# --------------------------------------------------------------------------------------------
# Lexicons


@dataclass(frozen=True)
class Term:
    """One lexicon row: ``key`` (frame, actor, lemma or source), an optional ``form`` and
    ``extra`` (stance, kind), the compiled ``regex`` and where it came from (``file:line``)."""

    key: str
    regex: re.Pattern
    lexicon: str
    form: str = ""
    extra: str = ""
    pattern: str = ""
    literal: bool = False


def compile_term(
    pattern: str, where: str, ignore_case: bool = True, user: bool = False
) -> re.Pattern:
    """Compile a lexicon pattern as a whole-word regular expression (case-insensitive unless
    ``ignore_case`` is False); a bad pattern is a ``ValueError`` naming the file and line
    (``where``). A ``user`` pattern (a story's own lexicon) runs with a time limit
    (:class:`analysis.story.patterns.UserPattern`): one that runs over it is a
    ``PatternTimeout`` (a ``ValueError``) naming it, not a hang."""
    full = r"(?<![^\W_])(?:" + pattern + r")(?![^\W_])"
    flags = re.IGNORECASE if ignore_case else 0
    try:
        if user:
            return UserPattern(full, flags, where, on_timeout="raise")  # type: ignore[return-value]
        return re.compile(full, flags)
    except re.error as err:
        raise ValueError(f"{where}: bad pattern {pattern!r}: {err}") from None


@lru_cache(maxsize=64)
def _read_lexicon(
    path: str,
    mtime: int,
    size: int,
    key: str,
    pattern: str,
    form: str | None,
    extra: str | None,
    literal: bool,
    ignore_case: bool,
) -> tuple[Term, ...]:
    needed = tuple(c for c in (key, pattern, form, extra) if c)
    frame = datafiles.read_csv(path, needed)
    user = DATA_DIR.resolve() not in Path(path).resolve().parents  # a story's own lexicon
    terms = []
    name = Path(path).name
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        row = row._asdict()
        k = row[key].strip()
        p = row[pattern].strip()
        where = f"{name}:{i}"
        if not k:
            if p:
                raise ValueError(f"{path} line {i}: a pattern with no {key}")
            continue
        regex = (
            compile_term(
                re.escape(p) if literal else p,
                f"{path} line {i}",
                ignore_case,
                user and not literal,
            )
            if p
            else None
        )
        terms.append(
            Term(
                k,
                regex,  # type: ignore[arg-type]
                where,
                row[form].strip() if form else "",
                row[extra].strip() if extra else "",
                p,
                literal and bool(p),
            )
        )
    return tuple(terms)


def read_lexicon(
    path: str | Path,
    key: str = "frame",
    pattern: str = "pattern",
    form: str | None = None,
    extra: str | None = None,
    literal: bool = False,
    ignore_case: bool = True,
) -> tuple[Term, ...]:
    """Read a lexicon CSV: one :class:`Term` per row, in file order.

    Read again whenever the file changes (the cache is keyed on its modification time and
    size), so editing a lexicon changes the tables without touching code. A row with an empty
    pattern declares its key with no terms (its ``regex`` is None). ``literal`` treats the
    pattern column as plain words rather than a regular expression; ``ignore_case`` False
    matches the patterns as written (``actors.csv``, shared with :mod:`analysis.measures.sentiment`).
    """
    path = Path(path)
    st = path.stat()
    return _read_lexicon(
        str(path), st.st_mtime_ns, st.st_size, key, pattern, form, extra, literal, ignore_case
    )


def policy_lexicon() -> tuple[Term, ...]:
    """The Policy Frames Codebook lexicon (``analysis/data/frames_policy.csv``)."""
    return read_lexicon(POLICY_FILE)


def story_lexicon(folder: str | Path, name: str, **kw) -> tuple[Term, ...]:
    """A story folder's own lexicon (``themes.csv``, ``actors.csv``, ``naming.csv``), or none."""
    path = Path(folder) / name
    return read_lexicon(path, **kw) if path.is_file() else ()


# --------------------------------------------------------------------------------------------
# Matching

#: One-to-one typography folding (curly quotes and dashes to straight ones): offsets in the
#: folded text are offsets in the original, so hits point at the displayed words.
_FOLD = ONE_FOR_ONE
_FOLD_PAIRS = replacements(_FOLD)


def fold(text: str) -> str:
    """``text`` with curly quotes, apostrophes and dashes straightened, same length."""
    if text.isascii():
        return text  # the folding maps no ASCII character
    return replace_marks(text, _FOLD, _FOLD_PAIRS)


def find_terms(text: str, terms, overlap: str = "key") -> list[tuple[Term, int, int]]:
    """Every match of ``terms`` in ``text`` as ``(term, start, end)``, in text order.

    Overlapping matches are resolved, longest first then earliest, within each key
    (``overlap="key"``: a word may carry two frames but one frame counts once), across all
    terms (``"all"``: a naming form per mention), or not at all (``"none"``).
    """
    folded = fold(text)
    found = []  # type: ignore[var-annotated]
    if fast.enabled():
        if not terms:
            return []  # nothing to match (a story with no themes.csv): no text to index
        finditer = _scanner(folded).finditer
    else:
        finditer = _finditer
    literal = tuple(t for t in terms if t.literal)
    if literal:
        regex, by_form = _literal_index(literal)
        for m in finditer(regex, folded):
            hit = by_form.get(m.group().lower())
            if hit is None:  # a case folding .lower() does not undo: ask each term
                hit = [t for t in literal if t.regex.fullmatch(m.group())]
            found.extend((t, m.start(), m.end()) for t in hit)
    for t in terms:
        if t.regex is None or t.literal:
            continue
        for m in finditer(t.regex, folded):
            if m.end() > m.start():
                found.append((t, m.start(), m.end()))
    if overlap == "none":
        return sorted(found, key=lambda h: (h[1], h[2]))
    kept: list[tuple[Term, int, int]] = []
    # Kept spans of a group are disjoint: keep their starts and ends sorted, and the one span
    # that could overlap [a, b) is the last that starts before b (a binary search, not a scan:
    # a long text has thousands of hits).
    taken: dict[str, tuple[list[int], list[int]]] = {}
    for t, a, b in sorted(found, key=lambda h: (-(h[2] - h[1]), h[1])):
        group = t.key if overlap == "key" else ""
        starts, ends = taken.setdefault(group, ([], []))
        i = bisect_left(starts, b)
        if i > 0 and ends[i - 1] > a:
            continue
        starts.insert(i, a)
        ends.insert(i, b)
        kept.append((t, a, b))
    return sorted(kept, key=lambda h: (h[1], h[2]))


def _finditer(regex: re.Pattern, text: str):
    return regex.finditer(text)


#: Characters a case-insensitive pattern matches that ``str.lower`` does not give: with one in
#: the text, :class:`_Scanner` lets each pattern scan the text itself.
_CASE_SPECIALS = frozenset("\u0130\u0131\u017f")
_RUN_START = re.compile(r"(?<![^\W_])[^\W_]")
_PREFIX_LEN = 3


class _Scanner:
    """``regex.finditer(text)`` for the lexicon patterns of :func:`compile_term` (the fast path
    of :func:`find_terms`), trying each pattern only where it can match.

    Such a pattern cannot match after a letter or digit (its look-behind), so every match
    starts where a run of letters and digits starts; and :func:`_prefixes` lists the first one
    to three characters (lower case) every match begins with. The text's run starts are found
    once, and a pattern is tried (``regex.match`` at that position, which sees the look-behind)
    only at the starts whose first characters it lists, left to right, each search going on
    after the previous match as ``finditer`` does. A pattern whose prefixes are unknown (a
    pattern that may begin with an optional part, a wide class, or is case-sensitive) scans
    the text itself. ``tests/test_fast_equals_plain.py`` compares the frame tables both ways."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = None
        if text.isascii() or _CASE_SPECIALS.isdisjoint(text):
            low = self.low = (
                text.lower()
            )  # the same length: İ, whose lower case is two letters, is out
            index: dict[str, list[int]] = {}
            add = index.setdefault
            for m in _RUN_START.finditer(text):
                p = m.start()
                add(low[p : p + _PREFIX_LEN], []).append(p)
            # first three characters (lower case; fewer at the end of the text) -> run starts
            self.index = index
            # the keys by their first one and two characters, built when first asked
            self.shorter: dict[str, list[str]] | None = None

    def _starts(self, prefix: str) -> list[int]:
        """The run starts whose first ``len(prefix)`` characters (lower case) are ``prefix``:
        ``low[p:p+len(prefix)] == prefix``, that is ``low[p:p+3][:len(prefix)] == prefix``."""
        if len(prefix) >= _PREFIX_LEN:
            return self.index.get(prefix, [])
        if self.shorter is None:
            shorter: dict[str, list[str]] = {}
            add = shorter.setdefault
            for key in self.index:
                for n in range(1, min(len(key), _PREFIX_LEN - 1) + 1):
                    add(key[:n], []).append(key)
            self.shorter = shorter
        index = self.index
        return [p for key in self.shorter.get(prefix, ()) for p in index[key]]

    def _candidates(self, prefixes: frozenset) -> list[int]:
        full, short = _split_prefixes(prefixes)
        index = self.index
        found = [index[key] for key in index.keys() & full]  # three characters: keys
        found += [self._starts(q) for q in short]
        return sorted({p for starts in found for p in starts})

    def finditer(self, regex: re.Pattern, text: str):
        prefixes = _prefixes(regex)
        if self.low is None or prefixes is None:
            yield from regex.finditer(text)
            return
        pos = 0
        for p in self._candidates(prefixes):
            if p < pos:
                continue
            m = regex.match(text, p)
            if m is not None:
                yield m
                pos = m.end()


@lru_cache(maxsize=1024)
def _split_prefixes(prefixes: frozenset) -> tuple[frozenset, tuple[str, ...]]:
    """``prefixes`` split into those of three characters (looked up as keys of the index at
    once) and the shorter ones."""
    full = frozenset(q for q in prefixes if len(q) >= _PREFIX_LEN)
    return full, tuple(sorted(q for q in prefixes if len(q) < _PREFIX_LEN))


_LAST_SCANNER: list = []


def _scanner(text: str) -> _Scanner:
    """The :class:`_Scanner` of ``text``, kept for the next call when it is the same text (the
    policy frames, the themes and the other lexicons read the same body one after another)."""
    if _LAST_SCANNER and _LAST_SCANNER[0].text == text:
        return _LAST_SCANNER[0]
    scanner = _Scanner(text)
    _LAST_SCANNER[:] = [scanner]
    return scanner


@lru_cache(maxsize=1024)
def _prefixes(regex: re.Pattern) -> frozenset | None:
    """Strings of one to three characters (lower case), one of which begins every match of
    ``regex`` (a case-insensitive pattern of :func:`compile_term`): read from the pattern's
    parse. None when they cannot be told: the pattern is case-sensitive, or may begin with an
    optional part, a class of more than a few characters, a non-ASCII character, or a
    character that is not a letter or digit."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    if not regex.flags & re.IGNORECASE:
        return None
    try:
        tree = list(_parser.parse(regex.pattern, regex.flags))
    except Exception:  # noqa: BLE001 - an internal parser: any surprise means "unknown"
        return None
    out: set[str] = set()
    stop = object()

    def walk(items: list, prefix: str) -> bool:
        if len(prefix) >= _PREFIX_LEN or not items or items[0] is stop:
            out.add(prefix)
            return len(out) < 500
        op, av = items[0]
        rest = items[1:]
        if op is C.LITERAL:
            ch = chr(av).lower()
            if not ch.isascii() or len(ch) != 1:
                out.add(prefix)
                return len(out) < 500
            return walk(rest, prefix + ch)
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return walk(rest, prefix)  # zero width: leaving a condition out only adds prefixes
        if op is C.BRANCH:
            return all(walk(list(alt) + rest, prefix) for alt in av[1])
        if op is C.SUBPATTERN and not av[1] and not av[2]:
            return walk(list(av[3]) + rest, prefix)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return walk(list(av[2]) + [stop], prefix)  # one repetition, then unknown
        if op is C.IN and 0 < len(av) <= 4 and all(o is C.LITERAL for o, _ in av):
            return all(walk([(C.LITERAL, a)] + rest, prefix) for _, a in av)
        out.add(prefix)
        return len(out) < 500

    if not walk(tree, ""):
        return None
    if any(not q or not _RUN_START.match(q) for q in out):
        return None  # a match could begin with nothing known, or away from a run start
    return frozenset(out)


@lru_cache(maxsize=32)
def _literal_index(terms: tuple[Term, ...]) -> tuple[re.Pattern, dict[str, list[Term]]]:
    """One alternation for a lexicon of plain words (the verb list): a single scan of the text
    instead of one per form, longest form first so "pointed out" beats "pointed"."""
    by_form: dict[str, list[Term]] = {}
    for t in terms:
        by_form.setdefault(fold(t.pattern).lower(), []).append(t)
    alternation = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return re.compile(r"(?<![^\W_])(?:" + alternation + r")(?![^\W_])", re.IGNORECASE), by_form


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of ``text`` (a paragraph or a headline) inside quotation marks,
    marks included, from the quotation-mark scanner :func:`analysis.story.quotemarks.scan_marks` (curly
    and straight marks mixed, apostrophes told apart; a quote left open runs to the end of the
    paragraph, as news style continues a quote into the next paragraph)."""
    from analysis.story.quotemarks import scan_marks

    return [
        (r.open, r.close + 1 if r.close is not None else r.stop) for r in scan_marks(text).regions
    ]


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (sorted and disjoint, as :func:`quoted_spans`
    and :func:`body_quotes` give them)."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# --------------------------------------------------------------------------------------------
# The text the lexicons read: headline and body sentences of each article


def coverage_files(analysis) -> list[str]:
    """The articles compared as coverage (``kind`` is not ``source``), in file order."""
    return list(coverage_rows(analysis.articles)["file"])


def headlines(analysis) -> pd.DataFrame:
    """One row per article: ``file, outlet, headline_source, line, text``.

    The headline is the paste's own (the lines table's ``role == "headline"``, source
    ``paste``); when the paste has none, the manifest's ``headline`` (source ``manifest``,
    ``line`` 0); when neither has one, ``none`` and an empty text.
    """
    lines = analysis.lines
    heads = lines[lines["role"] == "headline"].drop_duplicates("file")
    by_file = {r.file: r for r in heads.itertuples(index=False)}
    rows = []
    files = set(coverage_files(analysis))
    for art in analysis.articles.itertuples(index=False):
        if art.file not in files:
            continue
        if art.file in by_file:
            r = by_file[art.file]
            rows.append((art.file, art.outlet, "paste", int(r.line), r.clean))
        elif isinstance(art.headline, str) and art.headline.strip():
            rows.append((art.file, art.outlet, "manifest", 0, art.headline.strip()))
        else:
            rows.append((art.file, art.outlet, "none", 0, ""))
    return pd.DataFrame(rows, columns=["file", "outlet", "headline_source", "line", "text"])


def body_sentences(analysis) -> pd.DataFrame:
    """The sentences table for coverage articles, without word-less sentences (a stray closing
    quotation mark that the segmenter left on its own)."""
    s = analysis.sentences
    return s[s["file"].isin(coverage_files(analysis)) & (s["words"] > 0)].reset_index(drop=True)


def body_quotes(analysis) -> dict[str, list[tuple[int, int]]]:
    """Quoted spans of each article's body (offsets in its body text), paragraph by paragraph."""
    out: dict[str, list[tuple[int, int]]] = {}
    for p in analysis.paragraphs.itertuples(index=False):
        spans = out.setdefault(p.file, [])
        spans.extend((p.start + a, p.start + b) for a, b in quoted_spans(p.text))
    return out


def match_units(analysis, terms, overlap: str = "key", parts=("headline", "body")) -> pd.DataFrame:
    """Match ``terms`` in the headline and body of every coverage article.

    One row per hit: ``file, outlet, key, form, extra, part, sentence, paragraph, line, start,
    end, matched, in_quote, lexicon, text``. For the body, ``start``/``end`` are offsets in the
    body text and ``text`` is the sentence; for the headline (``part == "headline"``),
    offsets in the headline, ``sentence`` and ``paragraph`` 0, ``line`` its raw line (0 for a
    manifest headline).
    """
    quick = fast.enabled()
    if quick and not terms:
        return _hit_frame([], quick)  # nothing to match: no text to read
    rows = []
    if "headline" in parts:
        for h in headlines(analysis).itertuples(index=False):
            if not h.text:
                continue
            spans = quoted_spans(h.text)
            for t, a, b in find_terms(h.text, terms, overlap):
                rows.append(
                    (
                        h.file,
                        h.outlet,
                        t.key,
                        t.form,
                        t.extra,
                        "headline",
                        0,
                        0,
                        h.line,
                        a,
                        b,
                        h.text[a:b],
                        _in_spans(a, spans),
                        t.lexicon,
                        h.text,
                    )
                )
    if "body" in parts:
        sents = body_sentences(analysis)
        quotes = _BodyQuotes(analysis) if quick else body_quotes(analysis)
        bodies = analysis.bodies
        cols = {
            c: sents[c].to_numpy()
            for c in ("outlet", "sentence", "paragraph", "line", "start", "end", "text")
        }
        for file, index in sents.groupby("file", sort=False).indices.items():
            body = bodies[file]
            starts, ends = cols["start"][index], cols["end"][index]
            spans = quotes.get(file, [])
            for t, a, b in find_terms(body, terms, overlap):
                k = int(np.searchsorted(starts, a, side="right")) - 1
                if k < 0 or a >= ends[k]:
                    continue  # between sentences (a word-less sentence was dropped)
                i = index[k]
                rows.append(
                    (
                        file,
                        cols["outlet"][i],
                        t.key,
                        t.form,
                        t.extra,
                        "body",
                        cols["sentence"][i],
                        cols["paragraph"][i],
                        cols["line"][i],
                        a,
                        b,
                        body[a:b],
                        _in_spans(a, spans),
                        t.lexicon,
                        cols["text"][i],
                    )
                )
    return _hit_frame(rows, quick)


_HIT_FRAME_COLUMNS = [
    "file",
    "outlet",
    "key",
    "form",
    "extra",
    "part",
    "sentence",
    "paragraph",
    "line",
    "start",
    "end",
    "matched",
    "in_quote",
    "lexicon",
    "text",
]
_PART_RANK = {"headline": 0, "body": 1}


def _hit_frame(rows: list[tuple], quick: bool) -> pd.DataFrame:
    """The table of :func:`match_units`' rows, sorted by file, part (headline first), start
    and key. The fast path sorts the rows in Python (a stable sort on the same keys, as
    pandas' stable sort on several columns) before the table is built."""
    ints = ["sentence", "paragraph", "line", "start", "end"]
    if quick:
        rows = sorted(rows, key=lambda r: (r[0], _PART_RANK[r[5]], r[9], r[2]))
    frame = pd.DataFrame(rows, columns=_HIT_FRAME_COLUMNS)
    frame = frame.astype({c: "int64" for c in ints} | {"in_quote": "bool"})
    if quick:
        return frame
    frame = frame.sort_values(["file", "part", "start", "key"], key=_part_first)
    return frame.reset_index(drop=True)


class _BodyQuotes:
    """:func:`body_quotes` read one file at a time, when a hit in that file asks for it (the
    same spans; files with no hit are never scanned)."""

    def __init__(self, analysis) -> None:
        self.analysis = analysis
        self.spans: dict[str, list[tuple[int, int]]] | None = None
        self.by_file: dict[str, list[tuple[int, str]]] = {}

    def get(self, file: str, default: list) -> list[tuple[int, int]]:
        if self.spans is None:
            self.spans = {}
            p = self.analysis.paragraphs
            for f, start, text in zip(p["file"].tolist(), p["start"].tolist(), p["text"].tolist()):
                self.by_file.setdefault(f, []).append((start, text))
        if file not in self.spans:
            if file not in self.by_file:
                return default
            self.spans[file] = [
                (start + a, start + b)
                for start, text in self.by_file[file]
                for a, b in quoted_spans(text)
            ]
        return self.spans[file]


def _part_first(col: pd.Series) -> pd.Series:
    # headline hits before body hits
    return col.map({"headline": 0, "body": 1}) if col.name == "part" else col


# --------------------------------------------------------------------------------------------
# Frames


def frame_lexicons(analysis) -> dict[str, tuple[Term, ...]]:
    """``{"policy": ..., "theme": ...}``: the generic and the story's lexicons."""
    return {"policy": policy_lexicon(), "theme": story_lexicon(analysis.folder, THEMES_NAME)}


def frame_hits(analysis) -> pd.DataFrame:
    """Every frame hit, one row each (:data:`HIT_COLUMNS`).

    ``layer`` is ``policy`` or ``theme``; ``part`` is ``headline`` or ``body``; ``matched`` the
    words that matched, ``text`` the sentence (or headline) they are in, ``lexicon`` the
    lexicon row (``themes.csv:4``) that fired.
    """
    frames = []
    for layer, terms in frame_lexicons(analysis).items():
        hits = match_units(analysis, terms, overlap="key")
        frames.append(hits.rename(columns={"key": "frame"}).assign(layer=layer))
    out = pd.concat(frames, ignore_index=True)
    return out[list(HIT_COLUMNS)]


def _frame_list(analysis) -> list[tuple[str, str, bool]]:
    """``(layer, frame, coded)`` for every frame of the lexicons, in file order; ``coded`` is
    False for a frame with no terms (its share is unknown, not zero)."""
    out: dict[tuple[str, str], bool] = {}
    for layer, terms in frame_lexicons(analysis).items():
        for t in terms:
            out[(layer, t.key)] = out.get((layer, t.key), False) or t.regex is not None
    return [(layer, frame, coded) for (layer, frame), coded in out.items()]


def cached(analysis, name: str, compute):
    """``analysis.<name>`` when the Analysis has that table (computed once, cached), else
    ``compute(analysis)``."""
    if name in type(analysis).__dict__:
        return getattr(analysis, name)
    return compute(analysis)


def _english(analysis) -> dict[str, bool]:
    lang = analysis.languages
    return dict(zip(lang["file"], lang["english"].astype(bool)))


def frames(analysis, shared: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet and frame (:data:`FRAME_COLUMNS`), from the body only.

    - ``sentences_total``: body sentences of the outlet's articles; ``sentences``: how many
      carry at least one hit of the frame; ``share`` = sentences / sentences_total;
    - ``first_sentence``: the sentence number of the first hit (1 = the first sentence);
      ``first_position``: where that sentence starts, as a share of the body's characters
      (0 = the top, 0.9 = near the end); with several articles, the earliest;
    - ``hits``: body hits (see :func:`frame_hits`);
    - ``own_sentences``/``own_share``: the same count and share for sentences no other outlet
      shares (near-identical or edited, :mod:`analysis.measures.shared_text`): the outlet's
      independent framing, leaving out wire copy and quotations every outlet ran.

    Frames with no terms (``other``) and non-English articles get a blank share.
    """
    hits = cached(analysis, "frame_hits", frame_hits)
    sents = body_sentences(analysis)
    if shared is None:
        from analysis.measures import shared_text

        shared = cached(analysis, "shared_sentences", lambda a: shared_text.align(sents))
    english = _english(analysis)
    sents = sents[sents["file"].map(lambda f: english.get(f, True)).astype(bool)]
    lengths = analysis.bodies.str.len().clip(lower=1)
    own = shared.loc[shared["status"] == "unique", ["file", "sentence"]].assign(own=True)
    sents = sents[["file", "outlet", "sentence", "start"]].merge(
        own, how="left", on=["file", "sentence"]
    )
    sents["own"] = sents["own"].astype("boolean").fillna(False).astype(bool)
    sents["position"] = sents["start"] / sents["file"].map(lengths)
    per_outlet = sents.groupby("outlet", sort=False).agg(
        articles=("file", "nunique"), sentences_total=("file", "size"), own_total=("own", "sum")
    )
    body = hits[(hits["part"] == "body") & hits["file"].isin(set(sents["file"]))]
    keys = ["outlet", "layer", "frame"]
    n_hits = body.groupby(keys, sort=False).size().rename("hits")
    carrying = body.drop_duplicates(keys + ["file", "sentence"]).merge(
        sents[["file", "sentence", "position", "own"]], on=["file", "sentence"]
    )
    agg = (
        carrying.groupby(keys, sort=False)
        .agg(
            sentences=("sentence", "size"),
            first_sentence=("sentence", "min"),
            first_position=("position", "min"),
            own_sentences=("own", "sum"),
        )
        .join(n_hits)
    )
    arts = analysis.articles
    outlets = list(dict.fromkeys(arts.loc[arts["file"].isin(coverage_files(analysis)), "outlet"]))
    frame_list = _frame_list(analysis)
    grid = pd.DataFrame(
        [(o, layer, f, coded) for o in outlets for layer, f, coded in frame_list],
        columns=keys + ["coded"],
    )
    out = grid.join(agg, on=keys).join(per_outlet, on="outlet")
    out[["articles", "sentences_total", "own_total"]] = (
        out[["articles", "sentences_total", "own_total"]].fillna(0).astype("int64")
    )
    for c in ("sentences", "hits", "own_sentences"):
        out[c] = out[c].fillna(0).astype("Int64").where(out["coded"], pd.NA)
    total = out["sentences_total"].where(out["coded"] & (out["sentences_total"] > 0))
    out["share"] = (out["sentences"].astype("Float64") / total).astype(float)
    own_total = out["own_total"].where(out["coded"] & (out["own_total"] > 0))
    out["own_share"] = (out["own_sentences"].astype("Float64") / own_total).astype(float)
    out["first_sentence"] = out["first_sentence"].astype("Int64")
    out["first_position"] = out["first_position"].astype(float)
    return out[list(FRAME_COLUMNS)].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Headline and lede


def actor_lexicon(analysis) -> tuple[Term, ...]:
    """The story's actors (``actors.csv``: ``actor,pattern,note``), or none. The patterns are
    matched as written (case-sensitive), as :mod:`analysis.measures.sentiment` reads the same file."""
    return story_lexicon(analysis.folder, ACTORS_NAME, key="actor", ignore_case=False)


def actor_hits(analysis) -> pd.DataFrame:
    """Every actor mention (columns as :func:`frame_hits`, ``layer`` = ``actor``, ``frame`` =
    the actor)."""
    hits = match_units(analysis, actor_lexicon(analysis), overlap="key")
    return hits.rename(columns={"key": "frame"}).assign(layer="actor")[list(HIT_COLUMNS)]


def emphasis(analysis) -> pd.DataFrame:
    """Inverted-pyramid emphasis: one row per outlet and item (frame or actor), columns
    :data:`EMPHASIS_COLUMNS`.

    ``headline``, ``first_paragraph``, ``first_quarter`` and ``rest`` count hits in the
    headline, the first body paragraph, the sentences that start in the first quarter of the
    body's characters (:data:`LEDE_SHARE`) and the sentences after it. The shares divide the
    sentences carrying the item by the sentences in each part, and ``lift`` =
    ``first_quarter_share - rest_share``: positive when the item is put up top.
    ``headline_source`` says where the headline came from (see :func:`headlines`).
    Items that appear nowhere in an outlet's text are left out.
    """
    hits = pd.concat(
        [cached(analysis, "frame_hits", frame_hits), actor_hits(analysis)], ignore_index=True
    )
    sents = body_sentences(analysis)
    lengths = analysis.bodies.str.len().clip(lower=1)
    sents = sents.assign(quarter=sents["start"] < LEDE_SHARE * sents["file"].map(lengths))
    parts = sents.groupby("outlet", sort=False)["quarter"].agg(["sum", "size"])
    n_quarter = parts["sum"]
    n_rest = parts["size"] - parts["sum"]
    heads = headlines(analysis)
    head_source = heads.groupby("outlet", sort=False)["headline_source"].agg(
        lambda s: "/".join(dict.fromkeys(s))
    )
    keys = ["outlet", "layer", "frame"]
    h = hits.merge(sents[["file", "sentence", "quarter"]], how="left", on=["file", "sentence"])
    body = h["part"] == "body"
    quarter = body & h["quarter"].astype("boolean").fillna(False).astype(bool)
    h = h.assign(
        in_headline=h["part"] == "headline",
        in_first=body & (h["paragraph"] == 1),
        in_quarter=quarter,
        in_rest=body & ~quarter,
    )
    counts = h.groupby(keys, sort=False)[["in_headline", "in_first", "in_quarter", "in_rest"]].sum()
    carrying = h[body].drop_duplicates(keys + ["file", "sentence"])
    sentences = carrying.groupby(keys, sort=False)[["in_quarter", "in_rest"]].sum()
    sentences.columns = ["quarter_sentences", "rest_sentences"]
    out = counts.join(sentences).fillna(0).astype("int64").reset_index()
    out.columns = [
        "outlet",
        "layer",
        "item",
        "headline",
        "first_paragraph",
        "first_quarter",
        "rest",
        "first_quarter_sentences",
        "rest_sentences",
    ]
    out.insert(3, "headline_source", out["outlet"].map(head_source).fillna("none"))
    nq = out["outlet"].map(n_quarter).astype(float)
    nr = out["outlet"].map(n_rest).astype(float)
    out["first_quarter_share"] = out["first_quarter_sentences"] / nq.where(nq > 0)
    out["rest_share"] = out["rest_sentences"] / nr.where(nr > 0)
    out["lift"] = out["first_quarter_share"] - out["rest_share"]
    order = {k: i for i, k in enumerate(("policy", "theme", "actor"))}
    out = out.sort_values(
        ["outlet", "layer"], kind="stable", key=lambda c: c.map(order) if c.name == "layer" else c
    )
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Naming


def naming_lexicon(analysis) -> tuple[Term, ...]:
    """The story's naming forms: ``naming.csv`` (``actor,form,pattern``) when the story has
    one, else the forms the actor register read from the articles (:func:`register_naming`)."""
    terms = story_lexicon(analysis.folder, NAMING_NAME, key="actor", form="form")
    return terms if terms else cached(analysis, "_register_naming", register_naming)


#: Honorifics and titles that may stand before a surname in a naming form.
_TITLE_BEFORE = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|President|Senator|"
    r"Sen|Rep|Representative|Gov|Governor|General|Gen|Mayor|Councilman|Councilwoman|"
    r"Minister|Secretary|Chancellor|Judge|Justice|Captain|Capt|Col|Colonel)\.?\s+"
)


def register_naming(analysis) -> tuple[Term, ...]:
    """Naming forms from the actor register (:mod:`analysis.measures.actors`), for a story
    with no ``naming.csv``: for every person quoted in the story, the full name, the surname
    alone, a title or honorific with the surname ("Mr. Okafor", "Sen. Hale"), "Sir"/"Dame"
    with the first name, the first name alone when the articles use it, and every role
    description the articles tie to that person ("MI6 chief", "the head of MI6", "the spy
    chief"), each a form of its own as written (without its article). The lexicon column
    of a hit is ``actors``."""
    from analysis.measures.quotes import people_of

    quotes = analysis.quotes
    people = people_of(analysis)
    reg = people.register
    speakers = [
        s
        for s in dict.fromkeys(quotes.loc[quotes["speaker"] != "", "speaker"])
        if people.is_person(s)
    ]
    terms = []

    def add(actor: str, form: str, pattern: str) -> None:
        terms.append(
            Term(
                actor,
                compile_term(pattern, f"register:{actor}", ignore_case=False),
                "actors",
                form,
                "",
                pattern,
            )
        )

    for actor in speakers:
        a = reg.actors[actor]
        first, last = re.escape(a.first), re.escape(a.last)
        add(actor, a.name, r"\s+".join(re.escape(w) for w in a.name.split()))
        add(actor, f"title + {a.last}", _TITLE_BEFORE + last)
        add(actor, a.last, last)
        links = {li.link for li in a.links}
        if "title + first name" in links:
            add(actor, f"Sir/Dame {a.first}", r"(?:Sir|Dame)\s+" + first)
        if "first name" in links and a.first not in reg._by_last:
            add(actor, a.first, first)
        seen = set()
        for li in a.links:
            if li.link not in ("description", "apposition", "title"):
                continue
            phrase = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", li.form).strip()
            key = phrase.lower()
            if not phrase or key in seen or len(phrase.split()) > 8:
                continue
            seen.add(key)
            body = r"\s+".join(re.escape(w) for w in phrase.split())
            terms.append(
                Term(actor, compile_term(body, f"register:{actor}"), "actors", phrase, "", body)
            )
    return tuple(terms)


def naming_hits(analysis) -> pd.DataFrame:
    """Every naming of an actor, one row each (:data:`NAMING_HIT_COLUMNS`). One mention is one
    form: overlapping forms are resolved longest first ("Sir Richard Moore" is the form
    ``Richard Moore``, not also ``Sir Richard`` and ``Moore``)."""
    hits = match_units(analysis, naming_lexicon(analysis), overlap="all")
    return hits.rename(columns={"key": "actor"})[list(NAMING_HIT_COLUMNS)]


def naming(analysis) -> pd.DataFrame:
    """How each outlet names the key actors: one row per outlet, actor and form (every form of
    ``naming.csv``, zeros included), columns :data:`NAMING_COLUMNS`.

    ``headline``: uses in the headline; ``body``: uses in the body in the outlet's own words;
    ``quoted``: uses inside quotation marks (the speaker's words, not the outlet's choice);
    ``total`` = headline + body (the outlet's own naming).
    """
    hits = cached(analysis, "naming_hits", naming_hits)
    forms = list(dict.fromkeys((t.key, t.form) for t in naming_lexicon(analysis)))
    arts = analysis.articles
    outlets = list(dict.fromkeys(arts.loc[arts["file"].isin(coverage_files(analysis)), "outlet"]))
    keys = ["outlet", "actor", "form"]
    body = hits["part"] == "body"
    h = hits.assign(
        headline=hits["part"] == "headline",
        body=body & ~hits["in_quote"],
        quoted=body & hits["in_quote"],
    )
    counts = h.groupby(keys)[["headline", "body", "quoted"]].sum()
    grid = pd.DataFrame([(o, actor, form) for o in outlets for actor, form in forms], columns=keys)
    out = grid.join(counts, on=keys)
    out[["headline", "body", "quoted"]] = (
        out[["headline", "body", "quoted"]].fillna(0).astype("int64")
    )
    out["total"] = out["headline"] + out["body"]
    return out[list(NAMING_COLUMNS)]


def naming_table(table: pd.DataFrame, value: str = "total") -> pd.DataFrame:
    """The naming table as forms (rows: actor, form) by outlets (columns)."""
    return table.pivot_table(
        index=["actor", "form"], columns="outlet", values=value, aggfunc="sum", sort=False
    )


# --------------------------------------------------------------------------------------------
# Command line


def _frame_slug(layer: str, frame: str) -> str:
    return "frame_" + re.sub(r"[^0-9a-z]+", "_", f"{layer} {frame}".lower()).strip("_")


def frames_by_article(analysis) -> pd.DataFrame:
    """Frames per article, from the frame hits of :mod:`analysis.measures.framing`.

    One row per article: ``frame_sentences`` (the body sentences with words, the denominator)
    and, for each frame of the lexicons in their order (the Policy Frames Codebook's
    dimensions, then the story's themes), ``frame_<layer>_<frame>``: the share of the article's
    body sentences that carry at least one hit of the frame (0-1). NaN for an article that is
    not English, a ``source`` document, or a frame with no terms, as in
    :func:`analysis.measures.frames` (which gives the same shares per outlet).
    """
    hits = analysis.frame_hits
    body = hits[hits["part"] == "body"].drop_duplicates(["file", "layer", "frame", "sentence"])
    carrying = body.groupby(["file", "layer", "frame"], sort=False).size().to_dict()
    totals = body_sentences(analysis).groupby("file", sort=False).size().to_dict()
    coverage = set(coverage_files(analysis))
    english = dict(zip(analysis.languages["file"], analysis.languages["english"].astype(bool)))
    coded: dict[tuple[str, str], bool] = {}
    for layer, terms in frame_lexicons(analysis).items():
        for t in terms:
            coded[(layer, t.key)] = coded.get((layer, t.key), False) or t.regex is not None
    columns = {key: _frame_slug(*key) for key in coded}
    rows = []
    for file in analysis.articles["file"]:
        total = totals.get(file, 0)
        ok = file in coverage and english.get(file, True) and total > 0
        row = {"file": file, "frame_sentences": total if file in coverage else pd.NA}
        for key, name in columns.items():
            row[name] = carrying.get((file, *key), 0) / total if ok and coded[key] else np.nan
        rows.append(row)
    out = pd.DataFrame(rows, columns=["file", "frame_sentences", *columns.values()])
    return out.astype({"frame_sentences": "Int64"})

"""Direct quotes: every span inside quotation marks, who said it, and with which verb.

Method (README, "Quotes: method and columns"):

1. **Marks.** :func:`scan_marks` pairs quotation marks in each paragraph: curly and straight
   marks of one kind close each other (seed 002 mixes them), apostrophes are told from single
   quotes by the letters around them, nested quotes stay inside the outer one, and nothing
   raises on unbalanced marks.
2. **Quotes over several paragraphs.** A paragraph that leaves a quote open and is followed
   by a paragraph opening with a quotation mark continues into it (the typesetting convention).
3. **Speaker and verb.** In the reporter's sentence, first after the quote (``,” Moore said``,
   ``,” said Moore``), then before it (``Moore insisted ... “sacred”``): the nearest reporting
   verb from ``analysis/data/reporting_verbs.csv`` and the phrase before it (or, for verbs that
   do not take a listener, after it). The phrase becomes a canonical speaker through the
   story's ``speakers.csv`` (``speaker,alias``); without one, through names: a surname or
   "Sir + first name" is matched to the one full name the story uses, and a description
   ("the spy chief") to the one person the story gave that role noun ("MI6 chief Richard
   Moore", "Sir Richard Moore, the chief of MI6,"). "he"/"she" is the most recent mention of a
   known speaker before it. A quote with no attribution in its sentence is the previous
   quote's (a quote paragraph that follows an attributed one).
4. **Headlines, standfirsts, subheads and captions** are searched too and marked in
   ``location``; a caption pasted twice gives one quote.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.language import function_words
from analysis.paths import DATA_DIR
from analysis.text import WORD, count_words, normalise_typography

#: Double quotation marks: openers, closers, and the straight mark that can be either.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
#: Single quotation marks; the closing curly mark and the straight mark are also apostrophes.
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
QUOTE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
_MARK_RE = re.compile("[" + re.escape(QUOTE_MARKS) + "]")
_OPEN_CONTEXT = "([{—–-/:;,"  # a straight mark after one of these (or a space) opens a quote
_CLOSE_CONTEXT = ".,;:!?)]}—–-…"  # a straight mark before one of these (or a space) closes one


@dataclass
class Region:
    """One outermost quoted span of a paragraph.

    ``open`` is the offset of the opening mark and ``close`` that of the closing mark, or
    ``None`` when the quote is not closed in the paragraph; the quoted words are
    ``text[open + 1 : stop]`` (``stop`` is ``close``, or where an unclosed quote ends: the
    paragraph's end, or the next quote's opening mark). ``nested`` counts quotes inside it.
    """

    open: int
    close: int | None
    stop: int
    mark: str
    nested: int = 0

    @property
    def closed(self) -> bool:
        return self.close is not None


@dataclass
class MarkScan:
    """What :func:`scan_marks` found in one paragraph: the outermost quoted regions, and the
    offsets of closing marks that had no opener (``stray``)."""

    regions: list[Region] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int) -> str:
    """``open``, ``close``, ``either`` or ``apostrophe`` for the mark at ``text[i]``, from the
    characters around it alone."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev_space = prev == "" or prev.isspace() or prev in _OPEN_CONTEXT or prev in QUOTE_MARKS
    next_space = nxt == "" or nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in QUOTE_MARKS
    if ch in DOUBLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    if ch == STRAIGHT_DOUBLE:
        if prev_space and not (nxt == "" or nxt.isspace()):
            return "open"
        if next_space:
            return "close"
        return "either"
    if ch in SINGLE_OPEN:
        # '‘90s' and 'rock ‘n’' are apostrophes written with the wrong mark.
        if _is_word_char(prev) or nxt.isdigit() or _elided(text, i):
            return "apostrophe"
        return "open"
    # ’ or ': an apostrophe between letters (Britain’s, it's, They’re).
    if _is_word_char(prev) and _is_word_char(nxt):
        return "apostrophe"
    if prev_space and (_is_word_char(nxt) or nxt in QUOTE_MARKS):
        if ch == STRAIGHT_SINGLE and not nxt.isdigit() and not _elided(text, i):
            return "open"
        return "apostrophe"  # ’em, '90s
    if next_space and not prev_space:
        return "close"  # or a plural possessive (defectors’): decided with the context
    return "apostrophe"


def _elided(text: str, i: int) -> bool:
    """``‘n’`` in "rock ‘n’ roll": one letter between single marks is an elision."""
    return (i + 2 < len(text) and text[i + 1].isalpha() and text[i + 2] in "’'"
            and (i + 3 == len(text) or not text[i + 3].isalnum()))


def _family(ch: str) -> str:
    return "double" if ch in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE else "single"


def scan_marks(text: str) -> MarkScan:
    """Find the outermost quoted regions of one paragraph.

    Curly and straight marks of one kind (double or single) close each other, so a quote opened
    with ``"`` and closed with ``”`` is one quote. A straight mark opens after a space, a
    bracket or a dash and closes before a space or punctuation. ``’`` and ``'`` between letters
    are apostrophes (``Britain’s``, ``it's``); after a letter and before a space they close an
    open single quote, unless another closing single mark follows with no opener in between
    (then the first is a plural possessive, ``the defectors’ names``); with no single quote
    open they are apostrophes. Quotes inside quotes are counted in the outer region's
    ``nested``. Nothing here raises: an unclosed quote runs to the paragraph's end
    (``close=None``) and a closer with no opener is listed in ``stray``.
    """
    scan = MarkScan()
    stack: list[tuple[str, int, str]] = []  # (family, offset, mark)
    current: Region | None = None
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    kinds = {i: _classify(text, i) for i in marks}
    # For each mark, the kind of the next single mark that opens or closes (one backward pass,
    # so a paragraph with thousands of marks is not rescanned for each).
    next_single: list[str | None] = [None] * len(marks)
    upcoming = None
    for n in range(len(marks) - 1, -1, -1):
        next_single[n] = upcoming
        i = marks[n]
        if _family(text[i]) == "single" and kinds[i] in ("close", "open"):
            upcoming = kinds[i]

    def close_outer(close: int | None, stop: int) -> None:
        nonlocal current
        if current is not None:
            current.close = close
            current.stop = stop
            scan.regions.append(current)
        current = None

    for n, i in enumerate(marks):
        ch = text[i]
        fam = _family(ch)
        kind = kinds[i]
        if kind == "apostrophe":
            continue
        if kind == "close" and fam == "single":
            if not stack or stack[-1][0] != "single":
                continue  # no single quote open: an apostrophe (defectors’)
            if text[i - 1] in "sS" and next_single[n] == "close":
                continue  # the defectors’ names’ : this one is a possessive
        if kind == "either":
            kind = "close" if any(f == fam for f, _, _ in stack) else "open"
        if kind == "open":
            if stack and stack[-1][0] == fam:
                if ch == STRAIGHT_DOUBLE or ch == STRAIGHT_SINGLE or (ch == "“" and stack[-1][2] == "„"):
                    kind = "close"  # a straight mark (or German „...“) closing the open one
                else:
                    # A new opener of the same kind while one is open: the first was never
                    # closed. End it here and start again.
                    stack.clear()
                    close_outer(None, i)
            if kind == "open":
                if not stack:
                    current = Region(open=i, close=None, stop=len(text), mark=ch)
                else:
                    current.nested += 1
                stack.append((fam, i, ch))
                continue
        # a closer
        depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
        if depth is None:
            if ch in DOUBLE_CLOSE + STRAIGHT_DOUBLE or (ch in SINGLE_CLOSE + STRAIGHT_SINGLE and stack):
                scan.stray.append(i)
            continue
        del stack[depth:]
        if not stack:
            close_outer(i, i)
    if current is not None:
        close_outer(None, len(text))
    return scan


# --------------------------------------------------------------------------------------------
# Data: reporting verbs and speaker aliases
# --------------------------------------------------------------------------------------------

#: The reporting-verb table shared with framing: ``lemma,form,stance,note``.
REPORTING_VERBS_FILE = DATA_DIR / "reporting_verbs.csv"
#: The story's speaker aliases: ``speaker,alias`` (optional).
SPEAKERS_FILE = "speakers.csv"

#: Columns of the quotes table, one row per direct quote.
QUOTE_COLUMNS = (
    "file", "outlet", "quote_id", "location", "line", "paragraph", "sentence", "start", "end",
    "quote", "words", "kind", "speaker", "speaker_evidence", "attribution", "verb",
    "verb_lemma", "stance", "unit", "fidelity", "closed", "paragraphs", "nested",
)
#: Columns of the quote-share table, one row per article.
SHARE_COLUMNS = ("file", "outlet", "body_words", "quoted_words", "narration_words",
                 "quoted_share")
#: Where a quote can be: the body, or one of these furniture roles (other roles are skipped).
LOCATIONS = ("headline", "standfirst", "subhead", "caption", "body")

#: Verbs whose object is the listener ("told the audience", "urged Russians"), so the words
#: after them are never the speaker.
LISTENER_VERBS = frozenset({"tell", "ask", "urge", "encourage", "assure", "appeal", "warn",
                            "according to"})
#: Titles and honorifics before a name; the name is what follows them ("Sir Richard Moore",
#: "Russian President Vladimir Putin"). Language, not story, so kept here.
TITLES = frozenset("""sir dame lord lady mr mrs ms miss dr prof professor president premier
prime minister chancellor secretary general gen col colonel captain capt sgt sergeant
senator sen rep governor gov mayor judge justice king queen prince princess pope rev
reverend father chief director commissioner ambassador spokesman spokeswoman spokesperson
former""".split())
#: A reporting-verb form right after one of these words is a noun or a passive, not an
#: attribution.
NOT_BEFORE_VERB = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this",
                             "these", "those", "that", "be", "been", "being", "is", "was",
                             "were", "are", "am"})
PRONOUNS = frozenset({"he", "she"})
#: A name ending in one of these is an organisation: never what "he" or "she" stands for.
ORGANISATION_WORDS = frozenset("""council association office party department ministry
committee commission union bank group securities government agency service institute
university court police company corporation league federation board authority trust
foundation campaign news times post press club society organisation organization centre
center network alliance coalition fund forum parliament assembly senate congress embassy
kremlin""".split())
OTHER_PRONOUNS = frozenset({"they", "we", "i", "it", "you"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our",
                         "one", "another"})
#: Words between a subject and its verb that are skipped ("Moore further stated",
#: "Britain's spy chief on Wednesday urged").
_SKIP_TAIL = re.compile(
    r"(?:\s+|^)(?:also|further|then|later|again|once|previously|repeatedly|has|have|had|was|"
    r"were|is|are|would|will|has been|had been|earlier|recently|yesterday|today|tonight|"
    r"(?:on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|"
    r"month|year|morning|evening|night)|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|[a-z]+ly)\s*$",
    re.I,
)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['\-][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
#: A run of capitalised words: a candidate name ("Sir Richard Moore", "Vladimir Putin").
NAME = re.compile(
    rf"(?<![\w'\-]){_NAME_WORD}\.?(?:\s+(?:de|van|von|bin|al|da|di|la|le)?\s*{_NAME_WORD}\.?)*"
    r"(?![\w])"
)
_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "‛": "'", "ʼ": "'", "“": '"', "”": '"',
                              "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-",
                              "‑": "-", "\u00a0": " ", "\u202f": " "})
_MASK = "\x01"  # stands for every character of a quote (marks included) in narration text
_CLAUSE_BREAK = re.compile(r"[\x01;:()\[\]]|\s[-]\s|--")


def _flat(text: str) -> str:
    """Straight marks and hyphens, character for character (offsets do not move)."""
    return text.translate(_SAME_LENGTH)


@lru_cache(maxsize=1)
def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb table (``analysis/data/reporting_verbs.csv``)."""
    table = pd.read_csv(REPORTING_VERBS_FILE, dtype=str, keep_default_na=False)
    missing = {"lemma", "form", "stance"} - set(table.columns)
    if missing:
        raise ValueError(f"{REPORTING_VERBS_FILE}: missing columns {sorted(missing)}")
    return table


@lru_cache(maxsize=1)
def _verb_forms() -> dict[str, tuple[str, str]]:
    return {r.form.lower(): (r.lemma, r.stance) for r in reporting_verbs().itertuples()}


@lru_cache(maxsize=65536)
def _lookup(aliases: tuple, text: str) -> str | None:
    table = _alias_dict(aliases)
    text = " ".join(_flat(text).split())
    if text in table:
        return table[text]
    return table.get(text[:1].lower() + text[1:])


@lru_cache(maxsize=16)
def _alias_dict(aliases: tuple) -> dict:
    return dict(aliases)


@dataclass
class Speakers:
    """Speaker aliases: ``alias -> canonical name``, matched on word boundaries. An alias that
    starts with a lower-case letter ("the spy chief") also matches capitalised ("The spy
    chief"); capitalised aliases match as written."""

    aliases: dict[str, str]
    pattern: re.Pattern | None

    @classmethod
    def from_folder(cls, folder: Path | None) -> "Speakers":
        aliases: dict[str, str] = {}
        path = Path(folder) / SPEAKERS_FILE if folder is not None else None
        if path is not None and path.is_file():
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
            if not {"speaker", "alias"} <= set(table.columns):
                raise ValueError(f"{path}: needs the columns speaker,alias")
            for n, row in enumerate(table.itertuples(), start=2):
                speaker, alias = row.speaker.strip(), row.alias.strip()
                if not speaker or not alias:
                    raise ValueError(f"{path}, line {n}: empty speaker or alias")
                aliases[_flat(alias)] = speaker
                aliases.setdefault(_flat(speaker), speaker)
        return cls.from_aliases(aliases)

    @classmethod
    def from_aliases(cls, aliases: dict[str, str]) -> "Speakers":
        parts = []
        for alias in sorted(aliases, key=len, reverse=True):
            body = r"\s+".join(re.escape(w) for w in alias.split())
            if alias[:1].islower():
                body = f"[{alias[0]}{alias[0].upper()}]" + body[1:] if len(alias) > 1 else body
            parts.append(body)
        pattern = re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])") if parts else None
        return cls(aliases, pattern)

    def lookup(self, text: str) -> str | None:
        return _lookup(self.aliases_key, text)

    @property
    def aliases_key(self) -> tuple:
        if getattr(self, "_key", None) is None:
            self._key = tuple(sorted(self.aliases.items()))
        return self._key

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.pattern is not None else iter(())


# --------------------------------------------------------------------------------------------
# Texts: a paragraph or furniture line, with its quotes masked out
# --------------------------------------------------------------------------------------------


@dataclass
class _Text:
    """One paragraph of the body, or one furniture line (headline, caption ...)."""

    file: str
    location: str
    line: int
    paragraph: int
    offset: int  # where the text starts in the body (-1 when not body)
    text: str
    sentences: list[tuple[int, int]]
    sentence_numbers: list[int]
    scan: MarkScan = None
    flat: str = ""
    masked: str = ""
    verbs: list = field(default_factory=list)  # reporting verbs in the narration
    verb_starts: list = field(default_factory=list)

    def __post_init__(self):
        self.scan = scan_marks(self.text)
        self.flat = _flat(self.text)
        parts, pos = [], 0
        for r in self.scan.regions:
            end = min(r.close + 1 if r.close is not None else r.stop, len(self.flat))
            parts += [self.flat[pos:r.open], _MASK * (end - r.open)]
            pos = end
        parts.append(self.flat[pos:])
        masked = self.masked = "".join(parts)
        forms = _verb_forms()
        self.verbs = []
        previous = ""
        for m in WORD.finditer(masked):
            w = m.group(0).lower()
            # Not after a determiner or a possessive ("the remarks", "Lord Butler's claims":
            # nouns) or a form of "be" ("would never be revealed": a passive, whose subject is
            # not the speaker).
            if w in forms and previous not in NOT_BEFORE_VERB \
                    and not previous.endswith(("'s", "s'")):
                self.verbs.append((m.start(), m.end(), w))
            previous = w
        self.verb_starts = [v[0] for v in self.verbs]

    def sentence_at(self, pos: int) -> int:
        """Index (into :attr:`sentences`) of the sentence holding offset ``pos``: the first
        that ends after it (a binary search: a long paragraph has thousands of sentences)."""
        k = bisect_right(self.sentences, pos, key=lambda s: s[1])
        return k if k < len(self.sentences) else max(len(self.sentences) - 1, 0)

    def bounds(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_at(pos)]


@dataclass
class _Quote:
    texts: list  # [(text, region)], one per paragraph the quote runs over
    number: int = 0
    speaker: str = ""
    evidence: str = ""
    evidence_kind: str = ""  # alias | name | description | pronoun | other-pronoun | ''
    evidence_pos: tuple = ()
    attribution: str = "none"
    verb: str = ""
    lemma: str = ""
    stance: str = ""

    @property
    def first(self):
        return self.texts[0]

    @property
    def last(self):
        return self.texts[-1]

    def parts(self) -> list[tuple[_Text, int, int]]:
        out = []
        for t, r in self.texts:
            a, b = r.open + 1, r.stop
            seg = t.text[a:b]
            a += len(seg) - len(seg.lstrip())
            b = a + len(t.text[a:b].rstrip())
            out.append((t, a, b))
        # A trailing comma, semicolon or colon is the reporter's punctuation, not the speaker's.
        t, a, b = out[-1]
        while b > a and t.text[b - 1] in ",;: \u00a0":
            b -= 1
        out[-1] = (t, a, b)
        return out

    @property
    def words_text(self) -> str:
        return " ".join(t.text[a:b] for t, a, b in self.parts())


# --------------------------------------------------------------------------------------------
# Finding the quotes
# --------------------------------------------------------------------------------------------


def _get(obj, name):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _texts_of(analysis) -> dict[str, list[_Text]]:
    """Every text a quote can be in, per file, in the order of the raw lines."""
    articles = _get(analysis, "articles")
    lines = _get(analysis, "lines")
    paragraphs = _get(analysis, "paragraphs")
    sentences = _get(analysis, "sentences")
    out: dict[str, list[_Text]] = {f: [] for f in articles.file}
    sent_by_par: dict[tuple[str, int], list] = {}
    for s in sentences.itertuples(index=False):
        sent_by_par.setdefault((s.file, s.paragraph), []).append((s.start, s.end, s.sentence))
    for p in paragraphs.itertuples(index=False):
        rows = sent_by_par.get((p.file, p.paragraph), [])
        spans = [(a - p.start, b - p.start) for a, b, _ in rows]
        out.setdefault(p.file, []).append(_Text(p.file, "body", int(p.line), int(p.paragraph),
                                                int(p.start), p.text, spans,
                                                [n for _, _, n in rows]))
    furniture = lines[lines.role.isin([loc for loc in LOCATIONS if loc != "body"])]
    seen_headline = set()
    for r in furniture.itertuples(index=False):
        spans = [(0, len(r.clean))]  # a headline or caption is read as one sentence
        out.setdefault(r.file, []).append(_Text(r.file, r.role, int(r.line), 0, -1, r.clean,
                                                spans, [0] * len(spans)))
        if r.role == "headline":
            seen_headline.add(r.file)
    # A manifest headline the paste does not hold is still a headline (line 0).
    for a in articles.itertuples(index=False):
        headline = str(getattr(a, "headline", "") or "")
        if headline and a.file not in seen_headline:
            spans = [(0, len(headline))]
            out[a.file].append(_Text(a.file, "headline", 0, 0, -1, headline, spans,
                                     [0] * len(spans)))
    for f in out:
        out[f].sort(key=lambda t: (t.line, t.location != "body"))
    return out


def _opens_with_quote(t: _Text) -> Region | None:
    lead = len(t.text) - len(t.text.lstrip())
    for r in t.scan.regions:
        if r.open == lead:
            return r
    return None


def _collect(texts: list[_Text], warnings: list[dict]) -> list[_Quote]:
    """The quotes of one article, joining a quote left open at a paragraph's end to the next
    paragraph when that paragraph opens with a quotation mark (the convention for a quote that
    runs over several paragraphs)."""
    quotes: list[_Quote] = []
    seen_furniture: set[tuple[str, str]] = set()
    body = [t for t in texts if t.location == "body"]
    following = {id(t): body[k + 1] for k, t in enumerate(body[:-1])}
    continued: set[int] = set()  # ids of regions already taken as a continuation
    for t in texts:
        for i in t.scan.stray:
            warnings.append(dict(file=t.file, line=t.line, code="quote-stray-close",
                                 message=f"{t.file}, line {t.line}: closing quotation mark at "
                                         f"column {i + 1} has no opening mark; ignored"))
        for r in t.scan.regions:
            if id(r) in continued:
                continue
            q = _Quote([(t, r)])
            cur_t, cur_r = t, r
            while not cur_r.closed and cur_r.stop >= len(cur_t.text.rstrip()):
                nxt = following.get(id(cur_t)) if cur_t.location == "body" else None
                nxt_r = _opens_with_quote(nxt) if nxt is not None else None
                if nxt_r is None:
                    warnings.append(dict(
                        file=t.file, line=cur_t.line, code="quote-not-closed",
                        message=f"{t.file}, line {cur_t.line}: a quote opened here is not "
                                f"closed before the paragraph ends; it is taken to end there"))
                    break
                q.texts.append((nxt, nxt_r))
                continued.add(id(nxt_r))
                cur_t, cur_r = nxt, nxt_r
            if not cur_r.closed and cur_r.stop < len(cur_t.text.rstrip()):
                warnings.append(dict(
                    file=t.file, line=cur_t.line, code="quote-not-closed",
                    message=f"{t.file}, line {cur_t.line}: a quote is opened again before the "
                            f"earlier one is closed; the earlier one is taken to end there"))
            words = q.words_text
            if count_words(words) == 0:
                continue
            if t.location != "body":
                key = (t.location, normalise_typography(words).lower())
                if key in seen_furniture:
                    continue  # the same caption pasted twice
                seen_furniture.add(key)
            quotes.append(q)
    return quotes


def _kind(q: _Quote) -> str:
    """``full`` when the quote stands as a sentence of its own: it opens the reporter's
    sentence, or follows a colon, or follows a comma and starts with a capital letter.
    Otherwise ``fragment``: words woven into the reporter's sentence."""
    t, r = q.first
    a, _ = t.bounds(r.open)
    before = t.text[a:r.open].strip()
    words = q.words_text.lstrip("\"'“‘ ([")
    first = words[:1]
    capital = first.isupper() or first.isdigit()
    if before == "":
        return "full" if capital else "fragment"
    if before.endswith(":"):
        return "full"
    if before.endswith(",") and capital:
        return "full"
    return "fragment"


# --------------------------------------------------------------------------------------------
# Who said it
# --------------------------------------------------------------------------------------------


@dataclass
class _People:
    """What the story says about people: aliases, full names seen, and role nouns learned from
    "MI6 chief Richard Moore" and "Sir Richard Moore, the chief of MI6,"."""

    speakers: Speakers
    full_names: set = field(default_factory=set)
    known: set = field(default_factory=set)  # speakers named outright somewhere in the story
    _by_first: dict = field(default_factory=dict)
    _by_last: dict = field(default_factory=dict)
    _names: dict = field(default_factory=dict)  # cache of canonical_name
    _described: dict = field(default_factory=dict)  # cache of describe
    roles: dict = field(default_factory=dict)  # (file or None, head noun) -> set of names

    def name_core(self, name: str) -> tuple[str, bool]:
        """The name without leading titles and function words, and whether a 'Sir'/'Dame'
        (first-name title) was among them."""
        words = name.split()
        first_name_title = False
        fw = function_words()
        k = 0
        for n, w in enumerate(words):
            lw = w.lower().rstrip(".")
            if lw in TITLES:
                k = n + 1
                first_name_title = lw in ("sir", "dame")
            elif lw in fw and n == k:
                k = n + 1
        core = words[k:] if k < len(words) else words[-1:]
        return " ".join(core), first_name_title

    def canonical_name(self, name: str, file: str | None = None) -> str:
        if name in self._names:
            return self._names[name]
        found = self._canonical_name(name)
        self._names[name] = found
        return found

    def _canonical_name(self, name: str) -> str:
        found = self.speakers.lookup(name)
        if found:
            return found
        core, first_name_title = self.name_core(name)
        found = self.speakers.lookup(core)
        if found:
            return found
        if len(core.split()) > 1:
            return core
        matches = (self._by_first if first_name_title else self._by_last).get(core, set())
        if len(matches) == 1:
            full = next(iter(matches))
            return self.speakers.lookup(full) or full
        return core

    def learn(self, file: str, masked: str) -> None:
        """Collect full names and role nouns from one narration text."""
        for m in NAME.finditer(masked):
            core, _ = self.name_core(m.group(0))
            if len(core.split()) < 2:
                continue
            if core not in self.full_names:
                self.full_names.add(core)
                self._by_first.setdefault(core.split()[0], set()).add(core)
                self._by_last.setdefault(core.split()[-1], set()).add(core)
                self._names.clear()
            # Titles inside the run ("MI6 Chief Richard Moore") are roles.
            for w in m.group(0).split()[: -len(core.split())]:
                if w.lower().rstrip(".") in TITLES - {"former", "mr", "mrs", "ms", "miss", "dr"}:
                    self._add_role(file, w.lower().rstrip("."), core)
            # Lower-case role words right before the name ("MI6 chief Richard Moore").
            before = masked[: m.start()].rstrip()
            tail = re.search(r"([A-Za-z][\w'\-]*)$", before)
            if tail and tail.group(1).islower() and tail.group(1) not in function_words() \
                    and masked[m.start() - 1: m.start()] == " " and len(before) == m.start() - 1:
                self._add_role(file, tail.group(1), core)
            # Apposition: "Sir Richard Moore, the chief of MI6,".
            after = masked[m.end():]
            app = re.match(r",\s+(?:(?:the|a|an)\s+)?([a-z][^,\x01.;]{1,60}?),", after)
            if app:
                self._add_role(file, _head_noun(app.group(1)), core)

    def _add_role(self, file: str, head: str, name: str) -> None:
        canonical = self.canonical_name(name, file)
        self._described.clear()
        for key in ((file, head), (None, head)):
            self.roles.setdefault(key, set()).add(canonical)

    def describe(self, description: str, file: str) -> str:
        """A description ("the spy chief") as a person: through the alias table, else through
        a role noun learned in the same article, then in the story, naming one person only;
        else the description as written."""
        key = (description, file)
        if key not in self._described:
            self._described[key] = self._describe(description, file)
        return self._described[key]

    def _describe(self, description: str, file: str) -> str:
        found = self.speakers.lookup(description)
        if found:
            return found
        head = _head_noun(description)
        for key in ((file, head), (None, head)):
            names = self.roles.get(key, set())
            if len(names) == 1:
                return next(iter(names))
        return description


def _head_noun(description: str) -> str:
    """The head noun of a description: the word before 'of' ("the chief of MI6" -> chief),
    else the last word ("the spy chief" -> chief)."""
    words = re.findall(r"[\w'\-]+", _flat(description))
    if "of" in words[1:]:
        k = words.index("of", 1)
        return words[k - 1].lower()
    return words[-1].lower() if words else ""


def _verbs_in(t: "_Text", a: int, b: int) -> list[tuple[int, int, str]]:
    """Reporting verbs in ``t.masked[a:b]``: (start, end, form in lower case)."""
    lo = bisect_left(t.verb_starts, a)
    out = []
    for v in t.verbs[lo:]:
        if v[0] >= b:
            break
        if v[1] <= b:
            out.append(v)
    return out


def _clause_tail(masked: str, a: int, b: int) -> tuple[int, str]:
    """The text of ``masked[a:b]`` after its last clause break (a quote, ``;``, ``:``,
    brackets or a spaced dash), with its offset."""
    seg = masked[a:b]
    last = None
    for m in _CLAUSE_BREAK.finditer(seg):
        last = m
    if last is not None:
        return a + last.end(), seg[last.end():]
    return a, seg


def _strip_tail(text: str) -> str:
    """Drop adverbs, auxiliaries, times and a final apposition between a subject and its verb."""
    text = text.rstrip()
    while True:
        new = _SKIP_TAIL.sub("", text).rstrip()
        # ", the chief of MI6," after a name: skip the apposition.
        app = re.search(r",\s*(?:(?:the|a|an)\s+|[a-z])[^,]{0,60},$", new)
        if app and app.start() > 0:
            new = new[: app.start()].rstrip()
        new = new.rstrip(",").rstrip()
        if new == text:
            return text
        text = new


def _subject(people: _People, text: str, file: str) -> tuple[str, str, str] | None:
    """``(kind, evidence, speaker)`` for a phrase that ends right before a verb, or ``None``.
    kind: alias, name, pronoun, other-pronoun, description."""
    text = _strip_tail(text)
    if not text or _MASK in text[-1:]:
        return None
    # An alias at the end ("the spy chief", "Sir Richard").
    best = None
    for m in people.speakers.finditer(text):
        if m.end() == len(text) and (best is None or m.start() < best.start()):
            best = m
    if best is not None:
        return "alias", best.group(0), people.speakers.lookup(best.group(0))
    last = re.search(r"([\w'\-]+)$", text)
    if last is None:
        return None
    word = last.group(1)
    if word.lower() in PRONOUNS:
        return "pronoun", word, ""
    if word.lower() in OTHER_PRONOUNS:
        return "other-pronoun", word, ""
    name = None
    for m in NAME.finditer(text):
        if m.end() == len(text):
            name = m
    if name is not None:
        core, _ = people.name_core(name.group(0))
        if core and core.lower() not in function_words():
            return "name", name.group(0), people.canonical_name(name.group(0), file)
    # A description back to its determiner: "the U.K. Secret Intelligence Service chief".
    words = list(re.finditer(r"[\w'\-.]+", text))[-9:]
    for k in range(len(words) - 1, -1, -1):
        w = words[k].group(0)
        lw = w.lower()
        if lw in DETERMINERS or (lw.endswith("'s") and k < len(words) - 1):
            phrase = text[words[k].start():]
            if re.search(r"[,\x01]", phrase):
                return None
            if word.lower() in function_words():
                return None
            return "description", phrase, people.describe(phrase, file)
    # A headline drops its articles: "MI6 chief urges ..." (the whole clause, a few words,
    # ending in a lower-case noun).
    if 1 <= len(words) <= 5 and words[0].start() == 0 and word.islower() \
            and not any(w.group(0).lower() in function_words() for w in words) \
            and not re.search(r"[,\x01]", text):
        return "description", text, people.describe(text, file)
    return None


def _mention(people: _People, text: str, file: str) -> tuple[str, str, str] | None:
    """The first mention of a person in ``text``: an alias, a he/she, or a known full name."""
    found = []
    for m in people.speakers.finditer(text):
        speaker = people.speakers.lookup(m.group(0))
        if not people.known or speaker in people.known:
            found.append((m.start(), "alias", m.group(0), speaker))
    for m in re.finditer(r"\b(he|she|He|She)\b", text):
        found.append((m.start(), "pronoun", m.group(0), ""))
    for m in NAME.finditer(text):
        canonical = people.canonical_name(m.group(0), file)
        if canonical in people.known:
            found.append((m.start(), "name", m.group(0), canonical))
    # "the intelligence head": a role noun the story gave one known speaker.
    for m in re.finditer(r"\b[Tt]he\s+", text):
        following = list(re.finditer(r"[\w'\-.]+", text[m.end():m.end() + 80]))[:4]
        for w in following:
            phrase = text[m.start():m.end() + w.end()]
            if not w.group(0).islower() or re.search(r"[,\x01;]", phrase):
                continue
            speaker = people.describe(phrase, file)
            if speaker in people.known and speaker != phrase:
                found.append((m.start(), "description", phrase, speaker))
                break
    if not found:
        return None
    _, kind, evidence, speaker = min(found, key=lambda x: x[0])
    return kind, evidence, speaker


def _attribute(q: _Quote, people: _People) -> None:
    """Find the speaker evidence and the verb of one quote, from its reporter's sentence."""
    q.speaker = q.evidence = q.evidence_kind = q.verb = q.lemma = q.stance = ""
    q.evidence_pos, q.attribution = (), "none"
    file = q.first[0].file
    forms = _verb_forms()
    # 1. After the quote: "...,” Moore said." / "...,” said Moore." / "...,” the spy chief added."
    t, r = q.last
    end = (r.close + 1) if r.close is not None else r.stop
    _, s_end = t.bounds(max(end - 1, 0))
    stop = t.masked.find(_MASK, end)
    stop = s_end if stop < 0 else min(stop, s_end)
    verbs = _verbs_in(t, end, stop)
    if verbs:
        v0, v1, form = verbs[0]
        lemma, stance = forms[form]
        between = t.masked[end:v0].strip(" ,\t")
        first_word = between.split()[0].lower() if between else ""
        plausible = (first_word == "" or first_word in DETERMINERS or first_word in PRONOUNS
                     or first_word in OTHER_PRONOUNS or first_word not in function_words())
        if len(between.split()) <= 8 and plausible:
            found = _subject(people, between, file) if between else None
            if found is None and not between and lemma not in LISTENER_VERBS:
                obj = re.match(r"\s*([^,.;:\x01!?]+)", t.masked[v1:stop])
                if obj:
                    found = _subject(people, obj.group(1), file)
            if found is not None:
                q.verb, q.lemma, q.stance = form, lemma, stance
                q.evidence_kind, q.evidence, q.speaker = found
                q.evidence = _as_written(t, q.evidence, end, stop)
                q.evidence_pos = (t.line, v0)
                q.attribution = "after quote"
                return
    # 2. Before the quote, in the same sentence: the nearest reporting verb and its subject.
    t, r = q.first
    s_start, _ = t.bounds(r.open)
    verbs = _verbs_in(t, s_start, r.open)
    if verbs:
        v0, v1, form = verbs[-1]
        lemma, stance = forms[form]
        c0, clause = _clause_tail(t.masked, s_start, v0)
        # A participle ("..., insisting", "Noting ...") has the sentence's subject, not the
        # words right before it.
        participle = form.endswith("ing")
        found = None if participle else _subject(people, clause, file)
        if found is None and lemma not in LISTENER_VERBS and not participle:
            obj = re.match(r"\s*([^,.;:\x01!?]+?)\s*[,:]?\s*$", t.masked[v1:r.open])
            if obj and obj.group(1).strip():
                found = _subject(people, obj.group(1), file)
        if found is None:
            found = _mention(people, t.masked[s_start:v0], file)
        if found is not None:
            q.verb, q.lemma, q.stance = form, lemma, stance
            q.evidence_kind, q.evidence, q.speaker = found
            q.evidence = _as_written(t, q.evidence, s_start, r.open)
            q.evidence_pos = (t.line, v0)
            q.attribution = "before quote"
            return
    # 3. No verb: a person named in the sentence ("the intelligence head was adamant ...").
    found = _mention(people, t.masked[s_start:r.open], file)
    if found is not None:
        q.evidence_kind, q.evidence, q.speaker = found
        q.evidence = _as_written(t, q.evidence, s_start, r.open)
        q.evidence_pos = (t.line, s_start)
        q.attribution = "in sentence"


def _as_written(t: _Text, evidence: str, lo: int, hi: int) -> str:
    """``evidence`` (found in the flattened text) as the article writes it."""
    at = t.masked.rfind(evidence, lo, hi)
    return t.text[at:at + len(evidence)] if at >= 0 else evidence


def _mentions(texts: list[_Text], people: _People, allowed: set) -> list[tuple]:
    """Mentions of a known speaker as a subject in an article's narration: at the start of a
    sentence ("Moore recounted how ...", "Sir Richard made a rare speech") or right before a
    reporting verb. Returns sorted ``(line, offset, name)``."""
    out = []
    forms = _verb_forms()
    for t in texts:
        starts = sorted({a for a, _ in t.sentences} | {0})
        found = [(m, people.speakers.lookup(m.group(0))) for m in people.speakers.finditer(t.masked)]
        found += [(m, people.canonical_name(m.group(0), t.file)) for m in NAME.finditer(t.masked)]
        for m, name in found:
            if name not in allowed:
                continue
            a = starts[bisect_right(starts, m.start()) - 1]
            at_start = t.masked[a:m.start()].strip(" \"'(") == ""
            after = _strip_lead(t.masked[m.end():m.end() + 60])
            nxt = re.match(r"[\w'\-]+", after)
            before_verb = nxt is not None and nxt.group(0).lower() in forms
            if at_start or before_verb:
                out.append((t.line, m.start(), name))
    return sorted(set(out))


def _is_organisation(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in ORGANISATION_WORDS


def _strip_lead(text: str) -> str:
    """Drop a leading apposition, adverbs and auxiliaries ("Moore, the chief, further said")."""
    text = re.sub(r"^,\s*(?:(?:the|a|an)\s+|[a-z])[^,]{0,60},", "", text)
    return re.sub(r"^(?:\s+(?:also|further|then|later|again|has|had|have|was|is|[a-z]+ly))*\s*",
                  "", text, flags=re.I)


def _resolve(quotes: list[_Quote], texts: list[_Text], people: _People, allowed: set) -> None:
    """Pronouns to the most recent mention of a known speaker before them; quotes with no
    evidence to the previous quote's speaker."""
    mentions = _mentions(texts, people, allowed)
    # The evidence of quotes attributed outright is a mention too.
    mentions += [(q.evidence_pos[0], q.evidence_pos[1], q.speaker) for q in quotes
                 if q.evidence_kind in ("alias", "name", "description") and q.speaker in allowed]
    mentions = list(set(mentions))
    # "he" and "she" stand for people, not for organisations quoted by name.
    mentions = sorted(m for m in mentions if not _is_organisation(m[2]))
    previous = ""
    for q in quotes:
        if q.evidence_kind == "pronoun" and q.evidence.lower() in PRONOUNS:
            line, pos = q.evidence_pos
            k = bisect_left(mentions, (line, pos))  # mentions before (line, pos): [:k]
            q.speaker = mentions[k - 1][2] if k else (
                previous if not _is_organisation(previous) else "")
        elif q.attribution == "none" and q.first[0].location == "body" and previous:
            q.speaker = previous
            q.attribution = "previous quote"
        if q.first[0].location == "body" and q.speaker:
            previous = q.speaker


# --------------------------------------------------------------------------------------------
# The tables
# --------------------------------------------------------------------------------------------


def _folder(analysis) -> Path | None:
    folder = _get(analysis, "folder")
    return Path(folder) if folder is not None else None


def _quote_ids(files: list[str]) -> dict[str, str]:
    """A short prefix per file: the part of the name before the first '_' when that is unique."""
    stems = {f: Path(f).stem for f in files}
    short = {f: s.split("_")[0] for f, s in stems.items()}
    if len(set(short.values())) == len(short):
        return short
    return stems


def find_quotes(analysis, align: bool = True, warnings: list | None = None) -> pd.DataFrame:
    """One row per direct quote of every article (columns :data:`QUOTE_COLUMNS`).

    ``analysis`` is an :class:`analysis.pipeline.Analysis` or anything with its ``articles``,
    ``lines``, ``paragraphs`` and ``sentences`` tables (a dict works) and optionally
    ``folder`` (where ``speakers.csv`` is read from).

    Columns: ``location`` (body, headline, standfirst, subhead, caption); ``line`` (the raw
    line where the quote starts; 0 for a manifest headline not in the paste); ``paragraph`` and
    ``sentence`` (where it starts; 0 outside the body); ``start, end`` (offsets of the quoted
    words in the body text, marks excluded; -1 outside the body; a quote over several
    paragraphs spans the paragraph breaks and the reopening mark); ``quote`` (the words, the
    parts of a multi-paragraph quote joined by a space; a trailing comma is dropped);
    ``words`` (:func:`analysis.text.count_words`); ``kind`` (full or fragment, see
    :func:`_kind`); ``speaker`` (canonical name, '' when unknown); ``speaker_evidence`` (the
    words that named the speaker); ``attribution`` (where they were found: after quote,
    before quote, in sentence, previous quote, quote unit, none); ``verb``, ``verb_lemma``,
    ``stance`` (from ``reporting_verbs.csv``); ``unit`` and ``fidelity`` (from
    :mod:`analysis.alignment`); ``closed`` (False when the closing mark is missing);
    ``paragraphs`` (how many paragraphs it runs over); ``nested`` (quotes inside it).

    Problems (a closing mark with no opener, a quote never closed) are never raised: they
    are appended to ``warnings`` (dicts with ``file, line, code, message``) when a list is
    given, and :func:`quote_warnings` returns them as a table.
    """
    articles = _get(analysis, "articles")
    outlets = dict(zip(articles.file, articles.outlet))
    people = _People(Speakers.from_folder(_folder(analysis)))
    texts = _texts_of(analysis)
    warnings = [] if warnings is None else warnings
    for file, ts in texts.items():
        for t in ts:
            people.learn(file, t.masked)
    per_file = {file: _collect(ts, warnings) for file, ts in texts.items()}
    # Pass 1 finds who is named outright as a speaker; pass 2 lets only those people be
    # found by a bare mention ("the intelligence head was adamant ...") or stand for a "he".
    for _ in range(2):
        for qs in per_file.values():
            for q in qs:
                _attribute(q, people)
        people.known = {q.speaker for qs in per_file.values() for q in qs
                        if q.evidence_kind in ("alias", "name", "description") and q.speaker}
    allowed = people.known
    for file, qs in per_file.items():
        _resolve(qs, texts[file], people, allowed)
    prefixes = _quote_ids(list(per_file))
    rows = []
    for file, qs in per_file.items():
        for n, q in enumerate(qs, start=1):
            parts = q.parts()
            t0, a0, _ = parts[0]
            t1, _, b1 = parts[-1]
            body = t0.location == "body"
            words = q.words_text
            k = t0.sentence_at(a0)
            rows.append(dict(
                file=file, outlet=outlets.get(file, ""), quote_id=f"{prefixes[file]}-q{n:02d}",
                location=t0.location, line=t0.line, paragraph=t0.paragraph if body else 0,
                sentence=t0.sentence_numbers[k] if body and t0.sentence_numbers else 0,
                start=t0.offset + a0 if body else -1, end=t1.offset + b1 if body else -1,
                quote=words, words=count_words(words), kind=_kind(q), speaker=q.speaker,
                speaker_evidence=q.evidence, attribution=q.attribution, verb=q.verb,
                verb_lemma=q.lemma, stance=q.stance, unit="", fidelity="",
                closed=q.last[1].closed, paragraphs=len(q.texts),
                nested=sum(r.nested for _, r in q.texts),
            ))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame = frame.astype({c: "int64" for c in ("line", "paragraph", "sentence", "start", "end",
                                                 "words", "paragraphs", "nested")})
    frame = frame.astype({"closed": bool})
    if align and len(frame):
        from analysis import alignment

        frame = alignment.assign_units(frame, alignment.sources_of(analysis))
    return frame


def quote_warnings(analysis) -> pd.DataFrame:
    """What the quotation marks of a story got wrong, one row per problem: ``file, line, code,
    message`` (code ``quote-stray-close``: a closing mark with no opener, ignored;
    ``quote-not-closed``: a quote taken to end where its paragraph ends)."""
    warnings: list[dict] = []
    for ts in _texts_of(analysis).values():
        _collect(ts, warnings)
    return pd.DataFrame(warnings, columns=["file", "line", "code", "message"])


def quote_share(analysis, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: ``body_words`` (:func:`analysis.text.count_words` of the body),
    ``quoted_words`` (words inside quotation marks in the body), ``narration_words`` (the
    rest) and ``quoted_share`` (quoted / body words, 0 to 1; NaN for an empty body)."""
    if quotes is None:
        quotes = _get(analysis, "quotes")
        if quotes is None:
            quotes = find_quotes(analysis, align=False)
    articles = _get(analysis, "articles")
    bodies = _get(analysis, "bodies")
    body_quotes = quotes[quotes.location == "body"]
    quoted = body_quotes.groupby("file").words.sum()
    rows = []
    for a in articles.itertuples(index=False):
        body_words = count_words(bodies.get(a.file, "")) if bodies is not None else 0
        q = int(quoted.get(a.file, 0))
        rows.append(dict(file=a.file, outlet=a.outlet, body_words=body_words, quoted_words=q,
                         narration_words=body_words - q,
                         quoted_share=q / body_words if body_words else float("nan")))
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


def register_cli(table_command) -> None:
    """``python -m analysis quotes`` and ``quote-share``."""

    def quotes_frame(a):
        for w in quote_warnings(a).itertuples(index=False):
            print(f"warning: {w.message}", file=sys.stderr)
        return a.quotes

    table_command("quotes", "every direct quote with its speaker, verb, quote unit and "
                            "fidelity")(quotes_frame)
    table_command("quote-share", "per article: words inside quotes and narration")(
        lambda a: a.quote_share)
    table_command("quote-units", "per quote unit and outlet: used, exact or variant, order")(
        lambda a: a.quote_units)
    table_command("quote-differences", "per quote unit and pair of outlets: the wording "
                                       "differences")(lambda a: a.quote_differences)


def speakers_by_outlet(analysis) -> pd.DataFrame:
    """Who each outlet quotes: one row per outlet and speaker, ``quotes`` and ``words`` (body
    quotes; '' is a speaker not found), ``share_of_quoted_words`` (0 to 1, of the outlet's
    body quoted words), and ``verbs`` (the attribution verbs used for that speaker, most
    frequent first)."""
    q = _get(analysis, "quotes")
    q = q[q.location == "body"]
    rows = []
    totals = q.groupby("outlet").words.sum()
    for (outlet, speaker), part in q.groupby(["outlet", "speaker"], sort=False):
        verbs = part.verb[part.verb != ""].value_counts()
        rows.append(dict(outlet=outlet, speaker=speaker, quotes=len(part),
                         words=int(part.words.sum()),
                         share_of_quoted_words=part.words.sum() / totals[outlet]
                         if totals[outlet] else float("nan"),
                         verbs=", ".join(f"{v} ({n})" for v, n in verbs.items())))
    return pd.DataFrame(rows, columns=["outlet", "speaker", "quotes", "words",
                                       "share_of_quoted_words", "verbs"])

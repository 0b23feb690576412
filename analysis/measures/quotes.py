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
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.measures.speakers import (
    _MASK,
    NOT_BEFORE_VERB,
    Speakers,
    _attribute,
    _flat,
    _People,
    _resolve,
    _verb_forms_all,
)
from analysis.story.quotemarks import MarkScan, Region, scan_marks
from analysis.story.text import WORD, count_words, normalise_typography

#: Columns of the quotes table, one row per direct quote.
QUOTE_COLUMNS = (
    "file",
    "outlet",
    "quote_id",
    "location",
    "line",
    "paragraph",
    "sentence",
    "start",
    "end",
    "quote",
    "words",
    "kind",
    "speaker",
    "speaker_evidence",
    "attribution",
    "verb",
    "verb_lemma",
    "stance",
    "unit",
    "fidelity",
    "closed",
    "paragraphs",
    "nested",
)
#: Columns of the quote-share table, one row per article.
SHARE_COLUMNS = ("file", "outlet", "body_words", "quoted_words", "narration_words", "quoted_share")
#: Where a quote can be: the body, or one of these furniture roles (other roles are skipped).
LOCATIONS = ("headline", "standfirst", "subhead", "caption", "body")

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
    scan: MarkScan = None  # type: ignore[assignment]
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
            parts += [self.flat[pos : r.open], _MASK * (end - r.open)]
            pos = end
        parts.append(self.flat[pos:])
        masked = self.masked = "".join(parts)
        forms = _verb_forms_all()
        self.verbs = []
        previous = ""
        for m in WORD.finditer(masked):
            w = m.group(0).lower()
            # Not after a determiner or a possessive ("the remarks", "Lord Butler's claims":
            # nouns) or a form of "be" ("would never be revealed": a passive, whose subject is
            # not the speaker).
            if (
                w in forms
                and previous not in NOT_BEFORE_VERB
                and not previous.endswith(("'s", "s'"))
            ):
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
    kind: str = ""  # full | fragment | term (see _kind)

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


def _texts_of(analysis, make: type[_Text] = _Text) -> dict[str, list[_Text]]:
    """Every text a quote can be in, per file, in the order of the raw lines (each a ``make``:
    :class:`_Text`, or :class:`_MarksOnly` when only the quotes' places are wanted)."""
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
        out.setdefault(p.file, []).append(
            make(
                p.file,
                "body",
                int(p.line),
                int(p.paragraph),
                int(p.start),
                p.text,
                spans,
                [n for _, _, n in rows],
            )
        )
    furniture = lines[lines.role.isin([loc for loc in LOCATIONS if loc != "body"])]
    seen_headline = set()
    for r in furniture.itertuples(index=False):
        spans = [(0, len(r.clean))]  # a headline or caption is read as one sentence
        out.setdefault(r.file, []).append(
            make(r.file, r.role, int(r.line), 0, -1, r.clean, spans, [0] * len(spans))
        )
        if r.role == "headline":
            seen_headline.add(r.file)
    # A manifest headline the paste does not hold is still a headline (line 0).
    for a in articles.itertuples(index=False):
        headline = str(getattr(a, "headline", "") or "")
        if headline and a.file not in seen_headline:
            spans = [(0, len(headline))]
            out[a.file].append(
                make(a.file, "headline", 0, 0, -1, headline, spans, [0] * len(spans))
            )
    for f in out:
        out[f].sort(key=lambda t: (t.line, t.location != "body"))
    return out


@dataclass
class _MarksOnly(_Text):
    """A :class:`_Text` with only its quotation marks read (no masked narration, no reporting
    verbs): all :func:`_collect` needs to find the quotes and their spans."""

    def __post_init__(self):
        self.scan = scan_marks(self.text)


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
            warnings.append(
                dict(
                    file=t.file,
                    line=t.line,
                    code="quote-stray-close",
                    message=f"{t.file}, line {t.line}: closing quotation mark at "
                    f"column {i + 1} has no opening mark; ignored",
                )
            )
        for r in t.scan.regions:
            if id(r) in continued:
                continue
            q = _Quote([(t, r)])
            cur_t, cur_r = t, r
            while not cur_r.closed and cur_r.stop >= len(cur_t.text.rstrip()):
                nxt = following.get(id(cur_t)) if cur_t.location == "body" else None
                nxt_r = _opens_with_quote(nxt) if nxt is not None else None
                if nxt_r is None:
                    warnings.append(
                        dict(
                            file=t.file,
                            line=cur_t.line,
                            code="quote-not-closed",
                            message=f"{t.file}, line {cur_t.line}: a quote opened here is not "
                            f"closed before the paragraph ends; it is taken to end there",
                        )
                    )
                    break
                q.texts.append((nxt, nxt_r))
                continued.add(id(nxt_r))
                cur_t, cur_r = nxt, nxt_r  # type: ignore[assignment]
            if not cur_r.closed and cur_r.stop < len(cur_t.text.rstrip()):
                warnings.append(
                    dict(
                        file=t.file,
                        line=cur_t.line,
                        code="quote-not-closed",
                        message=f"{t.file}, line {cur_t.line}: a quote is opened again before the "
                        f"earlier one is closed; the earlier one is taken to end there",
                    )
                )
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


#: Words that may stay lower case inside a title ("The Lord of the Rings").
_TITLE_MINOR = frozenset("a an and as at but by for in of on or the to with".split())
#: A quote right after one of these and followed by a lower-case noun is a modifier: "the
#: bill's 'technology neutral' language".
_ATTRIBUTIVE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|['’]s)\s*$", re.IGNORECASE
)


def _kind(q: _Quote) -> str:
    """What the quoted words are in the reporter's sentence.

    ``term``: a title or a name in quotation marks ("The Long Table", "Sunrise Desk": two to
    six words, each capitalised but for small words, not shouted in capitals), or two to four
    words used as a modifier after a determiner or a possessive (the bill's "technology
    neutral" language; a single word so used, the “humiliating” deal, is the speaker's). A term is nobody's speech unless a reporting verb follows it (then it is a
    quote after all: :func:`analysis.measures.speakers._attribute`).
    ``full`` when the quote stands as a sentence of its own: it opens the reporter's sentence,
    or follows a colon, or follows a comma and starts with a capital letter.
    Otherwise ``fragment``: words woven into the reporter's sentence."""
    t, r = q.first
    a, _ = t.bounds(r.open)
    before = t.text[a : r.open].strip()
    words = q.words_text.lstrip("\"'“‘ ([")
    tokens = re.findall(r"[\w'’\-]+", words)
    titled = (
        2 <= len(tokens) <= 6
        and tokens[0][:1].isupper()
        and not words.isupper()
        and all(w[:1].isupper() or w.lower() in _TITLE_MINOR for w in tokens)
        and not re.search(r"[.!?]\s+\S", words)
    )
    if titled:
        return "term"
    t1, r1 = q.last
    after = t1.text[(r1.close + 1) if r1.close is not None else r1.stop :]
    if (
        2 <= len(tokens) <= 4
        and _ATTRIBUTIVE_BEFORE.search(before)
        and re.match(r"\s+[a-z][a-z\-]+\b(?!\s+(?:by|of|to)\b)", after)
        and not re.match(
            r"\s+(?:is|was|are|were|has|had|and|or|but|as|in|on|at|for|from|with|by|of|to|"
            r"that|which|who)\b",
            after,
        )
    ):
        return "term"
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


def people_of(analysis, texts: dict | None = None) -> _People:
    """The story's actors: the optional alias table (``speakers.csv``) and the register
    (:class:`analysis.measures.actors.Register`) read from the narration of every article,
    headlines and captions included. Built once per :class:`analysis.pipeline.Analysis` (kept
    with its tables); ``texts`` are :func:`_texts_of` when the caller has them."""
    cache = None if isinstance(analysis, dict) else getattr(analysis, "__dict__", None)
    if cache is not None and "_people" in cache:
        return cache["_people"]
    people = _People(Speakers.from_folder(_folder(analysis)))
    for file, ts in (texts if texts is not None else _texts_of(analysis)).items():
        for t in ts:
            people.learn(file, t.masked, t.line)
    people.finish()
    if cache is not None:
        cache["_people"] = people
    return people


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
    ``words`` (:func:`analysis.story.text.count_words`); ``kind`` (full or fragment, see
    :func:`_kind`); ``speaker`` (canonical name, '' when unknown); ``speaker_evidence`` (the
    words that named the speaker); ``attribution`` (where they were found: after quote,
    before quote, in sentence, previous quote, quote unit, none); ``verb``, ``verb_lemma``,
    ``stance`` (from ``reporting_verbs.csv``); ``unit`` and ``fidelity`` (from
    :mod:`analysis.measures.alignment`); ``closed`` (False when the closing mark is missing);
    ``paragraphs`` (how many paragraphs it runs over); ``nested`` (quotes inside it).

    Problems (a closing mark with no opener, a quote never closed) are never raised: they
    are appended to ``warnings`` (dicts with ``file, line, code, message``) when a list is
    given, and :func:`quote_warnings` returns them as a table.
    """
    articles = _get(analysis, "articles")
    outlets = dict(zip(articles.file, articles.outlet))
    texts = _texts_of(analysis)
    people = people_of(analysis, texts)
    warnings = [] if warnings is None else warnings
    per_file = {file: _collect(ts, warnings) for file, ts in texts.items()}
    for qs in per_file.values():
        for q in qs:
            q.kind = _kind(q)
    # Pass 1 finds who is named outright as a speaker; pass 2 lets only those people be
    # found by a bare mention ("the intelligence head was adamant ...") or stand for a "he".
    for _ in range(2):
        for qs in per_file.values():
            for q in qs:
                _attribute(q, people)
        people.known = {
            q.speaker
            for qs in per_file.values()
            for q in qs
            if q.evidence_kind in ("alias", "name", "description") and q.speaker
        }
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
            rows.append(
                dict(
                    file=file,
                    outlet=outlets.get(file, ""),
                    quote_id=f"{prefixes[file]}-q{n:02d}",
                    location=t0.location,
                    line=t0.line,
                    paragraph=t0.paragraph if body else 0,
                    sentence=t0.sentence_numbers[k] if body and t0.sentence_numbers else 0,
                    start=t0.offset + a0 if body else -1,
                    end=t1.offset + b1 if body else -1,
                    quote=words,
                    words=count_words(words),
                    kind=q.kind,
                    speaker=q.speaker,
                    speaker_evidence=q.evidence,
                    attribution=q.attribution,
                    verb=q.verb,
                    verb_lemma=q.lemma,
                    stance=q.stance,
                    unit="",
                    fidelity="",
                    closed=q.last[1].closed,
                    paragraphs=len(q.texts),
                    nested=sum(r.nested for _, r in q.texts),
                )
            )
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame = frame.astype(
        {
            c: "int64"
            for c in (
                "line",
                "paragraph",
                "sentence",
                "start",
                "end",
                "words",
                "paragraphs",
                "nested",
            )
        }
    )
    frame = frame.astype({"closed": bool})
    if align and len(frame):
        from analysis.measures import alignment

        frame = alignment.assign_units(frame, alignment.sources_of(analysis))
    return frame


#: The columns of :func:`quote_places`.
PLACE_COLUMNS = ("file", "location", "start", "end")


def quote_places(analysis) -> pd.DataFrame:
    """Where each quote of :func:`find_quotes` is, and nothing else: its rows, in its order,
    with only the columns :data:`PLACE_COLUMNS` (``start, end`` -1 outside the body).

    The quotes and their offsets come from the quotation marks alone (:func:`_collect`);
    speakers, verbs, kinds and quote units, which :func:`find_quotes` adds after, change no
    row and no offset. Length and sentiment read only these places
    (:func:`analysis.measures.length.quotes_of`), so a corpus run that needs no speaker skips
    finding them (``tests/test_fast_paths.py`` checks the places against :func:`find_quotes`).
    """
    rows = []
    for ts in _texts_of(analysis, _MarksOnly).values():
        for q in _collect(ts, []):
            parts = q.parts()
            t0, a0, _ = parts[0]
            t1, _, b1 = parts[-1]
            body = t0.location == "body"
            rows.append(
                (
                    t0.file,
                    t0.location,
                    t0.offset + a0 if body else -1,
                    t1.offset + b1 if body else -1,
                )
            )
    frame = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    return frame.astype({"start": "int64", "end": "int64"})


def quote_warnings(analysis) -> pd.DataFrame:
    """What the quotation marks of a story got wrong, one row per problem: ``file, line, code,
    message`` (code ``quote-stray-close``: a closing mark with no opener, ignored;
    ``quote-not-closed``: a quote taken to end where its paragraph ends)."""
    warnings: list[dict] = []
    for ts in _texts_of(analysis).values():
        _collect(ts, warnings)
    return pd.DataFrame(warnings, columns=["file", "line", "code", "message"])


def quote_share(analysis, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: ``body_words`` (:func:`analysis.story.text.count_words` of the body),
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
        rows.append(
            dict(
                file=a.file,
                outlet=a.outlet,
                body_words=body_words,
                quoted_words=q,
                narration_words=body_words - q,
                quoted_share=q / body_words if body_words else float("nan"),
            )
        )
    return pd.DataFrame(rows, columns=SHARE_COLUMNS)


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
        rows.append(
            dict(
                outlet=outlet,
                speaker=speaker,
                quotes=len(part),
                words=int(part.words.sum()),
                share_of_quoted_words=part.words.sum() / totals[outlet]
                if totals[outlet]
                else float("nan"),
                verbs=", ".join(f"{v} ({n})" for v, n in verbs.items()),
            )
        )
    return pd.DataFrame(
        rows, columns=["outlet", "speaker", "quotes", "words", "share_of_quoted_words", "verbs"]
    )

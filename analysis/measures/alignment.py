"""Quote units: the same words of a speaker, matched across outlets.

Every quote (from :func:`analysis.measures.quotes.find_quotes`) is reduced to its words, lower-cased,
with typography normalised and punctuation dropped (so ``damaging, reckless`` and ``damaging
reckless`` are the same words). Quotes are then grouped into **quote units**, longest first:
a quote joins the unit holding a quote that

- contains it word for word (a fragment: ``silently appalled``), or is contained in it;
- contains it with small changes: rapidfuzz's ``partial_ratio_alignment`` finds where the
  shorter quote sits in the longer, then a word-level Levenshtein alignment (rapidfuzz
  ``Levenshtein.opcodes`` on word lists) must match at least :data:`MIN_COVERAGE` of its words,
  counting a spelling variant (``pulverizing``/``pulverising``: normalised Levenshtein
  similarity of at least :data:`SPELLING_MIN_SIMILARITY`) as a match; only quotes of
  :data:`MIN_FUZZY_WORDS` words or more are matched this way;
- or shares a run of :data:`OVERLAP_MIN_WORDS` consecutive words with it (one outlet quotes
  the first half of a passage, another the second half with some overlap).

Candidates are found through an index of word pairs (bigrams; single words for one-word
quotes): a quote is compared only with units that hold its :data:`RARE_SHINGLES` rarest pairs,
so the work grows with the number of quotes, not with its square.

**Fidelity** of a quote, word by word against the other quotes of its unit (a body quote is
compared with other outlets' quotes; a headline, standfirst, subhead or caption quote with
every body, its own included): ``corroborated`` when every word is quoted the same elsewhere,
``variant`` when some are quoted elsewhere only with differences (spelling, wording, a word
left out), ``partly-corroborated`` when some words are quoted the same elsewhere and the
rest by no one, ``unattested`` when no one else has any of them. When the story folder holds a source document
(manifest ``kind=source``: a transcript or press release), every quote is checked against it
instead: ``source-exact``, ``source-variant`` or ``source-absent``; quotes inside the source
document itself are ``source-document`` and form no unit.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from analysis.story.text import count_words, normalise_typography, words

#: Quotes shorter than this match only word for word.
MIN_FUZZY_WORDS = 4
#: Share of a quote's words that must align with the other quote (spelling variants count).
MIN_COVERAGE = 0.8
#: rapidfuzz partial_ratio (0-100) below which two quotes are not aligned word by word.
PARTIAL_MIN_SCORE = 60
#: Consecutive shared words that make two partly overlapping quotes one unit.
OVERLAP_MIN_WORDS = 8
#: Two different words this similar (rapidfuzz normalised Levenshtein, 0-1) are a spelling
#: variant (pulverizing/pulverising 0.91, judgement/judgment 0.89); this/these (0.6) is not.
SPELLING_MIN_SIMILARITY = 0.75
#: How many of a quote's rarest word pairs are looked up to find candidate units.
RARE_SHINGLES = 8
#: How many versions of a candidate unit (longest first) a quote is compared with at most.
MAX_COMPARE = 40

UNIT_COLUMNS = ("unit", "outlet", "file", "used", "match", "order", "quotes", "words",
                "locations", "text")
DIFFERENCE_COLUMNS = ("unit", "outlet_a", "outlet_b", "file_a", "file_b", "quote_id_a",
                      "quote_id_b", "change", "words_a", "words_b")
FIDELITY = ("corroborated", "partly-corroborated", "variant", "unattested", "source-exact", "source-variant",
            "source-absent", "source-document")


def tokens(text: str) -> list[str]:
    """The words of a quote for matching: typography normalised, lower case, no punctuation."""
    return [w.lower() for w in words(normalise_typography(text))]


#: Abbreviations whose full stop does not end a quoted sentence ("Mr. Smith", "the U.K.").
_NOT_AN_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Prof|Rev|Jr|Sr|No|vs|etc|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]*[A-Z0-9])")


def speaker_sentences(text: str) -> list[str]:
    """The sentences of a quote, as the speaker said them: cut after ``.``, ``!``, ``?`` or
    ``…`` (and any closing mark) followed by a space and a capital or a digit, but not after an
    abbreviation or an initial ("Mr. Smith", "the U.K. Secret Intelligence Service"). A quote
    of one sentence (or a fragment) is one piece."""
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start:m.start()].rstrip("\"'”’»)] ")
        if _NOT_AN_END.search(head):
            continue
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if tokens(p)]


@dataclass
class Match:
    """How quote ``a`` sits in quote ``b``: ``kind`` exact|variant|overlap; the aligned word
    ranges; the word-level differences inside the aligned part."""

    kind: str
    coverage: float
    a_range: tuple[int, int]
    b_range: tuple[int, int]
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (change, a, b)


def _contains(long: list[str], short: list[str]) -> int:
    """Where ``short`` occurs word for word in ``long`` (-1 if not)."""
    n = len(short)
    if n == 0 or n > len(long):
        return -1
    hay = " " + " ".join(long) + " "
    at = hay.find(" " + " ".join(short) + " ")
    return -1 if at < 0 else hay.count(" ", 0, at)


def _is_spelling(a: str, b: str) -> bool:
    return Levenshtein.normalized_similarity(a, b) >= SPELLING_MIN_SIMILARITY


def _diff(a: list[str], b: list[str]) -> tuple[int, list[tuple[str, str, str]]]:
    """Word-level differences of two aligned word lists: ``(matched words of a, [(change,
    words in a, words in b)])``; change is spelling, wording or omission. Leading and trailing
    insertions and deletions are truncation, not differences."""
    ops = [op for op in Levenshtein.opcodes(a, b)]
    while ops and ops[0].tag in ("insert", "delete"):
        ops.pop(0)
    while ops and ops[-1].tag in ("insert", "delete"):
        ops.pop()
    matched = 0
    out = []
    for op in ops:
        wa = a[op.src_start:op.src_end]
        wb = b[op.dest_start:op.dest_end]
        if op.tag == "equal":
            matched += len(wa)
        elif op.tag == "replace":
            if len(wa) == len(wb) and all(_is_spelling(x, y) for x, y in zip(wa, wb)):
                matched += len(wa)
                out.append(("spelling", " ".join(wa), " ".join(wb)))
            else:
                out.append(("wording", " ".join(wa), " ".join(wb)))
        else:
            out.append(("omission", " ".join(wa), " ".join(wb)))
    return matched, out


def match(a: list[str], b: list[str]) -> Match | None:
    """How the words ``a`` of one quote sit in the words ``b`` of another, or ``None``."""
    if not a or not b:
        return None
    flip = len(a) > len(b)
    short, long = (b, a) if flip else (a, b)
    at = _contains(long, short)
    if at >= 0:
        m = Match("exact", 1.0, (0, len(short)), (at, at + len(short)))
        return _flip(m) if flip else m
    if len(short) >= MIN_FUZZY_WORDS:
        s_text, l_text = " ".join(short), " ".join(long)
        al = fuzz.partial_ratio_alignment(s_text, l_text, score_cutoff=PARTIAL_MIN_SCORE)
        if al is not None:
            lo = l_text.count(" ", 0, al.dest_start)
            hi = l_text.count(" ", 0, al.dest_end) + 1
            lo, hi = max(0, lo - 3), min(len(long), hi + 3)
            matched, differences = _diff(short, long[lo:hi])
            coverage = matched / len(short)
            if coverage >= MIN_COVERAGE:
                # Narrow the window to the aligned words.
                kept = [op for op in Levenshtein.opcodes(short, long[lo:hi])
                        if op.tag in ("equal", "replace")]
                start, end = kept[0].dest_start, kept[-1].dest_end
                kind = "exact" if not differences else "variant"
                m = Match(kind, coverage, (0, len(short)), (lo + start, lo + end), differences)
                return _flip(m) if flip else m
    if len(short) >= OVERLAP_MIN_WORDS:
        run = _longest_run(short, long)
        if run is not None and run[2] >= OVERLAP_MIN_WORDS:
            i, j, n = run
            m = Match("overlap", n / len(short), (i, i + n), (j, j + n))
            return _flip(m) if flip else m
    return None


def _flip(m: Match) -> Match:
    return Match(m.kind, m.coverage, m.b_range, m.a_range,
                 [(c, y, x) for c, x, y in m.differences])


def _longest_run(a: list[str], b: list[str]) -> tuple[int, int, int] | None:
    """The longest run of words ``a`` and ``b`` share: ``(start in a, start in b, length)``."""
    from difflib import SequenceMatcher

    sm = SequenceMatcher(None, a, b, autojunk=False)
    m = sm.find_longest_match(0, len(a), 0, len(b))
    return (m.a, m.b, m.size) if m.size else None


def _shingles(toks: list[str]) -> list[tuple[str, ...]]:
    if len(toks) < 2:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i:i + 2]) for i in range(len(toks) - 1)]


@lru_cache(maxsize=200_000)
def match_cached(a: tuple[str, ...], b: tuple[str, ...]) -> Match | None:
    """:func:`match` on word tuples, remembered (the same versions meet many times)."""
    return match(list(a), list(b))


def group_units(texts: list[list[str]], order: list | None = None) -> list[int]:
    """Group quotes (as word lists) into units; returns a unit number per quote (0, 1, ...;
    numbered in ``order``, default the input order, of each unit's first quote).

    Identical word lists are one *version* and are compared once; versions are placed longest
    first, each into the unit of its best match (exact, then variant, then overlap; then
    coverage; then the larger unit) among the units sharing its rarest word pairs."""
    n = len(texts)
    order = list(range(n)) if order is None else order
    rank = {i: k for k, i in enumerate(order)}
    versions: dict[tuple[str, ...], list[int]] = {}
    for i in sorted(range(n), key=lambda i: rank[i]):
        if texts[i]:
            versions.setdefault(tuple(texts[i]), []).append(i)
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    members: dict[int, list[tuple[str, ...]]] = {}
    size: dict[int, int] = {}
    unit_of_version: dict[tuple[str, ...], int] = {}
    for v in sorted(versions, key=lambda v: (-len(v), rank[versions[v][0]])):
        sh = set(_shingles(list(v)))
        if len(v) < 2:
            cands = set(index.get(v, set()))
        else:
            rare = sorted((s for s in sh if s in index), key=lambda s: len(index[s]))
            cands = set()
            for s in rare[:RARE_SHINGLES]:
                cands |= index[s]
        best = None
        for u in cands:
            # Members are longest first; an exact or close match with one is enough.
            for w in members[u][:MAX_COMPARE]:
                m = match_cached(v, w)
                if m is None:
                    continue
                score = ({"exact": 3, "variant": 2, "overlap": 1}[m.kind], m.coverage, size[u])
                if best is None or score > best[0]:
                    best = (score, u)
                if m.kind != "overlap":
                    break
        if best is None:
            u = len(members)
            members[u], size[u] = [], 0
        else:
            u = best[1]
        members[u].append(v)
        size[u] += len(versions[v])
        unit_of_version[v] = u
        for s in sh:
            index[s].add(u)
        for w in v:
            index[(w,)].add(u)
    unit_of = [unit_of_version.get(tuple(t), -1) if t else -1 for t in texts]
    # Renumber by first appearance in ``order``.
    first = {}
    for i in order:
        u = unit_of[i]
        if u >= 0 and u not in first:
            first[u] = len(first)
    return [first.get(u, -1) for u in unit_of]


def sources_of(analysis) -> dict[str, str]:
    """Body text of each source document (manifest ``kind=source``), by file."""
    articles = analysis["articles"] if isinstance(analysis, dict) else analysis.articles
    bodies = analysis.get("bodies") if isinstance(analysis, dict) else getattr(
        analysis, "bodies", None)
    if "kind" not in articles.columns or bodies is None:
        return {}
    files = articles.loc[articles.kind == "source", "file"]
    return {f: bodies.get(f, "") for f in files}


class _SourceIndex:
    """A source document's words, indexed by word pair, to find a quote in it quickly."""

    def __init__(self, text: str):
        self.toks = tokens(text)
        self.pairs: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, s in enumerate(_shingles(self.toks)):
            self.pairs[s].append(i)

    def check(self, toks: list[str]) -> str:
        if not toks:
            return "source-absent"
        if len(toks) < 2:
            return "source-exact" if toks[0] in set(self.toks) else "source-absent"
        hits = defaultdict(int)
        for k, s in enumerate(_shingles(toks)):
            for i in self.pairs.get(s, ()):
                hits[i - k] += 1
        if not hits:
            return "source-absent"
        best = sorted(hits, key=hits.get, reverse=True)[:3]
        result = "source-absent"
        for start in best:
            lo, hi = max(0, start - 5), min(len(self.toks), start + len(toks) + 5)
            m = match(toks, self.toks[lo:hi])
            if m is not None and m.kind == "exact":
                return "source-exact"
            if m is not None and m.kind == "variant":
                result = "source-variant"
        return result


#: Evidence naming nobody in particular: "one aide", "a spokeswoman for the speaker".
_ANONYMOUS = re.compile(r"(?i)(?:a|an|one|another|some|several|many|two|three)\s")


def segments(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes table with one row per sentence of each quote (:func:`speaker_sentences`):
    the quote's columns, ``segment`` (0, 1, ... within the quote), ``segment_text`` and, when
    the quotes have units, ``segment_unit`` (the unit of that sentence: the n-th entry of the
    quote's ``unit`` list)."""
    rows = []
    for i, text in enumerate(quotes.quote.tolist()):
        for k, piece in enumerate(speaker_sentences(str(text)) or [str(text)]):
            rows.append((i, k, piece))
    idx = [r[0] for r in rows]
    out = quotes.iloc[idx].reset_index(drop=True)
    out["segment"] = [r[1] for r in rows]
    out["segment_text"] = [r[2] for r in rows]
    if "unit" in quotes.columns:
        lists = [str(u).split(";") if u else [] for u in out["unit"]]
        out["segment_unit"] = [ls[k] if k < len(ls) else "" for ls, k in zip(lists, out["segment"])]
    return out


def assign_units(quotes: pd.DataFrame, sources: dict[str, str] | None = None) -> pd.DataFrame:
    """The quotes table with ``unit``, ``fidelity`` and, for quotes with no speaker found, the
    speaker of their unit (``attribution`` 'quote unit') filled in.

    Units are made of the speaker's sentences: every quote is cut into its sentences
    (:func:`speaker_sentences`) and the sentences are grouped (:func:`group_units`), so a quote
    of two sentences belongs to two units and shares each with the outlets that quote that
    sentence alone. ``unit`` lists a quote's units in the order of its sentences, joined by
    ``;`` (``u05;u06``); units are numbered ``u01``, ``u02``, ... in order of first
    appearance. A quote's fidelity combines its sentences': ``corroborated`` when every
    sentence is, ``unattested`` when none has a word quoted elsewhere, ``variant`` when any is
    a variant, else ``partly-corroborated``."""
    quotes = quotes.copy()
    sources = sources or {}
    seg = segments(quotes.drop(columns=["unit"], errors="ignore").reset_index(drop=True))
    qidx = []
    for i, text in enumerate(quotes.quote.tolist()):
        qidx += [i] * max(1, len(speaker_sentences(str(text))))
    toks = [tokens(t) for t in seg.segment_text]
    in_source = seg.file.isin(list(sources)).to_numpy()
    idx = [i for i in range(len(seg)) if not in_source[i]]
    file_rank = {f: k for k, f in enumerate(dict.fromkeys(quotes.file))}
    sfile, sline, sstart, sseg = (seg.file.to_numpy(), seg.line.to_numpy(), seg.start.to_numpy(),
                                  seg.segment.to_numpy())
    order = sorted(idx, key=lambda i: (file_rank[sfile[i]], sline[i], sstart[i], sseg[i]))
    position = {i: k for k, i in enumerate(idx)}
    units = group_units([toks[i] for i in idx], [position[i] for i in order])
    width = max(2, len(str(max(units, default=0) + 1)))
    seg_unit = [""] * len(seg)
    for k, i in enumerate(idx):
        if units[k] >= 0:
            seg_unit[i] = f"u{units[k] + 1:0{width}d}"
    unit_col = [[] for _ in range(len(quotes))]
    for i, u in enumerate(seg_unit):
        if u:
            unit_col[qidx[i]].append(u)
    quotes["unit"] = [";".join(us) for us in unit_col]
    # Fidelity, one sentence (of one version) of a unit at a time.
    members = defaultdict(list)
    for i, u in enumerate(seg_unit):
        if u:
            members[u].append(i)
    files = seg.file.to_numpy()
    body = (seg.location == "body").to_numpy()
    seg_fidelity = [""] * len(seg)
    for ms in members.values():
        for i, f in _unit_fidelity(ms, toks, files, body).items():
            seg_fidelity[i] = f
    fidelity = [""] * len(quotes)
    checkers = [_SourceIndex(t) for t in sources.values()]
    qtoks = [tokens(q) for q in quotes.quote]
    qin_source = quotes.file.isin(list(sources)).to_numpy()
    per_quote = defaultdict(list)
    for i, f in enumerate(seg_fidelity):
        if f:
            per_quote[qidx[i]].append(f)
    for i in range(len(quotes)):
        if qin_source[i]:
            fidelity[i] = "source-document"
        elif checkers:
            results = {c.check(qtoks[i]) for c in checkers}
            fidelity[i] = next(r for r in ("source-exact", "source-variant", "source-absent")
                               if r in results)
        elif per_quote[i]:
            fs = set(per_quote[i])
            fidelity[i] = (fs.pop() if len(fs) == 1 else
                           "variant" if "variant" in fs else "partly-corroborated")
    quotes["fidelity"] = fidelity
    # Speakers from the unit, for quotes nobody attributed (a subhead, a lone caption).
    speaker = quotes.speaker.tolist()
    attribution = quotes.attribution.tolist()
    kinds = quotes["kind"].tolist() if "kind" in quotes.columns else [""] * len(quotes)
    evidence = (quotes["speaker_evidence"].tolist() if "speaker_evidence" in quotes.columns
                else [""] * len(quotes))
    unit_speakers = defaultdict(Counter)
    for i, u in enumerate(seg_unit):
        if u and speaker[qidx[i]]:
            unit_speakers[u][speaker[qidx[i]]] += 1
    for i in range(len(quotes)):
        if speaker[i] or kinds[i] == "term" or _ANONYMOUS.match(evidence[i]):
            continue  # found, a title, or said by someone the text leaves unnamed
        named = Counter()
        for u in unit_col[i]:
            named.update(unit_speakers.get(u, Counter()))
        top = named.most_common(2)
        if not top or (len(top) > 1 and top[0][1] == top[1][1]):
            continue
        speaker[i], attribution[i] = top[0][0], "quote unit"
    quotes["speaker"] = speaker
    quotes["attribution"] = attribution
    return quotes


def _unit_fidelity(ms, toks, files, body) -> dict[int, str]:
    """Fidelity of each quote of one unit, word by word: is each word quoted the same by
    another article (a body quote: another article's quote; a headline or caption quote: any
    body quote), only with differences, or by no one?"""
    versions: dict[tuple, list[int]] = defaultdict(list)
    for i in ms:
        versions[tuple(toks[i])].append(i)
    # Which files quote each version, in a body or anywhere.
    any_files = {v: {files[i] for i in idx} for v, idx in versions.items()}
    body_files = {v: {files[i] for i in idx if body[i]} for v, idx in versions.items()}
    by_length = sorted(versions, key=len, reverse=True)
    out = {}
    for v, idx in versions.items():
        for i in idx:
            status = [0] * len(v)  # 0 nobody, 1 variant, 2 exact
            same = any_files[v] - {files[i]} if body[i] else body_files[v]
            if same:
                out[i] = "corroborated"  # another article has exactly these words
                continue
            for w in by_length:
                holders = any_files[w] - {files[i]} if body[i] else body_files[w]
                if not holders or len(w) < 1:
                    continue
                m = match_cached(v, w)
                if m is None:
                    continue
                level = 1 if m.kind == "variant" else 2
                for k in range(*m.a_range):
                    if status[k] < level:
                        status[k] = level
            if v and all(x == 2 for x in status):
                out[i] = "corroborated"
            elif any(x == 1 for x in status):
                out[i] = "variant"
            elif any(x == 2 for x in status):
                out[i] = "partly-corroborated"
            else:
                out[i] = "unattested"
    return out


def quote_units(quotes, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """``quote_units(analysis)`` or ``quote_units(quotes, articles)``: one row per quote unit and article (columns :data:`UNIT_COLUMNS`): ``used`` (the
    article quotes the unit's words), ``match`` (exact, or variant when one of its quotes of
    the unit has fidelity variant or source-variant; '' when not used), ``order`` (1 = the first
    unit the article quotes, by position; 0 when not used), ``quotes`` and ``words`` (how many
    of its quotes and quoted words fall in the unit), ``locations`` (body, headline, ...) and
    ``text`` (the article's words for the unit, quotes joined by `` / ``). Source documents
    are not rows."""
    if articles is None:
        quotes, articles = quotes.quotes, quotes.articles
    # One row per sentence of a quote, with the unit of that sentence.
    q = segments(quotes[quotes.unit != ""])
    q = q[q.segment_unit != ""].sort_values(["line", "start", "segment"], kind="stable")
    q = q.assign(unit=q.segment_unit, words=[count_words(t) for t in q.segment_text],
                 quote=q.segment_text)
    kinds = articles["kind"] if "kind" in articles.columns else pd.Series(
        ["article"] * len(articles))
    files = [f for f, k in zip(articles.file, kinds) if k != "source"]
    outlets = dict(zip(articles.file, articles.outlet))
    units = sorted(q.unit.unique())
    groups = {key: part for key, part in q.groupby(["file", "unit"], sort=False)}
    rows = []
    for f in files:
        order = {u: k + 1 for k, u in enumerate(dict.fromkeys(q.unit[q.file == f]))}
        for u in units:
            part = groups.get((f, u))
            if part is None:
                rows.append(dict(unit=u, outlet=outlets.get(f, ""), file=f, used=False,
                                 match="", order=0, quotes=0, words=0, locations="", text=""))
                continue
            variant = part.fidelity.isin(["variant", "source-variant"]).any()
            rows.append(dict(
                unit=u, outlet=outlets.get(f, ""), file=f, used=True,
                match="variant" if variant else "exact", order=order[u],
                quotes=part.quote_id.nunique(), words=int(part.words.sum()),
                locations=";".join(dict.fromkeys(part.location)),
                text=" / ".join(part.quote),
            ))
    frame = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return frame.astype({"used": bool, "order": "int64", "quotes": "int64", "words": "int64"})


def quote_differences(quotes) -> pd.DataFrame:
    """``quote_differences(analysis)`` or ``quote_differences(quotes)``: word-level differences between two articles quoting the same words (columns
    :data:`DIFFERENCE_COLUMNS`): one row per difference, for every pair of quotes of one unit
    in two articles; ``change`` is spelling, wording or omission (words one has and the other
    lacks, inside the part both quote), ``words_a``/``words_b`` the words of each (lower case,
    without punctuation)."""
    if not isinstance(quotes, pd.DataFrame):
        quotes = quotes.quotes
    q = segments(quotes[quotes.unit != ""])
    q = q[q.segment_unit != ""].assign(unit=lambda d: d.segment_unit).reset_index(drop=True)
    file_rank = {f: k for k, f in enumerate(dict.fromkeys(quotes.file))}
    toks = [tuple(tokens(t)) for t in q.segment_text]
    qfile, qoutlet, qid = q.file.tolist(), q.outlet.tolist(), q.quote_id.tolist()
    rows = []
    seen = set()
    for u, part in q.groupby("unit", sort=True):
        versions: dict[tuple, list[int]] = defaultdict(list)
        for x in part.index:
            versions[toks[x]].append(x)
        keys = list(versions)
        for va in keys:
            for vb in keys:
                if va == vb:
                    continue
                m = match_cached(va, vb)
                if m is None or not m.differences:
                    continue
                for x in versions[va]:
                    for y in versions[vb]:
                        fx, fy = qfile[x], qfile[y]
                        if file_rank[fx] >= file_rank[fy]:
                            continue
                        for change, wa, wb in m.differences:
                            key = (u, fx, fy, change, wa, wb)
                            if key in seen:
                                continue
                            seen.add(key)
                            rows.append(dict(unit=u, outlet_a=qoutlet[x], outlet_b=qoutlet[y],
                                             file_a=fx, file_b=fy, quote_id_a=qid[x],
                                             quote_id_b=qid[y], change=change, words_a=wa,
                                             words_b=wb))
    frame = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    return frame.sort_values(["unit", "file_a", "file_b", "quote_id_a", "quote_id_b"],
                             kind="stable").reset_index(drop=True)


FINDING_COLUMNS = ("outlet", "file", "quote_id", "location", "line", "words", "fidelity",
                   "unit", "quote", "differences")


def fidelity_findings(analysis) -> pd.DataFrame:
    """The quotes worth a second look, one row each (columns :data:`FINDING_COLUMNS`): every
    quote that is not corroborated word for word. Headline, standfirst, subhead and caption
    quotes first (words in quotation marks no body has are the sharpest finding), then
    variants, then the rest, longest first. ``differences`` lists the word-level changes
    against other outlets: ``pulverizing → pulverising (spelling, Kyiv Post)``."""
    quotes = analysis.quotes
    diffs = quote_differences(analysis)
    notes: dict[str, list[str]] = defaultdict(list)
    for d in diffs.itertuples(index=False):
        a, b = d.words_a or "–", d.words_b or "–"
        notes[d.quote_id_a].append(f"{a} → {b} ({d.change}, {d.outlet_b})")
        notes[d.quote_id_b].append(f"{b} → {a} ({d.change}, {d.outlet_a})")
    q = quotes[~quotes.fidelity.isin(["corroborated", "source-exact", "source-document"])]
    q = q.assign(differences=[
        "; ".join(dict.fromkeys(notes.get(i, []))) for i in q.quote_id])
    rank = q.location.ne("body").map({True: 0, False: 1}) * 10 + q.fidelity.map(
        {"variant": 0, "source-variant": 0}).fillna(1)
    q = q.assign(_rank=rank).sort_values(["_rank", "words", "quote_id"],
                                         ascending=[True, False, True], kind="stable")
    return q[list(FINDING_COLUMNS)].reset_index(drop=True)

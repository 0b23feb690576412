"""Who said it: the speaker and reporting verb of each direct quote.

Method (README, "Quotes: method and columns", step 3): in the reporter's sentence, first after
the quote (``,” Moore said``, ``,” said Moore``), then before it (``Moore insisted ...
“sacred”``): the nearest reporting verb from ``analysis/data/reporting_verbs.csv`` and the
phrase before it (or, for verbs that do not take a listener, after it). The phrase becomes a
canonical speaker through the story's ``speakers.csv`` (``speaker,alias``); without one,
through names: a surname or "Sir + first name" is matched to the one full name the story uses,
and a description ("the spy chief") to the one person the story gave that role noun ("MI6
chief Richard Moore", "Sir Richard Moore, the chief of MI6,"). "he"/"she" is the most recent
mention of a known speaker before it. A quote with no attribution in its sentence is the
previous quote's (a quote paragraph that follows an attributed one).

The texts and quotes it works on are :mod:`analysis.measures.quotes`' ``_Text`` and ``_Quote``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import datafiles
from analysis.paths import DATA_DIR
from analysis.story.language import function_words

if TYPE_CHECKING:
    from analysis.measures.quotes import _Quote, _Text

# --------------------------------------------------------------------------------------------
# Data: reporting verbs and speaker aliases
# --------------------------------------------------------------------------------------------

#: The reporting-verb table shared with framing: ``lemma,form,stance,note``.
REPORTING_VERBS_FILE = DATA_DIR / "reporting_verbs.csv"
#: The story's speaker aliases: ``speaker,alias`` (optional).
SPEAKERS_FILE = "speakers.csv"

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


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb table (``analysis/data/reporting_verbs.csv``)."""
    return datafiles.read_csv(REPORTING_VERBS_FILE, ("lemma", "form", "stance"))


def _verb_forms() -> dict[str, tuple[str, str]]:
    """``form -> (lemma, stance)``, read again when the file changes."""
    return _verb_forms_at(datafiles.stamp(REPORTING_VERBS_FILE))


@lru_cache(maxsize=4)
def _verb_forms_at(stamp: tuple[int, int]) -> dict[str, tuple[str, str]]:
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
            table = datafiles.read_csv(path, ("speaker", "alias"))
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

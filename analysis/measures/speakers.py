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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import datafiles
from analysis.measures.actors import Register
from analysis.paths import DATA_DIR
from analysis.story.language import function_words
from analysis.story.text import flatten_marks

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
                            "call", "brand", "dub", "label", "describe", "accuse", "praise",
                            "blast", "slam", "threaten"})
#: "according to X": the speaker follows the verb's "to".
ACCORDING = "according to"
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
    r"sunday|(?-i:[a-z]+ly))\s*$",
    re.I,
)
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['\-][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)"
#: A run of capitalised words: a candidate name ("Sir Richard Moore", "Vladimir Putin").
NAME = re.compile(
    rf"(?<![\w'\-]){_NAME_WORD}\.?(?:\s+(?:de|van|von|bin|al|da|di|la|le)?\s*{_NAME_WORD}\.?)*"
    r"(?![\w])"
)
_MASK = "\x01"  # stands for every character of a quote (marks included) in narration text
_CLAUSE_BREAK = re.compile(r"[\x01;:()\[\]]|\s[-]\s|--")


_flat = flatten_marks


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb table (``analysis/data/reporting_verbs.csv``)."""
    return datafiles.read_csv(REPORTING_VERBS_FILE, ("lemma", "form", "stance"))


def _verb_forms() -> dict[str, tuple[str, str]]:
    """``form -> (lemma, stance)``, read again when the file changes."""
    return _verb_forms_at(datafiles.stamp(REPORTING_VERBS_FILE))


@lru_cache(maxsize=4)
def _verb_forms_at(stamp: tuple[int, int]) -> dict[str, tuple[str, str]]:
    return {r.form.lower(): (r.lemma, r.stance) for r in reporting_verbs().itertuples()}


#: Verbs that attribute words to a speaker without being reporting verbs of the framing
#: tables ("called it “a promise kept”", "branded the closure a “fiasco”"): used to find a
#: speaker only. ``form -> (lemma, stance)``.
ATTRIBUTION_ONLY = {
    "call": ("call", "neutral"), "calls": ("call", "neutral"), "called": ("call", "neutral"),
    "calling": ("call", "neutral"), "brand": ("brand", "loaded"), "brands": ("brand", "loaded"),
    "branded": ("brand", "loaded"), "branding": ("brand", "loaded"), "dub": ("dub", "neutral"),
    "dubs": ("dub", "neutral"), "dubbed": ("dub", "neutral"), "label": ("label", "loaded"),
    "labels": ("label", "loaded"), "labelled": ("label", "loaded"), "labeled": ("label", "loaded"),
}


def _verb_forms_all() -> dict[str, tuple[str, str]]:
    """The reporting-verb forms with :data:`ATTRIBUTION_ONLY` added: what attribution reads."""
    return _verb_forms_all_at(datafiles.stamp(REPORTING_VERBS_FILE))


@lru_cache(maxsize=4)
def _verb_forms_all_at(stamp: tuple[int, int]) -> dict[str, tuple[str, str]]:
    return {**ATTRIBUTION_ONLY, **_verb_forms_at(stamp)}


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


class _People:
    """What the story says about its actors: the optional alias table (``speakers.csv``) and
    the actor register built from the text (:class:`analysis.measures.actors.Register`)."""

    def __init__(self, speakers: Speakers):
        self.speakers = speakers
        self.register = Register(aliases=dict(speakers.aliases))
        self.known: set = set()  # speakers named outright somewhere in the story

    def learn(self, file: str, masked: str, line: int = 0) -> None:
        """Read one narration text (quotes masked) of ``file`` at raw ``line``."""
        self.register.learn(file, line, masked)

    def finish(self) -> None:
        self.register.finish()

    def resolve(self, phrase: str, file: str, at: tuple | None = None) -> str:
        """The canonical actor a phrase stands for: the alias table first, then the register;
        "" when the text does not say (see :meth:`Register.resolve`)."""
        found = self.speakers.lookup(phrase)
        if found:
            return found
        return self.register.resolve(_flat(phrase), file, at)

    def is_person(self, name: str) -> bool:
        a = self.register.actors.get(name)
        return a is not None and a.kind == "person"

    def gender(self, name: str) -> str:
        a = self.register.actors.get(name)
        return a.gender if a is not None else ""


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
    # A short aside in brackets ("(NRA)", "(D-Ohio)") does not break the clause.
    seg = re.sub(r"\([^()\x01]{1,30}\)", lambda m: " " * len(m.group(0)), seg)
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
        new = re.sub(r"\s*\([^()]{1,30}\)$", "", new)  # "Sen. Hale (D-Ore.)", "(NRA)"
        # ", the chief of MI6," after a name: skip the apposition.
        app = re.search(r",\s*(?:(?:the|a|an)\s+|[a-z])[^,]{0,60},$", new) or re.search(
            r",\s*(?:who|which)\s[^,]{0,120},$", new)
        if app and app.start() > 0:
            new = new[: app.start()].rstrip()
        new = new.rstrip(",").rstrip()
        if new == text:
            return text
        text = new


def _subject(people: _People, text: str, file: str, at: tuple | None = None
             ) -> tuple[str, str, str] | None:
    """``(kind, evidence, speaker)`` for a phrase that ends right before a verb, or ``None``.
    kind: alias, name, pronoun, other-pronoun, description. ``speaker`` is a canonical actor
    or "" (a description or name the register cannot tie to one: blank, never the words)."""
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
    # An organisation the register knows, ending the phrase ("A conservative group,
    # Montanans for Limited Government").
    for name in people.register.organisations_by_length():
        if text.endswith(name) and (len(text) == len(name) or not text[-len(name) - 1].isalnum()):
            return "name", name, name
    name = None
    for m in NAME.finditer(text):
        if m.end() == len(text):
            name = m
    if name is not None and re.search(r"\b(?:the|a|an|The|A|An)\s+$", text[:name.start()]):
        name = None  # "the Scot", "a Montana Republican": a description, read below
    if name is not None:
        core = [w for w in name.group(0).split() if w.lower() not in function_words()]
        if core:
            evidence = name.group(0)
            start = name.start()
            # "Mayor", "Defence Minister": a title alone is a role; "Riverton Mayor": same.
            speaker = people.resolve(evidence, file, at)
            if not speaker and len(core) == 1 and start == len(text) - len(evidence) \
                    and is_plain_name(core[0]) and not people.register.known_word(core[0]) \
                    and people.register.proper(core[0]):
                speaker = core[0]  # "Harbourside said": a club, a country, a company
            return "name", evidence, speaker
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
            # "a senior adviser to her husband": the head is the adviser, not the husband.
            head = re.search(r"\b(?:a|an|the|one|another|his|her|their|its|A|An|The|One)\s+"
                             r"(?:[\w'\-]+\s+){0,3}(?:to|of|for|at|with|from)\s+$",
                             text[:words[k].start()])
            if head is not None:
                phrase = text[head.start():]
            return "description", phrase, people.resolve(phrase, file, at)
    # A headline drops its articles: "MI6 chief urges ..." (the whole clause, a few words,
    # ending in a lower-case noun).
    if 1 <= len(words) <= 5 and words[0].start() == 0 and word.islower() \
            and not any(w.group(0).lower() in function_words() for w in words[1:]) \
            and not any(w.group(0).lower() in _verb_forms_all() for w in words) \
            and not re.search(r"[,\x01]", text):
        return "description", text, people.resolve(text, file, at)
    return None


def is_plain_name(word: str) -> bool:
    """A capitalised word that can name an actor on its own ("Harbourside"), not a weekday,
    a month or a title."""
    return bool(re.fullmatch(r"[A-Z][a-z]+", word)) and word.lower() not in NOT_A_NAME


#: Capitalised words that never name a speaker on their own.
NOT_A_NAME = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december today
yesterday tomorrow officials police""".split())
_ABBREVIATION_DOT = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Sgt|Adm|"
                               r"Lt|Maj|Rev|St|Jr|Sr|Hon)|\b[A-Z])$")


def _object_phrase(text: str) -> str:
    """The words right after a verb up to the end of their clause: a comma, semicolon,
    colon, quotation, bracket, or a full stop that is not an abbreviation's ("said Mr. Smith",
    "said Sen. Elizabeth Warren, D-Mass.")."""
    out = []
    for m in re.finditer(r"[^,.;:\x01!?()]+|\.", text):
        piece = m.group(0)
        if piece == ".":
            if out and _ABBREVIATION_DOT.search(out[-1].rstrip()):
                out.append(".")
                continue
            break
        if m.start() > 0 and text[m.start() - 1] not in ".":
            if out:
                break
        out.append(piece)
        nxt = text[m.end():m.end() + 1]
        if nxt != ".":
            break
    return "".join(out)


def _object(people: _People, text: str, file: str, at: tuple | None = None
            ) -> tuple[str, str, str] | None:
    """``(kind, evidence, speaker)`` for the words after a verb that does not take a listener
    ("said Mayor Dana Whitfield", "said the spy chief", "said Dr Hamish Cole of the Policy
    Centre in Canberra": the first name or description, not the last)."""
    phrase = _object_phrase(text).strip()
    if not phrase:
        return None
    first = phrase.split()[0]
    if first.lower() in PRONOUNS:
        return "pronoun", first, ""
    if first.lower() in OTHER_PRONOUNS:
        return "other-pronoun", first, ""
    for m in people.speakers.finditer(phrase):
        if m.start() == 0:
            return "alias", m.group(0), people.speakers.lookup(m.group(0))
    # Role words may come first: "said chairman Dennis Okoye in a statement", "said French
    # finance minister Herve Gaymard" (the first name the register knows, else the last).
    names = [m for m in NAME.finditer(phrase, 0, min(len(phrase), 120))
             if re.fullmatch(r"(?:[\w'\-.]+\s+){0,5}", phrase[:m.start()])]
    for m in names:
        speaker = people.resolve(m.group(0), file, at)
        if speaker:
            return "name", m.group(0), speaker
    if names:
        name = names[-1].group(0)
        alone = re.fullmatch(r"\s*", phrase[names[-1].end():]) is not None
        return "name", name, (name if alone and is_plain_name(name)
                              and not people.register.known_word(name)
                              and people.register.proper(name) else "")
    lead = re.match(r"(?:[\w'\-]+\s+){0,6}?[\w'\-]+?(?=\s+(?:in|at|on|from|during|after|before|"
                    r"who|which|to|with|for|as|when|while)\b|$)", phrase)
    desc = lead.group(0) if lead else phrase
    if desc.split()[0].lower() in DETERMINERS or desc.split()[0].endswith("'s"):
        return "description", desc, people.resolve(desc, file, at)
    return None


def _subject_mention(people: _People, t: "_Text", a: int, b: int
                     ) -> tuple[str, str, str] | None:
    """The subject that opens the sentence ``t.masked[a:b]``, when it is a person or
    organisation of the register ("City engineer Marcus Bell was blunter:", "The defence chief
    was adamant"): a name or a definite description at the start."""
    text = t.masked[a:b]
    intro = re.match(r"[\s\"'(]*(?:(?:But|And|Then|So|Meanwhile|Still|Yet|Now)\s+)?"
                     r"(?:[A-Z][^,.;:\x01]{0,80},\s*(?=[A-Z]|the\b))?", text)
    lead = intro.end() if intro else 0
    text = text[lead:]
    m = NAME.match(text)
    if m is not None:
        words = m.group(0).split()
        if words[0].lower() in function_words() and len(words) > 1:
            m = NAME.match(text, len(words[0]) + 1)
    desc = re.match(r"(?:[A-Z][a-z]+\s+)?(?:[a-z][\w'\-]*\s+){0,3}(?=[A-Z])", text)
    if m is None and desc:
        m2 = NAME.match(text, desc.end())
        if m2 is not None:
            m = m2
    if m is not None:
        speaker = people.resolve(m.group(0), t.file, (t.line, a + lead + m.start()))
        if speaker:
            return "name", m.group(0), speaker
        if desc:  # "City engineer Marcus Bell was blunter:" ("City" alone names nobody)
            m2 = NAME.match(text, desc.end())
            if m2 is not None:
                speaker = people.resolve(m2.group(0), t.file, (t.line, a + lead + m2.start()))
                if speaker:
                    return "name", m2.group(0), speaker
    d = re.match(r"(?:the|The)\s+(?:[\w'\-]+\s+){0,3}?[a-z][\w'\-]*(?=\s+(?:was|is|were|had|has|"
                 r"also|then|later|again|remained|appeared|seemed)\b)", text)
    if d is not None:
        speaker = people.resolve(d.group(0), t.file, (t.line, a + lead))
        if speaker:
            return "description", d.group(0), speaker
    return None


def _attribute(q: _Quote, people: _People) -> None:
    """Find the speaker evidence and the verb of one quote, from its reporter's sentence.

    A ``term`` (a title, a name in quotation marks) is nobody's speech: no speaker, unless a
    reporting verb follows it in its clause ("“Yes,” he said"). A ``fragment`` takes a
    speaker only through a reporting verb of its sentence."""
    q.speaker = q.evidence = q.evidence_kind = q.verb = q.lemma = q.stance = ""
    q.evidence_pos, q.attribution = (), "none"
    file = q.first[0].file
    forms = _verb_forms_all()
    # 1. After the quote: "...,” Moore said." / "...,” said Moore." / "...,” the spy chief added."
    t, r = q.last
    end = (r.close + 1) if r.close is not None else r.stop
    _, s_end = t.bounds(max(end - 1, 0))
    if s_end < len(t.text) and (s_end <= end + 1 or _ABBREVIATION_DOT.search(
            t.masked[end:s_end].rstrip().rstrip("."))):
        # "...?” Mr Ostrowski asked." / "...,” Mr. Ostrowski said ...": the segmenter may end
        # the sentence at the mark or after "Mr."; a short sentence right after the mark, or
        # the rest of one cut after an abbreviation, holds the attribution.
        _, nxt_end = t.bounds(s_end + 1)
        nxt = t.masked[s_end:nxt_end]
        head = [w.lower().strip(".,") for w in nxt.split()[:5]]
        if _MASK not in nxt and nxt.strip() and (s_end > end + 1 or len(nxt.split()) <= 6
                                                 or any(w in forms for w in head)):
            s_end = nxt_end
    stop = t.masked.find(_MASK, end)
    stop = s_end if stop < 0 else min(stop, s_end)
    verbs = _verbs_in(t, end, stop)
    if verbs:
        v0, v1, form = verbs[0]
        lemma, stance = forms[form]
        # Every kind of space: a separator (U+2028, NEL, \x1c-\x1e) left here is not a word.
        between = re.sub(r"^[\s,]+|[\s,]+$", "", t.masked[end:v0])
        first_word = between.split()[0].lower() if between else ""
        plausible = (first_word == "" or first_word in DETERMINERS or first_word in PRONOUNS
                     or first_word in OTHER_PRONOUNS or first_word not in function_words())
        if q.kind == "term" and len(between.split()) > 4:
            plausible = False
        if len(between.split()) <= 8 and plausible:
            at = (t.line, v0)
            found = _subject(people, between, file, at) if between else None
            if found is None and not between and lemma not in LISTENER_VERBS:
                found = _object(people, t.masked[v1:stop], file, at)
            if found is not None:
                q.verb, q.lemma, q.stance = form, lemma, stance
                q.evidence_kind, q.evidence, q.speaker = found
                q.evidence = _as_written(t, q.evidence, end, stop)
                q.evidence_pos = at
                q.attribution = "after quote"
                if q.kind == "term":
                    q.kind = "full" if q.words_text[:1].isupper() else "fragment"
                return
    if q.kind == "term":
        return
    # 2. Before the quote, in the same sentence: the nearest reporting verb and its subject.
    t, r = q.first
    s_start, _ = t.bounds(r.open)
    verbs = _verbs_in(t, s_start, r.open)
    if verbs:
        v0, v1, form = verbs[-1]
        lemma, stance = forms[form]
        c0, clause = _clause_tail(t.masked, s_start, v0)
        at = (t.line, v0)
        # A participle ("..., insisting", "Noting ...") has the sentence's subject, not the
        # words right before it, unless a name stands right before it ("with spokesman
        # Devin Clarke saying:").
        participle = form.endswith("ing")
        found = None
        if lemma == ACCORDING:
            obj = re.match(r"\s*to\s+([^,;:\x01!?]+)", t.masked[v1:r.open])
            if obj:
                found = _object(people, obj.group(1), file, at)
        elif participle:
            before = t.masked[s_start:v0].rstrip()
            names = list(NAME.finditer(before))
            m = names[-1] if names else None
            prep = re.search(r"\b(?:of|for|by|about|from)$", before)
            if m is not None and m.end() == len(before):
                speaker = people.resolve(m.group(0), file, at)
                if speaker:
                    found = ("name", m.group(0), speaker)
            elif prep is not None:
                # "accused aides of telling her ...": the one before "of" does the telling.
                found = _subject(people, _clause_tail(t.masked, s_start, v0 - len(
                    before) + prep.start())[1], file, at) or ("description", "", "")
            else:
                found = _mention(people, t.masked[s_start:v0], file, t, s_start)
        elif re.search(r"\b(?:and|but|then)\s*$", clause.strip(" ,")):
            # "He appealed to Russians ... and assured them:": the sentence's subject.
            first = re.match(r"[\s\"'(]*(He|She|he|she)\b", t.masked[s_start:v0])
            found = (("pronoun", first.group(1), "") if first
                     else _subject_mention(people, t, s_start, v0))
        else:
            found = _subject(people, clause, file, at)
            if found is None and lemma not in LISTENER_VERBS:
                obj = re.match(r"\s*([^,;:\x01!?]+?)\s*[,:]?\s*$", t.masked[v1:r.open])
                if obj and obj.group(1).strip():
                    found = _object(people, obj.group(1), file, at)
        if found is not None:
            q.verb, q.lemma, q.stance = form, lemma, stance
            q.evidence_kind, q.evidence, q.speaker = found
            q.evidence = _as_written(t, q.evidence, s_start, r.open)
            q.evidence_pos = at
            q.attribution = "before quote"
            return
    if q.kind != "full" and len(q.words_text.split()) < 3:
        return  # a scare-quoted word or two with no verb is nobody's
    # 3. No verb: a person who opens the sentence ("City engineer Marcus Bell was blunter:",
    # "But the intelligence head was adamant the technology had “undoubted potential”").
    found = _subject_mention(people, t, s_start, r.open)
    if found is not None:
        q.evidence_kind, q.evidence, q.speaker = found
        q.evidence = _as_written(t, q.evidence, s_start, r.open)
        q.evidence_pos = (t.line, s_start)
        q.attribution = "in sentence"


def _mention(people: _People, text: str, file: str, t: "_Text | None" = None,
             offset: int = 0) -> tuple[str, str, str] | None:
    """The first mention of a known speaker in ``text`` (the part of a sentence before a
    participle: "Noting ..., Moore said"): an alias, a he/she, or a name or description the
    register ties to someone already quoted by name."""
    found = []
    for m in people.speakers.finditer(text):
        speaker = people.speakers.lookup(m.group(0))
        if not people.known or speaker in people.known:
            found.append((m.start(), "alias", m.group(0), speaker))
    for m in re.finditer(r"\b(he|she|He|She)\b", text):
        found.append((m.start(), "pronoun", m.group(0), ""))
    line = t.line if t is not None else 0
    for m in NAME.finditer(text):
        canonical = people.resolve(m.group(0), file, (line, offset + m.start()))
        if canonical and canonical in people.known:
            found.append((m.start(), "name", m.group(0), canonical))
    for m in re.finditer(r"\b[Tt]he\s+", text):
        following = list(re.finditer(r"[\w'\-.]+", text[m.end():m.end() + 80]))[:4]
        for w in following:
            phrase = text[m.start():m.end() + w.end()]
            if not w.group(0).islower() or re.search(r"[,\x01;]", phrase):
                continue
            speaker = people.resolve(phrase, file, (line, offset + m.start()))
            if speaker and speaker in people.known:
                found.append((m.start(), "description", phrase, speaker))
                break
    if not found:
        return None
    _, kind, evidence, speaker = min(found, key=lambda x: x[0])
    return kind, evidence, speaker


def _as_written(t: _Text, evidence: str, lo: int, hi: int) -> str:
    """``evidence`` (found in the flattened text) as the article writes it."""
    at = t.masked.rfind(evidence, lo, hi)
    return t.text[at:at + len(evidence)] if at >= 0 else evidence


#: "a spokesperson", with nothing to say for whom.
_SPOKESPERSON = re.compile(r"(?i)(?:a|an|the)\s+spokes(?:person|man|woman)")
_INTRO = re.compile(r"[\s\"'(]*(?:(?:But|And|Then|So|Meanwhile|Still|Later|Now|Yet)\s+)?"
                    r"(?:[A-Z][^,.;:\x01]{0,80},\s*)?$")


def _mentions(texts: list[_Text], people: _People, allowed: set) -> tuple[list, list]:
    """Mentions of people in an article's narration, read through the register, as sorted
    ``(line, offset, name)``: first those as a subject (opening a sentence, after at most a
    conjunction or an introductory phrase and its comma: "In an interview, Mayor Dana Whitfield
    pushed back"; or right before a reporting verb: "the defence chief said"), then every
    mention wherever it stands (for a "she" whose sentence-subjects are all men)."""
    subjects, anywhere = [], []
    forms = _verb_forms_all()
    for t in texts:
        starts = sorted({a for a, _ in t.sentences} | {0})
        found = [(m, people.speakers.lookup(m.group(0))) for m in people.speakers.finditer(t.masked)]
        found += [(m, people.resolve(m.group(0), t.file, (t.line, m.start())))
                  for m in NAME.finditer(t.masked)]
        for d in re.finditer(r"\b((?:the|The)\s+(?:[\w'\-]+\s+){0,3}?[a-z][\w'\-]*)(?=\s)", t.masked):
            a = starts[bisect_right(starts, d.start()) - 1]
            after = _strip_lead(t.masked[d.end():d.end() + 60])
            nxt = re.match(r"[\w'\-]+", after)
            if (nxt is not None and nxt.group(0).lower() in forms) or (
                    d.start() - a <= 100 and _INTRO.match(t.masked, a, d.start())):
                found.append((_Span(d.start(1), d.end(1), d.group(1)),
                              people.resolve(d.group(1), t.file, (t.line, d.start()))))
        for m, name in found:
            if not name or not (people.is_person(name) or name in allowed):
                continue
            anywhere.append((t.line, m.start(), name))
            a = starts[bisect_right(starts, m.start()) - 1]
            at_start = m.start() - a <= 100 and _INTRO.match(t.masked, a, m.start()) is not None
            after = _strip_lead(t.masked[m.end():m.end() + 60])
            nxt = re.match(r"[\w'\-]+", after)
            before_verb = nxt is not None and nxt.group(0).lower() in forms
            if before_verb or at_start:
                subjects.append((t.line, m.start(), name))
    return sorted(set(subjects)), sorted(set(anywhere))


@dataclass
class _Span:
    """A match-like span (``start``, ``end``, ``group(0)``) for a description."""

    a: int
    b: int
    text: str

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b

    def group(self, n: int = 0) -> str:
        return self.text


def _is_organisation(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in ORGANISATION_WORDS


def _strip_lead(text: str) -> str:
    """Drop a leading apposition, adverbs and auxiliaries ("Moore, the chief, further said")."""
    text = re.sub(r"^,\s*(?:(?:the|a|an)\s+|[a-z])[^,]{0,60},", "", text)
    return re.sub(r"^(?:\s+(?:also|further|then|later|again|has|had|have|was|is|(?-i:[a-z]+ly)))*\s*",
                  "", text, flags=re.I)


def _organisation_before(people: _People, texts: list[_Text], at: tuple) -> str:
    """The organisation that was the subject of a reporting verb last before ``at`` (line,
    offset), in the paragraph or the two before it ("The Department of Health said in a
    statement ..."), or ""."""
    line, pos = at
    forms = _verb_forms_all()
    best = None
    for t in texts:
        if not (line - 4 <= t.line <= line):
            continue
        for name in people.register.organisations_by_length():
            for m in re.finditer(re.escape(name), t.masked):
                if t.line == line and m.start() >= pos:
                    break
                nxt = re.match(r"[\w'\-]+", _strip_lead(t.masked[m.end():m.end() + 60]))
                if nxt is not None and nxt.group(0).lower() in forms:
                    if best is None or (t.line, m.start()) > best[0]:
                        best = ((t.line, m.start()), name)
    return best[1] if best else ""


def _resolve(quotes: list[_Quote], texts: list[_Text], people: _People, allowed: set) -> None:
    """Pronouns to the most recent mention before them of a person of the same gender (a
    "she" is not the man named last); a full quote with no evidence in its sentence to the
    person who opens the sentence before it in the same paragraph ("Resident Linda Perez put
    it simply. “Minutes matter.”"), else to the previous quote's speaker. Fragments and terms
    inherit nothing."""
    mentions, anywhere = _mentions(texts, people, allowed)
    # The evidence of quotes attributed outright is a mention too.
    mentions += [(q.evidence_pos[0], q.evidence_pos[1], q.speaker) for q in quotes
                 if q.evidence_kind in ("alias", "name", "description") and q.speaker]
    mentions = list(set(mentions))
    # "he" and "she" stand for people, not for organisations quoted by name.
    mentions = sorted(m for m in mentions if not _is_organisation(m[2])
                      and (people.is_person(m[2]) or m[2] in allowed))
    anywhere = [m for m in anywhere if people.is_person(m[2])]
    previous = ""
    for q in quotes:
        if q.evidence_kind == "description" and not q.speaker and _SPOKESPERSON.fullmatch(
                q.evidence.strip()):
            # "The Department ... said in a statement ... “...,” a spokesperson said": the
            # organisation that spoke in the sentences just before.
            q.speaker = _organisation_before(people, texts, q.evidence_pos)
        if q.evidence_kind == "pronoun" and q.evidence.lower() in PRONOUNS:
            line, pos = q.evidence_pos
            gender = "f" if q.evidence.lower() == "she" else "m"
            k = bisect_left(mentions, (line, pos))  # mentions before (line, pos): [:k]
            q.speaker = ""
            for m in reversed(mentions[:k]):
                if people.gender(m[2]) in ("", gender):
                    q.speaker = m[2]
                    break
            if not q.speaker:
                # No subject fits: the last person of that gender named anywhere before.
                k = bisect_left(anywhere, (line, pos))
                for m in reversed(anywhere[:k]):
                    if people.gender(m[2]) == gender:
                        q.speaker = m[2]
                        break
            if not q.speaker and not k and previous and not _is_organisation(previous) \
                    and people.gender(previous) in ("", gender):
                q.speaker = previous
        elif q.attribution == "none" and q.first[0].location == "body" and q.kind == "full":
            t, r = q.first
            s_start, _ = t.bounds(r.open)
            k0 = t.sentence_at(r.open)
            found = None
            if k0 > 0:
                a, b = t.sentences[k0 - 1]
                found = _subject_mention(people, t, a, b)
            if found is not None:
                q.evidence_kind, q.evidence, q.speaker = found
                q.evidence = _as_written(t, q.evidence, t.sentences[k0 - 1][0], r.open)
                q.evidence_pos = (t.line, t.sentences[k0 - 1][0])
                q.attribution = "in paragraph"
            elif previous:
                q.speaker = previous
                q.attribution = "previous quote"
        if q.first[0].location == "body" and q.speaker and q.kind == "full":
            previous = q.speaker


def actors(analysis) -> pd.DataFrame:
    """The ``actors`` table: every person and organisation the story's articles name, one row
    per form or link with its evidence (columns :data:`analysis.measures.actors.ACTOR_COLUMNS`:
    ``actor, kind, gender, form, link, file, line, words``; ``link`` is ``name`` (a full name
    as written, titles included), ``title`` or ``description`` (role words before the name),
    ``apposition`` (a description beside it), ``acronym``, or ``table`` (a row of the story's
    optional ``speakers.csv``, file ``speakers.csv``, line its row))."""
    from analysis.measures.quotes import _folder, find_quotes, people_of

    # The short forms and descriptions are linked as the quotes are attributed.
    quotes = None if isinstance(analysis, dict) else getattr(analysis, "quotes", None)
    if quotes is None:
        find_quotes(analysis, align=False)
    people = people_of(analysis)
    frame = people.register.table()
    folder = _folder(analysis)
    path = Path(folder) / SPEAKERS_FILE if folder is not None else None
    if path is not None and path.is_file():
        rows = []
        table = datafiles.read_csv(path, ("speaker", "alias"))
        for n, row in enumerate(table.itertuples(), start=2):
            speaker, alias = row.speaker.strip(), row.alias.strip()
            rows.append(dict(actor=speaker, kind="person" if people.is_person(speaker) else "",
                             gender=people.gender(speaker), form=alias, link="table",
                             file=SPEAKERS_FILE, line=n, words=alias))
        frame = pd.concat([frame, pd.DataFrame(rows, columns=frame.columns)], ignore_index=True)
        frame = frame.astype({"line": "int64"})
    return frame

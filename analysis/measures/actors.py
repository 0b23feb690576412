"""The actor register of a story: who the articles name, in every form they use, from the text.

No hand table is needed: the register is read from the narration of every article (the words
outside quotation marks, headlines and captions included) and holds

- **people**, under a canonical name (the full name, without titles: ``Dana Whitfield``), with
  every form the articles use (``Mayor Dana Whitfield``, ``Whitfield``, ``Ms. Whitfield``,
  ``Sir Alan``), the titles seen before the name (``President``, ``Sen.``, ``Gen``), a gender
  when a word says it (``Mr``/``Mrs``, ``spokeswoman``, ``his wife``), and the roles the articles
  give them: a description before the name (``MI6 chief Richard Moore``, ``the city's chief
  engineer, Marcus Bell``) or after it in apposition (``Richard Moore, the head of MI6,``);
- **organisations**: a capitalised name holding an organisation word (``National Rural Carriers
  Association``, ``Department of Health and Social Care``) and the acronym given in brackets.

Every link keeps its evidence: the file, the raw line and the words. :meth:`Register.resolve`
turns what an attribution says (``Rep. Okafor``, ``the port chief``, ``Mrs Adams``, ``A
Department of Health and Social Care spokesperson``) into a canonical actor, or ``""`` when the
text does not say who (an anonymous commuter, a plural, a thing): blank rather than a guess.

How a short form finds its person (:meth:`Register.person`): a surname, or a first name after
Sir/Dame, is matched to the people of the story with that name; an honorific keeps those of its
gender (``Mr`` a man, ``Mrs``/``Ms`` a woman) and a title those who hold it (``President
Castellano`` is not his wife); of the rest, the one the article named in full most recently
before the mention, else the one it named first, else the only one in the story. A description
finds the person the same article (else the story) gave a role of the same kind: ``chief``,
``head``, ``boss``, ``leader`` and ``top`` are one kind (``analysis/data/actor_words.csv``,
column ``group``), and when several people hold one, the words of the description pick among
them (``the union's general secretary`` is not the health secretary).

The word lists (honorifics, titles, role nouns, kin words, organisation and place words) are
in ``analysis/data/actor_words.csv`` (``word,kind,gender,group,note``): language, not story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analysis.paths import DATA_DIR

WORDS_FILE = DATA_DIR / "actor_words.csv"
#: Common given names with the gender they usually mark (``name,gender,note``): a person's
#: gender when the text gives none ("Robert Castellano" is the "Mr. Castellano").
FIRST_NAMES_FILE = DATA_DIR / "first_names.csv"
#: Columns of the ``actors`` table: one row per form or link of an actor, with its evidence.
ACTOR_COLUMNS = ("actor", "kind", "gender", "form", "link", "file", "line", "words")

#: Abbreviations whose full stop does not end a name or a sentence.
ABBREVIATIONS = frozenset("""mr mrs ms mx dr prof sen rep gov gen col capt sgt adm lt maj rev st
jr sr hon""".split())
#: Particles inside a name ("Ursula von der Leyen").
PARTICLES = frozenset("de van von der den bin al da di la le du del dos ibn ter".split())
#: Capitalised words that open a place or an organisation's name rather than a person's.
NOT_FIRST_NAMES = frozenset("""united national new north south east west northern southern
eastern western royal great san santa los las fort port mount saint st upper lower greater
central first second third monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december""".split())
#: Days and months: "in Prague Wednesday" names nobody.
WHEN = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
march april june july august september october november december""".split())
#: Determiners that make a description indefinite: "a spokesperson", "one commuter" are nobody
#: in particular.
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any", "several", "many"})
DEFINITE = frozenset({"the", "this", "that", "his", "her", "their", "its", "our", "my", "your"})
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-]*\.?|\d[\w\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def actor_words() -> dict[str, dict]:
    """``analysis/data/actor_words.csv`` as ``word -> {kind, gender, group}``."""
    table = pd.read_csv(WORDS_FILE, dtype=str, keep_default_na=False)
    missing = {"word", "kind", "gender", "group"} - set(table.columns)
    if missing:
        raise ValueError(f"{WORDS_FILE}: missing columns {sorted(missing)}")
    out = {}
    for n, r in enumerate(table.itertuples(index=False), start=2):
        if r.kind not in ("honorific", "title", "role", "kin", "modifier", "organisation", "place"):
            raise ValueError(f"{WORDS_FILE}, line {n}: unknown kind {r.kind!r}")
        out[r.word.lower()] = {"kind": r.kind, "gender": r.gender, "group": r.group or r.word.lower()}
    return out


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """``analysis/data/first_names.csv`` as ``name -> gender`` (``f`` or ``m``)."""
    table = pd.read_csv(FIRST_NAMES_FILE, dtype=str, keep_default_na=False)
    for n, r in enumerate(table.itertuples(index=False), start=2):
        if r.gender not in ("f", "m"):
            raise ValueError(f"{FIRST_NAMES_FILE}, line {n}: gender must be f or m")
    return dict(zip(table.name, table.gender))


def _bare(word: str) -> str:
    """A token without its full stop, possessive and "ex-", lower case ("Sen." -> "sen",
    "Ex-president" -> "president")."""
    w = _POSSESSIVE.sub("", word.rstrip(".")).lower()
    return w[3:] if w.startswith("ex-") else w


@lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    """The reporting-verb forms (``analysis/data/reporting_verbs.csv``): a name right before
    one is someone speaking."""
    table = pd.read_csv(DATA_DIR / "reporting_verbs.csv", dtype=str, keep_default_na=False)
    return frozenset(f.lower() for f in table.form if " " not in f)


@lru_cache(maxsize=65536)
def _kind(word: str) -> str:
    return actor_words().get(_bare(word), {}).get("kind", "")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _name_like(word: str) -> bool:
    """A token that can be part of a person's name: capitalised, with a lower-case letter
    (not an acronym), or an initial ("J.")."""
    w = word.rstrip(".")
    if len(w) == 1:
        return w.isupper()
    return w[:1].isupper() and any(c.islower() for c in w) and _kind(word) not in (
        "honorific", "title", "role", "kin", "modifier", "organisation", "place")


@dataclass
class Link:
    """One piece of evidence: ``form`` as written, how it links (``link``), where."""

    form: str
    link: str  # name | surname | first-name | title | description | apposition | acronym | table
    file: str
    line: int
    words: str


@dataclass
class Actor:
    """A person or an organisation of the story."""

    name: str
    kind: str  # person | organisation
    first: str = ""
    last: str = ""
    gender: str = ""
    titles: set = field(default_factory=set)  # title groups: {"president", "senator"}
    roles: list = field(default_factory=list)  # (file, group, words of the role, modifiers)
    links: list = field(default_factory=list)
    mentions: list = field(default_factory=list)  # (file, line, offset) of full-name mentions
    signal: bool = False  # something in the text says this name is a person's


@dataclass
class _Token:
    start: int
    end: int
    text: str


def _tokens(text: str) -> list[_Token]:
    """The words of ``text`` with their offsets; a full stop stays on an abbreviation or an
    initial only. Short texts (a phrase to resolve) are remembered."""
    return list(_short_tokens(text)) if len(text) <= 120 else _scan_tokens(text)


@lru_cache(maxsize=65536)
def _short_tokens(text: str) -> tuple:
    return tuple(_scan_tokens(text))


def _scan_tokens(text: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        end = m.end()
        # A full stop is kept only on an abbreviation or an initial; otherwise it ends the
        # sentence and is not part of the word.
        if w.endswith(".") and not (_bare(w) in ABBREVIATIONS or (len(w) == 2 and w[0].isupper())):
            w, end = w[:-1], end - 1
        out.append(_Token(m.start(), end, w))
    return out


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """Whether two tokens are next to each other with only spaces between them."""
    gap = text[a.end:b.start]
    return gap != "" and gap.strip() == "" and "\n" not in gap


def _group(word: str) -> str:
    return actor_words().get(_bare(word), {}).get("group", "")


def _gender(words) -> str:
    genders = {actor_words().get(_bare(w), {}).get("gender", "") for w in words} - {""}
    return genders.pop() if len(genders) == 1 else ""


def _content(words) -> set[str]:
    """The words of a description that can tell two roles apart (not determiners, not the
    kind of role itself)."""
    from analysis.story.language import function_words

    fw = function_words()
    out = set()
    for w in words:
        b = _bare(w)
        if b and b not in fw and _kind(w) not in ("modifier",) and not b.isdigit():
            out.add(b)
    return out


def role_of(words: list[str], head_only: bool = False) -> tuple[str, set[str]] | None:
    """The kind of role a description names (``the head of the harbour authority`` -> chief)
    and its other words, or ``None`` when no word of it is a role, title or kin word. The head
    is the word before "of", else the last role word."""
    if not words:
        return None
    lows = [_bare(w) for w in words]
    two = [f"{a} {b}" for a, b in zip(lows, lows[1:])]
    if "of" in lows[1:]:
        k = lows.index("of", 1)
        cands = [k - 1]
    else:
        cands = list(range(len(lows) - 1, -1, -1))
        # An apposition's head is its last word before a relative clause or a preposition:
        # "a Montana Republican who ...", "chief engineer for the city".
        if head_only:
            stop = next((n for n, w in enumerate(lows) if n and w in (
                "who", "which", "that", "for", "at", "in", "on", "with", "from", "to", "and",
                "since", "whose", "by")), len(lows))
            cands = [stop - 1]
            if _kind(words[stop - 1]) == "title" and words[stop - 1][:1].isupper():
                return None  # "a bill Oregon Sen. Margaret Hale ...": another person's title
    for k in cands:
        if k + 1 < len(lows) and two[k] in actor_words() and actor_words()[two[k]]["kind"] == "role":
            return actor_words()[two[k]]["group"], _content(words) - {lows[k], lows[k + 1]}
        info = actor_words().get(lows[k])
        if info and info["kind"] in ("title", "role", "kin"):
            return info["group"], _content(words) - {lows[k]}
        if k > 0 and k - 1 < len(two) and two[k - 1] in actor_words():
            info = actor_words()[two[k - 1]]
            return info["group"], _content(words) - {lows[k - 1], lows[k]}
    return None


class Register:
    """The people and organisations of one story (see the module docstring)."""

    def __init__(self, aliases: dict[str, str] | None = None):
        self.actors: dict[str, Actor] = {}
        self.aliases = dict(aliases or {})  # an optional speakers.csv: alias -> canonical
        self._by_last: dict[str, set] = {}
        self._by_first: dict[str, set] = {}
        self._order: dict[str, list] = {}  # file -> sorted [(line, offset, name)] full mentions
        self._org_heads: dict[str, set] = {}  # lower-case org word -> organisation names
        self._acronyms: dict[str, str] = {}
        self._short: set = set()  # surnames used with a title or before a reporting verb
        self._proper: set = set()  # capitalised words seen inside a sentence, not opening it
        self._holders: dict = {}  # role group -> people holding a role of it (after finish)
        self._people_in: dict = {}  # file -> people named in full there (after finish)
        self._gendered: list = []  # (file, gender, surname) from "Mr. X", "Mrs X"
        self._cache: dict = {}

    # -- building --------------------------------------------------------------------------

    def _person(self, name: str) -> Actor:
        if name not in self.actors:
            parts = [p for p in name.split() if p.lower() not in PARTICLES]
            self.actors[name] = Actor(name, "person", first=parts[0], last=parts[-1])
        return self.actors[name]

    def _organisation(self, name: str) -> Actor:
        if name not in self.actors:
            self.actors[name] = Actor(name, "organisation")
            for w in name.split():
                if _kind(w) == "organisation":
                    self._org_heads.setdefault(_bare(w), set()).add(name)
        return self.actors[name]

    def learn(self, file: str, line: int, text: str, offset: int = 0) -> None:
        """Read one narration text (quotes masked out) of ``file`` at raw line ``line``;
        ``offset`` places it in the file's reading order (for "named most recently")."""
        self._cache.clear()
        toks = _tokens(text)
        for n, tok in enumerate(toks):
            if n and _is_cap(tok.text) and not re.search(r"[.!?:\x01\"“”]\s*$",
                                                         text[toks[n - 1].start:tok.start]):
                self._proper.add(_POSSESSIVE.sub("", tok.text))
        k = 0
        while k < len(toks):
            if not _is_cap(toks[k].text):
                k += 1
                continue
            j = k
            while j + 1 < len(toks) and _joined(text, toks[j], toks[j + 1]) and (
                    _is_cap(toks[j + 1].text) or toks[j + 1].text.lower() in PARTICLES
                    or (toks[j + 1].text.lower() in ("of", "for", "and", "the", "&")
                        and j + 2 < len(toks) and _is_cap(toks[j + 2].text))):
                j += 1
            while j > k and not _is_cap(toks[j].text):
                j -= 1
            self._run(file, line, text, toks, k, j, offset)
            k = j + 1

    def _run(self, file, line, text, toks, k, j, offset) -> None:
        run = toks[k:j + 1]
        words = [t.text for t in run]
        # The person's name: the tokens after the last title, role or organisation word.
        last_title = max((n for n, w in enumerate(words)
                          if (_kind(w) in ("honorific", "title", "role", "kin", "modifier")
                              and _bare(w) != "top") or (n < len(words) - 1 and w.endswith(
                                  ("'s", "’s")))
                          or w.lower() in ("of", "for", "and", "the", "&")), default=-1)
        name_toks = run[last_title + 1:]
        prefix = run[:last_title + 1]
        from analysis.story.language import function_words

        fw = function_words()
        while name_toks and name_toks[0].text.lower() in fw and not prefix:
            name_toks = name_toks[1:]
        name_words = [t.text for t in name_toks]
        if name_words and name_words[-1].endswith(("'s", "’s")):
            name_words[-1] = _POSSESSIVE.sub("", name_words[-1])
        person_ok = (2 <= len(name_words) <= 4 and all(_name_like(w) or w.lower() in PARTICLES
                                                       for w in name_words)
                     and name_words[0].lower() not in NOT_FIRST_NAMES
                     and not any(w.lower() in WHEN for w in name_words)
                     and _name_like(name_words[-1]))
        titled = bool(prefix) and _kind(prefix[-1].text) in ("honorific", "title", "role")
        if any(_kind(w) == "organisation" for w in words) and not titled:
            self._learn_org(file, line, text, run)
            return
        if person_ok:
            name = " ".join(name_words)
            p = self._person(name)
            pos = (line, offset + name_toks[0].start)
            p.mentions.append((file,) + pos)
            before = text[max(0, run[0].start - 40):run[0].start].rstrip()
            if re.search(r"\b(?:said|says|added|adds|wrote|writes|explained|continued|replied|"
                         r"recalled|insisted|noted|argued|warned)$", before.lower()):
                p.signal = True  # "said Mark Delgado"
            p.links.append(Link(text[run[0].start:name_toks[-1].end], "name", file, line,
                                text[run[0].start:name_toks[-1].end]))
            self._learn_prefix(p, file, line, text, toks, k, prefix)
            self._learn_apposition(p, file, line, text, name_toks[-1].end)
            self._learn_gender_from_verb(p, text, name_toks[-1].end)
        elif len(name_words) == 1 and _name_like(name_words[0]):
            # "Mr. Okafor", "Whitfield said": a surname used as a person's (confirms a full
            # name with that surname as a person when the register is finished).
            after = text[name_toks[-1].end:name_toks[-1].end + 30].lower()
            if (prefix and _kind(prefix[-1].text) in ("honorific", "title")) or re.match(
                    r"\s+(?:\w+ly\s+)?(?:%s)\b" % "|".join(verb_forms()), after):
                self._short.add(name_words[0])
                g = _gender([t.text for t in prefix])
                if g:
                    self._gendered.append((file, g, name_words[0]))

    def _learn_prefix(self, p: Actor, file, line, text, toks, k, prefix) -> None:
        """Titles in the name's run ("Sen.", "Former President") and the role words right
        before the run ("harbour authority chief", "union organiser", "Her mother,")."""
        words = [t.text for t in prefix]
        for w in words:
            info = actor_words().get(_bare(w))
            if info and info["kind"] in ("honorific", "title"):
                p.signal = True
                if info["kind"] == "title":
                    p.titles.add(info["group"])
                if info["gender"] and not p.gender:
                    p.gender = info["gender"]
        # Role words right before the run: "MI6 chief", "trust spokeswoman", "the former
        # first lady", "Under-21 coach". Taken only when the word next to the name is a role,
        # title or kin word ("Host Brian Kessler asked Elena ..." gives Elena no role).
        before: list[str] = []
        n = k - 1
        from analysis.story.language import function_words

        fw = function_words()
        while n >= 0 and len(before) < 6 and _joined(text, toks[n], toks[n + 1]):
            w = toks[n].text
            if (w.lower() in fw and _kind(w) not in ("role", "title", "modifier")) or w.endswith(","):
                break
            before.insert(0, w)
            n -= 1
        near = " ".join(_bare(w) for w in before[-2:])
        if before and not (_kind(before[-1]) in ("role", "title", "kin")
                           or near in actor_words()):
            before = []
        before = before + words
        role = role_of(before) if before else None
        if role is not None:
            p.roles.append((file, role[0], " ".join(before), role[1]))
            p.links.append(Link(" ".join(before), "title" if prefix else "description", file,
                                line, " ".join(before + [p.name])))
            g = _gender(before)
            if g and not p.gender:
                p.gender = g
            p.signal = True
        # "the city's chief engineer, Marcus Bell" / "Her mother, Sheila Adams,": a description
        # ending in a comma right before the name.
        head = text[max(0, toks[k].start - 200):toks[k].start]
        m = re.search(r"(?:^|[.;:(]\s*|,\s*|\b(?:by|from|with|and|as|of|to|for|at|on|in)\s+)"
                      r"((?i:the|a|an|his|her|their|its|[A-Z][\w'’]*['’]s)\s+[^,.;:\x01()]{0,60}?),"
                      r"\s*(?:(?i:the)\s+)?(?:(?!(?:and|or|but|with|by|to)\b)[a-z][\w'’\-]*\s+){0,4}$",
                      head)
        if m:
            desc = m.group(1).split()
            role = role_of(desc)
            if role is not None:
                p.roles.append((file, role[0], m.group(1), role[1]))
                p.links.append(Link(m.group(1), "apposition", file, line, m.group(1) + ", " + p.name))
                g = _gender(desc)
                if g and not p.gender:
                    p.gender = g
                p.signal = True

    def _learn_apposition(self, p: Actor, file, line, text, end) -> None:
        """"Richard Moore, the head of MI6," / "Sen. Tom Brannigan, a Montana Republican who" /
        "Kelly Adams, 34, a ward sister"."""
        after = text[end:end + 240]
        if re.match(r"\s*(?:\([^)]{1,20}\)\s*)?,\s*\d{1,3},", after) or re.match(
                r"\s*(?:,[^,]{1,80},\s*)?(?:\w+ly\s+)?(?:%s)\b" % "|".join(verb_forms()), after) \
                or re.match(r"\s*,\s*who\b", after):
            p.signal = True  # "Kelly Adams, 34,", "Mark Delgado said", "Tom Ashby, who"
        m = re.match(r"\s*(?:\([^)]{1,20}\)\s*)?,\s*(?:\d{1,3},\s*)?"
                     r"((?:the|a|an|his|her|their|its|[A-Z][\w'’]*['’]s)\s+[^,;:\x01()]{1,80}?"
                     r"|[a-z][^,;:\x01()]{1,60}?)"
                     r"(?=,|\.|;|\s+(?:who|which|that|and)\b|$)", after)
        if not m:
            return
        first = m.group(1).split()[0]
        if first[:1].islower() and first.lower() not in DEFINITE | INDEFINITE and _kind(
                first) not in ("role", "title", "kin", "modifier"):
            return  # ", accused the health secretary": a verb, not an apposition
        desc = m.group(1).split()
        role = role_of(desc, head_only=True)
        if role is None:
            return
        p.roles.append((file, role[0], m.group(1), role[1]))
        p.links.append(Link(m.group(1), "apposition", file, line, p.name + ", " + m.group(1)))
        g = _gender(desc)
        if g and not p.gender:
            p.gender = g
        p.signal = True

    def _learn_gender_from_verb(self, p: Actor, text, end) -> None:
        """"Linda Perez ... said she was relieved": the pronoun right after the person's own
        reporting verb is that person."""
        m = re.match(r"(?:,[^,]{1,80},)?\s+(?:said|says|told [\w ]{1,30}?|added|insisted)\s+"
                     r"(?:that\s+)?(she|he)\b", text[end:end + 160])
        if m and not p.gender:
            p.gender = "f" if m.group(1) == "she" else "m"

    def _learn_org(self, file, line, text, run) -> None:
        words = [t.text for t in run]
        while words and words[0].lower() in ("the", "a", "an"):
            words, run = words[1:], run[1:]
        if words and words[-1].endswith(("'s", "’s")):
            words[-1] = _POSSESSIVE.sub("", words[-1])
        # Titles before a lower-case name part are not the organisation ("Senate Majority").
        if not words or not any(_kind(w) == "organisation" for w in words) or all(
                w.isupper() for w in words):
            return  # no organisation word, or a shouted site name ("FEDERAL TIMES")
        name = " ".join(words)
        if len(words) == 1 and _kind(words[0]) == "organisation":
            return  # "Books", "Senate": a section label or a common noun, not a name
        o = self._organisation(name)
        o.links.append(Link(name, "name", file, line, text[run[0].start:run[-1].end]))
        o.mentions.append((file, line, run[0].start))
        acro = re.match(r"\s*\(([A-Z]{2,8})\)", text[run[-1].end:run[-1].end + 16])
        if acro:
            self._acronyms[acro.group(1)] = name
            o.links.append(Link(acro.group(1), "acronym", file, line,
                                text[run[0].start:run[-1].end + acro.end()]))

    def finish(self) -> None:
        """Index the people (call after the last :meth:`learn`). A capitalised pair of words
        is a person only when something says so: a title, a role or an age next to it, a
        reporting verb, or its surname used alone as a speaker's or after a title elsewhere;
        the rest ("Getty Images", "Santa Fe") are dropped."""
        for name in [n for n, a in self.actors.items() if a.kind == "person"]:
            a = self.actors[name]
            lasts = {x.last for x in self.actors.values() if x.kind == "person"}
            if not (a.signal or a.last in self._short
                    or (a.first in self._short and a.first not in lasts)):
                del self.actors[name]
                continue
            self._by_last.setdefault(a.last, set()).add(name)
            self._by_first.setdefault(a.first, set()).add(name)
            a.gender = a.gender or first_names().get(a.first, "")
            for f, line, pos in a.mentions:
                self._order.setdefault(f, []).append((line, pos, name))
        for f in self._order:
            self._order[f].sort()
        self._people_in = {}
        self._holders = {}
        for a in self.actors.values():
            if a.kind == "person":
                for g in {r[1] for r in a.roles} | set(a.titles):
                    self._holders.setdefault(g, []).append(a)
        # "Mr. Castellano" in an article that names one Castellano: he is a man.
        for f, g, last in self._gendered:
            here = {n for n in self.people_in(f) if self.actors[n].last == last}
            if len(here) == 1:
                a = self.actors[here.pop()]
                a.gender = a.gender or g
        self._cache.clear()

    # -- resolving -------------------------------------------------------------------------

    def people_in(self, file: str) -> set[str]:
        """The people an article names in full."""
        if file not in self._people_in:
            self._people_in[file] = {n for _, _, n in self._order.get(file, [])}
        return self._people_in[file]

    def _pick(self, cands: set[str], file: str, at: tuple | None) -> str:
        """One of several people: the one the article named in full most recently before
        ``at``, else the one it named first, else the only one in the story."""
        if len(cands) == 1:
            return next(iter(cands))
        order = [m for m in self._order.get(file, []) if m[2] in cands]
        if order:
            if at is not None:
                k = bisect_left(order, tuple(at) + ("",))
                if k:
                    return order[k - 1][2]
            return order[0][2]
        return ""

    def person(self, words: list[str], file: str, at: tuple | None = None) -> str:
        """The person a name, with or without titles, stands for ("" when none or unsure)."""
        # "Labour's Paul Flynn": the name follows the possessive.
        owner = max((n for n, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), default=-1)
        words = [_POSSESSIVE.sub("", w) if w.endswith(("'s", "’s")) else w
                 for w in words[owner + 1:]]
        while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        # The name is what follows the last title or role word ("Health Secretary Jonathan
        # Pryce", "Texas Sen. Paul Decker"); with nothing after it, the words are a description
        # ("Montana Republican", "Defence Minister").
        last = max((n for n, w in enumerate(words)
                    if _kind(w) in ("honorific", "title", "role", "modifier", "kin")), default=-1)
        titles = words[:last + 1]
        name = words[last + 1:]
        if not name:
            return self.description(words, file, at)
        if titles and _kind(titles[-1]) in ("role", "kin") and len(name) == 1 \
                and name[0] not in self._by_last and name[0] not in self._by_first:
            return ""
        gender = _gender(titles)
        groups = {_group(w) for w in titles if _kind(w) == "title"}
        first_title = any(_bare(w) in ("sir", "dame") for w in titles)
        if len(name) >= 2:
            full = " ".join(name)
            if full in self.actors:
                return full
            cands = {n for n in self._by_first.get(name[0], set())
                     if self.actors[n].last == name[-1]}
            return self._pick(cands, file, at) if cands else full
        word = name[0]
        if first_title:
            cands = set(self._by_first.get(word, set()))
        else:
            cands = set(self._by_last.get(word, set()))
            if not cands and not titles:
                cands = set(self._by_first.get(word, set()))
        if gender:
            cands = {c for c in cands if self.actors[c].gender in ("", gender)} or (
                cands if len(cands) == 1 else set())
        if groups:
            held = {c for c in cands if self.actors[c].titles & groups
                    or any(r[1] in groups for r in self.actors[c].roles)}
            if held:
                cands = held
        in_file = cands & self.people_in(file)
        if in_file:
            return self._pick(in_file, file, at)
        if len(cands) == 1:
            return next(iter(cands))
        if not cands and titles and not groups - {""} and word[:1].isupper():
            return word  # "Lord Hanningfield", a surname the story never completes
        if not cands and titles and word[:1].isupper():
            return word
        return ""

    def description(self, words: list[str], file: str, at: tuple | None = None) -> str:
        """The one person (or organisation) a description stands for, or ""."""
        lows = [_bare(w) for w in words]
        if not lows or lows[0] in INDEFINITE:
            return ""
        role = role_of(words)
        if role is None:
            # "the department", "the union": the one organisation of that kind.
            head = lows[-1]
            for scope in (file, None):
                names = {n for n in self._org_heads.get(head, set())
                         if scope is None or any(li.file == scope for li in self.actors[n].links)}
                if len(names) == 1:
                    return next(iter(names))
            return ""
        group, content = role
        if lows[-1].endswith("s") and lows[-1][:-1] in actor_words():
            return ""  # a plural: "officials", "city engineers"
        for scope in (file, None):
            holders = {}
            for a in self._holders.get(group, ()):
                rs = [r for r in a.roles if r[1] == group and (scope is None or r[0] == scope)]
                titled = scope is None and group in a.titles
                if rs or titled:
                    overlap = max([len(content & r[3]) for r in rs] + [0])
                    holders[a.name] = overlap
            if not holders:
                continue
            if len(holders) == 1:
                return next(iter(holders))
            best = max(holders.values())
            top = {n for n, v in holders.items() if v == best}
            if best > 0 and len(top) == 1:
                return next(iter(top))
            if scope == file:
                return ""  # several people of the article hold such a role: do not guess
        return ""

    def organisation(self, words: list[str]) -> str:
        """An organisation named in ``words`` (its name, or its acronym), or ""."""
        text = " ".join(words)
        for w in words:
            if w.rstrip(".") in self._acronyms:
                return self._acronyms[w.rstrip(".")]
        best = ""
        for name, a in self.actors.items():
            if a.kind == "organisation" and name in text and len(name) > len(best):
                best = name
        return best

    def resolve(self, phrase: str, file: str, at: tuple | None = None) -> str:
        """What an attribution's subject stands for: a canonical person or organisation, or
        "" (see the module docstring). A short form or description that resolves is kept as
        a link of its actor (``surname``, ``first name``, ``title + surname``,
        ``description``), with the file and line where it was read."""
        if phrase in self.actors and phrase not in self.aliases:
            return phrase  # a full name as the register holds it
        key = (phrase, file, at)
        if key in self._cache:
            return self._cache[key]
        found = self._resolve(phrase, file, at)
        self._cache[key] = found
        if found in self.actors and " ".join(phrase.split()) != found:
            self._record(found, " ".join(phrase.split()), file, at)
        return found

    def _record(self, name: str, form: str, file: str, at) -> None:
        a = self.actors[name]
        words = [t.text for t in _tokens(form)]
        if not words:
            return
        titled = any(_kind(w) in ("honorific", "title") for w in words)
        bare = [w for w in words if _kind(w) not in ("honorific", "title", "role", "modifier")]
        if a.kind == "organisation" or not bare or not _is_cap(form) or len(bare) > 1:
            link = "description" if not _is_cap(words[0]) or not bare else "name"
        elif bare[0] == a.last:
            link = "title + surname" if titled else "surname"
        elif bare[0] == a.first:
            link = "title + first name" if titled else "first name"
        else:
            link = "name"
        line = at[0] if at else 0
        a.links.append(Link(form, link, file, int(line), form))

    def _resolve(self, phrase: str, file: str, at) -> str:
        text = " ".join(phrase.split())
        if text in self.aliases:
            return self.aliases[text]
        if text[:1].lower() + text[1:] in self.aliases:
            return self.aliases[text[:1].lower() + text[1:]]
        words = [t.text for t in _tokens(text)]
        if not words:
            return ""
        lows = [_bare(w) for w in words]
        # "A Department of Health and Social Care spokesperson", "a spokesperson for the
        # shipbuilder, Osborne Naval Yards": the organisation speaks.
        org = self.organisation(words)
        role = role_of(words)
        if role is not None and role[0] != "spokesperson" and not _kind(words[-1]) == "organisation":
            org = ""  # "the U.K. Secret Intelligence Service chief" is a person
        if org and (any(actor_words().get(lw, {}).get("group") == "spokesperson" for lw in lows)
                    or lows[0] in ("the", "a", "an") or _kind(words[-1]) == "organisation"
                    or " ".join(words).endswith(org)):
            if not any(_name_like(w) and w not in org.split() and w.lower() not in ("the", "a", "an")
                       for w in words[:1]) or text.endswith(org):
                return org
        if lows[0] in INDEFINITE:
            return ""
        caps = [w for w in words if _is_cap(w)]
        if words[0][:1].isupper() and all(_is_cap(w) or w.lower() in PARTICLES for w in words):
            if all(_kind(w) in ("honorific", "title", "role", "modifier") for w in words):
                return self.description(words, file, at)  # "Mayor", "Defence Minister"
            if any(_kind(w) == "organisation" for w in words):
                name = " ".join(w for w in words if w.lower() not in ("the",))
                return name if name in self.actors else name
            return self.person(words, file, at)
        if lows[0] in DEFINITE or words[0].endswith(("'s", "’s")) or not caps:
            return self.description(words, file, at)
        # Capitalised role words then a name: "Oregon Democrat Margaret Hale".
        return self.person(words, file, at) if _name_like(words[-1]) else self.description(
            words, file, at)

    def organisations_by_length(self) -> list[str]:
        """The organisations' names, longest first."""
        if "orgs" not in self._cache:
            self._cache["orgs"] = sorted((n for n, a in self.actors.items()
                                          if a.kind == "organisation"), key=len, reverse=True)
        return self._cache["orgs"]

    def proper(self, word: str) -> bool:
        """Whether a capitalised word is also capitalised inside a sentence somewhere in the
        story: a proper name ("Harbourside"), not a common noun opening a sentence
        ("Regulars")."""
        return word in self._proper

    def known_word(self, word: str) -> bool:
        """Whether a capitalised word is a title, or part of a person's name in the register
        (then, alone, it is that person or nobody, never itself)."""
        if _kind(word) in ("honorific", "title", "role", "modifier", "kin"):
            return True
        return word in self._by_last or word in self._by_first

    # -- the table -------------------------------------------------------------------------

    def table(self) -> pd.DataFrame:
        """One row per link of every actor (columns :data:`ACTOR_COLUMNS`), actors in order
        of name, links in file and line order."""
        rows = []
        for name in sorted(self.actors):
            a = self.actors[name]
            seen = set()
            for li in sorted(a.links, key=lambda x: (x.file, x.line, x.link, x.form)):
                key = (li.form, li.link, li.file, li.line)
                if key in seen:
                    continue
                seen.add(key)
                rows.append(dict(actor=name, kind=a.kind, gender=a.gender, form=li.form,
                                 link=li.link, file=li.file, line=li.line, words=li.words))
        frame = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
        return frame.astype({"line": "int64"})

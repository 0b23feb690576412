"""Lossless cleaning: give every raw line of a pasted article one role and the reason for it.

Pasted articles carry site furniture (related-story links, newsletter boxes, photo captions,
bylines, agency credits). Counting it as article text corrupts every metric, so each raw line
gets exactly one role from :data:`ROLES` and the rule that gave it. Nothing is deleted: the
lines table keeps the raw text of every line, and :func:`rebuild_raw` gives back the file's
bytes from it. The *body* (the lines with role ``body``, one paragraph each) is what every
metric reads.

Rules come in two kinds:

- **pattern rules**, kept as data in ``analysis/data/furniture.csv`` (columns ``role, reason,
  scope, outlet, pattern, note``; regular expressions matched case-insensitively against the
  line's cleaned text). A story folder may add its own ``furniture.csv`` with the same columns;
  rows with an ``outlet`` apply to that outlet only. Scope ``line`` rules match one line;
  scope ``footer`` rules also mark the short lines after them at the end of the article.
- **layout rules**, in :func:`classify_article`: the headline (a first line with no final
  stop), a caption pasted twice (once more with a photo credit), all-capitals link lines, short
  lines with no final stop between paragraphs (crossheads, captions, related-story titles), and
  the standfirst between headline and byline. These look at a line's neighbours, so they are
  code; their thresholds are the constants below.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import datafiles
from analysis.paths import DATA_DIR

#: Every role a raw line can have.
ROLES = (
    "headline",
    "standfirst",
    "dateline",
    "byline",
    "caption",
    "subhead",
    "credit",
    "boilerplate",
    "body",
    "blank",
)
#: Columns of the lines table, one row per raw line.
LINE_COLUMNS = ("file", "outlet", "line", "role", "reason", "text", "clean", "eol", "paragraph")
#: Columns of the paragraphs table, one row per body paragraph.
PARAGRAPH_COLUMNS = ("file", "outlet", "paragraph", "line", "start", "end", "text")
#: Paragraphs are joined with this separator in the body text; spans count from 0.
PARAGRAPH_SEPARATOR = "\n\n"

FURNITURE_FILE = DATA_DIR / "furniture.csv"
FURNITURE_COLUMNS = ("role", "reason", "scope", "outlet", "pattern", "note")

# Layout-rule thresholds (words are whitespace-separated tokens).
HEADLINE_MAX_WORDS = 40  # a first line longer than this is a paragraph, not a headline
HEADLINE_SEARCH_LINES = 3  # the headline is among the first non-blank, non-furniture lines
SUBHEAD_MAX_WORDS = 6  # an unterminated line this short between paragraphs is a crosshead
UNTERMINATED_MAX_WORDS = 30  # longer unterminated lines are paragraphs
TITLE_CASE_SHARE = 0.7  # share of capitalised longer words that makes a line title case
CAPS_MIN_LETTERS = 8  # an all-capitals line needs at least this many letters
FOOTER_MAX_WORDS = 25  # lines after a footer marker must be this short to be furniture
FOOTER_MAX_LINES = 15  # and there must be at most this many of them
FOOTER_START_SHARE = 0.5  # a footer marker must lie in the last half of the article's lines
STANDFIRST_SEARCH_LINES = 5  # a byline or dateline this near the top closes the standfirst
LIST_MIN_LINES = 3  # this many unterminated lines in a row are a list or table, not furniture

_TERMINAL = re.compile(r"[.!?…:;]$")
_LIST_ITEM = re.compile(r"^(?:[-*•·–—]|\d{1,2}[.)])\s+\S")
_CLOSERS = "\"'”’»)]*› \t"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")
# Malformed entities some sites emit, with or without the final ";" (``&apos`` only without it:
# ``&apos;`` is a real entity that html.unescape decodes).
_BROKEN_ENTITIES = {"squot": "'", "sqout": "'", "dquot": '"', "apos": "'"}
_BROKEN_ENTITY = re.compile(r"&(squot|sqout|dquot);?|&(apos)(?!;)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]+")
_CREDIT_TAIL = re.compile(
    r"^[\s.,;:|–—-]*(?:\(|\[)?\s*(?:picture|photo|photograph|image|credit|source|getty|pa\b|ap\b|"
    r"afp|reuters|alamy|shutterstock|epa|bloomberg|handout|file)",
    re.IGNORECASE,
)
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Rule:
    role: str
    reason: str
    scope: str
    outlet: str
    pattern: re.Pattern
    source: str


def clean_line(text: str) -> str:
    """The display text of a raw line: HTML tags removed, HTML entities decoded (including the
    malformed ``&squot;`` some sites emit), invisible characters dropped, runs of spaces made
    one. Typography (curly quotes, dashes) is kept as it is."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _BROKEN_ENTITY.sub(lambda m: _BROKEN_ENTITIES[m.group(1) or m.group(2)], text)
        text = html.unescape(text)
    text = text.translate(_INVISIBLE).replace("\x00", "")
    return _SPACES.sub(" ", text).strip()


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split decoded text into ``(line, end_of_line)`` pairs. CRLF, LF and lone CR all end a
    line; the last line's end is ``""`` when the file has no final newline. Joining the pairs
    gives back ``text`` exactly."""
    if not text:
        return []
    out = []
    pos = 0
    for m in _LINE_SPLIT.finditer(text):
        out.append((text[pos : m.start()], m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


@lru_cache(maxsize=32)
def _read_rules(path: str, mtime: float) -> tuple[Rule, ...]:
    frame = datafiles.read_csv(path, ("role", "reason", "pattern"))
    rules = []
    for i, row in frame.iterrows():
        role = row["role"].strip()
        if role not in ROLES:
            raise ValueError(f"{path} line {i + 2}: role {role!r} is not one of {', '.join(ROLES)}")
        scope = (row.get("scope", "") or "line").strip()
        if scope not in ("line", "footer"):
            raise ValueError(f"{path} line {i + 2}: scope {scope!r} must be 'line' or 'footer'")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as err:
            raise ValueError(f"{path} line {i + 2}: bad pattern {row['pattern']!r}: {err}") from None
        rules.append(Rule(role, row["reason"].strip(), scope, row.get("outlet", "").strip(), pattern,
                          f"{Path(path).name}:{i + 2}"))
    return tuple(rules)


def load_rules(story_folder: str | Path | None = None) -> tuple[Rule, ...]:
    """The furniture rules: the project's ``furniture.csv``, then the story folder's own
    ``furniture.csv`` if it has one (its rules are tried first)."""
    rules: tuple[Rule, ...] = ()
    if story_folder is not None:
        extra = Path(story_folder) / "furniture.csv"
        if extra.is_file():
            rules = _read_rules(str(extra), extra.stat().st_mtime)
    return rules + _read_rules(str(FURNITURE_FILE), FURNITURE_FILE.stat().st_mtime)


def _words(text: str) -> int:
    return len(text.split())


def is_terminated(text: str) -> bool:
    """True when a line ends like a sentence (``. ! ? … : ;``), after closing quote marks and
    brackets are set aside."""
    return bool(_TERMINAL.search(text.rstrip(_CLOSERS)))


def is_all_caps(text: str) -> bool:
    """True for a line written in capitals (at least :data:`CAPS_MIN_LETTERS` letters, at most
    one lower-case letter in ten)."""
    cased = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]
    if len(cased) < CAPS_MIN_LETTERS:
        return False
    lower = sum(1 for c in cased if c.islower())
    return lower <= len(cased) * 0.1


def is_title_case(text: str) -> bool:
    """True when most words of four or more letters start with a capital (a headline style)."""
    words = [w.strip("\"'“”‘’()[]") for w in text.split()]
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if len(long) < 3:
        return False
    return sum(1 for w in long if w[0].isupper()) / len(long) >= TITLE_CASE_SHARE


def _match(rules, text: str, outlet: str, scope: str | None = None) -> Rule | None:
    for rule in rules:
        if scope is not None and rule.scope != scope:
            continue
        if rule.outlet and rule.outlet != outlet:
            continue
        if rule.pattern.search(text):
            return rule
    return None


def classify_article(clean: list[str], outlet: str = "", rules=None, author: str = "") -> list[tuple[str, str]]:
    """Give each cleaned line of one article a ``(role, reason)``.

    Parameters
    ----------
    clean : list of str
        The article's lines after :func:`clean_line`, in file order.
    outlet : str
        The outlet, for outlet-specific furniture rules.
    rules : tuple of Rule, optional
        From :func:`load_rules`; the project's rules by default.
    author : str
        The manifest's author: a short line that names them is a byline.
    """
    rules = load_rules() if rules is None else rules
    n = len(clean)
    roles: list[tuple[str, str] | None] = [None] * n
    nonblank = [i for i, t in enumerate(clean) if t]
    for i, t in enumerate(clean):
        if not t:
            roles[i] = ("blank", "empty or whitespace-only line")

    # 1. Pattern rules, one line at a time, in file order of the rules.
    for i in nonblank:
        rule = _match(rules, clean[i], outlet)
        if rule is not None:
            roles[i] = (rule.role, f"{rule.reason} ({rule.source})")

    # 2. Byline naming the manifest's author.
    if author:
        for i in nonblank:
            if roles[i] is None and _words(clean[i]) <= 12 and author.lower() in clean[i].lower() \
                    and not is_terminated(clean[i]):
                roles[i] = ("byline", "short line naming the manifest's author")

    # 3. Footer: a footer marker near the end, followed only by a few short lines.
    for k, i in enumerate(nonblank):
        if k < len(nonblank) * FOOTER_START_SHARE:
            continue
        rule = _match(rules, clean[i], outlet, scope="footer")
        if rule is None:
            continue
        after = nonblank[k + 1 :]
        if len(after) <= FOOTER_MAX_LINES and all(_words(clean[j]) <= FOOTER_MAX_WORDS for j in after):
            for j in after:
                if roles[j] is None:
                    roles[j] = ("boilerplate", f"footer block after a {rule.reason} line ({rule.source})")
            break

    # 4. A caption pasted twice: a line whose next non-blank line repeats it and adds a credit.
    for k, i in enumerate(nonblank[:-1]):
        j = nonblank[k + 1]
        a, b = clean[i], clean[j]
        if len(a) >= 12 and b.startswith(a) and len(b) > len(a) and _CREDIT_TAIL.match(b[len(a):]):
            if roles[i] is None or roles[i][0] == "body":
                roles[i] = ("caption", f"caption repeated with a photo credit on line {j + 1}")
            if roles[j] is None:
                roles[j] = ("caption", f"repeats the caption on line {i + 1} with a photo credit")
        elif a == b and len(a) >= 12 and roles[j] is None and not is_terminated(a):
            roles[j] = ("caption", f"repeats line {i + 1} (a caption or link pasted twice)")

    # 5. Headline: the first text line, if it does not end like a sentence.
    open_lines = [i for i in nonblank if roles[i] is None]
    headline = None
    for i in open_lines[:1]:
        furniture_before = sum(1 for j in nonblank if j < i)
        if furniture_before < HEADLINE_SEARCH_LINES + 3 and not is_terminated(clean[i]) \
                and _words(clean[i]) <= HEADLINE_MAX_WORDS and i != open_lines[-1]:
            roles[i] = ("headline", "first text line, with no final stop")
            headline = i

    # 6. Lines in capitals: related-story links and promotions.
    for i in nonblank:
        if roles[i] is None and is_all_caps(clean[i]) and not is_terminated(clean[i].rstrip("!")):
            roles[i] = ("boilerplate", "line in capitals (a related-story link or promotion)")

    # 6b. A job title under a byline ("Security correspondent").
    for k, i in enumerate(nonblank[:-1]):
        j = nonblank[k + 1]
        if roles[i] is not None and roles[i][0] == "byline" and roles[j] is None \
                and _words(clean[j]) <= SUBHEAD_MAX_WORDS and not is_terminated(clean[j]):
            roles[j] = ("byline", f"short line under the byline on line {i + 1} (a job title)")

    # 7. Standfirst: text between the headline and a byline or dateline near the top.
    if headline is not None:
        top = [i for i in nonblank if i > headline][:STANDFIRST_SEARCH_LINES]
        closers = [i for i in top if roles[i] is not None and roles[i][0] in ("byline", "dateline")]
        if closers:
            for i in top:
                if i >= closers[-1]:
                    break
                if roles[i] is None:
                    roles[i] = ("standfirst", f"between the headline and the {roles[closers[-1]][0]}")

    # 8. Short lines with no final stop between paragraphs.
    open_lines = [i for i in nonblank if roles[i] is None]
    last_text = open_lines[-1] if open_lines else None
    position = {i: k for k, i in enumerate(nonblank)}
    candidates = [i for i in open_lines
                  if not is_terminated(clean[i]) and _words(clean[i]) <= UNTERMINATED_MAX_WORDS]
    in_run: set[int] = set()
    run: list[int] = []
    for i in candidates + [None]:
        if run and (i is None or position[i] != position[run[-1]] + 1):
            if len(run) >= LIST_MIN_LINES:
                in_run.update(run)
            run = []
        if i is not None:
            run.append(i)
    for i in candidates:
        t = clean[i]
        k = position[i]
        following = clean[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        if i == last_text:
            roles[i] = ("body", "last text line, with no final stop (the paste may be cut off)")
        elif _LIST_ITEM.match(t):
            roles[i] = ("body", "list item")
        elif i in in_run:
            roles[i] = ("body", f"one of {LIST_MIN_LINES} or more lines in a row with no final stop (a list or table)")
        elif t[:1].islower() or t[:1].isdigit() or following[:1].islower():
            roles[i] = ("body", "sentence broken over two lines")
        elif _words(t) <= SUBHEAD_MAX_WORDS:
            roles[i] = ("subhead", "short line with no final stop between paragraphs (crosshead)")
        elif is_title_case(t):
            roles[i] = ("boilerplate", "title-case line with no final stop (a related-story link)")
        else:
            roles[i] = ("caption", "line with no final stop between paragraphs (a photo or video caption)")

    # 9. Everything else is a paragraph of the body.
    return [r if r is not None else ("body", "paragraph") for r in roles]


def classify_lines(articles: pd.DataFrame, story_folder: str | Path | None = None) -> pd.DataFrame:
    """The lines table: one row per raw line of every article, columns :data:`LINE_COLUMNS`.

    ``line`` is the 1-based line number in the raw file; ``text`` the raw line (no end-of-line
    characters); ``clean`` its display text (:func:`clean_line`); ``eol`` the line ending it had
    (``"\\r\\n"``, ``"\\n"``, ``"\\r"`` or ``""``); ``paragraph`` the 1-based body paragraph
    number (0 for lines that are not body).
    """
    rules = load_rules(story_folder)
    rows = []
    for art in articles.itertuples(index=False):
        pairs = split_lines(art.text)
        clean = [clean_line(t) for t, _ in pairs]
        roles = classify_article(clean, art.outlet, rules, getattr(art, "author", "") or "")
        para = 0
        for n, ((text, eol), cl, (role, reason)) in enumerate(zip(pairs, clean, roles), start=1):
            if role == "body":
                para += 1
            rows.append((art.file, art.outlet, n, role, reason, text, cl, eol, para if role == "body" else 0))
    frame = pd.DataFrame(rows, columns=LINE_COLUMNS)
    return frame.astype({"line": "int64", "paragraph": "int64"})


def paragraphs(lines: pd.DataFrame) -> pd.DataFrame:
    """The body paragraphs, one row each, columns :data:`PARAGRAPH_COLUMNS`.

    ``start`` and ``end`` are character offsets of the paragraph in the article's body text
    (:func:`bodies`), where paragraphs are joined with :data:`PARAGRAPH_SEPARATOR`.
    """
    body = lines[lines["role"] == "body"]
    rows = []
    for file, group in body.groupby("file", sort=False):
        pos = 0
        for r in group.itertuples(index=False):
            rows.append((file, r.outlet, r.paragraph, r.line, pos, pos + len(r.clean), r.clean))
            pos += len(r.clean) + len(PARAGRAPH_SEPARATOR)
    frame = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    return frame.astype({"paragraph": "int64", "line": "int64", "start": "int64", "end": "int64"})


def bodies(lines: pd.DataFrame, files=None) -> pd.Series:
    """Each article's body text (its body paragraphs joined by a blank line), indexed by file.
    Articles with no body get an empty string. Pass ``files`` (the articles' file names) so an
    empty file, which has no lines, still gets its (empty) row."""
    files = list(dict.fromkeys(lines["file"] if files is None else files))
    body = lines[lines["role"] == "body"].groupby("file", sort=False)["clean"].agg(PARAGRAPH_SEPARATOR.join)
    return body.reindex(files, fill_value="").rename("body")


def rebuild_raw(lines: pd.DataFrame, file: str) -> str:
    """The decoded text of ``file`` rebuilt from its lines table rows (every role included)."""
    part = lines[lines["file"] == file].sort_values("line")
    return "".join(t + e for t, e in zip(part["text"], part["eol"]))


def role_summary(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines and words per article and role (words of the cleaned text), one row per pair."""
    words = lines["clean"].str.split().str.len().fillna(0).astype("int64")
    out = (lines.assign(words=words)
           .groupby(["file", "outlet", "role"], sort=True)
           .agg(lines=("line", "size"), words=("words", "sum"))
           .reset_index())
    return out

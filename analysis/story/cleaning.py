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
  the standfirst between headline and byline, and the structure around a line: a browser title
  with a site suffix, navigation labels above the headline, the line over a photo credit (a
  caption), a video title beside player controls, key points under the headline, lines after
  the article's last paragraph among page furniture, appeals to the reader there, a note on the
  author. On a paste that shows page furniture, also: prompts and labels (a very short line
  ending in "!" or "?", a short colon-ended line that introduces no quote, a short line
  trailing off, a note in brackets), sentences above the byline or dateline that opens the
  article (a standfirst or a notice; not on a live blog), a pull quote repeated inside a longer
  line, a note on any writer near the top or end, an "About ..." box after the article, runs of
  headline-like lines after the article or under a short label (related-story links), a
  video's description under its player; a paragraph that speaks to the reader or about the site
  and shares almost none of its words with the headline and the story's other paragraphs
  (topical coherence: a site's pitch, an appeal, comment rules). Always: the line that gives
  the manifest's headline (when the other rules missed it; the short unterminated lines above
  it are furniture), the outlet's name standing alone (a masthead), a navigation bar of short
  items separated by "|" or "·", a bare name or a short label between the headline and the
  byline or dateline. These look at a line's neighbours, so they are code; their thresholds are
  the constants below. Every role comes with its reason in words.

Last, a small trained **line model** (:mod:`analysis.story.line_model`, weights in
``analysis/data/line_model.csv``) takes a second look at the lines the rules keep as body on a
paste with page furniture, and moves out those it gives less than an even chance of being
article text.

The user has the last word: a story folder's ``roles.csv`` (``file, line, role, note``) sets the
role of any line, and the reason then says so (:func:`apply_user_roles`, :func:`set_user_role`).

How well the rules do on pastes from outlets they were not written for is measured on a
hand-labelled development set (``tests/devsets/pastes/``, :mod:`analysis.evaluation.lines`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import datafiles, fast
from analysis.paths import DATA_DIR
from analysis.story import line_model, prefilter
from analysis.story.loading import LINE_BREAK, StoryWords
from analysis.story.patterns import UserPattern, timeout_message

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
QUESTION_CROSSHEAD_MAX_WORDS = 12  # a question crosshead, on a page with other question ones
UNTERMINATED_MAX_WORDS = 30  # longer unterminated lines are paragraphs
TITLE_CASE_SHARE = 0.7  # share of capitalised longer words that makes a line title case
CAPS_MIN_LETTERS = 8  # an all-capitals line needs at least this many letters
FOOTER_MAX_WORDS = 25  # lines after a footer marker must be this short to be furniture
FOOTER_MAX_LINES = 15  # and there must be at most this many of them
FOOTER_START_SHARE = 0.5  # a footer marker must lie in the last half of the article's lines
STANDFIRST_SEARCH_LINES = 5  # a byline or dateline this near the top closes the standfirst
LIST_MIN_LINES = 3  # this many unterminated lines in a row are a list or table, not furniture
PROSE_MIN_WORDS = 10  # a line ending like a sentence with this many words is a paragraph of prose
NAV_MAX_WORDS = (
    3  # unterminated lines this short above the headline are navigation or section labels
)
HEADLINE_MIN_WORDS = (
    4  # ... when a longer unterminated line follows them before the first paragraph
)
CREDIT_MAX_WORDS = 12  # a photo credit standing alone is at most this long
SUMMARY_MIN_LINES = (
    3  # a block of this many short lines under the headline, before the paragraphs, is a summary
)
SUMMARY_MAX_WORDS = 30  # ... when each has at most this many words
CUT_MIN_WORDS = 6  # a last line stopping mid-sentence with this many words is a cut-off paragraph
SPACED_SHARE = (
    0.75  # paragraphs are blank-line separated when this share of them is followed by a blank
)
APPEAL_MAX_WORDS = 30  # a last line promoting something is an appeal when at most this long
CAPTION_MAX_WORDS = 60  # a line above a photo credit is its caption when at most this long
BIO_MAX_WORDS = 30  # a note on the author near the top or the end is at most this long
LINK_MIN_WORDS = 5  # a related-story link reads like a headline of at least this many words
PROMPT_MAX_WORDS = 3  # a line ending in "!" or "?" this short, not a quote, is a prompt or label
LABEL_MAX_WORDS = 5  # a line ending in a colon this short that introduces no quote is a label
TEASER_MAX_WORDS = 6  # a line trailing off ("You might also like …") this short is a teaser
META_SEARCH_LINES = (
    14  # a byline or dateline among this many first non-blank lines opens the article
)
LIVE_MIN_STAMPS = 3  # this many bylines or times between paragraphs make a live blog
META_MAX_ABOVE = 2  # ... when at most this many sentences lie above it
META_MIN_BELOW = 3  # ... and at least this many paragraphs of prose below it
AUTHOR_BIO_MAX_WORDS = (
    60  # an author's biography line (opening with the manifest's author) is at most this long
)

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
# A browser title: the headline, then " | Site" (at most four words of site name).
_SITE_SUFFIX = re.compile(r"^(?P<title>.{12,300}?)\s+[|–—]\s+(?P<site>[^|–—\s][^|–—]{0,40})$")
_KEY_POINTS = re.compile(
    r"^(?:[\w&.-]+['’]s\s+)?(?:key points|key takeaways|in short|at a glance|the big picture|summary|"
    r"highlights|what we know|what we're covering|what's next\?)\s*:?$",
    re.IGNORECASE,
)
# "US" in capitals is the country, not the reader.
_READER = re.compile(r"\b(?:you|your|we|we've|we're|our|(?-i:us|Us))\b", re.IGNORECASE)
_PROMOTION = re.compile(
    r"\b(?:listen|sign up|subscribe|register|download|follow|watch|podcasts?|newsletters?)\b",
    re.IGNORECASE,
)
_BIO_VERB = re.compile(
    r"^\s*(?:is|was|covers|writes|reports|joined|has|leads|edits)\b", re.IGNORECASE
)
_QUOTE_MARKS = '"“”‘’«»'
# A writer's note on themself: "I have written ...", "I cover ...", "I'm a ...".
_FIRST_PERSON_NOTE = re.compile(
    r"^I(?:\s+(?:have|am|was|cover|write|report|am|joined|lead|edit|spent)\b|['’](?:m|ve)\b)"
)
FIRST_PERSON_NOTE_MAX_WORDS = 60  # a writer's note on themself is at most this long
# A lead-in to a quote: "Floods Minister Emma Hardy said:", "He told the BBC:".
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|explained|wrote|writes|stated|states|warned|"
    r"continued|asked|replied|announced|according to|statement|posted|tweeted)\b",
    re.IGNORECASE,
)
#: Reasons of the structural furniture rules that count, like a furniture.csv pattern, as page
#: furniture found around the article (:func:`_pattern_furniture`).
_PROMPT_REASONS = (
    "a very short line ending in",
    "a short line ending in a colon",
    "a short line trailing off",
    'an "About ..." label',
    "one of the short lines glued under the section label",
    'under the "About ..." label',
    "promotes something",
)
_BY_PREFIX = re.compile(r"^(?:by|words by|story by|written by)[:\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    role: str
    reason: str
    scope: str
    outlet: str
    pattern: re.Pattern
    source: str


#: Lines whose answers to the pure line tests below (:func:`clean_line`, :func:`is_terminated`,
#: :func:`_is_prose`, :func:`_quoted`, :func:`_norm`) are kept: the rules of an article ask
#: them again and again of the same lines (on the BBC corpus about nine times a line). Each is a
#: function of its text alone, so a kept answer is the answer.
LINE_MEMO = 1 << 14


@lru_cache(maxsize=LINE_MEMO)
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
    """Split decoded text into ``(line, end_of_line)`` pairs. CRLF, LF and lone CR end a line,
    and so do Unicode's other mandatory breaks (vertical tab, form feed, NEL, U+2028 and
    U+2029: :data:`analysis.story.loading.LINE_BREAK`); the last line's end is ``""`` when the file
    has no final newline. Joining the pairs gives back ``text`` exactly."""
    if not text:
        return []
    out = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        out.append((text[pos : m.start()], m.group()))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


@lru_cache(maxsize=32)
def _read_rules(path: str, mtime: float, user: bool = False) -> tuple[Rule, ...]:
    frame = datafiles.read_csv(path, ("role", "reason", "pattern"))
    rules = []
    for i, row in frame.iterrows():
        role = row["role"].strip()
        if role not in ROLES:
            raise ValueError(f"{path} line {i + 2}: role {role!r} is not one of {', '.join(ROLES)}")
        scope = (row.get("scope", "") or "line").strip()
        if scope not in ("line", "footer"):
            raise ValueError(f"{path} line {i + 2}: scope {scope!r} must be 'line' or 'footer'")
        source = f"{Path(path).name}:{i + 2}"
        try:
            if user:  # a story's own pattern: run with a time limit
                pattern = UserPattern(row["pattern"], re.IGNORECASE, source)
            else:
                pattern = re.compile(row["pattern"], re.IGNORECASE)  # type: ignore[assignment]
        except re.error as err:
            raise ValueError(
                f"{path} line {i + 2}: bad pattern {row['pattern']!r}: {err}"
            ) from None
        rules.append(
            Rule(role, row["reason"].strip(), scope, row.get("outlet", "").strip(), pattern, source)  # type: ignore[arg-type]
        )
    return tuple(rules)


def load_rules(story_folder: str | Path | None = None) -> tuple[Rule, ...]:
    """The furniture rules: the project's ``furniture.csv``, then the story folder's own
    ``furniture.csv`` if it has one (its rules are tried first)."""
    rules: tuple[Rule, ...] = ()
    if story_folder is not None:
        extra = Path(story_folder) / "furniture.csv"
        if extra.is_file():
            rules = _read_rules(str(extra), extra.stat().st_mtime, True)
    return rules + _read_rules(str(FURNITURE_FILE), FURNITURE_FILE.stat().st_mtime)


def _words(text: str) -> int:
    return len(text.split())


_SIGN_OFF = re.compile(
    r"(?:(?<=[a-z\d]{2}[.!?])|(?<=[.!?][”\"’]))\s+(?:[A-Z]{1,4}|■|□|®|◆|♦|●|▪|#{3}|-30-|ENDS)$"
)


@lru_cache(maxsize=LINE_MEMO)
def is_terminated(text: str) -> bool:
    """True when a line ends like a sentence (``. ! ? … : ;``), after closing quote marks and
    brackets are set aside, and after a sign-off some papers put after the last sentence (``...
    she said. DM``, ``■``, ``®``, ``###``)."""
    if _TERMINAL.search(text.rstrip(_CLOSERS)):
        return True
    return bool(_SIGN_OFF.search(text)) and bool(
        _TERMINAL.search(_SIGN_OFF.sub("", text).rstrip(_CLOSERS))
    )


def is_all_caps(text: str) -> bool:
    """True for a line written in capitals (at least :data:`CAPS_MIN_LETTERS` letters, at most
    one lower-case letter in ten). On the fast path (:mod:`analysis.fast`) an ASCII line is
    counted with ``str.isupper`` and ``str.islower`` mapped over it (an ASCII character is a
    cased letter exactly when one of them holds), another line the same way over its letters
    (``str.isalpha``; no character is both upper and lower case): the same two counts."""
    if fast.enabled():
        letters = text if text.isascii() else "".join(filter(str.isalpha, text))
        lower = sum(map(str.islower, letters))
        cased = lower + sum(map(str.isupper, letters))
        return cased >= CAPS_MIN_LETTERS and lower <= cased * 0.1
    cased = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]  # type: ignore[assignment]
    if len(cased) < CAPS_MIN_LETTERS:  # type: ignore[arg-type]
        return False
    lower = sum(1 for c in cased if c.islower())  # type: ignore[attr-defined, misc]
    return lower <= len(cased) * 0.1  # type: ignore[arg-type]


_BIO_VERB = re.compile(
    r"\s*(?:is|was|covers|writes|reports|has (?:been|covered|written|reported)|"
    r"edits|presents)\b"
)


def is_author_bio(text: str, author: str) -> bool:
    """True for a line that opens with one of the manifest's authors (``author``: names
    separated by commas, ``;``, ``&`` or "and") followed by what they are or do ("is a reporter
    ...", "covers education for ..."): the author's biography under or above an article."""
    lower = text.lower()
    for name in re.split(r"\s*(?:[,;&]|\band\b)\s*", author.lower()):
        if len(name.split()) >= 2 and lower.startswith(name) and _BIO_VERB.match(lower, len(name)):
            return True
    return False


def is_title_case(text: str) -> bool:
    """True when most words of four or more letters start with a capital (a headline style)."""
    words = [w.strip("\"'“”‘’()[]") for w in text.split()]
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if len(long) < 3:
        return False
    return sum(1 for w in long if w[0].isupper()) / len(long) >= TITLE_CASE_SHARE


def _match(rules, text: str, outlet: str, scope: str | None = None) -> Rule | None:
    ascii_text = text.isascii()
    if (
        isinstance(rules, tuple)
        and "\n" not in text
        and (ascii_text or prefilter.CASE_SPECIALS.isdisjoint(text))
        and fast.enabled()
    ):
        # The fast path: a line skips the rules whose screen shows they cannot match it (their
        # literal starts or pieces, or their length, are not the line's): the same rule.
        low = text.lower()
        n = len(text)
        for rule, search, screen, only in prefilter.plan(rules, scope, low[:1], not ascii_text):
            if only and only != outlet:
                continue
            if screen is not None and not screen(low, n):
                continue
            if search(text):
                return rule
        return None
    for rule in rules:
        if scope is not None and rule.scope != scope:
            continue
        if rule.outlet and rule.outlet != outlet:
            continue
        if rule.pattern.search(text):
            return rule
    return None


def classify_article(
    clean: list[str],
    outlet: str = "",
    rules=None,
    author: str = "",
    model=None,
    headline: str = "",
    story: StoryWords | None = None,
) -> list[tuple[str, str]]:
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
    model : sequence of float, optional
        The line model's weights (:mod:`analysis.story.line_model`); by default those of
        ``analysis/data/line_model.csv``; ``()`` turns the model off (the rules alone).
    headline : str
        The manifest's headline, when given: the line that matches it (:func:`same_headline`)
        is the headline, when the layout rules gave that role to another line or to none, and
        the short unterminated lines above it are page furniture.
    story : StoryWords, optional
        What the story's other articles hold (:func:`analysis.story.loading.story_vocabulary`):
        a paragraph sharing none of its words with them is page furniture
        (:func:`_off_other_outlets`). None (a single article, a corpus) leaves that rule out.
    """
    rules = load_rules() if rules is None else rules
    anchor = _headline_line(clean, headline)
    wrapped = _wrapped_headline_line(clean, headline) if anchor is None else None
    anchor = wrapped if wrapped is not None else anchor
    out = _classify(clean, outlet, rules, author, model, None, headline, story)
    if anchor is not None and out[anchor][0] != "headline":
        out = _classify(clean, outlet, rules, author, model, anchor, headline, story)
    if wrapped is not None:
        out[wrapped + 1] = (
            "headline",
            f"the end of the manifest's headline, wrapped from line {wrapped + 1}",
        )
    if anchor is not None:
        for i in range(anchor):
            if (
                clean[i]
                and out[i][0] in ("subhead", "standfirst", "body", "caption", "headline")
                and not is_terminated(clean[i])
                and _words(clean[i]) <= NAV_MAX_WORDS + 5
            ):
                out[i] = (
                    "boilerplate",
                    f"a short line with no final stop above the manifest's headline on line "
                    f"{anchor + 1} (navigation, a section label or the masthead)",
                )
    return out


def _classify(
    clean: list[str],
    outlet: str,
    rules,
    author: str,
    model,
    anchor: int | None,
    manifest_headline: str,
    story: StoryWords | None = None,
) -> list[tuple[str, str]]:
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

    # 1b. The outlet's name standing alone (a masthead or logo); the manifest's headline.
    name = _norm(_BRACKETED.sub(" ", outlet))
    for i in nonblank:
        if roles[i] is None and len(name) >= 3 and _norm(clean[i]) in (name, "the " + name):
            roles[i] = ("boilerplate", "the outlet's name standing alone (a masthead or logo)")
    if anchor is not None:
        roles[anchor] = ("headline", "the manifest's headline")

    # 1c. A navigation bar: three or more short items separated by "|" or "·".
    for i in nonblank:
        items = _NAV_SEPARATOR.split(clean[i])
        if (
            roles[i] is None
            and len(items) >= NAV_BAR_MIN_ITEMS
            and all(0 < _words(x) <= NAV_MAX_WORDS for x in items)
        ):
            roles[i] = (
                "boilerplate",
                f"{len(items)} short items separated by a bar or dot (a navigation bar)",
            )

    # 1d. Notes only page furniture words that way (a link to the writer's other articles, a
    # comment count, a paywall's count and price, a translation note); a bare figure is no date.
    _notes_around_text(clean, nonblank, roles)
    _figures_and_writers(clean, nonblank, roles)

    # 2. Byline naming the manifest's author; a line introducing the author (their biography).
    if author:
        for i in nonblank:
            if (
                roles[i] is None
                and _words(clean[i]) <= 12
                and author.lower() in clean[i].lower()
                and not is_terminated(clean[i])
            ):
                roles[i] = ("byline", "short line naming the manifest's author")
            elif (
                roles[i] is None
                and _words(clean[i]) <= AUTHOR_BIO_MAX_WORDS
                and is_author_bio(clean[i], author)
            ):
                roles[i] = (
                    "byline",
                    "the author's biography: a line that opens with the manifest's "
                    "author and what they are or do",
                )

    # 3. Footer: a footer marker near the end, followed only by a few short lines.
    for k, i in enumerate(nonblank):
        if k < len(nonblank) * FOOTER_START_SHARE:
            continue
        rule = _match(rules, clean[i], outlet, scope="footer")
        if rule is None:
            continue
        after = nonblank[k + 1 :]
        if any(roles[j] is None and _is_prose(clean[j]) for j in after):
            continue  # a paragraph follows: the marker is a box inside the article, not its footer
        if len(after) <= FOOTER_MAX_LINES and all(
            _words(clean[j]) <= FOOTER_MAX_WORDS for j in after
        ):
            for j in after:
                if roles[j] is None:
                    roles[j] = (
                        "boilerplate",
                        f"footer block after a {rule.reason} line ({rule.source})",
                    )
            break

    # 4. A caption pasted twice: a line whose next non-blank line repeats it and adds a credit.
    for k, i in enumerate(nonblank[:-1]):
        j = nonblank[k + 1]
        a, b = clean[i], clean[j]
        if len(a) >= 12 and b.startswith(a) and len(b) > len(a) and _CREDIT_TAIL.match(b[len(a) :]):
            if roles[i] is None or roles[i][0] == "body":  # type: ignore[index]
                roles[i] = ("caption", f"caption repeated with a photo credit on line {j + 1}")
            if roles[j] is None:
                roles[j] = ("caption", f"repeats the caption on line {i + 1} with a photo credit")
        elif a == b and len(a) >= 12 and roles[j] is None and not is_terminated(a):
            roles[j] = ("caption", f"repeats line {i + 1} (a caption or link pasted twice)")

    # 4b. Photo credits standing alone make the line above them a caption; player controls make
    # the unterminated line beside them a video title.
    _captions_from_neighbours(clean, nonblank, roles)

    # 4c. Prompts and labels: a very short line ending in "!" or "?" ("Keep going!"), a short
    # line ending in a colon that introduces no quote ("Kindly share this story:"), a line trailing
    # off ("You Might Also Like …"), a note standing alone in brackets.
    _prompts_and_labels(clean, nonblank, roles)
    _bracketed_notes(clean, nonblank, roles)
    _links_under_label(clean, nonblank, roles)

    # 4c'. A pull quote: a line whose words are repeated inside a longer line of the article.
    _pull_quotes(clean, nonblank, roles)

    # 4d. Sentences above the byline or dateline that opens the article: a standfirst, or a notice.
    _above_the_byline(clean, nonblank, roles)

    # 5. Headline: a browser title with a site suffix, else the first text line with no final
    # stop (short navigation labels above a longer such line are not it).
    headline = anchor if anchor is not None else _site_title(clean, nonblank, roles)
    open_lines = [i for i in nonblank if roles[i] is None]
    if headline is None:
        first_prose = next((i for i in open_lines if _is_prose(clean[i])), None)
        top = [
            i
            for i in open_lines[: HEADLINE_SEARCH_LINES + 3]
            if first_prose is None or i < first_prose
        ]
        long_top = [
            i
            for i in top
            if not is_terminated(clean[i])
            and _words(clean[i]) >= HEADLINE_MIN_WORDS
            and (clean[i][:1].isupper() or clean[i][:1].isdigit())
        ]
        meta_before = long_top and any(
            roles[j] is not None and roles[j][0] in ("byline", "dateline")  # type: ignore[index]
            for j in nonblank
            if j < long_top[0]
        )
        if long_top and not meta_before:
            nav = [
                i
                for i in top
                if i < long_top[0]
                and not is_terminated(clean[i])
                and _words(clean[i]) <= NAV_MAX_WORDS
            ]
            if len(nav) == len([i for i in top if i < long_top[0]]):
                for i in nav:
                    roles[i] = (
                        "boilerplate",
                        "short line above the headline (navigation or a section label)",
                    )
                open_lines = [i for i in nonblank if roles[i] is None]
    for i in open_lines[:1] if headline is None else []:
        furniture_before = sum(1 for j in nonblank if j < i)
        if (
            furniture_before < HEADLINE_SEARCH_LINES + 3
            and not is_terminated(clean[i])
            and _words(clean[i]) <= HEADLINE_MAX_WORDS
            and i != open_lines[-1]
        ):
            roles[i] = ("headline", "first text line, with no final stop")
            headline = i
        elif (
            furniture_before < HEADLINE_SEARCH_LINES + 3
            and is_title_case(clean[i])
            and _words(clean[i]) <= HEADLINE_MAX_WORDS
            and _byline_soon(i, nonblank, roles)
        ):
            roles[i] = (
                "headline",
                "first text line, in title case, with a byline or date just below it",
            )
            headline = i

    # 6. Lines in capitals: related-story links and promotions.
    for i in nonblank:
        if roles[i] is None and is_all_caps(clean[i]) and not is_terminated(clean[i].rstrip("!")):
            roles[i] = ("boilerplate", "line in capitals (a related-story link or promotion)")

    # 6b. A job title under a byline ("Security correspondent").
    for k, i in enumerate(nonblank[:-1]):
        j = nonblank[k + 1]
        if (
            roles[i] is not None
            and roles[i][0] == "byline"  # type: ignore[index]
            and roles[j] is None
            and _words(clean[j]) <= SUBHEAD_MAX_WORDS
            and not is_terminated(clean[j])
            and not _READER.search(clean[j])  # "Why We Wrote This" is a box's label
        ):
            roles[j] = ("byline", f"short line under the byline on line {i + 1} (a job title)")

    # 7. Standfirst: text between the headline and a byline or dateline near the top.
    if headline is not None:
        top, n_open = [], 0
        for i in (j for j in nonblank if j > headline):
            n_open += roles[i] is None
            if n_open > STANDFIRST_SEARCH_LINES - 2 or len(top) >= STANDFIRST_SEARCH_LINES + 7:
                break
            top.append(i)
        closers = [i for i in top if roles[i] is not None and roles[i][0] in ("byline", "dateline")]  # type: ignore[index]
        if closers:
            for i in top:
                if i >= closers[0]:
                    break
                what = roles[closers[0]][0]  # type: ignore[index]
                if roles[i] is None and is_bare_name(clean[i]):
                    roles[i] = (
                        "byline",
                        f"a name standing alone between the headline and the {what} (the author)",
                    )
                elif (
                    roles[i] is None
                    and not is_terminated(clean[i])
                    and _words(clean[i]) <= LABEL_UNDER_HEADLINE_WORDS
                ):
                    roles[i] = (
                        "boilerplate",
                        f"a short label between the headline and the {what} (a section or "
                        "story-type label)",
                    )
                elif roles[i] is None:
                    roles[i] = ("standfirst", f"between the headline and the {what}")

    # 7a. Key points: the lines right under a "Key points" label, and a block of short lines
    # with no blank line between them under the headline, in a paste whose paragraphs are
    # separated by blank lines.
    _summaries(clean, nonblank, roles, headline)

    # 7b. A sentence with a short unterminated line right under it (no blank line between) in a
    # paste whose paragraphs are separated by blank lines: a caption and its photo credit.
    _captions_over_credits(clean, nonblank, roles)

    # 7c. Lines after the article that speak to the reader ("you", "we", "our") outside quotation
    # marks, with page furniture after them: membership and comment appeals.
    _reader_appeals(clean, nonblank, roles)

    # 7d. A short note on the author near the end ("Name covers transport for ...").
    _author_notes(clean, nonblank, roles, author)
    _author_emails(clean, nonblank, roles, author)

    # 7e. On a paste with page furniture: a note on any writer near the top or the end ("Name
    # joined the Post in 2017 and covers ..."), and the paragraphs under an "About ..." label
    # after the article (a press release's note on the company, a note on the publication).
    _writer_notes_and_about_boxes(clean, nonblank, roles)

    # 8. Short lines with no final stop between paragraphs; outside the paragraphs (above the
    # first, below the last) they are page furniture.
    open_lines = [i for i in nonblank if roles[i] is None]
    last_text = open_lines[-1] if open_lines else None
    prose = [i for i in open_lines if _is_prose(clean[i])]
    first_para, last_para = (prose[0], prose[-1]) if prose else (None, None)
    # Page furniture found by a pattern above the first paragraph or below the last one: then
    # the other short unterminated lines there are furniture too (without it, they may be a
    # team sheet or a list of winners closing the article).
    top_furniture = next(
        (
            j
            for j in nonblank
            if first_para is not None and j < first_para and _pattern_furniture(roles[j])
        ),
        None,
    )
    tail_furniture = next(
        (
            j
            for j in nonblank
            if last_para is not None and j > last_para and _pattern_furniture(roles[j])
        ),
        None,
    )
    position = {i: k for k, i in enumerate(nonblank)}
    candidates = [
        i
        for i in open_lines
        if not is_terminated(clean[i]) and _words(clean[i]) <= UNTERMINATED_MAX_WORDS
    ]
    candidate_set = set(candidates)  # a cut-off last line does not follow one of them
    in_run: set[int] = set()
    link_runs: set[int] = set()
    promo_runs: dict[int, int] = {}  # line -> its label, one speaking to the reader ("Don't miss")
    web_page = has_page_furniture(roles)  # on clean text, a run after the article is a list
    run: list[int] = []
    for i in candidates + [None]:  # type: ignore[assignment]
        if (
            i is not None
            and first_para is not None
            and not first_para < i < last_para  # type: ignore[operator]
            and (
                (i < first_para and top_furniture is not None)
                or (i > last_para and tail_furniture is not None)  # type: ignore[operator]
            )
        ):
            continue  # among page furniture: a list of links, not a table
        if run and (i is None or position[i] != position[run[-1]] + 1):
            if len(run) >= LIST_MIN_LINES:
                if first_para is not None and run[-1] < first_para:
                    pass  # above the first paragraph: navigation, headline and labels, not a table
                elif (
                    last_para is not None
                    and run[0] > last_para
                    and web_page
                    and not clean[nonblank[position[run[0]] - 1]].endswith(":")
                    and any(_headline_like(clean[j]) for j in run)
                ):
                    link_runs.update(run)
                elif (
                    web_page
                    and _words(clean[run[0]]) <= NAV_MAX_WORDS
                    and all(_headline_like(clean[j]) for j in run[1:])
                ):
                    link_runs.update(run)
                elif (
                    web_page
                    and not _quoted(clean[run[0]])
                    and line_model.about_site_or_outlet(clean[run[0]], outlet)
                    and all(_headline_like(clean[j]) for j in run[1:])
                ):
                    promo_runs.update(dict.fromkeys(run, run[0]))
                else:
                    in_run.update(run)
            run = []
        if i is not None:
            run.append(i)
    for i in candidates:
        t = clean[i]
        k = position[i]
        following = clean[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        outside = first_para is not None and (i < first_para or i > last_para)  # type: ignore[operator]
        if i in link_runs:
            roles[i] = (
                "boilerplate",
                f"one of {LIST_MIN_LINES} or more lines with no final stop in a row on a web "
                "page, after the article's last paragraph (not introduced by a colon) or a short "
                "label over headline-like lines (related-story links)",
            )
        elif i in promo_runs:
            roles[i] = (
                "boilerplate",
                f"one of {LIST_MIN_LINES} or more lines with no final stop in a row on a web "
                f"page, under a label that speaks to the reader or about the site (line "
                f"{promo_runs[i] + 1}) with headline-like lines below it "
                "(related-story links)",
            )
        elif (
            i == last_text == nonblank[-1]
            and _cut_off(t)
            and not (k > 0 and nonblank[k - 1] in candidate_set)
            and not _about_site(t)
        ):
            roles[i] = ("body", "last text line, stopping mid-sentence (the paste is cut off)")
        elif _cut_at_paywall(i, k, clean, nonblank, roles):
            roles[i] = (
                "body",
                "a long line right under a paragraph, stopping mid-sentence after a sentence of "
                "its own or on a word no sentence ends on " + PAYWALL_REASON,
            )
        elif outside and i > last_para and tail_furniture is not None:  # type: ignore[operator]
            roles[i] = (
                "boilerplate",
                "line with no final stop after the article's last paragraph, among "
                f"page furniture (line {tail_furniture + 1})",
            )
        elif i == last_text == nonblank[-1] and not _about_site(t):
            roles[i] = ("body", "last text line, with no final stop (the paste may be cut off)")
        elif (
            outside
            and headline is not None
            and i > headline
            and _words(t) <= SUBHEAD_MAX_WORDS
            and top_furniture is not None
        ):
            roles[i] = (
                "boilerplate",
                "short line with no final stop above the article's first paragraph, "
                f"among page furniture (line {top_furniture + 1})",
            )
        elif _LIST_ITEM.match(t):
            roles[i] = ("body", "list item")
        elif (intro := _list_intro(i, clean, candidate_set, outlet)) is not None:
            roles[i] = (
                "body",
                f"right under the sentence on line {intro + 1}, which ends in a colon, with no "
                "blank line between (an item of the list it introduces)",
            )
        elif i in in_run:
            roles[i] = (
                "body",
                f"one of {LIST_MIN_LINES} or more lines in a row with no final stop (a list or table)",
            )
        elif (
            t[:1].islower()
            or t[:1].isdigit()
            or (following[:1].islower() and not _BY_PREFIX.match(following))  # "by Name"
        ):
            roles[i] = ("body", BROKEN_SENTENCE)
        elif _words(t) <= SUBHEAD_MAX_WORDS:
            roles[i] = ("subhead", "short line with no final stop between paragraphs (crosshead)")
        elif web_page and _BRACKETED_NAME_END.search(t):
            roles[i] = (
                "caption",
                "line with no final stop ending in a name in brackets (a photo caption and its "
                "credit)",
            )
        elif is_title_case(t):
            roles[i] = ("boilerplate", "title-case line with no final stop (a related-story link)")
        else:
            roles[i] = (
                "caption",
                "line with no final stop between paragraphs (a photo or video caption)",
            )

    # 8a'. Under a paragraph cut off by a paywall and a short label: the paywall's box.
    _paywall_box(clean, nonblank, roles)

    # 8b. On a web paste: a paragraph that speaks to the reader or about the site and shares
    # almost none of its words with the headline or the story's other paragraphs.
    _off_story(clean, nonblank, roles, outlet, manifest_headline)
    _outlet_appeals(clean, nonblank, roles, outlet, manifest_headline)
    _inside_furniture_boxes(clean, nonblank, roles, outlet, manifest_headline)

    # 8c. A sentence right under the byline or dateline, glued to it and to what follows it,
    # above the first paragraph of a paste whose paragraphs are separated by blank lines.
    _standfirst_under_dateline(clean, nonblank, roles)

    # 8d. A sentence that reads like a caption with no credit, glued to furniture or between
    # two lines of furniture, on a paste whose paragraphs are separated by blank lines.
    _uncredited_captions(clean, nonblank, roles)

    # 8d'. On a web paste, a short sentence that reads like a caption with no credit, among the
    # paragraphs (a paragraph of prose above and below it), never the first paragraph.
    _captions_among_paragraphs(clean, nonblank, roles)

    # 8e. A paragraph that promotes something (a podcast, an event, a donation, republishing)
    # and tells the reader what to do, or, on a web paste, speaks to the reader about it.
    _promotions(clean, nonblank, roles)
    _advert_blocks(clean, nonblank, roles)

    # 8f. Layouts of newer pages: a dek between the byline (or reading time) and the lead photo,
    # a video's description under its duration, a question as a crosshead, an image count.
    _box_above_article(clean, nonblank, roles)
    _site_boxes(clean, nonblank, roles, outlet)
    _dek_under_meta(clean, nonblank, roles, headline)
    _video_descriptions(clean, nonblank, roles, headline)
    _question_crossheads(clean, nonblank, roles)
    _bare_numbers(clean, nonblank, roles)
    _live_blog_openers(clean, nonblank, roles)
    _staff_bylines(clean, nonblank, roles)
    _live_post_times(clean, nonblank, roles)
    _live_blog_intro(clean, nonblank, roles)
    _live_post_authors(clean, nonblank, roles)
    _dash_signatures(clean, nonblank, roles)
    _comment_sections(clean, nonblank, roles)

    # 9. Everything else is a paragraph of the body, unless the line model (on a paste with page
    # furniture and blank lines between paragraphs) gives it little chance of being article text.
    out = [r if r is not None else ("body", "paragraph") for r in roles]
    w = line_model.weights() if model is None else (tuple(model) or None)
    if w is not None and has_page_furniture(roles):
        x = line_model.features(clean, **model_context(clean, out, outlet, manifest_headline))
        for i in nonblank:
            if model_judges(out[i]):
                p = line_model.chance_of_text(x[i], w)
                if p < line_model.FURNITURE_BELOW:
                    out[i] = (
                        "boilerplate",
                        f"the line model gives it a {p:.2f} chance of being article text "
                        f"(the rules said: {out[i][1]}); against it: {line_model.signs(x[i], w)}",
                    )

    # 9b. On a web paste, after the line model: last paragraphs that speak to the reader, with
    # nothing but page furniture after them (an appeal over boxes the model found). With the
    # model off (the rules alone, as the model is fitted) it does not run.
    if w is not None and has_page_furniture(roles):
        _appeals_over_furniture(clean, nonblank, out)
        _glued_tail(clean, nonblank, out, outlet, manifest_headline)
        _comment_rules(clean, nonblank, out)

    # 10. In a story folder: a paragraph that shares no words with the other outlets' articles.
    if story is not None and has_page_furniture(roles):
        _off_other_outlets(clean, nonblank, roles, out, outlet, manifest_headline, story)

    # 11. An interview written as "Q: ..." and "A: ...": its questions and answers are text.
    _interview_lines(clean, nonblank, out)
    return out


# Layouts fresh batch 17 showed: notes after the text, links in brackets, a comment count, a
# caption whose photo credit stands in brackets under it, bare market figures, a live blog's
# promise to keep the reader posted.

#: A link to the writer's other articles ("Find more articles by Name.", "See all stories by
#: Name").
_MORE_BY = re.compile(
    r"^(?:find|see|read|view|browse|explore|discover)\s+(?:more|all|other)\s+(?:of\s+)?"
    r"(?:the\s+)?(?:articles|stories|posts|reporting|coverage|work|columns|pieces)\s+"
    r"(?:by|from)\s+\S",
    re.IGNORECASE,
)
MORE_BY_MAX_WORDS = 12
#: A comment count with its button ("0 Comments · Make a comment"), or the button alone.
_COMMENT_COUNT = re.compile(
    r"^(?:(?:\d+|no)\s+comments?(?:\s*[·|•:-]\s*(?:make|leave|post|add|write|join|view|read)"
    r"\b[\w ]{0,30})?|(?:make|leave|post|add|write) a comment)$",
    re.IGNORECASE,
)
#: A paywall's count of the text left to read ("68% of this article remains.").
_ARTICLE_LEFT = re.compile(
    r"^\d{1,3}\s?% of (?:this|the) (?:article|story|piece|text) (?:remains|is left|left)\b",
    re.IGNORECASE,
)
#: A subscription offer with its price ("Subscribe to X: €7.99 per month, cancel anytime").
_SUBSCRIPTION_OFFER = re.compile(
    r"^(?=.*(?:[$€£¥₹]\s?\d|\d\s?(?:[$€£]|euros?\b)))(?=.*\b(?:per|a|/)\s?(?:month|year|week)\b)"
    r"(?:subscribe\b|.*\bcancel (?:any ?time|at any time)\b)",
    re.IGNORECASE,
)
OFFER_MAX_WORDS = 25
#: A note that the article is a translation ("This is a translation of an article first
#: published in French ...", "Translated from the Spanish by ...").
_TRANSLATION_NOTE = re.compile(
    r"^(?:this (?:is an? (?:english |automated |machine )?translation\b|(?:article|story|piece|"
    r"text) (?:is an? (?:english )?translation|was translated|has been translated)\b)|"
    r"translated (?:from|by)\s)",
    re.IGNORECASE,
)
TRANSLATION_NOTE_MAX_WORDS = 45


#: A photo credit with its label ("Main image credit: Name/Agency").
_IMAGE_CREDIT = re.compile(
    r"^(?:main |top |lead |header |cover |featured )?(?:image|photo|picture|photograph)s?\s+"
    r"credits?\s*:\s*\S",
    re.IGNORECASE,
)
#: The reasons :func:`_notes_around_text` gives: page furniture known by its wording, as a
#: ``furniture.csv`` pattern knows it (:func:`_pattern_furniture`).
_WORDING_REASONS = (
    "a link to the writer's other articles",
    "a comment count or the button to comment",
    "a paywall's count of the article left to read",
    "a subscription offer with its price",
    "a note that the article is a translation",
    "a photo credit with its label",
)


def _notes_around_text(clean, nonblank, roles) -> None:
    """Lines no pattern knows that only page furniture words that way (each a whole line,
    outside quotation marks): a link to the writer's other articles (:data:`_MORE_BY`), a
    comment count and its button (:data:`_COMMENT_COUNT`), a paywall's count of the text left
    (:data:`_ARTICLE_LEFT`) and a subscription offer with its price
    (:data:`_SUBSCRIPTION_OFFER`) are boilerplate; a note that the article is a translation
    (:data:`_TRANSLATION_NOTE`) is a credit; a photo credit with its label
    (:data:`_IMAGE_CREDIT`) is a caption; "Added" with the date the story went up
    (:data:`_ADDED_ON`) is a dateline."""
    for i in nonblank:
        t = clean[i]
        if roles[i] is not None or _quoted(t):
            continue
        w = _words(t)
        if _MORE_BY.match(t) and w <= MORE_BY_MAX_WORDS:
            roles[i] = ("boilerplate", "a link to the writer's other articles")
        elif _COMMENT_COUNT.match(t):
            roles[i] = ("boilerplate", "a comment count or the button to comment")
        elif _ARTICLE_LEFT.match(t) and w <= OFFER_MAX_WORDS:
            roles[i] = ("boilerplate", "a paywall's count of the article left to read")
        elif _SUBSCRIPTION_OFFER.match(t) and w <= OFFER_MAX_WORDS:
            roles[i] = ("boilerplate", "a subscription offer with its price")
        elif _TRANSLATION_NOTE.match(t) and w <= TRANSLATION_NOTE_MAX_WORDS:
            roles[i] = ("credit", "a note that the article is a translation")
        elif _IMAGE_CREDIT.match(t) and w <= CREDIT_MAX_WORDS:
            roles[i] = ("caption", 'a photo credit with its label ("Image credit: ...")')
        elif _ADDED_ON.match(t):
            roles[i] = ("dateline", '"Added" and the date the story went up')


#: A label over a list of links to other stories ("Related articles:", "More stories",
#: "You may also like").
_LINKS_LABEL = re.compile(
    r"^(?:related(?: (?:articles|stories|content|news|coverage|reading|links|posts))?|"
    r"more (?:stories|news|articles|headlines|reading|from [\w .'’-]{2,30})|"
    r"recommended(?: (?:for you|stories|articles|reading))?|read next|further reading|"
    r"you (?:may|might) also (?:like|enjoy|be interested in)|most (?:read|popular)|"
    r"popular (?:now|stories|articles)|trending(?: now| stories)?|latest (?:news|stories|articles))"
    r"\s*:?$",
    re.IGNORECASE,
)
LINK_MAX_WORDS = 20  # a linked headline under a links label is at most this long


def _links_under_label(clean, nonblank, roles) -> None:
    """The lines right under a label over links to other stories (:data:`_LINKS_LABEL`), with
    no blank line between them, that read like headlines (a capital first, at most
    :data:`LINK_MAX_WORDS` words, no final full stop: a question mark or none) are boilerplate,
    the last one too (it is no paragraph cut off by the end of the paste). The list ends at the
    first line that is not such a headline."""
    for k, i in enumerate(nonblank):
        if not _LINKS_LABEL.match(clean[i]):
            continue
        prev = i
        for j in nonblank[k + 1 :]:
            t = clean[j]
            if (
                j != prev + 1
                or not t[:1].isupper()
                or _words(t) > LINK_MAX_WORDS
                or t.rstrip(_CLOSERS).endswith((".", "!", ":", ";"))
                or _quoted(t)
            ):
                break
            if roles[j] is None:
                roles[j] = (
                    "boilerplate",
                    f"a headline under the links label on line {i + 1} (a link to another story)",
                )
            prev = j
        if prev != i and roles[i] is None:
            roles[i] = ("boilerplate", "a label over links to other stories")


#: A note in brackets that opens with a link label ("[See also: <headline>]").
_BRACKETED_LINK = re.compile(
    r"^[\[(]\s*(?:see also|read more|read also|also read|related|more on this|must read|read)"
    r"\s*[:|»›>–-]\s*\S",
    re.IGNORECASE,
)
#: A note in brackets that credits a photo or describes a chart: "(Name, outlet file photo)",
#: "(Chart: ...)", "[Name/Agency]".
_BRACKETED_PHOTO_NOTE = re.compile(
    r"\b(?:photo|photograph|picture|image|illustration|chart|graphic|map)s?\b|"
    r"[A-Za-z.]/(?-i:[A-Z])",
    re.IGNORECASE,
)
_NOTE_IN_BRACKETS = "a note standing alone in brackets"


def _bracketed_notes(clean, nonblank, roles) -> None:
    """A note standing alone in brackets (read as an editor's note by
    :func:`_prompts_and_labels`) that opens with a link label ("[See also: ...]") is a link to
    another story: boilerplate. One that credits a photo or describes a chart
    (:data:`_BRACKETED_PHOTO_NOTE`) is a caption, and so is a sentence right above it (no blank
    line between, at most :data:`CAPTION_MAX_WORDS` words, no quotation marks): the photo's
    caption over its credit."""
    for i in nonblank:
        role = roles[i]
        if role is None or not role[1].startswith(_NOTE_IN_BRACKETS):
            continue
        t = clean[i]
        if _BRACKETED_LINK.match(t):
            roles[i] = ("boilerplate", "a link to another story, standing alone in brackets")
        elif _BRACKETED_PHOTO_NOTE.search(t):
            roles[i] = ("caption", "a photo credit or a chart's note standing alone in brackets")
            j = i - 1
            if (
                j >= 0
                and clean[j]
                and roles[j] is None
                and _words(clean[j]) <= CAPTION_MAX_WORDS
                and not _quoted(clean[j])
            ):
                roles[j] = (
                    "caption",
                    f"the caption right above the photo credit in brackets on line {i + 1}",
                )


#: "Added" and the date the story went up ("Added 23rd October 2026 02:15 PM").
_ADDED_ON = re.compile(
    r"^added\s*:?\s+(?:on\s+)?(?!.*[.!?]$)(?=.*\b(?:19|20)\d{2}\b)"
    r"(?=.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|.*\d{1,2}[/.-]\d{1,2}[/.-]\d)"
    r"[\w ,.:/|-]{6,60}$",
    re.IGNORECASE,
)


def _live_post_authors(clean, nonblank, roles) -> None:
    """On a live blog (at least :data:`LIVE_MIN_STAMPS` times of day standing alone as datelines), a
    person's name standing alone (:func:`is_bare_name`) right under a paragraph (no blank line
    between), read as a video's title beside a time stamp or not read at all, is the post's
    author: a byline."""
    stamps = [
        i
        for i in nonblank
        if roles[i] is not None and roles[i][0] == "dateline" and _TIME_ALONE.fullmatch(clean[i])
    ]
    if len(stamps) < LIVE_MIN_STAMPS:
        return
    for i in nonblank:
        role = roles[i]
        if (
            i > 0
            and clean[i - 1]
            and (roles[i - 1] is None or roles[i - 1][0] == "body")
            and _is_prose(clean[i - 1])
            and is_bare_name(clean[i])
            and (role is None or role[1].startswith("a video title beside"))
        ):
            roles[i] = ("byline", "a name standing alone under a post of a live blog (its author)")


#: A bare figure with a thousands separator and decimals ("19,482.16"): a market price or an
#: index level, not a date or a time.
_BARE_FIGURE = re.compile(r"^[+\-−]?[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$")
#: An audio or video player's time played and length ("0:00 / 3:52").
_PLAYER_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$")
#: "Written by" and the writers' names only: the byline.
_WRITTEN_BY = re.compile(r"^written by\s+(?P<names>\S.*)$", re.IGNORECASE)


def _figures_and_writers(clean, nonblank, roles) -> None:
    """Two readings the patterns get wrong: a bare figure (:data:`_BARE_FIGURE`) read as a
    date or time line is boilerplate (a market figure in a newsletter), and so is a player's
    time played and length (:data:`_PLAYER_TIME`); "Written by" with
    nothing after it but people's names (:func:`is_bare_name`, joined by commas or "and") read
    as an agency's credit is the byline."""
    for i in nonblank:
        role = roles[i]
        if role is None:
            continue
        t = clean[i]
        if role[0] == "dateline" and _BARE_FIGURE.match(t):
            roles[i] = (
                "boilerplate",
                "a bare figure (a market price or an index level), not a date",
            )
        elif role[0] == "dateline" and _PLAYER_TIME.match(t):
            roles[i] = (
                "boilerplate",
                "a player's time played and length (an audio or video player)",
            )
        elif role[0] == "credit" and (m := _WRITTEN_BY.match(t)) is not None:
            names = [n for n in re.split(r",\s*|\s+and\s+|\s*&\s*", m.group("names")) if n]
            if names and all(is_bare_name(n) for n in names):
                roles[i] = ("byline", '"Written by" and the writers\' names (the byline)')


#: A live blog's promise to keep the reader posted ("We will bring you the latest ...", "We'll
#: keep this page updated"): the blog's own text, though it speaks to the reader.
_KEEPS_POSTED = re.compile(
    r"\bwe(?:'ll|’ll| will| are going to| shall)\s+(?:continue to\s+|be\s+)?"
    r"(?:bring(?:ing)? you|keep(?:ing)? you|updat(?:e|ing) (?:this|the|you)|"
    r"keep(?:ing)? (?:this|the) (?:page|blog|story) updated)\b",
    re.IGNORECASE,
)
_NOT_POSTED = re.compile(
    r"\b(?:sign up|subscribe|subscription|newsletter|inbox|e-?mail|download|donat\w*|support "
    r"us|register|app)\b",
    re.IGNORECASE,
)


def _keeps_reader_posted(text: str) -> bool:
    """True for a live blog's promise to keep the reader posted on the story
    (:data:`_KEEPS_POSTED`), with no sign-up, subscription, donation or app in it: article
    text, no appeal."""
    return bool(_KEEPS_POSTED.search(text)) and not _NOT_POSTED.search(text)


#: Words of comment rules: the comments, and what the site does with them.
_COMMENTS = re.compile(r"\bcomment(?:s|ers?|ing)?\b", re.IGNORECASE)
_MODERATION = re.compile(
    r"\b(?:moderat\w*|publish\w*|post\w*|approv\w*|remov\w*|delet\w*|reprint\w*|check\w*|"
    r"review\w*)\b",
    re.IGNORECASE,
)
_SITE_VOICE = re.compile(r"\b(?:we|we're|we've|our|us)\b", re.IGNORECASE)


def _comment_rules(clean, nonblank, out) -> None:
    """A body line, outside quotation marks, that speaks of the comments ("All comments are
    checked by a moderator before they appear, and we cannot post every one ...") and of what
    the site does with them, in the site's own voice ("we", "our"), with page furniture right
    above and right below it (the next non-blank lines are neither body nor headline, or it is
    the last line) is comment rules: boilerplate."""
    for k, i in enumerate(nonblank):
        t = clean[i]
        if (
            out[i][0] != "body"
            or _quoted(t)
            or not _COMMENTS.search(t)
            or not _MODERATION.search(t)
            or not _SITE_VOICE.search(t)
            or k == 0
        ):
            continue
        above = out[nonblank[k - 1]][0]
        below = out[nonblank[k + 1]][0] if k + 1 < len(nonblank) else "boilerplate"
        if above not in ("body", "headline") and below not in ("body", "headline"):
            out[i] = (
                "boilerplate",
                "speaks of the site's comments in its own voice, between lines of page "
                f"furniture (comment rules; the rules said: {out[i][1]})",
            )


_Q_LINE = re.compile(r"^Q\s?[:.–—-]\s+\S")
_A_LINE = re.compile(r"^A\s?[:.–—-]\s+\S")
INTERVIEW_MIN_PAIRS = 2  # "Q:" lines and "A:" lines each at least this many


def _interview_lines(clean, nonblank, out) -> None:
    """On a page with at least :data:`INTERVIEW_MIN_PAIRS` lines opening "Q:" and as many opening
    "A:", each of those lines is the interview's text, whatever a rule or the line model said
    (a question is no crosshead, an answer that shares few words with the rest no pitch)."""
    questions = [i for i in nonblank if _Q_LINE.match(clean[i])]
    answers = [i for i in nonblank if _A_LINE.match(clean[i])]
    if len(questions) < INTERVIEW_MIN_PAIRS or len(answers) < INTERVIEW_MIN_PAIRS:
        return
    for i in questions + answers:
        if out[i][0] != "body":
            out[i] = (
                "body",
                f"a question or an answer of an interview written as Q: and A: ({len(questions)} "
                f"questions, {len(answers)} answers; the rules said: {out[i][1]})",
            )


OTHER_MIN_WORDS = 6  # a line needs this many content words to be judged against the other outlets
OTHER_MAX_SHARE = 1 / 6  # ... fewer than this share of them in the other outlets' articles
OTHER_OWN_MAX_SHARE = 1 / 4  # ... and fewer than this share in its own headline and paragraphs
# A line that reports what someone said (a vox pop with a name no other outlet has) is news.
_REPORTS = re.compile(
    r"\b(?:said|says|say|told|tells|according|added|adds|announced|asked|explained|recalled)\b",
    re.IGNORECASE,
)


def _off_other_outlets(clean, nonblank, roles, out, outlet: str, headline: str, story) -> None:
    """In a story folder, a line kept as a plain paragraph (no rule gave it a role) that has at
    least :data:`OTHER_MIN_WORDS` content words, fewer than :data:`OTHER_MAX_SHARE` of them in
    the body lines of the story's other articles (``story.words``), fewer than
    :data:`OTHER_OWN_MAX_SHARE` in its own headline and other paragraphs, no quotation marks,
    no reporting verb (said, told, according: a vox pop with a name no other outlet has is
    news), and that is not found word for word in another article, is page furniture: a related-story
    teaser, a caption of another story, an advertisement. The same story told by other outlets
    shares its names and topic words; such furniture does not. A line found word for word in
    another article (a wire copy and its furniture) is left alone."""
    if not story.words:
        return
    own = line_model.content_words(re.sub(r"\([^()]*\)", " ", outlet))
    body = [i for i in nonblank if out[i][0] == "body"]
    support = line_model.story_support(clean, headline, body, outlet)
    for i in nonblank:
        if roles[i] is not None or out[i][0] != "body" or _quoted(clean[i]):
            continue
        if _REPORTS.search(clean[i]):
            continue
        if _norm(clean[i]) in story.lines:
            continue
        words = line_model.content_words(clean[i]) - own
        shared = len(words & story.words)
        found = support[i][0]
        if (
            len(words) >= OTHER_MIN_WORDS
            and shared < OTHER_MAX_SHARE * len(words)
            and found < OTHER_OWN_MAX_SHARE * len(words)
        ):
            others = f"{story.articles} other article" + ("s" if story.articles != 1 else "")
            out[i] = (
                "boilerplate",
                ("shares none" if not shared else f"shares only {shared}")
                + f" of its {len(words)} words with the story's {others} and {found} with its "
                "own headline and paragraphs (a related-story teaser, a caption of another "
                "story or an advertisement)",
            )


OFF_STORY_MIN_WORDS = 6  # a line needs this many content words to be judged off the story
OFF_STORY_MAX_SHARE = 1 / 12  # ... and fewer than this share of them found in the story


def _off_story(clean, nonblank, roles, outlet: str, headline: str) -> None:
    """On a paste with page furniture, a line the rules would keep as body that speaks to the
    reader, about the site or page, opens with an imperative or names the outlet itself (outside
    quotation marks), has no quotation marks, and shares fewer than :data:`OFF_STORY_MAX_SHARE`
    of its at least :data:`OFF_STORY_MIN_WORDS` content words with the headline and the story's
    other body lines (:func:`analysis.story.line_model.story_support`), and reads like a pitch
    (:func:`_pitch_voice`), is page furniture: a site's pitch, comment rules, a membership or
    newsletter appeal."""
    if not has_page_furniture(roles):
        return
    ctx = model_context(clean, roles, outlet, headline)
    ctx["body"] = [i for i in nonblank if roles[i] is None or roles[i][0] == "body"]
    support = line_model.story_support(clean, ctx["headline"], ctx["body"], outlet)
    for i in nonblank:
        t = clean[i]
        found, words = support[i]
        if (
            roles[i] is None
            and words >= OFF_STORY_MIN_WORDS
            and found < OFF_STORY_MAX_SHARE * words
            and not _quoted(t)
            and line_model.about_site_or_outlet(t, outlet)
            and _pitch_voice(t, outlet)
        ):
            roles[i] = (
                "boilerplate",
                "speaks to the reader or about the site, and shares "
                + (f"only {found} of its {words} words" if found else f"none of its {words} words")
                + " with the headline and the story's other paragraphs (a pitch, an appeal or "
                "comment rules)",
            )


APPEAL_MAX_SHARE = 1 / 4  # an appeal in the outlet's voice shares fewer of its words with the story
APPEAL_YOU_MIN_WORDS = 4  # ... one only saying "you" must have this many words, none the story's


def _outlet_appeals(clean, nonblank, roles, outlet: str, headline: str) -> None:
    """On a paste with page furniture, a line the rules would keep as body, with no quotation
    marks, in which the outlet speaks of itself ("we", "our", "us"; not "US") and which also
    talks about the site (members, journalism, subscribe, readers, ...), asks the reader a
    question ("Are you?") or tells the reader what to do ("Join ..."), and shares fewer than
    :data:`APPEAL_MAX_SHARE` of its content words with the headline and the story's other body
    lines, is page furniture: a membership or donation appeal set among the paragraphs ("We're
    independent of corporate interests. Are you?"). A line that only says "you" must talk about
    the site and share none of its at least :data:`APPEAL_YOU_MIN_WORDS` content words with the
    story ("Readers like you are keeping these stories free ..."): a review speaks to the reader
    about its subject. A paragraph of the story in which someone says "we" without quotation
    marks shares the story's words."""
    if not has_page_furniture(roles):
        return
    ctx = model_context(clean, roles, outlet, headline)
    ctx["body"] = [i for i in nonblank if roles[i] is None or roles[i][0] == "body"]
    support = line_model.story_support(clean, ctx["headline"], ctx["body"], outlet)
    for i in nonblank:
        t = clean[i]
        if roles[i] is not None or _quoted(t):
            continue
        rest = line_model._unquoted(t)
        site = line_model._SELF_SITE.search(rest) is not None
        found, words = support[i]
        if _OUTLET_VOICE.search(rest):
            who = "the outlet speaks of itself (we, our)"
        elif (
            site
            and line_model._READER.search(rest)
            and found == 0
            and words >= APPEAL_YOU_MIN_WORDS
        ):
            who = "it speaks to the reader (you)"  # "Readers like you are keeping ... free"
        else:
            continue
        asks = "?" in rest and re.search(r"\byou\b", rest, re.IGNORECASE) is not None
        if not (site or asks or line_model.tells_reader(t)):
            continue
        if found < APPEAL_MAX_SHARE * max(words, 1):
            what = (
                "talks about the site"
                if site
                else "asks the reader a question"
                if asks
                else "tells the reader what to do"
            )
            roles[i] = (
                "boilerplate",
                f"{who} and {what}, sharing "
                + (f"only {found}" if found else "none")
                + f" of its {words} words with the headline and the story's other paragraphs "
                "(a membership or donation appeal)",
            )


BOX_LINE_MAX_SHARE = 1 / 3  # a line inside a box of furniture shares fewer words with the story


def _inside_furniture_boxes(clean, nonblank, roles, outlet: str, headline: str) -> None:
    """On a paste with page furniture whose paragraphs are separated by blank lines
    (:func:`_spaced`), a line the rules would keep as body, with no quotation marks, inside a
    block of lines glued together (no blank line between them) whose every other line the rules
    read as boilerplate or is such a line too, is part of that box when it talks about the site
    or speaks to the reader (:func:`analysis.story.line_model.about_site_or_outlet`) and shares fewer than
    :data:`BOX_LINE_MAX_SHARE` of its content words with the headline and the story's other
    paragraphs: a newsletter box's "Thank you for signing up!" or "Get alerted as news is
    happening ...", a site's self-description under "Follow Us". A paragraph of the story glued
    under a box's label ("Keep going!") neither talks about the site nor speaks to the reader,
    and stays text."""
    if not has_page_furniture(roles) or not _spaced(clean, nonblank, roles):
        return
    blocks: list[list[int]] = []
    for i in nonblank:
        if blocks and blocks[-1][-1] == i - 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    blocks = [b for b in blocks if len(b) > 1 and any(roles[i] is None for i in b)]
    if not blocks:
        return
    body = [i for i in nonblank if roles[i] is None or roles[i][0] == "body"]
    support = line_model.story_support(clean, headline, body, outlet)

    def boxed(i: int) -> bool:  # a line that talks about the site and little about the story
        found, words = support[i]
        return (
            roles[i] is None
            and not _quoted(clean[i])
            and line_model.about_site_or_outlet(clean[i], outlet)
            and found < BOX_LINE_MAX_SHARE * max(words, 1)
        )

    for block in blocks:
        lines = [i for i in block if boxed(i)]
        if not lines or any(
            i not in lines and (roles[i] is None or roles[i][0] != "boilerplate") for i in block
        ):
            continue
        for i in lines:
            found, words = support[i]
            first = next((j for j in block if j != i), i)
            roles[i] = (
                "boilerplate",
                f"glued inside a box of page furniture (with line {first + 1}, no blank line "
                "between), talking about the site or to the reader and sharing "
                + (f"only {found}" if found else "none")
                + f" of its {words} words with the headline and the story's other paragraphs",
            )


def _pitch_voice(text: str, outlet: str) -> bool:
    """True for a line that reads like a pitch (:func:`_appeal_voice`) or names the outlet
    itself: not a sentence whose only word to the reader is a bare "you" ("... turns its routine
    against you")."""
    name = line_model._outlet_name(outlet)
    rest = line_model._unquoted(text)
    return _appeal_voice(text) or bool(name and name in line_model._spaced_words(rest))


def _about_site(text: str) -> bool:
    """:func:`analysis.story.line_model.about_site_or_outlet` (which does not count "US", the
    country, as "us"): a last line that speaks to the reader or about the site is no cut-off
    paragraph."""
    return line_model.about_site_or_outlet(text)


def _standfirst_under_dateline(clean, nonblank, roles) -> None:
    """On a paste whose paragraphs are separated by blank lines (:func:`_spaced`), the first
    line the rules would keep as body, when it comes right under a byline or dateline (no blank
    line between them) and has no blank line after it either, unlike the paragraphs, and
    another body line comes later, is the standfirst: a summary placed under the dateline,
    above the photo or the first paragraph."""
    open_lines = [i for i in nonblank if roles[i] is None]
    if len(open_lines) < 3 or not _spaced(clean, nonblank, roles):
        return
    i = open_lines[0]
    if (
        i > 0
        and i + 1 < len(clean)
        and clean[i - 1]
        and clean[i + 1]
        and roles[i - 1] is not None
        and roles[i - 1][0] in ("byline", "dateline")
        and _is_prose(clean[i])
    ):
        roles[i] = (
            "standfirst",
            f"the first sentence, right under the {roles[i - 1][0]} on line {i} with no blank "
            "line before or after it, on a page whose paragraphs are separated by blank lines",
        )


def _uncredited_captions(clean, nonblank, roles) -> None:
    """On a paste whose paragraphs are separated by blank lines (:func:`_spaced`), a line the
    rules would keep as body that reads like a caption (:func:`analysis.story.line_model.
    is_caption_like`: one short sentence describing a scene, with a place and no reporting or
    auxiliary verb) is a caption when no blank line separates it from a neighbouring line of
    furniture (not the headline), when the lines before and after it are both furniture, or
    when it is the first such line, under furniture (a byline, a dateline) and above the first
    paragraph."""
    if not _spaced(clean, nonblank, roles):
        return
    furniture = {
        i for i in nonblank if roles[i] is not None and roles[i][0] not in ("body", "headline")
    }
    open_lines = [i for i in nonblank if roles[i] is None]
    for k, i in enumerate(nonblank):
        if roles[i] is not None or not line_model.is_caption_like(clean[i]):
            continue
        prev = nonblank[k - 1] if k else None
        nxt = nonblank[k + 1] if k + 1 < len(nonblank) else None
        glued = (prev == i - 1 and prev in furniture) or (nxt == i + 1 and nxt in furniture)
        between = prev in furniture and nxt in furniture
        on_top = (
            i == open_lines[0]
            and len(open_lines) > 1
            and prev in furniture
            and _is_prose(clean[open_lines[1]])
        )
        if glued or between or on_top:
            where = (
                "with no blank line between it and the furniture next to it"
                if glued
                else f"between furniture on lines {prev + 1} and {nxt + 1}"  # type: ignore[operator]
                if between
                else f"under the furniture on line {prev + 1}, above the first paragraph"  # type: ignore[operator]
            )
            roles[i] = (
                "caption",
                "one short sentence describing a scene, with a place and no reporting or "
                f"auxiliary verb (a caption with no credit), {where}",
            )


CAPTION_AMONG_MAX_WORDS = 15  # a caption-like line among the paragraphs is a caption this short


def _captions_among_paragraphs(clean, nonblank, roles) -> None:
    """On a paste with page furniture, a line the rules would keep as body that reads like a
    caption (:func:`analysis.story.line_model.is_caption_like`: one sentence describing a scene,
    with a place and no reporting or auxiliary verb, no quotation marks, no past-tense verb with
    its object) of at most :data:`CAPTION_AMONG_MAX_WORDS` words, with a paragraph of prose kept
    as body above it and another below it, is a caption with no credit left among the
    paragraphs ("Workers rest under a tarpaulin at a building site in Nagpur."). Not the first
    paragraph: a lead in the present tense ("X faces his first test on Monday.") reads the same
    way. On the development set no body line met all of these; in the BBC corpus one line among
    the paragraphs reads like a caption, and it has 27 words."""
    if not has_page_furniture(roles):
        return
    kept = [i for i in nonblank if roles[i] is None and _is_prose(clean[i])]
    if len(kept) < 3:
        return
    for i in kept[1:-1]:
        t = clean[i]
        if _words(t) <= CAPTION_AMONG_MAX_WORDS and line_model.is_caption_like(t):
            roles[i] = (
                "caption",
                "one short sentence describing a scene, with a place and no reporting or "
                "auxiliary verb (a caption with no credit), among the paragraphs of a web page",
            )


def _promotions(clean, nonblank, roles) -> None:
    """A line the rules would keep as body that, outside quotation marks, promotes something
    other than the story (:func:`analysis.story.line_model.promotes`: a podcast, an event, a
    gift or donation, republishing, a partnership, an e-mail address) and has a sentence telling
    the reader what to do ("Donate today.", "Register to attend."), or, on a paste with page
    furniture, speaks to the reader or about the site, is page furniture: a pitch or an
    advertisement for the outlet's own podcast, event or appeal. A news story about donations
    or tickets tells no reader to give or buy, and speaks of them, not to the reader."""
    found = [
        i
        for i in nonblank
        if roles[i] is None and not _quoted(clean[i]) and line_model.promotes(clean[i])
    ]
    for i in found:
        if line_model.tells_reader(clean[i]):
            roles[i] = (
                "boilerplate",
                "promotes something (a podcast, an event, a donation, republishing) and tells the "
                "reader what to do (a pitch or an advertisement)",
            )
    web = has_page_furniture(roles)
    for i in found:
        if roles[i] is None and web and line_model.about_site_or_outlet(clean[i]):
            roles[i] = (
                "boilerplate",
                "on a web page, promotes something (a podcast, an event, a donation, "
                "republishing) and speaks to the reader or about the site (a pitch)",
            )


def model_context(clean: list[str], roles, outlet: str, headline: str = "") -> dict:
    """What the line model's story-word features read besides the lines
    (:func:`analysis.story.line_model.features`): the headline (the manifest's, else the lines
    the rules call headline), the outlet, and the lines the rules keep as body."""
    if not (headline or "").strip():
        headline = " ".join(c for c, r in zip(clean, roles) if r is not None and r[0] == "headline")
    body = [i for i, r in enumerate(roles) if r is not None and r[0] == "body"]
    return {"headline": headline, "outlet": outlet, "body": body}


def model_judges(role: tuple[str, str]) -> bool:
    """True for a ``(role, reason)`` the line model takes a second look at: a body line, unless
    it is the last line of a paste cut off mid-sentence (a reading the model has no feature for)
    or a live blog's opening post (:func:`_live_blog_openers`)."""
    return (
        role[0] == "body"
        and not role[1].startswith("last text line, stopping mid-sentence")
        and not role[1].startswith(LIVE_WELCOME_REASON)
    )


#: Roles the layout rules give only to page furniture around an article: one of them on a paste
#: shows a web page, even when no ``furniture.csv`` pattern knows its furniture.
_PAGE_ROLES = frozenset(("byline", "dateline", "caption", "credit", "boilerplate", "standfirst"))


def has_page_furniture(roles) -> bool:
    """True when a line of the article was found to be page furniture (``roles``: ``(role,
    reason)`` pairs or None): by a ``furniture.csv`` pattern or a prompt rule, or by the layout
    rules as a byline, dateline, caption, credit, standfirst or boilerplate line (a masthead, a
    section label above the headline). That is a paste from a web page, not clean article text
    (a headline and paragraphs, perhaps crossheads), even on an outlet whose furniture no
    pattern knows. The line model and the web-page rules read only such pastes."""
    return any(r is not None and r[0] in _PAGE_ROLES for r in roles)


_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
# A plural's possessive apostrophe ("pupils’ phones", "the workers' union"): a closing single
# mark after an "s", before a space or a comma, on a line with no opening single mark.
_PLURAL_POSSESSIVE = re.compile(r"(?<=[a-z]s)[’'](?=[\s,;])")
_OPENING_SINGLE = re.compile(r"‘|(?:^|(?<=[\s(\[—–-]))'(?=\w)")


@lru_cache(maxsize=LINE_MEMO)
def _quoted(text: str) -> bool:
    """True for a line with a quotation mark; an apostrophe inside a word ("We’re", "Moore’s")
    is not one, nor a plural's possessive ("pupils’ phones") on a line that opens no single
    quotation mark."""
    if not any(q in text for q in _QUOTE_MARKS):
        return False  # removing apostrophes adds no mark
    bare = _APOSTROPHE.sub("", text)
    if not _OPENING_SINGLE.search(bare):
        bare = _PLURAL_POSSESSIVE.sub("", bare)
    return any(q in bare for q in _QUOTE_MARKS)


def _prompts_and_labels(clean, nonblank, roles) -> None:
    """Prompts and labels on a paste that shows page furniture (:func:`has_page_furniture`):
    clean article text is left alone (a sports report's team sheet, a reader's letter trailing
    off)."""
    if not has_page_furniture(roles):
        return
    for k, i in enumerate(nonblank):
        if roles[i] is not None or k == 0:
            continue
        t = clean[i]
        w = _words(t)
        nxt = clean[nonblank[k + 1]] if k + 1 < len(nonblank) else ""
        if len(t) > 2 and t[0] in "([" and t[-1] in ")]" and w >= 3 and not _quoted(t):
            roles[i] = ("credit", "a note standing alone in brackets (an editor's or agency note)")
        elif (
            t.endswith(":")
            and w <= LABEL_MAX_WORDS
            and not _quoted(t)
            and not _SPEECH.search(t)
            and nxt[:1] not in _QUOTE_MARKS
        ):
            roles[i] = (
                "boilerplate",
                "a short line ending in a colon that introduces no quote (a label or prompt)",
            )
        elif t.endswith(("…", "...")) and not _quoted(t) and w <= TEASER_MAX_WORDS:
            roles[i] = ("boilerplate", "a short line trailing off (a teaser or link)")
        elif (
            t.endswith("?")
            and w <= PROMPT_MAX_WORDS + 1
            and not _quoted(t)
            and _is_prose(nxt)
            and roles[nonblank[k + 1]] is None
        ):
            roles[i] = ("subhead", "a very short question over a paragraph (a crosshead)")
        elif (
            t.endswith(("!", "?"))
            and w <= PROMPT_MAX_WORDS
            and "," not in t
            and not _quoted(t)
            and not any(c.isdigit() for c in t)
        ):
            roles[i] = (
                "boilerplate",
                "a very short line ending in ! or ?, not a quote (a prompt or label)",
            )


# A caption's credit in brackets at its end: one to five capitalised words ("(Northern Prairie
# Health)", "(Dana Okoye for Engadget)").
_BRACKETED_NAME_END = re.compile(
    r"\w[,.]?\s+\((?-i:[A-Z][\w’'&.-]*)(?:\s(?:(?-i:[A-Z][\w’'&.-]*)|for|of|and|the|via)){0,5}\)$"
)
_NON_WORD = re.compile(r"[^\w]+")
PULL_QUOTE_MIN_WORDS = 6  # a repeated line this long is a pull quote, not a chance repeat


def _pull_quotes(clean, nonblank, roles) -> None:
    """On a paste with page furniture, a line of at least :data:`PULL_QUOTE_MIN_WORDS` words
    whose words appear, in order, inside a longer line of the article is a pull quote (or a
    standfirst repeating the first paragraph): not body."""
    if not has_page_furniture(roles):
        return
    norm = {i: " " + _NON_WORD.sub(" ", clean[i].lower()).strip() + " " for i in nonblank}
    for i in nonblank:
        if roles[i] is not None or _words(clean[i]) < PULL_QUOTE_MIN_WORDS:
            continue
        for j in nonblank:
            if j != i and len(norm[j]) > len(norm[i]) and norm[i] in norm[j]:
                roles[i] = (
                    "boilerplate",
                    f"its words are repeated inside line {j + 1} (a pull quote or a repeat)",
                )
                break


def _above_the_byline(clean, nonblank, roles) -> None:
    """Sentences above the byline or dateline that opens the article (one among the first
    :data:`META_SEARCH_LINES` lines with at least :data:`META_MIN_BELOW` paragraphs of prose
    below it) are a standfirst (right under a headline-like line) or a page notice, when there
    are at most :data:`META_MAX_ABOVE` of them; not on a live blog (two or more bylines or times
    among the paragraphs, the same byline twice, or :data:`LIVE_MIN_STAMPS` bylines or times
    between paragraphs)."""
    top = nonblank[:META_SEARCH_LINES]
    meta = [
        i
        for i in top
        if roles[i] is not None
        and (
            roles[i][0] in ("byline", "dateline")
            or (roles[i][0] == "credit" and _BY_PREFIX.match(clean[i]) is not None)
        )
        and sum(1 for j in nonblank if j > i and roles[j] is None and _is_prose(clean[j]))
        >= META_MIN_BELOW
    ]
    if not meta:
        return
    m = meta[-1]
    first = next(j for j in nonblank if j > m and roles[j] is None and _is_prose(clean[j]))
    later = [
        j
        for j in nonblank
        if j > first and roles[j] is not None and roles[j][0] in ("byline", "dateline")
    ]
    bylines = [clean[j] for j in nonblank if roles[j] is not None and roles[j][0] == "byline"]
    prose = [j for j in nonblank if roles[j] is None and _is_prose(clean[j])]
    between = [
        j
        for j in nonblank
        if roles[j] is not None
        and roles[j][0] in ("byline", "dateline")
        and prose
        and prose[0] < j < prose[-1]
    ]
    if len(later) >= 2 or len(set(bylines)) < len(bylines) or len(between) >= LIVE_MIN_STAMPS:
        return  # bylines and times among the paragraphs: a live blog, whose posts each have them
    above = [i for i in nonblank if i < m and roles[i] is None and is_terminated(clean[i])]
    if not above or len(above) > META_MAX_ABOVE:
        return
    what = "dateline" if roles[m][0] == "dateline" else "byline"
    for i in above:
        k = nonblank.index(i)
        prev = clean[nonblank[k - 1]] if k else ""
        if prev and not is_terminated(prev) and _words(prev) >= HEADLINE_MIN_WORDS:
            roles[i] = (
                "standfirst",
                f"a sentence under a headline-like line, above the {what} on line {m + 1} "
                "that opens the article (a standfirst)",
            )
        else:
            roles[i] = (
                "boilerplate",
                f"a sentence above the {what} on line {m + 1} that opens the article "
                "(a page notice)",
            )


_ABOUT = re.compile(r"^about (?:the |this |us\b)?\S", re.IGNORECASE)
ABOUT_MAX_LINES = 3  # an "About ..." box after the article has at most this many paragraphs


def _writer_notes_and_about_boxes(clean, nonblank, roles) -> None:
    if not has_page_furniture(roles):
        return
    open_lines = [i for i in nonblank if roles[i] is None]
    for i in dict.fromkeys(open_lines[:3] + open_lines[-3:]):
        if _words(clean[i]) <= BIO_MAX_WORDS and line_model.is_writer_note(clean[i]):
            roles[i] = (
                "byline",
                "a note on a writer near the top or the end (a name, then what they do)",
            )
    for k, i in enumerate(nonblank):
        t = clean[i]
        if roles[i] is not None or is_terminated(t) or not _ABOUT.match(t) or _words(t) > 6:
            continue
        after = [j for j in nonblank[k + 1 :] if roles[j] is None and is_terminated(clean[j])]
        prose_before = [j for j in nonblank[:k] if roles[j] is None and _is_prose(clean[j])]
        if 0 < len(after) <= ABOUT_MAX_LINES and len(prose_before) >= 2 * len(after):
            roles[i] = ("boilerplate", 'an "About ..." label after the article')
            for j in after:
                roles[j] = (
                    "boilerplate",
                    f'under the "About ..." label on line {i + 1}, after the article '
                    "(a note on the company or the publication)",
                )
        break


def _list_intro(i: int, clean, candidates: set[int], outlet: str) -> int | None:
    """The line that introduces line ``i`` as an item of a list, else None: going up from ``i``
    through lines with no final stop and no blank line between them, the first other line is a
    sentence of at least :data:`PROSE_MIN_WORDS` words ending in a colon ("Here's how the
    company did against estimates:"), not quoted, that neither speaks to the reader nor about
    the site (a "Read more from our coverage:" label introduces links, not a list)."""
    j = i - 1
    while j >= 0 and j in candidates:
        j -= 1
    if j < 0 or not clean[j] or j in candidates:
        return None
    t = clean[j]
    if (
        t.endswith(":")
        and _words(t) >= PROSE_MIN_WORDS
        and not _quoted(t)
        and not line_model.about_site_or_outlet(t, outlet)
    ):
        return j
    return None


def _headline_like(text: str) -> bool:
    """A line that reads like a story's title: at least :data:`LINK_MIN_WORDS` words, opening
    with a capital, with no final stop, no colon-separated figures and few digits."""
    return (
        _words(text) >= LINK_MIN_WORDS
        and text[:1].isupper()
        and not is_terminated(text)
        and sum(c.isdigit() for c in text) <= 4
    )


@lru_cache(maxsize=LINE_MEMO)
def _is_prose(text: str) -> bool:
    """A paragraph of prose: ends like a sentence and has at least :data:`PROSE_MIN_WORDS` words."""
    return is_terminated(text) and _words(text) >= PROSE_MIN_WORDS


def _byline_soon(i: int, nonblank, roles) -> bool:
    """A byline or dateline among the three non-blank lines after line ``i``."""
    after = [j for j in nonblank if j > i][:3]
    return any(roles[j] is not None and roles[j][0] in ("byline", "dateline") for j in after)


def _cut_off(text: str) -> bool:
    """A line that stops mid-sentence: at least :data:`CUT_MIN_WORDS` words, the last one in
    lower case or followed by a comma."""
    words = text.split()
    return len(words) >= CUT_MIN_WORDS and (words[-1][:1].islower() or text.endswith(","))


# A word a sentence does not end on: an article, a preposition, a conjunction, a relative.
_OPEN_END = re.compile(
    r"\b(?:a|an|the|and|or|but|to|of|in|on|at|for|with|from|by|as|that|which|who|whose|"
    r"whom|when|where|while|if|than|because|their|his|her|its|our|is|are|was|were|will|would|"
    r"has|have|had)$"
)
_INNER_STOP = re.compile(r"[a-z\d][.!?][\"”’']?\s+[A-Z\"“‘]")


def _cut_at_paywall(i: int, k: int, clean, nonblank, roles) -> bool:
    """A long line with no final stop right under a paragraph of prose, that stops
    mid-sentence (:func:`_cut_off`) on a word no sentence ends on ("... and residents who") or
    after a full sentence of its own, its unfinished sentence mostly in lower-case words, not
    speaking to the reader: a paragraph cut off where a paywall's box ("Keep reading for $1")
    begins. A caption or a related link does not stop on "who" or "the", nor carry a full
    sentence before stopping mid-sentence; a caption's credit after its sentence ("REUTERS/Name
    Purchase Licensing Rights, opens new tab") is mostly capitalised words."""
    t = clean[i]
    prev = nonblank[k - 1] if k > 0 else None
    stops = list(_INNER_STOP.finditer(t))
    tail = t[stops[-1].end() - 1 :].split() if stops else t.split()
    return bool(
        sum(1 for w in tail[1:] if w[:1].islower()) * 2 >= len(tail[1:]) > 0
        and prev is not None
        and roles[prev] is None
        and _is_prose(clean[prev])
        and _cut_off(t)
        and _words(t) >= PROSE_MIN_WORDS
        and (_OPEN_END.search(t) or stops)
        and not _about_site(t)
    )


PAYWALL_REASON = "(a paragraph cut off by a paywall)"


def _paywall_box(clean, nonblank, roles) -> None:
    """Under a paragraph cut off mid-sentence (:func:`_cut_at_paywall`) and, right after it, a
    short line with no final stop (a crosshead by the rules: "Keep reading for $1"), no article
    text follows: that line and every line after it the rules leave open or take for a crosshead
    are the paywall's box (its pitch, "Subscribe now", "Already a subscriber?")."""
    for k, i in enumerate(nonblank[:-1]):
        if roles[i] is None or not roles[i][1].endswith(PAYWALL_REASON):
            continue
        label = nonblank[k + 1]
        if roles[label] is None or roles[label][0] != "subhead":
            return
        for j in nonblank[k + 1 :]:
            if roles[j] is None or roles[j][0] == "subhead":
                roles[j] = (
                    "boilerplate",
                    f"under the paragraph cut off mid-sentence on line {i + 1} and the short "
                    f"label on line {label + 1} (a paywall's box)",
                )
        return


def _pattern_furniture(role) -> bool:
    """A role given by a furniture.csv pattern to a boilerplate, credit or caption line."""
    return (
        role is not None
        and role[0] in ("boilerplate", "credit", "caption")
        and (
            "furniture.csv" in role[1]
            or role[1].startswith(_PROMPT_REASONS)
            or role[1].startswith(_WORDING_REASONS)
        )
    )


_NAV_SEPARATOR = re.compile(r"\s+[|·•]\s+")
NAV_BAR_MIN_ITEMS = 3  # a line of this many short items separated by "|" or "·" is navigation
LABEL_UNDER_HEADLINE_WORDS = 3  # an unterminated line this short under the headline is a label
# A person's name: two to four capitalised words (particles such as "de" or "van" and initials
# allowed), none of them a common section or page word.
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-z’'\-]+(?:-[A-Z][a-z’']+)?|[A-Z]\.|de|da|van|von|bin|al|le|la|du)$"
)
_NOT_NAME_WORDS = frozenset(
    """news world business sport sports opinion analysis politics climate energy live home
    video health science technology tech culture local national international latest top
    stories menu search more share explainer features feature comment review reviews
    breaking exclusive updates update watch listen podcast newsletter park road street stadium
    arena ground field square hall house centre center bridge avenue""".split()
)


def is_bare_name(text: str) -> bool:
    """True for a line that is only a person's name: two to four capitalised words (initials and
    particles such as "de", "van" allowed), with no word that is a common section or page word
    ("News", "Analysis", "Opinion", ...)."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and not any(w.lower() in _NOT_NAME_WORDS for w in words)
        and sum(1 for w in words if w[:1].isupper()) >= 2
    )


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NOT_ALNUM = re.compile(r"[\W_]+")
HEADLINE_MATCH_MIN_WORDS = 3  # a manifest headline this long anchors the headline line


@lru_cache(maxsize=LINE_MEMO)
def _norm(text: str) -> str:
    """Lower case, every run of characters that are not letters or digits one space (so case,
    quote marks, dashes and punctuation do not count)."""
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def _strip_site(text: str) -> str:
    m = _SITE_SUFFIX.match(text.strip())
    if m is not None and _words(m.group("site")) <= 4 and not is_terminated(text):
        return m.group("title")
    return text


def same_headline(line: str, headline: str) -> bool:
    """True when a line gives the manifest's headline: the same words once case, spacing,
    dashes, quote marks and punctuation are set aside, and a site suffix (``| Site``) on
    either. The headline must have at least :data:`HEADLINE_MATCH_MIN_WORDS` words."""
    h = _norm(_strip_site(headline))
    return len(h.split()) >= HEADLINE_MATCH_MIN_WORDS and _norm(_strip_site(line)) == h


def _headline_line(clean: list[str], headline: str) -> int | None:
    """The first line that gives the manifest's headline (:func:`same_headline`), or None."""
    if not headline or not headline.strip():
        return None
    return next((i for i, c in enumerate(clean) if c and same_headline(c, headline)), None)


def _wrapped_headline_line(clean: list[str], headline: str) -> int | None:
    """The first of two lines in a row (no blank line between) that give the manifest's
    headline together (:func:`same_headline`: a headline wrapped over two lines, as in a
    hard-wrapped paste), neither of them alone; or None."""
    if not headline or not headline.strip():
        return None
    for i in range(len(clean) - 1):
        if clean[i] and clean[i + 1] and same_headline(clean[i] + " " + clean[i + 1], headline):
            return i
    return None


# A date closing a line ("12 Feb 2025", "Feb. 12, 2025", "2025-02-12").
_ENDS_WITH_DATE = re.compile(
    r"(?:\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\b\d{4}-\d{2}-\d{2})$"
)


def _site_title(clean, nonblank, roles) -> int | None:
    """Mark a browser title ("Headline | POLITICO") among the first lines as the headline, and
    the same headline shown again without the suffix; return the title's index."""
    for i in nonblank[: HEADLINE_SEARCH_LINES + 3]:
        m = _SITE_SUFFIX.match(clean[i])
        if roles[i] is not None or m is None or is_terminated(clean[i]):
            continue
        title, site = m.group("title"), m.group("site")
        if (
            _NAV_SEPARATOR.search(title)
            or _words(site) > 4
            or not site[:1].isupper()
            or _words(title) < HEADLINE_MIN_WORDS
            or _ENDS_WITH_DATE.search(title)  # "Name 12 Feb 2025 | Site": a byline and date
        ):
            continue
        roles[i] = ("headline", f'page title with a site suffix ("| {site.strip()}")')
        for j in nonblank:
            if j > i and roles[j] is None and clean[j] == title:
                roles[j] = (
                    "headline",
                    f"the headline again, as the page title on line {i + 1} gives it",
                )
        return i
    return None


# A sentence ending inside a line ("Ships off Veldhaven. Photograph: Name/Reuters"): the line is
# a caption with its credit, not a credit standing alone under a caption.
_SENTENCE_INSIDE = re.compile(r"\w[.!?][\"'”’)\]]?\s+\S")


def _captions_from_neighbours(clean, nonblank, roles) -> None:
    for k, j in enumerate(nonblank):
        role = roles[j]
        if role is None:
            continue
        if (
            role[0] == "caption"
            and role[1].startswith("photo credit")
            and k > 0
            and _words(clean[j]) <= CREDIT_MAX_WORDS
            and not _SENTENCE_INSIDE.search(clean[j])
        ):
            i = nonblank[k - 1]
            if (
                roles[i] is None
                and _words(clean[i]) <= CAPTION_MAX_WORDS
                and i == j - 1
                and clean[i][:1] not in _QUOTE_MARKS  # a quotation opening a line is speech
            ):
                roles[i] = ("caption", f"the caption above the photo credit on line {j + 1}")
        i = j + 1
        if (
            role[0] == "caption"
            and "photo credit" in role[1]
            and _words(clean[j]) <= CREDIT_MAX_WORDS
            and j > 0
            and not clean[j - 1]
            and i < len(clean)
            and clean[i]
            and roles[i] is None
            and _words(clean[i]) < PROSE_MIN_WORDS
            and (i + 1 >= len(clean) or not clean[i + 1])
        ):
            roles[i] = (
                "caption",
                f"a short line right under the photo credit on line {j + 1}, standing apart "
                "(the photo's caption)",
            )
        if role[1].startswith("video or audio player"):
            for i in (
                nonblank[k - 1] if k > 0 else None,
                nonblank[k + 1] if k + 1 < len(nonblank) else None,
            ):
                if (
                    i is not None
                    and roles[i] is None
                    and not is_terminated(clean[i])
                    and _words(clean[i]) <= UNTERMINATED_MAX_WORDS
                ):
                    roles[i] = (
                        "caption",
                        f"a video title beside the player control on line {j + 1}",
                    )
            if (
                k > 0
                and k + 1 < len(nonblank)
                and nonblank[k + 1] == j + 1
                and roles[j + 1] is None
                and is_terminated(clean[j + 1])
                and _words(clean[j + 1]) <= CAPTION_MAX_WORDS
                and roles[nonblank[k - 1]] is not None
                and roles[nonblank[k - 1]][0] == "caption"
            ):
                roles[j + 1] = (
                    "caption",
                    f"a sentence right under the player control on line {j + 1}, "
                    "below the video's title (the video's description)",
                )


def _inside_posts(i: int, clean, nonblank, roles) -> bool:
    """True when the label on line ``i`` sits inside the article rather than above it: at least
    :data:`KEY_POINTS_MAX_ABOVE` + 1 paragraphs of prose the rules leave open come before it (a
    live blog's post headed "What we know", whose paragraph is text), where a summary's label
    sits above the first paragraph."""
    above = [j for j in nonblank if j < i and roles[j] is None and _is_prose(clean[j])]
    return len(above) > KEY_POINTS_MAX_ABOVE


KEY_POINTS_MAX_ABOVE = 1  # a key-points label with more paragraphs above it is inside the text


TAG_REASON = "one of the short lines glued under the section label"


def _summaries(clean, nonblank, roles, headline) -> None:
    n = len(clean)
    for i in nonblank:
        role = roles[i]
        if (
            (role is None or role[0] == "boilerplate")
            and _KEY_POINTS.match(clean[i])
            and not _inside_posts(i, clean, nonblank, roles)
        ):
            if role is None:  # "ZDNET's key takeaways": the site's name before the label
                roles[i] = ("boilerplate", "a key-points label (a summary's heading)")
            j = i + 1
            while (
                j < n
                and clean[j]
                and roles[j] is None
                and _words(clean[j]) <= SUMMARY_MAX_WORDS * 2
            ):
                roles[j] = ("standfirst", f"a key point under the label on line {i + 1}")
                j += 1
    if headline is None:
        return
    open_lines = [i for i in nonblank if roles[i] is None]
    prose = [i for i in open_lines if _is_prose(clean[i])]
    spaced = [i for i in prose if i + 1 < n and not clean[i + 1]]
    if not spaced:
        return
    first_spaced = spaced[0]
    later = [i for i in prose if i >= first_spaced]
    if len(later) < 3 or sum(1 for i in later if i in spaced) < 0.8 * len(later):
        return  # paragraphs are not separated by blank lines: a block says nothing
    block: list[int] = []
    for i in range(headline + 1, first_spaced + 1):
        if roles[i] is None and clean[i] and _words(clean[i]) <= SUMMARY_MAX_WORDS:
            block.append(i)
            continue
        if len(block) >= SUMMARY_MIN_LINES and (not clean[i] or roles[i] is not None):
            break
        block = []
    bullets = bool(block) and all(_LIST_ITEM.match(clean[j]) for j in block)
    label = block[0] - 1 if block else -1
    if (
        label >= 0
        and clean[label]
        and roles[label] is not None
        and roles[label][1].startswith("section label (")
        and all(j + 1 == k for j, k in zip(block, block[1:]))
        and all(not is_terminated(clean[j]) for j in block)
    ):
        for j in block:
            roles[j] = (
                "boilerplate",
                f"{TAG_REASON} on line {label + 1} ({roles[label][1]}): a tag or a link",
            )
        return
    if (
        len(block) >= SUMMARY_MIN_LINES
        and all(j + 1 == k for j, k in zip(block, block[1:]))
        and (block[-1] < first_spaced or (bullets and block[-1] == first_spaced))
    ):
        for j in block:
            roles[j] = (
                "standfirst",
                f"one of {len(block)} short lines in a block under the headline, "
                "before the paragraphs (a summary)"
                if not bullets
                else f"one of {len(block)} bullets in a block under the headline, before the "
                "paragraphs (a summary)",
            )


def _spaced(clean, nonblank, roles) -> bool:
    """True when most paragraphs of prose are followed by a blank line."""
    n = len(clean)
    prose = [
        i
        for i in nonblank
        if roles[i] is None
        and _is_prose(clean[i])
        and not (
            i + 1 < n
            and clean[i + 1]
            and not is_terminated(clean[i + 1])
            and _words(clean[i + 1]) <= CREDIT_MAX_WORDS
        )
    ]  # a caption over its credit
    spaced = [i for i in prose if i + 1 >= n or not clean[i + 1]]
    return len(prose) >= 2 and len(spaced) >= SPACED_SHARE * len(prose)


def _captions_over_credits(clean, nonblank, roles) -> None:
    if not _spaced(clean, nonblank, roles):
        return
    n = len(clean)
    for i in nonblank:
        j = i + 1
        if (
            j >= n
            or not clean[j]
            or roles[i] is not None
            or (
                roles[j] is not None
                and not (roles[j][0] == "caption" and _words(clean[j]) <= CREDIT_MAX_WORDS)
            )
        ):
            continue
        if (j + 1 < n and clean[j + 1]) or (i > 0 and clean[i - 1] and roles[i - 1] is None):
            continue  # part of a longer block, not a caption standing apart
        a, b = clean[i], clean[j]
        if (
            is_terminated(a)
            and _words(a) <= CAPTION_MAX_WORDS
            and not is_terminated(b)
            and _words(b) <= CREDIT_MAX_WORDS
            and (b.lstrip("([")[:1].isupper() or b.lower().startswith("via "))
            and not _LIST_ITEM.match(b)
            and not any(q in b for q in '"“”')
        ):
            roles[i] = (
                "caption",
                f"a sentence with a short unterminated line (a photo credit) right under it, "
                f"line {j + 1}",
            )
            if roles[j] is None:
                roles[j] = (
                    "caption",
                    f"short unterminated line right under the caption on line {i + 1} "
                    "(a photo credit)",
                )


#: A last line glued under page furniture is furniture when it has at least this many content
#: words and none of them is in the headline or the story's other paragraphs.
TAIL_MIN_WORDS = 4


def _glued_tail(clean, nonblank, out, outlet: str, headline: str) -> None:
    """On a paste whose paragraphs are separated by blank lines (:func:`_spaced`), the article's
    last body lines, read from the end, with only page furniture after them, each glued (no
    blank line between) under a line of boilerplate (not a caption: a photo may sit right over a
    paragraph), with no quotation marks and none of
    their at least :data:`TAIL_MIN_WORDS` content words in the headline or the story's other
    paragraphs (:func:`analysis.story.line_model.story_support`) are page furniture: a line of
    a box of comment rules or a newsletter blurb after the article ("Comments that break these
    rules will be removed."). A short last paragraph of the story, often of no story words,
    stands apart from the furniture above it."""
    if not _spaced(clean, nonblank, [None if r[0] == "body" else r for r in out]):
        return
    ctx = model_context(clean, out, outlet, headline)
    support = line_model.story_support(clean, ctx["headline"], ctx["body"], outlet)
    for k in range(len(nonblank) - 1, 0, -1):
        i = nonblank[k]
        if out[i][0] == "headline":
            return
        if out[i][0] != "body":
            continue
        above = nonblank[k - 1]
        found, words = support[i]
        if not (
            above == i - 1
            and out[above][0] == "boilerplate"
            and words >= TAIL_MIN_WORDS
            and found == 0
            and not _quoted(clean[i])
        ):
            return
        out[i] = (
            "boilerplate",
            f"glued under the page furniture on line {above + 1} with only furniture after it, "
            f"and none of its {words} words in the headline or the story's other paragraphs "
            f"(a box after the article; the rules said: {out[i][1]})",
        )


# Talk about the page itself: "This archived news story is available only for your personal use".
_PAGE_TALK = re.compile(
    r"\bthis (?:[\w-]+ ){0,2}(?:story|article|page|content|material|post)\b"
    r"|\byour (?:personal|own),? (?:non-commercial )?use\b",
    re.IGNORECASE,
)
# The outlet speaking of itself ("we", "our", "us"; not "US", the country).
_OUTLET_VOICE = re.compile(r"\b(?:we|we['’]re|we['’]ve|our|(?-i:us|Us))\b", re.IGNORECASE)


def _appeal_voice(text: str) -> bool:
    """True for a line that reads like an appeal or a call-out, not a sentence that merely says
    "you" ("... leaves you wanting more"): it asks the reader a question, tells the reader what
    to do, has the outlet speak of itself ("we", "our") or talks about the site (subscribe,
    journalism, readers, ...)."""
    rest = line_model._unquoted(text)
    return bool(
        "?" in rest
        or line_model.tells_reader(text)
        or _OUTLET_VOICE.search(rest)
        or line_model._SELF_SITE.search(rest)
        or _PAGE_TALK.search(rest)
    )


APPEAL_STORY_MIN_WORDS = 4  # a last line this long sharing half its words with the story is text


def _appeals_over_furniture(clean, nonblank, out) -> None:
    """The article's last body lines, read from the end, that speak to the reader ("you", "we",
    "our", outside quotation marks; not "US") or open with an imperative, with only page
    furniture after them (any line not kept as body or headline, whichever rule or the line
    model gave it its role) are page furniture: an appeal or a reader call-out over the page's
    last boxes ("What questions do you have about ...?" over "Ask us anything ..."), when they
    read like one (:func:`_appeal_voice`). A live blog's welcoming first post, last on the page,
    is its text (:func:`_live_blog_welcome`). A line that shares half or more of its (at least
    :data:`APPEAL_STORY_MIN_WORDS`) content words with the headline and the story's other
    paragraphs is the story's own last paragraph ("Devolution was a promise to the mother in
    Kakamega. We should keep it."), a columnist's "we", not the site's."""
    seen = False
    support = None
    for k in range(len(nonblank) - 1, -1, -1):
        i = nonblank[k]
        role = out[i][0]
        if role == "headline":
            return
        if role != "body":
            seen = True
            continue
        t = clean[i]
        if (
            not seen
            or _quoted(t)
            or not _about_site(t)
            or not _appeal_voice(t)
            or _words(t) > APPEAL_MAX_WORDS
            or _live_blog_welcome(t)
            or _keeps_reader_posted(t)
        ):
            return
        if support is None:
            head = next((clean[j] for j in nonblank if out[j][0] == "headline"), "")
            body = [j for j in nonblank if out[j][0] == "body"]
            support = line_model.story_support(clean, head, body)
        found, words = support[i]
        if words >= APPEAL_STORY_MIN_WORDS and 2 * found >= words:
            return
        out[i] = (
            "boilerplate",
            f"speaks to the reader, with only page furniture after it (an appeal or a call-out; "
            f"the rules said: {out[i][1]})",
        )


def _reader_appeals(clean, nonblank, roles) -> None:
    seen_furniture = False
    for k in range(len(nonblank) - 1, -1, -1):
        i = nonblank[k]
        if roles[i] is not None:
            seen_furniture = seen_furniture or _pattern_furniture(roles[i])
            continue
        last = k == len(nonblank) - 1
        if not (
            seen_furniture
            or (last and _PROMOTION.search(clean[i]) and _words(clean[i]) <= APPEAL_MAX_WORDS)
        ):
            break
        if not _READER.search(clean[i]) or _quoted(clean[i]) or not _appeal_voice(clean[i]):
            break
        if _live_blog_welcome(clean[i]) or _keeps_reader_posted(clean[i]):
            break
        roles[i] = (
            "boilerplate",
            "speaks to the reader, with page furniture after it (an appeal, not the article)"
            if seen_furniture
            else "the last line speaks to the reader and promotes something (an appeal)",
        )


_HONORIFIC = re.compile(
    r"^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|rev|hon)\.?\s+", re.IGNORECASE
)


def _name_forms(name: str) -> set[str]:
    """The ways a bio names a writer: the name as given, without its honorific ("Dr Wanjiru
    Kamau" -> "Wanjiru Kamau"), and the honorific with the surname ("Dr Kamau")."""
    forms = {name}
    title = _HONORIFIC.match(name)
    bare = _HONORIFIC.sub("", name).strip()
    if title and _words(bare) >= 2:
        forms.add(bare)
        forms.add(title.group(0) + bare.split()[-1])
    return forms


def _author_notes(clean, nonblank, roles, author: str) -> None:
    names = {author.strip()} if author.strip() else set()
    for i in nonblank:
        if roles[i] is not None and roles[i][0] == "byline":
            name = _BY_PREFIX.sub("", clean[i]).split(",")[0].split("|")[0].strip()
            if 2 <= _words(name) <= 4:
                names |= _name_forms(name)
    if not names:
        return
    open_lines = [i for i in nonblank if roles[i] is None]
    for i in dict.fromkeys(open_lines[:3] + open_lines[-3:]):
        t = clean[i]
        for name in names:
            if (
                t.lower().startswith(name.lower())
                and _BIO_VERB.match(t[len(name) :])
                and _words(t) <= BIO_MAX_WORDS
            ):
                roles[i] = ("byline", f"a note on the author ({name}) near the top or the end")
                break
    # The writer's note on themself in the first person, glued under their name after the
    # article ("Name" / "I have written about ... for a decade."), not above its paragraphs.
    for i in open_lines[-3:]:
        if (
            roles[i] is None
            and i != open_lines[0]
            and roles[i - 1] is not None
            and roles[i - 1][0] == "byline"
            and i - 1 > open_lines[0]
            and _FIRST_PERSON_NOTE.match(clean[i])
            and _words(clean[i]) <= FIRST_PERSON_NOTE_MAX_WORDS
            and not _quoted(clean[i])
        ):
            roles[i] = (
                "byline",
                f"in the first person, right under the byline on line {i} after the article "
                "(the writer's note on themself)",
            )


#: A live blog's opening post welcomes the reader to the coverage: article text, not an appeal.
_LIVE_WELCOME = re.compile(
    r"^(?:good (?:morning|afternoon|evening)[,.!]?\s+(?:and\s+)?)?welcome to (?:our|the|this) "
    r"(?:live |rolling )?(?:coverage|blog|live blog|updates|reporting)\b",
    re.IGNORECASE,
)


def _live_blog_welcome(text: str) -> bool:
    """True for a live blog's opening post ("Welcome to our live coverage of ..."), which
    speaks to the reader but is the story's own text."""
    return bool(_LIVE_WELCOME.match(text))


#: The reason given to a live blog's opening post; the line model leaves it as it is.
LIVE_WELCOME_REASON = "a live blog's opening post, welcoming the reader to the coverage"


def _live_blog_openers(clean, nonblank, roles) -> None:
    """A paragraph that opens "Welcome to our live coverage of ..." is the live blog's first
    post: article text, though it speaks to the reader (no appeal, no pitch)."""
    for i in nonblank:
        if roles[i] is None and _is_prose(clean[i]) and _live_blog_welcome(clean[i]):
            roles[i] = ("body", f"{LIVE_WELCOME_REASON} (article text)")


DEK_MAX_WORDS = 35  # a dek under the byline and above the lead photo is at most this long
#: A weekday or a day said in words: an article's first paragraph names when it happened, a
#: dek rarely does.
_NEWS_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


def _dek_under_meta(clean, nonblank, roles, headline) -> None:
    """The first line the rules would keep as body, below the headline, right after the byline,
    the dateline or a line of page furniture such as a reading time, and right above the lead
    photo's caption, with at least two paragraphs of prose after it, is the dek (standfirst)
    when it is short and names no day: a Reader View paste puts the dek below the author and
    reading time, and many pages put it between the byline and the photo. A first paragraph
    in that place names when the news happened ("... said Thursday")."""
    if headline is None:
        return
    open_lines = [i for i in nonblank if roles[i] is None and i > headline]
    if len(open_lines) < 3:
        return
    i = open_lines[0]
    k = nonblank.index(i)
    if k == 0 or k + 1 >= len(nonblank):
        return
    above, below = roles[nonblank[k - 1]], roles[nonblank[k + 1]]
    if (
        above is not None
        and (above[0] in ("byline", "dateline") or _pattern_furniture(above))
        and below is not None
        and below[0] == "caption"
        and _is_prose(clean[i])
        and _words(clean[i]) <= DEK_MAX_WORDS
        and not _quoted(clean[i])
        and not _NEWS_DAY.search(clean[i])
        and sum(1 for j in open_lines[1:] if _is_prose(clean[j])) >= 2
    ):
        roles[i] = (
            "standfirst",
            f"a short first sentence naming no day, between the {above[0]} on line "
            f"{nonblank[k - 1] + 1} and the photo caption on line {nonblank[k + 1] + 1} "
            "(the dek)",
        )


_DURATION = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?")


def _video_descriptions(clean, nonblank, roles, headline) -> None:
    """A sentence glued right under a video's duration ("1:58", no blank line between) is the
    video's description (a caption) when it sits above the article's headline or a line of
    page furniture is glued right under it ("Video"): a video page's player block. The same
    under the video's title glued under its duration, with furniture glued above the duration
    ("Watch", "0:58", a title, the description; a live blog's time stamp has a blank line above)."""
    for i in nonblank:
        d = (
            i - 2  # under a title under the duration, in a block glued to furniture above it
            if i > 2
            and roles[i - 1] is not None
            and roles[i - 1][0] == "caption"
            and clean[i - 3]
            and roles[i - 3] is not None
            else i - 1
        )
        if (
            roles[i] is None
            and d >= 0
            and all(clean[j] for j in range(d, i))
            and roles[d] is not None
            and roles[d][1].startswith("video or audio player")
            and _DURATION.match(clean[d])
            and is_terminated(clean[i])
            and _words(clean[i]) <= CAPTION_MAX_WORDS
            and (
                (headline is not None and i < headline)
                or (i + 1 < len(clean) and _pattern_furniture(roles[i + 1]))
            )
        ):
            roles[i] = (
                "caption",
                f"a sentence right under the video's duration on line {d + 1} "
                + (
                    "above the headline"
                    if headline is not None and i < headline
                    else f"with page furniture right under it (line {i + 2})"
                )
                + " (the video's description)",
            )


_AD_LABEL_REASONS = ("advertisement (", "a sponsor's label (")
AD_BLOCK_MAX_LINES = 2  # an advertisement's text under its label is at most this many lines


def _advert_blocks(clean, nonblank, roles) -> None:
    """On a paste with page furniture, the lines the rules would keep as body glued under an
    advertisement's or a sponsor's label ("ADVERTISEMENT", "Presented by ..."; no blank line
    between, other such labels may come between), when at most :data:`AD_BLOCK_MAX_LINES` of
    them come before a blank line, are the advertisement's text: a box standing apart from the
    story. A longer run is the story's paragraphs, one a line, under a stray label."""
    if not has_page_furniture(roles):
        return
    n = len(clean)
    for i in nonblank:
        if roles[i] is None or not roles[i][1].startswith(_AD_LABEL_REASONS):
            continue
        if (
            i > 0
            and clean[i - 1]
            and roles[i - 1] is not None
            and roles[i - 1][1].startswith(_AD_LABEL_REASONS)
        ):
            continue  # the block is read from its first label
        j = i + 1
        while (
            j < n
            and clean[j]
            and roles[j] is not None
            and roles[j][1].startswith(_AD_LABEL_REASONS)
        ):
            j += 1
        block = []
        while j < n and clean[j] and roles[j] is None:
            block.append(j)
            j += 1
        if not block or len(block) > AD_BLOCK_MAX_LINES or (j < n and clean[j]):
            continue
        for k in block:
            roles[k] = (
                "boilerplate",
                f"glued under the advertisement's label on line {i + 1}, with a blank line "
                "after it (an advertisement's text)",
            )


def _box_above_article(clean, nonblank, roles) -> None:
    """On a paste whose paragraphs are separated by blank lines (:func:`_spaced`), a short label
    with no final stop (a crosshead by the rules) with one sentence glued under it and a blank
    line after that, under the byline or dateline and above the article's first paragraph (at
    least three paragraphs of prose follow), is a box set above the article ("Why We Wrote
    This", an editor's note): a crosshead does not come before the first paragraph."""
    if not _spaced(clean, nonblank, roles):
        return
    n = len(clean)
    meta = [i for i in nonblank if roles[i] is not None and roles[i][0] in ("byline", "dateline")]
    if not meta:
        return
    for i in nonblank:
        if i <= meta[0] or roles[i] is None:
            continue
        if roles[i][0] in ("body", "headline"):
            return  # below the first paragraph
        if not (
            roles[i][0] == "subhead"
            and "," not in clean[i]  # "LANGKAT, Indonesia —" is a dateline over the first paragraph
            and not clean[i].endswith(("—", "–", "-"))
            and i + 2 < n
            and clean[i + 1]
            and not clean[i + 2]
            and roles[i + 1] is None
            and _is_prose(clean[i + 1])
        ):
            continue
        if any(roles[j] is None and j < i for j in nonblank):
            return
        if sum(1 for j in nonblank if j > i + 1 and roles[j] is None and _is_prose(clean[j])) < 3:
            return
        roles[i] = ("boilerplate", f"{BOX_REASON}: its label")
        roles[i + 1] = (
            "boilerplate",
            f"{BOX_REASON}: its text, glued under the label on line {i + 1}",
        )
        return


def _site_boxes(clean, nonblank, roles, outlet: str) -> None:
    """On a paste with page furniture, a short label with no final stop (a crosshead by the
    rules) with one line glued under it and a blank line after that, where the line talks about
    the site or speaks to the reader (:func:`analysis.story.line_model.about_site_or_outlet`)
    outside quotation marks, is a box about the site ("Quick Guide" over "How do I sign up for
    breaking news alerts?"): the label and its line."""
    if not has_page_furniture(roles):
        return
    n = len(clean)
    for i in nonblank:
        if not (
            roles[i] is not None
            and roles[i][0] == "subhead"
            and i + 1 < n
            and clean[i + 1]
            and (i + 2 >= n or not clean[i + 2])
            and roles[i + 1] is None
            and not _quoted(clean[i + 1])
            and line_model.about_site_or_outlet(clean[i + 1], outlet)
            and line_model._SELF_SITE.search(line_model._unquoted(clean[i + 1]))
        ):
            continue
        roles[i] = ("boilerplate", f"{SITE_BOX_REASON}: its label")
        roles[i + 1] = (
            "boilerplate",
            f"{SITE_BOX_REASON}: its line, glued under the label on line {i + 1}",
        )


SITE_BOX_REASON = (
    "a short label with one line about the site glued under it and a blank line after "
    "(a box about the site)"
)


BOX_REASON = (
    "a short label with one sentence glued under it, under the byline or dateline and above "
    "the first paragraph (a box set above the article)"
)


_DASH_SIGNATURE = re.compile(r"^[—–-]\s*(?P<name>[^—–\-].*)$")


def _dash_signatures(clean, nonblank, roles) -> None:
    """A line that is a dash and a person's name alone (:func:`is_bare_name`: "— Kristine
    Salvador"), right under a paragraph, is its writer's signature (a live blog signs each
    post so): a byline. Not in a list (another dash line right above or below it)."""
    dashed = {i for i in nonblank if _DASH_SIGNATURE.match(clean[i])}
    for k, i in enumerate(nonblank):
        m = _DASH_SIGNATURE.match(clean[i])
        if (
            m is None
            or k == 0
            or not is_bare_name(m.group("name").strip())
            or (roles[i] is not None and roles[i] != ("body", "list item"))
            or nonblank[k - 1] in dashed
            or (k + 1 < len(nonblank) and nonblank[k + 1] in dashed)
            or not is_terminated(clean[nonblank[k - 1]])
        ):
            continue
        roles[i] = ("byline", "a dash and a name alone under a paragraph (its writer's signature)")


#: The label over a comment section ("Comments", "12 comments", "Reader comments (4)").
_COMMENTS_LABEL = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses|discussion)\s*(?:\(\d+\))?$"
    r"|^join the (?:conversation|discussion)$",
    re.IGNORECASE,
)
#: A comment's own controls ("Reply", "Like", "Report", "3 likes").
_COMMENT_CONTROL = re.compile(
    r"^(?:reply|replies|like|likes|report|flag|share|\d+\s+(?:likes?|replies|repl(?:y|ies)))"
    r"(?:\s*[·|•]\s*(?:reply|like|report|share))*$",
    re.IGNORECASE,
)
COMMENT_MIN_CONTROLS = 2  # a comment section shows at least this many comment controls


def _comment_sections(clean, nonblank, roles) -> None:
    """On a paste with page furniture, a comment section: a label ("Comments", "12 comments")
    in the page's last half, followed by readers' comments with their controls ("Reply",
    "Like"; at least :data:`COMMENT_MIN_CONTROLS`). Every line from the label down to the last
    control is furniture, the comments too: readers' words, not the article's."""
    if not has_page_furniture(roles):
        return
    for k, i in enumerate(nonblank):
        if k < len(nonblank) * FOOTER_START_SHARE or not _COMMENTS_LABEL.match(clean[i]):
            continue
        after = nonblank[k + 1 :]
        controls = [j for j in after if _COMMENT_CONTROL.match(clean[j])]
        if len(controls) < COMMENT_MIN_CONTROLS:
            continue
        for j in [i] + [j for j in after if j <= controls[-1]]:
            if roles[j] is None or roles[j][0] in ("body", "subhead"):
                roles[j] = (
                    "boilerplate",
                    f"in the comment section under the label on line {i + 1} (readers' "
                    f"comments and their controls, {len(controls)} of them)",
                )
        return


def _question_crossheads(clean, nonblank, roles) -> None:
    """On a web paste (:func:`has_page_furniture`), a short question standing alone between two
    paragraphs of prose, with blank lines around it, no comma and no quotation mark, is a
    crosshead ("Who pays for the bins?"): a paragraph that asks a question goes on to answer it.
    Not in an interview written as questions and answers: when three or more questions stand
    alone like that and the answers under half of them or more speak in the first person ("I",
    "my", "we") or the page says it is an interview ("an edited transcript of the interview",
    "Q&A", "edited for length and clarity"), the questions are the interviewer's and belong to
    the text."""
    if not has_page_furniture(roles):
        return
    alone = [
        (i, nonblank[k + 1])
        for k, i in enumerate(nonblank)
        if roles[i] is None
        and 0 < k < len(nonblank) - 1
        and clean[i].endswith("?")
        and not _quoted(clean[i])
        and not clean[i - 1]
        and not (i + 1 < len(clean) and clean[i + 1])
    ]
    spoken = sum(bool(_FIRST_PERSON.search(clean[nxt])) for _, nxt in alone)
    if len(alone) >= 3 and (
        2 * spoken >= len(alone) or any(_INTERVIEW.search(clean[i]) for i in nonblank)
    ):
        return
    for k, i in enumerate(nonblank):
        if (
            roles[i] is not None
            or not 0 < k < len(nonblank) - 1
            or not clean[i].endswith("?")
            or _words(clean[i]) > SUBHEAD_MAX_WORDS
            or "," in clean[i]
            or _quoted(clean[i])
            or clean[i - 1]
            or (i + 1 < len(clean) and clean[i + 1])
        ):
            continue
        prev, nxt = nonblank[k - 1], nonblank[k + 1]
        if all(
            (roles[j] is None or roles[j][0] == "body") and _is_prose(clean[j]) for j in (prev, nxt)
        ):
            roles[i] = (
                "subhead",
                "a short question standing alone between two paragraphs, with blank lines "
                "around it (a crosshead)",
            )
        elif (
            roles[prev] is not None
            and roles[prev][0] in ("caption", "standfirst", "credit")
            and (roles[nxt] is None or roles[nxt][0] == "body")
            and _is_prose(clean[nxt])
            and any(
                j != i
                and roles[j] is not None
                and roles[j][0] == "subhead"
                and clean[j].endswith("?")
                for j in nonblank
            )
        ):
            roles[i] = (
                "subhead",
                f"a short question standing alone under the {roles[prev][0]} on line {prev + 1} "
                "and over a paragraph, with blank lines around it, on a page whose other "
                "crossheads are questions too (a crosshead)",
            )
    # An explainer's crossheads are all questions: once one is, a longer question standing alone
    # over a paragraph (up to QUESTION_CROSSHEAD_MAX_WORDS words) is one too, whatever is above;
    # on a paste with no blank lines between paragraphs, a question line between two paragraphs.
    asked = [j for j in nonblank if roles[j] is not None and roles[j][0] == "subhead"]
    if not any(clean[j].endswith("?") for j in asked):
        return
    glued = not _spaced(clean, nonblank, roles)
    between = [
        (i, nonblank[k + 1])
        for k, i in enumerate(nonblank)
        if glued
        and roles[i] is None
        and 0 < k < len(nonblank) - 1
        and clean[i].endswith("?")
        and not _quoted(clean[i])
        and any(roles[j] is None and _is_prose(clean[j]) for j in nonblank[:k])
    ]  # below the first paragraph
    spoken = sum(bool(_FIRST_PERSON.search(clean[nxt])) for _, nxt in between)
    if len(between) >= 3 and (
        2 * spoken >= len(between) or any(_INTERVIEW.search(clean[i]) for i in nonblank)
    ):
        between = []  # an interview's questions, glued to its answers
    for i, nxt in alone + between:
        if (
            roles[i] is None
            and _words(clean[i]) <= QUESTION_CROSSHEAD_MAX_WORDS
            and "," not in clean[i]
            and clean[i][:1].isupper()
            and (roles[nxt] is None or roles[nxt][0] == "body")
            and _is_prose(clean[nxt])
        ):
            roles[i] = (
                "subhead",
                "a question standing alone over a paragraph, with blank lines around it, on a "
                "page whose other crossheads are questions too (a crosshead)"
                if not glued
                else "a question line between two paragraphs of a paste with no blank lines "
                "between paragraphs, on a page whose other crossheads are questions too (a "
                "crosshead)",
            )


# A page that says it is an interview written as questions and answers.
_INTERVIEW = re.compile(
    r"\b(?:Q ?& ?A|transcript|this interview|interview follows|interview has been)\b"
    r"|\bedited for (?:length|clarity)",
    re.IGNORECASE,
)
# An answer in an interview speaks in the first person.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|[Mm]y|me|[Ww]e|[Oo]ur|us)\b")

_BARE_NUMBER = re.compile(r"\d{1,2}")


def _bare_numbers(clean, nonblank, roles) -> None:
    """On a web paste, a line that is only a number of one or two digits, which the rules read
    as the start of a broken sentence, is page furniture: an image count over a photo, a page
    number."""
    if not has_page_furniture(roles):
        return
    for i in nonblank:
        if roles[i] == ("body", BROKEN_SENTENCE) and _BARE_NUMBER.fullmatch(clean[i]):
            roles[i] = (
                "boilerplate",
                "a number standing alone on a web page (an image count or a page number)",
            )


_EMAIL_LINE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _author_emails(clean, nonblank, roles, author: str) -> None:
    """A line that is only an e-mail address whose part before the "@" holds the manifest
    author's first or last name (three letters or more) is the author's address: a byline
    ("name.surname@paper.com" after the last paragraph)."""
    names = [w for w in re.sub(r"[^a-z ]", "", author.lower()).split() if len(w) >= 3]
    if not names:
        return
    for i in nonblank:
        if roles[i] is None and _EMAIL_LINE.fullmatch(clean[i]):
            local = re.sub(r"[^a-z]", "", clean[i].split("@")[0].lower())
            if any(n in local for n in names):
                roles[i] = ("byline", "an e-mail address holding the manifest author's name")


_STAFF_BYLINE = re.compile(
    r"(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})\s*/\s*(?:staff|senior|special|contributing|"
    r"freelance|chief)?\s*(?:reporter|correspondent|writer|journalist)",
    re.IGNORECASE,
)


def _staff_bylines(clean, nonblank, roles) -> None:
    """A line "Name/Staff Reporter" is a byline, not a photo credit ("Name/Agency"): the part after
    the slash is a writer's job, not a picture agency."""
    for i in nonblank:
        role = roles[i]
        if role is not None and role[0] == "caption" and _STAFF_BYLINE.fullmatch(clean[i]):
            roles[i] = ("byline", "a name, a slash and a writer's job (a byline)")


_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[:.][0-5]\d")
_KEY_EVENTS = re.compile(r"key events?:?", re.IGNORECASE)


def _live_post_times(clean, nonblank, roles) -> None:
    """On a live blog, a time of day alone on a line ("12:48") with a short title glued under
    it and a paragraph of prose under that is a post's time stamp (a dateline), not a video's
    duration, and the title is the post's title (a subhead), not a video's: at least
    :data:`LIVE_MIN_STAMPS` such posts make the page a live blog. The short lines glued under
    its "Key Events" label are its summary (standfirst)."""
    posts = []
    for i in nonblank:
        t, title, text = i, i + 1, i + 2
        if (
            text < len(clean)
            and _CLOCK.fullmatch(clean[t])
            and clean[title]
            and not is_terminated(clean[title])
            and _words(clean[title]) <= UNTERMINATED_MAX_WORDS
            and clean[text]
            and is_terminated(clean[text])
            and (roles[text] is None or roles[text][0] == "body")
        ):
            posts.append((t, title))
    if len(posts) < LIVE_MIN_STAMPS:
        return
    for t, title in posts:
        if roles[t] is None or roles[t][0] == "boilerplate":
            roles[t] = (
                "dateline",
                "a time of day over a post's title on a live blog (its time stamp)",
            )
        if roles[title] is None or roles[title][0] in ("caption", "boilerplate"):
            roles[title] = (
                "subhead",
                f"a short line under the time stamp on line {t + 1} of a live blog (a post's title)",
            )
    for i in nonblank:
        if (
            roles[i] is not None
            and roles[i][0] == "boilerplate"
            and _KEY_EVENTS.fullmatch(clean[i])
        ):
            j = i + 1
            while j < len(clean) and clean[j] and not is_terminated(clean[j]):
                if roles[j] is None or (
                    roles[j][0] in ("caption", "boilerplate") and not _pattern_furniture(roles[j])
                ):
                    roles[j] = (
                        "standfirst",
                        f"a key event under the label on line {i + 1} of a live blog (a summary)",
                    )
                j += 1


# A time of day standing alone ("8:51am", "11:20 AM", "12:48", "14.02 GMT").
_TIME_ALONE = re.compile(
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?", re.IGNORECASE
)


def _live_blog_intro(clean, nonblank, roles) -> None:
    """On a live blog (at least :data:`LIVE_MIN_STAMPS` times of day standing alone as
    datelines, each over a post), the one paragraph the rules leave open between the page's top
    (a byline, a dateline, the headline) and the first post's time stamp is the blog's
    introduction, a standfirst, not a post: every post starts under its time. Not a welcome
    ("Welcome to our live coverage ...", :func:`_live_blog_openers`), which is text."""
    stamps = [
        i
        for i in nonblank
        if roles[i] is not None and roles[i][0] == "dateline" and _TIME_ALONE.fullmatch(clean[i])
    ]
    if len(stamps) < LIVE_MIN_STAMPS:
        return
    top = [
        i
        for i in nonblank
        if i < stamps[0]
        and roles[i] is not None
        and roles[i][0] in ("headline", "byline", "dateline")
    ]
    if not top:
        return
    open_above = [i for i in nonblank if top[-1] < i < stamps[0] and roles[i] is None]
    if len(open_above) == 1 and _is_prose(clean[open_above[0]]):
        roles[open_above[0]] = (
            "standfirst",
            f"the one paragraph above the first post's time stamp (line {stamps[0] + 1}) of a "
            "live blog, under its byline or dateline (the blog's introduction)",
        )


def classify_lines(
    articles: pd.DataFrame,
    story_folder: str | Path | None = None,
    warnings: list[dict] | None = None,
    model=None,
    story_words: dict[str, StoryWords] | None = None,
) -> pd.DataFrame:
    """The lines table: one row per raw line of every article, columns :data:`LINE_COLUMNS`.

    ``line`` is the 1-based line number in the raw file; ``text`` the raw line (no end-of-line
    characters); ``clean`` its display text (:func:`clean_line`); ``eol`` the line ending it had
    (``"\\r\\n"``, ``"\\n"``, ``"\\r"`` or ``""``); ``paragraph`` the 1-based body paragraph
    number (0 for lines that are not body). The story folder's ``roles.csv``, if any, has the
    last word (:func:`apply_user_roles`).

    A pattern of the story's own ``furniture.csv`` that runs over its time limit on a line
    (:mod:`analysis.story.patterns`) counts as no match there and is not used for the rest of
    the story; a ``regex-timeout`` warning (``file, line, code, message``) naming it, the file
    and the line is appended to ``warnings``.

    ``story_words`` (by file, from :func:`analysis.story.loading.story_vocabulary`) turns on the
    rule that reads a paragraph sharing no words with the story's other articles as furniture;
    without it every article is classified on its own.
    """
    rules = load_rules(story_folder)
    user = [r for r in rules if isinstance(r.pattern, UserPattern)]
    for r in user:
        r.pattern.take_timeouts()  # type: ignore[attr-defined]  # the rules are cached: start this story afresh
    rows = []
    for art in articles.itertuples(index=False):
        pairs = split_lines(art.text)
        clean = [clean_line(t) for t, _ in pairs]
        roles = classify_article(
            clean,
            art.outlet,
            rules,
            getattr(art, "author", "") or "",
            model,
            _text(getattr(art, "headline", "")),
            None if story_words is None else story_words.get(art.file),
        )
        for r in [r for r in user if r.pattern.stopped]:  # type: ignore[attr-defined]
            text = r.pattern.take_timeouts()[0]  # type: ignore[attr-defined]
            n = next((k for k, c in enumerate(clean, start=1) if c == text), 0)
            if warnings is not None:
                warnings.append(
                    {
                        "file": art.file,
                        "line": n,
                        "code": "regex-timeout",
                        "message": timeout_message(r.pattern, f"{art.file} line {n}"),  # type: ignore[arg-type]
                    }
                )
            rules = tuple(x for x in rules if x is not r)
            user.remove(r)
        joins: set[int] = set()
        width = wrap_width(clean)
        if width is not None:
            read, joins = mend_hard_wrap(clean, roles, width)
            if warnings is not None:
                warnings.extend(wrapped_warnings(art.file, clean, width, bool(joins)))
            roles = read
        elif warnings is not None:
            warnings.extend(hard_wrap_warnings(art.file, roles))
        if any(eol in SOFT_BREAKS for _, eol in pairs):
            roles = join_soft_breaks(pairs, roles, joins)
        para = 0
        for n, ((text, eol), cl, (role, reason)) in enumerate(zip(pairs, clean, roles), start=1):
            if role == "body" and n - 1 not in joins:
                para += 1
            rows.append(
                (
                    art.file,
                    art.outlet,
                    n,
                    role,
                    reason,
                    text,
                    cl,
                    eol,
                    para if role == "body" else 0,
                )
            )
    frame = pd.DataFrame(rows, columns=LINE_COLUMNS).astype({"line": "int64", "paragraph": "int64"})
    return apply_user_roles(frame, story_folder)


#: A paste is hard-wrapped when at least this many of its body lines, and this share of them,
#: are sentences broken over two lines.
HARD_WRAP_MIN_LINES = 3
HARD_WRAP_SHARE = 0.3
BROKEN_SENTENCE = "sentence broken over two lines"


def hard_wrap_warnings(file: str, roles: list[tuple[str, str]]) -> list[dict]:
    """A ``hard-wrapped`` warning (``file, line, code, message``) for an article whose body lines
    are mostly sentences broken at the end of a line (text copied from a PDF, an e-mail or a
    fixed-width page) but that :func:`wrap_width` does not find wrapped at one width: each line
    is read as a paragraph, so its sentences are cut at the line ends. Empty for every other
    article."""
    body = [n for n, (role, _) in enumerate(roles, start=1) if role == "body"]
    broken = [
        n
        for n, (role, why) in enumerate(roles, start=1)
        if role == "body" and why == BROKEN_SENTENCE
    ]
    if len(broken) < HARD_WRAP_MIN_LINES or len(broken) < HARD_WRAP_SHARE * len(body):
        return []
    return [
        {
            "file": file,
            "line": broken[0],
            "code": "hard-wrapped",
            "message": (
                f"{file}: {len(broken)} of its {len(body)} body lines end in the middle of a "
                "sentence (a hard-wrapped paste); its lines are too uneven to find the wrap "
                "width, so each is read as a paragraph and sentences are cut at the line ends: "
                "paste the text with one paragraph per line"
            ),
        }
    ]


#: In a hard-wrapped paste, a line at least this share of the wrap width long, with the paragraph
#: going on right below it, is a line of that paragraph whatever its own shape.
HARD_WRAP_FULL_LINE = 0.75
#: Lines of a hard-wrapped paste longer than this multiple of the median broken line are not
#: used to find the wrap width (a paragraph pasted whole among wrapped ones).
HARD_WRAP_OUTLIER = 1.5
_FIRST_WORD = re.compile(r"\S*")


#: A text line, for finding a wrap width, has at least this many words.
WRAP_LINE_MIN_WORDS = 4
#: At most this share of the text lines may be longer than the wrap width (by 15%).
WRAP_OVERLONG_SHARE = 0.1
#: Wrapped text fills its lines: at least this many text lines, and this share of them, are
#: between :data:`HARD_WRAP_FULL_LINE` of the width and the width (every line of a paragraph but
#: its last).
WRAP_MIN_FULL_LINES = 5
WRAP_FULL_SHARE = 0.5
#: Text is not wrapped narrower or wider than this many characters (a PDF's lines hold about
#: 60-110; a list of names is not wrapped text).
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 160


def wrap_width(clean: list[str]) -> int | None:
    """The width (in characters) a hard-wrapped paste was wrapped at, or None for a paste that is
    not hard-wrapped. Read from the shape of the text alone, before any role: among the lines of
    :data:`WRAP_LINE_MIN_WORDS` words or more, at least :data:`HARD_WRAP_MIN_LINES`, and
    :data:`HARD_WRAP_SHARE` of them, end with no final stop; the width is the longest of those
    (leaving out any longer than :data:`HARD_WRAP_OUTLIER` times their median); at least
    :data:`HARD_WRAP_MIN_LINES` of them reach :data:`HARD_WRAP_FULL_LINE` of it, and as many
    have their sentence go on in lower case on the next line; it is between
    :data:`WRAP_MIN_WIDTH` and :data:`WRAP_MAX_WIDTH`; at most :data:`WRAP_OVERLONG_SHARE` of the text lines are longer than
    it by 15% (a page with one paragraph per line has many lines far longer than its unterminated
    ones); and the text lines fill it (:data:`WRAP_MIN_FULL_LINES`, :data:`WRAP_FULL_SHARE`)."""
    text = [c for c in clean if len(c.split()) >= WRAP_LINE_MIN_WORDS]
    open_ = sorted(len(c) for c in text if not is_terminated(c))
    if len(open_) < HARD_WRAP_MIN_LINES or len(open_) < HARD_WRAP_SHARE * len(text):
        return None
    median = open_[len(open_) // 2]
    width = max(n for n in open_ if n <= HARD_WRAP_OUTLIER * median)
    if sum(1 for n in open_ if n >= HARD_WRAP_FULL_LINE * width) < HARD_WRAP_MIN_LINES:
        return None
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return None
    carried = sum(
        1
        for c, below in zip(clean, clean[1:])
        if len(c) >= HARD_WRAP_FULL_LINE * width and not is_terminated(c) and below[:1].islower()
    )
    if carried < HARD_WRAP_MIN_LINES:
        return None
    if sum(1 for c in text if len(c) > 1.15 * width) > WRAP_OVERLONG_SHARE * len(text):
        return None
    full = sum(1 for c in text if HARD_WRAP_FULL_LINE * width <= len(c) <= width)
    if full < WRAP_MIN_FULL_LINES or full < WRAP_FULL_SHARE * len(text):
        return None
    return width


def wrapped_warnings(file: str, clean: list[str], width: int, mended: bool) -> list[dict]:
    """The ``hard-wrapped`` warning for a paste :func:`wrap_width` found wrapped at ``width``."""
    text = [n for n, c in enumerate(clean, start=1) if len(c.split()) >= WRAP_LINE_MIN_WORDS]
    open_ = [n for n in text if not is_terminated(clean[n - 1])]
    return [
        {
            "file": file,
            "line": open_[0],
            "code": "hard-wrapped",
            "message": (
                f"{file}: {len(open_)} of its {len(text)} text lines end in the middle of a "
                f"sentence, wrapped at about {width} characters (a hard-wrapped paste); "
                + (
                    "its lines are joined back into paragraphs (a line continues on the next "
                    "when it ends mid-sentence, when the paste puts blank lines between "
                    "paragraphs, or when the next word would not have fitted on it): check the "
                    "lines in notebook 01, or paste the text with one paragraph per line"
                    if mended
                    else "no lines could be joined: paste the text with one paragraph per line"
                )
            ),
        }
    ]


def mend_hard_wrap(
    clean: list[str], roles: list[tuple[str, str]], width: int
) -> tuple[list[tuple[str, str]], set[int]]:
    """Read a paste hard-wrapped at ``width`` characters (:func:`wrap_width`) back into
    paragraphs.

    Returns the roles with lines read back as body, and the (0-based) lines that continue the
    body paragraph of the line right above them:

    - a line right under a body line that ends mid-sentence (no blank line between) goes on
      with that sentence, whatever its own shape or a pattern says (a wrapped line can look like
      a date line or a caption): body;
    - a line with no final stop as long as the wrapped lines (:data:`HARD_WRAP_FULL_LINE` of the
      width) with a line right below it (no blank line between) is a line of a paragraph: body,
      and so, by the first rule, is the line below it;
    - a body line continues the paragraph of the body line right above it when that line ends
      mid-sentence, when the paste puts blank lines between its paragraphs, or when this line's
      first word would not have fitted on that line (the rule a text wrapper follows: a line that
      stops short of the width, with room for the next word, ended its paragraph). List items
      start their own paragraph, unless the line above is a full line stopping mid-sentence
      (:func:`_dash_goes_on`: a dash or a number the wrapper put at the start of a line).

    The headline is left as it is, and so are the lines :func:`_kept_from_wrap` finds (the
    page's head, link lines, a wrapped caption over its photo credit). Reasons say what was
    read back and what was joined."""
    roles, keep = _kept_from_wrap(clean, roles)
    n = len(roles)
    changed = True
    while changed:
        changed = False
        for i in range(1, n):  # top down: a sentence going on from the line above
            role, why = roles[i]
            if (
                role not in ("body", "blank", "headline")
                and i not in keep
                and roles[i - 1][0] == "body"
                and not is_terminated(clean[i - 1])
            ):
                roles[i] = (
                    "body",
                    f"goes on with the sentence of the line above (a hard-wrapped paste; read "
                    f"alone as {role}: {why})",
                )
                changed = True
        for i in range(n - 2, -1, -1):  # bottom up: a full line whose paragraph goes on below
            role, why = roles[i]
            if (
                role not in ("body", "blank", "headline")
                and i not in keep
                and not is_terminated(clean[i])
                and len(clean[i]) >= HARD_WRAP_FULL_LINE * width
                and roles[i + 1][0] != "blank"
            ):
                roles[i] = (
                    "body",
                    f"as long as the wrapped lines, with its paragraph going on below it (a "
                    f"hard-wrapped paste; read alone as {role}: {why})",
                )
                changed = True
    body = [i for i, (role, _) in enumerate(roles) if role == "body"]
    if not body:
        return roles, set()
    first, last = body[0], body[-1]
    blank_separated = (
        sum(
            1
            for i in range(first + 1, last)
            if roles[i][0] == "blank" and roles[i - 1][0] == "body" and roles[i + 1][0] == "body"
        )
        >= 2
    )
    joins: set[int] = set()
    start = first
    for i in range(first + 1, last + 1):
        if roles[i][0] != "body":
            continue
        above = clean[i - 1]
        if (
            roles[i - 1][0] == "body"
            and (not _LIST_ITEM.match(clean[i]) or _dash_goes_on(above, width))
            and (
                blank_separated
                or not is_terminated(above)
                or len(above) + 1 + len(_FIRST_WORD.match(clean[i]).group()) > width  # type: ignore[union-attr]
            )
        ):
            joins.add(i)
            roles[i] = (
                "body",
                f"{roles[i][1]}; continues the paragraph of line {start + 1} (a hard-wrapped paste)",
            )
        else:
            start = i
    return roles, joins


#: A line that opens with a link label as a page shows it ("Related: <headline>", "READ MORE:
#: ..."): no line of a wrapped sentence opens that way.
_LINK_LINE = re.compile(
    r"^(?:Read more|Read also|Also read|See also|Related|More on this|Must read|READ MORE|"
    r"READ ALSO|ALSO READ|SEE ALSO|RELATED)\s*[:|»›>–-]\s*\S"
)
#: A caption of a hard-wrapped paste, its photo credit included, is at most this many lines.
WRAPPED_CAPTION_MAX_LINES = 3


def _kept_from_wrap(
    clean: list[str], roles: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], set[int]]:
    """The lines of a hard-wrapped paste that :func:`mend_hard_wrap` leaves with the role they
    were read with alone (0-based), and the roles with wrapped captions read back:

    - the page's head: every line down to the first byline or dateline (and the bylines and
      datelines right under it), when that lies above the first body line (a headline wrapped
      over two lines is no paragraph, and the byline under it does not go on with its words);
    - a line that opens with a link label (:data:`_LINK_LINE`);
    - a caption wrapped over lines: a line read alone as a caption ending with a photo credit,
      under body lines that stop mid-sentence (from the last line that ends a sentence, at most
      :data:`WRAPPED_CAPTION_MAX_LINES` lines in all): those lines are the caption too."""
    roles = list(roles)
    keep: set[int] = set()
    body = [i for i, (role, _) in enumerate(roles) if role == "body"]
    meta = next((i for i, (role, _) in enumerate(roles) if role in ("byline", "dateline")), None)
    if meta is not None and body and meta < body[0]:
        end = meta
        while end + 1 < len(roles) and roles[end + 1][0] in ("byline", "dateline"):
            end += 1
        keep.update(i for i in range(end + 1) if roles[i][0] != "blank")
    keep.update(i for i, c in enumerate(clean) if _LINK_LINE.match(c) and roles[i][0] != "body")
    for i, (role, why) in enumerate(roles):
        if role != "caption" or "photo credit" not in why:
            continue
        start = i
        while (
            start > 0
            and roles[start - 1][0] == "body"
            and not is_terminated(clean[start - 1])
            and i - start + 1 < WRAPPED_CAPTION_MAX_LINES
        ):
            start -= 1
        if start == i or (
            start > 0 and roles[start - 1][0] == "body" and not is_terminated(clean[start - 1])
        ):
            continue  # no line above it, or more lines than a caption has: a paragraph
        for j in range(start, i):
            roles[j] = (
                "caption",
                f"a caption wrapped over lines {start + 1} to {i + 1}, whose last line ends with "
                f"a photo credit (a hard-wrapped paste; read alone as {roles[j][0]}: "
                f"{roles[j][1]})",
            )
        keep.update(range(start, i + 1))
    return roles, keep


def _dash_goes_on(above: str, width: int) -> bool:
    """True when a line that looks like a list item ("- means ...", "18. The ...") goes on
    with the sentence of the line above it in a hard-wrapped paste: that line is as long as the
    wrapped lines (:data:`HARD_WRAP_FULL_LINE` of the width) and stops mid-sentence, not on a
    colon. A list's items are short, or follow a line ending in a colon or a full stop."""
    return (
        len(above) >= HARD_WRAP_FULL_LINE * width
        and not is_terminated(above)
        and not above.rstrip().endswith(":")
    )


#: Line ends that break a line inside a paragraph: Unicode's LINE SEPARATOR (a web page's
#: ``<br>`` kept in copied text) and the vertical tab (a word processor's manual line break).
#: U+2029, PARAGRAPH SEPARATOR, ends a paragraph.
SOFT_BREAKS = ("\u2028", "\x0b")


def join_soft_breaks(
    pairs: list[tuple[str, str]], roles: list[tuple[str, str]], joins: set[int]
) -> list[tuple[str, str]]:
    """A body line right after a body line that ends with a line break inside a paragraph
    (:data:`SOFT_BREAKS`) continues that paragraph: its (0-based) index is added to ``joins``
    and its reason says so. Returns the roles."""
    roles = list(roles)
    start = 0
    for i, (role, why) in enumerate(roles):
        if role != "body":
            continue
        if i and roles[i - 1][0] == "body" and pairs[i - 1][1] in SOFT_BREAKS:
            if i not in joins:
                joins.add(i)
                roles[i] = (
                    role,
                    f"{why}; continues the paragraph of line {start + 1} (a line break inside "
                    "a paragraph)",
                )
        elif i not in joins:
            start = i
    return roles


def join_wrapped(texts: list[str]) -> str:
    """One paragraph from the lines it was wrapped over: joined with a space, or with nothing
    after a hyphen glued to a word where the next line goes on in lower case or with a digit
    (``short-`` + ``sighted``, ``2023-`` + ``24``: the hyphen is kept)."""
    out = texts[0]
    for t in texts[1:]:
        if (
            len(out) > 1
            and out[-1] == "-"
            and out[-2].isalnum()
            and (t[:1].islower() or t[:1].isdigit())
        ):
            out += t
        else:
            out += " " + t
    return out


def _text(value) -> str:
    """A manifest cell as text: blank for a missing value (None, NaN)."""
    return value if isinstance(value, str) else ""


def paragraphs(lines: pd.DataFrame) -> pd.DataFrame:
    """The body paragraphs, one row each, columns :data:`PARAGRAPH_COLUMNS`.

    ``start`` and ``end`` are character offsets of the paragraph in the article's body text
    (:func:`bodies`), where paragraphs are joined with :data:`PARAGRAPH_SEPARATOR`.
    """
    rows = []
    for file, group in _body_rows(lines).items():
        pos = 0
        for _, outlet, paragraph, line, clean in _joined(group):
            rows.append((file, outlet, paragraph, line, pos, pos + len(clean), clean))
            pos += len(clean) + len(PARAGRAPH_SEPARATOR)
    frame = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    return frame.astype({"paragraph": "int64", "line": "int64", "start": "int64", "end": "int64"})


def _body_rows(lines: pd.DataFrame) -> dict[str, list[tuple]]:
    """Each file's body rows ``(file, outlet, paragraph, line, clean)`` in order, files in order
    of first appearance (a groupby(sort=False) read from plain lists: a groupby and itertuples
    per article cost more than the rest)."""
    body = lines[lines["role"] == "body"]
    groups: dict[str, list[tuple]] = {}
    cols = ("file", "outlet", "paragraph", "line", "clean")
    for row in zip(*(body[c].tolist() for c in cols)):
        groups.setdefault(row[0], []).append(row)
    return groups


def _joined(group: list[tuple]) -> list[tuple]:
    """One article's body rows ``(file, outlet, paragraph, line, clean)`` with the lines of one
    paragraph (a hard-wrapped paste: :func:`mend_hard_wrap`) joined into one row, numbered by its
    first line."""
    if len(group) == len({row[2] for row in group}):
        return group  # one line per paragraph: every paste that is not hard-wrapped
    out: list[tuple] = []
    texts: list[str] = []
    for row in group:
        if out and out[-1][2] == row[2]:
            texts.append(row[4])
            continue
        if out:
            out[-1] = out[-1][:4] + (join_wrapped(texts),)
        out.append(row)
        texts = [row[4]]
    out[-1] = out[-1][:4] + (join_wrapped(texts),)
    return out


def bodies(lines: pd.DataFrame, files=None) -> pd.Series:
    """Each article's body text (its body paragraphs joined by a blank line), indexed by file.
    Articles with no body get an empty string. Pass ``files`` (the articles' file names) so an
    empty file, which has no lines, still gets its (empty) row."""
    files = list(dict.fromkeys(lines["file"] if files is None else files))
    body = pd.Series(
        {
            f: PARAGRAPH_SEPARATOR.join(r[4] for r in _joined(g))
            for f, g in _body_rows(lines).items()
        },
        dtype=object,
    )
    body.index.name = "file"
    return body.reindex(files, fill_value="").rename("body")


def rebuild_raw(lines: pd.DataFrame, file: str) -> str:
    """The decoded text of ``file`` rebuilt from its lines table rows (every role included)."""
    part = lines[lines["file"] == file].sort_values("line")
    return "".join(t + e for t, e in zip(part["text"], part["eol"]))


# --------------------------------------------------------------------------- the user's roles

#: A story folder's own roles, one row per line: ``file, line, role, note``. They replace the
#: automatic roles and say so in ``reason``.
USER_ROLES_FILE = "roles.csv"
USER_ROLE_COLUMNS = ("file", "line", "role", "note")


def read_user_roles(story_folder: str | Path | None) -> dict[tuple[str, int], tuple[str, str, int]]:
    """The story folder's ``roles.csv`` as ``{(file, line): (role, note, csv_line)}``; empty
    when there is none. Raises ``ValueError`` naming the file and its line for a role that is not
    one of :data:`ROLES` (``blank`` excluded), a line number that is not a whole number from 1,
    or a line given twice."""
    if story_folder is None:
        return {}
    path = Path(story_folder) / USER_ROLES_FILE
    if not path.is_file():
        return {}
    frame = datafiles.read_csv(path, ("file", "line", "role"))
    out: dict[tuple[str, int], tuple[str, str, int]] = {}
    for k, row in enumerate(frame.to_dict("records"), start=2):
        role = row["role"].strip()
        if role not in ROLES or role == "blank":
            raise ValueError(
                f"{path} line {k}: role {role!r} is not one of "
                f"{', '.join(r for r in ROLES if r != 'blank')}"
            )
        try:
            line = int(row["line"])
        except ValueError:
            line = 0
        if line < 1:
            raise ValueError(
                f"{path} line {k}: line {row['line']!r} is not a line number (1, 2, ...)"
            )
        key = (row["file"].strip(), line)
        if key in out:
            raise ValueError(
                f"{path} line {k}: {key[0]} line {line} is given a role twice "
                f"(also on line {out[key][2]})"
            )
        out[key] = (role, row.get("note", "").strip(), k)
    return out


def apply_user_roles(lines: pd.DataFrame, story_folder: str | Path | None) -> pd.DataFrame:
    """``lines`` with the roles of the story's ``roles.csv`` put in place of the automatic ones
    (the reason names the row and the role it replaced) and the body paragraphs numbered again.
    Raises ``ValueError`` naming ``roles.csv`` and its line for a file that is not in the story,
    a line the file does not have, or a blank line."""
    user = read_user_roles(story_folder)
    if not user:
        return lines
    path = Path(story_folder) / USER_ROLES_FILE  # type: ignore[arg-type]
    lines = lines.copy()
    index = {(f, n): i for i, (f, n) in enumerate(zip(lines["file"], lines["line"]))}
    files = set(lines["file"])
    role_col, reason_col = lines.columns.get_loc("role"), lines.columns.get_loc("reason")
    for (file, n), (role, note, k) in user.items():
        if file not in files:
            raise ValueError(f"{path} line {k}: {file} is not an article of this story")
        i = index.get((file, n))
        if i is None:
            raise ValueError(f"{path} line {k}: {file} has no line {n}")
        if lines.iat[i, role_col] == "blank":
            raise ValueError(f"{path} line {k}: {file} line {n} is blank")
        was, why = lines.iat[i, role_col], lines.iat[i, reason_col]
        said = f"set by the user in {USER_ROLES_FILE}:{k}" + (f" ({note})" if note else "")
        lines.iat[i, reason_col] = (
            f"{said}; automatic role {was}: {why}"
            if was != role
            else f"{said}; the automatic role too"
        )
        lines.iat[i, role_col] = role
    # A line the cleaner joined to the paragraph above (a hard-wrapped paste) stays joined while
    # the line above it is still body.
    body = lines["role"] == "body"
    auto = lines["paragraph"]
    same_file = lines["file"].eq(lines["file"].shift(1))
    joined = same_file & auto.gt(0) & auto.eq(auto.shift(1)) & body.shift(1, fill_value=False)
    starts = body & ~joined
    lines["paragraph"] = (
        starts.groupby(lines["file"], sort=False).cumsum().where(body, 0).astype("int64")
    )
    return lines


def set_user_role(
    story_folder: str | Path, file: str, line: int, role: str | None, note: str = ""
) -> Path:
    """Write one line's role to the story's ``roles.csv`` (creating it), replacing any earlier
    row for that line; ``role=None`` removes the row (the automatic role comes back). Rows are
    kept in file and line order. Returns the file's path."""
    import csv

    if role is not None and (role not in ROLES or role == "blank"):
        raise ValueError(
            f"role {role!r} is not one of {', '.join(r for r in ROLES if r != 'blank')}"
        )
    path = Path(story_folder) / USER_ROLES_FILE
    rows: dict[tuple[str, int], dict] = {}
    if path.is_file():
        frame = datafiles.read_csv(path, ("file", "line", "role"))
        for row in frame.to_dict("records"):
            try:
                rows[(row["file"], int(row["line"]))] = row
            except ValueError:
                rows[(row["file"], row["line"])] = row  # kept as it is; reading names it
    key = (file, int(line))
    if role is None:
        rows.pop(key, None)
    else:
        rows[key] = {"file": file, "line": str(int(line)), "role": role, "note": note}
    ordered = sorted(
        rows.values(), key=lambda r: (r["file"], int(r["line"]) if str(r["line"]).isdigit() else 0)
    )
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=list(USER_ROLE_COLUMNS), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in USER_ROLE_COLUMNS} for r in ordered)
    return path

"""A small line model: the chance that a line the rules kept as body is article text.

The layout rules of :mod:`analysis.story.cleaning` keep nearly every article line, but on an
outlet they were not written for they also keep some furniture (a newsletter blurb, a site's
pitch, a caption with no credit). This model is a second opinion on those lines: a logistic
regression (Cox 1958) on the structure around a line, not on any outlet's wording (its length and
final punctuation, its place against the first and last paragraph of prose and against the
article's main block of paragraphs, the blank and short lines around it, whether it speaks to
the reader or about the site, opens with an imperative, reads like a note on a writer, repeats a
neighbour, has credit words, brackets or quotation marks, whether the paste separates its
paragraphs by blank lines, and how much of its wording the rest of the story shares: the share
of its content words found in the headline or the story's other body lines, none of them, and
naming the outlet itself, :func:`story_support`). A line the rules call body that the model gives less than
:data:`FURNITURE_BELOW` chance of being article text becomes ``boilerplate``; its reason gives
the chance and the strongest signs against it, in words. It only looks at pastes that show page
furniture (:func:`analysis.story.cleaning.has_page_furniture`: a line found by a
``furniture.csv`` pattern or a prompt rule, or given a byline, dateline, caption, credit,
standfirst or boilerplate role by the layout rules): clean article text (the BBC corpus) is left
to the rules.

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

from analysis import datafiles, fast
from analysis.paths import DATA_DIR
from analysis.story import prefilter

MODEL_FILE = DATA_DIR / "line_model.csv"
#: A line the rules kept as body becomes furniture below this chance of being article text.
FURNITURE_BELOW = 0.5
#: Words a line is counted up to in the length feature.
MAX_WORDS = 60
#: A line "of prose" ends like a sentence and has at least this many words.
PROSE_MIN_WORDS = 10
#: A "short" neighbouring line has at most this many words (and no final stop).
SHORT_WORDS = 8

# "US" in capitals is the country ("US$43.60", "the US Senate"), not the reader.
_READER = re.compile(r"\b(?:you|your|we|our|(?-i:us|Us))\b", re.IGNORECASE)
_CREDITISH = re.compile(r"(?:/|getty|reuters|\bap\b|afp|photo|credit|image)", re.IGNORECASE)
# Words about the site and the page itself rather than the story.
# "members" alone is news ("board members", "family members"); a pitch says "membership",
# "become a member", "our members".
_SITE_WORDS = re.compile(
    r"\b(?:this (?:article|story|page|site|website|newsletter|podcast|post|feature)|readers?|"
    r"journalism|subscri\w*|newsletters?|sign up|inbox|comments? (?:section|below|policy|guidelines)|"
    r"(?:leave|post|add) a comment|commenting|membership|(?:become|as) an? member|our members|"
    r"donat\w*|download|app|follow us|click|log in|account|profile|privacy|cookies|advertis\w*|"
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
# A sentence inside a line that tells the reader what to do ("... Donate today.", "Keep it civil.").
_IMPERATIVE_INSIDE = re.compile(
    r"(?<=[.!?])\s+(?:sign up|subscribe|follow|join|read|watch|listen|download|share|click|visit|"
    r"support|keep|register|donate|give|stay|tell us|have your say|be (?:kind|civil|respectful)|"
    r"don't|do not|send|email|contact|learn more|find out|get|try|become|help)\b",
    re.IGNORECASE,
)
# Promotion of something other than the story: a podcast, an event, a gift, republishing.
_PROMOTION = re.compile(
    r"\b(?:podcasts?|apple podcasts|spotify|episodes?|republish\w*|donations?|gifts? of|"
    r"tax-deductible|register|webinar|online discussion|tickets?|in partnership with|"
    r"first appeared|originally (?:published|appeared)|wherever you|our app|the app|"
    r"creative commons|monthly supporter|paywalls?|non-?profit newsrooms?|cancel any ?time|"
    r"no contract)\b"
    r"|[\w.-]+@[\w-]+\.[a-z]{2,}"
    # a broadcast to watch ("Watch the final live on ... from 8pm")
    r"|\b(?:watch|stream|follow)\b[^.!?]{0,120}\blive (?:and exclusive(?:ly)? )?on\b",
    re.IGNORECASE,
)
# Words a caption rarely has: reporting verbs, auxiliaries and modals, persons speaking.
_NOT_CAPTION = re.compile(
    r"\b(?:said|says|say|told|tells|according|added|announced|reported|asked|is|are|was|were|"
    r"has|have|had|will|would|could|can|may|might|should|must|been|be|i|we|you|our|my|your|"
    r"it|this|that|which|who|because|but|if)\b",
    re.IGNORECASE,
)
#: A caption-like line has at most this many words.
CAPTION_MAX_WORDS = 30
#: A run of at least this many short lines with no final stop splits the paragraphs into blocks.
BLOCK_GAP_LINES = 3
#: Content words have at least this many letters ...
CONTENT_MIN_LETTERS = 3
#: ... and are compared on their first this many letters (a cheap stem).
STEM_LETTERS = 5
#: A word supports a line when a body line at least this many non-blank lines away has it (1:
#: any other body line; 2 and 3 separated body from furniture less well on the development set).
STORY_MIN_DISTANCE = 1
#: A line with at least this many content words, none of them in the story, shares "none".
NO_STORY_MIN_WORDS = 4
_WORD = re.compile(r"[a-zà-öø-ÿ]+(?:['’][a-z]+)?")
#: Words that say nothing of a story's topic: function words, reporting verbs, days, months and
#: common verbs and adverbs.
STOP_WORDS = frozenset(
    """
    about above after again against also although among another anyone anything around away
    back because been before being below between both came cannot come could does doing done
    down during each either else even ever every first from further have having here hers herself
    himself into itself just know last like made make many more most much must near need never
    next none only other ours ourselves over own same says said saying should since some still
    such than that their theirs them themselves then there these they this those though through
    told tell tells added adds asked under until upon very want were what when where whether
    which while whom whose will with within without would year years your yours yourself
    yourselves today yesterday tomorrow week weeks month months time times already well
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december according statement people thing things
    take taken took going goes went make makes making including told called call says
    really think thought still least ago later early earlier around another one's isn't wasn't
    don't didn't doesn't can't won't it's that's there's they're we're we've you're i'm he's
    she's the and for but has had was are not you our who how why new two one its his her him
    she may can all any out off now say see use own yet got get let set per via day ago way too
    """.split()
)

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
    (
        "story_words",
        "the share of its content words found in the headline or the story's other paragraphs",
    ),
    (
        "no_story_words",
        "it shares none of its content words with the headline or the story's other paragraphs",
    ),
    ("names_outlet", "it names the outlet itself, outside quotation marks"),
    (
        "imperative_inside",
        "a sentence after its first opens with a verb telling the reader what to do",
    ),
    (
        "promotion",
        "it promotes something (a podcast, an event, a gift or donation, republishing, a "
        "partnership, an app)",
    ),
    (
        "caption_like",
        "it reads like a caption: one short sentence with no quotation marks, no reporting or "
        "auxiliary verb and no person speaking",
    ),
    (
        "between_furniture",
        "neither the line before it nor the line after it is kept as body (it has both)",
    ),
)
FEATURE_NAMES = tuple(name for name, _ in FEATURES)
DESCRIPTIONS = dict(FEATURES)


def content_words(text: str) -> set[str]:
    """A line's content words, cheaply stemmed: the words of at least :data:`CONTENT_MIN_LETTERS`
    letters, lower-cased, that are not stop words (:data:`STOP_WORDS`), cut to their first
    :data:`STEM_LETTERS` letters (so "strike", "strikes" and "striking" are one word)."""
    return {
        w[:STEM_LETTERS]
        for w in _WORD.findall(text.lower())
        if len(w) >= CONTENT_MIN_LETTERS and w not in STOP_WORDS
    }


def story_support(
    clean: list[str], headline: str = "", body=None, outlet: str = ""
) -> dict[int, tuple[int, int]]:
    """For every non-blank line: ``(found, words)``, its number of content words
    (:func:`content_words`) and how many of them are in the headline or in a line of ``body``
    (the indices of the lines kept as body; by default, every line) at least
    :data:`STORY_MIN_DISTANCE` non-blank lines away, leaving out the outlet's own name and the
    lines that speak to the reader or about the site (an appeal supports no other). A paragraph of the story shares names and
    topic words with the headline and with paragraphs further off; a block of page furniture
    (a site's pitch, comment rules, a newsletter box) shares few, and only with its neighbours."""
    nonblank = [i for i, c in enumerate(clean) if c]
    own = content_words(re.sub(r"\([^()]*\)", " ", outlet))
    words = {i: content_words(clean[i]) - own for i in nonblank}
    body = set(nonblank) if body is None else set(body)
    body = {i for i in body if clean[i] and not _about_site(clean[i])}
    head = content_words(headline)
    order = {i: k for k, i in enumerate(nonblank)}
    # How many body lines hold each word, and at which places.
    where: dict[str, list[int]] = {}
    for i in nonblank:
        if i in body:
            for w in words[i]:
                where.setdefault(w, []).append(order[i])
    out = {}
    for i in nonblank:
        k = order[i]
        found = sum(
            1
            for w in words[i]
            if w in head or any(abs(k - m) >= STORY_MIN_DISTANCE for m in where.get(w, ()))
        )
        out[i] = (found, len(words[i]))
    return out


def features(
    clean: list[str], headline: str = "", outlet: str = "", body=None
) -> dict[int, list[float]]:
    """The features (:data:`FEATURES`) of every non-blank line of one article, by line index.
    ``clean`` is the article's lines after :func:`analysis.story.cleaning.clean_line`;
    ``headline`` the headline's text, ``outlet`` the outlet's name and ``body`` the indices of
    the lines the rules keep as body (for the story-word features, :func:`story_support`)."""
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
    support = story_support(clean, headline, body, outlet)
    body_set = set(nonblank if body is None else body)
    name = _outlet_name(outlet)
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
            bool(nxt) and len(nxt.split()) <= SHORT_WORDS and not is_terminated(nxt),
            bool(prev) and len(prev.split()) <= SHORT_WORDS and not is_terminated(prev),
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
            support[i][0] / support[i][1] if support[i][1] else 0.5,
            support[i][1] >= NO_STORY_MIN_WORDS and support[i][0] == 0,
            bool(name) and name in _spaced_words(_unquoted(t)),
            bool(_IMPERATIVE_INSIDE.search(_unquoted(t))),
            bool(_PROMOTION.search(_unquoted(t))),
            is_caption_like(t),
            body is not None
            and 0 < k < len(nonblank) - 1
            and nonblank[k - 1] not in body_set
            and nonblank[k + 1] not in body_set,
        ]
        out[i] = [float(v) for v in row]
    return out


def promotes(text: str) -> bool:
    """True for a line that, outside quotation marks, promotes something other than the story:
    a podcast, an event, a gift or donation, republishing, a partnership, an app or an e-mail
    address (:data:`_PROMOTION`). On the fast path a line none of whose words the pattern
    needs is answered by :func:`analysis.story.prefilter.screen` without the search."""
    rest = _unquoted(text)
    if fast.enabled() and "\n" not in rest:
        ascii_text = rest.isascii()
        if ascii_text or prefilter.CASE_SPECIALS.isdisjoint(rest):
            screen = prefilter.screen(_PROMOTION, False, not ascii_text)
            if screen is not None and not screen(rest.lower(), len(rest)):
                return False
    return bool(_PROMOTION.search(rest))


def tells_reader(text: str) -> bool:
    """True for a line that opens with, or has a later sentence opening with, a verb telling the
    reader what to do ("Sign up ...", "... Donate today.")."""
    return bool(_IMPERATIVE.match(text) or _IMPERATIVE_INSIDE.search(_unquoted(text)))


def is_caption_like(text: str) -> bool:
    """True for a line that reads like a photo caption with no credit: one sentence of 5 to
    :data:`CAPTION_MAX_WORDS` words ending in a full stop, starting with a capital, with no
    quotation marks, no digits but a date's, no reporting verb (said, told, according), no
    auxiliary or modal verb (is, was, has, will), no pronoun of a person speaking or spoken to
    and no subordinate clause (which, who, that, because), and no past-tense verb among its
    second to fourth words (unless it is a scene in the past, :func:`_past_scene`) nor with its
    object anywhere, a place ("in", "at", "near" before a name or a noun phrase), no intention
    ("plans to open", "voted to close", or "to" and a verb after an object: :data:`_INTENTION`;
    "to" and a verb right after the scene's verb is its purpose: "People queue to refill ..."),
    no consequence (", injuring"), no comparison, and no opening imperative: a scene described
    in the present ("Workers rest under a tarpaulin at a building site in Nagpur.")."""
    words = len(text.split())
    return bool(
        5 <= words <= CAPTION_MAX_WORDS
        and text[:1].isupper()
        and text.endswith(".")
        and not _SENTENCE_BREAK.search(text[:-1])
        and not any(q in text for q in _QUOTES)
        and not _NOT_CAPTION.search(_DATES.sub("", text))  # "May 12" is a date, not a modal
        and not re.search(r"\d", _DATES.sub("", text))
        and (not _PAST_VERB.search(" ".join(text.split()[1:4])) or _past_scene(text))
        and not _PAST_OBJECT.search(text)
        and bool(_PLACE.search(text))
        and not _NOT_SCENE.search(text)
        and not _INTENTION.search(text)
        and not _IMPERATIVE.match(text)
        and not (_BEFORE_A_BODY.search(text) and _DAY_AHEAD.search(text))
    )


# ... and no business going before a deliberating body on a day ahead ("The proposal goes before
# the council's transport committee on Thursday."): a schedule, which no photograph shows.
_BEFORE_A_BODY = re.compile(
    r"\b(?:before|to)\s+(?:the\s+|a\s+)?(?:[\w'’]+\s+){0,5}?(?:committee|council|board|"
    r"commission|panel|hearing|cabinet|vote|referendum)\b(?![\w'’]*\s+(?:offices?|building|"
    r"chambers?|headquarters|hall|meeting room)\b)",
    re.IGNORECASE,
)
_DAY_AHEAD = re.compile(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow|"
    r"next\s+(?:week|month))\b",
    re.IGNORECASE,
)


# A finite verb in the past right after a short subject ("Police arrested ...").
_PAST_VERB = re.compile(
    r"\b(?:\w{3,}ed|went|took|made|came|gave|found|left|won|lost|held|met|saw|began|got|did)\b",
    re.IGNORECASE,
)
# A verb in the past with its object anywhere ("... issued an emergency warning", "took five").
_PAST_OBJECT = re.compile(
    r"\b(?:\w{3,}ed|went|took|made|came|gave|found|left|won|lost|held|met|saw|began|got|did|hit|"
    r"put|set|cut|shut|led|paid|sold|told|kept|brought|bought|built|sent|spent|struck)\s+"
    r"(?:a|an|the|his|her|their|its|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
# Dates a caption may carry ("on May 12", "in 2024").
_DATES = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
# A scene has a place: "in", "at", "near", "on", "outside", ... before a capitalised name or
# a noun phrase ("at a building site").
_PLACE = re.compile(
    r"\b(?:in|at|near|outside|inside|on|along|under|through|beside)\s+(?:a|an|the|[A-Z])"
)
# A verb in the past with no object, right after a short subject and right before a place
# ("Water pooled along ...", "Smoke rose over ..."): a scene, as a caption in the past has it.
_PAST_AT_PLACE = re.compile(
    r"^\S+(?:\s+\S+){0,2}?\s+(?:\w{3,}ed|rose|fell|stood|sat|lay|ran|flew|hung|grew|spread)\s+"
    r"(?:in|at|near|outside|inside|on|along|under|through|beside|across|into|over|around|onto|"
    r"past|behind)\s",
    re.IGNORECASE,
)
# A day: "on Monday", "on Nov. 3".
_DAY = re.compile(
    r"\bon (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b)",
    re.IGNORECASE,
)


#: A caption in the past has at most this many words.
PAST_SCENE_MAX_WORDS = 15


def _past_scene(text: str) -> bool:
    """A caption in the past: a verb in the past with no object, right before a place
    (:data:`_PAST_AT_PLACE`), a named place ("along Roxboro Street") and a day ("on Monday"):
    "Water pooled along Roxboro Street on Monday evening after the break." A sentence of the
    story in the past names no day and place so tersely ("The fire started in a kitchen.")."""
    return bool(
        len(text.split()) <= PAST_SCENE_MAX_WORDS
        and _PAST_AT_PLACE.match(text)
        and _DAY.search(text)
        and re.search(r"\b(?:in|at|near|outside|along|on|across|over|past)\s+[A-Z]", text)
    )


# ... and no consequence (", injuring two") or comparison.
_NOT_SCENE = re.compile(r",\s*\w+ing\b|\b(?:than|more|most|percent|per cent)\b")
# ... and no intention: "to" and a verb after a verb or word of intention or ability ("plans to
# open", "is due to start", "voted to close"). "To" after a verb of movement or waiting is a
# scene's purpose ("People queue to refill ...", "Crowds gather to watch ..."), and before a
# noun phrase a place ("walk to the station").
_INTENTION = re.compile(
    r"\b(?:plan|want|hope|aim|expect|intend|seek|sought|tr(?:y|ies|ied)|need|agree|decide|"
    r"promise|threaten|refuse|vow|pledge|continue|begin|began|begun|start|fail|set|due|likely|"
    r"able|going|about|use|ask|urge|order|allow|force|cho(?:o)?se|chosen|move|vote|prepare|"
    r"ready|willing|get|got|ha(?:s|ve|d))\w*\s+(?:\w+\s+)?to\s+[a-z]+\b"
    # ... or "to" and a verb after an object ("beat the holders to win"): a scene's purpose comes
    # right after its verb, among the first five words.
    r"|^(?:\S+\s+){4,}.*?\bto\s+(?!(?:a|an|the|his|her|their|its|this|that)\b)[a-z]+\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[a-z)][.!?;:]\s+\S")
_QUOTES = '"“”‘’«»'


def _about_site(text: str) -> bool:
    """A line that speaks to the reader, about the site or page, or tells the reader what to do."""
    unquoted = not any(q in text for q in '"“”')
    return bool(
        (unquoted and (_READER.search(text) or _SITE_WORDS.search(text))) or _IMPERATIVE.match(text)
    )


# Words about the site itself, fewer than :data:`_SITE_WORDS` (no "members", "app", "account",
# "tips": words a story uses too), for the rule that takes a line out of the body.
_SELF_SITE = re.compile(
    r"\b(?:this (?:article|story|page|site|website|newsletter|podcast|post)|readers?|journalism|"
    r"subscri\w*|newsletters?|sign up|inbox|comments? (?:section|below|policy|guidelines)|"
    r"(?:leave|post|add) a comment|commenting|donat\w*|paywalls?|advertis\w*)\b",
    re.IGNORECASE,
)


def about_site_or_outlet(text: str, outlet: str = "") -> bool:
    """True for a line that, outside quotation marks, speaks to the reader ("you", "we", "our"),
    talks about the site itself (subscribe, newsletter, this article, readers, journalism,
    donate, ...), or names the outlet itself, or that opens with an imperative."""
    name = _outlet_name(outlet)
    rest = _unquoted(text)
    return bool(
        _READER.search(rest)
        or _SELF_SITE.search(rest)
        or _IMPERATIVE.match(text)
        or (name and name in _spaced_words(rest))
    )


def _outlet_name(outlet: str) -> str:
    """The outlet's name as :func:`_spaced_words` gives it, without bracketed notes ("(style)")
    and a leading "The"; blank when shorter than four letters."""
    name = _spaced_words(re.sub(r"\([^()]*\)", " ", outlet)).strip()
    name = name[4:] if name.startswith("the ") else name
    return f" {name} " if len(name) >= 4 else ""


def _spaced_words(text: str) -> str:
    return " " + re.sub(r"[\W_]+", " ", text.lower()).strip() + " "


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


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

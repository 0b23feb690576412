"""VADER's ``polarity_scores``, exactly, faster.

:func:`polarity_scores` returns what vaderSentiment's
``SentimentIntensityAnalyzer().polarity_scores(text)`` (3.3.2) returns, bit for bit, for every
string: the same rules, applied to the same numbers in the same order, so every float comes out
identical. ``tests/test_vader_exact.py`` checks it against the library on every sentence of the
BBC corpus, on every string of VADER's own source (its demo sentences) and on generated
sentences that hit each rule; anything that is not a ``str`` goes to the library itself.

Where the time goes in the library, and what is done here instead:

- **Emoji.** The library rebuilds the text one character at a time, looking each up in its emoji
  dictionary. A text with no character of that dictionary (every ASCII text: the dictionary's
  first character is U+00A9) comes out unchanged, so it is used as it is; only a text holding
  an emoji goes through the library's loop.
- **Lower case.** Each negation and idiom check lower-cases every word of the text again (a
  list built per check, three checks per sentiment word), which makes a sentence quadratic in
  its length. Here each word is looked at once: its punctuation-stripped form, lower case,
  ALL CAPS flag, lexicon valence, booster value and negation flag are computed once per
  distinct word and kept (:func:`_word`).
- **Idioms.** The idiom check builds eight strings per sentiment word; here it is skipped when
  no word around it belongs to any idiom or multi-word booster (it could not match), and
  otherwise builds the same strings.

The lexicon, emoji dictionary, booster, negation and idiom tables are the library's own
objects, read from its module and analyser, so an edit there is followed here.
"""

from __future__ import annotations

import math
import string
from functools import lru_cache

__all__ = ["polarity_scores", "reference"]

#: Most distinct words :func:`_word` keeps (it starts again when full): bounds memory.
WORD_CACHE_MAX = 200_000

_PUNCTUATION = string.punctuation
_SO_THIS = ("so", "this")


@lru_cache(maxsize=1)
def reference():
    """The library's analyser (the reference: its lexicon ships with the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class _Tables:
    """The library's tables, and sets derived from them, read once."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as v

        a = reference()
        self.lexicon = a.lexicon
        self.emojis = a.emojis
        # Only one-character keys can match: the library looks up one character at a time.
        self.emoji_chars = frozenset(k for k in a.emojis if len(k) == 1)
        self.booster = v.BOOSTER_DICT
        self.negate = frozenset(v.NEGATE)
        self.special = v.SPECIAL_CASES
        self.n_scalar = v.N_SCALAR
        self.c_incr = v.C_INCR
        # Every word of a special case or a multi-word booster: an idiom check can only match
        # when a word of its window is one of these.
        self.idiom_words = frozenset(
            w for k in (*v.SPECIAL_CASES, *v.BOOSTER_DICT) if " " in k for w in k.split(" ")
        )
        self.analyser = a
        self.words: dict = {}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def _word(token: str, t: _Tables) -> tuple:
    """What the rules need of one whitespace-separated token, computed once:
    ``(item, lower, isupper, valence or None, booster or None, negation, idiom word, scored)``
    (scored: a lexicon word that is not a booster, the only words that can score non-zero), where
    ``item`` is the token as VADER keeps it (punctuation stripped unless that leaves two
    characters or fewer). Callers look in ``t.words`` first."""
    stripped = token.strip(_PUNCTUATION)
    item = token if len(stripped) <= 2 else stripped
    low = item.lower()
    low2 = low.lower()  # the library's negated() lower-cases the lower-cased word again
    lex = t.lexicon.get(low)
    boost = t.booster.get(low)
    info = (
        item,
        low,
        item.isupper(),
        lex,
        boost,
        low2 in t.negate or "n't" in low2,
        low in t.idiom_words,
        lex is not None and boost is None,
    )
    if len(t.words) >= WORD_CACHE_MAX:
        t.words.clear()
    t.words[token] = info
    return info


def _replace_emojis(text: str, emojis: dict) -> str:
    """The library's emoji step, verbatim: each emoji character becomes its description."""
    text_no_emoji = ""
    prev_space = True
    for chr in text:
        if chr in emojis:
            description = emojis[chr]
            if not prev_space:
                text_no_emoji += " "
            text_no_emoji += description
            prev_space = False
        else:
            text_no_emoji += chr
            prev_space = chr == " "
    return text_no_emoji.strip()


def _normalize(score: float, alpha: int = 15) -> float:
    norm_score = score / math.sqrt((score * score) + alpha)
    if norm_score < -1.0:
        return -1.0
    elif norm_score > 1.0:
        return 1.0
    else:
        return norm_score


def polarity_scores(text) -> dict:
    """``{"neg", "neu", "pos", "compound"}``, exactly as the library's ``polarity_scores``."""
    if type(text) is not str:
        return reference().polarity_scores(text)
    t = _tables()
    if not text.isascii() and not t.emoji_chars.isdisjoint(text):
        text = _replace_emojis(text, t.emojis)
    tokens = text.split()
    n = len(tokens)
    if not n:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    words = t.words
    infos = [words.get(w) or _word(w, t) for w in tokens]
    # Every word scores 0 but a lexicon word that is not a booster (booster words, "kind" of
    # "kind of" and words outside the lexicon score the library's int 0).
    scored = [i for i, info in enumerate(infos) if info[7]]
    if not scored:
        # every score the int 0 (a third of news sentences and parts): the library's sum is
        # 0.0, so no punctuation emphasis, compound 0.0 / sqrt(15) = 0.0, and n neutral words
        # of n in all, whatever the text
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    allcaps = [info[2] for info in infos].count(True)
    is_cap_diff = 0 < n - allcaps < n
    lows = [info[1] for info in infos]
    sentiments = [0] * n
    _valences(infos, lows, scored, sentiments, is_cap_diff, t)
    if "but" in lows:
        sentiments = _but_check(lows, sentiments)
    return _score_valence(sentiments, text, scored)


def _valences(infos, lows, scored, sentiments, is_cap_diff, t) -> None:
    """The library's ``sentiment_valence`` for each lexicon word at ``scored`` positions."""
    n_scalar = t.n_scalar
    c_incr = t.c_incr
    last = len(infos) - 1
    for i in scored:
        item, low, upper, lex, boost, _, _, _ = infos[i]
        if i < last and low == "kind" and lows[i + 1] == "of":
            continue
        valence = lex
        # "no" before a lexicon word negates it rather than counting itself
        if low == "no" and i != last and infos[i + 1][3] is not None:
            valence = 0.0
        if (
            (i > 0 and lows[i - 1] == "no")
            or (i > 1 and lows[i - 2] == "no")
            or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor"))
        ):
            valence = lex * n_scalar
        if upper and is_cap_diff:
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        for start_i in range(0, 3):
            if i > start_i:
                j = i - (start_i + 1)
                prev = infos[j]
                if prev[3] is not None:
                    continue
                # scalar_inc_dec
                s = 0.0
                b = prev[4]
                if b is not None:
                    s = b
                    if valence < 0:
                        s *= -1
                    if prev[2] and is_cap_diff:
                        if valence > 0:
                            s += c_incr
                        else:
                            s -= c_incr
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                # _negation_check
                if start_i == 0:
                    if prev[5]:
                        valence = valence * n_scalar
                elif start_i == 1:
                    if lows[i - 2] == "never" and (lows[i - 1] == "so" or lows[i - 1] == "this"):
                        valence = valence * 1.25
                    elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
                        pass
                    elif prev[5]:
                        valence = valence * n_scalar
                else:
                    if (
                        lows[i - 3] == "never"
                        and (lows[i - 2] == "so" or lows[i - 2] == "this")
                        or (lows[i - 1] == "so" or lows[i - 1] == "this")
                    ):
                        valence = valence * 1.25
                    elif lows[i - 3] == "without" and (
                        lows[i - 2] == "doubt" or lows[i - 1] == "doubt"
                    ):
                        pass
                    elif prev[5]:
                        valence = valence * n_scalar
                    # _special_idioms_check, when a word of its window can be part of an idiom
                    if (
                        infos[i - 1][6]
                        or infos[i - 2][6]
                        or prev[6]
                        or infos[i][6]
                        or (i < last and infos[i + 1][6])
                        or (i + 1 < last and infos[i + 2][6])
                    ):
                        valence = _special_idioms_check(valence, lows, i, t)
        # _least_check
        if i > 1 and infos[i - 1][3] is None and lows[i - 1] == "least":
            if lows[i - 2] != "at" and lows[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and infos[i - 1][3] is None and lows[i - 1] == "least":
            valence = valence * n_scalar
        sentiments[i] = valence


def _special_idioms_check(valence, words_and_emoticons_lower, i, t: _Tables):
    """The library's ``_special_idioms_check`` on the lower-cased words, verbatim."""
    special = t.special
    booster = t.booster
    onezero = "{0} {1}".format(words_and_emoticons_lower[i - 1], words_and_emoticons_lower[i])
    twoonezero = "{0} {1} {2}".format(
        words_and_emoticons_lower[i - 2],
        words_and_emoticons_lower[i - 1],
        words_and_emoticons_lower[i],
    )
    twoone = "{0} {1}".format(words_and_emoticons_lower[i - 2], words_and_emoticons_lower[i - 1])
    threetwoone = "{0} {1} {2}".format(
        words_and_emoticons_lower[i - 3],
        words_and_emoticons_lower[i - 2],
        words_and_emoticons_lower[i - 1],
    )
    threetwo = "{0} {1}".format(words_and_emoticons_lower[i - 3], words_and_emoticons_lower[i - 2])
    sequences = [onezero, twoonezero, twoone, threetwoone, threetwo]
    for seq in sequences:
        if seq in special:
            valence = special[seq]
            break
    if len(words_and_emoticons_lower) - 1 > i:
        zeroone = "{0} {1}".format(words_and_emoticons_lower[i], words_and_emoticons_lower[i + 1])
        if zeroone in special:
            valence = special[zeroone]
    if len(words_and_emoticons_lower) - 1 > i + 1:
        zeroonetwo = "{0} {1} {2}".format(
            words_and_emoticons_lower[i],
            words_and_emoticons_lower[i + 1],
            words_and_emoticons_lower[i + 2],
        )
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    n_grams = [threetwoone, threetwo, twoone]
    for n_gram in n_grams:
        if n_gram in booster:
            valence = valence + booster[n_gram]
    return valence


def _but_check(words_and_emoticons_lower, sentiments):
    """The library's ``_but_check``, verbatim (with its list scan: ``index`` finds the first
    equal score, not the word's own, and the result depends on it)."""
    if "but" in words_and_emoticons_lower:
        bi = words_and_emoticons_lower.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 0.5)
            elif si > bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _score_valence(sentiments, text, scored):
    """The library's ``score_valence`` (with its punctuation emphasis), same operations. Only
    the ``scored`` positions can hold a non-zero score, so the sift visits only them."""
    sum_s = float(sum(sentiments))
    # _amplify_ep
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    # _amplify_qm
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        if qm_count <= 3:
            qm_amplifier = qm_count * 0.18
        else:
            qm_amplifier = 0.96
    punct_emph_amplifier = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = _normalize(sum_s)
    # _sift_sentiment_scores (zeros add nothing to either sum: they are counted)
    pos_sum = 0.0
    neg_sum = 0.0
    neu_count = sentiments.count(0)
    for i in scored:
        sentiment_score = sentiments[i]
        if sentiment_score > 0:
            pos_sum += float(sentiment_score) + 1
        if sentiment_score < 0:
            neg_sum += float(sentiment_score) - 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return {
        "neg": round(neg, 3),
        "neu": round(neu, 3),
        "pos": round(pos, 3),
        "compound": round(compound, 4),
    }

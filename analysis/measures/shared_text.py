"""Shared text: which sentences an outlet shares with other outlets, and how much is its own.

Outlets running the same wire copy, or quoting the same lines of a speech, carry the same words
without choosing them independently. Each body sentence is aligned with its closest sentence in
*another* outlet, word by word:

- the words of each sentence are its lower-cased words (:func:`analysis.story.text.words`, with curly
  quotes straightened), so punctuation and quotation marks do not count;
- ``shared_words`` is the longest common subsequence of the two word lists (rapidfuzz's
  ``LCSseq``: the words both sentences have, in the same order);
- ``coverage`` = shared_words / the sentence's words; ``match_coverage`` the same for the
  matched sentence.

A sentence is ``near-identical`` when both coverages are at least :data:`NEAR_IDENTICAL`
(0.9: "this past 18 months" against "these past 18 months" is one word in 25), ``edited``
when at least :data:`EDITED` (half) of its own words are in the other sentence in order, and
``unique`` otherwise. Fewer than :data:`MIN_SHARED_WORDS` shared words never make a match
("he said", "on Wednesday").

Candidates are found through an index of word trigrams (shingles): only sentences of different
outlets that share at least two trigrams (or all of the shorter sentence's, if it has fewer)
are compared, so 200 articles align in well under a second rather than comparing every pair
of sentences. Trigrams found in more than :data:`MAX_POSTING` sentences carry no signal and are
skipped.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from analysis.story.text import normalise_typography, words

NEAR_IDENTICAL = 0.9
EDITED = 0.5
MIN_SHARED_WORDS = 4
SHINGLE = 3
MAX_POSTING = 500

STATUSES = ("near-identical", "edited", "unique")
ALIGN_COLUMNS = (
    "file",
    "outlet",
    "sentence",
    "paragraph",
    "line",
    "words",
    "status",
    "shared_words",
    "coverage",
    "match_coverage",
    "similarity",
    "match_file",
    "match_outlet",
    "match_sentence",
    "shared_with",
    "outlets",
    "text",
    "match_text",
)
UNIQUE_COLUMNS = (
    "outlet",
    "articles",
    "sentences",
    "words",
    "near_identical_words",
    "edited_words",
    "unique_words",
    "unique_share",
    "shared_word_share",
)


def tokens(text: str) -> list[str]:
    """The lower-cased words of ``text`` as compared here."""
    return [w.lower() for w in words(normalise_typography(text))]


def _shingles(toks: list[str]) -> set:
    if len(toks) < SHINGLE:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}


_TRIU: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _triu(m: int) -> tuple[np.ndarray, np.ndarray]:
    if m not in _TRIU:
        _TRIU[m] = np.triu_indices(m, 1)
    return _TRIU[m]


def candidate_pairs(toks: list[list[str]]) -> dict[tuple[int, int], int]:
    """Pairs ``(i, j)``, ``i < j``, of token lists that share enough word trigrams to be worth
    comparing (at least two, or all of the shorter one's if it has fewer), with the number of
    trigrams they share. Counting is vectorised: each trigram's posting list yields its pairs
    at once, and the pairs are counted with one ``numpy.unique``."""
    shingles = [_shingles(t) for t in toks]
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for sg in sh:
            index[sg].append(i)
    n = len(toks)
    chunks = []
    for posting in index.values():
        m = len(posting)
        if m < 2 or m > MAX_POSTING:
            continue
        arr = np.asarray(posting, dtype=np.int64)
        a, b = _triu(m)
        chunks.append(arr[a] * n + arr[b])
    if not chunks:
        return {}
    codes, counts = np.unique(np.concatenate(chunks), return_counts=True)
    sizes = np.array([len(sh) for sh in shingles], dtype=np.int64)
    i, j = codes // n, codes % n  # type: ignore[assignment]
    need = np.minimum(2, np.minimum(sizes[i], sizes[j]))
    keep = counts >= need
    return dict(zip(zip(i[keep].tolist(), j[keep].tolist()), counts[keep].tolist()))  # type: ignore[index]


def align(sentences: pd.DataFrame) -> pd.DataFrame:
    """Align every sentence with its closest sentence in another outlet.

    ``sentences`` has at least ``file, outlet, sentence, text`` (the sentences table). One row
    per sentence, columns :data:`ALIGN_COLUMNS`: ``status`` (near-identical, edited, unique),
    the best match (most of this sentence's words covered, then most of the other's, then the
    earliest) with its file, outlet, sentence number and text, ``similarity`` (rapidfuzz
    ``fuzz.ratio`` of the two word strings, 0-100, for reading), ``shared_with``: the other
    outlets (``; ``-separated) that carry at least :data:`EDITED` of this sentence's words in
    one of their sentences, and ``outlets`` = 1 + their number (a wire sentence run by four
    outlets has ``outlets`` 4).

    Sentences with the same words are compared once: verbatim wire copy in a hundred outlets
    costs one comparison, not five thousand.
    """
    sents = sentences.reset_index(drop=True)
    outlets = list(sents["outlet"])
    # distinct word lists ("types") and the sentences that have each
    type_of: dict[tuple, int] = {}
    members: list[list[int]] = []
    for k, text in enumerate(sents["text"]):
        key = tuple(tokens(text))
        t = type_of.setdefault(key, len(members))
        if t == len(members):
            members.append([])
        members[t].append(k)
    toks = [list(key) for key in type_of]
    type_outlets = [{outlets[k] for k in ms} for ms in members]
    # candidate matches of each type: (c_me, c_other, -first member, other type, lcs)
    cand: list[list[tuple]] = [[] for _ in members]
    for t, ms in enumerate(members):
        if len(type_outlets[t]) > 1 and len(toks[t]) >= MIN_SHARED_WORDS:
            cand[t].append((1.0, 1.0, -ms[0], t, len(toks[t])))
    for ti, tj in candidate_pairs(toks):
        lcs = LCSseq.similarity(toks[ti], toks[tj])
        if lcs < MIN_SHARED_WORDS:
            continue
        ci, cj = lcs / len(toks[ti]), lcs / len(toks[tj])
        cand[ti].append((ci, cj, -members[tj][0], tj, lcs))
        cand[tj].append((cj, ci, -members[ti][0], ti, lcs))
    recs = sents.to_dict("records")
    rows = []
    for t, ms in enumerate(members):
        ranked = sorted(cand[t], reverse=True)
        carriers = set().union(*[type_outlets[c[3]] for c in ranked if c[0] >= EDITED])
        for k in ms:
            me = outlets[k]
            s = recs[k]
            n = len(toks[t])
            match = None
            for c_me, c_other, _, tj, lcs in ranked:
                other = next((x for x in members[tj] if outlets[x] != me), None)
                if other is not None:
                    match = (c_me, c_other, other, lcs)
                    break
            if match is None:
                status, lcs, c_me, c_other, sim, mf, mo, ms_, mt = (
                    "unique",
                    0,
                    0.0,
                    0.0,
                    0.0,
                    "",
                    "",
                    0,
                    "",
                )
            else:
                c_me, c_other, other, lcs = match
                if c_me >= NEAR_IDENTICAL and c_other >= NEAR_IDENTICAL:
                    status = "near-identical"
                elif c_me >= EDITED:
                    status = "edited"
                else:
                    status = "unique"
                m = recs[other]
                sim = float(fuzz.ratio(" ".join(toks[t]), " ".join(tokens(m["text"]))))
                mf, mo, ms_, mt = m["file"], m["outlet"], int(m["sentence"]), m["text"]
            shared_with = sorted(carriers - {me})
            rows.append(
                (
                    k,
                    s["file"],
                    me,
                    int(s["sentence"]),
                    s.get("paragraph", 0),
                    s.get("line", 0),
                    n,
                    status,
                    lcs,
                    c_me,
                    c_other,
                    sim,
                    mf,
                    mo,
                    ms_,
                    "; ".join(shared_with),
                    1 + len(shared_with),
                    s["text"],
                    mt,
                )
            )
    rows.sort()
    out = pd.DataFrame([r[1:] for r in rows], columns=ALIGN_COLUMNS)
    ints = ["sentence", "paragraph", "line", "words", "shared_words", "match_sentence", "outlets"]
    return out.astype({c: "int64" for c in ints})


def unique_share(aligned: pd.DataFrame) -> pd.DataFrame:
    """How much of each outlet's body is its own: one row per outlet, :data:`UNIQUE_COLUMNS`.

    Words are counted as in :func:`align` (each sentence's words). ``unique_share`` = words in
    unique sentences / all words; ``shared_word_share`` = the words each sentence shares with
    its best match, summed, / all words (finer: it also counts a quotation shared inside an
    otherwise new sentence).
    """
    rows = []
    for outlet, g in aligned.groupby("outlet", sort=False):
        w = int(g["words"].sum())
        by = g.groupby("status")["words"].sum()
        shared = int(g.loc[g["shared_words"] >= MIN_SHARED_WORDS, "shared_words"].sum())
        rows.append(
            (
                outlet,
                g["file"].nunique(),
                len(g),
                w,
                int(by.get("near-identical", 0)),
                int(by.get("edited", 0)),
                int(by.get("unique", 0)),
                by.get("unique", 0) / w if w else float("nan"),
                shared / w if w else float("nan"),
            )
        )
    return pd.DataFrame(rows, columns=UNIQUE_COLUMNS)

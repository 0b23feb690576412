"""Property-based tests (hypothesis): whatever is pasted, nothing crashes and nothing is lost.

Generated articles mix English prose with site furniture, Cyrillic, Arabic, CJK, French and
German text, emoji, pasted HTML, NUL bytes and other control characters, unbalanced, nested
and hundreds of quote marks, text with no punctuation at all, arbitrary Unicode, and any mix
of CRLF, LF and lone CR line ends. The properties, layer by layer:

- decoding: any bytes decode, and :func:`analysis.story.loading.encode_text` gives them back;
- cleaning: every raw line gets exactly one role and a reason, and the lines rebuild the text;
- sentences: every non-space character of a paragraph is in exactly one sentence;
- the manifest: any manifest loads or raises a :class:`StoryError`, never anything else;
- the full pipeline: every table of :class:`analysis.pipeline.Analysis` (including the ones
  added by later modules, found by name) is computed without an exception, every raw line is
  accounted for once, and a number that cannot be computed is NaN.

Budgets: most examples go to the fast layers; the full pipeline gets fewer, and the
200,000-character line and the article at the size limit a handful. ``hypothesis: N generated cases`` is
printed at the end of the run (tests/conftest.py).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from analysis.pipeline import TABLES, Analysis
from analysis.story import cleaning, language, sentences
from analysis.story.loading import (
    MAX_ARTICLE_BYTES,
    StoryError,
    WarningLog,
    decode_bytes,
    encode_text,
    load_story,
)
from tests.conftest import write_story

# Examples per test: the fast layers carry the bulk (10,000 or more cases in all, a few minutes
# on two cores); the full pipeline fewer; the 200,000-character line and articles at the size
# limit (analysis.story.loading.MAX_ARTICLE_BYTES) a few.
# The ``quick`` hypothesis profile (``./workbook check``) runs a tenth of them.
_SCALE = 0.1 if os.environ.get("HYPOTHESIS_PROFILE") == "quick" else 1.0
DECODING = max(1, int(3000 * _SCALE))
CLEANING = max(1, int(2500 * _SCALE))
SENTENCES = max(1, int(2500 * _SCALE))
LANGUAGE = max(1, int(1200 * _SCALE))
MANIFEST = max(1, int(1000 * _SCALE))
PIPELINE = max(1, int(200 * _SCALE))
HUGE = 1
# The full-pipeline tests do not shrink a failing example: one step takes seconds and
# shrinking took over five minutes. The failing example is printed as generated.
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]

# --------------------------------------------------------------------------------------------
# Strategies

ENGLISH = [
    "Britain's spy chief urged Russians to help end the bloodshed.",
    "“Our door is always open,” Sir Richard Moore said in Prague on Wednesday.",
    "He told the audience: 'Join us.'",
    "Mr. Putin's war in Ukraine has cost the U.K. and the U.S. dearly, officials said.",
    "The speech came on 19 July 2023 at 12:47 p.m. local time.",
    "Prices rose 3.5% in Q2; analysts expected 2.1%.",
    "Is this the end? No! Not yet...",
    "(Reporting by A. N. Other; editing by J. Doe.)",
]
FURNITURE = [
    "READ MORE: MI6 CHIEF WARNS OF AI RACE",
    "By Jenny Medlicott",
    "Picture: PA/Alamy",
    "19 July 2023, 12:47 | Updated: 19 July 2023, 13:09",
    "JOIN US ON TELEGRAM",
    "Leave a Reply",
    "Share this article",
    "Advertisement",
    "- 'Win the race' -",
    "The Associated Press contributed to this report.",
    "Image source, Getty Images",
    "Read the full article Here",
    "Subscribe to continue reading",
    "Related",
    "© Reuters",
    "Highlight the text and press Ctrl + Enter",
    "Your email address will not be published.",
]
FOREIGN = [
    "Глава британской разведки призвал россиян к сотрудничеству.",
    "Руководитель МИ-6 выступил в Праге в среду.",
    "دعا رئيس جهاز المخابرات البريطاني الروس إلى التعاون.",
    "英国秘密情报局局长周三在布拉格发表讲话。",
    "英国の情報機関のトップがプラハで演説した。",
    "Le chef du MI6 a appelé les Russes à rejoindre les services britanniques.",
    "Der Chef des britischen Geheimdienstes sprach am Mittwoch in Prag.",
    "Ο επικεφαλής της MI6 μίλησε στην Πράγα.",
]
MARKUP = [
    "<p>",
    "</p>",
    "<br/>",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.com">link</a>',
    "<!-- comment -->",
    "&amp;",
    "&squot;",
    "&apos;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "&lt;b&gt;",
    "<div class='x'",
    "<",
    ">",
]
ODD = [
    "\x00",
    "\x00\x00\x00",
    "\x07",
    "\x1b[31m",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\t",
    "\ud7ff",
    "\U0010ffff",
    "\ufffd",
    "😀",
    "👍🏽",
    "🇺🇦",
    "👨‍👩‍👧",
    "́",
    "ﷺ",
    "\u202e",
    "   ",
    "...",
]
MARKS = list("\"'“”‘’„«»‹›‚")
EOLS = ["\n", "\r\n", "\r"]

words = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
no_punctuation = st.lists(words, min_size=1, max_size=40).map(" ".join)
quote_run = st.builds(lambda m, n: m * n, st.sampled_from(MARKS), st.integers(1, 400))
quote_soup = st.lists(st.sampled_from(MARKS + ["a", " ", "word", ". ", "s"]), max_size=80).map(
    "".join
)
nested = st.sampled_from(
    [
        "“He said ‘no’ and ‘yes’.”",
        "\"'\"'nested'\"'\"",
        "“open “again “and”",
        "‘defectors’ names’",
        "»German« „quote“",
        "“unclosed, said he.",
    ]
)
fragment = st.one_of(
    st.sampled_from(ENGLISH),
    st.sampled_from(FURNITURE),
    st.sampled_from(FOREIGN),
    st.sampled_from(MARKUP),
    st.sampled_from(ODD),
    no_punctuation,
    quote_run,
    quote_soup,
    nested,
    st.text(max_size=30),
)
line = st.lists(fragment, max_size=6).map(" ".join)


@st.composite
def article_texts(draw, max_lines: int = 30) -> str:
    """A pasted article: lines of mixed fragments, each ended by CRLF, LF or lone CR (the last
    line sometimes without an end)."""
    lines = draw(st.lists(line, max_size=max_lines))
    out = []
    for i, text in enumerate(lines):
        eol = draw(st.sampled_from(EOLS + ["\n\n"]))
        if i == len(lines) - 1 and draw(st.booleans()):
            eol = ""
        out.append(text + eol)
    return "".join(out)


special_texts = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\r\r\n\n",
        " \t \n\t\r\n",
        "\x00",
        "\ufeff",
        "\u2028\u2029",
        "word " * 200,
        '"' * 500,
        "“" * 300 + "”" * 200,
        "." * 1000,
        "&" * 300,
        "<" * 300,
        "\n".join(FURNITURE),
    ]
)
texts = st.one_of(article_texts(), special_texts, st.text())


def encodings(text: str):
    """The ways a paste can be saved: UTF-8 with and without a BOM, UTF-16 with a BOM, and
    Windows-1252 where the text allows it."""
    out = [
        text.encode("utf-8", "surrogatepass"),
        b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass"),
    ]
    try:
        out.append(b"\xff\xfe" + text.encode("utf-16-le"))
        out.append(text.encode("cp1252"))
    except UnicodeEncodeError:
        pass
    return out


file_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda t, k: encodings(t)[k % len(encodings(t))], texts, st.integers(0, 3)),
    st.builds(lambda t, b: t.encode("utf-8", "surrogatepass") + b, texts, st.binary(max_size=8)),
)


# --------------------------------------------------------------------------------------------
# Invariants, shared by the layer tests and the pipeline tests


def check_lines(lines: pd.DataFrame, file: str, text: str) -> None:
    """Every raw line of ``text`` is one row of ``lines``, in order, with one role and a
    reason, and the rows give back ``text`` exactly."""
    part = lines[lines["file"] == file]
    numbers, roles, reasons = part["line"].tolist(), part["role"].tolist(), part["reason"].tolist()
    paragraphs, clean = part["paragraph"].tolist(), part["clean"].tolist()
    raw = cleaning.split_lines(text)
    assert numbers == list(range(1, len(raw) + 1))
    assert part["text"].tolist() == [t for t, _ in raw]
    assert all(r in cleaning.ROLES for r in roles)
    assert all(isinstance(r, str) and r for r in reasons)
    assert cleaning.rebuild_raw(lines, file) == text
    # body paragraphs count 1, 2, 3 ...; a line sharing the number of the line above is a line
    # of a hard-wrapped paragraph, joined to it and saying so
    body = [(p, why) for p, r, why in zip(paragraphs, roles, reasons) if r == "body"]
    assert [p for p, _ in body[:1]] in ([], [1])
    for (p, _), (q, why) in zip(body, body[1:]):
        assert q == p + 1 or (q == p and "continues the paragraph of line" in why)
    assert all(p == 0 for p, r in zip(paragraphs, roles) if r != "body")
    assert not any(c in t for t in clean for c in "\r\n\x00")


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Sentence spans are ordered, do not overlap, carry no surrounding space, and cover every
    non-space character of ``text``."""
    pos = 0
    for a, b in spans:
        assert pos <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        assert not text[pos:a].strip(), f"text between sentences lost: {text[pos:a]!r}"
        pos = b
    assert not text[pos:].strip(), f"text after the last sentence lost: {text[pos:]!r}"


def check_sentences(a: Analysis, file: str) -> None:
    """Paragraphs are where their spans say in the body, and their sentences cover every
    non-space character of them once (:func:`check_spans`)."""
    body = a.bodies[file]
    paras = a.paragraphs[a.paragraphs["file"] == file]
    sents = a.sentences[a.sentences["file"] == file]
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for p, start, end, text in zip(
        sents["paragraph"].tolist(),
        sents["start"].tolist(),
        sents["end"].tolist(),
        sents["text"].tolist(),
    ):
        assert body[start:end] == text
        by_paragraph.setdefault(p, []).append((start, end))
    for p, start, end, text in zip(
        paras["paragraph"].tolist(),
        paras["start"].tolist(),
        paras["end"].tolist(),
        paras["text"].tolist(),
    ):
        assert body[start:end] == text
        check_spans(text, [(a - start, b - start) for a, b in by_paragraph.pop(p, [])])
    assert not by_paragraph, "sentences of a paragraph that does not exist"


# --------------------------------------------------------------------------------------------
# Layer 1: decoding


@settings(max_examples=DECODING)
@given(data=file_bytes)
@example(data=b"\xef\xbb\xbf\xff\xfe")
@example(data=b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate
@example(data=b"\xfe\xff\x00a\x00")  # UTF-16 BOM, odd length
@example(data=b"\x81\x8d\x8f\x90\x9d")  # the five bytes Windows-1252 leaves undefined
def test_any_bytes_decode_and_encode_back_to_the_same_bytes(generated_cases, data):
    generated_cases.tick()
    log = WarningLog()
    decoded = decode_bytes(data, "a.txt", log)
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data
    for w in log.rows:
        if w["line"] == 0:  # about the whole file (UTF-16 with no BOM)
            assert w["message"].startswith("a.txt: ")
            continue
        assert w["message"].startswith(f"a.txt line {w['line']}:")
        assert 1 <= w["line"] <= len(cleaning.split_lines(decoded.text)) + 1


# --------------------------------------------------------------------------------------------
# Layer 2: cleaning


@settings(max_examples=CLEANING)
@given(text=texts, author=st.sampled_from(["", "Jenny Medlicott", "(", ".*"]))
def test_every_raw_line_gets_exactly_one_role_and_rebuilds_the_text(generated_cases, text, author):
    generated_cases.tick()
    articles = pd.DataFrame([{"file": "a.txt", "outlet": "X", "author": author, "text": text}])
    lines = cleaning.classify_lines(articles)
    check_lines(lines, "a.txt", text)
    paragraphs = cleaning.paragraphs(lines)
    body = cleaning.bodies(lines, ["a.txt"])["a.txt"]
    assert len(paragraphs) == lines.loc[lines["role"] == "body", "paragraph"].nunique()
    for p in paragraphs.itertuples():
        assert body[p.start : p.end] == p.text


# The furniture rules are regular expressions from a data file that anyone may edit: none may
# backtrack catastrophically on a very long line. Each generated line repeats words taken from
# one rule's own pattern with separators, to 200,000 characters. (The timeout is a guard so that
# a regression fails instead of hanging CI; nothing here is timed.)
RULE_WORDS = {
    rule.source: re.findall(r"[a-z]{2,}", rule.pattern.pattern)[:8] or ["x"]
    for rule in cleaning.load_rules()
}


@pytest.mark.timeout(600)
@settings(max_examples=max(3, int(25 * _SCALE)), phases=NO_SHRINK)
@given(
    rule=st.sampled_from(sorted(RULE_WORDS)),
    sep=st.sampled_from([" ", ": ", ", ", " - ", " | ", "\u2028", "\t"]),
    extra=st.sampled_from(["", "19 July 2023, 12:47", "(", '"', "Picture: PA", "©", "#", "@x"]),
)
@example(rule=sorted(RULE_WORDS)[0], sep=", ", extra="")
@example(rule=sorted(RULE_WORDS)[0], sep=" ", extra="19 July 2023, 12:47 |")
def test_furniture_rules_do_not_backtrack_on_a_200000_character_line(
    generated_cases, rule, sep, extra
):
    generated_cases.tick()
    unit = sep.join(RULE_WORDS[rule] + [extra]) + sep
    raw = (unit * (200_000 // len(unit) + 1))[:200_000]
    clean = cleaning.clean_line(raw)
    roles = cleaning.classify_article([clean, "", clean, "Last line."], "Outlet")
    assert len(roles) == 4


# --------------------------------------------------------------------------------------------
# Layer 3: sentences


paragraph_texts = st.one_of(
    line,
    st.text(),
    quote_soup,
    quote_run,
    no_punctuation,
    st.lists(st.sampled_from(ENGLISH + FOREIGN), max_size=12).map(" ".join),
)


@settings(max_examples=SENTENCES)
@given(text=paragraph_texts)
@example(text="“" + "He said “Yes.” " * 300)
@example(text="'" * 400)
@example(text="U.K. “A.” U.S. 'B.' " * 50)
def test_sentences_cover_every_character_of_a_paragraph_once(generated_cases, text):
    generated_cases.tick()
    text = cleaning.clean_line(text)  # a paragraph is a cleaned line
    check_spans(text, sentences.split_paragraph(text))


# --------------------------------------------------------------------------------------------
# Layer 4: language


@settings(max_examples=LANGUAGE)
@given(text=st.one_of(texts, paragraph_texts))
def test_language_detection_always_answers(generated_cases, text):
    generated_cases.tick()
    out = language.detect(text)
    assert out["language"] in ("en", "other", "unknown")
    assert isinstance(out["english"], bool) and out["reason"]
    for share in (out["latin_share"], out["function_word_share"]):
        assert math.isnan(share) or 0 <= share <= 1


# --------------------------------------------------------------------------------------------
# Layer 5: the manifest

CELLS = [
    "file",
    "outlet",
    "headline",
    "published",
    "kind",
    "a.txt",
    "b.txt",
    "A",
    "",
    "sub",
    "2023-07-19",
    "2023-13-45",
    "2023-07-19T12:47:00+01:00",
    "../a.txt",
    "/etc/passwd",
    "a\x00.txt",
    '"',
    '""',
    "\ufeff",
    "source",
    "x;y",
    "é",
    " a.txt ",
    "\\a.txt",
]
manifest_rows = st.lists(st.one_of(st.sampled_from(CELLS), st.text(max_size=4)), max_size=5).map(
    ",".join
)


@settings(max_examples=MANIFEST)
@given(rows=st.lists(manifest_rows, max_size=5), eol=st.sampled_from(EOLS), bom=st.booleans())
@example(rows=["file,outlet", "a.txt,A"], eol="\n", bom=True)
def test_any_manifest_loads_or_is_a_story_error(generated_cases, rows, eol, bom):
    generated_cases.tick()
    folder = Path(tempfile.mkdtemp())
    try:
        write_story(
            folder,
            {"a.txt": "Hello world.\n", "b.txt": b"\xff\xfeh\x00i\x00"},
            (b"\xef\xbb\xbf" if bom else b"") + eol.join(rows).encode("utf-8", "surrogatepass"),
        )
        (folder / "sub").mkdir()
        try:
            story = load_story(folder)
        except StoryError as err:
            assert str(err)
        else:
            assert set(story.articles["file"]) <= {"a.txt", "b.txt"}
            assert story.articles["outlet"].str.len().gt(0).all()
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------------------------
# Layer 6: the full pipeline, every table

#: Tables the pipeline is expected to grow (checked when present, skipped when not yet there).
EXPECTED_TABLES = (
    "articles",
    "warnings",
    "lines",
    "paragraphs",
    "bodies",
    "sentences",
    "languages",
    "quotes",
    "quote_share",
    "metrics",
    "length",
    "readability",
    "sentiment",
    "framing",
    "frames",
    "naming",
    "shared",
    "unique",
)


def table_names() -> list[str]:
    """Every table of :class:`Analysis`: its properties and cached properties, plus any of
    :data:`EXPECTED_TABLES` it has."""
    names = list(TABLES)
    return names + [n for n in EXPECTED_TABLES if n not in names and hasattr(Analysis, n)]


def check_analysis(a: Analysis, folder: Path) -> None:
    files = list(a.articles["file"])
    for name in table_names():
        table = getattr(a, name)  # computing it must not raise
        if isinstance(table, (pd.DataFrame, pd.Series)):
            frame = table.to_frame() if isinstance(table, pd.Series) else table
            if "file" in frame.columns and name != "warnings":  # warnings also name skipped files
                assert set(frame["file"]) <= set(files), name
            numeric = frame.select_dtypes("number")
            assert not np.isinf(numeric.to_numpy(dtype=float, na_value=np.nan)).any(), (
                f"{name}: an infinite value where NaN was meant"
            )
    # every raw line once, and the file's bytes come back
    skipped = set(a.warnings.loc[a.warnings["code"].isin(["binary", "outside-folder"]), "file"])
    for path in sorted(folder.glob("*.txt")):
        if path.name in skipped:
            continue
        art = a.articles.set_index("file").loc[path.name]
        check_lines(a.lines, path.name, art["text"])
        rebuilt = cleaning.rebuild_raw(a.lines, path.name)
        assert encode_text(rebuilt, art["encoding"], bool(art["bom"])) == path.read_bytes()
    assert list(a.bodies.index) == files
    assert list(a.languages["file"]) == files
    for file in files:
        check_sentences(a, file)
    if hasattr(Analysis, "metrics"):
        check_metrics(a.metrics, a.languages)


READABILITY = (
    "flesch_reading_ease",
    "fk_grade",
    "gunning_fog",
    "smog_grade",
    "coleman_liau",
    "ari",
    "dale_chall",
    "consensus_grade",
)


def check_metrics(metrics: pd.DataFrame, languages: pd.DataFrame) -> None:
    """A metric that cannot be computed is NaN with a recorded reason; English-only metrics are
    NaN for an article that is not English."""
    english = dict(zip(languages["file"], languages["english"]))
    for row in metrics.to_dict("records"):
        for col, value in row.items():
            if not (isinstance(value, float) and math.isnan(value)):
                continue
            if col.startswith("sentiment_"):
                assert row["sentiment_notes"], f"{row['file']}: {col} is NaN with no sentiment note"
            elif col in READABILITY or col.startswith("fk_grade_"):
                assert row["readability_notes"], (
                    f"{row['file']}: {col} is NaN with no readability note"
                )
            else:  # a length ratio: NaN only with nothing to divide by
                assert row["body_words"] == 0 or row["sentences"] == 0, (
                    f"{row['file']}: {col} is NaN"
                )
        if not english[row["file"]]:
            for col in READABILITY + ("sentiment_mean",):
                assert math.isnan(row[col]), f"{row['file']} is not English but has {col}"


@st.composite
def stories(draw) -> dict[str, bytes]:
    n = draw(st.integers(1, 3))
    out = {}
    for i in range(n):
        text = draw(st.one_of(article_texts(), special_texts))
        data = (
            draw(st.sampled_from(encodings(text)))
            if draw(st.integers(0, 9))
            else draw(st.binary(max_size=200))
        )
        out[f"{i:03d}.txt"] = data
    return out


@settings(max_examples=PIPELINE, phases=NO_SHRINK)
@given(files=stories())
def test_every_table_is_computed_on_any_story_and_no_line_is_lost(generated_cases, files):
    generated_cases.tick()
    folder = Path(tempfile.mkdtemp())
    try:
        manifest = "file,outlet\n" + "".join(f"{name},Outlet {name[:3]}\n" for name in files)
        write_story(folder, files, manifest)
        check_analysis(Analysis(load_story(folder)), folder)
    finally:
        shutil.rmtree(folder)


# --------------------------------------------------------------------------------------------
# Layer 7: very long lines and very large articles
#
# These are slow because every table is computed on 200,000 characters or an article at the
# size limit (MAX_ARTICLE_BYTES; larger ones are refused with a warning): the examples
# are few and written out, plus one generated.


@pytest.mark.slow
@settings(max_examples=HUGE, phases=NO_SHRINK)
@given(unit=st.one_of(st.sampled_from(ENGLISH), line, quote_soup).filter(lambda t: t.strip()))
@example(unit="This is a sentence. ")  # pysbd alone took 85 s on this line, whole
@example(unit='“a ‘b’ s’ "c" \'d')  # quote attribution took 260 s
def test_one_200000_character_line(generated_cases, unit):
    generated_cases.tick()
    text = ((unit + " ") * (200_000 // (len(unit) + 1) + 1))[:200_000]
    text = text.encode("utf-8", "surrogatepass")[:MAX_ARTICLE_BYTES].decode(
        "utf-8", "ignore"
    )  # within the limit
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_story(Path(tmp), {"a.txt": text})
        check_analysis(Analysis(load_story(folder)), folder)


@settings(max_examples=2, phases=NO_SHRINK)
@given(
    paragraphs=st.lists(
        st.one_of(st.sampled_from(ENGLISH + FOREIGN + FURNITURE + MARKUP + ODD), line),
        min_size=5,
        max_size=40,
    ),
    eol=st.sampled_from(EOLS),
)
def test_articles_at_the_size_limit_load_clean_and_split_losslessly(
    generated_cases, paragraphs, eol
):
    generated_cases.tick()
    unit = (eol.join(paragraphs) + eol).encode()
    data = (unit * (MAX_ARTICLE_BYTES // max(len(unit), 1) + 1))[:MAX_ARTICLE_BYTES]
    data = data.decode("utf-8", "ignore").encode()  # not cut inside a character
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_story(Path(tmp), {"a.txt": data})
        a = Analysis(load_story(folder))
        assert a.articles.loc[0, "bytes"] >= MAX_ARTICLE_BYTES - 4
        check_lines(a.lines, "a.txt", a.articles.loc[0, "text"])
        assert encode_text(cleaning.rebuild_raw(a.lines, "a.txt"), "utf-8", False) == data
        check_sentences(a, "a.txt")
        assert a.languages.loc[0, "reason"]


@pytest.mark.slow
@settings(max_examples=1, phases=[Phase.explicit])
@given(paragraphs=st.just([]))
@example(paragraphs=ENGLISH + FURNITURE[:3])
def test_an_article_at_the_size_limit_through_every_table(generated_cases, paragraphs):
    generated_cases.tick()
    unit = "\n\n".join(paragraphs) + "\r\n"
    text = unit * (MAX_ARTICLE_BYTES // len(unit.encode()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_story(Path(tmp), {"a.txt": text})
        a = Analysis(load_story(folder))
        assert a.articles.loc[0, "bytes"] > MAX_ARTICLE_BYTES - len(unit.encode())
        check_analysis(a, folder)

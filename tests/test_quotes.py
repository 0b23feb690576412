"""Direct quotes, their speakers and verbs: the quotation-mark cases the issue names, every quote
of four or more words in the three seeds (from a hand reading of ``cat -n seeds/*.txt``), and two
fixture stories the code was not written against (``tests/fixtures/quotes``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.measures.quotes import QUOTE_COLUMNS, SHARE_COLUMNS, find_quotes, quote_warnings
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyse
from analysis.story.quotemarks import scan_marks

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"
MOORE = "Richard Moore"


def quoted(text: str) -> list[str]:
    """The quoted words of one paragraph, as the scanner pairs the marks."""
    return [text[r.open + 1 : r.stop] for r in scan_marks(text).regions]


# --- quotation marks ---------------------------------------------------------------------------

MARKS = {
    "curly double quotes": ("He said “our door is open” today.", ["our door is open"]),
    "straight double quotes": ('He said "our door is open" today.', ["our door is open"]),
    "straight opener, curly closer": (
        '"My teams are using AI.” Then he left.',
        ["My teams are using AI."],
    ),
    "curly single quotes in a headline": (
        "MI6 chief urges Russians ‘appalled’ by war to help",
        ["appalled"],
    ),
    "straight single quotes in a headline": ("Russians urged to 'join us' by spying", ["join us"]),
    "apostrophes inside words are not marks": (
        "Britain’s spy chief said it's late and They’re gone.",
        [],
    ),
    "a plural possessive is not a closing mark": (
        "Most intelligence defectors’ names are never known.",
        [],
    ),
    "a plural possessive inside a single quote": (
        "He spoke of ‘the defectors’ names’ today.",
        ["the defectors’ names"],
    ),
    "a quote inside a quote stays in the outer one": (
        "“Putin calls it a ‘special military operation’, but it is a war,” he said.",
        ["Putin calls it a ‘special military operation’, but it is a war,"],
    ),
    "an unclosed quote runs to the paragraph's end": (
        "He said “augment but not replace.",
        ["augment but not replace."],
    ),
    "a decade is not a quote": ("It was the ‘90s and rock ‘n’ roll.", []),
}


@pytest.mark.parametrize("name", list(MARKS))
def test_quotation_marks(name):
    text, expected = MARKS[name]
    assert quoted(text) == expected


def test_a_closing_mark_with_no_opener_is_listed_not_raised():
    scan = scan_marks("He said it ” and left.")
    assert scan.regions == []
    assert scan.stray == [11]


@pytest.mark.parametrize("text", ['"', "“", "”", "'", "‘’’“", '"" ""', "“a “b “c", "a” b” c”"])
def test_unbalanced_marks_never_raise(text):
    scan_marks(text)


# --- the seeds: every quote of four or more words, with its speaker ---------------------------

# (file prefix, raw line, the quote's first words): all said by Richard Moore.
SEED_QUOTES = [
    # 000 Fox News
    ("000", 1, "Our door is always open"),  # headline
    ("000", 3, "Our door is always open."),
    ("000", 5, "There are many Russians today"),
    ("000", 5, "They are watching in horror"),
    ("000", 7, "many Russians are wrestling"),
    ("000", 9, "I invite them to do"),
    ("000", 9, "We will handle their offers"),
    ("000", 13, "And together we will work"),
    ("000", 17, "are combining their skills"),
    ("000", 19, "venality, infighting and callous incompetence"),
    ("000", 19, "exposed the inexorable decay"),
    ("000", 21, "Prigozhin started off as a traitor"),
    ("000", 21, "So there are some things"),
    ("000", 33, "Our loyalty to our agents"),
    # 001 Kyiv Post
    ("001", 1, "join hands with us"),
    ("001", 5, "There are many Russians today"),
    ("001", 6, "As they witness the venality"),
    ("001", 7, "I invite them to do"),
    ("001", 8, "with discretion and professionalism"),
    ("001", 8, "their secrets will always be safe"),
    ("001", 8, "our loyalty to our agents is lifelong"),
    ("001", 12, "If we could not do that"),
    ("001", 15, "there appears now to be little prospect"),
    ("001", 17, "augment but not replace"),  # runs on into line 18
    ("001", 20, "I expect that we will"),
    ("001", 21, "undoubted potential for good"),
    ("001", 22, "My service together with our allies"),
    # 002 LBC
    ("002", 10, "join hands with us"),
    ("002", 16, "There are many Russians today"),
    ("002", 18, "They are watching in horror"),
    ("002", 20, "the same tugs of conscience"),
    ("002", 22, "I invite them to do"),
    ("002", 24, "We will handle their offers"),  # runs on into line 26
    ("002", 39, "Irresponsible, it's reckless"),
    ("002", 43, "My teams are now using AI"),
    ("002", 45, "They're combining their skills"),
    ("002", 47, "in damaging, reckless and unethical ways"),
    ("002", 49, "I remain hopeful"),
]


@pytest.fixture(scope="module")
def seeds():
    return analyse(SEEDS_DIR)


@pytest.fixture(scope="module")
def quotes(seeds):
    return seeds.quotes


def _find(quotes, prefix, line, opening):
    rows = quotes[
        quotes.file.str.startswith(prefix)
        & (quotes.line == line)
        & quotes.quote.str.startswith(opening)
    ]
    assert len(rows) == 1, f"{prefix} line {line}: {opening!r} found {len(rows)} times"
    return rows.iloc[0]


@pytest.mark.parametrize("prefix,line,opening", SEED_QUOTES)
def test_seed_quote_is_found_with_its_speaker(quotes, prefix, line, opening):
    assert _find(quotes, prefix, line, opening).speaker == MOORE


@pytest.mark.parametrize("prefix,expected", [("000", 14), ("001", 13), ("002", 11)])
def test_no_other_quote_of_four_or_more_words(quotes, prefix, expected):
    long = quotes[quotes.file.str.startswith(prefix) & (quotes.words >= 4)]
    assert len(long) == expected


def test_quotes_table_columns(quotes):
    assert list(quotes.columns) == list(QUOTE_COLUMNS)
    for column in (
        "file",
        "outlet",
        "quote_id",
        "location",
        "line",
        "paragraph",
        "sentence",
        "start",
        "end",
        "quote",
        "words",
        "kind",
        "speaker",
        "speaker_evidence",
        "verb",
        "verb_lemma",
        "stance",
        "unit",
        "fidelity",
    ):
        assert column in quotes.columns


def test_quote_ids_are_unique(quotes):
    assert quotes.quote_id.is_unique


def test_word_counts_by_hand(quotes):
    # "There are many Russians today ... kidnapping thousands of children": 30 words.
    assert _find(quotes, "000", 5, "There are many Russians").words == 30
    assert _find(quotes, "000", 1, "Our door").words == 5


def test_kyiv_post_quote_over_lines_17_and_18_is_one_quote(quotes):
    q = _find(quotes, "001", 17, "augment but not replace")
    assert q.paragraphs == 2
    assert q.quote.endswith("for use against Ukraine")
    assert "various situations. They’re combining" in q.quote
    # 15 words on line 17, 23 on line 18
    assert q.words == 38
    assert not quotes[quotes.file.str.startswith("001")].quote.str.startswith("They’re").any()


def test_lbc_quote_over_lines_24_to_26_is_one_quote(quotes):
    q = _find(quotes, "002", 24, "We will handle their offers")
    assert q.paragraphs == 2
    assert q.quote.endswith("And together we will work to bring the bloodshed to an end.")
    # 18 + 8 words on line 24, 12 on line 26
    assert q.words == 38
    assert q.speaker_evidence == "He"
    assert q.verb == "assured"


def test_multi_paragraph_span_covers_both_paragraphs(seeds, quotes):
    q = _find(quotes, "001", 17, "augment but not replace")
    span = seeds.bodies[q.file][q.start : q.end]
    assert span.startswith("augment but not replace")
    assert span.endswith("for use against Ukraine")
    assert "\n\n“They’re" in span


def test_single_paragraph_spans_are_the_quoted_words(seeds, quotes):
    body = quotes[(quotes.location == "body") & (quotes.paragraphs == 1)]
    for q in body.itertuples():
        assert seeds.bodies[q.file][q.start : q.end] == q.quote


def test_attribution_after_the_quote(quotes):
    q = _find(quotes, "000", 9, "I invite them")
    assert (q.speaker_evidence, q.verb, q.verb_lemma, q.stance) == (
        "the U.K. Secret Intelligence Service chief",
        "said",
        "say",
        "neutral",
    )
    assert _find(quotes, "001", 17, "augment").speaker_evidence == "the spy chief"
    assert _find(quotes, "002", 16, "There are many").speaker_evidence == "Sir Richard"


def test_attribution_before_the_quote(quotes):
    q = _find(quotes, "002", 12, "silently appalled")
    assert (q.speaker, q.speaker_evidence, q.verb, q.stance) == (
        MOORE,
        "Sir Richard Moore",
        "revealed",
        "loaded",
    )


def test_a_participle_takes_the_sentence_subject(quotes):
    q = _find(quotes, "001", 8, "their secrets")
    assert (q.speaker_evidence, q.verb, q.verb_lemma, q.stance) == (
        "Moore",
        "insisting",
        "insist",
        "loaded",
    )


def test_pronoun_resolves_to_the_last_named_speaker(quotes):
    q = _find(quotes, "000", 33, "Our loyalty")
    assert (q.speaker, q.speaker_evidence) == (MOORE, "he")
    # "He said Putin was “under pressure”": he is Moore, not Putin or Prigozhin.
    assert _find(quotes, "000", 19, "under pressure").speaker == MOORE


def test_hedge_and_continuation_verbs(quotes):
    assert _find(quotes, "002", 20, "the same tugs").stance == "hedge"
    assert _find(quotes, "002", 22, "I invite").verb == "continued"


def test_unattributed_quote_paragraph_continues_the_previous_speaker(quotes):
    q = _find(quotes, "002", 43, "My teams")
    assert (q.speaker, q.attribution, q.verb) == (MOORE, "previous quote", "")


def test_full_quotes_and_fragments(quotes):
    assert _find(quotes, "000", 3, "Our door").kind == "full"  # after ", "
    assert _find(quotes, "000", 5, "There are many").kind == "full"  # opens the sentence
    assert _find(quotes, "001", 15, "there appears").kind == "full"  # after "said:"
    assert _find(quotes, "000", 7, "many Russians").kind == "fragment"
    assert _find(quotes, "001", 10, "sacred").kind == "fragment"


def test_headline_quotes_are_kept_and_marked(quotes):
    lbc = quotes[quotes.file.str.startswith("002") & (quotes.location == "headline")]
    assert lbc.quote.tolist() == ["appalled", "end bloodshed", "join us"]
    assert (lbc.line == 1).all() and (lbc.start == -1).all() and (lbc.paragraph == 0).all()


def test_a_caption_pasted_twice_gives_one_quote(quotes):
    captions = quotes[quotes.file.str.startswith("002") & (quotes.location == "caption")]
    assert captions.quote.tolist() == ["under pressure"]
    assert captions.line.tolist() == [32]


def test_subhead_quote_takes_its_speaker_from_its_quote_unit(quotes):
    q = _find(quotes, "001", 13, "Win the race")
    assert (q.location, q.speaker, q.attribution) == ("subhead", MOORE, "quote unit")


def test_seeds_raise_no_quote_warnings(seeds):
    assert quote_warnings(seeds).empty


def test_speakers_are_found_without_an_alias_table(tmp_path):
    for f in SEEDS_DIR.iterdir():
        if f.name != "speakers.csv" and f.is_file():
            shutil.copy(f, tmp_path / f.name)
    q = find_quotes(analyse(tmp_path))
    long = q[q.words >= 4]
    assert len(long) == 14 + 13 + 11
    assert set(long.speaker) == {MOORE}


# --- quote share ---------------------------------------------------------------------------


def test_quote_share_columns_and_arithmetic(seeds):
    share = seeds.quote_share
    assert list(share.columns) == list(SHARE_COLUMNS)
    assert (share.quoted_words + share.narration_words == share.body_words).all()
    assert ((share.quoted_share > 0) & (share.quoted_share < 1)).all()


# --- stories the code was not written against --------------------------------------------------


@pytest.fixture(scope="module")
def bbc():
    return find_quotes(analyse(FIXTURES / "bbc_speech"))


def test_bbc_style_headline_single_quotes(bbc):
    head = bbc[bbc.location == "headline"]
    assert head.quote.tolist() == ["appalled"]


def test_bbc_inverted_attribution(bbc):
    q = bbc[bbc.quote.str.startswith("There are many")].iloc[0]
    assert (q.speaker, q.speaker_evidence, q.verb) == (MOORE, "Sir Richard", "said")


def test_bbc_quote_over_two_paragraphs_and_nested_quote(bbc):
    q = bbc[bbc.quote.str.startswith("I invite them")].iloc[0]
    assert q.paragraphs == 2
    assert q.quote.endswith("Their secrets will always be safe with us.")
    nested = bbc[bbc.quote.str.startswith("Putin calls it")].iloc[0]
    assert nested.nested == 1
    assert "‘special military operation’" not in nested.quote  # marks are straight in the file
    assert "'special military operation'" in nested.quote
    assert nested.speaker == MOORE


def test_bbc_second_speaker_by_surname_and_pronoun(bbc):
    by_line = {q.line: q for q in bbc.itertuples()}
    assert by_line[18].speaker == "Dmitry Peskov"  # A Kremlin spokesman, Dmitry Peskov, said
    assert by_line[20].speaker == "Dmitry Peskov"  # Mr Peskov added:
    assert (by_line[22].speaker, by_line[22].speaker_evidence) == ("Dmitry Peskov", "he")


@pytest.fixture(scope="module")
def rates():
    return find_quotes(analyse(FIXTURES / "rates_story"))


def test_second_story_speakers(rates):
    ledger = {
        (q.line, q.quote[:20]): q.speaker for q in rates[rates.file == "ledger.txt"].itertuples()
    }
    assert ledger[(5, "necessary to bring i")] == "Maria Lopez"
    assert ledger[(7, "Inflation has been m")] == "Maria Lopez"  # Ms Lopez said
    assert ledger[(9, "ready to act again i")] == "Maria Lopez"  # She added
    assert ledger[(11, "Markets had priced t")] == "Tom Baker"  # Mr Baker said
    assert ledger[(11, "What matters now is ")] == "Tom Baker"  # the next quote, no attribution
    assert ledger[(13, "We will look at the ")] == "Maria Lopez"  # the governor replied:
    assert ledger[(15, "Would we rather not ")] == "Maria Lopez"  # she said


def test_second_story_question_before_attribution_is_one_quote(rates):
    q = rates[(rates.file == "ledger.txt") & (rates.line == 15)]
    assert q.quote.tolist() == [
        "Would we rather not raise rates? Of course",
        "But the alternative is worse.",
    ]


def test_unclosed_quote_is_a_warning_naming_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Headline for a test\n\nThe minister said “we will win.\n\nNobody agreed with him.\n",
        encoding="utf-8",
    )
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,Test\n", encoding="utf-8")
    a = analyse(tmp_path)
    q = find_quotes(a)
    assert q.quote.tolist() == ["we will win."]
    assert not q.closed.iat[0]
    w = quote_warnings(a)
    assert w.code.tolist() == ["quote-not-closed"]
    assert w.line.tolist() == [3]
    assert "a.txt, line 3" in w.message.iat[0]


def test_an_article_with_no_quotes_gives_an_empty_table(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nNothing was said today.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,Test\n", encoding="utf-8")
    a = analyse(tmp_path)
    assert a.quotes.empty and list(a.quotes.columns) == list(QUOTE_COLUMNS)
    assert a.quote_share.quoted_words.tolist() == [0]
    assert a.quote_units.empty


def test_a_passive_or_a_noun_is_not_the_attribution_verb(bbc):
    by_line = {q.line: q for q in bbc.itertuples()}
    # "Mr Moore told his audience that the defectors' names would never be revealed: “I ..."
    assert (by_line[12].verb, by_line[12].speaker_evidence) == ("told", "Mr Moore")
    # "A Kremlin spokesman, Dmitry Peskov, said the remarks were “absurd and provocative”"
    assert by_line[18].verb == "said"


def test_speakers_by_outlet_on_the_bbc_fixture():
    from analysis.measures.quotes import speakers_by_outlet

    t = speakers_by_outlet(analyse(FIXTURES / "bbc_speech")).set_index("speaker")
    # Moore: 5 + 19 + 32 + 13 words; Peskov: 3 + 12 + 5 words (hand counts of the fixture)
    assert t.loc[MOORE, "quotes"] == 4 and t.loc[MOORE, "words"] == 69
    assert t.loc["Dmitry Peskov", "quotes"] == 3 and t.loc["Dmitry Peskov", "words"] == 20


def test_quote_charts_plot_their_tables(seeds):
    from analysis.charts import quotes as charts_quotes

    for name, chart in charts_quotes.CHARTS.items():
        fig, data = chart(seeds)
        assert len(data) > 0, name
        assert fig.texts, name  # title and source line


def _story(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,outlet\na.txt,Test\n", encoding="utf-8")
    return find_quotes(analyse(tmp_path))


def test_an_apposition_without_article_is_skipped(tmp_path):
    q = _story(
        tmp_path,
        "Council plans runway fight\n\nLord Hanningfield, leader of Essex County "
        'Council, told the BBC: "We are going to the High Court."\n',
    )
    assert (q.speaker.iat[0], q.speaker_evidence.iat[0], q.verb.iat[0]) == (
        "Hanningfield",
        "Lord Hanningfield",
        "told",
    )


def test_he_does_not_stand_for_an_organisation(tmp_path):
    q = _story(
        tmp_path,
        'Runway row\n\nEssex County Council said the plan was "unlawful and '
        'rushed".\n\n"Politicians should not decide this," he added.\n',
    )
    assert q.speaker.tolist() == ["Essex County Council", ""]


def test_a_possessive_makes_a_verb_form_a_noun(tmp_path):
    q = _story(
        tmp_path, 'Inquiry row\n\nMr Howard said Lord Butler\'s claims were "very thin" indeed.\n'
    )
    assert (q.verb.iat[0], q.speaker_evidence.iat[0]) == ("said", "Mr Howard")

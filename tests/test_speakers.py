"""Who said it, on a story with no hand tables: one test per error class of issue 13.

Every story here is invented and written for the test; none has a ``speakers.csv``. The
expected speakers are what a reader of the text says, written out by hand.
"""

from __future__ import annotations

import pytest

from analysis.pipeline import analyse


def quotes_of(story, *articles: str):
    """The quotes table of a story of plain articles (``a.txt``, ``b.txt`` ...)."""
    names = [f"{chr(97 + k)}.txt" for k in range(len(articles))]
    manifest = "file,outlet\n" + "".join(f"{n},Outlet {n[0].upper()}\n" for n in names)
    return analyse(story(dict(zip(names, articles)), manifest)).quotes


def speaker_of(q, words: str) -> str:
    rows = q[q.quote.str.contains(words, regex=False)]
    assert len(rows) == 1, f"{words!r}: {len(rows)} quotes"
    return rows.speaker.iat[0]


def row_of(q, words: str):
    rows = q[q.quote.str.contains(words, regex=False)]
    assert len(rows) == 1, f"{words!r}: {len(rows)} quotes"
    return rows.iloc[0]


# --- a first name, a title or an abbreviated title left as the speaker --------------------------

KNIGHT = ("Port chief warns on dredging\n\n"
          "Sir Alan Marchetti, the chairman of the harbour board, spoke in Dover on Monday.\n\n"
          "\"The channel is silting faster than we can clear it,\" Sir Alan said.\n")


def test_sir_and_a_first_name_is_the_full_name_the_article_gave(story):
    assert speaker_of(quotes_of(story, KNIGHT), "silting") == "Alan Marchetti"


@pytest.mark.parametrize("attribution", [
    "said Mr. Okafor", "said Rep. Daniel Okafor", "said Sen. Daniel Okafor", "said Gov. Okafor",
    "said Dr. Okafor", "said Mrs. Okafor", "Rep. Okafor said",
])
def test_an_abbreviated_title_with_a_full_stop_is_not_the_speaker(story, attribution):
    text = ("Water bill advances\n\nDaniel Okafor introduced the bill in March.\n\n"
            f"\"This is about clean water for every town,\" {attribution}.\n")
    assert speaker_of(quotes_of(story, text), "clean water") == "Daniel Okafor"


def test_a_surname_alone_is_the_full_name_the_article_gave(story):
    text = ("Budget row\n\nCity treasurer Marisol Pike presented the figures.\n\n"
            "\"We cannot spend money we do not have,\" Pike said.\n")
    q = quotes_of(story, text)
    assert (row_of(q, "spend money").speaker, row_of(q, "spend money").speaker_evidence) == (
        "Marisol Pike", "Pike")


# --- a description not linked to its person ----------------------------------------------------

@pytest.mark.parametrize("introduction, description", [
    ("Harbour authority chief Anna Lindqvist spoke on Monday.", "the harbour authority chief"),
    ("Anna Lindqvist, the head of the harbour authority, spoke on Monday.", "The head of the harbour authority"),
    ("Anna Lindqvist, the head of the harbour authority, spoke on Monday.", "the port chief"),
    ("Harbour authority chief Anna Lindqvist spoke on Monday.", "the chief"),
])
def test_a_description_is_the_one_person_who_holds_that_role(story, introduction, description):
    text = (f"Ferry fares to rise\n\n{introduction}\n\n"
            f"\"Fares have not kept up with fuel,\" {description} said.\n")
    assert speaker_of(quotes_of(story, text), "fuel") == "Anna Lindqvist"


def test_a_description_in_one_article_is_linked_through_another(story):
    first = ("Ferry fares to rise\n\nHarbour authority chief Anna Lindqvist said fares would "
             "rise in May.\n")
    second = "Fares up\n\n\"Fares have not kept up with fuel,\" the harbour chief said.\n"
    assert speaker_of(quotes_of(story, first, second), "fuel") == "Anna Lindqvist"


# --- the wrong relative -----------------------------------------------------------------------

def test_a_title_tells_a_husband_from_his_wife(story):
    first = ("Memoir out\n\nFormer President Robert Castellano praised the book by his wife.\n")
    second = ("Book tour\n\nElena Castellano appeared on a breakfast show on Wednesday.\n\n"
              "\"It's about her,\" President Castellano said.\n")
    assert speaker_of(quotes_of(story, first, second), "about her") == "Robert Castellano"


def test_mr_and_mrs_tell_a_husband_from_his_wife(story):
    text = ("A family business\n\nElena and Robert Castellano run a bakery. Robert Castellano "
            "bakes; Elena Castellano keeps the books.\n\n"
            "\"The ovens start at four,\" Mr. Castellano said.\n\n"
            "\"And the invoices at nine,\" Mrs. Castellano said.\n")
    q = quotes_of(story, text)
    assert (speaker_of(q, "ovens"), speaker_of(q, "invoices")) == (
        "Robert Castellano", "Elena Castellano")


def test_she_is_not_the_man_named_last(story):
    text = ("Memoir out\n\nElena Castellano writes about her years in public life.\n\n"
            "She also reveals that her husband, Robert Castellano, once forgot their "
            "anniversary.\n\n"
            "\"He called me at 3am and sang to me down the line,\" she writes.\n")
    assert speaker_of(quotes_of(story, text), "sang") == "Elena Castellano"


def test_a_first_name_tells_a_mother_from_her_daughter(story):
    text = ("Nurses strike\n\nKelly Adams, a ward sister, will strike. Her mother, Sheila "
            "Adams, is a retired nurse.\n\n"
            "\"I never went on strike in 38 years,\" Sheila said.\n\n"
            "\"I'm doing it for my patients,\" Kelly said.\n")
    q = quotes_of(story, text)
    assert (speaker_of(q, "38 years"), speaker_of(q, "my patients")) == (
        "Sheila Adams", "Kelly Adams")


# --- things, dates and clauses as speakers ------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Mayor says bridge 'not safe' as cracks spread\n\nThe bridge was shut on Monday.\n", "not safe"),
    ("Chip makers\n\nThe AI race \"is a marathon, not a sprint\", according to analysts.\n",
     "marathon"),
    ("Grain deal\n\nThe deal expired in June. Ukraine \"will keep exporting\", officials say.\n",
     "keep exporting"),
    ("Leak inquiry\n\nThe agency - \"which has never commented on leaks\" - said nothing.\n",
     "never commented"),
    ("Dam survey\n\nThe cracks \"are getting wider every week\", the survey found.\n",
     "wider every week"),
])
def test_a_thing_a_date_or_a_clause_is_never_a_speaker(story, text, words):
    assert speaker_of(quotes_of(story, text), words) == ""


def test_a_headline_says_verb_takes_the_role_not_the_object(story):
    text = ("Mayor says bridge 'not safe' as cracks spread\n\n"
            "Mayor Dana Whitfield closed the Harlow Street Bridge on Monday.\n\n"
            "\"The bridge is not safe,\" Whitfield said.\n")
    q = quotes_of(story, text)
    assert speaker_of(q[q.location != "body"], "not safe") == "Dana Whitfield"


# --- a new speaker named in the quote's own sentence ----------------------------------------------

def test_a_speaker_named_in_the_sentence_beats_the_previous_quote(story):
    text = ("Bridge shut\n\n\"We close it today,\" Mayor Dana Whitfield said.\n\n"
            "City engineer Marcus Bell was blunter: \"It should have closed last year.\"\n")
    assert speaker_of(quotes_of(story, text), "last year") == "Marcus Bell"


def test_a_speaker_introduced_before_a_colon_beats_the_previous_quote(story):
    text = ("Bridge shut\n\n\"We close it today,\" Mayor Dana Whitfield said.\n\n"
            "The mayor's spokesman, Devin Clarke, added: \"The review starts on Friday.\"\n\n"
            "Resident Linda Perez put it simply. \"Minutes matter.\"\n")
    q = quotes_of(story, text)
    assert (speaker_of(q, "review starts"), speaker_of(q, "Minutes matter")) == (
        "Devin Clarke", "Linda Perez")


# --- titles and scare quotes are not speech -----------------------------------------------------

@pytest.mark.parametrize("sentence, words", [
    ("Her memoir, \"The Long Table,\" was published on Tuesday.", "The Long Table"),
    ("She appeared on \"Sunrise Desk\" on Wednesday.", "Sunrise Desk"),
    ("Aides had found her \"too shrill\" in focus groups.", "too shrill"),
    ("Regulars call the detour the \"Fifth Avenue crawl.\"", "Fifth Avenue crawl"),
])
def test_a_title_or_scare_quote_has_no_speaker(story, sentence, words):
    text = ("Memoir out\n\nElena Castellano spoke to reporters on Monday.\n\n"
            "\"I wrote it for my daughter,\" Castellano said.\n\n" + sentence + "\n")
    r = row_of(quotes_of(story, text), words)
    assert (r.kind in ("term", "fragment"), r.speaker) == (True, "")


def test_a_scare_quote_tied_by_a_reporting_verb_keeps_its_speaker(story):
    text = ("Bridge shut\n\nCouncilman Ray Ostrowski called the closure a \"fiasco\".\n")
    assert speaker_of(quotes_of(story, text), "fiasco") == "Ray Ostrowski"


# --- blank rather than guess --------------------------------------------------------------------

def test_an_anonymous_speaker_is_blank(story):
    text = ("Bridge shut\n\n\"We close it today,\" Mayor Dana Whitfield said.\n\n"
            "One furious commuter wrote on social media: \"Three hours to get to work.\"\n")
    assert speaker_of(quotes_of(story, text), "Three hours") == ""


def test_a_bare_spokesperson_speaks_for_the_organisation_just_quoted(story):
    text = ("Pay row\n\nThe Department of Health and Social Care said in a statement that the "
            "award would stand.\n\n"
            "\"The pay award will not be reopened,\" a spokesperson said.\n")
    assert speaker_of(quotes_of(story, text), "not be reopened") == (
        "Department of Health and Social Care")


def test_a_spokesperson_for_a_person_is_nobody_named(story):
    text = ("Broadband\n\nRep. Luis Ortega filed the bill.\n\n"
            "A spokeswoman for the House speaker said only that it would \"review the work.\"\n")
    assert speaker_of(quotes_of(story, text), "review the work") == ""

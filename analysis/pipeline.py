"""One story's analysis, computed lazily: each table is built the first time it is asked for.

>>> from analysis.pipeline import analyse
>>> a = analyse("seeds")          # doctest: +SKIP
>>> a.lines.head()                # doctest: +SKIP

Every attribute is a tidy DataFrame; see the module that computes it for its columns.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis import cleaning, language, sentences
from analysis.loading import Story, load_story


class Analysis:
    """The tables of one story folder."""

    def __init__(self, story: Story):
        self.story = story

    @property
    def folder(self) -> Path:
        return self.story.folder

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (:data:`analysis.loading.ARTICLE_COLUMNS`)."""
        return self.story.articles

    @property
    def warnings(self) -> pd.DataFrame:
        """Recorded warnings: ``file, line, code, message``."""
        return self.story.warnings

    @cached_property
    def lines(self) -> pd.DataFrame:
        """One row per raw line with its role and reason (:mod:`analysis.cleaning`)."""
        return cleaning.classify_lines(self.articles, self.folder)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per body paragraph, with its span in the body text."""
        return cleaning.paragraphs(self.lines)

    @cached_property
    def bodies(self) -> pd.Series:
        """Each article's body text, indexed by file."""
        return cleaning.bodies(self.lines, self.articles["file"])

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per body sentence (:mod:`analysis.sentences`)."""
        return sentences.split_sentences(self.paragraphs)

    @cached_property
    def languages(self) -> pd.DataFrame:
        """One row per article: ``file, language, english, latin_share, function_word_share,
        reason`` (:mod:`analysis.language`). English-only metrics are NaN where ``english`` is
        False."""
        rows = [{"file": f, **language.detect(b)} for f, b in self.bodies.items()]
        return pd.DataFrame(rows, columns=["file", "language", "english", "latin_share",
                                           "function_word_share", "reason"])

    # Quotes (analysis/quotes.py, analysis/alignment.py)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """One row per direct quote: location, line, span, speaker, verb, quote unit, fidelity
        (:mod:`analysis.quotes`)."""
        from analysis import quotes

        return quotes.find_quotes(self)

    @cached_property
    def quote_share(self) -> pd.DataFrame:
        """One row per article: body, quoted and narration words (:mod:`analysis.quotes`)."""
        from analysis import quotes

        return quotes.quote_share(self, self.quotes)

    @cached_property
    def quote_units(self) -> pd.DataFrame:
        """One row per quote unit and article: used, exact or variant, order
        (:mod:`analysis.alignment`)."""
        from analysis import alignment

        return alignment.quote_units(self.quotes, self.articles)

    @cached_property
    def quote_differences(self) -> pd.DataFrame:
        """Word-level wording differences between articles quoting the same words
        (:mod:`analysis.alignment`)."""
        from analysis import alignment

        return alignment.quote_differences(self.quotes)

    @cached_property
    def length(self) -> pd.DataFrame:
        """One row per article: body, sentence, paragraph, quoted and removed words
        (:mod:`analysis.length`)."""
        from analysis import length

        return length.length_of(self)

    @cached_property
    def readability(self) -> pd.DataFrame:
        """One row per article: readability formulas from counts, with validity flags
        (:mod:`analysis.readability`)."""
        from analysis import readability

        return readability.readability_of(self)

    @cached_property
    def sentiment_sentences(self) -> pd.DataFrame:
        """One row per body sentence: VADER scores, narration and quote parts, position, actors
        (:mod:`analysis.sentiment`)."""
        from analysis import sentiment

        return sentiment.sentences_of(self)

    @cached_property
    def sentiment(self) -> pd.DataFrame:
        """One row per article: the distribution of its sentences' sentiment
        (:mod:`analysis.sentiment`)."""
        from analysis import sentiment

        return sentiment.sentiment_of(self)

    @cached_property
    def metrics(self) -> pd.DataFrame:
        """One row per article: length, readability and sentiment (:mod:`analysis.metrics`)."""
        from analysis import metrics

        return metrics.metrics_of(self)

    # Framing (analysis/framing.py, attribution.py, distinctive.py, shared_text.py)

    @cached_property
    def frame_hits(self) -> pd.DataFrame:
        """Every frame and theme hit: matched words, sentence, lexicon row (:mod:`analysis.framing`)."""
        from analysis import framing

        return framing.frame_hits(self)

    @cached_property
    def frames(self) -> pd.DataFrame:
        """One row per outlet and frame: share of sentences, first position, hits."""
        from analysis import framing

        return framing.frames(self)

    @cached_property
    def emphasis(self) -> pd.DataFrame:
        """Frames and actors in the headline, first paragraph and first quarter vs the rest."""
        from analysis import framing

        return framing.emphasis(self)

    @cached_property
    def naming_hits(self) -> pd.DataFrame:
        """Every naming of a key actor, with its form and sentence (``naming.csv``)."""
        from analysis import framing

        return framing.naming_hits(self)

    @cached_property
    def naming(self) -> pd.DataFrame:
        """One row per outlet, actor and naming form: headline, body and quoted uses."""
        from analysis import framing

        return framing.naming(self)

    @cached_property
    def verb_hits(self) -> pd.DataFrame:
        """Every reporting verb and hedge in the body, quoted or not (:mod:`analysis.attribution`)."""
        from analysis import attribution

        return attribution.verb_hits(self)

    @cached_property
    def reporting_verbs(self) -> pd.DataFrame:
        """One row per outlet and verb form: count, quoted, per 1,000 body words."""
        from analysis import attribution

        return attribution.reporting_verbs(self)

    @cached_property
    def attribution(self) -> pd.DataFrame:
        """One row per outlet: neutral, loaded and hedging verbs per 1,000 body words."""
        from analysis import attribution

        return attribution.attribution(self)

    @cached_property
    def source_hits(self) -> pd.DataFrame:
        """Every agency, outlet or document named in the body or a credit line."""
        from analysis import attribution

        return attribution.source_hits(self)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """One row per outlet and source cited, with the manifest's wire lineage."""
        from analysis import attribution

        return attribution.sources(self)

    @cached_property
    def distinctive_terms(self) -> pd.DataFrame:
        """Each outlet's words against the others: Fightin' Words log-odds and z
        (:mod:`analysis.distinctive`)."""
        from analysis import distinctive

        return distinctive.outlet_terms(self)

    @cached_property
    def shared_sentences(self) -> pd.DataFrame:
        """Every body sentence with its closest sentence in another outlet: near-identical,
        edited or unique (:mod:`analysis.shared_text`)."""
        from analysis import framing, shared_text

        return shared_text.align(framing.body_sentences(self))

    @cached_property
    def unique_share(self) -> pd.DataFrame:
        """One row per outlet: the share of its body no other outlet shares."""
        from analysis import shared_text

        return shared_text.unique_share(self.shared_sentences)


def optional_table(analysis, name: str) -> pd.DataFrame | None:
    """The table ``name`` of ``analysis`` if this installation computes it (its module may be
    missing), else None. For callers that show whatever tables exist (findings, dashboard,
    widgets)."""
    try:
        value = getattr(analysis, name)
    except (AttributeError, ModuleNotFoundError):
        return None
    return value if isinstance(value, pd.DataFrame) else None


def analyse(folder: str | Path | None = None) -> Analysis:
    """Load a story folder (default ``seeds/``) and return its lazily computed tables."""
    return Analysis(load_story(folder))

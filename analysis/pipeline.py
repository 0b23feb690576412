"""One story's analysis, and the one registry of its tables.

>>> from analysis.pipeline import analyse
>>> a = analyse("seeds")          # doctest: +SKIP
>>> a.lines.head()                # doctest: +SKIP

Every table is declared once, below, as a :class:`table` attribute of :class:`Analysis`: its
name, the function that builds it, its columns and one line of help. It is built the first time
it is asked for and kept. The command line (``python -m analysis NAME``), the report
(``out/tables/NAME.csv``), batch runs and the column tables in ``docs/`` all read
:data:`TABLES`, so a new table is one declaration here and nothing else.

Layers: this module sits above the measures (``analysis/story``, ``analysis/measures``) and
below the charts and the app; see ``docs/architecture.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, overload

import pandas as pd

import analysis.measures.actors
import analysis.measures.alignment
import analysis.measures.attribution
import analysis.measures.corpus
import analysis.measures.distinctive
import analysis.measures.findings
import analysis.measures.framing
import analysis.measures.length
import analysis.measures.metrics
import analysis.measures.quotes
import analysis.measures.readability
import analysis.measures.sentiment
import analysis.measures.shared_text
import analysis.measures.speakers
import analysis.story.cleaning
import analysis.story.language
import analysis.story.loading
import analysis.story.sentences  # noqa: F401 (read as story.sentences)
from analysis import measures, story
from analysis.story.loading import Story, load_story

Build = Callable[["Analysis"], pd.DataFrame]


@dataclass(frozen=True)
class TableSpec:
    """What the registry knows of one table.

    ``name`` is the attribute of :class:`Analysis` (snake_case); ``command`` the command-line
    name (``python -m analysis COMMAND``; None when the table has no command of its own);
    ``file`` the CSV name the report writes under ``tables/`` (None when it writes none);
    ``columns`` the columns in order (None where they depend on the story, as the frames per
    article); ``cli_columns`` the columns the command prints when fewer than all.
    """

    name: str
    build: Build
    help: str
    columns: tuple[str, ...] | None
    command: str | None
    file: str | None
    cli_columns: tuple[str, ...] | None = None
    #: A printer of the table's own warnings for the command line (quotes: unclosed marks).
    cli_warnings: Callable[["Analysis"], pd.DataFrame] | None = None


#: Every table, in declaration order: name -> spec.
TABLES: dict[str, TableSpec] = {}


def _dash(name: str) -> str:
    return name.replace("_", "-")


class table:
    """Declare a table of :class:`Analysis` (a lazily built, cached DataFrame attribute) and
    register it in :data:`TABLES`.

    ``command`` and ``file`` default to the name with dashes; pass ``command=None`` for a table
    with no command of its own, ``file=None`` for one the report does not write.
    """

    _DEFAULT = "-"

    def __init__(
        self,
        build: Build,
        help: str,
        columns=None,
        *,
        command: str | None = _DEFAULT,
        file: str | None = _DEFAULT,
        cli_columns=None,
        cli_warnings=None,
    ):
        self.build = build
        self.help = help
        self.columns = tuple(columns) if columns is not None else None
        self.command = command
        self.file = file
        self.cli_columns = tuple(cli_columns) if cli_columns is not None else None
        self.cli_warnings = cli_warnings
        self.name = ""

    def __set_name__(self, owner, name: str) -> None:
        self.name = name
        command = _dash(name) if self.command == self._DEFAULT else self.command
        file = f"{_dash(name)}.csv" if self.file == self._DEFAULT else self.file
        if name in TABLES:
            raise ValueError(f"table {name} is declared twice")
        TABLES[name] = TableSpec(
            name,
            self.build,
            self.help,
            self.columns,
            command,
            file,
            self.cli_columns,
            self.cli_warnings,
        )

    @overload
    def __get__(self, obj: None, owner) -> table: ...

    @overload
    def __get__(self, obj: Analysis, owner) -> pd.DataFrame: ...

    def __get__(self, obj, owner):
        if obj is None:
            return self
        cache = obj.__dict__
        if self.name not in cache:
            cache[self.name] = self.build(obj)
        return cache[self.name]

    def __set__(self, obj, value: pd.DataFrame) -> None:
        # Batch runs and tests may hand an Analysis a table computed elsewhere.
        obj.__dict__[self.name] = value


def _warnings(a) -> pd.DataFrame:
    """The story's warnings: loading's, and the line stage's (hard-wrapped pastes, a user's
    pattern over its time limit), which are recorded when the lines table is computed."""
    a.lines  # noqa: B018 - computed for the warnings it records
    return a.story.warnings


def _languages(a: Analysis) -> pd.DataFrame:
    rows = [{"file": f, **story.language.detect(b)} for f, b in a.bodies.items()]
    return pd.DataFrame(rows, columns=list(story.language.LANGUAGE_COLUMNS))


def _lines(a: Analysis) -> pd.DataFrame:
    # A user's furniture pattern that timed out is a warning of the story (issue 17).
    found: list[dict] = []
    # A story folder's articles are one story: each is also judged against the others' words.
    vocabulary = (
        story.loading.story_vocabulary(a.articles, a.folder)
        if getattr(a.story, "together", False)
        else None
    )
    lines = story.cleaning.classify_lines(a.articles, a.folder, found, story_words=vocabulary)
    if found:
        extra = pd.DataFrame(found, columns=list(story.loading.WARNING_COLUMNS))
        a.story.warnings = pd.concat([a.story.warnings, extra], ignore_index=True).astype(
            {"line": "int64"}
        )
    return lines


class Analysis:
    """The tables of one story folder; each attribute below is one table (see :data:`TABLES`)."""

    def __init__(self, story: Story):
        self.story = story

    @property
    def folder(self) -> Path:
        return self.story.folder

    # ------------------------------------------------------------------ helpers

    def coverage(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` (with a ``file`` column) that belong to coverage: articles
        whose ``kind`` is not ``source`` (a document quotes are checked against)."""
        return frame[frame["file"].isin(self.coverage_files)]

    @property
    def coverage_files(self) -> list[str]:
        """The files of the articles that are coverage (``kind`` other than ``source``), in
        file order."""
        return list(story.loading.coverage_rows(self.articles)["file"])

    @property
    def outlets(self) -> list[str]:
        """The outlets of the coverage articles, in file order, each once."""
        return list(dict.fromkeys(story.loading.coverage_rows(self.articles)["outlet"]))

    # ------------------------------------------------------------------ story input (analysis/story)

    articles = table(
        lambda a: a.story.articles,
        "one row per article: the manifest's fields, encoding and size",
        story.loading.ARTICLE_COLUMNS,
        command=None,
    )
    lines = table(
        _lines,
        "every raw line with its role and the reason for it",
        story.cleaning.LINE_COLUMNS,
        cli_columns=("file", "line", "role", "reason", "text"),
    )
    paragraphs = table(
        lambda a: story.cleaning.paragraphs(a.lines),
        "one row per body paragraph, with its span in the body text",
        story.cleaning.PARAGRAPH_COLUMNS,
        command=None,
    )
    bodies = table(
        lambda a: story.cleaning.bodies(a.lines, a.articles["file"]),
        "each article's body text (a Series indexed by file)",
        None,
        command=None,
    )
    sentences = table(
        lambda a: story.sentences.split_sentences(a.paragraphs),
        "every body sentence with its paragraph, raw line and span",
        story.sentences.SENTENCE_COLUMNS,
    )
    warnings = table(
        lambda a: _warnings(a),
        "the warnings recorded while loading the story",
        story.loading.WARNING_COLUMNS,
    )
    languages = table(
        _languages,
        "one row per article: the language of its body and why",
        story.language.LANGUAGE_COLUMNS,
        command=None,
    )

    # ------------------------------------------------------------------ quotes (analysis/measures)

    quotes = table(
        lambda a: measures.quotes.find_quotes(a),
        "every direct quote with its speaker, verb, quote unit and fidelity",
        measures.quotes.QUOTE_COLUMNS,
        cli_warnings=lambda a: measures.quotes.quote_warnings(a),
    )
    actors = table(
        lambda a: measures.speakers.actors(a),
        "every person and organisation the articles name, with each form and its evidence",
        measures.actors.ACTOR_COLUMNS,
    )
    quote_share = table(
        lambda a: measures.quotes.quote_share(a, a.quotes),
        "per article: words inside quotes and narration",
        measures.quotes.SHARE_COLUMNS,
    )
    quote_units = table(
        lambda a: measures.alignment.quote_units(a.quotes, a.articles),
        "per quote unit and outlet: used, exact or variant, order",
        measures.alignment.UNIT_COLUMNS,
    )
    quote_differences = table(
        lambda a: measures.alignment.quote_differences(a.quotes),
        "per quote unit and pair of outlets: the wording differences",
        measures.alignment.DIFFERENCE_COLUMNS,
    )

    # ------------------------------------------------------------------ length, readability, sentiment

    length = table(
        lambda a: measures.length.length_of(a),
        "one row per article: body, sentence, paragraph, quoted and removed words",
        measures.length.LENGTH_COLUMNS,
        command=None,
    )
    readability = table(
        lambda a: measures.readability.readability_of(a),
        "one row per article: readability formulas from counts, with validity flags",
        measures.readability.READABILITY_COLUMNS,
        command=None,
    )
    metrics = table(
        lambda a: measures.metrics.metrics_of(a),
        "one row per article: length, readability and sentiment",
        measures.metrics.METRICS_COLUMNS,
    )
    sentiment_sentences = table(
        lambda a: measures.sentiment.sentences_of(a),
        "every body sentence with its VADER scores, quote/narration parts and actors",
        measures.sentiment.SENTENCE_COLUMNS,
    )
    sentiment = table(
        lambda a: measures.sentiment.sentiment_of(a),
        "one row per article: the distribution of its sentences' sentiment",
        measures.sentiment.ARTICLE_COLUMNS,
        command=None,
    )
    sentiment_actors = table(
        lambda a: measures.sentiment.actors_of(a),
        "sentiment of the sentences that mention each actor",
        None,
        file=None,
    )

    # ------------------------------------------------------------------ framing (analysis/measures)

    frames = table(
        lambda a: measures.framing.frames(a),
        "one row per outlet and frame: share of sentences, first position",
        measures.framing.FRAME_COLUMNS,
        command="framing",
    )
    frame_hits = table(
        lambda a: measures.framing.frame_hits(a),
        "every frame hit with its matched words and sentence",
        measures.framing.HIT_COLUMNS,
    )
    frames_by_article = table(
        lambda a: measures.framing.frames_by_article(a),
        "one row per article: the share of its sentences carrying each frame",
        None,
        command=None,
        file=None,
    )
    emphasis = table(
        lambda a: measures.framing.emphasis(a),
        "frames and actors in the headline and lede against the rest",
        measures.framing.EMPHASIS_COLUMNS,
    )
    naming_hits = table(
        lambda a: measures.framing.naming_hits(a),
        "every naming of a key actor, with its form and sentence",
        measures.framing.NAMING_HIT_COLUMNS,
        command=None,
    )
    naming = table(
        lambda a: measures.framing.naming(a),
        "how each outlet names the key actors",
        measures.framing.NAMING_COLUMNS,
    )
    verb_hits = table(
        lambda a: measures.attribution.verb_hits(a),
        "every reporting verb and hedge in the body, quoted or not",
        measures.attribution.VERB_HIT_COLUMNS,
        command=None,
    )
    reporting_verbs = table(
        lambda a: measures.attribution.reporting_verbs(a),
        "reporting verbs and hedges per outlet, per 1,000 words",
        measures.attribution.VERB_COLUMNS,
    )
    attribution = table(
        lambda a: measures.attribution.attribution(a),
        "neutral, loaded and hedging verbs per outlet per 1,000 words",
        measures.attribution.ATTRIBUTION_COLUMNS,
    )
    source_hits = table(
        lambda a: measures.attribution.source_hits(a),
        "every agency, outlet or document named in the body or a credit line",
        measures.attribution.SOURCE_HIT_COLUMNS,
        command=None,
    )
    sources = table(
        lambda a: measures.attribution.sources(a),
        "agencies, outlets and documents cited, and the wire lineage",
        measures.attribution.SOURCE_COLUMNS,
    )
    distinctive_terms = table(
        lambda a: measures.distinctive.outlet_terms(a),
        "each outlet's distinctive words (Fightin' Words z-scores)",
        measures.distinctive.DISTINCTIVE_COLUMNS,
        command="distinctive",
    )
    shared_sentences = table(
        lambda a: measures.shared_text.align(measures.framing.body_sentences(a)),
        "every sentence aligned with its closest match in other outlets",
        measures.shared_text.ALIGN_COLUMNS,
        command="shared-text",
    )
    unique_share = table(
        lambda a: measures.shared_text.unique_share(a.shared_sentences),
        "share of each outlet's body that no other outlet shares",
        measures.shared_text.UNIQUE_COLUMNS,
    )

    # ------------------------------------------------------------------ the corpus and the findings

    corpus = table(
        lambda a: measures.corpus.corpus(a),
        "one row per article: manifest fields, language, raw and body lines and words",
        measures.corpus.CORPUS_COLUMNS,
        command=None,
    )
    removed_lines = table(
        lambda a: measures.corpus.removed_lines(a),
        "every line the cleaner removed, with its role and reason",
        measures.corpus.REMOVED_COLUMNS,
        command=None,
    )
    removal_counts = table(
        lambda a: measures.corpus.removal_counts(a),
        "per outlet, role and reason: the lines and words removed",
        measures.corpus.COUNT_COLUMNS,
        command=None,
    )
    findings = table(
        lambda a: measures.findings.findings(a),
        "the headline findings, as sentences generated from the tables",
        measures.findings.FINDING_COLUMNS,
    )


def analyse(folder: str | Path | None = None) -> Analysis:
    """Load a story folder (default ``seeds/``) and return its lazily computed tables.

    When ``$COVERAGE_SHARED_TABLES`` names a file of tables already computed for this story
    (the report sets it for the notebooks it runs, see :func:`share_tables`), they are loaded
    from it instead, provided the story folder and the package are still what they were."""
    shared = _shared_analysis(folder)
    return shared if shared is not None else Analysis(load_story(folder))


#: A file of tables already computed (see :func:`share_tables`), for :func:`analyse` to load.
SHARED_TABLES_ENV = "COVERAGE_SHARED_TABLES"


def analysis_key(folder: str | Path | None) -> str:
    """What the tables of the story folder ``folder`` are made from, as a hash: the folder's
    path, every file in it (name and bytes: the manifest, the articles, the user's own data
    files) and every file of this package (name, size and modification time: the code and
    its data files). Tables shared under one key are what :func:`analyse` would compute."""
    import hashlib

    from analysis.paths import story_dir

    digest = hashlib.sha256()
    where = Path(story_dir(folder)).resolve()
    digest.update(str(where).encode("utf-8", "surrogateescape") + b"\0")
    for path in sorted(p for p in where.iterdir() if p.is_file()):
        digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        st = path.stat()
        name = path.relative_to(package).as_posix()
        digest.update(
            f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape")
        )
    return digest.hexdigest()


def share_tables(a: Analysis, path: str | Path) -> Path:
    """Write the tables ``a`` has computed (with its story) to ``path``, under the story's
    :func:`analysis_key`, for :func:`analyse` to load in another process (a notebook kernel
    of the report) when ``$COVERAGE_SHARED_TABLES`` names the file."""
    import pickle

    from analysis import writing

    path = Path(path)
    payload = {"key": analysis_key(a.folder), "analysis": a}
    with writing.atomic_path(path) as tmp:
        tmp.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def _shared_analysis(folder: str | Path | None) -> Analysis | None:
    import os
    import pickle

    where = os.environ.get(SHARED_TABLES_ENV, "").strip()
    if not where:
        return None
    try:
        payload = pickle.loads(Path(where).read_bytes())
        key = analysis_key(folder)
    except Exception:  # noqa: BLE001 - no usable file, or no such folder: compute as usual
        return None
    if not isinstance(payload, dict) or payload.get("key") != key:
        return None
    shared = payload.get("analysis")
    return shared if isinstance(shared, Analysis) else None

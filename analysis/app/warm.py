"""Imported by the process pool's fork server (:func:`analysis.app.batch._pool_results`): it
analyses one short article written here, so that the server holds everything a chunk loads
on first use (the CMU dictionary and Pyphen's patterns for syllables, VADER's lexicon, the
lexicons' compiled patterns, pysbd's rules) and every worker forked from it starts with them,
instead of each worker loading them again. Nothing here changes a result: the memos it fills
hold values that are functions of their keys alone.
"""

from __future__ import annotations

import tempfile

from analysis.app.batch import ChunkTask, analyse_chunk, available_tables
from analysis.story.loading import bare_row

#: A made-up article that reaches each stage: a headline, a quote with its speaker, an
#: abbreviation and brackets (pysbd's rules), a name no dictionary lists (Pyphen), money.
ARTICLE = (
    "Council backs new tram line for Eastwick\n"
    "\n"
    "The city council on Tuesday approved a £40m tram line to Eastwick, saying it would cut "
    "traffic and help shops.\n"
    "\n"
    '"This is a good day for the city," said Dr. A. Okonkwo-Hale, the transport chief. '
    'Critics (among them two residents\' groups) called it "a costly mistake" that could fail.\n'
)


def warm() -> None:
    """Analyse :data:`ARTICLE` as a chunk of its own, in an empty folder (no story files)."""
    with tempfile.TemporaryDirectory() as folder:
        task = ChunkTask(
            0,
            folder,
            [bare_row("warm.txt", "warm")],
            [ARTICLE.encode("utf-8")],
            available_tables(),
        )
        analyse_chunk(task)


try:
    warm()
except Exception:  # noqa: BLE001 - only a head start: a chunk would meet the same error
    pass

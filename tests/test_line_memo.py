"""The cleaner's pure line tests keep their answers per line (``cleaning.LINE_MEMO``): a kept
answer is the answer the function gives afresh, on every line of the development set's pastes,
asked twice and in another order."""

from __future__ import annotations

import pytest

from analysis.evaluation.lines import load_devset
from analysis.story import cleaning

MEMO = ("clean_line", "is_terminated", "_is_prose", "_quoted", "_norm")


@pytest.mark.parametrize("name", MEMO)
def test_kept_answer_is_the_fresh_answer(name):
    f = getattr(cleaning, name)
    fresh = f.__wrapped__  # the function itself, no answer kept
    raw = [t for text in load_devset().articles["text"] for t in text.splitlines()]
    lines = raw + [cleaning.clean_line.__wrapped__(t) for t in raw]
    f.cache_clear()
    first = [f(t) for t in lines]
    again = [f(t) for t in reversed(lines)][::-1]
    assert first == again == [fresh(t) for t in lines]
    assert f.cache_info().hits > 0


def test_memo_is_bounded():
    for name in MEMO:
        assert getattr(cleaning, name).cache_info().maxsize == cleaning.LINE_MEMO

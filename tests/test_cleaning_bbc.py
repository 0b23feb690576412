"""On the BBC News corpus (2,225 clean articles: a headline line, then paragraphs), the cleaner
keeps at least 99.5% of the non-blank lines as body or headline: the layout rules that find
furniture in pastes must not eat the text of plain articles."""

from __future__ import annotations

import pytest

from analysis.evaluation.lines import BBC_DIR, bbc_kept_share

pytestmark = pytest.mark.corpus


def test_the_cleaner_keeps_bbc_lines_as_body_or_headline():
    if not BBC_DIR.is_dir():
        pytest.skip("the BBC corpus (../shared/corpora/bbc-news) is not here")
    kept, lines, _ = bbc_kept_share()
    assert lines > 12000
    assert kept / lines >= 0.995

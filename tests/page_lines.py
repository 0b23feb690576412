"""Helpers of the page-layout tests: lay out invented lines as a paste and read back the
cleaner's roles (:func:`analysis.story.cleaning.classify_article`, the shipped rules and model)."""

from __future__ import annotations

from analysis.story.cleaning import classify_article, clean_line, load_rules

OUTLET = "Outlet (style)"


def spaced(blocks):
    """The lines with a blank line after each, as most pastes separate paragraphs; an item that
    is a list is a block of lines glued together (no blank line inside it)."""
    out = []
    for block in blocks:
        out += (block if isinstance(block, list) else [block]) + [""]
    return out[:-1]


def classify(lines, author="", headline="", outlet=OUTLET):
    """Every line's ``(role, reason)``."""
    return classify_article(
        [clean_line(x) for x in lines], outlet, load_rules(), author, None, headline
    )


def roles(lines, **kw):
    """Every line's role."""
    return [r for r, _ in classify(lines, **kw)]


def role_of(lines, line, **kw):
    """The role of ``line`` (its first place in ``lines``)."""
    return roles(lines, **kw)[lines.index(line)]

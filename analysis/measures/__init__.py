"""Measures: one module per thing measured (length, readability, sentiment, quotes, framing, ...), pure functions over the story's tables."""

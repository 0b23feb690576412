"""The reference in docs/ stays true to the code."""

from analysis.app import docs


def test_the_committed_column_tables_are_the_ones_the_registry_gives():
    committed = docs.TABLES_DOC.read_text(encoding="utf-8")
    assert committed == docs.tables_markdown(), (
        "docs/tables.md is stale: run python -m analysis docs"
    )


def test_every_registered_table_has_a_section():
    text = docs.tables_markdown()
    for name in docs.TABLES:
        assert f"## `{name}`" in text

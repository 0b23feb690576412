"""The package's layers, as folders, and imports that only point down.

From the bottom: the base modules (``analysis/paths.py``, ``fast.py``, ``datafiles.py``, ``writing.py``), story
input and text (``analysis/story``), the measures (``analysis/measures``), the registry of
tables (``analysis/pipeline.py``), the charts (``analysis/charts``) and the app
(``analysis/app``, with ``analysis/cli`` entry points). ``docs/architecture.md`` says what goes
where. Imports inside functions count; imports under ``if TYPE_CHECKING:`` (for annotations
only) do not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.paths import PACKAGE_DIR

#: Layer of each top-level module or folder of the package; a module may import from its own
#: layer or any lower one.
LAYERS = {
    "paths": 0, "fast": 0, "datafiles": 0, "writing": 0,
    "story": 1,
    "measures": 2,
    "pipeline": 3,
    "charts": 4,
    "evaluation": 5, "app": 5, "__main__": 6, "__init__": 0,
}


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name inside the package (``analysis.story.loading`` -> 1)."""
    parts = module.split(".")
    if parts[0] != "analysis":
        return None
    if len(parts) == 1:
        return 0
    return LAYERS.get(parts[1])


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for sub in ast.walk(child):
                    if hasattr(sub, "lineno"):
                        lines.add(sub.lineno)
    return lines


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every ``(line, module)`` the file imports from the package, outside TYPE_CHECKING blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "analysis":
                found += [(node.lineno, f"analysis.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return [(n, m) for n, m in found if m == "analysis" or m.startswith("analysis.")]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    return ".".join(rel.parts)


SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    unplaced = [module_name(p) for p in SOURCES if layer_of(module_name(p)) is None]
    assert unplaced == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_only_point_down(path):
    here = layer_of(module_name(path))
    upward = [f"line {n}: {m} (layer {layer_of(m)})" for n, m in imports_of(path)
              if layer_of(m) is not None and layer_of(m) > here]
    assert upward == [], f"{module_name(path)} (layer {here}) imports upward"


def test_the_check_catches_an_upward_import(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text("def f():\n    from analysis.app import report\n")
    assert imports_of(source) == [(2, "analysis.app")]
    assert layer_of("analysis.app") > layer_of("analysis.story.cleaning")

"""The package's layers import downward only: every import of every module is checked, those
inside functions too (an import moved into a function to break a cycle is still a cycle)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "zenobia"

FORBIDDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    # an export writes what the store holds; it never runs a resolver to get an id
    ("zenobia.export", ("zenobia.resolve",)),
    # the store keeps records; it knows nothing of how they are exported, queried or shown
    ("zenobia.store", ("zenobia.export", "zenobia.query", "zenobia.cli")),
    # a query reads what the store holds (actors as corpus resolution named them); it never
    # runs a resolver or an extractor to name one, and the command line is above it
    ("zenobia.query", ("zenobia.resolve", "zenobia.extract", "zenobia.export", "zenobia.cli")),
    # per-document analysis is pure: no store, no corpus step, no export
    ("zenobia.extract", ("zenobia.resolve", "zenobia.export", "zenobia.store")),
)
"""(layer, what it must not import), by module name prefix."""

STDLIB_ONLY = ("zenobia.model", "zenobia.ids")
"""Modules every layer imports, which import nothing but the standard library."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every module `path` imports (relative imports made absolute)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from zenobia import ids` imports the module zenobia.ids
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize(("layer", "forbidden"), FORBIDDEN)
def test_a_layer_never_imports_a_layer_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    upward = sorted(
        f"{module} imports {name}"
        for module, names in MODULES.items()
        if _within(module, layer)
        for name in names
        if any(_within(name, above) for above in forbidden)
    )
    assert upward == []


@pytest.mark.parametrize("module", STDLIB_ONLY)
def test_the_shared_vocabulary_imports_only_the_standard_library(module: str) -> None:
    foreign = sorted(
        name
        for name in MODULES[module]
        if name.split(".")[0] not in sys.stdlib_module_names and name != "__future__"
    )
    assert foreign == []


def test_the_walk_sees_imports_inside_functions() -> None:
    # the JSON export once imported a resolver inside a function; the walk would see it
    source = "def f():\n    from zenobia.resolve.events import cluster_id\n"
    tree = ast.parse(source)
    names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert names == {"zenobia.resolve.events"}
    assert len(MODULES) > 100 and "zenobia.ids" in MODULES


def test_only_the_command_line_imports_the_command_line() -> None:
    # the library is what the commands call; a library module calling a command is upside down
    callers = sorted(
        module
        for module, names in MODULES.items()
        if not _within(module, "zenobia.cli") and any(_within(n, "zenobia.cli") for n in names)
    )
    assert callers == []

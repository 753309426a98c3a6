"""The house rules of the code's layout (issue 13): rooms by the journey of an upload, imports one way.

    pages → ui → cli / demo / views → model, ingest → store → base (i18n, formatting, values)

``model`` and ``ingest`` sit side by side and do not import each other. No module imports another module's
private (``_``-prefixed) name, there is no import cycle, and no module of ``inventory_core`` outside the
translation tables and the demo generator is longer than 700 lines. Every docstring example holds.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import inventory_core

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 700
# The rooms, lowest first; a module may import its own room and any room below it (never a sibling at the
# same height: model and ingest are independent).
RANK = {"base": 0, "store": 1, "model": 2, "ingest": 2, "views": 3, "demo": 3, "cli": 4, "ui": 5, "pages": 6}
BASE = {"inventory_core.i18n", "inventory_core.formatting", "inventory_core.values", "inventory_core.labels"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


SOURCES = {
    _module_name(p): p
    for p in [
        *(ROOT / "inventory_core").rglob("*.py"),
        *(ROOT / "ui").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        ROOT / "app.py",
    ]
}


def _room(module: str) -> str:
    parts = module.split(".")
    if parts[0] in ("ui", "pages", "app"):
        return "pages" if parts[0] == "app" else parts[0]
    if module == "inventory_core" or module == "inventory_core.__main__":
        return "top"  # the package's public API and ``python -m``: may import anything below the pages
    if any(module == b or module.startswith(b + ".") for b in BASE):
        return "base"
    return parts[1]


def _imports(module: str) -> list[tuple[str, str, int]]:
    """(imported module, imported name or "", line) of every import of our own code in ``module``."""
    path = SOURCES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                out.append((full, "", node.lineno) if full in SOURCES else (base, alias.name, node.lineno))
    return [(m, n, line) for m, n, line in out if m.split(".")[0] in ("inventory_core", "ui", "pages")]


def test_imports_run_one_way():
    wrong = []
    for module in SOURCES:
        room = _room(module)
        for target, _, line in _imports(module):
            to = _room(target)
            if room == "top" or to == room:
                continue
            if to == "top" or RANK[to] >= RANK[room]:
                wrong.append(f"{module}:{line} ({room}) imports {target} ({to})")
    assert wrong == []


def test_no_module_imports_another_modules_private_name():
    wrong = [
        f"{module}:{line} imports {target}.{name}"
        for module in SOURCES
        for target, name, line in _imports(module)
        if name.startswith("_") and not name.startswith("__")
    ]
    assert wrong == []


def test_no_import_cycle():
    graph = {m: {t for t, _, _ in _imports(m) if t in SOURCES and t != m} for m in SOURCES}
    # A package's __init__ re-exporting its modules is not a cycle of rooms: drop edges into a parent package.
    graph = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_charts_and_the_plan_type_do_not_load_duckdb():
    """Naming a Plan or drawing a chart needs no database engine (issue 13)."""
    charts = [m.name for m in pkgutil.iter_modules([str(ROOT / "inventory_core" / "views" / "charts")])]
    code = (
        "import importlib, sys\n"
        f"for name in {charts!r}:\n"
        "    importlib.import_module('inventory_core.views.charts.' + name)\n"
        "importlib.import_module('inventory_core.model.plan_type')\n"
        "print('duckdb' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_no_core_module_is_two_rooms():
    exempt = {"inventory_core.demo.data"}  # the demo generator; translation tables are under i18n
    long = {
        m: n
        for m, p in SOURCES.items()
        if m.startswith("inventory_core")
        and not m.startswith("inventory_core.i18n")
        and m not in exempt
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


CORE_MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(inventory_core.__path__, "inventory_core.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_docstring_examples_hold(module: str):
    result = doctest.testmod(
        importlib.import_module(module),
        extraglobs={"pd": pd, "np": np},
        optionflags=doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0

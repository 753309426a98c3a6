"""Project rules that must not erode: no Streamlit in the core, SQL only in the store, strings translated."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import inventory_core
from inventory_core.i18n import MESSAGES
from inventory_core.model.settings import HELP, Settings

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "inventory_core"


def test_core_never_imports_streamlit():
    modules = [
        m.name
        for m in pkgutil.walk_packages(inventory_core.__path__, "inventory_core.")
        if not m.name.endswith("__main__")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_sql_lives_only_in_the_store_package():
    sql = re.compile(r"\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE|UPDATE \w+ SET)\b")
    offenders = []
    for path in [
        *CORE.rglob("*.py"),
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "ui").glob("*.py"),
    ]:
        if CORE / "store" in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.search(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_every_message_has_english_and_chinese_with_the_same_placeholders():
    field = re.compile(r"{(\w+)")
    for key, entry in MESSAGES.items():
        assert set(entry) >= {"en", "zh"}, key
        assert entry["en"].strip(), key
        assert entry["zh"].strip(), key
        assert set(field.findall(entry["en"])) == set(field.findall(entry["zh"])), key


def test_every_setting_has_help_and_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.__dataclass_fields__:
        assert name in HELP, f"setting {name} has no help text"
        assert f"`{name}`" in readme, f"setting {name} is not documented in README.md"


def test_public_api_at_package_top_level():
    assert inventory_core.blend_ads is inventory_core.blend_velocity  # the names before issue 13
    assert inventory_core.seasonal_ads(900, 0.2) == inventory_core.seasonal_velocity(900, 0.2) == 12.0
    assert inventory_core.weeks_of_cover(2000, 1000) == 8.0
    assert inventory_core.reorder_quantity(10, 60, 14, 300, 200) == 240
    budget = inventory_core.ad_budget(100, 0.05, 2.0, 0.4)
    assert (budget.clicks, budget.budget_all_ads, budget.budget) == (2000, 4000, 1600)
    proj = inventory_core.project_stock(20, 10, [(10, 500)], 30)
    assert (proj.stockout_day, proj.gap_days, proj.lost_units) == (2, 8, 80)
    assert inventory_core.project_stock(500, 50, [], 30).stockout_day == 10

"""Issues 17 and 18: every export path (CLI CSV/JSON/XLSX, the app's CSV/XLSX) goes through one writer that
neutralises formulas and keeps full precision; no export and no page shows inf, NaN, NaT or None."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT, run_app
from odd_store import AS_OF, ODD, ORDINARY, Sku
from report_files import load

from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
from inventory_core.views.export import plan_to_csv, plan_to_xlsx
from inventory_core.views.restock import restock_sheet

EVIL = "=cmd|' /C calc'!A0"
# 0 on hand, ADS 6.45 (override), $19.99: 6.45 × 120 days = 774 units lost × 19.99 = $15,472.26
HOSTILE = [
    Sku(EVIL, "B0EVIL0001", 0, settings={"price": 19.99, "ads_override": 6.45}),
    Sku("-KT-DASH", "B0DASH0001", 50, units=lambda k: 1.0, settings={"price": 9.99}),
    Sku("@SUM(1+1)", "B0SUM00001", 50, units=lambda k: 1.0, settings={"price": 9.99}),
]
# Tokens a program writes for a missing or infinite value; none may reach a user.
BAD = re.compile(r"(?<![A-Za-z])(inf|Infinity|nan|NaN|NaT|None|<NA>)(?![A-Za-z])")


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory) -> Path:
    from odd_store import files

    path = tmp_path_factory.mktemp("scan") / "odd.duckdb"
    with Store(path) as store:
        for name, data in files([*ORDINARY, *ODD.values(), *HOSTILE]).items():
            load(store, data, name, snapshot_date=AS_OF)
    return path


def _cli(db: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "inventory_core",
            "--lang",
            lang,
            "plan",
            "--db",
            str(db),
            "--as-of",
            AS_OF.isoformat(),
            *args,
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )


def _xlsx_cells(data: bytes) -> list[list[object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_cli_csv_neutralises_formulas_and_keeps_full_precision(odd_db: Path) -> None:
    out = _cli(odd_db)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8")
    rows = {r["sku"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) >= {"'" + EVIL, "'-KT-DASH", "'@SUM(1+1)"}  # never a raw formula
    assert rows["'" + EVIL]["lost_sales"] == "15472.26"  # not 1.547e+04
    assert rows["'" + EVIL]["lost_units"] == "774"
    assert "e+" not in text
    assert "E+" not in text
    assert rows["ODD-SLOW"]["days_of_cover"] == "854237.288136"


def test_cli_json_and_xlsx_keep_numbers_as_numbers(odd_db: Path, tmp_path: Path) -> None:
    doc = json.loads(_cli(odd_db, "--format", "json").stdout)
    assert doc["as_of"] == "2026-11-16"
    row = {r["sku"]: r for r in doc["skus"]}[EVIL]  # JSON is no spreadsheet: the SKU as it is
    assert row["lost_sales"] == 15472.26
    assert row["lost_units"] == 774
    target = tmp_path / "plan.xlsx"
    assert _cli(odd_db, "--format", "xlsx", "--out", str(target)).returncode == 0
    cells = _xlsx_cells(target.read_bytes())
    header = cells[0]
    row_x = next(r for r in cells[1:] if r[header.index("sku")] == "'" + EVIL)
    assert row_x[header.index("lost_sales")] == 15472.26


def test_app_csv_and_xlsx_neutralise_and_keep_precision(odd_db: Path) -> None:
    with Store(odd_db) as store:
        sheet = restock_sheet(compute_plan(store, AS_OF).skus)
    rows = list(csv.reader(io.StringIO(plan_to_csv(sheet, "en").decode("utf-8-sig"))))
    header = rows[0]
    body = {r[header.index("SKU")]: r for r in rows[1:]}
    assert "'" + EVIL in body
    assert "'-KT-DASH" in body
    assert body["ODD-SLOW"][header.index("Days of cover")] == "854237.288136"
    cells = _xlsx_cells(plan_to_xlsx(sheet, "en"))
    skus = [r[cells[0].index("SKU")] for r in cells[1:]]
    assert "'" + EVIL in skus
    assert "'@SUM(1+1)" in skus


def _bad_in(values: list[object]) -> list[str]:
    return [str(v) for v in values if v is not None and BAD.search(str(v))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_export_carries_inf_nan_nat_or_none(odd_db: Path, tmp_path: Path, lang: str) -> None:
    found: dict[str, list[str]] = {}
    for fmt in ("csv", "json"):
        out = _cli(odd_db, "--format", fmt, lang=lang)
        assert out.returncode == 0
        found[f"cli {fmt}"] = [m.group(0) for m in BAD.finditer(out.stdout.decode("utf-8"))]
    target = tmp_path / "plan.xlsx"
    assert _cli(odd_db, "--format", "xlsx", "--out", str(target), lang=lang).returncode == 0
    found["cli xlsx"] = _bad_in([v for row in _xlsx_cells(target.read_bytes()) for v in row])
    with Store(odd_db) as store:
        sheet = restock_sheet(compute_plan(store, AS_OF).skus, lang=lang)
    found["app csv"] = [m.group(0) for m in BAD.finditer(plan_to_csv(sheet, lang).decode("utf-8-sig"))]
    found["app xlsx"] = _bad_in([v for row in _xlsx_cells(plan_to_xlsx(sheet, lang)) for v in row])
    assert {k: v for k, v in found.items() if v} == {}


def _page_texts(at) -> list[str]:
    """Everything a page shows as text: every element's value, label and body, every table cell."""
    texts: list[str] = []

    def visit(node) -> None:
        for attr in ("value", "label", "body", "placeholder", "help"):
            try:
                value = getattr(node, attr, None)
            except Exception:
                continue
            if isinstance(value, pd.DataFrame):
                for col in value.columns:
                    cells = value[col]
                    if pd.api.types.is_numeric_dtype(cells):
                        texts.extend(str(v) for v in cells if v in (float("inf"), float("-inf")))
                    else:  # a blank numeric cell is drawn empty; text cells are drawn as they are
                        texts.extend(str(v) for v in cells if isinstance(v, str))
            elif isinstance(value, str):
                texts.append(value)
        for child in (
            getattr(node, "children", {}).values()
            if isinstance(getattr(node, "children", None), dict)
            else []
        ):
            visit(child)

    visit(at._tree)
    return texts


PAGES = [
    "pages/review.py",
    "pages/replenishment.py",
    "pages/timeline.py",
    "pages/matrix.py",
    "pages/budget.py",
    "pages/ranks.py",
    "pages/upload.py",
]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_inf_nan_nat_or_none(odd_db: Path, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STOCKOUT_RADAR_DB", str(odd_db))
    bad: dict[str, list[str]] = {}
    for lang, sku in (
        ("en", "ODD-NEG-LEAD"),
        ("zh", "ODD-NEW"),
        ("en", "ODD-OOS-WINDOW"),
        ("en", "ODD-NO-PRICE"),
    ):
        at = run_app(page, lang=lang, query={"sku": sku})
        texts = _page_texts(at)
        assert texts, "the scan read nothing"
        hits = [t for t in texts if BAD.search(t)]
        if hits:
            bad[f"{lang} {sku}"] = hits[:5]
    assert bad == {}

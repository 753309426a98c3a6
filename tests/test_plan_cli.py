"""`python -m inventory_core plan`: one row per SKU with the documented columns, in CSV, JSON and xlsx."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import ROOT

REQUIRED = [
    "sku",
    "asin",
    "available",
    "inbound",
    "velocity",
    "days_of_cover",
    "woc",
    "reorder_qty",
    "alert",
    "stockout_date",
    "gap_days",
    "phase",
    "quadrant",
]


def _plan(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", "plan", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_plan_csv_on_the_demo_has_every_phase_and_quadrant(demo_db_master: Path):
    out = _plan(demo_db_master)
    assert out.returncode == 0, out.stderr
    frame = pd.read_csv(io.StringIO(out.stdout))
    assert list(frame.columns[: len(REQUIRED)]) == REQUIRED
    assert frame["sku"].is_unique
    assert len(frame) == 30
    assert set(frame["phase"]) == {"before", "during", "after", "normal"}
    assert set(frame["quadrant"]) == {
        "protect_stock",
        "scale",
        "optimise",
        "push_traffic",
        "raise_conversion",
        "aged",
    }
    assert set(frame["alert"]) <= {"urgent", "reorder", "watch", "ok"}
    during = frame[frame["phase"] == "during"]
    assert (during["available"] == 0).all()
    assert (during["stockout_date"] == "2026-11-16").all()
    # every row's reorder quantity is the DESIGN formula on its own columns,
    # over lead time + the weekly review
    row = frame.set_index("sku").loc["KT-OIL-SPRAYER-2PK"]
    expected = (
        row["velocity"] * (row["lead_time_days"] + 7)
        + row["safety_days"] * row["velocity"]
        - (row["available"] + row["inbound"])
    )
    assert abs(row["reorder_qty"] - max(0, expected)) <= 1


def test_plan_json_and_xlsx(demo_db_master: Path, tmp_path: Path):
    out = _plan(demo_db_master, "--format", "json", "--as-of", "2026-11-16")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["as_of"] == "2026-11-16"
    assert {r["sku"] for r in doc["skus"]} >= {"KT-KNIFE-SHARPENER", "PT-CAT-SCRATCHER"}
    target = tmp_path / "plan.xlsx"
    out = _plan(demo_db_master, "--format", "xlsx", "--out", str(target))
    assert out.returncode == 0, out.stderr
    sheet = pd.read_excel(target, engine="openpyxl")
    assert len(sheet) == 30


def test_plan_on_an_empty_database_is_a_one_line_refusal(tmp_path: Path):
    out = _plan(tmp_path / "empty.duckdb")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "empty" in out.stderr
    out = _plan(tmp_path / "empty.duckdb", "--format", "xlsx")
    assert out.returncode == 2

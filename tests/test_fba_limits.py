"""Amazon's limits and fees (issue 16): the low-inventory-level fee date, the aged-surcharge band cap and the
capacity split per storage type — known answers computed by hand in the comments, on the array functions and
on a real store built from a real-format Inventory Planning export and the settings sheet."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import report_files as rf
from conftest import ROOT, run_app

from inventory_core.model import fba_limits, matrix
from inventory_core.model.plan import compute_plan, save_settings
from inventory_core.model.settings import Settings, SettingsError
from inventory_core.store import Store
from inventory_core.views.export import plan_to_csv, plan_to_xlsx
from inventory_core.views.restock import restock_sheet

AS_OF = dt.date(2026, 11, 16)
H = 120  # projection days


def _no_arrivals(n: int = 1) -> np.ndarray:
    return np.zeros((n, H))


# --- the low-inventory-level fee date -------------------------------------------------------------------


def test_low_inventory_fee_day_500_units_at_10_a_day_is_day_23():
    # Threshold 28 days × 10/day = 280 units. Supply on day t = 500 − 10 t: day 22 → 280 (not under),
    # day 23 → 270 < 280 → the fee can start on day 23.
    assert fba_limits.low_inventory_fee_day([500], [10], _no_arrivals(), 28, 20).tolist() == [23]


def test_low_inventory_fee_day_moves_with_an_arrival():
    # 300 more units on day 10: supply = 800 − 10 t from day 10;
    # under 280 when 800 − 10 t < 280 → t > 52 → 53.
    arrivals = _no_arrivals()
    arrivals[0, 10] = 300
    assert fba_limits.low_inventory_fee_day([500], [10], arrivals, 28, 20).tolist() == [53]


def test_low_inventory_fee_day_exemptions_and_already_under():
    # 100 units at 10/day is 10 days of supply: under 28 days today (day 0).
    # 2/day sells 14 units a week < 20: exempt. No sales: no fee. Threshold 0 (a marketplace without the fee).
    days = fba_limits.low_inventory_fee_day(
        [100, 10, 50, 500], [10, 2, 0, 10], _no_arrivals(4), [28, 28, 28, 0], 20
    )
    assert days.tolist() == [0, -1, -1, -1]


def test_marketplace_rules_switch_the_fee_off_for_one_marketplace():
    s = Settings(marketplace_rules="UK low_inventory_days=0; JP aged_surcharge_days=200")
    rules = fba_limits.rule_arrays(pd.Series(["US", "UK", "JP"]), s)
    assert rules["low_inventory_days"].tolist() == [28.0, 0.0, 28.0]
    assert rules["aged_surcharge_days"].tolist() == [181.0, 181.0, 200.0]


# --- the aged-surcharge band -------------------------------------------------------------------------------


def test_aged_order_cap_standard_and_apparel_bands():
    # Stock at arrival 400 at 10/day. Standard band 181 days: 10 × 181 − 400 = 1,410 may come.
    # Apparel's first band is 271 days: 10 × 271 − 400 = 2,310. 2,000 on hand: nothing may come.
    assert fba_limits.aged_order_cap([400, 400, 2000], [10, 10, 10], [181, 271, 181]).tolist() == [
        1410,
        2310,
        0,
    ]


def _frame(**cols: list) -> pd.DataFrame:
    n = len(cols["sku"])
    base = {
        "marketplace": ["US"] * n,
        "storage_type": [None] * n,
        "unit_volume": [np.nan] * n,
        "inbound": [0.0] * n,
        "reserved": [0.0] * n,
        "unsellable": [0.0] * n,
        "lead_time_days": [60.0] * n,
        "alert": ["ok"] * n,
        "price": [np.nan] * n,
        "unit_cost": [np.nan] * n,
        "days_of_cover_with_inbound": [10.0] * n,
        "aged_override": [False] * n,
        "strategy": ["scale"] * n,
    }
    return pd.DataFrame(base | cols)


def test_aged_cap_cuts_the_order_unless_overridden():
    # ADS 10, 1,000 available, lead 60: 1,000 − 600 = 400 on hand when the order lands.
    # Need 2,000 (a seasonal pre-build). Standard band 181: cap 1,810 − 400 = 1,410, cut 590, nothing ages.
    # The same SKU with aged_override: all 2,000 come, and 400 + 2,000 − 1,810 = 590 units reach the band.
    # As apparel (band 271): cap 2,710 − 400 = 2,310 ≥ 2,000, no cut; 2,400 − 2,710 < 0, nothing ages.
    frame = _frame(
        sku=["STD", "OVR", "APP"],
        velocity=[10.0] * 3,
        available=[1000.0] * 3,
        reorder_qty=[2000] * 3,
        aged_override=[False, True, False],
        storage_type=["Standard-size", "standard", "Apparel"],
    )
    out = fba_limits.apply(frame, Settings(), _no_arrivals(3), AS_OF).set_index("sku")
    assert out["reorder_qty"].to_dict() == {"STD": 1410, "OVR": 2000, "APP": 2000}
    assert out["aged_cut_units"].to_dict() == {"STD": 590, "OVR": 0, "APP": 0}
    assert out["aged_surcharge_units"].to_dict() == {"STD": 0, "OVR": 590, "APP": 0}
    assert out["reorder_qty_before_limits"].tolist() == [2000] * 3
    assert out.loc["OVR", "strategy"] == "aged"
    assert out.loc["STD", "strategy"] == "scale"
    assert out["storage_type"].tolist() == ["standard", "standard", "apparel"]


# --- the capacity split ------------------------------------------------------------------------------------


def test_capacity_split_serves_stockout_risk_first():
    # US standard limit 100 ft³. Held: A 100 units × 0.5 ft³ = 50 ft³ → 50 left.
    # Orders: B urgent 60 × 0.5 = 30 ft³ (fits, 20 left); C reorder 40 × 1.0 = 40 ft³ → 20 units fit, 20 cut;
    # A ok 20 × 0.5 = 10 ft³ → nothing left, 20 cut.
    frame = _frame(
        sku=["A", "B", "C"],
        velocity=[1.0] * 3,
        available=[100.0, 0.0, 0.0],
        reorder_qty=[20, 60, 40],
        unit_volume=[0.5, 0.5, 1.0],
        alert=["ok", "urgent", "reorder"],
    )
    out = fba_limits.apply(frame, Settings(capacity_limits="US standard 100"), _no_arrivals(3), AS_OF)
    out = out.set_index("sku")
    assert out["capacity_cut_units"].to_dict() == {"A": 20, "B": 0, "C": 20}
    assert out["reorder_qty"].to_dict() == {"A": 0, "B": 60, "C": 20}
    table = fba_limits.capacity_table(out.reset_index()).iloc[0]
    # held 50; ordered 10 + 30 + 40 = 80 ft³; planned 30 + 20 = 50 ft³; left 100 − 50 − 50 = 0
    assert (table["used"], table["ordered"], table["planned"], table["left"], table["cut_units"]) == (
        50.0,
        80.0,
        50.0,
        0.0,
        40.0,
    )


def test_capacity_split_same_risk_goes_by_margin_and_a_limit_in_units():
    # Limit 10 units, nothing held. Both urgent, 8 units each: E (margin 20 − 10 = 10) before D (margin 2),
    # although D has the lower cover. E gets 8, D the 2 left (6 cut). F has no cost: after both; nothing left.
    frame = _frame(
        sku=["D", "E", "F"],
        velocity=[1.0] * 3,
        available=[0.0] * 3,
        reorder_qty=[8, 8, 8],
        alert=["urgent"] * 3,
        price=[10.0, 20.0, 30.0],
        unit_cost=[8.0, 10.0, np.nan],
        days_of_cover_with_inbound=[1.0, 5.0, 0.5],
        storage_type=["oversize"] * 3,
    )
    out = fba_limits.apply(frame, Settings(capacity_limits="US oversize 10 units"), _no_arrivals(3), AS_OF)
    assert out.set_index("sku")["capacity_cut_units"].to_dict() == {"D": 6, "E": 0, "F": 8}


def test_capacity_without_unit_volume_is_unknown_not_zero():
    frame = _frame(sku=["X", "Y"], velocity=[1.0] * 2, available=[0.0] * 2, reorder_qty=[10, 0])
    out = fba_limits.apply(frame, Settings(capacity_limits="US standard 100"), _no_arrivals(2), AS_OF)
    assert math.isnan(out["capacity_cut_units"].iloc[0])
    assert out["capacity_volume_unknown"].tolist() == [True, False]
    assert out["reorder_qty"].tolist() == [10, 0]  # not cut: whether it fits is unknown (flagged)


def test_settings_parsing_and_refusals():
    limits = fba_limits.parse_capacity_limits(
        "us Standard-size 1,200\nUS oversize 300 units; DE standard 10 m3"
    )
    assert [(c.marketplace, c.storage_type, c.unit) for c in limits] == [
        ("US", "standard", "cuft"),
        ("US", "oversize", "units"),
        ("DE", "standard", "cuft"),
    ]
    assert limits[2].limit == pytest.approx(353.1467, abs=1e-4)  # 10 m³ × 35.3147 ft³/m³
    for bad in (
        "US standard",
        "US spaceship 10",
        "US standard ten",
        "US standard 5; US standard 6",
        "US standard 10 barrels",
    ):
        with pytest.raises(fba_limits.RuleError):
            fba_limits.parse_capacity_limits(bad)
    for bad in ("UK", "UK low_inventory_days", "UK colour=3", "UK low_inventory_days=-1"):
        with pytest.raises(fba_limits.RuleError):
            fba_limits.parse_marketplace_rules(bad)


# --- end to end: real export files → store → plan, CLI, export, page ------------------------------------

PLANNING = [*rf.INVENTORY_PLANNING, "item-volume", "volume-unit-measurement"]
SHEET = ["sku", "lead_time_days", "safety_days", "ads_override", "unit_cost", "price", "unit_volume"]


def _build(path: Path) -> None:
    """Five SKUs on 2026-11-16 (Inventory Planning CSV with storage type and unit volume, settings sheet)."""

    def inv(sku: str, available: int, storage: str, volume: str, unit: str = "cubic feet") -> dict:
        return {
            "snapshot-date": AS_OF.isoformat(),
            "sku": sku,
            "asin": f"B0{sku[:3]}",
            "available": available,
            "storage-type": storage,
            "marketplace": "US",
            "item-volume": volume,
            "volume-unit-measurement": unit,
        }

    planning = rf.text_file(
        PLANNING,
        [
            inv("A-URGENT", 20, "Standard", "0.5"),
            inv("B-REORDER", 300, "Standard", "1"),
            inv("C-OK", 1000, "Standard", "0.25"),
            inv("D-LOWMARGIN", 2, "Standard", "28316.8466", "cubic centimeters"),
            inv("G-DEAD", 500, "Oversize", "2"),
        ],
        quote_all=True,
    )
    sheet = rf.text_file(
        SHEET,
        [
            ["A-URGENT", 30, 14, 10, 5, 20, ""],
            ["B-REORDER", 60, 14, 5, 5, 20, ""],
            ["C-OK", 60, 14, 10, 5, 20, ""],
            ["D-LOWMARGIN", 60, 14, 2, 8, 10, ""],
            ["G-DEAD", 60, 14, 0.5, 5, 20, ""],
        ],
    )
    with Store(path) as store:
        rf.load(store, planning, "Inventory_Planning_2026-11-16.csv")
        rf.load(store, sheet, "sku_settings.csv")
        save_settings(store, Settings(capacity_limits="US standard 800"))


@pytest.fixture
def limits_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "limits.duckdb"
    _build(path)
    monkeypatch.setenv("STOCKOUT_RADAR_DB", str(path))
    return path


def _plan(path: Path):
    with Store(path) as store:
        return compute_plan(store, AS_OF)


# Hand computation of the store above (planning ADS = the override; order-up-to = ADS × (lead + 7-day review
# period) + ADS × safety days, reorder = that − stock):
#   A-URGENT    20 @ 10/d, lead 30: need 10 × (30 + 7 + 14) − 20 = 490; 2 days of cover → urgent; margin 15
#   B-REORDER  300 @ 5/d, lead 60: need 5 × 81 − 300 = 105; 60 days → reorder; margin 15
#   C-OK      1000 @ 10/d: need 810 − 1000 < 0 → 0; 100 days → ok
#   D-LOWMARGIN  2 @ 2/d: need 2 × 81 − 2 = 160; 1 day → urgent; margin 10 − 8 = 2;
#               28,316.85 cm³ = 1 ft³ per unit
#   G-DEAD     500 @ 0.5/d, oversize (no limit): need 40.5 − 500 < 0 → 0
# Capacity, US standard 800 ft³: held 20 × 0.5 + 300 × 1 + 1000 × 0.25 + 2 × 1 = 562 → 238 left.
#   urgent first, by margin: A 490 × 0.5 = 245 ft³ > 238 → 476 units fit, 14 cut; D 160 ft³ → none left,
#   160 cut; B (reorder) 105 ft³ → 105 cut. In all 14 + 160 + 105 = 279 units cut.
# Low-inventory fee (28 days; exempt under 20 units a week):
#   A 20 < 280 today → 2026-11-16; B 300 − 5 t < 140 → t = 33 → 2026-12-19; C 1000 − 10 t < 280 → t = 73 →
#   2027-01-28; D sells 14 a week → exempt; G 3.5 a week → exempt.
# Aged band 181 days: G has 500 − 0.5 × 60 = 470 on hand when an order would land, ADS sells 90.5 in
#   181 days → 379.5 → 380 units reach the band; A, B, C, D: 0.
EXPECTED = pd.DataFrame(
    {
        "sku": ["A-URGENT", "B-REORDER", "C-OK", "D-LOWMARGIN", "G-DEAD"],
        "reorder_qty_before_limits": [490, 105, 0, 160, 0],
        "capacity_cut_units": [14, 105, 0, 160, 0],
        "reorder_qty": [476, 0, 0, 0, 0],
        "aged_surcharge_units": [0, 0, 0, 0, 380],
    }
).set_index("sku")
FEE_DATES = ["2026-11-16", "2026-12-19", "2027-01-28", None, None]


def test_plan_on_a_real_store_matches_the_hand_computation(limits_db: Path):
    skus = _plan(limits_db).skus.set_index("sku").loc[EXPECTED.index]
    for col in ("reorder_qty_before_limits", "capacity_cut_units", "reorder_qty", "aged_surcharge_units"):
        assert skus[col].tolist() == EXPECTED[col].tolist(), col
    dates = [
        None if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in skus["low_inventory_fee_date"]
    ]
    assert dates == FEE_DATES
    assert skus["storage_type"].tolist() == ["standard"] * 4 + ["oversize"]
    assert skus.loc["D-LOWMARGIN", "unit_volume"] == pytest.approx(1.0, abs=1e-6)
    table = fba_limits.capacity_table(skus.reset_index()).set_index("storage_type")
    assert table.loc["standard", "used"] == pytest.approx(562.0)
    assert table.loc["standard", "left"] == pytest.approx(800 - 562 - 476 * 0.5, abs=1e-6)
    assert math.isnan(table.loc["oversize", "capacity_limit"])
    placed = matrix.place(skus.reset_index())
    assert placed.set_index("sku").loc["G-DEAD", "strategy"] == "aged"


def test_plan_csv_carries_the_three_columns(limits_db: Path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "inventory_core",
            "plan",
            "--db",
            str(limits_db),
            "--as-of",
            AS_OF.isoformat(),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    frame = pd.read_csv(io.StringIO(out.stdout)).set_index("sku").loc[EXPECTED.index]
    assert frame["capacity_cut_units"].tolist() == EXPECTED["capacity_cut_units"].tolist()
    assert frame["aged_surcharge_units"].tolist() == EXPECTED["aged_surcharge_units"].tolist()
    fee = frame["low_inventory_fee_date"].astype(object)
    assert fee.where(fee.notna(), None).tolist() == FEE_DATES


def test_excel_and_csv_exports_show_the_columns(limits_db: Path):
    sheet = restock_sheet(_plan(limits_db).skus)
    wb = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(sheet, "en")))
    ws = wb.active
    header = [c.value for c in ws[1]]
    for label in ("Low-inventory fee from", "Units into aged surcharge", "Cut by capacity", "Storage type"):
        assert label in header
    rows = {r[header.index("SKU")]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    d = rows["D-LOWMARGIN"]
    assert d[header.index("Cut by capacity")] == 160
    assert d[header.index("Reorder qty")] == 0
    assert rows["A-URGENT"][header.index("Low-inventory fee from")] == dt.datetime(2026, 11, 16)
    assert rows["G-DEAD"][header.index("Storage type")] == "Oversize"
    zh = plan_to_csv(sheet, "zh").decode("utf-8-sig")
    for label in ("低库存水平费起始日", "因库容削减", "将产生库龄附加费的数量"):
        assert label in zh


def _table_with(at, column: str) -> pd.DataFrame:
    """The page's dataframe that has ``column`` (AppTest keeps no key on a dataframe without selection)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_replenishment_page_shows_the_flags_and_capacity(limits_db: Path):
    at = run_app("pages/replenishment.py")
    table = at.data_editor(key="repl_editor").value.set_index("sku")
    assert table.loc["D-LOWMARGIN", "capacity_cut_units"] == 160
    assert table.loc["G-DEAD", "aged_surcharge_units"] == 380
    assert pd.Timestamp(table.loc["B-REORDER", "low_inventory_fee_date"]).date() == dt.date(2026, 12, 19)
    capacity = _table_with(at, "cut_units").set_index("storage_type")
    assert capacity.loc["Standard-size", "cut_units"] == 279
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Low-inventory fee ahead"] == "3"
    assert metrics["Orders cut by capacity"] == "3"


def test_review_page_in_chinese_shows_the_flags(limits_db: Path):
    at = run_app("pages/review.py", lang="zh")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["将产生库龄附加费"] == "1"
    flags = _table_with(at, "aged_cut_units")
    assert set(flags["sku"]) == set(EXPECTED.index)
    assert _table_with(at, "cut_units")["cut_units"].sum() == 279


def test_a_bad_capacity_entry_is_refused_on_the_page(limits_db: Path):
    at = run_app("pages/replenishment.py")
    at.text_input(key="fba_capacity_limits").set_value("US standard lots").run()
    assert "Setting capacity_limits is refused: cannot read “US standard lots”." in [
        e.value for e in at.error
    ]
    with Store(limits_db) as store:
        assert compute_plan(store, AS_OF).settings.capacity_limits == "US standard 800"


# --- reading storage type and volume from the reports, and older databases ------------------------------


def test_manage_fba_restock_and_settings_sheet_carry_storage_type_and_volume(store: Store):
    myi = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "KT-1",
                "asin": "B01",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": 10,
                "per-unit-volume": "0.42",
            }
        ],
    )
    restock = rf.flat_file(
        rf.RESTOCK,
        [
            {
                "Country": "United States",
                "Merchant SKU": "KT-2",
                "Available": 5,
                "Recommended replenishment qty": 0,
                "Alert": "",
                "Unit storage size": "Oversize",
            }
        ],
    )
    rf.load(store, myi, "Manage_FBA_Inventory.txt", snapshot_date=AS_OF)
    rf.load(store, restock, "Restock_Inventory.txt", snapshot_date=AS_OF)
    inv = rf.rows_of(store, "inventory_snapshot", "sku").set_index("sku")
    assert inv.loc["KT-1", "unit_volume"] == pytest.approx(0.42)  # Manage FBA Inventory: cubic feet
    assert inv.loc["KT-2", "storage_type"] == "oversize"
    # The settings sheet (Chinese headers) wins over the reports.
    sheet = rf.text_file(["sku", "补货周期", "仓储类型", "单件体积"], [["KT-1", 60, "服装", "0.5"]])
    rf.load(store, sheet, "sku_settings.csv")
    row = compute_plan(store, AS_OF).row("KT-1")
    assert (row["storage_type"], row["unit_volume"]) == ("apparel", 0.5)
    assert row["aged_band_days"] == 271  # apparel's first surcharge band


def test_a_schema_1_database_gains_the_columns(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:  # make it look like a database of the previous release
        for table in ("inventory_snapshot", "src_inventory", "sku_settings", "src_sku_settings"):
            for col in ("storage_type", "unit_volume", "aged_override"):
                store.cur.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {col}")
        store.cur.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    _build(path)  # opening migrates (a .v1.bak copy first); the import then fills the new columns
    assert Path(f"{path}.v1.bak").exists()
    assert _plan(path).row("G-DEAD")["aged_surcharge_units"] == 380


def test_a_stored_capacity_entry_that_cannot_be_read_is_refused_with_one_line():
    with pytest.raises(SettingsError) as caught:
        Settings.from_json('{"capacity_limits": "US standard 1200; US garage 40"}')
    assert str(caught.value) == "Setting capacity_limits is refused: cannot read “US garage 40”."
    assert Settings.from_json('{"capacity_limits": "US standard 1200"}').capacity_limits == "US standard 1200"


def test_plan_json_has_null_for_a_missing_fee_date(limits_db: Path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "inventory_core",
            "plan",
            "--db",
            str(limits_db),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rows = {r["sku"]: r for r in json.loads(out.stdout)["skus"]}
    assert [rows[s]["low_inventory_fee_date"] for s in EXPECTED.index] == FEE_DATES

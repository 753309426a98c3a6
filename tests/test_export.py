"""Restock sheet export: .xlsx with the seller's alert colours and real numbers, CSV with a BOM, and no
formula injection in either."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import openpyxl
import pandas as pd
import pytest

from inventory_core.views.charts.palette import COVER_FILL
from inventory_core.views.export import neutralise, plan_to_csv, plan_to_xlsx
from inventory_core.views.restock import restock_sheet

EVIL = "=cmd|' /C calc'!A0"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sku": ["KT-A", "KT-B", "KT-C", "@SUM(1+1)"],
            "product_name": ["Board", EVIL, "+1 555 call", "\tTabbed"],
            "alert": ["reorder", "urgent", "ok", "watch"],
            "available": [300.0, 12.0, 900.0, -5.0],
            "velocity": [10.0, 6.4226, 2.0, 1.5],
            "days_of_cover": [30.0, 1.87, math.inf, 40.0],
            "cover_colour": ["red", "yellow", "", "red"],
            "reorder_qty": [240, 57, 0, 3],
            "latest_order_date": [dt.date(2026, 12, 2), dt.date(2026, 11, 7), pd.NaT, dt.date(2027, 1, 3)],
            "is_core": [True, False, False, True],
            "note": [None, "-dash first", "ok", "=1+2"],
        }
    )


def _sheet(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return wb.worksheets[0]


def _fill(cell) -> str:
    colour = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return (colour or "")[-6:].upper()


def test_neutralise_prefixes_formula_characters_only():
    assert [neutralise(s) for s in ("=1", "+1", "-1", "@A", "\tx", "\rx", "KT-1", "")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@A",
        "'\tx",
        "'\rx",
        "KT-1",
        "",
    ]


def test_xlsx_header_fills_numbers_and_neutralised_text():
    ws = _sheet(plan_to_xlsx(_frame(), "en"))
    header = [c.value for c in ws[1]]
    assert header == [
        "SKU",
        "Product",
        "Alert",
        "Available",
        "Planning ADS",
        "Days of cover",
        "Reorder qty",
        "Latest order date",
        "Core",
        "Note",
    ]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    # the seller's sheet colours on the days-of-cover cell only (issue 14): red ≤ 75 d, yellow ≤ 20 d
    assert [_fill(c) for c in rows["KT-A"]] == [""] * 5 + [COVER_FILL["red"].lstrip("#").upper()] + [""] * 4
    assert _fill(rows["KT-B"][5]) == COVER_FILL["yellow"].lstrip("#").upper()
    assert {_fill(c) for c in rows["KT-B"]} - {""} == {COVER_FILL["yellow"].lstrip("#").upper()}
    assert {_fill(c) for c in rows["KT-C"]} == {""}
    # numbers stay numbers (negative ones too), with a number format
    assert rows["KT-A"][3].value == 300
    assert isinstance(rows["KT-A"][3].value, int | float)
    assert rows["KT-B"][4].value == pytest.approx(6.4226)
    assert rows["KT-B"][4].number_format == "#,##0.00"
    assert rows["'@SUM(1+1)"][3].value == -5
    assert rows["KT-A"][6].value == 240
    # dates are dates
    assert rows["KT-A"][7].value == dt.datetime(2026, 12, 2)
    assert rows["KT-C"][7].value is None
    assert rows["KT-C"][5].value == "no sales"  # issue 17: a readable word, not "∞" or inf
    # formula injection neutralised (text only), never stored as a formula
    assert rows["KT-B"][1].value == "'" + EVIL
    assert rows["KT-B"][1].data_type == "s"
    assert rows["KT-C"][1].value == "'+1 555 call"
    assert rows["KT-B"][9].value == "'-dash first"
    assert rows["'@SUM(1+1)"][9].value == "'=1+2"
    assert rows["'@SUM(1+1)"][1].value == "'\tTabbed"
    assert rows["KT-A"][2].value == "Reorder now"
    assert rows["KT-A"][8].value == "yes"


def test_xlsx_frozen_header_and_widths():
    ws = _sheet(plan_to_xlsx(_frame(), "en"))
    assert ws.freeze_panes == "B2"  # header row and the SKU column
    assert ws.column_dimensions["B"].width > ws.column_dimensions["D"].width  # product name is wider
    assert ws.auto_filter.ref == "A1:J5"


def test_xlsx_chinese_header_and_sheet_name():
    wb = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(_frame(), "zh")))
    ws = wb.worksheets[0]
    assert ws.title == "补货计划"
    assert [c.value for c in ws[1]][:6] == ["SKU", "品名", "预警", "可售库存", "计划日均销量", "可售天数"]
    assert ws["C2"].value == "立即补货"


def test_csv_has_bom_translated_header_and_neutralised_text():
    data = plan_to_csv(_frame(), "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["SKU", "品名", "预警", "可售库存"]
    body = {r[0]: r for r in rows[1:]}
    assert body["KT-B"][1] == "'" + EVIL
    assert body["KT-B"][4] == "6.4226"  # issue 18: full precision (was rounded to the sheet's 6.42)
    assert body["'@SUM(1+1)"][3] == "-5"  # a negative number is not text-prefixed
    assert body["KT-A"][7] == "2026-12-02"
    assert body["KT-A"][2] == "立即补货"
    assert body["KT-A"][8] == "是"


def test_demo_plan_export_colours_match_the_cover_colours(demo_db):
    from inventory_core.model.plan import compute_plan
    from inventory_core.store import Store

    with Store(demo_db) as store:
        plan = compute_plan(store)
    sheet = restock_sheet(plan.skus)
    ws = _sheet(plan_to_xlsx(sheet, "en"))
    header = [c.value for c in ws[1]]
    cover = header.index("Days of cover")
    fills = [_fill(row[cover]) for row in ws.iter_rows(min_row=2)]
    counts = plan.skus["cover_colour"].value_counts()
    assert fills.count(COVER_FILL["red"].lstrip("#").upper()) == counts.get("red", 0) > 0
    assert fills.count(COVER_FILL["yellow"].lstrip("#").upper()) == counts.get("yellow", 0) > 0
    assert len(fills) == len(plan.skus)
    csv_rows = list(csv.reader(io.StringIO(plan_to_csv(sheet, "en").decode("utf-8-sig"))))
    assert len(csv_rows) == len(plan.skus) + 1

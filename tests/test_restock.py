"""The restock sheet, settings edits → sku_settings rows, and the days-of-cover chart."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from inventory_core.store.schema import SKU_SETTINGS_COLUMNS
from inventory_core.views.charts.palette import ALERT, COVER_FILL
from inventory_core.views.charts.replenishment import cover_figure
from inventory_core.views.restock import (
    SHEET_COLUMNS,
    alert_counts,
    column_label,
    cover_fills,
    edits,
    restock_sheet,
    settings_rows,
)


def _skus() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "marketplace": ["US"] * 5,
            "sku": ["OK-1", "RE-1", "UR-1", "RE-2", "WA-1"],
            "alert": ["ok", "reorder", "urgent", "reorder", "watch"],
            "days_of_cover": [200.0, 60.0, 10.0, 30.0, 100.0],
            "cover_colour": ["", "red", "yellow", "red", ""],
            "days_of_cover_with_inbound": [250.0, 90.0, 80.0, math.inf, 100.0],
            "reorder_qty": [0, 120, 40, 0, 0],
            "lead_time_days": [60.0] * 5,
            "note": [None] * 5,
            "units_7": [1, 2, 3, 4, 5],  # not a sheet column
        }
    )


def test_sheet_most_urgent_first_and_only_sheet_columns():
    sheet = restock_sheet(_skus())
    assert sheet["sku"].tolist() == ["UR-1", "RE-2", "RE-1", "WA-1", "OK-1"]
    assert "units_7" not in sheet.columns
    assert "marketplace" not in sheet.columns
    assert list(sheet.columns) == [c for c in SHEET_COLUMNS if c in sheet.columns] + ["cover_colour"]
    assert sheet.index.tolist() == list(range(5))


def test_sheet_filter_by_alert_and_keeps_marketplace_when_several():
    skus = _skus().assign(marketplace=["US", "UK", "US", "US", "DE"])
    sheet = restock_sheet(skus, ["urgent", "reorder"])
    assert sheet["sku"].tolist() == ["UR-1", "RE-2", "RE-1"]
    assert "marketplace" in sheet.columns


def test_alert_counts_and_cover_cell_fills():
    sheet = restock_sheet(_skus())
    # issue 12: unknown is a level; issue 17: so is check_data (every level present, at 0 here)
    assert alert_counts(sheet) == {
        "check_data": 0,
        "stock_unknown": 0,
        "sales_unknown": 0,
        "urgent": 1,
        "reorder": 2,
        "watch": 1,
        "ok": 1,
    }
    # issue 14: the seller's red/yellow are colours of the days-of-cover cells (10 d yellow, 30 and 60 d red)
    assert cover_fills(sheet) == [COVER_FILL["yellow"], COVER_FILL["red"], COVER_FILL["red"], "", ""]


def test_column_labels_translated():
    assert column_label("days_of_cover", "en") == "Days of cover"
    assert column_label("days_of_cover", "zh") == "可售天数"
    assert column_label("reorder_qty", "zh") == "建议补货量"


def test_edits_ignore_round_trip_noise_and_nan():
    before = pd.DataFrame(
        {
            "sku": ["A", "B"],
            "lead_time_days": [60.0, 70.0],
            "ads_override": [math.nan, 5.0],
            "note": [None, "x"],
            "is_core": [False, True],
        }
    )
    after = before.copy()
    after.loc[0, "lead_time_days"] = 60.0 + 1e-12
    assert edits(before, after) == {}
    after.loc[1, "ads_override"] = math.nan
    after.loc[0, "note"] = "air next time"
    after.loc[0, "is_core"] = True
    assert edits(before, after) == {
        "A": {"note": "air next time", "is_core": True},
        "B": {"ads_override": None},
    }


def test_settings_rows_merge_edits_into_current_values():
    current = pd.DataFrame(
        {
            "sku": ["A"],
            "lead_time_days": [60.0],
            "air_lead_time_days": [12.0],
            "safety_days": [14.0],
            "ads_override": [math.nan],
            "unit_cost": [6.5],
            "price": [24.99],
            "target_roas": [math.nan],
            "is_core": [True],
            "note": ["keep me"],
        }
    )
    rows = settings_rows(current, {"A": {"lead_time_days": 45}, "NEW": {"safety_days": 21.0}})
    assert list(rows.columns) == [c.name for c in SKU_SETTINGS_COLUMNS]
    a = rows.set_index("sku").loc["A"]
    assert (
        a["lead_time_days"],
        a["safety_days"],
        a["unit_cost"],
        a["price"],
        bool(a["is_core"]),
        a["note"],
    ) == (45.0, 14.0, 6.5, 24.99, True, "keep me")
    new = rows.set_index("sku").loc["NEW"]
    assert new["safety_days"] == 21.0
    assert pd.isna(new["lead_time_days"])
    assert pd.isna(new["price"])


def test_settings_rows_refuse_bad_values():
    with pytest.raises(ValueError, match="lead_time_days"):
        settings_rows(pd.DataFrame(columns=["sku"]), {"A": {"lead_time_days": -3}})
    with pytest.raises(ValueError, match="not editable"):
        settings_rows(pd.DataFrame(columns=["sku"]), {"A": {"price": 9.99}})


def test_cover_figure_bars_per_alert_lines_and_cap():
    sheet = restock_sheet(_skus())
    fig = cover_figure(sheet, reorder_days=75, urgent_days=20, lang="en")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert [tr.name for tr in bars] == ["Urgent (consider air)", "Reorder now", "Watch", "OK"]
    assert [tr.marker.color for tr in bars] == [
        ALERT["urgent"],
        ALERT["reorder"],
        ALERT["watch"],
        ALERT["ok"],
    ]
    assert fig.layout.title.text == "Days of cover by SKU"
    assert sorted(s.x0 for s in fig.layout.shapes) == [20, 75]
    # cover is drawn up to 2 × the reorder line; the hover keeps the real value
    ok = bars[-1]
    assert list(ok.x) == [150.0]
    assert ok.customdata[0] == "200.0"
    inbound = next(tr for tr in fig.data if tr.type == "scatter")
    assert max(inbound.x) == 150.0


def test_cover_figure_chinese():
    fig = cover_figure(restock_sheet(_skus()), reorder_days=75, urgent_days=20, lang="zh")
    assert fig.layout.title.text == "各 SKU 可售天数"
    assert fig.layout.xaxis.title.text == "可售天数"

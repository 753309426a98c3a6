"""Per-SKU explanation: every figure traced to its inputs (known answers from DESIGN.md and seed 001)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from inventory_core.model.settings import Settings
from inventory_core.views.explain import amazon_reason, explain

AS_OF = dt.date(2026, 11, 16)


def _row(**over):
    """A Plan.skus row: DESIGN.md's reorder example (ADS 10, lead 60, safety 14, on hand 300, inbound 200)."""
    row = {
        "as_of": AS_OF,
        "available": 300.0,
        "inbound": 200.0,
        "inbound_source": "shipments",
        "units_7": 77.0,
        "days_7": 7.0,
        "velocity_7": 11.0,
        "units_14": 140.0,
        "days_14": 14.0,
        "velocity_14": 10.0,
        "units_30": 243.0,
        "days_30": 27.0,
        "velocity_30": 9.0,
        "oos_days_30": 3,
        "units_ly_next_90": 900.0,
        "yoy_growth": 0.0,
        "velocity_seasonal": 10.0,
        "velocity_blend": 10.0,
        "velocity": 10.0,
        "velocity_source": "blend",
        "ads_override": math.nan,
        "days_of_cover": 30.0,
        "days_of_cover_with_inbound": 50.0,
        "units_28": 250.0,
        "woc": 4.8,
        "woc_band": "healthy",
        "lead_time_days": 60.0,
        "air_lead_time_days": 12.0,
        "safety_days": 14.0,
        "safety_stock": 140.0,
        "reorder_qty": 240,
        "sigma_daily": 3.0,
        "alert": "reorder",
        "stockout_day": 30.0,
        "gap_days": 10.0,
        "gap_class": "medium",
        "air_qty": 0,
        "amazon_recommended_qty": math.nan,
        "units_last_30": 270.0,
    }
    row.update(over)
    return row


def _line(lines, start):
    found = [line for line in lines if line.startswith(start)]
    assert found, (start, lines)
    return found[0]


def test_reorder_design_example_240():
    lines = explain(_row(), "en", Settings())
    # the worked example has no review period (R = 0): 10 × (60 + 0) + 140 = 740 − 500
    assert _line(lines, "Reorder 240") == (
        "Reorder 240 = ADS 10.00 × (lead time 60 d + review 0 d) + safety stock 140 = 740 − (available 300 + "
        "inbound 200)"
    )


def test_reorder_with_the_weekly_review_310():
    lines = explain(_row(review_period_days=7, reorder_qty=310), "en", Settings())
    assert _line(lines, "Reorder 310") == (
        "Reorder 310 = ADS 10.00 × (lead time 60 d + review 7 d) + safety stock 140 = 810 − (available 300 + "
        "inbound 200)"
    )


def test_reorder_floored_at_zero_says_why():
    line = _line(explain(_row(available=900.0, reorder_qty=0), "en"), "Reorder 0")
    assert "= -360 → 0" in line


def test_blend_lists_each_candidate_with_its_weight():
    s = Settings()  # 0.3 / 0.3 / 0.2 / 0.2
    line = _line(explain(_row(), "en", s), "Blended ADS")
    assert line == (
        "Blended ADS 10.00 = 7-day 11.00 × 0.3 + 14-day 10.00 × 0.3 + 30-day 9.00 × 0.2 "
        "+ seasonal 10.00 × 0.2"
    )


def test_blend_renormalised_when_a_candidate_is_missing():
    lines = explain(_row(velocity_seasonal=math.nan, units_ly_next_90=math.nan), "en", Settings())
    line = _line(lines, "Blended ADS")
    # 0.3 / 0.3 / 0.2 over 0.8 → 0.375 / 0.375 / 0.25
    assert "7-day 11.00 × 0.375" in line
    assert "30-day 9.00 × 0.25" in line
    assert line.endswith("(weights renormalised over the available candidates)")
    assert "seasonal: needs at least 30 days of last year's sales" in lines[0]


def test_candidates_show_units_over_in_stock_days_and_oos_excluded():
    lines = explain(_row(), "en")
    assert "30-day 9.00 = 243 units ÷ 27 in-stock days" in lines[0]
    assert _line(lines, "3 out-of-stock days")


def test_override_wins_over_the_blend():
    lines = explain(
        _row(velocity=8.0, velocity_source="override", ads_override=8.0, velocity_blend=4.2), "en"
    )
    assert "Override 8.00 wins over the blend 4.20: planning ADS = 8.00" in lines


def test_cover_with_and_without_inbound():
    line = _line(explain(_row(), "en"), "Days of cover")
    assert line.startswith(
        "Days of cover 30 = available 300 ÷ ADS 10.00; incl. inbound 50 = (available 300 + inbound 200)"
    )


def test_woc_seed_001_example_2000_units_1000_sold():
    line = _line(explain(_row(available=2000.0, units_28=1000.0, woc_band="overstock"), "en"), "WOC")
    assert line == "WOC 8 = 2,000 ÷ 1,000 sold in the last 4 weeks × 4 → overstock risk (> 6 weeks)"


def test_latest_order_date_traced_to_stock_lead_and_safety():
    # 550 + 200 = 750 in stock and inbound, reorder point 10 × 60 + 140 = 740 → due in +1.0 day; with the
    # weekly review the order-up-to level is 810, so 60 units are ordered now.
    row = _row(available=550.0, reorder_qty=60, review_period_days=7)
    line = _line(explain(row, "en"), "Latest order date")
    assert line == (
        "Latest order date Nov 17, 2026 = as-of Nov 16, 2026 + (stock + inbound 750 − ADS 10.00 × "
        "lead 60 d − safety stock 140) ÷ 10.00 = +1.0 days"
    )


def test_no_order_date_without_a_quantity():
    # issue 14: a SKU that needs no order shows no order-by date, only when it falls due
    lines = explain(_row(available=900.0, reorder_qty=0), "en")
    assert not [line for line in lines if line.startswith("Latest order date")]
    assert (
        "No order date: nothing to order now; stock + inbound reach the reorder point in 36 days"
    ) in lines


def test_latest_order_date_late():
    line = _line(explain(_row(days_of_cover_with_inbound=50.0), "en"), "Latest order date")
    assert line.endswith("= -24.0 days: already 24 days late, order now and consider air")


@pytest.mark.parametrize(
    ("over", "expected"),
    [
        (
            {"alert": "urgent", "air_qty": 39, "days_of_cover": 12.0, "cover_colour": "yellow"},
            "Urgent (consider air): send 39 units by air now (sea stock cannot land before the stockout); "
            "reorder 240 "
            "by sea · cover 12 d ≤ 20 d: yellow in the sheet (a colour, the order is the quantity)",
        ),
        (
            {"alert": "reorder", "cover_colour": "red"},
            "Reorder now: order 240 units now (stock + inbound are under the order-up-to level) · cover 30 "
            "d ≤ 75 d: red in the sheet (a colour, the order is the quantity)",
        ),
        (
            {
                "alert": "watch",
                "reorder_qty": 0,
                "order_in_days": 10.0,
                "review_period_days": 7,
                "days_of_cover": 100.0,
            },
            "Watch: nothing to order today; the next order falls due in 10 d, before the review after next "
            "(14 d)",
        ),
        (
            {"alert": "ok", "reorder_qty": 0, "order_in_days": 40.0, "cover_colour": "red"},
            "OK: nothing to order; the next order falls due in 40 d · cover 30 d ≤ 75 d: red in the sheet "
            "(a colour, the order is the quantity)",
        ),
    ],
)
def test_alert_follows_the_quantities_and_the_colour_is_apart(over, expected):
    assert expected in explain(_row(**over), "en", Settings())


def test_stockout_projection_and_air_bridge():
    lines = explain(_row(stockout_day=14.0, gap_days=6.0, gap_class="short", air_qty=39), "en")
    assert (
        "Projected stockout Nov 30, 2026 (in 14 days); back in stock on day 20 when the next shipment lands "
        "→ 6-day gap (Short gap)"
    ) in lines
    assert "Air bridge: 39 units by air (air lead time 12 d) to cover the gap" in lines


def test_out_of_stock_now_with_open_gap():
    lines = explain(_row(available=0.0, stockout_day=0.0, gap_days=120.0, gap_class="long"), "zh", Settings())
    assert "当前已断货，且在 120 天预测期内没有到货 → 断货至少 120 天（长期断货）" in lines


def test_no_amazon_recommendation():
    assert "No Amazon restock recommendation in the imported reports" in explain(_row(), "en")


def test_amazon_differs_by_sales_rate():
    # Amazon sees 600 units / 30 = 20 a day, we plan on 10: the rate explains the gap.
    row = _row(amazon_recommended_qty=980.0, units_last_30=600.0)
    assert amazon_reason(row) == "velocity"
    lines = explain(row, "en")
    assert "Amazon recommends 980, we suggest 240 (difference +740)" in lines
    assert _line(lines, "Main reason: the sales rate").endswith(
        "last 30 days' 600 units ÷ 30 = 20.00/day; our planning ADS is 10.00"
    )


def test_amazon_differs_by_coverage():
    # Same rate (300 / 30 = 10 a day) but Amazon's 540 covers (540 + 500) / 10 = 104 days vs our 74.
    row = _row(amazon_recommended_qty=540.0, units_last_30=300.0)
    assert amazon_reason(row) == "coverage"
    line = _line(explain(row, "en"), "Main reason: coverage")
    assert "about 104 days at 10.00/day" in line
    assert "lead time + safety = 74 days" in line


def test_amazon_agrees():
    assert amazon_reason(_row(amazon_recommended_qty=245.0)) == "agree"
    assert amazon_reason(_row()) is None


def test_chinese():
    lines = explain(_row(), "zh")
    assert _line(lines, "补货量 240") == (
        "补货量 240 = 日均 10.00 × (补货周期 60 天 + 复盘周期 0 天) + 安全库存 140 = 740 − (可售库存 300 + "
        "在途 200)"
    )
    assert any(line.startswith("日均销量候选：近7天 11.00 = 77 件 ÷ 有货 7 天") for line in lines)
    assert any("2026年11月16日" in line for line in lines)


def test_missing_inputs_never_raise():
    lines = explain({}, "en")
    assert lines
    assert all(isinstance(line, str) and line for line in lines)
    assert "No sales history yet: ADS 0" in lines


def test_learned_lead_times_beside_the_configured_one():
    import pandas as pd

    lead_times = pd.DataFrame(
        {"mode": ["sea", "air"], "shipments": [23, 4], "median_days": [69.0, 12.5], "p90_days": [82.0, 13.7]}
    )
    row = {
        "velocity": 10.0,
        "lead_time_days": 60,
        "safety_days": 14,
        "available": 300,
        "inbound": 200,
        "reorder_qty": 240,
    }
    lines = [line for line in explain(row, "en", lead_times=lead_times) if line.startswith("Lead time")]
    assert lines[0].startswith(
        "Lead time: 60 d configured; your 23 received sea shipments took 69 d median, 82 d"
    )
    assert "4 received air shipments took 12.5 d median, 13.7 d at the 90th percentile" in lines[1]
    zh = [line for line in explain(row, "zh", lead_times=lead_times) if "海运" in line]
    assert zh
    assert "69" in zh[0]

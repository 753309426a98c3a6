"""Issue 17: every SKU gets a sane row. A store with one SKU per odd-but-real case (``tests/odd_store.py``):
each row is what a seller would expect, and every other SKU's row is the same as in a store without it."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from odd_store import AS_OF, ODD, ORDINARY, build, day

from inventory_core.model.plan import compute_plan
from inventory_core.model.plan_checks import plan_notes
from inventory_core.model.plan_type import Plan
from inventory_core.store import Store


def _plan(path: Path) -> Plan:
    with Store(path) as store:
        return compute_plan(store, AS_OF)


@pytest.fixture(scope="module")
def odd_plan(tmp_path_factory) -> Plan:
    return _plan(build(tmp_path_factory.mktemp("odd") / "odd.duckdb"))


@pytest.fixture(scope="module")
def plain_plan(tmp_path_factory) -> Plan:
    return _plan(build(tmp_path_factory.mktemp("plain") / "plain.duckdb", odd=()))


def _row(plan: Plan, sku: str) -> pd.Series:
    return plan.row(sku)


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> None:
    cols = [c for c in a.columns if c in b.columns]
    left = a[cols].sort_values("sku").reset_index(drop=True)
    right = b[cols].sort_values("sku").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


@pytest.mark.parametrize("odd", sorted(ODD))
def test_every_other_sku_is_planned_as_without_the_odd_one(
    odd: str, plain_plan: Plan, tmp_path: Path
) -> None:
    plan = _plan(build(tmp_path / "one.duckdb", odd=[odd]))
    assert odd in set(plan.skus["sku"])
    ordinary = [s.sku for s in ORDINARY]
    _same_rows(plan.skus[plan.skus["sku"].isin(ordinary)], plain_plan.skus)


def test_the_ordinary_skus_know_their_answer(plain_plan: Plan) -> None:
    row = _row(plain_plan, "KT-ORDINARY-A")
    # ADS 10; cover 300 / 10 = 30 days; reorder (issue 14: order-up-to over lead + the 7-day review period)
    # 10 × (60 + 7) + 14 × 10 − 300 = 510; ROAS 400 / 100 = 4
    assert (row["velocity"], row["days_of_cover"], row["reorder_qty"], row["roas"]) == (10, 30, 510, 4)
    assert row["lifecycle"] == "active"
    assert row["data_issue"] == ""


def test_negative_stock_is_nothing_sellable_and_names_its_file(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NEGATIVE")
    assert row["data_issue"] == "negative_stock"
    assert row["data_issue_value"] == -5
    assert row["data_issue_file"] == "Manage_FBA_Inventory.txt"
    # planned as 0 on hand: ADS 6 (6 a day, no out-of-stock day known); reorder 6 × (60 + 7) + 14 × 6 = 486;
    # out of stock today, 6 × 120 days = 720 units lost, × $20 = $14,400
    assert row["available"] == 0
    assert row["velocity"] == pytest.approx(6)
    assert row["reorder_qty"] == 486
    assert (row["alert"], row["phase"]) == ("urgent", "during")
    assert row["stockout_date"] == AS_OF
    assert (row["lost_units"], row["lost_sales"]) == pytest.approx((720, 14_400))
    note = plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-NEGATIVE"])[0]
    assert note.startswith(
        "stock was -5 in Manage_FBA_Inventory.txt (an Amazon adjustment?): counted as 0 sellable"
    )


def test_an_impossible_setting_masks_the_sku_with_the_reason(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NEG-LEAD")
    assert (row["data_issue"], row["data_issue_column"], row["data_issue_value"]) == (
        "negative_setting",
        "lead_time_days",
        -30,
    )
    assert row["data_issue_file"] == "settings.csv"
    assert (row["alert"], row["phase"], row["lifecycle"]) == ("check_data", "check_data", "check_data")
    for col in ("available", "velocity", "days_of_cover", "reorder_qty", "lost_sales", "woc"):
        assert math.isnan(row[col]), col
    assert pd.isna(row["latest_order_date"])
    assert row["strategy"] is None
    note = plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-NEG-LEAD"], "zh")[0]
    assert note.startswith("settings.csv 中 lead_time_days 为负数 -30：未计算——请修正")


def test_a_slow_mover_orders_after_a_readable_year(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-SLOW")
    # ADS = (0.3 × 0/7 + 0.3 × 1/14 + 0.2 × 1/30) / 0.8 = 0.035119; cover 30,000 / 0.035119 = 854,237 days
    assert row["velocity"] == pytest.approx(0.035119, abs=1e-6)
    assert row["days_of_cover"] == pytest.approx(854_237.3, abs=0.1)
    # Issue 14 (merged): an order-by date only with something to order. Order-up-to 0.035119 × (60 + 7) +
    # 14 × 0.035119 = 2.84 units ≪ 30,000 on hand → reorder 0, so no date at all — not "after 2031" (the
    # readable horizon itself: plan_checks.readable_dates' doctest, 2,500,000 days → after 2031).
    assert row["reorder_qty"] == 0
    assert pd.isna(row["latest_order_date"])
    assert row["latest_order_after_year"] == 0
    assert "latest order date after" not in plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-SLOW"])[0]


def test_out_of_stock_all_window_plans_from_the_velocity_before_it(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-OOS-WINDOW")
    # out of stock since the snapshot of day -35; the 30 days before it sold 6 a day → ADS 6
    assert (row["lifecycle"], row["velocity_source"]) == ("out_of_stock_window", "before_stockout")
    assert row["velocity"] == pytest.approx(6)
    # reorder 6 × (60 + 7) + 14 × 6 − 0 = 486 (issue 14's review period); lost 6 × 120 = 720 units × $20 =
    # $14,400; urgent with a quantity
    assert (row["reorder_qty"], row["lost_units"], row["lost_sales"]) == pytest.approx((486, 720, 14_400))
    assert (row["alert"], row["phase"], row["stockout_date"]) == ("urgent", "during", AS_OF)
    note = plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-OOS-WINDOW"])[0]
    assert note.startswith(
        "out of stock the whole 30-day window: ADS 6/day from the 30 days before the stockout"
    )


def test_a_new_sku_has_no_woc_band_and_is_marked_young(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NEW")
    # one known day of 3 units → ADS 3; cover 100 / 3 = 33.3 days; reorder 3 × (60 + 7) + 14 × 3 − 100 = 143
    assert (row["lifecycle"], row["history_days"]) == ("new", 1)
    assert row["velocity"] == pytest.approx(3)
    assert row["days_of_cover"] == pytest.approx(33.33, abs=0.01)
    assert row["reorder_qty"] == 143
    assert math.isnan(row["woc"])
    assert pd.isna(row["woc_band"])
    assert pd.isna(row["strategy"])
    # Issue 14 (merged): urgent = order now and fly some. It runs out on day 100 / 3 = 33, before a sea order
    # placed today lands on day 60, so air freight bridges the gap: air quantity > 0 → urgent, not reorder.
    assert row["air_qty"] > 0
    assert row["alert"] == "urgent"


def test_no_ads_is_its_own_strategy(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NO-ADS")
    # WOC 200 / (4 × 28) × 4 = 7.1 weeks (overstock), no ads: not "raise conversion", not "optimise"
    assert row["woc"] == pytest.approx(7.14, abs=0.01)
    assert (row["strategy"], row["roas_note"]) == ("no_ad_data", "no_ads")
    assert math.isnan(row["roas"])


def test_ad_sales_without_spend_have_no_roas(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NO-SPEND")
    assert math.isnan(row["roas"])
    assert row["roas_note"] == "no_spend"
    assert row["strategy"] == "no_ad_data"  # never "scale" from an infinite ROAS
    assert (
        "ad sales without ad spend: ROAS not computable"
        in plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-NO-SPEND"])[0]
    )


def test_an_ad_share_over_100_percent_is_capped_and_said(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-SHARE")
    # 100 ad units against 2 × 30 = 60 ordered: 167 %, capped at 100 %
    assert row["ad_order_share_raw"] == pytest.approx(100 / 60)
    assert row["ad_order_share"] == 1.0
    assert bool(row["ad_order_share_capped"])
    note = plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-SHARE"])[0]
    assert "the ads report claims 167% of the orders' units: ad-order share capped at 100 %" in note


def test_unknown_price_means_unknown_lost_sales(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-NO-PRICE")
    # 10 on hand at 5 a day: out on day 2, then 5 × 118 = 590 units lost; no price → no dollar figure
    assert row["lost_units"] == pytest.approx(590)
    assert math.isnan(row["lost_sales"])
    assert (
        "price unknown: lost sales not computable (590 units)"
        in plan_notes(odd_plan.skus[odd_plan.skus["sku"] == "ODD-NO-PRICE"])[0]
    )


def test_conversion_compares_only_days_with_sessions(odd_plan: Plan) -> None:
    row = _row(odd_plan, "ODD-KPI")
    # this week: 4 days with sessions, 4 × 7 = 28 units / 400 sessions = 7 %; last week 21 / 300 = 7 %
    # (all 7 days' units over 4 days' sessions would read 12.25 % against 16.3 %: a fake 25 % drop)
    assert row["cvr_this_week"] == pytest.approx(0.07)
    assert row["cvr_last_week"] == pytest.approx(0.07)
    assert not row["conversion_drop"]


def test_no_row_carries_inf_into_a_date(odd_plan: Plan) -> None:
    for col in ("latest_order_date", "stockout_date"):
        values = [v for v in odd_plan.skus[col] if not pd.isna(v)]
        assert all(isinstance(v, dt.date) and dt.date(2000, 1, 1) < v < day(365 * 6) for v in values)
    assert not np.isinf(odd_plan.skus["lost_sales"].astype(float)).any()


def test_the_budget_page_says_when_the_ad_share_was_capped(odd_plan: Plan) -> None:
    from inventory_core.model.budget import share_capped_notice

    assert share_capped_notice(_row(odd_plan, "ODD-SHARE"), "zh") == (
        "广告报表的销量占订单销量的 167%：广告订单占比按 100% 封顶"
    )
    assert share_capped_notice(_row(odd_plan, "KT-ORDINARY-A")) is None


@pytest.mark.parametrize(
    "module",
    ["inventory_core.model.plan_checks", "inventory_core.views.export", "inventory_core.model.budget"],
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0

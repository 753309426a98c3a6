"""The back-test simulator on tiny stores, worked by hand, for every policy; the CLI; reproducibility."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from conftest import load_template as _load

from inventory_core.model.backtest import POLICIES, RESULT_COLUMNS, estimate_censored_demand, run_backtest
from inventory_core.model.settings import Settings
from inventory_core.store import Store

START = dt.date(2026, 6, 1)


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def _constant_store(store: Store) -> None:
    """One SKU selling 10 a day for 120 days before the start and the 28 replayed, 100 on hand every day
    (never out of stock), lead time 14 d, air 5 d, safety 3 d, no shipments (the setting is the lead time)."""
    days = range(-120, 28)
    _load(
        store,
        "inventory",
        [
            {
                "snapshot_date": _day(d),
                "marketplace": "US",
                "sku": "A",
                "asin": "B0A",
                "available": 100.0,
                "price": 20.0,
            }
            for d in days
        ],
    )
    _load(
        store,
        "sales_orders",
        [
            {"date": _day(d), "marketplace": "US", "sku": "A", "asin": "B0A", "units": 10.0, "revenue": 200.0}
            for d in days
        ],
    )
    _load(
        store,
        "sku_settings",
        [{"sku": "A", "lead_time_days": 14.0, "air_lead_time_days": 5.0, "safety_days": 3.0}],
    )


def _rows(store: Store) -> dict[str, dict]:
    result = run_backtest(store, start=START, end=_day(27), every_days=7, settings=Settings())
    assert list(result.summary.columns) == list(RESULT_COLUMNS)
    return result.summary.set_index("policy").to_dict("index")


# Every policy forecasts 10 a day here (the 7/14/30-day ADS, the 30- and 90-day averages and exponential
# smoothing of a constant series). Reviews on days 0, 7, 14, 21; an order placed on day r is sellable from
# day r + 14 (before that day's sales); the stock of a day is counted at its end.


def test_radar_and_ets_order_up_to_lead_review_and_safety_and_fly_the_gap(store: Store):
    # Order-up-to 10 × (14 + 7) + 10 × 3 = 240.
    # Day 0: 100 on hand → order 140 (lands day 14). Projection: 100 lasts to day 9, stockout day 10, and
    #   no sea stock before a new order lands (day 14) → air 10 × (14 − 10) = 40, landing day 5.
    # Ends of days 0–6: 90 80 70 60 50 | +40 → 80 70          = 500
    # Day 7: 70 on hand + 140 on order = 210 → order 30 (day 21); 70 lasts until the 140 land: no air.
    # Ends of days 7–13: 60 50 40 30 20 10 0                   = 210 (day 13 starts with 10: demand met)
    # Day 14: +140 → 140, + 30 on order = 170 → order 70 (day 28). Ends 130 … 70    = 700
    # Day 21: 70 + 30 = 100, + 70 on order = 170 → order 70. Ends 90 … 30          = 420
    # No stockout; average stock (500 + 210 + 700 + 420) / 28 = 65.36 units = 6.5 days of the 10 a day;
    # orders: 4 by sea + 1 by air, 140 + 30 + 70 + 70 + 40 = 350 units, 40 by air.
    _constant_store(store)
    rows = _rows(store)
    for policy in ("radar", "ets"):
        assert rows[policy] == {
            "stockout_days": 0,
            "lost_units": 0.0,
            "lost_sales": 0.0,
            "avg_on_hand_units": 65.4,
            "avg_days_of_stock": 6.5,
            "orders": 5,
            "units_ordered": 350,
            "air_units": 40,
        }, policy


def test_amazon_restock_30_days_of_supply_and_no_review_period(store: Store):
    # Order-up-to 10 × (14 + 30) = 440, no air.
    # Day 0: order 340 (day 14). Day 7: 30 + 340 = 370 → order 70 (day 21). Days 0–9 end 90 … 0; days 10–13
    #   start empty: 4 stockout days, 40 units lost ($20 each = $800).
    # Day 14: 340 → + 70 = 410 → order 30. Day 21: 270 + 70 = 340, + 30 = 370 → order 70.
    # Ends: 420 (days 0–6) + 30 (7–13) + 2,100 (14–20: 330 … 270) + 2,100 (21–27) = 4,650 / 28 = 166.07.
    _constant_store(store)
    rows = _rows(store)
    assert rows["amazon_30d"] == {
        "stockout_days": 4,
        "lost_units": 40.0,
        "lost_sales": 800.0,
        "avg_on_hand_units": 166.1,
        "avg_days_of_stock": 16.6,
        "orders": 4,
        "units_ordered": 510,
        "air_units": 0,
    }


def test_average_and_blend_lead_time_plus_safety_without_the_review_period(store: Store):
    # The first build's rule: 10 × (14 + 3) = 170 (the 50/30/20 blend of 10, 10 and 10 is 10 too).
    # Day 0: order 70 (day 14). Day 7: 30 + 70 = 100 → order 70 (day 21). Days 10–13 out: 4 days, 40 units.
    # Day 14: 70 + 70 on order = 140 → order 30; ends 60 … 0. Day 21: 0 + 70 = 70, + 30 = 100 → order 70.
    # Ends: 420 + 30 + 210 + 210 = 870 / 28 = 31.07 units = 3.1 days; 70 + 70 + 30 + 70 = 240 units.
    _constant_store(store)
    rows = _rows(store)
    for policy in ("average_30d", "blend_50_30_20"):
        assert rows[policy] == {
            "stockout_days": 4,
            "lost_units": 40.0,
            "lost_sales": 800.0,
            "avg_on_hand_units": 31.1,
            "avg_days_of_stock": 3.1,
            "orders": 4,
            "units_ordered": 240,
            "air_units": 0,
        }, policy


def test_orders_arrive_after_the_learned_lead_time(store: Store):
    # Two received sea shipments took 21 days: orders now land after 21 days, not the 14 set.
    # average_30d (170): day 0 order 70 lands day 21; day 7: 30 + 70 = 100 → order 70 (day 28); the 100 on
    #   hand last until day 9, days 10–20 start empty: 11 stockout days, 110 units lost;
    #   from day 21 70 a week.
    # radar flies the gap instead: day 0 air 40 (day 5, as above); day 7: 70 on hand, the 140 land on day 21,
    #   stockout on day 14 → air 10 × (21 − 14) = 70 (day 12); no stockout, 110 units by air.
    _constant_store(store)
    _load(
        store,
        "shipment",
        [
            {
                "shipment_id": f"S{k}",
                "sku": "A",
                "marketplace": "US",
                "quantity": 1.0,
                "mode": "sea",
                "ship_date": _day(-100 + 30 * k),
                "eta": _day(-79 + 30 * k),
                "status": "received",
                "received_date": _day(-79 + 30 * k),
                "received_quantity": 1.0,
            }
            for k in range(2)
        ],
    )
    result = run_backtest(
        store, start=START, end=_day(27), every_days=7, settings=Settings(), policies=["radar", "average_30d"]
    )
    rows = result.summary.set_index("policy")
    assert (rows.loc["average_30d", "stockout_days"], rows.loc["average_30d", "lost_units"]) == (11, 110.0)
    assert (rows.loc["radar", "stockout_days"], rows.loc["radar", "air_units"]) == (0, 110)


def test_estimated_demand_on_out_of_stock_days():
    # DESIGN "ADS": out-of-stock days take the in-stock ADS around them (here 12), never zero.
    got = estimate_censored_demand([[10, 12, 0, 0, 14, 12]], [[0, 0, 1, 1, 0, 0]])
    assert got.tolist() == [[10.0, 12.0, 12.0, 12.0, 14.0, 12.0]]
    # inactive days (before the SKU's first record) carry no demand
    assert estimate_censored_demand([[0, 5]], [[0, 0]], [[False, True]]).tolist() == [[0.0, 5.0]]


def test_unknown_policy_and_bad_window_are_refused(store: Store):
    _constant_store(store)
    with pytest.raises(ValueError, match="unknown policy"):
        run_backtest(store, policies=["magic"])
    with pytest.raises(ValueError, match="start"):
        run_backtest(store, start=_day(40), end=_day(30))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", "backtest", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_cli_on_the_demo_store_is_fast_and_reproducible(demo_db_master):
    began = time.perf_counter()
    first = _cli("--db", str(demo_db_master), "--format", "json")
    took = time.perf_counter() - began
    assert first.returncode == 0, first.stderr
    assert took < 120, f"backtest on the demo store took {took:.0f} s"
    payload = json.loads(first.stdout)
    frame = pd.DataFrame(payload["policies"])
    assert list(frame["policy"]) == list(POLICIES)
    assert (frame["stockout_days"] >= 0).all()
    assert (frame["avg_on_hand_units"] > 0).all()
    # radar's rule beats the rules without a review period on stockouts
    by = frame.set_index("policy")
    assert by.loc["radar", "stockout_days"] < min(
        by.loc[p, "stockout_days"] for p in ("amazon_30d", "average_30d", "blend_50_30_20")
    )
    again = _cli(
        "--db",
        str(demo_db_master),
        "--start",
        payload["start"],
        "--end",
        payload["end"],
        "--policy",
        "radar",
        "average_30d",
        "--format",
        "json",
    )
    assert again.returncode == 0, again.stderr
    redo = pd.DataFrame(json.loads(again.stdout)["policies"]).set_index("policy")
    pd.testing.assert_frame_equal(redo, by.loc[["radar", "average_30d"]])  # run to run, the same numbers


def test_cli_csv_and_refusals(store: Store, tmp_path):
    _constant_store(store)
    store.close()
    out = _cli(
        "--db",
        store.path,
        "--start",
        START.isoformat(),
        "--end",
        _day(27).isoformat(),
        "--policy",
        "amazon_30d",
    )
    assert out.returncode == 0, out.stderr
    frame = pd.read_csv(io.StringIO(out.stdout))
    assert frame.to_dict("records")[0]["stockout_days"] == 4
    bad = _cli("--db", store.path, "--every-days", "0")
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1
    empty = _cli("--db", str(tmp_path / "empty.duckdb"))
    assert empty.returncode == 2
    assert len(empty.stderr.strip().splitlines()) == 1


def test_the_replayed_plan_is_the_plan(demo_db_master):
    # The replay reads the plan's inputs without computing the whole plan (ranks, ads, ...): they must agree
    # with compute_plan on a review date (blend ADS, σ, lead times, safety days, lead-time spread).
    from inventory_core.model.backtest import load_history, plan_review
    from inventory_core.model.plan import compute_plan

    day = dt.date(2026, 6, 15)
    with Store(demo_db_master, read_only=True) as store:
        s = Settings()
        hist = load_history(store, s)
        review = plan_review(store, hist, day, s)
        plan = compute_plan(store, day, s).skus.set_index(["marketplace", "sku"])
    idx = pd.MultiIndex.from_frame(hist.keys[["marketplace", "sku"]])
    for got, col in (
        (review.velocity, "velocity_blend"),
        (review.sigma, "sigma_daily"),
        (review.lead, "lead_time_days"),
        (review.air_lead, "air_lead_time_days"),
        (review.safety_days, "safety_days"),
        (review.lead_sigma, "lead_time_sigma_days"),
    ):
        want = plan[col].astype(float).reindex(idx).fillna(0.0).to_numpy()
        np.testing.assert_allclose(got, want, err_msg=col)


def test_baseline_forecasts_after_a_recent_jump():
    # 93 days at 10 a day, then 7 days at 17; the review on day 100 (lead 14 d, safety 3 d):
    #   7-day 17, 30-day (23 × 10 + 7 × 17) / 30 = 11.633, 90-day (83 × 10 + 119) / 90 = 10.544
    #   amazon_30d: 11.633 × (14 + 30) = 511.87; average_30d: 11.633 × (14 + 3) = 197.77
    #   blend_50_30_20: 0.5 × 17 + 0.3 × 11.633 + 0.2 × 10.544 = 14.099 → × 17 = 239.68
    from inventory_core.model.backtest import History, Review, policy_order_up_to

    units = np.array([[10.0] * 93 + [17.0] * 7])
    hist = History(
        pd.DataFrame({"marketplace": ["US"], "sku": ["A"], "price": [1.0]}),
        START,
        units,
        np.zeros_like(units, dtype=bool),
        np.ones_like(units, dtype=bool),
        units,
        units,
        (np.zeros(0),),
        pd.DataFrame(),
        pd.DataFrame({"lead_time_days": [14.0], "air_lead_time_days": [5.0], "safety_days": [3.0]}),
    )
    one = np.array([1.0])
    review = Review(
        velocity=one * 12,
        lead=one * 14,
        air_lead=one * 5,
        safety_days=one * 3,
        sigma=one * 0,
        lead_sigma=one * 0,
    )
    ets = np.full_like(units, 11.0)
    got = {p: policy_order_up_to(p, 100, hist, review, ets, Settings()) for p in POLICIES}
    assert got["amazon_30d"][1][0] == pytest.approx(349 / 30 * 44)
    assert got["average_30d"][1][0] == pytest.approx(349 / 30 * 17)
    assert got["blend_50_30_20"][0][0] == pytest.approx(0.5 * 17 + 0.3 * 349 / 30 + 0.2 * 949 / 90)
    assert got["blend_50_30_20"][1][0] == pytest.approx((0.5 * 17 + 0.3 * 349 / 30 + 0.2 * 949 / 90) * 17)
    # radar and ets: the plan's rule on their own forecast, 12 × (14 + 7) + 3 × 12 and 11 × 21 + 3 × 11
    assert got["radar"][1][0] == pytest.approx(288.0)
    assert got["ets"][1][0] == pytest.approx(264.0)
    assert [got[p][2] for p in POLICIES] == [True, False, False, False, True]  # who flies the gap

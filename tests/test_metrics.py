"""Per-SKU metrics over a real DuckDB store: worked examples,
agreement with the scalar formulas, demo coverage."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random

import numpy as np
import pandas as pd
import pytest
from conftest import load_template as _load
from exact import accepted_weights, assert_blend_close
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inventory_core.model import formulas
from inventory_core.model.plan import blend_candidates, compute_plan
from inventory_core.model.settings import Settings, SettingsError, validate
from inventory_core.store import Store

AS_OF = dt.date(2026, 11, 16)


def _day(offset: int) -> dt.date:
    return AS_OF + dt.timedelta(days=offset)


def _snapshot(sku: str, offset: int, available: float, **extra) -> dict:
    return {
        "snapshot_date": _day(offset),
        "marketplace": "US",
        "sku": sku,
        "asin": f"B0{sku}",
        "available": available,
        "price": extra.pop("price", 20.0),
        **extra,
    }


def _sale(sku: str, offset: int, units: float) -> dict:
    return {
        "date": _day(offset),
        "marketplace": "US",
        "sku": sku,
        "asin": f"B0{sku}",
        "units": units,
        "revenue": units * 20.0,
    }


def test_ads_leaves_out_known_stockout_days(store: Store):
    # 30 days: 10 units a day while in stock; days -10..-6 out of stock (available 0, no sales).
    snaps = [_snapshot("A", d, 0.0 if -10 <= d <= -6 else 100.0) for d in range(-30, 1)]
    sales = [_sale("A", d, 0.0 if -10 <= d <= -6 else 10.0) for d in range(-30, 0)]
    _load(store, "inventory", snaps)
    _load(store, "sales_orders", sales)
    row = compute_plan(store, AS_OF).row("A")
    assert row["oos_days_30"] == 5
    assert row["days_30"] == 25
    assert row["velocity_30"] == pytest.approx(10.0)  # 250 units / 25 in-stock days, not 250 / 30 = 8.33
    assert row["velocity_14"] == pytest.approx(10.0)
    assert row["velocity_7"] == pytest.approx(10.0)


def test_woc_seed_example_2000_units_1000_sold(store: Store):
    # Seed 001: 2,000 units on hand, 1,000 sold in the last four weeks -> 8 weeks of cover.
    _load(store, "inventory", [_snapshot("W", 0, 2000.0)])
    _load(store, "sales_orders", [_sale("W", d, 1000.0 / 28) for d in range(-28, 0)])
    row = compute_plan(store, AS_OF).row("W")
    assert row["units_28"] == pytest.approx(1000.0)
    assert row["woc"] == pytest.approx(8.0)
    assert row["woc_band"] == "overstock"


def _design_example(store: Store) -> None:
    _load(store, "inventory", [_snapshot("R", 0, 300.0)])
    _load(
        store,
        "sku_settings",
        [{"sku": "R", "lead_time_days": 60.0, "safety_days": 14.0, "ads_override": 10.0}],
    )
    _load(
        store,
        "shipment",
        [
            {
                "shipment_id": "FBA1",
                "sku": "R",
                "marketplace": "US",
                "quantity": 200.0,
                "mode": "sea",
                "ship_date": _day(-20),
                "eta": _day(25),
                "status": "in_transit",
            }
        ],
    )


def test_reorder_quantity_design_example_240(store: Store):
    # DESIGN.md: ADS 10, lead 60 d, safety 14 d, on hand 300, inbound 200 -> 600 + 140 - 500 = 240
    # (the worked example has no review period: review_period_days = 0).
    _design_example(store)
    row = compute_plan(store, AS_OF, Settings(review_period_days=0)).row("R")
    assert row["velocity"] == 10.0
    assert row["velocity_source"] == "override"
    assert row["inbound"] == 200.0
    assert row["reorder_qty"] == 240
    assert row["days_of_cover"] == pytest.approx(30.0)
    assert row["alert"] == "reorder"  # a quantity to order, no air needed (300 on hand last until day 30)
    assert row["cover_colour"] == "red"  # 30 days <= 75: the sheet's colour
    assert row["latest_order_date"] == _day(-24)  # (500 - 600 - 140) / 10 = -24 days: late


def test_reorder_quantity_with_the_weekly_review_310(store: Store):
    # Issue 14: order-up-to = ADS × (lead + review) + safety = 10 × (60 + 7) + 140 = 810; 810 - 500 = 310.
    _design_example(store)
    row = compute_plan(store, AS_OF).row("R")
    assert row["review_period_days"] == 7
    assert row["order_up_to"] == pytest.approx(810.0)
    assert row["safety_stock"] == pytest.approx(140.0)
    assert row["reorder_qty"] == 310
    assert row["alert"] == "reorder"


def test_statistical_safety_stock_is_chosen_by_the_setting(store: Store):
    # σ_D = 0 (override, no sales), σ_L = 0 (no received shipments) -> statistical safety stock 0:
    # order-up-to 10 × 67 = 670, 670 - 500 = 170; the days-based one (140) is still shown beside it.
    _design_example(store)
    row = compute_plan(store, AS_OF, Settings(statistical_safety_stock=True)).row("R")
    assert row["safety_stock_statistical"] == pytest.approx(0.0)
    assert row["safety_stock_days"] == pytest.approx(140.0)
    assert row["reorder_qty"] == 170


def test_projection_example_20_units_arrival_on_day_10(store: Store):
    # Issue example: 20 on hand at 10/day, 500 arriving on day 10 -> stockout day 2, gap 8, 80 units lost.
    _load(store, "inventory", [_snapshot("P", 0, 20.0)])
    _load(store, "sku_settings", [{"sku": "P", "lead_time_days": 60.0, "ads_override": 10.0}])
    _load(
        store,
        "shipment",
        [
            {
                "shipment_id": "S1",
                "sku": "P",
                "marketplace": "US",
                "quantity": 500.0,
                "mode": "air",
                "ship_date": _day(-2),
                "eta": _day(10),
                "status": "delayed",
            }
        ],
    )
    plan = compute_plan(store, AS_OF, Settings(horizon_days=30))
    row = plan.row("P")
    assert row["stockout_day"] == 2
    assert row["stockout_date"] == _day(2)
    assert row["gap_days"] == 8
    assert row["gap_class"] == "medium"
    assert row["lost_units"] == pytest.approx(80.0)
    assert row["lost_sales"] == pytest.approx(80.0 * 20.0)
    assert "delayed" in row["shipment_flags"]
    assert row["phase"] == "before"


def test_lost_shipment_is_not_counted(store: Store):
    _load(store, "inventory", [_snapshot("L", 0, 50.0)])
    _load(store, "sku_settings", [{"sku": "L", "ads_override": 10.0}])
    _load(
        store,
        "shipment",
        [
            {
                "shipment_id": "X",
                "sku": "L",
                "marketplace": "US",
                "quantity": 500.0,
                "mode": "sea",
                "ship_date": _day(-40),
                "eta": _day(3),
                "status": "lost",
            }
        ],
    )
    row = compute_plan(store, AS_OF, Settings(horizon_days=30)).row("L")
    assert row["inbound"] == 0.0
    assert row["stockout_day"] == 5  # 50 units at 10/day, the lost 500 never arrive
    assert "lost" in row["shipment_flags"]


def test_during_and_after_phase_with_episode(store: Store):
    snaps = [_snapshot("D", d, 0.0 if d >= -3 else 40.0) for d in range(-20, 1)]
    snaps += [_snapshot("F", d, 0.0 if -15 <= d <= -8 else 900.0) for d in range(-40, 1)]
    sales = [_sale("D", d, 0.0 if d >= -3 else 5.0) for d in range(-20, 0)]
    sales += [_sale("F", d, 10.0 if d < -15 else (0.0 if d <= -8 else 4.0)) for d in range(-40, 0)]
    _load(store, "inventory", snaps)
    _load(store, "sales_orders", sales)
    plan = compute_plan(store, AS_OF)
    assert plan.row("D")["phase"] == "during"
    f = plan.row("F")
    assert f["phase"] == "after"  # back in stock 7 days ago, selling 4/day against 10/day before
    ep = plan.episodes.set_index("sku")
    assert pd.Timestamp(ep.loc["F", "start_date"]).date() == _day(-15)
    assert pd.Timestamp(ep.loc["F", "end_date"]).date() == _day(-7)
    assert ep.loc["F", "days"] == 8
    assert bool(ep.loc["D", "ongoing"])


def test_break_even_target_roas_from_unit_cost(store: Store):
    _load(store, "inventory", [_snapshot("C", 0, 100.0, price=20.0)])
    _load(store, "sku_settings", [{"sku": "C", "unit_cost": 15.0, "price": 20.0}])
    row = compute_plan(store, AS_OF).row("C")
    assert row["target_roas"] == pytest.approx(4.0)  # margin 25 % -> break-even ROAS 1 / 0.25
    assert row["target_roas_source"] == "break_even"


def _random_store(store: Store, rng: random.Random, n_sku: int = 12) -> dict[str, dict]:
    """Random SKUs with stockout days, shipments and overrides; returns the ground truth per SKU."""
    truth: dict[str, dict] = {}
    snaps, sales, ships, sets = [], [], [], []
    for i in range(n_sku):
        sku = f"S{i:02d}"
        base = rng.uniform(1, 30)
        oos = set(rng.sample(range(-30, 0), rng.randint(0, 8)))
        daily = {d: (0.0 if d in oos else float(rng.randint(0, int(base * 2)))) for d in range(-60, 0)}
        available = float(rng.choice([0, rng.randint(1, 50), rng.randint(50, 2000)]))
        for d in range(-60, 1):
            snaps.append(_snapshot(sku, d, available if d == 0 else (0.0 if d in oos else 500.0)))
        sales += [_sale(sku, d, u) for d, u in daily.items()]
        arrivals = []
        for j in range(rng.randint(0, 2)):
            day = rng.randint(1, 100)
            qty = float(rng.randint(10, 800))
            arrivals.append((day, qty))
            ships.append(
                {
                    "shipment_id": f"{sku}-{j}",
                    "sku": sku,
                    "marketplace": "US",
                    "quantity": qty,
                    "mode": "sea",
                    "ship_date": _day(-30),
                    "eta": _day(day),
                    "status": "in_transit",
                }
            )
        override = rng.choice([None, None, round(rng.uniform(1, 20), 2)])
        lead, safety = float(rng.randint(20, 90)), float(rng.choice([7, 14, 21]))
        sets.append({"sku": sku, "lead_time_days": lead, "safety_days": safety, "ads_override": override})
        # issue 12: the windows are the last 7/14/30 known *in-stock* days
        # (a stockout day does not shorten them)
        instock = {w: [daily[d] for d in range(-1, -61, -1) if d not in oos][:w] for w in (7, 14, 30)}
        truth[sku] = {
            "available": available,
            "arrivals": arrivals,
            "override": override,
            "lead": lead,
            "safety": safety,
            "instock": instock,
            "units_28": sum(daily[d] for d in range(-28, 0)),
        }
    _load(store, "inventory", snaps)
    _load(store, "sales_orders", sales)
    _load(store, "shipment", ships)
    _load(store, "sku_settings", sets)
    return truth


def test_sql_path_agrees_with_the_scalar_formulas(store: Store):
    s = Settings(horizon_days=120)
    truth = _random_store(store, random.Random(42))
    plan = compute_plan(store, AS_OF, s)
    for sku, t in truth.items():
        row = plan.row(sku)
        cands = {f"velocity_{w}": (sum(v) / len(v) if v else math.nan) for w, v in t["instock"].items()}
        cands["velocity_seasonal"] = math.nan  # no data a year back
        velocity = formulas.blend_velocity(
            cands,
            {
                "velocity_7": s.velocity_weight_7,
                "velocity_14": s.velocity_weight_14,
                "velocity_30": s.velocity_weight_30,
                "velocity_seasonal": s.velocity_weight_seasonal,
            },
            override=t["override"],
        )
        assert row["velocity"] == pytest.approx(velocity), sku
        inbound = sum(q for _, q in t["arrivals"])
        assert row["reorder_qty"] == formulas.reorder_quantity(
            velocity, t["lead"], t["safety"], t["available"], inbound, review_period_days=s.review_period_days
        )
        assert row["days_of_cover"] == pytest.approx(formulas.days_of_cover(t["available"], velocity)), sku
        assert row["woc"] == pytest.approx(formulas.weeks_of_cover(t["available"], t["units_28"])), sku
        proj = formulas.project_stock(t["available"], velocity, t["arrivals"], s.horizon_days)
        expected_day = proj.stockout_day
        got_day = None if pd.isna(row["stockout_day"]) else int(row["stockout_day"])
        assert got_day == expected_day, sku
        assert row["lost_units"] == pytest.approx(proj.lost_units), sku
        if expected_day is not None:
            assert int(row["gap_days"]) == proj.gap_days, sku


@settings(max_examples=200)
@given(
    cands=st.lists(st.one_of(st.none(), st.floats(0, 1e4)), min_size=4, max_size=4),
    weights=st.lists(accepted_weights, min_size=4, max_size=4).filter(any),
)
@example(
    cands=[1.5, None, None, 0.0], weights=[0.001, 0.0, 0.0, 0.001]
)  # issue 11's case, at accepted weights
def test_plan_blend_is_the_exact_weighted_mean(cands, weights):
    names = ["velocity_7", "velocity_14", "velocity_30", "velocity_seasonal"]
    values = [math.nan if c is None else c for c in cands]
    frame = pd.DataFrame([dict(zip(names, values, strict=True))])
    s = Settings(
        velocity_weight_7=weights[0],
        velocity_weight_14=weights[1],
        velocity_weight_30=weights[2],
        velocity_weight_seasonal=weights[3],
    )
    validate(s)  # every drawn combination is one the settings accept
    assert_blend_close(blend_candidates(frame, s)[0], values, weights)


def test_settings_refuse_the_weights_of_issue_11():
    # cands [1.5, –, –, 0] with weights [5e-324, 0, 0, 5e-324]
    # blended to 0.75 in one copy and 1.0 in the other
    with pytest.raises(SettingsError, match="velocity_weight_7 = 5e-324 is refused"):
        Settings(
            velocity_weight_7=5e-324,
            velocity_weight_14=0.0,
            velocity_weight_30=0.0,
            velocity_weight_seasonal=5e-324,
        ).to_json()


def test_override_always_wins(store: Store):
    _load(store, "inventory", [_snapshot("O", 0, 100.0)])
    _load(store, "sales_orders", [_sale("O", d, 50.0) for d in range(-30, 0)])
    _load(store, "sku_settings", [{"sku": "O", "ads_override": 2.5}])
    row = compute_plan(store, AS_OF).row("O")
    assert row["velocity_blend"] == pytest.approx(50.0)
    assert row["velocity"] == 2.5
    assert row["days_of_cover"] == pytest.approx(40.0)


def test_cover_is_monotone_in_stock():
    velocity = 7.0
    covers = [formulas.days_of_cover(a, velocity) for a in np.linspace(0, 1000, 50)]
    assert all(b >= a for a, b in itertools.pairwise(covers))


def test_demo_plan_has_every_phase_and_every_quadrant(demo_db_master):
    with Store(demo_db_master, read_only=True) as store:
        plan = compute_plan(store)
    assert plan.as_of == dt.date(2026, 11, 16)
    assert set(plan.skus["phase"]) == {"before", "during", "after", "normal"}
    assert set(plan.skus["strategy"]) == {
        "protect_stock",
        "scale",
        "optimise",
        "push_traffic",
        "raise_conversion",
        "aged",
    }
    assert {"short", "medium", "long"} <= set(plan.skus["gap_class"])
    during = plan.skus[plan.skus["phase"] == "during"].set_index("sku")
    assert set(during.index) == {"KT-KNIFE-SHARPENER", "KT-SILICONE-LIDS-6"}
    assert during.loc["KT-SILICONE-LIDS-6", "gap_class"] == "short"
    assert during.loc["KT-KNIFE-SHARPENER", "gap_class"] == "long"
    after = set(plan.skus.loc[plan.skus["phase"] == "after", "sku"])
    assert after == {"PT-DOG-POOP-BAGS-270", "PT-CAT-SCRATCHER"}
    sea = plan.lead_times.set_index("mode").loc["sea"]
    assert 55 <= sea["median_days"] <= 80
    assert sea["p90_days"] >= sea["median_days"]

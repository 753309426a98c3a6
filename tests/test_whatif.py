"""What-if projection of one SKU: agrees with the plan, and moves the way a seller checks by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_core.model.plan import compute_plan
from inventory_core.model.settings import Settings
from inventory_core.model.whatif import FBA_INBOUND, sku_projection, sku_shipments
from inventory_core.store import Store

AS_OF = dt.date(2026, 11, 16)
S = Settings(horizon_days=40)  # short enough that the hand examples run out once


@pytest.fixture(scope="module")
def demo_plan(demo_db_master):
    with Store(demo_db_master, read_only=True) as store:
        return compute_plan(store)


def _row(**kw) -> dict:
    row = {
        "sku": "SKU-A",
        "marketplace": "US",
        "available": 100.0,
        "velocity": 10.0,
        "price": 20.0,
        "as_of": AS_OF,
        "lead_time_days": 60.0,
        "air_lead_time_days": 12.0,
        "safety_days": 14.0,
        "inbound_working": 0.0,
        "inbound_shipped": 0.0,
        "inbound_receiving": 0.0,
    }
    row.update(kw)
    return row


def _ships(*rows: tuple[str, float, int, str]) -> pd.DataFrame:
    """(shipment_id, quantity, arrival_day, status) rows for SKU-A, as ``Plan.shipments`` has them."""
    return pd.DataFrame(
        [
            {
                "shipment_id": sid,
                "sku": "SKU-A",
                "marketplace": "US",
                "quantity": qty,
                "mode": "sea",
                "ship_date": AS_OF - dt.timedelta(days=30),
                "eta": AS_OF + dt.timedelta(days=day),
                "status": status,
                "projected_eta": AS_OF + dt.timedelta(days=day),
                "overdue": False,
                "arrival_day": day,
                "counts": status != "lost",
            }
            for sid, qty, day, status in rows
        ]
    )


# --- agreement with the plan -----------------------------------------------------------------------------


def test_no_change_agrees_with_the_plan_for_every_demo_sku(demo_plan):
    for _, row in demo_plan.skus.iterrows():
        w = sku_projection(row, demo_plan.shipments, demo_plan.settings)
        want_day = None if math.isnan(row["stockout_day"]) else int(row["stockout_day"])
        want_gap = None if math.isnan(row["gap_days"]) else int(row["gap_days"])
        assert (w.stockout_day, w.gap_days, w.gap_class) == (want_day, want_gap, row["gap_class"]), row["sku"]
        assert w.lost_units == pytest.approx(row["lost_units"]), row["sku"]
        assert w.lost_sales == pytest.approx(row["lost_sales"]), row["sku"]
        assert not w.changed
        expected_date = None if pd.isna(row["stockout_date"]) else row["stockout_date"]
        assert w.stockout_date == expected_date


def test_demo_plan_has_skus_of_every_kind(demo_plan):
    """The agreement test above covers stockouts, no stockout, during and shipments."""
    assert demo_plan.skus["stockout_day"].isna().any()
    assert (demo_plan.skus["stockout_day"] == 0).any()
    assert demo_plan.skus["sku"].isin(demo_plan.shipments["sku"]).any()


# --- the hand-checkable example: 100 units at 10/day, 500 arriving on day 20 ---------------------------


def test_base_example():
    w = sku_projection(_row(), _ships(("S1", 500, 20, "in_transit")), S)
    # 100 units last 10 days; days 10..19 out of stock; back on day 20
    assert (w.stockout_day, w.gap_days, w.gap_class) == (10, 10, "medium")
    assert w.stockout_date == dt.date(2026, 11, 26)
    assert w.gap_end_date == dt.date(2026, 12, 6)
    assert w.lost_units == pytest.approx(100.0)
    assert w.lost_sales == pytest.approx(2000.0)
    assert w.reorder_point == pytest.approx(10 * (60 + 14))


def test_shift_eta_by_10_days_lengthens_the_gap_by_10_days():
    ships = _ships(("S1", 500, 20, "in_transit"))
    w = sku_projection(_row(), ships, S, eta_shift_days={"S1": 10})
    assert (w.stockout_day, w.gap_days) == (10, 20)  # arrives on day 30 instead of 20
    assert w.delta_stockout_days == 0
    assert w.delta_gap_days == 10
    assert w.delta_lost_units == pytest.approx(100.0)  # 10 more days × 10/day
    assert w.delta_lost_sales == pytest.approx(2000.0)
    assert w.changed
    assert w.base.gap_days == 10
    assert [a.day for a in w.arrivals] == [30]
    assert w.arrivals[0].shift_days == 10


def test_shift_earlier_closes_the_gap_but_never_before_today():
    ships = _ships(("S1", 500, 20, "in_transit"))
    w = sku_projection(_row(), ships, S, eta_shift_days={"S1": -10})
    # arrives on day 10, the day stock would run out: no gap; 600 units last beyond the 40 days
    assert (w.stockout_day, w.gap_days, w.gap_class) == (None, None, "none")
    assert w.delta_stockout_days is None
    assert w.delta_gap_days == -10
    w = sku_projection(_row(), ships, S, eta_shift_days={"S1": -50})
    assert w.arrivals[0].day == 0


def test_switch_to_air_arrives_after_the_air_lead_time():
    ships = _ships(("S1", 500, 20, "in_transit"))
    w = sku_projection(_row(), ships, S, to_air={"S1"})
    # air lead 12 days: sellable on day 12 → out on days 10 and 11 only
    assert (w.stockout_day, w.gap_days, w.gap_class) == (10, 2, "short")
    assert w.lost_units == pytest.approx(20.0)
    assert w.arrivals[0].mode == "air"
    assert w.arrivals[0].to_air


def test_switch_to_air_keeps_an_earlier_arrival():
    ships = _ships(("S1", 500, 5, "in_transit"))
    w = sku_projection(_row(), ships, S, to_air={"S1"})
    assert w.arrivals[0].day == 5
    assert not w.arrivals[0].to_air
    assert not w.changed


def test_air_wins_over_a_later_shift():
    ships = _ships(("S1", 500, 20, "in_transit"))
    w = sku_projection(_row(), ships, S, eta_shift_days={"S1": 30}, to_air={"S1"})
    assert w.arrivals[0].day == 12


@pytest.mark.parametrize(
    ("velocity", "stockout", "gap"),
    [
        (8.0, 12, 8),  # 100 / 8 = 12.5 days: day 12 cannot sell a full 8
        (5.0, None, None),  # 100 units last exactly to day 19, then the 500 arrive
        (20.0, 5, 15),
    ],
)
def test_changed_velocity_replaces_the_planning_velocity(velocity, stockout, gap):
    w = sku_projection(_row(), _ships(("S1", 500, 20, "in_transit")), S, velocity=velocity)
    assert (w.stockout_day, w.gap_days) == (stockout, gap)
    assert w.velocity == velocity
    assert w.base.velocity == 10.0


def test_lost_shipment_is_neither_counted_nor_controllable():
    ships = _ships(("S1", 500, 20, "in_transit"), ("LOST", 300, 3, "lost"))
    assert sku_shipments(ships, "SKU-A")["shipment_id"].tolist() == ["S1"]
    assert sku_projection(_row(), ships, S).gap_days == 10
    with pytest.raises(ValueError, match="LOST"):
        sku_projection(_row(), ships, S, to_air={"LOST"})


def test_bad_inputs_raise():
    ships = _ships(("S1", 500, 20, "in_transit"))
    with pytest.raises(ValueError, match="velocity"):
        sku_projection(_row(), ships, S, velocity=-1)
    with pytest.raises(ValueError, match="NOPE"):
        sku_projection(_row(), ships, S, eta_shift_days={"NOPE": 3})


def test_fba_inbound_without_shipment_rows_lands_after_the_setting():
    w = sku_projection(_row(inbound_shipped=200.0), _ships(), S)
    assert [(a.source, a.day, a.quantity) for a in w.arrivals] == [
        (FBA_INBOUND, S.inbound_without_eta_days, 200.0)
    ]
    assert (w.stockout_day, w.gap_days) == (10, 4)


def test_flagged_shipments_are_marked():
    w = sku_projection(_row(), _ships(("S1", 500, 20, "customs_hold")), S)
    assert w.arrivals[0].flagged


def test_series_has_one_row_per_day_from_as_of():
    w = sku_projection(_row(), _ships(("S1", 500, 20, "in_transit")), S, eta_shift_days={"S1": 10})
    frame = w.series()
    assert len(frame) == S.horizon_days
    assert frame["date"].iloc[0] == pd.Timestamp(AS_OF)
    assert frame.loc[20, "base_stock"] == pytest.approx(500.0)
    assert frame.loc[30, "stock"] == pytest.approx(500.0)


@settings(max_examples=60, deadline=None)
@given(
    available=st.floats(0, 500),
    velocity=st.floats(0.1, 30),
    day=st.integers(0, 100),
    qty=st.floats(0, 800),
    shift=st.integers(0, 60),
)
def test_a_later_eta_never_loses_fewer_units(available, velocity, day, qty, shift):
    ships = _ships(("S1", qty, day, "in_transit"))
    row = _row(available=available, velocity=velocity)
    base = sku_projection(row, ships, S)
    later = sku_projection(row, ships, S, eta_shift_days={"S1": shift})
    assert later.lost_units >= base.lost_units - 1e-6
    # units are conserved: what was on hand and arrived is sold or left
    o = later.outcome
    arrived = sum(a.quantity for a in later.arrivals if a.day < S.horizon_days)
    assert o.sold.sum() + (o.stock[-1] - o.sold[-1]) == pytest.approx(available + arrived, rel=1e-9, abs=1e-6)


def test_docstring_examples():
    import doctest

    from inventory_core.model import whatif

    assert doctest.testmod(whatif).failed == 0

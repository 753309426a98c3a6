"""Tests of inventory_core.model.formulas: worked examples, boundary tables, invariants, bad inputs."""

from __future__ import annotations

import ast
import dataclasses
import doctest
import importlib
import math
import pkgutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from exact import accepted_weights, assert_blend_close
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_core.model import formulas as f
from inventory_core.model.formulas import (
    AdBudget,
    acos,
    acos_flag,
    ad_budget,
    air_bridge_quantity,
    alert_level,
    blend_velocity,
    break_even_roas,
    conversion_drop_flag,
    cpc_flag,
    ctr_flag,
    days_of_cover,
    discount_steps,
    gap_class,
    latest_order_date_offset,
    lost_sales_value,
    price_step,
    project_stock,
    project_stock_many,
    reorder_quantity,
    roas,
    safety_stock_statistical,
    seasonal_velocity,
    strategy,
    weeks_of_cover,
    woc_band,
    yoy_growth,
)
from inventory_core.model.formulas.checks import REL_TOL

# Quantities a seller could plausibly have: units, days, ADS (fractional allowed).
units = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)
days = st.floats(min_value=0, max_value=400, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------------------------------------
# module hygiene
# ---------------------------------------------------------------------------------------------


FORMULA_MODULES = [
    importlib.import_module(m.name) for m in pkgutil.iter_modules(f.__path__, f.__name__ + ".")
]


def test_docstring_examples_hold():
    results = [doctest.testmod(m, optionflags=doctest.NORMALIZE_WHITESPACE) for m in FORMULA_MODULES]
    assert sum(r.attempted for r in results) > 20
    assert sum(r.failed for r in results) == 0


def test_formulas_imports_no_streamlit_or_duckdb():
    imported = set()
    for node in (
        n for m in FORMULA_MODULES for n in ast.walk(ast.parse(Path(m.__file__).read_text("utf-8")))
    ):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"streamlit", "duckdb", "pandas"}


def test_every_public_name_is_exported():
    for name in f.__all__:
        assert hasattr(f, name), name


# ---------------------------------------------------------------------------------------------
# weeks of cover
# ---------------------------------------------------------------------------------------------


def test_woc_seed_example_2000_units_1000_sold():
    assert weeks_of_cover(2000, 1000) == 8.0


def test_woc_no_sales_with_stock_is_infinite():
    assert weeks_of_cover(10, 0) == math.inf


def test_woc_no_stock_is_zero_even_without_sales():
    assert weeks_of_cover(0, 0) == 0.0
    assert weeks_of_cover(0, 50) == 0.0


@pytest.mark.parametrize(
    ("woc", "expected"),
    [
        (0.0, "stockout_risk"),
        (2.99, "stockout_risk"),
        (3.0, "healthy"),
        (4.5, "healthy"),
        (6.0, "healthy"),
        (6.01, "overstock"),
        (8.0, "overstock"),
        (51.99, "overstock"),
        (52.0, "aged"),
        (100.0, "aged"),
        (math.inf, "aged"),
    ],
)
def test_woc_band_boundaries(woc, expected):
    assert woc_band(woc) == expected


def test_woc_band_seed_example_8_weeks_is_overstock():
    assert woc_band(weeks_of_cover(2000, 1000)) == "overstock"


def test_woc_band_custom_limits():
    # seed 001: raise the healthy band for seasonal or long-lead products
    assert woc_band(7, overstock_above=10) == "healthy"
    assert woc_band(30, aged_at=26) == "aged"


# ---------------------------------------------------------------------------------------------
# days of cover
# ---------------------------------------------------------------------------------------------


def test_days_of_cover_500_units_at_50_per_day():
    assert days_of_cover(500, 50) == 10.0


def test_days_of_cover_zero_velocity_with_stock_is_infinite():
    assert days_of_cover(1, 0) == math.inf


def test_days_of_cover_zero_stock_is_zero():
    assert days_of_cover(0, 0) == 0.0
    assert days_of_cover(0, 3.5) == 0.0


@given(a=units, b=units, velocity=rates)
def test_days_of_cover_monotone_in_stock(a, b, velocity):
    lo, hi = sorted((a, b))
    assert days_of_cover(lo, velocity) <= days_of_cover(hi, velocity)


# ---------------------------------------------------------------------------------------------
# reorder quantity, safety stock, order date
# ---------------------------------------------------------------------------------------------


def test_reorder_design_example_velocity_10_lead_60_safety_14():
    assert reorder_quantity(10, 60, 14, 300, 200) == 240


def test_reorder_float_noise_does_not_add_a_unit():
    # 2.4 * 100 = 240.00000000000003 in binary floating point
    assert reorder_quantity(2.4, 100, 0, 0, 0) == 240


def test_reorder_rounds_a_real_fraction_up():
    assert reorder_quantity(10.25, 10, 0, 0, 0) == 103


def test_reorder_floored_at_zero_when_well_stocked():
    assert reorder_quantity(10, 60, 14, 5000, 0) == 0


def test_reorder_returns_int():
    assert isinstance(reorder_quantity(1.5, 7, 3, 0, 0), int)


@given(velocity=rates, lead=days, safety=days, on_hand=units, inbound=units)
def test_reorder_never_negative(velocity, lead, safety, on_hand, inbound):
    assert reorder_quantity(velocity, lead, safety, on_hand, inbound) >= 0


@given(velocity=rates, lead=days, safety=days, a=units, b=units, inbound=units)
def test_reorder_non_increasing_in_on_hand(velocity, lead, safety, a, b, inbound):
    lo, hi = sorted((a, b))
    assert reorder_quantity(velocity, lead, safety, hi, inbound) <= reorder_quantity(
        velocity, lead, safety, lo, inbound
    )


def test_safety_stock_textbook_example_sigma_4_lead_49_95pct():
    # z(0.95) = 1.6448536..., sqrt(49) = 7
    assert safety_stock_statistical(4, 49, 0.95) == pytest.approx(1.6448536269514722 * 4 * 7)


def test_safety_stock_half_service_level_is_zero():
    assert safety_stock_statistical(4, 49, 0.5) == 0.0


@pytest.mark.parametrize("level", [0.0, 0.3, 1.0, 1.5, math.nan])
def test_safety_stock_rejects_service_level(level):
    with pytest.raises(ValueError, match="service_level must be in"):
        safety_stock_statistical(4, 49, level)


def test_latest_order_date_90_cover_60_lead_14_safety():
    assert latest_order_date_offset(90, 60, 14) == 16.0


def test_latest_order_date_negative_means_late():
    assert latest_order_date_offset(30, 60) == -30.0


def test_latest_order_date_infinite_cover():
    assert latest_order_date_offset(math.inf, 60, 14) == math.inf


# ---------------------------------------------------------------------------------------------
# stock projection
# ---------------------------------------------------------------------------------------------


def test_projection_500_units_50_per_day_stockout_day_10():
    p = project_stock(500, 50, [], 30)
    assert p.stockout_day == 10
    assert p.gap_days == 20  # never restored: to the horizon end
    assert p.lost_units == 1000.0
    assert p.final_stock == 0.0
    assert p.sold[:10].tolist() == [50.0] * 10


def test_projection_20_units_10_per_day_500_on_day_10():
    p = project_stock(20, 10, [(10, 500)], 30)
    assert p.stockout_day == 2
    assert p.gap_days == 8
    assert p.lost_units == 80.0
    assert p.arrivals_total == 500.0
    assert p.stock[10] == 500.0  # arrival is sellable on its own day
    assert p.final_stock == 500 - 20 * 10


def test_projection_shape_and_readonly():
    p = project_stock(20, 10, [(10, 500)], 30)
    assert p.stock.shape == p.sold.shape == p.unmet.shape == (30,)
    with pytest.raises(ValueError, match="read-only"):
        p.stock[0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.lost_units = 0.0  # type: ignore[misc]


def test_projection_no_stockout_within_horizon():
    p = project_stock(1000, 10, [], 30)
    assert p.stockout_day is None
    assert p.gap_days is None
    assert p.lost_units == 0.0
    assert p.final_stock == 700.0


def test_projection_zero_velocity_never_stocks_out():
    p = project_stock(0, 0, [(3, 10)], 10)
    assert p.stockout_day is None
    assert p.gap_days is None
    assert p.final_stock == 10.0


def test_projection_arrivals_before_day_0_count_on_day_0_after_horizon_ignored():
    p = project_stock(0, 10, [(-3, 100), (30, 999), (45, 1)], 30)
    assert p.stock[0] == 100.0
    assert p.arrivals_total == 100.0
    assert p.stockout_day == 10


def test_projection_partial_day_counts_as_stockout_day():
    p = project_stock(25, 10, [], 5)
    assert p.stockout_day == 2
    assert p.sold.tolist() == [10.0, 10.0, 5.0, 0.0, 0.0]
    assert p.lost_units == 25.0


def test_projection_partial_arrival_does_not_end_the_gap():
    # 5 units on day 4 sell out the same day: still short, gap runs until the big arrival
    p = project_stock(20, 10, [(4, 5), (8, 100)], 20)
    assert p.stockout_day == 2
    assert p.gap_days == 6


def test_projection_fractional_velocity_without_float_noise_stockout():
    # 0.3 - 0.1 - 0.1 leaves 0.09999999999999998: still a full day of 0.1
    p = project_stock(0.3, 0.1, [], 4)
    assert p.stockout_day == 3
    assert p.sold[:3] == pytest.approx([0.1, 0.1, 0.1])


def test_projection_many_matches_examples():
    arr = np.zeros((3, 30))
    arr[1, 10] = 500
    out = project_stock_many([500, 20, 1000], [50, 10, 10], arr, 30)
    assert out["stockout_day"].tolist() == [10, 2, -1]
    assert out["gap_days"].tolist() == [20, 8, -1]
    assert out["lost_units"].tolist() == [1000.0, 80.0, 0.0]
    assert out["final_stock"].tolist() == [0.0, 300.0, 700.0]


@st.composite
def projection_cases(draw):
    horizon = draw(st.integers(min_value=1, max_value=60))
    available = draw(st.floats(min_value=0, max_value=2000, allow_nan=False))
    velocity = draw(
        st.one_of(st.just(0.0), st.floats(min_value=0, max_value=100, allow_nan=False), st.integers(0, 50))
    )
    arrivals = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=-5, max_value=horizon + 5),
                st.floats(min_value=0, max_value=2000, allow_nan=False),
            ),
            max_size=5,
        )
    )
    return float(available), float(velocity), arrivals, horizon


@given(projection_cases())
def test_projection_conserves_units(case):
    available, velocity, arrivals, horizon = case
    p = project_stock(available, velocity, arrivals, horizon)
    # At most 12,000 units over 60 days: each of the ≤ 180 float operations rounds by ≤ 2⁻⁵³ × 12,000
    # ≈ 1.3e-12, so 1e-6 (a millionth of a unit) bounds the accumulated rounding with a wide margin.
    assert p.sold.sum() + p.final_stock == pytest.approx(available + p.arrivals_total, abs=1e-6)
    assert p.lost_units == pytest.approx(p.unmet.sum())
    assert np.all(p.sold >= 0)
    assert np.all(p.unmet >= 0)
    assert np.all(p.stock >= 0)
    assert p.final_stock >= 0
    # each day is either served in full or short by exactly the unmet amount
    served = p.sold + p.unmet
    assert np.allclose(served, velocity, atol=1e-6)


@given(projection_cases())
def test_projection_stockout_iff_unmet_demand(case):
    available, velocity, arrivals, horizon = case
    p = project_stock(available, velocity, arrivals, horizon)
    has_unmet = bool(np.any(p.unmet > 0))
    assert (p.stockout_day is not None) == has_unmet
    assert (p.gap_days is not None) == has_unmet
    if p.stockout_day is not None:
        assert p.unmet[p.stockout_day] > 0
        assert np.all(p.unmet[: p.stockout_day] == 0)
        assert p.gap_days is not None
        assert 1 <= p.gap_days <= horizon - p.stockout_day
        assert np.all(p.unmet[p.stockout_day : p.stockout_day + p.gap_days] > 0)


def _arrival_matrix(arrivals, horizon):
    m = np.zeros(horizon)
    for day, q in arrivals:
        if day < horizon:
            m[max(day, 0)] += q
    return m


def _exact_walk(available, velocity, incoming):
    """The projection of DESIGN.md in exact rational arithmetic: the reference for the float walk."""
    tol = Fraction(REL_TOL) * max(Fraction(1), Fraction(velocity))
    on_hand, rate = Fraction(available), Fraction(velocity)
    lost, stockout, gap = Fraction(0), None, None
    for t, q in enumerate(incoming):
        on_hand += Fraction(q)
        sold = min(on_hand, rate)
        short = rate - sold
        on_hand -= sold
        if short > tol:
            lost += short
            stockout = t if stockout is None else stockout
        elif stockout is not None and gap is None:
            gap = t - stockout
    if stockout is not None and gap is None:
        gap = len(incoming) - stockout
    return stockout, gap, lost, on_hand


# Quantities in eighths of a unit below 2¹⁶: every sum and difference of the walk is a float exactly, so the
# float walk must equal the exact one with no tolerance (and a float ADS like 1.7333 is covered by the
# conservation test above, whose tolerance is argued there).
eighths = st.integers(min_value=0, max_value=2**16).map(lambda n: n / 8)


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(eighths, eighths, st.lists(st.tuples(st.integers(-5, 70), eighths), max_size=5)),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=1, max_value=60),
)
def test_project_stock_many_equals_the_exact_walk(cases, horizon):
    available = np.array([c[0] for c in cases])
    velocity = np.array([c[1] for c in cases])
    matrix = np.vstack([_arrival_matrix(c[2], horizon) for c in cases])
    out = project_stock_many(available, velocity, matrix, horizon)
    for i in range(len(cases)):
        stockout, gap, lost, final = _exact_walk(available[i], velocity[i], matrix[i])
        assert out["stockout_day"][i] == (-1 if stockout is None else stockout)
        assert out["gap_days"][i] == (-1 if gap is None else gap)
        assert Fraction(out["lost_units"][i]) == lost
        assert Fraction(out["final_stock"][i]) == final
        p = project_stock(
            available[i], velocity[i], cases[i][2], horizon
        )  # the one-SKU form of the same walk
        assert (p.stockout_day, p.gap_days, p.lost_units, p.final_stock) == (
            stockout,
            gap,
            float(lost),
            float(final),
        )


def test_project_stock_many_empty():
    out = project_stock_many(np.zeros(0), np.zeros(0), np.zeros((0, 10)), 10)
    assert out["stockout_day"].shape == (0,)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"available": -1, "velocity": 1, "arrivals": [], "horizon_days": 10}, "available must be"),
        ({"available": 1, "velocity": math.nan, "arrivals": [], "horizon_days": 10}, "velocity must be"),
        ({"available": 1, "velocity": 1, "arrivals": [], "horizon_days": 0}, "horizon_days must be"),
        ({"available": 1, "velocity": 1, "arrivals": [(2.5, 10)], "horizon_days": 10}, "arrival day must be"),
        (
            {"available": 1, "velocity": 1, "arrivals": [(2, -10)], "horizon_days": 10},
            "arrival units must be",
        ),
    ],
)
def test_project_stock_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        project_stock(**kwargs)


def test_project_stock_many_rejects_bad_shapes_and_values():
    with pytest.raises(ValueError, match="arrivals must have shape"):
        project_stock_many([1, 2], [1, 1], np.zeros((2, 5)), 10)
    with pytest.raises(ValueError, match="same length"):
        project_stock_many([1, 2], [1], np.zeros((2, 10)), 10)
    with pytest.raises(ValueError, match="velocity must be finite non-negative"):
        project_stock_many([1, 2], [1, -1], np.zeros((2, 10)), 10)


# ---------------------------------------------------------------------------------------------
# gap class, alert level, air bridge, lost sales
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (None, "none"),
        (0, "none"),
        (1, "short"),
        (7, "short"),
        (8, "medium"),
        (30, "medium"),
        (31, "long"),
        (120, "long"),
    ],
)
def test_gap_class_boundaries(gap, expected):
    assert gap_class(gap) == expected


def test_gap_class_projection_example_8_days_is_medium():
    assert gap_class(project_stock(20, 10, [(10, 500)], 30).gap_days) == "medium"


@pytest.mark.parametrize(
    ("cover", "expected"),
    [
        (0, "urgent"),
        (20, "urgent"),
        (21, "reorder"),
        (75, "reorder"),
        (76, "watch"),
        (112.5, "watch"),
        (113, "ok"),
        (math.inf, "ok"),
    ],
)
def test_alert_level_boundaries(cover, expected):
    assert alert_level(cover) == expected


def test_alert_level_seed_002_rising_sales_under_30_days_restock():
    # with the reorder line lowered below 30 days, rising sales still trigger a restock at 28 days
    assert alert_level(28, reorder_days=25, rising_sales=True) == "reorder"
    assert alert_level(28, reorder_days=25, rising_sales=False) == "watch"
    assert alert_level(30, reorder_days=25, rising_sales=True) == "watch"  # strictly under 30


def test_alert_level_watch_can_be_disabled():
    assert alert_level(80, watch_days=75) == "ok"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"urgent_days": 80}, "urgent_days must be ≤ reorder_days"),
        ({"watch_days": 50}, "watch_days must be ≥ reorder_days"),
        ({"reorder_days": -1}, "reorder_days must be"),
    ],
)
def test_alert_level_rejects_inconsistent_thresholds(kwargs, message):
    with pytest.raises(ValueError, match=message):
        alert_level(50, **kwargs)


def test_alert_level_rejects_nan_cover():
    with pytest.raises(ValueError, match="days_of_cover must be"):
        alert_level(math.nan)


def test_air_bridge_velocity_10_stockout_12_sea_40_air_10():
    assert air_bridge_quantity(10, 12, 40, 10) == 280


def test_air_bridge_air_slower_than_stockout_starts_when_air_lands():
    assert air_bridge_quantity(10, 12, 40, 20) == 200


def test_air_bridge_zero_when_no_stockout_or_air_too_slow():
    assert air_bridge_quantity(10, None, 40, 10) == 0
    assert air_bridge_quantity(10, 12, 40, 45) == 0
    assert air_bridge_quantity(10, 12, 12, 5) == 0
    assert air_bridge_quantity(0, 12, 40, 5) == 0


def test_air_bridge_without_sea_shipment_uses_sea_lead_time():
    assert air_bridge_quantity(10, 12, None, 10, sea_lead_time_days=60) == 480


def test_air_bridge_without_sea_shipment_or_lead_time_is_an_error():
    with pytest.raises(ValueError, match="sea_lead_time_days must be given"):
        air_bridge_quantity(10, 12, None, 10)


def test_air_bridge_fractional_ads_rounds_up():
    assert air_bridge_quantity(2.5, 0, 3, 0) == 8


def test_lost_sales_value_velocity_10_gap_8_price_19_99():
    assert lost_sales_value(10, 8, 19.99) == pytest.approx(1599.2)


# ---------------------------------------------------------------------------------------------
# ADS blend and seasonality
# ---------------------------------------------------------------------------------------------


def test_blend_velocity_example_12_and_9_with_missing_candidates():
    got = blend_velocity(
        {"velocity_7": 12, "velocity_30": 9, "seasonal": math.nan},
        {"velocity_7": 0.5, "velocity_14": 0.2, "velocity_30": 0.5, "seasonal": 0.3},
    )
    assert got == pytest.approx(10.5)


def test_blend_velocity_override_wins():
    assert blend_velocity({"velocity_7": 12}, {"velocity_7": 1}, override=3.0) == 3.0
    assert blend_velocity({}, {}, override=0.0) == 0.0


def test_blend_velocity_nan_override_is_ignored():
    assert blend_velocity({"velocity_7": 12}, {"velocity_7": 1}, override=math.nan) == 12


def test_blend_ads_all_missing_is_zero():
    assert blend_velocity({"velocity_7": math.nan}, {"velocity_7": 1}) == 0.0
    assert blend_velocity({}, {"velocity_7": 1}) == 0.0


def test_blend_velocity_zero_weights_fall_back_to_mean():
    assert blend_velocity({"velocity_7": 12, "velocity_30": 8}, {"velocity_7": 0, "ads_90": 1}) == 10.0


def test_blend_ads_equal_candidates_without_weights_stay_exact():
    # found by hypothesis: a plain mean of three equal floats came out one ulp above them
    x = 5462.052755188686
    assert blend_velocity({"velocity_7": x, "velocity_14": x, "velocity_30": x}, {}) == x


@pytest.mark.parametrize(
    ("candidates", "weights", "override", "message"),
    [
        ({"velocity_7": -1}, {"velocity_7": 1}, None, "candidate 'velocity_7' must be"),
        ({"velocity_7": 1}, {"velocity_7": -1}, None, "weight 'velocity_7' must be"),
        ({"velocity_7": 1}, {"velocity_7": 1}, -2.0, "override must be"),
        ({"velocity_7": math.inf}, {"velocity_7": 1}, None, "candidate 'velocity_7' must be"),
    ],
)
def test_blend_velocity_rejects_bad_input(candidates, weights, override, message):
    with pytest.raises(ValueError, match=message):
        blend_velocity(candidates, weights, override)


_names = st.sampled_from(["velocity_7", "velocity_14", "velocity_30", "seasonal"])
_candidate_values = st.one_of(st.just(math.nan), rates)


@given(
    values=st.lists(_candidate_values, min_size=4, max_size=4),
    weights=st.lists(accepted_weights, min_size=4, max_size=4),
)
def test_blend_velocity_is_the_exact_weighted_mean(values, weights):
    names = ["velocity_7", "velocity_14", "velocity_30", "seasonal"]
    got = blend_velocity(dict(zip(names, values, strict=True)), dict(zip(names, weights, strict=True)))
    assert_blend_close(got, values, weights)


@pytest.mark.parametrize("weight", [5e-324, 1e-310, 1e-4, 101.0, -0.1, math.nan, math.inf])
def test_blend_velocity_refuses_weights_no_user_means(weight):
    # 5e-324 gave 0.75 for candidates 1.5 and 0 weighted 5e-324 each (issue 11): a denormal weight sum
    with pytest.raises(ValueError, match=r"weight 'velocity_7' must be 0 or between 0\.001 and 100"):
        blend_velocity(
            {"velocity_7": 1.5, "velocity_30": 0.0},
            {"velocity_7": weight, "velocity_30": 5e-324 if weight == 5e-324 else 1},
        )


@given(
    candidates=st.dictionaries(_names, _candidate_values, min_size=1),
    weights=st.dictionaries(_names, accepted_weights),
    override=rates,
)
def test_blend_velocity_override_always_wins(candidates, weights, override):
    assert blend_velocity(candidates, weights, override) == override


@given(candidates=st.dictionaries(_names, rates, min_size=1), data=st.data())
def test_blend_velocity_weight_one_on_one_candidate_returns_it(candidates, data):
    chosen = data.draw(st.sampled_from(sorted(candidates)))
    weights = {name: (1.0 if name == chosen else 0.0) for name in candidates}
    assert blend_velocity(candidates, weights) == candidates[chosen]


def test_yoy_growth_360_vs_300_is_20_percent():
    assert yoy_growth(360, 300) == pytest.approx(0.2)


def test_yoy_growth_no_base_is_nan():
    assert math.isnan(yoy_growth(100, 0))


def test_seasonal_velocity_900_units_plus_20_percent():
    assert seasonal_velocity(900, 0.2) == pytest.approx(12.0)


def test_seasonal_velocity_nan_growth_means_no_adjustment():
    assert seasonal_velocity(900, math.nan) == pytest.approx(10.0)


def test_seasonal_velocity_custom_period():
    assert seasonal_velocity(300, 0.0, days=30) == pytest.approx(10.0)


def test_seasonal_velocity_rejects_growth_below_minus_one():
    with pytest.raises(ValueError, match="yoy_growth must be"):
        seasonal_velocity(900, -1.5)


# ---------------------------------------------------------------------------------------------
# advertising
# ---------------------------------------------------------------------------------------------


def test_ad_budget_seed_001_example_100_units_cvr_5pct_cpc_2_share_40pct():
    b = ad_budget(100, 0.05, 2.0, 0.4)
    assert isinstance(b, AdBudget)
    assert b.clicks == pytest.approx(2000)
    assert b.budget_all_ads == pytest.approx(4000)
    assert b.budget == pytest.approx(1600)


def test_ad_budget_is_frozen():
    b = ad_budget(100, 0.05, 2.0, 0.4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.budget = 0.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((100, 0.0, 2.0, 0.4), r"cvr must be in \(0, 1\]"),
        ((100, 1.2, 2.0, 0.4), r"cvr must be in \(0, 1\]"),
        ((100, math.nan, 2.0, 0.4), r"cvr must be in \(0, 1\]"),
        ((100, 0.05, 2.0, 1.1), r"ad_order_share must be in \[0, 1\]"),
        ((100, 0.05, 2.0, -0.1), r"ad_order_share must be in \[0, 1\]"),
        ((100, 0.05, -2.0, 0.4), "cpc must be"),
        ((-100, 0.05, 2.0, 0.4), "target_units must be"),
    ],
)
def test_ad_budget_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        ad_budget(*args)


def test_roas_500_sales_200_spend():
    assert roas(500, 200) == 2.5


def test_roas_zero_spend_rules():
    assert math.isnan(roas(0, 0))
    # issue 17 changed this deliberately: ad sales without spend have no return on spend (was inf → "scale")
    assert math.isnan(roas(100, 0))
    assert roas(0, 100) == 0.0


def test_acos_500_sales_200_spend():
    assert acos(500, 200) == pytest.approx(0.4)


def test_acos_zero_sales_rules():
    assert math.isnan(acos(0, 0))
    assert acos(0, 100) == math.inf
    assert acos(100, 0) == 0.0


def test_break_even_roas_price_25_cost_10_fees_5():
    assert break_even_roas(25, 10, 5) == pytest.approx(2.5)


@pytest.mark.parametrize(("price", "cost", "other"), [(25, 25, 0), (25, 20, 10)])
def test_break_even_roas_rejects_non_positive_margin(price, cost, other):
    with pytest.raises(ValueError, match="no ROAS breaks even"):
        break_even_roas(price, cost, other)


def test_break_even_roas_rejects_zero_price():
    with pytest.raises(ValueError, match="price must be"):
        break_even_roas(0, 1)


def test_strategy_seed_001_8_weeks_roas_above_target_pushes_traffic():
    assert strategy(8, 3.0, 2.5) == "push_traffic"


@pytest.mark.parametrize(
    ("woc", "roas_value", "expected"),
    [
        (2.9, 10.0, "protect_stock"),
        (2.9, 0.1, "protect_stock"),
        (3.0, 2.5, "scale"),
        (3.0, 2.4, "optimise"),
        (6.0, 3.0, "scale"),
        (6.0, 1.0, "optimise"),
        (6.1, 2.5, "push_traffic"),
        (6.1, 2.0, "raise_conversion"),
        (51.9, math.inf, "push_traffic"),
        (52.0, 10.0, "aged"),
        (math.inf, 10.0, "aged"),
        # issue 17: no ROAS (no ads, or no spend) is its own strategy, no longer "below target"
        (4.0, math.nan, "no_ad_data"),
        (10.0, math.nan, "no_ad_data"),
        (2.0, math.nan, "protect_stock"),
    ],
)
def test_strategy_matrix_boundaries(woc, roas_value, expected):
    assert strategy(woc, roas_value, 2.5) == expected


def test_strategy_rejects_negative_roas():
    with pytest.raises(ValueError, match="roas must be"):
        strategy(4, -1, 2.5)


# ---------------------------------------------------------------------------------------------
# prices
# ---------------------------------------------------------------------------------------------


def test_price_step_19_99_plus_5_to_10_percent():
    assert price_step(19.99, 0.05, 0.10) == (20.99, 21.99)


def test_price_step_rejects_reversed_range():
    with pytest.raises(ValueError, match="pct_low must be ≤ pct_high"):
        price_step(19.99, 0.10, 0.05)


def test_discount_steps_20_dollars_30_percent_3_steps():
    assert discount_steps(20.0, 0.3, 3) == [14.0, 17.0, 20.0]


def test_discount_steps_19_99_defaults():
    assert discount_steps(19.99) == [13.99, 16.99, 19.99]


def test_discount_steps_two_steps():
    assert discount_steps(20.0, 0.2, 2) == [16.0, 20.0]


@pytest.mark.parametrize("discount", [0.5, 0.6, 0.0, -0.1])
def test_discount_steps_rejects_discount(discount):
    with pytest.raises(ValueError, match=r"first_discount must be in \(0, 0.5\)"):
        discount_steps(20.0, discount)


def test_discount_steps_rejects_single_step():
    with pytest.raises(ValueError, match="steps must be"):
        discount_steps(20.0, 0.3, 1)


@given(
    price=st.floats(min_value=1, max_value=1000),
    d=st.floats(min_value=0.01, max_value=0.49),
    n=st.integers(2, 6),
)
def test_discount_steps_ascend_to_full_price(price, d, n):
    ladder = discount_steps(price, d, n)
    assert len(ladder) == n
    assert ladder == sorted(ladder)
    assert ladder[-1] == round(price, 2)
    assert ladder[0] > price * 0.5 - 0.01


# ---------------------------------------------------------------------------------------------
# weekly KPI flags (seed 002)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("this_week", "last_week", "expected"),
    [
        (0.10, 0.12, True),  # -16.7 %
        (0.105, 0.12, False),  # -12.5 %
        (0.17, 0.20, False),  # exactly -15 %: not more than
        (0.169, 0.20, True),
        (0.30, 0.20, False),  # rising
        (0.0, 0.0, False),  # no base
    ],
)
def test_conversion_drop_flag_seed_002_15_percent(this_week, last_week, expected):
    assert conversion_drop_flag(this_week, last_week) is expected


@pytest.mark.parametrize(
    ("clicks", "impressions", "expected"),
    [(2, 1000, True), (3, 1000, False), (4, 1000, False), (0, 0, False), (0, 10, True)],
)
def test_ctr_flag_seed_002_0_3_percent(clicks, impressions, expected):
    assert ctr_flag(clicks, impressions) is expected


@pytest.mark.parametrize(
    ("cpc", "target", "expected"),
    [(1.30, 0.80, True), (1.20, 0.80, False), (1.0, 0.80, False)],
)
def test_cpc_flag_seed_002_1_5_times_target(cpc, target, expected):
    assert cpc_flag(cpc, target) is expected


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (0.40, 0.25, True),
        (0.375, 0.25, False),
        (0.30, 0.25, False),
        (math.inf, 0.25, True),
        (math.nan, 0.25, False),
    ],
)
def test_acos_flag_seed_002_1_5_times_target(value, target, expected):
    assert acos_flag(value, target) is expected


def test_flags_reject_zero_targets():
    with pytest.raises(ValueError, match="target_cpc must be"):
        cpc_flag(1.0, 0)
    with pytest.raises(ValueError, match="target_acos must be"):
        acos_flag(0.3, 0)


# ---------------------------------------------------------------------------------------------
# input validation shared by the simple formulas
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "args", "message"),
    [
        (weeks_of_cover, (-1, 10), "inventory must be a finite non-negative number"),
        (weeks_of_cover, (10, math.nan), "units_last_4_weeks must be"),
        (days_of_cover, (10, -0.5), "velocity must be"),
        (days_of_cover, (math.inf, 1), "available must be"),
        (reorder_quantity, (10, 60, 14, -1, 0), "on_hand must be"),
        (reorder_quantity, (10, -60, 14, 0, 0), "lead_time_days must be"),
        (safety_stock_statistical, (-1, 10), "sigma_daily must be"),
        (woc_band, (-1,), "woc must be"),
        (woc_band, (math.nan,), "woc must be"),
        (gap_class, (-3,), "gap_days must be"),
        (lost_sales_value, (10, 8, -1), "price must be"),
        (yoy_growth, (-1, 10), "units_last_30 must be"),
        (roas, (-1, 10), "ad_sales must be"),
        (acos, (10, -1), "spend must be"),
        (price_step, (0, 0.05, 0.1), "price must be"),
        (conversion_drop_flag, (-0.1, 0.1), "cvr_this_week must be"),
        (ctr_flag, (1, -10), "impressions must be"),
        (latest_order_date_offset, (math.nan, 10), "days_of_cover must be"),
    ],
)
def test_rejects_bad_input_with_clear_message(func, args, message):
    with pytest.raises(ValueError, match=message):
        func(*args)


def test_woc_band_rejects_unordered_limits():
    with pytest.raises(ValueError, match="band limits must be ordered"):
        woc_band(4, risk_below=7, overstock_above=6)

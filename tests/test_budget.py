"""Ad-budget calculator core (seed 001 back-calculation), supply cap, margin check, notices and chart."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from inventory_core.model.budget import (
    DEFAULT_AD_ORDER_SHARE,
    DEFAULT_CPC,
    DEFAULT_CVR,
    budget_curve,
    calculate,
    defaults,
    defaults_notice,
    margin_check,
    margin_notice,
    supply_cap,
    supply_cap_detail,
    supply_notice,
)
from inventory_core.model.settings import Settings
from inventory_core.views.charts.budget import budget_figure

AS_OF = dt.date(2026, 11, 16)


def test_seed_001_example_100_units_cvr_5_cpc_2_share_40():
    p = calculate(100, 0.05, 2.0, 0.4, days=20)
    assert (p.clicks, p.upper, p.lower) == pytest.approx((2000, 4000, 1600))
    assert (p.upper_per_day, p.lower_per_day) == pytest.approx((200, 80))
    assert not p.capped
    assert p.cap is None


def test_defaults_from_the_row():
    row = {"cvr": 0.12, "cpc": 0.85, "ad_order_share": 0.35, "velocity": 6.2}
    d = defaults(row, Settings())
    assert (d.cvr, d.cpc, d.ad_order_share, d.target_units, d.days, d.defaulted) == (
        0.12,
        0.85,
        0.35,
        186,
        30,
        (),
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"cvr": math.nan, "cpc": math.nan, "ad_order_share": math.nan, "velocity": 5.0},
            ("cvr", "cpc", "ad_order_share"),
        ),
        ({"cvr": 0.0, "cpc": 0.5, "ad_order_share": 0.0, "velocity": 5.0}, ("cvr", "ad_order_share")),
        ({"cvr": 1.5, "cpc": -1.0, "ad_order_share": 0.3, "velocity": 5.0}, ("cvr", "cpc")),
        ({"cvr": 0.1, "cpc": 1.0, "ad_order_share": 0.3}, ("target_units",)),
    ],
)
def test_defaults_fall_back_and_say_which(row, expected):
    d = defaults(row)
    assert d.defaulted == expected
    if "cvr" in expected:
        assert d.cvr == DEFAULT_CVR
    if "cpc" in expected:
        assert d.cpc == DEFAULT_CPC
    if "ad_order_share" in expected:
        assert d.ad_order_share == DEFAULT_AD_ORDER_SHARE


def test_defaults_notice_names_and_values():
    d = defaults({"cvr": math.nan, "cpc": 0.7, "ad_order_share": math.nan, "velocity": 3.0})
    assert defaults_notice(d, "en") == (
        "No usable history for CVR, ad-order share: the calculator starts from CVR 10.0%, ad-order share "
        "50.0%. Replace them with your own figures."
    )
    assert "转化率" in (defaults_notice(d, "zh") or "")
    assert defaults_notice(defaults({"cvr": 0.1, "cpc": 1.0, "ad_order_share": 0.5, "velocity": 1.0})) is None


@pytest.mark.parametrize(
    ("row", "units", "reason"),
    [
        (
            {"available": 85, "velocity": 10.1, "stockout_day": 8, "next_arrival_day": 58},
            85.0,
            "stockout_first",
        ),
        (
            {"available": 85, "velocity": 10.1, "stockout_day": 8, "next_arrival_day": None},
            85.0,
            "stockout_first",
        ),
        (
            {"available": 500, "velocity": 5, "stockout_day": None, "next_arrival_day": 20},
            500.0,
            "until_arrival",
        ),
        (
            {"available": 500, "velocity": 5, "stockout_day": math.nan, "next_arrival_day": math.nan},
            500.0,
            "no_arrival",
        ),
        ({"available": 0, "velocity": 5, "stockout_day": 0, "next_arrival_day": 49}, 0.0, "stockout_first"),
    ],
)
def test_supply_cap(row, units, reason):
    assert supply_cap(row) == units
    assert supply_cap_detail(row).reason == reason


def test_cap_applies_to_the_target():
    p = calculate(215, 0.1, 0.75, 0.3, cap=65)
    assert p.capped
    assert p.capped_units == 65
    assert (p.capped_clicks, p.capped_upper, p.capped_lower) == pytest.approx((650, 487.5, 146.25))
    assert not calculate(60, 0.1, 0.75, 0.3, cap=65).capped


def test_supply_notices():
    row = {"available": 65, "velocity": 7.2, "stockout_day": 9, "next_arrival_day": 40}
    kind, text = supply_notice(supply_cap_detail(row), calculate(215, 0.1, 0.75, 0.3, cap=65), AS_OF, "en")
    assert kind == "warning"
    assert text == (
        "Target 215 units is more than can be sold before the next arrival: 65 available now, sold out by "
        "Nov 25, 2026, before the next arrival. Planned within the cap: 650 clicks, $487.50 upper, "
        "$146.25 expected."
    )
    out = {"available": 0, "velocity": 4, "stockout_day": 0, "next_arrival_day": 49}
    kind, text = supply_notice(supply_cap_detail(out), calculate(100, 0.1, 1, 0.5, cap=0), AS_OF, "zh")
    assert kind == "error"
    assert text.startswith("当前断货；下一批货 49 天后到")
    ok = {"available": 500, "velocity": 5, "next_arrival_day": 20}
    assert supply_notice(supply_cap_detail(ok), calculate(100, 0.1, 1, 0.5, cap=500), AS_OF)[0] == "success"


def test_margin_check_known_answer():
    # 100 units at $29.99 with an $8.90 cost: gross margin 100 × 21.09 = $2,109; $4,000 does not pay off.
    m = margin_check(4000, 100, 29.99, 8.9)
    assert m.known
    assert m.exceeds
    assert m.gross_margin == pytest.approx(2109.0)
    assert m.acos == pytest.approx(4000 / 2999)
    assert m.break_even_acos == pytest.approx(21.09 / 29.99)
    assert not margin_check(1600, 100, 40.0, 10.0).exceeds  # margin 3,000
    unknown = margin_check(1600, 100, 40.0, None)
    assert not unknown.known
    assert not unknown.exceeds
    assert unknown.acos == pytest.approx(0.4)


def test_margin_notices():
    err = calculate(100, 0.05, 2.0, 0.4, price=16.99, unit_cost=4.9)
    kind, text = margin_notice(err, 16.99, 4.9, "en")
    assert kind == "error"
    assert text.startswith(
        "Expected ad spend $1,600.00 is more than these 100 units earn: gross margin $1,209.00 "
        "= 100 × ($16.99 − $4.90)"
    )
    warn = calculate(100, 0.05, 2.0, 0.4, price=40.0, unit_cost=10.0)  # expected 1,600 < 3,000 < 4,000 upper
    kind, text = margin_notice(warn, 40.0, 10.0, "en")
    assert kind == "warning"
    assert "implied ACoS 100.0% vs break-even 75.0%" in text
    ok = calculate(100, 0.1, 1.0, 0.5, price=40.0, unit_cost=10.0)
    assert margin_notice(ok, 40.0, 10.0, "en")[0] == "success"
    assert margin_notice(calculate(100, 0.1, 1.0, 0.5), None, None, "en")[0] == "info"


def test_budget_curve_is_linear():
    curve = budget_curve(200, 0.05, 2.0, 0.4, points=5)
    assert curve["units"].tolist() == [0, 50, 100, 150, 200]
    assert curve["upper"].tolist() == pytest.approx([0, 2000, 4000, 6000, 8000])
    assert curve["lower"].tolist() == pytest.approx([0, 800, 1600, 2400, 3200])


def test_budget_figure_seed_example_with_cap():
    fig = budget_figure(100, 0.05, 2.0, 0.4, cap=65, lang="en", currency="USD")
    assert [tr.name for tr in fig.data] == [
        "Upper (every order from ads)",
        "Expected (× ad-order share)",
        "Target",
    ]
    target = fig.data[2]
    assert list(target.x) == [100, 100]
    assert list(target.y) == pytest.approx([4000, 1600])
    assert list(target.text) == ["$4,000.00", "$1,600.00"]
    assert fig.layout.title.text == "Budget by target units"
    cap_lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert [s.x0 for s in cap_lines] == [65]
    assert fig.data[0].x[-1] == pytest.approx(150)  # 1.5 × the larger of target and cap


def test_budget_figure_chinese_without_cap():
    fig = budget_figure(100, 0.05, 2.0, 0.4, lang="zh", currency="USD")
    assert fig.layout.title.text == "预算随目标销量变化"
    assert fig.layout.yaxis.title.text == "预算（USD）"
    assert not fig.layout.shapes

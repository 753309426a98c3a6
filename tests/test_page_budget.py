"""Ad budget page (AppTest on the demo database): seed 001's example through the page, defaults from the
SKU's history, the supply cap, the margin warning, Chinese, empty database."""

from __future__ import annotations

import json

import pytest
from conftest import run_app

from inventory_core.model.budget import defaults
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store

PAGE = "pages/budget.py"


def _plan(path):
    with Store(path) as store:
        return compute_plan(store)


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _text(elements) -> str:
    return " ".join(e.value for e in elements).replace("\\$", "$")


def _set(at, units, cvr, cpc, share):
    at.number_input(key="budget_units").set_value(units)
    at.number_input(key="budget_cvr").set_value(cvr)
    at.number_input(key="budget_cpc").set_value(cpc)
    at.number_input(key="budget_share").set_value(share)
    at.run()
    assert not at.exception


def test_seed_001_example_through_the_page(demo_db):
    at = run_app(PAGE)
    _set(at, 100, 5.0, 2.0, 40.0)
    m = _metrics(at)
    assert m["Clicks needed"] == "2,000"
    assert m["Upper: every order from ads"] == "$4,000.00"
    assert m["Expected: × ad-order share"] == "$1,600.00"
    assert m["Expected per day over 30 days"] == "$53.33"
    at.number_input(key="budget_days").set_value(20).run()
    assert _metrics(at)["Expected per day over 20 days"] == "$80.00"


def test_inputs_default_to_the_skus_history(demo_db):
    plan = _plan(demo_db)
    row = plan.skus[plan.skus["clicks"] > 0].iloc[0]
    at = run_app(PAGE, query={"sku": row["sku"]})
    assert at.selectbox(key="budget_sku").value == row["sku"]
    d = defaults(row, plan.settings)
    assert (d.cvr, d.cpc, d.ad_order_share) == (row["cvr"], row["cpc"], row["ad_order_share"])
    assert at.number_input(key="budget_cvr").value == pytest.approx(row["cvr"] * 100, abs=0.005)
    assert at.number_input(key="budget_cpc").value == pytest.approx(row["cpc"], abs=0.005)
    assert at.number_input(key="budget_share").value == pytest.approx(row["ad_order_share"] * 100, abs=0.05)
    assert at.number_input(key="budget_units").value == d.target_units
    assert row["sku"] in _text(at.caption)

    # a new SKU re-seeds the inputs and goes to the URL; a hand edit survives other reruns
    other = plan.skus[(plan.skus["sku"] != row["sku"]) & (plan.skus["clicks"] > 0)].iloc[0]
    at.selectbox(key="budget_sku").set_value(other["sku"]).run()
    assert not at.exception
    assert at.query_params["sku"] == other["sku"]
    assert at.number_input(key="budget_cpc").value == pytest.approx(other["cpc"], abs=0.005)
    at.number_input(key="budget_cpc").set_value(3.0).run()
    at.number_input(key="budget_days").set_value(14).run()
    assert at.number_input(key="budget_cpc").value == 3.0
    at.button(key="budget_reset").click().run()
    assert at.number_input(key="budget_cpc").value == pytest.approx(other["cpc"], abs=0.005)


def test_supply_cap_for_a_low_stock_sku(demo_db):
    plan = _plan(demo_db)
    low = (
        plan.skus[(plan.skus["available"] > 0) & (plan.skus["velocity"] * 30 > plan.skus["available"] + 1)]
        .sort_values("available")
        .iloc[0]
    )
    at = run_app(PAGE, query={"sku": low["sku"]})
    warning = _text(at.warning)
    assert f"{int(low['available']):,} available now" in warning
    assert "Planned within the cap" in warning
    # the chart marks the cap
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"]) == 3
    assert [s["x0"] for s in spec["layout"]["shapes"] if s["type"] == "line"] == [low["available"]]


def test_out_of_stock_sku(demo_db):
    plan = _plan(demo_db)
    out = plan.skus[plan.skus["available"] <= 0].iloc[0]
    at = run_app(PAGE, query={"sku": out["sku"]})
    assert "Out of stock" in _text(at.error)


def test_margin_warning_when_spend_exceeds_the_margin(demo_db):
    plan = _plan(demo_db)
    row = plan.skus[
        plan.skus["unit_cost"].notna() & (plan.skus["price"] > 0) & (plan.skus["available"] >= 10)
    ].iloc[0]
    at = run_app(PAGE, query={"sku": row["sku"]})
    _set(at, 100, 1.0, 5.0, 100.0)  # 10,000 clicks × $5 = $50,000 for 100 units
    assert "is more than these 100 units earn" in _text(at.error)
    _set(at, 10, 20.0, 0.1, 10.0)  # $0.50 of ads for 10 units
    assert not at.error
    assert "of the gross margin" in _text(at.success)


def test_chinese(demo_db):
    at = run_app(PAGE, lang="zh")
    _set(at, 100, 5.0, 2.0, 40.0)
    m = _metrics(at)
    assert m["所需点击数"] == "2,000"
    assert m["预算上限（订单全部来自广告）"] == "$4,000.00"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "预算随目标销量变化"


def test_empty_database(empty_db):
    at = run_app(PAGE)
    assert not at.exception
    assert at.info
    assert not at.number_input

"""Issue 14: advice never contradicts itself, over the demo store and the second (volatile) catalogue.

"Order now" (urgent, reorder) appears exactly when there is something to order, urgent exactly when there is
air freight to send; no order-by date without a quantity; the weekly review's counts count quantities.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inventory_core.model.plan import compute_plan
from inventory_core.model.settings import Settings
from inventory_core.store import Store
from inventory_core.views import review


@pytest.fixture(scope="session")
def volatile_db_master(tmp_path_factory) -> Path:
    """The second generated catalogue (volatile demand, late sea waves), built through the real importers."""
    from inventory_core.demo import build_catalog_db

    path = tmp_path_factory.mktemp("volatile") / "volatile.duckdb"
    build_catalog_db(path, "volatile")
    return path


def _assert_consistent(plan) -> None:
    k = plan.skus
    order_now = k["alert"].isin(["urgent", "reorder"])
    has_qty = (k["reorder_qty"] > 0) | (k["air_qty"] > 0)
    bad = k.loc[order_now != has_qty, ["sku", "alert", "reorder_qty", "air_qty"]]
    assert bad.empty, f"order-now alert and quantities disagree on {plan.as_of}:\n{bad}"
    assert ((k["alert"] == "urgent") == (k["air_qty"] > 0)).all()
    assert ((k["alert"] == "reorder") == ((k["reorder_qty"] > 0) & (k["air_qty"] == 0))).all()
    assert k.loc[k["reorder_qty"] == 0, "latest_order_date"].isna().all()  # no order-by date without an order
    assert k.loc[k["reorder_qty"] > 0, "latest_order_date"].notna().all()
    watch = k["alert"] == "watch"
    assert (k.loc[watch, "order_in_days"] < 2 * plan.settings.review_period_days).all()
    counts = review.summary(plan)
    assert counts.need_order == int(has_qty.sum())
    assert counts.need_air == int((k["air_qty"] > 0).sum())


@pytest.mark.parametrize("catalog", ["demo", "volatile"])
def test_no_order_now_without_a_quantity_and_the_reverse(catalog, demo_db_master, volatile_db_master):
    db = demo_db_master if catalog == "demo" else volatile_db_master
    with Store(db, read_only=True) as store:
        for settings in (Settings(), Settings(statistical_safety_stock=True), Settings(review_period_days=0)):
            for as_of in (None, dt.date(2026, 3, 2), dt.date(2026, 8, 17)):
                _assert_consistent(compute_plan(store, as_of, settings))


def test_the_demo_still_has_every_advice(demo_db_master):
    with Store(demo_db_master, read_only=True) as store:
        plan = compute_plan(store)
    assert set(plan.skus["alert"]) == {"urgent", "reorder", "watch", "ok"}
    # the seller's red cells that need no order: the colour is a colour, not an order
    red_no_order = plan.skus[(plan.skus["cover_colour"] == "red") & (plan.skus["alert"] == "ok")]
    assert len(red_no_order) > 0

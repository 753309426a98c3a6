"""Issue 17, property: any rows the importers accept yield a plan without an exception, with one row per SKU
and no infinite money or date past the readable horizon.

Random stock, sales, shipment and settings rows (within and around every bound, negative, zero, blank) go
through the real templates into a real DuckDB store; a file the importer refuses is the one-line refusal and
is skipped. Deterministic (derandomised, no example database) and bounded."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odd_store import AS_OF, TEMPLATE_SALES
from report_files import TEMPLATE_INVENTORY, TEMPLATE_SETTINGS, TEMPLATE_SHIPMENT, load, text_file

from inventory_core.ingest.importer import ImportRefused
from inventory_core.model.plan import compute_plan
from inventory_core.model.plan_checks import DATE_HORIZON_YEARS, QUANTITY_MAX
from inventory_core.store import Store

BUDGET = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SKUS = ("P-A", "P-B", "P-C")
_quantity = st.one_of(
    st.sampled_from(["", 0, -5, 1, QUANTITY_MAX, QUANTITY_MAX + 1, 1e12, -1e12, 0.5]),
    st.floats(-1e4, 1e5, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
)
_days = st.one_of(st.sampled_from(["", 0, -30, 1, 3650, 3651, 1e9]), st.integers(0, 400))
_offset = st.integers(-120, 10)


def _day(k: int) -> str:
    return (AS_OF + dt.timedelta(days=k)).isoformat()


stock_rows = st.lists(st.tuples(st.sampled_from(SKUS), _offset, _quantity, _quantity), max_size=8)
sales_rows = st.lists(
    st.tuples(
        st.sampled_from(SKUS),
        st.integers(-120, -1),
        _quantity,
        st.sampled_from(["", 0, 19.99, 1e8]),
        st.sampled_from(["", 0, 50]),
    ),
    max_size=10,
)
ship_rows = st.lists(
    st.tuples(
        st.sampled_from(SKUS),
        _quantity,
        st.integers(-60, 200),
        st.sampled_from(["in_transit", "delayed", "lost", "received"]),
    ),
    max_size=4,
)
setting_rows = st.lists(
    st.tuples(st.sampled_from(SKUS), _days, _days, _quantity, st.sampled_from(["", 0, 9.99, -1])),
    max_size=3,
    unique_by=lambda r: r[0],
)


def _try(store: Store, data: bytes, name: str) -> None:
    refusal = ""
    try:
        load(store, data, name, snapshot_date=AS_OF)
    except ImportRefused as refused:
        refusal = refused.message("en")
    assert "\n" not in refusal  # a refusal is the one line, never a traceback


@BUDGET
@given(stock=stock_rows, sales=sales_rows, ships=ship_rows, sets=setting_rows)
def test_any_accepted_rows_give_a_plan(stock, sales, ships, sets) -> None:
    with Store(":memory:") as store:
        if stock:
            _try(
                store,
                text_file(TEMPLATE_INVENTORY, [[_day(k), "US", s, "", a, 0, i] for s, k, a, i in stock]),
                "stock.csv",
            )
        if sales:
            _try(
                store,
                text_file(TEMPLATE_SALES, [[_day(k), "US", s, "", u, r, ss] for s, k, u, r, ss in sales]),
                "sales.csv",
            )
        if ships:
            _try(
                store,
                text_file(
                    TEMPLATE_SHIPMENT,
                    [
                        {
                            "shipment_id": f"S{i}",
                            "sku": s,
                            "marketplace": "US",
                            "quantity": q,
                            "mode": "sea",
                            "ship_date": _day(-30),
                            "eta": _day(e),
                            "status": status,
                        }
                        for i, (s, q, e, status) in enumerate(ships)
                    ],
                ),
                "ships.csv",
            )
        if sets:
            _try(
                store,
                text_file(
                    TEMPLATE_SETTINGS,
                    [
                        {
                            "sku": s,
                            "lead_time_days": lead,
                            "safety_days": safety,
                            "ads_override": override,
                            "price": price,
                        }
                        for s, lead, safety, override, price in sets
                    ],
                ),
                "settings.csv",
            )
        if store.is_empty():
            return
        plan = compute_plan(store, AS_OF)
    skus = plan.skus
    assert skus[["marketplace", "sku"]].duplicated().sum() == 0
    assert not np.isinf(pd.to_numeric(skus["lost_sales"], errors="coerce")).any()
    horizon = AS_OF.replace(year=AS_OF.year + DATE_HORIZON_YEARS)
    for col in ("latest_order_date", "stockout_date"):
        assert all(v <= horizon for v in skus[col] if not pd.isna(v))
    # issue 12 (merged): a SKU with no known sales day (a snapshot and no orders) is sales_unknown, not ok
    assert set(skus["alert"]) <= {
        "check_data",
        "stock_unknown",
        "sales_unknown",
        "urgent",
        "reorder",
        "watch",
        "ok",
    }

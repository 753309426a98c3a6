"""``python -m inventory_core plan``: the replenishment plan, one row per SKU, as CSV, JSON or .xlsx."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

import pandas as pd

from inventory_core.metrics import Plan, compute_plan
from inventory_core.settings import SettingsError
from inventory_core.storage import Store, StoreError

# The columns every consumer can rely on (issue "Core metrics": at least these), then the useful rest.
PLAN_COLUMNS = [
    "sku", "asin", "available", "inbound", "ads", "days_of_cover", "woc", "reorder_qty", "alert",
    "stockout_date", "gap_days", "phase", "quadrant",
    "marketplace", "product_name", "ads_7", "ads_14", "ads_30", "ads_seasonal", "ads_source", "days_of_cover_with_inbound",
    "woc_band", "lead_time_days", "safety_days", "latest_order_date", "gap_class", "lost_units", "lost_sales",
    "air_qty", "roas", "target_roas", "spend", "ad_sales", "amazon_recommended_qty", "amazon_alert",
    # what the numbers know (issue 12): the day each SKU's stock and sales stand on, and how old they are
    "stock_date", "stock_age_days", "stock_estimated", "last_sales_day", "sales_age_days", "sales_stale",
    # Amazon's limits and fees (issue 16; inventory_core.fba_limits)
    "low_inventory_fee_date", "aged_surcharge_units", "capacity_cut_units", "aged_cut_units",
    "reorder_qty_before_limits", "storage_type", "unit_volume",
]


def plan_frame(plan: Plan) -> pd.DataFrame:
    frame = plan.skus.rename(columns={"strategy": "quadrant"})
    out = frame[PLAN_COLUMNS].copy()
    for col in ("stockout_date", "latest_order_date", "stock_date", "last_sales_day", "low_inventory_fee_date"):
        out[col] = pd.to_datetime(out[col]).dt.date
    return out.sort_values(["alert", "days_of_cover"], key=_alert_order).reset_index(drop=True)


def _alert_order(col: pd.Series) -> pd.Series:
    if col.name == "alert":
        return col.map({"urgent": 0, "reorder": 1, "watch": 2, "ok": 3, "stock_unknown": 4, "sales_unknown": 5})
    return col


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NaT:  # no date (no stockout, no fee date): null, not "NaT"
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf"
        return round(value, 4)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return value


def run_plan(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "en"
    try:
        with Store(args.db, read_only=True) as store:  # beside a running app, or another reader
            if store.is_empty():
                raise StoreError("empty", path=store.path)
            plan = compute_plan(store, args.as_of)
    except StoreError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    except SettingsError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    frame = plan_frame(plan)
    if args.format == "xlsx":
        if args.out is None:
            print("plan --format xlsx needs --out FILE", file=sys.stderr)
            return 2
        from inventory_core.export import plan_to_xlsx

        args.out.write_bytes(plan_to_xlsx(frame, getattr(args, "lang", None) or "en"))
        return 0
    if args.format == "json":
        records = [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        text = json.dumps({"as_of": plan.as_of.isoformat(), "skus": records}, ensure_ascii=False, indent=1)
    else:
        text = frame.to_csv(index=False, float_format="%.4g")
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0

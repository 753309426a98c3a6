"""``python -m inventory_core plan``: the replenishment plan, one row per SKU, as CSV, JSON or .xlsx."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from inventory_core.i18n import t
from inventory_core.model.plan import compute_plan
from inventory_core.model.plan_checks import plan_notes
from inventory_core.model.plan_type import Plan
from inventory_core.model.settings import SettingsError
from inventory_core.store import Store, StoreError
from inventory_core.views.export import write_table
from inventory_core.views.restock import ALERT_ORDER

# The columns every consumer can rely on (issue "Core metrics": at least these), then the useful rest.
PLAN_COLUMNS = [
    "sku",
    "asin",
    "available",
    "inbound",
    "velocity",
    "days_of_cover",
    "woc",
    "reorder_qty",
    "alert",
    "stockout_date",
    "gap_days",
    "phase",
    "quadrant",
    "marketplace",
    "product_name",
    "velocity_7",
    "velocity_14",
    "velocity_30",
    "velocity_seasonal",
    "velocity_source",
    "days_of_cover_with_inbound",
    "woc_band",
    "lead_time_days",
    "safety_days",
    "latest_order_date",
    "gap_class",
    "lost_units",
    "lost_sales",
    "air_qty",
    "roas",
    "target_roas",
    "spend",
    "ad_sales",
    "amazon_recommended_qty",
    "amazon_alert",
    # issue 17: the SKU's lifecycle and any impossible input (with its file); ``plan_note`` says why
    "lifecycle",
    "data_issue",
    "data_issue_file",
    # what the numbers know (issue 12): the day each SKU's stock and sales stand on, and how old they are
    "stock_date",
    "stock_age_days",
    "stock_estimated",
    "last_sales_day",
    "sales_age_days",
    "sales_stale",
    # Amazon's limits and fees (issue 16; inventory_core.model.fba_limits)
    "low_inventory_fee_date",
    "aged_surcharge_units",
    "capacity_cut_units",
    "aged_cut_units",
    "reorder_qty_before_limits",
    "storage_type",
    "unit_volume",
]


def plan_frame(plan: Plan, lang: str = "en") -> pd.DataFrame:
    frame = plan.skus.rename(columns={"strategy": "quadrant"})
    out = frame[[c for c in PLAN_COLUMNS if c in frame.columns]].copy()
    out["plan_note"] = plan_notes(frame, lang)
    for col in (
        "stockout_date",
        "latest_order_date",
        "stock_date",
        "last_sales_day",
        "low_inventory_fee_date",
    ):
        out[col] = pd.to_datetime(out[col]).dt.date
    return out.sort_values(["alert", "days_of_cover"], key=_alert_order).reset_index(drop=True)


def _alert_order(col: pd.Series) -> pd.Series:
    if col.name == "alert":
        # The sheet's order (restock.ALERT_ORDER): rows to look at first (check the data, unknown stock or
        # sales), then urgent, reorder, watch, ok.
        return col.map({level: i for i, level in enumerate(ALERT_ORDER)})
    return col


def run_plan(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", None) or "en"
    try:
        with Store(args.db, read_only=True) as store:  # beside a running app, or another reader
            if store.is_empty():
                raise StoreError("empty", path=store.path)
            first = store.first_data_date()
            if args.as_of is not None and first is not None and args.as_of < first:
                # Nothing is known on or before that day: an empty plan would read as "nothing to do".
                print(
                    t("plan.cli.nothing_on_day", lang, db=store.path, day=args.as_of, first=first),
                    file=sys.stderr,
                )
                return 2
            plan = compute_plan(store, args.as_of)
    except StoreError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    except SettingsError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    if args.format == "xlsx" and args.out is None:
        print("plan --format xlsx needs --out FILE", file=sys.stderr)
        return 2
    frame = plan_frame(plan, lang)
    data = write_table(
        frame, args.format, lang, columns=list(frame.columns), raw=True, meta={"as_of": plan.as_of}
    )
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
    return 0

"""The restock sheet (seed 000 补货库存预警表) built from ``Plan.skus``, and per-SKU settings edits.

The page shows one row per SKU with the ADS candidates side by side, cover, WOC, the reorder quantity and
the latest order date. The days-of-cover cells carry the seller's sheet colours (red ≤ 75 days, yellow ≤ 20
days); the alert column says what to do, from the quantities (``inventory_core.model.formulas.advice_many``).
The settings columns are edited in place; :func:`edits` and :func:`settings_rows` turn an edited copy of
the sheet into full ``sku_settings`` rows for :meth:`Store.save_sku_settings` (an import of its own, so an
edit can be undone).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from inventory_core.i18n import t
from inventory_core.store.schema import SKU_SETTINGS_COLUMNS
from inventory_core.values import is_missing
from inventory_core.views.charts.palette import COVER_FILL

__all__ = [
    "ALERT_BADGE",
    "ALERT_ORDER",
    "EDITABLE_COLUMNS",
    "SHEET_COLUMNS",
    "alert_counts",
    "column_label",
    "cover_fills",
    "edits",
    "restock_sheet",
    "settings_rows",
]

# Rows to look at before any order come first: "check_data" (impossible inputs, issue 17: not planned, to be
# fixed), then the SKUs whose stock or sales the store does not know (issue 12: figures blank); then the
# advice levels (issue 14).
ALERT_ORDER: tuple[str, ...] = (
    "check_data",
    "stock_unknown",
    "sales_unknown",
    "urgent",
    "reorder",
    "watch",
    "ok",
)
# The alert's colour as a Material icon in Streamlit Markdown (metric labels): no emoji, which a server
# without an emoji font draws as empty boxes.
ALERT_BADGE: dict[str, str] = {
    "check_data": ":orange[:material/warning:]",
    "stock_unknown": ":gray[:material/help:]",
    "sales_unknown": ":gray[:material/help:]",
    "urgent": ":yellow[:material/error:]",
    "reorder": ":red[:material/shopping_cart:]",
    "watch": ":violet[:material/visibility:]",
    "ok": ":green[:material/check_circle:]",
}

# The per-SKU settings an operator edits in the sheet (all of ``sku_settings`` except the key and price).
EDITABLE_COLUMNS: tuple[str, ...] = (
    "lead_time_days",
    "air_lead_time_days",
    "safety_days",
    "ads_override",
    "unit_cost",
    "target_roas",
    "is_core",
    "note",
)

# Sheet order: identity, alert, stock, the ADS candidates → planning ADS, cover, then what to do.
SHEET_COLUMNS: tuple[str, ...] = (
    "marketplace",
    "sku",
    "product_name",
    "alert",
    "stock_age_days",
    "sales_age_days",  # how old the stock and sales the figures stand on are (issue 12)
    "available",
    "inbound",
    "velocity_7",
    "velocity_14",
    "velocity_30",
    "velocity_seasonal",
    "velocity_blend",
    "ads_override",
    "velocity",
    "days_of_cover",
    "days_of_cover_with_inbound",
    "woc",
    "lead_time_days",
    "air_lead_time_days",
    "safety_days",
    "safety_stock",
    "reorder_qty",
    "latest_order_date",
    "stockout_date",
    "air_qty",
    # Amazon's limits and fees (fba_limits): the need before them, the fee date, the aged band, capacity
    "reorder_qty_before_limits",
    "low_inventory_fee_date",
    "aged_surcharge_units",
    "aged_cut_units",
    "capacity_cut_units",
    "storage_type",
    "amazon_recommended_qty",
    "unit_cost",
    "target_roas",
    "is_core",
    "note",
    "plan_note",
)

_SETTINGS_NAMES: tuple[str, ...] = tuple(c.name for c in SKU_SETTINGS_COLUMNS)


def column_label(column: str, lang: str = "en") -> str:
    """The sheet header of ``column`` (``"days_of_cover"`` → ``"可售天数"``)."""
    return t(f"replenishment.col.{column}", lang)


def restock_sheet(skus: pd.DataFrame, alerts: Iterable[str] | None = None, lang: str = "en") -> pd.DataFrame:
    """The restock sheet: ``Plan.skus`` reduced to :data:`SHEET_COLUMNS`, most urgent first.

    Rows are ordered by alert level (check the data, stock unknown, sales unknown, urgent, reorder, watch,
    ok), then by days of cover. ``alerts`` keeps only those levels (``None`` keeps all). The marketplace
    column is dropped when there is only one marketplace. ``plan_note`` says, in ``lang``, why a figure is
    blank or estimated. ``cover_colour`` rides along (last, not a sheet column) for :func:`cover_fills`. The
    index is reset (0..n−1): the editor reports edits by row position.
    """
    from inventory_core.model.plan_checks import plan_notes

    frame = skus
    if alerts is not None:
        frame = frame[frame["alert"].isin(list(alerts))]
    frame = frame.assign(plan_note=plan_notes(frame, lang))
    cols = [c for c in SHEET_COLUMNS if c in frame.columns]
    if "marketplace" in cols and frame["marketplace"].nunique() <= 1:
        cols.remove("marketplace")
    if "cover_colour" in frame.columns:  # not shown: it colours the days-of-cover cells (:func:`cover_fills`)
        cols.append("cover_colour")
    out = frame[cols].copy()
    rank = out["alert"].map({a: i for i, a in enumerate(ALERT_ORDER)}).fillna(len(ALERT_ORDER))
    out = out.assign(_rank=rank).sort_values(["_rank", "days_of_cover", "sku"], kind="stable")
    return out.drop(columns="_rank").reset_index(drop=True)


def alert_counts(frame: pd.DataFrame) -> dict[str, int]:
    """SKUs per alert level, every level present (``{"urgent": 6, "reorder": 17, ...}``)."""
    counts = frame["alert"].value_counts() if "alert" in frame.columns else pd.Series(dtype=int)
    return {a: int(counts.get(a, 0)) for a in ALERT_ORDER}


def cover_fills(frame: pd.DataFrame) -> list[str]:
    """The fill of each row's days-of-cover cell: the seller's red/yellow (``palette.COVER_FILL``) or
    ``""``."""
    colours = frame["cover_colour"] if "cover_colour" in frame.columns else pd.Series("", index=frame.index)
    return [COVER_FILL.get(str(c), "") for c in colours]


def _py(value: Any) -> Any:
    """A numpy scalar as the plain Python value (``np.float64(45.0)`` → ``45.0``)."""
    return value.item() if hasattr(value, "item") else value


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) and is_missing(b):
        return True
    if is_missing(a) or is_missing(b):
        return False
    if isinstance(a, bool | str) or isinstance(b, bool | str):
        return bool(a == b)
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return bool(a == b)


def edits(
    before: pd.DataFrame, after: pd.DataFrame, columns: Sequence[str] = EDITABLE_COLUMNS
) -> dict[str, dict[str, Any]]:
    """Cells of ``columns`` that differ between the sheet and its edited copy, per SKU.

    Both frames have the same rows in the same order (an editor never adds or removes rows here).
    NaN equals NaN; numbers are compared with a tolerance so a round trip through the browser is no edit.

    >>> b = pd.DataFrame({"sku": ["A", "B"], "lead_time_days": [60.0, 70.0]})
    >>> a = b.assign(lead_time_days=[45.0, 70.0])
    >>> edits(b, a, ["lead_time_days"])
    {'A': {'lead_time_days': 45.0}}
    """
    if len(before) != len(after):
        raise ValueError("the edited sheet must have the same rows as the sheet.")
    out: dict[str, dict[str, Any]] = {}
    cols = [c for c in columns if c in before.columns and c in after.columns]
    skus = before["sku"].astype(str).to_numpy()
    for col in cols:
        old_values = before[col].to_numpy(dtype=object)
        new_values = after[col].to_numpy(dtype=object)
        # Vectorised first pass: only cells that are not plainly identical get the careful comparison
        # (a full sheet of a large catalogue has tens of thousands of cells; edits are a handful).
        candidates = np.flatnonzero(old_values != new_values)
        for pos in candidates:
            old, new = old_values[pos], new_values[pos]
            if not _same(old, new):
                out.setdefault(skus[pos], {})[col] = None if is_missing(new) else _py(new)
    return dict(sorted(out.items(), key=lambda kv: list(skus).index(kv[0])))


def _clean(column: str, value: Any) -> Any:
    """A cell as the ``sku_settings`` column type wants it (None for empty)."""
    if is_missing(value):
        return None
    if column == "sku":
        return str(value)
    if column == "note":
        text = str(value).strip()
        return text or None
    if column == "is_core":
        return bool(value)
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{column} must be a finite number ≥ 0, got {value!r}.")
    return number


def settings_rows(current: pd.DataFrame, changes: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Full ``sku_settings`` rows for the edited SKUs: their current values with the edits merged in.

    ``current`` is :meth:`Store.sku_settings_df`; a SKU without a settings row starts from empty values
    (the plan then uses the defaults for whatever stays empty). Only :data:`EDITABLE_COLUMNS` may change.
    An edit import replaces the SKU's whole settings row, hence the full rows.

    >>> cur = pd.DataFrame({"sku": ["A"], "lead_time_days": [60.0], "safety_days": [14.0]})
    >>> rows = settings_rows(cur, {"A": {"lead_time_days": 45}})
    >>> rows.loc[0, ["lead_time_days", "safety_days"]].tolist()
    [45.0, 14.0]
    """
    by_sku = current.set_index("sku") if not current.empty else pd.DataFrame(columns=list(_SETTINGS_NAMES))
    records = []
    for sku, cells in changes.items():
        unknown = set(cells) - set(EDITABLE_COLUMNS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        base = by_sku.loc[sku] if sku in by_sku.index else pd.Series(dtype=object)
        if isinstance(base, pd.DataFrame):  # duplicate keys cannot happen in the table; be safe
            base = base.iloc[-1]
        record = {"sku": str(sku)}
        for col in _SETTINGS_NAMES[1:]:
            value = cells[col] if col in cells else base.get(col)
            record[col] = _clean(col, value)
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(_SETTINGS_NAMES))
    for col in _SETTINGS_NAMES:
        if col in ("sku", "note"):
            frame[col] = frame[col].astype(object)
        elif col == "is_core":
            frame[col] = frame[col].astype("boolean")
        else:
            frame[col] = frame[col].astype(float)
    return frame

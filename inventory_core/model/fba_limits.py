"""Amazon's own limits and fees in the plan: the low-inventory-level fee date, the aged-inventory surcharge
band, and FBA capacity per storage type.

Applied after the core plan (:func:`apply`, called once near the end of
:func:`inventory_core.model.plan.compute_plan`): it takes ``Plan.skus`` and the projection's arrivals and adds

* ``low_inventory_fee_date`` — the first projected day the SKU's supply is under the low-inventory
  threshold (days of its ADS), unless it is exempt (``low_inventory_exempt``);
* ``aged_surcharge_units`` — units of the stock on hand when the order arrives that its ADS will not sell
  before they reach the first aged-surcharge band; the order is cut to what the band allows
  (``aged_cut_units``) unless the SKU's ``aged_override`` is set;
* ``capacity_cut_units`` — what the capacity left per marketplace and storage type cannot take: orders are
  served in priority order (stockout risk first, then unit margin) and the rest is cut.

``reorder_qty`` becomes the quantity after both cuts; ``reorder_qty_before_limits`` keeps the need. The
rules, their numbers and their sources are in the README ("Amazon's limits and fees"). Array code only:
the fee date is one comparison over the projection's days, the capacity split a sort and a cumulative sum
per storage type.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.fba_rules import (  # the rule texts, read apart from the settings
    APPAREL_TYPES,
    DEFAULT_STORAGE_TYPE,
    RULE_FIELDS,
    STORAGE_TYPES,
    CapacityLimit,
    RuleError,
    parse_capacity_limits,
    parse_marketplace_rules,
)
from inventory_core.model.settings import Settings
from inventory_core.store.fields import storage_types

__all__ = [
    "APPAREL_TYPES",
    "RULE_FIELDS",
    "STORAGE_TYPES",
    "CapacityLimit",
    "RuleError",
    "aged_order_cap",
    "apply",
    "capacity_table",
    "low_inventory_fee_day",
    "parse_capacity_limits",
    "parse_marketplace_rules",
    "split_capacity",
]

_ALERT_RISK = {"urgent": 0, "reorder": 1, "watch": 2, "ok": 3}


def rule_arrays(marketplaces: pd.Series, settings: Settings) -> dict[str, NDArray[np.float64]]:
    """Each rule per row: the setting, or its marketplace's value from ``marketplace_rules``."""
    overrides = parse_marketplace_rules(settings.marketplace_rules)
    codes = marketplaces.astype(str).str.upper() if overrides else marketplaces
    out: dict[str, NDArray[np.float64]] = {}
    for name in RULE_FIELDS:
        per_market = {m: r[name] for m, r in overrides.items() if name in r}
        default = float(getattr(settings, name))
        if not per_market:
            out[name] = np.full(len(codes), default)
            continue
        out[name] = codes.map(per_market).astype(float).fillna(default).to_numpy(dtype=np.float64)
    return out


# --- the three rules as array functions ----------------------------------------------------------------


def low_inventory_fee_day(
    available: ArrayLike,
    velocity: ArrayLike,
    arrivals: ArrayLike,
    threshold_days: ArrayLike,
    min_units_7d: ArrayLike,
) -> NDArray[np.int64]:
    """First projected day on which supply is under ``threshold_days`` × ADS (−1: none in the horizon).

    Supply on day t = available + arrivals up to and including day t − ADS × t, the projection's walk
    before its first stockout (the threshold is crossed on or before that day, so the floor at zero never
    matters). A SKU selling fewer than ``min_units_7d`` units a week (ADS × 7), without sales, or with a
    threshold of 0 is exempt (−1). Amazon's fee looks back (its historical days of supply over 30 and 90
    days must both be under the threshold); this looks forward and so warns on the first day it can start.

    Examples
    --------
    500 units at 10 a day, threshold 28 days (280 units): day 22 has 280 left, day 23 has 270 → 23. With
    300 units arriving on day 10 the supply stays above 280 until day 53 (800 − 530 = 270):

    >>> arr = np.zeros((2, 120)); arr[1, 10] = 300
    >>> low_inventory_fee_day([500, 500], [10, 10], arr, 28, 20).tolist()
    [23, 53]
    """
    avail = np.asarray(available, dtype=np.float64)
    rate = np.asarray(velocity, dtype=np.float64)
    incoming = np.asarray(arrivals, dtype=np.float64)
    horizon = incoming.shape[1]
    thr = np.broadcast_to(np.asarray(threshold_days, dtype=np.float64), avail.shape)
    floor = np.broadcast_to(np.asarray(min_units_7d, dtype=np.float64), avail.shape)
    supply = avail[:, None] + np.cumsum(incoming, axis=1) - rate[:, None] * np.arange(horizon)[None, :]
    below = supply < (thr * rate)[:, None] - 1e-9
    day = np.where(below.any(axis=1), below.argmax(axis=1), -1)
    applies = (rate > 0) & (thr > 0) & (rate * 7 >= floor - 1e-9) & np.isfinite(avail)
    return np.where(applies, day, -1).astype(np.int64)


def aged_order_cap(
    stock_at_arrival: ArrayLike, velocity: ArrayLike, band_days: ArrayLike
) -> NDArray[np.float64]:
    """Most units an order may bring so that nothing on hand at its arrival ages past the first surcharge
    band: ADS × band days − stock at arrival, floored at 0 and rounded down.

    Stock sells first in, first out; what ADS × band days cannot sell after the arrival is still there
    when the newest units reach the band's age.

    >>> aged_order_cap([100, 2000], [10, 10], [181, 181]).tolist()
    [1710.0, 0.0]
    """
    stock = np.asarray(stock_at_arrival, dtype=np.float64)
    room = np.asarray(velocity, dtype=np.float64) * np.asarray(band_days, dtype=np.float64) - stock
    return np.floor(np.maximum(0.0, np.round(room, 6)))


def split_capacity(
    group: ArrayLike,
    order_units: ArrayLike,
    size: ArrayLike,
    left: ArrayLike,
    risk: ArrayLike,
    margin: ArrayLike,
    cover: ArrayLike,
    sku: ArrayLike,
) -> NDArray[np.float64]:
    """Units cut from each order so that each group's orders fit the capacity left (FBA capacity limits).

    Orders are served in priority order inside their group (marketplace and storage type): stockout risk
    first (``risk``: 0 urgent … 3 ok), then unit margin (highest first; unknown last), then days of cover
    (lowest first), then SKU. Each takes whole units of ``size`` (cubic feet or 1 per unit) while the
    capacity ``left`` of its group lasts; what does not fit is cut. A sort and a cumulative sum per group.

    Parameters
    ----------
    group : array_like of str
        The group of each order; ``left`` is that group's capacity left (the same for every row of it).
    order_units, size : array_like
        Units ordered and the capacity one unit takes (> 0).

    Examples
    --------
    50 cubic feet left; B (urgent, 60 units × 0.5 = 30 ft³) fits whole, C (reorder, 40 × 1 = 40 ft³) gets
    the 20 ft³ left (20 units, 20 cut), A (ok, 20 × 0.5) gets nothing (20 cut):

    >>> split_capacity(["US/standard"] * 3, [20, 60, 40], [0.5, 0.5, 1.0], [50] * 3, [3, 0, 1],
    ...                [5.0, 5.0, 5.0], [40, 10, 20], ["A", "B", "C"]).tolist()
    [20.0, 0.0, 20.0]
    """
    frame = pd.DataFrame(
        {
            "group": np.asarray(group, dtype=object),
            "order": np.asarray(order_units, dtype=np.float64),
            "size": np.asarray(size, dtype=np.float64),
            "left": np.asarray(left, dtype=np.float64),
            "risk": np.asarray(risk, dtype=np.float64),
            "margin": np.asarray(margin, dtype=np.float64),
            "cover": np.asarray(cover, dtype=np.float64),
            "sku": np.asarray(sku, dtype=object),
        }
    )
    if frame.empty:
        return np.zeros(0)
    frame["neg_margin"] = -frame["margin"]
    ordered = frame.sort_values(
        ["group", "risk", "neg_margin", "cover", "sku"], na_position="last", kind="stable"
    )
    volume = ordered["order"] * ordered["size"]
    before = volume.groupby(ordered["group"], sort=False).cumsum() - volume
    fits = np.clip(ordered["left"] - before, 0.0, volume)
    units = np.floor(np.round(fits / ordered["size"], 6))
    cut = (ordered["order"] - units).reindex(frame.index)
    return cut.to_numpy(dtype=np.float64)


# --- the plan step ----------------------------------------------------------------------------------------


def _num(frame: pd.DataFrame, column: str, default: float = math.nan) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(default, index=frame.index, dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _count(values: NDArray[np.float64]) -> NDArray[Any]:
    """Whole units as int when every value is known, else float with NaN (unknown is not zero)."""
    return values.astype(np.int64) if np.isfinite(values).all() else values


def _limits_frame(settings: Settings) -> pd.DataFrame:
    limits = parse_capacity_limits(settings.capacity_limits)
    return pd.DataFrame(
        [(c.marketplace, c.storage_type, c.limit, c.unit) for c in limits],
        columns=["marketplace", "storage_type", "capacity_limit", "capacity_unit"],
    )


def held_units(frame: pd.DataFrame) -> pd.Series:
    """Units counted against capacity: on hand (available, reserved, unfulfillable) and inbound."""
    return sum(
        (_num(frame, c).fillna(0.0) for c in ("reserved", "unsellable", "inbound")), _num(frame, "available")
    )


def apply(
    frame: pd.DataFrame, settings: Settings, arrivals: NDArray[np.float64], as_of: dt.date
) -> pd.DataFrame:
    """``Plan.skus`` with Amazon's limits and fees applied (see the module docstring for the columns).

    ``arrivals`` is the projection's ``(n, horizon)`` array of units becoming sellable per day, rows in the
    order of ``frame``.
    """
    out = frame.copy()
    rules = rule_arrays(out["marketplace"], settings)
    kind = storage_types(out["storage_type"] if "storage_type" in out.columns else [None] * len(out))
    out["storage_type"] = kind.fillna(DEFAULT_STORAGE_TYPE).to_numpy()
    volume = _num(out, "unit_volume")
    out["unit_volume"] = volume.where(volume > 0).to_numpy()
    velocity = _num(out, "velocity").fillna(0.0).to_numpy()
    available = _num(out, "available").to_numpy()

    # --- low-inventory-level fee ------------------------------------------------------------------------
    day = low_inventory_fee_day(
        np.nan_to_num(available, nan=0.0),
        velocity,
        arrivals,
        rules["low_inventory_days"],
        rules["low_inventory_min_units_7d"],
    )
    day = np.where(np.isfinite(available), day, -1)
    out["low_inventory_threshold_days"] = rules["low_inventory_days"]
    out["low_inventory_exempt"] = (rules["low_inventory_days"] <= 0) | (
        velocity * 7 < rules["low_inventory_min_units_7d"]
    )
    fee_day = np.where(day >= 0, day, np.nan)
    out["low_inventory_fee_day"] = fee_day
    out["low_inventory_fee_date"] = (pd.Timestamp(as_of) + pd.to_timedelta(fee_day, unit="D")).date
    out["low_inventory_fee_date"] = out["low_inventory_fee_date"].where(np.isfinite(fee_day), pd.NaT)

    # --- aged-inventory surcharge: what the order may bring ------------------------------------------------
    apparel = out["storage_type"].isin(list(APPAREL_TYPES)).to_numpy()
    band = np.where(apparel, rules["aged_surcharge_days_apparel"], rules["aged_surcharge_days"])
    out["aged_band_days"] = band
    lead = _num(out, "lead_time_days").fillna(settings.default_lead_time_days).to_numpy()
    on_hand = available + _num(out, "inbound").fillna(0.0).to_numpy()
    at_arrival = np.maximum(0.0, on_hand - velocity * lead)
    need = _num(out, "reorder_qty").to_numpy()
    cap = aged_order_cap(at_arrival, velocity, band)
    override = out["aged_override"].fillna(False).astype(bool).to_numpy() if "aged_override" in out else False
    after_aged = np.where(override | ~np.isfinite(need), need, np.minimum(need, cap))
    out["aged_cut_units"] = _count(np.where(np.isfinite(need), need - after_aged, np.nan))

    # --- capacity per marketplace and storage type ---------------------------------------------------------
    limits = _limits_frame(settings)
    keyed = out[["marketplace", "storage_type"]].merge(limits, on=["marketplace", "storage_type"], how="left")
    per_unit = np.where(
        keyed["capacity_unit"].to_numpy() == "units", 1.0, out["unit_volume"].to_numpy(dtype=float)
    )
    out["capacity_limit"] = keyed["capacity_limit"].to_numpy()
    out["capacity_unit"] = keyed["capacity_unit"].fillna("cuft").to_numpy()
    out["capacity_size"] = per_unit
    held = held_units(out).to_numpy() * per_unit
    out["capacity_held"] = held
    group = (out["marketplace"].astype(str) + "/" + out["storage_type"].astype(str)).to_numpy()
    limited = keyed["capacity_limit"].notna().to_numpy()
    used = pd.Series(np.nan_to_num(held, nan=0.0)).groupby(group).transform("sum").to_numpy()
    left = np.maximum(0.0, keyed["capacity_limit"].to_numpy(dtype=float) - used)
    known = np.isfinite(per_unit) & (per_unit > 0)
    takes = limited & known & np.isfinite(after_aged) & (after_aged > 0)
    cut = np.zeros(len(out))
    if takes.any():
        price, cost = _num(out, "price"), _num(out, "unit_cost")
        risk = out["alert"].map(_ALERT_RISK).fillna(len(_ALERT_RISK)).to_numpy(dtype=float)
        cut[takes] = split_capacity(
            group[takes],
            after_aged[takes],
            per_unit[takes],
            left[takes],
            risk[takes],
            (price - cost).to_numpy()[takes],
            _num(out, "days_of_cover_with_inbound").to_numpy()[takes],
            out["sku"].astype(str).to_numpy()[takes],
        )
    # An order in a limited group whose unit volume is unknown cannot be placed: its cut is unknown.
    unknown = limited & ~known & np.isfinite(after_aged) & (after_aged > 0)
    cut = np.where(unknown, np.nan, cut)
    out["capacity_volume_unknown"] = unknown
    out["capacity_cut_units"] = _count(np.where(np.isfinite(need), cut, np.nan))
    final = after_aged - np.nan_to_num(cut, nan=0.0)
    out["reorder_qty_before_limits"] = out["reorder_qty"]
    out["reorder_qty"] = _count(final)

    # --- what still ages: stock at arrival beyond what ADS sells before the band ----------------------------
    aged = np.maximum(0.0, np.ceil(np.round(at_arrival + np.nan_to_num(final, nan=0.0) - velocity * band, 6)))
    out["aged_surcharge_units"] = _count(np.where(np.isfinite(available), aged, np.nan))
    # The matrix's "aged" strategy uses the same band: stock that will reach it is clearance stock.
    reaches_band = np.nan_to_num(np.asarray(out["aged_surcharge_units"], dtype=float), nan=0.0) > 0
    for column in ("strategy", "woc_band"):
        if column in out.columns:
            out[column] = np.where(reaches_band, "aged", out[column].astype(object)).astype(object)
    return out


CAPACITY_COLUMNS = [
    "marketplace",
    "storage_type",
    "capacity_unit",
    "capacity_limit",
    "used",
    "ordered",
    "cut_units",
    "planned",
    "left",
    "skus",
    "skus_volume_unknown",
]


def capacity_table(skus: pd.DataFrame) -> pd.DataFrame:
    """Capacity per marketplace and storage type: the limit, what is held (on hand + inbound), what the plan
    orders (after the aged cap, before the capacity cut), the units cut, what it plans after the cut, and
    what is left after it — in the limit's unit (cubic feet unless the limit is in units). Groups without a
    limit show their use in cubic feet (NaN limit). ``skus_volume_unknown``: SKUs whose unit volume is
    unknown, left out of the cubic feet.

    Examples
    --------
    A 100 ft³ limit, 50 ft³ held, orders of 60 ft³ of which 10 ft³ (20 units) are cut → 50 planned, 0 left.
    """
    if skus.empty or "capacity_size" not in skus.columns:
        return pd.DataFrame(columns=CAPACITY_COLUMNS)
    size = _num(skus, "capacity_size")
    final = _num(skus, "reorder_qty").fillna(0.0)
    cut = _num(skus, "capacity_cut_units").fillna(0.0)
    frame = pd.DataFrame(
        {
            "marketplace": skus["marketplace"],
            "storage_type": skus["storage_type"],
            "capacity_unit": skus["capacity_unit"],
            "capacity_limit": _num(skus, "capacity_limit"),
            "used": _num(skus, "capacity_held"),
            "ordered": (final + cut) * size,
            "cut_units": cut,
            "planned": final * size,
            "unknown": ~(np.isfinite(size) & (size > 0)),
            "sku": skus["sku"],
        }
    )
    grouped = (
        frame.groupby(["marketplace", "storage_type"], sort=True)
        .agg(
            capacity_unit=("capacity_unit", "first"),
            capacity_limit=("capacity_limit", "first"),
            used=("used", "sum"),
            ordered=("ordered", "sum"),
            cut_units=("cut_units", "sum"),
            planned=("planned", "sum"),
            skus=("sku", "size"),
            skus_volume_unknown=("unknown", "sum"),
        )
        .reset_index()
    )
    grouped["left"] = grouped["capacity_limit"] - grouped["used"] - grouped["planned"]
    return grouped[CAPACITY_COLUMNS]


FLAG_COLUMNS = [
    "marketplace",
    "sku",
    "storage_type",
    "low_inventory_fee_date",
    "aged_surcharge_units",
    "aged_cut_units",
    "capacity_cut_units",
    "reorder_qty_before_limits",
    "reorder_qty",
]


def flagged(skus: pd.DataFrame) -> pd.DataFrame:
    """SKUs with a low-inventory fee date, stock reaching the aged band, or an order cut by the aged band or
    by capacity (an unknown capacity cut counts too), soonest fee date first. Columns :data:`FLAG_COLUMNS`."""
    if skus.empty or "aged_surcharge_units" not in skus.columns:
        return pd.DataFrame(columns=FLAG_COLUMNS)
    fee = pd.to_datetime(skus["low_inventory_fee_date"], errors="coerce")
    cut = _num(skus, "capacity_cut_units")
    hit = (
        fee.notna()
        | (_num(skus, "aged_surcharge_units").fillna(0) > 0)
        | (_num(skus, "aged_cut_units").fillna(0) > 0)
        | (cut.fillna(0) > 0)
        | skus.get("capacity_volume_unknown", pd.Series(False, index=skus.index)).fillna(False).astype(bool)
    )
    out = skus[hit].assign(_fee=fee[hit]).sort_values(["_fee", "sku"], na_position="last", kind="stable")
    return out[FLAG_COLUMNS].reset_index(drop=True)


def flag_counts(skus: pd.DataFrame) -> dict[str, int]:
    """SKUs with a low-inventory fee date, with stock reaching the aged band, with an order cut by
    capacity."""
    if skus.empty or "aged_surcharge_units" not in skus.columns:
        return {"low_inventory": 0, "aged": 0, "capacity_cut": 0}
    return {
        "low_inventory": int(pd.to_datetime(skus["low_inventory_fee_date"], errors="coerce").notna().sum()),
        "aged": int((_num(skus, "aged_surcharge_units").fillna(0) > 0).sum()),
        "capacity_cut": int((_num(skus, "capacity_cut_units").fillna(0) > 0).sum()),
    }

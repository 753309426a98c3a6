"""Inventory, replenishment and advertising formulas: pure numbers, no I/O.

Every function here implements one definition of ``DESIGN.md`` and names its source: the seller
articles in ``/work/shared/seeds`` (``seed 000`` = the stockout cycle and the restock sheet, ``seed 001``
= weeks of cover, the WOC × ROAS matrix and the ad-budget back-calculation, ``seed 002`` = the daily
KPI thresholds) or a textbook. Each docstring carries one worked example; ``tests/test_formulas.py``
has a known-answer test named after it.

Conventions
-----------
* Inputs are validated first; a bad value raises ``ValueError("<name> must be ...")``.
* Quantities (units, days, money) must be finite and non-negative unless stated otherwise.
* Ratios that are undefined (0 / 0) are ``nan``; a positive amount over zero is ``math.inf``.
* Thresholds are keyword arguments with the DESIGN.md defaults: they are settings, not constants.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "AdBudget",
    "Advice",
    "AlertLevel",
    "CoverColour",
    "GapClass",
    "StockProjection",
    "Strategy",
    "WocBand",
    "acos",
    "acos_flag",
    "ad_budget",
    "advice_many",
    "air_bridge_quantity",
    "alert_level",
    "blend_ads",
    "blend_ads_many",
    "break_even_roas",
    "conversion_drop_flag",
    "cover_colour_many",
    "cpc_flag",
    "ctr_flag",
    "days_of_cover",
    "discount_steps",
    "gap_class",
    "latest_order_date_offset",
    "lost_sales_value",
    "order_due_in_days",
    "order_up_to_level_many",
    "price_step",
    "project_stock",
    "project_stock_many",
    "reorder_quantity",
    "reorder_quantity_many",
    "roas",
    "safety_stock_statistical",
    "safety_stock_statistical_many",
    "seasonal_ads",
    "strategy",
    "weeks_of_cover",
    "woc_band",
    "yoy_growth",
]

WocBand = Literal["stockout_risk", "healthy", "overstock", "aged"]
GapClass = Literal["none", "short", "medium", "long"]
AlertLevel = Literal["urgent", "reorder", "watch", "ok"]
Strategy = Literal["protect_stock", "scale", "optimise", "push_traffic", "raise_conversion", "aged", "no_ad_data"]

# Float noise guard: 2.4 * 100 = 240.00000000000003 must not become 241 units, and 0.3 - 0.1 - 0.1
# left on the shelf must still count as a full day of 0.1 sold. Six decimals of a unit (or of a
# ratio) are far below anything a seller can observe.
_ROUND_DECIMALS = 6
_REL_TOL = 1e-9


# ---------------------------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------------------------


def _non_negative(name: str, value: float) -> float:
    """Return ``value`` as float, or raise unless it is a finite number ≥ 0 (NaN fails too)."""
    v = float(value)
    if not (math.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be a finite non-negative number, got {value!r}.")
    return v


def _non_negative_or_inf(name: str, value: float) -> float:
    """Like :func:`_non_negative` but ``math.inf`` is allowed (e.g. cover with no sales)."""
    v = float(value)
    if not v >= 0:  # also rejects NaN
        raise ValueError(f"{name} must be a non-negative number (inf allowed), got {value!r}.")
    return v


def _positive(name: str, value: float) -> float:
    v = float(value)
    if not (math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a finite positive number, got {value!r}.")
    return v


def _ceil_units(x: float) -> int:
    """Round up to whole units after removing float noise (240.00000000001 → 240)."""
    return math.ceil(round(x, _ROUND_DECIMALS))


def _exceeds(value: float, limit: float) -> bool:
    """``value > limit`` ignoring float noise (1.2 is not above 1.5 × 0.8 = 1.2000000000000002)."""
    return value > limit + _REL_TOL * max(1.0, abs(limit))


# ---------------------------------------------------------------------------------------------
# cover: weeks and days
# ---------------------------------------------------------------------------------------------


def weeks_of_cover(inventory: float, units_last_4_weeks: float) -> float:
    """Weeks of cover (WOC): how many weeks the stock lasts at the last four weeks' sales rate.

    WOC = I / S₄ × 4, with I the inventory and S₄ the units sold in the last 4 weeks
    (seed 001, "WOC简易计算公式").

    Parameters
    ----------
    inventory : float
        Units in stock (I), ≥ 0.
    units_last_4_weeks : float
        Units sold in the last 4 weeks (S₄), ≥ 0.

    Returns
    -------
    float
        Weeks of cover. ``0.0`` when there is no stock (even with no sales); ``math.inf`` when there
        is stock but nothing sold.

    Examples
    --------
    Seed 001: 2,000 units on 1 December, 1,000 sold in November:

    >>> weeks_of_cover(2000, 1000)
    8.0
    """
    inventory = _non_negative("inventory", inventory)
    units_last_4_weeks = _non_negative("units_last_4_weeks", units_last_4_weeks)
    if inventory == 0:
        return 0.0
    if units_last_4_weeks == 0:
        return math.inf
    return inventory / units_last_4_weeks * 4


def woc_band(
    woc: float, *, risk_below: float = 3, overstock_above: float = 6, aged_at: float = 52
) -> WocBand:
    """Classify weeks of cover into the seed 001 bands.

    ``woc < risk_below`` → ``"stockout_risk"``; ``risk_below ≤ woc ≤ overstock_above`` →
    ``"healthy"`` (3–6 weeks inclusive); ``overstock_above < woc < aged_at`` → ``"overstock"``;
    ``woc ≥ aged_at`` → ``"aged"`` (seed 001: the matrix applies to WOC < 52 weeks only).

    Parameters
    ----------
    woc : float
        Weeks of cover, ≥ 0; ``math.inf`` (stock that does not sell) is ``"aged"``.
    risk_below, overstock_above, aged_at : float
        Band limits in weeks, ``0 ≤ risk_below ≤ overstock_above ≤ aged_at``.

    Returns
    -------
    {"stockout_risk", "healthy", "overstock", "aged"}

    Examples
    --------
    Seed 001's 8-week example is past the 6-week healthy limit:

    >>> woc_band(8.0)
    'overstock'
    """
    woc = _non_negative_or_inf("woc", woc)
    risk_below = _non_negative("risk_below", risk_below)
    overstock_above = _non_negative("overstock_above", overstock_above)
    aged_at = _non_negative("aged_at", aged_at)
    if not risk_below <= overstock_above <= aged_at:
        raise ValueError("band limits must be ordered: risk_below ≤ overstock_above ≤ aged_at.")
    if woc >= aged_at:
        return "aged"
    if woc < risk_below:
        return "stockout_risk"
    if woc <= overstock_above:
        return "healthy"
    return "overstock"


def days_of_cover(available: float, ads: float) -> float:
    """Days of cover (可售天数): available stock ÷ average daily sales.

    D = A / ADS (seed 000, the restock sheet's "可售库存天数"; DESIGN.md "Days of cover"). For cover
    including inbound stock pass ``available + inbound``.

    Parameters
    ----------
    available : float
        Sellable units (A), ≥ 0.
    ads : float
        Average daily sales in units/day, ≥ 0.

    Returns
    -------
    float
        Days of cover. ``0.0`` when there is no stock (also when ADS is 0: nothing to cover);
        ``math.inf`` when there is stock and ADS is 0.

    Examples
    --------
    500 units selling 50 a day last 10 days:

    >>> days_of_cover(500, 50)
    10.0
    """
    available = _non_negative("available", available)
    ads = _non_negative("ads", ads)
    if available == 0:
        return 0.0
    if ads == 0:
        return math.inf
    return available / ads


# ---------------------------------------------------------------------------------------------
# replenishment
# ---------------------------------------------------------------------------------------------


def reorder_quantity(
    ads: float, lead_time_days: float, safety_days: float, on_hand: float, inbound: float,
    review_period_days: float = 0,
) -> int:
    """Reorder quantity (补货量) from the seed 000 restock formula.

    Q = ⌈ADS × (L + R) + SS − (OH + IB)⌉⁺ with safety stock SS = safety_days × ADS (seed 000
    "关键补货公式": 补货量 = 日均销量 × 补货周期 + 安全库存 − (FBA当前库存 + 在途库存), with the review
    period R added to the lead time, DESIGN.md "Decision quality"). Rounded up to a whole unit after
    removing float noise, floored at 0. A thin call of :func:`order_up_to_level_many` and
    :func:`reorder_quantity_many`.

    Parameters
    ----------
    ads : float
        Average daily sales (units/day), ≥ 0.
    lead_time_days : float
        L: days from placing the order to sellable at FBA (production + transit + check-in), ≥ 0.
    safety_days : float
        Days of sales held as safety stock, ≥ 0 (seed 000: 14 by default, 15–30 for hot, new or
        uncertain SKUs).
    on_hand : float
        OH: units at FBA now, ≥ 0.
    inbound : float
        IB: units in transit, ≥ 0.
    review_period_days : float
        R: days until the next review, ≥ 0 (the plan uses the ``review_period_days`` setting, 7).

    Returns
    -------
    int
        Units to order, ≥ 0.

    Examples
    --------
    DESIGN.md: ADS 10, lead 60 d, safety 14 d, on hand 300, inbound 200 → 600 + 140 − 500:

    >>> reorder_quantity(10, 60, 14, 300, 200)
    240

    With the weekly review (R = 7) → 10 × 67 + 140 − 500:

    >>> reorder_quantity(10, 60, 14, 300, 200, review_period_days=7)
    310
    """
    ads = _non_negative("ads", ads)
    lead_time_days = _non_negative("lead_time_days", lead_time_days)
    safety_days = _non_negative("safety_days", safety_days)
    on_hand = _non_negative("on_hand", on_hand)
    inbound = _non_negative("inbound", inbound)
    review = _non_negative("review_period_days", review_period_days)
    level = order_up_to_level_many([ads], [lead_time_days], [review], [safety_days * ads])
    return int(reorder_quantity_many(level, [on_hand + inbound])[0])


def safety_stock_statistical(sigma_daily: float, lead_time_days: float, service_level: float = 0.95) -> float:
    """Statistical safety stock for normally distributed daily demand and a fixed lead time.

    SS = z_α × σ_D × √L, with z_α the standard normal quantile of the cycle service level α
    (Silver, Pyke & Thomas, *Inventory and Production Management in Supply Chains*, 4th ed.,
    ch. 6, safety stock for a type-1 service level; σ over the lead time = σ_D √L for independent
    days).

    Parameters
    ----------
    sigma_daily : float
        σ_D: standard deviation of daily demand (units), ≥ 0.
    lead_time_days : float
        L: lead time in days, ≥ 0.
    service_level : float
        α: probability of no stockout during a replenishment cycle, in [0.5, 1). Below 0.5 the
        quantile is negative, which would mean a negative safety stock.

    Returns
    -------
    float
        Safety stock in units (not rounded).

    Examples
    --------
    σ_D = 4 units/day, L = 49 days, α = 95 % → 1.6449 × 4 × 7:

    >>> round(safety_stock_statistical(4, 49, 0.95), 2)
    46.06
    """
    sigma_daily = _non_negative("sigma_daily", sigma_daily)
    lead_time_days = _non_negative("lead_time_days", lead_time_days)
    service_level = float(service_level)
    if not 0.5 <= service_level < 1:
        raise ValueError(f"service_level must be in [0.5, 1), got {service_level!r}.")
    z = NormalDist().inv_cdf(service_level)
    return z * sigma_daily * math.sqrt(lead_time_days)


def latest_order_date_offset(days_of_cover: float, lead_time_days: float, safety_days: float = 0) -> float:
    """Days from the as-of date by which an order must be placed to be sellable before stock runs out.

    T = D − L − S (DESIGN.md "Reorder quantity": the lead time runs from order to sellable; seed 000
    keeps ``safety_days`` of sales in hand when the order lands).

    Parameters
    ----------
    days_of_cover : float
        D: current days of cover, ≥ 0 (``math.inf`` gives ``math.inf``).
    lead_time_days : float
        L: order-to-sellable lead time in days, ≥ 0.
    safety_days : float
        S: days of sales that should still be on hand when the order becomes sellable, ≥ 0.

    Returns
    -------
    float
        Days from now; negative means the order is already late by that many days.

    Examples
    --------
    90 days of cover, 60-day lead time, 14 safety days → order within 16 days:

    >>> latest_order_date_offset(90, 60, 14)
    16.0
    """
    cover = _non_negative_or_inf("days_of_cover", days_of_cover)
    lead_time_days = _non_negative("lead_time_days", lead_time_days)
    safety_days = _non_negative("safety_days", safety_days)
    return cover - lead_time_days - safety_days


# ---------------------------------------------------------------------------------------------
# stockout projection
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class StockProjection:
    """Day-by-day walk of one SKU's stock (see :func:`project_stock`).

    ``eq=False``: the fields hold numpy arrays, which have no single truth value, so projections
    compare by identity. The arrays are read-only.

    Attributes
    ----------
    stock : numpy.ndarray
        ``stock[t]`` = units on hand at the start of day t after day t's arrivals, t = 0..horizon-1.
    sold : numpy.ndarray
        Units sold on day t = min(stock[t], ADS).
    unmet : numpy.ndarray
        Demand not served on day t = ADS − sold[t] (float noise below 1e-9 × ADS is treated as 0).
    stockout_day : int or None
        First day that cannot sell a full day's ADS; ``None`` if none in the horizon or ADS is 0.
    gap_days : int or None
        Days from ``stockout_day`` until the first later day that sells a full day's ADS again, or
        until the horizon end if stock never comes back; ``None`` when there is no stockout.
    lost_units : float
        Total unmet demand over the horizon (all stockouts, not only the first).
    final_stock : float
        Units left after the last day's sales.
    arrivals_total : float
        Units arriving inside the horizon (arrivals dated before day 0 included, after it excluded).
    """

    stock: NDArray[np.float64]
    sold: NDArray[np.float64]
    unmet: NDArray[np.float64]
    stockout_day: int | None
    gap_days: int | None
    lost_units: float
    final_stock: float
    arrivals_total: float


def _arrival_day(day: Any) -> int:
    d = float(day)
    if not (math.isfinite(d) and d.is_integer()):
        raise ValueError(f"arrival day must be a whole number of days, got {day!r}.")
    return int(d)


def project_stock(
    available: float, ads: float, arrivals: Sequence[tuple[int, float]], horizon_days: int
) -> StockProjection:
    """Walk stock forward day by day at a constant ADS, with inbound arrivals.

    stock(t) = A + Σ arrivals with day ≤ t − Σ_{u<t} sold(u), sold(t) = min(stock(t), ADS)
    (DESIGN.md "Stockout projection"; seed 000 "断货前": see the stockout coming, and how long the
    gap until the next shipment will be). Day 0 is the as-of date. An arrival dated day t is
    sellable from day t (added before day t's sales); arrivals dated before day 0 count on day 0,
    arrivals on or after ``horizon_days`` are ignored.

    Parameters
    ----------
    available : float
        A: sellable units at the start of day 0, ≥ 0.
    ads : float
        Average daily sales (units/day, fractional allowed), ≥ 0.
    arrivals : sequence of (day, units)
        Open shipments: day offset from the as-of date (whole number) and units, ≥ 0. Exclude lost
        shipments before calling.
    horizon_days : int
        Number of days to walk, ≥ 1.

    Returns
    -------
    StockProjection

    Examples
    --------
    20 units at 10/day, 500 arriving on day 10 → sells out on day 2, 8 days without stock, 80 units
    of demand lost:

    >>> p = project_stock(20, 10, [(10, 500)], 30)
    >>> p.stockout_day, p.gap_days, p.lost_units
    (2, 8, 80.0)
    """
    available = _non_negative("available", available)
    ads = _non_negative("ads", ads)
    horizon = _horizon(horizon_days)
    incoming = np.zeros(horizon)
    for day, units in arrivals:
        d = _arrival_day(day)
        q = _non_negative("arrival units", units)
        if d < horizon:
            incoming[max(d, 0)] += q

    out = project_stock_many([available], [ads], incoming[None, :], horizon, trace=True)
    stockout = int(out["stockout_day"][0])
    gap = int(out["gap_days"][0])
    stock, sold, unmet = out["stock"][0], out["sold"][0], out["unmet"][0]
    for arr in (stock, sold, unmet):
        arr.setflags(write=False)
    return StockProjection(
        stock=stock,
        sold=sold,
        unmet=unmet,
        stockout_day=None if stockout < 0 else stockout,
        gap_days=None if gap < 0 else gap,
        lost_units=float(out["lost_units"][0]),
        final_stock=float(out["final_stock"][0]),
        arrivals_total=float(out["arrivals_total"][0]),
    )


def _horizon(horizon_days: int) -> int:
    if isinstance(horizon_days, bool) or not float(horizon_days).is_integer() or horizon_days < 1:
        raise ValueError(f"horizon_days must be a whole number ≥ 1, got {horizon_days!r}.")
    return int(horizon_days)


def project_stock_many(
    available: ArrayLike, ads: ArrayLike, arrivals: ArrayLike, horizon_days: int, *, trace: bool = False
) -> dict[str, NDArray[Any]]:
    """The stockout projection of many SKUs at once: a loop over days, array operations across SKUs.

    The one implementation of the walk of :func:`project_stock` (DESIGN.md "Stockout projection"),
    which calls it for one SKU.

    Parameters
    ----------
    available : array_like, shape (n,)
        Sellable units per SKU at the start of day 0, ≥ 0.
    ads : array_like, shape (n,)
        Average daily sales per SKU, ≥ 0.
    arrivals : array_like, shape (n, horizon_days)
        ``arrivals[i, t]`` = units of SKU i sellable from day t (put arrivals dated before day 0 in
        column 0, drop those after the horizon), ≥ 0.
    horizon_days : int
        Number of days to walk, ≥ 1.

    Returns
    -------
    dict of str to numpy.ndarray, each of shape (n,)
        ``stockout_day`` (int64, -1 for none), ``gap_days`` (int64, -1 for none), ``lost_units``,
        ``final_stock`` and ``arrivals_total`` (float64). With ``trace=True`` also the per-day
        ``stock`` (after arrivals, before sales), ``sold`` and ``unmet``, each of shape (n, horizon_days).

    Examples
    --------
    The :func:`project_stock` examples side by side (500 at 50/day; 20 at 10/day + 500 on day 10):

    >>> arr = np.zeros((2, 30)); arr[1, 10] = 500
    >>> out = project_stock_many([500, 20], [50, 10], arr, 30)
    >>> out["stockout_day"].tolist(), out["gap_days"].tolist(), out["lost_units"].tolist()
    ([10, 2], [20, 8], [1000.0, 80.0])
    """
    horizon = _horizon(horizon_days)
    avail = np.asarray(available, dtype=np.float64)
    rate = np.asarray(ads, dtype=np.float64)
    incoming = np.asarray(arrivals, dtype=np.float64)
    if avail.ndim != 1 or rate.shape != avail.shape:
        raise ValueError("available and ads must be 1-D arrays of the same length.")
    if incoming.shape != (avail.shape[0], horizon):
        raise ValueError(
            f"arrivals must have shape (n_sku, horizon_days) = {(avail.shape[0], horizon)}, got {incoming.shape}."
        )
    for name, arr in (("available", avail), ("ads", rate), ("arrivals", incoming)):
        if not np.all(np.isfinite(arr) & (arr >= 0)):
            raise ValueError(f"{name} must be finite non-negative numbers.")

    n = avail.shape[0]
    tol = _REL_TOL * np.maximum(1.0, rate)
    on_hand = avail.copy()
    lost = np.zeros(n)
    stockout_day = np.full(n, -1, dtype=np.int64)
    gap_days = np.full(n, -1, dtype=np.int64)
    days = np.zeros((3, n, horizon)) if trace else None
    for t in range(horizon):
        on_hand += incoming[:, t]
        sold = np.minimum(on_hand, rate)
        short = rate - sold
        is_short = short > tol
        unmet = np.where(is_short, short, 0.0)
        lost += unmet
        if days is not None:
            days[0, :, t], days[1, :, t], days[2, :, t] = on_hand, sold, unmet
        on_hand -= sold
        restored = ~is_short & (stockout_day >= 0) & (gap_days < 0)
        gap_days[restored] = t - stockout_day[restored]
        stockout_day[is_short & (stockout_day < 0)] = t
    open_gap = (stockout_day >= 0) & (gap_days < 0)
    gap_days[open_gap] = horizon - stockout_day[open_gap]
    out = {
        "stockout_day": stockout_day,
        "gap_days": gap_days,
        "lost_units": lost,
        "final_stock": on_hand,
        "arrivals_total": incoming.sum(axis=1),
    }
    if days is not None:
        out.update(stock=days[0], sold=days[1], unmet=days[2])
    return out


def gap_class(gap_days: int | None, *, short_max: int = 7, medium_max: int = 30) -> GapClass:
    """Classify a stockout gap by its length (seed 000 pricing by gap length).

    short ≤ 7 days (seed 000: "3–5天,一周内可接上货"), medium 8–30 ("10–15天"), long > 30
    ("超1个月"). ``None`` or 0 days (no gap) → ``"none"``.

    Parameters
    ----------
    gap_days : int or None
        Length of the gap in days, ≥ 0, or ``None`` for no stockout.
    short_max, medium_max : int
        Upper limits (inclusive) of the short and medium classes, ``0 ≤ short_max ≤ medium_max``.

    Returns
    -------
    {"none", "short", "medium", "long"}

    Examples
    --------
    The 8-day gap of the :func:`project_stock` example:

    >>> gap_class(8)
    'medium'
    """
    short_max_f = _non_negative("short_max", short_max)
    medium_max_f = _non_negative("medium_max", medium_max)
    if short_max_f > medium_max_f:
        raise ValueError("short_max must be ≤ medium_max.")
    if gap_days is None:
        return "none"
    gap = _non_negative("gap_days", gap_days)
    if gap == 0:
        return "none"
    if gap <= short_max_f:
        return "short"
    if gap <= medium_max_f:
        return "medium"
    return "long"


def alert_level(
    days_of_cover: float,
    *,
    reorder_days: float = 75,
    urgent_days: float = 20,
    rising_sales: bool = False,
    rising_cover_days: float = 30,
    watch_days: float | None = None,
) -> AlertLevel:
    """Restock alert level from days of cover (seed 000 restock sheet, seed 002 daily check).

    In order: cover ≤ ``urgent_days`` → ``"urgent"`` (seed 000: ≤ 20 days, yellow, consider air
    freight); cover ≤ ``reorder_days`` → ``"reorder"`` (≤ 75 days, red); sales rising and cover
    < ``rising_cover_days`` → ``"reorder"`` (seed 002: "销量上升但库存不足30天的商品启动补货"; only
    changes the result when ``reorder_days`` is set below ``rising_cover_days``); cover ≤
    ``watch_days`` → ``"watch"``; else ``"ok"``.

    ``"watch"`` is this module's addition, not a seed rule: it marks SKUs approaching the reorder
    line so the weekly review sees them a few weeks early. Default ``watch_days`` = 1.5 ×
    ``reorder_days`` (112.5 days with the defaults); pass ``watch_days=reorder_days`` to disable it.

    Parameters
    ----------
    days_of_cover : float
        Current days of cover, ≥ 0 (``math.inf`` for no sales → ``"ok"``).
    reorder_days, urgent_days : float
        Thresholds in days, ``0 ≤ urgent_days ≤ reorder_days``.
    rising_sales : bool
        Whether sales are trending up (decided by the caller).
    rising_cover_days : float
        Cover below which rising sales call for a restock, ≥ 0.
    watch_days : float or None
        Watch threshold, ≥ ``reorder_days``; ``None`` → 1.5 × ``reorder_days``.

    Returns
    -------
    {"urgent", "reorder", "watch", "ok"}

    Examples
    --------
    Seed 000: 60 days of cover is under the 75-day line → reorder now:

    >>> alert_level(60)
    'reorder'
    """
    cover = _non_negative_or_inf("days_of_cover", days_of_cover)
    reorder_days = _non_negative("reorder_days", reorder_days)
    urgent_days = _non_negative("urgent_days", urgent_days)
    rising_cover_days = _non_negative("rising_cover_days", rising_cover_days)
    watch = reorder_days * 1.5 if watch_days is None else _non_negative("watch_days", watch_days)
    if urgent_days > reorder_days:
        raise ValueError("urgent_days must be ≤ reorder_days.")
    if watch < reorder_days:
        raise ValueError("watch_days must be ≥ reorder_days.")
    if cover <= urgent_days:
        return "urgent"
    if cover <= reorder_days:
        return "reorder"
    if rising_sales and cover < rising_cover_days:
        return "reorder"
    if cover <= watch:
        return "watch"
    return "ok"


def air_bridge_quantity(
    ads: float,
    stockout_day: int | None,
    next_arrival_day: int | None,
    air_lead_time_days: float,
    *,
    sea_lead_time_days: float | None = None,
) -> int:
    """Units to send by air so that the listing stays in stock until the next sea shipment.

    Q = ⌈ADS × (E − S)⌉⁺ with S = max(stockout day, ⌈air lead time⌉), the first stockout day air
    freight sent today can cover, and E = the day the next sea shipment becomes sellable (seed 000
    "若在途库存无法及时到仓 … 建议额外再补一票货"; "海运+空运"结合). Days before S cannot be saved.
    0 when there is no stockout, or when air cannot land before the sea shipment.

    When no sea shipment is on the way (``next_arrival_day`` is ``None``) the bridge runs until a sea
    order placed today would land, E = ``sea_lead_time_days``, which must then be given: without an
    end date there is no quantity to compute, and guessing one would be silently wrong.

    Parameters
    ----------
    ads : float
        Average daily sales, ≥ 0.
    stockout_day : int or None
        Projected first stockout day (from :func:`project_stock`); ``None`` = no stockout.
    next_arrival_day : int or None
        Day the next sea shipment is sellable; ``None`` = none on the way.
    air_lead_time_days : float
        Days from booking air freight to sellable at FBA, ≥ 0.
    sea_lead_time_days : float or None
        Order-to-sellable lead time of a new sea shipment; required when ``next_arrival_day`` is None.

    Returns
    -------
    int
        Units to send by air, ≥ 0 (rounded up).

    Examples
    --------
    ADS 10, stockout on day 12, sea arrival on day 40, air takes 10 days → cover days 12–39:

    >>> air_bridge_quantity(10, 12, 40, 10)
    280
    """
    ads = _non_negative("ads", ads)
    air_lead_time_days = _non_negative("air_lead_time_days", air_lead_time_days)
    if stockout_day is None or ads == 0:
        return 0
    start = max(_non_negative("stockout_day", stockout_day), math.ceil(air_lead_time_days))
    if next_arrival_day is not None:
        end = _non_negative("next_arrival_day", next_arrival_day)
    elif sea_lead_time_days is not None:
        end = _non_negative("sea_lead_time_days", sea_lead_time_days)
    else:
        raise ValueError(
            "sea_lead_time_days must be given when next_arrival_day is None (no sea shipment to bridge to)."
        )
    if end <= start:
        return 0
    return max(0, _ceil_units(ads * (end - start)))


def lost_sales_value(ads: float, gap_days: float, price: float) -> float:
    """Revenue lost during a stockout gap: ADS × gap days × price (DESIGN.md "Stockout projection").

    Parameters
    ----------
    ads : float
        Average daily sales, ≥ 0.
    gap_days : float
        Days out of stock, ≥ 0.
    price : float
        Selling price per unit, ≥ 0.

    Returns
    -------
    float

    Examples
    --------
    10 a day, 8 days out of stock, $19.99:

    >>> round(lost_sales_value(10, 8, 19.99), 2)
    1599.2
    """
    ads = _non_negative("ads", ads)
    gap_days = _non_negative("gap_days", gap_days)
    price = _non_negative("price", price)
    return ads * gap_days * price


# ---------------------------------------------------------------------------------------------
# ADS candidates and blend
# ---------------------------------------------------------------------------------------------


#: A weight is 0 (unused) or lies in [BLEND_WEIGHT_MIN, BLEND_WEIGHT_MAX]: a tinier weight is no weight a
#: user means, and it would let a sum of weights fall into the denormal range where division is inexact.
BLEND_WEIGHT_MIN = 0.001
BLEND_WEIGHT_MAX = 100.0


def _check_weight(name: str, value: float) -> float:
    v = float(value)
    if not (v == 0 or BLEND_WEIGHT_MIN <= v <= BLEND_WEIGHT_MAX):
        raise ValueError(
            f"weight {name!r} must be 0 or between {BLEND_WEIGHT_MIN:g} and {BLEND_WEIGHT_MAX:g}, got {value!r}."
        )
    return v


def blend_ads_many(candidates: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """Planning ADS of many SKUs: per row, Σ wᵢ xᵢ / Σ wᵢ over the candidates xᵢ that are not NaN.

    The array form of :func:`blend_ads` (DESIGN.md "ADS"); the scalar form calls this one.

    * Weights of missing (NaN) candidates are dropped and the rest renormalised.
    * A row whose available candidates all have weight 0 takes their plain mean: a measured rate is
      safer than 0, which would hide any stockout.
    * A row without any candidate → ``0.0``.
    * The result lies within [min, max] of the row's available candidates: a weighted mean does
      mathematically, and rounding (≤ a few ulps) is clamped back so equal candidates give exactly
      themselves.

    Parameters
    ----------
    candidates : array_like, shape (n, k)
        NaN = not available; otherwise finite and ≥ 0.
    weights : array_like, shape (k,)
        Each 0 or in [``BLEND_WEIGHT_MIN``, ``BLEND_WEIGHT_MAX``].

    Returns
    -------
    ndarray of float, shape (n,)

    Examples
    --------
    Two SKUs, candidates (7-day, 30-day, seasonal), weights 2 / 1 / 1; the first has no seasonal, so its
    weights renormalise to 2/3 and 1/3: (2 × 12 + 9) / 3 = 11; the second (2 × 4 + 4 + 10) / 4 = 5.5:

    >>> blend_ads_many([[12, 9, float("nan")], [4, 4, 10]], [2, 1, 1]).tolist()
    [11.0, 5.5]
    """
    x = np.asarray(candidates, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"candidates must be a 2-D array (SKUs × candidates), got shape {x.shape}.")
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.shape[0] != x.shape[1]:
        raise ValueError(f"weights must have one entry per candidate column ({x.shape[1]}), got {w.shape[0]}.")
    for i, value in enumerate(w):
        _check_weight(f"#{i}", value)
    avail = ~np.isnan(x)
    bad = avail & ~(np.isfinite(x) & (x >= 0))
    if bad.any():
        value = x[bad][0]
        raise ValueError(f"candidates must be finite non-negative numbers or NaN, got {value!r}.")
    values = np.where(avail, x, 0.0)
    wa = np.where(avail, w, 0.0)
    wsum = wa.sum(axis=1)
    count = avail.sum(axis=1)
    # With weights ≥ BLEND_WEIGHT_MIN (or exactly 0) every sum is a normal float: one division is exact
    # to rounding. Rows whose available weights are all 0 fall back to the plain mean.
    num = np.where(wsum > 0, (values * wa).sum(axis=1), values.sum(axis=1))
    den = np.where(wsum > 0, wsum, np.maximum(count, 1))
    out = num / den
    lo = np.where(avail, x, np.inf).min(axis=1)
    hi = np.where(avail, x, -np.inf).max(axis=1)
    return np.where(count > 0, np.minimum(np.maximum(out, lo), hi), 0.0)


def blend_ads(
    candidates: Mapping[str, float], weights: Mapping[str, float], override: float | None = None
) -> float:
    """Planning ADS: a weighted blend of the available ADS candidates; a manual override wins.

    ADS = Σ wᵢ xᵢ / Σ wᵢ over the candidates xᵢ that are not NaN (DESIGN.md "ADS"; seed 000
    "公式是死的,但人是活的": the tool proposes, the operator decides). One SKU of
    :func:`blend_ads_many`, which holds the rules.

    * ``override`` (not ``None`` and not NaN) is returned as is.
    * A candidate without an entry in ``weights`` has weight 0.

    Parameters
    ----------
    candidates : mapping of str to float
        E.g. ``{"ads_7": …, "ads_14": …, "ads_30": …, "seasonal": …}``; NaN = not available;
        otherwise finite and ≥ 0.
    weights : mapping of str to float
        Weight per candidate name: 0 or in [``BLEND_WEIGHT_MIN``, ``BLEND_WEIGHT_MAX``].
    override : float or None
        Per-SKU manual ADS, ≥ 0.

    Returns
    -------
    float

    Examples
    --------
    7-day ADS 12, 30-day ADS 9, weights 0.5 / 0.5, 14-day and seasonal weights on missing data:

    >>> blend_ads({"ads_7": 12, "ads_30": 9, "seasonal": float("nan")},
    ...           {"ads_7": 0.5, "ads_14": 0.2, "ads_30": 0.5, "seasonal": 0.3})
    10.5
    """
    for name, weight in weights.items():
        _check_weight(name, weight)
    if override is not None and not math.isnan(float(override)):
        return _non_negative("override", override)
    names = list(candidates)
    for name in names:
        x = float(candidates[name])
        if not math.isnan(x):
            _non_negative(f"candidate {name!r}", x)
    if not names:
        return 0.0
    row = [[float(candidates[name]) for name in names]]
    return float(blend_ads_many(row, [float(weights.get(name, 0.0)) for name in names])[0])


def yoy_growth(units_last_30: float, units_same_30_last_year: float) -> float:
    """Year-on-year growth: last 30 days' units ÷ the same 30 days a year earlier − 1 (DESIGN.md "ADS").

    Parameters
    ----------
    units_last_30 : float
        Units sold in the last 30 days, ≥ 0.
    units_same_30_last_year : float
        Units sold in the same 30 days a year earlier, ≥ 0.

    Returns
    -------
    float
        Growth as a fraction (0.2 = +20 %); ``nan`` when last year had no sales (no base).

    Examples
    --------
    >>> round(yoy_growth(360, 300), 6)
    0.2
    """
    last = _non_negative("units_last_30", units_last_30)
    prior = _non_negative("units_same_30_last_year", units_same_30_last_year)
    if prior == 0:
        return math.nan
    return last / prior - 1


def seasonal_ads(last_year_next_90_units: float, yoy_growth: float, days: int = 90) -> float:
    """Seasonal ADS candidate: last year's ADS over the coming period × (1 + YoY growth).

    ADS_s = U_ly / d × (1 + g) (DESIGN.md "ADS"; seed 000 asks for last year's sales in the restock
    sheet to see seasonality).

    Parameters
    ----------
    last_year_next_90_units : float
        U_ly: units sold in the ``days`` days starting one year ago from the as-of date, ≥ 0.
    yoy_growth : float
        g: growth from :func:`yoy_growth`, ≥ −1; NaN (no base last year) → no adjustment.
    days : int
        d: length of the period, ≥ 1.

    Returns
    -------
    float

    Examples
    --------
    900 units in the same 90 days last year, +20 % year on year:

    >>> round(seasonal_ads(900, 0.2), 6)
    12.0
    """
    units = _non_negative("last_year_next_90_units", last_year_next_90_units)
    days_f = _positive("days", days)
    g = float(yoy_growth)
    if math.isnan(g):
        g = 0.0
    if not (math.isfinite(g) and g >= -1):
        raise ValueError(f"yoy_growth must be a finite number ≥ -1, got {yoy_growth!r}.")
    return units / days_f * (1 + g)


# ---------------------------------------------------------------------------------------------
# advertising
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdBudget:
    """Result of :func:`ad_budget`.

    Attributes
    ----------
    clicks : float
        Clicks needed to sell the target units.
    budget_all_ads : float
        Budget if every order came from ads (the upper bound).
    budget : float
        Expected budget: the upper bound × the share of orders that come from ads (the lower bound).
    """

    clicks: float
    budget_all_ads: float
    budget: float


def ad_budget(target_units: float, cvr: float, cpc: float, ad_order_share: float) -> AdBudget:
    """Back-calculate an ad budget from a unit target (seed 001 "广告预算倒推").

    clicks = N / CVR; B_max = clicks × CPC; B = B_max × s, with N the target units and s the share
    of orders that come from ads.

    Parameters
    ----------
    target_units : float
        N: units to sell, ≥ 0.
    cvr : float
        Conversion rate per click, in (0, 1].
    cpc : float
        Average cost per click, ≥ 0.
    ad_order_share : float
        s: share of orders from ads, in [0, 1].

    Returns
    -------
    AdBudget

    Examples
    --------
    Seed 001: 100 units, CVR 5 %, CPC $2, 40 % of orders from ads → 2,000 clicks, $4,000 upper,
    $1,600 lower:

    >>> b = ad_budget(100, 0.05, 2.0, 0.4)
    >>> round(b.clicks), round(b.budget_all_ads), round(b.budget)
    (2000, 4000, 1600)
    """
    target_units = _non_negative("target_units", target_units)
    cpc = _non_negative("cpc", cpc)
    cvr = float(cvr)
    if not 0 < cvr <= 1:
        raise ValueError(f"cvr must be in (0, 1], got {cvr!r}.")
    ad_order_share = float(ad_order_share)
    if not 0 <= ad_order_share <= 1:
        raise ValueError(f"ad_order_share must be in [0, 1], got {ad_order_share!r}.")
    clicks = target_units / cvr
    budget_all_ads = clicks * cpc
    return AdBudget(clicks=clicks, budget_all_ads=budget_all_ads, budget=budget_all_ads * ad_order_share)


def roas(ad_sales: float, spend: float) -> float:
    """Return on ad spend: ad sales ÷ ad spend (seed 001, DESIGN.md "WOC × ROAS matrix").

    Parameters
    ----------
    ad_sales : float
        Sales attributed to ads, ≥ 0.
    spend : float
        Ad spend, ≥ 0.

    Returns
    -------
    float
        ``nan`` without spend: with no ads at all there is no ROAS, and ad sales with no spend (a report
        that attributes sales to a free or not yet billed click) give no return *on spend* either. An
        infinite ROAS would read as "above any target" and send the SKU to "scale" (issue 17).

    Examples
    --------
    >>> roas(500, 200)
    2.5
    """
    ad_sales = _non_negative("ad_sales", ad_sales)
    spend = _non_negative("spend", spend)
    if spend == 0:
        return math.nan
    return ad_sales / spend


def acos(ad_sales: float, spend: float) -> float:
    """Advertising cost of sale: ad spend ÷ ad sales, as a fraction (0.25 = 25 %) (seed 002).

    Parameters
    ----------
    ad_sales : float
        Sales attributed to ads, ≥ 0.
    spend : float
        Ad spend, ≥ 0.

    Returns
    -------
    float
        ``nan`` when both are 0 (no ad data); ``math.inf`` when money was spent with no sales.

    Examples
    --------
    >>> acos(500, 200)
    0.4
    """
    ad_sales = _non_negative("ad_sales", ad_sales)
    spend = _non_negative("spend", spend)
    if ad_sales == 0:
        return math.nan if spend == 0 else math.inf
    return spend / ad_sales


def break_even_roas(price: float, unit_cost: float, other_cost_per_unit: float = 0.0) -> float:
    """ROAS at which ad spend eats the whole margin: 1 ÷ margin (DESIGN.md "WOC × ROAS matrix").

    m = (p − c − o) / p; ROAS_be = 1 / m.

    Parameters
    ----------
    price : float
        p: selling price, > 0.
    unit_cost : float
        c: landed cost per unit, ≥ 0.
    other_cost_per_unit : float
        o: fees and other per-unit costs (FBA, referral), ≥ 0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        When the margin is ≤ 0: no ROAS breaks even.

    Examples
    --------
    $25 price, $10 cost, $5 fees → 40 % margin:

    >>> round(break_even_roas(25, 10, 5), 6)
    2.5
    """
    price = _positive("price", price)
    unit_cost = _non_negative("unit_cost", unit_cost)
    other = _non_negative("other_cost_per_unit", other_cost_per_unit)
    margin = (price - unit_cost - other) / price
    if margin <= 0:
        raise ValueError(
            f"margin must be positive to break even, got {margin:.4f}: costs reach the price, no ROAS breaks even."
        )
    return 1 / margin


def strategy(
    woc: float,
    roas: float,
    target_roas: float,
    *,
    risk_below: float = 3,
    overstock_above: float = 6,
    aged_at: float = 52,
) -> Strategy:
    """Ad strategy from the WOC × ROAS matrix (seed 001 "库存管理广告分析矩阵").

    1. WOC < 3 → ``"protect_stock"`` (throttle ads, whatever the ROAS);
    2. WOC 3–6, ROAS ≥ target → ``"scale"``;
    3. WOC 3–6, ROAS < target → ``"optimise"``;
    4. WOC > 6, ROAS ≥ target → ``"push_traffic"``;
    5. WOC > 6, ROAS < target → ``"raise_conversion"``;
    WOC ≥ 52 → ``"aged"`` (outside the matrix: clearance). Bands as in :func:`woc_band`. A NaN ROAS
    (no ad data, or no spend) places the SKU on no ROAS side: ``"no_ad_data"`` in the healthy and
    overstock bands (there are no bids or negatives to optimise); stock at risk is still protected.

    Parameters
    ----------
    woc : float
        Weeks of cover, ≥ 0.
    roas : float
        ROAS over the chosen window, ≥ 0, ``math.inf`` or NaN.
    target_roas : float
        Threshold ROAS, finite and ≥ 0 (e.g. :func:`break_even_roas`).
    risk_below, overstock_above, aged_at : float
        WOC band limits in weeks.

    Returns
    -------
    {"protect_stock", "scale", "optimise", "push_traffic", "raise_conversion", "aged", "no_ad_data"}

    Examples
    --------
    Seed 001's 8-week SKU with ROAS 3 against a 2.5 target → more traffic to sell through:

    >>> strategy(8, 3.0, 2.5)
    'push_traffic'
    """
    r = float(roas)
    if r < 0:
        raise ValueError(f"roas must be ≥ 0 or NaN, got {roas!r}.")
    target = _non_negative("target_roas", target_roas)
    band = woc_band(woc, risk_below=risk_below, overstock_above=overstock_above, aged_at=aged_at)
    if band == "aged":
        return "aged"
    if band == "stockout_risk":
        return "protect_stock"
    if math.isnan(r):
        return "no_ad_data"
    at_target = r >= target
    if band == "healthy":
        return "scale" if at_target else "optimise"
    return "push_traffic" if at_target else "raise_conversion"


# ---------------------------------------------------------------------------------------------
# prices around a stockout
# ---------------------------------------------------------------------------------------------


def price_step(price: float, pct_low: float, pct_high: float) -> tuple[float, float]:
    """Price range after a rise of ``pct_low``..``pct_high``, rounded to cents.

    p × (1 + r_low), p × (1 + r_high) (seed 000 "断货前": a medium gap of 10–15 days → raise the
    price 5–10 %, never a jump like 7.99 → 9.99 on a low-price item).

    Parameters
    ----------
    price : float
        Current price, > 0.
    pct_low, pct_high : float
        Rise as fractions, ``0 ≤ pct_low ≤ pct_high``.

    Returns
    -------
    tuple of float
        (low, high) prices rounded to 2 decimals.

    Examples
    --------
    $19.99, +5–10 %:

    >>> price_step(19.99, 0.05, 0.10)
    (20.99, 21.99)
    """
    price = _positive("price", price)
    pct_low = _non_negative("pct_low", pct_low)
    pct_high = _non_negative("pct_high", pct_high)
    if pct_low > pct_high:
        raise ValueError("pct_low must be ≤ pct_high.")
    return round(price * (1 + pct_low), 2), round(price * (1 + pct_high), 2)


def discount_steps(full_price: float, first_discount: float = 0.3, steps: int = 3) -> list[float]:
    """After-stockout price ladder: from the discounted price back to full price in ``steps`` steps.

    pₖ = P × (1 − d × (1 − k / (n − 1))), k = 0..n−1: the discount shrinks linearly to 0 (seed 000
    "断货后": discount 20–35 %, never 50 % or more, step back to full price in 2–3 steps as sales and
    ranks recover).

    Parameters
    ----------
    full_price : float
        P: the normal price, > 0.
    first_discount : float
        d: first step's discount as a fraction, in (0, 0.5).
    steps : int
        n: number of prices in the ladder including the final full price, ≥ 2.

    Returns
    -------
    list of float
        ``steps`` prices rounded to 2 decimals, ascending, the last one ``full_price``.

    Examples
    --------
    $20, 30 % off, 3 steps:

    >>> discount_steps(20.0, 0.3, 3)
    [14.0, 17.0, 20.0]
    """
    full_price = _positive("full_price", full_price)
    d = float(first_discount)
    if not 0 < d < 0.5:
        raise ValueError(
            f"first_discount must be in (0, 0.5), got {first_discount!r}: a discount of 50 % or more is a clearance."
        )
    if isinstance(steps, bool) or not float(steps).is_integer() or steps < 2:
        raise ValueError(f"steps must be a whole number ≥ 2, got {steps!r}.")
    n = int(steps)
    return [round(full_price * (1 - d * (1 - k / (n - 1))), 2) for k in range(n)]


# ---------------------------------------------------------------------------------------------
# weekly KPI flags (seed 002)
# ---------------------------------------------------------------------------------------------


def conversion_drop_flag(cvr_this_week: float, cvr_last_week: float, threshold: float = 0.15) -> bool:
    """Flag a week-on-week conversion drop of more than ``threshold`` (seed 002: "转化率下降超 15%").

    (c₀ − c₁) / c₀ > θ with c₀ last week's and c₁ this week's unit session percentage (relative
    drop, not percentage points). No base last week (c₀ = 0) → ``False``.

    Parameters
    ----------
    cvr_this_week, cvr_last_week : float
        Conversion rates, ≥ 0.
    threshold : float
        θ, ≥ 0.

    Returns
    -------
    bool

    Examples
    --------
    12 % → 10 % is a 16.7 % drop:

    >>> conversion_drop_flag(0.10, 0.12)
    True
    """
    c1 = _non_negative("cvr_this_week", cvr_this_week)
    c0 = _non_negative("cvr_last_week", cvr_last_week)
    threshold = _non_negative("threshold", threshold)
    if c0 == 0:
        return False
    return _exceeds((c0 - c1) / c0, threshold)


def ctr_flag(clicks: float, impressions: float, threshold: float = 0.003) -> bool:
    """Flag a keyword/target whose click-through rate is below ``threshold`` (seed 002: CTR < 0.3 %).

    clicks / impressions < θ. No impressions → ``False`` (nothing to judge).

    Parameters
    ----------
    clicks, impressions : float
        Counts, ≥ 0.
    threshold : float
        θ as a fraction, ≥ 0.

    Returns
    -------
    bool

    Examples
    --------
    2 clicks on 1,000 impressions = 0.2 %:

    >>> ctr_flag(2, 1000)
    True
    """
    clicks = _non_negative("clicks", clicks)
    impressions = _non_negative("impressions", impressions)
    threshold = _non_negative("threshold", threshold)
    if impressions == 0:
        return False
    return _exceeds(threshold, clicks / impressions)


def cpc_flag(cpc: float, target_cpc: float, factor: float = 1.5) -> bool:
    """Flag a CPC more than ``factor`` × the target (seed 002: "CPC 超出预算 50%").

    Parameters
    ----------
    cpc : float
        Actual cost per click, ≥ 0.
    target_cpc : float
        Target CPC, > 0.
    factor : float
        Multiplier, ≥ 0.

    Returns
    -------
    bool

    Examples
    --------
    $1.30 against a $0.80 target (limit $1.20):

    >>> cpc_flag(1.30, 0.80)
    True
    """
    cpc = _non_negative("cpc", cpc)
    target_cpc = _positive("target_cpc", target_cpc)
    factor = _non_negative("factor", factor)
    return _exceeds(cpc, factor * target_cpc)


def acos_flag(acos: float, target_acos: float, factor: float = 1.5) -> bool:
    """Flag an ACoS more than ``factor`` × the target (seed 002: "ACoS > 目标值 1.5 倍 → 暂停广告组").

    Parameters
    ----------
    acos : float
        Actual ACoS as a fraction, ≥ 0; ``math.inf`` (spend, no sales) flags; NaN (no data) does not.
    target_acos : float
        Target ACoS as a fraction, > 0.
    factor : float
        Multiplier, ≥ 0.

    Returns
    -------
    bool

    Examples
    --------
    40 % against a 25 % target (limit 37.5 %):

    >>> acos_flag(0.40, 0.25)
    True
    """
    target_acos = _positive("target_acos", target_acos)
    factor = _non_negative("factor", factor)
    a = float(acos)
    if math.isnan(a):
        return False
    a = _non_negative_or_inf("acos", a)
    return _exceeds(a, factor * target_acos)


# ---------------------------------------------------------------------------------------------
# periodic-review policy and consistent advice (issue 14, DESIGN.md "Decision quality")
# ---------------------------------------------------------------------------------------------

Advice = Literal["urgent", "reorder", "watch", "ok"]
CoverColour = Literal["yellow", "red", ""]


def _array(name: str, value: ArrayLike, *, allow_inf: bool = False) -> NDArray[np.float64]:
    arr = np.atleast_1d(np.asarray(value, dtype=np.float64))
    ok = (arr >= 0) & (np.isfinite(arr) | (allow_inf & np.isinf(arr)))
    if not np.all(ok):
        raise ValueError(f"{name} must be {'non-negative numbers' if allow_inf else 'finite non-negative numbers'}.")
    return arr


def order_up_to_level_many(
    ads: ArrayLike, lead_time_days: ArrayLike, review_period_days: ArrayLike, safety_stock: ArrayLike
) -> NDArray[np.float64]:
    """Order-up-to level of a periodic-review (R, S) policy: S = ADS × (L + R) + SS.

    An order placed at a review must last until the order placed at the *next* review arrives, i.e. the
    lead time L plus the review period R (Silver, Pyke & Thomas, *Inventory and Production Management in
    Supply Chains*, 4th ed., §6.7 "the (R, S) system": protection over R + L). With R = 0 it is seed 000's
    补货量 formula before subtracting stock (ADS × 补货周期 + 安全库存).

    Parameters
    ----------
    ads : array_like
        Average daily sales (units/day), ≥ 0.
    lead_time_days : array_like
        L: order → sellable at FBA, days, ≥ 0.
    review_period_days : array_like
        R: days between two reviews (7: the weekly review), ≥ 0.
    safety_stock : array_like
        SS in units, ≥ 0 (days of sales × ADS, or :func:`safety_stock_statistical_many`).

    Returns
    -------
    numpy.ndarray
        S in units (not rounded).

    Examples
    --------
    ADS 10, lead 60 d, a weekly review, 14 safety days (140 units) → 10 × 67 + 140:

    >>> order_up_to_level_many([10], [60], [7], [140]).tolist()
    [810.0]
    """
    a = _array("ads", ads)
    lead = _array("lead_time_days", lead_time_days)
    review = _array("review_period_days", review_period_days)
    ss = _array("safety_stock", safety_stock)
    return a * (lead + review) + ss


def reorder_quantity_many(order_up_to: ArrayLike, inventory_position: ArrayLike) -> NDArray[np.int64]:
    """Units to order now: Q = ⌈S − (on hand + inbound)⌉⁺ (seed 000 补货量 with S from
    :func:`order_up_to_level_many`).

    Parameters
    ----------
    order_up_to : array_like
        S in units, ≥ 0.
    inventory_position : array_like
        FBA on hand + inbound (+ anything already ordered), ≥ 0.

    Returns
    -------
    numpy.ndarray of int64
        Whole units, ≥ 0 (float noise removed before rounding up).

    Examples
    --------
    DESIGN.md worked example with R = 0: S = 10 × 60 + 140 = 740, stock 300 + inbound 200 → 240; with the
    weekly review S = 810 → 310:

    >>> reorder_quantity_many([740, 810], [500, 500]).tolist()
    [240, 310]
    """
    s = _array("order_up_to", order_up_to)
    pos = _array("inventory_position", inventory_position)
    need = np.ceil(np.round(s - pos, _ROUND_DECIMALS))
    return np.maximum(need, 0).astype(np.int64)


def safety_stock_statistical_many(
    sigma_daily: ArrayLike, ads: ArrayLike, lead_time_days: ArrayLike, review_period_days: ArrayLike,
    lead_time_sigma_days: ArrayLike, service_level: float = 0.95,
) -> NDArray[np.float64]:
    """Safety stock from demand variability and lead-time spread: SS = z_α √((L + R) σ_D² + D² σ_L²).

    Silver, Pyke & Thomas (4th ed.), eq. 6.8 with a random lead time (σ over the protection interval of
    independent days plus the demand during the lead-time deviation), the interval being L + R under
    periodic review (§6.7). With R = 0 and σ_L = 0 it is :func:`safety_stock_statistical`.

    Parameters
    ----------
    sigma_daily : array_like
        σ_D: standard deviation of daily demand on in-stock days, ≥ 0.
    ads : array_like
        D: average daily sales, ≥ 0.
    lead_time_days, review_period_days : array_like
        L and R in days, ≥ 0.
    lead_time_sigma_days : array_like
        σ_L: standard deviation of the lead time in days (learned from received shipments), ≥ 0.
    service_level : float
        α, the cycle service level, in [0.5, 1).

    Returns
    -------
    numpy.ndarray
        Units (not rounded).

    Examples
    --------
    σ_D 4, ADS 10, L 49, R 7, σ_L 5 d at 95 % → 1.6449 × √(56 × 16 + 100 × 25) = 1.6449 × 58.275:

    >>> [round(float(x), 2) for x in safety_stock_statistical_many([4], [10], [49], [7], [5], 0.95)]
    [95.85]
    """
    sd = _array("sigma_daily", sigma_daily)
    d = _array("ads", ads)
    lead = _array("lead_time_days", lead_time_days)
    review = _array("review_period_days", review_period_days)
    sl = _array("lead_time_sigma_days", lead_time_sigma_days)
    level = float(service_level)
    if not 0.5 <= level < 1:
        raise ValueError(f"service_level must be in [0.5, 1), got {service_level!r}.")
    z = NormalDist().inv_cdf(level)
    return z * np.sqrt((lead + review) * sd**2 + d**2 * sl**2)


def order_due_in_days(
    ads: ArrayLike, inventory_position: ArrayLike, lead_time_days: ArrayLike, safety_stock: ArrayLike
) -> NDArray[np.float64]:
    """Days until the inventory position falls to the reorder point ADS × L + SS: (IP − ADS × L − SS) ÷ ADS.

    The latest order date is the as-of date plus this (DESIGN.md "Reorder quantity"; with SS = safety days
    × ADS it is cover incl. inbound − lead time − safety days, :func:`latest_order_date_offset`). ``inf``
    when nothing sells. Under a review period R an order is due now when this is below R.

    Parameters
    ----------
    ads, inventory_position, lead_time_days, safety_stock : array_like
        ≥ 0, in units/day, units, days and units.

    Returns
    -------
    numpy.ndarray
        Days from the as-of date (negative: the order is late by that many days).

    Examples
    --------
    ADS 10, 900 on hand and inbound, lead 60, 140 safety → (900 − 740) ÷ 10:

    >>> order_due_in_days([10], [900], [60], [140]).tolist()
    [16.0]
    """
    a = _array("ads", ads)
    pos = _array("inventory_position", inventory_position)
    lead = _array("lead_time_days", lead_time_days)
    ss = _array("safety_stock", safety_stock)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(a > 0, (pos - a * lead - ss) / np.where(a > 0, a, 1.0), np.inf)


def advice_many(
    reorder_qty: ArrayLike, air_qty: ArrayLike, order_due_days: ArrayLike, review_period_days: float
) -> NDArray[np.str_]:
    """What to do this week, never contradicting the quantities (DESIGN.md "Decision quality").

    ``"urgent"``: order now and fly some (air quantity > 0); ``"reorder"``: order now (reorder quantity
    > 0); ``"watch"``: nothing to order today, but the order falls due within the next review period
    (due in fewer than 2 R days: it will be ordered at the next review); ``"ok"``. "Order now" is thus
    never shown without a quantity, and a quantity is never shown without "order now". The seed's red/
    yellow cover lines are colours (:func:`cover_colour_many`), not orders.

    Parameters
    ----------
    reorder_qty, air_qty : array_like
        Units, ≥ 0.
    order_due_days : array_like
        From :func:`order_due_in_days` (``inf`` allowed, negative allowed).
    review_period_days : float
        R, ≥ 0.

    Returns
    -------
    numpy.ndarray of str

    Examples
    --------
    >>> advice_many([310, 0, 0, 0], [120, 0, 0, 0], [-3, 8, 20, float("inf")], 7).tolist()
    ['urgent', 'watch', 'ok', 'ok']
    """
    q = _array("reorder_qty", reorder_qty)
    air = _array("air_qty", air_qty)
    due = np.atleast_1d(np.asarray(order_due_days, dtype=np.float64))
    review = _non_negative("review_period_days", review_period_days)
    watch = (due < 2 * review) & (q <= 0) & (air <= 0)
    return np.select([air > 0, q > 0, watch], ["urgent", "reorder", "watch"], default="ok")


def cover_colour_many(days_of_cover: ArrayLike, *, reorder_days: float = 75, urgent_days: float = 20) -> NDArray[np.str_]:
    """The seller's sheet colour of a days-of-cover cell (seed 000 补货库存预警表): on-hand cover ≤ 20 days
    yellow, ≤ 75 days red, else none. A colour, not an order: the advice is :func:`advice_many`.

    The thresholds are :func:`alert_level`'s cover lines (``watch_days = reorder_days``, no rising-sales rule).

    Examples
    --------
    >>> cover_colour_many([12, 60, 90, float("inf")]).tolist()
    ['yellow', 'red', '', '']
    """
    levels = [alert_level(float(c), reorder_days=reorder_days, urgent_days=urgent_days, watch_days=reorder_days)
              for c in _array("days_of_cover", days_of_cover, allow_inf=True)]
    colour = {"urgent": "yellow", "reorder": "red"}
    return np.array([colour.get(level, "") for level in levels], dtype=str)

"""Cover: weeks of cover (WOC) and its bands, days of cover, the cover alert level and the sheet colour.

Seed 001 (WOC = stock ÷ last four weeks' units × 4, the 3 / 6 / 52-week bands) and seed 000 (days of cover,
the 20 / 75-day restock lines). Each formula is an array function over many SKUs; the scalar form checks
its inputs and calls it for one.
"""

from __future__ import annotations

from typing import Any, Literal, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    as_array,
    non_negative,
    non_negative_or_inf,
)

WocBand = Literal["stockout_risk", "healthy", "overstock", "aged"]
AlertLevel = Literal["urgent", "reorder", "watch", "ok"]
CoverColour = Literal["yellow", "red", ""]


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
    inventory = non_negative("inventory", inventory)
    units_last_4_weeks = non_negative("units_last_4_weeks", units_last_4_weeks)
    return float(weeks_of_cover_many([inventory], [units_last_4_weeks])[0])


def weeks_of_cover_many(inventory: ArrayLike, units_last_4_weeks: ArrayLike) -> NDArray[np.float64]:
    """Weeks of cover of many SKUs: I / S₄ × 4 per SKU (the array form of :func:`weeks_of_cover`).

    ``0`` without stock, ``inf`` with stock and no sales; a count of units ≤ 0 (returns that outweigh the
    sales) is no sales.

    Examples
    --------
    >>> weeks_of_cover_many([2000, 10, 0], [1000, 0, 50]).tolist()
    [8.0, inf, 0.0]
    """
    stock = as_array("inventory", inventory)
    units = np.atleast_1d(np.asarray(units_last_4_weeks, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        woc = stock / np.where(units > 0, units, 1.0) * 4
        return np.where(units > 0, woc, np.where(stock > 0, np.inf, 0.0))


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
    woc = non_negative_or_inf("woc", woc)
    band = woc_band_many([woc], risk_below=risk_below, overstock_above=overstock_above, aged_at=aged_at)[0]
    return cast(WocBand, band)


def band_limits(risk_below: float, overstock_above: float, aged_at: float) -> tuple[float, float, float]:
    """The WOC band limits as floats, or raise unless they are finite, ≥ 0 and ordered."""
    limits = (
        non_negative("risk_below", risk_below),
        non_negative("overstock_above", overstock_above),
        non_negative("aged_at", aged_at),
    )
    if not limits[0] <= limits[1] <= limits[2]:
        raise ValueError("band limits must be ordered: risk_below ≤ overstock_above ≤ aged_at.")
    return limits


def woc_band_many(
    woc: ArrayLike, *, risk_below: float = 3, overstock_above: float = 6, aged_at: float = 52
) -> NDArray[np.object_]:
    """The seed 001 band of many weeks of cover (the array form of :func:`woc_band`).

    A NaN WOC (no weeks of cover: a SKU under four weeks old) has no band: ``None``.

    Examples
    --------
    >>> woc_band_many([2, 4, 8, 60, float("inf"), float("nan")]).tolist()
    ['stockout_risk', 'healthy', 'overstock', 'aged', 'aged', None]
    """
    risk, over, aged = band_limits(risk_below, overstock_above, aged_at)
    w = np.atleast_1d(np.asarray(woc, dtype=np.float64))
    if np.any(w < 0):
        raise ValueError("woc must be ≥ 0 (inf allowed) or NaN.")
    bands: list[Any] = [None, "aged", "stockout_risk", "healthy"]
    return np.select([np.isnan(w), w >= aged, w < risk, w <= over], bands, default="overstock").astype(object)


def days_of_cover(available: float, velocity: float) -> float:
    """Days of cover (可售天数): available stock ÷ average daily sales.

    D = A / ADS (seed 000, the restock sheet's "可售库存天数"; DESIGN.md "Days of cover"). For cover
    including inbound stock pass ``available + inbound``.

    Parameters
    ----------
    available : float
        Sellable units (A), ≥ 0.
    velocity : float
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
    available = non_negative("available", available)
    velocity = non_negative("velocity", velocity)
    return float(days_of_cover_many([available], [velocity])[0])


def days_of_cover_many(available: ArrayLike, velocity: ArrayLike) -> NDArray[np.float64]:
    """Days of cover of many SKUs: A / ADS per SKU (the array form of :func:`days_of_cover`).

    Examples
    --------
    >>> days_of_cover_many([500, 1, 0, 0], [50, 0, 0, 3.5]).tolist()
    [10.0, inf, 0.0, 0.0]
    """
    stock = as_array("available", available)
    rate = as_array("velocity", velocity)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(rate > 0, stock / np.where(rate > 0, rate, 1.0), np.where(stock > 0, np.inf, 0.0))


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
    cover = non_negative_or_inf("days_of_cover", days_of_cover)
    level = alert_level_many(
        [cover],
        reorder_days=reorder_days,
        urgent_days=urgent_days,
        rising_sales=[rising_sales],
        rising_cover_days=rising_cover_days,
        watch_days=watch_days,
    )[0]
    return cast(AlertLevel, str(level))


def alert_level_many(
    days_of_cover: ArrayLike,
    *,
    reorder_days: float = 75,
    urgent_days: float = 20,
    rising_sales: ArrayLike = False,
    rising_cover_days: float = 30,
    watch_days: float | None = None,
) -> NDArray[np.str_]:
    """The restock alert level of many days of cover (the array form of :func:`alert_level`).

    Examples
    --------
    >>> alert_level_many([12, 60, 100, 200]).tolist()
    ['urgent', 'reorder', 'watch', 'ok']
    """
    cover = as_array("days_of_cover", days_of_cover, allow_inf=True)
    reorder_days = non_negative("reorder_days", reorder_days)
    urgent_days = non_negative("urgent_days", urgent_days)
    rising_cover_days = non_negative("rising_cover_days", rising_cover_days)
    watch = reorder_days * 1.5 if watch_days is None else non_negative("watch_days", watch_days)
    if urgent_days > reorder_days:
        raise ValueError("urgent_days must be ≤ reorder_days.")
    if watch < reorder_days:
        raise ValueError("watch_days must be ≥ reorder_days.")
    rising = np.broadcast_to(np.asarray(rising_sales, dtype=bool), cover.shape)
    rising_low = rising & (cover < rising_cover_days)
    conditions = [cover <= urgent_days, cover <= reorder_days, rising_low, cover <= watch]
    return np.select(conditions, ["urgent", "reorder", "reorder", "watch"], default="ok")


def cover_colour_many(
    days_of_cover: ArrayLike, *, reorder_days: float = 75, urgent_days: float = 20
) -> NDArray[np.str_]:
    """The seller's sheet colour of a days-of-cover cell (seed 000 补货库存预警表): on-hand cover ≤ 20 days
    yellow, ≤ 75 days red, else none. A colour, not an order: the advice is :func:`advice_many`.

    The thresholds are :func:`alert_level`'s cover lines (``watch_days = reorder_days``, no rising-sales
    rule).

    Examples
    --------
    >>> cover_colour_many([12, 60, 90, float("inf")]).tolist()
    ['yellow', 'red', '', '']
    """
    levels = alert_level_many(
        days_of_cover, reorder_days=reorder_days, urgent_days=urgent_days, watch_days=reorder_days
    )
    return np.select([levels == "urgent", levels == "reorder"], ["yellow", "red"], default="")

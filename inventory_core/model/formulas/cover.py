"""Cover: weeks of cover (WOC) and its bands, days of cover, the cover alert level and the sheet colour.

Seed 001 (WOC = stock ÷ last four weeks' units × 4, the 3 / 6 / 52-week bands) and seed 000 (days of cover,
the 20 / 75-day restock lines). Each formula is an array function over many SKUs; the scalar form checks
its inputs and calls it for one.
"""

from __future__ import annotations

import math
from typing import Literal

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
    woc = non_negative_or_inf("woc", woc)
    risk_below = non_negative("risk_below", risk_below)
    overstock_above = non_negative("overstock_above", overstock_above)
    aged_at = non_negative("aged_at", aged_at)
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
    available = non_negative("available", available)
    ads = non_negative("ads", ads)
    if available == 0:
        return 0.0
    if ads == 0:
        return math.inf
    return available / ads


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
    reorder_days = non_negative("reorder_days", reorder_days)
    urgent_days = non_negative("urgent_days", urgent_days)
    rising_cover_days = non_negative("rising_cover_days", rising_cover_days)
    watch = reorder_days * 1.5 if watch_days is None else non_negative("watch_days", watch_days)
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
              for c in as_array("days_of_cover", days_of_cover, allow_inf=True)]
    colour = {"urgent": "yellow", "reorder": "red"}
    return np.array([colour.get(level, "") for level in levels], dtype=str)

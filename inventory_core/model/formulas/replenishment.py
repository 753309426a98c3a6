"""Replenishment: order-up-to level, reorder quantity, safety stock, the order due date and the advice.

Seed 000's 补货量 (ADS × lead time + safety stock − stock − inbound) under a periodic review (Silver, Pyke &
Thomas, §6.7), the statistical safety stock (eq. 6.8), and the week's advice that never contradicts the
quantities (DESIGN.md "Decision quality"). Array functions; the scalar forms are thin calls of them.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    ROUND_DECIMALS,
    as_array,
    non_negative,
    non_negative_or_inf,
)

Advice = Literal["urgent", "reorder", "watch", "ok"]


def reorder_quantity(
    velocity: float,
    lead_time_days: float,
    safety_days: float,
    on_hand: float,
    inbound: float,
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
    velocity : float
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
    velocity = non_negative("velocity", velocity)
    lead_time_days = non_negative("lead_time_days", lead_time_days)
    safety_days = non_negative("safety_days", safety_days)
    on_hand = non_negative("on_hand", on_hand)
    inbound = non_negative("inbound", inbound)
    review = non_negative("review_period_days", review_period_days)
    level = order_up_to_level_many([velocity], [lead_time_days], [review], [safety_days * velocity])
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
    sigma_daily = non_negative("sigma_daily", sigma_daily)
    lead_time_days = non_negative("lead_time_days", lead_time_days)
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
    cover = non_negative_or_inf("days_of_cover", days_of_cover)
    lead_time_days = non_negative("lead_time_days", lead_time_days)
    safety_days = non_negative("safety_days", safety_days)
    return cover - lead_time_days - safety_days


def order_up_to_level_many(
    velocity: ArrayLike, lead_time_days: ArrayLike, review_period_days: ArrayLike, safety_stock: ArrayLike
) -> NDArray[np.float64]:
    """Order-up-to level of a periodic-review (R, S) policy: S = ADS × (L + R) + SS.

    An order placed at a review must last until the order placed at the *next* review arrives, i.e. the
    lead time L plus the review period R (Silver, Pyke & Thomas, *Inventory and Production Management in
    Supply Chains*, 4th ed., §6.7 "the (R, S) system": protection over R + L). With R = 0 it is seed 000's
    补货量 formula before subtracting stock (ADS × 补货周期 + 安全库存).

    Parameters
    ----------
    velocity : array_like
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
    a = as_array("velocity", velocity)
    lead = as_array("lead_time_days", lead_time_days)
    review = as_array("review_period_days", review_period_days)
    ss = as_array("safety_stock", safety_stock)
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
    s = as_array("order_up_to", order_up_to)
    pos = as_array("inventory_position", inventory_position)
    need = np.ceil(np.round(s - pos, ROUND_DECIMALS))
    return np.maximum(need, 0).astype(np.int64)


def safety_stock_statistical_many(
    sigma_daily: ArrayLike,
    velocity: ArrayLike,
    lead_time_days: ArrayLike,
    review_period_days: ArrayLike,
    lead_time_sigma_days: ArrayLike,
    service_level: float = 0.95,
) -> NDArray[np.float64]:
    """Safety stock from demand variability and lead-time spread: SS = z_α √((L + R) σ_D² + D² σ_L²).

    Silver, Pyke & Thomas (4th ed.), eq. 6.8 with a random lead time (σ over the protection interval of
    independent days plus the demand during the lead-time deviation), the interval being L + R under
    periodic review (§6.7). With R = 0 and σ_L = 0 it is :func:`safety_stock_statistical`.

    Parameters
    ----------
    sigma_daily : array_like
        σ_D: standard deviation of daily demand on in-stock days, ≥ 0.
    velocity : array_like
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
    sd = as_array("sigma_daily", sigma_daily)
    d = as_array("velocity", velocity)
    lead = as_array("lead_time_days", lead_time_days)
    review = as_array("review_period_days", review_period_days)
    sl = as_array("lead_time_sigma_days", lead_time_sigma_days)
    level = float(service_level)
    if not 0.5 <= level < 1:
        raise ValueError(f"service_level must be in [0.5, 1), got {service_level!r}.")
    z = NormalDist().inv_cdf(level)
    return z * np.sqrt((lead + review) * sd**2 + d**2 * sl**2)


def order_due_in_days(
    velocity: ArrayLike, inventory_position: ArrayLike, lead_time_days: ArrayLike, safety_stock: ArrayLike
) -> NDArray[np.float64]:
    """Days until the inventory position falls to the reorder point ADS × L + SS: (IP − ADS × L − SS) ÷ ADS.

    The latest order date is the as-of date plus this (DESIGN.md "Reorder quantity"; with SS = safety days
    × ADS it is cover incl. inbound − lead time − safety days, :func:`latest_order_date_offset`). ``inf``
    when nothing sells. Under a review period R an order is due now when this is below R.

    Parameters
    ----------
    velocity, inventory_position, lead_time_days, safety_stock : array_like
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
    a = as_array("velocity", velocity)
    pos = as_array("inventory_position", inventory_position)
    lead = as_array("lead_time_days", lead_time_days)
    ss = as_array("safety_stock", safety_stock)
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
    q = as_array("reorder_qty", reorder_qty)
    air = as_array("air_qty", air_qty)
    due = np.atleast_1d(np.asarray(order_due_days, dtype=np.float64))
    review = non_negative("review_period_days", review_period_days)
    watch = (due < 2 * review) & (q <= 0) & (air <= 0)
    return np.select([air > 0, q > 0, watch], ["urgent", "reorder", "watch"], default="ok")

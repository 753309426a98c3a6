"""Stockout projection: the day-by-day walk of stock with arrivals, the gap's class, air freight to bridge it.

DESIGN.md "Stockout projection" and seed 000 "断货前": when stock runs out, how long until the next
shipment, how much demand is lost, and how many units to fly to stay in stock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    REL_TOL,
    ROUND_DECIMALS,
    as_array,
    non_negative,
)

GapClass = Literal["none", "short", "medium", "long"]


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
    available: float, velocity: float, arrivals: Sequence[tuple[int, float]], horizon_days: int
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
    velocity : float
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
    available = non_negative("available", available)
    velocity = non_negative("velocity", velocity)
    horizon = _horizon(horizon_days)
    incoming = np.zeros(horizon)
    for day, units in arrivals:
        d = _arrival_day(day)
        q = non_negative("arrival units", units)
        if d < horizon:
            incoming[max(d, 0)] += q

    out = project_stock_many([available], [velocity], incoming[None, :], horizon, trace=True)
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
    available: ArrayLike, velocity: ArrayLike, arrivals: ArrayLike, horizon_days: int, *, trace: bool = False
) -> dict[str, NDArray[Any]]:
    """The stockout projection of many SKUs at once: a loop over days, array operations across SKUs.

    The one implementation of the walk of :func:`project_stock` (DESIGN.md "Stockout projection"),
    which calls it for one SKU.

    Parameters
    ----------
    available : array_like, shape (n,)
        Sellable units per SKU at the start of day 0, ≥ 0.
    velocity : array_like, shape (n,)
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
    rate = np.asarray(velocity, dtype=np.float64)
    incoming = np.asarray(arrivals, dtype=np.float64)
    if avail.ndim != 1 or rate.shape != avail.shape:
        raise ValueError("available and velocity must be 1-D arrays of the same length.")
    if incoming.shape != (avail.shape[0], horizon):
        raise ValueError(
            f"arrivals must have shape (n_sku, horizon_days) = {(avail.shape[0], horizon)}, "
            f"got {incoming.shape}."
        )
    for name, arr in (("available", avail), ("velocity", rate), ("arrivals", incoming)):
        if not np.all(np.isfinite(arr) & (arr >= 0)):
            raise ValueError(f"{name} must be finite non-negative numbers.")

    n = avail.shape[0]
    tol = REL_TOL * np.maximum(1.0, rate)
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
    gap = math.nan if gap_days is None else non_negative("gap_days", gap_days)
    return cast(GapClass, str(gap_class_many([gap], short_max=short_max, medium_max=medium_max)[0]))


def gap_class_many(gap_days: ArrayLike, *, short_max: float = 7, medium_max: float = 30) -> NDArray[np.str_]:
    """The class of many stockout gaps (the array form of :func:`gap_class`); NaN is no gap.

    Examples
    --------
    >>> gap_class_many([float("nan"), 0, 5, 8, 45]).tolist()
    ['none', 'none', 'short', 'medium', 'long']
    """
    short_max_f = non_negative("short_max", short_max)
    medium_max_f = non_negative("medium_max", medium_max)
    if short_max_f > medium_max_f:
        raise ValueError("short_max must be ≤ medium_max.")
    gap = np.atleast_1d(np.asarray(gap_days, dtype=np.float64))
    if np.any(gap < 0):
        raise ValueError("gap_days must be ≥ 0 or NaN.")
    none = np.isnan(gap) | (gap == 0)
    return np.select(
        [none, gap <= short_max_f, gap <= medium_max_f], ["none", "short", "medium"], default="long"
    )


def air_bridge_quantity(
    velocity: float,
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
    velocity : float
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
    velocity = non_negative("velocity", velocity)
    air_lead_time_days = non_negative("air_lead_time_days", air_lead_time_days)
    if stockout_day is None or velocity == 0:
        return 0
    stockout = non_negative("stockout_day", stockout_day)
    if next_arrival_day is not None:
        end = non_negative("next_arrival_day", next_arrival_day)
    elif sea_lead_time_days is not None:
        end = non_negative("sea_lead_time_days", sea_lead_time_days)
    else:
        raise ValueError(
            "sea_lead_time_days must be given when next_arrival_day is None (no sea shipment to bridge to)."
        )
    return int(air_bridge_quantity_many([velocity], [stockout], [end], [air_lead_time_days], [math.nan])[0])


def air_bridge_quantity_many(
    velocity: ArrayLike,
    stockout_day: ArrayLike,
    next_arrival_day: ArrayLike,
    air_lead_time_days: ArrayLike,
    sea_lead_time_days: ArrayLike,
) -> NDArray[np.int64]:
    """Units to fly for many SKUs (the array form of :func:`air_bridge_quantity`, which holds the rules).

    NaN ``stockout_day`` = no stockout; NaN ``next_arrival_day`` = no sea shipment on the way, the bridge
    then runs to ``sea_lead_time_days`` (which must not be NaN for such a row when it sells and runs out).

    Examples
    --------
    >>> nan = float("nan")
    >>> air_bridge_quantity_many(
    ...     [10, 10, 10], [12, 12, nan], [40, nan, 40], [10, 10, 10], [60, 60, 60]
    ... ).tolist()
    [280, 480, 0]
    """
    rate = as_array("velocity", velocity)
    air = as_array("air_lead_time_days", air_lead_time_days)
    stockout = np.atleast_1d(np.asarray(stockout_day, dtype=np.float64))
    arrival = np.atleast_1d(np.asarray(next_arrival_day, dtype=np.float64))
    sea = np.atleast_1d(np.asarray(sea_lead_time_days, dtype=np.float64))
    for name, arr in (("stockout_day", stockout), ("next_arrival_day", arrival), ("sea_lead_time_days", sea)):
        if np.any(arr < 0) or np.any(np.isinf(arr)):
            raise ValueError(f"{name} must be finite non-negative numbers or NaN.")
    needs = ~np.isnan(stockout) & (rate > 0)
    end = np.where(np.isnan(arrival), sea, arrival)
    if np.any(needs & np.isnan(end)):
        raise ValueError(
            "sea_lead_time_days must be given when next_arrival_day is None (no sea shipment to bridge to)."
        )
    start = np.maximum(stockout, np.ceil(air))
    with np.errstate(invalid="ignore"):
        fly = needs & (end > start)
        units = np.ceil(np.round(np.where(fly, rate * (end - start), 0.0), ROUND_DECIMALS))
    return np.maximum(units, 0).astype(np.int64)


def lost_sales_value(velocity: float, gap_days: float, price: float) -> float:
    """Revenue lost during a stockout gap: ADS × gap days × price (DESIGN.md "Stockout projection").

    Parameters
    ----------
    velocity : float
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
    velocity = non_negative("velocity", velocity)
    gap_days = non_negative("gap_days", gap_days)
    price = non_negative("price", price)
    return velocity * gap_days * price

"""Advertising: the ad-budget back-calculation, ROAS, ACoS, break-even ROAS and the WOC × ROAS strategy.

Seed 001 ("广告预算倒推", "库存管理广告分析矩阵") and seed 002 (ACoS). The strategy is an array function
over many SKUs (:func:`strategies`); :func:`strategy` is one SKU of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    non_negative,
    non_negative_or_inf,
    positive,
)
from inventory_core.model.formulas.cover import woc_band_many

Strategy = Literal[
    "protect_stock", "scale", "optimise", "push_traffic", "raise_conversion", "aged", "no_ad_data"
]


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
    target_units = non_negative("target_units", target_units)
    cpc = non_negative("cpc", cpc)
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
    ad_sales = non_negative("ad_sales", ad_sales)
    spend = non_negative("spend", spend)
    return float(roas_many(ad_sales, spend)[0])


def roas_many(ad_sales: ArrayLike, spend: ArrayLike) -> NDArray[np.float64]:
    """ROAS of many rows (the array form of :func:`roas`): NaN where there is no spend.

    >>> roas_many([500, 40, 0], [200, 0, 0]).tolist()
    [2.5, nan, nan]
    """
    sales = np.atleast_1d(np.asarray(ad_sales, dtype=np.float64))
    cost = np.atleast_1d(np.asarray(spend, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(cost > 0, sales / np.where(cost > 0, cost, 1.0), np.nan)


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
    ad_sales = non_negative("ad_sales", ad_sales)
    spend = non_negative("spend", spend)
    return float(acos_many(ad_sales, spend)[0])


def acos_many(ad_sales: ArrayLike, spend: ArrayLike) -> NDArray[np.float64]:
    """ACoS of many rows (the array form of :func:`acos`): NaN with neither sales nor spend, ``inf`` for
    spend without sales.

    >>> acos_many([500, 0, 0], [200, 100, 0]).tolist()
    [0.4, inf, nan]
    """
    sales = np.atleast_1d(np.asarray(ad_sales, dtype=np.float64))
    cost = np.atleast_1d(np.asarray(spend, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = cost / np.where(sales > 0, sales, 1.0)
    return np.where(sales > 0, ratio, np.where(cost > 0, np.inf, np.nan))


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
    price = positive("price", price)
    unit_cost = non_negative("unit_cost", unit_cost)
    other = non_negative("other_cost_per_unit", other_cost_per_unit)
    found = float(break_even_roas_many([price], [unit_cost], [other])[0])
    if math.isnan(found):
        margin = (price - unit_cost - other) / price
        raise ValueError(
            f"margin must be positive to break even, got {margin:.4f}: "
            "costs reach the price, no ROAS breaks even."
        )
    return found


def break_even_roas_many(
    price: ArrayLike, unit_cost: ArrayLike, other_cost_per_unit: ArrayLike = 0.0
) -> NDArray[np.float64]:
    """Break-even ROAS of many SKUs: 1 ÷ ((p − c − o) / p) (the array form of :func:`break_even_roas`).

    NaN where it is not computable: an unknown (NaN) price or cost, or a margin ≤ 0 (no ROAS breaks even).

    Examples
    --------
    >>> break_even_roas_many([25, 10, float("nan")], [15, 12, 5]).tolist()
    [2.5, nan, nan]
    """
    p = np.atleast_1d(np.asarray(price, dtype=np.float64))
    c = np.atleast_1d(np.asarray(unit_cost, dtype=np.float64))
    o = np.asarray(other_cost_per_unit, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        margin = (p - c - o) / p
        return np.where(margin > 0, 1.0 / margin, np.nan)


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
    target = non_negative("target_roas", target_roas)
    woc = non_negative_or_inf("woc", woc)
    found = strategy_many(
        [woc], [r], target, risk_below=risk_below, overstock_above=overstock_above, aged_at=aged_at
    )[0]
    return cast(Strategy, found)


def strategy_many(
    woc: ArrayLike,
    roas: ArrayLike,
    target_roas: ArrayLike,
    *,
    risk_below: float = 3,
    overstock_above: float = 6,
    aged_at: float = 52,
) -> NDArray[np.object_]:
    """The WOC × ROAS strategy of many SKUs (the array form of :func:`strategy`, which holds the rules).

    ``target_roas`` is one target or one per SKU. A NaN WOC (no weeks of cover: a SKU under four weeks old)
    belongs to no quadrant: ``None``.

    Examples
    --------
    >>> strategy_many([2, 4, 4, 8, 8, 60, 8, float("nan")], [9, 3, 1, 3, 1, 3, float("nan"), 3], 2).tolist()
    ['protect_stock', 'scale', 'optimise', 'push_traffic', 'raise_conversion', 'aged', 'no_ad_data', None]
    """
    band = woc_band_many(woc, risk_below=risk_below, overstock_above=overstock_above, aged_at=aged_at)
    r = np.atleast_1d(np.asarray(roas, dtype=np.float64))
    target = np.asarray(target_roas, dtype=np.float64)
    if target.ndim == 0:
        target = np.full(band.shape, float(target))
    if not (band.shape == r.shape == target.shape):
        raise ValueError("woc, roas and target_roas must have the same length.")
    if np.any(r < 0):
        raise ValueError("roas must be ≥ 0 or NaN.")
    if np.any(~np.isfinite(target) | (target < 0)):
        raise ValueError("target_roas must be finite and ≥ 0.")
    with np.errstate(invalid="ignore"):
        at_target = r >= target  # False for NaN ROAS
    healthy = np.where(at_target, "scale", "optimise")
    choices: list[Any] = [None, "aged", "protect_stock", "no_ad_data", healthy]
    no_band = np.isnan(np.atleast_1d(np.asarray(woc, dtype=np.float64)))  # a NaN WOC has no band
    conditions = [no_band, band == "aged", band == "stockout_risk", np.isnan(r), band == "healthy"]
    overstock = np.where(at_target, "push_traffic", "raise_conversion")
    return np.select(conditions, choices, default=overstock).astype(object)

"""Sales velocity: the planning ADS blended from its candidates, year-on-year growth and the seasonal ADS.

DESIGN.md "ADS"; seed 000 asks for last year's sales to see seasonality. :func:`blend_velocity_many` holds the
blend's rules; :func:`blend_velocity` is one SKU of it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    non_negative,
    positive,
)

#: A weight is 0 (unused) or lies in [BLEND_WEIGHT_MIN, BLEND_WEIGHT_MAX]: a tinier weight is no weight a
#: user means, and it would let a sum of weights fall into the denormal range where division is inexact.
BLEND_WEIGHT_MIN = 0.001
BLEND_WEIGHT_MAX = 100.0


def _check_weight(name: str, value: float) -> float:
    v = float(value)
    if not (v == 0 or BLEND_WEIGHT_MIN <= v <= BLEND_WEIGHT_MAX):
        raise ValueError(
            f"weight {name!r} must be 0 or between {BLEND_WEIGHT_MIN:g} and {BLEND_WEIGHT_MAX:g}, "
            f"got {value!r}."
        )
    return v


def blend_velocity_many(candidates: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """Planning ADS of many SKUs: per row, Σ wᵢ xᵢ / Σ wᵢ over the candidates xᵢ that are not NaN.

    The array form of :func:`blend_velocity` (DESIGN.md "ADS"); the scalar form calls this one.

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

    >>> blend_velocity_many([[12, 9, float("nan")], [4, 4, 10]], [2, 1, 1]).tolist()
    [11.0, 5.5]
    """
    x = np.asarray(candidates, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"candidates must be a 2-D array (SKUs × candidates), got shape {x.shape}.")
    w = np.asarray(weights, dtype=float).reshape(-1)
    if w.shape[0] != x.shape[1]:
        raise ValueError(
            f"weights must have one entry per candidate column ({x.shape[1]}), got {w.shape[0]}."
        )
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


def blend_velocity(
    candidates: Mapping[str, float], weights: Mapping[str, float], override: float | None = None
) -> float:
    """Planning ADS: a weighted blend of the available ADS candidates; a manual override wins.

    ADS = Σ wᵢ xᵢ / Σ wᵢ over the candidates xᵢ that are not NaN (DESIGN.md "ADS"; seed 000
    "公式是死的,但人是活的": the tool proposes, the operator decides). One SKU of
    :func:`blend_velocity_many`, which holds the rules.

    * ``override`` (not ``None`` and not NaN) is returned as is.
    * A candidate without an entry in ``weights`` has weight 0.

    Parameters
    ----------
    candidates : mapping of str to float
        E.g. ``{"velocity_7": …, "velocity_14": …, "velocity_30": …, "seasonal": …}``; NaN = not available;
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

    >>> blend_velocity({"velocity_7": 12, "velocity_30": 9, "seasonal": float("nan")},
    ...           {"velocity_7": 0.5, "velocity_14": 0.2, "velocity_30": 0.5, "seasonal": 0.3})
    10.5
    """
    for name, weight in weights.items():
        _check_weight(name, weight)
    if override is not None and not math.isnan(float(override)):
        return non_negative("override", override)
    names = list(candidates)
    for name in names:
        x = float(candidates[name])
        if not math.isnan(x):
            non_negative(f"candidate {name!r}", x)
    if not names:
        return 0.0
    row = [[float(candidates[name]) for name in names]]
    return float(blend_velocity_many(row, [float(weights.get(name, 0.0)) for name in names])[0])


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
    last = non_negative("units_last_30", units_last_30)
    prior = non_negative("units_same_30_last_year", units_same_30_last_year)
    return float(yoy_growth_many([last], [prior])[0])


def yoy_growth_many(last: ArrayLike, prior: ArrayLike) -> NDArray[np.float64]:
    """Year-on-year growth of many SKUs: last ÷ prior − 1 (the array form of :func:`yoy_growth`).

    ``last`` and ``prior`` are units, or rates over the days known; NaN where there is no base (prior 0 or
    unknown) or ``last`` is unknown.

    Examples
    --------
    >>> [round(x, 6) for x in yoy_growth_many([360, 5, 1], [300, 0, float("nan")]).tolist()]
    [0.2, nan, nan]
    """
    now = np.atleast_1d(np.asarray(last, dtype=np.float64))
    base = np.atleast_1d(np.asarray(prior, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(base > 0, now / np.where(base > 0, base, 1.0) - 1.0, np.nan)


def seasonal_velocity(last_year_next_90_units: float, yoy_growth: float, days: int = 90) -> float:
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

    >>> round(seasonal_velocity(900, 0.2), 6)
    12.0
    """
    units = non_negative("last_year_next_90_units", last_year_next_90_units)
    days_f = positive("days", days)
    g = float(yoy_growth)
    if not (math.isnan(g) or (math.isfinite(g) and g >= -1)):
        raise ValueError(f"yoy_growth must be a finite number ≥ -1, got {yoy_growth!r}.")
    return float(seasonal_velocity_many([units], [g], [days_f])[0])


def seasonal_velocity_many(units: ArrayLike, yoy_growth: ArrayLike, days: ArrayLike) -> NDArray[np.float64]:
    """Seasonal ADS of many SKUs: U_ly / d × (1 + g) (the array form of :func:`seasonal_velocity`).

    A NaN growth is no adjustment; NaN or non-positive ``days`` (last year unknown) gives NaN. The plan's
    rows are not checked here (a row whose last year is unknown is blanked after); :func:`seasonal_velocity`
    checks one SKU's inputs.

    Examples
    --------
    >>> [round(x, 6)
    ...  for x in seasonal_velocity_many([900, 900, 900], [0.2, float("nan"), 0.2], [90, 90, 0]).tolist()]
    [12.0, 10.0, nan]
    """
    u = np.atleast_1d(np.asarray(units, dtype=np.float64))
    g = np.nan_to_num(np.atleast_1d(np.asarray(yoy_growth, dtype=np.float64)), nan=0.0)
    d = np.atleast_1d(np.asarray(days, dtype=np.float64))
    with np.errstate(invalid="ignore"):
        known = d > 0
    return np.where(known, u / np.where(known, d, 1.0) * (1 + g), np.nan)

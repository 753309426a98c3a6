"""The weekly KPI flags of seed 002: conversion drop, low CTR, CPC and ACoS over their targets."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from inventory_core.model.formulas.checks import (
    REL_TOL,
    exceeds_many,
    non_negative,
    non_negative_or_inf,
    positive,
)


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
    c1 = non_negative("cvr_this_week", cvr_this_week)
    c0 = non_negative("cvr_last_week", cvr_last_week)
    threshold = non_negative("threshold", threshold)
    return bool(conversion_drop_flag_many([c1], [c0], threshold)[0])


def conversion_drop_flag_many(
    cvr_this_week: ArrayLike, cvr_last_week: ArrayLike, threshold: float = 0.15
) -> NDArray[np.bool_]:
    """The conversion-drop flag of many SKUs (the array form of :func:`conversion_drop_flag`).

    A rate that is not a number (no sessions that week, NaN or ``inf``) gives no flag, like no base last week.

    Examples
    --------
    >>> conversion_drop_flag_many([0.10, 0.12, 0.05, float("nan")], [0.12, 0.12, 0.0, 0.1]).tolist()
    [True, False, False, False]
    """
    c1 = np.atleast_1d(np.asarray(cvr_this_week, dtype=np.float64))
    c0 = np.atleast_1d(np.asarray(cvr_last_week, dtype=np.float64))
    theta = non_negative("threshold", threshold)
    if np.any(c1 < 0) or np.any(c0 < 0):
        raise ValueError("conversion rates must be non-negative numbers or NaN.")
    known = np.isfinite(c1) & np.isfinite(c0) & (c0 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = (c0 - c1) / np.where(known, c0, 1.0)
    return known & (drop > theta + REL_TOL * max(1.0, abs(theta)))


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
    clicks = non_negative("clicks", clicks)
    impressions = non_negative("impressions", impressions)
    threshold = non_negative("threshold", threshold)
    return bool(ctr_flag_many([clicks], [impressions], threshold)[0])


def ctr_flag_many(clicks: ArrayLike, impressions: ArrayLike, threshold: float = 0.003) -> NDArray[np.bool_]:
    """The low-CTR flag of many keywords (the array form of :func:`ctr_flag`).

    >>> ctr_flag_many([2, 5, 0], [1000, 1000, 0]).tolist()
    [True, False, False]
    """
    c = np.atleast_1d(np.asarray(clicks, dtype=np.float64))
    i = np.atleast_1d(np.asarray(impressions, dtype=np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        ctr = c / np.where(i > 0, i, 1.0)
    return (i > 0) & exceeds_many(threshold, ctr)


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
    cpc = non_negative("cpc", cpc)
    target_cpc = positive("target_cpc", target_cpc)
    factor = non_negative("factor", factor)
    return bool(cpc_flag_many([cpc], [target_cpc], factor)[0])


def cpc_flag_many(cpc: ArrayLike, target_cpc: ArrayLike, factor: float = 1.5) -> NDArray[np.bool_]:
    """The high-CPC flag of many keywords (the array form of :func:`cpc_flag`); a CPC or target that is not a
    number gives no flag.

    >>> cpc_flag_many([1.30, 1.10, float("nan")], [0.80, 0.80, 0.80]).tolist()
    [True, False, False]
    """
    c = np.atleast_1d(np.asarray(cpc, dtype=np.float64))
    limit = factor * np.atleast_1d(np.asarray(target_cpc, dtype=np.float64))
    return exceeds_many(c, limit)


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
    target_acos = positive("target_acos", target_acos)
    factor = non_negative("factor", factor)
    a = float(acos)
    if not math.isnan(a):
        a = non_negative_or_inf("acos", a)
    return bool(acos_flag_many([a], [target_acos], factor)[0])


def acos_flag_many(acos: ArrayLike, target_acos: ArrayLike, factor: float = 1.5) -> NDArray[np.bool_]:
    """The high-ACoS flag of many keywords (the array form of :func:`acos_flag`): ``inf`` (spend, no sales)
    flags, NaN (no data) does not.

    >>> acos_flag_many([0.40, float("inf"), float("nan"), 0.30], [0.25, 0.25, 0.25, 0.25]).tolist()
    [True, True, False, False]
    """
    a = np.atleast_1d(np.asarray(acos, dtype=np.float64))
    limit = factor * np.atleast_1d(np.asarray(target_acos, dtype=np.float64))
    return exceeds_many(a, limit)

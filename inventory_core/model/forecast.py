"""Statistical forecasters for the back-test's ``ets`` policy: exponential smoothing and Croston (SBA).

Array kernels over (SKU, day) matrices, one causal pass over the days: the value on day t uses days ≤ t
only, so the forecast a review on day r sees is the column r − 1. Days that are not observed (out of stock,
``nan``) leave the state unchanged: censored demand is skipped, never read as zero.

Why not statsforecast: its 2.1 release asks for pandas < 3 and pip resolves it by downgrading the project's
pandas (README "Back-test" has the measurements). These kernels are the two models the issue names, the
non-seasonal additive ETS(A,N,N) (simple exponential smoothing, smoothing weight chosen per SKU by in-sample
one-step error, as AutoETS fits its parameters) and Croston's method with the Syntetos–Boylan correction
for intermittent SKUs.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["ALPHAS", "croston_sba_many", "ets_forecast_many", "ses_many"]

# Smoothing weights tried per SKU (the ETS(A,N,N) parameter α; AutoETS searches (0, 1) with bounds).
ALPHAS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5)
# Syntetos, Boylan & Croston (2005): average demand interval above 1.32 days → intermittent (Croston/SBA).
ADI_CUTOFF = 1.32


def _matrix(y: ArrayLike) -> NDArray[np.float64]:
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError("y must be a 1-D or 2-D array (SKUs × days).")
    if np.any(arr[~np.isnan(arr)] < 0):
        raise ValueError("y must be non-negative (nan for days not observed).")
    return arr


def ses_many(
    y: ArrayLike, alphas: tuple[float, ...] = ALPHAS
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Simple exponential smoothing, ETS(A,N,N), for every SKU and every α in ``alphas``, in one pass.

    ℓ_t = α y_t + (1 − α) ℓ_{t−1}, ŷ_{t+1|t} = ℓ_t (Hyndman & Athanasopoulos, *Forecasting: Principles and
    Practice*, 3rd ed., §8.1), ℓ starting at the first observation. Unobserved days (``nan``) keep ℓ.
    Also the cumulative squared one-step error Σ (y_t − ℓ_{t−1})² over observed days after the first.

    Parameters
    ----------
    y : array_like, shape (n, T)
        Daily demand, ``nan`` where not observed.
    alphas : tuple of float
        Smoothing weights in (0, 1].

    Returns
    -------
    (levels, sse) : numpy.ndarray, each of shape (len(alphas), n, T)
        ``levels[g, i, t]`` = ℓ_t of SKU i with α_g (``nan`` before its first observation); ``sse`` the
        cumulative one-step squared error up to day t.

    Examples
    --------
    10, 20, (not observed), 20 with α = 0.5 → levels 10, 15, 15, 17.5; errors (20 − 10)², (20 − 15)²:

    >>> lv, sse = ses_many([[10, 20, float("nan"), 20]], (0.5,))
    >>> lv[0, 0].tolist(), sse[0, 0].tolist()
    ([10.0, 15.0, 15.0, 17.5], [0.0, 100.0, 100.0, 125.0])
    """
    arr = _matrix(y)
    a = np.asarray(alphas, dtype=np.float64)[:, None]
    if not np.all((a > 0) & (a <= 1)):
        raise ValueError("alphas must be in (0, 1].")
    n, t_len = arr.shape
    levels = np.full((len(alphas), n, t_len), np.nan)
    sse = np.zeros((len(alphas), n, t_len))
    level = np.full((len(alphas), n), np.nan)
    err = np.zeros((len(alphas), n))
    for t in range(t_len):
        obs = arr[:, t]
        seen = ~np.isnan(obs)
        started = ~np.isnan(level)
        upd = seen & started
        diff = np.where(upd, obs - np.where(started, level, 0.0), 0.0)
        err = err + diff**2
        level = np.where(upd, level + a * diff, level)
        level = np.where(seen & ~started, obs, level)
        levels[:, :, t] = level
        sse[:, :, t] = err
    return levels, sse


def croston_sba_many(y: ArrayLike, alpha: float = 0.1) -> NDArray[np.float64]:
    """Croston's method with the Syntetos–Boylan approximation, per SKU and day, in one pass.

    On each day with demand: size ẑ ← ẑ + α (y − ẑ), interval p̂ ← p̂ + α (q − p̂), q = observed days since
    the last demand; forecast = (1 − α/2) ẑ / p̂ (Croston 1972; Syntetos & Boylan 2005, the SBA bias
    correction; statsforecast's ``CrostonSBA``). Days without demand only lengthen q; unobserved days
    (``nan``) are skipped. ``nan`` until the first demand.

    Parameters
    ----------
    y : array_like, shape (n, T)
        Daily demand, ``nan`` where not observed.
    alpha : float
        Smoothing weight in (0, 1].

    Returns
    -------
    numpy.ndarray, shape (n, T)
        The forecast per day standing after day t.

    Examples
    --------
    Demand 4 every fourth day: ẑ = 4, p̂ = 4 (first interval counted from the start) → 0.95 × 4 / 4:

    >>> [round(float(x), 3) for x in croston_sba_many([[0, 0, 0, 4, 0, 0, 0, 4]], 0.1)[0]]
    [nan, nan, nan, 0.95, 0.95, 0.95, 0.95, 0.95]
    """
    arr = _matrix(y)
    if not 0 < alpha <= 1:
        raise ValueError("alpha must be in (0, 1].")
    n, t_len = arr.shape
    size = np.full(n, np.nan)
    interval = np.full(n, np.nan)
    since = np.zeros(n)
    out = np.full((n, t_len), np.nan)
    for t in range(t_len):
        obs = arr[:, t]
        seen = ~np.isnan(obs)
        since = since + seen
        hit = seen & (obs > 0)
        first = hit & np.isnan(size)
        later = hit & ~np.isnan(size)
        size = np.where(first, obs, np.where(later, size + alpha * (np.where(hit, obs, 0.0) - size), size))
        interval = np.where(first, since, np.where(later, interval + alpha * (since - interval), interval))
        since = np.where(hit, 0.0, since)
        out[:, t] = (1 - alpha / 2) * size / interval
    return out


def ets_forecast_many(y: ArrayLike, *, adi_window: int = 90) -> NDArray[np.float64]:
    """Daily forecast standing after each day: SES with the best α so far (smallest cumulative one-step
    error), or Croston/SBA where the SKU's demand is intermittent (ADI over the last ``adi_window`` days >
    1.32). Causal: column t uses days ≤ t only. ``0`` before any observation.

    Examples
    --------
    A steady 10 a day forecasts 10; demand 4 every fourth day forecasts Croston's 0.95:

    >>> f = ets_forecast_many([[10.0] * 8, [0, 0, 0, 4, 0, 0, 0, 4]])
    >>> [round(float(x), 2) for x in f[:, -1]]
    [10.0, 0.95]
    """
    arr = _matrix(y)
    levels, sse = ses_many(arr)
    best = np.argmin(sse, axis=0)  # (n, T): first α among equals
    ses = np.take_along_axis(levels, best[None, :, :], axis=0)[0]
    croston = croston_sba_many(arr)
    seen = (~np.isnan(arr)).astype(float)
    hits = (np.nan_to_num(arr) > 0).astype(float)

    def window_sum(x: NDArray[np.float64]) -> NDArray[np.float64]:
        c = np.cumsum(x, axis=1)
        c[:, adi_window:] = c[:, adi_window:] - c[:, :-adi_window]
        return c

    s_seen, s_hits = window_sum(seen), window_sum(hits)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(s_hits > 0, s_seen / np.where(s_hits > 0, s_hits, 1.0), np.inf)
    intermittent = ratio > ADI_CUTOFF
    out = np.where(intermittent & ~np.isnan(croston), croston, ses)
    return np.nan_to_num(out, nan=0.0)

"""The formulas' shared input checks and float-noise guards: every formula validates its inputs with these.

A bad value raises ``ValueError("<name> must be ...")`` naming the parameter; quantities must be finite and
non-negative unless stated otherwise. The tolerances keep float noise (``2.4 * 100 = 240.00000000000003``)
from turning into a unit more or a flag raised on an equal value.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

# Float noise guard: 2.4 * 100 = 240.00000000000003 must not become 241 units, and 0.3 - 0.1 - 0.1
# left on the shelf must still count as a full day of 0.1 sold. Six decimals of a unit (or of a
# ratio) are far below anything a seller can observe.
ROUND_DECIMALS = 6
REL_TOL = 1e-9


def non_negative(name: str, value: float) -> float:
    """Return ``value`` as float, or raise unless it is a finite number ≥ 0 (NaN fails too)."""
    v = float(value)
    if not (math.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be a finite non-negative number, got {value!r}.")
    return v


def non_negative_or_inf(name: str, value: float) -> float:
    """Like :func:`non_negative` but ``math.inf`` is allowed (e.g. cover with no sales)."""
    v = float(value)
    if not v >= 0:  # also rejects NaN
        raise ValueError(f"{name} must be a non-negative number (inf allowed), got {value!r}.")
    return v


def positive(name: str, value: float) -> float:
    """Return ``value`` as float, or raise unless it is a finite number > 0."""
    v = float(value)
    if not (math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a finite positive number, got {value!r}.")
    return v


def exceeds(value: float, limit: float) -> bool:
    """``value > limit`` ignoring float noise (1.2 is not above 1.5 × 0.8 = 1.2000000000000002)."""
    return bool(exceeds_many(value, limit)[0])


def exceeds_many(value: ArrayLike, limit: ArrayLike) -> NDArray[np.bool_]:
    """:func:`exceeds` over arrays; NaN on either side is never above."""
    v = np.atleast_1d(np.asarray(value, dtype=np.float64))
    lim = np.atleast_1d(np.asarray(limit, dtype=np.float64))
    with np.errstate(invalid="ignore"):
        return v > lim + REL_TOL * np.maximum(1.0, np.abs(lim))


def as_array(name: str, value: ArrayLike, *, allow_inf: bool = False) -> NDArray[np.float64]:
    """``value`` as a 1-D float array, or raise unless every entry is ≥ 0 and finite (or ``inf``, if
    allowed)."""
    arr = np.atleast_1d(np.asarray(value, dtype=np.float64))
    ok = (arr >= 0) & (np.isfinite(arr) | (allow_inf & np.isinf(arr)))
    if not np.all(ok):
        raise ValueError(
            f"{name} must be {'non-negative numbers' if allow_inf else 'finite non-negative numbers'}."
        )
    return arr

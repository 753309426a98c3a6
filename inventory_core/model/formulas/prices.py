"""Prices around a stockout: the price rise before a gap and the discount ladder after it (seed 000)."""

from __future__ import annotations

from inventory_core.model.formulas.checks import (
    non_negative,
    positive,
)


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
    price = positive("price", price)
    pct_low = non_negative("pct_low", pct_low)
    pct_high = non_negative("pct_high", pct_high)
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
    full_price = positive("full_price", full_price)
    d = float(first_discount)
    if not 0 < d < 0.5:
        raise ValueError(
            f"first_discount must be in (0, 0.5), got {first_discount!r}: "
            "a discount of 50 % or more is a clearance."
        )
    if isinstance(steps, bool) or not float(steps).is_integer() or steps < 2:
        raise ValueError(f"steps must be a whole number ≥ 2, got {steps!r}.")
    n = int(steps)
    return [round(full_price * (1 - d * (1 - k / (n - 1))), 2) for k in range(n)]

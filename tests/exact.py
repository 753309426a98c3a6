"""Exact references for property tests: the formulas in rational arithmetic, and the tolerance argued once."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from inventory_core.model import formulas as f


def exact_blend(values, weights) -> Fraction:
    """DESIGN.md's blend in exact rational arithmetic: Σ wᵢ xᵢ / Σ wᵢ over the available candidates, their
    plain mean when all their weights are 0, and 0 with no candidate."""
    pairs = [(Fraction(x), Fraction(w)) for x, w in zip(values, weights, strict=True) if not math.isnan(x)]
    if not pairs:
        return Fraction(0)
    total = sum(w for _, w in pairs)
    if total == 0:
        return sum(x for x, _ in pairs) / len(pairs)
    return sum(w * x for x, w in pairs) / total


def assert_blend_close(got: float, values, weights) -> None:
    """The float blend against the exact one. Tolerance: ≤ 4 products, ≤ 3 additions in each sum and one
    division each round by at most half an ulp, so the relative error of the quotient is below 8 × 2⁻⁵³; as
    the blend never exceeds the largest candidate, 8 ε × max(candidates) bounds the error (ε = 2⁻⁵²:
    2 × margin). Below 2⁻¹⁰²² floats are subnormal and an operation errs by up to 2⁻¹⁰⁷⁴ absolute instead:
    ten of those are added for candidates that tiny (hypothesis finds 5e-324)."""
    exact = exact_blend(values, weights)
    present = [x for x in values if not math.isnan(x)]
    scale = max(present, default=0.0)
    bound = Fraction(8) * Fraction(np.finfo(float).eps) * Fraction(scale) + 10 * Fraction(2) ** -1074
    assert abs(Fraction(got) - exact) <= bound, (got, float(exact))


# Weights the settings accept: 0, or between BLEND_WEIGHT_MIN and BLEND_WEIGHT_MAX.
accepted_weights = st.one_of(
    st.just(0.0), st.floats(min_value=f.BLEND_WEIGHT_MIN, max_value=f.BLEND_WEIGHT_MAX)
)

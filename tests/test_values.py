"""Row-reading rules shared by explanations, playbook, export and budget."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import numpy as np
import pandas as pd
import pytest

from inventory_core import values
from inventory_core.values import as_date, is_missing, num


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (math.nan, True),
        (pd.NaT, True),
        (pd.NA, True),
        (0, False),
        ("", False),
        ([1, 2], False),
        (np.float64(1), False),
    ],
)
def test_is_missing(value, missing):
    assert is_missing(value) is missing


@pytest.mark.parametrize(
    ("value", "finite", "expected"),
    [
        ("12.5", False, 12.5),
        (math.inf, False, math.inf),
        (math.inf, True, None),
        ("abc", False, None),
        (None, False, None),
        (np.int64(3), False, 3.0),
    ],
)
def test_num(value, finite, expected):
    assert num({"k": value}, "k", finite=finite) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-16", dt.date(2026, 11, 16)),
        (np.datetime64("2026-11-16"), dt.date(2026, 11, 16)),
        (dt.datetime(2026, 11, 16, 9), dt.date(2026, 11, 16)),
        (20261116, None),
        ("not a date", None),
        (pd.NaT, None),
    ],
)
def test_as_date(value, expected):
    assert as_date(value) == expected


def test_docstring_examples():
    assert doctest.testmod(values).failed == 0

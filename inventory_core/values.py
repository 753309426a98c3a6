"""Reading single values out of plan rows that may have holes (None, NaN, NaT, text where a number was).

One place for the rules every explanation, playbook line, export and budget relies on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pandas NA are missing; lists and arrays are not missing scalars.

    >>> is_missing(None), is_missing(float("nan")), is_missing(pd.NaT), is_missing(0), is_missing("")
    (True, True, True, False, False)
    """
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def num(row: Mapping[str, Any], key: str, *, finite: bool = False) -> float | None:
    """``row[key]`` as a float, or None when absent, NaN or not a number (infinite too, with ``finite``).

    >>> num({"a": "12.5", "b": float("inf")}, "a"), num({"b": float("inf")}, "b", finite=True)
    (12.5, None)
    """
    value: Any = row.get(key)
    if is_missing(value):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(x) or (finite and math.isinf(x)):
        return None
    return x


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, Timestamp, datetime64 or ISO string; None for anything else.

    >>> as_date("2026-11-16"), as_date(pd.Timestamp("2026-11-16 13:00")), as_date(3), as_date(pd.NaT)
    (datetime.date(2026, 11, 16), datetime.date(2026, 11, 16), None, None)
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str | np.datetime64):
        return None  # a bare number is not a date
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.date()

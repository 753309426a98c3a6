"""People-facing numbers, money and dates in both languages."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import pandas as pd
import pytest

from inventory_core import formatting
from inventory_core.formatting import date, money, number, pct


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (19.99, "USD", "$19.99"),
        (1234.5, "USD", "$1,234.50"),
        (1500, "JPY", "¥1,500"),
        (-5, "GBP", "-£5.00"),
        (3.5, "XXX", "3.50 XXX"),
        (None, "USD", "–"),
        (math.nan, "EUR", "–"),
        (10, "EUR", "€10.00"),
    ],
)
def test_money(value, currency, expected):
    assert money(value, currency) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (dt.date(2026, 11, 16), "en", "Nov 16, 2026"),
        (dt.date(2026, 11, 16), "zh", "2026年11月16日"),
        (pd.Timestamp("2026-01-02"), "zh", "2026年1月2日"),
        (pd.NaT, "zh", "–"),
        (None, "en", "–"),
        (math.nan, "en", "–"),
        ("2026-07-31", "en", "Jul 31, 2026"),
    ],
)
def test_date(value, lang, expected):
    assert date(value, lang) == expected


def test_number_and_pct():
    assert number(1234.567, 1) == "1,234.6"
    assert number(math.inf) == "∞"
    assert pct(0.125) == "12.5%"
    assert pct(None) == "–"


def test_docstring_examples():
    assert doctest.testmod(formatting).failed == 0

"""Numbers, money and dates for people, in the chosen language (English or Chinese)."""

from __future__ import annotations

import math

from inventory_core.values import is_missing

# Symbols only where they are unambiguous across the marketplaces a seller meets ($ means USD here: the
# data carries the currency code, and CA$/A$/MX$ are easier to misread than "19.99 CAD").
SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹"}
NO_DECIMALS = {"JPY"}


def money(value: float | None, currency: str | None = "USD", lang: str = "en") -> str:
    """``money(1234.5, "USD")`` → ``$1,234.50``; other currencies get their code after the number, and
    no currency the bare number. The one money format of the app, the playbook and the exports.

    >>> money(19.99, "USD"), money(1500, "JPY"), money(3.5, "XXX"), money(19.99, "SEK"), money(5, None)
    ('$19.99', '¥1,500', '3.50 XXX', '19.99 SEK', '5.00')
    """
    del lang  # the same notation reads naturally in both languages
    if is_missing(value):
        return "–"
    code = "" if is_missing(currency) else str(currency).strip().upper()
    decimals = 0 if code in NO_DECIMALS else 2
    amount = float(value)  # type: ignore[arg-type]
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.{decimals}f}"
    if code in SYMBOLS:
        return f"{sign}{SYMBOLS[code]}{text}"
    return f"{sign}{text} {code}" if code else f"{sign}{text}"


def number(value: float | None, decimals: int = 0, lang: str = "en") -> str:
    """Grouped number; infinite → ∞; missing → –."""
    del lang
    if is_missing(value):
        return "–"
    v = float(value)  # type: ignore[arg-type]
    if math.isinf(v):
        return "∞"
    return f"{v:,.{decimals}f}"


def pct(value: float | None, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.125 → 12.5 %."""
    if is_missing(value) or math.isinf(float(value)):  # type: ignore[arg-type]
        return "–"
    return f"{float(value) * 100:.{decimals}f}%"  # type: ignore[arg-type]


def date(value: object, lang: str = "en") -> str:
    """2026-11-16 → ``Nov 16, 2026`` (en) or ``2026年11月16日`` (zh); missing (None, NaN, NaT) → –.

    >>> import datetime
    >>> date(datetime.date(2026, 11, 16)), date(datetime.date(2026, 11, 16), "zh"), date(float("nan"))
    ('Nov 16, 2026', '2026年11月16日', '–')
    """
    import pandas as pd

    if value is None:
        return "–"
    try:
        if pd.isna(value):
            return "–"
        day = pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return "–"
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%b %d, %Y")

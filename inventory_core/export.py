"""The restock sheet as an Excel workbook (with the seller's alert colours) and as CSV.

Both take the frame the page shows (:func:`inventory_core.restock.restock_sheet`, or any frame with
``Plan.skus`` columns: the sheet's columns are picked out of it) and write translated headers.

Formula injection (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return would be run as a formula by Excel, so it gets a leading apostrophe. Only text is
touched: numbers stay numbers, negative ones included. The workbook writes every text with
``write_string`` (never ``write``, which would turn ``=...`` into a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

import pandas as pd

from inventory_core.i18n import t
from inventory_core.playbook import alert_label, storage_label
from inventory_core.restock import SHEET_COLUMNS, column_label, cover_fills
from inventory_core.values import is_missing

__all__ = ["FORMULA_PREFIXES", "neutralise", "plan_to_csv", "plan_to_xlsx"]

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Decimals shown per column (Excel number format; CSV rounding). Others: as they are.
_DECIMALS: dict[str, int] = {
    "available": 0, "inbound": 0, "reorder_qty": 0, "safety_stock": 0, "air_qty": 0,
    "amazon_recommended_qty": 0, "reorder_qty_before_limits": 0, "aged_surcharge_units": 0, "aged_cut_units": 0,
    "capacity_cut_units": 0,
    "ads_7": 2, "ads_14": 2, "ads_30": 2, "ads_seasonal": 2, "ads_blend": 2, "ads_override": 2, "ads": 2,
    "days_of_cover": 1, "days_of_cover_with_inbound": 1, "woc": 1,
    "unit_cost": 2, "target_roas": 2,
}
_DATE_COLUMNS = frozenset({"latest_order_date", "stockout_date", "snapshot_date", "as_of", "low_inventory_fee_date"})
_HEADER_FILL = "#E5E7EB"
_MIN_WIDTH, _MAX_WIDTH = 6, 48


def neutralise(text: str) -> str:
    """Text that a spreadsheet will show as text: a leading apostrophe before a formula character.

    >>> neutralise("=cmd|' /C calc'!A0"), neutralise("KT-BOARD"), neutralise("-5")
    ("'=cmd|' /C calc'!A0", 'KT-BOARD', "'-5")
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _columns(frame: pd.DataFrame) -> list[str]:
    known = [c for c in SHEET_COLUMNS if c in frame.columns]
    return known or [str(c) for c in frame.columns]


def _header(column: str, lang: str) -> str:
    return column_label(column, lang) if column in SHEET_COLUMNS else column


_missing = is_missing


def _cell(column: str, value: Any, lang: str) -> Any:
    """One value as written: a float/int, a date, or text (already neutralised); None for empty."""
    if _missing(value):
        return None
    if column == "alert":
        return neutralise(alert_label(str(value), lang))
    if column == "storage_type":
        return neutralise(storage_label(str(value), lang))
    if isinstance(value, bool) or column == "is_core":
        return t("replenishment.yes" if bool(value) else "replenishment.no", lang)
    if column in _DATE_COLUMNS or isinstance(value, dt.date):
        try:
            return pd.Timestamp(value).date()
        except (TypeError, ValueError):
            return neutralise(str(value))
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return neutralise(str(value))
        if math.isinf(number):
            return "∞"
        if column in _DECIMALS and _DECIMALS[column] == 0 and float(number).is_integer():
            return int(number)
        return number
    return neutralise(str(value))


def _rows(frame: pd.DataFrame, columns: Sequence[str], lang: str) -> list[list[Any]]:
    return [[_cell(c, v, lang) for c, v in zip(columns, values, strict=True)]
            for values in frame[list(columns)].itertuples(index=False, name=None)]


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and column in _DECIMALS:
        return f"{value:,.{_DECIMALS[column]}f}"
    return str(value)


def plan_to_xlsx(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """The restock sheet as an ``.xlsx`` workbook.

    Header translated, bold and frozen (with the columns up to the SKU); the days-of-cover cells filled
    with the seller's sheet colours (``palette.COVER_FILL``: red ≤ 75 days, yellow ≤ 20, seed 000);
    numbers as numbers with a number format, dates as dates; column widths fitted; an autofilter on
    the header.
    """
    import xlsxwriter  # imported here: only the export needs it

    columns = _columns(frame)
    rows = _rows(frame, columns, lang)
    fills = cover_fills(frame)
    cover_col = columns.index("days_of_cover") if "days_of_cover" in columns else -1
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet(t("replenishment.sheet_name", lang)[:31])
    header_fmt = wb.add_format({"bold": True, "bg_color": _HEADER_FILL, "border": 1, "text_wrap": True,
                                "valign": "top"})
    formats: dict[tuple[str, str], Any] = {}

    def fmt(num_format: str, fill: str) -> Any:
        key = (num_format, fill)
        if key not in formats:
            props: dict[str, Any] = {"border": 1, "border_color": "#D1D5DB"}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
                props["pattern"] = 1
            formats[key] = wb.add_format(props)
        return formats[key]

    for c, column in enumerate(columns):
        ws.write_string(0, c, neutralise(_header(column, lang)), header_fmt)
    for r, (values, row_fill) in enumerate(zip(rows, fills, strict=True), start=1):
        for c, (column, value) in enumerate(zip(columns, values, strict=True)):
            fill = row_fill if c == cover_col else ""
            if value is None:
                ws.write_blank(r, c, None, fmt("", fill))
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt("yyyy-mm-dd", fill))
            elif isinstance(value, int | float):
                decimals = _DECIMALS.get(column)
                num_format = "" if decimals is None else ("#,##0" if decimals == 0 else f"#,##0.{'0' * decimals}")
                ws.write_number(r, c, value, fmt(num_format, fill))
            else:
                ws.write_string(r, c, str(value), fmt("", fill))
    for c, column in enumerate(columns):
        widest = max([_width(_header(column, lang))] + [_width(_shown(column, row[c])) for row in rows])
        ws.set_column(c, c, min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH))
    freeze_cols = columns.index("sku") + 1 if "sku" in columns else 0
    ws.freeze_panes(1, freeze_cols)
    if rows:
        ws.autofilter(0, 0, len(rows), len(columns) - 1)
    wb.close()
    return buf.getvalue()


def plan_to_csv(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """The restock sheet as CSV: UTF-8 with a BOM (so Excel opens Chinese correctly), translated header,
    numbers rounded to the sheet's decimals, dates as ISO ``YYYY-MM-DD``."""
    columns = _columns(frame)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(_header(c, lang)) for c in columns])
    for values in _rows(frame, columns, lang):
        out = []
        for column, value in zip(columns, values, strict=True):
            if value is None:
                out.append("")
            elif isinstance(value, dt.date):
                out.append(value.isoformat())
            elif isinstance(value, float) and column in _DECIMALS:
                out.append(f"{value:.{_DECIMALS[column]}f}")
            else:
                out.append(value)
        writer.writerow(out)
    return buf.getvalue().encode("utf-8-sig")

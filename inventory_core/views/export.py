"""Every export the app and the command line write — the restock sheet and the plan as CSV, JSON and
Excel — goes through one writer: :func:`write_table` (``plan_to_csv`` / ``plan_to_xlsx`` are the sheet's).

Both take the frame the page shows (:func:`inventory_core.views.restock.restock_sheet`, or any frame with
``Plan.skus`` columns) and write it cell by cell under the same rules (issues 17 and 18):

* Formula injection (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return would be run as a formula by a spreadsheet, so it gets a leading apostrophe in CSV and
  Excel. Only text is touched: numbers stay numbers, negative ones included. The workbook writes every text
  with ``write_string`` (never ``write``, which would turn ``=...`` into a formula). JSON is not opened by a
  spreadsheet and keeps the text as it is.
* Full precision: numbers are written as numbers, in plain positional notation (``15472.26``, never
  ``1.547e+04``), to six decimals at most (float noise such as ``240.00000000000003`` is not precision).
* No ``inf``, ``NaN``, ``NaT`` or ``None`` reaches the user: a missing value is a blank cell (JSON ``null``)
  and the row's reason column (``plan_note``) says why; an infinite cover (stock with no sales) is the
  word "no sales".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from inventory_core.i18n import t
from inventory_core.labels import alert_label, storage_label
from inventory_core.values import is_missing
from inventory_core.views.restock import SHEET_COLUMNS, column_label, cover_fills

__all__ = [
    "DECIMALS",
    "FORMULA_PREFIXES",
    "ExportFormat",
    "neutralise",
    "plain_number",
    "plan_to_csv",
    "plan_to_xlsx",
    "write_table",
]

ExportFormat = Literal["csv", "json", "xlsx"]

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Decimals shown per column (the Excel number format: the cell keeps the full value). Others: as they are.
DECIMALS: dict[str, int] = {
    "available": 0,
    "inbound": 0,
    "reorder_qty": 0,
    "safety_stock": 0,
    "air_qty": 0,
    "amazon_recommended_qty": 0,
    "reorder_qty_before_limits": 0,
    "aged_surcharge_units": 0,
    "aged_cut_units": 0,
    "capacity_cut_units": 0,
    "velocity_7": 2,
    "velocity_14": 2,
    "velocity_30": 2,
    "velocity_seasonal": 2,
    "velocity_blend": 2,
    "ads_override": 2,
    "velocity": 2,
    "days_of_cover": 1,
    "days_of_cover_with_inbound": 1,
    "woc": 1,
    "unit_cost": 2,
    "target_roas": 2,
}
_DATE_COLUMNS = frozenset(
    {
        "latest_order_date",
        "stockout_date",
        "snapshot_date",
        "as_of",
        "low_inventory_fee_date",
        "stock_date",
        "last_sales_day",
    }
)
_HEADER_FILL = "#E5E7EB"
_MIN_WIDTH, _MAX_WIDTH = 6, 48


def neutralise(text: str) -> str:
    """Text that a spreadsheet will show as text: a leading apostrophe before a formula character.

    >>> neutralise("=cmd|' /C calc'!A0"), neutralise("KT-BOARD"), neutralise("-5")
    ("'=cmd|' /C calc'!A0", 'KT-BOARD', "'-5")
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _columns(frame: pd.DataFrame, columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return [c for c in columns if c in frame.columns]
    known = [c for c in SHEET_COLUMNS if c in frame.columns]
    return known or [str(c) for c in frame.columns]


def _header(column: str, lang: str, raw: bool) -> str:
    if raw:
        return column
    return column_label(column, lang) if column in SHEET_COLUMNS else column


def plain_number(value: float) -> str:
    """A number as CSV text: plain positional notation, six decimals at most, whole numbers without ``.0``.

    >>> plain_number(15472.26), plain_number(240.00000000000003), plain_number(1e12), plain_number(-5.0)
    ('15472.26', '240', '1000000000000', '-5')
    """
    rounded = round(float(value), 6)
    if rounded.is_integer():
        return str(int(rounded))
    return np.format_float_positional(rounded, trim="-")


def _cell(column: str, value: Any, lang: str, raw: bool = False) -> Any:
    """One value as written: a float/int, a date, or text (not yet neutralised); None for a blank."""
    if is_missing(value):
        return None
    if column == "alert" and not raw:
        return alert_label(str(value), lang)
    if column == "storage_type" and not raw:
        return storage_label(str(value), lang)
    if isinstance(value, bool | np.bool_) or (column == "is_core" and not raw):
        if raw:
            return bool(value)
        return t("replenishment.yes" if bool(value) else "replenishment.no", lang)
    if column in _DATE_COLUMNS or isinstance(value, dt.date):
        try:
            return pd.Timestamp(value).date()
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            return t("export.word.no_sales", lang)
        if number.is_integer() and abs(number) < 2**53:
            return int(number)
        return round(number, 6)
    return str(value)


def _rows(frame: pd.DataFrame, columns: Sequence[str], lang: str, raw: bool = False) -> list[list[Any]]:
    return [
        [_cell(c, v, lang, raw) for c, v in zip(columns, values, strict=True)]
        for values in frame[list(columns)].itertuples(index=False, name=None)
    ]


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and column in DECIMALS:
        return f"{value:,.{DECIMALS[column]}f}"
    return _text(value)


def plan_to_xlsx(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """The restock sheet as an ``.xlsx`` workbook (see :func:`write_table`)."""
    return write_table(frame, "xlsx", lang)


def plan_to_csv(frame: pd.DataFrame, lang: str = "en") -> bytes:
    """The restock sheet as CSV: UTF-8 with a BOM (so Excel opens Chinese correctly), translated header,
    numbers at full precision, dates as ISO ``YYYY-MM-DD`` (see :func:`write_table`)."""
    return write_table(frame, "csv", lang)


def write_table(
    frame: pd.DataFrame,
    fmt: ExportFormat,
    lang: str = "en",
    *,
    columns: Sequence[str] | None = None,
    raw: bool = False,
    meta: Mapping[str, Any] | None = None,
) -> bytes:
    """The one export writer: ``frame`` as CSV, JSON or ``.xlsx`` bytes.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to write.
    fmt : {"csv", "json", "xlsx"}
    lang : str
        Language of translated headers, labels and words.
    columns : sequence of str, optional
        Columns to write, in order (default: the restock sheet's columns present, else all).
    raw : bool
        Machine-readable output (the command line): column names as headers and codes as values
        (``urgent``, ``true``) instead of translated labels. Numbers, blanks and neutralising are the same.
    meta : mapping, optional
        Extra top-level keys of the JSON document (e.g. ``as_of``); the rows go under ``"skus"``.
    """
    cols = _columns(frame, columns)
    rows = _rows(frame, cols, lang, raw)
    headers = [_header(c, lang, raw) for c in cols]
    if fmt == "json":
        records = [
            {c: (v.isoformat() if isinstance(v, dt.date) else v) for c, v in zip(cols, row, strict=True)}
            for row in rows
        ]
        doc = {**{k: _json_meta(v) for k, v in (meta or {}).items()}, "skus": records}
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    if fmt == "csv":
        return _csv(headers, rows, bom=not raw)
    return _xlsx(frame, cols, headers, rows, lang)


def _json_meta(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number(value)
    return neutralise(str(value))


def _csv(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, bom: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([_text(v) for v in row])
    text = buf.getvalue()
    return text.encode("utf-8-sig") if bom else text.encode("utf-8")


def _xlsx(
    frame: pd.DataFrame,
    columns: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    lang: str,
) -> bytes:
    """Header translated, bold and frozen (with the columns up to the SKU); the days-of-cover cells filled
    with the seller's sheet colours (``palette.COVER_FILL``: red ≤ 75 days, yellow ≤ 20, seed 000), not the
    rows; numbers as numbers with a number format, dates as dates; column widths fitted; an autofilter on
    the header."""
    import xlsxwriter  # imported here: only the export needs it

    fills = cover_fills(frame)
    cover_col = list(columns).index("days_of_cover") if "days_of_cover" in columns else -1
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet(t("replenishment.sheet_name", lang)[:31])
    header_fmt = wb.add_format(
        {"bold": True, "bg_color": _HEADER_FILL, "border": 1, "text_wrap": True, "valign": "top"}
    )
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

    for c, header in enumerate(headers):
        ws.write_string(0, c, neutralise(header), header_fmt)
    for r, (values, row_fill) in enumerate(zip(rows, fills, strict=True), start=1):
        for c, (column, value) in enumerate(zip(columns, values, strict=True)):
            fill = row_fill if c == cover_col else ""
            if value is None:
                ws.write_blank(r, c, None, fmt("", fill))
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt("yyyy-mm-dd", fill))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                decimals = DECIMALS.get(column)
                num_format = (
                    "" if decimals is None else ("#,##0" if decimals == 0 else f"#,##0.{'0' * decimals}")
                )
                ws.write_number(r, c, value, fmt(num_format, fill))
            else:
                ws.write_string(r, c, _text(value), fmt("", fill))
    for c, column in enumerate(columns):
        widest = max([_width(headers[c])] + [_width(_shown(column, row[c])) for row in rows])
        ws.set_column(c, c, min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH))
    freeze_cols = list(columns).index("sku") + 1 if "sku" in columns else 0
    ws.freeze_panes(1, freeze_cols)
    if rows:
        ws.autofilter(0, 0, len(rows), len(columns) - 1)
    wb.close()
    return buf.getvalue()

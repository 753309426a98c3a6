"""What a plan row may be built from: sane bounds on its inputs, the SKU's lifecycle, readable dates.

Issue 17: one SKU with impossible inputs must not stop the plan of every other SKU, and no row may carry a
number nobody can read. The checks here are array code over the whole plan frame (no loop per SKU):

* :func:`input_problems` finds the SKUs whose inputs are impossible (a quantity or a number of days beyond
  any real account, a negative price) — the plan masks them out and says why — and the negative stock Amazon
  really reports after an adjustment, which is planned as nothing sellable and flagged;
* :func:`readable_dates` turns day offsets into dates no later than a readable horizon ("after 2031").

The bounds are the importer's too (:data:`inventory_core.store.fields.BOUNDS`): a file with a value beyond
them is refused at import with the file, line and column; the plan still checks, for databases written before
the bound existed.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from inventory_core.store.fields import BOUNDS, QUANTITY_MAX

__all__ = [
    "DATE_HORIZON_YEARS",
    "YOUNG_DAYS",
    "input_problems",
    "readable_dates",
]

# A SKU with less than four weeks of history has no weeks of cover (WOC divides by four weeks of sales).
YOUNG_DAYS = 28
# Dates further out than this many years are shown as "after <year>" (a slow mover's latest order date
# in the year 8597 says nothing a seller can use).
DATE_HORIZON_YEARS = 5


def _beyond(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & ~(np.abs(values) <= BOUNDS[column])  # inf is beyond too


# Inputs of one plan row, in the order a problem is reported (the first one found names the row).
_STOCK_INPUTS = ("available", "inbound_working", "inbound_shipped", "inbound_receiving", "reserved")
_SETTING_INPUTS = (
    "lead_time_days",
    "air_lead_time_days",
    "safety_days",
    "ads_override",
    "price",
    "unit_cost",
)


def input_problems(frame: pd.DataFrame, sheet_inbound: pd.Series) -> pd.DataFrame:
    """Per plan row: the first impossible input, if any.

    Parameters
    ----------
    frame : pandas.DataFrame
        The plan frame after the stock and settings join (``available``, ``inbound_*``, ``reserved`` and
        the per-SKU settings columns).
    sheet_inbound : pandas.Series
        Units on the way per row from the shipment sheet (NaN without one), aligned to ``frame``.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``frame``: ``data_issue`` (``""``, ``"negative_stock"``, ``"beyond_bound"`` or
        ``"negative_setting"``), ``data_issue_column`` (the input) and ``data_issue_value``, and ``masked``
        (True when the row cannot be planned: every problem but negative stock).

    Examples
    --------
    >>> f = pd.DataFrame({"available": [-5.0, 3e7, 10.0]})
    >>> input_problems(f, pd.Series([np.nan, np.nan, 1e12]))[["data_issue", "masked"]].values.tolist()
    [['negative_stock', False], ['beyond_bound', True], ['beyond_bound', True]]
    """
    n = len(frame)
    issue = np.full(n, "", dtype=object)
    column = np.full(n, "", dtype=object)
    value = np.full(n, np.nan)

    def mark(mask: np.ndarray, code: str, col: str, values: np.ndarray) -> None:
        new = mask & (issue == "")
        issue[new], column[new], value[new] = code, col, values[new]

    for col in (*_STOCK_INPUTS, *_SETTING_INPUTS):
        if col in frame.columns:
            mark(
                _beyond(frame, col),
                "beyond_bound",
                col,
                pd.to_numeric(frame[col], errors="coerce").to_numpy(float),
            )
    sheet = sheet_inbound.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        mark(~np.isnan(sheet) & ~(np.abs(sheet) <= QUANTITY_MAX), "beyond_bound", "quantity", sheet)
    for col in _SETTING_INPUTS:
        if col in frame.columns:
            values = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)
            with np.errstate(invalid="ignore"):
                mark(values < 0, "negative_setting", col, values)
    if "available" in frame.columns:
        available = pd.to_numeric(frame["available"], errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            mark(available < 0, "negative_stock", "available", available)
    return pd.DataFrame(
        {
            "data_issue": issue,
            "data_issue_column": column,
            "data_issue_value": value,
            "masked": (issue != "") & (issue != "negative_stock"),
        },
        index=frame.index,
    )


def readable_dates(as_of: dt.date, offsets: np.ndarray) -> tuple[list[dt.date | None], np.ndarray]:
    """Dates ``as_of + floor(offset)`` up to the readable horizon, and the year they are "after" beyond it.

    Returns the dates (None where the offset is NaN or beyond the horizon) and, per offset, the horizon's
    year where the date lies beyond it (0 elsewhere; an infinite offset — no sales — is no date at all).
    A date before 1 January of year 1 cannot happen here: offsets of a plan are at least minus the
    lead time and safety days, which are bounded.

    >>> dates, after = readable_dates(dt.date(2026, 11, 16), np.array([10.0, 2_500_000.0, np.nan, np.inf]))
    >>> dates, after.tolist()
    ([datetime.date(2026, 11, 26), None, None, None], [0, 2031, 0, 0])
    """
    horizon_day = _add_years(as_of, DATE_HORIZON_YEARS)
    limit = (horizon_day - as_of).days
    offsets = np.asarray(offsets, dtype=float)
    dates: list[dt.date | None] = []
    after = np.zeros(len(offsets), dtype=int)
    floor_min = -(as_of - dt.date.min).days
    for i, d in enumerate(offsets):  # a short list: one date per SKU, no loop over days
        if math.isnan(d) or math.isinf(d):
            dates.append(None)
        elif d > limit:
            dates.append(None)
            after[i] = horizon_day.year
        else:
            dates.append(as_of + dt.timedelta(days=max(math.floor(d), floor_min)))
    return dates, after


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _fmt(value: float) -> str:
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:,.2f}"


def plan_notes(frame: pd.DataFrame, lang: str = "en") -> list[str]:
    """The reason column of a plan: per row, why a figure is blank, estimated or special, in ``lang``.

    Reads the plan's reason columns where present (``data_issue*``, ``lifecycle``, ``velocity_source``,
    ``roas_note``, ``lost_sales``, ``latest_order_after_year``, ``ad_order_share_capped``); a frame without
    them gets empty notes.

    >>> plan_notes(pd.DataFrame({"lifecycle": ["new", "active"], "history_days": [1, 90]}))
    ['new SKU (1 days of history): ADS from the days known, no weeks of cover yet', '']
    """
    from inventory_core.i18n import t

    n = len(frame)

    def col(name: str, default: object = None) -> list[object]:
        return frame[name].tolist() if name in frame.columns else [default] * n

    def num(value: object) -> float:
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return math.nan

    notes: list[str] = []
    for (
        issue,
        column,
        value,
        file,
        life,
        days,
        source,
        velocity,
        roas_note,
        units,
        sales,
        price,
        after,
        capped,
        share,
        cover,
    ) in zip(
        col("data_issue", ""),
        col("data_issue_column", ""),
        col("data_issue_value"),
        col("data_issue_file", ""),
        col("lifecycle", ""),
        col("history_days"),
        col("velocity_source", ""),
        col("velocity"),
        col("roas_note", ""),
        col("lost_units"),
        col("lost_sales"),
        col("price"),
        col("latest_order_after_year", 0),
        col("ad_order_share_capped", False),
        col("ad_order_share_raw"),
        col("days_of_cover"),
        strict=True,
    ):
        parts: list[str] = []
        if isinstance(issue, str) and issue:
            where = file if isinstance(file, str) and file else t("plan.note.unknown_file", lang)
            parts.append(t(f"plan.note.{issue}", lang, column=column, value=_fmt(num(value)), file=where))
        if life == "new":
            d = num(days)
            parts.append(t("plan.note.new", lang, days=0 if math.isnan(d) else int(d)))
        elif life == "out_of_stock_window":
            if source == "before_stockout":
                parts.append(t("plan.note.before_stockout", lang, velocity=_fmt(num(velocity))))
            elif source != "override":
                parts.append(t("plan.note.out_of_stock_no_history", lang))
        if num(cover) == math.inf:
            parts.append(t("plan.note.no_sales", lang))
        if roas_note in ("no_ads", "no_spend"):
            parts.append(t(f"plan.note.{roas_note}", lang))
        if (
            num(units) > 0
            and math.isnan(num(sales))
            and not num(price) > 0
            and issue not in ("beyond_bound", "negative_setting")
        ):
            parts.append(t("plan.note.price_unknown", lang, units=_fmt(round(num(units), 1))))
        if num(after) > 0:
            parts.append(t("plan.note.order_after", lang, year=int(num(after))))
        if capped is True or (isinstance(capped, np.bool_) and bool(capped)):
            parts.append(t("plan.note.share_capped", lang, pct=f"{num(share):.0%}"))
        notes.append("; ".join(parts))
    return notes

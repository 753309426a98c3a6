"""Why a SKU's restock figures are what they are: every number traced back to its inputs.

:func:`explain` reads one row of ``Plan.skus`` and returns sentences in English or Chinese (texts in
``i18n/_page_replenishment.py``), one per figure: the ADS candidates and how they blend (or the override
that wins), days of cover with and without inbound, WOC, the alert line crossed, the reorder quantity
(seed 000: 补货量 = 日均销量 × 补货周期 + 安全库存 − (FBA当前库存 + 在途库存)), the latest order date, the
projected stockout, the safety stock, and Amazon's restock recommendation beside ours with the main reason
they differ. The arithmetic mirrors :func:`inventory_core.model.plan.compute_plan`; a missing input drops or
shortens the sentence that needs it, it never raises.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from inventory_core import formatting
from inventory_core.i18n import t
from inventory_core.labels import alert_label, gap_label
from inventory_core.model import formulas
from inventory_core.model.settings import Settings
from inventory_core.values import as_date, num

__all__ = ["amazon_reason", "explain", "fmt_qty", "fmt_velocity"]

# Amazon and we "agree" when the quantities differ by at most this share of the larger one (or 1 unit).
AGREE_SHARE = 0.05


_num = num


_date = as_date


def _first(values: NDArray[np.float64]) -> float:
    """The one figure an array formula returns for one row (the explanation calls the plan's formulas on the
    row's inputs and never does its own arithmetic)."""
    return float(values[0])


def fmt_velocity(x: float) -> str:
    """Units per day, two decimals: ``7.36``."""
    return formatting.number(x, 2)


def fmt_qty(x: float) -> str:
    """Whole units, grouped: ``1,240``."""
    return formatting.number(round(x), 0)


def _days(x: float) -> str:
    """Days with one decimal, whole numbers without: ``34.1``, ``60``."""
    if math.isinf(x):
        return "∞"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _weight(w: float) -> str:
    return f"{w:.3f}".rstrip("0").rstrip(".") or "0"


def _m(key: str, lang: str, **values: object) -> str:
    return t(f"replenishment.explain.{key}", lang, **values)


def _sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


# --- ADS -------------------------------------------------------------------------------------------------

_WINDOWS = (
    ("7", "velocity_7", "units_7", "days_7"),
    ("14", "velocity_14", "units_14", "days_14"),
    ("30", "velocity_30", "units_30", "days_30"),
)


def _candidates(row: Mapping[str, Any], lang: str) -> str:
    parts = []
    for n, velocity_col, units_col, days_col in _WINDOWS:
        velocity, units, days = _num(row, velocity_col), _num(row, units_col), _num(row, days_col)
        label = _m(f"window_{n}", lang)
        if velocity is None or units is None or not days:
            parts.append(_m("cand_missing", lang, label=label))
        else:
            parts.append(
                _m(
                    "cand_window",
                    lang,
                    label=label,
                    velocity=fmt_velocity(velocity),
                    units=fmt_qty(units),
                    days=_days(days),
                )
            )
    seasonal, ly = _num(row, "velocity_seasonal"), _num(row, "units_ly_next_90")
    label = _m("window_seasonal", lang)
    if seasonal is None or ly is None:
        parts.append(_m("cand_seasonal_missing", lang, label=label))
    else:
        growth = _num(row, "yoy_growth")
        g = f"{(growth or 0.0) * 100:+.0f}%"
        parts.append(
            _m(
                "cand_seasonal",
                lang,
                label=label,
                velocity=fmt_velocity(seasonal),
                units=fmt_qty(ly),
                growth=g,
            )
        )
    return _m("candidates", lang, parts=_sep(lang).join(parts))


def _blend(row: Mapping[str, Any], lang: str, s: Settings) -> str:
    cands = [
        ("7", _num(row, "velocity_7"), s.velocity_weight_7),
        ("14", _num(row, "velocity_14"), s.velocity_weight_14),
        ("30", _num(row, "velocity_30"), s.velocity_weight_30),
        ("seasonal", _num(row, "velocity_seasonal"), s.velocity_weight_seasonal),
    ]
    blend = _num(row, "velocity_blend") or 0.0
    avail = [(n, x, w) for n, x, w in cands if x is not None]
    if not avail:
        return _m("blend_none", lang)
    wsum = sum(w for _, _, w in avail)
    if wsum <= 0:
        terms = " + ".join(f"{_m(f'window_{n}', lang)} {fmt_velocity(x)}" for n, x, _ in avail)
        return _m("blend_mean", lang, blend=fmt_velocity(blend), terms=terms, n=len(avail))
    terms = " + ".join(
        f"{_m(f'window_{n}', lang)} {fmt_velocity(x)} × {_weight(w / wsum)}" for n, x, w in avail if w > 0
    )
    text = _m("blend", lang, blend=fmt_velocity(blend), terms=terms)
    renormalised = len(avail) < len(cands) and any(w > 0 for _, x, w in cands if x is None)
    if renormalised or not math.isclose(wsum, 1.0, abs_tol=1e-9):
        text += _m("renormalised", lang)
    return text


def _planning(row: Mapping[str, Any], lang: str) -> str:
    velocity = _num(row, "velocity") or 0.0
    blend = _num(row, "velocity_blend") or 0.0
    if row.get("velocity_source") == "override":
        return _m("override", lang, override=fmt_velocity(velocity), blend=fmt_velocity(blend))
    if row.get("velocity_source") == "before_stockout":  # out of stock the whole window (issue 17)
        return t("plan.note.before_stockout", lang, velocity=fmt_velocity(velocity))
    return _m("planning_blend", lang, velocity=fmt_velocity(velocity))


# --- cover, WOC, alert -------------------------------------------------------------------------------------


def _cover(row: Mapping[str, Any], lang: str) -> str:
    velocity = _num(row, "velocity") or 0.0
    avail = _num(row, "available") or 0.0
    inbound = _num(row, "inbound") or 0.0
    if velocity <= 0:
        return _m("cover_no_sales", lang, available=fmt_qty(avail), inbound=fmt_qty(inbound))
    text = _m(
        "cover",
        lang,
        cover=_days(_first(formulas.days_of_cover_many(max(avail, 0.0), velocity))),
        available=fmt_qty(avail),
        velocity=fmt_velocity(velocity),
        cover_in=_days(
            _first(
                formulas.days_of_cover_many(max(avail, 0.0) + inbound, velocity),
            )
        ),
        inbound=fmt_qty(inbound),
    )
    source = row.get("inbound_source")
    if source in ("shipments", "fba_inbound"):
        text += _m(f"inbound_{source}", lang)
    return text


def _woc(row: Mapping[str, Any], lang: str) -> str:
    avail = _num(row, "available") or 0.0
    u28 = _num(row, "units_28") or 0.0
    band = row.get("woc_band")
    band_text = t(f"replenishment.woc_band.{band}", lang) if isinstance(band, str) and band else ""
    if row.get("lifecycle") == "new":  # under four weeks of history: no weeks of cover (issue 17)
        days = _num(row, "history_days")
        return t("plan.note.new", lang, days=int(days or 0))
    if u28 <= 0:
        return _m("woc_no_sales", lang, available=fmt_qty(avail), band=band_text)
    woc = _first(formulas.weeks_of_cover_many(max(avail, 0.0), u28))
    return _m(
        "woc", lang, woc=_days(round(woc, 1)), available=fmt_qty(avail), units=fmt_qty(u28), band=band_text
    )


def _alert(row: Mapping[str, Any], lang: str, s: Settings) -> str:
    """The advice follows the quantities (``inventory_core.model.formulas.advice_many``); the cover colour
    is said apart."""
    alert = str(row.get("alert") or "")
    label = alert_label(alert, lang)
    qty = _num(row, "reorder_qty") or 0.0
    air = _num(row, "air_qty") or 0.0
    due = _num(row, "order_in_days")
    review = _num(row, "review_period_days")
    review = s.review_period_days if review is None else review
    if alert == "urgent":
        text = _m("alert_urgent", lang, label=label, air=fmt_qty(air), qty=fmt_qty(qty))
    elif alert == "reorder":
        text = _m("alert_reorder", lang, label=label, qty=fmt_qty(qty))
    elif alert == "watch" and due is not None:
        text = _m("alert_watch", lang, label=label, due=_days(round(due, 1)), limit=_days(2 * review))
    elif alert == "ok" and due is not None and math.isfinite(due):
        text = _m("alert_ok", lang, label=label, due=_days(round(due, 1)))
    else:
        text = _m("alert_plain", lang, label=label)
    cover = _num(row, "days_of_cover")
    if cover is not None and math.isfinite(cover):
        colour = str(row.get("cover_colour") or "")
        if colour in ("red", "yellow"):
            line = s.reorder_days if colour == "red" else s.urgent_days
            text += _m(f"cover_{colour}", lang, cover=_days(round(cover, 1)), line=_days(line))
    return text


# --- reorder, order date, projection, safety stock ----------------------------------------------------------


def _safety_stock(row: Mapping[str, Any]) -> float:
    ss = _num(row, "safety_stock")
    if ss is not None:
        return ss
    return (_num(row, "safety_days") or 0.0) * (_num(row, "velocity") or 0.0)


def _reorder(row: Mapping[str, Any], lang: str) -> str:
    velocity = _num(row, "velocity") or 0.0
    lead = _num(row, "lead_time_days") or 0.0
    review = _num(row, "review_period_days") or 0.0
    avail = _num(row, "available") or 0.0
    inbound = _num(row, "inbound") or 0.0
    ss = _safety_stock(row)
    # The formula's number is the need; Amazon's limits (aged band, capacity) may cut it: see _limits.
    qty = _num(row, "reorder_qty_before_limits")
    qty = _num(row, "reorder_qty") if qty is None else qty
    level = _first(formulas.order_up_to_level_many(velocity, lead, review, ss))
    need = level - (avail + inbound)
    shown = qty if qty is not None else max(0.0, math.ceil(round(need, 6)))
    text = _m(
        "reorder",
        lang,
        qty=fmt_qty(shown),
        velocity=fmt_velocity(velocity),
        lead=_days(lead),
        review=_days(review),
        ss=fmt_qty(ss),
        level=fmt_qty(level),
        available=fmt_qty(avail),
        inbound=fmt_qty(inbound),
    )
    if need <= 0:
        text += _m("reorder_zero", lang, need=fmt_qty(need))
    return text


def _limits(row: Mapping[str, Any], lang: str) -> list[str]:
    """The reorder need cut by Amazon's aged-surcharge band and capacity (fba_limits), when either cut."""
    need, qty = _num(row, "reorder_qty_before_limits"), _num(row, "reorder_qty")
    aged, capacity = _num(row, "aged_cut_units") or 0.0, _num(row, "capacity_cut_units") or 0.0
    if need is None or qty is None or (aged <= 0 and capacity <= 0):
        return []
    return [
        _m(
            "limits",
            lang,
            need=fmt_qty(need),
            aged=fmt_qty(aged),
            band=_days(_num(row, "aged_band_days") or 0.0),
            capacity=fmt_qty(capacity),
            qty=fmt_qty(qty),
        )
    ]


def _order_date(row: Mapping[str, Any], lang: str) -> str:
    as_of = _date(row.get("as_of"))
    velocity = _num(row, "velocity") or 0.0
    lead = _num(row, "lead_time_days") or 0.0
    ss = _safety_stock(row)
    position = (_num(row, "available") or 0.0) + (_num(row, "inbound") or 0.0)
    if velocity <= 0 or as_of is None:
        return _m("order_date_none", lang)
    offset = _first(formulas.order_due_in_days(velocity, max(position, 0.0), lead, ss))
    qty = _num(row, "reorder_qty")
    if qty is not None and qty <= 0:  # nothing to order: no order-by date, only when the next order falls due
        return _m("order_not_due", lang, offset=_days(round(offset, 1)))
    date = as_of + dt.timedelta(days=math.floor(offset))
    text = _m(
        "order_date",
        lang,
        date=formatting.date(date, lang),
        as_of=formatting.date(as_of, lang),
        position=fmt_qty(position),
        lead=_days(lead),
        ss=fmt_qty(ss),
        velocity=fmt_velocity(velocity),
        offset=f"{offset:+,.1f}",
    )
    if offset < 0:
        text += _m("order_late", lang, days=_days(math.ceil(-offset)))
    return text


def _projection(row: Mapping[str, Any], lang: str, s: Settings) -> list[str]:
    as_of = _date(row.get("as_of"))
    day = _num(row, "stockout_day")
    if day is None or as_of is None:
        return [_m("no_stockout", lang, horizon=s.horizon_days)]
    date = formatting.date(as_of + dt.timedelta(days=int(day)), lang)
    gap = int(_num(row, "gap_days") or 0)
    gap_text = gap_label(str(row.get("gap_class") or "none"), lang)
    when = _m("when_now", lang) if int(day) == 0 else _m("when_future", lang, date=date, days=int(day))
    # The projection closes a gap still open at its horizon there: the gap is then at least that long.
    if day + gap >= s.horizon_days:
        lines = [_m("stockout_open", lang, when=when, horizon=s.horizon_days, gap=gap, gap_label=gap_text)]
    else:
        lines = [_m("stockout", lang, when=when, back=int(day) + gap, gap=gap, gap_label=gap_text)]
    air = _num(row, "air_qty")
    if air and air > 0:
        lines.append(_m("air", lang, qty=fmt_qty(air), lead=_days(_num(row, "air_lead_time_days") or 0.0)))
    return lines


def _safety(row: Mapping[str, Any], lang: str, s: Settings) -> str:
    """Both safety stocks, and which one the plan orders (the ``statistical_safety_stock`` setting)."""
    velocity = _num(row, "velocity") or 0.0
    safety = _num(row, "safety_days") or 0.0
    days_ss = _num(row, "safety_stock_days")
    text = _m(
        "safety",
        lang,
        ss=fmt_qty(safety * velocity if days_ss is None else days_ss),
        safety=_days(safety),
        velocity=fmt_velocity(velocity),
    )
    sigma = _num(row, "sigma_daily")
    lead = _num(row, "lead_time_days") or 0.0
    review = _num(row, "review_period_days") or 0.0
    lt_sigma = _num(row, "lead_time_sigma_days") or 0.0
    if sigma is not None and 0.5 <= s.service_level < 1:
        z = NormalDist().inv_cdf(s.service_level)
        stat = z * math.sqrt((lead + review) * sigma**2 + velocity**2 * lt_sigma**2)
        text += _m(
            "safety_stat",
            lang,
            level=f"{s.service_level * 100:.0f}%",
            z=f"{z:.2f}",
            sigma=fmt_velocity(sigma),
            lead=_days(lead),
            review=_days(review),
            velocity=fmt_velocity(velocity),
            lt_sigma=_days(round(lt_sigma, 1)),
            ss=fmt_qty(stat),
        )
    text += _m("safety_uses_statistical" if s.statistical_safety_stock else "safety_uses_days", lang)
    return text


# --- Amazon's recommendation --------------------------------------------------------------------------------


def amazon_reason(row: Mapping[str, Any]) -> str | None:
    """Why Amazon's restock quantity differs from ours: ``"agree"``, ``"velocity"`` or ``"coverage"``.

    With A = Amazon's daily rate (its basis: units sold in the last 30 days ÷ 30), C = A's implied
    coverage (stock + inbound + Amazon's quantity) ÷ A, our ADS a and our coverage c = lead time +
    safety days, Amazon's quantity − ours = (A − a) × c + A × (C − c) when both are positive. The larger
    term names the main reason: the sales rate (``"velocity"``) or the days covered (``"coverage"``).
    ``None`` when Amazon gave no recommendation.
    """
    amazon = _num(row, "amazon_recommended_qty")
    if amazon is None:
        return None
    ours = _num(row, "reorder_qty") or 0.0
    if abs(amazon - ours) <= max(1.0, AGREE_SHARE * max(amazon, ours)):
        return "agree"
    amazon_velocity = (_num(row, "units_last_30") or 0.0) / 30.0
    velocity = _num(row, "velocity") or 0.0
    cover = (_num(row, "lead_time_days") or 0.0) + (_num(row, "safety_days") or 0.0)
    if amazon_velocity <= 0:
        return "velocity"
    stock = (_num(row, "available") or 0.0) + (_num(row, "inbound") or 0.0)
    implied = (amazon + stock) / amazon_velocity
    velocity_effect = (amazon_velocity - velocity) * cover
    cover_effect = amazon_velocity * (implied - cover)
    return "velocity" if abs(velocity_effect) >= abs(cover_effect) else "coverage"


def _amazon(row: Mapping[str, Any], lang: str) -> list[str]:
    amazon = _num(row, "amazon_recommended_qty")
    if amazon is None:
        return [_m("amazon_none", lang)]
    ours = _num(row, "reorder_qty") or 0.0
    lines = [_m("amazon", lang, amazon=fmt_qty(amazon), ours=fmt_qty(ours), diff=f"{amazon - ours:+,.0f}")]
    reason = amazon_reason(row)
    u30 = _num(row, "units_last_30") or 0.0
    amazon_velocity = u30 / 30.0
    velocity = _num(row, "velocity") or 0.0
    cover = (_num(row, "lead_time_days") or 0.0) + (_num(row, "safety_days") or 0.0)
    if reason == "agree":
        lines.append(_m("amazon_agree", lang))
    elif reason == "velocity":
        lines.append(
            _m(
                "amazon_ads",
                lang,
                units=fmt_qty(u30),
                amazon_velocity=fmt_velocity(amazon_velocity),
                velocity=fmt_velocity(velocity),
            )
        )
    elif reason == "coverage":
        stock = (_num(row, "available") or 0.0) + (_num(row, "inbound") or 0.0)
        implied = (amazon + stock) / amazon_velocity
        lines.append(
            _m(
                "amazon_coverage",
                lang,
                implied=_days(round(implied)),
                cover=_days(cover),
                amazon_velocity=fmt_velocity(amazon_velocity),
            )
        )
    return lines


def _learned(data: Mapping[str, Any], lang: str, lead_times: pd.DataFrame | None) -> list[str]:
    """The configured lead time beside what received shipments actually took (per mode)."""
    if lead_times is None or lead_times.empty:
        return []
    lead = _num(data, "lead_time_days")
    lines = []
    for rec in lead_times.itertuples(index=False):
        median, p90 = _num(rec._asdict(), "median_days"), _num(rec._asdict(), "p90_days")
        if median is None or p90 is None:
            continue
        lines.append(
            _m(
                "learned",
                lang,
                mode=t(f"replenishment.mode.{rec.mode}", lang),
                n=int(rec.shipments),
                median=_days(median),
                p90=_days(p90),
                lead=_days(lead or 0.0),
            )
        )
    return lines


def _data_age(row: Mapping[str, Any], lang: str, s: Settings) -> list[str]:
    """Which days the figures stand on: the stock snapshot and the last known sales day (issue 12)."""
    if "data_status" not in row:
        return []
    lines = []
    stock_day = as_date(row.get("stock_date"))
    if stock_day is None:
        lines.append(_m("stock_unknown", lang, days=s.oos_snapshot_max_age_days))
    elif row.get("stock_estimated"):
        lines.append(
            _m(
                "stock_estimated",
                lang,
                day=formatting.date(stock_day, lang),
                n=int(_num(row, "stock_age_days") or 0),
            )
        )
    sales_day = as_date(row.get("last_sales_day"))
    if sales_day is None:
        lines.append(_m("sales_none", lang))
    elif row.get("sales_stale"):
        lines.append(
            _m(
                "sales_stale",
                lang,
                day=formatting.date(sales_day, lang),
                n=int(_num(row, "sales_age_days") or 0),
                limit=s.stale_sales_days,
            )
        )
    return lines


def explain(
    row: Mapping[str, Any] | pd.Series,
    lang: str = "en",
    settings: Settings | None = None,
    lead_times: pd.DataFrame | None = None,
) -> list[str]:
    """Sentences tracing one SKU's restock figures to their inputs (``row`` = one row of ``Plan.skus``).

    Examples
    --------
    DESIGN.md's reorder example (ADS 10, lead 60 d, safety 14 d, on hand 300, inbound 200):

    >>> row = {"velocity": 10.0, "lead_time_days": 60, "safety_days": 14, "available": 300, "inbound": 200,
    ...        "reorder_qty": 240}
    >>> [line for line in explain(row, "en") if line.startswith("Reorder")]  # doctest: +NORMALIZE_WHITESPACE
    ['Reorder 240 = ADS 10.00 × (lead time 60 d + review 0 d) + safety stock 140 = 740 −
      (available 300 + inbound 200)']
    """
    s = settings or Settings()
    data: Mapping[str, Any] = row.to_dict() if isinstance(row, pd.Series) else row
    if data.get("alert") == "check_data":  # impossible inputs: no figures to trace, only what to fix
        from inventory_core.model.plan_checks import plan_notes

        return [note for note in plan_notes(pd.DataFrame([dict(data)]), lang) if note]
    lines = [_candidates(data, lang)]
    oos = _num(data, "oos_days_30")
    if oos:
        lines.append(_m("oos", lang, days=int(oos)))
    lines.append(_blend(data, lang, s))
    lines.append(_planning(data, lang))
    lines.extend(_data_age(data, lang, s))
    status = data.get("data_status")
    if status in ("stock_unknown", "sales_unknown"):
        # Unknown is never zero: no cover, reorder, order date or projection from a day the store does not
        # know.
        lines.append(_m(f"no_figures_{status}", lang))
        lines.extend(_amazon(data, lang))
        return lines
    lines.append(_cover(data, lang))
    lines.append(_woc(data, lang))
    if data.get("alert"):
        lines.append(_alert(data, lang, s))
    lines.append(_reorder(data, lang))
    lines.extend(_limits(data, lang))
    lines.append(_order_date(data, lang))
    lines.append(_safety(data, lang, s))
    lines.extend(_learned(data, lang, lead_times))
    lines.extend(_projection(data, lang, s))
    lines.extend(_amazon(data, lang))
    return lines

"""The ad-budget calculator (seed 001 "广告预算倒推"): inputs defaulted from a SKU's history, the range,
the supply cap and the margin check.

clicks = target units ÷ CVR; budget if every order came from ads (upper) = clicks × CPC; expected budget
(lower) = upper × ad-order share (:func:`inventory_core.model.formulas.ad_budget`). Seed 001's example: 100
units, CVR 5 %, CPC $2, ad share 40 % → 2,000 clicks → $4,000 upper, $1,600 lower.

Two guards the seed's arithmetic does not have:

* the supply cap (:func:`supply_cap`): ads must never be planned to sell more than can be sold before
  the next arrival;
* the margin check (:func:`margin_check`): warn when the ad spend exceeds the gross margin the units
  bring in (units × (price − unit cost)).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from inventory_core import formatting
from inventory_core.formatting import money, number
from inventory_core.i18n import t
from inventory_core.model import formulas
from inventory_core.model.settings import Settings
from inventory_core.values import num

__all__ = [
    "DEFAULT_AD_ORDER_SHARE",
    "DEFAULT_CPC",
    "DEFAULT_CVR",
    "DEFAULT_DAYS",
    "BudgetDefaults",
    "BudgetPlan",
    "MarginCheck",
    "SupplyCap",
    "budget_curve",
    "calculate",
    "defaults",
    "defaults_notice",
    "margin_check",
    "margin_notice",
    "share_capped_notice",
    "supply_cap",
    "supply_cap_detail",
    "supply_notice",
]

# Fallbacks when a SKU has no usable ad history (no clicks, no ad orders). They are deliberately round
# and stated on the page, so the operator replaces them rather than trusting them:
# a 10 % click-to-order rate and a $1.00 click are typical of Sponsored Products in home & kitchen
# categories; half the orders from ads is the midpoint of "ads carry the listing" and "ads are a top-up".
DEFAULT_CVR = 0.10
DEFAULT_CPC = 1.00
DEFAULT_AD_ORDER_SHARE = 0.50
# Period the default target covers: a month, the window the CVR/CPC/share defaults are measured over.
DEFAULT_DAYS = 30

Defaulted = Literal["cvr", "cpc", "ad_order_share", "target_units"]


def _num(row: Mapping[str, Any], key: str) -> float | None:
    return num(row, key, finite=True)


def share_capped_notice(row: Mapping[str, Any] | pd.Series, lang: str = "en") -> str | None:
    """The line saying the SKU's ad-order share was capped at 100 % (the ads report claims more units than the
    orders hold: attribution windows, other SKUs' units), or None when it was not (issue 17).

    >>> share_capped_notice({"ad_order_share_capped": True, "ad_order_share_raw": 100 / 60})
    "the ads report claims 167% of the orders' units: ad-order share capped at 100 %"
    """
    if not bool(row.get("ad_order_share_capped", False)):
        return None
    raw = num(row, "ad_order_share_raw", finite=True)
    return t("plan.note.share_capped", lang, pct="?" if raw is None else f"{raw:.0%}")


@dataclass(frozen=True)
class BudgetDefaults:
    """Inputs for the calculator taken from the SKU's own last ``roas_window_days`` of ads data.

    ``defaulted`` names the inputs that fell back to the module defaults because the SKU's own figure
    was missing or unusable (no clicks → no CVR or CPC; no ad units → no share).
    """

    target_units: int
    cvr: float
    cpc: float
    ad_order_share: float
    days: int
    defaulted: tuple[Defaulted, ...]


def defaults(
    row: Mapping[str, Any] | pd.Series, settings: Settings | None = None, *, days: int = DEFAULT_DAYS
) -> BudgetDefaults:
    """Calculator inputs from a ``Plan.skus`` row: its CVR, CPC and ad-order share, and a target of
    ``days`` of sales at the planning ADS.

    CVR must be in (0, 1], CPC > 0 and the share in (0, 1]; otherwise the documented defaults
    (:data:`DEFAULT_CVR` 10 %, :data:`DEFAULT_CPC` 1.00, :data:`DEFAULT_AD_ORDER_SHARE` 50 %) are used and
    named in ``defaulted``. ``settings`` is accepted for symmetry with the other per-row helpers (the
    row's ads figures already cover ``settings.roas_window_days``).

    >>> d = defaults({"cvr": 0.05, "cpc": 2.0, "ad_order_share": 0.4, "velocity": 10 / 3})
    >>> d.cvr, d.cpc, d.ad_order_share, d.target_units, d.defaulted
    (0.05, 2.0, 0.4, 100, ())
    """
    del settings
    data: Mapping[str, Any] = row.to_dict() if isinstance(row, pd.Series) else row
    used: list[Defaulted] = []
    cvr = _num(data, "cvr")
    if cvr is None or not 0 < cvr <= 1:
        cvr = DEFAULT_CVR
        used.append("cvr")
    cpc = _num(data, "cpc")
    if cpc is None or cpc <= 0:
        cpc = DEFAULT_CPC
        used.append("cpc")
    share = _num(data, "ad_order_share")
    if share is None or not 0 < share <= 1:
        share = DEFAULT_AD_ORDER_SHARE
        used.append("ad_order_share")
    velocity = _num(data, "velocity")
    if velocity is None or velocity <= 0:
        target = 0
        used.append("target_units")
    else:
        target = math.ceil(round(velocity * days, 6))
    return BudgetDefaults(
        target_units=target, cvr=cvr, cpc=cpc, ad_order_share=share, days=days, defaulted=tuple(used)
    )


@dataclass(frozen=True)
class SupplyCap:
    """Units sellable before the next arrival, and why.

    ``reason``: ``"stockout_first"`` (a stockout is projected before the next arrival: the cap is what
    sells until then), ``"until_arrival"`` (stock lasts until the next arrival) or ``"no_arrival"`` (no
    arrival scheduled and no stockout in the projection: the stock on hand is all there is).
    """

    units: float
    reason: Literal["stockout_first", "until_arrival", "no_arrival"]
    stockout_day: float | None
    next_arrival_day: float | None


def supply_cap_detail(row: Mapping[str, Any] | pd.Series) -> SupplyCap:
    """See :func:`supply_cap`; also says which case applied."""
    data: Mapping[str, Any] = row.to_dict() if isinstance(row, pd.Series) else row
    available = max(_num(data, "available") or 0.0, 0.0)
    stockout = _num(data, "stockout_day")
    arrival = _num(data, "next_arrival_day")
    if stockout is not None and (arrival is None or stockout < arrival):
        # Nothing lands before the stockout, so what sells until then is the stock on hand.
        return SupplyCap(available, "stockout_first", stockout, arrival)
    return SupplyCap(available, "until_arrival" if arrival is not None else "no_arrival", stockout, arrival)


def supply_cap(row: Mapping[str, Any] | pd.Series) -> float:
    """The most units ads should be planned to sell: what is sellable before the next arrival.

    That is the available stock now; when a stockout is projected before the next arrival, the units
    sellable until the stockout (the same stock, sold out on the stockout day). An out-of-stock SKU has a
    cap of 0: every ad-driven order until the next arrival is a click paid for nothing (seed 000).

    >>> supply_cap({"available": 85, "velocity": 10.1, "stockout_day": 8, "next_arrival_day": 58})
    85.0
    >>> supply_cap({"available": 500, "velocity": 5, "stockout_day": None, "next_arrival_day": 20})
    500.0
    """
    return supply_cap_detail(row).units


@dataclass(frozen=True)
class MarginCheck:
    """Does the ad spend pay for itself? ``known`` is False without a price or unit cost.

    ``acos`` = budget ÷ (units × price): with the upper budget (every order from ads) it is the ACoS
    the inputs imply (CPC ÷ (CVR × price)); with the expected budget it is ad spend over all sales.
    ``break_even_acos`` = (price − unit cost) ÷ price: above it, ads lose money on every order.
    """

    budget: float
    revenue: float | None
    gross_margin: float | None
    acos: float | None
    break_even_acos: float | None
    exceeds: bool
    known: bool


def margin_check(budget: float, units: float, price: float | None, unit_cost: float | None) -> MarginCheck:
    """Warn when ad spend exceeds what the units recover: gross margin = units × (price − unit cost).

    >>> m = margin_check(4000, 100, 29.99, 8.9)
    >>> round(m.gross_margin, 2), m.exceeds, round(m.acos, 3)
    (2109.0, True, 1.334)
    """
    budget = float(budget)
    units = max(float(units), 0.0)
    p = None if price is None or not math.isfinite(float(price)) or float(price) <= 0 else float(price)
    c = None if unit_cost is None or not math.isfinite(float(unit_cost)) else float(unit_cost)
    revenue = units * p if p is not None else None
    acos = budget / revenue if revenue else None
    if p is None or c is None:
        return MarginCheck(budget, revenue, None, acos, None, False, False)
    gross = units * (p - c)
    return MarginCheck(budget, revenue, gross, acos, (p - c) / p, budget > gross + 1e-9, True)


@dataclass(frozen=True)
class BudgetPlan:
    """Everything the calculator shows for one set of inputs (see :func:`calculate`)."""

    units: float
    days: int
    clicks: float
    upper: float
    lower: float
    upper_per_day: float
    lower_per_day: float
    cap: float | None
    capped: bool
    capped_units: float
    capped_clicks: float
    capped_upper: float
    capped_lower: float
    margin: MarginCheck  # on the expected (lower) budget
    margin_upper: MarginCheck  # if every order came from ads


def calculate(
    units: float,
    cvr: float,
    cpc: float,
    ad_order_share: float,
    *,
    days: int = DEFAULT_DAYS,
    cap: float | None = None,
    price: float | None = None,
    unit_cost: float | None = None,
) -> BudgetPlan:
    """The calculator: seed 001's back-calculation, per day over ``days``, the supply cap and margins.

    Seed 001: 100 units, CVR 5 %, CPC $2, 40 % from ads → 2,000 clicks, $4,000 upper, $1,600 lower:

    >>> p = calculate(100, 0.05, 2.0, 0.4, days=20)
    >>> round(p.clicks), round(p.upper), round(p.lower), round(p.lower_per_day)
    (2000, 4000, 1600, 80)
    """
    if days < 1:
        raise ValueError("days must be ≥ 1.")
    full = formulas.ad_budget(units, cvr, cpc, ad_order_share)
    capped = cap is not None and units > cap + 1e-9
    capped_units = min(units, cap) if cap is not None else units
    part = formulas.ad_budget(capped_units, cvr, cpc, ad_order_share)
    return BudgetPlan(
        units=float(units),
        days=int(days),
        clicks=full.clicks,
        upper=full.budget_all_ads,
        lower=full.budget,
        upper_per_day=full.budget_all_ads / days,
        lower_per_day=full.budget / days,
        cap=cap,
        capped=capped,
        capped_units=capped_units,
        capped_clicks=part.clicks,
        capped_upper=part.budget_all_ads,
        capped_lower=part.budget,
        margin=margin_check(full.budget, units, price, unit_cost),
        margin_upper=margin_check(full.budget_all_ads, units, price, unit_cost),
    )


def budget_curve(
    max_units: float, cvr: float, cpc: float, ad_order_share: float, points: int = 51
) -> pd.DataFrame:
    """Upper and expected budget for 0 … ``max_units`` target units (the budget is linear in units).

    >>> budget_curve(100, 0.05, 2.0, 0.4, points=3).values.tolist()
    [[0.0, 0.0, 0.0], [50.0, 2000.0, 800.0], [100.0, 4000.0, 1600.0]]
    """
    units = np.linspace(0.0, max(float(max_units), 0.0), max(points, 2))
    per_unit = formulas.ad_budget(1.0, cvr, cpc, ad_order_share)
    return pd.DataFrame(
        {"units": units, "upper": units * per_unit.budget_all_ads, "lower": units * per_unit.budget}
    )


# --- what the page says -------------------------------------------------------------------------------------

Notice = tuple[Literal["error", "warning", "success", "info"], str]


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def defaults_notice(d: BudgetDefaults, lang: str = "en", currency: str | None = "USD") -> str | None:
    """Which inputs fell back to the documented defaults, and to what (``None`` when none did)."""
    names = [n for n in d.defaulted if n != "target_units"]
    if not names:
        return None
    shown = {
        "cvr": _pct(d.cvr),
        "cpc": money(d.cpc, currency, lang),
        "ad_order_share": _pct(d.ad_order_share),
    }
    sep = "、" if lang == "zh" else ", "
    return t(
        "budget.defaulted",
        lang,
        names=sep.join(t(f"budget.name.{n}", lang) for n in names),
        values=sep.join(f"{t(f'budget.name.{n}', lang)} {shown[n]}" for n in names),
    )


def supply_notice(
    detail: SupplyCap, result: BudgetPlan, as_of: dt.date, lang: str = "en", currency: str | None = "USD"
) -> Notice:
    """The supply-cap message: out of stock (error), target above the cap with the capped figures
    (warning), or within supply (success)."""
    arrival = detail.next_arrival_day
    if detail.reason == "stockout_first" and detail.stockout_day is not None:
        date = formatting.date(as_of + dt.timedelta(days=int(detail.stockout_day)), lang)
        key = "budget.cap.stockout_first" if arrival is not None else "budget.cap.stockout_no_arrival"
        why = t(key, lang, date=date)
    elif arrival is not None:
        why = t("budget.cap.until_arrival", lang, days=int(arrival))
    else:
        why = t("budget.cap.no_arrival", lang)
    if detail.units <= 0:
        out_why = (
            t("budget.cap.until_arrival", lang, days=int(arrival))
            if arrival is not None
            else t("budget.cap.no_arrival", lang)
        )
        return "error", t("budget.cap.out", lang, why=out_why)
    if result.capped:
        return "warning", t(
            "budget.cap.over",
            lang,
            units=number(result.units),
            cap=number(detail.units),
            why=why,
            clicks=number(result.capped_clicks),
            upper=money(result.capped_upper, currency, lang),
            lower=money(result.capped_lower, currency, lang),
        )
    return "success", t("budget.cap.ok", lang, cap=number(detail.units))


def margin_notice(
    result: BudgetPlan,
    price: float | None,
    unit_cost: float | None,
    lang: str = "en",
    currency: str | None = "USD",
) -> Notice:
    """The margin message: expected spend above the gross margin (error), only the upper bound above it
    (warning), within it (success), or unknown without a unit cost (info)."""
    m, mu = result.margin, result.margin_upper
    if not m.known or m.gross_margin is None or price is None or unit_cost is None:
        return "info", t("budget.margin.unknown", lang)
    values = {
        "units": number(result.units),
        "margin": money(m.gross_margin, currency, lang),
        "price": money(price, currency, lang),
        "cost": money(unit_cost, currency, lang),
    }
    if m.exceeds:
        return "error", t("budget.margin.exceeds", lang, budget=money(m.budget, currency, lang), **values)
    if mu.exceeds:
        return "warning", t(
            "budget.margin.upper_exceeds",
            lang,
            budget=money(mu.budget, currency, lang),
            margin=values["margin"],
            acos=_pct(mu.acos or 0.0),
            be=_pct(mu.break_even_acos or 0.0),
        )
    share = m.budget / m.gross_margin if m.gross_margin > 0 else 0.0
    return "success", t(
        "budget.margin.ok", lang, budget=money(m.budget, currency, lang), share=_pct(share), **values
    )

"""The weekly review: what needs action this week, the seed-002 KPI flags, and what changed since last week.

Everything here reads a :class:`~inventory_core.model.plan_type.Plan` (and, for the keyword flags, the
keyword/target totals of :meth:`Store.keyword_targets`); nothing is queried or drawn. The page shows the
results.

Definitions (DESIGN.md "Weekly KPI flags", "Playbook"):

* **need order** — a quantity to order now: reorder quantity > 0 or air quantity > 0 (exactly the SKUs whose
  alert is urgent or reorder; the seed 000 cover colours are colours, not orders).
* **need air** — the air-bridge quantity is > 0 (sea stock cannot arrive before the projected stockout).
* **ad cut** — phase *before* with the projected stockout inside the lead time (seed 000: cut the daily
  budget 30–40 %), or WOC × ROAS strategy *protect stock* while ads still spend (seed 001).
* **price step** — *before* with a medium gap: raise 5–10 % (seed 000); *after*: the discount ladder back to
  full price.
* **target CPC** = CVR × average order value ÷ target ROAS. CVR × AOV is the ad revenue one click brings
  (orders/clicks × sales/orders = ad sales ÷ clicks), so this is the most a click may cost for the ads to
  reach the target ROAS. CVR and AOV come from the keyword's SKU over the ROAS window (``Plan.skus``); a
  keyword whose SKU is unknown uses its marketplace's keyword totals and the default target ROAS.
* **target ACoS** = 1 ÷ target ROAS.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from inventory_core.formatting import date as _format_date
from inventory_core.formatting import money, number, pct
from inventory_core.i18n import t
from inventory_core.labels import alert_label, gap_label, phase_label, strategy_label
from inventory_core.model import formulas
from inventory_core.model.plan_type import Plan
from inventory_core.model.settings import Settings
from inventory_core.store.marketplaces import currency_of

ACTIONS = ("need_order", "need_air", "ad_cut", "price_raise", "price_discount", "check_conversion")
FlagKind = Literal["conversion_drop", "low_ctr", "high_cpc", "high_acos", "rising_low_cover"]
FLAG_KINDS: tuple[FlagKind, ...] = ("conversion_drop", "rising_low_cover", "low_ctr", "high_cpc", "high_acos")
ChangeKind = Literal[
    "stockout_started", "back_in_stock", "recovered", "phase_changed", "alert_changed", "new_sku"
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "stockout_started",
    "back_in_stock",
    "recovered",
    "phase_changed",
    "alert_changed",
    "new_sku",
)

# Urgency order of the "needs action" table: a stockout now first, then one coming, then recovery work.
PHASE_RANK = {"during": 0, "before": 1, "after": 2, "normal": 3}
ALERT_RANK = {"urgent": 0, "reorder": 1, "watch": 2, "ok": 3, "stock_unknown": 4, "sales_unknown": 5}

FLAG_COLUMNS = (
    "kind",
    "marketplace",
    "sku",
    "keyword",
    "ad_type",
    "campaign",
    "match_type",
    "value",
    "threshold",
    "currency",
    "message_key",
)
CHANGE_COLUMNS = (
    "marketplace",
    "sku",
    "change",
    "phase_prev",
    "phase_now",
    "alert_prev",
    "alert_now",
    "cover_prev",
    "cover_now",
    "stockout_date_prev",
    "stockout_date_now",
)


def fmt_date(value: object, lang: str = "en") -> str:
    """:func:`inventory_core.formatting.date` that also shows a missing date (NaT, None, NaN) as ``–``.

    (``pd.NaT`` is a ``datetime`` instance, so ``formatting.date`` would print ``nan年nan月nan日``.)

    >>> fmt_date(pd.NaT, "zh"), fmt_date(dt.date(2026, 11, 16), "zh")
    ('–', '2026年11月16日')
    """
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return "–"
    return _format_date(value, lang)


# ---------------------------------------------------------------------------------------------------------
# summary


@dataclass(frozen=True)
class ReviewSummary:
    """The headline counts of the weekly review (one number per question the meeting asks)."""

    skus: int
    need_order: int
    need_air: int
    ad_cut: int
    price_raise: int
    price_discount: int
    stockouts_now: int
    coming: int
    recovering: int
    lost_sales: tuple[tuple[str, float], ...]  # (currency, amount) over the projection horizon

    @property
    def price_step(self) -> int:
        return self.price_raise + self.price_discount

    @property
    def lost_sales_total(self) -> float:
        """All currencies added (only meaningful when there is one; see :attr:`lost_sales`)."""
        return float(sum(amount for _, amount in self.lost_sales))


def _currencies(skus: pd.DataFrame) -> pd.Series:
    """The SKU's currency, or its marketplace's when the stock report did not say."""
    given = skus["currency"].fillna("").astype(str) if "currency" in skus else pd.Series("", index=skus.index)
    market = skus["marketplace"].map(lambda m: currency_of(m) if isinstance(m, str) else None)
    return given.where(given != "", market).fillna("USD").astype(str)


def action_flags(skus: pd.DataFrame) -> pd.DataFrame:
    """Per SKU (same index as ``skus``), which actions this week calls for (boolean columns ``ACTIONS``).

    >>> frame = pd.DataFrame({"reorder_qty": [0, 30], "alert": ["ok", "urgent"], "air_qty": [0, 20],
    ...     "phase": ["after", "before"], "stockout_day": [np.nan, 9.0], "lead_time_days": [60.0, 60.0],
    ...     "strategy": ["scale", "protect_stock"], "spend": [10.0, 50.0], "gap_class": ["none", "medium"],
    ...     "conversion_drop": [True, False]})
    >>> action_flags(frame).astype(int).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'need_order': [0, 1], 'need_air': [0, 1], 'ad_cut': [0, 1], 'price_raise': [0, 1],
     'price_discount': [1, 0], 'check_conversion': [1, 0]}
    """
    phase = skus["phase"].astype(str)
    stockout_day = skus["stockout_day"].astype(float)
    inside_lead = stockout_day.notna() & (stockout_day <= skus["lead_time_days"].astype(float))
    spending = skus["spend"].fillna(0.0).astype(float) > 0
    return pd.DataFrame(
        {
            "need_order": (skus["reorder_qty"].fillna(0) > 0) | (skus["air_qty"].fillna(0) > 0),
            "need_air": skus["air_qty"].fillna(0) > 0,
            "ad_cut": ((phase == "before") & inside_lead)
            | ((skus["strategy"] == "protect_stock") & spending),
            "price_raise": (phase == "before") & (skus["gap_class"] == "medium"),
            "price_discount": phase == "after",
            # seed 002: conversion down > 15 % week on week → check price, reviews, listing, hijackers
            "check_conversion": skus["conversion_drop"].fillna(False).astype(bool),
        },
        index=skus.index,
    )


def summary(plan: Plan) -> ReviewSummary:
    """Headline counts of ``plan`` (pass a plan with filtered ``skus`` to count a selection)."""
    skus = plan.skus
    acts = action_flags(skus)
    phase = skus["phase"].astype(str)
    lost = skus["lost_sales"].fillna(0.0).astype(float).groupby(_currencies(skus)).sum()
    return ReviewSummary(
        skus=len(skus),
        need_order=int(acts["need_order"].sum()),
        need_air=int(acts["need_air"].sum()),
        ad_cut=int(acts["ad_cut"].sum()),
        price_raise=int(acts["price_raise"].sum()),
        price_discount=int(acts["price_discount"].sum()),
        stockouts_now=int((phase == "during").sum()),
        coming=int(((phase == "before") & skus["stockout_date"].notna()).sum()),
        recovering=int((phase == "after").sum()),
        lost_sales=tuple((str(c), float(v)) for c, v in lost.sort_values(ascending=False).items()),
    )


def lost_sales_text(lost: Iterable[tuple[str, float]], lang: str = "en") -> str:
    """``(("USD", 1234.5),)`` → ``$1,234.50``; several currencies are listed, never added."""
    parts = [money(amount, currency, lang) for currency, amount in lost if amount]
    return " + ".join(parts) if parts else money(0.0, next(iter(dict(lost)), "USD"), lang)


def lost_sales_delta(now: ReviewSummary, prev: ReviewSummary, lang: str = "en") -> str | None:
    """The change of projected lost sales since last week as a signed amount (``+$120.00``, ``-$80.00``);
    None when either week has several currencies (amounts in different currencies are never added).

    >>> a = ReviewSummary(1, 0, 0, 0, 0, 0, 0, 0, 0, (("USD", 300.0),))
    >>> b = ReviewSummary(1, 0, 0, 0, 0, 0, 0, 0, 0, (("USD", 180.0),))
    >>> lost_sales_delta(a, b), lost_sales_delta(b, a)
    ('+$120.00', '-$120.00')
    """
    currencies = {c for c, _ in (*now.lost_sales, *prev.lost_sales)}
    if len(currencies) > 1:
        return None
    delta = now.lost_sales_total - prev.lost_sales_total
    return ("+" if delta > 0 else "") + money(delta, next(iter(currencies), "USD"), lang)


def with_skus(plan: Plan, skus: pd.DataFrame) -> Plan:
    """The plan restricted to ``skus`` (e.g. the page's global search), for :func:`summary` of a selection."""
    return replace(plan, skus=skus)


# ---------------------------------------------------------------------------------------------------------
# the "needs action" table


def needs_action(skus: pd.DataFrame) -> pd.DataFrame:
    """SKUs that need something this week, most urgent first.

    A SKU is listed when any :data:`ACTIONS` applies or it is not in the normal phase. Order: phase (during,
    before, after, normal), alert (urgent, reorder, watch, ok), stockout date, days of cover. Columns: the
    ``skus`` columns plus ``actions`` (tuple of action codes) and ``urgency``.
    """
    acts = action_flags(skus)
    listed = acts.any(axis=1) | (skus["phase"] != "normal")
    out = skus[listed].copy()
    out["actions"] = [tuple(a for a in ACTIONS if row[a]) for _, row in acts[listed].iterrows()]
    stockout = pd.to_datetime(out["stockout_date"])
    out = out.assign(
        _p=out["phase"].map(PHASE_RANK).fillna(9),
        _a=out["alert"].map(ALERT_RANK).fillna(9),
        _s=stockout,
        _c=out["days_of_cover"].astype(float),
    ).sort_values(["_p", "_a", "_s", "_c", "sku"], kind="stable", na_position="last")
    out["urgency"] = np.arange(1, len(out) + 1)
    return out.drop(columns=["_p", "_a", "_s", "_c"]).reset_index(drop=True)


def action_table(skus: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`needs_action` as the page shows it: labels in ``lang``, dates formatted, one row per SKU.

    Columns: sku, marketplace, phase, alert, actions, reorder_qty, air_qty, latest_order_date,
    stockout_date, gap, strategy, days_of_cover.
    """
    need = needs_action(skus)
    return pd.DataFrame(
        {
            "sku": need["sku"].astype(str),
            "marketplace": need["marketplace"].astype(str),
            "phase": [phase_label(p, lang) for p in need["phase"]],
            "alert": [alert_label(a, lang) for a in need["alert"]],
            "actions": [" · ".join(t(f"review.action.{a}", lang) for a in acts) for acts in need["actions"]],
            "reorder_qty": need["reorder_qty"].fillna(0).astype(int),
            "air_qty": need["air_qty"].fillna(0).astype(int),
            "latest_order_date": [fmt_date(d, lang) for d in need["latest_order_date"]],
            "stockout_date": [fmt_date(d, lang) for d in need["stockout_date"]],
            "gap": [gap_label(g, lang) for g in need["gap_class"]],
            "strategy": [strategy_label(s, lang) for s in need["strategy"]],
            "days_of_cover": need["days_of_cover"].astype(float).round(1),
        }
    )


# ---------------------------------------------------------------------------------------------------------
# KPI flags (seed 002)


def _sku_in_campaign(campaigns: pd.Series, skus: Iterable[str]) -> pd.Series:
    """The SKU named in each campaign name (longest match, case-insensitive), '' when none is."""
    names = sorted({str(s) for s in skus if s}, key=len, reverse=True)
    lowered = [(n, n.lower()) for n in names]

    def find(campaign: object) -> str:
        text = str(campaign or "").lower()
        return next((n for n, low in lowered if low in text), "")

    return campaigns.map(find).astype(str)


def _keyword_skus(kt: pd.DataFrame, skus: pd.DataFrame, campaign_skus: pd.DataFrame | None) -> pd.Series:
    """The SKU each keyword/target row advertises: a campaign with exactly one advertised SKU in the
    product-level ad data (``campaign_skus``: marketplace, campaign, skus as 'a,b'), else a SKU named in
    the campaign name, else ''."""
    found = _sku_in_campaign(kt["campaign"], skus["sku"])
    if campaign_skus is not None and not campaign_skus.empty and "skus" in campaign_skus:
        single = campaign_skus.assign(skus=campaign_skus["skus"].fillna("").astype(str))
        single = single[(single["skus"] != "") & ~single["skus"].str.contains(",", regex=False)]
        single = single.drop_duplicates(["marketplace", "campaign"]).set_index(["marketplace", "campaign"])[
            "skus"
        ]
        idx = pd.MultiIndex.from_frame(kt[["marketplace", "campaign"]])
        from_ads = pd.Series(single.reindex(idx).to_numpy(), index=kt.index)
        found = from_ads.where(from_ads.notna(), found).astype(str)
    return found


def _empty_flags() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c in ("value", "threshold") else object) for c in FLAG_COLUMNS}
    )


def _flag_rows(
    kind: FlagKind, frame: pd.DataFrame, value: pd.Series, threshold: pd.Series | float, keyword: bool
) -> pd.DataFrame:
    n = len(frame)
    blank = pd.Series([""] * n, index=frame.index, dtype=object)
    return pd.DataFrame(
        {
            "kind": kind,
            "marketplace": frame["marketplace"].astype(str),
            "sku": frame["sku"].fillna("").astype(str) if "sku" in frame else blank,
            "keyword": frame["targeting"].fillna("").astype(str) if keyword else blank,
            "ad_type": frame["ad_type"].fillna("").astype(str) if keyword else blank,
            "campaign": frame["campaign"].fillna("").astype(str) if keyword else blank,
            "match_type": frame["match_type"].fillna("").astype(str) if keyword else blank,
            "value": value.astype(float),
            "threshold": threshold if isinstance(threshold, float) else threshold.astype(float),
            "currency": frame["currency"].astype(str) if "currency" in frame else blank,
            "message_key": f"review.flag.{kind}",
        },
        index=frame.index,
    )


def kpi_flags(
    plan: Plan,
    keyword_targets: pd.DataFrame,
    settings: Settings | None = None,
    campaign_skus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The seed-002 weekly flags, one row per flag.

    Parameters
    ----------
    plan
        The current plan (SKU flags: conversion drop, rising sales with low cover; and each SKU's CVR,
        order value and target ROAS for the keyword targets).
    keyword_targets
        :meth:`Store.keyword_targets` over the last 7 days (marketplace, ad_type, campaign, ad_group,
        targeting, match_type, impressions, clicks, spend, ad_sales, ad_orders).
    settings
        Thresholds (``kpi_*``, ``rising_cover_days``); default ``plan.settings``.
    campaign_skus
        Optional :meth:`Store.campaign_spend` frame (marketplace, campaign, skus): which SKU a campaign
        advertises. Without it (or for campaigns it does not cover) the SKU is read from the campaign name.

    Returns
    -------
    pandas.DataFrame
        Columns ``FLAG_COLUMNS``: kind (``FLAG_KINDS``), marketplace, sku, keyword (targeting, keyword
        flags only), ad_type, campaign, match_type, value, threshold, currency, message_key. Values are
        fractions for conversion drop, CTR and ACoS, money for CPC, days for cover.

    Rules: conversion drop — (last week − this week) / last week > ``kpi_conversion_drop`` (the plan's
    ``conversion_drop``); CTR — clicks / impressions < ``kpi_ctr_min`` with at least
    ``kpi_ctr_min_impressions`` impressions; CPC — spend / clicks > ``kpi_cpc_factor`` × target CPC;
    ACoS — spend / ad sales > ``kpi_acos_factor`` × target ACoS (spend without sales is an infinite ACoS,
    judged once the spend exceeds the limit even for one order at the average order value);
    rising low cover — sales rising and days of cover < ``rising_cover_days``.
    """
    s = settings or plan.settings
    skus = plan.skus.copy()
    skus["currency"] = _currencies(skus)
    parts: list[pd.DataFrame] = []

    # --- SKU flags -------------------------------------------------------------------------------------
    drop = skus[skus["conversion_drop"].fillna(False).astype(bool)]
    if len(drop):
        value = 1.0 - drop["cvr_this_week"].astype(float) / drop["cvr_last_week"].astype(float)
        parts.append(_flag_rows("conversion_drop", drop, value, float(s.kpi_conversion_drop), keyword=False))
    cover = skus["days_of_cover"].astype(float)
    rising = skus[skus["rising_sales"].fillna(False).astype(bool) & (cover < s.rising_cover_days)]
    if len(rising):
        parts.append(
            _flag_rows(
                "rising_low_cover", rising, rising["days_of_cover"], float(s.rising_cover_days), keyword=False
            )
        )

    # --- keyword / target flags ------------------------------------------------------------------------
    if keyword_targets is not None and len(keyword_targets):
        kt = keyword_targets.copy()
        for col in ("impressions", "clicks", "spend", "ad_sales", "ad_orders"):
            kt[col] = kt[col].fillna(0.0).astype(float)
        kt["sku"] = _keyword_skus(kt, skus, campaign_skus)
        per_sku = skus.drop_duplicates(["marketplace", "sku"]).set_index(["marketplace", "sku"])
        idx = pd.MultiIndex.from_frame(kt[["marketplace", "sku"]])
        # The SKU's ad conversion (CVR) and average order value (AOV) over the ROAS window.
        sku_aov = per_sku["ad_sales"].astype(float) / per_sku["ad_orders"].astype(float).where(
            per_sku["ad_orders"] > 0
        )
        cvr = pd.Series(per_sku["cvr"].astype(float).reindex(idx).to_numpy(), index=kt.index)
        aov = pd.Series(sku_aov.reindex(idx).to_numpy(), index=kt.index)
        troas = pd.Series(per_sku["target_roas"].astype(float).reindex(idx).to_numpy(), index=kt.index)
        currency = pd.Series(per_sku["currency"].reindex(idx).to_numpy(), index=kt.index)
        # Keywords of an unknown SKU (or a SKU without ad orders): the marketplace's keyword totals.
        totals = kt.groupby("marketplace")[["ad_sales", "ad_orders", "clicks"]].sum()
        market_cvr = totals["ad_orders"] / totals["clicks"].where(totals["clicks"] > 0)
        market_aov = totals["ad_sales"] / totals["ad_orders"].where(totals["ad_orders"] > 0)
        known = cvr.notna() & (cvr > 0) & aov.notna() & (aov > 0)
        cvr = cvr.where(known, kt["marketplace"].map(market_cvr))
        aov = aov.where(known, kt["marketplace"].map(market_aov))
        troas = troas.where(troas.notna() & (troas > 0), s.default_target_roas)
        kt["currency"] = currency.where(currency.notna(), kt["marketplace"].map(currency_of)).fillna("USD")
        kt["aov"] = aov
        kt["target_cpc"] = cvr * aov / troas
        kt["target_acos"] = 1.0 / troas

        ctr = kt["clicks"] / kt["impressions"].where(kt["impressions"] > 0)
        low_ctr = (kt["impressions"] >= s.kpi_ctr_min_impressions) & pd.Series(
            formulas.ctr_flag_many(kt["clicks"], kt["impressions"], s.kpi_ctr_min), index=kt.index
        )
        if low_ctr.any():
            parts.append(_flag_rows("low_ctr", kt[low_ctr], ctr[low_ctr], float(s.kpi_ctr_min), keyword=True))

        cpc = kt["spend"] / kt["clicks"].where(kt["clicks"] > 0)
        judge_cpc = cpc.notna() & kt["target_cpc"].notna() & (kt["target_cpc"] > 0)
        high_cpc = judge_cpc & pd.Series(
            formulas.cpc_flag_many(cpc, kt["target_cpc"], s.kpi_cpc_factor), index=kt.index
        )
        if high_cpc.any():
            parts.append(
                _flag_rows(
                    "high_cpc",
                    kt[high_cpc],
                    cpc[high_cpc],
                    s.kpi_cpc_factor * kt.loc[high_cpc, "target_cpc"],
                    keyword=True,
                )
            )

        acos = pd.Series(formulas.acos_many(kt["ad_sales"], kt["spend"]), index=kt.index)
        high_acos = pd.Series(
            formulas.acos_flag_many(acos, kt["target_acos"], s.kpi_acos_factor), index=kt.index
        )
        # Spend without sales is an infinite ACoS, but a few cents on a handful of clicks say nothing yet:
        # judge it once even one order at the average order value would leave the ACoS over the limit.
        no_sales = np.isinf(acos.to_numpy(dtype=float))
        enough = kt["spend"] > s.kpi_acos_factor * kt["target_acos"] * kt["aov"].fillna(np.inf)
        high_acos &= ~no_sales | enough
        if high_acos.any():
            parts.append(
                _flag_rows(
                    "high_acos",
                    kt[high_acos],
                    acos[high_acos],
                    s.kpi_acos_factor * kt.loc[high_acos, "target_acos"],
                    keyword=True,
                )
            )

    if not parts:
        return _empty_flags()
    flags = pd.concat(parts, ignore_index=True)
    flags["_k"] = flags["kind"].map({k: i for i, k in enumerate(FLAG_KINDS)})
    # Worst first inside each kind: the biggest drop / excess, the lowest CTR / cover.
    ratio = flags["value"] / flags["threshold"].where(flags["threshold"] != 0)
    flags["_r"] = np.where(flags["kind"].isin(["low_ctr", "rising_low_cover"]), ratio, -ratio)
    flags = flags.sort_values(["_k", "_r", "sku", "keyword"], kind="stable").drop(columns=["_k", "_r"])
    return flags.reset_index(drop=True)[list(FLAG_COLUMNS)]


def only_skus(frame: pd.DataFrame, skus: Iterable[str], *, keep_unassigned: bool = False) -> pd.DataFrame:
    """Rows of a flags/changes frame for the given SKUs (``keep_unassigned``: also rows without a SKU)."""
    wanted = set(skus)
    keep = frame["sku"].isin(wanted)
    if keep_unassigned:
        keep |= frame["sku"].fillna("") == ""
    return frame[keep].reset_index(drop=True)


def _flag_value(kind: str, value: float, currency: str, lang: str) -> str:
    if kind == "high_cpc":
        return money(value, currency or "USD", lang)
    if kind == "rising_low_cover":
        return t("review.days", lang, n=number(value, 0, lang))
    if kind == "high_acos" and math.isinf(value):
        return t("review.no_sales", lang)
    if kind == "low_ctr" and math.isfinite(value):
        # CTRs sit just under 0.3 %: three decimals, rounded down, so 0.29985 % reads 0.299 %, not the limit.
        return pct(math.floor(round(value * 1e5, 6)) / 1e5, 3)
    return pct(value, 1)


def flag_table(flags: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`kpi_flags` as the page shows it: flag name, SKU, keyword, campaign, value, threshold, action."""
    rows = []
    for r in flags.itertuples(index=False):
        value = _flag_value(r.kind, r.value, r.currency, lang)
        limit = _flag_value(r.kind, r.threshold, r.currency, lang)
        rows.append(
            {
                "flag": t(f"review.flag_kind.{r.kind}", lang),
                "sku": r.sku,
                "keyword": r.keyword,
                "campaign": r.campaign,
                "value": value,
                "threshold": limit,
                "message": t(
                    r.message_key,
                    lang,
                    value=value,
                    threshold=limit,
                    sku=r.sku or "–",
                    keyword=r.keyword or "–",
                ),
            }
        )
    columns = ["flag", "sku", "keyword", "campaign", "value", "threshold", "message"]
    return pd.DataFrame(rows, columns=columns)


def flag_counts(flags: pd.DataFrame) -> dict[str, int]:
    """Flags per kind (every kind present, zeros included)."""
    counts = flags["kind"].value_counts()
    return {k: int(counts.get(k, 0)) for k in FLAG_KINDS}


# ---------------------------------------------------------------------------------------------------------
# what changed since last week


def _change_kind(phase_prev: object, phase_now: str, alert_prev: object, alert_now: str) -> ChangeKind | None:
    if not isinstance(phase_prev, str):
        return "new_sku"
    if phase_now == "during" and phase_prev != "during":
        return "stockout_started"
    if phase_prev == "during" and phase_now != "during":
        return "back_in_stock"
    if phase_prev == "after" and phase_now == "normal":
        return "recovered"
    if phase_prev != phase_now:
        return "phase_changed"
    if alert_prev != alert_now:
        return "alert_changed"
    return None


def changes(plan_now: Plan, plan_prev: Plan) -> pd.DataFrame:
    """What changed per SKU between last week's plan (e.g. ``compute_plan(store, as_of - 7 days)``) and now.

    One row per SKU whose phase or alert changed, most important first: a stockout that started, one that
    ended (back in stock), a recovery completed (after → normal), another phase change, an alert change, a
    SKU new since last week. Columns ``CHANGE_COLUMNS``.
    """
    keys = ["marketplace", "sku"]
    cols = ["phase", "alert", "days_of_cover", "stockout_date"]
    now = plan_now.skus[keys + cols]
    prev = plan_prev.skus[keys + cols]
    both = now.merge(prev, on=keys, how="left", suffixes=("_now", "_prev"))
    kinds = [
        _change_kind(pp, pn, ap, an)
        for pp, pn, ap, an in zip(
            both["phase_prev"], both["phase_now"], both["alert_prev"], both["alert_now"], strict=True
        )
    ]
    both["change"] = kinds
    out = both[both["change"].notna()].rename(
        columns={"days_of_cover_now": "cover_now", "days_of_cover_prev": "cover_prev"}
    )
    out = out.assign(_k=out["change"].map({k: i for i, k in enumerate(CHANGE_KINDS)}))
    out = out.sort_values(["_k", "sku"], kind="stable").drop(columns=["_k"])
    return out.reset_index(drop=True)[list(CHANGE_COLUMNS)]


def change_table(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`changes` as the page shows it: change, SKU, phase old → new, alert old → new, cover old →
    new."""

    def arrow(old: str, new: str) -> str:
        return new if old == new else f"{old} → {new}"

    rows = []
    for r in frame.itertuples(index=False):
        phase_prev = phase_label(r.phase_prev, lang) if isinstance(r.phase_prev, str) else "–"
        alert_prev = alert_label(r.alert_prev, lang) if isinstance(r.alert_prev, str) else "–"
        rows.append(
            {
                "change": t(f"review.change.{r.change}", lang),
                "sku": r.sku,
                "phase": arrow(phase_prev, phase_label(r.phase_now, lang)),
                "alert": arrow(alert_prev, alert_label(r.alert_now, lang)),
                "cover": arrow(number(r.cover_prev, 0, lang), number(r.cover_now, 0, lang)),
                "stockout_date": arrow(
                    fmt_date(r.stockout_date_prev, lang), fmt_date(r.stockout_date_now, lang)
                ),
            }
        )
    return pd.DataFrame(rows, columns=["change", "sku", "phase", "alert", "cover", "stockout_date"])


def previous_as_of(as_of: dt.date, days: int = 7) -> dt.date:
    """The as-of date of last week's review (``as_of`` − 7 days)."""
    return as_of - dt.timedelta(days=days)

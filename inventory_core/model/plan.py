"""The plan over the store: every SKU's velocity, cover, WOC, reorder, projection, phase and WOC × ROAS.

Aggregation happens in DuckDB (:mod:`inventory_core.store`); :func:`compute_plan` combines the per-SKU
aggregates with array code (no Python loop per SKU per day) in named steps, one per stage: candidates →
coverage and data status → stock and cover → order-up-to → projection and air → ranks and phase → ads →
Amazon's limits → alerts after the cuts → blank what is unknown. Every figure is a column of
:attr:`Plan.skus` (the type lives in :mod:`inventory_core.model.plan_type`); each formula is the one array
function of :mod:`inventory_core.model.formulas`, and :mod:`inventory_core.views.explain` traces each
figure back to its inputs.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from inventory_core.model import fba_limits, formulas, plan_checks, ranks
from inventory_core.model.plan_type import SALES_FIGURES, STOCK_FIGURES, Plan
from inventory_core.model.settings import Settings
from inventory_core.store import Store, fields

__all__ = [
    "OPEN_STATUSES",
    "Plan",
    "blend_candidates",
    "compute_plan",
    "lead_time_sigma",
    "load_settings",
    "resolve_as_of",
    "save_settings",
    "velocity_candidates",
]

OPEN_STATUSES = ("in_transit", "customs_hold", "delayed")


def resolve_as_of(store: Store, as_of: dt.date | None) -> dt.date:
    """``as_of``, or the latest day on which stock is known (a snapshot's own day), else the last sales
    day."""
    if as_of is not None:
        return as_of
    latest = store.latest_snapshot_date() or store.latest_sales_date()
    return latest or dt.date.today()


def load_settings(store: Store) -> Settings:
    """The settings saved in the store (the defaults when none are)."""
    return Settings.from_json(store.get_meta("settings"))


def save_settings(store: Store, settings: Settings) -> None:
    """Save ``settings`` in the store."""
    store.set_meta("settings", settings.to_json())


def _safe_div(num: pd.Series | np.ndarray, den: pd.Series | np.ndarray) -> np.ndarray:
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def blend_candidates(frame: pd.DataFrame, s: Settings) -> np.ndarray:
    """The planning ADS of every SKU from its four candidates (:func:`formulas.blend_velocity_many`)."""
    cands = frame[["velocity_7", "velocity_14", "velocity_30", "velocity_seasonal"]].to_numpy(dtype=float)
    weights = [s.velocity_weight_7, s.velocity_weight_14, s.velocity_weight_30, s.velocity_weight_seasonal]
    return formulas.blend_velocity_many(cands, weights)


def velocity_candidates(frame: pd.DataFrame, s: Settings) -> pd.DataFrame:
    """The ADS candidates (7/14/30 days in stock, seasonal with YoY growth) and their blend, added to a
    :meth:`Store.velocity` frame (the back-test uses it on each review date without the whole plan)."""
    frame["velocity_7"] = _safe_div(frame["units_7"], frame["days_7"])
    frame["velocity_14"] = _safe_div(frame["units_14"], frame["days_14"])
    frame["velocity_30"] = _safe_div(frame["units_30"], frame["days_30"])
    # Last year's figures are rates over the days the store knows (unknown days are not zero sales).
    has_ly = frame["ly_days"].fillna(0) >= 30
    yoy = formulas.yoy_growth_many(
        _safe_div(frame["units_last_30"], frame["days_last_30"]),
        _safe_div(frame["units_ly_prev_30"], frame["days_ly_prev"]),
    )
    frame["yoy_growth"] = np.where(has_ly, yoy, np.nan)
    seasonal = formulas.seasonal_velocity_many(
        frame["units_ly_next_90"].fillna(0), frame["yoy_growth"], frame["ly_days"]
    )
    frame["velocity_seasonal"] = np.where(has_ly, seasonal, np.nan)
    frame["velocity_blend"] = blend_candidates(frame, s)
    return frame


def compute_plan(store: Store, as_of: dt.date | None = None, settings: Settings | None = None) -> Plan:
    """The plan for every SKU as of ``as_of`` (default: the latest stock snapshot), from one snapshot of
    the database."""
    with store.read_snapshot():
        return _compute_plan(store, as_of, settings)


def _compute_plan(store: Store, as_of: dt.date | None, settings: Settings | None) -> Plan:
    s = settings or load_settings(store)
    as_of = resolve_as_of(store, as_of)
    base = store.sku_base(as_of, s.oos_snapshot_max_age_days)
    vel = store.velocity(as_of, s.oos_snapshot_max_age_days)
    frame = base.merge(
        vel.rename(columns={"first_day": "history_start"}), on=["marketplace", "sku"], how="left"
    )
    ships = _open_shipments(store, as_of, s)
    frame, sheet_inbound, problems = _mask_impossible(frame, ships)
    frame = velocity_candidates(frame, s)
    episodes = _episodes(store, as_of, frame)
    frame = _velocity_and_coverage(frame, episodes, problems["masked"].to_numpy(), as_of, s)
    frame = _stock_and_cover(frame, sheet_inbound, s)
    frame = _order_up_to(store, frame, as_of, s)
    arrivals = _arrivals(frame, ships, s)
    frame = _projection_and_air(frame, ships, arrivals, as_of, s)
    impact = _rank_impact(store, episodes, as_of, s)
    frame = _ranks_and_phase(frame, episodes, impact, as_of, s)
    frame = _advertising(store, frame, as_of, s)
    frame = _weekly_conversion(frame, s)
    frame = _amazon_limits(frame, arrivals, as_of, s)
    frame = _blank_unknown(frame)
    frame["as_of"] = as_of
    frame = _report_problems(store, frame, problems)
    return Plan(as_of, s, frame, episodes, ships, store.learned_lead_times(), impact)


def _keys(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[["marketplace", "sku"]])


def _mask_impossible(
    frame: pd.DataFrame, ships: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Impossible inputs (issue 17): the SKU masked out (its inputs made harmless) and why, every other SKU
    planned as usual. Returns the frame, the units on the way per row from the shipment sheet (NaN without
    one) and :func:`plan_checks.input_problems`."""
    per_sku = ships[ships["counts"]].groupby(["marketplace", "sku"])["quantity"].sum()
    sheet_inbound = pd.Series(per_sku.reindex(_keys(frame)).to_numpy(), index=frame.index)
    problems = plan_checks.input_problems(frame, sheet_inbound)
    masked = problems["masked"].to_numpy()
    return _neutral_inputs(frame, masked), sheet_inbound.where(~masked, np.nan), problems


def _velocity_and_coverage(
    frame: pd.DataFrame, episodes: pd.DataFrame, masked: np.ndarray, as_of: dt.date, s: Settings
) -> pd.DataFrame:
    """The planning ADS (blend, before-stockout stand-in or override), what data it stands on (coverage,
    staleness, ``data_status``) and the SKU's lifecycle."""
    # Out of stock on every one of the last 30 known days: no recent in-stock day to measure, so the ADS of
    # the 30 days before the stockout began stands in (marked), not a zero that would order nothing and not
    # whatever in-stock days the look-back still reaches. It feeds the order-up-to level like any ADS.
    pre_velocity = _last_episode(episodes, _keys(frame), "pre_velocity")
    frame["oos_days_30"] = frame["oos_days_30"].fillna(0).astype(int)
    no_recent = (
        (frame["oos_days_30"] > 0) & (frame["oos_days_30"] >= frame["days_last_30"].fillna(0))
    ).to_numpy()
    from_before = no_recent & (np.nan_to_num(pre_velocity, nan=0.0) > 0)
    frame["velocity_blend"] = np.where(from_before, pre_velocity, frame["velocity_blend"])
    override = frame["ads_override"].astype(float)
    # Coverage (DESIGN.md "Coverage"): a SKU without a known sales day has no ADS (not an ADS of 0), a
    # SKU without a snapshot near the as-of has no stock (not 0 available).
    sales_known = (
        (frame["days_last_30"].fillna(0) > 0) | frame["velocity_seasonal"].notna() | override.notna()
    )
    stock_known = frame["stock_date"].notna()
    last_sales = pd.to_datetime(frame["last_sales_day"])
    frame["sales_age_days"] = (pd.Timestamp(as_of) - last_sales).dt.days
    frame["sales_stale"] = frame["sales_age_days"].isna() | (frame["sales_age_days"] > s.stale_sales_days)
    stock_day = pd.to_datetime(frame["stock_date"])
    frame["stock_age_days"] = (pd.Timestamp(as_of) - stock_day).dt.days.abs()
    frame["stock_estimated"] = stock_known & (frame["stock_age_days"] > 0)
    frame["data_status"] = np.select(
        [~stock_known, ~sales_known], ["stock_unknown", "sales_unknown"], default="ok"
    )
    frame["velocity"] = np.where(override.notna(), override, frame["velocity_blend"])
    frame["velocity_source"] = np.where(
        override.notna(), "override", np.where(from_before, "before_stockout", "blend")
    )
    history = (pd.Timestamp(as_of) - pd.to_datetime(frame["history_start"])).dt.days
    young = (history.isna() | (history < plan_checks.YOUNG_DAYS)).to_numpy()
    frame["history_days"] = history.clip(lower=0).to_numpy()
    frame["lifecycle"] = np.select(
        [masked, young, no_recent], ["check_data", "new", "out_of_stock_window"], default="active"
    )
    return frame


def _stock_and_cover(frame: pd.DataFrame, sheet_inbound: pd.Series, s: Settings) -> pd.DataFrame:
    """Available and inbound stock (the shipment sheet's, else FBA's), days of cover, WOC and its band."""
    # Negative fulfillable stock (an Amazon adjustment) is nothing sellable: planned as 0, flagged.
    available = frame["available"].fillna(0.0).astype(float).clip(lower=0.0)
    frame["available"] = available
    fba_inbound = (
        (
            frame["inbound_working"].fillna(0)
            + frame["inbound_shipped"].fillna(0)
            + frame["inbound_receiving"].fillna(0)
        )
        .astype(float)
        .clip(lower=0.0)
    )
    has_sheet = sheet_inbound.notna()
    frame["inbound"] = np.where(has_sheet, sheet_inbound.fillna(0), fba_inbound)
    frame["inbound_source"] = np.where(
        has_sheet, "shipments", np.where(fba_inbound > 0, "fba_inbound", "none")
    )
    velocity = frame["velocity"].to_numpy(dtype=float)
    frame["days_of_cover"] = formulas.days_of_cover_many(available, velocity)
    frame["days_of_cover_with_inbound"] = formulas.days_of_cover_many(available + frame["inbound"], velocity)
    # WOC's four weeks are the last 28 known days (fewer known days: their rate over 28 days).
    frame["units_28"] = frame["units_28"].fillna(0.0)
    days_28 = frame["days_28"].fillna(0).to_numpy(dtype=float)
    u28 = np.where(
        (days_28 > 0) & (days_28 < 28),
        frame["units_28"] / np.where(days_28 > 0, days_28, 1) * 28,
        frame["units_28"].to_numpy(dtype=float),
    )
    # A new SKU (under four weeks of history) has no weeks of cover: four weeks of sales do not exist yet.
    young = _young(frame)
    frame["woc"] = np.where(young, np.nan, formulas.weeks_of_cover_many(available, u28))
    frame["woc_band"] = formulas.woc_band_many(
        frame["woc"],
        risk_below=s.woc_risk_below,
        overstock_above=s.woc_overstock_above,
        aged_at=s.woc_aged_at,
    )
    aged_stock = (frame["aged_365_plus"].fillna(0) > 0) & ~young
    frame.loc[aged_stock, "woc_band"] = "aged"
    return frame


def _young(frame: pd.DataFrame) -> np.ndarray:
    """Under four weeks of history (or none known): no weeks of cover yet."""
    history = frame["history_days"]
    return (history.isna() | (history < plan_checks.YOUNG_DAYS)).to_numpy()


def _order_up_to(store: Store, frame: pd.DataFrame, as_of: dt.date, s: Settings) -> pd.DataFrame:
    """Lead times and safety days (the SKU's, else the defaults), the safety stock, the order-up-to level over
    lead time + review period (DESIGN.md "Decision quality"), the reorder quantity and the order-by date."""
    lead = frame["lead_time_days"].fillna(s.default_lead_time_days).astype(float)
    air_lead = frame["air_lead_time_days"].fillna(s.default_air_lead_time_days).astype(float)
    safety = frame["safety_days"].fillna(s.default_safety_days).astype(float)
    frame["lead_time_days"], frame["air_lead_time_days"], frame["safety_days"] = lead, air_lead, safety
    velocity = frame["velocity"].to_numpy(dtype=float)
    review = float(s.review_period_days)
    frame["review_period_days"] = review
    frame["lead_time_sigma_days"] = lead_time_sigma(store, frame, as_of)
    position = (frame["available"] + frame["inbound"]).to_numpy(dtype=float)
    frame["safety_stock_days"] = safety * velocity
    frame["safety_stock_statistical"] = formulas.safety_stock_statistical_many(
        frame["sigma_daily"].fillna(0.0),
        velocity,
        lead,
        review,
        frame["lead_time_sigma_days"],
        s.service_level,
    )
    frame["safety_stock"] = (
        frame["safety_stock_statistical"] if s.statistical_safety_stock else frame["safety_stock_days"]
    )
    frame["order_up_to"] = formulas.order_up_to_level_many(velocity, lead, review, frame["safety_stock"])
    frame["reorder_qty"] = formulas.reorder_quantity_many(frame["order_up_to"], position)
    frame["order_in_days"] = formulas.order_due_in_days(velocity, position, lead, frame["safety_stock"])
    # An order-by date only where there is something to order (a SKU that needs no order shows none); a
    # date beyond the readable horizon is none either, ``latest_order_after_year`` says "after <year>".
    offsets = np.where(
        frame["reorder_qty"].to_numpy(dtype=float) > 0, frame["order_in_days"].to_numpy(dtype=float), np.nan
    )
    order_dates, order_after = plan_checks.readable_dates(as_of, offsets)
    frame["latest_order_date"] = [d if d is not None else pd.NaT for d in order_dates]
    frame["latest_order_after_year"] = order_after
    ratio = _safe_div(frame["velocity_7"], frame["velocity_30"])
    frame["rising_sales"] = np.nan_to_num(ratio, nan=0.0) >= s.rising_sales_ratio
    frame["cover_colour"] = formulas.cover_colour_many(
        frame["days_of_cover"], reorder_days=s.reorder_days, urgent_days=s.urgent_days
    )
    return frame


def _arrivals(frame: pd.DataFrame, ships: pd.DataFrame, s: Settings) -> np.ndarray:
    """Units sellable per SKU and projection day: the counted shipments on their day, FBA inbound stock
    without a shipment sheet after ``inbound_without_eta_days``."""
    horizon = int(s.horizon_days)
    arrivals = np.zeros((len(frame), horizon))
    key_pos = {k: i for i, k in enumerate(zip(frame["marketplace"], frame["sku"], strict=True))}
    counted = ships[ships["counts"] & (ships["arrival_day"] < horizon)]
    for (mk, sku), day, qty in zip(
        zip(counted["marketplace"], counted["sku"], strict=True),
        counted["arrival_day"],
        counted["quantity"],
        strict=True,
    ):
        pos = key_pos.get((mk, sku))
        if pos is not None:
            arrivals[pos, max(int(day), 0)] += float(qty)
    # Without a sheet, ``inbound`` is FBA's inbound stock (``inbound_source`` says so where there is some).
    no_sheet = (frame["inbound_source"] == "fba_inbound").to_numpy()
    if s.inbound_without_eta_days < horizon:
        arrivals[no_sheet, s.inbound_without_eta_days] += frame["inbound"].to_numpy(dtype=float)[no_sheet]
    return arrivals


def _projection_and_air(
    frame: pd.DataFrame, ships: pd.DataFrame, arrivals: np.ndarray, as_of: dt.date, s: Settings
) -> pd.DataFrame:
    """The stockout projection of all SKUs at once, the gap and the demand lost, the air freight to bridge it
    and the first advice."""
    horizon = int(s.horizon_days)
    velocity = frame["velocity"].to_numpy(dtype=float)
    proj = formulas.project_stock_many(frame["available"].to_numpy(dtype=float), velocity, arrivals, horizon)
    so = proj["stockout_day"].astype(int)
    frame["stockout_day"] = np.where(so >= 0, so, np.nan)
    frame["stockout_date"] = [as_of + dt.timedelta(days=int(d)) if d >= 0 else pd.NaT for d in so]
    gap = proj["gap_days"].astype(int)
    frame["gap_days"] = np.where(so >= 0, gap, np.nan)
    frame["gap_class"] = formulas.gap_class_many(
        np.where((gap >= 0) & (so >= 0), gap, np.nan), short_max=s.gap_short_max, medium_max=s.gap_medium_max
    )
    frame["lost_units"] = proj["lost_units"]
    # Unknown price: the lost sales are unknown, not $0 (a zero would read as "nothing lost").
    price_known = frame["price"].astype(float).fillna(0.0) > 0  # no price, or $0 from sales without revenue
    frame["lost_sales"] = np.where(
        price_known | (frame["lost_units"] <= 0), frame["lost_units"] * frame["price"].fillna(0.0), np.nan
    )
    next_arrival = np.where(arrivals > 0, np.arange(horizon)[None, :], horizon).min(axis=1)
    frame["next_arrival_day"] = np.where(next_arrival < horizon, next_arrival, np.nan)
    flags = ships.groupby(["marketplace", "sku"])["status"].agg(lambda x: ",".join(sorted(set(x))))
    frame["shipment_flags"] = flags.reindex(_keys(frame)).fillna("").to_numpy()
    frame["air_qty"] = formulas.air_bridge_quantity_many(
        velocity,
        frame["stockout_day"],
        frame["next_arrival_day"],
        frame["air_lead_time_days"],
        frame["lead_time_days"],
    )
    frame["alert"] = formulas.advice_many(
        frame["reorder_qty"], frame["air_qty"], frame["order_in_days"], float(s.review_period_days)
    )
    return frame


def _ranks_and_phase(
    frame: pd.DataFrame, episodes: pd.DataFrame, impact: pd.DataFrame, as_of: dt.date, s: Settings
) -> pd.DataFrame:
    """Whether the keyword ranks came back after the last stockout, and the phase (before / during /
    after)."""
    unrec = ranks.unrecovered_core(impact, as_of=as_of, since_days=s.after_window_days)
    if unrec.empty:
        frame["ranks_recovered"] = np.nan
        frame["keywords_unrecovered"] = 0
    else:
        unrec = unrec.set_index(["marketplace", "sku"])
        idx = _keys(frame)
        frame["ranks_recovered"] = unrec["ranks_recovered"].reindex(idx).to_numpy()
        frame["keywords_unrecovered"] = unrec["unrecovered"].reindex(idx).fillna(0).astype(int).to_numpy()
    return _phase(frame, episodes, as_of, s)


def _advertising(store: Store, frame: pd.DataFrame, as_of: dt.date, s: Settings) -> pd.DataFrame:
    """ROAS, ACoS, CVR and CPC over the ROAS window, the ad share of orders, the target ROAS and the WOC ×
    ROAS strategy."""
    # The ROAS window ends at the last day an ads import covers (not at an as-of the ads never reached).
    ads_end = min(as_of - dt.timedelta(days=1), store.last_ads_day(as_of) or as_of) + dt.timedelta(days=1)
    adsum = store.ads_by_sku(ads_end - dt.timedelta(days=s.roas_window_days), ads_end)
    frame = frame.merge(adsum, on=["marketplace", "sku"], how="left")
    for col in ("impressions", "clicks", "spend", "ad_sales", "ad_orders", "ad_units"):
        frame[col] = frame[col].fillna(0.0)
    frame["roas"] = formulas.roas_many(frame["ad_sales"], frame["spend"])
    # Why there is no ROAS: no ad rows at all, or ad sales without spend (not computable, not infinite).
    frame["roas_note"] = np.where(
        frame["spend"] > 0,
        "",
        np.where(
            (frame["ad_sales"] > 0) | (frame["clicks"] > 0) | (frame["impressions"] > 0), "no_spend", "no_ads"
        ),
    )
    frame["acos"] = formulas.acos_many(frame["ad_sales"], frame["spend"])
    frame["cvr"] = _safe_div(frame["ad_orders"], frame["clicks"])
    frame["cpc"] = _safe_div(frame["spend"], frame["clicks"])
    share = _safe_div(frame["ad_units"], frame["units_last_30"])
    # The ads report can claim more units than the orders hold (attribution windows, other SKUs' units):
    # a share over 100 % is capped, and the row says so.
    frame["ad_order_share_raw"] = share
    frame["ad_order_share_capped"] = np.nan_to_num(share, nan=0.0) > 1
    frame["ad_order_share"] = np.clip(share, 0, 1)
    break_even = formulas.break_even_roas_many(frame["price"].astype(float), frame["unit_cost"].astype(float))
    target = frame["target_roas"].astype(float)
    frame["target_roas"] = np.where(
        target.notna(), target, np.where(np.isfinite(break_even), break_even, s.default_target_roas)
    )
    frame["target_roas_source"] = np.where(
        target.notna(), "setting", np.where(np.isfinite(break_even), "break_even", "default")
    )
    roas = frame["roas"].to_numpy(dtype=float)
    frame["strategy"] = formulas.strategy_many(
        frame["woc"],
        np.where(np.isfinite(roas), roas, np.nan),
        frame["target_roas"],
        risk_below=s.woc_risk_below,
        overstock_above=s.woc_overstock_above,
        aged_at=s.woc_aged_at,
    )
    frame.loc[frame["woc_band"] == "aged", "strategy"] = "aged"
    return frame


def _weekly_conversion(frame: pd.DataFrame, s: Settings) -> pd.DataFrame:
    """Seed 002's weekly conversion drop, from the units and sessions of the same days only."""
    frame["cvr_this_week"] = _safe_div(frame["conv_units_7"], frame["sessions_7"])
    frame["cvr_last_week"] = _safe_div(frame["conv_units_prev_7"], frame["sessions_prev_7"])
    frame["conversion_drop"] = formulas.conversion_drop_flag_many(
        frame["cvr_this_week"], frame["cvr_last_week"], threshold=s.kpi_conversion_drop
    )
    return frame


def _amazon_limits(frame: pd.DataFrame, arrivals: np.ndarray, as_of: dt.date, s: Settings) -> pd.DataFrame:
    """Amazon's restock recommendation beside ours, then Amazon's limits and fees (low-inventory fee date,
    aged band, capacity: :func:`fba_limits.apply`), and the advice and order-by date after the cuts."""
    frame["amazon_diff"] = frame["amazon_recommended_qty"] - frame["reorder_qty"]
    frame = fba_limits.apply(frame, s, arrivals, as_of)
    # A cut can leave nothing to order: the advice and the order-by date follow the quantities after it, so
    # no SKU says "order now" with nothing to order (issue 14).
    frame["alert"] = formulas.advice_many(
        frame["reorder_qty"], frame["air_qty"], frame["order_in_days"], float(s.review_period_days)
    )
    frame["latest_order_date"] = frame["latest_order_date"].where(frame["reorder_qty"] > 0, pd.NaT)
    frame["latest_order_after_year"] = np.where(
        frame["reorder_qty"].fillna(0) > 0, frame["latest_order_after_year"], 0
    )
    return frame


# Inputs a masked row's figures would rest on: blanked, the reason columns say why.
_NEUTRAL = {
    "available": 0.0,
    "inbound_working": 0.0,
    "inbound_shipped": 0.0,
    "inbound_receiving": 0.0,
    "reserved": 0.0,
    "lead_time_days": np.nan,
    "air_lead_time_days": np.nan,
    "safety_days": np.nan,
    "ads_override": np.nan,
    "price": np.nan,
    "unit_cost": np.nan,
}
# Numeric figures blanked on a masked row: the ADS candidates, the stock figures, the order-up-to ones and
# Amazon's limits (issue 16) — a masked row is blanked at least like an unknown one (STOCK/SALES_FIGURES).
_MASKED_BLANK = (
    "available",
    "inbound",
    "velocity_7",
    "velocity_14",
    "velocity_30",
    "velocity_seasonal",
    "velocity_blend",
    "velocity",
    "days_of_cover",
    "days_of_cover_with_inbound",
    "woc",
    "safety_stock",
    "reorder_qty",
    "safety_stock_statistical",
    "order_in_days",
    "stockout_day",
    "gap_days",
    "lost_units",
    "lost_sales",
    "next_arrival_day",
    "air_qty",
    "amazon_diff",
    "lead_time_days",
    "air_lead_time_days",
    "safety_days",
    "price",
    "unit_cost",
    "safety_stock_days",
    "order_up_to",
    "reorder_qty_before_limits",
    "low_inventory_fee_day",
    "aged_surcharge_units",
    "aged_cut_units",
    "capacity_cut_units",
)
_LAYER_OF_INPUT = {
    "quantity": ("shipment",),
    "price": ("sku_settings", "inventory"),
    **dict.fromkeys(
        ("available", "inbound_working", "inbound_shipped", "inbound_receiving", "reserved"), ("inventory",)
    ),
    **dict.fromkeys(
        ("lead_time_days", "air_lead_time_days", "safety_days", "ads_override", "unit_cost"),
        ("sku_settings",),
    ),
}


def _neutral_inputs(frame: pd.DataFrame, masked: np.ndarray) -> pd.DataFrame:
    """The inputs of masked rows replaced by harmless ones, so the vectorised plan runs for every row."""
    if not masked.any():
        return frame
    frame = frame.copy()
    for col, value in _NEUTRAL.items():
        if col in frame.columns:
            frame[col] = frame[col].astype(float).where(~masked, value)
    return frame


def _report_problems(store: Store, frame: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """Masked rows: figures blanked, alert and phase ``check_data``; every flagged row names its file."""
    frame = pd.concat([frame, problems[["data_issue", "data_issue_column", "data_issue_value"]]], axis=1)
    frame["data_issue_file"] = ""
    masked = problems["masked"].to_numpy()
    if masked.any():
        for col in _MASKED_BLANK:
            if col in frame.columns:
                frame[col] = frame[col].astype(float).where(~masked, np.nan)
        for col in ("latest_order_date", "stockout_date", "low_inventory_fee_date"):
            if col in frame.columns:
                frame[col] = frame[col].astype(object).where(~masked, pd.NaT)
        for col in ("woc_band", "strategy"):
            frame[col] = frame[col].astype(object).where(~masked, None)
        frame.loc[masked, "gap_class"] = "none"
        frame.loc[masked, "cover_colour"] = ""
        frame.loc[masked, ["alert", "phase"]] = "check_data"
        frame.loc[masked, "latest_order_after_year"] = 0
    flagged = frame["data_issue"] != ""
    for column in frame.loc[flagged, "data_issue_column"].unique():
        rows = flagged & (frame["data_issue_column"] == column)
        for layer in _LAYER_OF_INPUT.get(str(column), ()):
            bound = fields.BOUNDS.get(str(column), fields.QUANTITY_MAX)
            files = store.files_with_value_beyond(
                layer, str(column), frame.loc[rows, "sku"].tolist(), 0.0, bound
            )
            found = pd.Series([files.get(sku, "") for sku in frame.loc[rows, "sku"]], index=frame.index[rows])
            empty = frame.loc[rows, "data_issue_file"] == ""
            frame.loc[found[empty].index, "data_issue_file"] = found[empty]
    return frame


def _last_episode(episodes: pd.DataFrame, idx: pd.MultiIndex, column: str) -> np.ndarray:
    """``column`` of each SKU's latest stockout episode, aligned to ``idx`` (NaN without one)."""
    if episodes.empty:
        return np.full(len(idx), np.nan)
    last = (
        episodes.sort_values("start_date")
        .groupby(["marketplace", "sku"])
        .tail(1)
        .set_index(["marketplace", "sku"])
    )
    return last[column].reindex(idx).to_numpy(dtype=float)


def _blank_unknown(frame: pd.DataFrame) -> pd.DataFrame:
    """Blank every figure of a SKU whose stock or sales the store does not know; its alert says which."""
    no_stock = (frame["data_status"] == "stock_unknown").to_numpy()
    no_sales = (frame["data_status"] == "sales_unknown").to_numpy()
    for mask, cols in ((no_stock, STOCK_FIGURES), (no_sales, SALES_FIGURES)):
        if not mask.any():
            continue
        for col in cols:
            if frame[col].dtype.kind in "iub":
                frame[col] = frame[col].astype(float)
            if frame[col].dtype.kind == "f":
                frame.loc[mask, col] = np.nan
            else:
                frame[col] = frame[col].astype(object)
                frame.loc[mask, col] = None
    frame.loc[no_stock | no_sales, "alert"] = frame.loc[no_stock | no_sales, "data_status"]
    if "latest_order_after_year" in frame.columns:
        frame.loc[no_stock | no_sales, "latest_order_after_year"] = 0
    return frame


def lead_time_sigma(store: Store, frame: pd.DataFrame, as_of: dt.date) -> np.ndarray:
    """σ_L per SKU: the spread of its received shipments' ship → received days (at least 3), else the
    spread over the whole catalogue's, else 0."""
    lt = store.lead_time_by_sku(as_of)
    if lt.empty:
        return np.zeros(len(frame))
    days = lt["lead_days"].explode().dropna().astype(float)
    overall = float(days.std(ddof=1)) if len(days) >= 3 else 0.0
    own = lt[lt["shipments"] >= 3].set_index(["marketplace", "sku"])["sigma_days"].astype(float)
    idx = pd.MultiIndex.from_frame(frame[["marketplace", "sku"]])
    return own.reindex(idx).fillna(overall).to_numpy(dtype=float)


def _open_shipments(store: Store, as_of: dt.date, s: Settings) -> pd.DataFrame:
    """Open shipments with the projection day they become sellable.

    Lost shipments are listed but not counted; an overdue ETA counts from day 0 (and is flagged); with
    ``pessimistic_eta`` an in-transit shipment arrives at ship date + the mode's learned 90th percentile
    when that is later than its ETA.
    """
    ships = store.open_shipments()
    if ships.empty:
        return ships.assign(
            arrival_day=pd.Series(dtype=int), counts=pd.Series(dtype=bool), overdue=pd.Series(dtype=bool)
        )
    eta = pd.to_datetime(ships["eta"])
    if s.pessimistic_eta:
        learned = store.learned_lead_times().set_index("mode")["p90_days"]
        p90 = ships["mode"].map(learned)
        pess = pd.to_datetime(ships["ship_date"]) + pd.to_timedelta(p90.fillna(0), unit="D")
        eta = eta.where(pess.isna() | (pess <= eta), pess)
    ships = ships.assign(projected_eta=eta.dt.date)
    days = (eta - pd.Timestamp(as_of)).dt.days
    ships["overdue"] = days < 0
    ships["arrival_day"] = days.clip(lower=0).fillna(0).astype(int)
    ships["counts"] = ships["status"].isin(OPEN_STATUSES) & ships["quantity"].fillna(0).gt(0)
    return ships


def _episodes(store: Store, as_of: dt.date, frame: pd.DataFrame) -> pd.DataFrame:
    ep = store.stockout_episodes(as_of)
    if ep.empty:
        return ep.assign(
            days=pd.Series(dtype=float),
            ongoing=pd.Series(dtype=bool),
            lost_units=pd.Series(dtype=float),
            lost_sales=pd.Series(dtype=float),
            pre_velocity=pd.Series(dtype=float),
            asin=pd.Series(dtype=str),
        )
    start = pd.to_datetime(ep["start_date"])
    end = pd.to_datetime(ep["end_date"])
    ep["ongoing"] = end.isna()
    ep["days"] = np.where(ep["ongoing"], (pd.Timestamp(as_of) - start).dt.days + 1, (end - start).dt.days)
    prices = frame.set_index(["marketplace", "sku"])["price"]
    asins = frame.set_index(["marketplace", "sku"])["asin"]
    idx = pd.MultiIndex.from_frame(ep[["marketplace", "sku"]])
    ep["asin"] = asins.reindex(idx).fillna("").to_numpy()
    ep["lost_units"] = ep["pre_velocity"].fillna(0) * ep["days"]
    ep["lost_sales"] = ep["lost_units"] * prices.reindex(idx).to_numpy(dtype=float)  # unknown price: unknown
    return ep


def _rank_impact(store: Store, episodes: pd.DataFrame, as_of: dt.date, s: Settings) -> pd.DataFrame:
    asins = sorted({a for a in episodes.get("asin", pd.Series(dtype=str)) if a})
    tracked = store.keyword_ranks(asins=None) if asins else store.keyword_ranks(asins=[])
    return ranks.rank_impact(
        tracked,
        episodes,
        as_of,
        baseline_days=s.rank_baseline_days,
        severe_baseline_max=s.rank_severe_baseline_max,
        severe_trough_min=s.rank_severe_trough_min,
        recovery_tolerance=s.rank_recovery_tolerance,
    )


def _phase(frame: pd.DataFrame, episodes: pd.DataFrame, as_of: dt.date, s: Settings) -> pd.DataFrame:
    """before / during / after / normal (DESIGN.md "Phase")."""
    last = (
        episodes.sort_values("start_date").groupby(["marketplace", "sku"]).tail(1)
        if not episodes.empty
        else episodes
    )
    idx = pd.MultiIndex.from_frame(frame[["marketplace", "sku"]])
    if last.empty:
        frame["last_stockout_start"] = pd.NaT
        frame["last_stockout_end"] = pd.NaT
        frame["pre_stockout_velocity"] = np.nan
    else:
        last = last.set_index(["marketplace", "sku"])
        frame["last_stockout_start"] = last["start_date"].reindex(idx).to_numpy()
        frame["last_stockout_end"] = last["end_date"].reindex(idx).to_numpy()
        frame["pre_stockout_velocity"] = last["pre_velocity"].reindex(idx).to_numpy()
    end = pd.to_datetime(frame["last_stockout_end"])
    since_end = (pd.Timestamp(as_of) - end).dt.days
    recent_end = since_end.notna() & (since_end <= s.after_window_days)
    sales_back = frame["velocity_7"].fillna(0) >= s.recovery_sales_ratio * frame[
        "pre_stockout_velocity"
    ].fillna(0)
    frame["sales_recovered"] = np.where(recent_end, sales_back, np.nan)
    # Unknown stock is no stockout, and a SKU without stock or sales known has no projection or cover.
    known = frame["data_status"] == "ok"
    during = (frame["available"] <= 0) & (frame["data_status"] != "stock_unknown")
    # "Before" a stockout: one is projected inside the lead time (an order placed now would come too
    # late), or the cover including inbound stock is under the reorder line. A stockout further out is
    # still preventable by ordering now: the alert says so, the phase stays normal.
    projected = known & frame["stockout_day"].notna() & (frame["stockout_day"] <= frame["lead_time_days"])
    low_cover = known & (frame["days_of_cover_with_inbound"] <= s.reorder_days)
    ranks_back = frame["ranks_recovered"].astype("boolean").fillna(True).astype(bool)
    after = recent_end & ~(sales_back & ranks_back)
    # A coming stockout outranks recovery work; recovery outranks a merely low cover.
    frame["phase"] = np.select(
        [during, projected, after, low_cover], ["during", "before", "after", "before"], default="normal"
    )
    return frame

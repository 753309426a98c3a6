"""Back-test: replay the store's own history under a replenishment policy (DESIGN.md "Decision quality").

At each review date a policy sees only what was known that day (sales and stock up to the day before, the
shipments shipped by then and not yet received), orders what its rule says, and the order arrives after the
SKU's real lead times (its received shipments' ship → received days, taken in turn; its setting when it has
none). The real demand of the following days is played against the simulated stock: on days the SKU was
out of stock in reality, demand is the in-stock ADS of the days around them
(:func:`estimate_censored_demand`).

Policies
--------
``radar``
    This plan (current settings): order-up-to ADS × (lead time + review period) + safety stock, with the
    planning ADS of :func:`inventory_core.model.plan.compute_plan` as of the review date, and air freight
    where the plan asks.
    A per-SKU ADS override is left out (it is today's judgement, unknown on a past review date).
``amazon_30d``
    Amazon's Restock Inventory style: last 30 days' units per day × (lead time + 30 days of supply) − stock.
``average_30d``
    A plain 30-day average (Jungle Scout style) × (lead time + safety days) − stock.
``blend_50_30_20``
    The open-source peers' 0.5 × 7-day + 0.3 × 30-day + 0.2 × 90-day average × (lead time + safety days) −
    stock.
``ets``
    ``radar``'s order rule on a statistical forecast (:mod:`forecast`: ETS(A,N,N), Croston/SBA when
    intermittent) of the in-stock days.

The baselines' averages count every day (out-of-stock days as the zeros the reports show), as those tools do.
Everything is arrays over (SKU, day); the loop runs over days, and the plan is computed once per review date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from inventory_core.model import formulas
from inventory_core.model.forecast import ets_forecast_many
from inventory_core.model.plan import lead_time_sigma, load_settings, velocity_candidates
from inventory_core.model.settings import Settings
from inventory_core.store import Store

__all__ = [
    "POLICIES",
    "RESULT_COLUMNS",
    "BacktestResult",
    "History",
    "Review",
    "estimate_censored_demand",
    "load_history",
    "plan_review",
    "policy_order_up_to",
    "run_backtest",
]

PolicyName = Literal["radar", "amazon_30d", "average_30d", "blend_50_30_20", "ets"]
POLICIES: tuple[PolicyName, ...] = ("radar", "amazon_30d", "average_30d", "blend_50_30_20", "ets")
RESULT_COLUMNS = (
    "policy",
    "stockout_days",
    "lost_units",
    "lost_sales",
    "avg_on_hand_units",
    "avg_days_of_stock",
    "orders",
    "units_ordered",
    "air_units",
)
AMAZON_DAYS_OF_SUPPLY = 30  # Restock Inventory's default target of days of supply after the lead time
_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class History:
    """The store's history as (SKU, day) arrays; day 0 is ``first_day``."""

    keys: pd.DataFrame  # marketplace, sku, price
    first_day: dt.date
    units: NDArray[np.float64]  # units sold (0 where no row)
    oos: NDArray[np.bool_]  # known out of stock (snapshot available = 0, at most max-age days old)
    active: NDArray[np.bool_]  # on or after the SKU's first stock or sales record
    real_on_hand: NDArray[np.float64]  # latest snapshot's available (nan before the first)
    demand: NDArray[np.float64]  # units; out-of-stock days estimated
    lead_samples: tuple[NDArray[np.float64], ...]  # per SKU: received shipments' ship → received days
    shipments: pd.DataFrame  # every shipment, for the pipeline as of the start
    settings: (
        pd.DataFrame
    )  # per SKU (aligned to keys): lead_time_days, air_lead_time_days, safety_days (nan: default)

    @property
    def days(self) -> int:
        return int(self.units.shape[1])

    def index(self, day: dt.date) -> int:
        return (day - self.first_day).days

    def date(self, index: int) -> dt.date:
        return self.first_day + dt.timedelta(days=int(index))


@dataclass(frozen=True, eq=False)
class BacktestResult:
    """One row per policy (:data:`RESULT_COLUMNS`), and the simulated end-of-day stock per policy."""

    summary: pd.DataFrame
    start: dt.date
    end: dt.date
    every_days: int
    keys: pd.DataFrame
    stock: dict[str, NDArray[np.float32]] = field(default_factory=dict)  # policy → (SKU, day) from start
    real_on_hand: NDArray[np.float64] | None = None  # (SKU, day) from start


def estimate_censored_demand(
    units: ArrayLike, oos: ArrayLike, active: ArrayLike | None = None, half_windows: Sequence[int] = (14, 60)
) -> NDArray[np.float64]:
    """Demand per day: the units sold on in-stock days; on days known to be out of stock, the in-stock ADS of
    the days around them (DESIGN.md "ADS": a stockout must not fake a slowdown).

    The estimate for an out-of-stock day t is Σ units ÷ in-stock days over t ± h (the first h of
    ``half_windows`` with any in-stock day), else 0. Days before the SKU is active are 0.

    Examples
    --------
    10, 12, (out), (out), 14, 12 → the out-of-stock days get (10 + 12 + 14 + 12) ÷ 4 = 12:

    >>> estimate_censored_demand([[10, 12, 0, 0, 14, 12]], [[0, 0, 1, 1, 0, 0]]).tolist()
    [[10.0, 12.0, 12.0, 12.0, 14.0, 12.0]]
    """
    u = np.atleast_2d(np.asarray(units, dtype=np.float64))
    out_mask = np.atleast_2d(np.asarray(oos, dtype=bool))
    act = np.ones_like(out_mask) if active is None else np.atleast_2d(np.asarray(active, dtype=bool))
    instock = act & ~out_mask
    n, t_len = u.shape
    cu = np.concatenate([np.zeros((n, 1)), np.cumsum(np.where(instock, u, 0.0), axis=1)], axis=1)
    cd = np.concatenate([np.zeros((n, 1)), np.cumsum(instock, axis=1)], axis=1)
    est = np.full((n, t_len), np.nan)
    days = np.arange(t_len)
    for h in half_windows:
        lo, hi = np.clip(days - h, 0, t_len), np.clip(days + h + 1, 0, t_len)
        units_sum, day_count = cu[:, hi] - cu[:, lo], cd[:, hi] - cd[:, lo]
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(day_count > 0, units_sum / np.where(day_count > 0, day_count, 1), np.nan)
        est = np.where(np.isnan(est), rate, est)
    est = np.nan_to_num(est, nan=0.0)
    return np.where(act, np.where(out_mask, est, u), 0.0)


def load_history(store: Store, settings: Settings | None = None) -> History:
    """Read sales, stock snapshots and shipments once into (SKU, day) arrays."""
    s = settings or Settings()
    sales = store.sales_history()
    stock = store.stock_history()
    dates = [
        d
        for d in (
            sales["date"].min() if not sales.empty else None,
            stock["snapshot_date"].min() if not stock.empty else None,
        )
        if d is not None
    ]
    if not dates:
        raise ValueError("the store holds no sales or stock history to replay")
    first = pd.Timestamp(min(dates)).date()
    last = pd.Timestamp(
        max(
            [
                sales["date"].max() if not sales.empty else first,
                stock["snapshot_date"].max() if not stock.empty else first,
            ]
        )
    ).date()
    t_len = (last - first).days + 1
    keys = (
        pd.concat([sales[["marketplace", "sku"]], stock[["marketplace", "sku"]]])
        .drop_duplicates()
        .sort_values(["marketplace", "sku"])
        .reset_index(drop=True)
    )
    idx = pd.MultiIndex.from_frame(keys)
    cols = pd.date_range(first, last, freq="D")

    def matrix(frame: pd.DataFrame, date_col: str, value: str) -> pd.DataFrame:
        if frame.empty:
            return pd.DataFrame(np.nan, index=idx, columns=cols)
        wide = frame.assign(_d=pd.to_datetime(frame[date_col])).pivot_table(
            index=["marketplace", "sku"], columns="_d", values=value, aggfunc="sum"
        )
        return wide.reindex(index=idx, columns=cols)

    units = matrix(sales, "date", "units").to_numpy(dtype=float)
    sold_any = np.nan_to_num(units) > 0
    units = np.nan_to_num(units, nan=0.0)
    snap = matrix(stock, "snapshot_date", "available")
    has_snap = snap.notna().to_numpy()
    recent = snap.ffill(axis=1, limit=int(s.oos_snapshot_max_age_days)).to_numpy(dtype=float)
    oos = recent == 0
    real = snap.ffill(axis=1).to_numpy(dtype=float)
    first_seen = np.argmax(has_snap | sold_any, axis=1)
    active = np.arange(t_len)[None, :] >= first_seen[:, None]
    demand = estimate_censored_demand(units, oos, active)

    base = store.sku_base(last)
    price = base.set_index(["marketplace", "sku"])["price"].reindex(idx).fillna(0.0).to_numpy(dtype=float)
    keys = keys.assign(price=price)
    lt = store.lead_time_by_sku()
    samples_by_key = (
        {
            (m, k): np.asarray(v, dtype=float)
            for m, k, v in zip(lt["marketplace"], lt["sku"], lt["lead_days"], strict=True)
        }
        if not lt.empty
        else {}
    )
    samples = tuple(
        samples_by_key.get((m, k), np.zeros(0)) for m, k in zip(keys["marketplace"], keys["sku"], strict=True)
    )
    cols = ["lead_time_days", "air_lead_time_days", "safety_days"]
    own = store.sku_settings_df()
    if own.empty:
        per_sku = pd.DataFrame(np.nan, index=range(len(keys)), columns=cols)
    else:
        per_sku = (
            own.drop_duplicates("sku")
            .set_index("sku")[cols]
            .astype(float)
            .reindex(keys["sku"])
            .reset_index(drop=True)
        )
    return History(keys, first, units, oos, active, real, demand, samples, store.shipments(), per_sku)


# --- the policies' order-up-to levels -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Review:
    """What the plan said on a review date, aligned to ``History.keys``."""

    velocity: NDArray[np.float64]
    lead: NDArray[np.float64]
    air_lead: NDArray[np.float64]
    safety_days: NDArray[np.float64]
    sigma: NDArray[np.float64]
    lead_sigma: NDArray[np.float64]


def plan_review(store: Store, hist: History, day: dt.date, s: Settings) -> Review:
    """The plan's inputs on ``day``: the blended ADS and σ of :meth:`Store.velocity` as of that day (the
    plan's own :func:`inventory_core.model.plan.velocity_candidates`), lead times and safety days, the
    lead-time spread learned from the shipments received by then."""
    vel = velocity_candidates(store.velocity(day, s.oos_snapshot_max_age_days), s)
    frame = vel.set_index(["marketplace", "sku"])
    idx = pd.MultiIndex.from_frame(hist.keys[["marketplace", "sku"]])
    # The blend, not a manual override: an override is today's judgement, which the past did not have.
    velocity = frame["velocity_blend"].astype(float).reindex(idx).fillna(0.0).to_numpy(dtype=float)
    sigma = frame["sigma_daily"].astype(float).reindex(idx).fillna(0.0).to_numpy(dtype=float)
    own = hist.settings
    lead = own["lead_time_days"].fillna(s.default_lead_time_days).to_numpy(dtype=float)
    air = own["air_lead_time_days"].fillna(s.default_air_lead_time_days).to_numpy(dtype=float)
    safety = own["safety_days"].fillna(s.default_safety_days).to_numpy(dtype=float)
    lead_sigma = lead_time_sigma(store, hist.keys, day)
    return Review(velocity, lead, air, safety, sigma, lead_sigma)


def _window_mean(
    units: NDArray[np.float64], active: NDArray[np.bool_], day: int, window: int
) -> NDArray[np.float64]:
    """Units per active day over the ``window`` days before ``day`` (every day counts, as the reports do)."""
    lo = max(0, day - window)
    days = active[:, lo:day].sum(axis=1)
    total = units[:, lo:day].sum(axis=1)
    return np.where(days > 0, total / np.maximum(days, 1), 0.0)


def _safety_stock(f: NDArray[np.float64], rv: Review, s: Settings) -> NDArray[np.float64]:
    if s.statistical_safety_stock:
        return formulas.safety_stock_statistical_many(
            rv.sigma, f, rv.lead, float(s.review_period_days), rv.lead_sigma, s.service_level
        )
    return rv.safety_days * f


def policy_order_up_to(
    name: str, day: int, hist: History, rv: Review, ets: NDArray[np.float64], s: Settings
) -> tuple[NDArray[np.float64], NDArray[np.float64], bool]:
    """(forecast, order-up-to level, whether the policy sends air freight) of one policy on a review day."""
    if name in ("radar", "ets"):
        f = rv.velocity if name == "radar" else ets[:, day - 1] if day > 0 else np.zeros(len(rv.velocity))
        level = formulas.order_up_to_level_many(
            f, rv.lead, float(s.review_period_days), _safety_stock(f, rv, s)
        )
        return f, level, True
    f30 = _window_mean(hist.units, hist.active, day, 30)
    if name == "amazon_30d":
        return f30, f30 * (rv.lead + AMAZON_DAYS_OF_SUPPLY), False
    if name == "average_30d":
        return f30, f30 * (rv.lead + rv.safety_days), False
    if name == "blend_50_30_20":
        f = (
            0.5 * _window_mean(hist.units, hist.active, day, 7)
            + 0.3 * f30
            + 0.2 * _window_mean(hist.units, hist.active, day, 90)
        )
        return f, f * (rv.lead + rv.safety_days), False
    raise ValueError(f"unknown policy {name!r}; choose from {', '.join(POLICIES)}")


def _air(
    f: NDArray[np.float64],
    on_hand: NDArray[np.float64],
    arrivals: NDArray[np.float64],
    rv: Review,
    horizon: int,
) -> NDArray[np.float64]:
    """The plan's air bridge (formulas.air_bridge_quantity_many) on the simulated stock and pipeline."""
    proj = formulas.project_stock_many(
        np.maximum(on_hand, 0), np.maximum(f, 0), arrivals[:, :horizon], horizon
    )
    nxt = np.where(arrivals[:, :horizon] > 0, np.arange(horizon)[None, :], horizon).min(axis=1)
    stockout = np.where(proj["stockout_day"] >= 0, proj["stockout_day"], np.nan)
    return formulas.air_bridge_quantity_many(
        np.maximum(f, 0), stockout, np.where(nxt < horizon, nxt, np.nan), rv.air_lead, rv.lead
    ).astype(float)


# --- the replay ---------------------------------------------------------------------------------------------


def _initial_pipeline(hist: History, start: int, length: int) -> NDArray[np.float64]:
    """Shipments as they were on the start date: shipped by then and not yet received, arriving on the day
    they were received (or their ETA), lost ones excluded."""
    arrivals = np.zeros((len(hist.keys), length))
    ships = hist.shipments
    if ships.empty:
        return arrivals
    day0 = hist.date(start)
    pos = {k: i for i, k in enumerate(zip(hist.keys["marketplace"], hist.keys["sku"], strict=True))}
    for rec in ships.itertuples(index=False):
        ship = _as_date(rec.ship_date)
        received = _as_date(rec.received_date)
        eta = _as_date(rec.eta)
        if ship is None or ship > day0 or (received is not None and received <= day0) or rec.status == "lost":
            continue
        if received is None and rec.status == "received":
            continue
        land = received or eta or ship
        qty = (
            rec.received_quantity if received is not None and _finite(rec.received_quantity) else rec.quantity
        )
        i = pos.get((rec.marketplace, rec.sku))
        if i is None or not _finite(qty):
            continue
        d = max((land - day0).days, 0)
        if d < length:
            arrivals[i, d] += float(qty)
    return arrivals


def _as_date(value: object) -> dt.date | None:
    """A date, or None for None/NaT/NaN (``pd.NaT`` is a ``datetime`` instance, so test it first)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return pd.Timestamp(value).date()


def _finite(x: object) -> bool:
    try:
        return math.isfinite(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def run_backtest(
    store: Store,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    every_days: int = 7,
    policies: Sequence[str] = POLICIES,
    settings: Settings | None = None,
    safety_factors: Sequence[float] = (),
    progress: Callable[[float], None] | None = None,
    history: History | None = None,
) -> BacktestResult:
    """Replay ``policies`` from ``start`` to ``end`` (default: 120 days after the first record, to the last
    day), with a review every ``every_days`` days.

    ``safety_factors`` adds ``radar`` runs with every SKU's safety days × each factor (named
    ``radar@0.5x``): the plan's trade-off curve. ``progress`` receives the share done (0..1).
    """
    s = settings or load_settings(store)
    if every_days < 1:
        raise ValueError("every_days must be ≥ 1")
    for name in policies:
        if name not in POLICIES:
            raise ValueError(f"unknown policy {name!r}; choose from {', '.join(POLICIES)}")
    hist = history or load_history(store, s)
    last = hist.date(hist.days - 1)
    start = start or min(hist.first_day + dt.timedelta(days=120), last)
    end = min(end or last, last)
    if end < start or start < hist.first_day:
        raise ValueError(f"the replay needs first_day ≤ start ≤ end ≤ {last}, got {start} … {end}")
    s0, e0 = hist.index(start), hist.index(end)
    length = e0 - s0 + 1
    reviews = list(range(s0, e0 + 1, every_days))
    runs: list[tuple[str, str, Settings, float]] = [(p, p, s, 1.0) for p in policies]
    runs += [(f"radar@{f:g}x", "radar", s, float(f)) for f in safety_factors]
    ets = (
        ets_forecast_many(np.where(hist.active & ~hist.oos, hist.units, np.nan))
        if "ets" in policies
        else np.zeros((len(hist.keys), hist.days))
    )

    # The plan of each review date, once per settings (variants share it when only the safety stock differs).
    plans: dict[tuple[str, int], Review] = {}
    n_steps = len(reviews)
    step = 0

    def review_of(vs: Settings, day: int) -> Review:
        nonlocal step
        key = (_plan_key(vs), day)
        if key not in plans:
            plans[key] = plan_review(store, hist, hist.date(day), vs)
            step += 1
            if progress is not None:
                progress(min(step / max(n_steps, 1), 1.0) * 0.9)
        return plans[key]

    rows, stocks = [], {}
    n = len(hist.keys)
    demand = hist.demand[:, s0 : e0 + 1]
    active = hist.active[:, s0 : e0 + 1]
    price = hist.keys["price"].to_numpy(dtype=float)
    start_stock = np.nan_to_num(hist.real_on_hand[:, s0], nan=0.0)
    horizon = int(s.horizon_days)
    for name, kind, vs, factor in runs:
        pad = length + horizon + 400
        arrivals = np.zeros((n, pad))
        arrivals[:, :length] = _initial_pipeline(hist, s0, length)
        on_hand = start_stock.copy()
        order_count = np.zeros(n, dtype=np.int64)
        end_stock = np.zeros((n, length), dtype=np.float32)
        stockout_days = lost = lost_value = 0.0
        orders = units_ordered = air_units = 0.0
        review_set = set(reviews)
        for t in range(length):
            on_hand += arrivals[:, t]
            day = s0 + t
            if day in review_set:
                rv = review_of(vs, day)
                if factor != 1.0:
                    rv = Review(
                        rv.velocity, rv.lead, rv.air_lead, rv.safety_days * factor, rv.sigma, rv.lead_sigma
                    )
                f, level, flies = policy_order_up_to(kind, day, hist, rv, ets, vs)
                position = on_hand + arrivals[:, t + 1 :].sum(axis=1)
                qty = formulas.reorder_quantity_many(level, np.maximum(position, 0)).astype(float)
                qty = np.where(active[:, t], qty, 0.0)
                if flies:  # projection day 0 is today, whose arrivals are already on hand
                    ahead = arrivals[:, t : t + horizon].copy()
                    ahead[:, 0] = 0.0
                    air = _air(f, on_hand, ahead, rv, horizon)
                else:
                    air = np.zeros(n)
                air = np.where(active[:, t], air, 0.0)
                for i in np.nonzero(qty > 0)[0]:
                    lead = _lead(hist.lead_samples[i], int(order_count[i]), rv.lead[i])
                    order_count[i] += 1
                    arrivals[i, min(t + lead, pad - 1)] += qty[i]
                for i in np.nonzero(air > 0)[0]:
                    arrivals[i, min(t + max(math.ceil(rv.air_lead[i]), 1), pad - 1)] += air[i]
                orders += float((qty > 0).sum() + (air > 0).sum())
                units_ordered += float(qty.sum() + air.sum())
                air_units += float(air.sum())
            want = demand[:, t]
            sold = np.minimum(np.maximum(on_hand, 0), want)
            short = want - sold
            out = active[:, t] & (short > _TOL)
            stockout_days += float(out.sum())
            lost += float(short.sum())
            lost_value += float((short * price).sum())
            on_hand -= sold
            end_stock[:, t] = on_hand
        held = np.where(active, end_stock, 0.0).sum(axis=0)
        avg_on_hand = float(held.mean())
        daily_demand = float(demand.sum(axis=0).mean())
        rows.append(
            {
                "policy": name,
                "stockout_days": int(stockout_days),
                "lost_units": round(lost, 1),
                "lost_sales": round(lost_value, 2),
                "avg_on_hand_units": round(avg_on_hand, 1),
                "avg_days_of_stock": round(avg_on_hand / daily_demand, 1) if daily_demand > 0 else math.nan,
                "orders": int(orders),
                "units_ordered": round(units_ordered),
                "air_units": round(air_units),
            }
        )
        stocks[name] = end_stock
    if progress is not None:
        progress(1.0)
    return BacktestResult(
        pd.DataFrame(rows, columns=list(RESULT_COLUMNS)),
        start,
        end,
        every_days,
        hist.keys,
        stocks,
        hist.real_on_hand[:, s0 : e0 + 1],
    )


def _plan_key(s: Settings) -> str:
    """Settings that change the plan's inputs (ADS, lead, sigma); the safety stock is applied in the
    replay."""
    return s.with_changes(service_level=0.95, statistical_safety_stock=False).to_json()


def _lead(samples: NDArray[np.float64], k: int, setting: float) -> int:
    """The k-th order's lead time: the SKU's received shipments' lead times in turn, else its setting."""
    if len(samples):
        return max(round(float(samples[k % len(samples)])), 1)
    return max(round(setting), 1)

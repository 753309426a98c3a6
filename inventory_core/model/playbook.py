"""The stockout playbook: what a SKU's phase and gap class call for, with its own numbers filled in.

Source: seed 000 ("亚马逊断货全周期应对方案": before / during / after a stockout) for the phase actions and
seed 001 (the WOC × ROAS matrix) for the one strategy line every SKU gets; DESIGN.md "Playbook" and
"WOC × ROAS matrix" restate them. :func:`build_playbook` reads one row of ``Plan.skus`` and returns
:class:`Action` lines in English or Chinese (texts from ``i18n/_playbook.py``).

A missing or NaN input never raises: the line that needs it is left out (or replaced by the same advice
without the number), so a half-imported store still gets a playbook.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from inventory_core.formatting import money
from inventory_core.i18n import t
from inventory_core.labels import storage_label
from inventory_core.model import formulas
from inventory_core.model.settings import Settings
from inventory_core.store.marketplaces import currency_of
from inventory_core.values import as_date, is_missing, num

__all__ = [
    "AREAS",
    "Action",
    "Area",
    "build_playbook",
]

Area = Literal["stock", "price", "ads", "listing", "ranks", "strategy"]
AREAS: tuple[Area, ...] = ("stock", "price", "ads", "listing", "ranks", "strategy")

# The seed's ranges. They are advice wording ("raise 5–10 %"), not thresholds the operator tunes, so
# they live here next to the text that states them rather than in Settings.
PRICE_RISE = (0.05, 0.10)  # seed 000 断货前, medium gap: 适当涨价5-10%
CONVERSION_BACK_OFF = (0.10, 0.20)  # ... 如果涨价后转化率降幅超过10%-20%, 减小涨价幅度
BUDGET_CUT = (0.30, 0.40)  # 将日预算降低30%-40%
BID_CUT = (0.05, 0.10)  # 适当降低核心关键词的竞价(5%-10%)
AFTER_DISCOUNT = 0.30  # 断货后: 设置折扣(如20%-35%), 不建议50%
AFTER_LADDER_PRICES = 4  # discounted price + 3 steps back to full price (分2-3步逐步回落)
AFTER_BUDGET = (1.0, 2.0)  # 广告日预算提升至断货前的1-2倍
MAX_KEYWORDS = 5  # keywords named in one line; the rank page lists them all

# Below this price a buyer notices every cent (seed 000: 7.99 → 9.99 lost the conversion). The yen and
# yuan lines are the same "about ten dollars" at round rates.
_LOW_PRICE = {"JPY": 1500.0, "CNY": 70.0}
_LOW_PRICE_DEFAULT = 10.0

_PROBLEM_STATUSES = ("delayed", "customs_hold", "lost")


@dataclass(frozen=True)
class Action:
    """One playbook line.

    Attributes
    ----------
    area : {"stock", "price", "ads", "listing", "ranks", "strategy"}
    priority : int
        1 = do now, 2 = this week, 3 = watch.
    text : str
        The action in the chosen language with the SKU's numbers filled in.
    key : str
        The translation key of the line (fragments appended to it have their own keys).
    """

    area: Area
    priority: int
    text: str
    key: str


def _pct(fraction: float, lang: str, digits: int = 0) -> str:
    return f"{fraction * 100:.{digits}f}{'%' if lang == 'zh' else ' %'}"


def _units(x: float) -> str:
    return f"{round(x):,}"


def _rank(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _weeks(x: float) -> str:
    return "∞" if math.isinf(x) else f"{x:.1f}"


def _limit(x: float) -> str:
    return f"{x:g}"


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _quote(text: str, lang: str) -> str:
    return f"「{text}」" if lang == "zh" else f"'{text}'"


# ---------------------------------------------------------------------------------------------
# reading a row that may have holes
# ---------------------------------------------------------------------------------------------


def _pos(row: Mapping[str, Any], key: str) -> float | None:
    """A finite number > 0, or None."""
    x = num(row, key)
    return x if x is not None and math.isfinite(x) and x > 0 else None


def _text(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if is_missing(value):
        return None
    s = str(value).strip()
    return s or None


# ---------------------------------------------------------------------------------------------
# the builder
# ---------------------------------------------------------------------------------------------


class _Playbook:
    def __init__(self, row: Mapping[str, Any], lang: str, settings: Settings) -> None:
        self.row = row
        self.lang = lang
        self.s = settings
        self.actions: list[Action] = []
        currency = _text(row, "currency")
        if currency is None and (market := _text(row, "marketplace")) is not None:
            currency = currency_of(market)
        self.currency = currency
        self.as_of = as_date(row.get("as_of"))
        self.backed_off = False  # the conversion flag already shown as "take the price rise back"

    def add(self, area: Area, priority: int, key: str, *fragments: str, **values: object) -> None:
        text = t(key, self.lang, **values) + "".join(fragments)
        self.actions.append(Action(area=area, priority=priority, text=text, key=key))

    def frag(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def money(self, amount: float) -> str:
        return money(amount, self.currency)

    def money_range(self, low: float, high: float) -> str:
        return f"{self.money(low)}–{self.money(high)}"

    def num(self, key: str) -> float | None:
        return num(self.row, key)

    def pos(self, key: str) -> float | None:
        return _pos(self.row, key)

    def text(self, key: str) -> str | None:
        return _text(self.row, key)

    def gap_class(self) -> str:
        gap_class = self.text("gap_class")
        if gap_class is not None:
            return gap_class
        gap = self.num("gap_days")
        if gap is None or not math.isfinite(gap) or gap < 0:
            return "none"
        return formulas.gap_class(int(gap), short_max=self.s.gap_short_max, medium_max=self.s.gap_medium_max)

    def stock_priority(self) -> int:
        return 1 if self.text("alert") in ("urgent", "reorder") else 2

    # --- lines shared by phases ------------------------------------------------------------------

    def reorder(self) -> None:
        qty = self.pos("reorder_qty")
        if qty is None:
            return
        order_by = as_date(self.row.get("latest_order_date"))
        if order_by is None:
            self.add("stock", self.stock_priority(), "playbook.stock.reorder_nodate", qty=_units(qty))
        elif self.as_of is not None and order_by <= self.as_of:
            self.add("stock", 1, "playbook.stock.reorder_late", qty=_units(qty), date=order_by.isoformat())
        else:
            self.add(
                "stock",
                self.stock_priority(),
                "playbook.stock.reorder",
                qty=_units(qty),
                date=order_by.isoformat(),
            )

    def chase_shipments(self) -> None:
        flags = {f.strip() for f in (self.text("shipment_flags") or "").split(",")}
        problems = [s for s in _PROBLEM_STATUSES if s in flags]
        if problems:
            statuses = _join([self.frag(f"playbook.ship.{s}") for s in problems], self.lang)
            self.add("stock", 1, "playbook.stock.chase", statuses=statuses)

    def air(self) -> None:
        qty = self.pos("air_qty")
        if qty is not None:
            self.add("stock", 1, "playbook.stock.air", qty=_units(qty))

    def lost(self) -> None:
        units, sales = self.pos("lost_units"), self.pos("lost_sales")
        if units is not None and sales is not None:
            self.add("stock", 2, "playbook.stock.lost", units=_units(units), sales=self.money(sales))

    def conversion_drop(self, key: str, priority: int) -> bool:
        """The seed 002 weekly flag; True when the line was added."""
        flag = self.row.get("conversion_drop")
        now, last = self.num("cvr_this_week"), self.num("cvr_last_week")
        if is_missing(flag) or not bool(flag) or now is None or last is None or last <= 0:
            return False
        area: Area = "price" if key.startswith("playbook.before") else "listing"
        self.add(
            area,
            priority,
            key,
            drop=_pct((last - now) / last, self.lang),
            last=_pct(last, self.lang, 1),
            now=_pct(now, self.lang, 1),
        )
        return True

    def daily_spend(self) -> float | None:
        spend = self.pos("spend")
        window = self.s.roas_window_days
        return spend / window if spend is not None and window > 0 else None

    def date_frag(self, day: float | None, date: object = None) -> str:
        when = as_date(date)
        if when is None and day is not None and self.as_of is not None and math.isfinite(day):
            when = self.as_of + dt.timedelta(days=int(day))
        return self.frag("playbook.frag.date", date=when.isoformat()) if when is not None else ""

    # --- phases ------------------------------------------------------------------------------------

    def before(self) -> None:
        day, gap = self.num("stockout_day"), self.num("gap_days")
        if day is None or not math.isfinite(day) or day < 0:
            # In the before phase only because cover is under the reorder line: the inbound stock
            # arrives in time, so nothing needs throttling yet.
            self.reorder()
            self.chase_shipments()
            cover = self.num("days_of_cover")
            if cover is not None and math.isfinite(cover):
                self.add(
                    "stock", 2, "playbook.before.covered", horizon=self.s.horizon_days, cover=f"{cover:.0f}"
                )
            self.add("ranks", 2, "playbook.before.rank_baseline")
            return
        if gap is not None and math.isfinite(gap):
            self.add(
                "stock",
                1,
                "playbook.before.stockout",
                days=f"{day:.0f}",
                gap=f"{gap:.0f}",
                date=self.date_frag(day, self.row.get("stockout_date")),
            )
        self.reorder()
        self.chase_shipments()
        self.air()
        self.lost()
        lead = self.pos("lead_time_days") or self.s.default_lead_time_days
        if day > lead:
            # Seed 000 slows the burn "当库存即将断货时" (when stock is about to run out). A stockout
            # further out than the lead time can still be prevented by ordering or expediting, and
            # cutting ads or raising the price for months would cost more sales than the gap.
            self.add("stock", 1, "playbook.before.avoidable", days=f"{day:.0f}", lead=f"{lead:.0f}")
            self.add("ranks", 3, "playbook.before.rank_baseline")
            return
        self.add("price", 1, "playbook.before.no_promo")
        if gap is not None and math.isfinite(gap):
            self.before_price(gap)
        self.before_ads()
        self.add("ranks", 2, "playbook.before.rank_baseline")

    def before_price(self, gap: float) -> None:
        gap_class = self.gap_class()
        price = self.pos("price")
        gap_text = f"{gap:.0f}"
        if gap_class == "short" and price is not None:
            self.add("price", 2, "playbook.before.price_short", gap=gap_text, price=self.money(price))
        elif gap_class == "medium" and price is not None:
            low, high = formulas.price_step(price, *PRICE_RISE)
            fragments = []
            cvr = self.pos("cvr")
            if cvr is not None and cvr <= 1:
                fragments.append(
                    self.frag(
                        "playbook.frag.cvr_watch",
                        cvr=_pct(cvr, self.lang, 1),
                        low=f"{cvr * (1 - CONVERSION_BACK_OFF[1]) * 100:.1f}",
                        high=_pct(cvr * (1 - CONVERSION_BACK_OFF[0]), self.lang, 1),
                    )
                )
            self.add(
                "price",
                1,
                "playbook.before.price_medium",
                *fragments,
                gap=gap_text,
                price=self.money(price),
                low=self.money(low),
                high=self.money(high),
            )
            self.backed_off = self.conversion_drop("playbook.before.price_back_off", 1)
        elif gap_class == "long":
            self.add("price", 1, "playbook.before.price_long", gap=gap_text)
        if (
            gap_class in ("medium", "long")
            and price is not None
            and price < _LOW_PRICE.get((self.currency or "").upper(), _LOW_PRICE_DEFAULT)
        ):
            self.add("price", 1, "playbook.before.low_price", price=self.money(price))

    def before_ads(self) -> None:
        per_day = self.daily_spend()
        if per_day is not None:
            self.add(
                "ads",
                1,
                "playbook.before.budget",
                now=self.money(per_day),
                low=self.money(per_day * (1 - BUDGET_CUT[1])),
                high=self.money(per_day * (1 - BUDGET_CUT[0])),
            )
        self.add("ads", 2, "playbook.before.pause_weak")
        cpc = self.pos("cpc")
        if cpc is not None:
            self.add(
                "ads",
                2,
                "playbook.before.bids_cpc",
                cpc=self.money(cpc),
                low=self.money(cpc * (1 - BID_CUT[1])),
                high=self.money(cpc * (1 - BID_CUT[0])),
            )
        else:
            self.add("ads", 2, "playbook.before.bids")
        self.add("ads", 2, "playbook.before.never_off")

    def during(self, campaigns: pd.DataFrame | None, rank_impact: pd.DataFrame | None) -> None:
        arrival = self.num("next_arrival_day")
        if arrival is not None and math.isfinite(arrival) and arrival >= 0:
            self.add(
                "stock", 1, "playbook.during.arrival", days=f"{arrival:.0f}", date=self.date_frag(arrival)
            )
        else:
            self.add("stock", 1, "playbook.during.no_arrival")
        self.chase_shipments()
        self.air()
        self.reorder()
        self.lost()
        price = self.pos("price")
        if price is not None:
            self.add("price", 2, "playbook.during.price", price=self.money(price))
        self.add("ads", 3, "playbook.during.sp")
        self.sbsd(campaigns)
        self.add("listing", 2, "playbook.during.listing")
        severe = [r for r in _keyword_rows(rank_impact) if r.severe]
        for r in severe:
            fragments = (
                [self.frag("playbook.frag.competitors", competitors=r.competitors)] if r.competitors else []
            )
            self.add(
                "ranks",
                1,
                "playbook.during.rank_severe",
                *fragments,
                keyword=r.keyword,
                baseline=_rank(r.baseline),
                trough=r.trough_label,
            )
        self.add("ranks", 2, "playbook.during.rank_track")

    def sbsd(self, campaigns: pd.DataFrame | None) -> None:
        spending = _sbsd_spending(campaigns)
        if spending is None:
            self.add("ads", 1, "playbook.during.sbsd")
        elif spending.empty:
            self.add("ads", 3, "playbook.during.sbsd_none")
        else:
            names = _join([str(c) for c in spending.index], self.lang)
            key = (
                "playbook.during.sbsd_spending" if len(spending) > 1 else "playbook.during.sbsd_spending_one"
            )
            self.add("ads", 1, key, n=len(spending), names=names, total=self.money(float(spending.sum())))

    def after(self, rank_impact: pd.DataFrame | None) -> None:
        available = self.num("available")
        if available is not None and math.isfinite(available):
            self.add("stock", 1, "playbook.after.received", available=_units(available))
        now, pre = self.num("velocity_7"), self.pos("pre_stockout_velocity")
        if now is not None and math.isfinite(now) and pre is not None:
            self.add(
                "stock",
                2,
                "playbook.after.sales",
                pct=_pct(now / pre, self.lang),
                now=f"{now:.1f}",
                pre=f"{pre:.1f}",
            )
        self.chase_shipments()
        self.reorder()
        price = self.pos("price")
        if price is not None:
            ladder = [price, *formulas.discount_steps(price, AFTER_DISCOUNT, AFTER_LADDER_PRICES)]
            self.add(
                "price",
                1,
                "playbook.after.discount",
                pct=_pct(AFTER_DISCOUNT, self.lang),
                steps=AFTER_LADDER_PRICES - 1,
                ladder=" → ".join(self.money(p) for p in ladder),
            )
        self.add("price", 2, "playbook.after.coupon")
        base = self.pre_stockout_daily_spend()
        if base is not None:
            self.add(
                "ads",
                1,
                "playbook.after.budget",
                base=self.money(base),
                low=self.money(base * AFTER_BUDGET[0]),
                high=self.money(base * AFTER_BUDGET[1]),
            )
        else:
            self.add("ads", 1, "playbook.after.budget_plain")
        rows = _keyword_rows(rank_impact)
        open_rows = [r for r in rows if not r.recovered]
        if rows and not open_rows:
            self.add("ads", 2, "playbook.after.ranks_back", n=len(rows))
        else:
            if open_rows:
                keywords = _join(
                    [
                        f"{_quote(r.keyword, self.lang)}{self.paren(r.drop_text)}"
                        for r in open_rows[:MAX_KEYWORDS]
                    ],
                    self.lang,
                )
                self.add("ads", 1, "playbook.after.exact", keywords=keywords)
            else:
                self.add("ads", 1, "playbook.after.exact_plain")
            self.add("ads", 2, "playbook.after.auto")
            self.add("ads", 3, "playbook.after.reduce")
            if rows:
                self.add(
                    "ranks", 2, "playbook.after.rank_progress", n=len(rows) - len(open_rows), m=len(rows)
                )
        self.add("listing", 3, "playbook.after.listing")

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def pre_stockout_daily_spend(self) -> float | None:
        """Ad spend per in-stock day of the ROAS window: the pre-stockout level.

        SP ads stop while the listing is out of stock (seed 000), so spend ÷ all window days would
        understate the level to return to; the stockout days inside the window are left out when
        the row says when the last stockout ran.
        """
        spend = self.pos("spend")
        window = self.s.roas_window_days
        if spend is None or window <= 0:
            return None
        days = float(window)
        start = as_date(self.row.get("last_stockout_start"))
        if self.as_of is not None and start is not None:
            end = as_date(self.row.get("last_stockout_end")) or self.as_of
            window_start = self.as_of - dt.timedelta(days=window)
            overlap = (min(end, self.as_of) - max(start, window_start)).days
            days -= max(0, overlap)
        return spend / days if days > 0 else None

    def normal(self) -> None:
        self.reorder()
        self.chase_shipments()
        if self.actions:  # a reorder or a shipment to chase is not "nothing urgent"
            return
        cover = self.num("days_of_cover")
        if cover is not None and math.isfinite(cover):
            self.add("stock", 3, "playbook.normal.ok_cover", cover=f"{cover:.0f}")
        else:
            self.add("stock", 3, "playbook.normal.ok")

    # --- Amazon's limits and fees (fba_limits) ----------------------------------------------------

    def amazon_limits(self) -> None:
        """The low-inventory-level fee date, the aged band and the capacity cut, with what to do."""
        fee_date = as_date(self.row.get("low_inventory_fee_date"))
        if fee_date is not None:
            days = self.num("low_inventory_threshold_days") or self.s.low_inventory_days
            soon = self.as_of is not None and (fee_date - self.as_of).days <= 14
            self.add(
                "stock",
                1 if soon else 2,
                "playbook.fba.low_inventory",
                date=fee_date.isoformat(),
                days=f"{days:g}",
            )
        band = self.pos("aged_band_days")
        band_text = f"{band:.0f}" if band is not None else f"{self.s.aged_surcharge_days}"
        cut = self.pos("aged_cut_units")
        qty = self.num("reorder_qty")
        velocity = self.num("velocity")
        if cut is not None and qty is not None and velocity is not None:
            self.add(
                "stock",
                2,
                "playbook.fba.aged_cut",
                qty=_units(qty + (self.num("capacity_cut_units") or 0)),
                cut=_units(cut),
                band=band_text,
                velocity=f"{velocity:.1f}",
            )
        aged = self.pos("aged_surcharge_units")
        if aged is not None:
            self.add("price", 2, "playbook.fba.aged", units=_units(aged), band=band_text)
        storage = storage_label(self.text("storage_type") or "standard", self.lang)
        capacity_cut = self.pos("capacity_cut_units")
        if capacity_cut is not None:
            self.add("stock", 1, "playbook.fba.capacity_cut", storage=storage, cut=_units(capacity_cut))
        if _flag(self.row.get("capacity_volume_unknown")):
            self.add("stock", 3, "playbook.fba.capacity_unknown", storage=storage)

    # --- seed 001 strategy -----------------------------------------------------------------------

    def strategy(self) -> None:
        name = self.text("strategy")
        woc = self.num("woc")
        if name is None or woc is None:
            return
        s = self.s
        limits = {
            "woc": _weeks(woc),
            "risk": _limit(s.woc_risk_below),
            "over": _limit(s.woc_overstock_above),
            "aged": _limit(s.woc_aged_at),
        }
        key = f"strategy.action.{name}"
        if name == "protect_stock":
            self.add("strategy", 1, key, **limits)
        elif name in ("aged", "no_ad_data"):
            self.add("strategy", 2, key, **limits)
        elif name in ("scale", "optimise", "push_traffic", "raise_conversion"):
            target = self.num("target_roas")
            if target is None or not math.isfinite(target):
                return
            roas = self.num("roas")
            roas_text = (
                self.frag("playbook.frag.no_ad_data")
                if roas is None
                else ("∞" if math.isinf(roas) else f"{roas:.2f}")
            )
            self.add("strategy", 2, key, roas=roas_text, target=f"{target:.2f}", **limits)


@dataclass(frozen=True)
class _KeywordRow:
    keyword: str
    baseline: float
    trough_label: str
    drop: float
    severe: bool
    recovered: bool
    competitors: str

    @property
    def drop_text(self) -> str:
        return f"{_rank(self.baseline)} → {self.trough_label}"


def _rank_number(label: str) -> float:
    """The number in a rank label (``">306"`` → 306); unparseable counts as off the chart."""
    match = re.search(r"\d+(?:\.\d+)?", label)
    return float(match.group()) if match else math.inf


def _flag(value: object) -> bool:
    return False if is_missing(value) else bool(value)


def _keyword_rows(rank_impact: pd.DataFrame | None) -> list[_KeywordRow]:
    """Keyword drops, worst first; rows without a keyword or baseline are left out."""
    if rank_impact is None or rank_impact.empty or "keyword" not in rank_impact.columns:
        return []
    out = []
    for rec in rank_impact.to_dict("records"):
        keyword, baseline = _text(rec, "keyword"), num(rec, "baseline")
        trough = _text(rec, "trough_label") or _text(rec, "current_label")
        if keyword is None or baseline is None or not math.isfinite(baseline) or trough is None:
            continue
        out.append(
            _KeywordRow(
                keyword=keyword,
                baseline=baseline,
                trough_label=trough,
                drop=_rank_number(trough) - baseline,
                severe=_flag(rec.get("severe")),
                recovered=_flag(rec.get("recovered")),
                competitors=_text(rec, "competitors_text") or "",
            )
        )
    return sorted(out, key=lambda r: -r.drop)


_AD_TYPES = {"SB": "SB", "SD": "SD", "SBV": "SB", "SPONSORED BRANDS": "SB", "SPONSORED DISPLAY": "SD"}


def _sbsd_spending(campaigns: pd.DataFrame | None) -> pd.Series | None:
    """SB/SD campaigns with spend in the last 7 days, biggest first; None when nothing is known."""
    if campaigns is None or not {"ad_type", "campaign", "spend_7d"} <= set(campaigns.columns):
        return None
    kind = campaigns["ad_type"].astype(str).str.strip().str.upper().map(_AD_TYPES)
    spend = pd.to_numeric(campaigns["spend_7d"], errors="coerce").fillna(0.0)
    frame = pd.DataFrame({"campaign": campaigns["campaign"], "spend": spend})[
        kind.notna() & campaigns["campaign"].notna()
    ]
    per_campaign = frame.groupby("campaign", sort=False)["spend"].sum()
    per_campaign = per_campaign[per_campaign > 0]
    return per_campaign.sort_values(ascending=False, kind="stable")


_PHASES: dict[str, Callable[[_Playbook, pd.DataFrame | None, pd.DataFrame | None], None]] = {
    "before": lambda p, _c, _r: p.before(),
    "during": lambda p, c, r: p.during(c, r),
    "after": lambda p, _c, r: p.after(r),
    "normal": lambda p, _c, _r: p.normal(),
}


def build_playbook(
    row: Mapping[str, Any],
    lang: str = "en",
    *,
    campaigns: pd.DataFrame | None = None,
    rank_impact: pd.DataFrame | None = None,
    settings: Settings | None = None,
) -> list[Action]:
    """The seed 000 actions for one SKU's phase and gap class plus its seed 001 strategy line.

    Parameters
    ----------
    row : Mapping or pandas.Series
        One row of ``Plan.skus`` (see :mod:`inventory_core.model.plan`). Missing or NaN values drop the
        lines that need them.
    lang : {"en", "zh"}
        Language of the texts (unknown languages fall back to English).
    campaigns : pandas.DataFrame, optional
        ``ad_type, campaign, spend_7d`` of this SKU's campaigns over the last 7 days; during a
        stockout the SB/SD ones still spending are named.
    rank_impact : pandas.DataFrame, optional
        ``keyword, baseline, trough_label, current_label, severe, recovered, competitors_text`` for this
        SKU's keywords around its last stockout.
    settings : Settings, optional
        For the ROAS window (daily spend), the projection horizon and the WOC band limits.

    Returns
    -------
    list of Action
        Sorted by priority (1 first), then by area (stock, price, ads, listing, ranks, strategy).

    Examples
    --------
    A $19.99 SKU heading for a 12-day gap, $1,500 of ads in the 30-day window:

    >>> row = {"phase": "before", "gap_class": "medium", "stockout_day": 9, "gap_days": 12,
    ...        "price": 19.99, "currency": "USD", "spend": 1500}
    >>> [a.text for a in build_playbook(row) if a.key.endswith(("price_medium", "budget"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Medium gap (12 days): raise price 5–10 %: $19.99 → $20.99–$21.99; if conversion falls more than
      10–20 %, take the rise back',
     'Cut daily budget 30–40 %: $50.00/day → $30.00–$35.00/day']
    """
    book = _Playbook(row, lang, settings or Settings())
    phase = book.text("phase")
    if phase in _PHASES:
        _PHASES[phase](book, campaigns, rank_impact)
    else:
        book.reorder()
    # During a stockout there is nothing to convert; before it, a medium gap's price rise owns the flag.
    if phase != "during" and not book.backed_off:
        book.conversion_drop("playbook.kpi.conversion_drop", 2)
    book.amazon_limits()
    book.strategy()
    order = {area: i for i, area in enumerate(AREAS)}
    return sorted(book.actions, key=lambda a: (a.priority, order[a.area]))

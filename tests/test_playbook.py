"""Tests of inventory_core.model.playbook: each phase × gap class with numbers a seller can check by hand.

The base SKU: a $19.99 dog bed selling 10 a day, $1,500 of ads in the 30-day ROAS window ($50/day),
ad conversion 12 %, CPC $1.20, as of 2025-03-01.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import Any, get_args

import pandas as pd
import pytest

from inventory_core.formatting import money as format_money
from inventory_core.i18n import MESSAGES, t
from inventory_core.i18n._playbook import MESSAGES as PLAYBOOK_MESSAGES
from inventory_core.labels import alert_label, gap_label, phase_label, strategy_label
from inventory_core.model import formulas
from inventory_core.model.playbook import AREAS, Action, build_playbook
from inventory_core.model.settings import Settings

AS_OF = dt.date(2025, 3, 1)
NAN = float("nan")

BASE: dict[str, Any] = {
    "sku": "DOG-BED-L",
    "asin": "B0TEST0001",
    "product_name": "Dog bed large",
    "marketplace": "US",
    "price": 19.99,
    "currency": "USD",
    "available": 120.0,
    "inbound": 500.0,
    "velocity": 10.0,
    "days_of_cover": 12.0,
    "woc": 1.7,
    "woc_band": "stockout_risk",
    "reorder_qty": 240,
    "latest_order_date": dt.date(2025, 3, 20),
    "alert": "urgent",
    "stockout_date": dt.date(2025, 3, 13),
    "stockout_day": 12.0,
    "gap_days": 12.0,
    "gap_class": "medium",
    "lost_units": 120.0,
    "lost_sales": 2398.8,
    "next_arrival_day": 24.0,
    "shipment_flags": "in_transit",
    "air_qty": 0,
    "phase": "before",
    "spend": 1500.0,
    "ad_sales": 6000.0,
    "roas": 4.0,
    "target_roas": 3.0,
    "strategy": "protect_stock",
    "cvr": 0.12,
    "cpc": 1.2,
    "last_stockout_start": pd.NaT,
    "last_stockout_end": pd.NaT,
    "pre_stockout_velocity": NAN,
    "velocity_7": 10.5,
    "as_of": AS_OF,
    "conversion_drop": False,
    "cvr_this_week": NAN,
    "cvr_last_week": NAN,
}

CAMPAIGNS = pd.DataFrame(
    {
        "ad_type": ["SP", "SB", "SD", "SB", "sd"],
        "campaign": ["Auto - dog bed", "Brand video", "Retarget views", "Brand store", "Audience test"],
        "spend_7d": [30.0, 12.5, 8.0, 0.0, NAN],
    }
)

RANKS = pd.DataFrame(
    {
        "keyword": ["large dog bed", "dog bed", "orthopedic dog bed"],
        "baseline": [15.0, 8.0, 40.0],
        "trough_label": ["120", ">306", "55"],
        "current_label": ["90", ">306", "41"],
        "severe": [True, True, False],
        "recovered": [False, False, True],
        "competitors_text": ["", "B0COMP0001, B0COMP0002", None],
    }
)

# Values that come from the seller's data, not from the translation table (names, keywords, ASINs).
DATA_WORDS = (
    "Auto - dog bed",
    "Brand video",
    "Retarget views",
    "Brand store",
    "Audience test",
    "orthopedic dog bed",
    "large dog bed",
    "dog bed",
    "B0COMP0001",
    "B0COMP0002",
)

BRAND_TERMS = {"SP", "SB", "SD", "ROAS", "ACoS", "WOC", "ASIN", "SKU", "FBA"}


def row(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


def texts(actions: list[Action]) -> dict[str, str]:
    return {a.key: a.text for a in actions}


def only(actions: list[Action], key: str) -> str:
    found = [a.text for a in actions if a.key == key]
    assert len(found) == 1, (key, [a.key for a in actions])
    return found[0]


# Every phase × gap class, as the projection produces them (after and normal have no projected gap).
BEFORE_NONE = row(
    gap_class="none",
    stockout_day=NAN,
    gap_days=NAN,
    stockout_date=pd.NaT,
    days_of_cover=60.0,
    lost_units=0.0,
    lost_sales=0.0,
    alert="reorder",
)
BEFORE_SHORT = row(gap_class="short", gap_days=5.0)
BEFORE_MEDIUM = row()
BEFORE_LONG = row(gap_class="long", gap_days=45.0, air_qty=300, shipment_flags="delayed,in_transit")
BEFORE_FAR = row(stockout_day=90.0, stockout_date=dt.date(2025, 5, 30), lead_time_days=60.0, alert="watch")
DURING = row(
    phase="during",
    available=0.0,
    days_of_cover=0.0,
    stockout_day=0.0,
    stockout_date=AS_OF,
    gap_days=5.0,
    gap_class="short",
    next_arrival_day=5.0,
    woc=0.0,
    last_stockout_start=dt.date(2025, 2, 25),
)
DURING_MEDIUM = {**DURING, "gap_days": 20.0, "gap_class": "medium", "next_arrival_day": 20.0}
DURING_LONG = {**DURING, "gap_days": 40.0, "gap_class": "long", "next_arrival_day": 40.0, "air_qty": 250}
DURING_NO_ARRIVAL = {**DURING, "gap_days": 120.0, "gap_class": "long", "next_arrival_day": NAN}
AFTER = row(
    phase="after",
    gap_class="none",
    stockout_day=NAN,
    gap_days=NAN,
    stockout_date=pd.NaT,
    available=480.0,
    days_of_cover=48.0,
    woc=6.9,
    strategy="push_traffic",
    reorder_qty=0,
    last_stockout_start=dt.date(2025, 2, 1),
    last_stockout_end=dt.date(2025, 2, 16),
    pre_stockout_velocity=12.0,
    velocity_7=7.0,
    lost_units=0.0,
    lost_sales=0.0,
)
NORMAL = row(
    phase="normal",
    gap_class="none",
    stockout_day=NAN,
    gap_days=NAN,
    stockout_date=pd.NaT,
    days_of_cover=90.0,
    woc=4.2,
    strategy="scale",
    reorder_qty=0,
    alert="ok",
    lost_units=0.0,
    lost_sales=0.0,
)

ALL_ROWS = {
    "before_none": BEFORE_NONE,
    "before_short": BEFORE_SHORT,
    "before_medium": BEFORE_MEDIUM,
    "before_long": BEFORE_LONG,
    "before_far": BEFORE_FAR,
    "during_short": DURING,
    "during_medium": DURING_MEDIUM,
    "during_long": DURING_LONG,
    "during_no_arrival": DURING_NO_ARRIVAL,
    "after": AFTER,
    "normal": NORMAL,
}


def every_playbook() -> list[tuple[str, str, list[Action]]]:
    out = []
    for name, r in ALL_ROWS.items():
        for lang in ("en", "zh"):
            for campaigns in (None, CAMPAIGNS):
                for ranks in (None, RANKS):
                    out.append((name, lang, build_playbook(r, lang, campaigns=campaigns, rank_impact=ranks)))
    return out


# ---------------------------------------------------------------------------------------------
# before
# ---------------------------------------------------------------------------------------------


def test_before_medium_gap_raise_price_19_99_to_20_99_21_99() -> None:
    en, zh = build_playbook(BEFORE_MEDIUM, "en"), build_playbook(BEFORE_MEDIUM, "zh")
    assert only(en, "playbook.before.price_medium") == (
        "Medium gap (12 days): raise price 5–10 %: $19.99 → $20.99–$21.99; if conversion falls more than "
        "10–20 %, take the rise back (ad conversion now 12.0 %: back off if it falls to 9.6–10.8 %)"
    )
    assert only(zh, "playbook.before.price_medium") == (
        "中期断货（约 12 天）：适当涨价 5–10%：$19.99 → $20.99–$21.99；涨价后转化率降幅超过 10–20% "
        "就减小涨幅甚至不涨（当前广告转化率 12.0%，跌到 9.6–10.8% 就要回调）"
    )
    assert "playbook.before.price_short" not in texts(en)
    assert "playbook.before.low_price" not in texts(en)


def test_before_budget_cut_1500_over_30_days_is_50_a_day_to_30_35() -> None:
    assert only(build_playbook(BEFORE_MEDIUM, "en"), "playbook.before.budget") == (
        "Cut daily budget 30–40 %: $50.00/day → $30.00–$35.00/day"
    )
    assert only(build_playbook(BEFORE_MEDIUM, "zh"), "playbook.before.budget") == (
        "日预算降低 30–40%：$50.00/天 → $30.00–$35.00/天"
    )


def test_before_budget_uses_the_roas_window_setting() -> None:
    actions = build_playbook(BEFORE_MEDIUM, settings=Settings(roas_window_days=15))
    assert (
        only(actions, "playbook.before.budget") == "Cut daily budget 30–40 %: $100.00/day → $60.00–$70.00/day"
    )


def test_before_bids_cpc_1_20_lowered_5_10_percent() -> None:
    assert only(build_playbook(BEFORE_MEDIUM, "en"), "playbook.before.bids_cpc") == (
        "Lower core keyword bids 5–10 % (average CPC $1.20 → $1.08–$1.14) and keep the core keywords' base "
        "rank"
    )
    no_cpc = build_playbook(row(cpc=NAN), "en")
    assert "playbook.before.bids" in texts(no_cpc)
    assert "playbook.before.bids_cpc" not in texts(no_cpc)


def test_before_medium_stockout_reorder_and_loss_lines() -> None:
    en, zh = texts(build_playbook(BEFORE_MEDIUM, "en")), texts(build_playbook(BEFORE_MEDIUM, "zh"))
    assert en["playbook.before.stockout"] == (
        "Stockout projected in 12 days (2025-03-13), about 12 days without stock until the next arrival"
    )
    assert zh["playbook.before.stockout"] == "预计 12 天后断货（2025-03-13），到下一批货入仓前约断货 12 天"
    assert en["playbook.stock.reorder"] == "Reorder 240 units by 2025-03-20"
    assert zh["playbook.stock.reorder"] == "最晚 2025-03-20 前下单补货 240 件"
    assert en["playbook.stock.lost"] == "Estimated loss over the gap: 120 units, $2,398.80 of sales"
    assert zh["playbook.stock.lost"] == "预计断货损失 120 件，销售额约 $2,398.80"
    for key in (
        "playbook.before.no_promo",
        "playbook.before.pause_weak",
        "playbook.before.never_off",
        "playbook.before.rank_baseline",
    ):
        assert key in en
    assert "playbook.stock.air" not in en  # air_qty 0
    assert "playbook.stock.chase" not in en  # in transit, nothing wrong


def test_before_reorder_late_when_latest_order_date_passed() -> None:
    actions = build_playbook(row(latest_order_date=dt.date(2025, 2, 20)), "en")
    assert only(actions, "playbook.stock.reorder_late") == (
        "Reorder 240 units now: the latest order date 2025-02-20 has passed"
    )
    assert only(
        build_playbook(row(latest_order_date=dt.date(2025, 2, 20)), "zh"), "playbook.stock.reorder_late"
    ) == ("立即下单补货 240 件：最晚下单日 2025-02-20 已经过了")


def test_before_short_gap_leaves_price() -> None:
    en, zh = build_playbook(BEFORE_SHORT, "en"), build_playbook(BEFORE_SHORT, "zh")
    assert only(en, "playbook.before.price_short") == (
        "Short gap (5 days): leave the price at $19.99 and let it sell out naturally"
    )
    assert (
        only(zh, "playbook.before.price_short")
        == "短期断货（约 5 天，一周内能接上货）：价格保持 $19.99 不动，让它自然卖断"
    )
    assert "playbook.before.price_medium" not in texts(en)


def test_before_long_gap_planning_failure_air_and_forwarder() -> None:
    en, zh = texts(build_playbook(BEFORE_LONG, "en")), texts(build_playbook(BEFORE_LONG, "zh"))
    assert en["playbook.before.price_long"] == (
        "Long gap (45 days): a planning failure — price alone will not fix it; "
        "review safety stock, lead time and the reorder plan"
    )
    assert zh["playbook.before.price_long"].startswith(
        "长期断货（约 45 天，超过一个月）：这是补货计划出了问题，光靠调价解决不了"
    )
    assert en["playbook.stock.air"] == (
        "Emergency shipment: send 300 units by air/express to bridge the gap until the sea shipment lands"
    )
    assert zh["playbook.stock.air"] == "紧急补一票空运/快递 300 件，撑到海运货到仓，补上中间的断货缺口"
    assert (
        en["playbook.stock.chase"]
        == "Shipment delayed: chase the forwarder today and confirm the new arrival date"
    )
    assert zh["playbook.stock.chase"] == "在途货件延误：今天就联系货代跟进，确认新的预计入仓时间"
    assert "playbook.before.price_medium" not in en


def test_customs_hold_and_delay_both_named() -> None:
    actions = build_playbook(row(shipment_flags="customs_hold,delayed,in_transit"), "zh")
    assert (
        only(actions, "playbook.stock.chase")
        == "在途货件延误、清关异常：今天就联系货代跟进，确认新的预计入仓时间"
    )


@pytest.mark.parametrize("air_qty", [0, NAN, None, -3])
def test_air_line_only_when_air_qty_positive(air_qty: Any) -> None:
    assert "playbook.stock.air" not in texts(build_playbook(row(air_qty=air_qty)))


def test_before_low_price_item_warns_against_7_99_to_9_99() -> None:
    actions = build_playbook(row(price=7.99), "en")
    assert only(actions, "playbook.before.price_medium").startswith(
        "Medium gap (12 days): raise price 5–10 %: $7.99 → $8.39–$8.79;"
    )
    assert only(actions, "playbook.before.low_price") == (
        "Low-price item ($7.99): buyers are price-sensitive — never a jump like 7.99 → 9.99, one small step "
        "at most"
    )
    # A short gap leaves the price alone: nothing to warn about.
    assert "playbook.before.low_price" not in texts(
        build_playbook(row(price=7.99, gap_class="short", gap_days=5.0))
    )


def test_before_conversion_fell_after_rise_backs_off() -> None:
    r = row(conversion_drop=True, cvr_this_week=0.10, cvr_last_week=0.125)
    en, zh = texts(build_playbook(r, "en")), texts(build_playbook(r, "zh"))
    assert en["playbook.before.price_back_off"] == (
        "Conversion fell 20 % week on week (12.5 % → 10.0 %): reduce the price rise or undo it"
    )
    assert (
        zh["playbook.before.price_back_off"]
        == "转化率环比下降 20%（12.5% → 10.0%）：减小涨价幅度，或者直接恢复原价"
    )
    assert "playbook.kpi.conversion_drop" not in en  # said once, as the price advice


def test_before_without_projected_stockout_only_reorders_and_tracks() -> None:
    en = build_playbook(BEFORE_NONE, "en")
    assert only(en, "playbook.before.covered") == (
        "No stockout projected in the next 120 days if inbound stock arrives on time (60 days of cover now); "
        "keep tracking the shipments"
    )
    assert only(build_playbook(BEFORE_NONE, "zh"), "playbook.before.covered") == (
        "在途货物按时入仓的话，未来 120 天内不会断货（当前可售 60 天）；继续跟进在途物流"
    )
    keys = texts(en)
    assert "playbook.stock.reorder" in keys
    for key in ("playbook.before.budget", "playbook.before.no_promo", "playbook.before.price_medium"):
        assert key not in keys


def test_before_stockout_beyond_lead_time_is_still_avoidable_no_throttling() -> None:
    en, zh = texts(build_playbook(BEFORE_FAR, "en")), texts(build_playbook(BEFORE_FAR, "zh"))
    assert en["playbook.before.avoidable"] == (
        "The stockout in 90 days can still be avoided: stock ordered or expedited now lands in about 60 "
        "days; slow sales with price and ads only if it cannot arrive in time"
    )
    assert zh["playbook.before.avoidable"] == (
        "90 天后才断货，现在下单或加急发货（约 60 天到仓）还来得及；确实补不上时，再通过价格和广告控制销量"
    )
    assert en["playbook.before.stockout"].startswith("Stockout projected in 90 days (2025-05-30)")
    for key in (
        "playbook.before.budget",
        "playbook.before.no_promo",
        "playbook.before.price_medium",
        "playbook.before.bids_cpc",
    ):
        assert key not in en
    # The SKU's own lead time decides: 12 days out with a 10-day lead time is avoidable too.
    assert "playbook.before.avoidable" in texts(build_playbook(row(lead_time_days=10.0)))
    assert "playbook.before.avoidable" not in texts(build_playbook(BEFORE_MEDIUM))


# ---------------------------------------------------------------------------------------------
# during
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "days", "date"),
    [(DURING, 5, "2025-03-06"), (DURING_MEDIUM, 20, "2025-03-21"), (DURING_LONG, 40, "2025-04-10")],
)
def test_during_expected_restock_date(r: dict[str, Any], days: int, date: str) -> None:
    assert only(build_playbook(r, "en"), "playbook.during.arrival") == (
        f"Out of stock: next arrival in {days} days ({date}); track the shipment daily and time price and ad "
        "changes to the arrival"
    )
    assert only(build_playbook(r, "zh"), "playbook.during.arrival") == (
        f"已断货：下一批货预计 {days} 天后入仓（{date}）；每天跟进物流，价格和广告调整都围绕入仓时间安排"
    )


def test_during_price_unchanged_sp_self_pauses_listing_checked() -> None:
    en, zh = texts(build_playbook(DURING, "en")), texts(build_playbook(DURING, "zh"))
    assert (
        en["playbook.during.price"]
        == "Keep the price at $19.99 while out of stock (keep an earlier small rise)"
    )
    assert (
        zh["playbook.during.price"] == "断货期间价格不动，保持 $19.99（断货前小幅涨过价的，维持涨后的价格）"
    )
    assert "playbook.during.sp" in en
    assert "跟卖" in zh["playbook.during.listing"]
    for key in ("playbook.before.price_medium", "playbook.after.discount", "playbook.before.budget"):
        assert key not in en


def test_during_long_gap_air_and_no_arrival() -> None:
    assert "send 250 units by air" in only(build_playbook(DURING_LONG, "en"), "playbook.stock.air")
    assert "playbook.stock.air" not in texts(build_playbook(DURING_MEDIUM, "en"))
    no_arrival = texts(build_playbook(DURING_NO_ARRIVAL, "zh"))
    assert (
        no_arrival["playbook.during.no_arrival"]
        == "已断货，且没有在途货件：马上再补一票货，能走空运/快递就走空运"
    )
    assert "playbook.during.arrival" not in no_arrival


def test_during_sb_sd_campaigns_still_spending_named_with_spend() -> None:
    en = build_playbook(DURING, "en", campaigns=CAMPAIGNS)
    assert only(en, "playbook.during.sbsd_spending") == (
        "Pause 2 SB/SD campaigns still spending during the stockout: Brand video, Retarget views ($20.50 in "
        "7 days)"
    )
    zh = build_playbook(DURING, "zh", campaigns=CAMPAIGNS)
    assert only(zh, "playbook.during.sbsd_spending") == (
        "暂停 2 个断货期间仍在花钱的 SB/SD 广告活动：Brand video、Retarget views（近 7 天花费 $20.50）"
    )
    assert "playbook.during.sbsd" not in texts(en)


def test_during_one_sb_campaign_sums_its_rows() -> None:
    campaigns = pd.DataFrame(
        {
            "ad_type": ["Sponsored Brands", "SB"],
            "campaign": ["Brand video", "Brand video"],
            "spend_7d": [4.0, 5.25],
        }
    )
    assert only(build_playbook(DURING, "en", campaigns=campaigns), "playbook.during.sbsd_spending_one") == (
        "Pause the SB/SD campaign still spending during the stockout: Brand video ($9.25 in 7 days)"
    )


def test_during_sb_sd_generic_or_none_spending() -> None:
    assert "playbook.during.sbsd" in texts(build_playbook(DURING, "en"))
    quiet = CAMPAIGNS.assign(spend_7d=[30.0, 0.0, 0.0, 0.0, 0.0])
    keys = texts(build_playbook(DURING, "en", campaigns=quiet))
    assert "playbook.during.sbsd_none" in keys
    assert "playbook.during.sbsd_spending" not in keys
    # A frame without the expected columns says nothing about SB/SD: the generic advice stands.
    assert "playbook.during.sbsd" in texts(build_playbook(DURING, "en", campaigns=pd.DataFrame({"x": [1]})))


def test_during_severe_rank_drops_worst_first_with_competitors() -> None:
    en = [
        a for a in build_playbook(DURING, "en", rank_impact=RANKS) if a.key == "playbook.during.rank_severe"
    ]
    assert [a.text for a in en] == [
        "Keyword 'dog bed': 8 → >306, a severe drop; track it daily; competitors who took the place: "
        "B0COMP0001, B0COMP0002",
        "Keyword 'large dog bed': 15 → 120, a severe drop; track it daily",
    ]
    zh = [
        a.text
        for a in build_playbook(DURING, "zh", rank_impact=RANKS)
        if a.key == "playbook.during.rank_severe"
    ]
    assert (
        zh[0] == "关键词「dog bed」：8 → >306，排名严重下滑，每天跟踪；抢走位置的竞品：B0COMP0001, B0COMP0002"
    )
    assert all(a.priority == 1 for a in en)


# ---------------------------------------------------------------------------------------------
# after
# ---------------------------------------------------------------------------------------------


def test_after_discount_ladder_19_99() -> None:
    assert only(build_playbook(AFTER, "en"), "playbook.after.discount") == (
        "Discount 30 % (within 20–35 %, never 50 % or more), then step back to full price in 3 steps as "
        "conversion and ranks recover: $19.99 → $13.99 → $15.99 → $17.99 → $19.99"
    )
    assert only(build_playbook(AFTER, "zh"), "playbook.after.discount") == (
        "设置 30% 折扣（控制在 20–35%，不要 50% 或更高），随着转化率和排名回升，分 3 步调回原价："
        "$19.99 → $13.99 → $15.99 → $17.99 → $19.99"
    )


def test_after_budget_1_to_2_times_the_in_stock_daily_spend() -> None:
    # The window 2025-01-30 .. 2025-03-01 holds 15 stockout days (1–16 Feb): $1,500 over 15 in-stock days.
    assert only(build_playbook(AFTER, "en"), "playbook.after.budget") == (
        "Raise the daily budget to 1–2 × the pre-stockout level: $100.00/day → $100.00–$200.00/day"
    )
    # Without dates the whole window counts: $1,500 / 30 days.
    plain = row(**{**AFTER, "as_of": None})
    assert only(build_playbook(plain, "zh"), "playbook.after.budget") == (
        "日预算逐步提到断货前的 1–2 倍：$50.00/天 → $50.00–$100.00/天"
    )
    assert "playbook.after.budget_plain" in texts(build_playbook(row(**{**AFTER, "spend": 0.0})))


def test_after_received_sales_recovery_lines() -> None:
    en, zh = texts(build_playbook(AFTER, "en")), texts(build_playbook(AFTER, "zh"))
    assert en["playbook.after.received"] == (
        "Confirm the received quantity: 480 units available in Seller Central; check for damaged or missing "
        "units"
    )
    assert (
        en["playbook.after.sales"]
        == "Sales at 58 % of the pre-stockout level: 7.0 units/day vs 12.0 units/day before"
    )
    assert zh["playbook.after.sales"] == "销量恢复到断货前的 58%：近 7 天日均 7.0 件，断货前日均 12.0 件"
    for key in (
        "playbook.after.coupon",
        "playbook.after.auto",
        "playbook.after.reduce",
        "playbook.after.exact_plain",
    ):
        assert key in en
    assert "playbook.stock.reorder" not in en  # reorder_qty 0


def test_after_exact_match_on_keywords_that_fell_most() -> None:
    en = build_playbook(AFTER, "en", rank_impact=RANKS)
    assert only(en, "playbook.after.exact") == (
        "Exact match first on the keywords that fell most, bids up: 'dog bed' (8 → >306), 'large dog bed' "
        "(15 → 120)"
    )
    assert only(build_playbook(AFTER, "zh", rank_impact=RANKS), "playbook.after.exact") == (
        "优先开精准匹配，主推断货期间下滑最严重的关键词，并提高竞价：「dog bed」（8 → >306）、「large dog "
        "bed」（15 → 120）"
    )
    assert (
        only(en, "playbook.after.rank_progress")
        == "1 of 3 keywords back at their pre-stockout rank; keep tracking daily"
    )


def test_after_all_ranks_back_reduces_velocity() -> None:
    actions = texts(build_playbook(AFTER, "en", rank_impact=RANKS.assign(recovered=True)))
    assert actions["playbook.after.ranks_back"] == (
        "All 3 tracked keywords are back at their pre-stockout rank: bring the ad budget back down"
    )
    assert "playbook.after.exact" not in actions
    assert "playbook.after.exact_plain" not in actions


def test_discount_within_20_35_percent_and_back_to_full_price() -> None:
    text = only(build_playbook(AFTER), "playbook.after.discount")
    ladder = [float(p) for p in re.findall(r"\$(\d+\.\d+)", text.split(": ", 1)[1])]
    assert ladder[0] == ladder[-1] == 19.99
    assert ladder[1:] == sorted(ladder[1:])
    assert 0.20 <= 1 - ladder[1] / 19.99 <= 0.35


# ---------------------------------------------------------------------------------------------
# normal and the strategy line
# ---------------------------------------------------------------------------------------------


def test_normal_nothing_urgent_plus_strategy() -> None:
    en = build_playbook(NORMAL, "en")
    assert [a.key for a in en] == ["strategy.action.scale", "playbook.normal.ok_cover"]
    assert only(en, "playbook.normal.ok_cover") == "Nothing urgent in the stockout cycle: 90 days of cover"
    assert only(build_playbook(NORMAL, "zh"), "playbook.normal.ok_cover") == "暂无断货风险：可售 90 天"


STRATEGY_CASES = [
    (
        "protect_stock",
        1.7,
        4.0,
        "WOC 1.7 weeks < 3: protect stock — throttle ads and follow the stockout playbook",
        "库存周转周数 WOC 1.7 周 < 3：保库存，控制广告，按断货前打法执行",
    ),
    (
        "scale",
        4.2,
        4.0,
        "WOC 4.2 weeks (healthy 3–6) and ROAS 4.00 ≥ target 3.00: scale — more budget on the "
        "winning campaigns",
        "WOC 4.2 周（健康区间 3–6 周），ROAS 4.00 ≥ 目标 3.00：放量，给表现好的广告活动加预算",
    ),
    (
        "optimise",
        4.2,
        2.1,
        "WOC 4.2 weeks is healthy but ROAS 2.10 is below target 3.00: optimise bids, add "
        "negative keywords, improve the listing",
        "WOC 4.2 周处于健康区间，但 ROAS 2.10 低于目标 3.00：优化竞价、否定无效词、优化链接",
    ),
    (
        "push_traffic",
        8.0,
        3.5,
        "WOC 8.0 weeks > 6 and ROAS 3.50 ≥ target 3.00: raise traffic to sell through before stock piles up",
        "WOC 8.0 周 > 6，ROAS 3.50 ≥ 目标 3.00：加大广告流量，加快动销，避免库存积压",
    ),
    (
        "raise_conversion",
        8.0,
        1.5,
        "WOC 8.0 weeks > 6 and ROAS 1.50 < target 3.00: raise conversion — coupon, "
        "price, listing — to avoid aged stock",
        "WOC 8.0 周 > 6，ROAS 1.50 < 目标 3.00：用优惠券、调价、优化链接提升转化，避免变成超龄库存",
    ),
    (
        "aged",
        60.0,
        1.0,
        "WOC 60.0 weeks (≥ 52), stock older than 365 days or stock that will reach the aged-inventory "
        "surcharge: aged — clear it, weighing the cost of clearing against what it recovers",
        "WOC 60.0 周（≥ 52）、库龄超过 365 "
        "天或库存将进入库龄附加费区间：超龄库存，考虑清仓；先算清清仓成本和能回收的货款",
    ),
]


@pytest.mark.parametrize(("name", "woc", "roas", "en", "zh"), STRATEGY_CASES)
def test_strategy_line_with_its_numbers(name: str, woc: float, roas: float, en: str, zh: str) -> None:
    assert formulas.strategy(woc, roas, 3.0) == name  # the fixture is the matrix's own answer
    r = {**NORMAL, "strategy": name, "woc": woc, "roas": roas}
    assert only(build_playbook(r, "en"), f"strategy.action.{name}") == en
    assert only(build_playbook(r, "zh"), f"strategy.action.{name}") == zh


def test_strategy_without_ad_data_and_custom_bands() -> None:
    r = {**NORMAL, "strategy": "optimise", "roas": NAN}
    assert "ROAS — (no ad data) is below target 3.00" in only(build_playbook(r), "strategy.action.optimise")
    assert "ROAS —（无广告数据） 低于目标 3.00" in only(build_playbook(r, "zh"), "strategy.action.optimise")
    s = Settings(woc_risk_below=4.0, woc_overstock_above=8.0)
    assert "(healthy 4–8)" in only(build_playbook(NORMAL, settings=s), "strategy.action.scale")


# ---------------------------------------------------------------------------------------------
# money
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (19.99, "USD", "$19.99"),
        (19.99, "EUR", "€19.99"),
        (19.99, "GBP", "£19.99"),
        (1980, "JPY", "¥1,980"),
        (19.99, "CNY", "¥19.99"),
        (19.99, "XXX", "19.99 XXX"),
        (1234.5, "usd", "$1,234.50"),
        (19.99, None, "19.99"),
        (19.99, NAN, "19.99"),
        (-5, "USD", "-$5.00"),
    ],
)
def test_format_money(amount: float, currency: Any, expected: str) -> None:
    assert format_money(amount, currency) == expected


def test_jpy_price_rise_has_no_decimals() -> None:
    actions = build_playbook(row(currency="JPY", price=1980.0, spend=45000.0, cpc=NAN), "en")
    assert "¥1,980 → ¥2,079–¥2,178" in only(actions, "playbook.before.price_medium")
    assert only(actions, "playbook.before.budget") == "Cut daily budget 30–40 %: ¥1,500/day → ¥900–¥1,050/day"


def test_currency_falls_back_to_the_marketplace() -> None:
    actions = build_playbook(row(currency=None, marketplace="UK"), "en")
    assert "£19.99 → £20.99–£21.99" in only(actions, "playbook.before.price_medium")


# ---------------------------------------------------------------------------------------------
# robustness
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ALL_ROWS))
@pytest.mark.parametrize("bad", [NAN, None, pd.NaT, "n/a", "", 5])
def test_any_single_missing_value_never_crashes(name: str, bad: Any) -> None:
    base = ALL_ROWS[name]
    for key in base:
        for lang in ("en", "zh"):
            actions = build_playbook({**base, key: bad}, lang, campaigns=CAMPAIGNS, rank_impact=RANKS)
            assert all(a.text for a in actions)


@pytest.mark.parametrize("phase", ["before", "during", "after", "normal", None, "unknown"])
def test_all_missing_row_never_crashes(phase: Any) -> None:
    empty = dict.fromkeys(BASE, NAN) | {"phase": phase}
    for lang in ("en", "zh"):
        build_playbook(empty, lang)
        build_playbook(pd.Series(empty), lang, campaigns=CAMPAIGNS.iloc[:0], rank_impact=RANKS.iloc[:0])
    assert build_playbook({}) == []


def test_rank_rows_with_holes_are_skipped() -> None:
    holes = pd.DataFrame(
        {
            "keyword": ["a", None, "c"],
            "baseline": [NAN, 5.0, 3.0],
            "trough_label": ["200", "150", None],
            "current_label": ["200", "150", "140"],
            "severe": [True, True, None],
            "recovered": [None, False, False],
            "competitors_text": [NAN, NAN, NAN],
        }
    )
    assert "'c' (3 → 140)" in only(build_playbook(AFTER, rank_impact=holes), "playbook.after.exact")


def test_pandas_series_row_gives_the_same_playbook() -> None:
    assert build_playbook(pd.Series(BEFORE_MEDIUM), "zh") == build_playbook(BEFORE_MEDIUM, "zh")


def test_unknown_language_falls_back_to_english() -> None:
    assert build_playbook(BEFORE_MEDIUM, "fr") == build_playbook(BEFORE_MEDIUM, "en")


def test_sorted_by_priority_then_area_and_fields_valid() -> None:
    for _name, _lang, actions in every_playbook():
        order = [(a.priority, AREAS.index(a.area)) for a in actions]
        assert order == sorted(order)
        assert all(a.priority in (1, 2, 3) for a in actions)


# ---------------------------------------------------------------------------------------------
# translations
# ---------------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_used_exists_in_both_languages() -> None:
    used = {a.key for _name, _lang, actions in every_playbook() for a in actions}
    assert used
    for key in used:
        assert MESSAGES[key]["en"], key
        assert MESSAGES[key]["zh"], key


def test_playbook_messages_complete_and_consistent() -> None:
    for key, entry in PLAYBOOK_MESSAGES.items():
        assert key.startswith(("playbook.", "strategy.")), key
        assert set(entry) == {"en", "zh"}, key
        assert _fields(entry["en"]) == _fields(entry["zh"]), key
        assert entry["en"] != entry["zh"] or not re.search(r"[A-Za-z]", entry["en"]), key


def _english_words(text: str) -> set[str]:
    for data in DATA_WORDS:
        text = text.replace(data, "")
    return set(re.findall(r"[A-Za-z][A-Za-z/]*", text)) - BRAND_TERMS


def test_chinese_lines_have_no_untranslated_english() -> None:
    for name, lang, actions in every_playbook():
        if lang != "zh":
            continue
        for a in actions:
            words = {w for part in _english_words(a.text) for w in part.split("/")} - BRAND_TERMS
            assert not words, (name, a.key, a.text, words)
    for key, entry in PLAYBOOK_MESSAGES.items():
        template = re.sub(r"\{[a-z_]+\}", "", entry["zh"])
        words = {w for part in _english_words(template) for w in part.split("/")} - BRAND_TERMS
        assert not words, (key, words)


def test_english_lines_have_no_chinese() -> None:
    for _name, lang, actions in every_playbook():
        if lang == "en":
            assert not any(re.search(r"[\u4e00-\u9fff]", a.text) for a in actions)


@pytest.mark.parametrize(
    ("label", "values"),
    [
        (strategy_label, get_args(formulas.Strategy)),
        (phase_label, ("before", "during", "after", "normal")),
        (alert_label, get_args(formulas.AlertLevel)),
        (gap_label, get_args(formulas.GapClass)),
    ],
)
def test_every_label_in_both_languages(label: Any, values: tuple[str, ...]) -> None:
    assert values
    for value in values:
        en, zh = label(value, "en"), label(value, "zh")
        assert en, value
        assert zh, value
        assert en != zh, value
        assert re.search(r"[\u4e00-\u9fff]", zh), value
        assert not re.search(r"[\u4e00-\u9fff]", en), value


def test_label_examples() -> None:
    assert [phase_label(p, "zh") for p in ("before", "during", "after", "normal")] == [
        "断货前",
        "断货中",
        "断货后",
        "正常",
    ]
    assert alert_label("reorder", "zh") == "立即补货"
    assert alert_label("urgent", "zh") == "紧急(考虑空运)"
    assert strategy_label("scale", "en") == "Scale"
    assert phase_label("mystery") == "mystery"
    assert phase_label(NAN) == ""  # type: ignore[arg-type]
    assert t("playbook.area.listing", "zh") == "链接"


def test_no_raw_missing_values_in_texts() -> None:
    for _name, _lang, actions in every_playbook():
        for a in actions:
            assert not re.search(r"\b(nan|NaN|NaT|None|inf)\b", a.text), a.text

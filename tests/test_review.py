"""Tests of inventory_core.views.review (weekly summary, KPI flags, week-on-week changes) and its charts.

Small hand-made plans with numbers a seller can check on paper; the demo-database checks are in
``test_page_review.py``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from inventory_core.model.plan_type import Plan
from inventory_core.model.settings import Settings
from inventory_core.views import review
from inventory_core.views.charts.review import cover_bars, cover_cap, phase_counts

AS_OF = dt.date(2026, 11, 16)
NAN = float("nan")

BASE: dict[str, Any] = {
    "marketplace": "US",
    "sku": "X",
    "asin": "B0X",
    "currency": "USD",
    "price": 20.0,
    "reorder_qty": 0,
    "alert": "ok",
    "air_qty": 0,
    "phase": "normal",
    "stockout_day": NAN,
    "stockout_date": pd.NaT,
    "lead_time_days": 60.0,
    "strategy": "scale",
    "spend": 0.0,
    "gap_class": "none",
    "lost_sales": 0.0,
    "conversion_drop": False,
    "cvr_this_week": NAN,
    "cvr_last_week": NAN,
    "rising_sales": False,
    "days_of_cover": 100.0,
    "latest_order_date": pd.NaT,
    "cvr": NAN,
    "ad_sales": 0.0,
    "ad_orders": 0.0,
    "target_roas": 3.0,
}


def sku(name: str, **changes: Any) -> dict[str, Any]:
    return {**BASE, "sku": name, **changes}


def make_plan(rows: list[dict[str, Any]], as_of: dt.date = AS_OF, settings: Settings | None = None) -> Plan:
    empty = pd.DataFrame()
    return Plan(as_of, settings or Settings(), pd.DataFrame(rows), empty, empty, empty, empty)


# Seven SKUs, one per situation of the weekly review. The alerts follow the quantities (issue 14): urgent
# with an air quantity, reorder with a reorder quantity.
ROWS = [
    sku(
        "OOS",
        phase="during",
        alert="urgent",
        stockout_day=0.0,
        stockout_date=AS_OF,
        gap_class="long",
        air_qty=50,
        lost_sales=400.0,
        days_of_cover=0.0,
        strategy="protect_stock",
        spend=30.0,
    ),
    sku(
        "SOON",
        phase="before",
        alert="urgent",
        stockout_day=9.0,
        stockout_date=AS_OF + dt.timedelta(days=9),
        gap_class="medium",
        reorder_qty=120,
        air_qty=30,
        lost_sales=200.0,
        days_of_cover=9.0,
    ),
    sku(
        "LATER",
        phase="before",
        alert="reorder",
        stockout_day=70.0,
        stockout_date=AS_OF + dt.timedelta(days=70),
        gap_class="short",
        reorder_qty=200,
        days_of_cover=40.0,
    ),
    sku("BACK", phase="after", alert="watch", days_of_cover=90.0),
    sku("LOW", alert="reorder", reorder_qty=80, days_of_cover=50.0, strategy="protect_stock", spend=0.0),
    sku("FINE", days_of_cover=200.0),
    sku(
        "EURO",
        marketplace="DE",
        currency="",
        phase="before",
        alert="urgent",
        stockout_day=5.0,
        stockout_date=AS_OF + dt.timedelta(days=5),
        gap_class="short",
        air_qty=25,
        lost_sales=50.0,
        days_of_cover=5.0,
    ),
]


# ---------------------------------------------------------------------------------------------------------
# summary and the needs-action table


def test_action_flags_one_per_situation():
    acts = review.action_flags(pd.DataFrame(ROWS)).set_index(pd.Index([r["sku"] for r in ROWS]))
    assert acts.loc["OOS"].to_dict() == {
        "need_order": True,
        "need_air": True,
        "ad_cut": True,
        "price_raise": False,
        "price_discount": False,
        "check_conversion": False,
    }
    # before, stockout inside the 60-day lead time, medium gap: order, cut ads, raise 5-10 %
    assert acts.loc["SOON", ["need_order", "ad_cut", "price_raise"]].all()
    # before but the stockout (day 70) is beyond the lead time (60): no ad cut yet
    assert not acts.loc["LATER", "ad_cut"]
    assert acts.loc["BACK", "price_discount"]
    # protect stock without spend: nothing to cut
    assert not acts.loc["LOW", "ad_cut"]
    assert not acts.loc["FINE"].any()


def test_summary_counts():
    result = review.summary(make_plan(ROWS))
    assert result.skus == 7
    assert result.stockouts_now == 1
    assert result.coming == 3  # SOON, LATER, EURO: phase before with a stockout date
    assert result.recovering == 1
    assert result.need_order == 5  # OOS, SOON, LATER, LOW, EURO: each has a quantity to order
    assert result.need_air == 3  # OOS, SOON, EURO
    assert result.ad_cut == 3  # OOS (protect stock, spending), SOON and EURO (inside lead time)
    assert (result.price_raise, result.price_discount, result.price_step) == (1, 1, 2)


def test_lost_sales_are_kept_per_currency():
    result = review.summary(make_plan(ROWS))
    # the DE row has no currency in its stock report: its marketplace's (EUR) is used
    assert dict(result.lost_sales) == {"USD": 600.0, "EUR": 50.0}
    assert review.lost_sales_text(result.lost_sales) == "$600.00 + €50.00"
    assert review.lost_sales_delta(result, result) is None  # two currencies are never added


def test_lost_sales_delta_single_currency():
    now = review.summary(make_plan(ROWS[:2]))
    prev = review.summary(make_plan([sku("OOS", lost_sales=100.0)]))
    assert review.lost_sales_delta(now, prev) == "+$500.00"
    assert review.lost_sales_delta(prev, now) == "-$500.00"


def test_needs_action_most_urgent_first():
    need = review.needs_action(pd.DataFrame(ROWS))
    assert list(need["sku"]) == ["OOS", "EURO", "SOON", "LATER", "BACK", "LOW"]
    assert "FINE" not in set(need["sku"])
    assert need.loc[need["sku"] == "SOON", "actions"].iloc[0] == (
        "need_order",
        "need_air",
        "ad_cut",
        "price_raise",
    )


def test_action_table_labels_in_chinese():
    table = review.action_table(pd.DataFrame(ROWS), "zh")
    first = table.iloc[0]
    assert (first["sku"], first["phase"], first["alert"]) == ("OOS", "断货中", "紧急(考虑空运)")
    assert first["actions"] == "下单 · 空运 · 降广告"
    assert first["stockout_date"] == "2026年11月16日"
    back = table[table["sku"] == "BACK"].iloc[0]
    assert back["stockout_date"] == "–"  # no projected stockout: never "nan年nan月nan日"
    assert back["actions"] == "折扣回调"


# ---------------------------------------------------------------------------------------------------------
# KPI flags


def keywords(*rows: dict[str, Any]) -> pd.DataFrame:
    base = {
        "marketplace": "US",
        "ad_type": "SP",
        "campaign": "SP - KW-SKU - Exact",
        "ad_group": "g",
        "targeting": "kw",
        "match_type": "EXACT",
        "impressions": 5000.0,
        "clicks": 50.0,
        "spend": 50.0,
        "ad_sales": 500.0,
        "ad_orders": 20.0,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


# The keywords' SKU: ad CVR 10 %, AOV $25 (ad sales 500 / 20 orders), target ROAS 2.5
# → target CPC = 0.10 × 25 ÷ 2.5 = $1.00 (limit 1.5 × = $1.50); target ACoS = 1 / 2.5 = 40 % (limit 60 %).
KW_SKU = sku("KW-SKU", cvr=0.10, ad_sales=500.0, ad_orders=20.0, target_roas=2.5)


def flags_of(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["kind"] == kind].reset_index(drop=True)


def test_ctr_flag_seed_002_below_0_3_percent_with_enough_impressions():
    kt = keywords(
        {"targeting": "low", "impressions": 1000.0, "clicks": 2.0},  # 0.2 % on 1,000 impressions → flag
        {"targeting": "few", "impressions": 999.0, "clicks": 0.0},  # too few impressions to judge
        {"targeting": "edge", "impressions": 10000.0, "clicks": 30.0},  # exactly 0.3 % → not below
    )
    flags = flags_of("low_ctr", review.kpi_flags(make_plan([KW_SKU]), kt))
    assert list(flags["keyword"]) == ["low"]
    assert flags.loc[0, "value"] == pytest.approx(0.002)
    assert flags.loc[0, "threshold"] == pytest.approx(0.003)
    assert flags.loc[0, "sku"] == "KW-SKU"  # read from the campaign name
    assert flags.loc[0, "message_key"] == "review.flag.low_ctr"


def test_cpc_flag_against_target_cpc_from_cvr_aov_and_target_roas():
    kt = keywords(
        {"targeting": "dear", "clicks": 10.0, "spend": 16.0, "ad_sales": 100.0},  # CPC $1.60 > $1.50
        {"targeting": "fine", "clicks": 10.0, "spend": 14.0, "ad_sales": 100.0},  # CPC $1.40
    )
    flags = flags_of("high_cpc", review.kpi_flags(make_plan([KW_SKU]), kt))
    assert list(flags["keyword"]) == ["dear"]
    assert flags.loc[0, "value"] == pytest.approx(1.6)
    assert flags.loc[0, "threshold"] == pytest.approx(1.5)


def test_acos_flag_and_spend_without_sales():
    kt = keywords(
        {"targeting": "over", "spend": 70.0, "ad_sales": 100.0},  # ACoS 70 % > 60 %
        {"targeting": "under", "spend": 50.0, "ad_sales": 100.0},  # 50 %
        # no sales: judged once even one $25 order would leave the ACoS over 60 % (spend > $15)
        {"targeting": "burning", "spend": 20.0, "ad_sales": 0.0, "clicks": 20.0},
        {"targeting": "early", "spend": 10.0, "ad_sales": 0.0, "clicks": 10.0},
    )
    flags = flags_of("high_acos", review.kpi_flags(make_plan([KW_SKU]), kt))
    assert set(flags["keyword"]) == {"over", "burning"}
    over = flags[flags["keyword"] == "over"].iloc[0]
    assert over["value"] == pytest.approx(0.7)
    assert over["threshold"] == pytest.approx(0.6)
    assert math.isinf(flags[flags["keyword"] == "burning"].iloc[0]["value"])


def test_keyword_of_unknown_sku_uses_marketplace_totals_and_default_target():
    # No SKU in the campaign name: CVR × AOV from the keyword totals = ad sales / clicks = 300 / 100 = $3;
    # default target ROAS 3 → target CPC $1.00, limit $1.50.
    kt = keywords(
        {
            "campaign": "SB - Brand",
            "targeting": "a",
            "clicks": 50.0,
            "spend": 100.0,
            "ad_sales": 150.0,
            "ad_orders": 5.0,
        },
        {
            "campaign": "SB - Brand",
            "targeting": "b",
            "clicks": 50.0,
            "spend": 40.0,
            "ad_sales": 150.0,
            "ad_orders": 5.0,
        },
    )
    flags = review.kpi_flags(make_plan([KW_SKU]), kt)
    cpc = flags_of("high_cpc", flags)
    assert list(cpc["keyword"]) == ["a"]
    assert cpc.loc[0, "threshold"] == pytest.approx(1.5)
    assert cpc.loc[0, "sku"] == ""


def test_campaign_skus_from_product_ads_win_over_the_name():
    kt = keywords({"campaign": "Summer push", "impressions": 2000.0, "clicks": 1.0})
    campaigns = pd.DataFrame({"marketplace": ["US"], "campaign": ["Summer push"], "skus": ["KW-SKU"]})
    flags = flags_of("low_ctr", review.kpi_flags(make_plan([KW_SKU]), kt, campaign_skus=campaigns))
    assert list(flags["sku"]) == ["KW-SKU"]


def test_sku_flags_conversion_drop_and_rising_low_cover():
    plan = make_plan(
        [
            sku("DROP", conversion_drop=True, cvr_this_week=0.10, cvr_last_week=0.125),  # −20 %
            sku("RISE", rising_sales=True, days_of_cover=25.0),
            sku("RISE-OK", rising_sales=True, days_of_cover=30.0),  # not under 30 days
        ]
    )
    flags = review.kpi_flags(plan, keywords().iloc[0:0])
    assert list(flags["kind"]) == ["conversion_drop", "rising_low_cover"]
    assert flags.loc[0, "value"] == pytest.approx(0.2)
    assert flags.loc[0, "threshold"] == pytest.approx(0.15)
    assert list(flags["sku"]) == ["DROP", "RISE"]


def test_no_flags_is_an_empty_frame_with_the_columns():
    flags = review.kpi_flags(make_plan([KW_SKU]), keywords().iloc[0:0])
    assert flags.empty
    assert list(flags.columns) == list(review.FLAG_COLUMNS)
    assert review.flag_table(flags).empty


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "CTR 0.200% (under 0.300%): pause or negate “low”, or fix the main image/title"),
        ("zh", "点击率 0.200%（低于 0.300%）：暂停或否定「low」，或优化主图和标题"),
    ],
)
def test_flag_table_message(lang: str, expected: str):
    kt = keywords({"targeting": "low", "impressions": 1000.0, "clicks": 2.0})
    table = review.flag_table(flags_of("low_ctr", review.kpi_flags(make_plan([KW_SKU]), kt)), lang)
    assert table.loc[0, "message"] == expected
    assert (table.loc[0, "value"], table.loc[0, "threshold"]) == ("0.200%", "0.300%")


def test_only_skus_keeps_unassigned_on_request():
    frame = pd.DataFrame({"sku": ["A", "B", ""]})
    assert list(review.only_skus(frame, ["A"])["sku"]) == ["A"]
    assert list(review.only_skus(frame, ["A"], keep_unassigned=True)["sku"]) == ["A", ""]


# ---------------------------------------------------------------------------------------------------------
# changes since last week


def test_changes_week_on_week():
    prev = make_plan(
        [
            sku("NEWOOS", phase="before", alert="urgent"),
            sku("BACKIN", phase="during", alert="urgent"),
            sku("DONE", phase="after", alert="ok"),
            sku("SHIFT", phase="normal", alert="reorder"),
            sku("ALERT", phase="before", alert="reorder", days_of_cover=24.0),
            sku("SAME", phase="normal", alert="ok"),
        ],
        as_of=AS_OF - dt.timedelta(days=7),
    )
    now = make_plan(
        [
            sku("NEWOOS", phase="during", alert="urgent"),
            sku("BACKIN", phase="after", alert="watch"),
            sku("DONE", phase="normal", alert="ok"),
            sku("SHIFT", phase="before", alert="reorder"),
            sku("ALERT", phase="before", alert="urgent", days_of_cover=13.0),
            sku("SAME", phase="normal", alert="ok"),
            sku("FRESH", phase="normal", alert="ok"),
        ]
    )
    out = review.changes(now, prev)
    assert dict(zip(out["sku"], out["change"], strict=True)) == {
        "NEWOOS": "stockout_started",
        "BACKIN": "back_in_stock",
        "DONE": "recovered",
        "SHIFT": "phase_changed",
        "ALERT": "alert_changed",
        "FRESH": "new_sku",
    }
    assert list(out["sku"])[:2] == ["NEWOOS", "BACKIN"]  # most important first
    table = review.change_table(out, "en").set_index("sku")
    assert table.loc["ALERT", "alert"] == "Reorder now → Urgent (consider air)"
    assert table.loc["ALERT", "phase"] == "Before stockout"  # unchanged: shown once
    assert table.loc["ALERT", "cover"] == "24 → 13"
    assert table.loc["NEWOOS", "change"] == "New stockout"
    assert review.change_table(out, "zh").set_index("sku").loc["NEWOOS", "phase"] == "断货前 → 断货中"


def test_previous_as_of_and_missing_dates():
    assert review.previous_as_of(AS_OF) == dt.date(2026, 11, 9)
    assert review.fmt_date(pd.NaT, "zh") == "–"
    assert review.fmt_date(None) == "–"
    assert review.fmt_date(dt.date(2026, 11, 16), "en") == "Nov 16, 2026"


# ---------------------------------------------------------------------------------------------------------
# charts


def test_cover_bars_one_trace_per_alert_with_the_20_and_75_day_lines():
    fig = cover_bars(pd.DataFrame(ROWS), "en", reorder_days=75, urgent_days=20)
    assert fig.layout.title.text == "Days of cover per SKU"
    assert fig.layout.xaxis.title.text == "Days of cover"
    assert [tr.name for tr in fig.data] == ["Urgent (consider air)", "Reorder now", "Watch", "OK"]
    assert sorted(shape.x0 for shape in fig.layout.shapes) == [20, 75]
    urgent = fig.data[0]
    assert list(urgent.customdata) == ["OOS", "EURO", "SOON"]  # lowest cover first
    # FINE's 200 days are drawn at the 150-day cap and labelled with the real value
    ok = fig.data[3]
    assert list(ok.x) == [150.0]
    assert list(ok.text) == ["200+"]
    # lowest cover at the top of the chart
    assert list(fig.layout.yaxis.categoryarray)[-1] == "OOS"


def test_cover_bars_chinese_and_infinite_cover():
    rows = [sku("NOSALES", days_of_cover=math.inf), sku("A", alert="urgent", days_of_cover=3.0)]
    fig = cover_bars(pd.DataFrame(rows), "zh")
    assert fig.layout.title.text == "各 SKU 可售天数"
    ok = next(tr for tr in fig.data if tr.name == "库存充足")
    assert list(ok.x) == [150.0]
    assert list(ok.text) == ["∞"]


def test_cover_cap():
    assert cover_cap(75) == 150.0
    assert cover_cap(90) == 180.0


def test_phase_counts():
    fig = phase_counts(pd.DataFrame(ROWS), "en")
    assert fig.layout.title.text == "SKUs per stockout phase"
    assert list(fig.data[0].x) == ["Out of stock", "Before stockout", "Recovering", "Normal"]
    assert list(fig.data[0].y) == [1, 3, 1, 2]

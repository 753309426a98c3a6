"""AppTest of the weekly review page on the real demo database (no mocks).

The expected numbers are computed here from ``compute_plan`` and the store, independently of the page's
helpers, and a few demo SKUs are checked by hand against their stock history.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_app

from inventory_core.model.plan import compute_plan
from inventory_core.store import Store

PAGE = "pages/review.py"


@pytest.fixture
def plans(demo_db: Path):
    with Store(demo_db) as store:
        now = compute_plan(store)
        prev = compute_plan(store, now.as_of - dt.timedelta(days=7))
        keywords = store.keyword_targets(now.as_of - dt.timedelta(days=7), now.as_of)
        stock = store.stock_history(skus=["KT-SILICONE-LIDS-6"])
    return now, prev, keywords, stock


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


# The page's tables, told apart by a column only they have (a table without selection has no element id).
TABLES = {"review_actions": "actions", "review_flags": "message", "review_changes": "change"}


def table(at, key: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if TABLES[key] in d.value.columns)


def test_headline_metrics_match_the_plan(demo_db: Path, plans):
    now, prev, _, _ = plans
    at = run_app(PAGE)
    skus = now.skus
    during = int((skus["phase"] == "during").sum())
    assert metric(at, "Out of stock now").value == str(during)
    assert metric(at, "Out of stock now").delta == str(during - int((prev.skus["phase"] == "during").sum()))
    need_order = int(((skus["reorder_qty"] > 0) | skus["alert"].isin(["urgent", "reorder"])).sum())
    assert metric(at, "Need an order").value == str(need_order)
    assert metric(at, "Need air freight").value == str(int((skus["air_qty"] > 0).sum()))
    coming = int(((skus["phase"] == "before") & skus["stockout_date"].notna()).sum())
    assert metric(at, "Stockouts coming").value == str(coming)
    assert metric(at, "Recovering").value == str(int((skus["phase"] == "after").sum()))
    assert metric(at, "Projected lost sales").value == f"${skus['lost_sales'].sum():,.2f}"


def test_needs_action_table_and_chart(demo_db: Path, plans):
    now, _, _, _ = plans
    at = run_app(PAGE)
    actions = table(at, "review_actions")
    # stockouts first, then coming ones
    during = set(now.skus.loc[now.skus["phase"] == "during", "sku"])
    assert set(actions["sku"].head(len(during))) == during
    assert actions.loc[0, "phase"] == "Out of stock"
    urgent = now.skus[now.skus["alert"] == "urgent"]
    assert set(urgent["sku"]) <= set(actions["sku"])
    row = actions[actions["sku"] == urgent.iloc[0]["sku"]].iloc[0]
    assert row["reorder_qty"] == urgent.iloc[0]["reorder_qty"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Days of cover per SKU"
    assert len(spec["data"]) == now.skus["alert"].nunique()  # one trace per alert level
    assert {s["x0"] for s in spec["layout"]["shapes"]} == {20, 75}


def test_kpi_flags_find_the_low_ctr_keywords(demo_db: Path, plans):
    now, _, keywords, _ = plans
    at = run_app(PAGE)
    s = now.settings
    judged = keywords[keywords["impressions"] >= s.kpi_ctr_min_impressions]
    low = judged[judged["clicks"] / judged["impressions"] < s.kpi_ctr_min]
    assert len(low) > 0  # the demo has keywords with CTR < 0.3 %
    at.multiselect(key="review_flag_kinds").set_value(["low_ctr"]).run()
    assert not at.exception
    flags = table(at, "review_flags")
    assert (flags["flag"] == "Low CTR").all()
    assert sorted(flags["keyword"]) == sorted(low["targeting"])
    assert all(float(v.rstrip("%")) < 0.3 for v in flags["value"])
    drops = int(now.skus["conversion_drop"].sum())
    at.multiselect(key="review_flag_kinds").set_value(["conversion_drop"]).run()
    assert len(table(at, "review_flags")) == drops


def test_changes_since_last_week(demo_db: Path, plans):
    now, prev, _, stock = plans
    # By hand: KT-SILICONE-LIDS-6 had stock a week ago and has none on the latest snapshot.
    last = stock[stock["snapshot_date"] == stock["snapshot_date"].max()].iloc[0]
    week_ago = stock[pd.to_datetime(stock["snapshot_date"]) <= pd.Timestamp(prev.as_of)].iloc[-1]
    assert last["available"] == 0
    assert week_ago["available"] > 0
    at = run_app(PAGE)
    changes = table(at, "review_changes")
    assert not changes.empty
    row = changes[changes["sku"] == "KT-SILICONE-LIDS-6"].iloc[0]
    assert row["change"] == "New stockout"
    assert row["phase"] == "Before stockout → Out of stock"
    # every SKU whose phase or alert differs between the two plans is listed, and no other
    both = now.skus.merge(prev.skus, on=["marketplace", "sku"], suffixes=("", "_prev"))
    moved = both[(both["phase"] != both["phase_prev"]) | (both["alert"] != both["alert_prev"])]
    assert set(changes["sku"]) == set(moved["sku"])


def test_selecting_a_sku_sets_the_shared_selection(demo_db: Path):
    at = run_app(PAGE)
    at.selectbox(key="review_sku").set_value("KT-GARLIC-PRESS").run()
    assert not at.exception
    assert at.session_state["sku"] == "KT-GARLIC-PRESS"
    assert at.query_params["sku"] == ["KT-GARLIC-PRESS"] or at.query_params["sku"] == "KT-GARLIC-PRESS"
    assert any("KT-GARLIC-PRESS" in m.value for m in at.markdown)


def test_chinese(demo_db: Path, plans):
    now, _, _, _ = plans
    at = run_app(PAGE, lang="zh")
    assert at.title[0].value == "周会总览"
    assert metric(at, "当前断货").value == str(int((now.skus["phase"] == "during").sum()))
    assert next(h.value for h in at.subheader) == "本周待处理"
    actions = table(at, "review_actions")
    assert actions.loc[0, "phase"] == "断货中"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "各 SKU 可售天数"
    assert (
        table(at, "review_changes")["change"]
        .isin(["新断货", "已恢复到货", "已完全恢复", "阶段变化", "预警变化", "新增 SKU"])
        .all()
    )


def test_empty_database_shows_the_guide(empty_db: Path):
    at = run_app(PAGE)
    assert not at.exception
    assert "The database is empty" in at.info[0].value
    assert not at.metric

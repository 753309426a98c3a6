"""Back-test page (AppTest on the demo database): a short replay through the page, its table, trade-off chart
and a SKU's stock lines, in English and Chinese; the empty database."""

from __future__ import annotations

import datetime as dt
import json

from conftest import run_app

from inventory_core.model.backtest import POLICIES, run_backtest
from inventory_core.model.plan import load_settings
from inventory_core.store import Store

PAGE = "pages/backtest.py"


def _run(at, weeks: int = 6):
    at.number_input(key="bt_weeks").set_value(weeks)
    at.button(key="bt_run").click().run(timeout=300)
    assert not at.exception


def test_a_short_replay_through_the_page(demo_db):
    at = run_app(PAGE)
    assert not at.exception
    assert not at.dataframe  # nothing runs before the button
    _run(at)
    table = at.dataframe[0].value
    assert len(table) == len(POLICIES) + 4  # the five policies and this plan at four other safety days
    assert table.columns[0] == "Policy"
    assert table.iloc[0]["Policy"] == "Stockout Radar (this plan)"
    # the page shows what the core computes for the same window
    with Store(demo_db) as store:
        last = store.latest_sales_date()
        core = run_backtest(
            store, start=last - dt.timedelta(days=42), end=last, every_days=7, settings=load_settings(store)
        ).summary.set_index("policy")
    assert int(table.iloc[0]["Stockout days"]) == int(core.loc["radar", "stockout_days"])
    assert float(table.iloc[0]["Avg stock (units)"]) == float(core.loc["radar", "avg_on_hand_units"])
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    tradeoff = charts[0]
    names = [tr.get("name") for tr in tradeoff["data"]]
    assert "This plan at other safety days" in names
    assert "Amazon Restock (30-day sales, 30 days of supply)" in names
    stock = charts[1]
    assert stock["data"][0]["name"] == "Real available stock"
    assert len(stock["data"]) == 1 + len(POLICIES)
    assert len(stock["data"][1]["y"]) == 43  # one point per replayed day
    # another SKU: the result is kept, nothing reruns
    other = at.selectbox(key="bt_sku").options[1]
    at.selectbox(key="bt_sku").set_value(other).run()
    assert not at.exception
    assert at.session_state["sku"] == other
    assert at.dataframe


def test_chinese(demo_db):
    at = run_app(PAGE, lang="zh")
    assert at.title[0].value == "回测：补货计划是否胜过常用工具？"
    _run(at, weeks=4)
    assert at.dataframe[0].value.columns[0] == "策略"
    assert at.dataframe[0].value.iloc[0]["策略"] == "断货雷达（本计划）"


def test_empty_database(empty_db):
    at = run_app(PAGE)
    assert not at.exception
    assert at.info

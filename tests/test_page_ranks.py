"""Keyword ranks page on the demo database (AppTest, no mocks)."""

from __future__ import annotations

import json

import pytest
from conftest import run_app

from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
from inventory_core.views.ranks import DEFAULT_KEYWORDS, drops_summary, drops_table

PAGE = "pages/ranks.py"


@pytest.fixture
def plan(demo_db):
    with Store(demo_db) as store:  # same mode as the app's connection
        return compute_plan(store)


def _figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _role(fig: dict, role: str) -> list[dict]:
    return [t for t in fig["data"] if (t.get("meta") or {}).get("role") == role]


def _severe_sku(plan) -> str:
    """The SKU whose latest stockout has a severe drop to beyond the tracked depth."""
    impact = plan.rank_impact
    return str(impact[impact["severe"] & impact["trough_beyond"]].sort_values("sku")["sku"].iloc[0])


def test_sku_with_a_severe_drop_lists_it(demo_db, plan):
    sku = _severe_sku(plan)
    impact = plan.rank_impact[plan.rank_impact["sku"] == sku]
    at = run_app(PAGE, query={"sku": sku})
    assert at.selectbox(key="rk_sku").value == sku

    table = at.dataframe[0].value
    assert len(table) == len(impact)
    severe = impact[impact["severe"]]
    assert sorted(table.loc[table["Severe"] == "yes", "Keyword"]) == sorted(severe["keyword"])
    assert ">306" in set(table["Worst"])
    # the worst severe drop is the first row and keeps its label
    assert table.iloc[0]["Severe"] == "yes"

    summary = drops_summary(drops_table(plan.rank_impact, sku))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Severe drops"] == str(summary.severe)
    assert metrics["Not yet recovered"] == str(summary.unrecovered)


def test_charts_worst_keywords_first_with_beyond_depth_hover(demo_db, plan):
    sku = _severe_sku(plan)
    at = run_app(PAGE, query={"sku": sku})
    chosen = at.multiselect(key="rk_keywords").value
    assert len(chosen) == min(DEFAULT_KEYWORDS, len(at.multiselect(key="rk_keywords").options))
    figures = _figures(at)
    assert [f["layout"]["title"]["text"] for f in figures] == chosen
    top = plan.rank_impact[(plan.rank_impact["sku"] == sku) & (plan.rank_impact["keyword"] == chosen[0])]
    assert bool(top["severe"].any())
    beyond = [t for f in figures for t in _role(f, "beyond")]
    assert beyond
    assert all(set(t["hovertext"]) == {">306"} for t in beyond)
    assert all(f["layout"]["yaxis"]["ticktext"][-1] == ">306" for f in figures if _role(f, "beyond"))

    at.multiselect(key="rk_keywords").set_value(chosen[:1]).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_changing_the_sku_is_shared(demo_db, plan):
    at = run_app(PAGE)
    options = at.selectbox(key="rk_sku").options
    other = at.selectbox(key="rk_sku").value
    target = next(s for s in plan.rank_impact["sku"].unique() if not options[0].startswith(s))
    assert other != target
    at.selectbox(key="rk_sku").set_value(target).run()
    assert not at.exception
    assert at.session_state["sku"] == target
    assert at.query_params["sku"] == target
    titles = [f["layout"]["title"]["text"] for f in _figures(at)]
    assert set(titles) <= set(plan.rank_impact.loc[plan.rank_impact["sku"] == target, "keyword"])


def test_chinese(demo_db, plan):
    at = run_app(PAGE, lang="zh", query={"sku": _severe_sku(plan)})
    assert at.title[0].value == "关键词排名"
    table = at.dataframe[0].value
    assert {"关键词", "基准排名", "最低排名", "是否恢复"} <= set(table.columns)
    assert "严重下滑" in {m.label for m in at.metric}


def test_empty_database_shows_the_guide(empty_db):
    at = run_app(PAGE)
    assert not at.exception
    assert "database is empty" in at.info[0].value
    assert not at.get("plotly_chart")

"""Stockout timeline page on the demo database (AppTest, no mocks)."""

from __future__ import annotations

import json

import pytest
from conftest import run_app

from inventory_core import labels
from inventory_core.formatting import date as fmt_date
from inventory_core.model import playbook
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
from inventory_core.views.timeline import campaign_window, sku_campaigns

PAGE = "pages/timeline.py"


@pytest.fixture
def plan(demo_db):
    with Store(demo_db) as store:  # same mode as the app's open connection
        return compute_plan(store)


def _figures(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _role(fig: dict, role: str) -> list[dict]:
    return [t for t in fig["data"] if (t.get("meta") or {}).get("role") == role]


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_during_sku_shows_projection_metrics_and_its_playbook(demo_db, plan):
    row = plan.skus[plan.skus["phase"] == "during"].sort_values("sku").iloc[0]
    sku = row["sku"]
    at = run_app(PAGE, query={"sku": sku})
    assert at.selectbox(key="tl_sku").value == sku

    gantt, projection = _figures(at)
    assert sum(len(t["y"]) for t in _role(gantt, "phase")) == len(plan.skus)
    assert projection["layout"]["title"]["text"] == f"{sku}: stock projection"
    episodes = plan.episodes[plan.episodes["sku"] == sku]
    assert sum(s.get("name") == "episode" for s in projection["layout"]["shapes"]) == len(episodes)

    metrics = _metrics(at)
    assert metrics["Stockout date"][0] == fmt_date(row["stockout_date"], "en")
    assert metrics[f"Gap · {labels.gap_label(row['gap_class'])}"][0] == f"{int(row['gap_days'])} days"

    # the playbook: every action of its phase is a checklist line, SB/SD campaigns named from the ads data
    with Store(demo_db) as store:  # same mode as the app's open connection
        campaigns = sku_campaigns(
            store.ads_daily_by_sku(*campaign_window(plan.as_of)), sku, row["marketplace"]
        )
    impact = plan.rank_impact[plan.rank_impact["sku"] == sku]
    actions = playbook.build_playbook(
        row, "en", campaigns=campaigns, rank_impact=impact, settings=plan.settings
    )
    boxes = [c for c in at.checkbox if str(c.key).startswith("tl_pb_")]
    assert len(boxes) == len(actions)
    assert any(at.subheader[i].value == "Playbook: Out of stock" for i in range(len(at.subheader)))
    sbsd = campaigns[campaigns["ad_type"].isin(["SB", "SD"]) & (campaigns["spend_7d"] > 0)]
    assert not sbsd.empty
    assert any(sbsd["campaign"].iloc[0] in c.label for c in boxes)
    # the episodes table: one row per past stockout of the SKU
    assert len(at.dataframe[0].value) == len(episodes)


def test_what_if_controls_redraw_the_numbers(demo_db, plan):
    row = plan.skus[plan.skus["phase"] == "during"].sort_values("sku").iloc[0]
    ship = plan.shipments[(plan.shipments["sku"] == row["sku"]) & plan.shipments["counts"]].iloc[0]
    at = run_app(PAGE, query={"sku": row["sku"]})
    gap_label = f"Gap · {labels.gap_label(row['gap_class'])}"

    at.slider(key=f"tl_shift_{ship['shipment_id']}").set_value(10).run()
    assert not at.exception
    value, delta = _metrics(at)[gap_label]
    assert value == f"{int(row['gap_days']) + 10} days"
    assert delta == "+10 days vs plan"
    assert _role(_figures(at)[1], "base")  # the plan is drawn beside the what-if

    at.button(key="tl_reset").click().run()
    assert not at.exception
    assert _metrics(at)[gap_label] == (f"{int(row['gap_days'])} days", "")


def test_air_and_ads_on_a_before_sku(demo_db, plan):
    before = (
        plan.skus[
            (plan.skus["phase"] == "before")
            & plan.skus["sku"].isin(plan.shipments.loc[plan.shipments["counts"], "sku"])
        ]
        .sort_values("stockout_day")
        .iloc[0]
    )
    ship = plan.shipments[(plan.shipments["sku"] == before["sku"]) & plan.shipments["counts"]].iloc[0]
    at = run_app(PAGE, query={"sku": before["sku"]})
    at.multiselect(key="tl_air").set_value([ship["shipment_id"]]).run()
    assert not at.exception
    air = _role(_figures(at)[1], "arrivals")[0]
    assert "switched to air" in air["hovertext"][0]
    at.button(key="tl_reset").click().run()
    at.number_input(key="tl_velocity").set_value(0.0).run()
    assert not at.exception
    assert _metrics(at)["Stockout date"] == ("None within 120 days", "stockout avoided")


def test_changing_the_sku_is_shared_and_resets_the_what_if(demo_db, plan):
    first, second = plan.skus.sort_values("sku")["sku"].iloc[:2]
    at = run_app(PAGE, query={"sku": first})
    at.number_input(key="tl_velocity").set_value(1.0).run()
    at.selectbox(key="tl_sku").set_value(second).run()
    assert not at.exception
    assert at.session_state["sku"] == second
    assert at.query_params["sku"] == second
    assert at.number_input(key="tl_velocity").value == round(float(plan.row(second)["velocity"]), 2)


def test_search_filters_the_gantt(demo_db):
    at = run_app(PAGE)
    at.session_state["q"] = "KT-BAMBOO"  # the sidebar search (app.py) writes this key
    at.run()
    assert not at.exception
    gantt = _figures(at)[0]
    assert sorted(gantt["layout"]["yaxis"]["categoryarray"]) == ["KT-BAMBOO-BOARD-L", "KT-BAMBOO-BOARD-S"]
    assert at.selectbox(key="tl_sku").options[0].startswith("KT-BAMBOO")


def test_chinese(demo_db, plan):
    at = run_app(PAGE, lang="zh")
    assert at.title[0].value == "断货时间线"
    assert "预计断货日" in _metrics(at)
    assert _figures(at)[1]["layout"]["yaxis"]["title"]["text"] == "可售库存(件)"


def test_empty_database_shows_the_guide(empty_db):
    at = run_app(PAGE)
    assert not at.exception
    assert "database is empty" in at.info[0].value
    assert not at.get("plotly_chart")

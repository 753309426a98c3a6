"""AppTest of the WOC × ROAS matrix page on the real demo database (no mocks).

What a seller checks: the quadrant counts are the plan's; picking SKUs lists exactly those with their
strategy; moving a threshold re-places the points (counts follow ``matrix.place``); saving stores the lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_app
from streamlit.testing.v1 import AppTest

from inventory_core.labels import strategy_label
from inventory_core.model import matrix
from inventory_core.model.plan import compute_plan, load_settings
from inventory_core.store import Store

PAGE = "pages/matrix.py"


def open_matrix(*, lang: str = "en", query: dict[str, str] | None = None) -> AppTest:
    return run_app(PAGE, lang=lang, query=query)


def _plan_skus(path: Path) -> pd.DataFrame:
    with Store(path) as store:
        return compute_plan(store).skus


def _counts(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def _expected(placed: pd.DataFrame, lang: str = "en") -> dict[str, int]:
    return {strategy_label(k, lang): int(v) for k, v in matrix.quadrant_counts(placed).items()}


def _chart(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def test_default_view_counts_are_the_plans(demo_db: Path) -> None:
    skus = _plan_skus(demo_db)
    at = open_matrix()
    counts = _counts(at)
    assert counts == _expected(skus)
    plan_counts = skus["strategy"].value_counts()
    assert counts["Scale"] == plan_counts.get("scale", 0)
    assert counts["Aged: clear"] == plan_counts.get("aged", 0)
    assert all(m.delta in ("", None) for m in at.metric)  # nothing moved against the saved settings
    traces = _chart(at)["data"]
    assert [t["name"] for t in traces] == [
        "Protect stock",
        "Scale",
        "Optimise",
        "Raise traffic",
        "Raise conversion",
    ]
    # Aged SKUs are listed apart, not plotted; customdata[0] is the SKU.
    plotted = [c[0] for t in traces for c in t["customdata"]]
    assert sorted(plotted) == sorted(skus.loc[skus["strategy"] != "aged", "sku"])
    aged = skus[skus["strategy"] == "aged"]
    assert any(f"{len(aged)} SKUs, listed below" in c.value for c in at.caption)
    # Nothing selected yet: the hint, and the aged table apart.
    assert any("Select points on the chart" in i.value for i in at.info)
    assert sorted(at.dataframe[0].value["sku"]) == sorted(aged["sku"])


def test_picking_two_skus_lists_exactly_those_with_their_strategy(demo_db: Path) -> None:
    skus = _plan_skus(demo_db).sort_values("sku")
    protect = skus[skus["strategy"] == "protect_stock"].iloc[0]
    scale = skus[skus["strategy"] == "scale"].iloc[0]
    at = open_matrix()
    at.multiselect(key="matrix_pick").set_value([scale["sku"], protect["sku"]]).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert table["sku"].tolist() == [protect["sku"], scale["sku"]]
    assert table["strategy_label"].tolist() == ["Protect stock", "Scale"]
    assert table["woc"].tolist() == pytest.approx([protect["woc"], scale["woc"]])
    assert table["action"].iloc[0].startswith("WOC")
    assert "throttle ads" in table["action"].iloc[0]
    assert len(at.main.get("page_link")) == 1  # protect stock → the stockout playbook
    full = at.expander[0].markdown[0].value  # the actions in full, one line per SKU
    assert full.count("\n- ") == 1
    assert protect["sku"] in full
    assert scale["sku"] in full


def test_moving_the_bands_re_places_the_points(demo_db: Path) -> None:
    skus = _plan_skus(demo_db)
    at = open_matrix()
    at.slider(key="matrix_bands").set_value((4.0, 8.0)).run()
    assert not at.exception, at.exception
    placed = matrix.place(skus, risk_below=4.0, overstock_above=8.0)
    assert _counts(at) == _expected(placed)
    moved = int(placed["moved"].sum())
    assert moved > 0
    assert any(f"{moved} SKUs change quadrant" in c.value for c in at.caption)
    lines = {s["name"]: s["x0"] for s in _chart(at)["layout"]["shapes"] if s["type"] == "line"}
    assert lines == {"band_risk": 4.0, "band_overstock": 8.0, "target": 4.0}


def test_global_target_slider_re_places_the_points(demo_db: Path) -> None:
    skus = _plan_skus(demo_db)
    at = open_matrix()
    at.toggle(key="matrix_global").set_value(True).run()
    assert not at.exception, at.exception
    for target in (3.0, 1.5):
        at.slider(key="matrix_target").set_value(target).run()
        assert not at.exception, at.exception
        assert _counts(at) == _expected(matrix.place(skus, target_roas=target))
        texts = [a["text"] for a in _chart(at)["layout"]["annotations"]]
        assert f"target ROAS {target:.2f}" in texts
    # A demanding target pushes SKUs out of scale/raise-traffic into optimise/raise-conversion.
    at.slider(key="matrix_target").set_value(10.0).run()
    counts = _counts(at)
    assert counts["Scale"] == 0
    assert counts["Raise traffic"] == 0


def test_save_as_default_stores_the_lines(demo_db: Path) -> None:
    at = open_matrix()
    assert at.button(key="matrix_save").disabled  # nothing to save yet
    at.slider(key="matrix_bands").set_value((4.0, 8.0)).run()
    assert not at.button(key="matrix_save").disabled
    at.button(key="matrix_save").click().run()
    assert not at.exception, at.exception
    assert any("4–8" in s.value for s in at.success)
    with Store(demo_db) as store:
        saved = load_settings(store)
    assert (saved.woc_risk_below, saved.woc_overstock_above, saved.woc_aged_at) == (4.0, 8.0, 52.0)
    assert all(m.delta in ("", None) for m in at.metric)  # the plan now uses them: nothing moved
    assert at.button(key="matrix_save").disabled


def test_sku_in_the_url_is_preselected(demo_db: Path) -> None:
    sku = _plan_skus(demo_db).sort_values("sku")["sku"].iloc[0]
    at = open_matrix(query={"sku": sku})
    assert at.multiselect(key="matrix_pick").value == [sku]
    assert at.dataframe[0].value["sku"].tolist() == [sku]


def test_chinese(demo_db: Path) -> None:
    skus = _plan_skus(demo_db)
    at = open_matrix(lang="zh")
    assert _counts(at) == _expected(skus, "zh")
    assert "保库存" in _counts(at)
    assert [s.value for s in at.subheader] == ["选中的 ASIN 及广告策略", "超龄库存（不进矩阵）"]
    assert at.slider(key="matrix_bands").label == "健康 WOC 区间（周）"
    assert _chart(at)["layout"]["title"]["text"] == "库存管理广告分析矩阵（WOC × ROAS）"
    sku = skus[skus["strategy"] == "optimise"]["sku"].iloc[0]
    at.multiselect(key="matrix_pick").set_value([sku]).run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert table["strategy_label"].tolist() == ["优化广告"]
    assert "否定无效词" in table["action"].iloc[0]


def test_empty_database_shows_the_guide(empty_db: Path) -> None:
    at = open_matrix()
    assert any("database is empty" in i.value for i in at.info)
    assert not at.get("plotly_chart")

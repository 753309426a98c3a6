"""Stockout timeline charts: what a seller sees in the projection and the portfolio Gantt."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from inventory_core.model.plan import compute_plan
from inventory_core.model.settings import Settings
from inventory_core.model.whatif import sku_projection
from inventory_core.store import Store
from inventory_core.views.charts.palette import PHASE, STOCKOUT_SHADE
from inventory_core.views.charts.timeline import (
    arrival_text,
    portfolio_gantt,
    portfolio_order,
    projection_figure,
    stockout_spans,
)

AS_OF = dt.date(2026, 11, 16)
S = Settings(horizon_days=40)


@pytest.fixture(scope="module")
def demo(demo_db_master):
    with Store(demo_db_master, read_only=True) as store:
        plan = compute_plan(store)
        history = store.stock_history()
    return plan, history


def _row(**kw) -> dict:
    row = {
        "sku": "SKU-A",
        "marketplace": "US",
        "available": 100.0,
        "velocity": 10.0,
        "price": 20.0,
        "as_of": AS_OF,
        "lead_time_days": 60.0,
        "air_lead_time_days": 12.0,
        "safety_days": 14.0,
    }
    row.update(kw)
    return row


def _ships(status: str = "delayed") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "shipment_id": "FBA1TEST",
                "sku": "SKU-A",
                "marketplace": "US",
                "quantity": 500.0,
                "mode": "sea",
                "status": status,
                "arrival_day": 20,
                "overdue": False,
                "counts": True,
                "projected_eta": AS_OF + dt.timedelta(days=20),
            }
        ]
    )


def _episodes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "marketplace": ["US", "US", "US"],
            "sku": ["SKU-A", "SKU-A", "OTHER"],
            "start_date": pd.to_datetime(["2026-03-01", "2026-09-10", "2026-05-01"]),
            "end_date": pd.to_datetime(["2026-03-08", None, "2026-05-04"]),
        }
    )


def _shapes(fig, name):
    return [s for s in fig.layout.shapes if s.name == name]


def _traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def test_one_shaded_rectangle_per_episode_of_the_sku():
    w = sku_projection(_row(), _ships(), S)
    fig = projection_figure(w, None, _episodes(), "en")
    rects = _shapes(fig, "episode")
    assert len(rects) == 2  # the other SKU's episode is not drawn
    assert all(r.fillcolor == STOCKOUT_SHADE for r in rects)
    # the ongoing one runs to the report day
    assert pd.Timestamp(rects[1].x1) == pd.Timestamp(AS_OF) + pd.Timedelta(days=1)


def test_projected_stockout_window_is_shaded_from_stockout_to_restock():
    w = sku_projection(_row(), _ships(), S)
    (window,) = _shapes(fig := projection_figure(w, None, None, "en"), "stockout_window")
    assert pd.Timestamp(window.x0) == pd.Timestamp("2026-11-26")  # day 10
    assert pd.Timestamp(window.x1) == pd.Timestamp("2026-12-06")  # back on day 20
    assert window.fillcolor == STOCKOUT_SHADE
    assert any("10 days" in a.text for a in fig.layout.annotations if a.name == "stockout_window")


def test_every_projected_stockout_is_shaded():
    ships = _ships().assign(quantity=150.0)
    w = sku_projection(_row(), ships, S)
    # out on days 10-19, back on day 20 with 150 units = 15 days, out again from day 35 to the horizon
    assert stockout_spans(w) == [(10, 20), (35, 40)]
    assert stockout_spans(w)[0] == (w.stockout_day, w.stockout_day + w.gap_days)
    windows = _shapes(projection_figure(w, None, None, "en"), "stockout_window")
    assert [(pd.Timestamp(s.x0), pd.Timestamp(s.x1)) for s in windows] == [
        (pd.Timestamp("2026-11-26"), pd.Timestamp("2026-12-06")),
        (pd.Timestamp("2026-12-21"), pd.Timestamp("2026-12-26")),
    ]


def test_arrival_is_marked_with_id_quantity_mode_and_delay():
    w = sku_projection(_row(), _ships("delayed"), S)
    fig = projection_figure(w, None, None, "en")
    (arrivals,) = _traces(fig, "arrivals")
    assert list(arrivals.hovertext) == ["FBA1TEST +500 sea ⚠ delayed"]
    assert pd.Timestamp(arrivals.x[0]) == pd.Timestamp("2026-12-06")
    assert arrivals.y[0] == pytest.approx(500.0)
    assert any(a.text == "FBA1TEST +500 sea ⚠ delayed" for a in fig.layout.annotations if a.name == "arrival")


def test_arrival_text_in_chinese_and_after_changes():
    w = sku_projection(_row(), _ships("customs_hold"), S, eta_shift_days={"FBA1TEST": 5})
    assert arrival_text(w.arrivals[0], "zh") == "FBA1TEST +500 海运 ⚠ 清关扣货, 到货 +5 天"
    w = sku_projection(_row(), _ships("in_transit"), S, to_air={"FBA1TEST"})
    assert arrival_text(w.arrivals[0], "en") == "FBA1TEST +500 air · switched to air"


def test_reorder_point_line_is_velocity_times_lead_plus_safety():
    w = sku_projection(_row(), _ships(), S, velocity=5.0)
    (line,) = _shapes(projection_figure(w, None, None, "en"), "reorder_point")
    assert line.y0 == line.y1 == pytest.approx(5.0 * (60 + 14))


def test_plan_line_only_when_the_what_if_changed_something():
    ships = _ships()
    assert not _traces(projection_figure(sku_projection(_row(), ships, S), None, None, "en"), "base")
    plan_fig = projection_figure(sku_projection(_row(), ships, S), None, None, "en")
    fig = projection_figure(sku_projection(_row(), ships, S, velocity=12.0), None, None, "en")
    (base,) = _traces(fig, "base")
    assert base.line.dash == "dash"
    assert list(base.y) == pytest.approx(list(_traces(plan_fig, "projection")[0].y))
    assert list(_traces(fig, "projection")[0].y)[:3] == pytest.approx([100.0, 88.0, 76.0])


def test_history_comes_from_the_sku_stock_snapshots():
    history = pd.DataFrame(
        {
            "snapshot_date": pd.to_datetime(["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-15"]),
            "marketplace": "US",
            "sku": ["SKU-A", "SKU-A", "SKU-A", "OTHER"],
            "available": [300.0, 200.0, 110.0, 5.0],
        }
    )
    fig = projection_figure(sku_projection(_row(), _ships(), S), history, None, "en")
    (hist,) = _traces(fig, "history")
    assert list(hist.y) == [300.0, 200.0, 110.0]


def test_titles_and_axes_are_translated():
    w = sku_projection(_row(), _ships(), S)
    en, zh = projection_figure(w, None, None, "en"), projection_figure(w, None, None, "zh")
    assert en.layout.title.text == "SKU-A: stock projection"
    assert zh.layout.title.text == "SKU-A：库存走势推算"
    assert zh.layout.yaxis.title.text == "可售库存(件)"


def test_demo_sku_figure_matches_its_episodes_and_arrivals(demo):
    plan, history = demo
    for sku in plan.episodes["sku"].unique():
        row = plan.row(sku)
        w = sku_projection(row, plan.shipments, plan.settings)
        fig = projection_figure(w, history, plan.episodes, "en")
        assert len(_shapes(fig, "episode")) == int((plan.episodes["sku"] == sku).sum())
        counted = plan.shipments[
            (plan.shipments["sku"] == sku)
            & plan.shipments["counts"]
            & (plan.shipments["arrival_day"] < plan.settings.horizon_days)
        ]
        arrivals = _traces(fig, "arrivals")
        assert (len(arrivals[0].x) if arrivals else 0) == len(counted)


# --- portfolio Gantt --------------------------------------------------------------------------------------


def test_gantt_has_one_bar_per_sku_sorted_by_stockout(demo):
    plan, _ = demo
    fig = portfolio_gantt(plan, "en")
    bars = _traces(fig, "phase")
    assert sum(len(b.y) for b in bars) == len(plan.skus)
    order = list(fig.layout.yaxis.categoryarray)
    days = plan.skus.set_index("sku")["stockout_day"].reindex(order).fillna(math.inf).tolist()
    assert days == sorted(days)
    assert fig.layout.yaxis.autorange == "reversed"  # soonest on top
    for b in bars:
        assert b.marker.color == PHASE[b.meta["phase"]]


def test_gantt_gap_bars_are_the_projected_gaps(demo):
    plan, _ = demo
    (gaps,) = _traces(portfolio_gantt(plan, "en"), "gap")
    with_gap = plan.skus[plan.skus["stockout_day"].notna()]
    assert len(gaps.y) == len(with_gap)
    want = with_gap.set_index("sku")["gap_days"]
    got = dict(zip(gaps.y, gaps.x, strict=True))
    assert {k: v / 86_400_000 for k, v in got.items()} == pytest.approx(want.to_dict())


def test_gantt_respects_the_filtered_rows(demo):
    plan, _ = demo
    rows = plan.skus[plan.skus["sku"].str.startswith("KT-BAMBOO")]
    fig = portfolio_gantt(plan, "zh", rows)
    assert sorted(fig.layout.yaxis.categoryarray) == ["KT-BAMBOO-BOARD-L", "KT-BAMBOO-BOARD-S"]
    (arrivals,) = _traces(fig, "arrivals")
    assert set(arrivals.y) <= {"KT-BAMBOO-BOARD-L", "KT-BAMBOO-BOARD-S"}
    assert "距断货天数" in fig.layout.title.text


def test_gantt_without_rows_says_so(demo):
    plan, _ = demo
    fig = portfolio_gantt(plan, "en", plan.skus.iloc[0:0])
    assert not fig.data
    assert fig.layout.annotations[0].text == "No SKU to show"


def test_portfolio_order_puts_no_stockout_last():
    frame = pd.DataFrame(
        {
            "sku": ["a", "b", "c"],
            "stockout_day": [float("nan"), 30.0, 3.0],
            "days_of_cover": [400.0, 40.0, 5.0],
        }
    )
    assert portfolio_order(frame)["sku"].tolist() == ["c", "b", "a"]

"""Tests of inventory_core.model.matrix: placing SKUs in the WOC × ROAS matrix (seed 001)
under moved thresholds.

Known answers are worked by hand from DESIGN.md: WOC < 3 → protect stock; 3–6 (inclusive) with ROAS ≥
target → scale, below → optimise; > 6 → raise traffic / raise conversion; ≥ 52 → aged.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from inventory_core.model import formulas, matrix
from inventory_core.model.plan import compute_plan
from inventory_core.model.playbook import build_playbook
from inventory_core.model.settings import Settings
from inventory_core.store import Store

NAN = math.nan
INF = math.inf


def _frame(*rows: tuple[float, float, float], **extra: list) -> pd.DataFrame:
    data = {
        "sku": [f"SKU-{i}" for i in range(len(rows))],
        "woc": [r[0] for r in rows],
        "roas": [r[1] for r in rows],
        "target_roas": [r[2] for r in rows],
    }
    data.update(extra)
    return pd.DataFrame(data)


def _one(woc: float, roas: float, target: float, **kw: float) -> str:
    return str(matrix.place(_frame((woc, roas, target)), **kw)["strategy"].iloc[0])


# --- place: known answers ----------------------------------------------------------------------------


@pytest.mark.parametrize("roas", [0.0, 0.5, 2.0, 3.0, 10.0, NAN, INF])
def test_woc_2_protects_stock_whatever_the_roas(roas: float) -> None:
    assert _one(2.0, roas, 2.0) == "protect_stock"


def test_woc_4_roas_3_against_target_2_scales() -> None:
    assert _one(4.0, 3.0, 2.0) == "scale"


@pytest.mark.parametrize(
    ("woc", "roas", "target", "expected"),
    [
        (0.0, 5.0, 2.0, "protect_stock"),  # out of stock
        (2.99, 5.0, 2.0, "protect_stock"),
        (3.0, 2.0, 2.0, "scale"),  # 3 weeks is healthy; ROAS equal to target is at target
        (6.0, 1.99, 2.0, "optimise"),  # 6 weeks is still healthy
        (4.0, NAN, 2.0, "no_ad_data"),  # issue 17: no ad data is its own strategy (was "optimise")
        (8.0, 3.0, 2.5, "push_traffic"),  # seed 001's 8-week example
        (8.0, 1.0, 2.5, "raise_conversion"),
        (6.01, INF, 2.0, "push_traffic"),  # sales without spend beat any target
        (51.9, 1.0, 2.0, "raise_conversion"),
        (52.0, 9.0, 2.0, "aged"),
        (INF, 9.0, 2.0, "aged"),  # stock that does not sell
    ],
)
def test_place_table(woc: float, roas: float, target: float, expected: str) -> None:
    assert _one(woc, roas, target) == expected


def test_moving_the_bands_from_3_6_to_4_8() -> None:
    # By hand, ROAS 3 against target 2 (at target):
    #   WOC 3.5: healthy under 3/6 (scale) → under 4 weeks, protect stock under 4/8;
    #   WOC 5:   healthy under both (scale stays scale);
    #   WOC 7:   overstock under 3/6 (push traffic) → healthy under 4/8 (scale).
    frame = _frame((3.5, 3.0, 2.0), (5.0, 3.0, 2.0), (7.0, 3.0, 2.0))
    assert matrix.place(frame)["strategy"].tolist() == ["scale", "scale", "push_traffic"]
    moved = matrix.place(frame, risk_below=4, overstock_above=8)
    assert moved["strategy"].tolist() == ["protect_stock", "scale", "scale"]
    assert moved["woc_band"].tolist() == ["stockout_risk", "healthy", "healthy"]


def test_woc_5_moves_into_protect_stock_once_the_risk_line_passes_it() -> None:
    frame = _frame((5.0, 3.0, 2.0), (5.0, 1.0, 2.0))
    assert matrix.place(frame)["strategy"].tolist() == ["scale", "optimise"]
    assert matrix.place(frame, risk_below=6, overstock_above=10)["strategy"].tolist() == ["protect_stock"] * 2


def test_aged_line_moves_overstock_into_clearance() -> None:
    frame = _frame((30.0, 3.0, 2.0))
    assert matrix.place(frame)["strategy"].tolist() == ["push_traffic"]
    assert matrix.place(frame, aged_at=26)["strategy"].tolist() == ["aged"]


def test_stock_older_than_365_days_is_aged_whatever_the_woc() -> None:
    frame = _frame((4.0, 3.0, 2.0), (4.0, 3.0, 2.0), aged_365_plus=[12.0, NAN])
    placed = matrix.place(frame)
    assert placed["strategy"].tolist() == ["aged", "scale"]
    assert placed["woc_band"].tolist() == ["aged", "healthy"]


def test_global_target_replaces_each_skus_own() -> None:
    # ROAS 3: at its own target 2 (scale), below a global 5 (optimise).
    frame = _frame((4.0, 3.0, 2.0), strategy=["scale"])
    placed = matrix.place(frame, target_roas=5.0)
    row = placed.iloc[0]
    assert row["strategy"] == "optimise"
    assert row["plan_strategy"] == "scale"
    assert bool(row["moved"])
    assert row["target_roas"] == 5.0
    assert row["target_roas_sku"] == 2.0
    assert row["target_roas_source"] == "global"
    assert row["roas_vs_target"] == pytest.approx(0.6)


def test_roas_vs_target_and_revenue() -> None:
    frame = _frame((4.0, 3.0, 2.0), (4.0, NAN, 2.0), units_last_30=[10.0, 4.0], price=[19.99, NAN])
    placed = matrix.place(frame)
    assert placed["roas_vs_target"].iloc[0] == pytest.approx(1.5)
    assert math.isnan(placed["roas_vs_target"].iloc[1])
    assert placed["revenue"].tolist() == pytest.approx([199.9, 0.0])


def test_place_does_not_modify_its_input() -> None:
    frame = _frame((4.0, 3.0, 2.0), strategy=["scale"])
    before = frame.copy()
    matrix.place(frame, risk_below=5, overstock_above=8, target_roas=9)
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize(
    "limits",
    [
        {"risk_below": 6, "overstock_above": 3},
        {"overstock_above": 60, "aged_at": 52},
        {"risk_below": -1},
        {"aged_at": NAN},
    ],
)
def test_bad_thresholds_raise(limits: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        matrix.place(_frame((4.0, 3.0, 2.0)), **limits)


def test_bad_global_target_raises() -> None:
    with pytest.raises(ValueError, match="target_roas"):
        matrix.place(_frame((4.0, 3.0, 2.0)), target_roas=-1)


def test_nan_woc_belongs_to_no_quadrant() -> None:
    assert list(formulas.strategy_many([NAN, 4.0], [3.0, 3.0], 2.0)) == [None, "scale"]


# --- counts and selection ------------------------------------------------------------------------------


def test_quadrant_counts_list_every_strategy_in_matrix_order() -> None:
    counts = matrix.quadrant_counts(pd.DataFrame({"strategy": ["scale", "aged", "scale"]}))
    assert list(counts.index) == list(matrix.STRATEGIES)
    assert counts.to_dict() == {
        "protect_stock": 0,
        "scale": 2,
        "optimise": 0,
        "push_traffic": 0,
        "raise_conversion": 0,
        "aged": 1,
        "no_ad_data": 0,
    }


def test_quadrant_counts_of_nothing_are_zero() -> None:
    assert matrix.quadrant_counts(pd.DataFrame()).sum() == 0


def test_skus_from_a_streamlit_selection() -> None:
    # The shape of st.plotly_chart(on_select="rerun").selection.points
    points = [
        {"curve_number": 1, "point_index": 0, "x": 4.2, "y": 1.3, "customdata": ["KT-A", "US", "B0A"]},
        {"curve_number": 0, "point_index": 3, "x": 2.0, "y": 0.0, "customdata": ["KT-B", "US", "B0B"]},
        {"curve_number": 1, "point_index": 0, "customdata": ["KT-A", "US", "B0A"]},  # box + click twice
        {"curve_number": 2, "point_index": 1},  # no customdata
    ]
    assert matrix.skus_from_points(points) == ["KT-A", "KT-B"]
    assert matrix.skus_from_points(None) == []


OPTIONS = ["A", "B", "C"]


@pytest.mark.parametrize(
    ("chart", "last", "current", "default", "picks"),
    [
        ([], None, None, "B", ["B"]),  # first visit: the SKU in the URL
        ([], None, None, "GONE", []),  # ... unless the filters hide it
        (["A", "C"], [], ["B"], "", ["A", "C"]),  # a new box selection replaces the picks
        (["A", "C"], ["A", "C"], ["A"], "", ["A"]),  # same selection as before: the picker's edits stay
        ([], ["A", "C"], ["A", "C"], "", ["A", "C"]),  # figure changed, selection emptied: picks stay
        (["A", "GONE"], [], [], "", ["A"]),
        ([], [], ["C", "GONE"], "", ["C"]),
    ],
)
def test_merge_selection(chart, last, current, default, picks) -> None:
    got, new_last = matrix.merge_selection(chart, last, current, OPTIONS, default)
    assert got == picks
    assert new_last == chart


def test_reselecting_after_a_reset_counts_as_new() -> None:
    picks, last = matrix.merge_selection(["A"], [], ["B"], OPTIONS)
    assert picks == ["A"]
    picks, last = matrix.merge_selection([], last, ["B"], OPTIONS)  # threshold moved: chart emptied
    assert (picks, last) == (["B"], [])
    picks, _ = matrix.merge_selection(["A"], last, picks, OPTIONS)  # the same box again
    assert picks == ["A"]


# --- the demo database -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_plan(demo_db_master: Path, tmp_path_factory: pytest.TempPathFactory):
    copy = tmp_path_factory.mktemp("matrix") / "demo.duckdb"
    shutil.copyfile(demo_db_master, copy)
    with Store(copy) as store:
        return compute_plan(store)


def test_demo_counts_with_default_thresholds_equal_the_plan(demo_plan) -> None:
    s = demo_plan.settings
    placed = matrix.place(
        demo_plan.skus,
        risk_below=s.woc_risk_below,
        overstock_above=s.woc_overstock_above,
        aged_at=s.woc_aged_at,
    )
    counts = matrix.quadrant_counts(placed)
    assert counts[counts > 0].to_dict() == demo_plan.skus["strategy"].value_counts().to_dict()
    assert not placed["moved"].any()
    assert (placed["woc_band"] == demo_plan.skus["woc_band"]).all()


def test_demo_has_every_strategy(demo_plan) -> None:
    counts = matrix.quadrant_counts(matrix.place(demo_plan.skus))
    # every SKU of the demo advertises: the "no ad data" strategy stays empty there
    assert (counts.drop("no_ad_data") > 0).all(), counts.to_dict()


def _first(plan, strategy: str) -> pd.Series:
    rows = plan.skus[plan.skus["strategy"] == strategy].sort_values("sku")
    assert not rows.empty, f"the demo has no {strategy} SKU"
    return rows.iloc[0]


def test_selection_table_has_the_picked_skus_and_their_strategy_line(demo_plan) -> None:
    protect, optimise = _first(demo_plan, "protect_stock"), _first(demo_plan, "optimise")
    placed = matrix.place(demo_plan.skus)
    table = matrix.selection_table(placed, [optimise["sku"], protect["sku"]], "en", Settings())
    assert table.columns.tolist() == matrix.SELECTION_COLUMNS
    # Matrix order: protect stock first, then optimise.
    assert table["sku"].tolist() == [protect["sku"], optimise["sku"]]
    assert table["strategy_label"].tolist() == ["Protect stock", "Optimise"]
    line = [a.text for a in build_playbook(optimise, "en", settings=Settings()) if a.area == "strategy"]
    assert table["action"].iloc[1] == line[0]
    assert f"{optimise['roas']:.2f}" in line[0]
    assert f"{optimise['target_roas']:.2f}" in line[0]
    assert table["roas_vs_target"].iloc[1] == pytest.approx(optimise["roas"] / optimise["target_roas"])


def test_selection_table_in_chinese_and_with_moved_thresholds(demo_plan) -> None:
    healthy = (
        demo_plan.skus[demo_plan.skus["strategy"].isin(["scale", "optimise"])].sort_values("woc").iloc[0]
    )
    risk = float(healthy["woc"]) + 0.5  # the risk line passes the healthiest-looking SKU's WOC
    over = max(risk, 8.0)
    placed = matrix.place(demo_plan.skus, risk_below=risk, overstock_above=over)
    used = Settings().with_changes(woc_risk_below=risk, woc_overstock_above=over)
    table = matrix.selection_table(placed, [healthy["sku"]], "zh", used)
    assert table["strategy_label"].tolist() == ["保库存"]
    assert f"< {risk:g}" in table["action"].iloc[0]


def test_selection_of_nothing_is_an_empty_table(demo_plan) -> None:
    table = matrix.selection_table(matrix.place(demo_plan.skus), [], "en", Settings())
    assert table.empty
    assert table.columns.tolist() == matrix.SELECTION_COLUMNS


def test_aged_value_example_375_units_at_27_99_cost_8_20() -> None:
    # 375 units × $27.99 = $10,496.25 at price; × $8.20 = $3,075.00 at cost. 10 units at $5, cost unknown.
    frame = _frame(
        (60.0, 2.8, 1.4),
        (4.0, 3.0, 2.0),
        (INF, NAN, 3.0),
        available=[375.0, 100.0, 10.0],
        price=[27.99, 10.0, 5.0],
        unit_cost=[8.2, 3.0, NAN],
        currency=["USD"] * 3,
    )
    aged = matrix.aged_table(matrix.place(frame), "en", Settings())
    assert aged["sku"].tolist() == ["SKU-0", "SKU-2"]  # biggest value first; the 4-week SKU is not aged
    assert aged["value_at_price"].tolist() == pytest.approx([10496.25, 50.0])
    assert aged["value_at_cost"].iloc[0] == pytest.approx(3075.0)
    assert math.isnan(aged["value_at_cost"].iloc[1])
    assert math.isnan(aged["woc"].iloc[1])  # infinite WOC is shown blank; the note spells it out
    assert "∞" in aged["note"].iloc[1]
    totals = matrix.aged_totals(aged).to_dict("records")
    assert totals == [
        {
            "currency": "USD",
            "skus": 2,
            "units": 385.0,
            "value_at_price": pytest.approx(10546.25),
            "value_at_cost": pytest.approx(3075.0),
            "with_cost": 1,
        }
    ]


def test_demo_aged_table_lists_the_aged_skus_with_their_clearance_note(demo_plan) -> None:
    aged = matrix.aged_table(matrix.place(demo_plan.skus), "en", Settings())
    want = demo_plan.skus[demo_plan.skus["strategy"] == "aged"]
    assert sorted(aged["sku"]) == sorted(want["sku"])
    assert aged["value_at_price"].is_monotonic_decreasing
    expected = (want["available"] * want["price"]).sum()
    assert aged["value_at_price"].sum() == pytest.approx(expected)
    assert aged["note"].str.contains("clear").all()


def test_aged_table_without_aged_stock_is_empty() -> None:
    placed = matrix.place(_frame((4.0, 3.0, 2.0)))
    assert matrix.aged_table(placed, "en", Settings()).empty
    assert matrix.aged_totals(matrix.aged_table(placed, "en", Settings())).empty


def test_every_matrix_message_has_both_languages_with_the_same_placeholders() -> None:
    import string

    from inventory_core.i18n._page_matrix import MESSAGES

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, entry in MESSAGES.items():
        assert key.startswith("matrix.")
        assert set(entry) == {"en", "zh"}, key
        assert fields(entry["en"]) == fields(entry["zh"]), key

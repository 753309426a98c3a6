"""Tests of the WOC × ROAS matrix figure: traces per strategy, band and target lines, caps, labels."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from inventory_core.model import matrix
from inventory_core.views.charts.matrix import (
    MARKER_MAX,
    MARKER_MIN,
    SYMBOL_CAPPED,
    SYMBOL_NO_ADS,
    SYMBOL_PLAIN,
    axis_caps,
    matrix_figure,
    matrix_points,
)
from inventory_core.views.charts.palette import STRATEGY

NAN = math.nan

# One SKU per quadrant plus the cases the axes must handle (sizes: spend; revenue = units × price).
ROWS = [
    # sku, woc, roas, target, spend, units_last_30, price
    ("PROTECT", 2.0, 3.0, 2.0, 100.0, 10.0, 10.0),  # protect stock
    ("SCALE", 4.0, 3.0, 2.0, 400.0, 10.0, 10.0),  # scale
    ("OPTIMISE", 5.0, 1.0, 2.0, 50.0, 40.0, 10.0),  # optimise
    ("TRAFFIC", 8.0, 3.0, 2.0, 200.0, 10.0, 10.0),  # raise traffic
    ("CONVERT", 30.0, 1.0, 2.0, 0.0, 10.0, 10.0),  # raise conversion, beyond the 18-week axis
    (
        "NOADS",
        5.0,
        NAN,
        2.0,
        0.0,
        10.0,
        10.0,
    ),  # no ad data (issue 17: its own strategy, was optimise) → ✕ at 0
    ("HIGH", 4.5, 40.0, 2.0, 100.0, 10.0, 10.0),  # ROAS 20 × target: off the top
    ("AGED", 60.0, 3.0, 2.0, 100.0, 10.0, 10.0),  # aged: not plotted
]


def _placed(**kw: float | None) -> pd.DataFrame:
    frame = pd.DataFrame(
        ROWS, columns=["sku", "woc", "roas", "target_roas", "spend", "units_last_30", "price"]
    )
    frame["asin"] = "B0" + frame["sku"]
    frame["marketplace"] = "US"
    frame["currency"] = "USD"
    return matrix.place(frame, **kw)  # type: ignore[arg-type]


def _fig(placed: pd.DataFrame | None = None, **kw):
    args = {
        "risk_below": 3.0,
        "overstock_above": 6.0,
        "target_roas_line": None,
        "size_by": "spend",
        "lang": "en",
    }
    args.update(kw)
    return matrix_figure(_placed() if placed is None else placed, **args)


def _points(fig) -> dict[str, dict]:
    out = {}
    for trace in fig.data:
        for i, custom in enumerate(trace.customdata):
            out[custom[0]] = {
                "x": trace.x[i],
                "y": trace.y[i],
                "symbol": trace.marker.symbol[i],
                "size": trace.marker.size[i],
                "trace": trace.name,
                "custom": list(custom),
            }
    return out


def test_one_trace_per_strategy_in_matrix_order_with_the_palette() -> None:
    fig = _fig()
    assert [t.name for t in fig.data] == [
        "Protect stock",
        "Scale",
        "Optimise",
        "Raise traffic",
        "Raise conversion",
        "No ad data",
    ]
    assert [t.marker.color for t in fig.data] == [
        STRATEGY[s] for s in (*matrix.MATRIX_STRATEGIES, "no_ad_data")
    ]
    assert all(t.mode == "markers" for t in fig.data)


def test_aged_skus_are_not_plotted() -> None:
    points = _points(_fig())
    assert "AGED" not in points
    assert len(points) == len(ROWS) - 1


def test_customdata_carries_the_sku_for_selections() -> None:
    points = _points(_fig())
    assert points["SCALE"]["custom"][:3] == ["SCALE", "US", "B0SCALE"]
    assert points["SCALE"]["custom"][3:7] == ["4.0", "3.00", "2.00", "$400.00"]
    hover = _fig().data[0].hovertemplate
    assert all(word in hover for word in ("WOC", "ROAS", "Target ROAS", "Ad spend"))


def test_band_lines_zones_and_the_target_line_at_one_with_per_sku_targets() -> None:
    fig = _fig()
    lines = {s.name: s for s in fig.layout.shapes if s.type == "line"}
    assert set(lines) == {"band_risk", "band_overstock", "target"}
    assert (lines["band_risk"].x0, lines["band_risk"].x1) == (3.0, 3.0)
    assert (lines["band_overstock"].x0, lines["band_overstock"].x1) == (6.0, 6.0)
    # The target line starts at the risk line: under 3 weeks the ROAS does not matter.
    assert (lines["target"].x0, lines["target"].x1, lines["target"].y0) == (3.0, 18.0, 1.0)
    zones = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(z.x0, z.x1) for z in zones] == [(0.0, 3.0), (3.0, 6.0), (6.0, 18.0)]
    assert fig.layout.yaxis.title.text == "ROAS ÷ own target (1 = on target)"


def test_per_sku_mode_plots_roas_over_the_skus_own_target() -> None:
    points = _points(_fig())
    assert points["SCALE"]["y"] == pytest.approx(1.5)  # 3 ÷ 2
    assert points["OPTIMISE"]["y"] == pytest.approx(0.5)


def test_global_target_plots_raw_roas_with_the_line_at_the_target() -> None:
    placed = _placed(target_roas=2.5)
    fig = _fig(placed, target_roas_line=2.5)
    target = next(s for s in fig.layout.shapes if s.name == "target")
    assert target.y0 == target.y1 == 2.5
    points = _points(fig)
    assert points["SCALE"]["y"] == pytest.approx(3.0)
    assert points["SCALE"]["trace"] == "Scale"  # 3 ≥ 2.5
    assert points["OPTIMISE"]["trace"] == "Optimise"
    assert fig.layout.yaxis.title.text == "ROAS (ad sales ÷ ad spend)"
    assert any(a.text == "target ROAS 2.50" for a in fig.layout.annotations)


def test_capped_points_sit_at_the_edge_as_diamonds_and_no_ad_data_at_zero_as_x() -> None:
    points = _points(_fig())
    x_cap, y_cap = axis_caps(6.0, 1.0)
    assert (x_cap, y_cap) == (18.0, 4.0)
    assert points["CONVERT"]["x"] == 18.0
    assert points["CONVERT"]["symbol"] == SYMBOL_CAPPED
    assert points["CONVERT"]["custom"][3] == "30.0"  # hover keeps the real WOC
    assert points["HIGH"]["y"] == 4.0
    assert points["HIGH"]["symbol"] == SYMBOL_CAPPED
    assert points["HIGH"]["custom"][4] == "40.00"
    assert points["NOADS"]["y"] == 0.0
    assert points["NOADS"]["symbol"] == SYMBOL_NO_ADS
    assert points["NOADS"]["custom"][4] == "no ad data"
    assert points["SCALE"]["symbol"] == SYMBOL_PLAIN


def test_matrix_points_flags() -> None:
    pts = matrix_points(_placed(), overstock_above=6.0, target_roas_line=None).set_index("sku")
    assert pts.loc["CONVERT", "capped"]
    assert not pts.loc["CONVERT", "no_ads"]
    assert pts.loc["NOADS", "no_ads"]
    assert not pts.loc["NOADS", "capped"]
    assert "AGED" not in pts.index


def test_bubble_size_by_spend_or_revenue() -> None:
    by_spend, by_revenue = _points(_fig(size_by="spend")), _points(_fig(size_by="revenue"))
    assert by_spend["SCALE"]["size"] == pytest.approx(MARKER_MAX)  # biggest spend, $400
    assert by_spend["CONVERT"]["size"] == pytest.approx(MARKER_MIN)  # no spend
    assert by_revenue["OPTIMISE"]["size"] == pytest.approx(MARKER_MAX)  # 40 units × $10
    # Area ∝ value: $100 is a quarter of $400, so the diameter is half way along the √ scale.
    assert by_spend["PROTECT"]["size"] == pytest.approx(MARKER_MIN + (MARKER_MAX - MARKER_MIN) * 0.5)


def test_quadrant_labels_in_both_languages() -> None:
    names = {a.name: a.text for a in _fig().layout.annotations}
    assert {k for k in names if k.startswith("quadrant_")} == {
        f"quadrant_{s}" for s in matrix.MATRIX_STRATEGIES
    }
    assert names["quadrant_scale"] == "<b>Scale</b>"
    zh = _fig(lang="zh")
    zh_names = {a.name: a.text for a in zh.layout.annotations}
    assert zh_names["quadrant_scale"] == "<b>放量</b>"
    assert zh_names["quadrant_protect_stock"] == "<b>保库存</b>"
    assert zh.layout.title.text == "库存管理广告分析矩阵（WOC × ROAS）"
    assert "库存周转周数" in zh.layout.xaxis.title.text
    assert "广告花费" in zh.data[0].hovertemplate


def test_moved_bands_move_the_lines_and_the_axis() -> None:
    placed = _placed(risk_below=4.0, overstock_above=8.0)
    fig = _fig(placed, risk_below=4.0, overstock_above=8.0)
    lines = {s.name: s.x0 for s in fig.layout.shapes if s.type == "line"}
    assert lines == {"band_risk": 4.0, "band_overstock": 8.0, "target": 4.0}
    assert fig.layout.xaxis.range[1] == pytest.approx(24.0 * 1.03)
    assert _points(fig)["TRAFFIC"]["trace"] == "Scale"  # 8 weeks is healthy under 4/8


def test_nothing_to_plot_still_draws_the_matrix() -> None:
    fig = _fig(_placed().iloc[0:0])
    assert len(fig.data) == 0
    assert len([s for s in fig.layout.shapes if s.type == "line"]) == 3
    assert len([a for a in fig.layout.annotations if a.name.startswith("quadrant_")]) == 5


def test_unknown_size_raises() -> None:
    with pytest.raises(ValueError, match="size_by"):
        _fig(size_by="units")


@pytest.mark.parametrize("kw", [{}, {"target_roas_line": 2.0, "size_by": "revenue", "lang": "zh"}])
def test_the_unvalidated_figure_is_valid_plotly(kw) -> None:
    """The figure is built without plotly's per-property validation (speed); plotly's validating
    constructor must accept exactly the same figure."""
    import plotly.graph_objects as go

    fig = _fig(**kw)
    spec = fig.to_dict()
    checked = go.Figure(spec)  # raises on any invalid property or value
    assert len(checked.layout.shapes) == 6
    assert len(checked.layout.annotations) == 6
    assert json.loads(checked.to_json()) == json.loads(fig.to_json())  # validation changed nothing

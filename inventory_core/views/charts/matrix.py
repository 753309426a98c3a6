"""The WOC × ROAS matrix scatter (seed 001 "库存管理广告分析矩阵").

Reading choices, made for a seller in a weekly meeting:

* **x = weeks of cover on a capped linear axis.** Weeks are read as weeks (a log axis would squeeze the
  3–6 week healthy band between unfamiliar gridlines, and 0 weeks — out of stock — has no place on it).
  The axis ends at ``WOC_CAP_FACTOR`` × the overstock line (18 weeks by default); SKUs beyond it are drawn
  at the edge as a diamond and the hover gives the real WOC. Aged SKUs (WOC ≥ the aged line or stock
  older than 365 days) are *not* plotted: seed 001 keeps them outside the matrix, so the page lists them
  apart with their value and the clearance note.
* **y = ROAS ÷ own target with the line at 1.0 when each SKU has its own target** (break-even 1 ÷ margin
  differs per SKU, so one horizontal ROAS line would put points on the wrong side of their own target);
  "above the line = at or above target" then holds for every point, and the hover shows the raw ROAS and
  the target. With one global target the axis is the plain ROAS and the line is that target.
  The axis is capped at ``ROAS_CAP_FACTOR`` × the line (diamond at the edge beyond it); no ad data
  (NaN ROAS) sits at 0 as an ✕ — the strategy counts it as below target.
* Bubble area ∝ spend or revenue; colour = strategy (palette ``STRATEGY``); the band zones are shaded in
  the WOC band colours; each quadrant carries its translated strategy name.
* ``customdata[0]`` is the SKU (``customdata[1]`` the marketplace) so a box/lasso selection maps back to
  SKUs (:func:`inventory_core.model.matrix.skus_from_points`).
"""

from __future__ import annotations

import copy
import functools
import math
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from inventory_core.formatting import money, number
from inventory_core.i18n import t
from inventory_core.labels import strategy_label
from inventory_core.model.matrix import MATRIX_STRATEGIES
from inventory_core.views.charts.palette import STRATEGY, WOC_BAND

__all__ = ["ROAS_CAP_FACTOR", "WOC_CAP_FACTOR", "axis_caps", "matrix_figure", "matrix_points"]

# The five quadrants, then the SKUs with stock but no ROAS (no ads, or no spend): drawn as ✕ on the WOC axis.
PLOTTED = (*MATRIX_STRATEGIES, "no_ad_data")

WOC_CAP_FACTOR = 3.0  # x axis ends at 3 × the overstock line: 18 weeks with the seed's 6
ROAS_CAP_FACTOR = 4.0  # y axis ends at 4 × the target line
MARKER_MIN, MARKER_MAX = 9.0, 46.0  # bubble diameters in px
SYMBOL_PLAIN, SYMBOL_CAPPED, SYMBOL_NO_ADS = "circle", "diamond", "x"
ZONE_OPACITY = 0.07

SizeBy = Literal["spend", "revenue"]


@functools.cache
def _template_json(name: str) -> dict[str, Any]:
    return pio.templates[name].to_plotly_json()


def _default_template() -> dict[str, Any]:
    """Plotly's current default template as plain data (a copy: the figure may be changed by its user)."""
    return copy.deepcopy(_template_json(pio.templates.default))


def axis_caps(overstock_above: float, target_line: float) -> tuple[float, float]:
    """Display caps ``(x_cap, y_cap)``: ``WOC_CAP_FACTOR`` × the overstock line (at least 3 weeks past it)
    and ``ROAS_CAP_FACTOR`` × the target line.

    >>> axis_caps(6, 1.0)
    (18.0, 4.0)
    """
    x_cap = max(WOC_CAP_FACTOR * float(overstock_above), float(overstock_above) + 3.0)
    line = float(target_line) if target_line > 0 else 1.0
    return x_cap, ROAS_CAP_FACTOR * line


def matrix_points(
    frame: pd.DataFrame, *, overstock_above: float, target_roas_line: float | None
) -> pd.DataFrame:
    """Where each plotted SKU goes: ``x``, ``y``, ``capped`` (drawn at an axis edge), ``no_ads`` (NaN ROAS,
    drawn at 0). Aged SKUs and SKUs without a WOC are left out.

    With ``target_roas_line=None`` y is ROAS ÷ the SKU's target (``roas_vs_target`` when present);
    with a number, y is the plain ROAS.
    """
    if frame.empty or "strategy" not in frame.columns:
        return frame.iloc[0:0].assign(x=[], y=[], capped=[], no_ads=[])
    rows = frame[frame["strategy"].isin(PLOTTED)].copy()
    line = 1.0 if target_roas_line is None else float(target_roas_line)
    x_cap, y_cap = axis_caps(overstock_above, line)
    woc = pd.to_numeric(rows["woc"], errors="coerce").astype(float).to_numpy()
    roas = pd.to_numeric(rows["roas"], errors="coerce").astype(float).to_numpy()
    if target_roas_line is None:
        if "roas_vs_target" in rows.columns:
            y_raw = pd.to_numeric(rows["roas_vs_target"], errors="coerce").astype(float).to_numpy()
        else:
            target = pd.to_numeric(rows["target_roas"], errors="coerce").astype(float).to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                y_raw = np.where(
                    target > 0, roas / np.where(target > 0, target, 1.0), np.where(roas > 0, np.inf, np.nan)
                )
    else:
        y_raw = roas
    no_ads = np.isnan(y_raw)
    rows["x"] = np.minimum(woc, x_cap)
    rows["y"] = np.where(no_ads, 0.0, np.minimum(y_raw, y_cap))
    rows["capped"] = (woc > x_cap) | (~no_ads & (y_raw > y_cap))
    rows["no_ads"] = no_ads
    return rows


def _sizes(values: pd.Series, vmax: float) -> np.ndarray:
    v = pd.to_numeric(values, errors="coerce").astype(float).fillna(0.0).clip(lower=0).to_numpy()
    if vmax <= 0 or not math.isfinite(vmax):
        return np.full(v.shape, MARKER_MIN)
    return MARKER_MIN + (MARKER_MAX - MARKER_MIN) * np.sqrt(np.minimum(v, vmax) / vmax)


def _fmt_roas(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return "∞" if math.isinf(x) else f"{x:.2f}"


def _text_col(rows: pd.DataFrame, name: str) -> list[str]:
    if name not in rows.columns:
        return [""] * len(rows)
    return rows[name].astype("string").fillna("").to_numpy(dtype=object).tolist()


def matrix_figure(
    frame: pd.DataFrame,
    *,
    risk_below: float,
    overstock_above: float,
    target_roas_line: float | None,
    size_by: SizeBy = "spend",
    lang: str = "en",
) -> go.Figure:
    """The WOC × ROAS scatter with the band lines, the target line, shaded zones and quadrant labels.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`inventory_core.model.matrix.place` (``sku, asin, marketplace, woc, roas, target_roas,
        roas_vs_target, strategy, spend, revenue, currency``). Aged SKUs are not plotted.
    risk_below, overstock_above : float
        The WOC band lines (weeks), drawn vertically.
    target_roas_line : float or None
        One global target ROAS: y is ROAS and the horizontal line sits at it. ``None`` (per-SKU targets):
        y is ROAS ÷ the SKU's own target and the line sits at 1.0.
    size_by : {"spend", "revenue"}
        Bubble area ∝ ad spend in the ROAS window, or units of the last 30 days × price.
    lang : {"en", "zh"}

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per strategy present (matrix order); shapes: 3 shaded zones, 2 vertical band
        lines, 1 target line; annotations: 5 quadrant labels and the target-line label.
    """
    if size_by not in ("spend", "revenue"):
        raise ValueError(f"size_by must be 'spend' or 'revenue', got {size_by!r}.")
    line = 1.0 if target_roas_line is None else float(target_roas_line)
    x_cap, y_cap = axis_caps(overstock_above, line)
    pts = matrix_points(frame, overstock_above=overstock_above, target_roas_line=target_roas_line)
    size_col = pts[size_by] if size_by in pts.columns else pd.Series(0.0, index=pts.index)
    vmax = float(pd.to_numeric(size_col, errors="coerce").max()) if len(pts) else 0.0
    y_top = max(2.0 * line, min(y_cap, float(pts["y"].max()) * 1.08 if len(pts) else 0.0))

    traces = []
    hover = (
        "<br>".join(
            [
                "<b>%{customdata[0]}</b> · %{customdata[2]}",
                t("matrix.hover.strategy", lang) + ": %{customdata[7]}",
                t("matrix.hover.woc", lang) + ": %{customdata[3]}",
                t("matrix.hover.roas", lang) + ": %{customdata[4]}",
                t("matrix.hover.target", lang) + ": %{customdata[5]}",
                t("matrix.hover.spend", lang) + ": %{customdata[6]}",
            ]
        )
        + "<extra></extra>"
    )
    no_ads_text = t("matrix.hover.no_ads", lang)
    for name in PLOTTED:
        # Plain circles first: the legend shows a trace's first marker symbol.
        rows = pts[pts["strategy"] == name].sort_values(["no_ads", "capped"], kind="stable")
        if rows.empty:
            continue
        label = strategy_label(name, lang)
        currency = rows["currency"] if "currency" in rows.columns else pd.Series("USD", index=rows.index)
        custom = np.column_stack(
            [
                _text_col(rows, "sku"),
                _text_col(rows, "marketplace"),
                _text_col(rows, "asin"),
                [number(w, 1) for w in rows["woc"].astype(float)],
                [
                    no_ads_text if na else _fmt_roas(r)
                    for r, na in zip(rows["roas"].astype(float), rows["no_ads"], strict=True)
                ],
                [_fmt_roas(x) for x in rows["target_roas"].astype(float)],
                [
                    money(s if pd.notna(s) else 0.0, c if isinstance(c, str) else None)
                    for s, c in zip(
                        rows["spend"].astype(float) if "spend" in rows.columns else [0.0] * len(rows),
                        currency,
                        strict=True,
                    )
                ],
                [label] * len(rows),
            ]
        )
        symbols = np.where(
            rows["no_ads"], SYMBOL_NO_ADS, np.where(rows["capped"], SYMBOL_CAPPED, SYMBOL_PLAIN)
        )
        traces.append(
            {
                "type": "scatter",
                "x": rows["x"].to_numpy(),
                "y": rows["y"].to_numpy(),
                "mode": "markers",
                "name": label,
                "legendgroup": name,
                "customdata": custom,
                "hovertemplate": hover,
                "marker": {
                    "size": _sizes(size_col.loc[rows.index], vmax),
                    "color": STRATEGY[name],
                    "symbol": symbols,
                    "opacity": 0.85,
                    "line": {"width": 1, "color": "white"},
                },
            }
        )
    # Zones and lines: WOC < risk is "protect stock whatever the ROAS", so the target line starts at it.
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "x0": x0,
            "x1": x1,
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "fillcolor": WOC_BAND[band],
            "opacity": ZONE_OPACITY,
            "line": {"width": 0},
            "layer": "below",
            "name": f"zone_{band}",
        }
        for x0, x1, band in (
            (0.0, risk_below, "stockout_risk"),
            (risk_below, overstock_above, "healthy"),
            (overstock_above, x_cap, "overstock"),
        )
    ]
    shapes += [
        {
            "type": "line",
            "x0": x,
            "x1": x,
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "name": f"band_{key}",
            "line": {"color": "#374151", "width": 1.5, "dash": "dash"},
        }
        for x, key in ((risk_below, "risk"), (overstock_above, "overstock"))
    ]
    shapes.append(
        {
            "type": "line",
            "x0": risk_below,
            "x1": x_cap,
            "y0": line,
            "y1": line,
            "name": "target",
            "line": {"color": "#374151", "width": 1.5, "dash": "dot"},
        }
    )

    target_text = (
        t("matrix.chart.target_own", lang)
        if target_roas_line is None
        else t("matrix.chart.target_global", lang, target=f"{line:.2f}")
    )
    annotations: list[dict[str, Any]] = [
        {
            "x": x_cap,
            "y": line,
            "text": target_text,
            "showarrow": False,
            "xanchor": "right",
            "yanchor": "bottom",
            "font": {"size": 11, "color": "#374151"},
            "name": "target_label",
        }
    ]
    # Quadrant names sit at the top and bottom edges of the plot area (clear of the bubbles in the middle).
    mid_healthy, mid_over = (risk_below + overstock_above) / 2, (overstock_above + x_cap) / 2
    quadrants = (
        ("protect_stock", risk_below / 2, 1.0, "top"),
        ("scale", mid_healthy, 1.0, "top"),
        ("optimise", mid_healthy, 0.0, "bottom"),
        ("push_traffic", mid_over, 1.0, "top"),
        ("raise_conversion", mid_over, 0.0, "bottom"),
    )
    annotations += [
        {
            "x": x,
            "y": y,
            "yref": "paper",
            "text": f"<b>{strategy_label(quadrant, lang)}</b>",
            "showarrow": False,
            "yanchor": anchor,
            "font": {"size": 14, "color": STRATEGY[quadrant]},
            "bgcolor": "rgba(255,255,255,0.75)",
            "name": f"quadrant_{quadrant}",
        }
        for quadrant, x, y, anchor in quadrants
    ]

    y_title = "matrix.chart.y_ratio" if target_roas_line is None else "matrix.chart.y_roas"
    layout = {
        "title": {"text": t("matrix.chart.title", lang)},
        "xaxis": {
            "title": {"text": t("matrix.chart.x", lang, cap=f"{x_cap:g}")},
            "range": [-0.3, x_cap * 1.03],
            "zeroline": False,
        },
        "yaxis": {
            "title": {"text": t(y_title, lang)},
            "range": [-0.1 * y_top, y_top * 1.15],
            "zeroline": False,
        },
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "title": {"text": ""},
        },
        "dragmode": "select",
        "height": 560,
        "margin": {"t": 90, "l": 60, "r": 20, "b": 60},
        "hoverlabel": {"align": "left"},
        "shapes": shapes,
        "annotations": annotations,
        # what plotly's validating constructor adds: the default template (Streamlit's theme builds on it)
        "template": _default_template(),
    }
    # One Figure from plain dicts, not validated: plotly's per-property validation of thousands of points
    # was most of a rerun on a large catalogue. tests/test_charts_matrix.py validates the same dicts instead.
    return go.Figure(data=traces, layout=layout, _validate=False)

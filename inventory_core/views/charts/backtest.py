"""Back-test charts: the policies' trade-off (stockout days against average stock) and one SKU's simulated
stock beside the real one. Plotly figures from plain dicts; texts from the translation table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from inventory_core.i18n import t

POLICY_COLOUR = {
    "radar": "#2563eb",
    "amazon_30d": "#f59e0b",
    "average_30d": "#9ca3af",
    "blend_50_30_20": "#a855f7",
    "ets": "#16a34a",
}
REAL_COLOUR = "#111827"


def policy_label(policy: str, lang: str = "en") -> str:
    """``radar`` → "Stockout Radar (this plan)"; ``radar@1.5x`` → "…, safety days × 1.5"."""
    if "@" in policy:
        base, factor = policy.split("@", 1)
        return t("backtest.policy.variant", lang, policy=policy_label(base, lang), factor=factor.rstrip("x"))
    return t(f"backtest.policy.{policy}", lang)


def tradeoff_figure(summary: pd.DataFrame, lang: str = "en") -> go.Figure:
    """One point per policy (x = average stock on hand, y = stockout days); ``radar@…`` rows, the plan under
    other safety days, drawn as a curve through ``radar``."""
    fig = go.Figure()
    curve = summary[summary["policy"].str.startswith("radar")].sort_values("avg_on_hand_units")
    if len(curve) > 1:
        fig.add_trace(
            go.Scatter(
                x=curve["avg_on_hand_units"],
                y=curve["stockout_days"],
                mode="lines+markers",
                name=t("backtest.chart.curve", lang),
                line={"color": POLICY_COLOUR["radar"], "dash": "dot"},
                text=[policy_label(p, lang) for p in curve["policy"]],
                hoverinfo="text+x+y",
            )
        )
    for row in summary[~summary["policy"].str.contains("@")].itertuples(index=False):
        fig.add_trace(
            go.Scatter(
                x=[row.avg_on_hand_units],
                y=[row.stockout_days],
                mode="markers+text",
                name=policy_label(row.policy, lang),
                text=[policy_label(row.policy, lang)],
                textposition="top center",
                marker={"size": 14, "color": POLICY_COLOUR.get(row.policy, "#6b7280")},
            )
        )
    fig.update_layout(
        title=t("backtest.chart.title", lang),
        xaxis_title=t("backtest.chart.x", lang),
        yaxis_title=t("backtest.chart.y", lang),
        height=440,
        margin={"t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def stock_figure(
    dates: list, stock: dict[str, np.ndarray], real: np.ndarray, sku: str, lang: str = "en"
) -> go.Figure:
    """One SKU: the real available stock and each policy's simulated end-of-day stock over the replay."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=np.asarray(real, dtype=float).tolist(),
            mode="lines",
            name=t("backtest.chart.real", lang),
            line={"color": REAL_COLOUR, "width": 3},
        )
    )
    for policy, values in stock.items():
        fig.add_trace(
            go.Scatter(
                x=dates,
                y=np.asarray(values, dtype=float).tolist(),
                mode="lines",
                name=policy_label(policy, lang),
                line={"color": POLICY_COLOUR.get(policy.split("@")[0], "#6b7280"), "width": 1.5},
            )
        )
    fig.update_layout(
        title=t("backtest.chart.stock_title", lang, sku=sku),
        yaxis_title=t("backtest.chart.units", lang),
        height=380,
        margin={"t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig

"""The ad-budget chart: budget against target units, the upper and expected lines, the target and the
supply cap.

The budget is linear in the target (seed 001: units ÷ CVR × CPC [× ad share]), so two straight lines
carry the whole calculator: the upper one if every order came from ads, the expected one × the ad-order
share. The current target is marked on both; the supply cap is a dashed vertical line, and the units
beyond it are shaded: ad money there buys clicks on stock that will not be there.
"""

from __future__ import annotations

import plotly.graph_objects as go

from inventory_core.formatting import money, number
from inventory_core.i18n import t
from inventory_core.model.budget import budget_curve
from inventory_core.views.charts.palette import ALERT, OWN, STOCKOUT_SHADE

__all__ = ["LOWER_COLOUR", "UPPER_COLOUR", "budget_figure"]

UPPER_COLOUR = OWN
LOWER_COLOUR = "#60a5fa"
CAP_COLOUR = ALERT["reorder"]


def budget_figure(
    target_units: float,
    cvr: float,
    cpc: float,
    ad_order_share: float,
    *,
    cap: float | None = None,
    lang: str = "en",
    currency: str | None = "USD",
) -> go.Figure:
    """Budget (y) by target units (x): upper and expected lines, the target marked, the cap dashed.

    The x axis runs to 1.5 × the larger of the target and the cap, so both are always in view.
    Traces: upper line, expected line, target markers (3); the cap is a shape, not a trace.
    """
    span = max(float(target_units), float(cap or 0.0), 1.0) * 1.5
    curve = budget_curve(span, cvr, cpc, ad_order_share)
    upper_name = t("budget.chart_upper", lang)
    lower_name = t("budget.chart_lower", lang)
    hover = "%{x:,.0f} → %{customdata}<extra>%{fullData.name}</extra>"
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=curve["units"],
            y=curve["upper"],
            mode="lines",
            name=upper_name,
            line={"color": UPPER_COLOUR, "width": 3},
            customdata=[money(v, currency, lang) for v in curve["upper"]],
            hovertemplate=hover,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=curve["units"],
            y=curve["lower"],
            mode="lines",
            name=lower_name,
            line={"color": LOWER_COLOUR, "width": 3, "dash": "dot"},
            customdata=[money(v, currency, lang) for v in curve["lower"]],
            hovertemplate=hover,
        )
    )
    per_unit_upper = cpc / cvr
    target_y = [target_units * per_unit_upper, target_units * per_unit_upper * ad_order_share]
    fig.add_trace(
        go.Scatter(
            x=[target_units, target_units],
            y=target_y,
            mode="markers+text",
            name=t("budget.chart_target", lang),
            marker={
                "size": 12,
                "color": [UPPER_COLOUR, LOWER_COLOUR],
                "line": {"color": "white", "width": 2},
            },
            text=[money(v, currency, lang) for v in target_y],
            textposition="top left",
            customdata=[money(v, currency, lang) for v in target_y],
            hovertemplate=hover,
        )
    )
    if cap is not None:
        fig.add_vrect(x0=cap, x1=span, fillcolor=STOCKOUT_SHADE, line_width=0, layer="below")
        fig.add_vline(
            x=cap,
            line={"color": CAP_COLOUR, "dash": "dash", "width": 2},
            annotation_text=t("budget.chart_cap", lang, units=number(cap)),
            annotation_position="top right",
        )
    fig.update_layout(
        title=t("budget.chart_title", lang),
        xaxis_title=t("budget.chart_x", lang),
        yaxis_title=t("budget.chart_y", lang, currency=currency or ""),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        height=380,
        hovermode="closest",
    )
    fig.update_xaxes(rangemode="tozero")
    fig.update_yaxes(rangemode="tozero", tickformat=",.0f")
    return fig

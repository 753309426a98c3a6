"""Days of cover per SKU against the restock lines (seed 000's sheet as a picture).

One horizontal bar per SKU, coloured by alert level (palette ``ALERT``), most urgent at the top; a hollow
marker shows the cover including inbound; dashed lines at the reorder (red) and urgent (yellow) lines.
Cover is drawn up to ``COVER_CAP_FACTOR`` × the reorder line (SKUs with more, or with no sales, sit at the
edge); the hover gives the real figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from inventory_core.formatting import number
from inventory_core.i18n import t
from inventory_core.labels import alert_label
from inventory_core.views.charts.palette import ALERT
from inventory_core.views.restock import ALERT_ORDER

__all__ = ["COVER_CAP_FACTOR", "cover_figure"]

COVER_CAP_FACTOR = 2.0  # axis ends at 2 × the reorder line: 150 days with the seed's 75


def _capped(values: pd.Series, cap: float) -> np.ndarray:
    arr = np.asarray(pd.to_numeric(values, errors="coerce").fillna(0.0), dtype=float)
    return np.minimum(np.where(np.isfinite(arr), arr, cap), cap)


def cover_figure(
    sheet: pd.DataFrame, *, reorder_days: float, urgent_days: float, lang: str = "en", max_bars: int = 40
) -> go.Figure:
    """Bars of days of cover (one trace per alert level present), a marker trace for cover incl. inbound,
    and the two threshold lines (shapes). Only the first ``max_bars`` rows of the (most urgent first)
    sheet are drawn: a bar per SKU of a 2,000-SKU catalogue is unreadable; the table lists them all."""
    cap = max(COVER_CAP_FACTOR * float(reorder_days), float(reorder_days) + 10.0)
    frame = sheet.head(max_bars).iloc[::-1]  # plotly draws the first category at the bottom: urgent on top
    fig = go.Figure()
    for alert in ALERT_ORDER:
        part = frame[frame["alert"] == alert]
        if part.empty:
            continue
        shown = [number(v, 1) for v in part["days_of_cover"]]
        fig.add_trace(
            go.Bar(
                x=_capped(part["days_of_cover"], cap),
                y=part["sku"],
                orientation="h",
                name=alert_label(alert, lang),
                marker_color=ALERT[alert],
                customdata=shown,
                hovertemplate="%{y}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    if "days_of_cover_with_inbound" in frame.columns and len(frame):
        fig.add_trace(
            go.Scatter(
                x=_capped(frame["days_of_cover_with_inbound"], cap),
                y=frame["sku"],
                mode="markers",
                name=t("replenishment.chart_with_inbound", lang),
                marker={"symbol": "diamond-open", "size": 10, "color": "#374151", "line": {"width": 2}},
                customdata=[number(v, 1) for v in frame["days_of_cover_with_inbound"]],
                hovertemplate="%{y}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    for days, key, colour in (
        (reorder_days, "replenishment.chart_reorder", ALERT["reorder"]),
        (urgent_days, "replenishment.chart_urgent", ALERT["urgent"]),
    ):
        fig.add_vline(
            x=days,
            line={"color": colour, "dash": "dash", "width": 2},
            annotation_text=t("replenishment.chart_line", lang, label=t(key, lang), days=number(days)),
            annotation_position="top",
        )
    fig.update_layout(
        title=t("replenishment.chart_title", lang),
        xaxis_title=t("replenishment.chart_x", lang),
        barmode="overlay",
        height=max(260, 26 * len(frame) + 120),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
    )
    fig.update_xaxes(range=[0, cap * 1.02])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(frame["sku"]))
    return fig

"""Charts of the weekly review page: days of cover per SKU by alert level, and SKUs per phase."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from inventory_core.formatting import number
from inventory_core.i18n import t
from inventory_core.labels import alert_label, phase_label
from inventory_core.views.charts.palette import ALERT, PHASE

ALERT_ORDER = ("urgent", "reorder", "watch", "ok")
PHASE_ORDER = ("during", "before", "after", "normal")


def cover_cap(reorder_days: float) -> float:
    """Bars longer than this are cut (and say so): 2 × the reorder line, at least 150 days.

    >>> cover_cap(75), cover_cap(100)
    (150.0, 200.0)
    """
    return float(max(150.0, 2.0 * reorder_days))


def cover_bars(
    skus: pd.DataFrame,
    lang: str = "en",
    *,
    reorder_days: float = 75.0,
    urgent_days: float = 20.0,
) -> go.Figure:
    """Horizontal bars of days of cover per SKU (lowest at the top), one trace per alert level coloured as
    in the seller's sheet, with the urgent (20 d) and reorder (75 d) lines.

    ``skus`` needs sku, days_of_cover and alert (a :attr:`Plan.skus` frame). Each bar's ``customdata`` is
    its SKU (the page selects the SKU on click). Cover above :func:`cover_cap` is drawn at the cap and
    labelled with the real value (∞ for no sales).
    """
    cap = cover_cap(reorder_days)
    data = skus[["sku", "days_of_cover", "alert"]].copy()
    data["days_of_cover"] = data["days_of_cover"].astype(float)
    data = data.sort_values(["days_of_cover", "sku"], ascending=[True, True], kind="stable")
    order = list(data["sku"])
    fig = go.Figure()
    for level in ALERT_ORDER:
        part = data[data["alert"] == level]
        if part.empty:
            continue
        cover = part["days_of_cover"].to_numpy(dtype=float)
        shown = np.minimum(np.nan_to_num(cover, nan=0.0, posinf=cap), cap)
        labels = [number(c, 0, lang) + ("+" if math.isfinite(c) and c > cap else "") for c in cover]
        fig.add_trace(
            go.Bar(
                x=shown,
                y=part["sku"],
                orientation="h",
                name=alert_label(level, lang),
                marker_color=ALERT[level],
                marker_line_color="#6b7280",
                marker_line_width=0.5,
                customdata=part["sku"],
                text=labels,
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}<br>"
                + t("review.chart.cover_axis", lang)
                + ": %{text}<extra>%{fullData.name}</extra>",
            )
        )
    for days, key, dash in (
        (urgent_days, "review.chart.urgent_line", "dot"),
        (reorder_days, "review.chart.reorder_line", "dash"),
    ):
        fig.add_vline(
            x=days,
            line_dash=dash,
            line_color="#374151",
            line_width=1.5,
            annotation_text=t(key, lang, days=number(days, 0, lang)),
            annotation_position="top",
        )
    fig.update_layout(
        title=t("review.chart.cover_title", lang),
        xaxis_title=t("review.chart.cover_axis", lang),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "title": None},
        xaxis={"range": [0, cap * 1.12]},
        barmode="overlay",
        height=max(320, 24 * len(order) + 140),
        margin={"l": 10, "r": 30, "t": 70, "b": 40},
        legend={"orientation": "h", "y": -0.08 if len(order) > 10 else -0.2, "x": 0},
        clickmode="event+select",
    )
    return fig


def phase_counts(skus: pd.DataFrame, lang: str = "en") -> go.Figure:
    """SKUs per stockout phase (during, before, after, normal) as one bar each, in the phase colours."""
    counts = skus["phase"].value_counts()
    values = [int(counts.get(p, 0)) for p in PHASE_ORDER]
    fig = go.Figure(
        go.Bar(
            x=[phase_label(p, lang) for p in PHASE_ORDER],
            y=values,
            marker_color=[PHASE[p] for p in PHASE_ORDER],
            text=values,
            textposition="outside",
            cliponaxis=False,
            customdata=list(PHASE_ORDER),
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=t("review.chart.phase_title", lang),
        yaxis_title=t("review.chart.phase_axis", lang),
        height=320,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        showlegend=False,
    )
    return fig

"""Stockout timeline charts: one SKU's stock projection and the portfolio Gantt of all SKUs.

Shapes and traces carry a ``name`` (shapes) or ``meta={"role": ...}`` (traces) so that tests and the page
can find them: ``"episode"`` (a past stockout), ``"stockout_window"`` (the projected gap),
``"reorder_point"``, ``"today"``; trace roles ``"history"``, ``"projection"``, ``"base"``, ``"arrivals"``,
``"phase"``, ``"gap"``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from inventory_core.formatting import date as fmt_date
from inventory_core.formatting import number
from inventory_core.i18n import MESSAGES, t
from inventory_core.labels import alert_label, gap_label, phase_label
from inventory_core.model.plan_type import Plan
from inventory_core.model.whatif import FBA_INBOUND, Arrival, WhatIf
from inventory_core.views.charts.palette import ALERT, OWN, PHASE, STOCKOUT_SHADE

__all__ = [
    "arrival_text",
    "mode_label",
    "portfolio_gantt",
    "portfolio_order",
    "projection_figure",
    "stockout_spans",
]

_DAY_MS = 86_400_000
_HISTORY = "#64748b"
_BASE = "#9ca3af"
_FLAGGED = ALERT["watch"]
_GAP = PHASE["during"]
_PHASE_ORDER = ("during", "before", "after", "normal")


def _ts(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def arrival_text(arrival: Arrival, lang: str) -> str:
    """Short label of an arrival: "FBA1UGNUQZMV +580 sea", with a warning when delayed or held."""
    if arrival.source == FBA_INBOUND:
        head = t("timeline.chart.fba_inbound", lang, qty=number(arrival.quantity))
    else:
        mode = mode_label(arrival.mode, lang)
        head = f"{arrival.shipment_id} +{number(arrival.quantity)} {mode}"
    notes = []
    if arrival.flagged:
        notes.append(t(f"timeline.status.{arrival.status}", lang))
    if arrival.shift_days:
        notes.append(t("timeline.chart.shifted", lang, days=f"{arrival.shift_days:+d}"))
    if arrival.to_air:
        notes.append(t("timeline.chart.switched_air", lang))
    return head + (
        " ⚠ " + ", ".join(notes) if arrival.flagged else (" · " + ", ".join(notes) if notes else "")
    )


def mode_label(mode: str, lang: str) -> str:
    """Shipping mode in the language ("sea" → "海运"); unknown modes pass through."""
    key = f"timeline.mode.{mode}"
    return t(key, lang) if key in MESSAGES else mode


def stockout_spans(whatif: WhatIf) -> list[tuple[int, int]]:
    """Projected days without a full day's sales as ``(first day, first day back)`` spans; the first is
    ``(stockout_day, stockout_day + gap_days)``; a span still open at the horizon ends there."""
    short = np.asarray(whatif.outcome.unmet) > 0
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for day, is_short in enumerate(short):
        if is_short and start is None:
            start = day
        elif not is_short and start is not None:
            spans.append((start, day))
            start = None
    if start is not None:
        spans.append((start, len(short)))
    return spans


def _episode_end(ep: pd.Series, as_of: dt.date) -> pd.Timestamp:
    end = ep.get("end_date")
    return _ts(as_of) + pd.Timedelta(days=1) if end is None or pd.isna(end) else _ts(end)


def projection_figure(
    whatif: WhatIf,
    history: pd.DataFrame | None,
    episodes: pd.DataFrame | None,
    lang: str = "en",
    *,
    history_days: int = 90,
) -> go.Figure:
    """Past stock, projected stock, arrivals, the projected stockout window and past stockouts of one SKU.

    Parameters
    ----------
    whatif : WhatIf
        The SKU's projection (:func:`inventory_core.model.whatif.sku_projection`); when it differs from the
        plan, the plan's projection is drawn dashed beside it.
    history : DataFrame, optional
        ``Store.stock_history`` rows (``snapshot_date, available``; other SKUs are ignored).
    episodes : DataFrame, optional
        ``Plan.episodes`` (other SKUs are ignored): one shaded rectangle per episode of this SKU.
    lang : {"en", "zh"}
    history_days : int
        Days of history in the initial view (all of it stays reachable by zooming out).
    """
    fig = go.Figure()
    as_of = whatif.as_of
    hist = _own_rows(history, whatif.sku, whatif.marketplace)
    if not hist.empty:
        hist = hist.assign(snapshot_date=pd.to_datetime(hist["snapshot_date"])).sort_values("snapshot_date")
        hist = hist[hist["snapshot_date"] <= _ts(as_of)]
        fig.add_trace(
            go.Scatter(
                x=hist["snapshot_date"],
                y=hist["available"],
                mode="lines",
                name=t("timeline.chart.history", lang),
                line={"color": _HISTORY, "width": 2},
                meta={"role": "history"},
                hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra></extra>",
            )
        )
    series = whatif.series()
    if whatif.changed:
        fig.add_trace(
            go.Scatter(
                x=series["date"],
                y=series["base_stock"],
                mode="lines",
                name=t("timeline.chart.base", lang),
                line={"color": _BASE, "width": 2, "dash": "dash"},
                meta={"role": "base"},
                hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=series["date"],
            y=series["stock"],
            mode="lines",
            name=t("timeline.chart.projection", lang),
            line={"color": OWN, "width": 3},
            meta={"role": "projection"},
            hovertemplate="%{x|%Y-%m-%d}: %{y:,.0f}<extra></extra>",
        )
    )

    # arrivals inside the horizon, at the stock level of their day
    shown = [a for a in whatif.arrivals if a.day < whatif.horizon_days]
    if shown:
        labels = [arrival_text(a, lang) for a in shown]
        fig.add_trace(
            go.Scatter(
                x=[_ts(whatif.date_of(a.day)) for a in shown],
                y=[float(series["stock"].iloc[a.day]) for a in shown],
                mode="markers",
                name=t("timeline.chart.arrivals", lang),
                meta={"role": "arrivals"},
                marker={
                    "symbol": "triangle-up",
                    "size": 14,
                    "color": [_FLAGGED if a.flagged else PHASE["normal"] for a in shown],
                    "line": {"color": "white", "width": 1},
                },
                hovertext=labels,
                hovertemplate="%{x|%Y-%m-%d}<br>%{hovertext}<extra></extra>",
            )
        )
        for i, (a, label) in enumerate(zip(shown, labels, strict=True)):
            fig.add_annotation(
                x=_ts(whatif.date_of(a.day)),
                y=float(series["stock"].iloc[a.day]),
                text=label,
                showarrow=True,
                arrowhead=2,
                ax=0,
                ay=-40 - 22 * (i % 3),
                font={"color": _FLAGGED if a.flagged else "#111827"},
                name="arrival",
            )

    # the projected stockout window (the first one is the gap the metrics describe; later ones, e.g.
    # after a shipment that does not last the horizon, are shaded too)
    for i, (start, end) in enumerate(stockout_spans(whatif)):
        x0, x1 = _ts(whatif.date_of(start)), _ts(whatif.date_of(end))
        fig.add_shape(
            type="rect",
            xref="x",
            yref="y domain",
            x0=x0,
            x1=x1,
            y0=0,
            y1=1,
            fillcolor=STOCKOUT_SHADE,
            line={"color": _GAP, "width": 1, "dash": "dot"},
            layer="below",
            name="stockout_window",
        )
        if i == 0 and whatif.gap_days is not None:
            fig.add_annotation(
                x=x0 + (x1 - x0) / 2,
                xref="x",
                yref="y domain",
                y=1.0,
                showarrow=False,
                yanchor="bottom",
                font={"color": _GAP},
                text=t(
                    "timeline.chart.window", lang, days=whatif.gap_days, gap=gap_label(whatif.gap_class, lang)
                ),
                name="stockout_window",
            )

    # past stockout episodes
    for _, ep in _own_rows(episodes, whatif.sku, whatif.marketplace).iterrows():
        fig.add_shape(
            type="rect",
            xref="x",
            yref="y domain",
            x0=_ts(ep["start_date"]),
            x1=_episode_end(ep, as_of),
            y0=0,
            y1=1,
            fillcolor=STOCKOUT_SHADE,
            line={"width": 0},
            layer="below",
            name="episode",
        )

    # reorder point and today
    rop = whatif.reorder_point
    if rop > 0 and math.isfinite(rop):
        fig.add_shape(
            type="line",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=rop,
            y1=rop,
            name="reorder_point",
            line={"color": ALERT["reorder"], "width": 1.5, "dash": "dash"},
        )
        fig.add_annotation(
            xref="paper",
            x=0.0,
            xanchor="left",
            y=rop,
            yanchor="bottom",
            showarrow=False,
            text=t("timeline.chart.reorder_point", lang, units=number(rop)),
            font={"color": ALERT["reorder"]},
            name="reorder_point",
        )
    today = _ts(as_of)
    fig.add_shape(
        type="line",
        xref="x",
        yref="y domain",
        x0=today,
        x1=today,
        y0=0,
        y1=1,
        name="today",
        line={"color": "#111827", "width": 1, "dash": "dot"},
    )
    fig.add_annotation(
        x=today,
        xref="x",
        yref="y domain",
        y=0,
        yanchor="top",
        showarrow=False,
        text=t("timeline.chart.today", lang),
        name="today",
    )

    end = today + pd.Timedelta(days=whatif.horizon_days)
    fig.update_layout(
        title=t("timeline.chart.title", lang, sku=whatif.sku),
        xaxis={
            "title": t("timeline.chart.x", lang),
            "type": "date",
            "range": [today - pd.Timedelta(days=history_days), end],
        },
        yaxis={"title": t("timeline.chart.y", lang), "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.18},
        margin={"t": 70, "b": 40, "l": 60, "r": 20},
        height=460,
        hovermode="closest",
    )
    return fig


def _own_rows(frame: pd.DataFrame | None, sku: str, marketplace: str | None) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame()
    sel = frame["sku"] == sku if "sku" in frame.columns else pd.Series(True, index=frame.index)
    if marketplace and "marketplace" in frame.columns:
        sel &= frame["marketplace"] == marketplace
    return frame[sel]


# ---------------------------------------------------------------------------------------------
# portfolio
# ---------------------------------------------------------------------------------------------


def portfolio_order(skus: pd.DataFrame) -> pd.DataFrame:
    """SKUs soonest stockout first; those that never run out in the horizon last, by days of cover."""
    if skus.empty:
        return skus
    key = skus.assign(
        _so=pd.to_numeric(skus["stockout_day"], errors="coerce").fillna(np.inf),
        _cover=pd.to_numeric(skus.get("days_of_cover", pd.Series(np.inf, index=skus.index)), errors="coerce"),
    )
    return key.sort_values(["_so", "_cover", "sku"], kind="stable").drop(columns=["_so", "_cover"])


def portfolio_gantt(plan: Plan, lang: str = "en", skus: pd.DataFrame | None = None) -> go.Figure:
    """One bar per SKU from today to its projected stockout (or the horizon end), coloured by phase.

    The stockout gap follows in red; inbound arrivals are triangles. SKUs are sorted by stockout date,
    soonest on top.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh"}
    skus : DataFrame, optional
        The rows of ``plan.skus`` to draw (e.g. after the global search filter); default all.
    """
    rows = portfolio_order(plan.skus if skus is None else skus)
    fig = go.Figure()
    horizon = int(plan.settings.horizon_days)
    today = _ts(plan.as_of)
    if rows.empty:
        fig.add_annotation(
            text=t("timeline.gantt.empty", lang), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5
        )
        fig.update_layout(title=t("timeline.gantt.title", lang, days=horizon), height=240)
        return fig
    labels = rows["sku"].astype(str).tolist()
    so = pd.to_numeric(rows["stockout_day"], errors="coerce")
    gap = pd.to_numeric(rows["gap_days"], errors="coerce")
    bar_days = so.fillna(horizon).clip(lower=0)
    for phase in _PHASE_ORDER:
        sel = (rows["phase"] == phase).to_numpy()
        if not sel.any():
            continue
        sub = rows[sel]
        hover = [
            t(
                "timeline.gantt.hover",
                lang,
                sku=r.sku,
                phase=phase_label(r.phase, lang),
                alert=alert_label(r.alert, lang),
                stockout=(
                    fmt_date(r.stockout_date, lang)
                    if pd.notna(r.stockout_day)
                    else t("timeline.no_stockout", lang, days=horizon)
                ),
                cover=number(r.days_of_cover),
            )
            for r in sub.itertuples()
        ]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=sub["sku"],
                base=[today] * len(sub),
                x=(bar_days[sel] * _DAY_MS).tolist(),
                name=phase_label(phase, lang),
                marker={
                    "color": PHASE[phase],
                    "line": {"color": [ALERT.get(a, "#ffffff") for a in sub["alert"]], "width": 2},
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "phase", "phase": phase},
            )
        )
    has_gap = (so.notna() & gap.notna()).to_numpy()
    if has_gap.any():
        sub = rows[has_gap]
        hover = [
            t(
                "timeline.gantt.gap_hover",
                lang,
                sku=r.sku,
                days=int(r.gap_days),
                date=fmt_date(r.stockout_date, lang),
                gap=gap_label(r.gap_class, lang),
            )
            for r in sub.itertuples()
        ]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=sub["sku"],
                base=[today + pd.Timedelta(days=int(d)) for d in so[has_gap]],
                x=(gap[has_gap] * _DAY_MS).tolist(),
                name=t("timeline.gantt.gap", lang),
                marker={"color": _GAP},
                opacity=0.75,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"role": "gap"},
            )
        )
    ships = plan.shipments
    if ships is not None and not ships.empty:
        keys = set(zip(rows["marketplace"], rows["sku"], strict=True))
        shown = np.array(
            [(m, s) in keys for m, s in zip(ships["marketplace"], ships["sku"], strict=True)], dtype=bool
        )
        sel = ships["counts"].astype(bool).to_numpy() & (ships["arrival_day"] < horizon).to_numpy() & shown
        sub = ships[sel]
        if not sub.empty:
            flagged = sub["status"].isin(("delayed", "customs_hold"))
            hover = [
                f"{r.sku}<br>{r.shipment_id} +{number(r.quantity)} {mode_label(r.mode, lang)} · "
                f"{fmt_date(r.projected_eta, lang)}"
                + (
                    f" ⚠ {t(f'timeline.status.{r.status}', lang)}"
                    if r.status in ("delayed", "customs_hold")
                    else ""
                )
                for r in sub.itertuples()
            ]
            fig.add_trace(
                go.Scatter(
                    x=[today + pd.Timedelta(days=int(d)) for d in sub["arrival_day"]],
                    y=sub["sku"],
                    mode="markers",
                    name=t("timeline.chart.arrivals", lang),
                    meta={"role": "arrivals"},
                    marker={
                        "symbol": "triangle-up",
                        "size": 12,
                        "color": np.where(flagged, _FLAGGED, "#111827").tolist(),
                        "line": {"color": "white", "width": 1},
                    },
                    hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    fig.update_layout(
        title=t("timeline.gantt.title", lang, days=horizon),
        barmode="overlay",
        xaxis={
            "type": "date",
            "title": t("timeline.chart.x", lang),
            "range": [today - pd.Timedelta(days=2), today + pd.Timedelta(days=horizon + 2)],
        },
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed", "title": None},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        height=max(260, 24 * len(labels) + 130),
        margin={"t": 80, "b": 40, "l": 10, "r": 10},
        bargap=0.3,
    )
    return fig

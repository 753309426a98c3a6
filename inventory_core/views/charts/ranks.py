"""Keyword rank trajectories around stockouts (DESIGN.md "Keyword ranks").

Rank 1 is on top (reversed logarithmic y axis: the difference between 3 and 10 matters more than between
203 and 210). A day beyond the tracker's depth (">306") is not a number: it is drawn in a band below the
worst tracked rank (at depth + 1, the effective rank of :mod:`inventory_core.model.ranks`), with its own
marker, hover text ">306" and the axis tick ">306"; the own line breaks there, as it does on a not-ranked
day. Traces carry ``meta={"role": ...}``: ``"own"``, ``"competitor"``, ``"beyond"``,
``"baseline"``, ``"trough"``, ``"recovery"``; shapes are named ``"episode"`` and ``"beyond_band"``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from inventory_core.i18n import t
from inventory_core.views.charts.palette import COMPETITOR, OWN, PHASE, STOCKOUT_SHADE

__all__ = ["beyond_band", "rank_figure", "rank_ticks"]

_BAND_FILL = "rgba(107, 114, 128, 0.12)"
_TROUGH = PHASE["during"]
_RECOVERY = PHASE["normal"]
_BASELINE = "#111827"
_BAND_HALF = 1.06  # the band spans ±6 % around depth + 1 (a constant height on the log axis)


def beyond_band(series: pd.DataFrame) -> tuple[float, str] | None:
    """Where ">N" days are drawn and how the band is labelled, or None when the series has none.

    The band sits one rank past both the deepest ">N" (its effective rank N + 1) and the worst tracked
    rank, so it is always beyond every number on the chart.

    >>> frame = pd.DataFrame({"rank": [12.0, 307.0, np.nan], "label": ["12", ">306", "–"],
    ...                       "beyond": [False, True, False]})
    >>> beyond_band(frame)
    (307.0, '>306')
    """
    if series.empty or not series["beyond"].any():
        return None
    beyond = series[series["beyond"]]
    ranked = series.loc[~series["beyond"], "rank"].dropna()
    y = float(beyond["rank"].max())
    if not ranked.empty:
        y = max(y, float(ranked.max()) + 1.0)
    labels = beyond.loc[beyond["rank"] == beyond["rank"].max(), "label"]
    return y, str(labels.iloc[0])


_NICE = (1, 2, 5)


def rank_ticks(worst: float, band: tuple[float, str] | None) -> tuple[list[float], list[str]]:
    """Tick positions and labels of the log rank axis: 1, 2, 5, 10, 20, 50 … up to ``worst``, then the band.

    A round tick within 25 % of the band is left out: "300" next to ">306" would read as one label.

    >>> rank_ticks(120, None)
    ([1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0], ['1', '2', '5', '10', '20', '50', '100'])
    >>> rank_ticks(307, (307.0, ">306"))[1]
    ['1', '2', '5', '10', '20', '50', '100', '200', '>306']
    """
    top = max(float(worst), 1.0)
    vals: list[float] = []
    mag = 1
    while mag <= top:
        vals += [float(m * mag) for m in _NICE if m * mag <= top]
        mag *= 10
    if band is not None:
        vals = [v for v in vals if band[0] / v >= 1.25] + [band[0]]
    texts = [band[1] if band is not None and v == band[0] else f"{v:g}" for v in vals]
    return vals, texts


def _ts(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def rank_figure(
    series: pd.DataFrame,
    episodes_for_asin: pd.DataFrame | None,
    impact_rows: pd.DataFrame | None,
    lang: str = "en",
    *,
    baseline_days: int = 14,
    title: str | None = None,
) -> go.Figure:
    """Rank trajectory of one ASIN on one keyword, with competitors, stockouts and recovery markers.

    Parameters
    ----------
    series : DataFrame
        :func:`inventory_core.model.ranks.rank_series` output for one keyword: the ASIN's rows first, then
        competitors (``date, marketplace, asin, is_own, rank, label, beyond``).
    episodes_for_asin : DataFrame, optional
        ``Plan.episodes`` rows of this ASIN: each stockout is a shaded span.
    impact_rows : DataFrame, optional
        ``Plan.rank_impact`` rows of this ASIN and keyword (one per episode): baseline (dashed line over
        the baseline window and until recovery), trough and recovery-day markers.
    lang : {"en", "zh"}
    baseline_days : int
        Setting ``rank_baseline_days``: where the baseline line starts before a stockout.
    title : str, optional
        Defaults to the keyword.
    """
    fig = go.Figure()
    if series is None or series.empty:
        fig.add_annotation(
            text=t("ranks.chart.no_data", lang), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5
        )
        fig.update_layout(title=title or "", height=320)
        return fig
    data = series.assign(date=pd.to_datetime(series["date"]).dt.normalize())
    asin = str(data["asin"].iloc[0])
    band = beyond_band(data)
    band_y = band[0] if band else math.nan

    def plotted(rows: pd.DataFrame) -> pd.Series:
        """Numbers where ranked; NaN on ">N" and not-ranked days (the line breaks there)."""
        return rows["rank"].where(~rows["beyond"])

    # competitors first (drawn below the own line)
    comps = data[data["asin"] != asin]
    for comp_asin, rows in comps.groupby("asin", sort=True):
        rows = rows.sort_values("date")
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=plotted(rows),
                mode="lines",
                name=str(comp_asin),
                connectgaps=False,
                line={"color": COMPETITOR, "width": 1},
                opacity=0.9,
                meta={"role": "competitor", "asin": comp_asin},
                legendgroup="competitors",
                legendgrouptitle={"text": t("ranks.chart.competitors", lang)},
                customdata=rows["label"],
                hovertemplate="%{x|%Y-%m-%d}: %{customdata}<extra>" + str(comp_asin) + "</extra>",
            )
        )
    own = data[data["asin"] == asin].sort_values("date")
    fig.add_trace(
        go.Scatter(
            x=own["date"],
            y=plotted(own),
            mode="lines+markers",
            name=t("ranks.chart.own", lang, asin=asin),
            connectgaps=False,
            line={"color": OWN, "width": 3.5},
            marker={"size": 4, "color": OWN},
            meta={"role": "own", "asin": asin},
            customdata=own["label"],
            hovertemplate="%{x|%Y-%m-%d}: %{customdata}<extra>" + asin + "</extra>",
        )
    )
    # ">N" days: in the band, with their label, never as a number
    beyond = data[data["beyond"]]
    if not beyond.empty:
        is_own = (beyond["asin"] == asin).to_numpy()
        fig.add_trace(
            go.Scatter(
                x=beyond["date"],
                y=[band_y] * len(beyond),
                mode="markers",
                name=t("ranks.chart.beyond", lang, label=band[1] if band else ""),
                marker={
                    "symbol": np.where(is_own, "x", "x-thin-open").tolist(),
                    "size": np.where(is_own, 10, 7).tolist(),
                    "color": np.where(is_own, OWN, COMPETITOR).tolist(),
                    "line": {"width": 1.5},
                },
                hovertext=beyond["label"].tolist(),
                customdata=beyond["asin"],
                hovertemplate="%{x|%Y-%m-%d}: %{hovertext}<extra>%{customdata}</extra>",
                meta={"role": "beyond"},
            )
        )
        # shapes on a log axis take log10 coordinates
        fig.add_shape(
            type="rect",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=math.log10(band_y / _BAND_HALF),
            y1=math.log10(band_y * _BAND_HALF),
            fillcolor=_BAND_FILL,
            line={"width": 0},
            layer="below",
            name="beyond_band",
        )

    last_day = data["date"].max()
    for _, ep in (episodes_for_asin if episodes_for_asin is not None else pd.DataFrame()).iterrows():
        end = ep.get("end_date")
        x1 = last_day + pd.Timedelta(days=1) if end is None or pd.isna(end) else _ts(end)
        fig.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=_ts(ep["start_date"]),
            x1=x1,
            y0=0,
            y1=1,
            fillcolor=STOCKOUT_SHADE,
            line={"width": 0},
            layer="below",
            name="episode",
        )

    _impact_markers(fig, own, impact_rows, band_y, last_day, baseline_days, lang)

    worst = float(plotted(data).max()) if plotted(data).notna().any() else 10.0
    ticks, texts = rank_ticks(worst, band)
    # log axis: the places near the top, where a seller earns the sales, get the room
    bottom = math.log10((band_y if band else worst) * 1.25)
    fig.update_layout(
        title=title if title is not None else str(data.get("keyword", pd.Series([""])).iloc[0] or ""),
        xaxis={"type": "date", "title": t("ranks.chart.x", lang)},
        yaxis={
            "title": t("ranks.chart.y", lang),
            "type": "log",
            "range": [bottom, math.log10(0.8)],
            "tickmode": "array",
            "tickvals": ticks,
            "ticktext": texts,
            "zeroline": False,
        },
        legend={"orientation": "h", "y": -0.2},
        height=420,
        margin={"t": 60, "b": 40, "l": 60, "r": 20},
        hovermode="closest",
    )
    return fig


def _impact_markers(
    fig: go.Figure,
    own: pd.DataFrame,
    impact_rows: pd.DataFrame | None,
    band_y: float,
    last_day: pd.Timestamp,
    baseline_days: int,
    lang: str,
) -> None:
    if impact_rows is None or impact_rows.empty:
        return
    first = True
    for _, imp in impact_rows.iterrows():
        start = _ts(imp["start_date"])
        end = _ts(imp["end_date"]) if pd.notna(imp.get("end_date")) else last_day + pd.Timedelta(days=1)
        baseline = imp.get("baseline")
        if baseline is not None and pd.notna(baseline):
            stop = _ts(imp["recovered_date"]) if pd.notna(imp.get("recovered_date")) else last_day
            fig.add_trace(
                go.Scatter(
                    x=[start - pd.Timedelta(days=baseline_days), stop],
                    y=[float(baseline)] * 2,
                    mode="lines",
                    name=t("ranks.chart.baseline", lang, label=imp.get("baseline_label", "")),
                    line={"color": _BASELINE, "width": 1.5, "dash": "dash"},
                    meta={"role": "baseline"},
                    hovertemplate=t("ranks.chart.baseline", lang, label=imp.get("baseline_label", ""))
                    + "<extra></extra>",
                )
            )
        # trough: the worst own day during the stockout
        during = own[(own["date"] >= start) & (own["date"] < end) & own["rank"].notna()]
        if not during.empty:
            worst = during.sort_values(["rank", "beyond"]).iloc[-1]
            y = band_y if bool(worst["beyond"]) and not math.isnan(band_y) else float(worst["rank"])
            label = str(imp.get("trough_label") or worst["label"])
            fig.add_trace(
                go.Scatter(
                    x=[worst["date"]],
                    y=[y],
                    mode="markers+text",
                    text=[label],
                    textposition="middle left",
                    name=t("ranks.chart.trough", lang),
                    showlegend=first,
                    legendgroup="trough",
                    marker={"symbol": "triangle-down", "size": 14, "color": _TROUGH},
                    meta={"role": "trough"},
                    hovertext=[t("ranks.chart.trough_hover", lang, label=label)],
                    hovertemplate="%{x|%Y-%m-%d}: %{hovertext}<extra></extra>",
                )
            )
        rec = imp.get("recovered_date")
        if bool(imp.get("recovered")) and rec is not None and pd.notna(rec):
            day = own[own["date"] == _ts(rec)]
            y = (
                float(day["rank"].iloc[0])
                if not day.empty and pd.notna(day["rank"].iloc[0])
                else float(baseline)
            )
            days = imp.get("days_to_recover")
            fig.add_trace(
                go.Scatter(
                    x=[_ts(rec)],
                    y=[y],
                    mode="markers",
                    name=t("ranks.chart.recovery", lang),
                    showlegend=first,
                    legendgroup="recovery",
                    marker={"symbol": "star", "size": 16, "color": _RECOVERY},
                    meta={"role": "recovery"},
                    hovertext=[
                        t(
                            "ranks.chart.recovery_hover",
                            lang,
                            days=f"{float(days):.0f}" if pd.notna(days) else "–",
                        )
                    ],
                    hovertemplate="%{x|%Y-%m-%d}: %{hovertext}<extra></extra>",
                )
            )
        first = False

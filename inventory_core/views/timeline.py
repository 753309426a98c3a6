"""What the stockout timeline page shows, computed without Streamlit: tables, metrics, the checklist.

The page (``pages/timeline.py``) reads widgets, calls these functions and renders what they return.
Headers and labels come from the translation table; numbers, money and dates from
:mod:`inventory_core.formatting`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from inventory_core.formatting import date as fmt_date
from inventory_core.formatting import money, number
from inventory_core.i18n import t
from inventory_core.labels import gap_label
from inventory_core.model.playbook import AREAS, Action, Area
from inventory_core.model.whatif import WhatIf
from inventory_core.store.marketplaces import currency_of

__all__ = [
    "Metric",
    "campaign_window",
    "checklist_label",
    "episodes_display",
    "episodes_table",
    "playbook_checklist",
    "row_currency",
    "sku_campaigns",
    "whatif_metrics",
]

PRIORITY_ICON = {
    1: ":red[:material/priority_high:]",
    2: ":orange[:material/schedule:]",
    3: ":blue[:material/visibility:]",
}
"""Priority 1 = do now, 2 = this week, 3 = watch (labels ``playbook.priority.*``), as Material icons in
Streamlit Markdown (emoji would be empty boxes on a server without an emoji font)."""

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]$~"})

CAMPAIGN_DAYS = 7
"""The playbook's "SB/SD still spending" check looks at the last week (seed 000 断货中)."""


def row_currency(row: Mapping[str, Any]) -> str:
    """The SKU's currency: its own column, else its marketplace's, else USD.

    >>> row_currency({"currency": float("nan"), "marketplace": "UK"}), row_currency({"currency": "JPY"})
    ('GBP', 'JPY')
    """
    value = row.get("currency")
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return currency_of(str(row.get("marketplace") or "")) or "USD"


def campaign_window(as_of: dt.date, days: int = CAMPAIGN_DAYS) -> tuple[dt.date, dt.date]:
    """``(start, end)`` for ``Store.ads_daily_by_sku(start, end)`` (start inclusive, end exclusive) covering
    the ``days`` days up to and including ``as_of``.

    >>> campaign_window(dt.date(2026, 11, 16))
    (datetime.date(2026, 11, 10), datetime.date(2026, 11, 17))
    """
    if days < 1:
        raise ValueError(f"days must be ≥ 1, got {days!r}.")
    return as_of - dt.timedelta(days=days - 1), as_of + dt.timedelta(days=1)


def sku_campaigns(ads_daily: pd.DataFrame | None, sku: str, marketplace: str | None = None) -> pd.DataFrame:
    """One SKU's campaigns with their spend over the window ``ads_daily`` covers: ``ad_type, campaign,
    spend_7d`` (the frame :func:`inventory_core.model.playbook.build_playbook` takes as ``campaigns``).

    ``ads_daily`` is ``Store.ads_daily_by_sku`` over :func:`campaign_window`; biggest spend first.

    >>> daily = pd.DataFrame({"date": ["2026-11-14", "2026-11-15", "2026-11-15"], "marketplace": "US",
    ...                       "sku": ["A", "A", "B"], "ad_type": "SD",
    ...                       "campaign": ["SD - x", "SD - x", "SD - y"], "spend": [0.64, 0.68, 5.0]})
    >>> sku_campaigns(daily, "A").to_dict("records")
    [{'ad_type': 'SD', 'campaign': 'SD - x', 'spend_7d': 1.32}]
    """
    columns = ["ad_type", "campaign", "spend_7d"]
    if ads_daily is None or ads_daily.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "spend_7d" else object) for c in columns})
    sel = ads_daily["sku"] == sku
    if marketplace and "marketplace" in ads_daily.columns:
        sel &= ads_daily["marketplace"] == marketplace
    rows = ads_daily[sel & ads_daily["campaign"].notna()]
    out = (
        rows.assign(spend=pd.to_numeric(rows["spend"], errors="coerce").fillna(0.0))
        .groupby(["ad_type", "campaign"], as_index=False)["spend"]
        .sum()
        .rename(columns={"spend": "spend_7d"})
    )
    out["spend_7d"] = out["spend_7d"].round(6)
    return out.sort_values(["spend_7d", "campaign"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def episodes_table(episodes: pd.DataFrame | None, sku: str, marketplace: str | None = None) -> pd.DataFrame:
    """The SKU's past and current stockouts, newest first: ``start_date, end_date, days, lost_units,
    lost_sales, ongoing`` (``end_date`` is the first day back in stock, NaT while it goes on)."""
    columns = ["start_date", "end_date", "days", "lost_units", "lost_sales", "ongoing"]
    if episodes is None or episodes.empty:
        return pd.DataFrame(columns=columns)
    sel = episodes["sku"] == sku
    if marketplace and "marketplace" in episodes.columns:
        sel &= episodes["marketplace"] == marketplace
    out = episodes.loc[sel, columns].sort_values("start_date", ascending=False, kind="stable")
    return out.reset_index(drop=True)


def episodes_display(table: pd.DataFrame, lang: str, currency: str | None = "USD") -> pd.DataFrame:
    """:func:`episodes_table` for people: translated headers, dates, units and money formatted."""
    cols = {
        c: t(f"timeline.ep.{c}", lang) for c in ("start_date", "end_date", "days", "lost_units", "lost_sales")
    }
    if table.empty:
        return pd.DataFrame(columns=list(cols.values()))
    ongoing = table["ongoing"].fillna(False).astype(bool)
    return pd.DataFrame(
        {
            cols["start_date"]: [fmt_date(d, lang) for d in table["start_date"]],
            cols["end_date"]: [
                t("timeline.ep.ongoing", lang) if o else fmt_date(d, lang)
                for d, o in zip(table["end_date"], ongoing, strict=True)
            ],
            cols["days"]: [number(d) for d in table["days"]],
            cols["lost_units"]: [number(u) for u in table["lost_units"]],
            cols["lost_sales"]: [money(s, currency, lang) for s in table["lost_sales"]],
        }
    )


def checklist_label(action: Action, lang: str) -> str:
    """A playbook line as a checkbox label: priority icon and label, then the text with Markdown escaped
    (a "$19.99 → $21.99" must not turn into LaTeX).

    >>> checklist_label(Action("price", 1, "Raise $19.99 → $21.99", "k"), "en")
    ':red[:material/priority_high:] **Do now** · Raise \\\\$19.99 → \\\\$21.99'
    """
    head = f"{PRIORITY_ICON.get(action.priority, '')} **{t(f'playbook.priority.{action.priority}', lang)}**"
    return f"{head} · {action.text.translate(_MARKDOWN_SPECIAL)}"


def playbook_checklist(actions: Iterable[Action]) -> list[tuple[Area, list[Action]]]:
    """Actions grouped by area (stock, price, ads, listing, ranks, strategy), each group by priority;
    areas without actions are left out; the area holding the most urgent action comes first."""
    groups: dict[Area, list[Action]] = {}
    for a in actions:
        groups.setdefault(a.area, []).append(a)
    order = {area: i for i, area in enumerate(AREAS)}
    for items in groups.values():
        items.sort(key=lambda a: a.priority)
    return sorted(groups.items(), key=lambda kv: (min(a.priority for a in kv[1]), order[kv[0]]))


@dataclass(frozen=True)
class Metric:
    """One ``st.metric``: label, value and an optional delta against the plan."""

    label: str
    value: str
    delta: str | None = None
    delta_color: Literal["normal", "inverse", "off"] = "normal"


def _signed(value: float, decimals: int = 0) -> str:
    return ("+" if value > 0 else "") + number(value, decimals)


def whatif_metrics(w: WhatIf, lang: str, currency: str | None = "USD") -> list[Metric]:
    """Stockout date, gap, lost units and lost sales of a :class:`~inventory_core.model.whatif.WhatIf`, with
    the change against the plan once a what-if control moved (a later stockout and a shorter gap are good)."""
    horizon = w.horizon_days
    stockout = (
        fmt_date(w.stockout_date, lang)
        if w.stockout_day is not None
        else t("timeline.no_stockout", lang, days=horizon)
    )
    gap = t("timeline.metric.gap_value", lang, days=w.gap_days) if w.gap_days is not None else "–"
    out = [
        Metric(t("timeline.metric.stockout", lang), stockout),
        Metric(t("timeline.metric.gap", lang, gap=gap_label(w.gap_class, lang)), gap),
        Metric(t("timeline.metric.lost_units", lang), number(w.lost_units)),
        Metric(t("timeline.metric.lost_sales", lang), money(w.lost_sales, currency, lang)),
    ]
    if not w.changed:
        return out
    # st.metric colours a delta by its sign: "+10 days" later is good (green), "-5 days" earlier bad
    color: Literal["normal", "inverse", "off"] = "normal"
    if w.delta_stockout_days:
        moved = t("timeline.metric.days_delta", lang, days=_signed(w.delta_stockout_days))
    elif w.stockout_day is None and w.base.stockout_day is not None:
        moved = t("timeline.metric.avoided", lang)
    elif w.stockout_day is not None and w.base.stockout_day is None:
        moved, color = t("timeline.metric.new_stockout", lang), "inverse"
    else:
        moved, color = t("timeline.metric.unchanged", lang), "off"
    lost_delta = w.delta_lost_sales
    return [
        Metric(out[0].label, out[0].value, moved, color),
        Metric(
            out[1].label,
            out[1].value,
            t("timeline.metric.days_delta", lang, days=_signed(w.delta_gap_days)),
            "inverse",
        ),
        Metric(out[2].label, out[2].value, _signed(w.delta_lost_units), "inverse"),
        Metric(
            out[3].label,
            out[3].value,
            ("+" if lost_delta > 0 else "") + money(lost_delta, currency, lang),
            "inverse",
        ),
    ]

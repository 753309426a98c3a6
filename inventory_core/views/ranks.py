"""What the keyword ranks page shows, computed without Streamlit: the SKU list, keyword order, the table of
drops and its summary (DESIGN.md "Keyword ranks").

Input frames are ``Plan.skus``, ``Plan.rank_impact`` and canonical ``keyword_rank`` rows; headers come
from the translation table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from inventory_core.formatting import date as fmt_date
from inventory_core.formatting import number
from inventory_core.i18n import t
from inventory_core.views.charts.palette import ALERT_FILL

__all__ = [
    "DropSummary",
    "drops_display",
    "drops_summary",
    "drops_table",
    "highlight_severe",
    "ordered_keywords",
    "ranked_skus",
]

DEFAULT_KEYWORDS = 4
"""Keywords charted when a SKU is opened: the worst drops first (the rest are one click away)."""

SEVERE_FILL = ALERT_FILL["reorder"]


def ranked_skus(
    skus: pd.DataFrame, tracked_asins: Iterable[str], impact: pd.DataFrame | None
) -> pd.DataFrame:
    """SKUs whose ASIN has keyword ranks, most severe drops first: ``marketplace, sku, asin, product_name,
    severe, unrecovered`` (counts over all of the SKU's stockouts)."""
    tracked = set(tracked_asins)
    cols = ["marketplace", "sku", "asin", "product_name"]
    rows = skus.loc[skus["asin"].isin(tracked), [c for c in cols if c in skus.columns]].copy()
    if "product_name" not in rows.columns:
        rows["product_name"] = ""
    if impact is not None and not impact.empty:
        agg = impact.assign(
            open_=~impact["recovered"].fillna(False).astype(bool) & impact["baseline"].notna(),
            severe_=impact["severe"].fillna(False).astype(bool),
        )
        agg = agg.groupby(["marketplace", "sku"]).agg(severe=("severe_", "sum"), unrecovered=("open_", "sum"))
        rows = rows.join(agg, on=["marketplace", "sku"])
    else:
        rows["severe"] = 0
        rows["unrecovered"] = 0
    rows[["severe", "unrecovered"]] = rows[["severe", "unrecovered"]].fillna(0).astype(int)
    return rows.sort_values(
        ["severe", "unrecovered", "sku"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def ordered_keywords(own_ranks: pd.DataFrame, asin: str, impact_sku: pd.DataFrame | None) -> list[str]:
    """Keywords tracked for ``asin``: severe drops first, then by drop (largest first), then by name.

    >>> ranks = pd.DataFrame({"asin": ["A"] * 3, "keyword": ["c", "a", "b"]})
    >>> impact = pd.DataFrame({"keyword": ["a", "b"], "severe": [False, True], "drop": [50.0, 20.0]})
    >>> ordered_keywords(ranks, "A", impact)
    ['b', 'a', 'c']
    """
    if own_ranks is None or own_ranks.empty:
        return []
    keywords = sorted(own_ranks.loc[own_ranks["asin"] == asin, "keyword"].dropna().astype(str).unique())
    if impact_sku is None or impact_sku.empty:
        return keywords
    worst = (
        impact_sku.assign(
            severe_=impact_sku["severe"].fillna(False).astype(bool),
            drop_=pd.to_numeric(impact_sku["drop"], errors="coerce").fillna(-np.inf),
        )
        .groupby("keyword")
        .agg(severe=("severe_", "max"), drop=("drop_", "max"))
    )
    key = {
        k: (not bool(worst.at[k, "severe"]), -float(worst.at[k, "drop"]), k)
        if k in worst.index
        else (True, np.inf, k)
        for k in keywords
    }
    return sorted(keywords, key=lambda k: key[k])


def drops_table(impact: pd.DataFrame | None, sku: str, marketplace: str | None = None) -> pd.DataFrame:
    """The SKU's keyword drops, latest stockout first, then severe first, then largest drop."""
    if impact is None or impact.empty:
        return pd.DataFrame(columns=list(impact.columns) if impact is not None else [])
    sel = impact["sku"] == sku
    if marketplace and "marketplace" in impact.columns:
        sel &= impact["marketplace"] == marketplace
    rows = impact[sel]
    return rows.sort_values(
        ["start_date", "severe", "drop", "keyword"],
        ascending=[False, False, False, True],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)


def _recovery(row: pd.Series, lang: str) -> str:
    if bool(row.get("ongoing")):
        return t("ranks.value.ongoing", lang)
    if bool(row.get("recovered")):
        return t("ranks.value.recovered", lang)
    if pd.isna(row.get("baseline")):
        return "–"
    return t("ranks.value.not_yet", lang)


def _drop(row: pd.Series) -> str:
    d = row.get("drop")
    if d is None or pd.isna(d):
        return "–"
    # a ">306" trough is at least 307: the drop is a lower bound
    return ("≥" if bool(row.get("trough_beyond")) else "") + number(float(d))


def drops_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`drops_table` for people: keyword, stockout start, baseline, trough, drop, severe, recovered,
    days to recover, current rank, competitors — labels as the tracker shows them (">306", never 307)."""
    names = (
        "keyword",
        "start_date",
        "baseline",
        "trough",
        "drop",
        "severe",
        "recovered",
        "days_to_recover",
        "current",
        "competitors",
    )
    cols = {c: t(f"ranks.table.{c}", lang) for c in names}
    if table.empty:
        return pd.DataFrame(columns=list(cols.values()))
    yes = t("ranks.value.yes", lang)
    return pd.DataFrame(
        {
            cols["keyword"]: table["keyword"].astype(str),
            cols["start_date"]: [fmt_date(d, lang) for d in table["start_date"]],
            cols["baseline"]: table["baseline_label"].astype(str),
            cols["trough"]: table["trough_label"].astype(str),
            cols["drop"]: [_drop(r) for _, r in table.iterrows()],
            cols["severe"]: [yes if bool(s) else "" for s in table["severe"].fillna(False)],
            cols["recovered"]: [_recovery(r, lang) for _, r in table.iterrows()],
            cols["days_to_recover"]: [number(d) for d in table["days_to_recover"]],
            cols["current"]: table["current_label"].astype(str),
            cols["competitors"]: table["competitors_text"].fillna("").astype(str),
        }
    )


def highlight_severe(display: pd.DataFrame, severe: pd.Series | Iterable[bool]) -> Styler:
    """The display table with severe rows on the reorder-red fill of the replenishment sheet."""
    flags = [bool(s) for s in severe]

    def paint(row: pd.Series) -> list[str]:
        on = flags[display.index.get_loc(row.name)]
        return [f"background-color: {SEVERE_FILL}" if on else ""] * len(row)

    return display.style.apply(paint, axis=1)


@dataclass(frozen=True)
class DropSummary:
    """The SKU's latest stockout as the rank page's headline."""

    start_date: pd.Timestamp | None
    ongoing: bool
    keywords: int
    severe: int
    unrecovered: int


def drops_summary(table: pd.DataFrame) -> DropSummary:
    """Counts over the latest stockout in :func:`drops_table`: keywords, severe drops, keywords not yet back
    (a keyword without a baseline has nothing to come back to and is not counted as open)."""
    if table.empty:
        return DropSummary(None, False, 0, 0, 0)
    start = pd.to_datetime(table["start_date"]).max()
    last = table[pd.to_datetime(table["start_date"]) == start]
    open_ = ~last["recovered"].fillna(False).astype(bool) & last["baseline"].notna()
    return DropSummary(
        start_date=start,
        ongoing=bool(last["ongoing"].fillna(False).astype(bool).any()),
        keywords=int(last["keyword"].nunique()),
        severe=int(last["severe"].fillna(False).astype(bool).sum()),
        unrecovered=int(last.loc[open_, "keyword"].nunique()),
    )

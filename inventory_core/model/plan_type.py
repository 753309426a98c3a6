"""The plan as the pages and charts read it: the :class:`Plan` type and the figures it blanks when unknown.

A light module (no store, no DuckDB): a view or a chart that only names the plan's type or its columns
imports this, not :mod:`inventory_core.model.plan`, which computes the plan over the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from inventory_core.model.settings import Settings

__all__ = ["SALES_FIGURES", "STOCK_FIGURES", "Plan"]


@dataclass(frozen=True)
class Plan:
    """Every SKU's plan as of one day, with the tables it was built from."""

    as_of: dt.date
    settings: Settings
    skus: pd.DataFrame  # one row per (marketplace, sku)
    episodes: pd.DataFrame  # past and current stockout episodes
    shipments: pd.DataFrame  # open shipments with their arrival day in the projection
    lead_times: pd.DataFrame  # learned ship → received days per mode
    rank_impact: pd.DataFrame  # per stockout episode and keyword: baseline, trough, recovery

    def row(self, sku: str, marketplace: str | None = None) -> pd.Series:
        """The plan row of ``sku`` (in ``marketplace`` when given); ``KeyError`` when there is none."""
        sel = self.skus["sku"] == sku
        if marketplace is not None:
            sel &= self.skus["marketplace"] == marketplace
        rows = self.skus[sel]
        if rows.empty:
            raise KeyError(sku)
        return rows.iloc[0]


# Figures that stand on the stock at the as-of, and those that also stand on the ADS: blanked (NaN, NaT,
# None) where the store does not know them, so no figure is computed from a day it does not know.
STOCK_FIGURES = (
    "available",
    "days_of_cover",
    "days_of_cover_with_inbound",
    "woc",
    "reorder_qty",
    "order_in_days",
    "latest_order_date",
    "stockout_day",
    "stockout_date",
    "gap_days",
    "gap_class",
    "lost_units",
    "lost_sales",
    "air_qty",
    "amazon_diff",
    "woc_band",
    "strategy",
)
SALES_FIGURES = (
    "velocity",
    "velocity_blend",
    "safety_stock",
    "days_of_cover",
    "days_of_cover_with_inbound",
    "reorder_qty",
    "order_in_days",
    "latest_order_date",
    "stockout_day",
    "stockout_date",
    "gap_days",
    "gap_class",
    "lost_units",
    "lost_sales",
    "air_qty",
    "amazon_diff",
)

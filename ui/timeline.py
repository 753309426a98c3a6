"""Cached store reads of the stockout timeline page, keyed by the data version (an import invalidates them).

A what-if widget change reruns the page but reuses these and the cached plan: only the one-SKU
projection is recomputed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from inventory_core.store import default_db_path
from inventory_core.views.timeline import campaign_window, sku_campaigns
from ui.core import get_store, version


@st.cache_data(ttl=3600, max_entries=64, show_spinner=False)
def _stock_history(path: str, data_version: str, sku: str) -> pd.DataFrame:
    del data_version  # part of the cache key only
    return get_store(path).stock_history([sku])


def stock_history(sku: str) -> pd.DataFrame:
    return _stock_history(default_db_path(), version(), sku)


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _ads_daily(path: str, data_version: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    del data_version
    return get_store(path).ads_daily_by_sku(start, end)


def campaigns(sku: str, marketplace: str | None, as_of: dt.date) -> pd.DataFrame:
    """The SKU's campaigns with their spend over the last 7 days (for the playbook's SB/SD line)."""
    start, end = campaign_window(as_of)
    return sku_campaigns(_ads_daily(default_db_path(), version(), start, end), sku, marketplace)

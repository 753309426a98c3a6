"""App-layer glue for Amazon's limits and fees, shared by the weekly review and the replenishment page: the
capacity table per storage type, the flagged SKUs, and the settings inputs."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from inventory_core.labels import storage_label
from inventory_core.model import fba_limits
from inventory_core.model.settings import Settings
from ui.core import save_setting
from ui.view import T, lang

FLASH = "fba_flash"
# (field, min, max, step) of the number inputs; the two text settings follow them.
NUMBERS: tuple[tuple[str, float, float, float], ...] = (
    ("low_inventory_days", 0, 365, 1),
    ("low_inventory_min_units_7d", 0, 10_000, 1),
    ("aged_surcharge_days", 1, 1000, 1),
    ("aged_surcharge_days_apparel", 1, 1000, 1),
)
TEXTS = ("capacity_limits", "marketplace_rules")


def capacity(skus: pd.DataFrame, *, key: str) -> None:
    """The capacity used and left per marketplace and storage type (from the whole plan, not a filter)."""
    table = fba_limits.capacity_table(skus)
    st.markdown(f"**{T('fba.capacity.title')}**", help=T("fba.capacity.help"))
    if table["capacity_limit"].notna().sum() == 0:
        st.caption(T("fba.capacity.none"))
    shown = table.assign(
        storage_type=[storage_label(s, lang()) for s in table["storage_type"]],
        capacity_unit=[T(f"fba.capacity.unit.{u}") for u in table["capacity_unit"]],
    )
    config: dict[str, Any] = {
        c: st.column_config.NumberColumn(T(f"fba.capacity.col.{c}"), format="%.1f")
        for c in ("capacity_limit", "used", "ordered", "planned", "left")
    }
    config |= {
        c: st.column_config.TextColumn(T(f"fba.capacity.col.{c}"))
        for c in ("marketplace", "storage_type", "capacity_unit")
    }
    config |= {
        c: st.column_config.NumberColumn(T(f"fba.capacity.col.{c}"), format="%d")
        for c in ("cut_units", "skus", "skus_volume_unknown")
    }
    st.dataframe(shown, hide_index=True, key=key, column_config=config)


def flags(view: pd.DataFrame, *, key: str) -> None:
    """The SKUs near a low-inventory fee, into the aged band, or with an order cut."""
    counts = fba_limits.flag_counts(view)
    cols = st.columns(3)
    for col, name in zip(cols, ("low_inventory", "aged", "capacity_cut"), strict=True):
        col.metric(T(f"fba.review.{name}"), counts[name])
    table = fba_limits.flagged(view)
    if table.empty:
        st.caption(T("fba.review.none"))
        return
    table = table.assign(
        storage_type=[storage_label(s, lang()) for s in table["storage_type"]],
        low_inventory_fee_date=pd.to_datetime(table["low_inventory_fee_date"], errors="coerce"),
    )
    config: dict[str, Any] = {
        c: st.column_config.NumberColumn(T(f"replenishment.col.{c}"), format="%d")
        for c in (
            "aged_surcharge_units",
            "aged_cut_units",
            "capacity_cut_units",
            "reorder_qty_before_limits",
            "reorder_qty",
        )
    }
    config |= {
        c: st.column_config.TextColumn(T(f"replenishment.col.{c}"))
        for c in ("marketplace", "sku", "storage_type")
    }
    config["low_inventory_fee_date"] = st.column_config.DateColumn(
        T("replenishment.col.low_inventory_fee_date"), format="YYYY-MM-DD"
    )
    st.dataframe(table, hide_index=True, key=key, column_config=config)


def _save(field: str, key: str) -> None:
    """on_change of a rule input: persist it (the settings check reads the capacity and rule entries)."""
    save_setting(field, key, FLASH, "fba.settings.saved")


def rule_inputs(current: Settings) -> None:
    """Inputs bound to the Amazon rule settings (saved on change)."""
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)
    cols = st.columns(len(NUMBERS))
    for col, (field, lo, hi, step) in zip(cols, NUMBERS, strict=True):
        value = getattr(current, field)
        key = f"fba_{field}"
        integer = isinstance(value, int)
        st.session_state.setdefault(key, value)
        col.number_input(
            T(f"fba.settings.{field}"),
            key=key,
            min_value=int(lo) if integer else float(lo),
            max_value=int(hi) if integer else float(hi),
            step=int(step) if integer else float(step),
            on_change=_save,
            args=(field, key),
        )
    for field in TEXTS:
        key = f"fba_{field}"
        st.session_state.setdefault(key, getattr(current, field))
        st.text_input(
            T(f"fba.settings.{field}"),
            key=key,
            help=T(f"fba.settings.{field}_help"),
            on_change=_save,
            args=(field, key),
        )

"""App-layer glue of the Replenishment plan page: threshold widgets bound to Settings, the coloured editor,
saving edits, the per-column display config."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from inventory_core.labels import alert_label, storage_label
from inventory_core.model.settings import Settings
from inventory_core.views.export import DECIMALS
from inventory_core.views.restock import (
    EDITABLE_COLUMNS,
    column_label,
    cover_fills,
    edits,
    settings_rows,
)
from ui.core import invalidate, save_setting, settings, store
from ui.view import T, lang

EDITOR = "repl_editor"
EDITOR_ROWS = "repl_editor_rows"
FLASH = "repl_flash"

# Settings fields edited on this page, with their widget bounds: (field, min, max, step).
THRESHOLDS: tuple[tuple[str, float, float, float], ...] = (
    ("reorder_days", 1, 365, 1),
    ("urgent_days", 0, 365, 1),
    ("default_safety_days", 0, 120, 1),
    ("default_lead_time_days", 1, 365, 1),
    ("default_air_lead_time_days", 1, 120, 1),
    ("horizon_days", 30, 365, 10),
)

# The sheet's decimals (the export's), and whole days for the lead and safety days edited in place.
_DECIMALS = {**DECIMALS, "lead_time_days": 0, "air_lead_time_days": 0, "safety_days": 0}


def _save_threshold(field: str, key: str) -> None:
    """on_change of a threshold input: persist it for every page, or refuse an inconsistent pair."""
    current = settings()
    value = type(getattr(current, field))(st.session_state[key])
    new = current.with_changes(**{field: value})
    if new.urgent_days > new.reorder_days:
        st.session_state[FLASH] = (
            "error",
            T("replenishment.th.bad_order", urgent=new.urgent_days, reorder=new.reorder_days),
        )
        st.session_state[key] = getattr(current, field)
        return
    save_setting(field, key, FLASH, "replenishment.th.saved")


def threshold_inputs(current: Settings) -> None:
    """Number inputs bound to the Settings fields in :data:`THRESHOLDS` (saved on change)."""
    cols = st.columns(len(THRESHOLDS))
    for col, (field, lo, hi, step) in zip(cols, THRESHOLDS, strict=True):
        value = getattr(current, field)
        key = f"repl_th_{field}"
        integer = isinstance(value, int)
        # Seeded from Settings (not value=): the callback may put the saved value back on a refusal.
        st.session_state.setdefault(key, value)
        col.number_input(
            T(f"replenishment.th.{field}"),
            key=key,
            min_value=int(lo) if integer else float(lo),
            max_value=int(hi) if integer else float(hi),
            step=int(step) if integer else float(step),
            on_change=_save_threshold,
            args=(field, key),
            help=T("replenishment.th.help"),
        )


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind == "error":
        st.error(text)
    elif kind == "success":
        st.success(text)


def guard_editor(sheet: pd.DataFrame) -> None:
    """Before the editor is drawn: drop unsaved edits when the rows changed under them.

    The editor reports edits by row position; a new filter, search or threshold reorders the rows, and an
    old edit would land on another SKU.
    """
    rows = tuple(sheet["sku"].astype(str))
    if st.session_state.get(EDITOR_ROWS) != rows:
        st.session_state.pop(EDITOR, None)
        st.session_state[EDITOR_ROWS] = rows


def editor_frame(sheet: pd.DataFrame) -> pd.DataFrame:
    """The sheet as the editor shows it: alert as its label, dates as dates."""
    out = sheet.drop(columns=["cover_colour"], errors="ignore")
    out["alert"] = [alert_label(a, lang()) for a in sheet["alert"]]
    if "storage_type" in out.columns:
        out["storage_type"] = [storage_label(str(v), lang()) for v in out["storage_type"]]
    for col in ("latest_order_date", "stockout_date", "low_inventory_fee_date"):
        if col in out.columns:
            out[col] = pd.to_datetime(out[col], errors="coerce")
    if "is_core" in out.columns:
        out["is_core"] = out["is_core"].fillna(False).astype(bool)
    if "note" in out.columns:
        out["note"] = out["note"].astype(object).where(out["note"].notna(), None)
    # An infinite cover (stock, no sales) is a blank cell: the "why" column says "no sales".
    numeric = out.select_dtypes("number").columns
    out[numeric] = out[numeric].replace([np.inf, -np.inf], np.nan)
    return out


# Cell fills go through pandas' Styler, which renders every cell in Python: ~0.5 s per 1,000 rows on every
# rerun. Past this many rows the cells stay plain (the Excel export always has the fills), so a widget
# change on a large catalogue stays fast.
STYLE_MAX_ROWS = 300


def styled(frame: pd.DataFrame, sheet: pd.DataFrame) -> Any:
    """The editor data with the days-of-cover cells in the seller's red/yellow (seed 000's sheet)."""
    if len(frame) > STYLE_MAX_ROWS or "days_of_cover" not in frame.columns:
        return frame
    fills = cover_fills(sheet)

    def paint(col: pd.Series) -> list[str]:
        return [f"background-color: {f}; color: #111827" if f else "" for f in fills]

    return frame.style.apply(paint, axis=0, subset=["days_of_cover"])


def column_config(columns: Sequence[str]) -> dict[str, Any]:
    cc = st.column_config
    config: dict[str, Any] = {}
    for col in columns:
        label = column_label(col, lang())
        if col == "is_core":
            config[col] = cc.CheckboxColumn(label)
        elif col in ("note", "sku", "product_name", "alert", "marketplace", "plan_note", "storage_type"):
            config[col] = cc.TextColumn(
                label, width="large" if col in ("product_name", "plan_note") else None
            )
        elif col in ("latest_order_date", "stockout_date", "low_inventory_fee_date"):
            config[col] = cc.DateColumn(label, format="YYYY-MM-DD")
        else:
            decimals = _DECIMALS.get(col, 1)
            config[col] = cc.NumberColumn(
                label,
                format=f"%.{decimals}f",
                min_value=0 if col in EDITABLE_COLUMNS else None,
                step=1 if decimals == 0 else 10**-decimals,
            )
    return config


def pending_edits(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return edits(before, after, EDITABLE_COLUMNS)


def save_edits(changes: dict[str, dict[str, Any]]) -> None:
    """Merge the edits into the SKUs' current settings and store them as one (undoable) import."""
    try:
        rows = settings_rows(store().sku_settings_df(), changes)
    except ValueError as exc:
        st.session_state[FLASH] = ("error", T("replenishment.save_error", error=str(exc)))
        return
    store().save_sku_settings(rows)
    invalidate()
    st.session_state.pop(EDITOR, None)  # start the editor afresh on the saved values
    st.session_state[FLASH] = ("success", T("replenishment.saved", n=len(rows), skus=", ".join(rows["sku"])))

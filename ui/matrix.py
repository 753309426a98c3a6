"""App-layer glue of the WOC × ROAS matrix page: chart selection → the SKU picker, threshold saving."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from inventory_core.model.matrix import merge_selection, skus_from_points
from inventory_core.model.plan import save_settings
from inventory_core.model.settings import Settings, SettingsError
from ui.core import invalidate, store
from ui.view import lang

PICK = "matrix_pick"
_LAST_CHART = "matrix_last_chart_selection"
SAVED_FLAG = "matrix_saved_message"
ERROR_FLAG = "matrix_save_error"


def chart_points(event: Any) -> list[dict[str, Any]]:
    """The selected points of a ``st.plotly_chart(on_select="rerun")`` event (none when nothing selected)."""
    try:
        return list(event["selection"]["points"])
    except (KeyError, TypeError):
        return []


def prepare_pick(event: Any, options: Sequence[str], sku: str) -> None:
    """Before the picker is drawn: mirror a new chart selection into it (see
    :func:`inventory_core.model.matrix.merge_selection`)."""
    picks, last = merge_selection(
        skus_from_points(chart_points(event)),
        st.session_state.get(_LAST_CHART),
        st.session_state.get(PICK),
        options,
        sku,
    )
    st.session_state[PICK] = picks
    st.session_state[_LAST_CHART] = last


def save_thresholds(
    current: Settings, *, risk_below: float, overstock_above: float, aged_at: float, message: str
) -> None:
    """Button callback: persist the WOC lines as the default settings, then drop the cached plan."""
    try:
        save_settings(
            store(),
            current.with_changes(
                woc_risk_below=float(risk_below),
                woc_overstock_above=float(overstock_above),
                woc_aged_at=float(aged_at),
            ),
        )
    except SettingsError as exc:
        st.session_state[ERROR_FLAG] = exc.message(lang())
        return
    invalidate()
    st.session_state[SAVED_FLAG] = message


_MONEY_FORMATS = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}


def money_format(currencies: Sequence[Any]) -> str:
    """A ``st.column_config.NumberColumn`` format for money columns: the currency's own preset when the
    table holds one currency Streamlit knows, else plain grouped numbers (the currency column is then
    shown)."""
    codes = {str(c).upper() for c in currencies if isinstance(c, str) and c}
    return _MONEY_FORMATS.get(codes.pop(), "localized") if len(codes) == 1 else "localized"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~$"})


def md_escape(text: object) -> str:
    """Text shown verbatim inside ``st.markdown`` (SKUs like ``MUG_11OZ*2`` must not turn italic)."""
    return str(text).translate(_MD_SPECIAL)

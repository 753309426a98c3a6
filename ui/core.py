"""App-layer glue shared by the pages: cached store and plan, language, URL state, presentation mode.

Caching lives here (never in ``inventory_core``): the DuckDB store is a ``cache_resource``; query results
are ``cache_data`` keyed by the store's data version, so an import or a settings edit invalidates them and
a widget change reuses them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from inventory_core.i18n import t
from inventory_core.metrics import Plan, compute_plan, load_settings
from inventory_core.settings import Settings, SettingsError
from inventory_core.storage import Store, StoreError, default_db_path
from ui import view


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The database — behind the sign-in: every page reaches its data through here."""
    from ui.auth import require_sign_in

    require_sign_in()
    try:
        return get_store(default_db_path())
    except StoreError as exc:  # locked by another program, made by a newer release, ...
        st.error(str(exc))
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function never falls through


def version() -> str:
    return store().data_version()


@st.cache_data(ttl=3600, max_entries=16, show_spinner=False)
def _plan(path: str, data_version: str, as_of: dt.date | None, settings_json: str) -> Plan:
    del data_version  # part of the cache key only
    return compute_plan(get_store(path), as_of, Settings.from_json(settings_json))


def plan(as_of: dt.date | None = None) -> Plan:
    s = settings()
    return _plan(default_db_path(), version(), as_of, s.to_json())


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _settings(path: str, data_version: str) -> Settings:
    del data_version
    return load_settings(get_store(path))


def settings() -> Settings:
    """The stored settings; a stored value outside its range shows one line and the defaults are used."""
    try:
        return _settings(default_db_path(), version())
    except SettingsError as exc:
        st.error(t("settings.defaults_used", lang(), reason=exc.message(lang())))
        return Settings()


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _marketplaces(path: str, data_version: str) -> list[str]:
    del data_version
    return get_store(path).marketplaces()


def marketplaces() -> list[str]:
    """Marketplaces the data has (for the global filter)."""
    return _marketplaces(default_db_path(), version())


def invalidate() -> None:
    """After a write: drop cached query results (the version key changes too; this frees memory)."""
    _plan.clear()
    _settings.clear()
    _marketplaces.clear()


# --- language and URL state (the view itself: ui.view) ---------------------------------------------------


def lang() -> str:
    return str(st.session_state.get("lang", view.DEFAULT_LANG))


def T(key: str, **values: Any) -> str:  # noqa: N802 - short name reads like gettext's _()
    return t(key, lang(), **values)


def set_sku(sku: str) -> None:
    """Select a SKU for every page (and the URL)."""
    view.set_value("sku", sku)


def filter_skus(frame: pd.DataFrame) -> pd.DataFrame:
    """Apply the global filters (marketplace, SKU/ASIN/title search) to a per-SKU frame."""
    out = frame
    mk = st.session_state.get("mk", "")
    if mk and "marketplace" in out.columns:
        out = out[out["marketplace"] == mk]
    q = str(st.session_state.get("q", "")).strip().lower()
    if q:
        hay = out["sku"].astype(str).str.lower()
        for col in ("asin", "product_name"):
            if col in out.columns:
                hay = hay + " " + out[col].fillna("").astype(str).str.lower()
        out = out[hay.str.contains(q, regex=False)]
    return out


def empty_guard() -> bool:
    """On an empty database: say how to start and return True (the page then stops)."""
    if not store().is_empty():
        return False
    st.info(T("app.empty"))
    view.page_link("upload", T("page.upload"), ":material/upload_file:")
    return True


def money(value: float | None, currency: str | None = "USD") -> str:
    from inventory_core.formatting import money as fmt

    return fmt(value, currency, lang())

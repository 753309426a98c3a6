"""App-layer glue shared by the pages: the store behind the sign-in, cached plan, settings and
marketplaces, the global filters, the empty-database guard and the freshness line (the view itself, with the
language and :func:`ui.view.T`, is :mod:`ui.view`).

Caching lives here (never in ``inventory_core``): the store object is a ``cache_resource`` that holds no
connection between uses (it opens the file read-only for a read, read-write for a write, and closes it
after), so the command line can import while the app is open; query results are ``cache_data`` keyed by the
store's data version, so an import (here or by another program) or a settings edit invalidates them on the
next rerun and a widget change reuses them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pandas as pd
import streamlit as st

from inventory_core.i18n import t
from inventory_core.model.plan import compute_plan, load_settings
from inventory_core.model.plan_type import Plan
from inventory_core.model.settings import Settings, SettingsError
from inventory_core.store import Store, StoreError, default_db_path
from ui import view
from ui.auth import require_sign_in
from ui.view import T, lang


@st.cache_resource(show_spinner=False)
def get_store(path: str) -> Store:
    return Store(path, keep_open=False)


def store() -> Store:
    """The database — behind the sign-in: every page reaches its data through here."""
    require_sign_in()
    with stop_on_store_error():
        return get_store(default_db_path())


@contextlib.contextmanager
def stop_on_store_error() -> Iterator[None]:
    """A problem with the database file (in use by an import of another program, damaged, disk full, made
    by a newer release) shows as one line in the user's language and stops the page, never a traceback.
    The entry script runs every page inside this."""
    try:
        yield
    except StoreError as exc:
        st.error(exc.message(lang()))
        st.stop()


def version() -> str:
    """The data version; from the file's stat while nothing changed, so an idle rerun opens nothing."""
    with stop_on_store_error():
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


def save_setting(field: str, key: str, flash: str, saved_key: str) -> None:
    """on_change of a settings input: persist the widget's value, or put the saved value back and leave the
    one-line refusal (range, order, unreadable entry) in ``st.session_state[flash]``."""
    from inventory_core.model.plan import save_settings

    current = settings()
    new = current.with_changes(**{field: type(getattr(current, field))(st.session_state[key])})
    try:
        save_settings(store(), new)
    except SettingsError as exc:
        st.session_state[flash] = ("error", exc.message(lang()))
        st.session_state[key] = getattr(current, field)
        return
    invalidate()
    st.session_state[flash] = ("success", T(saved_key))


def invalidate() -> None:
    """After a write: drop cached query results (the version key changes too; this frees memory)."""
    _plan.clear()
    _settings.clear()
    _marketplaces.clear()
    _is_empty.clear()


# --- URL state (the view itself, with the language and T: ui.view) -------------------------------------


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


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _is_empty(path: str, data_version: str) -> bool:
    del data_version
    return get_store(path).is_empty()


def empty_guard() -> bool:
    """On an empty database: say how to start and return True (the page then stops)."""
    if not _is_empty(default_db_path(), version()):
        return False
    st.info(T("app.empty"))
    view.page_link("upload", T("page.upload"), ":material/upload_file:")
    return True


def money(value: float | None, currency: str | None = "USD") -> str:
    from inventory_core.formatting import money as fmt

    return fmt(value, currency, lang())


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _freshness(
    path: str, data_version: str, today: dt.date, language: str
) -> tuple[str, list[str], list[str], bool]:
    """The freshness line, the exports to download and the cross-source checks (issue 12)."""
    del data_version  # part of the cache key only
    from inventory_core.views import freshness as fr

    s = settings()
    f = fr.freshness(get_store(path), today, s)
    checks = fr.health_checks(get_store(path), f.last["sales"] or today, s, language)
    return fr.freshness_line(f, language), fr.freshness_advice(f, language), checks, f.red


def show_freshness(*, checks: bool = False) -> bool:
    """The freshness line (red, with the exports to download, when the sources are apart or old); with
    ``checks`` also the cross-source data-health warnings. True when all is fresh and no check fired."""
    line, advice, warnings, red = _freshness(default_db_path(), version(), dt.date.today(), lang())
    # Red text rather than an error box: an error box on these pages means a refused file or a failure.
    if red:
        st.markdown("\n".join([f":red[**{line}**]", *(f"- :red[{a}]" for a in advice)]))
    else:
        st.markdown(f":green[{line}]")
    if checks:
        for text in warnings:
            st.warning(text)
    return not red and not (checks and warnings)

"""Upload & data health: drop exports, preview each file, import, undo, and see what the data cover.

Works on an empty database (it is how users start) and offers the demo data there. The per-file preview,
the import and undo are in :mod:`ui.upload`; the logic behind them in :mod:`inventory_core.ingest.importer`
and :mod:`inventory_core.views.upload`.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from inventory_core.ingest.importer import ImportOptions
from inventory_core.store.marketplaces import MARKETPLACES
from inventory_core.store.schema import CANONICAL_TABLES
from inventory_core.views import upload as core
from ui import present
from ui import upload as ui
from ui.core import show_freshness, store
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

st.title(T("page.upload"))

if store().is_empty():
    st.info(T("upload.welcome"))
    if st.button(T("upload.demo"), key="upload_demo", icon=":material/science:"):
        ui.load_demo()
        st.rerun()

# --- files: recognise, preview, import ----------------------------------------------------------------
markets = [m.code for m in MARKETPLACES]
with present.main("upload"):
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    marketplace = left.selectbox(
        T("upload.marketplace"),
        markets,
        index=markets.index("US"),
        key="upload_marketplace",
        help=T("upload.marketplace_help"),
    )
    allow_partial = right.toggle(T("upload.partial"), key="upload_partial", help=T("upload.partial_help"))
    uploaded = st.file_uploader(
        T("upload.files"), accept_multiple_files=True, key="upload_files", help=T("upload.files_help")
    )
with present.notes():
    st.caption(T("upload.intro"))

files, duplicates = ui.unique_files(uploaded or [])
for name, first in duplicates:
    st.caption(T("upload.duplicate", other=first) + f" ({name})")
base = ImportOptions(marketplace=marketplace, allow_partial=allow_partial)
ready = [item for name, data, sha in files if (item := ui.file_panel(name, data, sha, base)) is not None]
if ready and st.button(T("upload.import", n=len(ready)), key="upload_import", type="primary"):
    st.session_state["upload_outcomes"] = ui.commit_all(ready)
    st.session_state.pop("upload_undo_id", None)  # the undo selector starts again at the newest import
    st.rerun()  # redraw with the new data: the files now show as imported, the log and coverage update
ui.show_outcomes(st.session_state.get("upload_outcomes", []))

# --- import log and undo ------------------------------------------------------------------------------
st.subheader(T("upload.log_title"))
log = store().import_log_df()
if log.empty:
    st.caption(T("upload.log_empty"))
else:
    table = core.log_table(log, lang())
    st.dataframe(
        table,
        hide_index=True,
        height=min(400, 38 + 35 * len(table)),
        key="upload_log",
        column_config={c: T(f"upload.lcol.{c}") for c in table.columns},
    )
    active = core.active_imports(log)
    pick, act = st.columns([3, 1], vertical_alignment="bottom")
    names = {i: core.import_choice(log, i, lang()) for i in active}
    pick.selectbox(T("upload.undo_pick"), active, key="upload_undo_id", format_func=names.__getitem__)
    act.button(
        T("upload.undo"),
        key="upload_undo",
        on_click=ui.undo_selected,
        disabled=not active,
        help=T("upload.undo_help"),
    )
flash = st.session_state.pop("upload_flash", None)
if flash:
    (st.success if flash[0] == "success" else st.error)(flash[1])

# --- coverage and data health -------------------------------------------------------------------------
if not log.empty:
    st.subheader(T("upload.coverage_title"))
    st.caption(T("upload.coverage_caption", days=core.STALE_AFTER_DAYS))
    summary = core.coverage_summary(ui.coverage(), dt.date.today())
    cov = core.coverage_table(summary, lang())
    st.dataframe(
        cov,
        hide_index=True,
        key="upload_coverage",
        column_config={c: T(f"upload.ccol.{c}") for c in cov.columns},
    )
    fresh = show_freshness(checks=True)
    warnings = core.health_warnings(summary) + core.stock_warnings(ui.negative_stock())
    case = core.case_warning(ui.case_twins())
    if case is not None:
        warnings.append(case)
    for warning in warnings:
        st.warning(core.warning_text(warning, lang()))
    if fresh and not any(w.table in core.STALE_TABLES for w in warnings):
        st.success(T("upload.health.ok"))

# --- templates ----------------------------------------------------------------------------------------
st.subheader(T("upload.templates_title"))
st.caption(T("upload.templates_caption"))
slots = st.columns(4)
for i, table_name in enumerate(CANONICAL_TABLES):
    slots[i % 4].download_button(
        core.table_title(table_name, lang()),
        core.template_csv(table_name),
        file_name=core.template_file_name(table_name),
        mime="text/csv",
        key=f"upload_tpl_{table_name}",
        icon=":material/description:",
        on_click="ignore",
    )

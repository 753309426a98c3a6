"""Replenishment plan: the seller's restock sheet, better — ADS candidates side by side, cover, WOC,
reorder quantity and latest order date, coloured by alert; per-SKU settings edited in place; the
explanation of any row; Excel and CSV export."""

from __future__ import annotations

import streamlit as st

from inventory_core.formatting import date as fmt_date
from inventory_core.formatting import number
from inventory_core.labels import alert_label
from inventory_core.model import fba_limits
from inventory_core.views.charts.replenishment import cover_figure
from inventory_core.views.explain import explain
from inventory_core.views.export import plan_to_csv, plan_to_xlsx
from inventory_core.views.restock import (
    ALERT_BADGE,
    ALERT_ORDER,
    EDITABLE_COLUMNS,
    alert_counts,
    restock_sheet,
)
from ui import fba, present
from ui import replenishment as ui
from ui.core import empty_guard, filter_skus, plan, set_sku
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

st.title(T("page.replenishment"))
if empty_guard():
    st.stop()

p = plan()
s = p.settings
ui.show_flash()
main = present.main(
    "replenishment"
)  # the counts and the sheet under the title, drawn once the filter is read

# --- Amazon's limits and fees: capacity per storage type, flagged SKUs, the rules -------------------------
with st.expander(T("fba.settings.title"), expanded=fba_limits.flag_counts(p.skus)["capacity_cut"] > 0):
    fba.capacity(p.skus, key="repl_capacity")
    fba.flags(filter_skus(p.skus), key="repl_fba_flags")
    fba.rule_inputs(s)

# --- what needs ordering --------------------------------------------------------------------------------
skus = filter_skus(p.skus)
level_labels = {a: alert_label(a, lang()) for a in ALERT_ORDER}
levels = st.multiselect(
    T("replenishment.filter"),
    list(ALERT_ORDER),
    default=list(ALERT_ORDER),
    key="repl_alerts",
    format_func=level_labels.__getitem__,
)
sheet = restock_sheet(skus, levels, lang())
counts = alert_counts(sheet)
with main:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        f"{ALERT_BADGE['urgent']} {T('replenishment.metric.urgent', days=number(s.urgent_days))}",
        counts["urgent"],
    )
    c2.metric(
        f"{ALERT_BADGE['reorder']} {T('replenishment.metric.reorder', days=number(s.reorder_days))}",
        counts["reorder"],
    )
    c3.metric(f"{ALERT_BADGE['watch']} {T('replenishment.metric.watch')}", counts["watch"])
    c4.metric(T("replenishment.metric.units"), number(sheet["reorder_qty"].sum() if len(sheet) else 0))

    # --- the sheet, editable in place -----------------------------------------------------------------
    st.subheader(T("replenishment.table"), help=T("replenishment.table_help"))
    if sheet.empty:
        st.info(T("replenishment.no_rows"))
        st.stop()
    ui.guard_editor(sheet)
    shown = ui.editor_frame(sheet)
    edited = st.data_editor(
        ui.styled(shown, sheet),
        key=ui.EDITOR,
        hide_index=True,
        num_rows="fixed",
        disabled=[c for c in shown.columns if c not in EDITABLE_COLUMNS],
        column_config=ui.column_config(list(shown.columns)),
        placeholder="–",
        height=present.height(min(36 * (len(shown) + 1) + 4, 760), 36 * 8 + 4),
    )
changes = ui.pending_edits(shown, edited)
b1, b2, b3, b4 = st.columns([1.2, 1.4, 1.4, 3])
if b1.button(T("replenishment.save"), key="repl_save", type="primary", disabled=not changes):
    ui.save_edits(changes)
    st.rerun()
stamp = p.as_of.isoformat()
b2.download_button(
    T("replenishment.download_xlsx"),
    data=lambda: plan_to_xlsx(sheet, lang()),
    file_name=f"{T('replenishment.file_name', date=stamp)}.xlsx",
    key="repl_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)
b3.download_button(
    T("replenishment.download_csv"),
    data=lambda: plan_to_csv(sheet, lang()),
    file_name=f"{T('replenishment.file_name', date=stamp)}.csv",
    key="repl_csv",
    mime="text/csv",
    on_click="ignore",
)
b4.caption(
    T("replenishment.pending", n=sum(len(v) for v in changes.values()))
    if changes
    else T("replenishment.no_edits")
)

with st.expander(T("replenishment.thresholds")):
    ui.threshold_inputs(s)
with present.notes():
    st.caption(
        T(
            "replenishment.caption",
            as_of=fmt_date(p.as_of, lang()),
            reorder=number(s.reorder_days),
            urgent=number(s.urgent_days),
        )
    )

# --- why these numbers ------------------------------------------------------------------------------------
st.subheader(T("replenishment.explain_title"))
options = sheet["sku"].astype(str).tolist()
if st.session_state.get("repl_sku") not in options:
    wanted = st.session_state.get("sku", "")
    st.session_state["repl_sku"] = wanted if wanted in options else options[0]
sku = st.selectbox(
    T("replenishment.explain_sku"),
    options,
    key="repl_sku",
    on_change=lambda: set_sku(st.session_state["repl_sku"]),
)
row = skus[skus["sku"] == sku].iloc[0]
st.markdown("\n".join(f"- {line}" for line in explain(row, lang(), s, p.lead_times)).replace("$", "\\$"))

st.plotly_chart(
    cover_figure(sheet, reorder_days=s.reorder_days, urgent_days=s.urgent_days, lang=lang()),
    key="repl_chart",
    width="stretch",
)

"""Stockout timeline: portfolio Gantt, one SKU's projection with what-if controls, past stockouts,
playbook."""

from __future__ import annotations

import streamlit as st

from inventory_core.formatting import date as fmt_date
from inventory_core.formatting import number
from inventory_core.labels import phase_label
from inventory_core.model import playbook, whatif
from inventory_core.model.plan_checks import plan_notes
from inventory_core.views.charts.timeline import (
    mode_label,
    portfolio_gantt,
    portfolio_order,
    projection_figure,
)
from inventory_core.views.timeline import (
    checklist_label,
    episodes_display,
    episodes_table,
    playbook_checklist,
    row_currency,
    whatif_metrics,
)
from ui import present
from ui import timeline as data
from ui.core import empty_guard, filter_skus, plan, set_sku
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

WHATIF_KEYS = ("tl_velocity", "tl_air")


def _reset_whatif() -> None:
    for key in [k for k in st.session_state if k in WHATIF_KEYS or str(k).startswith("tl_shift_")]:
        del st.session_state[key]


def _on_sku() -> None:
    set_sku(st.session_state["tl_sku"])
    _reset_whatif()


st.title(T("page.timeline"))
if empty_guard():
    st.stop()

p = plan()
rows = portfolio_order(filter_skus(p.skus))

if not present.on():  # the chart's own title names it on a shared screen
    st.subheader(T("timeline.portfolio"))
with present.main("timeline"):
    gantt = portfolio_gantt(p, lang(), rows)
    if present.on():  # the whole portfolio under the title of a 1280×720 screen
        gantt.update_layout(height=min(gantt.layout.height or 560, 560))
        gantt.update_yaxes(dtick=1, tickfont={"size": 10})  # every SKU named, in smaller type
    st.plotly_chart(gantt, key="tl_gantt", width="stretch")
with present.notes():
    st.caption(T("timeline.caption", date=fmt_date(p.as_of, lang())))
if rows.empty:
    st.info(T("timeline.no_match"))
    st.stop()

# --- SKU (shared with the other pages and the URL) ---------------------------------------------------
options = list(dict.fromkeys(rows["sku"].astype(str)))  # a SKU sold in two marketplaces once
wanted = st.session_state.get("sku", "")
if wanted in options and st.session_state.get("tl_sku") != wanted:
    st.session_state["tl_sku"] = wanted
    _reset_whatif()
elif st.session_state.get("tl_sku") not in options:
    st.session_state["tl_sku"] = options[0]
labels = {s: f"{s} · {phase_label(ph, lang())}" for s, ph in zip(rows["sku"], rows["phase"], strict=True)}
sku = st.selectbox(
    T("timeline.sku"),
    options,
    key="tl_sku",
    on_change=_on_sku,
    help=T("timeline.sku_help"),
    format_func=labels.__getitem__,
)
row = rows[rows["sku"] == sku].iloc[0]
if row["alert"] == "check_data":  # impossible inputs: nothing to project; say what to fix (issue 17)
    st.warning(plan_notes(rows[rows["sku"] == sku], lang())[0])
    st.stop()
marketplace = str(row["marketplace"])
currency = row_currency(row)

# --- what-if controls ---------------------------------------------------------------------------------
ships = whatif.sku_shipments(p.shipments, sku, marketplace)
base_velocity = round(float(row["velocity"]), 2)
with st.container(border=True):
    st.markdown(
        f"**{T('timeline.whatif')}**", help=T("timeline.whatif_help", days=number(row["air_lead_time_days"]))
    )
    c_velocity, c_ship, c_air = st.columns([1, 2, 1.3])
    velocity_value = c_velocity.number_input(
        T("timeline.ads"),
        min_value=0.0,
        value=base_velocity,
        step=0.5,
        format="%.2f",
        key="tl_velocity",
        help=T(
            "timeline.ads_help",
            velocity=number(row["velocity"], 2),
            source=T(f"timeline.velocity_source.{row['velocity_source']}"),
        ),
    )
    shifts: dict[str, int] = {}
    with c_ship:
        if ships.empty:
            st.caption(T("timeline.no_shipments"))
        for s in ships.itertuples():
            shifts[s.shipment_id] = st.slider(
                T("timeline.shift", id=s.shipment_id),
                min_value=-30,
                max_value=60,
                value=0,
                step=1,
                key=f"tl_shift_{s.shipment_id}",
                help=T(
                    "timeline.shift_help",
                    qty=number(s.quantity),
                    mode=mode_label(s.mode, lang()),
                    date=fmt_date(s.projected_eta, lang()),
                ),
            )
    air = c_air.multiselect(
        T("timeline.air"),
        ships["shipment_id"].tolist(),
        key="tl_air",
        disabled=ships.empty,
        help=T("timeline.air_help", days=number(row["air_lead_time_days"])),
    )
    c_air.button(T("timeline.reset"), key="tl_reset", on_click=_reset_whatif)

w = whatif.sku_projection(
    row,
    p.shipments,
    p.settings,
    velocity=None if abs(velocity_value - base_velocity) < 1e-9 else velocity_value,
    eta_shift_days={k: v for k, v in shifts.items() if v},
    to_air=set(air),
)

for col, m in zip(st.columns(4), whatif_metrics(w, lang(), currency), strict=True):
    col.metric(m.label, m.value, m.delta, delta_color=m.delta_color)
if w.changed:
    st.caption(T("timeline.changed_note"))
st.plotly_chart(
    projection_figure(w, data.stock_history(sku), p.episodes, lang()), key="tl_chart", width="stretch"
)

# --- past stockouts and the playbook ---------------------------------------------------------------------
left, right = st.columns([2, 3])
with left:
    st.subheader(T("timeline.episodes"))
    episodes = episodes_table(p.episodes, sku, marketplace)
    if episodes.empty:
        st.caption(T("timeline.no_episodes"))
    else:
        st.dataframe(
            episodes_display(episodes, lang(), currency), hide_index=True, key="tl_episodes", width="stretch"
        )
with right:
    st.subheader(T("timeline.playbook", phase=phase_label(row["phase"], lang())))
    st.caption(T("timeline.playbook_caption"))
    impact = p.rank_impact[(p.rank_impact["sku"] == sku) & (p.rank_impact["marketplace"] == marketplace)]
    actions = playbook.build_playbook(
        row,
        lang(),
        campaigns=data.campaigns(sku, marketplace, p.as_of),
        rank_impact=impact,
        settings=p.settings,
    )
    if not actions:
        st.caption(T("timeline.no_actions"))
    for area, items in playbook_checklist(actions):
        st.markdown(f"**{T(f'playbook.area.{area}')}**")
        for i, action in enumerate(items):
            # a checkbox label is cut to one line: the checkbox ticks, the text beside it wraps
            tick, text = st.columns([1, 22], vertical_alignment="top")
            label = checklist_label(action, lang())
            tick.checkbox(label, key=f"tl_pb_{sku}_{area}_{i}", label_visibility="collapsed")
            text.markdown(label)

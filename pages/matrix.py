"""WOC × ROAS matrix (seed 001): place every ASIN by weeks of cover and ROAS, select points, read the
strategy.

Thresholds move the points at once (``inventory_core.model.matrix.place`` on the cached plan); the plan itself
changes only when "save as default" stores them in the settings.
"""

import streamlit as st

from inventory_core.formatting import money, number
from inventory_core.labels import strategy_label
from inventory_core.model import matrix
from inventory_core.views.charts.matrix import axis_caps, matrix_figure
from ui import matrix as ui
from ui import present
from ui.core import empty_guard, filter_skus, plan, set_sku
from ui.shell import frame
from ui.view import T, lang, page_link

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

st.title(T("page.matrix"))
if empty_guard():
    st.stop()

p = plan()
saved = p.settings
skus = filter_skus(p.skus)
chart_slot = present.main("matrix")  # the matrix right under the title, drawn once its thresholds are read
counts_slot = st.container()

# --- thresholds ------------------------------------------------------------------------------------------
c_bands, c_aged, c_target, c_size = st.columns([3, 1.3, 2.2, 1.8], vertical_alignment="bottom")
risk_below, overstock_above = c_bands.slider(
    T("matrix.bands"),
    min_value=0.5,
    max_value=max(26.0, saved.woc_overstock_above),
    value=(saved.woc_risk_below, saved.woc_overstock_above),
    step=0.5,
    key="matrix_bands",
    help=T("matrix.bands_help"),
)
aged_input = c_aged.number_input(
    T("matrix.aged_at"),
    min_value=1.0,
    max_value=max(156.0, saved.woc_aged_at),
    value=saved.woc_aged_at,
    step=1.0,
    format="%.0f",
    key="matrix_aged",
    help=T("matrix.aged_at_help"),
)
aged_at = max(aged_input, overstock_above)  # the aged line never sits inside the matrix
with c_target:
    use_global = st.toggle(
        T("matrix.global_target"), key="matrix_global", help=T("matrix.global_target_help")
    )
    target = (
        st.slider(
            T("matrix.target"),
            min_value=0.5,
            max_value=10.0,
            value=float(saved.default_target_roas),
            step=0.1,
            key="matrix_target",
        )
        if use_global
        else None
    )
# Format functions read plain dicts: AppTest calls them outside the script run, where T() has no language.
size_labels = {v: T(f"matrix.size.{v}") for v in ("spend", "revenue")}
size_by = c_size.radio(
    T("matrix.size_by"),
    list(size_labels),
    format_func=size_labels.__getitem__,
    key="matrix_size",
    horizontal=True,
)
thresholds = {"risk_below": risk_below, "overstock_above": overstock_above, "aged_at": aged_at}
used = saved.with_changes(woc_risk_below=risk_below, woc_overstock_above=overstock_above, woc_aged_at=aged_at)
st.button(
    T("matrix.save"),
    key="matrix_save",
    help=T("matrix.save_help"),
    disabled=used == saved,
    on_click=ui.save_thresholds,
    kwargs={
        "current": saved,
        **thresholds,
        "message": T(
            "matrix.saved", risk=f"{risk_below:g}", over=f"{overstock_above:g}", aged=f"{aged_at:g}"
        ),
    },
)
if message := st.session_state.pop(ui.SAVED_FLAG, None):
    st.success(message)
if message := st.session_state.pop(ui.ERROR_FLAG, None):
    st.error(message)

placed = matrix.place(skus, **thresholds, target_roas=target)

# --- quadrant counts (delta: against the saved settings) ----------------------------------------------
counts, before = matrix.quadrant_counts(placed), matrix.quadrant_counts(skus)
with counts_slot:
    for col, name in zip(st.columns(len(matrix.STRATEGIES)), matrix.STRATEGIES, strict=True):
        change = int(counts[name] - before[name])
        col.metric(strategy_label(name, lang()), int(counts[name]), delta=change or None, delta_color="off")
    if moved := int(placed["moved"].sum()):
        st.caption(T("matrix.moved", n=moved))

# --- the matrix ------------------------------------------------------------------------------------------
fig = matrix_figure(
    placed,
    risk_below=risk_below,
    overstock_above=overstock_above,
    target_roas_line=target,
    size_by=size_by,
    lang=lang(),
)
with chart_slot:
    event = st.plotly_chart(
        fig, key="matrix_chart", on_select="rerun", selection_mode=("points", "box", "lasso")
    )
    if not int(counts[list(matrix.MATRIX_STRATEGIES)].sum()):
        st.info(T("matrix.chart.empty"))
x_cap, _ = axis_caps(overstock_above, target or 1.0)
with present.notes():
    st.caption(T("matrix.intro", window=saved.roas_window_days))
    st.caption(T("matrix.chart.note", cap=f"{x_cap:g}", aged=int(counts["aged"])))

# --- selection -------------------------------------------------------------------------------------------
st.subheader(T("matrix.selection.title"))
options = sorted(placed["sku"].astype(str).unique())
pick_labels = {
    sku: f"{sku} · {strategy_label(name, lang())}"
    for sku, name in zip(placed["sku"].astype(str), placed["strategy"], strict=True)
}
ui.prepare_pick(event, options, str(st.session_state.get("sku", "")))
picks = st.multiselect(
    T("matrix.pick"),
    options,
    key=ui.PICK,
    placeholder=T("matrix.pick_ph"),
    help=T("matrix.pick_help"),
    format_func=lambda sku: pick_labels.get(sku, sku),
)
if len(picks) == 1:
    set_sku(picks[0])
table = matrix.selection_table(placed, picks, lang(), used)
multi_currency = placed["currency"].nunique() > 1 if "currency" in placed.columns else False
multi_market = placed["marketplace"].nunique() > 1
money_fmt = ui.money_format(list(placed["currency"])) if "currency" in placed.columns else "localized"
if table.empty:
    st.info(T("matrix.selection.empty"))
else:
    # What to do comes right after the strategy: it is why the seller selected the points.
    order = [
        "sku",
        "strategy_label",
        "action",
        "woc",
        "roas",
        "target_roas",
        "roas_vs_target",
        "spend",
        "revenue",
        "asin",
        "product_name",
    ]
    order = (["marketplace"] if multi_market else []) + order + (["currency"] if multi_currency else [])
    st.dataframe(
        table,
        hide_index=True,
        column_order=order,
        column_config={
            "marketplace": st.column_config.TextColumn(T("matrix.col.marketplace")),
            "sku": st.column_config.TextColumn(T("matrix.col.sku")),
            "asin": st.column_config.TextColumn(T("matrix.col.asin")),
            "product_name": st.column_config.TextColumn(T("matrix.col.product"), width="medium"),
            "strategy_label": st.column_config.TextColumn(T("matrix.col.strategy")),
            "woc": st.column_config.NumberColumn(T("matrix.col.woc"), format="%.1f"),
            "roas": st.column_config.NumberColumn(T("matrix.col.roas"), format="%.2f"),
            "target_roas": st.column_config.NumberColumn(T("matrix.col.target"), format="%.2f"),
            "roas_vs_target": st.column_config.NumberColumn(
                T("matrix.col.ratio"), format="%.2f", help=T("matrix.col.ratio_help")
            ),
            "spend": st.column_config.NumberColumn(T("matrix.col.spend"), format=money_fmt),
            "revenue": st.column_config.NumberColumn(T("matrix.col.revenue"), format=money_fmt),
            "currency": st.column_config.TextColumn(T("matrix.col.currency")),
            "action": st.column_config.TextColumn(T("matrix.col.action"), width="large"),
        },
    )
    # The grid cuts long lines: the actions in full, one line per SKU.
    with st.expander(T("matrix.actions_full"), expanded=len(table) <= 5):
        st.markdown(
            "\n".join(
                f"- **{ui.md_escape(r.sku)}** · {ui.md_escape(r.strategy_label)} — {ui.md_escape(r.action)}"
                for r in table.itertuples()
            )
        )
    if (table["strategy"] == "protect_stock").any():
        page_link("timeline", T("matrix.to_playbook"), ":material/timeline:")

# --- aged stock, outside the matrix ----------------------------------------------------------------------
st.subheader(T("matrix.aged.title"))
aged = matrix.aged_table(placed, lang(), used)
if aged.empty:
    st.caption(T("matrix.aged.none"))
else:
    st.caption(T("matrix.aged.caption"))
    for row in matrix.aged_totals(aged).itertuples():
        cur = row.currency or None
        st.markdown(
            T(
                "matrix.aged.totals",
                skus=row.skus,
                units=number(row.units, 0, lang()),
                at_price=money(row.value_at_price, cur, lang()),
                at_cost=money(row.value_at_cost, cur, lang()),
            )
        )
    order = [
        "sku",
        "woc",
        "available",
        "aged_365_plus",
        "aged_surcharge_units",
        "value_at_price",
        "value_at_cost",
        "note",
        "asin",
        "product_name",
    ]
    order = (["marketplace"] if multi_market else []) + order + (["currency"] if multi_currency else [])
    st.dataframe(
        aged,
        hide_index=True,
        column_order=order,
        column_config={
            "marketplace": st.column_config.TextColumn(T("matrix.col.marketplace")),
            "sku": st.column_config.TextColumn(T("matrix.col.sku")),
            "asin": st.column_config.TextColumn(T("matrix.col.asin")),
            "product_name": st.column_config.TextColumn(T("matrix.col.product"), width="medium"),
            "woc": st.column_config.NumberColumn(T("matrix.col.woc"), format="%.1f"),
            "available": st.column_config.NumberColumn(T("matrix.col.available"), format="localized"),
            "aged_365_plus": st.column_config.NumberColumn(T("matrix.col.aged_units"), format="localized"),
            "aged_surcharge_units": st.column_config.NumberColumn(
                T("replenishment.col.aged_surcharge_units"), format="localized"
            ),
            "value_at_price": st.column_config.NumberColumn(T("matrix.col.value_price"), format=money_fmt),
            "value_at_cost": st.column_config.NumberColumn(T("matrix.col.value_cost"), format=money_fmt),
            "currency": st.column_config.TextColumn(T("matrix.col.currency")),
            "note": st.column_config.TextColumn(T("matrix.col.note"), width="large"),
        },
    )

"""Back-test: the policies replayed over the store's history, their trade-off, and one SKU's simulated
stock."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inventory_core.views.charts.backtest import stock_figure, tradeoff_figure
from ui import backtest as ui
from ui import present
from ui.core import empty_guard, set_sku
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

st.title(T("backtest.title"))
if empty_guard():
    st.stop()

with present.main("backtest"):  # the replay's settings, then its result below
    c1, c2, c3 = st.columns([1, 1, 2])
    weeks = c1.number_input(T("backtest.weeks"), min_value=4, max_value=104, value=44, step=1, key="bt_weeks")
    every = c2.number_input(T("backtest.every"), min_value=1, max_value=28, value=7, step=1, key="bt_every")
    c3.caption(T("backtest.hint"))
    if st.button(T("backtest.run"), key="bt_run", type="primary"):
        ui.run(int(weeks), int(every))
with present.notes():
    st.caption(T("backtest.caption"))

res = ui.result()
if res is None:
    st.stop()

st.caption(T("backtest.period", start=res.start.isoformat(), end=res.end.isoformat(), every=res.every_days))
st.subheader(T("backtest.table"))
st.dataframe(ui.table(res.summary), hide_index=True, key="bt_table")
st.markdown(ui.verdict(res.summary))
st.plotly_chart(tradeoff_figure(res.summary, lang()), key="bt_tradeoff", width="stretch")

st.subheader(T("backtest.sku"))
skus = res.keys["sku"].astype(str).tolist()
if st.session_state.get("bt_sku") not in skus:
    wanted = st.session_state.get("sku", "")
    st.session_state["bt_sku"] = wanted if wanted in skus else skus[0]
sku = st.selectbox(
    T("backtest.sku"),
    skus,
    key="bt_sku",
    label_visibility="collapsed",
    on_change=lambda: set_sku(st.session_state["bt_sku"]),
)
i = skus.index(sku)
dates = list(pd.date_range(res.start, res.end, freq="D"))
lines = {p: values[i] for p, values in res.stock.items() if "@" not in p}
real = res.real_on_hand[i] if res.real_on_hand is not None else []
st.plotly_chart(stock_figure(dates, lines, real, sku, lang()), key="bt_stock", width="stretch")

"""Stockout Radar — Streamlit entry point: shared state, sidebar, navigation.

Run with ``make run`` (demo data) or ``STOCKOUT_RADAR_DB=path streamlit run app.py``.
"""

from __future__ import annotations

import streamlit as st

from inventory_core.i18n import LANGS, t
from ui.auth import require_sign_in
from ui.core import T, apply_presentation, init_state, lang, marketplaces, stop_on_store_error, sync_query

st.set_page_config(page_title="Stockout Radar 断货雷达", page_icon="📦", layout="wide")
st.session_state["_entry"] = True  # pages check it (ui.core.ensure_entry)
init_state()
require_sign_in()  # no page and no data before this passes (when sign-in is enabled)

PAGES = [
    ("pages/review.py", "page.review", ":material/summarize:", "review"),
    ("pages/upload.py", "page.upload", ":material/upload_file:", "upload"),
    ("pages/replenishment.py", "page.replenishment", ":material/local_shipping:", "replenishment"),
    ("pages/timeline.py", "page.timeline", ":material/timeline:", "timeline"),
    ("pages/matrix.py", "page.matrix", ":material/scatter_plot:", "matrix"),
    ("pages/budget.py", "page.budget", ":material/payments:", "budget"),
    ("pages/ranks.py", "page.ranks", ":material/trending_down:", "ranks"),
    ("pages/backtest.py", "page.backtest", ":material/history:", "backtest"),
]

with stop_on_store_error():  # a locked, damaged or newer file stops here with one line
    markets = marketplaces()

with st.sidebar:
    st.radio(
        "Language / 语言",
        LANGS,
        format_func=lambda code: t("lang.name", code),
        key="lang",
        horizontal=True,
    )
    st.toggle(T("app.present"), key="present", help=T("app.present_help"))
    st.text_input(T("app.search"), key="q", placeholder=T("app.search_ph"))
    if len(markets) > 1 or st.session_state.get("mk"):
        options = ["", *markets]
        if st.session_state.get("mk") not in options:
            st.session_state["mk"] = ""
        all_label = T("app.all_marketplaces")
        st.selectbox(T("app.marketplace"), options, key="mk", format_func=lambda m: m or all_label)

sync_query(
    lang=lang(),
    present="1" if st.session_state.get("present") else "",
    q=st.session_state.get("q", ""),
    sku=st.session_state.get("sku", ""),
    mk=st.session_state.get("mk", ""),
)
apply_presentation()

pages = {
    url: st.Page(path, title=T(key), icon=icon, url_path=url, default=(i == 0))
    for i, (path, key, icon, url) in enumerate(PAGES)
}
nav = st.navigation(list(pages.values()))
goto = st.session_state.pop("_goto", None)
if goto in pages and nav.url_path != goto:
    st.switch_page(pages[goto])
with stop_on_store_error():  # ... and so does any page that finds the file damaged or in use
    nav.run()

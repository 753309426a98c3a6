"""The frame around every page: page config, the view from the URL, sign-in, sidebar, URL sync.

``app.py`` draws it before running the page. A page also calls :func:`frame` first: while a server process
(or every ``AppTest`` run) has not yet run ``app.py``'s ``st.navigation``, Streamlit runs a page URL through
its ``pages/`` discovery — the page file alone — and the page then draws the frame itself, so no run ever
skips the sign-in, the view or the sidebar.
"""

from __future__ import annotations

import streamlit as st

from inventory_core.i18n import LANGS, t
from ui import present, view
from ui.auth import require_sign_in
from ui.core import marketplaces, stop_on_store_error
from ui.view import T

_DRAWN = "_frame_drawn"  # raised by app.py right before it runs the page, taken down by the page


def draw() -> None:
    st.set_page_config(page_title="Stockout Radar 断货雷达", page_icon=":material/radar:", layout="wide")
    view.init()
    present.apply()
    require_sign_in()  # no page, page list or data before this passes (when sign-in is enabled)
    with stop_on_store_error():  # a locked, damaged or newer file stops here with one line
        markets = marketplaces()
    with st.sidebar:
        query = view.query()
        for spec in view.PAGES:
            st.page_link(spec.path, label=T(spec.title_key), icon=spec.icon, query_params=query)
        st.divider()
        st.radio(
            "Language / 语言",
            LANGS,
            format_func=lambda code: t("lang.name", code),
            key=view.seed_widget("lang"),
            on_change=view.from_widget,
            args=("lang",),
            horizontal=True,
        )
        st.toggle(
            T("app.present"),
            key=view.seed_widget("present"),
            help=T("app.present_help"),
            on_change=view.from_widget,
            args=("present",),
        )
        st.text_input(
            T("app.search"),
            key=view.seed_widget("q"),
            placeholder=T("app.search_ph"),
            on_change=view.from_widget,
            args=("q",),
        )
        if len(markets) > 1 or st.session_state.get("mk"):
            options = ["", *markets]
            if st.session_state.get("mk") not in options:
                st.session_state["mk"] = ""
            all_label = T("app.all_marketplaces")
            st.selectbox(
                T("app.marketplace"),
                options,
                key=view.seed_widget("mk"),
                format_func=lambda m: m or all_label,
                on_change=view.from_widget,
                args=("mk",),
            )
    view.sync_url()


def drawn() -> None:
    """``app.py``: the frame is drawn, the page must not draw it again."""
    st.session_state[_DRAWN] = True


def frame() -> None:
    """First line of every page: draw the frame unless ``app.py`` just did."""
    if not st.session_state.pop(_DRAWN, False):
        draw()

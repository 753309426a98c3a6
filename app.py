"""Stockout Radar — Streamlit entry point: navigation over the pages registered in :data:`ui.view.PAGES`.

Run with ``make run`` (demo data) or ``STOCKOUT_RADAR_DB=path streamlit run app.py``.

Streamlit's own page menu stays hidden (``position="hidden"``, and ``client.showSidebarNavigation = false`` in
``.streamlit/config.toml`` for the runs before this script's first ``st.navigation``): the sign-in screen
shows no page list, and the sidebar's links, drawn by :mod:`ui.shell`, carry the view (language, presentation
mode, filters, SKU) in their URLs.
"""

from __future__ import annotations

import streamlit as st

from ui import shell, view
from ui.core import stop_on_store_error
from ui.view import T

pages = [
    st.Page(spec.path, title=T(spec.title_key), icon=spec.icon, url_path=spec.name, default=(i == 0))
    for i, spec in enumerate(view.PAGES)
]
page = st.navigation(pages, position="hidden")
shell.draw()
shell.drawn()
with stop_on_store_error():  # a page that finds the file damaged or in use stops with one line
    page.run()

"""Presentation mode: the page's main figure whole on a shared 1280×720 screen, large type, explanations
folded.

Every page draws its title, then its main figure or table inside :func:`main` (a container keyed
``<page>_main``; the browser test checks that its box lies inside a 1280×720 viewport), then everything else.
Explanations go into :func:`notes`: below the main figure in both modes, folded into an expander in
presentation mode.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

import streamlit as st

from inventory_core.i18n import t

# Both modes: a headline figure is sized by the width of its own box (container query units) instead of
# being cut ("$82,8…"); a long one (a date with a note) and a label wrap instead of ending in "…".
BASE_CSS = """
<style>
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: min(2.25rem, 15cqi); }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow-wrap: anywhere; text-overflow: clip !important; }
</style>
"""

# Presentation mode: larger type, no top bar, little padding, so the main figure fits under the title.
PRESENT_CSS = """
<style>
html { font-size: 17.5px; }
[data-testid="stHeader"], footer { display: none; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.75rem 1.5rem 2rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 1.9rem; padding: 0 0 0.35rem; }
[data-testid="stMain"] h3 { font-size: 1.3rem; padding: 0.2rem 0; }
[data-testid="stMetricValue"] { font-size: min(2.4rem, 15cqi); line-height: 1.2; }
[data-testid="stMetric"] { padding: 0; }
[data-testid="stSidebar"] [data-testid="stSidebarUserContent"] { padding-top: 1rem; }
</style>
"""


def on() -> bool:
    return bool(st.session_state.get("present"))


def apply() -> None:
    """Inject the mode's style (once per run, from the entry script)."""
    st.html(BASE_CSS + (PRESENT_CSS if on() else ""))


def main(page: str) -> Any:
    """The container of the page's main figure or table."""
    return st.container(key=f"{page}_main")


def notes() -> AbstractContextManager[Any]:
    """Where a page's longer explanations go: plain below the figure, folded in presentation mode."""
    if on():
        return st.expander(t("app.notes", str(st.session_state.get("lang", "zh"))), icon=":material/info:")
    return st.container()


def height(normal: int | None, presenting: int) -> int | None:
    """A figure's or table's height: ``presenting`` pixels in presentation mode, else ``normal``."""
    return presenting if on() else normal


def label(key: str, short_key: str, **values: Any) -> str:
    """A headline label: its short form in presentation mode (a full label would be cut at 1280×720)."""
    return t(short_key if on() else key, str(st.session_state.get("lang", "zh")), **values)

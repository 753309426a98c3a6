"""The view a presenter shares: language, presentation mode, marketplace, search and the selected SKU.

One view per browser session, kept in plain session-state keys (``lang``, ``present``, ``mk``, ``q``,
``sku``) that no widget owns. Streamlit drops a widget's state on a page change that runs without it (that is
how language and presentation mode fell back to English and off on every page change); the sidebar widgets
therefore have keys of their own (``side_*``), are seeded from the view before they are drawn and write back
in their ``on_change``.

The URL carries the view both ways: every run writes it to the query string, every link between pages carries
it (:func:`page_link`, :func:`switch_to`), and a new session — a shared link — starts from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from inventory_core.i18n import LANGS, t

KEYS = ("lang", "present", "mk", "q", "sku")
DEFAULT_LANG = "zh"  # the team's language; ?lang=en or the sidebar switch changes it
WIDGETS = {"lang": "side_lang", "present": "side_present", "mk": "side_mk", "q": "side_q"}
_MAX_TEXT = 200  # a query value longer than this is not a SKU, a search or a marketplace


@dataclass(frozen=True)
class PageSpec:
    """One page of the app. Its module is ``pages/<name>.py``, its title the message ``page.<name>``, its
    URL ``/<name>``; in presentation mode the container keyed ``<name>_main`` (its main figure or table)
    must fit a 1280×720 screen without scrolling (tests/test_browser_present.py)."""

    name: str
    icon: str

    @property
    def path(self) -> str:
        return f"pages/{self.name}.py"

    @property
    def title_key(self) -> str:
        return f"page.{self.name}"

    @property
    def main_key(self) -> str:
        return f"{self.name}_main"


# The app's pages in sidebar order, the first is the home page. Adding a page is one line here.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("review", ":material/summarize:"),
    PageSpec("upload", ":material/upload_file:"),
    PageSpec("replenishment", ":material/local_shipping:"),
    PageSpec("timeline", ":material/timeline:"),
    PageSpec("matrix", ":material/scatter_plot:"),
    PageSpec("budget", ":material/payments:"),
    PageSpec("ranks", ":material/trending_down:"),
    PageSpec("backtest", ":material/history:"),
)
PAGE_NAMES = tuple(p.name for p in PAGES)


def parse_query(query: Mapping[str, Any]) -> dict[str, Any]:
    """The view a URL query asks for; unknown or malformed values fall back to the defaults."""

    def text(key: str) -> str:
        value = query.get(key, "")
        value = value[-1] if isinstance(value, list) and value else value
        value = str(value or "").strip()
        return value if len(value) <= _MAX_TEXT else ""

    code = text("lang")
    return {
        "lang": code if code in LANGS else DEFAULT_LANG,
        "present": text("present") in ("1", "true", "yes"),
        "mk": text("mk").upper(),
        "q": text("q"),
        "sku": text("sku"),
    }


def to_query(view: Mapping[str, Any]) -> dict[str, str]:
    """The view as URL query parameters: language always, the others only when set."""
    out = {"lang": str(view.get("lang") or DEFAULT_LANG)}
    if view.get("present"):
        out["present"] = "1"
    for key in ("mk", "q", "sku"):
        if view.get(key):
            out[key] = str(view[key])
    return out


def lang() -> str:
    """The view's language code."""
    return str(st.session_state.get("lang", DEFAULT_LANG))


def T(key: str, **values: Any) -> str:  # noqa: N802 - short name reads like gettext's _()
    """The message ``key`` in the view's language."""
    return t(key, lang(), **values)


def init() -> None:
    """Set the view once per session, from the URL (so a shared link opens the same view)."""
    for key, value in parse_query(st.query_params.to_dict()).items():
        st.session_state.setdefault(key, value)


def current() -> dict[str, Any]:
    return {key: st.session_state.get(key, parse_query({})[key]) for key in KEYS}


def query() -> dict[str, str]:
    return to_query(current())


def sync_url() -> None:
    """Write the view to the URL query (only when it differs, so the browser history stays quiet)."""
    wanted = query()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def set_value(key: str, value: Any) -> None:
    st.session_state[key] = value
    if key in WIDGETS:
        st.session_state[WIDGETS[key]] = value
    sync_url()


def seed_widget(key: str) -> str:
    """Before a sidebar widget is drawn: give it the view's value; return its key."""
    widget = WIDGETS[key]
    st.session_state[widget] = st.session_state.get(key, parse_query({})[key])
    return widget


def from_widget(key: str) -> None:
    """``on_change`` of a sidebar widget: the widget's value becomes the view's."""
    st.session_state[key] = st.session_state[WIDGETS[key]]


def page_link(name: str, label: str, icon: str | None = None, **changes: Any) -> None:
    """A link to page ``name`` that keeps the view (``changes`` first applied to it, e.g. ``sku=...``)."""
    view = {**current(), **changes}
    st.page_link(f"pages/{name}.py", label=label, icon=icon, query_params=to_query(view))

"""Keyword ranks: trajectories around stockouts, competitors, the table of drops and their recovery."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inventory_core.formatting import date as fmt_date
from inventory_core.model.ranks import rank_series
from inventory_core.store import default_db_path
from inventory_core.views.charts.ranks import rank_figure
from inventory_core.views.ranks import (
    DEFAULT_KEYWORDS,
    drops_display,
    drops_summary,
    drops_table,
    highlight_severe,
    ordered_keywords,
    ranked_skus,
)
from ui import present
from ui.core import empty_guard, filter_skus, get_store, plan, set_sku, version
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _tracked_asins(path: str, data_version: str, asins: tuple[str, ...]) -> list[str]:
    del data_version  # part of the cache key only
    return sorted(get_store(path).keyword_ranks(asins=list(asins))["asin"].unique())


@st.cache_data(ttl=3600, max_entries=32, show_spinner=False)
def _ranks_for(path: str, data_version: str, asin: str) -> pd.DataFrame:
    """The ASIN's rank rows plus every other ASIN's rows on the same keywords (its competitors)."""
    del data_version
    store = get_store(path)
    keywords = sorted(store.keyword_ranks(asins=[asin])["keyword"].unique())
    return store.keyword_ranks(keywords=keywords)


def _on_sku() -> None:
    set_sku(st.session_state["rk_sku"])
    st.session_state.pop("rk_keywords", None)


st.title(T("page.ranks"))
if empty_guard():
    st.stop()
p = plan()
skus = filter_skus(p.skus)
tracked = _tracked_asins(
    default_db_path(), version(), tuple(sorted(skus["asin"].dropna().astype(str).unique()))
)
choices = ranked_skus(skus, tracked, p.rank_impact)
if choices.empty:
    st.info(T("ranks.no_tracked"))
    st.stop()

main = present.main("ranks")  # the trajectories right under the title, drawn once SKU and keywords are read
summary_slot = st.container()

# --- SKU (shared with the other pages and the URL) ---------------------------------------------------
options = list(dict.fromkeys(choices["sku"].astype(str)))
wanted = st.session_state.get("sku", "")
if wanted in options and st.session_state.get("rk_sku") != wanted:
    st.session_state["rk_sku"] = wanted
    st.session_state.pop("rk_keywords", None)
elif st.session_state.get("rk_sku") not in options:
    st.session_state["rk_sku"] = options[0]
labels = {
    r.sku: (
        T("ranks.sku_option_severe", sku=r.sku, asin=r.asin, n=r.severe)
        if r.severe
        else T("ranks.sku_option", sku=r.sku, asin=r.asin)
    )
    for r in choices.itertuples()
}
c_sku, c_kw = st.columns([1, 2])
sku = c_sku.selectbox(
    T("ranks.sku"), options, key="rk_sku", on_change=_on_sku, format_func=labels.__getitem__
)
row = choices[choices["sku"] == sku].iloc[0]
asin, marketplace = str(row["asin"]), str(row["marketplace"])

ranks = _ranks_for(default_db_path(), version(), asin)
impact = p.rank_impact[(p.rank_impact["sku"] == sku) & (p.rank_impact["marketplace"] == marketplace)]
keywords = ordered_keywords(ranks[ranks["marketplace"] == marketplace], asin, impact)
chosen = [k for k in st.session_state.get("rk_keywords", keywords[:DEFAULT_KEYWORDS]) if k in keywords]
st.session_state["rk_keywords"] = chosen
chosen = c_kw.multiselect(
    T("ranks.keywords"), keywords, key="rk_keywords", help=T("ranks.keywords_help", n=len(keywords))
)

# --- summary of the latest stockout -------------------------------------------------------------------
table = drops_table(impact, sku, marketplace)
summary = drops_summary(table)
m1, m2, m3, m4 = summary_slot.columns(4)
last = (
    T("ranks.metric.none")
    if summary.start_date is None
    else T("ranks.metric.ongoing", date=fmt_date(summary.start_date, lang()))
    if summary.ongoing
    else fmt_date(summary.start_date, lang())
)
m1.metric(T("ranks.metric.last_stockout"), last)
m2.metric(T("ranks.metric.keywords"), len(keywords))
m3.metric(T("ranks.metric.severe"), summary.severe)
m4.metric(T("ranks.metric.unrecovered"), summary.unrecovered)

# --- one chart per keyword, two side by side ------------------------------------------------------------
episodes = p.episodes[(p.episodes["asin"] == asin) & (p.episodes["marketplace"] == marketplace)]
with main:
    if not chosen:
        st.info(T("ranks.no_keywords"))
    for start in range(0, len(chosen), 2):
        for col, keyword in zip(st.columns(2), chosen[start : start + 2], strict=False):
            series = rank_series(ranks, asin, keyword, with_competitors=True, marketplace=marketplace)
            fig = rank_figure(
                series,
                episodes,
                impact[impact["keyword"] == keyword],
                lang(),
                baseline_days=p.settings.rank_baseline_days,
                title=keyword,
            )
            if present.on():  # two rows of two keywords under the title of a 1280×720 screen
                fig.update_layout(height=300 if len(chosen) > 2 else 420)
            col.plotly_chart(fig, key=f"rk_chart_{keyword}", width="stretch")
with present.notes():
    st.caption(T("ranks.caption"))

# --- the table of drops ---------------------------------------------------------------------------------
st.subheader(T("ranks.drops"))
if table.empty:
    st.caption(T("ranks.no_drops"))
else:
    s = p.settings
    st.dataframe(
        highlight_severe(drops_display(table, lang()), table["severe"]),
        hide_index=True,
        key="rk_drops",
        width="stretch",
    )
    st.caption(
        T(
            "ranks.severe_rule",
            baseline=s.rank_severe_baseline_max,
            trough=s.rank_severe_trough_min,
            days=s.rank_baseline_days,
            tol=s.rank_recovery_tolerance,
        )
    )

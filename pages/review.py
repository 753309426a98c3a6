"""Weekly review — the meeting's first screen: what needs action, KPI flags, what changed since last week.

Wiring only: the counts, tables and flags come from :mod:`inventory_core.views.review`, the charts from
:mod:`inventory_core.views.charts.review`. Both plans (now and a week earlier) are ``ui.core.plan`` results,
cached by the data version, so a widget change never recomputes them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from inventory_core.views import review
from inventory_core.views.charts.review import cover_bars, phase_counts
from ui import fba, present
from ui.core import (
    default_db_path,
    empty_guard,
    filter_skus,
    get_store,
    plan,
    set_sku,
    show_freshness,
    version,
)
from ui.shell import frame
from ui.view import T, lang, page_link

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)


@st.cache_data(ttl=3600, max_entries=8, show_spinner=False)
def _ad_inputs(path: str, data_version: str, as_of: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keyword/target totals and campaign → SKU over the 7 days before ``as_of`` (for the KPI flags)."""
    del data_version  # part of the cache key only
    store = get_store(path)
    start = review.previous_as_of(as_of)
    return store.keyword_targets(start, as_of), store.campaign_spend(start, as_of)


def _pick_from_table(skus: tuple[str, ...]) -> None:
    event = st.session_state.get("review_actions")
    rows = event["selection"]["rows"] if event else []
    if rows and rows[0] < len(skus):
        set_sku(skus[rows[0]])


def _pick_from_chart() -> None:
    event = st.session_state.get("review_cover_chart")
    points = event["selection"]["points"] if event else []
    if points:
        point = points[0]
        set_sku(str(point.get("customdata") or point.get("y") or ""))


def _pick_from_select() -> None:
    chosen = st.session_state.get("review_sku")
    if chosen:
        set_sku(str(chosen))


st.title(T("page.review"))
if empty_guard():
    st.stop()

now = plan()
prev = plan(review.previous_as_of(now.as_of))  # last week's plan: cached by ui.core, keyed by data version
s = now.settings
view = filter_skus(now.skus)
prev_view = filter_skus(prev.skus)
st.caption(
    T("review.as_of", date=review.fmt_date(now.as_of, lang()), prev=review.fmt_date(prev.as_of, lang()))
)
if not present.on():
    show_freshness()
if len(view) < len(now.skus):
    st.caption(T("review.filtered", n=len(view), total=len(now.skus)))
if view.empty:
    st.info(T("review.none_match"))
    st.stop()

# --- headline metrics (delta: change since last week; for all of them more is worse) ---------------------
cur = review.summary(review.with_skus(now, view))
old = review.summary(review.with_skus(prev, prev_view))
with present.main("review"):  # the KPI rows and the first rows of "needs action": one screen
    top = st.columns(4)
    for column, field in zip(top, ("stockouts_now", "coming", "recovering"), strict=False):
        now_count, before = getattr(cur, field), getattr(old, field)
        column.metric(
            T(f"review.metric.{field}"),
            now_count,
            now_count - before,
            delta_color="inverse",
            help=T(f"review.metric.{field}_help"),
        )
    top[3].metric(
        present.label("review.metric.lost_sales", "review.metric.lost_sales_short"),
        review.lost_sales_text(cur.lost_sales, lang()),
        review.lost_sales_delta(cur, old, lang()),
        delta_color="inverse",
        help=T("review.metric.lost_sales_help", days=s.horizon_days),
    )
    row = st.columns(4)
    row[0].metric(
        T("review.metric.need_order"),
        cur.need_order,
        cur.need_order - old.need_order,
        delta_color="inverse",
        help=T("review.metric.need_order_help", reorder=f"{s.reorder_days:g}", urgent=f"{s.urgent_days:g}"),
    )
    row[1].metric(
        T("review.metric.need_air"),
        cur.need_air,
        cur.need_air - old.need_air,
        delta_color="inverse",
        help=T("review.metric.need_air_help"),
    )
    row[2].metric(
        T("review.metric.ad_cut"),
        cur.ad_cut,
        cur.ad_cut - old.ad_cut,
        delta_color="inverse",
        help=T("review.metric.ad_cut_help"),
    )
    row[3].metric(
        T("review.metric.price_step"),
        cur.price_step,
        cur.price_step - old.price_step,
        delta_color="inverse",
        help=T("review.metric.price_step_help", raise_n=cur.price_raise, discount_n=cur.price_discount),
    )

    # --- needs action ---------------------------------------------------------------------------------------
    st.subheader(T("review.actions_title"))
    table = review.action_table(view, lang())
    if table.empty:
        st.success(T("review.actions_none"))
    else:
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=present.height("auto", 38 + 35 * min(len(table), 5)),
            key="review_actions",
            on_select=partial(_pick_from_table, tuple(table["sku"])),
            selection_mode="single-row",
            column_config={col: st.column_config.Column(T(f"review.col.{col}")) for col in table.columns}
            | {
                "reorder_qty": st.column_config.NumberColumn(T("review.col.reorder_qty"), format="%d"),
                "air_qty": st.column_config.NumberColumn(T("review.col.air_qty"), format="%d"),
                "days_of_cover": st.column_config.NumberColumn(T("review.col.days_of_cover"), format="%.0f"),
            },
        )
if present.on():  # under the figures the meeting is about
    show_freshness()
if not table.empty:
    with present.notes():
        st.caption(T("review.actions_caption"))
    options = list(table["sku"])
    selected = st.session_state.get("sku", "")
    pick, link = st.columns([2, 3], vertical_alignment="bottom")
    pick.selectbox(
        T("review.pick_sku"),
        options,
        index=options.index(selected) if selected in options else None,
        placeholder=T("review.pick_sku_ph"),
        key="review_sku",
        on_change=_pick_from_select,
    )
    if selected:
        link.markdown(T("review.selected", sku=selected))
        with link:
            page_link("timeline", T("review.open_timeline"), ":material/timeline:")

# --- charts ----------------------------------------------------------------------------------------------
left, right = st.columns([3, 1])
left.plotly_chart(
    cover_bars(view, lang(), reorder_days=s.reorder_days, urgent_days=s.urgent_days),
    width="stretch",
    key="review_cover_chart",
    on_select=_pick_from_chart,
    selection_mode="points",
)
right.plotly_chart(phase_counts(view, lang()), width="stretch", key="review_phase_chart")

# --- Amazon's limits and fees ----------------------------------------------------------------------------
st.subheader(T("fba.review.title"))
fba.flags(view, key="review_fba_flags")
fba.capacity(now.skus, key="review_capacity")

# --- KPI flags (seed 002) ------------------------------------------------------------------------------
keywords, campaigns = _ad_inputs(default_db_path(), version(), now.as_of)
flags = review.kpi_flags(now, keywords, s, campaigns)
if len(view) < len(now.skus):
    flags = review.only_skus(flags, view["sku"])
st.subheader(T("review.flags_title", n=len(flags)))
st.caption(T("review.flags_caption"))
if keywords.empty:
    st.info(T("review.flags_no_keywords"))
if flags.empty:
    st.success(T("review.flags_none"))
else:
    counts = review.flag_counts(flags)
    kinds = [k for k in review.FLAG_KINDS if counts[k]]
    shown = st.multiselect(
        T("review.flags_filter"),
        kinds,
        format_func={k: f"{T(f'review.flag_kind.{k}')} ({counts[k]})" for k in kinds}.__getitem__,
        key="review_flag_kinds",
    )
    st.dataframe(
        review.flag_table(flags[flags["kind"].isin(shown or kinds)], lang()),
        hide_index=True,
        width="stretch",
        key="review_flags",
        column_config={
            col: st.column_config.Column(T(f"review.fcol.{col}"))
            for col in ("flag", "sku", "keyword", "campaign", "value", "threshold", "message")
        },
    )

# --- what changed since last week -------------------------------------------------------------------
st.subheader(T("review.changes_title"))
st.caption(
    T(
        "review.changes_caption",
        prev=review.fmt_date(prev.as_of, lang()),
        now=review.fmt_date(now.as_of, lang()),
    )
)
changed = review.only_skus(review.changes(now, prev), view["sku"])
if changed.empty:
    st.info(T("review.changes_none"))
else:
    st.dataframe(
        review.change_table(changed, lang()),
        hide_index=True,
        width="stretch",
        key="review_changes",
        column_config={
            col: st.column_config.Column(T(f"review.ccol.{col}"))
            for col in ("change", "sku", "phase", "alert", "cover", "stockout_date")
        },
    )

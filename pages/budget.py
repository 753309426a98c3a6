"""Ad budget: seed 001's back-calculation with inputs defaulted from a SKU's history, the upper/expected
range, the supply cap and the margin warning."""

from __future__ import annotations

import streamlit as st

from inventory_core.formatting import number, pct
from inventory_core.model.budget import (
    BudgetDefaults,
    calculate,
    defaults,
    defaults_notice,
    margin_notice,
    share_capped_notice,
    supply_cap_detail,
    supply_notice,
)
from inventory_core.views.charts.budget import budget_figure
from ui import present
from ui.core import empty_guard, filter_skus, money, plan, set_sku
from ui.shell import frame
from ui.view import T, lang

frame()  # sign-in, view and sidebar, when Streamlit ran this file without app.py (ui.shell)

INPUTS = ("budget_units", "budget_cvr", "budget_cpc", "budget_share")
SEEDED_FOR = "budget_inputs_for"
CVR_MIN = 0.1  # % — the calculator divides by CVR


def _seed(d: BudgetDefaults, sku: str) -> None:
    """Fill the inputs from the SKU's history (on first view, on a new SKU, on reset)."""
    st.session_state["budget_units"] = int(d.target_units)
    st.session_state["budget_cvr"] = max(round(d.cvr * 100, 2), CVR_MIN)
    st.session_state["budget_cpc"] = round(d.cpc, 2)
    st.session_state["budget_share"] = round(d.ad_order_share * 100, 1)
    st.session_state[SEEDED_FOR] = sku


def _reseed() -> None:
    st.session_state.pop(SEEDED_FOR, None)


def _on_sku() -> None:
    set_sku(st.session_state["budget_sku"])
    _reseed()


st.title(T("page.budget"))
if empty_guard():
    st.stop()
p = plan()
skus = filter_skus(p.skus)
if skus.empty:
    st.info(T("budget.no_skus"))
    st.stop()

# --- SKU (shared with the other pages and the URL) -------------------------------------------------------
options = skus["sku"].astype(str).tolist()
wanted = st.session_state.get("sku", "")
if wanted in options and st.session_state.get("budget_sku") != wanted:
    st.session_state["budget_sku"] = wanted
elif st.session_state.get("budget_sku") not in options:
    st.session_state["budget_sku"] = options[0]
sku = st.selectbox(T("budget.sku"), options, key="budget_sku", on_change=_on_sku)
row = skus[skus["sku"] == sku].iloc[0]
currency = str(row.get("currency") or "USD")
d = defaults(row, p.settings)
if st.session_state.get(SEEDED_FOR) != sku or any(k not in st.session_state for k in INPUTS):
    _seed(d, sku)
main = present.main("budget")  # the result and its chart under the title, drawn once the inputs are read

# --- inputs ------------------------------------------------------------------------------------------------
if capped := share_capped_notice(row, lang()):
    st.info(capped)
note = defaults_notice(d, lang(), currency)
if note:
    st.warning(note.replace("$", r"\$"))
c1, c2, c3, c4, c5 = st.columns(5)
units = c1.number_input(
    T("budget.units"), min_value=0, step=10, key="budget_units", help=T("budget.units_help", days=d.days)
)
days = c2.number_input(T("budget.days"), min_value=1, max_value=365, value=d.days, step=1, key="budget_days")
cvr = c3.number_input(
    T("budget.cvr"), min_value=CVR_MIN, max_value=100.0, step=0.5, format="%.2f", key="budget_cvr"
)
cpc = c4.number_input(
    T("budget.cpc", currency=currency),
    min_value=0.0,
    max_value=1000.0,
    step=0.05,
    format="%.2f",
    key="budget_cpc",
)
share = c5.number_input(
    T("budget.share"), min_value=0.0, max_value=100.0, step=5.0, format="%.1f", key="budget_share"
)
st.button(T("budget.reset"), key="budget_reset", on_click=_reseed)

# --- results ------------------------------------------------------------------------------------------------
detail = supply_cap_detail(row)
price, cost = row.get("price"), row.get("unit_cost")
price = None if price is None or price != price else float(price)  # NaN → None
cost = None if cost is None or cost != cost else float(cost)
result = calculate(
    units, cvr / 100, cpc, share / 100, days=int(days), cap=detail.units, price=price, unit_cost=cost
)
with main:
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric(T("budget.m.clicks"), number(result.clicks))
    m2.metric(T("budget.m.upper"), money(result.upper, currency))
    m3.metric(T("budget.m.lower"), money(result.lower, currency))
    m4.metric(
        T("budget.m.per_day", days=int(days)),
        money(result.lower_per_day, currency),
        help=T("budget.m.per_day_help", upper=money(result.upper_per_day, currency)),
    )
    m5.metric(
        T("budget.m.acos"),
        pct(result.margin_upper.acos),
        help=T("budget.m.acos_delta", be=pct(result.margin_upper.break_even_acos)),
    )
    fig = budget_figure(units, cvr / 100, cpc, share / 100, cap=detail.units, lang=lang(), currency=currency)
    if present.on():
        fig.update_layout(height=430)
    st.plotly_chart(fig, key="budget_chart", width="stretch")

for kind, text in (
    supply_notice(detail, result, p.as_of, lang(), currency),
    margin_notice(result, price, cost, lang(), currency),
):
    getattr(st, kind)(text.replace("$", r"\$"))  # a pair of $ would render as LaTeX

with present.notes():
    st.caption(T("budget.intro"))
    st.caption(
        T(
            "budget.history",
            sku=sku,
            window=p.settings.roas_window_days,
            cvr=pct(row.get("cvr")),
            cpc=money(row.get("cpc"), currency),
            share=pct(row.get("ad_order_share")),
            velocity=number(row.get("velocity"), 2),
        ).replace("$", r"\$")
    )

"""Back-test page glue: run the replay with a progress bar, keep the result for reruns (widget changes)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from inventory_core.model.backtest import POLICIES, BacktestResult, run_backtest
from inventory_core.views.charts.backtest import policy_label
from ui.core import settings, store, version
from ui.view import T, lang

RESULT = "bt_result"
# The plan with every SKU's safety days scaled: the trade-off curve of this plan.
CURVE_SAFETY_FACTORS = (0.5, 0.75, 1.5, 2.0)


def run(weeks: int, every_days: int) -> None:
    """Replay the last ``weeks`` weeks; the result stays in the session until the data or the inputs
    change."""
    s = settings()
    st_ = store()
    last = st_.latest_sales_date() or dt.date.today()
    start = last - dt.timedelta(days=7 * int(weeks))
    bar = st.progress(0.0, text=T("backtest.running", weeks=weeks))
    try:
        result = run_backtest(
            st_,
            start=start,
            end=last,
            every_days=int(every_days),
            policies=POLICIES,
            settings=s,
            safety_factors=CURVE_SAFETY_FACTORS,
            progress=lambda share: bar.progress(min(max(share, 0.0), 1.0)),
        )
    except ValueError as exc:
        bar.empty()
        st.error(str(exc))
        return
    bar.empty()
    st.session_state[RESULT] = (version(), s.to_json(), result)


def result() -> BacktestResult | None:
    """The last run's result, if it was made on the current data and settings."""
    held = st.session_state.get(RESULT)
    if not held:
        return None
    data_version, settings_json, res = held
    if data_version != version() or settings_json != settings().to_json():
        return None
    return res  # type: ignore[no-any-return]


def table(summary: pd.DataFrame) -> pd.DataFrame:
    """The policies' rows as the page shows them: labels translated, the curve's variants after the five."""
    out = summary.copy()
    out["policy"] = [policy_label(p, lang()) for p in out["policy"]]
    return out.rename(columns={c: T(f"backtest.col.{c}") for c in out.columns})


def verdict(summary: pd.DataFrame) -> str:
    """Whether this plan won: fewest stockout days, and no policy with fewer or equal stockouts holds less."""
    main = summary[~summary["policy"].str.contains("@")].set_index("policy")
    if "radar" not in main.index:
        return ""
    ours = main.loc["radar"]
    rivals = main.drop(index="radar")
    better = rivals[
        (rivals["stockout_days"] <= ours["stockout_days"])
        & (rivals["avg_on_hand_units"] <= ours["avg_on_hand_units"])
    ]
    if better.empty:
        return T("backtest.verdict_win", days=int(ours["stockout_days"]))
    best = better.sort_values(["stockout_days", "avg_on_hand_units"]).iloc[0]
    return T(
        "backtest.verdict_lose",
        policy=policy_label(str(best.name), lang()),
        days=int(best["stockout_days"]),
        stock=f"{best['avg_on_hand_units']:,.0f}",
        our_days=int(ours["stockout_days"]),
        our_stock=f"{ours['avg_on_hand_units']:,.0f}",
    )

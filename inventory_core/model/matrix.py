"""The WOC × ROAS matrix (seed 001 "库存管理广告分析矩阵"): place SKUs under adjustable thresholds.

``Plan.skus`` already carries each SKU's strategy under the saved settings. The matrix page lets the
operator move the WOC band lines and the target ROAS and watch the points move *without* recomputing the
plan: :func:`place` re-derives the strategy from columns the plan already has (``woc``, ``roas``,
``target_roas``, ``aged_365_plus``) with :func:`formulas.strategy_many`, the one definition of the strategy.
:func:`quadrant_counts`, :func:`selection_table` and :func:`aged_table` feed the page's metrics and tables.

No Streamlit here; texts come from the translation table and the playbook.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from inventory_core.labels import strategy_label
from inventory_core.model.formulas import Strategy, band_limits, strategy_many, woc_band_many
from inventory_core.model.playbook import build_playbook
from inventory_core.model.settings import Settings

__all__ = [
    "MATRIX_STRATEGIES",
    "STRATEGIES",
    "aged_table",
    "aged_totals",
    "merge_selection",
    "place",
    "quadrant_counts",
    "selection_table",
    "skus_from_points",
]

# Seed 001's five quadrants (WOC < 52 weeks), then the aged stock outside the matrix.
MATRIX_STRATEGIES: tuple[Strategy, ...] = (
    "protect_stock",
    "scale",
    "optimise",
    "push_traffic",
    "raise_conversion",
)
STRATEGIES: tuple[Strategy, ...] = (*MATRIX_STRATEGIES, "aged", "no_ad_data")


def _col(frame: pd.DataFrame, name: str, default: float = math.nan) -> pd.Series:
    if name in frame.columns:
        return pd.to_numeric(frame[name], errors="coerce").astype(float)
    return pd.Series(default, index=frame.index, dtype=float)


def place(
    skus: pd.DataFrame,
    *,
    risk_below: float = 3,
    overstock_above: float = 6,
    aged_at: float = 52,
    target_roas: float | None = None,
) -> pd.DataFrame:
    """Re-place every SKU in the matrix under the given thresholds.

    Parameters
    ----------
    skus : pandas.DataFrame
        Rows of ``Plan.skus`` (at least ``sku, woc, roas, target_roas``; ``aged_365_plus``, ``strategy``,
        ``spend``, ``units_last_30``, ``price`` when present).
    risk_below, overstock_above, aged_at : float
        WOC band limits in weeks (settings ``woc_risk_below``, ``woc_overstock_above``, ``woc_aged_at``).
    target_roas : float, optional
        One target ROAS for every SKU. ``None`` keeps each SKU's own target (break-even 1 ÷ margin where
        the cost is known, else the setting), as the plan computed it.

    Returns
    -------
    pandas.DataFrame
        A copy with ``strategy`` and ``woc_band`` recomputed, ``target_roas`` the target used (the SKU's
        own is kept in ``target_roas_sku``; ``target_roas_source`` is ``"global"`` for a global target),
        ``plan_strategy`` (the strategy under the saved settings), ``moved`` (the two differ),
        ``roas_vs_target`` (ROAS ÷ target, NaN without ad data) and ``revenue`` (units of the last 30 days
        × price). As in the plan, stock older than 365 days (``aged_365_plus`` > 0) or stock that will reach
        the first aged-surcharge band (``aged_surcharge_units`` > 0) is aged whatever its WOC.

    Examples
    --------
    A 5-week SKU is healthy under the 3/6 bands and at risk under 8/12:

    >>> frame = pd.DataFrame({"sku": ["A"], "woc": [5.0], "roas": [3.0], "target_roas": [2.0]})
    >>> place(frame)["strategy"].tolist(), place(frame, risk_below=8, overstock_above=12)["strategy"].tolist()
    (['scale'], ['protect_stock'])
    """
    risk, over, aged = band_limits(risk_below, overstock_above, aged_at)
    if target_roas is not None and (not math.isfinite(float(target_roas)) or float(target_roas) < 0):
        raise ValueError(f"target_roas must be finite and ≥ 0, got {target_roas!r}.")
    out = skus.copy()
    if "strategy" in out.columns:
        out["plan_strategy"] = out["strategy"]
    else:
        out["plan_strategy"] = None
    own = _col(out, "target_roas")
    out["target_roas_sku"] = own
    if target_roas is not None:
        out["target_roas"] = float(target_roas)
        out["target_roas_source"] = "global"
    target = _col(out, "target_roas")
    woc = _col(out, "woc")
    roas = _col(out, "roas")
    # inf ROAS (sales, no spend) is above any target; NaN (no ad data) below, as in formulas.strategy.
    strategy = strategy_many(
        woc.to_numpy(),
        roas.to_numpy(),
        target.to_numpy(),
        risk_below=risk,
        overstock_above=over,
        aged_at=aged,
    )
    # Stock older than 365 days, or stock that will still be on hand when it reaches the first aged-inventory
    # surcharge band (fba_limits: the same band as the plan's ``aged_surcharge_units``), is aged.
    old_stock = (_col(out, "aged_365_plus", 0.0).fillna(0.0).to_numpy() > 0) | (
        _col(out, "aged_surcharge_units", 0.0).fillna(0.0).to_numpy() > 0
    )
    strategy = np.where(old_stock, "aged", strategy).astype(object)
    band = woc_band_many(woc.to_numpy(), risk_below=risk, overstock_above=over, aged_at=aged)
    band = np.where(old_stock, "aged", band).astype(object)
    out["strategy"] = strategy
    out["woc_band"] = band
    out["moved"] = out["plan_strategy"].notna() & (out["plan_strategy"] != out["strategy"])
    r, tr = roas.to_numpy(), target.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(tr > 0, r / np.where(tr > 0, tr, 1.0), np.where(r > 0, np.inf, np.nan))
    out["roas_vs_target"] = ratio
    out["revenue"] = (
        _col(out, "units_last_30", 0.0).fillna(0.0) * _col(out, "price", 0.0).fillna(0.0)
    ).to_numpy()
    return out


def quadrant_counts(frame: pd.DataFrame) -> pd.Series:
    """SKUs per strategy, in matrix order (protect stock, scale, optimise, traffic, conversion, aged).

    Every strategy is listed, with 0 when no SKU falls in it.

    >>> quadrant_counts(pd.DataFrame({"strategy": ["scale", "aged", "scale"]})).to_dict()["scale"]
    2
    """
    if "strategy" not in frame.columns or frame.empty:
        return pd.Series(0, index=list(STRATEGIES), dtype=int, name="count")
    counts = frame["strategy"].value_counts()
    return counts.reindex(list(STRATEGIES), fill_value=0).astype(int).rename("count")


def skus_from_points(points: Sequence[Mapping[str, Any]] | None) -> list[str]:
    """The SKUs of a Plotly selection's points (``customdata[0]`` is the SKU), in order, without repeats."""
    out: list[str] = []
    for point in points or ():
        data = point.get("customdata")
        if isinstance(data, list | tuple) and data:
            sku = data[0]
        elif isinstance(data, str):
            sku = data
        else:
            continue
        if isinstance(sku, str) and sku and sku not in out:
            out.append(sku)
    return out


def merge_selection(
    chart: Sequence[str],
    last_chart: Sequence[str] | None,
    current: Sequence[str] | None,
    options: Sequence[str],
    default: str = "",
) -> tuple[list[str], list[str]]:
    """The SKU picker's next value when the chart and the picker both select SKUs.

    Returns ``(picks, last_chart)``. A new picker (``current`` is None) starts from ``default`` (the SKU
    in the URL). A *new*, non-empty chart selection replaces the picks; an empty one
    leaves them alone, because Streamlit empties a chart's selection whenever the figure changes (a moved
    threshold must not throw the seller's selection away): the picker's own clear button clears it. Picks
    the options no longer offer (search filter) are dropped.

    >>> merge_selection(["A", "B"], [], ["C"], ["A", "B", "C"])
    (['A', 'B'], ['A', 'B'])
    >>> merge_selection([], ["A", "B"], ["A", "B"], ["A", "B", "C"])
    (['A', 'B'], [])
    """
    allowed = set(options)
    chart = list(chart)
    if chart and chart != list(last_chart or ()):
        picks = chart
    elif current is None:  # the picker is new (first visit, or back from another page)
        picks = [default] if default else []
    else:
        picks = list(current)
    return [s for s in dict.fromkeys(picks) if s in allowed], chart


def _order(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {name: i for i, name in enumerate(STRATEGIES)}
    key = frame["strategy"].map(rank).fillna(len(rank))
    return frame.assign(_rank=key).sort_values(["_rank", "woc", "sku"], kind="stable").drop(columns="_rank")


def _finite_or_none(series: pd.Series) -> pd.Series:
    values = pd.to_numeric(series, errors="coerce").astype(float)
    return values.where(np.isfinite(values))


def _strategy_line(row: Mapping[str, Any], lang: str, settings: Settings) -> str:
    lines = [a.text for a in build_playbook(row, lang, settings=settings) if a.area == "strategy"]
    return lines[0] if lines else ""


SELECTION_COLUMNS = [
    "marketplace",
    "sku",
    "asin",
    "product_name",
    "strategy",
    "strategy_label",
    "woc",
    "roas",
    "target_roas",
    "roas_vs_target",
    "spend",
    "revenue",
    "currency",
    "action",
]


def selection_table(placed: pd.DataFrame, skus: Iterable[str], lang: str, settings: Settings) -> pd.DataFrame:
    """The selected SKUs with their strategy, WOC, ROAS against the target, spend and the strategy action.

    Parameters
    ----------
    placed : pandas.DataFrame
        Output of :func:`place`.
    skus : iterable of str
        Selected SKUs (a SKU sold in several marketplaces gives one row per marketplace).
    lang : {"en", "zh"}
    settings : Settings
        The saved settings with the page's thresholds (``woc_risk_below`` ...) so that the action text
        names the limits the points were placed with.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SELECTION_COLUMNS`, ordered by strategy then WOC. Infinite WOC or ROAS is NaN
        (the action text spells it out).
    """
    wanted = list(dict.fromkeys(skus))
    rows = placed[placed["sku"].isin(wanted)]
    if rows.empty:
        return pd.DataFrame(columns=SELECTION_COLUMNS)
    rows = _order(rows)
    out = pd.DataFrame(index=rows.index)
    for col in ("marketplace", "sku", "asin", "product_name", "currency"):
        out[col] = rows[col] if col in rows.columns else None
    out["strategy"] = rows["strategy"]
    out["strategy_label"] = [strategy_label(s, lang) for s in rows["strategy"]]
    for col in ("woc", "roas", "target_roas", "roas_vs_target", "spend", "revenue"):
        out[col] = _finite_or_none(rows[col]) if col in rows.columns else math.nan
    out["action"] = [_strategy_line(rec, lang, settings) for rec in rows.to_dict("records")]
    return out[SELECTION_COLUMNS].reset_index(drop=True)


AGED_COLUMNS = [
    "marketplace",
    "sku",
    "asin",
    "product_name",
    "woc",
    "available",
    "aged_365_plus",
    "aged_surcharge_units",
    "price",
    "unit_cost",
    "value_at_price",
    "value_at_cost",
    "spend",
    "currency",
    "note",
]


def aged_table(placed: pd.DataFrame, lang: str, settings: Settings) -> pd.DataFrame:
    """Aged stock, outside the matrix: what it is worth at price and at cost, and the clearance note.

    Seed 001: before clearing, weigh what clearing costs against what it brings back. The value at price
    is what full-price sales would recover; the value at cost is the money tied up (NaN when the unit
    cost is unknown). Biggest value at price first.

    Examples
    --------
    375 units at $27.99, cost $8.20 → $10,496.25 at price, $3,075.00 at cost.
    """
    rows = placed[placed["strategy"] == "aged"] if "strategy" in placed.columns else placed.iloc[0:0]
    if rows.empty:
        return pd.DataFrame(columns=AGED_COLUMNS)
    out = pd.DataFrame(index=rows.index)
    for col in ("marketplace", "sku", "asin", "product_name", "currency"):
        out[col] = rows[col] if col in rows.columns else None
    out["woc"] = _finite_or_none(_col(rows, "woc"))
    out["available"] = _col(rows, "available", 0.0).fillna(0.0)
    out["aged_365_plus"] = _col(rows, "aged_365_plus", 0.0).fillna(0.0)
    out["aged_surcharge_units"] = _col(rows, "aged_surcharge_units", 0.0).fillna(0.0)
    out["price"] = _col(rows, "price")
    out["unit_cost"] = _col(rows, "unit_cost")
    out["value_at_price"] = out["available"] * out["price"]
    out["value_at_cost"] = out["available"] * out["unit_cost"]
    out["spend"] = _col(rows, "spend", 0.0).fillna(0.0)
    out["note"] = [_strategy_line(rec, lang, settings) for rec in rows.to_dict("records")]
    out = out.sort_values(
        ["value_at_price", "sku"], ascending=[False, True], na_position="last", kind="stable"
    )
    return out[AGED_COLUMNS].reset_index(drop=True)


def aged_totals(aged: pd.DataFrame) -> pd.DataFrame:
    """Aged stock per currency: SKUs, units, value at price and at cost (money is never summed across
    currencies). ``value_at_cost`` covers only the SKUs whose cost is known (``with_cost`` of them)."""
    columns = ["currency", "skus", "units", "value_at_price", "value_at_cost", "with_cost"]
    if aged.empty:
        return pd.DataFrame(columns=columns)
    frame = aged.assign(currency=aged["currency"].fillna(""), has_cost=aged["value_at_cost"].notna())
    grouped = frame.groupby("currency", sort=True).agg(
        skus=("sku", "size"),
        units=("available", "sum"),
        value_at_price=("value_at_price", "sum"),
        value_at_cost=("value_at_cost", "sum"),
        with_cost=("has_cost", "sum"),
    )
    return grouped.reset_index()[columns]

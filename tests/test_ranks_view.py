"""Keyword ranks page helpers: SKU list, keyword order, the table of drops and its summary."""

from __future__ import annotations

import pandas as pd

from inventory_core.views.ranks import (
    SEVERE_FILL,
    drops_display,
    drops_summary,
    drops_table,
    highlight_severe,
    ordered_keywords,
    ranked_skus,
)


def _impact() -> pd.DataFrame:
    ts = pd.Timestamp
    return pd.DataFrame(
        {
            "marketplace": ["US"] * 4,
            "sku": ["A", "A", "A", "B"],
            "asin": ["B0A", "B0A", "B0A", "B0B"],
            "keyword": ["kw small", "kw severe", "kw old", "other"],
            "start_date": [ts("2026-10-01"), ts("2026-10-01"), ts("2026-03-01"), ts("2026-10-01")],
            "end_date": [ts("2026-10-10"), ts("2026-10-10"), ts("2026-03-05"), pd.NaT],
            "ongoing": [False, False, False, True],
            "baseline": [40.0, 9.0, 12.0, 5.0],
            "baseline_label": ["40", "9", "12", "5"],
            "trough": [60.0, 307.0, 20.0, 150.0],
            "trough_beyond": [False, True, False, False],
            "trough_label": ["60", ">306", "20", "150"],
            "drop": [20.0, 298.0, 8.0, 145.0],
            "severe": [False, True, False, True],
            "recovered": [True, False, True, False],
            "days_to_recover": [3.0, float("nan"), 2.0, float("nan")],
            "current_label": ["38", "54", "11", ">306"],
            "competitors_text": ["", "B0C (+12)", "", ""],
        }
    )


def test_ranked_skus_with_ranks_most_severe_first():
    skus = pd.DataFrame(
        {
            "marketplace": "US",
            "sku": ["C", "A", "B"],
            "asin": ["B0C", "B0A", "B0B"],
            "product_name": ["c", "a", "b"],
        }
    )
    out = ranked_skus(skus, ["B0A", "B0B", "B0C"], _impact())
    assert out["sku"].tolist() == ["A", "B", "C"]  # A: 1 severe + 1 open; B: 1 severe + 1 open; C: none
    assert out.set_index("sku")["severe"].to_dict() == {"A": 1, "B": 1, "C": 0}
    assert ranked_skus(skus, ["B0C"], None)["sku"].tolist() == ["C"]


def test_keywords_worst_first():
    ranks = pd.DataFrame({"asin": "B0A", "keyword": ["kw small", "kw severe", "kw old", "untouched"]})
    impact = _impact()
    assert ordered_keywords(ranks, "B0A", impact[impact["sku"] == "A"]) == [
        "kw severe",
        "kw small",
        "kw old",
        "untouched",
    ]
    assert ordered_keywords(ranks, "B0A", None) == sorted(ranks["keyword"])


def test_drops_table_latest_stockout_first_then_severe():
    table = drops_table(_impact(), "A", "US")
    assert table["keyword"].tolist() == ["kw severe", "kw small", "kw old"]


def test_drops_display_shows_labels_not_numbers():
    shown = drops_display(drops_table(_impact(), "A"), "en")
    first = shown.iloc[0]
    assert first["Worst"] == ">306"
    assert first["Drop"] == "≥298"  # a ">306" trough is at least 307
    assert first["Severe"] == "yes"
    assert first["Recovered"] == "not yet"
    assert first["Competitors who gained"] == "B0C (+12)"
    assert shown.iloc[1]["Recovered"] == "recovered"
    assert shown.iloc[1]["Days to recover"] == "3"
    zh = drops_display(drops_table(_impact(), "B"), "zh")
    assert zh.iloc[0]["是否恢复"] == "仍在断货"
    assert zh.iloc[0]["当前排名"] == ">306"


def test_severe_rows_are_highlighted():
    table = drops_table(_impact(), "A")
    shown = drops_display(table, "en")
    styler = highlight_severe(shown, table["severe"])
    styler._compute()  # fills ctx: (row, column) -> [(property, value)]
    painted = {cell for cell, props in styler.ctx.items() if ("background-color", SEVERE_FILL) in props}
    assert painted == {(0, c) for c in range(len(shown.columns))}  # only the severe row, every cell


def test_summary_counts_the_latest_stockout():
    summary = drops_summary(drops_table(_impact(), "A"))
    assert summary.start_date == pd.Timestamp("2026-10-01")
    assert (summary.keywords, summary.severe, summary.unrecovered, summary.ongoing) == (2, 1, 1, False)
    assert drops_summary(drops_table(_impact(), "Z")).keywords == 0


def test_docstring_examples():
    import doctest

    from inventory_core.views import ranks as ranks_view

    assert doctest.testmod(ranks_view).failed == 0

"""Keyword rank chart: ">306" is drawn as beyond the tracked depth, never as a number."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from inventory_core.model import ranks
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
from inventory_core.views.charts.palette import COMPETITOR, OWN, STOCKOUT_SHADE
from inventory_core.views.charts.ranks import beyond_band, rank_figure, rank_ticks

DATES = pd.date_range("2026-10-01", periods=8, freq="D")


def _tracked() -> pd.DataFrame:
    """Own ASIN: 8, 9, 8, 60, >306, not ranked, 40, 9; competitor: 20 … 5 (gains while we are out)."""
    own = pd.DataFrame(
        {
            "date": DATES,
            "marketplace": "US",
            "asin": "B0OWN",
            "keyword": "kw",
            "organic_rank": [8, 9, 8, 60, None, None, 40, 9],
            "organic_rank_beyond": [None, None, None, None, 306, None, None, None],
            "is_own": True,
        }
    )
    comp = pd.DataFrame(
        {
            "date": DATES,
            "marketplace": "US",
            "asin": "B0COMP",
            "keyword": "kw",
            "organic_rank": [20, 20, 19, 10, 6, 5, 8, 15],
            "organic_rank_beyond": None,
            "is_own": False,
        }
    )
    return pd.concat([own, comp], ignore_index=True)


def _series() -> pd.DataFrame:
    return ranks.rank_series(_tracked(), "B0OWN", "kw")


def _episodes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "marketplace": ["US"],
            "sku": ["SKU"],
            "asin": ["B0OWN"],
            "start_date": [DATES[3]],
            "end_date": [DATES[6]],
        }
    )


def _impact() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "keyword": ["kw"],
            "start_date": [DATES[3]],
            "end_date": [DATES[6]],
            "baseline": [8.0],
            "baseline_label": ["8"],
            "trough": [307.0],
            "trough_beyond": [True],
            "trough_label": [">306"],
            "recovered": [True],
            "recovered_date": [DATES[7]],
            "days_to_recover": [1.0],
        }
    )


def _traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def test_beyond_day_has_hover_text_and_sits_in_the_band():
    fig = rank_figure(_series(), _episodes(), _impact(), "en", title="kw")
    (beyond,) = _traces(fig, "beyond")
    assert list(beyond.hovertext) == [">306"]
    assert list(beyond.y) == [307.0]
    assert pd.Timestamp(beyond.x[0]) == DATES[4]
    # the own line breaks there: no number is drawn for a ">306" day
    (own,) = _traces(fig, "own")
    assert math.isnan(own.y[4])
    assert own.customdata[4] == ">306"
    (band,) = [s for s in fig.layout.shapes if s.name == "beyond_band"]
    assert 10**band.y0 < 307 < 10**band.y1  # log axis: shape coordinates in log10


def test_axis_is_reversed_and_labels_the_band():
    fig = rank_figure(_series(), None, None, "en")
    y = fig.layout.yaxis
    assert y.type == "log"
    assert y.range[0] > y.range[1]  # rank 1 on top
    assert y.ticktext[-1] == ">306"
    assert y.tickvals[-1] == 307.0
    assert "300" not in y.ticktext
    assert 10 ** y.range[0] > 307  # the band is inside the plot


def test_not_ranked_day_is_a_gap():
    (own,) = _traces(rank_figure(_series(), None, None, "en"), "own")
    assert math.isnan(own.y[5])
    assert own.connectgaps is False


def test_own_bold_competitors_thin_grey():
    fig = rank_figure(_series(), None, None, "en")
    (own,) = _traces(fig, "own")
    (comp,) = _traces(fig, "competitor")
    assert own.line.color == OWN
    assert comp.line.color == COMPETITOR
    assert own.line.width > 2 * comp.line.width
    assert comp.name == "B0COMP"
    assert list(comp.y) == [20, 20, 19, 10, 6, 5, 8, 15]


def test_stockout_span_baseline_trough_and_recovery_markers():
    fig = rank_figure(_series(), _episodes(), _impact(), "en", baseline_days=14)
    (span,) = [s for s in fig.layout.shapes if s.name == "episode"]
    assert (pd.Timestamp(span.x0), pd.Timestamp(span.x1)) == (DATES[3], DATES[6])
    assert span.fillcolor == STOCKOUT_SHADE
    (base,) = _traces(fig, "baseline")
    assert list(base.y) == [8.0, 8.0]
    assert base.line.dash == "dash"
    assert pd.Timestamp(base.x[0]) == DATES[3] - pd.Timedelta(days=14)
    assert pd.Timestamp(base.x[1]) == DATES[7]  # until the recovery day
    (trough,) = _traces(fig, "trough")
    assert (pd.Timestamp(trough.x[0]), trough.y[0], trough.text[0]) == (DATES[4], 307.0, ">306")
    (rec,) = _traces(fig, "recovery")
    assert (pd.Timestamp(rec.x[0]), rec.y[0]) == (DATES[7], 9.0)
    assert "1 days" in rec.hovertext[0]


def test_without_beyond_days_there_is_no_band():
    tracked = _tracked()
    tracked.loc[4, ["organic_rank", "organic_rank_beyond"]] = [150, None]
    fig = rank_figure(ranks.rank_series(tracked, "B0OWN", "kw"), None, None, "zh")
    assert not _traces(fig, "beyond")
    assert not [s for s in fig.layout.shapes if s.name == "beyond_band"]
    assert fig.layout.yaxis.title.text == "自然排名"
    assert fig.layout.yaxis.ticktext[-1] == "100"


def test_empty_series_says_so():
    fig = rank_figure(ranks.rank_series(_tracked(), "B0NONE", "kw"), None, None, "en")
    assert not fig.data
    assert fig.layout.annotations[0].text == "No rank data for this keyword"


@pytest.mark.parametrize(
    ("worst", "band", "texts"),
    [
        (9, None, ["1", "2", "5"]),
        (120, None, ["1", "2", "5", "10", "20", "50", "100"]),
        (307, (307.0, ">306"), ["1", "2", "5", "10", "20", "50", "100", "200", ">306"]),
        (101, (101.0, ">100"), ["1", "2", "5", "10", "20", "50", ">100"]),
    ],
)
def test_rank_ticks(worst, band, texts):
    assert rank_ticks(worst, band)[1] == texts


def test_band_is_beyond_every_tracked_rank():
    frame = pd.DataFrame({"rank": [310.0, 307.0], "label": ["310", ">306"], "beyond": [False, True]})
    assert beyond_band(frame) == (311.0, ">306")


def test_demo_severe_drop_beyond_depth(demo_db_master):
    with Store(demo_db_master, read_only=True) as store:
        plan = compute_plan(store)
        impact = plan.rank_impact[plan.rank_impact["trough_beyond"] & plan.rank_impact["severe"]].iloc[0]
        tracked = store.keyword_ranks(keywords=[impact["keyword"]])
    series = ranks.rank_series(tracked, impact["asin"], impact["keyword"])
    episodes = plan.episodes[plan.episodes["asin"] == impact["asin"]]
    rows = plan.rank_impact[
        (plan.rank_impact["asin"] == impact["asin"]) & (plan.rank_impact["keyword"] == impact["keyword"])
    ]
    fig = rank_figure(series, episodes, rows, "en", title=impact["keyword"])
    (beyond,) = _traces(fig, "beyond")
    assert set(beyond.hovertext) == {">306"}
    assert len([s for s in fig.layout.shapes if s.name == "episode"]) == len(episodes)
    assert _traces(fig, "trough")[0].text[0] == ">306"
    assert fig.layout.title.text == impact["keyword"]


def test_docstring_examples():
    import doctest

    from inventory_core.views.charts import ranks as chart

    assert doctest.testmod(chart).failed == 0

"""Tests of inventory_core.model.ranks: hand-checkable rank stories, label tables and trough invariants."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_core.model import ranks as rk
from inventory_core.model.ranks import (
    IMPACT_COLUMNS,
    SERIES_COLUMNS,
    UNRECOVERED_COLUMNS,
    effective_rank,
    rank_impact,
    rank_label,
    rank_series,
    unrecovered_core,
)
from inventory_core.model.settings import Settings

NAN = float("nan")
BEYOND = ">306"  # a tracker cell meaning "beyond the tracked depth of 306"
OWN = "B0OWN00001"
START = dt.date(2024, 3, 15)  # first day out of stock
END = dt.date(2024, 3, 18)  # first day back in stock: out of stock on 15, 16, 17
AS_OF = dt.date(2024, 3, 25)


def day(offset: int, origin: dt.date = START) -> dt.date:
    return origin + dt.timedelta(days=offset)


def rows(
    asin: str,
    keyword: str,
    first: dt.date,
    cells: Sequence[object],
    *,
    is_own: bool = True,
    marketplace: str = "US",
    volume: float = NAN,
) -> list[dict[str, object]]:
    """One canonical keyword_rank row per day from ``first``; a cell is a rank, ">N" or None (not ranked)."""
    out = []
    for i, cell in enumerate(cells):
        organic, beyond = NAN, NAN
        if isinstance(cell, str):
            beyond = float(cell.lstrip(">"))
        elif cell is not None:
            organic = float(cell)  # type: ignore[arg-type]
        out.append(
            {
                "date": first + dt.timedelta(days=i),
                "marketplace": marketplace,
                "asin": asin,
                "keyword": keyword,
                "organic_rank": organic,
                "organic_rank_beyond": beyond,
                "sponsored_rank": NAN,
                "sponsored_rank_beyond": NAN,
                "search_volume": volume,
                "is_own": is_own,
            }
        )
    return out


def frame(*parts: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame([r for part in parts for r in part])


def episodes(*eps: tuple[str, str, dt.date, dt.date | None], marketplace: str = "US") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "marketplace": marketplace,
                "sku": sku,
                "asin": asin,
                "start_date": start,
                "end_date": end,
                "ongoing": end is None,
            }
            for sku, asin, start, end in eps
        ]
    )


# The seller's story for keyword "yoga mat": 14 baseline days around 9, a day 15 days before the
# stockout at 200 (outside the window), a not-ranked baseline day, then 25, 80, >306 while out of
# stock (plus a not-ranked day would not count), then 40, 15, 11, 10 after the restock.
BASELINE_CELLS = [200, 8, 9, 10, 9, 8, 9, None, 10, 9, 8, 9, 10, 9, 8]  # from START − 15
DURING_CELLS = [25, 80, BEYOND]  # START .. END − 1
AFTER_CELLS = [40, 15, 11, 10, 9, 9, 9, 9]  # END .. AS_OF


def story_ranks() -> pd.DataFrame:
    own = rows(OWN, "yoga mat", day(-15), BASELINE_CELLS + DURING_CELLS + AFTER_CELLS, volume=12000)
    # a day after as_of must be ignored
    late = rows(OWN, "yoga mat", day(1, AS_OF), [500])
    # "mat thick": only tracked from the second day of the stockout on
    fresh = rows(OWN, "mat thick", day(1), [120, None, 60, 50, 40, 30, 30, 30, 30, 30])
    # competitors: one improved 20 → 5, one got worse 10 → 30, one improved 50 → 38
    comp1 = rows("B0COMP0001", "yoga mat", day(-14), [20] * 14 + [5] * 3, is_own=False)
    comp2 = rows("B0COMP0002", "yoga mat", day(-14), [10] * 14 + [30] * 3, is_own=False)
    comp3 = rows("B0COMP0003", "yoga mat", day(-14), [50] * 14 + [38] * 3, is_own=False)
    return frame(own, late, fresh, comp1, comp2, comp3)


@pytest.fixture
def story() -> pd.DataFrame:
    impact = rank_impact(story_ranks(), episodes(("SKU-MAT", OWN, START, END)), AS_OF)
    return impact.set_index("keyword")


# ---------------------------------------------------------------------------------------------
# effective_rank and rank_label
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organic", "beyond", "expected"),
    [
        (54.0, NAN, 54.0),
        (NAN, 306.0, 307.0),  # ">306" sorts as worse than any tracked position
        (NAN, NAN, NAN),  # not ranked is missing, not a rank
        (12.0, 306.0, 12.0),  # a position wins over a stray depth
    ],
)
def test_effective_rank(organic: float, beyond: float, expected: float) -> None:
    got = effective_rank(pd.DataFrame({"organic_rank": [organic], "organic_rank_beyond": [beyond]})).iloc[0]
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


def test_effective_rank_without_beyond_column_and_with_nullable_floats() -> None:
    assert effective_rank(pd.DataFrame({"organic_rank": [3.0, NAN]})).tolist()[0] == 3.0
    nullable = pd.DataFrame(
        {
            "organic_rank": pd.array([None, 7], dtype="Float64"),
            "organic_rank_beyond": pd.array([100, None], dtype="Float64"),
        }
    )
    assert effective_rank(nullable).tolist() == [101.0, 7.0]


@pytest.mark.parametrize(
    ("rank", "beyond", "expected"),
    [
        (54, NAN, "54"),
        (54.0, None, "54"),
        (1.0, NAN, "1"),
        (8.5, NAN, "8.5"),  # a median of two days
        (NAN, 306, ">306"),
        (NAN, 306.0, ">306"),
        (None, 100.0, ">100"),
        (NAN, NAN, "–"),
        (None, None, "–"),
        (pd.NA, pd.NA, "–"),
        (12.0, 306.0, "12"),
        (math.inf, NAN, "–"),
    ],
)
def test_rank_label(rank: float, beyond: float, expected: str) -> None:
    assert rank_label(rank, beyond) == expected


# ---------------------------------------------------------------------------------------------
# rank_impact: the seller's story
# ---------------------------------------------------------------------------------------------


def test_impact_columns_and_one_row_per_episode_keyword() -> None:
    impact = rank_impact(story_ranks(), episodes(("SKU-MAT", OWN, START, END)), AS_OF)
    assert tuple(impact.columns) == IMPACT_COLUMNS
    assert impact["keyword"].tolist() == ["mat thick", "yoga mat"]
    assert (impact["sku"] == "SKU-MAT").all()
    assert impact["start_date"].tolist() == [pd.Timestamp(START)] * 2


def test_story_baseline_is_median_of_14_days_before_ignoring_not_ranked(story: pd.DataFrame) -> None:
    # 8 9 10 9 8 9 – 10 9 8 9 10 9 8: 13 ranked days, median 9; the 200 fifteen days out is outside.
    row = story.loc["yoga mat"]
    assert row["baseline"] == 9.0
    assert row["baseline_label"] == "9"


def test_story_trough_beyond_depth_is_severe(story: pd.DataFrame) -> None:
    row = story.loc["yoga mat"]
    assert row["trough"] == 307.0
    assert row["trough_beyond"]
    assert row["trough_label"] == ">306"  # never "307"
    assert row["drop"] == 298.0
    assert row["severe"]  # 9 ≤ 30 and 307 > 100


def test_story_recovered_on_the_day_of_rank_11(story: pd.DataFrame) -> None:
    # 9 × 1.2 = 10.8, but at least 9 + 3 = 12 positions: 40 no, 15 no, 11 yes (day END + 2).
    row = story.loc["yoga mat"]
    assert row["recovered"]
    assert row["recovered_date"] == pd.Timestamp(day(2, END))
    assert row["days_to_recover"] == 2.0


def test_story_current_rank_ignores_days_after_as_of(story: pd.DataFrame) -> None:
    row = story.loc["yoga mat"]
    assert row["current_rank"] == 9.0
    assert row["current_label"] == "9"
    assert row["current_date"] == pd.Timestamp(AS_OF)
    assert row["search_volume"] == 12000.0


def test_story_competitors_that_took_the_place(story: pd.DataFrame) -> None:
    row = story.loc["yoga mat"]
    assert row["competitors"] == [
        {"asin": "B0COMP0001", "before": 20.0, "during": 5.0, "gain": 15.0},
        {"asin": "B0COMP0003", "before": 50.0, "during": 38.0, "gain": 12.0},
    ]  # B0COMP0002 went from 10 to 30: not listed
    assert row["competitors_text"] == "B0COMP0001 (+15), B0COMP0003 (+12)"


def test_story_keyword_without_pre_stockout_data_is_listed(story: pd.DataFrame) -> None:
    row = story.loc["mat thick"]
    assert math.isnan(row["baseline"])
    assert row["baseline_label"] == "–"
    assert row["trough"] == 120.0  # 120, not ranked (ignored)
    assert row["trough_label"] == "120"
    assert math.isnan(row["drop"])
    assert not row["severe"]
    assert not row["recovered"]
    assert pd.isna(row["recovered_date"])
    assert math.isnan(row["days_to_recover"])
    assert row["competitors"] == []
    assert row["competitors_text"] == ""


def test_ongoing_episode_runs_to_as_of_and_is_not_recovered() -> None:
    start = dt.date(2024, 3, 20)
    ranks = frame(rows(OWN, "yoga mat", day(-14, start), [5] * 14 + [7, 40, 150, None, 3, 2]))
    as_of = day(4, start)  # 20 … 24 out of stock so far; the 2 on the 25th is after as_of
    impact = rank_impact(ranks, episodes(("SKU-MAT", OWN, start, None)), as_of).iloc[0]
    assert impact["ongoing"]
    assert impact["baseline"] == 5.0
    assert impact["trough"] == 150.0
    assert not impact["trough_beyond"]
    assert impact["drop"] == 145.0
    assert impact["severe"]
    assert not impact["recovered"]  # the 3 on day 24 is during the stockout, not after it
    assert pd.isna(impact["end_date"])
    assert impact["current_rank"] == 3.0


def test_ongoing_flag_wins_over_a_stray_end_date() -> None:
    ranks = frame(rows(OWN, "k", day(-3), [5, 5, 5, 90, 4, 4]))
    eps = episodes(("S", OWN, START, None))
    eps["end_date"] = day(1)
    impact = rank_impact(ranks, eps, day(2), baseline_days=3).iloc[0]
    assert impact["ongoing"]
    assert impact["trough"] == 90.0
    assert not impact["recovered"]


def test_baseline_of_2_recovers_at_5_with_three_positions_of_slack() -> None:
    ranks = frame(rows(OWN, "k", day(-3), [2, 2, 2, 50, 6, 5]))
    impact = rank_impact(ranks, episodes(("S", OWN, START, day(1))), day(2), baseline_days=3).iloc[0]
    assert impact["recovered_date"] == pd.Timestamp(day(2))
    assert impact["days_to_recover"] == 1.0
    assert not impact["severe"]  # trough 50 is not beyond 100


def test_recovery_on_the_end_day_counts_and_tolerance_is_applied() -> None:
    # baseline 50: within 20 % is 60 (more than 50 + 3), so 60 on the end day is already back.
    ranks = frame(rows(OWN, "k", day(-2), [50, 50, 90, 60]))
    impact = rank_impact(ranks, episodes(("S", OWN, START, day(1))), day(1), baseline_days=2).iloc[0]
    assert impact["days_to_recover"] == 0.0
    strict = rank_impact(
        ranks, episodes(("S", OWN, START, day(1))), day(1), baseline_days=2, recovery_tolerance=0.0
    ).iloc[0]
    assert not strict["recovered"]  # 60 > max(50, 53)


def test_severe_thresholds_are_settings() -> None:
    ranks = frame(rows(OWN, "k", day(-2), [40, 40, 90]))
    eps = episodes(("S", OWN, START, day(1)))
    assert not rank_impact(ranks, eps, day(1), baseline_days=2).iloc[0]["severe"]
    assert rank_impact(
        ranks, eps, day(1), baseline_days=2, severe_baseline_max=50, severe_trough_min=80
    ).iloc[0]["severe"]


def test_defaults_match_settings() -> None:
    import inspect

    s = Settings()
    params = inspect.signature(rank_impact).parameters
    assert params["baseline_days"].default == s.rank_baseline_days
    assert params["severe_baseline_max"].default == s.rank_severe_baseline_max
    assert params["severe_trough_min"].default == s.rank_severe_trough_min
    assert params["recovery_tolerance"].default == s.rank_recovery_tolerance
    assert inspect.signature(unrecovered_core).parameters["since_days"].default == s.after_window_days


def test_baseline_made_of_beyond_days_is_labelled_beyond() -> None:
    ranks = frame(rows(OWN, "k", day(-3), [BEYOND, BEYOND, 250, BEYOND]))
    impact = rank_impact(ranks, episodes(("S", OWN, START, None)), START, baseline_days=3).iloc[0]
    assert impact["baseline"] == 307.0
    assert impact["baseline_label"] == ">306"
    assert impact["trough_label"] == ">306"
    assert impact["drop"] == 0.0


def test_current_label_keeps_the_beyond_flag_and_skips_not_ranked_days() -> None:
    ranks = frame(rows(OWN, "k", day(-1), [4, BEYOND, None]))
    impact = rank_impact(ranks, episodes(("S", OWN, START, None)), day(1), baseline_days=1).iloc[0]
    assert impact["current_rank"] == 307.0
    assert impact["current_label"] == ">306"
    assert impact["current_date"] == pd.Timestamp(START)


def test_marketplaces_do_not_mix() -> None:
    us = rows(OWN, "k", day(-2), [5, 5, 200], marketplace="US")
    de = rows(OWN, "k", day(-2), [1, 1, 1], marketplace="DE")
    rival_de = rows("B0COMP0001", "k", day(-2), [30, 30, 2], marketplace="DE", is_own=False)
    impact = rank_impact(
        frame(us, de, rival_de), episodes(("S", OWN, START, None), marketplace="US"), START, baseline_days=2
    )
    assert len(impact) == 1
    assert impact.iloc[0]["trough"] == 200.0
    assert impact.iloc[0]["competitors"] == []


def test_unknown_ownership_is_not_a_competitor() -> None:
    rival = rows("B0COMP0001", "k", day(-2), [30, 30, 2], is_own=False)
    for r in rival:
        r["is_own"] = None
    impact = rank_impact(
        frame(rows(OWN, "k", day(-2), [5, 5, 200]), rival),
        episodes(("S", OWN, START, None)),
        START,
        baseline_days=2,
    )
    assert impact.iloc[0]["competitors"] == []


def test_episodes_of_several_skus_and_repeat_stockouts() -> None:
    first_end = day(2)
    second = day(10)
    ranks = frame(
        rows(OWN, "k", day(-2), [5, 5, 60, 70, 6] + [5] * 7 + [90, 5]),
        rows("B0OTHER001", "k", day(-2), [20, 20, 150]),
    )
    eps = episodes(
        ("S1", OWN, START, first_end), ("S1", OWN, second, day(1, second)), ("S2", "B0OTHER001", START, None)
    )
    impact = rank_impact(ranks, eps, day(1, second), baseline_days=2)
    assert list(zip(impact["sku"], impact["trough"], strict=True)) == [
        ("S1", 70.0),
        ("S1", 90.0),
        ("S2", 150.0),
    ]
    assert impact["days_to_recover"].tolist()[:2] == [0.0, 0.0]


def test_empty_inputs_give_empty_frames_with_the_columns() -> None:
    empty_eps = pd.DataFrame(columns=["marketplace", "sku", "asin", "start_date", "end_date", "ongoing"])
    impact = rank_impact(story_ranks(), empty_eps, AS_OF)
    assert impact.empty
    assert tuple(impact.columns) == IMPACT_COLUMNS
    no_ranks = story_ranks().iloc[0:0]
    assert rank_impact(no_ranks, episodes(("S", OWN, START, END)), AS_OF).empty
    assert tuple(unrecovered_core(impact, as_of=AS_OF).columns) == UNRECOVERED_COLUMNS


def test_episode_asin_without_rank_data_gives_no_rows() -> None:
    impact = rank_impact(story_ranks(), episodes(("S", "B0NORANKS1", START, END)), AS_OF)
    assert impact.empty


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline_days": 0}, "baseline_days"),
        ({"baseline_days": 2.5}, "baseline_days"),
        ({"recovery_tolerance": -0.1}, "recovery_tolerance"),
        ({"recovery_tolerance": NAN}, "recovery_tolerance"),
    ],
)
def test_bad_settings_raise(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rank_impact(story_ranks(), episodes(("S", OWN, START, END)), AS_OF, **kwargs)  # type: ignore[arg-type]


def test_missing_columns_raise() -> None:
    with pytest.raises(ValueError, match="organic_rank"):
        rank_impact(story_ranks().drop(columns="organic_rank"), episodes(("S", OWN, START, END)), AS_OF)
    with pytest.raises(ValueError, match="asin"):
        rank_impact(story_ranks(), episodes(("S", OWN, START, END)).drop(columns="asin"), AS_OF)


# ---------------------------------------------------------------------------------------------
# unrecovered_core
# ---------------------------------------------------------------------------------------------


def impact_row(
    sku: str,
    keyword: str,
    *,
    end: dt.date | None,
    baseline: float,
    recovered: bool,
    current: float,
    start: dt.date = START,
) -> dict[str, object]:
    return {
        "marketplace": "US",
        "sku": sku,
        "asin": "B0" + sku,
        "keyword": keyword,
        "start_date": start,
        "end_date": end,
        "ongoing": end is None,
        "baseline": baseline,
        "recovered": recovered,
        "current_rank": current,
    }


def test_unrecovered_core_counts_keywords_not_back() -> None:
    as_of = day(10, END)
    impact = pd.DataFrame(
        [
            impact_row("A", "kw a", end=END, baseline=9, recovered=True, current=10),
            impact_row("A", "kw b", end=END, baseline=5, recovered=False, current=20),
            impact_row("A", "kw new", end=END, baseline=NAN, recovered=False, current=40),  # no baseline
            impact_row("B", "kw c", end=END, baseline=3, recovered=True, current=2),
            impact_row("C", "kw d", end=None, baseline=3, recovered=False, current=90),  # still out of stock
            impact_row(
                "D", "kw e", end=day(-100, END), baseline=3, recovered=False, current=90, start=day(-110, END)
            ),  # ended long ago
        ]
    )
    raw = unrecovered_core(impact, as_of=as_of)
    assert tuple(raw.columns) == UNRECOVERED_COLUMNS
    out = raw.set_index("sku")
    assert sorted(out.index) == ["A", "B"]
    assert out.loc["A", "keywords"] == 2
    assert out.loc["A", "unrecovered"] == 1
    assert out.loc["A", "worst_gap"] == 15.0
    assert not out.loc["A", "ranks_recovered"]
    assert out.loc["B", "unrecovered"] == 0
    assert out.loc["B", "worst_gap"] == -1.0
    assert out.loc["B", "ranks_recovered"]
    assert out.loc["A", "end_date"] == pd.Timestamp(END)


def test_unrecovered_core_uses_the_latest_ended_episode_and_core_filter() -> None:
    later = day(20, END)
    impact = pd.DataFrame(
        [
            impact_row("A", "kw b", end=END, baseline=5, recovered=False, current=20),
            impact_row("A", "kw b", end=later, baseline=5, recovered=True, current=6, start=day(15, END)),
            impact_row(
                "A", "kw far", end=later, baseline=80, recovered=False, current=200, start=day(15, END)
            ),
        ]
    )
    out = unrecovered_core(impact, as_of=day(5, later)).set_index("sku")
    assert out.loc["A", "unrecovered"] == 1  # kw far, from the later episode only
    assert out.loc["A", "worst_gap"] == 120.0
    core = unrecovered_core(impact, as_of=day(5, later), core_baseline_max=30).set_index("sku")
    assert core.loc["A", "keywords"] == 1
    assert core.loc["A", "ranks_recovered"]
    assert unrecovered_core(impact, as_of=day(5, later), since_days=3).empty


def test_unrecovered_core_from_the_story(story: pd.DataFrame) -> None:
    out = unrecovered_core(story.reset_index(), as_of=AS_OF)
    assert out["keywords"].tolist() == [1]  # "mat thick" has no baseline
    assert out["ranks_recovered"].tolist() == [True]


# ---------------------------------------------------------------------------------------------
# rank_series
# ---------------------------------------------------------------------------------------------


def test_rank_series_own_first_then_competitors_with_labels() -> None:
    ranks = frame(
        rows(OWN, "k", START, [5, BEYOND, None]),
        rows("B0COMP0001", "k", START, [9, 8, 7], is_own=False),
        rows("B0OWN00002", "k", START, [1, 1, 1]),  # another own ASIN: not a competitor
        rows("B0COMP0001", "other", START, [1, 1, 1], is_own=False),
        rows("B0COMP0009", "k", START, [2, 2, 2], is_own=False, marketplace="DE"),
    )
    out = rank_series(ranks, OWN, "k")
    assert tuple(out.columns) == SERIES_COLUMNS
    assert out["asin"].tolist() == [OWN] * 3 + ["B0COMP0001"] * 3
    assert out["label"].tolist()[:3] == ["5", ">306", "–"]
    assert out["beyond"].tolist()[:3] == [False, True, False]
    assert out["rank"].tolist()[:2] == [5.0, 307.0]
    assert math.isnan(out["rank"].iloc[2])
    assert out["date"].iloc[0] == pd.Timestamp(START)
    alone = rank_series(ranks, OWN, "k", with_competitors=False)
    assert alone["asin"].unique().tolist() == [OWN]
    assert rank_series(ranks, OWN, "k", marketplace="DE").empty


# ---------------------------------------------------------------------------------------------
# invariants
# ---------------------------------------------------------------------------------------------

cell = st.one_of(st.none(), st.integers(1, 306), st.just(BEYOND))


@settings(max_examples=80, deadline=None)
@given(
    before=st.lists(cell, min_size=0, max_size=20),
    during=st.lists(cell, min_size=1, max_size=15),
    after=st.lists(cell, min_size=0, max_size=10),
    ongoing=st.booleans(),
)
def test_trough_is_the_worst_in_window_rank_and_drop_is_trough_minus_baseline(
    before: list[object], during: list[object], after: list[object], ongoing: bool
) -> None:
    ranks = frame(rows(OWN, "k", day(-len(before)), before + during + after))
    end = None if ongoing else day(len(during))
    as_of = day(len(during) - 1) if ongoing else day(len(during) + max(len(after) - 1, 0))
    impact = rank_impact(ranks, episodes(("S", OWN, START, end)), as_of).iloc[0]
    window = effective_rank(ranks).iloc[len(before) : len(before) + len(during)].dropna()
    base = effective_rank(ranks).iloc[max(len(before) - 14, 0) : len(before)].dropna()
    if window.empty:
        assert math.isnan(impact["trough"])
    else:
        assert (impact["trough"] >= window).all()
        assert impact["trough"] == window.max()
        assert impact["trough_beyond"] == (impact["trough"] == 307.0)
    if base.empty:
        assert math.isnan(impact["baseline"])
    else:
        assert impact["baseline"] == base.median()
    if not (math.isnan(impact["trough"]) or math.isnan(impact["baseline"])):
        assert impact["drop"] == impact["trough"] - impact["baseline"]
    else:
        assert math.isnan(impact["drop"])
    assert impact["severe"] == bool(impact["baseline"] <= 30 and impact["trough"] > 100)
    if impact["recovered"]:
        assert not ongoing
        assert impact["days_to_recover"] >= 0


# ---------------------------------------------------------------------------------------------
# module hygiene
# ---------------------------------------------------------------------------------------------


def test_docstring_examples() -> None:
    result = doctest.testmod(rk, extraglobs={"pd": pd, "np": np})
    assert result.failed == 0
    assert result.attempted >= 3


def test_no_streamlit_or_duckdb_imports() -> None:
    tree = ast.parse(Path(rk.__file__).read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not names & {"streamlit", "duckdb"}

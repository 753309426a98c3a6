"""Keyword ranks around stockouts: baseline, trough, drop, recovery and who took the place.

Implements DESIGN.md "Keyword ranks" and the playbook's rank lines (seed 000: "record the
keyword-rank baseline (own and neighbours)", "track ranks daily and flag severe drops (e.g. Top 30 →
beyond 100) and which competitors took the place", "step back ... as conversion and ranks recover").
Pure pandas over frames passed in: no Streamlit, no DuckDB, no I/O.

Rank conventions
----------------
* ``organic_rank`` is the position when the tracker saw one. A tracker that only says ">306" stores
  NaN there and the depth 306 in ``organic_rank_beyond``. For ordering such a day counts as 307
  (worse than anything tracked), but labels keep the flag and say ">306", never "307".
* A day with neither value is *not ranked*: missing data, not a rank. Medians and maxima skip it.
* All windows are in calendar days of the ``date`` column. For an episode starting on day S and
  ending (first day back in stock) on day E:

  - baseline: S − baseline_days … S − 1 (median effective rank);
  - during:   S … E − 1, or S … as_of while ongoing (worst = maximum effective rank);
  - after:    E … as_of (first day back within tolerance of the baseline = recovered).

* Rows dated after ``as_of`` are ignored, so a report for an earlier day is reproducible.

Dates in returned frames are ``datetime64`` (midnight), NaT when absent.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

__all__ = [
    "IMPACT_COLUMNS",
    "NOT_RANKED",
    "SERIES_COLUMNS",
    "UNRECOVERED_COLUMNS",
    "effective_rank",
    "rank_impact",
    "rank_label",
    "rank_series",
    "unrecovered_core",
]

DateLike: TypeAlias = dt.date | str  # pd.Timestamp is a dt.date too

NOT_RANKED = "–"
"""Label of a day without a rank (en dash: language-neutral, needs no translation)."""

# Recovery needs at least this many positions of slack: a baseline of 2 with a 20 % tolerance would
# otherwise demand rank 2.4, i.e. exactly the old rank, which daily rank noise rarely allows.
_MIN_SLACK = 3.0
# 10 × 1.2 = 12.000000000000002: rank 12 must count as within it.
_EPS = 1e-9

RANK_REQUIRED = ("date", "marketplace", "asin", "keyword", "organic_rank")
EPISODE_REQUIRED = ("marketplace", "sku", "asin", "start_date", "end_date")

IMPACT_COLUMNS = (
    "marketplace",
    "sku",
    "asin",
    "keyword",
    "start_date",
    "end_date",
    "ongoing",
    "baseline",
    "baseline_label",
    "trough",
    "trough_beyond",
    "trough_label",
    "drop",
    "severe",
    "recovered",
    "recovered_date",
    "days_to_recover",
    "current_rank",
    "current_label",
    "current_date",
    "search_volume",
    "competitors",
    "competitors_text",
)
UNRECOVERED_COLUMNS = (
    "marketplace",
    "sku",
    "asin",
    "start_date",
    "end_date",
    "keywords",
    "unrecovered",
    "worst_gap",
    "ranks_recovered",
)
SERIES_COLUMNS = ("date", "marketplace", "asin", "is_own", "rank", "label", "beyond")


# ---------------------------------------------------------------------------------------------
# ranks and labels
# ---------------------------------------------------------------------------------------------


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    """``frame[column]`` as float64 (NaN for missing, pd.NA or an absent column)."""
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def effective_rank(ranks: pd.DataFrame) -> pd.Series:
    """Organic rank for ordering: the position, else depth + 1 for a ">N" day, else NaN.

    Parameters
    ----------
    ranks : DataFrame
        Needs ``organic_rank``; ``organic_rank_beyond`` is optional (absent = never ">N").

    Returns
    -------
    Series of float, aligned with ``ranks``.

    Examples
    --------
    Ranks 54, ">306" and not ranked:

    >>> frame = pd.DataFrame({"organic_rank": [54, None, None], "organic_rank_beyond": [None, 306, None]})
    >>> effective_rank(frame).tolist()
    [54.0, 307.0, nan]
    """
    organic = _numeric(ranks, "organic_rank")
    beyond = _numeric(ranks, "organic_rank_beyond")
    return organic.fillna(beyond + 1.0).rename("effective_rank")


def _finite(value: Any) -> float | None:
    """``value`` as a finite float, else None (None, NaN, pd.NA, inf, text)."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):  # pd.NA, strings
        return None
    return v if math.isfinite(v) else None


def _fmt(value: float) -> str:
    """54.0 → "54"; a median 8.5 → "8.5"."""
    rounded = round(value)
    return str(int(rounded)) if abs(value - rounded) < _EPS else f"{value:.1f}"


def rank_label(rank: float | None, beyond: float | None = None) -> str:
    """How a rank is shown: "54", ">306" for a rank beyond the tracked depth, "–" when not ranked.

    ``rank`` wins when both are given (the same precedence as :func:`effective_rank`).

    Examples
    --------
    >>> rank_label(54.0, float("nan")), rank_label(float("nan"), 306), rank_label(None, None)
    ('54', '>306', '–')
    """
    r, b = _finite(rank), _finite(beyond)
    if r is not None:
        return _fmt(r)
    if b is not None:
        return ">" + _fmt(b)
    return NOT_RANKED


def _fmt_many(values: pd.Series) -> pd.Series:
    """Vectorised :func:`_fmt` over finite values."""
    rounded = values.round()
    whole = (values - rounded).abs() < _EPS
    out = values.round(1).map("{:.1f}".format).astype(object)
    out[whole] = rounded[whole].astype("int64").astype(str)
    return out


def _labels(rank: pd.Series, beyond: pd.Series) -> pd.Series:
    """Vectorised :func:`rank_label`."""
    out = pd.Series(NOT_RANKED, index=rank.index, dtype=object)
    has_rank = rank.notna()
    has_beyond = ~has_rank & beyond.notna()
    if has_rank.any():
        out[has_rank] = _fmt_many(rank[has_rank])
    if has_beyond.any():
        out[has_beyond] = ">" + _fmt_many(beyond[has_beyond])
    return out


def _labels_from_effective(rank: pd.Series, is_beyond: pd.Series) -> pd.Series:
    """Label an effective rank whose ">N" origin is known: 307 flagged beyond → ">306"."""
    flag = is_beyond.fillna(False).astype(bool)
    return _labels(rank.where(~flag), (rank - 1.0).where(flag))


# ---------------------------------------------------------------------------------------------
# input preparation
# ---------------------------------------------------------------------------------------------


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing columns: {', '.join(missing)}.")


def _day(value: DateLike) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _prepare_ranks(ranks: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Canonical rank rows with ``date`` as datetime64, ``rank`` (effective) and ``beyond`` flag."""
    _require(ranks, RANK_REQUIRED, "ranks")
    r = pd.DataFrame(
        {
            "date": pd.to_datetime(ranks["date"]).dt.normalize(),
            "marketplace": ranks["marketplace"],
            "asin": ranks["asin"],
            "keyword": ranks["keyword"],
            "organic_rank": _numeric(ranks, "organic_rank"),
            "organic_rank_beyond": _numeric(ranks, "organic_rank_beyond"),
            "search_volume": _numeric(ranks, "search_volume"),
            "is_own": ranks["is_own"] if "is_own" in ranks.columns else pd.Series(pd.NA, index=ranks.index),
        },
        index=ranks.index,
    )
    r["rank"] = effective_rank(r)
    r["beyond"] = r["organic_rank"].isna() & r["organic_rank_beyond"].notna()
    if as_of is not None:
        r = r[r["date"] <= as_of]
    return r.reset_index(drop=True)


def _is_competitor(is_own: pd.Series) -> pd.Series:
    """Only an explicit False is a competitor; unknown ownership (NULL) is neither own nor competitor."""
    return is_own.astype("boolean").eq(False).fillna(False).astype(bool)


def _prepare_episodes(episodes: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    _require(episodes, EPISODE_REQUIRED, "episodes")
    ep = episodes.reset_index(drop=True)
    start = pd.to_datetime(ep["start_date"]).dt.normalize()
    end = pd.to_datetime(ep["end_date"]).dt.normalize()
    flagged = (
        ep["ongoing"].fillna(False).astype(bool)
        if "ongoing" in ep.columns
        else pd.Series(False, index=ep.index)
    )
    ongoing = end.isna() | flagged
    return pd.DataFrame(
        {
            "ep_id": np.arange(len(ep)),
            "marketplace": ep["marketplace"],
            "sku": ep["sku"],
            "asin": ep["asin"],
            "start_date": start,
            "end_date": end,
            "ongoing": ongoing.to_numpy(dtype=bool),
            # last day of the "during" window
            "during_end": end.sub(pd.Timedelta(days=1)).where(~ongoing, as_of),
        }
    )


def _windows(obs: pd.DataFrame, baseline_days: int) -> tuple[pd.Series, pd.Series]:
    """Masks of the baseline window (S − baseline_days … S − 1) and the during window (S … during_end)."""
    offset = (obs["date"] - obs["start_date"]).dt.days
    in_base = (offset >= -baseline_days) & (offset <= -1)
    in_during = (offset >= 0) & (obs["date"] <= obs["during_end"])
    return in_base, in_during


# ---------------------------------------------------------------------------------------------
# rank impact of each stockout episode
# ---------------------------------------------------------------------------------------------


def _empty_impact() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in IMPACT_COLUMNS})
    for c in ("start_date", "end_date", "recovered_date", "current_date"):
        frame[c] = pd.Series(dtype="datetime64[ns]")
    for c in ("baseline", "trough", "drop", "days_to_recover", "current_rank", "search_volume"):
        frame[c] = pd.Series(dtype="float64")
    for c in ("ongoing", "trough_beyond", "severe", "recovered"):
        frame[c] = pd.Series(dtype=bool)
    return frame


def rank_impact(
    ranks: pd.DataFrame,
    episodes: pd.DataFrame,
    as_of: DateLike,
    *,
    baseline_days: int = 14,
    severe_baseline_max: float = 30.0,
    severe_trough_min: float = 100.0,
    recovery_tolerance: float = 0.2,
) -> pd.DataFrame:
    """Baseline, trough, drop, recovery and competitor gains for each (stockout episode, keyword).

    DESIGN.md "Keyword ranks": baseline B = median effective organic rank over the ``baseline_days``
    days before the stockout began; trough T = worst (highest) effective rank during it; drop = T − B;
    severe = B ≤ ``severe_baseline_max`` and T > ``severe_trough_min`` (seed 000: "Top 30 → beyond
    100"); recovered on the first day on/after the end with rank ≤ max(B × (1 + tolerance), B + 3).

    Parameters
    ----------
    ranks : DataFrame
        Canonical ``keyword_rank`` rows (own and competitor ASINs).
    episodes : DataFrame
        ``marketplace, sku, asin, start_date, end_date`` (first day back in stock; NaT/None while
        ongoing) and optionally ``ongoing``.
    as_of : date
        The report day: the last day of an ongoing stockout and of the recovery watch.
    baseline_days, severe_baseline_max, severe_trough_min, recovery_tolerance
        Settings ``rank_baseline_days`` … ``rank_recovery_tolerance``.

    Returns
    -------
    DataFrame with :data:`IMPACT_COLUMNS`, one row per episode and keyword ever tracked (up to
    ``as_of``) for the episode's ASIN in its marketplace. A keyword without baseline data keeps
    ``baseline``/``drop`` NaN and ``severe``/``recovered`` False. ``competitors`` is a list of
    ``{"asin", "before", "during", "gain"}`` (median ranks, gain = before − during > 0), best gain
    first; ``competitors_text`` reads "B0COMP0001 (+45), B0COMP0002 (+12)".

    Examples
    --------
    Baseline days ranked 8, 9, 10, 9, 8 … (median 9); during the stockout 25, 80, ">306"; after it
    40, 15, 11, 10. Trough ">306" counts as 307: drop 298, severe (9 ≤ 30, 307 > 100). Recovery
    needs ≤ max(9 × 1.2, 9 + 3) = 12, first met by the 11 on the third day back: days_to_recover 2.
    """
    if int(baseline_days) != baseline_days or baseline_days < 1:
        raise ValueError(f"baseline_days must be a positive whole number, got {baseline_days!r}.")
    if not (math.isfinite(recovery_tolerance) and recovery_tolerance >= 0):
        raise ValueError(
            f"recovery_tolerance must be a finite non-negative number, got {recovery_tolerance!r}."
        )
    day = _day(as_of)
    r = _prepare_ranks(ranks, day)
    ep = _prepare_episodes(episodes, day)
    own = r[
        ["marketplace", "asin", "keyword", "date", "rank", "beyond", "organic_rank", "organic_rank_beyond"]
    ]

    # one row per (episode, keyword tracked for its ASIN)
    pairs = own[["marketplace", "asin", "keyword"]].drop_duplicates()
    base = ep.merge(pairs, on=["marketplace", "asin"], how="inner")
    if base.empty:
        return _empty_impact()
    key = ["ep_id", "keyword"]
    base = base.set_index(key)

    # ranked observations of the episode's own ASIN, one row per (episode, keyword, date)
    obs = ep.merge(own[own["rank"].notna()], on=["marketplace", "asin"], how="inner")
    in_base, in_during = _windows(obs, int(baseline_days))

    before = obs[in_base]
    base["baseline"] = before.groupby(key)["rank"].median()
    # Label a baseline made of ">N" days as ">N", not N + 1.
    base_beyond = (
        before[before["beyond"]]
        .merge(base["baseline"].reset_index(), on=key)
        .query("rank == baseline")
        .groupby(key)
        .size()
        .gt(0)
    )
    base["baseline_beyond"] = base_beyond.reindex(base.index, fill_value=False).astype(bool)

    # trough: the highest effective rank; on a tie the ">N" day wins (it may be even worse)
    worst = obs[in_during].sort_values(["rank", "beyond"]).groupby(key).tail(1).set_index(key)
    base["trough"] = worst["rank"]
    base["trough_beyond"] = worst["beyond"].reindex(base.index, fill_value=False).astype(bool)

    base["drop"] = base["trough"] - base["baseline"]
    base["severe"] = base["baseline"].le(severe_baseline_max) & base["trough"].gt(severe_trough_min)

    # recovery: first day on/after the end back within tolerance of the baseline
    threshold = np.maximum(base["baseline"] * (1.0 + recovery_tolerance), base["baseline"] + _MIN_SLACK)
    after = obs[~obs["ongoing"] & (obs["date"] >= obs["end_date"])]
    after = after.join(threshold.rename("threshold"), on=key)
    back = after[after["rank"] <= after["threshold"] + _EPS]
    base["recovered_date"] = back.groupby(key)["date"].min()
    base["recovered"] = base["recovered_date"].notna() & ~base["ongoing"]
    base["days_to_recover"] = (base["recovered_date"] - base["end_date"]).dt.days.astype("float64")

    # current: the latest ranked day up to as_of (a not-ranked day is missing, not a rank)
    current = (
        own[own["rank"].notna()]
        .sort_values("date")
        .groupby(["marketplace", "asin", "keyword"])
        .tail(1)
        .set_index(["marketplace", "asin", "keyword"])
    )
    current["current_label"] = _labels(current["organic_rank"], current["organic_rank_beyond"])
    base = base.join(
        current[["rank", "current_label", "date"]].rename(
            columns={"rank": "current_rank", "date": "current_date"}
        ),
        on=["marketplace", "asin", "keyword"],
    )
    base["current_label"] = base["current_label"].fillna(NOT_RANKED)

    # search volume: the latest known for the keyword in the marketplace, whoever's row carried it
    volume = (
        r[r["search_volume"].notna()]
        .sort_values("date")
        .groupby(["marketplace", "keyword"])["search_volume"]
        .last()
    )
    base = base.join(volume, on=["marketplace", "keyword"])

    competitors = _competitors(r, base, int(baseline_days))
    base["competitors"] = [competitors.get(k, []) for k in base.index]
    base["competitors_text"] = [
        ", ".join(f"{c['asin']} (+{_fmt(c['gain'])})" for c in comps) for comps in base["competitors"]
    ]

    base["baseline_label"] = _labels_from_effective(base["baseline"], base["baseline_beyond"])
    base["trough_label"] = _labels_from_effective(base["trough"], base["trough_beyond"])
    for c in ("baseline_label", "trough_label", "current_label", "competitors_text"):
        base[c] = base[c].astype(str)
    out = base.reset_index().sort_values(["marketplace", "sku", "start_date", "keyword"], kind="stable")
    return out.loc[:, list(IMPACT_COLUMNS)].reset_index(drop=True)


def _competitors(
    r: pd.DataFrame, base: pd.DataFrame, baseline_days: int
) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """Competitor ASINs per (ep_id, keyword) whose median rank was better during than before."""
    comp = r[_is_competitor(r["is_own"]) & r["rank"].notna()][
        ["marketplace", "asin", "keyword", "date", "rank"]
    ]
    frame = base.reset_index()[["ep_id", "keyword", "marketplace", "asin", "start_date", "during_end"]]
    obs = frame.rename(columns={"asin": "own_asin"}).merge(comp, on=["marketplace", "keyword"], how="inner")
    obs = obs[obs["asin"] != obs["own_asin"]]
    if obs.empty:
        return {}
    in_base, in_during = _windows(obs, baseline_days)
    key = ["ep_id", "keyword", "asin"]
    medians = pd.DataFrame(
        {
            "before": obs[in_base].groupby(key)["rank"].median(),
            "during": obs[in_during].groupby(key)["rank"].median(),
        }
    ).dropna()
    medians["gain"] = medians["before"] - medians["during"]
    gained = (
        medians[medians["gain"] > 0]
        .reset_index()
        .sort_values(["ep_id", "keyword", "gain", "asin"], ascending=[True, True, False, True], kind="stable")
    )
    out: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in gained.itertuples(index=False):
        out[(row.ep_id, row.keyword)].append(
            {
                "asin": row.asin,
                "before": float(row.before),
                "during": float(row.during),
                "gain": float(row.gain),
            }
        )
    return dict(out)


# ---------------------------------------------------------------------------------------------
# SKUs whose core ranks are not back yet
# ---------------------------------------------------------------------------------------------


def unrecovered_core(
    impact: pd.DataFrame,
    *,
    as_of: DateLike,
    since_days: int = 60,
    core_baseline_max: float | None = None,
) -> pd.DataFrame:
    """Per (marketplace, SKU): keywords whose rank is not back since the latest recently ended stockout.

    Looks at the latest episode per SKU that ended within ``since_days`` before ``as_of`` (setting
    ``after_window_days``) and at its keywords with a baseline (a keyword never ranked before the
    stockout has nothing to return to); ``core_baseline_max`` narrows them further to keywords
    whose baseline was at most that rank (e.g. 30 for the "Top 30").

    Returns
    -------
    DataFrame with :data:`UNRECOVERED_COLUMNS`: ``keywords`` counted, ``unrecovered`` (not yet
    recovered), ``worst_gap`` = max(current rank − baseline) over those keywords (positive = still
    worse than before; NaN without a current rank) and ``ranks_recovered`` (all back). SKUs with no
    such episode or no rank data are absent: the caller decides what "unknown" means.

    Examples
    --------
    A stockout that ended 10 days ago: "kw a" recovered, "kw b" went from 5 to 20 and stays there →
    keywords 2, unrecovered 1, worst_gap 15, ranks_recovered False.
    """
    if int(since_days) != since_days or since_days < 0:
        raise ValueError(f"since_days must be a non-negative whole number, got {since_days!r}.")
    _require(
        impact,
        (
            "marketplace",
            "sku",
            "asin",
            "keyword",
            "end_date",
            "ongoing",
            "baseline",
            "recovered",
            "current_rank",
        ),
        "impact",
    )
    day = _day(as_of)
    end = pd.to_datetime(impact["end_date"]).dt.normalize()
    age = (day - end).dt.days
    sel = (
        ~impact["ongoing"].fillna(False).astype(bool)
        & end.notna()
        & age.between(0, since_days)
        & impact["baseline"].notna()
    )
    if core_baseline_max is not None:
        sel &= impact["baseline"].le(core_baseline_max)
    ended = impact[sel].assign(end_date=end[sel])
    if ended.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in UNRECOVERED_COLUMNS})
        frame["start_date"] = pd.Series(dtype="datetime64[ns]")
        frame["end_date"] = pd.Series(dtype="datetime64[ns]")
        frame[["keywords", "unrecovered"]] = frame[["keywords", "unrecovered"]].astype("int64")
        frame["worst_gap"] = frame["worst_gap"].astype("float64")
        frame["ranks_recovered"] = frame["ranks_recovered"].astype(bool)
        return frame
    sku = ["marketplace", "sku"]
    latest = ended["end_date"].eq(ended.groupby(sku)["end_date"].transform("max"))
    ended = ended[latest].assign(
        start_date=lambda f: pd.to_datetime(f["start_date"]).dt.normalize(),
        open_=lambda f: ~f["recovered"].fillna(False).astype(bool),
        gap=lambda f: f["current_rank"] - f["baseline"],
    )
    out = ended.groupby(sku, as_index=False).agg(
        asin=("asin", "first"),
        start_date=("start_date", "max"),
        end_date=("end_date", "max"),
        keywords=("keyword", "nunique"),
        unrecovered=("open_", "sum"),
        worst_gap=("gap", "max"),
    )
    out["unrecovered"] = out["unrecovered"].astype("int64")
    out["ranks_recovered"] = out["unrecovered"].eq(0)
    return out.loc[:, list(UNRECOVERED_COLUMNS)]


# ---------------------------------------------------------------------------------------------
# chart data
# ---------------------------------------------------------------------------------------------


def rank_series(
    ranks: pd.DataFrame,
    asin: str,
    keyword: str,
    *,
    with_competitors: bool = True,
    marketplace: str | None = None,
) -> pd.DataFrame:
    """Tidy rank trajectory of one ASIN on one keyword, with its competitors, for a chart.

    Returns :data:`SERIES_COLUMNS`: one row per tracked day and ASIN, ``rank`` the effective rank
    (NaN on a not-ranked day, so the line shows a gap), ``label`` as :func:`rank_label` shows it,
    ``beyond`` True on a ">N" day. Competitors are the ``is_own`` False ASINs on the same keyword in
    the marketplace(s) where ``asin`` is tracked (or ``marketplace`` when given). The chosen ASIN's
    rows come first, then competitors by ASIN, each by date.
    """
    r = _prepare_ranks(ranks)
    on_keyword = r["keyword"].eq(keyword)
    if marketplace is not None:
        on_keyword &= r["marketplace"].eq(marketplace)
    mine = on_keyword & r["asin"].eq(asin)
    sel = mine
    if with_competitors:
        markets = r.loc[mine, "marketplace"].unique()
        sel = mine | (on_keyword & r["marketplace"].isin(markets) & _is_competitor(r["is_own"]))
    out = (
        r[sel]
        .assign(
            label=lambda f: _labels(f["organic_rank"], f["organic_rank_beyond"]),
            _other=lambda f: f["asin"].ne(asin),
        )
        .astype({"label": str})
    )
    out = out.sort_values(["_other", "marketplace", "asin", "date"], kind="stable")
    return out.loc[:, list(SERIES_COLUMNS)].reset_index(drop=True)

"""The UTC offset changes that turn UTC order times into local days in SQL."""

from __future__ import annotations

import bisect
import datetime as dt
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_core.store.bulk_orders import offset_sql
from inventory_core.store.marketplaces import MARKETPLACES, ZONE_YEARS, zone_changes

ZONES = sorted({m.timezone for m in MARKETPLACES})


def _offset(tz: str, moment: dt.datetime) -> dt.timedelta:
    changes = zone_changes(tz)
    return changes[bisect.bisect_right([at for at, _ in changes], moment) - 1][1]


def _zoneinfo(tz: str, moment: dt.datetime) -> dt.timedelta:
    value = moment.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(tz)).utcoffset()
    assert value is not None
    return value


def test_known_changes():
    la = dict(zone_changes("America/Los_Angeles"))
    # US Pacific 2026: 2:00 PST on 8 March = 10:00 UTC; 2:00 PDT on 1 November = 09:00 UTC
    assert la[dt.datetime(2026, 3, 8, 10)] == dt.timedelta(hours=-7)
    assert la[dt.datetime(2026, 11, 1, 9)] == dt.timedelta(hours=-8)
    assert sum(1 for at in la if at.year == 2026) == 2
    # Sydney leaves summer time on 5 April 2026 at 3:00 AEDT = 16:00 UTC on the 4th
    assert dict(zone_changes("Australia/Sydney"))[dt.datetime(2026, 4, 4, 16)] == dt.timedelta(hours=10)
    # India has no changes: one offset from the first year on
    assert zone_changes("Asia/Kolkata") == (
        (dt.datetime(ZONE_YEARS[0], 1, 1), dt.timedelta(hours=5, minutes=30)),
    )


@pytest.mark.parametrize("tz", [*ZONES, "America/St_Johns", "Africa/Casablanca"])
def test_each_second_before_and_after_every_change(tz):
    for at, offset in zone_changes(tz)[1:]:
        before = at - dt.timedelta(seconds=1)
        assert _offset(tz, before) == _zoneinfo(tz, before) != offset, (tz, before)
        assert _offset(tz, at) == _zoneinfo(tz, at) == offset, (tz, at)


@settings(max_examples=300, deadline=None)
@given(
    tz=st.sampled_from(ZONES),
    moment=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31, 23, 59, 59)),
)
def test_any_moment_matches_zoneinfo(tz, moment):
    moment = moment.replace(microsecond=0)
    assert _offset(tz, moment) == _zoneinfo(tz, moment)


@pytest.mark.parametrize(
    "tz", ["America/Los_Angeles", "Europe/London", "Australia/Sydney", "America/St_Johns"]
)
def test_sql_search_gives_the_offset_of_every_second_around_each_change(tz):
    """The nested CASE the order scan uses, run in DuckDB, against zoneinfo; NULL outside the years."""
    moments = [
        at + dt.timedelta(seconds=s) for at, _ in zone_changes(tz)[1:] for s in (-3601, -1, 0, 1, 3600)
    ]
    moments += [dt.datetime(1999, 12, 31, 23, 59, 59), dt.datetime(ZONE_YEARS[1], 1, 1)]
    con = duckdb.connect()
    got = con.execute(
        f"SELECT ts, {offset_sql('ts', zone_changes(tz))} FROM unnest(?::TIMESTAMP[]) AS u(ts) ORDER BY ts",
        [moments],
    ).fetchall()
    want = sorted(
        (m, int(_zoneinfo(tz, m).total_seconds()) if ZONE_YEARS[0] <= m.year < ZONE_YEARS[1] else None)
        for m in moments
    )
    assert got == want

"""The per-month UTC offset table that turns UTC order times into local days in SQL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_core.marketplaces import MARKETPLACES, ZONE_YEARS, zone_months

ZONES = sorted({m.timezone for m in MARKETPLACES})


def _offset(tz: str, moment: dt.datetime) -> dt.timedelta:
    month = zone_months(tz)[(moment.year - ZONE_YEARS[0]) * 12 + moment.month - 1]
    first, o0, t1, o1, t2, o2 = month
    assert (first.year, first.month) == (moment.year, moment.month)
    if t1 is None or moment < t1:
        return o0
    return o1 if t2 is None or moment < t2 else o2


def test_known_changes():
    # US Pacific 2026: 2:00 PST on 8 March = 10:00 UTC; 2:00 PDT on 1 November = 09:00 UTC
    march = zone_months("America/Los_Angeles")[(2026 - 2000) * 12 + 2]
    assert march[1:4] == (dt.timedelta(hours=-8), dt.datetime(2026, 3, 8, 10), dt.timedelta(hours=-7))
    november = zone_months("America/Los_Angeles")[(2026 - 2000) * 12 + 10]
    assert november[2:4] == (dt.datetime(2026, 11, 1, 9), dt.timedelta(hours=-8))
    # Sydney leaves summer time on 5 April 2026 at 3:00 AEDT = 16:00 UTC on the 4th
    april = zone_months("Australia/Sydney")[(2026 - 2000) * 12 + 3]
    assert april[1:4] == (dt.timedelta(hours=11), dt.datetime(2026, 4, 4, 16), dt.timedelta(hours=10))
    # India has no changes: one offset for every month
    assert {m[1] for m in zone_months("Asia/Kolkata")} == {dt.timedelta(hours=5, minutes=30)}
    assert all(m[2] is None for m in zone_months("Asia/Kolkata"))


@pytest.mark.parametrize("tz", [*ZONES, "America/St_Johns", "Africa/Casablanca"])
def test_each_second_before_and_after_every_change(tz):
    zone = ZoneInfo(tz)
    for month in zone_months(tz):
        for change in (month[2], month[4]):
            if change is None:
                continue
            for moment in (change - dt.timedelta(seconds=1), change):
                want = moment.replace(tzinfo=dt.UTC).astimezone(zone).utcoffset()
                assert _offset(tz, moment) == want, (tz, moment)


@settings(max_examples=300, deadline=None)
@given(tz=st.sampled_from(ZONES),
       moment=st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31, 23, 59, 59)))
def test_any_moment_matches_zoneinfo(tz, moment):
    moment = moment.replace(microsecond=0)
    want = moment.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(tz)).utcoffset()
    assert _offset(tz, moment) == want

"""Amazon marketplaces: codes, the names and domains reports use for them, currency, time zone, date order."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Marketplace:
    code: str
    currency: str
    timezone: str
    names: tuple[str, ...]  # lower-case spellings seen in reports: country names, domains, Chinese names, ids
    dayfirst: bool = True  # how the marketplace writes an ambiguous date: 01/04/26 is 1 April outside NA/JP


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace(
        "US",
        "USD",
        "America/Los_Angeles",
        ("united states", "united states of america", "usa", "amazon.com", "com", "美国", "atvpdkikx0der"),
        dayfirst=False,
    ),
    Marketplace(
        "CA",
        "CAD",
        "America/Los_Angeles",
        ("canada", "amazon.ca", "ca", "加拿大", "a2euq1wtgctbg2"),
        dayfirst=False,
    ),
    Marketplace(
        "MX",
        "MXN",
        "America/Los_Angeles",
        ("mexico", "méxico", "amazon.com.mx", "com.mx", "墨西哥", "a1am78c64um0y8"),
    ),
    Marketplace(
        "BR",
        "BRL",
        "America/Sao_Paulo",
        ("brazil", "brasil", "amazon.com.br", "com.br", "巴西", "a2q3y263d00kwc"),
    ),
    Marketplace(
        "UK",
        "GBP",
        "Europe/London",
        ("united kingdom", "great britain", "gb", "amazon.co.uk", "co.uk", "英国", "a1f83g8c2aro7p"),
    ),
    Marketplace(
        "DE", "EUR", "Europe/Berlin", ("germany", "deutschland", "amazon.de", "德国", "a1pa6795ukmfr9")
    ),
    Marketplace("FR", "EUR", "Europe/Paris", ("france", "amazon.fr", "法国", "a13v1ib3viyzzh")),
    Marketplace("IT", "EUR", "Europe/Rome", ("italy", "italia", "amazon.it", "意大利", "apj6jra9ng5v4")),
    Marketplace(
        "ES", "EUR", "Europe/Madrid", ("spain", "españa", "espana", "amazon.es", "西班牙", "a1rkkupihcs9hs")
    ),
    Marketplace(
        "NL", "EUR", "Europe/Amsterdam", ("netherlands", "nederland", "amazon.nl", "荷兰", "a1805izsgtt6hs")
    ),
    Marketplace(
        "SE", "SEK", "Europe/Stockholm", ("sweden", "sverige", "amazon.se", "瑞典", "a2nodrkzp88zb9")
    ),
    Marketplace("PL", "PLN", "Europe/Warsaw", ("poland", "polska", "amazon.pl", "波兰", "a1c3sozrarq6r3")),
    Marketplace(
        "BE", "EUR", "Europe/Brussels", ("belgium", "amazon.com.be", "com.be", "比利时", "amen7pms3edwl")
    ),
    Marketplace(
        "TR",
        "TRY",
        "Europe/Istanbul",
        ("turkey", "türkiye", "turkiye", "amazon.com.tr", "com.tr", "土耳其", "a33avaj2pdy3ev"),
    ),
    Marketplace(
        "AE", "AED", "Asia/Dubai", ("united arab emirates", "uae", "amazon.ae", "阿联酋", "a2vigq35rcs4ug")
    ),
    Marketplace(
        "SA",
        "SAR",
        "Asia/Riyadh",
        ("saudi arabia", "ksa", "amazon.sa", "沙特", "沙特阿拉伯", "a17e79c6d8dwnp"),
    ),
    Marketplace("IN", "INR", "Asia/Kolkata", ("india", "amazon.in", "印度", "a21tjruun4kgv")),
    Marketplace(
        "JP",
        "JPY",
        "Asia/Tokyo",
        ("japan", "amazon.co.jp", "co.jp", "日本", "a1vc38t7yxb528"),
        dayfirst=False,
    ),
    Marketplace(
        "AU",
        "AUD",
        "Australia/Sydney",
        ("australia", "amazon.com.au", "com.au", "澳大利亚", "澳洲", "a39ibj37trp1c6"),
    ),
    Marketplace("SG", "SGD", "Asia/Singapore", ("singapore", "amazon.sg", "新加坡", "a19vau5u5o7rus")),
)

_BY_NAME: dict[str, str] = {}
for _m in MARKETPLACES:
    _BY_NAME[_m.code.lower()] = _m.code
    for _n in _m.names:
        _BY_NAME[_n] = _m.code

BY_CODE: dict[str, Marketplace] = {m.code: m for m in MARKETPLACES}


def marketplace_code(value: object) -> str | None:
    """The two-letter code for a marketplace as a report spells it, or None when unknown.

    Country names (Restock and ads reports write ``United States``), domains (``Amazon.com``,
    ``www.amazon.co.uk``), marketplace ids, Chinese names (``美国``, also ``美国站``) and codes (``GB`` is
    UK).

    >>> marketplace_code("Amazon.com"), marketplace_code("美国站"), marketplace_code("GB")
    ('US', 'US', 'UK')
    """
    if value is None:
        return None
    text = " ".join(str(value).split()).lower()
    if not text:
        return None
    text = text.removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    if text.endswith("站") and len(text) > 1:  # 美国站: the US store
        text = text[:-1]
    if text.startswith(("amazon_", "amazon ")):  # AMAZON_US
        text = text[7:]
    return _BY_NAME.get(text)


def known_names() -> tuple[str, ...]:
    """Every lower-case spelling :func:`marketplace_code` knows without normalising (codes included)."""
    return tuple(_BY_NAME)


def timezone_of(code: str) -> str:
    market = BY_CODE.get(code)
    return market.timezone if market else "UTC"


def currency_of(code: str) -> str | None:
    market = BY_CODE.get(code)
    return market.currency if market else None


# -- UTC offsets, for turning UTC order times into local days in SQL ------------------------------------
ZONE_YEARS = (2000, 2041)  # Amazon order history starts after 2000; the changes end before 2041


@functools.cache
def zone_changes(tz: str) -> tuple[tuple[dt.datetime, dt.timedelta], ...]:
    """The UTC offsets of ``tz`` over :data:`ZONE_YEARS` as (from this UTC moment, offset) pairs: the first
    at the start of the first year, then one per change, to the second; times are naive UTC.

    A local day is then ``date(utc + offset)``, the offset found by comparing the UTC time with the
    change moments (a few comparisons per order line, far cheaper than a time-zone conversion).
    """
    import numpy as np
    import pandas as pd

    zone = ZoneInfo(tz)
    origin = dt.datetime(ZONE_YEARS[0], 1, 1)
    days = pd.date_range(origin, dt.datetime(ZONE_YEARS[1], 1, 1), freq="D", inclusive="left")
    seconds = (days.tz_localize("UTC").tz_convert(tz).tz_localize(None) - days).total_seconds().to_numpy()
    shifted = np.flatnonzero(seconds[1:] != seconds[:-1]) + 1  # first day start with the new offset

    def offset_at(moment: dt.datetime) -> dt.timedelta:
        value = moment.replace(tzinfo=dt.UTC).astimezone(zone).utcoffset()
        assert value is not None
        return value

    def change_in(lo: dt.datetime, hi: dt.datetime, before: dt.timedelta) -> dt.datetime:
        """The first second after ``lo`` whose offset is not ``before`` (hours first: most rules change on
        the hour)."""
        for step in (dt.timedelta(hours=1), dt.timedelta(seconds=1)):
            while hi - lo > step:
                mid = lo + (hi - lo) // step // 2 * step
                lo, hi = (mid, hi) if offset_at(mid) == before else (lo, mid)
        return hi

    changes = [(origin, offset_at(origin))]
    for i in shifted:
        lo = origin + dt.timedelta(days=int(i) - 1)
        # A day boundary sees at most one net change; two changes within one day (none known) would hide.
        at = change_in(lo, lo + dt.timedelta(days=1), offset_at(lo))
        changes.append((at, offset_at(at)))
    return tuple(changes)

"""A store of SKUs a careful seller really has (issue 17): two ordinary ones, and one SKU per odd case.

Every file is a real-format export (a Manage FBA Inventory flat file for today's stock) or a canonical
template (stock history, daily sales, shipments, per-SKU settings, product ads), written by
``tests/report_files.py`` and imported through the real importer into a real DuckDB file. :func:`build` takes
the SKUs to include, so a test can compare a store with an odd SKU against the same store without it.

As of Monday 2026-11-16; day ``-k`` is k days before it. Defaults: lead time 60 days, safety 14 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from report_files import (
    MANAGE_FBA,
    TEMPLATE_INVENTORY,
    TEMPLATE_SETTINGS,
    TEMPLATE_SHIPMENT,
    flat_file,
    load,
    text_file,
)

from inventory_core.store import Store

AS_OF = dt.date(2026, 11, 16)
TEMPLATE_SALES = ["date", "marketplace", "sku", "asin", "units", "revenue", "sessions"]
TEMPLATE_ADS = [
    "date",
    "marketplace",
    "ad_type",
    "campaign",
    "ad_group",
    "sku",
    "asin",
    "impressions",
    "clicks",
    "spend",
    "ad_sales",
    "ad_orders",
    "ad_units",
]


def day(k: int) -> dt.date:
    return AS_OF + dt.timedelta(days=k)


@dataclass
class Sku:
    """One SKU's files: today's stock, weekly stock history, daily sales, shipments, settings and ads."""

    sku: str
    asin: str
    available_today: float | str
    history: Callable[[int], float | None] = lambda k: None  # available on the weekly snapshot of day k
    units: Callable[[int], float] = lambda k: 0.0  # units sold on day k (k = -90 .. -1)
    revenue_per_unit: float | None = 20.0
    sessions: Callable[[int], float | None] = lambda k: None
    settings: dict[str, object] = field(default_factory=lambda: {"price": 20.0})
    shipments: list[dict[str, object]] = field(default_factory=list)
    ads: dict[str, float] | None = None  # totals over the last 30 days, put on day -5


def _weekly(k: int) -> bool:
    return k < 0 and k % 7 == 0 and k >= -91


ORDINARY = [
    # 10 a day for 90 days, 300 on hand: ADS 10, cover 30 days, reorder 10×60 + 14×10 − 300 = 440
    Sku(
        "KT-ORDINARY-A",
        "B0ORDNRYA1",
        300,
        history=lambda k: 900 + 10 * k if _weekly(k) else None,
        units=lambda k: 10.0,
        ads={
            "impressions": 5000,
            "clicks": 100,
            "spend": 100.0,
            "ad_sales": 400.0,
            "ad_orders": 20,
            "ad_units": 20,
        },
    ),
    # 4 a day, 400 on hand and 200 on the way by sea
    Sku(
        "KT-ORDINARY-B",
        "B0ORDNRYB1",
        400,
        history=lambda k: 600 if _weekly(k) else None,
        units=lambda k: 4.0,
        shipments=[
            {
                "shipment_id": "FBA17ORDB",
                "quantity": 200,
                "mode": "sea",
                "ship_date": day(-20),
                "eta": day(25),
                "status": "in_transit",
            }
        ],
        ads={
            "impressions": 3000,
            "clicks": 60,
            "spend": 50.0,
            "ad_sales": 100.0,
            "ad_orders": 5,
            "ad_units": 5,
        },
    ),
]

ODD: dict[str, Sku] = {
    s.sku: s
    for s in (
        # Amazon reports −5 fulfillable after an adjustment; 6 sold a day for 60 days
        Sku("ODD-NEGATIVE", "B0ODDNEG01", -5, units=lambda k: 6.0 if k >= -60 else 0.0),
        # a lead time of −30 days typed into the settings sheet: not a plan input
        Sku(
            "ODD-NEG-LEAD",
            "B0ODDLEAD1",
            100,
            history=lambda k: 100 if _weekly(k) else None,
            units=lambda k: 2.0,
            settings={"price": 20.0, "lead_time_days": -30},
        ),
        # 30,000 on hand, one sale in 90 days
        Sku(
            "ODD-SLOW",
            "B0ODDSLOW1",
            30000,
            history=lambda k: 30000 if _weekly(k) else None,
            units=lambda k: 1.0 if k == -10 else 0.0,
        ),
        # sold 6 a day until 35 days ago, out of stock ever since
        Sku(
            "ODD-OOS-WINDOW",
            "B0ODDOOS01",
            0,
            history=lambda k: (500 if k <= -42 else 0) if _weekly(k) else None,
            units=lambda k: 6.0 if k < -35 else 0.0,
        ),
        # first sale yesterday: 3 units; 100 on hand
        Sku("ODD-NEW", "B0ODDNEW01", 100, units=lambda k: 3.0 if k == -1 else 0.0),
        # no ads at all; 4 a day, 200 on hand: WOC 200 / 112 × 4 = 7.1 weeks
        Sku(
            "ODD-NO-ADS",
            "B0ODDNOAD1",
            200,
            history=lambda k: 400 if _weekly(k) else None,
            units=lambda k: 4.0,
        ),
        # ad sales of $100 without any spend
        Sku(
            "ODD-NO-SPEND",
            "B0ODDNOSP1",
            200,
            history=lambda k: 400 if _weekly(k) else None,
            units=lambda k: 4.0,
            ads={
                "impressions": 800,
                "clicks": 10,
                "spend": 0.0,
                "ad_sales": 100.0,
                "ad_orders": 5,
                "ad_units": 5,
            },
        ),
        # the ads report claims 100 units in 30 days; the orders hold 2 a day (60)
        Sku(
            "ODD-SHARE",
            "B0ODDSHAR1",
            200,
            history=lambda k: 300 if _weekly(k) else None,
            units=lambda k: 2.0,
            ads={
                "impressions": 4000,
                "clicks": 80,
                "spend": 50.0,
                "ad_sales": 300.0,
                "ad_orders": 40,
                "ad_units": 100,
            },
        ),
        # no price anywhere (no settings price, no revenue); 10 on hand at 5 a day
        Sku(
            "ODD-NO-PRICE",
            "B0ODDNOPR1",
            10,
            history=lambda k: 300 if _weekly(k) else None,
            units=lambda k: 5.0,
            revenue_per_unit=None,
            settings={},
        ),
        # sessions from a Business Report covering 4 of this week's days and 3 of last week's; 7 sold a day
        Sku(
            "ODD-KPI",
            "B0ODDKPI01",
            500,
            history=lambda k: 700 if _weekly(k) else None,
            units=lambda k: 7.0,
            sessions=lambda k: 100.0 if -7 <= k <= -4 or -14 <= k <= -12 else None,
        ),
    )
}


def files(skus: Iterable[Sku]) -> dict[str, bytes]:
    skus = list(skus)
    stock_today = [
        {
            "sku": s.sku,
            "fnsku": f"X00{s.asin[-6:]}",
            "asin": s.asin,
            "product-name": s.sku.title(),
            "condition": "New",
            "afn-listing-exists": "Yes",
            "afn-fulfillable-quantity": s.available_today,
            "afn-reserved-quantity": 0,
            "afn-inbound-working-quantity": 0,
            "afn-inbound-shipped-quantity": 0,
            "afn-inbound-receiving-quantity": 0,
        }
        for s in skus
    ]
    history = [
        [day(k).isoformat(), "US", s.sku, s.asin, s.history(k), 0, 0]
        for s in skus
        for k in range(-91, 0)
        if s.history(k) is not None
    ]
    sales = [
        [
            day(k).isoformat(),
            "US",
            s.sku,
            s.asin,
            s.units(k),
            "" if s.revenue_per_unit is None else round(s.units(k) * s.revenue_per_unit, 2),
            "" if s.sessions(k) is None else s.sessions(k),
        ]
        for s in skus
        for k in range(-90, 0)
        if s.units(k) or s.sessions(k) is not None
    ]
    ships = [{"sku": s.sku, "marketplace": "US", **ship} for s in skus for ship in s.shipments]
    settings = [{"sku": s.sku, **s.settings} for s in skus if s.settings]
    ads = [
        [
            day(-5).isoformat(),
            "US",
            "SP",
            f"{s.sku} auto",
            "ag1",
            s.sku,
            s.asin,
            a["impressions"],
            a["clicks"],
            a["spend"],
            a["ad_sales"],
            a["ad_orders"],
            a["ad_units"],
        ]
        for s in skus
        if (a := s.ads)
    ]
    out = {
        "Manage_FBA_Inventory.txt": flat_file(MANAGE_FBA, stock_today),
        "stock_history.csv": text_file(TEMPLATE_INVENTORY, history),
        "sales.csv": text_file(TEMPLATE_SALES, sales),
    }
    if ships:
        out["shipments.csv"] = text_file(TEMPLATE_SHIPMENT, ships)
    if settings:
        out["settings.csv"] = text_file(TEMPLATE_SETTINGS, settings)
    if ads:
        out["ads.csv"] = text_file(TEMPLATE_ADS, ads)
    return out


def build(path: Path, odd: Iterable[str] = tuple(ODD)) -> Path:
    """A DuckDB file with the ordinary SKUs and the odd ones named."""
    with Store(path) as store:
        for name, data in files([*ORDINARY, *(ODD[o] for o in odd)]).items():
            load(store, data, name, snapshot_date=AS_OF)
    return path

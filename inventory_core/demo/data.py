"""The embedded demo dataset: one US FBA seller's exports, simulated day by day, in the real report formats.

A new user sees this data before uploading anything, and the demo database is built from these files
through the same importers a user's downloads go through, so every file carries the real header of its
report (``formats/REPORTS.md``) with its quirks: BOMs, ``"1,234"`` numbers, ``$`` amounts, ``365+``,
``>306``, a console ``.xlsx`` whose ``<dimension>`` says ``A1``, Excel-formula IDs, a Chinese-language
search-term report, sentence-case/EN-DASH header drift in a few Business Reports.

``simulate`` is the ground truth. It runs one day at a time from ``HISTORY_START`` to ``DEMO_AS_OF``:
demand (level x weekday x trend x season x rank visibility x noise), sales = min(demand, stock), stock
down by sales and up by received shipments. The catalogue is designed so that on ``DEMO_AS_OF`` every
case the product explains is present (see ``_SPECS``: phases before/during/after with each gap class,
the WOC bands and the WOC x ROAS strategies, aged stock, a seasonal SKU, a rising SKU). Shipment
quantities are what a planner would have sent: each shipment that precedes a stockout is exactly the
stock that runs out on the planned day, and the shipment that ends it is late against its ETA.

Everything is deterministic: ``random.Random(seed)`` and ``numpy.random.default_rng([seed, ...])``,
no clock, no locale; ``.xlsx`` files carry a fixed creation time and fixed zip timestamps.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "CATALOGS",
    "DEMO_AS_OF",
    "HISTORY_START",
    "CatalogProfile",
    "DemoShipment",
    "DemoSku",
    "DemoWorld",
    "SampleFile",
    "StockoutEpisode",
    "simulate",
    "write_samples",
]

DEMO_AS_OF = date(2026, 11, 16)  # the demo's "today", a Monday
HISTORY_START = date(2025, 9, 1)  # a Monday
N_DAYS = (DEMO_AS_OF - HISTORY_START).days  # simulated days; index N_DAYS is DEMO_AS_OF itself
WARMUP = 91  # days simulated before HISTORY_START only to fill the t30/t60/t90 columns of early snapshots
MARKETPLACE = "US"
CURRENCY = "USD"
_XLSX_CREATED = datetime(2026, 11, 16, 8, 30, 0)
_ZIP_TIME = (2026, 11, 16, 8, 30, 0)


# --------------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleFile:
    """One written sample file, as listed in ``manifest.json``."""

    path: str  # relative to out_dir, forward slashes
    kind: str  # the importer's report-kind name
    marketplace: str | None
    period_start: date | None
    period_end: date | None
    snapshot_date: date | None

    def to_json(self) -> dict[str, str | None]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "path": self.path,
            "kind": self.kind,
            "marketplace": self.marketplace,
            "period_start": iso(self.period_start),
            "period_end": iso(self.period_end),
            "snapshot_date": iso(self.snapshot_date),
        }


@dataclass(frozen=True)
class DemoSku:
    sku: str
    asin: str
    fnsku: str
    parent_asin: str
    title: str
    brand: str
    category: str  # kitchen, home, pet
    price: float
    unit_cost: float
    lead_time_days: int  # sea: order placed -> sellable at FBA
    air_lead_time_days: int
    safety_days: int
    ads_override: float | None
    target_roas: float | None
    is_core: bool
    archetype: str  # what the SKU is designed to show on DEMO_AS_OF (see _SPECS)
    keywords: tuple[str, ...]
    tracked: bool  # own ASIN has a Helium 10 keyword-tracker file
    note: str


@dataclass(frozen=True)
class DemoShipment:
    shipment_id: str
    sku: str
    quantity: int
    mode: str  # sea, air, rail, express
    ship_date: date
    eta: date
    status: str  # in_transit, customs_hold, delayed, lost, received
    received_date: date | None
    received_quantity: int | None


@dataclass(frozen=True)
class StockoutEpisode:
    sku: str
    start: date  # first day with available = 0
    end: date | None  # restock day (first day back in stock); None = still out of stock on DEMO_AS_OF

    @property
    def days(self) -> int:
        return ((self.end or DEMO_AS_OF) - self.start).days


@dataclass(frozen=True, eq=False)
class DemoWorld:
    """Ground truth of the demo. Day arrays are indexed ``[sku_index, day_index]`` with day 0 =
    ``start``; stock arrays have one more column, the last being ``as_of`` (stock at the start of a day,
    after that day's receipts)."""

    as_of: date
    start: date
    skus: tuple[DemoSku, ...]
    dates: tuple[date, ...]
    demand: np.ndarray  # customer demand per day, including what could not be sold while out of stock
    units: np.ndarray  # units sold = min(demand, stock)
    revenue: np.ndarray
    order_items: np.ndarray
    sessions: np.ndarray
    page_views: np.ndarray
    buy_box_pct: np.ndarray  # 0-100, page-view weighted share of the day
    sessions_b2b: np.ndarray
    page_views_b2b: np.ndarray
    units_b2b: np.ndarray
    order_items_b2b: np.ndarray
    pre_units: np.ndarray  # (n_sku, WARMUP) units sold in the days before start (t7..t90 of early snapshots)
    available: np.ndarray  # (n_sku, n_days + 1) fulfillable units at the start of each day
    reserved: np.ndarray
    unsellable: np.ndarray
    inbound_shipped: np.ndarray
    inbound_receiving: np.ndarray
    age_buckets: (
        np.ndarray
    )  # (n_sku, n_days + 1, 8): ages 0-30, 31-60, 61-90, 91-180, 181-270, 271-330, 331-365, 365+
    rank_multiplier: np.ndarray  # (n_sku, n_days + 1): organic rank = baseline x this (1 = undisturbed)
    shipments: tuple[DemoShipment, ...]
    episodes: tuple[StockoutEpisode, ...]
    orders: pd.DataFrame  # one row per order item: date, sku, quantity, b2b, ad_type, campaign, targeting
    ads: pd.DataFrame  # one row per ad per day (SP/SD per SKU, SB per keyword)
    # SP search terms of the last 30 days; sums exactly to the SP rows of those days (the file, like
    # Amazon's, lists only terms with at least one click).
    search_terms: pd.DataFrame
    # Keyword ranks of tracked own and competitor ASINs, last 150 days; ``sku`` is the own SKU the row is
    # about, ``organic_rank`` the simulated position (the file shows > 306 as ">306", > 1000 as "-").
    ranks: pd.DataFrame
    competitors: tuple[tuple[str, str, str], ...]  # (asin, title, own sku it competes with)

    @property
    def n_days(self) -> int:
        return len(self.dates)

    def sku_index(self, sku: str) -> int:
        for i, s in enumerate(self.skus):
            if s.sku == sku:
                return i
        raise KeyError(sku)

    def day_index(self, d: date) -> int:
        return (d - self.start).days


# --------------------------------------------------------------------------------------------------
# Catalogue design: what each SKU shows on DEMO_AS_OF
# --------------------------------------------------------------------------------------------------

EndRule = tuple[Literal["oos", "cover", "cover7", "woc", "days"], float]


@dataclass(frozen=True)
class _Spec:
    sku: str
    title: str
    category: Literal["kitchen", "home", "pet"]
    price: float
    unit_cost: float
    base: float  # units/day near DEMO_AS_OF before season, weekday and noise
    archetype: str
    end: EndRule  # stock on DEMO_AS_OF: cover days at ADS28 / ADS7, WOC weeks, days of base, or out of stock
    keywords: tuple[str, ...]
    episodes: tuple[tuple[date, date | None], ...] = ()  # (first day out of stock, restock day)
    open: tuple[tuple[str, float], ...] = ()  # open shipments: (key, quantity in days of current sales)
    extra: tuple[str, ...] = ()  # air/express shipments received besides the sea waves
    trend: str = "flat"
    season: str = "general"
    usp: float = 0.12  # unit session percentage
    ad_share: float = 0.33  # share of orders that come from ads
    cvr: float = 0.10  # ad click -> order
    cpc: float = 0.90
    lead: int = 62
    air_lead: int = 12
    safety: int = 14
    override: float | None = None
    target_roas: float | None = None
    core: bool = False
    g: float = 1.13  # organic rank multiplier growth per out-of-stock day
    tracked: bool = False
    aged_since: date | None = None  # receipt date of the opening stock of an aged SKU
    note: str = ""


_D = date
_SPECS: tuple[_Spec, ...] = (
    _Spec(
        "KT-BAMBOO-BOARD-L",
        "Nestora Bamboo Cutting Board Large 18x12 in with Juice Groove",
        "kitchen",
        29.99,
        8.90,
        6.5,
        "normal: WOC 3-6, ROAS high -> scale",
        ("woc", 4.5),
        (
            "bamboo cutting board",
            "large cutting board",
            "cutting board with juice groove",
            "wood cutting board",
        ),
        open=(("O1", 70),),
        extra=("X01",),
        usp=0.13,
        ad_share=0.35,
        cvr=0.12,
        cpc=0.95,
        lead=65,
        core=True,
    ),
    _Spec(
        "KT-BAMBOO-BOARD-S",
        "Nestora Bamboo Cutting Boards Small 12x8 in, Set of 2",
        "kitchen",
        19.99,
        9.20,
        4.0,
        "normal: WOC 3-6, ROAS low -> optimise",
        ("woc", 4.0),
        (
            "small cutting board",
            "bamboo cutting board set",
            "cutting boards for kitchen",
            "mini cutting board",
        ),
        open=(("O2", 75),),
        usp=0.09,
        ad_share=0.30,
        cvr=0.06,
        cpc=1.00,
        lead=65,
    ),
    _Spec(
        "KT-SILICONE-LIDS-6",
        "Nestora Silicone Stretch Lids, 6 Sizes, Reusable Bowl Covers",
        "kitchen",
        14.99,
        3.80,
        5.5,
        "during: out of stock, sea shipment lands in 4 days (short gap)",
        ("oos", 0),
        (
            "silicone stretch lids",
            "silicone lids for bowls",
            "reusable food covers",
            "stretch lids",
            "bowl covers reusable",
            "silicone food covers",
        ),
        episodes=((_D(2026, 11, 10), None),),
        open=(("O1", 60),),
        usp=0.14,
        ad_share=0.35,
        cvr=0.12,
        cpc=0.70,
        lead=60,
        core=True,
        g=1.12,
        tracked=True,
    ),
    _Spec(
        "KT-KNIFE-SHARPENER",
        "Nestora 3-Stage Knife Sharpener with Cut-Resistant Glove",
        "kitchen",
        24.99,
        6.50,
        5.0,
        "during: out of stock, next shipment in 49 days (long gap); SB/SD still spending",
        ("oos", 0),
        (
            "knife sharpener",
            "kitchen knife sharpener",
            "manual knife sharpener",
            "knife sharpening tool",
            "3 stage knife sharpener",
            "knife sharpeners for kitchen knives",
        ),
        episodes=((_D(2026, 10, 28), None),),
        open=(("O8", 75),),
        usp=0.12,
        ad_share=0.38,
        cvr=0.11,
        cpc=0.90,
        lead=63,
        core=True,
        g=1.17,
        tracked=True,
        note="Supplier moved production; next container sails late",
    ),
    _Spec(
        "KT-SPICE-RACK-3T",
        "Nestora 3-Tier Bamboo Spice Rack Organizer for Countertop",
        "kitchen",
        27.99,
        9.80,
        3.0,
        "before: stockout in 20 days, shipment 4 days later (short gap)",
        ("cover", 20),
        ("spice rack organizer", "bamboo spice rack", "countertop spice rack", "3 tier spice rack"),
        open=(("O5", 70),),
        usp=0.10,
        cvr=0.10,
        cpc=1.05,
        lead=66,
    ),
    _Spec(
        "KT-GARLIC-PRESS",
        "Nestora Stainless Steel Garlic Press with Silicone Peeler",
        "kitchen",
        13.99,
        3.60,
        5.5,
        "before: stockout in 18 days, shipment 18 days later (medium gap)",
        ("cover", 18),
        ("garlic press", "garlic crusher", "stainless steel garlic press", "garlic mincer"),
        open=(("O7", 70),),
        usp=0.13,
        cvr=0.12,
        cpc=0.65,
        lead=60,
    ),
    _Spec(
        "KT-OIL-SPRAYER-2PK",
        "Nestora Glass Olive Oil Sprayer for Cooking, 2 Pack",
        "kitchen",
        16.99,
        4.90,
        6.5,
        "before: stockout in 9 days, next shipment 49 days later (long gap)",
        ("cover", 9),
        ("oil sprayer for cooking", "olive oil sprayer", "oil mister", "oil spray bottle"),
        open=(("O9", 75),),
        usp=0.12,
        cvr=0.11,
        cpc=0.75,
        lead=64,
        air_lead=14,
    ),
    _Spec(
        "HM-BLACKOUT-CURTAIN-84",
        "Nestora Thermal Blackout Curtains 84 in, 2 Panels, Grey",
        "home",
        34.99,
        11.50,
        3.5,
        "before: stockout in 14 days, in-transit shipment delayed",
        ("cover", 14),
        ("blackout curtains", "blackout curtains 84 inch", "thermal curtains", "grey curtains bedroom"),
        open=(("O6", 70),),
        season="home",
        usp=0.09,
        cvr=0.09,
        cpc=1.20,
        lead=72,
    ),
    _Spec(
        "HM-SHOWER-CADDY",
        "Nestora Adhesive Shower Caddy, 2 Pack, Rustproof Stainless",
        "home",
        22.99,
        6.90,
        4.0,
        "before: stockout in 16 days, shipment held in customs",
        ("cover", 16),
        ("shower caddy", "adhesive shower shelf", "shower organizer", "bathroom shelf no drilling"),
        open=(("O4", 60),),
        usp=0.11,
        cvr=0.10,
        cpc=0.85,
        lead=58,
    ),
    _Spec(
        "HM-LED-DESK-LAMP",
        "Nestora LED Desk Lamp with USB Charging Port, 5 Color Modes",
        "home",
        32.99,
        10.40,
        3.0,
        "before: stockout in 26 days, next sea 42 days later; only air freight helps",
        ("cover", 26),
        ("led desk lamp", "desk lamp with usb port", "dimmable desk lamp", "office desk lamp"),
        open=(("O10", 70),),
        usp=0.10,
        cvr=0.10,
        cpc=1.10,
        lead=68,
        air_lead=12,
    ),
    _Spec(
        "PT-LICK-MAT-2PK",
        "Pawvana Lick Mat for Dogs and Cats, 2 Pack with Suction Cups",
        "pet",
        12.99,
        3.10,
        4.0,
        "rising: sales up over the last 4 weeks, cover < 30 days",
        ("cover7", 22),
        ("lick mat for dogs", "dog lick mat", "slow feeder lick pad", "lick mat for cats"),
        open=(("O11", 20), ("O3", 90)),
        extra=("A02",),
        trend="rising",
        usp=0.15,
        cvr=0.13,
        cpc=0.60,
        lead=58,
        safety=28,
        override=12.0,
        note="Went viral on social; hot SKU, keep 4 weeks safety",
    ),
    _Spec(
        "PT-DOG-POOP-BAGS-270",
        "Pawvana Dog Poop Bags, 270 Count, Leak-Proof, Unscented",
        "pet",
        15.99,
        4.20,
        8.0,
        "after: restocked 12 days ago after 18 days out; sales and ranks not back",
        ("days", 45),
        (
            "dog poop bags",
            "poop bags",
            "dog waste bags",
            "biodegradable dog poop bags",
            "dog poop bag refill rolls",
            "unscented poop bags",
        ),
        episodes=((_D(2026, 10, 17), _D(2026, 11, 4)),),
        open=(("O8", 60),),
        usp=0.16,
        ad_share=0.35,
        cvr=0.13,
        cpc=0.70,
        lead=60,
        safety=21,
        core=True,
        g=1.13,
        tracked=True,
    ),
    _Spec(
        "PT-CAT-SCRATCHER",
        "Pawvana Cardboard Cat Scratcher Lounge, Reversible",
        "pet",
        21.99,
        6.10,
        5.0,
        "after: restocked 9 days ago by air after 24 days out; severe rank drop",
        ("days", 30),
        (
            "cat scratcher",
            "cat scratching pad",
            "cardboard cat scratcher",
            "cat scratcher lounge",
            "cat scratch board",
            "cat toys for indoor cats",
        ),
        episodes=((_D(2026, 10, 14), _D(2026, 11, 7)),),
        open=(("O8", 60),),
        extra=("A04",),
        usp=0.12,
        ad_share=0.36,
        cvr=0.11,
        cpc=0.80,
        lead=62,
        safety=21,
        core=True,
        g=1.17,
        tracked=True,
    ),
    _Spec(
        "PT-PET-HAIR-ROLLER",
        "Pawvana Pet Hair Remover Roller, Reusable Lint Brush",
        "pet",
        24.99,
        6.90,
        5.0,
        "normal (short stockout in March): WOC 3-6, ROAS high -> scale",
        ("woc", 4.2),
        ("pet hair remover", "pet hair roller", "lint roller for pet hair", "dog hair remover"),
        episodes=((_D(2026, 3, 20), _D(2026, 3, 26)),),
        open=(("O3", 75),),
        usp=0.14,
        cvr=0.15,
        cpc=0.80,
        lead=60,
        g=1.12,
    ),
    _Spec(
        "HM-VACUUM-BAGS-6",
        "Nestora Vacuum Storage Bags, 6 Jumbo, with Hand Pump",
        "home",
        26.99,
        7.80,
        4.0,
        "normal (39-day stockout in summer): WOC > 6, ROAS high -> more traffic",
        ("woc", 8),
        (
            "vacuum storage bags",
            "space saver bags",
            "vacuum seal bags for clothes",
            "storage bags for comforters",
            "jumbo vacuum storage bags",
            "compression bags",
        ),
        episodes=((_D(2026, 7, 6), _D(2026, 8, 14)),),
        open=(("O6", 50),),
        usp=0.12,
        cvr=0.12,
        cpc=0.90,
        lead=70,
        core=True,
        g=1.15,
        tracked=True,
        note="Express top-up lost in July; container 6 weeks late",
    ),
    _Spec(
        "KT-FRENCH-PRESS-34",
        "Nestora French Press Coffee Maker 34 oz, Borosilicate Glass",
        "kitchen",
        29.99,
        13.60,
        3.5,
        "normal (5-day stockout in September): WOC 3-6, ROAS low -> optimise",
        ("woc", 5),
        (
            "french press",
            "french press coffee maker",
            "glass french press",
            "34 oz french press",
            "coffee press",
            "french press large",
        ),
        episodes=((_D(2026, 9, 21), _D(2026, 9, 26)),),
        open=(("O5", 70),),
        extra=("A03",),
        usp=0.08,
        cvr=0.05,
        cpc=1.30,
        lead=66,
        g=1.12,
        tracked=True,
    ),
    _Spec(
        "HM-STRING-LIGHTS-XMAS",
        "Nestora Christmas String Lights 66 ft, 200 LED Warm White",
        "home",
        19.99,
        5.40,
        2.5,
        "seasonal: Nov-Dec peak; recent ADS far below last year's next 90 days",
        ("woc", 13.5),
        ("christmas lights", "string lights", "christmas tree lights", "warm white string lights"),
        extra=("A01",),
        season="xmas",
        usp=0.14,
        cvr=0.14,
        cpc=0.70,
        lead=70,
        safety=30,
        override=8.0,
        target_roas=2.5,
        note="Seasonal: stock for Q4 must land by mid-October",
    ),
    _Spec(
        "HM-DRAWER-ORGANIZER",
        "Nestora Bamboo Drawer Organizer, Expandable Utensil Tray",
        "home",
        31.99,
        9.50,
        3.5,
        "normal: WOC > 6, ROAS high -> more traffic",
        ("woc", 14),
        ("drawer organizer", "utensil organizer", "bamboo drawer organizer", "silverware organizer"),
        usp=0.11,
        cvr=0.10,
        cpc=0.95,
        lead=64,
    ),
    _Spec(
        "HM-COTTON-ROPE-BASKET",
        "Nestora Woven Cotton Rope Basket, Large 20x13 in",
        "home",
        24.99,
        10.80,
        2.5,
        "normal: WOC > 6, ROAS low -> raise conversion",
        ("woc", 15),
        ("rope basket", "cotton rope basket", "blanket basket", "woven storage basket"),
        usp=0.07,
        cvr=0.05,
        cpc=1.10,
        lead=60,
    ),
    _Spec(
        "KT-MASON-JAR-LIDS",
        "Nestora Wide Mouth Mason Jar Lids, 12 Pack, Leak-Proof",
        "kitchen",
        7.99,
        3.40,
        5.0,
        "normal: WOC > 6, ROAS low -> raise conversion",
        ("woc", 9),
        ("mason jar lids", "wide mouth mason jar lids", "plastic mason jar lids", "canning lids"),
        open=(("O7", 60),),
        usp=0.10,
        cvr=0.08,
        cpc=0.60,
        lead=55,
    ),
    _Spec(
        "HM-MACRAME-WALL-HANGING",
        "Nestora Macrame Wall Hanging, Boho Woven Tapestry 32x40 in",
        "home",
        27.99,
        8.20,
        0.8,
        "aged: WOC >= 52, stock older than 365 days",
        ("woc", 60),
        ("macrame wall hanging", "boho wall decor", "woven wall tapestry", "macrame decor"),
        usp=0.05,
        ad_share=0.40,
        cvr=0.05,
        cpc=0.80,
        lead=60,
        aged_since=_D(2025, 4, 18),
        note="Liquidation candidate",
    ),
    _Spec(
        "KT-CAKE-STAND-GLASS",
        "Nestora Glass Cake Stand with Dome Lid, 11 in",
        "kitchen",
        49.99,
        16.50,
        0.6,
        "aged: WOC >= 52, stock older than 365 days",
        ("woc", 95),
        ("cake stand with dome", "glass cake stand", "cake plate with lid", "dessert stand"),
        usp=0.05,
        ad_share=0.40,
        cvr=0.05,
        cpc=1.20,
        lead=60,
        aged_since=_D(2025, 3, 5),
    ),
    _Spec(
        "PT-SLOW-FEEDER-BOWL",
        "Pawvana Slow Feeder Dog Bowl, Anti-Choking Maze",
        "pet",
        14.99,
        3.90,
        5.5,
        "normal: WOC 3-6, ROAS high -> scale",
        ("woc", 5),
        ("slow feeder dog bowl", "dog bowl slow feeder", "maze dog bowl", "anti gulping dog bowl"),
        open=(("O1", 65),),
        usp=0.14,
        cvr=0.14,
        cpc=0.55,
        lead=58,
    ),
    _Spec(
        "PT-GROOMING-GLOVE",
        "Pawvana Pet Grooming Glove, Deshedding Mitt, 1 Pair",
        "pet",
        11.99,
        5.20,
        5.0,
        "normal: WOC 3-6, ROAS low -> optimise",
        ("woc", 3.6),
        ("pet grooming glove", "deshedding glove", "dog grooming glove", "cat grooming glove"),
        open=(("O3", 80),),
        usp=0.10,
        cvr=0.075,
        cpc=0.78,
        lead=58,
    ),
    _Spec(
        "HM-SHOE-RACK-4T",
        "Nestora 4-Tier Stackable Shoe Rack, Metal Frame",
        "home",
        36.99,
        12.20,
        3.0,
        "normal: WOC > 6, ROAS high -> more traffic",
        ("woc", 7.5),
        ("shoe rack", "shoe organizer", "4 tier shoe rack", "stackable shoe rack"),
        open=(("O7", 60),),
        usp=0.10,
        cvr=0.12,
        cpc=1.05,
        lead=70,
    ),
    _Spec(
        "KT-SALAD-SPINNER",
        "Nestora Salad Spinner 5 Qt with Bowl and Colander",
        "kitchen",
        27.99,
        8.90,
        3.0,
        "normal: WOC 3-6, ROAS high -> scale",
        ("woc", 5.5),
        ("salad spinner", "lettuce spinner", "large salad spinner", "vegetable dryer"),
        open=(("O5", 70),),
        usp=0.11,
        cvr=0.11,
        cpc=0.95,
        lead=62,
    ),
    _Spec(
        "KT-ICE-CUBE-TRAYS-2",
        "Nestora Silicone Ice Cube Trays with Lids, 2 Pack",
        "kitchen",
        10.99,
        2.90,
        4.0,
        "new: growing, WOC < 3 with a shipment landing in 12 days",
        ("woc", 2.5),
        ("ice cube trays", "silicone ice cube tray", "ice cube tray with lid", "ice trays for freezer"),
        open=(("O2", 80),),
        trend="growth",
        usp=0.12,
        cvr=0.12,
        cpc=0.55,
        lead=55,
        safety=28,
        note="New in 2025; demand still settling",
    ),
    _Spec(
        "HM-BATH-MAT-MEMORY",
        "Nestora Memory Foam Bath Mat, Non-Slip, 32x20 in",
        "home",
        21.99,
        6.10,
        5.0,
        "normal: WOC 3-6, ROAS high -> scale",
        ("woc", 4.8),
        ("bath mat", "memory foam bath mat", "non slip bath mat", "bathroom rug"),
        open=(("O2", 70),),
        usp=0.12,
        cvr=0.12,
        cpc=0.75,
        lead=64,
    ),
    _Spec(
        "PT-CAT-WATER-FOUNTAIN",
        "Pawvana Cat Water Fountain 2.5 L with LED, Ultra Quiet",
        "pet",
        44.99,
        19.80,
        2.5,
        "normal: WOC > 6, ROAS low -> raise conversion",
        ("woc", 14),
        ("cat water fountain", "pet water fountain", "cat fountain", "water fountain for cats"),
        usp=0.06,
        cvr=0.05,
        cpc=2.40,
        lead=66,
    ),
    _Spec(
        "HM-LINT-REMOVER",
        "Nestora Fabric Shaver and Lint Remover, Rechargeable",
        "home",
        17.99,
        5.10,
        4.0,
        "normal: WOC 3-6",
        ("woc", 4.2),
        ("lint remover", "fabric shaver", "sweater shaver", "electric lint remover"),
        open=(("O3", 75),),
        usp=0.12,
        cvr=0.10,
        cpc=0.80,
        lead=60,
    ),
)

_PARENT_FAMILIES = (("KT-BAMBOO-BOARD-L", "KT-BAMBOO-BOARD-S"),)
_BRANDS = {"kitchen": "Nestora", "home": "Nestora", "pet": "Pawvana"}
_PORTFOLIOS = {"kitchen": "Kitchen", "home": "Home", "pet": "Pet"}
_PRODUCT_GROUP = {"kitchen": "gl_kitchen", "home": "gl_home", "pet": "gl_pet_products"}
_AD_CATEGORY = {
    "kitchen": ("11000 Kitchen & Dining", "11300 Kitchen Utensils & Gadgets"),
    "home": ("12000 Home", "12400 Storage & Organization"),
    "pet": ("13000 Pet Supplies", "13100 Dogs & Cats"),
}
_VOLUME_CUFT = {"kitchen": 0.11, "home": 0.24, "pet": 0.09}

# Own keyword baselines of tracked SKUs (organic positions in the undisturbed state).
_RANK_BASE: dict[str, tuple[int, ...]] = {
    "KT-SILICONE-LIDS-6": (5, 9, 14, 21, 33, 58),
    "KT-KNIFE-SHARPENER": (4, 8, 12, 19, 27, 66),
    "PT-DOG-POOP-BAGS-270": (6, 11, 17, 24, 38, 70),
    "PT-CAT-SCRATCHER": (3, 7, 13, 22, 30, 52),
    "HM-VACUUM-BAGS-6": (5, 10, 16, 25, 41, 64),
    "KT-FRENCH-PRESS-34": (8, 12, 20, 29, 45, 80),
}
_SEARCH_VOLUME = (38000, 14500, 8200, 5600, 3100, 1400)
_COMPETITORS = (
    ("KT-KNIFE-SHARPENER", "SharpEdge Pro 4-Stage Knife Sharpener, Diamond Coated"),
    ("PT-DOG-POOP-BAGS-270", "GreenTail Dog Poop Bags 360 Count, Extra Thick"),
    ("PT-CAT-SCRATCHER", "Purrfect Loft Cat Scratcher Cardboard, 3 Pack"),
)
_RANK_DAYS = 150

# Sponsored Brands (keyword) and Sponsored Display (product) campaigns on brand/core SKUs.
_SB_CAMPAIGNS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "SB - Nestora Kitchen - Core Exact",
        "Kitchen",
        (
            ("knife sharpener", "EXACT", "KT-KNIFE-SHARPENER"),
            ("silicone stretch lids", "EXACT", "KT-SILICONE-LIDS-6"),
            ("bamboo cutting board", "EXACT", "KT-BAMBOO-BOARD-L"),
            ("nestora", "BROAD", "KT-BAMBOO-BOARD-L"),
        ),
    ),
    (
        "SB - Pawvana Pet - Core Exact",
        "Pet",
        (
            ("dog poop bags", "EXACT", "PT-DOG-POOP-BAGS-270"),
            ("cat scratcher", "EXACT", "PT-CAT-SCRATCHER"),
            ("lick mat for dogs", "PHRASE", "PT-LICK-MAT-2PK"),
            ("pawvana", "BROAD", "PT-SLOW-FEEDER-BOWL"),
        ),
    ),
)
_SD_CAMPAIGNS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "SD - Views Remarketing - Kitchen",
        "Views 30d",
        "Optimize for page visits",
        ("KT-SILICONE-LIDS-6", "KT-KNIFE-SHARPENER", "KT-BAMBOO-BOARD-L", "KT-GARLIC-PRESS"),
    ),
    (
        "SD - Competitor ASINs - Pet",
        "Competitor product pages",
        "Optimize for conversions",
        ("PT-DOG-POOP-BAGS-270", "PT-CAT-SCRATCHER", "PT-LICK-MAT-2PK"),
    ),
    (
        "SD - In-market - Home",
        "In-market home audience",
        "Optimize for conversions",
        ("HM-VACUUM-BAGS-6", "HM-STRING-LIGHTS-XMAS"),
    ),
)

# --------------------------------------------------------------------------------------------------
# Shipments: sea "waves" (one container, many SKUs), air and express top-ups, open shipments on DEMO_AS_OF.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wave:
    key: str
    mode: str
    ship: date
    eta: date
    received: date | None
    status: str


def _w(key: str, mode: str, ship: date, eta: date, received: date | None, status: str = "received") -> _Wave:
    return _Wave(key, mode, ship, eta, received, status)


_WAVES: tuple[_Wave, ...] = (
    _w("S01", "sea", _D(2025, 7, 16), _D(2025, 9, 20), _D(2025, 9, 22)),
    _w("S02", "sea", _D(2025, 8, 7), _D(2025, 10, 13), _D(2025, 10, 14)),
    _w("S03", "sea", _D(2025, 8, 28), _D(2025, 11, 3), _D(2025, 11, 5)),
    _w("S04", "sea", _D(2025, 9, 19), _D(2025, 11, 24), _D(2025, 11, 26)),
    _w("S05", "sea", _D(2025, 10, 10), _D(2025, 12, 16), _D(2025, 12, 17)),
    _w("S06", "sea", _D(2025, 11, 1), _D(2026, 1, 6), _D(2026, 1, 12)),
    _w("S07", "sea", _D(2025, 11, 28), _D(2026, 2, 1), _D(2026, 2, 5)),
    _w("S08", "sea", _D(2025, 12, 22), _D(2026, 2, 26), _D(2026, 3, 2)),
    _w("S09", "sea", _D(2026, 1, 8), _D(2026, 3, 14), _D(2026, 3, 26)),  # late: pet hair roller ran out
    _w("S10", "sea", _D(2026, 2, 12), _D(2026, 4, 17), _D(2026, 4, 20)),
    _w("S11", "sea", _D(2026, 3, 6), _D(2026, 5, 10), _D(2026, 5, 13)),
    _w("S12", "sea", _D(2026, 4, 1), _D(2026, 6, 5), _D(2026, 6, 8)),
    _w("S13", "sea", _D(2026, 4, 24), _D(2026, 6, 29), _D(2026, 7, 1)),
    _w("S14", "sea", _D(2026, 5, 20), _D(2026, 7, 25), _D(2026, 7, 27)),
    _w("S15", "sea", _D(2026, 4, 30), _D(2026, 7, 3), _D(2026, 8, 14)),  # 6 weeks late: vacuum bags out
    _w("S16", "sea", _D(2026, 6, 26), _D(2026, 9, 1), _D(2026, 9, 3)),
    _w("S17", "sea", _D(2026, 7, 17), _D(2026, 9, 22), _D(2026, 9, 24)),
    _w("S18", "sea", _D(2026, 8, 7), _D(2026, 10, 12), _D(2026, 10, 14)),
    _w("S19", "sea", _D(2026, 8, 14), _D(2026, 10, 15), _D(2026, 11, 4)),  # 3 weeks late: poop bags out
    _w("A01", "air", _D(2025, 11, 7), _D(2025, 11, 19), _D(2025, 11, 20)),
    _w("A02", "air", _D(2026, 5, 15), _D(2026, 5, 27), _D(2026, 5, 27)),
    _w("A03", "air", _D(2026, 9, 12), _D(2026, 9, 22), _D(2026, 9, 26)),
    _w("A04", "air", _D(2026, 10, 26), _D(2026, 11, 6), _D(2026, 11, 7)),
    _w("X01", "express", _D(2026, 2, 13), _D(2026, 2, 19), _D(2026, 2, 20)),
    _w("X02", "express", _D(2026, 7, 20), _D(2026, 7, 27), None, "lost"),
    _w("O1", "sea", _D(2026, 9, 14), _D(2026, 11, 20), None, "in_transit"),
    _w("O2", "sea", _D(2026, 9, 22), _D(2026, 11, 28), None, "in_transit"),
    _w("O3", "sea", _D(2026, 9, 29), _D(2026, 12, 3), None, "in_transit"),
    _w("O4", "sea", _D(2026, 9, 18), _D(2026, 12, 6), None, "customs_hold"),
    _w("O5", "sea", _D(2026, 10, 5), _D(2026, 12, 10), None, "in_transit"),
    _w("O6", "sea", _D(2026, 9, 2), _D(2026, 12, 12), None, "delayed"),
    _w("O7", "sea", _D(2026, 10, 16), _D(2026, 12, 22), None, "in_transit"),
    _w("O8", "sea", _D(2026, 11, 2), _D(2027, 1, 4), None, "in_transit"),
    _w("O9", "sea", _D(2026, 11, 9), _D(2027, 1, 13), None, "in_transit"),
    _w("O10", "sea", _D(2026, 11, 12), _D(2027, 1, 23), None, "in_transit"),
    _w("O11", "air", _D(2026, 11, 13), _D(2026, 11, 24), None, "in_transit"),
)
_WAVE_BY_KEY = {w.key: w for w in _WAVES}
_SEA_RECEIVED = tuple(sorted(w.received for w in _WAVES if w.mode == "sea" and w.received))
_LOST = {"HM-VACUUM-BAGS-6": ("X02", 20.0)}  # the express top-up that never arrived (days of sales)


@dataclass(frozen=True)
class CatalogProfile:
    """How a generated catalogue behaves: the demo store, or a harder one for the back-test (issue 14).

    ``demand_shape`` is the gamma shape of the day-to-day demand noise (smaller = more volatile);
    ``regime_sigma`` the daily step of a multiplicative random walk in each SKU's demand level (0 = none);
    ``late_share`` of the received sea waves land ``late_days`` (uniform from 7 up to it) after the demo's
    dates, so the learned lead times are longer and more spread.
    """

    name: str
    seed: int
    demand_shape: float = 10.0
    regime_sigma: float = 0.0
    late_share: float = 0.0
    late_days: int = 0


CATALOGS: dict[str, CatalogProfile] = {
    "demo": CatalogProfile("demo", 42),
    "volatile": CatalogProfile(
        "volatile", 7, demand_shape=2.5, regime_sigma=0.04, late_share=0.5, late_days=35
    ),
}


def _waves(profile: CatalogProfile) -> tuple[_Wave, ...]:
    """The shipment waves of ``profile``: the demo's, with a share of the received sea waves landing late."""
    if profile.late_share <= 0:
        return _WAVES
    rnd = random.Random(profile.seed * 977 + 3)
    # A wave that ends a designed stockout keeps its day (it is already late in the demo).
    ends = {end for spec in _SPECS for _, end in spec.episodes if end is not None}
    out = []
    for w in _WAVES:
        late = rnd.randint(7, max(7, profile.late_days))
        if (
            w.mode == "sea"
            and w.received
            and w.received not in ends
            and rnd.random() < profile.late_share
            and w.received + timedelta(late) <= DEMO_AS_OF - timedelta(7)
        ):
            w = _Wave(w.key, w.mode, w.ship, w.eta, w.received + timedelta(late), w.status)
        out.append(w)
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Demand shape
# --------------------------------------------------------------------------------------------------

_WEEKDAY = (1.04, 1.02, 0.98, 0.96, 0.92, 0.97, 1.11)  # Mon..Sun
_MONTH = {
    1: 0.88,
    2: 0.90,
    3: 0.97,
    4: 1.0,
    5: 1.0,
    6: 1.0,
    7: 1.02,
    8: 1.0,
    9: 0.98,
    10: 1.0,
    11: 1.06,
    12: 1.15,
}
_PRIME_DAYS = {_D(2026, 7, 14), _D(2026, 7, 15)}
_DEAL_DAYS = {_D(2025, 10, 7), _D(2025, 10, 8), _D(2026, 10, 6), _D(2026, 10, 7)}
_BFCM = {_D(2025, 11, 28), _D(2025, 11, 29), _D(2025, 11, 30), _D(2025, 12, 1)}


def _season(kind: str, d: date) -> float:
    if kind == "xmas":
        if d.month == 12:
            f = 4.5 if d.day <= 20 else (2.0 if d.day <= 24 else 0.6)
        elif d.month == 11:
            f = 1.2 if d.day <= 15 else 2.5
        elif d.month == 10:
            f = 0.5
        elif d.month == 1:
            f = 0.35 if d.day <= 15 else 0.25
        else:
            f = 0.25
        return f * (1.5 if d in _BFCM else 1.0)
    f = _MONTH[d.month]
    if kind == "pet":
        f = 1.0 + (f - 1.0) * 0.4
    elif kind == "home":  # curtains: a little stronger in autumn/winter
        f *= 1.06 if d.month in (10, 11, 12, 1) else 1.0
    bump = 1.35 if kind == "pet" else 1.7
    if d in _PRIME_DAYS or d in _BFCM:
        f *= bump
    elif d in _DEAL_DAYS:
        f *= 1 + (bump - 1) * 0.6
    return f


def _trend(kind: str, t: int) -> float:
    x = (t + WARMUP) / (N_DAYS + WARMUP)
    if kind == "growth":
        return 0.45 + 0.55 * x
    if kind == "rising":
        return 1.0 + 0.9 * min(1.0, max(0.0, (t - (N_DAYS - 28)) / 28))
    return 1.0


def _roundup(x: float, step: int = 10) -> int:
    return int(math.ceil(x / step) * step)


# --------------------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------------------


def _asin(rnd: random.Random) -> str:
    return "B0" + "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))


def _build_catalogue(rnd: random.Random) -> tuple[DemoSku, ...]:
    asins = {s.sku: _asin(rnd) for s in _SPECS}
    fnskus = {
        s.sku: "X00" + "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(7))
        for s in _SPECS
    }
    parents = dict(asins)
    for family in _PARENT_FAMILIES:
        parent = _asin(rnd)
        for sku in family:
            parents[sku] = parent
    out = []
    for s in _SPECS:
        out.append(
            DemoSku(
                sku=s.sku,
                asin=asins[s.sku],
                fnsku=fnskus[s.sku],
                parent_asin=parents[s.sku],
                title=s.title,
                brand=_BRANDS[s.category],
                category=s.category,
                price=s.price,
                unit_cost=s.unit_cost,
                lead_time_days=s.lead,
                air_lead_time_days=s.air_lead,
                safety_days=s.safety,
                ads_override=s.override,
                target_roas=s.target_roas,
                is_core=s.core,
                archetype=s.archetype,
                keywords=s.keywords,
                tracked=s.tracked,
                note=s.note,
            )
        )
    return tuple(out)


def _oos_mask(spec: _Spec) -> np.ndarray:
    mask = np.zeros(N_DAYS + 1, dtype=bool)
    for start, end in spec.episodes:
        a = (start - HISTORY_START).days
        b = N_DAYS + 1 if end is None else (end - HISTORY_START).days
        mask[a:b] = True
    return mask


def _rank_multiplier(mask: np.ndarray, g: float) -> np.ndarray:
    """Organic rank degrades while out of stock (x g per day, capped) and recovers after (gap x 0.87/day)."""
    m = np.ones(len(mask))
    cur = 1.0
    for t, oos in enumerate(mask):
        cur = min(cur * g, 40.0) if oos else 1.0 + (cur - 1.0) * 0.87
        m[t] = cur
    return m


def _plan_receipts(
    spec: _Spec,
    demand: np.ndarray,
    mask: np.ndarray,
    target: int,
    rng: np.random.Generator,
    waves: tuple[_Wave, ...] = _WAVES,
) -> list[tuple[int, str | None, int, int]]:
    """Receipts (day, wave key or None for the opening stock, received qty, shipped qty).

    Within each in-stock run the stock before a receipt is a safety buffer of 8-20 days; the last receipt
    of a run is exact: stock reaches 0 on the first planned out-of-stock day, or ``target`` on DEMO_AS_OF.
    """
    received_by_date: dict[date, str] = {}
    sea_received = tuple(sorted(w.received for w in waves if w.mode == "sea" and w.received))
    for w in waves:
        if w.received and (w.mode == "sea" or w.key in spec.extra):
            received_by_date.setdefault(w.received, w.key)
    out: list[tuple[int, str | None, int, int]] = []
    t = 0
    every = float(rng.uniform(42, 58))
    while t <= N_DAYS:
        if mask[t]:
            t += 1
            continue
        a = t
        while t <= N_DAYS and not mask[t]:
            t += 1
        b = t  # first out-of-stock day, or N_DAYS + 1
        seg_end, end_stock = (N_DAYS, target) if b == N_DAYS + 1 else (b, 0)
        if a == 0:
            first_key: str | None = None
        else:
            first_key = received_by_date[HISTORY_START + timedelta(a)]
        days = [a]
        keys: list[str | None] = [first_key]
        forced = sorted(
            ((w.received - HISTORY_START).days, w.key)
            for w in waves
            if w.key in spec.extra and w.received and a < (w.received - HISTORY_START).days < seg_end - 10
        )
        if spec.aged_since is None:
            cur = a
            while True:
                gap = every * float(rng.uniform(0.85, 1.15))
                nxt = [
                    (d - HISTORY_START).days
                    for d in sea_received
                    if cur + gap <= (d - HISTORY_START).days <= seg_end - 12
                ]
                if not nxt:
                    break
                cur = nxt[0]
                days.append(cur)
                keys.append(received_by_date[HISTORY_START + timedelta(cur)])
        for d_, k in forced:
            if d_ not in days:
                days.append(d_)
                keys.append(k)
        order = sorted(range(len(days)), key=lambda j: days[j])
        days = [days[j] for j in order]
        keys = [keys[j] for j in order]
        buffers = [0] + [
            max(3, round(float(rng.uniform(8, 20)) * float(demand[max(0, d_ - 14) : d_].mean())))
            for d_ in days[1:]
        ]
        while True:
            plan = []
            stock = 0
            for j, r in enumerate(days):
                nxt_day = days[j + 1] if j + 1 < len(days) else seg_end
                need = int(demand[r:nxt_day].sum())
                if j == len(days) - 1:
                    q = need + end_stock - stock
                    shipped = q if keys[j] is None else _roundup(q)
                else:
                    q = _roundup(need + buffers[j + 1] - stock)
                    shipped = q
                stock += q - need
                plan.append((r, keys[j], q, shipped))
            # A receipt too small to be worth a shipment: let the one before carry its days instead.
            small = [
                j
                for j in range(1, len(plan))
                if plan[j][2] < max(10, 10 * float(demand[max(0, plan[j][0] - 30) : plan[j][0] + 1].mean()))
            ]
            if not small:
                break
            j = small[0]
            drop = j if keys[j] not in spec.extra else j - 1
            if drop <= 0 or keys[drop] in spec.extra:
                break
            del days[drop], keys[drop], buffers[drop]
        if plan[-1][2] <= 0 or any(q <= 0 for _, _, q, _ in plan):
            raise ValueError(f"demo design: no positive receipt plan for {spec.sku} in days {a}..{seg_end}")
        out.extend(plan)
    return out


def _split_orders(units: int, rng: np.random.Generator) -> list[int]:
    qtys = []
    left = units
    while left > 0:
        u = float(rng.random())
        q = 1 if u < 0.9 else (2 if u < 0.98 else 3)
        q = min(q, left)
        qtys.append(q)
        left -= q
    return qtys


@dataclass(frozen=True)
class _Placement:
    ad_type: str
    campaign: str
    ad_group: str
    portfolio: str
    targeting: str
    match_type: str
    weight: float
    cvr_f: float
    cpc_f: float
    ctr: float
    always_on: bool  # SB/SD keep serving (and charging) while the product is out of stock
    bid_optimization: str = ""


def _placements(spec: _Spec) -> list[_Placement]:
    port = _PORTFOLIOS[spec.category]
    short = spec.sku.split("-", 1)[1].replace("-", " ").title()
    out = [
        _Placement(
            "SP", f"SP - {spec.sku} - Auto", f"Auto - {short}", port, "", "", 0.35, 0.9, 0.85, 0.0033, False
        ),
        _Placement(
            "SP",
            f"SP - {spec.sku} - Exact",
            "Exact - core keywords",
            port,
            "",
            "",
            0.45,
            1.15,
            1.1,
            0.0062,
            False,
        ),
    ]
    for campaign, port_sb, keywords in _SB_CAMPAIGNS:
        mine = [(kw, mt) for kw, mt, sku in keywords if sku == spec.sku]
        for kw, mt in mine:
            out.append(
                _Placement("SB", campaign, "", port_sb, kw, mt, 0.12 / len(mine), 0.9, 1.25, 0.0055, True)
            )
    for campaign, group, bid, skus in _SD_CAMPAIGNS:
        if spec.sku in skus:
            out.append(_Placement("SD", campaign, group, port, "", "", 0.08, 0.7, 0.7, 0.0017, True, bid))
    return out


def simulate(seed: int | None = None, profile: CatalogProfile | None = None) -> DemoWorld:
    """Run the demo seller's day-by-day simulation; the ground truth every sample file is written from.

    ``profile`` (default: the demo store) sets the seed, the demand volatility and the late shipments."""
    profile = profile or CATALOGS["demo"]
    seed = profile.seed if seed is None else seed
    waves = _waves(profile)
    rnd = random.Random(seed)
    skus = _build_catalogue(rnd)
    n, nd = len(_SPECS), N_DAYS
    dates = tuple(HISTORY_START + timedelta(t) for t in range(nd))
    all_days = [HISTORY_START + timedelta(t) for t in range(-WARMUP, nd)]

    demand = np.zeros((n, nd), dtype=np.int64)
    units = np.zeros((n, nd), dtype=np.int64)
    pre_units = np.zeros((n, WARMUP), dtype=np.int64)
    expected = np.zeros((n, nd))  # expected demand incl. rank visibility (drives traffic and ad clicks)
    available = np.zeros((n, nd + 1), dtype=np.int64)
    rank_mult = np.ones((n, nd + 1))
    ages = np.zeros((n, nd + 1, 8), dtype=np.int64)
    receipts_by_sku: list[list[tuple[int, str | None, int, int]]] = []
    episodes: list[StockoutEpisode] = []

    for i, spec in enumerate(_SPECS):
        rng = np.random.default_rng([seed, i, 1])
        mu = np.array(
            [
                spec.base * _trend(spec.trend, t) * _season(spec.season, d) * _WEEKDAY[d.weekday()]
                for t, d in zip(range(-WARMUP, nd), all_days, strict=True)
            ]
        )
        mask = _oos_mask(spec)
        mult = _rank_multiplier(mask, spec.g)
        rank_mult[i] = mult
        vis = np.concatenate([np.ones(WARMUP), mult[:nd] ** -0.35])
        lam = mu * vis * rng.gamma(profile.demand_shape, 1 / profile.demand_shape, size=len(mu))
        if profile.regime_sigma > 0 and spec.season != "xmas":  # a wandering level (competitors, viral weeks)
            walk = np.cumsum(
                np.random.default_rng([seed, i, 6]).normal(0.0, profile.regime_sigma, size=len(mu))
            )
            lam = lam * np.clip(np.exp(walk - walk.mean()), 0.35, 2.8)
        d_all = rng.poisson(lam).astype(np.int64)
        pre_units[i] = d_all[:WARMUP]
        dem = d_all[WARMUP:].copy()
        for start, _ in spec.episodes:  # a planned stockout day needs a sale on the day before
            b = (start - HISTORY_START).days
            dem[b - 1] = max(1, dem[b - 1])
        demand[i] = dem
        expected[i] = (mu * vis)[WARMUP:]

        kind, value = spec.end
        last28 = dem[nd - 28 : nd]
        if kind == "oos":
            target = 0
        elif kind == "cover":
            target = round(float(last28.mean()) * (value - 0.5))
        elif kind == "cover7":
            target = round(float(dem[nd - 7 : nd].mean()) * (value - 0.5))
        elif kind == "woc":
            target = round(value / 4 * float(last28.sum()))
        else:
            target = round(value * spec.base)
        plan = _plan_receipts(spec, dem, mask, target, rng, waves)
        receipts_by_sku.append(plan)

        # Day-by-day stock with FIFO lots (for the inventory-age columns).
        if spec.aged_since is not None:
            opening_age = (HISTORY_START - spec.aged_since).days
        else:
            opening_age = int(rng.integers(12, 75))
        lots: list[list[int]] = []  # [receipt day index (may be negative), units left]
        incoming: dict[int, int] = {}
        for r, key, q, _ in plan:
            if key is None:
                lots.append([-opening_age, q])
            else:
                incoming[r] = incoming.get(r, 0) + q
        stock = sum(q for _, q in lots)
        for t in range(nd + 1):
            if t in incoming:
                stock += incoming[t]
                lots.append([t, incoming[t]])
            available[i, t] = stock
            for day0, left in lots:
                age = t - day0
                band = (
                    0
                    if age <= 30
                    else 1
                    if age <= 60
                    else 2
                    if age <= 90
                    else 3
                    if age <= 180
                    else 4
                    if age <= 270
                    else 5
                    if age <= 330
                    else 6
                    if age <= 365
                    else 7
                )
                ages[i, t, band] += left
            if t == nd:
                break
            sold = min(int(dem[t]), stock)
            units[i, t] = sold
            stock -= sold
            while sold > 0:
                take = min(sold, lots[0][1])
                lots[0][1] -= take
                sold -= take
                if lots[0][1] == 0:
                    lots.pop(0)
        got = available[i] == 0
        if not np.array_equal(got, mask):
            bad = [HISTORY_START + timedelta(int(x)) for x in np.nonzero(got != mask)[0][:5]]
            raise ValueError(f"demo design: {spec.sku} stock is off plan on {bad}")
        episodes.extend(StockoutEpisode(spec.sku, s, e) for s, e in spec.episodes)

    shipments = _shipments(rnd, skus, receipts_by_sku, expected, waves)
    inbound_shipped, inbound_receiving = _inbound(skus, shipments)

    prices = np.array([s.price for s in _SPECS])
    revenue = np.round(units * prices[:, None], 2)

    # Traffic, reserved and unsellable units.
    sessions = np.zeros((n, nd), dtype=np.int64)
    page_views = np.zeros((n, nd), dtype=np.int64)
    sessions_b2b = np.zeros((n, nd), dtype=np.int64)
    page_views_b2b = np.zeros((n, nd), dtype=np.int64)
    buy_box = np.zeros((n, nd))
    reserved = np.zeros((n, nd + 1), dtype=np.int64)
    unsellable = np.zeros((n, nd + 1), dtype=np.int64)
    for i, spec in enumerate(_SPECS):
        rng = np.random.default_rng([seed, i, 2])
        in_stock = available[i, :nd] > 0
        lam = expected[i] / spec.usp * np.where(in_stock, 1.0, 0.45)
        s = rng.poisson(lam * rng.gamma(20.0, 1 / 20.0, size=nd))
        sessions[i] = np.maximum(s, units[i])
        page_views[i] = sessions[i] + rng.binomial(sessions[i], 0.28)
        sessions_b2b[i] = rng.binomial(sessions[i], 0.03)
        page_views_b2b[i] = sessions_b2b[i] + rng.binomial(sessions_b2b[i], 0.2)
        buy_box[i] = np.where(in_stock, np.round(100 - rng.beta(1.2, 30, size=nd) * 100, 2), 0.0)
        nxt = np.concatenate([units[i], units[i, -1:]])
        reserved[i] = np.where(available[i] > 0, np.round(nxt * 0.6) + rng.binomial(3, 0.3, size=nd + 1), 0)
        # Damaged customer returns pile up until a removal order clears them.
        damaged, cleared = rng.random(nd + 1) < 0.035, rng.random(nd + 1) < 0.015
        u = int(rng.integers(0, 4))
        for t in range(nd + 1):
            u = 0 if cleared[t] else u + int(damaged[t])
            unsellable[i, t] = u

    orders, ad_counts, order_items, order_items_b2b, units_b2b = _orders(seed, units, available)
    ads = _ads(seed, skus, expected, available, ad_counts, dates)
    search_terms = _search_terms(seed, skus, ads, dates)
    ranks = _ranks(seed, skus, rank_mult, available, dates)
    comp_asins = tuple((_asin(random.Random(f"{seed}-{sku}")), title, sku) for sku, title in _COMPETITORS)
    ranks = ranks.assign(
        asin=ranks["asin"].map(lambda a: next((c[0] for c in comp_asins if a == f"COMP:{c[2]}"), a))
    )

    return DemoWorld(
        as_of=DEMO_AS_OF,
        start=HISTORY_START,
        skus=skus,
        dates=dates,
        demand=demand,
        units=units,
        revenue=revenue,
        order_items=order_items,
        sessions=sessions,
        page_views=page_views,
        buy_box_pct=buy_box,
        sessions_b2b=sessions_b2b,
        page_views_b2b=page_views_b2b,
        units_b2b=units_b2b,
        order_items_b2b=order_items_b2b,
        pre_units=pre_units,
        available=available,
        reserved=reserved,
        unsellable=unsellable,
        inbound_shipped=inbound_shipped,
        inbound_receiving=inbound_receiving,
        age_buckets=ages,
        rank_multiplier=rank_mult,
        shipments=shipments,
        episodes=tuple(episodes),
        orders=orders,
        ads=ads,
        search_terms=search_terms,
        ranks=ranks,
        competitors=comp_asins,
    )


def _shipment_id(rnd: random.Random) -> str:
    return "FBA1" + "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))


def _shipments(
    rnd: random.Random,
    skus: tuple[DemoSku, ...],
    receipts: list[list[tuple[int, str | None, int, int]]],
    expected: np.ndarray,
    waves: tuple[_Wave, ...] = _WAVES,
) -> tuple[DemoShipment, ...]:
    ids = {w.key: _shipment_id(rnd) for w in waves}
    wave_by_key = {w.key: w for w in waves}
    rows: list[DemoShipment] = []
    for i, (sku, plan) in enumerate(zip(skus, receipts, strict=True)):
        for _, key, q, shipped in plan:
            if key is None:
                continue
            w = wave_by_key[key]
            rows.append(
                DemoShipment(ids[key], sku.sku, shipped, w.mode, w.ship, w.eta, "received", w.received, q)
            )
        level = float(expected[i, -28:].mean()) if _SPECS[i].end[0] != "oos" else _SPECS[i].base
        level = max(level, _SPECS[i].base * 0.8)
        for key, days in _SPECS[i].open:
            w = wave_by_key[key]
            rows.append(
                DemoShipment(
                    ids[key], sku.sku, _roundup(level * days), w.mode, w.ship, w.eta, w.status, None, None
                )
            )
        if sku.sku in _LOST:
            key, days = _LOST[sku.sku]
            w = wave_by_key[key]
            rows.append(
                DemoShipment(
                    ids[key],
                    sku.sku,
                    _roundup(_SPECS[i].base * days),
                    w.mode,
                    w.ship,
                    w.eta,
                    w.status,
                    None,
                    None,
                )
            )
    rows.sort(key=lambda s: (s.ship_date, s.shipment_id, s.sku))
    return tuple(rows)


def _inbound(skus: tuple[DemoSku, ...], shipments: tuple[DemoShipment, ...]) -> tuple[np.ndarray, np.ndarray]:
    index = {s.sku: i for i, s in enumerate(skus)}
    shipped = np.zeros((len(skus), N_DAYS + 1), dtype=np.int64)
    receiving = np.zeros((len(skus), N_DAYS + 1), dtype=np.int64)
    for s in shipments:
        i = index[s.sku]
        a = max(0, (s.ship_date - HISTORY_START).days)
        if s.status == "received" and s.received_date:
            r = (s.received_date - HISTORY_START).days
            shipped[i, a : max(a, r - 2)] += s.quantity
            receiving[i, max(a, r - 2) : r] += s.received_quantity or s.quantity
        elif s.status == "lost":
            shipped[i, a : (s.eta - HISTORY_START).days + 21] += s.quantity
        else:
            shipped[i, a:] += s.quantity
    return shipped, receiving


def _orders(
    seed: int,
    units: np.ndarray,
    available: np.ndarray,
) -> tuple[pd.DataFrame, list[np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    n, nd = units.shape
    rows: list[tuple[int, int, int, bool, int]] = []
    ad_counts: list[np.ndarray] = []  # per sku: (nd, n_placements, 2) ad orders and ad units
    order_items = np.zeros((n, nd), dtype=np.int64)
    order_items_b2b = np.zeros((n, nd), dtype=np.int64)
    units_b2b = np.zeros((n, nd), dtype=np.int64)
    for i, spec in enumerate(_SPECS):
        rng = np.random.default_rng([seed, i, 3])
        places = _placements(spec)
        weights = np.array([p.weight for p in places])
        weights = weights / weights.sum()
        counts = np.zeros((nd, len(places), 2), dtype=np.int64)
        for t in range(nd):
            u = int(units[i, t])
            if u == 0:
                continue
            for q in _split_orders(u, rng):
                b2b = bool(rng.random() < 0.025)
                p = -1
                if rng.random() < spec.ad_share:
                    p = int(rng.choice(len(places), p=weights))
                    counts[t, p, 0] += 1
                    counts[t, p, 1] += q
                rows.append((t, i, q, b2b, p))
                order_items[i, t] += 1
                if b2b:
                    order_items_b2b[i, t] += 1
                    units_b2b[i, t] += q
        ad_counts.append(counts)
    frame = pd.DataFrame(rows, columns=["day", "sku_index", "quantity", "b2b", "placement"])
    frame.insert(0, "date", [HISTORY_START + timedelta(int(t)) for t in frame["day"]])
    frame.insert(2, "sku", [_SPECS[int(i)].sku for i in frame["sku_index"]])
    ad_type, campaign, targeting = [], [], []
    for i, p in zip(frame["sku_index"], frame["placement"], strict=True):
        if p < 0:
            ad_type.append("")
            campaign.append("")
            targeting.append("")
        else:
            pl = _placements(_SPECS[int(i)])[int(p)]
            ad_type.append(pl.ad_type)
            campaign.append(pl.campaign)
            targeting.append(pl.targeting)
    frame["ad_type"] = ad_type
    frame["campaign"] = campaign
    frame["targeting"] = targeting
    return frame, ad_counts, order_items, order_items_b2b, units_b2b


def _ads(
    seed: int,
    skus: tuple[DemoSku, ...],
    expected: np.ndarray,
    available: np.ndarray,
    ad_counts: list[np.ndarray],
    dates: tuple[date, ...],
) -> pd.DataFrame:
    rows = []
    for i, spec in enumerate(_SPECS):
        rng = np.random.default_rng([seed, i, 4])
        places = _placements(spec)
        weights = np.array([p.weight for p in places])
        weights = weights / weights.sum()
        sku = skus[i]
        for t, d in enumerate(dates):
            in_stock = available[i, t] > 0
            e_orders = expected[i, t] / 1.1 * spec.ad_share
            for p, pl in enumerate(places):
                if not in_stock and not pl.always_on:
                    continue  # Amazon stops serving SP ads of an out-of-stock product
                cvr = spec.cvr * pl.cvr_f
                e_clicks = e_orders * weights[p] / cvr * (1.0 if in_stock else 0.8)
                orders, ad_units = (int(x) for x in ad_counts[i][t, p])
                clicks = max(int(rng.poisson(e_clicks)), orders)
                if clicks:
                    impressions = max(clicks, round(clicks / pl.ctr * float(rng.lognormal(0, 0.15))))
                else:
                    impressions = int(rng.poisson(e_clicks / pl.ctr))
                if impressions == 0:
                    continue
                cpc = spec.cpc * pl.cpc_f * float(rng.lognormal(0, 0.08))
                spend = round(clicks * cpc, 2)
                viewable = round(impressions * float(rng.uniform(0.5, 0.7))) if pl.ad_type == "SD" else 0
                rows.append(
                    (
                        d,
                        pl.ad_type,
                        pl.campaign,
                        pl.ad_group,
                        pl.portfolio,
                        sku.sku,
                        sku.asin,
                        pl.targeting,
                        pl.match_type,
                        pl.bid_optimization,
                        impressions,
                        viewable,
                        clicks,
                        spend,
                        round(ad_units * spec.price, 2),
                        orders,
                        ad_units,
                    )
                )
    cols = [
        "date",
        "ad_type",
        "campaign",
        "ad_group",
        "portfolio",
        "sku",
        "asin",
        "targeting",
        "match_type",
        "bid_optimization",
        "impressions",
        "viewable_impressions",
        "clicks",
        "spend",
        "ad_sales",
        "ad_orders",
        "ad_units",
    ]
    return pd.DataFrame(rows, columns=cols)


_AUTO_TARGETS = ("close-match", "loose-match", "substitutes", "complements")
_JUNK_TERMS = {  # broad queries an auto campaign keeps matching, with CTR well under 0.3 %
    "KT-SPICE-RACK-3T": "kitchen organization",
    "HM-SHOE-RACK-4T": "closet organizer",
    "PT-CAT-WATER-FOUNTAIN": "cat toys",
    "HM-COTTON-ROPE-BASKET": "laundry hamper",
    "KT-MASON-JAR-LIDS": "mason jars",
}


def _split_int(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if total <= 0:
        return np.zeros(len(weights), dtype=np.int64)
    return rng.multinomial(total, weights / weights.sum()).astype(np.int64)


def _search_terms(
    seed: int, skus: tuple[DemoSku, ...], ads: pd.DataFrame, dates: tuple[date, ...]
) -> pd.DataFrame:
    """Split each SP campaign-day of the last 30 days into (targeting, search term) rows that sum to it."""
    first = dates[-30]
    sp = ads[(ads["ad_type"] == "SP") & (ads["date"] >= first)]
    by_sku = {s.sku: s for s in skus}
    rng = np.random.default_rng([seed, 99])
    out = []
    for rec in sp.itertuples(index=False):
        spec = _SPECS[[s.sku for s in _SPECS].index(rec.sku)]
        sku = by_sku[rec.sku]
        if rec.campaign.endswith("- Auto"):
            terms = [(_AUTO_TARGETS[k % 4], kw, "-") for k, kw in enumerate(spec.keywords[:4])]
            terms.append(("substitutes", sku.asin.lower(), "-"))
            k = min(len(terms), 1 + int(rec.clicks) // 12)
            pick = sorted(rng.choice(len(terms), size=k, replace=False).tolist())
            chosen = [terms[j] for j in pick]
            junk = _JUNK_TERMS.get(rec.sku)
            if junk:
                chosen.append(("loose-match", junk, "-"))
        else:
            chosen = [(kw, kw, "EXACT") for kw in spec.keywords[: 2 if rec.clicks >= 6 else 1]]
        m = len(chosen)
        is_junk = np.array([c[1] in _JUNK_TERMS.values() for c in chosen])
        w_clicks = rng.dirichlet(np.full(m, 2.0)) * np.where(is_junk, 0.02, 1.0)
        clicks = _split_int(int(rec.clicks), w_clicks, rng)
        orders = np.zeros(m, dtype=np.int64)
        for _ in range(int(rec.ad_orders)):  # an order needs a click on its term
            ok = np.nonzero(clicks > orders)[0]
            pool = ok if len(ok) else np.arange(m)
            orders[int(rng.choice(pool))] += 1
        units = orders.copy()
        for _ in range(int(rec.ad_units) - int(rec.ad_orders)):
            units[int(rng.choice(np.nonzero(orders)[0]))] += 1
        w_imp = (clicks + 0.3) * np.where(is_junk, 400.0, 1.0)
        impressions = np.maximum(_split_int(int(rec.impressions) - int(clicks.sum()), w_imp, rng) + clicks, 0)
        cents = round(float(rec.spend) * 100)
        if clicks.sum() > 0:
            spend_c = np.floor(cents * clicks / clicks.sum()).astype(np.int64)
            spend_c[int(np.argmax(clicks))] += cents - int(spend_c.sum())
        else:
            spend_c = np.zeros(m, dtype=np.int64)
        for j, (targeting, term, match) in enumerate(chosen):
            if impressions[j] == 0:
                continue
            out.append(
                (
                    rec.date,
                    "SP",
                    rec.campaign,
                    rec.ad_group,
                    rec.portfolio,
                    rec.sku,
                    rec.asin,
                    targeting,
                    match,
                    term,
                    int(impressions[j]),
                    int(clicks[j]),
                    spend_c[j] / 100,
                    round(int(units[j]) * sku.price, 2),
                    int(orders[j]),
                    int(units[j]),
                )
            )
    cols = [
        "date",
        "ad_type",
        "campaign",
        "ad_group",
        "portfolio",
        "sku",
        "asin",
        "targeting",
        "match_type",
        "search_term",
        "impressions",
        "clicks",
        "spend",
        "ad_sales",
        "ad_orders",
        "ad_units",
    ]
    return pd.DataFrame(out, columns=cols)


def _ranks(
    seed: int,
    skus: tuple[DemoSku, ...],
    rank_mult: np.ndarray,
    available: np.ndarray,
    dates: tuple[date, ...],
) -> pd.DataFrame:
    rows = []
    nd = len(dates)
    window = range(nd - _RANK_DAYS, nd)
    competitor_of = {sku for sku, _ in _COMPETITORS}
    for i, sku in enumerate(skus):
        if sku.sku not in _RANK_BASE:
            continue
        rng = np.random.default_rng([seed, i, 5])
        bases = _RANK_BASE[sku.sku]
        volumes = [round(v * float(rng.uniform(0.7, 1.3)), -2) for v in _SEARCH_VOLUME]
        comp_bases = [b * float(rng.uniform(0.7, 1.8)) + float(rng.uniform(1, 6)) for b in bases]
        for t in window:
            d = dates[t]
            season = _season(_SPECS[i].season, d.replace(day=15))
            m = float(rank_mult[i, t])
            in_stock = available[i, t] > 0
            for k, kw in enumerate(sku.keywords[:6]):
                sv = volumes[k] * season
                organic = bases[k] * m * float(rng.lognormal(0, 0.12))
                sponsored = float(rng.integers(1, 11)) if in_stock and rng.random() < 0.55 else math.nan
                rows.append((d, sku.asin, sku.sku, kw, organic, sponsored, sv, sv * 0.065, True))
                if sku.sku in competitor_of:
                    gain = 1 - 0.45 * (1 - 1 / m)
                    c_org = comp_bases[k] * gain * float(rng.lognormal(0, 0.1))
                    c_spon = float(rng.integers(1, 17)) if rng.random() < 0.5 else math.nan
                    rows.append((d, f"COMP:{sku.sku}", sku.sku, kw, c_org, c_spon, sv, sv * 0.065, False))
    cols = [
        "date",
        "asin",
        "sku",
        "keyword",
        "organic_rank",
        "sponsored_rank",
        "search_volume",
        "keyword_sales",
        "is_own",
    ]
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------------------------------
# Writing the files
# --------------------------------------------------------------------------------------------------

# Real headers (formats/REPORTS.md). Trailing spaces are the console's own.
MANAGE_FBA_HEADER = [
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "your-price",
    "mfn-listing-exists",
    "mfn-fulfillable-quantity",
    "afn-listing-exists",
    "afn-warehouse-quantity",
    "afn-fulfillable-quantity",
    "afn-unsellable-quantity",
    "afn-reserved-quantity",
    "afn-total-quantity",
    "per-unit-volume",
    "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity",
    "afn-inbound-receiving-quantity",
    "afn-researching-quantity",
    "afn-reserved-future-supply",
    "afn-future-supply-buyable",
]
INVENTORY_PLANNING_HEADER = (
    "snapshot-date",
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "available",
    "pending-removal-quantity",
    "inv-age-0-to-90-days",
    "inv-age-91-to-180-days",
    "inv-age-181-to-270-days",
    "inv-age-271-to-365-days",
    "inv-age-365-plus-days",
    "currency",
    "units-shipped-t7",
    "units-shipped-t30",
    "units-shipped-t60",
    "units-shipped-t90",
    "alert",
    "your-price",
    "sales-price",
    "lowest-price-new-plus-shipping",
    "recommended-action",
    "healthy-inventory-level",
    "recommended-sales-price",
    "recommended-sale-duration-days",
    "sell-through",
    "item-volume",
    "volume-unit-measurement",
    "storage-type",
    "marketplace",
    "product-group",
    "sales-rank",
    "days-of-supply",
    "estimated-excess-quantity",
    "weeks-of-cover-t30",
    "weeks-of-cover-t90",
    "featuredoffer-price",
    "sales-shipped-last-7-days",
    "sales-shipped-last-30-days",
    "sales-shipped-last-60-days",
    "sales-shipped-last-90-days",
    "inv-age-0-to-30-days",
    "inv-age-31-to-60-days",
    "inv-age-61-to-90-days",
    "inv-age-181-to-330-days",
    "inv-age-331-to-365-days",
    "estimated-storage-cost-next-month",
    "inbound-quantity",
    "inbound-working",
    "inbound-shipped",
    "inbound-received",
    "Total Reserved Quantity",
    "unfulfillable-quantity",
    "historical-days-of-supply",
    "fba-inventory-level-health-status",
    "Recommended ship-in quantity",
    "Recommended ship-in date",
    "Inventory age snapshot date",
    "Total Days of Supply (including units from open shipments)",
)
RESTOCK_HEADER = (
    "Country",
    "Product Name",
    "FNSKU",
    "Merchant SKU",
    "ASIN",
    "Condition",
    "Supplier",
    "Supplier part no.",
    "Currency code",
    "Price",
    "Sales last 30 days",
    "Units Sold Last 30 Days",
    "Total Units",
    "Inbound",
    "Available",
    "FC transfer",
    "FC Processing",
    "Customer Order",
    "Unfulfillable",
    "Working",
    "Shipped",
    "Receiving",
    "Fulfilled by",
    "Total Days of Supply (including units from open shipments)",
    "Days of Supply at Amazon Fulfillment Network",
    "Alert",
    "Recommended replenishment qty",
    "Recommended ship date",
    "Recommended action",
    "Unit storage size",
)
BUSINESS_REPORT_HEADER = (
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "SKU",
    "Sessions - Total",
    "Sessions - Total - B2B",
    "Session Percentage - Total",
    "Session Percentage - Total - B2B",
    "Page Views - Total",
    "Page Views - Total - B2B",
    "Page Views Percentage - Total",
    "Page Views Percentage - Total - B2B",
    "Featured Offer (Buy Box) Percentage",
    "Featured Offer (Buy Box) Percentage - B2B",
    "Units Ordered",
    "Units Ordered - B2B",
    "Unit Session Percentage",
    "Unit Session Percentage - B2B",
    "Ordered Product Sales",
    "Ordered Product Sales - B2B",
    "Total Order Items",
    "Total Order Items - B2B",
)
# The sentence-case / EN DASH variant some weeks of downloads came in.
BUSINESS_REPORT_HEADER_VARIANT = (
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "SKU",
    "Sessions – Total",
    "Sessions – Total – B2B",
    "Session percentage – Total",
    "Session percentage – Total – B2B",
    "Page views – Total",
    "Page views – Total – B2B",
    "Page views percentage – Total",
    "Page views percentage – Total – B2B",
    "Featured offer (Buy Box) percentage",
    "Featured offer (Buy Box) percentage – B2B",
    "Units ordered",
    "Units ordered – B2B",
    "Unit session percentage",
    "Unit session percentage – B2B",
    "Ordered product sales",
    "Ordered product sales – B2B",
    "Total order items",
    "Total order items – B2B",
)
_VARIANT_WEEKS = (22, 23, 24, 25)  # four consecutive weeks in Feb 2026
ALL_ORDERS_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "order-item-id",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "cpf",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
    "signature-confirmation-recommended",
]
SP_ADVERTISED_HEADER = (
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Retailer",
    "Country",
    "Advertised SKU",
    "Advertised ASIN",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ",
    "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
    "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
)
ADS_CONSOLE_HEADER = (
    "Budget currency",
    "Date range",
    "Advertiser account ID",
    "Advertiser account name",
    "Portfolio ID",
    "Portfolio name",
    "Campaign ID",
    "Campaign name",
    "Ad group ID",
    "Ad group name",
    "Advertised product ID",
    "Advertised product name",
    "Advertised product parent ID",
    "Advertised product brand",
    "Advertised product category",
    "Advertised product subcategory",
    "Advertised product group",
    "Advertised product SKU",
    "Advertised product marketplace",
    "Impressions",
    "Clicks",
    "CTR",
    "Total cost",
    "Purchases",
    "Sales",
    "Units sold",
    "Cost per purchase",
    "Purchase rate",
    "ROAS",
    "Purchases (promoted)",
    "Sales (promoted)",
    "Units sold (promoted)",
    "Cost per purchase (promoted)",
    "Purchase rate (promoted)",
    "ROAS (promoted)",
    "Purchases (halo)",
    "Sales (halo)",
    "Units sold (halo)",
    "Purchases (new to brand)",
    "Sales (new to brand)",
    "Units sold (new to brand)",
    "Cost per purchase (new to brand)",
    "Purchase rate (new to brand)",
    "ROAS (new to brand)",
    "Detail page views",
    "Cost per detail page view",
    "Detail page view rate",
)
SD_ADVERTISED_HEADER = (
    "Date",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Bid Optimization",
    "Advertised SKU",
    "Advertised ASIN",
    "Impressions",
    "Viewable Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Spend",
    "Cost Per Click (CPC)",
    "Cost per 1,000 viewable impressions (VCPM)",
    "Total Advertising Cost of Sales (ACOS)",
    "Total Return on Advertising Spend (ROAS)",
    "14 Day Total Orders (#)",
    "14 Day Total Units (#)",
    "14 Day Total Sales",
    "14 Day Conversion Rate",
    "14 Day New-to-brand Orders (#)",
    "14 Day New-to-brand Sales",
    "14 Day New-to-brand Units (#)",
    "14 Day Detail Page Views (DPV)",
)
SB_KEYWORD_HEADER = (
    "Start Date",
    "End Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Targeting",
    "Match Type",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "Total Advertising Cost of Sales (ACoS)",
    "Total Return on Advertising Spend (RoAS)",
    "14 Day Total Sales",
    "14 Day Total Orders (#)",
    "14 Day Total Units (#)",
    "14 Day Conversion Rate",
    "14 Day New-to-brand Orders (#)",
    "% of Orders New-to-brand",
    "14 Day New-to-brand Sales",
    "% of Sales New-to-brand",
    "14 Day New-to-brand Units (#)",
    "% of Units New-to-brand",
    "New-to-brand Order Rate",
)
SP_SEARCH_TERM_HEADER_ZH = (
    "日期",
    "广告组合名称",
    "货币",
    "广告活动名称",
    "广告组名称",
    "零售商",
    "国家/地区",
    "投放",
    "匹配类型",
    "客户搜索词",
    "展示量",
    "点击量",
    "点击率 (CTR)",
    "单次点击成本 (CPC)",
    "花费",
    "7天总销售额",
    "广告投入产出比 (ACOS) 总计",
    "总广告投资回报率 (ROAS)",
    "7天总订单数(#)",
    "7天总销售量(#)",
    "7天的转化率",
    "7天内广告SKU销售量(#)",
    "7天内其他SKU销售量(#)",
    "7天内广告SKU销售额",
    "7天内其他SKU销售额",
)
HELIUM10_HEADER = (
    "Title",
    "ASIN",
    "Keyword Sales",
    "Keyword",
    "Marketplace",
    "Search Volume",
    "Organic Rank",
    "Sponsored Position",
    "Date Added",
)
SHIPMENT_TEMPLATE_HEADER = (
    "shipment_id",
    "sku",
    "marketplace",
    "quantity",
    "mode",
    "ship_date",
    "eta",
    "status",
    "received_date",
    "received_quantity",
)
SKU_SETTINGS_HEADER = (
    "sku",
    "lead_time_days",
    "air_lead_time_days",
    "safety_days",
    "ads_override",
    "unit_cost",
    "price",
    "target_roas",
    "is_core",
    "note",
)


def _csv_text(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    newline: str = "\r\n",
    quote_all: bool = False,
) -> str:
    buf = io.StringIO()
    w = csv.writer(
        buf,
        delimiter=delimiter,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    w.writerow(header)
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


def _tsv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    # SP-API flat files: tab-separated, never quoted, CRLF.
    lines = ["\t".join(header)]
    lines.extend("\t".join(str(v) for v in row) for row in rows)
    return "\r\n".join(lines) + "\r\n"


def _n(x: float) -> str:  # UI integer: "1,234"
    return f"{round(x):,}"


def _pct(x: float, digits: int = 2) -> str:
    return f"{x * 100:.{digits}f}%"


def _usd(x: float) -> str:
    return f"${x:,.2f}"


def _num(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}"


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


class _Writer:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: list[SampleFile] = []

    def write(
        self,
        rel: str,
        data: bytes,
        kind: str,
        *,
        marketplace: str | None = MARKETPLACE,
        period: tuple[date, date] | None = None,
        snapshot: date | None = None,
    ) -> None:
        path = self.out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        start, end = period if period else (None, None)
        self.files.append(SampleFile(rel, kind, marketplace, start, end, snapshot))


def write_samples(
    out_dir: Path, seed: int | None = None, profile: CatalogProfile | None = None
) -> list[SampleFile]:
    """Write every demo export into ``out_dir`` plus ``manifest.json``; returns the manifest entries.

    ``profile`` picks the catalogue (:data:`CATALOGS`; default the demo store, seed 42)."""
    out_dir = Path(out_dir)
    profile = profile or CATALOGS["demo"]
    seed = profile.seed if seed is None else seed
    world = simulate(seed, profile)
    w = _Writer(out_dir)
    rnd = random.Random(seed * 7919 + 1)
    _write_inventory_planning(w, world)
    _write_manage_fba(w, world)
    _write_restock(w, world)
    _write_business_reports(w, world)
    _write_all_orders(w, world, rnd)
    _write_sp_xlsx(w, world)
    ids = _AdIds(random.Random(seed * 31 + 5))
    _write_ads_console(w, world, ids)
    _write_sd(w, world)
    _write_sb(w, world)
    _write_search_terms(w, world)
    _write_helium10(w, world, random.Random(seed * 131 + 7))
    _write_shipments(w, world)
    _write_settings(w, world)
    files = sorted(w.files, key=lambda f: f.path)
    manifest = json.dumps([f.to_json() for f in files], indent=2, ensure_ascii=False) + "\n"
    (out_dir / "manifest.json").write_text(manifest, encoding="utf-8")
    return files


# --- inventory ----------------------------------------------------------------------------------------


def _sales_window(world: DemoWorld, i: int, t: int, days: int) -> tuple[int, float]:
    """Units and sales in the ``days`` days before day index ``t`` (warm-up days included)."""
    ext = np.concatenate([world.pre_units[i], world.units[i]])
    a, b = max(0, t + WARMUP - days), t + WARMUP
    u = int(ext[a:b].sum())
    return u, round(u * world.skus[i].price, 2)


def _amazon_recommendation(world: DemoWorld, i: int, t: int) -> tuple[int, float]:
    """Amazon's own (unpublished) restock suggestion: t30 velocity incl. out-of-stock days, a fixed
    110-day target and rounding to cartons of 12 - deliberately not the textbook formula."""
    u30, _ = _sales_window(world, i, t, 30)
    velocity = u30 / 30 * 1.08
    supply = int(world.available[i, t] + world.inbound_shipped[i, t] + world.inbound_receiving[i, t])
    qty = velocity * 110 - supply
    return (int(math.ceil(qty / 12) * 12) if qty > 0 else 0), velocity


def _write_inventory_planning(w: _Writer, world: DemoWorld) -> None:
    cutoff = DEMO_AS_OF - timedelta(90)
    snaps = [d for d in world.dates if (d < cutoff and d.weekday() == 0) or d >= cutoff]
    by_month: dict[str, list[date]] = {}
    for d in snaps:
        by_month.setdefault(f"{d:%Y-%m}", []).append(d)
    for month, days in by_month.items():
        rows: list[list[str]] = []
        for d in days:
            t = world.day_index(d)
            rows.extend(_ip_row(world, i, t, d) for i in range(len(world.skus)))
        text = _csv_text(INVENTORY_PLANNING_HEADER, rows, quote_all=True)
        w.write(
            f"inventory/Inventory_Planning_{month}.csv",
            text.encode("utf-8-sig"),
            "fba_inventory_planning",
            period=(days[0], days[-1]),
        )


def _ip_row(world: DemoWorld, i: int, t: int, d: date) -> list[str]:
    sku = world.skus[i]
    avail = int(world.available[i, t])
    ag = world.age_buckets[i, t]
    u7, s7 = _sales_window(world, i, t, 7)
    u30, s30 = _sales_window(world, i, t, 30)
    u60, s60 = _sales_window(world, i, t, 60)
    u90, s90 = _sales_window(world, i, t, 90)
    shipped = int(world.inbound_shipped[i, t])
    receiving = int(world.inbound_receiving[i, t])
    inbound = shipped + receiving
    reserved = int(world.reserved[i, t])
    unfulfillable = int(world.unsellable[i, t])
    velocity = u30 / 30
    dos = int(min(avail / velocity, 999)) if velocity else (365 if avail else 0)
    woc30 = int(min((avail + inbound) / (u30 / 30 * 7), 99)) if u30 else 0
    woc90 = int(min((avail + inbound) / (u90 / 90 * 7), 99)) if u90 else 0
    total_dos = int(min((avail + inbound) / velocity, 999)) if velocity else (365 if avail + inbound else 0)
    aged = int(ag[7])
    volume = _VOLUME_CUFT[sku.category]
    rec_qty, _ = _amazon_recommendation(world, i, t)
    if avail == 0:
        alert, action, health = "out_of_stock", "Restock", "Out of stock"
    elif rec_qty > 0 and dos < 30:
        alert, action, health = "", "Restock", "Low stock"
    elif aged > 0 or dos > 180:
        alert, action, health = "", "CreateSale", "Excess"
    else:
        alert, action, health = "", "NoRestockExcessActionRequired", "Healthy"
    excess = max(0, avail - round(velocity * 90)) if action == "CreateSale" else 0
    storage_rate = 2.40 if d.month >= 10 else 0.78
    rank = round(160000 / (u7 / 7 + 0.4) ** 0.85) if avail else ""
    sell_through = round(u90 / max(1.0, (avail + u90) / 2), 2)
    ship_in_date = (d + timedelta(max(0, min(dos, 60) - 45))).isoformat() if rec_qty else ""
    price = f"{sku.price:.2f}"
    return [
        d.isoformat(),
        sku.sku,
        sku.fnsku,
        sku.asin,
        sku.title,
        "New",
        str(avail),
        "0",
        str(int(ag[0] + ag[1] + ag[2])),
        str(int(ag[3])),
        str(int(ag[4])),
        str(int(ag[5] + ag[6])),
        str(aged),
        CURRENCY,
        str(u7),
        str(u30),
        str(u60),
        str(u90),
        alert,
        price,
        price,
        price if avail else "0.0",
        action,
        "",
        f"{sku.price * 0.8:.2f}" if action == "CreateSale" else "",
        "30" if action == "CreateSale" else "",
        f"{sell_through}",
        f"{volume}",
        "cubic feet",
        "Standard",
        MARKETPLACE,
        _PRODUCT_GROUP[sku.category],
        str(rank),
        str(dos),
        str(excess),
        str(woc30),
        str(woc90),
        price if avail else "0.0",
        f"{s7:.2f}",
        f"{s30:.2f}",
        f"{s60:.2f}",
        f"{s90:.2f}",
        str(int(ag[0])),
        str(int(ag[1])),
        str(int(ag[2])),
        str(int(ag[4] + ag[5])),
        str(int(ag[6])),
        f"{volume * avail * storage_rate:.2f}",
        str(inbound),
        "0",
        str(shipped),
        str(receiving),
        str(reserved),
        str(unfulfillable),
        f"{dos:.1f}" if velocity else "",
        health,
        str(rec_qty) if rec_qty else "",
        ship_in_date,
        (d - timedelta(2)).isoformat(),
        str(total_dos),
    ]


def _write_manage_fba(w: _Writer, world: DemoWorld) -> None:
    nd = world.n_days
    rows = []
    for i, sku in enumerate(world.skus):
        avail, res, uns = (
            int(world.available[i, nd]),
            int(world.reserved[i, nd]),
            int(world.unsellable[i, nd]),
        )
        shipped, receiving = int(world.inbound_shipped[i, nd]), int(world.inbound_receiving[i, nd])
        warehouse = avail + res + uns
        rows.append(
            [
                sku.sku,
                sku.fnsku,
                sku.asin,
                sku.title,
                "New",
                f"{sku.price:.2f}",
                "No",
                "",
                "Yes",
                warehouse,
                avail,
                uns,
                res,
                warehouse + shipped + receiving,
                f"{_VOLUME_CUFT[sku.category]:.2f}",
                0,
                shipped,
                receiving,
                0,
                0,
                0,
            ]
        )
    w.write(
        "inventory/Manage_FBA_Inventory.txt",
        _tsv_text(MANAGE_FBA_HEADER, rows).encode("utf-8"),
        "manage_fba_inventory",
        snapshot=DEMO_AS_OF,
    )


def _write_restock(w: _Writer, world: DemoWorld) -> None:
    nd = world.n_days
    rows = []
    for i, sku in enumerate(world.skus):
        avail, res, uns = (
            int(world.available[i, nd]),
            int(world.reserved[i, nd]),
            int(world.unsellable[i, nd]),
        )
        shipped, receiving = int(world.inbound_shipped[i, nd]), int(world.inbound_receiving[i, nd])
        inbound = shipped + receiving
        u30, s30 = _sales_window(world, i, nd, 30)
        qty, velocity = _amazon_recommendation(world, i, nd)
        fc_transfer = res // 3
        customer = res - fc_transfer
        total_dos = (avail + inbound) / velocity if velocity else math.inf
        afn_dos = avail / velocity if velocity else math.inf

        def dos_text(x: float) -> str:
            return "365+" if x >= 365 else str(round(x))

        if avail == 0:
            alert = "out_of_stock"
        elif qty > 0 and afn_dos < 45:
            alert = "reorder_now"
        else:
            alert = ""
        ship_date = (
            DEMO_AS_OF.isoformat() if alert else ((DEMO_AS_OF + timedelta(14)).isoformat() if qty else "none")
        )
        rows.append(
            [
                "United States",
                sku.title,
                sku.fnsku,
                sku.sku,
                sku.asin,
                "New",
                "",
                "",
                CURRENCY,
                f"{sku.price:.2f}",
                f"{s30:.2f}",
                u30,
                avail + res + inbound,
                inbound,
                avail,
                fc_transfer,
                0,
                customer,
                uns,
                0,
                shipped,
                receiving,
                "Amazon",
                dos_text(total_dos),
                dos_text(afn_dos),
                alert,
                qty,
                ship_date,
                "Create shipping plan" if qty or alert else "No action required",
                "Standard-size",
            ]
        )
    w.write(
        "inventory/Restock_Inventory.txt",
        _tsv_text(RESTOCK_HEADER, rows).encode("utf-8"),
        "restock_inventory",
        snapshot=DEMO_AS_OF,
    )


# --- sales ----------------------------------------------------------------------------------------------


def _write_business_reports(w: _Writer, world: DemoWorld) -> None:
    weeks = world.n_days // 7
    for k in range(weeks):
        a, b = 7 * k, 7 * k + 7
        start, end = world.dates[a], world.dates[b - 1]
        sess = world.sessions[:, a:b].sum(axis=1)
        pv = world.page_views[:, a:b].sum(axis=1)
        sess_b, pv_b = world.sessions_b2b[:, a:b].sum(axis=1), world.page_views_b2b[:, a:b].sum(axis=1)
        units, units_b = world.units[:, a:b].sum(axis=1), world.units_b2b[:, a:b].sum(axis=1)
        items, items_b = world.order_items[:, a:b].sum(axis=1), world.order_items_b2b[:, a:b].sum(axis=1)
        sales = world.revenue[:, a:b].sum(axis=1)
        bb = (world.buy_box_pct[:, a:b] * world.page_views[:, a:b]).sum(axis=1)
        tot_s, tot_pv, tot_sb, tot_pvb = sess.sum(), pv.sum(), sess_b.sum(), pv_b.sum()
        rows = []
        order = sorted(range(len(world.skus)), key=lambda j: (world.skus[j].parent_asin, world.skus[j].asin))
        for i in order:
            sku = world.skus[i]
            if sess[i] == 0:
                continue
            rows.append(
                [
                    sku.parent_asin,
                    sku.asin,
                    sku.title,
                    sku.sku,
                    _n(sess[i]),
                    _n(sess_b[i]),
                    _pct(_ratio(sess[i], tot_s)),
                    _pct(_ratio(sess_b[i], tot_sb)),
                    _n(pv[i]),
                    _n(pv_b[i]),
                    _pct(_ratio(pv[i], tot_pv)),
                    _pct(_ratio(pv_b[i], tot_pvb)),
                    _pct(_ratio(bb[i], pv[i]) / 100),
                    _pct(_ratio(bb[i], pv[i]) / 100 if pv_b[i] else 0),
                    _n(units[i]),
                    _n(units_b[i]),
                    _pct(_ratio(units[i], sess[i])),
                    _pct(_ratio(units_b[i], sess_b[i])),
                    _usd(sales[i]),
                    _usd(units_b[i] * sku.price),
                    _n(items[i]),
                    _n(items_b[i]),
                ]
            )
        header = BUSINESS_REPORT_HEADER_VARIANT if k in _VARIANT_WEEKS else BUSINESS_REPORT_HEADER
        text = _csv_text(header, rows)
        w.write(
            f"sales/BusinessReport-{end:%m-%d-%y}.csv",
            text.encode("utf-8-sig"),
            "business_report",
            period=(start, end),
        )


_CITIES = (
    ("SEATTLE", "WA", "98109", 0.101),
    ("AUSTIN", "TX", "78704", 0.0825),
    ("BROOKLYN", "NY", "11215", 0.08875),
    ("DENVER", "CO", "80205", 0.0881),
    ("CHICAGO", "IL", "60614", 0.1025),
    ("PORTLAND", "OR", "97206", 0.0),
    ("SAN DIEGO", "CA", "92104", 0.0775),
    ("ATLANTA", "GA", "30307", 0.089),
    ("PHOENIX", "AZ", "85016", 0.086),
    ("MIAMI", "FL", "33137", 0.07),
    ("COLUMBUS", "OH", "43215", 0.075),
    ("CHARLOTTE", "NC", "28203", 0.0725),
    ("NASHVILLE", "TN", "37206", 0.0925),
    ("MINNEAPOLIS", "MN", "55408", 0.0803),
    ("BOSTON", "MA", "02116", 0.0625),
    ("RALEIGH", "NC", "27605", 0.0725),
    ("SALT LAKE CITY", "UT", "84105", 0.0775),
    ("TAMPA", "FL", "33606", 0.075),
    ("PITTSBURGH", "PA", "15213", 0.07),
    ("LOUISVILLE", "KY", "40204", 0.06),
    ("WILMINGTON", "DE", "19801", 0.0),
    ("SPOKANE", "WA", "99201", 0.09),
    ("HOUSTON", "TX", "77006", 0.0825),
    ("SACRAMENTO", "CA", "95816", 0.0875),
)
_ORDERS_DAYS = 35


def _order_id(rnd: random.Random) -> str:
    return f"11{rnd.randint(1, 4)}-{rnd.randint(0, 9999999):07d}-{rnd.randint(0, 9999999):07d}"


def _write_all_orders(w: _Writer, world: DemoWorld, rnd: random.Random) -> None:
    nd = world.n_days
    first_t = nd - _ORDERS_DAYS
    start, end = world.dates[first_t], world.dates[-1]
    frame = world.orders[world.orders["day"] >= first_t]
    cutoff = datetime.combine(DEMO_AS_OF, datetime.min.time()) + timedelta(hours=6)
    records: list[tuple[datetime, list[object]]] = []

    def base_row(
        when: datetime, status: str, item_status: str, i: int, qty: int, price: str, tax: str, b2b: bool
    ) -> list[object]:
        sku = world.skus[i]
        city, state, postal, _ = rnd.choice(_CITIES)
        updated = when + timedelta(hours=rnd.randint(1, 60), minutes=rnd.randint(0, 59))
        if status == "Pending" or updated > cutoff:
            updated = min(cutoff, when + timedelta(minutes=rnd.randint(5, 50)))
        level = rnd.choices(("Expedited", "Standard", "SecondDay", "NextDay"), (70, 22, 6, 2))[0]
        return [
            _order_id(rnd),
            "",
            when.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            updated.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            status,
            f"{rnd.randint(10**13, 10**14 - 1)}",
            "Amazon",
            "Amazon.com",
            "",
            level,
            sku.title,
            sku.sku,
            sku.asin,
            item_status,
            qty,
            CURRENCY,
            price,
            tax,
            "",
            "",
            "",
            "",
            "",
            "",
            city,
            state,
            postal,
            "US",
            "",
            "",
            "true" if b2b else "false",
            "",
            "BusinessPrice" if b2b else "",
            "false",
        ]

    # Purchase times 08:05-23:55 UTC, so the UTC date and the Pacific date are the same sales day.
    for rec in frame.itertuples(index=False):
        i, t, qty = int(rec.sku_index), int(rec.day), int(rec.quantity)
        d = world.dates[t]
        when = datetime.combine(d, datetime.min.time()) + timedelta(
            minutes=rnd.randint(8 * 60 + 5, 23 * 60 + 55), seconds=rnd.randint(0, 59)
        )
        pending = t >= nd - 2 and rnd.random() < 0.12
        price = world.skus[i].price * qty
        tax = price * rnd.choice(_CITIES)[3]
        row = base_row(
            when,
            "Pending" if pending else "Shipped",
            "Unshipped" if pending else "Shipped",
            i,
            qty,
            f"{price:.2f}",
            f"{tax:.2f}",
            bool(rec.b2b),
        )
        records.append((when, row))
    n_cancel = round(len(records) * 0.02)
    weights = world.units[:, first_t:].sum(axis=1).astype(float) + 1.0
    for _ in range(n_cancel):
        i = rnd.choices(range(len(world.skus)), weights.tolist())[0]
        d = world.dates[rnd.randint(first_t, nd - 1)]
        when = datetime.combine(d, datetime.min.time()) + timedelta(
            minutes=rnd.randint(8 * 60 + 5, 23 * 60 + 55)
        )
        records.append((when, base_row(when, "Cancelled", "Cancelled", i, 1, "", "", False)))
    records.sort(key=lambda r: (r[0], str(r[1][0])))
    text = _tsv_text(ALL_ORDERS_HEADER, [r for _, r in records])
    w.write(
        f"sales/All_Orders_{start.isoformat()}_{end.isoformat()}.txt",
        text.encode("utf-8"),
        "all_orders",
        period=(start, end),
    )


# --- ads -----------------------------------------------------------------------------------------------


def _velocity_window(world: DemoWorld, first: date, last: date, ad_type: str) -> pd.DataFrame:
    a = world.ads
    return a[(a["ad_type"] == ad_type) & (a["date"] >= first) & (a["date"] <= last)]


def _write_sp_xlsx(w: _Writer, world: DemoWorld) -> None:
    import xlsxwriter

    first, last = DEMO_AS_OF - timedelta(91), DEMO_AS_OF - timedelta(29)
    rows = _velocity_window(world, first, last, "SP").sort_values(["date", "campaign", "sku"], kind="stable")
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": _XLSX_CREATED, "author": "Amazon Advertising"})
    ws = wb.add_worksheet("Sponsored_Products_Advertised_p")
    date_fmt = wb.add_format({"num_format": "mmm dd, yyyy"})
    money = wb.add_format({"num_format": "$#,##0.00"})
    pct = wb.add_format({"num_format": "0.00%"})
    for c, name in enumerate(SP_ADVERTISED_HEADER):
        ws.write_string(0, c, name)
    price = {s.sku: s.price for s in world.skus}
    for r, rec in enumerate(rows.itertuples(index=False), start=1):
        clicks, spend, sales, orders, units = (
            int(rec.clicks),
            float(rec.spend),
            float(rec.ad_sales),
            int(rec.ad_orders),
            int(rec.ad_units),
        )
        ws.write_datetime(r, 0, datetime.combine(rec.date, datetime.min.time()), date_fmt)
        ws.write_string(r, 1, rec.portfolio)
        ws.write_string(r, 2, CURRENCY)
        ws.write_string(r, 3, rec.campaign)
        ws.write_string(r, 4, rec.ad_group)
        ws.write_string(r, 5, "Amazon")
        ws.write_string(r, 6, "United States")
        ws.write_string(r, 7, rec.sku)
        ws.write_string(r, 8, rec.asin)
        ws.write_number(r, 9, int(rec.impressions))
        ws.write_number(r, 10, clicks)
        ws.write_number(r, 11, round(_ratio(clicks, rec.impressions), 4), pct)
        ws.write_number(r, 12, round(_ratio(spend, clicks), 2), money)
        ws.write_number(r, 13, spend, money)
        ws.write_number(r, 14, sales, money)
        ws.write_number(r, 15, round(_ratio(spend, sales), 4), pct)
        ws.write_number(r, 16, round(_ratio(sales, spend), 2))
        ws.write_number(r, 17, orders)
        ws.write_number(r, 18, units)
        ws.write_number(r, 19, round(_ratio(orders, clicks), 4), pct)
        ws.write_number(r, 20, units)
        ws.write_number(r, 21, 0)
        ws.write_number(r, 22, round(units * price[rec.sku], 2), money)
        ws.write_number(r, 23, 0, money)
    wb.close()
    w.write(
        "ads/Sponsored_Products_Advertised_product_report.xlsx",
        _xlsx_claim_a1(buf.getvalue()),
        "sp_advertised_product",
        period=(first, last),
    )


def _xlsx_claim_a1(data: bytes) -> bytes:
    """Rewrite the sheet's ``<dimension ref>`` to ``A1`` (a real console quirk) with fixed zip timestamps."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', body, count=1)
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, body)
    return out.getvalue()


class _AdIds:
    """Stable numeric IDs for the new console's Excel-formula ID columns."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.ids: dict[str, str] = {}
        self.account = "amzn1.ads-account.g." + "".join(
            rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24)
        )

    def get(self, key: str, digits: int = 15) -> str:
        if key not in self.ids:
            self.ids[key] = str(self.rnd.randint(10 ** (digits - 1), 10**digits - 1))
        return self.ids[key]


def _fmt_range(a: date, b: date) -> str:
    return f"{a:%b %d, %Y} - {b:%b %d, %Y}"


def _write_ads_console(w: _Writer, world: DemoWorld, ids: _AdIds) -> None:
    first = DEMO_AS_OF - timedelta(28)
    rows = []
    by_sku = {s.sku: s for s in world.skus}
    for k in range(4):
        a, b = first + timedelta(7 * k), first + timedelta(7 * k + 6)
        week = _velocity_window(world, a, b, "SP")
        agg = (
            week.groupby(["portfolio", "campaign", "ad_group", "sku", "asin"], sort=True)[
                ["impressions", "clicks", "spend", "ad_sales", "ad_orders", "ad_units"]
            ]
            .sum()
            .reset_index()
        )
        for rec in agg.itertuples(index=False):
            sku = by_sku[rec.sku]
            imp, clicks, cost = int(rec.impressions), int(rec.clicks), round(float(rec.spend), 2)
            purchases, sales, units = int(rec.ad_orders), round(float(rec.ad_sales), 2), int(rec.ad_units)
            cat, sub = _AD_CATEGORY[sku.category]
            cpp = f"{cost / purchases:.5f}" if purchases else ""
            rate = f"{purchases / imp * 100:.4f}%" if imp else "0.0000%"
            roas = f"{sales / cost:.5f}" if cost else ""
            rows.append(
                [
                    CURRENCY,
                    _fmt_range(a, b),
                    f'="{ids.account}"',
                    "Nestora Home US",
                    ids.get("portfolio:" + rec.portfolio),
                    rec.portfolio,
                    f'="{ids.get("campaign:" + rec.campaign)}"',
                    rec.campaign,
                    f'="{ids.get("adgroup:" + rec.campaign + rec.ad_group, 14)}"',
                    rec.ad_group,
                    sku.asin,
                    sku.title,
                    sku.parent_asin,
                    sku.brand,
                    cat,
                    sub,
                    _PORTFOLIOS[sku.category],
                    sku.sku,
                    "AMAZON.COM",
                    imp,
                    clicks,
                    f"{clicks / imp * 100:.4f}%" if imp else "0.0000%",
                    f"{cost:.2f}",
                    purchases,
                    f"{sales:.2f}",
                    units,
                    cpp,
                    rate,
                    roas,
                    purchases,
                    f"{sales:.2f}",
                    units,
                    cpp,
                    rate,
                    roas,
                    0,
                    "0.00",
                    0,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    text = _csv_text(ADS_CONSOLE_HEADER, rows)
    w.write(
        "ads/Sponsored_Products_Advertised_product_console.csv",
        text.encode("utf-8-sig"),
        "ads_console_product",
        period=(first, DEMO_AS_OF - timedelta(1)),
    )


def _write_sd(w: _Writer, world: DemoWorld) -> None:
    first, last = DEMO_AS_OF - timedelta(90), DEMO_AS_OF - timedelta(1)
    sd = _velocity_window(world, first, last, "SD").sort_values(["date", "campaign", "sku"], kind="stable")
    rows = []
    for rec in sd.itertuples(index=False):
        imp, view, clicks = int(rec.impressions), int(rec.viewable_impressions), int(rec.clicks)
        spend, sales, orders, units = (
            float(rec.spend),
            float(rec.ad_sales),
            int(rec.ad_orders),
            int(rec.ad_units),
        )
        rows.append(
            [
                f"{rec.date:%b %d, %Y}",
                CURRENCY,
                rec.campaign,
                rec.ad_group,
                rec.bid_optimization,
                rec.sku,
                rec.asin,
                imp,
                view,
                clicks,
                _pct(_ratio(clicks, imp)),
                _usd(spend),
                _usd(_ratio(spend, clicks)),
                _usd(_ratio(spend, view) * 1000),
                _pct(_ratio(spend, sales)),
                _num(_ratio(sales, spend)),
                orders,
                units,
                _usd(sales),
                _pct(_ratio(orders, clicks)),
                orders // 2,
                _usd(sales / 2 if orders > 1 else 0),
                units // 2,
                clicks + orders,
            ]
        )
    text = _csv_text(SD_ADVERTISED_HEADER, rows)
    w.write(
        "ads/Sponsored_Display_Advertised_product_report.csv",
        text.encode("utf-8"),
        "sd_advertised_product",
        period=(first, last),
    )


def _write_sb(w: _Writer, world: DemoWorld) -> None:
    first = DEMO_AS_OF - timedelta(91)
    rows = []
    for k in range(13):
        a, b = first + timedelta(7 * k), first + timedelta(7 * k + 6)
        week = _velocity_window(world, a, b, "SB")
        agg = (
            week.groupby(["portfolio", "campaign", "targeting", "match_type"], sort=False)[
                ["impressions", "clicks", "spend", "ad_sales", "ad_orders", "ad_units"]
            ]
            .sum()
            .reset_index()
        )
        agg = agg.sort_values(["campaign", "targeting"], kind="stable")
        for rec in agg.itertuples(index=False):
            imp, clicks, spend = int(rec.impressions), int(rec.clicks), round(float(rec.spend), 2)
            sales, orders, units = round(float(rec.ad_sales), 2), int(rec.ad_orders), int(rec.ad_units)
            ntb = (orders * 2) // 3
            ntb_units = min(units, ntb)
            ntb_sales = round(sales * _ratio(ntb, orders), 2)
            rows.append(
                [
                    f"{a:%b %d, %Y}",
                    f"{b:%b %d, %Y}",
                    rec.portfolio,
                    CURRENCY,
                    rec.campaign,
                    rec.targeting,
                    rec.match_type,
                    imp,
                    clicks,
                    _pct(_ratio(clicks, imp)),
                    _usd(_ratio(spend, clicks)),
                    _usd(spend),
                    _pct(_ratio(spend, sales)),
                    _num(_ratio(sales, spend)),
                    _usd(sales),
                    orders,
                    units,
                    _pct(_ratio(orders, clicks)),
                    ntb,
                    _pct(_ratio(ntb, orders)),
                    _usd(ntb_sales),
                    _pct(_ratio(ntb_sales, sales)),
                    ntb_units,
                    _pct(_ratio(ntb_units, units)),
                    _pct(_ratio(ntb, clicks)),
                ]
            )
    text = _csv_text(SB_KEYWORD_HEADER, rows)
    w.write(
        "ads/Sponsored_Brands_Keyword_report.csv",
        text.encode("utf-8"),
        "sb_keyword",
        period=(first, DEMO_AS_OF - timedelta(1)),
    )


_ZH_MATCH = {"EXACT": "精准", "PHRASE": "词组", "BROAD": "广泛"}


def _write_search_terms(w: _Writer, world: DemoWorld) -> None:
    # Amazon lists only search terms that got at least one click.
    st = world.search_terms[world.search_terms["clicks"] > 0]
    st = st.sort_values(["date", "campaign", "targeting", "search_term"], kind="stable")
    rows = []
    for rec in st.itertuples(index=False):
        imp, clicks, spend = int(rec.impressions), int(rec.clicks), float(rec.spend)
        sales, orders, units = float(rec.ad_sales), int(rec.ad_orders), int(rec.ad_units)
        rows.append(
            [
                f"{rec.date:%Y/%m/%d}",
                rec.portfolio,
                CURRENCY,
                rec.campaign,
                rec.ad_group,
                "Amazon",
                "美国",
                rec.targeting,
                _ZH_MATCH.get(rec.match_type, rec.match_type),
                rec.search_term,
                imp,
                clicks,
                _pct(_ratio(clicks, imp)),
                f"US${_ratio(spend, clicks):,.2f}",
                f"US${spend:,.2f}",
                f"US${sales:,.2f}",
                _pct(_ratio(spend, sales)),
                _num(_ratio(sales, spend)),
                orders,
                units,
                _pct(_ratio(orders, clicks)),
                units,
                0,
                f"US${sales:,.2f}",
                "US$0.00",
            ]
        )
    first, last = world.dates[-30], world.dates[-1]
    text = _csv_text(SP_SEARCH_TERM_HEADER_ZH, rows)
    w.write("ads/SP_搜索词报告.csv", text.encode("utf-8-sig"), "sp_search_term", period=(first, last))


# --- ranks ---------------------------------------------------------------------------------------------


def _rank_text(x: float) -> str:
    if math.isnan(x):
        return "-"
    r = max(1, round(x))
    if r > 1000:
        return "-"
    return ">306" if r > 306 else str(r)


def _write_helium10(w: _Writer, world: DemoWorld, rnd: random.Random) -> None:
    titles = {s.asin: s.title for s in world.skus}
    titles.update({asin: title for asin, title, _ in world.competitors})
    first, last = world.dates[-_RANK_DAYS], world.dates[-1]
    for n, (asin, frame) in enumerate(world.ranks.groupby("asin", sort=False)):
        us_style = n % 2 == 1
        rows = []
        frame = frame.sort_values(["date", "keyword"], ascending=[False, True], kind="stable")
        for rec in frame.itertuples(index=False):
            when = datetime.combine(rec.date, datetime.min.time()) + timedelta(
                hours=rnd.randint(3, 11), minutes=rnd.randint(0, 59), seconds=rnd.randint(0, 59)
            )
            stamp = (
                f"{when.month}/{when.day}/{when.year} {when.strftime('%I').lstrip('0')}:{when:%M %p}"
                if us_style
                else f"{when:%Y-%m-%d %H:%M:%S}"
            )
            sv = float(rec.search_volume)
            ks = float(rec.keyword_sales)
            rows.append(
                [
                    titles[str(asin)],
                    asin,
                    str(round(ks)) if sv >= 1500 else "-",
                    rec.keyword,
                    "amazon.com",
                    str(round(sv)) if sv >= 1000 else "-",
                    _rank_text(float(rec.organic_rank)),
                    _rank_text(float(rec.sponsored_rank)),
                    stamp,
                ]
            )
        text = _csv_text(HELIUM10_HEADER, rows, newline="\n")
        w.write(
            f"ranks/helium10-kt-{asin}-{DEMO_AS_OF.isoformat()}.csv",
            text.encode("utf-8"),
            "helium10_keyword_tracker",
            period=(first, last),
        )


# --- templates -----------------------------------------------------------------------------------------


def _write_shipments(w: _Writer, world: DemoWorld) -> None:
    rows = [
        [
            s.shipment_id,
            s.sku,
            MARKETPLACE,
            s.quantity,
            s.mode,
            s.ship_date.isoformat(),
            s.eta.isoformat(),
            s.status,
            s.received_date.isoformat() if s.received_date else "",
            "" if s.received_quantity is None else s.received_quantity,
        ]
        for s in world.shipments
    ]
    text = _csv_text(SHIPMENT_TEMPLATE_HEADER, rows, newline="\n")
    w.write("shipments/shipments_in_transit.csv", text.encode("utf-8"), "template_shipment")


def _write_settings(w: _Writer, world: DemoWorld) -> None:
    rows = [
        [
            s.sku,
            s.lead_time_days,
            s.air_lead_time_days,
            s.safety_days,
            "" if s.ads_override is None else f"{s.ads_override:g}",
            f"{s.unit_cost:.2f}",
            f"{s.price:.2f}",
            "" if s.target_roas is None else f"{s.target_roas:g}",
            "true" if s.is_core else "false",
            s.note,
        ]
        for s in world.skus
    ]
    text = _csv_text(SKU_SETTINGS_HEADER, rows, newline="\n")
    w.write("settings/sku_settings.csv", text.encode("utf-8"), "template_sku_settings", marketplace=None)

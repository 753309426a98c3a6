"""The embedded demo dataset: same bytes every run, every designed case present on DEMO_AS_OF (checked with
small reference computations of our own, not the metrics module), and every file agreeing
with the simulation."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import statistics
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from report_files import ALL_ORDERS_2026

from inventory_core.demo.data import DEMO_AS_OF, HISTORY_START, DemoWorld, SampleFile, simulate, write_samples

T_DATE = DEMO_AS_OF
KINDS = {
    "fba_inventory_planning",
    "manage_fba_inventory",
    "restock_inventory",
    "business_report",
    "all_orders",
    "sp_advertised_product",
    "sd_advertised_product",
    "sb_keyword",
    "sp_search_term",
    "ads_console_product",
    "helium10_keyword_tracker",
    "template_shipment",
    "template_sku_settings",
}

# Headers as formats/REPORTS.md lists them (typed here independently of the module's constants).
MANAGE_FBA = [
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
RESTOCK = [
    c.strip()
    for c in [
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
    ]
]
BUSINESS = [
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
]
SP_ADVERTISED = [
    c.strip()
    for c in [
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
        "7 Day Total Sales",
        "Total Advertising Cost of Sales (ACOS)",
        "Total Return on Advertising Spend (ROAS)",
        "7 Day Total Orders (#)",
        "7 Day Total Units (#)",
        "7 Day Conversion Rate",
        "7 Day Advertised SKU Units (#)",
        "7 Day Other SKU Units (#)",
        "7 Day Advertised SKU Sales",
        "7 Day Other SKU Sales",
    ]
]
SD_PREFIX = [
    c.strip()
    for c in [
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
        "Cost per 1#000 viewable impressions (VCPM)",
        "Total Advertising Cost of Sales (ACOS)",
        "Total Return on Advertising Spend (ROAS)",
        "14 Day Total Orders (#)",
        "14 Day Total Units (#)",
        "14 Day Total Sales",
        "14 Day Conversion Rate",
    ]
]
SD_PREFIX = [c.replace("1#000", "1,000") for c in SD_PREFIX]
SB_PREFIX = [
    c.strip()
    for c in [
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
    ]
]
CONSOLE_PREFIX = [
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
]
SEARCH_TERM_ZH = [
    c.strip()
    for c in [
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
    ]
]
HELIUM10 = [
    "Title",
    "ASIN",
    "Keyword Sales",
    "Keyword",
    "Marketplace",
    "Search Volume",
    "Organic Rank",
    "Sponsored Position",
    "Date Added",
]
SHIPMENT_TEMPLATE = [
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
]
SETTINGS_TEMPLATE = [
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
]
PLANNING_REQUIRED = [
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
    "sell-through",
    "storage-type",
    "marketplace",
    "days-of-supply",
    "weeks-of-cover-t30",
    "weeks-of-cover-t90",
    "inbound-quantity",
    "inbound-working",
    "inbound-shipped",
    "inbound-received",
    "unfulfillable-quantity",
    "Total Reserved Quantity",
    "Recommended ship-in quantity",
    "Recommended ship-in date",
    "Total Days of Supply (including units from open shipments)",
]


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return simulate()


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SampleFile]]:
    out = tmp_path_factory.mktemp("samples")
    return out, write_samples(out)


def _read(path: Path, delimiter: str = ",") -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows[0], rows[1:]


def _num(text: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", text) or 0)


# --- reference computations (deliberately simple, independent of inventory_core.model.plan) -----------------


def _n_days(world: DemoWorld) -> int:
    return world.n_days


def _velocity_in_stock(world: DemoWorld, i: int, days: int = 28, end: int | None = None) -> float:
    end = _n_days(world) if end is None else end
    stock = world.available[i, end - days : end] > 0
    sold = world.units[i, end - days : end]
    return float(sold[stock].mean()) if stock.any() else 0.0


def _woc(world: DemoWorld, i: int) -> float:
    sold = int(world.units[i, -28:].sum())
    return world.available[i, -1] / sold * 4 if sold else float("inf")


def _roas(world: DemoWorld, sku: str, days: int = 28) -> float:
    a = world.ads
    a = a[(a["sku"] == sku) & (a["ad_type"].isin(["SP", "SD"])) & (a["date"] >= world.dates[-days])]
    return float(a["ad_sales"].sum() / a["spend"].sum())


def _break_even(world: DemoWorld, i: int) -> float:
    s = world.skus[i]
    return s.target_roas or s.price / (s.price - s.unit_cost)


def _open_arrivals(world: DemoWorld, sku: str) -> list[tuple[int, int, str, str]]:
    return sorted(
        ((s.eta - T_DATE).days, s.quantity, s.status, s.mode)
        for s in world.shipments
        if s.sku == sku and s.status in ("in_transit", "delayed", "customs_hold")
    )


def _projection(world: DemoWorld, i: int, horizon: int = 90) -> tuple[int | None, int | None]:
    """(days until stock <= 0, gap days until the next arrival ends it); ADS = in-stock last 28 days."""
    sku = world.skus[i].sku
    velocity = _velocity_in_stock(world, i)
    arrivals = _open_arrivals(world, sku)
    stock = float(world.available[i, -1])
    for k in range(horizon + 1):
        stock += sum(q for day, q, _, _ in arrivals if day == k)
        if stock <= 0:
            later = [day for day, _, _, _ in arrivals if day > k]
            return k, (later[0] - k if later else None)
        stock -= velocity
    return None, None


def _gap_class(gap: int | None) -> str:
    if gap is None or gap > 30:
        return "long"
    return "short" if gap <= 7 else "medium"


def _spans(avail: np.ndarray) -> list[tuple[int, int]]:
    out, t = [], 0
    while t < len(avail):
        if avail[t] == 0:
            a = t
            while t < len(avail) and avail[t] == 0:
                t += 1
            out.append((a, t))
        t += 1
    return out


def _own_ranks(world: DemoWorld, sku: str) -> dict[date, float]:
    r = world.ranks
    r = r[(r["sku"] == sku) & r["is_own"]]
    return {d: float(g["organic_rank"].median()) for d, g in r.groupby("date")}


# --- determinism, manifest, size ---------------------------------------------------------------------------


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_write_samples_twice_gives_identical_bytes(samples, tmp_path: Path) -> None:
    first, _ = samples
    write_samples(tmp_path / "again")
    assert _digests(first) == _digests(tmp_path / "again")


def test_manifest_lists_every_file_and_the_total_stays_under_6_mb(samples) -> None:
    out, files = samples
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [m["path"] for m in manifest] == [f.path for f in files]
    assert on_disk - {"manifest.json"} == {m["path"] for m in manifest}
    assert {m["kind"] for m in manifest} == KINDS
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) <= 6_000_000


def test_manifest_carries_periods_and_snapshots_the_reports_do_not_state(samples) -> None:
    _, files = samples
    brs = sorted(
        (f for f in files if f.kind == "business_report"), key=lambda f: f.period_start or HISTORY_START
    )
    assert len(brs) == 63  # every full Mon-Sun week of the history
    for f in brs:
        assert f.period_start
        assert f.period_end
        assert f.period_start.weekday() == 0
        assert f.period_end - f.period_start == timedelta(6)
        assert f.path == f"sales/BusinessReport-{f.period_end:%m-%d-%y}.csv"
    assert brs[0].period_start == HISTORY_START
    assert brs[-1].period_end == T_DATE - timedelta(1)
    for kind in ("manage_fba_inventory", "restock_inventory"):
        (f,) = [f for f in files if f.kind == kind]
        assert f.snapshot_date == T_DATE


# --- the cases the product explains, from the ground truth --------------------------------------------------


def test_during_phase_has_a_short_and_a_long_gap(world: DemoWorld) -> None:
    during = [i for i in range(len(world.skus)) if world.available[i, -1] == 0]
    assert len(during) == 2
    nxt = {}
    for i in during:
        arrivals = _open_arrivals(world, world.skus[i].sku)
        nxt[world.skus[i].sku] = arrivals[0] if arrivals else None
    gaps = sorted(a[0] if a else 999 for a in nxt.values())
    assert gaps[0] <= 7
    assert gaps[1] > 30
    short = next(a for a in nxt.values() if a and a[0] <= 7)
    assert short[3] == "sea"


def test_before_phase_covers_every_gap_class_and_inbound_trouble(world: DemoWorld) -> None:
    before = {}
    for i, s in enumerate(world.skus):
        if world.available[i, -1] == 0:
            continue
        day, gap = _projection(world, i)
        if day is not None:
            before[s.sku] = (i, day, gap)
    assert {_gap_class(gap) for _, _, gap in before.values()} == {"short", "medium", "long"}
    statuses = {st for sku in before for _, _, st, _ in _open_arrivals(world, sku)}
    assert {"delayed", "customs_hold"} <= statuses
    # Air freight only: no arrival before the stockout, air lead time < stockout day < sea lead time.
    air_only = [
        sku
        for sku, (i, day, _) in before.items()
        if world.skus[i].air_lead_time_days < day < world.skus[i].lead_time_days
        and not any(d <= day for d, _, _, _ in _open_arrivals(world, sku))
    ]
    assert air_only


def test_every_sku_outside_the_phases_has_no_projected_stockout(world: DemoWorld) -> None:
    for i, s in enumerate(world.skus):
        if s.archetype.startswith(("normal", "aged", "seasonal", "new", "rising", "after")):
            assert _projection(world, i) == (None, None), s.sku


def test_after_phase_sales_and_ranks_still_below_pre_stockout(world: DemoWorld) -> None:
    nd = _n_days(world)
    after = []
    for i, _s in enumerate(world.skus):
        spans = _spans(world.available[i])
        if not spans or spans[-1][1] > nd:
            continue
        a, b = spans[-1]
        if 7 <= nd - b <= 20 and 10 <= b - a <= 25:
            after.append((i, a, b))
    assert len(after) >= 2
    for i, a, _b in after:
        sku = world.skus[i].sku
        assert world.units[i, -7:].mean() < 0.85 * _velocity_in_stock(world, i, 28, a), sku
        ranks = _own_ranks(world, sku)
        baseline = statistics.median(ranks[world.dates[t]] for t in range(a - 14, a))
        now = statistics.median(ranks[world.dates[t]] for t in range(nd - 3, nd))
        assert now > 1.2 * baseline, sku


def test_past_episodes_short_and_long_in_spring_and_summer(world: DemoWorld) -> None:
    nd = _n_days(world)
    past = [(a, b) for i in range(len(world.skus)) for a, b in _spans(world.available[i]) if b < nd - 20]
    assert len(past) >= 3
    assert any(b - a <= 7 for a, b in past)
    assert any(b - a > 30 for a, b in past)
    months = {world.dates[a].month for a, _ in past}
    assert months & {3, 4, 5}
    assert months & {6, 7, 8}
    # The planned episodes are exactly the zero-stock spans of the simulation.
    expected = sorted((e.sku, e.start, e.end) for e in world.episodes)
    found = sorted(
        (s.sku, world.dates[a], world.start + timedelta(b) if b <= nd else None)
        for i, s in enumerate(world.skus)
        for a, b in _spans(world.available[i])
    )
    assert found == expected


def test_a_current_stockout_is_ranked_severely_and_competitors_gain(world: DemoWorld) -> None:
    r = world.ranks
    severe = 0
    for ep in world.episodes:
        own = r[(r["sku"] == ep.sku) & r["is_own"]]
        if own.empty:
            continue
        start = ep.start
        for _, g in own.groupby("keyword"):
            base = g[(g["date"] < start) & (g["date"] >= start - timedelta(14))]["organic_rank"].median()
            trough = g[(g["date"] >= start) & (g["date"] < (ep.end or T_DATE))]["organic_rank"].max()
            severe += base <= 30 and trough > 100
        comp = r[(r["sku"] == ep.sku) & ~r["is_own"]]
        if not comp.empty and ep.days >= 10:
            before = comp[(comp["date"] < start) & (comp["date"] >= start - timedelta(14))][
                "organic_rank"
            ].median()
            during = comp[(comp["date"] >= start) & (comp["date"] < (ep.end or T_DATE))][
                "organic_rank"
            ].median()
            assert during < before, ep.sku
    assert severe >= 2


def _strategy(world: DemoWorld, i: int) -> str:
    woc = _woc(world, i)
    if woc >= 52 and world.age_buckets[i, -1, 7] > 0:
        return "aged"
    if woc < 3:
        return "protect"
    roas, target = _roas(world, world.skus[i].sku), _break_even(world, i)
    if 3 <= woc <= 6:
        if roas >= target and roas >= 2.8:
            return "scale"
        return "optimise" if roas < min(target, 2.0) else "-"
    if roas >= target and roas >= 2.8:
        return "traffic"
    return "conversion" if roas < min(target, 2.0) else "-"


@pytest.mark.parametrize(
    ("strategy", "at_least"),
    [
        ("protect", 4),
        ("scale", 3),
        ("optimise", 2),
        ("traffic", 2),
        ("conversion", 2),
        ("aged", 2),
    ],
)
def test_woc_roas_matrix_has_every_strategy(world: DemoWorld, strategy: str, at_least: int) -> None:
    got = [
        s.sku
        for i, s in enumerate(world.skus)
        if world.available[i, -1] > 0 and _strategy(world, i) == strategy
    ]
    assert len(got) >= at_least, got


def test_seasonal_sku_last_year_next_90_days_differ_from_recent_velocity(world: DemoWorld) -> None:
    i = world.sku_index("HM-STRING-LIGHTS-XMAS")
    ly = world.day_index(T_DATE - timedelta(365))
    last_year_next_90 = world.units[i, ly : ly + 90].mean()
    assert last_year_next_90 > 2 * _velocity_in_stock(world, i)
    peak = world.units[i, world.day_index(date(2025, 11, 1)) : world.day_index(date(2026, 1, 1))].mean()
    summer = world.units[i, world.day_index(date(2026, 6, 1)) : world.day_index(date(2026, 9, 1))].mean()
    assert peak > 5 * summer


def test_rising_sku_has_cover_under_30_days(world: DemoWorld) -> None:
    i = world.sku_index("PT-LICK-MAT-2PK")
    weeks = [int(world.units[i, -28 + 7 * k : -21 + 7 * k or None].sum()) for k in range(4)]
    assert weeks[3] > 1.3 * weeks[0]
    assert weeks[2] > weeks[0]
    assert world.available[i, -1] / world.units[i, -7:].mean() < 30


def test_sku_settings_are_complete(world: DemoWorld) -> None:
    for s in world.skus:
        assert 0 < s.unit_cost < s.price
        assert 7.99 <= s.price <= 49.99
        assert 45 <= s.lead_time_days <= 75
        assert 10 <= s.air_lead_time_days <= 15
        assert s.safety_days == 14 or 21 <= s.safety_days <= 30
        assert re.fullmatch(r"B0[0-9A-Z]{8}", s.asin)
    assert sum(s.ads_override is not None for s in world.skus) == 2
    assert 2 <= sum(s.is_core for s in world.skus) <= 10
    assert 25 <= len(world.skus) <= 35


def test_ads_are_plausible_and_never_exceed_sales(world: DemoWorld) -> None:
    ads = world.ads
    per_day = ads.groupby(["sku", "date"])["ad_units"].sum()
    for (sku, d), ad_units in per_day.items():
        assert ad_units <= world.units[world.sku_index(sku), world.day_index(d)]
    sp = ads[ads["ad_type"] == "SP"].groupby("sku")[["clicks", "spend", "ad_orders"]].sum()
    cvr, cpc = sp["ad_orders"] / sp["clicks"], sp["spend"] / sp["clicks"]
    assert cvr.between(0.04, 0.17).all()
    assert cpc.between(0.45, 2.6).all()
    st = world.search_terms.groupby(["date", "campaign"])[["clicks", "spend", "ad_orders"]].sum()
    spd = (
        ads[(ads["ad_type"] == "SP") & (ads["date"] >= world.dates[-30])]
        .groupby(["date", "campaign"])[["clicks", "spend", "ad_orders"]]
        .sum()
    )
    assert np.allclose(st.sort_index().to_numpy(), spd.sort_index().to_numpy())


def test_sb_and_sd_keep_spending_through_the_current_stockout(world: DemoWorld) -> None:
    ads = world.ads
    oos = {
        (s.sku, d)
        for i, s in enumerate(world.skus)
        for t, d in enumerate(world.dates)
        if world.available[i, t] == 0
    }
    keys = set(zip(ads["sku"], ads["date"], strict=True))
    sp = set(
        zip(ads.loc[ads["ad_type"] == "SP", "sku"], ads.loc[ads["ad_type"] == "SP", "date"], strict=True)
    )
    assert not sp & oos  # Amazon stops serving SP ads of an out-of-stock product ...
    assert len(keys & oos) > 50  # ... but SB and SD keep charging
    last7 = ads[(ads["date"] >= world.dates[-7]) & (ads["sku"] == "KT-KNIFE-SHARPENER")]
    assert not world.available[world.sku_index("KT-KNIFE-SHARPENER"), -8:].any()
    for ad_type in ("SB", "SD"):
        spent = last7[last7["ad_type"] == ad_type]
        assert spent["spend"].sum() > 0
        assert spent["ad_sales"].sum() == 0


# --- the files agree with the simulation and carry the real headers --------------------------------------


def test_all_orders_units_equal_the_simulation(samples, world: DemoWorld) -> None:
    out, _ = samples
    (path,) = (out / "sales").glob("All_Orders_*.txt")
    header, rows = _read(path, "\t")
    assert header == ALL_ORDERS_2026
    col = {name: k for k, name in enumerate(header)}
    got = np.zeros((len(world.skus), 35), dtype=int)
    first = world.n_days - 35
    statuses = {"Shipped": 0, "Pending": 0, "Cancelled": 0}
    for r in rows:
        statuses[r[col["order-status"]]] += 1
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", r[col["purchase-date"]])
        assert r[col["sales-channel"]] == "Amazon.com"
        if r[col["order-status"]] == "Cancelled":
            assert r[col["item-price"]] == ""
            continue
        d = date.fromisoformat(r[col["purchase-date"]][:10])
        got[world.sku_index(r[col["sku"]]), world.day_index(d) - first] += int(r[col["quantity"]])
    assert np.array_equal(got, world.units[:, first:])
    assert 0.01 < statuses["Cancelled"] / len(rows) < 0.03
    assert statuses["Pending"] > 0


def test_business_reports_equal_weekly_sums_and_four_use_the_variant_header(
    samples, world: DemoWorld
) -> None:
    out, files = samples
    variants = 0
    for f in (f for f in files if f.kind == "business_report"):
        raw = (out / f.path).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        header, rows = _read(out / f.path)
        if header != BUSINESS:
            variants += 1
            norm = [h.replace("–", "-").lower() for h in header]
            assert norm == [h.lower() for h in BUSINESS]
            assert "Units ordered" in header
        a = world.day_index(f.period_start)
        units = {r[3]: int(_num(r[14])) for r in rows}
        for i, s in enumerate(world.skus):
            assert units.get(s.sku, 0) == world.units[i, a : a + 7].sum()
    assert variants == 4


def test_inventory_planning_matches_the_simulation(samples, world: DemoWorld) -> None:
    out, files = samples
    snapshots: list[date] = []
    aged_seen = False
    for f in (f for f in files if f.kind == "fba_inventory_planning"):
        raw = (out / f.path).read_bytes()
        assert raw.startswith(b'\xef\xbb\xbf"snapshot-date","sku"')
        header, rows = _read(out / f.path)
        assert header[:7] == [
            "snapshot-date",
            "sku",
            "fnsku",
            "asin",
            "product-name",
            "condition",
            "available",
        ]
        assert set(PLANNING_REQUIRED) <= set(header)
        col = {name: k for k, name in enumerate(header)}
        for r in rows:
            d = date.fromisoformat(r[0])
            i = world.sku_index(r[1])
            assert int(r[col["available"]]) == world.available[i, world.day_index(d)]
            assert r[col["marketplace"]] == "US"
            aged_seen |= int(r[col["inv-age-365-plus-days"]]) > 0
            if not snapshots or snapshots[-1] != d:
                snapshots.append(d)
    cutoff = T_DATE - timedelta(90)
    weekly = [d for d in snapshots if d < cutoff]
    assert weekly[0] == HISTORY_START
    assert all(d.weekday() == 0 for d in weekly)
    daily = [d for d in snapshots if d >= cutoff]
    assert daily == [cutoff + timedelta(k) for k in range(90)]
    assert aged_seen


def test_manage_fba_and_restock_show_the_as_of_stock(samples, world: DemoWorld) -> None:
    out, _ = samples
    header, rows = _read(out / "inventory/Manage_FBA_Inventory.txt", "\t")
    assert header == MANAGE_FBA
    for r in rows:
        assert int(r[10]) == world.available[world.sku_index(r[0]), -1]
    header, rows = _read(out / "inventory/Restock_Inventory.txt", "\t")
    assert header == RESTOCK
    col = {name: k for k, name in enumerate(header)}
    assert {r[col["Country"]] for r in rows} == {"United States"}
    assert {r[col["Alert"]] for r in rows} == {"", "out_of_stock", "reorder_now"}
    assert "365+" in {r[col["Total Days of Supply (including units from open shipments)"]] for r in rows}
    assert "none" in {r[col["Recommended ship date"]] for r in rows}
    for r in rows:
        assert int(r[col["Available"]]) == world.available[world.sku_index(r[col["Merchant SKU"]]), -1]


def test_sp_xlsx_declares_a1_and_still_holds_every_row(samples, world: DemoWorld) -> None:
    out, files = samples
    (f,) = [f for f in files if f.kind == "sp_advertised_product"]
    with zipfile.ZipFile(out / f.path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert '<dimension ref="A1"/>' in sheet
        assert "2026-11-16T08:30:00Z" in z.read("docProps/core.xml").decode()
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out / f.path)).get_sheet_by_index(0).to_python()
    assert rows[0][14] == "7 Day Total Sales "
    assert [str(h).strip() for h in rows[0]] == SP_ADVERTISED
    ads = world.ads
    expected = ads[(ads["ad_type"] == "SP") & (ads["date"] >= f.period_start) & (ads["date"] <= f.period_end)]
    assert len(rows) - 1 == len(expected)
    assert f.period_start == T_DATE - timedelta(91)
    assert f.period_end == T_DATE - timedelta(29)
    assert round(sum(float(r[13]) for r in rows[1:]), 2) == round(float(expected["spend"].sum()), 2)


def test_ads_console_csv_is_weekly_with_formula_ids(samples, world: DemoWorld) -> None:
    out, _ = samples
    path = out / "ads/Sponsored_Products_Advertised_product_console.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, rows = _read(path)
    assert header[: len(CONSOLE_PREFIX)] == CONSOLE_PREFIX
    ranges = {r[1] for r in rows}
    assert ranges == {
        "Oct 19, 2026 - Oct 25, 2026",
        "Oct 26, 2026 - Nov 01, 2026",
        "Nov 02, 2026 - Nov 08, 2026",
        "Nov 09, 2026 - Nov 15, 2026",
    }
    assert all(re.fullmatch(r'="\d{15}"', r[6]) for r in rows)
    assert all(re.fullmatch(r"\d+\.\d\d", r[22]) for r in rows)
    ads = world.ads
    sp = ads[(ads["ad_type"] == "SP") & (ads["date"] >= world.dates[-28])]
    assert round(sum(float(r[22]) for r in rows), 2) == round(float(sp["spend"].sum()), 2)


def test_sd_sb_and_search_term_reports(samples, world: DemoWorld) -> None:
    out, _ = samples
    header, rows = _read(out / "ads/Sponsored_Display_Advertised_product_report.csv")
    assert header[: len(SD_PREFIX)] == SD_PREFIX
    days = {datetime.strptime(r[0], "%b %d, %Y").date() for r in rows}
    assert min(days) == T_DATE - timedelta(90)
    assert max(days) == T_DATE - timedelta(1)
    header, rows = _read(out / "ads/Sponsored_Brands_Keyword_report.csv")
    assert header[: len(SB_PREFIX)] == SB_PREFIX
    assert len({(r[0], r[1]) for r in rows}) == 13
    header, rows = _read(out / "ads/SP_搜索词报告.csv")
    assert header == SEARCH_TERM_ZH
    assert {r[6] for r in rows} == {"美国"}
    assert {r[8] for r in rows if r[3].endswith("- Auto")} == {"-"}
    clicks: dict[str, list[int]] = {}
    for r in rows:
        c = clicks.setdefault(r[9], [0, 0])
        c[0] += int(r[10])
        c[1] += int(r[11])
    low_ctr = [term for term, (imp, clk) in clicks.items() if imp >= 1000 and clk / imp < 0.003]
    assert len(low_ctr) >= 3


def test_helium10_files_track_own_and_competitor_asins(samples, world: DemoWorld) -> None:
    out, files = samples
    h10 = [f for f in files if f.kind == "helium10_keyword_tracker"]
    own = {s.asin for s in world.skus if s.tracked}
    competitors = {c[0] for c in world.competitors}
    asins = {f.path.split("-")[2] for f in h10}
    assert asins == own | competitors
    assert 3 <= len(competitors) <= 4
    ranks, styles = set(), set()
    for f in h10:
        header, rows = _read(out / f.path)
        assert header == HELIUM10
        assert f.path.endswith(f"-{T_DATE.isoformat()}.csv")
        assert 6 <= len({r[3] for r in rows}) <= 10
        assert len({r[8][:10] for r in rows}) >= 140 or len({r[8].split()[0] for r in rows}) >= 140
        ranks |= {r[6] for r in rows}
        styles |= {"iso" if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r[8]) else "us" for r in rows}
    assert {">306", "-"} <= ranks
    assert styles == {"iso", "us"}


def test_templates(samples, world: DemoWorld) -> None:
    out, _ = samples
    header, rows = _read(out / "shipments/shipments_in_transit.csv")
    assert header == SHIPMENT_TEMPLATE
    statuses = [r[7] for r in rows]
    assert {"in_transit", "customs_hold", "delayed", "lost", "received"} == set(statuses)
    received_ids = {r[0] for r in rows if r[7] == "received"}
    assert 20 <= len(received_ids) <= 30
    assert {r[4] for r in rows if r[7] == "in_transit"} >= {"sea", "air"}
    for r in rows:
        if r[7] == "received":
            lead = (date.fromisoformat(r[8]) - date.fromisoformat(r[5])).days
            assert (55 <= lead <= 110) if r[4] == "sea" else (5 <= lead <= 16)
    header, rows = _read(out / "settings/sku_settings.csv")
    assert header == SETTINGS_TEMPLATE
    assert {r[8] for r in rows} == {"true", "false"}
    assert len(rows) == len(world.skus)

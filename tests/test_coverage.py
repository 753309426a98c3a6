"""Issue 12: numbers a seller can trust on a real week's uploads — unknown is never zero.

Every store here is built from deliberately misaligned files in the real export formats (All Orders flat
files, Manage FBA Inventory, Business Reports, Helium 10), imported through the real importers. Each test
asserts what a seller would compute by hand from the same files; the hand computation is in the comments.
Defaults: lead time 60 d, safety 14 d, reorder at ≤ 75 days of cover, ADS weights 0.3/0.3/0.2 (+0.2 for
the seasonal candidate, renormalised away without last year's data), stale after 3 days.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
import report_files as rf
from conftest import run_app
from report_files import load, rows_of

from inventory_core import cli
from inventory_core.cli.plan import PLAN_COLUMNS, plan_frame
from inventory_core.model.plan import compute_plan
from inventory_core.model.settings import Settings
from inventory_core.store import Store
from inventory_core.views.explain import explain
from inventory_core.views.freshness import freshness, freshness_advice, freshness_line, health_checks

D = dt.date
FIRST, LAST = D(2026, 10, 8), D(2026, 11, 6)  # the All Orders file's first and last order day (30 days)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def orders_file(lines: list[tuple[dt.date, str, int]]) -> bytes:
    """An All Orders flat file: one shipped order item per (day, sku, quantity), at 17:00 UTC (10:00 in
    Los Angeles, the same local day), $20 a unit."""
    rows = []
    for i, (day, sku, qty) in enumerate(lines):
        rows.append(
            {
                "amazon-order-id": f"113-{i:07d}-0000000",
                "purchase-date": f"{day.isoformat()}T17:00:00+00:00",
                "last-updated-date": f"{day.isoformat()}T20:00:00+00:00",
                "order-status": "Shipped",
                "fulfillment-channel": "Amazon",
                "sales-channel": "Amazon.com",
                "sku": sku,
                "asin": f"B0{sku}",
                "item-status": "Shipped",
                "quantity": str(qty),
                "currency": "USD",
                "item-price": f"{20 * qty:.2f}",
            }
        )
    return rf.flat_file(rf.ALL_ORDERS, rows)


def stock_file(available: dict[str, int]) -> bytes:
    """A Manage FBA Inventory flat file (no date inside: the snapshot day is given on import)."""
    rows = [
        {
            **dict.fromkeys(rf.MANAGE_FBA, "0"),
            "sku": sku,
            "fnsku": f"X0{sku}",
            "asin": f"B0{sku}",
            "product-name": f"Product {sku}",
            "condition": "New",
            "your-price": "20.00",
            "mfn-listing-exists": "No",
            "afn-listing-exists": "Yes",
            "afn-fulfillable-quantity": str(qty),
            "per-unit-volume": "0.1",
        }
        for sku, qty in available.items()
    ]
    return rf.flat_file(rf.MANAGE_FBA, rows)


def business_report(units: dict[str, int]) -> bytes:
    rows = [
        {
            **dict.fromkeys(rf.BUSINESS_REPORT_SKU, "0"),
            "(Parent) ASIN": f"B0{sku}",
            "(Child) ASIN": f"B0{sku}",
            "Title": f"Product {sku}",
            "SKU": sku,
            "Units Ordered": str(n),
            "Sessions - Total": "100",
            "Ordered Product Sales": f"${20 * n:,.2f}",
        }
        for sku, n in units.items()
    ]
    return rf.text_file(rf.BUSINESS_REPORT_SKU, rows)


# A sells 2 a day on every day of the file; B sells 3 on every third day from the first (10 orders).
WEEK_ORDERS = [(d, "A", 2) for d in _days(FIRST, LAST)] + [
    (FIRST + dt.timedelta(days=3 * k), "B", 3) for k in range(10)
]


@pytest.fixture
def orders_store(store: Store) -> Store:
    load(store, orders_file(WEEK_ORDERS), "All_Orders_2026-10-08_2026-11-06.txt")
    return store


def _stock(store: Store, day: dt.date, available: dict[str, int] | None = None) -> None:
    load(
        store,
        stock_file(available or {"A": 60, "B": 45}),
        f"Manage_FBA_Inventory_{day}.txt",
        snapshot_date=day,
    )


# --- stock downloaded 0, 3 and 14 days after the last order day ------------------------------------------


@pytest.mark.parametrize(("lag", "stale"), [(0, False), (3, False), (14, True)])
def test_stock_downloaded_days_after_the_last_order_day(orders_store: Store, lag: int, stale: bool):
    snap = LAST + dt.timedelta(days=lag)
    _stock(orders_store, snap)
    plan = compute_plan(orders_store)
    assert plan.as_of == snap  # the as-of is the latest day stock is known
    a = plan.row("A")
    # A: 2 units on each of the last 7, 14 and 30 known days → ADS 2.00 whatever the lag (the days after the
    # last order line are unknown, not zero: before issue 12 a 14-day lag gave 2 × 16 / 30 ≈ 1.07).
    assert (a["velocity_7"], a["velocity_14"], a["velocity_30"], a["velocity"]) == pytest.approx(
        (2.0, 2.0, 2.0, 2.0)
    )
    assert (a["days_7"], a["days_14"], a["days_30"]) == (7, 14, 30)
    # cover = 60 / 2 = 30 days → reorder (≤ 75); reorder = 2 × (60 + 7 review) + 14 × 2 − 60 = 102;
    # latest order day = as-of + ⌊30 − 60 − 14⌋ = as-of − 44 days
    assert a["days_of_cover"] == pytest.approx(30.0)
    assert a["reorder_qty"] == 102
    # out on day 30, a sea order lands on day 60: air bridges 2 × (60 − 30) = 60 units → urgent (issue 14)
    assert a["air_qty"] == 60
    assert a["alert"] == "urgent"
    assert a["latest_order_date"] == snap - dt.timedelta(days=44)
    assert a["sales_age_days"] == lag
    assert bool(a["sales_stale"]) is stale
    assert a["stock_age_days"] == 0
    assert not a["stock_estimated"]
    b = plan.row("B")
    # B: orders on Oct 8, 11, …, Nov 4. Last 7 known days (Oct 31–Nov 6): Nov 1 and Nov 4 → 6 / 7;
    # last 14 (Oct 24–Nov 6): Oct 26, 29, Nov 1, 4 → 12 / 14; last 30: 30 / 30 = 1.
    # ADS = (0.3 × 6/7 + 0.3 × 12/14 + 0.2 × 1) / 0.8 = 0.892857; cover = 45 / 0.892857 = 50.4 days
    assert b["velocity_7"] == pytest.approx(6 / 7)
    assert b["velocity_14"] == pytest.approx(6 / 7)
    assert b["velocity_30"] == 1.0
    assert b["velocity"] == pytest.approx(0.892857, abs=1e-6)
    assert b["days_of_cover"] == pytest.approx(50.4)
    # reorder = ⌈0.892857 × (60 lead + 7 review + 14 safety) − 45⌉ = ⌈27.32⌉ = 28
    assert b["reorder_qty"] == 28
    # out on day 50 (45 − 50 × 0.892857 < one day's sales), a sea order on day 60: air ⌈0.892857 × 10⌉ = 9
    assert b["air_qty"] == 9
    assert b["alert"] == "urgent"
    # What the seller reads: the freshness line, red only when sales end > 3 days before the stock.
    f = freshness(orders_store, snap)
    assert freshness_line(f) == (
        f"Stock as of {snap:%b %d}, 2026 · sales through Nov 06, 2026 · ads through – · ranks through –"
    )
    if stale:
        assert freshness_advice(f) == ["Download the All Orders report for Nov 07, 2026 – Nov 20, 2026"]
    else:
        assert freshness_advice(f) == []


def test_plan_as_of_the_last_order_day_with_stock_from_two_weeks_later_shows_stock_unknown(
    orders_store: Store,
):
    _stock(orders_store, LAST + dt.timedelta(days=14))
    plan = compute_plan(orders_store, LAST)
    a = plan.row("A")
    # The only snapshot is 14 days after the as-of (more than 7): the stock on Nov 6 is unknown. Before
    # issue 12 every SKU showed 0 available, phase "during" and a 120-day gap: invented stockouts.
    assert a["alert"] == "stock_unknown"
    assert a["data_status"] == "stock_unknown"
    assert a["phase"] == "normal"
    for col in (
        "available",
        "days_of_cover",
        "woc",
        "reorder_qty",
        "stockout_day",
        "gap_days",
        "lost_units",
        "lost_sales",
        "air_qty",
    ):
        assert math.isnan(a[col]), col
    assert a["stockout_date"] is None
    assert a["gap_class"] is None
    assert a["latest_order_date"] is None
    # the sales side is still known: ADS 2 from the 30 days of orders
    assert a["velocity"] == pytest.approx(2.0)
    assert a["sales_age_days"] == 0
    frame = plan_frame(plan)
    assert frame.loc[frame["sku"] == "A", "alert"].item() == "stock_unknown"
    # the explanation says why instead of computing from a zero
    lines = explain(a, "en")
    assert "Stock unknown: no stock snapshot within 7 days of the as-of" in lines
    assert not any(
        line.startswith(("Days of cover", "Reorder", "Latest order", "Projected")) for line in lines
    )


# --- stock before the orders -----------------------------------------------------------------------------


def test_stock_counted_before_the_last_orders(orders_store: Store):
    _stock(orders_store, D(2026, 11, 1))  # 5 days before the last order day
    plan = compute_plan(orders_store)
    assert plan.as_of == D(2026, 11, 1)
    a = plan.row("A")
    # As of the stock day: the orders of Oct 8 – Nov 1 (25 known days, 2 a day) → ADS 2; the orders after
    # the as-of are not used by a plan as of Nov 1. cover 60 / 2 = 30, reorder 2 × (60 + 7) + 28 − 60 = 102.
    assert (a["velocity"], a["days_30"], a["days_of_cover"], a["reorder_qty"]) == pytest.approx(
        (2.0, 25, 30.0, 102)
    )
    later = compute_plan(orders_store, LAST).row("A")
    # As of the last order day: the stock of Nov 1 is 5 days old (≤ 7): an estimate, flagged.
    assert later["stock_estimated"]
    assert later["stock_age_days"] == 5
    assert (later["velocity"], later["available"], later["days_of_cover"]) == pytest.approx((2.0, 60.0, 30.0))
    assert (later["air_qty"], later["alert"]) == (60, "urgent")  # 2 × (60 − 30), as above
    beyond = compute_plan(orders_store, D(2026, 11, 10)).row("A")
    # 9 days after the snapshot: stock unknown; sales end 4 days before the as-of (> 3): stale
    assert beyond["alert"] == "stock_unknown"
    assert math.isnan(beyond["days_of_cover"])
    assert beyond["sales_age_days"] == 4
    assert beyond["sales_stale"]


# --- a Business Report with one date in its name --------------------------------------------------------

BR_NAME = "BusinessReport-11-17-2026.csv"


def test_business_report_with_its_download_date_through_the_cli(tmp_path: Path, capsys):
    path = tmp_path / BR_NAME
    path.write_bytes(business_report({"A": 14, "B": 7}))
    db = tmp_path / "cli.duckdb"
    assert cli.main(["import", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    # one date in the name is the day it was downloaded: the 7 days before it, said so
    assert (
        f"{BR_NAME}: period 2026-11-10 – 2026-11-16 proposed: the file name has one date, 2026-11-17, the "
        "day it was downloaded, so the 7 days before it; give --period START END if it covers other days"
    ) in out
    with Store(db, read_only=True) as store:
        sales = rows_of(store, "sales_daily", "sku", "date")
        assert store.imports()[0].period_start == D(2026, 11, 10)
    # 14 units over 7 days → 2 a day for A; 1 a day for B
    assert sales.groupby("sku")["units"].sum().to_dict() == {"A": 14.0, "B": 7.0}
    assert sorted(set(sales["date"])) == _days(D(2026, 11, 10), D(2026, 11, 16))
    # --period overrides the proposal
    db2 = tmp_path / "cli2.duckdb"
    assert cli.main(["import", "--db", str(db2), "--period", "2026-11-09", "2026-11-15", str(path)]) == 0
    with Store(db2, read_only=True) as store:
        assert store.imports()[0].period_start == D(2026, 11, 9)


def test_business_report_with_its_download_date_through_the_upload_page(tmp_path: Path, empty_db: Path):
    data = business_report({"A": 14, "B": 7})
    at = run_app("pages/upload.py")
    at.file_uploader(key="upload_files").set_value([(BR_NAME, data, "text/csv")]).run()
    assert not at.exception, at.exception
    # the period is shown before anything is stored, with its reason, in a pre-filled field per file
    assert any(
        "Proposed period Nov 10, 2026 – Nov 16, 2026: the file name has one date, Nov 17, 2026" in i.value
        for i in at.info
    )
    assert [d.value for d in at.date_input] == [D(2026, 11, 10), D(2026, 11, 16)]
    at.button(key="upload_import").click().run()
    assert not at.exception, at.exception
    with Store(empty_db) as store:  # the app's connection is open in this process: the same configuration
        browser = rows_of(store, "sales_daily", "sku", "date")
    # the CLI gives the same rows for the same file and choice
    path = tmp_path / BR_NAME
    path.write_bytes(data)
    assert cli.main(["import", "--db", str(tmp_path / "cli.duckdb"), str(path)]) == 0
    with Store(tmp_path / "cli.duckdb", read_only=True) as store:
        pd.testing.assert_frame_equal(browser, rows_of(store, "sales_daily", "sku", "date"))


def test_a_business_report_filed_under_the_wrong_week_is_flagged(orders_store: Store):
    # The report really covers Oct 31 – Nov 6 (A sold 14 = 2 × 7 in the orders) but carries 10 times that:
    # 140 units against 14 → +900 %: "check the period".
    load(orders_store, business_report({"A": 140}), "BusinessReport.csv", period=(D(2026, 10, 31), LAST))
    checks = health_checks(orders_store, LAST)
    assert (
        "BusinessReport.csv (Oct 31, 2026 – Nov 06, 2026): 140 units against 14 in All Orders for the same "
        "days (+900%): check the period"
    ) in checks


def test_a_day_far_above_the_known_median_is_flagged(store: Store):
    # A sells 2 a day for 29 days, then 11 on Nov 6: 11 > 5 × median 2 → flagged; 10 would not be.
    lines = [(d, "A", 2) for d in _days(FIRST, LAST - dt.timedelta(days=1))] + [(LAST, "A", 11)]
    load(store, orders_file(lines), "All_Orders.txt")
    assert health_checks(store, LAST) == [
        "A (US): 11 units on Nov 06, 2026, over 5× its median of 2.0 a day in the 28 known days before: "
        "check that file's period and marketplace"
    ]


# --- dates read per value ---------------------------------------------------------------------------------


def test_helium10_date_added_mixing_twelve_hour_and_iso_values(store: Store):
    base = {
        "Title": "Bamboo Board",
        "ASIN": "B0A",
        "Marketplace": "amazon.com",
        "Keyword Sales": "10",
        "Search Volume": "1,000",
        "Sponsored Position": "-",
    }
    data = rf.text_file(
        rf.HELIUM10_KT,
        [
            {**base, "Keyword": "cutting board", "Organic Rank": "12", "Date Added": "10/22/2026 4:00 PM"},
            {**base, "Keyword": "cutting board", "Organic Rank": "14", "Date Added": "2026-10-23 00:05:30"},
            {**base, "Keyword": "cutting board", "Organic Rank": "15", "Date Added": "2026/10/24"},
        ],
    )
    load(store, data, "helium10-kt-B0A-2026-10-24.csv")
    got = rows_of(store, "keyword_rank", "date")
    assert got["date"].tolist() == [D(2026, 10, 22), D(2026, 10, 23), D(2026, 10, 24)]
    assert got["organic_rank"].tolist() == [12.0, 14.0, 15.0]


# --- a two-week hole: every plan column on known days only ------------------------------------------------


def test_every_plan_column_on_a_store_with_a_two_week_hole(store: Store, tmp_path: Path):
    # Orders Oct 1–14 (4 a day) and Oct 29 – Nov 11 (2 a day), nothing known Oct 15–28; 90 in stock on Nov 11.
    load(store, orders_file([(d, "A", 4) for d in _days(D(2026, 10, 1), D(2026, 10, 14))]), "orders_1.txt")
    load(store, orders_file([(d, "A", 2) for d in _days(D(2026, 10, 29), D(2026, 11, 11))]), "orders_2.txt")
    _stock(store, D(2026, 11, 11), {"A": 90})
    row = plan_frame(compute_plan(store)).iloc[0].to_dict()
    expected = {
        "sku": "A",
        "asin": "B0A",
        "marketplace": "US",
        "product_name": "Product A",
        "available": 90.0,
        "inbound": 0.0,
        # last 7 known days Nov 5–11: 14 / 7; last 14: Oct 29 – Nov 11: 28 / 14; last 30 known days are only
        # 28 (the hole is not counted as zero sales): (14 × 4 + 14 × 2) / 28 = 3
        "velocity_7": 2.0,
        "velocity_14": 2.0,
        "velocity_30": 3.0,
        "velocity_seasonal": None,
        "velocity_source": "blend",
        "velocity": 2.25,  # (0.3 × 2 + 0.3 × 2 + 0.2 × 3) / 0.8
        "days_of_cover": 40.0,
        "days_of_cover_with_inbound": 40.0,  # 90 / 2.25
        "woc": 90 / 84 * 4,
        "woc_band": "healthy",  # 84 units in the last 28 known days
        "reorder_qty": 93,  # ⌈2.25 × (60 + 7 review) + 14 × 2.25 − 90⌉ = ⌈92.25⌉
        "alert": "urgent",  # an air quantity to send (issue 14: urgent = order now and fly some)
        "lead_time_days": 60.0,
        "safety_days": 14.0,
        "latest_order_date": D(2026, 10, 8),  # Nov 11 + ⌊40 − 60 − 14⌋ = Nov 11 − 34 days
        "stockout_date": D(2026, 12, 21),
        "gap_days": 80.0,  # day 40 = 90 / 2.25; no arrival in 120 days
        "gap_class": "long",
        "lost_units": 180.0,
        "lost_sales": 3600.0,  # 2.25 × 80 at $20
        "air_qty": 45,  # ⌈2.25 × (60 − max(40, 12))⌉: air bridges day 40 to a sea order's day 60
        "phase": "before",  # a stockout projected inside the 60-day lead time
        # WOC 4.3 (3–6) and no ROAS (no ads): issue 17's own "no ad data" strategy, not "ROAS below target"
        "quadrant": "no_ad_data",
        "roas": None,
        "target_roas": 3.0,
        "spend": 0.0,
        "ad_sales": 0.0,
        "amazon_recommended_qty": None,
        "amazon_alert": None,
        "stock_date": D(2026, 11, 11),
        "stock_age_days": 0,
        "stock_estimated": False,
        "last_sales_day": D(2026, 11, 11),
        "sales_age_days": 0,
        "sales_stale": False,
        # Amazon's limits (issue 16): 2.25 × 7 = 15.75 a week < 20 → exempt from the low-inventory fee; no
        # stock left when an order lands (90 − 2.25 × 60 < 0) → nothing ages; no capacity limit set → nothing
        # cut; a SKU without a storage type counts as standard size
        "low_inventory_fee_date": None,
        "aged_surcharge_units": 0.0,
        "capacity_cut_units": 0.0,
        "aged_cut_units": 0.0,
        "reorder_qty_before_limits": 93,
        "storage_type": "standard",
        "unit_volume": 0.1,  # the stock file's per-unit-volume
        # issue 17: first record Oct 1, 41 days before the as-of (≥ 28: not new), in stock → active; no
        # impossible input
        "lifecycle": "active",
        "data_issue": "",
        "data_issue_file": "",
    }
    assert set(expected) == set(PLAN_COLUMNS)
    for col in PLAN_COLUMNS:
        got, want = row[col], expected[col]
        if want is None:
            assert got is None or pd.isna(got), col
        elif isinstance(want, float):
            assert got == pytest.approx(want), col
        else:
            assert got == want, col
    # The same store with no stock known on the as-of: every stock figure is blank, never zero.
    blank = plan_frame(compute_plan(store, D(2026, 11, 30))).iloc[0].to_dict()
    for col in (
        "available",
        "days_of_cover",
        "days_of_cover_with_inbound",
        "woc",
        "reorder_qty",
        "stockout_date",
        "gap_days",
        "lost_units",
        "lost_sales",
        "air_qty",
        "latest_order_date",
        "gap_class",
    ):
        assert blank[col] is None or pd.isna(blank[col]), col
    assert blank["alert"] == "stock_unknown"
    assert blank["sales_age_days"] == 19
    assert blank["sales_stale"]


def test_settings_stale_sales_days_moves_the_stale_mark(orders_store: Store):
    _stock(orders_store, LAST + dt.timedelta(days=3))
    assert not compute_plan(orders_store).row("A")["sales_stale"]  # 3 days: not more than 3
    assert compute_plan(orders_store, settings=Settings(stale_sales_days=2)).row("A")["sales_stale"]


def test_weekly_review_shows_the_red_freshness_line_and_no_invented_stockout(empty_db: Path):
    # The week: stock downloaded two weeks after the last order day.
    with Store(empty_db) as store:
        load(store, orders_file(WEEK_ORDERS), "All_Orders_2026-10-08_2026-11-06.txt")
        _stock(store, LAST + dt.timedelta(days=14))
    at = run_app("pages/review.py")
    line = ":red[**Stock as of Nov 20, 2026 · sales through Nov 06, 2026 · ads through – · ranks through –**]"
    shown = next(m.value for m in at.markdown if m.value.startswith(line)).splitlines()
    # sales end 14 days before the stock (> 3): the export to download, from the day after the last order day
    # (through the stock day, or through today once the files are more than 8 days old)
    assert any(m.startswith("- :red[Download the All Orders report for Nov 07, 2026 – ") for m in shown), (
        shown
    )
    # A: cover 60 / ADS 2 = 30 days → no stockout now, one projected on day 30 (Dec 20); B neither
    assert next(m for m in at.metric if m.label == "Out of stock now").value == "0"


@pytest.mark.parametrize(
    "page", sorted(p.name for p in (Path(__file__).parent.parent / "pages").glob("*.py"))
)
def test_every_page_with_a_sku_whose_stock_is_unknown(empty_db: Path, page: str):
    # C sells in the orders but is in no stock report: at the as-of (Nov 9) its stock is unknown.
    with Store(empty_db) as store:
        load(store, orders_file([*WEEK_ORDERS, *((d, "C", 1) for d in _days(FIRST, LAST))]), "All_Orders.txt")
        _stock(store, D(2026, 11, 9))
        c = compute_plan(store).row("C")
    assert c["alert"] == "stock_unknown"
    assert math.isnan(c["days_of_cover"])
    run_app(f"pages/{page}")  # asserts no exception


def test_pre_stockout_velocity_counts_only_known_days(store: Store):
    # Orders Oct 1–14 (4 a day); in stock on Oct 14, out of stock on Oct 20. Of the 30 days before the
    # stockout (Sep 20 – Oct 19) the store knows 14: pre-stockout ADS = 56 / 14 = 4 (not 56 / 30 = 1.87).
    load(store, orders_file([(d, "A", 4) for d in _days(D(2026, 10, 1), D(2026, 10, 14))]), "All_Orders.txt")
    _stock(store, D(2026, 10, 14), {"A": 50})
    _stock(store, D(2026, 10, 20), {"A": 0})
    episode = compute_plan(store).episodes.iloc[0]
    assert pd.Timestamp(episode["start_date"]) == pd.Timestamp(2026, 10, 20)
    assert episode["pre_velocity"] == pytest.approx(4.0)


def test_upload_page_no_longer_says_up_to_date_on_a_misaligned_week(empty_db: Path):
    with Store(empty_db) as store:
        load(store, orders_file(WEEK_ORDERS), "All_Orders_2026-10-08_2026-11-06.txt")
        _stock(store, LAST + dt.timedelta(days=14))
        # a Business Report filed under the wrong days: 140 units against 20 in the orders of Oct 31 – Nov 6
        load(store, business_report({"A": 140, "B": 0}), "BusinessReport.csv", period=(D(2026, 10, 31), LAST))
    at = run_app("pages/upload.py")
    assert "Stock and sales data are up to date." not in [s.value for s in at.success]
    assert any(
        m.value.startswith(":red[**Stock as of Nov 20, 2026 · sales through Nov 06, 2026")
        for m in at.markdown
    )
    # A sold 14 and B 6 (Nov 1 and 4) in those days: (140 − 20) / 20 = +600 %
    assert (
        "BusinessReport.csv (Oct 31, 2026 – Nov 06, 2026): 140 units against 20 in All Orders for the same "
        "days (+600%): check the period"
    ) in [w.value for w in at.warning]

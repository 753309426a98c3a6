"""Every report kind of shared/formats/REPORTS.md, from a file with its real header (English and Chinese
where both exist), recognised from the header alone and loaded into the canonical tables."""

from __future__ import annotations

import datetime as dt

import pytest
import report_files as rf
from report_files import by_day, load, rows_of

from inventory_core.ingest.importer import ImportOptions, ImportRefused, prepare
from inventory_core.ingest.reports import REPORT_KINDS, detect

D = dt.date
JULY_1_7 = (D(2026, 7, 1), D(2026, 7, 7))


# ---------------------------------------------------------------------------------------------------------
# detection from the header alone


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (rf.MANAGE_FBA, "manage_fba_inventory"),
        (rf.MANAGE_FBA_OLD, "manage_fba_inventory"),
        (rf.MANAGE_FBA_EU, "manage_fba_inventory"),
        (rf.INVENTORY_PLANNING, "fba_inventory_planning"),
        (rf.RESTOCK, "restock_inventory"),
        (rf.BUSINESS_REPORT_SKU, "business_report"),
        (rf.BUSINESS_REPORT_CHILD, "business_report"),
        (rf.BUSINESS_REPORT_SENTENCE, "business_report"),
        (rf.BUSINESS_REPORT_2019, "business_report"),
        (rf.BUSINESS_REPORT_ZH, "business_report"),
        (rf.BUSINESS_REPORT_ZH_OLD, "business_report"),
        (rf.BUSINESS_REPORT_BY_DATE, "business_report_by_date"),
        (rf.ALL_ORDERS, "all_orders"),
        (rf.ALL_ORDERS_2026, "all_orders"),
        (rf.SP_ADVERTISED_DAILY, "sp_advertised_product"),
        (rf.SP_ADVERTISED_SUMMARY, "sp_advertised_product"),
        (rf.SP_ADVERTISED_OLD, "sp_advertised_product"),
        (rf.SP_ADVERTISED_ZH, "sp_advertised_product"),
        (rf.SP_ADVERTISED_ZH_DAILY, "sp_advertised_product"),
        (rf.ADS_API_SP_ADVERTISED, "sp_advertised_product"),
        (rf.SP_SEARCH_TERM, "sp_search_term"),
        (rf.SP_SEARCH_TERM_ZH, "sp_search_term"),
        (rf.SP_TARGETING, "sp_targeting"),
        (rf.SB_KEYWORD, "sb_keyword"),
        (rf.SD_ADVERTISED, "sd_advertised_product"),
        (rf.CONSOLE_PRODUCT, "ads_console_product"),
        (rf.CONSOLE_SEARCH_TERM, "ads_console_search_term"),
        (rf.LINGXING_CAMPAIGN, "ads_campaign_daily"),
        (rf.HELIUM10_KT, "helium10_keyword_tracker"),
        (rf.TEMPLATE_SHIPMENT, "template_shipment"),
        (rf.TEMPLATE_SHIPMENT_ZH, "template_shipment"),
        (rf.TEMPLATE_SETTINGS, "template_sku_settings"),
        (rf.TEMPLATE_SETTINGS_ZH, "template_sku_settings"),
        (rf.TEMPLATE_INVENTORY, "template_inventory_snapshot"),
        (rf.TEMPLATE_SALES, "template_sales_daily"),
        (rf.TEMPLATE_ADS, "template_ads_daily"),
        (rf.TEMPLATE_ADS_KEYWORD, "template_ads_keyword_daily"),
        (rf.TEMPLATE_RANKS, "template_keyword_rank"),
    ],
)
def test_kind_is_detected_from_the_real_header(header: list[str], kind: str) -> None:
    best, _closest = detect(header)
    assert best is not None
    assert best.kind.kind == kind


def test_every_report_kind_has_a_detection_case() -> None:
    covered = {
        "manage_fba_inventory",
        "fba_inventory_planning",
        "restock_inventory",
        "business_report",
        "all_orders",
        "sp_advertised_product",
        "sd_advertised_product",
        "ads_console_product",
        "ads_campaign_daily",
        "sp_search_term",
        "sp_targeting",
        "sb_keyword",
        "ads_console_search_term",
        "helium10_keyword_tracker",
        "business_report_by_date",
        "template_shipment",
        "template_sku_settings",
        "template_inventory_snapshot",
        "template_sales_daily",
        "template_ads_daily",
        "template_ads_keyword_daily",
        "template_keyword_rank",
    }
    assert {k.kind for k in REPORT_KINDS} == covered


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        # the three keyword-level reports share most columns; each must be told apart from the other two
        (rf.SP_SEARCH_TERM, "sp_search_term"),
        ([h for h in rf.SP_SEARCH_TERM if h != "Customer Search Term"], "sp_targeting"),
        (rf.SP_TARGETING, "sp_targeting"),
        (rf.SB_KEYWORD, "sb_keyword"),
        ([*rf.SB_KEYWORD[:5], "Ad Group Name", *rf.SB_KEYWORD[5:]], "sb_keyword"),
    ],
)
def test_keyword_level_ad_reports_are_never_confused(header: list[str], kind: str) -> None:
    best, _ = detect(header)
    assert best is not None
    assert best.kind.kind == kind


def test_b2b_columns_are_never_taken_for_the_totals() -> None:
    best, _ = detect(rf.BUSINESS_REPORT_SKU)
    assert best is not None
    header = rf.BUSINESS_REPORT_SKU
    assert header[best.columns["sessions"]] == "Sessions - Total"
    assert header[best.columns["units"]] == "Units Ordered"
    assert header[best.columns["revenue"]] == "Ordered Product Sales"
    assert header[best.columns["buy_box_pct"]] == "Featured Offer (Buy Box) Percentage"
    # B2B only: not a Business Report by SKU at all
    b2b_only = [h for h in header if not h.endswith("Total") and h not in ("Units Ordered",)]
    best, closest = detect(b2b_only)
    assert best is None
    assert closest.kind.kind == "business_report"
    assert "units ordered" in closest.missing


# ---------------------------------------------------------------------------------------------------------
# inventory


def test_manage_fba_inventory_tab_separated_flat_file(store) -> None:
    data = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "KT-BOARD-L",
                "fnsku": "X0089LD8FM",
                "asin": "B0HBTRQJGF",
                "product-name": "Board, 18x12",
                "condition": "New",
                "your-price": "29.99",
                "mfn-listing-exists": "No",
                "afn-listing-exists": "Yes",
                "afn-warehouse-quantity": "223",
                "afn-fulfillable-quantity": "209",
                "afn-unsellable-quantity": "5",
                "afn-reserved-quantity": "9",
                "afn-total-quantity": "693",
                "afn-inbound-working-quantity": "10",
                "afn-inbound-shipped-quantity": "470",
                "afn-inbound-receiving-quantity": "4",
            },
            # MFN-only listing: nothing at FBA
            {
                "sku": "KT-MFN-ONLY",
                "asin": "B0MFN00001",
                "mfn-listing-exists": "Yes",
                "mfn-fulfillable-quantity": "50",
                "afn-listing-exists": "No",
                "afn-fulfillable-quantity": "0",
            },
        ],
    )
    result = load(store, data, "Manage_FBA_Inventory.txt", snapshot_date=D(2026, 7, 31))
    assert (result.kind, result.rows_loaded) == ("manage_fba_inventory", 1)
    row = rows_of(store, "inventory_snapshot").iloc[0]
    assert (row.snapshot_date, row.marketplace, row.sku, row.asin, row.fnsku) == (
        D(2026, 7, 31),
        "US",
        "KT-BOARD-L",
        "B0HBTRQJGF",
        "X0089LD8FM",
    )
    assert (
        row.available,
        row.reserved,
        row.inbound_working,
        row.inbound_shipped,
        row.inbound_receiving,
        row.unsellable,
        row.price,
        row.currency,
    ) == (209, 9, 10, 470, 4, 5, 29.99, "USD")


def test_manage_fba_inventory_older_and_eu_headers(store) -> None:
    old = rf.flat_file(
        rf.MANAGE_FBA_OLD, [{"sku": "A", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "7"}]
    )
    eu = rf.flat_file(
        rf.MANAGE_FBA_EU,
        [
            {
                "sku": "B",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "3",
                "afn-fulfillable-quantity-local": "2",
                "store": "DE",
            }
        ],
    )
    load(store, old, "old.txt", snapshot_date=D(2026, 7, 1))
    load(store, eu, "eu.txt", snapshot_date=D(2026, 7, 1), marketplace="DE")
    got = rows_of(store, "inventory_snapshot", "sku")
    assert got[["marketplace", "sku", "available", "currency"]].values.tolist() == [
        ["US", "A", 7.0, "USD"],
        ["DE", "B", 3.0, "EUR"],
    ]


def test_inventory_planning_fully_quoted_ui_csv(store) -> None:
    data = rf.text_file(
        rf.INVENTORY_PLANNING,
        [
            {
                "snapshot-date": "2026-07-31",
                "sku": "PT-FOUNTAIN",
                "asin": "B00S5U37KN",
                "available": "80",
                "inv-age-365-plus-days": "3",
                "currency": "USD",
                "your-price": "44.99",
                "marketplace": "US",
                "inbound-working": "5",
                "inbound-shipped": "120",
                "inbound-received": "8",
                "Total Reserved Quantity": "4",
                "unfulfillable-quantity": "1",
                "Recommended ship-in quantity": "300",
                "Total Days of Supply (including units from open shipments)": "365+",
                "alert": "Low inventory",
            },
        ],
        quote_all=True,
    )
    result = load(store, data, "Inventory_Planning.csv")
    assert result.kind == "fba_inventory_planning"
    row = rows_of(store, "inventory_snapshot").iloc[0]
    assert (
        row.snapshot_date,
        row.sku,
        row.available,
        row.reserved,
        row.inbound_working,
        row.inbound_shipped,
        row.inbound_receiving,
        row.unsellable,
        row.aged_365_plus,
        row.price,
    ) == (D(2026, 7, 31), "PT-FOUNTAIN", 80, 4, 5, 120, 8, 1, 3, 44.99)
    assert (row.amazon_recommended_qty, row.amazon_days_of_supply, row.amazon_alert) == (
        300,
        365,
        "low inventory",
    )


def test_restock_inventory_country_names_and_amazon_recommendation(store) -> None:
    data = rf.flat_file(
        rf.RESTOCK,
        [
            {
                "Country": "United States",
                "Merchant SKU": "KT-BOARD-L",
                "ASIN": "B0HBTRQJGF",
                "FNSKU": "X0089LD8FM",
                "Currency code": "USD",
                "Price": "29.99",
                "Available": "209",
                "FC transfer": "3",
                "FC Processing": "1",
                "Customer Order": "6",
                "Unfulfillable": "5",
                "Working": "0",
                "Shipped": "470",
                "Receiving": "2",
                "Total Days of Supply (including units from open shipments)": "91",
                "Alert": "reorder_now",
                "Recommended replenishment qty": "144",
                "Recommended ship date": "2026-08-01",
            },
            {
                "Country": "Canada",
                "Merchant SKU": "KT-BOARD-S",
                "Currency code": "CAD",
                "Price": "24.99",
                "Available": "0",
                "Total Days of Supply (including units from open shipments)": "365+",
                "Alert": "",
                "Recommended replenishment qty": "0",
                "Recommended ship date": "none",
            },
        ],
    )
    load(store, data, "Restock_Inventory.txt", snapshot_date=D(2026, 7, 31))
    got = rows_of(store, "inventory_snapshot", "sku").set_index("sku")
    assert got.loc["KT-BOARD-L", "marketplace"] == "US"
    assert got.loc["KT-BOARD-S", "marketplace"] == "CA"
    assert got.loc["KT-BOARD-L", "reserved"] == 6 + 3 + 1
    assert (got.loc["KT-BOARD-L", "amazon_alert"], got.loc["KT-BOARD-L", "amazon_recommended_qty"]) == (
        "reorder_now",
        144,
    )
    assert got.loc["KT-BOARD-S", "amazon_days_of_supply"] == 365
    assert got.loc["KT-BOARD-S", "currency"] == "CAD"


# ---------------------------------------------------------------------------------------------------------
# sales


def _br_row(header: list[str], **values: object) -> dict[str, object]:
    return {h: values.get(h, "0") for h in header}


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        (
            rf.BUSINESS_REPORT_SKU,
            {
                "(Child) ASIN": "B0CHILD001",
                "SKU": "SKU-1",
                "Sessions - Total": "1,400",
                "Sessions - Total - B2B": "99",
                "Page Views - Total": "2,100",
                "Featured Offer (Buy Box) Percentage": "98.50%",
                "Units Ordered": "70",
                "Units Ordered - B2B": "7",
                "Ordered Product Sales": "$1,750.00",
            },
        ),
        (
            rf.BUSINESS_REPORT_SENTENCE,
            {
                "(Child) ASIN": "B0CHILD001",
                "SKU": "SKU-1",
                "Sessions \u2013 total": "1,400",
                "Sessions \u2013 total \u2013 B2B": "99",
                "Page views \u2013 total": "2,100",
                "Featured offer (buy box) percentage": "98.50%",
                "Units ordered": "70",
                "Ordered product sales": "$1,750.00",
            },
        ),
        (
            rf.BUSINESS_REPORT_2019,
            {
                "(Child) ASIN": "B0CHILD001",
                "SKU": "SKU-1",
                "Sessions": "1400",
                "Page Views": "2100",
                "Buy Box Percentage": "98.50%",
                "Units Ordered": "70",
                "Ordered Product Sales": "$1,750.00",
            },
        ),
        (
            rf.BUSINESS_REPORT_ZH,
            {
                "（子）ASIN": "B0CHILD001",
                "SKU": "SKU-1",
                "会话数 - 总计": "1,400",
                "会话数 - 总计 - B2B": "99",
                "页面浏览量 - 总计": "2,100",
                "推荐报价（推荐报价展示位）百分比": "98.50%",
                "已订购商品数量": "70",
                "已订购商品数量 - B2B": "7",
                "已订购商品销售额": "US$1,750.00",
            },
        ),
    ],
    ids=["en", "sentence-case-en-dash", "2019", "zh"],
)
def test_business_report_is_spread_over_the_period(store, header: list[str], cells: dict[str, str]) -> None:
    data = rf.text_file(header, [_br_row(header, **cells)])
    result = load(store, data, "BusinessReport.csv", period=JULY_1_7)
    assert result.kind == "business_report"
    got = rows_of(store, "sales_daily", "date")
    assert len(got) == 7
    assert got["date"].tolist() == [D(2026, 7, d) for d in range(1, 8)]
    assert set(got["sku"]) == {"SKU-1"}
    assert set(got["asin"]) == {"B0CHILD001"}
    assert got["units"].tolist() == [10.0] * 7  # 70 units over 7 days, B2B never added
    assert got["sessions"].tolist() == [200.0] * 7  # 1,400 sessions, not the B2B 99
    assert got["page_views"].tolist() == [300.0] * 7
    assert got["revenue"].sum() == pytest.approx(1750.0)
    assert got["buy_box_pct"].tolist() == [98.5] * 7
    assert set(got["currency"]) == {"USD"}


def test_business_report_older_chinese_header(store) -> None:
    header = rf.BUSINESS_REPORT_ZH_OLD
    data = rf.text_file(
        header,
        [
            {
                "父ASIN": "B0P",
                "子ASIN": "B0C",
                "标题": "杯子",
                "买家访问次数": "140",
                "页面浏览次数": "210",
                "购买按钮赢得率": "100%",
                "已订购商品数量": "14",
                "订单商品数量转化率": "10%",
                "已订购商品销售额": "US$140.00",
                "订单商品种类数": "14",
            }
        ],
        encoding="gb18030",
    )
    load(store, data, "业务报告.csv", period=JULY_1_7)
    got = rows_of(store, "sales_daily", "date")
    assert got["units"].tolist() == [2.0] * 7
    assert got["sessions"].tolist() == [20.0] * 7
    assert set(got["sku"]) == {"B0C"}  # no SKU column and nothing known about the ASIN: the ASIN stands in


def test_business_report_by_child_item_maps_asin_to_sku_through_the_store(store) -> None:
    stock = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "MUG-BLUE",
                "asin": "B0CHILD001",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "5",
            }
        ],
    )
    load(store, stock, "inv.txt", snapshot_date=D(2026, 7, 1))
    header = rf.BUSINESS_REPORT_CHILD
    data = rf.text_file(
        header,
        [
            _br_row(header, **{"(Child) ASIN": "B0CHILD001", "Units Ordered": "7", "Sessions - Total": "70"}),
            _br_row(header, **{"(Child) ASIN": "B0UNKNOWN1", "Units Ordered": "14", "Sessions - Total": "7"}),
        ],
    )
    load(store, data, "BusinessReport-child.csv", period=JULY_1_7)
    got = store.table_df("sales_daily").groupby("sku")["units"].sum().to_dict()
    assert got == {"MUG-BLUE": 7.0, "B0UNKNOWN1": 14.0}


def test_business_report_by_date_is_refused_as_account_level(store) -> None:
    data = rf.text_file(
        rf.BUSINESS_REPORT_BY_DATE,
        [
            {
                "Date": "07/01/2026",
                "Ordered Product Sales": "$10.00",
                "Units Ordered": "1",
                "Sessions - Total": "5",
            }
        ],
    )
    with pytest.raises(ImportRefused) as err:
        load(store, data, "BusinessReport-by-date.csv")
    assert err.value.code == "account_level"
    assert "by-SKU" in str(err.value)


def test_business_report_period_comes_from_the_file_name_or_is_asked_for(store) -> None:
    header = rf.BUSINESS_REPORT_SKU
    data = rf.text_file(
        header, [_br_row(header, **{"(Child) ASIN": "B0C", "SKU": "S", "Units Ordered": "3"})]
    )
    with pytest.raises(ImportRefused) as err:
        load(store, data, "BusinessReport.csv")  # no date at all: the user must say
    assert err.value.code == "needs_period"
    load(store, data, "BusinessReport_2026-07-01_2026-07-03.csv")
    assert by_day(store, "sales_daily", "units") == {"2026-07-01": 1.0, "2026-07-02": 1.0, "2026-07-03": 1.0}
    # issue 12: one date is the download day; the 7 days before it are proposed (7 units → 1 a day)
    seven = rf.text_file(
        header, [_br_row(header, **{"(Child) ASIN": "B0D", "SKU": "T", "Units Ordered": "7"})]
    )
    result = load(store, seven, "BusinessReport-09-05-2023.csv")
    assert "period 2023-08-29 – 2023-09-04 proposed" in result.notes[0]
    assert by_day(store, "sales_daily", "units", sku="T") == {
        f"2023-{d}": 1.0 for d in ("08-29", "08-30", "08-31", "09-01", "09-02", "09-03", "09-04")
    }


@pytest.mark.parametrize("header", [rf.ALL_ORDERS, rf.ALL_ORDERS_2026], ids=["2019", "2026"])
def test_all_orders_daily_units_and_revenue(store, header: list[str]) -> None:
    base = {"sales-channel": "Amazon.com", "currency": "USD", "fulfillment-channel": "Amazon"}
    data = rf.flat_file(
        header,
        [
            {
                **base,
                "amazon-order-id": "111-1",
                "purchase-date": "2026-07-01T15:00:00+00:00",
                "order-status": "Shipped",
                "sku": "SKU-1",
                "asin": "B01",
                "item-status": "Shipped",
                "quantity": "2",
                "item-price": "39.98",
            },
            {
                **base,
                "amazon-order-id": "111-2",
                "purchase-date": "2026-07-01T16:00:00+00:00",
                "order-status": "Pending",
                "sku": "SKU-1",
                "asin": "B01",
                "item-status": "Unshipped",
                "quantity": "1",
                "item-price": "",
            },
            {
                **base,
                "amazon-order-id": "111-3",
                "purchase-date": "2026-07-01T17:00:00+00:00",
                "order-status": "Cancelled",
                "sku": "SKU-1",
                "asin": "B01",
                "item-status": "Cancelled",
                "quantity": "1",
            },
        ],
    )
    result = load(store, data, "All_Orders.txt")
    assert result.kind == "all_orders"
    row = rows_of(store, "sales_daily").iloc[0]
    assert (row.date, row.marketplace, row.sku, row.asin, row.units, row.revenue, row.currency) == (
        D(2026, 7, 1),
        "US",
        "SKU-1",
        "B01",
        3.0,
        39.98,
        "USD",
    )


# ---------------------------------------------------------------------------------------------------------
# advertising: product level -> ads_daily


def _sp(header: list[str], **cells: object) -> dict[str, object]:
    return {h: cells.get(h, "") for h in header}


def test_sp_advertised_product_daily_xlsx_with_wrong_dimension(store) -> None:
    header = rf.SP_ADVERTISED_DAILY
    rows = [
        _sp(
            header,
            **{
                "Date": D(2026, 7, day),
                "Portfolio name": "Kitchen",
                "Currency": "USD",
                "Campaign Name": "SP - Boards - Exact",
                "Ad Group Name": "Boards",
                "Retailer": "Amazon",
                "Country": "United States",
                "Advertised SKU": "KT-BOARD-L",
                "Advertised ASIN": "B0HBTRQJGF",
                "Impressions": 1000 * day,
                "Clicks": 10 * day,
                "Spend": 5.5 * day,
                "7 Day Total Sales ": 30.0 * day,
                "7 Day Total Orders (#)": day,
                "7 Day Total Units (#)": day,
            },
        )
        for day in range(1, 31)
    ]
    data = rf.xlsx_file(header, rows, sheet="Sponsored Product Advertised P")
    result = load(store, data, "Sponsored Products Advertised product report.xlsx")
    assert (result.kind, result.rows_loaded) == ("sp_advertised_product", 30)
    got = rows_of(store, "ads_daily", "date")
    assert got["spend"].sum() == pytest.approx(5.5 * 465)
    first = got.iloc[0]
    assert (
        first.date,
        first.marketplace,
        first.ad_type,
        first.campaign,
        first.ad_group,
        first.sku,
        first.asin,
        first.impressions,
        first.clicks,
        first.spend,
        first.ad_sales,
        first.ad_orders,
        first.ad_units,
    ) == (
        D(2026, 7, 1),
        "US",
        "SP",
        "SP - Boards - Exact",
        "Boards",
        "KT-BOARD-L",
        "B0HBTRQJGF",
        1000,
        10,
        5.5,
        30,
        1,
        1,
    )


def test_sp_advertised_product_summary_is_spread_over_start_to_end(store) -> None:
    header = rf.SP_ADVERTISED_SUMMARY
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Start Date": "Jul 01, 2026",
                    "End Date": "Jul 03, 2026",
                    "Currency": "USD",
                    "Campaign Name": "C1",
                    "Ad Group Name": "G1",
                    "Country": "United States",
                    "Advertised SKU": "S1",
                    "Advertised ASIN": "B0S1",
                    "Impressions": "3,000",
                    "Clicks": "30",
                    "Spend": "$45.00",
                    "7 Day Total Sales ": "$150.00",
                    "7 Day Total Orders (#)": "6",
                    "7 Day Total Units (#)": "9",
                },
            ),
        ],
    )
    load(store, data, "Sponsored_Products_Advertised_product_report.csv")
    assert by_day(store, "ads_daily", "spend") == {"2026-07-01": 15.0, "2026-07-02": 15.0, "2026-07-03": 15.0}
    assert by_day(store, "ads_daily", "ad_units") == {"2026-07-01": 3.0, "2026-07-02": 3.0, "2026-07-03": 3.0}


def test_sp_advertised_product_older_acos_roas_spelling_without_country(store) -> None:
    header = rf.SP_ADVERTISED_OLD
    assert "Total Advertising Cost of Sales (ACoS) " in header
    assert "Country" not in header
    # A UK file: an ambiguous 01/12/2019 is read the British way, 1 December (the marketplace's convention).
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Start Date": "01/12/2019",
                    "End Date": "01/12/2019",
                    "Campaign Name": "C",
                    "Advertised SKU": "S",
                    "Spend": "1.25",
                    "7 Day Total Sales ": "10",
                },
            )
        ],
    )
    load(store, data, "sp_2019.csv", marketplace="UK")
    row = rows_of(store, "ads_daily").iloc[0]
    assert (row.date, row.marketplace, row.spend, row.ad_sales, row.currency) == (
        D(2019, 12, 1),
        "UK",
        1.25,
        10,
        "GBP",
    )


@pytest.mark.parametrize("daily", [False, True], ids=["summary", "daily"])
def test_sp_advertised_product_chinese_header(store, daily: bool) -> None:
    header = rf.SP_ADVERTISED_ZH_DAILY if daily else rf.SP_ADVERTISED_ZH
    dates = {"日期": "2026/07/31"} if daily else {"开始日期": "2026/07/30", "结束日期": "2026/07/31"}
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **dates,
                **{
                    "广告组合名称": "厨房",
                    "货币": "USD",
                    "广告活动名称": "SP-砧板",
                    "广告组名称": "砧板",
                    "零售商": "Amazon",
                    "国家/地区": "美国",
                    "广告SKU": "KT-BOARD-L",
                    "广告ASIN": "B0HBTRQJGF",
                    "展示量": "1,200",
                    "点击量": "12",
                    "花费": "US$8.40",
                    "7天总销售额": "US$59.98",
                    "7天总订单数(#)": "2",
                    "7天总销售量(#)": "2",
                },
            )
        ],
    )
    load(store, data, "SP_广告商品报告.csv")
    got = rows_of(store, "ads_daily", "date")
    assert set(got["marketplace"]) == {"US"}
    assert set(got["campaign"]) == {"SP-砧板"}
    assert got["spend"].sum() == pytest.approx(8.40)
    assert got["ad_sales"].sum() == pytest.approx(59.98)
    assert got["date"].max() == D(2026, 7, 31)
    assert len(got) == (1 if daily else 2)


def test_ads_api_v3_sp_advertised_product_columns(store) -> None:
    header = rf.ADS_API_SP_ADVERTISED
    data = rf.text_file(
        header,
        [
            {
                "date": "2026-07-31",
                "campaignName": "C",
                "campaignId": "123",
                "adGroupName": "G",
                "adGroupId": "456",
                "advertisedAsin": "B0A",
                "advertisedSku": "S-A",
                "impressions": "100",
                "clicks": "4",
                "cost": "2.4",
                "sales7d": "25",
                "purchases7d": "1",
                "unitsSoldClicks7d": "2",
                "campaignBudgetCurrencyCode": "USD",
            }
        ],
        encoding="utf-8",
    )
    load(store, data, "spAdvertisedProduct.csv")
    row = rows_of(store, "ads_daily").iloc[0]
    assert (row.sku, row.asin, row.spend, row.ad_sales, row.ad_orders, row.ad_units) == (
        "S-A",
        "B0A",
        2.4,
        25,
        1,
        2,
    )


def test_sponsored_display_advertised_product(store) -> None:
    header = rf.SD_ADVERTISED
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Date": "Aug 18, 2026",
                    "Currency": "USD",
                    "Campaign Name": "SD - Competitors",
                    "Ad Group Name": "Pages",
                    "Bid Optimization": "Optimize for conversions",
                    "Advertised SKU": "PT-CAT",
                    "Advertised ASIN": "B0HKL3E005",
                    "Impressions": "1180",
                    "Viewable Impressions": "709",
                    "Clicks": "2",
                    "Spend": "$1.07",
                    "14 Day Total Sales": "$25.99",
                    "14 Day Total Orders (#)": "1",
                    "14 Day Total Units (#)": "1",
                },
            )
        ],
    )
    load(store, data, "Sponsored_Display_Advertised_product_report.csv")
    row = rows_of(store, "ads_daily").iloc[0]
    assert (row.date, row.ad_type, row.sku, row.spend, row.ad_sales, row.ad_orders) == (
        D(2026, 8, 18),
        "SD",
        "PT-CAT",
        1.07,
        25.99,
        1,
    )


def test_new_ads_console_date_range_and_excel_text_ids(store) -> None:
    header = rf.CONSOLE_PRODUCT
    row = dict.fromkeys(header, "") | {
        "Budget currency": "USD",
        "Date range": "Jul 01, 2026 - Jul 07, 2026",
        "Advertiser account ID": rf.excel_text("AAAAAAAAAAAAA"),
        "Campaign ID": rf.excel_text("254927681919372"),
        "Campaign name": "SP - Fountain - Auto",
        "Ad group ID": rf.excel_text("9876543210"),
        "Ad group name": "Auto",
        "Advertised product ID": rf.excel_text("B00S5U37KN"),
        "Advertised product SKU": "PT-FOUNTAIN",
        "Advertised product marketplace": "Amazon.com",
        "Impressions": "7,000",
        "Clicks": "70",
        "Total cost": "49.00",
        "Purchases": "7",
        "Sales": "314.93",
        "Units sold": "7",
    }
    load(store, rf.text_file(header, [row]), "Sponsored_Products_Advertised_product_console.csv")
    got = rows_of(store, "ads_daily", "date")
    assert len(got) == 7
    assert set(got["asin"]) == {"B00S5U37KN"}
    assert set(got["marketplace"]) == {"US"}
    assert got["spend"].tolist() == [7.0] * 7  # 49.00 over 7 days
    assert got["ad_sales"].sum() == pytest.approx(314.93)


def test_lingxing_daily_campaign_export_xlsx_with_title_rows_and_placeholders(store) -> None:
    rows = [
        [
            "美国",
            "厨房",
            "活动1",
            D(2026, 7, 31),
            "SP",
            100,
            "有花费无点击",
            "有花费无订单",
            1.5,
            "有花费无销售额",
        ],
        ["美国", "厨房", "活动2", D(2026, 7, 31), "SB", 2000, 3, 1, 2.25, 19.99],
        ["英国", "厨房", "活动3", D(2026, 7, 31), "SD", 50, 1, 0, 0.8, "-"],
    ]
    data = rf.xlsx_file(
        rf.LINGXING_CAMPAIGN, rows, sheet="广告活动", title_rows=["广告活动报表", "导出时间：2026-08-01"]
    )
    result = load(store, data, "领星广告活动.xlsx")
    assert result.kind == "ads_campaign_daily"
    got = rows_of(store, "ads_daily", "campaign").set_index("campaign")
    assert got.loc["活动1", ["clicks", "ad_orders", "ad_sales", "spend"]].tolist() == [0, 0, 0, 1.5]
    assert got.loc["活动2", ["ad_type", "marketplace", "ad_sales"]].tolist() == ["SB", "US", 19.99]
    assert got.loc["活动3", ["ad_type", "marketplace", "currency"]].tolist() == ["SD", "UK", "GBP"]
    assert set(got["sku"]) == {""}  # campaign-level rows


# ---------------------------------------------------------------------------------------------------------
# advertising: keyword level -> ads_keyword_daily


def test_sp_search_term_english(store) -> None:
    header = rf.SP_SEARCH_TERM
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Start Date": "Jul 01, 2026",
                    "End Date": "Jul 02, 2026",
                    "Currency": "USD",
                    "Campaign Name": "SP - Auto",
                    "Ad Group Name": "Auto",
                    "Country": "United States",
                    "Targeting": "close-match",
                    "Match Type": "-",
                    "Customer Search Term": "bamboo board",
                    "Impressions": "400",
                    "Clicks": "8",
                    "Spend": "$6.00",
                    "7 Day Total Sales ": "$40.00",
                    "7 Day Total Orders (#)": "2",
                    "7 Day Total Units (#)": "2",
                },
            ),
        ],
    )
    result = load(store, data, "Sponsored Products Search term report.csv")
    assert result.kind == "sp_search_term"
    got = rows_of(store, "ads_keyword_daily", "date")
    assert got[["date", "ad_type", "targeting", "match_type", "search_term", "spend"]].values.tolist() == [
        [D(2026, 7, 1), "SP", "close-match", "", "bamboo board", 3.0],
        [D(2026, 7, 2), "SP", "close-match", "", "bamboo board", 3.0],
    ]
    assert store.table_df("ads_daily").empty  # keyword grain never feeds the product table


def test_sp_search_term_chinese(store) -> None:
    header = rf.SP_SEARCH_TERM_ZH
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "日期": "2026/10/17",
                    "广告组合名称": "Home",
                    "货币": "USD",
                    "广告活动名称": "SP - Bath Mat - Auto",
                    "广告组名称": "Auto",
                    "零售商": "Amazon",
                    "国家/地区": "美国",
                    "投放": "substitutes",
                    "匹配类型": "-",
                    "客户搜索词": "non slip bath mat",
                    "展示量": "1899",
                    "点击量": "6",
                    "花费": "US$3.99",
                    "7天总销售额": "US$21.99",
                    "7天总订单数(#)": "1",
                    "7天总销售量(#)": "1",
                },
            )
        ],
    )
    load(store, data, "SP_搜索词报告.csv")
    row = rows_of(store, "ads_keyword_daily").iloc[0]
    assert (row.date, row.marketplace, row.targeting, row.search_term, row.spend, row.ad_sales) == (
        D(2026, 10, 17),
        "US",
        "substitutes",
        "non slip bath mat",
        3.99,
        21.99,
    )


def test_sp_targeting_report(store) -> None:
    header = rf.SP_TARGETING
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Start Date": "07/01/2026",
                    "End Date": "07/01/2026",
                    "Campaign Name": "SP - Exact",
                    "Ad Group Name": "G",
                    "Country": "United States",
                    "Targeting": "bamboo cutting board",
                    "Match Type": "EXACT",
                    "Impressions": "900",
                    "Top-of-search Impression Share": "12.5%",
                    "Clicks": "9",
                    "Spend": "$9.90",
                    "7 Day Total Sales ": "$59.98",
                },
            )
        ],
    )
    assert load(store, data, "targeting.csv").kind == "sp_targeting"
    row = rows_of(store, "ads_keyword_daily").iloc[0]
    assert (row.targeting, row.match_type, row.search_term, row.spend) == (
        "bamboo cutting board",
        "EXACT",
        "",
        9.9,
    )


def test_sponsored_brands_keyword_report(store) -> None:
    header = rf.SB_KEYWORD
    data = rf.text_file(
        header,
        [
            _sp(
                header,
                **{
                    "Start Date": "Aug 17, 2026",
                    "End Date": "Aug 23, 2026",
                    "Portfolio name": "Kitchen",
                    "Currency": "USD",
                    "Campaign Name": "SB - Core Exact",
                    "Targeting": "bamboo cutting board",
                    "Match Type": "EXACT",
                    "Impressions": "2,033",
                    "Clicks": "9",
                    "Spend": "$10.50",
                    "14 Day Total Sales": "$70.00",
                    "14 Day Total Orders (#)": "2",
                    "14 Day Total Units (#)": "2",
                },
            )
        ],
    )
    assert load(store, data, "Sponsored_Brands_Keyword_report.csv").kind == "sb_keyword"
    got = rows_of(store, "ads_keyword_daily", "date")
    assert set(got["ad_type"]) == {"SB"}
    assert len(got) == 7
    assert got["spend"].tolist() == [1.5] * 7
    assert got["ad_sales"].tolist() == [10.0] * 7


def test_new_console_search_term(store) -> None:
    header = rf.CONSOLE_SEARCH_TERM
    row = dict.fromkeys(header, "") | {
        "Budget currency": "USD",
        "Date range": "Jul 01, 2026 - Jul 07, 2026",
        "Campaign ID": rf.excel_text("254927681919372"),
        "Campaign name": "SP - Auto",
        "Ad group name": "Auto",
        "Search term": "cat fountain",
        "Impressions": "700",
        "Clicks": "14",
        "Total cost": "21.00",
        "Sales": "70.00",
    }
    assert (
        load(store, rf.text_file(header, [row]), "console_search_term.csv").kind == "ads_console_search_term"
    )
    assert by_day(store, "ads_keyword_daily", "spend") == {f"2026-07-0{d}": 3.0 for d in range(1, 8)}


# ---------------------------------------------------------------------------------------------------------
# keyword ranks


def test_helium10_keyword_tracker_beyond_ranks_and_twelve_hour_times(store) -> None:
    header = rf.HELIUM10_KT
    base = {"Title": "Dog Poop Bags, 270 Count", "ASIN": "B01ZQJ87FD", "Marketplace": "amazon.com"}
    data = rf.text_file(
        header,
        [
            {
                **base,
                "Keyword": "dog poop bags",
                "Keyword Sales": "489",
                "Search Volume": "7,526",
                "Organic Rank": "54",
                "Sponsored Position": "8",
                "Date Added": "2/11/2026 4:01 PM",
            },
            {
                **base,
                "Keyword": "dog poop bags",
                "Keyword Sales": "489",
                "Search Volume": "7,526",
                "Organic Rank": ">306",
                "Sponsored Position": "-",
                "Date Added": "2/12/2026 4:02 PM",
            },
            {
                **base,
                "Keyword": "poop bag refill",
                "Keyword Sales": "-",
                "Search Volume": "2650",
                "Organic Rank": "-",
                "Sponsored Position": "-",
                "Date Added": "2/12/2026 11:05 AM",
            },
        ],
        encoding="utf-8",
    )
    load(store, data, "helium10-kt-B01ZQJ87FD-2026-02-12.csv")
    got = rows_of(store, "keyword_rank", "keyword", "date")
    assert got["date"].tolist() == [D(2026, 2, 11), D(2026, 2, 12), D(2026, 2, 12)]
    assert got["organic_rank"].tolist()[0] == 54
    beyond = got.iloc[1]
    assert beyond.organic_rank != beyond.organic_rank  # NULL: not 306 ...
    assert beyond.organic_rank_beyond == 306  # ... but "worse than 306", not missing either
    not_ranked = got.iloc[2]
    assert not_ranked.organic_rank != not_ranked.organic_rank
    assert not_ranked.organic_rank_beyond != not_ranked.organic_rank_beyond
    assert got["search_volume"].tolist() == [7526, 7526, 2650]
    assert set(got["marketplace"]) == {"US"}


# ---------------------------------------------------------------------------------------------------------
# canonical templates


def test_shipment_template_english(store) -> None:
    data = rf.text_file(
        rf.TEMPLATE_SHIPMENT,
        [
            [
                "FBA15ABCDEF",
                "KT-BOARD-L",
                "US",
                "300",
                "sea",
                "2026-06-01",
                "2026-07-20",
                "in_transit",
                "",
                "",
            ],
            [
                "FBA15ABCDEF",
                "KT-BOARD-S",
                "US",
                "200",
                "Ocean",
                "2026-06-01",
                "2026-07-20",
                "Customs hold",
                "",
                "",
            ],
            [
                "FBA15GHIJKL",
                "KT-BOARD-L",
                "US",
                "100",
                "air",
                "2026-05-01",
                "2026-05-12",
                "received",
                "2026-05-13",
                "98",
            ],
        ],
        encoding="utf-8",
    )
    assert load(store, data, "shipments_in_transit.csv").kind == "template_shipment"
    got = rows_of(store, "shipment", "shipment_id", "sku")
    assert got[["shipment_id", "sku", "quantity", "mode", "eta", "status"]].values.tolist() == [
        ["FBA15ABCDEF", "KT-BOARD-L", 300.0, "sea", D(2026, 7, 20), "in_transit"],
        ["FBA15ABCDEF", "KT-BOARD-S", 200.0, "sea", D(2026, 7, 20), "customs_hold"],
        ["FBA15GHIJKL", "KT-BOARD-L", 100.0, "air", D(2026, 5, 12), "received"],
    ]
    assert got.iloc[2].received_date == D(2026, 5, 13)
    assert got.iloc[2].received_quantity == 98
    assert got["received_quantity"].isna().tolist() == [True, True, False]


def test_shipment_template_chinese_aliases_gb18030(store) -> None:
    data = rf.text_file(
        rf.TEMPLATE_SHIPMENT_ZH,
        [
            ["FBA15XYZ", "KT-BOARD-L", "美国", "500", "海运", "2026/06/01", "2026/07/25", "在途"],
            ["FBA15XYZ", "KT-BOARD-S", "美国", "80", "空运", "2026/06/20", "2026/07/02", "已签收"],
        ],
        encoding="gb18030",
    )
    load(store, data, "货件.csv")
    got = rows_of(store, "shipment", "sku")
    assert got[["sku", "marketplace", "quantity", "mode", "ship_date", "eta", "status"]].values.tolist() == [
        ["KT-BOARD-L", "US", 500.0, "sea", D(2026, 6, 1), D(2026, 7, 25), "in_transit"],
        ["KT-BOARD-S", "US", 80.0, "air", D(2026, 6, 20), D(2026, 7, 2), "received"],
    ]


def test_sku_settings_template_english_and_chinese(store) -> None:
    en = rf.text_file(
        rf.TEMPLATE_SETTINGS, [["KT-BOARD-L", "65", "12", "14", "", "8.90", "29.99", "", "true", "hero"]]
    )
    load(store, en, "sku_settings.csv")
    zh = rf.text_file(
        rf.TEMPLATE_SETTINGS_ZH, [["KT-BOARD-S", "70", "15", "21", "9.20", "否", "新品"]], encoding="gb18030"
    )
    load(store, zh, "补货参数.csv")
    got = rows_of(store, "sku_settings", "sku").set_index("sku")
    assert got.loc[
        "KT-BOARD-L",
        ["lead_time_days", "air_lead_time_days", "safety_days", "unit_cost", "price", "is_core", "note"],
    ].tolist() == [65, 12, 14, 8.9, 29.99, True, "hero"]
    assert got.loc[
        "KT-BOARD-S", ["lead_time_days", "safety_days", "unit_cost", "is_core", "note"]
    ].tolist() == [70, 21, 9.2, False, "新品"]


def test_inventory_sales_ads_and_rank_templates(store) -> None:
    load(
        store,
        rf.text_file(rf.TEMPLATE_INVENTORY, [["2026-07-31", "UK", "S1", "B0S1", "12", "1", "40"]]),
        "inv.csv",
    )
    load(
        store,
        rf.text_file(rf.TEMPLATE_SALES, [["2026-07-31", "UK", "S1", "B0S1", "3", "£59.97", "30", "97%"]]),
        "sales.csv",
    )
    load(
        store,
        rf.text_file(
            rf.TEMPLATE_ADS,
            [
                [
                    "2026-07-31",
                    "UK",
                    "Sponsored Products",
                    "C",
                    "G",
                    "S1",
                    "B0S1",
                    "100",
                    "2",
                    "1.50",
                    "19.99",
                    "1",
                ]
            ],
        ),
        "ads.csv",
    )
    load(
        store,
        rf.text_file(
            rf.TEMPLATE_ADS_KEYWORD,
            [["2026-07-31", "UK", "sb", "C", "", "mug", "broad", "", "50", "1", "0.75", "0"]],
        ),
        "kw.csv",
    )
    load(
        store,
        rf.text_file(rf.TEMPLATE_RANKS, [["2026-07-31", "UK", "B0S1", "mug", ">306", "4", "1200"]]),
        "ranks.csv",
    )
    inv = rows_of(store, "inventory_snapshot").iloc[0]
    assert (inv.marketplace, inv.available, inv.reserved, inv.inbound_shipped) == ("UK", 12, 1, 40)
    sales = rows_of(store, "sales_daily").iloc[0]
    assert (sales.units, sales.revenue, sales.sessions, sales.buy_box_pct) == (3, 59.97, 30, 97)
    velocity = rows_of(store, "ads_daily").iloc[0]
    assert (velocity.ad_type, velocity.sku, velocity.spend, velocity.ad_sales) == ("SP", "S1", 1.5, 19.99)
    kw = rows_of(store, "ads_keyword_daily").iloc[0]
    assert (kw.ad_type, kw.targeting, kw.match_type, kw.spend) == ("SB", "mug", "broad", 0.75)
    rank = rows_of(store, "keyword_rank").iloc[0]
    assert rank.organic_rank != rank.organic_rank
    assert rank.organic_rank_beyond == 306
    assert rank.sponsored_rank == 4


def test_forced_kind_and_column_mapping_for_other_tools(store) -> None:
    data = rf.text_file(["Day", "Item", "Stock"], [["2026-07-31", "S1", "9"]])
    options = ImportOptions(
        kind="template_inventory_snapshot",
        mapping=(("Day", "snapshot_date"), ("Item", "sku"), ("Stock", "available")),
    )
    prepared = prepare(data, "other_tool.csv", store, options)
    assert prepared.kind is not None
    assert prepared.kind.kind == "template_inventory_snapshot"
    assert prepared.frames["inventory"]["available"].tolist() == [9.0]
    with pytest.raises(ImportRefused) as err:
        prepare(data, "other_tool.csv", store, ImportOptions(kind="no_such_kind"))
    assert err.value.code == "bad_kind"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("United States", "US"),
        ("Amazon.com", "US"),
        ("AMAZON.COM", "US"),
        ("www.amazon.co.uk", "UK"),
        ("United Kingdom", "UK"),
        ("GB", "UK"),
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("美国", "US"),
        ("英国站", "UK"),
        ("ATVPDKIKX0DER", "US"),
        ("Canada", "CA"),
        ("India", "IN"),
        ("AMAZON_US", "US"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_marketplace_names_in_reports(written: str, code: str | None) -> None:
    from inventory_core.store.marketplaces import marketplace_code

    assert marketplace_code(written) == code

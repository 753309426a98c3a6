"""The importer on real-format files: every quirk class of shared/formats/REPORTS.md, totals a seller checks
by hand, refusals with file/line/column/value, partial imports, overlapping periods, undo,
and the demo files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zoneinfo
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
import report_files as rf
from conftest import table_snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_files import by_day, load, rows_of

from inventory_core.i18n import t
from inventory_core.ingest.importer import ImportOptions, ImportRefused, commit, import_file, prepare
from inventory_core.store import Store

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


def _orders(*lines: dict[str, object], header: list[str] = rf.ALL_ORDERS) -> bytes:
    base = {
        "sales-channel": "Amazon.com",
        "currency": "USD",
        "fulfillment-channel": "Amazon",
        "item-status": "Shipped",
    }
    return rf.flat_file(header, [{**base, **line} for line in lines])


def _br(rows: list[dict[str, object]], header: list[str] = rf.BUSINESS_REPORT_SKU, **kw: object) -> bytes:
    return rf.text_file(header, [{h: row.get(h, "0") for h in header} for row in rows], **kw)  # type: ignore[arg-type]


def _sp_summary(rows: list[dict[str, object]], **kw: object) -> bytes:
    header = rf.SP_ADVERTISED_SUMMARY
    base = {"Currency": "USD", "Country": "United States", "Ad Group Name": "G", "Advertised ASIN": "B0S1"}
    return rf.text_file(header, [{**base, **row} for row in rows], **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# totals a seller would check by hand


def test_all_orders_units_per_local_day_with_a_cancelled_line_and_a_late_evening_order(store: Store) -> None:
    data = _orders(
        {
            "amazon-order-id": "111-1",
            "purchase-date": "2026-07-01T17:00:00+00:00",
            "order-status": "Shipped",
            "sku": "SKU-A",
            "asin": "B0A",
            "quantity": "2",
            "item-price": "39.98",
        },
        # 06:30 UTC on 2 July is 23:30 Pacific on 1 July: a US seller counts it on 1 July
        {
            "amazon-order-id": "111-2",
            "purchase-date": "2026-07-02T06:30:00+00:00",
            "order-status": "Shipped",
            "sku": "SKU-A",
            "asin": "B0A",
            "quantity": "1",
            "item-price": "19.99",
        },
        {
            "amazon-order-id": "111-3",
            "purchase-date": "2026-07-02T15:00:00+00:00",
            "order-status": "Shipped",
            "sku": "SKU-A",
            "asin": "B0A",
            "quantity": "3",
            "item-price": "59.97",
        },
        {
            "amazon-order-id": "111-4",
            "purchase-date": "2026-07-02T18:00:00+00:00",
            "order-status": "Pending",
            "sku": "SKU-B",
            "asin": "B0B",
            "quantity": "1",
            "item-price": "9.99",
        },
        {
            "amazon-order-id": "111-5",
            "purchase-date": "2026-07-02T19:00:00+00:00",
            "order-status": "Cancelled",
            "sku": "SKU-A",
            "asin": "B0A",
            "item-status": "Cancelled",
            "quantity": "5",
            "item-price": "",
        },
    )
    result = load(store, data, "All_Orders.txt")
    assert result.rows_loaded == 3
    assert by_day(store, "sales_daily", "units", sku="SKU-A") == {"2026-07-01": 3.0, "2026-07-02": 3.0}
    assert by_day(store, "sales_daily", "units", sku="SKU-B") == {"2026-07-02": 1.0}
    assert by_day(store, "sales_daily", "revenue", sku="SKU-A") == {"2026-07-01": 59.97, "2026-07-02": 59.97}


def test_orders_are_put_on_each_marketplaces_own_calendar(store: Store) -> None:
    data = _orders(
        # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST) and 16:30 on 1 July in Los Angeles
        {
            "amazon-order-id": "1",
            "purchase-date": "2026-07-01T23:30:00+00:00",
            "order-status": "Shipped",
            "sales-channel": "Amazon.co.uk",
            "currency": "GBP",
            "sku": "S",
            "quantity": "1",
            "item-price": "£9.99",
        },
        {
            "amazon-order-id": "2",
            "purchase-date": "2026-07-01T23:30:00+00:00",
            "order-status": "Shipped",
            "sku": "S",
            "quantity": "1",
            "item-price": "12.99",
        },
    )
    load(store, data, "All_Orders_UK_US.txt")
    got = rows_of(store, "sales_daily", "marketplace")
    assert got[["marketplace", "date", "units", "currency"]].values.tolist() == [
        ["UK", D(2026, 7, 2), 1.0, "GBP"],
        ["US", D(2026, 7, 1), 1.0, "USD"],
    ]


def test_business_report_week_of_70_units_is_10_a_day_and_sessions_spread(store: Store) -> None:
    data = _br(
        [
            {
                "(Child) ASIN": "B0C",
                "SKU": "MUG",
                "Units Ordered": "70",
                "Sessions - Total": "1,050",
                "Page Views - Total": "1,400",
                "Ordered Product Sales": "$1,400.00",
            }
        ]
    )
    load(store, data, "BusinessReport.csv", period=(D(2026, 7, 6), D(2026, 7, 12)))
    assert by_day(store, "sales_daily", "units") == {f"2026-07-{d:02}": 10.0 for d in range(6, 13)}
    assert by_day(store, "sales_daily", "sessions") == {f"2026-07-{d:02}": 150.0 for d in range(6, 13)}
    assert by_day(store, "sales_daily", "revenue") == {f"2026-07-{d:02}": 200.0 for d in range(6, 13)}
    log = store.imports()[-1]
    assert (log.period_start, log.period_end) == (D(2026, 7, 6), D(2026, 7, 12))  # the log keeps the period


def test_sp_summary_over_three_days_is_a_third_a_day(store: Store) -> None:
    data = _sp_summary(
        [
            {
                "Start Date": "07/01/2026",
                "End Date": "07/03/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": "$30.00",
                "7 Day Total Sales ": "$90.00",
                "Clicks": "12",
            }
        ]
    )
    load(store, data, "sp.csv")
    assert by_day(store, "ads_daily", "spend") == {"2026-07-01": 10.0, "2026-07-02": 10.0, "2026-07-03": 10.0}
    assert by_day(store, "ads_daily", "clicks") == {"2026-07-01": 4.0, "2026-07-02": 4.0, "2026-07-03": 4.0}


def test_console_date_range_of_seven_days_is_a_seventh_a_day(store: Store) -> None:
    header = rf.CONSOLE_PRODUCT
    row = dict.fromkeys(header, "") | {
        "Date range": "Jul 06, 2026 - Jul 12, 2026",
        "Campaign name": "C",
        "Advertised product ID": rf.excel_text("B0S1"),
        "Total cost": "70.00",
        "Sales": "350.00",
        "Budget currency": "USD",
    }
    load(store, rf.text_file(header, [row]), "console.csv")
    assert by_day(store, "ads_daily", "spend") == {f"2026-07-{d:02}": 10.0 for d in range(6, 13)}


# ---------------------------------------------------------------------------------------------------------
# encodings and line endings


def test_utf16_tsv_with_crlf_and_no_final_newline(store: Store) -> None:
    data = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "ES-1",
                "asin": "B0ES00001",
                "product-name": "Peluche oso – talla L",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "10",
                "afn-reserved-quantity": "2",
                "your-price": "19.99",
            },
            {
                "sku": "ES-2",
                "asin": "B0ES00002",
                "product-name": "Taza cerámica",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "3",
                "your-price": "9.50",
            },
        ],
        encoding="utf-16",
        newline="\r\n",
        final_newline=False,
    )
    assert data.startswith(b"\xff\xfe")
    assert not data.endswith(b"\n\x00")
    load(store, data, "inventario.txt", marketplace="ES", snapshot_date=D(2026, 7, 31))
    got = rows_of(store, "inventory_snapshot", "sku")
    assert got[["sku", "product_name", "available", "price", "currency"]].values.tolist() == [
        ["ES-1", "Peluche oso – talla L", 10.0, 19.99, "EUR"],
        ["ES-2", "Taza cerámica", 3.0, 9.5, "EUR"],
    ]


def test_cp1252_with_pound_and_euro_signs(store: Store) -> None:
    data = rf.flat_file(
        rf.RESTOCK,
        [
            {
                "Country": "United Kingdom",
                "Product Name": "Café mug",
                "Merchant SKU": "UK-1",
                "Currency code": "GBP",
                "Price": "£12.99",
                "Sales last 30 days": "£1,234.50",
                "Available": "7",
                "Alert": "",
                "Recommended replenishment qty": "0",
            },
            {
                "Country": "Germany",
                "Product Name": "Schöne Tasse",
                "Merchant SKU": "DE-1",
                "Currency code": "EUR",
                "Price": "€8.50",
                "Sales last 30 days": "€99.00",
                "Available": "4",
                "Alert": "out_of_stock",
                "Recommended replenishment qty": "20",
            },
        ],
        encoding="cp1252",
        newline="\r\n",
    )
    load(store, data, "Restock_EU.txt", snapshot_date=D(2026, 7, 31))
    got = rows_of(store, "inventory_snapshot", "sku").set_index("sku")
    assert got.loc["UK-1", ["marketplace", "price", "currency", "product_name"]].tolist() == [
        "UK",
        12.99,
        "GBP",
        "Café mug",
    ]
    assert got.loc["DE-1", ["marketplace", "price", "currency", "product_name"]].tolist() == [
        "DE",
        8.5,
        "EUR",
        "Schöne Tasse",
    ]


def test_gb18030_lingxing_campaign_csv(store: Store) -> None:
    data = rf.text_file(
        rf.LINGXING_CAMPAIGN,
        [
            [
                "美国",
                "厨房",
                "砧板-自动",
                "2026/07/31",
                "SP",
                "1,200",
                "有花费无点击",
                "有花费无订单",
                "1.50",
                "有花费无销售额",
            ],
            ["美国", "厨房", "砧板-精准", "2026/07/31", "SP", "800", "8", "2", "4.80", "39.98"],
        ],
        encoding="gb18030",
    )
    load(store, data, "广告活动.csv")
    got = rows_of(store, "ads_daily", "campaign")
    assert got[["campaign", "impressions", "clicks", "ad_orders", "spend", "ad_sales"]].values.tolist() == [
        ["砧板-精准", 800.0, 8.0, 2.0, 4.8, 39.98],
        ["砧板-自动", 1200.0, 0.0, 0.0, 1.5, 0.0],
    ]


def test_shift_jis_manage_fba_with_yen_prices(store: Store) -> None:
    data = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "JP-1",
                "product-name": "テスト商品　赤",
                "your-price": "￥1,500",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "12",
            },
            {
                "sku": "JP-2",
                "product-name": "日本製マグカップ",
                "your-price": "￥2,000",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "3",
            },
        ],
        encoding="shift_jis",
        newline="\r\n",
    )
    load(store, data, "在庫.txt", marketplace="JP", snapshot_date=D(2026, 7, 31))
    got = rows_of(store, "inventory_snapshot", "sku")
    assert got[["sku", "product_name", "price", "currency"]].values.tolist() == [
        ["JP-1", "テスト商品　赤", 1500.0, "JPY"],
        ["JP-2", "日本製マグカップ", 2000.0, "JPY"],
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(store: Store, encoding: str) -> None:
    data = _br(
        [{"(Child) ASIN": "B0C", "SKU": "MUG", "Title": "Mug – blue", "Units Ordered": "7"}],
        encoding=encoding,
    )
    load(store, data, "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    assert store.table_df("sales_daily")["units"].sum() == pytest.approx(7.0)


# ---------------------------------------------------------------------------------------------------------
# numbers and dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,131", 12131.0),
        ("$12,905.25", 12905.25),
        ("US$1,234.56", 1234.56),
        ("£1,234.56", 1234.56),
        ("€1.234,56", 1234.56),
        ("₹1,23,456.50", 123456.5),
        ("MX$1,234.56", 1234.56),
        ("￥1,234", 1234.0),
        ("3.5", 3.5),
        ("-", 0.0),
        ("--", 0.0),
        ("", 0.0),
    ],
)
def test_spend_quirks(store: Store, raw: str, expected: float) -> None:
    data = _sp_summary(
        [
            {
                "Start Date": "07/01/2026",
                "End Date": "07/01/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": raw,
                "7 Day Total Sales ": "0",
            }
        ]
    )
    load(store, data, "sp.csv")
    assert store.table_df("ads_daily")["spend"].tolist() == [pytest.approx(expected)]


@pytest.mark.parametrize("placeholder", ["有花费无点击", "有花费无销售额", "有花费无订单", "有花费无数据"])
def test_lingxing_spend_without_result_placeholders_are_zero(store: Store, placeholder: str) -> None:
    data = rf.text_file(
        rf.LINGXING_CAMPAIGN,
        [["美国", "A", "C", "2026-07-31", "SP", "100", placeholder, placeholder, "1.00", placeholder]],
    )
    load(store, data, "lx.csv")
    row = rows_of(store, "ads_daily").iloc[0]
    assert (row.clicks, row.ad_orders, row.ad_sales, row.spend) == (0.0, 0.0, 0.0, 1.0)


def test_percent_and_plus_values(store: Store) -> None:
    data = _br(
        [
            {
                "(Child) ASIN": "B0C",
                "SKU": "MUG",
                "Featured Offer (Buy Box) Percentage": "12.02%",
                "Units Ordered": "1",
            }
        ]
    )
    load(store, data, "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 1)))
    assert store.table_df("sales_daily")["buy_box_pct"].tolist() == [12.02]
    restock = rf.flat_file(
        rf.RESTOCK,
        [
            {
                "Merchant SKU": "S",
                "Available": "1",
                "Alert": "",
                "Recommended replenishment qty": "0",
                "Total Days of Supply (including units from open shipments)": "365+",
            }
        ],
    )
    load(store, restock, "restock.txt", snapshot_date=D(2026, 7, 31))
    assert store.table_df("inventory_snapshot")["amazon_days_of_supply"].tolist() == [365.0]


@pytest.mark.parametrize(
    ("raw", "expected", "marketplace"),
    [
        ("2026-07-31", D(2026, 7, 31), "US"),
        ("7/1/26", D(2026, 7, 1), "US"),
        ("01/04/26", D(2026, 4, 1), "IN"),  # India writes day first
        ("01/04/26", D(2026, 1, 4), "US"),
        ("Dec 01, 2019", D(2019, 12, 1), "US"),
        ("Sep 01, 2026", D(2026, 9, 1), "US"),  # written quoted: it holds a comma
        ("2017-06-17T08:04:21+00:00", D(2017, 6, 17), "US"),
        ("2/11/2026 4:01 PM", D(2026, 2, 11), "US"),
        ("2026/07/31", D(2026, 7, 31), "US"),
    ],
)
def test_date_quirks(store: Store, raw: str, expected: dt.date, marketplace: str) -> None:
    header = rf.SP_ADVERTISED_DAILY
    data = rf.text_file(
        header,
        [{"Date": raw, "Campaign Name": "C", "Advertised SKU": "S", "Spend": "1", "7 Day Total Sales ": "0"}],
    )
    if "," in raw:
        assert f'"{raw}"'.encode() in data
    load(store, data, "sp_daily.csv", marketplace=marketplace)
    assert rows_of(store, "ads_daily")["date"].tolist() == [expected]


def test_day_month_order_is_decided_per_file_not_per_column(store: Store) -> None:
    # Start dates are all ambiguous; the End Date 13/07 shows the file writes day first.
    data = _sp_summary(
        [
            {
                "Start Date": "01/07/2026",
                "End Date": "13/07/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": "13",
                "7 Day Total Sales ": "0",
            },
            {
                "Start Date": "02/07/2026",
                "End Date": "02/07/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S2",
                "Spend": "1",
                "7 Day Total Sales ": "0",
            },
        ]
    )
    load(store, data, "sp.csv")  # a US file by default: only the evidence makes it day first
    got = by_day(store, "ads_daily", "spend", sku="S1")
    assert (min(got), max(got), len(got)) == ("2026-07-01", "2026-07-13", 13)
    assert by_day(store, "ads_daily", "spend", sku="S2") == {"2026-07-02": 1.0}


def test_ranks_beyond_the_tracked_depth_are_kept_as_beyond(store: Store) -> None:
    data = rf.text_file(
        rf.HELIUM10_KT,
        [
            ["T", "B0A", "1", "kw", "amazon.com", "100", ">306", ">96", "2026-02-10 11:05:30"],
            ["T", "B0A", "1", "kw", "amazon.com", "100", "306", "", "2026-02-11 11:05:30"],
        ],
    )
    load(store, data, "helium10-kt-B0A-2026-02-11.csv")
    got = rows_of(store, "keyword_rank", "date")
    assert got["organic_rank"].isna().tolist() == [True, False]
    assert got["organic_rank"].tolist()[1] == 306.0
    assert got["organic_rank_beyond"].tolist()[0] == 306.0
    assert pd.isna(got["organic_rank_beyond"].tolist()[1])
    assert got["sponsored_rank_beyond"].tolist()[0] == 96.0


# ---------------------------------------------------------------------------------------------------------
# workbooks


def test_xlsx_percent_cells_are_fractions_and_end_up_as_0_to_100(store: Store) -> None:
    header = rf.BUSINESS_REPORT_SKU
    rows = [
        dict.fromkeys(header, 0)
        | {
            "(Child) ASIN": "B0A",
            "SKU": "A",
            "Featured Offer (Buy Box) Percentage": 0.985,
            "Units Ordered": 7,
            "Unit Session Percentage": 0.1,
        },
        dict.fromkeys(header, 0)
        | {"(Child) ASIN": "B0B", "SKU": "B", "Featured Offer (Buy Box) Percentage": 1, "Units Ordered": 7},
    ]
    pct = ["Featured Offer (Buy Box) Percentage", "Unit Session Percentage", "Session Percentage - Total"]
    data = rf.xlsx_file(header, rows, percent_columns=pct)
    load(store, data, "BusinessReport.xlsx", period=(D(2026, 7, 1), D(2026, 7, 7)))
    got = store.table_df("sales_daily").groupby("sku")["buy_box_pct"].first().to_dict()
    assert got == {"A": pytest.approx(98.5), "B": pytest.approx(100.0)}


def test_xlsx_percent_written_as_text_or_percent_numbers_is_left_alone(store: Store) -> None:
    header = rf.BUSINESS_REPORT_SKU
    rows = [
        dict.fromkeys(header, 0)
        | {
            "(Child) ASIN": "B0A",
            "SKU": "A",
            "Featured Offer (Buy Box) Percentage": "97.50%",
            "Units Ordered": 7,
        },
        dict.fromkeys(header, 0)
        | {
            "(Child) ASIN": "B0B",
            "SKU": "B",
            "Featured Offer (Buy Box) Percentage": 88.5,
            "Units Ordered": 7,
        },
    ]
    load(store, rf.xlsx_file(header, rows), "BusinessReport.xlsx", period=(D(2026, 7, 1), D(2026, 7, 7)))
    got = store.table_df("sales_daily").groupby("sku")["buy_box_pct"].first().to_dict()
    assert got == {"A": 97.5, "B": 88.5}


def test_xlsx_with_wrong_dimension_and_title_rows_reads_every_row(store: Store) -> None:
    rows = [
        ["美国", "A", f"活动{i}", D(2026, 7, 1) + dt.timedelta(days=i % 5), "SP", 100, 2, 1, 1.25, 10.0]
        for i in range(40)
    ]
    data = rf.xlsx_file(rf.LINGXING_CAMPAIGN, rows, title_rows=["广告活动报表"], wrong_dimension=True)
    result = load(store, data, "lx.xlsx")
    assert result.rows_loaded == 40
    assert store.table_df("ads_daily")["spend"].sum() == pytest.approx(50.0)


# ---------------------------------------------------------------------------------------------------------
# headers


def test_duplicate_and_empty_header_cells(store: Store) -> None:
    header = ["sku", "", "afn-listing-exists", "afn-fulfillable-quantity", "afn-fulfillable-quantity", "asin"]
    data = rf.flat_file(header, [["S1", "junk", "Yes", "5", "99", "B0S1"]])
    load(store, data, "inv.txt", snapshot_date=D(2026, 7, 1))
    row = rows_of(store, "inventory_snapshot").iloc[0]
    assert (row.sku, row.available, row.asin) == ("S1", 5.0, "B0S1")  # the first of duplicated columns wins


def test_b2b_column_before_the_total_is_never_read_as_the_total(store: Store) -> None:
    header = [
        "(Child) ASIN",
        "SKU",
        "Sessions \u2013 Total \u2013 B2B",
        "Units Ordered - B2B",
        "Units ordered ",
        "Sessions \u2013 total",
    ]
    data = rf.text_file(header, [["B0A", "A", "5", "1", "14", "70"]])
    load(store, data, "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    got = store.table_df("sales_daily")
    assert got["units"].sum() == pytest.approx(14.0)
    assert got["sessions"].sum() == pytest.approx(70.0)


def test_header_only_file_is_refused_with_no_data_rows(store: Store) -> None:
    before = table_snapshot(store)
    with pytest.raises(ImportRefused) as err:
        load(
            store,
            rf.text_file(rf.BUSINESS_REPORT_SKU, []),
            "BusinessReport.csv",
            period=(D(2026, 7, 1), D(2026, 7, 7)),
        )
    assert str(err.value) == (
        "BusinessReport.csv: a Business Report (by SKU / by child item) with a header but no data rows; "
        "nothing to import"
    )
    assert table_snapshot(store) == before


def test_unrecognised_file_names_the_closest_kind_and_the_columns_it_lacks(store: Store) -> None:
    header = [h for h in rf.ALL_ORDERS if h not in ("purchase-date", "order-status")]
    data = rf.flat_file(header, [{"amazon-order-id": "1", "sku": "S", "quantity": "1"}])
    with pytest.raises(ImportRefused) as err:
        load(store, data, "orders.txt")
    assert str(err.value) == (
        "orders.txt: not a recognised report; closest is All Orders, which lacks the columns: "
        "purchase-date, order-status"
    )
    assert (
        err.value.message("zh")
        == "orders.txt：无法识别的报表；最接近的是「All Orders」，但缺少列：purchase-date, order-status"
    )


# ---------------------------------------------------------------------------------------------------------
# refusals: file, line, column, value; nothing written


def test_bad_number_is_refused_with_the_exact_line_column_and_value(store: Store) -> None:
    # line 2 is a product name that spans lines 2-3 (quoted newline), so the bad row is on line 5
    rows = [
        {"(Child) ASIN": "B0A", "SKU": "A", "Title": "Mug,\nblue", "Units Ordered": "1"},
        {"(Child) ASIN": "B0B", "SKU": "B", "Units Ordered": "2"},
        {"(Child) ASIN": "B0C", "SKU": "C", "Units Ordered": "3 units"},
        {"(Child) ASIN": "B0D", "SKU": "D", "Units Ordered": "abc"},
    ]
    store_before = table_snapshot(store)
    with pytest.raises(ImportRefused) as err:
        load(store, _br(rows), "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    exc = err.value
    assert (exc.code, exc.line, exc.column) == ("bad_number", 5, "Units Ordered")
    assert str(exc) == (
        "BusinessReport.csv: line 5, column 'Units Ordered': cannot read '3 units' as a number "
        "(1 more rows rejected; --allow-partial imports the good rows)"
    )
    assert exc.message("zh").startswith(
        "BusinessReport.csv：第 5 行，列「Units Ordered」：无法将「3 units」读作数字"
    )
    assert "\n" not in str(exc)
    assert "\n" not in exc.message("zh")
    assert table_snapshot(store) == store_before


def test_bad_date_in_a_workbook_names_the_sheet_row(store: Store) -> None:
    rows = [
        ["美国", "A", "C1", D(2026, 7, 1), "SP", 1, 1, 0, 1.0, 0.0],
        ["美国", "A", "C2", "31/31/2026", "SP", 1, 1, 0, 1.0, 0.0],
    ]
    data = rf.xlsx_file(rf.LINGXING_CAMPAIGN, rows, title_rows=["广告活动报表", "导出时间"])
    with pytest.raises(ImportRefused) as err:
        load(store, data, "lx.xlsx")
    assert (err.value.code, err.value.line, err.value.column) == ("bad_date", 5, "日期")
    assert "'31/31/2026'" in str(err.value)


def test_empty_required_value_and_unknown_marketplace_are_refused(store: Store) -> None:
    data = _orders(
        {
            "amazon-order-id": "1",
            "purchase-date": "2026-07-01T17:00:00+00:00",
            "order-status": "Shipped",
            "sku": "S",
            "quantity": "1",
        },
        {
            "amazon-order-id": "2",
            "purchase-date": "2026-07-01T17:00:00+00:00",
            "order-status": "Shipped",
            "sku": "",
            "quantity": "1",
        },
    )
    with pytest.raises(ImportRefused) as err:
        load(store, data, "orders.txt")
    assert str(err.value) == (
        "orders.txt: line 3, column 'sku': the value is empty but required "
        "(0 more rows rejected; --allow-partial imports the good rows)"
    )
    restock = rf.flat_file(
        rf.RESTOCK,
        [
            {
                "Country": "Atlantis",
                "Merchant SKU": "S",
                "Available": "1",
                "Alert": "",
                "Recommended replenishment qty": "0",
            }
        ],
    )
    with pytest.raises(ImportRefused) as err:
        load(store, restock, "restock.txt")
    assert (err.value.code, err.value.line, err.value.column) == ("bad_marketplace", 2, "Country")
    assert "'Atlantis' is not a known Amazon marketplace" in str(err.value)


def test_template_vocabulary_is_checked(store: Store) -> None:
    data = rf.text_file(
        rf.TEMPLATE_SHIPMENT, [["FBA1", "S", "US", "10", "teleport", "", "2026-07-20", "in_transit", "", ""]]
    )
    with pytest.raises(ImportRefused) as err:
        load(store, data, "shipments.csv")
    assert (err.value.code, err.value.line, err.value.column) == ("bad_vocab", 2, "mode")


@pytest.mark.parametrize(
    ("data", "code", "en", "zh"),
    [
        (
            b"",
            "parse.empty",
            "x.csv: cannot be read as a table: the file is empty",
            "x.csv：无法作为表格读取：文件是空的",
        ),
        (b"%PDF-1.4 binary", "parse.binary", "not a table (binary content", "不是表格"),
        (
            b"<!DOCTYPE html><html><table><tr><td>sku</td></tr></table></html>",
            "parse.html",
            "an HTML or XML page, not a table: open it and save it as CSV",
            "网页",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "parse.bad_workbook",
            "not a readable Excel workbook",
            "Excel 工作簿",
        ),
        (
            b'sku,units\r\nA,"1\r\nB,2\r\n',
            "parse.quotes",
            "the quoted field starting on line 2 never ends",
            "第 2 行",
        ),
    ],
)
def test_unreadable_files_are_refused_in_one_translated_line(
    store: Store, data: bytes, code: str, en: str, zh: str
) -> None:
    before = table_snapshot(store)
    with pytest.raises(ImportRefused) as err:
        load(store, data, "x.csv")
    exc = err.value
    assert exc.code == "unreadable"
    assert exc.params["reason_key"] == code
    assert en in str(exc)
    assert str(exc).startswith("x.csv: ")
    assert zh in exc.message("zh")
    assert exc.message("zh").startswith("x.csv：")
    assert "\n" not in str(exc)
    assert table_snapshot(store) == before


def test_unknown_sheet_is_refused_with_the_sheets_there_are(store: Store) -> None:
    data = rf.xlsx_file(
        rf.LINGXING_CAMPAIGN, [["美国", "A", "C", D(2026, 7, 1), "SP", 1, 1, 0, 1.0, 0.0]], sheet="广告活动"
    )
    with pytest.raises(ImportRefused) as err:
        load(store, data, "lx.xlsx", sheet="Orders")
    assert str(err.value) == "lx.xlsx: cannot be read as a table: no sheet named 'Orders' (sheets: 广告活动)"
    assert (
        err.value.message("zh") == "lx.xlsx：无法作为表格读取：没有名为「Orders」的工作表（现有：广告活动）"
    )


def test_every_parse_error_code_has_a_translation() -> None:
    package = ROOT / "inventory_core" / "ingest" / "parsing"
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py")))
    import re

    codes = set(re.findall(r'code="(parse\.\w+)"', source)) | {"parse.error"}
    assert codes >= {
        "parse.empty",
        "parse.binary",
        "parse.html",
        "parse.no_header",
        "parse.quotes",
        "parse.password",
        "parse.bad_workbook",
        "parse.no_sheet",
    }
    params = {
        "reason": "r",
        "n": 30,
        "line": 3,
        "sheet": "s",
        "sheets": "a, b",
        "column": "c",
        "limit": "2,000",
        "width": 21,
        "encoding": "UTF-8",
        "format": ".ods",
        "rows": "1",
        "cols": "1",
    }
    for code in codes:
        assert t(code, "en", **params)
        assert t(code, "zh", **params)


def test_missing_file_is_refused_in_one_line(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as err:
        import_file(store, tmp_path / "nope.csv")
    assert err.value.code == "io"
    assert str(err.value).startswith("nope.csv: cannot open the file (")


def test_a_refused_file_leaves_the_database_unchanged(store: Store) -> None:
    load(
        store,
        _br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "7"}]),
        "BusinessReport.csv",
        period=(D(2026, 7, 1), D(2026, 7, 7)),
    )
    load(
        store,
        _orders(
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-02T17:00:00+00:00",
                "order-status": "Shipped",
                "sku": "A",
                "quantity": "2",
            }
        ),
        "orders.txt",
    )
    before = table_snapshot(store)
    refusals = [
        (
            _br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "x"}]),
            "BR2.csv",
            {"period": (D(2026, 7, 1), D(2026, 7, 7))},
        ),
        (_br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "8"}]), "BR.csv", {}),
        (
            _orders(
                {
                    "amazon-order-id": "2",
                    "purchase-date": "yesterday",
                    "order-status": "Shipped",
                    "sku": "A",
                    "quantity": "1",
                }
            ),
            "orders2.txt",
            {},
        ),
        (b"\x00\x01\x02garbage", "garbage.csv", {}),
        (rf.text_file(["foo", "bar"], [["1", "2"]]), "foo.csv", {}),
    ]
    for data, name, options in refusals:
        with pytest.raises(ImportRefused):
            load(store, data, name, **options)
        assert table_snapshot(store) == before, name


# ---------------------------------------------------------------------------------------------------------
# partial imports


def test_allow_partial_drops_bad_rows_of_a_period_report_from_every_day(store: Store) -> None:
    rows = [
        {"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "70", "Sessions - Total": "700"},
        {"(Child) ASIN": "B0B", "SKU": "B", "Units Ordered": "7O", "Sessions - Total": "70"},
        {"(Child) ASIN": "B0C", "SKU": "C", "Units Ordered": "14", "Sessions - Total": "1,4OO"},
    ]
    result = load(
        store, _br(rows), "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)), allow_partial=True
    )
    assert (result.rows_loaded, result.rows_rejected) == (7, 2)
    got = store.table_df("sales_daily")
    assert set(got["sku"]) == {"A"}  # B and C are on no day at all
    assert got["units"].sum() == pytest.approx(70.0)
    rejects = store.rejects_df(result.import_id)
    assert rejects[["line", "column", "value", "reason"]].values.tolist() == [
        [3, "Units Ordered", "7O", "number"],
        [4, "Sessions - Total", "1,4OO", "number"],
    ]


def test_allow_partial_with_spread_ads_and_filtered_inventory_rows(store: Store) -> None:
    velocity = _sp_summary(
        [
            {
                "Start Date": "07/01/2026",
                "End Date": "07/03/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": "$3.00",
                "7 Day Total Sales ": "0",
            },
            {
                "Start Date": "07/01/2026",
                "End Date": "07/03/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S2",
                "Spend": "three",
                "7 Day Total Sales ": "0",
            },
        ]
    )
    result = load(store, velocity, "sp.csv", allow_partial=True)
    assert result.rows_rejected == 1
    assert set(store.table_df("ads_daily")["sku"]) == {"S1"}
    inv = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {"sku": "MFN", "afn-listing-exists": "No", "afn-fulfillable-quantity": "0"},
            {"sku": "BAD", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "lots"},
            {"sku": "OK", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "4"},
        ],
    )
    result = load(store, inv, "inv.txt", snapshot_date=D(2026, 7, 1), allow_partial=True)
    assert result.rows_rejected == 1
    assert store.table_df("inventory_snapshot")[["sku", "available"]].values.tolist() == [["OK", 4.0]]


def test_prepare_previews_without_writing(store: Store) -> None:
    before = table_snapshot(store)
    prepared = prepare(
        _orders(
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-02T17:00:00+00:00",
                "order-status": "Shipped",
                "sku": "A",
                "quantity": "2",
            }
        ),
        "orders.txt",
        store,
    )
    assert prepared.rows == 1
    assert prepared.date_range() == (D(2026, 7, 2), D(2026, 7, 2))
    assert table_snapshot(store) == before
    assert commit(store, prepared).status == "imported"
    assert commit(store, prepared).status == "skipped"  # the same bytes committed twice: once


# ---------------------------------------------------------------------------------------------------------
# idempotency, overlapping periods, precedence, undo


def test_the_same_file_again_changes_nothing_and_says_so(store: Store) -> None:
    data = _br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "7"}])
    first = load(store, data, "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    before = table_snapshot(store)
    again = load(store, data, "BusinessReport (1).csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    assert (again.status, again.import_id, again.rows_loaded) == ("skipped", first.import_id, 0)
    assert again.notes == (f"already imported (import {first.import_id}); nothing changed",)
    assert table_snapshot(store) == before


def test_overlapping_periods_replace_the_older_rows(store: Store) -> None:
    load(
        store,
        _br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "70"}]),
        "BR-a.csv",
        period=(D(2026, 7, 1), D(2026, 7, 7)),
    )
    newer = load(
        store,
        _br([{"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "14"}]),
        "BR-b.csv",
        period=(D(2026, 7, 6), D(2026, 7, 12)),
    )
    expected = {f"2026-07-0{d}": 10.0 for d in range(1, 6)} | {
        "2026-07-06": 2.0,
        "2026-07-07": 2.0,
        **{f"2026-07-{d:02}": 2.0 for d in range(8, 13)},
    }
    assert by_day(store, "sales_daily", "units") == expected
    store.undo(newer.import_id)  # undo restores what the newer import replaced
    assert by_day(store, "sales_daily", "units") == {f"2026-07-0{d}": 10.0 for d in range(1, 8)}


def test_orders_give_units_and_the_business_report_gives_sessions_on_the_same_sku_day(store: Store) -> None:
    load(
        store,
        _br(
            [
                {
                    "(Child) ASIN": "B0A",
                    "SKU": "A",
                    "Units Ordered": "70",
                    "Sessions - Total": "700",
                    "Featured Offer (Buy Box) Percentage": "95%",
                }
            ]
        ),
        "BR.csv",
        period=(D(2026, 7, 1), D(2026, 7, 7)),
    )
    load(
        store,
        _orders(
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-02T17:00:00+00:00",
                "order-status": "Shipped",
                "sku": "A",
                "asin": "B0A",
                "quantity": "3",
                "item-price": "30",
            }
        ),
        "orders.txt",
    )
    got = rows_of(store, "sales_daily", "date").set_index("date")
    assert got.loc[D(2026, 7, 2), ["units", "revenue", "sessions", "buy_box_pct"]].tolist() == [
        3.0,
        30.0,
        100.0,
        95.0,
    ]
    assert got.loc[D(2026, 7, 3), ["units", "sessions"]].tolist() == [10.0, 100.0]


def test_undo_brings_back_replaced_ads_and_inventory(store: Store) -> None:
    old = _sp_summary(
        [
            {
                "Start Date": "07/01/2026",
                "End Date": "07/02/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": "4",
                "7 Day Total Sales ": "0",
            }
        ]
    )
    new = _sp_summary(
        [
            {
                "Start Date": "07/02/2026",
                "End Date": "07/02/2026",
                "Campaign Name": "C",
                "Advertised SKU": "S1",
                "Spend": "5",
                "7 Day Total Sales ": "0",
            }
        ]
    )
    load(store, old, "old.csv")
    before = store.table_df("ads_daily").sort_values("date").reset_index(drop=True)
    result = load(store, new, "new.csv")
    assert by_day(store, "ads_daily", "spend") == {"2026-07-01": 2.0, "2026-07-02": 5.0}
    store.undo(result.import_id)
    after = store.table_df("ads_daily").sort_values("date").reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)


# ---------------------------------------------------------------------------------------------------------
# the demo files (data/samples), checked against the files themselves


def _manifest() -> list[dict[str, str | None]]:
    return json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def _money(text: str) -> float:
    text = text.strip()
    for token in ("US$", "$", ","):
        text = text.replace(token, "")
    return float(text) if text not in ("", "-", "--") else 0.0


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """Every sample file imported (with the manifest's options), as a read-only store."""
    if not (SAMPLES / "manifest.json").exists():
        pytest.skip("data/samples has not been generated")
    path = tmp_path_factory.mktemp("demo") / "samples.duckdb"
    with Store(path) as store:
        for entry in _manifest():
            start, end = entry.get("period_start"), entry.get("period_end")
            snapshot = entry.get("snapshot_date")
            options = ImportOptions(
                marketplace=entry.get("marketplace") or "US",
                period=(D.fromisoformat(start), D.fromisoformat(end))
                if start and end and entry["kind"] == "business_report"
                else None,
                snapshot_date=D.fromisoformat(snapshot) if snapshot else None,
            )
            result = import_file(store, SAMPLES / str(entry["path"]), options=options)
            assert (result.status, result.kind, result.rows_rejected) == ("imported", entry["kind"], 0), entry
    with Store(path, read_only=True) as store:
        yield store


def test_demo_every_sample_imports_as_its_kind(demo: Store) -> None:
    log = demo.imports()
    assert len(log) == len(_manifest())
    assert {r.status for r in log} == {"active"}
    assert all(r.rows_loaded > 0 for r in log)


def test_demo_all_orders_units_per_local_day(demo: Store) -> None:
    path = next(SAMPLES.glob("sales/All_Orders_*.txt"))
    pacific = zoneinfo.ZoneInfo("America/Los_Angeles")
    units: dict[dt.date, float] = defaultdict(float)
    for row in _read_csv(path, "\t"):
        if row["order-status"].lower() == "cancelled" or row.get("item-status", "").lower() == "cancelled":
            continue
        stamp = dt.datetime.fromisoformat(row["purchase-date"]).astimezone(pacific)
        units[stamp.date()] += float(row["quantity"])
    sales = demo.table_df("sales_daily")
    sales = sales[sales["date"].dt.date.isin(units.keys())]
    got = sales.groupby(sales["date"].dt.date)["units"].sum().to_dict()
    assert got == pytest.approx(dict(units))


def test_demo_business_report_sessions_per_week(demo: Store) -> None:
    entries = [e for e in _manifest() if e["kind"] == "business_report"]
    sales = demo.table_df("sales_daily")
    for entry in entries:
        rows = _read_csv(SAMPLES / str(entry["path"]))
        column = next(
            h for h in rows[0] if " ".join(h.replace("\u2013", "-").split()).lower() == "sessions - total"
        )
        expected = sum(float(r[column].replace(",", "")) for r in rows)
        start, end = pd.Timestamp(str(entry["period_start"])), pd.Timestamp(str(entry["period_end"]))
        week = sales[(sales["date"] >= start) & (sales["date"] <= end)]
        assert week["sessions"].sum() == pytest.approx(expected), entry["path"]


def test_demo_sponsored_products_spend_from_the_workbook_and_the_console(demo: Store) -> None:
    import openpyxl

    book = openpyxl.load_workbook(
        SAMPLES / "ads" / "Sponsored_Products_Advertised_product_report.xlsx", read_only=False, data_only=True
    )
    sheet = book.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    header_row = next(i for i, r in enumerate(values) if r and "Spend" in [str(c).strip() for c in r if c])
    header = [str(c).strip() if c is not None else "" for c in values[header_row]]
    spend_col = header.index("Spend")
    xlsx_spend = sum(
        _money(str(r[spend_col])) if isinstance(r[spend_col], str) else float(r[spend_col] or 0)
        for r in values[header_row + 1 :]
        if any(c is not None for c in r)
    )
    console = _read_csv(SAMPLES / "ads" / "Sponsored_Products_Advertised_product_console.csv")
    console_spend = sum(_money(r["Total cost"]) for r in console)
    velocity = demo.table_df("ads_daily")
    assert velocity.loc[velocity["ad_type"] == "SP", "spend"].sum() == pytest.approx(
        xlsx_spend + console_spend
    )
    sd = _read_csv(SAMPLES / "ads" / "Sponsored_Display_Advertised_product_report.csv")
    assert velocity.loc[velocity["ad_type"] == "SD", "spend"].sum() == pytest.approx(
        sum(_money(r["Spend"]) for r in sd)
    )


def test_demo_keyword_ranks_keep_beyond_values(demo: Store) -> None:
    ranks = demo.table_df("keyword_rank")
    beyond = ranked = total = 0
    for path in sorted(SAMPLES.glob("ranks/helium10-kt-*.csv")):
        for row in _read_csv(path):
            total += 1
            rank = row["Organic Rank"].strip()
            beyond += rank.startswith(">")
            ranked += rank.isdigit()
    assert len(ranks) == total
    assert int(ranks["organic_rank_beyond"].notna().sum()) == beyond
    assert int(ranks["organic_rank"].notna().sum()) == ranked


def test_demo_latest_inventory_snapshot_matches_the_file(demo: Store) -> None:
    path = max(SAMPLES.glob("inventory/Inventory_Planning_*.csv"))
    rows = _read_csv(path)
    day = max(r["snapshot-date"] for r in rows)
    expected = sum(float(r["available"]) for r in rows if r["snapshot-date"] == day)
    inv = demo.table_df("inventory_snapshot")
    manage = [e for e in _manifest() if e["kind"] in ("manage_fba_inventory", "restock_inventory")]
    if any(e.get("snapshot_date") == day for e in manage):
        pytest.skip("a stock report of the same day replaces the planning rows")
    got = inv.loc[inv["snapshot_date"] == pd.Timestamp(day), "available"].sum()
    assert got == pytest.approx(expected)


# ---------------------------------------------------------------------------------------------------------
# robustness: whatever the rows hold, an import succeeds or is refused in one line


_HEADERS = [v for k, v in vars(rf).items() if k.isupper() and isinstance(v, list) and not k.startswith("_")]
_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "-",
            "--",
            ">306",
            "365+",
            "US$1,234.56",
            "12.02%",
            "有花费无点击",
            "2026-07-31",
            "7/1/26",
            "Jul 01, 2026 - Jul 07, 2026",
            "2017-06-17T08:04:21+00:00",
            "Cancelled",
            "United States",
            "SP",
            "sea",
            "in_transit",
            "true",
            "B0ABCDEF12",
            "SKU-1",
            "0",
            "5",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=6),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(
    st.sampled_from(_HEADERS),
    st.lists(st.lists(_CELLS, min_size=45, max_size=45), max_size=4),
    st.booleans(),
    st.sampled_from(["csv", "tsv"]),
)
def test_any_rows_under_a_known_header_import_or_are_refused_in_one_line(
    header: list[str], rows: list[list[str]], partial: bool, fmt: str
) -> None:
    rows = [row[: len(header)] for row in rows]
    if fmt == "tsv":
        data = rf.flat_file(header, [[" ".join(c.split()) for c in row] for row in rows])
    else:
        data = rf.text_file(header, rows)
    with Store(":memory:") as store:
        refused: ImportRefused | None = None
        try:
            prepared = prepare(
                data,
                "f.csv",
                store,
                ImportOptions(period=(D(2026, 7, 1), D(2026, 7, 7)), allow_partial=partial),
            )
        except ImportRefused as exc:
            refused = exc
        if refused is not None:
            assert "\n" not in str(refused)
            assert "\n" not in refused.message("zh")
            assert table_snapshot(store)["import_log"] == []
            return
        result = commit(store, prepared)
        assert result.status == "imported"
        assert result.rows_loaded == prepared.rows
        assert len(store.imports()) == 1

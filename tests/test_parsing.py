"""Known-answer tests for inventory_core.ingest.parsing: files in every encoding and shape of REPORTS.md, and
the value parsers' tables of quirks."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import math
import random
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_files import ALL_ORDERS

from inventory_core.ingest.parsing.dates import parse_date, parse_date_range, sniff_period_from_filename
from inventory_core.ingest.parsing.errors import ParseError
from inventory_core.ingest.parsing.headers import normalise_header
from inventory_core.ingest.parsing.numbers import parse_number, parse_rank
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.ingest.parsing.tables import RawTable

NaN = math.nan

# Real headers (shared/formats/REPORTS.md).
BUSINESS_REPORT = (
    "(Parent) ASIN,(Child) ASIN,Title,SKU,Sessions - Total,Sessions - Total - B2B,Session Percentage - Total,"
    "Session Percentage - Total - B2B,Page Views - Total,Page Views - Total - B2B,"
    "Page Views Percentage - Total,Page Views Percentage - Total - B2B,Featured Offer (Buy Box) Percentage,"
    "Featured Offer (Buy Box) Percentage - B2B,Units Ordered,Units Ordered - B2B,Unit Session Percentage,"
    "Unit Session Percentage - B2B,Ordered Product Sales,Ordered Product Sales - B2B,Total Order Items,"
    "Total Order Items - B2B"
)
MANAGE_FBA = (
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
)
CHINESE_BUSINESS_REPORT = (
    "(父)ASIN,(子)ASIN,标题,SKU,会话数 - 总计,会话百分比 - 总计,页面浏览量 - 总计,"
    "推荐报价（推荐报价展示位）百分比,已订购商品数量,商品会话百分比,已订购商品销售额,订单商品总数"
)
LINGXING_CAMPAIGN = [
    "国家",
    "广告组合",
    "广告活动",
    "日期",
    "类型",
    "曝光量",
    "点击",
    "广告订单",
    "花费",
    "广告销售额",
]
ADS_CONSOLE = (
    "Budget currency,Date range,Advertiser account ID,Advertiser account name,Portfolio ID,Portfolio name,"
    "Campaign ID,Campaign name,Ad group ID,Ad group name,Impressions,Clicks,Total cost"
)


def known_header_score(names: Sequence[str]) -> float:
    """A header scorer like the importers': how many cells are known column names."""
    known = {
        normalise_header(n)
        for n in [*BUSINESS_REPORT.split(","), *MANAGE_FBA, *LINGXING_CAMPAIGN, "sku", "货件单号", "货件状态"]
    }
    return float(sum(normalise_header(n) in known for n in names))


def column(table: RawTable, name: str) -> list[object]:
    """Values of the first column whose header normalises like ``name`` (NA as None)."""
    keys = [normalise_header(h) for h in table.header]
    values = table.data[f"c{keys.index(normalise_header(name))}"]
    return [None if pd.isna(v) else v for v in values]


# --------------------------------------------------------------------------------------------------
# normalise_header
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sessions – Total", "sessions - total"),
        ("sessions - total ", "sessions - total"),
        ("Sessions - Total", "sessions - total"),
        ("Sessions — Total", "sessions - total"),
        ("Sessions − Total", "sessions - total"),
        ("Sessions － Total", "sessions - total"),
        ("Sessions -Total", "sessions - total"),
        ("\ufeffSKU", "sku"),
        ("  Units   Ordered ", "units ordered"),
        ("7 Day Total Sales ", "7 day total sales"),
        ("Total Advertising Cost of Sales (ACoS)", "total advertising cost of sales (acos)"),
        ("afn-total-quantity", "afn-total-quantity"),
        ("afn\u2011total\u2010quantity", "afn-total-quantity"),
        ("推荐报价（推荐报价展示位）百分比", "推荐报价(推荐报价展示位)百分比"),
        ("推荐报价(推荐报价展示位)百分比", "推荐报价(推荐报价展示位)百分比"),
        ("会话数 – 总计", "会话数 - 总计"),
        ("订单号：", "订单号:"),
        ("Größe", "grösse"),
    ],
)
def test_normalise_header(raw: str, expected: str) -> None:
    assert normalise_header(raw) == expected


def test_normalise_header_keeps_b2b_variant_distinct() -> None:
    assert normalise_header("Sessions – Total – B2B") != normalise_header("Sessions - Total")


@given(st.text(max_size=40))
def test_normalise_header_is_idempotent(name: str) -> None:
    once = normalise_header(name)
    assert normalise_header(once) == once


# --------------------------------------------------------------------------------------------------
# parse_number
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,131", 12131.0),
        ("12.02%", 12.02),
        ("$12,905.25", 12905.25),
        ("US$1,234.56", 1234.56),
        ("£3.50", 3.5),
        ("₹1,00,000", 100000.0),
        ("MX$99.00", 99.0),
        ("￥1,500", 1500.0),
        ("-$5.00", -5.0),
        ("$-5.00", -5.0),
        ("($5.00)", -5.0),
        ("−3", -3.0),
        ("365+", 365.0),
        (">306", 306.0),
        ("12,5", 12.5),
        ("1.234,56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56 €", 1234.56),
        ("1.234.567", 1234567.0),
        ("USD 12.00", 12.0),
        ("12.00 EUR", 12.0),
        ("  42 ", 42.0),
        ("0", 0.0),
        (".5", 0.5),
        ("7.", 7.0),
        ("1.5E+05", 150000.0),
    ],
)
def test_parse_number_known_answers(raw: str, expected: float) -> None:
    result = parse_number(pd.Series([raw]))
    assert result.values.tolist() == [pytest.approx(expected)]
    assert not result.bad.any()


@pytest.mark.parametrize("raw", ["-", "--", "—", "N/A", "n/a", "", "   ", None])
def test_parse_number_placeholders_are_missing_not_bad(raw: str | None) -> None:
    assert math.isnan(parse_number(pd.Series([raw], dtype="str")).values[0])
    assert parse_number(pd.Series([raw], dtype="str"), placeholder_zero=True).values.tolist() == [0.0]
    assert not parse_number(pd.Series([raw], dtype="str")).bad.any()


@pytest.mark.parametrize("raw", ["有花费无点击", "有花费无销售额", "有花费无订单", "有花费无数据"])
def test_parse_number_lingxing_placeholders_are_zero(raw: str) -> None:
    result = parse_number(pd.Series([raw, "1.5"]))
    assert result.values.tolist() == [0.0, 1.5]
    assert not result.bad.any()


@pytest.mark.parametrize("raw", ["abc", "12..3", "1-2", "$", "(5", "5)", "--5", "12 units", "1,2.3.4,5"])
def test_parse_number_bad_values(raw: str) -> None:
    result = parse_number(pd.Series([raw, "7"]))
    assert result.bad.tolist() == [True, False]
    assert math.isnan(result.values[0])
    assert result.values[1] == 7.0


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # A comma with 1-2 trailing digits anywhere in the column makes the comma decimal for all cells.
        (["1.234,56", "12,5", "7", "1.000"], [1234.56, 12.5, 7.0, 1000.0]),
        (["12,131", "1,234", "3"], [12131.0, 1234.0, 3.0]),
        (["1,234.56", "12.5"], [1234.56, 12.5]),
        # ... unless a value looks like US 1,234.56: then the column is US style.
        (["1,234.56", "12,50"], [1234.56, 1250.0]),
        (["1.000", "2.5"], [1.0, 2.5]),
    ],
)
def test_parse_number_decides_decimal_comma_per_column(values: list[str], expected: list[float]) -> None:
    assert parse_number(pd.Series(values)).values.tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "currency"),
    [
        (["$12.00", "$1.00"], "USD"),
        (["US$1,234.56"], "USD"),
        (["MX$99.00"], "MXN"),
        (["CA$5.00"], "CAD"),
        (["C$5.00"], "CAD"),
        (["A$5.00"], "AUD"),
        (["AU$5.00"], "AUD"),
        (["£3.50"], "GBP"),
        (["12,50 €"], "EUR"),
        (["₹1,00,000"], "INR"),
        (["￥1,500"], "JPY"),
        (["¥1,500"], "JPY"),
        (["CN¥1,500"], "CNY"),
        (["RMB 1,500"], "CNY"),
        (["USD 12.00"], "USD"),
        (["12.00 EUR"], "EUR"),
        (["($5.00)"], "USD"),
        (["12.5", "3"], None),
        (["12.02%"], None),
        (["€1", "€2", "$3"], "EUR"),
    ],
)
def test_currency_is_inferred(values: list[str], currency: str | None) -> None:
    assert parse_number(pd.Series(values)).currency == currency


def test_parse_number_keeps_index_and_accepts_object_series() -> None:
    s = pd.Series(["1", None, "2,5"], index=[10, 20, 30], dtype=object)
    result = parse_number(s)
    assert result.values.index.tolist() == [10, 20, 30]
    assert result.values.dtype == np.float64
    assert result.values.tolist()[0::2] == [1.0, 2.5]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=20))
def test_parse_number_round_trips_us_and_eu_formatting(numbers: list[float]) -> None:
    us = [f"${x:,.2f}" if x >= 0 else f"-${-x:,.2f}" for x in numbers]
    eu = [f"{x:,.2f} €".replace(",", " ").replace(".", ",") for x in numbers]
    expected = [round(x, 2) for x in numbers]
    assert parse_number(pd.Series(us)).values.tolist() == pytest.approx(expected, abs=0.006)
    assert parse_number(pd.Series(eu)).values.tolist() == pytest.approx(expected, abs=0.006)


# --------------------------------------------------------------------------------------------------
# parse_rank
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "rank", "beyond", "bad"),
    [
        ("54", 54.0, NaN, False),
        (" 7 ", 7.0, NaN, False),
        ("1,204", 1204.0, NaN, False),
        (">306", NaN, 306.0, False),
        ("> 96", NaN, 96.0, False),
        ("306+", NaN, 306.0, False),
        ("-", NaN, NaN, False),
        ("", NaN, NaN, False),
        ("N/A", NaN, NaN, False),
        (None, NaN, NaN, False),
        ("abc", NaN, NaN, True),
        ("5.5", NaN, NaN, True),
        ("<3", NaN, NaN, True),
    ],
)
def test_parse_rank(raw: str | None, rank: float, beyond: float, bad: bool) -> None:
    result = parse_rank(pd.Series([raw], dtype="str"))
    assert result.rank.tolist() == pytest.approx([rank], nan_ok=True)
    assert result.beyond.tolist() == pytest.approx([beyond], nan_ok=True)
    assert result.bad.tolist() == [bad]


@given(st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=30))
def test_parse_rank_round_trips_integers(ranks: list[int]) -> None:
    assert parse_rank(pd.Series([str(r) for r in ranks])).rank.tolist() == [float(r) for r in ranks]
    assert parse_rank(pd.Series([f">{r}" for r in ranks])).beyond.tolist() == [float(r) for r in ranks]


# --------------------------------------------------------------------------------------------------
# parse_date
# --------------------------------------------------------------------------------------------------


def iso(result_values: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in result_values]


@pytest.mark.parametrize(
    ("values", "expected", "fmt"),
    [
        (["2026-07-31"], ["2026-07-31"], "%Y-%m-%d"),
        (["2026/07/31"], ["2026-07-31"], "%Y/%m/%d"),
        (["7/1/26", "7/15/26"], ["2026-07-01", "2026-07-15"], "%m/%d/%y"),
        (["01/04/26", "13/04/26"], ["2026-04-01", "2026-04-13"], "%d/%m/%y"),  # India: day > 12 seen
        (["01/13/26", "01/04/26"], ["2026-01-13", "2026-01-04"], "%m/%d/%y"),  # second field > 12
        (["01/04/26", "02/05/26"], ["2026-01-04", "2026-02-05"], "%m/%d/%y"),  # ambiguous: US default
        (["07/01/2026"], ["2026-07-01"], "%m/%d/%Y"),
        (["Dec 01, 2019"], ["2019-12-01"], "%b %d, %Y"),
        (["Sep 01, 2026", "May 3, 2026"], ["2026-09-01", "2026-05-03"], "%b %d, %Y"),
        (["September 01, 2026"], ["2026-09-01"], "%B %d, %Y"),
        (["2017-06-17T08:04:21+00:00"], ["2017-06-17"], "%Y-%m-%dT%H:%M:%S"),
        (["2017-06-17T23:59:59-07:00"], ["2017-06-17"], "%Y-%m-%dT%H:%M:%S"),  # the date as written
        (["2017-06-17T08:04:21Z"], ["2017-06-17"], "%Y-%m-%dT%H:%M:%S"),
        (["2017-06-17T08:04:21.123Z"], ["2017-06-17"], "%Y-%m-%dT%H:%M:%S"),
        (["2/11/2026 4:01 PM"], ["2026-02-11"], "%m/%d/%Y %I:%M %p"),
        (["Jul 1, 2026 11:59:59 PM PDT"], ["2026-07-01"], "%b %d, %Y %I:%M:%S %p"),
        (["2026-02-10 11:05:30"], ["2026-02-10"], "%Y-%m-%d %H:%M:%S"),
        (
            ["2026-02-10 11:05:30", "2026-02-11"],
            ["2026-02-10", "2026-02-11"],
            "%Y-%m-%d %H:%M:%S",
        ),  # xlsx midnight
        (["2026年7月31日"], ["2026-07-31"], "%Y年%m月%d日"),
        (["31.07.2026"], ["2026-07-31"], "%d.%m.%Y"),
        (["20260731"], ["2026-07-31"], "%Y%m%d"),
        (["45000", "45001"], ["2023-03-15", "2023-03-16"], "excel-serial"),
    ],
)
def test_parse_date_known_answers(values: list[str], expected: list[str], fmt: str) -> None:
    result = parse_date(pd.Series(values))
    assert result.format == fmt
    assert iso(result.values)[: len(expected)] == expected[: len(values)]
    assert result.values.dtype == "datetime64[us]"


def test_parse_date_ambiguous_day_month_follows_dayfirst() -> None:
    result = parse_date(pd.Series(["01/04/26", "02/05/26"]), dayfirst=True)
    assert (result.format, iso(result.values)) == ("%d/%m/%y", ["2026-04-01", "2026-05-02"])


def test_parse_date_evidence_beats_dayfirst() -> None:
    result = parse_date(pd.Series(["01/13/26", "01/04/26"]), dayfirst=True)
    assert (result.format, iso(result.values)) == ("%m/%d/%y", ["2026-01-13", "2026-01-04"])


def test_parse_date_is_consistent_per_column_not_per_cell() -> None:
    # 02/03 alone would be Feb 3; the column's 25/03 makes every cell day-first.
    result = parse_date(pd.Series(["02/03/2026", "25/03/2026"]))
    assert iso(result.values) == ["2026-03-02", "2026-03-25"]


def test_parse_date_evidence_outside_the_sample_of_distinct_values() -> None:
    # ~2600 distinct dates whose fields are all <= 12, then one day-first proof near the start.
    ambiguous = [
        f"{d:02d}/{m:02d}/{y}" for y in range(2000, 2018) for m in range(1, 13) for d in range(1, 13)
    ]
    values = [ambiguous[0], "25/12/2030", *ambiguous[1:]]
    result = parse_date(pd.Series(values))
    assert result.format == "%d/%m/%Y"
    assert not result.bad.any()


def test_parse_date_placeholders_and_bad_values() -> None:
    result = parse_date(
        pd.Series(["2026-07-31", "none", "", None, "-", "N/A", "garbage", "2026-02-30"], dtype="str")
    )
    assert result.format == "%Y-%m-%d"
    assert result.bad.tolist() == [False, False, False, False, False, False, True, True]
    assert iso(result.values)[0] == "2026-07-31"
    assert result.values.isna().tolist() == [False, *[True] * 7]


def test_parse_date_nothing_parses() -> None:
    result = parse_date(pd.Series(["abc", "def"], index=[5, 6]))
    assert result.format is None
    assert result.bad.tolist() == [True, True]
    assert result.values.index.tolist() == [5, 6]


def test_parse_date_empty_column() -> None:
    result = parse_date(pd.Series([], dtype="str"))
    assert (len(result.values), result.format, result.bad.size) == (0, None, 0)


@pytest.mark.parametrize(
    ("raw", "start", "end"),
    [
        ("Jul 06, 2026 - Jul 29, 2026", "2026-07-06", "2026-07-29"),
        ("2026-07-06 - 2026-07-29", "2026-07-06", "2026-07-29"),
        ("2026-07-06", "2026-07-06", "2026-07-06"),
        ("2026/07/06 ~ 2026/07/29", "2026-07-06", "2026-07-29"),
        ("2026-07-06 – 2026-07-29", "2026-07-06", "2026-07-29"),
    ],
)
def test_parse_date_range(raw: str, start: str, end: str) -> None:
    first, last = parse_date_range(pd.Series([raw]))
    assert (iso(first.values), iso(last.values)) == ([start], [end])
    assert not first.bad.any()
    assert not last.bad.any()


def test_parse_date_range_column_with_placeholder_and_bad() -> None:
    first, last = parse_date_range(pd.Series(["Jul 06, 2026 - Jul 29, 2026", None, "abc"], dtype="str"))
    assert iso(first.values) == ["2026-07-06", None, None]
    assert iso(last.values) == ["2026-07-29", None, None]
    assert first.bad.tolist() == last.bad.tolist() == [False, False, True]
    assert first.format == "%b %d, %Y"


# --------------------------------------------------------------------------------------------------
# sniff_period_from_filename
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BusinessReport-09-05-2023.csv", ("2023-09-05", "2023-09-05")),
        ("BusinessReport-25-05-2023.csv", ("2023-05-25", "2023-05-25")),
        ("BusinessReport-01-04-26.csv", ("2026-01-04", "2026-01-04")),
        ("BusinessReport_2026-07-01_2026-07-07.csv", ("2026-07-01", "2026-07-07")),
        ("SP_Advertised_20260701-20260707_report.xlsx", ("2026-07-01", "2026-07-07")),
        ("helium10-kt-B07XYZ1234-2026-02-10.csv", ("2026-02-10", "2026-02-10")),
        ("C:\\Users\\me\\Downloads\\BusinessReport-09-05-2023 (1).csv", ("2023-09-05", "2023-09-05")),
        ("订单_2026年7月1日-2026年7月7日.xlsx", ("2026-07-01", "2026-07-07")),
        ("report_2026-07-07_2026-07-01.csv", ("2026-07-01", "2026-07-07")),
        ("orders.txt", None),
        ("12345678901234.txt", None),
        ("report-2026-13-45.csv", None),
    ],
)
def test_sniff_period_from_filename(name: str, expected: tuple[str, str] | None) -> None:
    period = sniff_period_from_filename(name)
    if expected is None:
        assert period is None
    else:
        assert period == (dt.date.fromisoformat(expected[0]), dt.date.fromisoformat(expected[1]))


# --------------------------------------------------------------------------------------------------
# read_table: text files
# --------------------------------------------------------------------------------------------------


def test_business_report_utf8_bom_csv() -> None:
    row = (
        'B0PARENT01,B0CHILD001,"Mug, blue",SKU-1,"12,131",3,12.02%,0%,"1,500",0,9.5%,0%,95%,0%,'
        '56,1,4.5%,0%,"$12,905.25",$0.00,60,1'
    )
    data = ("\ufeff" + BUSINESS_REPORT + "\r\n" + row + "\r\n").encode("utf-8")
    table = read_table(data, "BusinessReport-09-05-2023.csv", header_score=known_header_score)
    assert (table.encoding, table.delimiter, table.header_line, table.sheet) == ("utf-8-sig", ",", 1, None)
    assert table.header == tuple(BUSINESS_REPORT.split(","))
    assert list(table.data.columns) == [f"c{i}" for i in range(22)]
    assert column(table, "Title") == ["Mug, blue"]
    assert column(table, "Sessions - Total") == ["12,131"]
    assert column(table, "Ordered Product Sales") == ["$12,905.25"]
    assert table.line_numbers.tolist() == [2]
    assert all(str(dtype) == "str" for dtype in table.data.dtypes)


def test_manage_fba_utf16_tsv_with_crlf_and_no_final_newline() -> None:
    rows = [
        MANAGE_FBA,
        [
            "SKU-ES-1",
            "X00ABC",
            "B0ES00001",
            "Peluche oso – talla L",
            "New",
            "19.99",
            "No",
            "",
            "Yes",
            "12",
            "10",
            "0",
            "2",
            "12",
            "0.5",
            "0",
            "5",
            "0",
            "0",
            "0",
            "0",
        ],
        [
            "SKU-ES-2",
            "X00ABD",
            "B0ES00002",
            "Taza cerámica",
            "New",
            "9.50",
            "No",
            "",
            "Yes",
            "3",
            "3",
            "0",
            "0",
            "3",
            "0.1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
        ],
    ]
    text = "\r\n".join("\t".join(r) for r in rows)
    table = read_table(text.encode("utf-16"), "inventory.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.header == tuple(MANAGE_FBA)
    assert column(table, "product-name") == ["Peluche oso – talla L", "Taza cerámica"]
    assert column(table, "mfn-fulfillable-quantity") == [None, None]
    assert column(table, "afn-future-supply-buyable") == ["0", "0"]  # last cell: no trailing \r
    assert table.line_numbers.tolist() == [2, 3]


@pytest.mark.parametrize(("codec", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_without_bom_is_detected_by_nul_pattern(codec: str, name: str) -> None:
    text = "sku\tafn-fulfillable-quantity\nA-1\t5\nB-2\t7\n"
    table = read_table(text.encode(codec), "inventory.txt")
    assert table.encoding == name
    assert column(table, "sku") == ["A-1", "B-2"]


def test_cp1252_eu_semicolon_csv() -> None:
    text = "sku;Produktname;Größe;Preis\r\nA1;Schöne Tasse;groß;12,50 €\r\nA2;Café crème;klein;3,10 €\r\n"
    table = read_table(text.encode("cp1252"), "lager.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.header == ("sku", "Produktname", "Größe", "Preis")
    assert column(table, "Produktname") == ["Schöne Tasse", "Café crème"]
    prices = parse_number(table.data["c3"])
    assert prices.values.tolist() == [12.5, 3.1]
    assert prices.currency == "EUR"


def test_gb18030_chinese_business_report() -> None:
    row = 'B0PARENT01,B0CHILD001,测试商品 蓝色,SKU-1,"1,234",12.02%,"2,345",95%,56,4.5%,"US$1,234.56",60'
    text = CHINESE_BUSINESS_REPORT + "\n" + row + "\n"
    table = read_table(text.encode("gb18030"), "业务报告.csv")
    assert table.encoding == "gb18030"
    assert table.header == tuple(CHINESE_BUSINESS_REPORT.split(","))
    assert column(table, "已订购商品数量") == ["56"]
    assert column(table, "推荐报价(推荐报价展示位)百分比") == ["95%"]
    assert column(table, "标题") == ["测试商品 蓝色"]


def test_gb18030_lingxing_export_with_placeholders() -> None:
    text = (
        ",".join(LINGXING_CAMPAIGN)
        + "\r\n美国,组合A,活动1,2026/07/31,SP,100,有花费无点击,0,1.5,有花费无销售额"
        + "\r\n美国,组合A,活动2,2026/07/31,SP,200,3,1,2.25,19.99"
    )
    table = read_table(text.encode("gb18030"), "广告.csv")
    assert table.encoding == "gb18030"
    assert parse_number(table.data["c6"]).values.tolist() == [0.0, 3.0]
    assert iso(parse_date(table.data["c3"]).values) == ["2026-07-31", "2026-07-31"]


def test_shift_jis_japanese_tsv() -> None:
    text = (
        "出品者SKU\t商品名\t価格\t数量\r\n"
        "JP-1\tテスト商品　赤\t1500\t3\r\n"
        "JP-2\t日本製マグカップ\t2,000\t1\r\n"
    )
    table = read_table(text.encode("shift_jis"), "在庫.txt")
    assert (table.encoding, table.delimiter) == ("cp932", "\t")
    assert table.header == ("出品者SKU", "商品名", "価格", "数量")
    assert column(table, "商品名") == ["テスト商品　赤", "日本製マグカップ"]


def test_fully_quoted_inventory_planning_csv() -> None:
    header = ["snapshot-date", "sku", "fnsku", "asin", "product-name", "condition", "available"]
    rows = [header, ["2026-07-01", "SKU-1", "X001", "B0001", 'Mug "Big", 12oz', "New", "5"]]
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    table = read_table(out.getvalue().encode("utf-8"), "planning.csv")
    assert table.header == tuple(header)
    assert column(table, "product-name") == ['Mug "Big", 12oz']
    assert column(table, "available") == ["5"]


def test_quoted_field_with_delimiter_and_newlines_keeps_true_line_numbers() -> None:
    text = 'sku,product-name,units\nA,"Line one,\nline two\nline three",1\nB,plain,2\n\nC,"x",3'
    table = read_table(text.encode(), "x.csv")
    assert column(table, "product-name") == ["Line one,\nline two\nline three", "plain", "x"]
    assert column(table, "units") == ["1", "2", "3"]
    assert table.line_numbers.tolist() == [2, 5, 7]  # the blank line 6 is dropped


def test_ragged_rows_are_padded_and_extra_cells_noted() -> None:
    text = "sku,units,price\r\nA,1\r\nB,2,3.5,EXTRA\r\nC,3,4.5,\r\nD\r\n"
    table = read_table(text.encode(), "ragged.csv")
    assert column(table, "sku") == ["A", "B", "C", "D"]
    assert column(table, "price") == [None, "3.5", "4.5", None]
    assert table.extra_cells_lines == (3,)  # line 4's extra cell is empty


def test_excel_text_formula_ids_are_unwrapped() -> None:
    text = (
        "\ufeff" + ADS_CONSOLE + "\n"
        'USD,"Jul 06, 2026 - Jul 29, 2026","=""254927681919372""",Acme,="1234",Main,'
        '"=""9876543210""",Camp A,="55",Group 1," 1,200 ",34,12.50\n'
    )
    table = read_table(text.encode("utf-8"), "ads.csv")
    assert column(table, "Advertiser account ID") == ["254927681919372"]
    assert column(table, "Portfolio ID") == ["1234"]
    assert column(table, "Campaign ID") == ["9876543210"]
    assert column(table, "Impressions") == ["1,200"]  # surrounding white space stripped
    first, last = parse_date_range(table.data["c1"])
    assert (iso(first.values), iso(last.values)) == (["2026-07-06"], ["2026-07-29"])


def test_title_rows_above_header_in_csv() -> None:
    text = "Restock report\nGenerated 2026-07-01\n\nsku,afn-fulfillable-quantity\nA,5\nB,7\n"
    table = read_table(text.encode(), "x.csv", header_score=known_header_score)
    assert (table.header, table.header_line) == (("sku", "afn-fulfillable-quantity"), 4)
    assert table.line_numbers.tolist() == [5, 6]


def test_header_is_first_non_empty_row_without_a_scorer_or_when_nothing_scores() -> None:
    text = "\n\nalpha,beta\n1,2\n"
    for score in (None, lambda _cells: 0.0):
        table = read_table(text.encode(), "x.csv", header_score=score)
        assert (table.header, table.header_line, column(table, "beta")) == (("alpha", "beta"), 3, ["2"])


def test_header_score_ties_go_to_the_earliest_row() -> None:
    text = "a,b\nc,d\ne,f\n"
    table = read_table(text.encode(), "x.csv", header_score=lambda cells: 0.0 if cells[0] == "a" else 1.0)
    assert table.header == ("c", "d")


def test_max_header_scan_limits_the_search() -> None:
    text = "title\nnote\nsku,afn-fulfillable-quantity\nA,5\n"
    table = read_table(text.encode(), "x.csv", header_score=known_header_score, max_header_scan=2)
    assert table.header == ("title",)


def test_duplicate_and_trailing_empty_header_cells() -> None:
    text = "sku\tunits\tunits\t\t\nA\t1\t2\t\t\n"
    table = read_table(text.encode(), "x.txt")
    assert table.header == ("sku", "units", "units")
    assert table.data.loc[0].tolist() == ["A", "1", "2"]
    assert table.extra_cells_lines == ()


def test_header_only_file_has_no_rows() -> None:
    table = read_table(b"sku,units\n", "x.csv")
    assert table.header == ("sku", "units")
    assert table.data.shape == (0, 2)
    assert table.line_numbers.tolist() == []


def test_tsv_with_unescaped_quotes_in_product_names_is_read_literally() -> None:
    text = 'sku\tproduct-name\tquantity\nA\t27" Monitor\t1\nB\t"Best" Widget\t2\nC\tplain\t3\n'
    table = read_table(text.encode(), "orders.txt")
    assert column(table, "product-name") == ['27" Monitor', '"Best" Widget', "plain"]
    assert column(table, "quantity") == ["1", "2", "3"]


def test_csv_with_stray_quote_inside_a_field_falls_back_to_lenient_reading() -> None:
    text = 'sku,product-name,units\nA,5" frame,1\nB,"ok, quoted",2\n'
    table = read_table(text.encode(), "x.csv")
    assert column(table, "product-name") == ['5" frame', "ok, quoted"]
    assert table.line_numbers.tolist() == [2, 3]


def test_tsv_product_names_with_commas_keep_tab_delimiter() -> None:
    lines = ["sku\tproduct-name\tquantity"] + [f"S{i}\tMug, blue, {i} pack, large\t{i}" for i in range(10)]
    table = read_table("\n".join(lines).encode(), "x.txt")
    assert table.delimiter == "\t"
    assert column(table, "product-name")[0] == "Mug, blue, 0 pack, large"


def test_classic_mac_line_endings() -> None:
    table = read_table(b"sku,units\rA,1\rB,2", "x.csv")
    assert column(table, "units") == ["1", "2"]
    assert table.line_numbers.tolist() == [2, 3]


def test_all_orders_dates_and_prices() -> None:
    head = "\t".join(ALL_ORDERS)
    cells = dict.fromkeys(ALL_ORDERS, "")
    cells |= {
        "amazon-order-id": "111-2222222-3333333",
        "purchase-date": "2017-06-17T08:04:21+00:00",
        "order-status": "Shipped",
        "sku": "SKU-1",
        "quantity": "2",
        "currency": "USD",
        "item-price": "25.98",
    }
    cancelled = cells | {
        "amazon-order-id": "111-2222222-4444444",
        "order-status": "Cancelled",
        "item-price": "",
    }
    text = "\n".join([head, "\t".join(cells.values()), "\t".join(cancelled.values())])
    table = read_table(text.encode(), "orders.txt")
    assert len(table.header) == len(ALL_ORDERS)
    assert (
        iso(parse_date(pd.Series(column(table, "purchase-date"), dtype="str")).values) == ["2017-06-17"] * 2
    )
    assert parse_number(pd.Series(column(table, "item-price"), dtype="str")).values.tolist() == pytest.approx(
        [25.98, NaN], nan_ok=True
    )


# --------------------------------------------------------------------------------------------------
# read_table: errors
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\r\n \n\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf\r\n"])
def test_empty_file_raises(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^orders\.txt: the file is empty$") as info:
        read_table(data, "orders.txt")
    assert info.value.file_name == "orders.txt"
    assert info.value.code == "parse.empty"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(42).randbytes(4096),
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x1f\x8b\x08\x00" + b"\x01" * 40,
    ],
)
def test_binary_garbage_raises(data: bytes) -> None:
    with pytest.raises(ParseError, match=r"^x\.csv: not a table \(binary") as info:
        read_table(data, "x.csv")
    assert info.value.code == "parse.binary"


def test_html_saved_as_xls_raises() -> None:
    with pytest.raises(ParseError, match="HTML"):
        read_table(b"<html><body><table><tr><td>sku</td></tr></table></body></html>", "report.xls")


def test_damaged_workbook_raises() -> None:
    with pytest.raises(ParseError, match=r"^x\.xlsx: not a readable Excel workbook$"):
        read_table(b"PK\x03\x04" + b"garbage" * 20, "x.xlsx")


def test_parse_error_message_is_one_line() -> None:
    err = ParseError("a.csv", "cannot read a date", line=3, column="Date", value="13/45\n/26")
    assert str(err) == "a.csv: cannot read a date (line 3, column 'Date', value '13/45 /26')"
    assert (err.line, err.column, err.value) == (3, "Date", "13/45\n/26")
    assert isinstance(err, ValueError)


def test_max_header_scan_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_header_scan"):
        read_table(b"a,b\n", "x.csv", max_header_scan=0)


# --------------------------------------------------------------------------------------------------
# read_table: spreadsheets
# --------------------------------------------------------------------------------------------------


def lingxing_workbook() -> bytes:
    """A LingXing-style export: two title rows, the header on row 3, dates and numbers as cells."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    notes = book.add_worksheet("说明")
    notes.write(0, 0, "导出说明")
    sheet = book.add_worksheet("广告活动")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write(0, 0, "广告活动报表")
    sheet.write(1, 0, "导出时间：2026-08-01 09:00")
    sheet.write_row(2, 0, LINGXING_CAMPAIGN)
    rows = [
        [
            "美国",
            "组合A",
            "活动1",
            dt.datetime(2026, 7, 31),
            "SP",
            100,
            "有花费无点击",
            0,
            1.5,
            "有花费无销售额",
        ],
        ["美国", "组合A", "活动2", dt.datetime(2026, 7, 31), "SP", 2000, 3, 1, 2.25, 19.99],
        [None] * 10,
        ["美国", "组合B", "活动3", dt.datetime(2026, 8, 1), "SB", 12345678901234, 4, 2, 3.0, 40.0],
    ]
    for i, row in enumerate(rows, start=3):
        for j, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(i, j, value, date_format)
            elif value is not None:
                sheet.write(i, j, value)
    shipments = book.add_worksheet("货件详情")
    shipments.write_row(0, 0, ["货件单号", "货件状态", "创建时间"])
    shipments.write_row(1, 0, ["FBA15ABCDEF", "WORKING"])
    shipments.write_datetime(
        1, 2, dt.datetime(2026, 7, 1, 8, 30, 5), book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    )
    book.close()
    return out.getvalue()


def test_xlsx_with_title_rows_picks_best_sheet_and_header() -> None:
    table = read_table(lingxing_workbook(), "广告.xlsx", header_score=known_header_score)
    assert (table.sheet, table.header, table.header_line) == ("广告活动", tuple(LINGXING_CAMPAIGN), 3)
    assert (table.encoding, table.delimiter) == (None, None)
    assert column(table, "日期") == ["2026-07-31", "2026-07-31", "2026-08-01"]
    assert column(table, "曝光量") == ["100", "2000", "12345678901234"]  # whole numbers without ".0"
    assert column(table, "花费") == ["1.5", "2.25", "3"]
    assert column(table, "点击") == ["有花费无点击", "3", "4"]
    assert table.line_numbers.tolist() == [4, 5, 7]  # the empty row 6 is dropped
    assert parse_number(table.data["c9"]).values.tolist() == [0.0, 19.99, 40.0]


def test_xlsx_sheet_argument_and_datetime_cells() -> None:
    table = read_table(lingxing_workbook(), "x.xlsx", sheet="货件详情")
    assert table.header == ("货件单号", "货件状态", "创建时间")
    assert table.data.loc[0].tolist() == ["FBA15ABCDEF", "WORKING", "2026-07-01 08:30:05"]
    assert parse_date(table.data["c2"]).format == "%Y-%m-%d %H:%M:%S"


def test_xlsx_without_scorer_reads_first_sheet() -> None:
    table = read_table(lingxing_workbook(), "x.xlsx")
    assert (table.sheet, table.header, len(table.data)) == ("说明", ("导出说明",), 0)


def test_xlsx_unknown_sheet_raises() -> None:
    with pytest.raises(ParseError, match=r"no sheet named 'Orders' \(sheets: 说明, 广告活动, 货件详情\)"):
        read_table(lingxing_workbook(), "x.xlsx", sheet="Orders")


def test_xlsx_with_wrong_dimension_reads_every_row() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sponsored Products"
    header = [
        "Date",
        "Campaign Name",
        "Advertised SKU",
        "Impressions",
        "Clicks",
        "Spend",
        "7 Day Total Sales ",
    ]
    sheet.append(header)
    for day in range(1, 31):
        sheet.append([dt.datetime(2026, 7, day), "Camp", f"SKU-{day}", day * 10, day, day * 0.5, day * 2.0])
    raw = io.BytesIO()
    book.save(raw)
    # Rewrite the sheet's <dimension> to "A1", as console exports do.
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', content)
                assert count == 1
            dst.writestr(item, content)
    data = broken.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as check:
        assert b'<dimension ref="A1"/>' in check.read("xl/worksheets/sheet1.xml")
    table = read_table(data, "sp.xlsx")
    assert table.header == tuple(header)  # the trailing space is kept in the header
    assert len(table.data) == 30
    assert column(table, "Advertised SKU")[-1] == "SKU-30"
    assert column(table, "Date")[:2] == ["2026-07-01", "2026-07-02"]
    assert table.line_numbers.tolist() == list(range(2, 32))


# --------------------------------------------------------------------------------------------------
# Properties and scale
# --------------------------------------------------------------------------------------------------

_CELL = st.text(alphabet=st.sampled_from(list('ab xyz,"\n\t.-é中€')), max_size=8)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=2, max_value=5).flatmap(
        lambda n: st.lists(st.lists(_CELL, min_size=n, max_size=n), max_size=8)
    )
)
def test_csv_written_by_the_csv_module_reads_back(rows: list[list[str]]) -> None:
    header = [f"col {i}" for i in range(len(rows[0]) if rows else 2)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    table = read_table(out.getvalue().encode("utf-8"), "p.csv")
    expected = [[c.strip() or None for c in row] for row in rows if any(c.strip() for c in row)]
    assert table.header == tuple(header)
    assert table.delimiter == ","
    got = [[None if pd.isna(v) else v for v in row] for row in table.data.itertuples(index=False)]
    assert got == expected


def test_two_hundred_thousand_order_lines_parse_without_blowing_up() -> None:
    """Not a timing assertion: a quadratic step would make this test take minutes instead of ~1 s."""
    n = 200_000
    rng = np.random.default_rng(42)
    days = rng.integers(1, 29, n)
    prices = rng.integers(100, 100_000, n) / 100
    lines = ["amazon-order-id\tpurchase-date\tsku\tproduct-name\tquantity\titem-price\tcurrency"]
    lines += [
        f"111-{i:07d}-0000000\t2026-02-{d:02d}T08:04:21+00:00\tSKU-{i % 500}\t"
        f"Mug, blue\t{1 + i % 3}\t{p:.2f}\tUSD"
        for i, (d, p) in enumerate(zip(days, prices, strict=True))
    ]
    table = read_table("\n".join(lines).encode(), "orders.txt")
    assert table.data.shape == (n, 7)
    assert table.line_numbers[-1] == n + 1
    prices_read = parse_number(table.data["c5"])
    assert not prices_read.bad.any()
    assert prices_read.values.to_numpy() == pytest.approx(np.round(prices, 2))
    dates = parse_date(table.data["c1"])
    assert not dates.bad.any()
    assert dates.values.dt.day.to_numpy().tolist() == days.tolist()


def test_core_module_does_not_import_streamlit() -> None:
    package = Path(__file__).resolve().parents[1] / "inventory_core" / "ingest" / "parsing"
    for source in sorted(package.rglob("*.py")):
        nodes = list(ast.walk(ast.parse(source.read_text(encoding="utf-8"))))
        imported = {
            a.name.split(".")[0] for node in nodes if isinstance(node, ast.Import) for a in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in nodes if isinstance(node, ast.ImportFrom) and node.module
        }
        assert "streamlit" not in imported, source.name


def test_tsv_with_an_unclosed_quote_in_a_product_name() -> None:
    lines = ["sku\tproduct-name\tquantity", 'A\t"Best Widget, 2 pack\t1'] + [
        f"S{i}\tMug, {i}\t{i}" for i in range(5)
    ]
    table = read_table("\n".join(lines).encode(), "x.txt")
    assert table.delimiter == "\t"
    assert column(table, "product-name")[:2] == ['"Best Widget, 2 pack', "Mug, 0"]


_MESSY = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.text(alphabet="0123456789.,-$€()%+ />:APM年月日T", max_size=14),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_MESSY, max_size=10))
def test_value_parsers_never_raise_and_stay_aligned(values: list[str | None]) -> None:
    s = pd.Series(values, dtype="str")
    number, rank, date = parse_number(s), parse_rank(s), parse_date(s)
    start, end = parse_date_range(s)
    for result in (number, rank, date, start, end):
        assert result.bad.shape == (len(s),)
    assert not (number.bad & number.values.notna().to_numpy()).any()
    assert not (rank.bad & rank.rank.notna().to_numpy()).any()
    assert not (date.bad & date.values.notna().to_numpy()).any()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_table_or_a_parse_error(data: bytes) -> None:
    table: RawTable | None = None
    message = ""
    try:
        table = read_table(data, "x.csv")
    except ParseError as err:
        message = str(err)
    if table is None:
        assert message.startswith("x.csv: ")
        assert "\n" not in message
    else:
        assert table.data.shape == (len(table.line_numbers), len(table.header))

"""Builders of export files in the real formats of shared/formats/REPORTS.md, for the importer tests.

Headers are copied from the real reports (English and Chinese where both exist); rows are given as dicts
keyed by header cell (missing cells are empty), so a test states only the values it checks. Writers render
the bytes the way the real exports do: UTF-8 with BOM and CRLF for UI downloads, tab-separated flat files,
UTF-16 / cp1252 / GB18030 / Shift_JIS, ``.xlsx`` with a wrong ``<dimension ref="A1">``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence

Row = Mapping[str, object]


def _names(text: str, sep: str = " ") -> list[str]:
    return text.split(sep)


# ---------------------------------------------------------------------------------------------------------
# Inventory

MANAGE_FBA = _names(
    "sku fnsku asin product-name condition your-price mfn-listing-exists mfn-fulfillable-quantity "
    "afn-listing-exists afn-warehouse-quantity afn-fulfillable-quantity afn-unsellable-quantity "
    "afn-reserved-quantity afn-total-quantity per-unit-volume afn-inbound-working-quantity "
    "afn-inbound-shipped-quantity afn-inbound-receiving-quantity afn-researching-quantity "
    "afn-reserved-future-supply afn-future-supply-buyable"
)
MANAGE_FBA_OLD = MANAGE_FBA[: MANAGE_FBA.index("afn-inbound-receiving-quantity") + 1]
MANAGE_FBA_EU = [
    *MANAGE_FBA,
    "afn-fulfillable-quantity-local",
    "afn-fulfillable-quantity-remote",
    "afn-fc-transfer-quantity",
    "afn-onhand-buyable-quantity",
    "store",
]

INVENTORY_PLANNING = [
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
    "Total Reserved Quantity",
    "unfulfillable-quantity",
    "Recommended ship-in quantity",
    "Recommended ship-in date",
    "Total Days of Supply (including units from open shipments)",
]

RESTOCK = [
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

# ---------------------------------------------------------------------------------------------------------
# Sales

BUSINESS_REPORT_SKU = _names(
    "(Parent) ASIN,(Child) ASIN,Title,SKU,Sessions - Total,Sessions - Total - B2B,Session Percentage - Total,"
    "Session Percentage - Total - B2B,Page Views - Total,Page Views - Total - B2B,"
    "Page Views Percentage - Total,Page Views Percentage - Total - B2B,Featured Offer (Buy Box) Percentage,"
    "Featured Offer (Buy Box) Percentage - B2B,Units Ordered,Units Ordered - B2B,Unit Session Percentage,"
    "Unit Session Percentage - B2B,Ordered Product Sales,Ordered Product Sales - B2B,Total Order Items,"
    "Total Order Items - B2B",
    ",",
)
BUSINESS_REPORT_CHILD = [h for h in BUSINESS_REPORT_SKU if h != "SKU"]
# CA / AU: sentence case with EN DASH.
BUSINESS_REPORT_SENTENCE = [
    h.replace(" - ", " \u2013 ")
    .capitalize()
    .replace("(parent) asin", "(Parent) ASIN")
    .replace("(child) asin", "(Child) ASIN")
    .replace("Sku", "SKU")
    .replace("b2b", "B2B")
    for h in BUSINESS_REPORT_SKU
]
BUSINESS_REPORT_2019 = [
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "SKU",
    "Sessions",
    "Session Percentage",
    "Page Views",
    "Page Views Percentage",
    "Buy Box Percentage",
    "Units Ordered",
    "Unit Session Percentage",
    "Ordered Product Sales",
    "Total Order Items",
]
BUSINESS_REPORT_ZH = [
    "（父）ASIN",
    "（子）ASIN",
    "标题",
    "SKU",
    "会话数 - 总计",
    "会话数 - 总计 - B2B",
    "会话百分比 - 总计",
    "会话百分比 - 总计 - B2B",
    "页面浏览量 - 总计",
    "页面浏览量 - 总计 - B2B",
    "页面浏览量百分比 - 总计",
    "页面浏览量百分比 - 总计 - B2B",
    "推荐报价（推荐报价展示位）百分比",
    "推荐报价（推荐报价展示位）百分比 - B2B",
    "已订购商品数量",
    "已订购商品数量 - B2B",
    "商品会话百分比",
    "商品会话百分比 - B2B",
    "已订购商品销售额",
    "已订购商品销售额 - B2B",
    "订单商品总数",
    "订单商品总数 - B2B",
]
BUSINESS_REPORT_ZH_OLD = [
    "父ASIN",
    "子ASIN",
    "标题",
    "买家访问次数",
    "页面浏览次数",
    "购买按钮赢得率",
    "已订购商品数量",
    "订单商品数量转化率",
    "已订购商品销售额",
    "订单商品种类数",
]
BUSINESS_REPORT_BY_DATE = [
    "Date",
    "Ordered Product Sales",
    "Ordered Product Sales - B2B",
    "Units Ordered",
    "Units Ordered - B2B",
    "Total Order Items",
    "Sessions - Total",
    "Page Views - Total",
]

ALL_ORDERS = _names(
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids cpf "
    "is-business-order purchase-order-number price-designation"
)
ALL_ORDERS_2026 = [
    *ALL_ORDERS[: ALL_ORDERS.index("order-status") + 1],
    "order-item-id",
    *ALL_ORDERS[ALL_ORDERS.index("order-status") + 1 :],
    "signature-confirmation-recommended",
]

# ---------------------------------------------------------------------------------------------------------
# Advertising

_SP_METRICS = [
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
]
SP_ADVERTISED_DAILY = [
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Retailer",
    "Country",
    "Advertised SKU",
    "Advertised ASIN",
    *_SP_METRICS,
]
SP_ADVERTISED_SUMMARY = ["Start Date", "End Date", *SP_ADVERTISED_DAILY[1:]]
# Older files: (ACoS) / (RoAS), no Retailer / Country.
SP_ADVERTISED_OLD = [
    h.replace("(ACOS)", "(ACoS)").replace("(ROAS)", "(RoAS)")
    for h in SP_ADVERTISED_SUMMARY
    if h not in ("Retailer", "Country")
]
_SP_METRICS_ZH = [
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
SP_ADVERTISED_ZH = [
    "开始日期",
    "结束日期",
    "广告组合名称",
    "货币",
    "广告活动名称",
    "广告组名称",
    "零售商",
    "国家/地区",
    "广告SKU",
    "广告ASIN",
    *_SP_METRICS_ZH,
]
SP_ADVERTISED_ZH_DAILY = ["日期", *SP_ADVERTISED_ZH[2:]]

SP_SEARCH_TERM = [
    "Start Date",
    "End Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Retailer",
    "Country",
    "Targeting",
    "Match Type",
    "Customer Search Term",
    *_SP_METRICS[:-4],
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]
SP_SEARCH_TERM_ZH = [
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
    *_SP_METRICS_ZH,
]
SP_TARGETING = [
    "Start Date",
    "End Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Retailer",
    "Country",
    "Targeting",
    "Match Type",
    "Impressions",
    "Top-of-search Impression Share",
    *_SP_METRICS[1:],
]
SB_KEYWORD = [
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
]
SD_ADVERTISED = [
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
]
_CONSOLE_HEAD = [
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
]
_CONSOLE_METRICS = [
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
]
CONSOLE_PRODUCT = [
    *_CONSOLE_HEAD,
    "Advertised product ID",
    "Advertised product name",
    "Advertised product parent ID",
    "Advertised product brand",
    "Advertised product category",
    "Advertised product subcategory",
    "Advertised product group",
    "Advertised product SKU",
    "Advertised product marketplace",
    *_CONSOLE_METRICS,
]
CONSOLE_SEARCH_TERM = [*_CONSOLE_HEAD, "Search term", *_CONSOLE_METRICS]
ADS_API_SP_ADVERTISED = [
    "date",
    "campaignName",
    "campaignId",
    "adGroupName",
    "adGroupId",
    "advertisedAsin",
    "advertisedSku",
    "impressions",
    "clicks",
    "cost",
    "sales7d",
    "purchases7d",
    "unitsSoldClicks7d",
    "campaignBudgetCurrencyCode",
]
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

# ---------------------------------------------------------------------------------------------------------
# Keyword ranks

HELIUM10_KT = [
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

# ---------------------------------------------------------------------------------------------------------
# Canonical templates (headed by the canonical column names)

TEMPLATE_SHIPMENT = [
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
TEMPLATE_SHIPMENT_ZH = [
    "货件单号",
    "MSKU",
    "站点",
    "发货数量",
    "运输方式",
    "发货日期",
    "预计到货日期",
    "货件状态",
]
TEMPLATE_SETTINGS = [
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
TEMPLATE_SETTINGS_ZH = ["SKU", "补货周期", "空运周期", "安全库存天数", "单位成本", "核心", "备注"]
TEMPLATE_INVENTORY = [
    "snapshot_date",
    "marketplace",
    "sku",
    "asin",
    "available",
    "reserved",
    "inbound_shipped",
]
TEMPLATE_SALES = ["date", "marketplace", "sku", "asin", "units", "revenue", "sessions", "buy_box_pct"]
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
]
TEMPLATE_ADS_KEYWORD = [
    "date",
    "marketplace",
    "ad_type",
    "campaign",
    "ad_group",
    "targeting",
    "match_type",
    "search_term",
    "impressions",
    "clicks",
    "spend",
    "ad_sales",
]
TEMPLATE_RANKS = ["date", "marketplace", "asin", "keyword", "organic_rank", "sponsored_rank", "search_volume"]


# ---------------------------------------------------------------------------------------------------------
# writers


def cells(header: Sequence[str], rows: Sequence[Row | Sequence[object]]) -> list[list[object]]:
    """Rows as lists aligned to ``header``; a dict row may name a subset of the header cells."""
    out: list[list[object]] = []
    for row in rows:
        if isinstance(row, Mapping):
            unknown = set(row) - set(header)
            assert not unknown, f"not in the header: {unknown}"
            out.append([row.get(h, "") for h in header])
        else:
            assert len(row) == len(header)
            out.append(list(row))
    return out


def text_file(
    header: Sequence[str],
    rows: Sequence[Row | Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    newline: str = "\r\n",
    quote_all: bool = False,
    final_newline: bool = True,
) -> bytes:
    """A delimited export as bytes (defaults: a Seller Central UI download: BOM, CRLF, comma)."""
    buf = io.StringIO()
    if delimiter == "\t" and not quote_all:  # flat files do not quote: `27" Monitor` is literal
        writer = csv.writer(
            buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_NONE, quotechar=None
        )
    else:
        quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerow(header)
    for row in cells(header, rows):
        writer.writerow(["" if v is None else v for v in row])
    text = buf.getvalue()
    if not final_newline:
        text = text.rstrip("\r\n")
    return text.encode(encoding)


def flat_file(header: Sequence[str], rows: Sequence[Row | Sequence[object]], **kw: object) -> bytes:
    """An SP-API flat file: tab-separated, unquoted, UTF-8 without BOM, LF (overridable)."""
    kw = {"delimiter": "\t", "encoding": "utf-8", "newline": "\n", **kw}
    return text_file(header, rows, **kw)  # type: ignore[arg-type]


def xlsx_file(
    header: Sequence[str],
    rows: Sequence[Row | Sequence[object]],
    *,
    sheet: str = "Sheet1",
    title_rows: Sequence[str] = (),
    wrong_dimension: bool = True,
    percent_columns: Sequence[str] = (),
) -> bytes:
    """An ``.xlsx`` export. Dates/datetimes become date cells; ``percent_columns`` hold fractions shown as
    percentages (as Excel and calamine store them: 0.985 for 98.50 %). ``wrong_dimension`` rewrites the
    sheet's ``<dimension>`` to ``A1``, as console exports do."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    datetime_fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    pct_fmt = book.add_format({"num_format": "0.00%"})
    r = 0
    for title in title_rows:
        ws.write_string(r, 0, title)
        r += 1
    ws.write_row(r, 0, list(header))
    pct = {header.index(c) for c in percent_columns}
    for row in cells(header, rows):
        r += 1
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, datetime_fmt)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                ws.write_number(r, c, value, pct_fmt if c in pct else None)
            else:
                ws.write_string(r, c, str(value))
    book.close()
    data = out.getvalue()
    return with_wrong_dimension(data) if wrong_dimension else data


def with_wrong_dimension(data: bytes) -> bytes:
    """The workbook with every sheet's ``<dimension ref>`` set to ``A1``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', content)
                assert n == 1
            dst.writestr(item, content)
    return out.getvalue()


def excel_text(value: object) -> str:
    """An id as the new Ads console writes it: an Excel text formula ``="254927681919372"``."""
    return f'="{value}"'


# ---------------------------------------------------------------------------------------------------------
# importing them


def load(store, data: bytes, name: str, **options: object):
    """Import ``data`` as file ``name`` with :class:`ImportOptions` ``options``; the ImportResult."""
    from inventory_core.ingest.importer import ImportOptions, import_file

    return import_file(store, data, name, ImportOptions(**options))  # type: ignore[arg-type]


def rows_of(store, table: str, *sort: str):
    """A canonical table as a DataFrame sorted by ``sort`` (default: its first columns), index reset."""
    frame = store.table_df(table)
    for col in frame.columns:
        if str(frame[col].dtype).startswith("datetime64"):
            frame[col] = frame[col].dt.date  # DuckDB DATE arrives as Timestamp
    keys = list(sort) or list(frame.columns[:3])
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def by_day(store, table: str, column: str, **where: object) -> dict[str, float]:
    """``{ISO date: sum of column}`` of a canonical table, rows filtered by equality on ``where``."""
    frame = store.table_df(table)
    for key, value in where.items():
        frame = frame[frame[key] == value]
    date_col = "snapshot_date" if table == "inventory_snapshot" else "date"
    grouped = frame.groupby(frame[date_col].astype(str))[column].sum()
    return {day: round(float(v), 6) for day, v in grouped.items()}

"""The report kinds the importer recognises: their fields, header spellings and what each feeds.

A report kind is recognised from its header alone. Each field lists the spellings seen in real files
(English and Chinese UI, SP-API flat files, the Ads API, Chinese ERP exports; see
``shared/formats/REPORTS.md``). Headers are compared *whole* after :func:`parsing.normalise_header`
(case, white space, dash type, full-width brackets), so ``Sessions - Total - B2B`` never matches
``Sessions - Total``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from inventory_core.ingest.parsing.headers import normalise_header
from inventory_core.store.schema import CANONICAL_TABLES, LAYERS

FieldKind = Literal["text", "number", "int", "date", "datetime", "rank", "date_range", "bool"]


@dataclass(frozen=True)
class FieldDef:
    name: str
    kind: FieldKind
    aliases: tuple[str, ...]


def _f(name: str, kind: FieldKind, *aliases: str) -> FieldDef:
    return FieldDef(name, kind, aliases)


# Field spellings shared by several report kinds. Each report kind below picks the ones it uses.
FIELDS: dict[str, FieldDef] = {
    f.name: f
    for f in (
        # identity
        _f("sku", "text", "sku", "seller-sku", "seller sku", "merchant sku", "msku", "卖家sku", "商品sku"),
        _f("fnsku", "text", "fnsku"),
        _f("asin", "text", "asin", "(child) asin", "child asin", "(子)asin", "子asin", "子 asin"),
        _f("parent_asin", "text", "(parent) asin", "parent asin", "(父)asin", "父asin", "父 asin"),
        _f("product_name", "text", "product-name", "product name", "title", "标题", "商品名称", "品名"),
        _f("marketplace", "text", "marketplace", "站点", "advertised product marketplace"),
        _f("country", "text", "country", "国家/地区", "国家"),
        _f("sales_channel", "text", "sales-channel", "sales channel"),
        _f(
            "currency",
            "text",
            "currency",
            "currency code",
            "budget currency",
            "货币",
            "campaignbudgetcurrencycode",
        ),
        # inventory
        _f("snapshot_date", "date", "snapshot-date", "snapshot date"),
        _f("available", "number", "available", "afn-fulfillable-quantity", "可售", "可售数量", "可售库存"),
        _f(
            "reserved",
            "number",
            "afn-reserved-quantity",
            "reserved-quantity",
            "total reserved quantity",
            "reserved",
            "预留",
        ),
        _f("inbound_working", "number", "afn-inbound-working-quantity", "inbound-working", "working"),
        _f("inbound_shipped", "number", "afn-inbound-shipped-quantity", "inbound-shipped", "shipped"),
        _f(
            "inbound_receiving",
            "number",
            "afn-inbound-receiving-quantity",
            "inbound-receiving",
            "inbound-received",
            "receiving",
        ),
        _f(
            "unsellable",
            "number",
            "afn-unsellable-quantity",
            "unfulfillable-quantity",
            "unfulfillable",
            "unsellable",
            "不可售",
        ),
        _f("price", "number", "your-price", "your price", "price", "价格", "售价"),
        _f("aged_365_plus", "number", "inv-age-365-plus-days"),
        # FBA storage type and unit volume (capacity limits are set per storage type, in cubic feet)
        _f(
            "storage_type",
            "text",
            "storage-type",
            "unit storage size",
            "storage type",
            "仓储类型",
            "存储类型",
        ),
        _f("unit_volume", "number", "per-unit-volume", "item-volume", "单件体积"),
        _f("volume_unit", "text", "volume-unit-measurement"),
        _f("afn_listing", "text", "afn-listing-exists"),
        _f("restock_recommended", "number", "recommended replenishment qty"),
        _f("restock_alert", "text", "alert"),
        _f("restock_days_of_supply", "number", "total days of supply (including units from open shipments)"),
        # Inventory Planning's own recommendation (not the Restock report's: that field decides the kind)
        _f("planning_recommended", "number", "recommended ship-in quantity"),
        _f("restock_customer_order", "number", "customer order"),
        _f("restock_fc_transfer", "number", "fc transfer"),
        _f("restock_fc_processing", "number", "fc processing"),
        _f("restock_supplier", "text", "supplier"),
        _f("restock_units_30d", "number", "units sold last 30 days"),
        # sales (Business Report)
        _f("units", "number", "units ordered", "已订购商品数量", "units"),
        _f("revenue", "number", "ordered product sales", "已订购商品销售额", "revenue"),
        _f(
            "sessions",
            "number",
            "sessions - total",
            "sessions",
            "会话数 - 总计",
            "会话 - 总计",
            "买家访问次数",
        ),
        _f(
            "page_views",
            "number",
            "page views - total",
            "page views",
            "页面浏览量 - 总计",
            "页面浏览次数",
            "page_views",
        ),
        _f(
            "buy_box_pct",
            "number",
            "featured offer (buy box) percentage",
            "buy box percentage",
            "推荐报价(推荐报价展示位)百分比",
            "购买按钮赢得率",
            "buy_box_pct",
        ),
        _f("unit_session_pct", "number", "unit session percentage", "商品会话百分比", "订单商品数量转化率"),
        # orders (All Orders)
        _f("order_id", "text", "amazon-order-id", "订单号"),
        _f("purchase_date", "datetime", "purchase-date", "订购日期"),
        _f("order_status", "text", "order-status", "订单状态"),
        _f("item_status", "text", "item-status"),
        _f("quantity", "number", "quantity", "数量"),
        _f("item_price", "number", "item-price"),
        # ads
        _f("date", "date", "date", "日期"),
        _f("start_date", "date", "start date", "开始日期", "startdate"),
        _f("end_date", "date", "end date", "结束日期", "enddate"),
        _f("date_range", "date_range", "date range"),
        _f("campaign", "text", "campaign name", "campaignname", "广告活动名称", "广告活动", "campaign"),
        _f("ad_group", "text", "ad group name", "adgroupname", "广告组名称", "广告组", "ad group"),
        _f("portfolio", "text", "portfolio name", "广告组合名称", "广告组合"),
        _f("campaign_type", "text", "类型", "广告类型", "campaign type", "ad product", "ad type"),
        _f("advertised_sku", "text", "advertised sku", "advertisedsku", "广告sku", "advertised product sku"),
        _f(
            "advertised_asin",
            "text",
            "advertised asin",
            "advertisedasin",
            "广告asin",
            "advertised product id",
        ),
        _f("impressions", "number", "impressions", "展示量", "曝光量"),
        _f("viewable_impressions", "number", "viewable impressions"),
        _f("bid_optimization", "text", "bid optimization"),
        _f("clicks", "number", "clicks", "点击量", "点击"),
        _f("spend", "number", "spend", "cost", "total cost", "花费"),
        _f("sales_7d", "number", "7 day total sales", "7天总销售额", "sales7d"),
        _f("sales_14d", "number", "14 day total sales", "14天总销售额", "sales14d"),
        _f("sales_any", "number", "sales", "广告销售额"),
        _f("orders_7d", "number", "7 day total orders (#)", "7天总订单数(#)", "purchases7d"),
        _f("orders_14d", "number", "14 day total orders (#)", "14天总订单数(#)", "purchases14d"),
        _f("orders_any", "number", "purchases", "广告订单", "orders"),
        _f("units_7d", "number", "7 day total units (#)", "7天总销售量(#)", "unitssoldclicks7d"),
        _f("units_14d", "number", "14 day total units (#)", "14天总销售量(#)", "unitssoldclicks14d"),
        _f("units_any", "number", "units sold"),
        _f("targeting", "text", "targeting", "投放", "keywordtext", "keyword"),
        _f("match_type", "text", "match type", "匹配类型", "matchtype"),
        _f("search_term", "text", "customer search term", "客户搜索词", "search term", "searchterm"),
        # keyword ranks (Helium 10 Keyword Tracker)
        _f("keyword", "text", "keyword", "关键词"),
        _f("organic_rank", "rank", "organic rank", "自然排名"),
        _f("sponsored_rank", "rank", "sponsored position", "sponsored rank", "广告排名"),
        _f("search_volume", "number", "search volume", "搜索量"),
        _f("keyword_sales", "number", "keyword sales"),
        _f("date_added", "datetime", "date added"),
    )
}

# Canonical CSV templates: one per canonical table, headed by the canonical column names (plus Chinese
# spellings for the sheets Chinese teams keep by hand).
_TEMPLATE_ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("msku", "seller sku", "seller-sku", "merchant sku", "卖家sku", "商品sku"),
    "marketplace": ("站点", "国家", "国家/地区", "country"),
    "shipment_id": ("货件单号", "货件编号", "shipment id"),
    "quantity": ("数量", "发货数量", "发货量", "申报量", "shipped quantity", "units shipped"),
    "mode": ("运输方式", "物流方式", "shipping mode"),
    "ship_date": ("发货日期", "发货时间", "ship date"),
    "eta": (
        "预计到货日期",
        "预计到货时间",
        "预计可售日期",
        "预计到仓日期",
        "预计到达时间",
        "expected arrival",
    ),
    "status": ("状态", "货件状态", "shipment status"),
    "received_date": ("签收日期", "签收时间", "到货日期", "上架日期"),
    "received_quantity": ("签收数量", "签收量", "已收货量", "到货数量", "received quantity"),
    "lead_time_days": ("补货周期", "备货周期", "lead time"),
    "air_lead_time_days": ("空运周期",),
    "safety_days": ("安全库存天数",),
    "ads_override": ("日均销量(人工)", "人工日均销量"),
    "unit_cost": ("单位成本", "采购成本", "成本"),
    "target_roas": ("目标roas",),
    "is_core": ("核心",),
    "note": ("备注",),
    "storage_type": ("仓储类型", "存储类型", "storage type", "storage-type"),
    "unit_volume": ("单件体积", "单位体积", "unit volume", "per-unit-volume"),
    "aged_override": ("忽略库龄上限",),
}

_TYPE_KIND: dict[str, FieldKind] = {
    "VARCHAR": "text",
    "DATE": "date",
    "DOUBLE": "number",
    "BIGINT": "number",
    "BOOLEAN": "bool",
    "TIMESTAMP": "datetime",
}


def template_field(table: str, column: str) -> FieldDef:
    col = next(c for c in CANONICAL_TABLES[table] if c.name == column)
    kind: FieldKind = "rank" if column in ("organic_rank", "sponsored_rank") else _TYPE_KIND[col.type]
    return FieldDef(f"tpl_{column}", kind, (column, *_TEMPLATE_ALIASES.get(column, ())))


Period = Literal["row", "file", "snapshot"]


@dataclass(frozen=True)
class ReportKind:
    """A report kind: which fields it must and may have and which layer it feeds.

    ``required`` entries are field names; a tuple entry means "any one of these".
    ``period``: ``row`` — dates are in the rows; ``file`` — the period comes from the user or the file
    name (Business Report); ``snapshot`` — a stock count taken on one day (the upload day by default).
    """

    kind: str
    title: str
    layer: str
    required: tuple[str | tuple[str, ...], ...]
    optional: tuple[str, ...] = ()
    period: Period = "row"
    ad_type: str | None = None
    fields_override: tuple[FieldDef, ...] = field(default=())

    def field_defs(self) -> dict[str, FieldDef]:
        defs = {f.name: f for f in self.fields_override}
        for entry in (*self.required, *self.optional):
            for name in entry if isinstance(entry, tuple) else (entry,):
                if name not in defs:
                    defs[name] = FIELDS[name]
        return defs


_INV_OPT = (
    "asin",
    "fnsku",
    "product_name",
    "reserved",
    "inbound_working",
    "inbound_shipped",
    "inbound_receiving",
    "unsellable",
    "price",
    "currency",
    "marketplace",
    "country",
)
_ADS_METRICS = (
    "impressions",
    "clicks",
    "orders_7d",
    "orders_14d",
    "orders_any",
    "units_7d",
    "units_14d",
    "units_any",
    "currency",
    "country",
    "portfolio",
    "campaign_type",
    "marketplace",
)
_DATE_ANY = ("date", "start_date", "date_range")


def _template(table: str, required: Sequence[str]) -> ReportKind:
    columns = [c.name for c in CANONICAL_TABLES[table]]
    defs = tuple(template_field(table, c) for c in columns)
    layer = {"sales_daily": "sales_orders"}.get(table) or next(
        name for name, lay in LAYERS.items() if lay.table == table
    )
    return ReportKind(
        kind=f"template_{table if table != 'shipment' else 'shipment'}",
        title=f"Stockout Radar template: {table}",
        layer=layer,
        required=tuple(f"tpl_{c}" for c in required),
        optional=tuple(f"tpl_{c}" for c in columns if c not in required),
        fields_override=defs,
    )


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind(
        "manage_fba_inventory",
        "Manage FBA Inventory",
        "inventory",
        required=("sku", "available", "afn_listing"),
        optional=(*_INV_OPT, "unit_volume"),
        period="snapshot",
    ),
    ReportKind(
        "fba_inventory_planning",
        "FBA Inventory / Inventory Planning",
        "inventory",
        required=("snapshot_date", "sku", "available"),
        optional=(
            *_INV_OPT,
            "aged_365_plus",
            "planning_recommended",
            "restock_alert",
            "restock_days_of_supply",
            "storage_type",
            "unit_volume",
            "volume_unit",
        ),
    ),
    ReportKind(
        "restock_inventory",
        "Restock Inventory",
        "inventory",
        required=("sku", "available", "restock_recommended", "restock_alert"),
        optional=(
            *_INV_OPT,
            "restock_days_of_supply",
            "restock_customer_order",
            "restock_fc_transfer",
            "restock_fc_processing",
            "restock_supplier",
            "restock_units_30d",
            "storage_type",
        ),
        period="snapshot",
    ),
    ReportKind(
        "business_report",
        "Business Report (by SKU / by child item)",
        "sales_report",
        required=("asin", "units", ("sessions", "page_views")),
        optional=(
            "sku",
            "parent_asin",
            "product_name",
            "revenue",
            "sessions",
            "page_views",
            "buy_box_pct",
            "unit_session_pct",
        ),
        period="file",
    ),
    ReportKind(
        "all_orders",
        "All Orders",
        "sales_orders",
        required=("order_id", "purchase_date", "sku", "quantity", "order_status"),
        optional=("asin", "item_status", "item_price", "currency", "sales_channel", "product_name"),
    ),
    ReportKind(
        "sp_advertised_product",
        "Sponsored Products — Advertised product",
        "ads",
        required=(_DATE_ANY, "campaign", ("advertised_sku", "advertised_asin"), "spend", "sales_7d"),
        optional=("ad_group", "advertised_sku", "advertised_asin", "end_date", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "sd_advertised_product",
        "Sponsored Display — Advertised product",
        "ads",
        required=(
            _DATE_ANY,
            "campaign",
            ("advertised_sku", "advertised_asin"),
            "spend",
            "sales_14d",
            ("viewable_impressions", "bid_optimization"),
        ),
        optional=("ad_group", "advertised_sku", "advertised_asin", "end_date", *_ADS_METRICS),
        ad_type="SD",
    ),
    ReportKind(
        "ads_console_product",
        "Ads console — Advertised product",
        "ads",
        required=("date_range", "campaign", ("advertised_sku", "advertised_asin"), "spend", "sales_any"),
        optional=("ad_group", "advertised_sku", "advertised_asin", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "ads_campaign_daily",
        "Campaign report (daily, e.g. LingXing)",
        "ads",
        required=("date", "campaign", "campaign_type", "spend", ("sales_any", "sales_7d", "sales_14d")),
        optional=("sales_7d", "sales_14d", "sales_any", "ad_group", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "sp_search_term",
        "Sponsored Products — Search term",
        "ads_keyword",
        # ad group and match type are required too, so that a search-term file is never taken for
        # the (otherwise identical) targeting report.
        required=(
            _DATE_ANY,
            "campaign",
            "ad_group",
            "targeting",
            "match_type",
            "search_term",
            "spend",
            ("sales_7d", "sales_14d"),
        ),
        optional=("end_date", "sales_7d", "sales_14d", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "sp_targeting",
        "Sponsored Products — Targeting",
        "ads_keyword",
        required=(_DATE_ANY, "campaign", "ad_group", "targeting", "match_type", "spend", "sales_7d"),
        optional=("end_date", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "sb_keyword",
        "Sponsored Brands — Keyword",
        "ads_keyword",
        required=(_DATE_ANY, "campaign", "targeting", "match_type", "spend", "sales_14d"),
        optional=("ad_group", "end_date", *_ADS_METRICS),
        ad_type="SB",
    ),
    ReportKind(
        "ads_console_search_term",
        "Ads console — Search term",
        "ads_keyword",
        required=("date_range", "campaign", "search_term", "spend", "sales_any"),
        optional=("ad_group", "targeting", "match_type", *_ADS_METRICS),
        ad_type="SP",
    ),
    ReportKind(
        "helium10_keyword_tracker",
        "Helium 10 Keyword Tracker",
        "keyword_rank",
        required=("asin", "keyword", "organic_rank", "date_added"),
        optional=("sponsored_rank", "search_volume", "marketplace", "product_name", "keyword_sales"),
    ),
    # Recognised so that the refusal can say why; account-level rows cannot feed per-SKU tables.
    ReportKind(
        "business_report_by_date",
        "Business Report — by Date (account level)",
        "sales_report",
        required=("date", "units", "revenue", ("sessions", "page_views")),
        optional=(),
    ),
    _template("shipment", ["shipment_id", "sku", "quantity", "eta"]),
    _template("sku_settings", ["sku", "lead_time_days"]),
    _template("inventory_snapshot", ["snapshot_date", "sku", "available"]),
    _template("sales_daily", ["date", "sku", "units"]),
    _template("ads_daily", ["date", "ad_type", "campaign", "spend"]),
    _template("ads_keyword_daily", ["date", "ad_type", "campaign", "targeting", "spend"]),
    _template("keyword_rank", ["date", "asin", "keyword", "organic_rank"]),
)

KINDS_BY_NAME: dict[str, ReportKind] = {k.kind: k for k in REPORT_KINDS}


@dataclass(frozen=True)
class Match:
    kind: ReportKind
    columns: dict[str, int]  # field name -> column position in the file
    missing: tuple[str, ...]  # required entries not found (display names)
    score: tuple[int, int]

    @property
    def complete(self) -> bool:
        return not self.missing


@cache
def _alias_index(kind_name: str) -> dict[str, str]:
    """Normalised header spelling -> field name, for one report kind."""
    out: dict[str, str] = {}
    for fdef in KINDS_BY_NAME[kind_name].field_defs().values():
        for alias in fdef.aliases:
            out.setdefault(normalise_header(alias), fdef.name)
    return out


def match_kind(kind: ReportKind, header: Sequence[str]) -> Match:
    index = _alias_index(kind.kind)
    columns: dict[str, int] = {}
    for pos, cell in enumerate(header):
        name = index.get(normalise_header(cell or ""))
        if name is not None and name not in columns:  # first of duplicated headers wins
            columns[name] = pos
    missing = tuple(
        " / ".join(kind.field_defs()[o].aliases[0] for o in options)
        for options in _required_options(kind.kind)
        if not any(o in columns for o in options)
    )
    return Match(kind, columns, missing, (len(kind.required) - len(missing), len(columns)))


@cache
def _required_options(kind_name: str) -> tuple[tuple[str, ...], ...]:
    """Each required field of a kind as the tuple of fields that satisfy it (cached by name: hashing the
    dataclass would walk all its field definitions on every call)."""
    return tuple(
        entry if isinstance(entry, tuple) else (entry,) for entry in KINDS_BY_NAME[kind_name].required
    )


def detect(header: Sequence[str]) -> tuple[Match | None, Match]:
    """The recognised kind (or None) and the closest candidate (for the refusal message)."""
    matches = [match_kind(k, header) for k in REPORT_KINDS]
    complete = [m for m in matches if m.complete]
    # The kind that explains most of the file's columns wins; then the one with more required fields (the
    # more specific). Counting required fields first would take a sales template (date, sku, units, revenue,
    # sessions) for the account-level Business Report by Date, which needs four of those five.
    best = max(complete, key=lambda m: (m.score[1], m.score[0])) if complete else None
    # Closest: the share of its required fields found, plus the share of the file's columns it explains
    # (a Business Report stripped of its totals is still closer to a Business Report than to a template that
    # shares its SKU column).
    width = max(1, sum(1 for cell in header if (cell or "").strip()))
    closest = max(matches, key=lambda m: (m.score[0] / len(m.kind.required) + m.score[1] / width, m.score[1]))
    return best, closest


def header_score(cells: Sequence[str]) -> float:
    """How much a row looks like a known report header (for finding the header under title rows): the
    :attr:`Match.score` of the best kind, with the cells normalised once for all kinds."""
    keys = {normalise_header(cell or "") for cell in cells}
    best = 0.0
    for kind in REPORT_KINDS:
        index = _alias_index(kind.kind)
        found = {index[k] for k in keys if k in index}
        if not found:
            continue  # scores 0
        required = sum(1 for options in _required_options(kind.kind) if any(o in found for o in options))
        best = max(best, required / len(kind.required) + 0.01 * len(found))
    return best

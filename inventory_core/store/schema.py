"""The canonical tables: names, columns, keys and how imports layer into them.

The table and column names are a public contract (DESIGN.md "Canonical tables"): users open the DuckDB file
in any client and query them. Every import first lands in a *source layer* table (``src_<layer>``) that keeps
the importing ``import_id``; the canonical tables are rebuilt from the layers so that

* re-importing a newer file for the same period replaces the older rows (the newer import *covers* the
  older one's scope: e.g. the same marketplace and day for a sales report);
* undoing an import simply re-exposes what it had replaced;
* a per-day source (All Orders) and a period source (Business Report) can both feed ``sales_daily``:
  units and revenue from the per-day source, sessions/page views/Buy Box from the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColType = Literal["VARCHAR", "DATE", "DOUBLE", "BIGINT", "BOOLEAN", "TIMESTAMP"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColType
    help: str = ""


@dataclass(frozen=True)
class Layer:
    """A source layer: rows of one family of reports, stored with their import id.

    ``scope`` are the columns that say what an import *covers*: the newest active import wins every scope
    tuple it has rows for. ``key`` is the canonical grain; rows of the winning import that share a key are
    aggregated (``measures`` summed, other columns take one value).
    """

    name: str
    table: str  # canonical table fed
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    scope: tuple[str, ...]
    measures: tuple[str, ...] = field(default=())
    # The columns whose values an import's rows make the layer rebuild (default: the scope). Coarser than
    # the scope when rows of one scope can hide rows of another (a campaign-level ad row is hidden by
    # product-level rows of the same campaign and day).
    rebuild: tuple[str, ...] = field(default=())
    # Report kinds feeding this layer, best first. Where two kinds cover the same scope (a Manage FBA
    # Inventory and a Restock report of the same day; a search-term and a targeting report of the same
    # spend), the better one wins whatever the import order, so the result never depends on it.
    sources: tuple[str, ...] = field(default=())
    # "exclusive": the best source's rows replace the others for the scope (they describe the same
    # quantity: adding them would double count). "merge": per key and column, the best source that has
    # a value (stock reports complement each other: only the Restock report has Amazon's recommendation).
    combine: str = "exclusive"

    def priority(self, kind: str) -> int:
        return self.sources.index(kind) if kind in self.sources else len(self.sources)

    @property
    def rebuild_scope(self) -> tuple[str, ...]:
        return self.rebuild or self.scope

    @property
    def src_table(self) -> str:
        return f"src_{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _c(name: str, type_: ColType, help_: str = "") -> Column:
    return Column(name, type_, help_)


INVENTORY_COLUMNS = (
    _c("snapshot_date", "DATE", "day the stock was counted"),
    _c("marketplace", "VARCHAR", "two-letter marketplace code (US, UK, DE, JP, ...)"),
    _c("sku", "VARCHAR", "seller SKU"),
    _c("asin", "VARCHAR"),
    _c("fnsku", "VARCHAR"),
    _c("product_name", "VARCHAR"),
    _c("available", "DOUBLE", "fulfillable units at FBA"),
    _c("reserved", "DOUBLE"),
    _c("inbound_working", "DOUBLE"),
    _c("inbound_shipped", "DOUBLE"),
    _c("inbound_receiving", "DOUBLE"),
    _c("unsellable", "DOUBLE"),
    _c("price", "DOUBLE", "your price"),
    _c("currency", "VARCHAR"),
    _c("aged_365_plus", "DOUBLE", "units older than 365 days (Inventory Planning report)"),
    _c("amazon_recommended_qty", "DOUBLE", "Restock report: recommended replenishment quantity"),
    _c("amazon_alert", "VARCHAR", "Restock report: out_of_stock / reorder_now / blank"),
    _c("amazon_days_of_supply", "DOUBLE", "Amazon's days of supply (365+ kept as 365)"),
    _c(
        "storage_type",
        "VARCHAR",
        "FBA storage type: standard, oversize, extra_large, apparel, footwear, flammable, aerosol",
    ),
    _c("unit_volume", "DOUBLE", "volume of one unit in cubic feet (per-unit-volume / item-volume)"),
)

SHIPMENT_COLUMNS = (
    _c("shipment_id", "VARCHAR"),
    _c("sku", "VARCHAR"),
    _c("marketplace", "VARCHAR"),
    _c("quantity", "DOUBLE"),
    _c("mode", "VARCHAR", "sea, air, rail, express"),
    _c("ship_date", "DATE"),
    _c("eta", "DATE", "expected sellable date at FBA"),
    _c("status", "VARCHAR", "in_transit, customs_hold, delayed, lost, received"),
    _c("received_date", "DATE", "day received (for learned lead times)"),
    _c("received_quantity", "DOUBLE"),
)

SALES_COLUMNS = (
    _c("date", "DATE"),
    _c("marketplace", "VARCHAR"),
    _c("sku", "VARCHAR"),
    _c("asin", "VARCHAR"),
    _c("units", "DOUBLE", "units ordered (period reports spread evenly over their days)"),
    _c("revenue", "DOUBLE", "ordered product sales"),
    _c("sessions", "DOUBLE"),
    _c("page_views", "DOUBLE"),
    _c("buy_box_pct", "DOUBLE", "Featured Offer (Buy Box) percentage, 0-100"),
    _c("currency", "VARCHAR"),
    # Added in schema 2 (issue 18/12): returns are kept apart from sales; spread days are marked.
    _c(
        "units_returned",
        "DOUBLE",
        "units of return/refund lines (negative quantity or price, Refunded status)",
    ),
    _c("refunds", "DOUBLE", "amount refunded on those lines (positive)"),
    _c(
        "units_spread",
        "BOOLEAN",
        "true when units are a period report's even spread (no orders cover the day)",
    ),
)

ADS_METRICS = (
    _c("impressions", "DOUBLE"),
    _c("clicks", "DOUBLE"),
    _c("spend", "DOUBLE"),
    _c("ad_sales", "DOUBLE"),
    _c("ad_orders", "DOUBLE"),
    _c("ad_units", "DOUBLE"),
)
ADS_MEASURES = tuple(c.name for c in ADS_METRICS)

ADS_COLUMNS = (
    _c("date", "DATE"),
    _c("marketplace", "VARCHAR"),
    _c("ad_type", "VARCHAR", "SP, SB or SD"),
    _c("campaign", "VARCHAR"),
    _c("ad_group", "VARCHAR"),
    _c("sku", "VARCHAR", "empty for campaign-level rows"),
    _c("asin", "VARCHAR", "empty for campaign-level rows"),
    *ADS_METRICS,
    _c("currency", "VARCHAR"),
)

ADS_KEYWORD_COLUMNS = (
    _c("date", "DATE"),
    _c("marketplace", "VARCHAR"),
    _c("ad_type", "VARCHAR"),
    _c("campaign", "VARCHAR"),
    _c("ad_group", "VARCHAR"),
    _c("targeting", "VARCHAR"),
    _c("match_type", "VARCHAR"),
    _c("search_term", "VARCHAR"),
    *ADS_METRICS,
    _c("currency", "VARCHAR"),
)

KEYWORD_RANK_COLUMNS = (
    _c("date", "DATE"),
    _c("marketplace", "VARCHAR"),
    _c("asin", "VARCHAR"),
    _c("keyword", "VARCHAR"),
    _c("organic_rank", "DOUBLE", "organic position; NULL when not ranked or beyond the tracked depth"),
    _c("organic_rank_beyond", "DOUBLE", "set to the tracked depth when the rank was '>N' (e.g. 306)"),
    _c("sponsored_rank", "DOUBLE"),
    _c("sponsored_rank_beyond", "DOUBLE"),
    _c("search_volume", "DOUBLE"),
    _c("is_own", "BOOLEAN", "own ASIN (true) or a competitor's (false)"),
)

SKU_SETTINGS_COLUMNS = (
    _c("sku", "VARCHAR"),
    _c("lead_time_days", "DOUBLE", "order placed -> sellable at FBA, by the usual (sea) route"),
    _c("air_lead_time_days", "DOUBLE"),
    _c("safety_days", "DOUBLE"),
    _c("ads_override", "DOUBLE", "manual average daily sales; always wins"),
    _c("unit_cost", "DOUBLE", "landed cost per unit, for break-even ROAS"),
    _c("price", "DOUBLE"),
    _c("target_roas", "DOUBLE"),
    _c("is_core", "BOOLEAN"),
    _c("note", "VARCHAR"),
    _c("storage_type", "VARCHAR", "FBA storage type; wins over the stock reports'"),
    _c("unit_volume", "DOUBLE", "cubic feet per unit; wins over the stock reports'"),
    _c("aged_override", "BOOLEAN", "order past the aged-surcharge band anyway"),
)

LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (
        Layer(
            "inventory",
            "inventory_snapshot",
            INVENTORY_COLUMNS,
            key=("snapshot_date", "marketplace", "sku"),
            scope=("snapshot_date", "marketplace"),
            measures=(),
            sources=(
                "fba_inventory_planning",
                "manage_fba_inventory",
                "template_inventory_snapshot",
                "restock_inventory",
            ),
            combine="merge",
        ),
        Layer(
            "shipment",
            "shipment",
            SHIPMENT_COLUMNS,
            key=("shipment_id", "sku"),
            scope=("shipment_id",),
            sources=("template_shipment",),
        ),
        # Per-day sales (All Orders, by-date templates): units and revenue win over the period report. A
        # newer file replaces an older one only for the SKU-days it lists (issue 18: a partial file must not
        # wipe the SKUs it does not list).
        Layer(
            "sales_orders",
            "sales_daily",
            SALES_COLUMNS,
            key=("date", "marketplace", "sku"),
            scope=("date", "marketplace", "sku"),
            rebuild=("date", "marketplace"),
            measures=("units", "revenue", "sessions", "page_views"),
            sources=("all_orders", "template_sales_daily"),
        ),
        # Period sales (Business Report), spread evenly over the period's days.
        Layer(
            "sales_report",
            "sales_daily",
            SALES_COLUMNS,
            key=("date", "marketplace", "sku"),
            scope=("date", "marketplace"),
            measures=("units", "revenue", "sessions", "page_views"),
        ),
        Layer(
            "ads",
            "ads_daily",
            ADS_COLUMNS,
            key=("date", "marketplace", "ad_type", "campaign", "ad_group", "sku", "asin"),
            # Sources combine at their real grain (issue 12): rows replace each other per day, ad type,
            # campaign, ad group and product, so exports of different campaigns add up and the same campaign
            # in two exports counts once (a daily row beats a date-range row of the same product).
            scope=("date", "marketplace", "ad_type", "campaign", "ad_group", "sku", "asin"),
            rebuild=("date", "marketplace", "ad_type", "campaign"),
            measures=ADS_MEASURES,
            # Product-level rows first; campaign-level exports (no SKU) only where nothing finer exists for
            # the campaign and day.
            sources=(
                "sp_advertised_product",
                "sd_advertised_product",
                "ads_console_product",
                "template_ads_daily",
                "ads_campaign_daily",
            ),
        ),
        Layer(
            "ads_keyword",
            "ads_keyword_daily",
            ADS_KEYWORD_COLUMNS,
            key=(
                "date",
                "marketplace",
                "ad_type",
                "campaign",
                "ad_group",
                "targeting",
                "match_type",
                "search_term",
            ),
            scope=("date", "marketplace", "ad_type"),
            measures=ADS_MEASURES,
            # Search terms are the finest grain; a targeting report is the same spend summed by target.
            sources=(
                "sp_search_term",
                "sb_keyword",
                "ads_console_search_term",
                "template_ads_keyword_daily",
                "sp_targeting",
            ),
        ),
        Layer(
            "keyword_rank",
            "keyword_rank",
            KEYWORD_RANK_COLUMNS,
            key=("date", "marketplace", "asin", "keyword"),
            scope=("date", "marketplace", "asin"),
            sources=("helium10_keyword_tracker", "template_keyword_rank"),
        ),
        Layer(
            "sku_settings",
            "sku_settings",
            SKU_SETTINGS_COLUMNS,
            key=("sku",),
            scope=("sku",),
        ),
    )
}

CANONICAL_TABLES: dict[str, tuple[Column, ...]] = {
    "inventory_snapshot": INVENTORY_COLUMNS,
    "shipment": SHIPMENT_COLUMNS,
    "sales_daily": SALES_COLUMNS,
    "ads_daily": ADS_COLUMNS,
    "ads_keyword_daily": ADS_KEYWORD_COLUMNS,
    "keyword_rank": KEYWORD_RANK_COLUMNS,
    "sku_settings": SKU_SETTINGS_COLUMNS,
}

SHIPMENT_MODES = ("sea", "air", "rail", "express")
SHIPMENT_STATUSES = ("in_transit", "customs_hold", "delayed", "lost", "received")

"""Canonical frames per report kind: the good rows of a file's :class:`~inventory_core.ingest.cells.Cells` as
the rows of the layer its kind feeds (stock snapshots, sales days, order SKU-days, ad days, ranks, templates).

A period report's rows are spread evenly over their days; UTC order times are put on the marketplace's
calendar; ad amounts in another currency are converted only at a rate the user gave. :func:`build`
leaves one row per canonical key, deterministically. Large All Orders files get in SQL
(:mod:`~inventory_core.ingest.orders`) the SKU-days the orders builder here makes in pandas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from inventory_core.i18n import t
from inventory_core.ingest import parsing
from inventory_core.ingest.cells import AD_TYPES, MODES, STATUSES, Cells, marketplace_codes, vocab_key
from inventory_core.ingest.contract import ImportOptions, ImportRefused, Note, note
from inventory_core.store import RETURN_STATUSES, STRING_KEY_DEFAULT, Store, fields
from inventory_core.store.marketplaces import currency_of, marketplace_code, timezone_of
from inventory_core.store.schema import LAYERS, SHIPMENT_MODES, SHIPMENT_STATUSES


@dataclass(frozen=True)
class Context:
    """What the builders know beside a file's cells."""

    file_name: str
    options: ImportOptions
    store: Store | None  # the SKUs it knows for ASINs (a Business Report by child item), when there is one
    snapshot_date: dt.date  # for a stock report without a date column
    lines: list[Note] = field(default_factory=list)  # what the builders tell the user (a conversion ...)


def _marketplaces(values: Cells, ctx: Context, *fields: str) -> pd.Series:
    out = pd.Series([None] * values.n, dtype="object")
    for name in fields:
        if values.has(name):
            out = out.where(out.notna(), marketplace_codes(values.get(name)))
    return out.fillna(ctx.options.marketplace).astype(str)


def _currency(values: Cells, marketplace: pd.Series) -> pd.Series:
    by_market = marketplace.map(currency_of)
    if values.has("currency"):
        cur = values.get("currency").astype("string").str.strip().str.upper()
        return cur.where(cur.notna(), by_market).astype(object)
    if values.currency:
        return pd.Series([values.currency] * values.n, dtype=object)
    return by_market.astype(object)


def _first_num(values: Cells, *names: str, default: float = 0.0) -> pd.Series:
    for name in names:
        if values.has(name):
            return values.num(name, default)
    return pd.Series(np.full(values.n, default))


def _to_date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).dt.normalize().reset_index(drop=True)


def _spread(frame: pd.DataFrame, start: pd.Series, end: pd.Series, measures: tuple[str, ...]) -> pd.DataFrame:
    """Spread rows that cover start..end evenly over their days (measures divided by the day count).

    A row without an end (a summary row with an empty End Date) covers its start day.
    """
    start = _to_date(start)
    end = _to_date(end).fillna(start)
    days = ((end - start).dt.days + 1).clip(lower=1).to_numpy(dtype=np.int64)
    frame = frame.reset_index(drop=True)
    if (days == 1).all():
        out = frame.copy()
        out["date"] = start.dt.date
        return out
    idx = np.repeat(np.arange(len(frame)), days)
    out = frame.iloc[idx].reset_index(drop=True)
    offsets = np.arange(len(idx)) - np.repeat(np.cumsum(days) - days, days)
    out["date"] = (start.iloc[idx].reset_index(drop=True) + pd.to_timedelta(offsets, unit="D")).dt.date
    divisor = np.repeat(days, days).astype(float)
    for m in measures:
        if m in out.columns:
            out[m] = out[m].astype(float) / divisor
    return out


def _build_inventory(values: Cells, ctx: Context) -> pd.DataFrame:
    kind = values.match.kind.kind
    market = _marketplaces(values, ctx, "marketplace", "country")
    if values.has("snapshot_date"):
        snap = _to_date(values.cols["snapshot_date"]).dt.date
    else:
        snap = pd.Series([ctx.snapshot_date] * values.n)
    frame = pd.DataFrame(
        {
            "snapshot_date": snap,
            "marketplace": market,
            "sku": values.text("sku"),
            "asin": values.text("asin"),
            "fnsku": values.text("fnsku"),
            "product_name": values.get("product_name"),
            "available": values.num("available", 0.0),
            "reserved": values.num("reserved", 0.0),
            "inbound_working": values.num("inbound_working", 0.0),
            "inbound_shipped": values.num("inbound_shipped", 0.0),
            "inbound_receiving": values.num("inbound_receiving", 0.0),
            "unsellable": values.num("unsellable", 0.0),
            "price": values.num("price"),
            "currency": _currency(values, market),
            "aged_365_plus": values.num("aged_365_plus"),
            "amazon_recommended_qty": _first_num(
                values, "restock_recommended", "planning_recommended", default=np.nan
            ),
            "amazon_alert": values.get("restock_alert")
            .astype("string")
            .str.strip()
            .str.lower()
            .astype(object),
            "amazon_days_of_supply": _first_num(values, "restock_days_of_supply", default=np.nan),
            "storage_type": fields.storage_types(values.get("storage_type")),
            "unit_volume": (
                values.num("unit_volume") * fields.cubic_feet_factor(values.get("volume_unit"))
            ).to_numpy(),
        }
    )
    if kind == "restock_inventory":
        # Amazon's "reserved" is customer orders + FC transfer + FC processing.
        frame["reserved"] = (
            values.num("restock_customer_order", 0.0)
            + values.num("restock_fc_transfer", 0.0)
            + values.num("restock_fc_processing", 0.0)
        ).to_numpy()
    if kind == "manage_fba_inventory" and values.has("afn_listing"):
        # MFN-only listings are not stocked at FBA.
        frame = frame[values.text("afn_listing").str.strip().str.lower().ne("no").to_numpy()]
    return frame


@dataclass(frozen=True)
class PeriodProposal:
    """The period of a period report (Business Report) and why: ``given`` (by the user), ``file_name`` (two
    dates in the name) or ``download_date`` (one date in the name: the day it was downloaded, so the
    7 days before it are proposed)."""

    start: dt.date
    end: dt.date
    reason: Literal["given", "file_name", "download_date"]
    download_date: dt.date | None = None


def propose_period(file_name: str, given: tuple[dt.date, dt.date] | None = None) -> PeriodProposal | None:
    """The period a Business Report is stored under, the same in the browser and the CLI (issue 12).

    >>> propose_period("BusinessReport-11-17-2026.csv")  # doctest: +NORMALIZE_WHITESPACE
    PeriodProposal(start=datetime.date(2026, 11, 10), end=datetime.date(2026, 11, 16), reason='download_date',
                   download_date=datetime.date(2026, 11, 17))
    """
    if given is not None:
        return PeriodProposal(given[0], given[1], "given")
    found = parsing.dates_in_filename(file_name)
    if len(found) >= 2:
        sniffed = parsing.sniff_period_from_filename(file_name)
        if sniffed is not None:
            return PeriodProposal(sniffed[0], sniffed[1], "file_name")
    if len(found) == 1:
        day = found[0]
        return PeriodProposal(day - dt.timedelta(days=7), day - dt.timedelta(days=1), "download_date", day)
    return None


def period_note(proposal: PeriodProposal, lang: str = "en") -> str:
    """One line on where a period report's period came from."""
    return t(
        f"import.note.period_{proposal.reason}",
        lang,
        start=proposal.start,
        end=proposal.end,
        day=proposal.download_date,
    )


def business_report_period(ctx: Context) -> tuple[dt.date, dt.date]:
    # Two dates in the name are the period (BusinessReport_2026-07-01_2026-07-07.csv); a single one is the
    # day it was downloaded (BusinessReport-11-17-2026.csv): the 7 days before it are proposed, and said so.
    proposal = propose_period(ctx.file_name, ctx.options.period)
    if proposal is None:
        raise ImportRefused(ctx.file_name, "needs_period")
    return proposal.start, proposal.end


def _build_sales_report(values: Cells, ctx: Context) -> pd.DataFrame:
    start, end = business_report_period(ctx)
    asin = values.text("asin").str.upper()
    sku = values.text("sku")
    if (sku == "").any():
        # By child item: no SKU column. Use the SKU the store knows for the ASIN (stock, orders, ads),
        # else the ASIN itself.
        known = ctx.store.sku_for_asin() if ctx.store is not None else {}
        sku = sku.where(sku != "", asin.map(lambda a: known.get(a, a)))
    market = pd.Series([ctx.options.marketplace] * values.n)
    frame = pd.DataFrame(
        {
            "marketplace": market,
            "sku": sku,
            "asin": asin,
            "units": values.num("units", 0.0),
            "revenue": values.num("revenue", 0.0),
            "sessions": values.num("sessions"),
            "page_views": values.num("page_views"),
            "buy_box_pct": values.num("buy_box_pct"),
            "currency": _currency(values, market),
        }
    )
    starts = pd.Series([pd.Timestamp(start)] * len(frame))
    ends = pd.Series([pd.Timestamp(end)] * len(frame))
    return _spread(frame, starts, ends, ("units", "revenue", "sessions", "page_views"))


CANCELLED = {"cancelled", "canceled", "已取消", "取消"}


def _build_orders(values: Cells, ctx: Context) -> pd.DataFrame:
    """SKU-days of order lines. A SKU-day's units and revenue are its sale lines' (0 when it has only
    cancelled lines, NaN when only returns); a return (a negative quantity or price, a refunded/returned
    status) is kept apart in units_returned and refunds (absolute values; NaN when the SKU-day has none)."""
    status = values.text("order_status").str.strip().str.lower()
    item_status = values.text("item_status").str.strip().str.lower()
    cancelled = status.isin(CANCELLED) | item_status.isin(CANCELLED)
    qty, price = values.num("quantity", 0.0), values.num("item_price", 0.0)
    returned = ~cancelled & (
        (qty < 0) | (price < 0) | status.isin(RETURN_STATUSES) | item_status.isin(RETURN_STATUSES)
    )
    sale = ~cancelled & ~returned
    market = _marketplaces(values, ctx, "sales_channel")
    stamps = values.get("purchase_date")
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        # UTC stamps on the marketplace's own calendar (Seller Central's reports use local days).
        local = pd.Series(pd.NaT, index=stamps.index, dtype="datetime64[ns]")
        for code in market.unique():
            sel = (market == code).to_numpy()
            local[sel] = stamps[sel].dt.tz_convert(timezone_of(code)).dt.tz_localize(None)
        day = local.dt.normalize()
    else:
        day = _to_date(stamps)
    # A SKU-day's ASIN and currency: the greatest of its lines' (order-independent, so the streamed path,
    # which reads the file in parallel, stores the same). Grouped as category codes (ordered like the
    # text): pandas has no fast grouped max of strings.
    asin = pd.Categorical(values.text("asin").str.upper())
    currency = pd.Categorical(_currency(values, market))
    frame = pd.DataFrame(
        {
            "date": day.dt.date,
            "marketplace": market,
            "sku": values.text("sku"),
            "asin": asin.codes,
            "units": qty.abs().where(sale, 0.0),
            "revenue": price.abs().where(sale, 0.0),
            "currency": currency.codes,
            "units_returned": qty.abs().where(returned, 0.0),
            "refunds": price.abs().where(returned, 0.0),
            "ordered": ~returned,
            "returned": returned,
        }
    )
    out = frame.groupby(["date", "marketplace", "sku"], as_index=False, sort=True).agg(
        asin=("asin", "max"),
        units=("units", "sum"),
        revenue=("revenue", "sum"),
        currency=("currency", "max"),
        units_returned=("units_returned", "sum"),
        refunds=("refunds", "sum"),
        ordered=("ordered", "any"),
        returned=("returned", "any"),
    )
    for col, flag in (
        ("units", "ordered"),
        ("revenue", "ordered"),
        ("units_returned", "returned"),
        ("refunds", "returned"),
    ):
        out[col] = out[col].where(out[flag])
    out = out.drop(columns=["ordered", "returned"])
    for col, cat in (("asin", asin), ("currency", currency)):
        codes = out[col].to_numpy()
        text = pd.Series(pd.Categorical.from_codes(codes, cat.categories), index=out.index).astype(object)
        out[col] = text.where(codes >= 0, None)
    return out


def _ad_frame(values: Cells, ctx: Context) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    kind = values.match.kind
    ad_type = pd.Series([kind.ad_type or "SP"] * values.n, dtype=object)
    if kind.layer == "ads_keyword" and values.has("sales_14d") and not values.has("sales_7d"):
        ad_type[:] = "SB"  # 14-day attribution at keyword level is Sponsored Brands
    if values.has("campaign_type"):
        mapped = vocab_key(values.get("campaign_type")).map(AD_TYPES)
        ad_type = mapped.where(mapped.notna(), ad_type).astype(object)
    market = _marketplaces(values, ctx, "marketplace", "country")
    frame = pd.DataFrame(
        {
            "marketplace": market,
            "ad_type": ad_type,
            "campaign": values.text("campaign"),
            "ad_group": values.text("ad_group"),
            "impressions": _first_num(values, "impressions"),
            "clicks": _first_num(values, "clicks"),
            "spend": _first_num(values, "spend"),
            "ad_sales": _first_num(values, "sales_7d", "sales_14d", "sales_any"),
            "ad_orders": _first_num(values, "orders_7d", "orders_14d", "orders_any"),
            "ad_units": _first_num(values, "units_7d", "units_14d", "units_any"),
            "currency": _currency(values, market),
        }
    )
    if values.has("date"):
        start = end = values.get("date")
    elif values.has("start_date"):
        start = values.get("start_date")
        end = values.get("end_date") if values.has("end_date") else start
    else:
        start, end = values.get("date_range"), values.extra["date_range_end"].reset_index(drop=True)
    return frame, start, end


def _ads_currency(frame: pd.DataFrame, values: Cells, ctx: Context) -> pd.DataFrame:
    """Ad amounts in another currency than the marketplace's are refused (an ads report in EUR is not US
    dollars), unless the user gave the rate: then they are converted and stored in the marketplace's."""
    expected = frame["marketplace"].map(currency_of)
    given = frame["currency"].astype("string").str.strip().str.upper()
    other = (given.notna() & expected.notna() & (given != expected)).to_numpy(dtype=bool)
    if not other.any():
        return frame
    rates = {c.upper(): r for c, r in ctx.options.fx_rates}
    for currency in sorted(set(given[other])):
        rate = rates.get(str(currency))
        if rate is None:
            row = int(np.flatnonzero(other & (given == currency).to_numpy(dtype=bool))[0])
            pos = values.match.columns.get("currency")
            column = values.raw.header[pos] if pos is not None else "currency"
            raise ImportRefused(
                ctx.file_name,
                "currency",
                line=int(values.raw.line_numbers[row]),
                column=column,
                currency=currency,
                marketplace=frame["marketplace"].iloc[row],
                expected=expected.iloc[row],
                example="1.08",
            )
        if not rate > 0:
            raise ImportRefused(ctx.file_name, "bad_fx_rate", currency=currency, rate=rate)
        sel = (given == currency).to_numpy(dtype=bool)
        frame = frame.copy()
        for col in ("spend", "ad_sales"):
            frame.loc[sel, col] = frame.loc[sel, col] * rate
        frame.loc[sel, "currency"] = expected[sel]
        ctx.lines.append(
            note(
                "import.note.fx", currency=currency, rate=rate, expected=", ".join(sorted(set(expected[sel])))
            )
        )
    return frame


def _build_ads(values: Cells, ctx: Context) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame = _ads_currency(frame, values, ctx)
    frame["sku"] = values.text("advertised_sku").to_numpy()
    frame["asin"] = values.text("advertised_asin").str.upper().to_numpy()
    # rows of a date range rank after daily rows of the same campaign, ad group and product (see the store)
    first = _to_date(start)
    frame["_range"] = (_to_date(end).fillna(first) != first).to_numpy()
    return _spread(frame, start, end, LAYERS["ads"].measures)


def _build_ads_keyword(values: Cells, ctx: Context) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame = _ads_currency(frame, values, ctx)
    frame["targeting"] = values.text("targeting").to_numpy()
    # Auto campaigns have Match Type "-".
    frame["match_type"] = (
        values.text("match_type").str.strip().str.upper().replace({"-": "", "--": ""}).to_numpy()
    )
    frame["search_term"] = values.text("search_term").to_numpy()
    return _spread(frame, start, end, LAYERS["ads_keyword"].measures)


def _build_ranks(values: Cells, ctx: Context) -> pd.DataFrame:
    market = _marketplaces(values, ctx, "marketplace")
    return pd.DataFrame(
        {
            "date": _to_date(values.get("date_added")).dt.date,
            "marketplace": market,
            "asin": values.text("asin").str.upper(),
            "keyword": values.text("keyword"),
            "organic_rank": values.num("organic_rank"),
            "organic_rank_beyond": values.extra["organic_rank_beyond"].astype(float).reset_index(drop=True),
            "sponsored_rank": values.num("sponsored_rank"),
            "sponsored_rank_beyond": values.extra.get(
                "sponsored_rank_beyond", pd.Series(np.full(values.n, np.nan))
            )
            .astype(float)
            .reset_index(drop=True),
            "search_volume": values.num("search_volume"),
            "is_own": None,
        }
    )


def _build_template(values: Cells, ctx: Context) -> pd.DataFrame:
    layer = LAYERS[values.match.kind.layer]
    frame = pd.DataFrame(index=range(values.n))
    for col in layer.columns:
        name = f"tpl_{col.name}"
        if name not in values.cols:
            continue
        series = values.get(name)
        if col.type == "DATE":
            frame[col.name] = _to_date(series).dt.date.to_numpy()
        else:
            frame[col.name] = series.to_numpy()
    for rank in ("organic_rank", "sponsored_rank"):
        beyond = values.extra.get(f"tpl_{rank}_beyond")
        if beyond is None:
            continue
        # ">306" in the rank column; an explicit *_beyond column, when the sheet has one, fills the rest.
        beyond = beyond.astype(float).reset_index(drop=True)
        if f"{rank}_beyond" in frame:
            beyond = beyond.fillna(pd.Series(frame[f"{rank}_beyond"], dtype=float))
        frame[f"{rank}_beyond"] = beyond.to_numpy()
    if "marketplace" in layer.column_names:
        given = frame["marketplace"] if "marketplace" in frame else pd.Series([None] * values.n)
        frame["marketplace"] = given.map(
            lambda v: marketplace_code(v) if isinstance(v, str) else None
        ).fillna(ctx.options.marketplace)
    if "storage_type" in frame:
        frame["storage_type"] = fields.storage_types(frame["storage_type"])
    if layer.name == "shipment":
        frame["mode"] = _vocab(frame, "mode", MODES, SHIPMENT_MODES, default="sea")
        frame["status"] = _vocab(frame, "status", STATUSES, SHIPMENT_STATUSES, default="in_transit")
    if "ad_type" in frame:
        frame["ad_type"] = vocab_key(frame["ad_type"]).map(AD_TYPES).astype(object)
    if "asin" in frame:
        frame["asin"] = frame["asin"].astype("string").str.upper().astype(object)
    return frame


def _vocab(
    frame: pd.DataFrame, col: str, vocab: dict[str, str], allowed: tuple[str, ...], default: str
) -> pd.Series:
    if col not in frame:
        return pd.Series([default] * len(frame), index=frame.index, dtype=object)
    mapped = vocab_key(frame[col]).map(vocab).fillna(default).astype(object)
    assert set(mapped) <= set(allowed)
    return mapped


_BUILDERS: dict[str, Callable[[Cells, Context], pd.DataFrame]] = {
    "inventory": _build_inventory,
    "sales_report": _build_sales_report,
    "sales_orders": _build_orders,
    "ads": _build_ads,
    "ads_keyword": _build_ads_keyword,
    "keyword_rank": _build_ranks,
}


def build(values: Cells, ctx: Context) -> pd.DataFrame:
    """The rows of the layer ``values``' report kind feeds (its good rows only), one per canonical key."""
    kind = values.match.kind
    builder = _build_template if kind.kind.startswith("template_") else _BUILDERS[kind.layer]
    return _collapse(builder(values, ctx), kind.layer)


def _collapse(frame: pd.DataFrame, layer_name: str) -> pd.DataFrame:
    """One row per canonical key: measures summed, other columns from the first row in file order.

    The store would aggregate the same way, but with an arbitrary row for the non-measure columns; doing it
    here keeps an import deterministic (the same file always yields the same tables).
    """
    layer = LAYERS[layer_name]
    frame = frame.reset_index(drop=True)
    key = [k for k in layer.key if k in frame.columns]
    if frame.empty or len(key) < len(layer.key):
        return frame
    for name in key:
        if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].astype("string").fillna(STRING_KEY_DEFAULT).astype(object)
    if not frame.duplicated(key).any():
        return frame
    others = [c for c in frame.columns if c not in key]
    aggs = {c: ("sum" if c in layer.measures else "first") for c in others}
    out = frame.groupby(key, sort=False, dropna=False, as_index=False).agg(aggs)
    return out[frame.columns]

"""Import one export file: recognise its kind, read every value, and store it in one transaction.

The steps are split so the UI can preview before committing: :func:`prepare` reads and validates a file
(nothing is written), :func:`commit` stores a prepared file, :func:`import_file` does both.

A file with a value that cannot be read is refused whole by default, with the file, line, column and value
named; ``allow_partial=True`` imports the good rows and keeps the rejected ones in ``import_reject``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from inventory_core import parsing
from inventory_core.i18n import t
from inventory_core.marketplaces import currency_of, marketplace_code, timezone_of
from inventory_core.reports import KINDS_BY_NAME, Match, ReportKind, detect, header_score, match_kind
from inventory_core.schema import LAYERS, SHIPMENT_MODES, SHIPMENT_STATUSES
from inventory_core.storage import ImportRecord, Store

Progress = Callable[[float, str], None]

MAX_REJECTS_KEPT = 10_000


@dataclass(frozen=True)
class ImportOptions:
    """What the user may tell the importer about a file."""

    marketplace: str = "US"  # used when the file does not say
    period: tuple[dt.date, dt.date] | None = None  # for period reports without dates (Business Report)
    snapshot_date: dt.date | None = None  # for stock reports without a date (default: today)
    allow_partial: bool = False
    dayfirst: bool | None = None  # force D/M/Y (None: decided per file)
    kind: str | None = None  # force a report kind
    sheet: str | None = None


class ImportRefused(Exception):
    """A file the importer will not store, with a one-line reason (English ``str``; ``message(lang)``)."""

    def __init__(self, file_name: str, code: str, **params: object) -> None:
        self.file_name = file_name
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    @property
    def line(self) -> int | None:
        value = self.params.get("line")
        return int(value) if isinstance(value, int | np.integer) else None

    @property
    def column(self) -> str | None:
        value = self.params.get("column")
        return str(value) if value is not None else None

    def message(self, lang: str = "en") -> str:
        return t(f"import.refused.{self.code}", lang, file=self.file_name, **self.params)


@dataclass(frozen=True)
class Prepared:
    file_name: str
    sha256: str
    kind: ReportKind | None
    frames: dict[str, pd.DataFrame]
    rejects: pd.DataFrame
    rows_read: int
    marketplace: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    notes: tuple[str, ...] = ()
    already: ImportRecord | None = None

    @property
    def rows(self) -> int:
        return sum(len(f) for f in self.frames.values())

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        dates: list[pd.Series] = []
        for frame in self.frames.values():
            for col in ("date", "snapshot_date", "eta"):
                if col in frame.columns and len(frame):
                    dates.append(pd.to_datetime(frame[col]))
                    break
        if not dates:
            return None
        both = pd.concat(dates).dropna()
        if both.empty:
            return None
        return both.min().date(), both.max().date()


@dataclass(frozen=True)
class ImportResult:
    status: Literal["imported", "skipped"]
    file_name: str
    kind: str
    import_id: int | None
    rows_loaded: int
    rows_rejected: int
    notes: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------------------------
# reading values


@dataclass
class _Values:
    """Typed columns of one file, aligned to its data rows."""

    raw: parsing.RawTable
    match: Match
    n: int
    cols: dict[str, pd.Series] = field(default_factory=dict)
    extra: dict[str, pd.Series] = field(default_factory=dict)  # rank "beyond", range ends
    currency: str | None = None
    bad_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    rejects: list[pd.DataFrame] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.cols

    def get(self, name: str, default: object = None) -> pd.Series:
        if name in self.cols:
            return self.cols[name]
        return pd.Series([default] * self.n, dtype="object" if default is None else None)

    def text(self, name: str, default: str = "") -> pd.Series:
        if name in self.cols:
            return self.cols[name].fillna(default).astype(str)
        return pd.Series([default] * self.n, dtype=str)

    def num(self, name: str, default: float = np.nan) -> pd.Series:
        if name in self.cols:
            return self.cols[name].astype(float).fillna(default)
        return pd.Series(np.full(self.n, default, dtype=float))

    def reject(self, mask: np.ndarray, column: str, reason: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.bad_rows |= mask
        pos = self.match.columns.get(column)
        header = self.raw.header[pos] if pos is not None else column
        values = (
            self.raw.data[f"c{pos}"][mask].astype(str).to_numpy() if pos is not None else np.array([""] * mask.sum())
        )
        self.rejects.append(
            pd.DataFrame(
                {"line": self.raw.line_numbers[mask], "column": header, "value": values, "reason": reason}
            )
        )


_BOOL = {"true": True, "yes": True, "y": True, "1": True, "是": True, "x": True,
         "false": False, "no": False, "n": False, "0": False, "否": False}


def _read_values(raw: parsing.RawTable, match: Match, options: ImportOptions) -> _Values:
    n = len(raw.data)
    values = _Values(raw, match, n, bad_rows=np.zeros(n, dtype=bool))
    defs = match.kind.field_defs()
    dayfirst = options.dayfirst
    if dayfirst is None and options.marketplace == "IN":
        dayfirst = True
    for name, pos in match.columns.items():
        fdef = defs[name]
        series = raw.data[f"c{pos}"]
        if fdef.kind == "text":
            values.cols[name] = series
        elif fdef.kind in ("number", "int"):
            res = parsing.parse_number(series)
            values.cols[name] = res.values
            values.currency = values.currency or res.currency
            values.reject(res.bad, name, "number")
        elif fdef.kind in ("date", "datetime"):
            if name == "purchase_date":
                values.cols[name] = _purchase_dates(series, values, options)
                continue
            dres = parsing.parse_date(series, dayfirst=dayfirst)
            values.cols[name] = dres.values
            values.reject(dres.bad, name, "date")
        elif fdef.kind == "rank":
            rres = parsing.parse_rank(series)
            values.cols[name] = rres.rank
            values.extra[f"{name}_beyond"] = rres.beyond
            values.reject(rres.bad, name, "rank")
        elif fdef.kind == "date_range":
            start, end = parsing.parse_date_range(series)
            values.cols[name] = start.values
            values.extra[f"{name}_end"] = end.values
            values.reject(start.bad | end.bad, name, "date")
        elif fdef.kind == "bool":
            lowered = series.astype("string").str.strip().str.lower()
            mapped = lowered.map(_BOOL)
            bad = (lowered.notna() & mapped.isna()).to_numpy(dtype=bool)
            values.cols[name] = mapped
            values.reject(bad, name, "bool")
    return values


_TZ_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _purchase_dates(series: pd.Series, values: _Values, options: ImportOptions) -> pd.Series:
    """Order dates on the marketplace's own calendar (Seller Central's reports use local days).

    ``purchase-date`` is UTC (``2017-06-17T08:04:21+00:00``); a US order at 20:00 Pacific is on the next
    UTC day, so the UTC date would put it on the wrong day.
    """
    text = series.astype("string").str.strip()
    uniq = pd.Series(text.dropna().unique())
    has_tz = bool(len(uniq)) and bool(uniq.str.contains(_TZ_SUFFIX).all())
    if not has_tz:
        dres = parsing.parse_date(series, dayfirst=options.dayfirst)
        values.reject(dres.bad, "purchase_date", "date")
        return dres.values
    parsed = pd.to_datetime(uniq, utc=True, errors="coerce", format="ISO8601")
    lookup = dict(zip(uniq, parsed, strict=True))
    stamps = text.map(lookup)
    bad = (text.notna() & stamps.isna()).to_numpy(dtype=bool)
    values.reject(bad, "purchase_date", "date")
    # Convert per marketplace later (sales-channel decides); keep UTC stamps here.
    return pd.to_datetime(stamps, utc=True)


def _check_required_text(values: _Values, names: tuple[str, ...]) -> None:
    for name in names:
        if values.has(name):
            empty = values.cols[name].isna().to_numpy(dtype=bool)
            values.reject(empty, name, "empty")


# ---------------------------------------------------------------------------------------------------------
# builders: typed values -> rows of a source layer


@dataclass(frozen=True)
class _Ctx:
    file_name: str
    options: ImportOptions
    store: Store | None
    period: tuple[dt.date, dt.date] | None
    snapshot_date: dt.date


def _marketplaces(values: _Values, ctx: _Ctx, *fields: str) -> pd.Series:
    out = pd.Series([None] * values.n, dtype="object")
    for name in fields:
        if values.has(name):
            codes = values.cols[name].map(lambda v: marketplace_code(v) if isinstance(v, str) else None)
            out = out.where(out.notna(), codes)
    return out.fillna(ctx.options.marketplace).astype(str)


def _currency(values: _Values, marketplace: pd.Series) -> pd.Series:
    if values.has("currency"):
        cur = values.cols["currency"].astype("string").str.strip().str.upper()
        return cur.where(cur.notna(), marketplace.map(currency_of)).astype(object)
    if values.currency:
        return pd.Series([values.currency] * values.n, dtype=object)
    return marketplace.map(currency_of).astype(object)


def _first_num(values: _Values, *names: str, default: float = 0.0) -> pd.Series:
    for name in names:
        if values.has(name):
            return values.num(name, default)
    return pd.Series(np.full(values.n, default))


def _to_date(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).dt.normalize()


def _spread(frame: pd.DataFrame, start: pd.Series, end: pd.Series, measures: tuple[str, ...]) -> pd.DataFrame:
    """Spread rows that cover start..end evenly over their days (measures divided by the day count)."""
    start = _to_date(start).reset_index(drop=True)
    end = _to_date(end).reset_index(drop=True)
    days = ((end - start).dt.days + 1).clip(lower=1).to_numpy(dtype=np.int64)
    if (days == 1).all():
        out = frame.reset_index(drop=True).copy()
        out["date"] = start.dt.date
        return out
    idx = np.repeat(np.arange(len(frame)), days)
    out = frame.reset_index(drop=True).iloc[idx].reset_index(drop=True)
    offsets = np.arange(len(idx)) - np.repeat(np.cumsum(days) - days, days)
    out["date"] = (start.iloc[idx].reset_index(drop=True) + pd.to_timedelta(offsets, unit="D")).dt.date
    divisor = np.repeat(days, days).astype(float)
    for m in measures:
        if m in out.columns:
            out[m] = out[m].astype(float) / divisor
    return out


def _build_inventory(values: _Values, ctx: _Ctx) -> pd.DataFrame:
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
        }
    )
    if kind == "restock_inventory":
        frame["reserved"] = (
            values.num("restock_customer_order", 0.0)
            + values.num("restock_fc_transfer", 0.0)
            + values.num("restock_fc_processing", 0.0)
        ).to_numpy()
        frame["amazon_recommended_qty"] = values.num("restock_recommended").to_numpy()
        frame["amazon_alert"] = values.text("restock_alert").str.strip().str.lower().to_numpy()
        frame["amazon_days_of_supply"] = values.num("restock_days_of_supply").to_numpy()
    if kind == "manage_fba_inventory" and values.has("afn_listing"):
        # MFN-only listings are not stocked at FBA.
        frame = frame[values.text("afn_listing").str.strip().str.lower().ne("no").to_numpy()]
    return frame


def _business_report_period(ctx: _Ctx) -> tuple[dt.date, dt.date]:
    if ctx.period is not None:
        return ctx.period
    sniffed = parsing.sniff_period_from_filename(ctx.file_name)
    if sniffed and sniffed[0] != sniffed[1]:
        return sniffed
    raise ImportRefused(ctx.file_name, "needs_period")


def _build_sales_report(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    start, end = _business_report_period(ctx)
    asin = values.text("asin")
    if values.has("sku"):
        sku = values.text("sku")
    else:
        known = ctx.store.sku_for_asin() if ctx.store is not None else {}
        sku = asin.map(lambda a: known.get(a, a))
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


_CANCELLED = {"cancelled", "canceled", "已取消", "取消"}


def _build_orders(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    status = values.text("order_status").str.strip().str.lower()
    keep = ~status.isin(_CANCELLED)
    if values.has("item_status"):
        keep &= ~values.text("item_status").str.strip().str.lower().isin(_CANCELLED)
    market = _marketplaces(values, ctx, "sales_channel")
    stamps = values.cols["purchase_date"]
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        local = pd.Series(pd.NaT, index=stamps.index, dtype="datetime64[ns]")
        for code in market.unique():
            sel = (market == code).to_numpy()
            local[sel] = stamps[sel].dt.tz_convert(timezone_of(code)).dt.tz_localize(None)
        day = local.dt.normalize()
    else:
        day = _to_date(stamps)
    frame = pd.DataFrame(
        {
            "date": day.dt.date,
            "marketplace": market,
            "sku": values.text("sku"),
            "asin": values.text("asin"),
            "units": values.num("quantity", 0.0),
            "revenue": values.num("item_price", 0.0),
            "currency": _currency(values, market),
        }
    )[keep.to_numpy()]
    grouped = frame.groupby(["date", "marketplace", "sku"], as_index=False, sort=False).agg(
        asin=("asin", "first"), units=("units", "sum"), revenue=("revenue", "sum"), currency=("currency", "first")
    )
    return grouped


_AD_TYPES = {
    "sp": "SP", "sponsored products": "SP", "sponsored_products": "SP", "商品推广": "SP",
    "sb": "SB", "sponsored brands": "SB", "sponsored_brands": "SB", "品牌推广": "SB", "sbv": "SB",
    "sd": "SD", "sponsored display": "SD", "sponsored_display": "SD", "展示型推广": "SD",
}


def _ad_frame(values: _Values, ctx: _Ctx) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    kind = values.match.kind
    ad_type = pd.Series([kind.ad_type or "SP"] * values.n, dtype=object)
    if kind.layer == "ads_keyword" and values.has("sales_14d") and not values.has("sales_7d"):
        ad_type[:] = "SB"  # 14-day attribution at keyword level is Sponsored Brands
    if values.has("campaign_type"):
        mapped = values.text("campaign_type").str.strip().str.lower().map(_AD_TYPES)
        ad_type = mapped.where(mapped.notna(), ad_type)
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
        start = end = values.cols["date"]
    elif values.has("start_date"):
        start = values.cols["start_date"]
        end = values.cols["end_date"] if values.has("end_date") else start
    else:
        start, end = values.cols["date_range"], values.extra["date_range_end"]
    return frame, start, end


def _build_ads(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame["sku"] = values.text("advertised_sku").to_numpy()
    frame["asin"] = values.text("advertised_asin").to_numpy()
    return _spread(frame, start, end, LAYERS["ads"].measures)


def _build_ads_keyword(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame["targeting"] = values.text("targeting").to_numpy()
    frame["match_type"] = values.text("match_type").str.strip().str.upper().replace({"-": ""}).to_numpy()
    frame["search_term"] = values.text("search_term").to_numpy()
    return _spread(frame, start, end, LAYERS["ads_keyword"].measures)


def _build_ranks(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    market = _marketplaces(values, ctx, "marketplace")
    return pd.DataFrame(
        {
            "date": _to_date(values.cols["date_added"]).dt.date,
            "marketplace": market,
            "asin": values.text("asin").str.strip().str.upper(),
            "keyword": values.text("keyword").str.strip(),
            "organic_rank": values.num("organic_rank"),
            "organic_rank_beyond": values.extra["organic_rank_beyond"].astype(float),
            "sponsored_rank": values.num("sponsored_rank"),
            "sponsored_rank_beyond": values.extra.get(
                "sponsored_rank_beyond", pd.Series(np.full(values.n, np.nan))
            ).astype(float),
            "search_volume": values.num("search_volume"),
            "is_own": None,
        }
    )


_MODES = {
    "sea": "sea", "ocean": "sea", "boat": "sea", "海运": "sea", "海派": "sea", "海卡": "sea", "lcl": "sea",
    "fcl": "sea", "air": "air", "空运": "air", "空派": "air", "rail": "rail", "train": "rail", "铁路": "rail",
    "铁运": "rail", "卡铁": "rail", "express": "express", "courier": "express", "快递": "express",
    "dhl": "express", "ups": "express", "fedex": "express", "truck": "rail", "卡航": "rail",
}
_STATUSES = {
    "in_transit": "in_transit", "in transit": "in_transit", "shipped": "in_transit", "working": "in_transit",
    "在途": "in_transit", "运输中": "in_transit", "已发货": "in_transit", "receiving": "in_transit",
    "customs_hold": "customs_hold", "customs hold": "customs_hold", "清关中": "customs_hold",
    "扣关": "customs_hold", "查验": "customs_hold", "delayed": "delayed", "延误": "delayed",
    "lost": "lost", "丢件": "lost", "丢失": "lost", "received": "received", "closed": "received",
    "已签收": "received", "已完成": "received", "已上架": "received", "delivered": "in_transit",
}


def _build_template(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    layer = LAYERS[values.match.kind.layer]
    frame = pd.DataFrame(index=range(values.n))
    for col in layer.columns:
        name = f"tpl_{col.name}"
        if name not in values.cols:
            continue
        series = values.cols[name]
        if col.type == "DATE":
            frame[col.name] = _to_date(series).dt.date.to_numpy()
        else:
            frame[col.name] = series.to_numpy()
        if f"{name}_beyond" in values.extra:
            frame[f"{col.name}_beyond"] = values.extra[f"{name}_beyond"].to_numpy()
    if "marketplace" in layer.column_names:
        given = frame["marketplace"] if "marketplace" in frame else pd.Series([None] * values.n)
        frame["marketplace"] = given.map(lambda v: marketplace_code(v) if isinstance(v, str) else None).fillna(
            ctx.options.marketplace
        )
    if layer.name == "shipment":
        _normalise_vocab(values, frame, "mode", _MODES, SHIPMENT_MODES, default="sea")
        _normalise_vocab(values, frame, "status", _STATUSES, SHIPMENT_STATUSES, default="in_transit")
    if "ad_type" in frame:
        mapped = frame["ad_type"].astype(str).str.strip().str.lower().map(_AD_TYPES)
        values.reject(mapped.isna().to_numpy(), "tpl_ad_type", "vocab")
        frame["ad_type"] = mapped
    return frame


def _normalise_vocab(
    values: _Values, frame: pd.DataFrame, col: str, vocab: dict[str, str], allowed: tuple[str, ...], default: str
) -> None:
    if col not in frame:
        frame[col] = default
        return
    raw = frame[col].astype("string").str.strip().str.lower()
    mapped = raw.map(vocab)
    values.reject((raw.notna() & mapped.isna()).to_numpy(), f"tpl_{col}", "vocab")
    frame[col] = mapped.fillna(default)
    assert set(frame[col]) <= set(allowed)


_BUILDERS: dict[str, Callable[[_Values, _Ctx], pd.DataFrame]] = {
    "inventory": _build_inventory,
    "sales_report": _build_sales_report,
    "sales_orders": _build_orders,
    "ads": _build_ads,
    "ads_keyword": _build_ads_keyword,
    "keyword_rank": _build_ranks,
}

# Text fields that must not be empty, per layer (a row without them cannot be placed).
_REQUIRED_TEXT: dict[str, tuple[str, ...]] = {
    "inventory": ("sku",),
    "sales_report": ("asin",),
    "sales_orders": ("sku",),
    "ads": ("campaign",),
    "ads_keyword": ("campaign",),
    "keyword_rank": ("asin", "keyword"),
}


# ---------------------------------------------------------------------------------------------------------
# the public steps


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _nothing(_fraction: float, _message: str) -> None:
    return None


def prepare(
    data: bytes,
    file_name: str,
    store: Store | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read and validate one file without writing anything."""
    options = options or ImportOptions()
    progress = progress or _nothing
    digest = sha256_of(data)
    if store is not None:
        already = store.find_active_import(digest)
        if already is not None:
            return Prepared(file_name, digest, KINDS_BY_NAME.get(already.kind), {}, _no_rejects(), 0,
                            already.marketplace, already.period_start, already.period_end, (), already)
    progress(0.05, "read")
    try:
        raw = parsing.read_table(data, file_name, header_score=header_score, sheet=options.sheet)
    except parsing.ParseError as exc:
        raise ImportRefused(file_name, "unreadable", reason=str(exc)) from exc
    if options.kind is not None:
        match = match_kind(KINDS_BY_NAME[options.kind], raw.header)
        if not match.complete:
            raise ImportRefused(file_name, "unknown", closest=match.kind.title, missing=", ".join(match.missing))
    else:
        best, closest = detect(raw.header)
        if best is None:
            raise ImportRefused(
                file_name, "unknown", closest=closest.kind.title, missing=", ".join(closest.missing)
            )
        match = best
    kind = match.kind
    if kind.kind == "business_report_by_date":
        raise ImportRefused(file_name, "account_level")
    progress(0.35, "parse")
    values = _read_values(raw, match, options)
    layer_name = kind.layer
    required_text = _REQUIRED_TEXT.get(layer_name) or tuple(
        f"tpl_{k}" for k in LAYERS[layer_name].key if k in {c.name for c in LAYERS[layer_name].columns}
        and f"tpl_{k}" in values.cols and k not in ("marketplace",)
    )
    _check_required_text(values, required_text)
    period = options.period
    ctx = _Ctx(file_name, options, store, period, options.snapshot_date or _snapshot_from_name(file_name))
    builder = _BUILDERS.get(layer_name, _build_template) if not kind.kind.startswith("template_") else (
        _build_template
    )
    frame = builder(values, ctx)  # may add vocabulary rejects
    rejects = pd.concat(values.rejects, ignore_index=True) if values.rejects else _no_rejects()
    if len(rejects) and not options.allow_partial:
        first = rejects.sort_values("line").iloc[0]
        raise ImportRefused(
            file_name, f"bad_{first['reason']}", line=int(first["line"]), column=str(first["column"]),
            value=_short(str(first["value"])), more=len(rejects) - 1,
        )
    if values.bad_rows.any():
        frame = _drop_bad(frame, values, layer_name)
    progress(0.6, "build")
    marketplace = _single(frame, "marketplace")
    period_start, period_end = _frame_period(frame, layer_name)
    if kind.period == "file":
        period_start, period_end = _business_report_period(ctx)
    notes: list[str] = []
    if len(rejects):
        notes.append(t("import.note.rejected", "en", n=len(rejects)))
    return Prepared(
        file_name, digest, kind, {layer_name: frame}, rejects.head(MAX_REJECTS_KEPT), len(raw.data),
        marketplace, period_start, period_end, tuple(notes),
    )


def _drop_bad(frame: pd.DataFrame, values: _Values, layer_name: str) -> pd.DataFrame:
    """Rows of ``frame`` that do not come from a rejected file row."""
    if layer_name in ("sales_orders",):
        # Orders were aggregated: rebuild from the good rows only.
        good = ~values.bad_rows
        sub = _Values(values.raw, values.match, int(good.sum()), bad_rows=np.zeros(int(good.sum()), dtype=bool))
        sub.cols = {k: v[good].reset_index(drop=True) for k, v in values.cols.items()}
        sub.extra = {k: v[good].reset_index(drop=True) for k, v in values.extra.items()}
        sub.currency = values.currency
        return _build_orders(sub, _Ctx("", ImportOptions(), None, None, dt.date.today()))
    if len(frame) == values.n:
        return frame[~values.bad_rows].reset_index(drop=True)
    # Spread rows: the repeat index is recoverable from the row order (each source row's days are adjacent).
    return frame  # pragma: no cover - spread frames are built after dropping (see prepare)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _no_rejects() -> pd.DataFrame:
    return pd.DataFrame({"line": pd.Series(dtype="int64"), "column": pd.Series(dtype=str),
                         "value": pd.Series(dtype=str), "reason": pd.Series(dtype=str)})


def _single(frame: pd.DataFrame, col: str) -> str | None:
    if col not in frame.columns or frame.empty:
        return None
    uniq = frame[col].dropna().unique()
    return str(uniq[0]) if len(uniq) == 1 else None


def _frame_period(frame: pd.DataFrame, layer: str) -> tuple[dt.date | None, dt.date | None]:
    col = {"inventory": "snapshot_date"}.get(layer, "date")
    if col not in frame.columns or frame.empty:
        return None, None
    dates = pd.to_datetime(frame[col]).dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def _snapshot_from_name(file_name: str) -> dt.date:
    sniffed = parsing.sniff_period_from_filename(file_name)
    return sniffed[1] if sniffed else dt.date.today()


def commit(store: Store, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    """Store a prepared file in one transaction (or report that it was already imported)."""
    progress = progress or _nothing
    kind = prepared.kind.kind if prepared.kind else "unknown"
    if prepared.already is not None:
        return ImportResult("skipped", prepared.file_name, kind, prepared.already.import_id, 0, 0,
                            (t("import.note.already", "en", id=prepared.already.import_id),))
    progress(0.7, "store")
    import_id = store.apply_import(
        file_name=prepared.file_name, sha256=prepared.sha256, kind=kind, frames=prepared.frames,
        marketplace=prepared.marketplace, period_start=prepared.period_start, period_end=prepared.period_end,
        rows_read=prepared.rows_read, rejects=prepared.rejects if len(prepared.rejects) else None,
        note="; ".join(prepared.notes) or None,
    )
    progress(1.0, "done")
    return ImportResult("imported", prepared.file_name, kind, import_id, prepared.rows, len(prepared.rejects),
                        prepared.notes)


def import_file(
    store: Store,
    source: str | Path | bytes,
    file_name: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Prepare and commit one file. Raises :class:`ImportRefused` with a one-line reason."""
    if isinstance(source, bytes):
        data, name = source, file_name or "upload"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportRefused(name, "unreadable", reason=exc.strerror or str(exc)) from exc
    prepared = prepare(data, name, store, options, progress)
    return commit(store, prepared, progress)


def with_period(options: ImportOptions, start: dt.date, end: dt.date) -> ImportOptions:
    return replace(options, period=(start, end))

"""Import one export file: recognise its kind, read every value, and store it in one transaction.

The steps are split so the UI can preview before committing: :func:`prepare` reads and validates a file
(nothing is written), :func:`commit` stores a prepared file, :func:`import_file` does both.

A file with a value that cannot be read is refused whole by default, with the file, line, column and value
named; ``allow_partial=True`` imports the good rows and keeps the rejected ones in ``import_reject``.
Rejected rows are dropped *before* the rows of a layer are built, so a rejected line of a period report
never reaches any of the days it would have been spread over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from inventory_core.i18n import MESSAGES, t
from inventory_core.ingest import parsing
from inventory_core.ingest.reports import KINDS_BY_NAME, Match, ReportKind, detect, header_score, match_kind
from inventory_core.store import (
    RETURN_STATUSES,
    STAGE_FIELDS,
    STRING_KEY_DEFAULT,
    ImportRecord,
    OrdersScan,
    ScanMarket,
    Store,
    fields,
)
from inventory_core.store.fields import bound_of
from inventory_core.store.marketplaces import (
    BY_CODE,
    currency_of,
    known_names,
    marketplace_code,
    timezone_of,
    zone_changes,
)
from inventory_core.store.schema import LAYERS, SHIPMENT_MODES, SHIPMENT_STATUSES

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
    # Column mapping for files from other tools: file header -> canonical column of ``kind``'s template
    # (e.g. {"Stock": "available"} with kind "template_inventory_snapshot").
    mapping: tuple[tuple[str, str], ...] = ()
    # Rates the user confirmed for ad amounts in another currency than the marketplace's: (currency, rate),
    # 1 unit of the currency = rate units of the marketplace's currency (e.g. ("EUR", 1.08) for US).
    fx_rates: tuple[tuple[str, float], ...] = ()
    # The day the file was last modified (its download day), set by ``import_file`` for a file on disk: the
    # snapshot date of a stock report without a date of its own, when neither the user nor its name says.
    file_day: dt.date | None = None
    # Largest file accepted (bytes); default from STOCKOUT_RADAR_MAX_UPLOAD_MB (1024 MB).
    max_bytes: int = field(default_factory=lambda: default_max_bytes())


def default_max_bytes() -> int:
    try:
        return int(float(os.environ.get("STOCKOUT_RADAR_MAX_UPLOAD_MB", "1024")) * 1024 * 1024)
    except ValueError:
        return 1024 * 1024 * 1024


class ImportRefused(Exception):  # noqa: N818 - a refusal is an expected outcome, not an error of the program
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

    def message(self, lang: str = "en", where: Literal["cli", "app"] = "cli") -> str:
        """The refusal in ``lang``, pointing to the command line's flag or (``where="app"``) the upload page's
        switch for importing the good rows."""
        params = dict(self.params)
        params["partial"] = t(f"import.partial.{where}", lang, switch=t("upload.partial", lang))
        reason_key = params.pop("reason_key", None)
        if isinstance(reason_key, str) and reason_key in MESSAGES:
            # A file that cannot be read: the reader's reason, in the user's language.
            params["reason"] = t(reason_key, lang, **params)
        return _one_line(t(f"import.refused.{self.code}", lang, file=self.file_name, **params))


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
    # Large order files are not read into frames here: ``frames`` holds a preview of their first lines
    # and the commit streams the whole file through DuckDB (see ``_commit_stream``).
    stream: _Stream | None = None
    # lines for the user known before the import (a converted currency, the snapshot date's source)
    lines: tuple[Note, ...] = ()
    # a stock report whose snapshot date nothing gave (stamped today): the upload page asks for it
    snapshot_assumed: bool = False

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


Note = tuple[str, tuple[tuple[str, object], ...]]  # a translation key and its values


def note(key: str, **values: object) -> Note:
    return key, tuple(values.items())


def note_text(item: Note, lang: str = "en") -> str:
    """One note line in ``lang``."""
    key, values = item
    params = dict(values)
    if key == "import.note.kept":  # (SKUs, import id) pairs, each a phrase in ``lang``
        sep = "、" if lang == "zh" else ", "
        params["parts"] = sep.join(t("import.note.kept_part", lang, n=n, id=i)
                                   for n, i in params["parts"])  # type: ignore[attr-defined]
    return _one_line(t(key, lang, **params))


@dataclass(frozen=True)
class ImportResult:
    status: Literal["imported", "skipped"]
    file_name: str
    kind: str
    import_id: int | None
    rows_loaded: int
    rows_rejected: int
    notes: tuple[str, ...] = field(default=())
    # What the user is told about the import beside its row count, one line each (translated on display):
    # rows of other imports kept, returns kept apart, converted currency, SKUs differing only by case.
    lines: tuple[Note, ...] = field(default=())

    def line_texts(self, lang: str = "en") -> list[str]:
        return [note_text(item, lang) for item in self.lines]


def _amount(value: float) -> str:
    return f"{value:,.2f}"


def after_import_lines(store: Store, import_id: int, kind: str) -> tuple[Note, ...]:
    """The lines an import adds (read after it committed): what it kept of other imports and kept apart."""
    out: list[Note] = []
    if kind in KINDS_BY_NAME and KINDS_BY_NAME[kind].layer == "sales_orders":
        kept = store.kept_from_other_imports(import_id)
        if kept:
            parts = tuple((n, other) for other, n in kept)
            out.append(("import.note.kept", (("parts", parts),)))
        lines, units, amount = store.returns_of(import_id)
        if lines:
            out.append(note("import.note.returns", lines=lines, units=f"{units:,.0f}", amount=_amount(amount)))
    if kind in KINDS_BY_NAME and KINDS_BY_NAME[kind].layer == "inventory":
        record = store.get_import(import_id)
        latest = store.latest_snapshot_date(record.marketplace) if record.marketplace else None
        if record.period_end is not None and latest is not None and record.period_end < latest:
            out.append(note("import.note.snapshot_older", date=record.period_end, latest=latest))
    pairs = store.case_twin_skus(import_id)
    if pairs:
        out.append(note("import.note.case_skus", pairs="; ".join(" / ".join(p) for p in pairs[:5])))
    return tuple(out)


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

    def get(self, name: str) -> pd.Series:
        if name in self.cols:
            return self.cols[name].reset_index(drop=True)
        return pd.Series([None] * self.n, dtype="object")

    def text(self, name: str, default: str = "") -> pd.Series:
        if name in self.cols:
            return self.cols[name].fillna(default).astype(str).reset_index(drop=True)
        return pd.Series([default] * self.n, dtype=str)

    def num(self, name: str, default: float = np.nan) -> pd.Series:
        if name in self.cols:
            return self.cols[name].astype(float).fillna(default).reset_index(drop=True)
        return pd.Series(np.full(self.n, default, dtype=float))

    def reject(self, mask: np.ndarray, column: str, reason: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.bad_rows |= mask
        pos = self.match.columns.get(column)
        header = self.raw.header[pos] if pos is not None else column
        values = (
            self.raw.data[f"c{pos}"][mask].fillna("").astype(str).to_numpy()
            if pos is not None else np.array([""] * int(mask.sum()))
        )
        self.rejects.append(
            pd.DataFrame(
                {"line": self.raw.line_numbers[mask], "column": header, "value": values, "reason": reason}
            )
        )

    def good_only(self) -> _Values:
        """The same values without the rejected rows (rejects are kept)."""
        good = ~self.bad_rows
        raw = replace(
            self.raw, data=self.raw.data[good].reset_index(drop=True), line_numbers=self.raw.line_numbers[good]
        )
        return _Values(
            raw, self.match, int(good.sum()),
            cols={k: v[good].reset_index(drop=True) for k, v in self.cols.items()},
            extra={k: v[good].reset_index(drop=True) for k, v in self.extra.items()},
            currency=self.currency, bad_rows=np.zeros(int(good.sum()), dtype=bool), rejects=self.rejects,
        )


_BOOL = {"true": True, "yes": True, "y": True, "1": True, "是": True, "x": True, "✓": True,
         "false": False, "no": False, "n": False, "0": False, "否": False}

# Percentages: a CSV writes "98.50%", a workbook stores the fraction 0.985 in a cell formatted as percent.
_PERCENT_FIELDS = frozenset({"buy_box_pct", "unit_session_pct", "tpl_buy_box_pct"})


def _file_marketplace(raw: parsing.RawTable, match: Match, options: ImportOptions) -> str:
    """The marketplace most rows name (marketplace / country / sales channel columns), else the option."""
    for name in ("marketplace", "country", "sales_channel", "tpl_marketplace"):
        pos = match.columns.get(name)
        if pos is None:
            continue
        codes = raw.data[f"c{pos}"].dropna().head(1000).map(marketplace_code).dropna()
        if len(codes):
            return str(codes.mode().iloc[0])
    return options.marketplace


def _order_of(fmt: str | None) -> bool | None:
    """True for a day-first format (``%d/%m/%y``), False for month-first (``%m/%d/%Y``), else None."""
    if not fmt or "%m" not in fmt or "%d" not in fmt or fmt.startswith("%Y"):
        return None
    return fmt.index("%d") < fmt.index("%m")


def _file_dayfirst(
    columns: dict[str, pd.Series], options: ImportOptions, marketplace: str
) -> bool:
    """Day/month order for the whole file (REPORTS.md: a file is consistent, never decided per cell).

    A column whose values decide the order (a day above 12) decides it for every column; otherwise the
    user's choice, then the marketplace's convention (D/M outside North America and East Asia).
    """
    if options.dayfirst is not None:
        return options.dayfirst
    default = BY_CODE[marketplace].dayfirst if marketplace in BY_CODE else False
    for series in columns.values():
        month_first = parsing.parse_date(series, dayfirst=False).format
        day_first = parsing.parse_date(series, dayfirst=True).format
        if month_first == day_first and _order_of(month_first) is not None:
            return bool(_order_of(month_first))
    return default


def _read_values(raw: parsing.RawTable, match: Match, options: ImportOptions) -> _Values:
    n = len(raw.data)
    values = _Values(raw, match, n, bad_rows=np.zeros(n, dtype=bool))
    defs = match.kind.field_defs()
    marketplace = _file_marketplace(raw, match, options)
    dated = {
        name: raw.data[f"c{pos}"] for name, pos in match.columns.items()
        if defs[name].kind in ("date", "datetime") and name != "purchase_date"
    }
    dayfirst = _file_dayfirst(dated, options, marketplace)
    for name, pos in match.columns.items():
        fdef = defs[name]
        series = raw.data[f"c{pos}"]
        if fdef.kind == "text":
            values.cols[name] = series.str.strip()
        elif fdef.kind in ("number", "int"):
            res = parsing.parse_number(series)
            numbers = res.values
            if name in _PERCENT_FIELDS and raw.sheet is not None:
                numbers = _percent_from_fractions(series, numbers)
            values.cols[name] = numbers
            values.currency = values.currency or res.currency
            values.reject(res.bad, name, "number")
            bound = bound_of(name)
            if bound is not None:  # a value no real account has (10⁷ units): a typo, refused (issue 17)
                with np.errstate(invalid="ignore"):
                    beyond = numbers.notna().to_numpy() & ~(numbers.abs().to_numpy(dtype=float) <= bound)
                values.reject(beyond, name, "bound")
        elif fdef.kind in ("date", "datetime"):
            if name == "purchase_date":
                values.cols[name] = _purchase_dates(series, values, dayfirst)
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
            start, end = parsing.parse_date_range(series, dayfirst=dayfirst)
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


def _percent_from_fractions(text: pd.Series, numbers: pd.Series) -> pd.Series:
    """Workbook percent cells (fractions, no ``%``) as percent numbers, like the CSV's ``98.50%``.

    Decided per column: only when every number written without ``%`` lies in 0..1 (a workbook that types
    percent numbers, 98.5, is left alone).
    """
    plain = ~text.astype("string").str.contains("%", regex=False).fillna(False).to_numpy(dtype=bool)
    plain &= numbers.notna().to_numpy()
    if not plain.any():
        return numbers
    fractions = numbers[plain]
    if not ((fractions >= 0) & (fractions <= 1)).all():
        return numbers
    out = numbers.copy()
    out[plain] = fractions * 100.0
    return out


_TZ_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _purchase_dates(series: pd.Series, values: _Values, dayfirst: bool) -> pd.Series:
    """Order times; UTC stamps are kept as such and put on the marketplace's calendar by the builder.

    ``purchase-date`` is UTC (``2017-06-17T08:04:21+00:00``); a US order at 20:00 Pacific is on the next
    UTC day, so the UTC date would put it on the wrong day. Stamps without an offset are local already.
    """
    text = series.astype("string").str.strip()
    uniq = pd.Series(text.dropna().unique(), dtype="string")
    with_tz = uniq.str.contains(_TZ_SUFFIX).fillna(False).to_numpy(dtype=bool)
    if not with_tz.any():
        dres = parsing.parse_date(series, dayfirst=dayfirst)
        values.reject(dres.bad, "purchase_date", "date")
        _reject_implausible(values, pd.to_datetime(dres.values))
        return dres.values
    parsed = pd.to_datetime(uniq[with_tz], utc=True, errors="coerce", format="ISO8601")
    lookup = dict(zip(uniq[with_tz], parsed, strict=True))
    stamps = pd.to_datetime(text.map(lookup), utc=True)
    bad = (text.notna() & stamps.isna()).to_numpy(dtype=bool)
    values.reject(bad, "purchase_date", "date")
    _reject_implausible(values, stamps.dt.tz_convert(None))
    return stamps


# An order date further than this from the middle of the file's dates, before 2000 or after tomorrow is
# not a date the file can hold (a 1970 or 2099 stamp of a broken export): refused with its line.
PLAUSIBLE_SPREAD = dt.timedelta(days=1100)


def plausible_span(stamps: pd.Series, today: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    """[first, end) of the purchase times (naive UTC) a file whose times are ``stamps`` may hold.

    >>> plausible_span(pd.Series(pd.to_datetime(["2026-10-12", "2026-11-15"])), dt.date(2026, 12, 4))
    (datetime.datetime(2023, 11, 11, 0, 0), datetime.datetime(2026, 12, 6, 0, 0))
    """
    today = today or dt.date.today()
    clean = pd.to_datetime(stamps).dropna()
    end = dt.datetime.combine(today + dt.timedelta(days=2), dt.time())
    first = dt.datetime(2000, 1, 1)
    if len(clean):
        middle = clean.sort_values().iloc[len(clean) // 2].to_pydatetime().replace(tzinfo=None)
        first = max(first, (middle - PLAUSIBLE_SPREAD).replace(hour=0, minute=0, second=0, microsecond=0))
        end = min(end, (middle + PLAUSIBLE_SPREAD).replace(hour=0, minute=0, second=0, microsecond=0))
    return first, end


def _reject_implausible(values: _Values, stamps: pd.Series) -> None:
    first, end = plausible_span(stamps)
    naive = pd.to_datetime(stamps).reset_index(drop=True)
    outside = (naive.notna() & ((naive < first) | (naive >= end))).to_numpy(dtype=bool)
    values.reject(outside & ~values.bad_rows, "purchase_date", "date_span")


# ---------------------------------------------------------------------------------------------------------
# validation: every check that can reject a row happens here, before any row is built


# Fields a row cannot be placed without (where it goes in its table). Other required columns only tell the
# report kind apart and may be blank in a row (a Restock row with no Alert).
_PLACING = frozenset({
    "sku", "asin", "campaign", "keyword", "order_id", "purchase_date", "date", "start_date", "date_range",
    "date_added", "snapshot_date", "advertised_sku", "advertised_asin",
})


def _required_filled(values: _Values) -> None:
    """Rows without a value that places them (SKU, campaign, date ...) are rejected."""
    kind = values.match.kind
    layer = LAYERS[kind.layer]
    for entry in kind.required:
        options = [o for o in (entry if isinstance(entry, tuple) else (entry,)) if values.has(o)]
        if not options:
            continue
        if kind.kind.startswith("template_"):
            if options[0].removeprefix("tpl_") not in layer.key:
                continue  # e.g. a shipment's ETA may still be unknown
        elif options[0] not in _PLACING:
            continue
        empty = np.ones(values.n, dtype=bool)
        for name in options:
            empty &= values.cols[name].isna().to_numpy(dtype=bool)
        values.reject(empty, options[0], "empty")


def _known_marketplaces(values: _Values) -> None:
    """A marketplace/country value the importer does not know is refused, never silently moved."""
    for name in ("marketplace", "country", "tpl_marketplace"):
        if values.has(name):
            codes = _codes(values.cols[name])
            unknown = values.cols[name].notna() & codes.isna()
            values.reject(unknown.to_numpy(dtype=bool), name, "marketplace")


def _codes(series: pd.Series) -> pd.Series:
    """Marketplace codes for a column of names (looked up once per distinct value)."""
    lookup = {v: marketplace_code(v) for v in series.dropna().unique()}
    return series.map(lookup).astype(object).reset_index(drop=True)


_MODES = {
    "sea": "sea", "ocean": "sea", "boat": "sea", "海运": "sea", "海派": "sea", "海卡": "sea", "lcl": "sea",
    "fcl": "sea", "air": "air", "空运": "air", "空派": "air", "rail": "rail", "train": "rail", "铁路": "rail",
    "铁运": "rail", "卡铁": "rail", "express": "express", "courier": "express", "快递": "express",
    "dhl": "express", "ups": "express", "fedex": "express", "truck": "rail", "卡航": "rail",
}
_STATUSES = {
    "in_transit": "in_transit", "in transit": "in_transit", "shipped": "in_transit", "working": "in_transit",
    "在途": "in_transit", "运输中": "in_transit", "已发货": "in_transit", "receiving": "in_transit",
    "checked_in": "in_transit", "checked in": "in_transit", "ready_to_ship": "in_transit", "接收中": "in_transit",
    "customs_hold": "customs_hold", "customs hold": "customs_hold", "清关中": "customs_hold",
    "扣关": "customs_hold", "查验": "customs_hold", "delayed": "delayed", "延误": "delayed",
    "lost": "lost", "丢件": "lost", "丢失": "lost", "received": "received", "closed": "received",
    "已签收": "received", "已完成": "received", "已上架": "received", "已接收": "received",
    "delivered": "in_transit",
}
_AD_TYPES = {
    "sp": "SP", "sponsored products": "SP", "sponsored_products": "SP", "商品推广": "SP",
    "sb": "SB", "sponsored brands": "SB", "sponsored_brands": "SB", "品牌推广": "SB", "sbv": "SB",
    "sponsored brands video": "SB", "视频推广": "SB",
    "sd": "SD", "sponsored display": "SD", "sponsored_display": "SD", "展示型推广": "SD",
}


def _vocab_key(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.lower()


def _known_vocabulary(values: _Values) -> None:
    """Template columns with a closed vocabulary (shipping mode, status, ad type)."""
    for name, vocab in (("tpl_mode", _MODES), ("tpl_status", _STATUSES), ("tpl_ad_type", _AD_TYPES)):
        if values.has(name):
            key = _vocab_key(values.cols[name])
            values.reject((key.notna() & key.map(vocab).isna()).to_numpy(dtype=bool), name, "vocab")
    if values.has("tpl_ad_type"):
        values.reject(values.cols["tpl_ad_type"].isna().to_numpy(dtype=bool), "tpl_ad_type", "empty")


def _validate(values: _Values) -> None:
    _required_filled(values)
    _known_marketplaces(values)
    if values.match.kind.kind.startswith("template_"):
        _known_vocabulary(values)


# ---------------------------------------------------------------------------------------------------------
# builders: typed values (good rows only) -> rows of a source layer


@dataclass(frozen=True)
class _Ctx:
    file_name: str
    options: ImportOptions
    store: Store | None
    period: tuple[dt.date, dt.date] | None
    snapshot_date: dt.date
    lines: list[Note] = field(default_factory=list)  # what the builders tell the user (a conversion ...)


def _marketplaces(values: _Values, ctx: _Ctx, *fields: str) -> pd.Series:
    out = pd.Series([None] * values.n, dtype="object")
    for name in fields:
        if values.has(name):
            out = out.where(out.notna(), _codes(values.get(name)))
    return out.fillna(ctx.options.marketplace).astype(str)


def _currency(values: _Values, marketplace: pd.Series) -> pd.Series:
    by_market = marketplace.map(currency_of)
    if values.has("currency"):
        cur = values.get("currency").astype("string").str.strip().str.upper()
        return cur.where(cur.notna(), by_market).astype(object)
    if values.currency:
        return pd.Series([values.currency] * values.n, dtype=object)
    return by_market.astype(object)


def _first_num(values: _Values, *names: str, default: float = 0.0) -> pd.Series:
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
            "amazon_recommended_qty": _first_num(values, "restock_recommended", "planning_recommended",
                                                 default=np.nan),
            "amazon_alert": values.get("restock_alert").astype("string").str.strip().str.lower().astype(object),
            "amazon_days_of_supply": _first_num(values, "restock_days_of_supply", default=np.nan),
            "storage_type": fields.storage_types(values.get("storage_type")),
            "unit_volume": (values.num("unit_volume") * fields.cubic_feet_factor(values.get("volume_unit"))
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

    >>> propose_period("BusinessReport-11-17-2026.csv")
    PeriodProposal(start=datetime.date(2026, 11, 10), end=datetime.date(2026, 11, 16), reason='download_date', download_date=datetime.date(2026, 11, 17))
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
    return t(f"import.note.period_{proposal.reason}", lang, start=proposal.start, end=proposal.end,
             day=proposal.download_date)


def _business_report_period(ctx: _Ctx) -> tuple[dt.date, dt.date]:
    # Two dates in the name are the period (BusinessReport_2026-07-01_2026-07-07.csv); a single one is the
    # day it was downloaded (BusinessReport-11-17-2026.csv): the 7 days before it are proposed, and said so.
    proposal = propose_period(ctx.file_name, ctx.period)
    if proposal is None:
        raise ImportRefused(ctx.file_name, "needs_period")
    return proposal.start, proposal.end


def _build_sales_report(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    start, end = _business_report_period(ctx)
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


_CANCELLED = {"cancelled", "canceled", "已取消", "取消"}


def _build_orders(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    """SKU-days of order lines. A SKU-day's units and revenue are its sale lines' (0 when it has only cancelled
    lines, NaN when only returns); a return (a negative quantity or price, a refunded/returned status) is kept
    apart in units_returned and refunds (absolute values; NaN when the SKU-day has none)."""
    status = values.text("order_status").str.strip().str.lower()
    item_status = values.text("item_status").str.strip().str.lower()
    cancelled = status.isin(_CANCELLED) | item_status.isin(_CANCELLED)
    qty, price = values.num("quantity", 0.0), values.num("item_price", 0.0)
    returned = ~cancelled & ((qty < 0) | (price < 0) | status.isin(RETURN_STATUSES) | item_status.isin(RETURN_STATUSES))
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
        asin=("asin", "max"), units=("units", "sum"), revenue=("revenue", "sum"), currency=("currency", "max"),
        units_returned=("units_returned", "sum"), refunds=("refunds", "sum"), ordered=("ordered", "any"),
        returned=("returned", "any"),
    )
    for col, flag in (("units", "ordered"), ("revenue", "ordered"), ("units_returned", "returned"),
                      ("refunds", "returned")):
        out[col] = out[col].where(out[flag])
    out = out.drop(columns=["ordered", "returned"])
    for col, cat in (("asin", asin), ("currency", currency)):
        codes = out[col].to_numpy()
        text = pd.Series(pd.Categorical.from_codes(codes, cat.categories), index=out.index).astype(object)
        out[col] = text.where(codes >= 0, None)
    return out


def _ad_frame(values: _Values, ctx: _Ctx) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    kind = values.match.kind
    ad_type = pd.Series([kind.ad_type or "SP"] * values.n, dtype=object)
    if kind.layer == "ads_keyword" and values.has("sales_14d") and not values.has("sales_7d"):
        ad_type[:] = "SB"  # 14-day attribution at keyword level is Sponsored Brands
    if values.has("campaign_type"):
        mapped = _vocab_key(values.get("campaign_type")).map(_AD_TYPES)
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


def _ads_currency(frame: pd.DataFrame, values: _Values, ctx: _Ctx) -> pd.DataFrame:
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
            raise ImportRefused(ctx.file_name, "currency", line=int(values.raw.line_numbers[row]), column=column,
                                currency=currency, marketplace=frame["marketplace"].iloc[row],
                                expected=expected.iloc[row], example="1.08")
        if not rate > 0:
            raise ImportRefused(ctx.file_name, "bad_fx_rate", currency=currency, rate=rate)
        sel = (given == currency).to_numpy(dtype=bool)
        frame = frame.copy()
        for col in ("spend", "ad_sales"):
            frame.loc[sel, col] = frame.loc[sel, col] * rate
        frame.loc[sel, "currency"] = expected[sel]
        ctx.lines.append(note("import.note.fx", currency=currency, rate=rate,
                              expected=", ".join(sorted(set(expected[sel])))))
    return frame


def _build_ads(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame = _ads_currency(frame, values, ctx)
    frame["sku"] = values.text("advertised_sku").to_numpy()
    frame["asin"] = values.text("advertised_asin").str.upper().to_numpy()
    # rows of a date range rank after daily rows of the same campaign, ad group and product (see the store)
    first = _to_date(start)
    frame["_range"] = (_to_date(end).fillna(first) != first).to_numpy()
    return _spread(frame, start, end, LAYERS["ads"].measures)


def _build_ads_keyword(values: _Values, ctx: _Ctx) -> pd.DataFrame:
    frame, start, end = _ad_frame(values, ctx)
    frame = _ads_currency(frame, values, ctx)
    frame["targeting"] = values.text("targeting").to_numpy()
    # Auto campaigns have Match Type "-".
    frame["match_type"] = values.text("match_type").str.strip().str.upper().replace({"-": "", "--": ""}).to_numpy()
    frame["search_term"] = values.text("search_term").to_numpy()
    return _spread(frame, start, end, LAYERS["ads_keyword"].measures)


def _build_ranks(values: _Values, ctx: _Ctx) -> pd.DataFrame:
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
            ).astype(float).reset_index(drop=True),
            "search_volume": values.num("search_volume"),
            "is_own": None,
        }
    )


def _build_template(values: _Values, ctx: _Ctx) -> pd.DataFrame:
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
        frame["marketplace"] = given.map(lambda v: marketplace_code(v) if isinstance(v, str) else None).fillna(
            ctx.options.marketplace
        )
    if "storage_type" in frame:
        frame["storage_type"] = fields.storage_types(frame["storage_type"])
    if layer.name == "shipment":
        frame["mode"] = _vocab(frame, "mode", _MODES, SHIPMENT_MODES, default="sea")
        frame["status"] = _vocab(frame, "status", _STATUSES, SHIPMENT_STATUSES, default="in_transit")
    if "ad_type" in frame:
        frame["ad_type"] = _vocab_key(frame["ad_type"]).map(_AD_TYPES).astype(object)
    if "asin" in frame:
        frame["asin"] = frame["asin"].astype("string").str.upper().astype(object)
    return frame


def _vocab(frame: pd.DataFrame, col: str, vocab: dict[str, str], allowed: tuple[str, ...], default: str) -> pd.Series:
    if col not in frame:
        return pd.Series([default] * len(frame), index=frame.index, dtype=object)
    mapped = _vocab_key(frame[col]).map(vocab).fillna(default).astype(object)
    assert set(mapped) <= set(allowed)
    return mapped


_BUILDERS: dict[str, Callable[[_Values, _Ctx], pd.DataFrame]] = {
    "inventory": _build_inventory,
    "sales_report": _build_sales_report,
    "sales_orders": _build_orders,
    "ads": _build_ads,
    "ads_keyword": _build_ads_keyword,
    "keyword_rank": _build_ranks,
}


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


# ---------------------------------------------------------------------------------------------------------
# the public steps


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _nothing(_fraction: float, _message: str) -> None:
    return None


def _refuse_unreadable(file_name: str, exc: parsing.ParseError) -> ImportRefused:
    params: dict[str, object] = {"reason": exc.reason, "reason_key": exc.code, **exc.params}
    if exc.line is not None:
        params["line"] = exc.line
    return ImportRefused(file_name, "unreadable", **params)


def _match(raw: parsing.RawTable, file_name: str, options: ImportOptions) -> Match:
    if options.kind is not None:
        if options.kind not in KINDS_BY_NAME:
            raise ImportRefused(file_name, "bad_kind", kind=options.kind)
        match = match_kind(KINDS_BY_NAME[options.kind], raw.header)
        if not match.complete:
            raise ImportRefused(file_name, "unknown", closest=match.kind.title, missing=", ".join(match.missing))
        return match
    best, closest = detect(raw.header)
    if best is None:
        if not closest.columns:
            columns = ", ".join(h for h in raw.header[:6] if h.strip()) + (", …" if len(raw.header) > 6 else "")
            raise ImportRefused(file_name, "unknown_columns", columns=_short(columns, 120))
        raise ImportRefused(file_name, "unknown", closest=closest.kind.title, missing=", ".join(closest.missing))
    return best


def prepare(
    data: bytes,
    file_name: str,
    store: Store | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read and validate one file without writing anything. Raises :class:`ImportRefused`."""
    return _prepare(_Source(data), file_name, store, options, progress)


def _prepare(
    src: _Source,
    file_name: str,
    store: Store | None,
    options: ImportOptions | None,
    progress: Progress | None,
    *,
    allow_stream: bool = True,
    raw_table: parsing.RawTable | None = None,
    defer_digest: bool = False,
) -> Prepared:
    options = options or ImportOptions()
    progress = progress or _nothing
    if src.size > options.max_bytes:
        raise ImportRefused(file_name, "too_large", size_mb=round(src.size / 2**20, 1),
                            limit_mb=round(options.max_bytes / 2**20, 1))
    stream_it = (allow_stream and src.size >= STREAM_MIN_BYTES and not options.mapping
                 and options.kind in (None, "all_orders"))
    if stream_it and defer_digest and isinstance(src.source, Path):
        pending = _hash_in_background(src)
        streamed = _prepare_stream(src, file_name, "", store, options, pending, preview=False)
        if streamed is not None:
            return streamed  # commit checks the digest against earlier imports once it is known
        digest = pending.result()
    else:
        digest = src.sha256()
    if store is not None:
        already = store.find_active_import(digest)
        if already is not None:
            return Prepared(file_name, digest, KINDS_BY_NAME.get(already.kind), {}, _no_rejects(), 0,
                            already.marketplace, already.period_start, already.period_end, (), already)
    if stream_it:
        streamed = _prepare_stream(src, file_name, digest, store, options)
        if streamed is not None:
            return streamed
    data = src.read()
    if options.period is not None and options.period[0] > options.period[1]:
        raise ImportRefused(file_name, "bad_period", start=options.period[0], end=options.period[1])
    progress(0.05, "read")
    try:
        raw = raw_table or parsing.read_table(data, file_name, header_score=header_score, sheet=options.sheet)
    except parsing.ParseError as exc:
        raise _refuse_unreadable(file_name, exc) from exc
    if options.mapping:
        renamed = dict(options.mapping)
        raw = replace(raw, header=tuple(renamed.get(h, h) for h in raw.header))
    match = _match(raw, file_name, options)
    kind = match.kind
    if kind.kind == "business_report_by_date":
        raise ImportRefused(file_name, "account_level")
    if raw.data.empty:
        raise ImportRefused(file_name, "no_rows", kind=kind.title)
    progress(0.35, "parse")
    values = _read_values(raw, match, options)
    _validate(values)
    rejects = pd.concat(values.rejects, ignore_index=True) if values.rejects else _no_rejects()
    rejects = rejects.sort_values(["line", "column"], kind="stable").reset_index(drop=True)
    if len(rejects) and not options.allow_partial:
        first = rejects.iloc[0]
        raise ImportRefused(
            file_name, f"bad_{first['reason']}", line=int(first["line"]), column=_short(str(first["column"])),
            value=_short(str(first["value"])), more=len(rejects) - 1,
        )
    if values.bad_rows.any():
        values = values.good_only()
    progress(0.6, "build")
    snapshot, snapshot_from = _snapshot_day(file_name, options)
    ctx = _Ctx(file_name, options, store, options.period, snapshot)
    layer_name = kind.layer
    builder = _build_template if kind.kind.startswith("template_") else _BUILDERS[layer_name]
    frame = _collapse(builder(values, ctx), layer_name)
    marketplace = _single(frame, "marketplace")
    period_start, period_end = _frame_period(frame, layer_name)
    if kind.period == "file":
        period_start, period_end = _business_report_period(ctx)
    notes: list[str] = []
    if len(rejects):
        notes.append(t("import.note.rejected", "en", n=len(rejects)))
    undated = layer_name == "inventory" and not values.has("snapshot_date") and not kind.kind.startswith("template_")
    if undated and snapshot_from == "file_day":
        ctx.lines.append(note("import.note.snapshot_from_file_time", date=snapshot))
    if kind.period == "file":
        proposal = propose_period(file_name, options.period)
        if proposal is not None:
            notes.append(period_note(proposal))
    return Prepared(
        file_name, digest, kind, {layer_name: frame}, rejects.head(MAX_REJECTS_KEPT), len(raw.data),
        marketplace, period_start, period_end, tuple(notes), lines=tuple(ctx.lines),
        snapshot_assumed=undated and snapshot_from == "today",
    )


def _short(text: str, limit: int = 60) -> str:
    text = _one_line(text)
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
    col = {"inventory": "snapshot_date", "shipment": "eta"}.get(layer, "date")
    if col not in frame.columns or frame.empty:
        return None, None
    dates = pd.to_datetime(frame[col]).dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def _snapshot_day(file_name: str, options: ImportOptions) -> tuple[dt.date, str]:
    """The day a stock report without a date column was taken, and where it came from: the user's, a date in
    the file name, the file's modification day (its download), else today (``today``: the upload page asks)."""
    if options.snapshot_date is not None:
        return options.snapshot_date, "user"
    sniffed = parsing.sniff_period_from_filename(file_name)
    if sniffed:
        return sniffed[1], "name"
    if options.file_day is not None:
        return options.file_day, "file_day"
    return dt.date.today(), "today"


def commit(store: Store, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    """Store a prepared file in one transaction (or report that it was already imported)."""
    with store.session(write=True):  # one connection for the whole import: its staging tables live on it
        return _commit(store, prepared, progress)


def _commit(store: Store, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    progress = progress or _nothing
    kind = prepared.kind.kind if prepared.kind else "unknown"
    if prepared.already is not None:
        return ImportResult("skipped", prepared.file_name, kind, prepared.already.import_id, 0, 0,
                            (t("import.note.already", "en", id=prepared.already.import_id),))
    # The same bytes may have been committed since this file was prepared (two uploads of one file).
    already = store.find_active_import(prepared.sha256)
    if already is not None:
        return commit(store, replace(prepared, already=already), progress)
    if prepared.stream is not None:
        return _commit_stream(store, prepared, progress)
    progress(0.7, "store")
    import_id = store.apply_import(
        file_name=prepared.file_name, sha256=prepared.sha256, kind=kind, frames=prepared.frames,
        marketplace=prepared.marketplace, period_start=prepared.period_start, period_end=prepared.period_end,
        rows_read=prepared.rows_read, rejects=prepared.rejects if len(prepared.rejects) else None,
        note="; ".join(prepared.notes) or None,
    )
    progress(1.0, "done")
    return ImportResult("imported", prepared.file_name, kind, import_id, prepared.rows, len(prepared.rejects),
                        prepared.notes, (*prepared.lines, *after_import_lines(store, import_id, kind)))


def import_file(
    store: Store,
    source: str | Path | bytes,
    file_name: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Prepare and commit one file. Raises :class:`ImportRefused` with a one-line reason."""
    if isinstance(source, bytes):
        src, name = _Source(source), file_name or "upload"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            src = _Source(path)
            day = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
        except OSError as exc:
            raise ImportRefused(name, "io", reason=exc.strerror or type(exc).__name__) from exc
        options = replace(options or ImportOptions(), file_day=(options.file_day if options else None) or day)
    try:
        prepared = _prepare(src, name, store, options, progress, defer_digest=True)
    except OSError as exc:
        raise ImportRefused(name, "io", reason=exc.strerror or type(exc).__name__) from exc
    return commit(store, prepared, progress)


def with_period(options: ImportOptions, start: dt.date, end: dt.date) -> ImportOptions:
    return replace(options, period=(start, end))


# ---------------------------------------------------------------------------------------------------------
# large order files: streamed through DuckDB instead of pandas
#
# A two-year All Orders file of a 10,000-SKU catalogue is ~800 MB and four million lines. The general path
# would hold it several times over in memory. Here the head is read and checked by the general path (kind,
# header, date and number formats; the upload page's preview), then a clean file goes in one pass from
# DuckDB's CSV reader (on disk) or pyarrow's batches (in memory) to SKU-days in SQL; a file with a bad or
# unreadable line is typed into a staging table, where each bad value keeps its line for the refusal.
# tests/test_stream_import.py proves the paths store the same rows as the general path.

STREAM_MIN_BYTES = 4 * 2**20  # smaller files take the general path (fast enough, and a full preview)
HEAD_BYTES = 64 * 2**10
_STREAM_BLOCK = 16 * 2**20
_STREAM_FIELDS = STAGE_FIELDS
_DECIMAL_COMMA = re.compile(r",\d{1,2}\s*$")


class _Source:
    """A file as bytes in memory or a path on disk, read only as far as needed."""

    def __init__(self, source: bytes | Path) -> None:
        self.source = source
        self.size = len(source) if isinstance(source, bytes) else source.stat().st_size

    def sha256(self) -> str:
        if isinstance(self.source, bytes):
            return sha256_of(self.source)
        digest = hashlib.sha256()
        with self.source.open("rb") as fh:
            for chunk in iter(lambda: fh.read(4 * 2**20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def head(self, n: int) -> bytes:
        if isinstance(self.source, bytes):
            return self.source[:n]
        with self.source.open("rb") as fh:
            return fh.read(n)

    def read(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.read_bytes()

    def count_lines(self) -> int:
        if isinstance(self.source, bytes):
            return self.source.count(b"\n") + (0 if self.source.endswith(b"\n") else 1)
        count, last = 0, b"\n"
        with self.source.open("rb") as fh:
            for chunk in iter(lambda: fh.read(4 * 2**20), b""):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return count + (0 if last == b"\n" else 1)


@dataclass(frozen=True)
class _Stream:
    source: bytes | Path
    delimiter: str
    header_line: int
    header: tuple[str, ...]
    columns: tuple[tuple[str, int], ...]  # field -> position in the file
    options: ImportOptions
    head_channels: tuple[str, ...] = ()  # sales channels of the checked head (trimmed, lower case; most lines first)
    lines_estimate: int = 0  # data lines of the whole file, estimated from the head (for progress)
    # purchase times (naive UTC) the file may hold, from the head's (see ``plausible_span``)
    span: tuple[dt.datetime, dt.datetime] = (dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))
    # The file's digest, hashed on a thread while DuckDB reads the file (``import_file`` of a path only;
    # ``prepare`` hashes first so that its preview can say "already imported").
    digest: Future[str] | None = field(default=None, compare=False)


def _prepare_stream(
    src: _Source, file_name: str, digest: str, store: Store | None, options: ImportOptions,
    pending: Future[str] | None = None, *, preview: bool = True,
) -> Prepared | None:
    """Check the head of a large file; when it is a plain All Orders flat file, prepare it for streaming."""
    head = src.head(HEAD_BYTES)
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        raw = parsing.read_table(head, file_name, header_score=header_score)
    except parsing.ParseError:
        return None
    if raw.encoding not in ("utf-8", "utf-8-sig", "ascii") or raw.delimiter not in ("\t", ","):
        return None
    match = _match(raw, file_name, options)
    if match.kind.kind != "all_orders" or raw.data.empty:
        return None
    columns = dict(match.columns)
    dates = raw.data[f"c{columns['purchase_date']}"].dropna().astype(str).str.strip()
    if dates.empty or not dates.str.contains(_TZ_SUFFIX).all():
        return None  # local times or other formats: the general path decides the date format
    if "item_price" in columns:
        prices = raw.data[f"c{columns['item_price']}"].dropna().astype(str)
        if prices.str.contains(_DECIMAL_COMMA).any():
            return None
    # For a preview (``prepare``, the upload page) the head goes through the general path. ``import_file``
    # shows none: the scan checks every line with the same rules.
    frames: dict[str, pd.DataFrame] = {}
    rejects, marketplace = _no_rejects(), None
    if preview:
        shown = _prepare(_Source(head), file_name, None, replace(options, allow_partial=True), None,
                           allow_stream=False, raw_table=raw)
        frames, rejects, marketplace = shown.frames, shown.rejects, shown.marketplace
    kept = {f: p for f, p in columns.items() if f in _STREAM_FIELDS}
    channels = (raw.data[f"c{columns['sales_channel']}"].fillna("").astype(str).str.strip().str.lower()
                .value_counts(sort=True).index.tolist() if "sales_channel" in columns else [])
    # Lines of the whole file estimated from the head (the commit counts them exactly).
    estimate = round((head.count(b"\n") - raw.header_line) * src.size / max(len(head), 1))
    span = plausible_span(pd.to_datetime(dates, utc=True, errors="coerce", format="ISO8601").dt.tz_convert(None))
    stream = _Stream(src.source, raw.delimiter, raw.header_line, raw.header, tuple(kept.items()), options,
                     tuple(dict.fromkeys([*channels, ""])), estimate, span, pending)
    return Prepared(
        file_name, digest, match.kind, frames, rejects, estimate, marketplace, None, None, (), None, stream,
    )


def _stream_batches(stream: _Stream, ragged: list[str]) -> Iterator[tuple[Any, float]]:
    """Arrow batches of the needed columns (named by field) of a file in memory (a file on disk is read by
    DuckDB), and the share of its lines read so far."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def on_invalid(row: Any) -> str:
        ragged.append(str(row.text)[:200])
        return "skip"

    fields = dict(stream.columns)
    assert isinstance(stream.source, bytes)
    source = pa.BufferReader(stream.source)
    names = [f"f{pos}" for pos in fields.values()]
    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(skip_rows=stream.header_line, autogenerate_column_names=True,
                                       block_size=_STREAM_BLOCK, encoding="utf8"),
        parse_options=pacsv.ParseOptions(delimiter=stream.delimiter,
                                         quote_char='"' if stream.delimiter == "," else False,
                                         invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(include_columns=names, column_types=dict.fromkeys(names, pa.string()),
                                             strings_can_be_null=False),
    )
    rows = 0
    try:
        for batch in reader:
            n = batch.num_rows
            rows += n
            arrays = [batch.column(f"f{fields[name]}") if name in fields else pa.nulls(n, pa.string())
                      for name in _STREAM_FIELDS]
            # by lines (the reader's position in the file runs far ahead of the batches it has returned)
            yield pa.record_batch(arrays, names=list(_STREAM_FIELDS)), min(rows / max(stream.lines_estimate, 1), 0.99)
    finally:
        source.close()


def _first_non_utf8_line(stream: _Stream) -> int | None:
    data = stream.source if isinstance(stream.source, bytes) else stream.source.read_bytes()
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def _ragged_lines(stream: _Stream, limit: int) -> list[int]:
    """Line numbers of rows whose cell count differs from the header's (only read when there are any)."""
    width = len(stream.header)
    data = stream.source if isinstance(stream.source, bytes) else stream.source.read_bytes()
    sep = stream.delimiter.encode()
    out: list[int] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if number <= stream.header_line or not line.strip():
            continue
        if line.count(sep) + 1 != width:
            out.append(number)
            if len(out) >= limit:
                break
    return out


def _hash_in_background(src: _Source) -> Future[str]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
    try:
        return pool.submit(src.sha256)  # hashlib releases the GIL on large blocks
    finally:
        pool.shutdown(wait=False)


def _with_digest(store: Store, prepared: Prepared) -> Prepared:
    """``prepared`` with its digest known and ``already`` set when an active import has the same bytes."""
    stream = prepared.stream
    if stream is None or stream.digest is None:
        return prepared
    digest = stream.digest.result()
    already = store.find_active_import(digest)
    return replace(prepared, sha256=digest, already=already, stream=replace(stream, digest=None))


def _channel_code(channel: str, default: str | None) -> str | None:
    """The marketplace of a sales channel; a channel that names none (``Non-Amazon``, empty) belongs to the
    file's marketplace."""
    return marketplace_code(channel) or default


def _channel_frame(channels: Iterable[str], default: str | None) -> pd.DataFrame:
    """Sales channel (trimmed, lower case) → marketplace code, time zone and currency."""
    rows = []
    for channel in sorted(set(channels)):
        code = _channel_code(channel, default)
        rows.append((channel, code, timezone_of(code or ""), currency_of(code or "")))
    return pd.DataFrame(rows, columns=["channel", "code", "tz", "currency"]).astype(object)


def _scan_markets(channels: Iterable[str], default: str | None, zones: set[str]) -> list[ScanMarket]:
    """The marketplaces ``channels`` name whose time zone is in ``zones``, with their UTC offsets."""
    codes = dict.fromkeys(_channel_code(c, default) for c in channels)
    return [ScanMarket(code, currency_of(code or ""), zone_changes(tz))
            for code in codes if (tz := timezone_of(code or "")) in zones]


def _commit_one_pass(store: Store, prepared: Prepared, progress: Progress) -> ImportResult | None:
    """A clean order file in one pass (``Store.scan_orders_csv`` for a file on disk, ``scan_orders_arrow``
    for one in memory); None when a line needs the staged path (a bad value or unreadable line keeps its line
    number there).

    Channels are every spelling of every marketplace plus the head's channels; offsets are loaded for the
    zones of the head's marketplaces. A channel or zone first seen after the head costs one more pass.
    """
    stream = prepared.stream
    assert stream is not None
    default = stream.options.marketplace
    # The head's channels first, in order of lines (the CASE that maps them tries them in this order).
    channels = dict.fromkeys([*stream.head_channels, *known_names()])
    zones = {timezone_of(_channel_code(c, default) or "") for c in stream.head_channels}
    max_chars = parsing.ReadLimits.from_env().max_cell_chars
    progress(0.1, "read")
    for _ in range(2):
        scanned = _scan_once(store, stream, [(c, _channel_code(c, default)) for c in channels],
                             _scan_markets(channels, default, zones), max_chars, progress)
        try:
            if scanned is None:
                return None  # the reader stopped (bytes that are not UTF-8): the staged path finds the line
            if scanned.clean:
                progress(0.8, "store")
                known = _with_digest(store, prepared)
                if known.already is not None:
                    return commit(store, known, progress)
                import_id, rows = store.store_scanned_orders(file_name=known.file_name, sha256=known.sha256,
                                                             lines=scanned.lines)
                progress(1.0, "done")
                return ImportResult("imported", known.file_name, "all_orders", import_id, rows, 0, (),
                                    after_import_lines(store, import_id, "all_orders"))
        finally:
            store.drop_scanned_orders()
        if scanned.bad or scanned.unread:
            return None
        seen = set(scanned.unmapped)
        seen_zones = {timezone_of(_channel_code(c, default) or "") for c in seen}
        if seen <= channels.keys() and seen_zones <= zones:
            return None  # times outside the years of the offsets
        channels.update(dict.fromkeys(sorted(seen)))
        zones |= seen_zones
    return None


def _scan_once(
    store: Store, stream: _Stream, channels: list[tuple[str, str | None]], markets: list[ScanMarket],
    max_chars: int, progress: Progress,
) -> OrdersScan | None:
    """One pass over the file, reporting the share read meanwhile (0.1–0.8 of the import)."""
    cancelled = sorted(_CANCELLED)
    if isinstance(stream.source, Path):
        path = str(stream.source)

        def scan() -> OrdersScan:
            return store.scan_orders_csv(
                path, delimiter=stream.delimiter, header_line=stream.header_line, n_columns=len(stream.header),
                positions=dict(stream.columns), cancelled=cancelled, max_chars=max_chars, channels=channels,
                markets=markets, span=stream.span)

        return store.watched(scan, lambda done: progress(0.1 + 0.7 * (done or 0.0), "read"))
    import pyarrow as pa

    ragged: list[str] = []
    read = [0.0]

    def batches() -> Iterator[Any]:
        for batch, share in _stream_batches(stream, ragged):
            read[0] = share
            yield batch

    schema = pa.schema([(name, pa.string()) for name in _STREAM_FIELDS])
    lines = pa.RecordBatchReader.from_batches(schema, batches())
    try:
        scanned = store.watched(
            lambda: store.scan_orders_arrow(lines, cancelled=cancelled, max_chars=max_chars, channels=channels,
                                            markets=markets, span=stream.span),
            lambda _: progress(0.1 + 0.7 * read[0], "read"))
    except Exception:  # pyarrow's ArrowInvalid through DuckDB: bytes that are not UTF-8 (the staged path
        store.drop_scanned_orders()  # reads the file again and refuses it with the line, or raises the error)
        return None
    return replace(scanned, unread=len(ragged))


def _forward_only(progress: Progress) -> Progress:
    high = [0.0]

    def report(fraction: float, stage: str) -> None:
        high[0] = max(high[0], fraction)
        progress(high[0], stage)

    return report


def _commit_stream(store: Store, prepared: Prepared, progress: Progress) -> ImportResult:
    stream = prepared.stream
    assert stream is not None
    options = stream.options
    progress = _forward_only(progress)  # a second pass, or the staged path after one, never moves the bar back
    done = _commit_one_pass(store, prepared, progress)
    if done is not None:
        return done
    prepared = _with_digest(store, prepared)
    if prepared.already is not None:
        return commit(store, prepared, progress)
    header_of = {name: stream.header[pos] for name, pos in stream.columns}
    ragged: list[str] = []
    max_chars = parsing.ReadLimits.from_env().max_cell_chars
    store.stage_orders_begin()
    try:
        if isinstance(stream.source, Path):
            progress(0.1, "read")
            unread = store.stage_orders_csv(
                str(stream.source), delimiter=stream.delimiter, header_line=stream.header_line,
                n_columns=len(stream.header), positions=dict(stream.columns), cancelled=sorted(_CANCELLED),
                max_chars=max_chars, span=stream.span)
            encoding = [line for line, kind in unread if "ENCODING" in kind.upper() or "UNICODE" in kind.upper()]
            if encoding:
                raise ImportRefused(prepared.file_name, "unreadable", reason_key="parse.mixed_encoding",
                                    reason="mixed encodings", line=encoding[0], encoding="UTF-8")
            ragged_lines = [line for line, _ in unread]
            ragged = [""] * len(ragged_lines)
        else:
            try:
                for batch, share in _stream_batches(stream, ragged):
                    store.stage_orders_batch(batch, sorted(_CANCELLED), max_chars, stream.span)
                    progress(0.05 + 0.75 * share, "read")
            except Exception as exc:  # pyarrow's ArrowInvalid: bytes that are not UTF-8
                line = _first_non_utf8_line(stream)
                if line is None:
                    raise
                raise ImportRefused(prepared.file_name, "unreadable", reason_key="parse.mixed_encoding",
                                    reason="mixed encodings", line=line, encoding="UTF-8") from exc
            ragged_lines = _ragged_lines(stream, MAX_REJECTS_KEPT) if ragged else []
        total_bad, bad = store.staged_orders_rejects(MAX_REJECTS_KEPT)
        rejects = pd.DataFrame({
            "line": bad["row_idx"].astype("int64") + stream.header_line + 1,
            "column": bad["bad_field"].map(header_of).fillna(bad["bad_field"]),
            "value": bad["bad_value"].fillna("").map(_short),
            "reason": bad["bad_reason"],
        })
        if ragged_lines:
            # Staged rows are numbered without the skipped ragged rows: move each bad value's line past
            # the ragged lines before it.
            skipped = np.asarray(ragged_lines)
            lines = rejects["line"].to_numpy()
            for _ in range(2):  # a shifted line may pass further ragged lines
                lines = rejects["line"].to_numpy() + np.searchsorted(skipped, lines, side="right")
            rejects["line"] = lines
            rejects = pd.concat([rejects, pd.DataFrame({
                "line": ragged_lines[:MAX_REJECTS_KEPT], "column": "",
                "value": [_short(t) for t in ragged[: len(ragged_lines)]], "reason": "columns"})],
                ignore_index=True).sort_values("line", kind="stable").reset_index(drop=True)
            total_bad += len(ragged_lines)
        too_long = rejects[rejects["reason"] == "too_long"]
        if len(too_long):
            # A cell longer than any export has: a hostile or broken file, refused whole.
            first = too_long.iloc[0]
            raise ImportRefused(prepared.file_name, "unreadable", reason_key="parse.cell_too_long", reason="",
                                line=int(first["line"]), column=_short(str(first["column"])),
                                n=f"{int(first['value']):,}", limit=f"{max_chars:,}")
        if total_bad and not options.allow_partial:
            first = rejects.iloc[0]
            raise ImportRefused(
                prepared.file_name, f"bad_{first['reason']}", line=int(first["line"]),
                column=_short(str(first["column"])), value=str(first["value"]), more=int(total_bad) - 1,
            )
        progress(0.85, "store")
        channel_frame = _channel_frame(store.staged_orders_channels(), options.marketplace)
        rows_read = store.staged_orders_count() + len(ragged)
        notes = (t("import.note.rejected", "en", n=int(total_bad)),) if total_bad else ()
        import_id, rows = store.apply_staged_orders(
            file_name=prepared.file_name, sha256=prepared.sha256, channels=channel_frame, rows_read=rows_read,
            rejects=rejects if len(rejects) else None, note="; ".join(notes) or None,
        )
    finally:
        store.stage_orders_end()
    progress(1.0, "done")
    return ImportResult("imported", prepared.file_name, "all_orders", import_id, rows, int(total_bad), notes,
                        after_import_lines(store, import_id, "all_orders"))

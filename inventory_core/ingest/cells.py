"""A file's cells as its report kind's typed columns, every cell that cannot be read rejected with its line.

:func:`match_file` finds the report kind of a read table (or checks the one the user forced);
:func:`read_cells` types each matched column with :mod:`~inventory_core.ingest.parsing`'s readers (numbers,
dates on one day/month order per file, ranks, ranges, yes/no), and :func:`validate` rejects the rows that
cannot be placed (no SKU, no date), name an unknown marketplace or fall outside a template's vocabulary.
A rejected cell keeps its file line, column header, value and reason in :attr:`Cells.rejects`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from inventory_core.ingest import parsing
from inventory_core.ingest.contract import ImportOptions, ImportRefused, short
from inventory_core.ingest.reports import KINDS_BY_NAME, Match, detect, match_kind
from inventory_core.store.fields import bound_of
from inventory_core.store.marketplaces import BY_CODE, marketplace_code
from inventory_core.store.schema import LAYERS


@dataclass
class Cells:
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
            if pos is not None
            else np.array([""] * int(mask.sum()))
        )
        self.rejects.append(
            pd.DataFrame(
                {"line": self.raw.line_numbers[mask], "column": header, "value": values, "reason": reason}
            )
        )

    def good_only(self) -> Cells:
        """The same values without the rejected rows (rejects are kept)."""
        good = ~self.bad_rows
        raw = replace(
            self.raw,
            data=self.raw.data[good].reset_index(drop=True),
            line_numbers=self.raw.line_numbers[good],
        )
        return Cells(
            raw,
            self.match,
            int(good.sum()),
            cols={k: v[good].reset_index(drop=True) for k, v in self.cols.items()},
            extra={k: v[good].reset_index(drop=True) for k, v in self.extra.items()},
            currency=self.currency,
            bad_rows=np.zeros(int(good.sum()), dtype=bool),
            rejects=self.rejects,
        )


_BOOL = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "是": True,
    "x": True,
    "✓": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
    "否": False,
}

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


def _file_dayfirst(columns: dict[str, pd.Series], options: ImportOptions, marketplace: str) -> bool:
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


def read_cells(raw: parsing.RawTable, match: Match, options: ImportOptions) -> Cells:
    n = len(raw.data)
    values = Cells(raw, match, n, bad_rows=np.zeros(n, dtype=bool))
    defs = match.kind.field_defs()
    marketplace = _file_marketplace(raw, match, options)
    dated = {
        name: raw.data[f"c{pos}"]
        for name, pos in match.columns.items()
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


TZ_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _purchase_dates(series: pd.Series, values: Cells, dayfirst: bool) -> pd.Series:
    """Order times; UTC stamps are kept as such and put on the marketplace's calendar by the builder.

    ``purchase-date`` is UTC (``2017-06-17T08:04:21+00:00``); a US order at 20:00 Pacific is on the next
    UTC day, so the UTC date would put it on the wrong day. Stamps without an offset are local already.
    """
    text = series.astype("string").str.strip()
    uniq = pd.Series(text.dropna().unique(), dtype="string")
    with_tz = uniq.str.contains(TZ_SUFFIX).fillna(False).to_numpy(dtype=bool)
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


def _reject_implausible(values: Cells, stamps: pd.Series) -> None:
    first, end = plausible_span(stamps)
    naive = pd.to_datetime(stamps).reset_index(drop=True)
    outside = (naive.notna() & ((naive < first) | (naive >= end))).to_numpy(dtype=bool)
    values.reject(outside & ~values.bad_rows, "purchase_date", "date_span")


# ---------------------------------------------------------------------------------------------------------
# validation: every check that can reject a row happens here, before any row is built


# Fields a row cannot be placed without (where it goes in its table). Other required columns only tell the
# report kind apart and may be blank in a row (a Restock row with no Alert).
_PLACING = frozenset(
    {
        "sku",
        "asin",
        "campaign",
        "keyword",
        "order_id",
        "purchase_date",
        "date",
        "start_date",
        "date_range",
        "date_added",
        "snapshot_date",
        "advertised_sku",
        "advertised_asin",
    }
)


def _required_filled(values: Cells) -> None:
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


def _known_marketplaces(values: Cells) -> None:
    """A marketplace/country value the importer does not know is refused, never silently moved."""
    for name in ("marketplace", "country", "tpl_marketplace"):
        if values.has(name):
            codes = marketplace_codes(values.cols[name])
            unknown = values.cols[name].notna() & codes.isna()
            values.reject(unknown.to_numpy(dtype=bool), name, "marketplace")


def marketplace_codes(series: pd.Series) -> pd.Series:
    """Marketplace codes for a column of names (looked up once per distinct value)."""
    lookup = {v: marketplace_code(v) for v in series.dropna().unique()}
    return series.map(lookup).astype(object).reset_index(drop=True)


# The closed vocabularies of the templates (spellings, lower case -> stored value): shipping mode, shipment
# status, ad type.
MODES = {
    "sea": "sea",
    "ocean": "sea",
    "boat": "sea",
    "海运": "sea",
    "海派": "sea",
    "海卡": "sea",
    "lcl": "sea",
    "fcl": "sea",
    "air": "air",
    "空运": "air",
    "空派": "air",
    "rail": "rail",
    "train": "rail",
    "铁路": "rail",
    "铁运": "rail",
    "卡铁": "rail",
    "express": "express",
    "courier": "express",
    "快递": "express",
    "dhl": "express",
    "ups": "express",
    "fedex": "express",
    "truck": "rail",
    "卡航": "rail",
}
STATUSES = {
    "in_transit": "in_transit",
    "in transit": "in_transit",
    "shipped": "in_transit",
    "working": "in_transit",
    "在途": "in_transit",
    "运输中": "in_transit",
    "已发货": "in_transit",
    "receiving": "in_transit",
    "checked_in": "in_transit",
    "checked in": "in_transit",
    "ready_to_ship": "in_transit",
    "接收中": "in_transit",
    "customs_hold": "customs_hold",
    "customs hold": "customs_hold",
    "清关中": "customs_hold",
    "扣关": "customs_hold",
    "查验": "customs_hold",
    "delayed": "delayed",
    "延误": "delayed",
    "lost": "lost",
    "丢件": "lost",
    "丢失": "lost",
    "received": "received",
    "closed": "received",
    "已签收": "received",
    "已完成": "received",
    "已上架": "received",
    "已接收": "received",
    "delivered": "in_transit",
}
AD_TYPES = {
    "sp": "SP",
    "sponsored products": "SP",
    "sponsored_products": "SP",
    "商品推广": "SP",
    "sb": "SB",
    "sponsored brands": "SB",
    "sponsored_brands": "SB",
    "品牌推广": "SB",
    "sbv": "SB",
    "sponsored brands video": "SB",
    "视频推广": "SB",
    "sd": "SD",
    "sponsored display": "SD",
    "sponsored_display": "SD",
    "展示型推广": "SD",
}


def vocab_key(series: pd.Series) -> pd.Series:
    """A column's words as the vocabularies spell them (trimmed, lower case)."""
    return series.astype("string").str.strip().str.lower()


def _known_vocabulary(values: Cells) -> None:
    """Template columns with a closed vocabulary (shipping mode, status, ad type)."""
    for name, vocab in (("tpl_mode", MODES), ("tpl_status", STATUSES), ("tpl_ad_type", AD_TYPES)):
        if values.has(name):
            key = vocab_key(values.cols[name])
            values.reject((key.notna() & key.map(vocab).isna()).to_numpy(dtype=bool), name, "vocab")
    if values.has("tpl_ad_type"):
        values.reject(values.cols["tpl_ad_type"].isna().to_numpy(dtype=bool), "tpl_ad_type", "empty")


def validate(values: Cells) -> None:
    """Reject the rows that cannot be placed, name an unknown marketplace or a word outside a vocabulary."""
    _required_filled(values)
    _known_marketplaces(values)
    if values.match.kind.kind.startswith("template_"):
        _known_vocabulary(values)


# ---------------------------------------------------------------------------------------------------------
# the report kind


def match_file(raw: parsing.RawTable, file_name: str, options: ImportOptions) -> Match:
    """The report kind whose columns ``raw``'s header has (or the user's ``options.kind``, checked)."""
    if options.kind is not None:
        if options.kind not in KINDS_BY_NAME:
            raise ImportRefused(file_name, "bad_kind", kind=options.kind)
        match = match_kind(KINDS_BY_NAME[options.kind], raw.header)
        if not match.complete:
            raise ImportRefused(
                file_name, "unknown", closest=match.kind.title, missing=", ".join(match.missing)
            )
        return match
    best, closest = detect(raw.header)
    if best is None:
        if not closest.columns:
            columns = ", ".join(h for h in raw.header[:6] if h.strip()) + (
                ", …" if len(raw.header) > 6 else ""
            )
            raise ImportRefused(file_name, "unknown_columns", columns=short(columns, 120))
        raise ImportRefused(
            file_name, "unknown", closest=closest.kind.title, missing=", ".join(closest.missing)
        )
    return best

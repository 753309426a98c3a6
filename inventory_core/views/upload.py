"""Helpers of the upload & data-health page that are not drawing: default periods, column mapping for files
from other tools (and remembering it), the canonical CSV templates, coverage and stale-data warnings.

No Streamlit here (the page wires these to widgets); the database is reached only through :class:`Store`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from inventory_core.formatting import date as _format_date
from inventory_core.formatting import number
from inventory_core.i18n import MESSAGES, t
from inventory_core.ingest.parsing.headers import normalise_header
from inventory_core.ingest.reports import KINDS_BY_NAME
from inventory_core.store import Store
from inventory_core.store.schema import CANONICAL_TABLES

# Canonical templates a file from another tool can be mapped onto (report kind -> canonical table).
TEMPLATE_KINDS: dict[str, str] = {
    "template_inventory_snapshot": "inventory_snapshot",
    "template_sales_daily": "sales_daily",
    "template_shipment": "shipment",
    "template_sku_settings": "sku_settings",
    "template_keyword_rank": "keyword_rank",
    "template_ads_daily": "ads_daily",
}

# Tables whose data arrive week by week: a week without rows inside their range is a gap worth a warning
# (shipments are events, a week without one is normal).
WEEKLY_TABLES = ("inventory_snapshot", "sales_daily", "ads_daily", "ads_keyword_daily", "keyword_rank")
# Tables the plan cannot do without: stale data here means a stale plan.
STALE_TABLES = ("inventory_snapshot", "sales_daily")
STALE_AFTER_DAYS = 8

MAPPING_PREFIX = "mapping:"


def last_full_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last complete Monday–Sunday week before ``today`` (the usual Business Report period).

    >>> last_full_week(dt.date(2026, 11, 23))  # a Monday
    (datetime.date(2026, 11, 16), datetime.date(2026, 11, 22))
    >>> last_full_week(dt.date(2026, 11, 22))  # a Sunday: its own week is not over yet
    (datetime.date(2026, 11, 9), datetime.date(2026, 11, 15))
    """
    monday = today - dt.timedelta(days=today.weekday())
    start = monday - dt.timedelta(days=7)
    return start, start + dt.timedelta(days=6)


# ---------------------------------------------------------------------------------------------------------
# column mapping


@dataclass(frozen=True)
class TemplateColumns:
    """The canonical columns of a template kind: the ones an import needs and the ones it may use."""

    kind: str
    table: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


def template_columns(kind: str) -> TemplateColumns:
    """Required and optional canonical columns of a template kind, in the table's column order.

    >>> template_columns("template_shipment").required
    ('shipment_id', 'sku', 'quantity', 'eta')
    """
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f"not a template kind: {kind!r}")
    report = KINDS_BY_NAME[kind]
    required = {str(r)[4:] for r in report.required if isinstance(r, str)}
    order = [c.name for c in CANONICAL_TABLES[TEMPLATE_KINDS[kind]]]
    return TemplateColumns(
        kind,
        TEMPLATE_KINDS[kind],
        tuple(c for c in order if c in required),
        tuple(c for c in order if c not in required),
    )


def header_signature(header: Sequence[str]) -> str:
    """SHA-1 of the normalised header (order kept): the same export layout gives the same signature.

    >>> header_signature(["Stock ", "SKU"]) == header_signature(["stock", "sku"])
    True
    """
    text = "\x1f".join(normalise_header(h or "") for h in header)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def mapping_key(header: Sequence[str]) -> str:
    return MAPPING_PREFIX + header_signature(header)


def _aliases(kind: str) -> dict[str, str]:
    """Normalised spelling -> canonical column, for a template kind (canonical names and their aliases)."""
    out: dict[str, str] = {}
    for fdef in KINDS_BY_NAME[kind].field_defs().values():
        for alias in fdef.aliases:
            out.setdefault(normalise_header(alias), fdef.name[4:])
    return out


def guess_mapping(header: Sequence[str], kind: str) -> dict[str, str | None]:
    """Canonical column -> the file header that spells it (a template alias), None where nothing does.

    >>> guess_mapping(["SKU", "Stock", "Date"], "template_inventory_snapshot")["sku"]
    'SKU'
    """
    aliases = _aliases(kind)
    found: dict[str, str] = {}
    for cell in header:
        name = aliases.get(normalise_header(cell or ""))
        if name is not None and name not in found:
            found[name] = cell
    return {c: found.get(c) for c in template_columns(kind).all}


def best_template(header: Sequence[str]) -> str:
    """The template kind whose columns the header spells most (ties: the first of :data:`TEMPLATE_KINDS`)."""

    def score(kind: str) -> tuple[int, int]:
        guess = guess_mapping(header, kind)
        cols = template_columns(kind)
        return (sum(guess[c] is not None for c in cols.required), sum(v is not None for v in guess.values()))

    return max(TEMPLATE_KINDS, key=score)


def mapping_pairs(choices: Mapping[str, str | None]) -> tuple[tuple[str, str], ...]:
    """``ImportOptions.mapping`` from the page's choices (canonical column -> file header or None).

    >>> mapping_pairs({"sku": "Item", "available": "Stock", "price": None})
    (('Item', 'sku'), ('Stock', 'available'))
    """
    return tuple((header, column) for column, header in choices.items() if header)


def mapping_problems(kind: str, choices: Mapping[str, str | None]) -> tuple[list[str], list[str]]:
    """(required canonical columns left unmapped, file headers chosen for more than one column).

    >>> mapping_problems("template_sku_settings", {"sku": "A", "lead_time_days": None, "note": "A"})
    (['lead_time_days'], ['A'])
    """
    missing = [c for c in template_columns(kind).required if not choices.get(c)]
    used = [h for h in choices.values() if h]
    doubled = sorted({h for h in used if used.count(h) > 1})
    return missing, doubled


@dataclass(frozen=True)
class SavedMapping:
    kind: str
    columns: dict[str, str]  # canonical column -> file header


def load_mapping(store: Store, header: Sequence[str]) -> SavedMapping | None:
    """The mapping remembered for files with this header (see :func:`save_mapping`), if any."""
    text = store.get_meta(mapping_key(header))
    if not text:
        return None
    try:
        data = json.loads(text)
        kind = str(data["kind"])
        columns = {str(k): str(v) for k, v in dict(data["columns"]).items()}
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable entry is as good as none: the user maps again
    if kind not in TEMPLATE_KINDS:
        return None
    return SavedMapping(kind, columns)


def save_mapping(store: Store, header: Sequence[str], kind: str, pairs: Sequence[tuple[str, str]]) -> None:
    """Remember a column mapping under the file's header signature (``meta`` key ``mapping:<sha1>``)."""
    payload = {
        "kind": kind,
        "columns": {column: header_cell for header_cell, column in pairs},
        "header": list(header),
    }
    store.set_meta(mapping_key(header), json.dumps(payload, ensure_ascii=False, sort_keys=True))


def initial_choices(header: Sequence[str], kind: str, saved: SavedMapping | None) -> dict[str, str | None]:
    """What the mapping form starts with: the saved mapping for this kind, else the guess from aliases."""
    guess = guess_mapping(header, kind)
    if saved is not None and saved.kind == kind:
        cells = set(header)
        return {c: (saved.columns.get(c) if saved.columns.get(c) in cells else None) for c in guess}
    return guess


# ---------------------------------------------------------------------------------------------------------
# templates


def template_csv(table: str) -> bytes:
    """A header-only CSV of a canonical table (UTF-8 with BOM, so Excel opens Chinese text correctly).

    >>> template_csv("sku_settings").decode("utf-8-sig").strip().split(",")[:5]
    ['sku', 'lead_time_days', 'air_lead_time_days', 'safety_days', 'ads_override']
    """
    if table not in CANONICAL_TABLES:
        raise ValueError(f"unknown table {table!r}")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([c.name for c in CANONICAL_TABLES[table]])
    return buf.getvalue().encode("utf-8-sig")


def template_file_name(table: str) -> str:
    return f"stockout_radar_template_{table}.csv"


# ---------------------------------------------------------------------------------------------------------
# coverage and data health


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


def _weeks(value: object) -> list[dt.date]:
    """Week-start dates from a DuckDB list cell (a list or array of timestamps; NULL → none)."""
    if value is None or isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    days = (_as_date(v) for v in value)
    return sorted(d for d in days if d is not None)


def coverage_summary(coverage: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """:meth:`Store.coverage` with plain dates, the age of the newest row and the missing weeks that matter.

    Columns: table, rows, first, last, age_days (today − last; NA without data), missing_weeks (list of
    Monday dates; only for :data:`WEEKLY_TABLES`), stale (bool: a table the plan needs is older than
    :data:`STALE_AFTER_DAYS` days, or empty).
    """
    rows = []
    for r in coverage.itertuples(index=False):
        table = str(r.table)
        last = _as_date(r.last)
        weeks = _weeks(r.missing_weeks) if table in WEEKLY_TABLES else []
        # A shipment's last date is an ETA (often in the future): its age says nothing about freshness.
        age = (today - last).days if last is not None and table != "shipment" else None
        stale = table in STALE_TABLES and (age is None or age > STALE_AFTER_DAYS)
        rows.append(
            {
                "table": table,
                "rows": int(r.rows or 0),
                "first": _as_date(r.first),
                "last": last,
                "age_days": age,
                "missing_weeks": weeks,
                "stale": stale,
            }
        )
    out = pd.DataFrame(rows, columns=["table", "rows", "first", "last", "age_days", "missing_weeks", "stale"])
    return out.astype({"age_days": "Int64"})


@dataclass(frozen=True)
class HealthWarning:
    """One data-health problem: a translation key (``upload.health.<code>``) and its values."""

    code: str
    table: str
    values: dict[str, object]


def health_warnings(summary: pd.DataFrame) -> list[HealthWarning]:
    """Stale or empty stock/sales data, and weeks missing inside a table's range, from
    :func:`coverage_summary` (most serious first)."""
    out: list[HealthWarning] = []
    for r in summary.itertuples(index=False):
        if r.table in STALE_TABLES and (r.rows == 0 or pd.isna(r.age_days)):
            out.append(HealthWarning("empty", r.table, {}))
        elif r.stale:
            out.append(
                HealthWarning(
                    "stale", r.table, {"last": r.last, "days": int(r.age_days), "limit": STALE_AFTER_DAYS}
                )
            )
    for r in summary.itertuples(index=False):
        if r.missing_weeks:
            out.append(
                HealthWarning(
                    "missing_weeks", r.table, {"n": len(r.missing_weeks), "weeks": list(r.missing_weeks)}
                )
            )
    return out


def stock_warnings(negative: pd.DataFrame) -> list[HealthWarning]:
    """One warning per SKU whose latest snapshot shows negative fulfillable stock
    (:meth:`Store.negative_stock`): Amazon reports it after an adjustment; the import keeps it, the plan
    counts it as nothing sellable."""
    return [
        HealthWarning(
            "negative_stock",
            "inventory_snapshot",
            {
                "sku": r.sku,
                "marketplace": r.marketplace,
                "day": _as_date(r.snapshot_date),
                "available": f"{float(r.available):,.0f}",
                "file": r.file_name or "",
            },
        )
        for r in negative.itertuples(index=False)
    ]


def case_warning(pairs: Sequence[tuple[str, ...]]) -> HealthWarning | None:
    """SKUs stored that differ only by case (:meth:`Store.case_twin_skus`), as one data-health warning."""
    if not pairs:
        return None
    shown = "; ".join(" / ".join(p) for p in pairs[:5]) + (" …" if len(pairs) > 5 else "")
    return HealthWarning("case_skus", "sku_settings", {"pairs": shown})  # not a table the plan needs fresh


def preview(frames: Mapping[str, pd.DataFrame], rows: int = 10) -> pd.DataFrame:
    """The first ``rows`` rows of a prepared file (its first layer), for a look before importing."""
    for frame in frames.values():  # columns starting with "_" are the importer's tags, not data
        return (
            frame.head(rows)
            .drop(columns=[c for c in frame.columns if str(c).startswith("_")])
            .reset_index(drop=True)
        )
    return pd.DataFrame()


def active_imports(log: pd.DataFrame) -> list[int]:
    """Import ids that can still be undone (active), newest first."""
    if log.empty:
        return []
    active = log[log["status"] == "active"]
    return [int(i) for i in active.sort_values("import_id", ascending=False)["import_id"]]


# ---------------------------------------------------------------------------------------------------------
# what the page shows (labels in the user's language)


def fmt_date(value: object, lang: str = "en") -> str:
    """A date (or timestamp) for people; missing (None, NaT, NA) → ``–``."""
    day = _as_date(value)
    return _format_date(day, lang) if day is not None else "–"


def kind_title(kind: str | None, lang: str = "en") -> str:
    """The report kind's name in ``lang`` (the importer's English title when there is no translation).

    >>> kind_title("all_orders", "zh")
    '所有订单报告（All Orders）'
    """
    key = f"upload.kind.{kind}"
    if key in MESSAGES:
        return t(key, lang)
    report = KINDS_BY_NAME.get(kind or "")
    return report.title if report is not None else str(kind or "–")


def table_title(table: str, lang: str = "en") -> str:
    return t(f"upload.table.{table}", lang)


def column_label(column: str, lang: str = "en") -> str:
    """A canonical column for people: ``可售数量 (available)`` — the canonical name stays visible because
    users query the DuckDB file with it."""
    key = f"upload.col.{column}"
    return f"{t(key, lang)} ({column})" if key in MESSAGES else column


def period_text(start: object, end: object, lang: str = "en") -> str:
    first, last = _as_date(start), _as_date(end)
    if first is None and last is None:
        return "–"
    if first == last:
        return fmt_date(first, lang)
    return f"{fmt_date(first, lang)} – {fmt_date(last, lang)}"


def log_table(log: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:meth:`Store.import_log_df` for people: id, file, report kind, marketplace, period, rows loaded,
    rows rejected, imported at, status (newest first, as the log comes)."""
    rows = []
    for r in log.itertuples(index=False):
        imported = pd.Timestamp(r.imported_at) if not pd.isna(r.imported_at) else None
        rows.append(
            {
                "import_id": int(r.import_id),
                "file_name": str(r.file_name),
                "kind": kind_title(r.kind, lang),
                "marketplace": r.marketplace if isinstance(r.marketplace, str) else "–",
                "period": period_text(r.period_start, r.period_end, lang),
                "rows_loaded": int(r.rows_loaded or 0),
                "rows_rejected": int(r.rows_rejected or 0),
                "imported_at": (
                    f"{fmt_date(imported, lang)} {imported:%H:%M}" if imported is not None else "–"
                ),
                "status": t(f"upload.status.{r.status}", lang)
                if f"upload.status.{r.status}" in MESSAGES
                else str(r.status),
            }
        )
    columns = [
        "import_id",
        "file_name",
        "kind",
        "marketplace",
        "period",
        "rows_loaded",
        "rows_rejected",
        "imported_at",
        "status",
    ]
    return pd.DataFrame(rows, columns=columns)


def import_choice(log: pd.DataFrame, import_id: int, lang: str = "en") -> str:
    """How the undo selector names an import: ``#12 · file.csv · All Orders``."""
    row = log[log["import_id"] == import_id]
    if row.empty:
        return f"#{import_id}"
    r = row.iloc[0]
    return f"#{import_id} · {r['file_name']} · {kind_title(r['kind'], lang)}"


def _weeks_text(weeks: Sequence[dt.date], lang: str, limit: int = 4) -> str:
    shown = ", ".join(fmt_date(w, lang) for w in weeks[:limit])
    return shown + (" …" if len(weeks) > limit else "")


def coverage_table(summary: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`coverage_summary` for people: table, rows, first, last, days since the last row, missing
    weeks."""
    rows = []
    for r in summary.itertuples(index=False):
        rows.append(
            {
                "table": table_title(r.table, lang),
                "rows": int(r.rows),
                "first": fmt_date(r.first, lang),
                "last": fmt_date(r.last, lang),
                "age": "–"
                if r.age_days is None or pd.isna(r.age_days)
                else t("upload.days", lang, n=number(r.age_days)),
                "missing_weeks": (
                    f"{len(r.missing_weeks)}: {_weeks_text(r.missing_weeks, lang)}"
                    if len(r.missing_weeks)
                    else "0"
                ),
                "status": t("upload.cov_stale" if r.stale else "upload.cov_ok", lang),
            }
        )
    return pd.DataFrame(rows, columns=["table", "rows", "first", "last", "age", "missing_weeks", "status"])


def warning_text(warning: HealthWarning, lang: str = "en") -> str:
    """One line per data-health warning, in ``lang``."""
    values = dict(warning.values)
    if "last" in values:
        values["last"] = fmt_date(values["last"], lang)
    if "day" in values:
        values["day"] = fmt_date(values["day"], lang)
    if "weeks" in values:
        values["weeks"] = _weeks_text(list(values["weeks"]), lang)  # type: ignore[call-overload]
    return t(f"upload.health.{warning.code}", lang, table=table_title(warning.table, lang), **values)


def rejects_table(rejects: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Rejected rows (line, column, value, reason) with the reason in ``lang``."""
    out = rejects[["line", "column", "value", "reason"]].copy()
    out["reason"] = [
        t(f"upload.reason.{r}", lang) if f"upload.reason.{r}" in MESSAGES else str(r) for r in out["reason"]
    ]
    return out.reset_index(drop=True)

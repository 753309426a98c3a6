"""What an import takes and gives: the user's options, the file read only as far as needed
(:class:`Source`), the prepared file between the preview and the commit (:class:`Prepared`, with the
:class:`Stream` plan of a large order file), the result and its lines for the user (:class:`ImportResult`,
:data:`Note`), and the one-line refusal (:class:`ImportRefused`). Every step of an import (``cells``,
``frames``, ``orders``, ``importer``) speaks these types; nothing here parses a cell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from inventory_core.i18n import MESSAGES, t
from inventory_core.ingest.reports import KINDS_BY_NAME, ReportKind
from inventory_core.store import ImportRecord, Store

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
        return one_line(t(f"import.refused.{self.code}", lang, file=self.file_name, **params))


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Prepared:
    """A file read and checked, nothing written yet: its canonical frames (or a preview and a stream)."""

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
    # and the commit streams the whole file through DuckDB (see ``orders.commit_stream``).
    stream: Stream | None = None
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
        params["parts"] = sep.join(t("import.note.kept_part", lang, n=n, id=i) for n, i in params["parts"])  # type: ignore[attr-defined]
    return one_line(t(key, lang, **params))


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
            out.append(
                note("import.note.returns", lines=lines, units=f"{units:,.0f}", amount=_amount(amount))
            )
    if kind in KINDS_BY_NAME and KINDS_BY_NAME[kind].layer == "inventory":
        record = store.get_import(import_id)
        latest = store.latest_snapshot_date(record.marketplace) if record.marketplace else None
        if record.period_end is not None and latest is not None and record.period_end < latest:
            out.append(note("import.note.snapshot_older", date=record.period_end, latest=latest))
    pairs = store.case_twin_skus(import_id)
    if pairs:
        out.append(note("import.note.case_skus", pairs="; ".join(" / ".join(p) for p in pairs[:5])))
    return tuple(out)


def already_imported(prepared: Prepared) -> ImportResult:
    """The result for a file whose bytes an active import already holds (``prepared.already``)."""
    already = prepared.already
    assert already is not None
    kind = prepared.kind.kind if prepared.kind else "unknown"
    return ImportResult(
        "skipped",
        prepared.file_name,
        kind,
        already.import_id,
        0,
        0,
        (t("import.note.already", "en", id=already.import_id),),
    )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(text: str, limit: int = 60) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def no_rejects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "line": pd.Series(dtype="int64"),
            "column": pd.Series(dtype=str),
            "value": pd.Series(dtype=str),
            "reason": pd.Series(dtype=str),
        }
    )


class Source:
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


@dataclass(frozen=True)
class Stream:
    """A large All Orders file whose head was checked, and what the commit needs to stream the whole of it."""

    source: bytes | Path
    delimiter: str
    header_line: int
    header: tuple[str, ...]
    columns: tuple[tuple[str, int], ...]  # field -> position in the file
    options: ImportOptions
    head_channels: tuple[
        str, ...
    ] = ()  # sales channels of the checked head (trimmed, lower case; most lines first)
    lines_estimate: int = 0  # data lines of the whole file, estimated from the head (for progress)
    # purchase times (naive UTC) the file may hold, from the head's (see ``cells.plausible_span``)
    span: tuple[dt.datetime, dt.datetime] = (dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1))
    # The file's digest, hashed on a thread while DuckDB reads the file (``import_file`` of a path only;
    # ``prepare`` hashes first so that its preview can say "already imported").
    digest: Future[str] | None = field(default=None, compare=False)

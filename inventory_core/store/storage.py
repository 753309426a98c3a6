"""The DuckDB store: the only module that holds a connection and the only one with SQL.

One file keeps everything (``STOCKOUT_RADAR_DB``, default ``data/stockout_radar.duckdb``; any DuckDB
connection string works, e.g. ``md:`` for MotherDuck). Every import is one transaction: its rows go into
the source layer tables (``src_*``, with the import id), then the canonical tables are rebuilt for the
scopes the import touched. A process killed in the middle leaves the file as before the import (DuckDB's
write-ahead log rolls the open transaction back on the next open).

Values always reach DuckDB as bound parameters or registered data frames; identifiers (table and column
names) only ever come from :mod:`inventory_core.store.schema`, never from user input.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import inspect
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from inventory_core.store.dbfile import DbFile, StoreError, classify, is_disk_full
from inventory_core.store.fields import BOUNDS
from inventory_core.store.marketplaces import ZONE_YEARS
from inventory_core.store.schema import CANONICAL_TABLES, LAYERS, Column, Layer

SCHEMA_VERSION = 3
DEFAULT_DB = "data/stockout_radar.duckdb"
ENV_DB = "STOCKOUT_RADAR_DB"
ENV_MEMORY = "STOCKOUT_RADAR_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"

_T = TypeVar("_T")

RANGE_SUFFIX = "~range"  # source of ad rows spread from a date range (see Store._with_priorities)
STRING_KEY_DEFAULT = ""  # string key columns hold '' rather than NULL so that joins on keys work
# Columns of an order line the streamed import reads (see Store.stage_orders_*).
STAGE_FIELDS = ("order_id", "purchase_date", "order_status", "item_status", "sales_channel", "sku", "asin",
                "quantity", "item_price", "currency")


@dataclass(frozen=True)
class OrdersScan:
    """What one pass over an order file found (see :meth:`Store.scan_orders_csv`)."""

    lines: int  # data lines the reader returned
    bad: int  # lines with a value the importer refuses
    unread: int  # lines the reader could not read (cell count, encoding)
    unmapped: tuple[str, ...]  # channels of lines with no marketplace, no loaded zone or a time outside it

    @property
    def clean(self) -> bool:
        return not (self.bad or self.unread or self.unmapped)


@dataclass(frozen=True)
class ScanMarket:
    """A marketplace of an order scan: its code (None for a channel that names none and no default), its
    currency, and its UTC offsets (:func:`inventory_core.store.marketplaces.zone_changes`)."""

    code: str | None
    currency: str | None
    changes: tuple[tuple[dt.datetime, dt.timedelta], ...]


# Kinds of lines of an order scan (``_order_days.kind``). A return is a line with a negative quantity or
# price, or a refunded/returned status: kept apart from the sales (issue 18: returns are not sales).
_OK, _CANCELLED, _UNMAPPED, _BAD, _RETURN = 0, 1, 2, 3, 4
# Order and item statuses of a return line (lower case).
RETURN_STATUSES = ("refunded", "refund", "returned", "return", "已退款", "退款", "退货", "已退货")
_RETURN_SQL = "(" + ", ".join("'" + r + "'" for r in RETURN_STATUSES) + ")"
# Purchase dates the one-pass and staged paths accept when the caller gives no span (see ``plausible``).
_NO_SPAN = (dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))
# SKU-day rows of the lines of ``_order_days`` / a staged scan: units and revenue of the sale lines (0 when
# only cancelled lines, NULL when only returns), units and amounts of the return lines (NULL when none).
_SKU_DAY_SUMS = f"""
    max(asin) AS asin,
    CASE WHEN bool_or(kind IN ({_OK}, {_CANCELLED})) THEN coalesce(sum(units) FILTER (WHERE kind = {_OK}), 0) END
        AS units,
    CASE WHEN bool_or(kind IN ({_OK}, {_CANCELLED})) THEN coalesce(sum(revenue) FILTER (WHERE kind = {_OK}), 0) END
        AS revenue,
    max(currency) AS currency,
    sum(units) FILTER (WHERE kind = {_RETURN}) AS units_returned,
    sum(revenue) FILTER (WHERE kind = {_RETURN}) AS refunds
"""
# (units and revenue of a SKU-day's lines are summed as absolute values: a sale line is never negative, a
# return's quantity and amount count as returned whatever their sign)
_CASE_CHANNELS = 4


def _span(span: tuple[dt.datetime, dt.datetime]) -> dict[str, Any]:
    """Params ``lo``/``hi`` of the typed order lines: purchase times (UTC) outside [lo, hi) are refused."""
    return {"lo": span[0], "hi": span[1]}


def _sql_text(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _offset_sql(col: str, changes: Sequence[tuple[dt.datetime, dt.timedelta]]) -> str:
    """Seconds to add to the naive UTC timestamp ``col`` for local time: a binary search over the change
    moments as nested CASEs (about log2(changes) comparisons a line). NULL outside the changes' years."""
    def moment(at: dt.datetime) -> str:
        return f"TIMESTAMP '{at:%Y-%m-%d %H:%M:%S}'"

    def tree(items: Sequence[tuple[dt.datetime, dt.timedelta]]) -> str:
        if len(items) == 1:
            return str(int(items[0][1].total_seconds()))
        mid = len(items) // 2
        return f"CASE WHEN {col} < {moment(items[mid][0])} THEN {tree(items[:mid])} ELSE {tree(items[mid:])} END"

    end = dt.datetime(ZONE_YEARS[1], 1, 1)
    return f"CASE WHEN {col} >= {moment(changes[0][0])} AND {col} < {moment(end)} THEN {tree(changes)} END"


__all__ = ["ImportRecord", "OrdersScan", "ScanMarket", "Store", "StoreError", "default_db_path"]


@dataclass(frozen=True)
class ImportRecord:
    import_id: int
    file_name: str
    sha256: str
    kind: str
    marketplace: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    imported_at: dt.datetime
    status: str
    note: str | None


def default_db_path() -> str:
    return os.environ.get(ENV_DB) or DEFAULT_DB


def _ddl_columns(columns: Sequence[Column]) -> str:
    return ", ".join(f'"{c.name}" {c.type}' for c in columns)


def _q(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _eq(left: str, right: str, names: Sequence[str]) -> str:
    return " AND ".join(f'{left}."{n}" = {right}."{n}"' for n in names)


def _string_key_columns(layer: Layer) -> tuple[str, ...]:
    types = {c.name: c.type for c in layer.columns}
    return tuple(k for k in dict.fromkeys(layer.key + layer.scope) if types[k] == "VARCHAR")


def _setup_connection(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Settings of every connection the store opens."""
    # Timestamps are stored and compared in UTC; local days are computed explicitly per marketplace.
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB would take up to 80 % of the machine's memory for a large import; cap it (it spills to
    # disk beyond) so that a two-year import of 10,000 SKUs stays within a laptop's budget.
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")  # validated by Store: digits and a unit only


# A migration takes the connection at version N-1 and leaves it at N. Version 1 is the first schema.
MIGRATIONS: dict[int, Sequence[str]] = {
    # 2: returns kept apart from sales, spread days marked (issue 18, issue 12 item 4).
    2: (
        *(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c}"
          for t in ("sales_daily", "src_sales_orders", "src_sales_report")
          for c in ("units_returned DOUBLE", "refunds DOUBLE", "units_spread BOOLEAN")),
        # a day without active order rows got its units from a period report
        """UPDATE sales_daily t SET units_spread = NOT EXISTS (
               SELECT 1 FROM src_sales_orders s JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
               WHERE s.date = t.date AND s.marketplace = t.marketplace)""",
    ),
    # 3: storage type and unit volume per SKU (stock reports and the settings sheet), the aged-band override
    # (issue 16, Amazon's limits and fees). Columns are appended, as in the column tuples of schema.py.
    3: (
        "ALTER TABLE src_inventory ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE src_inventory ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE inventory_snapshot ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE inventory_snapshot ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS aged_override BOOLEAN",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS aged_override BOOLEAN",
    ),
}


class Store:
    """A DuckDB database holding the canonical tables, their source layers and the import log.

    ``keep_open=True`` (the CLI, scripts, tests) keeps a connection from construction to :meth:`close`.
    ``keep_open=False`` (the app) holds nothing between uses: each public method runs in a :meth:`session`
    that opens the file read-only (read-write for the methods in ``WRITES``) and closes it after, so another
    program can import while the app is idle. Either way DuckDB's lock, damage and full-disk failures come
    out as a one-line :class:`StoreError` (see :mod:`inventory_core.store.dbfile`).
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False, keep_open: bool = True
    ) -> None:
        self.path = str(path) if path is not None else default_db_path()
        self.read_only = read_only
        limit = os.environ.get(ENV_MEMORY, DEFAULT_MEMORY_LIMIT).strip()
        if limit and not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", limit, re.IGNORECASE):
            raise StoreError("memory_limit", name=ENV_MEMORY, value=repr(limit))
        self._file = DbFile(self.path, functools.partial(_setup_connection, memory_limit=limit))
        self.keep_open = keep_open or not self._file.is_file  # :memory: lives only as long as its connection
        if read_only and not self._file.exists():
            raise StoreError("missing", path=self.path)
        if self._file.is_file and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Connections are not safe to share across threads: each thread gets its own cursor.
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._generation = 0  # a reopened connection (after a full disk) makes older cursors stale
        self._version_seen: tuple[tuple[object, ...], str] | None = None
        self._hold: duckdb.DuckDBPyConnection | None = None
        self._closed = False
        if self.keep_open:
            with self._mapped():
                self._hold = self._file.acquire(not read_only, hold=True)
        try:
            self._check_schema()
        except BaseException:
            self.close()
            raise

    # -- connection ----------------------------------------------------------------------------
    @property
    def cur(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is not None and (not self.keep_open or self._local.generation == self._generation):
            return cur
        if not self.keep_open:
            raise RuntimeError("a Store(keep_open=False) is used outside a session: see Store.session")
        if self._hold is None:  # closed, or the reopen after a full disk failed (then try again)
            if self._closed:
                raise duckdb.ConnectionException("Connection already closed!")
            with self._mapped():
                self._hold = self._file.acquire(not self.read_only, hold=True)
        cur = self._hold.cursor()
        self._local.cur, self._local.generation = cur, self._generation
        return cur

    def close(self) -> None:
        self._closed = True
        self._drop_hold()

    def _drop_hold(self) -> None:
        hold, self._hold = self._hold, None
        if hold is not None:
            self._file.release(hold, hold=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[None]:
        """Hold a connection for a group of calls (one import, one plan, one query).

        A store that keeps its connection only checks the mode. Otherwise the outermost session opens the
        file (read-only unless ``write``) and closes it when it ends; nested ones reuse it, and a write
        inside a read session is a programming error. Failures of the file (locked by another program,
        damaged, disk full) come out as one-line :class:`StoreError`\\ s, after the file is closed and, for a
        full disk, cut back to its size before the failed write.
        """
        if write and self.read_only:
            raise StoreError("read_only", path=self.path)
        if self.keep_open:
            with self._mapped():
                yield
            return
        if getattr(self._local, "cur", None) is not None:  # nested: the outermost session maps failures
            if write and not self._local.writes:
                raise RuntimeError("a write inside a read session: add the method to storage.WRITES")
            yield
            return
        with self._mapped():
            cur = self._file.acquire(write)
        self._local.cur, self._local.writes = cur, write
        try:
            yield
        except BaseException as exc:
            self._end_session(cur)
            mapped = classify(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc
        self._end_session(cur)

    def _end_session(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._local.cur = None
        self._file.release(cur)

    @contextlib.contextmanager
    def _mapped(self) -> Iterator[None]:
        try:
            yield
        except (duckdb.Error, OSError) as exc:
            mapped = classify(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc

    def _df(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        return self.cur.execute(sql, params or []).df()

    def watched(self, fn: Callable[[], _T], watch: Callable[[float | None], None], every: float = 0.25) -> _T:
        """``fn()`` (calls on this store) run on a helper thread with this thread's cursor, while this thread
        calls ``watch(share of the running statement done, or None)`` every ``every`` seconds: progress
        reports stay on the caller's thread (a UI may only be updated from there)."""
        with self.session():
            cur = self.cur
            cur.execute("SET enable_progress_bar = true")  # tracked for query_progress(), never printed
            cur.execute("SET enable_progress_bar_print = false")
            writes, generation = getattr(self._local, "writes", True), self._generation

            def run() -> _T:
                self._local.cur, self._local.writes, self._local.generation = cur, writes, generation
                try:
                    return fn()
                finally:
                    self._local.cur = None

            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-query") as pool:
                future = pool.submit(run)
                while True:
                    try:
                        return future.result(timeout=every)
                    except TimeoutError:
                        done = cur.query_progress()
                        watch(done / 100 if done >= 0 else None)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.session(write=True), self._write_lock:
            cur = self.cur
            before = self._file.sizes()
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(duckdb.Error):  # a failed COMMIT has rolled back already
                    cur.execute("ROLLBACK")
                if is_disk_full(exc):
                    self._file.restore_on_close(before)
                    self._reopen()
                raise
            self._file.committed()

    def _reopen(self) -> None:
        """Close and reopen a kept connection (after a full disk, so that the file can be cut back)."""
        if not self.keep_open or not self._file.is_file:
            return  # a session's file is closed (and cut back) when the session ends
        self._drop_hold()
        self._generation += 1
        with contextlib.suppress(StoreError, duckdb.Error):
            self._hold = self._file.acquire(not self.read_only, hold=True)

    @contextlib.contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Run several reads against one committed state (an import committing meanwhile is not seen).

        DuckDB gives each transaction a snapshot; a plan made of many queries runs inside one so it never
        mixes the data before an import with the data after it.
        """
        with self.session():
            cur = self.cur
            if getattr(self._local, "in_snapshot", False):
                yield
                return
            cur.execute("BEGIN TRANSACTION")
            self._local.in_snapshot = True
            try:
                yield
            finally:
                self._local.in_snapshot = False
                with contextlib.suppress(duckdb.Error):  # the reads failed with the file: already reported
                    cur.execute("ROLLBACK")

    # -- schema ----------------------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.cur.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone() if self._has_table("meta") else None
        return int(row[0]) if row else 0

    def _has_table(self, name: str) -> bool:
        row = self.cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
        return bool(row and row[0])

    def _check_schema(self) -> None:
        """Refuse a file of a newer release; create or migrate (after a backup) an older one."""
        version = self.schema_version() if self._file.exists() else 0
        if version > SCHEMA_VERSION:
            raise StoreError("newer", path=self.path, version=version, supported=SCHEMA_VERSION)
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError("not_radar" if version == 0 else "older", path=self.path, version=version)
        with self.session(write=True):
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        if version > 0 and self._file.is_file:
            # Keep a copy of the older file before changing it.
            self.cur.execute("CHECKPOINT")
            shutil.copyfile(self.path, f"{self.path}.v{version}.bak")
        with self.transaction() as cur:
            if version == 0:
                self._create_schema(cur)
            else:
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[target]:
                        cur.execute(statement)
            cur.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    @staticmethod
    def _create_schema(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        cur.execute("CREATE SEQUENCE IF NOT EXISTS import_seq START 1")
        cur.execute(
            """CREATE TABLE IF NOT EXISTS import_log (
                import_id BIGINT PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, kind VARCHAR,
                marketplace VARCHAR, period_start DATE, period_end DATE, rows_read BIGINT,
                rows_loaded BIGINT, rows_rejected BIGINT, imported_at TIMESTAMP, status VARCHAR,
                undone_at TIMESTAMP, note VARCHAR)"""
        )
        cur.execute(
            """CREATE TABLE IF NOT EXISTS import_reject (
                import_id BIGINT, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR)"""
        )
        for layer in LAYERS.values():
            cur.execute(
                f"CREATE TABLE IF NOT EXISTS {layer.src_table} (import_id BIGINT, source VARCHAR, "
                f"{_ddl_columns(layer.columns)})"
            )
        for table, columns in CANONICAL_TABLES.items():
            cur.execute(f"CREATE TABLE IF NOT EXISTS {table} ({_ddl_columns(columns)})")

    # -- import log ------------------------------------------------------------------------------
    def find_active_import(self, sha256: str) -> ImportRecord | None:
        rows = self._imports("WHERE sha256 = ? AND status = 'active'", [sha256])
        return rows[0] if rows else None

    def imports(self) -> list[ImportRecord]:
        return self._imports("", [])

    def get_import(self, import_id: int) -> ImportRecord:
        rows = self._imports("WHERE import_id = ?", [import_id])
        if not rows:
            raise StoreError("no_import", id=import_id)
        return rows[0]

    def _imports(self, where: str, params: list[Any]) -> list[ImportRecord]:
        rows = self.cur.execute(
            "SELECT import_id, file_name, sha256, kind, marketplace, period_start, period_end, rows_read,"
            " rows_loaded, rows_rejected, imported_at, status, note FROM import_log "
            f"{where} ORDER BY import_id",
            params,
        ).fetchall()
        return [ImportRecord(*row) for row in rows]

    def import_log_df(self) -> pd.DataFrame:
        return self._df("SELECT * FROM import_log ORDER BY import_id DESC")

    def rejects_df(self, import_id: int) -> pd.DataFrame:
        return self._df(
            'SELECT line, "column", value, reason FROM import_reject WHERE import_id = ? ORDER BY line',
            [import_id],
        )

    # -- writing ---------------------------------------------------------------------------------
    def apply_import(
        self,
        *,
        file_name: str,
        sha256: str,
        kind: str,
        frames: dict[str, pd.DataFrame],
        marketplace: str | None,
        period_start: dt.date | None,
        period_end: dt.date | None,
        rows_read: int,
        rejects: pd.DataFrame | None = None,
        note: str | None = None,
    ) -> int:
        """Store one file's rows (per layer) in one transaction and rebuild what they cover."""
        rows_loaded = sum(len(f) for f in frames.values())
        with self.transaction() as cur:
            row = cur.execute("SELECT nextval('import_seq')").fetchone()
            assert row is not None
            import_id = int(row[0])
            self._log_import(cur, import_id, file_name, sha256, kind, marketplace, period_start, period_end,
                             rows_read, rows_loaded, rejects, note)
            for layer_name, frame in frames.items():
                layer = LAYERS[layer_name]
                self._insert_layer(cur, layer, import_id, kind, frame)
            self._rebuild_for_imports(cur, [import_id], list(frames))
        return import_id

    @staticmethod
    def _log_import(
        cur: duckdb.DuckDBPyConnection, import_id: int, file_name: str, sha256: str, kind: str,
        marketplace: str | None, period_start: dt.date | None, period_end: dt.date | None, rows_read: int,
        rows_loaded: int, rejects: pd.DataFrame | None, note: str | None,
    ) -> None:
        """The import_log row of an import and its rejected lines (inside the import's transaction)."""
        rows_rejected = 0 if rejects is None else len(rejects)
        cur.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, 'active', NULL, ?)",
            [import_id, file_name, sha256, kind, marketplace, period_start, period_end, rows_read,
             rows_loaded, rows_rejected, note],
        )
        if rejects is not None and len(rejects):
            cur.register("_rejects", rejects[["line", "column", "value", "reason"]].copy())
            cur.execute('INSERT INTO import_reject SELECT ?, line, "column", value, reason FROM _rejects',
                        [import_id])
            cur.unregister("_rejects")

    def _insert_layer(
        self, cur: duckdb.DuckDBPyConnection, layer: Layer, import_id: int, kind: str, frame: pd.DataFrame
    ) -> None:
        data = frame.copy()
        for col in layer.columns:
            if col.name not in data.columns:
                data[col.name] = None
        for name in _string_key_columns(layer):
            data[name] = data[name].astype("string").fillna(STRING_KEY_DEFAULT)
        spread = (frame["_range"].fillna(False).astype(bool).to_numpy() if "_range" in frame.columns
                  else None)
        data = data[list(layer.column_names)]
        # rows spread from a date range are tagged in ``source`` (they rank after daily rows of the same key)
        data["_source"] = kind if spread is None else [kind + RANGE_SUFFIX if r else kind for r in spread]
        cur.register("_incoming", data)
        casts = ", ".join(f'CAST("{c.name}" AS {c.type})' for c in layer.columns)
        cur.execute(f"INSERT INTO {layer.src_table} SELECT ?, _source, {casts} FROM _incoming", [import_id])
        cur.unregister("_incoming")

    def undo(self, import_id: int) -> ImportRecord:
        record = self.get_import(import_id)
        if record.status != "active":
            raise StoreError("already_undone", id=import_id, file=record.file_name)
        with self.transaction() as cur:
            cur.execute(
                "UPDATE import_log SET status = 'undone', undone_at = now()::TIMESTAMP WHERE import_id = ?",
                [import_id],
            )
            layers = [
                name for name, layer in LAYERS.items()
                if (cur.execute(f"SELECT count(*) FROM {layer.src_table} WHERE import_id = ?", [import_id])
                    .fetchone() or [0])[0]
            ]
            self._rebuild_for_imports(cur, [import_id], layers)
        return self.get_import(import_id)

    # -- canonical rebuild -----------------------------------------------------------------------
    def _rebuild_for_imports(
        self, cur: duckdb.DuckDBPyConnection, import_ids: list[int], layer_names: list[str]
    ) -> None:
        tables = {LAYERS[name].table for name in layer_names}
        id_list = ", ".join(str(int(i)) for i in import_ids)
        for table in tables:
            if table == "sales_daily":
                self._rebuild_sales(cur, id_list)
            else:
                layer = next(lay for lay in LAYERS.values() if lay.table == table)
                self._rebuild_simple(cur, layer, id_list)
        if tables & {"inventory_snapshot", "sales_daily", "ads_daily", "keyword_rank"}:
            self._refresh_is_own(cur)

    @staticmethod
    def _winners_sql(layer: Layer, affected: str) -> str:
        """Canonical rows of ``layer`` for the affected scopes.

        Per scope and source kind the newest active import wins; its rows are aggregated by key (measures
        summed). Then the source kinds are combined by the layer's priority (see ``Layer.combine``), so the
        result does not depend on the order the files were imported in. Needs the temp table ``_prio``
        (source, prio) registered by ``_with_priorities``.
        """
        scope = _q(layer.scope)
        key = _q(layer.key)
        others = [c for c in layer.column_names if c not in layer.key]
        aggs = [
            f'sum("{c}") AS "{c}"' if c in layer.measures else f'any_value("{c}") AS "{c}"' for c in others
        ]
        per_source = f"""
            WITH cand AS (
                SELECT DISTINCT s.import_id, coalesce(r.prio, 99) AS prio,
                       {", ".join(f's."{c}"' for c in layer.scope)}
                FROM {layer.src_table} s
                JOIN {affected} a USING ({_q(layer.rebuild_scope)})
                JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
                LEFT JOIN _prio r ON r.source = s.source
            ),
            -- among sources of equal priority (and always within one source) the newest import wins
            win AS (SELECT {scope}, prio, max(import_id) AS import_id FROM cand GROUP BY {scope}, prio),
            ranked AS (
                SELECT {key}, win.prio{", " if aggs else ""}{", ".join(aggs)}
                FROM {layer.src_table} s JOIN win USING ({scope}, import_id)
                GROUP BY {key}, win.prio
            )
        """
        if layer.combine == "merge":
            merged = [f'arg_min("{c}", prio) AS "{c}"' for c in others]
            return f"{per_source} SELECT {key}{', ' if merged else ''}{', '.join(merged)} FROM ranked GROUP BY {key}"
        cols = _q(layer.column_names)
        return f"""{per_source},
            best AS (SELECT {scope}, min(prio) AS prio FROM ranked GROUP BY {scope})
            SELECT {cols} FROM ranked JOIN best USING ({scope}, prio)
        """

    @staticmethod
    def _with_priorities(cur: duckdb.DuckDBPyConnection, layer: Layer) -> None:
        sources = list(layer.sources)
        if layer.name == "ads":
            # Rows spread from a date range (source "<kind>~range") rank after every daily row: a daily row
            # beats a date-range row of the same campaign, ad group and product, whatever the report kind.
            sources = [*sources, *(f"{k}{RANGE_SUFFIX}" for k in layer.sources)]
        prio = pd.DataFrame({"source": sources, "prio": list(range(len(sources)))},
                            columns=["source", "prio"]).astype({"source": "string", "prio": "int64"})
        cur.register("_prio", prio)

    def _affected(self, cur: duckdb.DuckDBPyConnection, layer: Layer, id_list: str, name: str) -> None:
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT {_q(layer.rebuild_scope)} "
            f"FROM {layer.src_table} WHERE import_id IN ({id_list})"
        )

    def _rebuild_simple(self, cur: duckdb.DuckDBPyConnection, layer: Layer, id_list: str) -> None:
        self._affected(cur, layer, id_list, "_aff")
        cur.execute(f"DELETE FROM {layer.table} t USING _aff a WHERE {_eq('t', 'a', layer.rebuild_scope)}")
        cols = _q(layer.column_names)
        self._with_priorities(cur, layer)
        cur.execute(
            f"INSERT INTO {layer.table} ({cols}) SELECT {cols} FROM ({self._winners_sql(layer, '_aff')})"
        )
        cur.unregister("_prio")
        if layer.name == "ads":
            # A campaign-level row (no SKU, no ASIN) is the same spend as the campaign's product rows: it
            # counts only where no product row of that campaign and day exists.
            cur.execute(
                """DELETE FROM ads_daily t USING _aff a
                   WHERE t.date = a.date AND t.marketplace = a.marketplace AND t.ad_type = a.ad_type
                     AND t.campaign = a.campaign AND t.sku = '' AND t.asin = ''
                     AND EXISTS (SELECT 1 FROM ads_daily p
                                 WHERE p.date = t.date AND p.marketplace = t.marketplace
                                   AND p.ad_type = t.ad_type AND p.campaign = t.campaign
                                   AND (p.sku <> '' OR p.asin <> ''))"""
            )
        cur.execute("DROP TABLE _aff")

    # Per SKU-day, the order import that wins: the best source (All Orders before a template), then the
    # newest. A row with units NULL lists only return lines: it never replaces another file's sales.
    _ORDER_WINNERS = """
        WITH c AS (
            SELECT s.*, (1000 - coalesce(r.prio, 99)) * 1000000000000 + s.import_id AS rank_
            FROM src_sales_orders s
            JOIN _aff a USING (date, marketplace)
            JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
            LEFT JOIN _prio r ON r.source = s.source
        )
        SELECT date, marketplace, sku,
               arg_max_null(asin, rank_) FILTER (WHERE units IS NOT NULL) AS asin,
               arg_max_null(units, rank_) FILTER (WHERE units IS NOT NULL) AS units,
               arg_max_null(revenue, rank_) FILTER (WHERE units IS NOT NULL) AS revenue,
               arg_max_null(sessions, rank_) FILTER (WHERE units IS NOT NULL) AS sessions,
               arg_max_null(page_views, rank_) FILTER (WHERE units IS NOT NULL) AS page_views,
               arg_max_null(buy_box_pct, rank_) FILTER (WHERE units IS NOT NULL) AS buy_box_pct,
               arg_max_null(currency, rank_) FILTER (WHERE units IS NOT NULL) AS currency,
               arg_max_null(units_returned, rank_) FILTER (WHERE units_returned IS NOT NULL) AS units_returned,
               arg_max_null(refunds, rank_) FILTER (WHERE units_returned IS NOT NULL) AS refunds,
               arg_max(import_id, rank_) FILTER (WHERE units IS NOT NULL) AS import_id,
               max(asin) AS any_asin, max(currency) AS any_currency
        FROM c GROUP BY date, marketplace, sku
    """

    def _rebuild_sales(self, cur: duckdb.DuckDBPyConnection, id_list: str) -> None:
        orders, report = LAYERS["sales_orders"], LAYERS["sales_report"]
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE _aff AS "
            f"SELECT DISTINCT date, marketplace FROM {orders.src_table} WHERE import_id IN ({id_list}) "
            f"UNION SELECT DISTINCT date, marketplace FROM {report.src_table} WHERE import_id IN ({id_list})"
        )
        if self._sole_orders_import(cur, id_list):
            # The common case of a new period: nothing else covers these days, so the import's own
            # (already collapsed) rows are the canonical rows; skip the general merge.
            cur.execute(
                f"""INSERT INTO sales_daily SELECT date, marketplace, sku, nullif(asin, ''), coalesce(units, 0),
                           coalesce(revenue, 0), sessions, page_views, buy_box_pct, currency, units_returned,
                           refunds, false
                    FROM {orders.src_table} WHERE import_id IN ({id_list})
                      AND NOT (coalesce(units, 0) = 0 AND coalesce(revenue, 0) = 0 AND units_returned IS NULL
                               AND sessions IS NULL AND page_views IS NULL)"""
            )
            cur.execute("DROP TABLE _aff")
            return
        cur.execute("DELETE FROM sales_daily t USING _aff a WHERE t.date = a.date AND t.marketplace = a.marketplace")
        self._with_priorities(cur, orders)
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _o AS {self._ORDER_WINNERS}")
        cur.unregister("_prio")
        self._with_priorities(cur, report)
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _r AS {self._winners_sql(report, '_aff')}")
        cur.unregister("_prio")
        # Days the per-day source covers: there, a SKU with no order row sold zero units, and the report's
        # spread units never count.
        cur.execute("CREATE OR REPLACE TEMP TABLE _oscope AS SELECT DISTINCT date, marketplace FROM _o "
                    "WHERE units IS NOT NULL")
        cur.execute("CREATE OR REPLACE TEMP TABLE _rscope AS SELECT DISTINCT date, marketplace FROM _r")
        cur.execute(
            """
            INSERT INTO sales_daily (date, marketplace, sku, asin, units, revenue, sessions, page_views,
                                     buy_box_pct, currency, units_returned, refunds, units_spread)
            SELECT k.date, k.marketplace, k.sku,
                   coalesce(nullif(o.asin, ''), nullif(r.asin, ''), nullif(o.any_asin, '')),
                   CASE WHEN os.date IS NOT NULL THEN coalesce(o.units, 0) ELSE r.units END,
                   CASE WHEN os.date IS NOT NULL THEN coalesce(o.revenue, 0) ELSE r.revenue END,
                   CASE WHEN rs.date IS NOT NULL THEN coalesce(r.sessions, 0) ELSE o.sessions END,
                   CASE WHEN rs.date IS NOT NULL THEN coalesce(r.page_views, 0) ELSE o.page_views END,
                   coalesce(r.buy_box_pct, o.buy_box_pct),
                   coalesce(o.currency, r.currency, o.any_currency),
                   o.units_returned, o.refunds,
                   os.date IS NULL AND r.units IS NOT NULL
            FROM (SELECT date, marketplace, sku FROM _o UNION SELECT date, marketplace, sku FROM _r) k
            LEFT JOIN _o o USING (date, marketplace, sku)
            LEFT JOIN _r r USING (date, marketplace, sku)
            LEFT JOIN _oscope os ON os.date = k.date AND os.marketplace = k.marketplace
            LEFT JOIN _rscope rs ON rs.date = k.date AND rs.marketplace = k.marketplace
            -- a SKU-day an order file lists only with cancelled lines is no row (as before), unless a
            -- report has it
            WHERE NOT (r.date IS NULL AND coalesce(o.units, 0) = 0 AND coalesce(o.revenue, 0) = 0
                       AND o.units_returned IS NULL AND o.sessions IS NULL AND o.page_views IS NULL)
            """
        )
        for name in ("_aff", "_o", "_r", "_oscope", "_rscope"):
            cur.execute(f"DROP TABLE {name}")

    def kept_from_other_imports(self, import_id: int) -> list[tuple[int, int]]:
        """(other import id, SKUs) whose rows stay on the days of order import ``import_id`` because this
        import does not list those SKUs there (issue 18: a partial file replaces only the SKU-days it holds).
        Each kept SKU-day counts for the import it comes from (the newest that lists it). Most SKUs first."""
        overlap = self.cur.execute(
            """SELECT EXISTS (SELECT 1 FROM import_log o JOIN import_log n ON n.import_id = ?
                              WHERE o.status = 'active' AND o.import_id <> n.import_id
                                AND o.kind IN ('all_orders', 'template_sales_daily')
                                AND coalesce(o.period_start <= n.period_end AND o.period_end >= n.period_start,
                                             true))""",
            [import_id],
        ).fetchall()[0][0]
        if not overlap:  # no other order import shares a day (the log keeps each import's first and last day)
            return []
        rows = self.cur.execute(
            """
            WITH mine AS (SELECT date, marketplace, sku, units FROM src_sales_orders WHERE import_id = ?),
                 days AS (SELECT DISTINCT date, marketplace FROM mine WHERE units IS NOT NULL),
                 other AS (
                     SELECT s.date, s.marketplace, s.sku, max(s.import_id) AS import_id
                     FROM src_sales_orders s JOIN days USING (date, marketplace)
                     JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
                     WHERE s.import_id <> ? AND s.units IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM mine m WHERE m.date = s.date AND m.units IS NOT NULL
                                       AND m.marketplace = s.marketplace AND m.sku = s.sku)
                     GROUP BY ALL)
            SELECT import_id, count(DISTINCT sku) AS skus FROM other GROUP BY import_id ORDER BY skus DESC, import_id
            """,
            [import_id, import_id],
        ).fetchall()
        return [(int(a), int(b)) for a, b in rows]

    def case_twin_skus(self, import_id: int | None = None) -> list[tuple[str, ...]]:
        """SKUs stored that differ only by case (``kt-a`` / ``KT-A``), each group sorted; with ``import_id``,
        only the groups with a SKU of that import."""
        stored = " UNION ".join(f"SELECT DISTINCT sku FROM {t}" for t in
                                ("inventory_snapshot", "sales_daily", "ads_daily", "shipment", "sku_settings"))
        mine = " UNION ".join(f"SELECT DISTINCT sku FROM {lay.src_table} WHERE import_id = $id"
                              for lay in LAYERS.values() if "sku" in lay.column_names)
        rows = self.cur.execute(
            f"""WITH s AS (SELECT DISTINCT sku FROM ({stored}) WHERE sku <> '' AND sku IS NOT NULL),
                     g AS (SELECT lower(sku) AS l, list(sku ORDER BY sku) AS skus FROM s GROUP BY lower(sku)
                           HAVING count(*) > 1)
                SELECT skus FROM g
                WHERE $id IS NULL OR l IN (SELECT lower(sku) FROM ({mine}))
                ORDER BY l""",
            {"id": import_id},
        ).fetchall()
        return [tuple(r[0]) for r in rows]

    def returns_of(self, import_id: int) -> tuple[int, float, float]:
        """(SKU-days, units returned, amount refunded) an import kept apart as returns."""
        row = self.cur.execute(
            "SELECT count(*), coalesce(sum(units_returned), 0), coalesce(sum(refunds), 0) FROM src_sales_orders"
            " WHERE import_id = ? AND units_returned IS NOT NULL",
            [import_id],
        ).fetchall()[0]
        return int(row[0]), float(row[1]), float(row[2])

    @staticmethod
    def _sole_orders_import(cur: duckdb.DuckDBPyConnection, id_list: str) -> bool:
        """One active per-day import whose days no other active sales import covers (and no report)."""
        if "," in id_list:
            return False
        row = cur.execute(
            f"""SELECT
                  (SELECT status = 'active' FROM import_log WHERE import_id = {id_list}),
                  EXISTS (SELECT 1 FROM src_sales_orders WHERE import_id = {id_list}),
                  EXISTS (SELECT 1 FROM src_sales_report WHERE import_id = {id_list}),
                  EXISTS (SELECT 1 FROM src_sales_orders s JOIN _aff a USING (date, marketplace)
                          JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
                          WHERE s.import_id <> {id_list}),
                  EXISTS (SELECT 1 FROM src_sales_report s JOIN _aff a USING (date, marketplace)
                          JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'),
                  EXISTS (SELECT 1 FROM sales_daily t JOIN _aff a USING (date, marketplace))"""
        ).fetchall()[0]
        active, has_orders, has_report, other_orders, other_report, canonical = row
        return bool(active and has_orders and not has_report and not other_orders and not other_report
                    and not canonical)

    @staticmethod
    def _refresh_is_own(cur: duckdb.DuckDBPyConnection) -> None:
        """An ASIN is the seller's own when it appears in its inventory, sales or ads."""
        if not cur.execute("SELECT EXISTS (SELECT 1 FROM keyword_rank)").fetchall()[0][0]:
            return
        cur.execute(
            """
            UPDATE keyword_rank k SET is_own = coalesce(
                (SELECT bool_or(s.is_own) FROM src_keyword_rank s
                  WHERE s.asin = k.asin AND s.is_own IS NOT NULL),
                k.asin IN (SELECT asin FROM inventory_snapshot UNION SELECT asin FROM sales_daily
                           UNION SELECT asin FROM ads_daily))
            """
        )

    # -- reading helpers used by the importers ----------------------------------------------------
    def sku_for_asin(self) -> dict[str, str]:
        """ASIN → SKU from what the store knows now (for reports keyed by ASIN only): the SKU of the
        newest stock snapshot, else of the latest sales or ad rows."""
        rows = self.cur.execute(
            """SELECT asin, arg_max(sku, rank) FROM (
                   SELECT asin, sku, 3 * 100000 + (snapshot_date - DATE '2000-01-01') AS rank FROM inventory_snapshot
                   UNION ALL SELECT asin, sku, 2 * 100000 + (date - DATE '2000-01-01') FROM sales_daily
                   UNION ALL SELECT asin, sku, 1 * 100000 + (date - DATE '2000-01-01') FROM ads_daily)
               WHERE asin <> '' AND asin IS NOT NULL AND sku <> '' GROUP BY asin"""
        ).fetchall()
        return dict(rows)

    def table_counts(self) -> dict[str, int]:
        out = {}
        for table in CANONICAL_TABLES:
            row = self.cur.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def table_df(self, table: str, limit: int | None = None) -> pd.DataFrame:
        if table not in CANONICAL_TABLES:
            raise StoreError("unknown_table", table=repr(table))
        if limit is None:
            return self._df(f"SELECT * FROM {table}")
        return self._df(f"SELECT * FROM {table} LIMIT ?", [limit])

    # -- metrics inputs (one row per SKU unless said otherwise) ------------------------------------
    def latest_snapshot_date(self, marketplace: str | None = None) -> dt.date | None:
        row = self.cur.execute("SELECT max(snapshot_date) FROM inventory_snapshot WHERE ? IS NULL OR marketplace = ?",
                               [marketplace, marketplace]).fetchone()
        return row[0] if row and row[0] else None

    def first_data_date(self) -> dt.date | None:
        """The first day any stock snapshot or sales row describes (None for an empty store)."""
        row = self.cur.execute(
            "SELECT least((SELECT min(snapshot_date) FROM inventory_snapshot), (SELECT min(date) FROM sales_daily))"
        ).fetchone()
        return row[0] if row and row[0] else None

    def latest_sales_date(self) -> dt.date | None:
        row = self.cur.execute("SELECT max(date) FROM sales_daily").fetchone()
        return row[0] if row and row[0] else None

    def sku_base(self, as_of: dt.date, max_snapshot_age: int | None = None) -> pd.DataFrame:
        """Stock at ``as_of`` per (marketplace, SKU), with the SKU's settings.

        The stock columns come from the snapshot of ``as_of`` itself, else the latest one before it at most
        ``max_snapshot_age`` days old, else the first one after it as close (``stock_date`` says which; an
        estimate when it is not ``as_of``). Without one the stock is unknown: the stock columns are NULL.
        Names, ASIN and price come from the latest snapshot on or before ``as_of`` whatever its age.
        ``max_snapshot_age=None`` takes the latest snapshot on or before ``as_of`` whatever its age.
        SKUs that only appear in sales (no stock report yet) are included with available NULL.
        """
        age = 100_000 if max_snapshot_age is None else int(max_snapshot_age)
        return self._df(
            """
            WITH inv AS (
                SELECT * FROM inventory_snapshot WHERE snapshot_date <= ?
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date DESC) = 1
            ),
            near AS (
                SELECT * FROM inventory_snapshot
                WHERE snapshot_date BETWEEN ?::DATE - ?::INTEGER AND ?::DATE + ?::INTEGER
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku
                    ORDER BY snapshot_date > ?, abs(snapshot_date - ?::DATE)) = 1
            ),
            sold AS (
                SELECT marketplace, sku, any_value(asin) FILTER (WHERE asin <> '') AS asin,
                       sum(revenue) / nullif(sum(units), 0) AS avg_price
                FROM sales_daily WHERE date <= ? AND date > ?::DATE - INTERVAL 90 DAY
                GROUP BY marketplace, sku
            ),
            keys AS (SELECT marketplace, sku FROM inv UNION SELECT marketplace, sku FROM sold
                     UNION SELECT marketplace, sku FROM near)
            SELECT k.marketplace, k.sku,
                   coalesce(nullif(inv.asin, ''), nullif(near.asin, ''), sold.asin, '') AS asin,
                   coalesce(inv.fnsku, near.fnsku) AS fnsku,
                   coalesce(inv.product_name, near.product_name) AS product_name,
                   near.snapshot_date, near.snapshot_date AS stock_date,
                   near.available, near.reserved, near.inbound_working, near.inbound_shipped,
                   near.inbound_receiving, near.unsellable, near.aged_365_plus, near.amazon_recommended_qty,
                   near.amazon_alert, near.amazon_days_of_supply,
                   coalesce(nullif(st.storage_type, ''), nullif(near.storage_type, ''), nullif(inv.storage_type, ''))
                       AS storage_type,
                   coalesce(st.unit_volume, near.unit_volume, inv.unit_volume) AS unit_volume,
                   coalesce(st.aged_override, false) AS aged_override,
                   coalesce(st.price, near.price, inv.price, sold.avg_price) AS price,
                   coalesce(near.currency, inv.currency, '') AS currency,
                   st.lead_time_days, st.air_lead_time_days, st.safety_days, st.ads_override, st.unit_cost,
                   st.target_roas, coalesce(st.is_core, false) AS is_core, st.note
            FROM keys k
            LEFT JOIN inv USING (marketplace, sku)
            LEFT JOIN near USING (marketplace, sku)
            LEFT JOIN sold USING (marketplace, sku)
            LEFT JOIN sku_settings st ON st.sku = k.sku
            ORDER BY k.marketplace, k.sku
            """,
            [as_of, as_of, age, as_of, age if max_snapshot_age is not None else 0, as_of, as_of, as_of, as_of],
        )

    # -- coverage: which days the store knows (DESIGN.md "Coverage") ---------------------------------
    # A sales import covers every day of its span (its import_log period, else its rows' first to last day) in
    # each marketplace it has rows for:
    # inside that span a SKU without a row sold nothing (a known zero); outside every span a day is unknown.
    _SALES_SPANS = """
        sales_imports AS (
            SELECT import_id, marketplace, min(date) AS first_row, max(date) AS last_row
            FROM src_sales_orders GROUP BY ALL
            UNION ALL
            SELECT import_id, marketplace, min(date), max(date) FROM src_sales_report GROUP BY ALL
        ),
        sales_spans AS (
            SELECT si.marketplace, coalesce(l.period_start, si.first_row) AS first_day,
                   coalesce(l.period_end, si.last_row) AS last_day
            FROM sales_imports si JOIN import_log l USING (import_id)
            WHERE l.status = 'active'
        ),
        known AS (
            SELECT DISTINCT marketplace, CAST(unnest(generate_series(greatest(first_day, ?::DATE),
                   least(last_day, ?::DATE), INTERVAL 1 DAY)) AS DATE) AS day
            FROM sales_spans WHERE first_day <= ? AND last_day >= ?
        )
    """
    # How far back the ADS windows look for their known, in-stock days (a 30-day window may span holes).
    VELOCITY_LOOKBACK_DAYS = 90

    def _known_params(self, lo: dt.date, hi: dt.date) -> list[Any]:
        return [lo, hi, hi, lo]

    def sales_known_days(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """(marketplace, day) for every day in start..end some active sales import covers."""
        return self._df(f"WITH {self._SALES_SPANS} SELECT marketplace, day FROM known ORDER BY marketplace, day",
                        self._known_params(start, end))

    def last_known_days(self, as_of: dt.date) -> dict[str, dt.date | None]:
        """The freshness line: the last day on or before ``as_of`` each source is known for.

        ``stock`` = the latest snapshot; ``sales`` = the last day a sales import covers; ``ads`` and
        ``ranks`` = the last day an active ads / keyword-rank import covers."""
        row = self.cur.execute(
            f"""WITH {self._SALES_SPANS}
            SELECT (SELECT max(snapshot_date) FROM inventory_snapshot WHERE snapshot_date <= ?),
                   (SELECT max(day) FROM known),
                   (SELECT max(least(period_end, ?)) FROM import_log l
                     WHERE status = 'active' AND period_start <= ? AND import_id IN
                        (SELECT import_id FROM src_ads UNION SELECT import_id FROM src_ads_keyword)),
                   (SELECT max(date) FROM keyword_rank WHERE date <= ?)""",
            [*self._known_params(as_of - dt.timedelta(days=3650), as_of), as_of, as_of, as_of, as_of],
        ).fetchone()
        assert row is not None
        return {"stock": row[0], "sales": row[1], "ads": row[2], "ranks": row[3]}

    def last_ads_day(self, as_of: dt.date) -> dt.date | None:
        """The last day on or before ``as_of`` an active ads import (product or keyword grain) covers."""
        row = self.cur.execute(
            """SELECT max(least(period_end, ?)) FROM import_log
               WHERE status = 'active' AND period_start <= ? AND import_id IN
                   (SELECT DISTINCT import_id FROM src_ads UNION SELECT DISTINCT import_id FROM src_ads_keyword)""",
            [as_of, as_of],
        ).fetchone()
        return row[0] if row and row[0] else None

    def velocity(self, as_of: dt.date, max_snapshot_age: int) -> pd.DataFrame:
        """Per SKU: stockout-adjusted units and in-stock days over the last 7/14/30 *known* days, and the
        year-ago figures for the seasonal candidate.

        Only days a sales import covers count (``known``); the windows are the last 7/14/30 known days on
        which the SKU was not out of stock, ending at its marketplace's last known sales day on or before
        ``as_of`` and looking back at most :attr:`VELOCITY_LOOKBACK_DAYS`. A day is *out of stock* when the
        latest snapshot on or before it (at most ``max_snapshot_age`` days old), else the first one after it
        (as old at most), shows available = 0; such days leave both the units and the day count. Days before
        a SKU's first stock or sales record are not counted either. ``last_sales_day`` is the SKU's last
        known sales day; the year-ago windows count known days only (``days_ly_prev``, ``ly_days``).
        """
        lo = as_of - dt.timedelta(days=460)
        recent_lo = as_of - dt.timedelta(days=self.VELOCITY_LOOKBACK_DAYS - 1)
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            keys AS (
                SELECT marketplace, sku, min(d) AS first_day FROM (
                    SELECT marketplace, sku, snapshot_date AS d FROM inventory_snapshot
                    UNION ALL SELECT marketplace, sku, date AS d FROM sales_daily WHERE units > 0)
                GROUP BY marketplace, sku
            ),
            grid AS (
                SELECT k.marketplace, k.sku, d.day FROM keys k JOIN known d USING (marketplace)
                WHERE d.day >= k.first_day AND d.day >= ?
            ),
            before AS (
                SELECT g.marketplace, g.sku, g.day, i.snapshot_date AS b_date, i.available AS b_available
                FROM grid g ASOF LEFT JOIN inventory_snapshot i
                  ON g.marketplace = i.marketplace AND g.sku = i.sku AND g.day >= i.snapshot_date
            ),
            stock AS (
                SELECT b.marketplace, b.sku, b.day,
                       CASE WHEN b.b_date IS NOT NULL AND b.day - b.b_date <= ? THEN b.b_available = 0
                            WHEN i.snapshot_date IS NOT NULL AND i.snapshot_date - b.day <= ? THEN i.available = 0
                       END AS oos
                FROM before b ASOF LEFT JOIN inventory_snapshot i
                  ON b.marketplace = i.marketplace AND b.sku = i.sku AND b.day <= i.snapshot_date
            ),
            daily AS (
                SELECT s.marketplace, s.sku, s.day, coalesce(s.oos, false) AS oos,
                       coalesce(sd.units, 0) AS units, sd.sessions
                FROM stock s LEFT JOIN sales_daily sd
                  ON sd.marketplace = s.marketplace AND sd.sku = s.sku AND sd.date = s.day
            ),
            ranked AS (
                SELECT *, row_number() OVER (PARTITION BY marketplace, sku ORDER BY day DESC) AS n_all,
                          row_number() OVER (PARTITION BY marketplace, sku, oos ORDER BY day DESC) AS n_in
                FROM daily
            ),
            recent AS (
                SELECT marketplace, sku,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 7) AS units_7,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 7) AS days_7,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 14) AS units_14,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 14) AS days_14,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 30) AS units_30,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 30) AS days_30,
                    min(day) FILTER (WHERE NOT oos AND n_in <= 30) AS window_30_start,
                    count(*) FILTER (WHERE oos AND n_all <= 30) AS oos_days_30,
                    count(*) FILTER (WHERE oos AND n_all <= 7) AS oos_days_7,
                    stddev_samp(units) FILTER (WHERE NOT oos AND n_in <= 30) AS sigma_daily,
                    -- conversion: units of the days the sessions cover only (a Business Report may cover
                    -- 4 of the 7 days the orders do; dividing 7 days of units by 4 of sessions fakes a rise)
                    sum(units) FILTER (WHERE n_all <= 7 AND sessions IS NOT NULL) AS conv_units_7,
                    sum(units) FILTER (WHERE n_all BETWEEN 8 AND 14 AND sessions IS NOT NULL) AS conv_units_prev_7,
                    sum(units) FILTER (WHERE n_all <= 7) AS raw_units_7,
                    sum(sessions) FILTER (WHERE n_all <= 7) AS sessions_7,
                    sum(units) FILTER (WHERE n_all BETWEEN 8 AND 14) AS raw_units_prev_7,
                    sum(sessions) FILTER (WHERE n_all BETWEEN 8 AND 14) AS sessions_prev_7,
                    sum(units) FILTER (WHERE n_all <= 28) AS units_28,
                    count(*) FILTER (WHERE n_all <= 28) AS days_28,
                    sum(units) FILTER (WHERE n_all <= 30) AS units_last_30,
                    count(*) FILTER (WHERE n_all <= 30) AS days_last_30,
                    min(day) FILTER (WHERE n_all <= 30) AS last_30_start,
                    max(day) AS last_sales_day
                FROM ranked GROUP BY marketplace, sku
            ),
            -- a year earlier: the same calendar days as the last 30 known days, and the 90 days after
            -- the as-of; both counted in known days on or after the SKU's first record
            ly_known AS (
                SELECT k.marketplace, k.sku, d.day FROM keys k JOIN known d USING (marketplace)
                WHERE d.day >= k.first_day AND d.day < ?::DATE - INTERVAL 275 DAY
            ),
            ly AS (
                SELECT lk.marketplace, lk.sku,
                    count(*) FILTER (WHERE lk.day >= r.last_30_start - INTERVAL 365 DAY
                                       AND lk.day <= r.last_sales_day - INTERVAL 365 DAY) AS days_ly_prev,
                    count(*) FILTER (WHERE lk.day >= ?::DATE - INTERVAL 365 DAY) AS ly_days
                FROM ly_known lk LEFT JOIN recent r USING (marketplace, sku)
                GROUP BY lk.marketplace, lk.sku
            ),
            ly_units AS (
                SELECT sd.marketplace, sd.sku,
                    sum(sd.units) FILTER (WHERE sd.date >= r.last_30_start - INTERVAL 365 DAY
                                            AND sd.date <= r.last_sales_day - INTERVAL 365 DAY) AS units_ly_prev_30,
                    sum(sd.units) FILTER (WHERE sd.date >= ?::DATE - INTERVAL 365 DAY) AS units_ly_next_90
                FROM sales_daily sd LEFT JOIN recent r USING (marketplace, sku)
                WHERE sd.date >= ?::DATE - INTERVAL 460 DAY AND sd.date < ?::DATE - INTERVAL 275 DAY
                GROUP BY sd.marketplace, sd.sku
            )
            SELECT k.marketplace, k.sku, k.first_day, r.* EXCLUDE (marketplace, sku),
                   ly.days_ly_prev, ly.ly_days, lu.units_ly_prev_30, lu.units_ly_next_90
            FROM keys k
            LEFT JOIN recent r USING (marketplace, sku)
            LEFT JOIN ly USING (marketplace, sku)
            LEFT JOIN ly_units lu USING (marketplace, sku)
            """,
            [*self._known_params(lo, as_of), recent_lo, max_snapshot_age, max_snapshot_age,
             as_of, as_of, as_of, as_of, as_of],
        )

    def files_with_value_beyond(
        self, layer_name: str, column: str, skus: Sequence[str], low: float, high: float
    ) -> dict[str, str]:
        """Per SKU, the file of the newest active import whose rows put ``column`` outside ``[low, high]``.

        Names the file behind an impossible plan input (issue 17). ``layer_name`` and ``column`` come from
        the schema, never from a user (checked here); values are bound parameters.
        """
        layer = LAYERS.get(layer_name)
        if layer is None or column not in layer.column_names or "sku" not in layer.column_names:
            raise ValueError(f"no column {column!r} in layer {layer_name!r}")
        if not skus:
            return {}
        rows = self.cur.execute(
            f"""SELECT s.sku, arg_max(l.file_name, l.import_id)
                FROM {layer.src_table} s JOIN import_log l USING (import_id)
                WHERE l.status = 'active' AND list_contains(?, s.sku)
                  AND (s."{column}" < ? OR s."{column}" > ? OR isinf(s."{column}"))
                GROUP BY s.sku""",
            [list(skus), low, high],
        ).fetchall()
        return {str(sku): str(name) for sku, name in rows}

    def negative_stock(self) -> pd.DataFrame:
        """SKUs whose latest stock snapshot shows negative fulfillable units (an Amazon adjustment), with the
        file it came from: data health flags them; the plan counts them as nothing sellable."""
        return self._df(
            """
            WITH latest AS (
                SELECT * FROM inventory_snapshot
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date DESC) = 1
            )
            SELECT l.marketplace, l.sku, l.snapshot_date, l.available,
                   (SELECT arg_max(g.file_name, g.import_id) FROM src_inventory s JOIN import_log g USING (import_id)
                    WHERE g.status = 'active' AND s.sku = l.sku AND s.marketplace = l.marketplace
                      AND s.snapshot_date = l.snapshot_date AND s.available < 0) AS file_name
            FROM latest l WHERE l.available < 0 ORDER BY l.marketplace, l.sku
            """
        )

    def sales_spikes(self, as_of: dt.date, factor: float, days: int = 14) -> pd.DataFrame:
        """SKU-days of the last ``days`` known days whose units exceed ``factor`` × the SKU's median over the
        28 known days before (known zeros count; a median of 0 flags nothing)."""
        lo = as_of - dt.timedelta(days=days + 60)
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            skus AS (SELECT DISTINCT marketplace, sku FROM sales_daily WHERE date >= ? AND date <= ?),
            grid AS (
                SELECT s.marketplace, s.sku, k.day, coalesce(sd.units, 0) AS units
                FROM skus s JOIN known k USING (marketplace)
                LEFT JOIN sales_daily sd ON sd.marketplace = s.marketplace AND sd.sku = s.sku AND sd.date = k.day
            ),
            med AS (
                SELECT *, median(units) OVER (PARTITION BY marketplace, sku ORDER BY day
                                              ROWS BETWEEN 28 PRECEDING AND 1 PRECEDING) AS median_28,
                          count(*) OVER (PARTITION BY marketplace, sku ORDER BY day
                                         ROWS BETWEEN 28 PRECEDING AND 1 PRECEDING) AS n_before,
                          row_number() OVER (PARTITION BY marketplace, sku ORDER BY day DESC) AS n_last
                FROM grid
            )
            SELECT marketplace, sku, day, units, median_28 FROM med
            WHERE n_last <= ? AND n_before >= 7 AND median_28 > 0 AND units > ? * median_28
            ORDER BY marketplace, sku, day
            """,
            [*self._known_params(lo, as_of), lo, as_of, days, factor],
        )

    def report_vs_orders(self) -> pd.DataFrame:
        """Per active period-report import and marketplace: its units and the All Orders units on the days of
        its period that an active order import covers (``orders_days`` of them)."""
        return self._df(
            """
            WITH ospans AS (
                SELECT s.marketplace, coalesce(l.period_start, min(s.date)) AS first_day,
                       coalesce(l.period_end, max(s.date)) AS last_day
                FROM src_sales_orders s JOIN import_log l USING (import_id)
                WHERE l.status = 'active' GROUP BY s.import_id, s.marketplace, l.period_start, l.period_end
            ),
            odays AS (
                SELECT DISTINCT marketplace,
                       CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day
                FROM ospans
            ),
            rep AS (
                SELECT r.import_id, l.file_name, l.period_start, l.period_end, r.marketplace,
                       sum(r.units) AS report_units, count(DISTINCT r.date) AS report_days
                FROM src_sales_report r JOIN import_log l USING (import_id)
                JOIN odays o ON o.marketplace = r.marketplace AND o.day = r.date
                WHERE l.status = 'active' GROUP BY ALL
            ),
            -- the orders of the SKUs the report lists, on the days both cover
            rep_skus AS (SELECT DISTINCT import_id, marketplace, sku FROM src_sales_report
                         WHERE import_id IN (SELECT import_id FROM rep)),
            ord AS (
                SELECT rs.import_id, rs.marketplace, sum(sd.units) AS orders_units
                FROM rep_skus rs JOIN rep USING (import_id, marketplace)
                JOIN odays o ON o.marketplace = rs.marketplace AND o.day BETWEEN rep.period_start AND rep.period_end
                JOIN sales_daily sd ON sd.marketplace = o.marketplace AND sd.date = o.day AND sd.sku = rs.sku
                GROUP BY ALL
            )
            SELECT rep.*, coalesce(ord.orders_units, 0) AS orders_units
            FROM rep LEFT JOIN ord USING (import_id, marketplace) ORDER BY rep.import_id
            """
        )

    def open_shipments(self) -> pd.DataFrame:
        return self._df(
            """SELECT shipment_id, sku, marketplace, quantity, mode, ship_date, eta, status
               FROM shipment WHERE status <> 'received' ORDER BY eta, shipment_id"""
        )

    def shipments(self) -> pd.DataFrame:
        return self._df("SELECT * FROM shipment ORDER BY coalesce(eta, ship_date), shipment_id")

    def learned_lead_times(self) -> pd.DataFrame:
        """Ship → received days per shipping mode, from received shipments."""
        return self._df(
            """SELECT mode, count(*) AS shipments,
                      median(received_date - ship_date) AS median_days,
                      quantile_cont(received_date - ship_date, 0.9) AS p90_days
               FROM shipment
               WHERE status = 'received' AND received_date IS NOT NULL AND ship_date IS NOT NULL
               GROUP BY mode ORDER BY mode"""
        )

    def lead_time_by_sku(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """Per (marketplace, SKU): ship → received days of its received sea/rail shipments (received on or
        before ``as_of`` when given): count, median, standard deviation and the list in ship-date order."""
        return self._df(
            """SELECT marketplace, sku, count(*) AS shipments,
                      median(received_date - ship_date) AS median_days,
                      stddev_samp(received_date - ship_date) AS sigma_days,
                      list(received_date - ship_date ORDER BY ship_date, shipment_id) AS lead_days
               FROM shipment
               WHERE status = 'received' AND received_date IS NOT NULL AND ship_date IS NOT NULL
                 AND mode NOT IN ('air', 'express') AND received_date >= ship_date
                 AND received_date <= coalesce(?, DATE '9999-12-31')
               GROUP BY marketplace, sku ORDER BY marketplace, sku""",
            [as_of],
        )

    def stockout_episodes(self, as_of: dt.date) -> pd.DataFrame:
        """Spans of snapshots with available = 0 per SKU (gaps and islands), up to ``as_of``.

        ``end_date`` is the first snapshot back in stock (NULL while the stockout goes on). ``pre_ads`` is
        the units of the 30 days before the start per day a sales import covers (NULL when none does).
        """
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            s AS (
                SELECT marketplace, sku, snapshot_date, available = 0 AS oos,
                       row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date)
                     - row_number() OVER (PARTITION BY marketplace, sku, available = 0 ORDER BY snapshot_date)
                       AS grp,
                       lead(snapshot_date) OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date) AS next_date
                FROM inventory_snapshot WHERE snapshot_date <= ?
            )
            , ep AS (
                SELECT marketplace, sku, min(snapshot_date) AS start_date,
                       max(snapshot_date) AS last_oos_date,
                       -- the snapshot after the last out-of-stock one (NULL while it goes on; arg_max would
                       -- skip that NULL and return an earlier row's value)
                       (list(next_date ORDER BY snapshot_date DESC))[1] AS end_date
                FROM s WHERE oos GROUP BY marketplace, sku, grp
            )
            -- ADS before the stockout: units of the 30 days before it began, per day the store knows
            , pre_units AS (
                SELECT ep.marketplace, ep.sku, ep.start_date, coalesce(sum(sd.units), 0) AS units
                FROM ep LEFT JOIN sales_daily sd
                  ON sd.marketplace = ep.marketplace AND sd.sku = ep.sku
                 AND sd.date >= ep.start_date - INTERVAL 30 DAY AND sd.date < ep.start_date
                GROUP BY ALL
            )
            , pre_days AS (
                SELECT ep.marketplace, ep.sku, ep.start_date, count(k.day) AS days
                FROM ep LEFT JOIN known k
                  ON k.marketplace = ep.marketplace AND k.day >= ep.start_date - INTERVAL 30 DAY
                 AND k.day < ep.start_date
                GROUP BY ALL
            )
            SELECT ep.*, CASE WHEN d.days > 0 THEN u.units / d.days END AS pre_ads
            FROM ep JOIN pre_units u USING (marketplace, sku, start_date)
            JOIN pre_days d USING (marketplace, sku, start_date)
            ORDER BY marketplace, sku, start_date
            """,
            [*self._known_params(dt.date(1970, 1, 1), as_of), as_of],
        )

    def ads_by_sku(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Product-level ad totals per (marketplace, SKU or ASIN) for start <= date < end.

        Rows with an ASIN but no SKU are attributed through the ASIN's SKU.
        """
        return self._df(
            """
            WITH m AS (
                SELECT DISTINCT marketplace, asin, sku FROM inventory_snapshot WHERE asin <> ''
            ),
            a AS (
                SELECT ad.marketplace, coalesce(nullif(ad.sku, ''), m.sku, ad.asin) AS sku, ad.*
                       EXCLUDE (marketplace, sku)
                FROM ads_daily ad LEFT JOIN m ON m.marketplace = ad.marketplace AND m.asin = ad.asin
                WHERE ad.date >= ? AND ad.date < ? AND (ad.sku <> '' OR ad.asin <> '')
            )
            SELECT marketplace, sku, sum(impressions) AS impressions, sum(clicks) AS clicks,
                   sum(spend) AS spend, sum(ad_sales) AS ad_sales, sum(ad_orders) AS ad_orders,
                   sum(ad_units) AS ad_units
            FROM a GROUP BY marketplace, sku
            """,
            [start, end],
        )

    def ads_daily_by_sku(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Daily product-level ad totals per (marketplace, SKU) and ad type (for charts and spend checks)."""
        return self._df(
            """
            WITH m AS (SELECT DISTINCT marketplace, asin, sku FROM inventory_snapshot WHERE asin <> '')
            SELECT ad.date, ad.marketplace, coalesce(nullif(ad.sku, ''), m.sku, ad.asin) AS sku, ad.ad_type,
                   ad.campaign, sum(ad.spend) AS spend, sum(ad.ad_sales) AS ad_sales, sum(ad.clicks) AS clicks
            FROM ads_daily ad LEFT JOIN m ON m.marketplace = ad.marketplace AND m.asin = ad.asin
            WHERE ad.date >= ? AND ad.date < ?
            GROUP BY ALL ORDER BY 1
            """,
            [start, end],
        )

    def campaign_spend(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Spend per campaign and ad type over start <= date < end, from both ad tables (never added:
        a campaign appears in one grain or the other; product grain is preferred)."""
        return self._df(
            """
            WITH p AS (
                SELECT marketplace, ad_type, campaign, sum(spend) AS spend, sum(ad_sales) AS ad_sales,
                       string_agg(DISTINCT nullif(sku, ''), ',') AS skus,
                       string_agg(DISTINCT nullif(asin, ''), ',') AS asins
                FROM ads_daily WHERE date >= ? AND date < ? GROUP BY ALL
            ),
            k AS (
                SELECT marketplace, ad_type, campaign, sum(spend) AS spend, sum(ad_sales) AS ad_sales,
                       NULL AS skus, NULL AS asins
                FROM ads_keyword_daily WHERE date >= ? AND date < ? GROUP BY ALL
            )
            SELECT * FROM p
            UNION ALL
            SELECT * FROM k WHERE (marketplace, ad_type, campaign) NOT IN
                (SELECT (marketplace, ad_type, campaign) FROM p)
            """,
            [start, end, start, end],
        )

    def keyword_targets(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Keyword/target totals over start <= date < end (for CTR, CPC and ACoS flags)."""
        return self._df(
            """SELECT marketplace, ad_type, campaign, ad_group, targeting, match_type,
                      sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend,
                      sum(ad_sales) AS ad_sales, sum(ad_orders) AS ad_orders
               FROM ads_keyword_daily WHERE date >= ? AND date < ?
               GROUP BY ALL""",
            [start, end],
        )

    def keyword_ranks(self, asins: Sequence[str] | None = None, keywords: Sequence[str] | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM keyword_rank WHERE 1 = 1"
        params: list[Any] = []
        if asins is not None:
            sql += " AND list_contains(?, asin)"
            params.append(list(asins))
        if keywords is not None:
            sql += " AND list_contains(?, keyword)"
            params.append(list(keywords))
        return self._df(sql + " ORDER BY keyword, asin, date", params)

    def sales_history(self, skus: Sequence[str] | None = None, start: dt.date | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM sales_daily WHERE date >= coalesce(?, DATE '1970-01-01')"
        params: list[Any] = [start]
        if skus is not None:
            sql += " AND list_contains(?, sku)"
            params.append(list(skus))
        return self._df(sql + " ORDER BY sku, date", params)

    def stock_history(self, skus: Sequence[str] | None = None, start: dt.date | None = None) -> pd.DataFrame:
        sql = ("SELECT snapshot_date, marketplace, sku, available, inbound_working + inbound_shipped"
               " + inbound_receiving AS inbound FROM inventory_snapshot"
               " WHERE snapshot_date >= coalesce(?, DATE '1970-01-01')")
        params: list[Any] = [start]
        if skus is not None:
            sql += " AND list_contains(?, sku)"
            params.append(list(skus))
        return self._df(sql + " ORDER BY sku, snapshot_date", params)

    # -- settings --------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def sku_settings_df(self) -> pd.DataFrame:
        return self._df("SELECT * FROM sku_settings ORDER BY sku")

    def data_version(self) -> str:
        """Changes whenever an import, an undo or a settings edit changes what the pages show.

        A store that opens the file per use answers from the file's ``stat`` while the file is unchanged
        since it last read the version, so an idle page rerun opens nothing. The stat is taken before the
        read: a write after it changes the stat (DuckDB's write lock keeps writers out while we read).
        """
        if self.keep_open:
            return self._data_version()
        seen = self._file.fingerprint()
        if self._version_seen is not None and self._version_seen[0] == seen:
            return self._version_seen[1]
        with self.session():
            version = self._data_version()
        self._version_seen = (seen, version)
        return version

    def _data_version(self) -> str:
        row = self.cur.execute(
            "SELECT coalesce(max(import_id), 0), count(*) FILTER (WHERE status = 'active'),"
            " (SELECT coalesce(max(value), '') FROM meta WHERE key = 'settings') FROM import_log"
        ).fetchone()
        assert row is not None
        return f"{row[0]}-{row[1]}-{hashlib.sha1(str(row[2]).encode()).hexdigest()[:12]}"

    def is_empty(self) -> bool:
        row = self.cur.execute("SELECT count(*) FROM import_log WHERE status = 'active'").fetchone()
        return not (row and row[0])

    def coverage(self) -> pd.DataFrame:
        """Per canonical table: rows, first and last date, and the weeks without data in between."""
        frames = []
        for table, col in (("inventory_snapshot", "snapshot_date"), ("sales_daily", "date"),
                           ("ads_daily", "date"), ("ads_keyword_daily", "date"), ("keyword_rank", "date"),
                           ("shipment", "eta")):
            frames.append(self._df(
                f"""
                WITH d AS (SELECT DISTINCT date_trunc('week', "{col}")::DATE AS wk FROM {table}
                           WHERE "{col}" IS NOT NULL),
                     r AS (SELECT count(*) AS rows, min("{col}") AS first, max("{col}") AS last FROM {table}),
                     span AS (SELECT CAST(unnest(generate_series(min(wk), max(wk), INTERVAL 7 DAY)) AS DATE) AS wk
                              FROM d)
                SELECT ? AS "table", r.rows, r.first, r.last,
                       (SELECT list(wk ORDER BY wk) FROM span WHERE wk NOT IN (SELECT wk FROM d)) AS missing_weeks
                FROM r
                """,
                [table],
            ))
        return pd.concat(frames, ignore_index=True)

    def save_sku_settings(self, frame: pd.DataFrame, note: str = "edited in the app") -> int:
        """Store edited per-SKU settings as an import of their own (so an edit can be undone too)."""
        data = frame.copy()
        payload = data.to_csv(index=False).encode("utf-8")
        digest = hashlib.sha256(payload + dt.datetime.now().isoformat().encode()).hexdigest()
        return self.apply_import(
            file_name="sku_settings (app)", sha256=digest, kind="app_edit", frames={"sku_settings": data},
            marketplace=None, period_start=None, period_end=None, rows_read=len(data), note=note,
        )

    # -- streaming import of large order files ---------------------------------------------------------
    # A two-year All Orders file of a large catalogue has millions of lines. Instead of building pandas
    # frames, DuckDB reads it. A clean file takes one pass to SKU-days (``scan_orders_csv`` from disk,
    # ``scan_orders_arrow`` from batches read in memory); a file with a bad line is typed line by line into
    # a staging table (``stage_orders_*``), where each bad value keeps its line for the refusal.

    _STAGE_ORDERS = """
        CREATE OR REPLACE TEMP TABLE _stage_orders (
            ts TIMESTAMP, channel VARCHAR, sku VARCHAR, asin VARCHAR, qty DOUBLE,
            price DOUBLE, currency VARCHAR, cancelled BOOLEAN, returned BOOLEAN,
            bad_field VARCHAR, bad_reason VARCHAR, bad_value VARCHAR)
    """

    @staticmethod
    def _csv_source(n_columns: int, positions: dict[str, int], *, max_line: bool = False) -> str:
        """The needed columns of a delimited file, by field, read with DuckDB's parallel CSV reader (params
        p0..p5: path, delimiter, quote, escape, lines before the data, column types; with ``max_line``, p6:
        the longest line read). Lines it cannot read (a cell count unlike the header's, bytes that are not
        UTF-8, a line over p6) go to ``_rej_errors``."""
        select = ", ".join(
            f'c{positions[f]} AS "{f}"' if f in positions else f'NULL::VARCHAR AS "{f}"' for f in STAGE_FIELDS
        )
        return f"""(SELECT {select}
                FROM read_csv($p0, delim = $p1, quote = $p2, escape = $p3, header = false, skip = $p4, columns = $p5,
                              auto_detect = false, ignore_errors = true, store_rejects = true,
                              rejects_table = '_rej_errors', rejects_scan = '_rej_scans'
                              {", max_line_size = $p6" if max_line else ""}))"""

    @staticmethod
    def _csv_params(path: str, delimiter: str, header_line: int, n_columns: int) -> dict[str, Any]:
        quote = '"' if delimiter == "," else ""
        columns = {f"c{i}": "VARCHAR" for i in range(n_columns)}
        return {"p0": path, "p1": delimiter, "p2": quote, "p3": quote, "p4": header_line, "p5": columns}

    def _drop_csv_rejects(self) -> None:
        # DuckDB appends to an existing rejects table: start each scan with none.
        self.cur.execute("DROP TABLE IF EXISTS _rej_errors")
        self.cur.execute("DROP TABLE IF EXISTS _rej_scans")

    def _csv_rejects(self) -> list[tuple[int, str]]:
        rows = self.cur.execute(
            "SELECT line, any_value(error_type) FROM _rej_errors GROUP BY line ORDER BY line"
        ).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def scan_orders_csv(
        self, path: str, *, delimiter: str, header_line: int, n_columns: int, positions: dict[str, int],
        cancelled: Sequence[str], max_chars: int, channels: Sequence[tuple[str, str | None]],
        markets: Sequence[ScanMarket], span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> OrdersScan:
        """Read an All Orders file in one pass from the CSV reader to SKU-days (kept in ``_order_days`` for
        :meth:`store_scanned_orders`; nothing is written to the database).

        ``channels``: (sales channel, trimmed and lower case, '' for none → marketplace code) in the order
        they are tried (the most frequent first). ``markets``: the code, currency and UTC offsets of the
        codes to read. Each line is sorted into ok, cancelled, bad (a value the staged path would refuse),
        or unmapped (a channel not listed or of a code not in ``markets``, or a time outside the years of
        the offsets). The scan is clean when every line is ok or cancelled and the reader could read every
        line; only a clean scan may be stored.
        """
        self._drop_csv_rejects()
        # No cell can be longer than max_chars when no line is: lines over it are left unread (the staged
        # path then finds the cell), so no line pays for a per-cell length check here.
        typed = self._typed_orders_sql(self._csv_source(n_columns, positions, max_line=True), lengths=False)
        params = {**self._csv_params(path, delimiter, header_line, n_columns), "p6": max_chars, **_span(span)}
        scan = self._scan_orders(typed, params, cancelled, channels, markets)
        return replace(scan, unread=len(self._csv_rejects()))

    def scan_orders_arrow(
        self, lines: Any, *, cancelled: Sequence[str], max_chars: int, channels: Sequence[tuple[str, str | None]],
        markets: Sequence[ScanMarket], span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> OrdersScan:
        """:meth:`scan_orders_csv` of order lines read elsewhere: an Arrow table or record batch reader
        (consumed once) with a string column per field of ``STAGE_FIELDS``. Lines the caller's reader
        skipped are the caller's to count."""
        self.cur.register("_order_lines", lines)
        try:
            typed = self._typed_orders_sql("_order_lines")
            return self._scan_orders(typed, {"max": max_chars, **_span(span)}, cancelled, channels, markets)
        finally:
            self.cur.unregister("_order_lines")

    def _scan_orders(
        self, typed: str, params: dict[str, Any], cancelled: Sequence[str],
        channels: Sequence[tuple[str, str | None]], markets: Sequence[ScanMarket],
    ) -> OrdersScan:
        cur = self.cur
        index = {m.code: i for i, m in enumerate(markets)}
        # Plain CASE expressions, not joins with a channel or zone table: a join probe per line costs more
        # than a few comparisons (the local day needs the offset at each line's own second).
        known = [(c, index[code]) for c, code in channels if code in index]
        first = " ".join(f"WHEN {_sql_text(c)} THEN {i}" for c, i in known[:_CASE_CHANNELS])
        # The first channels (the head's, the most lines first) as a CASE; the rest by a list lookup, which
        # costs more a line but far less to plan than a CASE of every spelling of every marketplace.
        market = (f"coalesce(CASE coalesce(channel, '') {first} END, "
                  f"list_extract($market_of, list_position($channel_names, coalesce(channel, ''))))"
                  if first else "NULL::INTEGER")
        by_zone: dict[tuple[tuple[dt.datetime, dt.timedelta], ...], list[int]] = {}
        for i, m in enumerate(markets):
            by_zone.setdefault(m.changes, []).append(i)  # one search per zone (US, CA and MX share one)
        offsets = " ".join(f"WHEN m IN ({', '.join(map(str, ids))}) THEN {_offset_sql('ts', changes)}"
                           for changes, ids in by_zone.items())
        offsets = f"CASE {offsets} END" if offsets else "NULL::INTEGER"
        currency = " ".join(f"WHEN {i} THEN {_sql_text(m.currency)}" for i, m in enumerate(markets) if m.currency)
        currency = f"CASE m {currency} END" if currency else "NULL::VARCHAR"
        codes = " ".join(f"WHEN {i} THEN {_sql_text(m.code)}" for i, m in enumerate(markets) if m.code)
        codes = f"CASE m {codes} END" if codes else "NULL::VARCHAR"
        cur.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _order_days AS
            WITH lines AS (
                SELECT *, {offsets} AS offset_s
                FROM (SELECT t.*, {market} AS m FROM ({typed}) t)
            ),
            sorted AS (
                SELECT *, CASE WHEN bad_reason IS NOT NULL THEN {_BAD} WHEN offset_s IS NULL THEN {_UNMAPPED}
                               WHEN cancelled THEN {_CANCELLED} WHEN returned THEN {_RETURN} ELSE {_OK} END AS kind
                FROM lines
            ),
            days AS (
                SELECT kind,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN}) THEN (ts + to_seconds(offset_s))::DATE
                            END AS date,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN}) THEN m END AS m,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN}) THEN sku END AS sku,
                       CASE WHEN kind = {_UNMAPPED} THEN coalesce(channel, '') END AS channel,
                       max(asin) AS asin, sum(abs(qty)) AS units, sum(abs(price)) AS revenue,
                       max(coalesce(currency, {currency})) AS currency, count(*) AS lines
                FROM sorted
                GROUP BY ALL
            )
            SELECT kind, date, {codes} AS marketplace, sku, channel, asin, units, revenue, currency, lines
            FROM days
            """,
            {**params, "cancelled": list(cancelled), "channel_names": [c for c, _ in known[_CASE_CHANNELS:]] or [""],
             "market_of": [i for _, i in known[_CASE_CHANNELS:]] or [None]},
        )
        counts = dict(cur.execute("SELECT kind, sum(lines) FROM _order_days GROUP BY kind").fetchall())
        unmapped = cur.execute(
            f"SELECT DISTINCT channel FROM _order_days WHERE kind = {_UNMAPPED} ORDER BY 1"
        ).fetchall()
        return OrdersScan(
            lines=int(sum(counts.values())), bad=int(counts.get(_BAD, 0)), unread=0,
            unmapped=tuple(str(r[0]) for r in unmapped),
        )

    def store_scanned_orders(self, *, file_name: str, sha256: str, lines: int) -> tuple[int, int]:
        """Store a clean scan (:meth:`scan_orders_csv`, :meth:`scan_orders_arrow`) as one import (one
        transaction). Returns (import id, rows)."""
        layer = LAYERS["sales_orders"]
        with self.transaction() as cur:
            import_id = int(cur.execute("SELECT nextval('import_seq')").fetchall()[0][0])
            cur.execute(
                f"""INSERT INTO {layer.src_table} (import_id, source, date, marketplace, sku, asin, units,
                                                   revenue, currency, units_returned, refunds)
                    SELECT ?, 'all_orders', date, marketplace, sku, {_SKU_DAY_SUMS}
                    FROM _order_days WHERE kind IN ({_OK}, {_CANCELLED}, {_RETURN})
                    GROUP BY date, marketplace, sku""",
                [import_id],
            )
            rows = self._log_orders_import(cur, import_id, file_name, sha256, lines, None, None)
        return import_id, rows

    def drop_scanned_orders(self) -> None:
        self.cur.execute("DROP TABLE IF EXISTS _order_days")

    def stage_orders_begin(self) -> None:
        self.cur.execute(self._STAGE_ORDERS)

    def stage_orders_csv(
        self, path: str, *, delimiter: str, header_line: int, n_columns: int, positions: dict[str, int],
        cancelled: Sequence[str],
        max_chars: int = 32_767, span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> list[tuple[int, str]]:
        """Stage an order file straight from disk with DuckDB's parallel CSV reader (only the needed
        columns are parsed). Returns (line, DuckDB error type) of the rows it could not read: a cell count
        that differs from the header, or bytes that are not UTF-8."""
        self._drop_csv_rejects()
        # No row number here (it would double the cost): the staging table keeps the file's order, so its
        # rowid is the data row's index.
        self._stage_from(self._csv_source(n_columns, positions),
                         {**self._csv_params(path, delimiter, header_line, n_columns), **_span(span)}, cancelled,
                         max_chars)
        return self._csv_rejects()

    def stage_orders_batch(self, batch: Any, cancelled: Sequence[str], max_chars: int = 32_767,
                           span: tuple[dt.datetime, dt.datetime] = _NO_SPAN) -> None:
        """Type one Arrow batch of order lines (columns named by field, plus ``row_idx``).

        The checks mirror the general importer: an empty order id, SKU or purchase date places the row
        nowhere ("empty"); a purchase date, quantity or price that does not read is a bad value.
        """
        self.cur.register("_batch", batch)
        self._stage_from("_batch", _span(span), cancelled, max_chars)
        self.cur.unregister("_batch")

    def _stage_from(self, source: str, params: dict[str, Any], cancelled: Sequence[str], max_chars: int) -> None:
        """Type order lines from ``source`` (a registered batch or a CSV scan; constant SQL) into staging."""
        self.cur.execute(
            f"INSERT INTO _stage_orders {self._typed_orders_sql(source)}",
            {**params, "max": max_chars, "cancelled": list(cancelled)},
        )

    @staticmethod
    def _typed_orders_sql(source: str, *, lengths: bool = True) -> str:
        """Order lines of ``source`` typed and checked (params ``cancelled``: statuses; with ``lengths``,
        ``max``: the longest cell).

        Columns: ts (UTC), channel, sku, asin, qty, price, currency, cancelled, and for a line the general
        importer would refuse bad_field, bad_reason (empty, date, number, too_long) and bad_value.
        """
        def trimmed(col: str) -> str:  # trim() copies every string; most cells have nothing to trim
            return f"CASE WHEN {col} LIKE ' %' OR {col} LIKE '% ' THEN trim({col}) ELSE {col} END"

        cells = ("order_id", "purchase_date", "order_status", "item_status", "sales_channel", "sku", "asin",
                 "quantity", "item_price", "currency")
        # a cell longer than any export has (a hostile file); bytes first, characters when needed
        long_cells = f"""
            greatest({", ".join(f"strlen({c})" for c in cells)}) > $max AS maybe_long,
            {" ".join(f"WHEN maybe_long AND length({c}) > $max THEN '{c}'" for c in cells).join(("CASE ", " END"))}
                AS long_field,
            CASE WHEN maybe_long THEN greatest({", ".join(f"length({c})" for c in cells)}) END AS long_len
        """ if lengths else "NULL::VARCHAR AS long_field, NULL::BIGINT AS long_len"
        QUANTITY_MAX, MONEY_MAX = BOUNDS["quantity"], BOUNDS["item_price"]  # noqa: N806 - constants
        return f"""
            WITH b AS (
                SELECT nullif({trimmed("order_id")}, '') AS order_id, nullif({trimmed("purchase_date")}, '') AS pd,
                       lower({trimmed("coalesce(order_status, '')")}) AS os,
                       lower({trimmed("coalesce(item_status, '')")}) AS ist,
                       nullif(lower({trimmed("sales_channel")}), '') AS channel, nullif({trimmed("sku")}, '') AS sku,
                       upper({trimmed("coalesce(asin, '')")}) AS asin,
                       nullif({trimmed("quantity")}, '') AS q, nullif({trimmed("item_price")}, '') AS p,
                       nullif(upper({trimmed("currency")}), '') AS currency,
                       {long_cells}
                FROM {source}
            ), t AS (
                SELECT *, TRY_CAST(pd AS TIMESTAMPTZ)::TIMESTAMP AS ts,  -- UTC (session time zone)
                       TRY_CAST(replace(q, ',', '') AS DOUBLE) AS qty,
                       -- a plain number ("19.99", nearly every cell) as cast; others stripped to digits, dot
                       -- and minus (the regular expression costs a tenth of the read when run on every cell)
                       CASE WHEN isfinite(TRY_CAST(p AS DOUBLE)) AND NOT contains(p, 'e') AND NOT contains(p, 'E')
                            THEN TRY_CAST(p AS DOUBLE)
                            ELSE TRY_CAST(regexp_replace(p, '[^0-9.\\-]', '', 'g') AS DOUBLE) END AS price
                FROM b
            )
            SELECT ts, channel, sku, asin, coalesce(qty, 0) AS qty, coalesce(price, 0) AS price, currency,
                   list_contains($cancelled, os) OR list_contains($cancelled, ist) AS cancelled,
                   qty < 0 OR price < 0 OR os IN {_RETURN_SQL} OR ist IN {_RETURN_SQL} AS returned,
                   CASE WHEN long_field IS NOT NULL THEN long_field
                        WHEN order_id IS NULL THEN 'order_id' WHEN pd IS NULL THEN 'purchase_date'
                        WHEN sku IS NULL THEN 'sku' WHEN ts IS NULL THEN 'purchase_date'
                        WHEN ts < $lo OR ts >= $hi THEN 'purchase_date'
                        WHEN q IS NOT NULL AND qty IS NULL THEN 'quantity'
                        WHEN p IS NOT NULL AND price IS NULL THEN 'item_price'
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} THEN 'quantity'
                        WHEN NOT abs(price) <= {MONEY_MAX} THEN 'item_price' END AS bad_field,
                   CASE WHEN long_field IS NOT NULL THEN 'too_long'
                        WHEN order_id IS NULL OR pd IS NULL OR sku IS NULL THEN 'empty'
                        WHEN ts IS NULL THEN 'date'
                        WHEN ts < $lo OR ts >= $hi THEN 'date_span'
                        WHEN (q IS NOT NULL AND qty IS NULL) OR (p IS NOT NULL AND price IS NULL) THEN 'number'
                        -- beyond any real order line (a typo): refused like an unreadable number (issue 17)
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} OR NOT abs(price) <= {MONEY_MAX} THEN 'bound'
                        END AS bad_reason,
                   CASE WHEN long_field IS NOT NULL THEN long_len::VARCHAR
                        WHEN order_id IS NULL OR pd IS NULL OR sku IS NULL THEN ''
                        WHEN ts IS NULL OR ts < $lo OR ts >= $hi THEN pd WHEN q IS NOT NULL AND qty IS NULL THEN q
                        WHEN p IS NOT NULL AND price IS NULL THEN p
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} THEN q
                        WHEN NOT abs(price) <= {MONEY_MAX} THEN p END AS bad_value
            FROM t
        """

    def staged_orders_rejects(self, limit: int) -> tuple[int, pd.DataFrame]:
        cur = self.cur
        total = cur.execute("SELECT count(*) FROM _stage_orders WHERE bad_reason IS NOT NULL").fetchall()[0][0]
        rows = self._df(
            """SELECT rowid AS row_idx, bad_field, bad_value, bad_reason FROM _stage_orders
               WHERE bad_reason IS NOT NULL ORDER BY rowid LIMIT ?""",
            [limit],
        )
        return int(total), rows

    def staged_orders_channels(self) -> list[str]:
        rows = self.cur.execute("SELECT DISTINCT coalesce(channel, '') FROM _stage_orders").fetchall()
        return [str(r[0]) for r in rows]

    def staged_orders_count(self) -> int:
        return int(self.cur.execute("SELECT count(*) FROM _stage_orders").fetchall()[0][0])

    def stage_orders_end(self) -> None:
        self.cur.execute("DROP TABLE IF EXISTS _stage_orders")

    def apply_staged_orders(
        self,
        *,
        file_name: str,
        sha256: str,
        channels: pd.DataFrame,
        rows_read: int,
        rejects: pd.DataFrame | None,
        note: str | None = None,
    ) -> tuple[int, int]:
        """Aggregate the staged order lines to SKU-days (local marketplace days) and store them as one
        import in one transaction. ``channels``: channel (lower case, '' for none) → code, tz, currency.
        Returns (import id, rows stored)."""
        layer = LAYERS["sales_orders"]
        with self.transaction() as cur:
            import_id = int(cur.execute("SELECT nextval('import_seq')").fetchall()[0][0])
            cur.register("_channels", channels)
            cur.execute(
                f"""
                INSERT INTO {layer.src_table} (import_id, source, date, marketplace, sku, asin, units, revenue,
                                               currency, units_returned, refunds)
                -- Local day = UTC time + the zone's offset in that hour: the offset is looked up once per
                -- distinct hour (thousands), not per order line (millions).
                WITH lines AS (
                    SELECT s.*, m.code, m.tz, m.currency AS market_currency, date_trunc('hour', s.ts) AS h,
                           CASE WHEN s.cancelled THEN {_CANCELLED} WHEN s.returned THEN {_RETURN} ELSE {_OK} END
                               AS kind
                    FROM _stage_orders s JOIN _channels m ON m.channel = coalesce(s.channel, '')
                    WHERE s.bad_reason IS NULL
                ),
                shift AS (
                    SELECT tz, h, (h::TIMESTAMPTZ AT TIME ZONE tz) - h AS offset_
                    FROM (SELECT DISTINCT tz, h FROM lines)
                ),
                days AS (
                    SELECT (l.ts + sh.offset_)::DATE AS date, l.code AS marketplace, l.sku, l.kind, max(l.asin) AS asin,
                           sum(abs(l.qty)) AS units, sum(abs(l.price)) AS revenue,
                           max(coalesce(l.currency, l.market_currency)) AS currency
                    FROM lines l JOIN shift sh USING (tz, h)
                    GROUP BY ALL
                )
                SELECT ?, 'all_orders', date, marketplace, sku, {_SKU_DAY_SUMS}
                FROM days GROUP BY date, marketplace, sku
                """,
                [import_id],
            )
            cur.unregister("_channels")
            rows_loaded = self._log_orders_import(cur, import_id, file_name, sha256, rows_read, rejects, note)
        self.stage_orders_end()
        return import_id, rows_loaded

    def _log_orders_import(
        self, cur: duckdb.DuckDBPyConnection, import_id: int, file_name: str, sha256: str, rows_read: int,
        rejects: pd.DataFrame | None, note: str | None,
    ) -> int:
        """The import_log row (and rejected lines) of an order import whose rows are in the source layer;
        rebuilds the days it covers. Returns the rows stored."""
        layer = LAYERS["sales_orders"]
        stats = cur.execute(
            f"SELECT count(*), min(date), max(date), count(DISTINCT marketplace), any_value(marketplace)"
            f" FROM {layer.src_table} WHERE import_id = ?",
            [import_id],
        ).fetchall()[0]
        rows_loaded, start, end, n_markets, market = stats
        self._log_import(cur, import_id, file_name, sha256, "all_orders", market if n_markets == 1 else None,
                         start, end, rows_read, int(rows_loaded), rejects, note)
        self._rebuild_for_imports(cur, [import_id], ["sales_orders"])
        return int(rows_loaded)

    def marketplaces(self) -> list[str]:
        rows = self.cur.execute(
            "SELECT DISTINCT marketplace FROM inventory_snapshot UNION SELECT DISTINCT marketplace FROM sales_daily"
            " ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in rows if r[0]]


# Public methods that write (they call ``transaction``): the app's store opens the file read-write for them.
# tests/test_storage.py checks that every method calling ``self.transaction`` is listed.
WRITES = frozenset({"apply_import", "undo", "set_meta", "save_sku_settings", "store_scanned_orders",
                    "apply_staged_orders"})
# Methods that manage sessions themselves.
_OWN_SESSIONS = frozenset({"session", "transaction", "read_snapshot", "watched", "close", "data_version"})


def _in_session(fn: Callable[..., _T], write: bool) -> Callable[..., _T]:
    @functools.wraps(fn)
    def method(self: Store, *args: Any, **kwargs: Any) -> _T:
        with self.session(write=write):
            return fn(self, *args, **kwargs)

    return method


# Every other public method runs in a session: the app's store opens the file for it (a no-op for a store
# that keeps its connection), and its failures of the file come out as one line.
for _name, _fn in list(vars(Store).items()):
    if not _name.startswith("_") and inspect.isfunction(_fn) and _name not in _OWN_SESSIONS:
        setattr(Store, _name, _in_session(_fn, write=_name in WRITES))

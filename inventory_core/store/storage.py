"""The Store: one class over the DuckDB file, assembled from the store's parts, one job each.

One file keeps everything (``STOCKOUT_RADAR_DB``, default ``data/stockout_radar.duckdb``; any DuckDB
connection string works, e.g. ``md:`` for MotherDuck). Every import is one transaction: its rows go into
the source layer tables (``src_*``, with the import id), then the canonical tables are rebuilt for the
scopes the import touched. A process killed in the middle leaves the file as before the import (DuckDB's
write-ahead log rolls the open transaction back on the next open).

The parts: the connection, sessions and schema checks (:mod:`~inventory_core.store.connection`, with
:mod:`~inventory_core.store.migrations`), imports, undo and settings edits
(:mod:`~inventory_core.store.imports`, rebuilding through :mod:`~inventory_core.store.rebuild`), the streamed
order import (:mod:`~inventory_core.store.bulk_orders`), and the reads
(:mod:`~inventory_core.store.plan_queries`, :mod:`~inventory_core.store.queries`).

Values from files, settings and callers reach DuckDB as bound parameters or registered data frames;
identifiers (table and column names) only ever come from :mod:`inventory_core.store.schema`, never from user
input. The only values written into SQL text are the code's own: import ids the store generated (as
integers, :mod:`~inventory_core.store.rebuild`) and the constants and time-zone offsets listed in
:mod:`~inventory_core.store.bulk_orders`.
"""

from __future__ import annotations

from inventory_core.store.bulk_orders import BulkOrderImport
from inventory_core.store.connection import run_in_sessions
from inventory_core.store.plan_queries import PlanQueries
from inventory_core.store.queries import Queries

__all__ = ["Store"]


@run_in_sessions
class Store(BulkOrderImport, PlanQueries, Queries):
    """A DuckDB database holding the canonical tables, their source layers and the import log.

    ``keep_open=True`` (the CLI, scripts, tests) keeps a connection from construction to :meth:`close`.
    ``keep_open=False`` (the app) holds nothing between uses: each public method runs in a :meth:`session`
    that opens the file read-only (read-write for the methods in ``WRITES``) and closes it after, so another
    program can import while the app is idle. Either way DuckDB's lock, damage and full-disk failures come
    out as a one-line :class:`StoreError` (see :mod:`inventory_core.store.dbfile`).
    """

"""The store's connection core: opening the file, sessions, transactions, schema checks, the data version.

:class:`StoreBase` holds (or, for the app, opens per use) the DuckDB connection, one cursor per thread,
and routes every write through :meth:`StoreBase.transaction`. The per-job parts of
:class:`inventory_core.store.storage.Store` (imports, queries, the bulk order SQL) build on it, and
:func:`run_in_sessions` wraps their public methods so that each runs in a session, read-write for the
methods in :data:`WRITES`. Who holds the file and how its failures read is :mod:`inventory_core.store.dbfile`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Self, TypeVar

import duckdb
import pandas as pd

from inventory_core.store import migrations
from inventory_core.store.dbfile import DbFile, StoreError, classify, is_disk_full

DEFAULT_DB = "data/stockout_radar.duckdb"
ENV_DB = "STOCKOUT_RADAR_DB"
ENV_MEMORY = "STOCKOUT_RADAR_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"

_T = TypeVar("_T")


def default_db_path() -> str:
    return os.environ.get(ENV_DB) or DEFAULT_DB


def _setup_connection(con: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    """Settings of every connection the store opens."""
    # Timestamps are stored and compared in UTC; local days are computed explicitly per marketplace.
    con.execute("SET TimeZone = 'UTC'")
    # DuckDB would take up to 80 % of the machine's memory for a large import; cap it (it spills to
    # disk beyond) so that a two-year import of 10,000 SKUs stays within a laptop's budget.
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])  # checked in StoreBase.__init__


class StoreBase:
    """The connection of a :class:`inventory_core.store.storage.Store` (see its docstring for the modes)."""

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

    def __enter__(self) -> Self:
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
                raise RuntimeError("a write inside a read session: add the method to connection.WRITES")
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
        return migrations.schema_version(self.cur)

    def _check_schema(self) -> None:
        """Refuse a file of a newer release; create or migrate (after a backup) an older one."""
        version = self.schema_version() if self._file.exists() else 0
        if version > migrations.SCHEMA_VERSION:
            raise StoreError("newer", path=self.path, version=version, supported=migrations.SCHEMA_VERSION)
        if version == migrations.SCHEMA_VERSION:
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
            migrations.upgrade(cur, version)

    # -- what the pages show ---------------------------------------------------------------------
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


# Public methods that write (they call ``transaction``): the app's store opens the file read-write for them.
# tests/test_database_file.py checks that every method calling ``self.transaction`` is listed.
WRITES = frozenset(
    {"apply_import", "undo", "set_meta", "save_sku_settings", "store_scanned_orders", "apply_staged_orders"}
)
# Methods that manage sessions themselves.
_OWN_SESSIONS = frozenset({"session", "transaction", "read_snapshot", "watched", "close", "data_version"})


def _in_session(fn: Callable[..., _T], write: bool) -> Callable[..., _T]:
    @functools.wraps(fn)
    def method(self: StoreBase, *args: Any, **kwargs: Any) -> _T:
        with self.session(write=write):
            return fn(self, *args, **kwargs)

    return method


_Store = TypeVar("_Store", bound=type[StoreBase])


def run_in_sessions(cls: _Store) -> _Store:
    """Make every other public method of ``cls`` (its own and those of the parts it is made of) run in a
    session: the app's store opens the file for it (a no-op for a store that keeps its connection), and
    its failures of the file come out as one line. The wrapped methods are set on ``cls`` itself."""
    seen: set[str] = set()
    for klass in cls.__mro__:  # the first definition along the MRO is the one ``cls`` has
        for name, fn in list(vars(klass).items()):
            if name in seen or name.startswith("_"):
                continue
            seen.add(name)
            if inspect.isfunction(fn) and name not in _OWN_SESSIONS:
                setattr(cls, name, _in_session(fn, write=name in WRITES))
    return cls

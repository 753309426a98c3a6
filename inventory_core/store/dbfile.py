"""The DuckDB file behind a store: who has it open in this process, and its failures as one-line errors.

DuckDB lets one process hold a file read-write, or any number of processes hold it read-only, never both;
inside one process every connection to a file must use the same mode. So this module keeps one DuckDB
instance per file per process (:class:`DbFile`, shared by every :class:`~inventory_core.store.storage.Store`
on that file) and hands out cursors of it:

- a store that keeps its connection (the CLI, scripts, tests) *holds* the instance for its life;
- the app's store opens it for one *session* (a read, an import) and the last session out closes it, so an
  idle app holds no lock and the CLI can import meanwhile.

Readers share a read-only instance; a writer waits for the readers of this process to finish, then the file
is opened read-write and serves readers and writers alike. Another process holding the file is never waited
for: that is the one-line "in use, try again" refusal (:func:`classify`).

A write that fills the disk is rolled back by DuckDB, but the blocks it wrote stay in the file (DuckDB never
gives them back to the file system). :meth:`DbFile.restore_on_close` remembers the sizes from before the
failed write; once the instance is closed the file and its write-ahead log are cut back to them. That is
safe because everything past them belongs to the transaction that failed: DuckDB writes the header that
points into new blocks only at a successful checkpoint, and a failed commit is rolled back. A later commit
in the same instance cancels the restore (the file then holds committed data past the old size).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from inventory_core.i18n import t

_NO_SPACE = os.strerror(errno.ENOSPC)  # "No space left on device": DuckDB quotes the system's message
_LOCKED = ("Could not set lock on file", "Conflicting lock")
# What DuckDB says about a file it cannot read as a database (tried: cut short, overwritten header,
# flipped bytes in a block, a CSV renamed .duckdb).
_DAMAGED = {
    "Could not read enough bytes": "cut",
    "not a valid DuckDB database file": "not_duckdb",
    "Corrupt database file": "checksum",
    "does not match stored checksum": "checksum",
}


class StoreError(RuntimeError):
    """A one-line, user-facing problem with the database (locked, damaged, disk full, newer schema, unknown
    import): ``str()`` is English, :meth:`message` the user's language."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        if "reason_key" in params:
            params["reason"] = t(str(params.pop("reason_key")), lang)
        return " ".join(t(f"store.{self.code}", lang, **params).split())


@dataclass(frozen=True)
class Sizes:
    """Bytes of the database file and of its write-ahead log (None: the file is not there)."""

    main: int | None
    wal: int | None


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return None


def disk_of(path: str) -> str:
    """The mount point of the file system that holds ``path`` (the disk a user can free space on)."""
    place = Path(path).resolve().parent
    while not place.exists():
        place = place.parent
    while not os.path.ismount(place):
        place = place.parent
    return str(place)


def size_text(n: int) -> str:
    if n < 2**20:
        return f"{n / 2**10:.0f} KB"
    if n < 2**30:
        return f"{n / 2**20:.1f} MB"
    return f"{n / 2**30:.1f} GB"


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, duckdb.Error) and _NO_SPACE in str(exc)


def classify(exc: BaseException, path: str) -> StoreError | None:
    """The one-line error for a failure of the file itself (locked, full disk, damaged); None for any other
    error, which stays what it is (a bug must not pass for a damaged file)."""
    if not isinstance(exc, duckdb.Error | OSError):
        return None
    if is_disk_full(exc):
        disk = disk_of(path)
        return StoreError("disk_full", path=path, disk=disk, free=size_text(shutil.disk_usage(disk).free))
    text = str(exc)
    if isinstance(exc, duckdb.Error) and any(s in text for s in _LOCKED):
        return StoreError("busy", path=path)
    for needle, reason in _DAMAGED.items():
        if isinstance(exc, duckdb.Error) and needle in text:
            return StoreError("damaged", path=path, reason_key=f"store.damaged.{reason}")
    return None


@dataclass
class _Instance:
    """The process's DuckDB instance of one file (None while nobody uses it)."""

    cond: threading.Condition = field(default_factory=threading.Condition)
    con: duckdb.DuckDBPyConnection | None = None
    writes: bool = False
    sessions: int = 0  # uses for the length of a session
    holders: int = 0  # stores that keep the file open
    writers_waiting: int = 0
    restore: Sizes | None = None  # sizes to cut the files back to once the instance is closed


_INSTANCES: dict[str, _Instance] = {}
_INSTANCES_LOCK = threading.Lock()


class DbFile:
    """One database (a file path, or ``:memory:`` / ``md:``, which are never shared) as a store sees it."""

    def __init__(self, path: str, setup: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        self.path = path
        self.is_file = not (path == ":memory:" or path.startswith("md:"))
        self._setup = setup
        if self.is_file:
            key = os.path.realpath(path)
            with _INSTANCES_LOCK:
                self._inst = _INSTANCES.setdefault(key, _Instance())
        else:
            self._inst = _Instance()

    def exists(self) -> bool:
        return not self.is_file or os.path.exists(self.path)

    def acquire(self, write: bool, *, hold: bool = False) -> duckdb.DuckDBPyConnection:
        """A cursor of the process's instance of the file, opened read-write when ``write``, else read-only
        unless it is already open read-write. Raises :class:`StoreError` when another program has the file
        in a conflicting mode, or when a store of this process holds it read-only and ``write`` is asked."""
        inst = self._inst
        with inst.cond:
            if write:
                inst.writers_waiting += 1
            try:
                while True:
                    if inst.con is None:
                        inst.con, inst.writes = self._connect(write), write
                        break
                    if inst.writes or not (write or inst.writers_waiting):
                        break  # a read-write instance serves everyone; a read-only one serves readers
                    if write and inst.holders:
                        raise StoreError("busy", path=self.path)  # held read-only for good: never freed
                    inst.cond.wait()  # the readers of this process finish; then it reopens read-write
            finally:
                if write:
                    inst.writers_waiting -= 1
                    inst.cond.notify_all()
            if hold:
                inst.holders += 1
            else:
                inst.sessions += 1
            return inst.con.cursor()

    def release(self, cur: duckdb.DuckDBPyConnection, *, hold: bool = False) -> None:
        """Give a cursor back; the last one out closes the instance (and the file lock with it)."""
        with contextlib.suppress(duckdb.Error):
            cur.close()
        inst = self._inst
        with inst.cond:
            if hold:
                inst.holders -= 1
            else:
                inst.sessions -= 1
            if inst.holders or inst.sessions or inst.con is None:
                return
            con, inst.con = inst.con, None
            restore, inst.restore = inst.restore, None
            try:
                with contextlib.suppress(duckdb.Error):
                    con.close()
                if restore is not None and self.is_file:
                    self._cut_back(restore)
            finally:
                inst.cond.notify_all()

    def _connect(self, write: bool) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(self.path, read_only=not write)
        except duckdb.Error as exc:
            raise classify(exc, self.path) or StoreError(
                "cannot_open", path=self.path, reason=" ".join(str(exc).split())[:200]
            ) from exc
        try:
            self._setup(con)
        except BaseException:
            con.close()
            raise
        return con

    # -- a full disk -------------------------------------------------------------------------------
    def sizes(self) -> Sizes:
        if not self.is_file:
            return Sizes(None, None)
        return Sizes(_size(self.path), _size(self.path + ".wal"))

    def restore_on_close(self, before: Sizes) -> None:
        """After a write failed on a full disk: cut the files back to ``before`` once the instance closes
        (the earliest failure since the last commit wins)."""
        with self._inst.cond:
            if self._inst.restore is None:
                self._inst.restore = before

    def committed(self) -> None:
        """A commit succeeded: what the file holds past an earlier failure's sizes is data now."""
        with self._inst.cond:
            self._inst.restore = None

    def _cut_back(self, before: Sizes) -> None:
        now = self.sizes()
        if before.main is not None and now.main is not None and now.main > before.main:
            os.truncate(self.path, before.main)
        wal = self.path + ".wal"
        if before.wal is None and now.wal is not None:
            os.remove(wal)  # only the failed commit wrote it
        elif before.wal is not None and now.wal is not None and now.wal > before.wal:
            os.truncate(wal, before.wal)

    def fingerprint(self) -> tuple[object, ...]:
        """What ``stat`` says about the file and its log: changes with every write that reaches the disk (a
        commit appends to the log; a checkpoint rewrites the file), so a reader can tell the data is the
        same without opening the file (an open costs ~50 ms)."""
        out: list[object] = []
        for name in (self.path, self.path + ".wal"):
            try:
                st = os.stat(name)
            except FileNotFoundError:
                out.append(None)
                continue
            out.append((st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        return tuple(out)

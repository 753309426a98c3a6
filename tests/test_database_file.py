"""The database file itself: damaged, on a full disk, in use by another program, shared by the app
and the CLI.

Issue 18: a copy of the demo database cut to 2 MB made `imports`, `plan` and `undo` print a traceback; a full
disk read "program error … please report it" and left the file grown; with the app open the CLI could not
even list the imports. Each test asserts the line the user sees and what the file holds afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, run_app, table_snapshot, write_delimited

from inventory_core.cli import main
from inventory_core.ingest.importer import import_file
from inventory_core.store import WRITES, Store
from inventory_core.store.dbfile import DbFile, StoreError, disk_of, size_text

ORDERS_HEADER = [
    "amazon-order-id",
    "purchase-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
]


def orders_file(path: Path, skus: int, days: int, start: dt.date = dt.date(2026, 7, 1)) -> Path:
    """An All Orders flat file (tab-separated, as Seller Central writes it): one line per SKU and day."""
    lines = ["\t".join(ORDERS_HEADER)]
    n = 0
    for d in range(days):
        stamp = f"{start + dt.timedelta(days=d)}T18:00:00+00:00"
        for s in range(skus):
            n += 1
            lines.append(
                f"111-{n:07d}\t{stamp}\tShipped\tAmazon\tAmazon.com\tKT-{s:05d}\tB0{s:08d}\tShipped\t1\tUSD"
                f"\t19.99"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stock_file(path: Path, sku: str, available: int = 40) -> Path:
    return write_delimited(
        path,
        ["snapshot_date", "marketplace", "sku", "asin", "available"],
        [["2026-11-16", "US", sku, "B0CLI00001", available]],
    )


def cli(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The command line in its own process, as a user (or cron) runs it beside the app."""
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", "--lang", lang, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- a damaged database ---------------------------------------------------------------------------------


@pytest.fixture
def cut_db(demo_db_master: Path, tmp_path: Path) -> Path:
    """The issue's reproduction: a copy of the demo database cut to 2 MB."""
    path = tmp_path / "cut.duckdb"
    shutil.copyfile(demo_db_master, path)
    os.truncate(path, 2 * 2**20)
    return path


@pytest.mark.parametrize(
    ("command", "lang", "line"),
    [
        (["imports"], "en", "the database file is damaged (it is cut short); restore a backup copy"),
        (["plan"], "en", "the database file is damaged (it is cut short); restore a backup copy"),
        (["undo", "3"], "en", "the database file is damaged (it is cut short); restore a backup copy"),
        (["plan"], "zh", "数据库文件已损坏（文件被截断）"),
    ],
)
def test_a_damaged_database_is_one_line_in_the_cli(cut_db: Path, command: list[str], lang: str, line: str):
    before = digest(cut_db)
    out = cli(*command, "--db", str(cut_db), lang=lang)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.splitlines() == [out.stderr.strip()]  # one line, no traceback
    assert out.stderr.startswith(f"{cut_db}")
    assert line in out.stderr
    assert digest(cut_db) == before  # nothing tried to repair or write it


def test_a_damaged_database_is_one_line_in_the_app(cut_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STOCKOUT_RADAR_DB", str(cut_db))
    for lang, line in (("en", "the database file is damaged (it is cut short)"), ("zh", "数据库文件已损坏")):
        at = run_app(lang=lang)
        assert not at.exception
        assert [e.value for e in at.error] == [
            StoreError("damaged", path=str(cut_db), reason_key="store.damaged.cut").message(lang)
        ]
        assert line in at.error[0].value


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda p: p.write_text("sku,units\nA,1\n"), "it is not a DuckDB database"),
        (lambda p: os.truncate(p, 5000), "it is cut short"),
    ],
)
def test_other_damage_is_named_too(demo_db_master: Path, tmp_path: Path, mutate, reason: str):
    path = tmp_path / "bad.duckdb"
    shutil.copyfile(demo_db_master, path)
    mutate(path)
    with pytest.raises(StoreError, match="damaged") as err:
        Store(path)
    assert reason in err.value.message("en")
    with pytest.raises(StoreError, match="damaged"):
        Store(path, keep_open=False)


# -- a full disk ----------------------------------------------------------------------------------------


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on every import writes a million rows into its transaction (enough for DuckDB to write them
    into the file before the commit), then fails as DuckDB does when the disk is full. Returns the file sizes
    seen at the failure, to prove the file had grown."""
    grown: list[int] = []
    original = Store._rebuild_for_imports

    def fill(self: Store, cur: duckdb.DuckDBPyConnection, ids: list[int], layers: list[str]) -> None:
        original(self, cur, ids, layers)
        cur.execute(
            "INSERT INTO src_sales_orders (import_id, source) SELECT -1, hash(range)::VARCHAR "
            "FROM range(1000000)"
        )
        grown.append(os.path.getsize(self.path))
        raise duckdb.IOException(f'IO Error: Could not write file "{self.path}": No space left on device')

    monkeypatch.setattr(Store, "_rebuild_for_imports", fill)
    return grown


def _small_store(tmp_path: Path) -> tuple[Path, dict[str, list[tuple]]]:
    db = tmp_path / "radar.duckdb"
    with Store(db) as store:
        import_file(store, orders_file(tmp_path / "first.txt", 3, 2))
        return db, table_snapshot(store)


def test_a_full_disk_in_the_cli_is_one_line_and_the_file_shrinks_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    db, before = _small_store(tmp_path)
    grown = fill_the_disk(monkeypatch)
    size = db.stat().st_size
    big = orders_file(tmp_path / "second.txt", 20, 5, start=dt.date(2026, 8, 1))
    assert main(["import", "--db", str(db), str(big)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()]
    assert err.startswith(f"{db}: the disk is full ({disk_of(str(db))} has ")
    assert " free); nothing was stored" in err
    assert "program error" not in err
    assert grown[0] > size  # the failed write had grown the file ...
    assert db.stat().st_size == size  # ... and it is back to what it held
    assert not Path(f"{db}.wal").exists()
    with Store(db) as store:
        assert table_snapshot(store) == before
    assert main(["--lang", "zh", "import", "--db", str(db), str(big)]) == 2
    assert "磁盘已满" in capsys.readouterr().err


def test_a_full_disk_in_the_app_store_is_one_line_and_the_file_shrinks_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db, before = _small_store(tmp_path)
    grown = fill_the_disk(monkeypatch)
    size = db.stat().st_size
    app_store = Store(db, keep_open=False)
    with pytest.raises(StoreError) as err:
        import_file(app_store, orders_file(tmp_path / "second.txt", 20, 5, start=dt.date(2026, 8, 1)))
    assert err.value.code == "disk_full"
    assert "磁盘已满" in err.value.message("zh")
    assert grown[0] > size
    assert db.stat().st_size == size
    with app_store.session():
        assert table_snapshot(app_store) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (CI runs as root on the same kind of machine; elsewhere the test says why it skips)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    place = tmp_path / "disk"
    place.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(place)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"mount not permitted here: {done.stderr.strip()}")
    try:
        yield place
    finally:
        subprocess.run(["umount", str(place)], check=True)


def test_a_real_full_disk_leaves_the_file_as_it_was(small_disk: Path, tmp_path: Path):
    db = small_disk / "radar.duckdb"
    with Store(db) as store:
        import_file(store, orders_file(tmp_path / "first.txt", 3, 2))
        before = table_snapshot(store)
    size, free = db.stat().st_size, shutil.disk_usage(small_disk).free
    # 180,000 order lines need ~2.4 MB in the database; the disk has ~1.2 MB left
    big = orders_file(tmp_path / "big.txt", 3000, 60, start=dt.date(2026, 8, 1))
    out = cli("import", "--db", str(db), str(big))
    assert out.returncode == 2
    assert out.stderr.splitlines() == [out.stderr.strip()]
    # the free space is measured once the file is cut back: what the disk had before the import
    assert out.stderr.startswith(f"{db}: the disk is full ({small_disk} has {size_text(free)} free); ")
    assert db.stat().st_size == size
    assert not Path(f"{db}.wal").exists()
    assert shutil.disk_usage(small_disk).free == free
    app_store = Store(
        db, keep_open=False
    )  # the same through the app's store (the upload page shows the line)
    with pytest.raises(StoreError) as err:
        import_file(app_store, big)
    assert err.value.message("zh").startswith(f"{db}：磁盘已满（{small_disk} 剩余 {size_text(free)}）")
    assert db.stat().st_size == size
    with Store(db) as store:
        assert table_snapshot(store) == before
        # and it still takes what fits
        assert (
            import_file(
                store, orders_file(tmp_path / "small.txt", 3, 1, start=dt.date(2026, 9, 1))
            ).rows_loaded
            == 3
        )


# -- the app and the CLI on one file --------------------------------------------------------------------


def test_the_cli_imports_and_reads_while_the_app_is_open(demo_db: Path):
    from ui.core import get_store

    at = run_app("pages/upload.py")
    app_store = get_store(str(demo_db))  # the app's own store object, as the pages use it
    version = app_store.data_version()
    imports = len(app_store.imports())
    out = cli(
        "import", "--db", str(demo_db), str(stock_file(demo_db.parent / "stock.csv", "KT-FROM-THE-CLI"))
    )
    assert out.returncode == 0, out.stderr
    assert "stock.csv: imported" in out.stdout
    listed = cli("imports", "--db", str(demo_db))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip().splitlines()[-1].endswith("stock.csv")
    plan = cli("plan", "--db", str(demo_db), "--format", "json")
    assert plan.returncode == 0, plan.stderr
    assert '"sku": "KT-FROM-THE-CLI"' in plan.stdout
    # the app sees the new data on its next rerun
    assert app_store.data_version() != version
    assert len(app_store.imports()) == imports + 1
    at.run()
    assert not at.exception
    log = next(d.value for d in at.dataframe if "imported_at" in d.value.columns)
    assert "stock.csv" in set(log["file_name"])


def test_the_cli_reads_while_the_app_reads(demo_db: Path):
    app_store = Store(demo_db, keep_open=False)
    with app_store.read_snapshot():  # the app in the middle of computing a plan
        app_store.imports()
        assert cli("imports", "--db", str(demo_db)).returncode == 0
        assert cli("plan", "--db", str(demo_db)).returncode == 0


def test_a_cli_write_while_the_app_writes_is_one_line_to_try_again(demo_db: Path):
    app_store = Store(demo_db, keep_open=False)
    before = [r.import_id for r in app_store.imports()]
    stock = stock_file(demo_db.parent / "stock.csv", "KT-FROM-THE-CLI")
    with app_store.session(write=True):  # the app in the middle of an import
        for args, lang in (
            (["import", "--db", str(demo_db), str(stock)], "en"),
            (["imports", "--db", str(demo_db)], "zh"),
        ):
            out = cli(*args, lang=lang)
            assert out.returncode == 2
            assert out.stderr.splitlines() == [out.stderr.strip()]
            assert out.stderr.strip() == StoreError("busy", path=str(demo_db)).message(lang)
    assert "in use by another program" in StoreError("busy", path="x").message("en")
    assert "try again" in StoreError("busy", path="x").message("en")
    assert [r.import_id for r in app_store.imports()] == before  # nothing stored
    assert cli("import", "--db", str(demo_db), str(stock)).returncode == 0  # once the app is done, it goes in


def test_the_app_is_refused_in_one_line_while_the_cli_imports(tmp_path: Path):
    db = tmp_path / "radar.duckdb"
    app_store = Store(db, keep_open=False)
    holder = subprocess.Popen(  # a CLI import in progress: the file held read-write by another process
        [
            sys.executable,
            "-c",
            "import sys; from inventory_core.store import Store; "
            f"s = Store({str(db)!r}); print('ready', flush=True); sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        for attempt in (app_store.imports, lambda: Store(db, keep_open=False)):
            with pytest.raises(StoreError) as err:
                attempt()
            assert err.value.code == "busy"
            assert (
                err.value.message("zh")
                == f"{db}：数据库正被另一个程序使用（正在导入，或有程序占用该文件）；请待其完成后重试"
            )
    finally:
        holder.communicate("\n", timeout=30)
    assert app_store.imports() == []  # the next rerun reads again


def test_writers_in_the_app_wait_for_its_readers(demo_db: Path):
    app_store = Store(demo_db, keep_open=False)
    order: list[str] = []
    reading, errors = threading.Event(), []

    def write() -> None:
        try:
            reading.wait(timeout=60)
            app_store.set_meta("probe", "1")  # needs the file read-write: waits for the read below
            order.append("written")
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    with app_store.read_snapshot():
        reading.set()
        app_store.imports()
        order.append("read")
    writer.join(timeout=120)
    assert not errors, errors
    assert order == ["read", "written"]
    assert app_store.get_meta("probe") == "1"


def test_an_idle_rerun_opens_nothing(demo_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Opening a DuckDB file costs ~50 ms: page reruns after a widget change read the cached plan and answer
    the data version from the file's stat."""
    original = DbFile.acquire
    opened: list[bool] = []

    def counting(self: DbFile, write: bool, *, hold: bool = False):
        opened.append(write)
        return original(self, write, hold=hold)

    for page in ("pages/replenishment.py", "pages/matrix.py", "pages/review.py"):
        at = run_app(page)
        monkeypatch.setattr(DbFile, "acquire", counting)
        at.run()
        assert not at.exception
        assert opened == [], page
        monkeypatch.setattr(DbFile, "acquire", original)


def test_every_method_that_writes_opens_the_file_for_writing():
    """The app's store opens the file read-only unless a method is in connection.WRITES: a method that starts
    a transaction (or calls one that does) must be listed, or it would fail in the app."""
    writes = set()
    for name, fn in vars(Store).items():
        if name.startswith("_") or not callable(fn):
            continue
        source = inspect.getsource(inspect.unwrap(fn))
        if "self.transaction(" in source or any(f"self.{w}(" in source for w in WRITES):
            writes.add(name)
    assert writes <= WRITES

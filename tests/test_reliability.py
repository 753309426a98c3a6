"""Failures and concurrency: a killed import, readers during an import, migration with a backup,
hostile SQL."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, table_snapshot, write_delimited

from inventory_core.ingest.importer import import_file
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store, StoreError, migrations

ORDERS_HEADER = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
]


def _orders_file(path: Path, day: dt.date, n: int, sku: str = "KT-1", qty: int = 1) -> Path:
    rows = [
        [
            f"111-{i:07d}",
            "",
            f"{day.isoformat()}T18:00:00+00:00",
            "",
            "Shipped",
            "Amazon",
            "Amazon.com",
            "",
            "Standard",
            "Board",
            sku,
            "B0TEST0001",
            "Shipped",
            qty,
            "USD",
            f"{19.99 * qty:.2f}",
        ]
        for i in range(n)
    ]
    return write_delimited(path, ORDERS_HEADER, rows, delimiter="\t", encoding="utf-8", newline="\n")


def test_process_killed_mid_import_leaves_the_database_as_before(tmp_path: Path):
    db = tmp_path / "kill.duckdb"
    with Store(db) as store:
        import_file(store, _orders_file(tmp_path / "first.txt", dt.date(2026, 7, 1), 5))
        before = table_snapshot(store)
    big = _orders_file(tmp_path / "second.txt", dt.date(2026, 7, 2), 20_000, qty=2)
    # The child pauses inside the import transaction (rows written, canonical tables half rebuilt) and
    # waits to be killed there.
    child = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from inventory_core.store import Store
        from inventory_core.ingest.importer import import_file
        original = Store._rebuild_for_imports
        def pause(self, cur, ids, layers):
            original(self, cur, ids, layers)
            print("in-transaction", flush=True)
            time.sleep(600)
        Store._rebuild_for_imports = pause
        import_file(Store({str(db)!r}), {str(big)!r})
    """)
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "in-transaction"
    finally:
        proc.kill()
        proc.wait(timeout=30)
    with Store(db) as store:
        assert table_snapshot(store) == before
        assert [r.file_name for r in store.imports()] == ["first.txt"]
        # and the file is still usable: the same import now succeeds
        assert import_file(store, big).status == "imported"
        assert store.table_df("sales_daily")["units"].sum() == 5 + 40_000


def test_readers_see_the_old_or_the_new_data_never_half(tmp_path: Path):
    db = tmp_path / "readers.duckdb"
    files = [_orders_file(tmp_path / f"day{i}.txt", dt.date(2026, 7, 1 + i), 3000) for i in range(6)]
    with Store(db) as store:
        import_file(store, files[0])
        seen: list[float] = []
        errors: list[BaseException] = []
        stop = threading.Event()

        def reader() -> None:
            try:
                while not stop.is_set():
                    with store.read_snapshot():
                        total = store.table_df("sales_daily")["units"].sum()
                        layer = store.cur.execute(
                            "SELECT count(DISTINCT import_id) FROM src_sales_orders"
                        ).fetchall()[0][0]
                    seen.append(float(total))
                    # canonical total and source layer always belong to the same committed state
                    assert total == layer * 3000
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=reader) for _ in range(3)]
        for th in threads:
            th.start()
        for f in files[1:]:
            import_file(store, f)
        stop.set()
        for th in threads:
            th.join(timeout=60)
        assert not errors, errors
        assert set(seen) <= {3000.0 * k for k in range(1, 7)}
        assert len(seen) > 3


def test_concurrent_app_sessions_during_an_import(demo_db: Path):
    from streamlit.testing.v1 import AppTest

    from inventory_core.demo import SAMPLES_DIR

    def session(page: str, out: list) -> None:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["lang"] = "en"
        at.run()
        at.switch_page(page)
        at.run()
        out.append(at.exception)

    results: list = []
    threads = [
        threading.Thread(target=session, args=(p, results))
        for p in ("pages/review.py", "pages/replenishment.py", "pages/matrix.py")
    ]
    for th in threads:
        th.start()
    with Store(demo_db) as store:  # a writer in the same process while the sessions read
        store.undo(store.imports()[-1].import_id)
        import_file(store, SAMPLES_DIR / "settings" / "sku_settings.csv")
    for th in threads:
        th.join(timeout=300)
    assert len(results) == 3
    assert all(not exc for exc in results)


def test_older_schema_is_migrated_with_a_backup_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        import_file(store, _orders_file(tmp_path / "o.txt", dt.date(2026, 7, 1), 4))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        migrations.MIGRATIONS,
        migrations.SCHEMA_VERSION,
        ["ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS moq DOUBLE"],
    )
    with Store(db) as store:
        assert store.schema_version() == migrations.SCHEMA_VERSION
        assert store.table_df("sales_daily")["units"].sum() == 4
        assert "moq" in store.sku_settings_df().columns
    backup = Path(f"{db}.v{migrations.SCHEMA_VERSION - 1}.bak")
    assert backup.exists()
    con = duckdb.connect(str(backup), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()[0][0] == str(
        migrations.SCHEMA_VERSION - 1
    )
    con.close()


HOSTILE = [
    "x'; DROP TABLE sales_daily; --",
    'a"b',
    "semi;colon",
    "/* comment */",
    "--dash",
    "O'Brien\\",
    "100%_like",
]


def test_quotes_semicolons_and_comments_are_only_ever_data(store: Store, tmp_path: Path):
    rows = [[s, 10.0, 14.0, "", 5.0, 20.0, "", "true", s] for s in HOSTILE]
    write_delimited(
        tmp_path / "settings.csv",
        [
            "sku",
            "lead_time_days",
            "safety_days",
            "ads_override",
            "unit_cost",
            "price",
            "target_roas",
            "is_core",
            "note",
        ],
        rows,
    )
    import_file(store, tmp_path / "settings.csv")
    inv = [[dt.date(2026, 11, 16).isoformat(), "US", s, f"B0HOST{i:04d}", 50] for i, s in enumerate(HOSTILE)]
    write_delimited(tmp_path / "inv.csv", ["snapshot_date", "marketplace", "sku", "asin", "available"], inv)
    import_file(store, tmp_path / "inv.csv")
    assert sorted(store.sku_settings_df()["sku"]) == sorted(HOSTILE)
    assert store.sales_history(skus=HOSTILE).empty  # tables still there, nothing matched wrongly
    assert store.stock_history(skus=HOSTILE)["sku"].nunique() == len(HOSTILE)
    assert store.keyword_ranks(asins=HOSTILE, keywords=HOSTILE).empty
    plan = compute_plan(store)
    assert sorted(plan.skus["sku"]) == sorted(HOSTILE)
    assert set(store.table_counts()) == {
        "inventory_snapshot",
        "shipment",
        "sales_daily",
        "ads_daily",
        "ads_keyword_daily",
        "keyword_rank",
        "sku_settings",
    }
    edited = store.sku_settings_df().assign(note="'; DELETE FROM sku_settings; --")
    store.save_sku_settings(edited)
    assert len(store.sku_settings_df()) == len(HOSTILE)
    with pytest.raises(StoreError):
        store.table_df("sales_daily; DROP TABLE x")
    assert pd.api.types.is_numeric_dtype(plan.skus["available"])


def test_the_app_shows_one_line_when_the_database_is_locked(tmp_path, monkeypatch):
    from conftest import run_app

    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('ready', flush=True);"
            " sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        monkeypatch.setenv("STOCKOUT_RADAR_DB", str(path))
        at = run_app(lang="en")
        assert not at.exception
        assert len(at.error) == 1
        assert "in use by another program" in at.error[0].value
    finally:
        holder.communicate("\n", timeout=10)

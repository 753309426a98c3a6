"""The store: canonical schema, layering (newer import wins its scope), undo, precedence, versioning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from inventory_core.store import SCHEMA_VERSION, Store, StoreError
from inventory_core.store.schema import CANONICAL_TABLES

D = dt.date


def _orders(rows):
    return pd.DataFrame(rows, columns=["date", "marketplace", "sku", "units", "revenue"])


def _report(rows):
    return pd.DataFrame(rows, columns=["date", "marketplace", "sku", "units", "revenue", "sessions"])


def _apply(store, kind, layer, frame, name=None):
    return store.apply_import(
        file_name=name or f"{kind}.csv",
        sha256=f"{kind}-{len(store.imports())}",
        kind=kind,
        frames={layer: frame},
        marketplace="US",
        period_start=None,
        period_end=None,
        rows_read=len(frame),
    )


def test_canonical_tables_have_the_documented_names_and_columns(store: Store):
    for table, columns in CANONICAL_TABLES.items():
        got = [
            r[0]
            for r in store.cur.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY "
                "ordinal_position",
                [table],
            ).fetchall()
        ]
        assert got == [c.name for c in columns]
    # the DESIGN.md contract, spelled out
    inv = {c.name for c in CANONICAL_TABLES["inventory_snapshot"]}
    assert {
        "snapshot_date",
        "marketplace",
        "sku",
        "asin",
        "fnsku",
        "available",
        "reserved",
        "inbound_working",
        "inbound_shipped",
        "inbound_receiving",
        "unsellable",
        "price",
    } <= inv
    assert {
        "date",
        "marketplace",
        "sku",
        "asin",
        "units",
        "revenue",
        "sessions",
        "page_views",
        "buy_box_pct",
    } <= {c.name for c in CANONICAL_TABLES["sales_daily"]}


def test_orders_win_units_and_report_wins_sessions_on_the_same_sku_day(store: Store):
    _apply(
        store,
        "business_report",
        "sales_report",
        _report(
            [(D(2026, 7, 1), "US", "A", 10.0, 100.0, 200.0), (D(2026, 7, 2), "US", "A", 10.0, 100.0, 200.0)]
        ),
    )
    _apply(store, "all_orders", "sales_orders", _orders([(D(2026, 7, 2), "US", "A", 3.0, 30.0)]))
    got = store.table_df("sales_daily").sort_values("date").reset_index(drop=True)
    assert got["units"].tolist() == [10.0, 3.0]  # orders cover 2 July: their 3 units, not the report's 10
    assert got["sessions"].tolist() == [200.0, 200.0]  # sessions always from the report
    assert got["revenue"].tolist() == [100.0, 30.0]


def test_a_sku_without_orders_on_a_day_the_orders_cover_sold_zero(store: Store):
    _apply(
        store,
        "business_report",
        "sales_report",
        _report([(D(2026, 7, 2), "US", "A", 10.0, 100.0, 50.0), (D(2026, 7, 2), "US", "B", 4.0, 40.0, 20.0)]),
    )
    _apply(store, "all_orders", "sales_orders", _orders([(D(2026, 7, 2), "US", "A", 3.0, 30.0)]))
    got = store.table_df("sales_daily").set_index("sku")
    assert got.loc["B", "units"] == 0.0
    assert got.loc["B", "sessions"] == 20.0


def test_newer_import_replaces_the_older_for_its_scope_and_undo_brings_it_back(store: Store):
    first = _apply(
        store,
        "all_orders",
        "sales_orders",
        _orders(
            [
                (D(2026, 7, 1), "US", "A", 5.0, 50.0),
                (D(2026, 7, 2), "US", "A", 6.0, 60.0),
                (D(2026, 7, 2), "US", "B", 1.0, 10.0),
            ]
        ),
    )
    second = _apply(store, "all_orders", "sales_orders", _orders([(D(2026, 7, 2), "US", "A", 7.0, 70.0)]))
    got = store.table_df("sales_daily")
    # A's 2 July now from the newer file; B, which the newer file does not list, keeps its row (issue 18
    # changed this: B's row went with the older file's day)
    assert got["units"].sum() == 5.0 + 7.0 + 1.0
    assert store.kept_from_other_imports(second) == [(first, 1)]
    store.undo(second)
    got = store.table_df("sales_daily")
    assert sorted(got["units"].tolist()) == [1.0, 5.0, 6.0]
    store.undo(first)
    assert store.table_df("sales_daily").empty
    with pytest.raises(StoreError, match="already undone"):
        store.undo(first)


def test_undo_of_unknown_import_is_a_clear_error(store: Store):
    with pytest.raises(StoreError, match="no import with id 99"):
        store.undo(99)


def test_schema_version_is_recorded_and_a_newer_file_is_refused(tmp_path: Path):
    path = tmp_path / "x.duckdb"
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer Stockout Radar"):
        Store(path)


def test_reopening_an_existing_file_keeps_its_data(tmp_path: Path):
    path = tmp_path / "x.duckdb"
    with Store(path) as s:
        _apply(s, "all_orders", "sales_orders", _orders([(D(2026, 7, 1), "US", "A", 5.0, 50.0)]))
    with Store(path) as s:
        assert s.table_df("sales_daily")["units"].tolist() == [5.0]
        assert len(s.imports()) == 1


def test_locked_database_gives_a_one_line_reason(tmp_path: Path):
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another program"):
            Store(path)
    finally:
        holder.communicate("\n", timeout=10)

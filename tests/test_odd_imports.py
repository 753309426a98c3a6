"""Issue 17 at the edges: absurd values refused at import with the one line, negative stock kept and flagged,
an old database with an absurd value still planned for every other SKU, and the command line's plan of a day
before any data."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, table_snapshot
from odd_store import AS_OF, ORDINARY, build, day, files
from report_files import ALL_ORDERS, MANAGE_FBA, TEMPLATE_SHIPMENT, flat_file, load, text_file

from inventory_core.ingest import cells
from inventory_core.ingest.importer import ImportRefused
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store
from inventory_core.views.upload import stock_warnings, warning_text


def _ship(quantity: object) -> bytes:
    return text_file(
        TEMPLATE_SHIPMENT,
        [
            {
                "shipment_id": "FBA17OK",
                "sku": "KT-ORDINARY-A",
                "marketplace": "US",
                "quantity": 600,
                "mode": "sea",
                "ship_date": "2026-10-02",
                "eta": "2026-12-08",
                "status": "in_transit",
            },
            {
                "shipment_id": "FBA17TYPO",
                "sku": "KT-ORDINARY-B",
                "marketplace": "US",
                "quantity": quantity,
                "mode": "sea",
                "ship_date": "2026-10-02",
                "eta": "2026-12-08",
                "status": "in_transit",
            },
        ],
    )


def test_an_absurd_shipment_quantity_is_refused_with_file_line_and_column(store: Store) -> None:
    before = table_snapshot(store)
    with pytest.raises(ImportRefused) as caught:
        load(store, _ship("1000000000000"), "shipments.csv")
    assert caught.value.message("en") == (
        "shipments.csv: line 3, column 'quantity': '1000000000000' is beyond any plausible value (a typo?) "
        "(0 more rows rejected; --allow-partial imports the good rows)"
    )
    assert caught.value.message("zh").startswith(
        "shipments.csv：第 3 行，列「quantity」：「1000000000000」超出合理范围"
    )
    assert table_snapshot(store) == before


def test_ten_million_units_is_the_last_plausible_quantity(store: Store) -> None:
    load(store, _ship(10_000_000), "shipments.csv")  # the bound itself is accepted
    with pytest.raises(ImportRefused, match="line 3, column 'quantity': '10000001' is beyond"):
        load(store, _ship(10_000_001), "shipments2.csv")


def test_an_absurd_stock_in_a_manage_fba_report_is_refused(store: Store) -> None:
    data = flat_file(
        MANAGE_FBA, [{"sku": "KT-A", "asin": "B0TESTA001", "afn-fulfillable-quantity": 25_000_000}]
    )
    with pytest.raises(
        ImportRefused, match="line 2, column 'afn-fulfillable-quantity': '25000000' is beyond"
    ):
        load(store, data, "Manage_FBA_Inventory.txt", snapshot_date=AS_OF)


def test_an_absurd_order_quantity_is_refused_on_the_streamed_path(store: Store) -> None:
    def line(order: str, qty: object) -> dict[str, object]:
        return {
            "amazon-order-id": order,
            "purchase-date": "2026-11-10T15:00:00+00:00",
            "order-status": "Shipped",
            "sales-channel": "Amazon.com",
            "sku": "KT-A",
            "asin": "B0TESTA001",
            "item-status": "Shipped",
            "quantity": qty,
            "currency": "USD",
            "item-price": "19.99",
        }

    data = flat_file(ALL_ORDERS, [line("111-1", 1), line("111-2", 50_000_000)])
    with pytest.raises(
        ImportRefused, match="line 3, column 'quantity': '50000000' is beyond any plausible value"
    ):
        load(store, data, "All_Orders.txt")


def test_negative_stock_is_kept_and_flagged_in_data_health(tmp_path: Path) -> None:
    path = build(tmp_path / "neg.duckdb", odd=["ODD-NEGATIVE"])
    with Store(path) as store:
        negative = store.negative_stock()
    assert negative[["sku", "available", "file_name"]].values.tolist() == [
        ["ODD-NEGATIVE", -5.0, "Manage_FBA_Inventory.txt"]
    ]
    lines = [warning_text(w, "en") for w in stock_warnings(negative)]
    assert lines == [
        "ODD-NEGATIVE (US): Amazon reports -5 fulfillable units on Nov 16, 2026 in "
        "Manage_FBA_Inventory.txt — an adjustment; the plan counts it as 0 sellable"
    ]


def test_an_old_database_with_an_absurd_inbound_still_plans_every_other_sku(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a database written before the import bound existed: the 10¹² units went in
    plain = build(tmp_path / "plain.duckdb", odd=())
    with Store(plain) as store:
        expected = compute_plan(store, AS_OF).skus.set_index("sku")
    monkeypatch.setattr(cells, "bound_of", lambda field: None)
    with Store(plain) as store:
        load(store, _ship("1000000000000"), "shipments.csv")
        plan = compute_plan(store, AS_OF)  # no OverflowError
    row = plan.row("KT-ORDINARY-B")
    assert (row["data_issue"], row["data_issue_column"], row["data_issue_file"]) == (
        "beyond_bound",
        "quantity",
        "shipments.csv",
    )
    assert row["alert"] == "check_data"
    assert row["reorder_qty"] != row["reorder_qty"]
    other = plan.row("KT-ORDINARY-A")
    # KT-ORDINARY-A now has its 600 units on the way, and is otherwise planned as before
    assert other["inbound"] == 600
    assert other["data_issue"] == ""
    assert other["velocity"] == expected.loc["KT-ORDINARY-A", "velocity"]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", "plan", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_plan_as_of_a_day_before_any_data_says_so_in_one_line(tmp_path: Path) -> None:
    db = build(tmp_path / "odd.duckdb", odd=())
    out = _cli(db, "--as-of", "2020-01-01")
    assert out.returncode == 2
    assert out.stdout == ""
    first = day(-91)  # the first weekly stock snapshot of the history template
    assert out.stderr == (
        f"{db}: the store holds nothing on or before 2020-01-01 (its data start {first}); "
        "no plan for that day\n"
    )
    zh = subprocess.run(
        [
            sys.executable,
            "-m",
            "inventory_core",
            "--lang",
            "zh",
            "plan",
            "--db",
            str(db),
            "--as-of",
            "2020-01-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert zh.returncode == 2
    assert "2020-01-01 及之前没有任何数据" in zh.stderr
    assert _cli(db, "--as-of", first.isoformat()).returncode == 0


def test_files_are_stable() -> None:
    # the odd store's files are made by code (same bytes every run): the tests above are reproducible
    assert files(ORDINARY) == files(ORDINARY)
    assert dt.date(2026, 11, 16) == AS_OF

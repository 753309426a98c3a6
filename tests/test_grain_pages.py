"""The upload page says what issue 18's import checks say in the CLI: SKUs kept from other imports, a currency
that needs a rate, the day of a stock report without a date, SKUs that differ only by case (AppTest, real
database, real-format files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import report_files as rf
from conftest import run_app
from test_grain import _eur_ads, _mason_jar_file

from inventory_core.store import Store

PAGE = "pages/upload.py"


def _upload(at, name: str, data: bytes):
    at.file_uploader(key="upload_files").set_value([(name, data, "text/plain")]).run()
    assert not at.exception, at.exception
    return at


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_a_partial_orders_file_says_which_skus_it_kept(demo_db: Path, tmp_path: Path) -> None:
    partial = _mason_jar_file(tmp_path)
    count = "SELECT count(DISTINCT sku) FROM sales_daily WHERE date BETWEEN '2026-11-01' AND '2026-11-15'"
    with Store(demo_db) as store:
        full = next(r.import_id for r in store.imports() if r.file_name.startswith("All_Orders"))
        before = store.cur.execute(count).fetchall()[0][0]
    at = _upload(run_app(PAGE, lang="zh"), partial.name, partial.read_bytes())
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert f"{partial.name}: 保留了导入 {full} 的 28 个 SKU（本文件未列出这些 SKU）" in _texts(at.info)
    with Store(demo_db) as store:
        assert store.cur.execute(count).fetchall()[0][0] == before == 30  # none lost


def test_an_ads_report_in_eur_waits_for_a_rate_then_is_converted(empty_db: Path) -> None:
    at = _upload(run_app(PAGE), "sp_eur.csv", _eur_ads())
    assert _texts(at.error) == [
        "sp_eur.csv: line 2, column 'Currency': amounts in EUR, but the US marketplace sells in USD; give "
        "the rate to convert them (--fx-rate EUR=1.08, or the rate field of the upload page)"
    ]
    assert not [b for b in at.button if b.key == "upload_import"]
    rate = next(n for n in at.number_input if n.key.startswith("upload_fx_"))
    rate.set_value(1.1).run()
    assert not at.exception
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert "sp_eur.csv: amounts in EUR converted at 1.1 to USD" in _texts(at.info)
    with Store(empty_db) as store:
        got = store.table_df("ads_daily")
    assert got["currency"].tolist() == ["USD"]
    assert round(float(got["spend"].iloc[0]), 6) == 11.0


def test_a_stock_report_without_a_date_asks_for_its_day(demo_db: Path) -> None:
    data = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "KT-GARLIC-PRESS",
                "asin": "B0A",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "300",
            }
        ],
    )
    at = _upload(run_app(PAGE), "Manage_FBA_Inventory.txt", data)
    day = next(d for d in at.date_input if d.key.startswith("upload_snap_"))
    assert day.value == dt.date.today()
    with Store(demo_db) as store:
        latest = store.latest_snapshot_date()
    assert latest == dt.date(2026, 11, 16)  # the demo's Manage FBA Inventory and Restock reports
    day.set_value(dt.date(2025, 8, 15)).run()  # an old file, from before the demo's stock history
    assert not at.exception
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert (
        f"Manage_FBA_Inventory.txt: stock of 2025-08-15 is older than the latest stock stored ({latest}):"
        " kept as history, not as the current stock"
    ) in _texts(at.info)
    with Store(demo_db) as store:
        assert store.latest_snapshot_date() == latest
        rows = store.cur.execute(
            "SELECT snapshot_date, available FROM inventory_snapshot WHERE sku = ? AND snapshot_date = ?",
            ["KT-GARLIC-PRESS", dt.date(2025, 8, 15)],
        ).fetchall()
    assert rows == [(dt.date(2025, 8, 15), 300.0)]


def test_data_health_names_skus_that_differ_only_by_case(demo_db: Path) -> None:
    data = rf.flat_file(
        rf.MANAGE_FBA,
        [
            {
                "sku": "kt-garlic-press",
                "asin": "B0A",
                "afn-listing-exists": "Yes",
                "afn-fulfillable-quantity": "3",
            }
        ],
    )
    at = _upload(run_app(PAGE), "Manage_FBA_Inventory_2026-11-14.txt", data)
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert (
        "SKUs that differ only by case: KT-GARLIC-PRESS / kt-garlic-press — Amazon treats them as one SKU;"
        " check the spelling in the files that list them"
    ) in _texts(at.warning)

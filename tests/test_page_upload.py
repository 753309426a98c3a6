"""AppTest of the upload & data-health page on a real database (no mocks).

Files go through the real ``st.file_uploader`` widget (AppTest supports it in this Streamlit version):
a small generated All Orders file with the real header (formats/REPORTS.md), a refused one, a Business
Report without dates, a file from another tool mapped column by column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_app
from report_files import ALL_ORDERS  # header as in formats/REPORTS.md

from inventory_core.store import Store
from inventory_core.store.schema import CANONICAL_TABLES
from inventory_core.views.upload import last_full_week, mapping_key

PAGE = "pages/upload.py"


def all_orders(rows: list[tuple[str, str, object]]) -> bytes:
    """A tab-separated All Orders file: one order item per (day, sku, quantity), CRLF as Amazon writes it."""
    lines = ["\t".join(ALL_ORDERS)]
    for i, (day, sku, qty) in enumerate(rows):
        cell = dict.fromkeys(ALL_ORDERS, "")
        cell.update(
            {
                "amazon-order-id": f"113-4000000-{i:07d}",
                "purchase-date": f"{day}T16:20:00+00:00",
                "last-updated-date": f"{day}T20:00:00+00:00",
                "order-status": "Shipped",
                "fulfillment-channel": "Amazon",
                "sales-channel": "Amazon.com",
                "sku": sku,
                "item-status": "Shipped",
                "quantity": str(qty),
                "currency": "USD",
                "item-price": "24.99",
                "ship-country": "US",
            }
        )
        lines.append("\t".join(cell[h] for h in ALL_ORDERS))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(at, *files: tuple[str, bytes]):
    at.file_uploader(key="upload_files").set_value([(name, data, "text/plain") for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def log_of(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "imported_at" in d.value.columns)


def test_all_orders_preview_commit_log_and_undo(demo_db: Path):
    at = run_app(PAGE)
    assert at.file_uploader(key="upload_files").accept_multiple_files
    data = all_orders(
        [
            ("2026-11-16", "KT-GARLIC-PRESS", 2),
            ("2026-11-17", "KT-GARLIC-PRESS", 1),
            ("2026-11-17", "KT-SPICE-RACK-3T", 3),
        ]
    )
    upload(at, ("All_Orders_test.txt", data))
    # recognised and previewed before anything is stored
    assert "**All Orders** · 3 rows · Nov 16, 2026 – Nov 17, 2026 · marketplace US" in texts(at.markdown)
    preview = next(d.value for d in at.dataframe if "units" in d.value.columns)
    assert preview["units"].sum() == 6
    with Store(demo_db) as store:
        before = len(store.import_log_df())
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert any("All_Orders_test.txt: 3 rows imported as import #" in s for s in texts(at.success))
    log = log_of(at)
    assert log.loc[0, "file_name"] == "All_Orders_test.txt"  # newest first
    assert log.loc[0, "kind"] == "All Orders"
    assert log.loc[0, "status"] == "active"
    assert len(log) == before + 1
    new_id = int(log.loc[0, "import_id"])
    # the same file again is recognised as already imported: nothing to import
    assert any(f"import #{new_id}" in s for s in texts(at.info))
    assert not [b for b in at.button if b.key == "upload_import"]
    # undo it
    assert at.selectbox(key="upload_undo_id").value == new_id
    at.button(key="upload_undo").click().run()
    assert not at.exception
    assert f"Import #{new_id} (All_Orders_test.txt) undone." in texts(at.success)
    assert log_of(at).loc[0, "status"] == "undone"
    with Store(demo_db) as store:
        assert store.get_import(new_id).status == "undone"
        sales = store.sales_history(skus=["KT-GARLIC-PRESS"], start=dt.date(2026, 11, 16))
    assert sales.empty  # the undone import's sales are gone again


def test_a_prepared_file_is_kept_by_reference_across_reruns(demo_db: Path):
    """The prepared upload lives in session state (no pickled copy per rerun, as st.cache_data made)."""
    at = run_app(PAGE)
    upload(at, ("All_Orders_test.txt", all_orders([("2026-11-16", "KT-GARLIC-PRESS", 2)])))
    kept = dict(at.session_state["upload_prepared"])
    assert len(kept) == 1
    at.run()
    assert not at.exception
    assert all(at.session_state["upload_prepared"][key] is prepared for key, prepared in kept.items())


def test_an_upload_is_hashed_once_not_on_every_rerun(demo_db: Path, monkeypatch: pytest.MonkeyPatch):
    """A 1 GB export takes seconds to hash: its digest is kept by the uploader's file id."""
    import ui.upload

    at = run_app(PAGE)
    upload(at, ("All_Orders_test.txt", all_orders([("2026-11-16", "KT-GARLIC-PRESS", 2)])))
    assert len(at.session_state["upload_digests"]) == 1

    def no_hashing(data: bytes) -> str:
        raise AssertionError("hashed again on a rerun")

    monkeypatch.setattr(ui.upload, "sha256_of", no_hashing)
    at.run()
    assert not at.exception
    assert [b for b in at.button if b.key == "upload_import"]  # still previewed and ready


def test_refused_file_shows_one_line_with_line_and_column(demo_db: Path):
    at = run_app(PAGE)
    data = all_orders([("2026-11-16", "KT-GARLIC-PRESS", 2), ("2026-11-16", "KT-GARLIC-PRESS", "two")])
    upload(at, ("All_Orders_bad.txt", data))
    errors = texts(at.error)
    assert len(errors) == 1
    assert "\n" not in errors[0]
    assert errors[0].startswith("All_Orders_bad.txt: line 3, column 'quantity': cannot read 'two'")
    # the page's words: its own switch, not the command line's flag
    assert errors[0].endswith(
        "(0 more rows rejected; switch on “Import good rows, keep rejected ones for review” "
        "above to import the good rows)"
    )
    assert "--allow-partial" not in " ".join(texts(at.error) + texts(at.caption) + texts(at.markdown))
    assert not [b for b in at.button if b.key == "upload_import"]
    # with "import good rows" the good row goes in and the rejected one is kept for review
    at.toggle(key="upload_partial").set_value(True).run()
    assert not at.exception
    assert "1 rows cannot be read: they will be skipped and kept for review." in texts(at.warning)
    at.button(key="upload_import").click().run()
    assert not at.exception
    rejects = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert rejects.iloc[0].to_dict() == {
        "line": 3,
        "column": "quantity",
        "value": "two",
        "reason": "not a number",
    }


def test_business_report_asks_for_its_period(demo_db: Path):
    at = run_app(PAGE)
    sample = (ROOT / "data" / "samples" / "sales" / "BusinessReport-11-15-26.csv").read_bytes()
    data = sample.replace(b"Pawvana", b"Pawvana ")  # other bytes than the demo's copy: not yet imported
    upload(at, ("BusinessReport.csv", data))
    assert any("Business Report has no dates" in s for s in texts(at.info))
    start, end = last_full_week(dt.date.today())
    keys = [d.key for d in at.date_input]
    assert len(keys) == 2
    assert at.date_input[0].value == start
    assert at.date_input[1].value == end
    at.date_input[0].set_value(dt.date(2026, 11, 16)).run()
    at.date_input[1].set_value(dt.date(2026, 11, 22)).run()
    assert not at.exception
    assert any("Nov 16, 2026 – Nov 22, 2026" in s for s in texts(at.markdown))
    at.button(key="upload_import").click().run()
    assert not at.exception
    log = log_of(at)
    assert log.loc[0, "kind"] == "Business Report (by SKU / child item)"
    assert log.loc[0, "period"] == "Nov 16, 2026 – Nov 22, 2026"


def test_column_mapping_for_a_file_from_another_tool_is_remembered(demo_db: Path):
    at = run_app(PAGE, lang="zh")
    header = "Item Code,Stock On Hand,Count Date,Warehouse"
    first = f"{header}\r\nKT-GARLIC-PRESS,120,2026-11-17,SZ\r\nKT-SPICE-RACK-3T,40,2026-11-17,SZ\r\n".encode()
    upload(at, ("erp_stock.csv", first))
    assert "无法识别的报表" in texts(at.error)[0]
    sid = next(t.key for t in at.toggle if t.key.startswith("upload_map_on_"))[len("upload_map_on_") :]
    at.toggle(key=f"upload_map_on_{sid}").set_value(True).run()
    kind = "template_inventory_snapshot"
    at.selectbox(key=f"upload_map_kind_{sid}").set_value(kind).run()
    for column, cell in (
        ("sku", "Item Code"),
        ("available", "Stock On Hand"),
        ("snapshot_date", "Count Date"),
    ):
        at.selectbox(key=f"upload_map_{sid}_{kind}_{column}").set_value(cell).run()
    assert not at.exception
    assert "**模板：库存快照** · 2 行 · 2026年11月17日 · 站点 US" in texts(at.markdown)
    at.button(key="upload_import").click().run()
    assert not at.exception
    with Store(demo_db) as store:
        assert store.get_meta(mapping_key(header.split(","))) is not None
        stock = store.stock_history(skus=["KT-GARLIC-PRESS"], start=dt.date(2026, 11, 17))
    assert stock["available"].tolist() == [120.0]
    # next week's file with the same header: the mapping is filled in by itself
    second = f"{header}\r\nKT-GARLIC-PRESS,95,2026-11-24,SZ\r\n".encode()
    upload(at, ("erp_stock_2.csv", second))
    assert "已自动套用之前为这种表头保存的对应关系。" in texts(at.caption)
    assert "**模板：库存快照** · 1 行 · 2026年11月24日 · 站点 US" in texts(at.markdown)


def test_chinese_coverage_and_templates(demo_db: Path):
    at = run_app(PAGE, lang="zh")
    assert at.title[0].value == "上传与数据健康"
    assert [h.value for h in at.subheader] == ["导入记录", "数据覆盖情况", "CSV 模板"]
    coverage = next(d.value for d in at.dataframe if "missing_weeks" in d.value.columns)
    assert coverage["table"].tolist()[:2] == ["库存快照", "每日销量"]
    with Store(demo_db) as store:
        rows = store.table_counts()["inventory_snapshot"]
    assert coverage.loc[0, "rows"] == rows
    buttons = at.get("download_button")
    assert len(buttons) == len(CANONICAL_TABLES)
    assert at.selectbox(key="upload_marketplace").value == "US"


def test_empty_database_still_uploads_and_offers_the_demo(empty_db: Path):
    at = run_app(PAGE)
    assert not at.exception
    assert any("The database is empty" in s for s in texts(at.info))
    assert [b.key for b in at.button] == ["upload_demo"]
    assert "Nothing imported yet." in texts(at.caption)
    upload(at, ("All_Orders_first.txt", all_orders([("2026-11-16", "NEW-SKU-1", 4)])))
    at.button(key="upload_import").click().run()
    assert not at.exception
    assert log_of(at).loc[0, "file_name"] == "All_Orders_first.txt"
    assert not [b for b in at.button if b.key == "upload_demo"]  # no longer empty


def test_load_demo_data_on_an_empty_database(empty_db: Path):
    at = run_app(PAGE, lang="zh")
    at.button(key="upload_demo").click().run(timeout=180)
    assert not at.exception
    log = log_of(at)
    assert len(log) > 50  # every sample file, through the real importers
    assert set(log["status"]) == {"生效中"}
    with Store(empty_db) as store:
        assert not store.is_empty()
        assert store.table_counts()["inventory_snapshot"] > 0

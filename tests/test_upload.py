"""Tests of inventory_core.views.upload: default periods, column mapping (and remembering it), CSV templates,
coverage and stale-data warnings, and the tables the upload page shows."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from inventory_core.ingest.importer import ImportOptions, prepare
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.ingest.reports import detect
from inventory_core.store.schema import CANONICAL_TABLES
from inventory_core.views import upload


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 11, 16), dt.date(2026, 11, 22)),  # Monday
        (dt.date(2026, 11, 22), dt.date(2026, 11, 9), dt.date(2026, 11, 15)),  # Sunday
        (dt.date(2026, 11, 25), dt.date(2026, 11, 16), dt.date(2026, 11, 22)),  # Wednesday
        (dt.date(2027, 1, 1), dt.date(2026, 12, 21), dt.date(2026, 12, 27)),  # across the year end
    ],
)
def test_last_full_week(today: dt.date, start: dt.date, end: dt.date):
    assert upload.last_full_week(today) == (start, end)
    assert start.weekday() == 0
    assert end.weekday() == 6


def test_template_columns_follow_the_importer_templates():
    cols = upload.template_columns("template_inventory_snapshot")
    assert cols.required == ("snapshot_date", "sku", "available")
    assert "price" in cols.optional
    assert set(cols.all) == {c.name for c in CANONICAL_TABLES["inventory_snapshot"]}
    with pytest.raises(ValueError, match="not a template kind"):
        upload.template_columns("all_orders")


@pytest.mark.parametrize("table", list(CANONICAL_TABLES))
def test_template_csv_is_header_only_and_recognised_as_its_template(table: str):
    data = upload.template_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    raw = read_table(data, upload.template_file_name(table))
    assert list(raw.header) == [c.name for c in CANONICAL_TABLES[table]]
    assert raw.data.empty
    best, _ = detect(raw.header)
    assert best is not None
    assert best.kind.kind == f"template_{table}"


def test_header_signature_ignores_case_and_spacing_not_order():
    assert upload.header_signature(["Item Code", "Stock"]) == upload.header_signature(
        [" item  code", "STOCK"]
    )
    assert upload.header_signature(["Item Code", "Stock"]) != upload.header_signature(["Stock", "Item Code"])
    assert upload.mapping_key(["a"]).startswith("mapping:")


def test_guess_mapping_uses_template_aliases():
    guess = upload.guess_mapping(["货件单号", "SKU", "发货数量", "预计到货日期", "备注"], "template_shipment")
    assert guess["shipment_id"] == "货件单号"
    assert guess["quantity"] == "发货数量"
    assert guess["eta"] == "预计到货日期"
    assert guess["mode"] is None
    assert upload.best_template(["货件单号", "SKU", "发货数量", "预计到货日期"]) == "template_shipment"


def test_mapping_pairs_and_problems():
    choices = {"sku": "Item", "available": "Stock", "snapshot_date": None, "price": "Stock"}
    assert upload.mapping_pairs(choices) == (("Item", "sku"), ("Stock", "available"), ("Stock", "price"))
    missing, doubled = upload.mapping_problems("template_inventory_snapshot", choices)
    assert missing == ["snapshot_date"]
    assert doubled == ["Stock"]


def test_mapping_is_remembered_per_header(store):
    header = ("Item Code", "Stock On Hand", "Count Date")
    assert upload.load_mapping(store, header) is None
    pairs = (("Item Code", "sku"), ("Stock On Hand", "available"), ("Count Date", "snapshot_date"))
    upload.save_mapping(store, header, "template_inventory_snapshot", pairs)
    saved = upload.load_mapping(store, ("item code", "stock on hand", "count date"))
    assert saved is not None
    assert saved.kind == "template_inventory_snapshot"
    assert saved.columns == {"sku": "Item Code", "available": "Stock On Hand", "snapshot_date": "Count Date"}
    start = upload.initial_choices(header, "template_inventory_snapshot", saved)
    assert start["available"] == "Stock On Hand"
    # another target table: the saved mapping does not apply, the alias guess does
    assert upload.initial_choices(header, "template_sales_daily", saved)["units"] is None
    # an unreadable entry counts as none
    store.set_meta(upload.mapping_key(header), "{not json")
    assert upload.load_mapping(store, header) is None


def test_a_mapped_file_imports_through_the_template(store):
    data = b"Item Code,Stock On Hand,Count Date\r\nA-1,12,2026-11-17\r\n"
    pairs = upload.mapping_pairs(
        {"sku": "Item Code", "available": "Stock On Hand", "snapshot_date": "Count Date"}
    )
    prepared = prepare(
        data, "erp.csv", store, ImportOptions(kind="template_inventory_snapshot", mapping=pairs)
    )
    frame = upload.preview(prepared.frames)
    assert frame.loc[0, "sku"] == "A-1"
    assert frame.loc[0, "available"] == 12.0
    assert prepared.date_range() == (dt.date(2026, 11, 17), dt.date(2026, 11, 17))


def coverage_frame(today: dt.date) -> pd.DataFrame:
    ts = pd.Timestamp
    return pd.DataFrame(
        {
            "table": [
                "inventory_snapshot",
                "sales_daily",
                "ads_daily",
                "ads_keyword_daily",
                "keyword_rank",
                "shipment",
            ],
            "rows": [10, 20, 0, 5, 7, 3],
            "first": [
                ts("2026-09-01"),
                ts("2026-09-01"),
                pd.NaT,
                ts("2026-10-05"),
                ts("2026-10-01"),
                ts("2026-10-01"),
            ],
            "last": [
                ts(today - dt.timedelta(days=9)),
                ts(today - dt.timedelta(days=8)),
                pd.NaT,
                ts("2026-11-15"),
                ts("2026-11-15"),
                ts("2027-01-20"),
            ],
            "missing_weeks": [
                pd.NA,
                pd.NA,
                pd.NA,
                np.array([ts("2026-10-19"), ts("2026-10-26")], dtype="datetime64[us]"),
                None,
                np.array([ts("2026-11-02")], dtype="datetime64[us]"),
            ],
        }
    )


def test_coverage_summary_and_warnings():
    today = dt.date(2026, 11, 23)
    summary = upload.coverage_summary(coverage_frame(today), today).set_index("table")
    # stock 9 days old: stale (more than 8); sales 8 days old: still fine
    assert summary.loc["inventory_snapshot", "stale"]
    assert not summary.loc["sales_daily", "stale"]
    assert summary.loc["sales_daily", "age_days"] == 8
    assert summary.loc["ads_keyword_daily", "missing_weeks"] == [dt.date(2026, 10, 19), dt.date(2026, 10, 26)]
    # a week without a shipment is no gap, and a future ETA is no age
    assert summary.loc["shipment", "missing_weeks"] == []
    assert pd.isna(summary.loc["shipment", "age_days"])
    warnings = upload.health_warnings(summary.reset_index())
    assert [(w.code, w.table) for w in warnings] == [
        ("stale", "inventory_snapshot"),
        ("missing_weeks", "ads_keyword_daily"),
    ]
    assert upload.warning_text(warnings[0], "en") == (
        "Stock snapshots: the latest data are from Nov 14, 2026, 9 days ago (more than 8). "
        "Upload this week's report."
    )
    assert upload.warning_text(warnings[1], "zh") == (
        "广告日报（按关键词/投放）：区间内有 2 周没有数据（2026年10月19日, 2026年10月26日 这几周）。"
    )


def test_empty_stock_and_sales_are_warned():
    empty = pd.DataFrame(
        {
            "table": ["inventory_snapshot", "sales_daily"],
            "rows": [0, 0],
            "first": [None, None],
            "last": [None, None],
            "missing_weeks": [None, None],
        }
    )
    summary = upload.coverage_summary(empty, dt.date(2026, 11, 23))
    assert [w.code for w in upload.health_warnings(summary)] == ["empty", "empty"]
    table = upload.coverage_table(summary, "zh")
    assert list(table["table"]) == ["库存快照", "每日销量"]
    assert list(table["last"]) == ["–", "–"]


def test_log_table_and_import_choice():
    log = pd.DataFrame(
        {
            "import_id": [2, 1],
            "file_name": ["BusinessReport.csv", "orders.txt"],
            "sha256": ["b", "a"],
            "kind": ["business_report", "all_orders"],
            "marketplace": ["US", None],
            "period_start": [dt.date(2026, 11, 9), None],
            "period_end": [dt.date(2026, 11, 15), None],
            "rows_read": [30, 5],
            "rows_loaded": [210, 4],
            "rows_rejected": [0, 1],
            "imported_at": [pd.Timestamp("2026-11-23 09:05"), pd.Timestamp("2026-11-22 18:00")],
            "status": ["active", "undone"],
            "undone_at": [pd.NaT, pd.Timestamp("2026-11-23")],
            "note": [None, None],
        }
    )
    table = upload.log_table(log, "zh")
    assert table.loc[0, "kind"] == "业务报告（按 SKU / 子商品）"
    assert table.loc[0, "period"] == "2026年11月9日 – 2026年11月15日"
    assert table.loc[0, "imported_at"] == "2026年11月23日 09:05"
    assert table.loc[1, "status"] == "已撤销"
    assert table.loc[1, "marketplace"] == "–"
    assert upload.active_imports(log) == [2]
    assert (
        upload.import_choice(log, 2, "en")
        == "#2 · BusinessReport.csv · Business Report (by SKU / child item)"
    )


def test_labels():
    assert upload.kind_title("all_orders", "en") == "All Orders"
    assert upload.kind_title("no_such_kind") == "no_such_kind"
    assert upload.column_label("available", "zh") == "可售数量 (available)"
    rejects = pd.DataFrame({"line": [3], "column": ["quantity"], "value": ["abc"], "reason": ["number"]})
    assert upload.rejects_table(rejects, "zh").loc[0, "reason"] == "不是数字"

"""Replacement at the grain a file really covers (issue 18) and sources combined at their real grain (issue 12
item 4): a partial or overlapping orders file replaces only the SKU-days it lists, in any import order; returns
are kept apart from sales; ads exports of different campaigns add up and the same campaign counts once; a
Business Report's spread units count (and are marked) only where no orders cover the day."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pandas as pd
import pytest
import report_files as rf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_files import by_day, load

from inventory_core import cli, importer
from inventory_core.importer import ImportRefused, import_file
from inventory_core.storage import Store

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT / "data" / "samples" / "sales" / "All_Orders_2026-10-12_2026-11-15.txt"
PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
KEY = ["date", "marketplace", "sku"]


def _sample_lines() -> tuple[str, list[str]]:
    lines = FULL.read_text(encoding="utf-8").splitlines()
    return lines[0], lines[1:]


def _field(header: str, line: str, name: str) -> str:
    return line.split("\t")[header.split("\t").index(name)]


def _local_day(header: str, line: str) -> dt.date:
    return dt.datetime.fromisoformat(_field(header, line, "purchase-date")).astimezone(PACIFIC).date()


def _mason_jar_file(tmp_path: Path) -> Path:
    """The issue's file: only KT-MASON-JAR-LIDS lines, from 2026-11-01 (local day) on, cut from the sample."""
    header, lines = _sample_lines()
    kept = [ln for ln in lines if _field(header, ln, "sku") == "KT-MASON-JAR-LIDS"
            and _local_day(header, ln) >= D(2026, 11, 1)]
    path = tmp_path / "All_Orders_KT-MASON-JAR-LIDS_2026-11-01.txt"
    path.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    return path


def _sales(store: Store) -> pd.DataFrame:
    return store.table_df("sales_daily").sort_values(KEY).reset_index(drop=True)


def _skus_from(store: Store, first: dt.date) -> tuple[int, int]:
    return tuple(store.cur.execute(  # type: ignore[return-value]
        "SELECT count(DISTINCT sku), count(*) FROM sales_daily WHERE date >= ?", [first]).fetchall()[0])


# ---------------------------------------------------------------------------------------------------------
# the reproductions


def test_a_partial_orders_file_keeps_the_29_skus_it_does_not_list_in_both_orders(tmp_path: Path) -> None:
    partial = _mason_jar_file(tmp_path)
    with Store(tmp_path / "full_only.duckdb") as store:
        import_file(store, FULL)
        reference = _sales(store)
        assert _skus_from(store, D(2026, 11, 1)) == (29, 384)  # 29 SKUs sold on 1–15 Nov: 384 SKU-days
    for order in ((FULL, partial), (partial, FULL)):
        with Store(tmp_path / f"{order[0].stem}.duckdb") as store:
            results = [import_file(store, path) for path in order]
            assert _skus_from(store, D(2026, 11, 1)) == (29, 384)  # was 1 SKU (15 rows) with the full file first
            pd.testing.assert_frame_equal(_sales(store), reference)
            if order[0] == FULL:
                # the one line the user sees, in both languages
                assert results[1].line_texts("en") == ["kept 28 SKUs from import 1 that this file does not list"]
                assert results[1].line_texts("zh") == ["保留了导入 1 的 28 个 SKU（本文件未列出这些 SKU）"]
                # undo still brings back what the import replaced: KT-MASON-JAR-LIDS' days from the full file
                store.undo(results[1].import_id)  # type: ignore[arg-type]
                pd.testing.assert_frame_equal(_sales(store), reference)
                store.undo(results[0].import_id)  # type: ignore[arg-type]
                assert store.table_df("sales_daily").empty
            else:
                assert results[1].line_texts("en") == []  # the full file lists every SKU: nothing kept
                store.undo(results[1].import_id)  # type: ignore[arg-type]
                left = _sales(store)
                assert (left["sku"].unique().tolist(), len(left)) == (["KT-MASON-JAR-LIDS"], 15)


def test_the_cli_says_which_skus_it_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    partial = _mason_jar_file(tmp_path)
    db = str(tmp_path / "cli.duckdb")
    assert cli.main(["import", "--db", db, str(FULL)]) == 0
    capsys.readouterr()
    assert cli.main(["--lang", "zh", "import", "--db", db, str(partial)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"{partial.name}：保留了导入 1 的 28 个 SKU（本文件未列出这些 SKU）".replace("：", ": ", 1)


def test_a_two_line_refunded_order_file_keeps_the_day_and_counts_a_return(tmp_path: Path) -> None:
    header, lines = _sample_lines()
    day = [ln for ln in lines if _local_day(header, ln) == D(2026, 10, 12)]
    sale = next(ln for ln in day if _field(header, ln, "sku") == "PT-DOG-POOP-BAGS-270")
    cells = sale.split("\t")
    names = header.split("\t")
    cells[names.index("order-status")] = "Refunded"
    cells[names.index("item-status")] = "Refunded"
    cells[names.index("item-price")] = "-15.99"
    refund = tmp_path / "All_Orders_refund.txt"
    refund.write_text(header + "\n" + "\t".join(cells) + "\n", encoding="utf-8")  # header + one line
    with Store(tmp_path / "s.duckdb") as store:
        import_file(store, FULL)
        before = _sales(store)
        result = import_file(store, refund)
        after = _sales(store)
        oct12 = after[after["date"] == pd.Timestamp("2026-10-12")]
        assert len(oct12) == len(before[before["date"] == pd.Timestamp("2026-10-12")]) == 28
        # units and revenue unchanged everywhere; the return sits apart on its SKU-day
        pd.testing.assert_frame_equal(after.drop(columns=["units_returned", "refunds"]),
                                      before.drop(columns=["units_returned", "refunds"]))
        bags = oct12.set_index("sku").loc["PT-DOG-POOP-BAGS-270"]
        assert (bags["units_returned"], bags["refunds"]) == (1.0, 15.99)
        assert after["units_returned"].notna().sum() == 1
        assert result.line_texts("en") == [
            "1 SKU-days with returns or refunds (1 units, 15.99 refunded) kept apart, not counted as sales"]


@pytest.mark.parametrize("stream", [False, True])
def test_a_negative_quantity_is_a_return_not_minus_five_sales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              stream: bool) -> None:
    monkeypatch.setattr(importer, "STREAM_MIN_BYTES", 0 if stream else 10**12)
    base = {"sales-channel": "Amazon.com", "currency": "USD", "item-status": "Shipped", "order-status": "Shipped",
            "asin": "B0A"}
    rows = [
        {**base, "amazon-order-id": "1", "purchase-date": "2026-07-01T17:00:00+00:00", "sku": "A", "quantity": "3",
         "item-price": "59.97"},
        {**base, "amazon-order-id": "2", "purchase-date": "2026-07-01T18:00:00+00:00", "sku": "A", "quantity": "-5",
         "item-price": "-99.95"},
        {**base, "amazon-order-id": "3", "purchase-date": "2026-07-01T19:00:00+00:00", "sku": "B", "quantity": "-1",
         "item-price": ""},
    ]
    path = tmp_path / "All_Orders_returns.txt"
    path.write_bytes(rf.flat_file(rf.ALL_ORDERS, rows))
    with Store(tmp_path / "s.duckdb") as store:
        result = import_file(store, path)
        got = _sales(store).set_index("sku")
    assert got.loc["A", ["units", "revenue", "units_returned", "refunds"]].tolist() == [3.0, 59.97, 5.0, 99.95]
    assert got.loc["B", ["units", "revenue", "units_returned", "refunds"]].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert result.line_texts("en") == [
        "2 SKU-days with returns or refunds (6 units, 99.95 refunded) kept apart, not counted as sales"]


def test_a_newer_download_with_a_now_cancelled_order_replaces_that_sku_day(store: Store) -> None:
    base = {"sales-channel": "Amazon.com", "currency": "USD", "asin": "B0A", "sku": "A", "quantity": "2",
            "purchase-date": "2026-07-01T17:00:00+00:00", "amazon-order-id": "1"}
    first = rf.flat_file(rf.ALL_ORDERS, [{**base, "order-status": "Pending", "item-status": "Unshipped",
                                          "item-price": "39.98"},
                                         {**base, "amazon-order-id": "2", "sku": "B", "order-status": "Shipped",
                                          "item-price": "9.99", "quantity": "1"}])
    later = rf.flat_file(rf.ALL_ORDERS, [{**base, "order-status": "Cancelled", "item-status": "Cancelled",
                                          "item-price": ""}])
    load(store, first, "All_Orders_1.txt")
    assert by_day(store, "sales_daily", "units", sku="A") == {"2026-07-01": 2.0}
    load(store, later, "All_Orders_2.txt")
    assert by_day(store, "sales_daily", "units", sku="A") == {}  # the order was cancelled: no sale left
    assert by_day(store, "sales_daily", "units", sku="B") == {"2026-07-01": 1.0}  # not listed: kept


# ---------------------------------------------------------------------------------------------------------
# order independence for any partial and overlapping files (property)

SKUS = ("KT-A", "KT-B", "PT-C", "PT-D")
DAYS = 6
START = D(2026, 7, 1)


def _truth() -> dict[tuple[str, int], list[tuple[int, int]]]:
    """The account's real order lines: (SKU, day) → [(order number, quantity)], fixed, some SKU-days empty."""
    out: dict[tuple[str, int], list[tuple[int, int]]] = {}
    n = 0
    for s, sku in enumerate(SKUS):
        for day in range(DAYS):
            for k in range((s + 2 * day) % 3):
                n += 1
                out.setdefault((sku, day), []).append((n, 1 + (s + day + k) % 3))
    return out


TRUTH = _truth()


def _file(skus: frozenset[str], first: int, last: int) -> bytes:
    """An All Orders download filtered to ``skus`` and days first..last: every real line it should hold."""
    rows = []
    for (sku, day), lines in sorted(TRUTH.items()):
        if sku in skus and first <= day <= last:
            for n, qty in lines:
                rows.append({"amazon-order-id": f"111-{n:04d}", "order-status": "Shipped", "item-status": "Shipped",
                             "purchase-date": f"{START + dt.timedelta(days=day)}T18:00:00+00:00",
                             "sales-channel": "Amazon.com", "sku": sku, "asin": f"B0{sku}", "quantity": str(qty),
                             "currency": "USD", "item-price": f"{qty * 10:.2f}"})
    return rf.flat_file(rf.ALL_ORDERS, rows)


partial_file = st.tuples(st.frozensets(st.sampled_from(SKUS), min_size=1), st.integers(0, DAYS - 1),
                         st.integers(0, DAYS - 1)).map(lambda t: (t[0], min(t[1], t[2]), max(t[1], t[2])))


def _expected(files: list[tuple[frozenset[str], int, int]]) -> dict[tuple[str, str], float]:
    """The real units of every SKU-day some file lists."""
    out = {}
    for (sku, day), lines in TRUTH.items():
        if any(sku in skus and first <= day <= last for skus, first, last in files):
            out[(sku, str(START + dt.timedelta(days=day)))] = float(sum(q for _, q in lines))
    return out


def _stored(store: Store) -> dict[tuple[str, str], float]:
    frame = store.table_df("sales_daily")
    return {(r.sku, str(pd.Timestamp(r.date).date())): float(r.units) for r in frame.itertuples()}


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(partial_file, min_size=1, max_size=4), order=st.randoms(use_true_random=False),
       undo=st.integers(0, 3))
def test_any_partial_overlapping_files_in_any_order_store_every_listed_sku_day(files, order, undo) -> None:
    shuffled = list(files)
    order.shuffle(shuffled)
    with Store(":memory:") as store:
        ids = []
        for i, spec in enumerate(shuffled):
            try:
                result = import_file(store, _file(*spec), f"All_Orders_{i}.txt")
            except ImportRefused as exc:  # a file of SKU-days without orders has no data rows
                assert exc.code == "no_rows"
                continue
            ids.append((result.import_id, spec, result.status))
        files = [spec for _, spec, _ in ids]
        if not ids:
            return
        assert _stored(store) == _expected(files)
        # undo one import: what stays is what the other files list
        victim = undo % len(ids)
        import_id, _, status = ids[victim]
        if status == "imported":
            store.undo(import_id)  # type: ignore[arg-type]
            active = {i for i, _, s in ids if s == "imported" and i != import_id}
            remaining = [spec for i, spec, _ in ids if i in active]
            assert _stored(store) == _expected(remaining)

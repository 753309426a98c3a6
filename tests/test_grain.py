"""Replacement at the grain a file really covers (issue 18) and sources combined at their real grain (issue 12
item 4): a partial or overlapping orders file replaces only the SKU-days it lists, in any import order;
returns are kept apart from sales; ads exports of different campaigns add up and the same campaign counts
once; a Business Report's spread units count (and are marked) only where no orders cover the day."""

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

from inventory_core import cli
from inventory_core.ingest import importer
from inventory_core.ingest.importer import import_file
from inventory_core.store import Store

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
    kept = [
        ln
        for ln in lines
        if _field(header, ln, "sku") == "KT-MASON-JAR-LIDS" and _local_day(header, ln) >= D(2026, 11, 1)
    ]
    path = tmp_path / "All_Orders_KT-MASON-JAR-LIDS_2026-11-01.txt"
    path.write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    return path


def _sales(store: Store) -> pd.DataFrame:
    return store.table_df("sales_daily").sort_values(KEY).reset_index(drop=True)


def _skus_from(store: Store, first: dt.date) -> tuple[int, int]:
    return tuple(
        store.cur.execute(  # type: ignore[return-value]
            "SELECT count(DISTINCT sku), count(*) FROM sales_daily WHERE date >= ?", [first]
        ).fetchall()[0]
    )


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
            assert _skus_from(store, D(2026, 11, 1)) == (
                29,
                384,
            )  # was 1 SKU (15 rows) with the full file first
            pd.testing.assert_frame_equal(_sales(store), reference)
            if order[0] == FULL:
                # the one line the user sees, in both languages
                assert results[1].line_texts("en") == [
                    "kept 28 SKUs from import 1 that this file does not list"
                ]
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
    assert out[-1] == f"{partial.name}：保留了导入 1 的 28 个 SKU（本文件未列出这些 SKU）".replace(
        "：", ": ", 1
    )


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
        pd.testing.assert_frame_equal(
            after.drop(columns=["units_returned", "refunds"]),
            before.drop(columns=["units_returned", "refunds"]),
        )
        bags = oct12.set_index("sku").loc["PT-DOG-POOP-BAGS-270"]
        assert (bags["units_returned"], bags["refunds"]) == (1.0, 15.99)
        assert after["units_returned"].notna().sum() == 1
        assert result.line_texts("en") == [
            "1 SKU-days with returns or refunds (1 units, 15.99 refunded) kept apart, not counted as sales"
        ]


@pytest.mark.parametrize("stream", [False, True])
def test_a_negative_quantity_is_a_return_not_minus_five_sales(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: bool
) -> None:
    monkeypatch.setattr(importer, "STREAM_MIN_BYTES", 0 if stream else 10**12)
    base = {
        "sales-channel": "Amazon.com",
        "currency": "USD",
        "item-status": "Shipped",
        "order-status": "Shipped",
        "asin": "B0A",
    }
    rows = [
        {
            **base,
            "amazon-order-id": "1",
            "purchase-date": "2026-07-01T17:00:00+00:00",
            "sku": "A",
            "quantity": "3",
            "item-price": "59.97",
        },
        {
            **base,
            "amazon-order-id": "2",
            "purchase-date": "2026-07-01T18:00:00+00:00",
            "sku": "A",
            "quantity": "-5",
            "item-price": "-99.95",
        },
        {
            **base,
            "amazon-order-id": "3",
            "purchase-date": "2026-07-01T19:00:00+00:00",
            "sku": "B",
            "quantity": "-1",
            "item-price": "",
        },
    ]
    path = tmp_path / "All_Orders_returns.txt"
    path.write_bytes(rf.flat_file(rf.ALL_ORDERS, rows))
    with Store(tmp_path / "s.duckdb") as store:
        result = import_file(store, path)
        got = _sales(store).set_index("sku")
    assert got.loc["A", ["units", "revenue", "units_returned", "refunds"]].tolist() == [
        3.0,
        59.97,
        5.0,
        99.95,
    ]
    assert got.loc["B", ["units", "revenue", "units_returned", "refunds"]].tolist() == [0.0, 0.0, 1.0, 0.0]
    assert result.line_texts("en") == [
        "2 SKU-days with returns or refunds (6 units, 99.95 refunded) kept apart, not counted as sales"
    ]


def test_a_newer_download_with_a_now_cancelled_order_replaces_that_sku_day(store: Store) -> None:
    base = {
        "sales-channel": "Amazon.com",
        "currency": "USD",
        "asin": "B0A",
        "sku": "A",
        "quantity": "2",
        "purchase-date": "2026-07-01T17:00:00+00:00",
        "amazon-order-id": "1",
    }
    first = rf.flat_file(
        rf.ALL_ORDERS,
        [
            {**base, "order-status": "Pending", "item-status": "Unshipped", "item-price": "39.98"},
            {
                **base,
                "amazon-order-id": "2",
                "sku": "B",
                "order-status": "Shipped",
                "item-price": "9.99",
                "quantity": "1",
            },
        ],
    )
    later = rf.flat_file(
        rf.ALL_ORDERS, [{**base, "order-status": "Cancelled", "item-status": "Cancelled", "item-price": ""}]
    )
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
                rows.append(
                    {
                        "amazon-order-id": f"111-{n:04d}",
                        "order-status": "Shipped",
                        "item-status": "Shipped",
                        "purchase-date": f"{START + dt.timedelta(days=day)}T18:00:00+00:00",
                        "sales-channel": "Amazon.com",
                        "sku": sku,
                        "asin": f"B0{sku}",
                        "quantity": str(qty),
                        "currency": "USD",
                        "item-price": f"{qty * 10:.2f}",
                    }
                )
    return rf.flat_file(rf.ALL_ORDERS, rows)


partial_file = st.tuples(
    st.frozensets(st.sampled_from(SKUS), min_size=1), st.integers(0, DAYS - 1), st.integers(0, DAYS - 1)
).map(lambda t: (t[0], min(t[1], t[2]), max(t[1], t[2])))


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


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.lists(partial_file, min_size=1, max_size=4),
    order=st.randoms(use_true_random=False),
    undo=st.integers(0, 3),
)
def test_any_partial_overlapping_files_in_any_order_store_every_listed_sku_day(files, order, undo) -> None:
    shuffled = list(files)
    order.shuffle(shuffled)
    with Store(":memory:") as store:
        ids = []
        for i, spec in enumerate(shuffled):
            if not _expected([spec]):
                # a download of SKU-days without orders has no data rows (refused: nothing to import)
                continue
            result = import_file(store, _file(*spec), f"All_Orders_{i}.txt")
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


# ---------------------------------------------------------------------------------------------------------
# ads exports combine at their real grain (issue 12 item 4)


def _legacy_daily(rows: list[dict[str, object]]) -> bytes:
    base = {"Currency": "USD", "Country": "United States", "Ad Group Name": "G1", "Portfolio name": "P"}
    return rf.text_file(rf.SP_ADVERTISED_DAILY, [{**base, **r} for r in rows])


def _console(rows: list[dict[str, object]]) -> bytes:
    base = dict.fromkeys(rf.CONSOLE_PRODUCT, "") | {
        "Budget currency": "USD",
        "Date range": "Nov 01, 2026 - Nov 07, 2026",
        "Advertised product marketplace": "AMAZON.COM",
        "Ad group name": "G1",
    }
    return rf.text_file(rf.CONSOLE_PRODUCT, [{**base, **r} for r in rows])


LEGACY = _legacy_daily(
    [
        {
            "Date": f"11/0{d}/2026",
            "Campaign Name": "C1",
            "Advertised SKU": sku,
            "Advertised ASIN": asin,
            "Spend": "$10.00",
            "7 Day Total Sales ": "$30.00",
            "Clicks": "5",
        }
        for d in (1, 2, 3)
        for sku, asin in (("S1", "B0S1"), ("S2", "B0S2"))
    ]
)


def _spend(store: Store, **where: object) -> dict[str, float]:
    return by_day(store, "ads_daily", "spend", **where)


@pytest.mark.parametrize("order", ["legacy_first", "console_first"])
def test_two_ads_exports_with_disjoint_campaigns_add_up(store: Store, order: str) -> None:
    console = _console(
        [
            {
                "Campaign name": "C2",
                "Advertised product SKU": sku,
                "Advertised product ID": rf.excel_text(asin),
                "Total cost": "70.00",
                "Sales": "140.00",
            }
            for sku, asin in (("S1", "B0S1"), ("S3", "B0S3"))  # S3: a SKU only the console file has
        ]
    )
    files = [(LEGACY, "sp_daily.csv"), (console, "console.csv")]
    for data, name in files if order == "legacy_first" else files[::-1]:
        load(store, data, name)
    # 1–3 Nov: C1's 2 × $10 a day plus C2's 2 × $10 a day ($70 over 7 days each); 4–7 Nov: C2 only
    assert _spend(store) == {
        **{f"2026-11-0{d}": 40.0 for d in (1, 2, 3)},
        **{f"2026-11-0{d}": 20.0 for d in range(4, 8)},
    }
    assert _spend(store, sku="S3") == {f"2026-11-0{d}": 10.0 for d in range(1, 8)}  # was {} (replaced)
    assert sum(_spend(store, campaign="C2").values()) == 140.0


@pytest.mark.parametrize("order", ["legacy_first", "console_first"])
def test_the_same_campaign_in_two_exports_counts_once(store: Store, order: str) -> None:
    console = _console(
        [
            {
                "Campaign name": "C1",
                "Advertised product SKU": sku,
                "Advertised product ID": rf.excel_text(asin),
                "Total cost": "77.00",
                "Sales": "140.00",
            }
            for sku, asin in (("S1", "B0S1"), ("S2", "B0S2"), ("S3", "B0S3"))
        ]
    )
    files = [(LEGACY, "sp_daily.csv"), (console, "console.csv")]
    for data, name in files if order == "legacy_first" else files[::-1]:
        load(store, data, name)
    # S1, S2 on 1–3 Nov: the daily rows ($10) beat the console's range rows ($11 a day); 4–7 Nov only the
    # console knows ($11); S3, which only the console lists, $11 every day
    for sku in ("S1", "S2"):
        assert _spend(store, sku=sku) == {
            **{f"2026-11-0{d}": 10.0 for d in (1, 2, 3)},
            **{f"2026-11-0{d}": 11.0 for d in range(4, 8)},
        }
    assert _spend(store, sku="S3") == {f"2026-11-0{d}": 11.0 for d in range(1, 8)}
    assert len(store.table_df("ads_daily")) == 3 * 7
    # undo the daily export: the console's rows come back for the days it had replaced
    daily = next(r.import_id for r in store.imports() if r.file_name == "sp_daily.csv")
    store.undo(daily)
    for sku in ("S1", "S2", "S3"):
        assert _spend(store, sku=sku) == {f"2026-11-0{d}": 11.0 for d in range(1, 8)}


def test_a_campaign_level_export_counts_only_where_no_product_rows_of_the_campaign_exist(
    store: Store,
) -> None:
    header = [
        "国家",
        "广告组合",
        "广告活动",
        "日期",
        "类型",
        "曝光量",
        "点击",
        "广告订单",
        "花费",
        "广告销售额",
    ]
    lingxing = rf.text_file(
        header,
        [
            {
                "国家": "美国",
                "广告活动": c,
                "日期": f"2026-11-0{d}",
                "类型": "SP",
                "花费": "50",
                "广告销售额": "100",
            }
            for c in ("C1", "C9")
            for d in (3, 4)
        ],
    )
    load(store, LEGACY, "sp_daily.csv")
    load(store, lingxing, "lingxing.csv")
    # C1 on 3 Nov: the product rows ($20); C1 on 4 Nov and C9 both days: the campaign rows ($50)
    assert _spend(store, campaign="C1") == {
        "2026-11-01": 20.0,
        "2026-11-02": 20.0,
        "2026-11-03": 20.0,
        "2026-11-04": 50.0,
    }
    assert _spend(store, campaign="C9") == {"2026-11-03": 50.0, "2026-11-04": 50.0}


# ---------------------------------------------------------------------------------------------------------
# orders beat a Business Report's spread units; report-only days are marked spread


def test_report_units_count_and_are_marked_spread_only_where_no_orders_cover_the_day(store: Store) -> None:
    br = rf.text_file(
        rf.BUSINESS_REPORT_SKU,
        [
            dict.fromkeys(rf.BUSINESS_REPORT_SKU, "0")
            | {
                "(Child) ASIN": "B0A",
                "SKU": "A",
                "Units Ordered": "70",
                "Sessions - Total": "700",
                "Ordered Product Sales": "$700.00",
            }
        ],
    )
    load(store, br, "BusinessReport.csv", period=(D(2026, 7, 1), D(2026, 7, 7)))
    orders = rf.flat_file(
        rf.ALL_ORDERS,
        [
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-02T18:00:00+00:00",
                "order-status": "Shipped",
                "sales-channel": "Amazon.com",
                "sku": "A",
                "asin": "B0A",
                "quantity": "3",
                "currency": "USD",
                "item-price": "30.00",
            }
        ],
    )
    load(store, orders, "All_Orders.txt")
    got = _sales(store).set_index("date")
    assert got["units"].tolist() == [10.0, 3.0, 10.0, 10.0, 10.0, 10.0, 10.0]
    assert got["units_spread"].tolist() == [True, False, True, True, True, True, True]
    assert got["sessions"].tolist() == [100.0] * 7


# ---------------------------------------------------------------------------------------------------------
# plausibility at import (issue 18)


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("stamp", ["1970-01-01T00:00:00+00:00", "2099-07-01T12:00:00+00:00"])
def test_purchase_dates_in_1970_or_2099_are_refused_with_file_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stream: bool, stamp: str
) -> None:
    monkeypatch.setattr(importer, "STREAM_MIN_BYTES", 0 if stream else 10**12)
    rows = [
        {
            "amazon-order-id": f"1-{i}",
            "purchase-date": f"2026-07-{1 + i:02d}T18:00:00+00:00",
            "order-status": "Shipped",
            "sales-channel": "Amazon.com",
            "sku": "A",
            "quantity": "1",
            "currency": "USD",
            "item-price": "10.00",
        }
        for i in range(20)
    ]
    rows[12]["purchase-date"] = stamp
    path = tmp_path / "All_Orders_dates.txt"
    path.write_bytes(rf.flat_file(rf.ALL_ORDERS, rows))
    with Store(tmp_path / "s.duckdb") as store:
        load(store, rf.flat_file(rf.ALL_ORDERS, rows[:3]), "All_Orders_before.txt")
        before = _sales(store)
        with pytest.raises(importer.ImportRefused) as refused:
            import_file(store, path)
        pd.testing.assert_frame_equal(_sales(store), before)  # nothing stored, nothing changed
        assert len(store.imports()) == 1
    assert refused.value.message("en") == (
        f"All_Orders_dates.txt: line 14, column 'purchase-date': the date '{stamp}' lies outside the span "
        "this"
        " file's other dates make plausible (a broken export?) (0 more rows rejected; --allow-partial imports"
        " the good rows)"
    )
    assert refused.value.message("zh").startswith("All_Orders_dates.txt：第 14 行，列「purchase-date」：日期")


def _eur_ads() -> bytes:
    return rf.text_file(
        rf.SP_ADVERTISED_DAILY,
        [
            {
                "Date": "11/01/2026",
                "Currency": "EUR",
                "Country": "United States",
                "Campaign Name": "C1",
                "Ad Group Name": "G1",
                "Advertised SKU": "S1",
                "Advertised ASIN": "B0S1",
                "Spend": "10.00",
                "7 Day Total Sales ": "50.00",
                "Clicks": "4",
            }
        ],
    )


def test_an_ads_report_in_eur_for_the_us_marketplace_is_refused_unless_a_rate_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sp_eur.csv"
    path.write_bytes(_eur_ads())
    db = str(tmp_path / "fx.duckdb")
    assert cli.main(["import", "--db", db, str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "sp_eur.csv: line 2, column 'Currency': amounts in EUR, but the US marketplace sells in USD; give "
        "the rate to convert them (--fx-rate EUR=1.08, or the rate field of the upload page)"
    )
    with Store(db) as store:
        assert store.table_df("ads_daily").empty
    assert cli.main(["import", "--db", db, "--fx-rate", "EUR=1.10", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "sp_eur.csv: amounts in EUR converted at 1.1 to USD"
    with Store(db) as store:
        got = store.table_df("ads_daily")
    assert got["currency"].tolist() == ["USD"]
    assert got[["spend", "ad_sales"]].values.tolist() == [[pytest.approx(11.0), pytest.approx(55.0)]]


def test_skus_that_differ_only_by_case_are_flagged_at_import_and_in_data_health(store: Store) -> None:
    from inventory_core.views import upload as core

    stock = rf.flat_file(
        rf.MANAGE_FBA,
        [{"sku": "KT-Board-L", "asin": "B0A", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "40"}],
    )
    load(store, stock, "Manage_FBA_Inventory.txt", snapshot_date=D(2026, 11, 20))
    orders = rf.flat_file(
        rf.ALL_ORDERS,
        [
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-11-18T18:00:00+00:00",
                "order-status": "Shipped",
                "sales-channel": "Amazon.com",
                "sku": "kt-board-l",
                "quantity": "2",
                "currency": "USD",
                "item-price": "20.00",
            }
        ],
    )
    result = load(store, orders, "All_Orders.txt")
    assert result.line_texts("en") == [
        "SKUs that differ only by case: KT-Board-L / kt-board-l (Amazon treats them as one SKU; check the "
        "spelling)"
    ]
    warning = core.case_warning(store.case_twin_skus())
    assert warning is not None
    assert core.warning_text(warning, "zh") == (
        "以下 SKU 仅大小写不同：KT-Board-L / kt-board-l —— 亚马逊视为同一个 SKU，请检查相关文件中的拼写"
    )


def test_an_old_stock_file_imported_late_never_becomes_the_latest_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    planning = rf.text_file(
        rf.INVENTORY_PLANNING,
        [
            {
                "snapshot-date": "2026-11-20",
                "sku": "KT-A",
                "asin": "B0A",
                "available": "120",
                "marketplace": "US",
            }
        ],
        quote_all=True,
    )
    old = tmp_path / "Manage_FBA_Inventory.txt"  # downloaded on 5 Nov, imported on 4 Dec
    old.write_bytes(
        rf.flat_file(
            rf.MANAGE_FBA,
            [{"sku": "KT-A", "asin": "B0A", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "300"}],
        )
    )
    stamp = dt.datetime(2026, 11, 5, 9, 30).timestamp()
    os.utime(old, (stamp, stamp))
    db = str(tmp_path / "stock.duckdb")
    with Store(db) as store:
        load(store, planning, "Inventory_Planning.csv")
    assert cli.main(["import", "--db", db, str(old)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "Manage_FBA_Inventory.txt: stock counted on 2026-11-05 (the file's modification day; "
        "--snapshot-date sets another day)",
        "Manage_FBA_Inventory.txt: stock of 2026-11-05 is older than the latest stock stored (2026-11-20): "
        "kept as history, not as the current stock",
    ]
    with Store(db) as store:
        assert store.latest_snapshot_date() == D(2026, 11, 20)
        assert by_day(store, "inventory_snapshot", "available") == {"2026-11-05": 300.0, "2026-11-20": 120.0}
        assert store.sku_base(D(2026, 12, 4))["available"].tolist() == [120.0]

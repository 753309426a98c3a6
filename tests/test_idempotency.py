"""Re-importing is harmless: importing any sequence of a few generated files, with each file repeated any
number of times and in any order of repeats, gives the same canonical tables as importing each file once."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

import report_files as rf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory_core.ingest.importer import ImportOptions, import_file
from inventory_core.store import Store
from inventory_core.store.schema import CANONICAL_TABLES

START = dt.date(2026, 7, 1)
SKUS = ("KT-BOARD-L", "KT-BOARD-S", "PT-FOUNTAIN")
ASINS = {"KT-BOARD-L": "B0HBTRQJGF", "KT-BOARD-S": "B03CBFPQ8B", "PT-FOUNTAIN": "B00S5U37KN"}

File = tuple[str, bytes]


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


@st.composite
def orders_file(draw: st.DrawFn) -> File:
    lines = draw(
        st.lists(
            st.tuples(
                st.integers(0, 6),
                st.integers(0, 23),
                st.sampled_from(SKUS),
                st.integers(1, 3),
                st.sampled_from(["Shipped", "Shipped", "Pending", "Cancelled"]),
            ),
            min_size=1,
            max_size=6,
        )
    )
    rows = []
    for i, (day, hour, sku, qty, status) in enumerate(lines):
        stamp = dt.datetime.combine(_day(day), dt.time(hour)).isoformat() + "+00:00"
        rows.append(
            {
                "amazon-order-id": f"111-{i}",
                "purchase-date": stamp,
                "order-status": status,
                "sales-channel": "Amazon.com",
                "sku": sku,
                "asin": ASINS[sku],
                "quantity": str(qty),
                "currency": "USD",
                "item-price": f"{qty * 19.99:.2f}" if status != "Cancelled" else "",
            }
        )
    return f"All_Orders_{len(rows)}.txt", rf.flat_file(rf.ALL_ORDERS, rows)


@st.composite
def business_report(draw: st.DrawFn) -> File:
    start = draw(st.integers(0, 5))
    length = draw(st.integers(1, 7))
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True))
    rows = []
    for sku in skus:
        units = draw(st.integers(0, 70))
        rows.append(
            dict.fromkeys(rf.BUSINESS_REPORT_SKU, "0")
            | {
                "(Child) ASIN": ASINS[sku],
                "SKU": sku,
                "Units Ordered": str(units),
                "Sessions - Total": f"{draw(st.integers(units, 2000)):,}",
                "Ordered Product Sales": f"${units * 19.99:,.2f}",
                "Featured Offer (Buy Box) Percentage": f"{draw(st.integers(50, 100))}.00%",
            }
        )
    end = start + length - 1
    name = f"BusinessReport_{_day(start).isoformat()}_{_day(end).isoformat()}.csv"
    return name, rf.text_file(rf.BUSINESS_REPORT_SKU, rows)


@st.composite
def sp_summary(draw: st.DrawFn) -> File:
    start = draw(st.integers(0, 5))
    end = start + draw(st.integers(0, 3))
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True))
    header = rf.SP_ADVERTISED_SUMMARY
    rows = [
        {
            "Start Date": _day(start).strftime("%b %d, %Y"),
            "End Date": _day(end).strftime("%b %d, %Y"),
            "Currency": "USD",
            "Campaign Name": f"SP - {sku}",
            "Ad Group Name": "G",
            "Country": "United States",
            "Advertised SKU": sku,
            "Advertised ASIN": ASINS[sku],
            "Impressions": str(draw(st.integers(0, 5000))),
            "Clicks": str(draw(st.integers(0, 50))),
            "Spend": f"${draw(st.integers(0, 5000)) / 100:.2f}",
            "7 Day Total Sales ": f"${draw(st.integers(0, 20000)) / 100:,.2f}",
        }
        for sku in skus
    ]
    return "Sponsored_Products_Advertised_product_report.csv", rf.text_file(header, rows)


@st.composite
def inventory_planning(draw: st.DrawFn) -> File:
    day = _day(draw(st.integers(0, 6)))
    skus = draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True))
    rows = [
        {
            "snapshot-date": day.isoformat(),
            "sku": sku,
            "asin": ASINS[sku],
            "available": str(draw(st.integers(0, 500))),
            "marketplace": "US",
            "inbound-shipped": str(draw(st.integers(0, 300))),
        }
        for sku in skus
    ]
    return "Inventory_Planning.csv", rf.text_file(rf.INVENTORY_PLANNING, rows, quote_all=True)


@st.composite
def keyword_ranks(draw: st.DrawFn) -> File:
    rows = [
        [
            "Title",
            "B0HBTRQJGF",
            "100",
            keyword,
            "amazon.com",
            "1,000",
            draw(st.sampled_from(["12", ">306", "-", "54"])),
            draw(st.sampled_from(["3", "-"])),
            f"{_day(day).month}/{_day(day).day}/{_day(day).year} 4:01 PM",
        ]
        for keyword in ("bamboo board", "cutting board")
        for day in draw(st.sets(st.integers(0, 6), min_size=1))
    ]
    return "helium10-kt-B0HBTRQJGF.csv", rf.text_file(rf.HELIUM10_KT, rows)


FILES = st.one_of(orders_file(), business_report(), sp_summary(), inventory_planning(), keyword_ranks())


def _canonical(store: Store) -> dict[str, list[tuple]]:
    out = {}
    for table, columns in CANONICAL_TABLES.items():
        rows = store.table_df(table)[[c.name for c in columns]]
        out[table] = sorted(
            (
                tuple(None if v != v else (round(v, 9) if isinstance(v, float) else v) for v in row)
                for row in rows.itertuples(index=False)
            ),
            key=repr,
        )
    return out


def _import_all(store: Store, files: Sequence[File]) -> None:
    for name, data in files:
        import_file(store, data, name, ImportOptions())


@st.composite
def sequences(draw: st.DrawFn) -> tuple[list[File], list[int], list[int]]:
    files = draw(st.lists(FILES, min_size=1, max_size=4, unique_by=lambda f: f[1]))
    n = len(files)
    # Each file at least once, in the order of first imports; repeats anywhere after a file's first import.
    repeats = draw(st.lists(st.integers(0, n - 1), max_size=6))
    sequence = list(range(n))
    for index in repeats:
        first = sequence.index(index)
        at = draw(st.integers(first + 1, len(sequence)))
        sequence.insert(at, index)
    other = list(range(n))
    for index in draw(st.permutations(repeats)):
        other.insert(draw(st.integers(other.index(index) + 1, len(other))), index)
    return files, sequence, other


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(sequences())
def test_importing_repeats_in_any_order_equals_importing_each_file_once(
    case: tuple[list[File], list[int], list[int]],
) -> None:
    files, sequence, other = case
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        with Store(directory / "once.duckdb") as store:
            _import_all(store, files)
            once = _canonical(store)
        with Store(directory / "repeated.duckdb") as store:
            _import_all(store, [files[i] for i in sequence])
            assert _canonical(store) == once
            _import_all(store, [files[i] for i in sequence])  # the whole sequence a second time
            assert _canonical(store) == once
        with Store(directory / "other.duckdb") as store:
            _import_all(store, [files[i] for i in other])
            assert _canonical(store) == once


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES)
def test_undoing_the_only_import_empties_every_table(file: File) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "u.duckdb") as store:
        result = import_file(store, file[1], file[0], ImportOptions())
        assert result.status == "imported"
        store.undo(int(result.import_id or 0))
        assert all(n == 0 for n in store.table_counts().values())
        again = import_file(store, file[1], file[0], ImportOptions())  # an undone file may be imported again
        assert again.status == "imported"
        assert again.rows_loaded == result.rows_loaded

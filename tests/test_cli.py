"""The command line, run as a user runs it (``python -m inventory_core``): exit codes, one line per refused
file on stderr, never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import report_files as rf

from inventory_core import cli
from inventory_core.store import Store

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8" if lang == "en" else "zh_CN.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    orders = rf.flat_file(
        rf.ALL_ORDERS,
        [
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-01T17:00:00+00:00",
                "order-status": "Shipped",
                "sales-channel": "Amazon.com",
                "sku": "A",
                "quantity": "2",
                "item-price": "20.00",
            }
        ],
    )
    br = rf.text_file(
        rf.BUSINESS_REPORT_SKU,
        [
            dict.fromkeys(rf.BUSINESS_REPORT_SKU, "0")
            | {"(Child) ASIN": "B0A", "SKU": "A", "Units Ordered": "14"}
        ],
    )
    bad = rf.flat_file(
        rf.ALL_ORDERS,
        [
            {
                "amazon-order-id": "1",
                "purchase-date": "2026-07-01T17:00:00+00:00",
                "order-status": "Shipped",
                "sku": "A",
                "quantity": "2",
            },
            {
                "amazon-order-id": "2",
                "purchase-date": "2026-07-01T18:00:00+00:00",
                "order-status": "Shipped",
                "sku": "A",
                "quantity": "two",
            },
        ],
    )
    return {
        "orders": write("All_Orders.txt", orders),
        "br": write("BusinessReport-07-08-26.csv", br),
        "br_nodate": write("BusinessReport.csv", br),  # no date in the name: nothing to propose a period from
        "bad": write("All_Orders_bad.txt", bad),
        "unknown": write("notes.csv", b"colour,size\r\nred,L\r\n"),
        "empty": write("empty.csv", b""),
        "header_only": write("header_only.txt", rf.flat_file(rf.ALL_ORDERS, [])),
    }


def test_import_succeeds_and_the_same_file_again_is_skipped_with_a_note(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    first = run("import", "--db", db, files["orders"])
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == "All_Orders.txt: imported as all_orders (import 1, 1 rows)\n"
    again = run("import", "--db", db, files["orders"])
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == "All_Orders.txt: skipped, already imported (import 1); nothing changed\n"


def test_each_refused_file_is_one_line_on_stderr_and_exit_2(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    refused = [
        files["bad"],
        files["unknown"],
        files["empty"],
        files["header_only"],
        files["br_nodate"],
        tmp_path / "missing.csv",
        tmp_path,
    ]
    result = run("import", "--db", db, files["orders"], *refused)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == len(refused)
    for line, path in zip(lines, refused, strict=True):
        assert line.startswith(f"{path.name}: "), line
    assert lines[0] == (
        "All_Orders_bad.txt: line 3, column 'quantity': cannot read 'two' as a number "
        "(0 more rows rejected; --allow-partial imports the good rows)"
    )
    assert "has no dates; give its period (--period START END" in lines[4]
    assert result.stdout.startswith("All_Orders.txt: imported as all_orders")  # the good file still went in
    with Store(db, read_only=True) as store:
        assert [r.file_name for r in store.imports()] == ["All_Orders.txt"]


def test_period_option_and_a_backwards_period(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    backwards = run("import", "--db", db, "--period", "2026-07-07", "2026-07-01", files["br"])
    assert backwards.returncode == 2
    assert backwards.stderr.splitlines() == [
        "BusinessReport-07-08-26.csv: the period ends (2026-07-01) before it starts (2026-07-07)"
    ]
    ok = run("import", "--db", db, "--period", "2026-07-01", "2026-07-07", files["br"])
    assert ok.returncode == 0, ok.stderr
    with Store(db, read_only=True) as store:
        sales = store.table_df("sales_daily")
        assert len(sales) == 7
        assert sales["units"].sum() == pytest.approx(14.0)
        assert store.imports()[0].period_start == dt.date(2026, 7, 1)


def test_allow_partial_keeps_the_good_rows(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    result = run("import", "--db", db, "--allow-partial", files["bad"])
    assert result.returncode == 0
    assert result.stdout == (
        "All_Orders_bad.txt: imported as all_orders (import 1, 1 rows, 1 rejected rows kept for review)\n"
    )
    with Store(db, read_only=True) as store:
        assert store.rejects_df(1)[["line", "column", "value"]].values.tolist() == [[3, "quantity", "two"]]


def test_undo_and_the_import_log(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    assert run("import", "--db", db, files["orders"]).returncode == 0
    log = run("imports", "--db", db)
    assert log.returncode == 0
    header, row = log.stdout.splitlines()
    assert header.split("\t") == ["id", "status", "kind", "period", "rows", "rejected", "imported_at", "file"]
    assert row.split("\t")[:6] == ["1", "active", "all_orders", "2026-07-01..2026-07-01", "1", "0"]
    undo = run("undo", "--db", db, "1")
    assert (undo.returncode, undo.stdout) == (0, "import 1 (All_Orders.txt) undone\n")
    with Store(db, read_only=True) as store:
        assert store.table_df("sales_daily").empty
    for again in (run("undo", "--db", db, "1"), run("undo", "--db", db, "99")):
        assert again.returncode == 2
        assert len(again.stderr.splitlines()) == 1
        assert "Traceback" not in again.stderr
    assert run("imports", "--db", db).stdout.splitlines()[1].split("\t")[1] == "undone"
    # an undone file may be imported again
    assert run("import", "--db", db, files["orders"]).stdout.startswith("All_Orders.txt: imported")


def test_kinds_lists_every_report_kind() -> None:
    from inventory_core.ingest.reports import REPORT_KINDS

    result = run("kinds")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [k.kind for k in REPORT_KINDS]


def test_chinese_messages(tmp_path: Path, files) -> None:
    result = run("--lang", "zh", "import", "--db", tmp_path / "radar.duckdb", files["bad"], files["empty"])
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "All_Orders_bad.txt：第 3 行，列「quantity」：无法将「two」读作数字（另有 0 行被拒；--allow-partial "
        "可只导入正确的行）",
        "empty.csv：无法作为表格读取：文件是空的",
    ]


def test_bad_arguments_exit_2_without_a_traceback(tmp_path: Path) -> None:
    for args in (
        ["import"],
        ["import", "--db", str(tmp_path / "x.duckdb"), "--period", "2026-13-01", "2026-07-01", "f.csv"],
        ["undo", "--db", str(tmp_path / "x.duckdb"), "one"],
    ):
        result = run(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr


def test_a_program_error_is_still_one_line(tmp_path: Path, files, monkeypatch, capsys) -> None:
    import inventory_core.ingest.importer as importer

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(importer, "import_file", broken)
    code = cli.main(
        ["import", "--db", str(tmp_path / "radar.duckdb"), str(files["orders"]), str(files["br"])]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "All_Orders.txt: could not be imported because of a program error (RuntimeError: boom second line); "
        "please report it",
        "BusinessReport-07-08-26.csv: could not be imported because of a program error (RuntimeError: boom "
        "second line); please report it",
    ]


def test_a_locked_database_is_one_line(tmp_path: Path, files) -> None:
    db = tmp_path / "radar.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
            "sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        result = run("import", "--db", db, files["orders"])
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1
        assert "in use by another program" in result.stderr
    finally:
        holder.communicate("\n", timeout=30)

"""Hostile and broken uploads, built in code (tests/hostile_files.py), through the importer on a real store,
the command line and the upload page.

What a user gets for each:

* empty, white space only, binary (PNG, random bytes), a PDF or an HTML page saved as .csv: refused, one line;
* a text file cut off mid-row (no final line break, last row short while the others are whole) or
  mid-character: refused as cut off (every row after the cut is missing too, and the cut last cell could
  pass as a valid, wrong value); a workbook cut in half: refused as unreadable;
* header only: refused ("header but no data rows"); unknown columns: refused, naming the closest report
  and what it lacks;
* UTF-16 without BOM and whole cp1252 files: decoded correctly; UTF-8 text with a stray cp1252 byte:
  refused with its line (never a garbled SKU);
* a 300,000-character cell: refused with line and column, without echoing the text; 100,000 columns:
  refused at once; both in well under a second;
* zip bombs: refused on the declared sizes before anything is inflated; a part lying about its size is
  stopped while inflating; a lone far-away cell (which would make the reader allocate 512 GB and abort the
  process) is refused from the sheet's references;
* a wrong ``<dimension ref="A1">``: every row read; duplicated headers: the first wins;
* formulas: never evaluated: CSV text stays text (``=cmd|' /C calc'!A0`` is stored as that SKU), a
  workbook formula gives its cached value.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import hostile_files as hf
import pytest
import report_files as rf
from conftest import ROOT, run_app, table_snapshot

from inventory_core.ingest.importer import ImportOptions, ImportRefused, import_file, prepare
from inventory_core.ingest.parsing.errors import ParseError
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.ingest.parsing.tables import ReadLimits
from inventory_core.store import Store

SNAPSHOT = dt.date(2026, 11, 16)


@dataclass(frozen=True)
class Refused:
    """A file the importer must refuse: its name, how to build it, and a phrase its English line holds."""

    name: str
    build: Callable[[], bytes]
    says: str

    def __str__(self) -> str:
        return self.name


REFUSED = [
    Refused("empty.csv", lambda: b"", "the file is empty"),
    Refused("blank.csv", lambda: b" \r\n\t\r\n   \n", "the file is empty"),
    Refused("photo.csv", hf.png, "not a table (binary content"),
    Refused("noise.txt", hf.random_bytes, "not a table (binary content"),
    Refused("report.pdf.csv", hf.pdf, "not a table (binary content"),
    Refused("signin.csv", hf.html_page, "an HTML or XML page"),
    Refused("cut_row.txt", hf.cut_mid_row, "line 3 stops after 3 of 21 cells"),
    Refused("cut_char.txt", hf.cut_mid_character, "ends in the middle of a character on line 3"),
    Refused("cut.xlsx", hf.cut_xlsx, "not a readable Excel workbook"),
    Refused("header_only.txt", lambda: hf.inventory([]), "with a header but no data rows"),
    Refused("header_only.xlsx", lambda: hf.xlsx([]), "with a header but no data rows"),
    Refused("notes.csv", lambda: b"colour,size\r\nred,L\r\n", "none of its columns (colour, size)"),
    Refused(
        "stock.csv",
        lambda: b"sku,asin\r\nKT-1,B0X\r\n",
        "closest is Manage FBA Inventory, which lacks the columns: available, afn-listing-exists",
    ),
    Refused("mixed.txt", hf.cp1252_byte_in_utf8, "line 4 holds bytes that are not UTF-8 text"),
    Refused("huge_cell.txt", hf.huge_cell, "line 4, column 'sku': a cell of 300,000 characters"),
    Refused(
        "huge_name.txt",
        lambda: hf.huge_cell(column="product-name"),
        "column 'product-name': a cell of 300,000",
    ),
    Refused("wide.txt", hf.wide, "line 1 has 100,000 columns, more than the limit of 2,000"),
    Refused("bomb.xlsx", hf.zip_bomb, "would unpack to 2,048 MB, more than the limit of 1,024 MB"),
    Refused("dense_bomb.xlsx", lambda: hf.zip_bomb(200), ":1, more than the limit of 100:1"),
    Refused(
        "lying.xlsx", lambda: hf.zip_bomb(2048, declare=50_000), "unpacks to more than its declared size"
    ),
    Refused(
        "far_cell.xlsx",
        lambda: hf.sheet_with(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
        "a sheet reaches column 16,384",
    ),
    Refused(
        "far_row.xlsx",
        lambda: hf.sheet_with(b'<row r="900000"><c r="ZZ900000"><v>1</v></c></row>'),
        "a sheet spans 900,000 rows × 702 columns",
    ),
    Refused(
        "hidden_sheet.xlsx",
        lambda: hf.sheet_with(b'<row r="900000"><c r="ZZ900000"><v>1</v></c></row>', at="xl/elsewhere.xml"),
        "a sheet spans 900,000 rows × 702 columns",
    ),
    Refused(
        "formula.txt",
        lambda: hf.with_row(sku="KT-F", **{"afn-fulfillable-quantity": "=1+2"}),
        "line 4, column 'afn-fulfillable-quantity': cannot read '=1+2' as a number",
    ),
]


@pytest.fixture
def seeded(store: Store) -> Store:
    """A store holding one good import, so that "unchanged" means something."""
    import_file(store, hf.inventory(), "Inventory_good.txt", ImportOptions(snapshot_date=SNAPSHOT))
    return store


def assert_one_line(message: str, name: str) -> None:
    assert message.startswith((f"{name}: ", f"{name}：")), message
    assert "\n" not in message
    assert "\r" not in message
    assert len(message) < 400, message  # values are shortened: a 300,000-character cell is not echoed
    assert "{" not in message
    assert "Traceback" not in message


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_refused_with_one_line_and_the_database_unchanged(seeded: Store, case: Refused) -> None:
    data = case.build()
    before = table_snapshot(seeded)
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as info:
        import_file(seeded, data, case.name)
    assert time.perf_counter() - started < 5  # seconds; each takes well under one (no quadratic step)
    assert table_snapshot(seeded) == before
    english, chinese = info.value.message("en"), info.value.message("zh")
    assert_one_line(english, case.name)
    assert_one_line(chinese, case.name)
    assert case.says in english
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


def test_every_parse_code_has_both_translations() -> None:
    """Every ``parse.*`` code the reader raises (literal, or a zip refusal's) has English and Chinese text."""
    import re

    from inventory_core.i18n import MESSAGES

    package = ROOT / "inventory_core" / "ingest" / "parsing"
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py")))
    codes = set(re.findall(r'"(parse\.\w+)"', source))
    codes |= {f"parse.zip_{what}" for what in re.findall(r'_zip_refusal\(\s*file_name, "(\w+)"', source)}
    assert {"parse.truncated", "parse.cell_too_long", "parse.zip_size", "parse.zip_lies"} <= codes
    for code in codes:
        assert set(MESSAGES[code]) == {"en", "zh"}, code


def test_prepare_refuses_too_large_files_and_the_limit_is_configurable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = hf.inventory()
    with pytest.raises(ImportRefused) as info:
        prepare(data, "Inventory.txt", None, ImportOptions(max_bytes=100))
    assert info.value.code == "too_large"
    assert_one_line(info.value.message("en"), "Inventory.txt")
    monkeypatch.setenv("STOCKOUT_RADAR_MAX_UPLOAD_MB", "0.0001")
    with pytest.raises(ImportRefused, match="over the upload limit"):
        prepare(data, "Inventory.txt", None, ImportOptions())


def test_read_limits_are_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hf.inventory()  # 21 columns; the longest cells are 12 characters (product-name, KT-GARLIC-1 is 11)
    with pytest.raises(ParseError) as info:
        read_table(data, "x.txt", limits=ReadLimits(max_columns=20))
    assert info.value.code == "parse.too_many_columns"
    with pytest.raises(ParseError, match=r"a cell of 12 characters.*line 1, column '#4'"):
        read_table(data, "x.txt", limits=ReadLimits(max_cell_chars=11))
    monkeypatch.setenv("STOCKOUT_RADAR_MAX_COLUMNS", "20")
    with pytest.raises(ParseError, match="21 columns"):
        read_table(data, "x.txt")
    monkeypatch.setenv("STOCKOUT_RADAR_MAX_COLUMNS", "not a number")  # unreadable: the default applies
    assert len(read_table(data, "x.txt").header) == 21
    workbook = hf.xlsx()
    with pytest.raises(ParseError, match="compressed"):
        read_table(hf.zip_bomb(2), "x.xlsx")  # 2 MB at 400:1: over the ratio limit
    assert read_table(hf.zip_bomb(2), "x.xlsx", limits=ReadLimits(max_zip_ratio=1000)).sheet
    with pytest.raises(ParseError, match="would unpack to"):
        read_table(workbook, "x.xlsx", limits=ReadLimits(max_unzipped_bytes=1000))


def test_zip_bombs_are_refused_without_inflating_them() -> None:
    """Peak memory stays small: the declared sizes refuse the bomb before anything is inflated, and a part
    lying about its size is stopped a few megabytes in."""
    for data in (hf.zip_bomb(), hf.zip_bomb(2048, declare=50_000)):
        tracemalloc.start()
        try:
            with pytest.raises(ParseError):
                read_table(data, "bomb.xlsx")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 64 * 2**20


def test_huge_cell_and_wide_file_stay_fast_and_small() -> None:
    for data in (hf.huge_cell(3_000_000), hf.wide(100_000)):
        tracemalloc.start()
        started = time.perf_counter()
        try:
            with pytest.raises(ParseError) as info:
                read_table(data, "big.txt")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert time.perf_counter() - started < 3
        assert peak < 20 * len(data) + 32 * 2**20
        assert "AAAA" not in str(info.value)


# --------------------------------------------------------------------------------------------------------
# files that are read, and how


def load(store: Store, data: bytes, name: str) -> dict[str, float]:
    import_file(store, data, name, ImportOptions(snapshot_date=SNAPSHOT))
    stock = rf.rows_of(store, "inventory_snapshot", "sku")
    return dict(zip(stock["sku"], stock["available"], strict=True))


def test_utf16_without_bom_is_decoded(store: Store) -> None:
    assert load(store, hf.utf16_without_bom(), "Inventory.txt") == {"KT-GARLIC-1": 12.0, "KT-SPICE-2": 7.0}


def test_a_whole_cp1252_file_is_decoded(store: Store) -> None:
    assert "CAFÉ-1" in load(store, hf.cp1252_file(), "Lager.txt")


def test_wrong_dimension_record_reads_every_row(store: Store) -> None:
    rows = [
        {"sku": f"KT-{i:02d}", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": i} for i in range(30)
    ]
    data = hf.xlsx(rows, wrong_dimension=True)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert b'<dimension ref="A1"/>' in book.read("xl/worksheets/sheet1.xml")
    stock = load(store, data, "Inventory.xlsx")
    assert len(stock) == 30
    assert stock["KT-29"] == 29.0


def test_duplicated_headers_the_first_wins(store: Store) -> None:
    header = ["sku", *hf.HEADER[1:], "sku", "afn-fulfillable-quantity"]
    rows = [["KT-FIRST", *[""] * 7, "Yes", "", "5", *[""] * 10, "KT-SECOND", "99"]]
    assert load(store, rf.flat_file(header, rows), "Inventory.txt") == {"KT-FIRST": 5.0}


def test_ragged_rows_throughout_are_read_with_missing_values(store: Store) -> None:
    """Not a cut-off file: every row stops early (a tool dropping trailing empty cells),
    no final line break."""
    header = "\t".join(hf.HEADER)
    data = f"{header}\nKT-1\t\tB0A\t\t\t\t\t\tYes\t\t4\nKT-2\t\tB0B\t\t\t\t\t\tYes\t\t6".encode()
    assert load(store, data, "Inventory.txt") == {"KT-1": 4.0, "KT-2": 6.0}


def test_formulas_in_text_are_stored_as_text(store: Store) -> None:
    data = hf.with_row(sku="=cmd|' /C calc'!A0", **{"product-name": '=HYPERLINK("http://x.example","Mug")'})
    load(store, data, "Inventory.txt")
    stock = rf.rows_of(store, "inventory_snapshot", "sku")
    row = stock[stock["sku"].str.startswith("=")].iloc[0]
    assert row["sku"] == "=cmd|' /C calc'!A0"
    assert row["product_name"] == '=HYPERLINK("http://x.example","Mug")'


def test_workbook_formulas_give_their_cached_values_never_evaluated(store: Store) -> None:
    stock = load(store, hf.formula_workbook(), "Inventory.xlsx")
    assert stock == {"KT-LINK-1": 12.0, "=cmd|' /C calc'!A0": 3.0}


def test_styled_empty_cells_far_away_do_not_count() -> None:
    """Excel writes formatting-only elements beyond the data; the reader skips them, and so does the check."""
    data = hf.sheet_with(b'<row r="900000" s="1"/><row r="5"><c r="XFD5" s="1"/></row>')
    assert len(read_table(data, "x.xlsx").data) == 2


# --------------------------------------------------------------------------------------------------------
# command line


def run_cli(
    *args: str | Path, lang: str = "en", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8" if lang == "en" else "zh_CN.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "inventory_core", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_one_line_per_refused_file_exit_2_database_unchanged(tmp_path: Path, lang: str) -> None:
    db = tmp_path / "radar.duckdb"
    good = tmp_path / "Inventory_good.txt"
    good.write_bytes(hf.inventory())
    assert run_cli("import", "--db", db, "--snapshot-date", SNAPSHOT.isoformat(), good).returncode == 0
    with Store(db) as store:
        before = table_snapshot(store)
    paths = []
    for case in REFUSED:
        path = tmp_path / case.name
        path.write_bytes(case.build())
        paths.append(path)
    result = run_cli("--lang", lang, "import", "--db", db, *paths, lang=lang)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(REFUSED)
    for line, case in zip(lines, REFUSED, strict=True):
        assert_one_line(line, case.name)
        if lang == "en":
            assert case.says in line
    with Store(db) as store:
        assert table_snapshot(store) == before


def test_cli_upload_limit_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "Inventory.txt"
    path.write_bytes(hf.inventory())
    result = run_cli(
        "import", "--db", tmp_path / "r.duckdb", path, env={"STOCKOUT_RADAR_MAX_UPLOAD_MB": "0.0001"}
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("Inventory.txt: ")
    assert "upload limit" in result.stderr


# --------------------------------------------------------------------------------------------------------
# upload page

PAGE = "pages/upload.py"
REPRESENTATIVE = ["photo.csv", "cut_row.txt", "huge_cell.txt", "bomb.xlsx", "far_cell.xlsx", "mixed.txt"]


def upload(at, *files: tuple[str, bytes]):
    at.file_uploader(key="upload_files").set_value([(name, data, "text/plain") for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def test_upload_page_shows_one_line_per_hostile_file(demo_db: Path) -> None:
    cases = {case.name: case for case in REFUSED}
    with Store(demo_db) as store:
        before = table_snapshot(store)
    at = run_app(PAGE)
    upload(at, *((name, cases[name].build()) for name in REPRESENTATIVE))
    errors = [e.value for e in at.error]
    assert len(errors) == len(REPRESENTATIVE)
    for message, name in zip(errors, REPRESENTATIVE, strict=True):
        assert_one_line(message, name)
        assert cases[name].says in message
    assert not [b for b in at.button if b.key == "upload_import"]
    hint = "import the good rows"
    assert not any(hint in c.value for c in at.caption)  # no partial-import hint for an unreadable file
    with Store(demo_db) as store:
        assert table_snapshot(store) == before


def test_upload_page_a_program_error_is_one_translated_line(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.upload

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(ui.upload, "prepare", broken)
    at = run_app(PAGE, lang="zh")
    upload(at, ("Inventory_bug.txt", hf.inventory([{**hf.ROWS[0], "sku": "KT-BUG"}])))
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    assert_one_line(errors[0], "Inventory_bug.txt")
    assert "RuntimeError: boom second line" in errors[0]
    assert "程序错误" in errors[0]

"""Shared fixtures: a real DuckDB file per test and writers for real-format export files."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from inventory_core.store import Store

# Property tests give one verdict on every run and every machine: by default Hypothesis draws its examples
# from a fixed seed derived from each test (derandomize) and keeps no example database, so a fresh clone, CI
# and a developer's machine test exactly the same inputs. `HYPOTHESIS_PROFILE=explore` draws new random
# examples with a larger budget to hunt for bugs locally; whatever it finds becomes an explicit @example or
# a known-answer test, never a flaky run.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", derandomize=False, max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "radar.duckdb") as s:
        yield s


def write_delimited(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    newline: str = "\r\n",
    quote_all: bool = False,
    final_newline: bool = True,
) -> Path:
    """Write an export the way Seller Central / the Ads console do (BOM, CRLF, quoting)."""
    buf = io.StringIO()
    writer = csv.writer(
        buf,
        delimiter=delimiter,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    text = buf.getvalue()
    if not final_newline:
        text = text.rstrip("\r\n")
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    title_rows: Sequence[str] = (),
    sheet: str = "Sheet1",
) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    r = 0
    for title in title_rows:
        ws.write(r, 0, title)
        r += 1
    for c, name in enumerate(header):
        ws.write(r, c, name)
    for row in rows:
        r += 1
        for c, v in enumerate(row):
            if v is not None:
                ws.write(r, c, v)
    wb.close()
    return path


def table_snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every canonical and source table's rows, sorted: to prove a refused import changed nothing."""
    from inventory_core.store.schema import CANONICAL_TABLES, LAYERS

    out = {}
    names = [*CANONICAL_TABLES, *(lay.src_table for lay in LAYERS.values()), "import_log", "import_reject"]
    for name in names:
        rows = store.cur.execute(f"SELECT * FROM {name}").fetchall()
        out[name] = sorted(rows, key=repr)
    return out


def load_template(store: Store, layer: str, rows: list[dict]) -> None:
    """Rows of one canonical layer, imported as a template file would be (one undoable import, US)."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    store.apply_import(
        file_name=f"{layer}.csv",
        sha256=f"{layer}-{len(store.imports())}",
        kind=f"template_{layer}",
        frames={layer: frame},
        marketplace="US",
        period_start=None,
        period_end=None,
        rows_read=len(frame),
    )


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory) -> Path:
    """The demo database, built once per test worker through the real importers."""
    from inventory_core.demo import build_demo_db

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo_db(path)
    return path


@pytest.fixture
def demo_db(demo_db_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database, set as the app's database."""
    import shutil

    copy = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db_master, copy)
    monkeypatch.setenv("STOCKOUT_RADAR_DB", str(copy))
    return copy


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "empty.duckdb"
    monkeypatch.setenv("STOCKOUT_RADAR_DB", str(path))
    return path


def run_app(page: str | None = None, *, lang: str = "en", query: dict[str, str] | None = None):
    """Start the app in Streamlit's AppTest (on the database in $STOCKOUT_RADAR_DB) and open ``page``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
    return at

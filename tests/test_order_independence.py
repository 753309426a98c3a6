"""Importing the same week's files in any order, twice, or with one undone and redone
gives identical plans."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from inventory_core.demo import SAMPLES_DIR, options_for, sample_manifest
from inventory_core.ingest.importer import import_file
from inventory_core.model.plan import compute_plan
from inventory_core.store import Store


def _week_files() -> list[dict]:
    """The files of the demo's last week, as a team would upload them on Monday."""
    entries = sample_manifest()
    pick = []
    for e in entries:
        path = str(e["path"])
        if e["kind"] == "fba_inventory_planning" and "2026-11" not in path:
            continue
        if e["kind"] == "business_report" and str(e.get("period_end")) != "2026-11-15":
            continue
        pick.append(e)
    return pick


def _plan(store: Store) -> pd.DataFrame:
    frame = compute_plan(store).skus.sort_values(["marketplace", "sku"]).reset_index(drop=True)
    return frame.drop(columns=["snapshot_date"], errors="ignore")


def _import(store: Store, entries: list[dict]) -> list[int]:
    ids = []
    for e in entries:
        result = import_file(store, SAMPLES_DIR / str(e["path"]), options=options_for(e))
        if result.import_id is not None and result.status == "imported":
            ids.append(result.import_id)
    return ids


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> pd.DataFrame:
    with Store(tmp_path_factory.mktemp("ref") / "ref.duckdb") as store:
        _import(store, _week_files())
        return _plan(store)


def test_any_order_gives_the_same_plan(tmp_path: Path, reference: pd.DataFrame):
    files = _week_files()
    assert {e["kind"] for e in files} >= {
        "manage_fba_inventory",
        "restock_inventory",
        "fba_inventory_planning",
        "all_orders",
        "business_report",
        "sp_search_term",
    }
    for seed in (1, 2):
        shuffled = files[:]
        random.Random(seed).shuffle(shuffled)
        with Store(tmp_path / f"s{seed}.duckdb") as store:
            _import(store, shuffled)
            pd.testing.assert_frame_equal(_plan(store), reference)


def test_twice_and_undo_redo_give_the_same_plan(tmp_path: Path, reference: pd.DataFrame):
    files = _week_files()
    with Store(tmp_path / "twice.duckdb") as store:
        ids = _import(store, files)
        assert _import(store, list(reversed(files))) == []  # every file skipped: already imported
        pd.testing.assert_frame_equal(_plan(store), reference)
        # undo the Restock report and the orders, then import them again
        undone = [
            e for e, i in zip(files, ids, strict=True) if e["kind"] in ("restock_inventory", "all_orders")
        ]
        for e, i in zip(files, ids, strict=True):
            if e in undone:
                store.undo(i)
        assert not _plan(store).equals(reference)
        assert len(_import(store, undone)) == len(undone)
        pd.testing.assert_frame_equal(_plan(store), reference)

"""Build the demo database from ``data/samples`` through the same importers a user's files go through."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from inventory_core.ingest.importer import ImportOptions, import_file
from inventory_core.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = REPO_ROOT / "data" / "samples"

# Stock and settings first, so that reports keyed by ASIN find their SKU.
_ORDER = [
    "template_sku_settings",
    "fba_inventory_planning",
    "manage_fba_inventory",
    "restock_inventory",
    "template_shipment",
    "business_report",
    "all_orders",
]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def sample_manifest(samples_dir: Path = SAMPLES_DIR) -> list[dict[str, str | None]]:
    manifest = samples_dir / "manifest.json"
    if not manifest.exists():
        from inventory_core.demo.data import write_samples

        write_samples(samples_dir)
    entries: list[dict[str, str | None]] = json.loads(manifest.read_text(encoding="utf-8"))
    rank = {kind: i for i, kind in enumerate(_ORDER)}
    return sorted(entries, key=lambda e: (rank.get(str(e["kind"]), len(_ORDER)), str(e["path"])))


def options_for(entry: dict[str, str | None]) -> ImportOptions:
    """The import options the manifest gives for one sample file (period, snapshot day, marketplace)."""
    start, end = _date(entry.get("period_start")), _date(entry.get("period_end"))
    return ImportOptions(
        marketplace=entry.get("marketplace") or "US",
        period=(start, end) if start and end and entry["kind"] == "business_report" else None,
        snapshot_date=_date(entry.get("snapshot_date")),
    )


def build_demo_db(
    db: str | Path,
    *,
    rebuild: bool = False,
    samples_dir: Path = SAMPLES_DIR,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Import every sample file into ``db`` (skipping files already imported). Returns a summary line."""
    db_path = Path(db)
    if rebuild and db_path.exists():
        db_path.unlink()
        Path(f"{db_path}.wal").unlink(missing_ok=True)
    imported = skipped = 0
    with Store(db_path) as store:
        for entry in sample_manifest(samples_dir):
            result = import_file(store, samples_dir / str(entry["path"]), options=options_for(entry))
            if result.status == "imported":
                imported += 1
            else:
                skipped += 1
            if progress:
                progress(f"{result.status:8} {entry['path']} ({result.kind}, {result.rows_loaded} rows)")
        counts = store.table_counts()
    tables = ", ".join(f"{k} {v}" for k, v in counts.items())
    return f"demo database {db_path}: {imported} files imported, {skipped} already there; {tables}"


def build_catalog_db(
    db: str | Path, catalog: str, *, rebuild: bool = False, progress: Callable[[str], None] | None = None
) -> str:
    """Generate another catalogue's exports (``demo_data.CATALOGS``) into a temporary folder, in the real
    report formats, and import them into ``db`` like the demo."""
    import tempfile

    from inventory_core.demo.data import CATALOGS, write_samples

    with tempfile.TemporaryDirectory(prefix=f"radar-{catalog}-") as tmp:
        write_samples(Path(tmp), profile=CATALOGS[catalog])
        return build_demo_db(db, rebuild=rebuild, samples_dir=Path(tmp), progress=progress)

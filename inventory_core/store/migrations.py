"""The schema of the store's file: its version, the migrations from each older version, and the first schema.

A file carries its version in ``meta``; :class:`inventory_core.store.connection.StoreBase` refuses a newer
one and brings an older one up to :data:`SCHEMA_VERSION` (after a backup) with the statements of
:data:`MIGRATIONS`. Table and column names come from :mod:`inventory_core.store.schema` only.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from inventory_core.store.schema import CANONICAL_TABLES, LAYERS, Column

SCHEMA_VERSION = 3


def _ddl_columns(columns: Sequence[Column]) -> str:
    return ", ".join(f'"{c.name}" {c.type}' for c in columns)


# A migration takes the connection at version N-1 and leaves it at N. Version 1 is the first schema.
MIGRATIONS: dict[int, Sequence[str]] = {
    # 2: returns kept apart from sales, spread days marked (issue 18, issue 12 item 4).
    2: (
        *(
            f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c}"
            for t in ("sales_daily", "src_sales_orders", "src_sales_report")
            for c in ("units_returned DOUBLE", "refunds DOUBLE", "units_spread BOOLEAN")
        ),
        # a day without active order rows got its units from a period report
        """UPDATE sales_daily t SET units_spread = NOT EXISTS (
               SELECT 1 FROM src_sales_orders s
               JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
               WHERE s.date = t.date AND s.marketplace = t.marketplace)""",
    ),
    # 3: storage type and unit volume per SKU (stock reports and the settings sheet), the aged-band override
    # (issue 16, Amazon's limits and fees). Columns are appended, as in the column tuples of schema.py.
    3: (
        "ALTER TABLE src_inventory ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE src_inventory ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE inventory_snapshot ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE inventory_snapshot ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE src_sku_settings ADD COLUMN IF NOT EXISTS aged_override BOOLEAN",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS storage_type VARCHAR",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS unit_volume DOUBLE",
        "ALTER TABLE sku_settings ADD COLUMN IF NOT EXISTS aged_override BOOLEAN",
    ),
}


def schema_version(cur: duckdb.DuckDBPyConnection) -> int:
    """The version of the schema the connection's file holds (0 for a file without one: new, or not ours)."""
    has_meta = cur.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()[0][0]
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if has_meta else None
    return int(row[0]) if row else 0


def create_schema(cur: duckdb.DuckDBPyConnection) -> None:
    """The tables of the current schema, in an empty file (the caller records the version)."""
    cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    cur.execute("CREATE SEQUENCE IF NOT EXISTS import_seq START 1")
    cur.execute(
        """CREATE TABLE IF NOT EXISTS import_log (
            import_id BIGINT PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, kind VARCHAR,
            marketplace VARCHAR, period_start DATE, period_end DATE, rows_read BIGINT,
            rows_loaded BIGINT, rows_rejected BIGINT, imported_at TIMESTAMP, status VARCHAR,
            undone_at TIMESTAMP, note VARCHAR)"""
    )
    cur.execute(
        """CREATE TABLE IF NOT EXISTS import_reject (
            import_id BIGINT, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR)"""
    )
    for layer in LAYERS.values():
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {layer.src_table} (import_id BIGINT, source VARCHAR, "
            f"{_ddl_columns(layer.columns)})"
        )
    for table, columns in CANONICAL_TABLES.items():
        cur.execute(f"CREATE TABLE IF NOT EXISTS {table} ({_ddl_columns(columns)})")


def upgrade(cur: duckdb.DuckDBPyConnection, version: int) -> None:
    """Bring a file at ``version`` (0: empty) to :data:`SCHEMA_VERSION`, inside the caller's transaction."""
    if version == 0:
        create_schema(cur)
    else:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target]:
                cur.execute(statement)
    cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

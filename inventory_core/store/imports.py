"""Writing the store: imports of the source layers, the import log, undo, and the settings edits.

An import is one transaction: a row in ``import_log``, its rejected lines, its rows in the layer tables
(``src_*``, tagged with the import id and the source kind), then the canonical tables rebuilt for what it
covers (:mod:`inventory_core.store.rebuild`). An undo marks the import undone and rebuilds the same way. A
settings edit in the app is an import of its own, so it can be undone too. Also here: what an import did
to the rest (SKU-days kept from other imports, returns kept apart, SKUs that differ only by case).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from inventory_core.store.connection import StoreBase
from inventory_core.store.dbfile import StoreError
from inventory_core.store.rebuild import RANGE_SUFFIX, rebuild_for_imports
from inventory_core.store.schema import LAYERS, Layer

STRING_KEY_DEFAULT = ""  # string key columns hold '' rather than NULL so that joins on keys work


@dataclass(frozen=True)
class ImportRecord:
    import_id: int
    file_name: str
    sha256: str
    kind: str
    marketplace: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    imported_at: dt.datetime
    status: str
    note: str | None


def _string_key_columns(layer: Layer) -> tuple[str, ...]:
    types = {c.name: c.type for c in layer.columns}
    return tuple(k for k in dict.fromkeys(layer.key + layer.scope) if types[k] == "VARCHAR")


def log_import(
    cur: duckdb.DuckDBPyConnection,
    import_id: int,
    file_name: str,
    sha256: str,
    kind: str,
    marketplace: str | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
    rows_read: int,
    rows_loaded: int,
    rejects: pd.DataFrame | None,
    note: str | None,
) -> None:
    """The import_log row of an import and its rejected lines (inside the import's transaction)."""
    rows_rejected = 0 if rejects is None else len(rejects)
    cur.execute(
        "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP, 'active', NULL, ?)",
        [
            import_id,
            file_name,
            sha256,
            kind,
            marketplace,
            period_start,
            period_end,
            rows_read,
            rows_loaded,
            rows_rejected,
            note,
        ],
    )
    if rejects is not None and len(rejects):
        cur.register("_rejects", rejects[["line", "column", "value", "reason"]].copy())
        cur.execute(
            'INSERT INTO import_reject SELECT ?, line, "column", value, reason FROM _rejects', [import_id]
        )
        cur.unregister("_rejects")


class LayerImports(StoreBase):
    """Imports, their log and undo, and the settings kept in the store (a part of ``Store``)."""

    # -- import log ------------------------------------------------------------------------------
    def find_active_import(self, sha256: str) -> ImportRecord | None:
        rows = self._imports("WHERE sha256 = ? AND status = 'active'", [sha256])
        return rows[0] if rows else None

    def imports(self) -> list[ImportRecord]:
        return self._imports("", [])

    def get_import(self, import_id: int) -> ImportRecord:
        rows = self._imports("WHERE import_id = ?", [import_id])
        if not rows:
            raise StoreError("no_import", id=import_id)
        return rows[0]

    def _imports(self, where: str, params: list[Any]) -> list[ImportRecord]:
        rows = self.cur.execute(
            "SELECT import_id, file_name, sha256, kind, marketplace, period_start, period_end, rows_read,"
            " rows_loaded, rows_rejected, imported_at, status, note FROM import_log "
            f"{where} ORDER BY import_id",
            params,
        ).fetchall()
        return [ImportRecord(*row) for row in rows]

    def import_log_df(self) -> pd.DataFrame:
        return self._df("SELECT * FROM import_log ORDER BY import_id DESC")

    def rejects_df(self, import_id: int) -> pd.DataFrame:
        return self._df(
            'SELECT line, "column", value, reason FROM import_reject WHERE import_id = ? ORDER BY line',
            [import_id],
        )

    # -- writing ---------------------------------------------------------------------------------
    def apply_import(
        self,
        *,
        file_name: str,
        sha256: str,
        kind: str,
        frames: dict[str, pd.DataFrame],
        marketplace: str | None,
        period_start: dt.date | None,
        period_end: dt.date | None,
        rows_read: int,
        rejects: pd.DataFrame | None = None,
        note: str | None = None,
    ) -> int:
        """Store one file's rows (per layer) in one transaction and rebuild what they cover."""
        rows_loaded = sum(len(f) for f in frames.values())
        with self.transaction() as cur:
            row = cur.execute("SELECT nextval('import_seq')").fetchone()
            assert row is not None
            import_id = int(row[0])
            log_import(
                cur,
                import_id,
                file_name,
                sha256,
                kind,
                marketplace,
                period_start,
                period_end,
                rows_read,
                rows_loaded,
                rejects,
                note,
            )
            for layer_name, frame in frames.items():
                layer = LAYERS[layer_name]
                self._insert_layer(cur, layer, import_id, kind, frame)
            self._rebuild_for_imports(cur, [import_id], list(frames))
        return import_id

    def _insert_layer(
        self, cur: duckdb.DuckDBPyConnection, layer: Layer, import_id: int, kind: str, frame: pd.DataFrame
    ) -> None:
        data = frame.copy()
        for col in layer.columns:
            if col.name not in data.columns:
                data[col.name] = None
        for name in _string_key_columns(layer):
            data[name] = data[name].astype("string").fillna(STRING_KEY_DEFAULT)
        spread = frame["_range"].fillna(False).astype(bool).to_numpy() if "_range" in frame.columns else None
        data = data[list(layer.column_names)]
        # rows spread from a date range are tagged in ``source`` (they rank after daily rows of the same key)
        data["_source"] = kind if spread is None else [kind + RANGE_SUFFIX if r else kind for r in spread]
        cur.register("_incoming", data)
        casts = ", ".join(f'CAST("{c.name}" AS {c.type})' for c in layer.columns)
        cur.execute(f"INSERT INTO {layer.src_table} SELECT ?, _source, {casts} FROM _incoming", [import_id])
        cur.unregister("_incoming")

    def undo(self, import_id: int) -> ImportRecord:
        record = self.get_import(import_id)
        if record.status != "active":
            raise StoreError("already_undone", id=import_id, file=record.file_name)
        with self.transaction() as cur:
            cur.execute(
                "UPDATE import_log SET status = 'undone', undone_at = now()::TIMESTAMP WHERE import_id = ?",
                [import_id],
            )
            layers = [
                name
                for name, layer in LAYERS.items()
                if (
                    cur.execute(
                        f"SELECT count(*) FROM {layer.src_table} WHERE import_id = ?", [import_id]
                    ).fetchone()
                    or [0]
                )[0]
            ]
            self._rebuild_for_imports(cur, [import_id], layers)
        return self.get_import(import_id)

    def _rebuild_for_imports(
        self, cur: duckdb.DuckDBPyConnection, import_ids: list[int], layer_names: list[str]
    ) -> None:
        """Rebuild what the imports cover (inside their transaction); a method, so a test can pause or
        fail an import at this point."""
        rebuild_for_imports(cur, import_ids, layer_names)

    # -- what an import did to the rest ------------------------------------------------------------
    def kept_from_other_imports(self, import_id: int) -> list[tuple[int, int]]:
        """(other import id, SKUs) whose rows stay on the days of order import ``import_id`` because this
        import does not list those SKUs there (issue 18: a partial file replaces only the SKU-days it holds).
        Each kept SKU-day counts for the import it comes from (the newest that lists it). Most SKUs first."""
        overlap = self.cur.execute(
            """SELECT EXISTS (SELECT 1 FROM import_log o JOIN import_log n ON n.import_id = ?
                              WHERE o.status = 'active' AND o.import_id <> n.import_id
                                AND o.kind IN ('all_orders', 'template_sales_daily')
                                AND coalesce(o.period_start <= n.period_end
                                             AND o.period_end >= n.period_start,
                                             true))""",
            [import_id],
        ).fetchall()[0][0]
        if not overlap:  # no other order import shares a day (the log keeps each import's first and last day)
            return []
        rows = self.cur.execute(
            """
            WITH mine AS (SELECT date, marketplace, sku, units FROM src_sales_orders WHERE import_id = ?),
                 days AS (SELECT DISTINCT date, marketplace FROM mine WHERE units IS NOT NULL),
                 other AS (
                     SELECT s.date, s.marketplace, s.sku, max(s.import_id) AS import_id
                     FROM src_sales_orders s JOIN days USING (date, marketplace)
                     JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
                     WHERE s.import_id <> ? AND s.units IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM mine m WHERE m.date = s.date AND m.units IS NOT NULL
                                       AND m.marketplace = s.marketplace AND m.sku = s.sku)
                     GROUP BY ALL)
            SELECT import_id, count(DISTINCT sku) AS skus FROM other
            GROUP BY import_id ORDER BY skus DESC, import_id
            """,
            [import_id, import_id],
        ).fetchall()
        return [(int(a), int(b)) for a, b in rows]

    def case_twin_skus(self, import_id: int | None = None) -> list[tuple[str, ...]]:
        """SKUs stored that differ only by case (``kt-a`` / ``KT-A``), each group sorted; with ``import_id``,
        only the groups with a SKU of that import."""
        stored = " UNION ".join(
            f"SELECT DISTINCT sku FROM {t}"
            for t in ("inventory_snapshot", "sales_daily", "ads_daily", "shipment", "sku_settings")
        )
        mine = " UNION ".join(
            f"SELECT DISTINCT sku FROM {lay.src_table} WHERE import_id = $id"
            for lay in LAYERS.values()
            if "sku" in lay.column_names
        )
        rows = self.cur.execute(
            f"""WITH s AS (SELECT DISTINCT sku FROM ({stored}) WHERE sku <> '' AND sku IS NOT NULL),
                     g AS (SELECT lower(sku) AS l, list(sku ORDER BY sku) AS skus FROM s GROUP BY lower(sku)
                           HAVING count(*) > 1)
                SELECT skus FROM g
                WHERE $id IS NULL OR l IN (SELECT lower(sku) FROM ({mine}))
                ORDER BY l""",
            {"id": import_id},
        ).fetchall()
        return [tuple(r[0]) for r in rows]

    def returns_of(self, import_id: int) -> tuple[int, float, float]:
        """(SKU-days, units returned, amount refunded) an import kept apart as returns."""
        row = self.cur.execute(
            "SELECT count(*), coalesce(sum(units_returned), 0), coalesce(sum(refunds), 0)"
            " FROM src_sales_orders"
            " WHERE import_id = ? AND units_returned IS NOT NULL",
            [import_id],
        ).fetchall()[0]
        return int(row[0]), float(row[1]), float(row[2])

    # -- settings --------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def sku_settings_df(self) -> pd.DataFrame:
        return self._df("SELECT * FROM sku_settings ORDER BY sku")

    def save_sku_settings(self, frame: pd.DataFrame, note: str = "edited in the app") -> int:
        """Store edited per-SKU settings as an import of their own (so an edit can be undone too)."""
        data = frame.copy()
        payload = data.to_csv(index=False).encode("utf-8")
        digest = hashlib.sha256(payload + dt.datetime.now().isoformat().encode()).hexdigest()
        return self.apply_import(
            file_name="sku_settings (app)",
            sha256=digest,
            kind="app_edit",
            frames={"sku_settings": data},
            marketplace=None,
            period_start=None,
            period_end=None,
            rows_read=len(data),
            note=note,
        )

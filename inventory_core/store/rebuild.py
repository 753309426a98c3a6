"""The canonical tables rebuilt from the source layers, for the scopes some imports touched.

Each import keeps its rows in the layer tables (``src_*``, with its import id); the canonical tables are
a function of the active imports. After an import or an undo, :func:`rebuild_for_imports` deletes the
canonical rows of the scopes (e.g. days and marketplaces) those imports cover and recomputes them: per
scope and source kind the newest active import wins, and the kinds are ranked by the layer's priority, so
the result never depends on the order the files came in. Runs inside the caller's transaction. Table and
column names come from :mod:`inventory_core.store.schema`; import ids are integers the store generated.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from inventory_core.store.schema import LAYERS, Layer

RANGE_SUFFIX = "~range"  # source of ad rows spread from a date range (see _with_priorities)


def _q(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _eq(left: str, right: str, names: Sequence[str]) -> str:
    return " AND ".join(f'{left}."{n}" = {right}."{n}"' for n in names)


def rebuild_for_imports(
    cur: duckdb.DuckDBPyConnection, import_ids: list[int], layer_names: list[str]
) -> None:
    """Rebuild the canonical rows of the scopes the imports ``import_ids`` have rows for in ``layer_names``
    (after those imports were stored or undone), then the own-ASIN marks of the keyword ranks."""
    tables = {LAYERS[name].table for name in layer_names}
    id_list = ", ".join(str(int(i)) for i in import_ids)
    for table in tables:
        if table == "sales_daily":
            _rebuild_sales(cur, id_list)
        else:
            layer = next(lay for lay in LAYERS.values() if lay.table == table)
            _rebuild_simple(cur, layer, id_list)
    if tables & {"inventory_snapshot", "sales_daily", "ads_daily", "keyword_rank"}:
        _refresh_is_own(cur)


def _winners_sql(layer: Layer, affected: str) -> str:
    """Canonical rows of ``layer`` for the affected scopes.

    Per scope and source kind the newest active import wins; its rows are aggregated by key (measures
    summed). Then the source kinds are combined by the layer's priority (see ``Layer.combine``), so the
    result does not depend on the order the files were imported in. Needs the temp table ``_prio``
    (source, prio) registered by ``_with_priorities``.
    """
    scope = _q(layer.scope)
    key = _q(layer.key)
    others = [c for c in layer.column_names if c not in layer.key]
    aggs = [f'sum("{c}") AS "{c}"' if c in layer.measures else f'any_value("{c}") AS "{c}"' for c in others]
    per_source = f"""
        WITH cand AS (
            SELECT DISTINCT s.import_id, coalesce(r.prio, 99) AS prio,
                   {", ".join(f's."{c}"' for c in layer.scope)}
            FROM {layer.src_table} s
            JOIN {affected} a USING ({_q(layer.rebuild_scope)})
            JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
            LEFT JOIN _prio r ON r.source = s.source
        ),
        -- among sources of equal priority (and always within one source) the newest import wins
        win AS (SELECT {scope}, prio, max(import_id) AS import_id FROM cand GROUP BY {scope}, prio),
        ranked AS (
            SELECT {key}, win.prio{", " if aggs else ""}{", ".join(aggs)}
            FROM {layer.src_table} s JOIN win USING ({scope}, import_id)
            GROUP BY {key}, win.prio
        )
    """
    if layer.combine == "merge":
        merged = [f'arg_min("{c}", prio) AS "{c}"' for c in others]
        return (
            f"{per_source} SELECT {key}{', ' if merged else ''}{', '.join(merged)} FROM ranked GROUP BY {key}"
        )
    cols = _q(layer.column_names)
    return f"""{per_source},
        best AS (SELECT {scope}, min(prio) AS prio FROM ranked GROUP BY {scope})
        SELECT {cols} FROM ranked JOIN best USING ({scope}, prio)
    """


def _with_priorities(cur: duckdb.DuckDBPyConnection, layer: Layer) -> None:
    sources = list(layer.sources)
    if layer.name == "ads":
        # Rows spread from a date range (source "<kind>~range") rank after every daily row: a daily row
        # beats a date-range row of the same campaign, ad group and product, whatever the report kind.
        sources = [*sources, *(f"{k}{RANGE_SUFFIX}" for k in layer.sources)]
    prio = pd.DataFrame(
        {"source": sources, "prio": list(range(len(sources)))}, columns=["source", "prio"]
    ).astype({"source": "string", "prio": "int64"})
    cur.register("_prio", prio)


def _affected(cur: duckdb.DuckDBPyConnection, layer: Layer, id_list: str, name: str) -> None:
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT {_q(layer.rebuild_scope)} "
        f"FROM {layer.src_table} WHERE import_id IN ({id_list})"
    )


def _rebuild_simple(cur: duckdb.DuckDBPyConnection, layer: Layer, id_list: str) -> None:
    _affected(cur, layer, id_list, "_aff")
    cur.execute(f"DELETE FROM {layer.table} t USING _aff a WHERE {_eq('t', 'a', layer.rebuild_scope)}")
    cols = _q(layer.column_names)
    _with_priorities(cur, layer)
    cur.execute(f"INSERT INTO {layer.table} ({cols}) SELECT {cols} FROM ({_winners_sql(layer, '_aff')})")
    cur.unregister("_prio")
    if layer.name == "ads":
        # A campaign-level row (no SKU, no ASIN) is the same spend as the campaign's product rows: it
        # counts only where no product row of that campaign and day exists.
        cur.execute(
            """DELETE FROM ads_daily t USING _aff a
               WHERE t.date = a.date AND t.marketplace = a.marketplace AND t.ad_type = a.ad_type
                 AND t.campaign = a.campaign AND t.sku = '' AND t.asin = ''
                 AND EXISTS (SELECT 1 FROM ads_daily p
                             WHERE p.date = t.date AND p.marketplace = t.marketplace
                               AND p.ad_type = t.ad_type AND p.campaign = t.campaign
                               AND (p.sku <> '' OR p.asin <> ''))"""
        )
    cur.execute("DROP TABLE _aff")


# Per SKU-day, the order import that wins: the best source (All Orders before a template), then the
# newest. A row with units NULL lists only return lines: it never replaces another file's sales.
_ORDER_WINNERS = """
    WITH c AS (
        SELECT s.*, (1000 - coalesce(r.prio, 99)) * 1000000000000 + s.import_id AS rank_
        FROM src_sales_orders s
        JOIN _aff a USING (date, marketplace)
        JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
        LEFT JOIN _prio r ON r.source = s.source
    )
    SELECT date, marketplace, sku,
           arg_max_null(asin, rank_) FILTER (WHERE units IS NOT NULL) AS asin,
           arg_max_null(units, rank_) FILTER (WHERE units IS NOT NULL) AS units,
           arg_max_null(revenue, rank_) FILTER (WHERE units IS NOT NULL) AS revenue,
           arg_max_null(sessions, rank_) FILTER (WHERE units IS NOT NULL) AS sessions,
           arg_max_null(page_views, rank_) FILTER (WHERE units IS NOT NULL) AS page_views,
           arg_max_null(buy_box_pct, rank_) FILTER (WHERE units IS NOT NULL) AS buy_box_pct,
           arg_max_null(currency, rank_) FILTER (WHERE units IS NOT NULL) AS currency,
           arg_max_null(units_returned, rank_) FILTER (WHERE units_returned IS NOT NULL) AS units_returned,
           arg_max_null(refunds, rank_) FILTER (WHERE units_returned IS NOT NULL) AS refunds,
           arg_max(import_id, rank_) FILTER (WHERE units IS NOT NULL) AS import_id,
           max(asin) AS any_asin, max(currency) AS any_currency
    FROM c GROUP BY date, marketplace, sku
"""


def _rebuild_sales(cur: duckdb.DuckDBPyConnection, id_list: str) -> None:
    orders, report = LAYERS["sales_orders"], LAYERS["sales_report"]
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE _aff AS "
        f"SELECT DISTINCT date, marketplace FROM {orders.src_table} WHERE import_id IN ({id_list}) "
        f"UNION SELECT DISTINCT date, marketplace FROM {report.src_table} WHERE import_id IN ({id_list})"
    )
    if _sole_orders_import(cur, id_list):
        # The common case of a new period: nothing else covers these days, so the import's own
        # (already collapsed) rows are the canonical rows; skip the general merge.
        cur.execute(
            f"""INSERT INTO sales_daily SELECT date, marketplace, sku, nullif(asin, ''), coalesce(units, 0),
                       coalesce(revenue, 0), sessions, page_views, buy_box_pct, currency, units_returned,
                       refunds, false
                FROM {orders.src_table} WHERE import_id IN ({id_list})
                  AND NOT (coalesce(units, 0) = 0 AND coalesce(revenue, 0) = 0 AND units_returned IS NULL
                           AND sessions IS NULL AND page_views IS NULL)"""
        )
        cur.execute("DROP TABLE _aff")
        return
    cur.execute(
        "DELETE FROM sales_daily t USING _aff a WHERE t.date = a.date AND t.marketplace = a.marketplace"
    )
    _with_priorities(cur, orders)
    cur.execute(f"CREATE OR REPLACE TEMP TABLE _o AS {_ORDER_WINNERS}")
    cur.unregister("_prio")
    _with_priorities(cur, report)
    cur.execute(f"CREATE OR REPLACE TEMP TABLE _r AS {_winners_sql(report, '_aff')}")
    cur.unregister("_prio")
    # Days the per-day source covers: there, a SKU with no order row sold zero units, and the report's
    # spread units never count.
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _oscope AS SELECT DISTINCT date, marketplace FROM _o "
        "WHERE units IS NOT NULL"
    )
    cur.execute("CREATE OR REPLACE TEMP TABLE _rscope AS SELECT DISTINCT date, marketplace FROM _r")
    cur.execute(
        """
        INSERT INTO sales_daily (date, marketplace, sku, asin, units, revenue, sessions, page_views,
                                 buy_box_pct, currency, units_returned, refunds, units_spread)
        SELECT k.date, k.marketplace, k.sku,
               coalesce(nullif(o.asin, ''), nullif(r.asin, ''), nullif(o.any_asin, '')),
               CASE WHEN os.date IS NOT NULL THEN coalesce(o.units, 0) ELSE r.units END,
               CASE WHEN os.date IS NOT NULL THEN coalesce(o.revenue, 0) ELSE r.revenue END,
               CASE WHEN rs.date IS NOT NULL THEN coalesce(r.sessions, 0) ELSE o.sessions END,
               CASE WHEN rs.date IS NOT NULL THEN coalesce(r.page_views, 0) ELSE o.page_views END,
               coalesce(r.buy_box_pct, o.buy_box_pct),
               coalesce(o.currency, r.currency, o.any_currency),
               o.units_returned, o.refunds,
               os.date IS NULL AND r.units IS NOT NULL
        FROM (SELECT date, marketplace, sku FROM _o UNION SELECT date, marketplace, sku FROM _r) k
        LEFT JOIN _o o USING (date, marketplace, sku)
        LEFT JOIN _r r USING (date, marketplace, sku)
        LEFT JOIN _oscope os ON os.date = k.date AND os.marketplace = k.marketplace
        LEFT JOIN _rscope rs ON rs.date = k.date AND rs.marketplace = k.marketplace
        -- a SKU-day an order file lists only with cancelled lines is no row (as before), unless a
        -- report has it
        WHERE NOT (r.date IS NULL AND coalesce(o.units, 0) = 0 AND coalesce(o.revenue, 0) = 0
                   AND o.units_returned IS NULL AND o.sessions IS NULL AND o.page_views IS NULL)
        """
    )
    for name in ("_aff", "_o", "_r", "_oscope", "_rscope"):
        cur.execute(f"DROP TABLE {name}")


def _sole_orders_import(cur: duckdb.DuckDBPyConnection, id_list: str) -> bool:
    """One active per-day import whose days no other active sales import covers (and no report)."""
    if "," in id_list:
        return False
    row = cur.execute(
        f"""SELECT
              (SELECT status = 'active' FROM import_log WHERE import_id = {id_list}),
              EXISTS (SELECT 1 FROM src_sales_orders WHERE import_id = {id_list}),
              EXISTS (SELECT 1 FROM src_sales_report WHERE import_id = {id_list}),
              EXISTS (SELECT 1 FROM src_sales_orders s JOIN _aff a USING (date, marketplace)
                      JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'
                      WHERE s.import_id <> {id_list}),
              EXISTS (SELECT 1 FROM src_sales_report s JOIN _aff a USING (date, marketplace)
                      JOIN import_log l ON l.import_id = s.import_id AND l.status = 'active'),
              EXISTS (SELECT 1 FROM sales_daily t JOIN _aff a USING (date, marketplace))"""
    ).fetchall()[0]
    active, has_orders, has_report, other_orders, other_report, canonical = row
    return bool(
        active and has_orders and not has_report and not other_orders and not other_report and not canonical
    )


def _refresh_is_own(cur: duckdb.DuckDBPyConnection) -> None:
    """An ASIN is the seller's own when it appears in its inventory, sales or ads."""
    if not cur.execute("SELECT EXISTS (SELECT 1 FROM keyword_rank)").fetchall()[0][0]:
        return
    cur.execute(
        """
        UPDATE keyword_rank k SET is_own = coalesce(
            (SELECT bool_or(s.is_own) FROM src_keyword_rank s
              WHERE s.asin = k.asin AND s.is_own IS NOT NULL),
            k.asin IN (SELECT asin FROM inventory_snapshot UNION SELECT asin FROM sales_daily
                       UNION SELECT asin FROM ads_daily))
        """
    )

"""The store's other reads: tables and histories, ads and keywords, dates, coverage and data-health lookups.

One method a question (the plan's own inputs are in
:mod:`inventory_core.store.plan_queries`). Every value is a bound parameter; a table or column name in SQL
text is one of the code's own, or a caller's checked against :mod:`inventory_core.store.schema` first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from inventory_core.store.connection import StoreBase
from inventory_core.store.dbfile import StoreError
from inventory_core.store.schema import CANONICAL_TABLES, LAYERS


class Queries(StoreBase):
    """The reads of the pages, the importer and the data checks (a part of ``Store``)."""

    # -- reading helpers used by the importers ----------------------------------------------------
    def sku_for_asin(self) -> dict[str, str]:
        """ASIN → SKU from what the store knows now (for reports keyed by ASIN only): the SKU of the
        newest stock snapshot, else of the latest sales or ad rows."""
        rows = self.cur.execute(
            """SELECT asin, arg_max(sku, rank) FROM (
                   SELECT asin, sku, 3 * 100000 + (snapshot_date - DATE '2000-01-01') AS rank
                   FROM inventory_snapshot
                   UNION ALL SELECT asin, sku, 2 * 100000 + (date - DATE '2000-01-01') FROM sales_daily
                   UNION ALL SELECT asin, sku, 1 * 100000 + (date - DATE '2000-01-01') FROM ads_daily)
               WHERE asin <> '' AND asin IS NOT NULL AND sku <> '' GROUP BY asin"""
        ).fetchall()
        return dict(rows)

    def table_counts(self) -> dict[str, int]:
        out = {}
        for table in CANONICAL_TABLES:
            row = self.cur.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def table_df(self, table: str, limit: int | None = None) -> pd.DataFrame:
        if table not in CANONICAL_TABLES:
            raise StoreError("unknown_table", table=repr(table))
        if limit is None:
            return self._df(f"SELECT * FROM {table}")
        return self._df(f"SELECT * FROM {table} LIMIT ?", [limit])

    # -- how far the data reaches ----------------------------------------------------------------------
    def latest_snapshot_date(self, marketplace: str | None = None) -> dt.date | None:
        row = self.cur.execute(
            "SELECT max(snapshot_date) FROM inventory_snapshot WHERE ? IS NULL OR marketplace = ?",
            [marketplace, marketplace],
        ).fetchone()
        return row[0] if row and row[0] else None

    def first_data_date(self) -> dt.date | None:
        """The first day any stock snapshot or sales row describes (None for an empty store)."""
        row = self.cur.execute(
            "SELECT least((SELECT min(snapshot_date) FROM inventory_snapshot),"
            " (SELECT min(date) FROM sales_daily))"
        ).fetchone()
        return row[0] if row and row[0] else None

    def latest_sales_date(self) -> dt.date | None:
        row = self.cur.execute("SELECT max(date) FROM sales_daily").fetchone()
        return row[0] if row and row[0] else None

    # -- data health ---------------------------------------------------------------------------------
    def files_with_value_beyond(
        self, layer_name: str, column: str, skus: Sequence[str], low: float, high: float
    ) -> dict[str, str]:
        """Per SKU, the file of the newest active import whose rows put ``column`` outside ``[low, high]``.

        Names the file behind an impossible plan input (issue 17). ``layer_name`` and ``column`` come from
        the schema, never from a user (checked here); values are bound parameters.
        """
        layer = LAYERS.get(layer_name)
        if layer is None or column not in layer.column_names or "sku" not in layer.column_names:
            raise ValueError(f"no column {column!r} in layer {layer_name!r}")
        if not skus:
            return {}
        rows = self.cur.execute(
            f"""SELECT s.sku, arg_max(l.file_name, l.import_id)
                FROM {layer.src_table} s JOIN import_log l USING (import_id)
                WHERE l.status = 'active' AND list_contains(?, s.sku)
                  AND (s."{column}" < ? OR s."{column}" > ? OR isinf(s."{column}"))
                GROUP BY s.sku""",
            [list(skus), low, high],
        ).fetchall()
        return {str(sku): str(name) for sku, name in rows}

    def negative_stock(self) -> pd.DataFrame:
        """SKUs whose latest stock snapshot shows negative fulfillable units (an Amazon adjustment), with the
        file it came from: data health flags them; the plan counts them as nothing sellable."""
        return self._df(
            """
            WITH latest AS (
                SELECT * FROM inventory_snapshot
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date DESC) = 1
            )
            SELECT l.marketplace, l.sku, l.snapshot_date, l.available,
                   (SELECT arg_max(g.file_name, g.import_id)
                    FROM src_inventory s JOIN import_log g USING (import_id)
                    WHERE g.status = 'active' AND s.sku = l.sku AND s.marketplace = l.marketplace
                      AND s.snapshot_date = l.snapshot_date AND s.available < 0) AS file_name
            FROM latest l WHERE l.available < 0 ORDER BY l.marketplace, l.sku
            """
        )

    def report_vs_orders(self) -> pd.DataFrame:
        """Per active period-report import and marketplace: its units and the All Orders units on the days of
        its period that an active order import covers (``orders_days`` of them)."""
        return self._df(
            """
            WITH ospans AS (
                SELECT s.marketplace, coalesce(l.period_start, min(s.date)) AS first_day,
                       coalesce(l.period_end, max(s.date)) AS last_day
                FROM src_sales_orders s JOIN import_log l USING (import_id)
                WHERE l.status = 'active' GROUP BY s.import_id, s.marketplace, l.period_start, l.period_end
            ),
            odays AS (
                SELECT DISTINCT marketplace,
                       CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS day
                FROM ospans
            ),
            rep AS (
                SELECT r.import_id, l.file_name, l.period_start, l.period_end, r.marketplace,
                       sum(r.units) AS report_units, count(DISTINCT r.date) AS report_days
                FROM src_sales_report r JOIN import_log l USING (import_id)
                JOIN odays o ON o.marketplace = r.marketplace AND o.day = r.date
                WHERE l.status = 'active' GROUP BY ALL
            ),
            -- the orders of the SKUs the report lists, on the days both cover
            rep_skus AS (SELECT DISTINCT import_id, marketplace, sku FROM src_sales_report
                         WHERE import_id IN (SELECT import_id FROM rep)),
            ord AS (
                SELECT rs.import_id, rs.marketplace, sum(sd.units) AS orders_units
                FROM rep_skus rs JOIN rep USING (import_id, marketplace)
                JOIN odays o
                  ON o.marketplace = rs.marketplace AND o.day BETWEEN rep.period_start AND rep.period_end
                JOIN sales_daily sd ON sd.marketplace = o.marketplace AND sd.date = o.day AND sd.sku = rs.sku
                GROUP BY ALL
            )
            SELECT rep.*, coalesce(ord.orders_units, 0) AS orders_units
            FROM rep LEFT JOIN ord USING (import_id, marketplace) ORDER BY rep.import_id
            """
        )

    # -- ads, keywords and histories ---------------------------------------------------------------------
    def ads_by_sku(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Product-level ad totals per (marketplace, SKU or ASIN) for start <= date < end.

        Rows with an ASIN but no SKU are attributed through the ASIN's SKU.
        """
        return self._df(
            """
            WITH m AS (
                SELECT DISTINCT marketplace, asin, sku FROM inventory_snapshot WHERE asin <> ''
            ),
            a AS (
                SELECT ad.marketplace, coalesce(nullif(ad.sku, ''), m.sku, ad.asin) AS sku, ad.*
                       EXCLUDE (marketplace, sku)
                FROM ads_daily ad LEFT JOIN m ON m.marketplace = ad.marketplace AND m.asin = ad.asin
                WHERE ad.date >= ? AND ad.date < ? AND (ad.sku <> '' OR ad.asin <> '')
            )
            SELECT marketplace, sku, sum(impressions) AS impressions, sum(clicks) AS clicks,
                   sum(spend) AS spend, sum(ad_sales) AS ad_sales, sum(ad_orders) AS ad_orders,
                   sum(ad_units) AS ad_units
            FROM a GROUP BY marketplace, sku
            """,
            [start, end],
        )

    def ads_daily_by_sku(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Daily product-level ad totals per (marketplace, SKU) and ad type (for charts and spend checks)."""
        return self._df(
            """
            WITH m AS (SELECT DISTINCT marketplace, asin, sku FROM inventory_snapshot WHERE asin <> '')
            SELECT ad.date, ad.marketplace, coalesce(nullif(ad.sku, ''), m.sku, ad.asin) AS sku, ad.ad_type,
                   ad.campaign, sum(ad.spend) AS spend, sum(ad.ad_sales) AS ad_sales, sum(ad.clicks) AS clicks
            FROM ads_daily ad LEFT JOIN m ON m.marketplace = ad.marketplace AND m.asin = ad.asin
            WHERE ad.date >= ? AND ad.date < ?
            GROUP BY ALL ORDER BY 1
            """,
            [start, end],
        )

    def campaign_spend(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Spend per campaign and ad type over start <= date < end, from both ad tables (never added:
        a campaign appears in one grain or the other; product grain is preferred)."""
        return self._df(
            """
            WITH p AS (
                SELECT marketplace, ad_type, campaign, sum(spend) AS spend, sum(ad_sales) AS ad_sales,
                       string_agg(DISTINCT nullif(sku, ''), ',') AS skus,
                       string_agg(DISTINCT nullif(asin, ''), ',') AS asins
                FROM ads_daily WHERE date >= ? AND date < ? GROUP BY ALL
            ),
            k AS (
                SELECT marketplace, ad_type, campaign, sum(spend) AS spend, sum(ad_sales) AS ad_sales,
                       NULL AS skus, NULL AS asins
                FROM ads_keyword_daily WHERE date >= ? AND date < ? GROUP BY ALL
            )
            SELECT * FROM p
            UNION ALL
            SELECT * FROM k WHERE (marketplace, ad_type, campaign) NOT IN
                (SELECT (marketplace, ad_type, campaign) FROM p)
            """,
            [start, end, start, end],
        )

    def keyword_targets(self, start: dt.date, end: dt.date) -> pd.DataFrame:
        """Keyword/target totals over start <= date < end (for CTR, CPC and ACoS flags)."""
        return self._df(
            """SELECT marketplace, ad_type, campaign, ad_group, targeting, match_type,
                      sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend,
                      sum(ad_sales) AS ad_sales, sum(ad_orders) AS ad_orders
               FROM ads_keyword_daily WHERE date >= ? AND date < ?
               GROUP BY ALL""",
            [start, end],
        )

    def keyword_ranks(
        self, asins: Sequence[str] | None = None, keywords: Sequence[str] | None = None
    ) -> pd.DataFrame:
        sql = "SELECT * FROM keyword_rank WHERE 1 = 1"
        params: list[Any] = []
        if asins is not None:
            sql += " AND list_contains(?, asin)"
            params.append(list(asins))
        if keywords is not None:
            sql += " AND list_contains(?, keyword)"
            params.append(list(keywords))
        return self._df(sql + " ORDER BY keyword, asin, date", params)

    def sales_history(self, skus: Sequence[str] | None = None, start: dt.date | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM sales_daily WHERE date >= coalesce(?, DATE '1970-01-01')"
        params: list[Any] = [start]
        if skus is not None:
            sql += " AND list_contains(?, sku)"
            params.append(list(skus))
        return self._df(sql + " ORDER BY sku, date", params)

    def stock_history(self, skus: Sequence[str] | None = None, start: dt.date | None = None) -> pd.DataFrame:
        sql = (
            "SELECT snapshot_date, marketplace, sku, available, inbound_working + inbound_shipped"
            " + inbound_receiving AS inbound FROM inventory_snapshot"
            " WHERE snapshot_date >= coalesce(?, DATE '1970-01-01')"
        )
        params: list[Any] = [start]
        if skus is not None:
            sql += " AND list_contains(?, sku)"
            params.append(list(skus))
        return self._df(sql + " ORDER BY sku, snapshot_date", params)

    # -- what the store holds --------------------------------------------------------------------------
    def is_empty(self) -> bool:
        row = self.cur.execute("SELECT count(*) FROM import_log WHERE status = 'active'").fetchone()
        return not (row and row[0])

    def coverage(self) -> pd.DataFrame:
        """Per canonical table: rows, first and last date, and the weeks without data in between."""
        frames = []
        for table, col in (
            ("inventory_snapshot", "snapshot_date"),
            ("sales_daily", "date"),
            ("ads_daily", "date"),
            ("ads_keyword_daily", "date"),
            ("keyword_rank", "date"),
            ("shipment", "eta"),
        ):
            frames.append(
                self._df(
                    f"""
                WITH d AS (SELECT DISTINCT date_trunc('week', "{col}")::DATE AS wk FROM {table}
                           WHERE "{col}" IS NOT NULL),
                     r AS (SELECT count(*) AS rows, min("{col}") AS first, max("{col}") AS last FROM {table}),
                     span AS (SELECT CAST(unnest(generate_series(min(wk), max(wk), INTERVAL 7 DAY)) AS DATE)
                                     AS wk
                              FROM d)
                SELECT ? AS "table", r.rows, r.first, r.last,
                       (SELECT list(wk ORDER BY wk) FROM span WHERE wk NOT IN (SELECT wk FROM d))
                       AS missing_weeks
                FROM r
                """,
                    [table],
                )
            )
        return pd.concat(frames, ignore_index=True)

    def marketplaces(self) -> list[str]:
        rows = self.cur.execute(
            "SELECT DISTINCT marketplace FROM inventory_snapshot"
            " UNION SELECT DISTINCT marketplace FROM sales_daily"
            " ORDER BY 1"
        ).fetchall()
        return [str(r[0]) for r in rows if r[0]]

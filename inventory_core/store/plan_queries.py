"""What the plan reads: stock per SKU, the days the store knows, stockout-adjusted sales and lead times.

The figures the plan stands on, one query each (one row per SKU unless said otherwise): the stock at a
date with the SKU's settings (:meth:`PlanQueries.sku_base`), the days a sales import covers (a SKU
without a row there sold nothing; elsewhere a day is unknown), the units over the last known in-stock
days (:meth:`PlanQueries.velocity`), stockout episodes, sales spikes, shipments and learned lead times.
Every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from inventory_core.store.connection import StoreBase


class PlanQueries(StoreBase):
    """The plan's reads (a part of ``Store``)."""

    # -- stock -------------------------------------------------------------------------------------
    def sku_base(self, as_of: dt.date, max_snapshot_age: int | None = None) -> pd.DataFrame:
        """Stock at ``as_of`` per (marketplace, SKU), with the SKU's settings.

        The stock columns come from the snapshot of ``as_of`` itself, else the latest one before it at most
        ``max_snapshot_age`` days old, else the first one after it as close (``stock_date`` says which; an
        estimate when it is not ``as_of``). Without one the stock is unknown: the stock columns are NULL.
        Names, ASIN and price come from the latest snapshot on or before ``as_of`` whatever its age.
        ``max_snapshot_age=None`` takes the latest snapshot on or before ``as_of`` whatever its age.
        SKUs that only appear in sales (no stock report yet) are included with available NULL.
        """
        age = 100_000 if max_snapshot_age is None else int(max_snapshot_age)
        return self._df(
            """
            WITH inv AS (
                SELECT * FROM inventory_snapshot WHERE snapshot_date <= ?
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date DESC) = 1
            ),
            near AS (
                SELECT * FROM inventory_snapshot
                WHERE snapshot_date BETWEEN ?::DATE - ?::INTEGER AND ?::DATE + ?::INTEGER
                QUALIFY row_number() OVER (PARTITION BY marketplace, sku
                    ORDER BY snapshot_date > ?, abs(snapshot_date - ?::DATE)) = 1
            ),
            sold AS (
                SELECT marketplace, sku, any_value(asin) FILTER (WHERE asin <> '') AS asin,
                       sum(revenue) / nullif(sum(units), 0) AS avg_price
                FROM sales_daily WHERE date <= ? AND date > ?::DATE - INTERVAL 90 DAY
                GROUP BY marketplace, sku
            ),
            keys AS (SELECT marketplace, sku FROM inv UNION SELECT marketplace, sku FROM sold
                     UNION SELECT marketplace, sku FROM near)
            SELECT k.marketplace, k.sku,
                   coalesce(nullif(inv.asin, ''), nullif(near.asin, ''), sold.asin, '') AS asin,
                   coalesce(inv.fnsku, near.fnsku) AS fnsku,
                   coalesce(inv.product_name, near.product_name) AS product_name,
                   near.snapshot_date, near.snapshot_date AS stock_date,
                   near.available, near.reserved, near.inbound_working, near.inbound_shipped,
                   near.inbound_receiving, near.unsellable, near.aged_365_plus, near.amazon_recommended_qty,
                   near.amazon_alert, near.amazon_days_of_supply,
                   coalesce(nullif(st.storage_type, ''), nullif(near.storage_type, ''),
                            nullif(inv.storage_type, '')) AS storage_type,
                   coalesce(st.unit_volume, near.unit_volume, inv.unit_volume) AS unit_volume,
                   coalesce(st.aged_override, false) AS aged_override,
                   coalesce(st.price, near.price, inv.price, sold.avg_price) AS price,
                   coalesce(near.currency, inv.currency, '') AS currency,
                   st.lead_time_days, st.air_lead_time_days, st.safety_days, st.ads_override, st.unit_cost,
                   st.target_roas, coalesce(st.is_core, false) AS is_core, st.note
            FROM keys k
            LEFT JOIN inv USING (marketplace, sku)
            LEFT JOIN near USING (marketplace, sku)
            LEFT JOIN sold USING (marketplace, sku)
            LEFT JOIN sku_settings st ON st.sku = k.sku
            ORDER BY k.marketplace, k.sku
            """,
            [
                as_of,
                as_of,
                age,
                as_of,
                age if max_snapshot_age is not None else 0,
                as_of,
                as_of,
                as_of,
                as_of,
            ],
        )

    # -- coverage: which days the store knows (DESIGN.md "Coverage") ---------------------------------
    # A sales import covers every day of its span (its import_log period, else its rows' first to last day) in
    # each marketplace it has rows for:
    # inside that span a SKU without a row sold nothing (a known zero); outside every span a day is unknown.
    _SALES_SPANS = """
        sales_imports AS (
            SELECT import_id, marketplace, min(date) AS first_row, max(date) AS last_row
            FROM src_sales_orders GROUP BY ALL
            UNION ALL
            SELECT import_id, marketplace, min(date), max(date) FROM src_sales_report GROUP BY ALL
        ),
        sales_spans AS (
            SELECT si.marketplace, coalesce(l.period_start, si.first_row) AS first_day,
                   coalesce(l.period_end, si.last_row) AS last_day
            FROM sales_imports si JOIN import_log l USING (import_id)
            WHERE l.status = 'active'
        ),
        known AS (
            SELECT DISTINCT marketplace, CAST(unnest(generate_series(greatest(first_day, ?::DATE),
                   least(last_day, ?::DATE), INTERVAL 1 DAY)) AS DATE) AS day
            FROM sales_spans WHERE first_day <= ? AND last_day >= ?
        )
    """
    # How far back the ADS windows look for their known, in-stock days (a 30-day window may span holes).
    VELOCITY_LOOKBACK_DAYS = 90

    def _known_params(self, lo: dt.date, hi: dt.date) -> list[Any]:
        return [lo, hi, hi, lo]

    def last_known_days(self, as_of: dt.date) -> dict[str, dt.date | None]:
        """The freshness line: the last day on or before ``as_of`` each source is known for.

        ``stock`` = the latest snapshot; ``sales`` = the last day a sales import covers; ``velocity`` and
        ``ranks`` = the last day an active ads / keyword-rank import covers."""
        row = self.cur.execute(
            f"""WITH {self._SALES_SPANS}
            SELECT (SELECT max(snapshot_date) FROM inventory_snapshot WHERE snapshot_date <= ?),
                   (SELECT max(day) FROM known),
                   (SELECT max(least(period_end, ?)) FROM import_log l
                     WHERE status = 'active' AND period_start <= ? AND import_id IN
                        (SELECT import_id FROM src_ads UNION SELECT import_id FROM src_ads_keyword)),
                   (SELECT max(date) FROM keyword_rank WHERE date <= ?)""",
            [*self._known_params(as_of - dt.timedelta(days=3650), as_of), as_of, as_of, as_of, as_of],
        ).fetchone()
        assert row is not None
        return {"stock": row[0], "sales": row[1], "ads": row[2], "ranks": row[3]}

    def last_ads_day(self, as_of: dt.date) -> dt.date | None:
        """The last day on or before ``as_of`` an active ads import (product or keyword grain) covers."""
        row = self.cur.execute(
            """SELECT max(least(period_end, ?)) FROM import_log
               WHERE status = 'active' AND period_start <= ? AND import_id IN
                   (SELECT DISTINCT import_id FROM src_ads
                    UNION SELECT DISTINCT import_id FROM src_ads_keyword)""",
            [as_of, as_of],
        ).fetchone()
        return row[0] if row and row[0] else None

    def velocity(self, as_of: dt.date, max_snapshot_age: int) -> pd.DataFrame:
        """Per SKU: stockout-adjusted units and in-stock days over the last 7/14/30 *known* days, and the
        year-ago figures for the seasonal candidate.

        Only days a sales import covers count (``known``); the windows are the last 7/14/30 known days on
        which the SKU was not out of stock, ending at its marketplace's last known sales day on or before
        ``as_of`` and looking back at most :attr:`VELOCITY_LOOKBACK_DAYS`. A day is *out of stock* when the
        latest snapshot on or before it (at most ``max_snapshot_age`` days old), else the first one after it
        (as old at most), shows available = 0; such days leave both the units and the day count. Days before
        a SKU's first stock or sales record are not counted either. ``last_sales_day`` is the SKU's last
        known sales day; the year-ago windows count known days only (``days_ly_prev``, ``ly_days``).
        """
        lo = as_of - dt.timedelta(days=460)
        recent_lo = as_of - dt.timedelta(days=self.VELOCITY_LOOKBACK_DAYS - 1)
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            keys AS (
                SELECT marketplace, sku, min(d) AS first_day FROM (
                    SELECT marketplace, sku, snapshot_date AS d FROM inventory_snapshot
                    UNION ALL SELECT marketplace, sku, date AS d FROM sales_daily WHERE units > 0)
                GROUP BY marketplace, sku
            ),
            grid AS (
                SELECT k.marketplace, k.sku, d.day FROM keys k JOIN known d USING (marketplace)
                WHERE d.day >= k.first_day AND d.day >= ?
            ),
            before AS (
                SELECT g.marketplace, g.sku, g.day, i.snapshot_date AS b_date, i.available AS b_available
                FROM grid g ASOF LEFT JOIN inventory_snapshot i
                  ON g.marketplace = i.marketplace AND g.sku = i.sku AND g.day >= i.snapshot_date
            ),
            stock AS (
                SELECT b.marketplace, b.sku, b.day,
                       CASE WHEN b.b_date IS NOT NULL AND b.day - b.b_date <= ? THEN b.b_available = 0
                            WHEN i.snapshot_date IS NOT NULL AND i.snapshot_date - b.day <= ?
                                 THEN i.available = 0
                       END AS oos
                FROM before b ASOF LEFT JOIN inventory_snapshot i
                  ON b.marketplace = i.marketplace AND b.sku = i.sku AND b.day <= i.snapshot_date
            ),
            daily AS (
                SELECT s.marketplace, s.sku, s.day, coalesce(s.oos, false) AS oos,
                       coalesce(sd.units, 0) AS units, sd.sessions
                FROM stock s LEFT JOIN sales_daily sd
                  ON sd.marketplace = s.marketplace AND sd.sku = s.sku AND sd.date = s.day
            ),
            ranked AS (
                SELECT *, row_number() OVER (PARTITION BY marketplace, sku ORDER BY day DESC) AS n_all,
                          row_number() OVER (PARTITION BY marketplace, sku, oos ORDER BY day DESC) AS n_in
                FROM daily
            ),
            recent AS (
                SELECT marketplace, sku,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 7) AS units_7,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 7) AS days_7,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 14) AS units_14,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 14) AS days_14,
                    sum(units) FILTER (WHERE NOT oos AND n_in <= 30) AS units_30,
                    count(*) FILTER (WHERE NOT oos AND n_in <= 30) AS days_30,
                    min(day) FILTER (WHERE NOT oos AND n_in <= 30) AS window_30_start,
                    count(*) FILTER (WHERE oos AND n_all <= 30) AS oos_days_30,
                    count(*) FILTER (WHERE oos AND n_all <= 7) AS oos_days_7,
                    stddev_samp(units) FILTER (WHERE NOT oos AND n_in <= 30) AS sigma_daily,
                    -- conversion: units of the days the sessions cover only (a Business Report may cover
                    -- 4 of the 7 days the orders do; dividing 7 days of units by 4 of sessions fakes a rise)
                    sum(units) FILTER (WHERE n_all <= 7 AND sessions IS NOT NULL) AS conv_units_7,
                    sum(units) FILTER (WHERE n_all BETWEEN 8 AND 14 AND sessions IS NOT NULL)
                        AS conv_units_prev_7,
                    sum(units) FILTER (WHERE n_all <= 7) AS raw_units_7,
                    sum(sessions) FILTER (WHERE n_all <= 7) AS sessions_7,
                    sum(units) FILTER (WHERE n_all BETWEEN 8 AND 14) AS raw_units_prev_7,
                    sum(sessions) FILTER (WHERE n_all BETWEEN 8 AND 14) AS sessions_prev_7,
                    sum(units) FILTER (WHERE n_all <= 28) AS units_28,
                    count(*) FILTER (WHERE n_all <= 28) AS days_28,
                    sum(units) FILTER (WHERE n_all <= 30) AS units_last_30,
                    count(*) FILTER (WHERE n_all <= 30) AS days_last_30,
                    min(day) FILTER (WHERE n_all <= 30) AS last_30_start,
                    max(day) AS last_sales_day
                FROM ranked GROUP BY marketplace, sku
            ),
            -- a year earlier: the same calendar days as the last 30 known days, and the 90 days after
            -- the as-of; both counted in known days on or after the SKU's first record
            ly_known AS (
                SELECT k.marketplace, k.sku, d.day FROM keys k JOIN known d USING (marketplace)
                WHERE d.day >= k.first_day AND d.day < ?::DATE - INTERVAL 275 DAY
            ),
            ly AS (
                SELECT lk.marketplace, lk.sku,
                    count(*) FILTER (WHERE lk.day >= r.last_30_start - INTERVAL 365 DAY
                                       AND lk.day <= r.last_sales_day - INTERVAL 365 DAY) AS days_ly_prev,
                    count(*) FILTER (WHERE lk.day >= ?::DATE - INTERVAL 365 DAY) AS ly_days
                FROM ly_known lk LEFT JOIN recent r USING (marketplace, sku)
                GROUP BY lk.marketplace, lk.sku
            ),
            ly_units AS (
                SELECT sd.marketplace, sd.sku,
                    sum(sd.units) FILTER (WHERE sd.date >= r.last_30_start - INTERVAL 365 DAY
                                            AND sd.date <= r.last_sales_day - INTERVAL 365 DAY)
                        AS units_ly_prev_30,
                    sum(sd.units) FILTER (WHERE sd.date >= ?::DATE - INTERVAL 365 DAY) AS units_ly_next_90
                FROM sales_daily sd LEFT JOIN recent r USING (marketplace, sku)
                WHERE sd.date >= ?::DATE - INTERVAL 460 DAY AND sd.date < ?::DATE - INTERVAL 275 DAY
                GROUP BY sd.marketplace, sd.sku
            )
            SELECT k.marketplace, k.sku, k.first_day, r.* EXCLUDE (marketplace, sku),
                   ly.days_ly_prev, ly.ly_days, lu.units_ly_prev_30, lu.units_ly_next_90
            FROM keys k
            LEFT JOIN recent r USING (marketplace, sku)
            LEFT JOIN ly USING (marketplace, sku)
            LEFT JOIN ly_units lu USING (marketplace, sku)
            """,
            [
                *self._known_params(lo, as_of),
                recent_lo,
                max_snapshot_age,
                max_snapshot_age,
                as_of,
                as_of,
                as_of,
                as_of,
                as_of,
            ],
        )

    def sales_spikes(self, as_of: dt.date, factor: float, days: int = 14) -> pd.DataFrame:
        """SKU-days of the last ``days`` known days whose units exceed ``factor`` × the SKU's median over the
        28 known days before (known zeros count; a median of 0 flags nothing)."""
        lo = as_of - dt.timedelta(days=days + 60)
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            skus AS (SELECT DISTINCT marketplace, sku FROM sales_daily WHERE date >= ? AND date <= ?),
            grid AS (
                SELECT s.marketplace, s.sku, k.day, coalesce(sd.units, 0) AS units
                FROM skus s JOIN known k USING (marketplace)
                LEFT JOIN sales_daily sd
                  ON sd.marketplace = s.marketplace AND sd.sku = s.sku AND sd.date = k.day
            ),
            med AS (
                SELECT *, median(units) OVER (PARTITION BY marketplace, sku ORDER BY day
                                              ROWS BETWEEN 28 PRECEDING AND 1 PRECEDING) AS median_28,
                          count(*) OVER (PARTITION BY marketplace, sku ORDER BY day
                                         ROWS BETWEEN 28 PRECEDING AND 1 PRECEDING) AS n_before,
                          row_number() OVER (PARTITION BY marketplace, sku ORDER BY day DESC) AS n_last
                FROM grid
            )
            SELECT marketplace, sku, day, units, median_28 FROM med
            WHERE n_last <= ? AND n_before >= 7 AND median_28 > 0 AND units > ? * median_28
            ORDER BY marketplace, sku, day
            """,
            [*self._known_params(lo, as_of), lo, as_of, days, factor],
        )

    def stockout_episodes(self, as_of: dt.date) -> pd.DataFrame:
        """Spans of snapshots with available = 0 per SKU (gaps and islands), up to ``as_of``.

        ``end_date`` is the first snapshot back in stock (NULL while the stockout goes on). ``pre_velocity``
        is the units of the 30 days before the start per day a sales import covers (NULL when none does).
        """
        return self._df(
            f"""
            WITH {self._SALES_SPANS},
            s AS (
                SELECT marketplace, sku, snapshot_date, available = 0 AS oos,
                       row_number() OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date)
                     - row_number() OVER (PARTITION BY marketplace, sku, available = 0 ORDER BY snapshot_date)
                       AS grp,
                       lead(snapshot_date) OVER (PARTITION BY marketplace, sku ORDER BY snapshot_date)
                       AS next_date
                FROM inventory_snapshot WHERE snapshot_date <= ?
            )
            , ep AS (
                SELECT marketplace, sku, min(snapshot_date) AS start_date,
                       max(snapshot_date) AS last_oos_date,
                       -- the snapshot after the last out-of-stock one (NULL while it goes on; arg_max would
                       -- skip that NULL and return an earlier row's value)
                       (list(next_date ORDER BY snapshot_date DESC))[1] AS end_date
                FROM s WHERE oos GROUP BY marketplace, sku, grp
            )
            -- ADS before the stockout: units of the 30 days before it began, per day the store knows
            , pre_units AS (
                SELECT ep.marketplace, ep.sku, ep.start_date, coalesce(sum(sd.units), 0) AS units
                FROM ep LEFT JOIN sales_daily sd
                  ON sd.marketplace = ep.marketplace AND sd.sku = ep.sku
                 AND sd.date >= ep.start_date - INTERVAL 30 DAY AND sd.date < ep.start_date
                GROUP BY ALL
            )
            , pre_days AS (
                SELECT ep.marketplace, ep.sku, ep.start_date, count(k.day) AS days
                FROM ep LEFT JOIN known k
                  ON k.marketplace = ep.marketplace AND k.day >= ep.start_date - INTERVAL 30 DAY
                 AND k.day < ep.start_date
                GROUP BY ALL
            )
            SELECT ep.*, CASE WHEN d.days > 0 THEN u.units / d.days END AS pre_velocity
            FROM ep JOIN pre_units u USING (marketplace, sku, start_date)
            JOIN pre_days d USING (marketplace, sku, start_date)
            ORDER BY marketplace, sku, start_date
            """,
            [*self._known_params(dt.date(1970, 1, 1), as_of), as_of],
        )

    # -- shipments and lead times ---------------------------------------------------------------------
    def open_shipments(self) -> pd.DataFrame:
        return self._df(
            """SELECT shipment_id, sku, marketplace, quantity, mode, ship_date, eta, status
               FROM shipment WHERE status <> 'received' ORDER BY eta, shipment_id"""
        )

    def shipments(self) -> pd.DataFrame:
        return self._df("SELECT * FROM shipment ORDER BY coalesce(eta, ship_date), shipment_id")

    def learned_lead_times(self) -> pd.DataFrame:
        """Ship → received days per shipping mode, from received shipments."""
        return self._df(
            """SELECT mode, count(*) AS shipments,
                      median(received_date - ship_date) AS median_days,
                      quantile_cont(received_date - ship_date, 0.9) AS p90_days
               FROM shipment
               WHERE status = 'received' AND received_date IS NOT NULL AND ship_date IS NOT NULL
               GROUP BY mode ORDER BY mode"""
        )

    def lead_time_by_sku(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """Per (marketplace, SKU): ship → received days of its received sea/rail shipments (received on or
        before ``as_of`` when given): count, median, standard deviation and the list in ship-date order."""
        return self._df(
            """SELECT marketplace, sku, count(*) AS shipments,
                      median(received_date - ship_date) AS median_days,
                      stddev_samp(received_date - ship_date) AS sigma_days,
                      list(received_date - ship_date ORDER BY ship_date, shipment_id) AS lead_days
               FROM shipment
               WHERE status = 'received' AND received_date IS NOT NULL AND ship_date IS NOT NULL
                 AND mode NOT IN ('air', 'express') AND received_date >= ship_date
                 AND received_date <= coalesce(?, DATE '9999-12-31')
               GROUP BY marketplace, sku ORDER BY marketplace, sku""",
            [as_of],
        )

"""The streamed import of large order files: DuckDB reads, types and sums the lines to SKU-days.

A two-year All Orders file of a large catalogue has millions of lines: no pandas frame is built for them.
A clean file takes one pass from the reader to SKU-days (:meth:`BulkOrderImport.scan_orders_csv` from
disk, :meth:`BulkOrderImport.scan_orders_arrow` from batches read elsewhere), then
:meth:`BulkOrderImport.store_scanned_orders`; a file with a bad line is typed line by line into a staging
table (``stage_orders_*``), where each bad value keeps its line for the refusal, and
:meth:`BulkOrderImport.apply_staged_orders` stores the rest. Either way the import is one transaction,
logged and rebuilt like any other (:mod:`inventory_core.store.imports`).

Values reach DuckDB as bound parameters (paths, delimiters, channel names, marketplace codes, currencies,
the date span, statuses). The literals written into the SQL text are the code's own: the kinds of line and
the return statuses below, the bounds of :data:`inventory_core.store.fields.BOUNDS`, field names of
:data:`STAGE_FIELDS`, and the UTC offsets of :func:`offset_sql` (integer seconds and ``%Y-%m-%d %H:%M:%S``
moments from the time zone database, see :func:`inventory_core.store.marketplaces.zone_changes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pandas as pd

from inventory_core.store.fields import BOUNDS
from inventory_core.store.imports import LayerImports, log_import
from inventory_core.store.marketplaces import ZONE_YEARS
from inventory_core.store.schema import LAYERS

# Columns of an order line the streamed import reads (see Store.stage_orders_*).
STAGE_FIELDS = (
    "order_id",
    "purchase_date",
    "order_status",
    "item_status",
    "sales_channel",
    "sku",
    "asin",
    "quantity",
    "item_price",
    "currency",
)


@dataclass(frozen=True)
class OrdersScan:
    """What one pass over an order file found (see :meth:`Store.scan_orders_csv`)."""

    lines: int  # data lines the reader returned
    bad: int  # lines with a value the importer refuses
    unread: int  # lines the reader could not read (cell count, encoding)
    unmapped: tuple[str, ...]  # channels of lines with no marketplace, no loaded zone or a time outside it

    @property
    def clean(self) -> bool:
        return not (self.bad or self.unread or self.unmapped)


@dataclass(frozen=True)
class ScanMarket:
    """A marketplace of an order scan: its code (None for a channel that names none and no default), its
    currency, and its UTC offsets (:func:`inventory_core.store.marketplaces.zone_changes`)."""

    code: str | None
    currency: str | None
    changes: tuple[tuple[dt.datetime, dt.timedelta], ...]


# Kinds of lines of an order scan (``_order_days.kind``). A return is a line with a negative quantity or
# price, or a refunded/returned status: kept apart from the sales (issue 18: returns are not sales).
_OK, _CANCELLED, _UNMAPPED, _BAD, _RETURN = 0, 1, 2, 3, 4
# Order and item statuses of a return line (lower case).
RETURN_STATUSES = ("refunded", "refund", "returned", "return", "已退款", "退款", "退货", "已退货")
_RETURN_SQL = "(" + ", ".join("'" + r + "'" for r in RETURN_STATUSES) + ")"
# Purchase dates the one-pass and staged paths accept when the caller gives no span (see ``plausible``).
_NO_SPAN = (dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1))
# SKU-day rows of the lines of ``_order_days`` / a staged scan: units and revenue of the sale lines (0 when
# only cancelled lines, NULL when only returns), units and amounts of the return lines (NULL when none).
_SKU_DAY_SUMS = f"""
    max(asin) AS asin,
    CASE WHEN bool_or(kind IN ({_OK}, {_CANCELLED}))
        THEN coalesce(sum(units) FILTER (WHERE kind = {_OK}), 0) END AS units,
    CASE WHEN bool_or(kind IN ({_OK}, {_CANCELLED}))
        THEN coalesce(sum(revenue) FILTER (WHERE kind = {_OK}), 0) END AS revenue,
    max(currency) AS currency,
    sum(units) FILTER (WHERE kind = {_RETURN}) AS units_returned,
    sum(revenue) FILTER (WHERE kind = {_RETURN}) AS refunds
"""
# (units and revenue of a SKU-day's lines are summed as absolute values: a sale line is never negative, a
# return's quantity and amount count as returned whatever their sign)
_CASE_CHANNELS = 4


def _span(span: tuple[dt.datetime, dt.datetime]) -> dict[str, Any]:
    """Params ``lo``/``hi`` of the typed order lines: purchase times (UTC) outside [lo, hi) are refused."""
    return {"lo": span[0], "hi": span[1]}


def offset_sql(col: str, changes: Sequence[tuple[dt.datetime, dt.timedelta]]) -> str:
    """Seconds to add to the naive UTC timestamp ``col`` for local time: a binary search over the change
    moments as nested CASEs (about log2(changes) comparisons a line). NULL outside the changes' years."""

    def moment(at: dt.datetime) -> str:
        return f"TIMESTAMP '{at:%Y-%m-%d %H:%M:%S}'"

    def tree(items: Sequence[tuple[dt.datetime, dt.timedelta]]) -> str:
        if len(items) == 1:
            return str(int(items[0][1].total_seconds()))
        mid = len(items) // 2
        return (
            f"CASE WHEN {col} < {moment(items[mid][0])} THEN {tree(items[:mid])} ELSE {tree(items[mid:])} END"
        )

    end = dt.datetime(ZONE_YEARS[1], 1, 1)
    return f"CASE WHEN {col} >= {moment(changes[0][0])} AND {col} < {moment(end)} THEN {tree(changes)} END"


class BulkOrderImport(LayerImports):
    """The streamed order import (a part of ``Store``)."""

    _STAGE_ORDERS = """
        CREATE OR REPLACE TEMP TABLE _stage_orders (
            ts TIMESTAMP, channel VARCHAR, sku VARCHAR, asin VARCHAR, qty DOUBLE,
            price DOUBLE, currency VARCHAR, cancelled BOOLEAN, returned BOOLEAN,
            bad_field VARCHAR, bad_reason VARCHAR, bad_value VARCHAR)
    """

    @staticmethod
    def _csv_source(n_columns: int, positions: dict[str, int], *, max_line: bool = False) -> str:
        """The needed columns of a delimited file, by field, read with DuckDB's parallel CSV reader (params
        p0..p5: path, delimiter, quote, escape, lines before the data, column types; with ``max_line``, p6:
        the longest line read). Lines it cannot read (a cell count unlike the header's, bytes that are not
        UTF-8, a line over p6) go to ``_rej_errors``."""
        select = ", ".join(
            f'c{positions[f]} AS "{f}"' if f in positions else f'NULL::VARCHAR AS "{f}"' for f in STAGE_FIELDS
        )
        return f"""(SELECT {select}
                FROM read_csv($p0, delim = $p1, quote = $p2, escape = $p3, header = false, skip = $p4,
                              columns = $p5, auto_detect = false, ignore_errors = true, store_rejects = true,
                              rejects_table = '_rej_errors', rejects_scan = '_rej_scans'
                              {", max_line_size = $p6" if max_line else ""}))"""

    @staticmethod
    def _csv_params(path: str, delimiter: str, header_line: int, n_columns: int) -> dict[str, Any]:
        quote = '"' if delimiter == "," else ""
        columns = {f"c{i}": "VARCHAR" for i in range(n_columns)}
        return {"p0": path, "p1": delimiter, "p2": quote, "p3": quote, "p4": header_line, "p5": columns}

    def _drop_csv_rejects(self) -> None:
        # DuckDB appends to an existing rejects table: start each scan with none.
        self.cur.execute("DROP TABLE IF EXISTS _rej_errors")
        self.cur.execute("DROP TABLE IF EXISTS _rej_scans")

    def _csv_rejects(self) -> list[tuple[int, str]]:
        rows = self.cur.execute(
            "SELECT line, any_value(error_type) FROM _rej_errors GROUP BY line ORDER BY line"
        ).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def scan_orders_csv(
        self,
        path: str,
        *,
        delimiter: str,
        header_line: int,
        n_columns: int,
        positions: dict[str, int],
        cancelled: Sequence[str],
        max_chars: int,
        channels: Sequence[tuple[str, str | None]],
        markets: Sequence[ScanMarket],
        span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> OrdersScan:
        """Read an All Orders file in one pass from the CSV reader to SKU-days (kept in ``_order_days`` for
        :meth:`store_scanned_orders`; nothing is written to the database).

        ``channels``: (sales channel, trimmed and lower case, '' for none → marketplace code) in the order
        they are tried (the most frequent first). ``markets``: the code, currency and UTC offsets of the
        codes to read. Each line is sorted into ok, cancelled, bad (a value the staged path would refuse),
        or unmapped (a channel not listed or of a code not in ``markets``, or a time outside the years of
        the offsets). The scan is clean when every line is ok or cancelled and the reader could read every
        line; only a clean scan may be stored.
        """
        self._drop_csv_rejects()
        # No cell can be longer than max_chars when no line is: lines over it are left unread (the staged
        # path then finds the cell), so no line pays for a per-cell length check here.
        typed = self._typed_orders_sql(self._csv_source(n_columns, positions, max_line=True), lengths=False)
        params = {**self._csv_params(path, delimiter, header_line, n_columns), "p6": max_chars, **_span(span)}
        scan = self._scan_orders(typed, params, cancelled, channels, markets)
        return replace(scan, unread=len(self._csv_rejects()))

    def scan_orders_arrow(
        self,
        lines: Any,
        *,
        cancelled: Sequence[str],
        max_chars: int,
        channels: Sequence[tuple[str, str | None]],
        markets: Sequence[ScanMarket],
        span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> OrdersScan:
        """:meth:`scan_orders_csv` of order lines read elsewhere: an Arrow table or record batch reader
        (consumed once) with a string column per field of ``STAGE_FIELDS``. Lines the caller's reader
        skipped are the caller's to count."""
        self.cur.register("_order_lines", lines)
        try:
            typed = self._typed_orders_sql("_order_lines")
            return self._scan_orders(typed, {"max": max_chars, **_span(span)}, cancelled, channels, markets)
        finally:
            self.cur.unregister("_order_lines")

    def _scan_orders(
        self,
        typed: str,
        params: dict[str, Any],
        cancelled: Sequence[str],
        channels: Sequence[tuple[str, str | None]],
        markets: Sequence[ScanMarket],
    ) -> OrdersScan:
        cur = self.cur
        index = {m.code: i for i, m in enumerate(markets)}
        # Plain CASE expressions, not joins with a channel or zone table: a join probe per line costs more
        # than a few comparisons (the local day needs the offset at each line's own second).
        known = [(c, index[code]) for c, code in channels if code in index]
        head = known[:_CASE_CHANNELS]
        first = " ".join(f"WHEN $channel_{n}::VARCHAR THEN {i}" for n, (_, i) in enumerate(head))
        # The first channels (the head's, the most lines first) as a CASE; the rest by a list lookup, which
        # costs more a line but far less to plan than a CASE of every spelling of every marketplace.
        market = (
            f"coalesce(CASE coalesce(channel, '') {first} END, "
            f"list_extract($market_of, list_position($channel_names, coalesce(channel, ''))))"
            if first
            else "NULL::INTEGER"
        )
        by_zone: dict[tuple[tuple[dt.datetime, dt.timedelta], ...], list[int]] = {}
        for i, m in enumerate(markets):
            by_zone.setdefault(m.changes, []).append(i)  # one search per zone (US, CA and MX share one)
        offsets = " ".join(
            f"WHEN m IN ({', '.join(map(str, ids))}) THEN {offset_sql('ts', changes)}"
            for changes, ids in by_zone.items()
        )
        offsets = f"CASE {offsets} END" if offsets else "NULL::INTEGER"
        currency = " ".join(
            f"WHEN {i} THEN $currency_{i}::VARCHAR" for i, m in enumerate(markets) if m.currency
        )
        currency = f"CASE m {currency} END" if currency else "NULL::VARCHAR"
        codes = " ".join(f"WHEN {i} THEN $code_{i}::VARCHAR" for i, m in enumerate(markets) if m.code)
        codes = f"CASE m {codes} END" if codes else "NULL::VARCHAR"
        names = {
            **{f"channel_{n}": c for n, (c, _) in enumerate(head)},
            **{f"currency_{i}": m.currency for i, m in enumerate(markets) if m.currency},
            **{f"code_{i}": m.code for i, m in enumerate(markets) if m.code},
        }
        cur.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _order_days AS
            WITH lines AS (
                SELECT *, {offsets} AS offset_s
                FROM (SELECT t.*, {market} AS m FROM ({typed}) t)
            ),
            sorted AS (
                SELECT *, CASE WHEN bad_reason IS NOT NULL THEN {_BAD} WHEN offset_s IS NULL THEN {_UNMAPPED}
                               WHEN cancelled THEN {_CANCELLED} WHEN returned THEN {_RETURN} ELSE {_OK}
                               END AS kind
                FROM lines
            ),
            days AS (
                SELECT kind,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN})
                            THEN (ts + to_seconds(offset_s))::DATE END AS date,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN}) THEN m END AS m,
                       CASE WHEN kind IN ({_OK}, {_CANCELLED}, {_RETURN}) THEN sku END AS sku,
                       CASE WHEN kind = {_UNMAPPED} THEN coalesce(channel, '') END AS channel,
                       max(asin) AS asin, sum(abs(qty)) AS units, sum(abs(price)) AS revenue,
                       max(coalesce(currency, {currency})) AS currency, count(*) AS lines
                FROM sorted
                GROUP BY ALL
            )
            SELECT kind, date, {codes} AS marketplace, sku, channel, asin, units, revenue, currency, lines
            FROM days
            """,
            {
                **params,
                **names,
                "cancelled": list(cancelled),
                "channel_names": [c for c, _ in known[_CASE_CHANNELS:]] or [""],
                "market_of": [i for _, i in known[_CASE_CHANNELS:]] or [None],
            },
        )
        counts = dict(cur.execute("SELECT kind, sum(lines) FROM _order_days GROUP BY kind").fetchall())
        unmapped = cur.execute(
            f"SELECT DISTINCT channel FROM _order_days WHERE kind = {_UNMAPPED} ORDER BY 1"
        ).fetchall()
        return OrdersScan(
            lines=int(sum(counts.values())),
            bad=int(counts.get(_BAD, 0)),
            unread=0,
            unmapped=tuple(str(r[0]) for r in unmapped),
        )

    def store_scanned_orders(self, *, file_name: str, sha256: str, lines: int) -> tuple[int, int]:
        """Store a clean scan (:meth:`scan_orders_csv`, :meth:`scan_orders_arrow`) as one import (one
        transaction). Returns (import id, rows)."""
        layer = LAYERS["sales_orders"]
        with self.transaction() as cur:
            import_id = int(cur.execute("SELECT nextval('import_seq')").fetchall()[0][0])
            cur.execute(
                f"""INSERT INTO {layer.src_table} (import_id, source, date, marketplace, sku, asin, units,
                                                   revenue, currency, units_returned, refunds)
                    SELECT ?, 'all_orders', date, marketplace, sku, {_SKU_DAY_SUMS}
                    FROM _order_days WHERE kind IN ({_OK}, {_CANCELLED}, {_RETURN})
                    GROUP BY date, marketplace, sku""",
                [import_id],
            )
            rows = self._log_orders_import(cur, import_id, file_name, sha256, lines, None, None)
        return import_id, rows

    def drop_scanned_orders(self) -> None:
        self.cur.execute("DROP TABLE IF EXISTS _order_days")

    def stage_orders_begin(self) -> None:
        self.cur.execute(self._STAGE_ORDERS)

    def stage_orders_csv(
        self,
        path: str,
        *,
        delimiter: str,
        header_line: int,
        n_columns: int,
        positions: dict[str, int],
        cancelled: Sequence[str],
        max_chars: int = 32_767,
        span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> list[tuple[int, str]]:
        """Stage an order file straight from disk with DuckDB's parallel CSV reader (only the needed
        columns are parsed). Returns (line, DuckDB error type) of the rows it could not read: a cell count
        that differs from the header, or bytes that are not UTF-8."""
        self._drop_csv_rejects()
        # No row number here (it would double the cost): the staging table keeps the file's order, so its
        # rowid is the data row's index.
        self._stage_from(
            self._csv_source(n_columns, positions),
            {**self._csv_params(path, delimiter, header_line, n_columns), **_span(span)},
            cancelled,
            max_chars,
        )
        return self._csv_rejects()

    def stage_orders_batch(
        self,
        batch: Any,
        cancelled: Sequence[str],
        max_chars: int = 32_767,
        span: tuple[dt.datetime, dt.datetime] = _NO_SPAN,
    ) -> None:
        """Type one Arrow batch of order lines (columns named by field, plus ``row_idx``).

        The checks mirror the general importer: an empty order id, SKU or purchase date places the row
        nowhere ("empty"); a purchase date, quantity or price that does not read is a bad value.
        """
        self.cur.register("_batch", batch)
        self._stage_from("_batch", _span(span), cancelled, max_chars)
        self.cur.unregister("_batch")

    def _stage_from(
        self, source: str, params: dict[str, Any], cancelled: Sequence[str], max_chars: int
    ) -> None:
        """Type order lines from ``source`` (a registered batch or a CSV scan; constant SQL) into staging."""
        self.cur.execute(
            f"INSERT INTO _stage_orders {self._typed_orders_sql(source)}",
            {**params, "max": max_chars, "cancelled": list(cancelled)},
        )

    @staticmethod
    def _typed_orders_sql(source: str, *, lengths: bool = True) -> str:
        """Order lines of ``source`` typed and checked (params ``cancelled``: statuses; with ``lengths``,
        ``max``: the longest cell).

        Columns: ts (UTC), channel, sku, asin, qty, price, currency, cancelled, and for a line the general
        importer would refuse bad_field, bad_reason (empty, date, number, too_long) and bad_value.
        """

        def trimmed(col: str) -> str:  # trim() copies every string; most cells have nothing to trim
            return f"CASE WHEN {col} LIKE ' %' OR {col} LIKE '% ' THEN trim({col}) ELSE {col} END"

        cells = STAGE_FIELDS
        # a cell longer than any export has (a hostile file); bytes first, characters when needed
        long_cells = (
            f"""
            greatest({", ".join(f"strlen({c})" for c in cells)}) > $max AS maybe_long,
            {
                " ".join(f"WHEN maybe_long AND length({c}) > $max THEN '{c}'" for c in cells).join(
                    ("CASE ", " END")
                )
            }
                AS long_field,
            CASE WHEN maybe_long THEN greatest({", ".join(f"length({c})" for c in cells)}) END AS long_len
        """
            if lengths
            else "NULL::VARCHAR AS long_field, NULL::BIGINT AS long_len"
        )
        QUANTITY_MAX, MONEY_MAX = BOUNDS["quantity"], BOUNDS["item_price"]  # noqa: N806 - constants
        return f"""
            WITH b AS (
                SELECT nullif({trimmed("order_id")}, '') AS order_id,
                       nullif({trimmed("purchase_date")}, '') AS pd,
                       lower({trimmed("coalesce(order_status, '')")}) AS os,
                       lower({trimmed("coalesce(item_status, '')")}) AS ist,
                       nullif(lower({trimmed("sales_channel")}), '') AS channel,
                       nullif({trimmed("sku")}, '') AS sku,
                       upper({trimmed("coalesce(asin, '')")}) AS asin,
                       nullif({trimmed("quantity")}, '') AS q, nullif({trimmed("item_price")}, '') AS p,
                       nullif(upper({trimmed("currency")}), '') AS currency,
                       {long_cells}
                FROM {source}
            ), t AS (
                SELECT *, TRY_CAST(pd AS TIMESTAMPTZ)::TIMESTAMP AS ts,  -- UTC (session time zone)
                       TRY_CAST(replace(q, ',', '') AS DOUBLE) AS qty,
                       -- a plain number ("19.99", nearly every cell) as cast; others stripped to digits, dot
                       -- and minus (the regular expression costs a tenth of the read when run on every cell)
                       CASE WHEN isfinite(TRY_CAST(p AS DOUBLE))
                                 AND NOT contains(p, 'e') AND NOT contains(p, 'E')
                            THEN TRY_CAST(p AS DOUBLE)
                            ELSE TRY_CAST(regexp_replace(p, '[^0-9.\\-]', '', 'g') AS DOUBLE) END AS price
                FROM b
            )
            SELECT ts, channel, sku, asin, coalesce(qty, 0) AS qty, coalesce(price, 0) AS price, currency,
                   list_contains($cancelled, os) OR list_contains($cancelled, ist) AS cancelled,
                   qty < 0 OR price < 0 OR os IN {_RETURN_SQL} OR ist IN {_RETURN_SQL} AS returned,
                   CASE WHEN long_field IS NOT NULL THEN long_field
                        WHEN order_id IS NULL THEN 'order_id' WHEN pd IS NULL THEN 'purchase_date'
                        WHEN sku IS NULL THEN 'sku' WHEN ts IS NULL THEN 'purchase_date'
                        WHEN ts < $lo OR ts >= $hi THEN 'purchase_date'
                        WHEN q IS NOT NULL AND qty IS NULL THEN 'quantity'
                        WHEN p IS NOT NULL AND price IS NULL THEN 'item_price'
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} THEN 'quantity'
                        WHEN NOT abs(price) <= {MONEY_MAX} THEN 'item_price' END AS bad_field,
                   CASE WHEN long_field IS NOT NULL THEN 'too_long'
                        WHEN order_id IS NULL OR pd IS NULL OR sku IS NULL THEN 'empty'
                        WHEN ts IS NULL THEN 'date'
                        WHEN ts < $lo OR ts >= $hi THEN 'date_span'
                        WHEN (q IS NOT NULL AND qty IS NULL) OR (p IS NOT NULL AND price IS NULL)
                             THEN 'number'
                        -- beyond any real order line (a typo): refused like an unreadable number (issue 17)
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} OR NOT abs(price) <= {MONEY_MAX} THEN 'bound'
                        END AS bad_reason,
                   CASE WHEN long_field IS NOT NULL THEN long_len::VARCHAR
                        WHEN order_id IS NULL OR pd IS NULL OR sku IS NULL THEN ''
                        WHEN ts IS NULL OR ts < $lo OR ts >= $hi THEN pd
                        WHEN q IS NOT NULL AND qty IS NULL THEN q
                        WHEN p IS NOT NULL AND price IS NULL THEN p
                        WHEN NOT abs(qty) <= {QUANTITY_MAX} THEN q
                        WHEN NOT abs(price) <= {MONEY_MAX} THEN p END AS bad_value
            FROM t
        """

    def staged_orders_rejects(self, limit: int) -> tuple[int, pd.DataFrame]:
        cur = self.cur
        total = cur.execute("SELECT count(*) FROM _stage_orders WHERE bad_reason IS NOT NULL").fetchall()[0][
            0
        ]
        rows = self._df(
            """SELECT rowid AS row_idx, bad_field, bad_value, bad_reason FROM _stage_orders
               WHERE bad_reason IS NOT NULL ORDER BY rowid LIMIT ?""",
            [limit],
        )
        return int(total), rows

    def staged_orders_channels(self) -> list[str]:
        rows = self.cur.execute("SELECT DISTINCT coalesce(channel, '') FROM _stage_orders").fetchall()
        return [str(r[0]) for r in rows]

    def staged_orders_count(self) -> int:
        return int(self.cur.execute("SELECT count(*) FROM _stage_orders").fetchall()[0][0])

    def stage_orders_end(self) -> None:
        self.cur.execute("DROP TABLE IF EXISTS _stage_orders")

    def apply_staged_orders(
        self,
        *,
        file_name: str,
        sha256: str,
        channels: pd.DataFrame,
        rows_read: int,
        rejects: pd.DataFrame | None,
        note: str | None = None,
    ) -> tuple[int, int]:
        """Aggregate the staged order lines to SKU-days (local marketplace days) and store them as one
        import in one transaction. ``channels``: channel (lower case, '' for none) → code, tz, currency.
        Returns (import id, rows stored)."""
        layer = LAYERS["sales_orders"]
        with self.transaction() as cur:
            import_id = int(cur.execute("SELECT nextval('import_seq')").fetchall()[0][0])
            cur.register("_channels", channels)
            cur.execute(
                f"""
                INSERT INTO {layer.src_table} (import_id, source, date, marketplace, sku, asin, units,
                                               revenue, currency, units_returned, refunds)
                -- Local day = UTC time + the zone's offset in that hour: the offset is looked up once per
                -- distinct hour (thousands), not per order line (millions).
                WITH lines AS (
                    SELECT s.*, m.code, m.tz, m.currency AS market_currency, date_trunc('hour', s.ts) AS h,
                           CASE WHEN s.cancelled THEN {_CANCELLED} WHEN s.returned THEN {_RETURN}
                                ELSE {_OK} END AS kind
                    FROM _stage_orders s JOIN _channels m ON m.channel = coalesce(s.channel, '')
                    WHERE s.bad_reason IS NULL
                ),
                shift AS (
                    SELECT tz, h, (h::TIMESTAMPTZ AT TIME ZONE tz) - h AS offset_
                    FROM (SELECT DISTINCT tz, h FROM lines)
                ),
                days AS (
                    SELECT (l.ts + sh.offset_)::DATE AS date, l.code AS marketplace, l.sku, l.kind,
                           max(l.asin) AS asin, sum(abs(l.qty)) AS units, sum(abs(l.price)) AS revenue,
                           max(coalesce(l.currency, l.market_currency)) AS currency
                    FROM lines l JOIN shift sh USING (tz, h)
                    GROUP BY ALL
                )
                SELECT ?, 'all_orders', date, marketplace, sku, {_SKU_DAY_SUMS}
                FROM days GROUP BY date, marketplace, sku
                """,
                [import_id],
            )
            cur.unregister("_channels")
            rows_loaded = self._log_orders_import(cur, import_id, file_name, sha256, rows_read, rejects, note)
        self.stage_orders_end()
        return import_id, rows_loaded

    def _log_orders_import(
        self,
        cur: duckdb.DuckDBPyConnection,
        import_id: int,
        file_name: str,
        sha256: str,
        rows_read: int,
        rejects: pd.DataFrame | None,
        note: str | None,
    ) -> int:
        """The import_log row (and rejected lines) of an order import whose rows are in the source layer;
        rebuilds the days it covers. Returns the rows stored."""
        layer = LAYERS["sales_orders"]
        stats = cur.execute(
            f"SELECT count(*), min(date), max(date), count(DISTINCT marketplace), any_value(marketplace)"
            f" FROM {layer.src_table} WHERE import_id = ?",
            [import_id],
        ).fetchall()[0]
        rows_loaded, start, end, n_markets, market = stats
        log_import(
            cur,
            import_id,
            file_name,
            sha256,
            "all_orders",
            market if n_markets == 1 else None,
            start,
            end,
            rows_read,
            int(rows_loaded),
            rejects,
            note,
        )
        self._rebuild_for_imports(cur, [import_id], ["sales_orders"])
        return int(rows_loaded)

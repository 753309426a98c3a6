"""Large All Orders files, streamed through DuckDB instead of pandas.

A two-year All Orders file of a 10,000-SKU catalogue is ~800 MB and four million lines; the general path
would hold it several times over in memory. Here the head is checked (:func:`plan_stream`: kind, header,
date and number formats; the importer shows it through the general path as the upload page's preview),
then :func:`commit_stream` sends a clean file in one pass from DuckDB's CSV reader (on disk) or pyarrow's
batches (in memory) to SKU-days in SQL; a file with a bad or unreadable line is typed into a staging table,
where each bad value keeps its line for the refusal. tests/test_stream_import.py proves the paths store the
same rows as the general path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from inventory_core.i18n import t
from inventory_core.ingest import parsing
from inventory_core.ingest.cells import TZ_SUFFIX, match_file, plausible_span
from inventory_core.ingest.contract import (
    MAX_REJECTS_KEPT,
    ImportOptions,
    ImportRefused,
    ImportResult,
    Prepared,
    Progress,
    Source,
    Stream,
    after_import_lines,
    already_imported,
    short,
)
from inventory_core.ingest.frames import CANCELLED
from inventory_core.ingest.reports import ReportKind, header_score
from inventory_core.store import STAGE_FIELDS, OrdersScan, ScanMarket, Store
from inventory_core.store.marketplaces import (
    currency_of,
    known_names,
    marketplace_code,
    timezone_of,
    zone_changes,
)

HEAD_BYTES = 64 * 2**10  # the head checked (and previewed) before a large file is streamed
_STREAM_BLOCK = 16 * 2**20
_STREAM_FIELDS = STAGE_FIELDS
_DECIMAL_COMMA = re.compile(r",\d{1,2}\s*$")


@dataclass(frozen=True)
class Head:
    """The checked head of a large All Orders file: its whole lines, as read, and its report kind."""

    data: bytes
    table: parsing.RawTable
    kind: ReportKind


def plan_stream(
    src: Source,
    file_name: str,
    options: ImportOptions,
    pending: Future[str] | None = None,
) -> tuple[Stream, Head] | None:
    """Check the head of a large file; when it is a plain All Orders flat file, the plan to stream it (else
    None: the general path reads it)."""
    head = src.head(HEAD_BYTES)
    head = head[: head.rfind(b"\n") + 1] or head
    try:
        raw = parsing.read_table(head, file_name, header_score=header_score)
    except parsing.ParseError:
        return None
    if raw.encoding not in ("utf-8", "utf-8-sig", "ascii") or raw.delimiter not in ("\t", ","):
        return None
    match = match_file(raw, file_name, options)
    if match.kind.kind != "all_orders" or raw.data.empty:
        return None
    columns = dict(match.columns)
    dates = raw.data[f"c{columns['purchase_date']}"].dropna().astype(str).str.strip()
    if dates.empty or not dates.str.contains(TZ_SUFFIX).all():
        return None  # local times or other formats: the general path decides the date format
    if "item_price" in columns:
        prices = raw.data[f"c{columns['item_price']}"].dropna().astype(str)
        if prices.str.contains(_DECIMAL_COMMA).any():
            return None
    kept = {f: p for f, p in columns.items() if f in _STREAM_FIELDS}
    channels = (
        raw.data[f"c{columns['sales_channel']}"]
        .fillna("")
        .astype(str)
        .str.strip()
        .str.lower()
        .value_counts(sort=True)
        .index.tolist()
        if "sales_channel" in columns
        else []
    )
    # Lines of the whole file estimated from the head (the commit counts them exactly).
    estimate = round((head.count(b"\n") - raw.header_line) * src.size / max(len(head), 1))
    span = plausible_span(
        pd.to_datetime(dates, utc=True, errors="coerce", format="ISO8601").dt.tz_convert(None)
    )
    stream = Stream(
        src.source,
        raw.delimiter,
        raw.header_line,
        raw.header,
        tuple(kept.items()),
        options,
        tuple(dict.fromkeys([*channels, ""])),
        estimate,
        span,
        pending,
    )
    return stream, Head(head, raw, match.kind)


def _stream_batches(stream: Stream, ragged: list[str]) -> Iterator[tuple[Any, float]]:
    """Arrow batches of the needed columns (named by field) of a file in memory (a file on disk is read by
    DuckDB), and the share of its lines read so far."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    def on_invalid(row: Any) -> str:
        ragged.append(str(row.text)[:200])
        return "skip"

    fields = dict(stream.columns)
    assert isinstance(stream.source, bytes)
    source = pa.BufferReader(stream.source)
    names = [f"f{pos}" for pos in fields.values()]
    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(
            skip_rows=stream.header_line,
            autogenerate_column_names=True,
            block_size=_STREAM_BLOCK,
            encoding="utf8",
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=stream.delimiter,
            quote_char='"' if stream.delimiter == "," else False,
            invalid_row_handler=on_invalid,
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=names, column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
        ),
    )
    rows = 0
    try:
        for batch in reader:
            n = batch.num_rows
            rows += n
            arrays = [
                batch.column(f"f{fields[name]}") if name in fields else pa.nulls(n, pa.string())
                for name in _STREAM_FIELDS
            ]
            # by lines (the reader's position in the file runs far ahead of the batches it has returned)
            yield (
                pa.record_batch(arrays, names=list(_STREAM_FIELDS)),
                min(rows / max(stream.lines_estimate, 1), 0.99),
            )
    finally:
        source.close()


def _first_non_utf8_line(stream: Stream) -> int | None:
    data = stream.source if isinstance(stream.source, bytes) else stream.source.read_bytes()
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def _ragged_lines(stream: Stream, limit: int) -> list[int]:
    """Line numbers of rows whose cell count differs from the header's (only read when there are any)."""
    width = len(stream.header)
    data = stream.source if isinstance(stream.source, bytes) else stream.source.read_bytes()
    sep = stream.delimiter.encode()
    out: list[int] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if number <= stream.header_line or not line.strip():
            continue
        if line.count(sep) + 1 != width:
            out.append(number)
            if len(out) >= limit:
                break
    return out


def _with_digest(store: Store, prepared: Prepared) -> Prepared:
    """``prepared`` with its digest known and ``already`` set when an active import has the same bytes."""
    stream = prepared.stream
    if stream is None or stream.digest is None:
        return prepared
    digest = stream.digest.result()
    already = store.find_active_import(digest)
    return replace(prepared, sha256=digest, already=already, stream=replace(stream, digest=None))


def _channel_code(channel: str, default: str | None) -> str | None:
    """The marketplace of a sales channel; a channel that names none (``Non-Amazon``, empty) belongs to the
    file's marketplace."""
    return marketplace_code(channel) or default


def _channel_frame(channels: Iterable[str], default: str | None) -> pd.DataFrame:
    """Sales channel (trimmed, lower case) → marketplace code, time zone and currency."""
    rows = []
    for channel in sorted(set(channels)):
        code = _channel_code(channel, default)
        rows.append((channel, code, timezone_of(code or ""), currency_of(code or "")))
    return pd.DataFrame(rows, columns=["channel", "code", "tz", "currency"]).astype(object)


def _scan_markets(channels: Iterable[str], default: str | None, zones: set[str]) -> list[ScanMarket]:
    """The marketplaces ``channels`` name whose time zone is in ``zones``, with their UTC offsets."""
    codes = dict.fromkeys(_channel_code(c, default) for c in channels)
    return [
        ScanMarket(code, currency_of(code or ""), zone_changes(tz))
        for code in codes
        if (tz := timezone_of(code or "")) in zones
    ]


def _commit_one_pass(store: Store, prepared: Prepared, progress: Progress) -> ImportResult | None:
    """A clean order file in one pass (``Store.scan_orders_csv`` for a file on disk, ``scan_orders_arrow``
    for one in memory); None when a line needs the staged path (a bad value or unreadable line keeps its line
    number there).

    Channels are every spelling of every marketplace plus the head's channels; offsets are loaded for the
    zones of the head's marketplaces. A channel or zone first seen after the head costs one more pass.
    """
    stream = prepared.stream
    assert stream is not None
    default = stream.options.marketplace
    # The head's channels first, in order of lines (the CASE that maps them tries them in this order).
    channels = dict.fromkeys([*stream.head_channels, *known_names()])
    zones = {timezone_of(_channel_code(c, default) or "") for c in stream.head_channels}
    max_chars = parsing.ReadLimits.from_env().max_cell_chars
    progress(0.1, "read")
    for _ in range(2):
        scanned = _scan_once(
            store,
            stream,
            [(c, _channel_code(c, default)) for c in channels],
            _scan_markets(channels, default, zones),
            max_chars,
            progress,
        )
        try:
            if scanned is None:
                return None  # the reader stopped (bytes that are not UTF-8): the staged path finds the line
            if scanned.clean:
                progress(0.8, "store")
                known = _with_digest(store, prepared)
                if known.already is not None:
                    return already_imported(known)
                import_id, rows = store.store_scanned_orders(
                    file_name=known.file_name, sha256=known.sha256, lines=scanned.lines
                )
                progress(1.0, "done")
                return ImportResult(
                    "imported",
                    known.file_name,
                    "all_orders",
                    import_id,
                    rows,
                    0,
                    (),
                    after_import_lines(store, import_id, "all_orders"),
                )
        finally:
            store.drop_scanned_orders()
        if scanned.bad or scanned.unread:
            return None
        seen = set(scanned.unmapped)
        seen_zones = {timezone_of(_channel_code(c, default) or "") for c in seen}
        if seen <= channels.keys() and seen_zones <= zones:
            return None  # times outside the years of the offsets
        channels.update(dict.fromkeys(sorted(seen)))
        zones |= seen_zones
    return None


def _scan_once(
    store: Store,
    stream: Stream,
    channels: list[tuple[str, str | None]],
    markets: list[ScanMarket],
    max_chars: int,
    progress: Progress,
) -> OrdersScan | None:
    """One pass over the file, reporting the share read meanwhile (0.1–0.8 of the import)."""
    cancelled = sorted(CANCELLED)
    if isinstance(stream.source, Path):
        path = str(stream.source)

        def scan() -> OrdersScan:
            return store.scan_orders_csv(
                path,
                delimiter=stream.delimiter,
                header_line=stream.header_line,
                n_columns=len(stream.header),
                positions=dict(stream.columns),
                cancelled=cancelled,
                max_chars=max_chars,
                channels=channels,
                markets=markets,
                span=stream.span,
            )

        return store.watched(scan, lambda done: progress(0.1 + 0.7 * (done or 0.0), "read"))
    import pyarrow as pa

    ragged: list[str] = []
    read = [0.0]

    def batches() -> Iterator[Any]:
        for batch, share in _stream_batches(stream, ragged):
            read[0] = share
            yield batch

    schema = pa.schema([(name, pa.string()) for name in _STREAM_FIELDS])
    lines = pa.RecordBatchReader.from_batches(schema, batches())
    try:
        scanned = store.watched(
            lambda: store.scan_orders_arrow(
                lines,
                cancelled=cancelled,
                max_chars=max_chars,
                channels=channels,
                markets=markets,
                span=stream.span,
            ),
            lambda _: progress(0.1 + 0.7 * read[0], "read"),
        )
    except Exception:  # pyarrow's ArrowInvalid through DuckDB: bytes that are not UTF-8 (the staged path
        store.drop_scanned_orders()  # reads the file again and refuses it with the line, or raises the error)
        return None
    return replace(scanned, unread=len(ragged))


def _forward_only(progress: Progress) -> Progress:
    high = [0.0]

    def report(fraction: float, stage: str) -> None:
        high[0] = max(high[0], fraction)
        progress(high[0], stage)

    return report


def _mixed_encoding(file_name: str, line: int) -> ImportRefused:
    return ImportRefused(
        file_name,
        "unreadable",
        reason_key="parse.mixed_encoding",
        reason="mixed encodings",
        line=line,
        encoding="UTF-8",
    )


def commit_stream(store: Store, prepared: Prepared, progress: Progress) -> ImportResult:
    """Store a prepared large order file: in one pass when it is clean, else through the staging table, where
    a bad line is refused (or, with ``allow_partial``, kept in the rejects) with its line number."""
    stream = prepared.stream
    assert stream is not None
    options = stream.options
    progress = _forward_only(
        progress
    )  # a second pass, or the staged path after one, never moves the bar back
    done = _commit_one_pass(store, prepared, progress)
    if done is not None:
        return done
    prepared = _with_digest(store, prepared)
    if prepared.already is not None:
        return already_imported(prepared)
    header_of = {name: stream.header[pos] for name, pos in stream.columns}
    ragged: list[str] = []
    max_chars = parsing.ReadLimits.from_env().max_cell_chars
    store.stage_orders_begin()
    try:
        if isinstance(stream.source, Path):
            progress(0.1, "read")
            unread = store.stage_orders_csv(
                str(stream.source),
                delimiter=stream.delimiter,
                header_line=stream.header_line,
                n_columns=len(stream.header),
                positions=dict(stream.columns),
                cancelled=sorted(CANCELLED),
                max_chars=max_chars,
                span=stream.span,
            )
            encoding = [
                line for line, kind in unread if "ENCODING" in kind.upper() or "UNICODE" in kind.upper()
            ]
            if encoding:
                raise _mixed_encoding(prepared.file_name, encoding[0])
            ragged_lines = [line for line, _ in unread]
            ragged = [""] * len(ragged_lines)
        else:
            try:
                for batch, share in _stream_batches(stream, ragged):
                    store.stage_orders_batch(batch, sorted(CANCELLED), max_chars, stream.span)
                    progress(0.05 + 0.75 * share, "read")
            except Exception as exc:  # pyarrow's ArrowInvalid: bytes that are not UTF-8
                line = _first_non_utf8_line(stream)
                if line is None:
                    raise
                raise _mixed_encoding(prepared.file_name, line) from exc
            ragged_lines = _ragged_lines(stream, MAX_REJECTS_KEPT) if ragged else []
        total_bad, bad = store.staged_orders_rejects(MAX_REJECTS_KEPT)
        rejects = pd.DataFrame(
            {
                "line": bad["row_idx"].astype("int64") + stream.header_line + 1,
                "column": bad["bad_field"].map(header_of).fillna(bad["bad_field"]),
                "value": bad["bad_value"].fillna("").map(short),
                "reason": bad["bad_reason"],
            }
        )
        if ragged_lines:
            # Staged rows are numbered without the skipped ragged rows: move each bad value's line past
            # the ragged lines before it.
            skipped = np.asarray(ragged_lines)
            lines = rejects["line"].to_numpy()
            for _ in range(2):  # a shifted line may pass further ragged lines
                lines = rejects["line"].to_numpy() + np.searchsorted(skipped, lines, side="right")
            rejects["line"] = lines
            rejects = (
                pd.concat(
                    [
                        rejects,
                        pd.DataFrame(
                            {
                                "line": ragged_lines[:MAX_REJECTS_KEPT],
                                "column": "",
                                "value": [short(t) for t in ragged[: len(ragged_lines)]],
                                "reason": "columns",
                            }
                        ),
                    ],
                    ignore_index=True,
                )
                .sort_values("line", kind="stable")
                .reset_index(drop=True)
            )
            total_bad += len(ragged_lines)
        too_long = rejects[rejects["reason"] == "too_long"]
        if len(too_long):
            # A cell longer than any export has: a hostile or broken file, refused whole.
            first = too_long.iloc[0]
            raise ImportRefused(
                prepared.file_name,
                "unreadable",
                reason_key="parse.cell_too_long",
                reason="",
                line=int(first["line"]),
                column=short(str(first["column"])),
                n=f"{int(first['value']):,}",
                limit=f"{max_chars:,}",
            )
        if total_bad and not options.allow_partial:
            first = rejects.iloc[0]
            raise ImportRefused(
                prepared.file_name,
                f"bad_{first['reason']}",
                line=int(first["line"]),
                column=short(str(first["column"])),
                value=str(first["value"]),
                more=int(total_bad) - 1,
            )
        progress(0.85, "store")
        channel_frame = _channel_frame(store.staged_orders_channels(), options.marketplace)
        rows_read = store.staged_orders_count() + len(ragged)
        notes = (t("import.note.rejected", "en", n=int(total_bad)),) if total_bad else ()
        import_id, rows = store.apply_staged_orders(
            file_name=prepared.file_name,
            sha256=prepared.sha256,
            channels=channel_frame,
            rows_read=rows_read,
            rejects=rejects if len(rejects) else None,
            note="; ".join(notes) or None,
        )
    finally:
        store.stage_orders_end()
    progress(1.0, "done")
    return ImportResult(
        "imported",
        prepared.file_name,
        "all_orders",
        import_id,
        rows,
        int(total_bad),
        notes,
        after_import_lines(store, import_id, "all_orders"),
    )

"""Import one export file: recognise its kind, read every value, and store it in one transaction.

The steps are split so the UI can preview before committing: :func:`prepare` reads and validates a file
(nothing is written), :func:`commit` stores a prepared file, :func:`import_file` does both. This module is
the importer's public face and its router; the work is done by :mod:`~inventory_core.ingest.cells` (typed
values and rejects), :mod:`~inventory_core.ingest.frames` (canonical rows per report kind) and
:mod:`~inventory_core.ingest.orders` (large All Orders files streamed through DuckDB), on the types of
:mod:`~inventory_core.ingest.contract`; the names callers use are re-exported here (``__all__``).

A file with a value that cannot be read is refused whole by default, with the file, line, column and value
named; ``allow_partial=True`` imports the good rows and keeps the rejected ones in ``import_reject``.
Rejected rows are dropped *before* the rows of a layer are built, so a rejected line of a period report
never reaches any of the days it would have been spread over.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pandas as pd

from inventory_core.i18n import t
from inventory_core.ingest import orders, parsing
from inventory_core.ingest.cells import match_file, read_cells, validate
from inventory_core.ingest.contract import (
    MAX_REJECTS_KEPT,
    ImportOptions,
    ImportRefused,
    ImportResult,
    Note,
    Prepared,
    Progress,
    Source,
    after_import_lines,
    already_imported,
    no_rejects,
    note,
    note_text,
    sha256_of,
    short,
)
from inventory_core.ingest.frames import (
    Context,
    PeriodProposal,
    build,
    business_report_period,
    period_note,
    propose_period,
)
from inventory_core.ingest.reports import KINDS_BY_NAME, header_score
from inventory_core.store import Store

# The importer's public face (pages, ui, cli, demo and tests import these from here).
__all__ = [
    "STREAM_MIN_BYTES",
    "ImportOptions",
    "ImportRefused",
    "ImportResult",
    "Note",
    "PeriodProposal",
    "Prepared",
    "Progress",
    "commit",
    "import_file",
    "note_text",
    "period_note",
    "prepare",
    "propose_period",
    "sha256_of",
]

STREAM_MIN_BYTES = 4 * 2**20  # smaller files take the general path (fast enough, and a full preview)


def _nothing(_fraction: float, _message: str) -> None:
    return None


def _refuse_unreadable(file_name: str, exc: parsing.ParseError) -> ImportRefused:
    params: dict[str, object] = {"reason": exc.reason, "reason_key": exc.code, **exc.params}
    if exc.line is not None:
        params["line"] = exc.line
    return ImportRefused(file_name, "unreadable", **params)


def prepare(
    data: bytes,
    file_name: str,
    store: Store | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read and validate one file without writing anything. Raises :class:`ImportRefused`."""
    return _prepare(Source(data), file_name, store, options, progress)


def _prepare(
    src: Source,
    file_name: str,
    store: Store | None,
    options: ImportOptions | None,
    progress: Progress | None,
    *,
    allow_stream: bool = True,
    raw_table: parsing.RawTable | None = None,
    defer_digest: bool = False,
) -> Prepared:
    options = options or ImportOptions()
    progress = progress or _nothing
    if src.size > options.max_bytes:
        raise ImportRefused(
            file_name,
            "too_large",
            size_mb=round(src.size / 2**20, 1),
            limit_mb=round(options.max_bytes / 2**20, 1),
        )
    stream_it = (
        allow_stream
        and src.size >= STREAM_MIN_BYTES
        and not options.mapping
        and options.kind in (None, "all_orders")
    )
    if stream_it and defer_digest and isinstance(src.source, Path):
        pending = _hash_in_background(src)
        streamed = _prepare_stream(src, file_name, "", options, pending, preview=False)
        if streamed is not None:
            return streamed  # commit checks the digest against earlier imports once it is known
        digest = pending.result()
    else:
        digest = src.sha256()
    if store is not None:
        already = store.find_active_import(digest)
        if already is not None:
            return Prepared(
                file_name,
                digest,
                KINDS_BY_NAME.get(already.kind),
                {},
                no_rejects(),
                0,
                already.marketplace,
                already.period_start,
                already.period_end,
                (),
                already,
            )
    if stream_it:
        streamed = _prepare_stream(src, file_name, digest, options)
        if streamed is not None:
            return streamed
    data = src.read()
    if options.period is not None and options.period[0] > options.period[1]:
        raise ImportRefused(file_name, "bad_period", start=options.period[0], end=options.period[1])
    progress(0.05, "read")
    try:
        raw = raw_table or parsing.read_table(data, file_name, header_score=header_score, sheet=options.sheet)
    except parsing.ParseError as exc:
        raise _refuse_unreadable(file_name, exc) from exc
    if options.mapping:
        renamed = dict(options.mapping)
        raw = replace(raw, header=tuple(renamed.get(h, h) for h in raw.header))
    match = match_file(raw, file_name, options)
    kind = match.kind
    if kind.kind == "business_report_by_date":
        raise ImportRefused(file_name, "account_level")
    if raw.data.empty:
        raise ImportRefused(file_name, "no_rows", kind=kind.title)
    progress(0.35, "parse")
    values = read_cells(raw, match, options)
    validate(values)
    rejects = pd.concat(values.rejects, ignore_index=True) if values.rejects else no_rejects()
    rejects = rejects.sort_values(["line", "column"], kind="stable").reset_index(drop=True)
    if len(rejects) and not options.allow_partial:
        first = rejects.iloc[0]
        raise ImportRefused(
            file_name,
            f"bad_{first['reason']}",
            line=int(first["line"]),
            column=short(str(first["column"])),
            value=short(str(first["value"])),
            more=len(rejects) - 1,
        )
    if values.bad_rows.any():
        values = values.good_only()
    progress(0.6, "build")
    snapshot, snapshot_from = _snapshot_day(file_name, options)
    ctx = Context(file_name, options, store, snapshot)
    layer_name = kind.layer
    frame = build(values, ctx)
    marketplace = _single(frame, "marketplace")
    period_start, period_end = _frame_period(frame, layer_name)
    if kind.period == "file":
        period_start, period_end = business_report_period(ctx)
    notes: list[str] = []
    if len(rejects):
        notes.append(t("import.note.rejected", "en", n=len(rejects)))
    undated = (
        layer_name == "inventory"
        and not values.has("snapshot_date")
        and not kind.kind.startswith("template_")
    )
    if undated and snapshot_from == "file_day":
        ctx.lines.append(note("import.note.snapshot_from_file_time", date=snapshot))
    if kind.period == "file":
        proposal = propose_period(file_name, options.period)
        if proposal is not None:
            notes.append(period_note(proposal))
    return Prepared(
        file_name,
        digest,
        kind,
        {layer_name: frame},
        rejects.head(MAX_REJECTS_KEPT),
        len(raw.data),
        marketplace,
        period_start,
        period_end,
        tuple(notes),
        lines=tuple(ctx.lines),
        snapshot_assumed=undated and snapshot_from == "today",
    )


def _prepare_stream(
    src: Source,
    file_name: str,
    digest: str,
    options: ImportOptions,
    pending: Future[str] | None = None,
    *,
    preview: bool = True,
) -> Prepared | None:
    """A large plain All Orders flat file prepared for streaming (see :mod:`~inventory_core.ingest.orders`);
    None when the general path reads it."""
    planned = orders.plan_stream(src, file_name, options, pending)
    if planned is None:
        return None
    stream, head = planned
    # For a preview (``prepare``, the upload page) the head goes through the general path. ``import_file``
    # shows none: the scan checks every line with the same rules.
    frames: dict[str, pd.DataFrame] = {}
    rejects, marketplace = no_rejects(), None
    if preview:
        shown = _prepare(
            Source(head.data),
            file_name,
            None,
            replace(options, allow_partial=True),
            None,
            allow_stream=False,
            raw_table=head.table,
        )
        frames, rejects, marketplace = shown.frames, shown.rejects, shown.marketplace
    return Prepared(
        file_name,
        digest,
        head.kind,
        frames,
        rejects,
        stream.lines_estimate,
        marketplace,
        None,
        None,
        (),
        None,
        stream,
    )


def _hash_in_background(src: Source) -> Future[str]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
    try:
        return pool.submit(src.sha256)  # hashlib releases the GIL on large blocks
    finally:
        pool.shutdown(wait=False)


def _single(frame: pd.DataFrame, col: str) -> str | None:
    if col not in frame.columns or frame.empty:
        return None
    uniq = frame[col].dropna().unique()
    return str(uniq[0]) if len(uniq) == 1 else None


def _frame_period(frame: pd.DataFrame, layer: str) -> tuple[dt.date | None, dt.date | None]:
    col = {"inventory": "snapshot_date", "shipment": "eta"}.get(layer, "date")
    if col not in frame.columns or frame.empty:
        return None, None
    dates = pd.to_datetime(frame[col]).dropna()
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def _snapshot_day(file_name: str, options: ImportOptions) -> tuple[dt.date, str]:
    """The day a stock report without a date column was taken, and where it came from: the user's, a date in
    the file name, the file's modification day (its download), else today (``today``: the upload page
    asks)."""
    if options.snapshot_date is not None:
        return options.snapshot_date, "user"
    sniffed = parsing.sniff_period_from_filename(file_name)
    if sniffed:
        return sniffed[1], "name"
    if options.file_day is not None:
        return options.file_day, "file_day"
    return dt.date.today(), "today"


def commit(store: Store, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    """Store a prepared file in one transaction (or report that it was already imported)."""
    with store.session(write=True):  # one connection for the whole import: its staging tables live on it
        return _commit(store, prepared, progress)


def _commit(store: Store, prepared: Prepared, progress: Progress | None = None) -> ImportResult:
    progress = progress or _nothing
    kind = prepared.kind.kind if prepared.kind else "unknown"
    if prepared.already is not None:
        return already_imported(prepared)
    # The same bytes may have been committed since this file was prepared (two uploads of one file).
    already = store.find_active_import(prepared.sha256)
    if already is not None:
        return already_imported(replace(prepared, already=already))
    if prepared.stream is not None:
        return orders.commit_stream(store, prepared, progress)
    progress(0.7, "store")
    import_id = store.apply_import(
        file_name=prepared.file_name,
        sha256=prepared.sha256,
        kind=kind,
        frames=prepared.frames,
        marketplace=prepared.marketplace,
        period_start=prepared.period_start,
        period_end=prepared.period_end,
        rows_read=prepared.rows_read,
        rejects=prepared.rejects if len(prepared.rejects) else None,
        note="; ".join(prepared.notes) or None,
    )
    progress(1.0, "done")
    return ImportResult(
        "imported",
        prepared.file_name,
        kind,
        import_id,
        prepared.rows,
        len(prepared.rejects),
        prepared.notes,
        (*prepared.lines, *after_import_lines(store, import_id, kind)),
    )


def import_file(
    store: Store,
    source: str | Path | bytes,
    file_name: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Prepare and commit one file. Raises :class:`ImportRefused` with a one-line reason."""
    if isinstance(source, bytes):
        src, name = Source(source), file_name or "upload"
    else:
        path = Path(source)
        name = file_name or path.name
        try:
            src = Source(path)
            day = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
        except OSError as exc:
            raise ImportRefused(name, "io", reason=exc.strerror or type(exc).__name__) from exc
        options = replace(options or ImportOptions(), file_day=(options.file_day if options else None) or day)
    try:
        prepared = _prepare(src, name, store, options, progress, defer_digest=True)
    except OSError as exc:
        raise ImportRefused(name, "io", reason=exc.strerror or type(exc).__name__) from exc
    return commit(store, prepared, progress)

"""App-layer pieces of the upload page: the per-file preview panel (period and column-mapping forms), the
import with its progress bar, the undo callback and the demo loader.

Widgets and session state live here; every decision is a call into :mod:`inventory_core.ingest.importer` or
:mod:`inventory_core.views.upload`. Prepared files are kept in session state by content hash, options and
data version (:func:`prepare_cached`), so moving a date or a mapping select re-reads only the file it
belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from inventory_core.demo import build_demo_db
from inventory_core.ingest.importer import (
    ImportOptions,
    ImportRefused,
    ImportResult,
    Note,
    PeriodProposal,
    Prepared,
    commit,
    note_text,
    prepare,
    propose_period,
    sha256_of,
)
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.store import StoreError, default_db_path
from inventory_core.views import upload as core
from ui.core import get_store, invalidate, store, version
from ui.view import T, lang

PREVIEW_ROWS = 10
# Refusals a column mapping can fix: the header is not a known report's.
MAPPABLE = ("unknown", "unknown_columns")


@dataclass(frozen=True)
class Ready:
    """A file recognised and previewed, waiting for the Import button."""

    prepared: Prepared
    header: tuple[str, ...] = ()  # set when the file was imported through a column mapping
    kind: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What one import did (kept in the session so the rerun after the import can show it)."""

    file_name: str
    status: str  # imported | skipped | failed
    import_id: int | None = None
    rows: int = 0
    rejected: int = 0
    reason: str = ""
    lines: tuple[Note, ...] = ()  # kept rows of other imports, returns kept apart ... (translated on display)


PREPARED = "upload_prepared"  # session state: {(db path, data version, sha, name, options): outcome}
MAX_PREPARED = 8  # a few files, each with an attempt or two (the bare file, then with its period)
DIGESTS = "upload_digests"  # session state: {uploader file_id: SHA-256 of the file}


def prepare_cached(data: bytes, name: str, options: ImportOptions, sha: str) -> Prepared:
    """The file (``sha`` its digest, from :func:`unique_files`) prepared once per session for this database,
    data version, content, name and options.

    Kept in this session's state, not ``st.cache_data``: that would pickle and unpickle the prepared frames
    (of a file up to 1 GB) on every rerun. A refusal is kept like a result and raised again. Entries of
    another database or data version (``already`` depends on the import log) are dropped, and at most
    :data:`MAX_PREPARED` are kept, oldest out first. Nothing mutates a kept ``Prepared`` (options change
    through :func:`dataclasses.replace`; the store copies the frames it inserts).
    """
    path, data_version = default_db_path(), version()
    key = (path, data_version, sha, name, repr(options))
    kept: dict[tuple[str, ...], Prepared | ImportRefused] = st.session_state.setdefault(PREPARED, {})
    if key not in kept:
        for old in [k for k in kept if k[:2] != key[:2]]:
            del kept[old]
        try:
            kept[key] = prepare(data, name, get_store(path), options)
        except ImportRefused as exc:
            kept[key] = exc
        while len(kept) > MAX_PREPARED:
            del kept[next(iter(kept))]
    outcome = kept[key]
    if isinstance(outcome, ImportRefused):
        raise outcome.with_traceback(None)
    return outcome


# --- one file ---------------------------------------------------------------------------------------------


def _period_form(sid: str, proposal: PeriodProposal | None) -> tuple[dt.date, dt.date] | None:
    """The period of a period report, pre-filled with the proposal and its reason (issue 12: never guessed
    silently); without a date in the file name, the last full week."""
    if proposal is None:
        start_default, end_default = core.last_full_week(dt.date.today())
        st.info(T("upload.needs_period"))
    else:
        start_default, end_default = proposal.start, proposal.end
        st.info(
            T(
                f"upload.period_reason.{proposal.reason}",
                day=core.fmt_date(proposal.download_date, lang()),
                start=core.fmt_date(proposal.start, lang()),
                end=core.fmt_date(proposal.end, lang()),
            )
        )
    left, right = st.columns(2)
    start = left.date_input(T("upload.period_start"), value=start_default, key=f"upload_start_{sid}")
    end = right.date_input(T("upload.period_end"), value=end_default, key=f"upload_end_{sid}")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return None
    if end < start:
        st.error(T("upload.period_order"))
        return None
    return start, end


def _rate_form(sid: str, currency: str, expected: str) -> float | None:
    rate = st.number_input(
        T("upload.fx_rate", currency=currency, expected=expected),
        min_value=0.0,
        value=0.0,
        step=0.01,
        format="%.4f",
        key=f"upload_fx_{sid}",
        help=T("upload.fx_rate_help"),
    )
    return float(rate) if rate and rate > 0 else None


def _snapshot_form(sid: str) -> dt.date | None:
    latest = store().latest_snapshot_date()
    day = st.date_input(
        T("upload.snapshot_date"),
        value=dt.date.today(),
        key=f"upload_snap_{sid}",
        help=T("upload.snapshot_date_help", latest=core.fmt_date(latest, lang())),
    )
    return day if isinstance(day, dt.date) else None


def _mapping_form(
    sid: str, data: bytes, name: str
) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """Column mapping for a file of unknown layout: (template kind, file header, pairs) or None."""
    try:
        header = tuple(h for h in read_table(data, name).header)
    except Exception:  # ParseError, or a reader's bug: the refusal above already said why in one line
        return None
    saved = core.load_mapping(store(), header)
    if not st.toggle(
        T("upload.map_on"), value=saved is not None, key=f"upload_map_on_{sid}", help=T("upload.map_help")
    ):
        return None
    if saved is not None:
        st.caption(T("upload.map_saved"))
    kinds = list(core.TEMPLATE_KINDS)
    default_kind = saved.kind if saved is not None else core.best_template(header)
    # Labels are computed here, not in format_func: Streamlit may call format_func outside the script run.
    titles = {k: core.table_title(core.TEMPLATE_KINDS[k], lang()) for k in kinds}
    kind = st.selectbox(
        T("upload.map_table"),
        kinds,
        index=kinds.index(default_kind),
        key=f"upload_map_kind_{sid}",
        format_func=titles.__getitem__,
    )
    columns = core.template_columns(kind)
    start = core.initial_choices(header, kind, saved)
    options: list[str | None] = [None, *dict.fromkeys(h for h in header if h)]
    shown = {h: (T("upload.map_none") if h is None else str(h)) for h in options}
    st.caption(T("upload.map_required"))
    grid = st.columns(3)
    choices: dict[str, str | None] = {}
    for i, column in enumerate(columns.all):
        label = core.column_label(column, lang()) + (" *" if column in columns.required else "")
        choices[column] = grid[i % 3].selectbox(
            label,
            options,
            index=options.index(start[column]) if start[column] in options else 0,
            format_func=shown.__getitem__,
            key=f"upload_map_{sid}_{kind}_{column}",
        )
    missing, doubled = core.mapping_problems(kind, choices)
    if missing:
        st.warning(T("upload.map_missing", cols=", ".join(core.column_label(c, lang()) for c in missing)))
        return None
    if doubled:
        st.warning(T("upload.map_doubled", cols=", ".join(doubled)))
        return None
    return kind, header, core.mapping_pairs(choices)


def _show_prepared(prepared: Prepared) -> bool:
    """Recognised kind, rows, period, rejects and a preview; True when the file can be imported."""
    kind = prepared.kind.kind if prepared.kind else None
    if prepared.already is not None:
        rec = prepared.already
        st.info(
            T(
                "upload.already",
                id=rec.import_id,
                kind=core.kind_title(rec.kind, lang()),
                when=core.fmt_date(rec.imported_at, lang()),
            )
        )
        return False
    span = prepared.date_range() or (prepared.period_start, prepared.period_end)
    st.markdown(
        T(
            "upload.recognised",
            kind=core.kind_title(kind, lang()),
            rows=f"{prepared.rows:,}",
            period=core.period_text(span[0], span[1], lang()),
            marketplace=prepared.marketplace or "–",
        )
    )
    if len(prepared.rejects):
        st.warning(T("upload.rejects_kept", n=len(prepared.rejects)))
        show_rejects(prepared.rejects, key=None)
    table = core.preview(prepared.frames, PREVIEW_ROWS)
    st.caption(T("upload.preview", n=min(PREVIEW_ROWS, prepared.rows)))
    st.dataframe(
        table, hide_index=True, column_config={c: core.column_label(c, lang()) for c in table.columns}
    )
    st.success(T("upload.ready"))
    return True


def file_panel(name: str, data: bytes, sha: str, base: ImportOptions) -> Ready | None:
    """Recognise and preview one uploaded file (``sha`` its digest, from :func:`unique_files`); ask for a
    period or a column mapping when needed."""
    sid = sha[:12]
    with st.container(border=True):
        st.markdown(f":material/description: **{name}**")
        header: tuple[str, ...] = ()
        kind: str | None = None
        pairs: tuple[tuple[str, str], ...] = ()
        try:
            try:
                prepared = prepare_cached(data, name, base, sha)
            except ImportRefused as exc:
                if exc.code == "needs_period":
                    period = _period_form(sid, None)
                    if period is None:
                        return None
                    prepared = prepare_cached(data, name, replace(base, period=period), sha)
                elif exc.code == "currency":
                    st.error(exc.message(lang()))
                    rate = _rate_form(sid, str(exc.params["currency"]), str(exc.params["expected"]))
                    if rate is None:
                        return None
                    prepared = prepare_cached(
                        data, name, replace(base, fx_rates=((str(exc.params["currency"]), rate),)), sha
                    )
                elif exc.code in MAPPABLE:
                    st.error(exc.message(lang(), where="app"))
                    mapped = _mapping_form(sid, data, name)
                    if mapped is None:
                        return None
                    kind, header, pairs = mapped
                    prepared = prepare_cached(data, name, replace(base, kind=kind, mapping=pairs), sha)
                else:
                    raise
            else:
                if prepared.kind is not None and prepared.kind.period == "file" and prepared.already is None:
                    # A period read from the file name is shown, with its reason, in a field the user may
                    # change.
                    period = _period_form(sid, propose_period(name, base.period))
                    if period is None:
                        return None
                    if period != (prepared.period_start, prepared.period_end):
                        prepared = prepare_cached(data, name, replace(base, period=period), sha)
        except ImportRefused as exc:
            st.error(exc.message(lang(), where="app"))
            if exc.code.startswith("bad_") and not base.allow_partial:  # a bad value: partial import helps
                st.caption(T("upload.partial_hint"))
            return None
        except Exception as exc:  # a bug must still show one line for the file, never a traceback
            st.error(T("import.refused.internal", file=name, reason=one_line_reason(exc)))
            return None
        if prepared.snapshot_assumed:
            # a stock report without a date of its own: the user says the day it was counted (it never becomes
            # the current stock just because it is uploaded today)
            day = _snapshot_form(sid)
            if day is not None and day != prepared.period_end:
                prepared = prepare_cached(data, name, replace(base, snapshot_date=day), sha)
        try:
            if not _show_prepared(prepared):
                return None
        except Exception as exc:
            st.error(T("import.refused.internal", file=name, reason=one_line_reason(exc)))
            return None
        return Ready(prepared, header, kind, pairs)


def one_line_reason(exc: BaseException) -> str:
    """An unexpected error as one short line: its type and message, white space folded."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]


def unique_files(files: Sequence[object]) -> tuple[list[tuple[str, bytes, str]], list[tuple[str, str]]]:
    """(name, bytes, SHA-256) of each distinct upload, and (duplicate name, first name) for identical
    contents.

    A file is hashed once per upload, not on every rerun (a 1 GB export takes seconds): its digest is kept in
    this session by the uploader's ``file_id``.
    """
    digests: dict[str, str] = st.session_state.setdefault(DIGESTS, {})
    seen: dict[str, str] = {}
    out: list[tuple[str, bytes, str]] = []
    dupes: list[tuple[str, str]] = []
    for f in files:
        name = str(getattr(f, "name", "upload"))
        data = f.getvalue()  # type: ignore[attr-defined]
        file_id = getattr(f, "file_id", None)
        digest = digests.get(file_id) if file_id else None
        if digest is None:
            digest = sha256_of(data)
            if file_id:
                digests[file_id] = digest
        if digest in seen:
            dupes.append((name, seen[digest]))
            continue
        seen[digest] = name
        out.append((name, data, digest))
    return out, dupes


# --- import ----------------------------------------------------------------------------------------------


def commit_all(ready: Sequence[Ready]) -> list[Outcome]:
    """Commit every ready file with one progress bar, then drop cached results."""
    bar = st.progress(0.0, text=T("upload.stage.start"))
    outcomes: list[Outcome] = []
    n = len(ready)
    for i, item in enumerate(ready):
        file_name = item.prepared.file_name

        def progress(fraction: float, stage: str, i: int = i, file_name: str = file_name) -> None:
            bar.progress(
                min(1.0, (i + fraction) / n),
                text=T("upload.progress", file=file_name, stage=T(f"upload.stage.{stage}")),
            )

        try:
            result: ImportResult = commit(store(), item.prepared, progress)
        except StoreError as exc:
            outcomes.append(Outcome(file_name, "failed", reason=exc.message(lang())))
            continue
        except Exception as exc:  # one line per file, never a traceback (the store rolled the import back)
            outcomes.append(Outcome(file_name, "failed", reason=one_line_reason(exc)))
            continue
        if item.kind and item.pairs and result.status == "imported":
            core.save_mapping(store(), item.header, item.kind, item.pairs)
        outcomes.append(
            Outcome(
                file_name,
                result.status,
                result.import_id,
                result.rows_loaded,
                result.rows_rejected,
                lines=result.lines,
            )
        )
    bar.progress(1.0, text=T("upload.stage.done"))
    invalidate()
    return outcomes


def show_outcomes(outcomes: Sequence[Outcome]) -> None:
    for o in outcomes:
        if o.status == "imported":
            st.success(T("upload.imported", file=o.file_name, rows=f"{o.rows:,}", id=o.import_id))
            for item in o.lines:
                st.info(f"{o.file_name}: {note_text(item, lang())}")
            if o.rejected and o.import_id is not None:
                with st.expander(
                    T("upload.imported_rejects", file=o.file_name, n=o.rejected, id=o.import_id)
                ):
                    show_rejects(store().rejects_df(o.import_id), key=f"upload_rejects_{o.import_id}")
        elif o.status == "skipped":
            st.info(T("upload.skipped", file=o.file_name, id=o.import_id))
        else:
            st.error(T("upload.failed", file=o.file_name, reason=o.reason))


def show_rejects(rejects: pd.DataFrame, key: str | None) -> None:
    table = core.rejects_table(rejects, lang())
    st.dataframe(
        table,
        hide_index=True,
        key=key,
        column_config={c: T(f"upload.rcol.{c}") for c in ("line", "column", "value", "reason")},
    )


# --- undo and demo -----------------------------------------------------------------------------------------


def undo_selected() -> None:
    """Button callback: undo the import chosen in ``upload_undo_id`` (runs before the page redraws)."""
    import_id = st.session_state.get("upload_undo_id")
    if import_id is None:
        return
    try:
        record = store().undo(int(import_id))
    except StoreError as exc:
        st.session_state["upload_flash"] = ("error", T("upload.undo_failed", reason=exc.message(lang())))
        return
    invalidate()
    st.session_state.pop("upload_outcomes", None)  # what was just imported may be what was undone
    st.session_state["upload_flash"] = (
        "success",
        T("upload.undone", id=record.import_id, file=record.file_name),
    )


def load_demo() -> None:
    """Import the embedded demo files into the app's database (files already there are skipped)."""
    with st.spinner(T("upload.demo_loading")):
        build_demo_db(default_db_path())
    invalidate()


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _coverage(path: str, data_version: str) -> pd.DataFrame:
    del data_version
    return get_store(path).coverage()


def coverage() -> pd.DataFrame:
    return _coverage(default_db_path(), version())


@st.cache_data(ttl=600, max_entries=8, show_spinner=False)
def _negative_stock(path: str, data_version: str) -> pd.DataFrame:
    del data_version
    return get_store(path).negative_stock()


def negative_stock() -> pd.DataFrame:
    return _negative_stock(default_db_path(), version())


def _case_twins(path: str, data_version: str) -> list[tuple[str, ...]]:
    del data_version
    return get_store(path).case_twin_skus()


def case_twins() -> list[tuple[str, ...]]:
    """SKUs stored that differ only by case (for data health)."""
    return _case_twins(default_db_path(), version())

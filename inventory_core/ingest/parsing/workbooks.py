"""Workbooks (``.xlsx`` and legacy ``.xls``) into a :class:`RawTable`, read with calamine.

The sheet is the one asked for, else the visible worksheet whose header scores best; calamine reads the
actual cells, so a sheet declaring the wrong dimension still yields every row. Cells become strings as a
spreadsheet shows them (dates ISO, whole numbers without ``.0``, formulas as their cached value). A
password, a damaged file or a sheet beyond the limits is refused in one line.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inventory_core.ingest.parsing.errors import ParseError, cell_too_long, one_line, too_many_columns
from inventory_core.ingest.parsing.tables import (
    HeaderScore,
    RawTable,
    ReadLimits,
    assemble,
    choose_header,
    clean_cells,
    header_cell,
)

__all__ = ["read_workbook"]


def read_workbook(
    data: bytes,
    file_name: str,
    header_score: HeaderScore | None,
    max_header_scan: int,
    sheet: str | None,
    limits: ReadLimits,
) -> RawTable:
    """An ``.xlsx`` or ``.xls`` workbook as a :class:`RawTable` (parameters and refusals: :func:`read_table`);
    :func:`read_table` runs the zip guards (``zipguard.check_workbook_zip``) on an ``.xlsx`` before this."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise ParseError(file_name, "the workbook is password-protected", code="parse.password") from exc
    except BaseException as exc:  # calamine raises unrelated types, even a Rust panic, for a damaged file
        raise _unreadable_workbook(file_name, exc) from exc
    if sheet is not None:
        if sheet not in book.sheet_names:
            sheets = one_line(", ".join(book.sheet_names), 120)
            raise ParseError(
                file_name,
                f"no sheet named {one_line(sheet)!r} (sheets: {sheets})",
                code="parse.no_sheet",
                params={"sheet": one_line(sheet), "sheets": sheets},
            )
        names = [sheet]
    else:
        visible = [
            m.name
            for m in book.sheets_metadata
            if m.visible == python_calamine.SheetVisibleEnum.Visible
            and m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        names = visible or list(book.sheet_names)
    chosen: tuple[str, python_calamine.CalamineSheet, tuple[int, tuple[str, ...], float]] | None = None
    for name in names:
        try:
            sheet_obj = book.get_sheet_by_name(name)
            if sheet_obj.width > limits.max_columns:
                raise too_many_columns(file_name, int(sheet_obj.width), limits.max_columns)
            head = sheet_obj.to_python(skip_empty_area=False, nrows=max_header_scan)
        except ParseError:
            raise
        except BaseException as exc:
            _reraise_interrupt(exc)
            if sheet is not None:
                raise ParseError(
                    file_name, f"sheet {one_line(name)!r} cannot be read", code="parse.bad_workbook"
                ) from exc
            continue
        rows = [[header_cell(_cell_to_str(v) or "") for v in row] for row in head]
        choice = choose_header(rows, header_score)
        if choice is not None and (chosen is None or choice[2] > chosen[2][2]):
            chosen = (name, sheet_obj, choice)
    if chosen is None:
        raise ParseError(file_name, "the workbook has no table (its sheets are empty)", code="parse.empty")
    name, sheet_obj, (row, header, _score) = chosen
    for j, cell in enumerate(header):
        if len(cell) > limits.max_cell_chars:
            raise cell_too_long(file_name, len(cell), limits.max_cell_chars, row + 1, (), j)
    try:
        all_rows = sheet_obj.to_python(skip_empty_area=False)
    except BaseException as exc:
        raise _unreadable_workbook(file_name, exc) from exc
    body = all_rows[row + 1 :]
    width = max((len(r) for r in body), default=0)
    cells = _sheet_cells(body, width)
    if len(cells) and (pc.max(pc.utf8_length(cells)).as_py() or 0) > limits.max_cell_chars:
        chars = pc.fill_null(pc.utf8_length(cells), 0).to_numpy(zero_copy_only=False)
        i = int(np.flatnonzero(chars > limits.max_cell_chars)[0])
        raise cell_too_long(
            file_name, int(chars[i]), limits.max_cell_chars, row + 2 + i // width, header, i % width
        )
    starts = np.arange(len(body), dtype=np.int64) * width
    lengths = np.full(len(body), width, dtype=np.int64)
    lines = np.arange(row + 2, row + 2 + len(body), dtype=np.int64)
    frame, lines, extra = assemble(clean_cells(cells), starts, lengths, lines, len(header))
    return RawTable(
        file_name=file_name,
        header=header,
        data=frame,
        header_line=row + 1,
        line_numbers=lines,
        encoding=None,
        delimiter=None,
        sheet=name,
        extra_cells_lines=extra,
    )


def _reraise_interrupt(exc: BaseException) -> None:
    """Let an interrupt or exit propagate; anything else a reader raises means the file is unreadable."""
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise exc


def _unreadable_workbook(file_name: str, exc: BaseException) -> ParseError:
    _reraise_interrupt(exc)
    return ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook")


def _sheet_cells(rows: Sequence[Sequence[object]], width: int) -> pa.Array:
    """Row-major string cells of a rectangular block of calamine values."""
    if not rows or not width:
        return pa.array([], type=pa.string())
    block = np.array(rows, dtype=object) if all(len(r) == width for r in rows) else None
    if block is None or block.shape != (len(rows), width):
        block = np.full((len(rows), width), "", dtype=object)
        for i, row in enumerate(rows):  # one loop per row, only for ragged sheets
            block[i, : len(row)] = row
    columns = [_sheet_column(block[:, j]) for j in range(width)]
    column_major = pa.concat_arrays(columns)
    n = len(rows)
    flat = np.arange(n * width, dtype=np.int64)
    return column_major.take(pa.array((flat % width) * n + flat // width))


def _sheet_column(values: np.ndarray) -> pa.Array:
    """One column of calamine values as strings; dates ISO, whole numbers without ``.0``.

    A homogeneous column converts in pyarrow; a mixed one (numbers and placeholder text) cell by cell.
    """
    values = values.copy()
    values[values == ""] = None
    try:
        arr = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return pa.array([_cell_to_str(v) for v in values], type=pa.string())
    typ = arr.type
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        return arr.cast(pa.string())
    if pa.types.is_null(typ):
        return arr.cast(pa.string())
    if pa.types.is_boolean(typ):
        return pc.if_else(arr, "TRUE", "FALSE")
    if pa.types.is_integer(typ):
        return arr.cast(pa.string())
    if pa.types.is_floating(typ):
        whole = pc.and_(pc.equal(pc.floor(arr), arr), pc.less(pc.abs(arr), 2.0**53))
        as_int = pc.cast(pc.if_else(whole, arr, 0.0), pa.int64(), safe=False).cast(pa.string())
        return pc.if_else(whole, as_int, arr.cast(pa.string()))
    if pa.types.is_date(typ):
        return pc.strftime(arr.cast(pa.timestamp("s")), "%Y-%m-%d")
    if pa.types.is_timestamp(typ):
        return pc.strftime(arr.cast(pa.timestamp("s"), safe=False), "%Y-%m-%d %H:%M:%S")
    return pa.array([_cell_to_str(v) for v in values], type=pa.string())


def _cell_to_str(value: object) -> str | None:
    """One spreadsheet value as text (same rendering as :func:`_sheet_column`)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2.0**53 else repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)

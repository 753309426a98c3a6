"""The table an upload becomes and the steps every reader shares: :class:`RawTable` (header cells and
one string column per header cell, with the line of every row), :class:`ReadLimits` (the bounds on what is
read, from the environment), choosing the header among the leading rows, cleaning cells (white space,
Excel's ``="..."`` text wrapper) and assembling records into columns, for delimited text and workbooks alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from inventory_core.ingest.parsing.arrow import np_bool

__all__ = ["HeaderScore", "RawTable", "ReadLimits", "assemble", "choose_header", "clean_cells", "header_cell"]

HeaderScore = Callable[[Sequence[str]], float]


@dataclass(frozen=True, eq=False)  # eq=False: a DataFrame field has no boolean equality or hash
class RawTable:
    """An uploaded table as strings, before any interpretation.

    Attributes
    ----------
    file_name
        The uploaded file's name.
    header
        Header cells as written (BOM removed, trailing empty cells dropped); duplicates allowed.
    data
        One ``str`` column per header cell, named ``c0, c1, ...``; cells stripped, Excel text formulas
        (``="123"``) unwrapped, empty cells NA. Rows entirely empty are dropped.
    header_line
        1-based line (text) or row (spreadsheet) of the header.
    line_numbers
        1-based line/row where each data row starts (int64, aligned with ``data``).
    encoding, delimiter
        As detected for text files; None for spreadsheets.
    sheet
        The sheet read, for spreadsheets.
    extra_cells_lines
        Lines of rows with non-empty cells beyond the header's width (those cells are dropped).
    """

    file_name: str
    header: tuple[str, ...]
    data: pd.DataFrame
    header_line: int
    line_numbers: np.ndarray
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    extra_cells_lines: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what :func:`read_table` accepts, so that a hostile or broken upload is refused in one line
    instead of exhausting memory or time.

    Attributes
    ----------
    max_columns
        Most cells a row (or a sheet) may hold; trailing empty cells do not count. Real exports have under
        100 columns.
    max_cell_chars
        Longest cell, in characters: Excel's own limit (32,767), which no export exceeds.
    max_unzipped_bytes
        Total uncompressed size a workbook's zip parts may declare.
    max_zip_ratio
        Highest compression ratio of a workbook part over 1 MB. Real sheets compress 5-30:1 (measured on
        exports of 100,000 rows); a zip bomb reaches 1,000:1.
    max_sheet_cells
        Most cells (rows x columns spanned) a sheet may occupy once read: the reader allocates that grid,
        so a lone cell at ``XFD1048576`` would need half a terabyte. A sheet may also span at most one cell
        per byte of its XML (but 1,000,000 cells at least): real sheets hold 10-30 bytes a cell.

    Each has an environment variable (``STOCKOUT_RADAR_MAX_COLUMNS``, ``STOCKOUT_RADAR_MAX_CELL_CHARS``,
    ``STOCKOUT_RADAR_MAX_UNZIPPED_MB``, ``STOCKOUT_RADAR_MAX_ZIP_RATIO``, ``STOCKOUT_RADAR_MAX_SHEET_CELLS``)
    read by :meth:`from_env`.

    Examples
    --------
    >>> ReadLimits.from_env(  # doctest: +NORMALIZE_WHITESPACE
    ...     {"STOCKOUT_RADAR_MAX_COLUMNS": "500", "STOCKOUT_RADAR_MAX_ZIP_RATIO": "x"})
    ReadLimits(max_columns=500, max_cell_chars=32767, max_unzipped_bytes=1073741824, max_zip_ratio=100.0,
               max_sheet_cells=50000000)
    """

    max_columns: int = 2000
    max_cell_chars: int = 32_767
    max_unzipped_bytes: int = 1024 * 2**20
    max_zip_ratio: float = 100.0
    max_sheet_cells: int = 50_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReadLimits:
        """The limits set in the environment; a missing, unreadable or non-positive value keeps its
        default."""
        env = os.environ if environ is None else environ
        default = cls()

        def number(name: str, fallback: float, scale: float = 1.0) -> float:
            try:
                value = float(env.get(name, "")) * scale
            except ValueError:
                return fallback
            return value if value > 0 and value == value and value != float("inf") else fallback

        return cls(
            max_columns=int(number("STOCKOUT_RADAR_MAX_COLUMNS", default.max_columns)),
            max_cell_chars=int(number("STOCKOUT_RADAR_MAX_CELL_CHARS", default.max_cell_chars)),
            max_unzipped_bytes=int(
                number("STOCKOUT_RADAR_MAX_UNZIPPED_MB", default.max_unzipped_bytes, 2**20)
            ),
            max_zip_ratio=number("STOCKOUT_RADAR_MAX_ZIP_RATIO", default.max_zip_ratio),
            max_sheet_cells=int(number("STOCKOUT_RADAR_MAX_SHEET_CELLS", default.max_sheet_cells)),
        )


def header_cell(cell: str) -> str:
    """A cell of a candidate header row without byte-order marks or a trailing line break."""
    return cell.replace("\ufeff", "").rstrip("\r\n")


def choose_header(
    rows: Sequence[Sequence[str]], header_score: HeaderScore | None
) -> tuple[int, tuple[str, ...], float] | None:
    """(row index, header cells without trailing empties, score) of the header, or None if all rows are
    empty."""
    first: tuple[int, tuple[str, ...], float] | None = None
    best: tuple[int, tuple[str, ...], float] | None = None
    for i, cells in enumerate(rows):
        header = _trim_trailing_empty(cells)
        if not header:
            continue
        if first is None:
            first = (i, header, 0.0)
        if header_score is None:
            break
        score = float(header_score(header))
        if score > 0 and (best is None or score > best[2]):
            best = (i, header, score)
    return best or first


def _trim_trailing_empty(cells: Sequence[str]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return tuple(cells[:end])


_EXCEL_TEXT_FORMULA: Final = r'(?s)^="(.*)"$'


def clean_cells(fields: pa.Array) -> pa.Array:
    """Strip white space, unwrap ``="..."`` Excel text formulas, and make empty cells null."""
    cells = pc.utf8_trim_whitespace(fields)
    formula = pc.match_substring_regex(cells, _EXCEL_TEXT_FORMULA)
    if pc.any(formula).as_py():
        inner = pc.replace_substring_regex(cells, _EXCEL_TEXT_FORMULA, r"\1")
        inner = pc.utf8_trim_whitespace(pc.replace_substring(inner, '""', '"'))  # Excel escapes " as ""
        cells = pc.if_else(formula, inner, cells)
    return pc.if_else(pc.equal(cells, ""), pa.scalar(None, cells.type), cells)


def assemble(
    cells: pa.Array, starts: np.ndarray, lengths: np.ndarray, lines: np.ndarray, width: int
) -> tuple[pd.DataFrame, np.ndarray, tuple[int, ...]]:
    """Columns ``c0..c{width-1}`` from records given as (start, length) into ``cells``.

    Drops records with no non-null cell, pads short records with NA and reports the lines of records with
    non-null cells beyond ``width``.
    """
    valid = np_bool(cells.is_valid())
    if starts.size:
        filled = np.add.reduceat(valid.astype(np.int64), starts) if valid.size else np.zeros(starts.size)
        # reduceat yields cells[start] for a zero-length record; every record here has >= 1 field.
        keep = np.flatnonzero(filled > 0)
    else:
        keep = np.zeros(0, dtype=np.int64)
    starts, lengths, lines = starts[keep], lengths[keep], lines[keep]
    columns: dict[str, pa.Array] = {}
    for j in range(width):
        missing = lengths <= j
        index = pa.array(starts + j, type=pa.int64(), mask=missing)
        columns[f"c{j}"] = cells.take(index)
    frame = pa.table(columns).to_pandas() if columns else pd.DataFrame(index=pd.RangeIndex(len(keep)))
    # pyarrow's strings arrive as pandas' str already; astype would still copy each column
    other = {c: "str" for c, dtype in frame.dtypes.items() if dtype != "str"}
    if other:
        frame = frame.astype(other)
    # Non-empty cells beyond the header's width, counted per record with a running sum (no loop per column:
    # a row may be thousands of cells wide).
    filled_before = np.concatenate(([0], np.cumsum(valid, dtype=np.int64)))
    extra = filled_before[starts + lengths] > filled_before[starts + np.minimum(lengths, width)]
    return frame, lines.astype(np.int64), tuple(int(n) for n in lines[extra])

"""Delimited text (CSV, TSV, TXT) into a :class:`RawTable`: delimiter sniffing, tokenising with numpy
(true line numbers, RFC 4180 quotes, with Python's csv module as the lenient fallback for stray quotes),
and the refusals of text that is not a table: binary content, an HTML page, a row or cell beyond the
limits, a file cut off mid-row.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from inventory_core.ingest.parsing.arrow import np_bool
from inventory_core.ingest.parsing.encodings import SAMPLE_BYTES, decode_to_utf8, looks_binary
from inventory_core.ingest.parsing.errors import ParseError, cell_too_long, too_many_columns
from inventory_core.ingest.parsing.tables import (
    HeaderScore,
    RawTable,
    ReadLimits,
    assemble,
    choose_header,
    clean_cells,
    header_cell,
)

__all__ = ["read_text"]


@dataclass(frozen=True)
class _Tokens:
    """Fields of a delimited text, record by record.

    ``fields[record_offsets[r]:record_offsets[r + 1]]`` are record ``r``'s fields (quotes removed, white
    space kept); ``record_lines[r]`` is the 1-based line where the record starts.
    """

    fields: pa.Array
    record_offsets: np.ndarray
    record_lines: np.ndarray

    @property
    def n_records(self) -> int:
        return int(self.record_offsets.size - 1)

    def record(self, r: int) -> list[str]:
        start, stop = int(self.record_offsets[r]), int(self.record_offsets[r + 1])
        return ["" if v is None else v for v in self.fields.slice(start, stop - start).to_pylist()]


def read_text(
    data: bytes, file_name: str, header_score: HeaderScore | None, max_header_scan: int, limits: ReadLimits
) -> RawTable:
    """A delimited text file as a :class:`RawTable` (parameters and refusals: :func:`read_table`)."""
    buf, encoding = decode_to_utf8(data, file_name)
    if b"\n" not in buf and b"\r" in buf:  # classic Mac line ends
        buf = buf.replace(b"\r", b"\n")
    head_bytes = buf[:SAMPLE_BYTES]
    if len(buf) > SAMPLE_BYTES and b"\n" in head_bytes:
        head_bytes = head_bytes[: head_bytes.rindex(b"\n")]  # whole lines only
    head = head_bytes.decode("utf-8", errors="ignore")
    if looks_binary(head[:4096]):
        raise ParseError(file_name, "not a table (binary content)", code="parse.binary")
    if _HTML_START.match(head[:512]):
        raise ParseError(
            file_name, "not a table (an HTML or XML page): open it and save it as CSV", code="parse.html"
        )
    delimiter = _sniff_delimiter(head, max_header_scan)
    tokens = _tokenise(buf, delimiter, quoting=True)
    if tokens is None:
        # Quotes that do not follow RFC 4180. Tab-separated flat files do not quote at all (a product
        # name like `27" Monitor` is literal); a CSV gets the lenient reading of Python's csv module.
        tokens = _tokenise(buf, delimiter, quoting=False) if delimiter == "\t" else None
    if tokens is None:
        tokens = _tokenise_with_csv(buf.decode("utf-8"), delimiter, file_name)
    _check_row_widths(tokens, file_name, limits)  # before the header scan: 100,000 cells take seconds there
    scan = [[header_cell(c) for c in tokens.record(r)] for r in range(min(tokens.n_records, max_header_scan))]
    _check_cell_lengths(tokens, scan, header_score, file_name, limits)  # before scoring such cells as headers
    choice = choose_header(scan, header_score)
    if choice is None:
        raise ParseError(
            file_name,
            f"no header row found in the first {max_header_scan} lines",
            code="parse.no_header",
            params={"n": max_header_scan},
        )
    row, header, _score = choice
    if not buf.endswith((b"\n", b"\r")):
        _check_cut_off(tokens, row, len(header), file_name)
    starts = tokens.record_offsets[row + 1 : -1]
    lengths = np.diff(tokens.record_offsets[row + 1 :])
    lines = tokens.record_lines[row + 1 :]
    frame, lines, extra = assemble(clean_cells(tokens.fields), starts, lengths, lines, len(header))
    return RawTable(
        file_name=file_name,
        header=header,
        data=frame,
        header_line=int(tokens.record_lines[row]),
        line_numbers=lines,
        encoding=encoding,
        delimiter=delimiter,
        sheet=None,
        extra_cells_lines=extra,
    )


# A page saved from a browser: Seller Central's sign-in or error page instead of the report.
_HTML_START: Final = re.compile(
    r"\s*<(?:!doctype\s+html|!--|\?xml|(?:html|head|body|meta|title|script|style|div|table)\b)", re.IGNORECASE
)


def _check_row_widths(tokens: _Tokens, file_name: str, limits: ReadLimits) -> None:
    """Refuse a row with more than ``limits.max_columns`` cells (trailing empty cells do not count)."""
    widths = np.diff(tokens.record_offsets)
    if widths.max(initial=0) <= limits.max_columns:
        return
    nonempty = np.flatnonzero(np_bool(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(tokens.fields)), 0)))
    if not nonempty.size:
        return
    starts = tokens.record_offsets[:-1]
    # Each record's last non-empty cell: the last one before the record's end, if it lies inside the record.
    last = nonempty[np.maximum(np.searchsorted(nonempty, tokens.record_offsets[1:], side="left") - 1, 0)]
    effective = np.where(last >= starts, last - starts + 1, 0)
    wide = np.flatnonzero(effective > limits.max_columns)
    if wide.size:
        r = int(wide[0])
        raise too_many_columns(
            file_name, int(effective[r]), limits.max_columns, line=int(tokens.record_lines[r])
        )


def _check_cell_lengths(
    tokens: _Tokens,
    scan: Sequence[Sequence[str]],
    header_score: HeaderScore | None,
    file_name: str,
    limits: ReadLimits,
) -> None:
    """Refuse a cell longer than ``limits.max_cell_chars``, naming its line and column but not its text.

    The column is named after the header, found among the ``scan`` rows with every cell cut short.
    """
    fields = tokens.fields
    if not len(fields) or (pc.max(pc.binary_length(fields)).as_py() or 0) <= limits.max_cell_chars:
        return  # a UTF-8 character takes at least one byte
    chars = pc.utf8_length(fields).to_numpy(zero_copy_only=False)
    long = np.flatnonzero(chars > limits.max_cell_chars)
    if not long.size:
        return
    i = int(long[0])
    r = int(np.searchsorted(tokens.record_offsets, i, side="right") - 1)
    j = i - int(tokens.record_offsets[r])
    choice = choose_header([[cell[:256] for cell in cells] for cells in scan], header_score)
    header = choice[1] if choice is not None and r > choice[0] else ()
    raise cell_too_long(
        file_name, int(chars[i]), limits.max_cell_chars, int(tokens.record_lines[r]), header, j
    )


def _check_cut_off(tokens: _Tokens, header_row: int, width: int, file_name: str) -> None:
    """Refuse a text without a final line break whose last row stops short while the other rows are whole.

    That is a file cut off mid-row (see :func:`read_table`). Files whose rows are ragged throughout (some
    tools drop trailing empty cells) are not judged: their short last row is read with missing values.
    """
    widths = np.diff(tokens.record_offsets[header_row + 1 :])
    if not widths.size or widths[-1] >= width:
        return
    others = widths[:-1]
    others = others[others > 1]  # a blank line is one empty field
    if others.size and others.min() < width:
        return
    last = tokens.n_records - 1
    if not any(cell.strip() for cell in tokens.record(last)):
        return
    n = int(widths[-1])
    raise ParseError(
        file_name,
        f"the last line stops after {n} of {width} cells without a line break: the file looks cut off "
        "(an interrupted download?); download it again",
        line=int(tokens.record_lines[last]),
        code="parse.truncated",
        params={"n": n, "width": width},
    )


def _sniff_delimiter(text: str, max_records: int) -> str:
    """Tab, comma or semicolon: the one that splits the leading records most consistently.

    Score: (share of non-empty records having the most common width ≥ 2, how many do, that width); ties
    prefer tab, then comma. Quotes are respected, so ``"Cost per 1,000 impressions"`` is one cell; a
    TSV whose product names hold commas still prefers tab (comma widths vary), and an EU CSV prefers
    ``;`` over its decimal commas (the header has none).
    """
    limit = max(max_records, 30) + 20
    lines = text.split("\n", limit)[:limit]  # the part after the limit is the unsplit rest
    # Clipped: the csv module refuses fields over 131,072 characters, and the widths are what counts.
    sample = "\n".join(line[:_SNIFF_LINE_CHARS] for line in lines)
    best, best_score = ",", (0.0, 0, 0)
    for delimiter, quoting in _SNIFF_DIALECTS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quoting=quoting)
            widths = [len(rec) for rec in reader if any(cell.strip() for cell in rec)]
        except csv.Error:
            continue
        counts = Counter(w for w in widths if w >= 2)
        if not counts:
            continue
        width, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        score = (freq / len(widths), freq, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_SNIFF_LINE_CHARS: Final = 65_536

# Tab is also tried without quoting: flat files do not quote, and an opening quote in a product name must
# not swallow the tabs that follow.
_SNIFF_DIALECTS: Final[tuple[tuple[str, Literal[0, 1, 2, 3]], ...]] = (
    ("\t", csv.QUOTE_MINIMAL),
    ("\t", csv.QUOTE_NONE),
    (",", csv.QUOTE_MINIMAL),
    (";", csv.QUOTE_MINIMAL),
)


def _tokenise(buf: bytes, delimiter: str, *, quoting: bool) -> _Tokens | None:
    """Split delimited UTF-8 text into fields with numpy, tracking true line numbers.

    A delimiter or line feed separates fields/records only outside quotes: under RFC 4180 that is when
    an even number of quote characters precedes it (an escaped ``""`` adds two). Returns None when
    ``quoting`` and the quotes do not follow RFC 4180 (odd count, or a quote inside an unquoted field),
    so the caller can fall back.
    """
    if not buf.endswith(b"\n"):
        buf += b"\n"
    raw = np.frombuffer(buf, dtype=np.uint8)
    newlines = np.flatnonzero(raw == 0x0A)
    delims = np.flatnonzero(raw == ord(delimiter))
    record_ends = newlines
    quoted = False
    if quoting:
        quotes = np.flatnonzero(raw == 0x22)
        if quotes.size % 2:
            return None
        if quotes.size:
            quoted = True
            record_ends = newlines[np.searchsorted(quotes, newlines) % 2 == 0]
            delims = delims[np.searchsorted(quotes, delims) % 2 == 0]
    seps = np.concatenate((delims, record_ends))
    seps.sort(kind="stable")  # two sorted runs: a merge
    offsets = np.empty(seps.size + 1, dtype=np.int64)
    offsets[0] = 0
    offsets[1:] = seps + 1
    if len(buf) < 2**31 - 1:
        typ, offset_buffer = pa.string(), pa.py_buffer(offsets.astype(np.int32))
    else:
        typ, offset_buffer = pa.large_string(), pa.py_buffer(offsets)
    with_seps = pa.Array.from_buffers(typ, int(seps.size), [None, offset_buffer, pa.py_buffer(buf)])
    fields = pc.utf8_slice_codeunits(with_seps, 0, -1)  # drop the trailing separator
    if quoted:
        unquoted = _unquote(fields)
        if unquoted is None:
            return None
        fields = unquoted
    last_fields = np.flatnonzero(raw[seps] == 0x0A)
    record_offsets = np.concatenate(([0], last_fields + 1)).astype(np.int64)
    record_lines = np.searchsorted(newlines, offsets[record_offsets[:-1]]) + 1
    return _Tokens(fields, record_offsets, record_lines.astype(np.int64))


_QUOTED_FIELD: Final = r'^"(?:[^"]|"")*"$'


def _unquote(fields: pa.Array) -> pa.Array | None:
    """Remove RFC 4180 quotes; None if a field holds a quote without being a well-formed quoted field."""
    has_quote = pc.match_substring(fields, '"')
    if not pc.any(has_quote).as_py():
        return fields
    trimmed = pc.utf8_trim_whitespace(fields)
    well_formed = pc.match_substring_regex(trimmed, _QUOTED_FIELD)
    if pc.any(pc.and_(has_quote, pc.invert(well_formed))).as_py():
        return None
    inner = pc.replace_substring(pc.utf8_slice_codeunits(trimmed, 1, -1), '""', '"')
    return pc.if_else(has_quote, inner, fields)


def _tokenise_with_csv(text: str, delimiter: str, file_name: str) -> _Tokens:
    """Fallback for CSVs with stray quotes: Python's csv module reads them leniently (one loop per record)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells: list[str] = []
    lengths: list[int] = []
    lines: list[int] = []
    previous = 0
    try:
        for record in reader:
            lines.append(previous + 1)
            previous = reader.line_num
            record = record or [""]
            cells.extend(record)
            lengths.append(len(record))
    except csv.Error as exc:
        if "field limit" in str(exc):  # the csv module's own cap (131,072 characters) on one field
            raise ParseError(
                file_name,
                f"a cell of more than {csv.field_size_limit():,} characters",
                line=previous + 1,
                code="parse.line_too_long",
                params={"n": f"{csv.field_size_limit():,}"},
            ) from exc
        raise ParseError(
            file_name, "unbalanced quotes: a quoted field never ends", line=previous + 1, code="parse.quotes"
        ) from exc
    if lengths and "\n" in cells[-1] and not text.rstrip().endswith('"'):
        # The lenient reader lets a quoted field that is never closed swallow the rest of the file: the last
        # record would hide every line after its start.
        raise ParseError(
            file_name, "unbalanced quotes: a quoted field never ends", line=lines[-1], code="parse.quotes"
        )
    offsets = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64)))
    return _Tokens(pa.array(cells, type=pa.string()), offsets, np.asarray(lines, dtype=np.int64))

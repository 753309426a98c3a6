"""Read uploaded report files into tables of strings, and read their values column by column.

Two halves:

* :func:`read_table` turns the bytes of an upload (CSV/TSV/TXT in any of the encodings Amazon and Chinese
  ERPs use, ``.xlsx`` or legacy ``.xls``) into a :class:`RawTable`: the header cells as written and one
  string column per header cell, with the file line of every row for error messages.
* :func:`parse_number`, :func:`parse_rank`, :func:`parse_date` and :func:`parse_date_range` read one
  column at a time. Decisions that depend on the whole column (decimal comma, day/month order, date
  format) are taken once per call, never per cell: a file is consistent (shared/formats/REPORTS.md).

Everything is vectorised with numpy and pyarrow compute: an All Orders file has millions of lines, so no
code here loops in Python over cells. The exceptions are bounded or rare: the first ``max_header_scan``
rows (header detection), the cells of mixed-type spreadsheet columns (calamine hands them over as Python
objects anyway), and CSVs whose quotes break RFC 4180, which Python's csv module reads record by record.

Uploads may be broken or hostile, so :func:`read_table` refuses with a one-line :class:`ParseError`
rather than guessing: files cut off mid-row or mid-character, text mixing encodings, cells or rows beyond
:class:`ReadLimits`, and workbooks whose zip parts would unpack to more than the limits allow (checked on
the declared sizes before anything is decompressed, then while inflating, against lying headers).
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Final, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "DateResult",
    "NumberResult",
    "ParseError",
    "RankResult",
    "RawTable",
    "ReadLimits",
    "dates_in_filename",
    "detect_currency",
    "normalise_header",
    "parse_date",
    "parse_date_range",
    "parse_number",
    "parse_rank",
    "read_table",
    "sniff_period_from_filename",
]

HeaderScore = Callable[[Sequence[str]], float]


# --------------------------------------------------------------------------------------------------
# Errors and the table type
# --------------------------------------------------------------------------------------------------


class ParseError(ValueError):
    """A file or value that cannot be read, with a one-line reason for the user.

    Parameters
    ----------
    file_name
        The uploaded file's name; it starts the message.
    reason
        One line of English, e.g. ``"the file is empty"``.
    line, column, value
        Where the problem is, when known; appended to the message.
    code
        A stable key for the translation table (``inventory_core.i18n``), e.g. ``"parse.empty"``;
        ``params`` are its format values. The English ``reason`` is the fallback text.

    Examples
    --------
    >>> str(ParseError("orders.txt", "the file is empty"))
    'orders.txt: the file is empty'
    >>> str(ParseError("a.csv", "not a date", line=12, column="Date", value="13/45/26"))
    "a.csv: not a date (line 12, column 'Date', value '13/45/26')"
    """

    def __init__(
        self,
        file_name: str,
        reason: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        code: str = "parse.error",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.file_name = file_name
        self.reason = reason
        self.line = line
        self.column = column
        self.value = value
        self.code = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {_one_line(self.column)!r}")
        if self.value is not None:
            where.append(f"value {_one_line(self.value)!r}")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{self.file_name}: {self.reason}{suffix}"


def _one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


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
    >>> ReadLimits.from_env({"STOCKOUT_RADAR_MAX_COLUMNS": "500", "STOCKOUT_RADAR_MAX_ZIP_RATIO": "x"})
    ReadLimits(max_columns=500, max_cell_chars=32767, max_unzipped_bytes=1073741824, max_zip_ratio=100.0, max_sheet_cells=50000000)
    """

    max_columns: int = 2000
    max_cell_chars: int = 32_767
    max_unzipped_bytes: int = 1024 * 2**20
    max_zip_ratio: float = 100.0
    max_sheet_cells: int = 50_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReadLimits:
        """The limits set in the environment; a missing, unreadable or non-positive value keeps its default."""
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
            max_unzipped_bytes=int(number("STOCKOUT_RADAR_MAX_UNZIPPED_MB", default.max_unzipped_bytes, 2**20)),
            max_zip_ratio=number("STOCKOUT_RADAR_MAX_ZIP_RATIO", default.max_zip_ratio),
            max_sheet_cells=int(number("STOCKOUT_RADAR_MAX_SHEET_CELLS", default.max_sheet_cells)),
        )


# --------------------------------------------------------------------------------------------------
# read_table
# --------------------------------------------------------------------------------------------------

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_BOM: Final = b"\xef\xbb\xbf"
_BINARY_MAGICS: Final = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",  # JPEG
    b"\x1f\x8b",  # gzip
    b"Rar!",
    b"7z\xbc\xaf",
    b"PK\x05\x06",  # empty zip
)
_SAMPLE_BYTES: Final = 256 * 1024


def read_table(
    data: bytes,
    file_name: str,
    *,
    header_score: HeaderScore | None = None,
    max_header_scan: int = 30,
    sheet: str | None = None,
    limits: ReadLimits | None = None,
) -> RawTable:
    """Read an uploaded file into a :class:`RawTable`.

    The format is decided by content: ``PK\\x03\\x04`` (xlsx) and the OLE signature (legacy xls) are
    spreadsheets read with calamine, which reads the actual cells (a console export declaring
    ``<dimension ref="A1">`` still yields every row); everything else is delimited text.

    Parameters
    ----------
    data
        The file's bytes.
    file_name
        Used in messages only.
    header_score
        Scores a candidate header row (its cells); the best-scoring of the first ``max_header_scan``
        rows is the header (ties: the earliest). With no scorer, or when no row scores above 0, the first
        non-empty row is the header. For workbooks without ``sheet``, the first sheet whose header scores
        best is read.
    max_header_scan
        How many leading rows may hold the header (Chinese ERP exports put title rows above it).
    sheet
        The workbook sheet to read; ignored for text files.
    limits
        Size limits (default: :meth:`ReadLimits.from_env`).

    Returns
    -------
    RawTable

    Raises
    ------
    ParseError
        Empty file, binary content, HTML page, unreadable workbook, unknown sheet, no header; a text file
        cut off in the middle of a row or character, or mixing encodings; a row, cell or workbook beyond
        ``limits``.

    Notes
    -----
    A text file whose last line stops short of the header's width while every other row is full, with no
    final line break, was cut off (an interrupted download): it is refused, not read in part, because
    every row after the cut is missing too and the cut last cell may still look like a valid value
    (``12`` cut to ``1``). Duplicated header cells are kept as written; the report matcher takes the first.
    Formulas are never evaluated: a text cell ``=1+2`` stays that text, a workbook formula gives its cached
    value, and only Excel's text wrapper ``="..."`` is unwrapped.

    Examples
    --------
    >>> t = read_table(b"sku,units\\r\\nA-1,\\"1,234\\"\\r\\n", "x.csv")
    >>> t.header, t.data["c1"].tolist(), t.line_numbers.tolist(), t.delimiter
    (('sku', 'units'), ['1,234'], [2], ',')
    """
    if max_header_scan < 1:
        raise ValueError("max_header_scan must be at least 1.")
    limits = limits or ReadLimits.from_env()
    if _is_blank(data):
        raise ParseError(file_name, "the file is empty", code="parse.empty")
    if data.startswith(_ZIP_MAGIC):
        _check_workbook_zip(data, file_name, limits)
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return _read_workbook(data, file_name, header_score, max_header_scan, sheet, limits)
    if data.startswith(_BINARY_MAGICS):
        raise ParseError(file_name, "not a table (binary content)", code="parse.binary")
    return _read_text(data, file_name, header_score, max_header_scan, limits)


def _is_blank(data: bytes) -> bool:
    """True when the bytes hold nothing but white space, NULs and byte-order marks."""
    blank = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
    return not data[:_SAMPLE_BYTES].strip(blank) and not data.strip(blank)


# ---- text: encoding --------------------------------------------------------------------------------

# charset-normalizer is asked to choose among these only: the encodings real exports use. Asking it to
# choose among everything turns a short cp1252 file into cp1250 and a Shift_JIS one into big5.
_CHARSET_CANDIDATES: Final = ("cp1252", "gb18030", "cp932", "utf_16")
_ENCODING_NAMES: Final = {
    "cp1252": "cp1252",
    "windows-1252": "cp1252",
    "gb18030": "gb18030",
    "gbk": "gb18030",  # gb18030 is a superset of gbk and gb2312
    "gb2312": "gb18030",
    "cp936": "gb18030",
    "cp932": "cp932",  # cp932 is a superset of shift_jis
    "shift_jis": "cp932",
    "utf_16": "utf-16",
    "utf-16": "utf-16",
}


def _decode_to_utf8(data: bytes, file_name: str) -> tuple[bytes, str]:
    """The text as UTF-8 bytes without BOM, and the encoding's name.

    Order: BOM, UTF-16 by its NUL pattern, strict UTF-8, then charset-normalizer restricted to
    :data:`_CHARSET_CANDIDATES`. Decoding is strict: bytes the chosen encoding cannot read refuse the file
    with their line (a replacement character in a SKU would be stored silently). Text that reads as UTF-8
    almost everywhere is UTF-8 with a stray byte or a cut-off last character, never a legacy code page.
    """
    if data.startswith(_UTF8_BOM):
        body = data[len(_UTF8_BOM) :]
        error = _utf8_error(body)
        if error is not None:
            raise _undecodable(body, error, file_name, "utf-8")
        return body, "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _recode(data, "utf-16", file_name), "utf-16"
    sample = data[:4096]
    utf16 = _utf16_without_bom(sample)
    if utf16 is not None:
        return _recode(data, utf16, file_name), utf16
    if b"\x00" in sample:
        raise ParseError(file_name, "not a table (binary content)", code="parse.binary")
    error = _utf8_error(data)
    if error is None:
        return data, "utf-8"
    if _mostly_utf8(data):
        raise _undecodable(data, error, file_name, "utf-8")
    encoding = _guess_legacy_encoding(data)
    if encoding is None:
        raise ParseError(file_name, "not a table (binary content or unknown text encoding)", code="parse.binary")
    return _recode(data, encoding, file_name), encoding


def _utf8_error(data: bytes) -> UnicodeDecodeError | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Whether text that is not valid UTF-8 still holds at least as many valid multi-byte characters as
    invalid bytes: a UTF-8 file with a stray cp1252 byte, or cut inside its last character. Legacy code
    pages (cp1252, GBK, Shift_JIS) form valid UTF-8 sequences only by chance, for a tenth of their
    characters at most."""
    text = data.decode("utf-8", errors="replace")
    ascii_bytes = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) < 0x80))
    replaced = text.count("\ufffd")
    valid = len(text) - ascii_bytes - replaced
    return valid >= max(1, replaced)


def _undecodable(data: bytes, error: UnicodeDecodeError, file_name: str, encoding: str) -> ParseError:
    """The refusal for bytes ``encoding`` cannot read: a cut-off last character, or a mix of encodings."""
    line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
    if error.end >= len(data) and error.start >= len(data) - 3:
        return ParseError(
            file_name,
            "the file ends in the middle of a character: it looks cut off (an interrupted download?); download it again",
            line=line,
            code="parse.truncated_char",
        )
    return ParseError(
        file_name,
        f"bytes that are not {encoding.upper()} text: the file mixes text encodings; save it again as UTF-8",
        line=line,
        code="parse.mixed_encoding",
        params={"encoding": encoding.upper()},
    )


def _recode(data: bytes, encoding: str, file_name: str) -> bytes:
    """Decode strictly (see :func:`_decode_to_utf8`) and encode as UTF-8."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, file_name, encoding) from exc
    return text.lstrip("\ufeff").encode("utf-8")


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ASCII-heavy text shows NULs in every other byte."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    raw = np.frombuffer(sample, dtype=np.uint8)
    even_nul = np.count_nonzero(raw[0::2] == 0) / (raw.size / 2)
    odd_nul = np.count_nonzero(raw[1::2] == 0) / (raw.size / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _guess_legacy_encoding(data: bytes) -> str | None:
    """cp1252, gb18030 or cp932 for non-UTF-8 text, by charset-normalizer on a sample."""
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE_BYTES]
    if len(data) > _SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # do not cut a multibyte character
    matches = from_bytes(sample, cp_isolation=list(_CHARSET_CANDIDATES))
    names = [_ENCODING_NAMES.get(m.encoding.lower(), m.encoding) for m in matches]
    for name in names:  # the best match first; keep the first that decodes the whole file
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return None if _looks_binary(text[:4096]) else name
    if names:  # none decodes the whole file: a CJK code page that does, else the refusal of the best match
        return _cjk_candidate(data) or names[0]
    # charset-normalizer found nothing coherent, as happens with short files (a Chinese header and two
    # rows). Chinese and Japanese text shows its non-ASCII bytes in long runs (two bytes a character),
    # Western text in ones and twos ("Größe"): prefer a CJK code page that decodes the whole file then.
    cjk = _cjk_candidate(data) if _cjk_shaped(sample) else None
    if cjk is not None:
        return cjk
    # cp1252 decodes almost any bytes, so accept it only when the result looks like text. The five bytes it
    # leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are GBK and Shift_JIS lead bytes.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return _cjk_candidate(data) or "cp1252"  # cp1252 then refuses the file, naming the line
    return None if _looks_binary(text[:4096]) else "cp1252"


def _cjk_shaped(sample: bytes) -> bool:
    """Whether most non-ASCII bytes sit in runs of four or more (two or more double-byte characters)."""
    high = np.frombuffer(sample, dtype=np.uint8) >= 0x80
    if not high.any():
        return False
    edges = np.flatnonzero(np.diff(np.concatenate(([0], high.astype(np.int8), [0]))))
    runs = edges[1::2] - edges[0::2]
    return bool(runs[runs >= 4].sum() >= 0.5 * runs.sum())


def _cjk_candidate(data: bytes) -> str | None:
    """cp932 when it decodes the file and shows kana, else gb18030, else cp932; None if neither decodes."""
    decoded: dict[str, str] = {}
    for name in ("cp932", "gb18030"):
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if "cp932" in decoded:
        wide = [ch for ch in decoded["cp932"] if ord(ch) >= 0x80]
        kana = sum(1 for ch in wide if "\u3040" <= ch <= "\u30ff")
        if wide and kana >= 0.1 * len(wide):
            return "cp932"
    for name in ("gb18030", "cp932"):
        if name in decoded and not _looks_binary(decoded[name][:4096]):
            return name
    return None


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f\v")
    return controls > max(2, len(text) // 100)


# ---- text: delimiter, tokenising -------------------------------------------------------------------


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


def _read_text(
    data: bytes, file_name: str, header_score: HeaderScore | None, max_header_scan: int, limits: ReadLimits
) -> RawTable:
    buf, encoding = _decode_to_utf8(data, file_name)
    if b"\n" not in buf and b"\r" in buf:  # classic Mac line ends
        buf = buf.replace(b"\r", b"\n")
    head_bytes = buf[:_SAMPLE_BYTES]
    if len(buf) > _SAMPLE_BYTES and b"\n" in head_bytes:
        head_bytes = head_bytes[: head_bytes.rindex(b"\n")]  # whole lines only
    head = head_bytes.decode("utf-8", errors="ignore")
    if _looks_binary(head[:4096]):
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
    scan = [[_header_cell(c) for c in tokens.record(r)] for r in range(min(tokens.n_records, max_header_scan))]
    _check_cell_lengths(tokens, scan, header_score, file_name, limits)  # before scoring such cells as headers
    choice = _choose_header(scan, header_score)
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
    frame, lines, extra = _assemble(_clean_cells(tokens.fields), starts, lengths, lines, len(header))
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
    nonempty = np.flatnonzero(_np_bool(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(tokens.fields)), 0)))
    if not nonempty.size:
        return
    starts = tokens.record_offsets[:-1]
    # Each record's last non-empty cell: the last one before the record's end, if it lies inside the record.
    last = nonempty[np.maximum(np.searchsorted(nonempty, tokens.record_offsets[1:], side="left") - 1, 0)]
    effective = np.where(last >= starts, last - starts + 1, 0)
    wide = np.flatnonzero(effective > limits.max_columns)
    if wide.size:
        r = int(wide[0])
        raise _too_many_columns(file_name, int(effective[r]), limits.max_columns, line=int(tokens.record_lines[r]))


def _too_many_columns(file_name: str, n: int, limit: int, *, line: int | None = None) -> ParseError:
    """A row (``line``) or a sheet (no line) wider than the limit."""
    return ParseError(
        file_name,
        f"{n:,} columns, more than the limit of {limit:,} (STOCKOUT_RADAR_MAX_COLUMNS)",
        line=line,
        code="parse.too_many_columns" if line is not None else "parse.sheet_too_wide",
        params={"n": f"{n:,}", "limit": f"{limit:,}"},
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
    choice = _choose_header([[cell[:256] for cell in cells] for cells in scan], header_score)
    header = choice[1] if choice is not None and r > choice[0] else ()
    raise _cell_too_long(file_name, int(chars[i]), limits.max_cell_chars, int(tokens.record_lines[r]), header, j)


def _cell_too_long(
    file_name: str, n: int, limit: int, line: int, header: Sequence[str], j: int
) -> ParseError:
    column = _one_line(header[j]) if j < len(header) and header[j].strip() else f"#{j + 1}"
    return ParseError(
        file_name,
        f"a cell of {n:,} characters, more than the limit of {limit:,} (STOCKOUT_RADAR_MAX_CELL_CHARS)",
        line=line,
        column=column,
        code="parse.cell_too_long",
        params={"column": column, "n": f"{n:,}", "limit": f"{limit:,}"},
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


# ---- header and assembly (text and spreadsheets) ----------------------------------------------------


def _header_cell(cell: str) -> str:
    return cell.replace("\ufeff", "").rstrip("\r\n")


def _choose_header(
    rows: Sequence[Sequence[str]], header_score: HeaderScore | None
) -> tuple[int, tuple[str, ...], float] | None:
    """(row index, header cells without trailing empties, score) of the header, or None if all rows are empty."""
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


def _clean_cells(fields: pa.Array) -> pa.Array:
    """Strip white space, unwrap ``="..."`` Excel text formulas, and make empty cells null."""
    cells = pc.utf8_trim_whitespace(fields)
    formula = pc.match_substring_regex(cells, _EXCEL_TEXT_FORMULA)
    if pc.any(formula).as_py():
        inner = pc.replace_substring_regex(cells, _EXCEL_TEXT_FORMULA, r"\1")
        inner = pc.utf8_trim_whitespace(pc.replace_substring(inner, '""', '"'))  # Excel escapes " as ""
        cells = pc.if_else(formula, inner, cells)
    return pc.if_else(pc.equal(cells, ""), pa.scalar(None, cells.type), cells)


def _assemble(
    cells: pa.Array, starts: np.ndarray, lengths: np.ndarray, lines: np.ndarray, width: int
) -> tuple[pd.DataFrame, np.ndarray, tuple[int, ...]]:
    """Columns ``c0..c{width-1}`` from records given as (start, length) into ``cells``.

    Drops records with no non-null cell, pads short records with NA and reports the lines of records with
    non-null cells beyond ``width``.
    """
    valid = _np_bool(cells.is_valid())
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


# ---- spreadsheets -----------------------------------------------------------------------------------


def _read_workbook(
    data: bytes,
    file_name: str,
    header_score: HeaderScore | None,
    max_header_scan: int,
    sheet: str | None,
    limits: ReadLimits,
) -> RawTable:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise ParseError(file_name, "the workbook is password-protected", code="parse.password") from exc
    except BaseException as exc:  # calamine raises unrelated types, even a Rust panic, for a damaged file
        raise _unreadable_workbook(file_name, exc) from exc
    if sheet is not None:
        if sheet not in book.sheet_names:
            sheets = _one_line(", ".join(book.sheet_names), 120)
            raise ParseError(
                file_name,
                f"no sheet named {_one_line(sheet)!r} (sheets: {sheets})",
                code="parse.no_sheet",
                params={"sheet": _one_line(sheet), "sheets": sheets},
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
                raise _too_many_columns(file_name, int(sheet_obj.width), limits.max_columns)
            head = sheet_obj.to_python(skip_empty_area=False, nrows=max_header_scan)
        except ParseError:
            raise
        except BaseException as exc:
            _reraise_interrupt(exc)
            if sheet is not None:
                raise ParseError(
                    file_name, f"sheet {_one_line(name)!r} cannot be read", code="parse.bad_workbook"
                ) from exc
            continue
        rows = [[_header_cell(_cell_to_str(v) or "") for v in row] for row in head]
        choice = _choose_header(rows, header_score)
        if choice is not None and (chosen is None or choice[2] > chosen[2][2]):
            chosen = (name, sheet_obj, choice)
    if chosen is None:
        raise ParseError(file_name, "the workbook has no table (its sheets are empty)", code="parse.empty")
    name, sheet_obj, (row, header, _score) = chosen
    for j, cell in enumerate(header):
        if len(cell) > limits.max_cell_chars:
            raise _cell_too_long(file_name, len(cell), limits.max_cell_chars, row + 1, (), j)
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
        raise _cell_too_long(file_name, int(chars[i]), limits.max_cell_chars, row + 2 + i // width, header, i % width)
    starts = np.arange(len(body), dtype=np.int64) * width
    lengths = np.full(len(body), width, dtype=np.int64)
    lines = np.arange(row + 2, row + 2 + len(body), dtype=np.int64)
    frame, lines, extra = _assemble(_clean_cells(cells), starts, lengths, lines, len(header))
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


# ---- workbooks: zip bombs --------------------------------------------------------------------------

_EOCD: Final = b"PK\x05\x06"
_MAX_ZIP_PARTS: Final = 10_000  # a workbook holds a few dozen parts; each costs the zip reader an object
_RATIO_FLOOR: Final = 2**20  # parts smaller than this are not judged by their compression ratio
_GRID_FLOOR: Final = 1_000_000  # cells any sheet may span, whatever its size
_INFLATE_CHUNK: Final = 4 * 2**20  # most bytes one inflate call may produce
_INPUT_CHUNK: Final = 256 * 2**10
_SCAN_OVERLAP: Final = 512  # bytes kept between chunks: a reference and its element's end straddle them


def _check_workbook_zip(data: bytes, file_name: str, limits: ReadLimits) -> None:
    """Refuse a workbook whose parts would unpack beyond ``limits``, before the reader unpacks anything.

    First the declared sizes (the central directory): the total and each part's compression ratio. Then
    every part is inflated here, a chunk at a time and never kept, to catch parts inflating to more than
    they declare (a lying header), and worksheets are scanned for the cell references that decide how
    large a grid the reader allocates (a lone ``<c r="XFD1048576">`` would need 512 GB).
    """
    tail = data[-(2**16 + 22) :]
    end = tail.rfind(_EOCD)
    if end < 0 or len(tail) - end < 22:
        raise ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook")
    (declared_parts,) = struct.unpack_from("<H", tail, end + 10)
    if declared_parts > _MAX_ZIP_PARTS:  # 0xFFFF: a zip64 count, never a real workbook either
        raise _zip_refusal(file_name, "parts", n=f"{declared_parts:,}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, and struct/value errors for some malformed directories
        raise ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook") from exc
    if len(infos) > _MAX_ZIP_PARTS:
        raise _zip_refusal(file_name, "parts", n=f"{len(infos):,}")
    names = {info.filename for info in infos}
    for marker, kind in (("xl/workbook.bin", ".xlsb"), ("content.xml", ".ods"), ("mimetype", ".ods")):
        if marker in names:
            raise ParseError(
                file_name,
                f"an {kind} workbook, which is not supported: save it as .xlsx or CSV",
                code="parse.workbook_format",
                params={"format": kind},
            )
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise _zip_refusal(
            file_name, "size", size_mb=_mb(total), limit_mb=_mb(limits.max_unzipped_bytes)
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
            raise _zip_refusal(
                file_name, "ratio", part=_one_line(info.filename), ratio=f"{ratio:,.0f}",
                limit=f"{limits.max_zip_ratio:,.0f}",
            )
    # The workbook's relationships come first: they name the parts read as worksheets.
    sheets = {name for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml")}
    for info in sorted(infos, key=lambda i: i.filename != _WORKBOOK_RELS):
        extent = _SheetExtent() if info.filename in sheets else None
        keep: list[bytes] | None = [] if info.filename == _WORKBOOK_RELS else None
        produced = 0
        for chunk, final in _inflate(data, info, file_name):
            produced += len(chunk)
            if produced > info.file_size:
                raise _zip_refusal(file_name, "lies", part=_one_line(info.filename))
            if extent is not None:
                extent.scan(chunk, final)
            if keep is not None:
                keep.append(chunk)
        if keep is not None:
            sheets |= _sheets_in_rels(b"".join(keep), names)
        if extent is not None:
            extent.check(file_name, info.file_size, limits)


_WORKBOOK_RELS: Final = "xl/_rels/workbook.xml.rels"


def _zip_refusal(file_name: str, what: str, **params: str) -> ParseError:
    reasons = {
        "parts": "a zip of {n} parts, not an Excel workbook",
        "size": "the workbook would unpack to {size_mb} MB, more than the limit of {limit_mb} MB "
        "(STOCKOUT_RADAR_MAX_UNZIPPED_MB)",
        "ratio": "the workbook part '{part}' is compressed {ratio}:1, more than the limit of {limit}:1 "
        "(STOCKOUT_RADAR_MAX_ZIP_RATIO): a zip bomb, not an export",
        "lies": "the workbook part '{part}' unpacks to more than its declared size: a damaged or crafted file",
    }
    return ParseError(file_name, reasons[what].format(**params), code=f"parse.zip_{what}", params=params)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def _sheets_in_rels(rels: bytes, names: set[str]) -> set[str]:
    """The parts the workbook's relationships name as sheets: a crafted file may put one anywhere."""
    sheets: set[str] = set()
    for element in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        kind = re.search(rb"""\bType\s*=\s*["']([^"']*)""", element)
        target = re.search(rb"""\bTarget\s*=\s*["']([^"']*)""", element)
        if kind is None or target is None or not kind.group(1).lower().endswith(b"sheet"):
            continue
        path = target.group(1).decode("utf-8", errors="replace")
        resolved = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path))
        sheets |= {name for name in names if name.lower() == resolved.lower()}
    return sheets


def _inflate(data: bytes, info: zipfile.ZipInfo, file_name: str) -> Iterator[tuple[bytes, bool]]:
    """The part's bytes, a chunk at a time with a flag on the last, inflated from its local entry.

    Never yields more than one chunk beyond the declared size, so the caller can stop a lying part.
    """
    header = data[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or not header.startswith(_ZIP_MAGIC) or info.flag_bits & 0x1:
        raise ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook")
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    begin = info.header_offset + 30 + name_len + extra_len
    raw = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for pos in range(0, len(raw), _INFLATE_CHUNK):
            yield bytes(raw[pos : pos + _INFLATE_CHUNK]), pos + _INFLATE_CHUNK >= len(raw)
        if not len(raw):
            yield b"", True
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        # Input a slice at a time: ``unconsumed_tail`` is a copy, so feeding the whole part would make
        # every bounded call copy what is left of it.
        for pos in range(0, max(len(raw), 1), _INPUT_CHUNK):
            pending: bytes | memoryview = raw[pos : pos + _INPUT_CHUNK]
            last_input = pos + _INPUT_CHUNK >= len(raw)
            while True:
                chunk = inflater.decompress(pending, _INFLATE_CHUNK)
                pending = inflater.unconsumed_tail
                if inflater.eof or (last_input and not pending):
                    yield chunk, True
                    return
                yield chunk, False
                if not pending:
                    break
    except zlib.error as exc:
        raise ParseError(file_name, "not a readable Excel workbook", code="parse.bad_workbook") from exc


_WHITE: Final = np.zeros(256, dtype=bool)
_WHITE[[0x09, 0x0A, 0x0D, 0x20]] = True
_LETTER: Final = np.zeros(256, dtype=bool)
_LETTER[ord("A") : ord("Z") + 1] = True
_LETTER[ord("a") : ord("z") + 1] = True
_DIGIT: Final = np.zeros(256, dtype=bool)
_DIGIT[ord("0") : ord("9") + 1] = True
_HUGE: Final = 10**12  # a reference beyond any sheet: more letters or digits than are read here
_REF_WIDTH: Final = 12  # XFD1048576 and its closing quote fit; longer references are beyond any sheet
_SPACED_REF: Final = re.compile(rb"""\sr(?:\s+=\s*|=\s+)["']([A-Za-z]*)([0-9]*)""")


_PAD: Final = 16


def _keys(windows: np.ndarray, end: np.ndarray, length: np.ndarray, width: int, *, pad: int, fold: bool = False) -> np.ndarray:
    """The ``length`` characters before each ``end`` (``width`` at most), left-padded with ``pad``, as
    big-endian integers: ordered as the numbers they write (digits padded with "0"; column letters, folded
    to upper case, padded with "@", which sorts before "A": ``@@@Z`` < ``@@AA``)."""
    block = windows[end - width, :width]  # a copy
    if fold:
        block &= 0xDF
    block[np.arange(-width, 0)[None, :] < -length[:, None]] = pad
    return np.ascontiguousarray(block).view(f">u{width}").ravel()


class _SheetExtent:
    """The rows and columns a worksheet's cell references span (``r="B12"`` on cells, ``r="12"`` on rows).

    Vectorised over the XML's bytes; a reference written with spaces around ``=`` (legal XML, never
    written by Excel) is read with a regular expression instead.
    """

    def __init__(self) -> None:
        self.rows: list[int] = []  # running [min, max]
        self.cols: list[int] = []
        self._carry = b""

    def scan(self, chunk: bytes, final: bool) -> None:
        buf = self._carry + chunk
        stop = len(buf) if final else max(0, len(buf) - _SCAN_OVERLAP)
        self._carry = b"" if final else buf[stop:]
        if stop:
            self._scan(buf, stop)

    def _scan(self, buf: bytes, stop: int) -> None:
        # Padded so that every fixed-width window below stays inside the array.
        a = np.concatenate((np.zeros(_PAD, dtype=np.uint8), np.frombuffer(buf, dtype=np.uint8), np.zeros(_PAD, np.uint8)))
        stop += _PAD
        windows = np.lib.stride_tricks.sliding_window_view(a, _REF_WIDTH)
        # ' r="' or " r='" starting before stop, found from its '=' (rarer than white space); the value
        # begins two bytes after the '='.
        eq = np.flatnonzero(a[_PAD : stop + 2] == 0x3D) + _PAD
        quote = a[eq + 1]
        starts = eq[(a[eq - 1] == 0x72) & _WHITE[a[eq - 2]] & ((quote == 0x22) | (quote == 0x27))] + 2
        values = windows[starts]  # (references, _REF_WIDTH) bytes
        letters = _LETTER[values]
        n_letters = np.where(letters.all(axis=1), _REF_WIDTH, np.argmin(letters, axis=1))
        after = np.arange(_REF_WIDTH)[None, :] >= n_letters[:, None]
        stops = after & ~_DIGIT[values]
        n_digits = np.where(stops.any(axis=1), np.argmax(stops, axis=1), _REF_WIDTH) - n_letters
        row_keys = _keys(windows, starts + n_letters + n_digits, n_digits, 8, pad=0x30)
        col_keys = _keys(windows, starts + n_letters, n_letters, 4, pad=0x40, fold=True)
        row_long = (n_digits > 8) | (n_letters + n_digits >= _REF_WIDTH)  # beyond row 99,999,999
        col_long = n_letters > 4  # beyond column ZZZZ
        # Empty elements (<row r="1048576" .../>, <c r="XFD5" s="3"/>: formatting only) hold no value and
        # the reader skips them, as Excel writes them far beyond the data.
        ends = np.flatnonzero(a == 0x3E)
        at = np.searchsorted(ends, starts)
        found = at < ends.size  # an element's end past the buffer: counted, to be safe
        empty = np.zeros(starts.size, dtype=bool)
        empty[found] = a[ends[at[found]] - 1] == 0x2F
        cells = (n_letters > 0) & (n_digits > 0) & ~empty
        counted = cells | ((n_letters == 0) & (n_digits > 0) & ~empty)
        none = np.zeros(0, dtype=np.int64)
        if (counted & row_long).any():
            self._add(np.array([_HUGE]), none)
        if (cells & col_long).any():
            self._add(none, np.array([_HUGE]))
        counted &= ~(row_long | col_long)
        cells &= ~(row_long | col_long)
        if counted.any():
            keys = row_keys[counted]
            self._add(np.array([int(_key_bytes(keys.min(), 8)), int(_key_bytes(keys.max(), 8))]), none)
        if cells.any():
            keys = col_keys[cells]
            ends_ = (_column_number(_key_bytes(keys.min(), 4)), _column_number(_key_bytes(keys.max(), 4)))
            self._add(none, np.array(ends_))
        # " r =" or " r= ": found from the 'r' (rare outside references) before any regular expression.
        r = np.flatnonzero(a[_PAD : stop + 1] == 0x72) + _PAD
        r = r[_WHITE[a[r - 1]]]
        if not (_WHITE[a[r + 1]] | ((a[r + 1] == 0x3D) & _WHITE[a[r + 2]])).any():
            return
        spaced = _SPACED_REF.findall(buf[: stop - _PAD])
        if spaced:
            ref_rows = [int(r) if len(r) <= 10 else _HUGE for _letters, r in spaced if r]
            ref_cols = [_column_number(c) for c, r in spaced if c and r]
            self._add(np.asarray(ref_rows, dtype=np.int64), np.asarray(ref_cols, dtype=np.int64))

    def _add(self, rows: np.ndarray, cols: np.ndarray) -> None:
        for found, span in ((rows, self.rows), (cols, self.cols)):
            if found.size:
                low, high = int(found.min()), int(found.max())
                span[:] = [min(span[0], low), max(span[1], high)] if span else [low, high]

    def check(self, file_name: str, xml_bytes: int, limits: ReadLimits) -> None:
        if self.cols and self.cols[1] > limits.max_columns:
            raise _too_many_columns(file_name, self.cols[1], limits.max_columns)
        if not self.rows:
            return
        rows = self.rows[1] - self.rows[0] + 1
        # Cells without a reference fill columns from A in order: as many as the XML holds, so only the
        # referenced ones can span more than the content.
        cols = self.cols[1] - self.cols[0] + 1 if self.cols else 1
        allowed = min(limits.max_sheet_cells, max(_GRID_FLOOR, xml_bytes))
        if rows * cols > allowed:
            raise ParseError(
                file_name,
                f"a sheet spans {rows:,} rows x {cols:,} columns, far more than its content fills "
                f"(the limit is {allowed:,} cells): a damaged or crafted file",
                code="parse.sheet_too_large",
                params={"rows": f"{rows:,}", "cols": f"{cols:,}", "limit": f"{allowed:,}"},
            )


def _key_bytes(key: np.integer, width: int) -> bytes:
    return int(key).to_bytes(width, "big")


def _column_number(letters: bytes) -> int:
    """``b"XFD"`` -> 16384 (``@`` padding ignored)."""
    letters = letters.lstrip(b"@")
    if len(letters) > 4:
        return _HUGE
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


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


# --------------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------------

_DASHES: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2043"
_DASH_TABLE: Final = str.maketrans(dict.fromkeys(_DASHES, "-") | {"\ufeff": None, "\u200b": None})
_SEPARATING_DASH: Final = re.compile(r"\s*-\s*")


def normalise_header(name: str) -> str:
    """The matching key of a header cell: case, width, dash type and spacing folded.

    Unicode NFKC (full-width ``（）：`` become ``():``), casefold, every dash-like character becomes
    ``-``, white space runs become one space, and a dash with white space on either side (a separator,
    not a hyphen inside a word like ``afn-total-quantity``) becomes `` - ``. Idempotent.

    Examples
    --------
    >>> normalise_header("Sessions – Total ") == normalise_header("sessions - total") == "sessions - total"
    True
    >>> normalise_header("推荐报价（推荐报价展示位）百分比")
    '推荐报价(推荐报价展示位)百分比'
    """
    # Every report kind compares the same few dozen header cells: cached, but not a hostile 30,000-character
    # cell, which would stay in memory for as long as the server runs.
    return _normalise_header_cached(name) if len(name) <= 256 else _normalise_header_uncached(name)


@lru_cache(maxsize=8192)
def _normalise_header_cached(name: str) -> str:
    return _normalise_header_uncached(name)


def _normalise_header_uncached(name: str) -> str:
    current = name
    for _ in range(4):  # casefold can un-normalise a few characters; repeat until stable
        nxt = _normalise_header_once(current)
        if nxt == current:
            break
        current = nxt
    return current


def _normalise_header_once(name: str) -> str:
    text = unicodedata.normalize("NFKC", name.translate(_DASH_TABLE)).casefold().translate(_DASH_TABLE)
    text = " ".join(text.split())
    text = _SEPARATING_DASH.sub(lambda m: " - " if m.group(0) != "-" else "-", text)
    return text.strip()


# --------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------

# Longest first so that "US$" wins over "$". Codes written out in a cell ("USD 12.00") count too.
_CURRENCY_SYMBOLS: Final = {
    "US$": "USD",
    "MX$": "MXN",
    "CA$": "CAD",
    "CDN$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "SG$": "SGD",
    "S$": "SGD",
    "R$": "BRL",
    "CN¥": "CNY",
    "CN￥": "CNY",
    "RMB": "CNY",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "¥": "JPY",
    "￥": "JPY",
    "円": "JPY",
    "元": "CNY",
    "₺": "TRY",
    "zł": "PLN",
}
_CURRENCY_CODES: Final = ("USD", "EUR", "GBP", "JPY", "CNY", "INR", "CAD", "AUD", "MXN", "BRL", "SEK", "PLN", "TRY", "AED", "SAR", "SGD", "EGP", "ZAR", "NZD", "HKD", "CHF", "DKK", "NOK")
_CURRENCY_TOKENS: Final = {**_CURRENCY_SYMBOLS, **{code: code for code in _CURRENCY_CODES}}
_CURRENCY_ALT: Final = "|".join(re.escape(t) for t in sorted(_CURRENCY_TOKENS, key=len, reverse=True))
_SPACES: Final = " \t\u00a0\u202f\u3000"
_SIGN: Final = "[-+\u2212]?"
# pyarrow (RE2) pattern; named groups are empty strings when absent. Currency tokens are matched
# generically and checked against _CURRENCY_TOKENS afterwards: an alternation of every token here makes
# the pattern three times slower.
_TOKEN: Final = "[A-Za-z$£€₹¥￥円元₺ł]{0,4}"
_NUMBER_RE: Final = (
    rf"^(?P<s1>{_SIGN})[{_SPACES}]*(?P<open>\(?)[{_SPACES}]*(?P<s2>{_SIGN})[{_SPACES}]*"
    rf"(?P<pre>{_TOKEN})[{_SPACES}]*(?P<s3>{_SIGN})[{_SPACES}]*(?P<cmp>(?:[<>≤≥＜＞]=?)?)[{_SPACES}]*"
    rf"(?P<body>[0-9.][0-9.,'{_SPACES}]*[0-9.]|[0-9])(?P<exp>(?:[eE][-+]?[0-9]+)?)[{_SPACES}]*(?P<plus>\+?)"
    rf"[{_SPACES}]*(?P<pct>[%％]?)[{_SPACES}]*(?P<suf>{_TOKEN})[{_SPACES}]*(?P<close>\)?)$"
)
_NUMBER_PLACEHOLDERS: Final = ("", "-", "--", "---", "—", "–", "−", "n/a", "na", "#n/a")
# Chinese ERP (LingXing) ad exports: "spend but no clicks/sales/orders/data" = zero of that metric.
_ZERO_PLACEHOLDER_PREFIX: Final = "有花费无"
_PLAIN_NUMBER: Final = r"^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$"


@dataclass(frozen=True, eq=False)
class NumberResult:
    """Numbers read from a column.

    Attributes
    ----------
    values
        float64 aligned with the input; NaN where empty, a placeholder or bad.
    bad
        True where a non-empty, non-placeholder cell could not be read as a number.
    currency
        ISO code from symbols or codes in the cells (the most frequent if they disagree), else None.
    """

    values: pd.Series
    bad: np.ndarray
    currency: str | None


def parse_number(s: pd.Series, *, placeholder_zero: bool = False) -> NumberResult:
    """Read a column of Amazon/ERP-formatted numbers.

    Currency symbols and codes, ``%`` (kept as the percent number: ``12.02%`` is 12.02), ``365+``,
    ``>306``, ``-$5.00`` and ``($5.00)`` (negative), Indian grouping ``1,00,000`` are understood.
    Placeholders (``-``, ``--``, ``—``, ``N/A``, empty) are NaN, or 0.0 with ``placeholder_zero``;
    ``有花费无点击`` and its siblings are 0.0. Decimal comma is decided once for the column: when a value
    ends with a comma and one or two digits (``12,5``, ``1.234,56``) or groups thousands with dots
    (``1.234.567``), and no value looks like ``1,234.56``/``1,234,567``, the comma is the decimal
    separator and ``.``/spaces group thousands.

    Parameters
    ----------
    s
        Strings or NA.
    placeholder_zero
        Read placeholders and empty cells as 0.0 instead of NaN.

    Returns
    -------
    NumberResult

    Examples
    --------
    >>> parse_number(pd.Series(["$12,905.25", "($5.00)", "-", "abc"])).values.tolist()
    [12905.25, -5.0, nan, nan]
    >>> parse_number(pd.Series(["1.234,56", "12,5"])).values.tolist()
    [1234.56, 12.5]
    """
    text = pc.utf8_trim_whitespace(_as_strings(s))
    empty = _np_bool(pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_NUMBER_PLACEHOLDERS))))
    zero = _np_bool(pc.starts_with(text, _ZERO_PLACEHOLDER_PREFIX))
    # Most cells of big files are plain ("25.98", "3"): they skip the full pattern, which is ~30x slower.
    # They cannot be evidence for or against a decimal comma, so the decision is taken on the others.
    simple = _np_bool(pc.match_substring_regex(text, _SIMPLE_NUMBER))
    rest = np.flatnonzero(~simple & ~empty & ~zero)
    values = np.full(len(text), np.nan)
    ok = simple.copy()
    decimal_comma, currency = False, None
    if rest.size:
        fancy = _read_formatted_numbers(text.take(pa.array(rest)))
        decimal_comma, currency = fancy.decimal_comma, fancy.currency
        values[rest], ok[rest] = fancy.values, fancy.ok
    if simple.any():
        plain = text.filter(pa.array(simple))
        if decimal_comma:  # "1.000" in a column written like "1.234,56" is a thousand
            plain = pc.replace_substring(plain, ".", "")
        values[simple] = pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)
    infinite = ~np.isfinite(values) & ~np.isnan(values)  # "1e999", or 400 nines: no report holds them
    values[infinite] = np.nan
    ok &= ~infinite
    if placeholder_zero:
        values[empty] = 0.0
    values[zero] = 0.0
    bad = ~empty & ~zero & ~ok
    return NumberResult(pd.Series(values, index=s.index, dtype="float64"), bad, currency)


_SIMPLE_NUMBER: Final = r"^-?[0-9]+(?:\.[0-9]+)?$"


@dataclass(frozen=True)
class _Formatted:
    values: np.ndarray
    ok: np.ndarray
    decimal_comma: bool
    currency: str | None


def _read_formatted_numbers(text: pa.Array) -> _Formatted:
    """Numbers with symbols, signs, grouping or suffixes; ``text`` holds no empties or placeholders."""
    parts = pc.extract_regex(text, _NUMBER_RE)
    matched = _np_bool(parts.is_valid())

    def group(name: str) -> pa.Array:
        return pc.fill_null(pc.struct_field(parts, name), "")

    signs = [_np_bool(pc.not_equal(group(g), "")) for g in ("s1", "s2", "s3")]
    negative = np.zeros(len(text), dtype=bool)
    for g in ("s1", "s2", "s3"):
        negative |= _np_bool(pc.is_in(group(g), pa.array(["-", "\u2212"])))
    opened = _np_bool(pc.equal(group("open"), "("))
    closed = _np_bool(pc.equal(group("close"), ")"))
    pre, suf = group("pre"), group("suf")
    known = pa.array(["", *_CURRENCY_TOKENS])
    currency_ok = _np_bool(pc.is_in(pre, known)) & _np_bool(pc.is_in(suf, known))
    one_currency = _np_bool(pc.equal(pre, "")) | _np_bool(pc.equal(suf, ""))
    one_sign = (signs[0].astype(int) + signs[1] + signs[2]) <= 1
    well_formed = matched & (opened == closed) & one_sign & currency_ok & one_currency

    body = pc.if_else(pa.array(matched), group("body"), _null(text))
    decimal_comma = _decimal_comma(body)
    grouping = rf"[.'{_SPACES}]" if decimal_comma else rf"[,'{_SPACES}]"
    digits = pc.replace_substring_regex(body, grouping, "")
    if decimal_comma:
        digits = pc.replace_substring(digits, ",", ".")
    ok = well_formed & _np_bool(pc.match_substring_regex(digits, _PLAIN_NUMBER))
    literal = pc.binary_join_element_wise(pc.replace_substring_regex(digits, r"\.$", ""), group("exp"), "")
    literal = pc.if_else(pa.array(ok), literal, _null(literal))
    values = pc.cast(literal, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    values = np.where(negative | (opened & closed), -values, values)
    tokens = _coalesce_empty(pre, suf)
    currency = _currency_from_counts(_token_counts(pc.if_else(pa.array(ok), tokens, _null(tokens))))
    return _Formatted(values, ok, decimal_comma, currency)


def _decimal_comma(body: pa.Array) -> bool:
    """Whether the column writes decimals with a comma (see :func:`parse_number`)."""
    compact = pc.replace_substring_regex(body, rf"[{_SPACES}']", "")
    eu = pc.any(pc.match_substring_regex(compact, r",[0-9]{1,2}$")).as_py() or pc.any(
        pc.match_substring_regex(compact, r"[0-9]\.[0-9]{3}[.,]")
    ).as_py()
    us = pc.any(pc.match_substring_regex(compact, r",[0-9]{3}[.,]")).as_py()
    return bool(eu) and not us


def _coalesce_empty(first: pa.Array, second: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(first, ""), second, first)


def _token_counts(tokens: pa.Array) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in pc.value_counts(tokens).to_pylist():
        if row["values"]:
            counts[row["values"]] += row["counts"]
    return counts


def _currency_from_counts(counts: Counter[str]) -> str | None:
    codes: Counter[str] = Counter()
    for token, n in counts.items():
        code = _CURRENCY_TOKENS.get(token)
        if code:
            codes[code] += n
    return codes.most_common(1)[0][0] if codes else None


_CURRENCY_SEARCH: Final = re.compile(
    rf"^[^0-9]*?(?P<pre>{_CURRENCY_ALT})|(?P<suf>{_CURRENCY_ALT})[{_SPACES})]*$"
)


def detect_currency(values: Iterable[str]) -> str | None:
    """The ISO currency written in cells, by symbol or code; the most frequent when cells disagree.

    ``$`` is USD, but ``MX$`` MXN, ``CA$``/``C$`` CAD, ``A$``/``AU$`` AUD; ``¥``/``￥`` JPY, but
    ``CN¥``/``RMB`` CNY; ``£`` GBP, ``€`` EUR, ``₹`` INR; codes like ``USD 12.00`` or ``12,00 EUR``.

    Examples
    --------
    >>> detect_currency(["MX$99.00", "MX$1.00"]), detect_currency(["12.00 EUR"]), detect_currency(["12"])
    ('MXN', 'EUR', None)
    """
    counts: Counter[str] = Counter()
    for value in values:
        if not isinstance(value, str):
            continue
        match = _CURRENCY_SEARCH.search(value.strip())
        if match:
            counts[match.group("pre") or match.group("suf")] += 1
    return _currency_from_counts(counts)


# --------------------------------------------------------------------------------------------------
# Ranks
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class RankResult:
    """Keyword ranks read from a column.

    Attributes
    ----------
    rank
        float64 rank; NaN when not ranked, beyond the tracked depth, empty or bad.
    beyond
        float64 tracked depth N where the cell said ``>N`` (worse than N), else NaN.
    bad
        True where a non-empty, non-placeholder cell is not a rank.
    """

    rank: pd.Series
    beyond: pd.Series
    bad: np.ndarray


_RANK_RE: Final = r"^(?P<gt>[>＞]?)[ ]*#?[ ]*(?P<n>[0-9][0-9,]*)(?:\.0+)?(?P<plus>\+?)$"


def parse_rank(s: pd.Series) -> RankResult:
    """Read Helium 10-style ranks: ``54``, ``>306`` (beyond the tracked depth), ``-`` (not ranked).

    ``306+`` is read like ``>306``.

    Examples
    --------
    >>> r = parse_rank(pd.Series(["54", ">306", "-", "abc"]))
    >>> r.rank.tolist(), r.beyond.tolist(), r.bad.tolist()
    ([54.0, nan, nan, nan], [nan, 306.0, nan, nan], [False, False, False, True])
    """
    text = pc.utf8_trim_whitespace(_as_strings(s))
    empty = _np_bool(pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_NUMBER_PLACEHOLDERS))))
    parts = pc.extract_regex(text, _RANK_RE)
    ok = _np_bool(parts.is_valid()) & ~empty
    number = pc.replace_substring(pc.struct_field(parts, "n"), ",", "")
    number = pc.if_else(pa.array(ok), number, _null(number))
    values = pc.cast(number, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    is_beyond = ok & (
        _np_bool(pc.not_equal(pc.struct_field(parts, "gt"), "")) | _np_bool(pc.equal(pc.struct_field(parts, "plus"), "+"))
    )
    rank = np.where(ok & ~is_beyond, values, np.nan)
    beyond = np.where(is_beyond, values, np.nan)
    return RankResult(
        pd.Series(rank, index=s.index, dtype="float64"),
        pd.Series(beyond, index=s.index, dtype="float64"),
        ~empty & ~ok,
    )


# --------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DateResult:
    """Dates read from a column.

    Attributes
    ----------
    values
        ``datetime64[us]`` at midnight (the local date as written; time and offset dropped), NaT where
        empty, a placeholder or bad.
    bad
        True where a non-empty, non-placeholder cell does not fit the column's format.
    format
        The strptime format chosen for the column (e.g. ``"%m/%d/%y"``), ``"excel-serial"`` for Excel day
        numbers, or None when nothing parsed.
    """

    values: pd.Series
    bad: np.ndarray
    format: str | None


_DATE_PLACEHOLDERS: Final = ("", "-", "--", "---", "—", "–", "n/a", "na", "#n/a", "none", "null", "nat")
_TIME_ZONES: Final = "UTC|GMT|PST|PDT|MST|MDT|CST|CDT|EST|EDT|AKST|AKDT|HST|BST|WET|WEST|CET|CEST|EET|EEST|IST|JST|KST|AEST|AEDT|AWST"
_DATE_SAMPLE: Final = 2000
_EXCEL_SERIAL: Final = "excel-serial"
# Candidate date orders, preferred first. Each inner tuple is one order, or a month-first/day-first
# pair that the same text can fit (01/04/26); the pair is flipped when the caller says dayfirst.
_DATE_ORDERS: Final = (
    ("%Y-%m-%d",),
    ("%Y/%m/%d",),
    ("%Y.%m.%d",),
    ("%Y年%m月%d日",),
    ("%m/%d/%Y", "%d/%m/%Y"),
    ("%m/%d/%y", "%d/%m/%y"),
    ("%m-%d-%Y", "%d-%m-%Y"),
    ("%m-%d-%y", "%d-%m-%y"),
    ("%d.%m.%Y",),
    ("%d.%m.%y",),
    ("%b %d, %Y",),
    ("%B %d, %Y",),
    ("%b %d %Y",),
    ("%B %d %Y",),
    ("%d %b %Y",),
    ("%d %B %Y",),
    ("%d-%b-%Y",),
    ("%d-%b-%y",),
    ("%Y%m%d",),
)
_TIME_SUFFIXES: Final = (" %H:%M:%S", " %H:%M")
_TIME_SUFFIXES_12H: Final = (" %I:%M:%S %p", " %I:%M %p")
_ISO_TIMES: Final = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")


@lru_cache(maxsize=8)
def _date_candidates(dayfirst: bool, with_time: bool, twelve_hour: bool) -> tuple[str, ...]:
    """Candidate formats in order of preference (date-only orders last when values carry times)."""
    bases = [fmt for order in _DATE_ORDERS for fmt in (order[::-1] if dayfirst else order)]
    if not with_time:
        return tuple(bases)
    suffixes = _TIME_SUFFIXES_12H if twelve_hour else _TIME_SUFFIXES
    timed = [base + suffix for base in bases if base != "%Y%m%d" for suffix in suffixes]
    return (*([] if twelve_hour else _ISO_TIMES), *timed, *bases)


def parse_date(s: pd.Series, *, dayfirst: bool | None = None) -> DateResult:
    """Read a column of dates in one format chosen for the whole column.

    Time zones and offsets (``Z``, ``+00:00``, ``PDT``) and fractional seconds are dropped before
    matching: the date is the local date as written. Every candidate format is tried on the distinct
    values (on a spread sample of them first when there are many); the format parsing the most cells
    wins, ties going to the earlier candidate. When both ``%m/%d`` and ``%d/%m`` read every value (no day
    above 12 anywhere), ``dayfirst`` decides, defaulting to month first (US). A day above 12 in the first
    field rules month-first out, and vice versa. Excel day numbers (20000-80000) are read as
    ``"excel-serial"`` when nothing else fits.

    Parameters
    ----------
    s
        Strings or NA.
    dayfirst
        Resolve an ambiguous day/month order; None means month first.

    Returns
    -------
    DateResult

    Examples
    --------
    >>> r = parse_date(pd.Series(["01/04/26", "13/04/26"]))
    >>> r.format, r.values.dt.strftime("%Y-%m-%d").tolist()
    ('%d/%m/%y', ['2026-04-01', '2026-04-13'])
    """
    text = pc.utf8_trim_whitespace(_as_strings(s))
    empty = _np_bool(pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_DATE_PLACEHOLDERS))))
    text = pc.if_else(pa.array(empty), _null(text), _normalise_date_text(text))
    codes, uniques = pd.factorize(pd.Series(text, dtype="str"), use_na_sentinel=True)
    uniques = pd.Series(np.asarray(uniques, dtype=object), dtype="str")
    weights = np.bincount(codes[codes >= 0], minlength=len(uniques))
    fmt, parsed = _choose_date_format(uniques, weights, bool(dayfirst))
    if parsed is not None and fmt is not None and np.isnat(parsed).any():
        parsed = _read_rest_per_value(uniques, parsed, fmt, bool(dayfirst))
    if parsed is None:
        values = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[us]")
    else:
        parsed_days = parsed.astype("datetime64[D]").astype("datetime64[us]")
        values = np.where(codes >= 0, parsed_days[np.maximum(codes, 0)], np.datetime64("NaT"))
    bad = ~empty & np.isnat(values)
    return DateResult(pd.Series(values, index=s.index, dtype="datetime64[us]"), bad, fmt)


def _column_dayfirst(fmt: str, dayfirst: bool) -> bool:
    """The day/month order a column's chosen format settles (``dayfirst`` when it settles none)."""
    date_part = _TIME_PART.split(fmt, maxsplit=1)[0]
    for order in _DATE_ORDERS:
        if len(order) == 2 and date_part in order:
            return date_part == order[1]
    return dayfirst


@lru_cache(maxsize=4)
def _per_value_candidates(dayfirst: bool) -> tuple[str, ...]:
    """Every format a single value may be read with: each order once (ambiguous pairs in the column's
    order only), with 24-hour, 12-hour or no time; never bare digit runs (``%Y%m%d``) or Excel serials."""
    bases = [order[1] if (dayfirst and len(order) == 2) else order[0] for order in _DATE_ORDERS]
    bases = [b for b in bases if b != "%Y%m%d"]
    timed = [base + suffix for base in bases for suffix in (*_TIME_SUFFIXES, *_TIME_SUFFIXES_12H)]
    return (*_ISO_TIMES, *timed, *bases)


def _read_rest_per_value(uniques: pd.Series, parsed: np.ndarray, fmt: str, dayfirst: bool) -> np.ndarray:
    """Values the column's format does not read, each read on its own (issue 12: ``10/22/2026 4:00 PM``
    beside ``2026-10-23 00:05:30``); an ambiguous day/month keeps the order the column settled, and a value
    that contradicts it stays unread."""
    out = parsed.copy()
    col_dayfirst = _column_dayfirst(fmt, dayfirst)
    for candidate in _per_value_candidates(col_dayfirst):
        missing = np.isnat(out)
        if not missing.any():
            break
        rest = uniques[missing]
        if not _fits_shape(candidate, rest):
            continue
        out[missing] = _try_date_format(rest, candidate)
    return out


def _normalise_date_text(text: pa.Array) -> pa.Array:
    """Drop fractional seconds, time zones and offsets; fold white space."""
    text = pc.replace_substring_regex(text, r"(:[0-9]{2})[.,][0-9]+", r"\1")
    text = pc.replace_substring_regex(
        text, rf"([0-9]:[0-9]{{2}}|[AaPp][Mm])\s*(?:Z|(?:UTC|GMT)?\s*[-+][0-9]{{2}}:?[0-9]{{2}}|{_TIME_ZONES})$", r"\1"
    )
    return pc.replace_substring_regex(text, r"\s+", " ")


def _choose_date_format(
    uniques: pd.Series, weights: np.ndarray, dayfirst: bool
) -> tuple[str | None, np.ndarray | None]:
    """(format, parsed uniques as datetime64[us] with NaT) for the candidate reading the most cells."""
    if uniques.empty:
        return None, None
    if len(uniques) > _DATE_SAMPLE:
        pick = np.unique(np.linspace(0, len(uniques) - 1, _DATE_SAMPLE).astype(np.int64))
    else:
        pick = np.arange(len(uniques))
    sample, sample_weights = uniques.iloc[pick], weights[pick]
    with_time = bool(sample.str.contains(":", regex=False).any())
    twelve_hour = with_time and bool(sample.str.contains(r"[AaPp][Mm]$", regex=True).any())
    candidates = (*_date_candidates(dayfirst, with_time, twelve_hour), _EXCEL_SERIAL)
    shaped = [f for f in candidates if _fits_shape(f, sample)]
    scores = [(int(sample_weights[~np.isnat(_try_date_format(sample, f))].sum()), f) for f in shaped]
    best = max((score for score, _ in scores), default=0)
    if best == 0:
        return None, None
    finalists = [f for score, f in scores if score == best]
    if len(finalists) == 1 or len(pick) == len(uniques):
        return finalists[0], _try_date_format(uniques, finalists[0])
    # Tied on the sample: decide on every value (a day above 12 may sit outside the sample).
    chosen, parsed, chosen_score = finalists[0], _try_date_format(uniques, finalists[0]), -1
    for fmt in finalists:
        result = _try_date_format(uniques, fmt)
        score = int(weights[~np.isnat(result)].sum())
        if score > chosen_score:
            chosen, parsed, chosen_score = fmt, result, score
    return chosen, parsed


_DIRECTIVE: Final = re.compile(r"%[a-zA-Z]")


def _fits_shape(fmt: str, sample: pd.Series) -> bool:
    """Cheap pre-filter: the format's literal characters occur in some of the first sample values.

    Saves trying ~70 formats with pandas on every column.
    """
    if fmt == _EXCEL_SERIAL:
        return True
    literals = set(_DIRECTIVE.sub("", fmt)) - {" "}
    named = any(d in fmt for d in ("%b", "%B", "%p"))
    for value in sample.iloc[:20]:
        has_letters = any(ch.isalpha() and ch.isascii() for ch in value.replace("T", ""))
        if literals <= set(value) and (named or not has_letters):
            return True
    return False


def _try_date_format(values: pd.Series, fmt: str) -> np.ndarray:
    """datetime64[us] array, NaT where ``fmt`` does not read the value.

    A format with a time also reads values carrying only its date part: spreadsheets render a midnight
    date-time as a bare date.
    """
    if fmt == _EXCEL_SERIAL:
        numeric = pd.to_numeric(values.where(values.str.fullmatch(r"[0-9]{5}(?:\.[0-9]+)?")), errors="coerce")
        numeric = numeric.where((numeric >= 20000) & (numeric <= 80000))
        return _as_datetime64(pd.to_datetime(numeric, unit="D", origin="1899-12-30", errors="coerce"))
    result = _as_datetime64(pd.to_datetime(values, format=fmt, errors="coerce"))
    date_part = _TIME_PART.split(fmt, maxsplit=1)[0]
    missing = np.isnat(result)
    if date_part != fmt and missing.any():
        result[missing] = _as_datetime64(pd.to_datetime(values[missing], format=date_part, errors="coerce"))
    return result


_TIME_PART: Final = re.compile(r"[ T]%[HI]")


def _as_datetime64(result: pd.Series) -> np.ndarray:
    if isinstance(result.dtype, pd.DatetimeTZDtype):
        result = result.dt.tz_localize(None)
    return np.array(result, dtype="datetime64[us]")


_RANGE_RE: Final = r"^(?P<a>.+?)(?:\s+-\s+|\s*[–—~～至]\s*|\s+to\s+)(?P<b>.+)$"


def parse_date_range(s: pd.Series, *, dayfirst: bool | None = None) -> tuple[DateResult, DateResult]:
    """Start and end of ranges like ``"Jul 06, 2026 - Jul 29, 2026"`` (new Ads console ``Date range``).

    Also ``2026-07-06 - 2026-07-29``, en dash, ``~`` and ``至`` separators; a single date is a one-day
    range. Starts and ends are read with one format (one call to :func:`parse_date`, which ``dayfirst``
    is passed to).

    Examples
    --------
    >>> a, b = parse_date_range(pd.Series(["Jul 06, 2026 - Jul 29, 2026", "Jul 31, 2026"]))
    >>> a.values.dt.strftime("%m-%d").tolist(), b.values.dt.strftime("%m-%d").tolist()
    (['07-06', '07-31'], ['07-29', '07-31'])
    """
    text = pc.utf8_trim_whitespace(_as_strings(s))
    parts = pc.extract_regex(text, _RANGE_RE)
    split = parts.is_valid()
    starts = pc.if_else(split, pc.struct_field(parts, "a"), text)
    ends = pc.if_else(split, pc.struct_field(parts, "b"), text)
    both = parse_date(
        pd.Series(pa.concat_arrays([starts.cast(pa.string()), ends.cast(pa.string())]), dtype="str"),
        dayfirst=dayfirst,
    )
    n = len(s)
    values = both.values.to_numpy()

    def side(lo: int, hi: int) -> DateResult:
        return DateResult(pd.Series(values[lo:hi], index=s.index, dtype="datetime64[us]"), both.bad[lo:hi], both.format)

    return side(0, n), side(n, 2 * n)


# --------------------------------------------------------------------------------------------------
# File names
# --------------------------------------------------------------------------------------------------

_FILE_DATE: Final = re.compile(
    r"(?<![0-9])(?:"
    r"(?P<y1>(?:19|20)[0-9]{2})(?P<sep1>[-_.]?)(?P<m1>[0-9]{2})(?P=sep1)(?P<d1>[0-9]{2})"
    r"|(?P<a2>[0-9]{1,2})(?P<sep2>[-_.])(?P<b2>[0-9]{1,2})(?P=sep2)(?P<y2>(?:19|20)[0-9]{2}|[0-9]{2})"
    r"|(?P<y3>(?:19|20)[0-9]{2})年(?P<m3>[0-9]{1,2})月(?P<d3>[0-9]{1,2})日"
    r")(?![0-9])"
)


def sniff_period_from_filename(file_name: str) -> tuple[date, date] | None:
    """The report period written in a file name, or None.

    One date is a one-day period (``BusinessReport-09-05-2023.csv`` is Sept 5, 2023: Amazon writes M-D-Y,
    also with a two-digit year as in ``BusinessReport-01-04-26.csv``; a first number above 12 means
    D-M-Y). Two or more: the first two, earliest first
    (``BusinessReport_2026-07-01_2026-07-07.csv``, ``..._20260701-20260707...``).

    Examples
    --------
    >>> sniff_period_from_filename("helium10-kt-B0XXXX-2026-02-10.csv")
    (datetime.date(2026, 2, 10), datetime.date(2026, 2, 10))
    """
    found = dates_in_filename(file_name)
    if not found:
        return None
    first, second = (found[0], found[0]) if len(found) == 1 else (found[0], found[1])
    return (min(first, second), max(first, second))


def dates_in_filename(file_name: str) -> list[date]:
    """Every date written in a file name (directories ignored), in order; see :func:`sniff_period_from_filename`.

    Examples
    --------
    >>> dates_in_filename("BusinessReport_2026-07-01_2026-07-01.csv")
    [datetime.date(2026, 7, 1), datetime.date(2026, 7, 1)]
    """
    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    found: list[date] = []
    for match in _FILE_DATE.finditer(stem):
        parsed = _file_date(match)
        if parsed is not None:
            found.append(parsed)
    return found


def _file_date(match: re.Match[str]) -> date | None:
    g = match.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        a, b, year = int(g["a2"]), int(g["b2"]), int(g["y2"])
        year += 2000 if year < 100 else 0
        return date(year, b, a) if a > 12 else date(year, a, b)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _as_strings(s: pd.Series) -> pa.Array:
    """The column as a pyarrow string array (non-string values rendered with ``str``)."""
    if not isinstance(s.dtype, pd.StringDtype):
        s = s.astype("str")
    arr = pa.array(s, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string()) if arr.nbytes < 2**31 - 1 else arr


def _null(arr: pa.Array) -> pa.Scalar:
    """A null of ``arr``'s type, for ``if_else``."""
    return pa.scalar(None, arr.type)


def _np_bool(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean pyarrow array as numpy, nulls as False."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)

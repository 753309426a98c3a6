"""The entry point of reading an upload: :func:`read_table` decides by content whether the bytes are a
workbook (zip or OLE signature), other binary content (refused) or delimited text, and hands them to the
reader of that kind.
"""

from __future__ import annotations

from typing import Final

from inventory_core.ingest.parsing.delimited import read_text
from inventory_core.ingest.parsing.encodings import SAMPLE_BYTES
from inventory_core.ingest.parsing.errors import ParseError
from inventory_core.ingest.parsing.tables import HeaderScore, RawTable, ReadLimits
from inventory_core.ingest.parsing.workbooks import read_workbook
from inventory_core.ingest.parsing.zipguard import ZIP_MAGIC, check_workbook_zip

__all__ = ["read_table"]

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
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
    if data.startswith(ZIP_MAGIC):
        check_workbook_zip(data, file_name, limits)
    if data.startswith((ZIP_MAGIC, _OLE_MAGIC)):
        return read_workbook(data, file_name, header_score, max_header_scan, sheet, limits)
    if data.startswith(_BINARY_MAGICS):
        raise ParseError(file_name, "not a table (binary content)", code="parse.binary")
    return read_text(data, file_name, header_score, max_header_scan, limits)


def _is_blank(data: bytes) -> bool:
    """True when the bytes hold nothing but white space, NULs and byte-order marks."""
    blank = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
    return not data[:SAMPLE_BYTES].strip(blank) and not data.strip(blank)

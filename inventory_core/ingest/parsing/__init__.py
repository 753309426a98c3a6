"""Read uploaded report files into tables of strings, and read their values column by column.

Two halves:

* :func:`read_table` (``reader``) turns the bytes of an upload (CSV/TSV/TXT in any of the encodings Amazon
  and Chinese ERPs use, ``.xlsx`` or legacy ``.xls``) into a :class:`RawTable`: the header cells as written
  and one string column per header cell, with the file line of every row for error messages. Text goes
  through ``encodings`` and ``delimited``, workbooks through ``zipguard`` and ``workbooks``; both share
  ``tables`` (header choice, cell cleaning, assembly) and ``errors`` (:class:`ParseError` and its codes).
* :func:`parse_number`, :func:`parse_rank` (``numbers``), :func:`parse_date` and :func:`parse_date_range`
  (``dates``) read one column at a time. Decisions that depend on the whole column (decimal comma,
  day/month order, date format) are taken once per call, never per cell: a file is consistent
  (shared/formats/REPORTS.md). :func:`normalise_header` (``headers``) is the matching key of a header cell.

Everything is vectorised with numpy and pyarrow compute: an All Orders file has millions of lines, so no
code here loops in Python over cells. The exceptions are bounded or rare: the first ``max_header_scan``
rows (header detection), the cells of mixed-type spreadsheet columns (calamine hands them over as Python
objects anyway), and CSVs whose quotes break RFC 4180, which Python's csv module reads record by record.

Uploads may be broken or hostile, so :func:`read_table` refuses with a one-line :class:`ParseError`
rather than guessing: files cut off mid-row or mid-character, text mixing encodings, cells or rows beyond
:class:`ReadLimits`, and workbooks whose zip parts would unpack to more than the limits allow (checked on
the declared sizes before anything is decompressed, then while inflating, against lying headers).

This package re-exports the public API below, so ``parsing.read_table`` and the like keep working.
"""

from __future__ import annotations

from inventory_core.ingest.parsing.dates import (
    DateResult,
    dates_in_filename,
    parse_date,
    parse_date_range,
    sniff_period_from_filename,
)
from inventory_core.ingest.parsing.errors import ParseError
from inventory_core.ingest.parsing.headers import normalise_header
from inventory_core.ingest.parsing.numbers import NumberResult, RankResult, parse_number, parse_rank
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.ingest.parsing.tables import HeaderScore, RawTable, ReadLimits

__all__ = [
    "DateResult",
    "HeaderScore",
    "NumberResult",
    "ParseError",
    "RankResult",
    "RawTable",
    "ReadLimits",
    "dates_in_filename",
    "normalise_header",
    "parse_date",
    "parse_date_range",
    "parse_number",
    "parse_rank",
    "read_table",
    "sniff_period_from_filename",
]

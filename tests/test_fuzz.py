"""Fuzzing the sniffing and parsing code with hypothesis: whatever the bytes or cells, the only exception is
:class:`ParseError`, with a one-line message and a translation that formats.

Deterministic (``derandomize=True``, no example database) and bounded: 150 examples a property, about
ten seconds in all, so CI is stable. When changing the reader, run it longer and random locally:
``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py --hypothesis-show-statistics``.
"""

from __future__ import annotations

import io
import os
import zipfile

import hostile_files as hf
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from inventory_core.i18n import MESSAGES, t
from inventory_core.ingest.parsing.dates import parse_date, parse_date_range
from inventory_core.ingest.parsing.errors import ParseError
from inventory_core.ingest.parsing.headers import normalise_header
from inventory_core.ingest.parsing.numbers import parse_number, parse_rank
from inventory_core.ingest.parsing.reader import read_table
from inventory_core.ingest.parsing.tables import RawTable

_LONG_RUN = int(os.environ.get("FUZZ_EXAMPLES", "0"))
BUDGET = settings(
    max_examples=_LONG_RUN or 150,
    deadline=None,
    derandomize=not _LONG_RUN,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read_or_refuse(data: bytes, name: str = "fuzz.csv") -> RawTable | None:
    """``read_table``'s contract: a consistent table, or a ParseError whose message is one translated line."""
    try:
        table = read_table(data, name)
    except ParseError as err:
        check_refusal(err, name)
        return None
    event("read")
    assert table.data.shape == (len(table.line_numbers), len(table.header))
    assert list(table.data.columns) == [f"c{i}" for i in range(len(table.header))]
    assert all(isinstance(h, str) for h in table.header)
    if len(table.line_numbers):
        assert int(table.line_numbers.min()) > table.header_line
        assert (np.diff(table.line_numbers) > 0).all()
    return table


def check_refusal(err: ParseError, name: str) -> None:
    event(err.code)
    message = str(err)
    assert message.startswith(f"{name}: ")
    assert "\n" not in message
    assert "\r" not in message
    assert len(message) < 500
    assert err.code in MESSAGES, err.code
    values = {"reason": err.reason, **err.params, **({"line": err.line} if err.line is not None else {})}
    for lang in ("en", "zh"):
        text = t(err.code, lang, **values)  # every parameter the translation names is given
        assert "\n" not in text
        assert text.strip()


# --------------------------------------------------------------------------------------------------------
# read_table


@BUDGET
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    read_or_refuse(data)


_CELL_CHARS = st.sampled_from(
    [*"abcXYZ019 .,;\t|\"'=-+$%€£¥中文éñ\r\n\x00\ufeff\u2013", "有花费无点击", '="12"', "\U0001f600"]
)
_CELL = st.lists(_CELL_CHARS, max_size=10).map("".join)
_ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "gb18030", "shift_jis"]
)


@st.composite
def delimited(draw: st.DrawFn) -> bytes:
    """CSV-ish text: random delimiters, quoting, line ends, BOMs and encodings, sometimes cut short."""
    delimiter = draw(st.sampled_from([",", "\t", ";", "|"]))
    width = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(_CELL, min_size=0, max_size=width + 2), min_size=0, max_size=8))
    quote = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote and draw(st.booleans()) else value

    header = (
        [f"col {i}" for i in range(width)]
        if draw(st.booleans())
        else draw(st.lists(_CELL, min_size=1, max_size=width))
    )
    text = newline.join(delimiter.join(cell(c) for c in row) for row in [header, *rows])
    if draw(st.booleans()):
        text += newline
    data = text.encode(draw(_ENCODINGS), errors="replace")
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 5)) == 0:
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xe9"])) + data
    return data


@BUDGET
@given(delimited())
def test_delimited_text(data: bytes) -> None:
    read_or_refuse(data)


@BUDGET
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=6), _ENCODINGS)
def test_csv_module_output_in_any_encoding(rows: list[list[str]], encoding: str) -> None:
    """A CSV written by the csv module, in any encoding: read, or refused with one line."""
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([["sku", "units", "note", "x"][: len(rows[0])], *rows])
    read_or_refuse(out.getvalue().encode(encoding, errors="replace"), "fuzz.csv")


_WORKBOOK = hf.xlsx()


@st.composite
def damaged_workbook(draw: st.DrawFn) -> bytes:
    """The valid workbook with random bytes changed, cut short, or parts re-stored with lying sizes."""
    data = bytearray(_WORKBOOK)
    how = draw(st.sampled_from(["flip", "cut", "splice", "restore"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 20))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif how == "cut":
        data = data[: draw(st.integers(4, len(data)))]
    elif how == "splice":
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=200))
    else:
        parts = []
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
            for info in z.infolist():
                content = z.read(info.filename)
                if draw(st.booleans()):
                    content = content[: draw(st.integers(0, len(content)))] + draw(st.binary(max_size=50))
                size = len(content) if draw(st.booleans()) else draw(st.integers(0, 10 * len(content) + 10))
                parts.append(
                    hf.Part(
                        info.filename,
                        hf._deflate(content, final=True),
                        zipfile.ZIP_DEFLATED,
                        draw(st.integers(0, 2**32 - 1)),
                        size,
                    )
                )
        return hf.raw_zip(parts)
    return bytes(data)


@BUDGET
@given(damaged_workbook())
def test_damaged_workbooks(data: bytes) -> None:
    read_or_refuse(data, "fuzz.xlsx")


# --------------------------------------------------------------------------------------------------------
# headers and values


@BUDGET
@given(st.text(max_size=60))
def test_normalise_header(name: str) -> None:
    key = normalise_header(name)
    assert isinstance(key, str)
    assert normalise_header(key) == key
    assert key == key.strip()


_MESSY = st.one_of(
    st.none(),
    st.text(max_size=16),
    st.text(alphabet="0123456789.,-−$€£¥()%+ />:<#APMZTUTC年月日有花费无点击Ee'\u00a0", max_size=18),
    st.sampled_from(
        ["1e999", "-1e400", "9" * 400, "nan", "inf", "-", "—", "N/A", "365+", ">306", "(5)", "1.234,56"]
    ),
)


@BUDGET
@given(st.lists(_MESSY, max_size=12), st.sampled_from([None, True, False]))
def test_value_parsers_never_raise(values: list[str | None], dayfirst: bool | None) -> None:
    s = pd.Series(values, dtype="str")
    number = parse_number(s)
    rank = parse_rank(s)
    date = parse_date(s, dayfirst=dayfirst)
    start, end = parse_date_range(s, dayfirst=dayfirst)
    for result in (number, rank, date, start, end):
        assert result.bad.shape == (len(s),)
    numbers = number.values.to_numpy()
    assert not np.isinf(numbers).any()  # overflowing text is bad, not infinite stock
    assert not (number.bad & ~np.isnan(numbers)).any()
    assert not (rank.bad & rank.rank.notna().to_numpy()).any()
    assert not (date.bad & date.values.notna().to_numpy()).any()
    assert list(number.values.index) == list(s.index)


@pytest.mark.parametrize("text", ["1e999", "9" * 400, "-1e400"])
def test_overflowing_numbers_are_bad_values(text: str) -> None:
    result = parse_number(pd.Series([text, "12"], dtype="str"))
    assert result.bad.tolist() == [True, False]
    assert result.values.isna().tolist() == [True, False]

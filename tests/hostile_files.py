"""Builders of hostile and broken upload files, in memory and in seconds.

Each builder returns the bytes a user (or an attacker) could upload. The base is a small Manage FBA
Inventory flat file (formats/REPORTS.md) so that, hostile part aside, the importer would accept it.
Zip bombs are assembled from pre-compressed blocks (deflate streams flushed with ``Z_FULL_FLUSH`` are
byte-aligned and independent, so one compressed megabyte repeated N times inflates to N megabytes): the
test never compresses, or holds, gigabytes.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import report_files as rf

HEADER = rf.MANAGE_FBA
ROWS = [
    {
        "sku": "KT-GARLIC-1",
        "asin": "B0HOSTILE1",
        "afn-listing-exists": "Yes",
        "afn-fulfillable-quantity": "12",
    },
    {"sku": "KT-SPICE-2", "asin": "B0HOSTILE2", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "7"},
]


def inventory(rows: Sequence[dict[str, object]] = ROWS, **kw: object) -> bytes:
    """A valid Manage FBA Inventory flat file (tab-separated, UTF-8, LF)."""
    return rf.flat_file(HEADER, rows, **kw)


def with_row(**cells: object) -> bytes:
    """The valid file with one more row holding ``cells`` (header cell -> value)."""
    return inventory([*ROWS, {"afn-listing-exists": "Yes", "afn-fulfillable-quantity": "1", **cells}])


# ---------------------------------------------------------------------------------------------------------
# not tables


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(7).randbytes(2000)


def random_bytes() -> bytes:
    return random.Random(42).randbytes(8192)


def pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + random.Random(
        3
    ).randbytes(500)


def html_page() -> bytes:
    """Seller Central's sign-in page, saved as the report."""
    return (
        b'\n<!DOCTYPE html>\n<html lang="en-us"><head><meta charset="utf-8"><title>Amazon Sign-In</title>'
        b'</head><body><form name="signIn"><input name="email"></form></body></html>\n'
    )


# ---------------------------------------------------------------------------------------------------------
# truncated, encodings


def cut_mid_row() -> bytes:
    """The valid file cut in the middle of its last row (an interrupted download):
    ``B0HOSTILE2`` -> ``B0HO``."""
    data = inventory()
    return data[: data.index(b"B0HOSTILE2") + 4]


def cut_mid_character() -> bytes:
    """A UTF-8 file with Chinese product names cut inside the last character's three bytes."""
    data = inventory([{**row, "product-name": "大蒜压泥器 不锈钢"} for row in ROWS]).rstrip(b"\n")
    data = data[: data.rindex("钢".encode())]  # the last cell's text ends "不锈钢"
    return data + "钢".encode()[:2]


def utf16_without_bom() -> bytes:
    return inventory(encoding="utf-16-le", newline="\r\n")


def cp1252_byte_in_utf8() -> bytes:
    """A UTF-8 file (Chinese product names) with one SKU typed in a cp1252 editor: ``CAFÉ-1`` as ``\\xc9``."""
    rows = [{**row, "product-name": "大蒜压泥器"} for row in ROWS]
    rows.append(
        {
            "sku": "CAF\x00-1",
            "afn-listing-exists": "Yes",
            "afn-fulfillable-quantity": "3",
            "product-name": "咖啡杯",
        }
    )
    return inventory(rows).replace(b"CAF\x00-1", b"CAF\xc9-1")


def cp1252_file() -> bytes:
    """A whole-file cp1252 export with one accented SKU: decoded correctly."""
    return inventory(
        [*ROWS, {"sku": "CAFÉ-1", "afn-listing-exists": "Yes", "afn-fulfillable-quantity": "3"}],
        encoding="cp1252",
    )


# ---------------------------------------------------------------------------------------------------------
# sizes


def huge_cell(n: int = 300_000, column: str = "sku") -> bytes:
    return with_row(**{"sku": "KT-HUGE", column: "A" * n})


def wide(n: int = 100_000) -> bytes:
    """A CSV of ``n`` columns (the first few real Manage FBA ones) and two rows: 1.3 MB."""
    header = [*HEADER, *(f"extra-{i}" for i in range(n - len(HEADER)))]
    row = ["KT-WIDE", "", "B0WIDE", *([""] * 5), "Yes", "", "4", *(["1"] * (n - 11))]
    return ("\t".join(header) + "\n" + "\t".join(row) + "\n").encode()


# ---------------------------------------------------------------------------------------------------------
# workbooks


def xlsx(rows: Sequence[dict[str, object]] = ROWS, **kw: object) -> bytes:
    return rf.xlsx_file(HEADER, rows, **kw)  # type: ignore[arg-type]


def cut_xlsx() -> bytes:
    data = xlsx()
    return data[: len(data) // 2]


@dataclass(frozen=True)
class Part:
    """One zip entry, written raw: ``data`` is already compressed with ``method``."""

    name: str
    data: bytes
    method: int
    crc: int
    size: int  # the declared uncompressed size


def raw_zip(parts: Sequence[Part]) -> bytes:
    """A zip written field by field, so that declared sizes can lie."""
    out = io.BytesIO()
    central = []
    for part in parts:
        name = part.name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                20,
                0,
                part.method,
                0,
                0x21,
                part.crc,
                len(part.data),
                part.size,
                len(name),
                0,
            )
        )
        out.write(name)
        out.write(part.data)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                part.method,
                0,
                0x21,
                part.crc,
                len(part.data),
                part.size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), size, start, 0))
    return out.getvalue()


def _deflate(data: bytes, *, final: bool) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _parts_of(workbook: bytes) -> list[Part]:
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        return [
            Part(
                i.filename,
                _deflate(z.read(i.filename), final=True),
                zipfile.ZIP_DEFLATED,
                zlib.crc32(z.read(i.filename)),
                i.file_size,
            )
            for i in z.infolist()
        ]


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>afn-fulfillable-quantity</t></is></c></row>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def zip_bomb(megabytes: int = 2048, *, declare: int | None = None) -> bytes:
    """An ``.xlsx`` whose sheet inflates to ``megabytes`` MB of ``<row><c><v>0</v></c></row>`` (5 MB on disk
    at the default 2 GB). ``declare`` sets the sheet's declared size instead of the true one (a lying
    header). The CRC is right up to 64 MB (such a workbook is readable when the limits allow it); beyond,
    computing it would take seconds, and the reader refuses the bomb before any CRC could matter."""
    block = b"<row><c><v>0</v></c></row>" * (2**20 // 26)
    block += b" " * (2**20 - len(block))  # exactly 1 MiB
    compressed = _deflate(_SHEET_HEAD, final=False) + _deflate(block, final=False) * megabytes
    compressed += _deflate(_SHEET_TAIL, final=True)
    true_size = len(_SHEET_HEAD) + megabytes * 2**20 + len(_SHEET_TAIL)
    crc = 0
    if megabytes <= 64:
        crc = zlib.crc32(_SHEET_HEAD)
        for _ in range(megabytes):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(_SHEET_TAIL, crc)
    parts = [p for p in _parts_of(xlsx(wrong_dimension=False)) if p.name != "xl/worksheets/sheet1.xml"]
    parts.append(
        Part(
            "xl/worksheets/sheet1.xml",
            compressed,
            zipfile.ZIP_DEFLATED,
            crc,
            true_size if declare is None else declare,
        )
    )
    return raw_zip(parts)


def sheet_with(xml: bytes, *, at: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The valid workbook with ``xml`` appended to its sheet's data (e.g. a far-away cell)."""
    parts = []
    for p in _parts_of(xlsx(wrong_dimension=False)):
        if p.name == "xl/worksheets/sheet1.xml":
            with zipfile.ZipFile(io.BytesIO(xlsx(wrong_dimension=False))) as z:
                sheet = z.read(p.name).replace(b"</sheetData>", xml + b"</sheetData>")
            p = Part(at, _deflate(sheet, final=True), zipfile.ZIP_DEFLATED, zlib.crc32(sheet), len(sheet))
        parts.append(p)
    if at != "xl/worksheets/sheet1.xml":  # the workbook's relationship follows the moved sheet
        parts = [_retarget(p, at) if p.name == "xl/_rels/workbook.xml.rels" else p for p in parts]
    return raw_zip(parts)


def _retarget(rels: Part, at: str) -> Part:
    text = zlib.decompress(rels.data, -zlib.MAX_WBITS).replace(b"worksheets/sheet1.xml", ("/" + at).encode())
    return Part(rels.name, _deflate(text, final=True), zipfile.ZIP_DEFLATED, zlib.crc32(text), len(text))


def formula_workbook() -> bytes:
    """A workbook whose quantity is a real formula (cached value 12) and whose SKU cell is a formula too."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, HEADER)
    col = {h: i for i, h in enumerate(HEADER)}
    ws.write_formula(1, col["sku"], '=HYPERLINK("http://evil.example","KT-LINK-1")', None, "KT-LINK-1")
    ws.write_string(1, col["asin"], "B0FORMULA1")
    ws.write_string(1, col["afn-listing-exists"], "Yes")
    ws.write_formula(1, col["afn-fulfillable-quantity"], "=10+2", None, 12)
    ws.write_string(2, col["sku"], "=cmd|' /C calc'!A0")
    ws.write_string(2, col["afn-listing-exists"], "Yes")
    ws.write_number(2, col["afn-fulfillable-quantity"], 3)
    book.close()
    return out.getvalue()

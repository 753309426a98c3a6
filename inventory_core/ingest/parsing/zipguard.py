"""Guards on ``.xlsx`` workbooks before any reader unpacks them: zip bombs and crafted zips.

The declared sizes are checked first (total unpacked size, each part's compression ratio, the number of
parts), then every part is inflated here a chunk at a time and never kept, against parts that unpack to
more than they declare; worksheets are scanned for the cell references that decide how large a grid the
reader would allocate. ``.xlsb`` and ``.ods`` files are refused as unsupported.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Final

import numpy as np

from inventory_core.ingest.parsing.errors import ParseError, one_line, too_many_columns
from inventory_core.ingest.parsing.tables import ReadLimits

__all__ = ["ZIP_MAGIC", "check_workbook_zip"]

ZIP_MAGIC: Final = b"PK\x03\x04"  # a zip's local file header: how an .xlsx starts
_EOCD: Final = b"PK\x05\x06"
_MAX_ZIP_PARTS: Final = 10_000  # a workbook holds a few dozen parts; each costs the zip reader an object
_RATIO_FLOOR: Final = 2**20  # parts smaller than this are not judged by their compression ratio
_GRID_FLOOR: Final = 1_000_000  # cells any sheet may span, whatever its size
_INFLATE_CHUNK: Final = 4 * 2**20  # most bytes one inflate call may produce
_INPUT_CHUNK: Final = 256 * 2**10
_SCAN_OVERLAP: Final = 512  # bytes kept between chunks: a reference and its element's end straddle them


def check_workbook_zip(data: bytes, file_name: str, limits: ReadLimits) -> None:
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
        raise _zip_refusal(file_name, "size", size_mb=_mb(total), limit_mb=_mb(limits.max_unzipped_bytes))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
            raise _zip_refusal(
                file_name,
                "ratio",
                part=one_line(info.filename),
                ratio=f"{ratio:,.0f}",
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
                raise _zip_refusal(file_name, "lies", part=one_line(info.filename))
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
        "lies": "the workbook part '{part}' unpacks to more than its declared size: "
        "a damaged or crafted file",
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
        resolved = (
            path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path))
        )
        sheets |= {name for name in names if name.lower() == resolved.lower()}
    return sheets


def _inflate(data: bytes, info: zipfile.ZipInfo, file_name: str) -> Iterator[tuple[bytes, bool]]:
    """The part's bytes, a chunk at a time with a flag on the last, inflated from its local entry.

    Never yields more than one chunk beyond the declared size, so the caller can stop a lying part.
    """
    header = data[info.header_offset : info.header_offset + 30]
    if len(header) < 30 or not header.startswith(ZIP_MAGIC) or info.flag_bits & 0x1:
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


def _keys(
    windows: np.ndarray, end: np.ndarray, length: np.ndarray, width: int, *, pad: int, fold: bool = False
) -> np.ndarray:
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
        a = np.concatenate(
            (np.zeros(_PAD, dtype=np.uint8), np.frombuffer(buf, dtype=np.uint8), np.zeros(_PAD, np.uint8))
        )
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
            raise too_many_columns(file_name, self.cols[1], limits.max_columns)
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

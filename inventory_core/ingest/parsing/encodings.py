"""Text encodings of uploads: the bytes of a text file as UTF-8, and the name of the encoding they were in.

Amazon and Chinese ERPs export UTF-8 (with or without BOM), UTF-16, cp1252, GB18030 and Shift_JIS (cp932);
charset-normalizer chooses among these only. Decoding is strict: bytes the chosen encoding cannot read
refuse the file with their line, telling a cut-off last character from a file that mixes encodings.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from inventory_core.ingest.parsing.errors import ParseError

__all__ = ["SAMPLE_BYTES", "decode_to_utf8", "looks_binary"]

_UTF8_BOM: Final = b"\xef\xbb\xbf"
SAMPLE_BYTES: Final = 256 * 1024  # the leading bytes read to guess the encoding and delimiter, or spot binary


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


def decode_to_utf8(data: bytes, file_name: str) -> tuple[bytes, str]:
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
        raise ParseError(
            file_name, "not a table (binary content or unknown text encoding)", code="parse.binary"
        )
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
            "the file ends in the middle of a character: it looks cut off (an interrupted download?); "
            "download it again",
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
    """Decode strictly (see :func:`decode_to_utf8`) and encode as UTF-8."""
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

    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # do not cut a multibyte character
    matches = from_bytes(sample, cp_isolation=list(_CHARSET_CANDIDATES))
    names = [_ENCODING_NAMES.get(m.encoding.lower(), m.encoding) for m in matches]
    for name in names:  # the best match first; keep the first that decodes the whole file
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return None if looks_binary(text[:4096]) else name
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
    return None if looks_binary(text[:4096]) else "cp1252"


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
        if name in decoded and not looks_binary(decoded[name][:4096]):
            return name
    return None


def looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f\v")
    return controls > max(2, len(text) // 100)

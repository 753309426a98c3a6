"""Dates read a column at a time, and dates written in file names.

:func:`parse_date` chooses one format for the whole column (day/month order, time zones and Excel serials
included) and reads values that do not fit it one by one; :func:`parse_date_range` splits ranges such as
``Jul 06, 2026 - Jul 29, 2026``; :func:`sniff_period_from_filename` reads the report period in a name like
``BusinessReport_2026-07-01_2026-07-07.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from inventory_core.ingest.parsing.arrow import as_strings, np_bool, null

__all__ = ["DateResult", "dates_in_filename", "parse_date", "parse_date_range", "sniff_period_from_filename"]


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
_TIME_ZONES: Final = (
    "UTC|GMT|PST|PDT|MST|MDT|CST|CDT|EST|EDT|AKST|AKDT|HST|BST|"
    "WET|WEST|CET|CEST|EET|EEST|IST|JST|KST|AEST|AEDT|AWST"
)
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
    text = pc.utf8_trim_whitespace(as_strings(s))
    empty = np_bool(
        pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_DATE_PLACEHOLDERS)))
    )
    text = pc.if_else(pa.array(empty), null(text), _normalise_date_text(text))
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
        text,
        rf"([0-9]:[0-9]{{2}}|[AaPp][Mm])\s*(?:Z|(?:UTC|GMT)?\s*[-+][0-9]{{2}}:?[0-9]{{2}}|{_TIME_ZONES})$",
        r"\1",
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
    text = pc.utf8_trim_whitespace(as_strings(s))
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
        return DateResult(
            pd.Series(values[lo:hi], index=s.index, dtype="datetime64[us]"), both.bad[lo:hi], both.format
        )

    return side(0, n), side(n, 2 * n)


# ---- dates in file names -------------------------------------------------------------------------

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
    """Every date written in a file name (directories ignored), in order; see
    :func:`sniff_period_from_filename`.

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

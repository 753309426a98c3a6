"""Numbers, money and ranks read a column at a time: :func:`parse_number` (currency symbols and codes,
percentages, signs and parentheses, decimal comma decided once per column, placeholders) and
:func:`parse_rank` (Helium 10-style keyword ranks such as ``>306``). Vectorised with pyarrow compute.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from inventory_core.ingest.parsing.arrow import as_strings, np_bool, null

__all__ = ["NumberResult", "RankResult", "parse_number", "parse_rank"]

# Currency symbols and the ISO code each stands for; codes written out in a cell ("USD 12.00") count too.
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
_CURRENCY_CODES: Final = (
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "INR",
    "CAD",
    "AUD",
    "MXN",
    "BRL",
    "SEK",
    "PLN",
    "TRY",
    "AED",
    "SAR",
    "SGD",
    "EGP",
    "ZAR",
    "NZD",
    "HKD",
    "CHF",
    "DKK",
    "NOK",
)
_CURRENCY_TOKENS: Final = {**_CURRENCY_SYMBOLS, **{code: code for code in _CURRENCY_CODES}}
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
    text = pc.utf8_trim_whitespace(as_strings(s))
    empty = np_bool(
        pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_NUMBER_PLACEHOLDERS)))
    )
    zero = np_bool(pc.starts_with(text, _ZERO_PLACEHOLDER_PREFIX))
    # Most cells of big files are plain ("25.98", "3"): they skip the full pattern, which is ~30x slower.
    # They cannot be evidence for or against a decimal comma, so the decision is taken on the others.
    simple = np_bool(pc.match_substring_regex(text, _SIMPLE_NUMBER))
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
    matched = np_bool(parts.is_valid())

    def group(name: str) -> pa.Array:
        return pc.fill_null(pc.struct_field(parts, name), "")

    signs = [np_bool(pc.not_equal(group(g), "")) for g in ("s1", "s2", "s3")]
    negative = np.zeros(len(text), dtype=bool)
    for g in ("s1", "s2", "s3"):
        negative |= np_bool(pc.is_in(group(g), pa.array(["-", "\u2212"])))
    opened = np_bool(pc.equal(group("open"), "("))
    closed = np_bool(pc.equal(group("close"), ")"))
    pre, suf = group("pre"), group("suf")
    known = pa.array(["", *_CURRENCY_TOKENS])
    currency_ok = np_bool(pc.is_in(pre, known)) & np_bool(pc.is_in(suf, known))
    one_currency = np_bool(pc.equal(pre, "")) | np_bool(pc.equal(suf, ""))
    one_sign = (signs[0].astype(int) + signs[1] + signs[2]) <= 1
    well_formed = matched & (opened == closed) & one_sign & currency_ok & one_currency

    body = pc.if_else(pa.array(matched), group("body"), null(text))
    decimal_comma = _decimal_comma(body)
    grouping = rf"[.'{_SPACES}]" if decimal_comma else rf"[,'{_SPACES}]"
    digits = pc.replace_substring_regex(body, grouping, "")
    if decimal_comma:
        digits = pc.replace_substring(digits, ",", ".")
    ok = well_formed & np_bool(pc.match_substring_regex(digits, _PLAIN_NUMBER))
    literal = pc.binary_join_element_wise(pc.replace_substring_regex(digits, r"\.$", ""), group("exp"), "")
    literal = pc.if_else(pa.array(ok), literal, null(literal))
    values = pc.cast(literal, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    values = np.where(negative | (opened & closed), -values, values)
    tokens = _coalesce_empty(pre, suf)
    currency = _currency_from_counts(_token_counts(pc.if_else(pa.array(ok), tokens, null(tokens))))
    return _Formatted(values, ok, decimal_comma, currency)


def _decimal_comma(body: pa.Array) -> bool:
    """Whether the column writes decimals with a comma (see :func:`parse_number`)."""
    compact = pc.replace_substring_regex(body, rf"[{_SPACES}']", "")
    eu = (
        pc.any(pc.match_substring_regex(compact, r",[0-9]{1,2}$")).as_py()
        or pc.any(pc.match_substring_regex(compact, r"[0-9]\.[0-9]{3}[.,]")).as_py()
    )
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


# ---- ranks ---------------------------------------------------------------------------------------


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
    text = pc.utf8_trim_whitespace(as_strings(s))
    empty = np_bool(
        pc.or_kleene(pc.is_null(text), pc.is_in(pc.utf8_lower(text), pa.array(_NUMBER_PLACEHOLDERS)))
    )
    parts = pc.extract_regex(text, _RANK_RE)
    ok = np_bool(parts.is_valid()) & ~empty
    number = pc.replace_substring(pc.struct_field(parts, "n"), ",", "")
    number = pc.if_else(pa.array(ok), number, null(number))
    values = pc.cast(number, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64, copy=True)
    is_beyond = ok & (
        np_bool(pc.not_equal(pc.struct_field(parts, "gt"), ""))
        | np_bool(pc.equal(pc.struct_field(parts, "plus"), "+"))
    )
    rank = np.where(ok & ~is_beyond, values, np.nan)
    beyond = np.where(is_beyond, values, np.nan)
    return RankResult(
        pd.Series(rank, index=s.index, dtype="float64"),
        pd.Series(beyond, index=s.index, dtype="float64"),
        ~empty & ~ok,
    )

"""Header cells as matching keys: :func:`normalise_header` folds case, width, dash type and spacing, so
that a report's columns are recognised however an export or a spreadsheet wrote them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["normalise_header"]

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

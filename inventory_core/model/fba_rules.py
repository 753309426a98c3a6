"""Amazon's limit rules as the seller types them: storage types, the capacity and marketplace-rule texts.

The settings ``capacity_limits`` and ``marketplace_rules`` are free text; :func:`parse_capacity_limits` and
:func:`parse_marketplace_rules` read them and raise :class:`RuleError` naming the entry they cannot read.
:mod:`inventory_core.model.settings` parses them to validate a setting, :mod:`inventory_core.model.fba_limits`
to apply the rules; neither imports the other for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from inventory_core.store.fields import CUBIC_FEET_PER_M3, storage_type

__all__ = [
    "APPAREL_TYPES",
    "DEFAULT_STORAGE_TYPE",
    "RULE_FIELDS",
    "STORAGE_TYPES",
    "CapacityLimit",
    "RuleError",
    "parse_capacity_limits",
    "parse_marketplace_rules",
]

# Amazon's storage types (Seller Central help "FBA capacity limits": standard-size, oversize, extra-large,
# apparel, footwear, flammable, aerosol).
STORAGE_TYPES: tuple[str, ...] = (
    "standard",
    "oversize",
    "extra_large",
    "apparel",
    "footwear",
    "flammable",
    "aerosol",
)
DEFAULT_STORAGE_TYPE = "standard"
# Apparel, shoes, bags, jewellery and watches are exempt from the 181–270-day surcharge bands; their first
# band is ``aged_surcharge_days_apparel``. The storage types that carry them:
APPAREL_TYPES: frozenset[str] = frozenset({"apparel", "footwear"})

# The four rules a marketplace may change (setting ``marketplace_rules``).
RULE_FIELDS: tuple[str, ...] = (
    "low_inventory_days",
    "low_inventory_min_units_7d",
    "aged_surcharge_days",
    "aged_surcharge_days_apparel",
)


class RuleError(ValueError):
    """A capacity or marketplace-rule entry that cannot be read; ``entry`` is the text of that entry."""

    def __init__(self, entry: str) -> None:
        super().__init__(entry)
        self.entry = entry


@dataclass(frozen=True)
class CapacityLimit:
    """Amazon's capacity limit of one storage type in one marketplace, in cubic feet or units."""

    marketplace: str
    storage_type: str
    limit: float
    unit: Literal["cuft", "units"]


def _entries(text: str) -> list[str]:
    return [e.strip() for e in re.split(r"[;\n]", text or "") if e.strip()]


def _number(text: str) -> float:
    value = float(text.replace(",", ""))
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    return value


def parse_capacity_limits(text: str) -> tuple[CapacityLimit, ...]:
    """The setting ``capacity_limits``: ``MARKETPLACE STORAGE_TYPE LIMIT [cuft|m3|units]`` entries separated
    by ``;`` or new lines (cubic feet by default; cubic metres are converted to cubic feet).

    Raises
    ------
    RuleError
        For an entry that cannot be read (its text is in ``entry``), or a storage type given twice.

    Examples
    --------
    >>> [round(c.limit, 2)
    ...  for c in parse_capacity_limits("US standard 1,200; US oversize 300 units; DE standard 10 m3")]
    [1200.0, 300.0, 353.15]
    """
    out: list[CapacityLimit] = []
    seen: set[tuple[str, str]] = set()
    for entry in _entries(text):
        parts = entry.split()
        if len(parts) not in (3, 4):
            raise RuleError(entry)
        kind = storage_type(parts[1])
        unit = parts[3].lower() if len(parts) == 4 else "cuft"
        try:
            limit = _number(parts[2])
        except ValueError:
            raise RuleError(entry) from None
        if kind not in STORAGE_TYPES or unit not in ("cuft", "ft3", "m3", "units") or not parts[0].isalpha():
            raise RuleError(entry)
        key = (parts[0].upper(), kind)
        if key in seen:
            raise RuleError(entry)
        seen.add(key)
        if unit == "m3":
            limit *= CUBIC_FEET_PER_M3
        out.append(CapacityLimit(key[0], kind, limit, "units" if unit == "units" else "cuft"))
    return tuple(out)


def parse_marketplace_rules(text: str) -> dict[str, dict[str, float]]:
    """The setting ``marketplace_rules``: ``MARKETPLACE field=value[, field=value]`` entries separated by
    ``;`` or new lines, for the fields in :data:`RULE_FIELDS`.

    >>> parse_marketplace_rules("UK low_inventory_days=0; JP aged_surcharge_days=181, low_inventory_days=28")
    {'UK': {'low_inventory_days': 0.0}, 'JP': {'aged_surcharge_days': 181.0, 'low_inventory_days': 28.0}}
    """
    out: dict[str, dict[str, float]] = {}
    for entry in _entries(text):
        market, _, rest = entry.partition(" ")
        pairs = [p.strip() for p in re.split(r"[,\s]+", rest) if p.strip()]
        if not market.isalpha() or not pairs:
            raise RuleError(entry)
        rules = out.setdefault(market.upper(), {})
        for pair in pairs:
            name, sep, value = pair.partition("=")
            if not sep or name not in RULE_FIELDS:
                raise RuleError(entry)
            try:
                rules[name] = _number(value)
            except ValueError:
                raise RuleError(entry) from None
    return out

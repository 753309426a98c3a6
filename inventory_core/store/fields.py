"""What a canonical field may hold: the plausible bound of each quantity, and the storage types and volume
units reports spell in many ways. The importer refuses a value beyond its bound; the plan checks again for
databases written before the bound existed (``model.plan_checks``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from numpy.typing import NDArray

# No FBA SKU holds, ships or sells ten million units: a value past it is a typo (an extra zero row, a
# barcode pasted into the quantity column), not a plan input.
QUANTITY_MAX = 10_000_000.0
_DAYS_MAX = 3650.0  # a lead time or safety stock of ten years
_MONEY_MAX = 1_000_000.0  # a unit price or cost of a million
_TOTAL_MAX = 1_000_000_000.0  # revenue, ad spend or ad sales of one row

# Per canonical field (template fields carry a ``tpl_`` prefix in the importer): the largest absolute value.
BOUNDS: dict[str, float] = {
    **dict.fromkeys(
        (
            "available",
            "reserved",
            "inbound_working",
            "inbound_shipped",
            "inbound_receiving",
            "unsellable",
            "aged_365_plus",
            "restock_recommended",
            "planning_recommended",
            "restock_customer_order",
            "restock_fc_transfer",
            "restock_fc_processing",
            "restock_units_30d",
            "quantity",
            "received_quantity",
            "units",
            "ad_units",
            "ad_orders",
            "ads_override",
            "amazon_recommended_qty",
        ),
        QUANTITY_MAX,
    ),
    **dict.fromkeys(("lead_time_days", "air_lead_time_days", "safety_days"), _DAYS_MAX),
    **dict.fromkeys(("price", "unit_cost", "item_price"), _MONEY_MAX),
    **dict.fromkeys(("revenue", "spend", "ad_sales"), _TOTAL_MAX),
}

CUBIC_FEET_PER_M3 = 35.314666721
_STORAGE_ALIASES: dict[str, str] = {
    "standard": "standard",
    "standard-size": "standard",
    "standard size": "standard",
    "standard_size": "standard",
    "standardsize": "standard",
    "标准尺寸": "standard",
    "标准": "standard",
    "标准件": "standard",
    "oversize": "oversize",
    "over-size": "oversize",
    "oversized": "oversize",
    "大件": "oversize",
    "extra-large": "extra_large",
    "extra large": "extra_large",
    "extra_large": "extra_large",
    "extralarge": "extra_large",
    "超大件": "extra_large",
    "apparel": "apparel",
    "clothing": "apparel",
    "服装": "apparel",
    "footwear": "footwear",
    "shoes": "footwear",
    "鞋靴": "footwear",
    "鞋": "footwear",
    "flammable": "flammable",
    "易燃物": "flammable",
    "易燃": "flammable",
    "aerosol": "aerosol",
    "aerosols": "aerosol",
    "气雾剂": "aerosol",
}
_VOLUME_UNITS: dict[str, float] = {
    "cubic feet": 1.0,
    "cubic foot": 1.0,
    "cu ft": 1.0,
    "cuft": 1.0,
    "ft3": 1.0,
    "ft³": 1.0,
    "cubic inches": 1 / 1728,
    "cubic inch": 1 / 1728,
    "in3": 1 / 1728,
    "cubic meters": CUBIC_FEET_PER_M3,
    "cubic metres": CUBIC_FEET_PER_M3,
    "m3": CUBIC_FEET_PER_M3,
    "m³": CUBIC_FEET_PER_M3,
    "cubic centimeters": CUBIC_FEET_PER_M3 / 1e6,
    "cubic centimetres": CUBIC_FEET_PER_M3 / 1e6,
    "cm3": CUBIC_FEET_PER_M3 / 1e6,
    "cm³": CUBIC_FEET_PER_M3 / 1e6,
    "liters": CUBIC_FEET_PER_M3 / 1e3,
    "litres": CUBIC_FEET_PER_M3 / 1e3,
}


def bound_of(field: str) -> float | None:
    """The largest plausible absolute value of an imported field, or None when it has no bound.

    >>> bound_of("available"), bound_of("tpl_quantity"), bound_of("sessions")
    (10000000.0, 10000000.0, None)
    """
    return BOUNDS.get(field.removeprefix("tpl_"))


def storage_type(value: object) -> str | None:
    """One storage type as the plan names it (``"Standard-size"`` → ``"standard"``); None when empty.

    >>> storage_type("Standard-size"), storage_type("Extra-large"), storage_type("服装"), storage_type("")
    ('standard', 'extra_large', 'apparel', None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if not text or text in ("-", "--", "nan", "none"):
        return None
    return _STORAGE_ALIASES.get(text, re.sub(r"[\s-]+", "_", text))


def storage_types(values: Iterable[object]) -> pd.Series:
    """:func:`storage_type` over a column (object dtype, None for empty cells), once per distinct value."""
    keys = pd.Series(list(values), dtype=object).astype("string").fillna("")
    mapping = {k: storage_type(k) for k in keys.unique()}
    return keys.map(mapping).astype(object)


def cubic_feet_factor(units: Iterable[object]) -> NDArray[np.float64]:
    """Cubic feet per the report's volume unit (``volume-unit-measurement``); an empty or absent unit is
    taken as cubic feet (the US reports' unit), an unknown one gives NaN (the volume stays unknown).

    >>> cubic_feet_factor(["cubic feet", None, "cubic meters", "furlongs"]).round(4).tolist()
    [1.0, 1.0, 35.3147, nan]
    """
    out = []
    for unit in units:
        text = (
            ""
            if unit is None or (isinstance(unit, float) and math.isnan(unit))
            else str(unit).strip().lower()
        )
        out.append(1.0 if not text else _VOLUME_UNITS.get(text, math.nan))
    return np.asarray(out, dtype=np.float64)

"""Inventory, replenishment and advertising formulas: pure numbers, no I/O, one module per kind of figure.

Every function here implements one definition of ``DESIGN.md`` and names its source: the seller
articles in ``/work/shared/seeds`` (``seed 000`` = the stockout cycle and the restock sheet, ``seed 001``
= weeks of cover, the WOC × ROAS matrix and the ad-budget back-calculation, ``seed 002`` = the daily
KPI thresholds) or a textbook. Each docstring carries one worked example; ``tests/test_formulas.py``
has a known-answer test named after it.

Rooms: :mod:`.cover` (weeks and days of cover, bands, alert level), :mod:`.replenishment` (order-up-to,
reorder quantity, safety stock, advice), :mod:`.projection` (the stockout walk, gaps, air freight),
:mod:`.velocity` (the ADS blend and seasonality), :mod:`.advertising` (budget, ROAS, the WOC × ROAS
strategy), :mod:`.prices` and :mod:`.kpi` (seed 000's prices around a stockout, seed 002's weekly flags);
:mod:`.checks` holds the input checks they share. This package re-exports every public formula.

Conventions
-----------
* Inputs are validated first; a bad value raises ``ValueError("<name> must be ...")``.
* Quantities (units, days, money) must be finite and non-negative unless stated otherwise.
* Ratios that are undefined (0 / 0) are ``nan``; a positive amount over zero is ``math.inf``.
* Thresholds are keyword arguments with the DESIGN.md defaults: they are settings, not constants.
* Each formula exists once, as an array function over many SKUs where the plan needs it; the scalar form
  checks its inputs and is a thin call of the array one.
"""

from inventory_core.model.formulas.advertising import (
    AdBudget,
    Strategy,
    acos,
    acos_many,
    ad_budget,
    break_even_roas,
    break_even_roas_many,
    roas,
    roas_many,
    strategy,
    strategy_many,
)
from inventory_core.model.formulas.cover import (
    AlertLevel,
    CoverColour,
    WocBand,
    alert_level,
    alert_level_many,
    band_limits,
    cover_colour_many,
    days_of_cover,
    days_of_cover_many,
    weeks_of_cover,
    weeks_of_cover_many,
    woc_band,
    woc_band_many,
)
from inventory_core.model.formulas.kpi import (
    acos_flag,
    acos_flag_many,
    conversion_drop_flag,
    conversion_drop_flag_many,
    cpc_flag,
    cpc_flag_many,
    ctr_flag,
    ctr_flag_many,
)
from inventory_core.model.formulas.prices import (
    discount_steps,
    price_step,
)
from inventory_core.model.formulas.projection import (
    GapClass,
    StockProjection,
    air_bridge_quantity,
    air_bridge_quantity_many,
    gap_class,
    gap_class_many,
    lost_sales_value,
    project_stock,
    project_stock_many,
)
from inventory_core.model.formulas.replenishment import (
    Advice,
    advice_many,
    latest_order_date_offset,
    order_due_in_days,
    order_up_to_level_many,
    reorder_quantity,
    reorder_quantity_many,
    safety_stock_statistical,
    safety_stock_statistical_many,
)
from inventory_core.model.formulas.velocity import (
    BLEND_WEIGHT_MAX,
    BLEND_WEIGHT_MIN,
    blend_velocity,
    blend_velocity_many,
    seasonal_velocity,
    seasonal_velocity_many,
    yoy_growth,
    yoy_growth_many,
)

__all__ = [
    "BLEND_WEIGHT_MAX",
    "BLEND_WEIGHT_MIN",
    "AdBudget",
    "Advice",
    "AlertLevel",
    "CoverColour",
    "GapClass",
    "StockProjection",
    "Strategy",
    "WocBand",
    "acos",
    "acos_flag",
    "acos_flag_many",
    "acos_many",
    "ad_budget",
    "advice_many",
    "air_bridge_quantity",
    "air_bridge_quantity_many",
    "alert_level",
    "alert_level_many",
    "band_limits",
    "blend_velocity",
    "blend_velocity_many",
    "break_even_roas",
    "break_even_roas_many",
    "conversion_drop_flag",
    "conversion_drop_flag_many",
    "cover_colour_many",
    "cpc_flag",
    "cpc_flag_many",
    "ctr_flag",
    "ctr_flag_many",
    "days_of_cover",
    "days_of_cover_many",
    "discount_steps",
    "gap_class",
    "gap_class_many",
    "latest_order_date_offset",
    "lost_sales_value",
    "order_due_in_days",
    "order_up_to_level_many",
    "price_step",
    "project_stock",
    "project_stock_many",
    "reorder_quantity",
    "reorder_quantity_many",
    "roas",
    "roas_many",
    "safety_stock_statistical",
    "safety_stock_statistical_many",
    "seasonal_velocity",
    "seasonal_velocity_many",
    "strategy",
    "strategy_many",
    "weeks_of_cover",
    "weeks_of_cover_many",
    "woc_band",
    "woc_band_many",
    "yoy_growth",
    "yoy_growth_many",
]

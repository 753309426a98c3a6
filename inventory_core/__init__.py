"""Stockout Radar core: store, importers, metrics, playbook and chart builders — no Streamlit.

The formulas of DESIGN.md are exported here (each with its worked example in the docstring)::

    >>> from inventory_core import weeks_of_cover, reorder_quantity, ad_budget
    >>> weeks_of_cover(2000, 1000)
    8.0
    >>> reorder_quantity(10, 60, 14, 300, 200)
    240
    >>> ad_budget(100, 0.05, 2.0, 0.4).budget
    1600.0
"""

from inventory_core.model.formulas import (
    AdBudget,
    StockProjection,
    ad_budget,
    air_bridge_quantity,
    alert_level,
    blend_velocity,
    break_even_roas,
    days_of_cover,
    gap_class,
    project_stock,
    project_stock_many,
    reorder_quantity,
    roas,
    seasonal_velocity,
    strategy,
    weeks_of_cover,
    woc_band,
    yoy_growth,
)

__all__ = [
    "AdBudget",
    "StockProjection",
    "ad_budget",
    "air_bridge_quantity",
    "alert_level",
    "blend_ads",
    "blend_velocity",
    "break_even_roas",
    "days_of_cover",
    "gap_class",
    "project_stock",
    "project_stock_many",
    "reorder_quantity",
    "roas",
    "seasonal_ads",
    "seasonal_velocity",
    "strategy",
    "weeks_of_cover",
    "woc_band",
    "yoy_growth",
]
# The names these two had before average daily sales were called velocity (issue 13) keep working.
blend_ads = blend_velocity
seasonal_ads = seasonal_velocity

__version__ = "0.1.0"

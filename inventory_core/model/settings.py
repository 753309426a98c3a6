"""Every threshold and default is a setting: declared here once, with its default and help text.

Defaults come from DESIGN.md and the seed articles. The app edits them (stored in the database's ``meta``
table as JSON); the CLI and the core read them with :func:`load_settings`. A test fails when a setting is
not documented in the README.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from typing import Any

from inventory_core.i18n import t
from inventory_core.model import fba_rules
from inventory_core.model.formulas import BLEND_WEIGHT_MAX, BLEND_WEIGHT_MIN


@dataclass(frozen=True)
class Settings:
    # velocity
    velocity_weight_7: float = 0.3
    velocity_weight_14: float = 0.3
    velocity_weight_30: float = 0.2
    velocity_weight_seasonal: float = 0.2
    oos_snapshot_max_age_days: int = 7
    # what the numbers know (DESIGN.md "Coverage")
    stale_sales_days: int = 3
    spike_factor: float = 5.0
    # cover and replenishment
    default_lead_time_days: float = 60.0
    default_air_lead_time_days: float = 12.0
    default_safety_days: float = 14.0
    reorder_days: float = 75.0
    urgent_days: float = 20.0
    rising_cover_days: float = 30.0
    rising_sales_ratio: float = 1.2
    horizon_days: int = 120
    inbound_without_eta_days: int = 14
    pessimistic_eta: bool = False
    service_level: float = 0.95
    review_period_days: int = 7
    statistical_safety_stock: bool = False
    # WOC and ads
    woc_risk_below: float = 3.0
    woc_overstock_above: float = 6.0
    woc_aged_at: float = 52.0
    default_target_roas: float = 3.0
    roas_window_days: int = 30
    # stockout cycle
    gap_short_max: int = 7
    gap_medium_max: int = 30
    after_window_days: int = 60
    recovery_sales_ratio: float = 0.8
    # keyword ranks
    rank_baseline_days: int = 14
    rank_severe_baseline_max: float = 30.0
    rank_severe_trough_min: float = 100.0
    rank_recovery_tolerance: float = 0.2
    # weekly KPI flags (seed 002)
    kpi_conversion_drop: float = 0.15
    kpi_ctr_min: float = 0.003
    kpi_ctr_min_impressions: float = 1000.0
    kpi_cpc_factor: float = 1.5
    kpi_acos_factor: float = 1.5
    # Amazon's limits and fees (US figures as published; README "Amazon's limits and fees" cites each)
    low_inventory_days: float = 28.0
    low_inventory_min_units_7d: float = 20.0
    aged_surcharge_days: int = 181
    aged_surcharge_days_apparel: int = 271
    capacity_limits: str = ""
    marketplace_rules: str = ""

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def to_json(self) -> str:
        """The settings as stored; refuses (:class:`SettingsError`) values outside their ranges."""
        validate(self)
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Settings:
        """The stored settings; unknown keys are ignored, missing ones take their defaults, and a value
        outside its range is refused with :class:`SettingsError` naming it."""
        if not text:
            return cls()
        data = json.loads(text)
        defaults = cls()
        clean: dict[str, Any] = {}
        for key, value in data.items():
            key = RENAMED.get(key, key)
            if key in RANGES:
                clean[key] = _coerce(key, value, getattr(defaults, key))
        out = cls(**clean)
        validate(out)
        return out


# Settings stored under their names before average daily sales were called velocity (issue 13).
RENAMED: dict[str, str] = {f"ads_weight_{w}": f"velocity_weight_{w}" for w in ("7", "14", "30", "seasonal")}


class SettingsError(ValueError):
    """A setting outside its allowed range: one line naming the setting and the range."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.values)


#: Allowed range (inclusive) of every setting; a test fails when a setting has none. Weights are further
#: either 0 or at least ``BLEND_WEIGHT_MIN`` (see :func:`validate`).
RANGES: dict[str, tuple[float, float]] = {
    "velocity_weight_7": (0.0, BLEND_WEIGHT_MAX),
    "velocity_weight_14": (0.0, BLEND_WEIGHT_MAX),
    "velocity_weight_30": (0.0, BLEND_WEIGHT_MAX),
    "velocity_weight_seasonal": (0.0, BLEND_WEIGHT_MAX),
    "oos_snapshot_max_age_days": (0, 60),
    "stale_sales_days": (0, 60),
    "spike_factor": (1.0, 100.0),
    "default_lead_time_days": (1.0, 365.0),
    "default_air_lead_time_days": (1.0, 120.0),
    "default_safety_days": (0.0, 180.0),
    "reorder_days": (1.0, 365.0),
    "urgent_days": (0.0, 365.0),
    "rising_cover_days": (0.0, 365.0),
    "rising_sales_ratio": (1.0, 10.0),
    "horizon_days": (7, 730),
    "inbound_without_eta_days": (0, 180),
    "pessimistic_eta": (0, 1),
    "service_level": (0.5, 0.9999),
    "review_period_days": (0, 91),
    "statistical_safety_stock": (0, 1),
    "woc_risk_below": (0.0, 52.0),
    "woc_overstock_above": (0.0, 104.0),
    "woc_aged_at": (1.0, 520.0),
    "default_target_roas": (0.01, 100.0),
    "roas_window_days": (1, 365),
    "gap_short_max": (1, 90),
    "gap_medium_max": (1, 365),
    "after_window_days": (1, 365),
    "recovery_sales_ratio": (0.01, 2.0),
    "rank_baseline_days": (1, 90),
    "rank_severe_baseline_max": (1.0, 10000.0),
    "rank_severe_trough_min": (1.0, 10000.0),
    "rank_recovery_tolerance": (0.0, 10.0),
    "kpi_conversion_drop": (0.0, 1.0),
    "kpi_ctr_min": (0.0, 1.0),
    "kpi_ctr_min_impressions": (0.0, 1e9),
    "kpi_cpc_factor": (1.0, 100.0),
    "kpi_acos_factor": (1.0, 100.0),
    "low_inventory_days": (0.0, 365.0),
    "low_inventory_min_units_7d": (0.0, 1e6),
    "aged_surcharge_days": (1, 1000),
    "aged_surcharge_days_apparel": (1, 1000),
    # text settings: the range is their length; their entries are checked by fba_limits (see validate)
    "capacity_limits": (0, 2000),
    "marketplace_rules": (0, 2000),
}

_WEIGHTS = ("velocity_weight_7", "velocity_weight_14", "velocity_weight_30", "velocity_weight_seasonal")

#: Pairs that must keep their order: (lower setting, higher setting, strictly lower?).
_ORDERED: tuple[tuple[str, str, bool], ...] = (
    ("urgent_days", "reorder_days", False),
    ("woc_risk_below", "woc_overstock_above", True),
    ("woc_overstock_above", "woc_aged_at", True),
    ("gap_short_max", "gap_medium_max", False),
    ("rank_severe_baseline_max", "rank_severe_trough_min", True),
)


def _coerce(name: str, value: Any, default: Any) -> Any:
    """A stored JSON value as the setting's type; a value of the wrong kind is refused, never guessed."""
    kind = type(default)
    if kind is str and isinstance(value, str):
        return value
    if kind is bool:
        if isinstance(value, bool) or value in (0, 1):
            return bool(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if kind is int and float(value).is_integer():
            return int(value)
        if kind is float:
            return float(value)
    lo, hi = RANGES[name]
    raise SettingsError("settings.out_of_range", name=name, value=value, lo=_fmt(lo), hi=_fmt(hi))


def _fmt(x: float) -> str:
    return f"{x:g}"


def validate(s: Settings) -> None:
    """Raise :class:`SettingsError` for the first setting outside its range (one line names it and the
    range), a weight a user could not mean (0 or ≥ ``BLEND_WEIGHT_MIN``; not all four 0), or a pair of
    thresholds in the wrong order."""
    for name, (lo, hi) in RANGES.items():
        value = getattr(s, name)
        x = float(len(value)) if isinstance(value, str) else float(value)
        if not (math.isfinite(x) and lo <= x <= hi):
            raise SettingsError("settings.out_of_range", name=name, value=value, lo=_fmt(lo), hi=_fmt(hi))
    for name in _WEIGHTS:
        x = float(getattr(s, name))
        if 0 < x < BLEND_WEIGHT_MIN:
            raise SettingsError(
                "settings.weight_tiny",
                name=name,
                value=x,
                lo=_fmt(BLEND_WEIGHT_MIN),
                hi=_fmt(BLEND_WEIGHT_MAX),
            )
    if all(float(getattr(s, name)) == 0 for name in _WEIGHTS):
        raise SettingsError("settings.weights_all_zero", names=", ".join(_WEIGHTS))
    _validate_rules(s)
    for low, high, strict in _ORDERED:
        a, b = float(getattr(s, low)), float(getattr(s, high))
        if a > b or (strict and a == b):
            raise SettingsError(
                "settings.order" if not strict else "settings.order_strict",
                low=low,
                low_value=_fmt(a),
                high=high,
                high_value=_fmt(b),
            )


def _validate_rules(s: Settings) -> None:
    """The text settings of Amazon's limits must parse (:mod:`fba_rules` reads them, as ``fba_limits``
    does)."""
    for name, parse in (
        ("capacity_limits", fba_rules.parse_capacity_limits),
        ("marketplace_rules", fba_rules.parse_marketplace_rules),
    ):
        try:
            parse(getattr(s, name))
        except fba_rules.RuleError as exc:
            raise SettingsError("settings.bad_entry", name=name, entry=exc.entry) from None


HELP: dict[str, str] = {
    "velocity_weight_7": "weight of the 7-day average daily sales in the planning ADS",
    "velocity_weight_14": "weight of the 14-day average daily sales",
    "velocity_weight_30": "weight of the 30-day average daily sales",
    "velocity_weight_seasonal": "weight of last year's next-90-days ADS × (1 + YoY growth)",
    "oos_snapshot_max_age_days": "a stock snapshot tells a day's stock for at most this many days",
    "stale_sales_days": "a SKU whose sales data end more than this many days before the as-of is stale; "
    "sources further apart turn the freshness line red",
    "spike_factor": "data health warns when a day's units exceed this multiple of the SKU's median "
    "of the previous 28 known days",
    "default_lead_time_days": "order → sellable at FBA, when a SKU has no lead time set",
    "default_air_lead_time_days": "air-freight lead time when a SKU has none set",
    "default_safety_days": "safety stock in days of sales (seed 000: two weeks)",
    "reorder_days": "days of cover at or below which to reorder (seed 000: 75, red)",
    "urgent_days": "days of cover at or below which it is urgent, consider air (seed 000: 20, yellow)",
    "rising_cover_days": "rising sales and cover under this many days → restock (seed 002: 30)",
    "rising_sales_ratio": "7-day ADS ÷ 30-day ADS above which sales count as rising",
    "horizon_days": "days the stock projection looks ahead",
    "inbound_without_eta_days": "days until FBA inbound stock without a known ETA is assumed sellable",
    "pessimistic_eta": "project arrivals with the 90th-percentile learned lead time when it is later",
    "service_level": "service level of the statistical safety stock",
    "review_period_days": "days between two reviews: the order-up-to level covers "
    "lead time + this + safety stock",
    "statistical_safety_stock": "order the statistical safety stock (demand σ and learned lead-time spread) "
    "instead of safety days × ADS (seed 000)",
    "woc_risk_below": "weeks of cover under which stock is at risk (seed 001: 3)",
    "woc_overstock_above": "weeks of cover above which stock is excess (seed 001: 6)",
    "woc_aged_at": "weeks of cover from which stock is aged, a clearance candidate (52)",
    "default_target_roas": "target ROAS when a SKU has neither a target nor a unit cost",
    "roas_window_days": "days of ads data behind ROAS, CVR and CPC",
    "gap_short_max": "stockout gaps up to this many days are short (seed 000: within a week)",
    "gap_medium_max": "gaps up to this many days are medium (seed 000: 10–15 days); longer are long",
    "after_window_days": "days after a stockout during which a SKU is watched for recovery",
    "recovery_sales_ratio": "sales count as recovered at this share of the pre-stockout ADS",
    "rank_baseline_days": "days before a stockout whose median organic rank is the baseline",
    "rank_severe_baseline_max": "a drop is severe when the baseline was at most this rank ...",
    "rank_severe_trough_min": "... and the trough was worse than this rank",
    "rank_recovery_tolerance": "recovered when back within this share of the baseline rank",
    "kpi_conversion_drop": "flag a week-on-week conversion drop larger than this (seed 002: 15 %)",
    "kpi_ctr_min": "flag keywords/targets with a CTR under this (seed 002: 0.3 %)",
    "kpi_ctr_min_impressions": "only judge CTR after this many impressions",
    "kpi_cpc_factor": "flag a CPC above this multiple of the target CPC",
    "kpi_acos_factor": "flag an ACoS above this multiple of the target ACoS",
    "low_inventory_days": "Amazon's low-inventory-level fee: days of supply under which it applies (US: 28)",
    "low_inventory_min_units_7d": "... SKUs selling fewer units than this in 7 days are exempt (US: 20)",
    "aged_surcharge_days": "days in FBA at which the first aged-inventory surcharge band starts (US: 181)",
    "aged_surcharge_days_apparel": "the same for apparel and footwear, exempt from the 181–270 bands "
    "(US: 271)",
    "capacity_limits": "FBA capacity per marketplace and storage type, "
    "e.g. `US standard 1200; US oversize 300 units` "
    "(cubic feet unless `units` or `m3`; empty: no limit)",
    "marketplace_rules": "per-marketplace changes to the four rules above, e.g. `UK low_inventory_days=0`",
}

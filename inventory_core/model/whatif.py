"""What-if stock projection of one SKU: shift a shipment's ETA, switch it to air, change the ADS.

The stockout timeline page redraws this on every widget change, so it projects one SKU from its row of
``Plan.skus`` and its open shipments in ``Plan.shipments`` — never the whole plan. With no changes it is the
plan's own projection (DESIGN.md "Stockout projection"), built the same way as
:func:`inventory_core.model.plan.compute_plan`:

* day 0 is ``Plan.as_of``; stock(t) = available + arrivals up to day t − sales
  (:func:`formulas.project_stock`);
* the arrivals are the SKU's open shipments with ``counts`` True, each on its ``arrival_day`` (an
  overdue ETA counts from day 0; lost shipments never count);
* a SKU with no counted shipment but FBA inbound units (working + shipped + receiving) gets them on day
  ``Settings.inbound_without_eta_days``, as in the plan.

What-if assumptions (shown to the seller on the page):

* **Shift an ETA** by n days: the shipment arrives n days later (earlier when negative), never before
  day 0.
* **Switch to air**: the shipment's units are sent by air *today* and are sellable after the SKU's air
  lead time (``air_lead_time_days``; day ``max(0, air lead)``). This models the seed 000 "emergency air
  shipment" of the same quantity. If the shipment would already arrive earlier by its own route, the
  earlier day is kept: nobody switches to a slower route. A shift and a switch on the same shipment: the
  switch wins when it is earlier than the shifted ETA.
* **Change the ADS**: the given average daily sales replace the planning ADS for the whole horizon.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from inventory_core.model import formulas
from inventory_core.model.settings import Settings

__all__ = ["Arrival", "Outcome", "WhatIf", "sku_projection", "sku_shipments"]

FLAGGED_STATUSES = ("delayed", "customs_hold")
FBA_INBOUND: Final = "fba_inbound"
"""``Arrival.source`` of FBA inbound units without a shipment row (no shipment id, no ETA)."""


@dataclass(frozen=True)
class Arrival:
    """One inbound arrival in a projection.

    Attributes
    ----------
    shipment_id : str
        The shipment ("" for FBA inbound stock without a shipment row).
    source : {"shipment", "fba_inbound"}
    quantity : float
        Units arriving.
    mode : str
        How it travels in this scenario (``"air"`` once switched).
    status : str
        Shipment status (``in_transit``, ``delayed``, ``customs_hold`` ...).
    base_day, day : int
        Sellable day in the plan and in this scenario (0 = as-of date; may lie beyond the horizon).
    shift_days : int
        ETA shift applied (0 = none).
    to_air : bool
        Switched to air in this scenario (and it made the arrival earlier).
    flagged : bool
        Delayed or held in customs: the ETA is at risk.
    overdue : bool
        The shipment's ETA is already past (it counts from day 0).
    """

    shipment_id: str
    source: Literal["shipment", "fba_inbound"]
    quantity: float
    mode: str
    status: str
    base_day: int
    day: int
    shift_days: int = 0
    to_air: bool = False
    flagged: bool = False
    overdue: bool = False


@dataclass(frozen=True, eq=False)
class Outcome:
    """Result of one projection: the daily series and the stockout figures.

    ``stock[t]`` is the stock at the start of day t after day t's arrivals (see
    :class:`formulas.StockProjection`); ``stockout_day``/``gap_days`` are None without a stockout.
    """

    velocity: float
    stock: NDArray[np.float64]
    sold: NDArray[np.float64]
    unmet: NDArray[np.float64]
    stockout_day: int | None
    gap_days: int | None
    gap_class: formulas.GapClass
    lost_units: float
    lost_sales: float


@dataclass(frozen=True, eq=False)
class WhatIf:
    """A SKU's projection under the chosen changes, beside the plan's (base) projection.

    Attributes
    ----------
    outcome, base : Outcome
        This scenario and the unchanged plan projection (the same object when nothing changed).
    arrivals : tuple of Arrival
        Arrivals of this scenario, by day.
    """

    sku: str
    marketplace: str
    as_of: dt.date
    horizon_days: int
    price: float
    lead_time_days: float
    safety_days: float
    air_lead_time_days: float
    arrivals: tuple[Arrival, ...]
    outcome: Outcome
    base: Outcome

    # --- this scenario ------------------------------------------------------------------------
    @property
    def velocity(self) -> float:
        return self.outcome.velocity

    @property
    def stockout_day(self) -> int | None:
        return self.outcome.stockout_day

    @property
    def stockout_date(self) -> dt.date | None:
        return self.date_of(self.outcome.stockout_day)

    @property
    def gap_days(self) -> int | None:
        return self.outcome.gap_days

    @property
    def gap_class(self) -> formulas.GapClass:
        return self.outcome.gap_class

    @property
    def gap_end_date(self) -> dt.date | None:
        """First day sellable again (or the horizon end when stock does not come back)."""
        o = self.outcome
        return (
            None
            if o.stockout_day is None or o.gap_days is None
            else self.date_of(o.stockout_day + o.gap_days)
        )

    @property
    def lost_units(self) -> float:
        return self.outcome.lost_units

    @property
    def lost_sales(self) -> float:
        return self.outcome.lost_sales

    @property
    def reorder_point(self) -> float:
        """ADS × (lead time + safety days): below this line an order placed now lands too late."""
        return self.outcome.velocity * (self.lead_time_days + self.safety_days)

    @property
    def dates(self) -> list[dt.date]:
        return [self.as_of + dt.timedelta(days=t) for t in range(self.horizon_days)]

    def date_of(self, day: int | None) -> dt.date | None:
        return None if day is None else self.as_of + dt.timedelta(days=int(day))

    # --- comparison with the plan --------------------------------------------------------------
    @property
    def changed(self) -> bool:
        return self.outcome is not self.base

    @property
    def base_stockout_date(self) -> dt.date | None:
        return self.date_of(self.base.stockout_day)

    @property
    def delta_stockout_days(self) -> int | None:
        """Days the stockout moved (positive = later); None unless both scenarios run out."""
        a, b = self.outcome.stockout_day, self.base.stockout_day
        return None if a is None or b is None else a - b

    @property
    def delta_gap_days(self) -> int:
        """Change in gap length (no stockout = 0 days)."""
        return (self.outcome.gap_days or 0) - (self.base.gap_days or 0)

    @property
    def delta_lost_units(self) -> float:
        return self.outcome.lost_units - self.base.lost_units

    @property
    def delta_lost_sales(self) -> float:
        return self.outcome.lost_sales - self.base.lost_sales

    def series(self) -> pd.DataFrame:
        """Daily frame: ``date, day, stock, sold, unmet, base_stock`` (stock after the day's arrivals)."""
        days = np.arange(self.horizon_days)
        return pd.DataFrame(
            {
                "date": pd.to_datetime([self.as_of + dt.timedelta(days=int(t)) for t in days]),
                "day": days,
                "stock": self.outcome.stock,
                "sold": self.outcome.sold,
                "unmet": self.outcome.unmet,
                "base_stock": self.base.stock,
            }
        )


# ---------------------------------------------------------------------------------------------


def _float(value: Any, default: float = 0.0) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(x) else x


def sku_shipments(shipments: pd.DataFrame, sku: str, marketplace: str | None = None) -> pd.DataFrame:
    """The SKU's open shipments that count in the projection (``counts`` True), by arrival day.

    These are the shipments a what-if can move or switch; lost ones are not among them.
    """
    if shipments is None or shipments.empty or "counts" not in shipments.columns:
        return pd.DataFrame(
            columns=[
                "shipment_id",
                "sku",
                "marketplace",
                "quantity",
                "mode",
                "status",
                "eta",
                "arrival_day",
                "overdue",
                "counts",
            ]
        )
    sel = (shipments["sku"] == sku) & shipments["counts"].astype(bool)
    if marketplace is not None and "marketplace" in shipments.columns:
        sel &= shipments["marketplace"] == marketplace
    return shipments[sel].sort_values(["arrival_day", "shipment_id"], kind="stable").reset_index(drop=True)


def _outcome(
    available: float, velocity: float, arrivals: list[Arrival], horizon: int, price: float, settings: Settings
) -> Outcome:
    proj = formulas.project_stock(
        available, velocity, [(a.day, a.quantity) for a in arrivals if a.day < horizon], horizon
    )
    gap_class = formulas.gap_class(
        proj.gap_days, short_max=settings.gap_short_max, medium_max=settings.gap_medium_max
    )
    return Outcome(
        velocity=velocity,
        stock=proj.stock,
        sold=proj.sold,
        unmet=proj.unmet,
        stockout_day=proj.stockout_day,
        gap_days=proj.gap_days,
        gap_class=gap_class,
        lost_units=proj.lost_units,
        lost_sales=proj.lost_units * price,
    )


def sku_projection(
    row: Mapping[str, Any],
    shipments: pd.DataFrame,
    settings: Settings,
    *,
    velocity: float | None = None,
    eta_shift_days: Mapping[str, int] | None = None,
    to_air: set[str] | frozenset[str] | None = None,
    horizon_days: int | None = None,
) -> WhatIf:
    """Project one SKU's stock with the given changes and compare it with the plan's projection.

    Parameters
    ----------
    row : Mapping or pandas.Series
        The SKU's row of ``Plan.skus`` (``sku, marketplace, available, velocity, price, as_of,
        lead_time_days, air_lead_time_days, safety_days`` and the FBA inbound columns).
    shipments : DataFrame
        ``Plan.shipments`` (open shipments with ``arrival_day`` and ``counts``).
    settings : Settings
        ``Plan.settings`` (horizon, gap classes, FBA inbound without ETA).
    velocity : float, optional
        Average daily sales replacing the planning ADS (≥ 0).
    eta_shift_days : mapping shipment id → days, optional
        Move a shipment's arrival by that many days (negative = earlier; never before day 0).
    to_air : set of shipment ids, optional
        Send these shipments' units by air today: sellable after the air lead time (see the module
        docstring).
    horizon_days : int, optional
        Days to project (default ``settings.horizon_days``).

    Returns
    -------
    WhatIf

    Raises
    ------
    ValueError
        For a negative or non-finite ADS, or a shipment id that is not one of the SKU's open shipments.

    Examples
    --------
    100 units at 10/day, 500 arriving on day 20 → out on day 10 for 10 days; the ETA 10 days later
    doubles the gap; switched to air (12 days) it arrives on day 12 and the gap is 2 days:

    >>> ships = pd.DataFrame({"shipment_id": ["S1"], "sku": ["A"], "marketplace": ["US"], "quantity": [500.0],
    ...                       "mode": ["sea"], "status": ["in_transit"], "arrival_day": [20],
    ...                       "counts": [True]})
    >>> row = {"sku": "A", "marketplace": "US", "available": 100, "velocity": 10, "air_lead_time_days": 12,
    ...        "as_of": dt.date(2026, 11, 16)}
    >>> s = Settings(horizon_days=40)
    >>> [(w.stockout_day, w.gap_days) for w in (sku_projection(row, ships, s),
    ...                                         sku_projection(row, ships, s, eta_shift_days={"S1": 10}),
    ...                                         sku_projection(row, ships, s, to_air={"S1"}))]
    [(10, 10), (10, 20), (10, 2)]
    """
    horizon = int(horizon_days if horizon_days is not None else settings.horizon_days)
    if horizon < 1:
        raise ValueError(f"horizon_days must be a whole number ≥ 1, got {horizon_days!r}.")
    sku = str(row["sku"])
    marketplace = str(row.get("marketplace") or "")
    as_of = pd.Timestamp(row.get("as_of")).date() if row.get("as_of") is not None else dt.date.today()
    available = max(0.0, _float(row.get("available")))
    base_velocity = max(0.0, _float(row.get("velocity")))
    price = _float(row.get("price"))
    lead = _float(row.get("lead_time_days"), settings.default_lead_time_days)
    air_lead = _float(row.get("air_lead_time_days"), settings.default_air_lead_time_days)
    safety = _float(row.get("safety_days"), settings.default_safety_days)
    if velocity is not None and not (math.isfinite(float(velocity)) and float(velocity) >= 0):
        raise ValueError(f"velocity must be a finite non-negative number, got {velocity!r}.")

    own = sku_shipments(shipments, sku, marketplace or None)
    known = set(own["shipment_id"].astype(str))
    shifts = {str(k): int(v) for k, v in (eta_shift_days or {}).items()}
    air = {str(s) for s in (to_air or set())}
    unknown = sorted((set(shifts) | air) - known)
    if unknown:
        raise ValueError(f"not an open shipment of {sku}: {', '.join(unknown)}.")

    base_arrivals: list[Arrival] = []
    arrivals: list[Arrival] = []
    air_day = max(0, math.ceil(air_lead))
    for rec in own.to_dict("records"):
        sid = str(rec["shipment_id"])
        base_day = max(0, int(rec["arrival_day"]))
        status = str(rec.get("status") or "")
        planned = Arrival(
            shipment_id=sid,
            source="shipment",
            quantity=_float(rec.get("quantity")),
            mode=str(rec.get("mode") or ""),
            status=status,
            base_day=base_day,
            day=base_day,
            flagged=status in FLAGGED_STATUSES,
            overdue=bool(rec.get("overdue", False)),
        )
        base_arrivals.append(planned)
        shift = shifts.get(sid, 0)
        day = max(0, base_day + shift)
        switched = sid in air and air_day < day
        arrivals.append(
            replace(
                planned,
                mode="air" if switched else planned.mode,
                day=air_day if switched else day,
                shift_days=shift,
                to_air=switched,
            )
        )
    if own.empty:
        # As in the plan: FBA inbound units without a shipment row land after a fixed number of days.
        fba = sum(
            max(0.0, _float(row.get(c))) for c in ("inbound_working", "inbound_shipped", "inbound_receiving")
        )
        if fba > 0:
            day = int(settings.inbound_without_eta_days)
            extra = Arrival(
                shipment_id="", source=FBA_INBOUND, quantity=fba, mode="", status="", base_day=day, day=day
            )
            base_arrivals.append(extra)
            arrivals.append(extra)

    base = _outcome(available, base_velocity, base_arrivals, horizon, price, settings)
    new_velocity = base_velocity if velocity is None else float(velocity)
    changed = new_velocity != base_velocity or any(a.day != a.base_day for a in arrivals)
    outcome = _outcome(available, new_velocity, arrivals, horizon, price, settings) if changed else base
    return WhatIf(
        sku=sku,
        marketplace=marketplace,
        as_of=as_of,
        horizon_days=horizon,
        price=price,
        lead_time_days=lead,
        safety_days=safety,
        air_lead_time_days=air_lead,
        arrivals=tuple(sorted(arrivals, key=lambda a: (a.day, a.shipment_id))),
        outcome=outcome,
        base=base,
    )

"""Realistic data at catalogue scale, in the real export formats.

* ``All_Orders.txt`` — the All Orders flat file (2026 header), tab-separated: one order line per SKU-day with
  sales over ``days`` days (quantity = that day's units; ~2 % cancelled lines). ADS per SKU is log-normal
  (median 0.8 units/day, a long tail of best sellers), as in a real catalogue.
* ``Manage_FBA_Inventory.txt`` — today's stock per SKU (SP-API flat file).
* ``shipments.csv`` — the canonical in-transit template, about one open shipment per three SKUs.

Everything is vectorised with numpy and written with pyarrow's CSV writer, so 10,000 SKUs × 2 years takes
seconds, not minutes. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from inventory_core.demo.data import ALL_ORDERS_HEADER as ORDERS_HEADER

MYI_HEADER = [
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "your-price",
    "mfn-listing-exists",
    "mfn-fulfillable-quantity",
    "afn-listing-exists",
    "afn-warehouse-quantity",
    "afn-fulfillable-quantity",
    "afn-unsellable-quantity",
    "afn-reserved-quantity",
    "afn-total-quantity",
    "per-unit-volume",
    "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity",
    "afn-inbound-receiving-quantity",
    "afn-researching-quantity",
    "afn-reserved-future-supply",
    "afn-future-supply-buyable",
]


@dataclass(frozen=True)
class Dataset:
    n_sku: int
    days: int
    orders: Path
    inventory: Path
    shipments: Path
    order_lines: int
    as_of: dt.date


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(n).astype(str), width))


def generate(
    out_dir: Path, n_sku: int, days: int = 730, seed: int = 7, as_of: dt.date = dt.date(2026, 11, 16)
) -> Dataset:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    skus = _ids("SKU-", n_sku, 6)
    asins = _ids("B0", n_sku, 8)
    price = np.round(rng.uniform(7.99, 49.99, n_sku), 2)
    velocity = rng.lognormal(mean=np.log(0.8), sigma=1.0, size=n_sku)

    units = rng.poisson(velocity[:, None], size=(n_sku, days))  # SKU x day
    sku_idx, day_idx = np.nonzero(units)
    qty = units[sku_idx, day_idx]
    n = len(qty)
    start = np.datetime64(as_of - dt.timedelta(days=days), "s")
    # Afternoon UTC = morning Pacific: the local day is the same as the UTC day.
    stamps = start + (
        day_idx.astype("timedelta64[D]").astype("timedelta64[s]")
        + rng.integers(15 * 3600, 23 * 3600, n).astype("timedelta64[s]")
    )
    stamp_text = np.char.add(np.datetime_as_string(stamps, unit="s"), "+00:00")
    cancelled = rng.random(n) < 0.02
    status = np.where(cancelled, "Cancelled", "Shipped")
    item_price = np.where(cancelled, "", np.char.mod("%.2f", price[sku_idx] * qty))
    order_ids = np.char.add("111-", np.char.zfill(np.arange(n).astype(str), 9))
    empty = np.full(n, "", dtype=object)
    columns = {
        "amazon-order-id": order_ids,
        "merchant-order-id": empty,
        "purchase-date": stamp_text,
        "last-updated-date": stamp_text,
        "order-status": status,
        "order-item-id": np.char.add("5", order_ids),
        "fulfillment-channel": np.full(n, "Amazon"),
        "sales-channel": np.full(n, "Amazon.com"),
        "order-channel": empty,
        "ship-service-level": np.full(n, "Standard"),
        "product-name": np.char.add("Product ", skus[sku_idx]),
        "sku": skus[sku_idx],
        "asin": asins[sku_idx],
        "item-status": status,
        "quantity": qty.astype(str),
        "currency": np.full(n, "USD"),
        "item-price": item_price,
    }
    for name in ORDERS_HEADER:
        columns.setdefault(name, empty)
    table = pa.table({name: pa.array(columns[name], type=pa.string()) for name in ORDERS_HEADER})
    orders = out_dir / f"All_Orders_{n_sku}.txt"
    pacsv.write_csv(
        table, orders, pacsv.WriteOptions(delimiter="\t", quoting_style="none", quoting_header="none")
    )

    available = rng.poisson(velocity * rng.uniform(5, 90, n_sku)).astype(int)
    inv_cols = {
        "sku": skus,
        "fnsku": _ids("X00", n_sku, 7),
        "asin": asins,
        "product-name": np.char.add("Product ", skus),
        "condition": np.full(n_sku, "New"),
        "your-price": np.char.mod("%.2f", price),
        "mfn-listing-exists": np.full(n_sku, "No"),
        "mfn-fulfillable-quantity": np.full(n_sku, ""),
        "afn-listing-exists": np.full(n_sku, "Yes"),
        "afn-fulfillable-quantity": available.astype(str),
    }
    for name in MYI_HEADER:
        inv_cols.setdefault(name, np.full(n_sku, "0"))
    inventory = out_dir / f"Manage_FBA_Inventory_{n_sku}.txt"
    pacsv.write_csv(
        pa.table({k: pa.array(inv_cols[k], type=pa.string()) for k in MYI_HEADER}),
        inventory,
        pacsv.WriteOptions(delimiter="\t", quoting_style="none", quoting_header="none"),
    )

    ship_sku = np.flatnonzero(rng.random(n_sku) < 0.33)
    m = len(ship_sku)
    eta = np.datetime64(as_of, "D") + rng.integers(3, 80, m).astype("timedelta64[D]")
    ship = np.datetime64(as_of, "D") - rng.integers(5, 40, m).astype("timedelta64[D]")
    ship_cols = {
        "shipment_id": _ids("FBA", m, 8),
        "sku": skus[ship_sku],
        "marketplace": np.full(m, "US"),
        "quantity": np.maximum(10, np.round(velocity[ship_sku] * 60)).astype(int).astype(str),
        "mode": np.where(rng.random(m) < 0.85, "sea", "air"),
        "ship_date": np.datetime_as_string(ship),
        "eta": np.datetime_as_string(eta),
        "status": np.full(m, "in_transit"),
    }
    shipments = out_dir / f"shipments_{n_sku}.csv"
    pacsv.write_csv(
        pa.table({k: pa.array(v, type=pa.string()) for k, v in ship_cols.items()}),
        shipments,
        pacsv.WriteOptions(quoting_style="needed", quoting_header="none"),
    )
    return Dataset(n_sku, days, orders, inventory, shipments, n, as_of)

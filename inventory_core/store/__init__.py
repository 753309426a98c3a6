"""The store: the DuckDB file, its migrations, imports and undo, and every SQL statement of the product.

Nothing outside this package runs SQL (a test checks it). Callers import from here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inventory_core.store.bulk_orders import RETURN_STATUSES, STAGE_FIELDS, OrdersScan, ScanMarket
    from inventory_core.store.connection import (
        DEFAULT_DB,
        DEFAULT_MEMORY_LIMIT,
        ENV_DB,
        ENV_MEMORY,
        WRITES,
        default_db_path,
    )
    from inventory_core.store.dbfile import StoreError
    from inventory_core.store.imports import STRING_KEY_DEFAULT, ImportRecord
    from inventory_core.store.migrations import MIGRATIONS, SCHEMA_VERSION
    from inventory_core.store.rebuild import RANGE_SUFFIX
    from inventory_core.store.storage import Store

# Where each public name lives. They load on first use (PEP 562), so that importing a light part of the
# store (``store.fields``, ``store.schema``, ``store.marketplaces``) does not load DuckDB: a chart module
# that names a plan column's bounds need not start a database engine.
_HOMES: dict[str, str] = {
    "DEFAULT_DB": "inventory_core.store.connection",
    "DEFAULT_MEMORY_LIMIT": "inventory_core.store.connection",
    "ENV_DB": "inventory_core.store.connection",
    "ENV_MEMORY": "inventory_core.store.connection",
    "ImportRecord": "inventory_core.store.imports",
    "MIGRATIONS": "inventory_core.store.migrations",
    "OrdersScan": "inventory_core.store.bulk_orders",
    "RANGE_SUFFIX": "inventory_core.store.rebuild",
    "RETURN_STATUSES": "inventory_core.store.bulk_orders",
    "SCHEMA_VERSION": "inventory_core.store.migrations",
    "STAGE_FIELDS": "inventory_core.store.bulk_orders",
    "STRING_KEY_DEFAULT": "inventory_core.store.imports",
    "ScanMarket": "inventory_core.store.bulk_orders",
    "Store": "inventory_core.store.storage",
    "StoreError": "inventory_core.store.dbfile",
    "WRITES": "inventory_core.store.connection",
    "default_db_path": "inventory_core.store.connection",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_DB",
    "DEFAULT_MEMORY_LIMIT",
    "ENV_DB",
    "ENV_MEMORY",
    "MIGRATIONS",
    "RANGE_SUFFIX",
    "RETURN_STATUSES",
    "SCHEMA_VERSION",
    "STAGE_FIELDS",
    "STRING_KEY_DEFAULT",
    "WRITES",
    "ImportRecord",
    "OrdersScan",
    "ScanMarket",
    "Store",
    "StoreError",
    "default_db_path",
]

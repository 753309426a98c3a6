"""The store: the DuckDB file, its migrations, imports and undo, and every SQL statement of the product.

Nothing outside this package runs SQL (a test checks it). Callers import from here.
"""

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

"""The store: the DuckDB file, its migrations, imports and undo, and every SQL statement of the product.

Nothing outside this package runs SQL (a test checks it). Callers import from here.
"""

from inventory_core.store.dbfile import StoreError
from inventory_core.store.storage import (
    DEFAULT_DB,
    DEFAULT_MEMORY_LIMIT,
    ENV_DB,
    ENV_MEMORY,
    MIGRATIONS,
    RANGE_SUFFIX,
    RETURN_STATUSES,
    SCHEMA_VERSION,
    STAGE_FIELDS,
    STRING_KEY_DEFAULT,
    WRITES,
    ImportRecord,
    OrdersScan,
    ScanMarket,
    Store,
    default_db_path,
)

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

"""Small pyarrow helpers the column parsers and the table assembly share: a column as a string array, a
typed null for ``if_else``, and a boolean array as numpy with nulls as False.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["as_strings", "np_bool", "null"]


def as_strings(s: pd.Series) -> pa.Array:
    """The column as a pyarrow string array (non-string values rendered with ``str``)."""
    if not isinstance(s.dtype, pd.StringDtype):
        s = s.astype("str")
    arr = pa.array(s, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string()) if arr.nbytes < 2**31 - 1 else arr


def null(arr: pa.Array) -> pa.Scalar:
    """A null of ``arr``'s type, for ``if_else``."""
    return pa.scalar(None, arr.type)


def np_bool(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean pyarrow array as numpy, nulls as False."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)

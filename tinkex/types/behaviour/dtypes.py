"""Wire dtypes and the rules that map array dtypes onto them (protocol §5.2, TYP-11).

Only ``int64`` and ``float32`` exist on the public wire. Every integer type (signed or
unsigned) widens to int64; every float type (float16, bfloat16, float64) becomes float32.
Booleans, complex numbers and objects are rejected.

Narrowing is never silent (TYP-11): the first float64 (or wider) array, and the first uint64
array, whose wire dtype is inferred logs a warning, once per dtype per process. Python arrays
are float64 by default, so a warning per call would bury everything else in the log; values
that would actually change beyond rounding (out of range) are rejected by the conversion itself.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import TinkexValidationError

__all__ = ["TENSOR_DTYPES", "check_precision_loss", "dtype_from_numpy", "to_numpy_dtype"]

if TYPE_CHECKING:
    from tinker_openapi.models.tensor_dtype import TensorDtype

TENSOR_DTYPES: tuple[TensorDtype, ...] = ("int64", "float32")

_logger = logging.getLogger("tinkex.types")

_NUMPY_OF: dict[str, type[np.generic]] = {"int64": np.int64, "float32": np.float32}
# Source dtypes already warned about; a race may warn twice, which is harmless.
_warned: set[str] = set()


def to_numpy_dtype(dtype: TensorDtype) -> type[np.generic]:
    """The numpy scalar type that stores a wire dtype."""
    try:
        return _NUMPY_OF[dtype]
    except KeyError:
        raise TinkexValidationError(
            f"dtype must be one of {list(TENSOR_DTYPES)}, got {dtype!r}", field="dtype"
        ) from None


def check_precision_loss(np_dtype: Any) -> str | None:
    """Why converting ``np_dtype`` to its wire dtype may lose information, or None."""
    dt = np.dtype(np_dtype)
    if dt.kind == "f" and dt.itemsize > 4:
        return f"{dt.name} -> float32 loses precision"
    if dt.kind == "u" and dt.itemsize >= 8:
        return f"{dt.name} -> int64 may overflow (values above 2**63 - 1 are rejected)"
    return None


def dtype_from_numpy(np_dtype: Any, *, warn: bool = True) -> TensorDtype:
    """The wire dtype for a numpy (or ml_dtypes / JAX) dtype; raises for unsupported kinds.

    With ``warn`` (the default) a narrowing conversion logs a warning the first time each
    source dtype is seen; ``warn=False`` converts quietly."""
    dt = np.dtype(np_dtype)
    if dt.kind in ("i", "u"):
        wire: TensorDtype = "int64"
    elif dt.kind == "f" or dt.name == "bfloat16":  # ml_dtypes' bfloat16 has kind "V"
        wire = "float32"
    else:
        raise TinkexValidationError(
            f"dtype {dt.name} is not supported; only integer and floating arrays can be sent "
            "(they travel as int64 or float32)",
            field="dtype",
        )
    if warn and dt.name not in _warned:
        reason = check_precision_loss(dt)
        if reason is not None:
            _warned.add(dt.name)
            _logger.warning(
                "TensorData conversion: %s (logged once per dtype; convert the array yourself to "
                "choose, or call dtype_from_numpy(..., warn=False))",
                reason,
            )
    return wire

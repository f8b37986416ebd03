"""Behaviour of ``TensorData`` (protocol §5.2, TYP-09/10): numpy, torch and JAX conversions,
CSR sparsity, and the checks that tie ``data`` to ``shape``.

The values live in one read-only numpy array (``NumericArray.typed``), copied at construction,
so ``to_numpy()`` never aliases the caller's buffer. ``data`` (the official list view) is built
on demand. torch and JAX are imported only inside the methods that need them.

Sparse CSR: ``data`` holds only the listed values, ``sparse_crow_indices`` has rows+1 entries,
``sparse_col_indices`` one column per value, and ``shape`` (2-D) is required. Densifying fills
every unlisted cell with ``pad_value``.
"""

from __future__ import annotations

import importlib
import itertools
import math
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import numpy.typing as npt

from ...errors import TinkexValidationError
from .arrays import NumericArray
from .dtypes import dtype_from_numpy
from .errors import Loc, ValidationError
from .field_scalars import invalid

if TYPE_CHECKING:
    import jax
    import torch  # type: ignore[import-not-found, unused-ignore]  # optional dependency

__all__ = ["TensorDataBehaviour"]

_LIST_KEY_DTYPES = {
    "target_tokens": "int64",
    "weights": "float32",
    "advantages": "float32",
    "logprobs": "float32",
    "clip_low_threshold": "float32",
    "clip_high_threshold": "float32",
    "sequence_ratio_mask": "float32",
}
# torch tensors under these keys are sent as CSR when that is smaller (official behaviour).
_SPARSE_ELIGIBLE_KEYS = frozenset({"target_tokens", "weights"})


def _is_torch_tensor(value: Any) -> bool:
    # Checked by module name so torch is never imported just to look at a value.
    return type(value).__module__.startswith("torch") and hasattr(value, "ndim")


def _import_optional(module: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{what} needs the '{module.split('.')[0]}' package, which is not installed"
        ) from exc


def _check_pad_value(pad_value: Any) -> int:
    if isinstance(pad_value, bool) or not isinstance(pad_value, (int, np.integer)):
        raise TypeError(f"pad_value must be an integer, got {type(pad_value).__name__}: {pad_value!r}")
    return int(pad_value)


class TensorDataBehaviour:
    """A tensor with a wire dtype (``int64`` or ``float32``), optional shape and optional CSR."""

    __slots__ = ()
    if TYPE_CHECKING:  # the generated class's fields this behaviour reads
        dtype: str
        shape: list[int] | None
        sparse_crow_indices: list[int] | None
        sparse_col_indices: list[int] | None
    _data: NumericArray

    # ---- checks run at the end of __init__ -------------------------------------------------
    def _tinker_check(self) -> None:
        data = self._data
        shape, crow, col = self.shape, self.sparse_crow_indices, self.sparse_col_indices
        if shape and min(shape) < 0:
            raise invalid(
                ("shape",), "shape", f"TensorData.shape must not be negative, got {shape}", shape
            ).with_prefix("TensorData", ())
        if (crow is None) != (col is None):
            raise invalid(
                ("sparse_crow_indices",),
                "csr",
                "sparse_crow_indices and sparse_col_indices must be set together",
                crow,
            ).with_prefix("TensorData", ())
        if crow is not None and col is not None:
            _check_csr(len(data), shape, crow, col)
        elif shape is not None:
            # A list is flat; an array keeps its own shape, which must hold the same values.
            size = len(data)
            if math.prod(shape) != size:
                raise invalid(
                    ("shape",), "shape", f"TensorData.shape {shape} does not match {size} values", shape
                ).with_prefix("TensorData", ())

    @classmethod
    def _tinker_coerce(cls, value: Any, loc: Loc) -> Self:
        """A loss input given as an array, a torch tensor or a plain list (official ``Datum`` rules):
        arrays keep their shape; a list takes its dtype from its key (``loc[-1]``)."""
        try:
            return cls._coerce_loss_input(value, loc)
        except ValidationError as exc:  # a problem inside the tensor: name it under the field
            raise exc.with_prefix("TensorData", loc) from None
        except TinkexValidationError as exc:  # e.g. an unsupported array dtype
            raise invalid(loc, "array_dtype", exc.message, value) from None

    @classmethod
    def _coerce_loss_input(cls, value: Any, loc: Loc) -> Self:
        key = str(loc[-1]) if loc else ""
        if _is_torch_tensor(value):
            if key in _SPARSE_ELIGIBLE_KEYS and value.ndim == 2:
                return cls.from_torch_sparse(value)
            return cls.from_torch(value)
        if isinstance(value, np.ndarray) or (
            hasattr(value, "__array__") and not isinstance(value, (list, tuple, dict))
        ):
            return cls.from_numpy(value)
        if isinstance(value, (list, tuple)):
            dtype = _LIST_KEY_DTYPES.get(key)
            if dtype is None:
                raise invalid(
                    (),
                    "list_key",
                    f"a plain list needs a known key to pick its dtype ({', '.join(sorted(_LIST_KEY_DTYPES))});"
                    " pass a numpy array or TensorData for other keys",
                    value,
                )
            kept = NumericArray.plain_list(value, dtype, ("data",))
            if kept is not None:  # the common case: a flat list, kept as a list
                return cls(data=kept, dtype=dtype, shape=[len(kept)])  # type: ignore[call-arg]
            try:
                shape = list(np.shape(value))
            except ValueError:
                raise invalid(
                    (),
                    "list_type",
                    "a list of numbers must be rectangular (ragged nested lists are refused)",
                    value,
                ) from None
            return cls(data=value, dtype=dtype, shape=shape)  # type: ignore[call-arg]
        return super()._tinker_coerce(value, ())  # type: ignore[misc]

    # ---- views ----------------------------------------------------------------------------
    def to_numpy(self, pad_value: int = 0) -> npt.NDArray[Any]:
        """The values as a (read-only) numpy array in ``shape``; dense even when stored as CSR."""
        array = self._data.numpy()
        if self.sparse_crow_indices is None:
            if self.shape is not None and list(array.shape) != self.shape:
                return array.reshape(self.shape)
            return array
        pad = _check_pad_value(pad_value)
        assert self.shape is not None and self.sparse_col_indices is not None  # checked in __init__
        dense = np.full(self.shape, pad, dtype=array.dtype)
        crow = np.asarray(self.sparse_crow_indices, dtype=np.int64)
        rows = np.repeat(np.arange(len(crow) - 1), np.diff(crow))
        dense[rows, np.asarray(self.sparse_col_indices, dtype=np.int64)] = array.ravel()
        return dense

    def tolist(self, pad_value: int = 0) -> list[Any]:
        """Nested Python lists following ``shape`` (a flat list when there is no shape)."""
        return self.to_numpy(pad_value).tolist()

    def to_torch(self, pad_value: int = 0) -> torch.Tensor:
        torch = _import_optional("torch", "TensorData.to_torch")
        return torch.from_numpy(self.to_numpy(pad_value).copy())  # a writable copy: torch warns on read-only

    def to_jax(self, pad_value: int = 0) -> jax.Array:
        jnp = _import_optional("jax.numpy", "TensorData.to_jax")
        return jnp.asarray(self.to_numpy(pad_value))

    # ---- constructors -----------------------------------------------------------------------
    @classmethod
    def from_numpy(cls, array: npt.ArrayLike) -> Self:
        """Copy an array (numpy, JAX or anything with ``__array__``), keeping its shape.
        Integer arrays become int64 and float arrays float32; bool/complex/object arrays raise."""
        arr = np.asarray(array)
        return cls(data=arr, dtype=dtype_from_numpy(arr.dtype), shape=list(arr.shape))  # type: ignore[call-arg]

    from_jax = from_numpy

    @classmethod
    def from_numpy_sparse(cls, array: npt.ArrayLike, pad_value: int = 0) -> Self:
        """CSR for a 2-D array when that is smaller than dense; cells equal to ``pad_value`` are left out."""
        arr = np.asarray(array)
        pad = _check_pad_value(pad_value)
        if arr.ndim != 2:
            return cls.from_numpy(arr)
        mask = arr != pad
        nnz = int(mask.sum())
        rows, cols = arr.shape
        if (rows + 1) + 2 * nnz >= rows * cols:
            return cls.from_numpy(arr)
        crow = np.concatenate(([0], np.cumsum(mask.sum(axis=1))))
        return cls(  # type: ignore[call-arg]
            data=arr[mask],
            dtype=dtype_from_numpy(arr.dtype),
            shape=[rows, cols],
            sparse_crow_indices=crow.tolist(),
            sparse_col_indices=np.nonzero(mask)[1].tolist(),
        )

    @classmethod
    def from_torch(cls, tensor: torch.Tensor) -> Self:
        torch = _import_optional("torch", "TensorData.from_torch")
        if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16; widen first
            tensor = tensor.float()
        return cls.from_numpy(tensor.detach().cpu().contiguous().numpy())

    @classmethod
    def from_torch_sparse(cls, tensor: torch.Tensor, pad_value: int = 0) -> Self:
        dense = cls.from_torch(tensor)
        return cls.from_numpy_sparse(dense.to_numpy(), pad_value)


def _check_csr(size: int, shape: list[int] | None, crow: list[int], col: list[int]) -> None:
    def fail(name: str, msg: str, value: Any) -> None:
        raise invalid((name,), "csr", msg, value).with_prefix("TensorData", ())

    if shape is None or len(shape) != 2:
        fail("shape", "TensorData.shape must be 2-D for a sparse CSR tensor", shape)
        return
    if len(crow) != shape[0] + 1 or crow[0] != 0 or crow[-1] != size:
        fail(
            "sparse_crow_indices",
            f"sparse_crow_indices must have {shape[0] + 1} entries from 0 to {size}",
            crow,
        )
    if any(b < a for a, b in itertools.pairwise(crow)):
        fail("sparse_crow_indices", "sparse_crow_indices must not decrease", crow)
    if len(col) != size or any(c < 0 or c >= shape[1] for c in col):
        fail("sparse_col_indices", f"sparse_col_indices must have {size} entries in [0, {shape[1]})", col)

"""TensorData: a flat, typed tensor as it travels on the wire (protocol §5.2, TYP-09/10).

Storage choice (performance, issue 8): the values always live in one numpy array. An array
given to the constructor or to ``from_numpy`` is kept as is when its dtype already matches
(no copy, no Python list), so ``to_numpy()`` hands the same memory back. ``data`` (the
official list view) is produced on demand from that array. torch and JAX are imported only
inside the methods that need them.

Sparse CSR: ``data`` holds only the listed values, ``sparse_crow_indices`` has rows+1 entries,
``sparse_col_indices`` one column per value, and ``shape`` (2-D) is required. Densifying
fills every unlisted cell with ``pad_value``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ._errors import TinkexValidationError
from .tensor_dtype import TENSOR_DTYPES, TensorDtype, dtype_from_numpy, to_numpy_dtype

if TYPE_CHECKING:
    import jax
    import torch  # type: ignore[import-not-found, unused-ignore]  # optional dependency

__all__ = ["TensorData"]

_FIELDS = ("data", "dtype", "shape", "sparse_crow_indices", "sparse_col_indices")


class TensorData:
    """A tensor with a wire dtype (``int64`` or ``float32``), optional shape and optional CSR."""

    __slots__ = ("_array", "dtype", "shape", "sparse_col_indices", "sparse_crow_indices")

    dtype: TensorDtype
    shape: list[int] | None
    sparse_crow_indices: list[int] | None
    sparse_col_indices: list[int] | None
    _array: npt.NDArray[Any]

    def __init__(
        self,
        data: Sequence[int] | Sequence[float] | npt.NDArray[Any] | None = None,
        dtype: TensorDtype | None = None,
        shape: Sequence[int] | None = None,
        sparse_crow_indices: Sequence[int] | None = None,
        sparse_col_indices: Sequence[int] | None = None,
    ) -> None:
        if dtype not in TENSOR_DTYPES:
            raise TinkexValidationError(
                f"TensorData.dtype must be one of {list(TENSOR_DTYPES)}, got {dtype!r}", field="dtype"
            )
        array = _as_array(data, to_numpy_dtype(dtype))
        shape_list = _int_list("shape", shape)
        if shape_list is not None and any(d < 0 for d in shape_list):
            raise TinkexValidationError(
                f"TensorData.shape must not be negative, got {shape_list}", field="shape"
            )
        crow = _int_list("sparse_crow_indices", sparse_crow_indices)
        col = _int_list("sparse_col_indices", sparse_col_indices)
        if (crow is None) != (col is None):
            raise TinkexValidationError(
                "TensorData.sparse_crow_indices and sparse_col_indices must be set together",
                field="sparse_crow_indices",
            )
        if crow is not None and col is not None:
            _check_csr(array, shape_list, crow, col)
        elif shape_list is not None and list(array.shape) != shape_list:
            if int(np.prod(shape_list)) != array.size:
                raise TinkexValidationError(
                    f"TensorData.shape {shape_list} does not match {array.size} values", field="shape"
                )
            array = array.reshape(shape_list)  # a view: still no copy
        for name, value in (
            ("dtype", dtype),
            ("shape", shape_list),
            ("sparse_crow_indices", crow),
            ("sparse_col_indices", col),
            ("_array", array),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"TensorData is immutable; cannot set {name!r}")

    # ---- views ---------------------------------------------------------------------------
    @property
    def data(self) -> list[Any]:
        """The flat (row-major) values as a Python list; the listed values for CSR."""
        return self._array.ravel().tolist()

    def to_numpy(self, pad_value: int = 0) -> npt.NDArray[Any]:
        """The values as a numpy array: the stored array itself (zero-copy) unless CSR."""
        if self.sparse_crow_indices is None:
            return self._array
        pad = _check_pad_value(pad_value)
        assert self.shape is not None and self.sparse_col_indices is not None  # checked in __init__
        dense = np.full(self.shape, pad, dtype=self._array.dtype)
        crow = np.asarray(self.sparse_crow_indices, dtype=np.int64)
        rows = np.repeat(np.arange(len(crow) - 1), np.diff(crow))
        dense[rows, np.asarray(self.sparse_col_indices, dtype=np.int64)] = self._array.ravel()
        return dense

    def tolist(self, pad_value: int = 0) -> list[Any]:
        """Nested Python lists following ``shape`` (a flat list when there is no shape)."""
        return self.to_numpy(pad_value).tolist()

    def to_torch(self, pad_value: int = 0) -> torch.Tensor:
        torch = _import_optional("torch", "TensorData.to_torch")
        array = self.to_numpy(pad_value)
        # torch.from_numpy warns on read-only buffers (e.g. np.frombuffer over bytes).
        return torch.from_numpy(array if array.flags.writeable else array.copy())

    def to_jax(self, pad_value: int = 0) -> jax.Array:
        jnp = _import_optional("jax.numpy", "TensorData.to_jax")
        return jnp.asarray(self.to_numpy(pad_value))

    # ---- constructors ---------------------------------------------------------------------
    @classmethod
    def from_numpy(cls, array: npt.ArrayLike) -> TensorData:
        """Wrap an array (numpy, JAX or anything with ``__array__``), keeping its shape.

        Integer arrays become int64 and float arrays float32 (a cast copies; a matching
        dtype is kept without copying). bool/complex/object arrays raise.
        """
        arr = np.asarray(array)
        return cls(data=arr, dtype=dtype_from_numpy(arr.dtype), shape=list(arr.shape))

    from_jax = from_numpy

    @classmethod
    def from_numpy_sparse(cls, array: npt.ArrayLike, pad_value: int = 0) -> TensorData:
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
        return cls(
            data=arr[mask],
            dtype=dtype_from_numpy(arr.dtype),
            shape=[rows, cols],
            sparse_crow_indices=crow.tolist(),
            sparse_col_indices=np.nonzero(mask)[1].tolist(),
        )

    @classmethod
    def from_torch(cls, tensor: torch.Tensor) -> TensorData:
        torch = _import_optional("torch", "TensorData.from_torch")
        if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16; widen first
            tensor = tensor.float()
        return cls.from_numpy(tensor.detach().cpu().contiguous().numpy())

    @classmethod
    def from_torch_sparse(cls, tensor: torch.Tensor, pad_value: int = 0) -> TensorData:
        dense = cls.from_torch(tensor)
        return cls.from_numpy_sparse(dense.to_numpy(), pad_value)

    # ---- dict / JSON (same method names as the other types) ---------------------------------
    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False, **_: Any) -> dict[str, Any]:
        del mode  # every field is already JSON-safe
        out: dict[str, Any] = {"data": self.data, "dtype": self.dtype}
        for name in ("shape", "sparse_crow_indices", "sparse_col_indices"):
            value = getattr(self, name)
            if value is not None or not exclude_none:
                out[name] = None if value is None else list(value)
        return out

    def model_dump_json(self, *, exclude_none: bool = False, **_: Any) -> str:
        return json.dumps(self.model_dump(exclude_none=exclude_none), separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TensorData:
        if not isinstance(data, Mapping):
            raise TinkexValidationError(f"TensorData: expected a mapping, got {type(data).__name__}")
        return cls(**{k: data[k] for k in _FIELDS if k in data})

    @classmethod
    def model_validate(cls, obj: Any) -> TensorData:
        return obj if isinstance(obj, cls) else cls.from_dict(obj)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> TensorData:
        fields: dict[str, Any] = {
            "data": self._array.copy() if deep else self._array,
            "dtype": self.dtype,
            "shape": self.shape,
            "sparse_crow_indices": self.sparse_crow_indices,
            "sparse_col_indices": self.sparse_col_indices,
        }
        fields.update(update or {})
        return TensorData(**fields)

    # ---- value semantics -----------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TensorData):
            return NotImplemented
        return (
            self.dtype == other.dtype
            and self.shape == other.shape
            and self.sparse_crow_indices == other.sparse_crow_indices
            and self.sparse_col_indices == other.sparse_col_indices
            and np.array_equal(self._array.ravel(), other._array.ravel())
        )

    __hash__ = None  # type: ignore[assignment]  # mutable-content arrays: equal by value, not hashable

    def __repr__(self) -> str:
        preview = self._array.ravel()[:8].tolist()
        more = ", ..." if self._array.size > 8 else ""
        sparse = ", sparse CSR" if self.sparse_crow_indices is not None else ""
        return f"TensorData(dtype={self.dtype!r}, shape={self.shape!r}{sparse}, data={preview}{more})"


def _int_list(name: str, value: Any) -> list[int] | None:
    """A shape or index list as plain ints; anything that is not a sequence of integers raises."""
    if value is None:
        return None
    items = value.tolist() if isinstance(value, np.ndarray) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence):
        raise TinkexValidationError(
            f"TensorData.{name} must be a list of ints, got {type(value).__name__}", field=name
        )
    out = []
    for item in items:
        # Whole floats (2.0) pass, as pydantic's int fields accept them; 2.5, "2" and None do not.
        whole = isinstance(item, float) and item.is_integer()
        if isinstance(item, bool) or not (isinstance(item, (int, np.integer)) or whole):
            raise TinkexValidationError(f"TensorData.{name} must contain only ints, got {item!r}", field=name)
        out.append(int(item))
    return out


def _as_array(data: Any, np_dtype: type[np.generic]) -> npt.NDArray[Any]:
    if data is None:
        return np.empty(0, dtype=np_dtype)
    if not isinstance(data, np.ndarray) and hasattr(data, "__array__"):
        data = np.asarray(data)  # JAX and other array types, without importing them
    if isinstance(data, np.ndarray):
        if data.dtype == np_dtype:
            return data
        _check_cast(data, np_dtype)
        return _cast(data, np_dtype)
    try:
        array = np.asarray(data)
        if array.dtype.kind != "f":
            array = np.asarray(data, dtype=np_dtype)
    except (ValueError, TypeError, OverflowError) as exc:
        raise TinkexValidationError(
            f"TensorData.data must be a flat or rectangular list of numbers: {exc}", field="data"
        ) from exc
    if array.dtype != np_dtype:
        _check_cast(array, np_dtype)
        array = _cast(array, np_dtype)
    return array


def _cast(array: npt.NDArray[Any], np_dtype: type[np.generic]) -> npt.NDArray[Any]:
    """``astype`` that refuses values the target cannot hold (numpy would give INT64_MIN for
    1e300 -> int64 and inf for 1e39 -> float32, with only a warning)."""
    try:
        with np.errstate(over="raise", invalid="raise"):
            return array.astype(np_dtype)
    except FloatingPointError:
        target = np.dtype(np_dtype).name
        raise TinkexValidationError(
            f"TensorData.data holds values out of range for {target}", field="data"
        ) from None


def _check_cast(array: npt.NDArray[Any], np_dtype: type[np.generic]) -> None:
    """Refuse casts that would silently change values: text/objects, and NaN/inf/fractions to int64."""
    if array.dtype.kind not in ("i", "u", "f", "b") and array.dtype.name != "bfloat16":  # ml_dtypes: kind "V"
        raise TinkexValidationError(
            f"TensorData.data must hold numbers, got an array of {array.dtype}", field="data"
        )
    if np.dtype(np_dtype).kind != "i" or not array.size:
        return
    if array.dtype.kind == "f" and (
        not np.isfinite(array).all() or not np.equal(np.floor(array), array).all()
    ):
        raise TinkexValidationError(
            "TensorData.data must hold whole, finite numbers for dtype int64", field="data"
        )
    if array.dtype.kind == "u" and int(array.max()) > np.iinfo(np.int64).max:
        raise TinkexValidationError("TensorData.data holds values too large for int64", field="data")


def _check_csr(array: npt.NDArray[Any], shape: list[int] | None, crow: list[int], col: list[int]) -> None:
    if shape is None or len(shape) != 2:
        raise TinkexValidationError("TensorData.shape must be 2-D for a sparse CSR tensor", field="shape")
    if len(crow) != shape[0] + 1 or crow[0] != 0 or crow[-1] != array.size:
        raise TinkexValidationError(
            f"TensorData.sparse_crow_indices must have {shape[0] + 1} entries from 0 to {array.size}",
            field="sparse_crow_indices",
        )
    if any(b < a for a, b in itertools.pairwise(crow)):
        raise TinkexValidationError(
            "TensorData.sparse_crow_indices must not decrease", field="sparse_crow_indices"
        )
    if len(col) != array.size or any(c < 0 or c >= shape[1] for c in col):
        raise TinkexValidationError(
            f"TensorData.sparse_col_indices must have {array.size} entries in [0, {shape[1]})",
            field="sparse_col_indices",
        )


def _check_pad_value(pad_value: Any) -> int:
    if isinstance(pad_value, bool) or not isinstance(pad_value, (int, np.integer)):
        raise TypeError(f"pad_value must be an integer, got {type(pad_value).__name__}: {pad_value!r}")
    return int(pad_value)


def _import_optional(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        package = module.split(".")[0]
        raise ImportError(f"{what} needs the '{package}' package, which is not installed") from exc

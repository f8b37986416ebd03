from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy.typing as npt
from attrs import define as _attrs_define
from attrs import field as _attrs_field
from tinkex.types.behaviour import fields as _f
from tinkex.types.behaviour.arrays import NumericArray
from tinkex.types.behaviour.errors import ValidationError
from tinkex.types.behaviour.model import TinkerModel
from tinkex.types.behaviour.tensor_data import TensorDataBehaviour

if TYPE_CHECKING:
    from ..models.tensor_dtype import TensorDtype

    pass

_C_dtype: _f.Converter = _f.choice(
    frozenset(
        {
            "float32",
            "int64",
        }
    )
)
_C_shape: _f.Converter = _f.nullable(_f.list_of(_f.as_int))
_D_shape: Any = _f.Default(None)
_C_sparse_crow_indices: _f.Converter = _f.nullable(_f.list_of(_f.as_int))
_D_sparse_crow_indices: Any = _f.Default(None)
_C_sparse_col_indices: _f.Converter = _f.nullable(_f.list_of(_f.as_int))
_D_sparse_col_indices: Any = _f.Default(None)


@_attrs_define(frozen=True, init=False, repr=False, kw_only=True)
class TensorData(TensorDataBehaviour, TinkerModel):
    """
    a flat tensor as it travels on the wire; `shape` gives its dimensions

    Attributes:
        data: flattened row-major values (only the listed values when sparse)
        dtype: only these two exist on the public JSON wire (bf16 -> float32, int32 -> int64)
        shape: mandatory when sparse
        sparse_crow_indices: CSR row pointers (rows + 1 entries)
        sparse_col_indices: CSR column indices (one per listed value)
    """

    _tinker_title: ClassVar[str] = "TensorData"
    _tinker_closed: ClassVar[bool] = False
    _tinker_fields: ClassVar[tuple[str, ...]] = (
        "data",
        "dtype",
        "shape",
        "sparse_crow_indices",
        "sparse_col_indices",
    )
    _tinker_aliases: ClassVar[dict[str, str]] = {}
    _tinker_tag: ClassVar[tuple[str, Any] | None] = None
    _tinker_required: ClassVar[frozenset[str]] = frozenset(
        {
            "data",
            "dtype",
        }
    )

    _data: NumericArray = _attrs_field(
        metadata={
            "wire": "data",
            "annotation": "list[float]",
            "doc": "flattened row-major values (only the listed values when sparse)",
            "array": {"dtype_field": "dtype"},
            "public": "data",
        }
    )
    dtype: TensorDtype = _attrs_field(
        metadata={
            "wire": "dtype",
            "annotation": "TensorDtype",
            "doc": "only these two exist on the public JSON wire (bf16 -\u003e float32, int32 -\u003e int64)",
        }
    )
    shape: list[int] | None = _attrs_field(
        default=None, metadata={"wire": "shape", "annotation": "list[int] | None", "doc": "mandatory when sparse"}
    )
    sparse_crow_indices: list[int] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "sparse_crow_indices",
            "annotation": "list[int] | None",
            "doc": "CSR row pointers (rows + 1 entries)",
        },
    )
    sparse_col_indices: list[int] | None = _attrs_field(
        default=None,
        metadata={
            "wire": "sparse_col_indices",
            "annotation": "list[int] | None",
            "doc": "CSR column indices (one per listed value)",
        },
    )

    def __init__(
        self,
        data: Sequence[float] | npt.NDArray[Any],
        dtype: TensorDtype,
        shape: Sequence[int] | None = _D_shape,
        sparse_crow_indices: Sequence[int] | None = _D_sparse_crow_indices,
        sparse_col_indices: Sequence[int] | None = _D_sparse_col_indices,
        **extra: Any,
    ) -> None:
        _tinker_set = object.__setattr__
        _tinker_fs: set[str] = {
            "data",
            "dtype",
        }
        try:
            _tinker_set(self, "dtype", _C_dtype(dtype, ("dtype",)))
            if _f.omitted(shape, _D_shape):
                _tinker_set(self, "shape", _D_shape.get())
            else:
                _tinker_fs.add("shape")
                _tinker_set(self, "shape", _C_shape(shape, ("shape",)))
            if _f.omitted(sparse_crow_indices, _D_sparse_crow_indices):
                _tinker_set(self, "sparse_crow_indices", _D_sparse_crow_indices.get())
            else:
                _tinker_fs.add("sparse_crow_indices")
                _tinker_set(
                    self, "sparse_crow_indices", _C_sparse_crow_indices(sparse_crow_indices, ("sparse_crow_indices",))
                )
            if _f.omitted(sparse_col_indices, _D_sparse_col_indices):
                _tinker_set(self, "sparse_col_indices", _D_sparse_col_indices.get())
            else:
                _tinker_fs.add("sparse_col_indices")
                _tinker_set(
                    self, "sparse_col_indices", _C_sparse_col_indices(sparse_col_indices, ("sparse_col_indices",))
                )
            _tinker_set(self, "_data", NumericArray.typed(data, self.dtype, ("data",)))
            pass
        except ValidationError as exc:
            raise exc.with_prefix("TensorData", ()) from None
        _tinker_set(self, "_fields_set", frozenset(_tinker_fs))
        _tinker_set(self, "_extra", extra or None)
        self._tinker_check()

    @property
    def data(self) -> list[float]:
        """flattened row-major values (only the listed values when sparse)"""
        return self._data.tolist()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (wire names; optional fields left out when None)."""
        out: dict[str, Any] = dict(self._extra) if self._extra else {}
        out["data"] = self._data.wire()
        out["dtype"] = self.dtype
        if self.shape is not None:
            out["shape"] = self.shape
        if self.sparse_crow_indices is not None:
            out["sparse_crow_indices"] = self.sparse_crow_indices
        if self.sparse_col_indices is not None:
            out["sparse_col_indices"] = self.sparse_col_indices
        return out

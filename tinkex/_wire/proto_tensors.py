"""Tensors in protobuf messages: dense or sparse CSR, packed little-endian; narrow dtypes
(bfloat16, int32) are widened to the public wire dtypes (float32, int64) on reading."""

from __future__ import annotations

from typing import Any

import numpy as np
from tinker_proto import tinker_public_pb2 as pb

from .wire_types import WireDType, WireTensor

__all__ = ["LITTLE_ENDIAN_DTYPES", "PB_DTYPES", "read_tensor", "widen", "write_tensor"]

LITTLE_ENDIAN_DTYPES: dict[str, np.dtype[Any]] = {
    "int64": np.dtype("<i8"),
    "float32": np.dtype("<f4"),
    "int32": np.dtype("<i4"),
}
PB_DTYPES = {"int64": pb.DTYPE_INT64, "float32": pb.DTYPE_FLOAT32, "int32": pb.DTYPE_INT32}


def widen(raw: bytes | memoryview, pb_dtype: int) -> np.ndarray:
    """Bytes of one dtype -> the public wire dtypes: BF16 -> float32, INT32 -> int64."""
    if pb_dtype == pb.DTYPE_FLOAT32:
        return np.frombuffer(raw, dtype="<f4")
    if pb_dtype == pb.DTYPE_INT64:
        return np.frombuffer(raw, dtype="<i8")
    if pb_dtype == pb.DTYPE_INT32:
        return np.frombuffer(raw, dtype="<i4").astype(np.int64)
    if pb_dtype == pb.DTYPE_BFLOAT16:
        # bfloat16 is the upper half of a float32.
        return (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
    raise ValueError(f"unsupported tensor dtype enum {pb_dtype}")


def _wire_dtype(array: np.ndarray) -> WireDType:
    return "float32" if array.dtype.kind == "f" else "int64"


def write_tensor(msg: pb.Tensor, tensor: WireTensor) -> None:
    le = LITTLE_ENDIAN_DTYPES[tensor.dtype]
    msg.dtype = PB_DTYPES[tensor.dtype]
    msg.shape.extend(tensor.shape)
    values = np.ascontiguousarray(tensor.array, dtype=le).tobytes()
    if tensor.sparse_crow is None:
        msg.dense = values
        return
    msg.sparse_csr.values = values
    msg.sparse_csr.crow_indices = np.ascontiguousarray(tensor.sparse_crow, dtype="<i8").tobytes()
    msg.sparse_csr.col_indices = np.ascontiguousarray(tensor.sparse_col, dtype="<i8").tobytes()


def read_tensor(msg: pb.Tensor) -> WireTensor:
    shape = tuple(int(n) for n in msg.shape)
    if msg.WhichOneof("encoding") == "sparse_csr":
        values = widen(msg.sparse_csr.values, msg.dtype)
        return WireTensor(
            array=values,
            dtype=_wire_dtype(values),
            shape=shape,
            sparse_crow=np.frombuffer(msg.sparse_csr.crow_indices, dtype="<i8"),
            sparse_col=np.frombuffer(msg.sparse_csr.col_indices, dtype="<i8"),
        )
    values = widen(msg.dense, msg.dtype)
    return WireTensor(array=values, dtype=_wire_dtype(values), shape=shape or (values.size,))

"""Datums and model inputs: JSON and protobuf forms into checked arrays, within bounded work.

Requests declare shapes, and a sparse tensor's declared shape can be far larger than its body
(a few hundred bytes can declare ``[1, 250000000]``). So every count and every dense size is
computed from the declared shape and checked before memory is allocated for it: datums per
request, tokens per datum (the model's context), each dimension of each tensor (the model's
context) and the dense elements of a whole request (``MAX_REQUEST_ELEMENTS``). The routes run
``datum_arrays`` in a worker thread, so the checks and the densifying never block the event loop.
"""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np

from tinkex._wire.proto_codec import WireChunk, WireDatum, WireDType, WireTensor
from tinkex.server.model.api_types import DatumArrays, UserInputError
from tinkex.server.model.batching import check_datum
from tinkex.server.model.catalog import ModelSpec
from tinkex.server.model.losses import resolve_loss
from tinkex.server.validation import ApiError, user_input

MAX_DATUMS_PER_REQUEST: Final = 256
# Dense elements of all loss_fn_inputs of one request: 32 MiB as int64, several times what the
# largest legitimate request (256 datums x 512 tokens x a few 1-D inputs) needs.
MAX_REQUEST_ELEMENTS: Final = 1 << 22


def parse_tensor(value: Any, where: str) -> WireTensor:
    if not isinstance(value, dict):
        if isinstance(value, list):  # plain lists are accepted like the SDK's own coercion
            try:
                array = np.asarray(value)
                if array.dtype.kind not in "iubf":  # strings, objects, ragged or out-of-range lists
                    raise ValueError(array.dtype)
                wire_dtype: WireDType = "int64" if array.dtype.kind in "iub" else "float32"
                with np.errstate(over="raise", invalid="raise"):
                    return WireTensor(array.astype(wire_dtype), wire_dtype, array.shape)
            except (TypeError, ValueError, OverflowError, FloatingPointError):
                raise ApiError(400, f"{where}: must be a (nested) list of numbers") from None
        raise ApiError(400, f"{where}: must be a TensorData object")
    dtype = value.get("dtype")
    if dtype not in ("int64", "float32"):
        raise ApiError(400, f"{where}.dtype: must be 'int64' or 'float32', got {dtype!r}")
    data = value.get("data")
    if not isinstance(data, list):
        raise ApiError(400, f"{where}.data: required, a flat list of numbers")
    try:
        with np.errstate(over="raise", invalid="raise"):  # 1e39 as float32 would become inf
            array = np.asarray(data, dtype=dtype)
    except (TypeError, ValueError, OverflowError, FloatingPointError):
        raise ApiError(400, f"{where}.data: must be a flat list of {dtype} numbers") from None
    if array.ndim != 1:
        raise ApiError(400, f"{where}.data: must be a flat list (row-major), got a nested list")
    shape_value = value.get("shape")
    if shape_value is not None and not isinstance(shape_value, list):
        raise ApiError(400, f"{where}.shape: must be a list of non-negative integers")
    shape = (array.size,) if shape_value is None else tuple(shape_value)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise ApiError(400, f"{where}.shape: must be a list of non-negative integers")
    crow, col = value.get("sparse_crow_indices"), value.get("sparse_col_indices")
    if crow is not None or col is not None:
        return WireTensor(
            array,
            dtype,
            shape,
            _index_array(crow, f"{where}.sparse_crow_indices"),
            _index_array(col, f"{where}.sparse_col_indices"),
        )
    if math.prod(shape) != array.size:
        raise ApiError(400, f"{where}.shape: {list(shape)} does not match {array.size} values")
    return WireTensor(array, dtype, shape)


def _index_array(value: Any, where: str) -> np.ndarray:
    """A sparse index list as int64; anything else (or an id beyond int64) is the client's mistake."""
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise ApiError(400, f"{where}: must be a flat list of integers")
    try:
        return np.asarray(value, np.int64)
    except OverflowError:
        raise ApiError(400, f"{where}: indices out of the int64 range") from None


def parse_model_input(value: Any, where: str) -> list[WireChunk]:
    chunks = value.get("chunks") if isinstance(value, dict) else None
    if not isinstance(chunks, list):
        raise ApiError(400, f"{where}.chunks: required, a list of chunks")
    parsed: list[WireChunk] = []
    for index, chunk in enumerate(chunks):
        chunk_where = f"{where}.chunks[{index}]"
        kind = chunk.get("type", "encoded_text") if isinstance(chunk, dict) else None
        if kind != "encoded_text" or not isinstance(chunk, dict):
            raise ApiError(
                400, f"{chunk_where}.type: only encoded_text chunks fit the local byte models, got {kind!r}"
            )
        tokens = chunk.get("tokens")
        if not isinstance(tokens, list) or not all(
            isinstance(t, int) and not isinstance(t, bool) for t in tokens
        ):
            raise ApiError(400, f"{chunk_where}.tokens: required, a list of integers")
        try:
            parsed.append(WireChunk.text(np.asarray(tokens, dtype=np.int64).astype(np.int32)))
        except OverflowError:
            raise ApiError(400, f"{chunk_where}.tokens: token ids out of range") from None
    return parsed


def parse_json_datums(value: Any, where: str = "data") -> list[WireDatum]:
    if not isinstance(value, list):
        raise ApiError(400, f"{where}: required, a list of datums")
    datums = []
    for index, datum in enumerate(value):
        datum_where = f"{where}[{index}]"
        if not isinstance(datum, dict):
            raise ApiError(400, f"{datum_where}: must be a Datum object")
        inputs = datum.get("loss_fn_inputs") or {}
        if not isinstance(inputs, dict):
            raise ApiError(400, f"{datum_where}.loss_fn_inputs: must be an object of TensorData")
        datums.append(
            WireDatum(
                chunks=parse_model_input(datum.get("model_input"), f"{datum_where}.model_input"),
                inputs={
                    name: parse_tensor(t, f"{datum_where}.loss_fn_inputs.{name}")
                    for name, t in inputs.items()
                },
            )
        )
    return datums


def checked_dense_size(tensor: WireTensor, where: str, max_dim: int) -> int:
    """The element count ``tensor`` has once dense, refused (400) before anything is allocated when
    it has other than 1 or 2 dimensions, a negative or over-long dimension, or (dense) too few values."""
    shape = tensor.shape
    if not 1 <= len(shape) <= 2:
        raise ApiError(400, f"{where}.shape: must have 1 or 2 dimensions, got {list(shape)}")
    if any(n < 0 for n in shape):
        raise ApiError(400, f"{where}.shape: must not hold negative sizes, got {list(shape)}")
    if any(n > max_dim for n in shape):
        raise ApiError(
            400, f"{where}.shape: {list(shape)} has a dimension above the model's max_context {max_dim}"
        )
    size = math.prod(shape)
    if not tensor.is_sparse and tensor.array.size != size:
        raise ApiError(400, f"{where}.shape: {list(shape)} does not match {tensor.array.size} values")
    return size


def _tokens(datum: WireDatum, index: int, max_context: int) -> np.ndarray:
    parts = []
    for chunk_index, chunk in enumerate(datum.chunks):
        if chunk.kind != "encoded_text" or chunk.tokens is None:
            raise ApiError(
                400,
                f"data[{index}].model_input.chunks[{chunk_index}]: {chunk.kind} chunks are not "
                "supported by the local byte models",
            )
        parts.append(chunk.tokens)
    count = sum(part.size for part in parts)
    if count > max_context:
        raise ApiError(
            400,
            f"data[{index}].model_input has {count} tokens, more than the model's max_context {max_context}",
        )
    return np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)


def datum_arrays(datums: list[WireDatum], spec: ModelSpec, loss_fn: str) -> list[DatumArrays]:
    """Check every count and shape, then concatenate, densify and run the engine's checks (-> 400).

    CPU work in proportion to the request, so routes call it in a worker thread. Nothing is
    allocated in proportion to a *declared* shape before the shape has passed the limits.
    """
    if not datums:
        raise ApiError(400, "data: must contain at least one datum")
    if len(datums) > MAX_DATUMS_PER_REQUEST:
        raise ApiError(400, f"data: at most {MAX_DATUMS_PER_REQUEST} datums per request, got {len(datums)}")
    tokens = [_tokens(datum, index, spec.max_context) for index, datum in enumerate(datums)]
    total = 0
    for index, datum in enumerate(datums):
        for name, tensor in datum.inputs.items():
            total += checked_dense_size(tensor, f"data[{index}].loss_fn_inputs.{name}", spec.max_context)
    if total > MAX_REQUEST_ELEMENTS:
        raise ApiError(
            400,
            f"data: the loss_fn_inputs of this request hold {total} elements once dense, more than "
            f"the server's limit of {MAX_REQUEST_ELEMENTS} per request (send fewer datums per call)",
        )
    arrays = []
    for index, datum in enumerate(datums):
        try:
            inputs = {name: tensor.to_dense() for name, tensor in datum.inputs.items()}
        except ValueError as error:
            raise ApiError(400, f"data[{index}].loss_fn_inputs: {error}") from None
        arrays.append(DatumArrays(tokens=tokens[index], inputs=inputs))
    try:
        for index, datum_array in enumerate(arrays):
            check_datum(index, datum_array, loss_fn, spec.vocab_size, spec.max_context)
    except UserInputError as error:
        raise user_input(error) from None
    return arrays


def numeric_loss_config(loss_fn: str, config: dict[str, Any] | None) -> dict[str, float]:
    """Check the loss name and config now; the local losses take numbers only."""
    try:
        resolve_loss(loss_fn, config)
    except UserInputError as error:
        raise user_input(error) from None
    return {key: float(value) for key, value in (config or {}).items()}

"""Reading request bodies into checked values, and the error replies for bad input.

Every problem becomes ``ApiError(status, "<field>: <problem>")`` so the client sees which field
was wrong. Unknown JSON fields are ignored on purpose: newer SDKs add fields, and an old server
must keep working with them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import orjson
from starlette.requests import Request
from starlette.responses import Response

from tinkex._wire.proto_codec import (
    DecompressedTooLarge,
    WireChunk,
    WireDatum,
    WireDType,
    WireTensor,
    decompress_zstd,
)
from tinkex.server.model.api_types import AdamSettings, DatumArrays, LoraSettings, UserInputError
from tinkex.server.model.batching import check_datum
from tinkex.server.model.catalog import ModelSpec
from tinkex.server.model.losses import resolve_loss

# Set by ``limits.BodyLimitMiddleware`` on every request scope; also bounds decompressed bodies.
MAX_BODY_SCOPE_KEY = "tinkex.max_body_bytes"
DEFAULT_MAX_BODY_BYTES = 64 << 20

MAX_DATUMS_PER_REQUEST = 256
DEFAULT_LORA_RANK = 32


class ApiError(Exception):
    """A request the server refuses; ``detail`` starts with the name of the offending field."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def json_response(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    return json_response({"detail": detail}, status=status, headers=headers)


def user_input(error: UserInputError) -> ApiError:
    """The engine's validators raise UserInputError; before execution that is a 400."""
    return ApiError(400, str(error))


# ---------- bodies ----------


async def read_body(request: Request) -> bytes:
    body = await request.body()
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding == "zstd":
        limit = int(request.scope.get(MAX_BODY_SCOPE_KEY, DEFAULT_MAX_BODY_BYTES))
        try:
            return decompress_zstd(body, max_size=limit)
        except DecompressedTooLarge:
            raise ApiError(
                413, f"body: decompresses to more than the server's limit of {limit} bytes"
            ) from None
        except Exception as error:  # zstandard raises its own ZstdError
            raise ApiError(400, f"body: not valid zstd data ({error})") from None
    raise ApiError(415, f"content-encoding: {encoding!r} is not supported (use zstd or none)")


def parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        value = orjson.loads(body) if body else {}
    except orjson.JSONDecodeError as error:
        raise ApiError(400, f"body: invalid JSON ({error})") from None
    if not isinstance(value, dict):
        raise ApiError(400, "body: must be a JSON object")
    return value


async def read_json(request: Request) -> dict[str, Any]:
    return parse_json_object(await read_body(request))


# ---------- fields ----------


def req_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ApiError(400, f"{name}: required, a non-empty string")
    return value


def opt_str(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"{name}: must be a string")
    return value


def opt_int(body: dict[str, Any], name: str, *, minimum: int | None = None) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, f"{name}: must be an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ApiError(400, f"{name}: must be at least {minimum}, got {value}")
    return value


def req_int(body: dict[str, Any], name: str, *, minimum: int | None = None) -> int:
    value = opt_int(body, name, minimum=minimum)
    if value is None:
        raise ApiError(400, f"{name}: required, an integer")
    return value


def opt_bool(body: dict[str, Any], name: str, default: bool) -> bool:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ApiError(400, f"{name}: must be true or false, got {value!r}")
    return value


def opt_float(body: dict[str, Any], name: str, default: float, *, where: str = "") -> float:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ApiError(400, f"{where}{name}: must be a finite number, got {value!r}")
    return float(value)


def opt_object(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ApiError(400, f"{name}: must be a JSON object")
    return value


def opt_str_dict(body: dict[str, Any], name: str) -> dict[str, str] | None:
    value = opt_object(body, name)
    return None if value is None else {str(k): str(v) for k, v in value.items()}


def seq_id_of(body: dict[str, Any]) -> int | None:
    return opt_int(body, "seq_id", minimum=1)


# ---------- model inputs ----------


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


def datum_arrays(datums: list[WireDatum], spec: ModelSpec, loss_fn: str) -> list[DatumArrays]:
    """Concatenate text chunks, densify tensors, then run the engine's own checks now (-> 400)."""
    if not datums:
        raise ApiError(400, "data: must contain at least one datum")
    if len(datums) > MAX_DATUMS_PER_REQUEST:
        raise ApiError(400, f"data: at most {MAX_DATUMS_PER_REQUEST} datums per request, got {len(datums)}")
    arrays = []
    for index, datum in enumerate(datums):
        parts = []
        for chunk_index, chunk in enumerate(datum.chunks):
            if chunk.kind != "encoded_text" or chunk.tokens is None:
                raise ApiError(
                    400,
                    f"data[{index}].model_input.chunks[{chunk_index}]: {chunk.kind} chunks are not "
                    "supported by the local byte models",
                )
            parts.append(chunk.tokens)
        tokens = np.concatenate(parts) if parts else np.zeros(0, np.int32)
        try:
            inputs = {name: tensor.to_dense() for name, tensor in datum.inputs.items()}
        except ValueError as error:
            raise ApiError(400, f"data[{index}].loss_fn_inputs: {error}") from None
        arrays.append(DatumArrays(tokens=tokens.astype(np.int32), inputs=inputs))
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


# ---------- settings ----------


def lora_settings(body: dict[str, Any], seed_if_missing: int) -> LoraSettings:
    config = opt_object(body, "lora_config") or {}
    rank = opt_int(config, "rank")
    seed = opt_int(config, "seed")
    try:
        return LoraSettings(
            rank=DEFAULT_LORA_RANK if rank is None else rank,
            seed=seed_if_missing if seed is None else seed,
            train_attn=opt_bool(config, "train_attn", True),
            train_mlp=opt_bool(config, "train_mlp", True),
            train_unembed=opt_bool(config, "train_unembed", True),
        )
    except UserInputError as error:
        raise user_input(error) from None


def check_optimizer_config(body: dict[str, Any]) -> None:
    config = opt_object(body, "optimizer_config")
    if config is not None and config.get("type", "adamw") != "adamw":
        raise ApiError(400, f"optimizer_config.type: only 'adamw' is supported, got {config.get('type')!r}")


def adam_settings(body: dict[str, Any]) -> AdamSettings:
    params = opt_object(body, "adam_params")
    if params is None:
        other = opt_object(body, "optimizer_params")
        if other is not None and other.get("type", "adamw") != "adamw":
            raise ApiError(400, f"optimizer_params.type: only AdamW is supported, got {other.get('type')!r}")
        params = other or {}
    where = "adam_params."
    adam = AdamSettings(
        learning_rate=opt_float(params, "learning_rate", 1e-4, where=where),
        beta1=opt_float(params, "beta1", 0.9, where=where),
        beta2=opt_float(params, "beta2", 0.95, where=where),
        eps=opt_float(params, "eps", 1e-12, where=where),
        weight_decay=opt_float(params, "weight_decay", 0.0, where=where),
        grad_clip_norm=opt_float(params, "grad_clip_norm", 0.0, where=where),
    )
    for name in ("learning_rate", "eps", "weight_decay", "grad_clip_norm"):
        if getattr(adam, name) < 0:
            raise ApiError(400, f"{where}{name}: must not be negative")
    for name in ("beta1", "beta2"):
        if not 0 <= getattr(adam, name) < 1:
            raise ApiError(400, f"{where}{name}: must be in [0, 1)")
    return adam


def dedupe_keys(request: Request, seq_key: tuple[str, str] | None = None) -> list[Hashable]:
    """Keys under which a repeat of this request finds the original future.

    ``(model_id, seq_id)`` is the real key (the SDK changes the idempotency key on outer retries);
    the idempotency key also catches HTTP-layer retries of requests that carry no seq_id.
    """
    keys: list[Hashable] = []
    if seq_key is not None:
        keys.append(("seq", *seq_key))
    idempotency_key = request.headers.get("x-idempotency-key")
    if idempotency_key:
        keys.append(("idempotency", request.url.path, idempotency_key))
    return keys


def training_keys(request: Request, model_id: str, seq_id: int | None) -> list[Hashable]:
    """Dedupe keys of a state-touching request of one model (every kind shares the seq_id space)."""
    return dedupe_keys(request, (model_id, str(seq_id)) if seq_id is not None else None)

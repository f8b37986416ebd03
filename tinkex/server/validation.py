"""Reading request bodies into checked values, and the error replies for bad input.

Every problem becomes ``ApiError(status, "<field>: <problem>")`` so the client sees which field
was wrong. Unknown JSON fields are ignored on purpose: newer SDKs add fields, and an old server
must keep working with them.

Every JSON body on every route is parsed by ``parse_json_object`` (orjson), which refuses
nesting deeper than 1024 levels and lone UTF-16 surrogates, so such bodies get a 400 instead of
a RecursionError or an unencodable string later. Bodies above ``INLINE_JSON_BYTES`` are parsed in
a worker thread so a large body never stalls the event loop; smaller ones parse in microseconds,
less than the thread hand-off costs. (Datums are decoded and checked in a thread whatever their
size: see ``datums.py``.)
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from tinkex._wire.proto_codec import DecompressedTooLarge, decompress_zstd
from tinkex.server.auth import owner_of
from tinkex.server.model.api_types import AdamSettings, LoraSettings, UserInputError

# Set by ``limits.BodyLimitMiddleware`` on every request scope; also bounds decompressed bodies.
MAX_BODY_SCOPE_KEY = "tinkex.max_body_bytes"
DEFAULT_MAX_BODY_BYTES = 64 << 20

DEFAULT_LORA_RANK = 32
INLINE_JSON_BYTES = 64 << 10


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
            # In a thread: decompressing up to the body limit takes a while.
            return await run_in_threadpool(decompress_zstd, body, max_size=limit)
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
    body = await read_body(request)
    if len(body) > INLINE_JSON_BYTES:
        return await run_in_threadpool(parse_json_object, body)
    return parse_json_object(body)


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
    the idempotency key also catches HTTP-layer retries of requests that carry no seq_id. Every
    key includes the caller's owner id, so one key's requests never find another key's futures.
    """
    owner = owner_of(request)
    keys: list[Hashable] = []
    if seq_key is not None:
        keys.append(("seq", owner, *seq_key))
    idempotency_key = request.headers.get("x-idempotency-key")
    if idempotency_key:
        keys.append(("idempotency", owner, request.url.path, idempotency_key))
    return keys


def training_keys(request: Request, model_id: str, seq_id: int | None) -> list[Hashable]:
    """Dedupe keys of a state-touching request of one model (every kind shares the seq_id space)."""
    return dedupe_keys(request, (model_id, str(seq_id)) if seq_id is not None else None)

"""The forward/backward pipeline of a training client: validation, chunking, encoding.

Kept apart from ``training_client.py`` so the public class stays a thin shell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from tinker_openapi.api.training import forward, forward_backward
from tinker_openapi.types import File

from .._compat.official_objects import as_tinkex
from .._wire import convert, proto_codec
from ..errors import TinkexValidationError, UnsupportedLossFnError
from ..types import (
    LOSS_FN_TYPES,
    Datum,
    ForwardBackwardInput,
    ForwardBackwardOutput,
    ForwardBackwardRequest,
    ForwardRequest,
)

PROTOBUF = "application/x-protobuf"


def validate_forward_inputs(data: object, loss_fn: object, loss_fn_config: object) -> list[Datum]:
    """Check a forward/forward_backward call before any id is reserved or request sent."""
    if not isinstance(data, (list, tuple)):
        raise TinkexValidationError("data must be a list of Datum", field="data")
    datums = coerce_datums(data)
    if loss_fn not in LOSS_FN_TYPES:
        raise UnsupportedLossFnError(
            f"loss_fn must be one of {', '.join(LOSS_FN_TYPES)}, got {loss_fn!r}", field="loss_fn"
        )
    if loss_fn_config is not None:
        if not isinstance(loss_fn_config, Mapping):
            raise TinkexValidationError(
                "loss_fn_config must be a mapping of str to number or str", field="loss_fn_config"
            )
        for key, value in loss_fn_config.items():
            if (
                not isinstance(key, str)
                or isinstance(value, bool)
                or not isinstance(value, (int, float, str))
            ):
                raise TinkexValidationError(
                    f"loss_fn_config[{key!r}] must be a number or a string", field="loss_fn_config"
                )
    return datums


def coerce_datums(data: Sequence[object]) -> list[Datum]:
    """The datums, official ``tinker`` ones converted; anything else refused, naming its class."""
    return [as_tinkex(datum, Datum, f"data[{i}]") for i, datum in enumerate(data)]


def estimate_bytes(datum: Datum) -> int:
    """Request-size estimate used for chunking: 4 bytes a token, tensor bytes, 8 per sparse index."""
    total = 4 * datum.model_input.length
    for tensor in datum.loss_fn_inputs.values():
        total += tensor._data.nbytes
        if tensor.sparse_crow_indices is not None:
            total += 8 * (len(tensor.sparse_crow_indices) + len(tensor.sparse_col_indices or []))
    return total


def chunk_data(data: Sequence[Datum], max_len: int, max_bytes: int) -> list[list[Datum]]:
    """Split into chunks of at most ``max_len`` datums and ``max_bytes`` estimated bytes."""
    chunks: list[list[Datum]] = []
    current: list[Datum] = []
    size = 0
    for datum in data:
        cost = estimate_bytes(datum)
        if current and (len(current) >= max_len or size + cost > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(datum)
        size += cost
    if current:
        chunks.append(current)
    return chunks


def encode_chunk(
    *,
    model_id: str,
    seq_id: int,
    chunk: Sequence[Datum],
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    forward_only: bool,
    wire_format: str,
    compress: bool,
) -> tuple[ModuleType, dict[str, Any]]:
    """The generated endpoint and its arguments for one chunk: the JSON request model, or the
    protobuf body (with ``forward_only`` inside it) as a ``File``."""
    if wire_format == "json":
        fb_input = ForwardBackwardInput(data=chunk, loss_fn=loss_fn, loss_fn_config=loss_fn_config)  # type: ignore[arg-type]
        if forward_only:
            return forward, {"body": ForwardRequest(forward_input=fb_input, model_id=model_id, seq_id=seq_id)}
        request = ForwardBackwardRequest(forward_backward_input=fb_input, model_id=model_id, seq_id=seq_id)
        return forward_backward, {"body": request}
    content = convert.forward_backward_request_proto(
        model_id, seq_id, loss_fn, loss_fn_config, chunk, forward_only
    )
    arguments: dict[str, Any] = {}
    if compress:
        content = proto_codec.compress_zstd(content)
        arguments["content_encoding"] = "zstd"
    arguments["body"] = File(payload=content, mime_type=PROTOBUF)
    return forward_backward, arguments


def combine_outputs(outputs: Sequence[ForwardBackwardOutput]) -> ForwardBackwardOutput:
    """One result for a chunked call: outputs concatenated, metrics reduced (features FUT-13)."""
    from ..metrics_reduction import combine_forward_backward_outputs

    if len(outputs) == 1:
        only = outputs[0]
        combined = combine_forward_backward_outputs(
            [(only.loss_fn_output_type, only.loss_fn_outputs, only.metrics)]
        )
    else:
        combined = combine_forward_backward_outputs(
            [(o.loss_fn_output_type, o.loss_fn_outputs, o.metrics) for o in outputs]
        )
    output_type, loss_fn_outputs, metrics = combined
    return ForwardBackwardOutput(
        loss_fn_output_type=output_type, loss_fn_outputs=list(loss_fn_outputs), metrics=dict(metrics)
    )

"""The generated types <-> the protobuf bodies (``proto_codec``, on the generated upb messages).

Only the binary form needs this mapping: JSON bodies are the generated models' own
``to_dict``/``from_dict``. Arrays pass through without a list round trip: token ids and tensor
values are read from the types' numpy storage, and decoded results keep viewing the response.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import APIResponseValidationError, TinkexValidationError
from ..types import (
    Datum,
    DmelChunk,
    EncodedTextChunk,
    ForwardBackwardOutput,
    ImageAssetPointerChunk,
    ImageChunk,
    PromptAltTokens,
    PromptProvenanceSpan,
    SampledSequence,
    SampleResponse,
    TensorData,
)
from . import proto_codec as codec
from .wire_types import WireChunk, WireDatum, WireSpan, WireTensor

__all__ = [
    "forward_backward_output_from_proto",
    "forward_backward_request_proto",
    "sample_response_from_json",
    "sample_response_from_proto",
]

_INT32_MAX = np.iinfo(np.int32).max


# ---------- request ----------


def _text_chunk(chunk: EncodedTextChunk) -> WireChunk:
    tokens = chunk.tokens_np  # the type's own array: no list round trip when built from one
    # The protobuf wire packs token ids as int32; a wider id would silently wrap.
    if tokens.size and (int(tokens.max()) > _INT32_MAX or int(tokens.min()) < 0):
        raise TinkexValidationError(
            f"EncodedTextChunk.tokens: token id {int(tokens.max())} does not fit the protobuf wire's int32; "
            'use wire_format="json" for larger ids',
            field="model_input.chunks",
        )
    return WireChunk(kind="encoded_text", tokens=tokens)


def _chunk(chunk: Any) -> WireChunk:
    if isinstance(chunk, EncodedTextChunk):
        return _text_chunk(chunk)
    if isinstance(chunk, ImageChunk):
        return WireChunk(
            kind="image", data=chunk.data, format=chunk.format, expected_tokens=chunk.expected_tokens
        )
    if isinstance(chunk, DmelChunk):
        return WireChunk(kind="dmel", data=chunk.dmel)
    if isinstance(chunk, ImageAssetPointerChunk):
        raise TinkexValidationError(
            "image_asset_pointer chunks cannot be sent in a protobuf forward_backward body; "
            'use wire_format="json" or an ImageChunk',
            field="model_input.chunks",
        )
    raise TinkexValidationError(
        f"unsupported model_input chunk {type(chunk).__name__}", field="model_input.chunks"
    )


def _tensor(tensor: TensorData) -> WireTensor:
    array = tensor._data.numpy()  # the type's own read-only storage
    shape = tuple(tensor.shape) if tensor.shape is not None else (int(array.size),)
    if tensor.sparse_crow_indices is None:
        return WireTensor(array=array, dtype=tensor.dtype, shape=shape)
    return WireTensor(
        array=array,
        dtype=tensor.dtype,
        shape=shape,
        sparse_crow=np.asarray(tensor.sparse_crow_indices, dtype=np.int64),
        sparse_col=np.asarray(tensor.sparse_col_indices or [], dtype=np.int64),
    )


def _spans(spans: Sequence[Any] | None) -> tuple[WireSpan, ...]:
    return tuple(
        WireSpan(
            "prompt_tokens" if isinstance(span, PromptProvenanceSpan) else "sampled_tokens",
            span.sequence_id,
            span.offset,
            span.length,
        )
        for span in spans or ()
    )


def _datum(datum: Datum) -> WireDatum:
    return WireDatum(
        chunks=[_chunk(chunk) for chunk in datum.model_input.chunks],
        inputs={name: _tensor(tensor) for name, tensor in datum.loss_fn_inputs.items()},
        model_input_spans=_spans(datum.model_input_spans),
        loss_fn_input_spans=_spans(datum.loss_fn_input_spans),
    )


def forward_backward_request_proto(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Any,
    data: Sequence[Datum],
    forward_only: bool,
) -> bytes:
    """The protobuf ``ForwardBackwardRequest`` body (upb messages; arrays copied once)."""
    return codec.encode_forward_backward_request(
        model_id, seq_id, loss_fn, loss_fn_config, [_datum(d) for d in data], forward_only
    )


# ---------- results ----------


def _malformed(what: str, exc: Exception) -> APIResponseValidationError:
    return APIResponseValidationError(message=f"malformed protobuf {what} from the server: {exc}")


def _tensor_data(tensor: WireTensor) -> TensorData:
    if tensor.sparse_crow is not None and tensor.sparse_col is not None:
        return TensorData(
            data=tensor.array,
            dtype=tensor.dtype,
            shape=list(tensor.shape),
            sparse_crow_indices=tensor.sparse_crow.tolist(),
            sparse_col_indices=tensor.sparse_col.tolist(),
        )
    return TensorData(data=tensor.array, dtype=tensor.dtype, shape=list(tensor.shape))


def forward_backward_output_from_proto(body: bytes) -> ForwardBackwardOutput:
    try:
        decoded = codec.decode_forward_backward_output(body)
    except Exception as exc:  # upb's DecodeError, or a layout the decoder refuses
        raise _malformed("ForwardBackwardOutput", exc) from exc
    outputs = [{k: TensorData.from_numpy(v) for k, v in fields.items()} for fields in decoded.loss_fn_outputs]
    return ForwardBackwardOutput(
        loss_fn_output_type=decoded.loss_fn_output_type, loss_fn_outputs=outputs, metrics=decoded.metrics
    )


def _topk_json(rows: Any) -> Any:
    return None if rows is None else [None if row is None else [list(cell) for cell in row] for row in rows]


def sample_response_from_proto(body: bytes, sequence_ids: Sequence[str] | None = None) -> SampleResponse:
    try:
        decoded = codec.decode_sample_response(body)
    except Exception as exc:
        raise _malformed("SampleResponse", exc) from exc
    ids = list(sequence_ids or [])
    sequences = [
        SampledSequence(
            stop_reason=seq.stop_reason,
            tokens=seq.tokens,
            logprobs=seq.logprobs,
            sequence_id=ids[i] if i < len(ids) else None,
            topk_logprobs=_topk_json(seq.topk_logprobs),
        )
        for i, seq in enumerate(decoded.sequences)
    ]
    alt = decoded.prompt_alt_tokens
    target = decoded.target_prompt_logprobs
    return SampleResponse(
        sequences=sequences,
        prompt_logprobs=decoded.prompt_logprobs,
        topk_prompt_logprobs=_topk_json(decoded.topk_prompt_logprobs),
        target_prompt_logprobs=None if target is None else _tensor_data(target),
        prompt_cache_hit_tokens=decoded.prompt_cache_hit_tokens,
        prompt_alt_tokens=None
        if alt is None
        else PromptAltTokens(tokens=_tensor_data(alt[0]), logprobs=_tensor_data(alt[1])),
    )


def sample_response_from_json(
    payload: dict[str, Any], sequence_ids: Sequence[str] | None = None
) -> SampleResponse:
    data = dict(payload)
    ids = list(sequence_ids or [])
    if ids and isinstance(data.get("sequences"), list):
        data["sequences"] = [
            {**seq, "sequence_id": seq.get("sequence_id") or (ids[i] if i < len(ids) else None)}
            if isinstance(seq, dict)
            else seq
            for i, seq in enumerate(data["sequences"])
        ]
    return SampleResponse.from_dict(data)

"""Public types <-> wire bodies, for both wire formats.

Requests are built as plain dicts holding numpy arrays (orjson serializes them without a
detour through Python lists) or as protobuf bytes via ``proto_codec``. Results are decoded
from whichever content type the server sent (DESIGN §4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..errors import TinkexValidationError
from ..types import (
    Datum,
    DmelChunk,
    EncodedTextChunk,
    ForwardBackwardOutput,
    ImageAssetPointerChunk,
    ImageChunk,
    ModelInput,
    SampledSequence,
    SampleResponse,
    TensorData,
)
from ..types.sampling import TopkLogprobs
from . import proto_codec as pc


def _tensor_wire(tensor: TensorData) -> pc.WireTensor:
    array = tensor._array  # the type's own storage: no copy, no list round trip
    shape = tuple(tensor.shape) if tensor.shape is not None else (int(array.size),)
    if tensor.sparse_crow_indices is not None and tensor.sparse_col_indices is not None:
        return pc.WireTensor(
            array.ravel(),
            tensor.dtype,
            shape,
            np.asarray(tensor.sparse_crow_indices, dtype=np.int64),
            np.asarray(tensor.sparse_col_indices, dtype=np.int64),
        )
    return pc.WireTensor(array.ravel(), tensor.dtype, shape)


def _chunk_wire(chunk: object) -> pc.WireChunk:
    if isinstance(chunk, EncodedTextChunk):
        return pc.WireChunk(kind="encoded_text", tokens=np.asarray(chunk.tokens_np, dtype=np.int32))
    if isinstance(chunk, ImageChunk):
        return pc.WireChunk(
            kind="image",
            data=bytes(chunk.data),
            format=str(chunk.format),
            expected_tokens=chunk.expected_tokens,
        )
    if isinstance(chunk, DmelChunk):
        return pc.WireChunk(kind="dmel", data=bytes(chunk.dmel))
    if isinstance(chunk, ImageAssetPointerChunk):
        raise TinkexValidationError(
            "image_asset_pointer chunks cannot be sent in a protobuf forward_backward body; "
            'use wire_format="json" or an ImageChunk',
            field="model_input.chunks",
        )
    raise TinkexValidationError(
        f"unsupported model_input chunk {type(chunk).__name__}", field="model_input.chunks"
    )


def datum_to_wire(datum: Datum) -> pc.WireDatum:
    return pc.WireDatum(
        chunks=[_chunk_wire(c) for c in datum.model_input.chunks],
        inputs={name: _tensor_wire(t) for name, t in datum.loss_fn_inputs.items()},
    )


def _tensor_json(tensor: TensorData) -> dict[str, Any]:
    body: dict[str, Any] = {"data": tensor._array.ravel(), "dtype": tensor.dtype}
    if tensor.shape is not None:
        body["shape"] = list(tensor.shape)
    if tensor.sparse_crow_indices is not None:
        body["sparse_crow_indices"] = list(tensor.sparse_crow_indices)
        body["sparse_col_indices"] = list(tensor.sparse_col_indices or [])
    return body


def model_input_json(model_input: ModelInput) -> dict[str, Any]:
    chunks: list[dict[str, Any]] = []
    for chunk in model_input.chunks:
        if isinstance(chunk, EncodedTextChunk):
            chunks.append(
                {"type": "encoded_text", "tokens": np.ascontiguousarray(chunk.tokens_np, dtype=np.int64)}
            )
        else:
            chunks.append(chunk.to_dict())
    return {"chunks": chunks}


def datum_json(datum: Datum) -> dict[str, Any]:
    return {
        "model_input": model_input_json(datum.model_input),
        "loss_fn_inputs": {name: _tensor_json(t) for name, t in datum.loss_fn_inputs.items()},
    }


def _tensor_from_array(array: np.ndarray) -> TensorData:
    return TensorData.from_numpy(array)


def forward_backward_output_from_proto(body: bytes) -> ForwardBackwardOutput:
    decoded = pc.decode_forward_backward_output(body)
    outputs = [{k: _tensor_from_array(v) for k, v in fields.items()} for fields in decoded.loss_fn_outputs]
    return ForwardBackwardOutput(decoded.loss_fn_output_type, outputs, dict(decoded.metrics))


def forward_backward_output_from_json(payload: Mapping[str, Any]) -> ForwardBackwardOutput:
    return ForwardBackwardOutput.from_dict(payload)


def _topk(rows: pc.TopkRows | None) -> TopkLogprobs | None:
    if rows is None:
        return None
    k = max((len(r) for r in rows if r), default=0)
    ids = np.zeros((len(rows), k), dtype=np.int32)
    lps = np.full((len(rows), k), pc.TOPK_SENTINEL_LOGPROB, dtype=np.float32)
    for i, row in enumerate(rows):
        for j, (token, logprob) in enumerate(row or []):
            ids[i, j], lps[i, j] = token, logprob
    return TopkLogprobs(token_ids=ids, logprobs=lps)


def sample_response_from_proto(body: bytes, sequence_ids: Sequence[str] | None = None) -> SampleResponse:
    decoded = pc.decode_sample_response(body)
    ids = list(sequence_ids or [])
    sequences = [
        SampledSequence(
            seq.stop_reason,
            ids[i] if i < len(ids) else None,
            tokens_np=seq.tokens,
            logprobs_np=seq.logprobs,
            topk_logprobs_np=_topk(seq.topk_logprobs),
        )
        for i, seq in enumerate(decoded.sequences)
    ]
    prompt_lp = decoded.prompt_logprobs
    return SampleResponse(
        sequences,
        prompt_logprobs_np=None
        if prompt_lp is None
        else np.array([np.nan if x is None else x for x in prompt_lp], dtype=np.float32),
        topk_prompt_logprobs_np=_topk(decoded.topk_prompt_logprobs),
        prompt_cache_hit_tokens=decoded.prompt_cache_hit_tokens,
    )


def sample_response_from_json(
    payload: Mapping[str, Any], sequence_ids: Sequence[str] | None = None
) -> SampleResponse:
    data = dict(payload)
    ids = list(sequence_ids or [])
    if ids and isinstance(data.get("sequences"), list):
        data["sequences"] = [
            {**seq, "sequence_id": seq.get("sequence_id") or (ids[i] if i < len(ids) else None)}
            for i, seq in enumerate(data["sequences"])
        ]
    return SampleResponse.from_dict(data)

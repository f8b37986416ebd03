"""Public types <-> wire bodies, for both wire formats.

Requests are built as plain dicts holding numpy arrays (orjson serializes them without a
detour through Python lists) or as hand-framed protobuf bytes (``proto_fast``). Protobuf
results are read by ``proto_read`` into arrays that view the response body. Neither path
imports the generated protobuf module: that stays with the server and the tests (DESIGN §4).
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
from ..types.datum import PromptProvenanceSpan, ProvenanceSpans
from ..types.sampling import PromptAltTokens, TopkLogprobs
from . import proto_fast as pf
from . import proto_read as pr
from .wire_types import WireTensor

# ---------- protobuf request: types -> hand-framed bytes (the client's hot path) ----------

_INT32_MAX = np.iinfo(np.int32).max


def _text_chunk_frame(chunk: EncodedTextChunk) -> pf.Frame:
    tokens = chunk.tokens_np  # the array the user gave: no list round trip
    # The protobuf wire packs token ids as int32; a wider id would silently wrap.
    if tokens.dtype.itemsize >= 4 and tokens.size and tokens.dtype != np.int32 and tokens.max() > _INT32_MAX:
        raise TinkexValidationError(
            f"EncodedTextChunk.tokens: token id {int(tokens.max())} does not fit the protobuf wire's int32; "
            'use wire_format="json" for larger ids',
            field="model_input.chunks",
        )
    return pf.text_chunk(tokens)


def _chunk_frame(chunk: object) -> pf.Frame:
    if isinstance(chunk, EncodedTextChunk):
        return _text_chunk_frame(chunk)
    if isinstance(chunk, ImageChunk):
        return pf.image_chunk(bytes(chunk.data), str(chunk.format), chunk.expected_tokens)
    if isinstance(chunk, DmelChunk):
        return pf.dmel_chunk(bytes(chunk.dmel))
    if isinstance(chunk, ImageAssetPointerChunk):
        raise TinkexValidationError(
            "image_asset_pointer chunks cannot be sent in a protobuf forward_backward body; "
            'use wire_format="json" or an ImageChunk',
            field="model_input.chunks",
        )
    raise TinkexValidationError(
        f"unsupported model_input chunk {type(chunk).__name__}", field="model_input.chunks"
    )


def _tensor_frame(tensor: TensorData) -> pf.Frame:
    array = tensor._array  # the type's own storage: no copy, no list round trip
    shape = tensor.shape if tensor.shape is not None else (int(array.size),)
    return pf.tensor(array, tensor.dtype, shape, tensor.sparse_crow_indices, tensor.sparse_col_indices)


def _spans(spans: ProvenanceSpans | None) -> list[bytes]:
    return [
        pf.provenance_span(
            "prompt_tokens" if isinstance(span, PromptProvenanceSpan) else "sampled_tokens",
            span.sequence_id,
            span.offset,
            span.length,
        )
        for span in spans or ()
    ]


def _datum_frame(datum: Datum) -> pf.Frame:
    return pf.datum(
        [_chunk_frame(chunk) for chunk in datum.model_input.chunks],
        [(name, _tensor_frame(tensor)) for name, tensor in datum.loss_fn_inputs.items()],
        _spans(datum.model_input_spans),
        _spans(datum.loss_fn_input_spans),
    )


def forward_backward_request_proto(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    data: Sequence[Datum],
    forward_only: bool,
) -> bytes:
    """The protobuf ``ForwardBackwardRequest`` body, arrays copied once (see ``proto_fast``)."""
    return pf.forward_backward_request(
        model_id, seq_id, loss_fn, loss_fn_config, [_datum_frame(d) for d in data], forward_only
    )


# ---------- JSON request ----------


_SAME_WIDTH_INT = {2: np.int16, 4: np.int32, 8: np.int64}


def json_values(array: np.ndarray) -> np.ndarray:
    """The flat values JSON carries for a tensor. A float array holding only whole numbers (0/1
    weights and masks, the common case) goes out as int64: JSON does not tell 1 from 1.0, the
    receiver casts to the declared dtype, and integers are written several times faster than
    floats. The bit-exact round trip keeps -0.0, NaN, inf, huge values and fractions as floats."""
    flat = array.ravel()
    if flat.dtype.kind != "f" or not flat.size:
        return flat
    with np.errstate(invalid="ignore"):  # NaN/inf casts: caught by the bit comparison below
        whole = flat.astype(np.int64)
        same_bits = _SAME_WIDTH_INT[flat.dtype.itemsize]
        if (whole.astype(flat.dtype).view(same_bits) == flat.view(same_bits)).all():
            return whole
    return flat


def _tensor_json(tensor: TensorData) -> dict[str, Any]:
    body: dict[str, Any] = {"data": json_values(tensor._array), "dtype": tensor.dtype}
    if tensor.shape is not None:
        body["shape"] = tensor.shape
    if tensor.sparse_crow_indices is not None:
        body["sparse_crow_indices"] = tensor.sparse_crow_indices
        body["sparse_col_indices"] = tensor.sparse_col_indices or []
    return body


def model_input_json(model_input: ModelInput) -> dict[str, Any]:
    chunks: list[dict[str, Any]] = []
    for chunk in model_input.chunks:
        if isinstance(chunk, EncodedTextChunk):
            # int64 as the user gave it is sent as is (orjson reads the array; no list).
            chunks.append(
                {"type": "encoded_text", "tokens": np.ascontiguousarray(chunk.tokens_np, dtype=np.int64)}
            )
        else:
            chunks.append(chunk.to_dict())
    return {"chunks": chunks}


def datum_json(datum: Datum) -> dict[str, Any]:
    """The JSON form of a Datum: numpy arrays inside (orjson serializes them without lists)."""
    inputs = {name: _tensor_json(t) for name, t in datum.loss_fn_inputs.items()}
    return {"model_input": model_input_json(datum.model_input), "loss_fn_inputs": inputs}


# ---------- results ----------


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


def _proto_error(what: str, exc: pr.ProtoDecodeError) -> TinkexValidationError:
    return TinkexValidationError(f"malformed protobuf {what} from the server: {exc}", field="body")


def forward_backward_output_from_proto(body: bytes) -> ForwardBackwardOutput:
    try:
        decoded = pr.decode_forward_backward_output(body)
    except pr.ProtoDecodeError as exc:
        raise _proto_error("ForwardBackwardOutput", exc) from exc
    outputs = [{k: TensorData.from_numpy(v) for k, v in fields.items()} for fields in decoded.loss_fn_outputs]
    return ForwardBackwardOutput(decoded.loss_fn_output_type, outputs, decoded.metrics)


def forward_backward_output_from_json(payload: Mapping[str, Any]) -> ForwardBackwardOutput:
    return ForwardBackwardOutput.from_dict(payload)


def _topk(matrix: pr.TopkMatrix | None) -> TopkLogprobs | None:
    return None if matrix is None else TopkLogprobs(token_ids=matrix.token_ids, logprobs=matrix.logprobs)


def sample_response_from_proto(body: bytes, sequence_ids: Sequence[str] | None = None) -> SampleResponse:
    """Arrays straight from the body; the list views of the types are built only when read."""
    try:
        decoded = pr.decode_sample_response(body)
    except pr.ProtoDecodeError as exc:
        raise _proto_error("SampleResponse", exc) from exc
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
    alt = decoded.prompt_alt_tokens
    target = decoded.target_prompt_logprobs
    return SampleResponse(
        sequences,
        prompt_logprobs_np=decoded.prompt_logprobs,
        topk_prompt_logprobs_np=_topk(decoded.topk_prompt_logprobs),
        target_prompt_logprobs=None if target is None else _tensor_data(target),
        prompt_cache_hit_tokens=decoded.prompt_cache_hit_tokens,
        prompt_alt_tokens=None
        if alt is None
        else PromptAltTokens(tokens=_tensor_data(alt[0]), logprobs=_tensor_data(alt[1])),
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

"""Encode and decode the protobuf bodies of the Tinker protocol (protocol.md section 8).

Neutral on purpose: the SDK and the local server both use these functions, and they only see
the dataclasses below and numpy arrays, never the generated ``tinker_proto`` messages. Packed
numeric fields are little-endian byte strings, so everything goes through ``np.frombuffer`` and
``.tobytes()``; arrays returned by the decoders are read-only views of the message bytes.

This module holds the forward_backward request and output codecs and is the one import path
for every codec: tensors (``proto_tensors``), the sample response (``proto_sample``) and zstd
(``compression``) live beside it and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from tinker_proto import tinker_public_pb2 as pb

from .compression import DecompressedTooLarge, compress_zstd, decompress_zstd
from .proto_sample import decode_sample_response, encode_sample_response, optional_floats, topk_rows
from .proto_tensors import LITTLE_ENDIAN_DTYPES, PB_DTYPES, read_tensor, widen, write_tensor
from .wire_types import (
    TOPK_SENTINEL_ID,
    TOPK_SENTINEL_LOGPROB,
    ForwardBackwardOutputData,
    ForwardBackwardRequestData,
    StopReason,
    TopkRows,
    WireChunk,
    WireDatum,
    WireDType,
    WireSampledSequence,
    WireSampleResponse,
    WireSpan,
    WireTensor,
)

__all__ = [
    "TOPK_SENTINEL_ID",
    "TOPK_SENTINEL_LOGPROB",
    "DecompressedTooLarge",
    "ForwardBackwardOutputData",
    "ForwardBackwardRequestData",
    "StopReason",
    "TopkRows",
    "WireChunk",
    "WireDType",
    "WireDatum",
    "WireSampleResponse",
    "WireSampledSequence",
    "WireSpan",
    "WireTensor",
    "compress_zstd",
    "decode_forward_backward_output",
    "decode_forward_backward_request",
    "decode_sample_response",
    "decompress_zstd",
    "encode_forward_backward_output",
    "encode_forward_backward_request",
    "encode_sample_response",
    "optional_floats",
    "topk_rows",
]


# ---------- forward_backward request ----------


def encode_forward_backward_request(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    data: Sequence[WireDatum],
    forward_only: bool,
) -> bytes:
    msg = pb.ForwardBackwardRequest(
        model_id=model_id, seq_id=seq_id, loss_fn=loss_fn, forward_only=forward_only
    )
    for key, value in (loss_fn_config or {}).items():
        if isinstance(value, str):
            msg.loss_fn_config_v2[key].text = value
        else:
            # Numbers go to both maps so servers that only read the legacy map still see them.
            msg.loss_fn_config[key] = float(value)
            msg.loss_fn_config_v2[key].number = float(value)
    for datum in data:
        datum_msg = msg.data.add()
        for chunk in datum.chunks:
            chunk_msg = datum_msg.model_input.add()
            if chunk.kind == "encoded_text":
                tokens = chunk.tokens if chunk.tokens is not None else np.zeros(0, np.int32)
                chunk_msg.encoded_text.tokens = np.ascontiguousarray(tokens, dtype="<i4").tobytes()
            elif chunk.kind == "image":
                chunk_msg.image.data = chunk.data
                chunk_msg.image.format = chunk.format
                if chunk.expected_tokens is not None:
                    chunk_msg.image.expected_tokens = chunk.expected_tokens
            else:
                chunk_msg.dmel.dmel = chunk.data
        for name, tensor in datum.inputs.items():
            write_tensor(datum_msg.loss_fn_inputs[name], tensor)
        for span in datum.model_input_spans:
            _write_span(datum_msg.model_input_spans.add(), span)
        for span in datum.loss_fn_input_spans:
            _write_span(datum_msg.loss_fn_input_spans.add(), span)
    return msg.SerializeToString()


def _write_span(msg: pb.ProvenanceSpan, span: WireSpan) -> None:
    run = msg.prompt_tokens if span.kind == "prompt_tokens" else msg.sampled_tokens
    run.sequence_id = span.sequence_id
    run.offset = span.offset
    run.length = span.length


def _read_span(msg: pb.ProvenanceSpan) -> WireSpan:
    kind = msg.WhichOneof("span")
    if kind not in ("prompt_tokens", "sampled_tokens"):
        raise ValueError("provenance span has no run")
    run = msg.prompt_tokens if kind == "prompt_tokens" else msg.sampled_tokens
    return WireSpan(kind=kind, sequence_id=run.sequence_id, offset=int(run.offset), length=int(run.length))


def _read_chunk(msg: pb.Chunk) -> WireChunk:
    which = msg.WhichOneof("chunk")
    if which == "encoded_text":
        return WireChunk(kind="encoded_text", tokens=np.frombuffer(msg.encoded_text.tokens, dtype="<i4"))
    if which == "image":
        expected = msg.image.expected_tokens if msg.image.HasField("expected_tokens") else None
        return WireChunk(kind="image", data=msg.image.data, format=msg.image.format, expected_tokens=expected)
    if which == "dmel":
        return WireChunk(kind="dmel", data=msg.dmel.dmel)
    raise ValueError("model_input chunk has no content")


def decode_forward_backward_request(body: bytes) -> ForwardBackwardRequestData:
    msg = pb.ForwardBackwardRequest.FromString(body)
    config: dict[str, float | str] = {key: float(value) for key, value in msg.loss_fn_config.items()}
    for key, entry in msg.loss_fn_config_v2.items():  # v2 is newer and wins on a shared key
        which = entry.WhichOneof("value")
        if which == "number":
            config[key] = float(entry.number)
        elif which == "text":
            config[key] = entry.text
    data = [
        WireDatum(
            chunks=[_read_chunk(chunk) for chunk in datum.model_input],
            inputs={name: read_tensor(tensor) for name, tensor in datum.loss_fn_inputs.items()},
            model_input_spans=tuple(_read_span(span) for span in datum.model_input_spans),
            loss_fn_input_spans=tuple(_read_span(span) for span in datum.loss_fn_input_spans),
        )
        for datum in msg.data
    ]
    return ForwardBackwardRequestData(
        model_id=msg.model_id,
        seq_id=msg.seq_id,
        loss_fn=msg.loss_fn,
        loss_fn_config=config,
        forward_only=msg.forward_only,
        data=data,
    )


# ---------- forward_backward output ----------


def _output_dtype(name: str, array: np.ndarray) -> str:
    if array.dtype == np.float32 or array.dtype == np.float64:
        return "float32"
    if array.dtype == np.int64 or array.dtype == np.int32:
        return array.dtype.name
    raise ValueError(f"output field {name!r} has dtype {array.dtype}, expected float32/int32/int64")


def encode_forward_backward_output(
    loss_fn_output_type: str, outputs: Sequence[Mapping[str, np.ndarray]], metrics: Mapping[str, float]
) -> bytes:
    """All datums go into one ArrayRecord; each field's bytes are sliced by int64 byte offsets."""
    msg = pb.ForwardBackwardOutput(loss_fn_output_type=loss_fn_output_type)
    for key, value in metrics.items():
        msg.metrics[key] = float(value)
    if outputs:
        record = msg.loss_fn_outputs.add(type_tag=loss_fn_output_type, num_datums=len(outputs))
        names = list(outputs[0])
        for index, datum in enumerate(outputs):
            if list(datum) != names:
                raise ValueError(f"output datum {index} has fields {list(datum)}, datum 0 has {names}")
        for name in names:
            dtype = _output_dtype(name, np.asarray(outputs[0][name]))
            arrays = [
                np.ascontiguousarray(datum[name], dtype=LITTLE_ENDIAN_DTYPES[dtype]) for datum in outputs
            ]
            trailing = arrays[0].shape[1:]
            if any(array.ndim == 0 or array.shape[1:] != trailing for array in arrays):
                raise ValueError(f"output field {name!r} must have the same trailing shape in every datum")
            offsets = np.zeros(len(arrays) + 1, dtype="<i8")
            np.cumsum([array.nbytes for array in arrays], out=offsets[1:])
            field = record.fields[name]
            field.data = b"".join(array.tobytes() for array in arrays)
            field.offsets = offsets.tobytes()
            field.dtype = PB_DTYPES[dtype]
            field.trailing_shape.extend(trailing)
    return msg.SerializeToString()


def decode_forward_backward_output(body: bytes) -> ForwardBackwardOutputData:
    msg = pb.ForwardBackwardOutput.FromString(body)
    outputs: list[dict[str, np.ndarray]] = []
    for record in msg.loss_fn_outputs:
        fields = dict(record.fields.items())
        count = record.num_datums
        if count == 0 and fields:  # older writers leave num_datums unset
            count = len(np.frombuffer(next(iter(fields.values())).offsets, dtype="<i8")) - 1
        chunk: list[dict[str, np.ndarray]] = [{} for _ in range(count)]
        for name, field in fields.items():
            offsets = np.frombuffer(field.offsets, dtype="<i8")
            if len(offsets) != count + 1:
                raise ValueError(f"field {name!r} has {len(offsets)} offsets for {count} datums")
            trailing = tuple(int(n) for n in field.trailing_shape)
            data = memoryview(field.data)
            for index in range(count):
                values = widen(data[offsets[index] : offsets[index + 1]], field.dtype)
                chunk[index][name] = values.reshape((-1, *trailing)) if trailing else values
        outputs.extend(chunk)
    return ForwardBackwardOutputData(
        loss_fn_output_type=msg.loss_fn_output_type.rsplit(":", 1)[-1],
        loss_fn_outputs=outputs,
        metrics={key: float(value) for key, value in msg.metrics.items()},
    )

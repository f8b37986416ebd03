"""Encode and decode the protobuf bodies of the Tinker protocol (protocol.md section 8).

Neutral on purpose: the SDK and the local server both use these functions, and they only see
the dataclasses below and numpy arrays, never the generated ``tinker_proto`` messages. Packed
numeric fields are little-endian byte strings, so everything goes through ``np.frombuffer`` and
``.tobytes()``; arrays returned by the decoders are read-only views of the message bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import zstandard
from tinker_proto import tinker_public_pb2 as pb

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
]

_LE_DTYPE: dict[str, np.dtype[Any]] = {
    "int64": np.dtype("<i8"),
    "float32": np.dtype("<f4"),
    "int32": np.dtype("<i4"),
}
_PB_DTYPE = {"int64": pb.DTYPE_INT64, "float32": pb.DTYPE_FLOAT32, "int32": pb.DTYPE_INT32}
_STOP_REASON_TO_PB = {"stop": pb.STOP_REASON_STOP, "length": pb.STOP_REASON_LENGTH}


# ---------- compression ----------


def compress_zstd(body: bytes, level: int = 3) -> bytes:
    return zstandard.ZstdCompressor(level=level).compress(body)


class DecompressedTooLarge(ValueError):
    """A zstd body expands past the caller's ``max_size`` (a decompression bomb)."""


def decompress_zstd(body: bytes, max_size: int | None = None) -> bytes:
    if max_size is None:
        # decompressobj handles frames that do not record their content size (streamed writers).
        return zstandard.ZstdDecompressor().decompressobj().decompress(body)
    # Bounded: read at most max_size + 1 bytes, so a bomb never expands in memory.
    chunks: list[bytes] = []
    total = 0
    with zstandard.ZstdDecompressor().stream_reader(body) as reader:
        while chunk := reader.read(min(1 << 20, max_size + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_size:
                raise DecompressedTooLarge(f"decompressed body larger than {max_size} bytes")
    return b"".join(chunks)


# ---------- tensors ----------


def _widen(raw: bytes | memoryview, pb_dtype: int) -> np.ndarray:
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


def _write_tensor(msg: pb.Tensor, tensor: WireTensor) -> None:
    le = _LE_DTYPE[tensor.dtype]
    msg.dtype = _PB_DTYPE[tensor.dtype]
    msg.shape.extend(tensor.shape)
    values = np.ascontiguousarray(tensor.array, dtype=le).tobytes()
    if tensor.sparse_crow is None:
        msg.dense = values
        return
    msg.sparse_csr.values = values
    msg.sparse_csr.crow_indices = np.ascontiguousarray(tensor.sparse_crow, dtype="<i8").tobytes()
    msg.sparse_csr.col_indices = np.ascontiguousarray(tensor.sparse_col, dtype="<i8").tobytes()


def _read_tensor(msg: pb.Tensor) -> WireTensor:
    shape = tuple(int(n) for n in msg.shape)
    if msg.WhichOneof("encoding") == "sparse_csr":
        values = _widen(msg.sparse_csr.values, msg.dtype)
        return WireTensor(
            array=values,
            dtype=_wire_dtype(values),
            shape=shape,
            sparse_crow=np.frombuffer(msg.sparse_csr.crow_indices, dtype="<i8"),
            sparse_col=np.frombuffer(msg.sparse_csr.col_indices, dtype="<i8"),
        )
    values = _widen(msg.dense, msg.dtype)
    return WireTensor(array=values, dtype=_wire_dtype(values), shape=shape or (values.size,))


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
            _write_tensor(datum_msg.loss_fn_inputs[name], tensor)
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
            inputs={name: _read_tensor(tensor) for name, tensor in datum.loss_fn_inputs.items()},
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
            arrays = [np.ascontiguousarray(datum[name], dtype=_LE_DTYPE[dtype]) for datum in outputs]
            trailing = arrays[0].shape[1:]
            if any(array.ndim == 0 or array.shape[1:] != trailing for array in arrays):
                raise ValueError(f"output field {name!r} must have the same trailing shape in every datum")
            offsets = np.zeros(len(arrays) + 1, dtype="<i8")
            np.cumsum([array.nbytes for array in arrays], out=offsets[1:])
            field = record.fields[name]
            field.data = b"".join(array.tobytes() for array in arrays)
            field.offsets = offsets.tobytes()
            field.dtype = _PB_DTYPE[dtype]
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
                values = _widen(data[offsets[index] : offsets[index + 1]], field.dtype)
                chunk[index][name] = values.reshape((-1, *trailing)) if trailing else values
        outputs.extend(chunk)
    return ForwardBackwardOutputData(
        loss_fn_output_type=msg.loss_fn_output_type.rsplit(":", 1)[-1],
        loss_fn_outputs=outputs,
        metrics={key: float(value) for key, value in msg.metrics.items()},
    )


# ---------- sample response ----------


def optional_floats(values: np.ndarray) -> list[float | None]:
    """float32 array with NaN for "not computed" -> list with None in those places."""
    result: list[float | None] = list(values.tolist())
    for index in np.flatnonzero(np.isnan(values)).tolist():
        result[index] = None
    return result


def topk_rows(token_ids: np.ndarray, logprobs: np.ndarray) -> TopkRows:
    """[length, k] matrices -> per-row (id, logprob) lists; sentinel padding trimmed, empty rows None."""
    is_pad = ((token_ids == TOPK_SENTINEL_ID) & (logprobs == TOPK_SENTINEL_LOGPROB)) | np.isnan(logprobs)
    rows: TopkRows = []
    for row_ids, row_lps, row_pad in zip(token_ids.tolist(), logprobs.tolist(), is_pad, strict=True):
        kept = np.flatnonzero(~row_pad)
        if kept.size == 0:
            rows.append(None)
            continue
        end = int(kept[-1]) + 1
        rows.append(list(zip(row_ids[:end], row_lps[:end], strict=True)))
    return rows


def _write_topk(msg: pb.TopkLogprobs, token_ids: np.ndarray, logprobs: np.ndarray) -> None:
    ids = np.array(token_ids, dtype="<i4", copy=True)
    lps = np.array(logprobs, dtype="<f4", copy=True)
    missing = np.isnan(lps)  # the engine marks cells it did not compute with NaN
    ids[missing] = TOPK_SENTINEL_ID
    lps[missing] = TOPK_SENTINEL_LOGPROB
    msg.length, msg.k = (int(n) for n in lps.shape)
    msg.token_ids = ids.tobytes()
    msg.logprobs = lps.tobytes()


def _read_topk(msg: pb.TopkLogprobs) -> TopkRows | None:
    if msg.k == 0 or msg.length == 0:
        return None
    shape = (msg.length, msg.k)
    return topk_rows(
        np.frombuffer(msg.token_ids, dtype="<i4").reshape(shape),
        np.frombuffer(msg.logprobs, dtype="<f4").reshape(shape),
    )


def encode_sample_response(
    sequences: Sequence[WireSampledSequence],
    prompt_logprobs: np.ndarray | None = None,
    topk_prompt_logprobs: tuple[np.ndarray, np.ndarray] | None = None,
    prompt_cache_hit_tokens: int = 0,
) -> bytes:
    """``prompt_logprobs`` uses NaN for "not computed"; NaN top-k cells become sentinel padding."""
    msg = pb.SampleResponse(prompt_cache_hit_tokens=prompt_cache_hit_tokens)
    for sequence in sequences:
        seq_msg = msg.sequences.add(
            stop_reason=_STOP_REASON_TO_PB[sequence.stop_reason],
            tokens=np.ascontiguousarray(sequence.tokens, dtype="<i4").tobytes(),
        )
        if sequence.logprobs is not None:
            seq_msg.logprobs = np.ascontiguousarray(sequence.logprobs, dtype="<f4").tobytes()
    if prompt_logprobs is not None:
        msg.prompt_logprobs = np.ascontiguousarray(prompt_logprobs, dtype="<f4").tobytes()
    if topk_prompt_logprobs is not None:
        _write_topk(msg.topk_prompt_logprobs, *topk_prompt_logprobs)
    return msg.SerializeToString()


def decode_sample_response(body: bytes) -> WireSampleResponse:
    msg = pb.SampleResponse.FromString(body)
    sequences = [
        WireSampledSequence(
            tokens=np.frombuffer(seq.tokens, dtype="<i4"),
            logprobs=np.frombuffer(seq.logprobs, dtype="<f4") if seq.HasField("logprobs") else None,
            # STOP is enum 0, so an unset stop_reason reads as "stop".
            stop_reason="length" if seq.stop_reason == pb.STOP_REASON_LENGTH else "stop",
            topk_logprobs=_read_topk(seq.topk_sampled_logprobs)
            if seq.HasField("topk_sampled_logprobs")
            else None,
        )
        for seq in msg.sequences
    ]
    prompt_logprobs = (
        optional_floats(np.frombuffer(msg.prompt_logprobs, dtype="<f4"))
        if msg.HasField("prompt_logprobs")
        else None
    )
    alt = msg.prompt_alt_tokens
    return WireSampleResponse(
        sequences=sequences,
        prompt_logprobs=prompt_logprobs,
        topk_prompt_logprobs=_read_topk(msg.topk_prompt_logprobs)
        if msg.HasField("topk_prompt_logprobs")
        else None,
        prompt_cache_hit_tokens=msg.prompt_cache_hit_tokens,
        target_prompt_logprobs=_read_tensor(msg.target_prompt_logprobs)
        if msg.HasField("target_prompt_logprobs")
        else None,
        prompt_alt_tokens=(_read_tensor(alt.tokens), _read_tensor(alt.logprobs))
        if msg.HasField("prompt_alt_tokens")
        else None,
    )

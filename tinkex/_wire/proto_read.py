"""Zero-copy decoding of the result bodies the client reads every call (protocol.md section 8.3).

``ForwardBackwardOutput`` and ``SampleResponse`` are a handful of fields around large packed
arrays. Parsing them with the generated classes copies every array out of the body; here a
small reader walks the fields of a ``memoryview`` and the arrays come back as read-only
``np.frombuffer`` views of the body (one copy only where the wire dtype must be widened:
INT32 -> int64, BF16 -> float32). Unknown fields are skipped, as protobuf parsers do; packed
and unpacked repeated integers are both accepted. The generated classes stay the reference:
tests check that both decoders agree on the same bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .wire_types import TOPK_SENTINEL_ID, TOPK_SENTINEL_LOGPROB, StopReason, WireTensor

_FLOAT32, _INT64, _INT32, _BFLOAT16 = 1, 2, 3, 4  # tinker_public.proto enum DType
_STOP_REASON_LENGTH = 1
_DOUBLE = struct.Struct("<d")


class ProtoDecodeError(ValueError):
    """The body is not a well-formed protobuf message of the expected type."""


# ---------- the field reader ----------


def _varint(buf: memoryview, pos: int, end: int) -> tuple[int, int]:
    value = shift = 0
    while pos < end:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            break
    raise ProtoDecodeError("truncated or overlong varint")


def _fields(buf: memoryview, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """``(field number, wire type, value or start, end)`` for each field of one message.

    Varint and fixed fields give their value and ``end = -1``; length-delimited fields give
    the byte range of their payload.
    """
    pos = start
    while pos < end:
        key, pos = _varint(buf, pos, end)
        field, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _varint(buf, pos, end)
            yield field, 0, value, -1
        elif wire_type == 2:
            size, pos = _varint(buf, pos, end)
            if pos + size > end:
                raise ProtoDecodeError(f"field {field} runs past the end of its message")
            yield field, 2, pos, pos + size
            pos += size
        elif wire_type in (1, 5):
            width = 8 if wire_type == 1 else 4
            if pos + width > end:
                raise ProtoDecodeError(f"field {field} runs past the end of its message")
            yield field, wire_type, int.from_bytes(buf[pos : pos + width], "little"), -1
            pos += width
        else:
            raise ProtoDecodeError(f"unsupported wire type {wire_type} (field {field})")
    if pos != end:
        raise ProtoDecodeError("message runs past the end of its parent")


def _signed(value: int, bits: int = 64) -> int:
    return value - (1 << 64) if value >= 1 << (bits - 1) and value < 1 << 64 else value


def _ints(buf: memoryview, wire_type: int, value: int, end: int, out: list[int]) -> None:
    """One occurrence of a repeated integer field: packed (LEN) or a single varint."""
    if wire_type == 0:
        out.append(_signed(value))
        return
    pos = value
    while pos < end:
        item, pos = _varint(buf, pos, end)
        out.append(_signed(item))


def _text(buf: memoryview, start: int, end: int) -> str:
    return str(buf[start:end], "utf-8")


def _array(raw: memoryview, dtype_enum: int) -> np.ndarray:
    """Packed bytes in a wire dtype -> the public dtypes: views, widened only when needed."""
    try:
        if dtype_enum == _FLOAT32:
            return np.frombuffer(raw, dtype="<f4")
        if dtype_enum == _INT64:
            return np.frombuffer(raw, dtype="<i8")
        if dtype_enum == _INT32:
            return np.frombuffer(raw, dtype="<i4").astype(np.int64)
        if dtype_enum == _BFLOAT16:  # bfloat16 is the upper half of a float32
            return (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
    except ValueError as exc:  # a byte count that is not a multiple of the item size
        raise ProtoDecodeError(f"packed array: {exc}") from exc
    raise ProtoDecodeError(f"unsupported tensor dtype enum {dtype_enum}")


def _item_size(dtype_enum: int) -> int:
    return {_FLOAT32: 4, _INT64: 8, _INT32: 4, _BFLOAT16: 2}.get(dtype_enum, 0)


# ---------- ForwardBackwardOutput ----------


class ForwardBackwardResult(NamedTuple):
    loss_fn_output_type: str
    loss_fn_outputs: list[dict[str, np.ndarray]]
    metrics: dict[str, float]


def _map_entry(buf: memoryview, start: int, end: int) -> tuple[str, int, int, int]:
    """A map entry: (key, value wire type, value or start, end)."""
    key, wire_type, value, value_end = "", 2, start, start  # an absent value is the default
    for field, kind, a, b in _fields(buf, start, end):
        if field == 1 and kind == 2:
            key = _text(buf, a, b)
        elif field == 2:
            wire_type, value, value_end = kind, a, b
    return key, wire_type, value, value_end


def _batched_field(
    buf: memoryview, start: int, end: int, name: str
) -> tuple[np.ndarray, list[int], tuple[int, ...], int]:
    """A BatchedTensor: (all values, element offsets, trailing shape, datum count)."""
    data = offsets = buf[start:start]
    dtype_enum = 0
    trailing: list[int] = []
    for field, kind, a, b in _fields(buf, start, end):
        if field == 1 and kind == 2:
            data = buf[a:b]
        elif field == 2 and kind == 2:
            offsets = buf[a:b]
        elif field == 3 and kind == 0:
            dtype_enum = a
        elif field == 4:
            _ints(buf, kind, a, b, trailing)
    values = _array(data, dtype_enum)
    byte_offsets = _array(offsets, _INT64)
    width = _item_size(dtype_enum)
    if (
        byte_offsets.size == 0
        or byte_offsets[0] != 0
        or byte_offsets[-1] != len(data)
        or np.any(np.diff(byte_offsets) < 0)
        or np.any(byte_offsets % width)
    ):
        raise ProtoDecodeError(f"field {name!r}: byte offsets do not split its {len(data)} data bytes")
    return values, (byte_offsets // width).tolist(), tuple(trailing), byte_offsets.size - 1


def _array_record(buf: memoryview, start: int, end: int) -> list[dict[str, np.ndarray]]:
    count = -1
    fields: list[tuple[str, int, int]] = []
    for field, kind, a, b in _fields(buf, start, end):
        if field == 2 and kind == 2:
            name, _, value_start, value_end = _map_entry(buf, a, b)
            fields.append((name, value_start, value_end))
        elif field == 3 and kind == 0:
            count = _signed(a)
    datums: list[dict[str, np.ndarray]] | None = None
    for name, value_start, value_end in fields:
        values, offsets, trailing, offsets_count = _batched_field(buf, value_start, value_end, name)
        if count <= 0:  # older writers leave num_datums unset: the offsets say how many
            count = offsets_count
        if offsets_count != count:
            raise ProtoDecodeError(f"field {name!r} has {offsets_count + 1} offsets for {count} datums")
        if datums is None:
            datums = [{} for _ in range(count)]
        shape = (-1, *trailing)
        for index in range(count):
            piece = values[offsets[index] : offsets[index + 1]]
            datums[index][name] = piece.reshape(shape) if trailing else piece
    return datums if datums is not None else [{} for _ in range(max(count, 0))]


def decode_forward_backward_output(body: bytes | memoryview) -> ForwardBackwardResult:
    """Same result as ``proto_codec.decode_forward_backward_output``, arrays viewing ``body``."""
    buf = memoryview(body)
    output_type = ""
    outputs: list[dict[str, np.ndarray]] = []
    metrics: dict[str, float] = {}
    for field, kind, a, b in _fields(buf, 0, len(buf)):
        if field == 1 and kind == 2:
            output_type = _text(buf, a, b)
        elif field == 2 and kind == 2:
            outputs.extend(_array_record(buf, a, b))
        elif field == 3 and kind == 2:
            key, value_kind, value, _ = _map_entry(buf, a, b)
            metrics[key] = _DOUBLE.unpack(value.to_bytes(8, "little"))[0] if value_kind == 1 else 0.0
    return ForwardBackwardResult(output_type.rsplit(":", 1)[-1], outputs, metrics)


# ---------- SampleResponse ----------


class TopkMatrix(NamedTuple):
    """``(length, k)`` int32 ids and float32 logprobs; padding cells hold the sentinel pair."""

    token_ids: np.ndarray
    logprobs: np.ndarray


@dataclass(frozen=True)
class SampledSequenceArrays:
    tokens: np.ndarray
    logprobs: np.ndarray | None
    stop_reason: StopReason
    topk_logprobs: TopkMatrix | None


@dataclass(frozen=True)
class SampleResponseArrays:
    """A SampleResponse with every per-token field as an array (``prompt_logprobs``: NaN = not computed)."""

    sequences: list[SampledSequenceArrays]
    prompt_logprobs: np.ndarray | None
    topk_prompt_logprobs: TopkMatrix | None
    prompt_cache_hit_tokens: int
    target_prompt_logprobs: WireTensor | None
    prompt_alt_tokens: tuple[WireTensor, WireTensor] | None


def _topk(buf: memoryview, start: int, end: int) -> TopkMatrix | None:
    ids = lps = buf[start:start]
    k = length = 0
    for field, kind, a, b in _fields(buf, start, end):
        if field == 1 and kind == 2:
            ids = buf[a:b]
        elif field == 2 and kind == 2:
            lps = buf[a:b]
        elif field == 3 and kind == 0:
            k = a
        elif field == 4 and kind == 0:
            length = a
    if k == 0 or length == 0:
        return None
    try:
        token_ids = np.frombuffer(ids, dtype="<i4").reshape(length, k)
        logprobs = np.frombuffer(lps, dtype="<f4").reshape(length, k)
    except ValueError as exc:
        raise ProtoDecodeError(f"top-k matrices do not hold {length}x{k} cells") from exc
    missing = np.isnan(logprobs)
    if missing.any():  # a writer marking "not computed" with NaN: normalise to the sentinel
        token_ids, logprobs = token_ids.copy(), logprobs.copy()
        token_ids[missing], logprobs[missing] = TOPK_SENTINEL_ID, TOPK_SENTINEL_LOGPROB
    return TopkMatrix(token_ids, logprobs)


def _sequence(buf: memoryview, start: int, end: int) -> SampledSequenceArrays:
    tokens = buf[start:start]
    logprobs: np.ndarray | None = None
    stop_reason: StopReason = "stop"  # STOP is enum 0: an unset stop_reason reads as "stop"
    topk: TopkMatrix | None = None
    for field, kind, a, b in _fields(buf, start, end):
        if field == 1 and kind == 0:
            stop_reason = "length" if a == _STOP_REASON_LENGTH else "stop"
        elif field == 2 and kind == 2:
            tokens = buf[a:b]
        elif field == 3 and kind == 2:
            logprobs = _array(buf[a:b], _FLOAT32)
        elif field == 4 and kind == 2:
            topk = _topk(buf, a, b)
    try:
        token_array = np.frombuffer(tokens, dtype="<i4")
    except ValueError as exc:
        raise ProtoDecodeError(f"sequence tokens: {exc}") from exc
    return SampledSequenceArrays(token_array, logprobs, stop_reason, topk)


def _tensor(buf: memoryview, start: int, end: int) -> WireTensor:
    dense = values = crow = col = None
    dtype_enum = 0
    shape: list[int] = []
    for field, kind, a, b in _fields(buf, start, end):
        if field == 1 and kind == 2:
            dense, values = buf[a:b], None
        elif field == 2 and kind == 2:
            dense, values, crow, col = None, buf[a:a], buf[a:a], buf[a:a]
            for sub, sub_kind, c, d in _fields(buf, a, b):
                if sub_kind == 2 and sub in (1, 2, 3):
                    if sub == 1:
                        values = buf[c:d]
                    elif sub == 2:
                        crow = buf[c:d]
                    else:
                        col = buf[c:d]
        elif field == 3 and kind == 0:
            dtype_enum = a
        elif field == 4:
            _ints(buf, kind, a, b, shape)
    if values is not None and crow is not None and col is not None:
        array = _array(values, dtype_enum)
        return WireTensor(
            array,
            "float32" if array.dtype.kind == "f" else "int64",
            tuple(shape),
            _array(crow, _INT64),
            _array(col, _INT64),
        )
    array = _array(dense if dense is not None else buf[start:start], dtype_enum)
    return WireTensor(array, "float32" if array.dtype.kind == "f" else "int64", tuple(shape) or (array.size,))


def decode_sample_response(body: bytes | memoryview) -> SampleResponseArrays:
    """A SampleResponse body as arrays viewing ``body`` (no per-token Python objects)."""
    buf = memoryview(body)
    sequences: list[SampledSequenceArrays] = []
    prompt_logprobs: np.ndarray | None = None
    topk_prompt: TopkMatrix | None = None
    cache_hits = 0
    target: WireTensor | None = None
    alt: tuple[WireTensor, WireTensor] | None = None
    for field, kind, a, b in _fields(buf, 0, len(buf)):
        if field == 1 and kind == 2:
            sequences.append(_sequence(buf, a, b))
        elif field == 2 and kind == 2:
            prompt_logprobs = _array(buf[a:b], _FLOAT32)
        elif field == 3 and kind == 2:
            topk_prompt = _topk(buf, a, b)
        elif field == 4 and kind == 0:
            cache_hits = _signed(a)
        elif field == 5 and kind == 2:
            target = _tensor(buf, a, b)
        elif field == 6 and kind == 2:
            parts = {sub: _tensor(buf, c, d) for sub, sub_kind, c, d in _fields(buf, a, b) if sub_kind == 2}
            alt = (
                parts.get(1) or WireTensor(np.empty(0, np.int64), "int64", (0,)),
                parts.get(2) or WireTensor(np.empty(0, np.float32), "float32", (0,)),
            )
    return SampleResponseArrays(sequences, prompt_logprobs, topk_prompt, cache_hits, target, alt)

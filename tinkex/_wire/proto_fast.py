"""Hand-framed protobuf bytes for the forward_backward request (protocol.md section 8.2).

Why not the generated message: building a ``tinker_proto`` message copies every packed array
into the message and ``SerializeToString`` copies it again, plus per-field Python calls. Here
each message is a *frame*: the list of its body pieces (small header ``bytes`` and the numpy
arrays themselves, which ``bytes.join`` reads through the buffer protocol) and their total
size. A parent frame prepends tag + length to each child, and the request is one
``b"".join``: the array payload is copied exactly once. Headers that only depend on sizes,
dtypes and shapes are cached, so a batch of same-shaped datums costs a few dictionary lookups
each.

The bytes parse into the same message as ``proto_codec.encode_forward_backward_request``
builds (tests compare them field by field). Field order follows the field numbers, scalar
fields at their proto3 default are left out, and oneof members are always written (their
presence is part of the message) — the same choices the protobuf serializer makes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from .wire_types import WireChunk, WireDatum, WireTensor

Buffer = bytes | np.ndarray | memoryview
# A message body: its pieces in order and their total size in bytes.
Frame = tuple[list[Buffer], int]

_WIRE_VARINT, _WIRE_FIXED64, _WIRE_LEN = 0, 1, 2
_SMALL_VARINTS = tuple(bytes((n,)) for n in range(128))
_LE: dict[str, np.dtype[Any]] = {"int64": np.dtype("<i8"), "float32": np.dtype("<f4")}
_DTYPE_ENUM = {"float32": 1, "int64": 2}  # tinker_public.proto enum DType
_I4 = np.dtype("<i4")
_I8 = np.dtype("<i8")


def varint(value: int) -> bytes:
    """Base-128 varint; negative values as their 64-bit two's complement (10 bytes), like int64."""
    if 0 <= value < 128:
        return _SMALL_VARINTS[value]
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def tag(field: int, wire_type: int) -> bytes:
    return varint((field << 3) | wire_type)


@lru_cache(maxsize=1024)
def _len_head(field: int, size: int) -> bytes:
    """Tag and length of a length-delimited field (cached: sizes repeat across a batch)."""
    return tag(field, _WIRE_LEN) + varint(size)


def _text(field: int, value: str) -> bytes:
    raw = value.encode()
    return _len_head(field, len(raw)) + raw


def _bytes_field(field: int, raw: bytes) -> bytes:
    return _len_head(field, len(raw)) + raw


def _packed_varints(field: int, values: Sequence[int]) -> bytes:
    if not values:
        return b""
    body = b"".join(varint(int(v)) for v in values)
    return _len_head(field, len(body)) + body


# ---------- chunks ----------


@lru_cache(maxsize=1024)
def _text_chunk_head(nbytes: int) -> bytes:
    # Chunk{ encoded_text(1): EncodedTextChunk{ tokens(1): bytes } }; empty tokens are left
    # out, but the oneof member itself is always present.
    inner = _len_head(1, nbytes) if nbytes else b""
    return _len_head(1, len(inner) + nbytes) + inner


def text_chunk(tokens: np.ndarray) -> Frame:
    """A ``Chunk`` with ``encoded_text``; ``tokens`` is cast to little-endian int32 (the wire type)."""
    packed = np.ascontiguousarray(tokens, dtype=_I4)
    head = _text_chunk_head(packed.nbytes)
    return [head, packed], len(head) + packed.nbytes


def image_chunk(data: bytes, image_format: str, expected_tokens: int | None) -> Frame:
    body = (_bytes_field(1, data) if data else b"") + (_text(2, image_format) if image_format else b"")
    if expected_tokens is not None:  # optional: present even when 0
        body += tag(3, _WIRE_VARINT) + varint(expected_tokens)
    encoded = _len_head(2, len(body)) + body
    return [encoded], len(encoded)


def dmel_chunk(data: bytes) -> Frame:
    body = _bytes_field(1, data) if data else b""
    encoded = _len_head(3, len(body)) + body
    return [encoded], len(encoded)


# ---------- tensors ----------


@lru_cache(maxsize=1024)
def _tensor_tail(dtype: str, shape: tuple[int, ...]) -> bytes:
    return tag(3, _WIRE_VARINT) + varint(_DTYPE_ENUM[dtype]) + _packed_varints(4, shape)


def tensor(
    array: np.ndarray,
    dtype: Literal["int64", "float32"],
    shape: Sequence[int],
    sparse_crow: np.ndarray | Sequence[int] | None = None,
    sparse_col: np.ndarray | Sequence[int] | None = None,
) -> Frame:
    """A ``Tensor``: dense values, or CSR values plus int64 row/column indices."""
    values = np.ascontiguousarray(array, dtype=_LE[dtype])
    tail = _tensor_tail(dtype, tuple(shape))
    if sparse_crow is None:
        head = _len_head(1, values.nbytes)  # oneof member: written even when empty
        return [head, values, tail], len(head) + values.nbytes + len(tail)
    pieces: list[Buffer] = []
    size = 0
    for field, part in (
        (1, values),
        (2, np.ascontiguousarray(sparse_crow, dtype=_I8)),
        (3, np.ascontiguousarray(sparse_col, dtype=_I8)),
    ):
        if part.nbytes:
            head = _len_head(field, part.nbytes)
            pieces += (head, part)
            size += len(head) + part.nbytes
    csr_head = _len_head(2, size)
    return [csr_head, *pieces, tail], len(csr_head) + size + len(tail)


def _named_tensor_field(name: str, frame: Frame) -> Frame:
    """One ``loss_fn_inputs`` map entry (field 2 of Datum): key(1) and value(2)."""
    pieces, size = frame
    key = _text(1, name)
    value_head = _len_head(2, size)
    entry_size = len(key) + len(value_head) + size
    head = _len_head(2, entry_size) + key + value_head
    return [head, *pieces], len(head) + size


# ---------- datums ----------


def provenance_span(
    kind: Literal["prompt_tokens", "sampled_tokens"], sequence_id: str, offset: int, length: int
) -> bytes:
    """A ``ProvenanceSpan`` body: the oneof member (1 = prompt, 2 = sampled) and its fields."""
    body = (
        (_text(1, sequence_id) if sequence_id else b"")
        + (tag(2, _WIRE_VARINT) + varint(offset) if offset else b"")
        + (tag(3, _WIRE_VARINT) + varint(length) if length else b"")
    )
    return _len_head(1 if kind == "prompt_tokens" else 2, len(body)) + body


def datum(
    chunks: Iterable[Frame],
    inputs: Iterable[tuple[str, Frame]],
    model_input_spans: Sequence[bytes] = (),
    loss_fn_input_spans: Sequence[bytes] = (),
) -> Frame:
    """A ``Datum`` from chunk frames, named tensor frames and encoded provenance spans."""
    pieces: list[Buffer] = []
    size = 0
    for chunk_pieces, chunk_size in chunks:
        head = _len_head(1, chunk_size)
        pieces.append(head)
        pieces += chunk_pieces
        size += len(head) + chunk_size
    for name, frame in inputs:
        entry_pieces, entry_size = _named_tensor_field(name, frame)
        pieces += entry_pieces
        size += entry_size
    for field, spans in ((3, model_input_spans), (4, loss_fn_input_spans)):
        for span in spans:
            encoded = _bytes_field(field, span)
            pieces.append(encoded)
            size += len(encoded)
    return pieces, size


# ---------- the request ----------


def _config_fields(loss_fn_config: Mapping[str, float | str]) -> tuple[bytes, bytes]:
    """(legacy map 5, v2 map 7): numbers go to both, strings only to v2 (protocol §8.2)."""
    legacy, v2 = [], []
    for key, value in loss_fn_config.items():
        key_field = _text(1, key)
        if isinstance(value, str):
            config_value = _text(2, value)
        else:
            number = struct.pack("<d", float(value))
            legacy_entry = key_field + tag(2, _WIRE_FIXED64) + number
            legacy.append(_len_head(5, len(legacy_entry)) + legacy_entry)
            config_value = tag(1, _WIRE_FIXED64) + number
        v2_entry = key_field + _len_head(2, len(config_value)) + config_value
        v2.append(_len_head(7, len(v2_entry)) + v2_entry)
    return b"".join(legacy), b"".join(v2)


def forward_backward_request(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    datums: Iterable[Frame],
    forward_only: bool,
) -> bytes:
    """The ``ForwardBackwardRequest`` body from datum frames (see ``datum``)."""
    if not -(1 << 31) <= seq_id < (1 << 31):
        raise ValueError(f"seq_id {seq_id} does not fit the wire's int32")
    head = (_text(1, model_id) if model_id else b"") + (
        tag(2, _WIRE_VARINT) + varint(seq_id) if seq_id else b""
    )
    pieces: list[Buffer] = [head]
    for datum_pieces, datum_size in datums:
        pieces.append(_len_head(3, datum_size))
        pieces += datum_pieces
    legacy, v2 = _config_fields(loss_fn_config or {})
    pieces += (
        _text(4, loss_fn) if loss_fn else b"",
        legacy,
        tag(6, _WIRE_VARINT) + b"\x01" if forward_only else b"",
        v2,
    )
    return b"".join(pieces)  # type: ignore[arg-type]  # ndarrays are buffers (mypy lacks __buffer__)


def compress_zstd(body: bytes, level: int = 3) -> bytes:
    import zstandard  # only when a caller asks for compression

    return zstandard.ZstdCompressor(level=level).compress(body)


# ---------- drop-in for proto_codec.encode_forward_backward_request ----------


def _chunk_frame(chunk: WireChunk) -> Frame:
    if chunk.kind == "encoded_text":
        return text_chunk(chunk.tokens if chunk.tokens is not None else np.zeros(0, _I4))
    if chunk.kind == "image":
        return image_chunk(chunk.data, chunk.format, chunk.expected_tokens)
    return dmel_chunk(chunk.data)


def _wire_tensor_frame(value: WireTensor) -> Frame:
    return tensor(value.array, value.dtype, value.shape, value.sparse_crow, value.sparse_col)


def encode_forward_backward_request(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    data: Sequence[WireDatum],
    forward_only: bool,
) -> bytes:
    """Same arguments and parsed message as ``proto_codec.encode_forward_backward_request``."""
    frames = (
        datum(
            [_chunk_frame(chunk) for chunk in item.chunks],
            [(name, _wire_tensor_frame(value)) for name, value in item.inputs.items()],
        )
        for item in data
    )
    return forward_backward_request(model_id, seq_id, loss_fn, loss_fn_config, frames, forward_only)

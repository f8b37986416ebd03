"""The JSON ``forward_backward`` / ``forward`` request body, written straight to bytes.

The body carries the same JSON value as ``{key: {"data": [convert.datum_json(d), ...],
"loss_fn": ..., "loss_fn_config": ...}, "model_id": ..., "seq_id": ...}`` serialized by
orjson, but is built from byte parts joined once, because nearly all of its cost is the
numbers, and two things make them cheaper than one ``orjson.dumps`` of nested dicts:

- Batching per role. Numpy costs about a microsecond a call, and a chunk holds dozens of
  datums with several arrays each. So every array of one role (all text-chunk tokens; each
  ``loss_fn_inputs`` name and dtype) is concatenated once, checked once (range, and for
  floats the whole-number test) and encoded once; each array then gets a slice of the text.
- Fixed-width slots for small values. JSON allows whitespace before a value, so ``[  7,250]``
  is valid. Small integers (token ids of small vocabularies, 0/1 weights as ints) are looked
  up in a table of right-aligned ``"  7,"`` slots with one ``take`` (several times faster
  than orjson's digit writer). Larger values go through orjson, one call per role on the list
  of arrays, whose text is cut at each ``]`` (numbers never contain one).

One difference from ``datum_json``: a float tensor holding only whole numbers is sent as
integers when every tensor of its role is whole (decided per role, not per tensor). The
receiver casts to the declared dtype, so both forms carry the same values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from ..errors import TinkexValidationError
from ..types import Datum, EncodedTextChunk, TensorData
from .convert import json_values

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
_CLOSE = ord("]")

Piece = bytes | memoryview  # one array's text after its "[": the values, then "]"


def _slot_table(width: int, low: int, high: int) -> npt.NDArray[Any]:
    """Slots for ``0..high`` then ``low..-1``: a negative value indexes from the end, which
    ``take(mode="wrap")`` does without an offset pass. Viewed as one unsigned int a slot."""
    values = [*range(high + 1), *range(low, 0)]
    text = b"".join(f"{v},".rjust(width).encode() for v in values)
    return np.frombuffer(text, dtype=np.dtype(f"u{width}"))


# (lowest, highest, table), narrowest first. 8-byte slots would need a table of 10^7 entries.
_TABLES = [(0, 9, _slot_table(2, 0, 9)), (-99, 999, _slot_table(4, -99, 999))]


def _slot_pieces(values: npt.NDArray[np.int64], ends: list[int], table: npt.NDArray[Any]) -> list[Piece]:
    width = table.dtype.itemsize
    slots = np.empty(values.size, dtype=table.dtype)
    table.take(values, out=slots, mode="wrap")  # in range: checked by the caller
    text = slots.view(np.uint8)
    starts = [0, *ends[:-1]]
    filled = [end for start, end in zip(starts, ends, strict=True) if end > start]
    text[np.asarray(filled, dtype=np.intp) * width - 1] = _CLOSE  # each array's last comma
    view = text.data  # a memoryview of the slots: the pieces are slices, not copies
    return [view[s * width : e * width] if e > s else b"]" for s, e in zip(starts, ends, strict=True)]


def _orjson_pieces(arrays: list[npt.NDArray[Any]]) -> list[Piece]:
    """orjson's text of flat, contiguous arrays: one call on the list (per-array calls cost
    more than finding the "]"s), cut into memoryview slices."""
    text = orjson.dumps(arrays, option=_OPTIONS)
    view = memoryview(text)
    pieces: list[Piece] = []
    at = 2  # past the outer "[" and this array's "["
    for _ in arrays:
        close = text.index(b"]", at) + 1
        pieces.append(view[at:close])
        at = close + 2  # past ",["
    return pieces


def _fits_a_table(values: npt.NDArray[Any]) -> bool:
    return bool(_TABLES[-1][0] <= values.min() and values.max() <= _TABLES[-1][1])


def _role_pieces(arrays: list[npt.NDArray[Any]], dtype: type[np.generic] | None) -> list[Piece]:
    """The text of each array of one role, in order; ``dtype``: the integer type to send."""
    flat = [np.ascontiguousarray(a.ravel(), dtype=dtype) for a in arrays]  # no copy when it fits
    ends: list[int] = []
    total = 0
    for array in flat:
        total += array.size
        ends.append(total)
    if not total:
        return [b"]"] * len(arrays)
    # One array decides for the role when it already rules out the tables (large token ids,
    # fractional floats): then orjson reads the arrays as they are, with no concatenation.
    probe = next(a for a in flat if a.size)
    if json_values(probe).dtype.kind == "f" or (probe.dtype.kind == "i" and not _fits_a_table(probe)):
        return _orjson_pieces(flat)
    values = json_values(np.concatenate(flat))
    if values.dtype.kind == "i":
        lowest, highest = int(values.min()), int(values.max())
        for low, high, table in _TABLES:
            if low <= lowest and highest <= high:
                return _slot_pieces(values, ends, table)
    starts = [0, *ends[:-1]]
    return _orjson_pieces([values[s:e] for s, e in zip(starts, ends, strict=True)])


class _Roles:
    """Arrays grouped by role in the order they appear, then their text in the same order."""

    def __init__(self, data: Sequence[Datum]) -> None:
        tokens: list[npt.NDArray[Any]] = []
        tensors: dict[tuple[str, str], list[npt.NDArray[Any]]] = {}
        for datum in data:
            tokens.extend(c.tokens_np for c in datum.model_input.chunks if isinstance(c, EncodedTextChunk))
            for name, tensor in datum.loss_fn_inputs.items():
                tensors.setdefault((name, tensor.dtype), []).append(tensor._array)
        # Token ids go out as int64 whatever the user's integer dtype (as ``datum_json`` does).
        self.tensors = {role: iter(_role_pieces(arrays, None)) for role, arrays in tensors.items()}
        self.tokens = iter(_role_pieces(tokens, np.int64))
        # The text around a tensor's values is the same for the whole role: written once.
        self.heads = {role: orjson.dumps(role[0]) + b':{"data":[' for role in tensors}
        self.dtypes = {role: b',"dtype":' + orjson.dumps(role[1]) for role in tensors}


def _tensor_parts(parts: list[Piece], name: str, tensor: TensorData, roles: _Roles) -> None:
    role = (name, tensor.dtype)
    parts += [roles.heads[role], next(roles.tensors[role]), roles.dtypes[role]]
    if tensor.shape is not None:
        parts.append(b',"shape":' + orjson.dumps(tensor.shape))
    if tensor.sparse_crow_indices is not None:
        parts.append(b',"sparse_crow_indices":' + orjson.dumps(tensor.sparse_crow_indices))
        parts.append(b',"sparse_col_indices":' + orjson.dumps(tensor.sparse_col_indices or []))
    parts.append(b"}")


def _datum_parts(parts: list[Piece], datum: Datum, roles: _Roles) -> None:
    parts.append(b'{"model_input":{"chunks":[')
    for i, chunk in enumerate(datum.model_input.chunks):
        if i:
            parts.append(b",")
        if isinstance(chunk, EncodedTextChunk):
            parts += [b'{"type":"encoded_text","tokens":[', next(roles.tokens), b"}"]
        else:
            parts.append(orjson.dumps(chunk.to_dict(), option=_OPTIONS))
    parts.append(b']},"loss_fn_inputs":{')
    for i, (name, tensor) in enumerate(datum.loss_fn_inputs.items()):
        if i:
            parts.append(b",")
        _tensor_parts(parts, name, tensor, roles)
    parts.append(b"}}")


def forward_backward_json(
    model_id: str,
    seq_id: int,
    loss_fn: str,
    loss_fn_config: Mapping[str, float | str] | None,
    data: Sequence[Datum],
    forward_only: bool,
) -> bytes:
    """The complete JSON body of a ``forward`` (``forward_only``) or ``forward_backward`` call."""
    key = b"forward_input" if forward_only else b"forward_backward_input"
    try:
        roles = _Roles(data)
        parts: list[Piece] = [b'{"', key, b'":{"data":[']
        for i, datum in enumerate(data):
            if i:
                parts.append(b",")
            _datum_parts(parts, datum, roles)
        parts.append(b'],"loss_fn":' + orjson.dumps(loss_fn))
        if loss_fn_config:
            parts.append(b',"loss_fn_config":' + orjson.dumps(dict(loss_fn_config), option=_OPTIONS))
        parts.append(b'},"model_id":' + orjson.dumps(model_id) + b',"seq_id":' + orjson.dumps(seq_id) + b"}")
        return b"".join(parts)
    except orjson.JSONEncodeError as exc:  # e.g. an int wider than 64 bits in a chunk's fields
        raise TinkexValidationError(f"request body cannot be encoded as JSON: {exc}", field="body") from exc

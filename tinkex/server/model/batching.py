"""Validate datums and pack them into a few fixed shapes.

Compiles dominate on small CPUs, so every program sees one of a handful of shapes: rows come in
micro-batches of 8 (or 1 for a lone datum), lengths are padded to a power of two >= 32 capped at the
model's context, and padding always carries weight 0 so it contributes nothing to loss or gradient.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .api_types import DatumArrays, UserInputError
from .losses import KNOWN_INPUTS, REQUIRED_INPUTS

MICRO_BATCH_ROWS = 8
MIN_LENGTH_BUCKET = 32
_FLOAT_INPUTS = ("weights", "logprobs", "advantages", "sequence_ratio_mask")


def length_bucket(length: int, cap: int) -> int:
    """Smallest power of two >= max(length, 32), but never above ``cap``."""
    bucket = MIN_LENGTH_BUCKET
    while bucket < length:
        bucket *= 2
    return min(bucket, cap)


@dataclass(frozen=True)
class CheckedDatum:
    tokens: np.ndarray  # int32 [N]
    targets: np.ndarray  # int32 [N]
    weights: np.ndarray  # float32 [N]
    logprobs: np.ndarray  # float32 [N]
    advantages: np.ndarray  # float32 [N]
    ratio_mask: np.ndarray  # float32 [N]: GSPO's sequence_ratio_mask, ones when absent


def check_datum(
    index: int, datum: DatumArrays, loss_fn: str, vocab_size: int, max_context: int
) -> CheckedDatum:
    """Every tensor must be 1-D with the input's length; tokens and targets must lie in the vocabulary."""
    where = f"data[{index}]"
    tokens = np.asarray(datum.tokens)
    if tokens.ndim != 1 or tokens.size == 0:
        raise UserInputError(
            f"{where}.model_input must be a non-empty 1-D token list, got shape {tokens.shape}"
        )
    if tokens.size > max_context:
        raise UserInputError(
            f"{where}.model_input has {tokens.size} tokens, more than the model's max_context {max_context}"
        )
    _check_ids(tokens, f"{where}.model_input", vocab_size)
    length = tokens.size
    for key in datum.inputs:
        if key not in KNOWN_INPUTS:
            raise UserInputError(
                f"{where}.loss_fn_inputs.{key} is not supported by the local server "
                f"(known inputs: {', '.join(KNOWN_INPUTS)})"
            )
    for key in REQUIRED_INPUTS[loss_fn]:
        if key not in datum.inputs:
            raise UserInputError(f"{where}.loss_fn_inputs.{key} is required for loss_fn {loss_fn!r}")
    arrays: dict[str, np.ndarray] = {}
    for key, value in datum.inputs.items():
        array = np.asarray(value)
        if array.ndim != 1:
            raise UserInputError(
                f"{where}.loss_fn_inputs.{key} must be 1-D with shape [{length}]; got shape {list(array.shape)} "
                "(2-D targets/weights are not supported by the local server)"
            )
        if array.size != length:
            raise UserInputError(
                f"{where}.loss_fn_inputs.{key} has length {array.size}, expected {length} (the length of model_input)"
            )
        arrays[key] = array
    targets = arrays["target_tokens"]
    _check_ids(targets, f"{where}.loss_fn_inputs.target_tokens", vocab_size)
    floats = {key: _finite_floats(arrays, key, where, length) for key in _FLOAT_INPUTS}
    return CheckedDatum(
        tokens=tokens.astype(np.int32),
        targets=targets.astype(np.int32),
        weights=floats["weights"] if "weights" in arrays else np.ones(length, np.float32),
        logprobs=floats["logprobs"],
        advantages=floats["advantages"],
        ratio_mask=floats["sequence_ratio_mask"]
        if "sequence_ratio_mask" in arrays
        else np.ones(length, np.float32),
    )


def _check_ids(ids: np.ndarray, field_name: str, vocab_size: int) -> None:
    # Integral floats are tolerated (JSON clients sometimes send 3.0); anything else is not an id.
    integral_floats = np.issubdtype(ids.dtype, np.floating) and bool(np.all(np.mod(ids, 1) == 0))
    if not np.issubdtype(ids.dtype, np.integer) and not integral_floats:
        raise UserInputError(f"{field_name} must hold integer token ids, got dtype {ids.dtype}")
    bad = (ids < 0) | (ids >= vocab_size)
    if np.any(bad):
        raise UserInputError(
            f"{field_name} holds token id {int(ids[np.argmax(bad)])} outside the vocabulary [0, {vocab_size})"
        )


def _finite_floats(arrays: dict[str, np.ndarray], key: str, where: str, length: int) -> np.ndarray:
    if key not in arrays:
        return np.zeros(length, np.float32)
    values = arrays[key].astype(np.float32)
    if not np.all(np.isfinite(values)):
        raise UserInputError(f"{where}.loss_fn_inputs.{key} contains NaN or infinite values")
    return values


@dataclass(frozen=True)
class MicroBatch:
    """Padded [rows, length] arrays plus which datums occupy the first ``len(datum_indices)`` rows."""

    datum_indices: list[int]
    lengths: list[int]
    arrays: dict[str, np.ndarray]


def micro_batches(datums: list[CheckedDatum], max_context: int) -> Iterator[MicroBatch]:
    """Chunks of 8 rows; a chunk holding a single datum uses the 1-row shape instead."""
    for start in range(0, len(datums), MICRO_BATCH_ROWS):
        chunk = datums[start : start + MICRO_BATCH_ROWS]
        rows = 1 if len(chunk) == 1 else MICRO_BATCH_ROWS
        length = length_bucket(max(d.tokens.size for d in chunk), max_context)
        arrays = {
            "tokens": np.zeros((rows, length), np.int32),
            "targets": np.zeros((rows, length), np.int32),
            "weights": np.zeros((rows, length), np.float32),
            "logprobs": np.zeros((rows, length), np.float32),
            "advantages": np.zeros((rows, length), np.float32),
            "ratio_mask": np.zeros((rows, length), np.float32),
        }
        for row, datum in enumerate(chunk):
            n = datum.tokens.size
            arrays["tokens"][row, :n] = datum.tokens
            arrays["targets"][row, :n] = datum.targets
            arrays["weights"][row, :n] = datum.weights
            arrays["logprobs"][row, :n] = datum.logprobs
            arrays["advantages"][row, :n] = datum.advantages
            arrays["ratio_mask"][row, :n] = datum.ratio_mask
        yield MicroBatch(
            datum_indices=list(range(start, start + len(chunk))),
            lengths=[d.tokens.size for d in chunk],
            arrays=arrays,
        )

"""Combining the metrics of chunked forward/backward results, with the official reductions.

A large ``forward_backward`` is sent as several chunks; their results are merged into one. Every
metric key is ``name:reduction`` (exactly one colon; anything else raises). The reductions:

* ``mean``   - mean weighted by each chunk's datum count (``0.0`` when the total weight is 0)
* ``sum``, ``min``, ``max`` - over the chunks
* ``slack``  - ``max - weighted mean`` (``0.0`` when the total weight is 0)
* ``hash2``  - the sum of ``int(value)`` masked to uint64 (an order-insensitive fingerprint)
* ``hash_unordered`` - Tinkex's order-insensitive fingerprint: Python's ``hash`` of the sorted
  integer parts. Equal sets give equal hashes within Python; the numbers never match Tinkex's
  (Elixir hashes with the Erlang term hash), only equality within one language is meaningful.
* ``unique`` - every value kept: the first under the key, later ones as ``key_1``, ``key_2``, ...

As in the official SDK, the first chunk decides which keys exist; a key missing from any other
chunk is left out of the result, and a key with an unknown reduction is dropped (a server may add
reductions before the SDK knows them). ``hash_unordered`` is a Tinkex addition the official SDK
does not know (it would drop such keys); keeping it loses nothing official.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import numpy as np

logger = logging.getLogger(__name__)

_UINT64_MASK = 0xFFFF_FFFF_FFFF_FFFF
_T = TypeVar("_T")


def _weighted_mean(values: list[float], weights: list[int]) -> float:
    if sum(weights) == 0:
        return 0.0
    # numpy, so results match the official SDK's np.average to the last bit.
    return float(np.average(values, weights=weights))


def _slack(values: list[float], weights: list[int]) -> float:
    if sum(weights) == 0:
        return 0.0
    return float(max(values) - _weighted_mean(values, weights))


def _hash2(key: str, values: list[float]) -> int:
    total = 0
    for value in values:
        try:
            total += int(value) & _UINT64_MASK
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"metric {key!r}: hash2 needs finite values, got {value!r}") from exc
    return total & _UINT64_MASK


def _hash_unordered(key: str, values: list[float]) -> int:
    try:
        integers = sorted(int(value) for value in values)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"metric {key!r}: hash_unordered needs finite values") from exc
    # Tuples of ints hash the same in every Python process (no hash randomisation for ints).
    return hash(tuple(integers))


_SIMPLE: dict[str, Callable[[list[float]], float]] = {
    "sum": lambda values: np.sum(values).item(),
    "min": lambda values: np.min(values).item(),
    "max": lambda values: np.max(values).item(),
}
REDUCTIONS = frozenset({"mean", "slack", "hash2", "hash_unordered", "unique", *_SIMPLE})


def _split_key(key: str) -> tuple[str, str]:
    parts = key.split(":")
    if len(parts) != 2:
        raise ValueError(f"metric key {key!r} must look like 'name:reduction' with exactly one ':'")
    return parts[0], parts[1]


def reduce_chunk_metrics(chunks: Sequence[tuple[Mapping[str, float], int]]) -> dict[str, float]:
    """Reduce ``(metrics, datum_count)`` per chunk, in chunk order, into one metrics dict."""
    if not chunks:
        return {}
    weights: list[int] = []
    for position, (_, count) in enumerate(chunks):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"chunk {position}: datum count must be an int >= 0, got {count!r}")
        weights.append(count)

    reduced: dict[str, float] = {}
    for key in chunks[0][0]:
        name, reduction = _split_key(key)
        if reduction not in REDUCTIONS:
            logger.debug("Dropping metric %r: unknown reduction %r", name, reduction)
            continue
        if not all(key in metrics for metrics, _ in chunks):
            logger.debug("Dropping metric %r: not reported by every chunk", key)
            continue
        values = [metrics[key] for metrics, _ in chunks]
        if reduction == "mean":
            reduced[key] = _weighted_mean(values, weights)
        elif reduction == "slack":
            reduced[key] = _slack(values, weights)
        elif reduction == "hash2":
            reduced[key] = _hash2(key, values)
        elif reduction == "hash_unordered":
            reduced[key] = _hash_unordered(key, values)
        elif reduction == "unique":
            reduced[key] = values[0]
            reduced.update({f"{key}_{i}": value for i, value in enumerate(values[1:], start=1)})
        else:
            reduced[key] = _SIMPLE[reduction](values)
    return reduced


def combine_forward_backward_outputs(
    outputs: Sequence[tuple[str, Sequence[_T], Mapping[str, float]]],
) -> tuple[str, list[_T], dict[str, float]]:
    """Merge chunk results ``(loss_fn_output_type, loss_fn_outputs, metrics)`` in chunk order.

    The output type comes from the first chunk (a warning is logged when another chunk differs),
    the per-datum outputs are concatenated, and the metrics are reduced with each chunk weighted
    by its number of outputs.
    """
    if not outputs:
        raise ValueError("cannot combine an empty list of forward/backward outputs")
    output_type = outputs[0][0]
    differing = sorted({kind for kind, _, _ in outputs if kind != output_type})
    if differing:
        logger.warning(
            "Chunks disagree on loss_fn_output_type: using %r from the first chunk, others sent %s",
            output_type,
            differing,
        )
    combined = [item for _, chunk_outputs, _ in outputs for item in chunk_outputs]
    metrics = reduce_chunk_metrics(
        [(chunk_metrics, len(chunk_outputs)) for _, chunk_outputs, chunk_metrics in outputs]
    )
    return output_type, combined, metrics

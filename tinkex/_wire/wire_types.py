"""The plain data the protobuf codecs exchange with their callers (protocol.md section 8).

Kept apart from the codec so that code which only needs these shapes never imports the
generated protobuf module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np

WireDType = Literal["int64", "float32"]
StopReason = Literal["stop", "length"]
TopkRows = list[list[tuple[int, float]] | None]

# A (token id, logprob) cell that only pads a top-k matrix; an all-sentinel row means "no entry".
TOPK_SENTINEL_ID = 0
TOPK_SENTINEL_LOGPROB = -99999.0


@dataclass(frozen=True)
class WireTensor:
    """A ``TensorData``: dense ``array`` of ``shape``, or CSR (``array`` holds only the listed values)."""

    array: np.ndarray
    dtype: WireDType
    shape: tuple[int, ...]
    sparse_crow: np.ndarray | None = None
    sparse_col: np.ndarray | None = None

    @property
    def is_sparse(self) -> bool:
        return self.sparse_crow is not None

    def to_dense(self, pad: float = 0) -> np.ndarray:
        """The full array; cells a CSR tensor does not list take ``pad``."""
        if self.sparse_crow is None or self.sparse_col is None:
            return self.array.reshape(self.shape)
        if len(self.shape) != 2:
            raise ValueError(f"a sparse tensor must be 2-D, got shape {list(self.shape)}")
        rows, cols = self.shape
        crow = np.asarray(self.sparse_crow, dtype=np.int64)
        col = np.asarray(self.sparse_col, dtype=np.int64)
        if crow.shape != (rows + 1,) or col.shape != self.array.shape or crow[-1] != col.size:
            raise ValueError("sparse tensor: crow needs rows+1 entries and col one entry per value")
        if col.size and (col.min() < 0 or col.max() >= cols or np.any(np.diff(crow) < 0)):
            raise ValueError("sparse tensor: column or row indices out of range")
        dense = np.full(self.shape, pad, dtype=self.array.dtype)
        row_of_value = np.repeat(np.arange(rows), np.diff(crow))
        dense[row_of_value, col] = self.array
        return dense


@dataclass(frozen=True)
class WireChunk:
    """One ``model_input`` chunk: ``encoded_text`` (int32 ``tokens``), ``image`` or ``dmel`` bytes."""

    kind: Literal["encoded_text", "image", "dmel"]
    tokens: np.ndarray | None = None
    data: bytes = b""
    format: str = ""
    expected_tokens: int | None = None

    @classmethod
    def text(cls, tokens: Sequence[int] | np.ndarray) -> WireChunk:
        return cls(kind="encoded_text", tokens=np.asarray(tokens, dtype=np.int32))


@dataclass(frozen=True)
class WireSpan:
    """A provenance run: ``kind`` is ``prompt_tokens`` or ``sampled_tokens`` (request only)."""

    kind: Literal["prompt_tokens", "sampled_tokens"]
    sequence_id: str
    offset: int
    length: int


@dataclass(frozen=True)
class WireDatum:
    chunks: list[WireChunk]
    inputs: dict[str, WireTensor]
    model_input_spans: tuple[WireSpan, ...] = ()
    loss_fn_input_spans: tuple[WireSpan, ...] = ()


@dataclass(frozen=True)
class ForwardBackwardRequestData:
    model_id: str
    seq_id: int
    loss_fn: str
    loss_fn_config: dict[str, float | str]
    forward_only: bool
    data: list[WireDatum]


class ForwardBackwardOutputData(NamedTuple):
    loss_fn_output_type: str
    loss_fn_outputs: list[dict[str, np.ndarray]]
    metrics: dict[str, float]


@dataclass(frozen=True)
class WireSampledSequence:
    tokens: np.ndarray
    logprobs: np.ndarray | None
    stop_reason: StopReason
    topk_logprobs: TopkRows | None = None


@dataclass(frozen=True)
class WireSampleResponse:
    sequences: list[WireSampledSequence]
    prompt_logprobs: list[float | None] | None
    topk_prompt_logprobs: TopkRows | None
    prompt_cache_hit_tokens: int = 0
    target_prompt_logprobs: WireTensor | None = None
    prompt_alt_tokens: tuple[WireTensor, WireTensor] | None = None

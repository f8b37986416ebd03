"""The protobuf ``SampleResponse`` body (protocol.md section 8): sampled sequences, prompt
logprobs with NaN for "not computed", and top-k matrices padded with sentinels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from tinker_proto import tinker_public_pb2 as pb

from .proto_tensors import read_tensor
from .wire_types import (
    TOPK_SENTINEL_ID,
    TOPK_SENTINEL_LOGPROB,
    TopkRows,
    WireSampledSequence,
    WireSampleResponse,
)

__all__ = ["decode_sample_response", "encode_sample_response", "optional_floats", "topk_rows"]

_STOP_REASON_TO_PB = {"stop": pb.STOP_REASON_STOP, "length": pb.STOP_REASON_LENGTH}


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
        target_prompt_logprobs=read_tensor(msg.target_prompt_logprobs)
        if msg.HasField("target_prompt_logprobs")
        else None,
        prompt_alt_tokens=(read_tensor(alt.tokens), read_tensor(alt.logprobs))
        if msg.HasField("prompt_alt_tokens")
        else None,
    )

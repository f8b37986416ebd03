"""KV-cache sampling: prefill and the whole decode loop run as one compiled program.

Everything that varies per request (temperature, top-k, top-p, stop tokens, seeds, max_tokens) is a
traced value; only the padded shapes (rows, prompt bucket, max_tokens bucket, stop-list size) select a
program. The loop exits early once every row has produced a stop token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from .api_types import SampledSeq, SampleRequestArrays, UserInputError
from .batching import length_bucket
from .catalog import EOS_ID, SPECIAL_TOKENS, ModelSpec
from .transformer import BaseParams, LoraParams, decode_step, forward

MIN_NEW_TOKENS_BUCKET = 16
MIN_STOP_SLOTS = 8


def _power_of_two_at_least(value: int, floor: int) -> int:
    bucket = floor
    while bucket < value:
        bucket *= 2
    return bucket


def _filter_top_k_top_p(scaled: jax.Array, top_k: jax.Array, top_p: jax.Array) -> jax.Array:
    """Mask logits outside the top-k, then outside the smallest prefix whose mass reaches top_p.

    One descending sort serves both filters: masking the top-k keeps the sorted order, so the nucleus
    is computed on the same sorted row. The most likely token always survives.
    """
    vocab = scaled.shape[-1]
    descending = -jnp.sort(-scaled, axis=-1)
    in_top_k = jnp.arange(vocab) < jnp.where(top_k > 0, top_k, vocab)
    sorted_probs = jax.nn.softmax(jnp.where(in_top_k, descending, -jnp.inf), axis=-1)
    in_nucleus = (jnp.cumsum(sorted_probs, axis=-1) - sorted_probs) < top_p
    kept = in_top_k & (in_nucleus | (top_p >= 1.0))
    smallest_kept = jnp.min(jnp.where(kept, descending, jnp.inf), axis=-1, keepdims=True)
    return jnp.where(scaled >= smallest_kept, scaled, -jnp.inf)


def choose_tokens(
    logits: jax.Array, keys: jax.Array, temperature: jax.Array, top_k: jax.Array, top_p: jax.Array
) -> jax.Array:
    """Greedy when temperature <= 0, else sample from the tempered, top-k then top-p filtered logits."""

    def sample(logits: jax.Array) -> jax.Array:
        scaled = logits / temperature
        # The sort behind the filters costs more than the rest of a decode step, so skip it when unused.
        filtered = jax.lax.cond(
            (top_k > 0) | (top_p < 1.0), _filter_top_k_top_p, lambda x, _k, _p: x, scaled, top_k, top_p
        )
        return jax.vmap(jax.random.categorical)(keys, filtered).astype(jnp.int32)

    def greedy(logits: jax.Array) -> jax.Array:
        return jnp.argmax(logits, axis=-1).astype(jnp.int32)

    return jax.lax.cond(temperature > 0, sample, greedy, logits)


def make_sample_program(n_heads: int) -> Any:
    """The jitted prefill + decode loop for a model with ``n_heads`` heads."""

    def program(
        base: BaseParams,
        lora: LoraParams,
        prompt: jax.Array,  # int32 [prompt bucket]
        prompt_len: jax.Array,
        row_seeds: jax.Array,  # uint32 [rows]
        stop_ids: jax.Array,  # int32 [stop slots], -1 = empty slot
        controls: jax.Array,  # float32 [temperature, top_k, top_p]
        max_tokens: jax.Array,
        new_tokens_bucket: int,
    ) -> dict[str, jax.Array]:
        rows = row_seeds.shape[0]
        logits, keys, values = forward(base, lora, prompt[None], n_heads)
        prompt_logprobs = jax.nn.log_softmax(logits[0], axis=-1)
        # Rows share the prompt: prefill once, then copy its K/V into every row of a longer cache.
        cache_shape = (rows, prompt.shape[0] + new_tokens_bucket, *keys[0].shape[2:])

        def row_cache(prefilled: jax.Array) -> jax.Array:
            return jnp.zeros(cache_shape, jnp.float32).at[:, : prompt.shape[0]].set(prefilled)

        cache_k = tuple(row_cache(k) for k in keys)
        cache_v = tuple(row_cache(v) for v in values)
        next_logits = jnp.broadcast_to(logits[0, prompt_len - 1], (rows, logits.shape[-1]))
        base_keys = jax.vmap(jax.random.PRNGKey)(row_seeds)
        temperature, top_k, top_p = controls[0], controls[1].astype(jnp.int32), controls[2]

        def not_finished(state: dict[str, Any]) -> jax.Array:
            return (state["step"] < max_tokens) & ~jnp.all(state["stopped"])

        def one_token(state: dict[str, Any]) -> dict[str, Any]:
            step = state["step"]
            step_keys = jax.vmap(jax.random.fold_in, in_axes=(0, None))(base_keys, step)
            token = choose_tokens(state["logits"], step_keys, temperature, top_k, top_p)
            raw_logprobs = jax.nn.log_softmax(state["logits"], axis=-1)
            token_logprob = jnp.take_along_axis(raw_logprobs, token[:, None], axis=-1)[:, 0]
            hit_stop = jnp.any(token[:, None] == stop_ids[None, :], axis=-1) & ~state["stopped"]
            live = ~state["stopped"]
            new_logits, new_k, new_v = decode_step(
                base, lora, token, prompt_len + step, state["cache_k"], state["cache_v"], n_heads
            )
            return {
                "step": step + 1,
                "logits": new_logits,
                "cache_k": new_k,
                "cache_v": new_v,
                "tokens": state["tokens"].at[:, step].set(jnp.where(live, token, 0)),
                "logprobs": state["logprobs"].at[:, step].set(jnp.where(live, token_logprob, 0.0)),
                "lengths": jnp.where(live, step + 1, state["lengths"]),
                "stopped": state["stopped"] | hit_stop,
            }

        initial: dict[str, Any] = {
            "step": jnp.asarray(0, jnp.int32),
            "logits": next_logits,
            "cache_k": cache_k,
            "cache_v": cache_v,
            "tokens": jnp.zeros((rows, new_tokens_bucket), jnp.int32),
            "logprobs": jnp.zeros((rows, new_tokens_bucket), jnp.float32),
            "lengths": jnp.zeros((rows,), jnp.int32),
            "stopped": jnp.zeros((rows,), bool),
        }
        final: dict[str, Any] = jax.lax.while_loop(not_finished, one_token, initial)
        return {
            "tokens": final["tokens"],
            "logprobs": final["logprobs"],
            "lengths": final["lengths"],
            "stopped": final["stopped"],
            "prompt_logprobs": prompt_logprobs,
        }

    return jax.jit(program, static_argnames=("new_tokens_bucket",))


@dataclass(frozen=True)
class PreparedSample:
    """Host-side, validated and padded arguments of one sampling program run."""

    prompt: np.ndarray
    row_seeds: np.ndarray
    stop_ids: np.ndarray
    controls: np.ndarray
    new_tokens_bucket: int


def prepare_sample(req: SampleRequestArrays, spec: ModelSpec) -> PreparedSample:
    prompt = np.asarray(req.prompt)
    if prompt.ndim != 1 or prompt.size == 0:
        raise UserInputError("prompt must contain at least one token")
    if np.any((prompt < 0) | (prompt >= spec.vocab_size)):
        raise UserInputError(f"prompt holds a token id outside the vocabulary [0, {spec.vocab_size})")
    if req.num_samples < 1:
        raise UserInputError(f"num_samples must be at least 1, got {req.num_samples}")
    if req.max_tokens < 1:
        raise UserInputError(f"sampling_params.max_tokens must be at least 1, got {req.max_tokens}")
    if prompt.size + req.max_tokens > spec.max_context:
        raise UserInputError(
            f"prompt length {prompt.size} + sampling_params.max_tokens {req.max_tokens} exceeds the "
            f"model's max_context {spec.max_context}"
        )
    if not np.isfinite(req.temperature) or req.temperature < 0:
        raise UserInputError(f"sampling_params.temperature must be >= 0, got {req.temperature}")
    if req.top_k < -1:
        raise UserInputError(f"sampling_params.top_k must be -1 (no limit) or positive, got {req.top_k}")
    if not 0 < req.top_p <= 1:
        raise UserInputError(f"sampling_params.top_p must be in (0, 1], got {req.top_p}")
    if not 0 <= req.topk_prompt_logprobs <= spec.vocab_size:
        raise UserInputError(f"topk_prompt_logprobs must be between 0 and {spec.vocab_size}")
    stops = [EOS_ID] if req.stop_tokens is None else list(req.stop_tokens)
    if any(not 0 <= s < spec.vocab_size for s in stops):
        raise UserInputError(f"sampling_params.stop holds a token id outside [0, {spec.vocab_size})")
    if any(s == "" for s in req.stop_strings or []):
        raise UserInputError("sampling_params.stop holds an empty string")
    stop_ids = np.full(_power_of_two_at_least(len(stops), MIN_STOP_SLOTS), -1, np.int32)
    stop_ids[: len(stops)] = stops
    seed = secrets.randbits(32) if req.seed is None else req.seed
    rows = _power_of_two_at_least(req.num_samples, 1)
    padded_prompt = np.zeros(length_bucket(prompt.size, spec.max_context), np.int32)
    padded_prompt[: prompt.size] = prompt
    return PreparedSample(
        prompt=padded_prompt,
        # Row i uses seed + i (reduced to 32 bits, the PRNG's seed width).
        row_seeds=np.array([(seed + i) % 2**32 for i in range(rows)], dtype=np.uint32),
        stop_ids=stop_ids,
        controls=np.array([req.temperature, req.top_k, req.top_p], dtype=np.float32),
        new_tokens_bucket=_power_of_two_at_least(req.max_tokens, MIN_NEW_TOKENS_BUCKET),
    )


def token_bytes(token: int) -> bytes:
    """Ids below 256 are bytes; specials decode to their literal text, like a tokenizer's decode."""
    return bytes([token]) if token < 256 else SPECIAL_TOKENS.get(token, "").encode()


def apply_stop_strings(seq: SampledSeq, stop_strings: list[str]) -> SampledSeq:
    """Cut after the token that completes the earliest stop string (matched on decoded bytes)."""
    if not stop_strings or seq.tokens.size == 0:
        return seq
    pieces = [token_bytes(int(t)) for t in seq.tokens]
    text = b"".join(pieces)
    ends = [found + len(s.encode()) for s in stop_strings if (found := text.find(s.encode())) >= 0]
    if not ends:
        return seq
    ends_of_tokens = np.cumsum([len(p) for p in pieces])
    keep = int(np.searchsorted(ends_of_tokens, min(ends))) + 1
    return SampledSeq(tokens=seq.tokens[:keep], logprobs=seq.logprobs[:keep], stop_reason="stop")


def prompt_logprob_outputs(
    prompt: np.ndarray, logprob_table: np.ndarray, topk: int
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """Logprob of each prompt token given its prefix (NaN first) and optional per-position top-k."""
    n = prompt.size
    chosen = np.full(n, np.nan, np.float32)
    chosen[1:] = logprob_table[np.arange(n - 1), prompt[1:]]
    if topk == 0:
        return chosen, None
    ids = np.zeros((n, topk), np.int32)
    values = np.full((n, topk), np.nan, np.float32)
    order = np.argsort(-logprob_table[: n - 1], axis=-1, kind="stable")[:, :topk]
    ids[1:] = order
    values[1:] = np.take_along_axis(logprob_table[: n - 1], order, axis=-1)
    return chosen, (ids, values)

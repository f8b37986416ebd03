"""The seven built-in losses with Tinker's semantics (summed, never normalised), and their config checks.

Notation: lp = learner logprob of the target token, q = the ``logprobs`` input (the sampler's),
A = ``advantages``, w = ``weights`` (ones when absent; multiplies every loss), r = exp(lp - q),
sg = stop-gradient, m = ``sequence_ratio_mask`` (every token of the datum when absent).

| loss                | elementwise_loss                           | config (default)                     |
| cross_entropy       | -lp * w                                    | none                                 |
| importance_sampling | -r * A * w                                 | none                                 |
| ppo                 | -min(r*A, clip(r, lo, hi)*A) * w           | clip_low/high_threshold (0.8, 1.2)   |
| cispo               | -stopgrad(clip(r, lo, hi)) * lp * A * w    | clip_low/high_threshold (0.0, 4.0)   |
| dro                 | -(lp*A - beta/2 * (lp - q)^2) * w          | beta (0.05, our choice: undocumented) |
| gspo                | -min(s_t*A, clip(s_t, lo, hi)*A) * w       | clip_low/high_threshold (0.9997, 1.0004) |
| stable_reinforce    | (-sg(min(r, hi)) * lp * A + kl_coeff * m * ((r - 1) - log r)) * w | clip_high_threshold (2.0), kl_coeff (0.0) |

GSPO (token variant, as the public Tinker docs describe it): s = exp(mean over m of sg(lp) - q), the
sequence's geometric-mean ratio, and s_t = s * exp(lp - sg(lp)): every token carries s's value and
its own logprob's gradient. Its default band is the GSPO paper's (epsilons 3e-4 / 4e-4).
StableReinforce's exact objective is not public: the local server's is REINFORCE weighted by the
truncated, stop-gradient importance ratio (never above ``clip_high_threshold``) plus an optional
k3 penalty, kl_coeff * ((r - 1) - log r) >= 0, that pulls the learner back towards the sampler.
The sampler logprobs are the datum's ``logprobs``, or (without them) the ones recorded at sampling time
for the sequences its provenance spans name; then m marks the sampled positions (sampled_sequences).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .api_types import UserInputError

LOSS_NAMES: tuple[str, ...] = (
    "cross_entropy",
    "importance_sampling",
    "ppo",
    "cispo",
    "dro",
    "gspo",
    "stable_reinforce",
)
# Order of the traced config vector handed to the compiled program.
CONFIG_KEYS: tuple[str, ...] = ("clip_low_threshold", "clip_high_threshold", "beta", "kl_coeff")
LOSS_CONFIG_DEFAULTS: dict[str, dict[str, float]] = {
    "cross_entropy": {},
    "importance_sampling": {},
    "ppo": {"clip_low_threshold": 0.8, "clip_high_threshold": 1.2},
    "cispo": {"clip_low_threshold": 0.0, "clip_high_threshold": 4.0},
    "dro": {"beta": 0.05},
    "gspo": {"clip_low_threshold": 1.0 - 3e-4, "clip_high_threshold": 1.0 + 4e-4},
    "stable_reinforce": {"clip_high_threshold": 2.0, "kl_coeff": 0.0},
}
_RL_INPUTS = ("target_tokens", "logprobs", "advantages")
REQUIRED_INPUTS: dict[str, tuple[str, ...]] = {
    "cross_entropy": ("target_tokens",),
    "importance_sampling": _RL_INPUTS,
    "ppo": _RL_INPUTS,
    "cispo": _RL_INPUTS,
    "dro": _RL_INPUTS,
    "gspo": _RL_INPUTS,
    "stable_reinforce": _RL_INPUTS,
}
KNOWN_INPUTS: tuple[str, ...] = ("target_tokens", "weights", "logprobs", "advantages", "sequence_ratio_mask")


def resolve_loss(loss_fn: str, loss_fn_config: dict[str, float] | None) -> tuple[int, np.ndarray]:
    """Check the loss name and config keys; return the switch index and the full config vector."""
    if loss_fn not in LOSS_CONFIG_DEFAULTS:
        raise UserInputError(f"loss_fn {loss_fn!r} is not supported; expected one of {', '.join(LOSS_NAMES)}")
    defaults = LOSS_CONFIG_DEFAULTS[loss_fn]
    values = dict(defaults)
    for key, value in (loss_fn_config or {}).items():
        if key not in defaults:
            allowed = ", ".join(defaults) or "none"
            raise UserInputError(
                f"loss_fn_config.{key} is not a config key of loss_fn {loss_fn!r} (allowed: {allowed})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise UserInputError(f"loss_fn_config.{key} must be a finite number, got {value!r}")
        values[key] = float(value)
    low, high = values.get("clip_low_threshold"), values.get("clip_high_threshold")
    if low is not None and high is not None and low > high:
        raise UserInputError(
            f"loss_fn_config.clip_low_threshold ({low}) must not exceed clip_high_threshold ({high})"
        )
    vector = np.array([values.get(key, 0.0) for key in CONFIG_KEYS], dtype=np.float32)
    return LOSS_NAMES.index(loss_fn), vector


def elementwise_loss(
    loss_index: jax.Array,
    config: jax.Array,
    lp: jax.Array,
    sampler_lp: jax.Array,
    advantages: jax.Array,
    weights: jax.Array,
    ratio_mask: jax.Array,
) -> jax.Array:
    """Per-token loss for the loss chosen by a *traced* index, so one compile serves all seven.

    Arrays are [rows, length]; ``ratio_mask`` is 0 on padding, so GSPO's per-row mean sees only
    the datum's own tokens.
    """
    low, high, beta, kl_coeff = config[0], config[1], config[2], config[3]

    def cross_entropy() -> jax.Array:
        return -lp

    def importance_sampling() -> jax.Array:
        return -jnp.exp(lp - sampler_lp) * advantages

    def ppo() -> jax.Array:
        ratio = jnp.exp(lp - sampler_lp)
        return -jnp.minimum(ratio * advantages, jnp.clip(ratio, low, high) * advantages)

    def cispo() -> jax.Array:
        ratio = jax.lax.stop_gradient(jnp.exp(lp - sampler_lp))
        return -jnp.clip(ratio, low, high) * lp * advantages

    def dro() -> jax.Array:
        return -(lp * advantages - 0.5 * beta * jnp.square(lp - sampler_lp))

    def gspo() -> jax.Array:
        frozen = jax.lax.stop_gradient(lp)
        in_ratio = (ratio_mask != 0).astype(lp.dtype)
        count = jnp.maximum(jnp.sum(in_ratio, axis=-1, keepdims=True), 1.0)
        log_seq_ratio = jnp.sum((frozen - sampler_lp) * in_ratio, axis=-1, keepdims=True) / count
        ratio = jnp.exp(log_seq_ratio + lp - frozen)
        return -jnp.minimum(ratio * advantages, jnp.clip(ratio, low, high) * advantages)

    def stable_reinforce() -> jax.Array:
        log_ratio = lp - sampler_lp
        ratio = jnp.exp(log_ratio)
        weight = jax.lax.stop_gradient(jnp.minimum(ratio, high))
        penalty = kl_coeff * ((ratio - 1.0) - log_ratio) * (ratio_mask != 0)
        return -weight * lp * advantages + penalty

    branches = (cross_entropy, importance_sampling, ppo, cispo, dro, gspo, stable_reinforce)
    return jax.lax.switch(loss_index, branches) * weights

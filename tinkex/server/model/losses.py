"""The five built-in losses with Tinker's semantics (summed, never normalised), and their config checks.

Notation: lp = learner logprob of the target token, q = the ``logprobs`` input (the sampler's),
A = ``advantages``, w = ``weights`` (ones when absent; multiplies every loss), r = exp(lp - q).

| loss                | elementwise_loss                           | config (default)                     |
| cross_entropy       | -lp * w                                    | none                                 |
| importance_sampling | -r * A * w                                 | none                                 |
| ppo                 | -min(r*A, clip(r, lo, hi)*A) * w           | clip_low/high_threshold (0.8, 1.2)   |
| cispo               | -stopgrad(clip(r, lo, hi)) * lp * A * w    | clip_low/high_threshold (0.0, 4.0)   |
| dro                 | -(lp*A - beta/2 * (lp - q)^2) * w          | beta (0.05, our choice: undocumented) |
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .api_types import UserInputError

LOSS_NAMES: tuple[str, ...] = ("cross_entropy", "importance_sampling", "ppo", "cispo", "dro")
# Order of the traced config vector handed to the compiled program.
CONFIG_KEYS: tuple[str, ...] = ("clip_low_threshold", "clip_high_threshold", "beta")
LOSS_CONFIG_DEFAULTS: dict[str, dict[str, float]] = {
    "cross_entropy": {},
    "importance_sampling": {},
    "ppo": {"clip_low_threshold": 0.8, "clip_high_threshold": 1.2},
    "cispo": {"clip_low_threshold": 0.0, "clip_high_threshold": 4.0},
    "dro": {"beta": 0.05},
}
_RL_INPUTS = ("target_tokens", "logprobs", "advantages")
REQUIRED_INPUTS: dict[str, tuple[str, ...]] = {
    "cross_entropy": ("target_tokens",),
    "importance_sampling": _RL_INPUTS,
    "ppo": _RL_INPUTS,
    "cispo": _RL_INPUTS,
    "dro": _RL_INPUTS,
}
KNOWN_INPUTS: tuple[str, ...] = ("target_tokens", "weights", "logprobs", "advantages")


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
) -> jax.Array:
    """Per-token loss for the loss chosen by a *traced* index, so one compile serves all five."""
    low, high, beta = config[0], config[1], config[2]

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

    branches = (cross_entropy, importance_sampling, ppo, cispo, dro)
    return jax.lax.switch(loss_index, branches) * weights

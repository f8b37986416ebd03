"""AdamW with decoupled weight decay and optional global-norm clipping, built from optax.

The hyperparameters arrive with every optim_step request, so they are *traced* values: the optax
transformation is rebuilt inside the compiled function, and one program serves every setting. The
optimizer state's structure does not depend on the values, so it is initialised once with defaults.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import optax

from .api_types import AdamSettings, UserInputError
from .transformer import LoraParams

OptState = Any


def _transform(hyper: jax.Array) -> optax.GradientTransformation:
    learning_rate, beta1, beta2, eps, weight_decay, clip_norm = (hyper[i] for i in range(6))
    # clip_by_global_norm leaves gradients alone when their norm is below the bound, so an infinite
    # bound expresses Tinker's "grad_clip_norm = 0 means off" without a second program.
    bound = jnp.where(clip_norm > 0, clip_norm, jnp.inf)
    return optax.chain(
        optax.clip_by_global_norm(bound),
        optax.adamw(learning_rate=learning_rate, b1=beta1, b2=beta2, eps=eps, weight_decay=weight_decay),
    )


def init_opt_state(params: LoraParams) -> OptState:
    return _transform(jnp.asarray(hyper_vector(AdamSettings()))).init(params)


def hyper_vector(adam: AdamSettings) -> np.ndarray:
    values = {
        "learning_rate": adam.learning_rate,
        "beta1": adam.beta1,
        "beta2": adam.beta2,
        "eps": adam.eps,
        "weight_decay": adam.weight_decay,
        "grad_clip_norm": adam.grad_clip_norm,
    }
    for key, value in values.items():
        if not np.isfinite(value) or value < 0:
            raise UserInputError(f"adam_params.{key} must be a finite number >= 0, got {value}")
    for key in ("beta1", "beta2"):
        if values[key] >= 1:
            raise UserInputError(f"adam_params.{key} must be below 1, got {values[key]}")
    return np.array(list(values.values()), dtype=np.float32)


@jax.jit
def adamw_step(
    params: LoraParams, opt_state: OptState, grads: LoraParams, hyper: jax.Array
) -> tuple[LoraParams, OptState, jax.Array]:
    """Apply one AdamW update; returns (new params, new state, global grad norm before clipping).

    Nothing is donated: snapshots for sampling may hold the very arrays passed in as ``params``.
    """
    updates, new_state = _transform(hyper).update(grads, opt_state, params)
    return optax.apply_updates(params, updates), new_state, optax.tree.norm(grads)


def opt_state_to_arrays(state: OptState) -> dict[str, np.ndarray]:
    return {f"opt.{i:04d}": np.asarray(leaf) for i, leaf in enumerate(jax.tree_util.tree_leaves(state))}


def opt_state_from_arrays(arrays: dict[str, np.ndarray], params: LoraParams) -> OptState:
    """Refill a fresh state's structure; shapes must match leaf for leaf."""
    template = init_opt_state(params)
    leaves, treedef = jax.tree_util.tree_flatten(template)
    if len(arrays) != len(leaves):
        raise UserInputError(
            f"checkpoint optimizer state has {len(arrays)} arrays, expected {len(leaves)} for this adapter"
        )
    restored = []
    for i, leaf in enumerate(leaves):
        saved = arrays.get(f"opt.{i:04d}")
        if saved is None or saved.shape != leaf.shape or saved.dtype != leaf.dtype:
            raise UserInputError(f"checkpoint optimizer state array {i} does not match this adapter's layout")
        restored.append(jnp.asarray(saved))
    return jax.tree_util.tree_unflatten(treedef, restored)

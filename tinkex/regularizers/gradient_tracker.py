"""Gradient norms of the base loss, each regularizer and the total (LOSS-14…LOSS-16).

The norm is the L2 norm over every element of every per-datum logprob array,
``sqrt(Σ g²)``, of the gradient of the (summed) loss. When JAX cannot differentiate a term
(plain numpy code, ``float(x)``...) the norm is reported as 0.0 with a warning instead of
failing the pipeline: these norms are diagnostics, not part of the loss.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from ..custom_loss import require_jax, split_loss_output
from ..types import Datum
from .spec import RegularizerSpec, call_regularizer

__all__ = ["grad_norm", "grad_norm_for_regularizer", "regularizer_value", "total_grad_norm"]

logger = logging.getLogger(__name__)


def grad_norm(loss_fn: Callable[[Any], Any], x: Any) -> float:
    """``‖∇ loss_fn(x)‖₂``; ``x`` is one array (any rank) or a list of arrays.

    ``loss_fn`` returns a scalar, an array (summed) or ``(loss, metrics)``.
    """
    jax, jnp = require_jax("gradient norms")
    inputs = (
        [jnp.asarray(a, dtype=jnp.float32) for a in x]
        if isinstance(x, (list, tuple))
        else jnp.asarray(x, dtype=jnp.float32)
    )

    def scalar(v: Any) -> Any:
        loss, _ = split_loss_output(loss_fn(list(v) if isinstance(v, list) else v))
        return jnp.sum(jnp.asarray(loss))

    grads = jax.grad(scalar)(inputs)
    leaves = jax.tree_util.tree_leaves(grads)
    return float(jnp.sqrt(sum(jnp.sum(jnp.square(g)) for g in leaves)))


def regularizer_value(spec: RegularizerSpec, data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
    """The regularizer's value as a JAX scalar (an array result is summed); differentiable."""
    _, jnp = require_jax("regularizers")
    value, _ = split_loss_output(call_regularizer(spec.fn, data, logprobs, spec.options), spec.name)
    return jnp.sum(jnp.asarray(value))


def _safe_norm(what: str, loss_fn: Callable[[Any], Any], logprobs: Sequence[Any]) -> float:
    try:
        return grad_norm(loss_fn, list(logprobs))
    except Exception as exc:
        warnings.warn(
            f"Gradient computation failed for {what}: {type(exc).__name__}: {exc}; reporting 0.0",
            RuntimeWarning,
            stacklevel=3,
        )
        logger.debug("gradient norm of %s failed", what, exc_info=True)
        return 0.0


def grad_norm_for_regularizer(spec: RegularizerSpec, data: Sequence[Datum], logprobs: Sequence[Any]) -> float:
    """Unweighted ``‖∇ value‖₂`` of one regularizer; 0.0 with a warning when not differentiable."""
    return _safe_norm(spec.name, lambda lps: regularizer_value(spec, data, lps), logprobs)


def total_grad_norm(
    base_loss_fn: Callable[..., Any],
    specs: Sequence[RegularizerSpec],
    data: Sequence[Datum],
    logprobs: Sequence[Any],
) -> float:
    """``‖∇(base + Σ wᵢ·rᵢ)‖₂``; with no specs it equals the base loss's norm."""
    _, jnp = require_jax("gradient norms")

    def total(lps: list[Any]) -> Any:
        base, _ = split_loss_output(base_loss_fn(data, lps), "base_loss_fn")
        out = jnp.sum(jnp.asarray(base))
        for spec in specs:
            out = out + spec.weight * regularizer_value(spec, data, lps)
        return out

    return _safe_norm("the total loss", total, logprobs)

"""Ready-made regularizers (LATER-04), written with ``jax.numpy`` so they differentiate and jit.

Each factory returns a function ``fn(data, logprobs) -> scalar`` for ``RegularizerSpec.fn``.
``logprobs`` is the list of per-datum arrays from the forward pass: usually 1-D, the model's
log-probability ``x_t`` of each target token. Where a regularizer says "distribution", an
array of rank >= 2 is read as one distribution per row along its last axis.
Below, ``x`` is all per-datum arrays flattened and joined, ``p = exp(x)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from ..custom_loss import require_jax, split_loss_output
from ..errors import TinkexValidationError
from ..types import Datum

__all__ = [
    "consistency",
    "elastic_net",
    "entropy",
    "gradient_penalty",
    "kl_divergence",
    "l1",
    "l2",
    "orthogonality",
]

RegularizerFn = Callable[[Sequence[Datum], Sequence[Any]], Any]
Target = Literal["logprobs", "probs"]
Reduction = Literal["sum", "mean"]


def _choice(value: str, allowed: tuple[str, ...], field: str) -> None:
    if value not in allowed:
        raise TinkexValidationError(f"{field} must be one of {list(allowed)}, got {value!r}", field=field)


def _flat_target(logprobs: Sequence[Any], target: str) -> Any:
    _, jnp = require_jax("regularizers")
    x = jnp.concatenate([jnp.ravel(jnp.asarray(lp, dtype=jnp.float32)) for lp in logprobs])
    return jnp.exp(x) if target == "probs" else x


def _reduce(values: Any, reduction: str) -> Any:
    _, jnp = require_jax("regularizers")
    return jnp.mean(values) if reduction == "mean" else jnp.sum(values)


def _field_arrays(data: Sequence[Datum], logprobs: Sequence[Any], field: str) -> list[Any]:
    """Per-datum arrays from ``loss_fn_inputs[field]``, each shaped like that datum's logprobs."""
    _, jnp = require_jax("regularizers")
    out = []
    for i, (datum, lp) in enumerate(zip(data, logprobs, strict=True)):
        tensor = datum.loss_fn_inputs.get(field)
        if tensor is None:
            raise TinkexValidationError(
                f"data[{i}].loss_fn_inputs has no {field!r}, which this regularizer reads", field=field
            )
        array = jnp.asarray(tensor.to_numpy(), dtype=jnp.float32)
        if array.shape != jnp.shape(lp):
            raise TinkexValidationError(
                f"data[{i}].loss_fn_inputs[{field!r}] has shape {array.shape}, logprobs have {jnp.shape(lp)}",
                field=field,
            )
        out.append(array)
    return out


def l1(*, target: Target = "logprobs", reduction: Reduction = "sum") -> RegularizerFn:
    """L1: ``R = Σ |t|`` (``mean`` divides by the count), ``t = x`` or ``t = p`` (``target``).

    On logprobs it pulls every target token's logprob towards 0, i.e. towards probability 1.
    """
    _choice(target, ("logprobs", "probs"), "target")
    _choice(reduction, ("sum", "mean"), "reduction")

    def l1_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        _, jnp = require_jax("regularizers")
        return _reduce(jnp.abs(_flat_target(logprobs, target)), reduction)

    return l1_penalty


def l2(
    *,
    target: Target = "logprobs",
    center: float = 0.0,
    clip: float | None = None,
    reduction: Reduction = "sum",
) -> RegularizerFn:
    """L2: ``R = Σ clip(t − c, −k, k)²`` with centre ``c`` and optional clip ``k``.

    Penalises the squared distance of each logprob (or probability) from ``c``; with a clip,
    deviations beyond ``k`` add a constant (and no gradient).
    """
    _choice(target, ("logprobs", "probs"), "target")
    _choice(reduction, ("sum", "mean"), "reduction")
    if clip is not None and not clip > 0:
        raise TinkexValidationError(f"clip must be > 0 or None, got {clip!r}", field="clip")

    def l2_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        _, jnp = require_jax("regularizers")
        deviation = _flat_target(logprobs, target) - center
        if clip is not None:
            deviation = jnp.clip(deviation, -clip, clip)
        return _reduce(jnp.square(deviation), reduction)

    return l2_penalty


def elastic_net(
    *, l1_ratio: float = 0.5, target: Target = "logprobs", reduction: Reduction = "sum"
) -> RegularizerFn:
    """Elastic net: ``R = α·Σ|t| + (1 − α)·Σ t²`` with ``α = l1_ratio`` in [0, 1]."""
    if not 0.0 <= l1_ratio <= 1.0:
        raise TinkexValidationError(f"l1_ratio must be in [0, 1], got {l1_ratio!r}", field="l1_ratio")
    l1_term, l2_term = l1(target=target, reduction=reduction), l2(target=target, reduction=reduction)

    def elastic_net_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        return l1_ratio * l1_term(data, logprobs) + (1.0 - l1_ratio) * l2_term(data, logprobs)

    return elastic_net_penalty


def entropy(*, mode: Literal["minimize", "maximize"] = "minimize", temperature: float = 1.0) -> RegularizerFn:
    """Entropy: ``R = H`` (``minimize``) or ``R = −H`` (``maximize``), with ``z = x / T``.

    1-D arrays (target-token logprobs): ``H = −Σ_t exp(z_t)·z_t``, the target tokens' share
    of the entropy (the server returns no full-vocabulary distribution). A distribution
    (rank >= 2): each row is normalised, ``log q = log_softmax(z)``, ``H = −Σ q·log q``.
    """
    _choice(mode, ("minimize", "maximize"), "mode")
    if not temperature > 0:
        raise TinkexValidationError(f"temperature must be > 0, got {temperature!r}", field="temperature")

    def entropy_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        jax, jnp = require_jax("regularizers")
        total: Any = 0.0
        for lp in logprobs:
            z = jnp.asarray(lp, dtype=jnp.float32) / temperature
            if z.ndim >= 2:
                z = jax.nn.log_softmax(z, axis=-1)
            total = total - jnp.sum(jnp.exp(z) * z)
        return total if mode == "minimize" else -total

    return entropy_penalty


def _k3(delta: Any) -> Any:
    _, jnp = require_jax("regularizers")
    return jnp.exp(delta) - delta - 1.0


def kl_divergence(
    *,
    reference_field: str = "reference_logprobs",
    reference: Sequence[Any] | None = None,
    direction: Literal["forward", "reverse", "symmetric"] = "forward",
    distribution: bool = False,
) -> RegularizerFn:
    """KL divergence against reference logprobs ``r`` (from ``reference``, else the datum's
    ``loss_fn_inputs[reference_field]``, shaped like its logprobs).

    Per token (default): the non-negative estimator ``k3(d) = e^d − d − 1`` summed over
    tokens, ``d = r − x`` for ``forward`` (KL(π‖ref), tokens drawn from π) and ``d = x − r``
    for ``reverse`` (KL(ref‖π), tokens drawn from ref); both are 0 exactly when ``x = r``.
    ``distribution=True``: rows along the last axis are log_softmax-normalised and the exact
    ``Σ π (log π − log ref)`` (forward) / ``Σ ref (log ref − log π)`` (reverse) is used.
    ``symmetric`` adds both directions.
    """
    _choice(direction, ("forward", "reverse", "symmetric"), "direction")

    def kl_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        jax, jnp = require_jax("regularizers")
        refs = (
            [jnp.asarray(r, dtype=jnp.float32) for r in reference]
            if reference is not None
            else _field_arrays(data, logprobs, reference_field)
        )
        if len(refs) != len(logprobs):
            raise TinkexValidationError(
                f"reference has {len(refs)} arrays for {len(logprobs)} data", field="reference"
            )
        total: Any = 0.0
        for lp, ref in zip(logprobs, refs, strict=True):
            x = jnp.asarray(lp, dtype=jnp.float32)
            if distribution:
                x, ref = jax.nn.log_softmax(x, axis=-1), jax.nn.log_softmax(ref, axis=-1)
                forward = jnp.sum(jnp.exp(x) * (x - ref))
                reverse = jnp.sum(jnp.exp(ref) * (ref - x))
            else:
                forward, reverse = jnp.sum(_k3(ref - x)), jnp.sum(_k3(x - ref))
            total = (
                total + {"forward": forward, "reverse": reverse, "symmetric": forward + reverse}[direction]
            )
        return total

    return kl_penalty


def consistency(
    *,
    pairs: Sequence[tuple[int, int]] | None = None,
    field: str = "original_logprobs",
    metric: Literal["mse", "abs"] = "mse",
) -> RegularizerFn:
    """Consistency between paired inputs: ``R = mean((a − b)²)`` (``mse``) or ``mean|a − b|``.

    With ``pairs=[(i, j), ...]`` the logprobs of datum ``i`` are compared with those of datum
    ``j`` (e.g. an input and its paraphrase; shapes must match). Without pairs each datum's
    logprobs are compared with its ``loss_fn_inputs[field]`` (e.g. the logprobs of the
    original input). The mean runs over all compared elements.
    """
    _choice(metric, ("mse", "abs"), "metric")

    def consistency_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        _, jnp = require_jax("regularizers")
        lps = [jnp.asarray(lp, dtype=jnp.float32) for lp in logprobs]
        if pairs is None:
            left, right = lps, _field_arrays(data, lps, field)
        else:
            for i, j in pairs:
                if not (0 <= i < len(lps) and 0 <= j < len(lps)) or lps[i].shape != lps[j].shape:
                    raise TinkexValidationError(
                        f"pair ({i}, {j}) must name two data whose logprobs have the same shape",
                        field="pairs",
                    )
            left, right = [lps[i] for i, _ in pairs], [lps[j] for _, j in pairs]
        diff = jnp.concatenate([jnp.ravel(a - b) for a, b in zip(left, right, strict=True)])
        return jnp.mean(jnp.square(diff) if metric == "mse" else jnp.abs(diff))

    return consistency_penalty


def orthogonality(*, eps: float = 1e-8) -> RegularizerFn:
    """Orthogonality: ``R = Σ_{i≠j} (ĥ_i · ĥ_j)²`` over the unit-normalised rows ``ĥ``.

    Rows are the rows of every rank >= 2 array plus each 1-D array as one row; they must all
    have the same width. It penalises correlated logprob profiles (1-D) or distributions.
    """

    def orthogonality_penalty(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        _, jnp = require_jax("regularizers")
        rows = [jnp.reshape(jnp.asarray(lp, dtype=jnp.float32), (-1, jnp.shape(lp)[-1])) for lp in logprobs]
        if len({r.shape[1] for r in rows}) != 1:
            raise TinkexValidationError(
                "orthogonality needs logprob rows of one width across data", field="logprobs"
            )
        h = jnp.concatenate(rows)
        h = h / jnp.sqrt(jnp.sum(jnp.square(h), axis=1, keepdims=True) + eps)
        gram = h @ h.T
        return jnp.sum(jnp.square(gram)) - jnp.sum(jnp.square(jnp.diagonal(gram)))

    return orthogonality_penalty


def gradient_penalty(
    loss_fn: Callable[[Sequence[Datum], Sequence[Any]], Any],
    *,
    target_norm: float = 1.0,
    mode: Literal["output", "interpolated"] = "output",
    reference_field: str = "reference_logprobs",
    alpha: float = 0.5,
) -> RegularizerFn:
    """Gradient penalty: ``R = (‖∇ₓ loss_fn(data, x̂)‖₂ − target_norm)²``.

    ``output``: ``x̂ = x``. ``interpolated``: ``x̂ = α·x + (1 − α)·r`` with ``r`` from
    ``loss_fn_inputs[reference_field]`` (WGAN-GP style). It keeps the slope of ``loss_fn``
    with respect to the logprobs near ``target_norm``; ``loss_fn`` must be JAX-differentiable
    (the penalty differentiates through its gradient).
    """
    _choice(mode, ("output", "interpolated"), "mode")
    if not 0.0 <= alpha <= 1.0:
        raise TinkexValidationError(f"alpha must be in [0, 1], got {alpha!r}", field="alpha")

    def gradient_penalty_value(data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
        jax, jnp = require_jax("regularizers")
        x = [jnp.asarray(lp, dtype=jnp.float32) for lp in logprobs]
        if mode == "interpolated":
            refs = _field_arrays(data, x, reference_field)
            x = [alpha * a + (1.0 - alpha) * r for a, r in zip(x, refs, strict=True)]

        def scalar(v: list[Any]) -> Any:
            value, _ = split_loss_output(loss_fn(data, v), "loss_fn")
            return jnp.sum(jnp.asarray(value))

        grads = jax.grad(scalar)(x)
        norm = jnp.sqrt(sum(jnp.sum(jnp.square(g)) for g in grads) + 1e-12)
        return jnp.square(norm - target_norm)

    return gradient_penalty_value

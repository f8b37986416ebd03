"""The regularizer pipeline: ``loss_total = base + Σ weight·value`` (LOSS-08).

Two entry points:

* ``run_pipeline`` evaluates everything on concrete logprobs and reports each term (value,
  contribution, gradient norms) as a ``CustomLossOutput``: a diagnostic / reporting tool.
* ``compose_loss`` builds a ``loss_fn(data, logprobs) -> (loss_total, metrics)`` to hand to
  ``forward_backward_custom`` / ``compute_custom_loss``. While JAX traces it (jit or grad),
  regularizers run one after another on the calling thread: JAX's trace state is
  thread-local, so a tracer used on a worker thread raises ``UnexpectedTracerError``, and
  inside a trace XLA schedules the work anyway. On concrete arrays (e.g. the
  finite-difference fallback for numpy losses) they go through the executor.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from ..custom_loss import metrics_to_floats, positional_arity, require_jax, split_loss_output
from ..errors import TinkexValidationError
from ..types import Datum
from . import telemetry
from .errors import PipelineError, RegularizerError
from .executor import DEFAULT_TIMEOUT, execute_all
from .gradient_tracker import grad_norm, regularizer_value, total_grad_norm
from .outputs import BaseLossOutput, CustomLossOutput
from .spec import RegularizerSpec, validate_specs

__all__ = ["compose_loss", "compute", "run_pipeline"]

LossFn = Callable[[Sequence[Datum], Sequence[Any]], Any]


def _check_base(base_loss_fn: object) -> None:
    if not callable(base_loss_fn):
        raise TinkexValidationError(
            f"base_loss_fn must be callable as base_loss_fn(data, logprobs), got {type(base_loss_fn).__name__}",
            field="base_loss_fn",
        )
    positional_arity(base_loss_fn, (2,), "base_loss_fn", "base_loss_fn")


def run_pipeline(
    data: Sequence[Datum],
    logprobs: Sequence[Any],
    base_loss_fn: LossFn,
    regularizers: Sequence[RegularizerSpec] = (),
    *,
    track_grad_norms: bool = False,
    parallel: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_concurrency: int | None = 4,
) -> CustomLossOutput:
    """Evaluate the base loss and every regularizer; report values, contributions, norms.

    Raises ``TinkexValidationError`` for bad arguments (duplicate names included),
    ``PipelineError`` when the base loss fails, ``RegularizerError`` /
    ``RegularizerTimeoutError`` naming the regularizer that failed.
    """
    _check_base(base_loss_fn)
    specs = validate_specs(regularizers)
    _, jnp = require_jax("the regularizer pipeline")
    lps = [jnp.asarray(lp, dtype=jnp.float32) for lp in logprobs]
    telemetry.emit(
        telemetry.CUSTOM_LOSS_START,
        {"system_time": time.time()},
        {"regularizer_count": len(specs), "track_grad_norms": track_grad_norms},
    )
    started = time.monotonic()
    try:
        try:
            raw_base, base_metrics = split_loss_output(base_loss_fn(data, lps), "base_loss_fn")
            base = BaseLossOutput(
                value=float(jnp.sum(jnp.asarray(raw_base))),
                custom=metrics_to_floats(base_metrics, "base_loss_fn"),
                grad_norm=_base_norm(base_loss_fn, data, lps) if track_grad_norms else None,
            )
        except Exception as exc:
            raise PipelineError(f"base loss failed: {type(exc).__name__}: {exc}") from exc
        outputs = execute_all(
            specs,
            data,
            lps,
            parallel=parallel,
            timeout=timeout,
            max_concurrency=max_concurrency,
            track_grad_norms=track_grad_norms,
        )
        result = CustomLossOutput(
            base_loss=base,
            regularizers={o.name: o for o in outputs},
            total_grad_norm=total_grad_norm(base_loss_fn, specs, data, lps) if track_grad_norms else None,
        )
    except Exception as exc:
        telemetry.emit(
            telemetry.CUSTOM_LOSS_EXCEPTION,
            {"duration": time.monotonic() - started},
            {"reason": f"{type(exc).__name__}: {exc}"},
        )
        raise
    telemetry.emit(
        telemetry.CUSTOM_LOSS_STOP,
        {
            "duration": time.monotonic() - started,
            "loss_total": result.loss_total,
            "regularizer_total": result.regularizer_total,
        },
        {"regularizer_count": len(specs)},
    )
    return result


compute = run_pipeline
"""Tinkex's name for ``run_pipeline`` (``Pipeline.compute``)."""


def _base_norm(base_loss_fn: LossFn, data: Sequence[Datum], lps: Sequence[Any]) -> float:
    return grad_norm(lambda x: base_loss_fn(data, x), list(lps))


def compose_loss(
    base_loss_fn: LossFn,
    regularizers: Sequence[RegularizerSpec],
    *,
    parallel: bool = True,
    max_concurrency: int = 4,
    timeout: float = DEFAULT_TIMEOUT,
) -> Callable[[Sequence[Datum], Sequence[Any]], tuple[Any, dict[str, Any]]]:
    """A loss function ``base + Σ weight·regularizer`` for ``forward_backward_custom``.

    It returns ``(loss_total, metrics)``; the metrics hold the base loss's own metrics plus
    ``base_loss``, ``regularizer_total`` and, per regularizer, ``<name>/value`` and
    ``<name>/contribution``.
    """
    _check_base(base_loss_fn)
    specs = validate_specs(regularizers)

    def composed(data: Sequence[Datum], logprobs: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
        jax, jnp = require_jax("composed losses")
        raw_base, base_metrics = split_loss_output(base_loss_fn(data, logprobs), "base_loss_fn")
        base = jnp.sum(jnp.asarray(raw_base))
        metrics: dict[str, Any] = {**base_metrics, "base_loss": base}
        tracing = any(isinstance(lp, jax.core.Tracer) for lp in logprobs)
        if tracing or not parallel or not specs:
            values = [_traced_value(spec, data, logprobs) for spec in specs]
        else:
            outputs = execute_all(
                specs, data, logprobs, parallel=True, timeout=timeout, max_concurrency=max_concurrency
            )
            values = [o.value for o in outputs]
        reg_total: Any = 0.0
        for spec, value in zip(specs, values, strict=True):
            contribution = spec.weight * value
            reg_total = reg_total + contribution
            metrics[f"{spec.name}/value"] = value
            metrics[f"{spec.name}/contribution"] = contribution
        metrics["regularizer_total"] = reg_total
        return base + reg_total, metrics

    return composed


def _traced_value(spec: RegularizerSpec, data: Sequence[Datum], logprobs: Sequence[Any]) -> Any:
    try:
        return regularizer_value(spec, data, logprobs)
    except RegularizerError:
        raise
    except Exception as exc:
        # JAX's tracer errors pass through untouched so compute_custom_loss can fall back
        # (jit -> eager -> finite differences); anything else names the regularizer.
        jax, _ = require_jax()
        if isinstance(exc, jax.errors.JAXTypeError):
            raise
        raise RegularizerError(spec.name, f"{type(exc).__name__}: {exc}") from exc

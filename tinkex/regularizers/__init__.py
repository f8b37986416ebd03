"""Structured regularizers: specs, executor, pipeline, gradient norms, telemetry, built-ins.

``loss_total = base_loss + Σ weight_i · regularizer_i``. ``run_pipeline`` reports every term;
``compose_loss`` builds a loss for ``TrainingClient.forward_backward_custom``. Importing this
package does not import JAX; computing anything needs the ``jax`` extra.
"""

from __future__ import annotations

from . import builtins, telemetry
from .errors import PipelineError, RegularizerError, RegularizerTimeoutError
from .executor import DEFAULT_TIMEOUT, execute_all, execute_one
from .gradient_tracker import grad_norm, grad_norm_for_regularizer, total_grad_norm
from .outputs import BaseLossOutput, CustomLossOutput, RegularizerOutput
from .pipeline import compose_loss, compute, run_pipeline
from .spec import Regularizer, RegularizerSpec, call_regularizer, validate_specs

__all__ = [
    "DEFAULT_TIMEOUT",
    "BaseLossOutput",
    "CustomLossOutput",
    "PipelineError",
    "Regularizer",
    "RegularizerError",
    "RegularizerOutput",
    "RegularizerSpec",
    "RegularizerTimeoutError",
    "builtins",
    "call_regularizer",
    "compose_loss",
    "compute",
    "execute_all",
    "execute_one",
    "grad_norm",
    "grad_norm_for_regularizer",
    "run_pipeline",
    "telemetry",
    "total_grad_norm",
    "validate_specs",
]

"""Client-side custom losses for ``TrainingClient.forward_backward_custom`` (LOSS-01…LOSS-07).

The two-pass wire behaviour (protocol §5.4): a forward-only ``cross_entropy`` pass returns one
logprob array per datum; the user's loss is differentiated locally with respect to those
arrays; a second ``cross_entropy`` forward_backward is sent whose ``weights`` are the negated
gradients. Because the server's cross entropy is ``L = -Σ weights·logprobs``, its gradient
with respect to the logprobs is exactly the user loss's gradient, so the server update is the
update the user loss asks for.

How gradients are computed (``compute_custom_loss``), from fastest to most general:

1. ``jax.jit(jax.value_and_grad(...))`` - a loss written with ``jax.numpy``. The compiled
   function is cached per loss function (JAX keeps one trace per input shape), and the
   batch's dense ``loss_fn_inputs`` arrays are arguments of that function, not constants:
   the loss sees Datums whose TensorData hold tracers, so a repeated call with new data and
   the same shapes reuses the trace without reusing the old data. A loss that reads anything
   else of a Datum while traced (``model_input``, spans), or a batch with sparse inputs, would
   bake that batch into the trace; such a loss is traced afresh on every call instead.
2. Eager ``jax.value_and_grad`` - when tracing under jit fails (Python control flow on
   values, non-array metrics). Same numbers as (1).
3. Central finite differences - when JAX cannot trace the loss at all (plain numpy code,
   ``float(x)`` / ``.item()`` on the logprobs). The loss is evaluated on float64 numpy arrays,
   twice per logprob element, so it costs ``2·N`` calls for ``N`` tokens; a warning says so.
   The step is sized for float64 when the loss returns a float64 value (numpy, Python
   float), else for float32 (JAX without x64): a numpy loss that rounds to float32 inside
   but returns a Python float gets a too-small step and noisy gradients.

``jax`` is an optional extra: this module imports it only inside functions, so
``import tinkex.custom_loss`` works without it and a missing extra raises ``ImportError``
naming ``pip install 'tinkex[jax]'``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import TinkexValidationError
from .types import Datum, TensorData

__all__ = [
    "JAX_EXTRA_HINT",
    "CustomLossResult",
    "backward_data_for_custom_loss",
    "compute_custom_loss",
    "forward_data_for_custom_loss",
    "merge_custom_metrics",
    "require_jax",
    "split_loss_output",
    "validate_custom_loss_inputs",
]

logger = logging.getLogger(__name__)

JAX_EXTRA_HINT = "pip install 'tinkex[jax]'"

FloatArray = npt.NDArray[np.float32]


def require_jax(feature: str = "custom losses") -> tuple[ModuleType, ModuleType]:
    """Import ``jax`` and ``jax.numpy`` on demand; a missing extra names the install command."""
    try:
        import jax
        import jax.numpy as jnp
    except ImportError as exc:
        raise ImportError(f"{feature} need JAX, which is not installed; run: {JAX_EXTRA_HINT}") from exc
    return jax, jnp


@dataclass(frozen=True)
class CustomLossResult:
    """What the local half of ``forward_backward_custom`` produced."""

    loss: float
    """The client-computed loss (the sum of its elements when the user loss is not scalar)."""
    grads: list[FloatArray]
    """d loss / d logprobs: one float32 array per datum, shaped like that datum's logprobs."""
    metrics: dict[str, float] = field(default_factory=dict)
    """The user's metrics (the ``has_aux`` mapping), as Python floats."""


# ---- validation ---------------------------------------------------------------------------------


def positional_arity(fn: Callable[..., Any], allowed: Sequence[int], what: str, field_name: str) -> int:
    """How many positional arguments to call ``fn`` with: the smallest count in ``allowed``
    that satisfies its required parameters. Signatures Python cannot inspect count as the
    smallest allowed count."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return min(allowed)
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    required = sum(1 for p in positional if p.default is p.empty)
    required_kw = [p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    has_varargs = any(p.kind is p.VAR_POSITIONAL for p in params)
    for count in sorted(allowed):
        if required <= count and (has_varargs or len(positional) >= count) and not required_kw:
            return count
    counts = " or ".join(str(c) for c in sorted(allowed))
    raise TinkexValidationError(
        f"{what} must accept {counts} positional arguments; its signature is {inspect.signature(fn)}",
        field=field_name,
    )


def validate_custom_loss_inputs(data: Sequence[Datum], loss_fn: object) -> None:
    """Check everything that can be checked before any request is sent (LOSS-02).

    ``data`` must be a non-empty list of ``Datum``, each with ``target_tokens`` (and, when
    given, ``weights`` of the same shape); ``loss_fn`` must be callable as
    ``loss_fn(data, logprobs_list)``.
    """
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise TinkexValidationError(f"data must be a list of Datum, got {type(data).__name__}", field="data")
    if len(data) == 0:
        raise TinkexValidationError("data must contain at least one Datum", field="data")
    for i, datum in enumerate(data):
        if not isinstance(datum, Datum):
            raise TinkexValidationError(
                f"data[{i}] must be a Datum, got {type(datum).__name__}", field=f"data[{i}]"
            )
        target = datum.loss_fn_inputs.get("target_tokens")
        if target is None:
            raise TinkexValidationError(
                f"data[{i}]: target_tokens missing from loss_fn_inputs",
                field=f"data[{i}].loss_fn_inputs['target_tokens']",
            )
        if target.dtype != "int64":
            raise TinkexValidationError(
                f"data[{i}]: Invalid target_tokens: dtype must be int64, got {target.dtype}",
                field=f"data[{i}].loss_fn_inputs['target_tokens']",
            )
        weights = datum.loss_fn_inputs.get("weights")
        if weights is not None and _shape_of(weights) != _shape_of(target):
            raise TinkexValidationError(
                f"data[{i}]: weights shape {_shape_of(weights)} differs from target_tokens shape "
                f"{_shape_of(target)}",
                field=f"data[{i}].loss_fn_inputs['weights']",
            )
    if not callable(loss_fn):
        raise TinkexValidationError(
            f"loss_fn must be callable as loss_fn(data, logprobs), got {type(loss_fn).__name__}",
            field="loss_fn",
        )
    positional_arity(loss_fn, (2,), "loss_fn", "loss_fn")


def _shape_of(tensor: TensorData) -> tuple[int, ...]:
    return tuple(tensor.to_numpy().shape)


# ---- the two passes' data -----------------------------------------------------------------------


def forward_data_for_custom_loss(data: Sequence[Datum]) -> list[Datum]:
    """The forward-only ``cross_entropy`` inputs: ``model_input`` and ``target_tokens`` kept,
    the datum's ``weights`` kept or zeros shaped like ``target_tokens``; other keys stay local."""
    forward: list[Datum] = []
    for i, datum in enumerate(data):
        target = datum.loss_fn_inputs.get("target_tokens")
        if target is None:
            raise TinkexValidationError(
                f"data[{i}]: target_tokens missing from loss_fn_inputs",
                field=f"data[{i}].loss_fn_inputs['target_tokens']",
            )
        weights = datum.loss_fn_inputs.get("weights")
        if weights is None:
            weights = TensorData.from_numpy(np.zeros(_shape_of(target), dtype=np.float32))
        forward.append(_with_inputs(datum, {"target_tokens": target, "weights": weights}))
    return forward


def backward_data_for_custom_loss(data: Sequence[Datum], grads: Sequence[npt.ArrayLike]) -> list[Datum]:
    """The backward ``cross_entropy`` inputs: ``target_tokens`` and ``weights = -grad`` only
    (LOSS-05). Cross entropy is ``-Σ w·logp``, so ``w = -dC/dlogp`` back-propagates ``C``."""
    if len(grads) != len(data):
        raise TinkexValidationError(
            f"Gradient count does not match data count ({len(grads)} gradients, {len(data)} data)",
            field="grads",
        )
    backward: list[Datum] = []
    for i, (datum, grad) in enumerate(zip(data, grads, strict=True)):
        target = datum.loss_fn_inputs["target_tokens"]
        grad_array = np.asarray(grad, dtype=np.float32)
        if grad_array.shape != _shape_of(target):
            raise TinkexValidationError(
                f"grads[{i}] has shape {grad_array.shape} but target_tokens has shape {_shape_of(target)}",
                field=f"grads[{i}]",
            )
        weights = TensorData.from_numpy(np.negative(grad_array))
        backward.append(_with_inputs(datum, {"target_tokens": target, "weights": weights}))
    return backward


def _with_inputs(datum: Datum, inputs: dict[str, TensorData]) -> Datum:
    return Datum(
        model_input=datum.model_input,
        loss_fn_inputs=inputs,
        model_input_spans=datum.model_input_spans,
        loss_fn_input_spans=datum.loss_fn_input_spans,
    )


def merge_custom_metrics(server_metrics: Mapping[str, float], result: CustomLossResult) -> dict[str, float]:
    """The metrics ``forward_backward_custom`` reports (LOSS-06, protocol §4.4).

    User metrics override server metrics of the same name; then ``loss:sum`` becomes the
    client-computed loss and ``surrogate_loss:sum`` holds the server's ``loss:sum`` of the
    backward pass (omitted only when the server reported none).
    """
    merged = dict(server_metrics)
    surrogate = merged.pop("loss:sum", None)
    merged.update(result.metrics)
    merged["loss:sum"] = result.loss
    if surrogate is not None:
        merged["surrogate_loss:sum"] = float(surrogate)
    return merged


# ---- loss evaluation ----------------------------------------------------------------------------


def split_loss_output(output: object, what: str = "loss_fn") -> tuple[Any, Mapping[str, Any]]:
    """A loss returns ``loss`` or ``(loss, metrics)``; give back both parts."""
    if isinstance(output, tuple):
        if len(output) != 2 or not isinstance(output[1], Mapping):
            raise TinkexValidationError(
                f"{what} must return a loss or a (loss, metrics dict) pair; got a tuple of "
                f"{len(output)} items",
                field=what,
            )
        return output[0], output[1]
    return output, {}


def metrics_to_floats(metrics: Mapping[str, Any], what: str = "loss_fn") -> dict[str, float]:
    """Turn metric values (floats, numpy or JAX scalars) into Python floats."""
    converted: dict[str, float] = {}
    for key, value in metrics.items():
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TinkexValidationError(
                f"{what} metric {key!r} must be a number, got {type(value).__name__}", field=str(key)
            ) from exc
        if array.size != 1:
            raise TinkexValidationError(
                f"{what} metric {key!r} must be a scalar, got shape {array.shape}", field=str(key)
            )
        converted[str(key)] = float(array.reshape(()))
    return converted


def compute_custom_loss(
    data: Sequence[Datum],
    logprobs: Sequence[npt.ArrayLike],
    loss_fn: Callable[..., Any],
    *,
    jit: bool = True,
    numpy_fallback: bool = True,
    backend: str | None = None,
) -> CustomLossResult:
    """Value, gradients and metrics of ``loss_fn(data, logprobs_list)`` (LOSS-04).

    ``logprobs`` holds one array per datum. The loss returns a scalar, an array (summed), or
    ``(loss, metrics)``. ``backend`` is ``"jax"``, ``"torch"`` or ``None``/``"auto"`` (the
    rule is in ``tinkex._custom_loss.backend``). On JAX, see the module docstring for the
    jit / eager / finite-difference order; ``numpy_fallback=False`` raises instead of
    using finite differences.
    """
    from ._custom_loss.backend import check_backend, choose_backend, installed

    check_backend(backend)
    if len(logprobs) != len(data):
        raise TinkexValidationError(
            f"logprobs count does not match data count ({len(logprobs)} arrays, {len(data)} data)",
            field="logprobs",
        )
    arrays = [np.asarray(lp, dtype=np.float32) for lp in logprobs]
    data_list = list(data)
    chosen = choose_backend(loss_fn, backend)
    if chosen == "torch":
        from ._custom_loss.torch_autograd import torch_value_and_grad

        loss, grads, metrics = torch_value_and_grad(data_list, arrays, loss_fn)
    else:
        from ._custom_loss.grad import finite_difference_value_and_grad, jax_value_and_grad

        jax, _ = require_jax()
        try:
            loss, grads, metrics = jax_value_and_grad(data_list, arrays, loss_fn, jit=jit)
        except jax.errors.JAXTypeError as exc:
            # JAX could not trace the loss even eagerly: it converts logprobs to numpy/floats.
            # An undecided loss may be a torch one that names no torch module: try torch.
            torch_result = (
                _try_torch(data_list, arrays, loss_fn) if chosen is None and installed("torch") else None
            )
            if torch_result is not None:
                loss, grads, metrics = torch_result
            elif not numpy_fallback:
                raise
            else:
                loss, grads, metrics = finite_difference_value_and_grad(data_list, arrays, loss_fn, exc)
    for i, grad in enumerate(grads):
        if not np.all(np.isfinite(grad)):
            # Sending NaN/inf weights would corrupt the model on the server.
            raise TinkexValidationError(
                f"the custom loss produced non-finite gradients for datum {i}", field=f"grads[{i}]"
            )
    return CustomLossResult(loss=loss, grads=grads, metrics=metrics_to_floats(metrics))


def _try_torch(
    data: list[Datum], arrays: list[FloatArray], loss_fn: Callable[..., Any]
) -> tuple[float, list[FloatArray], Mapping[str, Any]] | None:
    """The torch result of a loss JAX could not trace, or ``None`` when torch cannot run it
    either (plain numpy code): finite differences are then the last resort."""
    from ._custom_loss.torch_autograd import torch_value_and_grad

    try:
        return torch_value_and_grad(data, arrays, loss_fn)
    except Exception as exc:  # any failure here only means "not a torch loss"
        logger.debug("custom loss does not run under torch either (%s)", type(exc).__name__)
        return None

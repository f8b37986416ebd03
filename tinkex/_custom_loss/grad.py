"""How ``compute_custom_loss`` differentiates a user loss: cached jit, eager JAX, or central
finite differences (the order and the reasons are in ``tinkex.custom_loss``'s docstring).

Kept apart so ``custom_loss.py`` holds the public two-pass API; ``jax`` is still imported
only inside functions.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..custom_loss import FloatArray, require_jax, split_loss_output
from ..types import Datum, TensorData

logger = logging.getLogger("tinkex.custom_loss")


def jax_value_and_grad(
    data: list[Datum], arrays: list[FloatArray], loss_fn: Callable[..., Any], *, jit: bool
) -> tuple[float, list[FloatArray], Mapping[str, Any]]:
    jax, jnp = require_jax()
    result = None
    if jit:
        try:
            result = _jitted_value_and_grad(data, arrays, loss_fn)
        except TypeError as exc:
            # Includes JAX's tracer errors (Python control flow on values, float(x), numpy
            # calls on the traced inputs) and metrics that are not arrays; eager handles those.
            logger.debug("custom loss is not jittable (%s); computing it eagerly", type(exc).__name__)
    if result is None:
        result = jax.value_and_grad(_scalar_loss(loss_fn, data), has_aux=True)(
            [jnp.asarray(a) for a in arrays]
        )
    (loss, metrics), grads = result
    grad_arrays = [
        np.asarray(g, dtype=np.float32).reshape(a.shape) for g, a in zip(grads, arrays, strict=True)
    ]
    return float(loss), grad_arrays, metrics


def _scalar_loss(loss_fn: Callable[..., Any], data: list[Datum]) -> Callable[[list[Any]], Any]:
    """The loss of ``data`` as a function of the logprobs alone: scalar value and metrics."""
    _, jnp = require_jax()

    def scalar_loss(lps: list[Any]) -> tuple[Any, dict[str, Any]]:
        loss, metrics = split_loss_output(loss_fn(data, lps))
        return jnp.sum(jnp.asarray(loss)), dict(metrics)

    return scalar_loss


# ---- the jit cache ------------------------------------------------------------------------------


class _TracedTensorData(TensorData):
    """A dense TensorData whose values are a JAX tracer (only exists while JAX traces a loss)."""

    __slots__ = ("_traced",)

    def __init__(self, values: Any, like: TensorData) -> None:  # skips the numpy checks on purpose
        for name, value in (
            ("dtype", like.dtype),
            ("shape", like.shape),
            ("sparse_crow_indices", None),
            ("sparse_col_indices", None),
            ("_data", like._data),
            ("_fields_set", frozenset()),
            ("_extra", None),
            ("_traced", values),
        ):
            object.__setattr__(self, name, value)

    def to_numpy(self, pad_value: int = 0) -> Any:
        return self._traced

    def to_jax(self, pad_value: int = 0) -> Any:
        return self._traced


_trace_state = threading.local()  # per thread: the call's datums and what its trace read


class _ObservedDatum(Datum):
    """A Datum handed to a loss being traced; notes reads of anything but ``loss_fn_inputs``,
    whose values would become constants of the trace."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if (
            name != "loss_fn_inputs"
            and not name.startswith("__")
            and getattr(_trace_state, "observing", False)
        ):
            _trace_state.read_content = True
        return super().__getattribute__(name)


@dataclass
class _CachedLoss:
    """The jitted value_and_grad of one loss function (JAX keeps its traces per shape)."""

    function: Callable[..., Any]
    # Set once the loss read model_input/spans while traced, or failed on traced inputs
    # (numpy calls): from then on it is traced per call with that call's data as constants.
    needs_concrete_data: bool = False


_CACHE_SIZE = 32
_cache: OrderedDict[Any, _CachedLoss] = OrderedDict()
_cache_lock = threading.Lock()


def _traced_loss(loss_fn: Callable[..., Any]) -> Callable[..., Any]:
    _, jnp = require_jax()

    def scalar_loss(lps: list[Any], inputs: list[dict[str, Any]]) -> tuple[Any, dict[str, Any]]:
        _trace_state.traced = True
        data = [
            _ObservedDatum(
                model_input=datum.model_input,
                loss_fn_inputs={
                    name: _TracedTensorData(inputs[i][name], t) for name, t in datum.loss_fn_inputs.items()
                },
                model_input_spans=datum.model_input_spans,
                loss_fn_input_spans=datum.loss_fn_input_spans,
            )
            for i, datum in enumerate(_trace_state.data)
        ]
        _trace_state.observing = True
        try:
            loss, metrics = split_loss_output(loss_fn(data, lps))
        finally:
            _trace_state.observing = False
        return jnp.sum(jnp.asarray(loss)), dict(metrics)

    return scalar_loss


def _cached(loss_fn: Callable[..., Any]) -> _CachedLoss | None:
    try:
        hash(loss_fn)
    except TypeError:
        return None
    jax, _ = require_jax()
    with _cache_lock:
        entry = _cache.get(loss_fn)
        if entry is None:
            entry = _CachedLoss(jax.jit(jax.value_and_grad(_traced_loss(loss_fn), has_aux=True)))
            _cache[loss_fn] = entry
            if len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        else:
            _cache.move_to_end(loss_fn)
    return entry


def _jitted_value_and_grad(data: list[Datum], arrays: list[FloatArray], loss_fn: Callable[..., Any]) -> Any:
    """``((loss, metrics), grads)`` from the cached jitted function when the loss and batch
    allow it, else from a trace of this call alone (its data as constants)."""
    jax, _ = require_jax()
    entry = _cached(loss_fn)
    sparse = any(t.sparse_crow_indices is not None for d in data for t in d.loss_fn_inputs.values())
    if entry is not None and not entry.needs_concrete_data and not sparse:
        inputs = [{name: t.to_numpy() for name, t in d.loss_fn_inputs.items()} for d in data]
        _trace_state.data, _trace_state.traced, _trace_state.read_content = data, False, False
        try:
            result = entry.function(arrays, inputs)
        except TypeError as exc:
            # e.g. numpy calls on the traced inputs: this loss needs concrete data.
            logger.debug("custom loss needs concrete inputs under jit (%s)", type(exc).__name__)
            entry.needs_concrete_data = True
        else:
            if _trace_state.traced and _trace_state.read_content:
                # Right for this call (traced with its own data) but not reusable.
                entry.needs_concrete_data = True
            return result
        finally:
            _trace_state.data = None
    return jax.jit(jax.value_and_grad(_scalar_loss(loss_fn, data), has_aux=True))(arrays)


def finite_difference_value_and_grad(
    data: list[Datum], arrays: list[FloatArray], loss_fn: Callable[..., Any], cause: BaseException
) -> tuple[float, list[FloatArray], Mapping[str, Any]]:
    """Central differences, one element at a time, in float64 for accuracy."""
    points = [a.astype(np.float64) for a in arrays]
    evaluations = 2 * sum(p.size for p in points)
    warnings.warn(
        f"the custom loss cannot be traced by JAX ({type(cause).__name__}); its gradient is "
        f"estimated by central finite differences ({evaluations} extra loss evaluations). Write "
        "it with jax.numpy (and return metrics as arrays, not float()) for exact, faster gradients.",
        RuntimeWarning,
        stacklevel=3,
    )

    def evaluate(lps: list[npt.NDArray[np.float64]]) -> tuple[float, Mapping[str, Any]]:
        loss, metrics = split_loss_output(loss_fn(data, lps))
        return float(np.sum(np.asarray(loss, dtype=np.float64))), metrics

    raw_loss, metrics = split_loss_output(loss_fn(data, points))
    loss = float(np.sum(np.asarray(raw_loss, dtype=np.float64)))
    # Step ~ eps^(1/3) balances truncation and rounding error for central differences. The
    # eps is that of the precision the loss computes in: a jax.numpy loss (or a float32
    # result) works in float32 even though it is fed float64 arrays.
    computes_in_float64 = isinstance(raw_loss, (float, np.floating, np.ndarray)) and (
        np.asarray(raw_loss).dtype == np.float64
    )
    eps = np.finfo(np.float64 if computes_in_float64 else np.float32).eps
    base_step = float(eps) ** (1.0 / 3.0)
    grads: list[FloatArray] = []
    for k, point in enumerate(points):
        grad = np.zeros(point.shape, dtype=np.float64)
        for index in np.ndindex(point.shape):
            original = point[index]
            step = base_step * max(1.0, abs(float(original)))
            point[index] = original + step
            upper, _ = evaluate(points)
            point[index] = original - step
            lower, _ = evaluate(points)
            point[index] = original
            grad[index] = (upper - lower) / (2.0 * step)
        grads.append(grad.astype(np.float32).reshape(arrays[k].shape))
    return loss, grads, metrics

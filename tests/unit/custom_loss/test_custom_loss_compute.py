"""Local value and gradient of a custom loss (LOSS-01, LOSS-04): jit, eager and numpy paths."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tinkex.custom_loss import compute_custom_loss
from tinkex.errors import TinkexValidationError
from tinkex.types import Datum

MakeData = Callable[..., list[Datum]]


def _weighted_ce(data: list[Datum], logprobs: list[Any]) -> tuple[Any, dict[str, Any]]:
    """Cross entropy with the datums' weights, written with jax.numpy."""
    total = sum(
        -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) for d, lp in zip(data, logprobs, strict=True)
    )
    return total, {"mean_logprob": jnp.mean(jnp.concatenate(logprobs))}


def test_cross_entropy_loss_gives_minus_weights_as_gradient(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-01, LOSS-04
    data = make_data(weights=True)
    result = compute_custom_loss(data, logprobs, _weighted_ce)
    expected = sum(
        -float(np.sum(d.loss_fn_inputs["weights"].to_numpy() * lp))
        for d, lp in zip(data, logprobs, strict=True)
    )
    assert result.loss == pytest.approx(expected, rel=1e-6)
    for d, grad, lp in zip(data, result.grads, logprobs, strict=True):
        assert grad.dtype == np.float32 and grad.shape == lp.shape
        np.testing.assert_allclose(grad, -d.loss_fn_inputs["weights"].to_numpy(), rtol=1e-6)
    assert result.metrics == {"mean_logprob": pytest.approx(float(np.mean(np.concatenate(logprobs))))}
    assert isinstance(result.metrics["mean_logprob"], float)


def test_jit_and_eager_paths_give_the_same_numbers(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04
    data = make_data()

    def loss(data: Any, lps: list[Any]) -> Any:
        return jnp.sum(jnp.exp(lps[0]) * lps[0]) + jnp.sum(jnp.square(lps[1])), {"n": jnp.asarray(2.0)}

    jitted = compute_custom_loss(data, logprobs, loss, jit=True)
    eager = compute_custom_loss(data, logprobs, loss, jit=False)
    assert jitted.loss == pytest.approx(eager.loss, rel=1e-6)
    assert jitted.metrics == eager.metrics == {"n": 2.0}
    for a, b in zip(jitted.grads, eager.grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_non_scalar_loss_is_summed(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04
    result = compute_custom_loss(make_data(), logprobs, lambda d, lps: lps[0] * 2.0)
    assert result.loss == pytest.approx(float(np.sum(logprobs[0] * 2.0)))
    np.testing.assert_allclose(result.grads[0], np.full(3, 2.0))
    np.testing.assert_allclose(result.grads[1], np.zeros(2))
    assert result.metrics == {}


def test_python_control_flow_on_values_falls_back_from_jit(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-04: jit cannot trace `if`, eager grad can; same numbers as a branch-free loss
    def branchy(data: Any, lps: list[Any]) -> Any:
        if lps[0][0] < 0:
            return jnp.sum(jnp.square(lps[0]))
        return jnp.sum(lps[0])

    result = compute_custom_loss(make_data(), logprobs, branchy, jit=True)
    np.testing.assert_allclose(result.grads[0], 2.0 * logprobs[0], rtol=1e-6)


def test_plain_numpy_loss_uses_finite_differences(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04: numpy losses still work, with a warning, gradients close to the exact ones
    def numpy_loss(data: Any, lps: list[Any]) -> tuple[float, dict[str, float]]:
        arrays = [np.asarray(lp) for lp in lps]
        value = float(np.sum(np.exp(arrays[0])) + np.sum(arrays[1] ** 3))
        return value, {"value": value}

    with pytest.warns(RuntimeWarning, match="finite differences"):
        result = compute_custom_loss(make_data(), logprobs, numpy_loss)
    np.testing.assert_allclose(result.grads[0], np.exp(logprobs[0].astype(np.float64)), rtol=1e-5)
    np.testing.assert_allclose(result.grads[1], 3.0 * logprobs[1].astype(np.float64) ** 2, rtol=1e-5)
    assert result.loss == pytest.approx(result.metrics["value"])


def test_item_in_metrics_still_works_through_the_fallback(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-04: `.item()` / float() on a traced value is the numpy case too
    def loss(data: Any, lps: list[Any]) -> Any:
        value = jnp.sum(jnp.square(jnp.asarray(lps[1])))
        return value, {"value": float(value)}

    with pytest.warns(RuntimeWarning):
        result = compute_custom_loss(make_data(), logprobs, loss)
    np.testing.assert_allclose(result.grads[1], 2.0 * logprobs[1], rtol=1e-3)


def test_numpy_fallback_can_be_disabled(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04
    with pytest.raises(jax.errors.JAXTypeError):
        compute_custom_loss(
            make_data(), logprobs, lambda d, lps: float(np.sum(np.asarray(lps[0]))), numpy_fallback=False
        )


def test_jnp_loss_emits_no_warning(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compute_custom_loss(make_data(weights=True), logprobs, _weighted_ce)


def test_user_errors_propagate_unchanged(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-07: the caller wraps it; the original exception is not swallowed
    def broken(data: Any, lps: list[Any]) -> Any:
        raise KeyError("no such input")

    with pytest.raises(KeyError, match="no such input"):
        compute_custom_loss(make_data(), logprobs, broken)


def test_non_finite_gradients_are_refused(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04: NaN weights must never reach the server
    with pytest.raises(TinkexValidationError) as info:
        compute_custom_loss(make_data(), logprobs, lambda d, lps: jnp.sum(jnp.sqrt(lps[1])))
    assert info.value.field == "grads[1]"


def test_logprob_count_must_match_data(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-03
    with pytest.raises(TinkexValidationError) as info:
        compute_custom_loss(make_data((3, 2, 1)), logprobs, lambda d, lps: 0.0)
    assert info.value.field == "logprobs"


def test_bad_return_shape_and_metric_types_are_named(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    # covers LOSS-04
    with pytest.raises(TinkexValidationError, match="loss, metrics"):
        compute_custom_loss(make_data(), logprobs, lambda d, lps: (jnp.sum(lps[0]), 1, 2))
    with pytest.raises(TinkexValidationError) as info:
        compute_custom_loss(make_data(), logprobs, lambda d, lps: (jnp.sum(lps[0]), {"vec": lps[0]}))
    assert info.value.field == "vec"

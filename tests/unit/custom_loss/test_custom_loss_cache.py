"""The jit cache of compute_custom_loss: one trace per loss and shape, the data of every call used.

A loss's Python body runs only while JAX traces it, so a counter in the body counts traces.
"""

from __future__ import annotations

from typing import Any

import jax.numpy as jnp
import numpy as np
import pytest

from tinkex.custom_loss import compute_custom_loss
from tinkex.types import Datum, ModelInput, TensorData


def _batch(
    seed: int, lengths: tuple[int, ...] = (4, 3), *, sparse: bool = False
) -> tuple[list[Datum], list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    data, logprobs = [], []
    for n in lengths:
        weights = rng.uniform(0.1, 2.0, n).astype(np.float32)
        inputs: dict[str, Any] = {
            "target_tokens": rng.integers(1, 200, n),
            "weights": TensorData.from_numpy_sparse(weights[None, :] * (np.arange(n) % 2 == 0), pad_value=0)
            if sparse
            else weights,
        }
        tokens = rng.integers(1, 200, n)
        data.append(Datum(model_input=ModelInput.from_ints(tokens), loss_fn_inputs=inputs))
        logprobs.append(-rng.uniform(0.1, 3.0, n).astype(np.float32))
    return data, logprobs


def _weights(datum: Datum) -> np.ndarray:
    return datum.loss_fn_inputs["weights"].to_numpy().reshape(-1)


def test_second_call_with_same_shapes_reuses_the_trace_with_the_new_data() -> None:
    # covers LOSS-04: cached per loss function, data passed as arguments (not baked in)
    traces = []

    def weighted(data: list[Datum], lps: list[Any]) -> Any:
        traces.append(1)
        return sum(
            -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) for d, lp in zip(data, lps, strict=True)
        )

    for seed in (1, 2, 3):
        data, logprobs = _batch(seed)
        result = compute_custom_loss(data, logprobs, weighted)
        expected = sum(-float(np.sum(_weights(d) * lp)) for d, lp in zip(data, logprobs, strict=True))
        assert result.loss == pytest.approx(expected, rel=1e-5)
        for d, grad in zip(data, result.grads, strict=True):
            np.testing.assert_allclose(grad, -_weights(d), rtol=1e-6)
    assert len(traces) == 1

    data, logprobs = _batch(4, lengths=(5,))  # a new shape: one more trace
    compute_custom_loss(data, logprobs, weighted)
    assert len(traces) == 2


def test_loss_reading_model_input_is_retraced_with_each_batch() -> None:
    # covers LOSS-04: a loss that reads model_input cannot reuse a trace (the tokens would be stale)
    def token_weighted(data: list[Datum], lps: list[Any]) -> Any:
        return sum(
            jnp.sum(jnp.asarray(d.model_input.to_ints(), dtype=jnp.float32) * lp)
            for d, lp in zip(data, lps, strict=True)
        )

    for seed in (5, 6):
        data, logprobs = _batch(seed)
        result = compute_custom_loss(data, logprobs, token_weighted)
        for d, grad in zip(data, result.grads, strict=True):
            np.testing.assert_allclose(grad, np.asarray(d.model_input.to_ints(), np.float32), rtol=1e-6)


def test_numpy_reads_of_inputs_and_sparse_inputs_still_use_each_calls_data() -> None:
    # covers LOSS-04: inputs read through numpy, and CSR inputs, are never served from a stale trace
    def numpy_weights(data: list[Datum], lps: list[Any]) -> Any:
        return sum(
            -jnp.sum(np.asarray(d.loss_fn_inputs["weights"].to_numpy()).reshape(-1) * lp)
            for d, lp in zip(data, lps, strict=True)
        )

    for sparse in (False, True):
        for seed in (7, 8):
            data, logprobs = _batch(seed, sparse=sparse)
            result = compute_custom_loss(data, logprobs, numpy_weights)
            for d, grad in zip(data, result.grads, strict=True):
                np.testing.assert_allclose(grad, -_weights(d), rtol=1e-6)


def test_jit_false_and_metrics_agree_with_the_cached_path() -> None:
    # covers LOSS-04
    def loss(data: list[Datum], lps: list[Any]) -> Any:
        total = sum(
            -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) for d, lp in zip(data, lps, strict=True)
        )
        return total, {"first": jnp.sum(lps[0])}

    data, logprobs = _batch(9)
    compute_custom_loss(*_batch(10), loss)  # warm the cache with other data
    cached = compute_custom_loss(data, logprobs, loss)
    eager = compute_custom_loss(data, logprobs, loss, jit=False)
    assert cached.loss == pytest.approx(eager.loss, rel=1e-6)
    assert (
        cached.metrics == pytest.approx(eager.metrics) == {"first": pytest.approx(float(logprobs[0].sum()))}
    )
    for a, b in zip(cached.grads, eager.grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)

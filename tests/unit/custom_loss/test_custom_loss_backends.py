"""Torch and JAX custom losses, and the rule that picks one (issue 17, docs/custom-losses.md)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

import jax.numpy as jnp
import numpy as np
import pytest
import torch

from tinkex._custom_loss.backend import choose_backend, referenced_backends
from tinkex.custom_loss import compute_custom_loss
from tinkex.errors import TinkexValidationError
from tinkex.types import Datum

MakeData = Callable[..., list[Datum]]


def _torch_loss(data: list[Datum], logprobs: list[torch.Tensor]) -> tuple[torch.Tensor, dict[str, float]]:
    """The official SDK's idiom: torch ops, TensorData.to_torch(), a .item() metric."""
    loss = torch.stack(
        [
            (-(d.loss_fn_inputs["weights"].to_torch() * lp) + 0.1 * lp**2).sum()
            for d, lp in zip(data, logprobs, strict=True)
        ]
    ).sum()
    return loss, {"loss_value": loss.item()}


def _expected_torch_grads(data: list[Datum], logprobs: list[np.ndarray]) -> list[np.ndarray]:
    return [-d.loss_fn_inputs["weights"].to_numpy() + 0.2 * lp for d, lp in zip(data, logprobs, strict=True)]


def test_a_torch_loss_gets_torch_tensors_and_gives_exact_gradients(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-01, LOSS-04 (torch tensors in, torch scalar + metrics out, as in the official SDK)
    data = make_data(weights=True)
    seen: list[torch.Tensor] = []

    def loss(data: list[Datum], lps: list[torch.Tensor]) -> Any:
        seen.extend(lps)
        return _torch_loss(data, lps)

    result = compute_custom_loss(data, logprobs, loss, backend="torch")
    assert all(isinstance(t, torch.Tensor) and t.requires_grad and t.dtype == torch.float32 for t in seen)
    assert [tuple(t.shape) for t in seen] == [lp.shape for lp in logprobs]
    for grad, expected in zip(result.grads, _expected_torch_grads(data, logprobs), strict=True):
        assert grad.dtype == np.float32
        np.testing.assert_allclose(grad, expected, rtol=1e-6)
    assert result.metrics == {"loss_value": pytest.approx(result.loss)}


def test_the_same_formula_gives_the_same_numbers_on_both_backends(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-04
    data = make_data(weights=True)

    def jax_loss(data: list[Datum], lps: list[Any]) -> Any:
        return sum(
            jnp.sum(-d.loss_fn_inputs["weights"].to_jax() * lp + 0.1 * lp**2)
            for d, lp in zip(data, lps, strict=True)
        )

    on_torch = compute_custom_loss(data, logprobs, _torch_loss)
    on_jax = compute_custom_loss(data, logprobs, jax_loss)
    assert on_torch.loss == pytest.approx(on_jax.loss, rel=1e-6)
    for a, b in zip(on_torch.grads, on_jax.grads, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def _helper_using_torch(lp: Any) -> Any:
    return torch.logsumexp(lp, dim=0)


class _CallableLoss:
    def __call__(self, data: list[Datum], lps: list[Any]) -> Any:
        return jnp.sum(jnp.stack([jnp.sum(lp) for lp in lps]))


def _methods_only(data: list[Datum], lps: list[Any]) -> Any:
    return sum((lp * d.loss_fn_inputs["weights"].to_torch()).sum() for d, lp in zip(data, lps, strict=True))


@pytest.mark.parametrize(
    ("loss", "expected"),
    [
        (_torch_loss, {"torch"}),
        (lambda data, lps: jnp.sum(lps[0]), {"jax"}),
        (lambda data, lps: sum(_helper_using_torch(lp) for lp in lps), {"torch"}),  # through a helper
        (_methods_only, {"torch"}),  # .to_torch() names no module but says torch
        (lambda data, lps: lps[0].detach().sum(), {"torch"}),
        (_CallableLoss(), {"jax"}),
        (functools.partial(lambda scale, data, lps: scale * lps[0].sum(), 2.0), set()),
        (lambda data, lps: sum((lp**2).sum() for lp in lps), set()),
    ],
)
def test_the_loss_code_names_its_backend(loss: Callable[..., Any], expected: set[str]) -> None:
    # covers LOSS-04 (rule 2 of the backend choice: read the code, never run it)
    assert referenced_backends(loss) == expected


def test_explicit_backend_wins_over_the_code() -> None:
    assert choose_backend(_torch_loss, "jax") == "jax"
    assert choose_backend(lambda data, lps: jnp.sum(lps[0]), "torch") == "torch"
    assert choose_backend(lambda data, lps: lps[0].sum(), None) is None  # undecided: JAX first


def test_an_undecided_loss_runs_on_jax_when_jax_can_trace_it(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    kinds: list[str] = []

    def loss(data: list[Datum], lps: list[Any]) -> Any:
        kinds.append(type(lps[0]).__module__.split(".")[0])
        return sum((lp**2).sum() for lp in lps)

    result = compute_custom_loss(make_data(), logprobs, loss)
    assert set(kinds) == {"jax"}
    for grad, lp in zip(result.grads, logprobs, strict=True):
        np.testing.assert_allclose(grad, 2 * lp, rtol=1e-6)


def test_an_undecided_loss_jax_cannot_trace_runs_on_torch_not_finite_differences(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    # `.item()` on a traced value fails under JAX; under torch the gradient is exact.
    def loss(data: list[Datum], lps: list[Any]) -> Any:
        total = sum((lp**3).sum() for lp in lps)
        return total, {"total": total.item()}

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the finite-difference fallback would warn
        result = compute_custom_loss(make_data(), logprobs, loss)
    for grad, lp in zip(result.grads, logprobs, strict=True):
        np.testing.assert_allclose(grad, 3 * lp**2, rtol=1e-6)
    assert result.metrics["total"] == pytest.approx(result.loss)


def test_a_plain_numpy_loss_still_falls_back_to_finite_differences(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    def loss(data: list[Datum], lps: list[Any]) -> float:
        return float(sum(np.sum(np.asarray(lp, dtype=np.float64) ** 2) for lp in lps))

    with pytest.warns(RuntimeWarning, match="finite differences"):
        result = compute_custom_loss(make_data(), logprobs, loss)
    for grad, lp in zip(result.grads, logprobs, strict=True):
        np.testing.assert_allclose(grad, 2 * lp, rtol=1e-4)


def test_a_logprob_the_torch_loss_never_reads_gets_a_zero_gradient(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    result = compute_custom_loss(
        make_data(), logprobs, lambda data, lps: (lps[0] ** 2).sum(), backend="torch"
    )
    np.testing.assert_allclose(result.grads[0], 2 * logprobs[0], rtol=1e-6)
    np.testing.assert_array_equal(result.grads[1], np.zeros_like(logprobs[1]))


def test_torch_metric_tensors_with_history_become_floats(
    make_data: MakeData, logprobs: list[np.ndarray]
) -> None:
    def loss(data: list[Datum], lps: list[torch.Tensor]) -> Any:
        total = sum((lp**2).sum() for lp in lps)
        return total, {"total": total, "first": lps[0][0]}

    result = compute_custom_loss(make_data(), logprobs, loss, backend="torch")
    assert result.metrics == {
        "total": pytest.approx(result.loss),
        "first": pytest.approx(float(logprobs[0][0])),
    }


def test_a_torch_loss_must_return_a_tensor(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    with pytest.raises(TinkexValidationError, match=r"torch\.Tensor"):
        compute_custom_loss(make_data(), logprobs, lambda data, lps: 1.0, backend="torch")


def test_an_unknown_backend_is_rejected(make_data: MakeData, logprobs: list[np.ndarray]) -> None:
    with pytest.raises(TinkexValidationError, match="backend"):
        compute_custom_loss(make_data(), logprobs, _torch_loss, backend="tensorflow")

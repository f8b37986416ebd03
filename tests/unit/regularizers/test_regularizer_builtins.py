"""Built-in regularizers (LATER-04): values against their formulas, gradients against
central finite differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tinkex.errors import TinkexValidationError
from tinkex.regularizers import builtins
from tinkex.types import Datum

RegFn = Callable[[Sequence[Datum], Sequence[Any]], Any]


def _ce(data: Sequence[Datum], lps: Sequence[Any]) -> Any:
    return sum(-jnp.sum(jnp.square(lp) * 0.5 + lp) for lp in lps)


CASES: dict[str, RegFn] = {
    "l1_logprobs": builtins.l1(),
    "l1_probs_mean": builtins.l1(target="probs", reduction="mean"),
    "l2_center": builtins.l2(center=-1.0),
    "l2_clip": builtins.l2(clip=5.0),
    "elastic_net": builtins.elastic_net(l1_ratio=0.3),
    "entropy_min": builtins.entropy(),
    "entropy_max_t2": builtins.entropy(mode="maximize", temperature=2.0),
    "kl_forward": builtins.kl_divergence(),
    "kl_reverse": builtins.kl_divergence(direction="reverse"),
    "kl_symmetric_dist": builtins.kl_divergence(direction="symmetric", distribution=True),
    "consistency_field": builtins.consistency(),
    "consistency_pairs_abs": builtins.consistency(pairs=[(0, 1)], metric="abs"),
    "orthogonality": builtins.orthogonality(),
    "gradient_penalty": builtins.gradient_penalty(_ce, target_norm=0.5),
    "gradient_penalty_interp": builtins.gradient_penalty(_ce, mode="interpolated", alpha=0.25),
}


def _finite_difference(
    fn: RegFn, data: Sequence[Datum], lps: list[np.ndarray], h: float = 1e-3
) -> list[np.ndarray]:
    value = jax.jit(lambda xs: fn(data, xs))  # see the jit note in the gradient test
    grads = []
    for k, lp in enumerate(lps):
        grad = np.zeros_like(lp, dtype=np.float64)
        for i in range(lp.size):
            up = [x.copy() for x in lps]
            down = [x.copy() for x in lps]
            up[k].flat[i] += h
            down[k].flat[i] -= h
            grad.flat[i] = (float(value(up)) - float(value(down))) / (2 * h)
        grads.append(grad)
    return grads


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_matches_central_finite_differences(
    name: str, data: list[Datum], logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-14 (differentiable built-ins), LATER-04
    fn = CASES[name]
    # Under jit, each of the value and the gradient compiles once as one program; run op by op,
    # JAX compiles every primitive of the backward pass separately (about 1 s per case here).
    # Same function, same derivative: a regularizer that could not be traced would fail here.
    exact = jax.jit(jax.grad(lambda lps: fn(data, lps)))([jnp.asarray(lp) for lp in logprobs])
    numeric = _finite_difference(fn, data, logprobs)
    for a, b in zip(exact, numeric, strict=True):
        np.testing.assert_allclose(np.asarray(a), b, rtol=2e-2, atol=2e-3)


def test_values_follow_the_documented_formulas(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LATER-04
    x = np.concatenate(logprobs).astype(np.float64)
    ref = np.concatenate([d.loss_fn_inputs["reference_logprobs"].to_numpy() for d in data]).astype(np.float64)
    orig = np.concatenate([d.loss_fn_inputs["original_logprobs"].to_numpy() for d in data]).astype(np.float64)
    value = {name: float(jax.jit(partial(fn, data))(logprobs)) for name, fn in CASES.items()}
    assert value["l1_logprobs"] == pytest.approx(np.abs(x).sum(), rel=1e-5)
    assert value["l1_probs_mean"] == pytest.approx(np.exp(x).mean(), rel=1e-5)
    assert value["l2_center"] == pytest.approx(((x + 1.0) ** 2).sum(), rel=1e-5)
    assert float(builtins.l2(clip=0.5)(data, logprobs)) == pytest.approx(
        (np.clip(x, -0.5, 0.5) ** 2).sum(), rel=1e-5
    )
    assert value["elastic_net"] == pytest.approx(0.3 * np.abs(x).sum() + 0.7 * (x**2).sum(), rel=1e-5)
    assert value["entropy_min"] == pytest.approx(-(np.exp(x) * x).sum(), rel=1e-5)
    assert value["entropy_max_t2"] == pytest.approx((np.exp(x / 2) * (x / 2)).sum(), rel=1e-5)
    d = ref - x
    assert value["kl_forward"] == pytest.approx((np.exp(d) - d - 1).sum(), rel=1e-4)
    assert value["kl_reverse"] == pytest.approx((np.exp(-d) + d - 1).sum(), rel=1e-4)
    assert value["consistency_field"] == pytest.approx(((x - orig) ** 2).mean(), rel=1e-5)
    assert value["consistency_pairs_abs"] == pytest.approx(np.abs(logprobs[0] - logprobs[1]).mean(), rel=1e-5)
    rows = np.stack(logprobs).astype(np.float64)
    unit = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    assert value["orthogonality"] == pytest.approx(2 * (unit[0] @ unit[1]) ** 2, rel=1e-4)
    # d/dx of -(x²/2 + x) is -(x + 1)
    norm = np.linalg.norm(x + 1.0)
    assert value["gradient_penalty"] == pytest.approx((norm - 0.5) ** 2, rel=1e-4)


def test_kl_is_zero_at_the_reference_and_entropy_of_a_distribution(data: list[Datum]) -> None:
    # covers LATER-04
    refs = [d.loss_fn_inputs["reference_logprobs"].to_numpy() for d in data]
    assert float(builtins.kl_divergence(direction="symmetric")(data, refs)) == pytest.approx(0.0, abs=1e-6)
    uniform = [np.log(np.full((2, 4), 0.25, np.float32))]
    assert float(builtins.entropy()(data[:1], uniform)) == pytest.approx(2 * np.log(4), rel=1e-5)
    q = np.log(np.array([[0.5, 0.5]], np.float32))
    r = np.log(np.array([[0.25, 0.75]], np.float32))
    exact = 0.5 * np.log(0.5 / 0.25) + 0.5 * np.log(0.5 / 0.75)
    kl = builtins.kl_divergence(reference=[r], distribution=True)
    assert float(kl(data[:1], [q])) == pytest.approx(exact, rel=1e-5)


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (lambda: builtins.l1(target="nope"), "target"),  # type: ignore[arg-type]
        (lambda: builtins.l2(clip=0.0), "clip"),
        (lambda: builtins.elastic_net(l1_ratio=1.5), "l1_ratio"),
        (lambda: builtins.entropy(temperature=0.0), "temperature"),
        (lambda: builtins.kl_divergence(direction="up"), "direction"),  # type: ignore[arg-type]
        (lambda: builtins.consistency(metric="cos"), "metric"),  # type: ignore[arg-type]
        (lambda: builtins.gradient_penalty(_ce, alpha=2.0), "alpha"),
    ],
)
def test_bad_parameters_name_the_field(factory: Callable[[], RegFn], field: str) -> None:
    # covers LATER-04
    with pytest.raises(TinkexValidationError) as info:
        factory()
    assert info.value.field == field


def test_missing_or_misshapen_reference_field_is_named(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LATER-04
    with pytest.raises(TinkexValidationError) as info:
        builtins.kl_divergence(reference_field="ref2")(data, logprobs)
    assert info.value.field == "ref2"
    with pytest.raises(TinkexValidationError, match="shape"):
        builtins.consistency()(data, [lp[:3] for lp in logprobs])
    with pytest.raises(TinkexValidationError) as info:
        builtins.consistency(pairs=[(0, 5)])(data, logprobs)
    assert info.value.field == "pairs"

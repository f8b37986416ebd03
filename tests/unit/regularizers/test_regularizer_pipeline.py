"""The pipeline (LOSS-08, LOSS-12, LOSS-14…LOSS-17) and the composed loss used by
forward_backward_custom."""

from __future__ import annotations

import json
import math
from typing import Any

import jax.numpy as jnp
import numpy as np
import pytest

from tinkex.custom_loss import compute_custom_loss
from tinkex.errors import TinkexValidationError
from tinkex.regularizers import (
    PipelineError,
    RegularizerError,
    RegularizerSpec,
    builtins,
    compose_loss,
    grad_norm,
    run_pipeline,
    telemetry,
)
from tinkex.telemetry import events
from tinkex.types import Datum


def _base(data: Any, lps: Any) -> Any:
    return -sum(jnp.sum(lp) for lp in lps), {"tokens": float(sum(np.size(lp) for lp in lps))}


def _specs() -> list[RegularizerSpec]:
    return [
        RegularizerSpec(fn=builtins.l2(), weight=0.1, name="l2"),
        RegularizerSpec(fn=builtins.entropy(), weight=0.5, name="entropy"),
    ]


def test_grad_norm_of_known_functions() -> None:
    # covers LOSS-14
    assert grad_norm(lambda x: jnp.sum(x), jnp.ones(9)) == pytest.approx(3.0)
    assert grad_norm(lambda x: jnp.sum(jnp.square(x)), jnp.array([3.0, 4.0])) == pytest.approx(10.0)
    assert grad_norm(lambda x: x, jnp.ones((2, 2))) == pytest.approx(2.0)  # non-scalar summed
    assert grad_norm(lambda x: jnp.mean(x), jnp.ones(4)) == pytest.approx(0.5)
    assert grad_norm(lambda xs: jnp.sum(xs[0]) + jnp.sum(xs[1]), [jnp.ones(3), jnp.ones(1)]) == pytest.approx(
        2.0
    )


def test_loss_total_is_base_plus_weighted_regularizers(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LOSS-08, LOSS-12
    out = run_pipeline(data, logprobs, _base, _specs(), parallel=True)
    x = np.concatenate(logprobs).astype(np.float64)
    l2_value, entropy_value = (x**2).sum(), -(np.exp(x) * x).sum()
    assert out.base_loss.value == pytest.approx(-x.sum(), rel=1e-6)
    assert out.base_loss.custom == {"tokens": 8.0}
    assert list(out.regularizers) == ["l2", "entropy"]
    assert out.regularizers["l2"].contribution == pytest.approx(0.1 * l2_value, rel=1e-5)
    assert out.regularizer_total == pytest.approx(0.1 * l2_value + 0.5 * entropy_value, rel=1e-5)
    assert out.loss_total == out.loss == pytest.approx(-x.sum() + out.regularizer_total, rel=1e-6)
    assert out.total_grad_norm is None and out.regularizers["l2"].grad_norm is None
    as_dict = json.loads(out.to_json())
    assert "total_grad_norm" not in as_dict and "grad_norm" not in as_dict["base_loss"]
    assert as_dict["regularizers"]["entropy"]["weight"] == 0.5


def test_gradient_norms_per_regularizer_and_total(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LOSS-15, LOSS-16
    out = run_pipeline(data, logprobs, _base, _specs(), track_grad_norms=True, parallel=False)
    x = np.concatenate(logprobs).astype(np.float64)
    assert out.base_loss.grad_norm == pytest.approx(math.sqrt(x.size), rel=1e-6)
    assert out.regularizers["l2"].grad_norm == pytest.approx(np.linalg.norm(2 * x), rel=1e-5)
    assert out.regularizers["l2"].grad_norm_weighted == pytest.approx(0.1 * np.linalg.norm(2 * x), rel=1e-5)
    total = -1.0 + 0.1 * 2 * x + 0.5 * (-np.exp(x) * (x + 1))
    assert out.total_grad_norm == pytest.approx(np.linalg.norm(total), rel=1e-5)
    assert run_pipeline(data, logprobs, _base, [], track_grad_norms=True).total_grad_norm == pytest.approx(
        out.base_loss.grad_norm
    )
    assert "grad_norm_weighted" in out.to_dict()["regularizers"]["l2"]


def test_non_differentiable_regularizer_reports_zero_norm_with_warning(
    data: list[Datum], logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-15, LOSS-16
    numpy_reg = RegularizerSpec(fn=lambda d, lps: float(np.sum(np.asarray(lps[0]))), weight=1.0, name="numpy")
    with pytest.warns(RuntimeWarning) as record:
        out = run_pipeline(data, logprobs, _base, [numpy_reg], track_grad_norms=True, parallel=False)
    messages = " ".join(str(w.message) for w in record)
    assert "Gradient computation failed for numpy" in messages
    assert "Gradient computation failed for the total loss" in messages
    assert out.regularizers["numpy"].grad_norm == 0.0
    assert out.total_grad_norm == 0.0
    assert out.regularizers["numpy"].value == pytest.approx(float(np.sum(logprobs[0])))


def test_failures_are_typed_and_emitted(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LOSS-08, LOSS-17
    seen: list[tuple[str, ...]] = []
    handler_id = events.subscribe(telemetry.EVENTS, lambda name, m, md: seen.append(name))
    try:
        run_pipeline(data, logprobs, _base, _specs())

        def bad_base(d: Any, lps: Any) -> Any:
            raise ZeroDivisionError("base")

        with pytest.raises(PipelineError) as info:
            run_pipeline(data, logprobs, bad_base, _specs())
        assert isinstance(info.value.__cause__, ZeroDivisionError)

        def bad_reg(d: Any, lps: Any) -> Any:
            raise ValueError("reg")

        with pytest.raises(RegularizerError) as reg_info:
            run_pipeline(data, logprobs, _base, [RegularizerSpec(fn=bad_reg, weight=1.0, name="bad")])
        assert reg_info.value.name == "bad"
    finally:
        events.unsubscribe(handler_id)
    pipeline_events = [n for n in seen if n[1] == "custom_loss"]
    assert pipeline_events == [
        telemetry.CUSTOM_LOSS_START,
        telemetry.CUSTOM_LOSS_STOP,
        telemetry.CUSTOM_LOSS_START,
        telemetry.CUSTOM_LOSS_EXCEPTION,
        telemetry.CUSTOM_LOSS_START,
        telemetry.CUSTOM_LOSS_EXCEPTION,
    ]


def test_bad_arguments_are_rejected_up_front(data: list[Datum], logprobs: list[np.ndarray]) -> None:
    # covers LOSS-08
    with pytest.raises(TinkexValidationError) as info:
        run_pipeline(data, logprobs, lambda d: 0.0, [])  # type: ignore[arg-type, return-value]
    assert info.value.field == "base_loss_fn"
    dup = [*_specs(), RegularizerSpec(fn=builtins.l1(), weight=1.0, name="l2")]
    with pytest.raises(TinkexValidationError, match="duplicate"):
        run_pipeline(data, logprobs, _base, dup)
    with pytest.raises(TinkexValidationError, match="duplicate"):
        compose_loss(_base, dup)


def test_composed_loss_gradient_matches_finite_differences(
    data: list[Datum], logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-04, LOSS-08: the composed loss through compute_custom_loss, jit and eager
    specs = [*_specs(), RegularizerSpec(fn=builtins.kl_divergence(), weight=0.3, name="kl")]
    loss_fn = compose_loss(_base, specs)
    jitted = compute_custom_loss(data, logprobs, loss_fn, jit=True)
    eager = compute_custom_loss(data, logprobs, loss_fn, jit=False)
    reference = run_pipeline(data, logprobs, _base, specs)
    assert jitted.loss == pytest.approx(reference.loss_total, rel=1e-5)
    assert eager.loss == pytest.approx(jitted.loss, rel=1e-6)
    assert jitted.metrics["kl/contribution"] == pytest.approx(
        reference.regularizers["kl"].contribution, rel=1e-5
    )
    assert jitted.metrics["regularizer_total"] == pytest.approx(reference.regularizer_total, rel=1e-5)
    assert jitted.metrics["tokens"] == 8.0

    h = 1e-3
    for k, lp in enumerate(logprobs):
        for i in range(lp.size):
            up, down = [x.copy() for x in logprobs], [x.copy() for x in logprobs]
            up[k][i] += h
            down[k][i] -= h
            numeric = (float(loss_fn(data, up)[0]) - float(loss_fn(data, down)[0])) / (2 * h)
            assert jitted.grads[k][i] == pytest.approx(numeric, rel=2e-2, abs=2e-3)
            assert eager.grads[k][i] == pytest.approx(jitted.grads[k][i], rel=1e-5, abs=1e-6)


def test_composed_loss_with_a_numpy_regularizer_uses_the_fallback(
    data: list[Datum], logprobs: list[np.ndarray]
) -> None:
    # covers LOSS-04, LOSS-08: on concrete arrays the regularizers go through the executor
    cube = RegularizerSpec(fn=lambda d, lps: float(np.sum(np.asarray(lps[1]) ** 3)), weight=2.0, name="cube")
    loss_fn = compose_loss(_base, [cube], parallel=True, max_concurrency=2)
    with pytest.warns(RuntimeWarning, match="finite differences"):
        result = compute_custom_loss(data, logprobs, loss_fn)
    np.testing.assert_allclose(result.grads[0], -np.ones(4), rtol=1e-3)
    np.testing.assert_allclose(result.grads[1], -1.0 + 6.0 * logprobs[1].astype(np.float64) ** 2, rtol=1e-3)

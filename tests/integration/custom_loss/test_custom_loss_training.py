"""forward_backward_custom against the local server (LOSS-01…LOSS-07, protocol §5.4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jax.numpy as jnp
import numpy as np
import pytest

from tinkex import types
from tinkex.errors import RequestFailedError
from tinkex.regularizers import RegularizerSpec, builtins, compose_loss, run_pipeline

pytestmark = pytest.mark.server

MODEL = "local/byte-tiny"
BOS, EOS = 257, 258


def _datum(text: str, weight: float) -> types.Datum:
    tokens = [BOS, *text.encode(), EOS]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [weight] * (len(tokens) - 1)},
    )


DATA = [_datum("custom loss", 1.0), _datum("two passes", 0.5)]


def _cross_entropy(data: Sequence[types.Datum], logprobs: Sequence[Any]) -> Any:
    return sum(
        -jnp.sum(d.loss_fn_inputs["weights"].to_jax() * lp) for d, lp in zip(data, logprobs, strict=True)
    )


def _logprobs(client: Any) -> list[np.ndarray]:
    out = client.forward(DATA, "cross_entropy").result(timeout=120)
    return [o["logprobs"].to_numpy() for o in out.loss_fn_outputs]


def _new_client(service_client: Any) -> Any:
    return service_client.create_lora_training_client(base_model=MODEL, rank=4, seed=7).result(timeout=120)


def test_cross_entropy_as_custom_loss_matches_plain_forward_backward(service_client: Any) -> None:
    # covers LOSS-01, LOSS-03, LOSS-05, LOSS-06
    plain, custom = _new_client(service_client), _new_client(service_client)
    np.testing.assert_array_equal(np.concatenate(_logprobs(plain)), np.concatenate(_logprobs(custom)))
    adam = types.AdamParams(learning_rate=1e-2)

    plain_out = plain.forward_backward(DATA, "cross_entropy").result(timeout=120)
    plain.optim_step(adam).result(timeout=120)
    custom_out = custom.forward_backward_custom(DATA, _cross_entropy).result(timeout=120)
    custom.optim_step(adam).result(timeout=120)

    assert custom_out.metrics["loss:sum"] == pytest.approx(plain_out.metrics["loss:sum"], rel=1e-5)
    assert custom_out.metrics["surrogate_loss:sum"] == pytest.approx(plain_out.metrics["loss:sum"], rel=1e-5)
    after_plain, after_custom = _logprobs(plain), _logprobs(custom)
    for a, b in zip(after_plain, after_custom, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    # the step really changed the model
    assert not np.allclose(
        np.concatenate(after_plain), np.concatenate(_logprobs(_new_client(service_client)))
    )


def test_composed_loss_reports_client_loss_and_regularizer_metrics(service_client: Any) -> None:
    # covers LOSS-01, LOSS-06, LOSS-08
    client = _new_client(service_client)
    specs = [
        RegularizerSpec(fn=builtins.l2(center=-1.0), weight=0.05, name="l2"),
        RegularizerSpec(fn=builtins.entropy(), weight=0.1, name="entropy"),
    ]
    loss_fn = compose_loss(_cross_entropy, specs)
    out = client.forward_backward_custom(DATA, loss_fn).result(timeout=120)
    logprobs = [o["logprobs"].to_numpy() for o in out.loss_fn_outputs]
    report = run_pipeline(DATA, logprobs, _cross_entropy, specs)
    assert out.metrics["loss:sum"] == pytest.approx(report.loss_total, rel=1e-5)
    assert out.metrics["l2/contribution"] == pytest.approx(report.regularizers["l2"].contribution, rel=1e-5)
    assert out.metrics["entropy/value"] == pytest.approx(report.regularizers["entropy"].value, rel=1e-5)
    assert "surrogate_loss:sum" in out.metrics


def test_failing_loss_raises_request_failed_and_the_client_keeps_working(service_client: Any) -> None:
    # covers LOSS-07, TRN-17 (a crash in post-processing resolves the future with "<Op> failed")
    client = _new_client(service_client)

    def broken(data: Any, logprobs: Any) -> Any:
        raise ArithmeticError("bad loss")

    with pytest.raises(RequestFailedError) as info:
        client.forward_backward_custom(DATA, broken).result(timeout=120)
    assert isinstance(info.value.__cause__, ArithmeticError)
    # the reserved backward seq_ids were released: later requests still run
    out = client.forward_backward(DATA, "cross_entropy").result(timeout=120)
    assert "loss:sum" in out.metrics


def test_invalid_input_is_rejected_before_any_request(service_client: Any) -> None:
    # covers LOSS-02
    client = _new_client(service_client)
    bad = types.Datum(model_input=types.ModelInput.from_ints([BOS]), loss_fn_inputs={})
    with pytest.raises(types.TinkexValidationError, match="target_tokens"):
        client.forward_backward_custom([bad], _cross_entropy)

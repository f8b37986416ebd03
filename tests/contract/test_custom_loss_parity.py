"""The official SDK's ``forward_backward_custom`` (torch) and tinkex's (JAX) train identically.

One fresh local server, two LoRA training clients with the same seed: one made by the
official ``tinker`` 0.38 SDK, one by tinkex. Each runs the same custom loss (a torch and a
``jax.numpy`` spelling of one formula) on the same data, then ``optim_step`` with the same
``AdamParams``, twice. Weights live on the server, so the observable is the model: forward
logprobs on a probe datum must agree to float32 tolerance, and so must the reported
``loss:sum`` (client loss) and ``surrogate_loss:sum`` (the server's weighted backward pass).

The loss reads an extra ``advantages`` input that both SDKs keep client-side, and uses a
non-linear term, so the parity covers the gradient (not just a re-weighted cross entropy).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import jax.numpy as jnp
import numpy as np
import pytest
import tinker
import torch
from tinker import types as official_types

import tinkex
from tinkex import types as tinkex_types
from tinkex.server.runner import ServerHandle
from tinkex.server.testing import TEST_MODEL, ServerFactory

pytestmark = pytest.mark.server

API_KEY = "tml-parity-test-0123456789"
BOS, EOS = 257, 258
LORA = {"base_model": TEST_MODEL, "rank": 4, "seed": 11}
ADAM = {
    "learning_rate": 2e-2,
    "beta1": 0.9,
    "beta2": 0.95,
    "eps": 1e-8,
    "weight_decay": 0.01,
    "grad_clip_norm": 1.0,
}
TEXTS = [("custom losses", 1.0), ("in two SDKs", -0.5)]  # (text, advantage)
PROBE_TEXT = "probe: same weights?"
STEPS = 2
TIMEOUT_S = 180


def _tokens(text: str) -> list[int]:
    return [BOS, *text.encode(), EOS]


def _official_datum(text: str, advantage: float) -> official_types.Datum:
    tokens = _tokens(text)
    n = len(tokens) - 1
    return official_types.Datum(
        model_input=official_types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={
            "target_tokens": official_types.TensorData(data=tokens[1:], dtype="int64", shape=[n]),
            "weights": official_types.TensorData(data=[1.0] * n, dtype="float32", shape=[n]),
            "advantages": official_types.TensorData(data=[advantage] * n, dtype="float32", shape=[n]),
        },
    )


def _tinkex_datum(text: str, advantage: float) -> tinkex_types.Datum:
    tokens = _tokens(text)
    n = len(tokens) - 1
    return tinkex_types.Datum(
        model_input=tinkex_types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={
            "target_tokens": tinkex_types.TensorData(data=tokens[1:], dtype="int64", shape=[n]),
            "weights": tinkex_types.TensorData(data=[1.0] * n, dtype="float32", shape=[n]),
            "advantages": tinkex_types.TensorData(data=[advantage] * n, dtype="float32", shape=[n]),
        },
    )


# One formula, two spellings: policy-gradient term plus a quadratic pull on the logprobs.
#   L = Σ_datums Σ_t ( -A_t · w_t · logp_t + 0.05 · logp_t² )
def _torch_loss(
    data: Sequence[Any], logprobs: Sequence[torch.Tensor]
) -> tuple[torch.Tensor, dict[str, float]]:
    total = torch.zeros(())
    for datum, lp in zip(data, logprobs, strict=True):
        advantages = datum.loss_fn_inputs["advantages"].to_torch()
        weights = datum.loss_fn_inputs["weights"].to_torch()
        total = total + (-advantages * weights * lp + 0.05 * lp**2).sum()
    return total, {"mean_logprob": float(torch.cat([lp.detach() for lp in logprobs]).mean())}


def _jax_loss(data: Sequence[Any], logprobs: Sequence[Any]) -> tuple[Any, dict[str, Any]]:
    total = jnp.zeros(())
    for datum, lp in zip(data, logprobs, strict=True):
        advantages = jnp.asarray(datum.loss_fn_inputs["advantages"].to_numpy())
        weights = jnp.asarray(datum.loss_fn_inputs["weights"].to_numpy())
        total = total + jnp.sum(-advantages * weights * lp + 0.05 * lp**2)
    return total, {"mean_logprob": jnp.mean(jnp.concatenate(list(logprobs)))}


@pytest.fixture
def server(server_factory: ServerFactory) -> ServerHandle:
    return server_factory.start()


@pytest.fixture
def official_service(server: ServerHandle) -> Iterator[Any]:
    client = tinker.ServiceClient(base_url=server.base_url, api_key=API_KEY)
    yield client
    client.close("success").result(timeout=60)  # leave no official background work at exit


@pytest.fixture
def tinkex_service(server: ServerHandle) -> Iterator[Any]:
    client = tinkex.ServiceClient(base_url=server.base_url, api_key=API_KEY)
    yield client
    client.close().result(timeout=30)


def _resolved(maybe_future: Any) -> Any:
    return maybe_future.result(timeout=TIMEOUT_S) if hasattr(maybe_future, "result") else maybe_future


def _probe_logprobs(client: Any, datum: Any) -> np.ndarray:
    out = client.forward([datum], "cross_entropy").result(timeout=TIMEOUT_S)
    logprobs = out.loss_fn_outputs[0]["logprobs"]
    return np.asarray(logprobs.tolist() if hasattr(logprobs, "tolist") else logprobs.to_numpy(), np.float32)


def test_official_and_tinkex_custom_losses_train_the_same_weights(
    official_service: Any, tinkex_service: Any
) -> None:
    # covers LOSS-01, LOSS-03, LOSS-05, LOSS-06 (parity with the official SDK, issue 6)
    official = _resolved(official_service.create_lora_training_client(**LORA))
    ours = _resolved(tinkex_service.create_lora_training_client(**LORA))
    official_probe, tinkex_probe = _official_datum(PROBE_TEXT, 0.0), _tinkex_datum(PROBE_TEXT, 0.0)
    initial = _probe_logprobs(ours, tinkex_probe)
    # Same seed, same start: otherwise the comparison after training would prove nothing.
    np.testing.assert_array_equal(_probe_logprobs(official, official_probe), initial)

    official_data = [_official_datum(text, adv) for text, adv in TEXTS]
    tinkex_data = [_tinkex_datum(text, adv) for text, adv in TEXTS]
    for _ in range(STEPS):
        official_fb = official.forward_backward_custom(official_data, _torch_loss)
        official_step = official.optim_step(official_types.AdamParams(**ADAM))
        tinkex_fb = ours.forward_backward_custom(tinkex_data, _jax_loss)
        tinkex_step = ours.optim_step(tinkex_types.AdamParams(**ADAM))
        official_metrics = official_fb.result(timeout=TIMEOUT_S).metrics
        tinkex_metrics = tinkex_fb.result(timeout=TIMEOUT_S).metrics
        official_step.result(timeout=TIMEOUT_S)
        tinkex_step.result(timeout=TIMEOUT_S)
        for name in ("loss:sum", "surrogate_loss:sum", "mean_logprob"):
            assert tinkex_metrics[name] == pytest.approx(official_metrics[name], rel=1e-5, abs=1e-6), name

    after_official = _probe_logprobs(official, official_probe)
    after_tinkex = _probe_logprobs(ours, tinkex_probe)
    np.testing.assert_allclose(after_tinkex, after_official, rtol=1e-5, atol=1e-6)
    # The steps really moved the model, so equal logprobs mean equal updates.
    assert np.max(np.abs(after_tinkex - initial)) > 1e-3


def _official_gradients(data: list[Any], forward: Any) -> list[np.ndarray]:
    """The official SDK's d loss / d logprobs for ``_torch_loss`` (its backward weights are -grad)."""
    computed = tinker.TrainingClient._compute_custom_loss(data, _torch_loss, forward)
    return [-np.asarray(d.loss_fn_inputs["weights"].tolist(), np.float32) for d in computed.data]


def test_the_same_torch_loss_gives_the_official_gradients_and_steps(
    official_service: Any, tinkex_service: Any
) -> None:
    # covers LOSS-01, LOSS-04 (a loss written for the official SDK, torch, runs unchanged; issue 17)
    from tinkex.custom_loss import compute_custom_loss

    official = _resolved(official_service.create_lora_training_client(**LORA))
    ours = _resolved(tinkex_service.create_lora_training_client(**LORA))
    official_data = [_official_datum(text, adv) for text, adv in TEXTS]
    tinkex_data = [_tinkex_datum(text, adv) for text, adv in TEXTS]
    official_probe, tinkex_probe = _official_datum(PROBE_TEXT, 0.0), _tinkex_datum(PROBE_TEXT, 0.0)

    for _ in range(STEPS):
        # Gradients of the same torch loss at the same logprobs: the official SDK's own
        # computation against tinkex's (chosen automatically: the loss names torch).
        forward = ours.forward(tinkex_data, "cross_entropy").result(timeout=TIMEOUT_S)
        logprobs = [out["logprobs"].to_numpy() for out in forward.loss_fn_outputs]
        official_forward = official.forward(official_data, "cross_entropy").result(timeout=TIMEOUT_S)
        ours_result = compute_custom_loss(tinkex_data, logprobs, _torch_loss)
        for mine, theirs in zip(
            ours_result.grads, _official_gradients(official_data, official_forward), strict=True
        ):
            np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-6)

        official_fb = official.forward_backward_custom(official_data, _torch_loss)
        official_step = official.optim_step(official_types.AdamParams(**ADAM))
        tinkex_fb = ours.forward_backward_custom(tinkex_data, _torch_loss)
        tinkex_step = ours.optim_step(tinkex_types.AdamParams(**ADAM))
        official_metrics = official_fb.result(timeout=TIMEOUT_S).metrics
        tinkex_metrics = tinkex_fb.result(timeout=TIMEOUT_S).metrics
        official_step.result(timeout=TIMEOUT_S)
        tinkex_step.result(timeout=TIMEOUT_S)
        for name in ("loss:sum", "surrogate_loss:sum", "mean_logprob"):
            assert tinkex_metrics[name] == pytest.approx(official_metrics[name], rel=0, abs=1e-6), name
        # The next step starts from the same weights: equal logprobs after every step.
        np.testing.assert_allclose(
            _probe_logprobs(ours, tinkex_probe), _probe_logprobs(official, official_probe), rtol=0, atol=1e-6
        )

"""The official 0.38 additions end to end on the local server: official ``tinker`` objects handed
to tinkex clients, console links, custom-loss handles, and the calls the server answers itself
(copy_weights, save_weights_external, trace export, admin figures).
"""

from __future__ import annotations

import numpy as np
import pytest
import tinker

import tinkex
from tinkex import types

from ._helpers import tokens_of


def _official_datum(text: str) -> tinker.Datum:
    tokens = tokens_of(text)
    return tinker.Datum(
        model_input=tinker.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={
            "target_tokens": tinker.TensorData.from_numpy(np.asarray(tokens[1:], dtype=np.int64)),
            "weights": tinker.TensorData.from_numpy(np.ones(len(tokens) - 1, dtype=np.float32)),
        },
    )


def test_official_objects_are_accepted(training_client: tinkex.TrainingClient) -> None:
    # covers DESIGN §3: objects built with the official SDK's classes work with tinkex clients
    datum = _official_datum("official datum")
    out = training_client.forward_backward([datum], "cross_entropy").result(timeout=120)
    assert out.metrics["loss:sum"] > 0
    training_client.optim_step(tinker.AdamParams(learning_rate=1e-3)).result(timeout=120)
    sampler = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    reply = sampler.sample(
        prompt=tinker.ModelInput.from_ints([257]),
        num_samples=1,
        sampling_params=tinker.SamplingParams(max_tokens=2, temperature=0.0, stop=[]),
    ).result(timeout=120)
    assert len(reply.sequences[0].tokens) >= 1


def test_type_errors_name_module_and_class(training_client: tinkex.TrainingClient) -> None:
    with pytest.raises(tinkex.TinkexValidationError) as caught:
        training_client.forward_backward([tinker.ModelInput.from_ints([1])], "cross_entropy")
    assert str(caught.value).endswith("data[0]: expected tinkex.types.Datum, got tinker.ModelInput")
    with pytest.raises(ValueError, match=r"expected tinkex.types.AdamParams or tinkex.types.DimuonParams"):
        training_client.optim_step({"learning_rate": 1e-3})  # type: ignore[arg-type]


def test_console_urls(service_client: tinkex.ServiceClient, training_client: tinkex.TrainingClient) -> None:
    # covers the official get_console_url (links only; nothing is sent)
    assert service_client.get_console_url().endswith(f"/sessions/{service_client.holder.session_id}")
    assert training_client.get_console_url().endswith(f"/training_runs/{training_client.model_id}")
    fresh = tinkex.ServiceClient(base_url="http://127.0.0.1:9", api_key="tml-console-url-key")
    try:
        assert fresh.get_console_url().endswith("/sessions")
    finally:
        fresh.close().result(timeout=30)


def test_create_custom_loss_traces_and_checks(service_client: tinkex.ServiceClient) -> None:
    # covers the official ServiceClient.create_custom_loss: traced with torch.fx, checked, one per session
    import torch

    def neg_ll(logprobs: torch.Tensor, weights: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        loss = -(logprobs * weights).sum()
        return loss, {"custom/neg_ll:sum": loss}

    handle = service_client.create_custom_loss(neg_ll, {"logprobs": 1, "weights": 1}).result(timeout=120)
    assert isinstance(handle, tinkex.LossHandle)
    assert handle.name == "neg_ll" and handle.input_names == ("weights",)
    assert handle.session_id == service_client.holder.session_id and handle.loss_id is None
    with pytest.raises(tinkex.TinkexValidationError, match="already created"):
        service_client.create_custom_loss(neg_ll, {"logprobs": 1, "weights": 1}).result(timeout=60)

    def branches(logprobs: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        return (logprobs.sum() if logprobs.sum() > 0 else -logprobs.sum()), {}

    with pytest.raises(ValueError, match="cannot be traced"):
        service_client.create_custom_loss(branches, {"logprobs": 1})

    def host(logprobs: torch.Tensor) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        return logprobs.sum(), {"custom/x:mean": logprobs.mean().item()}

    with pytest.raises(ValueError, match="item"):
        service_client.create_custom_loss(host, {"logprobs": 1})
    with pytest.raises(ValueError, match="input_ranks"):
        service_client.create_custom_loss(neg_ll, {"logprobs": 1})

    # The handle is a batch loss: per-datum losses summed, :sum metrics summed.
    data = [_tinkex_datum(t) for t in ("a", "bc")]
    logprobs = [torch.full((len(d.loss_fn_inputs["weights"].to_numpy()),), -0.5) for d in data]
    loss, metrics = handle(data, logprobs)
    expected = sum(0.5 * len(lp) for lp in logprobs)
    assert float(loss) == pytest.approx(expected) and metrics["custom/neg_ll:sum"] == pytest.approx(expected)


def _tinkex_datum(text: str) -> types.Datum:
    tokens = tokens_of(text)
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )

"""TrainingClient against the local server: passes, optimizer, checkpoints, sampling, tokenizer."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

import tinkex
from tinkex import types

from ._helpers import MODEL, SEQ_LEN, new_service, rl_datum, text_datum, tokens_of

TEXTS = ["alpha beta", "gamma delta", "epsilon zeta", "eta theta", "iota kappa"]


def _logprobs(out: types.ForwardBackwardOutput) -> list[np.ndarray]:
    return [np.asarray(o["logprobs"].to_numpy()) for o in out.loss_fn_outputs]


def _loss(out: types.ForwardBackwardOutput) -> float:
    return float(out.metrics["loss:sum"])


def test_forward_returns_logprobs_and_loss(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-04, LOSS-19 (forward logprobs as numpy/JAX tensors for local evaluation)
    out = training_client.forward([text_datum(t) for t in TEXTS[:2]], "cross_entropy").result(timeout=120)
    assert len(out.loss_fn_outputs) == 2
    for logprobs, output in zip(_logprobs(out), out.loss_fn_outputs, strict=True):
        assert logprobs.shape == (SEQ_LEN,)
        assert np.all(logprobs < 0)
        np.testing.assert_allclose(np.asarray(output["logprobs"].to_jax()), logprobs)
    # cross_entropy's loss is the weighted sum of -logprobs (weights are all 1 here)
    assert _loss(out) == pytest.approx(-sum(lp.sum() for lp in _logprobs(out)), rel=1e-4)


def test_forward_does_not_change_the_model(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-04
    data = [text_datum(TEXTS[0])]
    first = _logprobs(training_client.forward(data, "cross_entropy").result(timeout=120))
    training_client.optim_step(types.AdamParams(learning_rate=1e-1)).result(timeout=120)  # no gradients yet
    second = _logprobs(training_client.forward(data, "cross_entropy").result(timeout=120))
    np.testing.assert_allclose(first[0], second[0], rtol=1e-6)


@pytest.mark.parametrize("wire_format", ["protobuf", "json"])
def test_forward_backward_and_adam_lower_the_loss(local_server: object, wire_format: str) -> None:
    # covers TRN-03, TRN-06 (both wire formats)
    with new_service(local_server.base_url, wire_format=wire_format) as service:  # type: ignore[attr-defined]
        assert service.config.wire_format == wire_format
        client = service.create_lora_training_client(MODEL, rank=4, seed=0).result(timeout=120)
        data = [text_datum(TEXTS[0])]
        losses = []
        for _ in range(4):
            fwd_bwd = client.forward_backward(data, "cross_entropy")
            optim = client.optim_step(types.AdamParams(learning_rate=5e-2))
            losses.append(_loss(fwd_bwd.result(timeout=120)))
            assert isinstance(optim.result(timeout=120), types.OptimStepResponse)
        assert losses[-1] < losses[0]


def test_forward_backward_importance_sampling(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-03 (an RL loss with sampled logprobs and advantages)
    forward = training_client.forward([text_datum(TEXTS[1])], "cross_entropy").result(timeout=120)
    sampled = _logprobs(forward)[0].tolist()
    datum = rl_datum(TEXTS[1], sampled, advantage=1.0)
    out = training_client.forward_backward([datum], "importance_sampling").result(timeout=120)
    # on-policy: the ratio is 1, so the loss is -sum(advantages) = -SEQ_LEN
    assert _loss(out) == pytest.approx(-SEQ_LEN, rel=1e-3)
    # An unknown loss fails the future, as the server's 400 does under the official SDK.
    with pytest.raises(tinkex.TinkexValidationError, match="loss_fn"):
        training_client.forward_backward([datum], "not_a_loss").result(timeout=120)  # type: ignore[arg-type]


@pytest.fixture
def chunked_service(local_server: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[tinkex.ServiceClient]:
    """A client of a server that asks for chunks of at most 2 datums (its client config)."""
    from tinkex.server import routes_service

    monkeypatch.setitem(routes_service.CLIENT_CONFIG, "fwdbwd_max_chunk_len", 2)
    with new_service(local_server.base_url) as service:  # type: ignore[attr-defined]
        yield service


def _training_requests(server: object) -> int:
    """forward/forward_backward requests the server received (protobuf sends both to one route)."""
    counts = server.faults.stats()["requests"]  # type: ignore[attr-defined]
    return int(counts.get("POST /api/v1/forward", 0) + counts.get("POST /api/v1/forward_backward", 0))


def test_chunked_forward_backward_matches_one_request(
    local_server: object, chunked_service: tinkex.ServiceClient, training_client: tinkex.TrainingClient
) -> None:
    # covers TRN-05, TRN-02, FUT-13: 5 datums go out as 3 chunks with consecutive seq_ids
    chunked = chunked_service.create_lora_training_client(MODEL, rank=4, seed=0).result(timeout=120)
    assert chunked.holder.client_config["fwdbwd_max_chunk_len"] == 2
    data = [text_datum(t) for t in TEXTS]
    whole = training_client.forward(data, "cross_entropy").result(timeout=120)
    sent_before = _training_requests(local_server)
    split = chunked.forward(data, "cross_entropy").result(timeout=120)
    assert _training_requests(local_server) - sent_before == 3
    assert len(split.loss_fn_outputs) == len(data)
    for a, b in zip(_logprobs(whole), _logprobs(split), strict=True):  # same order as the input
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    assert _loss(split) == pytest.approx(_loss(whole), rel=1e-5)  # ":sum" metrics are summed
    fwd_bwd = chunked.forward_backward(data, "cross_entropy").result(timeout=120)
    assert _loss(fwd_bwd) == pytest.approx(_loss(whole), rel=1e-5)
    # 3 chunks each: the server saw seq_ids 1..6 in order, so a further step is accepted
    chunked.optim_step(types.AdamParams(learning_rate=1e-2)).result(timeout=120)


async def test_async_training_calls(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-03, TRN-04, TRN-06, TRN-09, TRN-10, TRN-07, TRN-11 (the `_async` twins)
    data = [text_datum(TEXTS[2])]
    fwd = await (await training_client.forward_async(data, "cross_entropy"))
    fwd_bwd = await (await training_client.forward_backward_async(data, "cross_entropy"))
    assert _loss(fwd) == pytest.approx(_loss(fwd_bwd), rel=1e-5)
    await (await training_client.optim_step_async(types.AdamParams(learning_rate=5e-2)))
    saved = await (await training_client.save_state_async("async-state"))
    assert saved.path.endswith("/weights/async-state")
    loaded = await (await training_client.load_state_async(saved.path))
    assert loaded.path == saved.path
    loaded_opt = await (await training_client.load_state_with_optimizer_async(saved.path))
    assert loaded_opt.path == saved.path
    sampler = await (await training_client.save_weights_for_sampler_async("async-sampler"))
    assert sampler.path.endswith("/sampler_weights/async-sampler")
    info = await training_client.get_info_async()
    assert info.model_id == training_client.model_id


def test_save_and_load_state_restore_weights(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-09, TRN-10
    data = [text_datum(TEXTS[3])]
    saved = training_client.save_state("before-step").result(timeout=120)
    assert saved.path == f"tinker://{training_client.model_id}/weights/before-step"
    before = _logprobs(training_client.forward(data, "cross_entropy").result(timeout=120))[0]
    training_client.forward_backward(data, "cross_entropy").result(timeout=120)
    training_client.optim_step(types.AdamParams(learning_rate=1e-1)).result(timeout=120)
    after_step = _logprobs(training_client.forward(data, "cross_entropy").result(timeout=120))[0]
    assert not np.allclose(before, after_step)
    training_client.load_state(saved.path).result(timeout=120)
    np.testing.assert_allclose(
        _logprobs(training_client.forward(data, "cross_entropy").result(timeout=120))[0],
        before,
        rtol=1e-5,
        atol=1e-5,
    )
    training_client.load_state_with_optimizer(saved.path).result(timeout=120)
    with pytest.raises(tinkex.TinkexValidationError, match="path"):
        training_client.load_state("weights/before-step")


def _sample_greedy(sampler: tinkex.SamplingClient, prompt: list[int]) -> list[int]:
    params = types.SamplingParams(max_tokens=6, temperature=0.0)
    response = sampler.sample(types.ModelInput.from_ints(prompt), 1, params).result(timeout=120)
    return list(response.sequences[0].tokens)


def test_save_weights_and_get_sampling_client(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-07, TRN-08, TRN-14: ephemeral samplers (name= is ignored, as in the official
    # SDK; tests/integration/clients/test_official_semantics.py); a snapshot is frozen
    prompt = tokens_of(TEXTS[4])[:4]
    named = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    assert isinstance(named, tinkex.SamplingClient)
    ephemeral = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    assert ephemeral.sampling_session_id != named.sampling_session_id
    assert ephemeral.get_base_model() == MODEL
    before = ephemeral.compute_logprobs(types.ModelInput.from_ints(tokens_of(TEXTS[4]))).result(timeout=120)
    greedy_before = _sample_greedy(ephemeral, prompt)
    assert _sample_greedy(named, prompt) == greedy_before

    data = [text_datum(TEXTS[4])]
    for _ in range(3):
        training_client.forward_backward(data, "cross_entropy").result(timeout=120)
        training_client.optim_step(types.AdamParams(learning_rate=1e-1)).result(timeout=120)
    after = ephemeral.compute_logprobs(types.ModelInput.from_ints(tokens_of(TEXTS[4]))).result(timeout=120)
    assert after == before  # the snapshot did not follow training
    fresh = training_client.save_weights_and_get_sampling_client().result(timeout=120)
    trained = fresh.compute_logprobs(types.ModelInput.from_ints(tokens_of(TEXTS[4]))).result(timeout=120)
    assert trained != before

    path = training_client.save_weights_for_sampler("named-2").result(timeout=120).path
    from_path = training_client.create_sampling_client(path).result(timeout=120)
    assert (
        from_path.compute_logprobs(types.ModelInput.from_ints(tokens_of(TEXTS[4]))).result(timeout=120)
        == trained
    )


async def test_save_weights_and_get_sampling_client_async(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-08, TRN-14 (async)
    sampler = await training_client.save_weights_and_get_sampling_client_async()
    assert isinstance(sampler, tinkex.SamplingClient)
    path = (await training_client.save_weights_for_sampler("async-named")).path
    from_path = await training_client.create_sampling_client_async(path)
    assert from_path.get_base_model() == MODEL


def test_get_info_and_unload(service_client: tinkex.ServiceClient) -> None:
    # covers TRN-11, TRN-12
    client = service_client.create_lora_training_client(MODEL, rank=4).result(timeout=120)
    info = client.get_info()
    assert info.model_id == client.model_id and info.is_lora and info.lora_rank == 4
    unloaded = client.unload_model().result(timeout=120)
    assert unloaded.model_id == client.model_id
    with pytest.raises(tinkex.APIStatusError):
        client.forward([text_datum(TEXTS[0])], "cross_entropy").result(timeout=120)


async def test_unload_model_async(service_client: tinkex.ServiceClient) -> None:
    # covers TRN-12 (async)
    client = await service_client.create_lora_training_client_async(MODEL, rank=4)
    assert (await client.unload_model()).model_id == client.model_id


def test_tokenizer_helpers_use_the_bundled_byte_tokenizer(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-13, TOK-01, TOK-05, TOK-08
    tokenizer = training_client.get_tokenizer()
    assert training_client.get_tokenizer() is tokenizer  # cached per id
    ids = training_client.encode("hi!", add_special_tokens=False)
    assert ids == list(b"hi!")
    assert training_client.decode(ids) == "hi!"
    assert training_client.decode(list("héllo".encode())) == "héllo"


def test_forward_backward_custom_with_a_numpy_loss(training_client: tinkex.TrainingClient) -> None:
    # covers TRN-15, LOSS-01: a loss written with plain numpy-compatible operations
    data = [text_datum(TEXTS[0]), text_datum(TEXTS[1])]

    def neg_logprob_sum(batch: list[types.Datum], logprobs: list[object]) -> tuple[object, dict[str, float]]:
        total = sum((-lp).sum() for lp in logprobs)  # type: ignore[operator]
        return total, {"custom_total": total}

    reference = training_client.forward(data, "cross_entropy").result(timeout=120)
    out = training_client.forward_backward_custom(data, neg_logprob_sum).result(timeout=120)
    assert len(out.loss_fn_outputs) == 2
    for a, b in zip(_logprobs(out), _logprobs(reference), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    assert out.metrics["custom_total"] == pytest.approx(_loss(reference), rel=1e-4)
    # the gradient of this loss equals cross_entropy's, so one step lowers cross_entropy
    training_client.optim_step(types.AdamParams(learning_rate=5e-2)).result(timeout=120)
    after = training_client.forward(data, "cross_entropy").result(timeout=120)
    assert _loss(after) < _loss(reference)

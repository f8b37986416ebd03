"""ServiceClient against the local server: every public method, sync and async."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import tinkex
from tinkex import types

from ._helpers import MODEL, heartbeat_status, new_service, text_datum


def _forward_logprobs(client: tinkex.TrainingClient, datum: types.Datum) -> np.ndarray:
    out = client.forward([datum], "cross_entropy").result(timeout=120)
    return np.asarray(out.loss_fn_outputs[0]["logprobs"].to_numpy())


def test_create_lora_training_client_returns_a_future_of_the_client(
    service_client: tinkex.ServiceClient,
) -> None:
    # covers SVC-02, TRN-01
    future = service_client.create_lora_training_client(MODEL, rank=4, seed=1, train_unembed=False)
    client = future.result(timeout=120)
    assert isinstance(client, tinkex.TrainingClient)
    info = client.get_info()
    assert info.model_id == client.model_id
    assert info.lora_rank == 4
    assert info.model_data is not None and info.model_data.model_name == MODEL


async def test_create_lora_training_client_async_and_await(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-03
    first = await service_client.create_lora_training_client_async(MODEL, rank=4)
    second = await service_client.create_lora_training_client(MODEL, rank=4)
    assert isinstance(first, tinkex.TrainingClient) and isinstance(second, tinkex.TrainingClient)
    assert first.model_id != second.model_id


def test_create_lora_training_client_used_directly_warns(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-02 (official 0.38 transition: the future also acts as the client, with a FutureWarning)
    future = service_client.create_lora_training_client(MODEL, rank=4)
    with pytest.warns(FutureWarning, match="deprecated"):
        model_id = future.model_id
    assert model_id == future.result().model_id
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert future.result().model_id == model_id  # the real client does not warn


def test_create_lora_training_client_rejects_bad_input(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-02
    with pytest.raises(tinkex.TinkexValidationError, match="base_model"):
        service_client.create_lora_training_client("")
    with pytest.raises(Exception, match=r"train_mlp|train_attn|train_unembed"):
        service_client.create_lora_training_client(
            MODEL, train_mlp=False, train_attn=False, train_unembed=False
        )


def test_training_client_from_state_keeps_the_weights(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-04, SVC-05, TRN-09
    datum = text_datum("restore me")
    source = service_client.create_lora_training_client(MODEL, rank=4, seed=2).result(timeout=120)
    source.forward_backward([datum], "cross_entropy").result(timeout=120)
    source.optim_step(types.AdamParams(learning_rate=5e-2)).result(timeout=120)
    saved = source.save_state("from-state").result(timeout=120)
    expected = _forward_logprobs(source, datum)

    weights_only = service_client.create_training_client_from_state(saved.path).result(timeout=120)
    with_optimizer = service_client.create_training_client_from_state_with_optimizer(saved.path).result(
        timeout=120
    )
    for restored in (weights_only, with_optimizer):
        assert restored.model_id != source.model_id
        assert restored.get_info().lora_rank == 4
        np.testing.assert_allclose(_forward_logprobs(restored, datum), expected, rtol=1e-5, atol=1e-5)


async def test_training_client_from_state_async(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-06, SVC-05
    datum = text_datum("restore async")
    source = await service_client.create_lora_training_client_async(MODEL, rank=4, seed=3)
    await source.forward_backward([datum], "cross_entropy")
    await source.optim_step(types.AdamParams(learning_rate=5e-2))
    saved = await source.save_state("from-state-async")
    expected = (await source.forward([datum], "cross_entropy")).loss_fn_outputs[0]["logprobs"].to_numpy()

    restored = await service_client.create_training_client_from_state_async(saved.path)
    restored_opt = await service_client.create_training_client_from_state_with_optimizer_async(saved.path)
    for client in (restored, restored_opt):
        got = (await client.forward([datum], "cross_entropy")).loss_fn_outputs[0]["logprobs"].to_numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_from_state_rejects_a_non_tinker_path(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-04
    with pytest.raises(tinkex.TinkexValidationError, match="path"):
        service_client.create_training_client_from_state("/tmp/weights")


def test_create_sampling_client_from_base_model_and_path(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-07, SMP-01
    base = service_client.create_sampling_client(base_model=MODEL).result(timeout=120)
    assert isinstance(base, tinkex.SamplingClient)
    assert base.get_base_model() == MODEL

    trainer = service_client.create_lora_training_client(MODEL, rank=4).result(timeout=120)
    path = trainer.save_weights_for_sampler("svc-sampler").result(timeout=120).path
    from_path = service_client.create_sampling_client(model_path=path).result(timeout=120)
    assert from_path.get_base_model() == MODEL
    assert from_path.sampling_session_id != base.sampling_session_id

    with pytest.raises(tinkex.TinkexValidationError, match="model_path"):
        service_client.create_sampling_client()
    with pytest.raises(tinkex.TinkexValidationError, match="tinker://"):
        service_client.create_sampling_client(model_path="local/byte-tiny").result(timeout=30)


async def test_create_sampling_client_async(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-08
    client = await service_client.create_sampling_client_async(base_model=MODEL)
    assert isinstance(client, tinkex.SamplingClient)
    assert await client.get_base_model_async() == MODEL


async def test_server_capabilities_and_health(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-09, SVC-10
    caps = service_client.get_server_capabilities()
    assert MODEL in [m.model_name for m in caps.supported_models]
    caps_async = await service_client.get_server_capabilities_async()
    assert caps_async == caps
    assert service_client.health_check().status == "ok"
    assert (await service_client.health_check_async()).status == "ok"


def test_create_rest_client_is_bound_to_the_service(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-11
    rest = service_client.create_rest_client()
    assert isinstance(rest, tinkex.RestClient)
    assert service_client.create_rest_client() is rest
    assert rest.list_training_runs(limit=1).result(timeout=60).cursor.limit == 1


def test_close_finishes_the_session(local_server: object) -> None:
    # covers SVC-13, SES-07
    base_url = local_server.base_url  # type: ignore[attr-defined]
    service = new_service(base_url)
    service.create_sampling_client(base_model=MODEL).result(timeout=60)
    session_id = service.holder.session_id
    assert session_id is not None
    assert heartbeat_status(base_url, session_id) == 200
    assert service.get_telemetry() is None  # telemetry is off in the suite (SVC-12)
    service.close().result(timeout=60)
    assert heartbeat_status(base_url, session_id) == 410
    service.close().result(timeout=60)  # idempotent


def test_context_manager_finishes_the_session(local_server: object) -> None:
    # covers SVC-01, SVC-13
    base_url = local_server.base_url  # type: ignore[attr-defined]
    with new_service(base_url) as service:
        service.create_sampling_client(base_model=MODEL).result(timeout=60)
        session_id = service.holder.session_id
        assert session_id is not None
        assert heartbeat_status(base_url, session_id) == 200
    assert heartbeat_status(base_url, session_id) == 410


async def test_async_context_manager_finishes_the_session(local_server: object) -> None:
    # covers SVC-13
    base_url = local_server.base_url  # type: ignore[attr-defined]
    async with new_service(base_url) as service:
        await service.create_sampling_client_async(base_model=MODEL)
        session_id = service.holder.session_id
    assert session_id is not None
    assert heartbeat_status(base_url, session_id) == 410

"""Every client has close()/aclose() and works as a context manager, sync and async."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

import tinkex
from tinkex import types

from .conftest import MODEL, TEST_API_KEY, ScriptRun


def service(local_server: Any) -> tinkex.ServiceClient:
    return tinkex.ServiceClient(base_url=local_server.base_url, api_key=TEST_API_KEY, telemetry_enabled=False)


# covers SVC-01
def test_sync_context_managers_close_every_client(local_server: Any) -> None:
    with service(local_server) as client:
        with client.create_rest_client() as rest:
            assert rest.get_server_capabilities().result().supported_models
        with client.create_lora_training_client(MODEL, rank=2).result() as training:
            sampler = training.save_weights_and_get_sampling_client("cm").result()
        with sampler:
            sampler.sample(types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(max_tokens=2)).result()
    with pytest.raises(RuntimeError, match="closed"):
        rest.get_server_capabilities()
    with pytest.raises(RuntimeError, match="closed"):
        training.optim_step(types.AdamParams(learning_rate=1e-3))
    with pytest.raises(RuntimeError, match="closed"):
        sampler.sample(types.ModelInput.from_ints([1]), 1, types.SamplingParams(max_tokens=1))
    with pytest.raises(RuntimeError, match="closed"):
        client.create_rest_client().get_server_capabilities()
    with pytest.raises(RuntimeError, match="closed"), client:
        pass


def test_async_context_managers_and_aclose(local_server: Any) -> None:
    async def main() -> tuple[bool, bool]:
        async with service(local_server) as client:
            async with client.create_rest_client() as rest:
                await rest.get_server_capabilities_async()
            training = await client.create_lora_training_client_async(MODEL, rank=2)
            async with training:
                sampler = await training.save_weights_and_get_sampling_client_async("acm")
            async with sampler:
                await sampler.sample_async(
                    types.ModelInput.from_ints([1]), 1, types.SamplingParams(max_tokens=1)
                )
            await sampler.aclose()  # idempotent
        await client.aclose()  # idempotent after the block
        return rest.holder._closed, client.holder._closed

    assert asyncio.run(main()) == (True, True)


def test_close_cancels_the_clients_pending_work(local_server: Any) -> None:
    faults = local_server.faults
    from tinkex.server.faults import FaultRule

    faults.add(
        FaultRule.from_json(
            {"match": {"request_type": "sample"}, "action": {"type": "future", "complete_delay_s": 600}}
        )
    )
    with service(local_server) as client:
        sampler = client.create_sampling_client(base_model=MODEL).result()
        pending = sampler.sample(types.ModelInput.from_ints([1, 2]), 1, types.SamplingParams(max_tokens=2))
        sampler.close().result(timeout=30)
        assert pending.future().cancelled()
        # The session itself stays usable for the ServiceClient's other clients.
        assert client.create_rest_client().get_server_capabilities().result().supported_models


def test_standalone_rest_client_with_block_exits_silently(run_script: Callable[..., ScriptRun]) -> None:
    run = run_script(
        """
        import tinkex
        with tinkex.RestClient() as rest:
            print(rest.get_server_capabilities().result().supported_models[0].model_name)
        """,
        TINKER_TELEMETRY="1",
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "local/byte-tiny"
    assert run.stderr == ""


def test_with_block_on_a_client_creation_future_closes_the_client(local_server: Any) -> None:
    # The deprecated use of the future as its client extends to ``with``: the block gets the
    # client itself and closes it.
    with service(local_server) as client:
        with (
            pytest.warns(FutureWarning, match="with"),
            client.create_sampling_client(base_model=MODEL) as sampler,
        ):
            assert isinstance(sampler, tinkex.SamplingClient)
            assert not isinstance(sampler, tinkex.APIFuture)
        with pytest.raises(RuntimeError, match="SamplingClient has been closed"):
            sampler.sample(types.ModelInput.from_ints([1]), 1, types.SamplingParams(max_tokens=1))

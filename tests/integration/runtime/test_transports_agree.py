"""Both connection stacks against the local Tinker server: the same results either way.

A training step and a sampling burst run once on the default pools (httpx's API over aiohttp's
connection pool) and once with ``transport="httpx"`` (httpx's own pool); both must agree, each
run must have used the stack it asked for, and dropped connections on the hot routes must be
retried.
"""

# covers HTTP-01, HTTP-07, HTTP-08, SMP-01, TRN-01

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest

import tinkex
from tinkex import types
from tinkex._http.options import PoolType
from tinkex.server.faults import DropAction, FaultInjector, FaultMatch, FaultRule, FaultWindow

from .conftest import MODEL, requests_to

ServiceFactory = Callable[..., tinkex.ServiceClient]
PROMPT = [257, 104, 101, 108, 108, 111]


def datum() -> types.Datum:
    tokens = [257, *b"fast transport", 258]
    return types.Datum(
        model_input=types.ModelInput.from_ints(tokens[:-1]),
        loss_fn_inputs={"target_tokens": tokens[1:], "weights": [1.0] * (len(tokens) - 1)},
    )


def run_flow(client: tinkex.ServiceClient) -> tuple[Any, list[list[int]]]:
    trainer = client.create_lora_training_client(MODEL, rank=4, seed=3).result(timeout=120)
    loss = trainer.forward_backward([datum()], "cross_entropy").result(timeout=120).metrics
    sampler = client.create_sampling_client(base_model=MODEL).result(timeout=120)
    params = types.SamplingParams(max_tokens=4, temperature=0.0, stop=[])
    futures = [sampler.sample(types.ModelInput.from_ints(PROMPT), 1, params) for _ in range(40)]
    return loss, [f.result(timeout=120).sequences[0].tokens for f in futures]


def pool_transports(client: tinkex.ServiceClient) -> set[str]:
    """The transport class under each pool the run opened."""
    pools = client.holder.api.transport._pools
    assert PoolType.SAMPLING in pools and PoolType.TRAINING in pools
    return {type(pool._transport).__name__ for pool in pools.values()}


def test_aiohttp_and_httpx_transports_agree(make_client: ServiceFactory) -> None:
    default = make_client()
    default_loss, default_tokens = run_flow(default)
    assert pool_transports(default) == {"AiohttpTransport"}
    plain = make_client(transport="httpx")
    plain_loss, plain_tokens = run_flow(plain)
    assert pool_transports(plain) == {"AsyncHTTPTransport"}
    assert default_tokens == plain_tokens and len(set(map(tuple, default_tokens))) == 1
    assert default_loss.keys() == plain_loss.keys()


def test_dropped_connections_on_hot_routes_are_retried(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    for route in ("/api/v1/asample", "/api/v1/retrieve_future"):
        faults.add(FaultRule(DropAction(), FaultMatch(route=route), FaultWindow(first_n=1)))
    client = make_client()
    sampler = client.create_sampling_client(base_model=MODEL).result(timeout=120)
    params = types.SamplingParams(max_tokens=2, temperature=0.0, stop=[])
    result = sampler.sample(types.ModelInput.from_ints(PROMPT), 1, params).result(timeout=120)
    assert len(result.sequences[0].tokens) == 2
    assert requests_to(faults, "/api/v1/asample", "POST") >= 2
    assert [rule["fired"] for rule in faults.stats()["rules"]] == [1, 1]


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_a_refused_connection_is_a_connection_error_on_both_stacks(transport: str) -> None:
    """Nothing listens on the port: an ``APIConnectionError``, never an ``APITimeoutError``."""
    with socket.socket() as probe:  # a loopback port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = tinkex.ServiceClient(
        base_url=f"http://127.0.0.1:{port}", api_key="tml-refused", max_retries=0, transport=transport
    )
    with pytest.raises(tinkex.APIConnectionError) as caught:
        service.get_server_capabilities()
    service.close().result(timeout=30)
    assert not isinstance(caught.value, tinkex.APITimeoutError)
    assert "ConnectError" in str(caught.value)

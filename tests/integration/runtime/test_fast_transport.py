"""The fast HTTP transport against the local Tinker server (issue 8): same results as httpx.

A training step and a sampling burst run once with the fast transport (the default) and once
with ``fast_transport=False``; both must agree, the fast run must not have built any httpx
pool, and dropped connections on the hot routes must be retried.
"""

# covers HTTP-01, HTTP-07, HTTP-08, SMP-01, TRN-01

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tinkex
from tinkex import types
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


def test_fast_and_httpx_transports_agree(make_client: ServiceFactory) -> None:
    fast = make_client()
    fast_loss, fast_tokens = run_flow(fast)
    http = fast.holder.http
    assert http._fast is not None and http._fast.transport._pools  # the fast pools carried it
    assert http.pools._clients == {}  # and no httpx client was ever built
    slow = make_client(fast_transport=False)
    slow_loss, slow_tokens = run_flow(slow)
    assert slow.holder.http.pools._clients
    assert fast_tokens == slow_tokens and len(set(map(tuple, fast_tokens))) == 1
    assert fast_loss.keys() == slow_loss.keys()


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

"""The sampling 429 backoff and the dispatch limit are shared by every client of one
(base URL, API key) in the process (SMP-04, SMP-06, SMP-07), against the local server.

Two service clients (two sessions) with the same key each open a sampler. The first sampler's
request is refused with a 429 asking for 2 s; the second sampler's request, made while that
window is open, must not reach the server before the window ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import tinkex
from tinkex import types
from tinkex.rate_limit import SamplingDispatch, SharedBackoff
from tinkex.server.faults import FaultInjector
from tinkex.telemetry import events as bus

from .conftest import MODEL, TEST_API_KEY, BusRecorder, requests_to, status_rule, wait_until

ServiceFactory = Callable[..., tinkex.ServiceClient]
ASAMPLE = "/api/v1/asample"
# Longer than the SDK's own 1 s back-pressure hold, so only the server's Retry-After explains
# the wait; and more than 1 s longer than the lag between the 429 and the second request.
WINDOW_S = 2.0
PROMPT = types.ModelInput.from_ints([257, 104, 105])
PARAMS = types.SamplingParams(max_tokens=2, temperature=0.0)


def _starts(bus_events: BusRecorder, session_id: str) -> list[float]:
    return [
        e.at
        for e in bus_events.http(ASAMPLE)
        if e.name == bus.HTTP_REQUEST_START and e.metadata.get("session_id") == session_id
    ]


def test_a_429_on_one_client_holds_back_another_with_the_same_key(
    make_client: ServiceFactory, faults: FaultInjector, bus_events: BusRecorder, local_server: Any
) -> None:
    # covers SMP-04, SMP-06, SMP-07
    first_service, second_service = make_client(), make_client()
    first = first_service.create_sampling_client(base_model=MODEL).result(timeout=60)
    second = second_service.create_sampling_client(base_model=MODEL).result(timeout=60)
    backoff = SharedBackoff.for_key(local_server.base_url, TEST_API_KEY)
    backoff.clear()
    sent_before = requests_to(faults, ASAMPLE, "POST")
    faults.add(status_rule(ASAMPLE, 429, first_n=1, retry_after_ms=str(int(WINDOW_S * 1000))))

    held = first.sample(PROMPT, 1, PARAMS)
    wait_until(lambda: backoff.active())  # the first client's 429 opened the account's window
    refused_at = max(e.at for e in bus_events.http(ASAMPLE) if e.name == bus.HTTP_REQUEST_STOP)
    assert backoff.remaining() > 1.0  # the second request below is made inside the window
    second_result = second.sample(PROMPT, 1, PARAMS).result(timeout=120)
    first_result = held.result(timeout=120)

    assert len(first_result.sequences) == len(second_result.sequences) == 1
    assert requests_to(faults, ASAMPLE, "POST") - sent_before == 3  # one refused, two accepted
    second_sends = _starts(bus_events, second_service.holder.session_id)
    assert len(second_sends) == 1
    # Held back: the second client sent nothing until the first client's window had passed.
    assert second_sends[0] >= refused_at + WINDOW_S
    dispatches = {id(client._retry_handler().dispatch) for client in (first, second)}
    assert len(dispatches) == 1  # one dispatch limit (and backoff) for both clients


def test_dispatch_state_is_per_account_and_limit(make_client: ServiceFactory, local_server: Any) -> None:
    # covers SMP-06, SMP-07
    sampler = make_client(dispatch_concurrency=3).create_sampling_client(base_model=MODEL).result(timeout=60)
    sampler.sample(PROMPT, 1, PARAMS).result(timeout=120)
    dispatch = sampler._retry_handler().dispatch
    assert dispatch.limit == 3
    assert dispatch.backoff is SharedBackoff.for_key(local_server.base_url + "/", TEST_API_KEY)
    assert dispatch.backoff is not SharedBackoff.for_key(local_server.base_url, "tml-another-key-000000")
    assert isinstance(dispatch, SamplingDispatch) and dispatch.in_flight == 0

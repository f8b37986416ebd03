"""Telemetry seen from the clients: ``get_telemetry()`` (features SVC-12, TEL-21) and the ids
each client adds to its requests' HTTP telemetry metadata (TRN-18, SMP-13), against the real
local server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

import tinkex
from tinkex import types
from tinkex.telemetry import events as bus

from ._helpers import MODEL, new_service, text_datum


@pytest.fixture
def http_events() -> Iterator[list[dict[str, Any]]]:
    """Metadata of every HTTP request that completes while the test runs."""
    seen: list[dict[str, Any]] = []
    lock = threading.Lock()

    def record(name: bus.EventName, measurements: Any, metadata: Any) -> None:
        with lock:
            seen.append(dict(metadata))

    handler_id = bus.subscribe(bus.HTTP_REQUEST_STOP, record)
    yield seen
    bus.unsubscribe(handler_id)


def test_get_telemetry_is_none_when_telemetry_is_off(service_client: tinkex.ServiceClient) -> None:
    # covers SVC-12, TEL-21 (the suite runs with TINKER_TELEMETRY=0)
    sampler = service_client.create_sampling_client(base_model=MODEL).result(timeout=120)
    assert service_client.get_telemetry() is None
    assert sampler.get_telemetry() is None
    assert service_client.create_rest_client().get_telemetry() is None


def test_get_telemetry_returns_the_session_reporter(local_server: Any) -> None:
    # covers SVC-12, TEL-21
    service = new_service(local_server.base_url, telemetry_enabled=True)
    try:
        sampler = service.create_sampling_client(base_model=MODEL).result(timeout=120)
        reporter = service.get_telemetry()
        assert isinstance(reporter, tinkex.telemetry.TelemetryReporter) and reporter.enabled
        assert reporter.session_id == service.holder.session_id
        assert sampler.get_telemetry() is reporter
    finally:
        service.close().result(timeout=60)


def test_training_requests_carry_model_and_seq_ids(
    service_client: tinkex.ServiceClient, http_events: list[dict[str, Any]]
) -> None:
    # covers TRN-18
    training = service_client.create_lora_training_client(MODEL, rank=4, seed=0).result(timeout=120)
    training.forward_backward([text_datum("tagged")], "cross_entropy").result(timeout=120)
    training.optim_step(types.AdamParams(learning_rate=1e-3)).result(timeout=120)
    session_id = service_client.holder.session_id

    def sent(path: str) -> list[dict[str, Any]]:
        return [m for m in http_events if m["path"] == path and m.get("session_id") == session_id]

    (create,) = sent("/api/v1/create_model")
    assert isinstance(create["model_seq_id"], int)
    forward_backward = sent("/api/v1/forward_backward")
    optim = sent("/api/v1/optim_step")
    assert forward_backward and optim
    assert {m["model_id"] for m in forward_backward + optim} == {training.model_id}
    assert forward_backward[0]["seq_id"] < optim[0]["seq_id"]  # the seq_id of each request


def test_sampling_requests_carry_the_session_ids(
    service_client: tinkex.ServiceClient, http_events: list[dict[str, Any]]
) -> None:
    # covers SMP-13
    sampler = service_client.create_sampling_client(base_model=MODEL).result(timeout=120)
    params = types.SamplingParams(max_tokens=2, temperature=0.0)
    sampler.sample(types.ModelInput.from_ints([257, 104]), 1, params).result(timeout=120)
    (sample,) = [m for m in http_events if m["path"] == "/api/v1/asample"]
    assert sample["sampling_session_id"] == sampler.sampling_session_id
    assert sample["session_id"] == service_client.holder.session_id

"""Session heartbeats against the local server (features SES-02…SES-05, SES-07; protocol §6)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import tinkex
from tinkex.server.faults import FaultInjector

from .conftest import MODEL, TEST_API_KEY, requests_to, status_rule, wait_until

ServiceFactory = Callable[..., tinkex.ServiceClient]
HEARTBEAT_ROUTE = "/api/v1/session_heartbeat"


def beats(faults: FaultInjector) -> int:
    return requests_to(faults, HEARTBEAT_ROUTE, "POST")


def test_heartbeats_continue_through_failures_and_stop_on_410(
    make_client: ServiceFactory, faults: FaultInjector, local_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # covers SES-02, SES-03, SES-04, SES-05
    caplog.set_level(logging.DEBUG, logger="tinkex.session")
    faults.add(status_rule(HEARTBEAT_ROUTE, 500, first_n=3))
    # Three failing beats span at least 2 intervals, past the warning threshold of 1.5 intervals.
    client = make_client(heartbeat_interval=0.1, heartbeat_warning_after=0.15)
    client.create_sampling_client(base_model=MODEL).result(timeout=60)  # starts the session
    heartbeat = client.holder.heartbeat
    assert heartbeat is not None and heartbeat.interval == 0.1

    # Three injected 500s, then successes: the loop never gave up (no HTTP retries: 1 request each).
    wait_until(lambda: beats(faults) >= 6 and heartbeat.state.failure_count == 0)
    assert faults.stats()["rules"][0]["fired"] == 3
    assert heartbeat.state.last_error is None and heartbeat.state.stopped_reason is None
    failures = [r.getMessage() for r in caplog.records if r.getMessage().startswith("heartbeat failed")]
    assert len(failures) == 3 and all("InternalServerError" in line for line in failures)
    warnings = [
        r
        for r in caplog.records
        if r.levelno == logging.WARNING and "No successful heartbeat" in r.getMessage()
    ]
    assert warnings, "a failure past heartbeat_warning_after must warn"
    assert all(client.holder.session_id in r.getMessage() for r in warnings)

    # Finishing the session on the server makes the next heartbeat a 410, which stops the loop.
    finished = httpx.post(
        f"{local_server.base_url}/api/v1/sessions/{client.holder.session_id}/finish",
        json={"reason": {"type": "success"}},
        headers={"X-API-Key": TEST_API_KEY},
    )
    assert finished.status_code == 200
    wait_until(lambda: heartbeat.state.stopped_reason is not None)
    assert "410" in (heartbeat.state.stopped_reason or "")
    sent = beats(faults)
    time.sleep(3 * heartbeat.interval)
    assert beats(faults) == sent


def test_close_stops_heartbeats(make_client: ServiceFactory, faults: FaultInjector) -> None:
    # covers SES-07
    client = make_client(heartbeat_interval=0.1)
    client.create_sampling_client(base_model=MODEL).result(timeout=60)
    wait_until(lambda: beats(faults) >= 2)
    client.close().result(timeout=30)
    sent = beats(faults)
    time.sleep(3 * 0.1)
    assert beats(faults) == sent

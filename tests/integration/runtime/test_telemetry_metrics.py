"""Telemetry batches reaching the server, and the process-wide metrics registry fed by the HTTP
layer (features TEL-01, TEL-08, TEL-10, TEL-13, TEL-14, TEL-18, MET-01, MET-03, CFG-12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import tinkex
from tinkex.server.faults import FaultInjector

from .conftest import CAPABILITIES_ROUTE, MODEL, TEST_API_KEY, status_rule

ServiceFactory = Callable[..., tinkex.ServiceClient]


def sent_events(faults: FaultInjector, session_id: str) -> list[dict[str, Any]]:
    return [
        event for p in faults.telemetry_payloads() if p["session_id"] == session_id for event in p["events"]
    ]


def test_telemetry_batches_reach_the_server(make_client: ServiceFactory, faults: FaultInjector) -> None:
    # covers TEL-01, TEL-08, TEL-10, TEL-13, TEL-14, TEL-18, CFG-12
    client = make_client(telemetry_enabled=True)
    client.create_sampling_client(base_model=MODEL).result(timeout=60)
    session_id = client.holder.session_id
    assert session_id is not None
    client.close().result(timeout=60)  # drains the queue (bounded) and sends SESSION_END

    payloads = [p for p in faults.telemetry_payloads() if p["session_id"] == session_id]
    assert payloads, "no telemetry batch reached POST /api/v1/telemetry"
    assert all(p["sdk_version"] and p["platform"] and len(p["events"]) <= 100 for p in payloads)
    events = sent_events(faults, session_id)
    assert events[0]["event"] == "SESSION_START" and events[0]["event_session_index"] == 0
    assert events[-1]["event"] == "SESSION_END"
    assert [e["event"] for e in events].count("SESSION_END") == 1
    indexes = [e["event_session_index"] for e in events]
    assert indexes == sorted(set(indexes))  # strictly increasing across batches
    assert len({e["event_id"] for e in events}) == len(events)
    # The session's own HTTP calls are forwarded as generic events (without its session id).
    forwarded = [e for e in events if e.get("event_name") == "tinkex.http.request.stop"]
    paths = {e["event_data"]["metadata"]["path"] for e in forwarded}
    assert "/api/v1/create_sampling_session" in paths
    assert all("session_id" not in e["event_data"]["metadata"] for e in forwarded)
    assert not any(path.endswith("/telemetry") for path in paths)


def test_telemetry_disabled_sends_nothing(make_client: ServiceFactory, faults: FaultInjector) -> None:
    # covers CFG-12, TEL-17
    client = make_client(telemetry_enabled=False)
    client.create_sampling_client(base_model=MODEL).result(timeout=60)
    session_id = client.holder.session_id
    client.close().result(timeout=60)
    assert session_id is not None
    assert sent_events(faults, session_id) == []


def test_metrics_snapshot_counts_requests_and_latency(
    make_client: ServiceFactory, faults: FaultInjector
) -> None:
    # covers MET-01, MET-02, MET-03
    tinkex.metrics.reset()
    faults.add(status_rule(CAPABILITIES_ROUTE, 503, first_n=1, retry_after_ms="10"))
    client = make_client()
    client.get_server_capabilities()
    client.get_server_capabilities()

    snapshot = tinkex.metrics.snapshot()
    counters, latency = snapshot["counters"], snapshot["histograms"]["tinkex_request_duration_ms"]
    # Other clients in this process may add traffic, so these are lower bounds.
    assert counters["tinkex_requests_total"] >= 3
    assert counters["tinkex_requests_failure"] >= 1
    assert counters["tinkex_requests_success"] >= 2
    assert latency["count"] >= 3
    assert 0 < latency["min"] <= latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]


METRICS_PROBE = """
import json, sys
import tinkex
client = tinkex.ServiceClient(base_url=sys.argv[1], api_key=sys.argv[2], telemetry_enabled=False)
client.get_server_capabilities()
print(json.dumps(tinkex.metrics.snapshot()["counters"]))
"""


def test_process_registry_counts_requests_sent_before_anyone_asked(local_server: Any) -> None:
    # covers MET-01: the first client subscribes the registry, so nothing before snapshot() is lost
    env = {**os.environ, "TINKER_TELEMETRY": "0"}
    probe = subprocess.run(
        [sys.executable, "-c", METRICS_PROBE, local_server.base_url, TEST_API_KEY],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    counters = json.loads(probe.stdout.strip().splitlines()[-1])
    assert counters == {"tinkex_requests_total": 1, "tinkex_requests_success": 1}

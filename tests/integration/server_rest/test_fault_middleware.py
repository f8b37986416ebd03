"""Fault injection over a real uvicorn socket: each action as a client sees it, windows, stats."""

from __future__ import annotations

import random
import time

import httpx
import pytest

from tinkex.server.faults import (
    AcceptThenDropAction,
    DelayAction,
    DropAction,
    FaultMatch,
    FaultRule,
    FaultWindow,
    StatusAction,
)

from ._live_server import LiveServer

FB = "/api/v1/forward_backward"

# A dropped connection reaches the client as a truncated reply or, when the kernel resets
# the socket first, as a read error: both are the same fault to the caller.
TRUNCATED = (httpx.RemoteProtocolError, httpx.ReadError)


def add_rule(client: httpx.Client, spec: dict[str, object]) -> str:
    reply = client.post("/_local/faults", json=spec)
    assert reply.status_code == 200, reply.text
    return str(reply.json()["rule_id"])


@pytest.mark.parametrize("status", [429, 500, 502, 503, 408, 409, 410])
def test_status_fault_with_headers(live_server: LiveServer, status: int) -> None:
    with live_server.client() as client:
        rule_id = add_rule(
            client,
            {
                "match": {"route": FB},
                "window": {"first_n": 1},
                "action": {
                    "type": "status",
                    "status": status,
                    "headers": {"retry-after-ms": "5", "x-should-retry": "false"},
                },
            },
        )
        faulted = client.post(FB, json={"model_id": "m"})
        assert faulted.status_code == status
        assert faulted.headers["retry-after-ms"] == "5" and faulted.headers["x-should-retry"] == "false"
        assert faulted.json() == {"detail": f"injected fault: HTTP {status} (rule {rule_id})"}
        assert live_server.handled["forward_backward"] == 0
        assert client.post(FB, json={"model_id": "m"}).status_code == 200
        assert live_server.handled["forward_backward"] == 1


def test_status_fault_with_custom_body(live_server: LiveServer) -> None:
    body = {"queue_state": "paused_capacity", "queue_state_reason": "busy"}
    live_server.injector.add(
        FaultRule(StatusAction(408, body=body), FaultMatch(request_type="forward_backward"))
    )
    with live_server.client() as client:
        reply = client.post(FB, json={})
        assert reply.status_code == 408 and reply.json() == body


def test_latency_then_normal_handling(live_server: LiveServer) -> None:
    with live_server.client() as client:
        add_rule(
            client, {"match": {"method": "POST", "route": FB}, "action": {"type": "delay", "delay_s": 0.3}}
        )
        started = time.monotonic()
        reply = client.post(FB, json={"model_id": "m"})
        assert time.monotonic() - started >= 0.3
        assert reply.status_code == 200 and live_server.handled["forward_backward"] == 1
    live_server.injector.reset()
    # Six times the read timeout: the client gives up long before the answer; the server's
    # shutdown (the fixture's teardown) then waits for the delayed handler to end.
    live_server.injector.add(FaultRule(DelayAction(0.6)))
    with live_server.client() as client, pytest.raises(httpx.ReadTimeout):
        client.post(FB, json={}, timeout=0.1)


def test_drop_gives_a_truncated_response_and_skips_the_handler(live_server: LiveServer) -> None:
    live_server.injector.add(FaultRule(DropAction(), FaultMatch(route=FB), FaultWindow(first_n=1)))
    with live_server.client() as client:
        with pytest.raises(TRUNCATED):
            client.post(FB, json={"model_id": "m"})
        assert live_server.handled["forward_backward"] == 0
        assert client.post(FB, json={"model_id": "m"}).status_code == 200  # a fresh connection works


@pytest.mark.parametrize(
    ("path", "counter"), [(FB, "forward_backward"), ("/api/v1/no_content", "no_content")]
)
def test_accept_then_drop_runs_the_handler_once(live_server: LiveServer, path: str, counter: str) -> None:
    live_server.injector.add(
        FaultRule(AcceptThenDropAction(), FaultMatch(route=path), FaultWindow(first_n=1))
    )
    with live_server.client() as client:
        with pytest.raises(TRUNCATED):
            client.post(path, json={"model_id": "m"})
        assert live_server.handled[counter] == 1
        client.post(path, json={"model_id": "m"}).raise_for_status()
        assert live_server.handled[counter] == 2


def test_model_id_rules_read_and_replay_the_body(live_server: LiveServer) -> None:
    live_server.injector.add(FaultRule(StatusAction(503), FaultMatch(model_id="victim-*")))
    payload = {"model_id": "bystander", "data": "x" * 200_000}
    with live_server.client() as client:
        passed = client.post(FB, json=payload)
        assert passed.status_code == 200 and passed.json()["echo"] == payload  # body reached the app intact
        assert client.post(FB, json={"model_id": "victim-1"}).status_code == 503
        assert (
            client.post(FB, content=b"not json", headers={"content-type": "application/json"}).status_code
            != 503
        )


def test_windows_over_http_are_deterministic(live_server: LiveServer) -> None:
    def statuses(count: int) -> list[int]:
        with live_server.client() as client:
            return [client.post(FB, json={}).status_code for _ in range(count)]

    live_server.injector.add(FaultRule(StatusAction(503), window=FaultWindow(first_n=2)))
    assert statuses(4) == [503, 503, 200, 200]
    live_server.injector.reset()
    live_server.injector.add(FaultRule(StatusAction(500), window=FaultWindow(every_k=2)))
    assert statuses(4) == [200, 500, 200, 500]
    live_server.injector.reset()
    live_server.injector.add(FaultRule(StatusAction(429), window=FaultWindow(probability=0.5, seed=5)))
    rng = random.Random(5)
    assert statuses(12) == [429 if rng.random() < 0.5 else 200 for _ in range(12)]


def test_admin_routes_and_stats(live_server: LiveServer) -> None:
    with live_server.client() as client:
        bad = client.post("/_local/faults", json={"action": {"type": "status", "status": 99}})
        assert bad.status_code == 400 and bad.json()["detail"].startswith("action.status: ")
        assert client.post("/_local/faults", content=b"{").status_code == 400
        rule_id = add_rule(
            client,
            {"match": {"route": FB}, "window": {"first_n": 2}, "action": {"type": "status", "status": 500}},
        )
        for _ in range(3):
            client.post(FB, json={})
        client.get("/api/v1/checkpoints")
        live_server.injector.record_dedupe("forward_backward")
        stats = client.get("/_local/stats").json()
        assert stats["requests"] == {f"POST {FB}": 3, "GET /api/v1/checkpoints": 1}
        assert stats["request_types"] == {"forward_backward": 3, "checkpoints": 1}
        assert stats["dedupe_hits"] == 1
        assert stats["rules"] == [{"rule_id": rule_id, "action": "StatusAction", "matched": 3, "fired": 2}]
        assert client.delete(f"/_local/faults/{rule_id}").json() == {"removed": rule_id}
        assert client.delete(f"/_local/faults/{rule_id}").status_code == 404
        add_rule(client, {"action": {"type": "status", "status": 503}})
        # Rules never touch the admin routes, so a catch-all rule can still be cleared.
        assert client.delete("/_local/faults").json() == {"cleared": 1}
        assert client.post(FB, json={}).status_code == 200
        assert client.post("/_local/reset").json() == {"reset": True}
        assert client.get("/_local/stats").json()["requests"] == {}

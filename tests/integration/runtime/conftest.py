"""Fixtures for the SDK-runtime integration tests: clients with test config, fault helpers, a bus
recorder. Every test here runs the real SDK against the suite's shared local server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import tinkex
from tinkex.server.faults import FaultInjector, FaultMatch, FaultRule, FaultWindow, StatusAction
from tinkex.telemetry import events as bus

TEST_API_KEY = "tml-local-test-key-0123456789"
MODEL = "local/byte-tiny"
CAPABILITIES_ROUTE = "/api/v1/get_server_capabilities"


@pytest.fixture
def faults(local_server: Any) -> FaultInjector:
    injector = local_server.faults
    assert isinstance(injector, FaultInjector)
    return injector


@pytest.fixture
def make_client(local_server: Any) -> Iterator[Callable[..., tinkex.ServiceClient]]:
    """``make_client(**config)``: a ServiceClient on the shared server, closed after the test."""
    clients: list[tinkex.ServiceClient] = []

    def make(**config: Any) -> tinkex.ServiceClient:
        config.setdefault("api_key", TEST_API_KEY)
        config.setdefault("telemetry_enabled", False)
        client = tinkex.ServiceClient(base_url=local_server.base_url, **config)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close().result(timeout=60)


def status_rule(route: str, status: int, *, first_n: int | None = None, **headers: str) -> FaultRule:
    """Answer ``status`` (with ``headers``; ``_`` in a keyword becomes ``-``) on ``route``."""
    return FaultRule(
        StatusAction(status, headers={k.replace("_", "-"): v for k, v in headers.items()}),
        FaultMatch(route=route),
        FaultWindow(first_n=first_n),
    )


def requests_to(faults: FaultInjector, route: str, method: str = "GET") -> int:
    return int(faults.stats()["requests"].get(f"{method} {route}", 0))


def wait_until(condition: Callable[[], bool], timeout: float = 15.0, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


@dataclass(frozen=True)
class BusEvent:
    at: float  # time.monotonic() when the handler ran (on the SDK loop, as the event happened)
    name: tuple[str, ...]
    measurements: dict[str, float]
    metadata: dict[str, Any]


class BusRecorder:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: list[BusEvent] = []

    def __call__(self, name: tuple[str, ...], measurements: Any, metadata: Any) -> None:
        with self._lock:
            self._events.append(BusEvent(time.monotonic(), name, dict(measurements), dict(metadata)))

    def named(self, name: tuple[str, ...]) -> list[BusEvent]:
        with self._lock:
            return [e for e in self._events if e.name == name]

    def http(self, path: str) -> list[BusEvent]:
        """HTTP start/stop/exception events for ``path``, in emission order."""
        with self._lock:
            return [
                e
                for e in self._events
                if e.name[:3] == ("tinkex", "http", "request") and e.metadata.get("path") == path
            ]


@pytest.fixture
def bus_events() -> Iterator[BusRecorder]:
    recorder = BusRecorder()
    handler_id = bus.subscribe(
        (bus.HTTP_REQUEST_START, bus.HTTP_REQUEST_STOP, bus.HTTP_REQUEST_EXCEPTION, bus.QUEUE_STATE_CHANGE),
        recorder,
    )
    yield recorder
    bus.unsubscribe(handler_id)

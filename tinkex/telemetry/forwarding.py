"""Forwarding of in-process bus events to the telemetry backend (features TEL-10).

A reporter subscribes to the HTTP and queue-state events and queues, as GENERIC_EVENTs, only
those of its own session (metadata ``session_id``): one process may hold several sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tinkex.telemetry.events import (
    HTTP_REQUEST_EXCEPTION,
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    QUEUE_STATE_CHANGE,
    EventBus,
    EventName,
    Measurements,
    Metadata,
    default_bus,
)
from tinkex.telemetry.types import Severity

FORWARDED_EVENTS: tuple[EventName, ...] = (
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    HTTP_REQUEST_EXCEPTION,
    QUEUE_STATE_CHANGE,
)


LogGeneric = Callable[[str, Mapping[str, Any], Severity], bool]


class BusForwarder:
    """One reporter's subscription to the bus: it hands the reporter (``log_generic``) the
    HTTP and queue-state events of that reporter's session only."""

    def __init__(self, session_id: str, log_generic: LogGeneric) -> None:
        self._session_id = session_id
        self._log_generic = log_generic
        self._bus: EventBus | None = None
        self._handler_id: str | None = None

    def attach(self, bus: EventBus = default_bus) -> None:
        """Forward this session's HTTP and queue-state bus events as GENERIC_EVENTs."""
        if self._bus is None:
            self._handler_id = bus.subscribe(FORWARDED_EVENTS, self._forward)
            self._bus = bus

    def detach(self) -> None:
        if self._bus is not None and self._handler_id is not None:
            self._bus.unsubscribe(self._handler_id)
        self._bus = self._handler_id = None

    def _forward(self, name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        if metadata.get("session_id") != self._session_id:
            return
        # Our own POSTs would otherwise feed the queue forever.
        if str(metadata.get("path", "")).endswith("/telemetry"):
            return
        data = {
            "measurements": dict(measurements),
            "metadata": {k: v for k, v in metadata.items() if k != "session_id"},
        }
        severity = Severity.ERROR if name == HTTP_REQUEST_EXCEPTION else Severity.INFO
        self._log_generic(".".join(name), data, severity)

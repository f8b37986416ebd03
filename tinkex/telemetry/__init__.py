"""Telemetry: the in-process event bus, typed telemetry events and the batching reporter."""

from tinkex.telemetry.console import attach_console_logger, detach
from tinkex.telemetry.events import (
    HTTP_REQUEST_EXCEPTION,
    HTTP_REQUEST_RETRY,
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    QUEUE_STATE_CHANGE,
    EventBus,
    EventHandler,
    EventName,
    default_bus,
    emit,
    subscribe,
    unsubscribe,
)
from tinkex.telemetry.reporter import TelemetryReporter, get_process_uuid
from tinkex.telemetry.types import (
    EventType,
    GenericEvent,
    SessionEndEvent,
    SessionStartEvent,
    Severity,
    TelemetryEvent,
    TelemetrySendRequest,
    UnhandledExceptionEvent,
    parse_telemetry_event,
)

__all__ = [
    "HTTP_REQUEST_EXCEPTION",
    "HTTP_REQUEST_RETRY",
    "HTTP_REQUEST_START",
    "HTTP_REQUEST_STOP",
    "QUEUE_STATE_CHANGE",
    "EventBus",
    "EventHandler",
    "EventName",
    "EventType",
    "GenericEvent",
    "SessionEndEvent",
    "SessionStartEvent",
    "Severity",
    "TelemetryEvent",
    "TelemetryReporter",
    "TelemetrySendRequest",
    "UnhandledExceptionEvent",
    "attach_console_logger",
    "default_bus",
    "detach",
    "emit",
    "get_process_uuid",
    "parse_telemetry_event",
    "subscribe",
    "unsubscribe",
]

"""A console logger for the SDK's own events (TEL-20): one readable line per HTTP request and
per queue-state change, through Python ``logging``.

``attach_console_logger()`` subscribes to the event bus and returns a handler id for
``detach()``. Lines go to the ``tinkex.telemetry.console`` logger at the chosen level; failed
requests (transport errors, timeouts) always at ERROR. Only named fields are printed, and the base
URL is redacted, so nothing secret in a request reaches the console.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from tinkex._http.redact import redact_url
from tinkex.telemetry.events import (
    HTTP_REQUEST_EXCEPTION,
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    QUEUE_STATE_CHANGE,
    EventBus,
    EventName,
    default_bus,
)

CONSOLE_LOGGER_NAME = "tinkex.telemetry.console"
DEFAULT_CONSOLE_EVENTS: tuple[EventName, ...] = (
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    HTTP_REQUEST_EXCEPTION,
    QUEUE_STATE_CHANGE,
)

console_logger = logging.getLogger(CONSOLE_LOGGER_NAME)


class _ConsoleHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the stream handler this module attached, so attaching twice adds one handler."""


def _ms(measurements: Mapping[str, float]) -> str:
    return f"{measurements.get('duration', 0.0) * 1000:.1f} ms"


def _request(metadata: Mapping[str, Any]) -> str:
    return f"{metadata.get('method', '?')} {metadata.get('path', '?')}"


def format_console_line(
    event: EventName, measurements: Mapping[str, float], metadata: Mapping[str, Any]
) -> str:
    """The line printed for one event (also usable by a user's own handler)."""
    base_url = redact_url(metadata.get("base_url"))
    if event == HTTP_REQUEST_START:
        return f"HTTP {_request(metadata)} started (base_url={base_url})"
    if event == HTTP_REQUEST_STOP:
        return (
            f"HTTP {_request(metadata)} -> {metadata.get('result', '?')} "
            f"status={metadata.get('status', '?')} in {_ms(measurements)} "
            f"(retries={metadata.get('retry_count', 0)}, base_url={base_url})"
        )
    if event == HTTP_REQUEST_EXCEPTION:
        return (
            f"HTTP {_request(metadata)} failed after {_ms(measurements)}: "
            f"{metadata.get('kind', 'error')}: {metadata.get('reason', '')} (base_url={base_url})"
        )
    if event == QUEUE_STATE_CHANGE:
        line = f"Queue state {metadata.get('queue_state', '?')} for request {metadata.get('request_id', '?')}"
        reason = metadata.get("queue_state_reason")
        return f"{line}: {reason}" if reason else line
    return f"{'.'.join(event)} {dict(measurements)}"


def _ensure_visible(level: int) -> None:
    # The user asked for console lines: make sure the logger passes them, and give them a stream
    # when the application has configured no logging at all (a library never touches the root).
    if console_logger.getEffectiveLevel() > level:
        console_logger.setLevel(level)
    if not console_logger.hasHandlers():
        handler = _ConsoleHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s tinkex] %(message)s"))
        console_logger.addHandler(handler)


def attach_console_logger(
    level: int = logging.INFO,
    *,
    events: Iterable[EventName] = DEFAULT_CONSOLE_EVENTS,
    handler_id: str | None = None,
    bus: EventBus = default_bus,
) -> str:
    """Log each of ``events`` as one line at ``level`` (failed requests at ERROR); returns the
    handler id to pass to ``detach``."""
    _ensure_visible(level)

    def log_event(event: EventName, measurements: Mapping[str, float], metadata: Mapping[str, Any]) -> None:
        line_level = logging.ERROR if event == HTTP_REQUEST_EXCEPTION else level
        if console_logger.isEnabledFor(line_level):
            console_logger.log(line_level, "%s", format_console_line(event, measurements, metadata))

    return bus.subscribe(tuple(events), log_event, handler_id=handler_id)


def detach(handler_id: str, *, bus: EventBus = default_bus) -> bool:
    """Stop a console logger (or any handler) by its id; False when it was not attached."""
    return bus.unsubscribe(handler_id)

"""In-process telemetry event bus.

Parts of the SDK announce what they are doing by emitting named events; observers (the metrics
registry, the telemetry reporter, a console logger, user code) subscribe to the names they care
about. An event is a tuple name such as ``("tinkex", "http", "request", "stop")`` plus numeric
``measurements`` and free-form ``metadata``.

Event conventions used across the SDK (durations are float seconds):

* ``HTTP_REQUEST_START``: measurements ``{"system_time": <epoch seconds>}``; metadata ``method``,
  ``path``, ``pool_type``, ``base_url`` plus the call's telemetry metadata.
* ``HTTP_REQUEST_STOP``: measurements ``{"duration": <seconds>}``; metadata as for start plus
  ``result`` (``"ok"`` for a 2xx reply, else ``"error"``), ``status`` and ``retry_count``.
* ``HTTP_REQUEST_EXCEPTION``: measurements ``{"duration": <seconds>}``; metadata as for start plus
  ``kind`` and ``reason``.
* ``HTTP_REQUEST_RETRY``: measurements ``{"delay": <seconds before the next attempt>, "elapsed":
  <seconds since the call began>}``; metadata as for start plus ``attempt`` (1-based number of
  the retry about to happen), ``max_retries`` and ``reason``. The CLI prints these.
* ``QUEUE_STATE_CHANGE``: no measurements; metadata ``queue_state``, ``queue_state_reason``,
  ``request_id`` and the telemetry metadata (see ``tinkex.queue_state``).

A handler that raises is logged and skipped: one faulty observer must never break an SDK call or
starve the other observers.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

logger = logging.getLogger(__name__)

EventName: TypeAlias = tuple[str, ...]
Measurements: TypeAlias = Mapping[str, float]
Metadata: TypeAlias = Mapping[str, Any]
EventHandler: TypeAlias = Callable[[EventName, Measurements, Metadata], None]

HTTP_REQUEST_START: EventName = ("tinkex", "http", "request", "start")
HTTP_REQUEST_STOP: EventName = ("tinkex", "http", "request", "stop")
HTTP_REQUEST_EXCEPTION: EventName = ("tinkex", "http", "request", "exception")
HTTP_REQUEST_RETRY: EventName = ("tinkex", "http", "request", "retry")
QUEUE_STATE_CHANGE: EventName = ("tinkex", "queue", "state_change")


def _validate_event_name(name: object) -> EventName:
    if not isinstance(name, tuple) or not name or not all(isinstance(p, str) and p for p in name):
        raise ValueError(f"event name must be a non-empty tuple of non-empty strings, got {name!r}")
    return name


class EventBus:
    """A thread-safe publish/subscribe registry of event handlers.

    Handlers run synchronously on the emitting thread, in subscription order. They receive
    read-only views of the measurements and metadata so one handler cannot change what the
    next one sees.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[str, tuple[frozenset[EventName], EventHandler]] = {}
        self._ids = itertools.count(1)
        # Names with at least one handler, replaced (never mutated) under the lock, so
        # ``listening`` is a lock-free read: hot paths skip building events nobody receives.
        self._subscribed: frozenset[EventName] = frozenset()

    def _refresh_subscribed(self) -> None:
        self._subscribed = frozenset(n for names, _h in self._handlers.values() for n in names)

    def listening(self, event: EventName) -> bool:
        """Whether any handler is subscribed to ``event`` right now."""
        return event in self._subscribed

    def subscribe(
        self,
        events: EventName | Iterable[EventName],
        handler: EventHandler,
        *,
        handler_id: str | None = None,
    ) -> str:
        """Call ``handler(name, measurements, metadata)`` for every emitted event in ``events``.

        ``events`` is one event name or several. Returns the handler id used to unsubscribe.
        Reusing an id that is still subscribed raises ``ValueError``.
        """
        names: list[EventName]
        if isinstance(events, tuple) and all(isinstance(p, str) for p in events):
            names = [_validate_event_name(events)]
        else:
            names = [_validate_event_name(name) for name in events]
        if not names:
            raise ValueError("events must name at least one event")
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {type(handler).__name__}")
        with self._lock:
            chosen_id = handler_id if handler_id is not None else f"handler-{next(self._ids)}"
            if chosen_id in self._handlers:
                raise ValueError(f"handler_id {chosen_id!r} is already subscribed")
            self._handlers[chosen_id] = (frozenset(names), handler)
            self._refresh_subscribed()
        return chosen_id

    def unsubscribe(self, handler_id: str) -> bool:
        """Remove a handler; returns False when the id was not subscribed."""
        with self._lock:
            removed = self._handlers.pop(handler_id, None) is not None
            self._refresh_subscribed()
            return removed

    def handler_ids(self) -> list[str]:
        with self._lock:
            return list(self._handlers)

    def emit(
        self,
        event: EventName,
        measurements: Measurements | None = None,
        metadata: Metadata | None = None,
    ) -> None:
        """Deliver an event to every handler subscribed to its name."""
        name = _validate_event_name(event)
        if name not in self._subscribed:
            return
        with self._lock:
            # Snapshot so handlers may (un)subscribe while we dispatch without deadlocking.
            targets = [(hid, h) for hid, (names, h) in self._handlers.items() if name in names]
        if not targets:
            return
        measurement_view = MappingProxyType(dict(measurements or {}))
        metadata_view = MappingProxyType(dict(metadata or {}))
        for handler_id, handler in targets:
            try:
                handler(name, measurement_view, metadata_view)
            except Exception:
                logger.warning(
                    "Telemetry handler %r failed on event %s; continuing",
                    handler_id,
                    ".".join(name),
                    exc_info=True,
                )


default_bus = EventBus()
"""The process-wide bus the SDK emits on."""


def subscribe(
    events: EventName | Iterable[EventName],
    handler: EventHandler,
    *,
    handler_id: str | None = None,
) -> str:
    """Subscribe ``handler`` on the process-wide bus."""
    return default_bus.subscribe(events, handler, handler_id=handler_id)


def unsubscribe(handler_id: str) -> bool:
    """Unsubscribe a handler from the process-wide bus."""
    return default_bus.unsubscribe(handler_id)


def listening(event: EventName) -> bool:
    """Whether the process-wide bus has a handler for ``event``."""
    return event in default_bus._subscribed


def emit(
    event: EventName,
    measurements: Measurements | None = None,
    metadata: Metadata | None = None,
) -> None:
    """Emit an event on the process-wide bus."""
    default_bus.emit(event, measurements, metadata)

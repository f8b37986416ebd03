"""Builders of typed telemetry events.

A builder is called with the event's ``event_session_index``: the reporter assigns indices under
its queue lock, so indices follow queue order exactly, while everything else about an event
(its id, timestamp, data) is decided here.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeAlias

import attrs

from tinkex.telemetry.classify import call_context, find_user_error, user_error_data
from tinkex.telemetry.types import (
    GenericEvent,
    SessionEndEvent,
    SessionStartEvent,
    Severity,
    TelemetryEvent,
    UnhandledExceptionEvent,
    format_duration,
)

EventBuilder: TypeAlias = Callable[[int], TelemetryEvent]
NowFn: TypeAlias = Callable[[], datetime]


def new_event_id() -> str:
    return str(uuid.uuid4())


def session_start(started: datetime) -> EventBuilder:
    return lambda index: SessionStartEvent(
        event_id=new_event_id(), event_session_index=index, timestamp=started
    )


def session_end(started: datetime, now: NowFn) -> EventBuilder:
    def build(index: int) -> SessionEndEvent:
        ended = now()
        return SessionEndEvent(
            event_id=new_event_id(),
            event_session_index=index,
            timestamp=ended,
            duration=format_duration(ended - started),
        )

    return build


def generic(event_name: str, event_data: Mapping[str, Any], severity: Severity, now: NowFn) -> EventBuilder:
    if not isinstance(event_name, str) or not event_name:
        raise ValueError(f"event_name must be a non-empty string, got {event_name!r}")
    data = dict(event_data)  # a snapshot: the caller may keep mutating its dict
    return lambda index: GenericEvent(
        event_id=new_event_id(),
        event_session_index=index,
        timestamp=now(),
        event_name=event_name,
        event_data=data,
        severity=severity,
    )


def restamped(event: TelemetryEvent) -> EventBuilder:
    """A ready-made typed event, renumbered into the reporter's session index sequence."""
    return lambda index: attrs.evolve(event, event_session_index=index)


def for_exception(
    exc: BaseException, severity: Severity, now: NowFn, operation: str | None = None
) -> EventBuilder:
    """A ``user_error`` GENERIC_EVENT at WARNING for user errors, else an UNHANDLED_EXCEPTION.

    With ``operation`` (a failed client call), the user error's data also holds the operation,
    request id and category; an UNHANDLED_EXCEPTION, whose wire fields are fixed, carries them
    as a suffix of its message: ``... [operation=sample request_id=... category=server]``."""
    context = call_context(exc, operation) if operation else {}
    user_error = find_user_error(exc)
    if user_error is not None:
        return generic("user_error", {**user_error_data(exc, user_error), **context}, Severity.WARNING, now)
    trace = "".join(traceback.format_exception(exc)) if exc.__traceback__ is not None else None
    message = str(exc)
    if context:
        shown = " ".join(
            f"{key}={context[key]}" for key in ("operation", "request_id", "category") if key in context
        )
        message = f"{message} [{shown}]"
    return lambda index: UnhandledExceptionEvent(
        event_id=new_event_id(),
        event_session_index=index,
        timestamp=now(),
        error_type=type(exc).__name__,
        error_message=message,
        traceback=trace,
        severity=severity,
    )

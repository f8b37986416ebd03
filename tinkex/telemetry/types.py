"""Typed telemetry events and the telemetry request, with their exact wire form.

Wire shape (protocol §9): every event carries ``event``, ``event_id`` (uuid4 text),
``event_session_index``, ``severity`` and ``timestamp`` (ISO-8601 UTC). SESSION_END adds
``duration`` (Python ``timedelta`` text), UNHANDLED_EXCEPTION adds ``error_type``,
``error_message`` and an optional ``traceback`` (left out when absent), GENERIC_EVENT adds
``event_name`` and ``event_data``. Events stay typed inside the SDK and become dicts only when a
batch is sent.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeAlias

import attrs


class EventType(enum.StrEnum):
    SESSION_START = "SESSION_START"
    SESSION_END = "SESSION_END"
    UNHANDLED_EXCEPTION = "UNHANDLED_EXCEPTION"
    GENERIC_EVENT = "GENERIC_EVENT"


class Severity(enum.StrEnum):
    """Log severity, in ascending order."""

    DEBUG = "DEBUG"
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"
    CRITICAL = "CRITICAL"

    @classmethod
    def parse(cls, value: Severity | str) -> Severity:
        """Accept any case; an unknown name becomes INFO so a typo never loses an event."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).upper())
        except ValueError:
            return cls.INFO


def _parse_severity(value: Severity | str) -> Severity:
    return Severity.parse(value)


def format_timestamp(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z`` suffix, as the official SDK serializes it."""
    if moment.tzinfo is None:
        raise ValueError("timestamp must be timezone-aware")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def format_duration(elapsed: timedelta) -> str:
    """``H:MM:SS`` with ``.ffffff`` only when there are microseconds (``str(timedelta)``)."""
    return str(elapsed)


def sanitize(value: Any) -> Any:
    """Make event data JSON-safe: keys become strings, enums their value, dataclasses and attrs
    classes dicts, sequences lists; anything else JSON cannot hold becomes its ``repr``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return sanitize(value.value)
    if isinstance(value, datetime):
        return value.isoformat()
    if attrs.has(type(value)):
        return sanitize(attrs.asdict(value, recurse=False))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sanitize({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, Mapping):
        return {str(k): sanitize(v) for k, v in value.items()}
    if isinstance(value, Sequence | set | frozenset) and not isinstance(value, bytes | bytearray):
        return [sanitize(v) for v in value]
    return repr(value)


def _common_wire(event: TelemetryEvent) -> dict[str, Any]:
    return {
        "event": event.event_type.value,
        "event_id": event.event_id,
        "event_session_index": event.event_session_index,
        "severity": event.severity.value,
        "timestamp": format_timestamp(event.timestamp),
    }


@attrs.frozen(kw_only=True)
class SessionStartEvent:
    event_type: ClassVar[EventType] = EventType.SESSION_START
    event_id: str
    event_session_index: int
    timestamp: datetime
    severity: Severity = attrs.field(default=Severity.INFO, converter=_parse_severity)

    def to_wire(self) -> dict[str, Any]:
        return _common_wire(self)


@attrs.frozen(kw_only=True)
class SessionEndEvent:
    event_type: ClassVar[EventType] = EventType.SESSION_END
    event_id: str
    event_session_index: int
    timestamp: datetime
    duration: str
    severity: Severity = attrs.field(default=Severity.INFO, converter=_parse_severity)

    def to_wire(self) -> dict[str, Any]:
        return {**_common_wire(self), "duration": self.duration}


@attrs.frozen(kw_only=True)
class UnhandledExceptionEvent:
    event_type: ClassVar[EventType] = EventType.UNHANDLED_EXCEPTION
    event_id: str
    event_session_index: int
    timestamp: datetime
    error_type: str
    error_message: str
    traceback: str | None = None
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_parse_severity)

    def to_wire(self) -> dict[str, Any]:
        wire = {**_common_wire(self), "error_type": self.error_type, "error_message": self.error_message}
        if self.traceback is not None:
            wire["traceback"] = self.traceback
        return wire


@attrs.frozen(kw_only=True)
class GenericEvent:
    event_type: ClassVar[EventType] = EventType.GENERIC_EVENT
    event_id: str
    event_session_index: int
    timestamp: datetime
    event_name: str
    event_data: Mapping[str, Any] = attrs.field(factory=dict)
    severity: Severity = attrs.field(default=Severity.INFO, converter=_parse_severity)

    def to_wire(self) -> dict[str, Any]:
        return {**_common_wire(self), "event_name": self.event_name, "event_data": sanitize(self.event_data)}


TelemetryEvent: TypeAlias = SessionStartEvent | SessionEndEvent | UnhandledExceptionEvent | GenericEvent


def parse_telemetry_event(wire: Mapping[str, Any]) -> TelemetryEvent | None:
    """Build a typed event from its wire dict; an unknown ``event`` tag gives None."""
    try:
        event_type = EventType(str(wire.get("event")))
    except ValueError:
        return None
    common: dict[str, Any] = {
        "event_id": wire["event_id"],
        "event_session_index": wire["event_session_index"],
        "timestamp": datetime.fromisoformat(wire["timestamp"]),
        "severity": wire.get("severity", Severity.INFO),
    }
    if event_type is EventType.SESSION_START:
        return SessionStartEvent(**common)
    if event_type is EventType.SESSION_END:
        return SessionEndEvent(duration=wire["duration"], **common)
    if event_type is EventType.UNHANDLED_EXCEPTION:
        return UnhandledExceptionEvent(
            error_type=wire["error_type"],
            error_message=wire["error_message"],
            traceback=wire.get("traceback"),
            **common,
        )
    return GenericEvent(event_name=wire["event_name"], event_data=wire.get("event_data") or {}, **common)


def _event_tuple(events: Iterable[TelemetryEvent]) -> tuple[TelemetryEvent, ...]:
    return tuple(events)


@attrs.frozen(kw_only=True)
class TelemetrySendRequest:
    """The body of ``POST /api/v1/telemetry``."""

    session_id: str
    platform: str
    sdk_version: str
    process_uuid: str
    events: tuple[TelemetryEvent, ...] = attrs.field(converter=_event_tuple)

    def to_wire(self) -> dict[str, Any]:
        return {
            "events": [event.to_wire() for event in self.events],
            "platform": self.platform,
            "sdk_version": self.sdk_version,
            "session_id": self.session_id,
            "process_uuid": self.process_uuid,
        }

    @classmethod
    def from_wire(cls, wire: Mapping[str, Any]) -> TelemetrySendRequest:
        """Unknown event kinds are dropped, as a forward-compatible reader should."""
        parsed = (parse_telemetry_event(event) for event in wire.get("events", ()))
        return cls(
            session_id=wire["session_id"],
            platform=wire["platform"],
            sdk_version=wire["sdk_version"],
            process_uuid=wire["process_uuid"],
            events=tuple(event for event in parsed if event is not None),
        )

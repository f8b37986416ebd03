"""Typed telemetry events: wire form, parsing and data sanitization."""

from __future__ import annotations

import dataclasses
import enum
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from tinkex.telemetry.types import (
    EventType,
    GenericEvent,
    SessionEndEvent,
    SessionStartEvent,
    Severity,
    TelemetrySendRequest,
    UnhandledExceptionEvent,
    format_duration,
    format_timestamp,
    parse_telemetry_event,
    sanitize,
)

T0 = datetime(2025, 6, 1, 12, 0, 0, 250000, tzinfo=UTC)


def _events() -> list[Any]:
    return [
        SessionStartEvent(event_id="e0", event_session_index=0, timestamp=T0),
        GenericEvent(event_id="e1", event_session_index=1, timestamp=T0, event_name="n", event_data={"a": 1}),
        UnhandledExceptionEvent(
            event_id="e2",
            event_session_index=2,
            timestamp=T0,
            error_type="E",
            error_message="m",
            traceback="tb",
        ),
        UnhandledExceptionEvent(
            event_id="e3", event_session_index=3, timestamp=T0, error_type="E", error_message="m"
        ),
        SessionEndEvent(event_id="e4", event_session_index=4, timestamp=T0, duration="0:00:01"),
    ]


def test_every_event_round_trips_through_its_wire_form() -> None:
    # covers TEL-24, TEL-25, TEL-26, TEL-27, TEL-28
    for event in _events():
        assert parse_telemetry_event(event.to_wire()) == event


def test_wire_tags_and_defaults() -> None:
    # covers TEL-22, TEL-23
    start, generic, crash, bare_crash, end = (e.to_wire() for e in _events())
    assert [w["event"] for w in (start, generic, crash, end)] == [
        EventType.SESSION_START,
        EventType.GENERIC_EVENT,
        EventType.UNHANDLED_EXCEPTION,
        EventType.SESSION_END,
    ]
    assert set(EventType) == {"SESSION_START", "SESSION_END", "UNHANDLED_EXCEPTION", "GENERIC_EVENT"}
    assert start["timestamp"] == "2025-06-01T12:00:00.250000Z"
    assert crash["severity"] == "ERROR" and generic["severity"] == "INFO"
    assert "traceback" not in bare_crash
    assert end["duration"] == "0:00:01"


def test_unknown_event_kind_parses_to_none_and_is_dropped_from_requests() -> None:
    # covers TEL-28, TEL-29
    assert parse_telemetry_event({"event": "SOMETHING_NEW"}) is None
    wire = TelemetrySendRequest(
        session_id="s", platform="Linux", sdk_version="1", process_uuid="p", events=_events()
    ).to_wire()
    wire["events"].append({"event": "SOMETHING_NEW"})

    parsed = TelemetrySendRequest.from_wire(wire)

    assert list(parsed.events) == _events()
    assert parsed.session_id == "s" and parsed.process_uuid == "p"


def test_severity_parsing() -> None:
    # covers TEL-23
    assert Severity.parse("warning") is Severity.WARNING
    assert Severity.parse(Severity.CRITICAL) is Severity.CRITICAL
    assert Severity.parse("loud") is Severity.INFO
    assert list(Severity) == ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def test_timestamps_are_utc_and_must_be_aware() -> None:
    # covers TEL-14
    plus_two = datetime(2025, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert format_timestamp(plus_two) == "2025-06-01T12:00:00Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2025, 6, 1))


def test_duration_text_is_python_timedelta_text() -> None:
    # covers TEL-14
    assert format_duration(timedelta(seconds=12, microseconds=345678)) == "0:00:12.345678"
    assert format_duration(timedelta(hours=3, minutes=4, seconds=5)) == "3:04:05"


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


@attrs.define
class Box:
    size: int


def test_event_data_is_made_json_safe() -> None:
    # covers TEL-16
    data: dict[Any, Any] = {
        1: Colour.RED,
        "p": Point(1, 2),
        "b": Box(3),
        "t": (1, 2),
        "s": {5},
        "o": object,
        "n": None,
    }
    cleaned = sanitize(data)
    assert cleaned == {
        "1": "red",
        "p": {"x": 1, "y": 2},
        "b": {"size": 3},
        "t": [1, 2],
        "s": [5],
        "o": repr(object),
        "n": None,
    }
    event = GenericEvent(event_id="e", event_session_index=0, timestamp=T0, event_name="n", event_data=data)
    assert event.to_wire()["event_data"] == cleaned

"""The in-process telemetry event bus."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from tinkex.telemetry.events import (
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    QUEUE_STATE_CHANGE,
    EventBus,
    EventName,
    Measurements,
    Metadata,
)

Recorded = list[tuple[EventName, dict[str, float], dict[str, Any]]]


def _recorder(into: Recorded) -> Any:
    def handler(name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        into.append((name, dict(measurements), dict(metadata)))

    return handler


def test_subscribed_handler_receives_name_measurements_and_metadata() -> None:
    # covers HTTP-24
    bus = EventBus()
    seen: Recorded = []
    bus.subscribe(HTTP_REQUEST_STOP, _recorder(seen))

    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.25}, {"method": "POST", "result": "ok"})

    assert seen == [(HTTP_REQUEST_STOP, {"duration": 0.25}, {"method": "POST", "result": "ok"})]


def test_handlers_only_get_the_events_they_subscribed_to() -> None:
    bus = EventBus()
    http: Recorded = []
    queue: Recorded = []
    both: Recorded = []
    bus.subscribe(HTTP_REQUEST_START, _recorder(http))
    bus.subscribe(QUEUE_STATE_CHANGE, _recorder(queue))
    bus.subscribe([HTTP_REQUEST_START, QUEUE_STATE_CHANGE], _recorder(both))

    bus.emit(HTTP_REQUEST_START, {"system_time": 1.0})
    bus.emit(QUEUE_STATE_CHANGE, metadata={"queue_state": "paused_capacity"})
    bus.emit(("tinkex", "other"))

    assert [name for name, _, _ in http] == [HTTP_REQUEST_START]
    assert [name for name, _, _ in queue] == [QUEUE_STATE_CHANGE]
    assert [name for name, _, _ in both] == [HTTP_REQUEST_START, QUEUE_STATE_CHANGE]
    assert queue[0][1] == {}


def test_unsubscribe_stops_delivery_and_reports_unknown_ids() -> None:
    bus = EventBus()
    seen: Recorded = []
    handler_id = bus.subscribe(HTTP_REQUEST_STOP, _recorder(seen), handler_id="mine")
    assert handler_id == "mine"
    assert bus.handler_ids() == ["mine"]

    assert bus.unsubscribe("mine") is True
    assert bus.unsubscribe("mine") is False
    bus.emit(HTTP_REQUEST_STOP, {"duration": 1.0})

    assert seen == []


def test_duplicate_handler_id_is_rejected() -> None:
    bus = EventBus()
    bus.subscribe(HTTP_REQUEST_STOP, _recorder([]), handler_id="dup")
    with pytest.raises(ValueError, match="dup"):
        bus.subscribe(HTTP_REQUEST_START, _recorder([]), handler_id="dup")


def test_failing_handler_is_logged_and_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    bus = EventBus()
    seen: Recorded = []

    def broken(name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        raise RuntimeError("observer bug")

    bus.subscribe(HTTP_REQUEST_STOP, broken, handler_id="broken")
    bus.subscribe(HTTP_REQUEST_STOP, _recorder(seen))

    with caplog.at_level(logging.WARNING, logger="tinkex.telemetry.events"):
        bus.emit(HTTP_REQUEST_STOP, {"duration": 0.1})

    assert len(seen) == 1
    assert "'broken'" in caplog.text
    assert "tinkex.http.request.stop" in caplog.text


def test_handlers_cannot_mutate_what_later_handlers_see() -> None:
    bus = EventBus()
    seen: Recorded = []
    metadata = {"path": "/api/v1/x"}

    def meddler(name: EventName, measurements: Measurements, meta: Metadata) -> None:
        meta["path"] = "changed"  # type: ignore[index]

    bus.subscribe(HTTP_REQUEST_STOP, meddler)
    bus.subscribe(HTTP_REQUEST_STOP, _recorder(seen))
    bus.emit(HTTP_REQUEST_STOP, {}, metadata)

    assert seen[0][2] == {"path": "/api/v1/x"}
    assert metadata == {"path": "/api/v1/x"}


def test_handler_may_unsubscribe_itself_while_being_called() -> None:
    bus = EventBus()
    calls: list[int] = []

    def once(name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        calls.append(1)
        bus.unsubscribe("once")

    bus.subscribe(HTTP_REQUEST_STOP, once, handler_id="once")
    bus.emit(HTTP_REQUEST_STOP)
    bus.emit(HTTP_REQUEST_STOP)

    assert calls == [1]


@pytest.mark.parametrize("bad", [(), ("tinkex", ""), "tinkex.http", ("tinkex", 3)])
def test_bad_event_names_are_rejected(bad: Any) -> None:
    bus = EventBus()
    with pytest.raises(ValueError, match="event name"):
        bus.emit(bad)


def test_concurrent_emits_from_threads_are_all_delivered() -> None:
    bus = EventBus()
    counted: list[int] = []
    lock = threading.Lock()

    def count(name: EventName, measurements: Measurements, metadata: Metadata) -> None:
        with lock:
            counted.append(1)

    bus.subscribe(HTTP_REQUEST_STOP, count)

    def emit_many() -> None:
        for _ in range(200):
            bus.emit(HTTP_REQUEST_STOP)

    threads = [threading.Thread(target=emit_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(counted) == 800

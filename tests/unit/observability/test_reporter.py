"""TelemetryReporter: batching, flushing, bounded shutdown and the wire payload."""

from __future__ import annotations

import asyncio
import logging
import platform
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tinkex.telemetry.events import HTTP_REQUEST_EXCEPTION, HTTP_REQUEST_STOP, EventBus
from tinkex.telemetry.reporter import TelemetryReporter, get_process_uuid
from tinkex.telemetry.types import GenericEvent, Severity

T0 = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
COMMON_EVENT_KEYS = {"event", "event_id", "event_session_index", "severity", "timestamp"}


class RecordingSend:
    """Stands in for POST /api/v1/telemetry."""

    def __init__(self, fail: bool = False) -> None:
        self.payloads: list[dict[str, Any]] = []
        self.fail = fail

    async def __call__(self, payload: dict[str, Any]) -> None:
        self.payloads.append(payload)
        if self.fail:
            raise RuntimeError("telemetry endpoint down")

    @property
    def events(self) -> list[dict[str, Any]]:
        return [event for payload in self.payloads for event in payload["events"]]


class ManualSleep:
    """The flush interval only elapses when the test calls ``elapse``."""

    def __init__(self) -> None:
        self.requested: list[float] = []
        self._tick = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.requested.append(seconds)
        await self._tick.wait()
        self._tick.clear()

    def elapse(self) -> None:
        self._tick.set()


async def until(condition: Callable[[], bool], spins: int = 500) -> None:
    for _ in range(spins):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never became true")


async def settle(spins: int = 50) -> None:
    for _ in range(spins):
        await asyncio.sleep(0)


def make_reporter(send: Any, session_id: str | None = "session-1", **options: Any) -> TelemetryReporter:
    options.setdefault("now", lambda: T0)
    return TelemetryReporter(session_id, send=send, sdk_version="0.38.0", **options)


async def test_events_go_out_in_batches_of_at_most_100() -> None:
    # covers TEL-02, TEL-06, TEL-14
    send = RecordingSend()
    reporter = make_reporter(send)
    for i in range(249):  # plus the SESSION_START queued at construction = 250
        assert reporter.log("step", {"i": i}) is True

    assert await reporter.flush() is True

    assert [len(p["events"]) for p in send.payloads] == [100, 100, 50]
    assert [e["event_session_index"] for e in send.events] == list(range(250))
    assert send.events[0]["event"] == "SESSION_START"
    assert reporter.pending_count == 0


async def test_payload_has_exactly_the_protocol_fields() -> None:
    # covers TEL-13, TEL-14, TEL-24, TEL-25, TEL-30
    send = RecordingSend()
    reporter = make_reporter(send)
    reporter.log("custom", {"k": "v", "n": 1}, "warning")
    await reporter.flush()

    (payload,) = send.payloads
    assert set(payload) == {"events", "platform", "sdk_version", "session_id", "process_uuid"}
    assert payload["platform"] == platform.system()
    assert payload["sdk_version"] == "0.38.0"
    assert payload["session_id"] == "session-1"
    assert payload["process_uuid"] == get_process_uuid()
    assert uuid.UUID(payload["process_uuid"]).version == 4
    start, generic = payload["events"]
    assert set(start) == COMMON_EVENT_KEYS
    assert start == {
        "event": "SESSION_START",
        "event_id": start["event_id"],
        "event_session_index": 0,
        "severity": "INFO",
        "timestamp": "2025-01-02T03:04:05Z",
    }
    assert set(generic) == COMMON_EVENT_KEYS | {"event_name", "event_data"}
    assert generic["event"] == "GENERIC_EVENT"
    assert generic["event_name"] == "custom"
    assert generic["event_data"] == {"k": "v", "n": 1}
    assert generic["severity"] == "WARNING"
    assert generic["event_session_index"] == 1
    assert uuid.UUID(generic["event_id"]).version == 4
    assert generic["event_id"] != start["event_id"]


async def test_full_queue_drops_and_counts_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    # covers TEL-11
    send = RecordingSend()
    reporter = make_reporter(send, session_id=None, max_queue_size=5)
    with caplog.at_level(logging.WARNING, logger="tinkex.telemetry.reporter"):
        accepted = [reporter.log("e", {"i": i}) for i in range(8)]

    assert accepted == [True] * 5 + [False] * 3
    assert reporter.dropped_count == 3
    assert caplog.text.count("Telemetry queue full (5), dropping event") == 1
    await reporter.flush()
    assert [e["event_data"]["i"] for e in send.events] == [0, 1, 2, 3, 4]
    assert [e["event_session_index"] for e in send.events] == [0, 1, 2, 3, 4]


async def test_periodic_flush_runs_when_the_interval_elapses() -> None:
    # covers TEL-02
    send = RecordingSend()
    sleep = ManualSleep()
    reporter = make_reporter(send, sleep=sleep)
    reporter.start(asyncio.get_running_loop())
    reporter.log("queued")

    await until(lambda: sleep.requested == [10.0])
    await settle()
    assert send.payloads == []

    sleep.elapse()
    await until(lambda: len(send.events) == 2)
    assert [e["event"] for e in send.events] == ["SESSION_START", "GENERIC_EVENT"]
    await until(lambda: len(sleep.requested) == 2)  # and the next interval starts
    await reporter.close()


async def test_logged_exception_is_flushed_without_waiting_for_the_interval() -> None:
    # covers TEL-04, TEL-15
    send = RecordingSend()
    sleep = ManualSleep()
    reporter = make_reporter(send, sleep=sleep)
    reporter.start(asyncio.get_running_loop())
    await until(lambda: len(sleep.requested) == 1)

    try:
        raise KeyError("boom")
    except KeyError as exc:
        assert reporter.log_exception(exc) is True

    await until(lambda: len(send.events) == 2)
    crash = send.events[1]
    assert set(crash) == COMMON_EVENT_KEYS | {"error_type", "error_message", "traceback"}
    assert crash["event"] == "UNHANDLED_EXCEPTION"
    assert crash["error_type"] == "KeyError"
    assert crash["error_message"] == "'boom'"
    assert crash["severity"] == "ERROR"
    assert 'raise KeyError("boom")' in crash["traceback"]
    await reporter.close()


async def test_reaching_the_flush_threshold_triggers_a_flush() -> None:
    # covers TEL-03
    send = RecordingSend()
    sleep = ManualSleep()
    reporter = make_reporter(send, sleep=sleep, flush_threshold=3)
    reporter.start(asyncio.get_running_loop())
    await until(lambda: len(sleep.requested) == 1)

    reporter.log("one")
    await settle()
    assert send.payloads == []
    reporter.log("two")  # with SESSION_START that makes 3

    await until(lambda: len(send.events) == 3)
    await reporter.close()


class UserError(Exception):
    def __init__(self, message: str, status_code: int, body: Any = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


async def test_user_errors_found_through_the_cause_chain_become_user_error_events() -> None:
    # covers TEL-15
    send = RecordingSend()
    reporter = make_reporter(send, session_id=None)
    try:
        try:
            raise UserError("bad request", 400, {"detail": "nope"})
        except UserError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        reporter.log_exception(outer)
    reporter.log_exception(UserError("timeout", 408))  # 408 is not the user's fault
    await reporter.flush()

    user_error, timeout = send.events
    assert user_error["event"] == "GENERIC_EVENT"
    assert user_error["event_name"] == "user_error"
    assert user_error["severity"] == "WARNING"
    assert user_error["event_data"] == {
        "error_type": "RuntimeError",
        "message": "wrapped",
        "status_code": 400,
        "body": {"detail": "nope"},
    }
    assert timeout["event"] == "UNHANDLED_EXCEPTION"
    assert "traceback" not in timeout  # never raised, so there is none, and None is left out


async def test_close_returns_after_the_drain_timeout_when_send_hangs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # covers TEL-08
    started = asyncio.Event()

    async def hanging_send(payload: dict[str, Any]) -> None:
        started.set()
        await asyncio.Event().wait()

    reporter = make_reporter(hanging_send, flush_timeout=0.05)
    reporter.start(asyncio.get_running_loop())
    reporter.log("x")

    with caplog.at_level(logging.WARNING, logger="tinkex.telemetry.reporter"):
        await asyncio.wait_for(reporter.close(), timeout=5)

    assert started.is_set()
    assert "Timed out after 0.05s draining telemetry" in caplog.text
    assert reporter.log("after close") is False
    await reporter.close()  # a second close is a no-op


async def test_send_timeout_drops_a_hung_batch_and_keeps_going(caplog: pytest.LogCaptureFixture) -> None:
    # covers TEL-12
    calls: list[dict[str, Any]] = []

    async def first_hangs(payload: dict[str, Any]) -> None:
        calls.append(payload)
        if len(calls) == 1:
            await asyncio.Event().wait()

    reporter = make_reporter(first_hangs, send_timeout=0.02, max_batch_size=1)
    reporter.log("second")
    with caplog.at_level(logging.WARNING, logger="tinkex.telemetry.reporter"):
        assert await reporter.flush() is True

    assert len(calls) == 2
    assert "Dropping telemetry batch of 1 events: TimeoutError" in caplog.text


async def test_send_failures_are_logged_and_never_reach_the_caller(caplog: pytest.LogCaptureFixture) -> None:
    # covers TEL-12, HTTP-34
    send = RecordingSend(fail=True)
    sleep = ManualSleep()
    reporter = make_reporter(send, sleep=sleep)
    reporter.start(asyncio.get_running_loop())

    with caplog.at_level(logging.WARNING, logger="tinkex.telemetry.reporter"):
        reporter.log_exception(ValueError("first"))
        await until(lambda: len(send.payloads) == 1)
        reporter.log_exception(ValueError("second"))  # the flusher survived the failure
        await until(lambda: len(send.payloads) == 2)
        assert await reporter.flush() is True
        await reporter.close()

    assert "Dropping telemetry batch of 2 events: RuntimeError: telemetry endpoint down" in caplog.text


async def test_disabled_reporter_sends_nothing() -> None:
    # covers TEL-17, CFG-12
    send = RecordingSend()
    reporter = make_reporter(send, enabled=False)
    reporter.start(asyncio.get_running_loop())

    assert reporter.enabled is False
    assert reporter.log("x") is False
    assert reporter.log_generic("x", {"a": 1}) is False
    assert reporter.log_exception(RuntimeError("x")) is False
    assert await reporter.log_fatal_exception(RuntimeError("x")) is False
    assert await reporter.flush() is True
    await reporter.close()
    await settle()

    assert send.payloads == []
    assert reporter.pending_count == 0


async def test_fatal_exception_adds_session_end_with_timedelta_duration() -> None:
    # covers TEL-05, TEL-14, TEL-26
    moments = iter([T0, T0 + timedelta(seconds=12, microseconds=345678), T0 + timedelta(seconds=12)])
    send = RecordingSend()
    reporter = make_reporter(send, now=lambda: next(moments))

    assert await reporter.log_fatal_exception(RuntimeError("fatal")) is True

    start, crash, end = send.events
    assert crash["event"] == "UNHANDLED_EXCEPTION"
    assert crash["timestamp"] == "2025-01-02T03:04:17.345678Z"
    assert end["event"] == "SESSION_END"
    assert set(end) == COMMON_EVENT_KEYS | {"duration"}
    assert end["duration"] == "0:00:12"
    assert [start["event_session_index"], crash["event_session_index"], end["event_session_index"]] == [
        0,
        1,
        2,
    ]


async def test_session_end_duration_keeps_microseconds() -> None:
    # covers TEL-14
    moments = iter([T0, T0 + timedelta(seconds=1), T0 + timedelta(hours=1, seconds=2, microseconds=5)])
    send = RecordingSend()
    reporter = make_reporter(send, now=lambda: next(moments))
    await reporter.log_fatal_exception(RuntimeError("fatal"))
    assert send.events[-1]["duration"] == "1:00:02.000005"


async def test_sessionless_reporter_has_a_synthetic_id_and_no_session_events() -> None:
    # covers TEL-13
    send = RecordingSend()
    reporter = make_reporter(send, session_id=None)
    await reporter.log_fatal_exception(RuntimeError("x"))

    assert reporter.session_id.startswith("sessionless-")
    assert [e["event"] for e in send.events] == ["UNHANDLED_EXCEPTION"]
    assert send.payloads[0]["session_id"] == reporter.session_id


async def test_scrubber_sees_every_payload_before_it_is_sent() -> None:
    send = RecordingSend()

    def scrub(payload: dict[str, Any]) -> dict[str, Any]:
        for event in payload["events"]:
            if "api_key" in event.get("event_data", {}):
                event["event_data"]["api_key"] = "[REDACTED]"
        return payload

    reporter = make_reporter(send, session_id=None, scrubber=scrub)
    reporter.log("auth", {"api_key": "tml-secret"})
    await reporter.flush()

    assert send.events[0]["event_data"] == {"api_key": "[REDACTED]"}
    assert "tml-secret" not in repr(send.payloads)


async def test_typed_events_get_the_reporters_next_index() -> None:
    # covers OVR-21, TEL-28
    send = RecordingSend()
    reporter = make_reporter(send)
    typed = GenericEvent(
        event_id=str(uuid.uuid4()), event_session_index=99, timestamp=T0, event_name="typed", severity="error"
    )
    assert reporter.log(typed) is True
    with pytest.raises(ValueError, match="event_data"):
        reporter.log(typed, {"not": "allowed"})
    await reporter.flush()

    assert send.events[1]["event_session_index"] == 1
    assert send.events[1]["event_id"] == typed.event_id
    assert send.events[1]["severity"] == Severity.ERROR


async def test_bus_events_of_this_session_are_forwarded() -> None:
    # covers TEL-10
    send = RecordingSend()
    bus = EventBus()
    reporter = make_reporter(send, session_id="mine")
    reporter.attach(bus)

    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.5}, {"session_id": "mine", "path": "/api/v1/asample"})
    bus.emit(HTTP_REQUEST_EXCEPTION, {"duration": 0.1}, {"session_id": "mine", "path": "/api/v1/x"})
    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.5}, {"session_id": "other", "path": "/api/v1/asample"})
    bus.emit(HTTP_REQUEST_STOP, {"duration": 0.5}, {"session_id": "mine", "path": "/api/v1/telemetry"})
    await reporter.flush()

    forwarded = send.events[1:]
    assert [(e["event_name"], e["severity"]) for e in forwarded] == [
        ("tinkex.http.request.stop", "INFO"),
        ("tinkex.http.request.exception", "ERROR"),
    ]
    assert forwarded[0]["event_data"] == {
        "measurements": {"duration": 0.5},
        "metadata": {"path": "/api/v1/asample"},
    }

    await reporter.close()  # detaches
    assert bus.handler_ids() == []


async def test_reporter_on_a_background_loop_thread_is_usable_from_another_loop() -> None:
    # covers TEL-01 (the SDK runs its I/O on one background loop thread)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    send_threads: list[int] = []

    async def send(payload: dict[str, Any]) -> None:
        send_threads.append(threading.get_ident())

    try:
        reporter = make_reporter(send, sleep=lambda seconds: asyncio.Event().wait())
        reporter.start(loop)
        reporter.log("from the caller's thread")
        assert await asyncio.wait_for(reporter.flush(), timeout=5) is True
        await asyncio.wait_for(reporter.close(), timeout=5)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()

    assert send_threads and set(send_threads) == {thread.ident}


def test_invalid_options_name_the_field() -> None:
    with pytest.raises(ValueError, match="max_batch_size"):
        make_reporter(RecordingSend(), max_batch_size=0)
    with pytest.raises(ValueError, match="flush_timeout"):
        make_reporter(RecordingSend(), flush_timeout=-1)

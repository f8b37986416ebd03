"""The console logger for SDK events (TEL-20)."""

from __future__ import annotations

import logging

import pytest

from tinkex import telemetry
from tinkex.telemetry.console import CONSOLE_LOGGER_NAME
from tinkex.telemetry.events import (
    HTTP_REQUEST_EXCEPTION,
    HTTP_REQUEST_START,
    HTTP_REQUEST_STOP,
    QUEUE_STATE_CHANGE,
    EventBus,
)

BASE = "http://user:hunter2pass@127.0.0.1:8000"
REQUEST = {"method": "POST", "path": "/api/v1/asample", "base_url": BASE, "pool_type": "sampling"}


def test_lines_for_http_and_queue_events_with_exceptions_at_error(caplog: pytest.LogCaptureFixture) -> None:
    # covers TEL-20
    bus = EventBus()
    handler_id = telemetry.attach_console_logger(logging.INFO, bus=bus)
    with caplog.at_level(logging.INFO, logger=CONSOLE_LOGGER_NAME):
        bus.emit(HTTP_REQUEST_START, {"system_time": 1.0}, REQUEST)
        bus.emit(
            HTTP_REQUEST_STOP,
            {"duration": 0.0125},
            {**REQUEST, "result": "ok", "status": 200, "retry_count": 2},
        )
        bus.emit(
            HTTP_REQUEST_EXCEPTION, {"duration": 0.5}, {**REQUEST, "kind": "ConnectTimeout", "reason": "slow"}
        )
        bus.emit(
            QUEUE_STATE_CHANGE,
            {},
            {"queue_state": "paused_rate_limit", "queue_state_reason": "too many", "request_id": "req-7"},
        )

    records = [r for r in caplog.records if r.name == CONSOLE_LOGGER_NAME]
    lines = [r.getMessage() for r in records]
    assert [r.levelno for r in records] == [logging.INFO, logging.INFO, logging.ERROR, logging.INFO]
    assert lines[0].startswith("HTTP POST /api/v1/asample started")
    assert "-> ok status=200 in 12.5 ms (retries=2" in lines[1]
    assert "failed after 500.0 ms: ConnectTimeout: slow" in lines[2]
    assert lines[3] == "Queue state paused_rate_limit for request req-7: too many"
    assert "127.0.0.1:8000" in lines[1]
    assert all("hunter2pass" not in line for line in lines)  # the base URL's password is masked

    assert telemetry.detach(handler_id, bus=bus) is True
    caplog.clear()
    bus.emit(HTTP_REQUEST_START, {}, REQUEST)
    assert [r for r in caplog.records if r.name == CONSOLE_LOGGER_NAME] == []
    assert telemetry.detach(handler_id, bus=bus) is False


def test_only_the_chosen_events_at_the_chosen_level(caplog: pytest.LogCaptureFixture) -> None:
    # covers TEL-20
    bus = EventBus()
    handler_id = telemetry.attach_console_logger(logging.DEBUG, events=[HTTP_REQUEST_STOP], bus=bus)
    with caplog.at_level(logging.DEBUG, logger=CONSOLE_LOGGER_NAME):
        bus.emit(HTTP_REQUEST_START, {}, REQUEST)
        bus.emit(HTTP_REQUEST_STOP, {"duration": 0.001}, {**REQUEST, "result": "error", "status": 503})
    records = [r for r in caplog.records if r.name == CONSOLE_LOGGER_NAME]
    assert [(r.levelno, "status=503" in r.getMessage()) for r in records] == [(logging.DEBUG, True)]
    telemetry.detach(handler_id, bus=bus)

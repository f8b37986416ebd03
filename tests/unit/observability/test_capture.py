"""Exception capture for telemetry: call context, event shapes, fatal flush, drain waits."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tinkex.errors import APIConnectionError, BadRequestError, RequestErrorCategory, RequestFailedError
from tinkex.telemetry.capture import captured
from tinkex.telemetry.classify import call_context
from tinkex.telemetry.reporter import TelemetryReporter


def bad_request() -> BadRequestError:
    import httpx

    request = httpx.Request("POST", "http://server/api/v1/create_model")
    response = httpx.Response(400, request=request, headers={"x-request-id": "req-1"}, json={"detail": "no"})
    return BadRequestError("no", response=response, body={"detail": "no"}, request_id="req-1")


def test_call_context_names_operation_type_category_and_request_id() -> None:
    failed = RequestFailedError("boom", request_id="req-9", category=RequestErrorCategory.Server)
    assert call_context(failed, "sample") == {
        "operation": "sample",
        "error_type": "RequestFailedError",
        "category": "server",
        "request_id": "req-9",
    }
    assert call_context(bad_request(), "create_model")["category"] == "user"
    try:
        try:
            raise failed
        except RequestFailedError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert call_context(outer, "x")["request_id"] == "req-9"  # found along the cause chain
    assert call_context(APIConnectionError("down"), "x")["category"] == "unknown"


class Sink:
    def __init__(self) -> None:
        self.payloads: list[dict[str, Any]] = []
        self.release = asyncio.Event()
        self.hold = False

    async def __call__(self, payload: dict[str, Any]) -> None:
        if self.hold:
            await self.release.wait()
        self.payloads.append(payload)

    def events(self) -> list[dict[str, Any]]:
        return [e for p in self.payloads for e in p["events"]]


class Holder:
    def __init__(self, reporter: TelemetryReporter) -> None:
        self.reporter = reporter


@pytest.fixture
def started() -> Iterator[tuple[TelemetryReporter, Sink, asyncio.AbstractEventLoop]]:
    """A reporter flushing on its own loop thread; closed (and the loop closed) afterwards."""
    sink = Sink()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    reporter = TelemetryReporter("sess-1", send=sink, sdk_version="0.38.0")
    reporter.start(loop)
    yield reporter, sink, loop
    loop.call_soon_threadsafe(sink.release.set)
    asyncio.run_coroutine_threadsafe(reporter.close(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)
    loop.close()


# covers TEL-09
def test_captured_reports_fatally_and_reraises(
    started: tuple[TelemetryReporter, Sink, asyncio.AbstractEventLoop],
) -> None:
    reporter, sink, loop = started

    async def failing() -> None:
        raise RequestFailedError("boom", request_id="req-2", category=RequestErrorCategory.Server)

    async def main() -> None:
        with pytest.raises(RequestFailedError):
            await captured(Holder(reporter), "forward_backward", failing())

    asyncio.run_coroutine_threadsafe(main(), loop).result(30)
    kinds = [e["event"] for e in sink.events()]
    assert kinds == ["SESSION_START", "UNHANDLED_EXCEPTION", "SESSION_END"]
    message = sink.events()[1]["error_message"]
    assert message.endswith("boom [operation=forward_backward request_id=req-2 category=server]")


def test_captured_leaves_cancellation_alone() -> None:
    sink = Sink()
    reporter = TelemetryReporter("sess-2", send=sink, sdk_version="0.38.0")

    async def cancelled() -> None:
        raise asyncio.CancelledError

    async def main() -> None:
        with pytest.raises(asyncio.CancelledError):
            await captured(Holder(reporter), "sample", cancelled())

    asyncio.run(main())
    assert reporter.pending_count == 1  # only SESSION_START: a cancellation is not a failure


# covers TEL-07
def test_wait_until_drained_true_once_sent_false_on_timeout(
    started: tuple[TelemetryReporter, Sink, asyncio.AbstractEventLoop],
) -> None:
    reporter, sink, loop = started
    assert reporter.wait_until_drained(timeout=30)
    assert [e["event"] for e in sink.events()] == ["SESSION_START"]
    sink.hold = True
    reporter.log_generic("stuck", {})
    assert reporter.wait_until_drained(timeout=0.2) is False  # the batch is still being sent
    loop.call_soon_threadsafe(sink.release.set)
    assert reporter.wait_until_drained(timeout=30)

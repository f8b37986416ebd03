"""Session-scoped telemetry reporter: queues typed events and ships them in batches.

Events are queued from any thread (``log*`` never block and never raise because of telemetry) and
sent by one task on the SDK's background asyncio loop: every ``flush_interval`` seconds, as soon
as an exception is logged or the queue reaches ``flush_threshold``, and on ``close()`` with a
drain bounded by ``flush_timeout`` (``wait_until_drained`` waits the same way from any thread). A failed batch is dropped with a warning (the HTTP layer
behind ``send`` already retries), exactly like the official SDK: telemetry must never break or
stall the caller.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import platform
import threading
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from datetime import UTC, datetime
from typing import Any, TypeAlias, TypeVar

from tinkex.telemetry import event_builders as builders
from tinkex.telemetry.event_builders import NowFn
from tinkex.telemetry.events import EventBus, default_bus
from tinkex.telemetry.forwarding import BusForwarder
from tinkex.telemetry.types import Severity, TelemetryEvent, TelemetrySendRequest

logger = logging.getLogger(__name__)

SendFn: TypeAlias = Callable[[dict[str, Any]], Awaitable[None]]
Scrubber: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]
SleepFn: TypeAlias = Callable[[float], Awaitable[None]]
_T = TypeVar("_T")


_process_uuid: tuple[int, str] | None = None
_process_uuid_lock = threading.Lock()


def get_process_uuid() -> str:
    """A uuid4 shared by every session of this process; keyed on the pid so a fork gets its own."""
    global _process_uuid
    with _process_uuid_lock:
        if _process_uuid is None or _process_uuid[0] != os.getpid():
            _process_uuid = (os.getpid(), str(uuid.uuid4()))
        return _process_uuid[1]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _identity(payload: dict[str, Any]) -> dict[str, Any]:
    return payload


def _positive(name: str, value: float) -> float:
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return value


class TelemetryReporter:
    """Batches telemetry events for one session (``session_id=None``: a REST-only, sessionless
    reporter with a ``sessionless-<uuid4>`` id and no SESSION_START)."""

    def __init__(
        self,
        session_id: str | None,
        *,
        send: SendFn,
        sdk_version: str,
        enabled: bool = True,
        scrubber: Scrubber = _identity,
        flush_interval: float = 10.0,
        flush_threshold: int = 100,
        max_batch_size: int = 100,
        max_queue_size: int = 10_000,
        flush_timeout: float = 30.0,
        send_timeout: float = 60.0,
        sleep: SleepFn = asyncio.sleep,
        now: NowFn = _utc_now,
    ) -> None:
        self._send = send
        self._sdk_version = sdk_version
        self._enabled = enabled
        self._scrubber = scrubber
        self._flush_interval = _positive("flush_interval", flush_interval)
        self._flush_threshold = int(_positive("flush_threshold", flush_threshold))
        self._max_batch_size = int(_positive("max_batch_size", max_batch_size))
        self._max_queue_size = int(_positive("max_queue_size", max_queue_size))
        self._flush_timeout = _positive("flush_timeout", flush_timeout)
        # Bounds one POST, so a hung connection cannot stall the periodic flusher forever.
        self._send_timeout = _positive("send_timeout", send_timeout)
        self._sleep = sleep
        self._now = now
        self._sessionless = session_id is None
        self._session_id = session_id if session_id is not None else f"sessionless-{uuid.uuid4()}"
        self._session_start = now()
        self._lock = threading.Lock()
        self._queue: deque[TelemetryEvent] = deque()
        self._next_index = 0
        self._accepted = 0  # events queued so far, and events whose batch was sent or given up:
        self._settled = 0  # the queue is drained when the two are equal (TEL-07)
        self._dropped = 0
        self._full_warned = False
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[None]] = set()
        self._forwarder = BusForwarder(self._session_id, self.log_generic)
        self._session_ended = False  # SESSION_END goes out at most once (TEL-08)
        if enabled and not self._sessionless:
            self._enqueue(builders.session_start(self._session_start))

    # ----- state -------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def session_id(self) -> str:
        return self._session_id

    def attach(self, bus: EventBus = default_bus) -> None:
        """Forward this session's HTTP and queue-state bus events as GENERIC_EVENTs (TEL-10)."""
        if self._enabled:
            self._forwarder.attach(bus)

    def detach(self) -> None:
        self._forwarder.detach()

    @property
    def pending_count(self) -> int:
        with self._lock:
            return len(self._queue)

    @property
    def dropped_count(self) -> int:
        with self._lock:
            return self._dropped

    # ----- queueing (any thread) ---------------------------------------------------------------

    def log(
        self,
        event: TelemetryEvent | str,
        event_data: Mapping[str, Any] | None = None,
        severity: Severity | str = Severity.INFO,
    ) -> bool:
        """Queue a typed event, or (official form) a GENERIC_EVENT named ``event``.

        A typed event gets this session's next ``event_session_index``: the reporter owns the
        numbering so it stays monotonic. Returns whether the event was accepted.
        """
        if isinstance(event, str):
            return self.log_generic(event, event_data, severity)
        if event_data is not None:
            raise ValueError("event_data is only accepted with an event name, not a typed event")
        return self._enqueue(builders.restamped(event))

    def log_generic(
        self,
        event_name: str,
        event_data: Mapping[str, Any] | None = None,
        severity: Severity | str = Severity.INFO,
    ) -> bool:
        return self._enqueue(
            builders.generic(event_name, event_data or {}, Severity.parse(severity), self._now)
        )

    def log_exception(
        self, exc: BaseException, severity: Severity | str = Severity.ERROR, *, operation: str | None = None
    ) -> bool:
        """Queue a ``user_error`` GENERIC_EVENT (WARNING) or an UNHANDLED_EXCEPTION, then flush soon.
        ``operation`` names the client call that failed (it goes into the event with the request
        id and error category)."""
        accepted = self._enqueue(builders.for_exception(exc, Severity.parse(severity), self._now, operation))
        self._request_flush()
        return accepted

    async def log_fatal_exception(
        self,
        exc: BaseException,
        severity: Severity | str = Severity.ERROR,
        *,
        operation: str | None = None,
        timeout: float | None = None,
    ) -> bool:
        """Queue the exception and a SESSION_END, then wait until they are sent (at most
        ``timeout`` seconds, default ``flush_timeout``)."""
        events = [builders.for_exception(exc, Severity.parse(severity), self._now, operation)]
        events += self._session_end_once()
        accepted = self._enqueue(*events)
        await self.flush(timeout)
        if accepted:
            logger.info("Exception logged for session ID: %s", self._session_id)
        return accepted

    def _session_end_once(self) -> list[builders.EventBuilder]:
        with self._lock:
            if self._sessionless or self._session_ended:
                return []
            self._session_ended = True
        return [builders.session_end(self._session_start, self._now)]

    def _enqueue(self, *events: builders.EventBuilder) -> bool:
        """Queue all events or none; the index is assigned under the lock so queue order is index order."""
        with self._lock:
            if not self._enabled or self._closed:
                return False
            if len(self._queue) + len(events) > self._max_queue_size:
                self._dropped += len(events)
                if not self._full_warned:
                    self._full_warned = True
                    logger.warning("Telemetry queue full (%d), dropping event", self._max_queue_size)
                return False
            self._full_warned = False
            for build in events:
                self._queue.append(build(self._next_index))
                self._next_index += 1
            self._accepted += len(events)
            reached_threshold = len(self._queue) >= self._flush_threshold
        if reached_threshold:
            self._request_flush()
        return True

    def _request_flush(self) -> None:
        loop = self._loop
        if loop is None:
            self._wake.set()  # no loop bound yet, so nobody can be waiting on the event
            return
        with contextlib.suppress(RuntimeError):  # the loop is already closed: nothing to wake
            loop.call_soon_threadsafe(self._wake.set)

    # ----- sending (the reporter's loop) -------------------------------------------------------

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """Run the periodic flusher on ``loop`` (safe to call from any thread, once)."""
        if not self._enabled or self._loop is not None:
            return
        self._loop = loop
        loop.call_soon_threadsafe(self._start_task)

    def _start_task(self) -> None:
        if not self._closed and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="tinkex-telemetry")

    async def _run(self) -> None:
        while True:
            await self._wait_for_flush_signal()
            try:
                await self._drain_queue()
            except Exception:
                logger.warning("Telemetry flush failed; continuing", exc_info=True)

    async def _wait_for_flush_signal(self) -> None:
        if not self._wake.is_set():
            woken = asyncio.ensure_future(self._wake.wait())
            interval = asyncio.ensure_future(self._sleep(self._flush_interval))
            try:
                await asyncio.wait({woken, interval}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in (woken, interval):
                    waiter.cancel()
                await asyncio.gather(woken, interval, return_exceptions=True)
        self._wake.clear()

    async def _drain_queue(self) -> None:
        while True:
            with self._lock:
                batch = [self._queue.popleft() for _ in range(min(self._max_batch_size, len(self._queue)))]
            if not batch:
                return
            task = asyncio.get_running_loop().create_task(self._send_batch(batch))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)
            await task

    async def _send_batch(self, events: list[TelemetryEvent]) -> None:
        try:
            request = TelemetrySendRequest(
                session_id=self._session_id,
                platform=platform.system(),
                sdk_version=self._sdk_version,
                process_uuid=get_process_uuid(),
                events=events,
            )
            await asyncio.wait_for(self._send(self._scrubber(request.to_wire())), self._send_timeout)
        except Exception as exc:
            logger.warning(
                "Dropping telemetry batch of %d events: %s: %s", len(events), type(exc).__name__, exc
            )
        finally:
            with self._lock:
                self._settled += len(events)

    async def _drain_all(self) -> None:
        await self._drain_queue()
        # Batches the periodic task is still sending; asyncio.wait never cancels them.
        if pending := set(self._inflight):
            await asyncio.wait(pending)

    async def _bounded_drain(self, timeout: float | None = None) -> bool:
        limit = self._flush_timeout if timeout is None else timeout
        try:
            await asyncio.wait_for(self._drain_all(), limit)
            return True
        except TimeoutError:
            logger.warning(
                "Timed out after %gs draining telemetry (%d events unsent)", limit, self.pending_count
            )
            return False

    async def _on_own_loop(self, work: Coroutine[Any, Any, _T]) -> _T:
        loop = self._loop
        if loop is None or not loop.is_running() or loop is asyncio.get_running_loop():
            return await work
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work, loop))

    async def flush(self, timeout: float | None = None) -> bool:
        """Send everything queued now; True when it all went out within ``timeout`` seconds
        (default ``flush_timeout``)."""
        if not self._enabled:
            return True
        return await self._on_own_loop(self._bounded_drain(timeout))

    @property
    def drained(self) -> bool:
        """True when every accepted event has been sent (or its batch given up on)."""
        with self._lock:
            return self._settled >= self._accepted

    def wait_until_drained(self, timeout: float = 30.0, *, poll_interval: float = 0.1) -> bool:
        """Block until every accepted event is sent (TEL-07): True when drained, False when
        ``timeout`` seconds pass first. Asks for a flush first; never call it on tinkex's loop."""
        if self._loop is not None and self._loop.is_running() and _on_thread_of(self._loop):
            raise RuntimeError(
                "wait_until_drained() would block tinkex's loop; await wait_until_drained_async()"
            )
        self._request_flush()
        deadline = time.monotonic() + timeout
        while not self.drained:
            left = deadline - time.monotonic()
            if left <= 0 or self._loop is None or self._loop.is_closed():
                return self.drained
            time.sleep(min(poll_interval, left))
        return True

    async def wait_until_drained_async(self, timeout: float = 30.0, *, poll_interval: float = 0.1) -> bool:
        """``wait_until_drained`` for async code (any event loop, tinkex's included)."""
        self._request_flush()
        deadline = time.monotonic() + timeout
        while not self.drained:
            left = deadline - time.monotonic()
            if left <= 0 or self._loop is None or self._loop.is_closed():
                return self.drained
            await asyncio.sleep(min(poll_interval, left))
        return True

    async def close(self) -> None:
        """Queue SESSION_END (once), stop accepting events, drain (bounded by ``flush_timeout``)
        and stop the flusher."""
        with self._lock:
            if not self._enabled or self._closed:
                return
        self._enqueue(*self._session_end_once())
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.detach()
        await self._on_own_loop(self._shutdown())

    async def _shutdown(self) -> None:
        await self._bounded_drain()
        for task in [t for t in (self._task, *self._inflight) if t is not None]:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None


def _on_thread_of(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False

"""Long-running requests (protocol §4): submit a future-returning operation, keep submissions in
seq_id order, then poll the future to completion.

Submission and polling are separate steps so a training client can hold its turn gate
(``TurnGate``) only while submitting: request k+1 goes out as soon as request k was accepted,
and the polls of both run concurrently.

The poll loop (``poll_future``, ``POST /api/v1/retrieve_future``; features FUT-*): a
``try_again`` the server held (a long poll) is answered by polling again at once; a quick one
waits as the server asks (``retry_after_ms``) or backs off (FUT-03/06); a ``complete_metadata``
reply is followed by a full fetch; ``{error, category}`` raises ``RequestFailedError``; a 410
raises ``FutureExpiredError``; protobuf bodies are returned raw for the caller to decode. Every
wait has a finite deadline: a future that never completes raises ``APITimeoutError`` naming the
last queue state instead of hanging (DESIGN §5).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

from tinker_openapi.api.futures import retrieve_future
from tinker_openapi.types import Response

from .._http.calls import ApiClient, call, call_raw
from .._http.options import CallOptions, PoolType
from .._http.retry import Again, PollAction, PollRetryBudget, repeat_async
from ..errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    FutureExpiredError,
    RequestErrorCategory,
    RequestFailedError,
)
from ..queue_state import QueueStateTracker
from ..types import (
    FutureRetrieveRequest,
    RequestFailedResponse,
    SampleAPIFuture,
    TryAgainResponse,
    UntypedAPIFuture,
)
from ..types.behaviour.errors import ValidationError
from ..types.behaviour.wire import decode_json
from .holder import ClientHolder

T = TypeVar("T")
M = TypeVar("M")
_log = logging.getLogger("tinkex")
POLL_HTTP_TIMEOUT = 45.0
PROTOBUF = "application/x-protobuf"


@dataclass(frozen=True)
class Submitted:
    request_id: str
    reply: UntypedAPIFuture | SampleAPIFuture
    started: float


async def submit(
    holder: ClientHolder,
    endpoint: ModuleType,
    body: Any,
    *,
    pool: PoolType = PoolType.TRAINING,
    headers: Mapping[str, str] | None = None,
    max_retries: int | None = None,
    telemetry: Mapping[str, Any] | None = None,
    **parameters: Any,
) -> Submitted:
    """Send a future-returning request (generated ``endpoint`` with ``body``); its reply names the
    future. ``telemetry`` tags the request's HTTP events (TRN-18, SMP-13)."""
    started = time.perf_counter()
    # ``call`` sends it again, unchanged, when the reply cannot be read (same seq_id and key).
    options = CallOptions(pool=pool, headers=headers, max_retries=max_retries, telemetry_metadata=telemetry)
    reply = await call(holder.api, endpoint, options, body=body, **parameters)
    return Submitted(reply.request_id, reply, started)


async def await_result(
    holder: ClientHolder,
    submitted: Submitted,
    request_type: str,
    parse: Callable[[FutureOutcome], T],
    *,
    expects_proto: bool = False,
    tracker: QueueStateTracker | None = None,
) -> T:
    """Poll ``submitted`` to completion; ``parse`` reads the result inside the poll loop, so a
    result that arrives garbled is polled again rather than lost."""
    options = PollOptions(
        request_type=request_type,
        expects_proto=expects_proto,
        deadline=holder.config.future_timeout,
        tracker=tracker,
        submitted_at=submitted.started,
        poll_backoff=holder.config.poll_backoff,
        progress_interval=holder.config.progress_log_interval,
    )
    return await poll_future(holder.api, submitted.request_id, options, parse)


async def gather_or_cancel(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """Every result, in order; the first failure cancels the others and is raised (FUT-14), so a
    failed multi-chunk call leaves no chunk being polled in the background."""
    tasks = [asyncio.ensure_future(awaitable) for awaitable in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        raise


def json_result(outcome: FutureOutcome, what: str) -> dict[str, Any]:
    if outcome.payload is None:
        raise APIResponseValidationError(message=f"{what}: expected a JSON result, got protobuf")
    return outcome.payload


def result_as(cls: type[M]) -> Callable[[FutureOutcome], M]:
    """A reader of a JSON result as the generated type ``cls``; a result that does not match the
    type is unreadable (``APIResponseValidationError``), as a garbled one is."""

    def parse(outcome: FutureOutcome) -> M:
        payload = json_result(outcome, cls.__name__)
        try:
            return cls.from_dict(payload)  # type: ignore[attr-defined]
        except ValidationError as exc:
            raise APIResponseValidationError(body=payload, message=f"{cls.__name__} result: {exc}") from None

    return parse


class TurnGate:
    """Makes submissions go out in seq_id order (protocol §7.4).

    Ids are reserved synchronously by the caller (any thread), so their order is the call
    order; ``turn(seq_id)`` is awaited on the SDK loop and returns once every lower id
    has been submitted (or has failed).
    """

    def __init__(self, first: int = 1) -> None:
        self._lock = threading.Lock()
        self._next_reserved = first
        self._next_turn = first
        self._waiters: dict[int, asyncio.Event] = {}

    def reserve(self, count: int = 1) -> range:
        with self._lock:
            start = self._next_reserved
            self._next_reserved += count
            return range(start, start + count)

    async def wait_turn(self, seq_id: int) -> None:
        while self._next_turn < seq_id:
            event = self._waiters.setdefault(seq_id, asyncio.Event())
            await event.wait()

    def finish_turn(self, seq_id: int) -> None:
        self._next_turn = max(self._next_turn, seq_id + 1)
        waiter = self._waiters.pop(self._next_turn, None)
        if waiter is not None:
            waiter.set()


@dataclass(frozen=True)
class FutureOutcome:
    """A completed future: either JSON (``payload``) or raw protobuf bytes (``proto``)."""

    payload: dict[str, Any] | None = None
    proto: bytes | None = None


@dataclass
class PollOptions:
    request_type: str
    expects_proto: bool = False
    deadline: float = 3600.0
    tracker: QueueStateTracker | None = None
    submitted_at: float | None = None  # perf_counter() when the originating call started
    poll_backoff: str = "none"
    progress_interval: float | None = 60.0  # INFO line this often while the future is pending
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep


async def poll_future(
    api: ApiClient, request_id: str, options: PollOptions, parse: Callable[[FutureOutcome], T]
) -> T:
    """Poll until the future completes (its result read by ``parse``), fails, or its deadline
    passes. A result that cannot be read (a garbled body: ``parse`` raises
    ``APIResponseValidationError``) is polled again: the server keeps it. The loop is the retry
    module's ``repeat_async``; this module decides what each reply means."""
    poll = _Poll(api, request_id, options, parse)
    return await repeat_async(poll.step, sleep=options.sleep)


class _Poll(Generic[T]):
    """One future's poll state; ``step`` sends one ``retrieve_future`` and reads its reply."""

    def __init__(
        self, api: ApiClient, request_id: str, options: PollOptions, parse: Callable[[FutureOutcome], T]
    ) -> None:
        self.api, self.request_id, self.options, self.parse = api, request_id, options, parse
        exponential = options.poll_backoff == "exponential"
        self.budget = PollRetryBudget(poll_backoff="exponential" if exponential else "none")
        self.started = options.clock()
        self.allow_metadata_only = True
        self.last_state = "unknown (no queue state reported yet)"
        self.iteration = 0
        self.waits = _WaitLog(options, request_id, self.started)

    def remaining(self) -> float:
        return self.options.deadline - (self.options.clock() - self.started)

    def again(self, delay: float) -> Again[T]:
        """Poll again after ``delay`` s, never past the deadline."""
        return Again(min(delay, max(self.remaining(), 0.0)))

    def retry_after(self, action: PollAction, exc: Exception) -> Again[T]:
        if action.action == "fail":
            raise exc
        self.waits.retrying(action)
        return self.again(action.delay)

    async def step(self) -> T | Again[T]:
        options, request_id = self.options, self.request_id
        self.waits.progress(self.last_state)
        remaining = self.remaining()
        if remaining <= 0:
            raise APITimeoutError(
                f"{options.request_type} future {request_id} did not complete within {options.deadline:g} s; "
                f"last queue state: {self.last_state}"
            )
        sent_at = options.clock()
        try:
            response = await self._send(remaining)
            raw = response.http_response
            body = None if PROTOBUF in raw.headers.get("content-type", "") else decode_json(raw)
        except APIResponseValidationError as exc:  # a garbled reply: poll again (the result is kept)
            return self.retry_after(self.budget.on_error(APIConnectionError(str(exc))), exc)
        except (APIStatusError, APIConnectionError) as exc:
            status = getattr(exc, "status_code", None)
            if status == 410:
                raise FutureExpiredError(
                    f"future {request_id} expired on the server (410); submit the request again",
                    response=getattr(exc, "response", None),
                    body=getattr(exc, "body", None),
                ) from exc
            if status == 408 and isinstance(exc.body, dict) and exc.body.get("queue_state"):
                self.last_state = _observe(options, exc.body, request_id) or self.last_state
            return self.retry_after(self.budget.on_error(exc), exc)
        self.budget.on_success()
        if body is None:
            try:
                return self.parse(FutureOutcome(proto=response.content))
            except APIResponseValidationError as exc:
                return self.retry_after(self.budget.on_error(APIConnectionError(str(exc))), exc)
        return self._read(body, held=options.clock() - sent_at)

    async def _send(self, remaining: float) -> Response[Any]:
        options = self.options
        headers = {"X-Stainless-Raw-Response": "raw"}
        if options.expects_proto:
            headers["Accept"] = f"{PROTOBUF}, application/json"
        roundtrip = None
        if self.iteration == 0 and options.submitted_at is not None:
            roundtrip = time.perf_counter() - options.submitted_at
        call = CallOptions(
            pool=PoolType.FUTURES,
            timeout=min(POLL_HTTP_TIMEOUT, max(remaining, 0.001)),
            max_retries=0,  # this loop owns every retry of a poll (D-18)
            headers=headers,
        )
        self.iteration += 1
        return await call_raw(
            self.api,
            retrieve_future,
            call,
            body=FutureRetrieveRequest(
                request_id=self.request_id, allow_metadata_only=self.allow_metadata_only
            ),
            x_tinker_request_iteration=self.iteration - 1,
            x_tinker_request_type=options.request_type,
            **({} if roundtrip is None else {"x_tinker_create_promise_roundtrip_time": round(roundtrip, 6)}),
        )

    def _read(self, body: Any, *, held: float) -> T | Again[T]:
        request_id = self.request_id
        if not isinstance(body, dict):
            raise APIResponseValidationError(
                message=f"retrieve_future for {request_id} returned {type(body).__name__}, not an object"
            )
        if body.get("type") == "try_again":
            try_again = TryAgainResponse.from_dict(body)
            self.last_state = _observe(self.options, try_again, request_id) or self.last_state
            state = try_again.parsed_queue_state.value
            return self.again(self.budget.on_try_again(state, try_again.retry_after_ms, held=held))
        if body.get("status") == "complete_metadata":
            self.allow_metadata_only = False
            return Again(0.0)
        if "error" in body:
            failed = RequestFailedResponse.from_dict(body)
            category = RequestErrorCategory.parse(failed.category)
            raise RequestFailedError(failed.error, request_id=request_id, category=category)
        return self.parse(FutureOutcome(payload=body))


def _observe(options: PollOptions, body: TryAgainResponse | dict[str, Any], request_id: str) -> str | None:
    if isinstance(body, dict):  # a 408 body with a queue state
        state, reason = body.get("queue_state"), body.get("queue_state_reason")
    else:
        state, reason = body.queue_state, body.queue_state_reason
    if state is None:
        return None
    if options.tracker is not None:
        options.tracker.update(state, reason, {"request_id": request_id})
    return f"{state} ({reason})" if reason else str(state)


class _WaitLog:
    """Makes a long poll visible: the first failed poll of a future is a WARNING (with its reason
    and the next delay; later ones are DEBUG), and while the future stays pending an INFO line
    with its queue state and elapsed time appears every ``progress_interval`` seconds."""

    def __init__(self, options: PollOptions, request_id: str, started: float) -> None:
        self._options = options
        self._what = f"{options.request_type} future {request_id}"
        self._started = started
        self._retries = 0
        interval = options.progress_interval
        self._next_progress = None if interval is None else started + interval

    def retrying(self, action: PollAction) -> None:
        self._retries += 1
        level = logging.WARNING if self._retries == 1 else logging.DEBUG
        _log.log(level, "%s: poll failed (%s); retrying in %.1f s", self._what, action.reason, action.delay)

    def progress(self, last_state: str) -> None:
        interval, now = self._options.progress_interval, self._options.clock()
        if interval is None or self._next_progress is None or now < self._next_progress:
            return
        _log.info(
            "still waiting for %s: queue state %s, %.0f s elapsed",
            self._what,
            last_state,
            now - self._started,
        )
        self._next_progress = now + interval

"""The one retry module: every retry decision and delay in tinkex is made here (DESIGN §5).

* ``classify`` — pure: should (status, exception, headers) be retried, and why (HTTP-02).
* ``compute_delay`` — pure: jittered exponential backoff, Retry-After honoured (HTTP-03/04).
* ``RetryPolicy`` + ``retry_async`` / ``retry_sync`` — the HTTP-layer loop (one core, two shells).
* ``PollRetryBudget`` — how the future poll loop reacts to errors (protocol §4.2, D-18).
* ``backpressure_delay`` / ``BackpressureTracker`` — sampling 429 back-pressure (D-10).
* ``ProgressTimeout`` — fail when nothing made progress for too long (SMP-09).

Clock, sleep and random are injectable everywhere. The exponential schedule comes from
``backoff.expo``. The loops are our own rather than ``backoff.on_exception``: its decorators
call ``time.sleep``/``asyncio.sleep`` and a ``datetime`` clock directly, which would make the
injectable sleep/clock the design requires impossible.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Literal, TypeVar

import attrs
import backoff
import httpx

from ..errors import APIConnectionError, APIError, APIStatusError, APITimeoutError, parse_retry_after

T = TypeVar("T")
Clock = Callable[[], float]
Rand = Callable[[], float]

_log = logging.getLogger("tinkex.http")

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 10.0
RETRY_JITTER = 0.25
# A server-requested wait is obeyed only when it is plausible (protocol §7.1).
MAX_RETRY_AFTER = 60.0
# Past this many doublings every schedule used here is at its cap; also keeps 2**n finite.
_MAX_DOUBLINGS = 64

_TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    APIConnectionError,  # includes APITimeoutError
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
    ConnectionError,
    TimeoutError,
)


@attrs.frozen
class RetryDecision:
    retry: bool
    reason: str
    status: int | None = None
    retry_after: float | None = None


def is_retryable_status(status: int) -> bool:
    """408, 409, 429 and every 5xx (HTTP-06)."""
    return status in (408, 409, 429) or status >= 500


def honoured_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """The server-requested wait when it lies in (0, 60] seconds, else ``None``."""
    value = parse_retry_after(headers)
    return value if value is not None and 0 < value <= MAX_RETRY_AFTER else None


def _headers_of(exc: BaseException | None) -> Mapping[str, str] | None:
    if isinstance(exc, APIError):
        return exc.headers
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.headers
    return None


def classify(
    status: int | None, exc: BaseException | None = None, headers: Mapping[str, str] | None = None
) -> RetryDecision:
    """Should this outcome be retried by the HTTP layer? (HTTP-02)

    ``x-should-retry: true|false`` overrides everything; otherwise 408/409/429/5xx and
    connection/timeout errors are retried and every other 4xx, success or exception is not.
    ``status``/``headers`` default to those carried by ``exc``."""
    if isinstance(exc, APIStatusError | httpx.HTTPStatusError):
        status = status if status is not None else _status_of(exc)
    headers = headers if headers is not None else _headers_of(exc)
    retry_after = honoured_retry_after(headers)
    flag = next(
        (v.strip().lower() for k, v in (headers or {}).items() if k.lower() == "x-should-retry"), None
    )
    if flag in ("true", "false"):
        return RetryDecision(flag == "true", f"x-should-retry: {flag}", status, retry_after)
    if status is None:
        if exc is None:
            return RetryDecision(False, "nothing failed")
        if isinstance(exc, APITimeoutError | httpx.TimeoutException | TimeoutError):
            return RetryDecision(True, "timeout")
        if isinstance(exc, _TRANSPORT_ERRORS):
            return RetryDecision(True, "connection error")
        return RetryDecision(False, f"{type(exc).__name__} is not retryable")
    if is_retryable_status(status):
        return RetryDecision(True, f"status {status}", status, retry_after)
    if status < 400:
        return RetryDecision(False, f"status {status} is not an error", status)
    return RetryDecision(False, f"status {status} is not retryable", status, retry_after)


def _status_of(exc: BaseException) -> int | None:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code
    return getattr(exc, "status_code", None)


def exponential_delay(attempt: int, *, initial: float, cap: float) -> float:
    """``min(initial * 2**attempt, cap)``, read off ``backoff.expo``'s schedule."""
    schedule = backoff.expo(base=2, factor=initial, max_value=cap)
    next(schedule)  # backoff's generators yield once before the first delay
    return float(next(itertools.islice(schedule, min(max(attempt, 0), _MAX_DOUBLINGS), None)))


def compute_delay(
    attempt: int,
    *,
    headers: Mapping[str, str] | None = None,
    rand: Rand = random.random,
    initial: float = INITIAL_RETRY_DELAY,
    cap: float = MAX_RETRY_DELAY,
    jitter: float = RETRY_JITTER,
    symmetric: bool = False,
) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based).

    A Retry-After (``retry-after-ms`` / ``retry-after`` seconds or HTTP-date) in (0, 60] s wins
    as is. Otherwise ``min(initial * 2**attempt, cap)`` times a jitter factor in
    ``(1 - jitter, 1]`` (HTTP-03: attempt 0 -> 0.375..0.5 s) or, with ``symmetric``, in
    ``[1 - jitter, 1 + jitter)`` clamped to ``[0, cap]`` (the sampling handler, SMP-09)."""
    requested = honoured_retry_after(headers)
    if requested is not None:
        return requested
    base = exponential_delay(attempt, initial=initial, cap=cap)
    if symmetric:
        return min(max(base * (1 + jitter * (2 * rand() - 1)), 0.0), cap)
    return base * (1 - jitter * rand())


def classify_exception(exc: BaseException) -> RetryDecision:
    return classify(None, exc, None)


@attrs.frozen
class RetryPolicy:
    """A retry budget: how many retries, how long, and how to wait (HTTP-06 ``HttpRetryPolicy``)."""

    max_retries: int | None = 10  # None: unbounded (bounded by max_elapsed or the caller)
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    jitter: float = RETRY_JITTER
    symmetric_jitter: bool = False
    max_elapsed: float | None = None
    should_retry: Callable[[BaseException], RetryDecision] = classify_exception

    @classmethod
    def from_config(cls, config: object) -> RetryPolicy:
        return cls(max_retries=getattr(config, "max_retries", 10))

    def delay(
        self, attempt: int, headers: Mapping[str, str] | None = None, rand: Rand = random.random
    ) -> float:
        return compute_delay(
            attempt,
            headers=headers,
            rand=rand,
            initial=self.initial_delay,
            cap=self.max_delay,
            jitter=self.jitter,
            symmetric=self.symmetric_jitter,
        )

    @staticmethod
    def is_retryable_status(status: int) -> bool:
        return is_retryable_status(status)

    def allows(self, retries_taken: int, elapsed: float) -> bool:
        if self.max_retries is not None and retries_taken >= self.max_retries:
            return False
        return self.max_elapsed is None or elapsed < self.max_elapsed


HttpRetryPolicy = RetryPolicy


@attrs.frozen
class RetryAttempt:
    """Passed to ``on_retry`` before each wait."""

    attempt: int  # 0-based index of the attempt that just failed
    delay: float
    error: BaseException
    decision: RetryDecision
    elapsed: float


class _RetryRun:
    """The shared core of the sync and async loops: decide once, in one place."""

    def __init__(
        self, policy: RetryPolicy, clock: Clock, rand: Rand, on_retry: Callable[[RetryAttempt], object] | None
    ) -> None:
        self.policy, self.clock, self.rand, self.on_retry = policy, clock, rand, on_retry
        self.started = clock()
        self.attempt = 0

    def next_delay(self, exc: BaseException) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to give up and re-raise."""
        decision = self.policy.should_retry(exc)
        elapsed = self.clock() - self.started
        if not decision.retry or not self.policy.allows(self.attempt, elapsed):
            return None
        delay = self.policy.delay(self.attempt, _headers_of(exc), self.rand)
        if self.policy.max_elapsed is not None:
            delay = min(delay, max(self.policy.max_elapsed - elapsed, 0.0))
        if self.on_retry is not None:
            try:
                self.on_retry(RetryAttempt(self.attempt, delay, exc, decision, elapsed))
            except Exception:  # an observer must never change the outcome of a request
                _log.warning("on_retry callback failed", exc_info=True)
        self.attempt += 1
        return delay


async def retry_async(
    fn: Callable[[int], Awaitable[T]],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[RetryAttempt], object] | None = None,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Clock = time.monotonic,
    rand: Rand = random.random,
) -> T:
    """Call ``fn(attempt)`` until it returns, retrying what ``policy`` allows; the last error
    is re-raised unchanged when the budget runs out or the error is not retryable."""
    run = _RetryRun(policy, clock, rand, on_retry)
    while True:
        try:
            return await fn(run.attempt)
        except Exception as exc:
            delay = run.next_delay(exc)
            if delay is None:
                raise
        await sleep(delay)


def retry_sync(
    fn: Callable[[int], T],
    policy: RetryPolicy,
    *,
    on_retry: Callable[[RetryAttempt], object] | None = None,
    sleep: Callable[[float], object] = time.sleep,
    clock: Clock = time.monotonic,
    rand: Rand = random.random,
) -> T:
    """The blocking twin of ``retry_async``."""
    run = _RetryRun(policy, clock, rand, on_retry)
    while True:
        try:
            return fn(run.attempt)
        except Exception as exc:
            delay = run.next_delay(exc)
            if delay is None:
                raise
        sleep(delay)


# --- the future poll loop (protocol §4.2; LATER-24/25/34; D-18) ---

POLL_BACKOFF_INITIAL = 1.0
POLL_BACKOFF_CAP = 30.0
MAX_BAD_REQUEST_RETRIES = 3
BILLING_PAUSE = 5.0
BILLING_MAX_PAUSE = 3600.0


def pending_delay(iteration: int) -> float:
    """``min(2**iteration, 30)`` seconds: the poll loop's exponential wait (FUT-03)."""
    return exponential_delay(iteration, initial=POLL_BACKOFF_INITIAL, cap=POLL_BACKOFF_CAP)


@attrs.frozen
class PollAction:
    action: Literal["retry", "fail"]
    delay: float
    reason: str


class PollRetryBudget:
    """How one future's poll loop answers an error from ``retrieve_future``.

    408/5xx: poll again at once (or with ``pending_delay`` when ``poll_backoff="exponential"``);
    429 and connection errors: ``min(2**n, 30)`` s, n = consecutive such errors; 400: again at
    once up to 3 times; 402: pause 5 s until the billing window is spent; 410 and other 4xx:
    fail. A successful response (``on_success``) resets the consecutive counters."""

    def __init__(
        self,
        *,
        poll_backoff: Literal["none", "exponential"] = "none",
        max_bad_requests: int = MAX_BAD_REQUEST_RETRIES,
        billing_pause: float = BILLING_PAUSE,
        billing_max_pause: float = BILLING_MAX_PAUSE,
        clock: Clock = time.monotonic,
    ) -> None:
        self.poll_backoff = poll_backoff
        self.max_bad_requests = max_bad_requests
        self.billing_pause = billing_pause
        self.billing_max_pause = billing_max_pause
        self._clock = clock
        self._transport_errors = 0
        self._server_errors = 0
        self._bad_requests = 0
        self._billing_since: float | None = None

    def on_success(self) -> None:
        self._transport_errors = 0
        self._server_errors = 0
        self._billing_since = None

    def on_status(self, status: int) -> PollAction:
        if status < 400:
            raise ValueError(f"status {status} is not an error")
        if status == 408 or status >= 500:
            delay = pending_delay(self._server_errors) if self.poll_backoff == "exponential" else 0.0
            self._server_errors += 1
            return PollAction("retry", delay, f"status {status}: poll again")
        if status == 429:
            return self._transport_backoff("rate limited (429)")
        if status == 400:
            self._bad_requests += 1
            if self._bad_requests <= self.max_bad_requests:
                return PollAction("retry", 0.0, f"bad request {self._bad_requests}/{self.max_bad_requests}")
            return PollAction("fail", 0.0, f"bad request after {self.max_bad_requests} retries")
        if status == 402:
            now = self._clock()
            if self._billing_since is None:
                self._billing_since = now
            if now - self._billing_since >= self.billing_max_pause:
                return PollAction("fail", 0.0, "billing pause exceeded its window")
            return PollAction("retry", self.billing_pause, "billing pause (402)")
        if status == 410:
            return PollAction("fail", 0.0, "promise expired (410); submit a new request")
        return PollAction("fail", 0.0, f"status {status} is not retryable")

    def on_error(self, exc: BaseException) -> PollAction:
        """An exception from one poll request (status errors are routed to ``on_status``)."""
        status = _status_of(exc) if isinstance(exc, APIStatusError | httpx.HTTPStatusError) else None
        if status is not None:
            return self.on_status(status)
        if classify(None, exc).retry:
            return self._transport_backoff(f"{type(exc).__name__}")
        return PollAction("fail", 0.0, f"{type(exc).__name__} is not retryable")

    def _transport_backoff(self, reason: str) -> PollAction:
        delay = pending_delay(self._transport_errors)
        self._transport_errors += 1
        return PollAction("retry", delay, reason)


# --- sampling back-pressure (protocol §7.3, D-10) ---

SMALL_PAYLOAD_BYTES = 128 * 1024
SMALL_PAYLOAD_BACKOFF = 1.0
LARGE_PAYLOAD_BACKOFF = 5.0
THROTTLE_WINDOW = 10.0


def backpressure_delay(payload_bytes: int, headers: Mapping[str, str] | None = None) -> float:
    """1 s for an estimated payload <= 128 KiB, else 5 s; a larger Retry-After wins (D-10)."""
    base = SMALL_PAYLOAD_BACKOFF if payload_bytes <= SMALL_PAYLOAD_BYTES else LARGE_PAYLOAD_BACKOFF
    return max(base, honoured_retry_after(headers) or 0.0)


class BackpressureTracker:
    """Remembers the last back-off so dispatch can throttle for ``window`` seconds after it."""

    def __init__(self, *, window: float = THROTTLE_WINDOW, clock: Clock = time.monotonic) -> None:
        self.window = window
        self._clock = clock
        self._last: float | None = None

    def record(self, payload_bytes: int, headers: Mapping[str, str] | None = None) -> float:
        """Note a back-pressure answer now; return how long to back off."""
        self._last = self._clock()
        return backpressure_delay(payload_bytes, headers)

    def throttled(self) -> bool:
        return self._last is not None and self._clock() - self._last < self.window


# --- progress watchdog (SMP-09, protocol §7.3) ---


class ProgressTimeout:
    """Fails when no progress was recorded for ``timeout`` seconds."""

    def __init__(self, timeout: float, *, clock: Clock = time.monotonic) -> None:
        if timeout <= 0:
            raise ValueError(f"progress timeout must be positive, got {timeout!r}")
        self.timeout = timeout
        self._clock = clock
        self._last_progress = clock()

    def record_progress(self) -> None:
        self._last_progress = self._clock()

    def idle(self) -> float:
        """Seconds since the last progress."""
        return self._clock() - self._last_progress

    def remaining(self) -> float:
        return max(self.timeout - self.idle(), 0.0)

    def expired(self) -> bool:
        return self.idle() >= self.timeout

    def check(self) -> None:
        """Raise ``APITimeoutError`` if the watchdog has expired."""
        if self.expired():
            raise APITimeoutError(
                f"No progress made in {self.timeout:g} s (idle {self.idle():.1f} s); requests appear to be stuck."
            )

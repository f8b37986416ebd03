"""HTTP-layer retry decisions, delays and the retry loop (see the package docstring)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import attrs
import backoff
import httpx

from ...errors import APIConnectionError, APIError, APIStatusError, APITimeoutError, parse_retry_after

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

"""The retry loops of tinkex, run by ``backoff`` (one core, thin sync/async shells), and the
budget of the future poll loop.

* ``retry_async`` / ``retry_sync``: ``backoff.on_exception`` — call ``fn(attempt)`` until it
  returns, retrying what the ``RetryPolicy`` allows (its predicate, ``max_retries``, deadline).
* ``repeat_async``: ``backoff.on_predicate`` — call ``step()`` until it returns something other
  than ``Again(delay)`` (the future poll loop and the heartbeat loop).
* ``PollRetryBudget``: how the poll loop answers each reply and error (protocol §4.2, D-18).

Sleep, clock and random are injectable so tests control time. ``backoff`` sleeps with
``time.sleep``/``asyncio.sleep`` and measures ``max_time`` with ``datetime``, neither of which
can be injected; so its own wait is always 0 (``backoff.constant(interval=0)``), the real wait
happens in its ``on_backoff`` handler through the injected ``sleep``, and the deadline is
checked in ``giveup`` against the injected clock.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, Literal, TypeVar, cast

import attrs
import backoff
from backoff.types import Details

from .core import Clock, Rand, RetryAttempt, RetryPolicy, exponential_delay
from .predicate import MAX_RETRY_AFTER, RetryDecision, classify, headers_of, status_of

T = TypeVar("T")
_log = logging.getLogger("tinkex.http")


class _RetryRun:
    """The shared core of the sync and async loops: decide, wait and report in one place."""

    def __init__(
        self, policy: RetryPolicy, clock: Clock, rand: Rand, on_retry: Callable[[RetryAttempt], object] | None
    ) -> None:
        self.policy, self.clock, self.rand, self.on_retry = policy, clock, rand, on_retry
        self.started = clock()
        self.attempt = 0  # 0-based index of the attempt being made
        self._decision = RetryDecision(False, "nothing failed")
        self._error: BaseException | None = None

    def decorate(self, target: Callable[[], Any], on_backoff: Callable[[Details], Any]) -> Any:
        max_retries = self.policy.max_retries
        return backoff.on_exception(
            backoff.constant,
            Exception,  # never BaseException: cancellation and KeyboardInterrupt pass through
            max_tries=None if max_retries is None else max_retries + 1,
            giveup=self.giveup,
            on_backoff=on_backoff,
            jitter=None,
            logger=None,  # tinkex logs retries itself (first one WARNING, then DEBUG)
            interval=0,
        )(target)

    def giveup(self, exc: Exception) -> bool:
        """backoff asks this first on every failure; ``next_delay`` (on_backoff) follows it."""
        self._error = exc
        self._decision = self.policy.should_retry(exc)
        return not (self._decision.retry and self.policy.within_deadline(self.clock() - self.started))

    def next_delay(self) -> float:
        """The wait before the next attempt (reported to ``on_retry``); advances ``attempt``."""
        exc = self._error
        assert exc is not None  # giveup has just seen it
        elapsed = self.clock() - self.started
        delay = self.policy.delay(self.attempt, headers_of(exc), self.rand)
        if self.policy.max_elapsed is not None:
            delay = min(delay, max(self.policy.max_elapsed - elapsed, 0.0))
        if self.on_retry is not None:
            try:
                self.on_retry(RetryAttempt(self.attempt, delay, exc, self._decision, elapsed))
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

    async def attempt() -> T:
        return await fn(run.attempt)

    async def wait(_: Details) -> None:
        await sleep(run.next_delay())

    return cast(T, await run.decorate(attempt, wait)())


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

    def wait(_: Details) -> None:
        sleep(run.next_delay())

    return cast(T, run.decorate(lambda: fn(run.attempt), wait)())


@attrs.frozen
class Again(Generic[T]):
    """Returned by a ``repeat_async`` step: "not done; call me again after ``delay`` s"."""

    delay: float


async def repeat_async(
    step: Callable[[], Awaitable[T | Again[T]]],
    *,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> T:
    """Call ``step()`` until it returns a result rather than ``Again``, sleeping each requested
    delay (none for 0) in between. The step owns its own budget and deadline: it raises to stop."""

    async def wait(details: Details) -> None:
        delay = details["value"].delay
        if delay > 0:
            await sleep(delay)

    repeating = backoff.on_predicate(
        backoff.constant,
        predicate=lambda value: isinstance(value, Again),
        max_tries=None,
        on_backoff=wait,
        jitter=None,
        logger=None,
        interval=0,
    )(step)
    return cast(T, await repeating())


# --- the future poll loop (protocol §4.2; LATER-24/25/34; D-18) ---

POLL_BACKOFF_INITIAL = 1.0
POLL_BACKOFF_CAP = 30.0
MAX_BAD_REQUEST_RETRIES = 3
BILLING_PAUSE = 5.0
BILLING_MAX_PAUSE = 3600.0
# try_again (FUT-03/06): a reply the server held at least this long was a long poll (the official
# server holds ~25 s), so polling again at once is right; a quicker one means the server does not
# long-poll, and polling again at once would be a busy loop.
LONG_POLL_MIN_HOLD = 1.0
PAUSED_TRY_AGAIN_DELAY = 1.0
_PAUSED_STATES = frozenset({"paused_rate_limit", "paused_capacity"})


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

    408/409/5xx: poll again at once (or with ``pending_delay`` when ``poll_backoff="exponential"``);
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
        self._quick_try_agains = 0

    def on_try_again(self, queue_state: str | None, retry_after_ms: int | None, held: float) -> float:
        """Seconds to wait before polling again after a ``try_again`` the server held ``held`` s.

        The server's ``retry_after_ms`` wins (capped at 60 s, like Retry-After). Otherwise a long
        poll is followed by another at once, as the official SDK does; a quick answer waits 1 s
        when the queue is paused, else ``min(2**n, 30)`` s for the n-th quick answer in a row
        (the seed's FUT-03/06 rules, which keep a server that does not long-poll from being
        polled in a busy loop)."""
        if retry_after_ms is not None and retry_after_ms >= 0:
            return min(retry_after_ms / 1000.0, MAX_RETRY_AFTER)
        if held >= LONG_POLL_MIN_HOLD:
            self._quick_try_agains = 0
            return 0.0
        if queue_state in _PAUSED_STATES:
            return PAUSED_TRY_AGAIN_DELAY
        delay = pending_delay(self._quick_try_agains)
        self._quick_try_agains += 1
        return delay

    def on_success(self) -> None:
        self._transport_errors = 0
        self._server_errors = 0
        self._billing_since = None

    def on_status(self, status: int, exc: BaseException | None = None) -> PollAction:
        """The reaction to an error status; the poll-only rules (400, 402, 410) first, then the
        one retryability predicate (``exc``'s ``x-should-retry`` header included)."""
        if status < 400:
            raise ValueError(f"status {status} is not an error")
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
        decision = classify(status, exc)
        if not decision.retry:
            return PollAction("fail", 0.0, decision.reason)
        if status == 429:
            return self._transport_backoff("rate limited (429)")
        # 408, 409, 5xx: the server is holding or recovering; asking again at once is cheap.
        delay = pending_delay(self._server_errors) if self.poll_backoff == "exponential" else 0.0
        self._server_errors += 1
        return PollAction("retry", delay, f"{decision.reason}: poll again")

    def on_error(self, exc: BaseException) -> PollAction:
        """An exception from one poll request (status errors are routed to ``on_status``)."""
        status = status_of(exc)
        if status is not None:
            return self.on_status(status, exc)
        if classify(None, exc).retry:
            return self._transport_backoff(f"{type(exc).__name__}")
        return PollAction("fail", 0.0, f"{type(exc).__name__} is not retryable")

    def _transport_backoff(self, reason: str) -> PollAction:
        delay = pending_delay(self._transport_errors)
        self._transport_errors += 1
        return PollAction("retry", delay, reason)

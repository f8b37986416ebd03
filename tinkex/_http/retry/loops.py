"""The retry loops of tinkex, run by ``backoff`` (one core, thin sync/async shells).

* ``retry_async`` / ``retry_sync``: ``backoff.on_exception`` — call ``fn(attempt)`` until it
  returns, retrying what the ``RetryPolicy`` allows (its predicate, ``max_retries``, deadline).
* ``repeat_async``: ``backoff.on_predicate`` — call ``step()`` until it returns something other
  than ``Again(delay)`` (the future poll loop and the heartbeat loop).

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
from typing import Any, Generic, TypeVar, cast

import attrs
import backoff
from backoff.types import Details

from .core import Clock, Rand, RetryAttempt, RetryPolicy
from .predicate import RetryDecision, headers_of

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

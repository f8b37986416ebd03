"""Sampling submission with back-pressure and the sampling retry handler (protocol §7.3).

- A 429 (or 402) on ``asample`` is back-pressure, not an error: hold every client of the
  account for 1 s (small prompt) or 5 s (a larger Retry-After wins) and resend the same seq_id;
  for the next 10 s the account throttles to a few concurrent submissions. That backoff and the
  dispatch limit are shared per (base URL, API key) (``tinkex.rate_limit``, SMP-04/06/07).
- What the one retryability predicate allows (timeouts, connection errors, expired futures,
  408/409/429/5xx) retries the whole request with jittered exponential delays until ``progress_timeout`` passes with no request
  of this client finishing, which fails loudly instead of hanging.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from .._http.retry import (
    ProgressTimeout,
    RetryAttempt,
    RetryDecision,
    RetryPolicy,
    backpressure_delay,
    is_retryable,
    retry_async,
)
from ..errors import APIStatusError, APITimeoutError, BillingError, RateLimitError
from ..rate_limit import SamplingDispatch, SharedBackoff
from ..retry_config import RetryConfig

T = TypeVar("T")


def concurrency_limit(config: RetryConfig, max_concurrent: int | None) -> int | None:
    """How many requests of one sampling client may be in flight at once (``None``: no limit).

    A request holds its place through all of its retries, as in the official SDK."""
    if max_concurrent is None:
        return config.max_connections
    return min(max_concurrent, config.max_connections or max_concurrent)


class SamplingRetryHandler:
    """Per-client state: the progress timeout; the account's shared dispatch state
    (``dispatch``; a private one when none is given, as in tests)."""

    def __init__(
        self,
        config: RetryConfig,
        *,
        dispatch: SamplingDispatch | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.config = config
        self.dispatch = dispatch or SamplingDispatch(SharedBackoff(clock=clock))
        self.progress = ProgressTimeout(config.progress_timeout, clock=clock)
        self._in_flight = 0
        self._sleep = sleep
        self._rand = rand
        # The sampling budget: unbounded retries with symmetric jitter, bounded by the progress
        # timeout (checked in ``_decide``, which raises once nothing progressed for too long).
        self._policy = RetryPolicy(
            max_retries=None,
            initial_delay=config.retry_delay_base,
            max_delay=config.retry_delay_max,
            jitter=config.jitter_factor,
            symmetric_jitter=True,
            should_retry=self._decide,
        )

    def is_retryable(self, exc: BaseException) -> bool:
        """The one predicate (which counts an expired future as retryable: the sample is then
        submitted again, protocol §7.3), widened by ``RetryConfig.retryable_exceptions``."""
        return is_retryable(exc) or isinstance(exc, self.config.retryable_exceptions)

    async def submit_with_backpressure(self, send: Callable[[], Awaitable[T]], payload_bytes: int) -> T:
        """Call ``send`` until the server accepts it, holding a dispatch place meanwhile;
        429/402 mean "wait (with every client of the account) and resend".

        The budget: only back-pressure is retried, without limit and without a wait of its own:
        each attempt first waits out the account's shared window, which a 429 extends. It is
        bounded by the progress timeout like every other retry here: without that check a
        server answering 429 forever hung the call.
        """
        shared = self.dispatch.backoff

        def backpressure(exc: BaseException) -> RetryDecision:
            if not isinstance(exc, RateLimitError | BillingError):
                return RetryDecision(False, "not back-pressure")
            self._check_stuck(exc)
            return RetryDecision(True, "back-pressure")

        def hold(attempt: RetryAttempt) -> None:
            headers = attempt.error.headers if isinstance(attempt.error, APIStatusError) else None
            shared.set(backpressure_delay(payload_bytes, headers))

        async def attempt(_: int) -> T:
            await shared.wait_async(self._sleep)  # another client's 429 holds this one too
            return await send()

        policy = RetryPolicy(max_retries=None, fixed_delay=0.0, should_retry=backpressure)
        async with self.dispatch.slot():
            return await retry_async(attempt, policy, on_retry=hold, sleep=self._sleep, rand=self._rand)

    def _check_stuck(self, exc: BaseException) -> None:
        if self.config.enable_stuck_detection and self.progress.expired():
            raise APITimeoutError(
                f"No progress made in {self.config.progress_timeout:g} s; requests appear to be stuck "
                f"(last error: {type(exc).__name__})"
            ) from exc

    async def run(self, attempt: Callable[[], Awaitable[T]]) -> T:
        """Run one sampling request with the retry policy (the caller bounds the concurrency:
        see ``concurrency_limit``)."""
        # "No progress" is measured while requests are in flight: the first request after an
        # idle spell restarts the clock, so an idle client's first retry is not judged stuck.
        if self._in_flight == 0:
            self.progress.record_progress()
        self._in_flight += 1
        try:
            result = await retry_async(lambda _: attempt(), self._policy, sleep=self._sleep, rand=self._rand)
        finally:
            self._in_flight -= 1
        self.progress.record_progress()
        return result

    def _decide(self, exc: BaseException) -> RetryDecision:
        if not self.config.enable_retry_logic or not self.is_retryable(exc):
            return RetryDecision(False, f"{type(exc).__name__} is not retried by the sampling handler")
        self._check_stuck(exc)
        return RetryDecision(True, f"{type(exc).__name__}: retried by the sampling handler")

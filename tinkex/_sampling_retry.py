"""Sampling submission with back-pressure and the sampling retry handler (protocol §7.3).

- A 429 (or 402) on ``asample`` is back-pressure, not an error: hold every client of the
  account for 1 s (small prompt) or 5 s (a larger Retry-After wins) and resend the same seq_id;
  for the next 10 s the account throttles to a few concurrent submissions. That backoff and the
  dispatch limit are shared per (base URL, API key) (``tinkex.rate_limit``, SMP-04/06/07).
- Timeouts, connection errors, expired futures (410) and 408/409/429/5xx retry the whole
  request with jittered exponential delays until ``progress_timeout`` passes with no request
  of this client finishing, which fails loudly instead of hanging.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from ._http.retry import ProgressTimeout, backpressure_delay, compute_delay, is_retryable_status
from .errors import APIConnectionError, APIStatusError, APITimeoutError, BillingError, RateLimitError
from .rate_limit import SamplingDispatch, SharedBackoff
from .retry_config import RetryConfig

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

    def is_retryable(self, exc: BaseException) -> bool:
        if isinstance(exc, APIStatusError):
            status = exc.status_code
            return status is not None and (status == 410 or is_retryable_status(status))
        return isinstance(exc, self.config.retryable_exceptions)

    async def submit_with_backpressure(self, send: Callable[[], Awaitable[T]], payload_bytes: int) -> T:
        """Call ``send`` until the server accepts it, holding a dispatch place meanwhile;
        429/402 mean "wait (with every client of the account) and resend".

        Back-pressure that never lets up is bounded by the progress timeout like every other
        retry here: without that check a server answering 429 forever hung the call.
        """
        backoff = self.dispatch.backoff
        async with self.dispatch.slot():
            while True:
                await backoff.wait_async(self._sleep)  # another client's 429 holds this one too
                try:
                    return await send()
                except (RateLimitError, BillingError) as exc:
                    self._check_stuck(exc)
                    backoff.set(backpressure_delay(payload_bytes, exc.headers))

    def _check_stuck(self, exc: Exception) -> None:
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
            return await self._retrying(attempt)
        finally:
            self._in_flight -= 1

    async def _retrying(self, attempt: Callable[[], Awaitable[T]]) -> T:
        tries = 0
        while True:
            try:
                result = await attempt()
            except Exception as exc:
                if not self.config.enable_retry_logic or not self.is_retryable(exc):
                    raise
                self._check_stuck(exc)
                headers = exc.headers if isinstance(exc, APIStatusError | APIConnectionError) else None
                delay = compute_delay(
                    tries,
                    headers=headers,
                    rand=self._rand,
                    initial=self.config.retry_delay_base,
                    cap=self.config.retry_delay_max,
                    jitter=self.config.jitter_factor,
                    symmetric=True,
                )
                tries += 1
                await self._sleep(delay)
                continue
            self.progress.record_progress()
            return result

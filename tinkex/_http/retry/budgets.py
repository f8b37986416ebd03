"""Retry budgets of the poll loop, sampling back-pressure and the progress watchdog.

They reuse the decisions and delays of ``core`` (see the package docstring).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Literal

import attrs

from ...errors import APITimeoutError
from .core import Clock, RetryPolicy, exponential_delay
from .predicate import MAX_RETRY_AFTER, RetryDecision, classify, honoured_retry_after, status_of

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


# --- session heartbeats (SES-04…07, protocol §6) ---


@attrs.frozen
class HeartbeatBudget:
    """When a session's failing heartbeats warn, and when they give up.

    Heartbeats are sent every ``interval`` s and failures never stop them by default; once
    nothing succeeded for ``warning_after`` s each failure warns, and the optional
    ``max_failures`` (consecutive) / ``max_failure_duration`` (s) remove the session."""

    interval: float = 10.0
    warning_after: float = 120.0
    max_failures: int | None = None
    max_failure_duration: float | None = None

    def should_warn(self, since_success: float) -> bool:
        return since_success >= self.warning_after

    def exhausted(self, failures: int, since_success: float) -> bool:
        too_many = self.max_failures is not None and failures > self.max_failures
        too_long = self.max_failure_duration is not None and since_success > self.max_failure_duration
        return too_many or too_long


# --- a checkpoint archive still being built (RestClient.get_checkpoint_archive_url) ---

ARCHIVE_BUILDING_RETRIES = 6
ARCHIVE_BUILDING_WAIT = 30.0


def _archive_building(exc: BaseException) -> RetryDecision:
    # A 503 that outlived the HTTP layer's retries means "the archive is still being built".
    return RetryDecision(status_of(exc) == 503, "the archive is still being built (503)")


ARCHIVE_BUILDING_BUDGET = RetryPolicy(
    max_retries=ARCHIVE_BUILDING_RETRIES, fixed_delay=ARCHIVE_BUILDING_WAIT, should_retry=_archive_building
)

"""The budgets of sampling back-pressure, the progress watchdog, session heartbeats and a
checkpoint archive still being built (the poll loop's budget is in ``loops.py``, with the loops).
They reuse the decisions and delays of ``core`` (see the package docstring).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import attrs

from ...errors import APITimeoutError
from .core import Clock, RetryPolicy
from .predicate import RetryDecision, honoured_retry_after, status_of

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

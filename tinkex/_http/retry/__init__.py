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

from .budgets import (
    BILLING_MAX_PAUSE,
    BILLING_PAUSE,
    LARGE_PAYLOAD_BACKOFF,
    LONG_POLL_MIN_HOLD,
    MAX_BAD_REQUEST_RETRIES,
    PAUSED_TRY_AGAIN_DELAY,
    POLL_BACKOFF_CAP,
    POLL_BACKOFF_INITIAL,
    SMALL_PAYLOAD_BACKOFF,
    SMALL_PAYLOAD_BYTES,
    THROTTLE_WINDOW,
    BackpressureTracker,
    PollAction,
    PollRetryBudget,
    ProgressTimeout,
    backpressure_delay,
    pending_delay,
)
from .core import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
    Clock,
    HttpRetryPolicy,
    Rand,
    RetryAttempt,
    RetryDecision,
    RetryPolicy,
    classify,
    classify_exception,
    compute_delay,
    exponential_delay,
    honoured_retry_after,
    is_retryable_status,
    retry_async,
    retry_sync,
)

__all__ = [
    "BILLING_MAX_PAUSE",
    "BILLING_PAUSE",
    "INITIAL_RETRY_DELAY",
    "LARGE_PAYLOAD_BACKOFF",
    "LONG_POLL_MIN_HOLD",
    "MAX_BAD_REQUEST_RETRIES",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "PAUSED_TRY_AGAIN_DELAY",
    "POLL_BACKOFF_CAP",
    "POLL_BACKOFF_INITIAL",
    "RETRY_JITTER",
    "SMALL_PAYLOAD_BACKOFF",
    "SMALL_PAYLOAD_BYTES",
    "THROTTLE_WINDOW",
    "BackpressureTracker",
    "Clock",
    "HttpRetryPolicy",
    "PollAction",
    "PollRetryBudget",
    "ProgressTimeout",
    "Rand",
    "RetryAttempt",
    "RetryDecision",
    "RetryPolicy",
    "backpressure_delay",
    "classify",
    "classify_exception",
    "compute_delay",
    "exponential_delay",
    "honoured_retry_after",
    "is_retryable_status",
    "pending_delay",
    "retry_async",
    "retry_sync",
]

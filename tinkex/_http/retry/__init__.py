"""The one retry module: every retry decision, delay and loop in tinkex is here (DESIGN §5).

* ``predicate`` — ``classify`` / ``is_retryable``: the one retryability rule (HTTP-02, HTTP-22);
  ``tinkex.is_retryable`` is this function.
* ``core`` — ``compute_delay`` (jittered exponential backoff off ``backoff.expo``, Retry-After
  honoured; HTTP-03/04) and ``RetryPolicy``, the budget each retrying caller brings.
* ``loops`` — ``retry_async`` / ``retry_sync`` (``backoff.on_exception``) for HTTP calls and
  sampling, ``repeat_async`` (``backoff.on_predicate``) for future polls and heartbeats, and
  ``PollRetryBudget``, the budget of the poll loop (protocol §4.2, D-18).
* ``budgets`` — the budgets of sampling back-pressure (D-10), the progress watchdog (SMP-09),
  heartbeats (SES-04…07) and a checkpoint archive still being built.

Clock, sleep and random are injectable everywhere.
"""

from .budgets import (
    ARCHIVE_BUILDING_BUDGET,
    LARGE_PAYLOAD_BACKOFF,
    SMALL_PAYLOAD_BACKOFF,
    SMALL_PAYLOAD_BYTES,
    THROTTLE_WINDOW,
    BackpressureTracker,
    HeartbeatBudget,
    ProgressTimeout,
    backpressure_delay,
)
from .core import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
    Clock,
    HttpRetryPolicy,
    Rand,
    RetryAttempt,
    RetryPolicy,
    compute_delay,
    exponential_delay,
)
from .loops import (
    BILLING_MAX_PAUSE,
    BILLING_PAUSE,
    LONG_POLL_MIN_HOLD,
    MAX_BAD_REQUEST_RETRIES,
    PAUSED_TRY_AGAIN_DELAY,
    POLL_BACKOFF_CAP,
    POLL_BACKOFF_INITIAL,
    Again,
    PollAction,
    PollRetryBudget,
    pending_delay,
    repeat_async,
    retry_async,
    retry_sync,
)
from .predicate import (
    MAX_RETRY_AFTER,
    RetryDecision,
    classify,
    classify_exception,
    honoured_retry_after,
    is_retryable,
    is_retryable_status,
)

__all__ = [
    "ARCHIVE_BUILDING_BUDGET",
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
    "Again",
    "BackpressureTracker",
    "Clock",
    "HeartbeatBudget",
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
    "is_retryable",
    "is_retryable_status",
    "pending_delay",
    "repeat_async",
    "retry_async",
    "retry_sync",
]

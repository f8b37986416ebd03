"""Retry delays and budgets (``RetryPolicy``) of tinkex; the loops that spend them are in
``loops.py`` and the retryability predicate in ``predicate.py``."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Mapping

import attrs
import backoff

from .predicate import RetryDecision, classify_exception, honoured_retry_after, is_retryable_status

Clock = Callable[[], float]
Rand = Callable[[], float]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 10.0
RETRY_JITTER = 0.25
# Past this many doublings every schedule used here is at its cap; also keeps 2**n finite.
_MAX_DOUBLINGS = 64


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


@attrs.frozen
class RetryPolicy:
    """A retry budget: which errors, how many retries, how long, and how to wait (HTTP-06
    ``HttpRetryPolicy``). Each user of ``loops.retry_async`` brings its own: the HTTP call
    (``max_retries``, the call deadline), the sampling handler (unbounded, symmetric jitter,
    bounded by its progress timeout) and sampling back-pressure (unbounded, ``fixed_delay=0``:
    it waits in the account's shared window instead)."""

    max_retries: int | None = 10  # None: unbounded (bounded by max_elapsed or should_retry)
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    jitter: float = RETRY_JITTER
    symmetric_jitter: bool = False
    max_elapsed: float | None = None
    # The one predicate by default; a budget may narrow it (or raise to replace the error).
    should_retry: Callable[[BaseException], RetryDecision] = classify_exception
    fixed_delay: float | None = None  # when set, every wait is this long (Retry-After ignored)

    @classmethod
    def from_config(cls, config: object) -> RetryPolicy:
        return cls(max_retries=getattr(config, "max_retries", 10))

    def delay(
        self, attempt: int, headers: Mapping[str, str] | None = None, rand: Rand = random.random
    ) -> float:
        if self.fixed_delay is not None:
            return self.fixed_delay
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

    def within_deadline(self, elapsed: float) -> bool:
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

"""``RetryConfig``: how a sampling client retries failed requests (protocol §7.3).

Same fields and defaults as the official SDK's class, so code that passes one keeps working.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from ._http.retry import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, is_retryable_status
from .errors import APIConnectionError, TinkexValidationError

__all__ = ["RetryConfig", "is_retryable_status_code"]


def is_retryable_status_code(status_code: int) -> bool:
    """408, 409, 429 and every 5xx (the official ``tinker.lib.retry_handler`` helper; the rule
    itself is the retry module's one predicate)."""
    return is_retryable_status(status_code)


@dataclass
class RetryConfig:
    max_connections: int | None = 1000
    """At most this many sampling requests in flight per client; None disables the limit."""
    progress_timeout: float = 120 * 60
    """Fail in-flight requests when none finished for this many seconds."""
    retry_delay_base: float = INITIAL_RETRY_DELAY
    retry_delay_max: float = MAX_RETRY_DELAY
    jitter_factor: float = 0.25
    enable_retry_logic: bool = True
    enable_stuck_detection: bool = True
    retryable_exceptions: tuple[type[Exception], ...] = field(
        default=(asyncio.TimeoutError, APIConnectionError)
    )

    def __post_init__(self) -> None:
        if self.max_connections is not None and self.max_connections < 1:
            raise TinkexValidationError("max_connections must be >= 1 or None", field="max_connections")
        for name in ("progress_timeout", "retry_delay_base", "retry_delay_max"):
            if getattr(self, name) <= 0:
                raise TinkexValidationError(f"{name} must be > 0", field=name)
        if not 0 <= self.jitter_factor <= 1:
            raise TinkexValidationError("jitter_factor must be within [0, 1]", field="jitter_factor")

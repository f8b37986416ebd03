"""The one retryability predicate of tinkex: ``classify`` (with a reason) and ``is_retryable``.

The HTTP loop, the sampling handler, the future poll budget and the public
``tinkex.is_retryable`` all ask this module, so they cannot disagree. The table:

* ``x-should-retry: true|false`` on the response overrides everything below.
* 408, 409, 429 and every 5xx: retried.
  409 follows protocol §7.1, which lists it with the retried statuses. It is safe because every
  retry of a call reuses its idempotency key (and a sample its seq_id): a 409 caused by an
  earlier attempt that was already applied is answered from the server's dedupe index instead
  of being applied twice (user-asks: 409 means "already applied", not "failed").
* 410: not retried: the resource is gone, and the same request gets the same answer. The one
  exception is ``FutureExpiredError`` (a 410 on a future poll): the *operation* is retryable by
  submitting it again, which the sampling handler does (protocol §4.2).
* 425 and every other 4xx: not retried (425 "Too Early" concerns TLS early data, which tinkex
  never sends, and protocol §7.1 does not list it).
* Connection errors and timeouts (no status at all): retried.
* Anything else (a bug, a validation error, a success): not retried; a failed future
  (``RequestFailedError``, no status) is retried unless its category is ``user``.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import httpx

from ...errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    FutureExpiredError,
    RequestFailedError,
)
from ..error_mapping import parse_retry_after

# A server-requested wait is obeyed only when it is plausible (protocol §7.1).
MAX_RETRY_AFTER = 60.0

_RETRYABLE_4XX = frozenset({408, 409, 429})

_TIMEOUT_ERRORS: tuple[type[BaseException], ...] = (APITimeoutError, httpx.TimeoutException, TimeoutError)
_TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    APIConnectionError,  # includes APITimeoutError
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    httpx.ProxyError,
    ConnectionError,
    TimeoutError,
)


@attrs.frozen
class RetryDecision:
    retry: bool
    reason: str
    status: int | None = None
    retry_after: float | None = None


def is_retryable_status(status: int) -> bool:
    """408, 409, 429 and every 5xx (HTTP-06); see the module docstring for why."""
    return status in _RETRYABLE_4XX or status >= 500


def honoured_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """The server-requested wait when it lies in (0, 60] seconds, else ``None``."""
    value = parse_retry_after(headers)
    return value if value is not None and 0 < value <= MAX_RETRY_AFTER else None


def headers_of(exc: BaseException | None) -> Mapping[str, str] | None:
    if isinstance(exc, APIError):
        return exc.headers
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.headers
    return None


def status_of(exc: BaseException | None) -> int | None:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code
    if isinstance(exc, APIStatusError):
        return exc.status_code
    return None


def _should_retry_header(headers: Mapping[str, str] | None) -> str | None:
    flag = next(
        (v.strip().lower() for k, v in (headers or {}).items() if k.lower() == "x-should-retry"), None
    )
    return flag if flag in ("true", "false") else None


def classify(
    status: int | None, exc: BaseException | None = None, headers: Mapping[str, str] | None = None
) -> RetryDecision:
    """Should this outcome be retried, and why (HTTP-02)? ``status``/``headers`` default to
    those carried by ``exc``."""
    status = status if status is not None else status_of(exc)
    headers = headers if headers is not None else headers_of(exc)
    retry_after = honoured_retry_after(headers)
    flag = _should_retry_header(headers)
    if flag is not None:
        return RetryDecision(flag == "true", f"x-should-retry: {flag}", status, retry_after)
    if isinstance(exc, FutureExpiredError):
        return RetryDecision(True, "the future expired (410): submit the request again", status)
    if status is None:
        return _classify_without_status(exc)
    if is_retryable_status(status):
        return RetryDecision(True, f"status {status}", status, retry_after)
    if status < 400:
        return RetryDecision(False, f"status {status} is not an error", status)
    return RetryDecision(False, f"status {status} is not retryable", status, retry_after)


def _classify_without_status(exc: BaseException | None) -> RetryDecision:
    if exc is None:
        return RetryDecision(False, "nothing failed")
    if isinstance(exc, _TIMEOUT_ERRORS):
        return RetryDecision(True, "timeout")
    if isinstance(exc, _TRANSPORT_ERRORS):
        return RetryDecision(True, "connection error")
    if isinstance(exc, RequestFailedError) and exc.category is not None:
        retry = exc.category.retryable
        return RetryDecision(retry, f"the request failed (category {exc.category.value})")
    return RetryDecision(False, f"{type(exc).__name__} is not retryable")


def classify_exception(exc: BaseException) -> RetryDecision:
    return classify(None, exc, None)


def is_retryable(exc: BaseException) -> bool:
    """Whether sending the failed request again may succeed (the table in this module's
    docstring). This is ``tinkex.is_retryable``, and the rule every retry loop of tinkex uses."""
    return classify(None, exc, None).retry

"""How HTTP outcomes become tinkex errors, and how errors are classified (features HTTP-21/22).

Reachable as ``tinkex.errors.<name>`` (loaded on first use); this module imports the error
classes, and ``tinkex.errors`` never imports it back at load time.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Iterable, Mapping

import httpx

from ..errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BillingError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestErrorCategory,
    TinkerError,
    UnprocessableEntityError,
)
from .redact import redact_request, redact_response, redact_text, redact_value, scrub_exception_chain
from .transports import misreported_connection_error

_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: BillingError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_HINTS: dict[int, str] = {
    401: "check the API key (api_key argument or TINKER_API_KEY)",
    402: "check the billing status of the account",
    403: "the API key is not allowed to access this resource",
    429: "rate limited; back off and retry",
}


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, else ``retry-after`` as seconds
    or an HTTP-date. ``None`` when absent or unparseable. Whether to honour it is retry policy."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        return float(lowered["retry-after-ms"]) / 1000.0
    except (KeyError, TypeError, ValueError):
        pass
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    try:
        return float(raw)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(raw)
    if parsed is None:
        return None
    return email.utils.mktime_tz(parsed) - (time.time() if now is None else now)


def _decode_body(body: object) -> object:
    if isinstance(body, bytes | bytearray):
        body = bytes(body).decode("utf-8", errors="replace")
    if isinstance(body, str):
        text = body.strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return text
    return body


def _message_from(body: object, status: int) -> str:
    if isinstance(body, Mapping):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, Mapping) and isinstance(value.get("message"), str):
                return str(value["message"])
            if value:
                return value if isinstance(value, str) else json.dumps(value, default=str)
    elif isinstance(body, str) and body:
        return body
    return "Rate limited" if status == 429 else f"HTTP {status}"


# 4xx answers that are the server's or the network's business, not the caller's (HTTP-22):
# 408 timeout, 429 rate limit, 410 expired promise (resubmit the request).
_NON_USER_4XX = frozenset({408, 410, 429})


def _category_from(body: object, status: int) -> RequestErrorCategory:
    if isinstance(body, Mapping) and isinstance(body.get("category"), str):
        return RequestErrorCategory(body["category"])
    if status == 429:
        return RequestErrorCategory.Server
    if status in _NON_USER_4XX:
        return RequestErrorCategory.Unknown
    if 400 <= status < 500:
        return RequestErrorCategory.User
    if status >= 500:
        return RequestErrorCategory.Server
    return RequestErrorCategory.Unknown


def make_status_error(
    status: int,
    body: object,
    headers: Mapping[str, str] | None = None,
    request_id: str | None = None,
    *,
    response: httpx.Response | None = None,
    secrets: Iterable[str | None] = (),
) -> APIStatusError:
    """Build the error for a non-2xx answer: class by status, message/category per HTTP-21.

    ``body`` may be raw bytes/text (JSON is decoded, other text becomes the message) or an
    already decoded value. ``secrets`` are scrubbed from the message and body.
    """
    secrets = tuple(secrets)
    decoded = redact_value(_decode_body(body), secrets)
    headers = dict(headers or {})
    if request_id is None:
        request_id = next((v for k, v in headers.items() if k.lower() == "x-request-id"), None)
    if request_id is None and isinstance(decoded, Mapping) and isinstance(decoded.get("request_id"), str):
        request_id = decoded["request_id"]
    cls = _STATUS_CLASSES.get(status, InternalServerError if status >= 500 else APIStatusError)
    return cls(
        redact_text(_message_from(decoded, status), secrets),
        redact_response(response, secrets),
        decoded,
        status_code=status,
        headers=headers,
        request_id=request_id,
        category=_category_from(decoded, status),
        hint=_HINTS.get(status),
        retry_after=parse_retry_after(headers),
    )


def transport_error(
    request: httpx.Request, exc: BaseException, secrets: Iterable[str | None] = ()
) -> APIError:
    """Build the error for an exchange that got no usable answer: a timeout (``APITimeoutError``),
    a body that does not decode (``APIResponseValidationError``) or a connection failure
    (``APIConnectionError``). The request it keeps, and ``exc``'s chain (its cause), have
    ``secrets`` masked."""
    # Decided before the chain is scrubbed: scrubbing cuts the cause that tells a refused or
    # dropped connection from a timeout.
    misreported = misreported_connection_error(exc)
    secrets = tuple(secrets)
    scrub_exception_chain(exc, secrets)
    safe = redact_request(request, secrets)
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException | TimeoutError) and misreported is None:
        return APITimeoutError(f"Request timed out: {where}", request=safe)
    if isinstance(exc, httpx.DecodingError):  # a body whose Content-Encoding does not decode
        message = f"{where}: the response body cannot be decoded ({exc})"
        return APIResponseValidationError(message=message, request=safe)
    name = misreported or type(exc).__name__
    return APIConnectionError(redact_text(f"Connection error: {name}: {exc}", secrets), request=safe)


def _chain(exc: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_user_error(exc: BaseException) -> bool:
    """True when the caller must fix something: category user, or a 4xx other than 408/410/429.
    Looks through ``raise ... from`` and implicit exception chaining."""
    for err in _chain(exc):
        if not isinstance(err, TinkerError):
            continue
        if err.category is RequestErrorCategory.User:
            return True
        status = err.status_code
        if status is not None and 400 <= status < 500 and status not in _NON_USER_4XX:
            return True
    return False

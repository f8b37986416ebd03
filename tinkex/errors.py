"""tinkex exceptions: the official SDK's class names and hierarchy, with Tinkex's fields.

Every error carries ``status_code`` (alias ``status``), ``request_id``, ``category``, ``body``
(alias ``data``), ``hint`` and ``retry_after`` (seconds), and renders as
``"[type (status)] message"`` (features HTTP-21). Bodies, headers, and the ``request`` and
``response`` kept on an error are redacted copies made when the error is built, so ``str()``,
``repr()``, ``request.headers`` and a pickled error never show secrets.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from ._http.redact import redact_headers, redact_request, redact_response, redact_text, redact_value

if TYPE_CHECKING:  # httpx only in annotations: tinkex.types imports this module and must stay light
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BillingError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestErrorCategory",
    "RequestFailedError",
    "ResponseTooLargeError",
    "TinkerError",
    "TinkexConfigError",
    "TinkexError",
    "TinkexValidationError",
    "UnprocessableEntityError",
    "is_retryable",
    "is_user_error",
    "make_status_error",
    "parse_retry_after",
]


class RequestErrorCategory(StrEnum):
    """Who is at fault for a failed request. Open: any unknown value parses as ``Unknown``."""

    Unknown = "unknown"
    Server = "server"
    User = "user"

    @classmethod
    def _missing_(cls, value: object) -> RequestErrorCategory:
        if isinstance(value, str):
            for member in cls:
                if member.value == value.strip().lower():
                    return member
        return cls.Unknown

    @classmethod
    def parse(cls, value: object) -> RequestErrorCategory:
        """Case-insensitive; anything unrecognised (None included) is ``Unknown``."""
        raw: Any = getattr(value, "value", value)
        return cls(raw)

    @property
    def retryable(self) -> bool:
        return self is not RequestErrorCategory.User


class TinkerError(Exception):
    """Base of every tinkex error (official name)."""

    type: ClassVar[str] = "tinker_error"
    status_code: int | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        category: RequestErrorCategory | str | None = None,
        body: object | None = None,
        hint: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        message = redact_text(message)
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
        self.request_id = request_id
        self.category = RequestErrorCategory(category) if category is not None else None
        self.body = redact_value(body)
        self.hint = hint
        self.retry_after = retry_after

    @property
    def status(self) -> int | None:
        """Tinkex's name for ``status_code``."""
        return self.status_code

    @property
    def data(self) -> object | None:
        """Tinkex's name for ``body``."""
        return self.body

    def __str__(self) -> str:
        head = f"[{self.type} ({self.status_code})]" if self.status_code is not None else f"[{self.type}]"
        text = f"{head} {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def __repr__(self) -> str:
        fields = [f"message={self.message!r}"]
        for name in ("status_code", "request_id", "category", "retry_after"):
            value = getattr(self, name)
            if value is not None:
                shown = value.value if isinstance(value, RequestErrorCategory) else value
                fields.append(f"{name}={shown!r}")
        return f"{type(self).__name__}({', '.join(fields)})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors do not survive the default exception pickling. The request
        # and response pickle as their redacted copies (redacted again: someone may have
        # assigned a raw one since).
        state = dict(self.__dict__)
        if "request" in state:
            state["request"] = redact_request(state["request"])
        if "response" in state:
            state["response"] = redact_response(state["response"])
        return (_restore_error, (type(self), state))


def _restore_error(cls: type[TinkerError], state: dict[str, Any]) -> TinkerError:
    err = cls.__new__(cls)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


TinkexError = TinkerError
"""Tinkex's name for the base class (features HTTP-21)."""


class TinkexValidationError(TinkerError, ValueError):
    """Bad input caught before any request was sent (Tinkex's ``:validation`` type)."""

    type: ClassVar[str] = "validation"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        category: RequestErrorCategory | str = RequestErrorCategory.User,
        **fields: Any,
    ) -> None:
        super().__init__(message, category=category, **fields)
        self.field = field


class TinkexConfigError(TinkexValidationError):
    """An invalid configuration value; the message names the field."""


class APIError(TinkerError):
    """An error related to an API request (official name)."""

    type: ClassVar[str] = "api_error"

    def __init__(
        self,
        message: str,
        request: httpx.Request | None = None,
        *,
        body: object | None = None,
        headers: Mapping[str, str] | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(message, body=body, **fields)
        self.request = redact_request(request)
        self.headers: dict[str, str] = redact_headers(headers)


def _request_of(response: httpx.Response | None) -> httpx.Request | None:
    try:
        return response.request if response is not None else None
    except RuntimeError:  # a Response built by hand has no request
        return None


class APIConnectionError(APIError):
    """The server could not be reached or the connection broke (retryable)."""

    type: ClassVar[str] = "api_connection"

    def __init__(
        self, message: str = "Connection error.", *, request: httpx.Request | None = None, **fields: Any
    ) -> None:
        fields.setdefault("category", RequestErrorCategory.Unknown)
        super().__init__(message, request, **fields)


class APITimeoutError(APIConnectionError, TimeoutError):
    """A request, poll or wait ran past its deadline; also a builtin ``TimeoutError``."""

    type: ClassVar[str] = "api_timeout"

    def __init__(
        self, message: str = "Request timed out.", *, request: httpx.Request | None = None, **fields: Any
    ) -> None:
        super().__init__(message, request=request, **fields)


class APIStatusError(APIError):
    """The server answered 4xx/5xx; subclasses per status carry the official names."""

    type: ClassVar[str] = "api_status"

    def __init__(
        self,
        message: str,
        response: httpx.Response | None = None,
        body: object | None = None,
        **fields: Any,
    ) -> None:
        if response is not None:
            fields.setdefault("status_code", response.status_code)
            fields.setdefault("headers", response.headers)
        response = redact_response(response)
        super().__init__(message, _request_of(response), body=body, **fields)
        self.response = response


class FutureExpiredError(APIStatusError):
    """410 on a future poll: the server forgot the request; only a resubmission can recover it
    (so, unlike any other 410, it is retryable: see ``tinkex._http.retry.predicate``)."""


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the expected schema (HTTP-19: category user)."""

    type: ClassVar[str] = "validation"

    def __init__(
        self,
        response: httpx.Response | None = None,
        body: object | None = None,
        message: str | None = None,
        *,
        request: httpx.Request | None = None,
        **fields: Any,
    ) -> None:
        fields.setdefault("category", RequestErrorCategory.User)
        if response is not None:
            fields.setdefault("status_code", response.status_code)
        response = redact_response(response)
        request = request if request is not None else _request_of(response)
        super().__init__(
            message or "Data returned by API invalid for expected schema.", request, body=body, **fields
        )
        self.response = response


class ResponseTooLargeError(APIResponseValidationError):
    """A response body larger than the configured cap (``max_response_bytes``), counted after
    decompression. Not retried: the same request would get the same body."""


class BadRequestError(APIStatusError):
    status_code: int | None = 400


class AuthenticationError(APIStatusError):
    status_code: int | None = 401


class BillingError(APIStatusError):
    status_code: int | None = 402


class PermissionDeniedError(APIStatusError):
    status_code: int | None = 403


class NotFoundError(APIStatusError):
    status_code: int | None = 404


class ConflictError(APIStatusError):
    status_code: int | None = 409


class UnprocessableEntityError(APIStatusError):
    status_code: int | None = 422


class RateLimitError(APIStatusError):
    status_code: int | None = 429


class InternalServerError(APIStatusError):
    status_code: int | None = 500


class UnsupportedLossFnError(TinkexValidationError, BadRequestError):
    """An unknown built-in ``loss_fn``, caught before anything is sent. Under the official SDK
    the server's 400 reports it as a ``BadRequestError`` through the returned future; this is
    both, so code catching either ``BadRequestError`` or ``ValueError`` catches it."""

    status_code: int | None = 400


class RequestFailedError(TinkerError):
    """A submitted request finished in the failed state (future polling)."""

    type: ClassVar[str] = "request_failed"

    def __init__(
        self,
        message: str,
        request_id: str | None = None,
        category: RequestErrorCategory | str = RequestErrorCategory.Unknown,
        **fields: Any,
    ) -> None:
        super().__init__(message, request_id=request_id, category=category, **fields)


# The status -> class mapping, the classification helpers and the retry predicate depend on the
# classes above, so they live in their own modules and import this one, never the reverse. They
# are still reachable here (``tinkex.errors`` is the one public home of every error name), loaded
# on first use.
_HELPERS = {
    "is_retryable": "tinkex._http.retry.predicate",
    "is_user_error": "tinkex._http.error_mapping",
    "make_status_error": "tinkex._http.error_mapping",
    "parse_retry_after": "tinkex._http.error_mapping",
}

if TYPE_CHECKING:
    from ._http.error_mapping import is_user_error, make_status_error, parse_retry_after
    from ._http.retry.predicate import is_retryable
else:

    def __getattr__(name: str) -> Any:
        module = _HELPERS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HELPERS})

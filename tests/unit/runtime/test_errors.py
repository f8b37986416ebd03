"""Exception hierarchy, status mapping and user/retryable classification (HTTP-21, HTTP-22)."""

from __future__ import annotations

import pickle

import httpx
import pytest

from tinkex import errors as E
from tinkex.errors import RequestErrorCategory as Cat


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, E.BadRequestError),
        (401, E.AuthenticationError),
        (402, E.BillingError),
        (403, E.PermissionDeniedError),
        (404, E.NotFoundError),
        (409, E.ConflictError),
        (422, E.UnprocessableEntityError),
        (429, E.RateLimitError),
        (500, E.InternalServerError),
        (503, E.InternalServerError),
        (418, E.APIStatusError),
        (410, E.APIStatusError),
    ],
)
def test_class_by_status(status: int, cls: type[E.APIStatusError]) -> None:
    # covers HTTP-21
    err = E.make_status_error(status, b"", {})
    assert type(err) is cls
    assert err.status_code == status == err.status
    assert isinstance(err, E.APIError) and isinstance(err, E.TinkerError)


def test_hierarchy_matches_official_names() -> None:
    # covers HTTP-21
    assert issubclass(E.APITimeoutError, E.APIConnectionError)
    assert issubclass(E.APITimeoutError, TimeoutError)
    assert issubclass(E.APIResponseValidationError, E.APIError)
    assert issubclass(E.RequestFailedError, E.TinkerError)
    assert not issubclass(E.RequestFailedError, E.APIError)
    assert issubclass(E.TinkexValidationError, ValueError)
    assert issubclass(E.TinkexConfigError, ValueError)
    assert E.TinkexError is E.TinkerError


@pytest.mark.parametrize(
    ("status", "body", "message", "category"),
    [
        (400, b'{"message": "bad input"}', "bad input", Cat.User),
        (400, b'{"error": "nope", "category": "SERVER"}', "nope", Cat.Server),
        (404, b'{"detail": "Not Found"}', "Not Found", Cat.User),
        (500, b"", "HTTP 500", Cat.Server),
        (502, b"<html>bad gateway</html>", "<html>bad gateway</html>", Cat.Server),
        (429, b"", "Rate limited", Cat.Server),
        (409, {"error": {"message": "nested"}}, "nested", Cat.User),
        (400, b'{"message": "x", "category": "martian"}', "x", Cat.Unknown),
        (302, b"", "HTTP 302", Cat.Unknown),
    ],
)
def test_message_and_category(status: int, body: object, message: str, category: Cat) -> None:
    # covers HTTP-21
    err = E.make_status_error(status, body, {})
    assert err.message == message
    assert err.category is category


def test_format_and_fields() -> None:
    # covers HTTP-21
    err = E.make_status_error(
        429, b'{"message": "slow down", "request_id": "req-9"}', {"Retry-After-Ms": "1500"}
    )
    assert err.retry_after == 1.5
    assert err.request_id == "req-9"
    assert err.body == {"message": "slow down", "request_id": "req-9"} == err.data
    assert str(err).startswith("[api_status (429)] slow down")
    assert err.hint


def test_request_id_from_header_wins() -> None:
    # covers HTTP-21
    err = E.make_status_error(500, b'{"request_id": "body"}', {"x-request-id": "hdr"})
    assert err.request_id == "hdr"
    assert E.make_status_error(500, b"", {}, request_id="explicit").request_id == "explicit"


def test_response_is_kept() -> None:
    # covers HTTP-21
    request = httpx.Request("POST", "http://x/api/v1/asample")
    response = httpx.Response(503, request=request)
    err = E.make_status_error(503, b"", response.headers, response=response)
    # Kept as redacted copies (tests/unit/runtime/test_error_redaction.py): same exchange.
    assert err.response is not None and err.request is not None
    assert err.response.status_code == 503 and err.response.request is err.request
    assert (err.request.method, str(err.request.url)) == (request.method, str(request.url))


def test_category_parsing_is_open() -> None:
    # covers HTTP-22
    assert Cat("USER") is Cat.User
    assert Cat(" server ") is Cat.Server
    assert Cat("weird") is Cat.Unknown
    assert Cat.User.retryable is False and Cat.Server.retryable and Cat.Unknown.retryable


@pytest.mark.parametrize(
    ("status", "user"),
    [
        (400, True),
        (401, True),
        (404, True),
        (409, True),
        (422, True),
        (408, False),
        (429, False),
        (410, False),
        (500, False),
        (503, False),
    ],
)
def test_is_user_error_by_status(status: int, user: bool) -> None:
    # covers HTTP-22
    # Retryability is its own table (test_is_retryable.py): a 409 is a user error that is retried.
    err = E.make_status_error(status, b"", {})
    assert E.is_user_error(err) is user


def test_is_user_error_by_category_and_chaining() -> None:
    # covers HTTP-22
    failed = E.RequestFailedError("boom", "req-1", "user")
    assert E.is_user_error(failed)
    assert not E.is_user_error(E.RequestFailedError("boom", "req-1", Cat.Server))
    assert E.is_user_error(E.TinkexValidationError("bad"))
    assert not E.is_user_error(E.APIConnectionError())
    assert not E.is_user_error(ValueError("plain"))
    try:
        try:
            raise E.make_status_error(400, b"", {})
        except E.APIStatusError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert E.is_user_error(outer)
        assert not E.is_retryable(outer)


def test_str_and_repr_never_show_secrets() -> None:
    # covers CFG-16, HTTP-23
    key = "tml-supersecretvalue1234"
    err = E.make_status_error(
        401,
        f'{{"message": "invalid key {key}", "api_key": "{key}", "cf": "cf-hidden-123"}}'.encode(),
        {"x-api-key": key, "retry-after": "1"},
        secrets=["cf-hidden-123"],
    )
    for text in (str(err), repr(err), str(err.body), str(err.headers), str(err.args)):
        assert "supersecretvalue" not in text
        assert "cf-hidden-123" not in text
    assert err.headers["x-api-key"] == "[REDACTED]"


def test_plain_constructors() -> None:
    # covers HTTP-07, FUT-07
    timeout = E.APITimeoutError("Timed out while polling future f-1")
    assert str(timeout) == "[api_timeout] Timed out while polling future f-1"
    assert timeout.status_code is None
    assert str(E.APIConnectionError()) == "[api_connection] Connection error."
    failed = E.RequestFailedError("step failed", "req-2", "server")
    assert failed.request_id == "req-2" and failed.category is Cat.Server
    assert str(failed) == "[request_failed] step failed"
    validation = E.TinkexValidationError("tags must be a list", field="tags")
    assert validation.field == "tags" and validation.category is Cat.User
    resp = httpx.Response(200, request=httpx.Request("GET", "http://x"))
    invalid = E.APIResponseValidationError(resp, {"x": 1})
    assert invalid.status_code == 200 and invalid.category is Cat.User


def test_errors_pickle() -> None:
    err = E.make_status_error(429, b'{"message": "m"}', {"retry-after": "2"}, request_id="r")
    clone = pickle.loads(pickle.dumps(err))
    assert type(clone) is E.RateLimitError
    assert (clone.message, clone.status_code, clone.retry_after, clone.request_id) == ("m", 429, 2.0, "r")
    failed = pickle.loads(pickle.dumps(E.RequestFailedError("x", "id", "user")))
    assert failed.category is Cat.User


def test_parse_retry_after_forms() -> None:
    # covers HTTP-04
    assert E.parse_retry_after({"retry-after-ms": "250"}) == 0.25
    assert E.parse_retry_after({"Retry-After": "3"}) == 3.0
    assert E.parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:05 GMT"}, now=1445412480.0) == 5.0
    assert E.parse_retry_after({"retry-after": "soon"}) is None
    assert E.parse_retry_after({}) is None
    assert E.parse_retry_after(None) is None

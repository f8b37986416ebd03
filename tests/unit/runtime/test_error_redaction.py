"""Errors keep redacted copies of their request and response (covers CFG-16, HTTP-21, HTTP-23).

httpx masks only ``Authorization`` in a repr and nothing in ``request.headers``; every tinkex
error must hold a request whose secret headers, URL password and secret query values are
masked, also after pickling, and the httpx exception under it must be as clean.
"""

from __future__ import annotations

import pickle
import traceback

import httpx
import pytest

from tinkex import errors as E
from tinkex._http.redact import REDACTED, redact_request, redact_response, scrub_exception_chain

API_KEY = "tml-" + "k" * 40
SECRET_HEADERS = {
    "X-API-Key": API_KEY,
    "Authorization": "Bearer bearer-secret-value",
    "CF-Access-Client-Secret": "cf-secret-value",
    "Cookie": "session=cookie-secret-value",
    "Proxy-Authorization": "Basic cHJveHk6cHJveHktc2VjcmV0",
}
SECRET_VALUES = [*SECRET_HEADERS.values(), "url-password", "query-token-value"]
URL = "http://user:url-password@api.example/api/v1/x?token=query-token-value&limit=5"


def _request() -> httpx.Request:
    return httpx.Request(
        "POST", URL, headers={**SECRET_HEADERS, "X-Other": "kept"}, content=b'{"model_id": "m"}'
    )


def _texts(err: BaseException) -> list[str]:
    """Every place a secret could show: str, repr, __dict__, traceback, request and response."""
    texts = [str(err), repr(err), repr(vars(err)), "".join(traceback.format_exception(err))]
    for owner in (err, getattr(err, "response", None)):
        request = getattr(owner, "request", None)
        if isinstance(request, httpx.Request):
            texts += [str(request.url), repr(dict(request.headers)), repr(request.headers.raw)]
    response = getattr(err, "response", None)
    if isinstance(response, httpx.Response):
        texts += [repr(dict(response.headers))]
    return texts


def _leaks(texts: list[str]) -> list[str]:
    return [secret for secret in SECRET_VALUES if any(secret in text for text in texts)]


def _errors() -> list[E.APIError]:
    request = _request()
    response = httpx.Response(
        503,
        headers={"Set-Cookie": "session=cookie-secret-value", "x-request-id": "req-1"},
        content=b'{"message": "busy"}',
        request=request,
    )
    return [
        E.make_status_error(503, response.content, response.headers, response=response),
        E.APIStatusError("boom", response),
        E.APIConnectionError("down", request=request),
        E.APITimeoutError("slow", request=request),
        E.APIResponseValidationError(response, message="bad body"),
    ]


@pytest.mark.parametrize("index", range(5))
def test_errors_hold_masked_requests_and_responses(index: int) -> None:  # covers CFG-16, HTTP-21
    err = _errors()[index]
    assert err.request is not None
    headers = err.request.headers
    for name in SECRET_HEADERS:
        assert headers[name] == REDACTED, name
    assert headers["X-Other"] == "kept"
    assert err.request.url.password == "****"
    assert err.request.url.params["token"] == "****" and err.request.url.params["limit"] == "5"
    assert err.request.content == b'{"model_id": "m"}'  # the body is still there to debug with
    if isinstance(err, E.APIStatusError):
        assert err.response is not None and err.response.request is err.request
        assert err.response.headers["set-cookie"] == REDACTED
        assert err.response.json() == {"message": "busy"}
    assert not _leaks(_texts(err))


@pytest.mark.parametrize("index", range(5))
def test_pickled_errors_stay_clean_and_keep_the_exchange(index: int) -> None:  # covers CFG-16
    err = _errors()[index]
    raw = pickle.dumps(err)
    assert not [s for s in SECRET_VALUES if s.encode() in raw]
    clone = pickle.loads(raw)
    assert type(clone) is type(err) and str(clone) == str(err)
    assert clone.request is not None and clone.request.headers["x-api-key"] == REDACTED
    assert not _leaks(_texts(clone))


def test_a_raw_request_assigned_later_is_redacted_when_pickled() -> None:  # covers CFG-16
    err = E.APIConnectionError("down")
    err.request = _request()  # someone's own code
    raw = pickle.dumps(err)
    assert not [s for s in SECRET_VALUES if s.encode() in raw]
    assert pickle.loads(raw).request.headers["cookie"] == REDACTED


def test_redaction_is_idempotent_and_keeps_unread_bodies_out() -> None:  # covers CFG-16
    once = redact_request(_request())
    assert redact_request(once) is once
    streamed = httpx.Request("PUT", "http://h/x", headers=SECRET_HEADERS, content=iter([b"chunk"]))
    copy = redact_request(streamed)
    assert copy is not None and copy.headers["authorization"] == REDACTED
    assert "transfer-encoding" not in copy.headers
    unread = httpx.Response(500, request=streamed, stream=httpx.ByteStream(b"unread"))
    response = redact_response(unread)
    assert response is not None and response.content == b"" and response.status_code == 500


def test_the_httpx_exception_under_an_error_is_scrubbed_and_the_chain_cut() -> None:  # covers CFG-16
    class TransportLevel(Exception):
        """Stands for aiohttp's exception, whose state holds the connection key."""

        def __init__(self) -> None:
            super().__init__("refused")
            self.key = f"proxy_auth=BasicAuth(password={SECRET_VALUES[1]!r})"

    request = _request()
    try:
        try:
            raise TransportLevel()
        except TransportLevel as low:
            raise httpx.ConnectError("Cannot connect", request=request) from low
    except httpx.ConnectError as exc:
        cause = exc
    try:
        raise E.APIConnectionError("Connection error", request=request) from cause
    except E.APIConnectionError as err:
        scrub_exception_chain(cause)
        assert cause.request.headers["x-api-key"] == REDACTED
        assert cause.__cause__ is None and cause.__suppress_context__
        text = "".join(traceback.format_exception(err)) + repr(vars(cause))
        assert not _leaks([text, *_texts(err)])


def test_client_config_and_env_reprs_mask_url_passwords_keys_and_secret_query() -> None:
    # covers CFG-16: every client and config, repr and str
    import tinkex
    from tinkex._config.env import EnvSnapshot

    env = EnvSnapshot.read(
        {
            "TINKER_BASE_URL": "http://user:url-password@api.example",
            "TINKER_API_KEY": API_KEY,
            "TINKEX_DEFAULT_QUERY": '{"token": "query-token-value", "limit": "5"}',
            "CLOUDFLARE_ACCESS_CLIENT_SECRET": "cf-secret-value",
        }
    )
    service = tinkex.ServiceClient(
        base_url="http://user:url-password@127.0.0.1:9",
        api_key=API_KEY,
        default_query={"token": "query-token-value", "limit": "5"},
        cf_access_client_secret="cf-secret-value",
    )
    try:
        rest = service.create_rest_client()
        texts = [f(obj) for obj in (env, service, rest, service.holder.config) for f in (repr, str)]
    finally:
        service.close().result(timeout=30)
    assert all("url-password" not in text for text in texts), texts
    assert not _leaks(texts), texts
    assert "user:****@127.0.0.1:9" in repr(service) and "RestClient(" in repr(rest)
    assert "'limit': '5'" in repr(service.holder.config)

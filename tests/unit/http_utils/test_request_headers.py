"""The headers every request carries, their precedence, idempotency keys and per-call
overrides (features HTTP-11, HTTP-12, HTTP-14, HTTP-33), seen on requests sent through
``ApiClient`` to a respx-mocked service."""

from __future__ import annotations

import asyncio
import platform
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from tinker_openapi.api.futures import retrieve_future
from tinker_openapi.api.service import healthz

from tinkex._config.env import EnvSnapshot
from tinkex._http import headers as headers_module
from tinkex._http.calls import ApiClient, call
from tinkex._http.headers import merge_headers
from tinkex._http.options import OMIT, CallOptions, Omit
from tinkex.config import resolve_config
from tinkex.errors import InternalServerError
from tinkex.types import FutureRetrieveRequest

BASE = "http://headers.test"
API_KEY = "tml-headers-test"
TRY_AGAIN = {"type": "try_again", "request_id": "r-1", "queue_state": "active"}
DEFAULT_OPTIONS = CallOptions()
KEY_PATTERN = re.compile(r"^tinkex-retry-[0-9a-f]{32}$")


def _client(**settings: Any) -> ApiClient:
    config = resolve_config(
        env=EnvSnapshot.read({}), api_key=API_KEY, base_url=BASE, transport="httpx", **settings
    )
    return ApiClient(config)


def _send(
    replies: list[httpx.Response],
    options: CallOptions = DEFAULT_OPTIONS,
    *,
    method: str = "POST",
    **settings: Any,
) -> list[httpx.Request]:
    """One logical call (POST retrieve_future or GET healthz); the requests that reached the wire."""
    with respx.mock(assert_all_called=True) as mock:
        if method == "POST":
            route = mock.post(f"{BASE}/api/v1/retrieve_future").mock(side_effect=replies)
            endpoint, kwargs = retrieve_future, {"body": FutureRetrieveRequest(request_id="r-1")}
        else:
            route = mock.get(f"{BASE}/api/v1/healthz").mock(side_effect=replies)
            endpoint, kwargs = healthz, {}

        async def run() -> None:
            api = _client(**settings)
            try:
                await call(api, endpoint, options, **kwargs)
            finally:
                await api.aclose()

        try:
            asyncio.run(run())
        finally:
            sent = [c.request for c in route.calls]
    return sent


def _ok() -> list[httpx.Response]:
    return [httpx.Response(200, json=TRY_AGAIN)]


@pytest.fixture
def platform_cache() -> Iterator[None]:
    headers_module._platform_headers.cache_clear()
    yield
    headers_module._platform_headers.cache_clear()


def test_standard_and_platform_headers(platform_cache: None) -> None:
    # covers HTTP-11
    (request,) = _send(_ok(), sdk_version="0.37.1")
    h = request.headers
    assert h["accept"] == "application/json"
    assert h["content-type"] == "application/json"
    assert h["x-api-key"] == API_KEY
    assert "gzip" in h["accept-encoding"]
    assert h["user-agent"].endswith("AsyncTinker/Python 0.37.1")
    # the package version is the configurable target Tinker SDK version (D-16)
    assert h["x-stainless-package-version"] == "0.37.1"
    assert h["x-stainless-runtime"] == platform.python_implementation()
    assert h["x-stainless-runtime-version"] == platform.python_version()
    assert h["x-stainless-os"] and h["x-stainless-arch"]
    assert "authorization" not in h


@pytest.mark.parametrize(
    ("system", "machine", "os_name", "arch"),
    [
        ("Darwin", "arm64", "MacOS", "arm64"),
        ("Linux", "x86_64", "Linux", "x64"),
        ("Linux", "aarch64", "Linux", "arm64"),
        ("Windows", "AMD64", "Windows", "x64"),
        ("", "", "Unknown", "unknown"),
    ],
)
def test_platform_names(
    system: str, machine: str, os_name: str, arch: str, monkeypatch: pytest.MonkeyPatch, platform_cache: None
) -> None:
    # covers HTTP-11
    monkeypatch.setattr(platform, "system", lambda: system)
    monkeypatch.setattr(platform, "machine", lambda: machine)
    built = headers_module.base_headers(api_key=None, sdk_version="0.38.0")
    assert (built["X-Stainless-OS"], built["X-Stainless-Arch"]) == (os_name, arch)


def test_user_agent_can_be_overridden() -> None:
    # covers HTTP-11
    (request,) = _send(_ok(), user_agent="my-app/1.0")
    assert request.headers["user-agent"] == "my-app/1.0"


def test_merge_is_case_insensitive_and_the_last_layer_wins() -> None:
    # covers HTTP-12
    merged = merge_headers({"Accept": "a", "X-One": "1"}, [("accept", "b")], None, {"ACCEPT": "c"})
    assert merged == {"X-One": "1", "ACCEPT": "c"}


def test_header_precedence_on_the_wire() -> None:
    # covers HTTP-12: standard < platform < config default headers < per-call headers
    options = CallOptions(headers={"X-Custom": "per-call", "x-idempotency-key": "caller-key"})
    (request,) = _send(
        _ok(),
        options,
        default_headers={"x-stainless-os": "Plan9", "X-CUSTOM": "config", "Accept": "text/plain"},
    )
    assert request.headers["x-stainless-os"] == "Plan9"  # config beats the platform layer
    assert request.headers["accept"] == "text/plain"  # config beats the standard layer
    assert request.headers.get_list("x-custom") == ["per-call"]  # one value: the call's
    assert request.headers.get_list("x-idempotency-key") == ["caller-key"]  # beats the generated key


def test_every_non_get_call_gets_one_key_reused_by_its_retries() -> None:
    # covers HTTP-14
    replies = [httpx.Response(500, json={"error": "flaky"}), httpx.Response(200, json=TRY_AGAIN)]
    first, retry = _send(replies, CallOptions(max_retries=1))
    assert KEY_PATTERN.match(first.headers["x-idempotency-key"])
    assert retry.headers["x-idempotency-key"] == first.headers["x-idempotency-key"]
    assert [first.headers["x-stainless-retry-count"], retry.headers["x-stainless-retry-count"]] == ["0", "1"]
    (other,) = _send(_ok())
    assert other.headers["x-idempotency-key"] != first.headers["x-idempotency-key"]  # a new call, a new key


def test_get_has_no_key_and_callers_may_supply_or_omit_one() -> None:
    # covers HTTP-14
    (get,) = _send([httpx.Response(200, json={"status": "ok"})], method="GET")
    assert "x-idempotency-key" not in get.headers
    (supplied,) = _send(_ok(), CallOptions(idempotency_key="my-key"))
    assert supplied.headers["x-idempotency-key"] == "my-key"
    (omitted,) = _send(_ok(), CallOptions(idempotency_key=OMIT))
    assert "x-idempotency-key" not in omitted.headers


def test_omit_is_one_falsy_value_apart_from_none() -> None:
    # covers HTTP-14: OMIT, not None, is what drops the key, so it must stay a distinct singleton
    assert Omit() is OMIT and not OMIT and OMIT is not None
    assert repr(OMIT) == "OMIT"


def test_per_call_overrides() -> None:
    # covers HTTP-33: timeout, max_retries and headers per call, over the client's settings
    (request,) = _send(_ok(), CallOptions(timeout=7.5, headers={"X-Trace": "t-1"}), timeout=60.0)
    assert request.headers["x-stainless-read-timeout"] == "7.5"
    assert request.headers["x-trace"] == "t-1"
    (default,) = _send(_ok(), timeout=60.0)
    assert default.headers["x-stainless-read-timeout"] == "60" and "x-trace" not in default.headers

    failing = [httpx.Response(500, json={"error": "down"})] * 3
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(f"{BASE}/api/v1/retrieve_future").mock(side_effect=failing)

        async def run() -> None:
            api = _client(max_retries=5)
            try:
                await call(
                    api,
                    retrieve_future,
                    CallOptions(max_retries=0),
                    body=FutureRetrieveRequest(request_id="r"),
                )
            finally:
                await api.aclose()

        with pytest.raises(InternalServerError):
            asyncio.run(run())
        assert route.call_count == 1  # the call's budget (0 retries), not the client's (5)

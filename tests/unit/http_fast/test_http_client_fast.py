"""``HttpClient`` on the fast transport: same wire headers, errors, retries and responses as httpx."""

# covers HTTP-01 (request pipeline), HTTP-02 (retry classification), HTTP-05 (attempt headers),
# HTTP-11/12 (header precedence), CFG-08 (TINKEX_FAST_TRANSPORT)

from __future__ import annotations

import asyncio
import gzip

import httpx
import pytest
import respx

from tinkex._env import EnvSnapshot
from tinkex._http.client import HttpClient
from tinkex._http.pools import PoolType
from tinkex.config import resolve_config
from tinkex.errors import APIConnectionError, APITimeoutError, InternalServerError, NotFoundError

from ._raw_server import RawRequest, RawServer, reply

API_KEY = "tml-fast-transport-test-key"


def make_client(base_url: str, **config: object) -> HttpClient:
    return HttpClient(resolve_config(env=EnvSnapshot.read({}), api_key=API_KEY, base_url=base_url, **config))


async def test_fast_path_serves_calls_without_building_httpx_clients() -> None:
    async with RawServer() as server:
        client = make_client(server.base_url, default_query={"q": "1"})
        response = await client.request("POST", "/api/v1/thing", json={"a": [1, 2]}, pool=PoolType.SAMPLING)
        assert response.status_code == 200 and response.json() == {"a": [1, 2]}
        assert response.headers["x-target"] == "/api/v1/thing?q=1"
        assert isinstance(response, httpx.Response) and response.elapsed.total_seconds() >= 0
        assert client.pools._clients == {}  # the httpx pools were never needed
        # the request is built on demand and describes what was sent
        assert response.request.headers["x-stainless-retry-count"] == "0"
        assert str(response.request.url) == f"{server.base_url}/api/v1/thing?q=1"
        await client.aclose()


async def test_wire_headers_match_the_httpx_path() -> None:
    async with RawServer() as server:
        seen: dict[bool, dict[str, str]] = {}
        for fast in (True, False):
            client = make_client(server.base_url, fast_transport=fast, default_headers={"X-Custom": "c"})
            await client.request(
                "POST",
                "/p",
                content=b"body",
                content_type="application/octet-stream",
                headers={"Accept": "x/y"},
            )
            seen[fast] = dict(server.requests[-1].headers)
            await client.aclose()
        for headers in seen.values():
            headers.pop("x-idempotency-key")
        assert seen[True] == seen[False]
        assert seen[True]["accept"] == "x/y" and seen[True]["x-api-key"] == API_KEY
        assert seen[True]["x-custom"] == "c" and seen[True]["content-length"] == "4"


async def test_mid_response_disconnect_is_a_connection_error_and_is_retried() -> None:
    attempts = 0

    async def flaky(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\npartial")
            return False
        writer.write(reply(200, request.headers["x-stainless-retry-count"].encode()))
        return True

    async with RawServer(flaky) as server:
        client = make_client(server.base_url)
        response = await client.request("POST", "/retry-me", json={})
        assert response.content == b"1" and attempts == 2
        keys = {r.headers["x-idempotency-key"] for r in server.requests}
        assert len(keys) == 1  # one logical call: the retry reuses the idempotency key
        with pytest.raises(APIConnectionError, match="RemoteProtocolError") as caught:
            attempts = 0
            await client.request("POST", "/retry-me", json={}, max_retries=0)
        assert caught.value.request is not None and caught.value.request.url.path == "/retry-me"
        await client.aclose()


async def test_read_timeout_is_an_api_timeout_error() -> None:
    async def silent(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(3600)
        return False

    async with RawServer(silent) as server:
        client = make_client(server.base_url)
        with pytest.raises(APITimeoutError, match="timed out") as caught:
            await client.request("GET", "/slow", timeout=0.2, max_retries=0)
        assert caught.value.request is not None
        await client.aclose()


async def test_status_errors_are_mapped_and_retried_like_httpx() -> None:
    async def statuses(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/missing":
            writer.write(reply(404, b'{"detail": "nope"}', headers={"x-request-id": "req-1"}))
        elif len([r for r in server.requests if r.target == "/busy"]) == 1:
            writer.write(reply(500, b'{"detail": "later"}', headers={"retry-after-ms": "10"}))
        else:
            writer.write(reply(200, b'{"ok": true}'))
        return True

    async with RawServer(statuses) as server:
        client = make_client(server.base_url)
        with pytest.raises(NotFoundError) as caught:
            await client.request("GET", "/missing")
        assert caught.value.status_code == 404 and caught.value.body == {"detail": "nope"}
        assert caught.value.request_id == "req-1"
        assert (await client.request("GET", "/busy")).json() == {"ok": True}
        with pytest.raises(InternalServerError):
            server.requests.clear()
            await client.request("GET", "/busy", max_retries=0)
        await client.aclose()


async def test_gzip_and_chunked_replies_are_decoded() -> None:
    payload = b'{"big": "' + b"x" * 100_000 + b'"}'
    packed = gzip.compress(payload)

    async def chunked_gzip(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
        for start in range(0, len(packed), 1000):
            piece = packed[start : start + 1000]
            writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        writer.write(b"0\r\n\r\n")
        return True

    async with RawServer(chunked_gzip) as server:
        client = make_client(server.base_url)
        assert (await client.request("GET", "/z")).content == payload
        await client.aclose()


async def test_httpx_serves_what_the_fast_path_cannot() -> None:
    async with RawServer() as server:
        client = make_client(server.base_url)
        streamed = await client.request("POST", "/s", content=b"abc", stream=True)
        assert await streamed.aread() == b"abc"
        await streamed.aclose()
        assert PoolType.DEFAULT in client.pools._clients  # stream=True went through httpx
        await client.aclose()
        off = make_client(server.base_url, fast_transport=False)
        assert (await off.request("POST", "/o", content=b"x")).content == b"x"
        assert off.pools._clients  # switched off: httpx
        await off.aclose()


def test_mocked_httpx_still_sees_every_request() -> None:
    # Tests written for httpx-based SDKs mock httpx (respx); tinkex then sends through httpx.
    client = make_client("http://mocked.invalid")
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get("http://mocked.invalid/api/v1/healthz").respond(200, json={"status": "ok"})
        response = asyncio.run(client.request("GET", "/api/v1/healthz", max_retries=0))
    assert response.json() == {"status": "ok"} and route.call_count == 1


async def test_header_injection_is_refused() -> None:
    async with RawServer() as server:
        client = make_client(server.base_url)
        with pytest.raises(APIConnectionError, match="CR or LF"):
            await client.request("GET", "/h", headers={"X-Evil": "a\r\nX-Injected: 1"}, max_retries=0)
        assert server.requests == []
        await client.aclose()


def test_fast_transport_switch_from_config_and_env() -> None:
    assert resolve_config(env=EnvSnapshot.read({}), api_key=API_KEY).fast_transport is True
    off = EnvSnapshot.read({"TINKEX_FAST_TRANSPORT": "0"})
    assert off.fast_transport is False
    assert resolve_config(env=off, api_key=API_KEY).fast_transport is False
    assert resolve_config(env=off, api_key=API_KEY, fast_transport=True).fast_transport is True
    bad = EnvSnapshot.read({"TINKEX_FAST_TRANSPORT": "sometimes"})
    assert bad.fast_transport is None and "TINKEX_FAST_TRANSPORT" in bad.invalid
    with pytest.raises(Exception, match="fast_transport"):
        resolve_config(env=EnvSnapshot.read({}), api_key=API_KEY, fast_transport="yes")


def test_proxy_or_injected_client_keeps_httpx() -> None:
    proxied = make_client("http://127.0.0.1:9", proxy="http://127.0.0.1:8")
    assert proxied._fast is None
    injected = make_client("http://127.0.0.1:9", http_client=httpx.AsyncClient())
    assert injected._fast is None
    assert make_client("http://127.0.0.1:9")._fast is not None


def test_one_client_driven_from_successive_event_loops() -> None:
    # covers HTTP-08: pools are per loop, so a client reused by a new loop opens new connections
    async def serve_twice() -> list[bytes]:
        async with RawServer() as server:
            client = make_client(server.base_url)
            first = (await client.request("POST", "/a", content=b"1")).content
            second = await asyncio.to_thread(asyncio.run, client.request("POST", "/b", content=b"2"))
            await client.aclose()
            return [first, second.content]

    assert asyncio.run(serve_twice()) == [b"1", b"2"]

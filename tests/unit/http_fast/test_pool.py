"""``ConnectionPool`` against real loopback servers: reuse, limits, fairness, failures."""

# covers HTTP-08 (bounded per-purpose pools, keep-alive reuse), HTTP-10 (pool limits)

from __future__ import annotations

import asyncio

import httpx
import pytest

from tinkex._http.fast.pool import ConnectionPool

from ._raw_server import RawRequest, RawServer, reply


def head(target: str = "/x", body: bytes = b"", extra: str = "") -> bytes:
    return f"POST {target} HTTP/1.1\r\nHost: t\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode()


async def send(pool: ConnectionPool, target: str = "/x", body: bytes = b"", timeout: float = 10.0) -> bytes:
    reply_ = await pool.request(head(target, body), body or None, timeout=timeout, connect_timeout=5.0)
    assert reply_.status == 200
    return reply_.body()


async def test_sequential_requests_reuse_one_connection() -> None:
    async with RawServer() as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=8)
        for i in range(20):
            assert await send(pool, body=b"n%d" % i) == b"n%d" % i
        assert server.connections == 1 and pool.connections == 1 and pool.idle_connections == 1
        await pool.aclose()


async def test_concurrency_is_bounded_and_connections_are_kept_alive() -> None:
    in_flight = 0
    peak = 0

    async def slow(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.005)
        in_flight -= 1
        writer.write(reply(200, request.body))
        return True

    async with RawServer(slow) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=4)
        bodies = await asyncio.gather(*(send(pool, body=b"%d" % i) for i in range(40)))
        assert bodies == [b"%d" % i for i in range(40)]
        assert peak <= 4 and server.connections == 4
        assert pool.idle_connections == 4  # keep-alive equals the pool size: nothing closed
        await asyncio.gather(*(send(pool) for _ in range(8)))
        assert server.connections == 4  # the next burst reuses them
        await pool.aclose()


async def test_waiters_are_served_in_arrival_order() -> None:
    release = asyncio.Event()

    async def gated(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        if request.target == "/first":
            await release.wait()
        writer.write(reply(200, request.target.encode()))
        return True

    async with RawServer(gated) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)
        finished: list[str] = []

        async def call(target: str) -> None:
            await send(pool, target)
            finished.append(target)

        first = asyncio.create_task(call("/first"))
        await asyncio.sleep(0.01)
        later = [asyncio.create_task(call(f"/w{i}")) for i in range(10)]
        await asyncio.sleep(0.01)
        assert pool.waiting == 10
        release.set()
        await asyncio.gather(first, *later)
        assert finished == ["/first"] + [f"/w{i}" for i in range(10)]
        await pool.aclose()


async def test_connection_close_is_honoured() -> None:
    async def closing(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        writer.write(reply(200, b"bye", headers={"Connection": "close"}))
        return False

    async with RawServer(closing) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=2)
        for _ in range(3):
            assert await send(pool) == b"bye"
        assert server.connections == 3 and pool.connections == 0
        await pool.aclose()


async def test_stale_keep_alive_connection_is_retried_once_on_a_fresh_one() -> None:
    async def close_after_first(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        writer.write(reply(200, b"ok"))
        return False  # closes without Connection: close, like an idle timeout racing a request

    async with RawServer(close_after_first) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)
        assert await send(pool) == b"ok"
        await asyncio.sleep(0)  # the close may or may not have been seen yet: both must work
        assert await send(pool) == b"ok"
        assert len(server.requests) == 2 and server.connections == 2
        await pool.aclose()


async def test_server_closing_mid_response_fails_the_request() -> None:
    async def truncated(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part")
        return False

    async with RawServer(truncated) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)
        with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
            await send(pool)
        assert pool.connections == 0
        await pool.aclose()


async def test_read_timeout_and_pool_timeout() -> None:
    async def silent(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(3600)
        return False

    async with RawServer(silent) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)
        first = asyncio.create_task(send(pool, timeout=0.3))
        await asyncio.sleep(0.05)
        with pytest.raises(httpx.PoolTimeout):
            await send(pool, timeout=0.05)  # the only connection is busy
        with pytest.raises(httpx.ReadTimeout):
            await first
        assert pool.connections == 0  # a timed-out exchange leaves its connection unusable
        await pool.aclose()


async def test_connect_failure_frees_the_slot() -> None:
    async with RawServer() as server:
        port = server.port
    pool = ConnectionPool("127.0.0.1", port, ssl_context=None, max_connections=1)
    for _ in range(3):  # each failure gives its slot back, or the third would wait forever
        with pytest.raises(httpx.ConnectError):
            await send(pool, timeout=1.0)
    await pool.aclose()


async def test_cancelled_waiter_does_not_leak_a_slot() -> None:
    gate = asyncio.Event()

    async def gated(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await gate.wait()
        writer.write(reply(200, b"ok"))
        return True

    async with RawServer(gated) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)
        busy = asyncio.create_task(send(pool))
        await asyncio.sleep(0.02)
        waiter = asyncio.create_task(send(pool))
        await asyncio.sleep(0.01)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        gate.set()
        assert await busy == b"ok"
        assert await send(pool) == b"ok"
        assert server.connections == 1
        await pool.aclose()


async def test_megabyte_bodies_both_ways() -> None:
    body = bytes(range(256)) * (12 * 4096)  # 12 MiB
    async with RawServer() as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=2)
        assert await send(pool, body=body, timeout=30) == body
        await pool.aclose()


async def test_thousands_of_concurrent_requests_complete_exactly_once() -> None:
    async with RawServer() as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=50)
        count = 3000
        bodies = await asyncio.gather(*(send(pool, f"/r{i}", b"%d" % i) for i in range(count)))
        assert bodies == [b"%d" % i for i in range(count)]
        targets = sorted(int(r.target[2:]) for r in server.requests)
        assert targets == list(range(count))  # each request reached the server exactly once
        assert server.connections <= 50
        await pool.aclose()

"""``ConnectionPool`` opens connections at most ``max_pending_connects`` at a time (issue 8).

Against real loopback servers; the loop's ``create_connection`` is wrapped only to count the
connects in flight (and, where a test says so, to hold or fail some of them).
"""

# covers HTTP-08 (bounded per-purpose pools), HTTP-10 (pool limits)

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tinkex._http.fast.pool import MAX_PENDING_CONNECTS, ConnectionPool

from ._raw_server import RawRequest, RawServer, reply

HANG_GUARD = 20.0  # generous: only a hang (a stranded waiter) should ever reach it


def head(body: bytes = b"") -> bytes:
    return f"POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: {len(body)}\r\n\r\n".encode()


async def send(pool: ConnectionPool, body: bytes = b"", timeout: float = 60.0) -> bytes:
    response = await pool.request(head(body), body or None, timeout=timeout, connect_timeout=10.0)
    assert response.status == 200
    return response.body()


async def until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.001)


def assert_nothing_counted(pool: ConnectionPool) -> None:
    assert pool.connections == 0
    assert pool._slots == 0 and pool._connecting == 0  # no slot or connect turn leaked


class ConnectProbe:
    """Counts the running loop's connects in flight; can hold them on a gate or fail the first few."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, *, fail_first: int = 0, gate: asyncio.Event | None = None
    ) -> None:
        loop = asyncio.get_running_loop()
        self._real = loop.create_connection
        self._fail_first = fail_first
        self._gate = gate
        self.started = 0
        self.in_flight = 0
        self.peak = 0
        monkeypatch.setattr(loop, "create_connection", self._create_connection)

    async def _create_connection(self, *args: Any, **kwargs: Any) -> Any:
        self.started += 1
        index = self.started
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if self._gate is not None:
                await self._gate.wait()
            await asyncio.sleep(0)  # a failing connect fails later, as a refused one does
            if index <= self._fail_first:
                raise ConnectionRefusedError(111, "Connect call failed (injected)")
            return await self._real(*args, **kwargs)
        finally:
            self.in_flight -= 1


def test_max_pending_connects_must_be_positive() -> None:
    async def build() -> None:
        ConnectionPool("127.0.0.1", 1, ssl_context=None, max_connections=4, max_pending_connects=0)

    with pytest.raises(ValueError, match="max_pending_connects"):
        asyncio.run(build())


async def test_burst_on_a_fast_server_opens_few_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = ConnectProbe(monkeypatch)
    async with RawServer() as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1000)
        count = 200
        bodies = await asyncio.wait_for(
            asyncio.gather(*(send(pool, b"%d" % i) for i in range(count))), HANG_GUARD
        )
        assert bodies == [b"%d" % i for i in range(count)]
        assert probe.peak <= MAX_PENDING_CONNECTS  # never a connect storm
        # Released connections served most of the queue: far fewer connections than calls.
        assert server.connections == pool.connections == probe.started <= count // 2
        assert pool._slots == pool.connections and pool._connecting == 0
        await pool.aclose()


async def test_slow_server_still_ramps_up_to_max_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = ConnectProbe(monkeypatch)
    release = asyncio.Event()

    async def held(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await release.wait()
        writer.write(reply(200, request.body))
        return True

    async with RawServer(held) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=40)
        tasks = [asyncio.create_task(send(pool, b"%d" % i)) for i in range(60)]
        # Nothing is released, so only finished connects can let waiters open more.
        await asyncio.wait_for(until(lambda: len(server.requests) == 40), HANG_GUARD)
        assert pool.connections == server.connections == 40
        assert pool._slots == 40 and pool._connecting == 0
        assert pool.waiting == 20
        assert probe.peak == MAX_PENDING_CONNECTS  # ramped up a bounded number at a time
        release.set()
        bodies = await asyncio.wait_for(asyncio.gather(*tasks), HANG_GUARD)
        assert bodies == [b"%d" % i for i in range(60)]
        assert server.connections == 40 and pool.idle_connections == 40
        await pool.aclose()


async def test_turns_to_connect_go_to_waiters_in_arrival_order() -> None:
    release = asyncio.Event()

    async def held(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await release.wait()
        writer.write(reply(200, request.body))
        return True

    async with RawServer(held) as server:
        pool = ConnectionPool(
            "127.0.0.1", server.port, ssl_context=None, max_connections=4, max_pending_connects=1
        )
        tasks = [asyncio.create_task(send(pool, b"%d" % i)) for i in range(10)]
        await asyncio.wait_for(until(lambda: len(server.requests) == 4), HANG_GUARD)
        # One connect at a time, each finished one letting the oldest waiter open the next.
        assert [request.body for request in server.requests] == [b"0", b"1", b"2", b"3"]
        assert [request.connection_index for request in server.requests] == [0, 1, 2, 3]
        assert pool.waiting == 6
        release.set()
        assert await asyncio.wait_for(asyncio.gather(*tasks), HANG_GUARD) == [b"%d" % i for i in range(10)]
        assert server.connections == 4
        await pool.aclose()


async def test_refused_connects_fail_every_waiter_and_return_every_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with RawServer() as server:
        port = server.port  # closed again: nothing listens there now
    probe = ConnectProbe(monkeypatch)
    pool = ConnectionPool("127.0.0.1", port, ssl_context=None, max_connections=10, max_pending_connects=2)
    results = await asyncio.wait_for(
        asyncio.gather(*(send(pool) for _ in range(30)), return_exceptions=True), HANG_GUARD
    )
    # Each failed connect handed its turn to the next waiter, which tried (and failed) itself.
    assert all(isinstance(result, httpx.ConnectError) for result in results), results
    assert probe.started == 30 and probe.peak <= 2
    assert_nothing_counted(pool)
    await pool.aclose()


async def test_a_failed_connect_lets_the_next_waiter_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    probe = ConnectProbe(monkeypatch, fail_first=3)
    async with RawServer() as server:
        pool = ConnectionPool(
            "127.0.0.1", server.port, ssl_context=None, max_connections=4, max_pending_connects=1
        )
        results = await asyncio.wait_for(
            asyncio.gather(*(send(pool, b"%d" % i) for i in range(12)), return_exceptions=True), HANG_GUARD
        )
        # Calls 0-2 counted on the failing connects (one turn at a time); the rest were served.
        assert all(isinstance(result, httpx.ConnectError) for result in results[:3]), results
        assert results[3:] == [b"%d" % i for i in range(3, 12)]
        assert probe.peak == 1
        assert pool._slots == pool.connections == server.connections and pool._connecting == 0
        await pool.aclose()


async def test_server_closing_each_connection_at_once_strands_no_waiter() -> None:
    accepted = 0

    async def slam(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal accepted
        accepted += 1
        writer.close()

    server = await asyncio.start_server(slam, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        pool = ConnectionPool("127.0.0.1", port, ssl_context=None, max_connections=5, max_pending_connects=2)
        results = await asyncio.wait_for(
            asyncio.gather(*(send(pool) for _ in range(25)), return_exceptions=True), HANG_GUARD
        )
        assert all(isinstance(result, httpx.TransportError) for result in results), results
        assert accepted == 25  # fresh connections are not retried: one connection per call
        assert_nothing_counted(pool)
        await pool.aclose()
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("keep_alive", [True, False], ids=["granted-connection", "granted-slot"])
async def test_waiter_cancelled_just_after_being_served_leaks_nothing(keep_alive: bool) -> None:
    gate = asyncio.Event()

    async def gated(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
        await gate.wait()
        headers = {} if keep_alive else {"Connection": "close"}
        writer.write(reply(200, b"ok", headers=headers))
        return keep_alive

    async with RawServer(gated) as server:
        pool = ConnectionPool("127.0.0.1", server.port, ssl_context=None, max_connections=1)

        async def first_then_cancel_the_waiter() -> bytes:
            body = await send(pool)
            # Same loop step as the release that served the waiter: it has not run yet.
            late.cancel()
            return body

        first = asyncio.create_task(first_then_cancel_the_waiter())
        await asyncio.wait_for(until(lambda: len(server.requests) == 1), HANG_GUARD)
        late = asyncio.create_task(send(pool))  # read by the closure above when it runs
        await asyncio.wait_for(until(lambda: pool.waiting == 1), HANG_GUARD)
        grant = pool._waiters[0]
        gate.set()
        assert await first == b"ok"
        with pytest.raises(asyncio.CancelledError):
            await late
        served_with = grant.result()
        assert (served_with is not None) is keep_alive  # the path this case means to cover
        if keep_alive:
            assert pool.idle_connections == 1 and pool._slots == 1  # handed back, not lost
        else:
            assert_nothing_counted(pool)  # the turn to connect was given back
        assert await asyncio.wait_for(send(pool, timeout=5.0), HANG_GUARD) == b"ok"
        await pool.aclose()


@pytest.mark.parametrize("connects_succeed", [True, False], ids=["connects-succeed", "connects-fail"])
async def test_aclose_while_connecting_fails_everyone_and_keeps_counts_sane(
    monkeypatch: pytest.MonkeyPatch, connects_succeed: bool
) -> None:
    gate = asyncio.Event()
    probe = ConnectProbe(monkeypatch, gate=gate, fail_first=0 if connects_succeed else 3)
    async with RawServer() as server:
        pool = ConnectionPool(
            "127.0.0.1", server.port, ssl_context=None, max_connections=8, max_pending_connects=3
        )
        tasks = [asyncio.create_task(send(pool)) for _ in range(10)]
        await asyncio.wait_for(until(lambda: probe.in_flight == 3 and pool.waiting == 7), HANG_GUARD)
        await pool.aclose()
        gate.set()  # the held connects now end (open or fail) in a closed pool
        results = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), HANG_GUARD)
        assert all(isinstance(result, httpx.ConnectError) for result in results), results
        assert probe.started == 3
        assert_nothing_counted(pool)  # finished connects did not count down below zero

"""A bounded pool of keep-alive connections to one origin, with a FIFO of waiters.

Why not httpcore's pool: httpcore re-scans every queued request against every connection on
each acquire and release (O(queued x connections)); with thousands of queued sampling calls
that scan dominated the client's CPU. Here acquire and release are O(1): idle connections are a
LIFO stack (the most recently used, warmest connection goes out first and surplus ones age out
at the other end), and a released connection is handed straight to the oldest waiter, so
waiters are served in arrival order. Every connection stays alive after use (keep-alive equals
the pool size): closing the surplus after each burst, as a small keep-alive limit does, only
buys a TIME-WAIT socket and a new handshake for the next burst.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque

import httpx

from .connection import RECEIVE_BUFFER, HttpConnection, StaleConnectionError
from .parser import ResponseParser

# httpx's default: an idle connection older than this is closed instead of reused.
KEEPALIVE_EXPIRY = 5.0


class ConnectionPool:
    """Connections to ``host:port`` (TLS when ``ssl_context`` is given), at most ``max_connections``."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        ssl_context: ssl.SSLContext | None,
        max_connections: int,
        keepalive_expiry: float = KEEPALIVE_EXPIRY,
    ) -> None:
        if max_connections < 1:
            raise ValueError(f"max_connections must be >= 1, got {max_connections!r}")
        self._loop = asyncio.get_running_loop()
        self._host = host
        self._port = port
        self._ssl = ssl_context
        self.max_connections = max_connections
        self._expiry = keepalive_expiry
        self._idle: deque[HttpConnection] = deque()
        self._waiters: deque[asyncio.Future[HttpConnection | None]] = deque()
        self._all: set[HttpConnection] = set()
        self._slots = 0  # connections open or being opened, plus slots handed to waiters
        self._receive = memoryview(bytearray(RECEIVE_BUFFER))  # shared: see HttpConnection
        self._closed = False

    def belongs_to_running_loop(self) -> bool:
        return asyncio.get_running_loop() is self._loop

    @property
    def connections(self) -> int:
        """Open connections (idle or busy)."""
        return len(self._all)

    @property
    def idle_connections(self) -> int:
        return len(self._idle)

    @property
    def waiting(self) -> int:
        return sum(1 for waiter in self._waiters if not waiter.done())

    async def request(
        self,
        head: bytes,
        body: bytes | None,
        *,
        timeout: float,
        connect_timeout: float,
        is_head: bool = False,
    ) -> ResponseParser:
        """Send one request and return its parsed response (retrying once on a stale reused connection)."""
        for attempt in (0, 1):
            connection = await self._acquire(timeout, connect_timeout)
            reused = connection.served > 0
            try:
                response = await connection.send(head, body, timeout, is_head)
            except StaleConnectionError:
                self._release(connection, reusable=False)
                if reused and attempt == 0:
                    continue
                raise
            except BaseException:
                connection.abort()  # the exchange is in an unknown state (timeout, cancellation)
                self._release(connection, reusable=False)
                raise
            self._release(connection, reusable=response.keep_alive)
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _acquire(self, timeout: float, connect_timeout: float) -> HttpConnection:
        if self._closed:
            raise httpx.ConnectError("the connection pool is closed")
        idle = self._idle
        now = self._loop.time()
        while idle:
            connection = idle.pop()
            if not connection.closed and now - connection.idle_since < self._expiry:
                return connection
            self._discard(connection)
            self._slots -= 1
        if self._slots < self.max_connections:
            self._slots += 1
            return await self._connect(connect_timeout)
        waiter: asyncio.Future[HttpConnection | None] = self._loop.create_future()
        self._waiters.append(waiter)
        timer = self._loop.call_later(timeout, _expire, waiter, timeout)
        try:
            granted = await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._hand_back(waiter.result())  # granted just as we were cancelled
            raise
        finally:
            timer.cancel()
        return granted if granted is not None else await self._connect(connect_timeout)

    async def _connect(self, connect_timeout: float) -> HttpConnection:
        """Open a connection in a slot already counted in ``_slots``."""
        connection = HttpConnection(self._loop, self._receive)
        try:
            await asyncio.wait_for(
                self._loop.create_connection(
                    lambda: connection,
                    self._host,
                    self._port,
                    ssl=self._ssl,
                    server_hostname=self._host if self._ssl is not None else None,
                ),
                connect_timeout,
            )
        except BaseException as exc:
            self._free_slot()
            if isinstance(exc, asyncio.TimeoutError):
                raise httpx.ConnectTimeout(f"connecting to {self._host}:{self._port} timed out") from None
            if isinstance(exc, OSError | ssl.SSLError):
                raise httpx.ConnectError(f"{type(exc).__name__}: {exc}") from None
            raise
        if self._closed:
            connection.close()
            self._free_slot()
            raise httpx.ConnectError("the connection pool is closed")
        self._all.add(connection)
        return connection

    def _release(self, connection: HttpConnection, *, reusable: bool) -> None:
        if reusable and not connection.closed and not self._closed:
            self._hand_back(connection)
            return
        self._discard(connection)
        self._free_slot()

    def _hand_back(self, connection: HttpConnection | None) -> None:
        """Give a healthy connection (or, for ``None``, a free slot) to the oldest waiter, else idle it."""
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return
        if connection is None:
            self._slots -= 1
            return
        connection.idle_since = self._loop.time()
        self._idle.append(connection)
        self._expire_oldest_idle(connection.idle_since)

    def _expire_oldest_idle(self, now: float) -> None:
        idle = self._idle
        while idle and (idle[0].closed or now - idle[0].idle_since >= self._expiry):
            self._discard(idle.popleft())
            self._slots -= 1

    def _free_slot(self) -> None:
        if not self._closed:  # after aclose the slot count was reset; nothing to hand out
            self._hand_back(None)

    def _discard(self, connection: HttpConnection) -> None:
        self._all.discard(connection)
        if not connection.closed:
            connection.close()

    async def aclose(self) -> None:
        """Close every connection; waiters fail with ``ConnectError``.

        Transports can only be touched from their own loop: a pool of another, still running
        loop is closed there; one whose loop has already been closed has nothing left to do."""
        if self._loop.is_closed():
            self._closed = True
            self._all.clear()
            self._idle.clear()
            self._waiters.clear()
            return
        if self._loop is not asyncio.get_running_loop():
            self._loop.call_soon_threadsafe(self._close_now)
            return
        self._close_now()

    def _close_now(self) -> None:
        self._closed = True
        for connection in list(self._all):
            connection.abort()
        self._all.clear()
        self._idle.clear()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_exception(httpx.ConnectError("the connection pool is closed"))
        self._slots = 0


def _expire(waiter: asyncio.Future[HttpConnection | None], timeout: float) -> None:
    if not waiter.done():
        waiter.set_exception(httpx.PoolTimeout(f"no connection became free within {timeout:g} s"))

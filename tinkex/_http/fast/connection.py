"""One persistent HTTP/1.1 connection as an ``asyncio.Protocol``.

Why a protocol and not streams: ``asyncio`` streams (and anyio on top of them) add a reader
object, a drain lock and a task switch per read; a protocol gets ``data_received`` straight
from the event loop and completes the request's future from there, so a small request costs
one write and one callback. One request runs at a time (no pipelining). The read timeout is
one ``loop.call_later`` timer per request that measures inactivity (time since the last
byte arrived or the send buffer drained), like httpx's per-read timeout.
"""

from __future__ import annotations

import asyncio

import httpx

from .parser import ResponseParseError, ResponseParser

# Bodies larger than this are written separately from the head so they are never copied.
_JOIN_LIMIT = 64 * 1024
# Size of the receive buffer shared by every connection of a thread's loop (see ``get_buffer``).
RECEIVE_BUFFER = 256 * 1024


class StaleConnectionError(httpx.RemoteProtocolError):
    """The server closed the connection before sending any byte of the response.

    On a reused keep-alive connection this is the classic idle-close race (the server timed the
    connection out as the request went out), so the pool retries it once on a fresh connection.
    """


class HttpConnection(asyncio.BufferedProtocol):
    """A keep-alive connection owned by a ``ConnectionPool``; ``send`` runs one exchange.

    It is a buffered protocol: the loop reads into one buffer shared by all connections of
    the pool (callbacks never interleave on a loop), and only the bytes received are copied
    out, instead of the loop allocating (and then shrinking) a 256 KiB bytes object per read.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, receive_buffer: memoryview | None = None) -> None:
        self._loop = loop
        self._receive = (
            receive_buffer if receive_buffer is not None else memoryview(bytearray(RECEIVE_BUFFER))
        )
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.served = 0  # completed exchanges: > 0 means the connection is being reused
        self.idle_since = 0.0
        self._parser: ResponseParser | None = None
        self._waiter: asyncio.Future[ResponseParser] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timeout = 0.0
        self._last_activity = 0.0

    # --- asyncio.Protocol callbacks ---

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def get_buffer(self, sizehint: int) -> memoryview:
        return self._receive

    def buffer_updated(self, nbytes: int) -> None:
        self.data_received(bytes(self._receive[:nbytes]))

    def data_received(self, data: bytes) -> None:
        parser = self._parser
        if parser is None:  # bytes while idle: the connection is out of step; drop it
            self.abort()
            return
        self._last_activity = self._loop.time()
        try:
            complete = parser.feed(data)
        except ResponseParseError as exc:
            self._fail(httpx.RemoteProtocolError(str(exc)))
            self.abort()
            return
        if complete:
            self._complete(parser)

    def eof_received(self) -> bool | None:
        return None  # let the transport close; connection_lost settles the exchange

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.transport = None
        parser = self._parser
        if parser is None:
            return
        if exc is None and parser.feed_eof():
            parser.keep_alive = False
            self._complete(parser)
            return
        if not parser.started:
            error: Exception = StaleConnectionError("Server disconnected without sending a response.")
        elif exc is not None:
            error = httpx.ReadError(f"{type(exc).__name__}: {exc}")
        else:
            error = httpx.RemoteProtocolError("peer closed connection without sending complete message body")
        self._fail(error)

    def pause_writing(self) -> None:
        self._last_activity = self._loop.time()

    def resume_writing(self) -> None:
        self._last_activity = self._loop.time()  # the server is reading the body: progress

    # --- used by the pool ---

    def send(
        self, head: bytes, body: bytes | None, timeout: float, is_head: bool
    ) -> asyncio.Future[ResponseParser]:
        """Write one request; the returned future resolves with the parsed response."""
        transport = self.transport
        if transport is None or self.closed:
            raise StaleConnectionError("connection closed before the request was sent")
        loop = self._loop
        self._parser = ResponseParser(is_head)
        waiter: asyncio.Future[ResponseParser] = loop.create_future()
        self._waiter = waiter
        if body is None:
            transport.write(head)
        elif len(body) <= _JOIN_LIMIT:
            transport.write(head + body)
        else:
            transport.write(head)
            transport.write(body)
        self._timeout = timeout
        self._last_activity = loop.time()
        self._timer = loop.call_later(timeout, self._on_timer)
        return waiter

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    # --- internals ---

    def _on_timer(self) -> None:
        if self._parser is None:
            return
        idle = self._loop.time() - self._last_activity
        if idle < self._timeout:
            self._timer = self._loop.call_later(self._timeout - idle, self._on_timer)
            return
        self._fail(httpx.ReadTimeout(f"no response data for {self._timeout:g} s"))
        self.abort()

    def _complete(self, parser: ResponseParser) -> None:
        self._settle()
        waiter, self._waiter = self._waiter, None
        self.served += 1
        if parser.trailing_bytes:
            parser.keep_alive = False
        if waiter is not None and not waiter.done():
            waiter.set_result(parser)

    def _fail(self, error: Exception) -> None:
        self._settle()
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(error)

    def _settle(self) -> None:
        self._parser = None
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

"""A minimal HTTP/1.1 server on a raw ``asyncio.Protocol``, for the benchmark fake server.

Why not Starlette/uvicorn: on a 2-core machine the server shares the CPU with the client
being measured, and a framework costs several times more per request than this parser.
It understands exactly what the two SDKs send: keep-alive connections, ``Content-Length``
or chunked request bodies, one request at a time per connection (no pipelining beyond
buffering). Files are answered with ``loop.sendfile`` so a large download costs the
server almost nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]  # names lower-cased
    body: bytes


@dataclass(frozen=True)
class HttpReply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # when set, the body is this file's contents


Handler = Callable[[HttpRequest], HttpReply]


def _decode_chunked(buffer: bytes | bytearray, start: int) -> tuple[bytes, int] | None:
    """(body, end offset) of a complete chunked body starting at ``start``; None if incomplete."""
    parts: list[bytes] = []
    pos = start
    while True:
        line_end = buffer.find(b"\r\n", pos)
        if line_end < 0:
            return None
        size = int(bytes(buffer[pos:line_end]).split(b";", 1)[0], 16)
        pos = line_end + 2
        if size == 0:
            trailer_end = buffer.find(b"\r\n\r\n", pos - 2)
            return (b"".join(parts), trailer_end + 4) if trailer_end >= 0 else None
        if len(buffer) < pos + size + 2:
            return None
        parts.append(bytes(buffer[pos : pos + size]))
        pos += size + 2


def _head(status: int, content_type: str, length: int, extra: dict[str, str], close: bool) -> bytes:
    lines = [
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}",
        f"Content-Length: {length}",
        f"Content-Type: {content_type}",
    ]
    lines.extend(f"{name}: {value}" for name, value in extra.items())
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _Connection(asyncio.Protocol):
    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._busy = False  # a file is being sent: later requests wait in the buffer

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if not self._busy:
            self._drain()

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None

    def _next_request(self) -> tuple[HttpRequest, bool] | None:
        buffer = self._buffer
        head_end = buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return None
        lines = bytes(buffer[:head_end]).decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body_start = head_end + 4
        if headers.get("transfer-encoding", "").lower() == "chunked":
            decoded = _decode_chunked(buffer, body_start)
            if decoded is None:
                return None
            body, end = decoded
        else:
            end = body_start + int(headers.get("content-length", "0") or 0)
            if len(buffer) < end:
                return None
            body = bytes(buffer[body_start:end])
        del buffer[:end]
        path, _, query = target.partition("?")
        close = headers.get("connection", "").lower() == "close"
        return HttpRequest(method.upper(), path, query, headers, body), close

    def _drain(self) -> None:
        while self._transport is not None and not self._busy:
            parsed = self._next_request()
            if parsed is None:
                return
            request, close = parsed
            try:
                reply = self._handler(request)
            except Exception as exc:  # a handler bug must show up in the client, not hang it
                message = f'{{"detail": "fake server error: {type(exc).__name__}: {exc}"}}'
                reply = HttpReply(500, message.encode())
            if reply.file is not None:
                self._busy = True
                asyncio.get_running_loop().create_task(self._send_file(reply, close))
                return
            self._transport.write(
                _head(reply.status, reply.content_type, len(reply.body), reply.headers, close) + reply.body
            )
            if close:
                self._transport.close()
                return

    async def _send_file(self, reply: HttpReply, close: bool) -> None:
        assert reply.file is not None
        transport = self._transport
        try:
            with reply.file.open("rb") as handle:
                size = reply.file.stat().st_size
                if transport is None:
                    return
                transport.write(_head(reply.status, reply.content_type, size, reply.headers, close))
                await asyncio.get_running_loop().sendfile(transport, handle)
        except (ConnectionError, OSError):
            if transport is not None:
                transport.close()
            return
        finally:
            self._busy = False
        if close and transport is not None:
            transport.close()
            return
        self._drain()


async def serve(handler: Handler, host: str, port: int) -> asyncio.Server:
    """Start listening; the caller keeps the loop running (``server.serve_forever()``)."""
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: _Connection(handler), host, port, backlog=4096)

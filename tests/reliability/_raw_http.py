"""A loopback socket server that answers HTTP requests with scripted raw bytes.

Each test gives it one coroutine, ``answer(request, writer)``: it reads nothing else and writes
whatever the scenario needs (a body trickled a byte a second, thousands of ``100 Continue``
lines, an HTML page with status 200, a gzip bomb). The request handed over is parsed only as
far as the scenarios need: method, path, headers, body (framed by ``content-length``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

HEADER_END = b"\r\n\r\n"


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = Callable[[RawRequest, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class RawHttpServer:
    answer: Answer
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[RawRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="raw-http", daemon=True)
        self._server: asyncio.AbstractServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> RawHttpServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, asyncio.CancelledError):
            while True:
                head = (await reader.readuntil(HEADER_END)).decode("latin-1").split("\r\n")
                method, path, _ = head[0].split(" ", 2)
                headers = {}
                for line in head[1:]:
                    name, sep, value = line.partition(":")
                    if sep:
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                request = RawRequest(method, path, headers, body)
                self.requests.append(request)
                await self.answer(request, writer)
                await writer.drain()
                if writer.is_closing():
                    return
        with contextlib.suppress(OSError):
            writer.close()


def response(status: int, body: bytes, *, reason: str = "OK", headers: dict[str, str] | None = None) -> bytes:
    """A complete HTTP/1.1 response with a content-length."""
    lines = [f"HTTP/1.1 {status} {reason}", f"content-length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

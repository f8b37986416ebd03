"""A scriptable raw asyncio HTTP/1.1 server for the fast-transport tests.

Each test passes a ``respond(request, writer)`` coroutine that writes whatever bytes it
wants (well-formed or not) and returns whether to keep the connection open.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RawRequest:
    method: str
    target: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    connection_index: int


Respond = Callable[[RawRequest, asyncio.StreamWriter], Awaitable[bool]]


def reply(status: int = 200, body: bytes = b"{}", *, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} Status", f"Content-Length: {len(body)}", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def echo(request: RawRequest, writer: asyncio.StreamWriter) -> bool:
    """Answers every request with its own body and target (keep-alive)."""
    writer.write(reply(200, request.body, headers={"X-Target": request.target}))
    return True


class RawServer:
    def __init__(self, respond: Respond = echo) -> None:
        self.respond = respond
        self.connections = 0
        self.requests: list[RawRequest] = []
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=4096)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.close()
        await self._server.wait_closed()

    @property
    def port(self) -> int:
        assert self._server is not None
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = self.connections
        self.connections += 1
        self._writers.append(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if line:
                        name, _, value = line.partition(":")
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                request = RawRequest(method, target, headers, body, index)
                self.requests.append(request)
                keep = await self.respond(request, writer)
                await writer.drain()
                if not keep:
                    return
        except (ConnectionError, asyncio.CancelledError):
            return  # the client went away, or the test is tearing the server down
        finally:
            writer.close()

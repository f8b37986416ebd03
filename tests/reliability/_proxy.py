"""A loopback HTTP/1.1 proxy that breaks exchanges on purpose, for the fault campaign.

The proxy sits between the SDK and the local server (``ServiceClient(base_url=proxy.url)``).
It reads each request on a connection (keep-alive connections carry many), forwards it, and
decides from deterministic ``ProxySchedule`` s what happens to that request's response:

* ``PASS``: forward it.
* ``RESET_BEFORE_RESPONSE``: the request reaches the server, which answers; the client gets a
  TCP reset instead of any response byte (the work is done, the reply is lost).
* ``RESET_MID_RESPONSE``: forward ``after_bytes`` bytes of the response, then reset.
* ``TRUNCATE_BODY``: forward the headers and half the body its ``content-length`` promises,
  then close cleanly (FIN): the client reads a short body.
* ``STALL``: hold the response for ``stall_s`` seconds, then forward it (clients with a shorter
  timeout give up first).
* ``GARBLE_BODY``: forward the status and headers, but replace the body with bytes of the same
  length that are not JSON (the work is done, the reply cannot be read).

A schedule counts the exchanges whose request path matches its ``route`` glob and faults every
k-th of them, up to a limit: the same traffic gets the same faults. Which request is the k-th
depends on the client's timing; the schedule itself never does. Messages framed by
``content-length`` are handled exchange by exchange; anything else (chunked bodies) is piped
through untouched for the rest of that connection. When the server closes an idle upstream
connection, the next request goes over a new one (``Upstream``): the client sees only the
faults of its schedules.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import itertools
import socket
import struct
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from ._proxy_upstream import Upstream

READ_SIZE = 65536
HEADER_END = b"\r\n\r\n"
CLOSE_TIMEOUT_S = 5.0


class ProxyMode(enum.Enum):
    PASS = "pass"
    RESET_BEFORE_RESPONSE = "reset_before_response"
    RESET_MID_RESPONSE = "reset_mid_response"
    TRUNCATE_BODY = "truncate_body"
    STALL = "stall"
    GARBLE_BODY = "garble_body"


@dataclass(frozen=True)
class ConnectionFault:
    """What the proxy does to one response."""

    mode: ProxyMode = ProxyMode.PASS
    after_bytes: int = 64  # RESET_MID_RESPONSE: response bytes forwarded before the reset
    stall_s: float = 0.0  # STALL: seconds the response is held back

    def __post_init__(self) -> None:
        if self.after_bytes < 1:
            raise ValueError(f"after_bytes: must be at least 1, got {self.after_bytes}")
        if self.stall_s < 0:
            raise ValueError(f"stall_s: must not be negative, got {self.stall_s}")


PASS_THROUGH = ConnectionFault()


@dataclass(frozen=True)
class ProxySchedule:
    """The ``i``-th exchange (1-based) whose path matches ``route`` is faulted when
    ``i % every == 0`` and fewer than ``limit`` were faulted so far; faults cycle through
    ``faults`` in order. ``limit`` bounds the faults of one mix, so a retry budget larger than
    it can never be exhausted by the proxy alone."""

    faults: Sequence[ConnectionFault] = ()
    every: int = 1
    limit: int | None = None
    route: str = "*"

    def __post_init__(self) -> None:
        if self.every < 1:
            raise ValueError(f"every: must be at least 1, got {self.every}")
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit: must not be negative, got {self.limit}")

    def matches(self, path: str) -> bool:
        return fnmatchcase(path, self.route)

    def fault_for(self, index: int) -> ConnectionFault:
        """The fault of matching exchange ``index`` (pure: the same index, the same fault)."""
        if not self.faults or index % self.every != 0:
            return PASS_THROUGH
        ordinal = index // self.every - 1  # 0 for the first faulted exchange
        if self.limit is not None and ordinal >= self.limit:
            return PASS_THROUGH
        return self.faults[ordinal % len(self.faults)]


@dataclass
class ProxyStats:
    """Counts since the last ``reset_stats``; ``injected`` counts faults that took effect."""

    connections: int = 0
    exchanges: int = 0
    injected: Counter[str] = field(default_factory=Counter)
    injected_by_path: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "connections": self.connections,
            "exchanges": self.exchanges,
            "injected": dict(self.injected),
            "injected_by_path": dict(self.injected_by_path),
        }


@dataclass(frozen=True)
class _Head:
    raw: bytes
    start_line: str
    length: int | None  # None: not framed by content-length (chunked, or until close)

    @property
    def path(self) -> str:
        parts = self.start_line.split(" ")
        return parts[1].split("?", 1)[0] if len(parts) > 1 else ""


def _parse_head(raw: bytes, *, is_response: bool) -> _Head:
    """A message head and its body length: a request without ``content-length`` has no body,
    a response without one runs until the connection closes (``None``, as do chunked bodies)."""
    lines = raw.decode("latin-1").split("\r\n")
    length: int | None = None if is_response else 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "transfer-encoding":
            return _Head(raw, lines[0], None)
        if name == "content-length":
            length = int(value.strip())
    return _Head(raw, lines[0], length)


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST (SO_LINGER 0), which clients see as "connection reset by peer"."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _close(writer: asyncio.StreamWriter) -> None:
    """Flush and close (FIN) unless the connection was already reset or closed."""
    if writer.transport.is_closing():
        return
    writer.close()
    with contextlib.suppress(OSError, TimeoutError):
        await asyncio.wait_for(writer.wait_closed(), CLOSE_TIMEOUT_S)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while chunk := await reader.read(READ_SIZE):
        writer.write(chunk)
        await writer.drain()


class LoopbackProxy:
    """``start()`` -> listening on ``url``; ``set_schedule()`` switches faults; ``stop()``."""

    def __init__(self, upstream_host: str, upstream_port: int, *, host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        self.host = host
        self.port = 0
        self._schedules: tuple[ProxySchedule, ...] = ()
        self._counters: list[itertools.count[int]] = []
        self._stats = ProxyStats()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="reliability-proxy", daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> LoopbackProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def set_schedule(self, *schedules: ProxySchedule) -> None:
        """Use ``schedules`` from the next exchange on (the first that faults wins); counts restart."""
        with self._lock:
            self._schedules = schedules
            self._counters = [itertools.count(1) for _ in schedules]

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return self._stats.as_dict()

    def reset_stats(self) -> None:
        with self._lock:
            self._stats = ProxyStats()

    def _fault_for(self, path: str) -> ConnectionFault:
        with self._lock:
            self._stats.exchanges += 1
            chosen = PASS_THROUGH
            for schedule, counter in zip(self._schedules, self._counters, strict=True):
                if schedule.matches(path):
                    fault = schedule.fault_for(next(counter))
                    if chosen is PASS_THROUGH:
                        chosen = fault
            return chosen

    def _injected(self, mode: ProxyMode, path: str) -> None:
        with self._lock:
            self._stats.injected[mode.value] += 1
            self._stats.injected_by_path[path] += 1

    # ---- the loop side ----
    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        with self._lock:
            self._stats.connections += 1
        upstream = Upstream(self.upstream)
        try:
            if not await upstream.connect():
                _reset(writer)  # the server is down: refuse, as the server itself would
                return
            await self._exchanges(reader, writer, upstream)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # either side went away or spoke something else: the other side sees a close
        finally:
            self._tasks.discard(task)
            upstream.abort()
            await _close(writer)

    async def _exchanges(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, upstream: Upstream
    ) -> None:
        """One request and its response at a time, until either side closes or a fault ends it."""
        while True:
            try:
                raw = await reader.readuntil(HEADER_END)
            except asyncio.IncompleteReadError:
                return  # the client closed the connection between requests
            if upstream.closed_by_server() and not await upstream.connect():
                _reset(writer)  # the server went down between requests
                return
            up_reader, up_writer = upstream.reader, upstream.writer
            request = _parse_head(raw, is_response=False)
            up_writer.write(raw)
            if request.length is None:
                await self._raw(reader, writer, up_reader, up_writer)
                return
            up_writer.write(await reader.readexactly(request.length))
            await up_writer.drain()
            fault = self._fault_for(request.path)
            response = _parse_head(await up_reader.readuntil(HEADER_END), is_response=True)
            if request.start_line.startswith("HEAD ") or response.start_line.split(" ")[1:2] in (
                ["204"],
                ["304"],
            ):
                response = _Head(response.raw, response.start_line, 0)
            if not await self._respond(fault, request.path, response, writer, up_reader):
                return
            if response.length is None:
                await self._raw(reader, writer, up_reader, up_writer)
                return

    async def _respond(
        self,
        fault: ConnectionFault,
        path: str,
        response: _Head,
        writer: asyncio.StreamWriter,
        up: asyncio.StreamReader,
    ) -> bool:
        """Send ``response`` (as ``fault`` says); False when the connection is finished."""
        mode = fault.mode
        body = await up.readexactly(response.length) if response.length else b""
        message = response.raw + body
        if mode is ProxyMode.RESET_BEFORE_RESPONSE:
            self._injected(mode, path)
            _reset(writer)
            return False
        if mode is ProxyMode.RESET_MID_RESPONSE:
            await self._send(writer, message[: min(fault.after_bytes, len(message) - 1)])
            self._injected(mode, path)
            _reset(writer)
            return False
        if mode is ProxyMode.TRUNCATE_BODY and len(body) >= 2:
            await self._send(writer, response.raw + body[: len(body) // 2])
            self._injected(mode, path)
            await _close(writer)  # a clean FIN, fewer bytes than content-length promised
            return False
        if mode is ProxyMode.STALL:
            self._injected(mode, path)
            await asyncio.sleep(fault.stall_s)
        if mode is ProxyMode.GARBLE_BODY and body:
            self._injected(mode, path)
            message = response.raw + (b"\x00<garbled>\xff" * len(body))[: len(body)]
        await self._send(writer, message)
        return True

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        writer.write(data)
        await writer.drain()

    async def _raw(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
    ) -> None:
        """Pipe both ways untouched until either side closes (messages we do not frame)."""
        upward = asyncio.ensure_future(_pipe(reader, up_writer))
        try:
            await _pipe(up_reader, writer)
        finally:
            upward.cancel()
            await asyncio.gather(upward, return_exceptions=True)

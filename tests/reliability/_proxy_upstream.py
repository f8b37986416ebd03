"""The fault proxy's connection to the server, reopened when the server closed it between exchanges."""

from __future__ import annotations

import asyncio


class Upstream:
    """The proxy's connection to the server for one client connection.

    The server closes a keep-alive connection that stays idle past its keep-alive timeout. A
    client connected directly sees that close and opens a new connection for its next request;
    through the proxy it would see nothing, and its next request would fail on the closed
    upstream: a disconnect no schedule asked for (and, in the SDK's poll loop, one or more
    seconds of back-off). So, like a reverse proxy, the next request goes over a new upstream
    connection, and the client sees only the faults its schedule injects."""

    def __init__(self, address: tuple[str, int]) -> None:
        self._address = address
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    @property
    def reader(self) -> asyncio.StreamReader:
        assert self._reader is not None
        return self._reader

    @property
    def writer(self) -> asyncio.StreamWriter:
        assert self._writer is not None
        return self._writer

    async def connect(self) -> bool:
        """(Re)connect; False when the server refuses (it is down)."""
        self.abort()
        try:
            self._reader, self._writer = await asyncio.open_connection(*self._address)
        except OSError:
            return False
        return True

    def closed_by_server(self) -> bool:
        """Whether the server has closed this connection (only checked between exchanges, when
        every byte of the last response has been read)."""
        reader = self.reader
        return reader.at_eof() or reader.exception() is not None or self.writer.transport.is_closing()

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.transport.abort()
            self._reader = self._writer = None

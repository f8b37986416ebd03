"""``FastTransport``: per-(pool, origin) ``ConnectionPool``s on the SDK's event loop.

``HttpClient`` formats the request head (``request.encode_head``) and hands it here with the
body; the reply comes back as a parsed ``ResponseParser``. Pools are created on first use, on
the loop that runs the request, with the size ``pool_size(pool_name)`` returns, so each tinkex
pool type (sampling, futures, session, ...) keeps its own bounded set of connections exactly as
on the httpx path.
"""

from __future__ import annotations

import ssl
import sys
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlsplit

import httpx

from .parser import ResponseParser
from .pool import ConnectionPool

_DEFAULT_PORTS = {"http": 80, "https": 443}


class Origin(NamedTuple):
    scheme: str
    host: str  # for connecting: an IPv6 literal without brackets
    port: int
    host_header: str  # as sent in ``Host``: default port omitted, IPv6 in brackets


def split_url(url: str) -> tuple[Origin, str] | None:
    """``(origin, request target)`` of an absolute http(s) URL; ``None`` if this transport cannot
    send to it (another scheme, credentials in the URL, a non-ASCII target)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.username is not None:
        return None
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        return None
    host = parts.hostname
    shown = f"[{host}]" if ":" in host else host
    host_header = shown if port == _DEFAULT_PORTS[scheme] else f"{shown}:{port}"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if not target.isascii() or " " in target:
        return None
    return Origin(scheme, host, port, host_header), target


class FastTransport:
    """Connection pools for one ``HttpClient``; all methods run on the SDK loop."""

    def __init__(self, pool_size: Callable[[str], int]) -> None:
        self._pool_size = pool_size
        self._pools: dict[tuple[str, Origin], ConnectionPool] = {}
        self._retired: list[ConnectionPool] = []
        self._ssl: ssl.SSLContext | None = None
        self._closed = False

    def pool(self, pool_name: str, origin: Origin) -> ConnectionPool:
        key = (pool_name, origin)
        pool = self._pools.get(key)
        # Connections belong to the loop that opened them; a client driven from a new loop
        # (e.g. successive asyncio.run calls) gets fresh pools instead of dead ones.
        if pool is None or not pool.belongs_to_running_loop():
            if pool is not None:
                self._retired.append(pool)  # closed with the transport, on its own loop
            if self._closed:
                raise RuntimeError("this tinkex client has been closed")
            pool = self._pools[key] = ConnectionPool(
                origin.host,
                origin.port,
                ssl_context=self._ssl_context() if origin.scheme == "https" else None,
                max_connections=self._pool_size(pool_name),
            )
        return pool

    async def send(
        self,
        pool_name: str,
        origin: Origin,
        head: bytes,
        body: bytes | None,
        *,
        timeout: float,
        connect_timeout: float,
        is_head: bool = False,
    ) -> ResponseParser:
        return await self.pool(pool_name, origin).request(
            head, body, timeout=timeout, connect_timeout=connect_timeout, is_head=is_head
        )

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            import certifi  # the CA bundle httpx verifies against (trust_env is off in tinkex)

            context = ssl.create_default_context(cafile=certifi.where())
            context.set_alpn_protocols(["http/1.1"])
            self._ssl = context
        return self._ssl

    async def aclose(self) -> None:
        self._closed = True
        pools, self._pools = [*self._retired, *self._pools.values()], {}
        self._retired = []
        for pool in pools:
            await pool.aclose()


def httpx_is_patched() -> bool:
    """Whether httpx's transport layer has been replaced (respx, pytest-httpx, a monkeypatch).

    Tests written against httpx-based SDKs intercept requests there; while they do, tinkex
    sends through httpx so those mocks keep seeing every request. httpcore is only looked at
    when something already imported it: a mock of its pool had to import it first, and
    importing it here would load httpcore, h11, h2 and anyio (~60 modules) for nothing."""
    httpcore = sys.modules.get("httpcore")
    if httpcore is not None and not _is_original(httpcore.AsyncConnectionPool, "AsyncConnectionPool"):
        return True
    return not (
        _is_original(httpx.AsyncHTTPTransport, "AsyncHTTPTransport")
        and getattr(getattr(httpx.AsyncClient, "_transport_for_url", None), "__qualname__", "")
        == "AsyncClient._transport_for_url"
    )


def _is_original(cls: type, name: str) -> bool:
    """Whether ``cls.handle_async_request`` is still the library's own method."""
    method = getattr(cls, "handle_async_request", None)
    return getattr(method, "__qualname__", "") == f"{name}.handle_async_request"

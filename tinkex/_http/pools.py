"""httpx connection pools, one per purpose (features HTTP-08, HTTP-10; protocol §7.5).

Separate pools keep a burst of sampling requests from starving heartbeats or future
polls. Pools are created lazily on the SDK's loop thread and are keyed by the client's
base URL implicitly (each ``Pools`` belongs to one client configuration).
"""

from __future__ import annotations

import importlib.util
from enum import StrEnum

import httpx

from ..config import Config

CONNECT_TIMEOUT = 5.0


class PoolType(StrEnum):
    SESSION = "session"
    TRAINING = "training"
    SAMPLING = "sampling"
    FUTURES = "futures"
    TELEMETRY = "telemetry"
    DEFAULT = "default"


_BURST_POOLS = frozenset({PoolType.SAMPLING, PoolType.FUTURES})


def pool_limits(config: Config, pool: PoolType) -> httpx.Limits:
    """Connection limits for ``pool``: small fixed pools for control traffic, the big one for sampling."""
    overrides = dict(config.pool_overrides or {})
    sizes = {
        PoolType.SESSION: 5,
        PoolType.TRAINING: 10,
        PoolType.TELEMETRY: 5,
        PoolType.FUTURES: max(config.max_connections // 4, 10),
        PoolType.SAMPLING: config.max_connections,
        PoolType.DEFAULT: config.max_connections,
    }
    total = overrides.get(pool.value, sizes[pool])
    # The burst pools keep every connection alive: with keep-alive below the connection limit,
    # each burst opened up to ``total`` connections and closed all but ``max_keepalive`` again,
    # paying a handshake per request and leaving thousands of sockets in TIME-WAIT (issue 8).
    keepalive = total if pool in _BURST_POOLS else min(config.max_keepalive, total)
    return httpx.Limits(max_connections=total, max_keepalive_connections=keepalive)


def _resolve_http_client(value: object) -> object:
    """``TINKEX_HTTP_CLIENT`` / ``http_client="pkg.module:attr"``: import the attribute; a
    callable (class or factory) is called with no arguments to build the client."""
    if not isinstance(value, str):
        return value
    module_name, _, attribute = value.partition(":")
    target: object = getattr(importlib.import_module(module_name), attribute)
    return target() if callable(target) and not isinstance(target, httpx.AsyncClient) else target


def _http2_available() -> bool:
    # HTTP/2 needs the optional h2 package; httpx only negotiates it over TLS (ALPN).
    return importlib.util.find_spec("h2") is not None


class Pools:
    """Lazily built ``httpx.AsyncClient`` per pool type, or one injected client for all."""

    def __init__(self, config: Config, *, http_client: httpx.AsyncClient | None = None) -> None:
        self._config = config
        injected = http_client if http_client is not None else _resolve_http_client(config.http_client)
        if injected is not None and not isinstance(injected, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient")
        self._injected = injected
        self._clients: dict[PoolType, httpx.AsyncClient] = {}
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def has_injected_client(self) -> bool:
        """Whether every request must go through a user-supplied ``httpx.AsyncClient``."""
        return self._injected is not None

    def get(self, pool: PoolType) -> httpx.AsyncClient:
        if self._closed:
            raise RuntimeError("this tinkex client has been closed")
        if self._injected is not None:
            return self._injected
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._build(pool)
        return client

    def _build(self, pool: PoolType) -> httpx.AsyncClient:
        config = self._config
        proxy = httpx.Proxy(config.proxy, headers=dict(config.proxy_headers)) if config.proxy else None
        return httpx.AsyncClient(
            http2=_http2_available(),
            limits=pool_limits(config, pool),
            timeout=httpx.Timeout(config.timeout, connect=min(CONNECT_TIMEOUT, config.timeout)),
            proxy=proxy,
            follow_redirects=False,
            trust_env=False,  # proxies come from tinkex's config only, applied to every pool (D-14)
        )

    async def aclose(self) -> None:
        self._closed = True
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

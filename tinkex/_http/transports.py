"""The connections under the policy: one maintained httpx client per pool (HTTP-08/10).

By default each pool is an ``httpx_aiohttp.HttpxAiohttpClient`` (httpx's API over aiohttp's
connection pool and llhttp parser): measured at 2,000 concurrent requests it costs ~0.4 ms of
client CPU per request where httpx's own pool costs ~4 ms (benchmarks/RESULTS.md). HTTP/2
(``http2=True``) needs httpx's own transport (aiohttp speaks HTTP/1.1 only), and so does
``transport="httpx"``. Either way it is httpx that honours the environment as its users expect:
``HTTP(S)_PROXY``/``ALL_PROXY``/``NO_PROXY``, ``SSL_CERT_FILE``/``SSL_CERT_DIR`` (``trust_env``),
and an explicit ``proxy=`` / ``verify=`` (a CA bundle path or an ``ssl.SSLContext``) from config.
"""

from __future__ import annotations

import base64
import functools
import importlib
import os
import ssl
from typing import Any

import httpx

from ..config import Config
from .options import PoolType

__all__ = ["build_pool_client", "misreported_connection_error", "pool_limits", "resolve_injected_client"]

CONNECT_TIMEOUT = 5.0
_BURST_POOLS = frozenset({PoolType.SAMPLING, PoolType.FUTURES})


def pool_limits(config: Config, pool: PoolType) -> httpx.Limits:
    """Small fixed pools for control traffic, the big one for sampling."""
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
    # Burst pools keep every connection alive: with keep-alive below the connection limit a burst
    # would reconnect per request and leave thousands of sockets in TIME-WAIT.
    keepalive = total if pool in _BURST_POOLS else min(config.max_keepalive, total)
    return httpx.Limits(max_connections=total, max_keepalive_connections=keepalive)


def resolve_injected_client(value: object) -> httpx.AsyncClient | None:
    """``http_client`` / ``TINKEX_HTTP_CLIENT="pkg.module:attr"``: a user's own ``httpx.AsyncClient``
    (a class or factory is called with no arguments) that carries every pool's requests."""
    if value is None:
        return None
    if isinstance(value, str):
        module_name, _, attribute = value.partition(":")
        target: object = getattr(importlib.import_module(module_name), attribute)
        value = target() if callable(target) and not isinstance(target, httpx.AsyncClient) else target
    if not isinstance(value, httpx.AsyncClient):
        raise TypeError("http_client must be an httpx.AsyncClient")
    return value


def _proxy(config: Config) -> httpx.Proxy | None:
    """Tinkex's proxy setting. Basic credentials (which the config keeps as a Proxy-Authorization
    header, never in the URL) go back into ``httpx.Proxy``'s auth: aiohttp sends proxy headers
    only on CONNECT, while its proxy auth reaches plain-HTTP requests too."""
    if not config.proxy:
        return None
    headers = dict(config.proxy_headers)
    auth = next((v for k, v in headers.items() if k.lower() == "proxy-authorization"), None)
    if auth is not None and auth.startswith("Basic "):
        try:
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            pass
        else:
            headers = {k: v for k, v in headers.items() if k.lower() != "proxy-authorization"}
            parts = httpx.URL(config.proxy)
            return httpx.Proxy(parts.copy_with(username=user, password=password), headers=headers)
    return httpx.Proxy(config.proxy, headers=headers)


@functools.lru_cache(maxsize=16)
def _shared_ssl_context(
    verify: bool | str, trust_env: bool, cert_env: tuple[str, str], alpn: str
) -> ssl.SSLContext:
    """The TLS context of every pool with these settings, built once per process: loading a CA
    bundle costs ~20 ms, which each of a client's six pools (and each client) paid again. httpx
    builds it, so ``SSL_CERT_FILE``/``SSL_CERT_DIR`` (part of the key) and CA paths mean what
    they mean to httpx. ``alpn`` keeps httpx's HTTP/1.1 and HTTP/2 pools, which set the protocols
    on the context they are given, from sharing one."""
    del cert_env, alpn  # only part of the cache key
    return httpx.create_ssl_context(verify=verify, trust_env=trust_env)


def _ssl_context(config: Config, alpn: str) -> ssl.SSLContext:
    if isinstance(config.verify, ssl.SSLContext):
        return config.verify
    cert_env = (os.environ.get("SSL_CERT_FILE", ""), os.environ.get("SSL_CERT_DIR", ""))
    return _shared_ssl_context(config.verify, config.trust_env, cert_env, alpn)


def build_pool_client(config: Config, pool: PoolType) -> httpx.AsyncClient:
    proxy = _proxy(config)
    own_pool = config.http2 or config.transport == "httpx"
    alpn = ("h2" if config.http2 else "http/1.1") if own_pool else "aiohttp"
    options: dict[str, Any] = {
        "limits": pool_limits(config, pool),
        "timeout": httpx.Timeout(config.timeout, connect=min(CONNECT_TIMEOUT, config.timeout)),
        "proxy": proxy,
        "verify": _ssl_context(config, alpn),
        "trust_env": config.trust_env,
        "follow_redirects": False,
    }
    if own_pool:
        return httpx.AsyncClient(http2=config.http2, **options)
    from httpx_aiohttp import HttpxAiohttpClient

    return HttpxAiohttpClient(**options)


def misreported_connection_error(exc: BaseException) -> str | None:
    """The name of the connection failure behind ``exc`` when the transport called it a connect
    timeout, else None.

    httpx_aiohttp maps every ``aiohttp.ClientConnectionError`` (a refused or unreachable connect,
    and also a connection the server closed or reset mid-exchange) to ``httpx.ConnectTimeout``:
    its exception table keeps the broader entry it met first. The cause tells them apart: a real
    timeout is caused by a ``TimeoutError``."""
    if not isinstance(exc, httpx.ConnectTimeout):
        return None
    cause = exc.__cause__
    if cause is None or isinstance(cause, TimeoutError):
        return None
    import aiohttp

    if isinstance(cause, aiohttp.ClientConnectorError):
        return "ConnectError"
    if isinstance(cause, aiohttp.ClientConnectionError):
        return type(cause).__name__  # e.g. ServerDisconnectedError, ClientOSError (a reset)
    return None

"""A tiny loopback HTTP forward proxy for tests: plain-HTTP absolute-form requests only.

It records the ``Proxy-Authorization`` values it received (so a test can prove the proxy
credentials reached the proxy) and relays each request to its target with httpx.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Headers that describe one hop and must not be relayed (RFC 9110 section 7.6.1).
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
}


@dataclass
class ProxyLog:
    proxy_authorizations: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def _target_url(scope: Scope) -> str:
    # uvicorn keeps an absolute-form request target ("http://host:port/path") in raw_path.
    raw = bytes(scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    if query and "?" not in raw:
        raw = f"{raw}?{query}"
    return raw


def _proxy_app(log: ProxyLog, client: httpx.AsyncClient) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message: Message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        log.proxy_authorizations += [v for k, v in headers if k.lower() == "proxy-authorization"]
        url = _target_url(scope)
        log.targets.append(url)
        relayed = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP and k.lower() != "host"]
        upstream = await client.request(scope["method"], url, content=body, headers=relayed)
        out = [
            (k.encode("latin-1"), v.encode("latin-1"))
            for k, v in upstream.headers.multi_items()
            if k.lower() not in _HOP_BY_HOP
            and k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
        ]
        out.append((b"content-length", str(len(upstream.content)).encode()))
        await send({"type": "http.response.start", "status": upstream.status_code, "headers": out})
        await send({"type": "http.response.body", "body": upstream.content})

    return app


@contextmanager
def forward_proxy() -> Iterator[tuple[str, ProxyLog]]:
    """Run the proxy on a free loopback port; yields (``host:port``, its log)."""
    log = ProxyLog()
    client = httpx.AsyncClient(timeout=120.0, trust_env=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(
            _proxy_app(log, client), http="h11", loop="asyncio", lifespan="off", log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}", log
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()

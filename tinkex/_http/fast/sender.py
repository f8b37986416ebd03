"""``FastSender``: what ``HttpClient`` needs to send one attempt through the fast transport.

It owns the transport, maps URLs to (origin, target) with a shortcut for the client's own base
URL (no URL parsing per request), keeps the pre-encoded constant header block in step with the
client's base headers, and turns the parsed reply into an ``httpx.Response``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

import httpx

from ..urls import normalize_base_url
from .request import HTTPX_DEFAULT_HEADERS, HeaderBlock, encode_head
from .response import RequestFactory, build_response
from .transport import FastTransport, Origin, split_url


class FastSender:
    def __init__(self, base_url: str, pool_size: Callable[[str], int]) -> None:
        self.transport = FastTransport(pool_size)
        self._prefix = normalize_base_url(base_url)
        split = split_url(self._prefix + "/")
        if split is None:
            raise ValueError("base_url cannot be served by the fast transport")
        self._origin = split[0]
        self._block: HeaderBlock | None = None

    def target(self, url: str) -> tuple[Origin, str] | None:
        """Where ``url`` goes, or ``None`` when only httpx can send it."""
        prefix = self._prefix
        if url.startswith(prefix) and url[len(prefix) : len(prefix) + 1] == "/":
            target = url[len(prefix) :]
            return (self._origin, target) if target.isascii() and " " not in target else None
        return split_url(url)

    def reset_headers(self) -> None:
        """The client's base headers changed (a new credential): re-encode the constant block."""
        self._block = None

    async def send(
        self,
        method: str,
        destination: tuple[Origin, str],
        pool_name: str,
        base_headers: Mapping[str, str],
        headers: Mapping[str, str],
        content: bytes | None,
        *,
        timeout: float,
        connect_timeout: float,
        request_factory: RequestFactory,
    ) -> httpx.Response:
        """One exchange; ``headers`` are the call's (and attempt's) own, over ``base_headers``."""
        block = self._block
        if block is None:
            block = self._block = HeaderBlock(base_headers)
        origin, target = destination
        head = encode_head(method, target, origin.host_header, block, headers, content)
        started = time.perf_counter()
        reply = await self.transport.send(
            pool_name,
            origin,
            head,
            content,
            timeout=timeout,
            connect_timeout=connect_timeout,
            is_head=method == "HEAD",
        )
        encoding = reply.fields.get(b"content-encoding")
        return build_response(
            reply.status,
            reply.raw_headers,
            reply.body(),
            encoding,
            request_factory,
            time.perf_counter() - started,
        )

    async def aclose(self) -> None:
        await self.transport.aclose()


def httpx_request(
    method: str, url: str, header_layers: tuple[Mapping[str, str], ...], content: bytes | None
) -> httpx.Request:
    """The ``httpx.Request`` httpx would have sent for this attempt (built only when asked for)."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in (dict(HTTPX_DEFAULT_HEADERS), *header_layers):
        for name, value in layer.items():
            merged[name.lower()] = (name, value)
    return httpx.Request(method, url, headers=list(merged.values()), content=content)

"""A lean asyncio HTTP/1.1 transport for tinkex's hot paths (issue 8: W2, W3, W4).

Why: with a fast server, the official-SDK-style stack (httpx -> httpcore -> anyio -> h11)
spent most of each request's client CPU on per-request objects, task switches and httpcore's
pool scheduling, which rescans every queued request against every connection. This package
does the same job with one ``asyncio.Protocol`` per connection (``connection``), an O(1)
bounded pool with FIFO waiters and keep-alive equal to its size (``pool``), request heads
serialized straight to bytes (``request``), a small response parser (``parser``) and real
``httpx.Response`` objects for callers (``response``).

``HttpClient`` uses it when it can serve the request exactly as httpx would: http(s) origins,
no proxy, no user-supplied httpx client, no streaming, no redirect following, httpx not patched
by a mocking library, and ``Config.fast_transport`` on (``TINKEX_FAST_TRANSPORT``). Everything
else goes through the httpx pools. Failures are raised as the httpx exception types httpx would
raise (``ConnectError``, ``ConnectTimeout``, ``ReadTimeout``, ``PoolTimeout``, ``ReadError``,
``RemoteProtocolError``), so error mapping and retry classification are shared with httpx.
HTTP/1.1 only: on TLS origins it does not negotiate HTTP/2.
"""

from .parser import ResponseParseError, ResponseParser
from .pool import ConnectionPool
from .request import HeaderBlock, encode_head
from .response import FastResponse, build_response
from .transport import FastTransport, Origin, httpx_is_patched, split_url

__all__ = [
    "ConnectionPool",
    "FastResponse",
    "FastTransport",
    "HeaderBlock",
    "Origin",
    "ResponseParseError",
    "ResponseParser",
    "build_response",
    "encode_head",
    "httpx_is_patched",
    "split_url",
]

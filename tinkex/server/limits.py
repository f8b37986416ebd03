"""Request-size limits of the local server: bodies are refused with 413 before they fill memory.

Two ways a client can send too much, both stopped here without buffering the excess:

* a declared ``Content-Length`` above the limit is answered without keeping a byte (up to
  ``DRAIN_FACTOR`` times the limit the body is read and discarded first, so that clients that
  send the whole body before reading see the 413);
* a body without a length (chunked) or one that lies about it is counted as it arrives, and
  the request fails with 413 as soon as the count passes the limit.

A zstd body is bounded twice: on the wire here, and after decompression in
``validation.read_body`` (a few KB of zstd can expand to gigabytes). JSON nesting is bounded
by orjson itself (it refuses more than 1024 levels), which ``parse_json_object`` turns into a 400.
"""

from __future__ import annotations

import orjson
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# DEFAULT_MAX_BODY_BYTES (64 MiB) is large enough for the biggest request the SDK sends (a
# forward_backward chunk is at most ~5 MB by default, and one long datum cannot be split) and
# small enough to keep memory bounded. It lives with the body readers that also enforce it.
from tinkex.server.validation import DEFAULT_MAX_BODY_BYTES, MAX_BODY_SCOPE_KEY

__all__ = ["DEFAULT_MAX_BODY_BYTES", "BodyLimitMiddleware", "BodyTooLarge"]


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once the body passes the limit. An ``HTTPException`` so that a
    route reading the body gets Starlette's 413 reply instead of a 500."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"body: larger than the server's limit of {limit} bytes")
        self.limit = limit


def _declared_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the HTTP parser rejects malformed lengths before the app runs
    return None


# A client that writes its whole body before reading (httpx, most HTTP/1.1 clients) only sees
# the 413 if the body is consumed first; bodies up to this multiple of the limit are read and
# thrown away chunk by chunk (no memory kept), larger ones get the 413 at once and a closed
# connection.
DRAIN_FACTOR = 4


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


def _reply_413(limit: int) -> tuple[Message, Message]:
    payload = orjson.dumps({"detail": f"body: larger than the server's limit of {limit} bytes"})
    start: Message = {
        "type": "http.response.start",
        "status": 413,
        # The unread rest of the body makes the connection unusable for another request.
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"connection", b"close"),
        ],
    }
    return start, {"type": "http.response.body", "body": payload, "more_body": False}


class BodyLimitMiddleware:
    """Refuse request bodies larger than ``max_body_bytes`` with 413 (outermost middleware)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        if max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be >= 1, got {max_body_bytes}")
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        scope[MAX_BODY_SCOPE_KEY] = limit  # read_body bounds decompressed bodies by the same limit
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            if declared <= limit * DRAIN_FACTOR:
                await _drain(receive)
            for message in _reply_413(limit):
                await send(message)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Read outside Starlette's handlers (e.g. by the fault middleware): answer here.
            if started:
                raise
            for message in _reply_413(limit):
                await send(message)

"""Pure ASGI middleware that applies request faults chosen by a ``FaultInjector``.

A dropped connection is made by starting a response whose ``content-length`` promises more
bytes than are sent and then returning: uvicorn closes the socket and the client sees a
truncated response (httpx ``RemoteProtocolError``). ASGI cannot reset a connection before the
headers, but a truncated reply takes the same retry path in the SDKs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tinkex.server.faults_rules import (
    AcceptThenDropAction,
    DelayAction,
    DropAction,
    RequestFault,
    StatusAction,
)

if TYPE_CHECKING:
    from tinkex.server.faults import FaultInjector

ModelIdOf = Callable[[bytes, str], "str | None"]

# Paths the middleware never counts or faults, so tests can always reach the admin routes.
ADMIN_PREFIX = "/_local/"


def json_model_id(body: bytes, content_type: str) -> str | None:
    """The ``model_id`` field of a JSON body; None for other bodies (the core may pass a
    ``model_id_of`` that also reads protobuf bodies)."""
    if "json" not in content_type:
        return None
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:  # junk (deep nesting, bad UTF-8): the route answers it with a 400
        return None
    value = data.get("model_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    """Read the whole request body; also returns a disconnect message if one arrived."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), [message]
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), []


def _replaying(body: bytes, pending: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands the app the already-read body, then defers to the real one."""
    queue: list[Message] = [{"type": "http.request", "body": body, "more_body": False}, *pending]

    async def replay() -> Message:
        if queue:
            return queue.pop(0)
        return await receive()

    return replay


async def _send_truncated(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes, declared_length: int
) -> None:
    """Start a response that promises ``declared_length`` bytes, send ``body`` (fewer), stop."""
    kept = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"transfer-encoding")]
    kept.append((b"content-length", str(declared_length).encode()))
    await send({"type": "http.response.start", "status": status, "headers": kept})
    await send({"type": "http.response.body", "body": body, "more_body": True})


class FaultMiddleware:
    """Applies the injector's request faults and counts every request per route.

    ``request_type_of(path)`` names the operation of a path (``forward_backward``, ``sample``,
    ``retrieve_future`` …); ``model_id_of(body, content_type)`` finds the model id when a rule
    matches on it (the body is then buffered and replayed to the app).
    """

    def __init__(
        self,
        app: ASGIApp,
        injector: FaultInjector,
        request_type_of: Callable[[str], str | None],
        *,
        model_id_of: ModelIdOf = json_model_id,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.app = app
        self.injector = injector
        self.request_type_of = request_type_of
        self.model_id_of = model_id_of
        self.sleep = sleep

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        method, path = str(scope["method"]), str(scope["path"])
        request_type = self.request_type_of(path)
        self.injector.record(f"{method} {path}", request_type)
        model_id = None
        if self.injector.wants_model_id(method, path, request_type):
            body, pending = await _read_body(receive)
            model_id = self.model_id_of(body, _header(scope, b"content-type"))
            receive = _replaying(body, pending, receive)
        fault = self.injector.on_request(method, path, request_type, model_id)
        if fault is None:
            await self.app(scope, receive, send)
        else:
            await self._apply(fault, scope, receive, send)

    async def _apply(self, fault: RequestFault, scope: Scope, receive: Receive, send: Send) -> None:
        action = fault.action
        if isinstance(action, DelayAction):
            await self.sleep(action.delay_s)
            await self.app(scope, receive, send)
        elif isinstance(action, StatusAction):
            await self.sleep(action.delay_s)
            await self._send_status(fault.rule_id, action, send)
        elif isinstance(action, DropAction):
            await self.sleep(action.delay_s)
            headers = [(b"content-type", b"application/json")]
            await _send_truncated(send, 200, headers, action.partial_body, len(action.partial_body) + 64)
        elif isinstance(action, AcceptThenDropAction):
            await self._handle_then_drop(scope, receive, send)

    async def _send_status(self, rule_id: str, action: StatusAction, send: Send) -> None:
        body = action.body
        if body is None:
            body = {"detail": f"injected fault: HTTP {action.status} (rule {rule_id})"}
        if isinstance(body, str):
            payload, content_type = body.encode(), b"text/plain; charset=utf-8"
        else:
            payload, content_type = orjson.dumps(body), b"application/json"
        headers = [(b"content-type", content_type), (b"content-length", str(len(payload)).encode())]
        headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in action.headers.items()]
        await send({"type": "http.response.start", "status": action.status, "headers": headers})
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    async def _handle_then_drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app to completion, keep its reply, and send the client only half of it."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        status = int(start["status"]) if start is not None else 200
        if status in (204, 304):
            # These statuses never carry a body, so the client would read them as complete.
            status = 200
        headers = list(start.get("headers", [])) if start is not None else []
        # An empty reply still has to look cut short, so it promises one byte.
        await _send_truncated(send, status, headers, body[: len(body) // 2], max(len(body), 1))
